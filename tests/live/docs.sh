#!/bin/sh
# The documentation agrees with the program: every option in --help is in
# the man page and the other way round; --version matches the man page;
# the README names every option too.
. "$(dirname "$0")/../lib.sh"
plan 5
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
# every long option of --help, as a whole word (--top is not --top-n);
# and --help must have listed some: an empty list checks nothing
nlong=$(grep -c -- '^--' "$tmp/h")
nomention=""
for opt in $(grep -- '^--' "$tmp/h"); do
	grep -qE -- "$opt([^a-zA-Z-]|\$)" "$root/README.md" || nomention="$nomention $opt"
done
check "README names each of the $nlong long options of --help (missing:$nomention)" \
    test "$nlong" -ge 10 -a -z "$nomention"
done_testing
