#!/usr/bin/env python3
# explain_corpus.py: runs `zonetop explain --format json` on every report
# of a corpus directory (--dir: tests/fixtures/oom-corpus, or the
# held-out oom-corpus-holdout) and compares each field with the
# hand-written oracle beside it (NAME.json; format in the corpus's
# README.md).  Prints one line per report-field, "ok|todo|notok WHAT",
# for explain_corpus.sh to number, then "#" lines: the hit rate per field.
# The field list is fixed, so the count of lines only moves with the
# corpus.  A miss named in known-misses.txt is "todo" (a known miss); a
# new miss, or a listed miss that now passes, is "notok".
import argparse
import glob
import json
import os
import re
import subprocess
import sys

FIELDS = ["kind", "kernel", "trigger.comm", "trigger.pid", "gfp_mask", "order",
          "constraint", "memcg", "victim", "victim.pid", "victim.comm",
          "victim.anon_rss_kb", "victim.file_rss_kb", "victim.shmem_rss_kb",
          "victim.rss_kb", "zones", "zones.free_kb", "zones.min_kb"]

# explain's "constraint" values, as the kernel's enum oom_constraint
CONSTRAINT = {"global": "CONSTRAINT_NONE", "memcg": "CONSTRAINT_MEMCG",
              "cpuset": "CONSTRAINT_CPUSET", "mempolicy": "CONSTRAINT_MEMORY_POLICY",
              "none": None}


