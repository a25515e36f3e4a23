#!/bin/sh
# E2E: `zonetop replay` on the recording in tests/fixtures/recordings (a
# real memcg OOM kill at its 9th sample), in tmux at 132x43: the first
# frame, the timeline (T), Enter on the OOM kill, stepping, going to a
# time, playing to the end; golden screens where the recording decides
# what is shown.  Then w on the live screen: a recording that batch
# replay prints.  Then zonetoprc: its columns and interval, its bad line
# on standard error and in the status line.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"
plan 54

rec="$ZT_FIXTURES/recordings/v1-oom.ztrec"
# the header's line: "REPLAY <time>  i/n  state"
header() { tm_screen | head -1 | sed 's/.*REPLAY/REPLAY/'; }

tm_start 132 43 "$ZT_BIN replay $rec"
check "the replay comes up" tm_wait "REPLAY"
golden replay-first-132x43 "the first sample, paused"
contains "the header has the recorded date and sample 1 of 12" "$(header)" \
    "REPLAY 2026-11-26 11:08:17  1/12  paused"

tm send-keys -t zt T
check "T opens the timeline" tm_wait "TIMELINE"
golden replay-timeline-132x43 "the timeline lists the OOM kill at sample 9"
tm send-keys -t zt Enter
check "Enter goes to the event" tm_wait "9/12"
tm_wait "sample 9 (paused" 5 >/dev/null	# the message: it stays paused
tm_wait_gone "sample 9" >/dev/null
golden replay-oom-132x43 "at the OOM kill: banner, event, the victim gone"
contains "its header" "$(header)" "REPLAY 2026-11-26 11:08:21  9/12  paused"

tm send-keys -t zt '['
check "[ steps back" tm_wait "8/12"
lacks "before the kill there is no banner" "$(tm_screen)" "OOM KILL"
tm send-keys -t zt Right Right
check "Right twice steps forward" tm_wait "10/12"
tm send-keys -t zt t '#1' Enter
check "t #1 goes to the first sample" tm_wait "1/12  paused"
tm send-keys -t zt t 11:08:21 Enter
check "t 11:08:21 goes to the nearest sample (9, at .222)" tm_wait "9/12"
tm send-keys -t zt t - 2 s Enter
check "t -2s goes back 2 seconds (sample 5)" tm_wait "5/12"
tm send-keys -t zt t b a d Enter
check "a bad time is said so" tm_wait "not a time: 'bad'"
# a good jump replaces the error, and playback stays paused there
tm send-keys -t zt Space
check "space plays" tm_wait "play 1x" 5
tm send-keys -t zt t '#3' Enter
check "t #3 lands on sample 3, paused" tm_wait "3/12  paused"
lacks "the old error is gone" "$(tm_screen)" "not a time"
sleep 2.5
contains "2.5 s later it is still at sample 3, paused" "$(header)" "3/12  paused"
# 1 and 2 play as the help says, not only set the speed
tm send-keys -t zt 1
check "1 plays at real time" tm_wait "play 1x" 5
tm send-keys -t zt Space t '#3' Enter
check "paused again at sample 3" tm_wait "3/12  paused"
tm send-keys -t zt 2
check "2 plays at 10x" tm_wait "play 10x" 5
tm send-keys -t zt Space t '#3' Enter
check "and again at sample 3" tm_wait "3/12  paused"
tm send-keys -t zt 3
check "3 plays at 60x (no space needed)" tm_wait "play 60x" 5
check "playing reaches the end" tm_wait "12/12  at the end" 10
tm send-keys -t zt Space
check "space pauses" tm_wait "12/12  paused"
tm send-keys -t zt w
check "w is refused in a replay" tm_wait "this is a replay"
tm send-keys -t zt Tab Tab p
check "p is refused in a replay" tm_wait "not the running system"
tm send-keys -t zt q
check "q quits" tm_dead 20
check "exit status 0" test "$(tm_status)" = 0

# Not a recording, or none at all: one clear line, exit status 1.
for f in "$ZT_FIXTURES/recordings/README.md" /nonexistent.ztrec; do
	: >"$E2E_TMP/bad.err"
	tm_start 132 43 "$ZT_BIN replay $f 2>$E2E_TMP/bad.err"
	tm_dead 20 >/dev/null
	check "$f: exit status 1" test "$(tm_status)" = 1
	err=$(cat "$E2E_TMP/bad.err")
	case $f in
	*.md) contains "not a recording: said so" "$err" "README.md: not a zonetop recording" ;;
	*) contains "a missing file: said so" "$err" "/nonexistent.ztrec: No such file" ;;
	esac
	cat "$E2E_TMP/bad.err" >>"$E2E_ERR"
