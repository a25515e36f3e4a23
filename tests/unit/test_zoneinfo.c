/*
 * test_zoneinfo.c: zoneinfo_parse() on real files of 4.0, 4.14, 6.6-rc1
 * and 6.18, a 2.6.32 layout built from its printer's format strings, the
 * protection[] slot inference, and malformed input.
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
parse_fixture(const char *rel, struct zt_snapshot *s)
{
	char why[ZT_WHY_LEN] = "";
	size_t len;
	char *text = fixture(rel, &len);
	int rc;

	snapshot_init(s);
	rc = zoneinfo_parse(text, len, s, why, sizeof why);
	free(text);
	return rc;
}

static int
parse_str(const char *text, struct zt_snapshot *s, char *why, size_t whylen)
{
	snapshot_init(s);
	return zoneinfo_parse(text, strlen(text), s, why, whylen);
}

static void
assert_prot(const struct zt_zone *z, int n, const int64_t *want)
{
	assert_int_equal(z->nprot, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(z->protection[i], want[i]);
	for (int i = n; i < ZT_MAX_ZONE_TYPES; i++)
		assert_true(z->protection[i] == ZT_NA);
}

static void
assert_slots(const struct zt_snapshot *s, int n, const int *want)
{
	assert_int_equal(s->ntypes, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(s->type_of_slot[i], want[i]);
}

/* 6.18 VM: boost, promo, cma, nr_free_pages_blocks, empty Movable/Device. */
static void
test_vm_618(void **state)
{
	struct zt_snapshot s;
	(void)state;

	assert_int_equal(parse_fixture("proc/vm-6.18-x86_64-24g/zoneinfo", &s), 0);
	assert_int_equal(s.nzones, 5);
	assert_int_equal(s.nnodes, 1);

	const struct zt_zone *dma = &s.zones[0];
	assert_int_equal(dma->node, 0);
	assert_string_equal(dma->name, "DMA");
	assert_int_equal(dma->type, ZT_ZONE_DMA);
	assert_int_equal(dma->free, 3840);
	assert_int_equal(dma->boost, 0);
	assert_int_equal(dma->min, 19);
	assert_int_equal(dma->low, 23);
	assert_int_equal(dma->high, 27);
	assert_int_equal(dma->promo, 31);
	assert_int_equal(dma->spanned, 4095);
	assert_int_equal(dma->present, 3998);
	assert_int_equal(dma->managed, 3840);
	assert_int_equal(dma->cma, 0);
	assert_prot(dma, 5, (const int64_t[]){ 0, 3018, 13258, 13258, 13258 });
	assert_int_equal(dma->nr_free_cma, 0);
	/* the per-node block under DMA says nr_inactive_anon 10330,
	 * nr_active_anon 383: node totals, not DMA's (zone items are 0) */
	assert_int_equal(dma->lru_anon, 0);
	assert_int_equal(dma->lru_file, 0);
	assert_int_equal(dma->unreclaimable, 0);
	assert_int_equal(dma->start_pfn, 1);
	assert_int_equal(dma->norders, 0);
	assert_null(dma->pt);

	const struct zt_zone *d32 = &s.zones[1];
	assert_string_equal(d32->name, "DMA32");
	assert_int_equal(d32->type, ZT_ZONE_DMA32);
	assert_int_equal(d32->free, 772808);
	assert_int_equal(d32->min, 3842);
	assert_int_equal(d32->low, 4802);
	assert_int_equal(d32->high, 5762);
	assert_int_equal(d32->promo, 6722);
	assert_int_equal(d32->spanned, 1044480);
	assert_int_equal(d32->present, 782336);
	assert_int_equal(d32->managed, 772808);
	assert_prot(d32, 5, (const int64_t[]){ 0, 0, 10240, 10240, 10240 });
	assert_int_equal(d32->start_pfn, 4096);

	const struct zt_zone *nor = &s.zones[2];
	assert_string_equal(nor->name, "Normal");
	assert_int_equal(nor->free, 2283439);
	assert_int_equal(nor->min, 13034);
	assert_int_equal(nor->high, 19550);
	assert_int_equal(nor->present, 5505024);
	assert_int_equal(nor->managed, 2621440);
	/* 10330 inactive + 383 active; 137201 + 112847 */
	assert_int_equal(nor->lru_anon, 10713);
	assert_int_equal(nor->lru_file, 250048);
	assert_int_equal(nor->start_pfn, 1048576);
	assert_int_equal(nor->unreclaimable, 0);

	const struct zt_zone *mov = &s.zones[3];
	assert_string_equal(mov->name, "Movable");
	assert_int_equal(mov->type, ZT_ZONE_MOVABLE);
	assert_int_equal(mov->free, 0);
	assert_int_equal(mov->min, 32);
	assert_int_equal(mov->low, 32);
	assert_int_equal(mov->high, 32);
	assert_int_equal(mov->promo, 32);
	assert_int_equal(mov->present, 0);
	assert_int_equal(mov->managed, 0);
	assert_prot(mov, 5, (const int64_t[]){ 0, 0, 0, 0, 0 });
	/* an empty zone stops after protection: no stats, no start_pfn */
	assert_true(mov->nr_free_cma == ZT_NA);
	assert_true(mov->lru_anon == ZT_NA);
	assert_true(mov->start_pfn == ZT_NA);
	/* node 0's node_unreclaimable (0) applies to its empty zones */
	assert_int_equal(mov->unreclaimable, 0);

	const struct zt_zone *dev = &s.zones[4];
	assert_string_equal(dev->name, "Device");
	assert_int_equal(dev->type, ZT_ZONE_DEVICE);
	assert_int_equal(dev->min, 0);
	assert_int_equal(dev->unreclaimable, 0);

	assert_slots(&s, 5, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_DMA32,
	    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE, ZT_ZONE_DEVICE });
	snapshot_free(&s);
}

