#!/bin/sh
# Live: a real OOM kill.  A v1 memory cgroup limited to 64 MiB (and no
# swap), a child inside it that touches 200 MiB of anonymous memory, 8
# MiB at a time, and two zonetops sampling meanwhile from outside it
# (JSON with the cgroup view, text without).  The kernel kills the child;
# both must record the kill from the kernel's own report: the child's
# pid, "memcg OOM in" the cgroup, the report and its explanation, and
# its rank in the sample before the kill.  Bounded: the child cannot
# pass 64 MiB, it gets 20 s to die, zonetop 60 samples of 0.2 s; the
# cgroup is removed on every path.
. "$(dirname "$0")/../lib.sh"
plan 39

mem=/sys/fs/cgroup/memory
cg=$mem/zt-oom-$$
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
if [ "$(id -u)" -ne 0 ] || [ ! -f "$mem/cgroup.procs" ] || [ -z "$py" ]; then
	skip_all "needs root, the v1 memory controller and python3"
fi

tmp=$(mktemp -d)
child= zj= zt= zg=
cleanup() {
	for p in $child $zj $zt $zg; do kill -9 "$p" 2>/dev/null; done
	if [ -d "$cg" ]; then
		# whatever is left moves to the root, then the cgroup can go
		while read -r p; do echo "$p" >"$mem/cgroup.procs"; done \
		    <"$cg/cgroup.procs" 2>/dev/null
		i=0
		while ! rmdir "$cg" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir "$cg" && echo 64M >"$cg/memory.limit_in_bytes"
check "64 MiB memory cgroup made" [ "$(cat "$cg/memory.limit_in_bytes")" -eq 67108864 ]
# memory+swap no higher than memory: nothing escapes to swap
[ -f "$cg/memory.memsw.limit_in_bytes" ] && echo 64M >"$cg/memory.memsw.limit_in_bytes"

"$ZT_BIN" -b -d 0.2 -n 60 --format json --cgroup "/zt-oom-$$" \
    >"$tmp/out.json" 2>"$tmp/err.json" &
zj=$!
"$ZT_BIN" -b -d 0.2 -n 60 >"$tmp/out.txt" 2>"$tmp/err.txt" &
zt=$!
# without the kernel log (dmesg_restrict keeps it from nobody): a guess
zg=
if [ "$(cat /proc/sys/kernel/dmesg_restrict 2>/dev/null)" = 1 ] &&
    command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$ZT_BIN" -b -d 0.2 -n 60 --format json >"$tmp/out.guess" 2>"$tmp/err.guess" &
	zg=$!
fi
# the kernel log is read from the first sample on: wait for it
i=0
while [ ! -s "$tmp/out.json" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "zonetop sampling before the child starts" [ -s "$tmp/out.json" ]

# the shell joins the cgroup, then becomes python: the child's pid stays
sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2" -c "
import time
chunks = []
for i in range(25):
    chunks.append(b\"x\" * (8 << 20))
    time.sleep(0.1)
time.sleep(30)
"' oomchild "$cg" "$py" &
child=$!
i=0
while kill -0 "$child" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
alive=$(kill -0 "$child" 2>/dev/null && echo yes)
check "the child was killed within 20 s" [ -z "$alive" ]
wait "$child"
rc=$?
check "the child died of SIGKILL (rc $rc)" [ "$rc" -eq 137 ]
victim=$child
child=

# both end by themselves after 60 samples; 60 s at most
i=0
while { kill -0 "$zj" 2>/dev/null || kill -0 "$zt" 2>/dev/null ||
    { [ -n "$zg" ] && kill -0 "$zg" 2>/dev/null; }; } && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
wait "$zj"
check "zonetop JSON exits 0" [ $? -eq 0 ]
wait "$zt"
check "zonetop text exits 0" [ $? -eq 0 ]
guess=$zg
if [ -n "$zg" ]; then
	wait "$zg"
	check "zonetop as nobody exits 0" [ $? -eq 0 ]
else
	skips 7 "zonetop as nobody: dmesg_restrict is 0 or setpriv is missing"
fi
zj= zt= zg=

"$py" - "$tmp/out.json" "$victim" "/zt-oom-$$" >"$tmp/py" 2>&1 <<'PY'
import json, sys
path, victim, cg = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
lines = [json.loads(l) for l in open(path)]
check("60 JSON samples", len(lines) == 60)
check("the kernel log was read", all(l["kernel_log"]["read"] for l in lines))
ev = None
for l in lines:
    for e in l["events"]:
        if e["kind"] == "oom_kill" and e["victim_pid"] == victim:
            ev = ev or e
check("an oom_kill event names the child's pid %d" % victim, ev is not None)
ev = ev or {}
print("# " + str(ev.get("text")))
check("the victim is the kernel's word, not a guess", ev.get("victim_guessed") is False)
check("victim comm python3", ev.get("victim_comm", "").startswith("python3"))
check("constraint memcg", ev.get("constraint") == "memcg")
check("memcg is the test's cgroup", ev.get("memcg") == cg)
check("memcg limit 64 MiB", ev.get("memcg_limit_kb") == 65536)
check("the text says memcg OOM in the cgroup", ("memcg OOM in " + cg) in ev.get("text", ""))
check("a score from the report", isinstance(ev.get("victim_score"), int))
check("RSS from the kill line, near the limit",
      isinstance(ev.get("victim_rss_kb"), int) and 32768 < ev["victim_rss_kb"] < 131072)
check("the request's order and flags", ev.get("order") == 0 and ev.get("gfp"))
check("ranked in the sample before the kill", (ev.get("victim_rank") or 0) >= 1)
check("the cgroup view predicted it", ev.get("victim_predicted") is True)
check("one event for one kill",
      sum(1 for e in lines[-1]["events"] if e["kind"] == "oom_kill" and
          e["victim_pid"] == victim) == 1)
rep = ev.get("report") or ""
check("report has the kill line", ("Killed process %d (python3)" % victim) in rep)
check("report starts at its header", "invoked oom-killer" in rep.splitlines()[0] if rep else False)
ex = ev.get("explanation") or {}
check("explanation: memcg", ex.get("constraint") == "memcg")
check("explanation: the victim", (ex.get("victim") or {}).get("pid") == victim)
check("explanation: a verdict", len(ex.get("verdict") or []) > 0)
check("detail line", bool(ev.get("detail")))
check("the oom_kill counter rose", lines[-1]["oom_kills"] > lines[0]["oom_kills"])
PY
checker_out $? "$tmp/py" "oomkill json checker"

if [ -n "$guess" ]; then
	"$py" - "$tmp/out.guess" "$victim" >"$tmp/py" 2>&1 <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
victim = int(sys.argv[2])
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
check("nobody: the kernel log is not read", lines[0]["kernel_log"] ==
      {"read": False, "why": "/dev/kmsg: permission denied"})
evs = [e for e in lines[-1]["events"] if e["kind"] == "oom_kill"]
ev = next((e for e in evs if e["victim_pid"] == victim), evs[0] if evs else {})
print("# " + str(ev.get("text")))
check("nobody: an oom_kill event from vmstat", ev.get("count", 0) >= 1)
check("nobody: its victim is a guess", ev.get("victim_guessed") is True)
# the best-ranked process that vanished: the child, unless something
# bigger exited in the same interval (a busy machine); either way a pid
check("nobody: a vanished process is named", (ev.get("victim_pid") or 0) > 0)
print("# nobody: the guess %s the child" % ("is" if ev.get("victim_pid") == victim else "is not"))
check("nobody: the text says why", "victim guessed" in ev.get("text", "") and
      "kernel log: not read (/dev/kmsg: permission denied)" in ev.get("text", ""))
check("nobody: no report", ev.get("report") is None and ev.get("report_id") is None)
PY
	checker_out $? "$tmp/py" "oomkill nobody checker"
fi

txt=$(cat "$tmp/out.txt")
contains "text: the event names the child" "$txt" "event: OOM kill of python3 (pid $victim)"
contains "text: memcg OOM in the cgroup" "$txt" "memcg OOM in /zt-oom-$$ (limit 64.0M)"
lacks "no sanitizer report (json)" "$(cat "$tmp/err.json")" "ERROR: "
lacks "no sanitizer report (text)" "$(cat "$tmp/err.txt")" "ERROR: "
done_testing
