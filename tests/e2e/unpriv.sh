#!/bin/sh
# E2E: an ordinary user with the usual 8 MiB
# RLIMIT_MEMLOCK starts every mode.  As nobody, with ulimit -l 8192: the
# live monitor comes up in tmux and says in its header (and its help)
# what self-protection could do, `-b -n 2` and `record F -n 2` exit 0,
# and the JSON's self_protection says what was locked (checked against
# the kernel's VmLck of the running monitor) and why oom_score_adj -999
# was refused; explain, --openmetrics, --listen and the replay screen
# run as well.  The plain build is
# used: the sanitizer build never locks.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"

plain=${ZT_PLAIN:-$(cd "$(dirname "$0")/../.." && pwd)/zonetop}
if [ "$(id -u)" -ne 0 ] || ! command -v runuser >/dev/null 2>&1 ||
    ! id nobody >/dev/null 2>&1; then
	skip_all "needs root, runuser and the user nobody"
fi
if ! runuser -u nobody -- sh -c 'ulimit -l 8192' 2>/dev/null; then
	skip_all "the hard RLIMIT_MEMLOCK is below 8 MiB here"
fi
plan 40
if [ ! -x "$plain" ]; then
	notok "$plain is built"
	done_testing
fi
# somewhere nobody can read and write
dir="$E2E_TMP/nobody"
mkdir -p "$dir"
cp "$plain" "$dir/zonetop"
chmod 755 "$E2E_TMP" "$dir"
chown nobody "$dir"
bin="$dir/zonetop"
asnobody() { runuser -u nobody -- sh -c 'ulimit -l 8192 && exec "$@"' sh "$@"; }

check "nobody's memlock limit is 8192 KiB" \
    test "$(runuser -u nobody -- sh -c 'ulimit -l 8192 && ulimit -l')" = 8192

