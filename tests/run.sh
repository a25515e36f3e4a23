#!/bin/sh
# run.sh: every test.  Unit tests (cmocka, built with ASan and UBSan),
# then live tests against this machine and end-to-end tests of the real
# binary in tmux.  Prints one closing line: "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0 failed=""
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# libproc2 keeps per-thread buffers it never frees (see tests/lsan.supp)
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export ZT_BIN="$PWD/build/san/zonetop" ZT_FIXTURES="$PWD/tests/fixtures"

count() {	# name status logfile
	p=$(grep -Ec '^(\[       OK \]|ok )' "$3")
	f=$(grep -Ec '^(\[  FAILED  \] [^0-9]|not ok )' "$3")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
	[ "$f" -eq 0 ] || failed="$failed $1"
	printf '%-28s %4d passed %3d failed\n' "$1" "$p" "$f"
}

for t in build/san/tests/test_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	"$t" >"$out" 2>&1; rc=$?
	[ $rc -eq 0 ] || cat "$out"
	count "$n" $rc "$out"
done
for kind in live e2e; do
	for t in tests/$kind/*.sh; do
		[ -f "$t" ] || continue
		n="$kind/$(basename "$t" .sh)"
		sh "$t" >"$out" 2>&1; rc=$?
		grep -q '^not ok' "$out" && grep -E '^(not ok|#)' "$out"
		[ $rc -eq 0 ] || tail -20 "$out"
		count "$n" $rc "$out"
	done
done
[ -n "$failed" ] && echo "failing:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
