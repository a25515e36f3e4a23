#!/bin/sh
# Soak: random mixes refereed by real OOM kills (make referee).
# tests/live/oomkill_exact.sh checks fixed mixes, which can be fitted;
# these are drawn from a seed.  Each mix: a v1 memory cgroup (24-64 MiB,
# under one parent named with $$; sometimes a tree of children below it,
# the hogs spread over them, the limit on the top one) holding 1-8 hogs
# (tests/live/oomhog.c) of random anonymous sizes, oom_score_adj 0-1000
# (no CAP_SYS_RESOURCE is assumed: none below 0), some of a memfd's or a
# file's pages mapped shared, some of page tables mostly, some with
# threads (the main thread sometimes gone: a zombie leader), children
# sharing their mm (CLONE_VM), fork children mapping the same pages, a
# child in vfork, some with pages in swap (a 64 MiB swap file, swapped
# off and removed at the end), copies of the hog before (ties) and hogs
# whose adj is set, once the limit is known, to land within a unit of
# the hog before (tune).  One hog of 8-11 MiB stands above the trigger.
# zonetop -b --format json --cgroup predicts twice, on the default path
# (BPF where it loads) and with --no-bpf (/proc), on the same mix; then
# a last hog grows past the limit and the kernel kills.  The process it
# killed (its "Killed process" line, else the one that died) must be
# each prediction.  A mismatch prints the mix (replay it:
# REFEREE_SEED=S REFEREE_ONLY=I, with this script's generator) and
# zonetop's ranking, and is classed: none (no kill), trigger (the
# growing hog was killed), tie (zonetop's top two had equal points),
# near (their points differ by points_margin or less), other.  A tie or
# near one passes only when the kernel's own report of the kill ranks
# the killed process first by the counters it read (see verdict).  The
# last line counts the near ties by the sums (the /proc path tolerated),
# of those the ones the BPF path named exactly (it ranks by the reading
# this kernel's oom_score showed, points_counts, kept for the boot in
# /run/zonetop or $ZT_STATE_DIR), and the mixes the BPF path read by
# central values.
#   REFEREE_SEED  the seed (default: the time); printed first
#   REFEREE_N     mixes (default 20)
#   REFEREE_ONLY  run only mix I of the seed's sequence
# Bounded: 64 MiB per cgroup, 10 s per kill; everything is removed on
# every path (trap).
. "$(dirname "$0")/../lib.sh"

mem=/sys/fs/cgroup/memory
if [ "$(id -u)" -ne 0 ] || [ ! -f "$mem/cgroup.procs" ] ||
    ! command -v cc >/dev/null || ! command -v jq >/dev/null; then
	skip_all "needs root, the v1 memory controller, cc and jq"
fi
seed=${REFEREE_SEED:-$(date +%s)}
n=${REFEREE_N:-20}
first=1
if [ -n "${REFEREE_ONLY:-}" ]; then
	first=$REFEREE_ONLY
	n=$REFEREE_ONLY
fi
# the hog builds, two predictions a mix, the kills counted
plan $((1 + 2 * (n - first + 1) + 1))
echo "# REFEREE_SEED=$seed REFEREE_N=$n"

tmp=$(mktemp -d)
. "$(dirname "$0")/../live/oomhog.inc"
hog=$tmp/oomhog
build_hog
check "the hog builds" [ -x "$hog" ]
base=zt-referee-$$
bases=$base
mkdir "$mem/$base"

swapfile=/var/tmp/zt-referee-$$.swap
if dd if=/dev/zero of="$swapfile" bs=1M count=64 2>/dev/null &&
    chmod 600 "$swapfile" && mkswap "$swapfile" >/dev/null 2>&1 &&
    swapon "$swapfile" 2>/dev/null; then
	have_swap=1
else
	echo "# no swap file could be made here: no mix swaps"
	rm -f "$swapfile"
	swapfile= have_swap=0
fi
[ -f "$mem/$base/memory.memsw.limit_in_bytes" ] || have_swap=0

