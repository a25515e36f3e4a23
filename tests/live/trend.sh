#!/bin/sh
# Live: time to trouble on this machine.  A bounded hog (python3, no
# memory cgroup: a memcg limit would not move the machine's figures)
# takes 2 GiB in 64 MiB steps every 0.25 s while zonetop -b --format
# json samples every 0.5 s, then holds it 6 s and frees it.  Checked:
# JSON per zone has trend_pages_per_s, eta_min_s and eta_low_s (all null
# before 5 samples, the estimates null while free is not falling); the
# machine's MemAvailable trend falls while the hog grows, with an
# estimate of the time to exhaustion that matches the pace it keeps; once the
# hog has stopped growing and then freed its memory there is no
# estimate (a stop or a recovery is no trend).  The hog is killed on
# exit, whatever happens.
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
hog=""
trap '[ -n "$hog" ] && kill -9 "$hog" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

py=$(command -v python3)
if [ -z "$py" ]; then
	skip_all "python3 is not installed"
fi
avail=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
if [ "${avail:-0}" -lt $((6 * 1024 * 1024)) ]; then
	skip_all "less than 6 GiB available: no 2 GiB hog here"
fi
plan 12

# -n bounds the run (60 s); it ends 4 s (8 samples) after the hog has
# exited, whatever the hog took (a slow machine can take twice its 8 s
# to fill 2 GiB): SIGTERM ends batch mode after a whole sample, exit 0
"$ZT_BIN" -b --format json -d 0.5 -n 120 >"$tmp/out.json" 2>"$tmp/err" &
zt=$!
sleep 4	# a flat start: 8 samples before the hog
"$py" -c '
import sys, time
def up():
    return open("/proc/uptime").read().split()[0]
b = []
open(sys.argv[1], "w").write(up())	# when it starts growing
for i in range(32):
    b.append(bytearray(64 << 20))	# zero-filled: every page touched
    time.sleep(0.25)
open(sys.argv[2], "w").write(up())	# when it stops
time.sleep(6)
' "$tmp/hog.start" "$tmp/hog.stop" &
hog=$!
wait "$hog"
hog=""
sleep 4
kill -TERM "$zt" 2>/dev/null
wait "$zt"
check "batch json exits 0" test $? -eq 0

"$py" - "$tmp/out.json" "$tmp/hog.start" "$tmp/hog.stop" >"$tmp/py" 2>&1 <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
check("30 to 120 samples (%d)" % len(lines), 30 <= len(lines) <= 120)
z = lines[-1]["zones"][0]
check("zones carry trend_pages_per_s, eta_min_s, eta_low_s",
      all(k in z for k in ("trend_pages_per_s", "eta_min_s", "eta_low_s")))
check("no trend in the first 4 samples",
      all(l["trend"] is None for l in lines[:4]))
# the null rules per zone: all three null before 5 samples; the
# estimates null whenever free is not falling (slope >= 0)
check("per zone: trend_pages_per_s, eta_min_s, eta_low_s null in the first 4 samples",
      all(zz[k] is None for l in lines[:4] for zz in l["zones"]
          for k in ("trend_pages_per_s", "eta_min_s", "eta_low_s")))
check("per zone: eta_min_s and eta_low_s null whenever the slope is not negative",
      all(zz["eta_min_s"] is None and zz["eta_low_s"] is None
          for l in lines for zz in l["zones"]
          if zz["trend_pages_per_s"] is None or zz["trend_pages_per_s"] >= 0))
tr = [l["trend"] for l in lines]
etas = [(i, t["mem_available_eta_s"]) for i, t in enumerate(tr)
        if t is not None and t["mem_available_eta_s"] is not None]
print("# MemAvailable estimates (sample, s): %s" %
      ", ".join("%d:%.0f" % e for e in etas))
check("MemAvailable falls while the hog grows (some sample's slope < -50 MiB/s)",
      any(t is not None and t["mem_available_kb_per_s"] is not None and
          t["mem_available_kb_per_s"] < -50 * 1024 for t in tr))
# the first run of 3 or more samples in a row with an estimate: the
# hog growing (a neighbour's allocation can give a lone one before)
runs, cur = [], []
for i, e in etas:
    if cur and i != cur[-1][0] + 1:
        runs.append(cur)
        cur = []
    cur.append((i, e))
if cur:
    runs.append(cur)
# the hog's run: its estimates are minutes (2 GiB in 8 s); a quiet
# machine's slow creep (MemAvailable down ~1 MiB a sample under the
# sanitizers) gives hours, which no screen or verdict speaks of
runs = [r for r in runs if len(r) >= 3 and r[0][1] < 3600]
check("an estimate under an hour appears for 3 samples or more",
      len(runs) > 0)
# While the hog grows, each estimate of its run is the time MemAvailable
# lasts at the pace the hog has kept since it started (the fall from the
# last sample before its start, over the time since, by the samples' own
# uptime_s), within a factor of 2.  A late estimate (a fit that still
# weighs the flat start) is far above it.  Not "it shrinks": on a loaded
# machine the hog's pace varies, and the time left then rightly grows.
av = [l["meminfo"]["MemAvailable"] for l in lines]
up = [l["uptime_s"] for l in lines]
try:
    t0, t1 = (float(open(f).read()) for f in sys.argv[2:4])
except (OSError, ValueError):
    t0 = t1 = None
base = [i for i in range(len(up)) if t0 is not None and up[i] <= t0]
pairs = []
if base:
    b0 = base[-1]
    for i, e in etas:	# a neighbour's allocation may give a run before
        if up[i] > t1 or up[i] - up[b0] < 2.0:
            continue	# after it stopped, or too soon to tell its pace
        pace = (av[b0] - av[i]) / (up[i] - up[b0])	# KiB/s
        if pace > 0:
            pairs.append((i, e, av[i] / pace))
print("# hog from %s to %s s of uptime; samples %s to %s" % (t0, t1, up[0], up[-1]))
print("# estimate vs MemAvailable / the hog's pace (sample: s vs s): %s" %
      ", ".join("%d: %.0f vs %.0f" % p for p in pairs))
bad = [p for p in pairs if not 0.5 <= p[1] / p[2] <= 2.0]
check("while the hog grows the estimate is MemAvailable / its pace "
      "within 2x (%d samples, %d off)" % (len(pairs), len(bad)),
      len(pairs) >= 3 and not bad)
# the samples after MemAvailable jumps back up by 1.5 GiB within two
# samples (the hog freed its memory; freeing 2 GiB can straddle a
# sample): a recovery, no estimate
print("# MemAvailable (MiB): %s" % " ".join(str(a >> 10) for a in av))
jump = [i for i in range(1, len(av))
        if av[i] - min(av[max(0, i - 2):i]) > 1536 * 1024]
check("the hog's memory came back (a jump of MemAvailable)", len(jump) > 0)
if jump:
    after = tr[jump[0]:jump[0] + 4]
    check("no estimate in the 4 samples after it came back",
          all(t is None or t["mem_available_eta_s"] is None for t in after))
else:
    check("no estimate in the 4 samples after it came back (it never came back)", False)
# some zone fell with it: its slope negative while the hog grew
check("a zone's free pages fell (trend_pages_per_s < 0 in some sample)",
      any(zz["trend_pages_per_s"] is not None and zz["trend_pages_per_s"] < -1000
          for l in lines for zz in l["zones"]))
PY
checker_out $? "$tmp/py" "the trend checker"
done_testing
