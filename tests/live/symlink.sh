#!/bin/sh
# Live: record (and so `w`, the same writer) and --textfile never write
# through a link someone else planted.  As root, in a sticky
# world-writable directory like /tmp (this machine may have
# fs.protected_symlinks = 0), the user nobody plants symbolic links to
# files that do not exist yet and to one that does; zonetop must refuse
# them, create nothing and change nothing.  Its own links it follows.
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ] || ! id nobody >/dev/null 2>&1; then
	skip_all "needs root and a user nobody"
fi
plan 16
d=$(mktemp -d /tmp/zt-symlink-$$-XXXXXX)
trap 'rm -rf "$d"' EXIT INT TERM
chmod 1777 "$d"
mkdir "$d/prom"
chmod 1777 "$d/prom"
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

as_nobody ln -s "$d/victim-new" "$d/x"
check "nobody's link is nobody's" [ "$(stat -c %U "$d/x")" = nobody ]
out=$("$ZT_BIN" record "$d/x" -n 1 -d 0.1 2>&1); rc=$?
check "record through nobody's link to a new file: exit 1" [ $rc -eq 1 ]
contains "record through nobody's link: says why" "$out" \
    "$d/x: a symbolic link owned by uid 65534, not by this user: not writing through it"
check "the link's target was not created" [ ! -e "$d/victim-new" ]

echo "precious" >"$d/victim-old"
as_nobody ln -s "$d/victim-old" "$d/y"
"$ZT_BIN" record "$d/y" -n 1 -d 0.1 >/dev/null 2>&1
check "record through nobody's link to an existing file: exit 1" [ $? -eq 1 ]
check "the existing target is unchanged" [ "$(cat "$d/victim-old")" = precious ]

# the textfile: its name in DIR is replaced by a rename, never followed
as_nobody ln -s "$d/victim-prom" "$d/prom/zonetop.prom"
"$ZT_BIN" --openmetrics --textfile "$d/prom" >/dev/null 2>"$d/err"
check "textfile with nobody's link in place: exit 0" [ $? -eq 0 ]
check "textfile: the link's target was not created" [ ! -e "$d/victim-prom" ]
check "textfile: a regular file now" [ -f "$d/prom/zonetop.prom" ] && [ ! -L "$d/prom/zonetop.prom" ]
check "textfile: owned by root" [ "$(stat -c %U "$d/prom/zonetop.prom")" = root ]
check "textfile: ends with # EOF" [ "$(tail -n 1 "$d/prom/zonetop.prom")" = "# EOF" ]
check "textfile: no temporary file left" [ "$(ls -A "$d/prom" | wc -l)" -eq 1 ]

# a new file: created, not through anything
"$ZT_BIN" record "$d/new.ztrec" -n 2 -d 0.1 2>/dev/null
check "record to a new file: exit 0" [ $? -eq 0 ]
check "record to a new file: a regular file of root's" [ -f "$d/new.ztrec" ] && [ "$(stat -c %U "$d/new.ztrec")" = root ]
# the caller's own link is the caller's choice
ln -s "$d/mine.ztrec" "$d/mylink"
"$ZT_BIN" record "$d/mylink" -n 1 -d 0.1 2>/dev/null
check "record through the caller's own link: exit 0" [ $? -eq 0 ]
check "record through the caller's own link: the target written" [ -s "$d/mine.ztrec" ]
done_testing