# rnd N: $r in 0..N-1, from the mix's generator (an LCG; POSIX sh
# arithmetic is at least 32 bits wide, this stays below 2^31)
rnd() {
	state=$(((state * 1103515245 + 12345) % 2147483648))
	r=$(((state / 65536) % $1))
}

# gen I: draw mix I of the seed into $lim $memsw $swap $tree and the
# hogs' specs $specs ("SUBDIR ADJ MIB[k] PAGEOUT SHAPE" a line), the
# trigger's cgroup $tsub; $desc says it in one line
gen() {
	state=$(((seed + $1 * 7919) % 2147483648))
	rnd 5
	lim=$((24 + r * 10))
	[ "$lim" -gt 64 ] && lim=64
	swap=0 memsw=$lim
	if [ "$have_swap" -eq 1 ]; then
		rnd 4
		[ "$r" -eq 0 ] && swap=1 && rnd 3 && memsw=$((lim + 8 + r * 8))
	fi
	# a tree below the scope: none, one child, a chain, two children
	rnd 4
	tree=$r
	case $tree in
	0) subs="." ;;
	1) subs=". a" ;;
	2) subs=". a a/b" ;;
	*) subs=". a c" ;;
	esac
	nsub=$(echo $subs | wc -w)
	rnd 8
	nh=$((r + 1))
	# what the hogs hold resident fits the limit even with swap: their
	# pages are locked (those of a hog with pages to swap out only after
	# it touched them all)
	budget=$((lim - 5 - nh))
	# the one that must stand above the trigger (a dozen MiB at most)
	# (8-11 MiB, never of page tables), its budget kept for it
	rnd "$nh"
	big=$r
	budget=$((budget - 11))
	specs= prev= i=0
	while [ $i -lt "$nh" ]; do
		[ $i -eq "$big" ] && budget=$((budget + 11))
		rnd 4
		if [ -n "$prev" ] && [ "$r" -eq 0 ] && [ $i -ne "$big" ]; then
			spec=$prev	# a tie: the same hog again
		else
			rnd "$nsub"
			sub=$(echo $subs | cut -d' ' -f$((r + 1)))
			# adj: 0, small, any, or tuned once the limit is
			# known (~: the previous hog's points, within a
			# unit of adj, see tune)
			rnd 5
			case $r in
			0 | 1) adj=0 ;;
			2) rnd 50 && adj=$((r + 1)) ;;
			3) rnd 1001 && adj=$r ;;
			*) adj="~" ;;
			esac
			[ -z "$prev" ] && [ "$adj" = "~" ] && adj=0
			cap=$((2 * budget / nh))
			[ "$cap" -gt 16 ] && cap=16
			[ "$cap" -lt 2 ] && cap=2
			rnd "$cap"
			mib=$((r + 1))
			[ $i -eq "$big" ] && mib=$((8 + mib % 4))
			rnd 10
			kind=
			case $r in
			0 | 1) kind=s ;;
			2) kind=f ;;
			3) kind=p mib=$(((mib + 1) / 2)) ;;
			esac
			[ $i -eq "$big" ] && [ "$kind" = p ] && kind= mib=8
			out=0
			if [ "$swap" -eq 1 ] && [ -z "$kind" ]; then
				rnd 2
				[ "$r" -eq 1 ] && rnd "$mib" && out=$((r + 1))
			fi
			shape=
			rnd 5
			[ "$r" -eq 0 ] && rnd 3 && shape=t$((r + 1))
			rnd 8
			[ "$r" -eq 0 ] && rnd 2 && shape=${shape}c$((r + 1))
			rnd 8
			[ "$r" -eq 0 ] && shape=${shape}f1
			rnd 10
			[ "$r" -eq 0 ] && shape=${shape}v
			# threads, no vfork: the main thread may leave
			case $shape in
			*t*v* | *v*) ;;
			*t*) rnd 3 && [ "$r" -eq 0 ] && shape=${shape}x ;;
			esac
			spec="$sub $adj $mib$kind $out ${shape:--}"
		fi
		# what it charges: the data (page tables too), a share of
		# overhead; fork children of a page-table hog copy its tables
		set -- $spec
		cost=${3%[sfp]}
		case $3 in *p) cost=$((cost * 2)) ;; esac
		case $5 in *f1*) case $3 in *p) cost=$((cost * 2)) ;; esac ;; esac
		if [ "$cost" -gt "$budget" ]; then
			i=$((i + 1))
			continue
		fi
		budget=$((budget - cost))
		specs="$specs$spec
