#!/bin/sh
# E2E: the zone bars' scale (ui/scale.c) on captures, at 64, 132 and 200
# columns, in UTF-8 and in the C locale (ASCII), with NO_COLOR: the
# zone panel is compared with golden screens (golden/bars-*.txt; the
# rest of the screen is screens.sh's), and on every zone row the marks
# m, l, h (and p on 6.x kernels) stand in cells of their own, once each;
# R once, or '>' in the last cell when min + reserve is beyond the zone.
# The seed VM's DMA32 (free 987, min 989) shows its free edge in the
# cell just left of m.  Captures: the seed's 4.4 VM, the 24 GiB 6.18 VM,
# the two-node 6.6 machine and the two-node 3.10 machine of 32 GiB in
# its OOM (numa-3.10: built from an OOM report's zone lines).
# Then the 6.18 VM's DMA reads fenced (never ok), its
# detail says why, and the help explains every mark, > included.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"

py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

# the zone panel: from its title to the line after the last zone
zones_panel() {
	sed -n '/^ZONES /,/^present-managed/p' "$1"
}

golden_zones() {	# NAME what
	_f="$GOLDEN_DIR/$1.txt"
	tm_stable >"$E2E_TMP/full"
	# the sparklines hold one or two samples (the capture is read
	# again when the view first asks for its rows), right-aligned:
	# masked, with the blanks before them
	zones_panel "$E2E_TMP/full" |
	    sed -E 's/ {2,}[▁▂▃▄▅▆▇█_.=*#-]+( {2}|$)/  ~\1/' >"$E2E_TMP/screen"
	if [ "${ZT_GOLDEN_UPDATE:-0}" = 1 ]; then
		cp "$E2E_TMP/screen" "$_f"
		ok "$2 (golden $1 regenerated)"
	elif [ ! -f "$_f" ]; then
		notok "$2: no golden file $1.txt (run with ZT_GOLDEN_UPDATE=1)"
	elif diff -u "$_f" "$E2E_TMP/screen" >"$E2E_TMP/diff"; then
		ok "$2"
	else
		notok "$2: zone panel differs from golden/$1.txt"
		sed 's/^/# /' "$E2E_TMP/diff"
	fi
}

# every zone row: the bar starts at column 10 and runs to a blank
check_marks() {	# what promo(0/1)
	_r=$(PYTHONIOENCODING=utf-8 "$py" - "$E2E_TMP/screen" "$2" <<'EOF'
import sys, re
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
promo = sys.argv[2] == "1"
bad, n = [], 0
for ln in lines:
    if not re.match(r"^\d+ \S+ +\S", ln) or ln.startswith("present"):
        continue
    bar = ln[10:].split(" ")[0]
    if "no" in ln[10:20] or len(bar) < 10:
        continue
    n += 1
    want = "mlhp" if promo else "mlh"
    for c in want:
        if bar.count(c) != 1:
            bad.append("%s: %r has %d %s" % (ln[:10].strip(), bar, bar.count(c), c))
    if bar.count("R") + bar.count(">") > 1 or ">" in bar[:-1]:
        bad.append("%s: %r: R or > misplaced" % (ln[:10].strip(), bar))
    # in order: m before l before h (before p)
    pos = [bar.index(c) for c in want if c in bar]
    if pos != sorted(pos):
        bad.append("%s: %r: marks out of order" % (ln[:10].strip(), bar))
print("%d %s" % (n, "; ".join(bad)))
EOF
)
	_cm_cnt=${_r%% *}
	_bad=${_r#* }
	if [ "${_cm_cnt:-0}" -gt 0 ] && [ -z "$_bad" ]; then
		ok "$1: marks in cells of their own on $_cm_cnt zone rows"
	else
		notok "$1: marks in cells of their own ($_r)"
	fi
}

run_capture() {	# name dir promo
	for size in 64x24 132x43 200x60; do
		w=${size%x*} h=${size#*x}
		for enc in utf8 ascii; do
			env=""
			[ $enc = ascii ] && env="LANG=C LC_ALL=C"
			tm_start "$w" "$h" "$env NO_COLOR=1 $ZT_BIN --proc-root $2"
			if ! tm_wait "OOM CANDIDATES"; then
				notok "$1 $size $enc: the screen comes up"
				continue
			fi
			golden_zones "bars-$1-$size-$enc" "$1 at $size ($enc): zone panel"
			check_marks "$1 $size $enc" "$3"
			if [ $enc = ascii ] && LC_ALL=C grep -q '[^ -~]' "$E2E_TMP/full"; then
				notok "$1 $size: nothing outside printable ASCII"
			fi
			if [ "$1" = seed ]; then
				row=$(grep '^0 DMA32 ' "$E2E_TMP/screen")
				case "${row#0 DMA32   }" in
				[█▉▊▋▌▍▎▏#]*[█▉▊▋▌▍▎▏#]m*)
					ok "seed $size $enc: DMA32's free edge just left of m" ;;
				*)	notok "seed $size $enc: DMA32's free edge just left of m: $row" ;;
				esac
			fi
			tm send-keys -t zt q
			tm_dead 20 >/dev/null
		done
	done
}

[ -n "$py" ] || skip_all "python3 is not installed"
plan 69
run_capture seed "$FIX/seed-vm-4.4" 0
run_capture vm618 "$FIX/vm-6.18-x86_64-24g" 1
run_capture numa66 "$FIX/numa-6.6" 0
run_capture numa310 "$FIX/numa-3.10" 0

# The 6.18 VM's DMA: all free, but min + reserve is beyond it: fenced for
# GFP_KERNEL, never "ok"; the detail says it whole; the help explains
# every mark the row shows, '>' included, and the marks at the other
# panels' edges (sort, a cut, the rows shown, the verdict's +N).
tm_start 80 24 "$ZT_BIN --proc-root $FIX/vm-6.18-x86_64-24g"
check "6.18 VM: the screen comes up" tm_wait "OOM CANDIDATES"
row=$(tm_screen | grep '^0 DMA ')
contains "DMA's row says fenced" "$row" "fenced     for GFP_KERNEL"
lacks "and not ok" "$row" " ok "
case "$row" in
*">   15.0M/15.0M"*) ok "the reserve beyond the zone: '>' in the bar's last cell" ;;
*) notok "the reserve beyond the zone: '>' in the bar's last cell: $row" ;;
esac
tm send-keys -t zt Enter
check "DMA's detail: fenced for GFP_KERNEL by the lowmem reserve" \
    tm_wait "state fenced for GFP_KERNEL by the lowmem reserve"
tm send-keys -t zt Escape '?'
tm_wait "Keys" >/dev/null
for want in "m l h p min, low, high, promo" \
    "R min + the lowmem reserve GFP_KERNEL meets here" \
    "> at the end: that R lies beyond the zone's size" \
    "the break: left of it, 0 to 1.25 x the highest mark" \
    "min, but free <= min + R: fenced for GFP_KERNEL by the" \
    'Time to trouble: "min in ~40 s"' \
    "▲ ▼ after a heading: the column sorted by" \
    "… a cut: a cgroup path's start, a command line's end" \
    "v: +2 after the verdict"; do
	_i=0
	while ! tm_screen | grep -qF -- "$want" && [ $_i -lt 60 ]; do
		tm send-keys -t zt Down
		_i=$((_i + 1))
	done
	if tm_screen | grep -qF -- "$want"; then
		ok "help legend: $want"
	else
		notok "help legend: $want"
	fi
done
tm send-keys -t zt q q
tm_dead 20 >/dev/null

check_sanitizers
done_testing
