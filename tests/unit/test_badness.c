/*
 * test_badness.c: the kernel's OOM points per version (badness.c): the
 * formula of each rule set, the root bonus, the unkillable rules (-1000
 * too, which this machine cannot set: no CAP_SYS_RESOURCE), the tie
 * order of each version, and totalpages for each scope.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "badness.h"

#define PAGE 4096

static struct badness_task
task(int tgid, int adj, int64_t anon, uint64_t start)
{
	struct badness_task t;

	memset(&t, 0, sizeof t);
	t.tgid = tgid;
	t.oom_score_adj = adj;
	t.rss_anon = anon;
	t.rss_file = 100;
	t.rss_shmem = 0;
	t.swapents = 0;
	t.pgtables_bytes = 12 * PAGE;
	t.start_time = start;
	t.uid = 1000;
	t.known = BADNESS_F_KTHREAD | BADNESS_F_INIT | BADNESS_F_NO_MM |
	    BADNESS_F_CAP_ADMIN;
	return t;
}

static void
test_versions(void **state)
{
	struct badness_kernel k;

	(void)state;
	badness_kernel_init(&k, "6.18.44-fc-v1300", false);
	assert_int_equal(k.rules, BADNESS_RULES_5_9);
	assert_true(k.last_wins);
	assert_true(k.percpu_counts);
	badness_kernel_init(&k, "5.4.0-150-generic", false);
	assert_int_equal(k.rules, BADNESS_RULES_4_17);
	assert_true(k.last_wins);
	assert_false(k.percpu_counts);
	badness_kernel_init(&k, "5.4.273", true);	/* backported formula */
	assert_int_equal(k.rules, BADNESS_RULES_5_9);
	badness_kernel_init(&k, "5.1.21", false);
	assert_false(k.last_wins);
	badness_kernel_init(&k, "4.15.18", false);
	assert_int_equal(k.rules, BADNESS_RULES_3_8);
	badness_kernel_init(&k, "4.17.0", false);
	assert_int_equal(k.rules, BADNESS_RULES_4_17);
	badness_kernel_init(&k, "3.10.0-1160.el7.x86_64", false);
	assert_int_equal(k.rules, BADNESS_RULES_3_8);
	badness_kernel_init(&k, "3.2.0", false);
	assert_int_equal(k.rules, BADNESS_RULES_2_6_36);
	badness_kernel_init(&k, "2.6.39", false);
	assert_int_equal(k.rules, BADNESS_RULES_2_6_36);
	badness_kernel_init(&k, "2.6.32-754.el6", false);
	assert_int_equal(k.rules, BADNESS_RULES_UNKNOWN);
	badness_kernel_init(&k, "garbage", false);
	assert_int_equal(k.rules, BADNESS_RULES_UNKNOWN);
	assert_false(k.last_wins);
}

/* Each rule set's first release and the one before it (mm/oom_kill.c:
 * 2.6.36 the new badness(), 3.8 pages + adj*totalpages/1000, 4.17 no
 * root bonus, 5.9 no floor of 1; 5.2 the last scanned wins a tie, 6.2
 * per-CPU rss counters), and release strings read as decimal numbers,
 * 0.0 when they are none. */
static void
test_version_edges(void **state)
{
	static const struct {
		const char *release;
		int rules, major, minor;
		bool last_wins, percpu;
	} c[] = {
		{ "2.6.35.14", BADNESS_RULES_UNKNOWN, 2, 6, false, false },
		{ "2.6.36", BADNESS_RULES_2_6_36, 2, 6, false, false },
		{ "2.6", BADNESS_RULES_UNKNOWN, 2, 6, false, false },
		{ "2.4.37", BADNESS_RULES_UNKNOWN, 2, 4, false, false },
		{ "3.6.11", BADNESS_RULES_2_6_36, 3, 6, false, false },
		{ "3.7.10", BADNESS_RULES_2_6_36, 3, 7, false, false },
		{ "3.8.0", BADNESS_RULES_3_8, 3, 8, false, false },
		{ "4.16.18", BADNESS_RULES_3_8, 4, 16, false, false },
		{ "4.17", BADNESS_RULES_4_17, 4, 17, false, false },
		{ "5.1.21", BADNESS_RULES_4_17, 5, 1, false, false },
		{ "5.2.0", BADNESS_RULES_4_17, 5, 2, true, false },
		{ "5.8.18", BADNESS_RULES_4_17, 5, 8, true, false },
		{ "5.9.0", BADNESS_RULES_5_9, 5, 9, true, false },
		{ "5.10.0-8-amd64", BADNESS_RULES_5_9, 5, 10, true, false },
		{ "6.1.0", BADNESS_RULES_5_9, 6, 1, true, false },
		{ "6.2.0", BADNESS_RULES_5_9, 6, 2, true, true },
		{ "6.18.44-fc-v1300", BADNESS_RULES_5_9, 6, 18, true, true },
		{ "10.0", BADNESS_RULES_5_9, 10, 0, true, true },
		{ "6", BADNESS_RULES_UNKNOWN, 0, 0, false, false },
		{ ".5", BADNESS_RULES_UNKNOWN, 0, 0, false, false },
		{ "garbage", BADNESS_RULES_UNKNOWN, 0, 0, false, false },
		{ "", BADNESS_RULES_UNKNOWN, 0, 0, false, false },
	};
	struct badness_kernel k;

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		/* a copy of exactly its length: a read past the end shows */
		size_t n = strlen(c[i].release) + 1;
		char *r = malloc(n);
		assert_non_null(r);
		memcpy(r, c[i].release, n);
		badness_kernel_init(&k, r, false);
		free(r);
		if (k.rules != c[i].rules || k.major != c[i].major ||
		    k.minor != c[i].minor || k.last_wins != c[i].last_wins ||
		    k.percpu_counts != c[i].percpu)
			fail_msg("%s: rules %d %d.%d last_wins %d percpu %d",
			    c[i].release, k.rules, k.major, k.minor,
			    k.last_wins, k.percpu_counts);
	}
	badness_kernel_init(&k, NULL, false);
	assert_int_equal(k.rules, BADNESS_RULES_UNKNOWN);
	/* the 5.9 formula seen in oom_score: 5.9 rules for 4.17 .. 5.8 and
	 * for unknown releases, never for older rule sets */
	badness_kernel_init(&k, "5.8.18", true);
	assert_int_equal(k.rules, BADNESS_RULES_5_9);
	badness_kernel_init(&k, "garbage", true);
	assert_int_equal(k.rules, BADNESS_RULES_5_9);
	badness_kernel_init(&k, "4.16.18", true);
	assert_int_equal(k.rules, BADNESS_RULES_3_8);
	badness_kernel_init(&k, "3.7.10", true);
	assert_int_equal(k.rules, BADNESS_RULES_2_6_36);
}

