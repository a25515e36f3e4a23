#!/bin/sh
# Live: time to trouble for a memory cgroup.  A v1 memory cgroup limited
# to 256 MiB and a bounded hog in it that takes 200 MiB in 8 MiB steps
# every 0.5 s (16 MiB/s), holds it 3 s and exits, so it never reaches the
# limit.  zonetop --no-bpf -b --format json samples every 0.5 s (the
# BPF task iterator's pass does not fill cgroups[] today; /proc's does).  Checked: the
# cgroup carries trend_kb_per_s and eta_limit_s; the slope comes near
# 16 MiB/s; an estimate of the time until usage reaches the limit
# appears for 3 samples or more, within 30% of the time at 16 MiB/s from
# that sample's usage, and shrinks as the hog grows; once the hog is
# gone there is none.  Cgroup and hog are removed on exit, whatever
# happens.  Skipped without root, the v1 memory controller or python3.
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
name=zt-trend-memcg-$$
cg=/sys/fs/cgroup/memory/$name
hog=""
cleanup() {
	[ -n "$hog" ] && kill -9 "$hog" 2>/dev/null
	wait 2>/dev/null
	if [ -d "$cg" ]; then
		for p in $(cat "$cg/cgroup.procs" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
		sleep 0.2
		rmdir "$cg" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

[ "$(id -u)" -eq 0 ] || skip_all "not root"
[ -w /sys/fs/cgroup/memory ] || skip_all "no v1 memory controller"
py=$(command -v python3) || skip_all "python3 is not installed"
plan 9
mkdir "$cg" || { notok "make a memory cgroup"; exit 1; }
echo $((256 << 20)) >"$cg/memory.limit_in_bytes"

"$ZT_BIN" --no-bpf -b --format json -d 0.5 -n 44 >"$tmp/out.json" 2>"$tmp/err" &
zt=$!
sleep 3
sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2" -c "
import time
b = []
for i in range(25):
    b.append(bytearray(8 << 20))
    time.sleep(0.5)
time.sleep(3)
"' sh "$cg" "$py" &
hog=$!
wait "$hog"
hog=""
wait "$zt"
check "batch json exits 0" test $? -eq 0

"$py" - "$tmp/out.json" "/$name" >"$tmp/py" 2>&1 <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
path = sys.argv[2]
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
check("44 samples", len(lines) == 44)
cgs = [next((c for c in (l.get("cgroups") or []) if c.get("path") == path), None)
       for l in lines]
seen = [c for c in cgs if c is not None]
check("the cgroup is in cgroups[] with trend_kb_per_s and eta_limit_s",
      len(seen) > 0 and all("trend_kb_per_s" in c and "eta_limit_s" in c
                            for c in seen))
print("# usage (MiB): %s" % " ".join(
    "-" if c is None or c["usage_kb"] is None else str(c["usage_kb"] // 1024)
    for c in cgs))
rates = [c["trend_kb_per_s"] for c in seen if c["trend_kb_per_s"] is not None]
check("the slope comes near 16 MiB/s (max %.0f kB/s)" % max(rates or [0]),
      any(12 * 1024 < r < 20 * 1024 for r in rates))
etas = [(i, c["eta_limit_s"], (c["limit_kb"] - c["usage_kb"]) / 16384.0)
        for i, c in enumerate(cgs)
        if c is not None and c["eta_limit_s"] is not None]
print("# estimates (sample: s, at 16 MiB/s): %s" %
      ", ".join("%d: %.1f %.1f" % e for e in etas))
check("an estimate of the time to the limit, 3 samples or more",
      len(etas) >= 3)
good = [e for e in etas if abs(e[1] - e[2]) <= 0.3 * e[2]]
check("most within 30%% of the time at 16 MiB/s (%d of %d)" %
      (len(good), len(etas)), len(etas) > 0 and len(good) * 2 > len(etas))
check("it shrinks as the hog grows",
      len(etas) >= 3 and min(e[1] for e in etas) < etas[0][1] * 0.7)
gone = [i for i in range(1, len(cgs)) if cgs[i] is not None and
        cgs[i - 1] is not None and cgs[i]["usage_kb"] is not None and
        cgs[i - 1]["usage_kb"] is not None and
        cgs[i - 1]["usage_kb"] - cgs[i]["usage_kb"] > 100 * 1024]
check("usage fell when the hog exited", len(gone) > 0)
check("no estimate after it exited",
      len(gone) > 0 and all(c is None or c["eta_limit_s"] is None
                            for c in cgs[gone[0]:]))
PY
while IFS= read -r line; do
	case "$line" in
	"ok "*) ok "${line#ok }" ;;
	"FAIL "*) notok "${line#FAIL }" ;;
	"# "*) echo "$line" ;;
	*) notok "python: $line" ;;
	esac
done <"$tmp/py"
done_testing
