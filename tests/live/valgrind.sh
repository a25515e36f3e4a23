#!/bin/sh
# Live: valgrind memcheck on the release build (./zonetop; ASan and
# valgrind do not mix) finds no error and no leak (definite, indirect or
# possible) in a batch run on this machine, `zonetop explain` on the
# motivating report, a short recording and its replay.  Processes are
# read from /proc (--no-bpf): valgrind does not model the bpf() syscall
# (it reports the kernel's answers as uninitialised and warns "unhandled
# eBPF command"); the BPF path runs under ASan in bpf.sh.
. "$(dirname "$0")/../lib.sh"
plan 13
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
zt=./zonetop
if ! command -v valgrind >/dev/null 2>&1; then
	notok "valgrind installed (sh scripts/deps.sh test)"; done_testing
fi
[ -x "$zt" ] || { notok "./zonetop built (make zonetop)"; done_testing; }

# vg NAME ARGS...: run under memcheck, stdout to $tmp/NAME.out; ok when
# it exits 0 and memcheck said nothing
vg() {
	_name=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    --log-file="$tmp/$_name.vg" "$@" >"$tmp/$_name.out" 2>"$tmp/$_name.err"
	_rc=$?
	if [ $_rc -eq 0 ] && [ ! -s "$tmp/$_name.vg" ]; then
		ok "memcheck clean: $_name"
	else
		notok "memcheck clean: $_name (exit $_rc)"
		sed 's/^/# /' "$tmp/$_name.vg" | head -40
		sed 's/^/# stderr: /' "$tmp/$_name.err" | head -5
	fi
}

vg batch-text "$zt" -b -n 2 -d 0.2 --no-bpf
check "batch printed two samples" [ "$(grep -c '^zonetop ' "$tmp/batch-text.out")" -eq 2 ]
vg batch-json "$zt" -b -n 2 -d 0.2 --format json --no-bpf
check "batch JSON printed two lines" [ "$(wc -l <"$tmp/batch-json.out")" -eq 2 ]

vg explain "$zt" explain "$ZT_FIXTURES/oom/seed-4.4-kvm-balloon.txt"
contains "explain found the report" "$(cat "$tmp/explain.out")" "OOM report 1 of 1"
vg explain-json "$zt" explain "$ZT_FIXTURES/oom/seed-4.4-kvm-balloon.txt" --format json

vg record "$zt" record "$tmp/rec.ztr" -n 3 -d 0.2 --no-bpf
check "recording written" [ -s "$tmp/rec.ztr" ]
vg replay "$zt" -b --replay "$tmp/rec.ztr"
check "replay printed three samples" [ "$(grep -c '^zonetop ' "$tmp/replay.out")" -eq 3 ]
vg replay-json "$zt" -b --replay "$tmp/rec.ztr" --format json
check "replay JSON printed three lines" [ "$(wc -l <"$tmp/replay-json.out")" -eq 3 ]
done_testing
