#!/bin/sh
# screenshots.sh: real PNG screenshots of the real ./zonetop, into
# screenshots/ (make screenshots).  Each screen runs in its own tmux
# session of 132x43 cells on a private server; the script drives it with
# send-keys, waits for text on the pane (never a blind sleep where a
# string can be waited for), captures the pane with its colours
# (capture-pane -e), turns that into HTML of exact character cells
# (scripts/ansi2html.py) and has headless Chromium screenshot the page.
#
#   live.png           the monitor on this machine after a few samples
#   help.png           the help screen (?): the keys
#   help-legend.png    the end of the help screen: the legend of the marks
#   fragmentation.png  Enter on the Normal zone, scrolled to its free
#                      blocks per order and per migrate type (pagetypeinfo,
#                      readable by root only since 5.4)
#   seed-vm.png        the seed's VM, rebuilt from its OOM report
#                      (--proc-root tests/fixtures/proc/seed-vm-4.4)
#   protect.png        two demo children filtered with /, one protected
#                      with p then y, the confirmation of p on the other
#                      (only the confirmation where root lacks
#                      CAP_SYS_RESOURCE, as in some containers)
#   cgroups.png        the memory cgroups view (C): a 96 MiB v1 cgroup with
#                      two demo jobs, its usage against the limit and the
#                      victim its own ranking names (root, v1 memory only)
#   explain.png        zonetop explain on the seed's OOM report, in a shell
#   replay.png         zonetop replay of tests/fixtures/recordings/v1-oom.ztrec
#                      at its OOM kill
#
# A screen that cannot be made (a feature not there yet, a timeout) is
# reported and skipped; its old PNG, if any, stays.  The exit status is 1
# when any was skipped.  ZT_SHOTS=live,help,... makes only those;
# ZT_SHOTS_KEEP=1 keeps the work directory (captures and HTML).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
ZT="$ROOT/zonetop"
OUT="$ROOT/screenshots"
COLS=132
ROWS=43
ONLY=${ZT_SHOTS:-}
SOCK="zt-shots-$$"
TMP=$(mktemp -d)
kids=""
made=""
skipped=""

export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR TMUX
# the defaults, not this user's zonetoprc
export XDG_CONFIG_HOME="$TMP/config"

# shellcheck disable=SC2317  # called by the trap
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	for k in $kids; do kill "$k" 2>/dev/null || true; done
	if [ -n "${CG:-}" ] && [ -d "$CG" ]; then
		sleep 0.2
		rmdir "$CG" 2>/dev/null || true
	fi
	if [ "${ZT_SHOTS_KEEP:-0}" = 1 ]; then
		echo "screenshots: kept $TMP"
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

say() { printf 'screenshots: %s\n' "$*"; }
die() { printf 'screenshots: %s\n' "$*" >&2; exit 1; }

CHROMIUM=$(command -v chromium || command -v chromium-browser ||
    command -v google-chrome || true)
[ -n "$CHROMIUM" ] || die "chromium is not installed (sh scripts/deps.sh shots)"
command -v tmux >/dev/null || die "tmux is not installed (sh scripts/deps.sh shots)"
command -v python3 >/dev/null || die "python3 is not installed"
[ -x "$ZT" ] || die "$ZT is not built (make zonetop)"
mkdir -p "$OUT"