/* badness_points' guards, each on its own: any counter unknown,
 * negative or above 2^50 pages (or bytes for page tables), a totalpages
 * or page size of 0, rules unknown: no points; at the bounds themselves
 * the kernel's sum.  5.9+ rules: pages + adj * (totalpages / 1000). */
static void
test_points_guards(void **state)
{
	struct badness_kernel k, k38, unk;
	const int64_t total = 1000000, cap = (int64_t)1 << 50;
	/* anon 1000 + file 100 + shmem 0 + swap 0 + 12 pages of tables */
	const int64_t pages = 1000 + 100 + 12;

	(void)state;
	badness_kernel_init(&k, "6.1.0", false);
	badness_kernel_init(&k38, "4.16.0", false);
	badness_kernel_init(&unk, "2.6.32", false);
	struct badness_task base = task(1, 0, 1000, 1);
	assert_int_equal(badness_points(&k, &base, total, PAGE), pages);
	assert_int_equal(badness_points(&unk, &base, total, PAGE),
	    BADNESS_UNKNOWN);

	for (int f = 0; f < 5; f++) {
		struct badness_task t = base;
		int64_t *c = f == 0 ? &t.rss_anon : f == 1 ? &t.rss_file :
		    f == 2 ? &t.rss_shmem : f == 3 ? &t.swapents :
		    &t.pgtables_bytes;
		int64_t was = *c, unit = f == 4 ? PAGE : 1;
		*c = BADNESS_NA;
		assert_int_equal(badness_points(&k, &t, total, PAGE),
		    BADNESS_UNKNOWN);
		*c = -1;
		assert_int_equal(badness_points(&k, &t, total, PAGE),
		    BADNESS_UNKNOWN);
		*c = cap + 1;
		assert_int_equal(badness_points(&k, &t, total, PAGE),
		    BADNESS_UNKNOWN);
		*c = cap;
		assert_int_equal(badness_points(&k, &t, total, PAGE),
		    pages - was / unit + cap / unit);
		*c = 0;
		assert_int_equal(badness_points(&k, &t, total, PAGE),
		    pages - was / unit);
	}
	/* totalpages and page size: 0 is none, 1 is one */
	assert_int_equal(badness_points(&k, &base, 0, PAGE), BADNESS_UNKNOWN);
	assert_int_equal(badness_points(&k, &base, total, 0), BADNESS_UNKNOWN);
	assert_int_equal(badness_points(&k, &base, 1, PAGE), pages);
	assert_int_equal(badness_points(&k, &base, total, 1),
	    1000 + 100 + 12 * PAGE);
	assert_int_equal(badness_points(&k, &base, cap, PAGE), pages);
	assert_int_equal(badness_points(&k, &base, cap + 1, PAGE),
	    BADNESS_UNKNOWN);

	/* adj above 1000 counts as 1000 (the kernel's range) */
	struct badness_task t = base;
	t.oom_score_adj = 1001;
	assert_int_equal(badness_points(&k, &t, total, PAGE),
	    pages + 1000 * (total / 1000));
	t.oom_score_adj = 1000;
	assert_int_equal(badness_points(&k, &t, total, PAGE),
	    pages + 1000 * (total / 1000));
	t.oom_score_adj = 999;
	assert_int_equal(badness_points(&k, &t, total, PAGE),
	    pages + 999 * (total / 1000));

	/* 3.8 .. 4.16 root bonus, only where CAP_SYS_ADMIN is both seen
	 * and held: 1112 - 1112 * 3 / 100 = 1112 - 33 */
	t = base;
	assert_int_equal(badness_points(&k38, &t, total, PAGE), pages);
	t.flags = BADNESS_F_CAP_ADMIN;
	assert_int_equal(badness_points(&k38, &t, total, PAGE), pages - 33);
	/* 10000 pages: 10000 - 10000 * 3 / 100 */
	t.rss_anon = 10000 - 100 - 12;
	assert_int_equal(badness_points(&k38, &t, total, PAGE), 10000 - 300);
	t.rss_anon = base.rss_anon;
	t.known = 0;
	assert_int_equal(badness_points(&k38, &t, total, PAGE), pages);
	/* 3.8: + adj * (totalpages / 1000), at least 1 */
	t = base;
	t.oom_score_adj = 10;
	assert_int_equal(badness_points(&k38, &t, total, PAGE),
	    pages + 10 * (total / 1000));
	t.oom_score_adj = -10;
	assert_int_equal(badness_points(&k38, &t, 1112 * 100, PAGE),
	    pages - 10 * 111);
	/* totalpages 1112000: adj -1 takes 1112, all of it: 0 -> 1 */
	t.oom_score_adj = -1;
	assert_int_equal(badness_points(&k38, &t, 1112000, PAGE), 1);
	t.oom_score_adj = 0;
	assert_int_equal(badness_points(&k38, &t, 1112000, PAGE), pages);
	/* 4.17 .. 5.8: the same without the root bonus */
	struct badness_kernel k417;
	badness_kernel_init(&k417, "5.4.0", false);
	t = base;
	t.flags = BADNESS_F_CAP_ADMIN;
	t.oom_score_adj = 10;
	assert_int_equal(badness_points(&k417, &t, total, PAGE),
	    pages + 10 * (total / 1000));
	t.oom_score_adj = -1;
	assert_int_equal(badness_points(&k417, &t, 1112000, PAGE), 1);
	t.oom_score_adj = -2;
	assert_int_equal(badness_points(&k417, &t, 1112000, PAGE), 1);
	/* 5.9+: no floor, negative points stand */
	assert_int_equal(badness_points(&k, &t, 1112000, PAGE), -1112);

	/* 2.6.36 .. 3.7 badness(): pages * 1000 / totalpages + adj, at
	 * least 1, at most 1000.  totalpages 1112: 1000 exactly */
	struct badness_kernel k26;
	badness_kernel_init(&k26, "3.2.0", false);
	t = base;
	assert_int_equal(badness_points(&k26, &t, pages, PAGE), 1000);
	assert_int_equal(badness_points(&k26, &t, 2 * pages, PAGE), 500);
	/* totalpages 1113: 1112000 / 1113 = 999 (999.1) */
	assert_int_equal(badness_points(&k26, &t, pages + 1, PAGE), 999);
	t.oom_score_adj = -999;		/* 0: the floor of 1 */
	assert_int_equal(badness_points(&k26, &t, pages + 1, PAGE), 1);
	t.oom_score_adj = -998;
	assert_int_equal(badness_points(&k26, &t, pages + 1, PAGE), 1);
	t.oom_score_adj = -997;
	assert_int_equal(badness_points(&k26, &t, pages + 1, PAGE), 2);
	t.oom_score_adj = 1;		/* 1001: the ceiling */
	assert_int_equal(badness_points(&k26, &t, pages, PAGE), 1000);
}

