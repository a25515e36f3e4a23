/*
 * test_pagetypeinfo.c: pagetypeinfo_parse() on the 6.18 VM and the
 * 6.6-rc1 two-node file, checked against their buddyinfo/zoneinfo, plus
 * capped counts, name-matched block counts, mixed-block sections, a
 * capture with no zoneinfo and malformed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parsers.h"
#include "snapshot.h"
#include "util.h"

#include "fixture.h"

static int
parse_file(int (*fn)(const char *, size_t, struct zt_snapshot *, char *,
    size_t), const char *rel, struct zt_snapshot *s)
{
	char why[ZT_WHY_LEN] = "";
	size_t len;
	char *text = fixture(rel, &len);
	int rc = fn(text, len, s, why, sizeof why);

	free(text);
	return rc;
}

static int
type_index(const struct zt_pagetype *pt, const char *name)
{
	for (int t = 0; t < pt->ntypes; t++)
		if (strcmp(pt->names[t], name) == 0)
			return t;
	fail_msg("no migrate type %s", name);
	return -1;
}

static void
assert_free(const struct zt_pagetype *pt, const char *type, int n,
    const int64_t *want)
{
	int t = type_index(pt, type);

	for (int o = 0; o < n; o++) {
		assert_int_equal(pt->free[t][o], want[o]);
		assert_false(pt->capped[t][o]);
	}
}

static void
assert_blocks(const struct zt_pagetype *pt, const char *const *names,
    const int64_t *want)
{
	for (int i = 0; names[i] != NULL; i++)
		assert_int_equal(pt->blocks[type_index(pt, names[i])], want[i]);
}

/* The free lists of all types add up to buddyinfo, order by order. */
static void
assert_sums_to_buddy(const struct zt_zone *z)
{
	assert_non_null(z->pt);
	assert_int_equal(z->pt->norders, z->norders);
	for (int o = 0; o < z->norders; o++) {
		int64_t sum = 0;
		for (int t = 0; t < z->pt->ntypes; t++)
			sum += z->pt->free[t][o];
		assert_int_equal(sum, z->buddy[o]);
	}
}

