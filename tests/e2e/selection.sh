#!/bin/sh
# E2E: the selection follows the process (as in htop).  Four children
# of this test (sleep under the names zsPIDa..d) run with oom_score_adj
# 600, 500, 400, 300, so they rank in that order; the list is filtered
# to them.  The highlight goes to b; e raises b's adj to 900, b re-ranks
# to the top, and the highlight is still on b.  Then c is selected and
# killed: the highlight moves to the row that took its place (d).  A
# value the kernel refuses (lowering adj without CAP_SYS_RESOURCE) is
# said inside the open dialog.  The highlight is read from the pane's
# attributes: the selected row is drawn reversed.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"
plan 23

sleep_bin=$(command -v sleep)
tag="zs$$"
for n in a b c d; do
	ln -s "$sleep_bin" "$E2E_TMP/$tag$n"
done
start() {	# name adj
	sh -c 'echo "$1" >/proc/self/oom_score_adj && exec "$0" 300' \
	    "$E2E_TMP/$tag$1" "$2" &
	e2e_kids="$e2e_kids $!"
	eval "pid_$1=$!"
}
start a 600
start b 500
start c 400
start d 300
adj() { cat "/proc/$1/oom_score_adj" 2>/dev/null; }
i=0
while [ "$(adj "$pid_d")" != 300 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "the children run" test "$(adj "$pid_d")" = 300

esc=$(printf '\033')
# the name of the probe on the reversed (selected) row of the list
selected() {
	tm capture-pane -p -e -t zt | sed -n '/PID.*USER.*OOM/,$p' |
	    grep -aE "$esc\[([0-9]+;)*7m" | sed "s/$esc\[[0-9;]*m//g" |
	    grep -oE "$tag[a-d]" | head -1
}
# the probe names in list order
order() {
	tm_screen | sed -n '/PID.*USER.*OOM/,$p' | grep -oE "$tag[a-d]" |
	    sed "s/^$tag//" | tr -d '\n'
}
wait_for() {	# what command expected
	_i=0
	while [ "$($2)" != "$3" ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	if [ "$($2)" = "$3" ]; then
		ok "$1"
	else
		notok "$1 (got '$($2)', wanted '$3')"
	fi
}

tm_start 100 30 "$ZT_BIN -d 0.5"
check "the screen comes up" tm_wait "OOM CANDIDATES"
tm send-keys -t zt / "$tag" Enter
wait_for "the filter shows the four, by rank" order abcd
tm send-keys -t zt Tab Tab Down
wait_for "Down selects b" selected "${tag}b"

# e: b's adj to 900; it re-ranks to the top and stays selected
tm send-keys -t zt e
check "e opens the edit dialog on b" tm_wait "$pid_b  ${tag}b"
tm send-keys -t zt 9 0 0 y
check "900 written" tm_wait "pid $pid_b: oom_score_adj 500 -> 900"
wait_for "b re-ranks to the top" order bacd
wait_for "the highlight stays on b" selected "${tag}b"
sleep 1.2
wait_for "and stays there over more samples" selected "${tag}b"
# p offers the process picked, not the row that now sits where it was
tm send-keys -t zt p
check "p opens the protect dialog on b" tm_wait "$pid_b  ${tag}b"
lacks "and on no other" "$(tm_screen | grep -F 'process  ')" "${tag}a"
tm send-keys -t zt Escape
check "Esc closes it" tm_wait_gone "Protect from the OOM killer"

# c selected, then it exits: the row that took its place is selected
tm send-keys -t zt Down Down
wait_for "Down Down selects c" selected "${tag}c"
kill "$pid_c"
wait "$pid_c" 2>/dev/null
wait_for "c is gone from the list" order bad
wait_for "the highlight moves to d, which took c's place" selected "${tag}d"

# a refusal by the kernel: said in the dialog, not only the footer
cap=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
if [ -n "$cap" ] && [ $(( (0x$cap >> 24) & 1 )) -eq 1 ]; then
	skips 5 "the refusal in the dialog: this process has CAP_SYS_RESOURCE, nothing is refused"
else
	tm send-keys -t zt e
	check "e opens the dialog on d" tm_wait "$pid_d  ${tag}d"
	tm send-keys -t zt BSpace BSpace BSpace - 5 0 0 y
	check "the refusal is said" tm_wait "CAP_SYS_RESOURCE"
	scr=$(tm_screen)
	if printf '%s\n' "$scr" | grep -qE '[│|] +not permitted: lowering oom_score_adj'; then
		ok "the refusal is inside the open dialog"
	else
		notok "the refusal is inside the open dialog"
		printf '%s\n' "$scr" | sed 's/^/# /'
	fi
	check "d still has 300" test "$(adj "$pid_d")" = 300
	tm send-keys -t zt Escape
	check "Esc closes it" tm_wait_gone "Change oom_score_adj"
fi
tm send-keys -t zt q
check "q quits" tm_dead 20
check "exit status 0" test "$(tm_status)" = 0

check_sanitizers
done_testing
