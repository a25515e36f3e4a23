/*
 * gfp.h: the page allocator's gfp_mask decoded for the bit layout of a
 * given kernel (___GFP_* in include/linux/gfp.h, gfp_types.h from 6.0).
 * The zone modifiers (0x1 DMA, 0x2 HIGHMEM,
 * 0x4 DMA32, 0x8 MOVABLE) and HIGH/IO/FS never moved; every other bit
 * changed meaning at 4.4, 4.10, 4.18, 5.1 and 6.3, with single flags
 * appearing or going in between (ACCOUNT 4.5, RETRY_MAYFAIL 4.13, COLD and
 * NOTRACK gone in 4.15, ZEROTAGS 5.14 ...).  Pure functions, no state.
 */
#ifndef ZT_GFP_H
#define ZT_GFP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A kernel version as one comparable number: 4.4.0 -> 4004000. */
#define ZT_KV3(a, b, c)	((a) * 1000000 + (b) * 1000 + (c))
#define ZT_KV(a, b)	ZT_KV3(a, b, 0)

/* The bit layouts, oldest first: each a stretch of releases in which no
 * ___GFP_* bit moved (checked at 4.9/4.10, 4.17/4.18, 5.0/5.2, 6.1/6.6). */
enum gfp_layout {
	GFP_LAYOUT_3X,		/* 2.6.32 .. 4.3: __GFP_WAIT */
	GFP_LAYOUT_44,		/* 4.4 .. 4.9 */
	GFP_LAYOUT_410,		/* 4.10 .. 4.17 */
	GFP_LAYOUT_418,		/* 4.18 .. 5.0 */
	GFP_LAYOUT_51,		/* 5.1 .. 6.2 */
	GFP_LAYOUT_63,		/* 6.3 .. */
	GFP_NLAYOUTS
};

/* The zone modifier bits, the same in every layout. */
#define GFP_ZONE_DMA	 0x1u
#define GFP_ZONE_HIGHMEM 0x2u
#define GFP_ZONE_DMA32	 0x4u
#define GFP_ZONE_MOVABLE 0x8u
#define GFP_ZONEMASK	 0xfu

int gfp_layout(int kv);
/* "4.4-4.9" */
const char *gfp_layout_name(int layout);
/* A version inside the layout, for decoding when only the layout is
 * known (its first release). */
int gfp_layout_kv(int layout);

/*
 * The value of a flag or composite ("__GFP_NOWARN", "GFP_KERNEL",
 * "0x400") on kernel kv; 0 when that kernel has no such name (or the
 * flag is config-dependent there).
 */
uint64_t gfp_value(const char *name, int kv);

/*
 * The mask as the kernel's %pGg prints it: composites first, greedily,
 * then single flags, then any bits left as hex ("GFP_KERNEL|__GFP_HIGHMEM
 * |__GFP_NOWARN", "GFP_KERNEL|0x1000000").  0 gives "".  Returns the
 * number of names written; *unknown (may be NULL) gets the leftover bits.
 */
int gfp_format(uint64_t mask, int kv, char *buf, size_t len, uint64_t *unknown);

/*
 * The mask a printed flag list stands for on kernel kv ("GFP_KERNEL|
 * __GFP_NOWARN" or with a trailing "|0x..." of leftover bits).  Returns
 * the number of names this kernel does not know (0 = all understood);
 * the first of them is copied into unknown_name.
 */
int gfp_parse_names(const char *names, size_t len, int kv, uint64_t *mask,
    char *unknown_name, size_t ulen);

/*
 * gfp_zone(): the highest zone type (enum zt_zone_type) the mask may
 * allocate from, given which zone types this kernel has compiled in (bit
 * 1 << type set for each).  ZT_ZONE_UNKNOWN for the combinations the
 * kernel calls BAD (two of DMA, DMA32, HIGHMEM).
 */
int gfp_zone(uint64_t mask, unsigned zone_types);

/* Does mask carry flag name (a single flag or composite) on kernel kv? */
bool gfp_has(uint64_t mask, int kv, const char *name);

#endif