static void
test_vm_618(void **state)
{
	static const char *const types[] = {
		"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
		NULL,
	};
	struct zt_snapshot s;
	(void)state;

	snapshot_init(&s);
	assert_int_equal(parse_file(zoneinfo_parse,
	    "proc/vm-6.18-x86_64-24g/zoneinfo", &s), 0);
	assert_int_equal(parse_file(buddyinfo_parse,
	    "proc/vm-6.18-x86_64-24g/buddyinfo", &s), 0);
	assert_int_equal(s.pageblock_order, -1);
	assert_int_equal(parse_file(pagetypeinfo_parse,
	    "proc/vm-6.18-x86_64-24g/pagetypeinfo", &s), 0);
	assert_int_equal(s.pageblock_order, 9);
	assert_int_equal(s.nzones, 5);

	const struct zt_pagetype *dma = s.zones[0].pt;
	assert_non_null(dma);
	assert_int_equal(dma->ntypes, 5);
	for (int t = 0; t < 5; t++)
		assert_string_equal(dma->names[t], types[t]);
	assert_int_equal(dma->norders, 11);
	assert_free(dma, "Unmovable", 11,
	    (const int64_t[]){ 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 });
	assert_free(dma, "Movable", 11,
	    (const int64_t[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3 });
	assert_blocks(dma, types, (const int64_t[]){ 1, 7, 0, 0, 0 });

	const struct zt_pagetype *d32 = s.zones[1].pt;
	assert_free(d32, "Movable", 11,
	    (const int64_t[]){ 2, 3, 0, 2, 3, 2, 1, 4, 4, 2, 752 });
	assert_blocks(d32, types, (const int64_t[]){ 0, 1528, 0, 0, 0 });

	const struct zt_pagetype *nor = s.zones[2].pt;
	assert_free(nor, "Reclaimable", 11, (const int64_t[]){ 3223, 3962,
	    3706, 2569, 1727, 1249, 853, 287, 48, 1, 0 });
	assert_blocks(nor, types, (const int64_t[]){ 317, 4317, 486, 0, 0 });
	/* 4 slots past ZT_MAX_MIGRATE's 5 used stay n/a */
	for (int t = 5; t < ZT_MAX_MIGRATE; t++)
		assert_true(nor->blocks[t] == ZT_NA);

	/* order 0 of Normal: 99 + 4979 + 3223 = 8301, buddyinfo's */
	for (int i = 0; i < 3; i++)
		assert_sums_to_buddy(&s.zones[i]);
	/* empty zones are not listed */
	assert_null(s.zones[3].pt);
	assert_null(s.zones[4].pt);
	snapshot_free(&s);
}

static void
test_numa_66(void **state)
{
	static const char *const types[] = {
		"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA",
		"Isolate", NULL,
	};
	struct zt_snapshot s;
	(void)state;

	snapshot_init(&s);
	assert_int_equal(parse_file(zoneinfo_parse,
	    "zoneinfo/zoneinfo-6.6rc1-x86_64-numa2.txt", &s), 0);
	assert_int_equal(parse_file(pagetypeinfo_parse,
	    "pagetypeinfo/pagetypeinfo-6.6rc1-x86_64-numa2.txt", &s), 0);
	assert_int_equal(s.pageblock_order, 9);

	/* zones: N0 DMA, DMA32, Normal, Movable, N1 DMA, DMA32, Normal,
	 * Movable; pagetypeinfo lists the populated ones */
	for (int i = 0; i < 8; i++)
		assert_true((s.zones[i].pt != NULL) ==
		    (i == 0 || i == 1 || i == 2 || i == 6));

	const struct zt_pagetype *n0 = s.zones[2].pt;
	assert_int_equal(n0->ntypes, 6);
	assert_blocks(n0, types, (const int64_t[]){ 71, 2995, 6, 0, 0, 0 });
	assert_free(n0, "Unmovable", 11, (const int64_t[]){ 566, 14, 22, 7, 8,
	    8, 9, 4, 7, 0, 1 });
	assert_blocks(s.zones[1].pt, types,
	    (const int64_t[]){ 0, 1016, 0, 0, 0, 0 });

	/* node 1 is under its own repeated header */
	const struct zt_pagetype *n1 = s.zones[6].pt;
	assert_int_equal(s.zones[6].node, 1);
	assert_blocks(n1, types, (const int64_t[]){ 101, 3977, 10, 0, 0, 8 });
	assert_free(n1, "Movable", 11, (const int64_t[]){ 1287, 502, 171, 85,
	    34, 14, 13, 8, 2, 5, 1861 });
	assert_free(n1, "Isolate", 11,
	    (const int64_t[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3 });
	/* Movable blocks hold free pages of at most 3977 * 512: the order-10
	 * Movable free list, 1861 blocks of 1024 pages = 1905664 pages,
	 * fits in 3977 pageblocks of 512 = 2036224 pages */
	assert_true(n1->free[type_index(n1, "Movable")][10] * 1024 <=
	    n1->blocks[type_index(n1, "Movable")] * 512);
	snapshot_free(&s);
}

/* ">100000": the kernel stopped counting (5.4+). */
static void
test_capped(void **state)
{
	static const char text[] =
	    "Page block order: 9\n"
	    "Pages per block:  512\n"
	    "\n"
	    "Free pages count per migrate type at order       0      1      2 \n"
	    "Node    0, zone   Normal, type    Unmovable >100000      5      0 \n"
	    "Node    0, zone   Normal, type      Movable 123456 >100000    >7 \n";
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	(void)state;

	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse("Node 0, zone   Normal\n", 22, &s, why,
	    sizeof why), 0);
	assert_int_equal(pagetypeinfo_parse(text, strlen(text), &s, why,
	    sizeof why), 0);
	const struct zt_pagetype *pt = s.zones[0].pt;
	assert_non_null(pt);
	assert_int_equal(pt->norders, 3);
	assert_int_equal(pt->free[0][0], 100000);
	assert_true(pt->capped[0][0]);
	assert_int_equal(pt->free[0][1], 5);
	assert_false(pt->capped[0][1]);
	assert_int_equal(pt->free[1][0], 123456);
	assert_false(pt->capped[1][0]);
	assert_int_equal(pt->free[1][1], 100000);
	assert_true(pt->capped[1][1]);
	assert_int_equal(pt->free[1][2], 7);
	assert_true(pt->capped[1][2]);
	/* no blocks section: counts unknown */
	assert_true(pt->blocks[0] == ZT_NA);
	snapshot_free(&s);
}

/* Block counts go by the header's names, whatever the free lists' order;
 * the page_owner "mixed blocks" section is not taken. 3.10 names. */
static void
test_blocks_by_name(void **state)
{
	static const char text[] =
	    "Page block order: 10\n"
	    "Pages per block:  1024\n"
	    "\n"
	    "Free pages count per migrate type at order       0      1 \n"
	    "Node    0, zone      DMA, type    Unmovable      1      2 \n"
	    "Node    0, zone      DMA, type  Reclaimable      3      4 \n"
	    "Node    0, zone      DMA, type      Movable      5      6 \n"
	    "Node    0, zone      DMA, type      Reserve      7      8 \n"
	    "\n"
	    "Number of blocks type     Reserve      Movable    Unmovable  Reclaimable  Isolate \n"
	    "Node 0, zone      DMA            2           30            4            1            9 \n"
	    "\n"
	    "Number of mixed blocks     Unmovable  Reclaimable      Movable      Reserve \n"
	    "Node 0, zone      DMA          777          777          777          777 \n";
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	(void)state;

	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse("Node 0, zone      DMA\n", 22, &s, why,
	    sizeof why), 0);
	assert_int_equal(pagetypeinfo_parse(text, strlen(text), &s, why,
	    sizeof why), 0);
	assert_int_equal(s.pageblock_order, 10);
	const struct zt_pagetype *pt = s.zones[0].pt;
	/* free lists first (Unmovable, Reclaimable, Movable, Reserve), then
	 * the header's new name Isolate */
	assert_int_equal(pt->ntypes, 5);
	assert_string_equal(pt->names[1], "Reclaimable");
	assert_string_equal(pt->names[4], "Isolate");
	assert_blocks(pt, (const char *const[]){ "Reserve", "Movable",
	    "Unmovable", "Reclaimable", "Isolate", NULL },
	    (const int64_t[]){ 2, 30, 4, 1, 9 });
	assert_free(pt, "Movable", 2, (const int64_t[]){ 5, 6 });
	assert_true(pt->free[4][0] == ZT_NA);	/* Isolate: no free line */
	snapshot_free(&s);
}

