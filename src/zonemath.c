/*
 * zonemath.c: the kernel's memory arithmetic, as pure functions of the
 * figures it prints: a zone's watermark state and marks, the buddy
 * fragmentation indices, the watermark check (__zone_watermark_ok(),
 * mm/page_alloc.c) with the request's flags, which protection[] slot and
 * highest zone a class of request gets, and the meminfo balance
 * (unaccounted memory, MemTotal against the zones' managed pages).
 * Used by the snapshot's derivation (derive.c), the verdict, explain and
 * the screen; it includes only the snapshot's types.
 *
 * Nothing here guesses: a figure the kernel did not give stays ZT_NA or
 * NAN, and a check that cannot be made does not pass.
 */
#include "zonemath.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- zones ---------------------------------------------------------- */

enum zt_wstate
zone_wstate(const struct zt_zone *z)
{
	/* the allocator never looks at a zone without managed pages: it is
	 * not in any zonelist (build_zonelists_node: populated_zone() in
	 * 4.x, managed_zone() later), so it has no watermark state */
	if (!zt_have(z->present) || z->present == 0 ||
	    (zt_have(z->managed) && z->managed == 0))
		return ZT_WS_UNKNOWN;
	if (!zt_have(z->free) || !zt_have(z->min) || !zt_have(z->low) ||
	    !zt_have(z->high))
		return ZT_WS_UNKNOWN;
	/* the kernel's own tests: free <= min fails the min check, and
	 * kswapd wakes below low and sleeps again above high */
	if (z->free <= z->min)
		return ZT_WS_BELOW_MIN;
	if (z->free <= z->low)
		return ZT_WS_BELOW_LOW;
	if (z->free <= z->high)
		return ZT_WS_BELOW_HIGH;
	return ZT_WS_OK;
}

int64_t
zone_mark(const struct zt_zone *z, int m)
{
	switch (m) {
	case ZT_MARK_MIN: return z->min;
	case ZT_MARK_LOW: return z->low;
	case ZT_MARK_HIGH: return z->high;
	}
	return ZT_NA;
}

/* fill_contig_page_info() of mm/vmstat.c, with overflow checks the
 * kernel does not need (its counts are real). */
struct derive_contig_info {
	uint64_t free_pages, blocks_total, blocks_suitable;
};

static bool
derive_contig(const int64_t *buddy, int norders, int order,
    struct derive_contig_info *c)
{
	memset(c, 0, sizeof *c);
	if (buddy == NULL || norders <= 0 || norders > ZT_MAX_ORDER ||
	    order < 0 || order >= norders)
		return false;
	for (int k = 0; k < norders; k++) {
		uint64_t n, pages;

		if (!zt_have(buddy[k]) || buddy[k] < 0)
			return false;
		n = (uint64_t)buddy[k];
		if (n > (UINT64_MAX >> k))
			return false;
		pages = n << k;
		if (__builtin_add_overflow(c->free_pages, pages, &c->free_pages) ||
		    __builtin_add_overflow(c->blocks_total, n, &c->blocks_total))
			return false;
		if (k >= order) {
			/* a block of order k holds 2^(k-order) blocks of order */
			uint64_t s = n << (k - order);
			if (__builtin_add_overflow(c->blocks_suitable, s,
			    &c->blocks_suitable))
				return false;
		}
	}
	return true;
}

/* unusable_free_index(), mm/vmstat.c (2.6.35..6.18): the share of free
 * memory in blocks too small for the order, in thousandths.  INT_MIN
 * when the input is not a buddy list. */
int
unusable_index_milli(const int64_t *buddy, int norders, int order)
{
	struct derive_contig_info c;
	uint64_t unusable, scaled;

	if (!derive_contig(buddy, norders, order, &c))
		return INT_MIN;
	/* no free memory: all of it (none) is unusable */
	if (c.free_pages == 0)
		return 1000;
	/* blocks_suitable << order <= free_pages by construction */
	unusable = c.free_pages - (c.blocks_suitable << order);
	if (__builtin_mul_overflow(unusable, (uint64_t)1000, &scaled))
		return INT_MIN;
	return (int)(scaled / c.free_pages);
}

/* __fragmentation_index(), mm/vmstat.c: -1000 when a block of the order
 * is free (the allocation would succeed); otherwise near 0 when it fails
 * for lack of memory, near 1000 when it fails for fragmentation.  All
 * divisions are integer (div_u64), as in the kernel.  INT_MIN on bad
 * input. */
