#!/bin/sh
# Live: real OOM kills decide whether zonetop names the kernel's victim.
# Small v1 memory cgroups (each at most 64 MiB, under one parent named
# with $$) hold hogs (tests/live/oomhog.c) in mixes where the rounded
# /proc/PID/oom_score and the kernel's exact points disagree: adj-0
# tasks of different sizes (the larger started first, and last), adj
# weighed by the cgroup's limit, several tasks of one size, a nested
# cgroup killed by its parent's limit, tasks whose pages are shared
# memory (a memfd) or a file's (mapped shared), a leader whose main
# thread left tied with its CLONE_VM child, and tasks with pages in
# swap (a 64 MiB swap file, swapped off and removed afterwards).  For each
# mix zonetop -b --format json --cgroup predicts; then a last hog grows
# past the limit and the kernel kills.  The pid that died must be the
# prediction, and a zonetop monitor running alongside the whole time
# (batch JSON, every cgroup ranked, the kernel log read) must record the
# kill with victim_predicted true in the cgroup's scope.  Prints the
# kills as N/N.  All of it twice: on the default path (the BPF task
# iterator where it loads) and with --no-bpf (/proc), each zonetop run
# given $ZT_EXTRA_ARGS too.  Bounded: 64 MiB per cgroup, 10 s per kill,
# the monitor 180 s per path; everything is removed on every path (trap).
. "$(dirname "$0")/../lib.sh"

mem=/sys/fs/cgroup/memory
if [ "$(id -u)" -ne 0 ] || [ ! -f "$mem/cgroup.procs" ] ||
    ! command -v cc >/dev/null || ! command -v jq >/dev/null; then
	skip_all "needs root, the v1 memory controller, cc and jq"
fi
# per path: the monitor samples, reads by that path, 28 mixes, the
# monitor's record, the count
plan $((1 + 2 * 32))

tmp=$(mktemp -d)
base=
. "$(dirname "$0")/oomhog.inc"

hog=$tmp/oomhog
build_hog
check "the hog builds" [ -x "$hog" ]

# mix NAME LIMIT_MIB MEMSW_MIB SCOPE "ADJ MIB [PAGEOUT]"...: make the
# cgroup $base/NAME (SCOPE: the cgroup whose limit is hit, relative to
# $base; the hogs go in NAME), start the hogs in order, predict, make the
# kernel choose, compare
mix() {
	name=$1 lim=$2 memsw=$3 scope=$4
	shift 4
	cgs=$mem/$base/$scope
	cg=$mem/$base/$name
	mkdir -p "$cg"
	echo "${lim}M" >"$cgs/memory.limit_in_bytes"
	[ -f "$cgs/memory.memsw.limit_in_bytes" ] &&
	    echo "${memsw}M" >"$cgs/memory.memsw.limit_in_bytes"
	mine= kin= alias=
	for spec in "$@"; do
		# shellcheck disable=SC2086
		start "$cg" $spec
		mine="$mine $last"
		kin="$kin $kids"
		# x (the main thread leaves): the kernel names the thread it
		# found the mm in
		case $spec in *x)
			for t in /proc/$last/task/*; do
				[ "${t##*/}" = "$last" ] ||
				    alias="$alias ${t##*/}=$last"
			done ;;
		esac
	done
	squeeze "$cgs"
	# the monitor sees the mix at least twice before the kill
	sleep 0.6
	# shellcheck disable=SC2086
	"$ZT_BIN" $args -b -n 1 --format json --cgroup "/$base/$scope" \
	    >"$tmp/pred.json" 2>>"$tmp/pred.err"
	pred=$(jq -r '.cgroup.predicted_victim // 0' "$tmp/pred.json")
	own=$(jq -r --arg p "/$base/$scope" \
	    '[.cgroups[] | select(.path == $p) | .predicted_victim][0] // 0' \
	    "$tmp/pred.json")
	# say when the top two tie on points (the kernel's scan order decides)
	jq -r --arg n "$name" '[.processes[] | select(.cgroup_rank == 1 or
	    .cgroup_rank == 2)] | sort_by(.cgroup_rank) |
	    select(length == 2 and .[0].cgroup_points == .[1].cgroup_points) |
	    "# \($n): pids \(.[0].pid) and \(.[1].pid) tie at \(.[0].cgroup_points) points"' \
	    "$tmp/pred.json" 2>/dev/null
	# the trigger: grows past the limit
	room=5
	start "$cg" 0 0 0 "$room"
	trig=$last
	i=0 dead=
	while [ -z "$dead" ] && [ $i -lt 200 ]; do
		for p in $extra $mine $trig; do
			gone "$p" && dead="$dead $p"
		done
		[ -n "$dead" ] || sleep 0.05
		i=$((i + 1))
	done
	# the kernel's word: its first "Killed process" line for one of
	# them (a victim slow to exit can make it kill a second one)
	first=$(killed_of $extra $mine $kin $trig \
	    $(echo "$alias" | sed 's/=[0-9]*//g'))
	for a in $alias; do [ "${a%%=*}" = "$first" ] && first=${a##*=}; done
	[ -z "$first" ] || dead=$first
	dead=$(echo $dead)
	kills=$((kills + 1))
	if [ -n "$dead" ] && [ "$dead" = "$pred" ] && [ "$pred" = "$own" ]; then
		right=$((right + 1))
		ok "$path: $name: the kernel killed pid $dead, the predicted victim"
	else
		notok "$path: $name: killed '$dead', predicted $pred (cgroups[] $own)"
		jq -c '.processes[] | select(.cgroup_rank != null) |
		    {pid, oom_score, oom_score_adj, points, cgroup_points,
		    cgroup_rank, rss_kb, swap_kb, pgtables_kb}' "$tmp/pred.json" |
		    sed 's/^/# /'
	fi
	echo "$dead /$base/$scope" >>"$tmp/kills"
	for p in $mine $kin $trig; do kill -9 "$p" 2>/dev/null; done
	for p in $mine $kin $trig; do wait "$p" 2>/dev/null; done
}

