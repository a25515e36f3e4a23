/*
 * test_severity.c: derive_severity(), the one place where PSI, commit,
 * swap in use, the allocation checks, a memory cgroup's usage and the
 * times to trouble (zone min,
 * MemAvailable, swap, a memory cgroup's limit) get their severity (the screen colours it, the
 * verdict words it): each threshold at, just below and above its edge,
 * unknown figures, and the verdict's words following the same fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include <stdlib.h>

#include "derive.h"
#include "parsers.h"
#include "snapshot.h"
#include "util.h"
#include "verdict.h"

static void
psi(struct zt_snapshot *s, double some, double full)
{
	snapshot_init(s);
	s->psi.have = true;
	s->psi.some.have = !isnan(some);
	s->psi.some.avg10 = some;
	s->psi.full.have = !isnan(full);
	s->psi.full.avg10 = full;
	derive_severity(s);
}

static void
commit(struct zt_snapshot *s, int64_t mode, int64_t committed, int64_t limit)
{
	snapshot_init(s);
	s->sysctl.overcommit_memory = mode;
	s->committed_kb = committed;
	s->commit_limit_kb = limit;
	derive_severity(s);
}

static int
verdict_has(const struct zt_snapshot *s, const char *prefix, int sev)
{
	for (int i = 0; i < s->verdict.n; i++)
		if (strncmp(s->verdict.line[i], prefix, strlen(prefix)) == 0)
			return s->verdict.severity[i] == sev;
	return 0;
}

static void
test_psi_full(void **state)
{
	struct zt_snapshot s;

	(void)state;
	psi(&s, 0, 1.99);
	assert_int_equal(s.sev_psi_full, ZT_SEV_OK);
	psi(&s, 0, 2.0);
	assert_int_equal(s.sev_psi_full, ZT_SEV_WARN);
	psi(&s, 0, 9.99);
	assert_int_equal(s.sev_psi_full, ZT_SEV_WARN);
	psi(&s, 0, 10.0);
	assert_int_equal(s.sev_psi_full, ZT_SEV_CRIT);
	/* the file without a full line (4.20's CPU-less case): unknown */
	psi(&s, 0, NAN);
	assert_int_equal(s.sev_psi_full, ZT_SEV_NA);
	snapshot_init(&s);
	derive_severity(&s);
	assert_int_equal(s.sev_psi_full, ZT_SEV_NA);
	assert_int_equal(s.sev_psi_some, ZT_SEV_NA);
}

static void
test_psi_some(void **state)
{
	struct zt_snapshot s;

	(void)state;
	psi(&s, 9.99, 0);
	assert_int_equal(s.sev_psi_some, ZT_SEV_OK);
	psi(&s, 10.0, 0);
	assert_int_equal(s.sev_psi_some, ZT_SEV_WARN);
	/* some alone is latency, never critical */
	psi(&s, 100.0, 0);
	assert_int_equal(s.sev_psi_some, ZT_SEV_WARN);
}

static void
test_commit_strict(void **state)
{
	struct zt_snapshot s;

	(void)state;
	commit(&s, 2, 899, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_OK);
	commit(&s, 2, 900, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_WARN);
	commit(&s, 2, 999, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_WARN);
	commit(&s, 2, 1000, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_CRIT);
}

static void
test_commit_loose(void **state)
{
	struct zt_snapshot s;

	(void)state;
	/* overcommit 0 and 1 do not enforce the limit: a note at most */
	commit(&s, 0, 999, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_OK);
	commit(&s, 0, 1000, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_NOTE);
	commit(&s, 1, 5000, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_NOTE);
	/* mode unknown: not judged as enforced */
	commit(&s, ZT_NA, 5000, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_OK);
	/* a figure missing, or no limit: unknown, never OK */
	commit(&s, 2, ZT_NA, 1000);
	assert_int_equal(s.sev_commit, ZT_SEV_NA);
	commit(&s, 2, 1000, 0);
	assert_int_equal(s.sev_commit, ZT_SEV_NA);
}

static void
swap(struct zt_snapshot *s, int64_t total, int64_t free, bool short_now)
{
	snapshot_init(s);
	s->swap_total_kb = total;
	s->swap_free_kb = free;
	/* a global OOM kill in this step: memory is short */
	s->oom_kills_delta = short_now ? 1 : 0;
	derive_severity(s);
}

/* Swap 90% used warns (the screen's colour and the verdict's word
 * alike); with memory short it is critical; no swap or unknown: NA. */