int
fragmentation_index_milli(const int64_t *buddy, int norders, int order)
{
	struct derive_contig_info c;
	uint64_t requested, scaled, q;

	if (!derive_contig(buddy, norders, order, &c))
		return INT_MIN;
	if (c.blocks_total == 0)
		return 0;
	if (c.blocks_suitable > 0)
		return -1000;
	requested = (uint64_t)1 << order;
	if (__builtin_mul_overflow(c.free_pages, (uint64_t)1000, &scaled))
		return INT_MIN;
	q = (1000 + scaled / requested) / c.blocks_total;
	/* the kernel returns int: 1000 - q, which can go below -1000 only
	 * for counts no buddy list holds */
	if (q > (uint64_t)INT_MAX / 2)
		return INT_MIN;
	return 1000 - (int)q;
}

/* ---- the watermark check -------------------------------------------- */

/* Would a free list of order >= order serve the request?  Kernel
 * (__zone_watermark_ok, 4.4..6.18): a block on an Unmovable, Movable or
 * Reclaimable list, or CMA with ALLOC_CMA.  pagetypeinfo, when read,
 * tells the lists apart; buddyinfo sums them all.  With neither the
 * answer is yes: the free-page part of the check already ran and no
 * list data means nothing to hold against it. */
static bool
derive_has_block(const struct zt_zone *z, int order, bool alloc_cma,
    bool highatomic)
{
	const struct zt_pagetype *pt = z->pt;

	if (pt != NULL && pt->norders > order && pt->norders <= ZT_MAX_ORDER) {
		for (int t = 0; t < pt->ntypes && t < ZT_MAX_MIGRATE; t++) {
			const char *n = pt->names[t];
			bool usable = strcmp(n, "Unmovable") == 0 ||
			    strcmp(n, "Movable") == 0 ||
			    strcmp(n, "Reclaimable") == 0 ||
			    (alloc_cma && strcmp(n, "CMA") == 0) ||
			    (highatomic && strcmp(n, "HighAtomic") == 0);
			if (!usable)
				continue;
			for (int o = order; o < pt->norders; o++)
				if (zt_have(pt->free[t][o]) && pt->free[t][o] > 0)
					return true;
		}
		return false;
	}
	if (z->norders > order && z->norders <= ZT_MAX_ORDER) {
		for (int o = order; o < z->norders; o++)
			if (zt_have(z->buddy[o]) && z->buddy[o] > 0)
				return true;
		return false;
	}
	return true;
}

/*
 * __zone_watermark_ok() and gfp_to_alloc_flags(), mm/page_alloc.c, for a
 * request with the alloc flags f (gfp_to_alloc_flags of its gfp_mask):
 *
 * 4.4 .. 6.2:
 *	free = NR_FREE_PAGES - (2^order - 1) - [free CMA unless ALLOC_CMA]
 *	min = mark, - min/2 with ALLOC_HIGH (__GFP_HIGH)
 *	ALLOC_HARDER (atomic): min -= min/4; else free -= highatomic reserve
 *	fail if free <= min + lowmem_reserve[highest_zoneidx]
 *	order > 0: a free block of order >= order on an Unmovable, Movable
 *	or Reclaimable list (CMA with ALLOC_CMA; any list when HARDER)
 * 6.3+: ALLOC_MIN_RESERVE (__GFP_HIGH) min/2, and with ALLOC_NON_BLOCK
 *	a further min/4; any reserve flag (NON_BLOCK too) spares the
 *	highatomic reserve; HighAtomic blocks count with ALLOC_HIGHATOMIC.
 * <= 4.3: min/2 (HIGH), min/4 (HARDER); fail if free - free CMA <= min +
 *	lowmem_reserve; then for each order below the request subtract that
 *	order's free pages and halve min, failing when free <= min.  No
 *	migrate-type test.
 *
 * highatomic: the zone's reserved highatomic pages (the report's
 * reserved_highatomic:), ZT_NA when not known (/proc does not show it:
 * then a pass can be a little optimistic; a failure is real).  Not
 * modelled: NR_UNACCEPTED pages (6.5+).  Unknown free or mark: not
 * passed.  A missing protection entry counts as 0.
 */
