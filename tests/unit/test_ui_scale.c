/*
 * test_ui_scale.c: the zone bar's scale (ui/scale.c) on zones from
 * 4 MiB to 1 TiB with the watermarks the kernel would give them
 * (mm/page_alloc.c __setup_per_zone_wmarks(), 4.6+: min from
 * min_free_kbytes, gap = max(min/4,
 * managed * 10/10000), promo where present, a lowmem reserve), at the
 * bar widths of 64 to 200 columns, with free everywhere from 0 to all:
 * marks 10% apart stand in different cells, in order, and the free edge
 * is left of a mark it is below and right of one it is above.  Then the
 * captures' rows: the seed's DMA32 (free just under min) and the 6.18
 * VM's DMA (reserve beyond the zone).
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
#include "scale.h"
#include "snapshot.h"
#include "util.h"

/* A zone of managed pages alone on its machine, 6.x watermarks. */
static void
kernel_zone(struct zt_zone *z, int64_t managed, bool promo)
{
	double kb = (double)managed * 4;
	int64_t mfk = (int64_t)sqrt(kb * 16), gap;

	if (mfk < 128)
		mfk = 128;
	if (mfk > 262144)
		mfk = 262144;
	zone_init(z);
	z->node = 0;
	z->managed = z->present = managed;
	z->min = mfk / 4;
	gap = z->min / 4 > managed * 10 / 10000 ? z->min / 4 : managed * 10 / 10000;
	z->low = z->min + gap;
	z->high = z->low + gap;
	z->promo = promo ? z->high + gap : ZT_NA;
}

static double
mark_value(const struct zt_zone *z, int64_t reserve, int m)
{
	switch (m) {
	case SM_MIN: return (double)z->min;
	case SM_LOW: return (double)z->low;
	case SM_HIGH: return (double)z->high;
	case SM_PROMO: return zt_have(z->promo) ? (double)z->promo : NAN;
	default: return reserve > 0 ? (double)(z->min + reserve) : NAN;
	}
}

static int checks;

static void
check_zone(const struct zt_zone *z, int64_t reserve, int width)
{
	struct ui_scale sc;
	char what[160];

	ui_scale_compute(&sc, z, reserve, width);
	snprintf(what, sizeof what, "managed %lld free %lld reserve %lld width %d",
	    (long long)z->managed, (long long)z->free, (long long)reserve, width);
	for (int a = 0; a < SM_N; a++) {
		double va = mark_value(z, reserve, a);
		if (isnan(va) || va > (double)z->managed)
			continue;
		assert_true(sc.mark[a] >= 0 && sc.mark[a] < width);
		for (int b = 0; b < SM_N; b++) {
			double vb = mark_value(z, reserve, b);
			if (isnan(vb) || vb > (double)z->managed || vb < va * 1.1)
				continue;
			if (sc.mark[b] <= sc.mark[a])
				print_error("%s: %c (%.0f) at %d, %c (%.0f) at %d\n", what,
				    ui_scale_mark_char(a), va, sc.mark[a],
				    ui_scale_mark_char(b), vb, sc.mark[b]);
			assert_true(sc.mark[b] > sc.mark[a]);
			checks++;
		}
		/* the free edge against the mark */
		double f = (double)z->free;
		int fc = ui_scale_free_cell(&sc);
		if (f >= va * 1.1) {
			if (fc <= sc.mark[a])
				print_error("%s: free at %d, %c (%.0f) at %d\n", what, fc,
				    ui_scale_mark_char(a), va, sc.mark[a]);
			assert_true(fc > sc.mark[a]);
			checks++;
		} else if (f * 1.1 <= va) {
			if (fc >= sc.mark[a])
				print_error("%s: free at %d, %c (%.0f) at %d\n", what, fc,
				    ui_scale_mark_char(a), va, sc.mark[a]);
			assert_true(fc < sc.mark[a]);
			checks++;
		}
	}
	/* never past the bar; all free fills it */
	assert_true(sc.free_x >= 0 && sc.free_x <= width);
	if (z->free >= z->managed)
		assert_true(sc.free_x == width);
}

