#!/bin/sh
# Live: --openmetrics on this machine and on a capture passes a strict
# OpenMetrics parser (python3-prometheus-client's), counters end in
# _total, missing values are left out rather than written as 0.  A
# whole run opens no memory block's files (no family comes from the
# hypervisor, balloon and hotplug probe, which it leaves out).  With -d
# it stays resident: -n expositions on standard output, or the textfile
# rewritten every interval until SIGTERM, with the trend families once
# the sampler has history.
. "$(dirname "$0")/../lib.sh"
plan 59
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

validate() {	# file -> prints "ok what" / "FAIL what" lines
	/usr/bin/python3 - "$1" <<'PY'
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
try:
    fams = {f.name: f for f in text_string_to_metric_families(text)}
    print("ok parses as OpenMetrics")
except Exception as e:
    print("FAIL parses as OpenMetrics: %s" % e)
    sys.exit(1)
def has(name):
    print(("ok" if name in fams and fams[name].samples else "FAIL") + " has " + name)
for n in ["zonetop_zone_free_bytes", "zonetop_zone_watermark_min_bytes",
          "zonetop_zone_watermark_low_bytes", "zonetop_zone_watermark_high_bytes",
          "zonetop_zone_managed_bytes", "zonetop_zone_buddy_free_blocks",
          "zonetop_zone_fragmentation_index", "zonetop_commit_limit_bytes"]:
    has(n)
counters = [f for f in fams.values() if f.type == "counter"]
bad = [s.name for f in counters for s in f.samples
       if not s.name.endswith(("_total", "_created"))]
print(("FAIL" if bad or not counters else "ok") +
      " the samples of all %d counters end in _total %s" % (len(counters), bad or ""))
for extra in sys.argv[2:]:
    has(extra)
PY
}

# report NAME FILE: the checker's verdicts on FILE, named NAME: ...
report() {
	validate "$2" >"$tmp/py" 2>&1
	checker_out $? "$tmp/py" "$1: openmetrics checker" "$1: "
}

"$ZT_BIN" --openmetrics >"$tmp/live.om"
check "live --openmetrics exits 0" [ $? -eq 0 ]
report live "$tmp/live.om"
check "ends with # EOF" [ "$(tail -n 1 "$tmp/live.om")" = "# EOF" ]
grep -q '^zonetop_process_oom_score{rank="1"' "$tmp/live.om"
check "top candidate exported" [ $? -eq 0 ]

# The 6.18 capture has no swaps devices line and no processes: nothing
# invented for what is missing.
"$ZT_BIN" --openmetrics --proc-root "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g" >"$tmp/cap.om"
check "capture --openmetrics exits 0" [ $? -eq 0 ]
report capture "$tmp/cap.om"
check "DMA32 free bytes = 772808 pages x 4096" \
	grep -qx 'zonetop_zone_free_bytes{node="0",zone="DMA32"} 3165421568' "$tmp/cap.om"
# one whole run on a machine of fewer than 1,000 tasks reads /proc: no
# bpf() call at all (loading the program costs more than the sample)
tasks=$(sed 's|.* [0-9]*/\([0-9]*\) .*|\1|' /proc/loadavg)
if [ "$(id -u)" -ne 0 ] || ! command -v strace >/dev/null; then
	skip "one run of a small machine makes no bpf() call: needs root and strace"
elif [ "$tasks" -ge 1000 ]; then
	skip "one run of a small machine makes no bpf() call: $tasks tasks here"
else
	strace -f -qq -e trace=bpf -o "$tmp/bpf.trace" "$ZT_BIN" --openmetrics >/dev/null 2>&1
	check "one run of $tasks tasks makes no bpf() call" \
	    sh -c '[ -f "$1" ] && ! grep -q "bpf(" "$1"' sh "$tmp/bpf.trace"
fi
# nothing of the exposition comes from the vm probe: a run skips it
if ! command -v strace >/dev/null; then
	skip "a run opens no memory block: needs strace"
elif [ ! -d /sys/devices/system/memory ]; then
	skip "a run opens no memory block: no /sys/devices/system/memory here"