/* 6.6-rc1, two nodes: per-node stats under node 1's Normal, empty zones. */
static void
test_numa_66(void **state)
{
	struct zt_snapshot s;
	static const char *const names[8] = {
		"DMA", "DMA32", "Normal", "Movable",
		"DMA", "DMA32", "Normal", "Movable",
	};
	(void)state;

	assert_int_equal(parse_fixture("zoneinfo/zoneinfo-6.6rc1-x86_64-numa2.txt",
	    &s), 0);
	assert_int_equal(s.nzones, 8);
	assert_int_equal(s.nnodes, 2);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(s.zones[i].node, i < 4 ? 0 : 1);
		assert_string_equal(s.zones[i].name, names[i]);
		/* boost printed since 5.16, promo not before 6.12 */
		assert_int_equal(s.zones[i].boost, 0);
		assert_true(s.zones[i].promo == ZT_NA);
		assert_int_equal(s.zones[i].cma, 0);
		assert_int_equal(s.zones[i].unreclaimable, 0);
	}

	/* node 0 DMA carries node 0's per-node block (nr_inactive_anon
	 * 11800, nr_inactive_file 38161); its own zone items are all 0 */
	assert_int_equal(s.zones[0].lru_anon, 0);
	assert_int_equal(s.zones[0].lru_file, 0);
	assert_prot(&s.zones[0], 4, (const int64_t[]){ 0, 1908, 7923, 7923 });
	assert_int_equal(s.zones[0].managed, 3840);

	assert_int_equal(s.zones[1].free, 495317);
	assert_int_equal(s.zones[1].present, 520156);
	assert_int_equal(s.zones[1].managed, 496486);
	assert_prot(&s.zones[1], 4, (const int64_t[]){ 0, 0, 6015, 6015 });

	/* node 0 Normal: 11800 + 109 anon, 38161 + 10007 file */
	assert_int_equal(s.zones[2].lru_anon, 11909);
	assert_int_equal(s.zones[2].lru_file, 48168);

	/* node 1: DMA and DMA32 empty, printed up to protection */
	for (int i = 4; i < 6; i++) {
		assert_int_equal(s.zones[i].present, 0);
		assert_int_equal(s.zones[i].spanned, 0);
		assert_int_equal(s.zones[i].min, 0);
		assert_true(s.zones[i].lru_anon == ZT_NA);
		assert_true(s.zones[i].start_pfn == ZT_NA);
		assert_prot(&s.zones[i], 4, (const int64_t[]){ 0, 0, 0, 0 });
	}
	/* node 1 Normal holds node 1's per-node block; the zone items
	 * give 15381 + 81 and 66550 + 25965 */
	const struct zt_zone *n1 = &s.zones[6];
	assert_int_equal(n1->free, 1829073);
	assert_int_equal(n1->min, 11345);
	assert_int_equal(n1->low, 14181);
	assert_int_equal(n1->high, 17017);
	assert_int_equal(n1->spanned, 2097152);
	assert_int_equal(n1->present, 2097152);
	assert_int_equal(n1->managed, 2086594);
	assert_int_equal(n1->lru_anon, 15462);
	assert_int_equal(n1->lru_file, 92515);
	assert_int_equal(n1->nr_free_cma, 0);
	assert_int_equal(n1->start_pfn, 2621440);
	assert_int_equal(s.zones[7].min, 32);

	assert_slots(&s, 4, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_DMA32,
	    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE });
	snapshot_free(&s);
}

/* A per-node block whose totals differ from the zone's: only the zone
 * items count, on any node. */
static void
test_per_node_not_zone(void **state)
{
	static const char text[] =
	    "Node 1, zone   Normal\n"
	    "  per-node stats\n"
	    "      nr_inactive_anon 5000\n"
	    "      nr_active_anon 600\n"
	    "      nr_inactive_file 7000\n"
	    "      nr_active_file 800\n"
	    "  pages free     100\n"
	    "        min      10\n"
	    "        low      12\n"
	    "        high     14\n"
	    "        spanned  1000\n"
	    "        present  1000\n"
	    "        managed  900\n"
	    "        protection: (0, 0, 0, 0)\n"
	    "      nr_free_pages 100\n"
	    "      nr_zone_inactive_anon 40\n"
	    "      nr_zone_active_anon 2\n"
	    "      nr_zone_inactive_file 30\n"
	    "      nr_zone_active_file 3\n"
	    "      nr_free_cma  7\n"
	    "  pagesets\n"
	    "    cpu: 0\n"
	    "              count: 5\n"
	    "              high:  186\n"
	    "              batch: 31\n"
	    "  vm stats threshold: 42\n"
	    "  node_unreclaimable:  1\n"
	    "  start_pfn:           2621440\n";
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	(void)state;

	assert_int_equal(parse_str(text, &s, why, sizeof why), 0);
	assert_int_equal(s.nzones, 1);
	assert_int_equal(s.zones[0].node, 1);
	assert_int_equal(s.zones[0].lru_anon, 42);	/* 40 + 2 */
	assert_int_equal(s.zones[0].lru_file, 33);	/* 30 + 3 */
	assert_int_equal(s.zones[0].nr_free_cma, 7);
	/* pageset "high:" is not the watermark */
	assert_int_equal(s.zones[0].high, 14);
	assert_int_equal(s.zones[0].unreclaimable, 1);
	snapshot_free(&s);

	/* the first node-LRU kernels printed zone totals instead */
	static const char totals[] =
	    "Node 0, zone   Normal\n"
	    "  per-node stats\n"
	    "      nr_inactive_anon 5000\n"
	    "      nr_active_anon 600\n"
	    "  pages free     100\n"
	    "      nr_free_pages 100\n"
	    "      nr_zone_anon_lru 321\n"
	    "      nr_zone_file_lru 654\n"
	    "        protection: (0, 0, 0, 0)\n";
	assert_int_equal(parse_str(totals, &s, why, sizeof why), 0);
	assert_int_equal(s.zones[0].lru_anon, 321);
	assert_int_equal(s.zones[0].lru_file, 654);
	snapshot_free(&s);
}

/* 4.14 ARM32: HighMem with CMA, an empty Normal printed. */
static void
test_arm32_414(void **state)
{
	struct zt_snapshot s;
	(void)state;

	assert_int_equal(parse_fixture("zoneinfo/zoneinfo-4.14-arm32-highmem.txt",
	    &s), 0);
	assert_int_equal(s.nzones, 4);
	assert_int_equal(s.nnodes, 1);

	const struct zt_zone *dma = &s.zones[0];
	assert_string_equal(dma->name, "DMA");
	assert_int_equal(dma->free, 49492);
	assert_int_equal(dma->min, 4096);
	assert_int_equal(dma->low, 6416);
	assert_int_equal(dma->high, 7440);
	assert_int_equal(dma->spanned, 131072);
	assert_int_equal(dma->present, 114688);
	assert_int_equal(dma->managed, 105724);
	/* no boost (5.16+), promo (6.12+), cma line (5.12+) */
	assert_true(dma->boost == ZT_NA);
	assert_true(dma->promo == ZT_NA);
	assert_true(dma->cma == ZT_NA);
	assert_prot(dma, 4, (const int64_t[]){ 0, 0, 1491, 1491 });
	/* per-node block: 120 + 94870 anon; zone items 0 + 0, 65 + 4859 */
	assert_int_equal(dma->lru_anon, 0);
	assert_int_equal(dma->lru_file, 4924);
	assert_int_equal(dma->nr_free_cma, 0);
	assert_int_equal(dma->start_pfn, 131072);
	assert_int_equal(dma->unreclaimable, 0);

	const struct zt_zone *nor = &s.zones[1];
	assert_string_equal(nor->name, "Normal");
	assert_int_equal(nor->present, 0);
	assert_int_equal(nor->managed, 0);
	assert_prot(nor, 4, (const int64_t[]){ 0, 0, 11928, 11928 });
	assert_int_equal(nor->unreclaimable, 0);
	assert_true(nor->lru_file == ZT_NA);

	const struct zt_zone *hi = &s.zones[2];
	assert_string_equal(hi->name, "HighMem");
	assert_int_equal(hi->type, ZT_ZONE_HIGHMEM);
	assert_int_equal(hi->free, 63096);
	assert_int_equal(hi->min, 128);
	assert_int_equal(hi->low, 8506);
	assert_int_equal(hi->high, 12202);
	assert_int_equal(hi->managed, 381696);
	assert_int_equal(hi->lru_anon, 94983);	/* 120 + 94863 */
	assert_int_equal(hi->lru_file, 170920);	/* 101123 + 69797 */
	assert_int_equal(hi->nr_free_cma, 62429);
	assert_int_equal(hi->start_pfn, 262144);

	assert_int_equal(s.zones[3].min, 32);
	assert_slots(&s, 4, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_NORMAL,
	    ZT_ZONE_HIGHMEM, ZT_ZONE_MOVABLE });
	snapshot_free(&s);
}