/* A capture with pagetypeinfo and no zoneinfo (5.2-rc, LKML 2019-05-29,
 * tests/fixtures/proc-fresh/017-*): pagetypeinfo_showfree() and
 * _showblockcount() print populated zones only, so the zones named are
 * appended with their free lists and block counts, not dropped. */
static void
test_no_zoneinfo(void **state)
{
	struct zt_snapshot s;
	(void)state;

	snapshot_init(&s);
	assert_int_equal(parse_file(pagetypeinfo_parse,
	    "proc-fresh/017-5.2-x86_64-uma-pagetypeinfo-only/pagetypeinfo",
	    &s), 0);
	assert_int_equal(s.nzones, 3);
	assert_int_equal(s.nnodes, 1);
	assert_int_equal(s.pageblock_order, 9);
	assert_string_equal(s.zones[0].name, "DMA");
	assert_int_equal(s.zones[0].type, ZT_ZONE_DMA);
	assert_string_equal(s.zones[1].name, "DMA32");
	assert_string_equal(s.zones[2].name, "Normal");
	assert_int_equal(s.zones[2].type, ZT_ZONE_NORMAL);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.zones[i].node, 0);
		assert_true(s.zones[i].free == ZT_NA);
		assert_true(s.zones[i].present == ZT_NA);
		assert_non_null(s.zones[i].pt);
		assert_int_equal(s.zones[i].pt->ntypes, 6);
	}
	const struct zt_pagetype *pt = s.zones[2].pt;
	assert_free(pt, "Unmovable", 11, (const int64_t[]){ 7744, 7519, 6900,
	    5964, 4583, 2878, 1346, 448, 146, 1, 0 });
	assert_free(pt, "Movable", 11, (const int64_t[]){ 645, 1930, 1685,
	    1339, 1020, 670, 363, 210, 106, 310, 399 });
	assert_blocks(pt, (const char *const[]){ "Unmovable", "Movable",
	    "Reclaimable", "HighAtomic", "CMA", "Isolate", NULL },
	    (const int64_t[]){ 947, 1469, 15, 0, 0, 0 });
	assert_blocks(s.zones[1].pt, (const char *const[]){ "Unmovable",
	    "Movable", "Reclaimable", NULL }, (const int64_t[]){ 4, 1650, 2 });
	snapshot_free(&s);

	/* a free list line adds its zone only where pagetypeinfo_free()
	 * takes it: ", type NAME" (blanks after the comma optional) and a
	 * count */
	snapshot_init(&s);
	static const char odd[] = "Node    0, zone      DMA, tipe    Unmovable      1\n"
	    "Node    0, zone      DMA, type    Unmovable\n"
	    "Node    0, zone    DMA32,type    Unmovable      7\n";
	char owhy[ZT_WHY_LEN];
	(void)pagetypeinfo_parse(odd, strlen(odd), &s, owhy, sizeof owhy);
	assert_int_equal(s.nzones, 1);
	assert_string_equal(s.zones[0].name, "DMA32");
	assert_free(s.zones[0].pt, "Unmovable", 1, (const int64_t[]){ 7 });
	snapshot_free(&s);

	/* every prefix of it: a line cut in a name ("zone    DMA" of
	 * "DMA32", "zone   Norm") adds no zone */
	size_t len;
	char *text = fixture(
	    "proc-fresh/017-5.2-x86_64-uma-pagetypeinfo-only/pagetypeinfo",
	    &len);
	static const char *const names[] = { "DMA", "DMA32", "Normal" };
	for (size_t n = 0; n < len; n++) {
		char why[ZT_WHY_LEN];
		snapshot_init(&s);
		(void)pagetypeinfo_parse(text, n, &s, why, sizeof why);
		assert_true(s.nzones <= 3);
		for (int i = 0; i < s.nzones; i++)
			assert_string_equal(s.zones[i].name, names[i]);
		snapshot_free(&s);
	}
	free(text);
}