# run PATH ARGS: every mix with zonetop given ARGS ($ZT_EXTRA_ARGS too)
run() {
	path=$1 args="$ZT_EXTRA_ARGS $2"
	base=zt-exact-$$-$path
	bases="$bases $base"
	mkdir "$mem/$base"
	kills=0 right=0 extra=
	: >"$tmp/kills"
	# the monitor: every cgroup ranked each 0.25 s, the kernel log read
	: >"$tmp/mon.json"
	# shellcheck disable=SC2086
	"$ZT_BIN" $args -b -d 0.25 -n 720 --format json >"$tmp/mon.json" \
	    2>"$tmp/mon.err" &
	mon=$!
	i=0
	while [ ! -s "$tmp/mon.json" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "$path: the monitor samples" [ -s "$tmp/mon.json" ]
	src=$(head -n 1 "$tmp/mon.json" | jq -r '.source')
	why=$(head -n 1 "$tmp/mon.json" | jq -r '.unavailable.bpf // ""')
	if [ "$path" = procfs ]; then
		check "$path: read through /proc ($why)" [ "$src" = procfs ]
	else
		# where BPF cannot load, the default path is /proc and says why
		read_ok=false
		{ [ "$src" = bpf ] || [ -n "$why" ]; } && read_ok=true
		check "$path: read through $src${why:+ ($why)}" $read_ok
	fi
	# adj 0, sizes 24 MiB apart at most: one rounded score (one step of it is
	# 24 MiB here); the larger first, then the larger last
	mix big-first 64 64 big-first "0 14" "0 10"
	mix big-last 64 64 big-last "0 10" "0 14"
	mix big-mid 64 64 big-mid "0 6" "0 13" "0 9"
	mix three-last 64 64 three-last "0 4" "0 8" "0 12"
	mix two-mib 64 64 two-mib "0 20" "0 22"
	# adj weighed by the limit (the issue's case): 40 MiB at adj 0 beats
	# 2 MiB at adj 100 in 64 MiB, though its global score is lower
	mix adj-limit 64 64 adj-limit "0 40" "100 2"
	mix adj-limit-rev 64 64 adj-limit-rev "100 2" "0 40"
	mix adj-wins 64 64 adj-wins "0 20" "300 4"
	mix adj-small 32 32 adj-small "0 12" "500 1"
	mix adj-both 64 64 adj-both "200 8" "100 14" "0 16"
	mix four-mixed 64 64 four-mixed "0 3" "0 15" "0 7" "0 11"
	# adj 100 shows 733 against 666 machine-wide, but the cgroup's small
	# limit gives it few points a unit
	mix adj-small2 64 64 adj-small2 "100 4" "0 10"
	mix adj-300-big 64 64 adj-300-big "300 6" "0 16"
	# several tasks of one size: equal points, the last scanned goes (5.2+)
	mix same3 64 64 same3 "0 8" "0 8" "0 8"
	mix same4 64 64 same4 "0 6" "0 6" "0 6" "0 6"
	mix same-adj 64 64 same-adj "50 5" "50 5"
	mix same2 64 64 same2 "0 9" "0 9"
	# a leader whose main thread left (its thread holds the mm) and its
	# child by clone(CLONE_VM), one mm, tie: a memcg scan (5.3+) meets
	# the leader last (cgroup_exit() put it on its css_set's
	# dying_tasks), though it started first (referee seed 20261209 mix
	# 116)
	mix dying-leader 64 64 dying-leader "0 5" "0 12 0 0 t1c1x"
	# nested: the parent's limit is hit; the kernel ranks its whole subtree
	# with the parent's limit
	mkdir -p "$mem/$base/nest1/child"
	mix nest1/child 48 48 nest1 "0 10" "100 6"
	# the parent's own task is the biggest of its subtree
	mkdir -p "$mem/$base/nest2/child"
	start "$mem/$base/nest2" 0 12
	extra=$last
	mix nest2/child 64 64 nest2 "0 8" "0 10"
	kill -9 "$extra" 2>/dev/null
	extra=
	mkdir -p "$mem/$base/nest3/a/b"
	mix nest3/a/b 40 40 nest3 "0 6" "200 2"

	# get_mm_rss() is anonymous + file + shared memory pages: a memfd's
	# pages (14s) and a file's mapped shared (10f) weigh as much as
	# anonymous ones; counted as anonymous only, the other hog would win
	mix shmem 64 64 shmem "0 10" "0 14s"
	mix file 64 64 file "0 10f" "0 7" "0 8s"
	mix shmem-adj 64 64 shmem-adj "100 4" "0 12s"

	# pages in swap count as much as resident ones
	swapfile=/var/tmp/zt-exact-$$.swap
	if dd if=/dev/zero of="$swapfile" bs=1M count=64 2>/dev/null &&
	    chmod 600 "$swapfile" && mkswap "$swapfile" >/dev/null 2>&1 &&
	    swapon "$swapfile" 2>/dev/null; then
		# 24 MiB with 16 in swap beats 20 MiB resident
		mix swap1 32 48 swap1 "0 24 16" "0 20"
		mix swap2 32 48 swap2 "0 20" "0 24 16"
		mix swap3 40 56 swap3 "0 10 8" "0 6" "0 14 12"
		# swap allowance in totalpages: adj weighs (limit + swap)/1000
		mix swap-adj 32 48 swap-adj "0 18 10" "100 4"
		swapoff "$swapfile" && rm -f "$swapfile" && swapfile=
	else
		skips 4 "$path: no swap file could be made here"
		rm -f "$swapfile"
		swapfile=
	fi

	# the monitor alongside: each kill, from the kernel's report, in the
	# cgroup's scope, predicted
	# (the report of the last kill reaches it a sample or two later)
	i=0
	while [ $i -lt 50 ] && ! tail -n 1 "$tmp/mon.json" | jq -e --argjson p \
	    "$(tail -n 1 "$tmp/kills" | cut -d' ' -f1)" \
	    '[.events[] | select(.victim_pid == $p)] | length > 0' >/dev/null 2>&1; do
		sleep 0.1
		i=$((i + 1))
	done
	kill "$mon" 2>/dev/null
	wait "$mon" 2>/dev/null
	mon=
	tail -n 1 "$tmp/mon.json" >"$tmp/last.json"
	seen=0
	while read -r pid scope; do
		[ -n "$pid" ] || continue
		got=$(jq -r --argjson p "$pid" --arg s "$scope" '[.events[] |
		    select(.kind == "oom_kill" and .victim_pid == $p) |
		    "\(.victim_predicted) \(.scope)"][0] // "none"' "$tmp/last.json")
		if [ "$got" = "true $scope" ]; then
			seen=$((seen + 1))
		else
			echo "# monitor on pid $pid ($scope): $got"
			[ -n "${ZT_KEEP_MON:-}" ] && cp "$tmp/mon.json" "$ZT_KEEP_MON"
		fi
	done <"$tmp/kills"
	check "$path: the monitor recorded $seen/$kills kills as predicted, each in its cgroup's scope" \
	    [ "$seen" -eq "$kills" ]
	echo "# $path: kills predicted: $right/$kills (batch), $seen/$kills (monitor)"
	check "$path: at least 20 kills ($kills)" [ "$kills" -ge 20 ]
}

run bpf ""
run procfs --no-bpf
done_testing
