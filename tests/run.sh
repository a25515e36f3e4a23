#!/bin/sh
# run.sh: every test.  Unit tests (cmocka, built with ASan and UBSan, run
# with CMOCKA_MESSAGE_OUTPUT=TAP), then live tests against this machine
# and end-to-end tests of the real binary in tmux (tests/lib.sh).
#
# Everything speaks TAP and is counted the same way: a program's plan
# ("1..N") must match the checks it ran ("ok"/"not ok" lines), or it
# fails once more (no plan, stopped early, crashed midway); "# SKIP"
# checks are skipped, not passed, and "1..0 # SKIP why" skips a whole
# script; a status other than 0 with no failing check is one failure.
# The skips are listed by name, then one closing line, alone and last,
# which CI reads:  "N passed, N failed, N skipped".
#
# With arguments, only those run (unit binaries build/san/tests/test_X or
# scripts tests/KIND/X.sh), counted the same way.
#
# ZT_GOLDEN_UPDATE is refused here: golden screens are regenerated only
# by `make golden`, never by a test run.  Not run here: `make mutants`
# (scripts/mutants.py: one-token mutants of the model's core against the
# unit tests, survivors listed), `make fuzz` (tests/fuzz/run.sh; CI runs
# `make fuzz-smoke`), `make soak`, `make bench`.
cd "$(dirname "$0")/.." || exit 2
if [ -n "${ZT_GOLDEN_UPDATE:-}" ]; then
	echo "tests/run.sh: ZT_GOLDEN_UPDATE is set: a test run would rewrite the golden screens instead of comparing them; use 'make golden'" >&2
	exit 2
fi
pass=0 fail=0 skipped=0 failed=""
out=$(mktemp)
skips=$(mktemp)
# each program keeps zonetop's state (the BPF path's counter verdict,
# src/procs_bpf.h) in a directory of its own, empty at its start: no
# test reads what this machine's /run/zonetop or another test left
states=$(mktemp -d)
trap 'rm -f "$out" "$skips"; rm -rf "$states"' EXIT INT TERM
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# libproc2 keeps per-thread buffers it never frees (see tests/lsan.supp)
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export ZT_BIN="$PWD/build/san/zonetop" ZT_FIXTURES="$PWD/tests/fixtures"
export CMOCKA_MESSAGE_OUTPUT=TAP

# count NAME STATUS LOG: the TAP of one program, added to the totals
count() {
	planned=$(sed -n 's/^[[:space:]]*1\.\.\([0-9][0-9]*\).*/\1/p' "$3" | awk '{ s += $1 } END { print NR ? s : "" }')
	ran=$(grep -Ec '^(not )?ok\b' "$3")
	s=$(grep -Eic '^(not )?ok\b[^#]*# skip' "$3")
	f=$(grep -E '^not ok\b' "$3" | grep -Evic '^[^#]*# skip')
	p=$((ran - s - f))
	grep -Ei '^(not )?ok\b[^#]*# skip' "$3" |
	    sed -E "s/^(not )?ok [0-9]* *-? *//; s/# [Ss][Kk][Ii][Pp] *//; s|^|  $1: |" >>"$skips"
	why=""
	if grep -Eq '^1\.\.0 # SKIP' "$3" && [ "$ran" -eq 0 ]; then
		s=1
		sed -n "s|^1\.\.0 # SKIP *|  $1: (all) |p" "$3" | head -1 >>"$skips"
	elif [ -z "$planned" ]; then
		f=$((f + 1)); why=" (no plan)"
	elif [ "$planned" -ne "$ran" ]; then
		f=$((f + 1)); why=" (planned $planned, ran $ran)"
	elif [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; why=" (exit status $2)"
	fi
	pass=$((pass + p)); fail=$((fail + f)); skipped=$((skipped + s))
	[ "$f" -eq 0 ] || failed="$failed $1"
	printf '%-28s %4d passed %3d failed %3d skipped%s\n' "$1" "$p" "$f" "$s" "$why"
}

unit() {	# binary
	n=$(basename "$1")
	ZT_STATE_DIR="$states/$n" "$1" >"$out" 2>&1; rc=$?
	[ $rc -eq 0 ] || cat "$out"
	count "$n" $rc "$out"
}
script() {	# tests/KIND/NAME.sh
	n="$(basename "$(dirname "$1")")/$(basename "$1" .sh)"
	ZT_STATE_DIR="$states/$(echo "$n" | tr / -)" sh "$1" >"$out" 2>&1; rc=$?
	grep -q '^not ok' "$out" && grep -E '^(not ok|#)' "$out"
	[ $rc -eq 0 ] || tail -20 "$out"
	count "$n" $rc "$out"
}
if [ $# -gt 0 ]; then
	for t in "$@"; do
		case $t in
		*.d) ;;		# make's dependency files, beside the binaries
		*.sh) script "$t" ;;
		*) if [ -x "$t" ] && [ -f "$t" ]; then unit "$t"; else
			echo "$t: not a test program"; fail=$((fail + 1)); failed="$failed $t"
		   fi ;;
		esac
	done
else
	for t in build/san/tests/test_*; do
		[ -x "$t" ] && [ -f "$t" ] && unit "$t"
	done
	for t in tests/live/*.sh tests/e2e/*.sh; do
		[ -f "$t" ] && script "$t"
	done
fi
[ -n "$failed" ] && echo "failing:$failed"
if [ "$skipped" -gt 0 ]; then
	echo "skipped:"
	cat "$skips"
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
