#!/bin/sh
# Live: zonetop maps only the libraries a mode uses.  The release build
# (./zonetop: the sanitizer build maps its runtime's own), sampling in
# batch mode, must not map libm (src/arith.c does its rounding and
# logarithms: libm's relocations alone made 0.5 MiB of the live
# screen's resident pages), libmicrohttpd (dlopen'ed by --listen only)
# or libbpf (dlopen'ed in the BPF loader's child only), and maps
# libproc2 (dlopen'ed for its rows' details).  The live screen (in a
# tmux pane) maps neither libproc2 nor the libsystemd it brings: it
# reads its rows' details itself.  Maps are read while the program
# runs, after its first sample; it is stopped and reaped on every path.
. "$(dirname "$0")/../lib.sh"
plan 9
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${ZT_REL_BIN:=$root/zonetop}"
if [ ! -x "$ZT_REL_BIN" ]; then
	make -s -C "$root" zonetop >/dev/null 2>&1
fi
tmp=$(mktemp -d /tmp/zt-libs-$$-XXXXXX)
zp=
sock=zt-libs-$$
trap '[ -n "$zp" ] && kill "$zp" 2>/dev/null; tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

"$ZT_REL_BIN" -b -d 0.5 -n 40 --no-mlock --no-oom-adj >"$tmp/out" 2>"$tmp/err" &
zp=$!
i=0
while [ ! -s "$tmp/out" ] && [ $i -lt 100 ] && kill -0 "$zp" 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
maps=$(awk '{ print $6 }' "/proc/$zp/maps" 2>/dev/null | sed 's|.*/||' | sort -u)
kill "$zp" 2>/dev/null
wait "$zp" 2>/dev/null
zp=
check "zonetop sampled and its maps were read" [ -s "$tmp/out" ]
contains "it maps libc (the maps are its own)" "$maps" "libc.so"
lacks "no libm" "$maps" "libm.so"
lacks "no libmicrohttpd (--listen loads it)" "$maps" "libmicrohttpd"
lacks "no libbpf (the loader's child loads it)" "$maps" "libbpf"
contains "libproc2 (the rows' details)" "$maps" "libproc2.so"

# the live screen: maps read once its first frame is drawn
if ! command -v tmux >/dev/null 2>&1; then
	skips 3 "tmux is not installed"
	done_testing
fi
TERM=xterm-256color tmux -L "$sock" new-session -d -x 160 -y 50 \
    "exec $ZT_REL_BIN -d 0.5 --no-mlock --no-oom-adj 2>$tmp/err"
zp=$(tmux -L "$sock" display -p '#{pane_pid}')
i=0 drawn=no
while [ $i -lt 100 ]; do
	if tmux -L "$sock" capture-pane -p | grep -q "OOM CANDIDATES"; then
		drawn=yes
		break
	fi
	sleep 0.1; i=$((i + 1))
done
sleep 1
maps=$(awk '{ print $6 }' "/proc/$zp/maps" 2>/dev/null | sed 's|.*/||' | sort -u)
tmux -L "$sock" kill-server 2>/dev/null
zp=
case $maps in *libc.so*) ;; *) drawn="no maps" ;; esac
check "the live screen drew its candidates, its maps read (libc)" \
    [ "$drawn" = yes ]
lacks "the live screen: no libproc2" "$maps" "libproc2"
lacks "the live screen: no libsystemd" "$maps" "libsystemd"
done_testing