static void
test_malformed(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };
	char why[ZT_WHY_LEN];
	(void)state;

	snapshot_init(&s);
	why[0] = '\0';
	assert_int_equal(pagetypeinfo_parse("", 0, &s, why, sizeof why), -1);
	assert_true(why[0] != '\0');
	assert_int_equal(pagetypeinfo_parse(NULL, 0, &s, why, sizeof why), -1);
	assert_int_equal(pagetypeinfo_parse("junk\n\n", 6, &s, why,
	    sizeof why), -1);
	assert_int_equal(s.pageblock_order, -1);

	/* no zones known: the zones named are appended (see
	 * test_no_zoneinfo), the block order counts */
	{
		size_t len;
		char *text = fixture(
		    "pagetypeinfo/pagetypeinfo-6.6rc1-x86_64-numa2.txt", &len);
		assert_int_equal(pagetypeinfo_parse(text, len, &s, why,
		    sizeof why), 0);
		assert_true(s.nzones > 0);
		assert_int_equal(s.nnodes, 2);
		assert_int_equal(s.pageblock_order, 9);
		free(text);
	}
	snapshot_free(&s);

	/* a bad block order is refused; bad counts end a line */
	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse("Node 0, zone      DMA\n", 22, &s, why,
	    sizeof why), 0);
	static const char bad[] =
	    "Page block order: 99999999999999999999999\n"
	    "Page block order: -3\n"
	    "Node    0, zone      DMA, type    Unmovable      1     x2      3 \n"
	    "Node    0, zone      DMA, type  VeryLongTypeNameHere 1 \n"
	    "Node    0, zone      DMA, typo      Movable      1 \n"
	    "Node    0, zone      DMA, type      Movable      >      4 \n"
	    "Number of blocks type\n"
	    "Node 0, zone      DMA            5            6 \n";
	assert_int_equal(pagetypeinfo_parse(bad, strlen(bad), &s, why,
	    sizeof why), 0);
	assert_int_equal(s.pageblock_order, -1);
	const struct zt_pagetype *pt = s.zones[0].pt;
	assert_non_null(pt);
	assert_int_equal(pt->ntypes, 2);
	assert_int_equal(pt->norders, 1);
	assert_int_equal(pt->free[0][0], 1);
	assert_true(pt->free[0][1] == ZT_NA);
	assert_true(pt->free[1][0] == ZT_NA);	/* "Movable  >" */
	assert_true(pt->blocks[0] == ZT_NA);	/* header named no types */
	snapshot_free(&s);

	/* more types and orders than kept */
	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse("Node 0, zone   Normal\n", 22, &s, why,
	    sizeof why), 0);
	buf_printf(&b, "Number of blocks type ");
	for (int t = 0; t < 12; t++)
		buf_printf(&b, " %11s%d", "T", t);
	buf_printf(&b, "\nNode 0, zone   Normal");
	for (int t = 0; t < 12; t++)
		buf_printf(&b, " %12d", 100 + t);
	buf_printf(&b, "\n");
	for (int t = 0; t < 12; t++) {
		buf_printf(&b, "Node 0, zone   Normal, type T%d", t);
		for (int o = 0; o < 20; o++)
			buf_printf(&b, " %d", 1000 * t + o);
		buf_printf(&b, "\n");
	}
	assert_int_equal(pagetypeinfo_parse(b.p, b.len, &s, why, sizeof why), 0);
	pt = s.zones[0].pt;
	assert_int_equal(pt->ntypes, ZT_MAX_MIGRATE);
	assert_int_equal(pt->norders, ZT_MAX_ORDER);
	assert_int_equal(pt->blocks[ZT_MAX_MIGRATE - 1], 100 + ZT_MAX_MIGRATE - 1);
	assert_int_equal(pt->free[ZT_MAX_MIGRATE - 1][ZT_MAX_ORDER - 1],
	    1000 * (ZT_MAX_MIGRATE - 1) + ZT_MAX_ORDER - 1);
	/* the types past the table went nowhere, not into another's row */
	for (int t = 0; t < ZT_MAX_MIGRATE; t++) {
		assert_int_equal(pt->blocks[t], 100 + t);
		assert_int_equal(pt->free[t][0], 1000 * t);
	}
	snapshot_free(&s);
	buf_free(&b);
}

