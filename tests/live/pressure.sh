#!/bin/sh
# Live: under memory pressure the monitor keeps working.
# A v1 memory cgroup limited to 96 MiB (memory+swap 192 MiB where the
# kernel accounts swap), a 256 MiB swap file enabled for the test, and in
# the cgroup both the release build (./zonetop: the sanitizer build
# cannot mlock) sampling as JSON every 0.2 s for 100 samples, and a
# thrasher: python3 re-touching a 160 MiB working set page by page, so
# the cgroup pages in and out the whole time (relaunched half a second
# after the OOM killer takes it, up to 60 times; without swap it is
# killed on its first pass).  What must hold:
#   * zonetop locked its memory (VmLck > 0) where mlockall is permitted,
#     and its oom_score_adj is -999 where the write is permitted
#     (CAP_SYS_RESOURCE, CapEff bit 24); without it the adj stays as it
#     was and zonetop must survive on its own small footprint;
#   * it keeps its interval: of the 99 gaps between the "time" fields of
#     consecutive samples at least 90 % lie within 0.2 s +- 50 % (0.1 to
#     0.3 s) and none exceeds 1 s (five intervals);
#   * it wrote its 100 samples and exited 0; every OOM kill in the
#     cgroup (the kernel's "oom-kill:... oom_memcg=/zt-press-PID ...
#     pid=N" lines) took a thrasher, never zonetop;
#   * its footprint stays bounded: VmRSS in the last quarter of the run
#     is at most 2 MiB above its level after the first quarter.
# Bounded: the thrasher quits by itself after 40 s, zonetop is killed
# after 45 s; the trap kills both, moves what is left out of the cgroup,
# removes it, turns the swap off and deletes the swap file on every path.
# A swap file is only made with 1 GiB free beyond it, and stale ones from
# an earlier run that was killed outright are removed first.
# ZT_SWAP_DIR (default /var/tmp) is where the swap file goes (a tmpfs
# there shows the run without swap); ZT_PRESS_ARGS adds options to
# zonetop's (--no-mlock, --no-oom-adj: to see what the guard is worth).
. "$(dirname "$0")/../lib.sh"
plan 18
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${ZT_REL_BIN:=$root/zonetop}"

mem=/sys/fs/cgroup/memory
name=zt-press-$$
cg=$mem/$name
swapdir=${ZT_SWAP_DIR:-/var/tmp}
swap=$swapdir/zt-press-$$.swap
SWAP_MB=256 LIMIT_MB=96 MEMSW_MB=192 WORK_MB=160 N=100 D=0.2
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
if [ "$(id -u)" -ne 0 ] || [ ! -f "$mem/cgroup.procs" ] || [ -z "$py" ]; then
	skip_all "needs root, the v1 memory controller and python3"
fi
if [ ! -x "$ZT_REL_BIN" ]; then
	make -s -C "$root" zonetop >/dev/null 2>&1
	[ -x "$ZT_REL_BIN" ] || { notok "$ZT_REL_BIN built (make zonetop)"; done_testing; }
fi

