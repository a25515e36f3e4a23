#!/bin/sh
# Live: privilege.  Under strace -f, zonetop (the
# release build: the sanitizer runtime opens files of its own) executes
# no other program and creates no process (but, in the live modes, the
# BPF loader: a fork that opens only /sys and libbpf and exits), opens nothing outside the
# roots it was given and what libc itself needs, and writes only its own
# oom_score_adj and, when asked, a recording.  Five runs:
#   live      -b -n 2 --format json: /proc and /sys
#   capture   the same with --proc-root CAP: the per-process files too
#             come from CAP; of the real /proc only /proc/self/*
#   sysroot   --proc-root CAP --sys-root CAP/sys: nothing of /sys either
#   record    record FILE: writes FILE and nothing else
#   explain   explain FILE: reads FILE, writes nothing, no /proc or /sys
# The live runs may read /dev/kmsg (OOM kills as they happen), never a
# capture run.  What libc needs: the loader (/etc/ld.so.cache, /lib, /usr/lib), locales
# (/usr/share/locale, /usr/lib/locale, /etc/locale.alias: explain asks
# setlocale whether the terminal is UTF-8), user names (/etc/passwd,
# /etc/group, /etc/nsswitch.conf), the time zone (/etc/localtime,
# /usr/share/zoneinfo), /dev/null, and /dev/urandom (jansson seeds its
# hash tables there).  Both the path asked for and the file the kernel
# opened (strace -y) must be allowed, so a symlink out of a capture counts.
. "$(dirname "$0")/../lib.sh"
plan 28
cd "$(dirname "$0")/../.." || exit 2
zt=$PWD/zonetop
if ! command -v strace >/dev/null 2>&1; then
	notok "strace installed (sh scripts/deps.sh test)"; done_testing