static void
test_swap_used(void **state)
{
	struct zt_snapshot s;

	(void)state;
	swap(&s, 1000, 101, false);
	assert_int_equal(s.sev_swap, ZT_SEV_OK);
	swap(&s, 1000, 100, false);
	assert_int_equal(s.sev_swap, ZT_SEV_WARN);
	swap(&s, 1000, 0, false);
	assert_int_equal(s.sev_swap, ZT_SEV_WARN);
	swap(&s, 1000, 100, true);
	assert_int_equal(s.sev_swap, ZT_SEV_CRIT);
	swap(&s, 1000, 101, true);
	assert_int_equal(s.sev_swap, ZT_SEV_OK);
	swap(&s, 0, 0, false);
	assert_int_equal(s.sev_swap, ZT_SEV_NA);
	swap(&s, 1000, ZT_NA, false);
	assert_int_equal(s.sev_swap, ZT_SEV_NA);
	/* the verdict says it at the same severity */
	swap(&s, 1000, 100, false);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "swap 90% used", 1));
	swap(&s, 1000, 50, true);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "swap 95% used", 2));
	swap(&s, 1000, 101, false);
	verdict_judge(&s);
	assert_false(verdict_has(&s, "swap", 1));
	snapshot_free(&s);
}

static void
eta(struct zt_snapshot *s, double zone, double avail, double swp, double cg)
{
	snapshot_init(s);
	s->trend.n = 30;
	s->trend.window_s = 60;
	s->nzones = 1;
	s->zones = calloc(1, sizeof *s->zones);
	zone_init(&s->zones[0]);
	s->zones[0].node = 0;
	strlcpy0(s->zones[0].name, "Normal", sizeof s->zones[0].name);
	s->zones[0].trend_pps = -100;
	s->zones[0].eta_min_s = zone;
	s->trend.avail_kbps = s->trend.swapfree_kbps = -1024;
	s->trend.avail_eta_s = avail;
	s->trend.swap_eta_s = swp;
	s->ncgroups = 1;
	s->cgroups = calloc(1, sizeof *s->cgroups);
	cgroup_info_init(&s->cgroups[0]);
	s->cgroups[0].have = true;
	strlcpy0(s->cgroups[0].path, "/hog", sizeof s->cgroups[0].path);
	s->cgroups[0].trend_kbps = 1024;
	s->cgroups[0].eta_limit_s = cg;
	derive_severity(s);
}

/* A time to trouble: critical under a minute, a warning under
 * TREND_SHORT_S, OK beyond; none (not falling), 0 (there already) or no
 * trend yet: NA.  Swap running out only warns. */
static void
test_eta(void **state)
{
	struct zt_snapshot s;

	(void)state;
	eta(&s, 59.9, 59.9, 59.9, 59.9);
	assert_int_equal(s.zones[0].sev_eta_min, ZT_SEV_CRIT);
	assert_int_equal(s.sev_avail_eta, ZT_SEV_CRIT);
	assert_int_equal(s.sev_swap_eta, ZT_SEV_WARN);
	assert_int_equal(s.cgroups[0].sev_eta_limit, ZT_SEV_CRIT);
	snapshot_free(&s);
	eta(&s, 60, 60, 60, 60);
	assert_int_equal(s.zones[0].sev_eta_min, ZT_SEV_WARN);
	assert_int_equal(s.sev_avail_eta, ZT_SEV_WARN);
	assert_int_equal(s.sev_swap_eta, ZT_SEV_WARN);
	assert_int_equal(s.cgroups[0].sev_eta_limit, ZT_SEV_WARN);
	snapshot_free(&s);
	eta(&s, 299.9, 300, 300, 300);
	assert_int_equal(s.zones[0].sev_eta_min, ZT_SEV_WARN);
	assert_int_equal(s.sev_avail_eta, ZT_SEV_OK);
	assert_int_equal(s.sev_swap_eta, ZT_SEV_OK);
	assert_int_equal(s.cgroups[0].sev_eta_limit, ZT_SEV_OK);
	snapshot_free(&s);
	eta(&s, NAN, 0, NAN, NAN);
	assert_int_equal(s.zones[0].sev_eta_min, ZT_SEV_NA);
	assert_int_equal(s.sev_avail_eta, ZT_SEV_NA);
	assert_int_equal(s.sev_swap_eta, ZT_SEV_NA);
	assert_int_equal(s.cgroups[0].sev_eta_limit, ZT_SEV_NA);
	snapshot_free(&s);
	/* no trend yet: whatever the fields hold, nothing is judged */
	eta(&s, 30, 30, 30, 30);
	s.trend.n = 0;
	derive_severity(&s);
	assert_int_equal(s.zones[0].sev_eta_min, ZT_SEV_NA);
	assert_int_equal(s.sev_avail_eta, ZT_SEV_NA);
	assert_int_equal(s.sev_swap_eta, ZT_SEV_NA);
	snapshot_free(&s);
	/* the verdict words them at the same severities */
	eta(&s, 59, 200, 30, 400);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "node 0 Normal free reaches min in", 2));
	assert_true(verdict_has(&s, "MemAvailable runs out in", 1));
	assert_true(verdict_has(&s, "swap runs out in", 1));
	assert_false(verdict_has(&s, "memcg /hog", 0) || verdict_has(&s, "memcg /hog", 1) ||
	    verdict_has(&s, "memcg /hog", 2));
	snapshot_free(&s);
}