bool
watermark_ok_flags(const struct zt_zone *z, int order, int64_t mark, int slot,
    const struct wm_flags *f, int64_t highatomic)
{
	int64_t free, prot = 0, limit, min = mark;
	bool reserves = f->high || f->harder || f->highatomic;

	if (!zt_have(z->free) || !zt_have(mark) || order < 0 ||
	    order >= ZT_MAX_ORDER)
		return false;
	free = z->free - (((int64_t)1 << order) - 1);
	if (slot >= 0 && slot < z->nprot && slot < ZT_MAX_ZONE_TYPES &&
	    zt_have(z->protection[slot]))
		prot = z->protection[slot];
	int64_t cma = !f->cma && zt_have(z->nr_free_cma) && z->nr_free_cma > 0 ?
	    z->nr_free_cma : 0;
	if (f->high)
		min -= min / 2;
	if (f->harder && (f->shape != WM_SHAPE_63 || f->high))
		min -= min / 4;
	/* ordinary requests keep off the highatomic reserve */
	int64_t usable;
	if (f->shape != WM_SHAPE_43 && zt_have(highatomic) && highatomic > 0 &&
	    !(f->shape == WM_SHAPE_63 ? reserves : f->harder) &&
	    __builtin_sub_overflow(free, highatomic, &free))
		return false;
	if (__builtin_add_overflow(min, prot, &limit) ||
	    __builtin_sub_overflow(free, cma, &usable) || usable <= limit)
		return false;
	if (f->shape == WM_SHAPE_43) {
		for (int o = 0; o < order; o++) {
			if (o >= z->norders || !zt_have(z->buddy[o]))
				return true;	/* no list data: as the 4.4+ case */
			int64_t pages;
			if (z->buddy[o] < 0 || z->buddy[o] > (INT64_MAX >> o) ||
			    __builtin_sub_overflow(free, z->buddy[o] << o, &pages))
				return false;
			free = pages;
			min >>= 1;
			if (free <= min)
				return false;
		}
		return true;
	}
	if (order == 0)
		return true;
	if (f->harder && f->shape == WM_SHAPE_44)
		return derive_has_block(z, order, true, true);
	return derive_has_block(z, order, f->cma, f->highatomic);
}

bool
watermark_ok_cma(const struct zt_zone *z, int order, int64_t mark, int slot,
    bool alloc_cma)
{
	const struct wm_flags f = { .shape = WM_SHAPE_44, .cma = alloc_cma };

	return watermark_ok_flags(z, order, mark, slot, &f, ZT_NA);
}

/* The plain check takes the conservative side on CMA: ALLOC_CMA is not
 * assumed, so free CMA pages do not count (right for GFP_KERNEL). */
bool
watermark_ok(const struct zt_zone *z, int order, int64_t mark, int slot)
{
	return watermark_ok_cma(z, order, mark, slot, false);
}

int
slot_of_type(const struct zt_snapshot *s, int type)
{
	if (type < 0)
		return -1;
	for (int i = 0; i < s->ntypes && i < ZT_MAX_ZONE_TYPES; i++)
		if (s->type_of_slot[i] == type)
			return i;
	return -1;
}

int64_t
zone_kernel_reserve(const struct zt_snapshot *s, const struct zt_zone *z)
{
	/* GFP_KERNEL's highest zone is Normal: its protection[] slot */
	int slot = slot_of_type(s, ZT_ZONE_NORMAL);

	if (z->type >= ZT_ZONE_NORMAL)
		return 0;
	if (slot < 0 || slot >= z->nprot)
		return ZT_NA;
	return z->protection[slot];
}

bool
zone_fenced(const struct zt_snapshot *s, const struct zt_zone *z)
{
	int64_t r = zone_kernel_reserve(s, z);

	if (z->empty || z->unmanaged || !zt_have(r) || r <= 0 ||
	    !zt_have(z->free) || !zt_have(z->min))
		return false;
	return z->free > z->min && z->free <= z->min + r;
}

/*
 * gfp_zone() through GFP_ZONE_TABLE (include/linux/gfp.h): GFP_KERNEL
 * has no zone bit -> ZONE_NORMAL; GFP_HIGHUSER_MOVABLE is
 * __GFP_HIGHMEM|__GFP_MOVABLE -> ZONE_MOVABLE; GFP_DMA32 -> ZONE_DMA32,
 * or ZONE_NORMAL where the kernel has no DMA32 (OPT_ZONE_DMA32).  When
 * the kernel lacks the first choice, the next is the table's fallback.
 */