/* 4.0 i686 PAE: stats before protection, all_unreclaimable, scanned. */
static void
test_i686_40(void **state)
{
	struct zt_snapshot s;
	(void)state;

	assert_int_equal(parse_fixture("zoneinfo/zoneinfo-4.0-i686-pae-highmem.txt",
	    &s), 0);
	assert_int_equal(s.nzones, 3);
	assert_int_equal(s.nnodes, 1);

	const struct zt_zone *dma = &s.zones[0];
	assert_int_equal(dma->free, 1566);
	assert_int_equal(dma->min, 196);
	assert_int_equal(dma->low, 245);
	assert_int_equal(dma->high, 294);
	assert_int_equal(dma->spanned, 4095);
	assert_int_equal(dma->present, 3989);
	assert_int_equal(dma->managed, 3970);
	assert_true(dma->boost == ZT_NA);
	assert_true(dma->cma == ZT_NA);
	assert_int_equal(dma->lru_anon, 0);
	assert_int_equal(dma->lru_file, 1292);	/* 163 + 1129 */
	assert_int_equal(dma->nr_free_cma, 0);
	assert_prot(dma, 4, (const int64_t[]){ 0, 377, 12165, 12165 });
	assert_int_equal(dma->unreclaimable, 0);
	assert_int_equal(dma->start_pfn, 1);

	const struct zt_zone *nor = &s.zones[1];
	assert_int_equal(nor->free, 37336);
	assert_int_equal(nor->managed, 96773);
	assert_int_equal(nor->lru_file, 30688);	/* 4016 + 26672 */
	assert_prot(nor, 4, (const int64_t[]){ 0, 0, 94302, 94302 });
	assert_int_equal(nor->start_pfn, 4096);

	const struct zt_zone *hi = &s.zones[2];
	assert_int_equal(hi->free, 2536526);
	assert_int_equal(hi->min, 128);
	assert_int_equal(hi->low, 37501);
	assert_int_equal(hi->high, 74874);
	assert_int_equal(hi->spanned, 3214338);
	assert_int_equal(hi->present, 3017668);
	assert_int_equal(hi->managed, 3017668);
	assert_int_equal(hi->lru_anon, 120139);	/* 2118 + 118021 */
	assert_int_equal(hi->lru_file, 353661);	/* 80138 + 273523 */
	assert_int_equal(hi->start_pfn, 127998);
	assert_int_equal(hi->unreclaimable, 0);

	/* seen DMA, Normal, HighMem, + Movable = the 4 entries */
	assert_slots(&s, 4, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_NORMAL,
	    ZT_ZONE_HIGHMEM, ZT_ZONE_MOVABLE });
	snapshot_free(&s);
}

/*
 * 2.6.32, from its zoneinfo_show_print(): "  pages free     %lu", 8-space
 * min/low/high/scanned/spanned/present (no managed before 3.8), 4-space
 * "%-12s %lu" items, "protection: (%lu, ...)", pagesets, then
 * "  all_unreclaimable: %u", "  prev_priority:     %i",
 * "  start_pfn:         %lu", "  inactive_ratio:    %u".
 */
static void
test_layout_2632(void **state)
{
	static const char text[] =
	    "Node 0, zone      DMA\n"
	    "  pages free     3933\n"
	    "        min      20\n"
	    "        low      25\n"
	    "        high     30\n"
	    "        scanned  0\n"
	    "        spanned  4080\n"
	    "        present  3915\n"
	    "    nr_free_pages 3933\n"
	    "    nr_inactive_anon 0\n"
	    "    nr_active_anon 0\n"
	    "    nr_inactive_file 0\n"
	    "    nr_active_file 0\n"
	    "    nr_unevictable 0\n"
	    "    nr_mlock     0\n"
	    "        protection: (0, 3246, 3768, 3768)\n"
	    "  pagesets\n"
	    "    cpu: 0\n"
	    "              count: 0\n"
	    "              high:  0\n"
	    "              batch: 1\n"
	    "  vm stats threshold: 4\n"
	    "  all_unreclaimable: 1\n"
	    "  prev_priority:     12\n"
	    "  start_pfn:         16\n"
	    "  inactive_ratio:    1\n"
	    "Node 0, zone    DMA32\n"
	    "  pages free     701234\n"
	    "        min      3990\n"
	    "        low      4987\n"
	    "        high     5985\n"
	    "        scanned  0\n"
	    "        spanned  1044480\n"
	    "        present  830990\n"
	    "    nr_free_pages 701234\n"
	    "    nr_inactive_anon 1000\n"
	    "    nr_active_anon 2000\n"
	    "    nr_inactive_file 3000\n"
	    "    nr_active_file 4000\n"
	    "        protection: (0, 0, 522, 522)\n"
	    "  pagesets\n"
	    "    cpu: 0\n"
	    "              count: 150\n"
	    "              high:  186\n"
	    "              batch: 31\n"
	    "  vm stats threshold: 24\n"
	    "  all_unreclaimable: 0\n"
	    "  prev_priority:     12\n"
	    "  start_pfn:         4096\n"
	    "  inactive_ratio:    4\n";
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	(void)state;

	assert_int_equal(parse_str(text, &s, why, sizeof why), 0);
	assert_int_equal(s.nzones, 2);
	const struct zt_zone *dma = &s.zones[0], *d32 = &s.zones[1];
	assert_true(dma->managed == ZT_NA);
	assert_true(d32->managed == ZT_NA);
	assert_true(dma->boost == ZT_NA);
	assert_true(dma->cma == ZT_NA);
	assert_true(dma->nr_free_cma == ZT_NA);
	assert_int_equal(dma->free, 3933);
	assert_int_equal(dma->present, 3915);
	assert_int_equal(dma->high, 30);	/* not the pageset's high: 0 */
	/* all_unreclaimable 1 with "scanned 0": nothing reclaimable, not
	 * reclaim given up (test_unreclaimable_unscanned) */
	assert_int_equal(dma->unreclaimable, 0);
	assert_int_equal(dma->start_pfn, 16);
	assert_int_equal(dma->lru_anon, 0);
	assert_int_equal(d32->unreclaimable, 0);
	assert_int_equal(d32->high, 5985);
	assert_int_equal(d32->lru_anon, 3000);	/* 1000 + 2000 */
	assert_int_equal(d32->lru_file, 7000);	/* 3000 + 4000 */
	assert_int_equal(d32->start_pfn, 4096);
	assert_prot(d32, 4, (const int64_t[]){ 0, 0, 522, 522 });
	assert_slots(&s, 4, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_DMA32,
	    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE });
	snapshot_free(&s);
}