"
		prev=$spec
		i=$((i + 1))
	done
	rnd "$nsub"
	tsub=$(echo $subs | cut -d' ' -f$((r + 1)))
	desc="limit ${lim}M memsw ${memsw}M tree $tree trigger in $tsub; hogs:$(printf '%s' "$specs" | tr '\n' ';')"
}

# pages PID: the mm's counters in pages as PID/status prints them (a
# thread's, when the leader has left)
pages() {
	for f in "/proc/$1/status" /proc/"$1"/task/*/status; do
		awk '/^(RssAnon|RssFile|RssShmem|VmSwap|VmPTE):/ { n++; kb += $2 }
		    END { if (n) print int(kb / 4) }' "$f" 2>/dev/null
	done | head -n 1
}

# tune: each hog of adj ~ gets the adj that brings its points nearest
# the hog started before it (the kernel's rounding of the adj term to
# whole units of totalpages/1000 decides, give or take one unit), so
# that the kernel's arithmetic, not a wide margin, decides
tune() {
	tp=$((lim * 256))
	[ "$memsw" -gt "$lim" ] && tp=$((tp + (memsw - lim) * 256))
	unit=$((tp / 1000))
	for t in $tuned; do
		a=${t%%:*} b=${t##*:}
		pa=$(pages "$a") pb=$(pages "$b")
		aa=$(cat "/proc/$a/oom_score_adj" 2>/dev/null)
		[ -n "$pa" ] && [ -n "$pb" ] && [ -n "$aa" ] && [ "$unit" -gt 0 ] ||
		    continue
		rnd 3
		adj=$((aa + (pa - pb) / unit + r - 1))
		[ "$adj" -lt 0 ] && adj=0
		[ "$adj" -gt 1000 ] && adj=1000
		echo "$adj" >"/proc/$b/oom_score_adj" 2>/dev/null
		echo "# mix $m: pid $b tuned to adj $adj against pid $a ($pa pages at adj $aa, $pb)"
	done
}

# mismatch kinds and counts; near: kills where the sums (the /proc
# path) named another within points_margin, nearbpf: of those, the ones
# the BPF path named exactly; central: mixes where the BPF path read the
# central counters (points_counts, as this kernel's oom_score showed)
kills=0 right_bpf=0 right_procfs=0 mism= counter=0 dumpdiff=0
near=0 nearbpf=0 central=0

# kernel_choice DEAD SKIP UNIT: the pid that the kernel's own report of
# the kill of DEAD ranks first (its task table, "memory values in
# pages": rss + swapents + pgtables_bytes / 4096 + adj * UNIT, equal
# points to the row later in the table, which mem_cgroup_scan_tasks()
# walks in the order select_bad_process() does), leaving out the pids
# in SKIP (children in vfork: in the table, never chosen); empty when
# the report is not in the log
kernel_choice() {
	dmesg 2>/dev/null | awk -v dead="$1" -v skip=" $2 " -v unit="$3" '
	{ sub(/^\[[^]]*\] /, "") }
	/Tasks state \(memory values in pages\)/ { best = ""; bp = 0; next }
	/^\[ *[0-9]+\]/ {
		gsub(/[][]/, " ")
		if (index(skip, " " $3 " ")) next
		pts = $5 + $10 + int($9 / 4096) + $11 * unit
		# the process: its tgid (the row is of the thread with the mm)
		if (best == "" || pts >= bp) { best = $3; bp = pts }
		next
	}
	/Killed process / && $0 ~ "Killed process " dead " " { print best; exit }'
}

# classify JSON PRED DEAD: the kind of a mismatch
classify() {
	if [ -z "$3" ]; then
		echo none
		return
	fi
	if [ "$3" = "$trig" ]; then
		echo trigger
		return
	fi
	jq -r --argjson p "$2" --argjson d "$3" '
	    (.points_margin // 0) as $m |
	    ([.processes[] | select(.pid == $p) | .cgroup_points][0]) as $a |
	    ([.processes[] | select(.pid == $d) | .cgroup_points][0]) as $b |
	    if $a == null or $b == null then "other"
	    elif $a == $b then "tie"
	    elif ($a - $b | if . < 0 then -. else . end) <= $m then "near"
	    else "other" end' "$1" 2>/dev/null || echo other
}

# verdict PATH JSON PRED DEAD
verdict() {
	tolerated=0
	if [ -n "$4" ] && [ "$3" = "$4" ]; then
		ok "mix $m: $1: the kernel killed pid $4, the predicted victim"
		return 0
	fi
	kind=$(classify "$2" "$3" "$4")
	# inherent: zonetop ranks by the per-CPU counters' sums and says by
	# how much a kernel reading their central value may differ
	# (points_margin); a kernel without "use get_mm_rss_sum for the OOM
	# killer" chose by its central values, which its report prints (seed
	# 20261209 mix 31: a tie by the sums, 7 pages apart by those).
	# Tolerated only when that report proves it.
	if { [ "$kind" = near ] || [ "$kind" = tie ]; } && [ -n "$kc" ] &&
	    [ "$kc" = "$4" ]; then
		counter=$((counter + 1))
		tolerated=1
		ok "mix $m: $1: the kernel killed pid $4, not the predicted $3: within points_margin, and the kernel's central counters (its report) rank $4 first"
		return 0
	fi
	mism="$mism $1:$kind"
	notok "mix $m: $1: killed '$4', predicted $3 ($kind)"
	echo "# replay: REFEREE_SEED=$seed REFEREE_ONLY=$m; $desc"
	echo "# pids in spec order: $order"
	jq -c '{points_margin} + {cgroup: .cgroup.path}' "$2" | sed 's/^/# /'
	[ -s "$2" ] || echo "# no JSON from zonetop on $1"
	tail -n 5 "$tmp/pred.err" 2>/dev/null | sed 's/^/# zonetop: /'
	jq -c '.processes[] | select(.cgroup_rank != null) |
	    {pid, oom_score_adj, cgroup_points, cgroup_rank, rss_kb,
	    swap_kb, pgtables_kb, cgroup}' "$2" | sed 's/^/# /'
	return 1
}

m=$first
while [ $m -le "$n" ]; do
	gen "$m"
	echo "# mix $m: $desc"
	scope=$base/m$m
	mkdir "$mem/$scope"
	for s in $subs; do mkdir -p "$mem/$scope/$s"; done
	echo "${lim}M" >"$mem/$scope/memory.limit_in_bytes"
	if [ -f "$mem/$scope/memory.memsw.limit_in_bytes" ]; then
		echo "${memsw}M" >"$mem/$scope/memory.memsw.limit_in_bytes"
	fi
	mine= order= tuned= vforked= alias=
	while read -r sub adj mib out shape; do
		[ -n "$sub" ] || continue
		[ "$shape" = - ] && shape=
		a=$adj
		# the hog before is $last still
		[ "$adj" = "~" ] && a=0 && tuned="$tuned $last"
		start "$mem/$scope/$sub" "$a" "$mib" "$out" 0 $shape
		[ "$adj" = "~" ] && tuned="$tuned:$last"
		mine="$mine $last $kids"
		case $shape in *v*) vforked="$vforked ${kids##* }" ;; esac
		# x: the kernel names the thread it found the mm in
		case $shape in *x*)
			for t in /proc/$last/task/*; do
				[ "${t##*/}" = "$last" ] ||
				    alias="$alias ${t##*/}=$last"
			done ;;
		esac
		order="$order $last${kids:+($kids)}"
	done <<EOF
