#!/bin/sh
# Live: which reading of the per-CPU rss counters the BPF path's points
# use (procs_bpf.c).  Every sample says it (points_counts,
# points_counts_seen); a verdict kept for this boot and kernel
# ($ZT_STATE_DIR/counts, here a scratch directory) is taken back by a
# one-shot run: the central values or the sums, seen, points_margin 0,
# and the text report says which.  A verdict kept for another boot, or
# in a directory others may write, is not taken back (unless this run's
# own witnesses settle one, which it then keeps for this boot).
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ] || ! command -v jq >/dev/null; then
	skip_all "needs root and jq"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
ZT_STATE_DIR=$tmp/state
export ZT_STATE_DIR
"$ZT_BIN" -b -n 1 --format json >"$tmp/a.json" 2>/dev/null
if [ "$(jq -r .source "$tmp/a.json")" != bpf ]; then
	skip_all "the BPF path does not load here"
fi
rel=$(uname -r)
major=${rel%%.*} minor=${rel#*.}
minor=${minor%%.*}
if [ "$major" -lt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -lt 2 ]; }; then
	skip_all "no per-CPU rss counters before 6.2"
fi
plan 9
boot=$(cat /proc/sys/kernel/random/boot_id)
check "every sample says how the counters are read" \
    jq -e '(.points_counts == "sum" or .points_counts == "central") and
    (.points_counts_seen | type == "boolean")' "$tmp/a.json"

# keep VERDICT BOOT_ID: the state a run of that boot would have kept
keep() {
	mkdir -p "$ZT_STATE_DIR"
	chmod 755 "$ZT_STATE_DIR"
	printf 'counts %s\nboot_id %s\nrelease %s\n' "$1" "$2" "$rel" \
	    >"$ZT_STATE_DIR/counts"
}
# used VERDICT WORDS: a kept VERDICT is taken back: seen, margin 0, and
# the text report names the counters' WORDS
used() {
	keep "$1" "$boot"
	"$ZT_BIN" -b -n 1 --format json >"$tmp/u.json" 2>/dev/null
	check "a kept $1 verdict is used: $1, seen, margin 0" \
	    jq -e --arg v "$1" '.points_counts == $v and .points_counts_seen and
	    .points_margin == 0' "$tmp/u.json"
	out=$("$ZT_BIN" -b -n 1 2>/dev/null)
	contains "the report says the $2 are read" "$out" \
	    "the counters' $2: this kernel's OOM killer reads them"
}
used central "central values"
used sum sums

# not taken back: unseen, or settled by this run's witnesses and kept
# for this boot
fresh() {
	"$ZT_BIN" -b -n 1 --format json >"$tmp/f.json" 2>/dev/null
	jq -e '.points_counts_seen | not' "$tmp/f.json" >/dev/null ||
	    { grep -q "^boot_id $boot\$" "$ZT_STATE_DIR/counts" &&
	    grep -q "^release $rel\$" "$ZT_STATE_DIR/counts"; }
}
keep central 00000000-0000-0000-0000-000000000000
check "a verdict of another boot is not taken back" fresh
# (kept as the sums, which the kernel here, without "use
# get_mm_rss_sum for the OOM killer", never shows a witness reading)
keep sum "$boot"
chmod 777 "$ZT_STATE_DIR"
"$ZT_BIN" -b -n 1 --format json >"$tmp/w.json" 2>/dev/null
check "nor one in a directory others may write" \
    jq -e '(.points_counts_seen and .points_counts == "sum") | not' \
    "$tmp/w.json"
chmod 755 "$ZT_STATE_DIR"
printf 'counts central\nboot_id %s\nrelease 0.0.0\n' "$boot" \
    >"$ZT_STATE_DIR/counts"
check "nor one of another kernel" fresh
# with no state at all, a run keeps nothing it has not seen
rm -rf "$ZT_STATE_DIR"
"$ZT_BIN" -b -n 1 --format json >"$tmp/n.json" 2>/dev/null
check "nothing kept without a verdict" sh -c \
    "jq -e '.points_counts_seen' '$tmp/n.json' >/dev/null ||
    [ ! -e '$ZT_STATE_DIR/counts' ]"
done_testing