/* A zone block with just a header and protection, for the inference. */
static void
add_zone(struct zt_buf *b, int node, const char *name, int nprot)
{
	buf_printf(b, "Node %d, zone %8s\n  pages free     1\n"
	    "        protection: (0", node, name);
	for (int i = 1; i < nprot; i++)
		buf_printf(b, ", 0");
	buf_printf(b, ")\n");
}

static void
slots_of(const char *const *names, int nprot, struct zt_snapshot *s)
{
	struct zt_buf b = { 0 };
	char why[ZT_WHY_LEN];

	for (int i = 0; names[i] != NULL; i++)
		add_zone(&b, 0, names[i], nprot);
	snapshot_init(s);
	assert_int_equal(zoneinfo_parse(b.p, b.len, s, why, sizeof why), 0);
	buf_free(&b);
}

static void
test_slot_inference(void **state)
{
	struct zt_snapshot s;
	(void)state;

	/* the seed VM: 4.4 x86_64, 1 GiB, DMA and DMA32 printed, 4 entries
	 * -> DMA, DMA32 + Normal, Movable (always compiled in) */
	slots_of((const char *const[]){ "DMA", "DMA32", NULL }, 4, &s);
	assert_slots(&s, 4, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_DMA32,
	    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE });
	snapshot_free(&s);

	/* x86_64 < 4.12 with ZONE_DEVICE: 5 entries, DMA32 seen */
	slots_of((const char *const[]){ "DMA", "DMA32", "Normal", NULL }, 5, &s);
	assert_slots(&s, 5, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_DMA32,
	    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE, ZT_ZONE_DEVICE });
	snapshot_free(&s);

	/* DMA32 only seen, 4 entries: the hidden one is DMA */
	slots_of((const char *const[]){ "DMA32", "Normal", NULL }, 4, &s);
	assert_slots(&s, 4, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_DMA32,
	    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE });
	snapshot_free(&s);

	/* DMA32 only, 5 entries: DMA then Device */
	slots_of((const char *const[]){ "DMA32", NULL }, 5, &s);
	assert_slots(&s, 5, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_DMA32,
	    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE, ZT_ZONE_DEVICE });
	snapshot_free(&s);

	/* 32-bit, HighMem seen, DMA hidden */
	slots_of((const char *const[]){ "Normal", "HighMem", NULL }, 4, &s);
	assert_slots(&s, 4, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_NORMAL,
	    ZT_ZONE_HIGHMEM, ZT_ZONE_MOVABLE });
	snapshot_free(&s);

	/* i386 below 896 MiB: DMA, Normal seen, empty HighMem hidden */
	slots_of((const char *const[]){ "DMA", "Normal", NULL }, 4, &s);
	assert_slots(&s, 4, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_NORMAL,
	    ZT_ZONE_HIGHMEM, ZT_ZONE_MOVABLE });
	snapshot_free(&s);

	/* no optional zone: Normal + Movable is the whole kernel */
	slots_of((const char *const[]){ "Normal", NULL }, 2, &s);
	assert_slots(&s, 2, (const int[]){ ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE });
	snapshot_free(&s);

	/* more slots than zone types: the rest is unknown */
	slots_of((const char *const[]){ "DMA", "DMA32", NULL }, 7, &s);
	assert_slots(&s, 7, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_DMA32,
	    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE, ZT_ZONE_DEVICE,
	    ZT_ZONE_UNKNOWN, ZT_ZONE_UNKNOWN });
	snapshot_free(&s);

	/* a second protection line in a zone replaces the first: the count
	 * starts again (3 + 2 would be 5 entries) */
	{
		static const char t[] = "Node 0, zone    DMA32\n"
		    "  pages free     5\n"
		    "        protection: (0, 1, 2)\n"
		    "        protection: (7, 8)\n";
		char why[ZT_WHY_LEN];
		assert_int_equal(parse_str(t, &s, why, sizeof why), 0);
		assert_prot(&s.zones[0], 2, (const int64_t[]){ 7, 8 });
		snapshot_free(&s);
	}
	/* a second one that holds no number clears the first; blanks
	 * before a comma are allowed */
	{
		static const char t[] = "Node 0, zone    DMA32\n"
		    "  pages free     5\n"
		    "        protection: (0, 1, 2)\n"
		    "        protection: (x)\n"
		    "Node 0, zone   Normal\n"
		    "  pages free     5\n"
		    "        protection: (5 , 6\t,7)\n";
		char why[ZT_WHY_LEN];
		assert_int_equal(parse_str(t, &s, why, sizeof why), 0);
		assert_prot(&s.zones[0], 0, NULL);
		assert_prot(&s.zones[1], 3, (const int64_t[]){ 5, 6, 7 });
		snapshot_free(&s);
	}
	/* no protection line at all: only what is known */
	{
		static const char t[] = "Node 0, zone    DMA32\n"
		    "  pages free     5\n";
		char why[ZT_WHY_LEN];
		assert_int_equal(parse_str(t, &s, why, sizeof why), 0);
		assert_slots(&s, 3, (const int[]){ ZT_ZONE_DMA32,
		    ZT_ZONE_NORMAL, ZT_ZONE_MOVABLE });
		assert_int_equal(s.zones[0].nprot, 0);
		snapshot_free(&s);
	}
}

/* zone_slots_infer with the word size known (explain knows it from the
 * report): a 32-bit kernel's layout DMA, Normal, HighMem, Movable even
 * when HighMem is not seen; a fifth slot stays unexplained, not DMA32 */
