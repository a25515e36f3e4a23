/*
 * test_trend.c: time to trouble (trend.c) on recorded sequences: a
 * steady fall with noise (the estimate within 20% of the true
 * crossing), a single spike down (no estimate), a fall that recovers
 * (no estimate), too few samples, and the ring fed with snapshots as the
 * sampler feeds it (per zone and MemAvailable); memory cgroups' usage
 * against their limits: a steady rise (within 20% of the true
 * crossing), one spike up and a fall (no estimate), a cgroup that goes
 * away (forgotten), and the bound on the cgroups followed.
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
#include "trend.h"
#include "util.h"

/* Deterministic noise in [-1, 1]. */
static double
noise(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (double)((*seed >> 8) % 2001) / 1000.0 - 1.0;
}

/* 31 samples every 2 s: free falls 50 pages/s from 10000 with +-150
 * pages of noise; min 4000 is crossed at t = 120, 60 s after the last. */
static void
test_steady_fall(void **state)
{
	double t[31], y[31];
	unsigned seed = 7;
	struct trend_fit f;

	(void)state;
	for (int i = 0; i < 31; i++) {
		t[i] = 2.0 * i;
		y[i] = 10000 - 50 * t[i] + 150 * noise(&seed);
	}
	assert_true(trend_fit_series(t, y, 31, &f));
	assert_true(f.falling);
	assert_true(f.slope < -40 && f.slope > -60);
	double eta = trend_eta(&f, y[30], 4000);
	assert_true(eta > 60 * 0.8 && eta < 60 * 1.2);
	/* low (5000) is crossed at t = 100, 40 s on */
	eta = trend_eta(&f, y[30], 5000);
	assert_true(eta > 40 * 0.8 && eta < 40 * 1.2);
	/* already below: 0 */
	assert_true(trend_eta(&f, y[30], 9000) == 0);
}

/* Flat for 12 s, then falling 40 pages a 0.5 s sample (80/s); min
 * 2000 is reached 8000 / 80 = 100 s after the last sample.  The line
 * over all 40 samples averages the flat part in: slope -29.6/s, level
 * 10215 at the end, so (10215 - 2000) / 29.6 = 277 s, late by 2.8x.
 * The newest 20 (4 flat, 16 falling) fit -73.6/s, 2.5 times steeper,
 * and hold: taken, 108.9 s.  The newest 10 (-80/s) are only 1.09 times
 * steeper than that, under 1.1: the 20 stay.  A series falling
 * steadily from the start keeps its whole window. */
static void
test_sped_up(void **state)
{
	double t[40], y[40];
	struct trend_fit f;

	(void)state;
	for (int i = 0; i < 40; i++) {
		t[i] = 0.5 * i;
		y[i] = i < 24 ? 10640 : 10640 - 40 * (i - 23);
	}
	assert_true(trend_fit_series(t, y, 40, &f));
	assert_int_equal(f.n, 20);
	assert_true(f.slope < -73.5 && f.slope > -73.7);
	double eta = trend_eta(&f, y[39], 2000);
	assert_true(eta > 108.8 && eta < 109.0);
	for (int i = 0; i < 40; i++)
		y[i] = 10000 - 80 * t[i];
	assert_true(trend_fit_series(t, y, 40, &f));
	assert_int_equal(f.n, 40);
}

/* Flat with noise, then one sample far down: no trend to believe. */
static void
test_single_spike(void **state)
{
	double t[31], y[31];
	unsigned seed = 11;
	struct trend_fit f;

	(void)state;
	for (int i = 0; i < 31; i++) {
		t[i] = 2.0 * i;
		y[i] = 10000 + 100 * noise(&seed);
	}
	y[30] = 5000;
	assert_false(trend_fit_series(t, y, 31, &f));
	assert_true(isnan(trend_eta(&f, y[30], 4000)));
	/* a spike in the middle, back the next sample */
	y[30] = 10000;
	y[15] = 3000;
	assert_false(trend_fit_series(t, y, 31, &f));
	assert_true(isnan(trend_eta(&f, y[30], 4000)));
}