/* /proc/PID/oom_score from points (proc_oom_score): 2.6.36 the points
 * themselves, 3.8 .. 5.8 points * 1000 / totalpages, 5.9+ (1000 +
 * points * 1000 / totalpages) * 2 / 3; ineligible 0, unknown none. */
static void
test_oom_score(void **state)
{
	struct badness_kernel k26, k38, k417, k59, unk;

	(void)state;
	badness_kernel_init(&k26, "3.2.0", false);
	badness_kernel_init(&k38, "4.16.0", false);
	badness_kernel_init(&k417, "5.4.0", false);
	badness_kernel_init(&k59, "6.1.0", false);
	badness_kernel_init(&unk, "2.6.32", false);
	assert_int_equal(badness_oom_score(&k26, 321, 5000), 321);
	assert_int_equal(badness_oom_score(&k38, 1112, 1112), 1000);
	assert_int_equal(badness_oom_score(&k38, 1112, 2224), 500);
	assert_int_equal(badness_oom_score(&k417, 1112, 1112), 1000);
	assert_int_equal(badness_oom_score(&k38, 5, 1), 5000);
	/* (1000 + 1112 * 1000 / 2224) * 2 / 3 = 1500 * 2 / 3 */
	assert_int_equal(badness_oom_score(&k59, 1112, 2224), 1000);
	/* (1000 + 1000) * 2 / 3 = 1333 */
	assert_int_equal(badness_oom_score(&k59, 1112, 1112), 1333);
	/* (1000 - 500) * 2 / 3 = 333 */
	assert_int_equal(badness_oom_score(&k59, -1112, 2224), 333);
	assert_int_equal(badness_oom_score(&k59, BADNESS_INELIGIBLE, 2224), 0);
	assert_int_equal(badness_oom_score(&k38, BADNESS_INELIGIBLE, 0), 0);
	assert_int_equal(badness_oom_score(&k59, BADNESS_UNKNOWN, 2224),
	    BADNESS_NA);
	assert_int_equal(badness_oom_score(&k38, BADNESS_UNKNOWN, 2224),
	    BADNESS_NA);
	assert_int_equal(badness_oom_score(&k38, 1112, 0), BADNESS_NA);
	assert_int_equal(badness_oom_score(&k59, 1112, -5), BADNESS_NA);
	assert_int_equal(badness_oom_score(&unk, 1112, 2224), BADNESS_NA);
}

