#!/bin/sh
# E2E: what a new user meets, in tmux.
#  * the verdict gets the rows the screen has; v shows all of it
#  * --cgroup, -p, -u: exactly the matching rows, their count, the victim
#     among them, the cgroup's limit/usage/OOM events; -u unknown: exit 2
#  * the protect dialog: CAP_SYS_RESOURCE said at once, p in a process's
#     detail view, under -p a preview among the matches; the choom line
#     of --protect, and the one printed when the monitor quits after a
#     write, paste back into a shell
#  * 64x16 shows every zone; help wraps at 80 columns; c and Enter show
#     a whole command line
#  * the swap device line under SWAP
#  * one interval range; the victim mark ▶, > in the C locale, as the
#     README says
# Children, cgroups and tmux servers are this run's ($$) and cleaned up.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"
plan 80

py=$(command -v python3)
kids=""
cg=""
swapf=/var/tmp/zt-fc-swap-$$
fc_cleanup() {
	for k in $kids; do kill -9 "$k" 2>/dev/null; done
	if grep -q "^$swapf " /proc/swaps 2>/dev/null; then
		swapoff "$swapf" 2>/dev/null
	fi
	rm -f "$swapf"
	if [ -n "$cg" ] && [ -d "$cg" ]; then
		while read -r p; do echo "$p" >/sys/fs/cgroup/memory/cgroup.procs; done \
		    <"$cg/cgroup.procs" 2>/dev/null
		rmdir "$cg" 2>/dev/null
	fi
	e2e_cleanup
}
trap fc_cleanup EXIT

# ---- 2, 8: the seed VM at 132x43 ----
tm_start 132 43 "$ZT_BIN --proc-root $FIX/seed-vm-4.4"
check "seed: the screen comes up" tm_wait "OOM CANDIDATES"
scr=$(tm_screen)
contains "132x43: the verdict's swap line is shown" "$scr" \
    "swap 94% free, but almost no anonymous memory is left to swap"
lacks "132x43: no verdict item hidden" "$scr" "v: +"
dev=$(printf '%s\n' "$scr" | grep -A1 '^SWAP ' | tail -1)
case "$dev" in
"          /dev/swap-from-report  partition"*) ok "the swap device line is right under SWAP" ;;
*) notok "the swap device line is right under SWAP"; printf '# %s\n' "$dev" ;;
esac
lacks "no device line under COMMIT" "$(printf '%s\n' "$scr" | grep -A1 '^COMMIT ' | tail -1)" \
    "/dev/swap-from-report"
tm send-keys -t zt v
check "v opens the whole verdict" tm_wait "Verdict  8 findings, worst first"
scr=$(tm_screen)
contains "every finding, numbered" "$scr" "8. [info] overcommit 2"
contains "the unaccounted share against both denominators" "$scr" \
    "96.5% of MemTotal"
contains "and against RAM, as explain counts" "$scr" "93.5% of RAM"
tm send-keys -t zt v
check "v again closes it" tm_wait_gone "Verdict  8 findings"
tm send-keys -t zt '?'
check "the help lists v" tm_wait "the whole verdict, every line wrapped"
tm send-keys -t zt q

# ---- 8, live: a swap file of this run's, its line right under SWAP ----
if [ "$(id -u)" -eq 0 ] && [ "$(wc -l </proc/swaps)" -le 1 ] &&
    command -v mkswap >/dev/null && dd if=/dev/zero of="$swapf" bs=1M count=16 \
    status=none 2>/dev/null && chmod 600 "$swapf" &&
    mkswap "$swapf" >/dev/null 2>&1 && swapon "$swapf" 2>/dev/null; then
	tm_start 132 43 "$ZT_BIN -d 0.5"
	check "live with a swap file: comes up" tm_wait "OOM CANDIDATES"
	tm_wait "$swapf" 5 >/dev/null
	dev=$(tm_screen | grep -A1 '^SWAP ' | tail -1)
	case "$dev" in
	"          $swapf  file"*) ok "live: the swap file's line is right under SWAP" ;;
	*) notok "live: the swap file's line is right under SWAP"; printf '# %s\n' "$dev" ;;
	esac
	lacks "live: no device line under COMMIT" \
	    "$(tm_screen | grep -A1 '^COMMIT ' | tail -1)" "$swapf"
	tm send-keys -t zt q
	swapoff "$swapf" 2>/dev/null
	rm -f "$swapf"
else
	rm -f "$swapf"
	skips 3 "live swap device line: needs root, no swap on, mkswap and swapon"
fi

