#!/bin/sh
# Live: zonetop on real /proc captures nobody on the project had seen
# (tests/fixtures/proc-fresh/NNN-*/: whole files from public sources, one
# machine each, SOURCE.md says where from), compared with the oracle
# written for each before zonetop first ran on it (oracle.json, by
# mkoracle.py from the files and the kernel's rules).  Per capture, five
# checks:
#   1. batch JSON exits 0 with no sanitizer report
#   2. its zones are the oracle's: order, free/min/low/high/spanned/
#      present/managed where printed, empty, watermark state, page size
#      (null, unknown, where the capture has not both zoneinfo and
#      MemTotal to tell it; the oracle's where it has)
#   3. buddy counts, pagetypeinfo (read with --pagetypeinfo), meminfo,
#      oom_kill, PSI and swap devices as printed
#   4. every file the capture lacks has a reason in "unavailable" and no
#      number in its place (null, never 0)
#   5. the text report exits 0, prints, with no sanitizer report, gives
#      no watermark verdict (FAIL) for zones whose marks the capture does
#      not give (no zoneinfo), and gives the JSON's page size (n/a where
#      that is null)
. "$(dirname "$0")/../lib.sh"
FRESH="$ZT_FIXTURES/proc-fresh"
ncap=17
. "$(dirname "$0")/proc_fresh.inc"