done

# w on the live screen: start, let it take samples, stop.  At 80x24 the
# screen reads a dozen candidates in full; the recording reads them all.
mkdir -p "$E2E_TMP/w"
tm_start 80 24 "cd $E2E_TMP/w && $ZT_BIN -d 0.3"
check "the live screen comes up" tm_wait "OOM CANDIDATES"
tm send-keys -t zt w
check "w asks where, with a default name" tm_wait "record to (Enter starts"
contains "the default is zonetop-HOST-DATE-TIME.ztrec" "$(tm_screen | tail -1)" \
    "./zonetop-"
tm send-keys -t zt C-u "$E2E_TMP/w/live.ztrec" Enter
check "the header says REC" tm_wait "REC "
check "and counts samples" tm_wait "REC 3" 10
tm send-keys -t zt w
check "w stops it, saying how many" tm_wait "recorded "
lacks "REC is gone" "$(tm_screen | head -1)" "REC "
# a full disk: said so, nothing recorded, the monitor goes on
tm send-keys -t zt w C-u /dev/full Enter
check "a file that cannot be written is said so" \
    tm_wait "not recording: /dev/full: write failed"
lacks "and no REC" "$(tm_screen | head -1)" "REC "
check "the monitor goes on" test ! -e "$E2E_TMP/status"
tm send-keys -t zt q
tm_dead 20 >/dev/null
n=$("$ZT_BIN" -b --replay "$E2E_TMP/w/live.ztrec" | grep -c '^zonetop ')
check "batch replay prints its samples ($n >= 2)" test "${n:-0}" -ge 2
# every process in full in every sample, not the dozen the screen reads
# (one that exits while it is read drops out: allow a few)
full=$("$ZT_BIN" -b --replay "$E2E_TMP/w/live.ztrec" --format json |
    python3 -c 'import json, sys
print(all(len(j["processes"]) > 12 and
          len(j["processes"]) >= 0.9 * j["processes_total"]
          for j in map(json.loads, sys.stdin)))' 2>&1)
check "every process is recorded in full ($full)" test "$full" = True

# zonetoprc: columns and interval; a bad line said before the screen
# and in the status line; the command line wins over the file.
mkdir -p "$XDG_CONFIG_HOME/zonetop"
printf '%s\n' '# test' 'interval = 7' 'columns = pid rss command' \
    'sort = pid asc' 'colour.crit = bold yellow,blue' 'bogus line' \
    >"$XDG_CONFIG_HOME/zonetop/zonetoprc"
: >"$E2E_TMP/rc.err"
tm_start 132 43 "$ZT_BIN --proc-root $FIX/seed-vm-4.4 2>$E2E_TMP/rc.err"
check "with a zonetoprc the screen comes up" tm_wait "OOM CANDIDATES"
check "the bad line is in the status line" \
    tm_wait "zonetoprc:6: 'bogus line' is not KEY = VALUE"
contains "only the columns chosen, sorted by PID" "$(tm_screen)" \
    "    PID▲     RSS COMMAND"
esc=$(printf '\033')
contains "crit in the colours chosen (bold yellow on blue)" \
    "$(tm capture-pane -e -p -t zt)" "${esc}[1m${esc}[33m${esc}[44mBELOW MIN"
tm send-keys -t zt q
tm_dead 20 >/dev/null
contains "the bad line on standard error" "$(cat "$E2E_TMP/rc.err")" \
    "zonetop: zonetoprc:6: 'bogus line' is not KEY = VALUE"
cat "$E2E_TMP/rc.err" >>"$E2E_ERR"
tm_start 132 43 "$ZT_BIN"
check "the interval comes from zonetoprc" tm_wait "every 7s"
tm send-keys -t zt q
tm_dead 20 >/dev/null
tm_start 132 43 "$ZT_BIN -d 3"
check "-d wins over it" tm_wait "every 3s"
tm send-keys -t zt q
tm_dead 20 >/dev/null

check_sanitizers
done_testing