static void
test_scale_sizes(void **state)
{
	static const int widths[] = { 16, 18, 21, 26, 40, 64 };

	(void)state;
	checks = 0;
	/* 4 MiB to 1 TiB of 4K pages */
	for (int64_t managed = 1024; managed <= ((int64_t)1 << 28); managed *= 2) {
		for (int p = 0; p < 2; p++) {
			struct zt_zone z;
			kernel_zone(&z, managed, p);
			/* no reserve; a Normal-above-DMA32 reserve (ratio 256
			 * of 3 times the zone); one larger than the zone */
			int64_t reserves[3] = { 0, managed * 3 / 256, managed * 2 };
			for (int r = 0; r < 3; r++) {
				double fr[] = { 0, 0.5, 0.85, 0.95, 1.0, 1.05, 1.12, 1.3,
				    1.6, 2.0, 2.6, 4, 10 };
				for (size_t k = 0; k < ZT_ARRAY_LEN(fr); k++)
					for (size_t w = 0; w < ZT_ARRAY_LEN(widths); w++) {
						z.free = (int64_t)(z.min * fr[k]);
						if (z.free > managed)
							z.free = managed;
						check_zone(&z, reserves[r], widths[w]);
					}
				for (size_t w = 0; w < ZT_ARRAY_LEN(widths); w++) {
					z.free = managed / 2;
					check_zone(&z, reserves[r], widths[w]);
					z.free = managed;
					check_zone(&z, reserves[r], widths[w]);
				}
			}
		}
	}
	assert_true(checks > 10000);
}

/* The seed's DMA32: free 987 just under min 989, of 249,888. */
static void
test_scale_seed_dma32(void **state)
{
	struct zt_zone z;
	struct ui_scale sc;

	(void)state;
	zone_init(&z);
	z.managed = 249888;
	z.free = 987;
	z.min = 989;
	z.low = 1236;
	z.high = 1483;
	ui_scale_compute(&sc, &z, 0, 26);
	assert_int_equal(sc.brk, 17);
	/* free ends in the cell before min's: just left of it */
	assert_true(ui_scale_free_cell(&sc) < sc.mark[SM_MIN]);
	assert_true(sc.mark[SM_MIN] < sc.mark[SM_LOW]);
	assert_true(sc.mark[SM_LOW] < sc.mark[SM_HIGH]);
	assert_true(sc.mark[SM_HIGH] < sc.brk);
	assert_int_equal(sc.mark[SM_RESERVE], -1);
	assert_int_equal(sc.mark[SM_PROMO], -1);
}

/* The 6.18 VM's DMA: min 19 .. promo 31, the reserve 13258 beyond its
 * 3840 pages, all free. */
static void
test_scale_reserve_over(void **state)
{
	struct zt_zone z;
	struct ui_scale sc;

	(void)state;
	zone_init(&z);
	z.managed = z.free = 3840;
	z.min = 19;
	z.low = 23;
	z.high = 27;
	z.promo = 31;
	ui_scale_compute(&sc, &z, 13258, 16);
	assert_true(sc.reserve_over);
	assert_int_equal(sc.mark[SM_RESERVE], 15);
	assert_true(sc.mark[SM_MIN] < sc.mark[SM_LOW] &&
	    sc.mark[SM_LOW] < sc.mark[SM_HIGH] && sc.mark[SM_HIGH] < sc.mark[SM_PROMO]);
	assert_true(sc.mark[SM_PROMO] < sc.brk);
	assert_true(sc.free_x == 16);
	/* no managed pages: nothing */
	z.managed = 0;
	ui_scale_compute(&sc, &z, 0, 16);
	assert_int_equal(sc.mark[SM_MIN], -1);
	assert_int_equal(ui_scale_free_cell(&sc), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale_sizes),
		cmocka_unit_test(test_scale_seed_dma32),
		cmocka_unit_test(test_scale_reserve_over),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