$specs
EOF
	squeeze "$mem/$scope"
	tune
	# a hog gone already (its mix did not fit): out of the count
	early= live=
	for p in $mine; do
		if gone "$p"; then early="$early $p"; else live="$live $p"; fi
	done
	mine=$live
	# shellcheck disable=SC2086
	: >"$tmp/pred.err"
	"$ZT_BIN" $ZT_EXTRA_ARGS -b -n 1 --format json --cgroup "/$scope" \
	    >"$tmp/bpf.json" 2>>"$tmp/pred.err"
	# shellcheck disable=SC2086
	"$ZT_BIN" $ZT_EXTRA_ARGS --no-bpf -b -n 1 --format json \
	    --cgroup "/$scope" >"$tmp/procfs.json" 2>>"$tmp/pred.err"
	pb=$(jq -r '.cgroup.predicted_victim // 0' "$tmp/bpf.json")
	pp=$(jq -r '.cgroup.predicted_victim // 0' "$tmp/procfs.json")
	# the trigger: grows past the limit
	start "$mem/$scope/$tsub" 0 0 0 5
	trig=$last
	j=0 dead=
	while [ -z "$dead" ] && [ $j -lt 200 ]; do
		for p in $mine $trig; do
			gone "$p" && dead="$dead $p"
		done
		[ -n "$dead" ] || sleep 0.05
		j=$((j + 1))
	done
	kraw=$(killed_of $mine $trig $(echo "$alias" | sed 's/=[0-9]*//g'))
	k=$kraw
	for a in $alias; do [ "${a%%=*}" = "$k" ] && k=${a##*=}; done
	[ -z "$k" ] || dead=$k
	dead=$(echo $dead)
	if [ -n "$early" ]; then
		echo "# mix $m: gone before the trigger:$early"
		sed 's/^/# hog: /' "$tmp/hog.err" 2>/dev/null | tail -n 5
	fi
	[ -n "$dead" ] && kills=$((kills + 1))
	# totalpages as mem_cgroup_get_max() makes it (v1: the limit, plus
	# the memsw allowance above it up to the swap there is, swappiness
	# being 60 here)
	tp=$((lim * 256))
	if [ "$memsw" -gt "$lim" ]; then
		sw=$(awk 'NR > 1 { t += $3 } END { print int(t / 4) }' /proc/swaps)
		a=$(((memsw - lim) * 256))
		[ "$a" -lt "$sw" ] && sw=$a
		tp=$((tp + sw))
	fi
	for f in bpf procfs; do
		z=$(jq -r '.cgroup.totalpages // "null"' "$tmp/$f.json")
		[ "$z" = "$tp" ] || echo "# mix $m: $f: totalpages $z, the referee's $tp"
	done
	kc=$(kernel_choice "${kraw:-$dead}" "$vforked" $((tp / 1000)))
	if [ -n "$dead" ] && [ "$kc" != "$dead" ]; then
		dumpdiff=$((dumpdiff + 1))
		echo "# mix $m: the kernel's report ranks '$kc' first, it killed $dead"
	fi
	verdict bpf "$tmp/bpf.json" "$pb" "$dead" && right_bpf=$((right_bpf + 1))
	verdict procfs "$tmp/procfs.json" "$pp" "$dead" &&
	    right_procfs=$((right_procfs + 1))
	if [ "$tolerated" -eq 1 ]; then
		near=$((near + 1))
		[ "$pb" = "$dead" ] && nearbpf=$((nearbpf + 1))
	fi
	[ "$(jq -r '.points_counts // "sum"' "$tmp/bpf.json")" = central ] &&
	    central=$((central + 1))
	for p in $mine $trig; do kill -9 "$p" 2>/dev/null; done
	for p in $mine $trig; do wait "$p" 2>/dev/null; done
	# the mix's cgroups go now, not at the end
	rm_tree "$mem/$scope"
	rm -f "$tmp"/ready.*
	m=$((m + 1))
done
mixes=$((n - first + 1))
check "the kernel killed in each mix ($kills/$mixes)" [ "$kills" -eq "$mixes" ]
echo "# REFEREE_SEED=$seed mixes $mixes kills $kills; agreed: bpf $right_bpf, procfs $right_procfs (of which $counter by the kernel's central counters within points_margin); mismatches:${mism:- none}; the kernel's report ranked another first: $dumpdiff; near ties by the sums (procfs within points_margin): $near, named exactly on BPF: $nearbpf; BPF read the central counters in $central mixes"
done_testing
