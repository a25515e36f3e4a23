#!/bin/sh
# Live: the BPF task iterator against /proc.  Children of known sizes
# and oom_score_adj (sizes far enough apart that oom_score's rounding
# (1.5 steps of totalpages/1000 on 5.9+) cannot tie them, so both paths
# must agree); `-b --format json -p THEM` through BPF and with
# --no-bpf must give the same order and, where /proc has every figure,
# the same points; -p 1 lists pid 1 on both.  Then the fallbacks:
# --no-bpf, a load the verifier refuses (ZT_BPF_TEST=verifier),
# libbpf.so.1 missing (hidden in a private mount namespace), root
# without capabilities and the
# user nobody each read /proc, say why, and still rank the children.
# The load made in zonetop itself (ZT_BPF_INPROCESS) ranks the same, as
# does the plain object where the one reading the task through
# bpf_rdonly_cast() is loaded first (ZT_BPF_TEST=nocast loads the other), and
# a running recorder keeps no loader child (it is reaped at the first read).
# libbpf relocates both objects against the reduced copy of the kernel
# BTF exactly as against the whole of it (ZT_BPF_FULLBTF=1).
# With the v1 memory controller, the 40 MiB child sits in a memory
# cgroup with a limit (named with $$): both paths must rank that scope
# (cgroups[], cgroup_rank) the same way.  Every child is killed and the
# cgroup removed on exit.
. "$(dirname "$0")/../lib.sh"
plan 41
tmp=$(mktemp -d)
# the points compared with /proc's are the sums: no verdict kept by an
# earlier run of this boot (/run/zonetop/counts) makes the BPF path read
# the central values (tests/live/bpf_counts.sh checks that)
ZT_STATE_DIR=$tmp/state
export ZT_STATE_DIR
kids=""
mem=/sys/fs/cgroup/memory
cg=
cleanup() {
	for k in $kids; do kill -9 "$k" 2>/dev/null; done
	wait 2>/dev/null
	if [ -n "$cg" ] && [ -d "$cg" ]; then
		i=0
		while ! rmdir "$cg" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# a child holding $1 MiB of touched anonymous memory at adj $2
hog() {
	python3 -c '
import os, sys, time
open("/proc/self/oom_score_adj", "w").write(sys.argv[2])
b = bytearray(int(sys.argv[1]) << 20)
for i in range(0, len(b), 4096):
    b[i] = 1
open(sys.argv[3], "w").write("up")
time.sleep(120)' "$1" "$2" "$tmp/up.$1.$2" &
	kids="$kids $!"
	last=$!
}
hog 40 0; p40=$last
hog 120 0; p120=$last
hog 240 0; p240=$last
hog 10 300; p10=$last
i=0
while [ $i -lt 100 ] && [ "$(ls "$tmp"/up.* 2>/dev/null | wc -l)" -lt 4 ]; do
	sleep 0.1; i=$((i + 1))
done
check "the children are up" [ "$(ls "$tmp"/up.* 2>/dev/null | wc -l)" -eq 4 ]
pids="$p40,$p120,$p240,$p10"
# a limited memory cgroup holding the 40 MiB child
if [ "$(id -u)" -eq 0 ] && [ -f "$mem/cgroup.procs" ] &&
    mkdir "$mem/zt-bpf-$$" 2>/dev/null; then
	cg=$mem/zt-bpf-$$
	echo 256M >"$cg/memory.limit_in_bytes"
	echo "$p40" >"$cg/cgroup.procs" || cg_fail=1
fi

# source, reason, then "pid points" per row in rank order
summary() {
	python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).readline())
print(d["source"], "|", d["unavailable"].get("bpf", ""))
for p in d["processes"]:
    print(p["pid"], p["points"], p["oom_score"])' "$1"
}

"$ZT_BIN" -b --format json -p "$pids" >"$tmp/bpf.json" 2>"$tmp/err"
check "batch json exits 0" [ $? -eq 0 ]
"$ZT_BIN" -b --format json -p "$pids" --no-bpf >"$tmp/proc.json" 2>>"$tmp/err"
check "--no-bpf exits 0" [ $? -eq 0 ]
summary "$tmp/bpf.json" >"$tmp/bpf.txt"
summary "$tmp/proc.json" >"$tmp/proc.txt"
src=$(head -1 "$tmp/bpf.txt")

