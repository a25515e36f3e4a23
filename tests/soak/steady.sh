#!/bin/sh
# Soak, steady state: 3000 idle processes, `zonetop -b
# -d 0.1` for 10 minutes, its VmRSS read every 10 s and printed as a
# curve; flat after a minute's warm-up (soak.py says how that is judged).
# STEADY_PROCS, STEADY_SECONDS override.
. "$(dirname "$0")/lib.sh"
soak_run steady "$ZT_SOAK_BIN" build/soak/spawn "${STEADY_PROCS:-3000}" \
    "${STEADY_SECONDS:-600}" 0.1 10
done_testing
