/*
 * zonemath.h: the kernel's memory arithmetic as pure functions: a zone's
 * watermark state and marks, fragmentation indices, the watermark check,
 * protection[] slots and the highest zone of a class, and the meminfo
 * balance.  A leaf below derive, verdict, explain and the UI.  No I/O.
 */
#ifndef ZT_ZONEMATH_H
#define ZT_ZONEMATH_H

#include <stdbool.h>
#include <stdint.h>

#include "snapshot.h"

enum zt_wstate zone_wstate(const struct zt_zone *z);
/* unusable_free_index() and __fragmentation_index() (mm/vmstat.c), in
 * thousandths, as the kernel computes them. */
int unusable_index_milli(const int64_t *buddy, int norders, int order);
int fragmentation_index_milli(const int64_t *buddy, int norders, int order);
/* Would __zone_watermark_ok() (mm/page_alloc.c) pass?  slot = the protection[]
 * index of the allocation's highest zone. */
bool watermark_ok(const struct zt_zone *z, int order, int64_t mark, int slot);
/* The same with the CMA choice explicit: alloc_cma = the request may use
 * CMA pageblocks (ALLOC_CMA: movable allocations).  watermark_ok() is
 * watermark_ok_cma(..., false). */
bool watermark_ok_cma(const struct zt_zone *z, int order, int64_t mark,
    int slot, bool alloc_cma);
/* The request's alloc flags as __zone_watermark_ok() sees them
 * (gfp_to_alloc_flags(), mm/page_alloc.c), and the shape of the check on
 * its kernel. */
enum wm_shape {
	WM_SHAPE_44,			/* 4.4 .. 6.2 (the default) */
	WM_SHAPE_43,			/* <= 4.3: halve min per lower order */
	WM_SHAPE_63,			/* 6.3+: ALLOC_MIN_RESERVE/NON_BLOCK */
};
struct wm_flags {
	int shape;			/* enum wm_shape */
	bool cma;			/* ALLOC_CMA: movable requests */
	bool high;			/* ALLOC_HIGH / ALLOC_MIN_RESERVE (__GFP_HIGH) */
	bool harder;			/* ALLOC_HARDER (atomic, <= 6.2) or
					   ALLOC_NON_BLOCK (6.3+) */
	bool highatomic;		/* ALLOC_HIGHATOMIC (6.3+, order > 0
					   non-blocking) */
};
/* The check with the request's flags; highatomic = the zone's reserved
 * highatomic pages, ZT_NA unknown. */
bool watermark_ok_flags(const struct zt_zone *z, int order, int64_t mark,
    int slot, const struct wm_flags *f, int64_t highatomic);
/* The zone's watermark m (enum zt_mark) in pages, ZT_NA if unknown. */
int64_t zone_mark(const struct zt_zone *z, int m);
/* protection[] slot of a zone type, -1 when this kernel lacks it. */
int slot_of_type(const struct zt_snapshot *s, int type);
/* The lowmem reserve a GFP_KERNEL allocation (highest zone Normal) must
 * leave free in z: its protection[] slot for Normal; 0 for Normal and
 * above, ZT_NA unknown. */
int64_t zone_kernel_reserve(const struct zt_snapshot *s, const struct zt_zone *z);
/* Fenced: above min, but free <= min + that reserve, so GFP_KERNEL's
 * watermark check fails here while the state reads above min. */
bool zone_fenced(const struct zt_snapshot *s, const struct zt_zone *z);
/* The highest zone type a class may use on this kernel. */
int class_highest_type(const struct zt_snapshot *s, int cls);
/* Memory that no meminfo counter explains, kB (ZT_NA if meminfo lacks
 * MemTotal). */
int64_t unaccounted_kb(const struct zt_kvs *meminfo);
/* Anon LRU pages no process maps (Active(anon) + Inactive(anon) -
 * AnonPages - Shmem - SwapCached, at least 0), kB; ZT_NA without them. */
int64_t anon_lru_unmapped_kb(const struct zt_kvs *meminfo);
/* MemTotal minus the zones' managed pages, kB; ZT_NA when either is
 * unknown.  Near 0 normally (MemTotal is totalram_pages, the sum of
 * managed); large on kernels whose zones hand pages to the buddy
 * allocator lazily (CONFIG_DEFERRED_STRUCT_PAGE_INIT): then
 * present - managed is not memory taken away. */
int64_t managed_gap_kb(const struct zt_snapshot *s);

#endif
