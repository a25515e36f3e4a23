#!/usr/bin/env python3
"""modgraph.py: the module graph of src/ and ui/, its cycles and the
longest functions.

A module is a .c file with its .h (a header without a .c, such as
snapshot.h, is a module of its own).  A .c file without a header of its
name joins the module of the header in its directory that declares its
functions (json_out.c, text_out.c and om_out.c implement output.h;
zoneinfo.c parsers.h; cmd_*.c commands.h; ui/detail.c draw.h): a call
from another module into it is an arrow to that header's module, so a
cycle through such a file is seen.  An arrow A -> B means one of A's
files includes B's header.  Cycles are the strongly connected components
with more than one module.

  scripts/modgraph.py            print cycles and the 10 longest functions
  scripts/modgraph.py --check    exit 1 on any cycle or a function over
                                 --max-lines (default 120)
"""
import argparse
import os
import re
import sys

INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# a function definition: a line at column 0 that is not a statement,
# ending with ')' (possibly wrapped), followed by a line '{'
FUNC = re.compile(r'^([A-Za-z_][^;{}=]*?\b([A-Za-z_]\w*)\s*\([^;{}]*\))\s*\n\{',
                  re.M)


COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def modules(dirs):
    mods = {}
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith(('.c', '.h')):
                name = d + '/' + f[:-2]
                mods.setdefault(name, []).append(os.path.join(d, f))
    return adopt(mods)


def adopt(mods):
    """A lone .c file joins the module whose header (same directory,
    comments left out) declares the most of its non-static functions."""
    heads = {}
    for m, files in mods.items():
        for f in files:
            if f.endswith('.h'):
                with open(f, encoding='utf-8', errors='replace') as fh:
                    heads[m] = COMMENT.sub(' ', fh.read())
    for m, files in list(mods.items()):
        if len(files) != 1 or not files[0].endswith('.c'):
            continue
        with open(files[0], encoding='utf-8', errors='replace') as fh:
            text = fh.read()
        ext = [x.group(2) for x in FUNC.finditer(text)
               if not x.group(1).lstrip().startswith('static')]
        best, most = None, 0
        for h, htext in sorted(heads.items()):
            if os.path.dirname(h) != os.path.dirname(m):
                continue
            n = sum(1 for e in ext
                    if re.search(r'\b%s\s*\(' % re.escape(e), htext))
            if n > most:
                best, most = h, n
        if best is not None:
            mods[best].extend(files)
            del mods[m]
    return mods


def resolve(src_dir, inc):
    path = os.path.normpath(os.path.join(src_dir, inc))
    return path[:-2] if path.endswith('.h') else None


def graph(mods):
    g = {m: set() for m in mods}
    for m, files in mods.items():
        for f in files:
            with open(f, encoding='utf-8', errors='replace') as fh:
                text = fh.read()
            for inc in INC.findall(text):
                t = resolve(os.path.dirname(f), inc)
                if t in mods and t != m:
                    g[m].add(t)
    return g


def sccs(g):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def functions(mods):
    res = []
    for files in mods.values():
        for f in files:
            if not f.endswith('.c'):
                continue
            with open(f, encoding='utf-8', errors='replace') as fh:
                text = fh.read()
            for m in FUNC.finditer(text):
                start = text.count('\n', 0, m.start()) + 1
                body = m.end() - 1
                depth, i = 0, body
                while i < len(text):
                    if text[i] == '{':
                        depth += 1
                    elif text[i] == '}':
                        depth -= 1
                        if depth == 0:
                            break
                    i += 1
                end = text.count('\n', 0, i) + 1
                res.append((end - start + 1, f, start, m.group(2)))
    return sorted(res, reverse=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--max-lines', type=int, default=120)
    ap.add_argument('dirs', nargs='*', default=['src', 'ui'])
    a = ap.parse_args()
    mods = modules(a.dirs)
    bad = 0
    for d in a.dirs:
        sub = {m: f for m, f in mods.items() if m.startswith(d + '/')}
        cyc = sccs({m: {t for t in e if t in sub}
                    for m, e in graph(sub).items()})
        for c in cyc:
            print('cycle in %s: %s' % (d, ' <-> '.join(c)))
        bad += len(cyc)
    fns = functions(mods)
    nfiles = sum(len(f) for f in mods.values())
    print('%d files, %d modules, %d functions, %d include cycles'
          % (nfiles, len(mods), len(fns), bad))
    long = [f for f in fns if f[0] > a.max_lines]
    for n, f, line, name in (long if a.check else fns[:10]):
        print('%5d lines  %s:%d %s' % (n, f, line, name))
    if a.check and (bad or long):
        print('modgraph: %d cycles, %d functions over %d lines'
              % (bad, len(long), a.max_lines))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