# at 80x24 there is less room: the capture has no processes, so the
# candidates keep one row ("no processes") and the verdict the rest
tm_start 80 24 "$ZT_BIN --proc-root $FIX/seed-vm-4.4"
check "80x24: comes up" tm_wait "OOM CANDIDATES"
n=$(tm_screen | sed -n '2,12p' | grep -cE '^(GFP_KERNEL|node 0|97%|no Normal|swap 94|overcommit 2)')
check "80x24: the whole verdict, in the rows the candidates leave ($n lines)" test "$n" -eq 8
lacks "80x24: nothing of it hidden" "$(tm_screen)" "v: +"
tm send-keys -t zt v
check "80x24: v shows all 8" tm_wait "8. [info]"
tm send-keys -t zt q

# ---- 7: 200x60 uses the space: the verdict leaves no empty rows, the
# candidates fill what is left: 70 sleeping children of this run make
# sure there are enough of them, however quiet the machine ----
n=0
while [ $n -lt 70 ]; do
	sleep 300 &
	kids="$kids $!"
	n=$((n + 1))
done
tm_start 200 60 "$ZT_BIN -d 0.5"
check "200x60: comes up" tm_wait "OOM CANDIDATES"
sleep 1
scr=$(tm_screen)
gap=$(printf '%s\n' "$scr" | awk 'NR > 1 && /^ZONES/ { exit } NR > 1 && /^ *$/ { n++ } END { print n + 0 }')
check "200x60: no empty row between the header and ZONES ($gap)" test "$gap" -eq 0
nproc=$(printf '%s\n' "$scr" | sed -n 's/.*OOM CANDIDATES  \([0-9]*\) of.*/\1/p')
empty=$(printf '%s\n' "$scr" | grep -c '^ *$')
if [ "${nproc:-0}" -ge 60 ]; then
	check "200x60: $nproc processes fill the screen ($empty empty rows)" \
	    test "$empty" -le 1
else
	notok "200x60: the screen filled: only ${nproc:-0} processes listed"
fi
tm send-keys -t zt q
for k in $kids; do kill "$k" 2>/dev/null; done
wait 2>/dev/null
kids=""

# ---- 7: 64x16 shows every zone; help wraps at 80 columns ----
tm_start 64 16 "$ZT_BIN --proc-root $FIX/vm-6.18-x86_64-24g"
check "64x16: comes up" tm_wait "OOM CANDIDATES"
scr=$(tm_screen)
for z in "0 DMA " "0 DMA32 " "0 Normal "; do
	contains "64x16 shows zone '$z'" "$scr" "$z"
done
tm send-keys -t zt q
tm_start 64 16 "$ZT_BIN --proc-root $FIX/seed-vm-4.4"
check "64x16 seed: comes up" tm_wait "OOM CANDIDATES"
n=$(tm_screen | sed -n '2,6p' | grep -cE '^(GFP_KERNEL|node 0|97%|no Normal|swap 94|overcommit 2)')
check "64x16 seed: 4 verdict lines where one row holds 'no processes' ($n)" test "$n" -eq 4
# the help's title wraps instead of being cut at the edge
tm send-keys -t zt '?'
tm_wait "Keys" >/dev/null
n=$(tm_screen | sed -n '1,8p' | grep -c '^ *candidates *$')
check "64x16: the help's title wraps, its last word on a line of its own" test "$n" -eq 1
tm send-keys -t zt q q

tm_start 80 24 "$ZT_BIN --proc-root $FIX/seed-vm-4.4"
tm_wait "OOM CANDIDATES" >/dev/null
tm send-keys -t zt '?'
tm_wait "Keys" >/dev/null
all=""
i=0
while [ $i -lt 8 ]; do
	all="$all
$(tm_screen | sed -n '3,23p')"
	tm send-keys -t zt PgDn
	sleep 0.2
	i=$((i + 1))
done
flat=$(printf '%s\n' "$all" | sed 's/^ *//' | tr '\n' ' ' | tr -s ' ')
for t in "min + the lowmem reserve GFP_KERNEL meets here;" \
    "empty (no present pages, folded into one line)." \
    "Enter shows all orders." \
    "the dialog says how to make it outlast it."; do
	contains "80 columns: help text whole: '$t'" "$flat" "$t"
done
tm send-keys -t zt q q

# ---- 7: c and Enter: a whole command line ----
tail="END-OF-THE-COMMAND-LINE-$$"
"$py" -c 'import time; time.sleep(120)' "$(printf 'arg%.0s-' $(seq 60))$tail" &
lp=$!
kids="$kids $lp"
i=0	# until it has exec'd (slow on a loaded machine; python3 may be a
	# pyenv shim, a shell script with the same arguments, exec'ing late)
