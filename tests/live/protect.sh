#!/bin/sh
# Live: zonetop --protect PID[=ADJ] on children of this test.  The value
# lands in /proc/PID/oom_score_adj and the output says so; bad syntax
# and out-of-range values exit 2 with a clear line; a pid that does not
# exist exits 1 with "process gone"; an unprivileged user cannot lower a
# value (and can raise its own).  Lowering to -1000 needs
# CAP_SYS_RESOURCE: where this root lacks it (a container), the refusal
# is what is checked.  (The pid-reuse case is tests/unit/
# test_protect_reuse.c, which needs a pid namespace.)
. "$(dirname "$0")/../lib.sh"
plan 44
tmp=$(mktemp -d)
kids=""
cleanup() {
	for k in $kids; do kill -9 "$k" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
zt() { timeout 20 "$ZT_BIN" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
zt_nobody() { timeout 20 setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$ZT_BIN" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
adj_of() { cat "/proc/$1/oom_score_adj"; }

sleep 120 & P=$!; kids="$kids $P"
a0=$(adj_of "$P")

# CAP_SYS_RESOURCE is bit 24 of the effective set
capeff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
cap=$(( (0x$capeff >> 24) & 1 ))

# the -1000 checks and the refusal checks are separate: the branch that
# cannot run here is skipped, check by check (9 lines either way)
zt --protect "$P"
if [ "$cap" -eq 1 ]; then
	check "--protect PID exits 0" [ "$rc" -eq 0 ]
	check "oom_score_adj is -1000" [ "$(adj_of "$P")" = -1000 ]
	contains "output says old -> new" "$(cat "$tmp/out")" "pid $P (sleep): oom_score_adj $a0 -> -1000"
	contains "lasting-protection advice" "$(cat "$tmp/out")" "lasts only as long as the process"
	zt --protect "$P=$a0"
	check "restoring the old value exits 0 and restores it" test "$rc" -eq 0 -a "$(adj_of "$P")" = "$a0"
	for w in "exits 1" "names CAP_SYS_RESOURCE" "is one line" "leaves the value unchanged"; do
		skip "refusal without CAP_SYS_RESOURCE $w: this root holds it"
	done
else
	for w in "--protect PID exits 0" "oom_score_adj is -1000" "output says old -> new" \
	    "lasting-protection advice" "restoring the old value"; do
		skip "$w: this root lacks CAP_SYS_RESOURCE"
	done
	check "--protect PID without CAP_SYS_RESOURCE exits 1" [ "$rc" -eq 1 ]
	contains "refusal names CAP_SYS_RESOURCE" "$(cat "$tmp/err")" "pid $P (sleep): not permitted: lowering oom_score_adj needs CAP_SYS_RESOURCE"
	check "refusal is one line" [ "$(wc -l <"$tmp/err")" -eq 1 ]
	check "value unchanged" [ "$(adj_of "$P")" = "$a0" ]
fi

zt --protect "$P=500"
check "--protect PID=500 exits 0" [ "$rc" -eq 0 ]
check "oom_score_adj is 500" [ "$(adj_of "$P")" = 500 ]
contains "output says old -> 500" "$(cat "$tmp/out")" "pid $P (sleep): oom_score_adj $a0 -> 500"
contains "choom or unit advice" "$(cat "$tmp/out")" "500"

# back down to where it started: never below the inherited minimum
zt --protect "$P=$a0"
check "lowering back to the original exits 0" [ "$rc" -eq 0 ]
check "value back to $a0" [ "$(adj_of "$P")" = "$a0" ]

for bad in "$P=1001" "$P=-1001"; do
	zt --protect "$bad"
	check "--protect $bad exits 2" [ "$rc" -eq 2 ]
	contains "--protect $bad: out of range" "$(cat "$tmp/err")" "value out of range (-1000..1000)"
done
for bad in "abc" "$P=" "0" "$P=5x" "=5" "-$P"; do
	zt --protect "$bad"
	check "--protect '$bad' exits 2" [ "$rc" -eq 2 ]
	check "--protect '$bad': one line on stderr" [ "$(wc -l <"$tmp/err")" -eq 1 ]
done
check "bad input changed nothing" [ "$(adj_of "$P")" = "$a0" ]

# pid_max itself is never handed out
gone=$(cat /proc/sys/kernel/pid_max)
zt --protect "$gone=500"
check "gone pid exits 1" [ "$rc" -eq 1 ]
contains "gone pid: process gone" "$(cat "$tmp/err")" "pid $gone: process gone"

zt --protect "$P" --proc-root "$ZT_FIXTURES/proc/vm-6.18-x86_64-24g"
check "a capture is refused with exit 2" [ "$rc" -eq 2 ]
contains "capture: says why" "$(cat "$tmp/err")" "running system only"

# unprivileged: a process of nobody's own, set to 100 by root first
if ! nobody "$ZT_BIN" --version >/dev/null 2>&1; then
	skips 8 "unprivileged checks: nobody cannot run $ZT_BIN"
else
	# setpriv itself, not a function: $! must be the process that execs
	setpriv --reuid=nobody --regid=nogroup --clear-groups sleep 120 &
	N=$!; kids="$kids $N"
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ "$(stat -c %U "/proc/$N" 2>/dev/null)" = nobody ] && break
		sleep 0.1
	done
	echo 100 >"/proc/$N/oom_score_adj"
	zt_nobody --protect "$N=-500"
	check "unprivileged lowering exits 1" [ "$rc" -eq 1 ]
	contains "unprivileged lowering: clear message" "$(cat "$tmp/err")" \
	    "not permitted: lowering oom_score_adj needs CAP_SYS_RESOURCE (run as root or with sudo)"
	check "unprivileged lowering changed nothing" [ "$(adj_of "$N")" = 100 ]
	zt_nobody --protect "$N=300"
	check "unprivileged raising of its own process exits 0" [ "$rc" -eq 0 ]
	check "raised to 300" [ "$(adj_of "$N")" = 300 ]
	zt_nobody --protect "$P=600"
	check "another user's process exits 1" [ "$rc" -eq 1 ]
	contains "another user's process: not permitted" "$(cat "$tmp/err")" "not permitted: the process belongs to another user"
	check "another user's process unchanged" [ "$(adj_of "$P")" = "$a0" ]
fi
done_testing
