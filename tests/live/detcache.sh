#!/bin/sh
# Live: the per-process detail cache (src/detcache.c).  Rows read once
# per process lifetime must still follow what changes: memory that grows
# (statm moves: status is read again), an exec (the address space's size
# changes: cmdline is read again), oom_score_adj written by someone else
# (read each sample through its kept fd), on both task sources (/proc
# and the BPF iterator, whose rows read only cmdline and cgroup).  Every
# row of `-b --format json` must match the kernel's own files for that
# process.
. "$(dirname "$0")/../lib.sh"
plan 24
tmp=$(mktemp -d)
pids=""
trap 'for p in $pids; do kill -9 "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

# grows by 64 MiB after 1.2 s, then sleeps
/usr/bin/python3 -c '
import time
time.sleep(1.2)
b = bytearray(64 << 20)
for i in range(0, len(b), 4096):
    b[i] = 1
time.sleep(30)' &
grow=$!
pids="$pids $grow"
# execs into another program after 1.2 s
sh -c 'sleep 1.2; exec sleep 31' &
ex=$!
pids="$pids $ex"
sleep 30 &
adj=$!
pids="$pids $adj"
( sleep 1.2; echo 321 >/proc/$adj/oom_score_adj ) &
pids="$pids $!"

# both task sources at once (the BPF iterator where it loads, and /proc)
"$ZT_BIN" --no-bpf -b -n 6 -d 0.5 --format json -p "$grow,$ex,$adj" \
    >"$tmp/out_procfs.json" 2>"$tmp/err_procfs" &
zp=$!
"$ZT_BIN" -b -n 6 -d 0.5 --format json -p "$grow,$ex,$adj" >"$tmp/out.json" 2>"$tmp/err"
check "batch json -p exits 0" [ $? -eq 0 ]
wait $zp
check "batch json -p --no-bpf exits 0" [ $? -eq 0 ]
cat >"$tmp/check.py" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
grow, ex, adj = (int(x) for x in sys.argv[2:5])
def row(s, pid):
    for p in s["processes"]:
        if p["pid"] == pid:
            return p
    return None
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
first, last = lines[0], lines[-1]
check("six samples", len(lines) == 6)
g0, g1 = row(first, grow), row(last, grow)
check("growing process in the first and last sample", g0 is not None and g1 is not None)
if g0 and g1:
    check("its rss followed the 64 MiB it touched (%s -> %s kB)" % (g0["rss_kb"], g1["rss_kb"]),
          g1["rss_kb"] - g0["rss_kb"] >= 60000)
e0, e1 = row(first, ex), row(last, ex)
check("exec'ing process in the first and last sample", e0 is not None and e1 is not None)
if e0 and e1:
    check("its command line before the exec (%r)" % e0["cmdline"], e0["cmdline"].startswith("sh -c"))
    check("its command line after the exec (%r)" % e1["cmdline"], e1["cmdline"] == "sleep 31")
    check("its comm after the exec (%r)" % e1["comm"], e1["comm"] == "sleep")
a0, a1 = row(first, adj), row(last, adj)
check("adj process in the first and last sample", a0 is not None and a1 is not None)
if a0 and a1:
    check("oom_score_adj before (%s)" % a0["oom_score_adj"], a0["oom_score_adj"] == 0)
    check("oom_score_adj after another process wrote it (%s)" % a1["oom_score_adj"], a1["oom_score_adj"] == 321)
PY
/usr/bin/python3 "$tmp/check.py" "$tmp/out.json" "$grow" "$ex" "$adj" >"$tmp/py" 2>&1
checker_out $? "$tmp/py" "the sample checker"
/usr/bin/python3 "$tmp/check.py" "$tmp/out_procfs.json" "$grow" "$ex" "$adj" >"$tmp/py" 2>&1
checker_out $? "$tmp/py" "the sample checker (--no-bpf)" "--no-bpf: "

# every row against the kernel's files, read right after the sample; a
# clean CI container may hold only a handful of user processes, so the
# test brings twelve of its own, with spaces, quotes and UTF-8 in argv
i=0
while [ $i -lt 12 ]; do
    /usr/bin/python3 -c 'import time; time.sleep(30)' "arg $i" "q'uo\"te" "ünï-$i" &
    pids="$pids $!"
    i=$((i + 1))
done
"$ZT_BIN" -b -n 3 -d 0.3 --format json >"$tmp/all.json" 2>"$tmp/err"
check "batch json (every row) exits 0" [ $? -eq 0 ]
/usr/bin/python3 - "$tmp/all.json" >"$tmp/py2" 2>&1 <<'PY'
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
bad = checked = 0
for p in last["processes"]:
    # stat before and after the cmdline: a process of the machine's
    # that exits (zombie: no command line) or execs between zonetop's
    # sample and this read has moved on, and is not held against it
    try:
        st0 = open("/proc/%d/stat" % p["pid"]).read()
        cmd = open("/proc/%d/cmdline" % p["pid"], "rb").read().rstrip(b"\0").replace(b"\0", b" ")
        st = open("/proc/%d/stat" % p["pid"]).read()
    except OSError:
        continue
    f0, f = st0[st0.rindex(")") + 2:].split(), st[st.rindex(")") + 2:].split()
    if int(f[19]) != p["start_time"] or f[0] in "ZX" or f0[0] in "ZX":
        continue
    if st[st.index("(") + 1:st.rindex(")")] != p["comm"] or st0 != st and \
            st0[st0.index("(") + 1:st0.rindex(")")] != p["comm"]:
        continue
    # an exiting process has dropped its mm (exit_mm) before it is a
    # zombie: its cmdline reads empty and its status has no Vm lines
    if not cmd:
        try:
            if "VmSize:" not in open("/proc/%d/status" % p["pid"]).read():
                continue
        except OSError:
            continue
    checked += 1
    # libproc2 (the first read) makes control bytes spaces
    norm = lambda t: None if not t else "".join(" " if ord(c) < 32 else c for c in t)
    want = norm(cmd.decode("utf-8", "replace"))
    if norm(p["cmdline"]) != want and "\ufffd" not in (want or ""):
        bad += 1
        print("# pid %d cmdline %r, kernel %r" % (p["pid"], p["cmdline"], want))
print(("ok" if checked > 10 and bad == 0 else "FAIL") +
      " every row's command line as the kernel has it (%d rows, %d differ)" % (checked, bad))
PY
checker_out $? "$tmp/py2" "the every-row checker"
done_testing
