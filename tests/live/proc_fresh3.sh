#!/bin/sh
# Live: zonetop on a third round of real /proc captures
# (tests/fixtures/proc-fresh3/NNN-*/, README.md in each says where from):
# machines rounds one and two lacked (s390x, i686 PAE HighMem, 32-bit ARM
# with all lowmem in DMA and an empty Movable with marks, a MIPS64
# Loongson with 16 KiB pages and a wrapped meminfo counter, arm64 with
# 64 KiB pages, a 6.13+ arm64 with two DMA-only nodes and promo marks,
# RHEL 8 and 9 kernels, an x86_64 without ZONE_DEVICE, HUGETLBFS and VM
# event counters; a second wave: s390x 5.11 meminfo, Ubuntu 3.2 and 3.13,
# RHEL 8.0).  The same five checks per capture as proc_fresh.sh
# (proc_fresh.inc), against oracle.json, written by mkoracle.py before
# zonetop ran on the captures; these oracles also name the zone types,
# which zones are fenced for GFP_KERNEL by the lowmem reserve, the
# highest free order per zone, and bound the unaccounted memory.
. "$(dirname "$0")/../lib.sh"
FRESH="$ZT_FIXTURES/proc-fresh3"
ncap=13
. "$(dirname "$0")/proc_fresh.inc"
