#!/bin/sh
# E2E: a real OOM kill seen by the live monitor.  As tests/live/oomkill.sh
# does: a v1 memory cgroup of 64 MiB without swap, a python3 child in it
# touching 200 MiB, 8 MiB at a time, which the kernel kills; meanwhile
# the monitor runs in tmux sampling every 0.3 s.  The banner must name
# the kill from the kernel's report, E must list it, and Enter there
# must show its explanation (a memcg OOM in the test's cgroup).
# Bounded: the child cannot pass 64 MiB and gets 20 s to die; the
# cgroup is removed on every path.
. "$(dirname "$0")/../lib.sh"

mem=/sys/fs/cgroup/memory
cg=$mem/zt-e2e-oom-$$
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
if [ "$(id -u)" -ne 0 ] || [ ! -f "$mem/cgroup.procs" ] || [ -z "$py" ] ||
    ! command -v tmux >/dev/null 2>&1; then
	skip_all "needs root, the v1 memory controller, python3 and tmux"
fi
. "$(dirname "$0")/tmux.inc"
plan 24

child=
oom_cleanup() {
	[ -n "$child" ] && kill -9 "$child" 2>/dev/null
	if [ -d "$cg" ]; then
		while read -r p; do echo "$p" >"$mem/cgroup.procs"; done \
		    <"$cg/cgroup.procs" 2>/dev/null
		i=0
		while ! rmdir "$cg" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	fi
	e2e_cleanup
}
trap oom_cleanup EXIT

mkdir "$cg" && echo 64M >"$cg/memory.limit_in_bytes"
check "64 MiB memory cgroup made" \
    [ "$(cat "$cg/memory.limit_in_bytes")" -eq 67108864 ]
[ -f "$cg/memory.memsw.limit_in_bytes" ] &&
    echo 64M >"$cg/memory.memsw.limit_in_bytes"

tm_start 132 43 "$ZT_BIN -d 0.3"
check "the screen comes up" tm_wait "OOM CANDIDATES"
# a few samples, so the kernel log is being read
sleep 1

# the shell joins the cgroup, then becomes python: the child's pid stays
sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2" -c "
import time
chunks = []
for i in range(25):
    chunks.append(b\"x\" * (8 << 20))
    time.sleep(0.1)
time.sleep(30)
"' oomchild "$cg" "$py" &
child=$!
i=0
while kill -0 "$child" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
alive=$(kill -0 "$child" 2>/dev/null && echo yes)
check "the child was killed within 20 s" [ -z "$alive" ]
wait "$child"
victim=$child
child=

check "the banner names the kill" tm_wait "OOM kill of python3 (pid $victim)" 15
banner=$(tm_screen | grep -F "OOM kill of python3 (pid $victim)" | head -1)
# a cgroup at its limit: its own banner, not the machine-wide red one
case "$banner" in
"memcg OOM kill "*) ok "on the banner line, as a memcg OOM kill" ;;
*) notok "on the banner line, as a memcg OOM kill"; printf '# %s\n' "$banner" ;;
esac
contains "the banner names the cgroup and its limit" "$banner" \
    "in /zt-e2e-oom-$$ (its limit 64.0M)"
lacks "no machine-wide OOM KILL banner" "$(tm_screen)" "OOM KILL"
check "the verdict says it is the cgroup's limit" \
    tm_wait "memcg OOM kill" 5
tm_screen | sed -n 2,4p | grep -F "memcg OOM kill" | sed 's/^/# verdict: /'
lacks "no machine-wide count of OOM kills" "$(tm_screen | sed -n 2,4p)" "OOM kills since"
contains "the banner points at the events view" "$(tm_screen)" \
    "E lists, Enter explains"

tm send-keys -t zt E
check "E opens the events view" tm_wait "KIND          WHAT"
contains "the kill is listed" "$(tm_screen)" "OOM kill of python3 (pid $victim)"
contains "with its victim and cgroup" "$(tm_screen)" \
    "victim python3 (pid $victim)"
# select it: the events before it in the list (newest first), from the
# list's first row (screen row 5); an event's first line starts with
# its time
ev=$(tm_screen | sed -n '5,$p' | awk -v pat="(pid $victim)" '
	/^  [0-9][0-9]:[0-9][0-9]:[0-9][0-9]  / {
		if (index($0, pat) && index($0, "OOM kill")) { print n + 0; exit }
		n++
	}')
if [ -n "$ev" ]; then
	ok "found in the list (event $ev)"
else
	notok "found in the list"
	tm_screen | sed 's/^/# /'
fi
k=0
while [ $k -lt "${ev:-0}" ]; do tm send-keys -t zt Down; k=$((k + 1)); done
tm send-keys -t zt Enter
check "Enter opens the explanation" tm_wait "Event " 5
scr=$(tm_screen)
contains "of this kill" "$scr" "OOM kill of python3 (pid $victim)"
contains "explained: a memcg OOM" "$scr" "memcg"
contains "in the test's cgroup" "$scr" "/zt-e2e-oom-$$"
tm send-keys -t zt End
check "it scrolls to the verdict" tm_wait "verdict" 5
tm send-keys -t zt Escape
check "Esc goes back to the events" tm_wait "KIND          WHAT"
tm send-keys -t zt Escape
check "Esc again: the main screen" tm_wait "OOM CANDIDATES"
tm send-keys -t zt q
check "q quits" tm_dead 20
check "exit status 0" test "$(tm_status)" = 0
check_sanitizers
done_testing
