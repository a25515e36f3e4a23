/*
 * test_severity.c: derive_severity(), the one place where PSI and commit
 * get their severity (the screen colours it, the verdict words it): each
 * threshold at, just below and above its edge, unknown figures, and the
 * verdict's words following the same fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "derive.h"
#include "snapshot.h"
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