static const char *const fixtures[] = {
	"proc/vm-6.18-x86_64-24g/pagetypeinfo",
	"pagetypeinfo/pagetypeinfo-6.6rc1-x86_64-numa2.txt",
};
static const char *const zfixtures[] = {
	"proc/vm-6.18-x86_64-24g/zoneinfo",
	"zoneinfo/zoneinfo-6.6rc1-x86_64-numa2.txt",
};

/* Every prefix over the matching zoneinfo: each kept count is a prefix
 * of the full one, so never more. */
static void
test_truncated(void **state)
{
	(void)state;

	for (size_t f = 0; f < ZT_ARRAY_LEN(fixtures); f++) {
		struct zt_snapshot full, cut;
		char why[ZT_WHY_LEN];
		size_t len, zlen;
		char *text = fixture(fixtures[f], &len);
		char *ztext = fixture(zfixtures[f], &zlen);

		snapshot_init(&full);
		zoneinfo_parse(ztext, zlen, &full, why, sizeof why);
		assert_int_equal(pagetypeinfo_parse(text, len, &full, why,
		    sizeof why), 0);
		for (size_t n = 0; n < len; n++) {
			char *p = xmalloc(n ? n : 1);
			memcpy(p, text, n);
			snapshot_init(&cut);
			zoneinfo_parse(ztext, zlen, &cut, why, sizeof why);
			int rc = pagetypeinfo_parse(p, n, &cut, why, sizeof why);
			assert_true(rc == 0 || rc == -1);
			assert_int_equal(cut.nzones, full.nzones);
			for (int i = 0; i < cut.nzones; i++) {
				const struct zt_pagetype *a = full.zones[i].pt,
				    *b = cut.zones[i].pt;
				if (b == NULL)
					continue;
				assert_non_null(a);
				assert_true(b->ntypes <= a->ntypes);
				assert_true(b->norders <= a->norders);
				for (int t = 0; t < b->ntypes; t++) {
					assert_true(strncmp(a->names[t],
					    b->names[t], strlen(b->names[t])) == 0);
					if (zt_have(b->blocks[t]))
						assert_true(b->blocks[t] <=
						    a->blocks[t]);
					for (int o = 0; o < b->norders; o++)
						if (zt_have(b->free[t][o]))
							assert_true(b->free[t][o] <=
							    a->free[t][o]);
				}
			}
			snapshot_free(&cut);
			free(p);
		}
		snapshot_free(&full);
		free(text);
		free(ztext);
	}
}