def run_explain(zt, path):
    """explain's exit status, JSON objects ([] when it finds none) and
    whether it ran cleanly (exit 0 or 1 "no report", no sanitizer report
    or crash on stderr)."""
    p = subprocess.run([zt, "explain", path, "--format", "json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    err = p.stderr.decode("utf-8", "replace")
    clean = p.returncode in (0, 1) and not re.search(
        r"Sanitizer|runtime error|Segmentation|Aborted|core dumped", err)
    out = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            try:
                out.append(json.loads(line))
            except ValueError:
                out.append({"_unparsable": line[:80]})
    return p.returncode, out, clean


def kind_of(o):
    """Our kind name for one explain object (see README.md: oracle kinds)."""
    if o.get("kind") == "allocation_failure":
        return "alloc_failure"
    if o.get("kind") != "oom":
        return o.get("kind")
    if o.get("cause") == "sysrq":
        return "sysrq"
    # "scope": the tasks ranked ("constraint" keeps a patched kernel's name)
    if o.get("scope", o.get("constraint")) == "memcg":
        return "memcg_oom"
    if o.get("cause") == "page_fault":
        return "pagefault_oom"
    return "global_oom"


def hexval(s):
    if s is None:
        return None
    try:
        return int(str(s), 16)
    except ValueError:
        return str(s)


def major_minor(release):
    """"5.15" of "5.15.158-2-pve"; 2.6 kernels keep their third number."""
    m = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", release or "")
    if not m:
        return None
    if m.group(1) == "2" and m.group(3):
        return "%s.%s.%s" % m.groups()
    return "%s.%s" % (m.group(1), m.group(2))


def zone_map(zones):
    m = {}
    for z in zones or []:
        m.setdefault((z.get("node"), z.get("zone")), []).append(z)
    return m


def compare(field, want_doc, want, got):
    """(passed, what explain said) for one field of one report."""
    if got is None:
        return False, "no report"
    v = got.get("victim")
    wv = want.get("victim")
    if field == "kind":
        g = kind_of(got)
        if want["kind"] is None:
            # a header alone: an OOM, but global or memcg cannot be told
            return g in ("global_oom", "memcg_oom"), g
        return g == want["kind"], g
    if field == "kernel":
        g = major_minor(got.get("kernel"))
        # a paste of reports from several kernels names each one's release
        return g == want.get("kernel", want_doc.get("kernel")), g
    if field in ("trigger.comm", "trigger.pid"):
        g = (got.get("trigger") or {}).get(field.split(".")[1])
        return g == want["trigger"][field.split(".")[1]], g
    if field == "gfp_mask":
        g = got.get("gfp_mask")
        return hexval(g) == hexval(want["gfp_mask"]), g
    if field == "order":
        g = got.get("order")
        return g == want["order"], g
    if field == "constraint":
        g = CONSTRAINT.get(got.get("constraint"), got.get("constraint"))
        if want["constraint"] is None:
            # not printed by this report: only a value marked inferred is right
            return bool(got.get("constraint_inferred")) or g is None, \
                "%s%s" % (g, " (inferred)" if got.get("constraint_inferred") else "")
        return g == want["constraint"] and not got.get("constraint_inferred"), g
    if field == "memcg":
        g = (got.get("memcg") or {}).get("path")
        return g == want["memcg"], g
    if field == "victim":
        return (v is None) == (wv is None), None if v is None else "victim"
    if field.startswith("victim."):
        k = field.split(".")[1]
        if wv is None:
            return v is None, None if v is None else v.get(k)
        if k == "rss_kb":
            parts = [wv.get(x) for x in ("anon_rss_kb", "file_rss_kb", "shmem_rss_kb")]
            if parts[0] is None or parts[1] is None:
                # no kill-line RSS, or a kill line cut short: no total to sum
                return None, "skip"
            want_rss = sum(x for x in parts if x is not None)
            g = v.get(k) if v else None
            return g == want_rss, g
        g = v.get(k) if v else None
        return g == wv.get(k), g
    if field.startswith("zones"):
        wz = zone_map(want["zones"])
        gz = zone_map(got.get("zones"))
        if field == "zones":
            ok = sorted((str(k), len(x)) for k, x in wz.items()) == \
                sorted((str(k), len(x)) for k, x in gz.items())
            return ok, " ".join("%s/%s" % k for k in gz)
        key = field.split(".")[1]
        bad = []
        for zk, zl in wz.items():
            gl = gz.get(zk, [])
            for i, z in enumerate(zl):
                gv = gl[i].get(key) if i < len(gl) else None
                if gv != z[key]:
                    bad.append("%s/%s=%s" % (zk[0], zk[1], gv))
        return not bad, " ".join(bad)
    raise KeyError(field)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--strict", action="store_true",
                    help="every miss is a failure (ignore known-misses.txt)")
    ap.add_argument("--write-misses", metavar="FILE",
                    help="write the misses of this run to FILE")
    a = ap.parse_args()

    known = set()
    kf = os.path.join(a.dir, "known-misses.txt")
    if os.path.exists(kf) and not a.strict:
        for line in open(kf, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                known.add(" ".join(line.split()[:2]))

    hits = dict((f, [0, 0]) for f in FIELDS)
    hits["reports"] = [0, 0]
    hits["clean-exit"] = [0, 0]
    misses = []
    seen = set()
    for jf in sorted(glob.glob(os.path.join(a.dir, "*.json"))):
        name = os.path.basename(jf)[:-5]
        txt = os.path.join(a.dir, name + ".txt")
        doc = json.load(open(jf, encoding="utf-8"))
        if not os.path.exists(txt):
            print("notok %s: %s.txt missing" % (name, name))
            continue
        rc, got, clean = run_explain(a.bin, txt)
        items = [("%s#0 clean-exit" % name, clean, "exit %d" % rc, "clean-exit"),
                 ("%s#0 reports" % name, len(got) == len(doc["reports"]),
                  "%d reports (rc %d)" % (len(got), rc), "reports")]
        for i, want in enumerate(doc["reports"]):
            g = got[i] if i < len(got) else None
            for f in FIELDS:
                ok, said = compare(f, doc, want, g)
                items.append(("%s#%d %s" % (name, i + 1, f), ok, said, f))
        for ident, ok, said, f in items:
            seen.add(ident)
            if ok is None:
                print("ok %s # SKIP %s" % (ident, "nothing to compare"))
                continue
            hits[f][1] += 1
            if ok:
                hits[f][0] += 1
                if ident in known:
                    print("notok %s: listed as a known miss but passes now "
                          "(remove it from known-misses.txt)" % ident)
                else:
                    print("ok %s" % ident)
            else:
                misses.append(ident)
                if ident in known:
                    print("todo %s (explain: %s)" % (ident, said))
                else:
                    print("notok %s: explain gave %s" % (ident, said))
    for ident in sorted(known - seen):
        print("notok %s: known-misses.txt names a field the corpus lacks" % ident)

    print("# hit rate per field (%d reports)" % hits["kind"][1])
    tot = [0, 0]
    for f in ["clean-exit", "reports"] + FIELDS:
        h, n = hits[f]
        tot[0] += h
        tot[1] += n
        print("#   %-20s %4d/%-4d %5.1f%%" % (f, h, n, 100.0 * h / n if n else 0))
    print("#   %-20s %4d/%-4d %5.1f%%" % ("all", tot[0], tot[1],
                                          100.0 * tot[0] / tot[1] if tot[1] else 0))
    if a.write_misses:
        with open(a.write_misses, "w", encoding="utf-8") as f:
            f.write("# known-misses.txt: report-fields `zonetop explain` gets wrong today,\n"
                    "# one `NAME#REPORT FIELD` a line (see README.md).  The corpus test\n"
                    "# reports these as TODO; remove a line once explain gets it right.\n")
            for m in misses:
                f.write(m + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