# where this build has BPF, root has its capabilities and the kernel
# its BTF, the iterator must be what ran
if "$ZT_BIN" --help | grep -q 'built without BPF' ||
    [ ! -r /sys/kernel/btf/vmlinux ] || [ "$(id -u)" -ne 0 ]; then
	skips 16 "BPF path: $src"
else
	contains "the BPF path is used here" "$src" "bpf |"
	# the same order, and the same points wherever /proc gave figures
	order_b=$(sed 1d "$tmp/bpf.txt" | awk '{print $1}' | tr '\n' ' ')
	order_p=$(sed 1d "$tmp/proc.txt" | awk '{print $1}' | tr '\n' ' ')
	check "same order through BPF and /proc ($order_b / $order_p)" \
	    [ "$order_b" = "$order_p" ]
	check "the adj-300 child first, then 240, 120, 40 MiB" \
	    [ "$order_b" = "$p10 $p240 $p120 $p40 " ]
	pts_b=$(sed 1d "$tmp/bpf.txt" | awk '{print $2}' | tr '\n' ' ')
	pts_p=$(sed 1d "$tmp/proc.txt" | awk '{print $2}' | tr '\n' ' ')
	check "same points ($pts_b / $pts_p)" [ "$pts_b" = "$pts_p" ]
	sc_b=$(sed 1d "$tmp/bpf.txt" | awk '{print $3}' | tr '\n' ' ')
	sc_p=$(sed 1d "$tmp/proc.txt" | awk '{print $3}' | tr '\n' ' ')
	check "oom_score computed from the counters equals the kernel's ($sc_b / $sc_p)" \
	    [ "$sc_b" = "$sc_p" ]
	# 120 MiB of anon pages and more, in pages of 4 KiB
	p120pts=$(sed 1d "$tmp/bpf.txt" | awk -v p="$p120" '$1 == p {print $2}')
	check "points hold the 120 MiB ($p120pts pages)" [ "${p120pts:-0}" -ge 30720 ]
	# pid 1: the task iterator of some kernels (6.18) never yields it;
	# both paths list it all the same, unkillable, and count it
	one() {
		"$ZT_BIN" -b --format json -p 1 "$@" | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
print(d["source"], d["processes_total"] > 0,
      " ".join("%d:%s" % (p["pid"], p["killable"]) for p in d["processes"]))'
	}
	one_b=$(one)
	one_p=$(one --no-bpf)
	check "-p 1 through BPF lists pid 1 ($one_b)" [ "${one_b#bpf True }" = "1:False" ]
	check "as --no-bpf does ($one_p)" [ "${one_p#procfs True }" = "1:False" ]
	"$ZT_BIN" -b --top 3 >"$tmp/bpf.txt2" 2>>"$tmp/err"
	contains "batch text says BPF" "$(cat "$tmp/bpf.txt2")" \
	    "Read through the BPF task iterator"
	"$ZT_BIN" --help >"$tmp/help" 2>>"$tmp/err"
	contains "--help says BPF is in use here" "$(cat "$tmp/help")" \
	    "Here now: processes through the BPF task iterator"
	# the load is made in a child process; where none can be made it
	# is made in zonetop itself, to the same records
	ZT_BPF_INPROCESS=1 "$ZT_BIN" -b --format json -p "$pids" \
	    >"$tmp/inproc.json" 2>>"$tmp/err"
	summary "$tmp/inproc.json" >"$tmp/inproc.txt"
	order_i=$(sed 1d "$tmp/inproc.txt" | awk '{print $1}' | tr '\n' ' ')
	same=false
	case $(head -1 "$tmp/inproc.txt") in
	"bpf |"*) [ "$order_i" = "$order_b" ] && same=true ;;
	esac
	check "loaded in-process: BPF, the same order ($(head -1 "$tmp/inproc.txt"), $order_i)" $same
	# the two objects (tasks.bpf.c with and without -DZT_CAST) read the
	# same records
	ZT_BPF_TEST=nocast "$ZT_BIN" -b --format json -p "$pids" \
	    >"$tmp/nocast.json" 2>>"$tmp/err"
	summary "$tmp/nocast.json" >"$tmp/nocast.txt"
	same=false
	case $(head -1 "$tmp/nocast.txt") in
	"bpf |"*) [ "$(sed 1d "$tmp/nocast.txt" | awk '{print $1, $2}')" = \
	    "$(sed 1d "$tmp/bpf.txt" | awk '{print $1, $2}')" ] && same=true ;;
	esac
	check "the plain object: BPF, the same order and points ($(sed 1d "$tmp/nocast.txt" | awk '{print $1 ":" $2}' | tr '\n' ' '))" $same
	# CO-RE against the reduced copy of the kernel BTF (btf_min.c) and
	# against the whole of it (ZT_BPF_FULLBTF=1): libbpf patches
	# every instruction the same way (its log, type ids aside), for
	# both objects; the copy is used, not refused
	for obj in cast nocast; do
		t=; [ $obj = nocast ] && t=nocast
		for b in min full; do
			f=; [ $b = full ] && f=1
			env ${t:+ZT_BPF_TEST=$t} ${f:+ZT_BPF_FULLBTF=1} ZT_BPF_DEBUG=1 \
			    "$ZT_BIN" -b -n 1 --top 1 >/dev/null 2>"$tmp/log.$b"
			grep -E "relo #|patched|whole kernel BTF" "$tmp/log.$b" |
			    grep -v "candidate" | sed 's/\[[0-9]*\]/[]/g' >"$tmp/relo.$b"
		done
		n=$(grep -c patched "$tmp/relo.min")
		same=false
		[ "$n" -gt 20 ] && cmp -s "$tmp/relo.min" "$tmp/relo.full" &&
		    ! grep -q "whole kernel BTF" "$tmp/log.min" && same=true
		check "$obj object: the reduced BTF relocates as the whole one ($n patched)" $same
	done
	# a running monitor leaves no loader behind: after its first samples
	# it has no child process at all (a zombie would be one)
	"$ZT_BIN" record "$tmp/rec.ztr" -d 0.3 -n 20 --no-mlock --no-oom-adj \
	    2>"$tmp/rec.err" &
	rp=$!
	kids="$kids $rp"
	i=0
	while [ $i -lt 50 ] && [ ! -s "$tmp/rec.ztr" ]; do
		sleep 0.1; i=$((i + 1))
	done
	sleep 0.5
	ch=$(cat /proc/"$rp"/task/*/children 2>/dev/null | tr -s ' \n' ' ')
	none=false
	[ -s "$tmp/rec.ztr" ] && [ -z "$(echo "$ch" | tr -d ' ')" ] && none=true
	check "the recorder, sampling, has no child left (${ch:-none})" $none
	kill "$rp" 2>/dev/null
	wait "$rp" 2>/dev/null
	# every limited memory cgroup ranked on both paths, ours the same
	if [ -n "$cg" ]; then
		q='[.cgroups[] | select(.path == "/zt-bpf-'$$'") |
		    {path, version, limit_kb, totalpages, predicted_victim}]'
		scope_b=$(jq -c "$q" "$tmp/bpf.json")
		scope_p=$(jq -c "$q" "$tmp/proc.json")
		nb=$(jq '.cgroups | length' "$tmp/bpf.json")
		np=$(jq '.cgroups | length' "$tmp/proc.json")
		v_b=$(echo "$scope_b" | jq -r '.[0].predicted_victim // 0')
		both=false
		[ "$nb" -gt 0 ] && [ "$np" -gt 0 ] && both=true
		check "cgroups[] filled on both paths ($nb / $np)" $both
		same=false
		[ "$scope_b" != "[]" ] && [ "$scope_b" = "$scope_p" ] &&
		    [ "$v_b" = "$p40" ] && same=true
		check "the limited cgroup the same on both paths, its victim the child ($scope_b / $scope_p)" $same
		q='.processes[] | select(.pid == '$p40') | "\(.cgroup_rank) \(.cgroup_points)"'
		rank_b=$(jq -r "$q" "$tmp/bpf.json")
		rank_p=$(jq -r "$q" "$tmp/proc.json")
		same=false
		[ "${rank_b%% *}" = 1 ] && [ "$rank_b" = "$rank_p" ] && same=true
		check "the child's rank in its cgroup the same ($rank_b / $rank_p)" $same
	else
		skips 3 "no v1 memory cgroup could be made here"
	fi
fi

# the fallbacks: /proc, the reason, the children still ranked
fallback() {	# what file
	s=$(head -1 "$2")
	contains "$1: read /proc" "$s" "procfs |"
	check "$1: ranks the children ($(sed 1d "$2" | awk '{print $1}' | tr '\n' ' '))" \
	    [ "$(sed 1d "$2" | awk '{print $1}' | tr '\n' ' ')" = "$p10 $p240 $p120 $p40 " ]
}
fallback "--no-bpf" "$tmp/proc.txt"
contains "--no-bpf is the reason" "$(head -1 "$tmp/proc.txt")" "| --no-bpf"

ZT_BPF_TEST=verifier "$ZT_BIN" -b --format json -p "$pids" >"$tmp/ver.json" 2>>"$tmp/err"
check "a refused load exits 0" [ $? -eq 0 ]
summary "$tmp/ver.json" >"$tmp/ver.txt"
fallback "refused load" "$tmp/ver.txt"
if ! "$ZT_BIN" --help | grep -q 'built without BPF'; then
	contains "the verifier's complaint is the reason" "$(head -1 "$tmp/ver.txt")" \
	    "verifier:"
else
	skip "built without BPF: no verifier"
fi

# libbpf missing at run time (it is loaded with dlopen by the loader):
# in a private mount namespace the library is a bind mount of /dev/null
lib=$(readlink -f /lib/x86_64-linux-gnu/libbpf.so.1 2>/dev/null)
if "$ZT_BIN" --help | grep -q 'built without BPF'; then
	skips 4 "built without BPF: libbpf is never loaded"
elif [ -z "$lib" ] || [ ! -f "$lib" ] || ! unshare -m true 2>/dev/null; then
	skips 4 "no libbpf.so.1 here, or no unshare -m to hide it"
else
	unshare -m sh -c 'mount --bind /dev/null "$1" && exec "$2" -b --format json -p "$3"' \
	    sh "$lib" "$ZT_BIN" "$pids" >"$tmp/nolib.json" 2>>"$tmp/err"
	check "without libbpf exits 0" [ $? -eq 0 ]
	summary "$tmp/nolib.json" >"$tmp/nolib.txt"
	fallback "no libbpf" "$tmp/nolib.txt"
	contains "no libbpf: the reason" "$(head -1 "$tmp/nolib.txt")" "needs libbpf"
fi

# root without CAP_BPF, CAP_PERFMON or CAP_SYS_ADMIN; a build without
# BPF gives its own reason first
why="needs root"
"$ZT_BIN" --help | grep -q 'built without BPF' && why="built without BPF"
if [ "$(id -u)" -eq 0 ]; then
	setpriv --inh-caps=-all --bounding-set=-all "$ZT_BIN" -b --format json \
	    -p "$pids" >"$tmp/nocap.json" 2>>"$tmp/err"
	check "root without capabilities exits 0" [ $? -eq 0 ]
	summary "$tmp/nocap.json" >"$tmp/nocap.txt"
	fallback "no capabilities" "$tmp/nocap.txt"
	contains "no capabilities: the reason" "$(head -1 "$tmp/nocap.txt")" "$why"
	# an unprivileged user: other users' details may be hidden, but the
	# run must fall back and say why
	chmod 755 "$tmp"
	setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
	    "$ZT_BIN" -b --format json >"$tmp/nobody.json" 2>>"$tmp/err"
	check "nobody exits 0" [ $? -eq 0 ]
	summary "$tmp/nobody.json" >"$tmp/nobody.txt"
	contains "nobody: read /proc" "$(head -1 "$tmp/nobody.txt")" "procfs |"
	contains "nobody: the reason" "$(head -1 "$tmp/nobody.txt")" "$why"
	setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
	    "$ZT_BIN" -b --top 3 >"$tmp/nobody.txt2" 2>>"$tmp/err"
	contains "nobody: batch text says why" "$(cat "$tmp/nobody.txt2")" \
	    "Read from /proc (BPF: $why"
else
	skips 8 "not root: no unprivileged run to compare"
fi
check "nothing on standard error ($(head -c 300 "$tmp/err"))" [ ! -s "$tmp/err" ]
done_testing
