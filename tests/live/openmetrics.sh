#!/bin/sh
# Live: --openmetrics on this machine and on a capture passes a strict
# OpenMetrics parser (python3-prometheus-client's), counters end in
# _total, missing values are left out rather than written as 0.
. "$(dirname "$0")/../lib.sh"
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
    sys.exit(0)
def has(name):
    print(("ok" if name in fams and fams[name].samples else "FAIL") + " has " + name)
for n in ["zonetop_zone_free_bytes", "zonetop_zone_watermark_min_bytes",
          "zonetop_zone_watermark_low_bytes", "zonetop_zone_watermark_high_bytes",
          "zonetop_zone_managed_bytes", "zonetop_zone_buddy_free_blocks",
          "zonetop_zone_fragmentation_index", "zonetop_commit_limit_bytes"]:
    has(n)
for f in fams.values():
    if f.type == "counter":
        bad = [s.name for s in f.samples if not s.name.endswith(("_total", "_created"))]
        print(("FAIL" if bad else "ok") + " counter %s samples end in _total" % f.name)
for extra in sys.argv[2:]:
    has(extra)
PY
}

report() { while read -r st what; do
	if [ "$st" = ok ]; then ok "$1: $what"; else notok "$1: $what"; fi
done; }

"$ZT_BIN" --openmetrics >"$tmp/live.om"
check "live --openmetrics exits 0" [ $? -eq 0 ]
validate "$tmp/live.om" | report live
check "ends with # EOF" [ "$(tail -n 1 "$tmp/live.om")" = "# EOF" ]
grep -q '^zonetop_process_oom_score{rank="1"' "$tmp/live.om"
check "top candidate exported" [ $? -eq 0 ]

# The 6.18 capture has no swaps devices line and no processes: nothing
# invented for what is missing.
"$ZT_BIN" --openmetrics --proc-root "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g" >"$tmp/cap.om"
check "capture --openmetrics exits 0" [ $? -eq 0 ]
validate "$tmp/cap.om" | report capture
check "DMA32 free bytes = 772808 pages x 4096" \
	grep -qx 'zonetop_zone_free_bytes{node="0",zone="DMA32"} 3165421568' "$tmp/cap.om"
done_testing