/* The min check per class and order: order 0 failing is critical, a
 * higher order failing a warning, passing OK; no zone known: NA.  The
 * verdict's words carry the same severity. */
static void
test_alloc(void **state)
{
	struct zt_snapshot s;

	(void)state;
	snapshot_init(&s);
	for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++) {
		s.alloc[i].cls = i / ZT_ALLOC_ORDERS;
		s.alloc[i].order = i % ZT_ALLOC_ORDERS;
		s.alloc[i].ok[ZT_MARK_MIN] = true;
	}
	derive_severity(&s);
	assert_int_equal(s.alloc[0].sev, ZT_SEV_NA);	/* no zone */
	s.nzones = 1;
	s.zones = calloc(1, sizeof *s.zones);
	zone_init(&s.zones[0]);
	s.zones[0].node = 0;
	strlcpy0(s.zones[0].name, "Normal", sizeof s.zones[0].name);
	s.zones[0].present = s.zones[0].managed = 100000;
	s.zones[0].free = 50000;
	derive_severity(&s);
	for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++)
		assert_int_equal(s.alloc[i].sev, ZT_SEV_OK);
	/* GFP_KERNEL order 2 fails */
	s.alloc[ZT_CLASS_KERNEL * ZT_ALLOC_ORDERS + 2].ok[ZT_MARK_MIN] = false;
	derive_severity(&s);
	assert_int_equal(s.alloc[ZT_CLASS_KERNEL * ZT_ALLOC_ORDERS + 2].sev, ZT_SEV_WARN);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "GFP_KERNEL order-2 would fail at min", 1));
	/* order 0 fails */
	s.alloc[ZT_CLASS_KERNEL * ZT_ALLOC_ORDERS].ok[ZT_MARK_MIN] = false;
	derive_severity(&s);
	assert_int_equal(s.alloc[ZT_CLASS_KERNEL * ZT_ALLOC_ORDERS].sev, ZT_SEV_CRIT);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "GFP_KERNEL order-0 would fail at min", 2));
	snapshot_free(&s);
}

/* A memory cgroup's usage against its limit (the cgroups view and the
 * --cgroup line colour it alike): 80% warns, 95% is critical; no limit
 * or no usage: NA. */
static void
test_memcg_usage(void **state)
{
	struct zt_snapshot s;
	static const struct { int64_t usage, limit; int sev; } c[] = {
		{ 799, 1000, ZT_SEV_OK }, { 800, 1000, ZT_SEV_WARN },
		{ 949, 1000, ZT_SEV_WARN }, { 950, 1000, ZT_SEV_CRIT },
		{ 1200, 1000, ZT_SEV_CRIT }, { 999, ZT_NO_LIMIT, ZT_SEV_NA },
		{ ZT_NA, 1000, ZT_SEV_NA }, { 5, 0, ZT_SEV_NA },
	};

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		snapshot_init(&s);
		s.ncgroups = 1;
		s.cgroups = calloc(1, sizeof *s.cgroups);
		cgroup_info_init(&s.cgroups[0]);
		cgroup_info_init(&s.cgroup);
		s.cgroups[0].usage_kb = s.cgroup.usage_kb = c[i].usage;
		s.cgroups[0].limit_kb = s.cgroup.limit_kb = c[i].limit;
		derive_severity(&s);
		assert_int_equal(s.cgroups[0].sev_usage, c[i].sev);
		assert_int_equal(s.cgroup.sev_usage, c[i].sev);
		snapshot_free(&s);
	}
}

/* The verdict's severity is the field's, one step down (note = info). */
static void
test_verdict_follows(void **state)
{
	struct zt_snapshot s;

	(void)state;
	commit(&s, 2, 1000, 1000);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "commit 100% of limit", 2));
	commit(&s, 2, 950, 1000);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "commit 95% of limit", 1));
	commit(&s, 0, 1500, 1000);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "commit 150% of limit (overcommit 0", 0));
	psi(&s, 0, 2.0);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "PSI full avg10 2.0%", 1));
	psi(&s, 12.0, 0);
	verdict_judge(&s);
	assert_true(verdict_has(&s, "PSI some avg10 12.0%", 1));
	psi(&s, 9.0, 1.0);
	verdict_judge(&s);
	assert_false(verdict_has(&s, "PSI", 1));
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_psi_full),
		cmocka_unit_test(test_psi_some),
		cmocka_unit_test(test_commit_strict),
		cmocka_unit_test(test_commit_loose),
		cmocka_unit_test(test_verdict_follows),
		cmocka_unit_test(test_swap_used),
		cmocka_unit_test(test_eta),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_memcg_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
