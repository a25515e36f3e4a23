#!/bin/sh
# Live: zonetop on real /proc captures nobody on the project had seen
# (tests/fixtures/proc-fresh/NNN-*/: whole files from public sources, one
# machine each, SOURCE.md says where from), compared with the oracle
# written for each before zonetop first ran on it (oracle.json, by
# mkoracle.py from the files and the kernel's rules).  Per capture, five
# checks:
#   1. batch JSON exits 0 with no sanitizer report
#   2. its zones are the oracle's: order, free/min/low/high/spanned/
#      present/managed where printed, empty, watermark state, page size
#      (null, unknown, where the capture has not both zoneinfo and
#      MemTotal to tell it; the oracle's where it has)
#   3. buddy counts, pagetypeinfo (read with --pagetypeinfo), meminfo,
#      oom_kill, PSI and swap devices as printed
#   4. every file the capture lacks has a reason in "unavailable" and no
#      number in its place (null, never 0)
#   5. the text report exits 0, prints, with no sanitizer report, gives
#      no watermark verdict (FAIL) for zones whose marks the capture does
#      not give (no zoneinfo), and gives the JSON's page size (n/a where
#      that is null)
. "$(dirname "$0")/../lib.sh"
FRESH="$ZT_FIXTURES/proc-fresh"
ncap=17
plan $((5 * ncap))
command -v jq >/dev/null 2>&1 || { skips $((5 * ncap)) "jq not installed (make deps-test)"; done_testing; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# sanitized FILE: no ASan/LSan/UBSan report in FILE
sanitized() { ! grep -Eq 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$1"; }

# the comparisons: $o is the oracle, the input zonetop's JSON; one line
# per difference, none when all agree
cat >"$tmp/zones.jq" <<'EOF'
def zid: "\(.node)/\(.zone)";
def words: ["ok", "below_high", "below_low", "below_min"];
. as $s | ($s.zones // []) as $z |
((($o.missing // []) | index("zoneinfo")) == null and
 ($s.meminfo.MemTotal? // null) != null) as $tells |
([$z[] | zid]) as $got | ([$o.zones[]? | zid]) as $want |
(if ($o | has("zones")) and $got != $want
 then "zones \($got) != oracle \($want)" else empty end),
(if $o.page_kb == null and $s.page_kb != null
 then "page_kb \($s.page_kb): the capture cannot tell it" else empty end),
(if $o.page_kb != null and $s.page_kb != $o.page_kb and
    ($s.page_kb != null or $tells)
 then "page_kb \($s.page_kb) != \($o.page_kb)" else empty end),
($o.zones[]? as $w | ($z | map(select(zid == ($w | zid))) | .[0]) as $g |
 if $g == null then empty else
  (["free", "min", "low", "high", "spanned", "present", "managed"][] as $k |
   select($w | has($k)) | select($g[$k] != $w[$k]) |
   "\($w | zid) \($k) \($g[$k]) != \($w[$k])"),
  (select($g.empty != $w.empty) | "\($w | zid) empty \($g.empty) != \($w.empty)"),
  (if $w.state != null then
     select($g.state != $w.state) | "\($w | zid) state \($g.state) != \($w.state)"
   else
     select(words | index([$g.state]) != null) |
     "\($w | zid) state \($g.state): a zone with no managed pages has none"
   end)
 end)
EOF
cat >"$tmp/other.jq" <<'EOF'
def zid: "\(.node)/\(.zone)";
def near($a; $b): (($a // -1) - $b) | fabs < 0.005;
. as $s |
($o.buddy[]? as $w |
 ([($s.zones // [])[] | select(zid == ($w | zid))] | .[0].buddy) as $g |
 select($g != $w.counts) | "buddy \($w | zid) \($g) != \($w.counts)"),
($o.meminfo // {} | to_entries[] |
 select($s.meminfo[.key] != .value) | "meminfo \(.key) \($s.meminfo[.key]) != \(.value)"),
($o.meminfo_not_small[]? | select($s.meminfo[.] != null and $s.meminfo[.] < 9.2e18) |
 "meminfo \(.) \($s.meminfo[.]): the file prints a value past 2^63"),
(if $o.meminfo.SwapTotal != null and $s.swap.total_kb != $o.meminfo.SwapTotal
 then "swap.total_kb \($s.swap.total_kb) != \($o.meminfo.SwapTotal)" else empty end),
(if $o | has("oom_kills") then
   select($s.oom_kills != $o.oom_kills) | "oom_kills \($s.oom_kills) != \($o.oom_kills)"
 else empty end),
($o.psi // {} | to_entries[] | .key as $l | .value | to_entries[] |
 select(if .key == "total_us" then $s.psi[$l][.key] != .value
        else (near($s.psi[$l][.key]; .value) | not) end) |
 "psi \($l).\(.key) \($s.psi[$l][.key]) != \(.value)"),
($o.pagetypeinfo // {} | to_entries[] | .key as $k | .value as $w |
 ([($s.zones // [])[] | select(zid == $k)] | .[0].pagetypeinfo) as $g |
 if $g == null then "pagetypeinfo \($k): none shown" else
  ($w.free | to_entries[] | .key as $t |
   ([$g[] | select(.type == $t) | .free] | .[0]) as $f |
   select($f != .value) | "pagetypeinfo \($k) \($t) free \($f) != \(.value)"),
  ($w.blocks | to_entries[] | .key as $t |
   ([$g[] | select(.type == $t) | .blocks] | .[0]) as $b |
   select($b != .value) | "pagetypeinfo \($k) \($t) blocks \($b) != \(.value)")
 end),
(if $o | has("swap_devices") then
   ($s.swap.devices // [] | map({path, type, size_kb, used_kb, priority})) as $g |
   select($g != $o.swap_devices) | "swap devices \($g) != \($o.swap_devices)"
 else empty end)
EOF
cat >"$tmp/missing.jq" <<'EOF'
. as $s | $o.missing[] as $m |
(select(($s.unavailable[$m] // "") | length == 0) | "\($m): no reason in unavailable"),
(if $m == "zoneinfo" then
   ($s.zones // [])[] | select(.free != null or .min != null) |
   "\(.node)/\(.zone): free \(.free) min \(.min) without zoneinfo"
 elif $m == "buddyinfo" then
   ($s.zones // [])[] | select(.buddy != null) | "\(.node)/\(.zone): buddy \(.buddy) without buddyinfo"
 elif $m == "pagetypeinfo" then
   ($s.zones // [])[] | select(.pagetypeinfo != null) |
   "\(.node)/\(.zone): pagetypeinfo without the file"
 elif $m == "meminfo" then
   ("MemTotal", "MemFree", "MemAvailable") as $k |
   select(($s.meminfo // {})[$k] != null) | "meminfo \($k) \($s.meminfo[$k]) without meminfo"
 elif $m == "vmstat" then
   select($s.oom_kills != null) | "oom_kills \($s.oom_kills) without vmstat"
 elif $m == "swaps" then
   select($s.swap.devices != null) | "swap devices \($s.swap.devices) without swaps"
 elif $m == "psi" then
   select($s.psi != null) | "psi \($s.psi) without pressure/memory"
 else empty end)
EOF

# cmp NAME JQFILE ORACLE JSON: one check, its differences as comments
cmp_oracle() {
	jq -r --slurpfile o "$3" '$o[0] as $o | '"$(cat "$2")" "$4" >"$tmp/diff" 2>&1
	if [ $? -eq 0 ] && [ ! -s "$tmp/diff" ]; then ok "$1"; else
		notok "$1"; sed 's/^/#   /' "$tmp/diff" | head -20
	fi
}

n=0
for d in "$FRESH"/[0-9][0-9][0-9]-*/; do
	d=${d%/}
	c=$(basename "$d")
	n=$((n + 1))
	"$ZT_BIN" -b -n 1 --pagetypeinfo --format json --proc-root "$d" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && sanitized "$tmp/err" && jq -e . "$tmp/out.json" >/dev/null 2>&1
	then ok "$c: json exits 0, parses, no sanitizer report"
	else notok "$c: json exits 0, parses, no sanitizer report (exit $rc)"
		head -5 "$tmp/err" | sed 's/^/#   /'
		echo '{}' >"$tmp/out.json"
	fi
	cmp_oracle "$c: zones as the oracle" "$tmp/zones.jq" "$d/oracle.json" "$tmp/out.json"
	cmp_oracle "$c: buddy, pagetypeinfo, meminfo, oom_kill, psi, swaps as the oracle" \
	    "$tmp/other.jq" "$d/oracle.json" "$tmp/out.json"
	cmp_oracle "$c: each missing file has a reason and no number" \
	    "$tmp/missing.jq" "$d/oracle.json" "$tmp/out.json"
	"$ZT_BIN" -b -n 1 --proc-root "$d" >"$tmp/out.txt" 2>"$tmp/err"
	rc=$?
	# without zoneinfo no zone has free pages or marks: no verdict
	fails=0
	jq -e 'has("zones")' "$d/oracle.json" >/dev/null ||
	    fails=$(grep -c ':FAIL' "$tmp/out.txt")
	# a page size the JSON does not know is not printed as known
	page=ok
	if jq -e '.page_kb == null' "$tmp/out.json" >/dev/null; then
		head -n 1 "$tmp/out.txt" | grep -q 'page size n/a' || page=bad
	else
		head -n 1 "$tmp/out.txt" | grep -q "page $(jq .page_kb "$tmp/out.json") KiB" || page=bad
	fi
	if [ $rc -eq 0 ] && [ -s "$tmp/out.txt" ] && sanitized "$tmp/err" &&
	    [ "$fails" -eq 0 ] && [ $page = ok ]
	then ok "$c: text report exits 0, prints, no sanitizer report, no verdict without marks, its page size"
	else notok "$c: text report exits 0, prints, no sanitizer report, no verdict without marks, its page size (exit $rc, $fails FAIL lines, page size $page)"
		head -5 "$tmp/err" | sed 's/^/#   /'
	fi
done
[ "$n" -eq "$ncap" ] || echo "# $n captures, $ncap expected: the plan counts $ncap"
done_testing
