#!/bin/sh
# E2E: the live monitor under abuse.  Resize storms and tiny terminals
# never crash it; SIGTERM, SIGINT and SIGHUP leave the terminal as it was
# (alternate screen off, the shell's text back); no terminal, or a TERM
# that cannot drive a screen, gets one clear line pointing at -b;
# NO_COLOR and --no-color draw without colour.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"
plan 46

seed="$FIX/seed-vm-4.4"

# Resize storm on the live system, sampling every half second.
tm_start 80 24 "$ZT_BIN -d 0.5"
check "live: the screen comes up" tm_wait "OOM CANDIDATES"
for s in 1x1 200x60 10x3 64x16 40x12 132x43 63x16 64x15 2x40 300x5 80x24 \
    120x30 119x30 1x1 81x25 99x99 70x20 80x24; do
	tm resize-window -t zt -x "${s%x*}" -y "${s#*x}"
	sleep 0.05
done
for s in 1x1 200x60 10x3 64x16 132x43 80x24; do
	tm resize-window -t zt -x "${s%x*}" -y "${s#*x}"
done
check "after a resize storm it is alive" test ! -e "$E2E_TMP/status"
check "and draws the 80x24 screen" tm_wait "OOM CANDIDATES"
# the last resize's redraw may still be on its way: give it up to 5 s
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 \
    21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 \
    41 42 43 44 45 46 47 48 49 50; do
	last=$(tm_screen | sed -n 24p)
	case "$last" in *"F1 help"*) break ;; esac
	sleep 0.1
done
contains "the footer is on the last line" "$last" "F1 help"
tm send-keys -t zt q
check "q still quits" tm_dead 20

# Born tiny, then grown.
tm_start 1 1 "$ZT_BIN --proc-root $seed"
sleep 1
check "a 1x1 terminal: alive" test ! -e "$E2E_TMP/status"
tm resize-window -t zt -x 40 -y 12
check "40x12: too small, said so" tm_wait "terminal too small: 40x12"
tm resize-window -t zt -x 80 -y 24
check "grown to 80x24: the screen" tm_wait "OOM CANDIDATES"
tm send-keys -t zt q
tm_dead 20 >/dev/null

# Signals: the shell's screen comes back and the exit status says which.
# A shell in the pane runs zonetop; its text before must be there after.
tm_start_shell 80 24
sig_case() {	# name how status
	tm send-keys -t zt "clear; echo before-$1; $ZT_BIN --proc-root $seed 2>>$E2E_ERR; echo rc=\$?" Enter
	if ! tm_wait "OOM CANDIDATES"; then
		notok "$1: the screen comes up"
		return
	fi
	check "$1: the alternate screen is on" test "$(tm_pane '#{alternate_on}')" = 1
	zpid=$(pgrep -P "$(tm_pane '#{pane_pid}')" | head -1)
	case "$2" in
	key) tm send-keys -t zt q ;;
	C-c) tm send-keys -t zt C-c ;;
	*) kill -s "$2" "$zpid" ;;
	esac
	check "$1: the shell prints the exit status $3" tm_wait "rc=$3"
	check "$1: the alternate screen is off" test "$(tm_pane '#{alternate_on}')" = 0
	contains "$1: the shell's text is back" "$(tm_screen)" "before-$1"
	lacks "$1: nothing of zonetop is left on it" "$(tm_screen)" "OOM CANDIDATES"
}
sig_case quit key 0
sig_case sigterm TERM 143
sig_case sigint C-c 130
sig_case sighup HUP 129

# No terminal: one line that points at -b, status 1.
"$ZT_BIN" --proc-root "$seed" </dev/null >"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
check "stdout not a terminal: status 1" test "$rc" = 1
check "and one line on stderr" test "$(wc -l <"$E2E_TMP/err")" = 1
contains "which points at -b" "$(cat "$E2E_TMP/err")" "use -b"
check "and nothing on stdout" test ! -s "$E2E_TMP/out"

# A TERM that cannot drive a screen, in a real terminal.
term_case() {	# what TERM-setting expected-message
	: >"$E2E_TMP/err1"
	tm_start 80 24 "$2 $ZT_BIN --proc-root $seed 2>$E2E_TMP/err1"
	tm_dead 20 >/dev/null
	st=$(tm_status)
	check "$1: status 1 (got $st)" test "$st" = 1
	contains "$1: says so and points at -b" "$(cat "$E2E_TMP/err1")" "$3"
	contains "$1: ... -b" "$(cat "$E2E_TMP/err1")" "use -b"
	cat "$E2E_TMP/err1" >>"$E2E_ERR"
}
term_case "unknown TERM" "TERM=zt-no-such-terminal" "not a usable terminal"
term_case "TERM=dumb" "TERM=dumb" "cannot address the cursor"
term_case "no TERM" "env -u TERM" "TERM is not set"

# Colour: on by default, off with NO_COLOR and with --no-color.
has_colour() { tm capture-pane -e -p -t zt | grep -Eq "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;|48;)"; }
tm_start 80 24 "$ZT_BIN --proc-root $seed"
tm_wait "OOM CANDIDATES" >/dev/null
check "colour by default" has_colour
tm send-keys -t zt q
tm_start 80 24 "NO_COLOR=1 $ZT_BIN --proc-root $seed"
tm_wait "OOM CANDIDATES" >/dev/null
if has_colour; then notok "NO_COLOR: no colour"; else ok "NO_COLOR: no colour"; fi
tm send-keys -t zt q
tm_start 80 24 "$ZT_BIN --no-color --proc-root $seed"
tm_wait "OOM CANDIDATES" >/dev/null
if has_colour; then notok "--no-color: no colour"; else ok "--no-color: no colour"; fi
tm send-keys -t zt q
tm_dead 20 >/dev/null

# The UI reads nothing itself: every figure comes in a snapshot.
ui_dir="$E2E_DIR/../../ui"
if grep -nE '\b(fopen|open|openat|opendir|creat)[[:space:]]*\(' "$ui_dir"/*.c \
    >"$E2E_TMP/opens"; then
	notok "ui/ opens no file"
	sed 's/^/# /' "$E2E_TMP/opens"
else
	ok "ui/ opens no file"
fi

check_sanitizers
done_testing