else
	strace -f -qq -e trace=openat,open -o "$tmp/open.trace" "$ZT_BIN" \
	    --openmetrics >/dev/null 2>&1
	n=$(grep -c "devices/system/memory/memory" "$tmp/open.trace")
	check "a run opens no memory block's files ($n opened)" \
	    sh -c '[ -s "$1" ] && [ "$2" -eq 0 ]' sh "$tmp/open.trace" "$n"
fi
# resident: -n 5 -d 0.1 prints five whole expositions; the fifth, with
# five samples of history, has the time-to-trouble families that a
# single sample cannot have
"$ZT_BIN" --openmetrics -n 5 -d 0.1 >"$tmp/five.om"
check "--openmetrics -n 5 -d 0.1 exits 0" [ $? -eq 0 ]
check "five expositions, each ending in # EOF" \
	[ "$(grep -c '^# EOF$' "$tmp/five.om")" -eq 5 ]
awk 'p { print } /^# EOF$/ { n++; if (n == 4) p = 1 }' "$tmp/five.om" >"$tmp/fifth.om"
report fifth "$tmp/fifth.om" zonetop_zone_free_trend_pages_per_second
lacks "one sample has no trend family" "$(cat "$tmp/live.om")" \
	"zonetop_zone_free_trend_pages_per_second{"

# resident textfile: rewritten (a new file renamed in: inode or mtime
# changes) until SIGTERM, which ends it with 0 and no temporary file
mkdir "$tmp/tf"
"$ZT_BIN" --openmetrics --textfile "$tmp/tf" -d 0.2 2>"$tmp/tf.err" &
tfpid=$!
first='' again='' k=0
while [ $k -lt 300 ] && [ -z "$again" ]; do
	id=$(stat -c '%i %y' "$tmp/tf/zonetop.prom" 2>/dev/null)
	if [ -n "$id" ] && [ -z "$first" ]; then
		first=$id
	elif [ -n "$id" ] && [ "$id" != "$first" ]; then
		again=$id
	fi
	sleep 0.1
	k=$((k + 1))
done
check "resident --textfile writes the file (${first:-never})" [ -n "$first" ]
check "and writes it again (${again:-never})" [ -n "$again" ]
kill -TERM "$tfpid"
wait "$tfpid"
check "resident --textfile exits 0 on SIGTERM" [ $? -eq 0 ]
check "leaves only zonetop.prom in DIR ($(ls -A "$tmp/tf" | tr '\n' ' '))" \
	[ "$(ls -A "$tmp/tf")" = zonetop.prom ]
check "prints nothing on stderr" [ ! -s "$tmp/tf.err" ]
report textfile "$tmp/tf/zonetop.prom"
# a DIR that cannot be written stops it at once, with one line
"$ZT_BIN" --openmetrics --textfile "$tmp/none" -d 0.2 2>"$tmp/none.err"
check "resident --textfile into a missing DIR exits 1 at once" [ $? -eq 1 ]
check "with a one-line error ($(head -c 80 "$tmp/none.err"))" \
	[ "$(wc -l <"$tmp/none.err")" -eq 1 ]
# the textfile units' own command lines run (zonetop's path and the
# collector directory replaced; -n 1 ends the resident one)
root=$(cd "$(dirname "$0")/../.." && pwd)
for unit in zonetop-textfile.service zonetop-textfile-resident.service; do
	args=$(sed -n 's|^ExecStart=/usr/local/bin/zonetop ||p' "$root/contrib/$unit" |
	    sed "s|/var/lib/node_exporter/textfile_collector|$tmp/$unit|")
	mkdir "$tmp/$unit"
	# shellcheck disable=SC2086
	[ -n "$args" ] && "$ZT_BIN" $args -n 1 2>"$tmp/$unit.err" &&
	    [ -s "$tmp/$unit/zonetop.prom" ] && [ ! -s "$tmp/$unit.err" ]
	check "contrib/$unit: its ExecStart (${args:-none found}) writes the file" \
	    [ $? -eq 0 ]
done
done_testing
