/*
 * derive.c: every derived field of a snapshot, from its raw figures and
 * the previous snapshot's (KERNEL.md §3 and §4 are the reference; the
 * kernel functions mirrored are named at each place).
 *
 * Per zone: watermark state, flags (empty, unmanaged, tiny), reserved
 * pages, the buddy fragmentation indices, and the watermark check for
 * each allocation class, order 0..3 and mark.  Per snapshot: which zone
 * would serve each class and order (the zonelist walk), unaccounted
 * memory, swap and commit totals, rates and events against the previous
 * sample.  The verdict lines are in verdict.c.
 *
 * Nothing here guesses: a figure the kernel did not give stays ZT_NA or
 * NAN, and a check that cannot be made does not pass.
 */
#include "derive.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmsg.h"
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

void
derive_zone(struct zt_zone *z)
{
	z->state = zone_wstate(z);
	z->empty = zt_have(z->present) && z->present == 0;
	z->unmanaged = zt_have(z->managed) && z->managed == 0 &&
	    zt_have(z->present) && z->present > 0;
	z->tiny = zt_have(z->managed) && zt_have(z->high) &&
	    z->managed > 0 && z->managed < z->high;
	/* show_mem's "pages reserved" (KERNEL.md §1.3); but see
	 * managed_gap_kb(): on deferred-init kernels it is not reserved */
	z->reserved = zt_have(z->present) && zt_have(z->managed) ?
	    z->present - z->managed : ZT_NA;

	z->highest_free_order = -2;
	for (int o = 0; o < ZT_MAX_ORDER; o++) {
		z->unusable[o] = NAN;
		z->fragidx[o] = NAN;
	}
	if (z->norders <= 0 || z->norders > ZT_MAX_ORDER)
		return;
	z->highest_free_order = -1;
	for (int o = 0; o < z->norders; o++) {
		if (!zt_have(z->buddy[o]) || z->buddy[o] < 0) {
			z->highest_free_order = -2;
			break;
		}
		if (z->buddy[o] > 0)
			z->highest_free_order = o;
	}
	for (int o = 0; o < z->norders; o++) {
		int u = unusable_index_milli(z->buddy, z->norders, o);
		int f = fragmentation_index_milli(z->buddy, z->norders, o);
		if (u != INT_MIN)
			z->unusable[o] = u / 1000.0;
		if (f != INT_MIN)
			z->fragidx[o] = f / 1000.0;
	}
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
	if (f->shape != WM_SHAPE_43 && zt_have(highatomic) && highatomic > 0 &&
	    !(f->shape == WM_SHAPE_63 ? reserves : f->harder))
		free -= highatomic;
	if (__builtin_add_overflow(min, prot, &limit) || free - cma <= limit)
		return false;
	if (f->shape == WM_SHAPE_43) {
		for (int o = 0; o < order; o++) {
			if (o >= z->norders || !zt_have(z->buddy[o]))
				return true;	/* no list data: as the 4.4+ case */
			free -= z->buddy[o] << o;
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

/*
 * gfp_zone() through GFP_ZONE_TABLE (include/linux/gfp.h, KERNEL.md
 * §6.1): GFP_KERNEL has no zone bit -> ZONE_NORMAL; GFP_HIGHUSER_MOVABLE
 * is __GFP_HIGHMEM|__GFP_MOVABLE -> ZONE_MOVABLE; GFP_DMA32 -> ZONE_DMA32,
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

/* Each zone's check for each class, order 0..3 and mark. */
static void
derive_zone_checks(struct zt_snapshot *s)
{
	for (int c = 0; c < ZT_NCLASSES; c++) {
		int hi = class_highest_type(s, c);
		/*
		 * The reserve a lower zone keeps is lowmem_reserve[] of the
		 * request's highest zone: highest_zoneidx = gfp_zone() in 5.8+
		 * (3334a45eb9e2).  Before 5.8 it was classzone_idx, the first
		 * populated zone <= gfp_zone() in the zonelist; the two differ
		 * only when the highest zone is empty, and then the entries
		 * are equal (the empty zone adds no managed pages to the
		 * sums of setup_per_zone_lowmem_reserve).
		 */
		int slot = slot_of_type(s, hi);

		for (int i = 0; i < s->nzones; i++) {
			struct zt_zone *z = &s->zones[i];

			z->wm_applies[c] = z->type >= 0 && hi >= 0 && z->type <= hi;
			for (int o = 0; o < ZT_ALLOC_ORDERS; o++) {
				uint8_t bits = 0;
				if (z->wm_applies[c])
					for (int m = 0; m < ZT_NMARKS; m++)
						if (watermark_ok_cma(z, o, zone_mark(z, m),
						    slot, c == ZT_CLASS_MOVABLE))
							bits |= (uint8_t)(1u << m);
				z->wm_ok[c][o] = bits;
			}
		}
	}
}

/*
 * The zonelist walk of get_page_from_freelist(): the local node's zones
 * from the highest allowed type down to DMA, then the other nodes' in
 * the same way (build_zonelists, node order).  "Local" is the first node
 * listed; the other nodes are taken in file order, as the kernel's
 * distance order is not in /proc.  Zones without managed pages are not
 * in zonelists.  The first zone passing the mark serves the request.
 */
static void
derive_alloc(struct zt_snapshot *s)
{
	int *nodes = xreallocarray(NULL, (size_t)(s->nzones > 0 ? s->nzones : 1),
	    sizeof *nodes);
	int nn = 0;

	for (int i = 0; i < s->nzones; i++) {
		int j;
		for (j = 0; j < nn; j++)
			if (nodes[j] == s->zones[i].node)
				break;
		if (j == nn)
			nodes[nn++] = s->zones[i].node;
	}
	for (int c = 0; c < ZT_NCLASSES; c++) {
		int hi = class_highest_type(s, c);

		for (int o = 0; o < ZT_ALLOC_ORDERS; o++) {
			struct zt_alloc *a = &s->alloc[c * ZT_ALLOC_ORDERS + o];

			a->cls = c;
			a->order = o;
			for (int m = 0; m < ZT_NMARKS; m++) {
				a->ok[m] = false;
				a->zone[m] = -1;
			}
			for (int ni = 0; ni < nn; ni++) {
				for (int t = hi; t >= 0; t--) {
					for (int i = 0; i < s->nzones; i++) {
						const struct zt_zone *z = &s->zones[i];
						if (z->node != nodes[ni] || z->type != t ||
						    z->empty || z->unmanaged)
							continue;
						for (int m = 0; m < ZT_NMARKS; m++) {
							if (a->zone[m] >= 0 ||
							    !(z->wm_ok[c][o] & (1u << m)))
								continue;
							a->zone[m] = i;
							a->ok[m] = true;
						}
					}
				}
			}
		}
	}
	free(nodes);
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
 *                  5.3).  With CONFIG_VMAP_STACK (x86_64 and arm64
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
	v = derive_mi(m, "VmallocUsed") - derive_mi(m, "KernelStack");
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

/* ---- totals, rates, events ------------------------------------------ */

static void
derive_totals(struct zt_snapshot *s)
{
	int64_t st = kvs_get(&s->meminfo, "SwapTotal");
	int64_t sf = kvs_get(&s->meminfo, "SwapFree");

	if (zt_have(st) && zt_have(sf)) {
		s->swap_total_kb = st;
		s->swap_free_kb = sf;
	} else if (s->nswaps > 0 || s->status[ZT_SRC_SWAPS].ok) {
		/* meminfo missing: the devices' own sizes */
		int64_t t = 0, u = 0;
		bool ok = true;
		for (int i = 0; i < s->nswaps; i++) {
			ok &= derive_sum_add(&t, s->swaps[i].size_kb);
			ok &= derive_sum_add(&u, s->swaps[i].used_kb);
		}
		if (ok) {
			s->swap_total_kb = t;
			s->swap_free_kb = t - u;
		}
	}
	if (zt_have(s->swap_total_kb) && zt_have(s->swap_free_kb))
		s->swap_used_kb = s->swap_total_kb > s->swap_free_kb ?
		    s->swap_total_kb - s->swap_free_kb : 0;

	s->commit_limit_kb = kvs_get(&s->meminfo, "CommitLimit");
	s->committed_kb = kvs_get(&s->meminfo, "Committed_AS");
	/* vmstat oom_kill: 4.13+ ("mm, oom: count global and memory cgroup
	 * oom kills"); older kernels leave it n/a */
	s->oom_kills = kvs_get(&s->vmstat, "oom_kill");

	s->unaccounted_kb = unaccounted_kb(&s->meminfo);
	s->unaccounted_pct = NAN;
	{
		int64_t total = kvs_get(&s->meminfo, "MemTotal");
		if (zt_have(s->unaccounted_kb) && zt_have(total) && total > 0)
			s->unaccounted_pct = 100.0 * (double)s->unaccounted_kb /
			    (double)total;
	}
}

/* cur - prev of a counter, or ZT_NA when either is missing or it went
 * backwards (another boot, another capture). */
static int64_t
derive_delta(int64_t cur, int64_t prev)
{
	int64_t d;

	if (!zt_have(cur) || !zt_have(prev) ||
	    __builtin_sub_overflow(cur, prev, &d) || d < 0)
		return ZT_NA;
	return d;
}

static void
derive_rates(struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	double dt = cur->mono - prev->mono;
	int64_t d;

	cur->interval = prev->mono > 0 && dt > 0 ? dt : NAN;
	if (!isnan(cur->interval)) {
		d = derive_delta(kvs_get(&cur->vmstat, "pswpin"),
		    kvs_get(&prev->vmstat, "pswpin"));
		if (zt_have(d))
			cur->pswpin_per_s = (double)d / cur->interval;
		d = derive_delta(kvs_get(&cur->vmstat, "pswpout"),
		    kvs_get(&prev->vmstat, "pswpout"));
		if (zt_have(d))
			cur->pswpout_per_s = (double)d / cur->interval;
	}
	cur->oom_kills_delta = derive_delta(cur->oom_kills, prev->oom_kills);
	if (cur->psi.some.have && prev->psi.some.have &&
	    zt_have(d = derive_delta(cur->psi.some.total_us, prev->psi.some.total_us)))
		cur->psi_some_delta_us = (double)d;
	if (cur->psi.full.have && prev->psi.full.have &&
	    zt_have(d = derive_delta(cur->psi.full.total_us, prev->psi.full.total_us)))
		cur->psi_full_delta_us = (double)d;
}

struct derive_evlist {
	int n, cap;
	struct zt_event *v;
};

static struct zt_event *
derive_ev_add(struct derive_evlist *l, const struct zt_snapshot *s, int kind)
{
	struct zt_event *e;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof *l->v);
	}
	e = &l->v[l->n++];
	memset(e, 0, sizeof *e);
	e->when = s->when;
	e->kind = kind;
	return e;
}

static const struct zt_zone *
derive_find_zone(const struct zt_snapshot *s, int node, const char *name)
{
	for (int i = 0; i < s->nzones; i++)
		if (s->zones[i].node == node &&
		    strcmp(s->zones[i].name, name) == 0)
			return &s->zones[i];
	return NULL;
}

/* Text read from a file, made printable for an event line. */
static const char *
derive_clean(char *buf, size_t len, const char *s)
{
	escape_text(buf, len, s, strlen(s));
	return buf;
}

static const char *
derive_ev_num(char *buf, size_t len, int64_t v)
{
	if (zt_have(v))
		snprintf(buf, len, "%lld", (long long)v);
	else
		snprintf(buf, len, "n/a");
	return buf;
}

/* Zones that came, went or changed size between the samples. */
static void
derive_zone_events(struct derive_evlist *l, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev)
{
	char a[24], b[24], c[24], d[24], name[64];

	/* both samples need zoneinfo, or every zone would "vanish" */
	if (!cur->status[ZT_SRC_ZONEINFO].ok || !prev->status[ZT_SRC_ZONEINFO].ok)
		return;
	for (int i = 0; i < cur->nzones; i++) {
		const struct zt_zone *z = &cur->zones[i];
		const struct zt_zone *p = derive_find_zone(prev, z->node, z->name);
		struct zt_event *e;

		if (p == NULL) {
			e = derive_ev_add(l, cur, ZT_EV_ZONE_APPEARED);
			snprintf(e->text, sizeof e->text,
			    "node %d %s appeared: present %s, managed %s pages",
			    z->node, derive_clean(name, sizeof name, z->name),
			    derive_ev_num(a, sizeof a, z->present),
			    derive_ev_num(b, sizeof b, z->managed));
			continue;
		}
		if ((zt_have(z->present) && zt_have(p->present) &&
		    z->present != p->present) ||
		    (zt_have(z->managed) && zt_have(p->managed) &&
		    z->managed != p->managed)) {
			e = derive_ev_add(l, cur, ZT_EV_ZONE_RESIZED);
			e->count = zt_have(z->managed) && zt_have(p->managed) ?
			    z->managed - p->managed : 0;
			snprintf(e->text, sizeof e->text,
			    "node %d %s resized: present %s->%s, managed %s->%s pages",
			    z->node, derive_clean(name, sizeof name, z->name),
			    derive_ev_num(a, sizeof a, p->present),
			    derive_ev_num(b, sizeof b, z->present),
			    derive_ev_num(c, sizeof c, p->managed),
			    derive_ev_num(d, sizeof d, z->managed));
		}
	}
	for (int i = 0; i < prev->nzones; i++) {
		const struct zt_zone *p = &prev->zones[i];
		struct zt_event *e;

		if (derive_find_zone(cur, p->node, p->name) != NULL)
			continue;
		/* <= 4.11 stops printing a zone once it has no present pages */
		e = derive_ev_add(l, cur, ZT_EV_ZONE_VANISHED);
		snprintf(e->text, sizeof e->text,
		    "node %d %s vanished: was present %s, managed %s pages",
		    p->node, derive_clean(name, sizeof name, p->name),
		    derive_ev_num(a, sizeof a, p->present),
		    derive_ev_num(b, sizeof b, p->managed));
	}
}

/* The best-ranked process of prev that cur no longer has (same pid and
 * start time): the likely victim when oom_kill rose. */
static const struct zt_proc *
derive_gone(const struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	const struct zt_proc *best = NULL;

	if (!cur->status[ZT_SRC_PROCS].ok || !prev->status[ZT_SRC_PROCS].ok)
		return NULL;
	for (int i = 0; i < prev->nprocs; i++) {
		const struct zt_proc *p = &prev->procs[i];
		bool still = false;

		if (!p->killable || p->rank <= 0)
			continue;
		for (int j = 0; j < cur->nprocs && !still; j++)
			still = cur->procs[j].pid == p->pid &&
			    cur->procs[j].start_time == p->start_time;
		if (!still && (best == NULL || p->rank < best->rank))
			best = p;
	}
	return best;
}

/* The first memory cgroup of prev (pre-order: the outermost) whose
 * ranking named pid its victim, or as gone (a kill that raced prev's
 * sample); -1 none. */
static int
derive_scope_predicting(const struct zt_snapshot *prev, int pid)
{
	for (int i = 0; i < prev->ncgroups; i++)
		if (zt_have(prev->cgroups[i].totalpages) &&
		    (prev->cgroups[i].predicted_victim == pid ||
		    prev->cgroups[i].victim_gone == pid))
			return i;
	return -1;
}

/* The guess from vmstat alone: n kills, the victim the best-ranked
 * process that vanished. */
static void
derive_oom_guess(struct zt_event *e, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev, int64_t n)
{
	const struct zt_proc *v = derive_gone(cur, prev);

	memset(e, 0, sizeof *e);
	e->when = cur->when;
	e->kind = ZT_EV_OOM_KILL;
	e->count = n;
	e->victim_guessed = true;
	e->victim_score = e->victim_rss_kb = e->memcg_limit_kb = ZT_NA;
	e->order = ZT_NA;
	if (v == NULL)
		return;
	escape_text(e->victim_comm, sizeof e->victim_comm, v->comm,
	    strnlen(v->comm, sizeof v->comm));
	e->victim_pid = v->pid;
	e->victim_rank = v->rank;
	e->victim_predicted = v->pid == prev->predicted_victim;
	strlcpy0(e->scope, "global", sizeof e->scope);
	/* without the report the scope is unknown: a cgroup's victim */
	int sc = e->victim_predicted ? -1 : derive_scope_predicting(prev, v->pid);
	if (sc >= 0) {
		e->victim_predicted = true;
		strlcpy0(e->scope, prev->cgroups[sc].path, sizeof e->scope);
	}
}

/* The memory cgroup of prev at path ("/a/b" as the report prints it),
 * -1 none. */
static int
derive_scope_of(const struct zt_snapshot *prev, const char *path)
{
	while (*path == '/')
		path++;
	for (int i = 0; i < prev->ncgroups; i++) {
		const char *p = prev->cgroups[i].path;
		while (*p == '/')
			p++;
		if (strcmp(p, path) == 0)
			return i;
	}
	return -1;
}

/* Was pid the victim prev predicted for an OOM of this kind?  Sets
 * e->scope to the ranking that answered. */
static void
derive_check_victim(struct zt_event *e, const struct zt_snapshot *prev,
    bool memcg)
{
	int sc = memcg && e->memcg[0] ? derive_scope_of(prev, e->memcg) : -1;

	/* a memcg kill whose report the kernel rate-limited away (only its
	 * "Killed process" line came): the cgroup that predicted it */
	if (memcg && !e->memcg[0])
		sc = derive_scope_predicting(prev, e->victim_pid);

	if (sc >= 0 && zt_have(prev->cgroups[sc].totalpages)) {
		/* a memcg OOM ranks the cgroup's subtree by its own limit */
		/* a kill that raced prev's sample: its victim was dying
		 * while prev ranked, and prev names it as gone */
		e->victim_predicted = e->victim_pid ==
		    prev->cgroups[sc].predicted_victim ||
		    e->victim_pid == prev->cgroups[sc].victim_gone;
		strlcpy0(e->scope, prev->cgroups[sc].path, sizeof e->scope);
	} else if (memcg && prev->cgroup.have) {
		/* no tree (a capture): the --cgroup view's prediction */
		e->victim_predicted = e->victim_pid == prev->predicted_victim ||
		    e->victim_pid == prev->cgroup.predicted_victim;
		strlcpy0(e->scope, prev->cgroup.path, sizeof e->scope);
	} else {
		e->victim_predicted = e->victim_pid == prev->predicted_victim ||
		    e->victim_pid == prev->victim_gone;
		strlcpy0(e->scope, "global", sizeof e->scope);
	}
}

/* The kernel's own reports (kmsg.c, cur's events so far): the victim's
 * rank in prev, the sample before the kill, and whether the ranking of
 * the OOM's scope (the machine, or the memory cgroup at its limit)
 * predicted it. */
static int
derive_kmsg_events(struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	int k = 0;

	for (int i = 0; i < cur->nevents; i++) {
		struct zt_event *e = &cur->events[i];
		bool memcg;

		if (e->kind != ZT_EV_OOM_KILL || e->victim_guessed)
			continue;
		k++;
		memcg = zt_constraint_of(e->constraint) == ZT_CON_MEMCG;
		for (int j = 0; prev != NULL && j < prev->nprocs; j++)
			if (prev->procs[j].pid == e->victim_pid)
				e->victim_rank = prev->procs[j].rank;
		if (prev != NULL && prev->status[ZT_SRC_PROCS].ok &&
		    e->victim_pid > 0)
			derive_check_victim(e, prev, memcg);
		kmsg_event_text(e, prev != NULL && prev->status[ZT_SRC_PROCS].ok,
		    NULL);
	}
	return k;
}

/*
 * vmstat's oom_kill against the kernel's reports.  kmsg is read before
 * vmstat, and the kernel counts a kill just before it logs "Killed
 * process", so a report never comes before its count, but a count may
 * come a sample before its report: with the log readable, kills without
 * a report wait one sample in cur->oom_held, and only then become a
 * guessed event.  Without the log, the guess is the event.
 */
static void
derive_oom_event(struct derive_evlist *l, struct zt_snapshot *cur,
    const struct zt_snapshot *prev)
{
	int64_t n = cur->oom_kills_delta, held = prev->oom_held.count, k;
	struct zt_event *e;
	char why[ZT_WHY_LEN + 32];

	k = derive_kmsg_events(cur, prev);
	if (!zt_have(n) || n < 0)
		n = 0;
	if (held > 0) {
		int64_t used = held < k ? held : k;
		/* the held guess saw the sample before the kill: its rank */
		for (int i = 0, u = 0; i < cur->nevents && u < used; i++) {
			struct zt_event *x = &cur->events[i];
			if (x->kind != ZT_EV_OOM_KILL || x->victim_guessed)
				continue;
			u++;
			if (x->victim_pid == prev->oom_held.victim_pid &&
			    x->victim_pid > 0) {
				x->victim_rank = prev->oom_held.victim_rank;
				x->victim_predicted = prev->oom_held.victim_predicted;
				strlcpy0(x->scope, prev->oom_held.scope,
				    sizeof x->scope);
				kmsg_event_text(x, true, NULL);
			}
		}
		held -= used;
		k -= used;
		if (held > 0) {
			e = derive_ev_add(l, cur, ZT_EV_OOM_KILL);
			*e = prev->oom_held;
			e->count = held;
			kmsg_event_text(e, true, "no report of it arrived");
		}
	}
	if (n - k <= 0)
		return;
	if (cur->kmsg.ok) {
		derive_oom_guess(&cur->oom_held, cur, prev, n - k);
		return;
	}
	e = derive_ev_add(l, cur, ZT_EV_OOM_KILL);
	derive_oom_guess(e, cur, prev, n - k);
	if (cur->kmsg.why[0] == '\0' || strcmp(cur->kmsg.why, "not read") == 0)
		snprintf(why, sizeof why, "not read");
	else
		snprintf(why, sizeof why, "not read (%s)", cur->kmsg.why);
	kmsg_event_text(e, prev->status[ZT_SRC_PROCS].ok &&
	    cur->status[ZT_SRC_PROCS].ok, why);
}

static const char *const derive_source_names[ZT_SRC_COUNT] = {
	"zoneinfo", "buddyinfo", "pagetypeinfo", "meminfo", "vmstat",
	"swaps", "pressure/memory", "sysctl", "processes",
};

static void
derive_source_events(struct derive_evlist *l, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev)
{
	for (int i = 0; i < ZT_SRC_COUNT; i++) {
		struct zt_event *e;
		char why[2 * ZT_WHY_LEN];

		if (!prev->status[i].ok || cur->status[i].ok ||
		    cur->status[i].skipped)
			continue;
		e = derive_ev_add(l, cur, ZT_EV_SOURCE_LOST);
		snprintf(e->text, sizeof e->text, "%s lost: %s", derive_source_names[i],
		    derive_clean(why, sizeof why, cur->status[i].why));
	}
}

/* cur->events = prev's, then cur's own (the sampler's), then new; only
 * the newest ZT_EVENTS_MAX are kept, with the reports they name.  cur
 * owns the result. */
static void
derive_events(struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	struct derive_evlist l = { 0 };
	struct zt_event *all;
	int n, k;

	derive_oom_event(&l, cur, prev);
	derive_zone_events(&l, cur, prev);
	derive_source_events(&l, cur, prev);

	n = prev->nevents + cur->nevents + l.n;
	all = xreallocarray(NULL, (size_t)(n > 0 ? n : 1), sizeof *all);
	if (prev->nevents > 0)
		memcpy(all, prev->events, (size_t)prev->nevents * sizeof *all);
	k = prev->nevents;
	if (cur->nevents > 0)
		memcpy(all + k, cur->events, (size_t)cur->nevents * sizeof *all);
	k += cur->nevents;
	if (l.n > 0)
		memcpy(all + k, l.v, (size_t)l.n * sizeof *all);
	k += l.n;
	if (k > ZT_EVENTS_MAX) {
		memmove(all, all + (k - ZT_EVENTS_MAX),
		    ZT_EVENTS_MAX * sizeof *all);
		k = ZT_EVENTS_MAX;
	}
	free(l.v);
	free(cur->events);
	cur->events = all;
	cur->nevents = k;
	kmsg_reports_carry(cur, prev);
}

void
derive_snapshot(struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	for (int i = 0; i < cur->nzones; i++)
		derive_zone(&cur->zones[i]);
	derive_zone_checks(cur);
	derive_alloc(cur);
	derive_totals(cur);
	if (prev != NULL) {
		derive_rates(cur, prev);
		derive_events(cur, prev);
	} else {
		/* the first sample: no rank to give, the reports stand alone */
		derive_kmsg_events(cur, NULL);
		kmsg_reports_carry(cur, NULL);
	}
	derive_verdict(cur);
}