/* The 64 MiB cgroup: 40 MiB at adj 0 against 2 MiB at adj 100. */
static void
test_memcg_adj_weight(void **state)
{
	struct badness_kernel k;
	struct badness_task big = task(10, 0, 10240 - 100 - 12, 1);
	struct badness_task small = task(11, 100, 512 - 100 - 12, 2);
	int64_t total = badness_total_memcg(65536, INT64_MAX, 0, 60, 4);

	(void)state;
	badness_kernel_init(&k, "6.18.0", false);
	assert_int_equal(total, 16384);
	assert_int_equal(badness_points(&k, &big, total, PAGE), 10240);
	assert_int_equal(badness_points(&k, &small, total, PAGE),
	    512 + 100 * 16);
	/* globally (24 GiB) the adj-100 task outranks */
	int64_t g = badness_total_global(24 * 1024 * 1024, 0, 4);
	assert_true(badness_points(&k, &small, g, PAGE) >
	    badness_points(&k, &big, g, PAGE));
	/* and /proc/PID/oom_score rounds both to numbers near 666 */
	assert_int_equal(badness_oom_score(&k, 10240, g), 667);
}

static void
test_rules(void **state)
{
	struct badness_kernel k;
	struct badness_task t = task(5, 0, 1000 - 100 - 12, 1);
	int64_t total = 1000000;

	(void)state;
	t.rss_shmem = 50;
	t.swapents = 25;
	t.pgtables_bytes = 3 * PAGE + 100;	/* whole pages only */
	badness_kernel_init(&k, "6.18", false);
	assert_int_equal(badness_points(&k, &t, total, PAGE), 888 + 100 + 50 +
	    25 + 3);
	t.oom_score_adj = -500;		/* 5.9+: negative points */
	assert_int_equal(badness_points(&k, &t, total, PAGE),
	    1066 - 500 * 1000);
	badness_kernel_init(&k, "5.8", false);
	assert_int_equal(badness_points(&k, &t, total, PAGE), 1);
	t.oom_score_adj = 0;
	t.flags = BADNESS_F_CAP_ADMIN;
	assert_int_equal(badness_points(&k, &t, total, PAGE), 1066);
	badness_kernel_init(&k, "4.14.177", false);	/* 3% root bonus */
	assert_int_equal(badness_points(&k, &t, total, PAGE), 1066 - 31);
	badness_kernel_init(&k, "3.4", false);	/* scaled to 0..1000 */
	assert_int_equal(badness_points(&k, &t, 10000, PAGE), 106 - 30);
	t.flags = 0;
	t.oom_score_adj = 2000;		/* out of range: clamped */
	assert_int_equal(badness_points(&k, &t, 10000, PAGE), 1000);
	t.oom_score_adj = 0;
	t.rss_file = BADNESS_NA;
	assert_true(badness_points(&k, &t, total, PAGE) == BADNESS_UNKNOWN);
}

/* -1000, init, kernel threads, no mm, reaped, vfork: never chosen.  Only
 * what the filler could see counts. */
static void
test_unkillable(void **state)
{
	struct badness_kernel k;
	struct badness_task t = task(5, -1000, 5000, 1);
	static const uint32_t bits[] = { BADNESS_F_KTHREAD, BADNESS_F_INIT,
		BADNESS_F_NO_MM, BADNESS_F_OOM_SKIP, BADNESS_F_VFORK };

	(void)state;
	badness_kernel_init(&k, "6.18", false);
	assert_true(badness_points(&k, &t, 1000000, PAGE) == BADNESS_INELIGIBLE);
	assert_int_equal(badness_oom_score(&k, BADNESS_INELIGIBLE, 1000000), 0);
	t.oom_score_adj = -999;
	assert_true(badness_points(&k, &t, 1000000, PAGE) != BADNESS_INELIGIBLE);
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		struct badness_task u = task(5, 0, 5000, 1);
		u.flags = bits[i];
		u.known = bits[i];
		assert_true(badness_ineligible(&u));
		u.known = 0;	/* not visible to the filler: not applied */
		assert_false(badness_ineligible(&u));
	}
}

/* Equal points: 5.2+ picks the last scanned, older kernels the first;
 * creation order, not pid order (pids wrap). */
static void
test_ties(void **state)
{
	struct badness_kernel k;
	struct badness_task t[4] = {
		task(300, 0, 2000, 50), task(100, 0, 2000, 70),
		task(200, 0, 2000, 60), task(400, 0, 1000, 80),
	};
	int64_t pts[4];
	int order[4];

	(void)state;
	badness_kernel_init(&k, "6.18", false);
	assert_int_equal(badness_rank(&k, t, 4, 1000000, PAGE, false, pts,
	    order), 4);
	assert_int_equal(t[order[0]].tgid, 100);	/* started last */
	assert_int_equal(t[order[1]].tgid, 200);
	assert_int_equal(t[order[2]].tgid, 300);
	assert_int_equal(t[order[3]].tgid, 400);
	badness_kernel_init(&k, "4.19", false);
	badness_rank(&k, t, 4, 1000000, PAGE, false, pts, order);
	assert_int_equal(t[order[0]].tgid, 300);	/* started first */
	assert_int_equal(t[order[1]].tgid, 200);
	assert_int_equal(t[order[3]].tgid, 400);
	/* a memcg scans its cgroups in pre-order before creation order */
	badness_kernel_init(&k, "6.18", false);
	t[0].memcg_seq = 2;
	t[1].memcg_seq = 1;
	t[2].memcg_seq = 1;
	badness_rank(&k, t, 3, 16384, PAGE, true, pts, order);
	assert_int_equal(t[order[0]].tgid, 300);	/* child cgroup, last */
	badness_rank(&k, t, 3, 16384, PAGE, false, pts, order);
	assert_int_equal(t[order[0]].tgid, 100);
	/* the task list position, when known, beats start times */
	t[0].scan_seq = 9;
	t[1].scan_seq = 3;
	t[2].scan_seq = 5;
	badness_rank(&k, t, 3, 16384, PAGE, false, pts, order);
	assert_int_equal(t[order[0]].tgid, 300);
}