static void
test_slots_bits(void **state)
{
	bool seen[ZT_ZONE_NTYPES] = { false };
	int slots[ZT_MAX_ZONE_TYPES];
	(void)state;

	seen[ZT_ZONE_NORMAL] = true;
	assert_int_equal(zone_slots_infer(seen, 5, 32, slots), 4);
	assert_int_equal(slots[0], ZT_ZONE_DMA);
	assert_int_equal(slots[1], ZT_ZONE_NORMAL);
	assert_int_equal(slots[2], ZT_ZONE_HIGHMEM);
	assert_int_equal(slots[3], ZT_ZONE_MOVABLE);
	assert_int_equal(slots[4], ZT_ZONE_UNKNOWN);
	/* 64-bit: DMA, DMA32, Normal, Movable, Device */
	assert_int_equal(zone_slots_infer(seen, 5, 64, slots), 5);
	assert_int_equal(slots[1], ZT_ZONE_DMA32);
	assert_int_equal(slots[4], ZT_ZONE_DEVICE);
}

/*
 * Up to 4.11 the flag is the kernel's "scanned >= 6 x reclaimable"
 * (zone_reclaimable(), pgdat_reclaimable(); kswapd's all_unreclaimable
 * before 3.12 by the same test), and the block prints the count it
 * compares: "scanned" (zone, to 4.7) or "node_scanned" (4.8 .. 4.11).
 * With nothing scanned the flag says only that no page is reclaimable
 * (0 >= 0): reclaim did not give up, it never tried.  So a set flag
 * beside a count of 0 reads 0; beside a count above 0, or with no
 * count (4.12+: kswapd_failures), it stays.  Two real files: 007 of
 * proc-fresh2 (4.11-rc5 ppc64le, node 1 wholly free and Movable,
 * "node_unreclaimable:  1", "node_scanned  0") and 004 of proc-fresh
 * (3.12-4.5 laptop, DMA with 3963 free pages, no LRU page,
 * "all_unreclaimable: 1", "scanned  0"): both warned "unreclaimable
 * (reclaim gave up)".
 */
static void
test_unreclaimable_unscanned(void **state)
{
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	(void)state;

	assert_int_equal(parse_fixture(
	    "proc-fresh2/007-4.11-ppc64le-64k-numa2-movable-node/zoneinfo", &s), 0);
	assert_int_equal(s.nzones, 2);
	assert_int_equal(s.zones[0].unreclaimable, 0);
	assert_int_equal(s.zones[1].unreclaimable, 0);
	snapshot_free(&s);
	assert_int_equal(parse_fixture(
	    "proc-fresh/004-3.x-x86_64-uma-i7laptop/zoneinfo", &s), 0);
	assert_int_equal(s.zones[0].unreclaimable, 0);
	snapshot_free(&s);

	static const char scanned[] = "Node 0, zone   Normal\n"
	    "  pages free     12\n"
	    "        min      10\n"
	    "        scanned  57\n"
	    "  all_unreclaimable: 1\n"
	    "Node 0, zone  HighMem\n"
	    "  pages free     40\n"
	    "        scanned  0 (a: 0 i: 0)\n"
	    "  all_unreclaimable: 1\n"
	    "Node 0, zone  Movable\n"
	    "  pages free     40\n"
	    "        scanned  9 (a: 3 i: 6)\n"
	    "  all_unreclaimable: 1\n"
	    "Node 1, zone   Normal\n"
	    "  pages free     5\n"
	    "   node_scanned  3\n"
	    "  node_unreclaimable:  1\n"
	    "Node 2, zone   Normal\n"
	    "  pages free     5\n"
	    "  node_unreclaimable:  1\n"
	    "Node 3, zone   Normal\n"
	    "  pages free     5\n"
	    "   node_scanned  0\n"
	    "  node_unreclaimable:  0\n";
	assert_int_equal(parse_str(scanned, &s, why, sizeof why), 0);
	assert_int_equal(s.nzones, 6);
	assert_int_equal(s.zones[0].unreclaimable, 1);	/* scanned 57 */
	assert_int_equal(s.zones[1].unreclaimable, 0);	/* 2.6 "0 (a: 0 i: 0)" */
	assert_int_equal(s.zones[2].unreclaimable, 1);
	assert_int_equal(s.zones[3].unreclaimable, 1);	/* node_scanned 3 */
	assert_int_equal(s.zones[4].unreclaimable, 1);	/* 4.12+: no count */
	assert_int_equal(s.zones[5].unreclaimable, 0);
	snapshot_free(&s);
}

/* node_unreclaimable is the node's: zones that stop before it (empty
 * ones) take it from a zone of their node that printed it, whichever
 * comes first in the file; zones with no such zone stay unknown.  The
 * zones seen, DMA included, name the slots. */
static void
test_node_unreclaimable(void **state)
{
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	static const char t[] = "Node 0, zone      DMA\n"
	    "  pages free     5\n"
	    "  node_unreclaimable:  1\n"
	    "Node 0, zone  Movable\n"
	    "  pages free     0\n"
	    "Node 1, zone   Normal\n"
	    "  pages free     5\n"
	    "  node_unreclaimable:  0\n"
	    "Node 1, zone  Movable\n"
	    "  pages free     0\n"
	    "Node 2, zone  Movable\n"
	    "  pages free     0\n";
	static const char first[] = "Node 0, zone  Movable\n"
	    "  pages free     0\n"
	    "Node 0, zone   Normal\n"
	    "  pages free     5\n"
	    "  node_unreclaimable:  1\n";
	(void)state;

	assert_int_equal(parse_str(t, &s, why, sizeof why), 0);
	assert_int_equal(s.nzones, 5);
	assert_int_equal(s.zones[0].unreclaimable, 1);
	assert_int_equal(s.zones[1].unreclaimable, 1);
	assert_int_equal(s.zones[2].unreclaimable, 0);
	assert_int_equal(s.zones[3].unreclaimable, 0);
	assert_int_equal(s.zones[4].unreclaimable, -1);
	/* DMA, Normal, Movable seen; no protection line */
	assert_slots(&s, 3, (const int[]){ ZT_ZONE_DMA, ZT_ZONE_NORMAL,
	    ZT_ZONE_MOVABLE });
	snapshot_free(&s);

	assert_int_equal(parse_str(first, &s, why, sizeof why), 0);
	assert_int_equal(s.zones[0].unreclaimable, 1);
	assert_int_equal(s.zones[1].unreclaimable, 1);
	/* parsing again over zones that hold pagetypeinfo data frees it,
	 * every zone's (LeakSanitizer would tell) */
	s.zones[0].pt = xcalloc(1, sizeof *s.zones[0].pt);
	s.zones[1].pt = xcalloc(1, sizeof *s.zones[1].pt);
	assert_int_equal(zoneinfo_parse(first, strlen(first), &s, why,
	    sizeof why), 0);
	assert_int_equal(s.nzones, 2);
	assert_null(s.zones[0].pt);
	snapshot_free(&s);
}

