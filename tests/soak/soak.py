#!/usr/bin/env python3
"""soak.py: drivers and checkers of the soak tests (tests/soak/*.sh) and of
the churn smoke test (tests/live/churn.sh).  Prints "ok WHAT" / "not ok
WHAT" lines (the shell script numbers them) and "# ..." figures.

  soak.py churn ZONETOP SPAWN SECONDS RATE INTERVAL [--no-rss]
  soak.py steady ZONETOP SPAWN NPROCS SECONDS INTERVAL RSS_EVERY

churn: SPAWN forks RATE short-lived children a second for SECONDS and
logs each one's pid, start_time and lifetime; ZONETOP -b --format json
samples every INTERVAL meanwhile.  The checks, and why they are sound:

  * Each sample is JSON with a "time" (CLOCK_REALTIME taken before the
    sample reads anything; printed rounded down to the millisecond) and
    its line arrives at some realtime A read right after the line is
    read.  Every read of the sample happened inside [time, A].
  * A churn child's /proc/PID exists only inside [t_fork, t_reaped]:
    t_fork is taken before fork(), t_reaped after waitpid() returned
    (until then the child is at least a zombie, whose /proc/PID stays).
  * So a row (pid, start_time) that is a churn child must have a lifetime
    that meets [time, A]; a row whose child was reaped before the sample
    began is stale (from a cache, or a reused pid mixed up): failure.
    pid_max is small here (32768) and 500 forks a second wraps it, so
    the (pid, start_time) pairs matter: a pid comes back as a different
    child.
  * Rows that are no churn child are other processes of the machine;
    they are checked at arrival: /proc/PID with the same start_time
    still there proves them.  One that is gone by then cannot be proved
    either way (other people's short-lived processes) and is counted,
    not failed.
  * No pid appears twice in a sample.
  * zonetop exits 0 after SIGINT with nothing on stderr, and its VmRSS,
    read every second, ends where it started: the highest value of the
    last 20 s is at most 1 MiB above the highest of the first 20 s.

steady: SPAWN holds NPROCS idle processes; ZONETOP -b samples every
INTERVAL for SECONDS; its VmRSS is read every RSS_EVERY seconds and
printed as a curve.  Flat means: after the first minute (warm-up: caches
and fd tables reach their size), the highest RSS of the last third is at
most 1 MiB above the highest of the first third, and the least-squares
slope over the same span is under 64 KiB a minute.
"""
import datetime
import json
import os
import signal
import subprocess
import sys
import threading
import time


def say(ok, what):
    print(("ok " if ok else "not ok ") + what, flush=True)


def note(text):
    print("# " + text, flush=True)