static void
test_ineligible_last(void **state)
{
	struct badness_kernel k;
	struct badness_task t[3] = {
		task(1, 0, 90000, 1), task(7, -1000, 80000, 2),
		task(9, 0, 10, 3),
	};
	int64_t pts[3];
	int order[3];

	(void)state;
	t[0].flags = BADNESS_F_INIT;
	badness_kernel_init(&k, "6.18", false);
	assert_int_equal(badness_rank(&k, t, 3, 1000000, PAGE, false, pts,
	    order), 1);
	assert_int_equal(t[order[0]].tgid, 9);
	assert_int_equal(t[order[1]].tgid, 1);
	assert_int_equal(t[order[2]].tgid, 7);
}

/* badness_top: its first top are badness_order's first top, for every
 * top, on a mix rich in ties (equal points, equal start times), origin
 * and ineligible tasks, with both tie rules; the rest holds each other
 * task once.  Also with the tasks inside a larger struct (stride). */
struct wrapped {
	char pad[24];
	struct badness_task t;
};

static void
test_top(void **state)
{
	enum { N = 300 };
	static struct badness_task t[N];
	static struct wrapped w[N];
	static int64_t pts[N];
	static int full[N], part[N], seen[N];
	const char *rel[] = { "6.18", "4.14" };	/* last wins; first wins */
	struct badness_kernel k;
	uint32_t x = 12345;

	(void)state;
	for (int i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		/* three sizes, so ties are everywhere; starts repeat too */
		t[i] = task(100 + i, (x >> 20) % 7 == 0 ? 500 : 0,
		    1000 * (int64_t)((x >> 16) % 3), (uint64_t)(i / 3));
		if ((x >> 8) % 29 == 0)
			t[i].oom_score_adj = -1000;
		if ((x >> 8) % 31 == 0)
			t[i].flags |= BADNESS_F_NO_MM;
		if (i == 211)
			t[i].flags |= BADNESS_F_ORIGIN;
		w[i].t = t[i];
	}
	for (int v = 0; v < 2; v++) {
		badness_kernel_init(&k, rel[v], false);
		badness_rank(&k, t, N, 1000000, PAGE, false, pts, full);
		assert_int_equal(t[full[0]].tgid, 100 + 211);	/* origin */
		for (int top = 1; top <= N; top += top < 20 ? 1 : 37) {
			assert_int_equal(badness_top(&k, t, sizeof *t, N, pts,
			    false, top, part), top);
			for (int r = 0; r < top; r++)
				assert_int_equal(part[r], full[r]);
			memset(seen, 0, sizeof seen);
			for (int r = 0; r < N; r++)
				seen[part[r]]++;
			for (int i = 0; i < N; i++)
				assert_int_equal(seen[i], 1);
			assert_int_equal(badness_top(&k, &w[0].t, sizeof *w, N,
			    pts, false, top, part), top);
			for (int r = 0; r < top; r++)
				assert_int_equal(part[r], full[r]);
		}
	}
	/* more than there are: all of them, ranked */
	assert_int_equal(badness_top(&k, t, sizeof *t, 5, pts, false, 9, part),
	    5);
}

/* badness_top at its edges: no task (order untouched), a top past n
 * (all n), a top below 1 (one: the best). */
static void
test_top_edges(void **state)
{
	struct badness_kernel k;
	struct badness_task t[3];
	int64_t pts[3] = { 10, 30, 20 };
	int order[3] = { 42, 42, 42 };

	(void)state;
	badness_kernel_init(&k, "6.1.0", false);
	for (int i = 0; i < 3; i++)
		t[i] = task(10 + i, 0, 100, (uint64_t)i);
	assert_int_equal(badness_top(&k, t, sizeof *t, 0, pts, false, 5, order), 0);
	assert_int_equal(badness_top(&k, t, sizeof *t, -1, pts, false, 5, order), 0);
	assert_int_equal(order[0], 42);
	assert_int_equal(badness_top(&k, t, sizeof *t, 1, pts, false, 5, order), 1);
	assert_int_equal(order[0], 0);
	for (int top = -3; top <= 0; top++) {
		order[0] = order[1] = order[2] = 42;
		assert_int_equal(badness_top(&k, t, sizeof *t, 3, pts, false, top,
		    order), 1);
		assert_int_equal(order[0], 1);		/* 30 points */
		assert_true(order[1] != 42 && order[2] != 42 && order[1] != order[2]);
	}
	/* a top of all n: the heap fills order[] exactly (ASan sees a write
	 * past it) */
	assert_int_equal(badness_top(&k, t, sizeof *t, 3, pts, false, 3, order), 3);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 0);
	assert_int_equal(badness_top(&k, t, sizeof *t, 3, pts, false, 2, order), 2);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 0);
}

/* A scope ranked where its tasks lie (badness_set with a map, as
 * procs.c's scope_rank does) ranks as a copy of those tasks does:
 * points, order and ties by position. */
