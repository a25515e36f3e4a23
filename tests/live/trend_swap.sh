#!/bin/sh
# Live: time to trouble for swap.  A 768 MiB swap file (this machine has
# none), a v1 memory cgroup limited to 256 MiB, and a bounded hog in it
# that takes 640 MiB in 32 MiB steps every 0.5 s: past the limit the
# cgroup's reclaim pushes the rest to swap, so SwapFree falls while the
# zones' free pages hardly move (a memcg limit, not the machine's
# memory).  zonetop -b --format json samples every 0.5 s.  Checked: the
# swap trend falls, an estimate of the time until swap runs out appears
# and shrinks as the hog grows; once the hog is gone and swap is free
# again there is no estimate.  Swap file, cgroup and hog are removed on
# exit, whatever happens.  Skipped without root, the v1 memory
# controller, mkswap/swapon, python3, or when swap is already on (its
# figures would not be this test's).
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
cg=/sys/fs/cgroup/memory/zt-trend-$$
swapf=/var/tmp/zt-trend-swap-$$
hog=""
cleanup() {
	[ -n "$hog" ] && kill -9 "$hog" 2>/dev/null
	wait 2>/dev/null
	if [ -d "$cg" ]; then
		for p in $(cat "$cg/cgroup.procs" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
		sleep 0.2
		rmdir "$cg" 2>/dev/null
	fi
	if grep -q "^$swapf " /proc/swaps 2>/dev/null; then
		swapoff "$swapf" 2>/dev/null
	fi
	rm -f "$swapf"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

skip() { skip_all "$1"; }	# before any check: the whole script
[ "$(id -u)" -eq 0 ] || skip "not root"
[ -w /sys/fs/cgroup/memory ] || skip "no v1 memory controller"
command -v mkswap >/dev/null && command -v swapon >/dev/null ||
    skip "mkswap/swapon missing"
py=$(command -v python3) || skip "python3 is not installed"
[ "$(wc -l </proc/swaps)" -le 1 ] || skip "swap is already on here"

dd if=/dev/zero of="$swapf" bs=1M count=768 status=none 2>/dev/null ||
    skip "cannot write a swap file"
chmod 600 "$swapf"
mkswap "$swapf" >/dev/null 2>&1 || skip "mkswap failed"
swapon "$swapf" 2>/dev/null || skip "swapon refused a swap file here"
plan 9
check "the swap file is on" grep -q "^$swapf " /proc/swaps
mkdir "$cg" || { notok "make a memory cgroup"; exit 1; }
echo $((256 << 20)) >"$cg/memory.limit_in_bytes"
echo 100 >"$cg/memory.swappiness" 2>/dev/null

"$ZT_BIN" -b --format json -d 0.5 -n 56 >"$tmp/out.json" 2>"$tmp/err" &
zt=$!
sleep 3
sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2" -c "
import time
b = []
for i in range(20):
    b.append(bytearray(32 << 20))
    time.sleep(0.5)
time.sleep(3)
"' sh "$cg" "$py" &
hog=$!
wait "$hog"
hog=""
wait "$zt"
check "batch json exits 0" test $? -eq 0

"$py" - "$tmp/out.json" >"$tmp/py" 2>&1 <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
check("56 samples", len(lines) == 56)
sf = [l["swap"]["free_kb"] for l in lines]
print("# SwapFree (MiB): %s" % " ".join(str(v // 1024) for v in sf))
check("the hog pushed 200 MiB or more to swap", max(sf) - min(sf) >= 200 * 1024)
tr = [l["trend"] for l in lines]
check("the swap trend falls (some sample's slope < -10 MiB/s)",
      any(t is not None and t["swap_free_kb_per_s"] is not None and
          t["swap_free_kb_per_s"] < -10 * 1024 for t in tr))
etas = [(i, t["swap_eta_s"]) for i, t in enumerate(tr)
        if t is not None and t["swap_eta_s"] is not None]
print("# swap estimates (sample, s): %s" % ", ".join("%d:%.0f" % e for e in etas))
runs, cur = [], []
for i, e in etas:
    if cur and i != cur[-1][0] + 1:
        runs.append(cur)
        cur = []
    cur.append((i, e))
if cur:
    runs.append(cur)
runs = [r for r in runs if len(r) >= 3]
check("an estimate of the time until swap runs out, 3 samples or more",
      len(runs) > 0)
if runs:
    r = runs[0]
    check("it shrinks as the hog grows (%.0f s -> %.0f s)" %
          (r[0][1], min(e for i, e in r)), min(e for i, e in r) < r[0][1] * 0.9)
# once swap came back (the hog exited): no estimate
back = [i for i in range(1, len(sf)) if sf[i] - sf[i - 1] > 100 * 1024]
check("swap came back when the hog exited", len(back) > 0)
if back:
    check("no estimate in the 4 samples after it came back",
          all(t is None or t["swap_eta_s"] is None for t in tr[back[0]:back[0] + 4]))
PY
checker_out $? "$tmp/py" "the trend checker"
done_testing
