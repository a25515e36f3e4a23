#!/bin/sh
# E2E: signals and the terminal, beyond robust.sh
# (which has SIGTERM, SIGINT and SIGHUP from a shell, a resize storm
# with pauses, no terminal at all, bad TERMs).
#   "The terminal is restored" means: the tty's modes (stty -g), the
#   alternate screen, the cursor's visibility, mouse reporting and the
#   keypad modes are as the shell had them before zonetop started.
#   * Every way out (q, C-c, C-\, SIGQUIT, SIGTERM, SIGHUP) restores the
#     terminal and gives its status (0, 128 + the signal).
#   * SIGTSTP and SIGCONT: zonetop runs in an interactive shell (job
#     control) in tmux.  C-z, and kill -TSTP: the shell says Stopped,
#     the terminal is restored, it echoes and takes lines again; fg: the
#     same screen comes back whole (a still capture: equal text), keys
#     work; a resize while stopped is drawn at the new size after fg;
#     q then exits 0.
#   * SIGWINCH storms: 300 resizes back to back while SIGWINCH arrives
#     as fast as python can send it: alive, the final size drawn the
#     same as after a ^L redraw, no busy loop after (CPU time over 2 s),
#     q exits 0 and the terminal is restored.
#   * Closed standard input: </dev/null and <&- in a terminal get one
#     line pointing at -b and status 1 at once; a terminal on standard
#     input that hangs up while zonetop runs (a pty whose master
#     closes): zonetop ends within 3 s without spinning, the terminal
#     on standard output restored; if it did not end, SIGTERM must.
#   * A vanished terminal (tmux kill-session): started by the pane's
#     shell, from an interactive shell, stopped there by C-z (orphaned:
#     SIGHUP and SIGCONT), and in a session of its own (setsid: no
#     SIGHUP comes, only the hang-up of its file descriptors): zonetop
#     is gone within 3 s (else its CPU time meanwhile is reported).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"
plan 79

seed="$FIX/seed-vm-4.4"
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

# the pane shell's foreground child: zonetop
zt_pid() {
	_i=0
	while [ $_i -lt 50 ]; do
		_p=$(pgrep -P "$(tm_pane '#{pane_pid}')" | head -1)
		[ -n "$_p" ] && { echo "$_p"; return 0; }
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
# CPU time (utime + stime) of a process in clock ticks
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null; }
tck=$(getconf CLK_TCK)
# gone, or a zombie: ended
ended() {
	_s=$(ps -o stat= -p "$1" 2>/dev/null)
	[ -z "$_s" ] || case $_s in Z*) true ;; *) false ;; esac
}
wait_ended() {	# pid seconds
	_i=0
	while [ $_i -lt $(($2 * 10)) ]; do
		ended "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
stopped() { case "$(ps -o stat= -p "$1" 2>/dev/null)" in T*) true ;; *) false ;; esac; }
# the shell's n-th "Stopped" (earlier ones stay on its screen)
nstops=0
wait_stopped() {	# pid
	nstops=$((nstops + 1))
	_i=0
	while [ $_i -lt 50 ]; do
		stopped "$1" && [ "$(tm_screen | grep -c Stopped)" -ge $nstops ] &&
		    return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
alt() { tm_pane '#{alternate_on}'; }
# what a program can leave changed in the terminal: the tty's modes (stty
# -g: echo, canonical input, ...), the alternate screen, the cursor's
# visibility, mouse reporting, the keypad modes
term_state() {
	echo "$(stty -g -F "$(tm_pane '#{pane_tty}')") $(tm_pane \
	    'alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag} keypad=#{keypad_flag}/#{keypad_cursor_flag}')"
}
restored() {	# what: the state is the shell's, from before
	_st=$(term_state)
	if [ "$_st" = "$shell_state" ]; then
		ok "$1: the terminal is restored (modes, screen, cursor, mouse, keypad)"
	else
		notok "$1: the terminal is restored (modes, screen, cursor, mouse, keypad)"
		echo "# before: $shell_state"
		echo "# now:    $_st"
	fi
}
last_line() { tm_screen | sed -n "$1p"; }

# ---- SIGTSTP / SIGCONT -------------------------------------------------
fresh_shell() {	# a new session with its shell, and its terminal's state
	tm_start_shell 80 24
	sleep 0.3
	shell_state=$(term_state)
}
fresh_shell
tm send-keys -t zt "clear; echo before-tstp; $ZT_BIN --proc-root $seed 2>>$E2E_ERR" Enter
check "tstp: the screen comes up" tm_wait "OOM CANDIDATES"
zp=$(zt_pid)
s1=$(tm_stable)

suspend_case() {	# what how
	case "$2" in
	C-z) tm send-keys -t zt C-z ;;
	*) kill -s "$2" "$zp" ;;
	esac
	check "$1: zonetop is stopped, the shell says so" wait_stopped "$zp"
	restored "$1"
	contains "$1: the shell's text is back" "$(tm_screen)" "before-tstp"
	tm send-keys -t zt "echo alive-\$((6 * 7))" Enter
	check "$1: the shell runs commands" tm_wait "alive-42"
	contains "$1: the terminal echoes what is typed" "$(tm_screen)" 'echo alive-$((6 * 7))'
}
resume_case() {	# what
	tm send-keys -t zt "fg" Enter
	check "$1: fg brings the screen back" tm_wait "OOM CANDIDATES"
	check "$1: the alternate screen is on" test "$(alt)" = 1
	check "$1: zonetop runs" test -n "$(ps -o stat= -p "$zp" | grep -v T)"
}
suspend_case "C-z" C-z
resume_case "C-z, fg"
s2=$(tm_stable)
if [ "$s1" = "$s2" ]; then
	ok "C-z, fg: the same screen, whole"
