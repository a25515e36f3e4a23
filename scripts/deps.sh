#!/bin/sh
# deps.sh [group...]: install the Debian packages zonetop needs, if missing.
# Groups: build (default), test, fuzz, check, shots.  As root it runs apt-get,
# otherwise sudo apt-get; when neither works it says what to install.
# clang, bpftool and libbpf-dev build the BPF task iterator (without them
# make builds zonetop without it, reading processes through /proc only).
set -eu

build="gcc make pkg-config libncurses-dev libproc2-dev libjansson-dev zlib1g-dev libmicrohttpd-dev clang bpftool libbpf-dev"
test="libcmocka-dev tmux procps util-linux python3 python3-prometheus-client strace valgrind prometheus"
fuzz="clang libclang-rt-14-dev"
check="clang-tidy cppcheck python3"
shots="tmux chromium fonts-dejavu-core python3"

want=""
[ $# -eq 0 ] && set -- build
for g in "$@"; do
	case "$g" in
	build) want="$want $build" ;;
	test) want="$want $build $test" ;;
	fuzz) want="$want $fuzz" ;;
	check) want="$want $build $check" ;;
	shots) want="$want $shots" ;;
	*) echo "deps.sh: unknown group '$g'" >&2; exit 2 ;;
	esac
done

missing=""
for p in $want; do
	case " $missing " in *" $p "*) continue ;; esac
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "zonetop: installing missing packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "zonetop: missing packages:$missing" >&2
	echo "zonetop: run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -q --no-install-recommends $missing; then
	$SUDO apt-get update -q
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi
