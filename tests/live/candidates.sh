#!/bin/sh
# Live: the OOM candidates in batch output.  Children with known
# oom_score_adj and a child whose comm and argv hold escape sequences,
# control bytes and invalid UTF-8; the JSON rows, the predicted victim,
# --top / -p / -u / --cgroup, and no raw control byte in text or JSON.
# Every child is killed on exit; the memory cgroup made here is removed.
. "$(dirname "$0")/../lib.sh"
plan 40
tmp=$(mktemp -d)
kids=""
cg=""
cleanup() {
	for k in $kids; do kill -9 "$k" 2>/dev/null; done
	wait 2>/dev/null
	if [ -n "$cg" ] && [ -d "$cg" ]; then
		i=0
		while ! rmdir "$cg" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# a sleeper with oom_score_adj $1 (in cgroup.procs $2 if given)
sleeper() {
	sh -c '[ -n "$2" ] && echo $$ > "$2"; echo "$1" > /proc/self/oom_score_adj; exec sleep 60' \
	    zt-sleeper "$1" "${2:-}" &
	kids="$kids $!"
	last=$!
}

sleeper 1000; p1000=$last
sleeper 500; p500=$last
# the hostile one: comm is the basename of the file executed
hostile="$tmp/$(printf '\033]0;pwned\007\377')"
# the interpreter itself, not a wrapper script (pyenv shims are scripts)
py=$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))')
ln -s "$py" "$hostile"
"$hostile" -c 'import time; time.sleep(60)' "$(printf 'arg\033[31mred\001')" \
    "$(printf '\303(x')" 2>/dev/null &
phost=$!
kids="$kids $phost"
# until the children have set their adj and exec'd
i=0
while [ $i -lt 50 ]; do
	[ "$(cat /proc/$p1000/oom_score_adj 2>/dev/null)" = 1000 ] &&
	    [ "$(cat /proc/$p500/oom_score_adj 2>/dev/null)" = 500 ] &&
	    grep -q sleep /proc/$p1000/cmdline 2>/dev/null &&
	    grep -q sleep /proc/$p500/cmdline 2>/dev/null &&
	    grep -q pwned /proc/$phost/comm 2>/dev/null && break
	sleep 0.1; i=$((i + 1))
done

"$ZT_BIN" -b -n 1 --format json >"$tmp/all.json" 2>"$tmp/err"
check "batch json exits 0" [ $? -eq 0 ]
"$ZT_BIN" -b -n 1 --format json --top 3 >"$tmp/top3.json" 2>>"$tmp/err"
"$ZT_BIN" -b -n 1 --format json -p "$p500,$phost" >"$tmp/pids.json" 2>>"$tmp/err"
"$ZT_BIN" -b -n 1 --format json -u root >"$tmp/root.json" 2>>"$tmp/err"
"$ZT_BIN" -b -n 1 --format json -u nosuchuser-zt >"$tmp/nouser.json" 2>"$tmp/nouser.err"
nouser_rc=$?
check "-u with an unknown user: refused, exit status 2 (got $nouser_rc)" [ "$nouser_rc" -eq 2 ]
check "-u with an unknown user: one line says so" \
    [ "$(cat "$tmp/nouser.err")" = "zonetop: -u 'nosuchuser-zt': no such user (a user name or a uid)" ]
check "-u with an unknown user: nothing on stdout" [ ! -s "$tmp/nouser.json" ]
"$ZT_BIN" -b -n 1 --top 1000000 >"$tmp/all.txt" 2>>"$tmp/err"
check "batch text exits 0" [ $? -eq 0 ]

python3 - "$tmp" "$p1000" "$p500" "$phost" >"$tmp/py" 2>&1 <<'PY'
import json, sys
d, p1000, p500, phost = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def load(name):
    raw = open(d + "/" + name, "rb").read()
    return raw, json.loads(raw.decode("utf-8").splitlines()[0])
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
raw, j = load("all.json")
procs = j["processes"]
check("processes is a list", isinstance(procs, list) and len(procs) > 0)
keys = ["pid", "user", "comm", "cmdline", "oom_score", "oom_score_adj",
        "rss_kb", "swap_kb", "cgroup", "killable", "rank", "badness_pages",
        "badness_share", "score_adj0"]
check("every row has the issue's keys", all(all(k in p for k in keys) for p in procs))
check("rows in rank order", [p["rank"] for p in procs] == sorted(p["rank"] for p in procs))
scores = [p["oom_score"] for p in procs]
check("rows by oom_score, highest first", scores == sorted(scores, reverse=True))
check("no duplicate pids", len(set(p["pid"] for p in procs)) == len(procs))
check("no kernel threads (kthreadd)", all(p["pid"] != 2 for p in procs))
by = {p["pid"]: p for p in procs}
check("the +1000 child is listed", p1000 in by)
check("the +500 child is listed", p500 in by)
a, b = by.get(p1000, {}), by.get(p500, {})
check("+1000 child: adj 1000, killable", a.get("oom_score_adj") == 1000 and a.get("killable") is True)
check("+1000 ranks above +500", a.get("rank", 1e9) < b.get("rank", 0))
low = [p for p in procs if p["oom_score_adj"] is not None and p["oom_score_adj"] <= 0]
check("+1000 ranks above every adj <= 0 process", all(a.get("rank", 1e9) < p["rank"] for p in low))
rivals = [p for p in procs if p["pid"] != p1000 and (p["oom_score_adj"] or 0) >= 1000
          and p["oom_score"] >= a.get("oom_score", 0)]