static void
test_mapped_set(void **state)
{
	enum { N = 300 };
	static struct badness_task t[N], sub[N];
	static struct wrapped w[N];
	static int64_t pts[N], mpts[N];
	static int map[N], full[N], part[N];
	struct badness_kernel k;
	uint32_t x = 777;
	int m = 0;

	(void)state;
	for (int i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		t[i] = task(100 + i, (x >> 20) % 5 == 0 ? 300 : 0,
		    1000 * (int64_t)((x >> 16) % 3), (uint64_t)(i / 4));
		if ((x >> 8) % 23 == 0)
			t[i].oom_score_adj = -1000;
		w[i].t = t[i];
		if ((x >> 12) % 3 != 0) {	/* the scope: two in three */
			sub[m] = t[i];
			map[m++] = i;
		}
	}
	for (int v = 0; v < 2; v++) {
		struct badness_set set = { &w[0].t, sizeof *w, map };
		badness_kernel_init(&k, v ? "4.14" : "6.18", false);
		assert_int_equal(badness_rank_set(&k, &set, m, 1000000, PAGE,
		    false, mpts, part), badness_rank(&k, sub, m, 1000000, PAGE,
		    false, pts, full));
		for (int r = 0; r < m; r++) {
			assert_int_equal(part[r], full[r]);
			assert_int_equal(mpts[r], pts[r]);
		}
		badness_order_set(&k, &set, m, pts, true, part);
		badness_order(&k, sub, m, pts, true, full);
		for (int r = 0; r < m; r++)
			assert_int_equal(part[r], full[r]);
		assert_int_equal(badness_top_set(&k, &set, m, pts, false, 7,
		    part), 7);
		badness_order(&k, sub, m, pts, false, full);
		for (int r = 0; r < 7; r++)
			assert_int_equal(part[r], full[r]);
	}
}

static void
test_totals(void **state)
{
	int64_t present[2] = { 100000, 50000 };

	(void)state;
	assert_int_equal(badness_total_global(1000, 400, 4), 350);
	assert_true(badness_total_global(BADNESS_NA, 400, 4) == BADNESS_NA);
	/* MemTotal 0 is a total (of 0 + swap); below 0 or a page size of
	 * 0 none; swap unknown or negative counts 0 */
	assert_int_equal(badness_total_global(0, 400, 4), 100);
	assert_true(badness_total_global(-1, 400, 4) == BADNESS_NA);
	assert_true(badness_total_global(1000, 400, 0) == BADNESS_NA);
	assert_true(badness_total_global(1000, 400, -4) == BADNESS_NA);
	assert_int_equal(badness_total_global(1000, 400, 1), 1400);
	assert_int_equal(badness_total_global(1000, BADNESS_NA, 4), 250);
	assert_int_equal(badness_total_global(1000, -4, 4), 250);
	assert_int_equal(badness_total_global(1000, 0, 4), 250);
	assert_int_equal(badness_total_global(1000, BADNESS_NA, 1), 1000);
	/* memcg: no limit known, or no page size: none; PAGE_COUNTER_MAX
	 * (LONG_MAX / PAGE_SIZE) for "max" */
	assert_true(badness_total_memcg(BADNESS_NA, 0, 0, 60, 4) == BADNESS_NA);
	assert_true(badness_total_memcg(-1, 0, 0, 60, 4) == BADNESS_NA);
	assert_true(badness_total_memcg(65536, 0, 0, 60, 0) == BADNESS_NA);
	assert_true(badness_total_memcg(65536, 0, 0, 60, -4) == BADNESS_NA);
	assert_int_equal(badness_total_memcg(65536, 0, 0, 60, 1), 65536);
	/* swap total unknown or below 0: no swap */
	assert_int_equal(badness_total_memcg(65536, INT64_MAX, BADNESS_NA, 60, 4),
	    16384);
	assert_int_equal(badness_total_memcg(65536, INT64_MAX, -4, 60, 4), 16384);
	/* the v1 allowance (memsw - mem) caps swap, never raises it: 0 kB
	 * allows none, 4096 kB of 8192 allows 1024 pages, 8192 kB of 4096
	 * the 1024 there are; below 0 is no allowance known */
	assert_int_equal(badness_total_memcg(65536, 0, 4096, 60, 4), 16384);
	assert_int_equal(badness_total_memcg(65536, 4096, 8192, 60, 4),
	    16384 + 1024);
	assert_int_equal(badness_total_memcg(65536, 8192, 4096, 60, 4),
	    16384 + 1024);
	assert_int_equal(badness_total_memcg(65536, -4, 4096, 60, 4),
	    16384 + 1024);
	assert_int_equal(badness_total_memcg(INT64_MAX, 0, 0, 60, 4),
	    INT64_MAX / 4096);
	assert_int_equal(badness_total_memcg(INT64_MAX, 0, 0, 60, 64),
	    INT64_MAX / 65536);
	/* mem_cgroup_get_max() adds the swap to PAGE_COUNTER_MAX too */
	assert_int_equal(badness_total_memcg(INT64_MAX, INT64_MAX, 4096, 60, 4),
	    INT64_MAX / 4096 + 1024);
	/* nodes: none, or no page size: none; 1 kB pages */
	int64_t pr[2] = { 100000, 50000 };
	assert_true(badness_total_nodes(pr, 2, 4096, 0) == BADNESS_NA);
	assert_true(badness_total_nodes(pr, 0, 4096, 4) == BADNESS_NA);
	assert_int_equal(badness_total_nodes(pr, 2, 4096, 1), 150000 + 4096);
	assert_int_equal(badness_total_nodes(pr, 2, BADNESS_NA, 4), 150000);
	assert_int_equal(badness_total_nodes(pr, 2, -4, 4), 150000);
	/* a memoryless node has 0 present pages: it adds 0 */
	pr[1] = 0;
	assert_int_equal(badness_total_nodes(pr, 2, 0, 4), 100000);
	pr[1] = BADNESS_NA;
	assert_true(badness_total_nodes(pr, 2, 0, 4) == BADNESS_NA);
	pr[1] = -1;
	assert_true(badness_total_nodes(pr, 2, 0, 4) == BADNESS_NA);
	/* v1: 64 MiB limit, memsw 96 MiB, 1 GiB of swap: 32 MiB allowance */
	assert_int_equal(badness_total_memcg(65536, 32768, 1048576, 60, 4),
	    16384 + 8192);
	/* the allowance is capped by the swap there is */
	assert_int_equal(badness_total_memcg(65536, INT64_MAX, 4096, 60, 4),
	    16384 + 1024);
	/* swappiness 0: no swap counted */
	assert_int_equal(badness_total_memcg(65536, INT64_MAX, 4096, 0, 4),
	    16384);
	assert_int_equal(badness_total_memcg(0, 0, 0, 60, 4), 1);
	assert_true(badness_total_memcg(INT64_MAX, INT64_MAX, 4096, 60, 4) >
	    ((int64_t)1 << 50));
	assert_int_equal(badness_total_nodes(present, 2, 4096, 4), 151024);
	assert_int_equal(badness_total_nodes(present, 1, 0, 4), 100000);
}

