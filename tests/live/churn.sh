#!/bin/sh
# Live: a short process churn (10 s, 500 forks and exits a second) under
# the sanitizer build sampling every 0.2 s as JSON: no crash or sanitizer
# report, no pid twice in a sample, no stale pid (each listed churn child
# was alive during its sample; tests/soak/soak.py explains the check).
# The 60 s version with the RSS check is `make soak` (tests/soak/churn.sh).
. "$(dirname "$0")/../lib.sh"
plan 8
cd "$(dirname "$0")/../.." || exit 2
mkdir -p build/soak
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -o build/soak/spawn.$$ \
    tests/soak/spawn.c || { notok "build tests/soak/spawn.c"; done_testing; }
python3 tests/soak/soak.py churn "$ZT_BIN" build/soak/spawn.$$ 10 500 0.2 \
    --no-rss >build/soak/live-churn.$$ 2>&1
checker_out $? build/soak/live-churn.$$ "soak.py churn"
rm -f build/soak/live-churn.$$ build/soak/spawn.$$
done_testing
