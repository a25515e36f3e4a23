#!/bin/sh
# run.sh [SECONDS [NAME...]]: build every libFuzzer harness
# tests/fuzz/fuzz_NAME.c (or only those named) and run each for SECONDS
# (default 30) on its corpus tests/fuzz/corpus/NAME/.
#
# src/*.c (main.c aside) is compiled once, with coverage but without
# libFuzzer's main (-fsanitize=fuzzer-no-link,address,undefined), into
# build/fuzz/libzt.a; an object is rebuilt only when its source or a
# header is newer, so a harness costs one small compile and a link.
# Harnesses run FUZZ_JOBS at a time (default: the number of CPUs).
#
# The committed corpus (seeds and one regression input per bug found) is
# run first; new inputs go to build/fuzz/corpus-NAME.  A crash, leak,
# timeout or UBSan report fails the run; the input is kept as
# build/fuzz/NAME-crash-... and the stack is printed.  Exits 0 when every
# harness built and found nothing.  Prints executions per harness.
#
# FUZZ_RUNS=N (make fuzz FUZZ_RUNS=10000000): each harness runs until it
# has executed N inputs (libFuzzer -runs=N, which counts every input run,
# the corpus's first pass included; no merge step is run) instead of for
# SECONDS; a harness that stops short of N fails.  The line per harness
# gives the executions, the wall and CPU time and executions per CPU
# second.  -max_len per harness is the bound of the format's real input
# (max_len_of below).
# Each harness has a seed corpus from the real fixtures
# (tests/fuzz/corpus/NAME/) and, where the format has keywords, a
# dictionary tests/fuzz/NAME.dict.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${1:-30}
runs=${FUZZ_RUNS:-}
case $runs in *[!0-9]*) echo "fuzz: FUZZ_RUNS must be a number"; exit 2 ;; esac
[ $# -gt 0 ] && shift
out=build/fuzz
obj=$out/obj
mkdir -p "$obj"
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
CC=${FUZZ_CC:-clang}
pc_cflags=$(pkg-config --cflags libproc2 jansson zlib libmicrohttpd) || exit 2
pc_libs=$(pkg-config --libs libproc2 jansson zlib libmicrohttpd) || exit 2
cflags="-std=c11 -D_GNU_SOURCE -DZT_VERSION=\"fuzz\" -O1 -g \
 -fno-omit-frame-pointer -fno-sanitize-recover=undefined $pc_cflags -Isrc"
san=address,undefined
export cflags san CC obj
start=$(date +%s)

# -- the library: every src object that is out of date, in parallel.
# Others edit headers while this runs: when one changed during the
# build, objects may disagree on a struct's layout, so build again.
build_lib() {
	touch "$obj/.stamp"
	newest_h=$(ls -t src/*.h ui/*.h 2>/dev/null | head -1)
	stale=""
	for c in src/*.c; do
		[ "$c" = src/main.c ] && continue
		o=$obj/$(basename "$c" .c).o
		if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
			stale="$stale $c"
		fi
	done
	for o in "$obj"/*.o; do	# a source removed since (zz_weak.c will be)
		[ -f "$o" ] && [ ! -f "src/$(basename "$o" .o).c" ] &&
		    rm -f "$o" "$out/libzt.a"
	done
	if [ -n "$stale" ]; then
		# shellcheck disable=SC2016,SC2086
		printf '%s\n' $stale | xargs -P "$jobs" -I{} sh -c '
		    o=$obj/$(basename {} .c).o
		    $CC $cflags -fsanitize=fuzzer-no-link,$san -c -o "$o.tmp" {} \
			2>"$o.log" && mv "$o.tmp" "$o" ||
		    { echo "fuzz: BUILD FAILED {}"; cat "$o.log"; exit 1; }' ||
		    return 1
		rm -f "$out/libzt.a"
	fi
	if [ ! -f "$out/libzt.a" ]; then
		ar rcs "$out/libzt.a.tmp" "$obj"/*.o &&
		    mv "$out/libzt.a.tmp" "$out/libzt.a" || return 1
	fi
}
tries=0
while :; do
	build_lib || exit 1
	newest_h=$(ls -t src/*.h ui/*.h src/*.c 2>/dev/null | head -1)
	[ "$newest_h" -nt "$obj/.stamp" ] || break
	# what this round compiled may hold either version: compile it again
	find "$obj" -name '*.o' -newer "$obj/.stamp" -exec rm -f {} +
	rm -f "$out/libzt.a"
	tries=$((tries + 1))
	[ $tries -lt 3 ] || { echo "fuzz: sources keep changing; built anyway"; break; }
done

# -- the longest input a harness gets: twice or more the largest real
# file of its format (the fixtures), so every real shape fits with room
# for growth; longer inputs only repeat lines and cost time.
max_len_of() {
	case $1 in
	httpaddr) echo 1024 ;;	# a --listen host:port (253-byte name) and a header
	opts) echo 4096 ;;	# a command line of our options
	psi|swaps) echo 4096 ;;	# /proc/pressure/*: 2 lines; /proc/swaps: a line a device
	protect|util|config) echo 8192 ;;	# argument, cgroup path (PATH_MAX 4096), zonetoprc, a name
	bpf_tasks|meminfo|buddyinfo|procs|vm) echo 16384 ;;	# files of 0.4-2.6 kB
	pagetypeinfo|vmstat|prefix) echo 32768 ;;	# 4 kB files; a 6 kB paste
	btf_min) echo 131072 ;;	# a 28 kB reduced BTF and a 56 kB BPF object
	*) echo 65536 ;;	# kmsg, oomreport, record, zoneinfo: 18 kB reports, many-node zoneinfo
	esac
}

# -- one harness: build, run, report (runs in the background)
fuzz_one() {
	name=$1
	h=tests/fuzz/fuzz_$name.c bin=$out/fuzz_$name log=$out/run-$name.log
	# shellcheck disable=SC2086
	if ! $CC $cflags -fsanitize=fuzzer,$san "$h" "$out/libzt.a" $pc_libs \
	    -lm -lpthread -o "$bin" >"$out/build-$name.log" 2>&1; then
		echo "fuzz $name: BUILD FAILED"
		cat "$out/build-$name.log"
		return 1
	fi
	mkdir -p "$out/corpus-$name" "tests/fuzz/corpus/$name"
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	rm -f "$out/$name"-crash-* "$out/$name"-leak-* "$out/$name"-timeout-* \
	    "$out/$name"-oom-*
	if [ -n "$runs" ]; then
		limit="-runs=$runs"
	else
		limit="-max_total_time=$secs"
	fi
	t0=$(date +%s)
	times >"$out/times0-$name"	# no pipe: a subshell has no children
	# shellcheck disable=SC2086
	ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0:${ASAN_OPTIONS:-}" \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
	"$bin" -print_final_stats=1 $limit -timeout=10 \
	    -rss_limit_mb=2048 -max_len="$(max_len_of "$name")" $dict \
	    -artifact_prefix="$out/$name-" "$out/corpus-$name" \
	    "tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - t0))
	# the fuzzer's user+system seconds (times: this shell's children)
	times >"$out/times1-$name"
	cpu=$( { sed -n 2p "$out/times0-$name"; sed -n 2p "$out/times1-$name"; } | awk '
	    { gsub(/s/, ""); split($1, u, "m"); split($2, y, "m")
	      t[NR] = u[1] * 60 + u[2] + y[1] * 60 + y[2] }
	    END { printf "%.1f", t[2] - t[1] }')
	rm -f "$out/times0-$name" "$out/times1-$name"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	[ -n "$execs" ] || execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
	if [ $rc -eq 0 ]; then
		cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1)
		printf 'fuzz %-14s ok, %s executions in %ss (CPU %ss), %s/s of CPU (%s)\n' \
		    "$name" "${execs:-?}" "$took" "$cpu" \
		    "$(awk -v e="${execs:-0}" -v c="$cpu" \
		    'BEGIN { if (c > 0) printf "%d", e / c; else printf "?" }')" \
		    "${cov:-cov: ?}"
		if [ -n "$runs" ] && [ "${execs:-0}" -lt "$runs" ]; then
			echo "fuzz $name: FAILED: $execs executions, fewer than FUZZ_RUNS=$runs"
			return 1
		fi
		return 0
	fi
	art=$(ls "$out/$name"-* 2>/dev/null | grep -E -- '-(crash|leak|timeout|oom)-' | head -1)
	echo "fuzz $name: FAILED after ${execs:-?} executions in ${took}s (CPU ${cpu}s); input: ${art:-none}"
	# the report and the stack, without libFuzzer's and libc's frames
	grep -E -A40 '^(==[0-9]+==ERROR|.*runtime error:|==[0-9]+== ERROR: libFuzzer)' \
	    "$log" | grep -Ev 'in (fuzzer::|__libc_start|_start |main \()' | head -40
	return 1
}

if [ $# -gt 0 ]; then
	names="$*"
else
	names=$(ls tests/fuzz/fuzz_*.c | sed 's|^tests/fuzz/fuzz_||; s|\.c$||')
fi
fail=0 running=0 pids="" results=$out/results.$$
mkdir -p "$results"
for name in $names; do
	if [ ! -f "tests/fuzz/fuzz_$name.c" ]; then
		echo "fuzz $name: no tests/fuzz/fuzz_$name.c"; fail=1; continue
	fi
	( fuzz_one "$name" >"$results/$name" 2>&1; echo $? >"$results/$name.rc" ) &
	pids="${pids:+$pids }$!"
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait "${pids%% *}" 2>/dev/null
		case "$pids" in *" "*) pids=${pids#* } ;; *) pids="" ;; esac
		running=$((running - 1))
	fi
done
wait
for name in $names; do
	[ -f "$results/$name" ] || continue
	cat "$results/$name"
	[ "$(cat "$results/$name.rc" 2>/dev/null)" = 0 ] || fail=1
done
rm -rf "$results"
echo "fuzz: $(echo "$names" | wc -w) harnesses, $(($(date +%s) - start))s in all"
exit $fail