/* Falls for 40 s, then recovers for 20 s: no estimate. */
static void
test_recovery(void **state)
{
	double t[31], y[31];
	unsigned seed = 3;
	struct trend_fit f;

	(void)state;
	for (int i = 0; i < 31; i++) {
		t[i] = 2.0 * i;
		y[i] = (t[i] <= 40 ? 10000 - 75 * t[i] : 7000 + 75 * (t[i] - 40)) +
		    50 * noise(&seed);
	}
	assert_false(trend_fit_series(t, y, 31, &f));
	assert_true(isnan(trend_eta(&f, y[30], 4000)));
	/* a fall that has stopped: flat for its newest third */
	for (int i = 0; i < 31; i++)
		y[i] = (t[i] <= 40 ? 10000 - 75 * t[i] : 7000) + 20 * noise(&seed);
	assert_false(trend_fit_series(t, y, 31, &f));
}

static void
test_too_few(void **state)
{
	double t[4] = { 0, 1, 2, 3 }, y[4] = { 100, 90, 80, 70 };
	struct trend_fit f;

	(void)state;
	assert_false(trend_fit_series(t, y, 4, &f));
	assert_true(isnan(f.slope));
	assert_true(isnan(trend_eta(&f, 70, 0)));
	/* five are enough for a clean line */
	double t5[5] = { 0, 1, 2, 3, 4 }, y5[5] = { 100, 90, 80, 70, 60 };
	assert_true(trend_fit_series(t5, y5, 5, &f));
	assert_true(fabs(trend_eta(&f, 60, 0) - 6) < 1e-9);
}

static void
snap(struct zt_snapshot *s, double mono, int64_t dma32_free, int64_t avail)
{
	struct zt_zone *z;

	snapshot_init(s);
	s->mono = mono;
	s->zones = xcalloc(2, sizeof *s->zones);
	s->nzones = 2;
	for (int i = 0; i < 2; i++) {
		z = &s->zones[i];
		zone_init(z);
		z->node = 0;
		z->managed = z->present = 249888;
		strlcpy0(z->name, i ? "DMA32" : "DMA", sizeof z->name);
	}
	s->zones[0].free = 1000;
	s->zones[0].min = 10;
	s->zones[0].low = 12;
	z = &s->zones[1];
	z->free = dma32_free;
	z->min = 989;
	z->low = 1236;
	kvs_set(&s->meminfo, "MemAvailable", avail);
	kvs_set(&s->meminfo, "SwapTotal", 0);
	kvs_set(&s->meminfo, "SwapFree", 0);
}

/* The ring as the sampler feeds it: DMA32 falls 20 pages/s toward min,
 * MemAvailable 100 kB/s; DMA stays. */
static void
test_observe(void **state)
{
	struct trend *tr = trend_new();
	struct zt_snapshot s;

	(void)state;
	for (int i = 0; i < 40; i++) {
		snap(&s, 1000 + 2.0 * i, 5000 - 40 * i, 100000 - 200 * i);
		trend_observe(tr, &s);
		if (i < TREND_MIN_N - 1) {
			assert_int_equal(s.trend.n, 0);
			assert_true(isnan(s.zones[1].eta_min_s));
		}
		if (i < 39)
			snapshot_free(&s);
	}
	/* the window: the last 60 s, 31 samples */
	assert_int_equal(s.trend.n, 31);
	assert_true(fabs(s.trend.window_s - 60) < 1e-9);
	assert_true(fabs(s.zones[1].trend_pps + 20) < 1e-6);
	/* free 3440 now: min 989 in (3440 - 989) / 20 s */
	assert_true(fabs(s.zones[1].eta_min_s - (3440 - 989) / 20.0) < 1e-6);
	assert_true(fabs(s.zones[1].eta_low_s - (3440 - 1236) / 20.0) < 1e-6);
	/* DMA is flat: a slope of 0, no estimate */
	assert_true(fabs(s.zones[0].trend_pps) < 1e-9);
	assert_true(isnan(s.zones[0].eta_min_s));
	assert_true(fabs(s.trend.avail_kbps + 100) < 1e-6);
	assert_true(fabs(s.trend.avail_eta_s - (100000 - 200 * 39) / 100.0) < 1e-6);
	/* no swap: nothing to run out of */
	assert_true(isnan(s.trend.swap_eta_s));
	snapshot_free(&s);

	/* a clock that goes back starts the ring again */
	snap(&s, 10, 5000, 100000);
	trend_observe(tr, &s);
	assert_int_equal(s.trend.n, 0);
	snapshot_free(&s);
	trend_free(tr);
}