while ! { readlink "/proc/$lp/exe" | grep -q '/python[^/]*$' &&
    tr '\0' ' ' <"/proc/$lp/cmdline" | grep -q "$tail"; } 2>/dev/null &&
    [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ -r "/proc/$lp/cmdline" ] && tr '\0' ' ' <"/proc/$lp/cmdline" | grep -q "$tail"; then
	tm_start 80 24 "$ZT_BIN -d 0.5 -p $lp"
	check "-p: the long-command child is listed" tm_wait "$lp  "
	tm send-keys -t zt c
	# the row shows the command line now (its start is the interpreter's
	# path, whatever it is), cut at the edge
	i=0
	while ! tm_screen | grep -E "^.{4} *[0-9]+ +$lp " | grep -q '…$' &&
	    [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
	crow=$(tm_screen | grep -E "^.{4} *[0-9]+ +$lp " | head -1)
	case "$crow" in
	*"…") ok "c: cut at the edge, it ends in an ellipsis" ;;
	*) notok "c: cut at the edge, it ends in an ellipsis"; printf '# %s\n' "$crow" ;;
	esac
	tm send-keys -t zt Tab Tab Enter
	check "Enter opens the process" tm_wait "Process $lp"
	# the detail view wraps the command line at any character from
	# column 5 on, so the tail may straddle two lines (where depends on
	# the interpreter's path): look in the lines joined
	joined_has() { tm_screen | cut -c5- | tr -d '\n' | grep -q "$1"; }
	i=0
	while ! joined_has "$tail" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	check "its whole command line, wrapped, to the end" joined_has "$tail"
	tm send-keys -t zt q
else
	notok "a child with a long command line"
	skips 3 "the long command line's checks: no such child"
fi

# ---- 4: -p, -u, --cgroup on the live screen ----
# pid 1 (which the BPF task iterator of this VM's kernel never yields: it
# is read from /proc), this script's own shell and the child
tm_start 100 30 "$ZT_BIN -d 0.5 -p 1,$$,$lp"
check "-p PID,PID,PID: the count is of the matches" tm_wait "3 match -p 1,$$,$lp (of "
lacks "-p: no phantom rows" "$(tm_screen)" "reading..."
rows=$(tm_screen | sed -n '/PID.*USER.*OOM/,$p' | grep -cE '^.{4} *[0-9]+ +[0-9]+ ')
check "-p: exactly three rows ($rows)" test "$rows" -eq 3
if tm_screen | grep -qE '^.{4} *[0-9]+ +1 '; then
	ok "-p 1: init's row is there"
else
	notok "-p 1: init's row is there"
fi
contains "-p: the victim among them" "$(tm_screen)" "next victim among these $lp"
tm send-keys -t zt q

tm_start 100 30 "$ZT_BIN -d 0.5 -u nobody"
check "-u nobody: the count is of the matches" tm_wait "match -u nobody (of "
lacks "-u: no phantom rows" "$(tm_screen)" "reading..."
tm send-keys -t zt q
out=$("$ZT_BIN" -u nosuchuser-$$ 2>&1)
rc=$?
check "-u with an unknown user: exit 2 (got $rc)" test "$rc" -eq 2
check "-u with an unknown user: one line" test "$(printf '%s\n' "$out" | wc -l)" -eq 1
contains "-u with an unknown user: says so" "$out" "no such user"

mem=/sys/fs/cgroup/memory
if [ "$(id -u)" -eq 0 ] && [ -f "$mem/cgroup.procs" ] && mkdir "$mem/zt-fc-$$" 2>/dev/null; then
	cg=$mem/zt-fc-$$
	echo $((96 << 20)) >"$cg/memory.limit_in_bytes"
	sh -c 'echo $$ >"$1/cgroup.procs" && exec sleep 120' x "$cg" &
	cp=$!
	kids="$kids $cp"
	i=0
	while ! grep -qx "$cp" "$cg/cgroup.procs" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	tm_start 120 30 "$ZT_BIN -d 0.5 --cgroup /zt-fc-$$"
	check "--cgroup: one match" tm_wait "1 match --cgroup /zt-fc-$$ (of "
	scr=$(tm_screen)
	lacks "--cgroup: no phantom rows" "$scr" "reading..."
	contains "--cgroup: the cgroup's limit and usage" "$scr" "of 96.0M ("
	contains "--cgroup: its OOM events" "$scr" "oom_kill 0"
	contains "--cgroup: the memcg OOM victim" "$scr" "memcg OOM victim $cp"
	tm send-keys -t zt q
else
	skips 5 "--cgroup: needs root and the v1 memory controller"
fi