int
class_highest_type(const struct zt_snapshot *s, int cls)
{
	static const int kernel[] = { ZT_ZONE_NORMAL };
	static const int movable[] = {
		ZT_ZONE_MOVABLE, ZT_ZONE_HIGHMEM, ZT_ZONE_NORMAL,
	};
	static const int dma32[] = { ZT_ZONE_DMA32, ZT_ZONE_NORMAL };
	const int *c;
	size_t n;

	switch (cls) {
	case ZT_CLASS_KERNEL:
		c = kernel;
		n = ZT_ARRAY_LEN(kernel);
		break;
	case ZT_CLASS_MOVABLE:
		c = movable;
		n = ZT_ARRAY_LEN(movable);
		break;
	case ZT_CLASS_DMA32:
		c = dma32;
		n = ZT_ARRAY_LEN(dma32);
		break;
	default:
		return ZT_ZONE_UNKNOWN;
	}
	if (s->ntypes <= 0)
		return c[0];
	for (size_t i = 0; i < n; i++)
		if (slot_of_type(s, c[i]) >= 0)
			return c[i];
	return c[n - 1];
}

/* ---- meminfo -------------------------------------------------------- */

/* A meminfo value in kB, 0 when the kernel does not print it. */
static int64_t
derive_mi(const struct zt_kvs *m, const char *key)
{
	int64_t v = kvs_get(m, key);

	return zt_have(v) && v > 0 ? v : 0;
}

static bool
derive_sum_add(int64_t *sum, int64_t v)
{
	return !__builtin_add_overflow(*sum, v, sum);
}

/* kB on the anon LRU that no process maps, at least: Active(anon) +
 * Inactive(anon) hold every swap-backed page on the LRU, which is mapped
 * anon (AnonPages, NR_ANON_MAPPED), shmem/tmpfs (Shmem), swap cache
 * (SwapCached, some of it mapped too) and anon pages nobody maps any
 * more but something still holds (a pin, a leaked reference).  What the
 * first three do not cover is that last kind.  ZT_NA without the
 * counters (AnonPages is 2.6.18+); 0 when they cover it all. */
int64_t
anon_lru_unmapped_kb(const struct zt_kvs *meminfo)
{
	int64_t lru = kvs_get(meminfo, "Active(anon)");
	int64_t in = kvs_get(meminfo, "Inactive(anon)");
	int64_t mapped = kvs_get(meminfo, "AnonPages");
	int64_t shmem = kvs_get(meminfo, "Shmem"), sc = kvs_get(meminfo, "SwapCached");

	if (!zt_have(lru) || !zt_have(in) || !zt_have(mapped) || lru < 0 ||
	    in < 0 || mapped < 0 || __builtin_add_overflow(lru, in, &lru))
		return ZT_NA;
	if (zt_have(shmem) && shmem > 0 &&
	    __builtin_add_overflow(mapped, shmem, &mapped))
		return ZT_NA;
	if (zt_have(sc) && sc > 0 && __builtin_add_overflow(mapped, sc, &mapped))
		return ZT_NA;
	return lru > mapped ? lru - mapped : 0;
}

/*
 * MemTotal less every counter that holds pages of its own, so that no
 * page is counted twice (fs/proc/meminfo.c; meminfo is not a partition,
 * the overlaps are named):
 *
 *   MemFree        free pages (also unaccepted pages, 6.5+, and CMA free)
 *   Buffers        block device cache; not in Cached
 *   Cached         page cache less swap cache and buffers; holds Shmem,
 *                  so Shmem, Mapped, Dirty, Writeback, NFS_Unstable and
 *                  the file huge pages are not added again
 *   SwapCached     anonymous pages in the swap cache (a mapped one is
 *                  also in AnonPages: a small overlap, counted twice)
 *   AnonPages      mapped anonymous pages, THP included (AnonHugePages is
 *                  a part); no shmem.  Without it (2.6.18-): the anon LRU
 *                  less Shmem and SwapCached, which sit on it too
 *   Slab           or SReclaimable + SUnreclaim where Slab is missing
 *   KReclaimable   (4.20+) SReclaimable plus other reclaimable kernel
 *                  memory: only the part beyond SReclaimable is added
 *   KernelStack, PageTables, SecPageTables (6.0+, KVM's secondary page
 *                  tables, not in PageTables), Percpu (4.0+),
 *                  HardwareCorrupted, Bounce, WritebackTmp (FUSE),
 *                  Quicklists (old): pages no other counter holds
 *   VmallocUsed    vmalloc pages (0 from 4.4 to 5.2, real again since
 *                  5.3).  Up to 4.3 it was the vmalloc address space in
 *                  use (get_vmalloc_info() summed the vmap areas, ioremap
 *                  and guard pages included: on a 92 MiB 4.1 router
 *                  twice its RAM), not pages; those kernels alone print
 *                  a VmallocChunk above 0 (the largest free piece; 4.4+
 *                  print 0), and then it is not added.  With
 *                  CONFIG_VMAP_STACK (x86_64 and arm64
 *                  default since 4.9, so on every kernel where this is
 *                  nonzero) kernel stacks are vmalloc pages and already
 *                  in KernelStack: only VmallocUsed beyond KernelStack
 *                  is added
 *   Zswap          (5.19+) the compressed pool: zsmalloc pages, no other
 *                  counter
 *   Hugetlb        (4.16+) the hugetlbfs pools of every size, used or
 *                  free; else HugePages_Total x Hugepagesize (pages, no
 *                  unit)
 *
 * Not added: Unevictable and Mlocked (parts of the LRU lists, already in
 * Cached or AnonPages), Active/Inactive (the same), CmaTotal/CmaFree
 * (CmaFree is in MemFree, used CMA pages in their users), DirectMap*
 * (mappings, not memory), Balloon (6.12+: balloon pages may or may not
 * have left MemTotal already, depending on the driver; the verdict names
 * it instead).  What is left is memory held outside every counter:
 * a balloon, a driver's pages (GPU, zram), or a leak.  Never below 0.
 */