/* Memory cgroups only (no zones): n of them, ino 100 + i, the first
 * with usage[0] against limit 256 MiB, the others as given. */
static void
cgsnap(struct zt_snapshot *s, double mono, int n, const int64_t *usage,
    const int64_t *limit)
{
	snapshot_init(s);
	s->mono = mono;
	s->ncgroups = n;
	s->cgroups = xcalloc((size_t)n, sizeof *s->cgroups);
	for (int i = 0; i < n; i++) {
		struct zt_cgroup_info *c = &s->cgroups[i];
		cgroup_info_init(c);
		c->have = true;
		c->version = 1;
		c->ino = 100 + (uint64_t)i;
		snprintf(c->path, sizeof c->path, "/zt-test/%d", i);
		c->usage_kb = usage[i];
		c->limit_kb = limit[i];
	}
}

#define CG_LIMIT 262144		/* 256 MiB in kB */

/* 31 samples every 2 s.  cgroup 0 rises 2048 kB/s from 100000 kB with
 * +-3000 kB of noise: the limit is crossed at t = 79.2 s, 19.2 s after
 * the last; cgroup 1 has no limit, cgroup 2 stays flat below its own,
 * cgroup 3 falls. */
static void
test_cgroup_rise(void **state)
{
	struct trend *tr = trend_new();
	struct zt_snapshot s;
	unsigned seed = 5;

	(void)state;
	for (int i = 0; i < 31; i++) {
		double t = 2.0 * i;
		int64_t u[4] = { 100000 + (int64_t)(2048 * t + 3000 * noise(&seed)),
		    500000, 200000 + (int64_t)(500 * noise(&seed)),
		    250000 - (int64_t)(1500 * t) };
		int64_t l[4] = { CG_LIMIT, ZT_NO_LIMIT, CG_LIMIT, CG_LIMIT };
		cgsnap(&s, 500 + t, 4, u, l);
		trend_observe(tr, &s);
		if (i < TREND_MIN_N - 1) {
			assert_true(isnan(s.cgroups[0].trend_kbps));
			assert_true(isnan(s.cgroups[0].eta_limit_s));
		}
		if (i < 30)
			snapshot_free(&s);
	}
	double truth = (CG_LIMIT - 100000) / 2048.0 - 60;
	assert_true(s.cgroups[0].trend_kbps > 2048 * 0.9 &&
	    s.cgroups[0].trend_kbps < 2048 * 1.1);
	assert_true(s.cgroups[0].eta_limit_s > truth * 0.8 &&
	    s.cgroups[0].eta_limit_s < truth * 1.2);
	/* no limit: nothing to reach, not even a slope */
	assert_true(isnan(s.cgroups[1].trend_kbps));
	assert_true(isnan(s.cgroups[1].eta_limit_s));
	/* flat: a slope near 0, no estimate */
	assert_true(fabs(s.cgroups[2].trend_kbps) < 50);
	assert_true(isnan(s.cgroups[2].eta_limit_s));
	/* falling away from the limit: a negative slope, no estimate */
	assert_true(fabs(s.cgroups[3].trend_kbps + 1500) < 1e-6);
	assert_true(isnan(s.cgroups[3].eta_limit_s));
	assert_int_equal(trend_cgroups_followed(tr), 3);
	snapshot_free(&s);
	trend_free(tr);
}

