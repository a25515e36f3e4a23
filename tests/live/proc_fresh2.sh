#!/bin/sh
# Live: zonetop on a second round of real /proc captures
# (tests/fixtures/proc-fresh2/NNN-*/, README.md in each says where from):
# machines round one lacked (32-bit ARM with and without HighMem, i386
# HighMem, ppc64le with 64 KiB pages and a Movable-only node, arm64 with
# an empty DMA32 between populated zones, 2.6.16 and 2.6.38 kernels).  The same five checks per capture as proc_fresh.sh
# (proc_fresh.inc), against oracle.json, written by mkoracle.py before
# zonetop ran on the captures.  Where a capture cannot tell the page size
# (no meminfo or no zoneinfo) the JSON must say null, never a number:
# 007 is a 64 KiB-page machine.
. "$(dirname "$0")/../lib.sh"
FRESH="$ZT_FIXTURES/proc-fresh2"
ncap=8
. "$(dirname "$0")/proc_fresh.inc"