# ---- 6: the protect dialog and the choom line ----
if [ -n "$py" ]; then
	"$py" -c "import time; time.sleep(120)  # it's a \"test\" \$HOME" &
	pp=$!
	kids="$kids $pp"
	i=0	# until python runs: python3 may be a shell script (a pyenv shim,
	# whose comm is python3 too), so its executable tells
	while ! readlink "/proc/$pp/exe" 2>/dev/null | grep -q '/python[^/]*$' &&
	    [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	out=$("$ZT_BIN" --protect "$pp=600" 2>&1)
	line=$(printf '%s\n' "$out" | grep '^  choom -n 600 -- ' | sed 's/^  //')
	check "--protect prints a choom line" test -n "$line"
	# the line pasted into a shell gives the process's own arguments
	got=$(bash -c 'choom() { shift 3; printf "%s\0" "$@"; }; '"$line" | od -An -c)
	want=$(od -An -c "/proc/$pp/cmdline")
	check "the choom line, pasted into bash, gives back its argv" test "$got" = "$want"
	cap=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
	tm_start 100 30 "$ZT_BIN -d 0.5 -p $pp"
	check "the python child is listed" tm_wait "$pp  "
	tm send-keys -t zt Tab Tab Enter
	check "Enter opens its detail" tm_wait "Process $pp"
	tm send-keys -t zt p
	check "p in the detail view opens the dialog" tm_wait "Protect from the OOM killer"
	# -p: the rows are only the matches; the preview ranks among them
	check "-p: the preview says it ranks among the matches" \
	    tm_wait "among the matches of -p $pp only"
	contains "-p: its victim line is among the matches, not the machine's" \
	    "$(tm_screen)" "victim here    $pp "
	if [ $(( (0x$cap >> 24) & 1 )) -eq 0 ]; then
		check "no CAP_SYS_RESOURCE: said when it opens" \
		    tm_wait "Cannot be lowered to -1000 here"
	else
		skip "no CAP_SYS_RESOURCE: said when it opens: this process has it"
	fi
	tm send-keys -t zt Escape
	check "Esc goes back to the detail view" tm_wait_gone "Protect from the OOM killer"
	contains "the detail view again" "$(tm_screen)" "Process $pp"
	tm send-keys -t zt q
	# an 80-column box wraps the choom line: once written, it is printed
	# again whole when zonetop quits, and that pastes back into a shell
	tm_start 80 24 "$ZT_BIN -d 0.5 -p $pp"
	check "80x24: the python child is listed" tm_wait "$pp  "
	tm send-keys -t zt Tab Tab e
	check "e opens the edit dialog" tm_wait "Change oom_score_adj"
	check "the dialog says the line is printed again on quit" \
	    tm_wait "printed again whole when zonetop quits"
	tm send-keys -t zt 7 0 0 y
	check "700 written" tm_wait "pid $pp: oom_score_adj 600 -> 700"
	tm send-keys -t zt q
	check "q quits" tm_dead 10
	line=$(tm capture-pane -p -J -t zt | grep '^  choom -n 700 -- ' | sed 's/^  //')
	check "on quit the choom line is printed" test -n "$line"
	got=$(bash -c 'choom() { shift 3; printf "%s\0" "$@"; }; '"$line" | od -An -c)
	check "that line, pasted into bash, gives back its argv" test "$got" = "$want"
else
	skips 17 "protect: needs python3"
fi

# ---- 10: one interval range; the ASCII victim mark ----
tm_start 100 30 "$ZT_BIN -d 0.05"
check "-d 0.05 is accepted" tm_wait "every 0.05s"
tm send-keys -t zt d
check "d says the range" tm_wait "0.05 to 86400 seconds"
tm send-keys -t zt 0 . 1 Enter
check "d 0.1 sets it" tm_wait "every 0.1s"
tm send-keys -t zt -
check "- goes down to 0.05" tm_wait "every 0.05s"
tm send-keys -t zt q
out=$("$ZT_BIN" -d 0.04 2>&1)
contains "-d 0.04 is refused with the same range" "$out" "0.05 to 86400"
check "README says the same range for -d" grep -q 'interval, 0.05 to 86400' \
    "$(dirname "$0")/../../README.md"
# the victim's mark: the README's, the screen's (▶, > in ASCII)
check "README names the victim mark as the screen draws it" \
    grep -q 'is marked `▶` (`>` on an ASCII screen' "$(dirname "$0")/../../README.md"
for loc in C C.UTF-8; do
	mark='>'
	[ $loc = C.UTF-8 ] && mark='▶'
	tm_start 100 30 "env LANG=$loc LC_ALL=$loc $ZT_BIN -d 0.5"
	check "LANG=$loc: comes up" tm_wait "next victim"
	i=0
	while ! tm_screen | grep -qE "^$mark +1 +[0-9]+ " && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	row=$(tm_screen | grep -E "^[^ ] +1 +[0-9]+ " | head -1)
	case "$row" in
	"$mark"*) ok "LANG=$loc: the victim's row is marked '$mark'" ;;
	*) notok "LANG=$loc: the victim's row is marked '$mark'"; printf '# %s\n' "$row" ;;
	esac
	tm send-keys -t zt q
done
check_sanitizers
done_testing