def vmrss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def start_time_of(pid):
    """Field 22 of /proc/PID/stat, or None when the process is gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            data = f.read()
    except OSError:
        return None
    rest = data[data.rfind(b")") + 2:].split()
    return int(rest[19]) if len(rest) > 19 else None


class RssSampler(threading.Thread):
    def __init__(self, pid, every):
        super().__init__(daemon=True)
        self.pid, self.every, self.points, self.stop = pid, every, [], False
        self.t0 = time.monotonic()

    def run(self):
        next_t = time.monotonic()
        while not self.stop:
            kb = vmrss_kb(self.pid)
            if kb is None:
                return
            self.points.append((time.monotonic() - self.t0, kb))
            next_t += self.every
            time.sleep(max(0.0, next_t - time.monotonic()))


def curve(points, width=50):
    """Print RSS points as a text curve scaled to the range seen after
    the first point (taken as zonetop starts, before it has read
    anything)."""
    rest = points[1:] or points
    lo = min(kb for _, kb in rest)
    hi = max(kb for _, kb in rest)
    for t, kb in points:
        bar = "#" * (1 + int(max(0, kb - lo) * (width - 1) / max(1, hi - lo)))
        note("%6.0fs %8d KiB %s" % (t, kb, bar))


def slope_kb_per_min(points):
    n = len(points)
    if n < 2:
        return 0.0
    mt = sum(t for t, _ in points) / n
    mk = sum(k for _, k in points) / n
    num = sum((t - mt) * (k - mk) for t, k in points)
    den = sum((t - mt) ** 2 for t, _ in points)
    return 60.0 * num / den if den else 0.0


def parse_time(text):
    return datetime.datetime.fromisoformat(text).timestamp()


def churn(zonetop, spawn, secs, rate, interval, want_rss):
    logpath = "build/soak/churn-%d.log" % os.getpid()
    errpath = logpath + ".err"
    err = open(errpath, "w")
    zt = subprocess.Popen([zonetop, "-b", "-n", "0", "-d", str(interval), "--format",
                           "json"], stdout=subprocess.PIPE, stderr=err)
    rss = RssSampler(zt.pid, 1.0)
    rss.start()
    samples = []

    def reader():
        for line in zt.stdout:
            arrival = time.time()
            alive = {}
            try:
                rows = json.loads(line).get("processes") or []
            except ValueError:
                rows = []
            for p in rows:		# proof of life for other processes
                pid = p.get("pid")
                if isinstance(pid, int):
                    alive[pid] = start_time_of(pid)
            samples.append((arrival, line, alive))

    rd = threading.Thread(target=reader, daemon=True)
    rd.start()
    time.sleep(1.0)			# a few samples before the churn
    sp = subprocess.run([spawn, "churn", str(rate), str(secs), logpath],
                        capture_output=True, text=True)
    time.sleep(1.0)
    zt.send_signal(signal.SIGINT)
    try:
        rc = zt.wait(timeout=30)
    except subprocess.TimeoutExpired:
        zt.kill()
        rc = zt.wait()
    rd.join(timeout=10)
    rss.stop = True
    err.close()
    errtext = open(errpath).read()
    note("spawn: " + sp.stdout.strip())

    say(rc == 0, "zonetop exits 0 after SIGINT (rc %s)" % rc)
    say(errtext.strip() == "", "nothing on zonetop's stderr")
    if errtext.strip():
        for line in errtext.splitlines()[:20]:
            note(line)
    say(sp.returncode == 0, "churn ran")

    life_by_id, life_by_pid = {}, {}
    for line in open(logpath):
        pid, st, tf, tr = line.split()
        life = (float(tf), float(tr))
        life_by_id.setdefault((int(pid), int(st)), []).append(life)
        life_by_pid.setdefault(int(pid), []).append(life)
    note("churn log: %d children, %d distinct pids (pid reuse: %d)" % (
        sum(len(v) for v in life_by_id.values()), len(life_by_pid),
        sum(len(v) - 1 for v in life_by_pid.values())))

    bad_json = dups = stale = churn_rows = proved = unproved = 0
    first_bad = []
    for arrival, line, alive in samples:
        try:
            s = json.loads(line)
            when = parse_time(s["time"])
            rows = s["processes"]
        except (ValueError, KeyError, TypeError):
            bad_json += 1
            continue
        pids = [p["pid"] for p in rows]
        if len(pids) != len(set(pids)):
            dups += 1
            if len(first_bad) < 5:
                first_bad.append("duplicate pid in sample at %s" % s["time"])
        for p in rows:
            pid, st = p["pid"], p.get("start_time")
            lives = life_by_id.get((pid, st)) if st is not None else \
                life_by_pid.get(pid)
            if lives:
                churn_rows += 1
                if not any(tf <= arrival and tr >= when for tf, tr in lives):
                    stale += 1
                    if len(first_bad) < 5:
                        first_bad.append(
                            "stale: pid %d (start %s) in sample %s..%.3f, "
                            "lived %s" % (pid, st, s["time"], arrival, lives))
            elif alive.get(pid) is not None and (st is None or
                                                 alive[pid] == st):
                proved += 1
            else:
                unproved += 1
    n = len(samples)
    expect = (secs + 2.0) / interval
    say(n >= expect * 0.5, "%d samples in %.0fs at %.1fs (expected about %d)"
        % (n, secs + 2.0, interval, expect))
    say(bad_json == 0, "every sample is JSON with time and processes "
        "(%d bad)" % bad_json)
    say(dups == 0, "no pid twice in a sample (%d samples with duplicates)"
        % dups)
    say(churn_rows > 0, "churn children seen in the samples (%d rows): the "
        "check is not vacuous" % churn_rows)
    say(stale == 0, "no stale churn child: each listed one was alive "
        "during its sample (%d stale)" % stale)
    for b in first_bad:
        note(b)
    note("other processes: %d rows proved alive at arrival, %d gone by "
         "then (not provable)" % (proved, unproved))

    if want_rss:
        pts = rss.points
        first = [kb for t, kb in pts if t <= 20.0]
        last = [kb for t, kb in pts if t >= pts[-1][0] - 20.0] if pts else []
        if first and last:
            note("VmRSS every second, KiB: " +
                 " ".join(str(kb) for _, kb in pts))
            say(max(last) <= max(first) + 1024,
                "RSS flat: max of last 20s %d KiB <= max of first 20s "
                "%d KiB + 1024" % (max(last), max(first)))
        else:
            say(False, "RSS sampled (%d points)" % len(pts))
    for p in (logpath, errpath):
        try:
            os.unlink(p)
        except OSError:
            pass


def steady(zonetop, spawn, nprocs, secs, interval, every):
    sp = subprocess.Popen([spawn, "idle", str(nprocs)], stdout=subprocess.PIPE,
                          text=True)
    ready = sp.stdout.readline().strip() == "ready"
    say(ready, "%d idle processes running" % nprocs)
    nproc_now = len([d for d in os.listdir("/proc") if d.isdigit()])
    note("processes on the machine: %d" % nproc_now)
    errpath = "build/soak/steady-%d.err" % os.getpid()
    err = open(errpath, "w")
    zt = subprocess.Popen([zonetop, "-b", "-n", "0", "-d", str(interval)],
                          stdout=subprocess.PIPE, stderr=err)
    count = [0]

    def reader():
        for line in zt.stdout:
            if line.startswith(b"zonetop "):
                count[0] += 1

    rd = threading.Thread(target=reader, daemon=True)
    rd.start()
    rss = RssSampler(zt.pid, every)
    rss.start()
    time.sleep(secs + 0.5)
    rss.stop = True
    zt.send_signal(signal.SIGINT)
    try:
        rc = zt.wait(timeout=30)
    except subprocess.TimeoutExpired:
        zt.kill()
        rc = zt.wait()
    rd.join(timeout=10)
    sp.send_signal(signal.SIGTERM)
    sp.wait(timeout=60)
    err.close()
    errtext = open(errpath).read()
    os.unlink(errpath)

    say(rc == 0, "zonetop exits 0 after SIGINT (rc %s)" % rc)
    say(errtext.strip() == "", "nothing on zonetop's stderr")
    for line in errtext.splitlines()[:20]:
        note(line)
    note("%d samples in %.0fs: one every %.3fs (asked %.3fs)" % (
        count[0], secs, secs / max(1, count[0]), interval))
    say(count[0] >= secs / interval * 0.25,
        "kept sampling (%d samples)" % count[0])
    pts = [(t, kb) for t, kb in rss.points if t <= secs]
    if len(pts) < 6:
        say(False, "RSS sampled (%d points)" % len(pts))
        return
    note("VmRSS of zonetop every %.0fs:" % every)
    curve(pts)
    warm = [(t, kb) for t, kb in pts if t >= 60.0] or pts[len(pts) // 3:]
    third = max(1, len(warm) // 3)
    head, tail = warm[:third], warm[-third:]
    slope = slope_kb_per_min(warm)
    note("after warm-up: first third max %d KiB, last third max %d KiB, "
         "slope %.1f KiB/min" % (max(k for _, k in head),
                                 max(k for _, k in tail), slope))
    say(max(k for _, k in tail) <= max(k for _, k in head) + 1024,
        "RSS flat: last third max <= first third max + 1 MiB")
    say(slope < 64.0, "RSS slope under 64 KiB/min (%.1f)" % slope)


def main(argv):
    if len(argv) >= 7 and argv[1] == "churn":
        churn(argv[2], argv[3], float(argv[4]), float(argv[5]),
              float(argv[6]), "--no-rss" not in argv[7:])
    elif len(argv) == 8 and argv[1] == "steady":
        steady(argv[2], argv[3], int(argv[4]), float(argv[5]),
               float(argv[6]), float(argv[7]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
