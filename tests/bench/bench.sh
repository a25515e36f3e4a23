#!/bin/sh
# bench.sh: CPU per sample of every zonetop mode (tests/bench/bench_procs.c) against the
# floor reader (tests/bench/floor.c) with N = 0, 1000, 5000 extra idle
# processes; the sampler's peak RSS; the batch modes, record and
# --openmetrics on both task sources (BPF where it loads, and --no-bpf);
# the recording's size per day at N and at 500 processes.  Run by `make
# bench` (BENCH_N overrides the list; BENCH_MODES=a,b limits the modes:
# start sampler live text50 json50 jsonall record size om omres listen).
# Children are killed and reaped by bench_procs.
cd "$(dirname "$0")/../.." || exit 2
for b in build/bench/floor build/bench/bench_procs zonetop; do
	[ -x "$b" ] || { echo "bench.sh: $b missing (make bench builds it)" >&2; exit 2; }
done
n=0
for _ in /proc/[0-9]*; do n=$((n + 1)); done
echo "zonetop bench: $(uname -r), $(nproc) CPUs, $n processes before spawning"
# shellcheck disable=SC2086
exec build/bench/bench_procs build/bench/floor "$PWD/zonetop" ${BENCH_N:-0 1000 5000}
