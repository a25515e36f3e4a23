# lib.sh: helpers for the shell tests (live/ and e2e/).  Source it.
# Each check prints "ok N - what" or "not ok N - what"; tests/run.sh
# counts those lines.  ZT_BIN is the sanitizer build of zonetop.
: "${ZT_BIN:=$(cd "$(dirname "$0")/../.." && pwd)/build/san/zonetop}"
: "${ZT_FIXTURES:=$(cd "$(dirname "$0")/.." && pwd)/fixtures}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/.." && pwd)/lsan.supp:print_suppressions=0}"
_n=0
_failed=0
ok() { _n=$((_n + 1)); echo "ok $_n - $1"; }
notok() { _n=$((_n + 1)); _failed=$((_failed + 1)); echo "not ok $_n - $1"; }
# check "what" command...: ok when the command succeeds
check() { _what=$1; shift; if "$@"; then ok "$_what"; else notok "$_what"; fi; }
# contains "what" haystack needle
contains() { case "$2" in *"$3"*) ok "$1" ;; *) notok "$1"; printf '# expected to find: %s\n' "$3" ;; esac; }
lacks() { case "$2" in *"$3"*) notok "$1"; printf '# did not expect: %s\n' "$3" ;; *) ok "$1" ;; esac; }
done_testing() { [ "$_failed" -eq 0 ]; exit $?; }