static void
test_garbage(void **state)
{
	uint32_t seed = 4242;
	(void)state;

	for (size_t f = 0; f < ZT_ARRAY_LEN(fixtures); f++) {
		size_t len, zlen;
		char *text = fixture(fixtures[f], &len);
		char *ztext = fixture(zfixtures[f], &zlen);

		for (int round = 0; round < 300; round++) {
			struct zt_snapshot s;
			char why[ZT_WHY_LEN];
			char *p = garble(text, len, 1 + round % 30, &seed);
			snapshot_init(&s);
			zoneinfo_parse(ztext, zlen, &s, why, sizeof why);
			pagetypeinfo_parse(p, len, &s, why, sizeof why);
			assert_true(s.pageblock_order >= -1 &&
			    s.pageblock_order < 64);
			for (int i = 0; i < s.nzones; i++) {
				const struct zt_pagetype *pt = s.zones[i].pt;
				if (pt == NULL)
					continue;
				assert_true(pt->ntypes <= ZT_MAX_MIGRATE);
				assert_true(pt->norders <= ZT_MAX_ORDER);
				for (int t = 0; t < pt->ntypes; t++)
					assert_true(strlen(pt->names[t]) <
					    sizeof pt->names[t]);
			}
			snapshot_free(&s);
			free(p);
		}
		free(text);
		free(ztext);
	}
}

/* One DMA zone, then text; the parse's return code. */
static int
parse_dma(struct zt_snapshot *s, const char *text)
{
	char why[ZT_WHY_LEN] = "";

	snapshot_init(s);
	assert_int_equal(zoneinfo_parse("Node 0, zone      DMA\n", 22, s, why,
	    sizeof why), 0);
	return pagetypeinfo_parse(text, strlen(text), s, why, sizeof why);
}

/* Names of 15 characters are kept, longer ones dropped: in the free
 * lists and in the block counts' header alike. */
