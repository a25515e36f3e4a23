#!/bin/sh
# run.sh [SECONDS]: build every libFuzzer harness tests/fuzz/fuzz_*.c with
# clang (-fsanitize=fuzzer,address,undefined) against the src/ objects and
# run each for SECONDS (default 30) on its corpus tests/fuzz/corpus/NAME/.
# New inputs go to build/fuzz/corpus-NAME (the committed corpus stays the
# seeds plus regression inputs).  Prints executions per harness.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${1:-30}
out=build/fuzz
mkdir -p "$out"
srcs=$(ls src/*.c | grep -v -e '^src/main.c$')
pc=$(pkg-config --cflags --libs libproc2 jansson zlib)
fail=0
for h in tests/fuzz/fuzz_*.c; do
	name=$(basename "$h" .c | sed 's/^fuzz_//')
	bin="$out/fuzz_$name"
	if ! clang -std=c11 -D_GNU_SOURCE -DZT_VERSION='"fuzz"' -O1 -g \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -Isrc "$h" $srcs $pc -lm -lpthread -o "$bin" 2>"$out/build-$name.log"; then
		echo "fuzz $name: BUILD FAILED"; cat "$out/build-$name.log"; fail=1; continue
	fi
	mkdir -p "$out/corpus-$name" "tests/fuzz/corpus/$name"
	log="$out/run-$name.log"
	if "$bin" -print_final_stats=1 -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
	    -artifact_prefix="$out/" "$out/corpus-$name" "tests/fuzz/corpus/$name" \
	    >"$log" 2>&1; then
		execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
		[ -n "$execs" ] || execs=$(grep -Eo '#[0-9]+' "$log" | tail -1 | tr -d '#')
		echo "fuzz $name: ok, $execs executions in ${secs}s"
	else
		echo "fuzz $name: FAILED"; tail -40 "$log"; fail=1
	fi
done
exit $fail