static void
test_empty_and_junk(void **state)
{
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	(void)state;

	why[0] = '\0';
	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse("", 0, &s, why, sizeof why), -1);
	assert_true(why[0] != '\0');
	assert_int_equal(s.nzones, 0);
	assert_null(s.zones);
	assert_int_equal(zoneinfo_parse(NULL, 0, &s, why, sizeof why), -1);
	snapshot_free(&s);

	why[0] = '\0';
	assert_int_equal(parse_str("hello\nworld\n  pages free 5\n"
	    "Node x, zone DMA\nNode 0 zone DMA\nNode 0, zone\n"
	    "Node -1, zone DMA\nNodes 0, zone DMA\n", &s, why, sizeof why), -1);
	assert_true(why[0] != '\0');
	snapshot_free(&s);

	/* huge and negative numbers stay n/a; INT64_MAX is a number */
	assert_int_equal(parse_str("Node 0, zone   Normal\n"
	    "  pages free     99999999999999999999999\n"
	    "        min      -5\n"
	    "        low      9223372036854775807\n"
	    "        high     9223372036854775808\n"
	    "        spanned  12abc\n"
	    "        present  \n"
	    "        managed  7 8\n"
	    "        protection: (1, 99999999999999999999, 3)\n"
	    "    nr_inactive_anon 9223372036854775807\n"
	    "    nr_active_anon 1\n"
	    "  start_pfn: x\n", &s, why, sizeof why), 0);
	const struct zt_zone *z = &s.zones[0];
	assert_true(z->free == ZT_NA);
	assert_true(z->min == ZT_NA);
	assert_int_equal(z->low, INT64_MAX);
	assert_true(z->high == ZT_NA);
	assert_true(z->spanned == ZT_NA);
	assert_true(z->present == ZT_NA);
	assert_int_equal(z->managed, 7);
	assert_prot(z, 1, (const int64_t[]){ 1 });
	assert_true(z->lru_anon == ZT_NA);	/* the sum would overflow */
	assert_true(z->start_pfn == ZT_NA);
	assert_int_equal(z->type, ZT_ZONE_NORMAL);
	snapshot_free(&s);

	/* an unknown zone name is kept, typed unknown; too long a name is
	 * no header */
	assert_int_equal(parse_str("Node 3, zone    Weird\n"
	    "Node 0, zone ABCDEFGHIJKLMNOP\n  pages free 4\n", &s, why,
	    sizeof why), 0);
	assert_int_equal(s.nzones, 1);
	assert_int_equal(s.zones[0].type, ZT_ZONE_UNKNOWN);
	assert_int_equal(s.zones[0].node, 3);
	assert_true(s.zones[0].free == ZT_NA);
	snapshot_free(&s);
}

static void
test_bounds(void **state)
{
	struct zt_buf b = { 0 };
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	(void)state;

	/* more zones than kept: the first ZT_MAX_ZONES */
	for (int i = 0; i < ZT_MAX_ZONES + 100; i++)
		buf_printf(&b, "Node %d, zone   Normal\n  pages free     %d\n",
		    i % 1000, i);
	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse(b.p, b.len, &s, why, sizeof why), 0);
	assert_int_equal(s.nzones, ZT_MAX_ZONES);
	assert_int_equal(s.zones[ZT_MAX_ZONES - 1].free, ZT_MAX_ZONES - 1);
	assert_int_equal(s.nnodes, 1000);
	snapshot_free(&s);
	buf_free(&b);

	/* a long protection list: the first ZT_MAX_ZONE_TYPES entries */
	buf_printf(&b, "Node 0, zone      DMA\n        protection: (0");
	for (int i = 1; i < 20; i++)
		buf_printf(&b, ", %d", i);
	buf_printf(&b, ")\n");
	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse(b.p, b.len, &s, why, sizeof why), 0);
	assert_int_equal(s.zones[0].nprot, ZT_MAX_ZONE_TYPES);
	assert_int_equal(s.zones[0].protection[ZT_MAX_ZONE_TYPES - 1],
	    ZT_MAX_ZONE_TYPES - 1);
	assert_int_equal(s.ntypes, ZT_MAX_ZONE_TYPES);
	snapshot_free(&s);
	buf_free(&b);

	/* a line longer than any kernel's is skipped, not cut */
	buf_printf(&b, "Node 0, zone      DMA\n  pages free     ");
	for (int i = 0; i < 2000; i++)
		buf_addc(&b, '7');
	buf_printf(&b, "\n        min      3\n");
	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse(b.p, b.len, &s, why, sizeof why), 0);
	assert_true(s.zones[0].free == ZT_NA);
	assert_int_equal(s.zones[0].min, 3);
	/* parsing again into the same snapshot replaces the zones */
	assert_int_equal(zoneinfo_parse(b.p, b.len, &s, why, sizeof why), 0);
	assert_int_equal(s.nzones, 1);
	snapshot_free(&s);
	buf_free(&b);
}

/* A truncated zone is the full one with some fields missing or cut
 * (a cut number is a prefix of its digits, so never larger). */
static void
check_prefix_field(int64_t cut, int64_t full, bool last)
{
	if (cut == full)
		return;
	assert_true(last);
	assert_true(cut == ZT_NA || (zt_have(full) && cut >= 0 && cut <= full));
}

static void
check_truncated(const struct zt_snapshot *full, const struct zt_snapshot *cut)
{
	assert_true(cut->nzones <= full->nzones);
	assert_true(cut->nnodes <= full->nnodes);
	for (int i = 0; i < cut->nzones; i++) {
		const struct zt_zone *a = &full->zones[i], *b = &cut->zones[i];
		bool last = i == cut->nzones - 1;
		assert_int_equal(a->node, b->node);
		if (!last)
			assert_string_equal(a->name, b->name);
		else
			assert_true(strncmp(a->name, b->name, strlen(b->name)) == 0);
		check_prefix_field(b->free, a->free, last);
		check_prefix_field(b->boost, a->boost, last);
		check_prefix_field(b->min, a->min, last);
		check_prefix_field(b->low, a->low, last);
		check_prefix_field(b->high, a->high, last);
		check_prefix_field(b->promo, a->promo, last);
		check_prefix_field(b->spanned, a->spanned, last);
		check_prefix_field(b->present, a->present, last);
		check_prefix_field(b->managed, a->managed, last);
		check_prefix_field(b->cma, a->cma, last);
		check_prefix_field(b->start_pfn, a->start_pfn, last);
		check_prefix_field(b->nr_free_cma, a->nr_free_cma, last);
		check_prefix_field(b->lru_anon, a->lru_anon, last);
		check_prefix_field(b->lru_file, a->lru_file, last);
		assert_true(b->nprot <= a->nprot);
		for (int k = 0; k < b->nprot; k++)
			check_prefix_field(b->protection[k], a->protection[k],
			    last && k == b->nprot - 1);
		/* node_unreclaimable may sit in a zone after the cut */
		assert_true(b->unreclaimable == -1 ||
		    b->unreclaimable == a->unreclaimable);
	}
	assert_true(cut->ntypes >= 0 && cut->ntypes <= ZT_MAX_ZONE_TYPES);
}