want() { [ -z "$ONLY" ] || case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

# ---- tmux ----

printf '%s\n' 'set -g status off' 'set -g remain-on-exit on' \
    'set -g history-limit 0' 'set -g default-terminal tmux-256color' \
    >"$TMP/tmux.conf"

tm() { tmux -L "$SOCK" -u -f "$TMP/tmux.conf" "$@"; }

# start [-t] NAME W H COMMAND: a session NAME whose only pane runs
# COMMAND, its standard error into $TMP/NAME.err (curses draws on standard
# output) unless -t (a shell's prompt is on standard error)
start() {
	_redir=1
	[ "$1" = -t ] && { _redir=0; shift; }
	_n=$1 _w=$2 _h=$3
	shift 3
	tm kill-session -t "$_n" 2>/dev/null || true
	if [ $_redir = 1 ]; then
		tm new-session -d -s "$_n" -x "$_w" -y "$_h" -c "$ROOT" \
		    "exec 2>>'$TMP/$_n.err'; exec $*"
	else
		tm new-session -d -s "$_n" -x "$_w" -y "$_h" -c "$ROOT" "$*"
	fi
	S=$_n
}

screen() { tm capture-pane -p -t "$S"; }
dead() { [ "$(tm display-message -p -t "$S" '#{pane_dead}')" = 1 ]; }

# wait_for TEXT [SECONDS]: until TEXT is on the pane; 1 on timeout
wait_for() {
	_i=0 _n=$(( ${2:-10} * 10 ))
	while [ $_i -lt $_n ]; do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		dead && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# wait_re REGEX [SECONDS]: until a line of the pane matches REGEX (ERE)
wait_re() {
	_i=0 _n=$(( ${2:-10} * 10 ))
	while [ $_i -lt $_n ]; do
		screen | grep -Eq "$1" && return 0
		dead && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# the pane with the clock masked
masked() { screen | sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/HH:MM:SS/g'; }

# stable: until two captures 0.3 s apart agree (at most 3 s)
stable() {
	_p=$(masked) _i=0
	while [ $_i -lt 10 ]; do
		sleep 0.3
		_c=$(masked)
		[ "$_c" = "$_p" ] && return 0
		_p=$_c _i=$((_i + 1))
	done
	return 0
}

# samples N [SECONDS]: until the header's clock has shown N different
# times (one sample per interval at -d 1)
samples() {
	_want=$1 _i=0 _n=$(( ${2:-15} * 10 )) _seen=""
	while [ $_i -lt $_n ]; do
		_t=$(screen | head -1 | grep -Eo '[0-9]{2}:[0-9]{2}:[0-9]{2}' | tail -1)
		case " $_seen " in *" $_t "*) ;; *) _seen="$_seen $_t" ;; esac
		[ "$(echo "$_seen" | wc -w)" -ge "$_want" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# count TEXT: how many times TEXT is on the pane
count() { screen | grep -oF -- "$1" | wc -l; }

# ---- rendering ----

# shot NAME [ROWS]: the pane as screenshots/NAME.png
shot() {
	_name=$1 _rows=${2:-$ROWS}
	tm capture-pane -e -p -N -t "$S" >"$TMP/$_name.ans"
	python3 "$ROOT/scripts/ansi2html.py" "$COLS" "$_rows" "zonetop: $_name" \
	    <"$TMP/$_name.ans" >"$TMP/$_name.html"
	_size=$(python3 "$ROOT/scripts/ansi2html.py" --size "$COLS" "$_rows")
	rm -rf "$TMP/chromium"
	mkdir -p "$TMP/chromium/home"
	# HOME too: Chromium writes beside its profile (.pki, caches)
	if ! HOME="$TMP/chromium/home" "$CHROMIUM" --headless --no-sandbox \
	    --disable-gpu --disable-background-networking \
	    --disable-component-update --disable-sync --no-first-run \
	    --disable-quic --disable-extensions --disable-default-apps \
	    --user-data-dir="$TMP/chromium/profile" --hide-scrollbars \
	    --force-device-scale-factor=1 --window-size="$_size" \
	    --screenshot="$TMP/$_name.png" "file://$TMP/$_name.html" \
	    >"$TMP/chromium.log" 2>&1 || [ ! -s "$TMP/$_name.png" ]; then
		sed 's/^/  /' "$TMP/chromium.log" >&2
		skip "$_name" "Chromium made no screenshot"
		return 0
	fi
	# the PNG's own width and height must be the page's
	_got=$(python3 -c 'import struct,sys
d=open(sys.argv[1],"rb").read(24)
print("%d,%d" % struct.unpack(">II", d[16:24]) if d[:8]==b"\x89PNG\r\n\x1a\n" else "")' \
	    "$TMP/$_name.png")
	if [ "$_got" != "$_size" ]; then
		skip "$_name" "Chromium's PNG is ${_got:-not a PNG}, not $_size"
		return 0
	fi
	mv "$TMP/$_name.png" "$OUT/$_name.png"
	made="$made $_name"
	say "$_name.png ($_size)"
}

# skip NAME WHY: NAME is not made this time
skip() {
	skipped="$skipped $1"
	say "SKIPPED $1.png: $2" >&2
	if [ -n "${S:-}" ]; then
		screen 2>/dev/null | sed -e '/^$/d' -e 's/^/  | /' | tail -15 >&2 || true
		[ -s "$TMP/$S.err" ] && sed 's/^/  stderr: /' "$TMP/$S.err" | tail -5 >&2
	fi
	return 0
}

# ---- the screens ----

# The monitor on this machine: three intervals, so rates and sparklines
# have points; the focus on the candidates so the zone bars show plainly.
# Then the help screen, then Normal's detail (any zone if there is none).
shot_live() {
	start live "$COLS" "$ROWS" "$ZT" -d 1
	wait_for "OOM CANDIDATES" 10 || { skip live "the monitor did not come up"; return 0; }
	samples 4 15 || true
	tm send-keys -t "$S" BTab
	sleep 0.3
	want live && shot live
	tm send-keys -t "$S" Tab
	if want help || want help-legend; then
		tm send-keys -t "$S" '?'
		if wait_for "Keys" 5; then
			stable
			want help && shot help
			# its end: the legend of the zone bars, cells and marks
			want help-legend && shot_help_end
		else
			skip help "? did not show the help screen"
		fi
		tm send-keys -t "$S" Escape
		wait_for "OOM CANDIDATES" 5 || true
	fi
	want fragmentation && shot_fragmentation
	tm send-keys -t "$S" q
}

shot_help_end() {
	tm send-keys -t "$S" End
	# the legend is longer than the window: up until its first line shows
	_up=0
	while wait_for "OOM candidates" 5 && ! wait_for "Zone bar" 1 &&
	    [ $_up -lt 30 ]; do
		tm send-keys -t "$S" Up
		_up=$((_up + 1))
	done
	if wait_for "Zone bar" 1; then
		stable
		shot help-legend
	else
		skip help-legend "End did not show the help's legend"
	fi
}

shot_fragmentation() {
	# Enter on each zone in turn until the detail is Normal's
	_i=0 _zone=""
	tm send-keys -t "$S" Home
	while [ $_i -lt 8 ]; do
		tm send-keys -t "$S" Enter
		wait_re '^Node [0-9]+, zone ' 5 || break
		_zone=$(screen | sed -nE 's/^Node ([0-9]+), zone ([A-Za-z0-9]+).*/\2/p' | head -1)
		[ "$_zone" = Normal ] && break
		tm send-keys -t "$S" Escape
		wait_for "OOM CANDIDATES" 5 || break
		tm send-keys -t "$S" Down
		_i=$((_i + 1))
	done
	if [ -z "$_zone" ]; then
		skip fragmentation "Enter showed no zone detail"
		return 0
	fi
	[ "$_zone" = Normal ] || say "no Normal zone here: fragmentation.png shows $_zone"
	tm send-keys -t "$S" End
	if [ "$(id -u)" -eq 0 ]; then
		if ! wait_for "Free blocks per migrate type" 5 ||
		    ! wait_re '^ +blocks +[0-9]' 15; then
			say "fragmentation: pagetypeinfo not shown"
		fi
	else
		wait_for "Free blocks per order" 5 || true
		say "fragmentation: not root, so no pagetypeinfo"
	fi
	stable
	shot fragmentation
	tm send-keys -t "$S" Escape
}

# The seed's VM: DMA and DMA32 only, DMA32 below min, 957M unaccounted.
shot_seed() {
	start seed "$COLS" "$ROWS" "$ZT" --proc-root "$ROOT/tests/fixtures/proc/seed-vm-4.4"
	if ! wait_for "FRAGMENTS 0 1 2" 10 || ! wait_for "BELOW MIN" 5; then
		skip seed-vm "the seed's capture did not come up"
		return 0
	fi
	# focus on the (empty) candidates: no zone row is drawn reversed
	tm send-keys -t "$S" BTab
	stable
	shot seed-vm
	tm send-keys -t "$S" q
}

# Two children in their own names, filtered with /: demo-job-a
# (oom_score_adj 400, ranked first) and demo-job-b (200).  p on demo-job-a
# opens the confirmation; with CAP_SYS_RESOURCE (lowering oom_score_adj
# needs it) y protects it, and p on demo-job-b, now first, opens the
# confirmation that is shot; without it (root in some containers) the
# first confirmation is shot.  n cancels.  A confirmation is found by
# what it must show: the pid once more and the new value (-1000) once
# more than the pane had before.  The adjustments keep the scores below
# 1000 (400 scores 933 on an idle process), so "1000" means the value.
shot_protect() {
	mkdir -p "$TMP/bin"
	ln -sf "$(command -v sleep)" "$TMP/bin/demo-job-a"
	ln -sf "$(command -v sleep)" "$TMP/bin/demo-job-b"
	PATH="$TMP/bin:$PATH" demo-job-a 600 &
	a=$!
	PATH="$TMP/bin:$PATH" demo-job-b 600 &
	b=$!
	kids="$kids $a $b"
	echo 400 >"/proc/$a/oom_score_adj"
	echo 200 >"/proc/$b/oom_score_adj"

	start protect "$COLS" "$ROWS" "$ZT" -d 1
	wait_for "OOM CANDIDATES" 10 || { skip protect "the monitor did not come up"; return 0; }
	tm send-keys -t "$S" /
	tm send-keys -t "$S" -l demo-job
	tm send-keys -t "$S" Enter
	if ! wait_for "demo-job-a" 10 || ! wait_for "demo-job-b" 5; then
		skip protect "the filter did not show the two demo jobs"
		return 0
	fi
	tm send-keys -t "$S" BTab Home
	sleep 0.3
	if ! confirm "$a"; then
		skip protect "p opened no confirmation"
		return 0
	fi
	if [ "$(can_lower)" = 1 ]; then
		tm send-keys -t "$S" y
		_i=0
		while [ $_i -lt 50 ] && [ "$(cat "/proc/$a/oom_score_adj")" != -1000 ]; do
			sleep 0.1
			_i=$((_i + 1))
		done
		if [ "$(cat "/proc/$a/oom_score_adj")" != -1000 ]; then
			skip protect "p, y did not protect demo-job-a (pid $a)"
			return 0
		fi
		# the confirmation closes; the next sample ranks demo-job-a last
		wait_gone "n/Esc" 3 || tm send-keys -t "$S" Escape
		samples 2 5 || true
		tm send-keys -t "$S" Home
		sleep 0.3
		if ! confirm "$b"; then
			skip protect "p on the second demo job opened no confirmation"
			return 0
		fi
	else
		say "protect: no CAP_SYS_RESOURCE here, so protect.png shows the" \
		    "confirmation only, nothing protected"
	fi
	stable
	shot protect
	tm send-keys -t "$S" n
	tm send-keys -t "$S" q
}

# can_lower: 1 when this process has CAP_SYS_RESOURCE (bit 24), as the
# zonetop it starts will
can_lower() {
	_cap=$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)
	echo $(( (0x${_cap:-0} >> 24) & 1 ))
}

# confirm PID: press p and wait for the confirmation on PID
confirm() {
	_n=$(count 1000) _p=$(count "$1")
	tm send-keys -t "$S" p
	until_more 1000 "$_n" 5 && until_more "$1" "$_p" 1
}

# wait_gone TEXT [SECONDS]: until TEXT is no longer on the pane
wait_gone() {
	_i=0 _n=$(( ${2:-10} * 10 ))
	while [ $_i -lt $_n ]; do
		case "$(screen)" in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# until_more TEXT N [SECONDS]: until TEXT is on the pane more than N times
until_more() {
	_i=0 _m=$(( ${3:-5} * 10 ))
	while [ $_i -lt $_m ]; do
		[ "$(count "$1")" -gt "$2" ] && return 0
		dead && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# zonetop explain on the seed's report, typed into a shell.  The pane is
# as tall as the report (its verdict lines wrap at 132 columns), so the
# command, the whole report and the next prompt are all on it.
# The memory cgroups view: a cgroup with a limit and two jobs of known
# size in it, so its row has usage, limit and a victim by its own limit.
shot_cgroups() {
	_mem=/sys/fs/cgroup/memory
	if [ "$(id -u)" -ne 0 ] || [ ! -w "$_mem" ]; then
		skip cgroups "needs root and the v1 memory controller"
		return 0
	fi
	CG=$_mem/zt-shots-$$
	mkdir "$CG" || { skip cgroups "cannot make a memory cgroup"; return 0; }
	echo $((96 << 20)) >"$CG/memory.limit_in_bytes"
	for _mb in 24 40; do
		sh -c 'echo $$ >"$1/cgroup.procs" && exec python3 -c "
import time; b = bytearray($2 << 20); time.sleep(600)"' x "$CG" "$_mb" &
		kids="$kids $!"
	done
	sleep 1
	start cgroups "$COLS" "$ROWS" "$ZT" -d 1
	wait_for "OOM CANDIDATES" 10 || { skip cgroups "the monitor did not come up"; return 0; }
	samples 2 10 || true
	tm send-keys -t "$S" C
	if ! wait_for "zt-shots-$$" 10; then
		skip cgroups "C did not list the demo cgroup"
		return 0
	fi
	stable
	shot cgroups
	tm send-keys -t "$S" q
}

shot_explain() {
	_f=tests/fixtures/oom/seed-4.4-kvm-balloon.txt
	_rows=$("$ZT" explain "$_f" | python3 -c 'import sys
print(sum(max(1, -(-len(l.rstrip("\n")) // int(sys.argv[1])))
    for l in sys.stdin))' "$COLS")
	_rows=$((_rows + 2))
	[ "$_rows" -ge "$ROWS" ] || _rows=$ROWS
	# shellcheck disable=SC2016  # for the shell in the pane to expand
	printf 'PS1="$(printf "\\033[1;32m$\\033[0m ")"\n' >"$TMP/shrc"
	start -t explain "$COLS" "$_rows" env ENV="$TMP/shrc" sh -i
	wait_for '$' 5 || { skip explain "the shell did not start"; return 0; }
	tm send-keys -t "$S" -l "./zonetop explain $_f"
	tm send-keys -t "$S" Enter
	if ! wait_for "verdict" 10 || ! wait_re '^\$ *$' 10; then
		skip explain "the report did not finish"
		return 0
	fi
	shot explain "$_rows"
	tm send-keys -t "$S" -l exit
	tm send-keys -t "$S" Enter
}

# A replay at its OOM kill: step forward with ] (the sparklines fill as
# the samples go by) until the kill is on the screen; if stepping does
# not get there, the timeline (T) and Enter on its OOM kill.
KILL_RE='OOM KILL|OOM kill of|gone: pid|victim guessed|victim unknown'
shot_replay() {
	_rec=tests/fixtures/recordings/v1-oom.ztrec
	start replay "$COLS" "$ROWS" "$ZT" replay "$_rec"
	if ! wait_re 'REPLAY .* 1/[0-9]+' 10 || ! wait_for "OOM CANDIDATES" 5; then
		skip replay "zonetop replay showed no screen"
		return 0
	fi
	_k=2
	while [ $_k -le 30 ] && ! screen | grep -Eq "$KILL_RE"; do
		tm send-keys -t "$S" ']'
		wait_re "REPLAY .* $_k/[0-9]+" 3 || break
		_k=$((_k + 1))
	done
	if ! screen | grep -Eq "$KILL_RE"; then
		tm send-keys -t "$S" T
		if wait_re '^ +[0-9-]+ [0-9:]+ +[0-9]+/[0-9]+ +OOM kill' 5; then
			tm send-keys -t "$S" Home
			_k=0
			# down to the first OOM kill (the selected row is reversed)
			while [ $_k -lt 50 ] && ! tm capture-pane -e -p -t "$S" |
			    grep -a "$(printf '\033')\[7m" | grep -aq 'OOM kill'; do
				tm send-keys -t "$S" Down
				sleep 0.1
				_k=$((_k + 1))
			done
			tm send-keys -t "$S" Enter
			wait_re "$KILL_RE" 5 || true
		fi
	fi
	if ! screen | grep -Eq "$KILL_RE"; then
		skip replay "no OOM kill reached in the replay"
		return 0
	fi
	# focus on the candidates: no zone row is drawn reversed
	tm send-keys -t "$S" BTab
	stable
	shot replay
	tm send-keys -t "$S" q
}

t0=$(date +%s)
if want live || want help || want help-legend || want fragmentation; then
	shot_live
fi
if want seed-vm; then shot_seed; fi
if want protect; then shot_protect; fi
if want cgroups; then shot_cgroups; fi
if want explain; then shot_explain; fi
if want replay; then shot_replay; fi

say "made:${made:- none} in $(( $(date +%s) - t0 )) s"
if [ -n "$skipped" ]; then
	say "skipped:$skipped" >&2
	exit 1
fi
exit 0
