#!/bin/sh
# E2E: the live monitor on this machine's /proc, driven by keys in tmux.
# Children made here: a +1000 one holding 64 MiB (the predicted victim),
# a +500 one, and one whose name holds an escape sequence.  Each key is
# checked by what the screen shows next: candidates and their adj, the
# victim mark, filter, sort, focus (by where Enter leads), the zone and
# process detail views, pagetypeinfo there, pause, interval, help, quit.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"
plan 34

py=$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))' 2>/dev/null)
if [ -z "$py" ]; then
	skip_all "python3 is not installed"
fi
# comm is the name of the file executed: links to the interpreter
ln -s "$py" "$E2E_TMP/ztvictim"
ln -s "$py" "$E2E_TMP/ztmiddle"
ln -s "$py" "$E2E_TMP/$(printf 'zt\033[31mred')"
child() {	# name adj megabytes
	"$E2E_TMP/$1" -c 'import sys, time
b = bytearray(int(sys.argv[2]) << 20)
open("/proc/self/oom_score_adj", "w").write(sys.argv[1])
time.sleep(120)' "$2" "$3" &
	e2e_kids="$e2e_kids $!"
	last=$!
}
child ztvictim 1000 64; pv=$last
child ztmiddle 500 1; pm=$last
child "$(printf 'zt\033[31mred')" 800 1; pr=$last
i=0
while [ $i -lt 100 ]; do
	[ "$(cat /proc/$pv/oom_score_adj 2>/dev/null)" = 1000 ] &&
	    [ "$(cat /proc/$pm/oom_score_adj 2>/dev/null)" = 500 ] &&
	    [ "$(cat /proc/$pr/oom_score_adj 2>/dev/null)" = 800 ] && break
	sleep 0.1
	i=$((i + 1))
done

# the rows of the candidate list (below its column headings)
rows() { tm_screen | sed -n '/PID.*USER.*OOM/,$p' | sed '1d'; }
row_of() { rows | grep -E "^.{5} +$1 " ; }

tm_start 132 43 "$ZT_BIN -d 1"
check "the screen comes up" tm_wait "OOM CANDIDATES"
check "the +1000 child appears" tm_wait ztvictim
r=$(row_of "$pv")
contains "its row has adj 1000" "$r" " 1000 "
case "$r" in "▶"*) ok "it is marked the predicted victim" ;;
*) notok "it is marked the predicted victim"; printf '# %s\n' "$r" ;; esac
contains "the title names it" "$(tm_screen)" "next victim $pv ztvictim"
contains "the +500 child has adj 500" "$(row_of "$pm")" " 500 "
contains "an escape in a name is shown escaped" "$(row_of "$pr")" 'zt\e[31mred'

# filter
tm send-keys -t zt / z t m i d
check "/ opens the filter prompt" tm_wait "filter (name, command or user"
tm send-keys -t zt Enter
tm_wait 'filter "ztmid"' >/dev/null
contains "the title shows the filter" "$(tm_screen)" 'filter "ztmid"'
contains "the filter keeps ztmiddle" "$(rows)" ztmiddle
lacks "the filter drops ztvictim" "$(rows)" ztvictim
tm send-keys -t zt Escape
tm_wait_gone 'filter "ztmid"' >/dev/null
contains "Esc clears the filter" "$(rows)" ztvictim

# sort by PID and back
tm send-keys -t zt '>'
check "> sorts by PID" tm_wait "PID▲"
sleep 1.2
p1=$(rows | sed 's/^.//' | awk 'NR == 1 { print $2 }')
p2=$(rows | sed 's/^.//' | awk 'NR == 2 { print $2 }')
if [ -n "$p1" ] && [ -n "$p2" ] && [ "$p1" -lt "$p2" ]; then
	ok "the rows are in PID order ($p1 < $p2)"
else
	notok "the rows are in PID order ($p1, $p2)"
fi
tm send-keys -t zt '<'
check "< sorts by rank again" tm_wait "#▲"

# full command lines
tm send-keys -t zt c
check "c shows full command lines" tm_wait "ztvictim -c import"
tm send-keys -t zt c
check "c again: names only" tm_wait_gone "ztvictim -c import"

# focus: Tab twice reaches the candidates, where Enter opens the first
tm send-keys -t zt Tab Tab Home Enter
check "Enter on the candidates opens the victim's detail" \
    tm_wait "Process $pv  ztvictim  the OOM killer's next victim"
contains "the detail has its command line" "$(tm_screen)" "time.sleep(120)"
tm send-keys -t zt Escape
check "Esc closes it" tm_wait "OOM CANDIDATES"
tm send-keys -t zt Tab Home Enter
check "Tab back to the zones: Enter opens a zone's detail" \
    tm_wait "Node 0, zone DMA"
tm send-keys -t zt End
if head -c 1 /proc/pagetypeinfo >/dev/null 2>&1; then
	check "the detail reads pagetypeinfo" tm_wait "Unmovable" 15
else
	check "the detail says pagetypeinfo is not available" \
	    tm_wait "not available" 15
fi
tm send-keys -t zt Escape
tm_wait "OOM CANDIDATES" >/dev/null

# pause freezes the clock; space again lets it run
tm send-keys -t zt Space
check "space pauses" tm_wait "PAUSED"
sleep 0.5
c1=$(tm_screen | head -1)
sleep 2.2
c2=$(tm_screen | head -1)
check "paused, the sample time stands still" test "$c1" = "$c2"
tm send-keys -t zt Space
check "space resumes" tm_wait_gone "PAUSED"
sleep 2.2
c3=$(tm_screen | head -1)
check "resumed, it moves on" test "$c1" != "$c3"

# interval
tm send-keys -t zt d 3 Enter
check "d 3 Enter: every 3s" tm_wait "every 3s"
tm send-keys -t zt +
check "+: every 5s" tm_wait "every 5s"
tm send-keys -t zt - -
check "- -: every 2s" tm_wait "every 2s"

# help and quit
tm send-keys -t zt '?'
check "? shows the help" tm_wait "sort candidates by the next column"
tm send-keys -t zt Escape
check "Esc leaves it" tm_wait "OOM CANDIDATES"
tm send-keys -t zt q
check "q quits" tm_dead 20
st=$(tm_status)
check "exit status 0 (got $st)" test "$st" = 0

check_sanitizers
done_testing
