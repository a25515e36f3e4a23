# lib.sh: shared by the soak scripts (not a test itself: `make soak`
# skips it).  Source it from tests/soak/X.sh.
# Builds the load generator (spawn.c) and numbers soak.py's verdicts in
# the "ok N - what" form of tests/lib.sh.  The soak tests measure the
# release build (./zonetop, `make zonetop`): ASan's quarantine and
# shadow memory would hide a leak's slope.  ZT_SOAK_BIN overrides.
cd "$(dirname "$0")/../.." || exit 2
: "${ZT_FIXTURES:=$PWD/tests/fixtures}"
: "${ZT_BIN:=$PWD/build/san/zonetop}"
. tests/lib.sh
: "${ZT_SOAK_BIN:=$PWD/zonetop}"
mkdir -p build/soak
if [ ! -x build/soak/spawn ] || [ tests/soak/spawn.c -nt build/soak/spawn ]; then
	cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -o build/soak/spawn \
	    tests/soak/spawn.c || exit 2
fi
[ -x "$ZT_SOAK_BIN" ] || { echo "not ok 1 - no $ZT_SOAK_BIN: make zonetop"; exit 1; }

# soak_run ARGS...: run soak.py, turning its verdicts into numbered lines
soak_run() {
	python3 tests/soak/soak.py "$@" >build/soak/verdicts.$$ 2>&1
	rc=$?
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "${line#ok }" ;;
		"not ok "*) notok "${line#not ok }" ;;
		*) echo "$line" ;;
		esac
	done <build/soak/verdicts.$$
	rm -f build/soak/verdicts.$$
	[ $rc -eq 0 ] || notok "soak.py ran (exit $rc)"
}