fi
[ -x "$zt" ] || { notok "./zonetop built (make zonetop)"; done_testing; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# a capture: the 6.18 VM's files, its processes, a sys root
cap=$tmp/cap
mkdir -p "$cap"
cp -r "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g/." "$cap/"
cp -r "$ZT_FIXTURES"/procs/cap-6.18-x86_64/[0-9]* "$cap/"
cp -r "$ZT_FIXTURES/sys/kvm-virtio-balloon" "$cap/sysroot"

calls=execve,execveat,clone,clone3,fork,vfork,open,openat,openat2,creat
calls=$calls,unlink,unlinkat,rename,renameat,renameat2,truncate,ftruncate
trace() {	# NAME ARGS...: strace the release build into $tmp/NAME.st
	_t=$1; shift
	strace -f -qq -y -s 4096 -e trace=$calls -o "$tmp/$_t.st" \
	    "$zt" "$@" >"$tmp/$_t.out" 2>"$tmp/$_t.err"
	check "$_t: zonetop exits 0" [ $? -eq 0 ]
}
trace live -b -n 2 -d 0.2 --format json
trace capture -b -n 2 -d 0.2 --format json --proc-root "$cap"
trace sysroot -b -n 2 -d 0.2 --format json --proc-root "$cap" \
    --sys-root "$cap/sysroot"
trace record record "$tmp/rec.ztr" -n 2 -d 0.2
trace explain explain "$ZT_FIXTURES/oom/seed-4.4-kvm-balloon.txt"

python3 - "$tmp" "$zt" "$cap" "$ZT_FIXTURES/oom/seed-4.4-kvm-balloon.txt" \
    >"$tmp/verdicts" 2>&1 <<'PY'
import os, re, sys
tmp, zt, cap, report = sys.argv[1:5]
rec = os.path.join(tmp, "rec.ztr")
LIBC = ["/etc/ld.so.cache", "/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/",
        "/usr/share/locale/", "/etc/locale.alias", "/etc/passwd", "/etc/group",
        "/etc/nsswitch.conf", "/etc/localtime", "/usr/share/zoneinfo/",
        "/dev/null", "/dev/urandom"]
SELF = ["/proc/self/"]
# /dev/kmsg: the live system's kernel log, where OOM kills are read as
# they happen (kmsg.h); never with a capture, which is not this system
MODES = {	# name: (reads allowed beyond LIBC, writes allowed)
    "live": (["/proc", "/sys", "/dev/kmsg"], ["/proc/self/oom_score_adj"]),
    "capture": ([cap] + SELF + ["/sys"], ["/proc/self/oom_score_adj"]),
    "sysroot": ([cap] + SELF, ["/proc/self/oom_score_adj"]),
    "record": (["/proc", "/sys", "/dev/kmsg", rec],
               ["/proc/self/oom_score_adj", rec]),
    "explain": ([report], []),
}
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")
FD = r'(?:AT_FDCWD|-?\d+)<((?:[^>\\]|\\.)*)>'
STR = r'"((?:[^"\\]|\\.)*)"'

def unq(s):
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape")

def under(path, prefixes):
    for p in prefixes:
        if p.endswith("/"):
            if path.startswith(p):
                return True
        elif path == p or path.startswith(p + "/"):
            return True
    return False

def events(path):
    """(pid, call, asked path, opened path, is_write, args) per line."""
    for line in open(path, encoding="latin-1"):
        m = re.match(r'^(\d+)\s+(\w+)\((.*)$', line.rstrip("\n"))
        if not m or "resumed>" in line:
            continue
        pid, call, rest = int(m.group(1)), m.group(2), m.group(3)
        got = re.search(r'= \d+<((?:[^>\\]|\\.)*)>$', rest)
        opened = unq(got.group(1)) if got else None
        asked, write = [], False
        if call in ("open", "creat", "truncate", "unlink", "rename",
                    "execve"):
            asked = [unq(s) for s in re.findall(STR, rest)[:2 if call == "rename" else 1]]
        elif call in ("openat", "openat2", "unlinkat", "execveat",
                      "renameat", "renameat2"):
            pairs = re.findall(FD + r', ' + STR, rest)
            asked = [os.path.join(unq(d), unq(s)) for d, s in pairs]
        elif call == "ftruncate":
            f = re.match(FD, rest)
            asked = [unq(f.group(1))] if f else []
        asked = [os.path.normpath(a) for a in asked]
        if call in ("creat", "truncate", "ftruncate", "unlink", "unlinkat",
                    "rename", "renameat", "renameat2"):
            write = True
        elif call.startswith("open"):
            write = any(f in rest for f in WRITE_FLAGS)
        yield pid, call, asked, opened, write, rest

def selfish(path, pid):
    # /proc/<own pid>/... is /proc/self/...
    return re.sub(r'^/proc/%d(/|$)' % pid, r'/proc/self\1', path)

for mode, (reads, writes) in MODES.items():
    ev = list(events(os.path.join(tmp, mode + ".st")))
    pids = sorted({e[0] for e in ev})
    execs = [e for e in ev if e[1] in ("execve", "execveat")]
    print(("ok" if len(execs) == 1 and execs[0] is ev[0] and
           execs[0][2] == [zt] else "not ok") +
          " %s: exactly one execve, zonetop itself (%d)" % (mode, len(execs)))
    forks = [e for e in ev if e[1] in ("fork", "vfork") or
             (e[1] in ("clone", "clone3") and "CLONE_THREAD" not in e[5])]
    # the one exception: the live modes' BPF loader (bpf_tasks.c), a
    # fork of zonetop that executes nothing, opens only /sys (the
    # kernel's BTF, the possible CPUs), libbpf (dlopen, with the
    # libraries it needs) and one of its own fds by /proc/self/fd (the
    # memfd of the reduced BTF it hands libbpf), hands the iterator
    # back, exits
    kids = set(pids) - {ev[0][0]}
    kid_opens = [p for e in ev if e[0] in kids and e[1].startswith("open")
                 for p in e[2]]
    if mode in ("live", "record"):
        ok = len(forks) <= 1 and len(kids) == len(forks) and all(
            p.startswith("/sys/") or under(p, LIBC) or
            re.match(r"^/proc/self/fd/[0-9]+$", p) for p in kid_opens)
    else:
        ok = not forks and len(pids) == 1
    print(("ok" if ok else "not ok") +
          " %s: no other process created but the BPF loader (%d)" % (
              mode, len(forks)))
    bad_r, bad_w, n = [], [], 0
    for pid, call, asked, opened, write, rest in ev:
        if call in ("execve", "execveat", "clone", "clone3", "fork", "vfork"):
            continue
        paths = [selfish(a, pid) for a in asked]
        if opened is not None:
            paths.append(selfish(os.path.normpath(opened), pid))
        n += 1
        for p in paths:
            if write:
                if not under(p, writes):
                    bad_w.append("%s %s" % (call, p))
            elif not under(p, LIBC + reads):
                bad_r.append("%s %s" % (call, p))
    print(("ok" if not bad_r else "not ok") +
          " %s: %d opens, none outside %s and libc's files" % (
              mode, n, " ".join(reads) or "the report"))
    for b in sorted(set(bad_r))[:15]:
        print("# outside: " + b)
    print(("ok" if not bad_w else "not ok") +
          " %s: writes only %s" % (mode, " ".join(writes) or "nothing"))
    for b in sorted(set(bad_w))[:15]:
        print("# write: " + b)
    if mode in ("capture", "sysroot"):
        # the candidates come from the capture, not the running system
        per = [a for e in ev for a in e[2] if re.match(
            re.escape(cap) + r'/\d+/', a)]
        live = [a for e in ev for a in e[2]
                if re.match(r'/proc/\d+/', selfish(a, e[0]))]
        print(("ok" if per and not live else "not ok") +
              " %s: per-process files read from the capture (%d), none "
              "from /proc (%d)" % (mode, len(per), len(live)))
PY
checker_out $? "$tmp/verdicts" "privilege checker"
check "record wrote the recording" [ -s "$tmp/rec.ztr" ]
done_testing
