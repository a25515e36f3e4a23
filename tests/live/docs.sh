#!/bin/sh
# The documentation agrees with the program: every option in --help is in
# the man page and the other way round; --version matches the man page;
# the README names every option too.
. "$(dirname "$0")/../lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ZT_BIN" --help >"$tmp/help"
check "--help exits 0" [ $? -eq 0 ]
grep -oE -- '(^|[ ,\[])--?[a-zA-Z][a-zA-Z-]*' "$tmp/help" | sed 's/^[ ,\[]//' | sort -u >"$tmp/h"
# man: options are written \-\-name or \-x in roff
sed 's/\\-/-/g' "$root/zonetop.1" | grep -oE -- '(^|[^a-zA-Z-])--?[a-zA-Z][a-zA-Z-]*' |
	sed 's/^[^-]*//' | sort -u >"$tmp/m"
missing=$(comm -23 "$tmp/h" "$tmp/m" | tr '\n' ' ')
extra=$(comm -13 "$tmp/h" "$tmp/m" | tr '\n' ' ')
check "every --help option is in the man page (missing: $missing)" [ -z "$missing" ]
check "every man page option is in --help (extra: $extra)" [ -z "$extra" ]
ver=$("$ZT_BIN" --version | awk '{print $2}')
[ -n "$ver" ] && grep -q "zonetop $ver" "$root/zonetop.1"
check "man page names version $ver" [ $? -eq 0 ]
for opt in $(grep -- '^--' "$tmp/h"); do
	grep -q -- "$opt" "$root/README.md" || notok "README mentions $opt"
done
ok "README checked for every long option"
done_testing
