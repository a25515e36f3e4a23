#!/bin/sh
# Live: batch output against this machine's /proc, JSON parsed back and
# checked against the kernel's own files; a capture given with
# --proc-root; errors for bad options and a missing root; a zone fenced
# off by its lowmem reserve reads fenced, never ok.
. "$(dirname "$0")/../lib.sh"
plan 52
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ZT_BIN" -b -n 2 -d 0.3 --format json >"$tmp/out.json" 2>"$tmp/err"
check "batch json exits 0" [ $? -eq 0 ]
check "two JSON lines" [ "$(wc -l <"$tmp/out.json")" -eq 2 ]
cp /proc/meminfo "$tmp/meminfo"
cp /proc/zoneinfo "$tmp/zoneinfo"
python3 - "$tmp/out.json" "$tmp/meminfo" "$tmp/zoneinfo" >"$tmp/py" 2>&1 <<'PY'
import json, sys, re
lines = [json.loads(l) for l in open(sys.argv[1])]
first, second = lines
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
for k in ["time", "kernel", "page_kb", "zones", "meminfo", "unaccounted_kb",
          "unaccounted_pct", "swap", "commit", "psi", "oom_kills", "alloc",
          "unavailable", "processes", "predicted_victim"]:
    check("key " + k, k in first)
