#!/bin/sh
# Soak, process churn: 500 forks and exits a second for
# 60 s while `zonetop -b -d 0.2 --format json` samples: no crash, no pid
# twice in a sample, no stale pid (each listed churn child was alive
# during its sample: soak.py says why that check is sound), RSS flat.
# CHURN_SECONDS, CHURN_RATE override.
. "$(dirname "$0")/lib.sh"
soak_run churn "$ZT_SOAK_BIN" build/soak/spawn "${CHURN_SECONDS:-60}" \
    "${CHURN_RATE:-500}" 0.2
done_testing