tmp=$(mktemp -d)
zp= sup= mon= swap_on=
cgroup_empty() {	# cgroup files have no size: read them
	[ -z "$(cat "$cg/cgroup.procs" 2>/dev/null)" ]
}
cleanup() {
	: >"$tmp/stop" 2>/dev/null
	for p in $sup $mon $zp; do kill -9 "$p" 2>/dev/null; done
	for p in $(awk '$1 == "start" { print $2 }' "$tmp/thr" 2>/dev/null); do
		kill -9 "$p" 2>/dev/null
	done
	if [ -d "$cg" ]; then
		# kill what is left inside, move it to the root, remove the cgroup
		i=0
		while ! cgroup_empty && [ $i -lt 50 ]; do
			for p in $(cat "$cg/cgroup.procs" 2>/dev/null); do
				kill -9 "$p" 2>/dev/null
				echo "$p" >"$mem/cgroup.procs" 2>/dev/null
			done
			sleep 0.1
			i=$((i + 1))
		done
		i=0
		while ! rmdir "$cg" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		[ -d "$cg" ] && echo "# could not remove $cg"
	fi
	wait 2>/dev/null
	# the swap goes last: its pages must come back to memory first,
	# which fails while the cgroup's processes hold them under its limit
	if [ -n "$swap_on" ]; then
		i=0
		while ! swapoff "$swap" 2>"$tmp/swoff" && [ $i -lt 10 ]; do
			sleep 0.5
			i=$((i + 1))
		done
		grep -q "^$swap " /proc/swaps &&
		    echo "# could not swapoff $swap: $(cat "$tmp/swoff"); the next run removes it"
	fi
	grep -q "^$swap " /proc/swaps || rm -f "$swap"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# leftovers of a run killed outright (SIGKILL skips the trap): their
# owner's pid is gone
for f in "$swapdir"/zt-press-*.swap; do
	[ -f "$f" ] || continue
	p=${f##*/zt-press-}
	p=${p%.swap}
	kill -0 "$p" 2>/dev/null && continue
	swapoff "$f" 2>/dev/null
	rm -f "$f" && echo "# removed a stale swap file $f"
done
for d in "$mem"/zt-press-*; do
	[ -d "$d" ] || continue
	p=${d##*/zt-press-}
	kill -0 "$p" 2>/dev/null && continue
	rmdir "$d" 2>/dev/null && echo "# removed a stale cgroup $d"
done

# the swap file: a fixed size, only with room to spare, on a filesystem
# that takes it
free_kb=$(df -Pk "$swapdir" 2>/dev/null | awk 'NR == 2 { print $4 }')
need_kb=$(( (SWAP_MB + 1024) * 1024 ))
if [ -n "$(awk '$1 != "Filename"' /proc/swaps)" ]; then
	echo "# swap already on: $(awk '$1 != "Filename" { printf "%s ", $1 }' /proc/swaps)"
fi
if [ -z "$free_kb" ] || [ "$free_kb" -lt "$need_kb" ]; then
	skip "a swap file: ${free_kb:-?} KiB free in $swapdir, $need_kb needed"
elif ! command -v mkswap >/dev/null || ! command -v swapon >/dev/null; then
	skip "a swap file: mkswap or swapon not installed"
else
	( umask 077 && dd if=/dev/zero of="$swap" bs=1M count=$SWAP_MB \
	    conv=fsync status=none ) 2>"$tmp/swerr" &&
	    mkswap "$swap" >/dev/null 2>>"$tmp/swerr" &&
	    swapon "$swap" 2>>"$tmp/swerr" && swap_on=1
	if [ -n "$swap_on" ]; then
		ok "a $SWAP_MB MiB swap file is on ($swap)"
	else
		skip "a swap file: swapon: $(tail -1 "$tmp/swerr" | tr -d '\n')"
		rm -f "$swap"
	fi
fi

mkdir "$cg" && echo ${LIMIT_MB}M >"$cg/memory.limit_in_bytes"
check "a $LIMIT_MB MiB memory cgroup made" \
    [ "$(cat "$cg/memory.limit_in_bytes" 2>/dev/null)" = $((LIMIT_MB << 20)) ]
memsw=
if [ -f "$cg/memory.memsw.limit_in_bytes" ]; then
	if [ -n "$swap_on" ]; then
		echo ${MEMSW_MB}M >"$cg/memory.memsw.limit_in_bytes" && memsw=$MEMSW_MB
	else
		echo ${LIMIT_MB}M >"$cg/memory.memsw.limit_in_bytes" && memsw=$LIMIT_MB
	fi
fi
echo "# memory limit $LIMIT_MB MiB, memory+swap ${memsw:-unlimited (not accounted)} MiB, working set $WORK_MB MiB"
oom_before=$(awk '$1 == "oom_kill" { print $2 }' "$cg/memory.oom_control")

# zonetop first, so the thrasher lands on its sampling
sh -c 'cg=$1 bin=$2; shift 2; echo $$ >"$cg/cgroup.procs" && exec "$bin" "$@"' \
    zt "$cg" "$ZT_REL_BIN" -b -d $D -n $N --format json $ZT_PRESS_ARGS \
    >"$tmp/out.json" 2>"$tmp/err" &
zp=$!
i=0
while [ ! -s "$tmp/out.json" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "zonetop runs in the cgroup" \
    grep -q ":memory:/$name\$" "/proc/$zp/cgroup"

# its footprint, from outside, twice a second, until it ends
( while [ -d "/proc/$zp" ]; do
	awk '/^Vm(RSS|Lck):/ { printf "%s %s ", $1, $2 } END { print "" }' \
	    "/proc/$zp/status" 2>/dev/null
	awk '$1 == "swap" || $1 == "pgmajfault" || $1 == "rss" { printf "%s %s ", $1, $2 } END { print "" }' \
	    "$cg/memory.stat" 2>/dev/null
	sleep 0.5
done >"$tmp/mon" ) &
mon=$!

thrash='import sys, time
mb, end = int(sys.argv[1]), time.monotonic() + float(sys.argv[2])
b = bytearray(mb << 20)
n, step, passes = len(b), 4096, 0
while True:
    for c in range(0, n, 1 << 20):
        if time.monotonic() > end:
            sys.exit(0)
        for i in range(c, c + (1 << 20), step):
            b[i] = (b[i] + 1) & 255
    passes += 1
'
# the thrasher, relaunched in the cgroup whenever it dies, until told to stop
( k=0
while [ ! -e "$tmp/stop" ] && [ $k -lt 60 ]; do
	sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2" -c "$3" "$4" 40' \
	    thr "$cg" "$py" "$thrash" $WORK_MB &
	t=$!
	echo "start $t" >>"$tmp/thr"
	wait $t
	echo "exit $t $?" >>"$tmp/thr"
	k=$((k + 1))
	[ -e "$tmp/stop" ] || sleep 0.5
done ) 2>/dev/null &
sup=$!

# zonetop's 100 samples take 20 s; 45 s at most
i=0
while kill -0 "$zp" 2>/dev/null && [ $i -lt 450 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$zp" 2>/dev/null; then
	notok "zonetop ended within 45 s"
	kill -9 "$zp"
else
	ok "zonetop ended within 45 s ($((i / 10)) s)"
fi
wait "$zp"
zrc=$?
zpid=$zp
zp=
: >"$tmp/stop"
# the thrasher: SIGTERM (status 143), so an OOM kill (137) is told apart
for t in $(awk '$1 == "start" { print $2 }' "$tmp/thr"); do kill -TERM "$t" 2>/dev/null; done
i=0
while kill -0 "$sup" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -9 "$sup" 2>/dev/null
wait "$sup" 2>/dev/null
sup=
sleep 0.6
kill -9 "$mon" 2>/dev/null
wait "$mon" 2>/dev/null
mon=
oom_after=$(awk '$1 == "oom_kill" { print $2 }' "$cg/memory.oom_control")
failcnt=$(cat "$cg/memory.failcnt")
maxuse=$(cat "$cg/memory.max_usage_in_bytes")
dmesg 2>/dev/null | grep "oom_memcg=/$name," >"$tmp/kills"

check "zonetop exited 0 (status $zrc)" [ "$zrc" -eq 0 ]
check "zonetop printed nothing on stderr" [ ! -s "$tmp/err" ]
[ -s "$tmp/err" ] && sed 's/^/# stderr: /' "$tmp/err" | head -5

# privileges decide what selfguard could do
capeff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
has_cap() { [ $(( (0x$capeff >> $1) & 1 )) -eq 1 ]; }
lck=$(awk '{ for (i = 1; i < NF; i++) if ($i == "VmLck:") print $(i + 1) }' "$tmp/mon" | sort -n | tail -1)
memlock=$(ulimit -l)
case " $ZT_PRESS_ARGS " in
*" --no-mlock "*) skip "zonetop locked its memory: --no-mlock (VmLck ${lck:-0} kB)" ;;
*)
if has_cap 14 || [ "$memlock" = unlimited ]; then
	check "zonetop locked its memory (VmLck up to ${lck:-0} kB)" [ "${lck:-0}" -gt 0 ]
else
	skip "zonetop locked its memory: no CAP_IPC_LOCK and RLIMIT_MEMLOCK $memlock (VmLck ${lck:-0} kB)"
fi ;;
esac

"$py" - "$tmp" "$zpid" "$D" "$N" "$oom_before" "$oom_after" "$failcnt" "$maxuse" $LIMIT_MB \
    "${swap_on:-0}" "$(has_cap 24 && echo 1 || echo 0)" "$(cat /proc/$$/oom_score_adj)" \
    "$ZT_PRESS_ARGS" >"$tmp/py" 2>&1 <<'PY'
import json, os, re, statistics, sys
tmp, zpid, d, n = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
oom_before, oom_after, failcnt = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
maxuse, limit_mb = int(sys.argv[8]), int(sys.argv[9])
swap_on, cap_res = sys.argv[10] == "1", sys.argv[11] == "1"
inherited = int(sys.argv[12])
no_adj = "--no-oom-adj" in sys.argv[13].split()
from datetime import datetime

def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)

def note(s):
    print("# " + s)

samples = []
bad = 0
for line in open(os.path.join(tmp, "out.json")):
    try:
        samples.append(json.loads(line))
    except ValueError:
        bad += 1
check("%d JSON samples, all parse (got %d, %d bad)" % (n, len(samples), bad),
      len(samples) == n and bad == 0)

# the interval
ts = [datetime.fromisoformat(s["time"]).timestamp() for s in samples]
gaps = [b - a for a, b in zip(ts, ts[1:])]
if gaps:
    inside = sum(1 for g in gaps if 0.5 * d <= g <= 1.5 * d)
    q = statistics.quantiles(gaps, n=10) if len(gaps) > 1 else gaps * 9
    note("gaps: %d, median %.3f s, p10 %.3f, p90 %.3f, max %.3f; %d of %d within %.2f..%.2f s"
         % (len(gaps), statistics.median(gaps), q[0], q[-1], max(gaps),
            inside, len(gaps), 0.5 * d, 1.5 * d))
    check("interval kept: >= 90%% of gaps within %.1f s +- 50%% (%d of %d)"
          % (d, inside, len(gaps)), inside >= 0.9 * len(gaps))
    check("no gap longer than %.1f s (max %.3f s)" % (5 * d, max(gaps)),
          max(gaps) <= 5 * d)
else:
    check("interval kept (no samples)", False)

# pressure was real
thr = [l.split() for l in open(os.path.join(tmp, "thr"))] if os.path.exists(
    os.path.join(tmp, "thr")) else []
starts = [int(t[1]) for t in thr if t[0] == "start"]
exits = {int(t[1]): int(t[2]) for t in thr if t[0] == "exit"}
mon = [l.split() for l in open(os.path.join(tmp, "mon"))]
stat = [dict(zip(l[0::2], map(int, l[1::2]))) for l in mon if l and l[0] in ("swap", "rss", "pgmajfault")]
zs = [dict(zip(l[0::2], map(int, l[1::2]))) for l in mon if l and l[0].startswith("Vm")]
maxswap = max((s.get("swap", 0) for s in stat), default=0)
majf = max((s.get("pgmajfault", 0) for s in stat), default=0)
note("thrashers launched %d; exit statuses %s" % (len(starts), " ".join(
    "%dx%d" % (list(exits.values()).count(v), v) for v in sorted(set(exits.values())))))
note("cgroup: failcnt %d, OOM kills %d, swap in use up to %.1f MiB, major faults %d"
     % (failcnt, oom_after - oom_before, maxswap / 2**20, majf))
# (failcnt stays 0 on some kernels when the charge ends in an OOM kill)
check("the cgroup reached its limit (peak %.1f MiB of %d, failcnt %d)"
      % (maxuse / 2**20, limit_mb, failcnt), maxuse >= (limit_mb - 4) << 20)
if swap_on:
    check("the cgroup swapped (up to %.1f MiB)" % (maxswap / 2**20), maxswap > 0)
else:
    check("without swap the OOM killer fired (%d)" % (oom_after - oom_before),
          oom_after > oom_before)

# the OOM killer's victims: thrashers only
kills = []
for l in open(os.path.join(tmp, "kills")):
    m = re.search(r"oom-kill:.*,task=([^,]*),pid=(\d+),", l)
    if m:
        kills.append((m.group(1), int(m.group(2))))
note("OOM kills in the kernel log (its reports are rate-limited): %d, pids %s"
     % (len(kills), " ".join(str(p) for _, p in kills) or "none"))
check("zonetop (pid %d) was not the OOM killer's victim" % zpid,
      all(p != zpid for _, p in kills))
check("every victim in the kernel log was a thrasher",
      all(p in starts for _, p in kills))
# the kernel's count of kills in the cgroup against the thrashers that
# died of SIGKILL (nothing else sends it): equal, so no kill took zonetop
killed = sum(1 for p in starts if exits.get(p) == 137)
check("every OOM kill in the cgroup took a thrasher (%d kills, %d thrashers SIGKILLed)"
      % (oom_after - oom_before, killed), killed == oom_after - oom_before)

# self-protection
mine = [p for s in samples for p in s["processes"] if p.get("pid") == zpid]
adj = mine[-1].get("oom_score_adj") if mine else None
# one line each way, so the plan holds: the check that cannot run here
# is a named skip, not a pass
if no_adj:
    check("--no-oom-adj: the adj is left as inherited (%s, %d)" % (adj, inherited),
          adj == inherited)
elif cap_res:
    check("oom_score_adj -999 (CAP_SYS_RESOURCE held; zonetop's own row says %s)" % adj,
          adj == -999)
else:
    print("SKIP oom_score_adj -999: no CAP_SYS_RESOURCE (CapEff bit 24), the write is refused")
    note("zonetop's own row says oom_score_adj %s; it must survive on its footprint" % adj)
if no_adj or cap_res:
    print("SKIP the refused -999 leaves the adj as inherited: %s"
          % ("--no-oom-adj" if no_adj else "CAP_SYS_RESOURCE is held"))
else:
    check("without the capability the adj is left as inherited (%s, %d)"
          % (adj, inherited), adj == inherited)

# the footprint
rss = [z.get("VmRSS:", 0) for z in zs if "VmRSS:" in z]
if len(rss) >= 8:
    q1 = rss[len(rss) // 4]
    last = max(rss[3 * len(rss) // 4:])
    note("zonetop VmRSS kB: %s" % " ".join(str(r) for r in rss[::max(1, len(rss) // 12)]))
    check("footprint bounded: VmRSS %d kB late vs %d kB after a quarter (<= +2 MiB)"
          % (last, q1), last <= q1 + 2048)
else:
    check("footprint measured (%d readings)" % len(rss), False)
PY
checker_out $? "$tmp/py" "pressure checker"
done_testing