static void
test_margin(void **state)
{
	struct badness_kernel k;

	(void)state;
	badness_kernel_init(&k, "6.18", false);
	assert_int_equal(badness_count_margin(&k, 2), 4 * 2 * 31);
	assert_int_equal(badness_count_margin(&k, 64), 4 * 64 * 127);
	badness_kernel_init(&k, "6.1.20", false);
	assert_int_equal(badness_count_margin(&k, 64), 0);
	/* batch = max(32, 2 * ncpus) (percpu_counter_batch), at its knee */
	badness_kernel_init(&k, "6.2.0", false);
	assert_int_equal(badness_count_margin(&k, 0), 0);
	assert_int_equal(badness_count_margin(&k, 1), 4 * 1 * 31);
	assert_int_equal(badness_count_margin(&k, 11), 4 * 11 * 31);
	assert_int_equal(badness_count_margin(&k, 15), 4 * 15 * 31);
	assert_int_equal(badness_count_margin(&k, 16), 4 * 16 * 31);
	assert_int_equal(badness_count_margin(&k, 17), 4 * 17 * 33);
}

/* The scan order (for_each_process, mem_cgroup_scan_tasks): memcg
 * pre-order first when both are known, then the task list, then start
 * time, then tgid; a sequence number of 0 is unknown, 1 is the first. */
static void
test_scan_order(void **state)
{
	struct badness_task a = task(10, 0, 1000, 10), b = task(20, 0, 1000, 5);

	(void)state;
	a.memcg_seq = 1;
	b.memcg_seq = 2;
	a.scan_seq = 5;
	b.scan_seq = 3;
	assert_true(badness_scanned_before(&a, &b, true));
	assert_false(badness_scanned_before(&b, &a, true));
	assert_false(badness_scanned_before(&a, &b, false));	/* 5 > 3 */
	a.memcg_seq = b.memcg_seq = 0;
	a.scan_seq = 1;
	b.scan_seq = 2;
	assert_true(badness_scanned_before(&a, &b, true));
	assert_false(badness_scanned_before(&b, &a, true));
	/* one scan position unknown: start times decide (5 before 10) */
	a.scan_seq = 5;
	b.scan_seq = 0;
	assert_false(badness_scanned_before(&a, &b, false));
	assert_true(badness_scanned_before(&b, &a, false));
	a.scan_seq = 0;
	b.scan_seq = 5;
	assert_false(badness_scanned_before(&a, &b, false));
	assert_true(badness_scanned_before(&b, &a, false));
	/* the same task is not before itself */
	assert_false(badness_scanned_before(&a, &a, true));
}

/* No tasks (or a count below 0): nothing ranked, nothing touched. */
static void
test_order_none(void **state)
{
	struct badness_kernel k;
	struct badness_task t = task(1, 0, 1, 1);
	int64_t pts = 5;
	int order[1] = { 42 };

	(void)state;
	badness_kernel_init(&k, "6.1.0", false);
	badness_order(&k, &t, 0, &pts, false, order);
	badness_order(&k, &t, -1, &pts, false, order);
	assert_int_equal(order[0], 42);
}

/* Ranking order: an oom_task_origin() task first whatever its points
 * (on every version); the same task twice keeps its input order; a
 * merge of runs in reverse order. */