check("time is RFC 3339", re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$", first["time"]) is not None)
kernel = open("/proc/sys/kernel/osrelease").read().strip()
check("kernel matches osrelease", first["kernel"] == kernel)
mi = dict((l.split(":")[0], int(l.split()[1])) for l in open(sys.argv[2]))
check("MemTotal matches /proc/meminfo", first["meminfo"]["MemTotal"] == mi["MemTotal"])
names = re.findall(r"^Node\s+(\d+), zone\s+(\S+)", open(sys.argv[3]).read(), re.M)
got = [(str(z["node"]), z["zone"]) for z in first["zones"]]
check("zones as in /proc/zoneinfo", got == names)
# one check each over every zone: the plan does not depend on the machine
zkeys = ["node", "zone", "free", "min", "low", "high", "spanned", "present",
         "managed", "protection", "buddy", "state", "empty",
         "highest_free_order", "unusable_index", "fragmentation_index"]
missing = ["%s %s" % (z.get("zone"), k) for z in first["zones"] for k in zkeys if k not in z]
check("every zone has its keys %s" % (missing or ""), not missing)
full = [z for z in first["zones"] if not z["empty"]]
check("the state of each of %d populated zones is a word" % len(full), full and
      all(z["state"] in ("ok", "below_high", "below_low", "below_min") for z in full))
check("rates null in the first sample", first["swap"]["pswpin_per_s"] is None)
check("rates known in the second sample", second["swap"]["pswpin_per_s"] is not None)
check("alloc has GFP_KERNEL order 0 and 3", {(a["class"], a["order"]) for a in first["alloc"]} >= {("GFP_KERNEL", 0), ("GFP_KERNEL", 3), ("GFP_HIGHUSER_MOVABLE", 0), ("GFP_HIGHUSER_MOVABLE", 3)})
check("pagetypeinfo skipped by default is reported", "pagetypeinfo" in first["unavailable"])
# ranks rise strictly; a process that exits between the ranking pass and
# the detail read leaves a gap, so consecutive ranks are not required
ranks = [p["rank"] for p in first["processes"]]
check("processes ranked", ranks[0] <= 2 and all(a < b for a, b in zip(ranks, ranks[1:])))
scores = [p["oom_score"] for p in first["processes"]]
check("ranked by oom_score", all(a >= b for a, b in zip(scores, scores[1:])))
swaps = open("/proc/swaps").read().splitlines()[1:]
check("swap devices match /proc/swaps", len(first["swap"]["devices"]) == len(swaps))
PY
checker_out $? "$tmp/py" "batch json checker"

out=$("$ZT_BIN" -b -n 1 2>&1)
contains "text report has zones" "$out" "Zones (pages of"
contains "text report has candidates" "$out" "OOM candidates"

out=$("$ZT_BIN" -b --proc-root /nonexistent 2>&1); rc=$?
check "missing proc root exits non-zero" [ $rc -ne 0 ]
contains "missing proc root: one clear line" "$out" "zonetop: /nonexistent: missing"

out=$("$ZT_BIN" --frobnicate 2>&1); rc=$?
check "bad option exits 2" [ $rc -eq 2 ]
contains "bad option message" "$out" "unknown option '--frobnicate'"

# A capture with no pressure/ (kernel < 4.20): PSI is "not available", never 0
mkdir -p "$tmp/cap/sys/kernel"
cp "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g/zoneinfo" "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g/meminfo" "$tmp/cap/"
out=$("$ZT_BIN" -b -n 1 --format json --proc-root "$tmp/cap")
check "capture json exits 0" [ $? -eq 0 ]
echo "$out" | python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
assert s["psi"] is None, s["psi"]
assert "psi" in s["unavailable"] and "missing" in s["unavailable"]["psi"]
assert s["swap"]["devices"] is None
assert s["oom_kills"] is None
assert s["live"] is False
' && ok "missing files are null and reported unavailable" || notok "missing files are null and reported unavailable"

# The one sampling loop (src/loop.c) ends batch runs on SIGINT, SIGTERM
# and SIGHUP alike: the sample under way is finished, status 0, every
# line whole JSON
for sig in INT TERM HUP; do
	"$ZT_BIN" -b -n 0 -d 0.2 --format json >"$tmp/sig.json" 2>"$tmp/sig.err" &
	pid=$!
	sleep 1.2
	kill -$sig $pid
	wait $pid
	check "batch, SIG$sig: exit 0" [ $? -eq 0 ]
	python3 -c '
import json, sys
lines = open(sys.argv[1]).read().split("\n")
assert lines[-1] == "", "the last line is cut"
assert len(lines) - 1 >= 2, "fewer than 2 samples"
for l in lines[:-1]:
    json.loads(l)
' "$tmp/sig.json" 2>"$tmp/sig.py" && ok "batch, SIG$sig: 2 or more samples, each line whole JSON" ||
	    { notok "batch, SIG$sig: 2 or more samples, each line whole JSON"; sed 's/^/# /' "$tmp/sig.py"; }
done

# fenced: free above min, at or under min + the reserve for GFP_KERNEL
for cap in vm-6.18-x86_64-24g seed-vm-4.4; do
	row=$("$ZT_BIN" -b --proc-root "$ZT_FIXTURES/proc/$cap" | grep -E '^ +0 DMA ')
	case "$row" in
	*" DMA      fenced "*) ok "$cap: DMA's state is fenced in text" ;;
	*) notok "$cap: DMA's state is fenced in text"; printf '# %s\n' "$row" ;;
	esac
done
out=$("$ZT_BIN" -b --proc-root "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g")
contains "the text says what fenced means" "$out" \
    "fenced = above min, but free <= MIN + KRESERVE"
contains "DMA32, not fenced, stays ok" "$(printf '%s\n' "$out" | grep -E '^ +0 DMA32 ')" " ok "
f=$("$ZT_BIN" -b --format json --proc-root "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g" |
    python3 -c 'import json,sys; print(" ".join("%s:%s" % (z["zone"], z["fenced"]) for z in json.load(sys.stdin)["zones"]))')
check "JSON: fenced true for DMA alone ($f)" \
    [ "$f" = "DMA:True DMA32:False Normal:False Movable:False Device:False" ]
# a filter's count and whether the machine's victim is among its rows
line=$("$ZT_BIN" -b -p 999999 | grep '^OOM candidates (')
contains "-p: the rows matching the filter are counted" "$line" "0 matching -p 999999"
contains "-p: a victim outside the filter is said to be" "$line" ", outside the filter)"
line=$("$ZT_BIN" -b | grep '^OOM candidates (')
case "$line" in
*matching*|*outside*) notok "no filter: no filter words ($line)" ;;
*) ok "no filter: no filter words" ;;
esac
done_testing