static void
test_name_bounds(void **state)
{
	struct zt_snapshot s;
	const struct zt_pagetype *pt;

	(void)state;
	assert_int_equal(parse_dma(&s,
	    "Node    0, zone      DMA, type FifteenCharsAbc 1 2\n"
	    "Node    0, zone      DMA, type SixteenCharsAbcd 3 4\n"
	    "Node    0, zone      DMA, type TwentyCharacterNames 5 6\n"
	    "Number of blocks type FifteenCharsAbc SixteenCharsAbcd Movable\n"
	    "Node 0, zone      DMA            7            8            9\n"), 0);
	pt = s.zones[0].pt;
	assert_non_null(pt);
	assert_int_equal(pt->ntypes, 2);
	assert_string_equal(pt->names[0], "FifteenCharsAbc");
	assert_string_equal(pt->names[1], "Movable");
	assert_int_equal(pt->free[0][0], 1);
	assert_int_equal(pt->free[0][1], 2);
	assert_int_equal(pt->norders, 2);
	assert_int_equal(pt->blocks[0], 7);
	assert_int_equal(pt->blocks[1], 9);
	snapshot_free(&s);

	/* a name of one character is a name */
	assert_int_equal(parse_dma(&s,
	    "Node    0, zone      DMA, type X 1 2\n"
	    "Number of blocks type X Movable\n"
	    "Node 0, zone      DMA            7            8\n"), 0);
	pt = s.zones[0].pt;
	assert_int_equal(pt->ntypes, 2);
	assert_int_equal(pt->blocks[0], 7);
	assert_int_equal(pt->blocks[1], 8);
	snapshot_free(&s);
}

/* Counts end at a blank, a tab, a CR or the line's end; anything else
 * ends the line.  ">N" is a capped count for any N. */
static void
test_count_syntax(void **state)
{
	struct zt_snapshot s;
	const struct zt_pagetype *pt;

	(void)state;
	assert_int_equal(parse_dma(&s,
	    "Node    0, zone      DMA, type Unmovable\t1\t2 3\r\n"
	    "Node    0, zone      DMA, type Movable 4 5x 6\n"
	    "Node    0, zone      DMA, type Reclaimable >0 >9 >100000 9223372036854775807 9223372036854775808\n"), 0);
	pt = s.zones[0].pt;
	assert_int_equal(pt->ntypes, 3);
	assert_int_equal(pt->free[0][0], 1);
	assert_int_equal(pt->free[0][1], 2);
	assert_int_equal(pt->free[0][2], 3);
	assert_int_equal(pt->free[1][0], 4);
	assert_true(pt->free[1][1] == ZT_NA);
	assert_true(pt->free[1][2] == ZT_NA);
	assert_int_equal(pt->free[2][0], 0);
	assert_true(pt->capped[2][0]);
	assert_int_equal(pt->free[2][1], 9);
	assert_true(pt->capped[2][1]);
	assert_int_equal(pt->free[2][2], 100000);
	assert_true(pt->capped[2][2]);
	assert_int_equal(pt->free[2][3], INT64_MAX);
	assert_false(pt->capped[2][3]);
	assert_true(pt->free[2][4] == ZT_NA);
	assert_int_equal(pt->norders, 4);
	snapshot_free(&s);
}

/* Block counts follow the nearest header above them: a second header
 * (the next node's) with other names, one with a single name, one with
 * none; counts outside a blocks section are not block counts. */