static void
test_order_edges(void **state)
{
	struct badness_kernel k51, k6;
	struct badness_task t[4];
	int64_t pts[4];
	int order[4];

	(void)state;
	badness_kernel_init(&k51, "5.1.0", false);
	badness_kernel_init(&k6, "6.1.0", false);
	t[0] = task(10, 0, 1000, 1);
	t[1] = task(20, 0, 10, 2);
	t[1].flags = BADNESS_F_ORIGIN;
	pts[0] = 1000;
	pts[1] = 5;
	badness_order(&k51, t, 2, pts, false, order);
	assert_int_equal(order[0], 1);
	badness_order(&k6, t, 2, pts, false, order);
	assert_int_equal(order[0], 1);

	/* the same task twice, chosen or not: input order */
	t[1] = t[0];
	for (int ver = 0; ver < 2; ver++) {
		const struct badness_kernel *k = ver ? &k6 : &k51;
		pts[0] = pts[1] = 1000;
		badness_order(k, t, 2, pts, false, order);
		assert_int_equal(order[0], 0);
		assert_int_equal(order[1], 1);
		pts[0] = pts[1] = BADNESS_UNKNOWN;
		badness_order(k, t, 2, pts, false, order);
		assert_int_equal(order[0], 0);
		assert_int_equal(order[1], 1);
	}

	/* points 1, 2, 3, 4 in input order: ranked 3, 2, 1, 0 */
	for (int i = 0; i < 4; i++) {
		t[i] = task(10 + i, 0, 1000, (uint64_t)i + 1);
		pts[i] = i + 1;
	}
	badness_order(&k6, t, 4, pts, false, order);
	for (int i = 0; i < 4; i++)
		assert_int_equal(order[i], 3 - i);
}


/* ---- rf: a memcg's dying leaders are scanned last ---- */

/* 5.3+ ("use CSS_TASK_ITER_PROCS at mem_cgroup_scan_tasks()"); an
 * unknown release (no rules) never. */
static void
test_rf_dying_last_versions(void **state)
{
	static const struct {
		const char *rel;
		bool last;
	} c[] = {
		{ "5.2.21", false }, { "5.3.0", true }, { "5.3", true },
		{ "6.18.44-fc-v1300", true }, { "4.19.300", false },
		{ "0.9999.0", false }, { "", false },
	};
	struct badness_kernel k;

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		badness_kernel_init(&k, c[i].rel, false);
		if (k.dying_last != c[i].last)
			fail_msg("%s: dying_last %d", c[i].rel, k.dying_last);
	}
}

/* t[0..3) ranked by k in a memcg (or globally): their tgids in order
 * first, second, third (0: not looked at). */
static void
rf_order_is(const struct badness_kernel *k, const struct badness_task *t,
    bool memcg, int first, int second, int third)
{
	const int want[3] = { first, second, third };
	int64_t pts[3];
	int order[3];

	badness_rank(k, t, 3, 16384, PAGE, memcg, pts, order);
	for (int i = 0; i < 3; i++)
		if (want[i] != 0 && t[order[i]].tgid != want[i])
			fail_msg("rank %d: %d, not %d", i + 1, t[order[i]].tgid,
			    want[i]);
}

/* Equal points: a process whose leader exited (its threads running on)
 * goes after the others of its memcg in a memcg scan, and so, the later
 * winning, first; not in a global scan (the task list keeps it in its
 * place), not across memcgs (pre-order first), not before 5.3, and
 * only when the filler saw the flag (known). */
static void
test_rf_dying_leader_order(void **state)
{
	struct badness_kernel k, k52;
	struct badness_task t[3] = {
		task(100, 0, 2000, 10), task(200, 0, 2000, 20),
		task(300, 0, 2000, 30),
	};

	(void)state;
	badness_kernel_init(&k, "6.18.44", false);
	badness_kernel_init(&k52, "5.2.21", false);
	t[0].flags |= BADNESS_F_DYING_LEADER;
	t[0].known |= BADNESS_F_DYING_LEADER;
	rf_order_is(&k, t, true, 100, 300, 200);
	rf_order_is(&k, t, false, 300, 0, 0);	/* started last */
	rf_order_is(&k52, t, true, 300, 0, 0);
	/* two dying leaders: creation order between them */
	t[1].flags |= BADNESS_F_DYING_LEADER;
	t[1].known |= BADNESS_F_DYING_LEADER;
	rf_order_is(&k, t, true, 200, 100, 300);
	t[1].flags = t[0].flags & ~(uint32_t)BADNESS_F_DYING_LEADER;
	/* the flag unseen (not known): as any other */
	t[0].known &= ~(uint32_t)BADNESS_F_DYING_LEADER;
	rf_order_is(&k, t, true, 300, 0, 0);
	t[0].known |= BADNESS_F_DYING_LEADER;
	/* known, not set: as any other */
	t[0].flags &= ~(uint32_t)BADNESS_F_DYING_LEADER;
	t[2].known |= BADNESS_F_DYING_LEADER;
	rf_order_is(&k, t, true, 300, 0, 0);
	/* another memcg later in pre-order still goes after it */
	t[0].flags |= BADNESS_F_DYING_LEADER;
	t[0].memcg_seq = 1;
	t[1].memcg_seq = 1;
	t[2].memcg_seq = 2;
	rf_order_is(&k, t, true, 300, 100, 0);
	/* and one earlier in pre-order before it */
	t[0].memcg_seq = 3;
	t[1].memcg_seq = 3;
	t[2].memcg_seq = 2;
	rf_order_is(&k, t, true, 100, 200, 300);
	/* more points win wherever it is scanned */
	t[1].rss_anon = 2001;
	rf_order_is(&k, t, true, 200, 0, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_version_edges),
		cmocka_unit_test(test_points_guards),
		cmocka_unit_test(test_oom_score),
		cmocka_unit_test(test_scan_order),
		cmocka_unit_test(test_order_edges),
		cmocka_unit_test(test_order_none),
		cmocka_unit_test(test_memcg_adj_weight),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_unkillable),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_ineligible_last),
		cmocka_unit_test(test_top),
		cmocka_unit_test(test_top_edges),
		cmocka_unit_test(test_mapped_set),
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_margin),
		cmocka_unit_test(test_rf_dying_last_versions),
		cmocka_unit_test(test_rf_dying_leader_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