int64_t
unaccounted_kb(const struct zt_kvs *meminfo)
{
	/* counters whose pages are nobody else's, added as they are */
	static const char *const own[] = {
		"MemFree", "Buffers", "Cached", "SwapCached", "KernelStack",
		"PageTables", "SecPageTables", "Percpu", "HardwareCorrupted",
		"Bounce", "WritebackTmp", "Quicklists", "Zswap",
	};
	const struct zt_kvs *m = meminfo;
	int64_t total = kvs_get(m, "MemTotal"), sum = 0, anon, slab, v;
	bool ok = true;

	if (!zt_have(total) || total < 0)
		return ZT_NA;
	for (size_t i = 0; i < ZT_ARRAY_LEN(own); i++)
		ok &= derive_sum_add(&sum, derive_mi(m, own[i]));

	anon = kvs_get(m, "AnonPages");
	if (!zt_have(anon)) {
		int64_t other = derive_mi(m, "Shmem");
		anon = derive_mi(m, "Active(anon)");
		ok &= derive_sum_add(&anon, derive_mi(m, "Inactive(anon)"));
		ok &= derive_sum_add(&other, derive_mi(m, "SwapCached"));
		anon -= other;		/* both >= 0: cannot overflow */
	}
	ok &= derive_sum_add(&sum, anon > 0 ? anon : 0);

	slab = kvs_get(m, "Slab");
	if (!zt_have(slab)) {
		slab = derive_mi(m, "SReclaimable");
		ok &= derive_sum_add(&slab, derive_mi(m, "SUnreclaim"));
	}
	ok &= derive_sum_add(&sum, slab > 0 ? slab : 0);
	v = derive_mi(m, "KReclaimable") - derive_mi(m, "SReclaimable");
	ok &= derive_sum_add(&sum, v > 0 ? v : 0);
	/* up to 4.3 VmallocUsed is address space (VmallocChunk > 0 then) */
	v = derive_mi(m, "VmallocUsed") - derive_mi(m, "KernelStack");
	if (derive_mi(m, "VmallocChunk") == 0)
		ok &= derive_sum_add(&sum, v > 0 ? v : 0);

	v = kvs_get(m, "Hugetlb");
	if (!zt_have(v) && __builtin_mul_overflow(derive_mi(m, "HugePages_Total"),
	    derive_mi(m, "Hugepagesize"), &v))
		ok = false;
	ok &= derive_sum_add(&sum, v > 0 ? v : 0);

	if (!ok)
		return ZT_NA;
	return total > sum ? total - sum : 0;
}

int64_t
managed_gap_kb(const struct zt_snapshot *s)
{
	int64_t total = kvs_get(&s->meminfo, "MemTotal"), managed = 0, kb;

	if (!zt_have(total) || s->nzones == 0 || s->page_kb <= 0)
		return ZT_NA;
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		if (!zt_have(z->managed) ||
		    __builtin_add_overflow(managed, z->managed, &managed))
			return ZT_NA;
	}
	if (__builtin_mul_overflow(managed, (int64_t)s->page_kb, &kb))
		return ZT_NA;
	return total - kb;
}