/* Flat with noise, then one sample far up, near the limit: none. */
static void
test_cgroup_spike(void **state)
{
	struct trend *tr = trend_new();
	struct zt_snapshot s;
	unsigned seed = 9;

	(void)state;
	for (int i = 0; i < 31; i++) {
		int64_t u = i == 30 ? CG_LIMIT - 1000 :
		    150000 + (int64_t)(2000 * noise(&seed));
		int64_t l = CG_LIMIT;
		cgsnap(&s, 2.0 * i, 1, &u, &l);
		trend_observe(tr, &s);
		if (i < 30)
			snapshot_free(&s);
	}
	assert_true(s.cgroups[0].trend_kbps > 0);
	assert_true(isnan(s.cgroups[0].eta_limit_s));
	snapshot_free(&s);
	trend_free(tr);
}

/* A cgroup that goes away is forgotten after a window; one that comes
 * back with the same inode starts a new series; --cgroup gets the
 * figures of its entry in cgroups[] without a second sample; the table
 * is bounded. */
static void
test_cgroup_gone(void **state)
{
	struct trend *tr = trend_new();
	struct zt_snapshot s;
	int64_t u[2], l[2] = { CG_LIMIT, CG_LIMIT };
	double t = 0;

	(void)state;
	for (int i = 0; i < 10; i++, t += 1) {
		u[0] = u[1] = 100000 + 5000 * i;
		cgsnap(&s, t, 2, u, l);
		s.cgroup = s.cgroups[1];	/* --cgroup /zt-test/1 */
		trend_observe(tr, &s);
		assert_true(isnan(s.cgroup.eta_limit_s) ==
		    isnan(s.cgroups[1].eta_limit_s));
		if (!isnan(s.cgroup.eta_limit_s))
			assert_true(s.cgroup.eta_limit_s == s.cgroups[1].eta_limit_s);
		snapshot_free(&s);
	}
	assert_int_equal(trend_cgroups_followed(tr), 2);
	/* cgroup 1 is gone: kept for a window, then forgotten */
	for (int i = 0; i < 70; i++, t += 1) {
		u[0] = 100000;
		cgsnap(&s, t, 1, u, l);
		trend_observe(tr, &s);
		assert_int_equal(trend_cgroups_followed(tr), i <= 59 ? 2 : 1);
		snapshot_free(&s);
	}
	/* back (a new cgroup, the same inode): no estimate yet */
	u[0] = 100000;
	u[1] = 200000;
	cgsnap(&s, t, 2, u, l);
	trend_observe(tr, &s);
	assert_int_equal(trend_cgroups_followed(tr), 2);
	assert_true(isnan(s.cgroups[1].trend_kbps));
	assert_true(isnan(s.cgroups[1].eta_limit_s));
	snapshot_free(&s);

	/* more cgroups with a limit than the table holds */
	int64_t *many = xcalloc(200, sizeof *many), *lim = xcalloc(200, sizeof *lim);
	for (int i = 0; i < 200; i++) {
		many[i] = 1000 + i;
		lim[i] = CG_LIMIT;
	}
	for (int k = 0; k < TREND_MIN_N; k++) {
		for (int i = 0; i < 200; i++)
			many[i] += 4000;
		cgsnap(&s, t + 1 + k, 200, many, lim);
		trend_observe(tr, &s);
		assert_int_equal(trend_cgroups_followed(tr), TREND_CGROUPS);
		if (k < TREND_MIN_N - 1)
			snapshot_free(&s);
	}
	/* the first ones keep their series, the ones beyond the table
	 * get none rather than evicting them */
	assert_true(fabs(s.cgroups[2].trend_kbps - 4000) < 1e-6);
	assert_true(fabs(s.cgroups[2].eta_limit_s -
	    (CG_LIMIT - many[2]) / 4000.0) < 1e-6);
	assert_true(isnan(s.cgroups[199].trend_kbps));
	assert_true(isnan(s.cgroups[199].eta_limit_s));
	snapshot_free(&s);
	free(many);
	free(lim);
	trend_free(tr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steady_fall),
		cmocka_unit_test(test_sped_up),
		cmocka_unit_test(test_single_spike),
		cmocka_unit_test(test_recovery),
		cmocka_unit_test(test_too_few),
		cmocka_unit_test(test_observe),
		cmocka_unit_test(test_cgroup_rise),
		cmocka_unit_test(test_cgroup_spike),
		cmocka_unit_test(test_cgroup_gone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