static const char *const fixtures[] = {
	"proc/vm-6.18-x86_64-24g/zoneinfo",
	"zoneinfo/zoneinfo-6.6rc1-x86_64-numa2.txt",
	"zoneinfo/zoneinfo-4.14-arm32-highmem.txt",
	"zoneinfo/zoneinfo-4.0-i686-pae-highmem.txt",
};

/* Every prefix of every fixture, each in an allocation of its own size. */
static void
test_truncated(void **state)
{
	(void)state;

	for (size_t f = 0; f < ZT_ARRAY_LEN(fixtures); f++) {
		struct zt_snapshot full, cut;
		char why[ZT_WHY_LEN];
		size_t len;
		char *text = fixture(fixtures[f], &len);

		snapshot_init(&full);
		assert_int_equal(zoneinfo_parse(text, len, &full, why,
		    sizeof why), 0);
		for (size_t n = 0; n < len; n++) {
			char *p = xmalloc(n ? n : 1);
			memcpy(p, text, n);
			snapshot_init(&cut);
			int rc = zoneinfo_parse(p, n, &cut, why, sizeof why);
			assert_int_equal(rc, cut.nzones > 0 ? 0 : -1);
			check_truncated(&full, &cut);
			snapshot_free(&cut);
			free(p);
		}
		snapshot_free(&full);
		free(text);
	}
}

/* Flipped and binary bytes: no crash, and every kept value sane. */
static void
test_garbage(void **state)
{
	uint32_t seed = 12345;
	(void)state;

	for (size_t f = 0; f < ZT_ARRAY_LEN(fixtures); f++) {
		size_t len;
		char *text = fixture(fixtures[f], &len);

		for (int round = 0; round < 300; round++) {
			struct zt_snapshot s;
			char why[ZT_WHY_LEN];
			char *p = garble(text, len, 1 + round % 40, &seed);
			snapshot_init(&s);
			zoneinfo_parse(p, len, &s, why, sizeof why);
			assert_true(s.nzones >= 0 && s.nzones <= ZT_MAX_ZONES);
			for (int i = 0; i < s.nzones; i++) {
				const struct zt_zone *z = &s.zones[i];
				assert_true(z->nprot >= 0 &&
				    z->nprot <= ZT_MAX_ZONE_TYPES);
				assert_true(z->free == ZT_NA || z->free >= 0);
				assert_true(z->unreclaimable >= -1 &&
				    z->unreclaimable <= 1);
				assert_true(z->node >= 0);
				assert_true(strlen(z->name) < sizeof z->name);
			}
			assert_true(s.ntypes <= ZT_MAX_ZONE_TYPES);
			snapshot_free(&s);
			free(p);
		}
		free(text);
	}

	/* pure binary noise, NULs included */
	for (int round = 0; round < 200; round++) {
		struct zt_snapshot s;
		char why[ZT_WHY_LEN];
		size_t len = 1 + (size_t)round * 13;
		char *p = xmalloc(len);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			p[i] = (char)(seed >> 16);
		}
		snapshot_init(&s);
		zoneinfo_parse(p, len, &s, why, sizeof why);
		snapshot_free(&s);
		free(p);
	}
}

static void
test_zone_init(void **state)
{
	struct zt_zone z;
	(void)state;

	memset(&z, 0x5a, sizeof z);
	zone_init(&z);
	assert_true(z.free == ZT_NA && z.boost == ZT_NA && z.min == ZT_NA);
	assert_true(z.low == ZT_NA && z.high == ZT_NA && z.promo == ZT_NA);
	assert_true(z.spanned == ZT_NA && z.present == ZT_NA);
	assert_true(z.managed == ZT_NA && z.cma == ZT_NA);
	assert_true(z.start_pfn == ZT_NA && z.nr_free_cma == ZT_NA);
	assert_true(z.lru_anon == ZT_NA && z.lru_file == ZT_NA);
	assert_true(z.reserved == ZT_NA);
	assert_int_equal(z.unreclaimable, -1);
	assert_int_equal(z.norders, 0);
	assert_int_equal(z.nprot, 0);
	assert_null(z.pt);
	assert_int_equal(z.state, ZT_WS_UNKNOWN);
	assert_int_equal(z.highest_free_order, -2);
	assert_int_equal(z.type, ZT_ZONE_UNKNOWN);
	assert_string_equal(z.name, "");
	for (int i = 0; i < ZT_MAX_ORDER; i++) {
		assert_true(isnan(z.unusable[i]));
		assert_true(isnan(z.fragidx[i]));
		assert_true(z.buddy[i] == ZT_NA);
	}
	for (int i = 0; i < ZT_MAX_ZONE_TYPES; i++)
		assert_true(z.protection[i] == ZT_NA);
	assert_false(z.empty || z.unmanaged || z.tiny);
	assert_int_equal(z.node, -1);
	assert_true(isnan(z.trend_pps) && isnan(z.eta_min_s) &&
	    isnan(z.eta_low_s));
}

/* The "Node N, zone NAME" header (zoneinfo_show_print, buddyinfo): the
 * words themselves, a blank after each, a node up to 65535, a name of
 * 1 to namelen - 1 characters. */
