#!/bin/sh
# Live: three seeded mixes of the referee (tests/soak/referee.sh, `make
# referee` runs hundreds): swap, a tuned near-tie and children sharing
# an mm; two hogs of one memfd size (a tie); a nested cgroup with file
# pages, page tables and a child in vfork.  Each refereed by a real OOM
# kill, on the default path and with --no-bpf.  About 10 s.
REFEREE_SEED=99 REFEREE_N=3 REFEREE_ONLY= exec sh "$(dirname "$0")/../soak/referee.sh"