static void
test_block_sections(void **state)
{
	struct zt_snapshot s;

	(void)state;
	assert_int_equal(parse_dma(&s,
	    "Number of blocks type Unmovable Movable Reclaimable\n"
	    "Number of blocks type CMA Isolate\n"
	    "Node 0, zone      DMA            7            8\n"), 0);
	assert_int_equal(s.zones[0].pt->ntypes, 2);
	assert_string_equal(s.zones[0].pt->names[0], "CMA");
	assert_int_equal(s.zones[0].pt->blocks[0], 7);
	assert_int_equal(s.zones[0].pt->blocks[1], 8);
	snapshot_free(&s);

	assert_int_equal(parse_dma(&s,
	    "Number of blocks type Movable\r\n"
	    "Node 0, zone      DMA            7            8\n"), 0);
	assert_int_equal(s.zones[0].pt->ntypes, 1);
	assert_int_equal(s.zones[0].pt->blocks[0], 7);
	snapshot_free(&s);

	/* a header without names: its counts are nobody's, no pt made */
	parse_dma(&s, "Number of blocks type   \n"
	    "Node 0, zone      DMA            7            8\n");
	assert_null(s.zones[0].pt);
	snapshot_free(&s);

	/* a new node's "Page block order" or free lists end the section */
	assert_int_equal(parse_dma(&s,
	    "Number of blocks type Movable\n"
	    "Page block order: 9\n"
	    "Node 0, zone      DMA            7\n"), 0);
	assert_null(s.zones[0].pt);
	snapshot_free(&s);
	parse_dma(&s, "Number of blocks type Movable\n"
	    "Free pages count per migrate type at order       0      1\n"
	    "Node 0, zone      DMA            7\n");
	assert_null(s.zones[0].pt);
	snapshot_free(&s);

	/* zone lines without a header or a ", type": nothing found */
	assert_int_equal(parse_dma(&s, "Node 0, zone      DMA            7\n"),
	    -1);
	assert_null(s.zones[0].pt);
	snapshot_free(&s);
}

/* "Page block order:" with its colon, 0..63; one header line alone or
 * with one zone line is found. */
static void
test_block_order(void **state)
{
	struct zt_snapshot s;

	(void)state;
	assert_int_equal(parse_dma(&s, "Page block order 9\n"), -1);
	assert_int_equal(s.pageblock_order, -1);
	snapshot_free(&s);
	assert_int_equal(parse_dma(&s, "Page block order:10\n"), 0);
	assert_int_equal(s.pageblock_order, 10);
	snapshot_free(&s);
	assert_int_equal(parse_dma(&s, "Page block order: 0\n"), 0);
	assert_int_equal(s.pageblock_order, 0);
	snapshot_free(&s);
	assert_int_equal(parse_dma(&s, "Page block order: 63\n"), 0);
	assert_int_equal(s.pageblock_order, 63);
	snapshot_free(&s);
	assert_int_equal(parse_dma(&s, "Page block order: 64\n"), -1);
	assert_int_equal(s.pageblock_order, -1);
	snapshot_free(&s);
	assert_int_equal(parse_dma(&s, "Page block order: 9\n"
	    "Node    0, zone      DMA, type Movable 1\n"), 0);
	assert_int_equal(s.pageblock_order, 9);
	assert_int_equal(s.zones[0].pt->free[0][0], 1);
	snapshot_free(&s);
}

/* A line of 1023 characters is read; one of 1024 is not (it cannot be
 * a kernel's, and its tail could be cut). */
static void
test_line_bound(void **state)
{
	static const char head[] = "Node    0, zone      DMA, type Movable 5";
	char line[1100];
	struct zt_snapshot s;

	(void)state;
	memset(line, ' ', sizeof line);
	memcpy(line, head, strlen(head));
	line[1023] = '\0';
	assert_int_equal(parse_dma(&s, line), 0);
	assert_int_equal(s.zones[0].pt->free[0][0], 5);
	snapshot_free(&s);
	line[1023] = ' ';
	line[1024] = '\0';
	assert_int_equal(parse_dma(&s, line), -1);
	assert_null(s.zones[0].pt);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vm_618),
		cmocka_unit_test(test_numa_66),
		cmocka_unit_test(test_capped),
		cmocka_unit_test(test_blocks_by_name),
		cmocka_unit_test(test_no_zoneinfo),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_name_bounds),
		cmocka_unit_test(test_count_syntax),
		cmocka_unit_test(test_block_sections),
		cmocka_unit_test(test_block_order),
		cmocka_unit_test(test_line_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