if not rivals:
    check("predicted victim is the +1000 child", j["predicted_victim"] == p1000)
else:
    print("# another +1000 process outranks ours")
    check("predicted victim is the first killable row",
          j["predicted_victim"] == next(p["pid"] for p in procs if p["killable"] and p["oom_score"] > 0))
check("adj-neutral score below the score for +1000", a.get("score_adj0", 2000) <= a.get("oom_score", 0) - 600)
init = by.get(1)
if init is not None and init["oom_score"] == 0:
    check("init (score 0) is not killable", init["killable"] is False)
else:
    print("SKIP init (score 0) is not killable: init's score is not 0 here")
check("processes_total counts every process", j["processes_total"] >= len(procs))
h = by.get(phost, {})
check("hostile child listed", phost in by)
check("hostile comm and cmdline carried into JSON",
      "pwned" in (h.get("comm") or "") and "red" in (h.get("cmdline") or ""))
# JSON text itself: no raw control byte anywhere (json escapes them)
check("no raw control byte in the JSON text", not any(c < 0x20 and c != 0x0a for c in raw))
raw3, j3 = load("top3.json")
check("--top 3 gives 3 rows", len(j3["processes"]) == 3)
check("--top 3 keeps the global ranks", [p["rank"] for p in j3["processes"]] == [1, 2, 3])
rawp, jp = load("pids.json")
check("-p gives exactly those pids", sorted(p["pid"] for p in jp["processes"]) == sorted([p500, phost]))
check("-p rows carry ranks among all processes", all(p["rank"] >= 1 and p["rank"] <= jp["processes_total"] for p in jp["processes"]))
rawr, jr = load("root.json")
check("-u root: only root's processes", len(jr["processes"]) > 0 and all(p["user"] == "root" for p in jr["processes"]))
txt = open(d + "/all.txt", "rb").read()
check("text lists the +1000 child", str(p1000).encode() in txt)
check("text lists the hostile child", str(phost).encode() in txt)
check("no raw control byte in the text output", not any((c < 0x20 and c not in (0x0a,)) or c == 0x7f for c in txt))
try:
    txt.decode("utf-8")
    check("text output is valid UTF-8", True)
except UnicodeDecodeError:
    check("text output is valid UTF-8", False)
PY
checker_out $? "$tmp/py" "candidates json checker"
[ -s "$tmp/err" ] && sed 's/^/# stderr: /' "$tmp/err" | head -5

# the cgroup view on a memory cgroup made here: v1, or pure v2 with the
# memory controller enabled below the root
base="" limit="" ver=""
if [ -w /sys/fs/cgroup/memory ] && [ -f /sys/fs/cgroup/memory/cgroup.procs ]; then
	base=/sys/fs/cgroup/memory limit=memory.limit_in_bytes ver=1
elif [ -f /sys/fs/cgroup/cgroup.controllers ] && [ -w /sys/fs/cgroup ] &&
    grep -qw memory /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then
	base=/sys/fs/cgroup limit=memory.max ver=2
fi
if [ -n "$base" ]; then
	name="zt-live-$$"
	cg="$base/$name"
	mkdir "$cg" && echo 67108864 >"$cg/$limit"
	sleeper 0 "$cg/cgroup.procs"; c1=$last
	sleeper 300 "$cg/cgroup.procs"; c2=$last
	i=0
	while [ $i -lt 50 ]; do
		[ "$(wc -l <"$cg/cgroup.procs")" -ge 2 ] && grep -q sleep /proc/$c2/cmdline 2>/dev/null &&
		    grep -q sleep /proc/$c1/cmdline 2>/dev/null && break
		sleep 0.1; i=$((i + 1))
	done
	"$ZT_BIN" -b -n 1 --format json --cgroup "/$name" >"$tmp/cg.json" 2>"$tmp/err"
	check "--cgroup exits 0" [ $? -eq 0 ]
	python3 - "$tmp/cg.json" "$name" "$c1" "$c2" "$ver" >"$tmp/py" 2>&1 <<'PY'
import json, sys
j = json.loads(open(sys.argv[1]).readline())
name, c1, c2, ver = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
cg = j.get("cgroup") or {}
check("cgroup view: limit 64 MiB", cg.get("limit_kb") == 65536)
check("cgroup view: usage nonzero", (cg.get("usage_kb") or 0) > 0)
check("cgroup view: version %d" % ver, cg.get("version") == ver)
check("cgroup view: OOM event counters", "oom_kill" in (cg.get("events") or {}))
pids = sorted(p["pid"] for p in j["processes"])
check("cgroup view: only its two members", pids == sorted([c1, c2]))
check("cgroup view: members show the cgroup path",
      all(p["cgroup"] == "/" + name for p in j["processes"]))
check("cgroup view: +300 member ranks first", j["processes"][0]["pid"] == c2)
PY
	checker_out $? "$tmp/py" "cgroup view checker"
else
	skips 8 "cgroup view: no writable memory cgroup hierarchy"
fi
done_testing