else
	notok "C-z, fg: the same screen, whole"
	printf '%s\n' "$s1" >"$E2E_TMP/s1"
	printf '%s\n' "$s2" >"$E2E_TMP/s2"
	diff "$E2E_TMP/s1" "$E2E_TMP/s2" | sed 's/^/# /'
fi
tm send-keys -t zt '?'
check "C-z, fg: keys work (? shows the help)" tm_wait "sort candidates by the next column"
tm send-keys -t zt Escape
tm_wait "OOM CANDIDATES" >/dev/null

suspend_case "kill -TSTP" TSTP
resume_case "kill -TSTP, fg"
check "kill -TSTP, fg: the same screen, whole" test "$(tm_stable)" = "$s1"

# stopped, then the terminal grows: fg draws the new size
tm send-keys -t zt C-z
check "C-z again: stopped" wait_stopped "$zp"
tm resize-window -t zt -x 100 -y 30
sleep 0.3
tm send-keys -t zt "fg" Enter
check "resized while stopped: fg brings the screen back" tm_wait "OOM CANDIDATES"
_i=0
while [ $_i -lt 30 ]; do
	case "$(last_line 30)" in *"F1 help"*) break ;; esac
	sleep 0.1
	_i=$((_i + 1))
done
contains "resized while stopped: drawn at 100x30 (footer on line 30)" "$(last_line 30)" "F1 help"
tm resize-window -t zt -x 80 -y 24
check "back to 80x24" tm_wait "OOM CANDIDATES"
tm send-keys -t zt q
check "q quits after the suspends" tm_wait_gone "OOM CANDIDATES"
tm send-keys -t zt "echo rc=\$?" Enter
check "exit status 0" tm_wait "rc=0"
restored "q after the suspends"

# ---- SIGWINCH storms ---------------------------------------------------
# on the still capture, so the screen after the storm can be compared
# with the one a ^L redraw gives
tm send-keys -t zt "clear; $ZT_BIN --proc-root $seed -d 1 2>>$E2E_ERR" Enter
check "winch: the screen comes up" tm_wait "OOM CANDIDATES"
zp=$(zt_pid)
c0=$(cpu_ticks "$zp")
"$py" -c 'import os, signal, sys
pid, stop, n = int(sys.argv[1]), sys.argv[2], 0
while not os.path.exists(stop) or n < 20000:
    try:
        os.kill(pid, signal.SIGWINCH)
    except ProcessLookupError:
        print(n); sys.exit(1)
    n += 1
print(n)
' "$zp" "$E2E_TMP/winch.stop" >"$E2E_TMP/winch.n" &
kpid=$!
e2e_kids="$e2e_kids $kpid"
i=0
for s in 1x1 200x60 10x3 64x16 132x43 2x40 300x5 40x12 120x30 1x1; do
	for j in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
		case $((j % 3)) in
		0) tm resize-window -t zt -x "${s%x*}" -y "${s#*x}" ;;
		1) tm resize-window -t zt -x $((20 + j * 3)) -y $((5 + j)) ;;
		2) tm resize-window -t zt -x $((150 - j * 2)) -y $((45 - j)) ;;
		esac
		i=$((i + 1))
	done
done
: >"$E2E_TMP/winch.stop"
wait "$kpid"
check "winch: every SIGWINCH found it alive" test $? -eq 0
echo "# $i resizes back to back, $(cat "$E2E_TMP/winch.n") SIGWINCH meanwhile"
tm resize-window -t zt -x 90 -y 28
check "winch: alive after the storm" kill -0 "$zp"
check "winch: draws the final size" tm_wait "OOM CANDIDATES"
_i=0
while [ $_i -lt 30 ]; do
	case "$(last_line 28)" in *"F1 help"*) break ;; esac
	sleep 0.1
	_i=$((_i + 1))