static void
test_header(void **state)
{
	char name[12];
	int node = -7;
	const char *p;
	(void)state;

	p = zoneinfo_header("Node 65535, zone Normal 5", &node, name, sizeof name);
	assert_non_null(p);
	assert_int_equal(node, 65535);
	assert_string_equal(name, "Normal");
	assert_string_equal(p, " 5");
	assert_null(zoneinfo_header("Node 65536, zone Normal", &node, name,
	    sizeof name));
	assert_null(zoneinfo_header("Nodx 0, zone Normal", &node, name,
	    sizeof name));
	assert_null(zoneinfo_header("Node0, zone Normal", &node, name,
	    sizeof name));
	assert_null(zoneinfo_header("Node 0, zoneNormal", &node, name,
	    sizeof name));
	assert_null(zoneinfo_header("Node 0, zonf Normal", &node, name,
	    sizeof name));
	p = zoneinfo_header("Node	1,	zone	X	7", &node, name, sizeof name);
	assert_non_null(p);
	assert_int_equal(node, 1);
	assert_string_equal(name, "X");
	assert_null(zoneinfo_header("Node 0, zone ", &node, name, sizeof name));
	/* 11 characters fit 12 bytes; 12 do not */
	p = zoneinfo_header("Node 2, zone ABCDEFGHIJK 1", &node, name,
	    sizeof name);
	assert_non_null(p);
	assert_string_equal(name, "ABCDEFGHIJK");
	assert_null(zoneinfo_header("Node 2, zone ABCDEFGHIJKL 1", &node, name,
	    sizeof name));
}

/* CRLF line ends (a file carried through Windows) read as LF ones; a
 * line of 1023 bytes is read, one of 1024 is not the kernel's. */
static void
test_crlf_and_length(void **state)
{
	struct zt_snapshot a, b;
	struct zt_buf crlf = { 0 };
	char why[ZT_WHY_LEN];
	size_t len;
	char *text = fixture("proc/vm-6.18-x86_64-24g/zoneinfo", &len);
	(void)state;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf_printf(&crlf, "\r");
		buf_printf(&crlf, "%c", text[i]);
	}
	snapshot_init(&a);
	snapshot_init(&b);
	assert_int_equal(zoneinfo_parse(text, len, &a, why, sizeof why), 0);
	assert_int_equal(zoneinfo_parse(crlf.p, crlf.len, &b, why, sizeof why), 0);
	assert_int_equal(a.nzones, b.nzones);
	assert_int_equal(a.ntypes, b.ntypes);
	for (int i = 0; i < a.nzones; i++) {
		const struct zt_zone *x = &a.zones[i], *y = &b.zones[i];
		assert_string_equal(x->name, y->name);
		assert_true(x->free == y->free && x->min == y->min &&
		    x->low == y->low && x->high == y->high &&
		    x->managed == y->managed && x->present == y->present);
		assert_int_equal(x->nprot, y->nprot);
		for (int k = 0; k < x->nprot; k++)
			assert_true(x->protection[k] == y->protection[k]);
		assert_int_equal(x->unreclaimable, y->unreclaimable);
	}
	/* DMA32 of this VM: pages free 772808 (test_vm_618) */
	assert_int_equal(b.zones[1].free, 772808);
	snapshot_free(&a);
	snapshot_free(&b);
	buf_free(&crlf);
	free(text);

	/* "        min      13883" padded to 1023 and to 1024 bytes */
	for (int n = 1023; n <= 1024; n++) {
		struct zt_buf t = { 0 };
		buf_printf(&t, "Node 0, zone   Normal\n  pages free     5\n"
		    "        min      ");
		while (t.len < (size_t)(n - 5) + strlen("Node 0, zone   Normal\n"
		    "  pages free     5\n"))
			buf_printf(&t, " ");
		buf_printf(&t, "13883\n");
		snapshot_init(&a);
		assert_int_equal(zoneinfo_parse(t.p, t.len, &a, why, sizeof why), 0);
		assert_int_equal(a.nzones, 1);
		if (n == 1023)
			assert_int_equal(a.zones[0].min, 13883);
		else
			assert_true(a.zones[0].min == ZT_NA);
		snapshot_free(&a);
		buf_free(&t);
	}

	/* LRU sums up to INT64_MAX exactly; one more is not a number */
	static const char lru[] = "Node 0, zone   Normal\n"
	    "  pages free     5\n"
	    "      nr_zone_inactive_anon 9223372036854775806\n"
	    "      nr_zone_active_anon 1\n"
	    "      nr_zone_inactive_file 9223372036854775807\n"
	    "      nr_zone_active_file 1\n";
	assert_int_equal(parse_str(lru, &a, why, sizeof why), 0);
	assert_true(a.zones[0].lru_anon == INT64_MAX);
	assert_true(a.zones[0].lru_file == ZT_NA);
	snapshot_free(&a);

	/* the 4.8+ names win even when only the anon pair is printed */
	static const char anon[] = "Node 0, zone   Normal\n"
	    "  pages free     5\n"
	    "      nr_zone_inactive_anon 5\n"
	    "      nr_zone_active_anon 6\n"
	    "      nr_inactive_anon 100\n"
	    "      nr_active_anon 200\n";
	assert_int_equal(parse_str(anon, &a, why, sizeof why), 0);
	assert_int_equal(a.zones[0].lru_anon, 11);
	assert_true(a.zones[0].lru_file == ZT_NA);
	snapshot_free(&a);

	/* a line that only starts like "Node" is no header and closes
	 * nothing; a key of 48 bytes (the buffer's size) is skipped */
	static const char odd[] = "Node 0, zone   Normal\n"
	    "  pages free     5\n"
	    "Nodx 1\n"
	    "        min      7\n"
	    "K23456789012345678901234567890123456789012345678 9\n"
	    "K2345678901234567890123456789012345678901234567 9\n"
	    "        low      8\n";
	assert_int_equal(parse_str(odd, &a, why, sizeof why), 0);
	assert_int_equal(a.zones[0].min, 7);
	assert_int_equal(a.zones[0].low, 8);
	snapshot_free(&a);

	/* "pages free" needs both words and a blank (space or tab) after
	 * them; the keys after it are read by name in any order */
	static const char pages[] = "Node 0, zone   Normal\n"
	    "  pages free\t5\n"
	    "  pages frex 99\n"
	    "  pages freex 98\n"
	    "  start_pfn: 4096\n"
	    "  node_unreclaimable: 1\n"
	    "Node 0, zone  Movable\n"
	    "  pages free 6\n";
	assert_int_equal(parse_str(pages, &a, why, sizeof why), 0);
	assert_int_equal(a.zones[0].free, 5);
	assert_int_equal(a.zones[0].start_pfn, 4096);
	assert_int_equal(a.zones[0].unreclaimable, 1);
	assert_int_equal(a.zones[1].free, 6);
	snapshot_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vm_618),
		cmocka_unit_test(test_numa_66),
		cmocka_unit_test(test_per_node_not_zone),
		cmocka_unit_test(test_arm32_414),
		cmocka_unit_test(test_i686_40),
		cmocka_unit_test(test_layout_2632),
		cmocka_unit_test(test_unreclaimable_unscanned),
		cmocka_unit_test(test_slot_inference),
		cmocka_unit_test(test_empty_and_junk),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_zone_init),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_slots_bits),
		cmocka_unit_test(test_node_unreclaimable),
		cmocka_unit_test(test_crlf_and_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