# batch: two samples, JSON
asnobody "$bin" -b -n 2 -d 0.2 --format json >"$dir/b.json" 2>"$dir/b.err"
rc=$?
check "zonetop -b -n 2 exits 0 as nobody (status $rc)" test "$rc" -eq 0
check "and prints nothing on stderr" test ! -s "$dir/b.err"
sed 's/^/# stderr: /' "$dir/b.err" | head -3
check "two samples" test "$(wc -l <"$dir/b.json")" -eq 2
sp=$(tail -1 "$dir/b.json" | python3 -c '
import json, sys
g = json.load(sys.stdin)["self_protection"]
print(g["mlock"], g["locked_kb"] or 0, g["memlock_limit_kb"], g["oom_score_adj"],
      "|", g["mlock_why"], "|", g["oom_score_adj_why"])' 2>&1)
echo "# self_protection: $sp"
set -- $sp
check "self_protection: mlock partial (the code and data that fit)" test "$1" = partial
check "locked $2 KiB, under the 8192 KiB limit" test "$2" -gt 0 -a "$2" -lt 8192
check "the limit is reported" test "$3" = 8192
contains "says the heap is not locked" "$sp" "heap and stacks not locked"
check "oom_score_adj -999 not claimed" test "$4" = None
contains "and says why" "$sp" "CAP_SYS_RESOURCE"

# one sample: nothing to protect, and JSON says so (null)
asnobody "$bin" -b --format json >"$dir/one.json" 2>&1
contains "one sample: self_protection null" "$(cat "$dir/one.json")" \
    '"self_protection":null'

# text batch: the header's self-protection line is not needed; exit 0
asnobody "$bin" -b -n 2 -d 0.2 >"$dir/b.txt" 2>&1
check "zonetop -b -n 2 (text) exits 0 as nobody" test $? -eq 0
contains "the text header says what was locked and why not all" \
    "$(cat "$dir/b.txt")" "zonetop itself: mlock: "
contains "and why oom_score_adj is not -999" "$(cat "$dir/b.txt")" \
    "oom_score_adj not -999 (refused: lowering needs CAP_SYS_RESOURCE)"

# record
asnobody "$bin" record "$dir/rec" -n 2 -d 0.2 >"$dir/r.out" 2>&1
rc=$?
check "zonetop record F -n 2 exits 0 as nobody (status $rc)" test "$rc" -eq 0
contains "it recorded two samples" "$(cat "$dir/r.out")" "2 samples recorded"
asnobody "$bin" -b --replay "$dir/rec" --format json >"$dir/rp.json" 2>&1
check "the recording replays" test "$(grep -c '"hostname"' "$dir/rp.json")" -eq 2

# the one-shot modes too: explain, OpenMetrics, a replay in batch
cp "$ZT_FIXTURES/oom/seed-4.4-kvm-balloon.txt" "$dir/report.txt"
chmod 644 "$dir/report.txt"
asnobody "$bin" explain "$dir/report.txt" >"$dir/x.out" 2>&1
check "explain exits 0 as nobody" test $? -eq 0
contains "and decodes the report" "$(cat "$dir/x.out")" "memcheck-amd64-"
asnobody "$bin" --openmetrics >"$dir/om.out" 2>&1
check "--openmetrics exits 0 as nobody" test $? -eq 0
check "and ends in # EOF" test "$(tail -1 "$dir/om.out")" = "# EOF"

# the exporter: it serves /metrics as nobody too
port=$((20000 + ($$ + 7) % 20000))
asnobody "$bin" --listen "127.0.0.1:$port" >"$dir/l.out" 2>&1 &
lpid=$!
e2e_kids="$e2e_kids $lpid"
up=0
for _ in $(seq 1 100); do
	python3 -c "import urllib.request; open('$dir/m.txt', 'wb').write(urllib.request.urlopen('http://127.0.0.1:$port/metrics', timeout=5).read())" \
	    2>/dev/null && { up=1; break; }
	sleep 0.1
done
check "--listen serves /metrics as nobody" test "$up" -eq 1
check "and the scrape ends in # EOF" test "$(tail -1 "$dir/m.txt" 2>/dev/null)" = "# EOF"
# $! is the subshell running runuser: the exporter itself is ended by
# its address (a kill of the subshell alone left it running)
pkill -TERM -f -- "--listen 127.0.0.1:$port" 2>/dev/null
kill "$lpid" 2>/dev/null
wait "$lpid" 2>/dev/null
gone=0
for _ in $(seq 1 50); do
	pgrep -f -- "--listen 127.0.0.1:$port" >/dev/null || { gone=1; break; }
	sleep 0.1
done
check "the exporter ends on SIGTERM, nothing left running" test "$gone" -eq 1
lacks "the exporter did not fail to start" "$(cat "$dir/l.out")" "cannot"

# the replay screen
cp "$ZT_FIXTURES/recordings/v1-oom.ztrec" "$dir/v1.ztrec"
chmod 644 "$dir/v1.ztrec"
tm_start 100 30 "runuser -u nobody -- sh -c 'ulimit -l 8192 && exec $bin replay $dir/v1.ztrec'"
check "zonetop replay comes up as nobody" tm_wait "1/12  paused" 10
tm send-keys -t zt q
tm_dead 10 >/dev/null
check "replay as nobody: exit status 0" test "$(tm_status)" = 0

# the live monitor
tm_start 132 43 "runuser -u nobody -- sh -c 'ulimit -l 8192 && exec $bin -d 0.5'"
check "the live screen comes up as nobody" tm_wait "OOM CANDIDATES" 10
# the header's host line comes with the first sample
tm_wait "adj -999" 30 >/dev/null
scr=$(tm_screen)
lacks "no 'cannot start'" "$scr" "cannot start"
if printf '%s\n' "$scr" | head -1 | grep -Eq 'mlock [0-9.]+[KM]/8(\.0)?M'; then
	ok "the header says what was locked of the limit"
else
	notok "the header says what was locked of the limit"
	printf '%s\n' "$scr" | head -1 | sed 's/^/# /'
fi
contains "and that -999 was refused" "$scr" "adj -999 refused"
pid=$(pgrep -u nobody -f "^$bin -d 0.5" | head -1)
lck=$(awk '/^VmLck:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
echo "# VmLck of the monitor (pid $pid): ${lck:-?} kB"
check "the kernel counts locked pages (VmLck ${lck:-?} kB, under 8192)" \
    test "${lck:-0}" -gt 0 -a "${lck:-0}" -le 8192
sleep 1.2
check "it keeps sampling (two more samples)" tm_wait "every 0.5s" 3
tm send-keys -t zt '?'
check "the help opens" tm_wait "Keys" 5
tm send-keys -t zt G
check "the help says what self-protection did" tm_wait "zonetop itself" 5
contains "the memory line" "$(tm_screen)" "memory:"
contains "the oom_score_adj line" "$(tm_screen)" "needs CAP_SYS_RESOURCE"
tm send-keys -t zt q q
check "q quits" tm_dead 10
check "exit status 0" test "$(tm_status)" = 0
check "nothing on stderr" test ! -s "$E2E_ERR"
done_testing
