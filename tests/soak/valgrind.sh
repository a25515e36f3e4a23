#!/bin/sh
# Soak, memcheck: the release build under valgrind finds
# no error and no leak (definite, indirect, possible) in longer runs than
# tests/live/valgrind.sh: 20 batch samples (text, then JSON with every
# process read in full) while processes come and go (100 forks a second,
# so reads fail half-way), a capture given with --proc-root, `zonetop
# explain` on every OOM report fixture (text and JSON), a 20-sample
# recording and its replay, and the committed older recording.
. "$(dirname "$0")/lib.sh"
command -v valgrind >/dev/null 2>&1 || { notok "valgrind installed"; done_testing; }
tmp=$(mktemp -d)
trap 'kill $churn 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
zt=$ZT_SOAK_BIN

vg() {	# NAME ARGS...
	_t=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    --log-file="$tmp/$_t.vg" "$@" >"$tmp/$_t.out" 2>"$tmp/$_t.err"
	_rc=$?
	if [ $_rc -eq 0 ] && [ ! -s "$tmp/$_t.vg" ]; then
		ok "memcheck clean: $_t"
	else
		notok "memcheck clean: $_t (exit $_rc)"
		sed 's/^/# /' "$tmp/$_t.vg" | head -60
		sed 's/^/# stderr: /' "$tmp/$_t.err" | head -5
	fi
}

build/soak/spawn churn 100 600 "$tmp/churn.log" 20 >/dev/null &
churn=$!
vg batch-text-churn "$zt" -b -n 20 -d 0.1
vg batch-json-churn "$zt" -b -n 20 -d 0.1 --format json
vg batch-pagetypeinfo "$zt" -b -n 3 -d 0.1 --pagetypeinfo --format json
kill $churn 2>/dev/null
wait $churn 2>/dev/null
check "20 JSON samples under churn" [ "$(wc -l <"$tmp/batch-json-churn.out")" -eq 20 ]

cap=$tmp/cap
mkdir -p "$cap"
cp -r "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g/." "$cap/"
cp -r "$ZT_FIXTURES"/procs/cap-6.18-x86_64/[0-9]* "$cap/"
vg capture "$zt" -b -n 3 -d 0.1 --format json --proc-root "$cap" \
    --sys-root "$ZT_FIXTURES/sys/kvm-virtio-balloon"

for f in "$ZT_FIXTURES"/oom/*.txt; do
	n=$(basename "$f" .txt)
	vg "explain-$n" "$zt" explain "$f"
	vg "explain-json-$n" "$zt" explain "$f" --format json
done

vg record "$zt" record "$tmp/rec.ztr" -n 20 -d 0.1
vg replay "$zt" -b --replay "$tmp/rec.ztr"
check "replay: 20 samples" [ "$(grep -c '^zonetop ' "$tmp/replay.out")" -eq 20 ]
vg replay-json "$zt" -b --replay "$tmp/rec.ztr" --format json
vg replay-v1 "$zt" -b --replay "$ZT_FIXTURES/recordings/v1-oom.ztrec" --format json
check "replay of v1-oom: 12 samples" [ "$(wc -l <"$tmp/replay-v1.out")" -eq 12 ]
done_testing
