#!/bin/sh
# E2E: the live monitor on captures (--proc-root), in tmux at 80x24,
# 132x43 and 40x12, compared with golden screens: the seed's 4.4 VM, the
# 24 GiB 6.18 VM, the two-node 6.6 machine (zoneinfo and pagetypeinfo
# only: the rest must say n/a), an ASCII terminal, the detail view and
# the help screen.  `make golden` regenerates the golden files.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"
plan 23

seed="$FIX/seed-vm-4.4"
vm="$FIX/vm-6.18-x86_64-24g"
numa="$FIX/numa-6.6"

# The seed VM: one process, three sizes by resizing its window.
tm_start 80 24 "$ZT_BIN --proc-root $seed"
check "seed: the screen comes up" tm_wait "OOM CANDIDATES"
golden seed-80x24 "seed 4.4 VM at 80x24"
tm resize-window -t zt -x 132 -y 43
tm_wait "FRAGMENTS 0 1 2" >/dev/null
golden seed-132x43 "seed 4.4 VM at 132x43"
tm resize-window -t zt -x 40 -y 12
tm_wait "too small" >/dev/null
golden seed-40x12 "seed 4.4 VM at 40x12: too small, said so"
tm resize-window -t zt -x 80 -y 24
check "seed: back at 80x24 the screen returns" tm_wait "OOM CANDIDATES"

# The detail view of DMA32 (the zone below min), then the help screen.
tm send-keys -t zt Down Enter
tm_wait "Node 0, zone DMA32" >/dev/null
golden seed-detail-dma32 "seed: Enter on DMA32 shows its detail"
tm send-keys -t zt PgDn
tm_wait "20-39/" >/dev/null
golden seed-detail-dma32-pgdn "seed: detail a page on: the zone's title stays, where it is"
tm send-keys -t zt Escape '?'
tm_wait "Keys" >/dev/null
golden help-80x24 "help screen at 80x24"
tm send-keys -t zt q
check "seed: q quits" tm_dead 20
st=$(tm_status)
check "seed: exit status 0 (got $st)" test "$st" = 0

# The 6.18 VM: empty Movable and Device folded, DMA's reserve beyond it.
tm_start 80 24 "$ZT_BIN --proc-root $vm"
check "6.18 VM: the screen comes up" tm_wait "OOM CANDIDATES"
golden vm618-80x24 "6.18 VM at 80x24"
tm resize-window -t zt -x 132 -y 43
tm_wait "FRAGMENTS 0 1 2" >/dev/null
golden vm618-132x43 "6.18 VM at 132x43"
# Normal's detail with its pagetypeinfo (read once for a capture)
tm send-keys -t zt Down Down Enter
tm_wait "Node 0, zone Normal" >/dev/null
tm send-keys -t zt End
tm_wait "Reclaimable" >/dev/null
golden vm618-detail-normal-end "6.18 VM: Normal's detail ends with pagetypeinfo"
# at 80 columns the sizes of its 21 GiB are whole, in fewer columns
tm resize-window -t zt -x 80 -y 24
tm send-keys -t zt Home
check "6.18 VM: Normal's sizes whole at 80 columns" \
    tm_wait "spanned      5505024 21.0G present      5505024 21.0G"
tm send-keys -t zt q
tm_dead 20 >/dev/null

# Two nodes, little published: n/a where a file is missing.
tm_start 80 24 "$ZT_BIN --proc-root $numa"
check "NUMA 6.6: the screen comes up" tm_wait "OOM CANDIDATES"
golden numa66-80x24 "NUMA 6.6 at 80x24"
tm resize-window -t zt -x 132 -y 43
tm_wait "FRAGMENTS 0 1 2" >/dev/null
golden numa66-132x43 "NUMA 6.6 at 132x43"
tm send-keys -t zt Down Down Down Enter
tm_wait "Node 1, zone Normal" >/dev/null
tm send-keys -t zt End
tm_wait "Movable" >/dev/null
golden numa66-detail-node1-end "NUMA 6.6: node 1 Normal's pagetypeinfo"
tm send-keys -t zt q
tm_dead 20 >/dev/null

# Not a UTF-8 locale: ASCII only.
tm_start 80 24 "LANG=C LC_ALL=C $ZT_BIN --proc-root $seed"
check "ASCII: the screen comes up" tm_wait "OOM CANDIDATES"
golden seed-ascii-80x24 "seed at 80x24 in the C locale: ASCII bars"
scr=$(tm_screen)
if printf '%s' "$scr" | LC_ALL=C grep -q '[^ -~]'; then
	notok "ASCII: nothing outside printable ASCII"
else
	ok "ASCII: nothing outside printable ASCII"
fi
tm send-keys -t zt q
tm_dead 20 >/dev/null

check_sanitizers
done_testing
