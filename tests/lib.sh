# lib.sh: helpers for the shell tests (live/ and e2e/).  Source it.
#
# A script speaks TAP: "plan N" first (prints "1..N"), then every check
# prints "ok N - what" or "not ok N - what", and done_testing last.
# tests/run.sh counts those lines; a script that runs a number of checks
# other than its plan fails, so one that stops early cannot pass.
#   plan N            the number of checks this script runs, on every path
#   skip "why"        a check that cannot run here: "ok N - # SKIP why",
#                     counted as skipped (and named) by tests/run.sh
#   skips N "why"     N of them (a branch of N checks)
#   skip_all "why"    the whole script cannot run here: "1..0 # SKIP why"
#   check / contains / lacks / ok / notok      one check each
#   checker_out RC FILE NAME [PREFIX]   the output of a checker program
# A check that depends on a capability takes the same number of lines
# either way: the branch that cannot run says skip for each of its checks.
# tests/run.sh adds every script up to its closing line "N passed, N
# failed, N skipped"; golden screens (golden in tests/e2e/tmux.inc) are
# rewritten only by `make golden`.  Mutation testing (`make mutants`) and
# fuzzing (`make fuzz`) are separate: see README.md, Tests.
# tests/live/harness.sh checks these helpers and tests/run.sh's counting.
# ZT_BIN is the sanitizer build of zonetop.
: "${ZT_BIN:=$(cd "$(dirname "$0")/../.." && pwd)/build/san/zonetop}"
: "${ZT_FIXTURES:=$(cd "$(dirname "$0")/.." && pwd)/fixtures}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/.." && pwd)/lsan.supp:print_suppressions=0}"
_n=0
_failed=0
_plan=
plan() { _plan=$1; echo "1..$1"; }
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
ok() { _n=$((_n + 1)); echo "ok $_n - $1"; }
notok() { _n=$((_n + 1)); _failed=$((_failed + 1)); echo "not ok $_n - $1"; }
skip() { _n=$((_n + 1)); echo "ok $_n - # SKIP $1"; }
# skips N "why": N checks of a branch that cannot run here
skips() { _k=0; while [ "$_k" -lt "$1" ]; do skip "$2"; _k=$((_k + 1)); done; }
# check "what" command...: ok when the command succeeds
check() { _what=$1; shift; if "$@"; then ok "$_what"; else notok "$_what"; fi; }
# contains "what" haystack needle
contains() { case "$2" in *"$3"*) ok "$1" ;; *) notok "$1"; printf '# expected to find: %s\n' "$3" ;; esac; }
lacks() { case "$2" in *"$3"*) notok "$1"; printf '# did not expect: %s\n' "$3" ;; *) ok "$1" ;; esac; }

# checker_out RC FILE NAME [PREFIX]: FILE holds what a checker printed
# (standard output and error), RC its exit status.  Its lines "ok WHAT",
# "FAIL WHAT" (or "not ok WHAT") and "SKIP WHAT" become checks named
# PREFIX WHAT, "# ..." lines comments; any other line (a traceback, a
# stray print) and a status other than 0 fail one more check each, so a
# checker that dies halfway cannot pass (nor match the plan).
checker_out() {
	_rc=$1 _bad=0
	while IFS= read -r _l; do
		case $_l in
		"ok "*) ok "${4:-}${_l#ok }" ;;
		"FAIL "*) notok "${4:-}${_l#FAIL }" ;;
		"not ok "*) notok "${4:-}${_l#not ok }" ;;
		"SKIP "*) skip "${4:-}${_l#SKIP }" ;;
		"#"*) printf '%s\n' "$_l" ;;
		*) _bad=$((_bad + 1)); printf '# %s: %s\n' "$3" "$_l" ;;
		esac
	done <"$2"
	[ "$_bad" -eq 0 ] || notok "$3: $_bad lines of unrecognised output"
	[ "$_rc" -eq 0 ] || notok "$3: the checker exited $_rc"
}

done_testing() {
	if [ -n "$_plan" ] && [ "$_n" -ne "$_plan" ]; then
		echo "# planned $_plan checks, ran $_n"
		exit 1
	fi
	[ "$_failed" -eq 0 ]; exit $?
}