done
contains "winch: footer on line 28 of 90x28" "$(last_line 28)" "F1 help"
c1=$(cpu_ticks "$zp")
echo "# CPU during the storm: $(( (c1 - c0) * 1000 / tck )) ms"
w1=$(tm_stable)
sleep 2
c2=$(cpu_ticks "$zp")
ms=$(( (c2 - c1) * 1000 / tck ))
echo "# CPU in the 2 s after it: $ms ms"
check "winch: no busy loop after the storm (${ms} ms of CPU in 2 s, < 600)" test "$ms" -lt 600
tm send-keys -t zt C-l
sleep 0.5
w2=$(tm_stable)
if [ "$w1" = "$w2" ]; then
	ok "winch: the screen is what a ^L redraw gives"
else
	notok "winch: the screen is what a ^L redraw gives"
	printf '%s\n' "$w1" >"$E2E_TMP/w1"
	printf '%s\n' "$w2" >"$E2E_TMP/w2"
	diff "$E2E_TMP/w1" "$E2E_TMP/w2" | sed 's/^/# /'
fi
tm send-keys -t zt q
check "winch: q quits" tm_wait_gone "OOM CANDIDATES"
tm send-keys -t zt "clear; echo rc=\$?" Enter
check "winch: exit status 0" tm_wait "rc=0"
tm resize-window -t zt -x 80 -y 24
restored "winch: q after the storm"

# ---- every way out restores the terminal --------------------------------
# (robust.sh checks the screen and the status for q, C-c, SIGTERM and
# SIGHUP; here the modes, and C-\ and SIGQUIT, whose default action
# would leave the terminal as curses set it)
out_case() {	# what how status (each in a fresh shell: no failure cascades)
	fresh_shell
	tm send-keys -t zt "clear; $ZT_BIN --proc-root $seed 2>>$E2E_ERR; echo rc=\$?" Enter
	if ! tm_wait "OOM CANDIDATES"; then
		notok "$1: the screen comes up"
		return
	fi
	case "$2" in
	q | C-c | 'C-\') tm send-keys -t zt "$2" ;;
	*) kill -s "$2" "$(zt_pid)" ;;
	esac
	check "$1: exit status $3" tm_wait "rc=$3"
	restored "$1"
}
out_case "q" q 0
out_case "C-c" C-c 130
out_case "C-\\ (SIGQUIT from the keyboard)" 'C-\' 131
out_case "SIGQUIT" QUIT 131
out_case "SIGTERM" TERM 143
out_case "SIGHUP" HUP 129

# ---- closed standard input -------------------------------------------
stdin_case() {	# what redirection
	fresh_shell
	tm send-keys -t zt "clear; $ZT_BIN --proc-root $seed $2 2>$E2E_TMP/err1; echo rc=\$?" Enter
	check "$1: status 1 at once" tm_wait "rc=1" 5
	contains "$1: says standard input is not a terminal" "$(cat "$E2E_TMP/err1")" \
	    "standard input is not a terminal"
	contains "$1: ... and points at -b" "$(cat "$E2E_TMP/err1")" "use -b"
	restored "$1"
	lacks "$1: nothing of zonetop on the screen" "$(tm_screen)" "OOM CANDIDATES"
	cat "$E2E_TMP/err1" >>"$E2E_ERR"
}
stdin_case "stdin </dev/null" "</dev/null"
stdin_case "stdin closed (<&-)" "<&-"

# a terminal on standard input whose other end goes away: a pty made by
# python, its master closed 2 s after zonetop started; standard output
# stays the pane
cat >"$E2E_TMP/hup.py" <<'EOF'
import os, subprocess, sys, time
zt, seed, err, out = sys.argv[1:5]
tck = os.sysconf("SC_CLK_TCK")
def ticks(pid):
    try:
        f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return int(f[11]) + int(f[12])
    except (OSError, IndexError):
        return None
m, s = os.openpty()
p = subprocess.Popen([zt, "--proc-root", seed], stdin=s, stderr=open(err, "a"))
os.close(s)
time.sleep(2)
res = {"alive_before": p.poll() is None}
c0 = ticks(p.pid)
os.close(m)		# standard input hangs up
rc, t0 = None, time.time()
try:
    rc = p.wait(timeout=3)
    res["ended_in"] = round(time.time() - t0, 2)
except subprocess.TimeoutExpired:
    c1 = ticks(p.pid)
    res["cpu_ms_in_3s"] = (c1 - c0) * 1000 // tck if c0 is not None and c1 is not None else None
    p.terminate()
    try:
        rc = p.wait(timeout=5)
        res["after_sigterm"] = rc
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
        res["killed"] = True
res["rc"] = rc
with open(out, "w") as f:
    for k, v in res.items():
        f.write("%s %s\n" % (k, v))
EOF
fresh_shell
tm send-keys -t zt "clear; echo before-hup; $py $E2E_TMP/hup.py $ZT_BIN $seed $E2E_ERR $E2E_TMP/hup.out; echo done-hup" Enter
check "stdin hangs up: the screen came up" tm_wait "OOM CANDIDATES" 5
check "stdin hangs up: the helper finished" tm_wait "done-hup" 15
hup() { awk -v k="$1" '$1 == k { print $2 }' "$E2E_TMP/hup.out" 2>/dev/null; }
sed 's/^/# stdin hang-up: /' "$E2E_TMP/hup.out"
check "stdin hangs up: zonetop was running before" test "$(hup alive_before)" = True
check "stdin hangs up: it ended within 3 s by itself" test -n "$(hup ended_in)"
if [ -z "$(hup ended_in)" ]; then
	cpu=$(hup cpu_ms_in_3s)
	check "stdin hangs up: no spinning meanwhile (${cpu:-?} ms in 3 s)" \
	    test "${cpu:-9999}" -lt 900
	check "stdin hangs up: SIGTERM ends it (status $(hup after_sigterm))" \
	    test "$(hup after_sigterm)" = -15
else
	skip "stdin hangs up: no spinning meanwhile: it ended by itself"
	skip "stdin hangs up: SIGTERM ends it: it ended by itself"
fi
check "stdin hangs up: not a crash (status $(hup rc))" \
    test "$(hup rc)" = 0 -o "$(hup rc)" = 1 -o "$(hup rc)" = -15 -o "$(hup rc)" = -1
restored "stdin hangs up"
contains "stdin hangs up: the shell's text is back" "$(tm_screen)" "before-hup"

# ---- a vanished terminal ------------------------------------------------
vanish_case() {	# what pidfile [stop]
	check "$1: the screen comes up" tm_wait "OOM CANDIDATES"
	_i=0
	while [ ! -s "$2" ] && [ $_i -lt 30 ]; do sleep 0.1; _i=$((_i + 1)); done
	_p=$(cat "$2" 2>/dev/null)
	if [ -z "$_p" ] || ended "$_p"; then
		notok "$1: zonetop running (pid ${_p:-?})"
		return
	fi
	if [ "${3:-}" = stop ]; then
		tm send-keys -t zt C-z
		nstops=0
		check "$1: zonetop is stopped" wait_stopped "$_p"
	fi
	case "$1" in *"own session"*)
		check "$1: zonetop leads a session of its own" \
		    test "$(ps -o sid= -p "$_p" | tr -d ' ')" = "$_p" ;;
	esac
	_c0=$(cpu_ticks "$_p")
	tm kill-session -t zt
	if wait_ended "$_p" 3; then
		ok "$1: zonetop gone within 3 s of kill-session"
	else
		_c1=$(cpu_ticks "$_p")
		notok "$1: zonetop gone within 3 s of kill-session (state $(ps -o stat= -p "$_p"), $(( (_c1 - _c0) * 1000 / tck )) ms CPU in 3 s)"
		kill -9 "$_p" 2>/dev/null
	fi
	tm_kill
}
rm -f "$E2E_TMP/pid"
tm_start 80 24 "echo \$\$ >$E2E_TMP/pid; exec $ZT_BIN -d 0.5"
vanish_case "vanish (pane's command)" "$E2E_TMP/pid"

rm -f "$E2E_TMP/pid"
tm_start_shell 80 24
tm send-keys -t zt "sh -c 'echo \$\$ >$E2E_TMP/pid; exec $ZT_BIN -d 0.5 2>>$E2E_ERR'" Enter
vanish_case "vanish (interactive shell)" "$E2E_TMP/pid"

# suspended (C-z) when the terminal goes: its process group is orphaned,
# the kernel sends it SIGHUP and SIGCONT
rm -f "$E2E_TMP/pid"
tm_start_shell 80 24
tm send-keys -t zt "sh -c 'echo \$\$ >$E2E_TMP/pid; exec $ZT_BIN -d 0.5 2>>$E2E_ERR'" Enter
vanish_case "vanish (stopped by C-z)" "$E2E_TMP/pid" stop

if command -v setsid >/dev/null 2>&1; then
	rm -f "$E2E_TMP/pid"
	tm_start 80 24 "setsid sh -c 'echo \$\$ >$E2E_TMP/pid; exec $ZT_BIN -d 0.5'"
	vanish_case "vanish (own session: no SIGHUP)" "$E2E_TMP/pid"
else
	skips 3 "vanish (own session): setsid is not installed"
fi

check_sanitizers
done_testing
