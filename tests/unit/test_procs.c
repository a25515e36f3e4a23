/*
 * test_procs.c: procs_rank() on hand-made snapshots (order, ties, the
 * predicted victim, badness and the adj-neutral score), the pure parsers
 * of /proc/PID files and cgroup files on real files, and procs_sample()
 * on a real capture (tests/fixtures/procs, see its README) with the -p,
 * -u, --cgroup filters and the cgroup view; one sampler over refreshes
 * of made-up proc roots (in /dev/shm) whose tasks exit, become
 * unreadable, reuse pids, keep or lose their cached figures; the kept
 * fds on this machine's /proc.
 */
#include <errno.h>
#include <setjmp.h>
#include <spawn.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "assert_double.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "cpuset.h"
#include "detcache.h"
#include "parsers.h"
#include "procfs.h"
#include "procs.h"
#include "sampler.h"
#include "snapshot.h"
#include "util.h"

#define CAP "procs/cap-6.18-x86_64"

static const char *
fixdir(void)
{
	const char *dir = getenv("ZT_FIXTURES");
	return dir && *dir ? dir : "tests/fixtures";
}

/* A fixture file, in an allocation of exactly its size (ASan sees any
 * read past the end). */
static char *
fixture(const char *rel, size_t *len)
{
	char path[512];
	struct zt_buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", fixdir(), rel);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open fixture %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	char *p = xmalloc(b.len ? b.len : 1);
	memcpy(p, b.p, b.len);
	buf_free(&b);
	return p;
}

static struct zt_proc
mk(int pid, int64_t score, int64_t adj, int64_t rss, int64_t swap, int64_t pte)
{
	struct zt_proc p;

	memset(&p, 0, sizeof p);
	p.pid = pid;
	p.oom_score = score;
	p.oom_score_adj = adj;
	p.rss_kb = rss;
	p.swap_kb = swap;
	p.pgtables_kb = pte;
	p.uid = ZT_NA;
	return p;
}

/* s with n rows copied in, totalpages 6171024 (24684096 kB / 4). */
static void
snap_with(struct zt_snapshot *s, const struct zt_proc *rows, int n)
{
	snapshot_init(s);
	s->page_kb = 4;
	s->totalpages = 6171024;
	s->procs = xcalloc((size_t)n, sizeof *s->procs);
	memcpy(s->procs, rows, (size_t)n * sizeof *rows);
	s->nprocs = n;
}

/* ---------------------------------------------------------------- */

/* Without totalpages no points can be computed: the ranking falls back
 * to oom_score (ties by pid), and no row keeps points a sampler left. */
static void
test_rank_no_totalpages(void **state)
{
	(void)state;
	struct zt_proc rows[] = {
		mk(7, 300, 0, 1000, 0, 40),
		mk(5, 900, 0, 9000, 0, 40),
		mk(9, 300, 0, 2000, 0, 40),
	};
	struct zt_snapshot s;

	for (int i = 0; i < 3; i++)
		rows[i].points = 4242;
	snap_with(&s, rows, 3);
	s.totalpages = ZT_NA;
	procs_rank(&s);
	int want[] = { 5, 7, 9 };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.procs[i].pid, want[i]);
		assert_int_equal(s.procs[i].points, ZT_NA);
	}
	assert_int_equal(s.predicted_victim, 5);
	snapshot_free(&s);
}

static void
test_rank_order_and_ties(void **state)
{
	(void)state;
	struct zt_proc rows[] = {
		mk(30, 666, 0, 1000, 0, 40),
		mk(20, 1000, 500, 2000, 0, 40),
		mk(1, 0, 0, 19596, 0, 140),
		mk(40, 0, -1000, 8000, 0, 40),
		mk(10, 666, 0, 1000, 0, 40),
		mk(50, ZT_NA, ZT_NA, ZT_NA, ZT_NA, ZT_NA),	/* unreadable */
		/* unreadable with the lowest pid: below the score-0 rows all
		 * the same (keyed as score 0, the pid would lift it) */
		mk(3, ZT_NA, ZT_NA, ZT_NA, ZT_NA, ZT_NA),
	};
	struct zt_snapshot s;

	snap_with(&s, rows, 7);
	procs_rank(&s);
	/* by the kernel's points (the scores say 5.9+); 10 and 30 have
	 * equal points and no start times: pid order stands for the scan
	 * order, and 5.2+ keeps the last scanned, so 30 goes first; the
	 * unkillable and the unreadable after, by score (the
	 * unreadable among themselves by pid) */
	int want[] = { 20, 30, 10, 1, 40, 3, 50 };
	for (int i = 0; i < 7; i++) {
		assert_int_equal(s.procs[i].pid, want[i]);
		assert_int_equal(s.procs[i].rank, i + 1);
	}
	assert_int_equal(s.predicted_victim, 20);
	assert_true(s.procs[0].killable);
	assert_false(s.procs[3].killable);	/* init, scored 0 */
	assert_false(s.procs[4].killable);	/* adj -1000 */
	assert_false(s.procs[5].killable);	/* nothing known */
	assert_int_equal(s.procs[5].badness_pages, ZT_NA);
	assert_true(isnan(s.procs[5].badness_share));
	assert_int_equal(s.procs[5].score_adj0, ZT_NA);
	snapshot_free(&s);
}

static void
test_rank_victim_skips_unkillable(void **state)
{
	(void)state;
	/* a score read just before the adj went to -1000, and an init
	 * that scores: the victim is the first killable with a score */
	struct zt_proc rows[] = {
		mk(7, 1500, -1000, 4000, 0, 40),
		mk(9, 900, 300, 4000, 0, 40),
		mk(1, 800, 0, 4000, 0, 40),	/* a container's pid 1 */
	};
	struct zt_snapshot s;

	snap_with(&s, rows, 3);
	procs_rank(&s);
	assert_int_equal(s.procs[0].pid, 7);
	assert_false(s.procs[0].killable);
	assert_int_equal(s.predicted_victim, 9);
	/* pid 1 with a positive score is not the global init: killable */
	assert_true(s.procs[2].killable);
	snapshot_free(&s);

	/* nobody scored: no victim */
	struct zt_proc none[] = {
		mk(1, 0, 0, 4000, 0, 40),
		mk(5, 0, -1000, 4000, 0, 40),
		mk(6, 0, 0, ZT_NA, ZT_NA, ZT_NA),	/* zombie: no mm */
	};
	snap_with(&s, none, 3);
	procs_rank(&s);
	assert_int_equal(s.predicted_victim, 0);
	snapshot_free(&s);

	/* an empty list */
	snap_with(&s, none, 0);
	procs_rank(&s);
	assert_int_equal(s.predicted_victim, 0);
	snapshot_free(&s);
}

static void
test_badness_arithmetic(void **state)
{
	(void)state;
	/* rss 8192 + swap 4096 + pte 64 = 12352 kB = 3088 pages of 4 kB;
	 * share 3088 / 6171024 = 0.000500403... */
	struct zt_proc rows[] = { mk(100, 666, 0, 8192, 4096, 64) };
	struct zt_snapshot s;

	snap_with(&s, rows, 1);
	procs_rank(&s);
	assert_int_equal(s.procs[0].badness_pages, 3088);
	assert_float_equal(s.procs[0].badness_share, 3088.0 / 6171024.0, 1e-12);
	snapshot_free(&s);

	/* swap not printed (2.6.32 has no VmSwap): rss + pte only,
	 * (8192 + 64) / 4 = 2064 */
	rows[0] = mk(100, 666, 0, 8192, ZT_NA, 64);
	snap_with(&s, rows, 1);
	procs_rank(&s);
	assert_int_equal(s.procs[0].badness_pages, 2064);
	snapshot_free(&s);
}

static void
test_score_adj0(void **state)
{
	(void)state;
	struct zt_proc p = mk(10, 800, 0, 0, 0, 0);
	const int64_t tp = 6171024;

	/* new formula, P = 1234567 pages: 1234567*1000/6171024 = 200
	 * (200.06), (1000 + 200)*2/3 = 800 */
	p.badness_pages = 1234567;
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_NEW), 800);
	/* old formula: 1234567*1000/6171024 = 200 */
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_OLD), 200);
	/* old formula floors badness at 1 page: 1*1000/6171024 = 0 */
	p.badness_pages = 0;
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_OLD), 0);
	/* new, tiny task: (1000 + 0)*2/3 = 666, the baseline */
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_NEW), 666);
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_UNKNOWN), ZT_NA);

	/* without pages: invert the score.  new: 1000 - 500*2/3 = 667 */
	p = mk(10, 1000, 500, ZT_NA, ZT_NA, ZT_NA);
	p.badness_pages = ZT_NA;
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_NEW), 667);
	/* clamped to what adj 0 can give: 2000 + 500*2/3 -> 1333 */
	p.oom_score = 2000;
	p.oom_score_adj = -500;
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_NEW), 1333);
	/* old: 300 - 400 -> clamped at 0 */
	p.oom_score = 300;
	p.oom_score_adj = 400;
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_OLD), 0);
	/* adj -1000 scores 0: nothing to invert */
	p.oom_score = 0;
	p.oom_score_adj = -1000;
	assert_int_equal(procs_score_adj0(&p, tp, 4, PROCS_FORMULA_NEW), ZT_NA);
	/* totalpages unknown */
	p.badness_pages = 5;
	assert_int_equal(procs_score_adj0(&p, ZT_NA, 4, PROCS_FORMULA_NEW), ZT_NA);
}

/* procs_score_adj0 at its edges, on 1000 pages (each constant shows):
 * the floors and clamps, the adj rules, totalpages 0, and pages so many
 * that the arithmetic would overflow (a corrupt capture: NA). */
static void
test_score_adj0_edges(void **state)
{
	(void)state;
	struct zt_proc p = mk(10, 800, 0, 0, 0, 0);
	const int64_t big = INT64_MAX / 4000;	/* 2305843009213693 */

	/* old: max(P, 1) * 1000 / 1000 */
	p.badness_pages = 0;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), 1);
	p.badness_pages = 2;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), 2);
	p.badness_pages = 1000;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), 1000);
	/* new: (1000 + 1000) * 2/3 */
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_NEW), 1333);
	/* no pages, or none counted */
	p.badness_pages = -1;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), ZT_NA);
	p.badness_pages = 0;
	assert_int_equal(procs_score_adj0(&p, 0, 4, PROCS_FORMULA_OLD), ZT_NA);
	assert_int_equal(procs_score_adj0(&p, 0, 4, PROCS_FORMULA_NEW), ZT_NA);
	assert_int_equal(procs_score_adj0(&p, 1, 4, PROCS_FORMULA_OLD), 1000);
	assert_int_equal(procs_score_adj0(&p, 1, 4, PROCS_FORMULA_NEW), 666);
	/* one page of totalpages (or two) and INT64_MAX / 1000 pages: the
	 * new formula's (1000 + P*1000) * 2 would overflow */
	p.badness_pages = INT64_MAX / 1000;
	assert_int_equal(procs_score_adj0(&p, 1, 4, PROCS_FORMULA_NEW), ZT_NA);
	assert_int_equal(procs_score_adj0(&p, 2, 4, PROCS_FORMULA_NEW), ZT_NA);
	/* the most pages that cannot overflow either, and one more (NA) */
	p.badness_pages = big;
	assert_int_equal(procs_score_adj0(&p, 1, 4, PROCS_FORMULA_OLD),
	    2305843009213693000);
	assert_int_equal(procs_score_adj0(&p, 1, 4, PROCS_FORMULA_NEW),
	    1537228672809129333);
	p.badness_pages = big + 1;
	assert_int_equal(procs_score_adj0(&p, 1, 4, PROCS_FORMULA_OLD), ZT_NA);
	assert_int_equal(procs_score_adj0(&p, 1, 4, PROCS_FORMULA_NEW), ZT_NA);

	/* inverted: the clamps at 666 and 1000 */
	p = mk(10, 700, 500, ZT_NA, ZT_NA, ZT_NA);
	p.badness_pages = ZT_NA;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_NEW), 666);
	p.oom_score = 1000;
	p.oom_score_adj = -500;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), 1000);
	/* a score of 0 (or less) is nothing to invert; 1 is */
	p.oom_score = 0;
	p.oom_score_adj = 0;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_NEW), ZT_NA);
	p.oom_score = 1;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), 1);
	/* adj -1000 whatever the score says; -999 inverts */
	p.oom_score = 5;
	p.oom_score_adj = -1000;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), ZT_NA);
	p.oom_score = 1;
	p.oom_score_adj = -999;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), 1000);
	p.oom_score_adj = ZT_NA;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), ZT_NA);
	p.oom_score_adj = 0;
	p.oom_score = ZT_NA;
	assert_int_equal(procs_score_adj0(&p, 1000, 4, PROCS_FORMULA_OLD), ZT_NA);
}

/* procs_derive_row alone: killable by adj, pid 1 and the score; the
 * pages with a page size of 1 kB or none, parts missing or summing past
 * INT64_MAX (capped, not wrapped); no share without totalpages; figures
 * a row held before are not kept when they cannot be computed. */
static void
test_derive_row(void **state)
{
	(void)state;
	static const struct {
		int pid;
		int64_t score, adj;
		bool killable;
	} k[] = {
		{ 2, 0, 0, true }, { 2, 5, -1000, false }, { 2, 1, -999, true },
		{ 1, 0, 0, false }, { 1, 1, 0, true }, { 1, ZT_NA, 0, false },
		{ 2, 0, ZT_NA, false }, { 2, 1, ZT_NA, true },
		{ 2, ZT_NA, ZT_NA, false },
	};
	struct zt_proc p;

	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
		p = mk(k[i].pid, k[i].score, k[i].adj, 8, 0, 0);
		procs_derive_row(&p, 1000, 4, PROCS_FORMULA_OLD);
		assert_int_equal(p.killable, k[i].killable);
	}

	p = mk(2, 3, 0, 7, 2, 1);
	procs_derive_row(&p, 1000, 1, PROCS_FORMULA_OLD);
	assert_int_equal(p.badness_pages, 10);
	assert_float_equal(p.badness_share, 0.01, 1e-12);
	assert_int_equal(p.score_adj0, 10);
	p = mk(2, 3, 0, 7, ZT_NA, ZT_NA);
	procs_derive_row(&p, 1000, 1, PROCS_FORMULA_OLD);
	assert_int_equal(p.badness_pages, 7);
	procs_derive_row(&p, 1, 1, PROCS_FORMULA_OLD);
	assert_float_equal(p.badness_share, 7.0, 1e-12);
	/* no page size, no rss, no totalpages: what the row held goes */
	for (int i = 0; i < 4; i++) {
		p = mk(2, 3, 0, i == 1 ? ZT_NA : 7, 0, 0);
		p.badness_pages = 9;
		p.badness_share = 0.5;
		procs_derive_row(&p, i == 2 ? 0 : i == 3 ? ZT_NA : 1000,
		    i == 0 ? 0 : 1, PROCS_FORMULA_OLD);
		assert_int_equal(p.badness_pages, i < 2 ? ZT_NA : 7);
		assert_true(isnan(p.badness_share));
	}
	/* past INT64_MAX through swap, or through the page tables alone */
	p = mk(2, 3, 0, INT64_MAX - 1, 5, 0);
	procs_derive_row(&p, 1000, 4, PROCS_FORMULA_OLD);
	assert_int_equal(p.badness_pages, INT64_MAX / 4);
	p = mk(2, 3, 0, INT64_MAX - 1, 0, 5);
	procs_derive_row(&p, 1000, 4, PROCS_FORMULA_OLD);
	assert_int_equal(p.badness_pages, INT64_MAX / 4);
	p = mk(2, 3, 0, INT64_MAX - 6, 3, 3);
	procs_derive_row(&p, 1000, 1, PROCS_FORMULA_OLD);
	assert_int_equal(p.badness_pages, INT64_MAX);
}

static void
test_guess_formula(void **state)
{
	(void)state;
	/* new kernels: adj 0 scores 666 and up */
	struct zt_proc newk[] = {
		mk(10, 666, 0, 1000, 0, 40), mk(11, 668, 0, 66928, 0, 176),
		mk(1, 0, 0, 19596, 0, 140), mk(12, 1333, 1000, 100, 0, 4),
	};
	assert_int_equal(procs_guess_formula(newk, 4), PROCS_FORMULA_NEW);
	/* old kernels: small tasks near 0 (one big one at 700) */
	struct zt_proc oldk[] = {
		mk(10, 0, 0, 1000, 0, 40), mk(11, 3, 0, 66928, 0, 176),
		mk(13, 700, 0, 4000000, 0, 8000), mk(12, 1000, 1000, 100, 0, 4),
	};
	assert_int_equal(procs_guess_formula(oldk, 4), PROCS_FORMULA_OLD);
	/* nothing with adj 0 to tell by */
	struct zt_proc none[] = { mk(12, 1000, 1000, 100, 0, 4) };
	assert_int_equal(procs_guess_formula(none, 1), PROCS_FORMULA_UNKNOWN);
	/* an old-kernel zombie (score 0, no rss) proves nothing */
	struct zt_proc zombie[] = { mk(14, 0, 0, ZT_NA, ZT_NA, ZT_NA) };
	assert_int_equal(procs_guess_formula(zombie, 1), PROCS_FORMULA_UNKNOWN);
	/* nor does a task without memory (rss 0 kB); 1 kB is memory */
	struct zt_proc nomem[] = { mk(14, 0, 0, 0, 0, 0) };
	assert_int_equal(procs_guess_formula(nomem, 1), PROCS_FORMULA_UNKNOWN);
	nomem[0].rss_kb = 1;
	assert_int_equal(procs_guess_formula(nomem, 1), PROCS_FORMULA_OLD);
	/* 665 is below the new baseline: an old kernel's big task */
	struct zt_proc big[] = { mk(13, 665, 0, 4000000, 0, 8000) };
	assert_int_equal(procs_guess_formula(big, 1), PROCS_FORMULA_OLD);
}

/* ---------------------------------------------------------------- */

/* /proc/loadavg's fifth field, the last pid handed out. */
static void
test_parse_last_pid(void **state)
{
	(void)state;
	static const char ok[] = "0.52 0.31 0.27 2/314 123456\n";
	static const char *const bad[] = { "", "0.52 0.31 0.27 2/314\n",
	    "0.52 0.31 0.27 2/314 -5\n", "0.52 0.31 0.27 2/314 12x\n",
	    "0.52 0.31 0.27 2/314 99999999999999999999\n", "a b c d\n" };
	int64_t pid = 0;

	assert_int_equal(procs_parse_last_pid(ok, strlen(ok), &pid), 0);
	assert_int_equal(pid, 123456);
	/* no trailing newline, as a capture may hold it */
	assert_int_equal(procs_parse_last_pid(ok, strlen(ok) - 1, &pid), 0);
	assert_int_equal(pid, 123456);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(procs_parse_last_pid(bad[i], strlen(bad[i]), &pid), -1);
}

static void
test_parse_stat(void **state)
{
	(void)state;
	struct procs_stat st;
	size_t len;
	char *t = fixture(CAP "/15116/stat", &len);

	assert_int_equal(procs_parse_stat(t, len, &st), 0);
	assert_int_equal(st.pid, 15116);
	assert_string_equal(st.comm, "\x1b]0;pwned\a\xff\xfe");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 15065);
	assert_int_equal(st.flags & PF_KTHREAD_FLAG, 0);
	free(t);

	t = fixture(CAP "/2/stat", &len);
	assert_int_equal(procs_parse_stat(t, len, &st), 0);
	assert_int_equal(st.pid, 2);
	assert_string_equal(st.comm, "kthreadd");
	/* flags 2129984 = 0x208040: PF_KTHREAD set */
	assert_int_equal(st.flags, 2129984);
	assert_true(st.flags & PF_KTHREAD_FLAG);
	free(t);

	/* a comm holding ") (" and spaces: the last ')' closes it */
	const char *odd = "77 (a) S (b) R 1 77 77 0 -1 4194560 1 0 0 0 0 0 0 0 "
	    "20 0 1 0 123456 1000 10\n";
	assert_int_equal(procs_parse_stat(odd, strlen(odd), &st), 0);
	assert_string_equal(st.comm, "a) S (b");
	assert_int_equal(st.state, 'R');
	assert_int_equal(st.start_time, 123456);
	assert_int_equal(st.flags, 4194560);

	/* cut short, no parenthesis, garbage pid */
	const char *bad[] = { "77 (a) S 1 2 3", "77 a S 1", "x (a) S 1 2 3 4 5 6",
	    "", "(", "1 ()" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(procs_parse_stat(bad[i], strlen(bad[i]), &st), -1);
}

static void
test_parse_status(void **state)
{
	(void)state;
	struct zt_proc p = mk(15112, ZT_NA, ZT_NA, ZT_NA, ZT_NA, ZT_NA);
	size_t len;
	char *t = fixture(CAP "/15112/status", &len);

	assert_int_equal(procs_parse_status(t, len, &p), 0);
	assert_string_equal(p.comm, "hog1000");
	assert_int_equal(p.state, 'S');
	assert_int_equal(p.uid, 0);
	assert_int_equal(p.rss_kb, 17824);
	assert_int_equal(p.swap_kb, 0);
	assert_int_equal(p.pgtables_kb, 76);
	free(t);

	/* the kernel prints raw bytes except '\n' as "\n" and '\\' as "\\" */
	t = fixture(CAP "/15116/status", &len);
	p = mk(15116, ZT_NA, ZT_NA, ZT_NA, ZT_NA, ZT_NA);
	assert_int_equal(procs_parse_status(t, len, &p), 0);
	assert_string_equal(p.comm, "\x1b]0;pwned\a\xff\xfe");
	free(t);
	const char *esc = "Name:\ta\\nb\\\\c\nUid:\t1000\t1001\t1000\t1000\n"
	    "State:\tZ (zombie)\n";
	p = mk(1, ZT_NA, ZT_NA, ZT_NA, ZT_NA, ZT_NA);
	assert_int_equal(procs_parse_status(esc, strlen(esc), &p), 0);
	assert_string_equal(p.comm, "a\nb\\c");
	assert_int_equal(p.uid, 1001);	/* effective */
	assert_int_equal(p.state, 'Z');
	/* a zombie has no Vm lines: they stay unavailable, not 0 */
	assert_int_equal(p.rss_kb, ZT_NA);
	assert_int_equal(p.swap_kb, ZT_NA);
	/* kthreadd: no Vm lines either */
	t = fixture(CAP "/2/status", &len);
	p = mk(2, ZT_NA, ZT_NA, ZT_NA, ZT_NA, ZT_NA);
	assert_int_equal(procs_parse_status(t, len, &p), 0);
	assert_int_equal(p.rss_kb, ZT_NA);
	free(t);
	assert_int_equal(procs_parse_status("VmRSS: 5 kB\n", 12, &p), -1);
	/* a negative size (a corrupt capture) is refused and not kept: the
	 * kernel prints them unsigned (fuzz_procs found the score estimate
	 * overflowing on one) */
	{
		static const char neg[] = "Name:\tx\nVmRSS:\t12 kB\n"
		    "VmRSS:\t-9223372036854775807 kB\nVmSwap:\t-1 kB\n";
		p = mk(3, ZT_NA, ZT_NA, ZT_NA, ZT_NA, ZT_NA);
		assert_int_equal(procs_parse_status(neg, strlen(neg), &p), 0);
		assert_int_equal(p.rss_kb, 12);
		assert_int_equal(p.swap_kb, ZT_NA);
	}
}

static void
test_cmdline(void **state)
{
	(void)state;
	size_t len;
	char *t = fixture(CAP "/15116/cmdline", &len);
	char *c = procs_cmdline(t, len);

	/* raw bytes kept, NULs made spaces, the trailing NUL dropped */
	assert_string_equal(c, "/tmp/fx/hold 0 4 \x1b]0;pwned\a\xff\xfe "
	    "arg\x1b[31mred\x01 \xc3(tail");
	free(c);
	free(t);
	assert_null(procs_cmdline("", 0));
	assert_null(procs_cmdline("\0\0", 2));
	c = procs_cmdline("a\0\0b", 4);
	assert_string_equal(c, "a  b");
	free(c);
	/* cut at PROCS_CMDLINE_MAX */
	char *big = xmalloc(PROCS_CMDLINE_MAX + 100);
	memset(big, 'x', PROCS_CMDLINE_MAX + 100);
	c = procs_cmdline(big, PROCS_CMDLINE_MAX + 100);
	assert_int_equal(strlen(c), PROCS_CMDLINE_MAX);
	free(c);
	free(big);
}

static void
test_cgroup_paths(void **state)
{
	(void)state;
	size_t len;
	char *t = fixture(CAP "/15112/cgroup", &len);
	char *c = cgroup_proc_path(t, len);

	assert_string_equal(c, "/zt-fixture");	/* 4:memory:/zt-fixture */
	free(c);
	free(t);
	/* pure v2 */
	c = cgroup_proc_path("0::/user.slice/a.scope\n", 23);
	assert_string_equal(c, "/user.slice/a.scope");
	free(c);
	/* memory co-mounted with others; a path holding ':' */
	const char *co = "3:cpu,memory:/x:y\n0::/\n";
	c = cgroup_proc_path(co, strlen(co));
	assert_string_equal(c, "/x:y");
	free(c);
	/* "memory" only as a prefix of another name does not count */
	const char *near = "3:memoryx:/no\n0::/yes\n";
	c = cgroup_proc_path(near, strlen(near));
	assert_string_equal(c, "/yes");
	free(c);
	assert_null(cgroup_proc_path("1:cpu:/a\n", 9));
	assert_null(cgroup_proc_path("garbage", 7));

	assert_true(cgroup_path_within("/a/b", "/a"));
	assert_true(cgroup_path_within("/a/b", "a/"));
	assert_true(cgroup_path_within("/a", "/a"));
	assert_true(cgroup_path_within("/anything", "/"));
	assert_false(cgroup_path_within("/ab", "/a"));
	assert_false(cgroup_path_within("/a", "/a/b"));
}

static void
test_cgroup_files(void **state)
{
	(void)state;
	size_t len;
	char *t;
	struct zt_kvs kv = { 0 };

	t = fixture("procs/sys-v1/fs/cgroup/memory/zt-fixture/memory.limit_in_bytes", &len);
	/* 67108864 bytes = 65536 kB */
	assert_int_equal(cgroup_parse_limit_kb(t, len), 65536);
	free(t);
	t = fixture("procs/sys-v1/fs/cgroup/memory/zt-fixture/memory.memsw.limit_in_bytes", &len);
	/* 9223372036854771712 = PAGE_COUNTER_MAX pages: unlimited */
	assert_int_equal(cgroup_parse_limit_kb(t, len), ZT_NO_LIMIT);
	free(t);
	t = fixture("procs/sys-v1/fs/cgroup/memory/zt-fixture/memory.usage_in_bytes", &len);
	/* 50855936 / 1024 = 49664 */
	assert_int_equal(cgroup_parse_bytes_kb(t, len), 49664);
	free(t);
	assert_int_equal(cgroup_parse_limit_kb("max\n", 4), ZT_NO_LIMIT);
	assert_int_equal(cgroup_parse_limit_kb("12x\n", 4), ZT_NA);
	assert_int_equal(cgroup_parse_limit_kb("", 0), ZT_NA);
	assert_int_equal(cgroup_parse_bytes_kb("-5\n", 3), ZT_NA);

	t = fixture("procs/sys-v1/fs/cgroup/memory/zt-fixture/memory.oom_control", &len);
	assert_int_equal(cgroup_parse_events(t, len, &kv), 3);
	assert_int_equal(kvs_get(&kv, "oom_kill_disable"), 0);
	assert_int_equal(kvs_get(&kv, "under_oom"), 0);
	assert_int_equal(kvs_get(&kv, "oom_kill"), 0);
	free(t);
	kvs_free(&kv);
	/* memory.events layout (mm/memcontrol.c: "%s %lu\n" per event) */
	const char *ev = "low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\n"
	    "oom_group_kill 0\nbroken\n";
	assert_int_equal(cgroup_parse_events(ev, strlen(ev), &kv), 6);
	assert_int_equal(kvs_get(&kv, "max"), 12);
	assert_int_equal(kvs_get(&kv, "oom_kill"), 2);
	kvs_free(&kv);

	int *pids = NULL, n = 0, cap = 0;
	t = fixture("procs/sys-v1/fs/cgroup/memory/zt-fixture/cgroup.procs", &len);
	assert_int_equal(cgroup_parse_procs(t, len, &pids, &n, &cap), 2);
	assert_int_equal(pids[0], 15112);
	assert_int_equal(pids[1], 15113);
	free(t);
	free(pids);
}

/* ---------------------------------------------------------------- */

/* The release procs_sample() is told (the capture holds none of its
 * own: its rules are then unknown and it ranks by oom_score). */
static const char *cap_kernel;
/* Another proc root than the capture (a copy made by a test). */
static const char *cap_root;

/* s made ready for procs_sample(): the capture's meminfo (MemTotal
 * 24684096 kB and SwapTotal 0 are what procs needs from it, parsed as
 * the sampler does) and cap_kernel's release. */
static void
snap_meminfo(struct zt_snapshot *s)
{
	char why[ZT_WHY_LEN];
	size_t len;
	char *mi;

	snapshot_init(s);
	s->page_kb = 4;
	mi = fixture(CAP "/meminfo", &len);
	assert_int_equal(meminfo_parse(mi, len, &s->meminfo, why, sizeof why), 0);
	assert_int_equal(kvs_get(&s->meminfo, "MemTotal"), 24684096);
	assert_int_equal(kvs_get(&s->meminfo, "SwapTotal"), 0);
	free(mi);
	if (cap_kernel != NULL)
		snprintf(s->kernel, sizeof s->kernel, "%s", cap_kernel);
}

/* One procs_sample() into s, made ready so. */
static void
sample_once(struct procs *p, struct zt_snapshot *s, const struct sampler_opts *o)
{
	snap_meminfo(s);
	assert_int_equal(procs_sample(p, s, o), 0);
	assert_true(s->status[ZT_SRC_PROCS].ok);
}

/* procs_sample() on the capture; sysroot NULL: the capture's own dir,
 * which holds no cgroup hierarchy. */
static void
sample_capture(struct zt_snapshot *s, const struct sampler_opts *o,
    const char *sysroot)
{
	char root[512], sys[512], why[ZT_WHY_LEN];
	struct procfs *pf;
	struct procs *p;

	if (cap_root != NULL)
		snprintf(root, sizeof root, "%s", cap_root);
	else
		snprintf(root, sizeof root, "%s/" CAP, fixdir());
	if (sysroot != NULL && sysroot[0] == '/')
		snprintf(sys, sizeof sys, "%s", sysroot);
	else
		snprintf(sys, sizeof sys, "%s/%s", fixdir(), sysroot ? sysroot : CAP);
	pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_false(procfs_live(pf));
	assert_int_equal(procfs_set_sys_root(pf, sys, why, sizeof why), 0);
	p = procs_open(pf);
	assert_non_null(p);
	sample_once(p, s, o);
	procs_close(p);
	procfs_close(pf);
}

static void
test_sample_capture(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;

	sample_capture(&s, &o, NULL);
	/* totalpages = 24684096 / 4 */
	assert_int_equal(s.totalpages, 6171024);
	/* pids 1, 15112..15116; kthreadd (2) left out */
	assert_int_equal(s.nprocs_total, 6);
	assert_int_equal(s.nprocs, 6);
	int want[] = { 15112, 15113, 15115, 15114, 15116, 1 };
	int score[] = { 1333, 1000, 668, 666, 666, 0 };
	for (int i = 0; i < 6; i++) {
		assert_int_equal(s.procs[i].pid, want[i]);
		assert_int_equal(s.procs[i].oom_score, score[i]);
		assert_int_equal(s.procs[i].rank, i + 1);
	}
	assert_int_equal(s.predicted_victim, 15112);

	struct zt_proc *h = &s.procs[0];
	assert_string_equal(h->comm, "hog1000");
	assert_string_equal(h->cmdline, "/tmp/fx/hold 1000 16 hog1000");
	assert_string_equal(h->cgroup, "/zt-fixture");
	assert_string_equal(h->user, "0");	/* a capture's uid, unnamed */
	assert_int_equal(h->uid, 0);
	assert_int_equal(h->state, 'S');
	assert_int_equal(h->oom_score_adj, 1000);
	assert_int_equal(h->rss_kb, 17824);
	assert_int_equal(h->pgtables_kb, 76);
	assert_true(h->killable);
	/* (17824 + 0 + 76) / 4 = 4475 pages; share 4475 / 6171024 */
	assert_int_equal(h->badness_pages, 4475);
	assert_float_equal(h->badness_share, 4475.0 / 6171024.0, 1e-12);
	/* the kernel's own score: badness 4475 + 1000*(6171024/1000) =
	 * 6175475; *1000/6171024 = 1000; (1000+1000)*2/3 = 1333, as read.
	 * With adj 0: 4475*1000/6171024 = 0, (1000+0)*2/3 = 666 */
	assert_int_equal(h->score_adj0, 666);
	/* start_time from stat (field 22) */
	assert_true(h->start_time > 0);

	/* hog500: 8617 pages; 8617*1000/6171024 = 1, 1001*2/3 = 667 */
	assert_int_equal(s.procs[1].badness_pages, 8617);
	assert_int_equal(s.procs[1].score_adj0, 667);
	/* big, adj 0: (66928+176)/4 = 16776; 16776*1000/6171024 = 2;
	 * 1002*2/3 = 668 = its score */
	assert_int_equal(s.procs[2].score_adj0, 668);
	assert_int_equal(s.procs[2].score_adj0, s.procs[2].oom_score);

	/* the hostile one: raw bytes kept for the output to escape */
	assert_string_equal(s.procs[4].comm, "\x1b]0;pwned\a\xff\xfe");
	assert_non_null(strchr(s.procs[4].cmdline, '\x01'));

	/* init: scored 0, unkillable */
	assert_int_equal(s.procs[5].pid, 1);
	assert_false(s.procs[5].killable);
	/* no --cgroup: no view */
	assert_false(s.cgroup.have);
	assert_int_equal(s.cgroup.path[0], '\0');
	snapshot_free(&s);
}

static void
test_sample_capture_filters(void **state)
{
	(void)state;
	struct zt_snapshot s;
	int pids[] = { 15114, 1, 99999, 0 };
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_pids = pids };

	/* -p: global ranks kept, victim still the global one */
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs_total, 6);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15114);
	assert_int_equal(s.procs[0].rank, 4);
	assert_int_equal(s.procs[1].pid, 1);
	assert_int_equal(s.procs[1].rank, 6);
	assert_int_equal(s.predicted_victim, 15112);
	snapshot_free(&s);

	/* --top 2 */
	o.filter_pids = NULL;
	o.detail_rows = 2;
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[1].pid, 15113);
	snapshot_free(&s);

	/* detail_rows 0: only the ranking */
	o.detail_rows = 0;
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 0);
	assert_int_equal(s.nprocs_total, 6);
	assert_int_equal(s.predicted_victim, 15112);
	snapshot_free(&s);

	/* -u by uid: every capture process is uid 0 */
	o.detail_rows = -1;
	o.filter_user = "0";
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 6);
	snapshot_free(&s);
	o.filter_user = "nobody";
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 0);
	snapshot_free(&s);
}

static void
test_sample_capture_cgroup(void **state)
{
	(void)state;
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/zt-fixture" };

	sample_capture(&s, &o, "procs/sys-v1");
	assert_true(s.cgroup.have);
	assert_int_equal(s.cgroup.version, 1);
	assert_string_equal(s.cgroup.path, "/zt-fixture");
	assert_int_equal(s.cgroup.limit_kb, 65536);	/* 64 MiB */
	assert_int_equal(s.cgroup.usage_kb, 49664);	/* 50855936 B */
	/* memsw unlimited: swap unlimited; memsw - mem usage = 0 */
	assert_int_equal(s.cgroup.swap_limit_kb, ZT_NO_LIMIT);
	assert_int_equal(s.cgroup.swap_usage_kb, 0);
	assert_int_equal(kvs_get(&s.cgroup.events, "oom_kill"), 0);
	assert_int_equal(kvs_get(&s.cgroup.events, "under_oom"), 0);
	assert_int_equal(kvs_get(&s.cgroup.events, "failcnt"), 0);
	assert_int_equal(s.cgroup.nmembers, 2);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_int_equal(s.procs[1].pid, 15113);
	assert_int_equal(s.procs[1].rank, 2);
	assert_int_equal(s.cgroup.predicted_victim, 15112);
	snapshot_free(&s);

	/* no such cgroup: the view says so and lists nobody */
	o.filter_cgroup = "/nope";
	sample_capture(&s, &o, "procs/sys-v1");
	assert_false(s.cgroup.have);
	assert_string_equal(s.cgroup.why, "no such cgroup in the v1 memory hierarchy");
	assert_int_equal(s.nprocs, 0);
	assert_int_equal(s.cgroup.predicted_victim, 0);
	snapshot_free(&s);

	o.filter_cgroup = "/a/../zt-fixture";
	sample_capture(&s, &o, "procs/sys-v1");
	assert_false(s.cgroup.have);
	assert_string_equal(s.cgroup.why, "bad cgroup path");
	assert_int_equal(s.nprocs, 0);
	snapshot_free(&s);

	/* a sys root without cgroupfs: members judged by their own path */
	o.filter_cgroup = "zt-fixture/";
	sample_capture(&s, &o, NULL);
	assert_false(s.cgroup.have);
	assert_non_null(strstr(s.cgroup.why, "no memory cgroup hierarchy"));
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_int_equal(s.procs[1].pid, 15113);
	assert_int_equal(s.cgroup.predicted_victim, 15112);
	snapshot_free(&s);
}

/* A task source's input (procs_sample_tasks): n pages, adj, memcg id. */
static struct badness_task
src_task(int pid, int adj, int64_t pages, uint64_t memcg_id, uint64_t born)
{
	struct badness_task t;

	memset(&t, 0, sizeof t);
	t.tgid = pid;
	t.known = BADNESS_F_KTHREAD | BADNESS_F_INIT | BADNESS_F_NO_MM |
	    BADNESS_F_OOM_SKIP | BADNESS_F_VFORK;
	t.oom_score_adj = adj;
	t.start_time = born;
	t.uid = 1000;
	t.rss_anon = pages;
	t.memcg_id = memcg_id;
	return t;
}

/* procs_sample_tasks() (the BPF path's way in) on the capture with the
 * v1 tree: the same ranking as procs_sample() in every scope, the
 * memory cgroup found by its id (its directory's inode number) or, for
 * an id of 0, by cgroup.procs. */
static void
test_sample_tasks(void **state)
{
	(void)state;
	char root[512], sys[512], dir[600], why[ZT_WHY_LEN];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct stat st;
	size_t len;
	char *mi;

	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	snprintf(sys, sizeof sys, "%s/procs/sys-v1", fixdir());
	snprintf(dir, sizeof dir, "%s/fs/cgroup/memory/zt-fixture", sys);
	assert_int_equal(stat(dir, &st), 0);
	/* 15113 and 15115 named by id (15115 is not in its cgroup.procs:
	 * only the id puts it there); 15112 by cgroup.procs; 15114 outside */
	struct badness_task t[4] = {
		src_task(15112, 100, 512, 0, 10),	/* 2 MiB, adj 100 */
		src_task(15113, 0, 10240, st.st_ino, 20),	/* 40 MiB */
		src_task(15114, 0, 25600, 0, 30),	/* 100 MiB, no memcg */
		src_task(15115, 0, 1280, st.st_ino, 40),	/* 5 MiB */
	};
	struct procs_row_hint h[4];
	memset(h, 0, sizeof h);
	for (int i = 0; i < 4; i++) {
		snprintf(h[i].comm, sizeof h[i].comm, "src%d", i);
		h[i].state = 'R';
		h[i].start_time = 100 + (uint64_t)i;
	}

	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, sys, why, sizeof why), 0);
	snapshot_init(&s);
	s.page_kb = 4;
	snprintf(s.kernel, sizeof s.kernel, "6.18.0");
	mi = fixture(CAP "/meminfo", &len);
	assert_int_equal(meminfo_parse(mi, len, &s.meminfo, why, sizeof why), 0);
	free(mi);
	struct procs *p = procs_open(pf);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 4), 0);
	assert_true(s.status[ZT_SRC_PROCS].ok);
	assert_int_equal(s.nprocs_total, 4);
	assert_int_equal(s.ncontenders, 4);	/* every task is exact */
	/* globally adj 100 weighs 100 * 6171 pages: 15112 first */
	assert_int_equal(s.predicted_victim, 15112);
	assert_int_equal(s.nprocs, 4);
	int want[] = { 15112, 15114, 15113, 15115 };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(s.procs[i].pid, want[i]);
		assert_int_equal(s.procs[i].rank, i + 1);
	}
	assert_int_equal(s.procs[0].points, 512 + 100 * 6171);
	/* the rows: the source's comm, state, uid and figures */
	assert_string_equal(s.procs[0].comm, "src0");
	assert_int_equal(s.procs[0].state, 'R');
	assert_int_equal(s.procs[0].uid, 1000);
	assert_int_equal(s.procs[0].rss_kb, 2048);
	assert_int_equal(s.procs[0].oom_score_adj, 100);
	/* its 64 MiB scope: 16384 pages, adj 100 weighs 1600: 40 MiB wins */
	int c = -1;
	for (int i = 0; i < s.ncgroups; i++)
		if (strcmp(s.cgroups[i].path, "/zt-fixture") == 0)
			c = i;
	assert_true(c >= 0);
	assert_int_equal(s.cgroups[c].totalpages, 16384);
	assert_int_equal(s.cgroups[c].predicted_victim, 15113);
	assert_int_equal(s.cgroups[c].victim_points, 10240);
	assert_int_equal(s.procs[2].cgroup_rank, 1);
	assert_int_equal(s.procs[0].cgroup_rank, 2);
	assert_int_equal(s.procs[0].cgroup_points, 512 + 1600);
	assert_int_equal(s.procs[3].cgroup_rank, 3);	/* by id alone */
	assert_int_equal(s.procs[1].cgroup_rank, 0);	/* in no limited one */
	snapshot_free(&s);

	/* --cgroup: ranked with the cgroup's totalpages (members from its
	 * cgroup.procs: 15112, 15113) */
	o.filter_cgroup = "/zt-fixture";
	snapshot_init(&s);
	s.page_kb = 4;
	snprintf(s.kernel, sizeof s.kernel, "6.18.0");
	mi = fixture(CAP "/meminfo", &len);
	assert_int_equal(meminfo_parse(mi, len, &s.meminfo, why, sizeof why), 0);
	free(mi);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 4), 0);
	assert_int_equal(s.cgroup.predicted_victim, 15113);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15113);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* A fresh snapshot for procs_sample_tasks on the v1 capture. */
static void
tasks_snapshot(struct zt_snapshot *s)
{
	char why[ZT_WHY_LEN];
	size_t len;
	char *mi;

	snapshot_init(s);
	s->page_kb = 4;
	snprintf(s->kernel, sizeof s->kernel, "6.18.0");
	mi = fixture(CAP "/meminfo", &len);
	assert_int_equal(meminfo_parse(mi, len, &s->meminfo, why, sizeof why), 0);
	free(mi);
}

/* Many tasks, few rows: only the rows' worth is ordered at first
 * (exact_global_top), the rest when a filter looks further.  The rows,
 * their ranks and points, and the victim must be those of the full
 * ranking (detail_rows -1), ties, -1000 and tasks without mm included. */
static void
test_sample_tasks_top(void **state)
{
	enum { N = 400 };
	(void)state;
	char root[512], sys[512], why[ZT_WHY_LEN];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot a, b;
	static struct badness_task t[N];
	static struct procs_row_hint h[N];
	uint32_t x = 777;

	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	snprintf(sys, sizeof sys, "%s/procs/sys-v1", fixdir());
	for (int i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		t[i] = src_task(30000 + i, (x >> 20) % 9 == 0 ? 300 : 0,
		    1000 * (int64_t)((x >> 16) % 3), 0, (uint64_t)(i / 2));
		if ((x >> 8) % 23 == 0)
			t[i].oom_score_adj = -1000;
		if ((x >> 8) % 37 == 0)
			t[i].flags |= BADNESS_F_NO_MM;
		memset(&h[i], 0, sizeof h[i]);
		snprintf(h[i].comm, sizeof h[i].comm, "t%d", i);
		h[i].state = 'S';
		h[i].start_time = 1000 + (uint64_t)i;
	}
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, sys, why, sizeof why), 0);
	struct procs *p = procs_open(pf);

	tasks_snapshot(&a);
	assert_int_equal(procs_sample_tasks(p, &a, &o, t, h, N), 0);
	assert_int_equal(a.nprocs, N);
	for (int want = 1; want <= 40; want += 13) {
		o.detail_rows = want;
		tasks_snapshot(&b);
		assert_int_equal(procs_sample_tasks(p, &b, &o, t, h, N), 0);
		assert_int_equal(b.predicted_victim, a.predicted_victim);
		assert_int_equal(b.nprocs, want);
		for (int i = 0; i < want; i++) {
			assert_int_equal(b.procs[i].pid, a.procs[i].pid);
			assert_int_equal(b.procs[i].rank, i + 1);
			assert_true(b.procs[i].points == a.procs[i].points);
		}
		snapshot_free(&b);
	}
	/* -p naming rows far below the first ones, and an ineligible one
	 * at the very end */
	int pids[] = { a.procs[399].pid, a.procs[10].pid, a.procs[250].pid,
	    a.procs[150].pid, 0 };
	o.detail_rows = 3;
	o.filter_pids = pids;
	tasks_snapshot(&b);
	assert_int_equal(procs_sample_tasks(p, &b, &o, t, h, N), 0);
	assert_int_equal(b.nprocs, 3);
	int at[] = { 10, 150, 250 };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(b.procs[i].pid, a.procs[at[i]].pid);
		assert_int_equal(b.procs[i].rank, at[i] + 1);
	}
	snapshot_free(&b);
	o.detail_rows = 10;
	tasks_snapshot(&b);
	assert_int_equal(procs_sample_tasks(p, &b, &o, t, h, N), 0);
	assert_int_equal(b.nprocs, 4);
	assert_int_equal(b.procs[3].pid, a.procs[399].pid);
	assert_int_equal(b.procs[3].rank, 400);
	snapshot_free(&b);
	snapshot_free(&a);
	procs_close(p);
	procfs_close(pf);
}

static void
put(const char *dir, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Files under the sys root read every refresh keep their fd: a file
 * rewritten in place is read anew through it; one a refresh did not
 * read is closed at the sweep (so once removed it reads as missing). */
static void
test_sys_kept(void **state)
{
	(void)state;
	char dir[64], root[512], why[ZT_WHY_LEN], path[600];
	struct zt_buf b = { 0 };

	snprintf(dir, sizeof dir, "/tmp/zt-kept-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	put(dir, "a", "1\n");
	put(dir, "b", "2\n");
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, dir, why, sizeof why), 0);
	for (int r = 0; r < 2; r++) {
		assert_int_equal(procfs_read_sys_kept(pf, "a", &b, why, sizeof why), 0);
		assert_string_equal(b.p, r == 0 ? "1\n" : "3\n");
		assert_int_equal(procfs_read_sys_kept(pf, "/b", &b, why, sizeof why), 0);
		assert_string_equal(b.p, "2\n");
		procfs_sys_kept_sweep(pf);
		put(dir, "a", "3\n");
	}
	/* a refresh without b: its fd goes at the sweep */
	assert_int_equal(procfs_read_sys_kept(pf, "a", &b, why, sizeof why), 0);
	procfs_sys_kept_sweep(pf);
	snprintf(path, sizeof path, "%s/b", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(procfs_read_sys_kept(pf, "b", &b, why, sizeof why), -1);
	assert_string_equal(why, "missing");
	/* order changed: still found */
	assert_int_equal(procfs_read_sys_kept(pf, "a", &b, why, sizeof why), 0);
	assert_string_equal(b.p, "3\n");
	procfs_sys_kept_sweep(pf);
	procfs_close(pf);
	buf_free(&b);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* A kept file read again, one read when it is short: whole whatever
 * its size (past the first 4 KiB read; grown, shrunk, emptied). */
static void
test_sys_kept_sizes(void **state)
{
	(void)state;
	static const size_t sizes[] = { 10000, 4095, 4096, 4097, 3, 0, 70000 };
	char dir[64], root[512], why[ZT_WHY_LEN];
	struct zt_buf b = { 0 };
	char *text = xcalloc(70001, 1);

	snprintf(dir, sizeof dir, "/tmp/zt-keptz-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, dir, why, sizeof why), 0);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		memset(text, 'a' + (int)i, sizes[i]);
		text[sizes[i]] = '\0';
		put(dir, "f", text);
		/* the first read opens it; the second is through the kept fd */
		for (int r = 0; r < 2; r++) {
			assert_int_equal(procfs_read_sys_kept(pf, "f", &b, why,
			    sizeof why), 0);
			assert_int_equal(b.len, sizes[i]);
			assert_string_equal(b.p, text);
			procfs_sys_kept_sweep(pf);
		}
	}
	procfs_close(pf);
	buf_free(&b);
	free(text);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* A seq_file longer than a page through the kept reader: its reads
 * stop short of what was asked before the end (a record that does not
 * fit the seq buffer's page waits for the next read), so a short read
 * alone is not the end.  /proc/kallsyms: megabytes of short records. */
static void
test_sys_kept_seq(void **state)
{
	(void)state;
	char root[512], why[ZT_WHY_LEN];
	struct zt_buf b = { 0 }, whole = { 0 };
	int fd;

	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, "/proc", why, sizeof why), 0);
	fd = open("/proc/kallsyms", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		print_message("# /proc/kallsyms: %s\n", strerror(errno));
		procfs_close(pf);
		skip();
	}
	/* kallsyms changes while BPF programs load or unload (other tests,
	 * other users): a round counts when a plain read before and after
	 * the kept one agree on the length */
	int stable = 0;
	for (int tries = 0; stable < 2 && tries < 50; tries++) {
		size_t before, after;
		assert_int_equal(procfs_pread_all(fd, &whole), 0);
		before = whole.len;
		assert_true(before > 8192);
		assert_int_equal(procfs_read_sys_kept(pf, "kallsyms", &b, why,
		    sizeof why), 0);
		assert_int_equal(procfs_pread_all(fd, &whole), 0);
		after = whole.len;
		procfs_sys_kept_sweep(pf);
		if (before != after)
			continue;
		assert_int_equal(b.len, before);
		assert_int_equal(b.p[b.len - 1], '\n');
		stable++;
	}
	close(fd);
	assert_int_equal(stable, 2);
	procfs_close(pf);
	buf_free(&b);
	buf_free(&whole);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The subdirectories of name under the sys root through a kept fd, as
 * "n1,n2," sorted; expect the inodes the plain listing gives. */
static void
kept_dirs(struct procfs *pf, const char *rel, uint64_t ino, char *out,
    size_t outlen)
{
	char why[ZT_WHY_LEN];
	uint64_t *inos = NULL, *pinos = NULL;
	char **names = procfs_list_sys_dirs_kept(pf, rel, ino, &inos, why,
	    sizeof why);
	char **plain = procfs_list_sys_dirs(pf, rel, &pinos, why, sizeof why);
	int n = 0;

	assert_non_null(names);
	assert_non_null(plain);
	while (names[n] != NULL)
		n++;
	/* the same names and inodes as a fresh open of the directory */
	for (int i = 0; i < n; i++) {
		int j = 0;
		while (plain[j] != NULL && strcmp(plain[j], names[i]) != 0)
			j++;
		assert_non_null(plain[j]);
		assert_true(inos[i] == pinos[j]);
	}
	qsort(names, (size_t)n, sizeof *names, cmp_str);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		strncat(out, names[i], outlen - strlen(out) - 1);
		strncat(out, ",", outlen - strlen(out) - 1);
	}
	free(inos);
	free(pinos);
	procfs_free_names(names);
	procfs_free_names(plain);
}

static uint64_t
ino_of(const char *dir, const char *name)
{
	char path[600];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(stat(path, &st), 0);
	return (uint64_t)st.st_ino;
}

/* Directories listed every refresh keep their fd: a subdirectory made
 * or removed since shows at once; a directory removed and made anew
 * under its name (another inode) is opened anew, not listed through the
 * dead one's fd; files are left out. */
static void
test_sys_kept_dirs(void **state)
{
	(void)state;
	char dir[64], root[512], why[ZT_WHY_LEN], path[600], to[600], got[256];

	snprintf(dir, sizeof dir, "/tmp/zt-keptd-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	snprintf(path, sizeof path, "%s/x", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/y", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	put(dir, "f", "1\n");
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, dir, why, sizeof why), 0);
	kept_dirs(pf, "", 0, got, sizeof got);
	assert_string_equal(got, "x,y,");
	procfs_sys_kept_sweep(pf);
	snprintf(path, sizeof path, "%s/z", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/x", dir);
	assert_int_equal(rmdir(path), 0);
	kept_dirs(pf, "", 0, got, sizeof got);
	assert_string_equal(got, "y,z,");
	/* y kept (empty), then made anew with a child */
	uint64_t old = ino_of(dir, "y");
	kept_dirs(pf, "y", old, got, sizeof got);
	assert_string_equal(got, "");
	procfs_sys_kept_sweep(pf);
	snprintf(path, sizeof path, "%s/y", dir);
	assert_int_equal(rmdir(path), 0);
	snprintf(path, sizeof path, "%s/z", dir);
	snprintf(to, sizeof to, "%s/y", dir);
	assert_int_equal(rename(path, to), 0);
	snprintf(path, sizeof path, "%s/y/child", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_true(ino_of(dir, "y") != old);
	kept_dirs(pf, "", 0, got, sizeof got);
	assert_string_equal(got, "y,");
	kept_dirs(pf, "y", ino_of(dir, "y"), got, sizeof got);
	assert_string_equal(got, "child,");
	/* gone: a clear error, not the dead fd's empty listing */
	procfs_sys_kept_sweep(pf);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	uint64_t *inos = NULL;
	assert_null(procfs_list_sys_dirs_kept(pf, "y", 1, &inos, why, sizeof why));
	assert_null(inos);
	assert_string_equal(why, "missing");
	procfs_close(pf);
}

/* Node lists as the kernel prints them (bitmap_parselist, %*pbl). */
static void
test_cpuset_nodes(void **state)
{
	(void)state;
	struct cpuset_nodes a, b;
	char out[64];

	assert_true(cpuset_parse_nodes("0-1,3\n", 6, &a));
	assert_true(cpuset_nodes_has(&a, 0) && cpuset_nodes_has(&a, 1));
	assert_false(cpuset_nodes_has(&a, 2));
	assert_true(cpuset_nodes_has(&a, 3));
	cpuset_format_nodes(&a, out, sizeof out);
	assert_string_equal(out, "0-1,3");
	assert_true(cpuset_parse_nodes("\n", 1, &b));	/* empty: no nodes */
	assert_false(cpuset_nodes_intersect(&a, &b));
	assert_false(cpuset_nodes_strict_subset(&b, &a));
	assert_true(cpuset_parse_nodes("3", 1, &b));
	assert_true(cpuset_nodes_strict_subset(&b, &a));
	assert_false(cpuset_nodes_strict_subset(&a, &a));
	assert_true(cpuset_nodes_intersect(&a, &b));
	assert_true(cpuset_parse_nodes("1023", 4, &b));
	assert_false(cpuset_parse_nodes("1024", 4, &b));
	assert_false(cpuset_parse_nodes("5-2", 3, &b));
	assert_false(cpuset_parse_nodes("1,,x", 4, &b));
	assert_false(cpuset_parse_nodes("-1", 2, &b));
	/* a list that does not fit is cut at a whole entry */
	assert_true(cpuset_parse_nodes("0,2,4,6,8", 9, &b));
	cpuset_format_nodes(&b, out, 6);
	assert_string_equal(out, "0,2,4");
}

/*
 * Cpuset scopes on a two-node machine: the NUMA capture's zoneinfo
 * (tests/fixtures/proc/numa-6.6: node 0 has 2097018 present pages,
 * node 1 2097152) and a v1 cpuset tree written in the kernel's formats
 * (cpuset.effective_mems and node/online are node lists): /db on node
 * 1, /n0 on node 0, /all on both (no scope).  An OOM constrained to
 * /db ranks only tasks whose nodes meet node 1, against node 1's pages.
 */
static char csdir[64];

static int
cs_teardown(void **state)
{
	(void)state;
	if (csdir[0] != '\0')
		nftw(csdir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	csdir[0] = '\0';
	return 0;
}

static void
test_cpuset_scopes(void **state)
{
	(void)state;
	static const char *dirs[] = { "devices", "devices/system",
	    "devices/system/node", "fs", "fs/cgroup", "fs/cgroup/cpuset",
	    "fs/cgroup/cpuset/db", "fs/cgroup/cpuset/n0",
	    "fs/cgroup/cpuset/all" };
	char root[512], p[600], why[ZT_WHY_LEN];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	size_t len;
	char *zi;

	snprintf(csdir, sizeof csdir, "/tmp/zt-cs-XXXXXX");
	assert_non_null(mkdtemp(csdir));
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", csdir, dirs[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}
	put(csdir, "devices/system/node/online", "0-1\n");
	put(csdir, "fs/cgroup/cpuset/cgroup.procs", "1\n30001\n");
	put(csdir, "fs/cgroup/cpuset/cpuset.effective_mems", "0-1\n");
	put(csdir, "fs/cgroup/cpuset/db/cgroup.procs", "30002\n");
	put(csdir, "fs/cgroup/cpuset/db/cpuset.effective_mems", "1\n");
	put(csdir, "fs/cgroup/cpuset/n0/cgroup.procs", "30004\n");
	put(csdir, "fs/cgroup/cpuset/n0/cpuset.effective_mems", "0\n");
	put(csdir, "fs/cgroup/cpuset/all/cgroup.procs", "30003\n");
	put(csdir, "fs/cgroup/cpuset/all/cpuset.effective_mems", "0-1\n");

	struct badness_task t[4] = {
		src_task(30001, 0, 300000, 0, 10),	/* root: both nodes */
		src_task(30002, 200, 100000, 0, 20),	/* /db: node 1 */
		src_task(30003, 150, 50000, 0, 30),	/* /all: both */
		src_task(30004, 0, 2000000, 0, 40),	/* /n0: node 0 */
	};
	struct procs_row_hint h[4];
	memset(h, 0, sizeof h);
	for (int i = 0; i < 4; i++) {
		snprintf(h[i].comm, sizeof h[i].comm, "cs%d", i);
		h[i].state = 'S';
		h[i].start_time = 100 + (uint64_t)i;
	}
	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, csdir, why, sizeof why), 0);
	struct procs *pr = procs_open(pf);
	tasks_snapshot(&s);
	zi = fixture("proc/numa-6.6/zoneinfo", &len);
	assert_int_equal(zoneinfo_parse(zi, len, &s, why, sizeof why), 0);
	free(zi);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 4), 0);
	assert_string_equal(s.cpusets_why, "");
	/* globally (6171024 pages) the 2000000-page task goes */
	assert_int_equal(s.predicted_victim, 30004);
	assert_int_equal(s.ncpusets, 2);
	int db = strcmp(s.cpusets[0].path, "/db") == 0 ? 0 : 1;
	const struct zt_cpuset_info *d = &s.cpusets[db], *n0 = &s.cpusets[1 - db];
	assert_string_equal(d->path, "/db");
	assert_string_equal(d->mems, "1");
	assert_int_equal(d->version, 1);
	assert_int_equal(d->totalpages, 2097152);	/* node 1, no swap */
	/* 30004 (node 0 only) is not eligible; adj weighs 2097 a unit:
	 * 30002 100000 + 200 * 2097 beats 30001's 300000 */
	assert_int_equal(d->eligible, 3);
	assert_int_equal(d->predicted_victim, 30002);
	assert_int_equal(d->victim_points, 100000 + 200 * 2097);
	assert_string_equal(n0->path, "/n0");
	assert_string_equal(n0->mems, "0");
	assert_int_equal(n0->totalpages, 3998 + 520156 + 1572864);
	assert_int_equal(n0->eligible, 3);
	assert_int_equal(n0->predicted_victim, 30004);
	snapshot_free(&s);

	/* a memoryless node 2 (CPUs only: online, in no zonelist): /all
	 * and the root still span every node with memory, no scope of
	 * theirs; without has_memory (before 3.8) the online nodes */
	put(csdir, "devices/system/node/online", "0-2\n");
	put(csdir, "devices/system/node/has_memory", "0-1\n");
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 4), 0);
	assert_int_equal(s.ncpusets, 2);
	for (int i = 0; i < 2; i++)
		assert_true(strcmp(s.cpusets[i].path, "/db") == 0 ||
		    strcmp(s.cpusets[i].path, "/n0") == 0);
	snapshot_free(&s);
	snprintf(p, sizeof p, "%s/devices/system/node/has_memory", csdir);
	assert_int_equal(unlink(p), 0);
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 4), 0);
	assert_int_equal(s.ncpusets, 4);
	snapshot_free(&s);

	/* no node list: no scopes, and why */
	snprintf(p, sizeof p, "%s/devices/system/node/online", csdir);
	assert_int_equal(unlink(p), 0);
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 4), 0);
	assert_int_equal(s.ncpusets, 0);
	assert_non_null(strstr(s.cpusets_why, "online nodes unknown"));
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/*
 * cgroup v2: this machine has no v2 memory controller to copy from, so
 * the test writes a v2 tree in the kernel's own formats
 * (mm/memcontrol.c: memory.max/swap.max print "max" or bytes,
 * memory.current/swap.current bytes, memory.events "%s %lu" lines).
 */
static char cg2dir[64];

static int
cg2_teardown(void **state)
{
	(void)state;
	if (cg2dir[0] != '\0')
		nftw(cg2dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	cg2dir[0] = '\0';
	return 0;
}

static void
test_sample_capture_cgroup_v2(void **state)
{
	(void)state;
	char *dir = cg2dir, p[600];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/app" };

	snprintf(cg2dir, sizeof cg2dir, "/tmp/zt-cg2-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof p, "%s/fs", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/app", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/app/sub", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	put(dir, "fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
	put(dir, "fs/cgroup/cgroup.procs", "1\n15112\n15113\n15115\n");
	put(dir, "fs/cgroup/app/cgroup.procs", "15114\n");
	put(dir, "fs/cgroup/app/memory.max", "1073741824\n");
	put(dir, "fs/cgroup/app/memory.current", "52428800\n");
	put(dir, "fs/cgroup/app/memory.swap.max", "max\n");
	put(dir, "fs/cgroup/app/memory.swap.current", "4096\n");
	put(dir, "fs/cgroup/app/memory.events",
	    "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\noom_group_kill 0\n");
	put(dir, "fs/cgroup/app/sub/cgroup.procs", "15116\n");

	sample_capture(&s, &o, dir);
	assert_true(s.cgroup.have);
	assert_int_equal(s.cgroup.version, 2);
	assert_int_equal(s.cgroup.limit_kb, 1048576);	/* 1 GiB */
	assert_int_equal(s.cgroup.usage_kb, 51200);	/* 50 MiB */
	assert_int_equal(s.cgroup.swap_limit_kb, ZT_NO_LIMIT);
	assert_int_equal(s.cgroup.swap_usage_kb, 4);
	assert_int_equal(kvs_get(&s.cgroup.events, "max"), 7);
	assert_int_equal(kvs_get(&s.cgroup.events, "oom_kill"), 1);
	/* members of the subtree: app and app/sub */
	assert_int_equal(s.cgroup.nmembers, 2);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15114);	/* 666, lower pid */
	assert_int_equal(s.procs[1].pid, 15116);
	assert_int_equal(s.cgroup.predicted_victim, 15114);
	snapshot_free(&s);

	/* the root cgroup of v2 has no memory.max: n/a, not 0 */
	o.filter_cgroup = "/";
	sample_capture(&s, &o, dir);
	assert_true(s.cgroup.have);
	assert_int_equal(s.cgroup.limit_kb, ZT_NA);
	assert_int_equal(s.cgroup.nmembers, 6);
	snapshot_free(&s);
}

/* The edges of ranking: two rows are sorted too; a score of 1 is
 * killable and can be the victim; a container's pid 1 with a score is
 * killable; the prediction is reset on every ranking. */
static void
test_rank_edges(void **state)
{
	struct zt_proc two[] = {
		mk(7, 1, 0, 4, 0, 4),
		mk(9, 2, 0, 4, 0, 4),
	};
	struct zt_proc none[] = {
		mk(5, 0, 0, 4, 0, 4),
		mk(6, 0, -1000, 4, 0, 4),
	};
	struct zt_proc init[] = {
		mk(1, 1, 0, 4, 0, 4),		/* pid 1 of a container */
		mk(8, ZT_NA, ZT_NA, 4, 0, 4),	/* nothing known */
		mk(4, 0, ZT_NA, 4, 0, 4),	/* score 0, adj unknown */
		mk(12, 1, ZT_NA, 4, 0, 4),	/* score 1, adj unknown */
	};
	struct zt_snapshot s;

	(void)state;
	snap_with(&s, two, 2);
	procs_rank(&s);
	assert_int_equal(s.procs[0].pid, 9);
	assert_int_equal(s.procs[1].pid, 7);
	assert_true(s.procs[1].killable);	/* score 1 */
	assert_int_equal(s.predicted_victim, 9);
	snapshot_free(&s);

	snap_with(&s, two, 1);
	procs_rank(&s);
	assert_int_equal(s.predicted_victim, 7);	/* score 1 suffices */
	snapshot_free(&s);

	snap_with(&s, none, 2);
	s.predicted_victim = 99;		/* from an earlier ranking */
	procs_rank(&s);
	/* score 0: killable (the kernel may pick it when nothing scores
	 * more) but never the predicted victim; adj -1000 never killable */
	assert_int_equal(s.predicted_victim, 0);
	assert_true(s.procs[0].killable);
	assert_false(s.procs[1].killable);
	snapshot_free(&s);

	snap_with(&s, init, 4);
	procs_rank(&s);
	assert_int_equal(s.procs[0].pid, 1);
	assert_true(s.procs[0].killable);
	assert_int_equal(s.predicted_victim, 1);
	assert_int_equal(s.procs[1].pid, 12);
	assert_true(s.procs[1].killable);
	assert_int_equal(s.procs[2].pid, 4);
	assert_false(s.procs[2].killable);
	assert_int_equal(s.procs[3].pid, 8);
	assert_false(s.procs[3].killable);
	snapshot_free(&s);
}

/* The ranking's own edges: rules unknown (2.6.32) rank by score, ties
 * by pid whatever the input order; the points kept per row are the
 * kernel's (page tables in bytes over a page of page_kb * 1024 bytes);
 * rows with no points at all still sort by score, and show none. */
static void
test_rank_paths(void **state)
{
	struct zt_snapshot s;
	(void)state;

	/* 2.6.32: no rules known, scores old style (below 666, rss > 0) */
	struct zt_proc old[] = {
		mk(50, 5, 0, 4, 0, 4),
		mk(3, 5, 0, 4, 0, 4),
		mk(20, 5, 0, 4, 0, 4),
		mk(9, 7, 0, 4, 0, 4),
	};
	snap_with(&s, old, 4);
	strlcpy0(s.kernel, "2.6.32-754.el6.x86_64", sizeof s.kernel);
	procs_rank(&s);
	int want[] = { 9, 3, 20, 50 };
	for (int i = 0; i < 4; i++)
		assert_int_equal(s.procs[i].pid, want[i]);
	snapshot_free(&s);

	/* 6.1: rss 8192 kB + swap 4096 kB + page tables 4096 kB, 4 kB
	 * pages: 2048 + 1024 + 4194304 / 4096 = 4096 points at adj 0;
	 * at adj 10, + 10 * (6171024 / 1000) = 61710 more */
	struct zt_proc pts[] = {
		mk(100, 666, 0, 8192, 4096, 4096),
		mk(101, 700, 10, 8192, 4096, 4096),
	};
	snap_with(&s, pts, 2);
	strlcpy0(s.kernel, "6.1.0", sizeof s.kernel);
	procs_rank(&s);
	assert_int_equal(s.procs[0].pid, 101);
	assert_int_equal(s.procs[0].points, 4096 + 10 * 6171);
	assert_int_equal(s.procs[1].points, 4096);
	snapshot_free(&s);

	/* nobody eligible: the order is by score, then pid; no points */
	struct zt_proc none[] = {
		mk(3, 0, -1000, 4, 0, 4),
		mk(5, 2, -1000, 4, 0, 4),
		mk(4, 2, -1000, 4, 0, 4),
	};
	snap_with(&s, none, 3);
	strlcpy0(s.kernel, "6.1.0", sizeof s.kernel);
	procs_rank(&s);
	int want2[] = { 4, 5, 3 };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.procs[i].pid, want2[i]);
		assert_true(s.procs[i].points == ZT_NA);
	}
	assert_int_equal(s.predicted_victim, 0);
	snapshot_free(&s);

	/* two without points: still by score (5 before 3) */
	snap_with(&s, none, 2);
	strlcpy0(s.kernel, "6.1.0", sizeof s.kernel);
	procs_rank(&s);
	assert_int_equal(s.procs[0].pid, 5);
	assert_int_equal(s.procs[1].pid, 3);
	snapshot_free(&s);

	/* one row: its points are the kernel's too, 4096 */
	snap_with(&s, pts, 1);
	strlcpy0(s.kernel, "6.1.0", sizeof s.kernel);
	procs_rank(&s);
	assert_int_equal(s.procs[0].points, 4096);
	snapshot_free(&s);

	/* the first row without points is one whose counters are unknown
	 * (BADNESS_UNKNOWN, not BADNESS_INELIGIBLE): shown as none too */
	struct zt_proc unk[] = {
		mk(9, 700, 0, 8192, 4096, 4096),
		mk(2, 3, 0, ZT_NA, ZT_NA, ZT_NA),
		mk(4, 0, -1000, 4, 0, 4),
	};
	snap_with(&s, unk, 3);
	strlcpy0(s.kernel, "6.1.0", sizeof s.kernel);
	procs_rank(&s);
	int want3[] = { 9, 2, 4 };
	for (int i = 0; i < 3; i++)
		assert_int_equal(s.procs[i].pid, want3[i]);
	assert_int_equal(s.procs[0].points, 4096);
	assert_true(s.procs[1].points == ZT_NA);
	assert_true(s.procs[2].points == ZT_NA);
	snapshot_free(&s);

	/* totalpages 1 (a tiny scope) is still a scope: by points, where
	 * pid 10 has 400/4 + 4096/4096 = 101 and pid 11 has 1 + 1 = 2
	 * (adj 0), against their scores */
	struct zt_proc tiny[] = {
		mk(11, 9, 0, 4, 0, 4),
		mk(10, 5, 0, 400, 0, 4),
	};
	snap_with(&s, tiny, 2);
	strlcpy0(s.kernel, "6.1.0", sizeof s.kernel);
	s.totalpages = 1;
	procs_rank(&s);
	assert_int_equal(s.procs[0].pid, 10);
	assert_int_equal(s.procs[0].points, 101);
	assert_int_equal(s.procs[1].points, 2);
	snapshot_free(&s);
}

/* A row's badness inputs (oom_badness(): get_mm_rss() + swapents +
 * pgtables_bytes / PAGE_SIZE), in 4 kB pages: what is not known stays
 * unknown, never 0. */
static void
test_row_task(void **state)
{
	struct zt_proc r = mk(4242, 700, 1500, 8192, 4096, 64);
	struct badness_task t;

	(void)state;
	r.start_time = 123456;
	r.uid = 1000;
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.tgid, 4242);
	assert_int_equal(t.start_time, 123456);
	assert_int_equal(t.uid, 1000);
	assert_int_equal(t.counts, BADNESS_COUNTS_SUM);
	assert_int_equal(t.oom_score_adj, 1000);	/* clamped as the kernel's */
	assert_int_equal(t.rss_anon, 8192 / 4);
	assert_int_equal(t.rss_file, 0);
	assert_int_equal(t.rss_shmem, 0);
	assert_int_equal(t.swapents, 4096 / 4);
	assert_int_equal(t.pgtables_bytes, 64 * 1024);
	assert_int_equal(t.flags, 0);
	assert_int_equal(t.known, BADNESS_F_INIT);
	assert_int_equal(t.scan_seq, 0);	/* unknown */
	assert_int_equal(t.memcg_id, 0);
	assert_int_equal(t.memcg_seq, 0);
	/* 8192/4 + 0 + 0 + 4096/4 + 65536/4096 = 3088 pages; 5.9+ adds
	 * adj * (totalpages / 1000) = 1000 * 6171 */
	struct badness_kernel k;
	badness_kernel_init(&k, "6.1.0", false);
	assert_int_equal(badness_points(&k, &t, 6171024, 4096),
	    3088 + 1000 * 6171);

	r.oom_score_adj = -1500;
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.oom_score_adj, -1000);
	r.oom_score_adj = 999;
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.oom_score_adj, 999);
	r.oom_score_adj = -999;
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.oom_score_adj, -999);

	/* uid unknown */
	r.uid = ZT_NA;
	procs_row_task(&r, 4, &t);
	assert_true(t.uid == BADNESS_NA);

	/* adj unknown, or no page size: no counters, adj 0 */
	r = mk(4242, 700, ZT_NA, 8192, 4096, 64);
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.oom_score_adj, 0);
	assert_true(t.rss_anon == BADNESS_NA && t.rss_file == BADNESS_NA &&
	    t.rss_shmem == BADNESS_NA && t.swapents == BADNESS_NA &&
	    t.pgtables_bytes == BADNESS_NA);
	r = mk(4242, 700, 5, 8192, 4096, 64);
	procs_row_task(&r, 0, &t);
	assert_int_equal(t.oom_score_adj, 0);
	assert_true(t.rss_anon == BADNESS_NA && t.swapents == BADNESS_NA);
	/* page size 1 kB: the adj is read, counters in 1 kB pages */
	procs_row_task(&r, 1, &t);
	assert_int_equal(t.oom_score_adj, 5);
	assert_int_equal(t.rss_anon, 8192);

	/* any one of rss, swap, page tables unknown: no counters */
	for (int miss = 0; miss < 3; miss++) {
		r = mk(4242, 700, 5, 8192, 4096, 64);
		if (miss == 0)
			r.rss_kb = ZT_NA;
		else if (miss == 1)
			r.swap_kb = ZT_NA;
		else
			r.pgtables_kb = ZT_NA;
		procs_row_task(&r, 4, &t);
		assert_int_equal(t.oom_score_adj, 5);
		assert_true(t.rss_anon == BADNESS_NA &&
		    t.rss_file == BADNESS_NA && t.rss_shmem == BADNESS_NA &&
		    t.swapents == BADNESS_NA && t.pgtables_bytes == BADNESS_NA);
	}
	/* page tables too large to count in bytes */
	r = mk(4242, 700, 5, 8192, 4096, INT64_MAX / 1024 + 1);
	procs_row_task(&r, 4, &t);
	assert_true(t.pgtables_bytes == BADNESS_NA);
	r.pgtables_kb = INT64_MAX / 1024;
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.pgtables_bytes, INT64_MAX / 1024 * 1024);

	/* the global init (pid 1 scoring 0 or unread) is never chosen; a
	 * container's pid 1 (scoring) and any other pid scoring 0 may be */
	r = mk(1, 0, 0, 8192, 4096, 64);
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.flags, BADNESS_F_INIT);
	assert_true(badness_ineligible(&t));
	r.oom_score = ZT_NA;
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.flags, BADNESS_F_INIT);
	r.oom_score = 1;
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.flags, 0);
	r = mk(2, 0, 0, 8192, 4096, 64);
	procs_row_task(&r, 4, &t);
	assert_int_equal(t.flags, 0);
	assert_false(badness_ineligible(&t));
}

/* The capture with its kernel known (6.18): the kernel's own points,
 * from each pid's status and oom_score_adj (totalpages 6171024, so
 * adj weighs 6171 pages a unit). */
static void
test_sample_exact_points(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	/* (RssAnon + RssFile + RssShmem + VmSwap) / 4 + VmPTE / 4 + adj*6171 */
	static const int pid[] = { 15112, 15113, 15115, 15114, 15116 };
	static const int64_t pts[] = {
		(16480 + 1344) / 4 + 76 / 4 + 1000 * 6171,
		(32868 + 1496) / 4 + 104 / 4 + 500 * 6171,
		(65632 + 1296) / 4 + 176 / 4,
		(8288 + 1336) / 4 + 60 / 4,
		(4192 + 1344) / 4 + 48 / 4,
	};

	cap_kernel = "6.18.44";
	sample_capture(&s, &o, NULL);
	cap_kernel = NULL;
	assert_int_equal(s.nprocs, 6);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(s.procs[i].pid, pid[i]);
		assert_int_equal(s.procs[i].points, pts[i]);
		assert_int_equal(s.procs[i].rank, i + 1);
	}
	/* init: never chosen, no points */
	assert_int_equal(s.procs[5].pid, 1);
	assert_int_equal(s.procs[5].points, ZT_NA);
	assert_int_equal(s.predicted_victim, 15112);
	assert_int_equal(s.ncontenders, 6);
	assert_int_equal(s.points_margin, 0);	/* a capture: not this CPU */
	snapshot_free(&s);
}

/* A v2 cgroup of 64 MiB holding "big" (64 MiB, adj 0) and "hog500"
 * (32 MiB, adj 500): globally hog500 ranks second and big third, but
 * the cgroup's limit weighs adj by 16 pages a unit, not 6171, so inside
 * it big goes first (16776 points against 8617 + 8000 = 16617). */
static void
test_sample_cgroup_scope(void **state)
{
	(void)state;
	char *dir = cg2dir, p[600];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	snprintf(cg2dir, sizeof cg2dir, "/tmp/zt-cgs-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof p, "%s/fs", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/app", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/free", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	put(dir, "fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
	put(dir, "fs/cgroup/cgroup.procs", "1\n15112\n");
	put(dir, "fs/cgroup/app/cgroup.procs", "15113\n15115\n");
	put(dir, "fs/cgroup/app/memory.max", "67108864\n");
	put(dir, "fs/cgroup/app/memory.current", "52428800\n");
	put(dir, "fs/cgroup/app/memory.swap.max", "max\n");
	put(dir, "fs/cgroup/app/memory.events", "max 3\noom 0\noom_kill 0\n");
	put(dir, "fs/cgroup/free/cgroup.procs", "15114\n15116\n");
	put(dir, "fs/cgroup/free/memory.max", "max\n");

	cap_kernel = "6.18.44";
	sample_capture(&s, &o, dir);
	/* every memory cgroup below the root, each its own scope */
	assert_int_equal(s.ncgroups, 2);
	const struct zt_cgroup_info *app = &s.cgroups[0], *fr = &s.cgroups[1];
	if (strcmp(app->path, "/app") != 0) {
		const struct zt_cgroup_info *t = app;
		app = fr;
		fr = t;
	}
	assert_string_equal(app->path, "/app");
	assert_int_equal(app->totalpages, 16384);	/* no swap */
	assert_int_equal(app->predicted_victim, 15115);
	assert_int_equal(app->victim_points, 16776);
	assert_int_equal(app->nmembers, 2);
	assert_int_equal(fr->totalpages, ZT_NA);	/* no limit: no scope */
	assert_int_equal(fr->predicted_victim, 0);
	assert_int_equal(fr->nmembers, -1);		/* not read */
	/* globally the order stands; each row knows its cgroup rank */
	assert_int_equal(s.predicted_victim, 15112);
	for (int i = 0; i < s.nprocs; i++) {
		const struct zt_proc *r = &s.procs[i];
		if (r->pid == 15113) {
			assert_int_equal(r->rank, 2);
			assert_int_equal(r->cgroup_rank, 2);
			assert_int_equal(r->cgroup_points, 8617 + 500 * 16);
		} else if (r->pid == 15115) {
			assert_int_equal(r->rank, 3);
			assert_int_equal(r->cgroup_rank, 1);
		} else
			assert_int_equal(r->cgroup_rank, 0);
	}
	snapshot_free(&s);

	/* --cgroup /app: ranked inside, with the cgroup's totalpages */
	o.filter_cgroup = "/app";
	sample_capture(&s, &o, dir);
	cap_kernel = NULL;
	assert_int_equal(s.cgroup.totalpages, 16384);
	assert_int_equal(s.cgroup.predicted_victim, 15115);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15115);	/* the cgroup's order */
	assert_int_equal(s.procs[0].rank, 3);		/* global rank kept */
	assert_int_equal(s.procs[0].cgroup_rank, 1);
	assert_int_equal(s.procs[1].pid, 15113);
	snapshot_free(&s);
}

/* A copy of one file of the capture into the proc root dir. */
static void
copy_cap(const char *dir, const char *rel)
{
	char from[256];
	size_t len;
	char *t;

	snprintf(from, sizeof from, CAP "/%s", rel);
	t = fixture(from, &len);
	char *z = xmalloc(len + 1);
	memcpy(z, t, len);
	z[len] = '\0';
	put(dir, rel, z);
	free(z);
	free(t);
}

/* oom_score_adj -1000 cannot be set on the project's machine (no
 * CAP_SYS_RESOURCE): a copy of the capture where "big" has it, and the
 * oom_score the kernel gives it then (0).  It is never chosen: no points,
 * and the victim inside its cgroup is the other member. */
static void
test_sample_adj_min(void **state)
{
	(void)state;
	static char root[64];
	static const char *const files[] = { "stat", "status", "cmdline",
		"cgroup", "oom_score", "oom_score_adj" };
	static const int pids[] = { 1, 15112, 15113, 15114, 15115, 15116 };
	char p[600];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/app" };

	snprintf(root, sizeof root, "/tmp/zt-adj-XXXXXX");
	assert_non_null(mkdtemp(root));
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	for (size_t i = 0; i < sizeof pids / sizeof pids[0]; i++) {
		snprintf(p, sizeof p, "%s/%d", root, pids[i]);
		assert_int_equal(mkdir(p, 0755), 0);
		for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
			char rel[64];
			snprintf(rel, sizeof rel, "%d/%s", pids[i], files[k]);
			copy_cap(root, rel);
		}
	}
	put(root, "15115/oom_score_adj", "-1000\n");
	put(root, "15115/oom_score", "0\n");
	snprintf(p, sizeof p, "%s/fs", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/app", root);
	assert_int_equal(mkdir(p, 0755), 0);
	put(root, "fs/cgroup/cgroup.controllers", "memory\n");
	put(root, "fs/cgroup/app/cgroup.procs", "15114\n15115\n");
	put(root, "fs/cgroup/app/memory.max", "134217728\n");

	cap_kernel = "6.18.44";
	cap_root = root;
	sample_capture(&s, &o, root);
	cap_kernel = NULL;
	cap_root = NULL;
	assert_int_equal(s.cgroup.totalpages, 32768);
	assert_int_equal(s.cgroup.predicted_victim, 15114);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15114);
	assert_int_equal(s.procs[1].pid, 15115);
	assert_false(s.procs[1].killable);
	assert_int_equal(s.procs[1].points, ZT_NA);
	assert_int_equal(s.procs[1].cgroup_rank, 0);
	snapshot_free(&s);
}

/* A new directory for a made-up proc root: in memory (/dev/shm) where
 * there is one, as writing hundreds of files to a busy disk is slow. */
static void
mkroot(char *root, size_t len, const char *name)
{
	snprintf(root, len, "/dev/shm/zt-%s-XXXXXX", name);
	if (mkdtemp(root) != NULL)
		return;
	snprintf(root, len, "/tmp/zt-%s-XXXXXX", name);
	assert_non_null(mkdtemp(root));
}

/* pid's stat under root: its flags and start time. */
static void
put_stat(const char *root, int pid, uint64_t start, unsigned flags)
{
	char rel[64], text[256];

	snprintf(rel, sizeof rel, "%d/stat", pid);
	snprintf(text, sizeof text, "%d (t%d) S 1 1 1 0 -1 %u 0 0 0 0 0 0 0 0 "
	    "20 0 1 0 %llu 0 0\n", pid, pid, flags, (unsigned long long)start);
	put(root, rel, text);
}

/* pid's status under root: anon_kb / 4 + 1 points (VmPTE 4 kB). */
static void
put_status(const char *root, int pid, int64_t anon_kb)
{
	char rel[64], text[512];

	snprintf(rel, sizeof rel, "%d/status", pid);
	snprintf(text, sizeof text, "Name:\tt%d\nState:\tS (sleeping)\n"
	    "Uid:\t1000\t1000\t1000\t1000\nVmRSS:\t%lld kB\nRssAnon:\t%lld kB\n"
	    "RssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t4 kB\nVmSwap:\t0 kB\n"
	    "CapEff:\t0000000000000000\n", pid, (long long)anon_kb,
	    (long long)anon_kb);
	put(root, rel, text);
}

/* A sampler on the proc root root (its own sys root too): *pf to
 * close after it. */
static struct procs *
open_root(const char *root, struct procfs **pf)
{
	char why[ZT_WHY_LEN];
	struct procs *pr;

	*pf = procfs_open(root, why, sizeof why);
	assert_non_null(*pf);
	assert_int_equal(procfs_set_sys_root(*pf, root, why, sizeof why), 0);
	pr = procs_open(*pf);
	assert_non_null(pr);
	return pr;
}

/* The pids under root in the order a listing gives them (the order
 * the sampler meets them in): how many, at most max. */
static int
listed(const char *root, int *pids, int max)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(root);

	assert_non_null(d);
	while ((de = readdir(d)) != NULL && n < max)
		if (de->d_name[0] >= '1' && de->d_name[0] <= '9')
			pids[n++] = atoi(de->d_name);
	closedir(d);
	return n;
}

/* A made-up task under root: stat (flags, start time), a status whose
 * points are anon_kb / 4 + 1 (VmPTE 4 kB, no swap), oom_score, adj 0. */
static void
mkproc(const char *root, int pid, int score, int64_t anon_kb, uint64_t start,
    unsigned flags)
{
	char p[600], rel[64], text[512];

	snprintf(p, sizeof p, "%s/%d", root, pid);
	assert_int_equal(mkdir(p, 0755), 0);
	put_stat(root, pid, start, flags);
	put_status(root, pid, anon_kb);
	snprintf(rel, sizeof rel, "%d/oom_score", pid);
	snprintf(text, sizeof text, "%d\n", score);
	put(root, rel, text);
	snprintf(rel, sizeof rel, "%d/oom_score_adj", pid);
	put(root, rel, "0\n");
	snprintf(rel, sizeof rel, "%d/cmdline", pid);
	put(root, rel, "t");
	snprintf(rel, sizeof rel, "%d/cgroup", pid);
	put(root, rel, "0::/\n");
}

/* root/rel removed (a file, or a directory and all it holds). */
static void
rm_under(const char *root, const char *rel)
{
	char p[600];

	snprintf(p, sizeof p, "%s/%s", root, rel);
	assert_int_equal(nftw(p, rm_one, 8, FTW_DEPTH | FTW_PHYS), 0);
}

/* pid's directory under root made anew (mkproc): the old one is
 * removed only after, so that the new one has another inode. */
static void
remkproc(const char *root, int pid, int score, int64_t anon_kb,
    uint64_t start)
{
	char from[600], to[600], rel[64];

	snprintf(from, sizeof from, "%s/%d", root, pid);
	snprintf(rel, sizeof rel, "old-%d", pid);
	snprintf(to, sizeof to, "%s/%s", root, rel);
	assert_int_equal(rename(from, to), 0);
	mkproc(root, pid, score, anon_kb, start, 0);
	rm_under(root, rel);
}

/* root/rel made a directory: it opens, and every read of it fails
 * (EISDIR), as a file the task's owner keeps from us would. */
static void
unreadable(const char *root, const char *rel)
{
	char p[600];

	rm_under(root, rel);
	snprintf(p, sizeof p, "%s/%s", root, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

/* The row of pid in s, NULL none. */
static const struct zt_proc *
row_of(const struct zt_snapshot *s, int pid)
{
	for (int i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

/* One sampler over refreshes of a proc root whose tasks come and go:
 * a task that exited (its directory gone, or only its oom_score: it
 * died between the listing and the read), an unreadable oom_score
 * (ranked last, no score) or status (no points: its place by score,
 * its name from stat), a kernel thread (left out, but not its pid
 * once a task has it), a new task whose stat is gone (left out), a
 * reused pid (a new directory and start
 * time: its figures read anew, so it can become the victim at once),
 * a directory rebuilt for the same task (same start time: its figures
 * cached), a score that moved (read anew), entries that are no pids. */
static void
test_sample_churn(void **state)
{
	(void)state;
	static char root[64];
	char p[600];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;
	struct procs *pr;

	mkroot(root, sizeof root, "churn");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	mkproc(root, 2, 0, 0, 24, PF_KTHREAD_FLAG);
	mkproc(root, 130, 0, 0, 25, PF_KTHREAD_FLAG);
	/* points (pid - 99) * 100 + 1: 111 first, 100 last; the first 8
	 * (111..104) are the hot ones, re-read every refresh */
	for (int pid = 100; pid <= 111; pid++)
		mkproc(root, pid, 666, (pid - 99) * 400, 1000 + (uint64_t)pid, 0);
	static const char *const junk[] = { "0", "012", "12x", "self" };
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", root, junk[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}

	cap_kernel = "6.18.44";
	pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 12);
	assert_int_equal(s.nprocs, 12);
	for (int i = 0; i < 12; i++) {
		assert_int_equal(s.procs[i].pid, 111 - i);
		assert_int_equal(s.procs[i].points, (12 - i) * 100 + 1);
		assert_int_equal(s.procs[i].rank, i + 1);
	}
	assert_int_equal(s.predicted_victim, 111);
	snapshot_free(&s);

	rm_under(root, "111");
	rm_under(root, "110/oom_score");
	unreadable(root, "109/oom_score");
	unreadable(root, "104/status");
	/* 100 reused: a new task, the same score, 10001 points */
	remkproc(root, 100, 666, 40000, 5000);
	/* 101's directory rebuilt, the same task (start time): its cached
	 * figures (201 points) stand, what the new status says waits */
	remkproc(root, 101, 666, 80000, 1101);
	/* 102's score moved: its figures are read again (501 points) */
	remkproc(root, 102, 667, 2000, 1102);
	/* kernel thread 130 exited, its pid reused by a task: ranked */
	remkproc(root, 130, 666, 400, 8000);
	mkproc(root, 120, 0, 4000, 7000, 0);
	rm_under(root, "120/stat");
	mkproc(root, 121, 0, 0, 7001, PF_KTHREAD_FLAG);
	mkproc(root, 122, 0, 4000, 7002, 0);
	/* 125 scores, so only the exact pass wants its stat: gone there */
	mkproc(root, 125, 666, 4000, 7005, 0);
	rm_under(root, "125/stat");

	sample_once(pr, &s, &o);
	static const int want[] = { 100, 108, 107, 106, 105, 102, 103, 101,
		130, 104, 125, 122, 109 };
	static const int64_t pts[] = { 10001, 901, 801, 701, 601, 501, 401, 201,
		101, ZT_NA, ZT_NA, ZT_NA };
	assert_int_equal(s.nprocs_total, 13);
	assert_int_equal(s.nprocs, 13);
	for (int i = 0; i < 13; i++) {
		assert_int_equal(s.procs[i].pid, want[i]);
		/* (109, no score, was no contender: its points come from
		 * its own details) */
		if (i < 12)
			assert_int_equal(s.procs[i].points, pts[i]);
		assert_int_equal(s.procs[i].rank, i + 1);
	}
	assert_int_equal(s.predicted_victim, 100);
	assert_int_equal(row_of(&s, 100)->rss_kb, 40000);
	assert_int_equal(row_of(&s, 100)->start_time, 5000);
	assert_int_equal(row_of(&s, 101)->rss_kb, 800);
	assert_int_equal(row_of(&s, 102)->rss_kb, 2000);
	assert_string_equal(row_of(&s, 104)->comm, "t104");
	assert_int_equal(row_of(&s, 104)->oom_score, 666);
	assert_int_equal(row_of(&s, 104)->rss_kb, ZT_NA);
	assert_int_equal(row_of(&s, 109)->oom_score, ZT_NA);
	assert_string_equal(row_of(&s, 109)->comm, "t109");
	assert_int_equal(row_of(&s, 122)->oom_score, 0);
	snapshot_free(&s);

	/* three rows: the contenders are the tasks scoring at least one
	 * below the third score (102's 667, then 666: 665 on); these
	 * scores are made up to show who is read, 124 scores too little
	 * for its points to be looked at */
	mkproc(root, 123, 665, 20000, 7003, 0);
	mkproc(root, 124, 664, 100000, 7004, 0);
	o.detail_rows = 3;
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 15);
	assert_int_equal(s.ncontenders, 12);
	assert_int_equal(s.nprocs, 3);
	/* 101 ranked 8th, hot: read again, its new figures count now */
	assert_int_equal(s.procs[0].pid, 101);
	assert_int_equal(s.procs[0].points, 20001);
	assert_int_equal(s.procs[1].pid, 100);
	assert_int_equal(s.procs[2].pid, 123);
	assert_int_equal(s.procs[2].points, 5001);
	assert_int_equal(s.predicted_victim, 101);
	snapshot_free(&s);
	/* no kept fd on a capture */
	int budget = -1;
	assert_int_equal(procs_kept_fds(pr, &budget), 0);
	assert_int_equal(budget, 0);

	procs_close(pr);
	procfs_close(pf);
	cap_kernel = NULL;
}

/* The exact figures of a task whose score stands still are read again
 * only at the top (the first 8 of the ranking, hot) or in turn: ten
 * tasks whose status all grew tenfold, the same scores; the first 8
 * show it, the last two keep what was read.  They are the first and
 * the last the sampler lists (whatever order the directory gives).  A
 * directory unchanged is the same task, its stat not read again; one
 * rebuilt is read: the same start time, the same task; no stat, gone;
 * a stat that cannot be read, not gone. */
static void
test_sample_cached(void **state)
{
	(void)state;
	static char root[64];
	char rel[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	int order[10], n;

	mkroot(root, sizeof root, "cache");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	for (int i = 0; i < 10; i++)
		mkproc(root, 200 + i, 666, 400, 3000 + (uint64_t)i, 0);
	n = listed(root, order, (int)(sizeof order / sizeof order[0]));
	assert_int_equal(n, 10);
	/* points: order[0] 101 (10th), order[9] 201 (9th), order[r] for
	 * the others (r + 2) * 100 + 1 */
	int64_t kb[10], pts[10];
	int rank[10];
	for (int r = 0; r < 10; r++) {
		kb[r] = r == 0 ? 400 : r == 9 ? 800 : (r + 2) * 400;
		pts[r] = kb[r] / 4 + 1;
		rank[r] = r == 0 ? 10 : r == 9 ? 9 : 9 - r;
		put_status(root, order[r], kb[r]);
	}

	cap_kernel = "6.18.44";
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 10);
	for (int r = 0; r < 10; r++) {
		const struct zt_proc *row = &s.procs[rank[r] - 1];
		assert_int_equal(row->pid, order[r]);
		assert_int_equal(row->points, pts[r]);
	}
	snapshot_free(&s);

	/* rewritten in place, the same directories: the same tasks, whose
	 * stat is not read again (a start time written there is not seen) */
	for (int r = 0; r < 10; r++) {
		put_status(root, order[r], kb[r] * 10);
		put_stat(root, order[r], 9000, 0);
	}
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 10);
	for (int r = 0; r < 10; r++) {
		const struct zt_proc *row = &s.procs[rank[r] - 1];
		bool hot = r != 0 && r != 9;
		assert_int_equal(row->pid, order[r]);
		assert_int_equal(row->points, hot ? kb[r] * 10 / 4 + 1 : pts[r]);
		assert_int_equal(row->rss_kb, hot ? kb[r] * 10 : kb[r]);
		assert_int_equal(row->start_time, 3000 + order[r] - 200);
	}
	snapshot_free(&s);

	/* order[4] exited (rebuilt without stat); order[0] rebuilt for
	 * the same task: the last two still what was read first */
	remkproc(root, order[4], 666, kb[4] * 10, 9000);
	snprintf(rel, sizeof rel, "%d/stat", order[4]);
	rm_under(root, rel);
	remkproc(root, order[0], 666, kb[0] * 10, 3000 + (uint64_t)order[0] - 200);
	/* order[5] rebuilt with a stat that cannot be read: not gone */
	remkproc(root, order[5], 666, kb[5] * 10, 9000);
	snprintf(rel, sizeof rel, "%d/stat", order[5]);
	unreadable(root, rel);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 9);
	assert_null(row_of(&s, order[4]));
	assert_non_null(row_of(&s, order[5]));
	assert_int_equal(row_of(&s, order[5])->points, kb[5] * 10 / 4 + 1);
	assert_int_equal(row_of(&s, order[0])->points, pts[0]);
	assert_int_equal(row_of(&s, order[9])->points, pts[9]);
	assert_int_equal(row_of(&s, order[9])->rss_kb, kb[9]);
	snapshot_free(&s);

	/* order[0]'s new directory is the one known now: unchanged, the
	 * same task, whatever its stat says */
	put_stat(root, order[0], 9000, 0);
	sample_once(pr, &s, &o);
	assert_int_equal(row_of(&s, order[0])->points, pts[0]);
	snapshot_free(&s);

	/* order[0] (9th of 9 now, never hot) is read again at its turn,
	 * the refresh gen (from 1) where gen + pid is a multiple of 32 */
	int due = 0;
	for (int gen = 5; gen <= 36 && due == 0; gen++) {
		sample_once(pr, &s, &o);
		int64_t v = row_of(&s, order[0])->points;
		if ((gen + order[0]) % 32 == 0) {
			assert_int_equal(v, kb[0] * 10 / 4 + 1);
			due = gen;
		} else
			assert_int_equal(v, pts[0]);
		snapshot_free(&s);
	}
	assert_true(due > 0);

	procs_close(pr);
	procfs_close(pf);
	cap_kernel = NULL;
}

/* Two tasks, one row: the candidates are sorted by score before the
 * contenders are told (one: the best, 500); the lower score is the one
 * the sampler meets first, the last listed. */
static void
test_sample_pair(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1 };
	int order[2], n;

	mkroot(root, sizeof root, "pair");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	mkproc(root, 300, 500, 400, 10, 0);
	mkproc(root, 301, 500, 400, 11, 0);
	n = listed(root, order, (int)(sizeof order / sizeof order[0]));
	assert_int_equal(n, 2);
	char rel[64];
	snprintf(rel, sizeof rel, "%d/oom_score", order[1]);
	put(root, rel, "100\n");
	/* 500 in 31 digits, then more: the 31 read (the buffer's 32 less
	 * its terminator) are the number, what follows is not read */
	snprintf(rel, sizeof rel, "%d/oom_score", order[0]);
	put(root, rel, "0000000000000000000000000000500" "9999\n");

	cap_kernel = "6.18.44";
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_int_equal(s.nprocs_total, 2);
	assert_int_equal(s.ncontenders, 1);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, order[0]);
	assert_int_equal(s.procs[0].oom_score, 500);
	assert_int_equal(s.predicted_victim, order[0]);
	snapshot_free(&s);
	/* both scored 0 now: the floor is 0, both are read (and neither
	 * is chosen: 6.18 scores 0 only what it skips) */
	for (int i = 0; i < 2; i++) {
		snprintf(rel, sizeof rel, "%d/oom_score", order[i]);
		put(root, rel, "0\n");
	}
	cap_kernel = "6.18.44";
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_int_equal(s.ncontenders, 2);
	assert_int_equal(s.predicted_victim, 0);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* An empty oom_score is unreadable, not gone, whatever the failed call
 * before it left in errno (here the open of a missing oom_score: the
 * other task, which the sampler meets first, the last listed). */
static void
test_sample_empty_score(void **state)
{
	(void)state;
	static char root[64];
	char rel[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	int order[2];

	mkroot(root, sizeof root, "empty");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	mkproc(root, 400, 500, 400, 10, 0);
	mkproc(root, 401, 500, 400, 11, 0);
	assert_int_equal(listed(root, order, 2), 2);
	snprintf(rel, sizeof rel, "%d/oom_score", order[0]);
	put(root, rel, "");
	snprintf(rel, sizeof rel, "%d/oom_score", order[1]);
	rm_under(root, rel);
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 1);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, order[0]);
	assert_int_equal(s.procs[0].oom_score, ZT_NA);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* No candidate with a score; then more than the first allocation
 * (1024): tasks with no file but oom_score, only ranked (no rows). */
static void
test_sample_thousands(void **state)
{
	(void)state;
	static char root[64];
	char p[600];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };

	mkroot(root, sizeof root, "thousands");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	/* first one task, whose score cannot be read: no contender */
	snprintf(p, sizeof p, "%s/9999", root);
	assert_int_equal(mkdir(p, 0755), 0);
	put(root, "9999/oom_score", "1\n");
	put_stat(root, 9999, 5, 0);
	unreadable(root, "9999/oom_score");
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 1);
	assert_int_equal(s.ncontenders, 0);
	assert_int_equal(s.predicted_victim, 0);
	snapshot_free(&s);
	procs_close(pr);

	for (int pid = 10000; pid < 11030; pid++) {
		snprintf(p, sizeof p, "%s/%d", root, pid);
		assert_int_equal(mkdir(p, 0755), 0);
		snprintf(p, sizeof p, "%d/oom_score", pid);
		put(root, p, pid == 10500 ? "9\n" : "1\n");
	}
	pr = procs_open(pf);
	assert_non_null(pr);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 1031);
	assert_int_equal(s.predicted_victim, 10500);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* The home slot of pid in the sampler's pid table of 1024 slots
 * (procs.c's slot_home at its first size), and the first pid above
 * after whose home is home. */
static uint32_t
home1024(int pid)
{
	return ((uint32_t)pid * 0x9E3779B1u) >> 22;
}

static int
pid_homed(uint32_t home, int after)
{
	int pid = after + 1;

	while (home1024(pid) != home)
		pid++;
	return pid;
}

/* Every pid of pids[0..n) but gone has one row, whose start time is the
 * one its stat said when first read (start + its index): its entry in
 * the table was found, not made anew (which would read stat again). */
static void
rows_kept(struct procs *pr, const int *pids, int n, int gone,
    uint64_t start)
{
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	for (int r = 0; r < 2; r++) {
		sample_once(pr, &s, &o);
		assert_int_equal(s.nprocs_total, gone >= 0 ? n - 1 : n);
		assert_int_equal(s.nprocs, s.nprocs_total);
		for (int i = 0; i < n; i++) {
			const struct zt_proc *row = row_of(&s, pids[i]);
			if (i == gone) {
				assert_null(row);
				continue;
			}
			assert_non_null(row);
			assert_int_equal(row->start_time, start + (uint64_t)i);
		}
		snapshot_free(&s);
	}
}

/* A new made-up root for the pid table's tests (the teardown's), with
 * the capture's meminfo, and a sampler on it; table_done ends both. */
static struct procs *
table_root(char *root, size_t len, struct procfs **pf)
{
	mkroot(root, len, "table");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	return open_root(root, pf);
}

static void
table_done(struct procs *pr, struct procfs *pf)
{
	procs_close(pr);
	procfs_close(pf);
	cg2_teardown(NULL);
}

/* The pid table (open addressing, backward-shift deletion) on pids
 * chosen by their home slot, each listed first at a refresh of its
 * own (the order of the table; the last, homed elsewhere, is the one
 * moved into the exited one's place in the array), then one exits:
 * each other still found
 * where it was probed for, at the first refresh after and the next; in
 * a run of slots and across the table's end, an entry left where it is
 * (its home in the gap's run) or moved back into the gap (home at or
 * before it).  Then past 512 tasks, where the table doubles; then
 * 1100 that come and go. */
static void
test_sample_pid_table(void **state)
{
	(void)state;
	static char root[64];
	static const struct {
		int n, gone;
		uint32_t home[4];
	} sc[] = {
		{ 3, 0, { 100, 100, 700 } },	/* moved back, home the gap */
		{ 3, 0, { 200, 201, 700 } },	/* stays: home where it is */
		{ 4, 1, { 300, 301, 300, 700 } },	/* moved back, home before */
		{ 4, 0, { 400, 401, 401, 700 } },	/* both stay */
		{ 4, 1, { 500, 500, 500, 700 } },	/* the last moved back */
		{ 4, 1, { 551, 550, 550, 700 } },	/* past entry 0's slot */
		{ 3, 2, { 600, 600, 600 } },	/* the last entry goes */
		{ 3, 0, { 1023, 1023, 700 } },	/* across the end: moved */
		{ 4, 1, { 1022, 1023, 1022, 700 } },	/* moved back, home before */
		{ 4, 0, { 1022, 1023, 1023, 700 } },	/* stays at 0, home 1023 */
		{ 3, 0, { 1023, 0, 700 } },	/* stays at its home 0 */
	};
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	int pids[600];
	char rel[32];

	for (size_t c = 0; c < sizeof sc / sizeof sc[0]; c++) {
		struct procfs *pf;
		struct procs *pr = table_root(root, sizeof root, &pf);
		for (int i = 0; i < sc[c].n; i++) {
			pids[i] = pid_homed(sc[c].home[i], i ? pids[i - 1] : 1);
			mkproc(root, pids[i], 666, 400, 100 + (uint64_t)i, 0);
			sample_once(pr, &s, &o);
			snapshot_free(&s);
		}
		rows_kept(pr, pids, sc[c].n, -1, 100);
		for (int i = 0; i < sc[c].n; i++)
			put_stat(root, pids[i], 9000, 0);
		snprintf(rel, sizeof rel, "%d", pids[sc[c].gone]);
		rm_under(root, rel);
		rows_kept(pr, pids, sc[c].n, sc[c].gone, 100);
		table_done(pr, pf);
	}

	/* 600 tasks: the table grows from 1024 slots to 2048 at the 512th,
	 * in the first refresh; every entry found at the next (a lost one
	 * would be made anew, and its stat read then says 9000) */
	struct procfs *pf;
	struct procs *pr = table_root(root, sizeof root, &pf);
	for (int i = 0; i < 600; i++) {
		pids[i] = 2000 + i;
		mkproc(root, pids[i], 666, 400, 100 + (uint64_t)i, 0);
	}
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 600);
	snapshot_free(&s);
	for (int i = 0; i < 600; i++)
		put_stat(root, pids[i], 9000, 0);
	rows_kept(pr, pids, 600, -1, 100);
	table_done(pr, pf);

	/* 1100 tasks come and go, 100 at a time (oom_score alone): each
	 * exit empties its slot, else the 1024 fill and a lookup never
	 * ends (the table grows with the tasks, not with its slots) */
	pr = table_root(root, sizeof root, &pf);
	o.detail_rows = 0;
	for (int r = 0; r < 11; r++) {
		for (int i = 0; i < 100; i++) {
			snprintf(rel, sizeof rel, "%d", 3000 + r * 100 + i);
			char dir[600];
			snprintf(dir, sizeof dir, "%s/%s", root, rel);
			assert_int_equal(mkdir(dir, 0755), 0);
			snprintf(rel, sizeof rel, "%d/oom_score", 3000 + r * 100 + i);
			put(root, rel, "1\n");
		}
		sample_once(pr, &s, &o);
		assert_int_equal(s.nprocs_total, 100);
		snapshot_free(&s);
		for (int i = 0; i < 100; i++) {
			snprintf(rel, sizeof rel, "%d", 3000 + r * 100 + i);
			rm_under(root, rel);
		}
	}
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 0);
	snapshot_free(&s);
	table_done(pr, pf);
}

/* This process's open fds, as a bitmap of the first 1024 (*n of them). */
static void
open_fds(unsigned char fds[128], int *n)
{
	struct dirent *de;
	DIR *d = opendir("/proc/self/fd");

	assert_non_null(d);
	memset(fds, 0, 128);
	*n = 0;
	while ((de = readdir(d)) != NULL) {
		int fd = atoi(de->d_name);
		if (de->d_name[0] < '0' || de->d_name[0] > '9' || fd == dirfd(d))
			continue;
		assert_true(fd < 1024);
		fds[fd / 8] |= (unsigned char)(1u << (fd % 8));
		(*n)++;
	}
	closedir(d);
}

/* A made-up root's sampler with stdin closed: the listing's fd is 0
 * (closed before procs_open), then every file read opens fd 0 (closed
 * after), and the rows are what the files say: a status of 12000
 * bytes (its VmRSS past the first read's 8 KiB buffer), a command
 * line of 6000; each fd it holds is close-on-exec, and none is left
 * open after procs_close. */
static void
test_sample_fds(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	unsigned char before[128], now[128];
	int nbefore, nnow, saved;
	char *text = xcalloc(13000, 1), p[64];
	size_t len = 0;

	mkroot(root, sizeof root, "fds");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	mkproc(root, 300, 700, 400, 10, 0);
	mkproc(root, 301, 600, 400, 11, 0);
	len += (size_t)sprintf(text, "Name:\tbig\nState:\tS (sleeping)\n");
	while (len < 11900)
		len += (size_t)sprintf(text + len, "Pad%05zu:\t0123456789\n", len);
	sprintf(text + len, "VmRSS:\t12345 kB\nRssAnon:\t12345 kB\n");
	put(root, "300/status", text);
	memset(text, 'c', 6000);
	text[6000] = '\0';
	text[100] = 'x';
	put(root, "301/cmdline", text);

	saved = dup(0);
	assert_true(saved > 0);
	open_fds(before, &nbefore);
	for (int r = 0; r < 2; r++) {
		struct procfs *pf;
		char why[ZT_WHY_LEN];
		pf = procfs_open(root, why, sizeof why);
		assert_non_null(pf);
		assert_int_equal(procfs_set_sys_root(pf, root, why, sizeof why), 0);
		if (r == 0)
			close(0);
		struct procs *pr = procs_open(pf);
		assert_non_null(pr);
		if (r == 1)
			close(0);
		sample_once(pr, &s, &o);
		assert_int_equal(s.nprocs, 2);
		assert_int_equal(s.procs[0].pid, 300);
		assert_int_equal(s.procs[0].rss_kb, 12345);
		assert_non_null(s.procs[1].cmdline);
		assert_int_equal(strlen(s.procs[1].cmdline), 6000);
		assert_int_equal(s.procs[1].cmdline[100], 'x');
		snapshot_free(&s);
		open_fds(now, &nnow);
		for (int fd = 0; fd < 1024; fd++)
			if ((now[fd / 8] >> (fd % 8) & 1) &&
			    !(before[fd / 8] >> (fd % 8) & 1)) {
				char link[256] = "";
				snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
				if (readlink(p, link, sizeof link - 1) < 0)
					link[0] = '\0';
				if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
					fail_msg("fd %d (%s) not close-on-exec", fd, link);
			}
		procs_close(pr);
		procfs_close(pf);
		assert_int_equal(dup2(saved, 0), 0);
		open_fds(now, &nnow);
		assert_int_equal(nnow, nbefore);
		assert_int_equal(memcmp(now, before, sizeof now), 0);
	}
	close(saved);
	free(text);
}

/* A child that sleeps until killed (or this process dies). */
static pid_t
sleeper(void)
{
	pid_t kid = fork();

	assert_true(kid >= 0);
	if (kid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		pause();
		_exit(0);
	}
	return kid;
}

/* How many fds this process has open on /proc/PID/oom_score: of pid,
 * of kernel threads for pid 0, of any task for pid -1. */
static int
kept_on(int pid)
{
	char link[128], rel[64];
	struct dirent *de;
	int found = 0, fd;
	DIR *d = opendir("/proc/self/fd");

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		ssize_t n = readlinkat(dirfd(d), de->d_name, link, sizeof link - 1);
		int at, end = 0;
		if (n <= 0)
			continue;
		link[n] = '\0';
		if (sscanf(link, "/proc/%d/oom_score%n", &at, &end) != 1 ||
		    end != n || (pid > 0 && at != pid))
			continue;
		if (pid != 0) {
			/* kept, and not handed to a program zonetop runs */
			fd = atoi(de->d_name);
			assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
			found++;
			continue;
		}
		/* a kernel thread's? */
		struct procs_stat st;
		char b[1024];
		snprintf(rel, sizeof rel, "/proc/%d/stat", at);
		fd = open(rel, O_RDONLY | O_CLOEXEC);
		n = fd >= 0 ? read(fd, b, sizeof b - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n > 0 && procs_parse_stat(b, (size_t)n, &st) == 0 &&
		    (st.flags & PF_KTHREAD_FLAG))
			found++;
	}
	closedir(d);
	return found;
}

/* A sampler on this machine's /proc, *pf to close after it; the test
 * skipped where /proc is not live. */
static struct procs *
live_procs(struct procfs **pf)
{
	char why[ZT_WHY_LEN];

	*pf = procfs_open("/proc", why, sizeof why);
	assert_non_null(*pf);
	if (!procfs_live(*pf)) {
		procfs_close(*pf);
		skip();
	}
	struct procs *pr = procs_open(*pf);
	assert_non_null(pr);
	return pr;
}

/* Live: the kept fd on a task's oom_score (see procs.c) goes when the
 * task exits, at the refresh that finds it gone; a kernel thread's is
 * not kept. */
static void
test_live_kept_exit(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	pid_t kid;

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	kid = sleeper();
	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	sample_once(pr, &s, &o);
	snapshot_free(&s);
	int kept = kept_on(kid);
	kill(kid, SIGKILL);
	assert_int_equal(waitpid(kid, NULL, 0), kid);
	assert_int_equal(kept, 1);
	/* none on a kernel thread's (scored 0 for ever: never read again) */
	assert_int_equal(kept_on(0), 0);
	sample_once(pr, &s, &o);
	snapshot_free(&s);
	assert_int_equal(kept_on(kid), 0);
	procs_close(pr);
	procfs_close(pf);
}

/* Live, with stdin closed: the first fd kept is 0, as good as any (one
 * fd on that task's oom_score however often it is read).  A task born
 * after the first refresh, with fd 0 free: its oom_score takes it; it
 * is closed with the sampler. */
static void
test_live_fd0(void **state)
{
	(void)state;
	char link[128];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	struct procfs *pf;
	int saved, pid = 0, end = 0;
	pid_t kid;
	struct procs *pr = live_procs(&pf);

	sample_once(pr, &s, &o);
	snapshot_free(&s);
	snap_meminfo(&s);
	saved = dup(0);
	assert_true(saved > 0);
	close(0);
	kid = sleeper();
	for (int i = 0; i < 3; i++) {
		assert_int_equal(procs_sample(pr, &s, &o), 0);
		snapshot_free(&s);
		snap_meminfo(&s);
		if (i > 0)
			continue;
		ssize_t n = readlink("/proc/self/fd/0", link, sizeof link - 1);
		if (n > 0) {
			link[n] = '\0';
			if (sscanf(link, "/proc/%d/oom_score%n", &pid, &end) != 1 ||
			    end != n)
				pid = 0;
		}
	}
	snapshot_free(&s);
	int kept = pid != 0 ? kept_on(pid) : -1;
	/* each kept fd counted once */
	assert_int_equal(procs_kept_fds(pr, NULL), kept_on(-1));
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	procs_close(pr);
	/* the sampler gave fd 0 back */
	int fd0 = fcntl(0, F_GETFD);
	procfs_close(pf);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
	assert_int_equal(fd0, -1);
	/* (another task new on this machine may have taken it, and exited
	 * since: its fd is closed then) */
	assert_true(pid != 0);
	assert_true(kept <= 1);
	assert_true(kept >= (pid == kid ? 1 : 0));
}

/* Two refreshes of a new sampler on this /proc with room for room
 * fds more than are open (RLIMIT_NOFILE lowered under it, as by others'
 * use): the fds it kept after each, the budget after the second. */
static void
emfile_round(int room, int kept[2], int *budget)
{
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	struct rlimit was, low;
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	int fd, rc[2];

	assert_non_null(pf);
	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	close(fd);
	low = was;
	low.rlim_cur = (rlim_t)(fd + room);
	for (int i = 0; i < 2; i++) {
		snap_meminfo(&s);	/* (its file read before the limit) */
		assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
		rc[i] = procs_sample(pr, &s, &o);
		kept[i] = procs_kept_fds(pr, budget);
		assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
		snapshot_free(&s);
	}
	procs_close(pr);
	procfs_close(pf);
	assert_int_equal(rc[0], 0);
	assert_int_equal(rc[1], 0);
	assert_true(kept[0] > 0);
	assert_true(kept[0] <= room);
}

/* Live: out of fds, the sampler keeps 64 fewer than it had from the
 * next refresh on, none when it had 64 or fewer: with room for 16
 * more; with room for just 65 (100 sleeping children of this test make
 * sure there are more tasks than that). */
static void
test_live_emfile(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN];
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	int kept[2], budget = -1;
	pid_t kids[100];	/* more tasks than room: not the machine's own, which may be ~60 */

	assert_non_null(pf);
	bool live = procfs_live(pf);
	procfs_close(pf);
	if (!live)
		skip();
	for (int i = 0; i < 100; i++)
		kids[i] = sleeper();
	emfile_round(16, kept, &budget);
	assert_int_equal(kept[1], 0);
	assert_int_equal(budget, 0);
	int room;
	for (room = 65; room < 80; room++) {
		emfile_round(room, kept, &budget);
		assert_int_equal(kept[1], kept[0] > 64 ? kept[0] - 64 : 0);
		assert_int_equal(budget, kept[1]);
		if (kept[0] >= 65)
			break;
	}
	for (int i = 0; i < 100; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	assert_true(room < 80);
}

/* One refresh of pr with MemAvailable and MemFree (kB, ZT_NA: not in
 * meminfo) as given, rows rows read in full: the kept fds after it,
 * *budget its budget. */
static int
budget_round(struct procs *pr, int64_t avail, int64_t memfree, int rows,
    int *budget)
{
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = rows };

	snap_meminfo(&s);
	kvs_set(&s.meminfo, "MemAvailable", avail);
	kvs_set(&s.meminfo, "MemFree", memfree);
	assert_int_equal(procs_sample(pr, &s, &o), 0);
	snapshot_free(&s);
	return procs_kept_fds(pr, budget);
}

/* Live: the kept fds' budget is a 4.4 KiB fd per 1% of MemAvailable
 * (22000 kB: 220 * 10 / 44 = 50), of MemFree before 3.14 (no
 * MemAvailable), none without either or with 0; fds beyond it are given
 * back at once, down to none (the first task listed's too).  (Not
 * exactly 50 kept: a task that exits in the refresh frees its fd after
 * those listed after it were passed over.) */
static void
test_live_budget(void **state)
{
	(void)state;
	struct procfs *pf;
	int budget = -1, kept;
	pid_t kids[64];
	struct procs *pr = live_procs(&pf);

	/* 64 sleepers of its own: more than 50 tasks to keep whatever else
	 * runs here (a quiet machine has fewer than 70) */
	for (int i = 0; i < 64; i++)
		kids[i] = sleeper();
	/* this machine's own MemAvailable: every task's fd (some hundreds);
	 * three rows read (libproc2's, closed with the sampler) */
	kept = budget_round(pr, 24684096, ZT_NA, 3, &budget);
	assert_true(kept > 50);
	assert_true(kept <= budget);
	kept = budget_round(pr, 22000, ZT_NA, 0, &budget);
	assert_int_equal(budget, 50);
	assert_true(kept > 0);
	assert_true(kept <= 50);
	kept = budget_round(pr, 0, 24684096, 0, &budget);
	assert_int_equal(budget, 0);
	assert_int_equal(kept, 0);
	assert_int_equal(kept_on(-1), 0);
	kept = budget_round(pr, ZT_NA, 22000, 0, &budget);
	assert_int_equal(budget, 50);
	assert_true(kept > 0);
	assert_true(kept <= 50);
	kept = budget_round(pr, ZT_NA, ZT_NA, 0, &budget);
	assert_int_equal(budget, 0);
	assert_int_equal(kept, 0);
	procs_close(pr);
	procfs_close(pf);
	for (int i = 0; i < 64; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
}

/* In a child: RLIMIT_NOFILE set to soft, hard, then a sampler on this
 * /proc: 0 when the soft limit after procs_open is want and the kept
 * fds' budget after a refresh (memory enough for 100000) is cap; else
 * which failed, 9 when the limits could not be set. */
static int
nofile_child(rlim_t soft, rlim_t hard, rlim_t want, int cap)
{
	pid_t kid = fork();
	int st;

	assert_true(kid >= 0);
	if (kid == 0) {
		struct rlimit rl = { soft, hard };
		char why[ZT_WHY_LEN];
		int budget = -1;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			_exit(9);
		struct procfs *pf = procfs_open("/proc", why, sizeof why);
		struct procs *pr = pf ? procs_open(pf) : NULL;
		if (pr == NULL || getrlimit(RLIMIT_NOFILE, &rl) != 0)
			_exit(2);
		if (rl.rlim_cur != want)
			_exit(3);
		budget_round(pr, 100000 * 44 / 10 * 100, ZT_NA, 0, &budget);
		procs_close(pr);
		procfs_close(pf);
		_exit(budget == cap ? 0 : 4);
	}
	assert_int_equal(waitpid(kid, &st, 0), kid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* Live: procs_open lifts RLIMIT_NOFILE's soft limit to the hard one
 * (at most 2^20, fs.nr_open's default), the fds' cap that 128 less,
 * none under 128 (not -1 at 127). */
static void
test_live_nofile(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN];
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	struct rlimit rl;

	assert_non_null(pf);
	bool live = procfs_live(pf);
	procfs_close(pf);
	if (!live)
		skip();
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
	rlim_t hard = rl.rlim_max < 4000 ? rl.rlim_max : 4000;
	if (hard < 300) {
		print_message("# hard limit %llu\n", (unsigned long long)hard);
		skip();
	}
	assert_int_equal(nofile_child(200, hard, hard, (int)hard - 128), 0);
	assert_int_equal(nofile_child(hard, hard, hard, (int)hard - 128), 0);
	assert_int_equal(nofile_child(100, 100, 100, 0), 0);
	assert_int_equal(nofile_child(60, 127, 127, 0), 0);
	/* a hard limit just over 2^19 (where it may be raised: root) */
	int rc = nofile_child(200, (1u << 19) + 1, (1u << 19) + 1, 100000);
	assert_true(rc == 0 || rc == 9);
	assert_int_equal(nofile_child(60, 129, 129, 1), 0);
}

/* More rows than one batch of details (64): pids 1000..1069, 1069 the
 * most points, every third in cgroup /sel; the rows asked for by
 * count, -p, -u and --cgroup judged by the rows' own paths (no
 * hierarchy under the sys root), each in rank order. */
static void
test_sample_many(void **state)
{
	(void)state;
	static char root[64];
	char rel[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 66 };
	int pids[] = { 1000, 1069, 1040, 1003, 0 };

	mkroot(root, sizeof root, "many");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	for (int i = 0; i < 70; i++) {
		mkproc(root, 1000 + i, 666, (i + 1) * 40, 2000 + (uint64_t)i, 0);
		snprintf(rel, sizeof rel, "%d/cgroup", 1000 + i);
		if (i % 3 == 0)
			put(root, rel, "0::/sel\n");
	}
	cap_kernel = "6.18.44";
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);

	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 70);
	assert_int_equal(s.nprocs, 66);
	for (int i = 0; i < 66; i++) {
		assert_int_equal(s.procs[i].pid, 1069 - i);
		assert_int_equal(s.procs[i].rank, i + 1);
		assert_int_equal(s.procs[i].points, (70 - i) * 10 + 1);
		assert_int_equal(s.procs[i].rss_kb, (70 - i) * 40);
		assert_string_equal(s.procs[i].user, "1000");
	}
	assert_int_equal(s.predicted_victim, 1069);
	snapshot_free(&s);

	o.detail_rows = -1;
	o.filter_pids = pids;
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 4);
	static const int order[] = { 1069, 1040, 1003, 1000 };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(s.procs[i].pid, order[i]);
		assert_int_equal(s.procs[i].rank, 1070 - order[i]);
	}
	snapshot_free(&s);

	o.filter_pids = NULL;
	o.filter_user = "1000";
	o.detail_rows = 67;
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 67);
	assert_int_equal(s.procs[66].pid, 1003);
	snapshot_free(&s);
	o.filter_user = "1001";
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 0);
	assert_int_equal(s.predicted_victim, 1069);
	snapshot_free(&s);

	o.filter_user = NULL;
	o.filter_cgroup = "/sel";
	o.detail_rows = -1;
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 24);
	for (int i = 0; i < 24; i++) {
		assert_int_equal(s.procs[i].pid, 1069 - 3 * i);
		assert_int_equal(s.procs[i].rank, 1 + 3 * i);
	}
	assert_int_equal(s.cgroup.predicted_victim, 1069);
	snapshot_free(&s);
	o.detail_rows = 20;
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 20);
	assert_int_equal(s.procs[19].pid, 1069 - 3 * 19);
	snapshot_free(&s);

	procs_close(pr);
	procfs_close(pf);
	cap_kernel = NULL;
}

/* The pure status reader: what oom_badness() takes, from a real file;
 * a zombie's status (no Vm lines) has no mm; 4.4-4.14 print VmPMD. */
static void
test_parse_badness(void **state)
{
	(void)state;
	size_t len;
	char *t = fixture(CAP "/15113/status", &len);
	struct badness_task bt;

	memset(&bt, 0, sizeof bt);
	assert_int_equal(procs_parse_badness(t, len, 4, &bt), 0);
	assert_int_equal(bt.rss_anon, 32868 / 4);
	assert_int_equal(bt.rss_file, 1496 / 4);
	assert_int_equal(bt.rss_shmem, 0);
	assert_int_equal(bt.swapents, 0);
	assert_int_equal(bt.pgtables_bytes, 104 * 1024);
	assert_int_equal(bt.uid, 0);
	assert_true(bt.known & BADNESS_F_CAP_ADMIN);
	assert_true(bt.flags & BADNESS_F_CAP_ADMIN);	/* root */
	assert_false(bt.flags & BADNESS_F_NO_MM);
	free(t);

	static const char zombie[] = "Name:\tdead\nState:\tZ (zombie)\n"
	    "Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n";
	memset(&bt, 0, sizeof bt);
	assert_int_equal(procs_parse_badness(zombie, sizeof zombie - 1, 4, &bt), 0);
	assert_true(bt.flags & BADNESS_F_NO_MM);
	assert_false(bt.flags & BADNESS_F_CAP_ADMIN);
	assert_true(bt.rss_anon == BADNESS_NA);
	assert_int_equal(bt.uid, 1000);

	static const char old[] = "Name:\tjava\nVmRSS:\t  40960 kB\n"
	    "VmPTE:\t     96 kB\nVmPMD:\t     12 kB\nVmSwap:\t   4096 kB\n";
	memset(&bt, 0, sizeof bt);
	assert_int_equal(procs_parse_badness(old, sizeof old - 1, 4, &bt), 0);
	assert_int_equal(bt.rss_anon, 10240);	/* the sum, before 4.5 */
	assert_int_equal(bt.rss_file + bt.rss_shmem, 0);
	assert_int_equal(bt.pgtables_bytes, 108 * 1024);
	assert_int_equal(bt.swapents, 1024);
	assert_false(bt.flags & BADNESS_F_VICTIM);
	/* SIGKILL pending (bit 8): being killed */
	static const char dying[] = "Name:\thog\nSigPnd:\t0000000000000000\n"
	    "ShdPnd:\t0000000000000100\nVmRSS:\t  4096 kB\n";
	memset(&bt, 0, sizeof bt);
	assert_int_equal(procs_parse_badness(dying, sizeof dying - 1, 4, &bt), 0);
	assert_true(bt.flags & bt.known & BADNESS_F_VICTIM);
	assert_int_equal(procs_parse_badness("State:\tR\n", 9, 4, &bt), -1);
}

/* ---------------------------------------------------------------- */
/* hp2 (issue #16): the listing and the rows' details of a live
 * /proc, in a pid namespace of its own where every pid is placed
 * (ns_last_pid) and loadavg's last pid is what the test writes (a
 * file bind-mounted over it) */

#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>

/* A made-up root for a test (removed by cg2_teardown) holding the
 * capture's meminfo. */
static void
made_root(char *root, size_t len, const char *name)
{
	mkroot(root, len, name);
	snprintf(cg2dir, sizeof cg2dir, "%s", root);
	copy_cap(root, "meminfo");
}

/* The directories sub[0..n) made below dir, in that order. */
static void
made_dirs(const char *dir, const char *const *sub, size_t n)
{
	char p[600];

	for (size_t i = 0; i < n; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, sub[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}
}

/* A made-up task of made_root's root (mkproc's arguments). */
struct made_task {
	int pid, score;
	int64_t anon_kb;
	uint64_t start;
};

/* made_root with tasks t[0..n) and a sampler on it told 6.18 (*pf to
 * close after it: made_close). */
static struct procs *
made_open(char *root, size_t len, const char *name, const struct made_task *t,
    int n, struct procfs **pf)
{
	made_root(root, len, name);
	for (int i = 0; i < n; i++)
		mkproc(root, t[i].pid, t[i].score, t[i].anon_kb, t[i].start, 0);
	cap_kernel = "6.18.44";
	return open_root(root, pf);
}

/* made_open with eight tasks base .. base + 7 (score, anon_kb, started
 * at their pid), the first 8 of the ranking where they outrank last,
 * and last. */
static struct procs *
made_eight(char *root, size_t len, const char *name, int base, int score,
    int64_t anon_kb, struct made_task last, struct procfs **pf)
{
	struct made_task t[9];

	for (int i = 0; i < 8; i++)
		t[i] = (struct made_task){ base + i, score, anon_kb,
		    (uint64_t)(base + i) };
	t[8] = last;
	return made_open(root, len, name, t, 9, pf);
}

static void
made_close(struct procs *pr, struct procfs *pf)
{
	procs_close(pr);
	procfs_close(pf);
	cap_kernel = NULL;
}

/* What the namespace's init reports: why it could not run, or the
 * first check that failed (its line) and how many ran. */
struct ns_result {
	char skip[128];
	int line;
	char what[160];
	int checks;
};

static struct ns_result *ns_r;

#define NS_CHECK(c) do {						\
	ns_r->checks++;							\
	if (!(c) && ns_r->line == 0) {					\
		ns_r->line = __LINE__;					\
		snprintf(ns_r->what, sizeof ns_r->what, "%s", #c);	\
	}								\
} while (0)

/* The file mounted over the namespace's /proc/loadavg. */
static char ns_load[64];

/* loadavg says last was the last pid handed out; -1: unreadable, a
 * last pid 9 with a tail (what was read up to the tail is not taken
 * for it) */
static void
ns_last(int64_t last)
{
	FILE *f = fopen(ns_load, "w");

	if (f == NULL)
		return;
	if (last >= 0)
		fprintf(f, "0.00 0.01 0.05 1/9 %lld\n", (long long)last);
	else
		fputs("0.00 0.01 0.05 1/9 9x\n", f);
	fclose(f);
}

static bool
ns_last_pid(int pid)
{
	char b[16];
	int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY), n;
	bool ok;

	if (fd < 0)
		return false;
	n = snprintf(b, sizeof b, "%d", pid);
	ok = write(fd, b, (size_t)n) == n;
	close(fd);
	return ok;
}

/* A sleeping task of pid pid in the namespace (0 when it got another). */
static pid_t
ns_spawn(int pid)
{
	if (!ns_last_pid(pid - 1))
		return 0;
	pid_t kid = fork();
	if (kid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			pause();
	}
	return kid == pid ? kid : 0;
}

static void
ns_kill(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* One sample of the namespace's /proc into s (free it after). */
static bool
ns_sample(struct procs *pr, struct zt_snapshot *s, const struct sampler_opts *o)
{
	char why[ZT_WHY_LEN];
	size_t len;
	char *mi = fixture(CAP "/meminfo", &len);

	snapshot_init(s);
	s->page_kb = 4;
	bool ok = meminfo_parse(mi, len, &s->meminfo, why, sizeof why) == 0 &&
	    procs_sample(pr, s, o) == 0;
	free(mi);
	return ok;
}

/* The namespace's init: its own /proc with loadavg replaced, then fn. */
static void
ns_init(void (*fn)(void))
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    NULL) < 0 || mount(ns_load, "/proc/loadavg", NULL, MS_BIND,
	    NULL) < 0) {
		snprintf(ns_r->skip, sizeof ns_r->skip, "mount: %s",
		    strerror(errno));
		return;
	}
	if (!ns_last_pid(1)) {
		snprintf(ns_r->skip, sizeof ns_r->skip, "ns_last_pid: %s",
		    strerror(errno));
		return;
	}
	fn();
}

/* What a namespace's child reported (r): skipped, a failed check, or
 * at least one check that passed. */
static void
ns_verdict(const struct ns_result *r)
{
	if (r->skip[0] != '\0') {
		printf("# skipped: %s\n", r->skip);
		skip();
	}
	if (r->line != 0)
		fail_msg("line %d: %s", r->line, r->what);
	assert_true(r->checks > 0);
}

/* fn run as pid 1 of a new pid namespace (skipped without root or the
 * namespaces); its checks must pass. */
static void
ns_run(void (*fn)(void))
{
	struct ns_result r;
	int pfd[2];
	ssize_t n = 0;

	if (geteuid() != 0) {
		printf("# skipped: needs root (pid namespace, ns_last_pid)\n");
		skip();
	}
	snprintf(ns_load, sizeof ns_load, "/tmp/zt-nsload-XXXXXX");
	int lfd = mkstemp(ns_load);
	assert_true(lfd >= 0);
	close(lfd);
	assert_int_equal(pipe(pfd), 0);
	pid_t c = fork();
	assert_true(c >= 0);
	if (c == 0) {
		/* a child of its own: unshare makes every later child of
		 * the caller a member of the namespace */
		memset(&r, 0, sizeof r);
		ns_r = &r;
		close(pfd[0]);
		alarm(60);
		if (unshare(CLONE_NEWPID | CLONE_NEWNS) < 0) {
			snprintf(r.skip, sizeof r.skip, "unshare: %s",
			    strerror(errno));
		} else {
			pid_t init = fork();
			if (init == 0) {
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				ns_init(fn);
				(void)!write(pfd[1], &r, sizeof r);
				_exit(0);
			}
			if (init > 0)
				waitpid(init, NULL, 0);
			_exit(0);
		}
		(void)!write(pfd[1], &r, sizeof r);
		_exit(0);
	}
	close(pfd[1]);
	struct pollfd pl = { .fd = pfd[0], .events = POLLIN };
	if (poll(&pl, 1, 70000) == 1)
		n = read(pfd[0], &r, sizeof r);
	close(pfd[0]);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	unlink(ns_load);
	if (n != (ssize_t)sizeof r)
		fail_msg("no result from the namespace (read %zd)", n);
	ns_verdict(&r);
}

/* Which of the pids want[] the rows of s hold: a bit each. */
static unsigned
ns_rows(const struct zt_snapshot *s, const int *want, int n)
{
	unsigned bits = 0;

	for (int i = 0; i < n; i++)
		if (row_of(s, want[i]) != NULL)
			bits |= 1u << i;
	return bits;
}

/* The listing (list_from): in full at the first refresh; then from
 * loadavg's last pid at the last listing on (pid 5, made below it, is
 * not seen, nor after a listing that found no new pid), none while
 * that stands still (12 waits), a task that exited gone at its read;
 * in full LIST_EVERY (16) refreshes after the last full one, when the
 * number went down (a wrap), when loadavg cannot be read, and at the
 * next refresh after that (the next in full LIST_EVERY after that
 * one). */
static void
ns_listing(void)
{
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	/* bit 0 pid 1 (this init), then 10, 11, 5, 12, 6, 8, 4, 3 */
	static const int pids[] = { 1, 10, 11, 5, 12, 6, 8, 4, 3 };
	enum { P1 = 1, P10 = 2, P11 = 4, P5 = 8, P12 = 16, P6 = 32, P8 = 64,
		P4 = 128, P3 = 256 };
	const int np = (int)(sizeof pids / sizeof pids[0]);
	struct procfs *pf = procfs_open("/proc", why, sizeof why);

	NS_CHECK(pf != NULL && procfs_live(pf));
	if (pf == NULL)
		return;
	struct procs *pr = procs_open(pf);

	NS_CHECK(ns_spawn(10) == 10);
	ns_last(10);
	NS_CHECK(ns_sample(pr, &s, &o));	/* gen 1: in full */
	NS_CHECK(ns_rows(&s, pids, np) == (P1 | P10));
	snapshot_free(&s);

	NS_CHECK(ns_spawn(5) == 5);
	NS_CHECK(ns_spawn(11) == 11);
	ns_last(11);
	NS_CHECK(ns_sample(pr, &s, &o));	/* 2: from 11 */
	NS_CHECK(ns_rows(&s, pids, np) == (P1 | P10 | P11));
	snapshot_free(&s);

	NS_CHECK(ns_spawn(12) == 12);		/* loadavg still says 11 */
	NS_CHECK(ns_sample(pr, &s, &o));	/* 3: none */
	NS_CHECK(ns_rows(&s, pids, np) == (P1 | P10 | P11));
	snapshot_free(&s);

	ns_kill(10);
	ns_last(12);
	for (int gen = 4; gen <= 16; gen++) {	/* from 12, then none */
		/* listings that find no pid (13, 14 never made) */
		if (gen == 5 || gen == 7)
			ns_last(gen == 5 ? 13 : 14);
		NS_CHECK(ns_sample(pr, &s, &o));
		NS_CHECK(ns_rows(&s, pids, np) == (P1 | P11 | P12));
		snapshot_free(&s);
	}
	NS_CHECK(ns_sample(pr, &s, &o));	/* 17: in full */
	NS_CHECK(ns_rows(&s, pids, np) == (P1 | P11 | P12 | P5));
	snapshot_free(&s);

	NS_CHECK(ns_spawn(6) == 6);
	ns_last(9);				/* below 12: a wrap */
	NS_CHECK(ns_sample(pr, &s, &o));	/* 18: in full */
	NS_CHECK(ns_rows(&s, pids, np) == (P1 | P11 | P12 | P5 | P6));
	snapshot_free(&s);

	NS_CHECK(ns_spawn(8) == 8);
	ns_last(-1);			/* unreadable: "9x" after 9 */
	NS_CHECK(ns_sample(pr, &s, &o));	/* 19: in full */
	NS_CHECK(ns_rows(&s, pids, np) == (P1 | P11 | P12 | P5 | P6 | P8));
	snapshot_free(&s);

	NS_CHECK(ns_spawn(4) == 4);
	ns_last(9);		/* as before the unreadable one */
	NS_CHECK(ns_sample(pr, &s, &o));	/* 20: in full */
	NS_CHECK(ns_rows(&s, pids, np) ==
	    (P1 | P11 | P12 | P5 | P6 | P8 | P4));
	snapshot_free(&s);

	/* the next in full LIST_EVERY after that one */
	NS_CHECK(ns_spawn(3) == 3);
	for (int gen = 21; gen <= 36; gen++) {
		NS_CHECK(ns_sample(pr, &s, &o));
		NS_CHECK(ns_rows(&s, pids, np) == (P1 | P11 | P12 | P5 | P6 |
		    P8 | P4 | (gen == 36 ? P3 : 0)));
		snapshot_free(&s);
	}

	procs_close(pr);
	procfs_close(pf);
}

static void
test_live_ns_listing(void **state)
{
	(void)state;
	ns_run(ns_listing);
}

/* A made-up root's names and adj (entry_pid, pid_adj): pids 9 and 90
 * are listed, and 2000000000 (ten digits that an int holds); names
 * past INT_MAX's first nine digits are no pids (none wraps), an adj out of -1000..1000 or unparsable is none (the
 * row's, and no points); a capture's loadavg is not this machine's
 * (its pid namespace is another): listed in full each refresh, so a
 * task made after the first shows at the second. */
static void
test_sample_names_adj(void **state)
{
	(void)state;
	static char root[64];
	char rel[64], p[600];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	static const char *const junk[] = { "2147483647", "2147483648",
		"4294967306", "99999999999", "2147483639x" };
	static const struct { int pid; const char *adj; int64_t want; } adj[] = {
		{ 9, "1000\n", 1000 }, { 90, "-1000\n", -1000 },
		{ 91, "1001\n", ZT_NA }, { 92, "-1001\n", ZT_NA },
		{ 93, "5x\n", ZT_NA }, { 94, "", ZT_NA }, { 95, "-999\n", -999 },
		{ 96, "999\n", 999 },
	};
	const int nadj = (int)(sizeof adj / sizeof adj[0]);

	made_root(root, sizeof root, "names");
	put(root, "loadavg", "0.00 0.01 0.05 1/99 96\n");
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", root, junk[i]);
		assert_int_equal(mkdir(p, 0755), 0);
		snprintf(rel, sizeof rel, "%s/oom_score", junk[i]);
		put(root, rel, "900\n");
		snprintf(rel, sizeof rel, "%s/stat", junk[i]);
		put(root, rel, "10 (j) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
		    "5 0 0\n");
	}
	for (int i = 0; i < nadj; i++) {
		mkproc(root, adj[i].pid, 700, 4000, 100 + (uint64_t)i, 0);
		snprintf(rel, sizeof rel, "%d/oom_score_adj", adj[i].pid);
		put(root, rel, adj[i].adj);
	}
	mkproc(root, 2000000000, 700, 4000, 99, 0);
	cap_kernel = "6.18.44";
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, nadj + 1);
	assert_int_equal(s.nprocs, nadj + 1);
	assert_non_null(row_of(&s, 2000000000));
	for (int i = 0; i < nadj; i++) {
		const struct zt_proc *r = row_of(&s, adj[i].pid);
		assert_non_null(r);
		assert_int_equal(r->oom_score_adj, adj[i].want);
		/* none without adj, none for -1000 (never chosen) */
		if (adj[i].want == ZT_NA || adj[i].want == -1000)
			assert_int_equal(r->points, ZT_NA);
		else
			assert_true(r->points != ZT_NA);
	}
	snapshot_free(&s);

	mkproc(root, 97, 700, 4000, 200, 0);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, nadj + 2);
	assert_non_null(row_of(&s, 97));
	snapshot_free(&s);
	made_close(pr, pf);
}

/* Names that only look like a pid ("01", "1x", "self": no pid, whatever
 * they hold) leave pid 1 alone: its directory unchanged, its figures
 * stay cached while its score stands still (ranked 9th, not hot), even
 * with a stat that cannot be read (no start time to tell a rebuilt
 * directory of the same task by). */
static void
test_sample_alias(void **state)
{
	(void)state;
	static char root[64];
	char p[600];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	made_root(root, sizeof root, "alias");
	mkproc(root, 1, 666, 400, 1, 0);
	unreadable(root, "1/stat");
	for (int pid = 100; pid < 108; pid++)
		mkproc(root, pid, 666, 4000, 10 + (uint64_t)pid, 0);
	static const char *const junk[] = { "01", "1x", "self" };
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", root, junk[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}
	cap_kernel = "6.18.44";
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 9);
	assert_int_equal(s.procs[8].pid, 1);
	assert_int_equal(s.procs[8].rss_kb, 400);
	snapshot_free(&s);
	put_status(root, 1, 800);
	sample_once(pr, &s, &o);	/* gen 2: not pid 1's turn */
	assert_int_equal(s.nprocs_total, 9);
	assert_int_equal(s.procs[8].pid, 1);
	assert_int_equal(s.procs[8].rss_kb, 400);
	snapshot_free(&s);
	made_close(pr, pf);
}

/* A sleeper of the namespace under uid uid, named "s" (a name of one
 * letter), ready when it says so (a byte on done); then, told so (a
 * byte on go), it renames itself "renamed", touches a new MiB (its
 * statm moves) and says so again. */
static pid_t
ns_sleeper(int go, int done, uid_t uid)
{
	pid_t kid = fork();

	if (kid == 0) {
		char c = 'r';
		if (uid != 0 && setresuid(uid, uid, uid) != 0)
			_exit(1);
		prctl(PR_SET_NAME, "s");
		(void)!write(done, &c, 1);
		if (read(go, &c, 1) == 1) {
			prctl(PR_SET_NAME, "renamed");
			char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m != MAP_FAILED)
				memset(m, 1, 1 << 20);
			(void)!write(done, &c, 1);
		}
		for (;;)
			pause();
	}
	return kid;
}

/* The rows' details on a live /proc (the detail cache, procs.c's own
 * reads): this init (root) and 70 sleepers under uid 54321 (no passwd
 * entry: named by its number), all rows asked for.  The first refresh
 * reads every row in full: its name, state, user, start time, command
 * line.  Then every sleeper renames itself
 * and grows: at the second refresh the first DETAIL_TOP (64) rows read
 * PID/status again (their statm moved), the rows below take what the
 * exact pass read of it (row_src), which is its cached figures where
 * the score stood still and it was not the task's turn (EXACT_EVERY),
 * so they keep the old name; rows shown (a count) read it all anew.
 * A status the exact pass cannot parse leaves that row to the cache. */
static void
ns_details(void)
{
	enum { N = 70 };
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
		.own_details = true };
	struct zt_snapshot s, s1;
	char why[ZT_WHY_LEN], comm[16] = "";
	pid_t kids[N];
	int go[2], done[2];

	int fd = open("/proc/self/comm", O_RDONLY);
	ssize_t cn = fd >= 0 ? read(fd, comm, sizeof comm - 1) : -1;
	if (fd >= 0)
		close(fd);
	NS_CHECK(cn > 1);
	if (cn > 1)
		comm[cn - 1] = '\0';
	NS_CHECK(pipe(go) == 0 && pipe(done) == 0);
	for (int i = 0; i < N; i++)
		kids[i] = ns_sleeper(go[0], done[1], 54321);
	char b[N];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = read(done[0], b + got, sizeof b - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	NS_CHECK(got == sizeof b);
	ns_last(kids[N - 1]);
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	NS_CHECK(pf != NULL && procfs_live(pf));
	if (pf == NULL)
		return;
	struct procs *pr = procs_open(pf);

	NS_CHECK(ns_sample(pr, &s1, &o));
	NS_CHECK(s1.nprocs == N + 1);
	for (int i = 0; i < s1.nprocs; i++) {
		const struct zt_proc *r = &s1.procs[i];
		bool kid = r->pid != 1;
		int64_t uid = kid ? 54321 : 0;
		NS_CHECK(r->rank == i + 1);
		NS_CHECK(strcmp(r->comm, kid ? "s" : comm) == 0);
		NS_CHECK(r->state == 'S' || r->state == 'R');
		NS_CHECK(r->uid == uid);
		NS_CHECK(strcmp(r->user, kid ? "54321" : "root") == 0);
		NS_CHECK(r->user[0] != '\0');
		NS_CHECK(r->start_time > 0);
		NS_CHECK(r->cmdline != NULL && r->cmdline[0] != '\0');
		NS_CHECK(r->cgroup != NULL);
		NS_CHECK(r->oom_score_adj == 0);
	}

	memset(b, 'g', sizeof b);
	NS_CHECK(write(go[1], b, sizeof b) == (ssize_t)sizeof b);
	got = 0;
	while (got < sizeof b) {
		ssize_t n = read(done[0], b + got, sizeof b - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	NS_CHECK(got == sizeof b);

	o.own_details = false;
	NS_CHECK(ns_sample(pr, &s, &o));	/* gen 2 */
	NS_CHECK(s.nprocs == N + 1);
	int below = 0, kept = 0;
	for (int i = 0; i < s.nprocs; i++) {
		const struct zt_proc *r = &s.procs[i], *was = row_of(&s1, r->pid);
		NS_CHECK(was != NULL);
		if (was == NULL)
			continue;
		bool old = r->pid == 1 || (r->rank > 64 &&
		    r->oom_score == was->oom_score && (2 + r->pid) % 32 != 0);
		below += r->rank > 64;
		kept += r->pid != 1 && old;
		NS_CHECK(strcmp(r->comm, r->pid == 1 ? comm :
		    old ? "s" : "renamed") == 0);
		/* (a sleeper may not be back in pause() yet) */
		NS_CHECK(r->state == 'S' || r->state == 'R');
		NS_CHECK(r->uid == was->uid);
		NS_CHECK(strcmp(r->user, was->user) == 0);
		NS_CHECK(r->start_time == was->start_time);
		NS_CHECK(r->cmdline != NULL &&
		    strcmp(r->cmdline, was->cmdline) == 0);
	}
	NS_CHECK(below == N + 1 - 64);
	NS_CHECK(kept > 0);
	snapshot_free(&s);

	o.detail_rows = N + 1;			/* shown: read anew */
	NS_CHECK(ns_sample(pr, &s, &o));
	NS_CHECK(s.nprocs == N + 1);
	for (int i = 0; i < s.nprocs; i++)
		NS_CHECK(strcmp(s.procs[i].comm,
		    s.procs[i].pid == 1 ? comm : "renamed") == 0);
	snapshot_free(&s);

	/* a status that reads empty (a file mounted over it), read at the
	 * task's turn (pid 28, refresh 4): no figures, ranked last, below
	 * DETAIL_TOP; its row is the cache's (adj read through it), not
	 * what the exact pass read of it before */
	char empty[64] = "/tmp/zt-nsempty-XXXXXX", st[64];
	int efd = mkstemp(empty);
	NS_CHECK(efd >= 0);
	if (efd >= 0)
		close(efd);
	snprintf(st, sizeof st, "/proc/%d/status", 28);
	NS_CHECK(mount(empty, st, NULL, MS_BIND, NULL) == 0);
	o.detail_rows = -1;
	NS_CHECK(ns_sample(pr, &s, &o));
	const struct zt_proc *r0 = row_of(&s, 28);
	NS_CHECK(r0 != NULL && r0->rank == N + 1 && r0->points == ZT_NA &&
	    r0->oom_score_adj == 0);
	snapshot_free(&s);
	umount(st);
	unlink(empty);
	snapshot_free(&s1);
	procs_close(pr);
	procfs_close(pf);
}

static void
test_live_ns_details(void **state)
{
	(void)state;
	ns_run(ns_details);
}

/* A proc root that cannot be listed fails the sample, saying why (no
 * fd was left for the listing's own: procs_open's dup); one removed
 * under the sampler lists nothing. */
static void
test_sample_unlisted(void **state)
{
	(void)state;
	static char root[64];
	char want[128];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;
	struct rlimit was, low;

	mkroot(root, sizeof root, "unlisted");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	mkproc(root, 100, 666, 400, 10, 0);
	char why[ZT_WHY_LEN];
	pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	close(fd);
	low = was;
	low.rlim_cur = (rlim_t)fd;		/* no fd left */
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	struct procs *pr = procs_open(pf);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
	assert_non_null(pr);
	snap_meminfo(&s);
	assert_int_equal(procs_sample(pr, &s, &o), -1);
	assert_false(s.status[ZT_SRC_PROCS].ok);
	snprintf(want, sizeof want, "cannot list %s", root);
	assert_string_equal(s.status[ZT_SRC_PROCS].why, want);
	snapshot_free(&s);
	procs_close(pr);

	pr = procs_open(pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 1);
	snapshot_free(&s);
	/* removed: getdents answers ENOENT, which glibc's readdir takes
	 * for the end; nothing is listed */
	rm_under(root, "");
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 0);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* The exact pass's flags (exact_read): on 5.9+ a task scoring 0 above
 * adj -998 is one the kernel skips (reaped, vforking: no points), at
 * -998 and below it is only small; a task flagged a kernel thread in
 * its stat has none whatever it scores; on 5.4 the global init (pid 1
 * scoring 0) has none, a container's (scoring, even 1) has. */
static void
test_sample_exact_flags(void **state)
{
	(void)state;
	static char root[64];
	char rel[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	made_root(root, sizeof root, "flags");
	static const struct { int pid; const char *adj; bool pts; } z[] = {
		{ 200, "-997\n", false }, { 201, "-998\n", true },
		{ 202, "-999\n", true },
	};
	for (int i = 0; i < 3; i++) {
		mkproc(root, z[i].pid, 0, 400, 50 + (uint64_t)i, 0);
		snprintf(rel, sizeof rel, "%d/oom_score_adj", z[i].pid);
		put(root, rel, z[i].adj);
	}
	mkproc(root, 203, 900, 400000, 60, PF_KTHREAD_FLAG);
	mkproc(root, 204, 700, 4000, 61, 0);
	mkproc(root, 1, 0, 40000, 1, 0);
	cap_kernel = "6.18.44";
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	for (int i = 0; i < 3; i++) {
		const struct zt_proc *r = row_of(&s, z[i].pid);
		assert_non_null(r);
		assert_int_equal(r->points != ZT_NA, z[i].pts);
	}
	assert_int_equal(row_of(&s, 203)->points, ZT_NA);
	assert_int_equal(s.predicted_victim, 204);
	snapshot_free(&s);
	procs_close(pr);

	cap_kernel = "5.4.0";
	pr = procs_open(pf);
	sample_once(pr, &s, &o);
	assert_int_equal(row_of(&s, 1)->points, ZT_NA);
	assert_int_equal(row_of(&s, 200)->points != ZT_NA, true);
	assert_int_equal(s.predicted_victim, 204);
	snapshot_free(&s);
	put(root, "1/oom_score", "1\n");
	sample_once(pr, &s, &o);
	assert_true(row_of(&s, 1)->points != ZT_NA);
	assert_int_equal(s.predicted_victim, 1);
	snapshot_free(&s);
	made_close(pr, pf);
}

/* Cached figures are at most EXACT_EVERY (32) refreshes old: a task
 * out of the contest (one row shown, its score too low) from the
 * refresh after they were read until 32 refreshes after, with the same
 * score then, is read again (not at its turn), and kept from then on;
 * 30 refreshes after, in the contest for one refresh, it still has
 * them. */
static void
test_sample_exact_age(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	/* 310: (1, 31, 33 or 34 + 310) % 32 is not 0 */
	struct procfs *pf;
	struct procs *pr = made_eight(root, sizeof root, "age", 300, 700, 40000,
	    (struct made_task){ 310, 600, 400, 310 }, &pf);
	sample_once(pr, &s, &o);		/* gen 1: read */
	assert_int_equal(row_of(&s, 310)->rss_kb, 400);
	snapshot_free(&s);
	put_status(root, 310, 800);
	for (int gen = 2; gen <= 32; gen++) {
		/* at 31, 30 refreshes old, in the contest: still cached */
		o.detail_rows = gen == 31 ? -1 : 1;
		sample_once(pr, &s, &o);
		if (gen == 31)
			assert_int_equal(row_of(&s, 310)->rss_kb, 400);
		else
			assert_int_equal(s.ncontenders, 8);
		snapshot_free(&s);
	}
	o.detail_rows = -1;
	sample_once(pr, &s, &o);		/* gen 33 */
	assert_int_equal(row_of(&s, 310)->rss_kb, 800);
	snapshot_free(&s);
	put_status(root, 310, 1200);
	sample_once(pr, &s, &o);		/* 34: cached at 33 */
	assert_int_equal(row_of(&s, 310)->rss_kb, 800);
	snapshot_free(&s);
	made_close(pr, pf);
}

/* More uids than the names kept (256): every row still named by its
 * own (a capture's: the number), the last slot taking the newcomers;
 * uid 0 comes last (a slot's uid left 0 would answer for it). */
static void
test_sample_uids(void **state)
{
	(void)state;
	static char root[64];
	char rel[64], text[256];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	enum { N = 260 };

	mkroot(root, sizeof root, "uids");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	for (int i = 0; i < N; i++) {
		int pid = 2000 + i;
		snprintf(rel, sizeof rel, "%d", pid);
		char p[600];
		snprintf(p, sizeof p, "%s/%s", root, rel);
		assert_int_equal(mkdir(p, 0755), 0);
		snprintf(rel, sizeof rel, "%d/oom_score", pid);
		put(root, rel, "5\n");
		snprintf(rel, sizeof rel, "%d/status", pid);
		int uid = N - 1 - i;	/* 0 last */
		snprintf(text, sizeof text, "Name:\tu%d\nState:\tS (sleeping)\n"
		    "Uid:\t%d\t%d\t%d\t%d\n", i, uid, uid, uid, uid);
		put(root, rel, text);
	}
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	for (int round = 0; round < 2; round++) {
		sample_once(pr, &s, &o);
		assert_int_equal(s.nprocs, N);
		for (int i = 0; i < N; i++) {
			const struct zt_proc *r = row_of(&s, 2000 + i);
			assert_non_null(r);
			assert_int_equal(r->uid, N - 1 - i);
			snprintf(text, sizeof text, "%d", N - 1 - i);
			assert_string_equal(r->user, text);
		}
		snapshot_free(&s);
	}
	procs_close(pr);
	procfs_close(pf);
}

/* --cgroup on a cgroup without a limit (none above it either) when the
 * machine's totalpages is unknown (no MemTotal): no ranking inside,
 * its rows have no cgroup points (not 0). */
static void
test_sample_view_na(void **state)
{
	(void)state;
	char *dir = cg2dir, root[512], why[ZT_WHY_LEN];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
		.filter_cgroup = "/free" };

	snprintf(cg2dir, sizeof cg2dir, "/tmp/zt-cgn-XXXXXX");
	assert_non_null(mkdtemp(dir));
	static const char *const sub[] = { "fs", "fs/cgroup", "fs/cgroup/free" };
	made_dirs(dir, sub, sizeof sub / sizeof sub[0]);
	put(dir, "fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
	put(dir, "fs/cgroup/cgroup.procs", "1\n15112\n15113\n15115\n");
	put(dir, "fs/cgroup/free/cgroup.procs", "15114\n15116\n");
	put(dir, "fs/cgroup/free/memory.max", "max\n");
	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, dir, why, sizeof why), 0);
	struct procs *pr = procs_open(pf);
	snapshot_init(&s);
	s.page_kb = 4;
	snprintf(s.kernel, sizeof s.kernel, "6.18.44");
	assert_int_equal(procs_sample(pr, &s, &o), 0);
	assert_int_equal(s.cgroup.totalpages, ZT_NA);
	assert_int_equal(s.nprocs, 2);
	for (int i = 0; i < s.nprocs; i++) {
		assert_true(s.procs[i].pid == 15114 || s.procs[i].pid == 15116);
		assert_int_equal(s.procs[i].cgroup_points, ZT_NA);
		assert_int_equal(s.procs[i].cgroup_rank, 0);
	}
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* Equal points go by start time (the kernel's task list is in creation
 * order), not by pid: two pairs, each tied, the lower pid started
 * later in one and earlier in the other. */
static void
test_sample_exact_ties(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	static const struct made_task t[] = { { 500, 700, 8000, 900 },
		{ 501, 700, 8000, 100 }, { 600, 700, 4000, 100 },
		{ 601, 700, 4000, 900 } };
	struct procfs *pf;
	struct procs *pr = made_open(root, sizeof root, "ties", t, 4, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 4);
	assert_int_equal(s.procs[0].points, s.procs[1].points);
	assert_int_equal(s.procs[2].points, s.procs[3].points);
	assert_int_equal(s.procs[0].start_time, s.procs[2].start_time);
	assert_true(s.procs[0].start_time != s.procs[1].start_time);
	assert_int_equal(s.predicted_victim, s.procs[0].pid);
	snapshot_free(&s);
	made_close(pr, pf);
}

/* Figures that could not be read again are not served from the cache
 * after: the top task (hot, so read every refresh) whose status turns
 * unreadable has no points then, nor at the next refresh, where it is
 * 9th, not hot, its score what it was when its figures were cached. */
static void
test_sample_exact_lost(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	/* 710: (2 or 3 + 710) % 32 is not 0 */
	struct procfs *pf;
	struct procs *pr = made_eight(root, sizeof root, "lost", 700, 666, 4000,
	    (struct made_task){ 710, 666, 40000, 710 }, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.procs[0].pid, 710);
	assert_true(s.procs[0].points != ZT_NA);
	snapshot_free(&s);
	unreadable(root, "710/status");
	for (int gen = 2; gen <= 3; gen++) {
		sample_once(pr, &s, &o);
		assert_int_equal(s.procs[8].pid, 710);
		assert_int_equal(s.procs[8].points, ZT_NA);
		snapshot_free(&s);
	}
	made_close(pr, pf);
}

/* A status that cannot be opened is not what the buffer last held:
 * 800's status is read, its adj is missing (no points: the buffer
 * still holds that status), then 801's status is missing: no points
 * either, and the victim is 802, the one task with points. */
static void
test_sample_exact_stale(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	static const struct made_task t[] = { { 800, 900, 40000, 10 },
		{ 801, 800, 400, 11 }, { 802, 100, 4000, 12 } };
	struct procfs *pf;
	struct procs *pr = made_open(root, sizeof root, "stale", t, 3, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.predicted_victim, 800);
	snapshot_free(&s);
	rm_under(root, "800/oom_score_adj");
	rm_under(root, "801/status");
	sample_once(pr, &s, &o);
	assert_int_equal(s.predicted_victim, 802);
	snapshot_free(&s);
	made_close(pr, pf);
}

/* Each limited cgroup ranks its own subtree only, not the cgroup made
 * after it: two siblings, x then y (kernfs numbers, and the tree
 * orders, children by creation), y's task the bigger. */
static void
test_sample_scope_siblings(void **state)
{
	(void)state;
	char *dir = cg2dir;
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	mkroot(cg2dir, sizeof cg2dir, "sib");
	static const char *const sub[] = { "fs", "fs/cgroup", "fs/cgroup/x",
		"fs/cgroup/y" };
	made_dirs(dir, sub, sizeof sub / sizeof sub[0]);
	put(dir, "fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
	put(dir, "fs/cgroup/cgroup.procs", "1\n15114\n15115\n15116\n");
	put(dir, "fs/cgroup/x/cgroup.procs", "15113\n");
	put(dir, "fs/cgroup/x/memory.max", "67108864\n");
	put(dir, "fs/cgroup/y/cgroup.procs", "15112\n");
	put(dir, "fs/cgroup/y/memory.max", "67108864\n");
	cap_kernel = "6.18.44";
	sample_capture(&s, &o, dir);
	cap_kernel = NULL;
	assert_int_equal(s.ncgroups, 2);
	for (int i = 0; i < 2; i++) {
		bool x = strcmp(s.cgroups[i].path, "/x") == 0;
		assert_int_equal(s.cgroups[i].predicted_victim, x ? 15113 : 15112);
		assert_int_equal(s.cgroups[i].victim_points, x ? 16617 : 20475);
	}
	snapshot_free(&s);
}

/* ---------------------------------------------------------------- */
/* hp4: the task source's reader and scopes (issue #16's mutants)     */

/* root/dirs[0..n) made, in that order. */
static void
hp4_mkdirs(const char *root, const char *const *dirs, size_t n)
{
	char p[600];

	for (size_t i = 0; i < n; i++) {
		snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}
}

/* A made-up proc root (its own sys root), the capture's meminfo in it;
 * the teardown's to remove. */
static void
hp4_root(char *root, size_t len, const char *name)
{
	mkroot(root, len, name);
	snprintf(cg2dir, sizeof cg2dir, "%s", root);
	copy_cap(root, "meminfo");
}

/* A v2 memory hierarchy under root with one cgroup, name: the root's
 * and its cgroup.procs, its memory.max. */
static void
hp4_memcg(const char *root, const char *name, const char *root_procs,
    const char *procs, const char *max)
{
	char dir[64], rel[128];
	const char *dirs[] = { "fs", "fs/cgroup", dir };

	snprintf(dir, sizeof dir, "fs/cgroup/%s", name);
	hp4_mkdirs(root, dirs, 3);
	put(root, "fs/cgroup/cgroup.controllers", "memory\n");
	put(root, "fs/cgroup/cgroup.procs", root_procs);
	snprintf(rel, sizeof rel, "%s/cgroup.procs", dir);
	put(root, rel, procs);
	snprintf(rel, sizeof rel, "%s/memory.max", dir);
	put(root, rel, max);
}

/* Row hints h[0..n): comm prefix and i, sleeping, started at
 * start + i. */
static void
hp4_hints(struct procs_row_hint *h, int n, const char *prefix,
    uint64_t start)
{
	for (int i = 0; i < n; i++) {
		memset(&h[i], 0, sizeof h[i]);
		snprintf(h[i].comm, sizeof h[i].comm, "%s%d", prefix, i);
		h[i].state = 'S';
		h[i].start_time = start + (uint64_t)i;
	}
}

/* procs_read_task into *t and *h, both filled with garbage first: its
 * return. */
static int
read_task_dirty(struct procs *pr, int pid, struct badness_task *t,
    struct procs_row_hint *h)
{
	memset(t, 0xa5, sizeof *t);
	memset(h, 0xa5, sizeof *h);
	return procs_read_task(pr, pid, 4, t, h);
}

/* procs_read_task (pid 1 for a BPF source that does not list it): the
 * row hint from stat (comm cut to 15 bytes, NUL-padded), the badness
 * inputs from status and oom_score_adj (either missing or out of
 * range: no counters), the global init flagged only for pid 1 whose
 * oom_score reads 0 or less; no stat, or one that does not parse: -1. */
static void
test_hp4_read_task(void **state)
{
	(void)state;
	static char root[64];
	struct badness_task t;
	struct procs_row_hint h;
	struct procfs *pf;

	hp4_root(root, sizeof root, "readtask");
	mkproc(root, 1, 0, 4000, 77, 0);
	mkproc(root, 2, 0, 800, 3, PF_KTHREAD_FLAG);
	mkproc(root, 5, 0, 400, 90, 0);
	put(root, "5/stat", "5 (abcdefghijklmnopqrst) R 1 1 1 0 -1 0 0 0 0 0 0 "
	    "0 0 0 20 0 1 0 91 0 0\n");
	put(root, "5/oom_score_adj", "300\n");
	mkproc(root, 6, 0, 400, 92, 0);
	struct procs *pr = open_root(root, &pf);

	assert_int_equal(read_task_dirty(pr, 1, &t, &h), 0);
	static const char c1[16] = "t1";
	assert_memory_equal(h.comm, c1, sizeof c1);
	assert_int_equal(h.state, 'S');
	assert_int_equal(h.start_time, 77);
	assert_int_equal(t.tgid, 1);
	assert_int_equal(t.uid, 1000);
	assert_int_equal(t.start_time, 0);
	assert_int_equal(t.counts, BADNESS_COUNTS_SUM);
	assert_int_equal(t.known & (BADNESS_F_KTHREAD | BADNESS_F_INIT),
	    BADNESS_F_KTHREAD | BADNESS_F_INIT);
	assert_int_equal(t.flags, BADNESS_F_INIT);	/* scores 0 */
	assert_int_equal(t.rss_anon, 1000);
	assert_int_equal(t.rss_file, 0);
	assert_int_equal(t.swapents, 0);
	assert_int_equal(t.pgtables_bytes, 4096);
	assert_int_equal(t.oom_score_adj, 0);
	assert_int_equal(t.memcg_id, 0);
	assert_int_equal(t.memcg_seq, 0);
	assert_int_equal(t.scan_seq, 0);
	/* a container's pid 1 scores: not the global init */
	put(root, "1/oom_score", "1\n");
	assert_int_equal(read_task_dirty(pr, 1, &t, &h), 0);
	assert_int_equal(t.flags, 0);
	put(root, "1/oom_score", "-2\n");
	assert_int_equal(read_task_dirty(pr, 1, &t, &h), 0);
	assert_int_equal(t.flags, BADNESS_F_INIT);
	put(root, "1/oom_score", "x\n");		/* unreadable: not told */
	assert_int_equal(read_task_dirty(pr, 1, &t, &h), 0);
	assert_int_equal(t.flags, 0);
	rm_under(root, "1/oom_score");
	assert_int_equal(read_task_dirty(pr, 1, &t, &h), 0);
	assert_int_equal(t.flags, 0);

	/* a kernel thread, scoring 0 but not pid 1 */
	assert_int_equal(read_task_dirty(pr, 2, &t, &h), 0);
	assert_int_equal(t.tgid, 2);
	assert_int_equal(t.flags, BADNESS_F_KTHREAD);
	assert_int_equal(t.rss_anon, 200);

	/* a comm of 20 bytes (a made-up stat): 15 kept, then NUL; the
	 * adj read */
	assert_int_equal(read_task_dirty(pr, 5, &t, &h), 0);
	static const char c5[16] = "abcdefghijklmno";
	assert_memory_equal(h.comm, c5, sizeof c5);
	assert_int_equal(h.state, 'R');
	assert_int_equal(h.start_time, 91);
	assert_int_equal(t.flags, 0);
	assert_int_equal(t.oom_score_adj, 300);
	assert_int_equal(t.rss_anon, 100);

	/* no status, or one without Name: no counters, the uid unknown */
	rm_under(root, "6/status");
	assert_int_equal(read_task_dirty(pr, 6, &t, &h), 0);
	assert_true(t.rss_anon == BADNESS_NA);
	assert_true(t.uid == BADNESS_NA);
	assert_int_equal(t.flags, 0);
	put(root, "6/status", "State:\tR\nVmRSS:\t400 kB\n");
	assert_int_equal(read_task_dirty(pr, 6, &t, &h), 0);
	assert_true(t.rss_anon == BADNESS_NA);
	/* adj missing or out of range: no counters either */
	put_status(root, 6, 400);
	put(root, "6/oom_score_adj", "1001\n");
	assert_int_equal(read_task_dirty(pr, 6, &t, &h), 0);
	assert_true(t.rss_anon == BADNESS_NA);
	assert_int_equal(t.oom_score_adj, 0);
	rm_under(root, "6/oom_score_adj");
	assert_int_equal(read_task_dirty(pr, 6, &t, &h), 0);
	assert_true(t.rss_anon == BADNESS_NA);
	put(root, "6/oom_score_adj", "-5\n");
	assert_int_equal(read_task_dirty(pr, 6, &t, &h), 0);
	assert_int_equal(t.rss_anon, 100);
	assert_int_equal(t.oom_score_adj, -5);

	/* no stat, a stat that does not parse, no such pid: -1 */
	put(root, "6/stat", "6 t6 S\n");
	assert_int_equal(read_task_dirty(pr, 6, &t, &h), -1);
	rm_under(root, "6/stat");
	assert_int_equal(read_task_dirty(pr, 6, &t, &h), -1);
	assert_int_equal(read_task_dirty(pr, 7, &t, &h), -1);
	procs_close(pr);
	procfs_close(pf);
}

/* The task source on a v2 tree with memory and cpuset controllers,
 * written in the kernel's formats under a made-up sys root (see
 * hp4_tree); the NUMA capture's zones (node 0: 2097018 present pages,
 * node 1: 2097152).  a/b is made last, so the tree's order (a, a/b, n0,
 * u) is not its ids' order. */
enum { HP4_A = 40001, HP4_B, HP4_C, HP4_D, HP4_E, HP4_F, HP4_G, HP4_H,
	HP4_I, HP4_N = 9 };

static void
hp4_tree(const char *root)
{
	static const char *dirs[] = { "devices", "devices/system",
	    "devices/system/node", "fs", "fs/cgroup", "fs/cgroup/a",
	    "fs/cgroup/n0", "fs/cgroup/u", "fs/cgroup/a/b" };
	char p[600];

	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}
	put(root, "devices/system/node/online", "0-1\n");
	put(root, "fs/cgroup/cgroup.controllers", "cpuset memory\n");
	put(root, "fs/cgroup/cgroup.procs", "40009\n");
	put(root, "fs/cgroup/cpuset.mems.effective", "0-1\n");
	put(root, "fs/cgroup/a/cgroup.procs", "40002\n40006\n");
	put(root, "fs/cgroup/a/memory.max", "67108864\n");
	put(root, "fs/cgroup/a/memory.current", "1048576\n");
	put(root, "fs/cgroup/a/memory.swap.max", "max\n");
	put(root, "fs/cgroup/a/memory.events",
	    "low 0\nhigh 0\nmax 4\noom 2\noom_kill 1\n");
	put(root, "fs/cgroup/a/cpuset.mems.effective", "1\n");
	put(root, "fs/cgroup/a/b/cgroup.procs", "40003\n");
	put(root, "fs/cgroup/a/b/memory.max", "max\n");
	put(root, "fs/cgroup/a/b/cpuset.mems.effective", "1\n");
	put(root, "fs/cgroup/n0/cgroup.procs", "40001\n40008\n");
	put(root, "fs/cgroup/n0/memory.max", "max\n");
	put(root, "fs/cgroup/n0/cpuset.mems.effective", "0\n");
	put(root, "fs/cgroup/u/cgroup.procs", "40004\n40005\n");
	put(root, "fs/cgroup/u/memory.max", "max\n");
	put(root, "fs/cgroup/u/cpuset.mems.effective", "0-1\n");
}

/* The tasks, I first: I without mm (its counters 0), adj 7 (the root);
 * B 1000 anon + 100 file + 50 shmem + 30 swap + 4 MiB of page tables
 * (1024 pages) = 2204 (a, by its id); C 2204 (a/b, by cgroup.procs),
 * started before B; D adj -1000, rss unknown (u, by id); E 2000 (u: an
 * id no cgroup has, so by cgroup.procs); F adj -1000, swap unknown (a);
 * G a kernel thread; H 100000 (n0, by id); A 300000 pages (n0). */
static void
hp4_tasks(const char *root, struct badness_task *t, struct procs_row_hint *h)
{
	char cg[600];

	snprintf(cg, sizeof cg, "%s/fs/cgroup", root);
	t[8] = src_task(HP4_A, 0, 300000, 0, 1);
	t[1] = src_task(HP4_B, 0, 1000, ino_of(cg, "a"), 20);
	t[1].rss_file = 100;
	t[1].rss_shmem = 50;
	t[1].swapents = 30;
	t[1].pgtables_bytes = 4 << 20;
	t[2] = src_task(HP4_C, 0, 2204, 0, 10);
	t[3] = src_task(HP4_D, -1000, 5000, ino_of(cg, "u"), 30);
	t[3].rss_anon = BADNESS_NA;
	t[4] = src_task(HP4_E, 0, 2000, 999999999, 40);
	t[5] = src_task(HP4_F, -1000, 100, 0, 50);
	t[5].swapents = BADNESS_NA;
	t[6] = src_task(HP4_G, 0, 0, 0, 60);
	t[6].flags |= BADNESS_F_KTHREAD;
	t[7] = src_task(HP4_H, 0, 100000, ino_of(cg, "n0"), 70);
	t[0] = src_task(HP4_I, 7, 0, 0, 80);
	t[0].flags |= BADNESS_F_NO_MM;
	hp4_hints(h, HP4_N, "h", 500);
}

/* A fresh snapshot with the NUMA capture's zones, 6.18. */
static void
hp4_snapshot(struct zt_snapshot *s)
{
	char why[ZT_WHY_LEN];
	size_t len;

	tasks_snapshot(s);
	char *zi = fixture("proc/numa-6.6/zoneinfo", &len);
	assert_int_equal(zoneinfo_parse(zi, len, s, why, sizeof why), 0);
	free(zi);
}

static int
cg_at(const struct zt_snapshot *s, const char *path)
{
	for (int i = 0; i < s->ncgroups; i++)
		if (strcmp(s->cgroups[i].path, path) == 0)
			return i;
	fail_msg("no cgroup %s", path);
	return -1;
}

static const struct zt_cpuset_info *
cs_at(const struct zt_snapshot *s, const char *path)
{
	for (int i = 0; i < s->ncpusets; i++)
		if (strcmp(s->cpusets[i].path, path) == 0)
			return &s->cpusets[i];
	fail_msg("no cpuset %s", path);
	return NULL;
}

/* Every scope of the task source: globally (6171024 pages) A, H, then
 * B and C tied at 2204 (the later started first: B), E; in memory
 * cgroup a (16384 pages) B and C tie too, and a memory cgroup's scan
 * goes cgroup by cgroup (a, then a/b): C is met last and goes first;
 * in the cpusets on node 1 (a and a/b, 2097152 pages) the scan is the
 * task list: B.  The rows carry the figures they were ranked by. */
static void
test_hp4_source_scopes(void **state)
{
	(void)state;
	static char root[64];
	static struct badness_task t[HP4_N];
	static struct procs_row_hint h[HP4_N];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct procfs *pf;

	hp4_root(root, sizeof root, "scopes");
	hp4_tree(root);
	hp4_tasks(root, t, h);
	struct procs *pr = open_root(root, &pf);

	hp4_snapshot(&s);
	snprintf(s.cpusets_why, sizeof s.cpusets_why, "stale");
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	assert_true(s.status[ZT_SRC_PROCS].ok);
	assert_int_equal(s.totalpages, 6171024);
	assert_int_equal(s.nprocs_total, 8);		/* not G */
	assert_int_equal(s.ncontenders, 8);
	assert_int_equal(s.nprocs, 8);
	static const int first[] = { HP4_A, HP4_H, HP4_B, HP4_C, HP4_E };
	static const int64_t pts[] = { 300000, 100000, 2204, 2204, 2000 };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(s.procs[i].pid, first[i]);
		assert_int_equal(s.procs[i].rank, i + 1);
		assert_int_equal(s.procs[i].points, pts[i]);
	}
	assert_int_equal(s.predicted_victim, HP4_A);
	assert_null(row_of(&s, HP4_G));
	assert_false(s.cgroup.have);			/* no --cgroup */
	assert_int_equal(s.cgroup.predicted_victim, 0);

	/* the memory cgroups, each its parent's index */
	assert_int_equal(s.ncgroups, 4);
	int a = cg_at(&s, "/a"), ab = cg_at(&s, "/a/b");
	int n0 = cg_at(&s, "/n0"), u = cg_at(&s, "/u");
	assert_int_equal(s.cgroups[a].parent, -1);
	assert_int_equal(s.cgroups[ab].parent, a);
	assert_int_equal(s.cgroups[n0].parent, -1);
	assert_int_equal(s.cgroups[u].parent, -1);
	assert_int_equal(kvs_get(&s.cgroups[a].events, "oom_kill"), 1);
	assert_int_equal(kvs_get(&s.cgroups[a].events, "oom"), 2);
	assert_int_equal(s.cgroups[a].totalpages, 16384);
	assert_int_equal(s.cgroups[a].predicted_victim, HP4_C);
	assert_int_equal(s.cgroups[a].victim_points, 2204);
	assert_int_equal(s.cgroups[a].victim_gone, 0);
	for (int i = 0; i < 4; i++) {
		if (i == a)
			continue;
		assert_true(s.cgroups[i].totalpages == ZT_NA);
		assert_int_equal(s.cgroups[i].predicted_victim, 0);
	}
	/* the rows: their scope (a's index) and rank there */
	const struct zt_proc *rb = row_of(&s, HP4_B), *rc = row_of(&s, HP4_C);
	const struct zt_proc *rf = row_of(&s, HP4_F), *re = row_of(&s, HP4_E);
	assert_int_equal(rb->cgroup_scope, a);
	assert_int_equal(rb->cgroup_rank, 2);
	assert_int_equal(rb->cgroup_points, 2204);
	assert_int_equal(rc->cgroup_scope, a);
	assert_int_equal(rc->cgroup_rank, 1);
	assert_int_equal(rc->cgroup_points, 2204);
	assert_int_equal(rf->cgroup_scope, a);		/* ineligible there */
	assert_int_equal(rf->cgroup_rank, 0);
	assert_true(rf->cgroup_points == ZT_NA);
	assert_true(rf->points == ZT_NA);
	assert_int_equal(re->cgroup_scope, -1);		/* u: no limit */
	assert_int_equal(re->cgroup_rank, 0);
	assert_true(re->cgroup_points == ZT_NA);
	assert_int_equal(row_of(&s, HP4_A)->cgroup_scope, -1);
	/* B's figures: (1000 + 100 + 50) * 4 kB, 30 * 4 kB, 4 MiB */
	assert_int_equal(rb->rss_kb, 4600);
	assert_int_equal(rb->swap_kb, 120);
	assert_int_equal(rb->pgtables_kb, 4096);
	assert_int_equal(rb->oom_score_adj, 0);
	assert_string_equal(rb->comm, "h1");
	assert_int_equal(row_of(&s, HP4_D)->oom_score_adj, -1000);
	/* I has no mm: no figures, but the source's adj; D's and F's
	 * figures are not all known: none shown */
	const struct zt_proc *ri = row_of(&s, HP4_I);
	assert_int_equal(ri->oom_score_adj, 7);
	assert_true(ri->points == ZT_NA);
	assert_true(ri->rss_kb == ZT_NA);
	assert_true(row_of(&s, HP4_D)->rss_kb == ZT_NA);
	assert_true(rf->rss_kb == ZT_NA);
	assert_true(rf->swap_kb == ZT_NA);

	/* the cpusets restricted to a node: a and a/b on node 1, where A
	 * and H (n0, node 0) are not eligible; n0 on node 0 */
	assert_string_equal(s.cpusets_why, "");
	assert_int_equal(s.ncpusets, 3);
	const struct zt_cpuset_info *ca = cs_at(&s, "/a");
	const struct zt_cpuset_info *cab = cs_at(&s, "/a/b");
	const struct zt_cpuset_info *cn = cs_at(&s, "/n0");
	assert_int_equal(ca->version, 2);
	assert_string_equal(ca->mems, "1");
	assert_int_equal(ca->totalpages, 2097152);
	assert_int_equal(ca->eligible, 6);
	assert_int_equal(ca->predicted_victim, HP4_B);
	assert_int_equal(ca->victim_points, 2204);
	assert_int_equal(cab->eligible, 6);
	assert_int_equal(cab->predicted_victim, HP4_B);
	assert_int_equal(cab->victim_points, 2204);
	assert_string_equal(cn->mems, "0");
	assert_int_equal(cn->totalpages, 2097018);
	assert_int_equal(cn->eligible, 5);
	assert_int_equal(cn->predicted_victim, HP4_A);
	assert_int_equal(cn->victim_points, 300000);
	snapshot_free(&s);

	/* node 0's pages unknown: n0 has no total, no victim */
	hp4_snapshot(&s);
	for (int i = 0; i < s.nzones; i++)
		if (s.zones[i].node == 0 && s.zones[i].present > 500000)
			s.zones[i].present = ZT_NA;
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	cn = cs_at(&s, "/n0");
	assert_true(cn->totalpages == ZT_NA);
	assert_int_equal(cn->eligible, 0);
	assert_int_equal(cn->predicted_victim, 0);
	assert_true(cn->victim_points == ZT_NA);
	assert_int_equal(cs_at(&s, "/a")->totalpages, 2097152);
	snapshot_free(&s);

	/* node 0 without pages (present 0): a total of 0, not unknown */
	hp4_snapshot(&s);
	for (int i = 0; i < s.nzones; i++)
		if (s.zones[i].node == 0)
			s.zones[i].present = 0;
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	cn = cs_at(&s, "/n0");
	assert_int_equal(cn->totalpages, 0);
	assert_int_equal(cn->eligible, 5);
	snapshot_free(&s);

	/* every task at adj -1000: no victim in any scope */
	static struct badness_task t0[HP4_N];
	for (int i = 0; i < HP4_N; i++) {
		t0[i] = t[i];
		t0[i].oom_score_adj = -1000;
	}
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t0, h, HP4_N), 0);
	assert_int_equal(s.predicted_victim, 0);
	a = cg_at(&s, "/a");
	assert_int_equal(s.cgroups[a].predicted_victim, 0);
	assert_true(s.cgroups[a].victim_points == ZT_NA);
	assert_int_equal(row_of(&s, HP4_C)->cgroup_rank, 0);
	assert_int_equal(row_of(&s, HP4_C)->cgroup_scope, a);
	for (int i = 0; i < s.ncpusets; i++) {
		assert_int_equal(s.cpusets[i].predicted_victim, 0);
		assert_true(s.cpusets[i].victim_points == ZT_NA);
	}
	assert_int_equal(cs_at(&s, "/a")->eligible, 6);
	snapshot_free(&s);

	/* --cgroup a: ranked in a's scope, C, B, then F (no points) */
	o.filter_cgroup = "/a";
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	assert_int_equal(s.cgroup.totalpages, 16384);
	assert_int_equal(s.cgroup.predicted_victim, HP4_C);
	assert_int_equal(s.cgroup.victim_points, 2204);
	assert_int_equal(s.nprocs, 3);
	static const int va[] = { HP4_C, HP4_B, HP4_F };
	static const int ra[] = { 1, 2, 0 };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.procs[i].pid, va[i]);
		assert_int_equal(s.procs[i].cgroup_scope, a);
		assert_int_equal(s.procs[i].cgroup_rank, ra[i]);
	}
	assert_int_equal(s.procs[0].rank, 4);		/* global ranks kept */
	assert_int_equal(s.procs[1].rank, 3);
	assert_int_equal(s.procs[0].cgroup_points, 2204);
	assert_int_equal(s.procs[1].cgroup_points, 2204);	/* B's page tables */
	assert_true(s.procs[2].cgroup_points == ZT_NA);
	snapshot_free(&s);

	/* --cgroup a/b: no limit of its own, a's total; C alone */
	o.filter_cgroup = "/a/b";
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	assert_int_equal(s.cgroup.totalpages, 16384);
	assert_int_equal(s.cgroup.predicted_victim, HP4_C);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].cgroup_scope, ab);
	assert_int_equal(s.procs[0].cgroup_rank, 1);
	snapshot_free(&s);

	/* --cgroup u: no limited one above: the machine's total; D is
	 * not eligible, E is the victim */
	o.filter_cgroup = "/u";
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	assert_int_equal(s.cgroup.totalpages, 6171024);
	assert_int_equal(s.cgroup.predicted_victim, HP4_E);
	assert_int_equal(s.cgroup.victim_points, 2000);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, HP4_E);
	assert_int_equal(s.procs[0].cgroup_scope, u);
	assert_int_equal(s.procs[0].cgroup_rank, 1);
	assert_int_equal(s.procs[1].pid, HP4_D);
	assert_int_equal(s.procs[1].cgroup_rank, 0);
	snapshot_free(&s);

	/* --cgroup /: the machine's ranking; the rows in no scope */
	o.filter_cgroup = "/";
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	assert_int_equal(s.cgroup.totalpages, 6171024);
	assert_int_equal(s.cgroup.predicted_victim, HP4_A);
	assert_int_equal(s.nprocs, 8);
	assert_int_equal(s.procs[0].pid, HP4_A);
	assert_int_equal(s.procs[0].cgroup_scope, -1);
	assert_int_equal(row_of(&s, HP4_B)->cgroup_scope, -1);
	assert_int_equal(row_of(&s, HP4_B)->cgroup_rank, 0);
	assert_true(row_of(&s, HP4_B)->cgroup_points == ZT_NA);
	snapshot_free(&s);

	/* --cgroup of no such cgroup: no view, no ranking, no rows */
	o.filter_cgroup = "/nope";
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	assert_false(s.cgroup.have);
	assert_true(s.cgroup.totalpages == ZT_NA);
	assert_int_equal(s.cgroup.predicted_victim, 0);
	assert_int_equal(s.nprocs, 0);
	assert_int_equal(s.predicted_victim, HP4_A);
	snapshot_free(&s);

	procs_close(pr);
	procfs_close(pf);
}

/* --cgroup on a memory cgroup without a limit (none above either): its
 * members ranked with the machine's totalpages, by points, whatever
 * their pids' order (the sampler reads no cgroup.procs where no limit
 * is: the view's members are its own read). */
static void
test_hp4_view_unlimited(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/u" };
	struct procfs *pf;

	hp4_root(root, sizeof root, "viewu");
	/* points anon / 4 + 1: 500 101, 501 1001, 502 10001, 503 40001 */
	mkproc(root, 500, 666, 400, 10, 0);
	mkproc(root, 501, 666, 4000, 11, 0);
	mkproc(root, 502, 666, 40000, 12, 0);
	mkproc(root, 503, 666, 160000, 13, 0);
	hp4_memcg(root, "u", "503\n", "500\n501\n502\n", "max\n");
	cap_kernel = "6.18.44";
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_true(s.cgroup.have);
	assert_int_equal(s.cgroup.totalpages, 6171024);
	assert_int_equal(s.nprocs, 3);
	static const int want[] = { 502, 501, 500 };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.procs[i].pid, want[i]);
		assert_int_equal(s.procs[i].rank, i + 2);
	}
	assert_int_equal(s.cgroup.predicted_victim, 502);
	assert_int_equal(s.predicted_victim, 503);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* --cgroup u, no limit in or above it: only a global OOM can take its
 * members, and that scans the task list, not cgroup by cgroup: of two
 * tied members (P in u, Q in u/v, started first), the later started,
 * P, is met last and goes first (5.2+), as it does globally. */
static void
test_hp4_view_unlimited_ties(void **state)
{
	(void)state;
	static char root[64];
	char cg[600];
	struct badness_task t[2];
	struct procs_row_hint h[2];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/u" };
	struct zt_snapshot s;
	struct procfs *pf;

	hp4_root(root, sizeof root, "viewties");
	static const char *const dirs[] = { "fs", "fs/cgroup", "fs/cgroup/u",
	    "fs/cgroup/u/v" };
	hp4_mkdirs(root, dirs, sizeof dirs / sizeof dirs[0]);
	put(root, "fs/cgroup/cgroup.controllers", "memory\n");
	put(root, "fs/cgroup/u/cgroup.procs", "41001\n");
	put(root, "fs/cgroup/u/memory.max", "max\n");
	put(root, "fs/cgroup/u/v/cgroup.procs", "41002\n");
	put(root, "fs/cgroup/u/v/memory.max", "max\n");
	snprintf(cg, sizeof cg, "%s/fs/cgroup", root);
	t[0] = src_task(41001, 0, 5000, ino_of(cg, "u"), 20);
	t[1] = src_task(41002, 0, 5000, ino_of(cg, "u/v"), 10);
	hp4_hints(h, 2, "v", 100);
	struct procs *pr = open_root(root, &pf);
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 2), 0);
	assert_int_equal(s.predicted_victim, 41001);
	assert_int_equal(s.cgroup.totalpages, 6171024);
	assert_int_equal(s.cgroup.predicted_victim, 41001);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 41001);
	assert_int_equal(s.procs[0].cgroup_rank, 1);
	assert_int_equal(s.procs[1].cgroup_rank, 2);
	snapshot_free(&s);
	/* u limited now (1 GiB): a memcg OOM, cgroup by cgroup, Q first;
	 * globally still P */
	put(root, "fs/cgroup/u/memory.max", "1073741824\n");
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 2), 0);
	assert_int_equal(s.predicted_victim, 41001);
	assert_int_equal(s.cgroup.totalpages, 262144);
	assert_int_equal(s.cgroup.predicted_victim, 41002);
	assert_int_equal(s.procs[0].pid, 41002);
	assert_int_equal(s.procs[0].rank, 2);
	assert_int_equal(s.procs[1].pid, 41001);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* The task source over refreshes: A and C leave it, so the global
 * victim and a's move (to H, to B); not on a live system: no death
 * told.  Then more tasks than any refresh before (the tables grow):
 * pids reused by new tasks at other places in the source, a cgroup
 * made since (the tree grows), the figures those of the new tasks. */
static void
test_hp4_source_refresh(void **state)
{
	(void)state;
	static char root[64];
	static struct badness_task t[HP4_N], t2[HP4_N], t3[3 * HP4_N];
	static struct procs_row_hint h[HP4_N], h2[HP4_N], h3[3 * HP4_N];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct procfs *pf;
	char p[600];

	hp4_root(root, sizeof root, "refresh");
	hp4_tree(root);
	hp4_tasks(root, t, h);
	struct procs *pr = open_root(root, &pf);
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, HP4_N), 0);
	assert_int_equal(s.predicted_victim, HP4_A);
	snapshot_free(&s);

	int n2 = 0;
	for (int i = 0; i < HP4_N; i++)
		if (t[i].tgid != HP4_A && t[i].tgid != HP4_C) {
			t2[n2] = t[i];
			h2[n2++] = h[i];
		}
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t2, h2, n2), 0);
	assert_int_equal(s.nprocs_total, 6);
	assert_int_equal(s.predicted_victim, HP4_H);
	assert_int_equal(s.victim_gone, 0);
	int a = cg_at(&s, "/a");
	assert_int_equal(s.cgroups[a].predicted_victim, HP4_B);
	assert_int_equal(s.cgroups[a].victim_gone, 0);
	assert_null(row_of(&s, HP4_A));
	assert_null(row_of(&s, HP4_C));
	assert_int_equal(row_of(&s, HP4_B)->cgroup_rank, 1);
	snapshot_free(&s);

	/* 27 tasks: the old ones in reverse (each at another place, A and
	 * C back as new tasks: another start time, other figures), then
	 * 18 new ones in a cgroup made since (w, limited: 4096 pages) */
	snprintf(p, sizeof p, "%s/fs/cgroup/w", root);
	assert_int_equal(mkdir(p, 0755), 0);
	put(root, "fs/cgroup/w/memory.max", "16777216\n");
	char cg[600];
	snprintf(cg, sizeof cg, "%s/fs/cgroup", root);
	uint64_t w = ino_of(cg, "w");
	int n3 = 0;
	for (int i = HP4_N - 1; i >= 0; i--) {
		t3[n3] = t[i];
		h3[n3] = h[i];
		if (t[i].tgid == HP4_A || t[i].tgid == HP4_C) {
			t3[n3].rss_anon = 10 + i;
			h3[n3].start_time = 900 + (uint64_t)i;
		}
		n3++;
	}
	for (int k = 0; k < 2 * HP4_N; k++) {
		t3[n3] = src_task(42000 + k, 0, 100 + k, w, 100 + (uint64_t)k);
		memset(&h3[n3], 0, sizeof h3[n3]);
		snprintf(h3[n3].comm, sizeof h3[n3].comm, "w%d", k);
		h3[n3].state = 'S';
		h3[n3].start_time = 1000 + (uint64_t)k;
		n3++;
	}
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t3, h3, n3), 0);
	assert_int_equal(s.nprocs_total, n3 - 1);
	assert_int_equal(s.ncontenders, n3 - 1);
	assert_int_equal(s.predicted_victim, HP4_H);
	assert_int_equal(row_of(&s, HP4_A)->points, 18);
	assert_int_equal(row_of(&s, HP4_A)->start_time, 908);
	assert_int_equal(row_of(&s, HP4_C)->points, 12);
	assert_int_equal(row_of(&s, HP4_B)->points, 2204);
	assert_int_equal(row_of(&s, HP4_B)->rss_kb, 4600);
	assert_int_equal(row_of(&s, HP4_E)->points, 2000);
	assert_int_equal(row_of(&s, HP4_E)->start_time, 504);
	assert_int_equal(s.ncgroups, 5);
	int wi = cg_at(&s, "/w");
	assert_int_equal(s.cgroups[wi].totalpages, 4096);
	assert_int_equal(s.cgroups[wi].predicted_victim, 42000 + 2 * HP4_N - 1);
	assert_int_equal(s.cgroups[cg_at(&s, "/a")].predicted_victim, HP4_B);
	const struct zt_proc *r = row_of(&s, 42000);
	assert_int_equal(r->cgroup_scope, wi);
	assert_int_equal(r->cgroup_rank, 2 * HP4_N);
	assert_int_equal(r->points, 100);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A task whose score stands still is read again when it is hot: in
 * the first 8 of any scope's ranking.  X (620) ranks 11th globally but
 * first in memory cgroup app (64 MiB), Y (621) 12th, first in --cgroup
 * u (no limit): both statuses grow tenfold; the next refresh shows it
 * (neither's turn: gen + pid is no multiple of 32 in refresh 2). */
static void
test_hp4_scope_hot(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/u" };
	struct procfs *pf;

	hp4_root(root, sizeof root, "hot");
	for (int pid = 600; pid < 610; pid++)
		mkproc(root, pid, 666, 40000 + 400 * (pid - 600),
		    10 + (uint64_t)pid, 0);
	mkproc(root, 620, 666, 800, 700, 0);
	mkproc(root, 621, 666, 400, 701, 0);
	static const char *const dirs[] = { "fs", "fs/cgroup", "fs/cgroup/app",
	    "fs/cgroup/u" };
	hp4_mkdirs(root, dirs, sizeof dirs / sizeof dirs[0]);
	put(root, "fs/cgroup/cgroup.controllers", "memory\n");
	put(root, "fs/cgroup/app/cgroup.procs", "620\n");
	put(root, "fs/cgroup/app/memory.max", "67108864\n");
	put(root, "fs/cgroup/u/cgroup.procs", "621\n");
	put(root, "fs/cgroup/u/memory.max", "max\n");
	cap_kernel = "6.18.44";
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 621);
	assert_int_equal(s.procs[0].rank, 12);
	assert_int_equal(s.procs[0].points, 101);
	assert_int_equal(s.ncgroups, 2);
	int app = cg_at(&s, "/app");
	assert_int_equal(s.cgroups[app].predicted_victim, 620);
	assert_int_equal(s.cgroups[app].victim_points, 201);
	snapshot_free(&s);

	put_status(root, 620, 8000);
	put_status(root, 621, 4000);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_int_equal(s.procs[0].pid, 621);
	assert_int_equal(s.procs[0].points, 1001);
	assert_int_equal(s.procs[0].rss_kb, 4000);
	app = cg_at(&s, "/app");
	assert_int_equal(s.cgroups[app].victim_points, 2001);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* Live, a 6.18 kernel (per-CPU counters): the margin of the summed
 * counters is this machine's CPUs' (badness_count_margin); a stale one
 * in the snapshot is not kept, and none off a live system. */
static void
test_live_hp4_margin(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	struct badness_kernel k;

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	cap_kernel = "6.18.44";
	snap_meminfo(&s);
	cap_kernel = NULL;
	s.points_margin = 77;
	assert_int_equal(procs_sample(pr, &s, &o), 0);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	badness_kernel_init(&k, "6.18.44", false);
	assert_true(ncpu > 0);
	assert_int_equal(s.points_margin, badness_count_margin(&k, (int)ncpu));
	assert_true(s.points_margin > 0);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);

	/* a capture: no margin, whatever the snapshot held */
	struct sampler_opts oc = { .want_procs = true, .detail_rows = 0 };
	cap_kernel = "6.18.44";
	char root[512];
	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	pr = procs_open(pf);
	snap_meminfo(&s);
	cap_kernel = NULL;
	s.points_margin = 77;
	assert_int_equal(procs_sample(pr, &s, &oc), 0);
	assert_int_equal(s.points_margin, 0);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A tree with the root alone: no memory cgroup and no cpuset below
 * it, so no list of either (nothing allocated); the task ranked. */
static void
test_hp4_flat_tree(void **state)
{
	(void)state;
	static char root[64];
	struct badness_task t[1] = { src_task(43000, 0, 100, 0, 1) };
	struct procs_row_hint h[1];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct procfs *pf;

	hp4_root(root, sizeof root, "flat");
	static const char *const dirs[] = { "devices", "devices/system",
	    "devices/system/node", "fs", "fs/cgroup" };
	hp4_mkdirs(root, dirs, sizeof dirs / sizeof dirs[0]);
	put(root, "devices/system/node/online", "0-1\n");
	put(root, "fs/cgroup/cgroup.controllers", "cpuset memory\n");
	put(root, "fs/cgroup/cgroup.procs", "43000\n");
	put(root, "fs/cgroup/cpuset.mems.effective", "0-1\n");
	hp4_hints(h, 1, "flat", 0);
	struct procs *pr = open_root(root, &pf);
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 1), 0);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.predicted_victim, 43000);
	assert_int_equal(s.ncgroups, 0);
	assert_null(s.cgroups);
	assert_int_equal(s.ncpusets, 0);
	assert_null(s.cpusets);
	assert_string_equal(s.cpusets_why, "");
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* Hot only by a ranking that counts: Z (720) ranks 10th globally and
 * in memory cgroup app (1 GiB), and its own cgroup app/sub has no limit
 * (no ranking of its own, though the tree read its pids): its status
 * grown tenfold is not read again in refresh 2 (not its turn). */
static void
test_hp4_unlimited_not_hot(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;

	hp4_root(root, sizeof root, "nothot");
	for (int pid = 700; pid < 709; pid++)
		mkproc(root, pid, 666, 40000 + 400 * (pid - 700),
		    10 + (uint64_t)pid, 0);
	mkproc(root, 720, 666, 800, 800, 0);
	static const char *const dirs[] = { "fs", "fs/cgroup", "fs/cgroup/app",
	    "fs/cgroup/app/sub" };
	hp4_mkdirs(root, dirs, sizeof dirs / sizeof dirs[0]);
	put(root, "fs/cgroup/cgroup.controllers", "memory\n");
	put(root, "fs/cgroup/app/cgroup.procs",
	    "700\n701\n702\n703\n704\n705\n706\n707\n708\n");
	put(root, "fs/cgroup/app/memory.max", "1073741824\n");
	put(root, "fs/cgroup/app/sub/cgroup.procs", "720\n");
	put(root, "fs/cgroup/app/sub/memory.max", "max\n");
	cap_kernel = "6.18.44";
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 10);
	assert_int_equal(s.procs[9].pid, 720);
	assert_int_equal(s.procs[9].points, 201);
	assert_int_equal(s.procs[9].cgroup_rank, 10);
	snapshot_free(&s);
	put_status(root, 720, 8000);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_int_equal(s.procs[9].pid, 720);
	assert_int_equal(s.procs[9].points, 201);
	assert_true(s.cgroups[cg_at(&s, "/app/sub")].totalpages == ZT_NA);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* Live, the screen's first sample (quick_first) with more than
 * PROCS_QUICK contenders (260 sleeping children of this test, every
 * task one when no row is shown): the exact pass is left for the next
 * sample, which makes it. */
static void
test_live_hp4_quick(void **state)
{
	(void)state;
	enum { KIDS = PROCS_QUICK + 4 };
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0,
	    .quick_first = true };
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	static pid_t kids[KIDS];

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	for (int i = 0; i < KIDS; i++)
		kids[i] = sleeper();
	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	sample_once(pr, &s, &o);
	int pending = s.victim_pending, ncont = s.ncontenders;
	int victim = s.predicted_victim;
	snapshot_free(&s);
	sample_once(pr, &s, &o);
	int pending2 = s.victim_pending, ncont2 = s.ncontenders;
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
	for (int i = 0; i < KIDS; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	assert_true(pending > PROCS_QUICK);
	assert_int_equal(ncont, 0);
	assert_int_equal(victim, 0);
	assert_int_equal(pending2, 0);
	assert_true(ncont2 > PROCS_QUICK);
}

/* Live, a task source after /proc's sampler (the BPF path on the same
 * sampler): the pids the source does not list are gone, their kept fds
 * closed; a pid listed with its task's start time keeps its fd, one
 * with another start time (a new task under a reused pid) does not. */
static void
test_live_hp4_source_reuse(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	struct badness_task t;
	struct procs_row_hint h;

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	pid_t kid = sleeper();
	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	sample_once(pr, &s, &o);
	snapshot_free(&s);
	int kept0 = procs_kept_fds(pr, NULL), kid0 = kept_on(kid);
	int rc = procs_read_task(pr, kid, 4, &t, &h);
	snap_meminfo(&s);
	int src = procs_sample_tasks(pr, &s, &o, &t, &h, 1);
	snapshot_free(&s);
	int kept1 = procs_kept_fds(pr, NULL), kid1 = kept_on(kid);
	h.start_time++;
	snap_meminfo(&s);
	int src2 = procs_sample_tasks(pr, &s, &o, &t, &h, 1);
	snapshot_free(&s);
	int kept2 = procs_kept_fds(pr, NULL), kid2 = kept_on(kid);
	procs_close(pr);
	procfs_close(pf);
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(src, 0);
	assert_int_equal(src2, 0);
	assert_true(kept0 > 1);
	assert_int_equal(kid0, 1);
	assert_int_equal(kept1, 1);
	assert_int_equal(kid1, 1);
	assert_int_equal(kept2, 0);
	assert_int_equal(kid2, 0);
}

/* A proc root that cannot be listed (its directory stream could not
 * be made: no fd left when the sampler was opened): the sample fails
 * and says why. */
static void
test_hp4_unlistable(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;
	struct rlimit was, low;
	char why[ZT_WHY_LEN];

	hp4_root(root, sizeof root, "unlist");
	mkproc(root, 800, 666, 400, 10, 0);
	pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	close(fd);
	low = was;
	low.rlim_cur = (rlim_t)fd;		/* every fd below is open */
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	struct procs *pr = procs_open(pf);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
	assert_non_null(pr);
	snap_meminfo(&s);
	assert_int_equal(procs_sample(pr, &s, &o), -1);
	assert_false(s.status[ZT_SRC_PROCS].ok);
	assert_non_null(strstr(s.status[ZT_SRC_PROCS].why, "cannot list"));
	assert_int_equal(s.nprocs, 0);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* The filters' edges on the capture: -p with one pid, an empty -p
 * list (no filter), an empty -u and --cgroup (no filter), a -u of one
 * character that matches nobody. */
static void
test_hp4_filter_edges(void **state)
{
	(void)state;
	struct zt_snapshot s;
	int one[] = { 15114, 0 }, none[] = { 0 };
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_pids = one };

	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 15114);
	snapshot_free(&s);
	o.filter_pids = none;
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 6);
	snapshot_free(&s);
	o.filter_pids = NULL;
	o.filter_user = "";
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 6);
	snapshot_free(&s);
	o.filter_user = "7";
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 0);
	snapshot_free(&s);
	o.filter_user = NULL;
	o.filter_cgroup = "";
	sample_capture(&s, &o, NULL);
	assert_int_equal(s.nprocs, 6);
	assert_false(s.cgroup.have);
	snapshot_free(&s);
}

/* A child that holds mb MiB touched, at oom_score_adj 1000, until
 * killed. */
static pid_t
hog_kid(int mb)
{
	int ready[2];
	char c = 0, rel[64];

	assert_int_equal(pipe(ready), 0);
	pid_t kid = fork();
	assert_true(kid >= 0);
	if (kid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		char *m = malloc((size_t)mb << 20);
		if (m != NULL)
			memset(m, 1, (size_t)mb << 20);
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	snprintf(rel, sizeof rel, "/proc/%d/oom_score_adj", (int)kid);
	FILE *f = fopen(rel, "w");
	assert_non_null(f);
	fputs("1000\n", f);
	fclose(f);
	return kid;
}

/* Live: the predicted victim (a child holding 64 MiB at adj 1000)
 * killed and reaped: the next refresh names it gone, the one after no
 * more.  (Skipped when another task of this machine outranks it.) */
static void
test_live_hp4_victim_gone(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	struct procfs *pf = procfs_open("/proc", why, sizeof why);

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	pid_t kid = hog_kid(64);
	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	cap_kernel = "6.18.44";
	sample_once(pr, &s, &o);
	int victim = s.predicted_victim, gone0 = s.victim_gone;
	snapshot_free(&s);
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	sample_once(pr, &s, &o);
	int gone1 = s.victim_gone;
	snapshot_free(&s);
	sample_once(pr, &s, &o);
	int gone2 = s.victim_gone;
	snapshot_free(&s);
	cap_kernel = NULL;
	procs_close(pr);
	procfs_close(pf);
	if (victim != kid)
		skip();
	assert_int_equal(gone0, 0);
	assert_int_equal(gone1, kid);
	assert_int_equal(gone2, 0);
}

/* A cpuset (x, node 1) with one task, the only one: it is the victim
 * there, and in --cgroup x. */
static void
test_hp4_one_in_cpuset(void **state)
{
	(void)state;
	static char root[64];
	struct badness_task t[1] = { src_task(43100, 0, 100, 0, 1) };
	struct procs_row_hint h[1];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct procfs *pf;

	hp4_root(root, sizeof root, "onecs");
	static const char *const dirs[] = { "devices", "devices/system",
	    "devices/system/node", "fs", "fs/cgroup", "fs/cgroup/x" };
	hp4_mkdirs(root, dirs, sizeof dirs / sizeof dirs[0]);
	put(root, "devices/system/node/online", "0-1\n");
	put(root, "fs/cgroup/cgroup.controllers", "cpuset memory\n");
	put(root, "fs/cgroup/cpuset.mems.effective", "0-1\n");
	put(root, "fs/cgroup/x/cgroup.procs", "43100\n");
	put(root, "fs/cgroup/x/cpuset.mems.effective", "1\n");
	hp4_hints(h, 1, "one", 0);
	struct procs *pr = open_root(root, &pf);
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 1), 0);
	assert_int_equal(s.ncpusets, 1);
	assert_int_equal(s.cpusets[0].eligible, 1);
	assert_int_equal(s.cpusets[0].predicted_victim, 43100);
	assert_int_equal(s.cpusets[0].victim_points, 100);
	snapshot_free(&s);
	/* and --cgroup x: one task, one candidate */
	o.filter_cgroup = "/x";
	hp4_snapshot(&s);
	assert_int_equal(procs_sample_tasks(pr, &s, &o, t, h, 1), 0);
	assert_int_equal(s.cgroup.predicted_victim, 43100);
	assert_int_equal(s.nprocs, 1);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A kernel before 5.9 prints oom_score as points * 1000 / totalpages:
 * small tasks read 0 yet can be chosen.  --cgroup app (limited) names
 * its best by points (901 against 101), though no member scores. */
static void
test_hp4_view_score0(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/app" };
	struct procfs *pf;

	hp4_root(root, sizeof root, "score0");
	mkproc(root, 900, 0, 400, 10, 0);
	mkproc(root, 901, 0, 3600, 11, 0);
	mkproc(root, 902, 0, 8000, 12, 0);
	hp4_memcg(root, "app", "902\n", "900\n901\n", "1073741824\n");
	cap_kernel = "5.4.0";
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_int_equal(s.predicted_victim, 902);
	assert_int_equal(s.cgroup.predicted_victim, 901);
	assert_int_equal(s.cgroup.victim_points, 901);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 901);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A row that is no contender (-p below the one row's floor) gets the
 * points its own details give: 400 kB of rss and 4092 kB of page
 * tables, 100 + 1023 pages. */
static void
test_hp4_row_own_points(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	int pids[] = { 952, 0 };
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
	    .filter_pids = pids };
	struct procfs *pf;

	hp4_root(root, sizeof root, "ownpts");
	mkproc(root, 950, 900, 4000, 10, 0);
	mkproc(root, 951, 800, 400, 11, 0);
	mkproc(root, 952, 100, 400, 12, 0);
	put(root, "952/status", "Name:\tt952\nState:\tS (sleeping)\n"
	    "Uid:\t1000\t1000\t1000\t1000\nVmRSS:\t400 kB\nRssAnon:\t400 kB\n"
	    "RssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t4092 kB\nVmSwap:\t0 kB\n");
	cap_kernel = "6.18.44";
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_int_equal(s.ncontenders, 1);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 952);
	assert_int_equal(s.procs[0].pgtables_kb, 4092);
	assert_int_equal(s.procs[0].points, 100 + 1023);
	assert_int_equal(s.procs[0].cgroup_scope, -1);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* ---------------------------------------------------------------- */
/* The exact-victim pass (hp3): victims gone since the last refresh,
 * -u by name, the quick first sample. */

/* A new made-up proc root (mkroot) with the capture's meminfo, removed
 * by cg2_teardown. */
static void
cap_root_new(char *root, size_t len, const char *name)
{
	mkroot(root, len, name);
	snprintf(cg2dir, sizeof cg2dir, "%s", root);
	copy_cap(root, "meminfo");
}

/* hints[0..n): comm "hI", state S, start time from + I. */
static void
hints_fill(struct procs_row_hint *h, int n, uint64_t from)
{
	memset(h, 0, (size_t)n * sizeof *h);
	for (int i = 0; i < n; i++) {
		snprintf(h[i].comm, sizeof h[i].comm, "h%d", i);
		h[i].state = 'S';
		h[i].start_time = from + (uint64_t)i;
	}
}

/* A sampler on the capture with the sys root sys (NULL: procs/sys-v1),
 * for a task source; *pf to close after it. */
static struct procs *
cap_tasks(const char *sys, struct procfs **pf)
{
	char root[512], v1[512], why[ZT_WHY_LEN];

	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	snprintf(v1, sizeof v1, "%s/procs/sys-v1", fixdir());
	*pf = procfs_open(root, why, sizeof why);
	assert_non_null(*pf);
	assert_int_equal(procfs_set_sys_root(*pf, sys ? sys : v1, why,
	    sizeof why), 0);
	struct procs *p = procs_open(*pf);
	assert_non_null(p);
	return p;
}

/* A v2 memory hierarchy under root/fs/cgroup, with a directory for
 * each cgroup named in dirs (NULL-ended) below its root. */
static void
cg2_tree(const char *root, const char *const *dirs)
{
	char p[600];

	snprintf(p, sizeof p, "%s/fs", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup", root);
	assert_int_equal(mkdir(p, 0755), 0);
	put(root, "fs/cgroup/cgroup.controllers", "memory\n");
	for (; *dirs != NULL; dirs++) {
		snprintf(p, sizeof p, "%s/fs/cgroup/%s", root, *dirs);
		assert_int_equal(mkdir(p, 0755), 0);
	}
}

/* One procs_sample_tasks() of the n tasks t on a live sampler, for
 * kernel release rel: the global victim and its victim_gone, those of
 * the cgroup at path in s's cgroups (app_gone -1: no such cgroup). */
struct vic {
	int victim, gone, app_victim, app_gone;
};

static struct vic
vic_sample(struct procs *p, const char *rel, const struct badness_task *t,
    int n, const char *path)
{
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	struct procs_row_hint h[8];
	struct zt_snapshot s;
	struct vic v = { 0, 0, 0, -1 };

	assert_true(n <= 8);
	memset(h, 0, sizeof h);
	for (int i = 0; i < n; i++) {
		h[i].state = 'S';
		h[i].start_time = 100 + (uint64_t)t[i].tgid;
	}
	tasks_snapshot(&s);
	snprintf(s.kernel, sizeof s.kernel, "%s", rel);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, n), 0);
	v.victim = s.predicted_victim;
	v.gone = s.victim_gone;
	for (int i = 0; i < s.ncgroups; i++)
		if (strcmp(s.cgroups[i].path, path) == 0) {
			v.app_victim = s.cgroups[i].predicted_victim;
			v.app_gone = s.cgroups[i].victim_gone;
		}
	snapshot_free(&s);
	return v;
}

/* The state letter of this machine's pid (its stat), 0 unreadable. */
static char
state_of(pid_t pid)
{
	char path[64], st = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	if (fscanf(f, "%*d (%*[^)]) %c", &st) != 1)
		st = 0;
	fclose(f);
	return st;
}

static void
vic_is(struct vic v, int victim, int gone, int app_victim, int app_gone)
{
	assert_int_equal(v.victim, victim);
	assert_int_equal(v.gone, gone);
	assert_int_equal(v.app_victim, app_victim);
	assert_int_equal(v.app_gone, app_gone);
}

/* Live (the stat of a victim is this machine's), a task source naming
 * three children a, b, c, and a made-up v2 tree where b and c are in
 * /app (64 MiB) among 17 more limited cgroups: the last refresh's
 * victim of a scope is told gone (victim_gone) when it is listed no
 * more, scored 0 by 5.9+ rules (reaped: MMF_OOM_SKIP; adj -1000 scores
 * 0 too, the sampler cannot tell them apart), a zombie, gone from
 * /proc, without mm, reaped or being killed by the flags it was read
 * with, or (a memcg's victim) in no cgroup any more, pid 1 as any
 * other; not when another task merely outranks it, nor when it stays
 * the victim. */
static void
test_live_victim_gone(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN], text[64];
	const char *const n6 = "6.18.0", *const n4 = "4.14.0";
	struct procfs *pf = procfs_open("/proc", why, sizeof why);

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	mkroot(cg2dir, sizeof cg2dir, "victim");
	/* more scopes than the first 16 remembered */
	static const char *const dirs[] = { "s00", "s01", "s02", "s03",
		"s04", "s05", "s06", "s07", "s08", "s09", "s10", "s11", "s12",
		"s13", "s14", "s15", "s16", "s17", NULL };
	cg2_tree(cg2dir, dirs);
	for (int i = 0; dirs[i] != NULL; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "fs/cgroup/%s/memory.max", dirs[i]);
		put(cg2dir, rel, "67108864\n");
		snprintf(rel, sizeof rel, "fs/cgroup/%s/cgroup.procs", dirs[i]);
		put(cg2dir, rel, "");
	}
	pid_t a = sleeper(), b = sleeper(), c = sleeper();
	snprintf(text, sizeof text, "%d\n%d\n", (int)b, (int)c);
	put(cg2dir, "fs/cgroup/s17/cgroup.procs", text);
	assert_int_equal(procfs_set_sys_root(pf, cg2dir, why, sizeof why), 0);
	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	const char *app = "/s17";
	struct badness_task t[3] = {
		src_task(a, 0, 30000, 0, 1),
		src_task(b, 0, 20000, 0, 2),
		src_task(c, 0, 10000, 0, 3),
	};

	/* the first: nobody before; then the same victims */
	vic_is(vic_sample(pr, n6, t, 3, app), a, 0, b, 0);
	vic_is(vic_sample(pr, n6, t, 3, app), a, 0, b, 0);
	/* a listed no more (alive still) */
	vic_is(vic_sample(pr, n6, t + 1, 2, app), b, a, b, 0);
	/* outranked: b and a alive, neither gone */
	t[2].rss_anon = 25000;
	vic_is(vic_sample(pr, n6, t, 3, app), a, 0, c, 0);
	t[0].rss_anon = 1;
	vic_is(vic_sample(pr, n6, t, 3, app), c, 0, c, 0);
	t[0].rss_anon = 30000;
	vic_is(vic_sample(pr, n6, t, 3, app), a, 0, c, 0);
	/* c scored 0 (adj -1000) by 5.9+ rules: told gone ... */
	t[2].oom_score_adj = -1000;
	vic_is(vic_sample(pr, n6, t, 3, app), a, 0, b, c);
	t[2].oom_score_adj = 0;
	vic_is(vic_sample(pr, n4, t, 3, app), a, 0, c, 0);
	/* ... not by older ones */
	t[2].oom_score_adj = -1000;
	vic_is(vic_sample(pr, n4, t, 3, app), a, 0, b, 0);
	t[2].oom_score_adj = 0;
	vic_is(vic_sample(pr, n4, t, 3, app), a, 0, c, 0);
	/* c in no cgroup now: its memcg's victim gone (not the global
	 * one's: a is in none, and alive) */
	snprintf(text, sizeof text, "%d\n", (int)b);
	put(cg2dir, "fs/cgroup/s17/cgroup.procs", text);
	vic_is(vic_sample(pr, n4, t, 3, app), a, 0, b, c);
	/* the flags a was read with: each of them */
	static const uint32_t fl[] = { BADNESS_F_NO_MM, BADNESS_F_OOM_SKIP,
		BADNESS_F_VICTIM };
	for (int i = 0; i < 3; i++) {
		t[0].flags = fl[i];
		t[0].rss_anon = 1;
		struct vic v = vic_sample(pr, n4, t, 3, app);
		assert_int_equal(v.gone, a);
		t[0].flags = 0;
		t[0].rss_anon = 30000;
		vic_is(vic_sample(pr, n4, t, 3, app), a, 0, b, 0);
	}
	/* a zombie (listed still), then reaped (its stat gone) */
	kill(a, SIGKILL);
	for (int i = 0; i < 200 && state_of(a) != 'Z'; i++)
		usleep(10000);
	assert_int_equal(state_of(a), 'Z');
	/* (c, 25000 pages, is the global victim without a) */
	t[0].rss_anon = 1;
	vic_is(vic_sample(pr, n4, t, 3, app), c, a, b, 0);
	assert_int_equal(waitpid(a, NULL, 0), a);
	t[0].rss_anon = 30000;
	vic_is(vic_sample(pr, n4, t, 3, app), a, 0, b, 0);
	t[0].rss_anon = 1;
	vic_is(vic_sample(pr, n4, t, 3, app), c, a, b, 0);
	vic_is(vic_sample(pr, n4, t, 3, app), c, 0, b, 0);
	/* pid 1 (a container's init scores) as any other */
	struct badness_task t1[3] = { src_task(1, 0, 90000, 0, 0), t[1], t[2] };
	vic_is(vic_sample(pr, n4, t1, 3, app), 1, 0, b, 0);
	vic_is(vic_sample(pr, n4, t1 + 1, 2, app), c, 1, b, 0);

	kill(b, SIGKILL);
	kill(c, SIGKILL);
	waitpid(b, NULL, 0);
	waitpid(c, NULL, 0);
	procs_close(pr);
	procfs_close(pf);
}

/* Rows of a live sample for -p this process and -u user. */
static int
user_rows(struct procs *p, const char *user)
{
	int pids[] = { (int)getpid(), 0 };
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_pids = pids, .filter_user = user };
	struct zt_snapshot s;
	int n, own = 0;

	sample_once(p, &s, &o);
	n = s.nprocs;
	for (int i = 0; i < n; i++)
		own += s.procs[i].pid == (int)getpid();
	snapshot_free(&s);
	assert_int_equal(own, n);
	return n;
}

/* Live: -u by this machine's passwd (a name, whose uid is not 0 for
 * the other user: nothing known is not root), by number (not a
 * negative one), a name nobody has. */
static void
test_live_user(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN], own[64], other[64], num[32];
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	struct passwd *pw;

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	pw = getpwuid(getuid());
	assert_non_null(pw);
	snprintf(own, sizeof own, "%s", pw->pw_name);
	other[0] = '\0';
	setpwent();
	while ((pw = getpwent()) != NULL)
		if (pw->pw_uid != getuid() && pw->pw_uid != 0) {
			snprintf(other, sizeof other, "%s", pw->pw_name);
			break;
		}
	endpwent();
	assert_true(other[0] != '\0');
	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	assert_int_equal(user_rows(pr, own), 1);
	assert_int_equal(user_rows(pr, other), 0);
	snprintf(num, sizeof num, "%u", (unsigned)getuid());
	assert_int_equal(user_rows(pr, num), 1);
	assert_int_equal(user_rows(pr, "0"), getuid() == 0 ? 1 : 0);
	assert_int_equal(user_rows(pr, "-5"), 0);
	assert_int_equal(user_rows(pr, "zt-no-such-user"), 0);
	procs_close(pr);
	procfs_close(pf);
}

/* -u with a task source (the capture, whose status files all say uid
 * 0): the uid the source gave, not PID/status's; the row tells the
 * source's. */
static void
test_tasks_user(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct badness_task t[4] = {
		src_task(15112, 0, 4000, 0, 10),
		src_task(15113, 0, 3000, 0, 20),
		src_task(15114, 0, 2000, 0, 30),
		src_task(15115, 0, 1000, 0, 40),
	};
	struct procs_row_hint h[4];

	hints_fill(h, 4, 100);
	t[1].uid = 0;
	t[2].uid = 0;
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);

	o.filter_user = "1000";
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 4), 0);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_int_equal(s.procs[0].uid, 1000);
	assert_string_equal(s.procs[0].comm, "h0");
	assert_int_equal(s.procs[1].pid, 15115);
	snapshot_free(&s);
	o.filter_user = "0";
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 4), 0);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15113);
	assert_int_equal(s.procs[0].uid, 0);
	assert_string_equal(s.procs[0].comm, "h1");
	assert_int_equal(s.procs[1].pid, 15114);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

extern char **environ;

/* This machine's oom_score of pid, -1 unreadable. */
static int
score_of(pid_t pid)
{
	char path[64];
	int v = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/oom_score", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* How many of this machine's tasks score at least floor now. */
static int
scoring_at_least(int floor)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir("/proc");

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		int pid = atoi(de->d_name);
		if (pid > 0 && score_of(pid) >= floor)
			n++;
	}
	closedir(d);
	return n;
}

/* Live, the first sample of the screen (quick_first) when more than
 * PROCS_QUICK tasks contend: a child that spawned 299 cat(1) then
 * became one (its own process group), all with adj 1000, which score
 * alike and above every other task, and one more cat whose adj makes it
 * score one less, the floor: with one row they and the two members of
 * a limited memory cgroup of a made-up tree (this process and one more
 * child; a third in a cgroup without a limit is not one) are the
 * contenders.  The
 * exact pass waits (victim_pending says for how many), no victim is
 * named, no task read; the next sample reads them. */
static void
test_live_quick(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN], text[64];
	int fds[2], life[2];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
	    .quick_first = true };
	struct procfs *pf = procfs_open("/proc", why, sizeof why);

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	/* the tasks read their stdin, a pipe whose one writer is this
	 * test: they exit when it closes it, or dies */
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(pipe2(life, O_CLOEXEC), 0);
	pid_t mid = fork();
	assert_true(mid >= 0);
	if (mid == 0) {
		int fd = open("/proc/self/oom_score_adj", O_WRONLY);
		close(fds[0]);
		close(life[1]);
		setpgid(0, 0);
		if (fd < 0 || write(fd, "1000\n", 5) != 5 ||
		    dup2(life[0], 0) != 0)
			_exit(1);
		close(fd);
		/* (spawned, not forked: a copy of this test is slow) */
		char a0[] = "cat";
		char *argv[] = { a0, NULL };
		for (int i = 0; i < 299; i++) {
			pid_t kid;
			if (posix_spawnp(&kid, a0, NULL, NULL, argv,
			    environ) != 0)
				_exit(1);
		}
		if (write(fds[1], "k", 1) != 1)
			_exit(1);
		/* a cat too: its rss the others', its score theirs */
		execvp(a0, argv);
		_exit(1);
	}
	/* one more, whose adj is set to make it score one less than
	 * them, the floor: a contender too */
	posix_spawn_file_actions_t fa;
	char c0[] = "cat";
	char *cargv[] = { c0, NULL };
	pid_t edge;
	assert_int_equal(posix_spawn_file_actions_init(&fa), 0);
	assert_int_equal(posix_spawn_file_actions_adddup2(&fa, life[0], 0), 0);
	assert_int_equal(posix_spawnp(&edge, c0, &fa, NULL, cargv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	close(life[0]);
	close(fds[1]);
	char k;
	assert_int_equal(read(fds[0], &k, 1), 1);
	close(fds[0]);
	pid_t in = sleeper(), out = sleeper();
	/* (mid's score once it is a cat, not this test's copy) */
	for (int i = 0; i < 500; i++) {
		char path[64], comm[32] = "";
		snprintf(path, sizeof path, "/proc/%d/comm", (int)mid);
		FILE *f = fopen(path, "r");
		if (f != NULL) {
			if (fgets(comm, sizeof comm, f) == NULL)
				comm[0] = '\0';
			fclose(f);
		}
		if (strcmp(comm, "cat\n") == 0)
			break;
		usleep(10000);
	}
	int top = score_of(mid), adj;
	for (adj = 999; adj > 900 && score_of(edge) != top - 1; adj--) {
		char rel[64], v[16];
		snprintf(rel, sizeof rel, "/proc/%d/oom_score_adj", (int)edge);
		snprintf(v, sizeof v, "%d\n", adj);
		FILE *f = fopen(rel, "w");
		assert_non_null(f);
		fputs(v, f);
		fclose(f);
	}
	assert_true(top > 1000);
	assert_int_equal(score_of(edge), top - 1);

	mkroot(cg2dir, sizeof cg2dir, "quick");
	static const char *const dirs[] = { "app", "free", NULL };
	cg2_tree(cg2dir, dirs);
	snprintf(text, sizeof text, "%d\n%d\n", (int)getpid(), (int)in);
	put(cg2dir, "fs/cgroup/app/cgroup.procs", text);
	put(cg2dir, "fs/cgroup/app/memory.max", "67108864\n");
	snprintf(text, sizeof text, "%d\n", (int)out);
	put(cg2dir, "fs/cgroup/free/cgroup.procs", text);
	put(cg2dir, "fs/cgroup/free/memory.max", "max\n");
	assert_int_equal(procfs_set_sys_root(pf, cg2dir, why, sizeof why), 0);

	struct procs *pr = procs_open(pf);
	assert_non_null(pr);
	cap_kernel = "6.18.0";
	/* the machine's own tasks at the floor or above contend too (a
	 * concurrent copy of this test has 301): counted around the sample */
	int before = scoring_at_least(top - 1);
	sample_once(pr, &s, &o);
	int after = scoring_at_least(top - 1);
	int pending = s.victim_pending, victim = s.predicted_victim;
	int ncont = s.ncontenders, nrows = s.nprocs;
	snapshot_free(&s);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	procs_close(pr);
	procfs_close(pf);
	close(life[1]);
	kill(-mid, SIGKILL);
	kill(edge, SIGKILL);
	kill(in, SIGKILL);
	kill(out, SIGKILL);
	waitpid(mid, NULL, 0);
	waitpid(edge, NULL, 0);
	waitpid(in, NULL, 0);
	waitpid(out, NULL, 0);
	/* the 301 cats and the limited memcg's two members, with whatever
	 * else of the machine's scored as high on both sides of the sample */
	assert_true(before >= 301 && after >= 301);
	assert_in_range(pending, 2 + (before < after ? before : after),
	    2 + (before < after ? after : before));
	assert_int_equal(victim, 0);
	assert_int_equal(ncont, 0);
	assert_int_equal(nrows, 1);
	assert_int_equal(s.victim_pending, 0);
	assert_true(s.ncontenders >= 303);
	assert_true(s.predicted_victim != 0);
	assert_true(s.predicted_victim != in && s.predicted_victim != out);
	snapshot_free(&s);
}

/* --cgroup /app's victim when the kernel's rules are unknown (no
 * points): the first member that scores and can be killed.  By the
 * rows' own paths (no hierarchy under the sys root): 601 scores but its
 * adj is -1000 now (read after its score), 602 scores 0; by the
 * hierarchy's members (cgroup.procs): the candidates in score order,
 * down to the first that scores 0.  The view's members without points
 * keep their place by score, as exact_global's do (they were put in
 * the order of a ranking without points: the first made first, and
 * the victim the first of those that scored). */
static void
test_cgroup_victim_unknown(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/app" };
	struct procfs *pf;
	struct procs *pr;

	cap_root_new(root, sizeof root, "cgvic");
	mkproc(root, 600, 900, 400, 10, 0);
	mkproc(root, 601, 800, 400, 11, 0);
	mkproc(root, 602, 0, 400, 12, 0);
	mkproc(root, 604, 500, 400, 14, 0);
	put(root, "601/oom_score_adj", "-1000\n");
	for (int pid = 601; pid <= 604; pid++) {
		char rel[64];
		snprintf(rel, sizeof rel, "%d/cgroup", pid);
		if (pid != 603)
			put(root, rel, "0::/app\n");
	}
	pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_false(s.cgroup.have);
	assert_int_equal(s.nprocs, 3);
	assert_int_equal(s.cgroup.predicted_victim, 604);
	snapshot_free(&s);
	rm_under(root, "604");
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.cgroup.predicted_victim, 0);
	snapshot_free(&s);
	/* globally too, without points: the first that scores, 1 will do */
	put(root, "600/oom_score", "1\n");
	put(root, "601/oom_score", "0\n");
	o.filter_cgroup = NULL;
	sample_once(pr, &s, &o);
	assert_int_equal(s.predicted_victim, 600);
	snapshot_free(&s);
	o.filter_cgroup = "/app";
	procs_close(pr);
	procfs_close(pf);

	/* a hierarchy: its members are 601 (0 now, as the kernel scores
	 * adj -1000), 602 and 604 */
	mkproc(root, 604, 500, 400, 14, 0);
	put(root, "604/cgroup", "0::/app\n");
	put(root, "601/oom_score", "0\n");
	static const char *const dirs[] = { "app", NULL };
	cg2_tree(root, dirs);
	put(root, "fs/cgroup/app/cgroup.procs", "601\n602\n604\n");
	put(root, "fs/cgroup/app/memory.max", "67108864\n");
	put(root, "fs/cgroup/app/memory.events", "max 2\noom 1\noom_kill 1\n");
	pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_true(s.cgroup.have);
	/* the scope's own copy of its events, every one */
	assert_int_equal(s.ncgroups, 1);
	assert_int_equal(kvs_get(&s.cgroups[0].events, "max"), 2);
	assert_int_equal(kvs_get(&s.cgroups[0].events, "oom_kill"), 1);
	assert_int_equal(s.nprocs, 3);
	assert_int_equal(s.procs[0].pid, 604);
	assert_int_equal(s.cgroup.predicted_victim, 604);
	snapshot_free(&s);
	/* the rows and the victim by score, not by the order of a ranking
	 * without points (601 was made first) */
	put(root, "601/oom_score_adj", "0\n");
	put(root, "601/oom_score", "100\n");
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 3);
	static const int by_score[] = { 604, 601, 602 };
	for (int i = 0; i < 3; i++)
		assert_int_equal(s.procs[i].pid, by_score[i]);
	assert_int_equal(s.cgroup.predicted_victim, 604);
	snapshot_free(&s);
	put(root, "604/oom_score", "0\n");
	sample_once(pr, &s, &o);
	assert_int_equal(s.cgroup.predicted_victim, 601);
	snapshot_free(&s);
	put(root, "601/oom_score", "0\n");
	sample_once(pr, &s, &o);
	assert_int_equal(s.cgroup.predicted_victim, 0);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A task source's candidates that tie (no points: adj -1000, scored 0)
 * come in its own order, not the pids': after the ranked ones they are
 * in pid order, in the full ranking and in the first rows' (rows only
 * for the first 3 of 16: exact_global_top). */
static void
test_tasks_ties(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct badness_task t[16];
	struct procs_row_hint h[16];

	memset(h, 0, sizeof h);
	t[0] = src_task(15112, 0, 4000, 0, 10);
	for (int i = 1; i < 16; i++)
		t[i] = src_task(16000 - i, -1000, 1000, 0, 10 + (uint64_t)i);
	for (int i = 0; i < 16; i++) {
		snprintf(h[i].comm, sizeof h[i].comm, "t%d", i);
		h[i].state = 'S';
		h[i].start_time = 100 + (uint64_t)i;
	}
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);

	for (int k = 0; k < 2; k++) {
		o.detail_rows = k == 0 ? -1 : 3;
		tasks_snapshot(&s);
		assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 16), 0);
		assert_int_equal(s.nprocs, k == 0 ? 16 : 3);
		assert_int_equal(s.procs[0].pid, 15112);
		for (int i = 1; i < s.nprocs; i++) {
			assert_int_equal(s.procs[i].pid, 16000 - 16 + i);
			assert_int_equal(s.procs[i].rank, i + 1);
		}
		assert_int_equal(s.predicted_victim, 15112);
		snapshot_free(&s);
	}
	procs_close(p);
	procfs_close(pf);
}

/* The view of a cgroup after the global ranking moved its members:
 * scores 600, 550, 500 (so read, and made tasks, in that order), points
 * the other way round: every member is found where the sort put it
 * (cand_relink), the view in points order. */
static void
test_view_relink(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/app" };
	struct procfs *pf;
	struct procs *pr;

	cap_root_new(root, sizeof root, "relink");
	mkproc(root, 700, 600, 400, 10, 0);
	mkproc(root, 701, 550, 20000, 11, 0);
	mkproc(root, 702, 500, 40000, 12, 0);
	static const char *const dirs[] = { "app", NULL };
	cg2_tree(root, dirs);
	put(root, "fs/cgroup/app/cgroup.procs", "700\n701\n702\n");
	cap_kernel = "6.18.44";
	pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_true(s.cgroup.have);
	assert_int_equal(s.nprocs, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.procs[i].pid, 702 - i);
		assert_int_equal(s.procs[i].cgroup_rank, i + 1);
	}
	assert_int_equal(s.cgroup.predicted_victim, 702);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* Rows past the first ones' order (cand_sort_rest) are the global
 * ranking's: ties in points go by the task list (creation), not by
 * memory cgroup as in a memcg OOM.  Two pairs of equal points far
 * below 98 others, each pair's two in cgroups a and b the other way
 * round (whatever order the tree has them in, one pair's creation
 * order is not its cgroups'): the rows -p picks out of the first rows'
 * cut (detail_rows 4 of 102) are those of the full ranking. */
static void
test_tasks_rest_memcg(void **state)
{
	(void)state;
	enum { N = 102 };
	static char sys[64];
	char p[600];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot a, b;
	static struct badness_task t[N];
	static struct procs_row_hint h[N];
	struct stat sa, sb;

	mkroot(sys, sizeof sys, "rest");
	snprintf(cg2dir, sizeof cg2dir, "%s", sys);	/* the teardown's */
	static const char *const dirs[] = { "a", "b", NULL };
	cg2_tree(sys, dirs);
	snprintf(p, sizeof p, "%s/fs/cgroup/a", sys);
	assert_int_equal(stat(p, &sa), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/b", sys);
	assert_int_equal(stat(p, &sb), 0);
	for (int i = 0; i < 98; i++)
		t[i] = src_task(20000 + i, 0, 5000 - 10 * i, 0, 100 + (uint64_t)i);
	t[98] = src_task(21000, 0, 30, sb.st_ino, 5);
	t[99] = src_task(21001, 0, 30, sa.st_ino, 7);
	t[100] = src_task(21002, 0, 20, sa.st_ino, 5);
	t[101] = src_task(21003, 0, 20, sb.st_ino, 7);
	hints_fill(h, N, 1000);
	int pids[] = { 21000, 21001, 21002, 21003, 0 };
	o.filter_pids = pids;
	struct procfs *pf;
	struct procs *pr = cap_tasks(sys, &pf);

	tasks_snapshot(&a);
	assert_int_equal(procs_sample_tasks(pr, &a, &o, t, h, N), 0);
	o.detail_rows = 4;
	tasks_snapshot(&b);
	assert_int_equal(procs_sample_tasks(pr, &b, &o, t, h, N), 0);
	assert_int_equal(a.nprocs, 4);
	assert_int_equal(b.nprocs, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(b.procs[i].pid, a.procs[i].pid);
		assert_int_equal(b.procs[i].rank, a.procs[i].rank);
		assert_int_equal(a.procs[i].rank, 99 + i);
	}
	snapshot_free(&a);
	snapshot_free(&b);
	procs_close(pr);
	procfs_close(pf);
}

/* The sample of a task source's first rows (exact_global_top) on a new
 * sampler, whose scratch holds nothing of an earlier ranking (as
 * test_sample_tasks_top's samplers after the full one do): the rows,
 * ranks, points and victim of the full ranking (another new sampler),
 * for two sets of pages, with many ties broken by creation, across two
 * memory cgroups (ties by the task list, not by cgroup: the adj 200
 * ones tie in pairs i and i + 36, in b and a, in creation order one
 * way for one pair and the other for another), -1000 and tasks without
 * mm among them. */
static void
test_tasks_top_fresh(void **state)
{
	(void)state;
	enum { N = 64 };
	static char sys[64];
	char root[512], why[ZT_WHY_LEN], p[600];
	static struct badness_task t[N];
	static struct procs_row_hint h[N];
	struct stat sa, sb;

	mkroot(sys, sizeof sys, "fresh");
	snprintf(cg2dir, sizeof cg2dir, "%s", sys);	/* the teardown's */
	static const char *const dirs[] = { "a", "b", NULL };
	cg2_tree(sys, dirs);
	snprintf(p, sizeof p, "%s/fs/cgroup/a", sys);
	assert_int_equal(stat(p, &sa), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/b", sys);
	assert_int_equal(stat(p, &sb), 0);
	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	hints_fill(h, N, 500);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < N; i++) {
			int64_t pages = 100 * ((i * 5 + round * 3) % 4);
			t[i] = src_task(40000 + i, i % 9 == 0 ? 200 : 0, pages,
			    i < 36 ? sb.st_ino : sa.st_ino, (uint64_t)((i * 7) % N));
			if (i % 11 == 5)
				t[i].oom_score_adj = -1000;
			if (i % 13 == 6)
				t[i].flags |= BADNESS_F_NO_MM;
		}
		for (int want = 1; want <= 13; want += 6) {
			struct sampler_opts o = { .want_procs = true,
			    .detail_rows = -1 };
			struct zt_snapshot a, b;
			struct procfs *pf = procfs_open(root, why, sizeof why);
			assert_non_null(pf);
			assert_int_equal(procfs_set_sys_root(pf, sys, why,
			    sizeof why), 0);
			struct procs *pa = procs_open(pf), *pb = procs_open(pf);
			tasks_snapshot(&a);
			assert_int_equal(procs_sample_tasks(pa, &a, &o, t, h, N), 0);
			o.detail_rows = want;
			tasks_snapshot(&b);
			assert_int_equal(procs_sample_tasks(pb, &b, &o, t, h, N), 0);
			assert_int_equal(b.predicted_victim, a.predicted_victim);
			assert_int_equal(b.nprocs, want);
			for (int i = 0; i < want; i++) {
				assert_int_equal(b.procs[i].pid, a.procs[i].pid);
				assert_int_equal(b.procs[i].rank, i + 1);
				assert_true(b.procs[i].points == a.procs[i].points);
			}
			snapshot_free(&a);
			snapshot_free(&b);
			procs_close(pa);
			procs_close(pb);
			procfs_close(pf);
		}
	}
}

/* The first rows' ranking (exact_global_top) when no task has points,
 * or one: all adj -1000 (scored 0), all without counters (no score):
 * no victim; seven -1000 and one -999 with no pages, made sixth, which
 * scores 0 ((1000 - 999) * 2 / 3 with totalpages a multiple of 1000)
 * and is the victim all the same (5.9+ starts from LONG_MIN), the
 * first row. */
static void
test_tasks_top_none(void **state)
{
	(void)state;
	char root[512], sys[512], why[ZT_WHY_LEN];
	struct badness_task t[8];
	struct procs_row_hint h[8];

	snprintf(root, sizeof root, "%s/" CAP, fixdir());
	snprintf(sys, sizeof sys, "%s/procs/sys-v1", fixdir());
	hints_fill(h, 8, 100);
	for (int k = 0; k < 3; k++) {
		struct sampler_opts o = { .want_procs = true,
		    .detail_rows = k == 2 ? 1 : 0 };
		struct zt_snapshot s;
		for (int i = 0; i < 8; i++) {
			t[i] = src_task(17000 + i, -1000, 1000, 0, (uint64_t)i);
			if (k == 1) {
				t[i].oom_score_adj = 0;
				t[i].rss_anon = BADNESS_NA;
			}
		}
		if (k == 2) {
			t[5].oom_score_adj = -999;
			t[5].rss_anon = 0;
		}
		struct procfs *pf = procfs_open(root, why, sizeof why);
		assert_non_null(pf);
		assert_int_equal(procfs_set_sys_root(pf, sys, why, sizeof why), 0);
		struct procs *p = procs_open(pf);
		tasks_snapshot(&s);
		/* 6171000 pages: adj -999 weighs exactly -999 * 6171 */
		kvs_set(&s.meminfo, "MemTotal", 24684000);
		assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 8), 0);
		assert_int_equal(s.predicted_victim, k == 2 ? 17005 : 0);
		if (k == 2) {
			assert_int_equal(s.nprocs, 1);
			assert_int_equal(s.procs[0].pid, 17005);
			assert_int_equal(s.procs[0].oom_score, 0);
		}
		snapshot_free(&s);
		procs_close(p);
		procfs_close(pf);
	}
}

/* --cgroup with a task source's first rows (exact_global_top): its two
 * members, made last, rank first, so their candidates moved; the view
 * finds them where they are now (40 MiB before 20 MiB in the row). */
static void
test_tasks_top_view(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
	    .filter_cgroup = "/zt-fixture" };
	struct zt_snapshot s;
	struct badness_task t[8];
	struct procs_row_hint h[8];

	memset(h, 0, sizeof h);
	for (int i = 0; i < 8; i++) {
		t[i] = src_task(18000 + i, 0, 100, 0, (uint64_t)i);
		snprintf(h[i].comm, sizeof h[i].comm, "v%d", i);
		h[i].state = 'S';
		h[i].start_time = 100 + (uint64_t)i;
	}
	/* the capture's members of /zt-fixture (its cgroup.procs) */
	t[6] = src_task(15112, 0, 5120, 0, 6);
	t[7] = src_task(15113, 0, 10240, 0, 7);
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 8), 0);
	assert_int_equal(s.cgroup.predicted_victim, 15113);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 15113);
	assert_int_equal(s.procs[0].rank, 1);
	assert_int_equal(s.procs[0].cgroup_rank, 1);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* Page tables of 8 MiB (VmPTE 8192 kB): 2048 pages of points, the bytes
 * divided by the page size (4096), in the global ranking. */
static void
test_sample_pte(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;
	struct procs *pr;

	cap_root_new(root, sizeof root, "pte");
	mkproc(root, 800, 666, 400, 10, 0);
	put(root, "800/status", "Name:\tt800\nState:\tS (sleeping)\n"
	    "Uid:\t1000\t1000\t1000\t1000\nVmRSS:\t400 kB\nRssAnon:\t400 kB\n"
	    "RssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t8192 kB\nVmSwap:\t0 kB\n"
	    "CapEff:\t0000000000000000\n");
	cap_kernel = "6.18.44";
	pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].points, 100 + 2048);
	assert_int_equal(s.predicted_victim, 800);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A task out of the first 8 no longer has its figures read every
 * refresh: the first listed (its entry the first) ranks 7th, then two
 * whose scores moved (read again) pass it; its status grows tenfold,
 * its score stands: it keeps the figures read before. */
static void
test_sample_hot_drop(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	int order[10];
	static const int64_t kb[10] = { 1600, 4000, 3600, 3200, 2800, 2400,
		2000, 1200, 800, 400 };
	char rel[64];

	cap_root_new(root, sizeof root, "hotdrop");
	/* (pids whose turn, gen + pid a multiple of 32, is not in gens 1-3) */
	for (int i = 0; i < 10; i++)
		mkproc(root, 900 + i, 666, 400, 3000 + (uint64_t)i, 0);
	assert_int_equal(listed(root, order, 10), 10);
	for (int r = 0; r < 10; r++)
		put_status(root, order[r], kb[r]);
	cap_kernel = "6.18.44";
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_int_equal(s.procs[6].pid, order[0]);
	snapshot_free(&s);
	for (int r = 8; r < 10; r++) {
		snprintf(rel, sizeof rel, "%d/oom_score", order[r]);
		put(root, rel, "667\n");
		put_status(root, order[r], 40000 + 4000 * (int64_t)r);
	}
	sample_once(pr, &s, &o);
	assert_int_equal(s.procs[8].pid, order[0]);
	snapshot_free(&s);
	put_status(root, order[0], 16000);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	assert_int_equal(row_of(&s, order[0])->points, 1600 / 4 + 1);
	assert_int_equal(s.procs[8].pid, order[0]);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* The same past the first rows' cut: 80 tasks, the view's three
 * members the first and two below the 65 ordered at first (the rest,
 * ordered when the view looks: cand_sort_rest), the lower pid the
 * fewer pages; the view finds each where that sort put it. */
static void
test_tasks_rest_view(void **state)
{
	(void)state;
	enum { N = 80 };
	static char sys[64];
	struct sampler_opts o = { .want_procs = true, .detail_rows = 3,
	    .filter_cgroup = "/app" };
	struct zt_snapshot s;
	static struct badness_task t[N];
	static struct procs_row_hint h[N];

	mkroot(sys, sizeof sys, "restview");
	snprintf(cg2dir, sizeof cg2dir, "%s", sys);	/* the teardown's */
	static const char *const dirs[] = { "app", NULL };
	cg2_tree(sys, dirs);
	put(sys, "fs/cgroup/app/cgroup.procs", "19000\n19001\n19002\n");
	memset(h, 0, sizeof h);
	for (int i = 0; i < N; i++) {
		t[i] = src_task(19100 + i, 0, 1000 + 10 * i, 0, (uint64_t)i);
		snprintf(h[i].comm, sizeof h[i].comm, "w%d", i);
		h[i].state = 'S';
		h[i].start_time = 100 + (uint64_t)i;
	}
	t[0] = src_task(19000, 0, 50000, 0, 0);
	t[1] = src_task(19002, 0, 30, 0, 1);
	t[2] = src_task(19001, 0, 20, 0, 2);
	struct procfs *pf;
	struct procs *p = cap_tasks(sys, &pf);
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, N), 0);
	assert_int_equal(s.nprocs, 3);
	static const int want[] = { 19000, 19002, 19001 };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.procs[i].pid, want[i]);
		assert_int_equal(s.procs[i].cgroup_rank, i + 1);
	}
	assert_int_equal(s.procs[1].rank, N - 1);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* ---------------------------------------------------------------- */
/* The rows' selection (mb): procs_close(NULL), the rows a task source
 * is asked for, a uid that changed between -u's two looks, a task
 * source that gave no uid, the path-judged --cgroup's row count. */

/* A task source over arrays, counting the calls of get. */
static const struct badness_task *mb_tasks;
static const struct procs_row_hint *mb_hints;
static int mb_calls;
static const char *mb_root;	/* made-up root: status to rewrite */
static int mb_flip;		/* its pid whose uid turns 0 once ranked */
static int mb_n;		/* tasks in the source */

static void
mb_get(const void *src, int i, struct badness_task *t,
    struct procs_row_hint *h)
{
	(void)src;
	*t = mb_tasks[i];
	*h = mb_hints[i];
	/* asked again, for its row: the task's uid changes now */
	if (++mb_calls > mb_n && mb_root != NULL && t->tgid == mb_flip) {
		char rel[64];
		snprintf(rel, sizeof rel, "%d/status", mb_flip);
		put(mb_root, rel, "Name:\tflip\nState:\tS (sleeping)\n"
		    "Uid:\t0\t0\t0\t0\nVmRSS:\t400 kB\nRssAnon:\t400 kB\n"
		    "RssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t4 kB\n");
	}
}

/* One procs_sample_source() over tasks[0..n) into s: the calls of get
 * beyond the ranking's one per task (the rows asked for). */
static int
mb_sample(struct procs *p, struct zt_snapshot *s, const struct sampler_opts *o,
    const struct badness_task *t, const struct procs_row_hint *h, int n)
{
	mb_tasks = t;
	mb_hints = h;
	mb_n = n;
	mb_calls = 0;
	tasks_snapshot(s);
	assert_int_equal(procs_sample_source(p, s, o, mb_get, NULL, n), 0);
	assert_true(mb_calls >= n);
	return mb_calls - n;
}

static void
test_mb_close_null(void **state)
{
	(void)state;
	procs_close(NULL);
}

/* Details only for the rows shown (procs.h): a task source is asked
 * once per task to rank, then once for each row it shows, no more
 * (--top, -p, -u); each row keeps what the source said of it (comm,
 * state, start time, uid). */
static void
test_mb_source_rows(void **state)
{
	enum { N = 100 };
	(void)state;
	static struct badness_task t[N];
	static struct procs_row_hint h[N];
	struct sampler_opts o = { .want_procs = true, .detail_rows = 3 };
	struct zt_snapshot s;
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);
	int pids[] = { 40050, 40007, 40090, 40020, 0 };

	for (int i = 0; i < N; i++)
		t[i] = src_task(40000 + i, 0, 10 * (int64_t)(N - i), 0, 1);
	hints_fill(h, N, 100);
	memset(h[1].comm, 'c', sizeof h[1].comm);	/* no NUL */
	h[2].state = 'D';
	assert_int_equal(mb_sample(p, &s, &o, t, h, N), 3);
	assert_int_equal(s.nprocs, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.procs[i].pid, 40000 + i);
		assert_int_equal(s.procs[i].rank, i + 1);
		assert_true(s.procs[i].start_time == 100 + (uint64_t)i);
		assert_int_equal(s.procs[i].uid, 1000);
	}
	assert_string_equal(s.procs[0].comm, "h0");
	assert_string_equal(s.procs[1].comm, "cccccccccccccccc");
	assert_int_equal(s.procs[0].state, 'S');
	assert_int_equal(s.procs[2].state, 'D');
	snapshot_free(&s);

	o.detail_rows = 2;
	o.filter_pids = pids;
	assert_int_equal(mb_sample(p, &s, &o, t, h, N), 2);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 40007);
	assert_int_equal(s.procs[1].pid, 40020);
	assert_int_equal(s.procs[1].rank, 21);
	snapshot_free(&s);

	/* -u: the source's uids, no status read; 40000 and 40001 are not
	 * the user's */
	o.filter_pids = NULL;
	o.filter_user = "1000";
	t[0].uid = 0;
	t[1].uid = 5;
	assert_int_equal(mb_sample(p, &s, &o, t, h, N), 2);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 40002);
	assert_int_equal(s.procs[1].pid, 40003);
	snapshot_free(&s);
	o.filter_user = "0";
	o.detail_rows = -1;
	assert_int_equal(mb_sample(p, &s, &o, t, h, N), 1);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 40000);
	assert_int_equal(s.procs[0].uid, 0);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* -u looks at a task's uid twice: before its details (PID/status
 * alone) and in them.  A task whose uid changed between the two (a
 * setuid) is not the user's any more: its row is not shown. */
static void
test_mb_uid_changed(void **state)
{
	(void)state;
	static char root[64];
	struct badness_task t[4];
	struct procs_row_hint h[4];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_user = "1000" };
	struct zt_snapshot s;
	struct procfs *pf;

	cap_root_new(root, sizeof root, "mbuid");
	for (int i = 0; i < 4; i++) {
		mkproc(root, 500 + i, 900 - i, 400, 10 + (uint64_t)i, 0);
		t[i] = src_task(500 + i, 0, 1000 - 100 * (int64_t)i, 0, 1);
		t[i].uid = BADNESS_NA;	/* PID/status tells */
	}
	memset(h, 0, sizeof h);
	struct procs *p = open_root(root, &pf);

	assert_int_equal(mb_sample(p, &s, &o, t, h, 4), 4);
	assert_int_equal(s.nprocs, 4);
	snapshot_free(&s);
	mb_root = root;
	mb_flip = 501;
	mb_sample(p, &s, &o, t, h, 4);
	mb_root = NULL;
	assert_int_equal(s.nprocs, 3);
	assert_int_equal(s.procs[0].pid, 500);
	assert_int_equal(s.procs[1].pid, 502);
	assert_int_equal(s.procs[2].pid, 503);
	snapshot_free(&s);
	o.filter_user = "0";
	mb_sample(p, &s, &o, t, h, 4);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 501);
	assert_int_equal(s.procs[0].uid, 0);
	snapshot_free(&s);
	/* --top 2: 500 and 501 read first; 501 turns out another user's,
	 * and one more row is read for the one place left, no more */
	put_status(root, 501, 400);
	o.filter_user = "1000";
	o.detail_rows = 2;
	mb_root = root;
	assert_int_equal(mb_sample(p, &s, &o, t, h, 4), 3);
	mb_root = NULL;
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 500);
	assert_int_equal(s.procs[1].pid, 502);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* A task the source gave no uid for (BADNESS_NA, which badness.h
 * allows; no source of this tree gives one with a readable PID/status):
 * its row takes the uid from PID/status, as -u's first look does, and
 * -u finds it (the capture's status files all say uid 0). */
static void
test_mb_source_no_uid(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct badness_task t[2] = {
		src_task(15112, 0, 4000, 0, 10),
		src_task(15113, 0, 3000, 0, 20),
	};
	struct procs_row_hint h[2];
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);

	hints_fill(h, 2, 100);
	t[0].uid = BADNESS_NA;
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 2), 0);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_int_equal(s.procs[0].uid, 0);
	assert_string_equal(s.procs[0].user, "0");
	assert_int_equal(s.procs[1].uid, 1000);
	snapshot_free(&s);
	o.filter_user = "0";
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 2), 0);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_int_equal(s.procs[0].uid, 0);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* --cgroup judged by each row's own path (no hierarchy under the sys
 * root) with --top 1: one row, the first member. */
static void
test_mb_path_top(void **state)
{
	(void)state;
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
	    .filter_cgroup = "/zt-fixture" };

	sample_capture(&s, &o, NULL);
	assert_false(s.cgroup.have);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_int_equal(s.cgroup.predicted_victim, 15112);
	snapshot_free(&s);
}

/* -u on a proc root (no task source): each task's own PID/status
 * decides, not another contender's exact figures. */
static void
test_mb_proc_uids(void **state)
{
	(void)state;
	static char root[64];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_user = "0" };
	struct zt_snapshot s;
	struct procfs *pf;

	cap_root_new(root, sizeof root, "mbpuid");
	for (int i = 0; i < 4; i++)
		mkproc(root, 600 + i, 900 - i, 4000 - 100 * (int64_t)i,
		    10 + (uint64_t)i, 0);
	put(root, "602/status", "Name:\tt602\nState:\tS (sleeping)\n"
	    "Uid:\t0\t0\t0\t0\nVmRSS:\t3800 kB\nRssAnon:\t3800 kB\n"
	    "RssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t4 kB\nVmSwap:\t0 kB\n");
	struct procs *p = open_root(root, &pf);

	sample_once(p, &s, &o);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 602);
	assert_int_equal(s.procs[0].uid, 0);
	snapshot_free(&s);
	o.filter_user = "1000";
	sample_once(p, &s, &o);
	assert_int_equal(s.nprocs, 3);
	assert_int_equal(s.procs[0].pid, 600);
	assert_int_equal(s.procs[1].pid, 601);
	assert_int_equal(s.procs[2].pid, 603);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* --cgroup judged by the rows' own paths with a task source and --top
 * 1: rows are examined in rank order until one matches (procs.h), the
 * first batch of them then, not the 70 there are. */
static void
test_mb_path_batch(void **state)
{
	enum { N = 70 };
	(void)state;
	char capdir[512];
	static struct badness_task t[N];
	static struct procs_row_hint h[N];
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
	    .filter_cgroup = "/zt-fixture" };
	struct zt_snapshot s;
	struct procfs *pf;

	snprintf(capdir, sizeof capdir, "%s/" CAP, fixdir());
	struct procs *p = cap_tasks(capdir, &pf);
	t[0] = src_task(15112, 0, 100000, 0, 1);
	for (int i = 1; i < N; i++)	/* no files: no cgroup path */
		t[i] = src_task(41000 + i, 0, 1000 - i, 0, 1);
	hints_fill(h, N, 100);
	int asked = mb_sample(p, &s, &o, t, h, N);
	assert_false(s.cgroup.have);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_string_equal(s.procs[0].cgroup, "/zt-fixture");
	assert_true(asked >= 1 && asked < N);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* A task source with more chosen tasks than the rows' worth ordered
 * first (exact_global_top): -p naming the very first task past them
 * finds it, in its place. */
static void
test_mb_past_top(void **state)
{
	enum { N = 100 };
	(void)state;
	static struct badness_task t[N];
	static struct procs_row_hint h[N];
	int pids[] = { 0, 0 };
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot a, s;
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);

	/* the later in tasks[], the bigger: the order is the reverse */
	for (int i = 0; i < N; i++)
		t[i] = src_task(42000 + i, 0, 100 + 10 * (int64_t)i, 0, 1);
	hints_fill(h, N, 100);
	mb_sample(p, &a, &o, t, h, N);
	assert_int_equal(a.nprocs, N);
	o.detail_rows = 1;
	for (int at = 60; at < 70; at++) {
		pids[0] = a.procs[at].pid;
		o.filter_pids = pids;
		mb_sample(p, &s, &o, t, h, N);
		assert_int_equal(s.nprocs, 1);
		assert_int_equal(s.procs[0].pid, 42000 + N - 1 - at);
		assert_int_equal(s.procs[0].rank, at + 1);
		snapshot_free(&s);
	}
	snapshot_free(&a);
	procs_close(p);
	procfs_close(pf);
}

/* Live: procs_open() on this machine's /proc and procs_close() leave
 * the fds as they were, the root's included (its "self" is read once,
 * not kept). */
static void
test_live_mb_open_fds(void **state)
{
	(void)state;
	char why[ZT_WHY_LEN];
	unsigned char before[128], now[128];
	int nbefore, nnow;
	struct procfs *pf = procfs_open("/proc", why, sizeof why);

	assert_non_null(pf);
	if (!procfs_live(pf)) {
		procfs_close(pf);
		skip();
	}
	open_fds(before, &nbefore);
	struct procs *p = procs_open(pf);
	assert_non_null(p);
	procs_close(p);
	open_fds(now, &nnow);
	assert_int_equal(nnow, nbefore);
	assert_int_equal(memcmp(now, before, sizeof now), 0);
	procfs_close(pf);
}

/* ---------------------------------------------------------------- */
/* ma (issue #16): the rows' details, read_row .. read_details        */

#include "proc_lib.h"

/* A sleeper of the namespace that obeys one byte at a time on cmd: 'n'
 * renames itself "ma2" ('m' "ma3"), 'c' makes its command line's first byte 'X'
 * (its size stays: no exec for the detail cache), 'l' its second a
 * newline (libproc2 gives a space there, procs.c's own read the
 * newline), 'u' becomes uid
 * 54321; a byte on done once ready and after each. */
static pid_t
ma_sleeper(int cmd, int done)
{
	pid_t kid = fork();

	if (kid == 0) {
		char c = 'r';
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, "ma");
		(void)!write(done, &c, 1);
		while (read(cmd, &c, 1) == 1) {
			if (c == 'n' || c == 'm')
				prctl(PR_SET_NAME, c == 'n' ? "ma2" : "ma3");
			else if (c == 'c')
				program_invocation_name[0] = 'X';
			else if (c == 'l')
				program_invocation_name[1] = '\n';
			else if (c == 'u' && setresuid(54321, 54321, 54321) != 0)
				_exit(1);
			(void)!write(done, &c, 1);
		}
		for (;;)
			pause();
	}
	return kid;
}

/* Tell sleeper cmd c and wait for its answer. */
static bool
ma_tell(int cmd, int done, char c)
{
	char a;

	return write(cmd, &c, 1) == 1 && read(done, &a, 1) == 1 && a == c;
}

/* pid's oom_score_adj set to adj. */
static bool
ma_adj(pid_t pid, int adj)
{
	char p[64];
	FILE *f;

	snprintf(p, sizeof p, "/proc/%d/oom_score_adj", (int)pid);
	f = fopen(p, "w");
	if (f == NULL)
		return false;
	bool ok = fprintf(f, "%d\n", adj) > 0;
	return fclose(f) == 0 && ok;
}

/* The rows of a live /proc through the detail cache, every row asked
 * for (a pid namespace: this task (adj 50), 63 sleepers (40), then A,
 * B, C whose adj 30, 20, 10 rank them 65th to 67th, below DETAIL_TOP,
 * and its init (0) last; an adj is raised only, without
 * CAP_SYS_RESOURCE).  The first refresh reads every row itself
 * (own_details): name, state, uid, user, start time, command line,
 * cgroup, adj; the first sleeper's command line holds a newline, kept
 * by the own read.  Then the init and A change their command lines in
 * place (no exec: statm's size stands), B becomes uid 54321, C renames
 * itself and changes its command line, and each of A, B, C's adj goes up by 5 (its score moves, not
 * always at 1: the exact pass reads its PID/status again).  At the
 * second refresh (no row shown) their rows take comm, state and uid
 * from the exact pass (row_src) and the rest from the cache: A's
 * command line as cached, B's new uid named anew (54321, no passwd
 * entry), C's new name and command line (read again: a new name may
 * be an exec; C is the last listed, the exact pass's first task).  At the third,
 * every row shown (PID/status read again through the cache), A's
 * command line is read again (the cache counted its statm elsewhere
 * before); the init's stays cached; a new task D (adj 123, a newline
 * in its command line) is a miss, read through libproc2 where it
 * answers (a space for the newline), else procs.c's own reads: the
 * same fields.  Then a row the cache forgot, and a task source's. */
static void
ma_ns_body(int init_cmd, int init_done)
{
	enum { X = 63, N = X + 4 };	/* the sleepers, A B C after X */
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
		.own_details = true };
	struct zt_snapshot s;
	char why[ZT_WHY_LEN], cmd0[64];
	int cmd[N][2], done[2];
	pid_t kid[N];
	char a;

	snprintf(cmd0, sizeof cmd0, "%s", program_invocation_name);
	NS_CHECK(ma_adj(getpid(), 50));
	NS_CHECK(pipe(done) == 0);
	struct proc_lib *pl = proc_lib_open();
	bool lib = pl != NULL;
	proc_lib_close(pl);
	for (int i = 0; i < N - 1; i++) {
		NS_CHECK(pipe(cmd[i]) == 0);
		kid[i] = ma_sleeper(cmd[i][0], done[1]);
		NS_CHECK(kid[i] > 0 && read(done[0], &a, 1) == 1);
		if (i == 0)
			NS_CHECK(ma_tell(cmd[0][1], done[0], 'l'));
		NS_CHECK(ma_adj(kid[i], i < X ? 40 : 10 * (3 - (i - X))));
	}
	ns_last(kid[N - 2]);
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	NS_CHECK(pf != NULL && procfs_live(pf));
	if (pf == NULL)
		return;
	struct procs *pr = procs_open(pf);

	for (int gen = 1; gen <= 3; gen++) {
		if (gen == 2) {
			NS_CHECK(ma_tell(init_cmd, init_done, 'c'));
			for (int i = X; i < X + 3; i++)
				NS_CHECK(ma_adj(kid[i], 10 * (3 - (i - X)) + 5));
			NS_CHECK(ma_tell(cmd[X][1], done[0], 'c'));
			NS_CHECK(ma_tell(cmd[X + 1][1], done[0], 'u'));
			NS_CHECK(ma_tell(cmd[X + 2][1], done[0], 'n'));
			NS_CHECK(ma_tell(cmd[X + 2][1], done[0], 'c'));
			o.own_details = false;
		}
		if (gen == 3) {
			NS_CHECK(pipe(cmd[N - 1]) == 0);
			kid[N - 1] = ma_sleeper(cmd[N - 1][0], done[1]);
			NS_CHECK(kid[N - 1] > 0 && read(done[0], &a, 1) == 1);
			NS_CHECK(ma_tell(cmd[N - 1][1], done[0], 'l'));
			NS_CHECK(ma_adj(kid[N - 1], 123));
			ns_last(kid[N - 1]);
			o.detail_rows = N + 2;
		}
		NS_CHECK(ns_sample(pr, &s, &o));
		NS_CHECK(s.nprocs == (gen == 3 ? N + 2 : N + 1));
		/* the init, the pid table's first entry, ranked last (adj
		 * 0): its command line as cached, read again when its row
		 * is shown (counted elsewhere before, as A's) */
		const struct zt_proc *r1 = row_of(&s, 1);
		NS_CHECK(r1 != NULL && r1->rank == s.nprocs &&
		    r1->start_time > 0 && r1->cmdline != NULL);
		NS_CHECK(r1 != NULL && r1->cmdline != NULL && r1->cmdline[0] ==
		    (gen == 3 ? 'X' : cmd0[0]) &&
		    strcmp(r1->cmdline + 1, cmd0 + 1) == 0);
		for (int k = 0; k < (gen == 3 ? N : N - 1); k++) {
			const struct zt_proc *r = row_of(&s, kid[k]);
			int abc = k - X;	/* A 0, B 1, C 2, D 3 */
			bool b = gen > 1 && abc == 1;
			NS_CHECK(r != NULL);
			if (r == NULL)
				continue;
			if (abc >= 0 && abc < 3)
				NS_CHECK(r->rank == X + 2 + abc + (gen == 3));
			NS_CHECK(strcmp(r->comm, gen > 1 && abc == 2 ?
			    "ma2" : "ma") == 0);
			NS_CHECK(r->state == 'S' || r->state == 'R');
			NS_CHECK(r->uid == (b ? 54321 : 0));
			NS_CHECK(strcmp(r->user, b ? "54321" : "root") == 0);
			char c1 = k == 0 || (abc == 3 && !lib) ? '\n' :
			    abc == 3 ? ' ' : cmd0[1];
			NS_CHECK(r->cmdline != NULL && r->cmdline[0] ==
			    ((gen == 3 && abc == 0) || (gen > 1 && abc == 2) ?
			    'X' : cmd0[0]));
			NS_CHECK(r->cmdline != NULL && r->cmdline[1] == c1 &&
			    strncmp(r->cmdline + 2, cmd0 + 2, strlen(cmd0 + 2)) == 0);
			NS_CHECK(r->cgroup != NULL && r->cgroup[0] == '/');
			NS_CHECK(r->oom_score_adj == (abc == 3 ? 123 :
			    abc < 0 ? 40 : 10 * (3 - abc) + 5 * (gen > 1)));
			NS_CHECK(r->start_time > 0);
		}
		snapshot_free(&s);
	}

	/* C unasked for DC_IDLE_DROP (8) refreshes: the cache forgets it,
	 * the exact pass keeps what it read (its score stands, not its
	 * turn); renamed again, C is a miss when every row is asked for:
	 * the name its own read gave, not the exact pass's */
	o.detail_rows = 1;
	for (int i = 0; i < 8; i++) {
		NS_CHECK(ns_sample(pr, &s, &o));
		snapshot_free(&s);
	}
	NS_CHECK(ma_tell(cmd[X + 2][1], done[0], 'm'));
	o.detail_rows = -1;
	NS_CHECK(ns_sample(pr, &s, &o));
	const struct zt_proc *rc = row_of(&s, kid[X + 2]);
	NS_CHECK(rc != NULL && rc->rank > 64 && strcmp(rc->comm, "ma3") == 0);
	uint64_t start[2] = { 0, 0 };
	for (int i = 0; i < 2; i++) {
		const struct zt_proc *r = row_of(&s, kid[1 + i]);
		NS_CHECK(r != NULL);
		if (r != NULL)
			start[i] = r->start_time;
	}
	snapshot_free(&s);
	procs_close(pr);

	/* a task source's rows (procs_sample_tasks) with name and state
	 * hinted: the hint's name, not PID/status's, from the cache too
	 * (two refreshes, rows shown) */
	struct badness_task t[2];
	struct procs_row_hint h[2];
	hints_fill(h, 2, 0);
	for (int i = 0; i < 2; i++) {
		t[i] = src_task(kid[1 + i], 0, 1000 - 10 * i, 0, start[i]);
		h[i].start_time = start[i];
	}
	pr = procs_open(pf);
	o.detail_rows = 2;
	for (int gen = 1; gen <= 2; gen++) {
		tasks_snapshot(&s);
		NS_CHECK(procs_sample_tasks(pr, &s, &o, t, h, 2) == 0);
		NS_CHECK(s.nprocs == 2);
		for (int i = 0; i < s.nprocs && i < 2; i++)
			NS_CHECK(s.procs[i].pid == kid[1 + i] &&
			    strcmp(s.procs[i].comm, i ? "h1" : "h0") == 0);
		snapshot_free(&s);
	}
	procs_close(pr);
	procfs_close(pf);
	for (int i = 0; i < N; i++)
		ns_kill(kid[i]);
}

/* The namespace's init: an idle task (the first entry of the pid
 * table) that changes its command line when told ('c'), while its
 * child runs ma_ns_body, whose checks come back through shared memory. */
static void
ma_ns_cache(void)
{
	int cmd[2], done[2];
	char c;
	struct ns_result *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	NS_CHECK(sh != MAP_FAILED && pipe(cmd) == 0 && pipe(done) == 0);
	if (sh == MAP_FAILED)
		return;
	*sh = *ns_r;
	pid_t kid = fork();
	if (kid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		ns_r = sh;
		close(cmd[0]);
		close(done[1]);
		ma_ns_body(cmd[1], done[0]);
		_exit(0);
	}
	NS_CHECK(kid > 0);
	close(cmd[1]);
	close(done[0]);
	while (kid > 0 && read(cmd[0], &c, 1) == 1) {
		if (c == 'c')
			program_invocation_name[0] = 'X';
		(void)!write(done[1], &c, 1);
	}
	if (kid > 0)
		waitpid(kid, NULL, 0);
	*ns_r = *sh;
	munmap(sh, sizeof *sh);
}

static void
test_ma_ns_cache(void **state)
{
	(void)state;
	ns_run(ma_ns_cache);
}

/* read_row on a made-up root (a capture: procs.c's own reads, no
 * detail cache): 300 a status without Name or State (comm and state
 * from PID/stat), uid 4242 named by its number, its command line's
 * NULs made spaces and its cgroup's path; 301 a status that cannot be
 * read (no uid: no user; comm and state from PID/stat); 302 without a
 * command line or cgroup file (a capture may lack them: kept, none);
 * 303 without PID/status (gone: no row); 304 a status whose State is
 * R (not PID/stat's S). */
static void
test_ma_read_row(void **state)
{
	(void)state;
	static char root[64];
	char rel[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	made_root(root, sizeof root, "marow");
	for (int pid = 300; pid <= 304; pid++)
		mkproc(root, pid, 600 + pid, 400, 5000 + (uint64_t)pid, 0);
	put(root, "300/status", "Uid:\t4242\t4242\t4242\t4242\nVmRSS:\t400 kB\n"
	    "RssAnon:\t400 kB\nRssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t4 kB\n"
	    "VmSwap:\t0 kB\n");
	char path[600];
	snprintf(path, sizeof path, "%s/300/cmdline", root);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite("sleep\0" "30\0", 1, 9, f), 9);
	assert_int_equal(fclose(f), 0);
	put(root, "300/cgroup", "0::/a/b\n");
	unreadable(root, "301/status");
	rm_under(root, "302/cmdline");
	rm_under(root, "302/cgroup");
	rm_under(root, "303/status");
	snprintf(rel, sizeof rel, "%d/status", 304);
	put(root, rel, "Name:\tr304\nState:\tR (running)\nUid:\t0\t0\t0\t0\n"
	    "VmRSS:\t400 kB\nRssAnon:\t400 kB\nRssFile:\t0 kB\nRssShmem:\t0 kB\n"
	    "VmPTE:\t4 kB\nVmSwap:\t0 kB\n");

	cap_kernel = "6.18.44";
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	assert_null(row_of(&s, 303));
	const struct zt_proc *r = row_of(&s, 300);
	assert_non_null(r);
	assert_string_equal(r->comm, "t300");
	assert_int_equal(r->state, 'S');
	assert_int_equal(r->uid, 4242);
	assert_string_equal(r->user, "4242");
	assert_int_equal(r->start_time, 5300);
	assert_string_equal(r->cmdline, "sleep 30");
	assert_string_equal(r->cgroup, "/a/b");
	r = row_of(&s, 301);
	assert_non_null(r);
	assert_string_equal(r->comm, "t301");
	assert_int_equal(r->state, 'S');
	assert_int_equal(r->uid, ZT_NA);
	assert_string_equal(r->user, "");
	assert_int_equal(r->start_time, 5301);
	assert_string_equal(r->cmdline, "t");
	r = row_of(&s, 302);
	assert_non_null(r);
	assert_string_equal(r->comm, "t302");
	assert_string_equal(r->user, "1000");
	assert_null(r->cmdline);
	assert_null(r->cgroup);
	r = row_of(&s, 304);
	assert_non_null(r);
	assert_string_equal(r->comm, "r304");
	assert_int_equal(r->state, 'R');
	assert_string_equal(r->user, "0");
	assert_int_equal(r->start_time, 5304);
	assert_string_equal(r->cgroup, "/");
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
	cap_kernel = NULL;
}

/* row_hinted on a task source (procs_sample_tasks) over a made-up root
 * whose PID/status says Name st<pid>, State R, uid 777: a hint with a
 * name and a state is the row's (PID/status not read: name h0, state
 * S, the source's uid 1000); a hint without a name (401) or without a
 * state (402) leaves the row to PID/status: its name, state and uid. */
static void
test_ma_hinted(void **state)
{
	(void)state;
	static char root[64];
	char rel[64], text[256];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct badness_task t[3];
	struct procs_row_hint h[3];

	made_root(root, sizeof root, "mahint");
	hints_fill(h, 3, 100);
	h[1].comm[0] = '\0';
	h[2].state = 0;
	for (int i = 0; i < 3; i++) {
		int pid = 400 + i;
		t[i] = src_task(pid, 0, 3000 - 1000 * i, 0, 100 + (uint64_t)i);
		mkproc(root, pid, 0, 400, 100 + (uint64_t)i, 0);
		snprintf(rel, sizeof rel, "%d/status", pid);
		snprintf(text, sizeof text, "Name:\tst%d\nState:\tR (running)\n"
		    "Uid:\t777\t777\t777\t777\n", pid);
		put(root, rel, text);
	}
	struct procfs *pf;
	struct procs *p = open_root(root, &pf);
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 3), 0);
	assert_int_equal(s.nprocs, 3);
	static const char *const comm[] = { "h0", "st401", "st402" };
	for (int i = 0; i < 3; i++) {
		const struct zt_proc *r = &s.procs[i];
		assert_int_equal(r->pid, 400 + i);
		assert_string_equal(r->comm, comm[i]);
		assert_int_equal(r->state, i == 0 ? 'S' : 'R');
		assert_int_equal(r->uid, i == 0 ? 1000 : 777);
		assert_string_equal(r->user, i == 0 ? "1000" : "777");
		assert_int_equal(r->start_time, 100 + i);
	}
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* rf: tests/soak/referee.sh's findings.
 * A process whose main thread exited while its other threads run on
 * (pthread_exit in main): its leader is a zombie whose PID/status has
 * no Vm lines, but the kernel scores the process by the mm of a thread
 * that has one (find_lock_task_mm(), mm/oom_kill.c) and kills it.  The
 * /proc path takes the counters from PID/task/TID/status of such a
 * thread.  Here 501 (a zombie leader, 40000 kB in its thread 503)
 * outranks 500 (8000 kB). */
static void
test_rf_zombie_leader(void **state)
{
	(void)state;
	static char root[64];
	char p[600], q[600];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;
	struct procs *pr;
	static const char zombie[] = "Name:\tt501\nState:\tZ (zombie)\n"
	    "Tgid:\t501\nPid:\t501\nUid:\t1000\t1000\t1000\t1000\n"
	    "Threads:\t2\nSigPnd:\t0000000000000000\n"
	    "ShdPnd:\t0000000000000000\nCapEff:\t0000000000000000\n";

	mkroot(root, sizeof root, "rfzombie");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	mkproc(root, 500, 700, 8000, 10, 0);
	mkproc(root, 501, 700, 40000, 11, 0);
	/* 501's status as the kernel prints a zombie leader's; its thread
	 * 503 holds the mm (put_status writes 501/status: moved there) */
	snprintf(p, sizeof p, "%s/501/task", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/501/task/501", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/501/task/503", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/501/status", root);
	snprintf(q, sizeof q, "%s/501/task/503/status", root);
	assert_int_equal(rename(p, q), 0);
	put(root, "501/status", zombie);
	put(root, "501/task/501/status", zombie);
	/* a leader with Vm lines is read alone: 500's thread 502 (made to
	 * differ here) is not looked at */
	snprintf(p, sizeof p, "%s/500/task", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/500/task/502", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/502", root);
	assert_int_equal(mkdir(p, 0755), 0);
	put_status(root, 502, 80000);
	snprintf(p, sizeof p, "%s/502/status", root);
	snprintf(q, sizeof q, "%s/500/task/502/status", root);
	assert_int_equal(rename(p, q), 0);
	rm_under(root, "502");

	cap_kernel = "6.18.44";
	pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	const struct zt_proc *z = row_of(&s, 501);
	assert_non_null(z);
	assert_int_equal(z->points, 40000 / 4 + 1);
	assert_int_equal(z->rank, 1);
	assert_int_equal(s.predicted_victim, 501);
	assert_int_equal(row_of(&s, 500)->points, 8000 / 4 + 1);
	snapshot_free(&s);

	/* no thread with an mm: a process the kernel skips */
	rm_under(root, "501/task/503");
	sample_once(pr, &s, &o);
	assert_int_equal(s.predicted_victim, 500);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* ---- mc: cgroup_victim .. procs_sample_source (mutation testing) ---- */

/* A made-up root (cap_root_new) with tasks 700, 701 and 702 (scores
 * 500, 100, 50), a v2 cgroup /app holding the pids of members (one a
 * line, its cgroup.procs) and, unless NULL, its memory.max; its
 * sampler. */
static struct procs *
mc_app_root(char *root, size_t len, const char *name, const char *members,
    const char *max, struct procfs **pf)
{
	static const char *const dirs[] = { "app", NULL };
	const char *m = members;
	char rel[64];
	int pid, used;

	cap_root_new(root, len, name);
	mkproc(root, 700, 500, 400, 10, 0);
	mkproc(root, 701, 100, 400, 11, 0);
	mkproc(root, 702, 50, 400, 12, 0);
	while (sscanf(m, "%d%n", &pid, &used) == 1) {
		snprintf(rel, sizeof rel, "%d/cgroup", pid);
		put(root, rel, "0::/app\n");
		m += used;
	}
	cg2_tree(root, dirs);
	put(root, "fs/cgroup/app/cgroup.procs", members);
	if (max != NULL)
		put(root, "fs/cgroup/app/memory.max", max);
	return open_root(root, pf);
}

/* The index of the cgroup at path in s's cgroups, -1 none. */
static int
mc_cgroup_at(const struct zt_snapshot *s, const char *path)
{
	for (int i = 0; i < s->ncgroups; i++)
		if (strcmp(s->cgroups[i].path, path) == 0)
			return i;
	return -1;
}

/* --cgroup without points (no kernel release): the victim is the first
 * member by score that scores, among this sample's tasks only, not a
 * task of an earlier one (left in cand[] past ncand, where the view put
 * its members first) that cgroup.procs, read before it exited, still
 * names. */
static void
test_mc_victim_gone_member(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = "/app" };
	struct procfs *pf;
	struct procs *pr = mc_app_root(root, sizeof root, "mcvic", "701\n702\n",
	    "67108864\n", &pf);

	sample_once(pr, &s, &o);
	assert_true(s.cgroup.have);
	assert_int_equal(s.cgroup.predicted_victim, 701);
	snapshot_free(&s);
	/* both members exit */
	rm_under(root, "701");
	rm_under(root, "702");
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs_total, 1);
	assert_int_equal(s.nprocs, 0);
	assert_int_equal(s.cgroup.predicted_victim, 0);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* The totalpages of a v1 scope at root/fs/cgroup/memory/app (64 MiB,
 * memsw 128 MiB: 16384 pages and 16384 of swap) with 1 GiB of swap and
 * the global swappiness sw (ZT_NA: unknown). */
static int64_t
mc_v1_total(struct procs *pr, int64_t sw)
{
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	int64_t total;

	snap_meminfo(&s);
	kvs_set(&s.meminfo, "SwapTotal", 1048576);
	s.sysctl.swappiness = sw;
	assert_int_equal(procs_sample(pr, &s, &o), 0);
	int app = mc_cgroup_at(&s, "/app");
	assert_true(app >= 0);
	total = s.cgroups[app].totalpages;
	snapshot_free(&s);
	return total;
}

/* mem_cgroup_get_max() on v1: the limit, plus the memsw allowance
 * (capped by the swap) only when the memcg's swappiness is not 0; that
 * swappiness is the cgroup's own (memory.swappiness), the global one
 * where it is unknown, 60 (the default) where both are. */
static void
test_mc_scope_swappiness(void **state)
{
	(void)state;
	static char root[64];
	char p[600];
	struct procfs *pf;
	struct procs *pr;

	cap_root_new(root, sizeof root, "mcswp");
	mkproc(root, 701, 100, 400, 11, 0);
	snprintf(p, sizeof p, "%s/fs", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/memory", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/fs/cgroup/memory/app", root);
	assert_int_equal(mkdir(p, 0755), 0);
	put(root, "fs/cgroup/memory/cgroup.procs", "1\n");
	put(root, "fs/cgroup/memory/app/cgroup.procs", "701\n");
	put(root, "fs/cgroup/memory/app/memory.limit_in_bytes", "67108864\n");
	put(root, "fs/cgroup/memory/app/memory.memsw.limit_in_bytes",
	    "134217728\n");
	put(root, "fs/cgroup/memory/app/memory.swappiness", "0\n");
	pr = open_root(root, &pf);
	/* its own 0, whatever the global one says */
	assert_int_equal(mc_v1_total(pr, 60), 16384);
	put(root, "fs/cgroup/memory/app/memory.swappiness", "30\n");
	assert_int_equal(mc_v1_total(pr, 0), 32768);
	/* none of its own (a new sampler: kept files are read anew): the
	 * global one, else 60 */
	procs_close(pr);
	procfs_close(pf);
	rm_under(root, "fs/cgroup/memory/app/memory.swappiness");
	pr = open_root(root, &pf);
	assert_int_equal(mc_v1_total(pr, 0), 16384);
	assert_int_equal(mc_v1_total(pr, 60), 32768);
	assert_int_equal(mc_v1_total(pr, ZT_NA), 32768);
	procs_close(pr);
	procfs_close(pf);
}

/* --cgroup on an unlimited cgroup, one row: the contenders are the
 * tasks that can still top the rows and the view's members, not every
 * task (a non-member below the floor is not read). */
static void
test_mc_view_contenders(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
	    .filter_cgroup = "/app" };
	struct procfs *pf;
	struct procs *pr = mc_app_root(root, sizeof root, "mcvc", "702\n", NULL,
	    &pf);

	sample_once(pr, &s, &o);
	assert_true(s.cgroup.have);
	assert_int_equal(s.nprocs_total, 3);
	assert_int_equal(s.ncontenders, 2);	/* 700 and 702 */
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 702);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A memcg OOM scans its scope cgroup by cgroup in pre-order
 * (mem_cgroup_scan_tasks) and a tie goes to the later scanned
 * (oom_evaluate_task takes points == chosen_points): in /app, its
 * children a then b, b's task wins a tie though it started first. */
static void
test_mc_scope_tie_order(void **state)
{
	(void)state;
	static char root[64];
	static const char *const dirs[] = { "app", "app/a", "app/b", NULL };
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;
	struct procs *pr;

	cap_root_new(root, sizeof root, "mctie");
	mkproc(root, 710, 300, 4000, 10, 0);	/* in b, started first */
	mkproc(root, 711, 300, 4000, 20, 0);	/* in a */
	put(root, "710/cgroup", "0::/app/b\n");
	put(root, "711/cgroup", "0::/app/a\n");
	cg2_tree(root, dirs);
	put(root, "fs/cgroup/app/memory.max", "67108864\n");
	put(root, "fs/cgroup/app/cgroup.procs", "");
	put(root, "fs/cgroup/app/a/cgroup.procs", "711\n");
	put(root, "fs/cgroup/app/b/cgroup.procs", "710\n");
	pr = open_root(root, &pf);
	cap_kernel = "6.18.44";
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	int app = mc_cgroup_at(&s, "/app");
	assert_true(app >= 0);
	assert_int_equal(s.cgroups[app].predicted_victim, 710);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A task source's start times are its own: the rows of pids that the
 * proc root holds too (the capture's 15112 and 15113, started at 87707
 * and 87709 by their PID/stat) keep the source's, not PID/stat's; its
 * page tables count in pages of page_kb. */
static void
test_mc_tasks_start(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);
	struct badness_task t[2] = {
		src_task(15112, 0, 2048, 0, 10),
		src_task(15113, 0, 1024, 0, 20),
	};
	struct procs_row_hint h[2];

	hints_fill(h, 2, 500);
	/* page tables in 4 KiB pages: 1023 (4092- or 4100-byte pages
	 * would make 1024 or 1022) */
	t[0].pgtables_bytes = 4096 * 1023;
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 2), 0);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_int_equal(s.procs[0].points, 2048 + 1023);
	assert_true(s.procs[0].start_time == 500);
	assert_int_equal(s.procs[1].pid, 15113);
	assert_true(s.procs[1].start_time == 501);
	snapshot_free(&s);
	/* one row of 8 (exact_global_top): the points tasks_add gave */
	struct badness_task t8[8];
	struct procs_row_hint h8[8];
	for (int i = 0; i < 8; i++)
		t8[i] = src_task(40000 + i, 0, 100, 0, 10 + (uint64_t)i);
	t8[5].rss_anon = 2048;
	t8[5].pgtables_bytes = 4096 * 1023;
	hints_fill(h8, 8, 500);
	o.detail_rows = 1;
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t8, h8, 8), 0);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 40005);
	assert_int_equal(s.procs[0].points, 2048 + 1023);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* The sampler falls back from a task source to /proc for good, with the
 * same tracker: a task the source gave is no kernel thread there (the
 * capture's 15112 and 15113, the same tasks by their start times). */
static void
test_mc_tasks_then_proc(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);
	struct badness_task t[2] = {
		src_task(15112, 0, 2048, 0, 10),
		src_task(15113, 0, 1024, 0, 20),
	};
	struct procs_row_hint h[2];
	int n = 0;

	hints_fill(h, 2, 0);
	h[0].start_time = 87707;
	h[1].start_time = 87709;
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, t, h, 2), 0);
	assert_int_equal(s.nprocs, 2);
	snapshot_free(&s);
	sample_once(p, &s, &o);
	for (int i = 0; i < s.nprocs; i++)
		if (s.procs[i].pid == 15112 || s.procs[i].pid == 15113)
			n++;
	assert_int_equal(n, 2);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* ---- md: mutation testing of procs_sample .. task_cgroup ---- */

/* A made-up root's sampler whose first file reads find fd 0 free
 * (stdin closed after procs_open, so the listing's dup is not 0): a
 * PID/ file read through fd 0 is read, and fd 0 closed after it, as
 * any other; the rows hold what the files say. */
static void
test_md_pid_file_fd0(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;
	int saved;

	mkroot(root, sizeof root, "mdfd0");
	snprintf(cg2dir, sizeof cg2dir, "%s", root);	/* the teardown's */
	copy_cap(root, "meminfo");
	mkproc(root, 300, 700, 400, 10, 0);
	mkproc(root, 301, 600, 200, 11, 0);
	struct procs *pr = open_root(root, &pf);
	saved = dup(0);
	assert_true(saved > 0);
	close(0);
	snap_meminfo(&s);
	int rc = procs_sample(pr, &s, &o);
	int fd0 = fcntl(0, F_GETFD);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
	assert_int_equal(rc, 0);
	/* nothing of the sample's holds fd 0 */
	assert_int_equal(fd0, -1);
	assert_int_equal(s.nprocs, 2);
	for (int i = 0; i < 2; i++) {	/* 300 first, 400 kB, then 301 */
		char comm[16];
		snprintf(comm, sizeof comm, "t%d", 300 + i);
		assert_int_equal(s.procs[i].pid, 300 + i);
		assert_string_equal(s.procs[i].comm, comm);
		assert_int_equal(s.procs[i].rss_kb, 400 - 200 * i);
	}
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* root/rel made a directory. */
static void
md_mkdir(const char *root, const char *rel)
{
	char p[600];

	snprintf(p, sizeof p, "%s/%s", root, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

/* root/from renamed root/to (a directory keeps its inode). */
static void
md_move(const char *root, const char *from, const char *to)
{
	char a[600], b[600];

	snprintf(a, sizeof a, "%s/%s", root, from);
	snprintf(b, sizeof b, "%s/%s", root, to);
	assert_int_equal(rename(a, b), 0);
}

/* A v2 memory hierarchy's root under root, no member listed. */
static void
md_cg_root(const char *root)
{
	md_mkdir(root, "fs");
	md_mkdir(root, "fs/cgroup");
	put(root, "fs/cgroup/cgroup.controllers", "memory\n");
	put(root, "fs/cgroup/cgroup.procs", "");
}

/* fs/cgroup/rel limited to 64 MiB, no member listed (its tasks are
 * found by id alone). */
static void
md_limit(const char *root, const char *rel)
{
	char r[128];

	snprintf(r, sizeof r, "fs/cgroup/%s/memory.max", rel);
	put(root, r, "67108864\n");
	snprintf(r, sizeof r, "fs/cgroup/%s/cgroup.procs", rel);
	put(root, r, "");
}

/* One procs_sample_tasks() of t[0..n) (hints made up) into s. */
static void
md_tasks_sample(struct procs *pr, struct zt_snapshot *s,
    const struct badness_task *t, int n)
{
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procs_row_hint h[8];

	assert_true(n <= 8);
	hp4_hints(h, n, "md", 100);
	tasks_snapshot(s);
	assert_int_equal(procs_sample_tasks(pr, s, &o, t, h, n), 0);
	assert_true(s->status[ZT_SRC_PROCS].ok);
}

/* A task source's memory cgroups by id (task_cgroup's bsearch of the
 * ino index): the tree is in pre-order, which is not the inodes'
 * order when a cgroup's child has an older directory than it (a made
 * before, moved in): a/x's inode below a's.  Each task is found in its
 * own cgroup by id alone (no cgroup.procs lists it): a's victim is its
 * own task, with more points than a/x's. */
static void
test_md_ino_unsorted(void **state)
{
	(void)state;
	static char root[64];
	char cg[600];
	struct zt_snapshot s;
	struct badness_task t[2];
	struct procfs *pf;

	hp4_root(root, sizeof root, "mdino");
	md_cg_root(root);
	md_mkdir(root, "fs/cgroup/d1");
	md_mkdir(root, "fs/cgroup/d2");
	snprintf(cg, sizeof cg, "%s/fs/cgroup", root);
	bool d1_older = ino_of(cg, "d1") < ino_of(cg, "d2");
	md_move(root, d1_older ? "fs/cgroup/d1" : "fs/cgroup/d2",
	    d1_older ? "fs/cgroup/d2/x" : "fs/cgroup/d1/x");
	md_move(root, d1_older ? "fs/cgroup/d2" : "fs/cgroup/d1",
	    "fs/cgroup/a");
	md_limit(root, "a");
	md_limit(root, "a/x");
	uint64_t ia = ino_of(cg, "a"), ix = ino_of(cg, "a/x");
	assert_true(ix < ia);
	t[0] = src_task(21001, 0, 1000, ix, 1);
	t[1] = src_task(21002, 0, 5000, ia, 2);
	struct procs *pr = open_root(root, &pf);
	md_tasks_sample(pr, &s, t, 2);
	assert_int_equal(s.ncgroups, 2);
	int a = cg_at(&s, "/a"), x = cg_at(&s, "/a/x");
	assert_int_equal(s.cgroups[a].predicted_victim, 21002);
	assert_int_equal(s.cgroups[x].predicted_victim, 21001);
	assert_int_equal(row_of(&s, 21002)->cgroup_scope, a);
	assert_int_equal(row_of(&s, 21001)->cgroup_scope, x);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* The ino index of a tree smaller than the last refresh's: only this
 * refresh's cgroups are searched.  Five directories made aside and
 * ordered by inode, v[0] the oldest: the first refresh's cgroups are
 * v[0..3], the second's v[0] and v[4], the newest (a task of each
 * found by id). */
static void
test_md_ino_shrunk(void **state)
{
	(void)state;
	static char root[64];
	char hold[600], name[5][16], from[64], to[64];
	struct zt_snapshot s;
	struct badness_task t[4];
	struct procfs *pf;
	uint64_t ino[5];
	int v[5];

	hp4_root(root, sizeof root, "mdshrunk");
	md_cg_root(root);
	md_mkdir(root, "hold");
	snprintf(hold, sizeof hold, "%s/hold", root);
	for (int i = 0; i < 5; i++) {
		snprintf(name[i], sizeof name[i], "c%d", i);
		snprintf(to, sizeof to, "hold/c%d", i);
		md_mkdir(root, to);
		ino[i] = ino_of(hold, name[i]);
		v[i] = i;
	}
	for (int i = 1; i < 5; i++)	/* v by inode */
		for (int j = i; j > 0 && ino[v[j]] < ino[v[j - 1]]; j--) {
			int k = v[j];
			v[j] = v[j - 1];
			v[j - 1] = k;
		}
	for (int i = 0; i < 4; i++) {
		snprintf(from, sizeof from, "hold/%s", name[v[i]]);
		snprintf(to, sizeof to, "fs/cgroup/%s", name[v[i]]);
		md_move(root, from, to);
		md_limit(root, name[v[i]]);
		t[i] = src_task(22000 + i, 0, 1000 * (i + 1), ino[v[i]],
		    (uint64_t)i + 1);
	}
	struct procs *pr = open_root(root, &pf);
	md_tasks_sample(pr, &s, t, 4);
	assert_int_equal(s.ncgroups, 4);
	for (int i = 0; i < 4; i++) {
		snprintf(to, sizeof to, "/%s", name[v[i]]);
		assert_int_equal(s.cgroups[cg_at(&s, to)].predicted_victim,
		    22000 + i);
	}
	snapshot_free(&s);

	for (int i = 1; i < 4; i++) {
		snprintf(from, sizeof from, "fs/cgroup/%s", name[v[i]]);
		snprintf(to, sizeof to, "hold/%s", name[v[i]]);
		md_move(root, from, to);
	}
	snprintf(from, sizeof from, "hold/%s", name[v[4]]);
	snprintf(to, sizeof to, "fs/cgroup/%s", name[v[4]]);
	md_move(root, from, to);
	md_limit(root, name[v[4]]);
	t[1] = src_task(22004, 0, 500, ino[v[4]], 5);
	md_tasks_sample(pr, &s, t, 2);
	assert_int_equal(s.ncgroups, 2);
	snprintf(to, sizeof to, "/%s", name[v[0]]);
	assert_int_equal(s.cgroups[cg_at(&s, to)].predicted_victim, 22000);
	snprintf(to, sizeof to, "/%s", name[v[4]]);
	assert_int_equal(s.cgroups[cg_at(&s, to)].predicted_victim, 22004);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* No memory cgroup hierarchy under the sys root (the tree empty): a
 * task's memory cgroup id names none; the task is ranked. */
static void
test_md_no_tree(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct badness_task t[1];
	struct procfs *pf;

	hp4_root(root, sizeof root, "mdnotree");
	t[0] = src_task(23001, 0, 1000, 4242, 1);
	struct procs *pr = open_root(root, &pf);
	md_tasks_sample(pr, &s, t, 1);
	assert_int_equal(s.ncgroups, 0);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 23001);
	assert_int_equal(s.procs[0].cgroup_scope, -1);
	assert_int_equal(s.predicted_victim, 23001);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A tree of exactly 32 cgroups, the root and 31 (its array's first
 * size, cgroup.c's): the ino index reads the tree's entries and no
 * more; a task found in its cgroup by id. */
static void
test_md_ino_full_tree(void **state)
{
	(void)state;
	static char root[64];
	char rel[64], cg[600];
	struct zt_snapshot s;
	struct badness_task t[1];
	struct procfs *pf;

	hp4_root(root, sizeof root, "mdfull");
	md_cg_root(root);
	for (int i = 0; i < 31; i++) {
		snprintf(rel, sizeof rel, "fs/cgroup/d%02d", i);
		md_mkdir(root, rel);
	}
	md_limit(root, "d07");
	snprintf(cg, sizeof cg, "%s/fs/cgroup", root);
	t[0] = src_task(24001, 0, 1000, ino_of(cg, "d07"), 1);
	struct procs *pr = open_root(root, &pf);
	md_tasks_sample(pr, &s, t, 1);
	assert_int_equal(s.ncgroups, 31);
	assert_int_equal(s.cgroups[cg_at(&s, "/d07")].predicted_victim, 24001);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* The test skipped where /proc is not live. */
static void
md_need_live(void)
{
	char why[ZT_WHY_LEN];
	struct procfs *pf = procfs_open("/proc", why, sizeof why);

	assert_non_null(pf);
	bool live = procfs_live(pf);
	procfs_close(pf);
	if (!live)
		skip();
}

/* kids[0..n) killed and reaped. */
static void
md_reap(const pid_t *kids, int n)
{
	for (int i = 0; i < n; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
}

/* How many fds this process has open on /proc/PID/name. */
static int
md_fds_on(int pid, const char *name)
{
	char link[128], want[64];
	struct dirent *de;
	int found = 0;
	DIR *d = opendir("/proc/self/fd");

	assert_non_null(d);
	snprintf(want, sizeof want, "/proc/%d/%s", pid, name);
	while ((de = readdir(d)) != NULL) {
		ssize_t n = readlinkat(dirfd(d), de->d_name, link, sizeof link - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		if (strcmp(link, want) == 0)
			found++;
	}
	closedir(d);
	return found;
}

/* A child that sleeps until killed and, when a byte comes on the pipe
 * *wr (made here), renames itself comm. */
static pid_t
md_renamer(int *wr, const char *comm)
{
	int fds[2];

	assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
	pid_t kid = fork();
	assert_true(kid >= 0);
	if (kid == 0) {
		char c;
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(fds[1]);
		if (read(fds[0], &c, 1) == 1)
			prctl(PR_SET_NAME, comm);
		pause();
		_exit(0);
	}
	close(fds[0]);
	*wr = fds[1];
	return kid;
}

/* /proc/pid/comm is comm (waits up to 5 s). */
static bool
md_comm_is(int pid, const char *comm)
{
	char path[64], b[32];

	snprintf(path, sizeof path, "/proc/%d/comm", pid);
	for (int i = 0; i < 500; i++) {
		FILE *f = fopen(path, "r");
		if (f != NULL) {
			if (fgets(b, sizeof b, f) == NULL)
				b[0] = '\0';
			fclose(f);
			b[strcspn(b, "\n")] = '\0';
			if (strcmp(b, comm) == 0)
				return true;
		}
		usleep(10000);
	}
	return false;
}

/* Live, the kernel's release unknown: the formula of /proc's scores is
 * guessed from the rows (a task with adj 0 scores 666 or more here:
 * the new one, 5.9+), so each row's score with adj 0 is known; it
 * stays so at a refresh whose rows tell nothing (adj 100 alone), and
 * from then on the kernel's points are computed by the 5.9 rules (the
 * first refresh, before any guess, has none).  A row shown is read
 * afresh every refresh (detail_rows >= 0): a task that renamed itself,
 * its memory and score as before, shows its new name at once. */
static void
test_live_md_formula(void **state)
{
	(void)state;
	struct zt_snapshot s;
	int only[2] = { 0, 0 }, wr;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 5,
	    .filter_pids = only };
	struct procfs *pf;
	struct procs *pr = live_procs(&pf);
	pid_t kid0 = sleeper(), kid1 = md_renamer(&wr, "mdrenamed");
	char rel[64];

	snprintf(rel, sizeof rel, "/proc/%d/oom_score_adj", (int)kid1);
	FILE *f = fopen(rel, "w");
	assert_non_null(f);
	fputs("100\n", f);
	fclose(f);
	only[0] = kid0;
	sample_once(pr, &s, &o);	/* (cap_kernel NULL: no release) */
	assert_int_equal(s.nprocs, 1);
	int64_t sc0 = s.procs[0].oom_score, adj0 = s.procs[0].score_adj0;
	int64_t pts0 = s.procs[0].points;
	snapshot_free(&s);
	only[0] = kid1;
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 1);
	int64_t adj1 = s.procs[0].score_adj0, pts1 = s.procs[0].points;
	int64_t sa1 = s.procs[0].oom_score_adj;
	char comm1[sizeof s.procs[0].comm];
	memcpy(comm1, s.procs[0].comm, sizeof comm1);
	snapshot_free(&s);
	assert_int_equal(write(wr, "r", 1), 1);
	bool renamed = md_comm_is(kid1, "mdrenamed");
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 1);
	char comm2[sizeof s.procs[0].comm];
	memcpy(comm2, s.procs[0].comm, sizeof comm2);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
	close(wr);
	kill(kid0, SIGKILL);
	kill(kid1, SIGKILL);
	waitpid(kid0, NULL, 0);
	waitpid(kid1, NULL, 0);
	assert_true(sc0 >= 666);	/* (the premise: a 5.9+ kernel) */
	assert_true(zt_have(adj0));
	assert_false(zt_have(pts0));
	assert_int_equal(sa1, 100);
	assert_true(zt_have(adj1));
	assert_true(zt_have(pts1));
	assert_true(renamed);
	assert_string_not_equal(comm1, "mdrenamed");
	assert_string_equal(comm2, "mdrenamed");
}

/* One refresh of pr showing pid's row alone (detail_rows 5), with
 * MemAvailable avail kB (ZT_NA: this machine's capture's). */
static void
md_row_round(struct procs *pr, int pid, int64_t avail)
{
	struct zt_snapshot s;
	int only[2] = { pid, 0 };
	struct sampler_opts o = { .want_procs = true, .detail_rows = 5,
	    .filter_pids = only };

	snap_meminfo(&s);
	if (zt_have(avail))
		kvs_set(&s.meminfo, "MemAvailable", avail);
	assert_int_equal(procs_sample(pr, &s, &o), 0);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, pid);
	snapshot_free(&s);
}

/* Live: a row's details keep fds on its oom_score_adj and statm (the
 * detail cache), and give them back 8 refreshes after the row was last
 * shown; the statm fds (kernel memory) only within the kept fds'
 * budget: none when the oom_score fds fill it (MemAvailable 22000 kB:
 * 50, and 64 tasks of this test's own). */
static void
test_live_md_detcache(void **state)
{
	(void)state;
	struct procfs *pf;
	pid_t kids[64];
	int budget = -1;
	struct procs *pr = live_procs(&pf);

	for (int i = 0; i < 64; i++)
		kids[i] = sleeper();
	for (int i = 0; i < 2; i++)
		md_row_round(pr, kids[0], ZT_NA);
	int adj_a = md_fds_on(kids[0], "oom_score_adj");
	int statm_a = md_fds_on(kids[0], "statm");
	for (int i = 0; i < 9; i++)
		md_row_round(pr, kids[1], ZT_NA);
	int adj_a2 = md_fds_on(kids[0], "oom_score_adj");
	int statm_a2 = md_fds_on(kids[0], "statm");
	int adj_b = md_fds_on(kids[1], "oom_score_adj");
	procs_close(pr);
	procfs_close(pf);

	/* the budget filled by the oom_score fds */
	pr = live_procs(&pf);
	for (int i = 0; i < 3; i++)
		md_row_round(pr, kids[2], 22000);
	int kept = procs_kept_fds(pr, &budget);
	int statm_c = md_fds_on(kids[2], "statm");
	int adj_c = md_fds_on(kids[2], "oom_score_adj");
	procs_close(pr);
	procfs_close(pf);
	md_reap(kids, 64);
	assert_true(adj_a >= 1);
	assert_true(statm_a >= 1);
	assert_true(adj_b >= 1);
	assert_int_equal(adj_a2, 0);
	assert_int_equal(statm_a2, 0);
	assert_int_equal(budget, 50);
	assert_true(kept <= 50);
	assert_true(statm_c <= 50 - kept);
	assert_true(adj_c >= 1);
}

/* In a child: RLIMIT_NOFILE 200 (the sampler's fds' cap 72), then pid's
 * row shown for three refreshes: the fds on its oom_score_adj kept
 * (the detail cache's room is the cap less one fd per pid listed:
 * none with over 72 pids), 9 when the limit could not be set. */
static int
md_room_child(int pid)
{
	pid_t kid = fork();
	int st;

	assert_true(kid >= 0);
	if (kid == 0) {
		struct rlimit rl = { 200, 200 };
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			_exit(9);
		struct procfs *pf;
		struct procs *pr = live_procs(&pf);
		for (int i = 0; i < 3; i++)
			md_row_round(pr, pid, ZT_NA);
		int n = md_fds_on(pid, "oom_score_adj");
		procs_close(pr);
		procfs_close(pf);
		_exit(n);
	}
	if (waitpid(kid, &st, 0) != kid || !WIFEXITED(st))
		fail_msg("child %d did not exit", (int)kid);
	return WEXITSTATUS(st);
}

/* Live: with more pids than fds to keep (100 tasks of this test's own,
 * a cap of 72), the detail cache keeps none; with room, some on the
 * row's oom_score_adj. */
static void
test_live_md_room(void **state)
{
	(void)state;
	pid_t kids[100];
	struct procfs *pf;

	md_need_live();
	for (int i = 0; i < 100; i++)
		kids[i] = sleeper();
	int none = md_room_child(kids[0]);
	struct procs *pr = live_procs(&pf);
	for (int i = 0; i < 3; i++)
		md_row_round(pr, kids[0], ZT_NA);
	int one = md_fds_on(kids[0], "oom_score_adj");
	procs_close(pr);
	procfs_close(pf);
	md_reap(kids, 100);
	assert_int_equal(none, 0);
	assert_true(one >= 1);
}

/* Live: a first refresh with -p or -u on a machine where more than
 * PROCS_QUICK tasks contend is exact (the quick first pass serves only
 * the unfiltered screen): no victim pending, every contender read.
 * Without a filter the victim is pending; that is over with the
 * refresh: a task source then read on the same sampler tells its last
 * victim gone when it is listed no more. */
static void
test_live_md_filtered_quick(void **state)
{
	(void)state;
	enum { KIDS = PROCS_QUICK + 4 };
	static pid_t kids[KIDS];
	struct zt_snapshot s;
	struct procfs *pf;
	int only[2] = { 0, 0 }, pending[3], ncont[3];
	struct passwd *pw = getpwuid(getuid());

	md_need_live();
	if (pw == NULL)
		skip();
	char user[64];
	snprintf(user, sizeof user, "%s", pw->pw_name);
	for (int i = 0; i < KIDS; i++)
		kids[i] = sleeper();
	only[0] = kids[0];
	struct badness_task t[2] = {
		src_task(kids[0], 0, 30000, 0, 1),
		src_task(kids[1], 0, 20000, 0, 2),
	};
	struct vic v[2];
	for (int k = 0; k < 3; k++) {
		struct sampler_opts o = { .want_procs = true, .detail_rows = 0,
		    .quick_first = true };
		if (k == 0)
			o.filter_pids = only;
		else if (k == 1)
			o.filter_user = user;
		struct procs *pr = live_procs(&pf);
		sample_once(pr, &s, &o);
		pending[k] = s.victim_pending;
		ncont[k] = s.ncontenders;
		snapshot_free(&s);
		if (k == 2) {
			v[0] = vic_sample(pr, "6.18.0", t, 2, "/");
			v[1] = vic_sample(pr, "6.18.0", t + 1, 1, "/");
		}
		procs_close(pr);
		procfs_close(pf);
	}
	md_reap(kids, KIDS);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(pending[k], 0);
		assert_true(ncont[k] > PROCS_QUICK);
	}
	assert_true(pending[2] > PROCS_QUICK);
	assert_int_equal(v[0].victim, kids[0]);
	assert_int_equal(v[0].gone, 0);
	assert_int_equal(v[1].victim, kids[1]);
	assert_int_equal(v[1].gone, kids[0]);
}

/* pa: read_row, details_lib and read_details (mutation testing).
 * What a task source's row pid shows (procs_sample_tasks on a made-up
 * root, mkproc with PID/stat's start time stat_start, then status, if
 * given, as its PID/status), hinted with name h0, state S (none when
 * stateless), uid 1000 and start time hint_start: name, state, uid (the
 * user its number) and start time as wanted. */
struct pa_want {
	const char *comm;
	int state;
	int64_t uid;
	uint64_t start;
};

static void
pa_hinted(const char *name, int pid, bool stateless, uint64_t hint_start,
    uint64_t stat_start, const char *status, struct pa_want w)
{
	static char root[64];
	char rel[64], user[32];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct badness_task t = src_task(pid, 0, 3000, 0, hint_start);
	struct procs_row_hint h;

	made_root(root, sizeof root, name);
	hints_fill(&h, 1, hint_start);
	if (stateless)
		h.state = 0;
	mkproc(root, pid, 0, 400, stat_start, 0);
	snprintf(rel, sizeof rel, "%d/status", pid);
	if (status != NULL)
		put(root, rel, status);
	struct procfs *pf;
	struct procs *p = open_root(root, &pf);
	tasks_snapshot(&s);
	assert_int_equal(procs_sample_tasks(p, &s, &o, &t, &h, 1), 0);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, pid);
	assert_string_equal(s.procs[0].comm, w.comm);
	assert_int_equal(s.procs[0].state, w.state);
	assert_int_equal(s.procs[0].uid, w.uid);
	snprintf(user, sizeof user, "%lld", (long long)w.uid);
	assert_string_equal(s.procs[0].user, user);
	assert_int_equal(s.procs[0].start_time, w.start);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* A hint with a name but no state is not enough (row_hinted): PID/status
 * is read, and one without a Name: line leaves no name of its own, so
 * the hint's is dropped and PID/stat's taken (t400), not h0 kept; its
 * State and Uid lines are still the row's. */
static void
test_pa_hint_no_name(void **state)
{
	(void)state;
	pa_hinted("panoname", 400, true, 100, 100, "State:\tR (running)\n"
	    "Uid:\t777\t777\t777\t777\n",
	    (struct pa_want){ "t400", 'R', 777, 100 });
}

/* read_row takes a row's start time from its pid's entry (ent_stat:
 * PID/stat read once in the task's life), statting it there when no
 * one had: 501, picked out by -p below the last row shown (no
 * contender: its score, not 0, needed no PID/stat), is shown, and the
 * kernel-thread flag its PID/stat holds, now known, leaves it out of
 * the next refresh's ranking (rank_pass). */
static void
test_pa_row_stat_kthread(void **state)
{
	(void)state;
	static char root[64];
	static int only[2] = { 501, 0 };
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
		.filter_pids = only };

	made_root(root, sizeof root, "pakthr");
	mkproc(root, 500, 900, 400, 7000, 0);
	mkproc(root, 501, 100, 400, 7001, PF_KTHREAD_FLAG);
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	const struct zt_proc *r = row_of(&s, 501);
	assert_non_null(r);
	assert_int_equal(r->start_time, 7001);
	assert_string_equal(r->comm, "t501");
	snapshot_free(&s);
	sample_once(pr, &s, &o);
	assert_null(row_of(&s, 501));
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* PID/stat is read for a row only when PID/status left it without a
 * name or its entry without a start time: a status with a Name: line
 * but no State: line (no kernel prints one) leaves the state not
 * available (0), not PID/stat's S. */
static void
test_pa_status_no_state(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	made_root(root, sizeof root, "panostate");
	mkproc(root, 510, 900, 400, 7010, 0);
	put(root, "510/status", "Name:\tn510\nUid:\t1000\t1000\t1000\t1000\n"
	    "VmRSS:\t400 kB\nRssAnon:\t400 kB\nRssFile:\t0 kB\n"
	    "RssShmem:\t0 kB\nVmPTE:\t4 kB\nVmSwap:\t0 kB\n");
	struct procfs *pf;
	struct procs *pr = open_root(root, &pf);
	sample_once(pr, &s, &o);
	const struct zt_proc *r = row_of(&s, 510);
	assert_non_null(r);
	assert_string_equal(r->comm, "n510");
	assert_int_equal(r->start_time, 7010);
	assert_int_equal(r->state, 0);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A task source's row hinted with a start time of 0 (unknown): its
 * name, state and uid are the hint's, its start time PID/stat's
 * (7100), read for it alone. */
static void
test_pa_hint_start0(void **state)
{
	(void)state;
	pa_hinted("pastart0", 420, false, 0, 7100, NULL,
	    (struct pa_want){ "h0", 'S', 1000, 7100 });
}

/* A pause()d child of the namespace's init. */
static pid_t
pa_kid(void)
{
	pid_t kid = fork();

	if (kid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			pause();
	}
	return kid;
}

/* A live row whose command line says its task is gone is dropped
 * (read_row returns -1; a capture keeps a row whose file is missing):
 * Y's PID/cmdline has X's mounted over it, and X exited, so reading it
 * gives ESRCH while Y's status reads. */
static void
pa_ns_cmdline_gone(void)
{
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
		.own_details = true };
	struct zt_snapshot s;
	char why[ZT_WHY_LEN], from[64], to[64];
	pid_t x = pa_kid(), y = pa_kid();

	NS_CHECK(x > 0 && y > 0);
	snprintf(from, sizeof from, "/proc/%d/cmdline", (int)x);
	snprintf(to, sizeof to, "/proc/%d/cmdline", (int)y);
	NS_CHECK(mount(from, to, NULL, MS_BIND, NULL) == 0);
	ns_kill(x);
	ns_last(y);
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	NS_CHECK(pf != NULL && procfs_live(pf));
	if (pf == NULL)
		return;
	struct procs *pr = procs_open(pf);
	NS_CHECK(ns_sample(pr, &s, &o));
	NS_CHECK(row_of(&s, 1) != NULL);
	NS_CHECK(row_of(&s, y) == NULL);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
	umount(to);
	ns_kill(y);
}

static void
test_live_pa_cmdline_gone(void **state)
{
	(void)state;
	ns_run(pa_ns_cmdline_gone);
}

/* ---- pb: tasks_add, arrays_get, procs_sample_source (mutation
 * testing) ---- */

/* One procs_sample_tasks() of t[0..n) into s (a fresh snapshot of the
 * capture's meminfo, kernel rel; hints_fill's from 100); MemAvailable
 * avail unless ZT_NA. */
static void
pb_sample(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o, const struct badness_task *t, int n,
    const char *rel, int64_t avail)
{
	struct procs_row_hint *h = calloc((size_t)n, sizeof *h);

	assert_non_null(h);
	hints_fill(h, n, 100);
	tasks_snapshot(s);
	snprintf(s->kernel, sizeof s->kernel, "%s", rel);
	if (zt_have(avail))
		kvs_set(&s->meminfo, "MemAvailable", avail);
	assert_int_equal(procs_sample_tasks(p, s, o, t, h, n), 0);
	free(h);
}

/* A task source's task whose counters are unknown (no anon rss) has no
 * points and so no score: its row's oom_score is not available, not 0,
 * and it ranks below a task the kernel scores 0 (oom_score_adj -1000). */
static void
test_pb_source_unknown_score(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct badness_task t[3] = {
		src_task(15112, 0, 4000, 0, 10),
		src_task(15113, 0, 3000, 0, 20),
		src_task(15114, -1000, 2000, 0, 30),
	};
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);

	t[1].rss_anon = BADNESS_NA;
	pb_sample(p, &s, &o, t, 3, "6.18.0", ZT_NA);
	assert_int_equal(s.nprocs, 3);
	assert_int_equal(s.procs[0].pid, 15112);
	assert_true(s.procs[0].oom_score > 0);
	assert_int_equal(s.procs[1].pid, 15114);
	assert_int_equal(s.procs[2].pid, 15113);
	const struct zt_proc *z = row_of(&s, 15113);
	assert_non_null(z);
	assert_false(zt_have(z->oom_score));
	assert_false(zt_have(z->points));
	z = row_of(&s, 15114);
	assert_non_null(z);
	assert_int_equal(z->oom_score, 0);
	assert_int_equal(s.predicted_victim, 15112);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* More tasks than the first 1024 candidates' room (cand[] grown to n
 * and a half): every one ranked, the largest the victim; then /proc
 * takes over with the same sampler (its ranking pass grows the array
 * from there). */
static void
test_pb_source_many(void **state)
{
	enum { N = 1500 };
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	static struct badness_task t[N];
	struct zt_snapshot s;
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);

	for (int i = 0; i < N; i++)
		t[i] = src_task(50000 + i, 0, 100 + (i * 7) % N, 0,
		    (uint64_t)i);
	pb_sample(p, &s, &o, t, N, "6.18.0", ZT_NA);
	assert_int_equal(s.nprocs_total, N);
	assert_int_equal(s.nprocs, N);
	/* the sizes 100 .. 1599, each once (7 and N are coprime) */
	int best = 0;
	for (int i = 1; i < N; i++)
		if (t[i].rss_anon > t[best].rss_anon)
			best = i;
	assert_int_equal(s.predicted_victim, t[best].tgid);
	assert_int_equal(s.procs[0].pid, t[best].tgid);
	assert_int_equal(s.procs[N - 1].rank, N);
	snapshot_free(&s);
	sample_once(p, &s, &o);
	assert_true(s.nprocs_total > 0);
	assert_null(row_of(&s, 50000));
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* Live: a task source's sample sets the kept fds' budget (for the
 * details cache's fds) by its own MemAvailable, as /proc's does: 22000
 * kB makes 50, 0 none. */
static void
test_live_pb_source_budget(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 2 };
	struct zt_snapshot s;
	struct procfs *pf;
	struct procs *pr = live_procs(&pf);
	struct badness_task t[2] = {
		src_task(getpid(), 0, 3000, 0, 1),
		src_task(getppid(), 0, 2000, 0, 2),
	};
	int budget = -1;

	int64_t avail[2] = { 22000, 0 };
	int want[2] = { 50, 0 };
	for (int k = 0; k < 2; k++) {
		pb_sample(pr, &s, &o, t, 2, "6.18.0", avail[k]);
		snapshot_free(&s);
		procs_kept_fds(pr, &budget);
		assert_int_equal(budget, want[k]);
	}
	procs_close(pr);
	procfs_close(pf);
}

/* Live: a task the source lists no more is gone, whatever its place
 * in the pid table (the first entry, the last): the global victim, a
 * sleeper still alive, is told gone the sample after.  (Read in the
 * order given, a fresh sampler's entries are the source's order.) */
static void
test_live_pb_source_unlisted(void **state)
{
	(void)state;
	pid_t kids[3];
	struct vic v[4];

	md_need_live();
	for (int i = 0; i < 3; i++)
		kids[i] = sleeper();
	/* the victim (kids[0]) first, then last, of three */
	struct badness_task first[3] = {
		src_task(kids[0], 0, 30000, 0, 1),
		src_task(kids[1], 0, 100, 0, 2),
		src_task(kids[2], 0, 200, 0, 3),
	};
	struct badness_task last[2] = {
		src_task(kids[1], 0, 100, 0, 2),
		src_task(kids[0], 0, 30000, 0, 1),
	};
	for (int k = 0; k < 2; k++) {
		struct procfs *pf;
		struct procs *pr = live_procs(&pf);
		v[2 * k] = k == 0 ? vic_sample(pr, "6.18.0", first, 3, "/") :
		    vic_sample(pr, "6.18.0", last, 2, "/");
		v[2 * k + 1] = vic_sample(pr, "6.18.0", first + 1, 1, "/");
		procs_close(pr);
		procfs_close(pf);
	}
	md_reap(kids, 3);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(v[2 * k].victim, kids[0]);
		assert_int_equal(v[2 * k].gone, 0);
		assert_int_equal(v[2 * k + 1].victim, kids[1]);
		assert_int_equal(v[2 * k + 1].gone, kids[0]);
	}
}

/* A task source's sample is a refresh like /proc's (its count goes
 * on): after one, /proc's exact pass re-reads a task whose score stands
 * still in its turn, (refresh + pid) % EXACT_EVERY == 0, of the count
 * since the sampler opened.  637 (11th: not hot) is read in full at
 * refresh 2 and in turn again at 3 (3 + 637 = 20 * 32): its status
 * grown tenfold shows then. */
static void
test_pb_source_then_proc_turn(void **state)
{
	(void)state;
	static char root[64];
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct badness_task t[1] = { src_task(43000, 0, 100, 0, 1) };
	struct zt_snapshot s;
	struct procfs *pf;

	hp4_root(root, sizeof root, "pbturn");
	for (int pid = 600; pid < 610; pid++)
		mkproc(root, pid, 666, 40000 + 400 * (pid - 600),
		    10 + (uint64_t)pid, 0);
	mkproc(root, 637, 666, 800, 700, 0);
	struct procs *pr = open_root(root, &pf);
	pb_sample(pr, &s, &o, t, 1, "6.18.0", ZT_NA);
	snapshot_free(&s);
	cap_kernel = "6.18.44";
	sample_once(pr, &s, &o);
	const struct zt_proc *r = row_of(&s, 637);
	assert_non_null(r);
	assert_int_equal(r->rank, 11);
	assert_int_equal(r->points, 201);
	assert_null(row_of(&s, 43000));
	snapshot_free(&s);
	put_status(root, 637, 8000);
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	r = row_of(&s, 637);
	assert_non_null(r);
	assert_int_equal(r->points, 2001);
	snapshot_free(&s);
	procs_close(pr);
	procfs_close(pf);
}

/* A task source's kernel of 4.17 .. 5.8 scores by the old formula,
 * points * 1000 / totalpages, while the sampler has not found the new
 * one on the rows (a backport, live only): a 5.4 release, not live. */
static void
test_pb_source_old_formula(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct badness_task t[1] = { src_task(15112, 0, 617102, 0, 10) };
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);

	pb_sample(p, &s, &o, t, 1, "5.4.0", ZT_NA);
	assert_int_equal(s.totalpages, 6171024);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].points, 617102);
	assert_int_equal(s.procs[0].oom_score, 99);	/* not (1000 + 99) * 2 / 3 */
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* --top 0 (detail_rows 0) on a task source: no row, every task still
 * ranked and the victim named. */
static void
test_pb_source_no_rows(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	struct zt_snapshot s;
	struct badness_task t[2] = {
		src_task(15112, 0, 4000, 0, 10),
		src_task(15113, 0, 3000, 0, 20),
	};
	struct procfs *pf;
	struct procs *p = cap_tasks(NULL, &pf);

	pb_sample(p, &s, &o, t, 2, "6.18.0", ZT_NA);
	assert_int_equal(s.nprocs, 0);
	assert_int_equal(s.nprocs_total, 2);
	assert_int_equal(s.predicted_victim, 15112);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* Live: three task-source samples (options o) of a ma_sleeper without
 * a uid from its hint, told c before sample at (0 .. 2): each row's uid
 * and the second byte of its command line (0: no row or no command
 * line). */
static void
pb_live_source(const struct sampler_opts *o, char c, int at, int64_t uid[3],
    char cmd1[3])
{
	struct zt_snapshot s;
	struct procfs *pf;
	int cmd[2], done[2];
	char a;

	md_need_live();
	assert_int_equal(pipe(cmd), 0);
	assert_int_equal(pipe(done), 0);
	pid_t kid = ma_sleeper(cmd[0], done[1]);
	assert_true(kid > 0 && read(done[0], &a, 1) == 1);
	struct procs *pr = live_procs(&pf);
	struct badness_task t[1] = { src_task(kid, 0, 30000, 0, 1) };
	t[0].uid = BADNESS_NA;
	for (int k = 0; k < 3; k++) {
		if (k == at)
			assert_true(ma_tell(cmd[1], done[0], c));
		pb_sample(pr, &s, o, t, 1, "6.18.0", ZT_NA);
		uid[k] = s.nprocs == 1 ? s.procs[0].uid : -1;
		cmd1[k] = s.nprocs == 1 && s.procs[0].cmdline != NULL ?
		    s.procs[0].cmdline[1] : 0;
		snapshot_free(&s);
	}
	procs_close(pr);
	procfs_close(pf);
	md_reap(&kid, 1);
	close(cmd[0]);
	close(cmd[1]);
	close(done[0]);
	close(done[1]);
}

/* Live: a task source's row that its hint does not fill (no uid) is
 * read through the details cache: a sleeper's new uid shows the
 * refresh after.  (Meant to tell fresh, detail_rows >= 0, from a cache
 * hit that reads no status; it does not: this sleeper's statm moves
 * between the refreshes, so its status is read anyway, and
 * procs_sample_source's fresh mutants pass it.) */
static void
test_live_pb_source_fresh(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1 };
	int64_t uid[3];
	char c1[3];

	if (getuid() != 0)
		skip();
	pb_live_source(&o, 'u', 2, uid, c1);
	assert_int_equal(uid[1], 0);
	assert_int_equal(uid[2], 54321);
}

/* Live: own_details on a task source: such a row's details are
 * procs.c's own reads, not libproc2's (the command line's newline kept
 * where libproc2 gives a space), read first and from the cache. */
static void
test_live_pb_source_own_details(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
	    .own_details = true };
	int64_t uid[3];
	char c1[3];

	pb_live_source(&o, 'l', 0, uid, c1);
	assert_int_equal(c1[0], '\n');
	assert_int_equal(c1[2], '\n');
}

/* ---- mb: procs_read_witness, the BPF path's witness of which
 * counters oom_badness() read (scripts/mutants.py src/procs.c) ---- */

/* procs_read_witness into *after, filled with garbage first */
static int64_t
mb_witness_dirty(struct procs *pr, int pid, struct badness_task *after)
{
	memset(after, 0xa5, sizeof *after);
	return procs_read_witness(pr, pid, 4, after);
}

/* oom_score then status: the score (0 is one), the counters status
 * prints, nothing else carried over; either unreadable, or a score
 * that does not parse or is below 0: ZT_NA, the counters unknown. */
static void
test_mb_read_witness(void **state)
{
	(void)state;
	static char root[64];
	struct badness_task a;
	struct procfs *pf;

	hp4_root(root, sizeof root, "witness");
	mkproc(root, 5, 667, 4000, 90, 0);
	mkproc(root, 6, 0, 800, 91, 0);
	mkproc(root, 7, 5, 400, 92, 0);
	mkproc(root, 8, 3, 400, 93, 0);
	rm_under(root, "7/status");
	rm_under(root, "8/oom_score");
	struct procs *pr = open_root(root, &pf);

	assert_int_equal(mb_witness_dirty(pr, 5, &a), 667);
	assert_int_equal(a.rss_anon, 1000);
	assert_int_equal(a.rss_file, 0);
	assert_int_equal(a.rss_shmem, 0);
	assert_int_equal(a.swapents, 0);
	assert_int_equal(a.pgtables_bytes, 4096);
	assert_int_equal(a.flags, 0);
	assert_int_equal(mb_witness_dirty(pr, 6, &a), 0);
	assert_int_equal(a.rss_anon, 200);
	/* status gone: the score alone is no witness */
	assert_true(mb_witness_dirty(pr, 7, &a) == ZT_NA);
	/* oom_score gone (the last file read held "5") */
	assert_true(mb_witness_dirty(pr, 8, &a) == ZT_NA);
	assert_true(a.rss_anon == BADNESS_NA && a.rss_file == BADNESS_NA &&
	    a.rss_shmem == BADNESS_NA && a.swapents == BADNESS_NA &&
	    a.pgtables_bytes == BADNESS_NA);
	put(root, "6/oom_score", "-1\n");
	assert_true(mb_witness_dirty(pr, 6, &a) == ZT_NA);
	put(root, "6/oom_score", "x\n");
	assert_true(mb_witness_dirty(pr, 6, &a) == ZT_NA);
	/* a status procs_parse_badness refuses (no Name:) */
	put(root, "6/oom_score", "12\n");
	put(root, "6/status", "State:\tR\nVmRSS:\t400 kB\n");
	assert_true(mb_witness_dirty(pr, 6, &a) == ZT_NA);
	assert_true(mb_witness_dirty(pr, 9, &a) == ZT_NA);	/* no such pid */
	procs_close(pr);
	procfs_close(pf);
}

/* ---- rf: ties a memcg OOM scans otherwise than the task list ---- */

/* pid under root made a leader whose main thread exited while its
 * thread tid runs on (pthread_exit in main): its status a zombie's (no
 * Vm lines), the counters mkproc wrote moved to tid's. */
static void
rf_dying_leader(const char *root, int pid, int tid)
{
	char p[600], q[600], z[400];

	snprintf(p, sizeof p, "%s/%d/task", root, pid);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/%d/task/%d", root, pid, pid);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/%d/task/%d", root, pid, tid);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/%d/status", root, pid);
	snprintf(q, sizeof q, "%s/%d/task/%d/status", root, pid, tid);
	assert_int_equal(rename(p, q), 0);
	snprintf(z, sizeof z, "Name:\tt%d\nState:\tZ (zombie)\nTgid:\t%d\n"
	    "Pid:\t%d\nUid:\t1000\t1000\t1000\t1000\nThreads:\t2\n"
	    "CapEff:\t0000000000000000\n", pid, pid, pid);
	snprintf(p, sizeof p, "%d/status", pid);
	put(root, p, z);
	snprintf(p, sizeof p, "%d/task/%d/status", pid, pid);
	put(root, p, z);
}

/* The victims of the machine and of /app (64 MiB) for release rel. */
static void
rf_victims(struct procs *pr, const char *rel, int *global, int *app)
{
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;

	cap_kernel = rel;
	sample_once(pr, &s, &o);
	cap_kernel = NULL;
	int i = mc_cgroup_at(&s, "/app");
	assert_true(i >= 0);
	*global = s.predicted_victim;
	*app = s.cgroups[i].predicted_victim;
	snapshot_free(&s);
}

/*
 * seed 20261209 mix 116 of tests/soak/referee.sh: a leader 600 whose
 * main thread exited (its thread 602 holds the mm) and 601, its child
 * by clone(CLONE_VM) (a process of its own, the same mm), tie in /app.
 * A memcg OOM (5.3+) walks the memcg's processes with
 * CSS_TASK_ITER_PROCS (mem_cgroup_scan_tasks, mm/memcontrol.c): a
 * css_set's tasks list, then its dying_tasks, where cgroup_exit() put
 * the leader (kernel/cgroup/cgroup.c): 600 is scanned last and, the
 * later of equal points winning, killed, though it started first.  A
 * global OOM walks the task list (for_each_process), where the leader
 * keeps its place: 601 there.  The kernel killed 600; zonetop named
 * 601 on both paths.
 */
static void
test_rf_dying_leader_scanned_last(void **state)
{
	(void)state;
	static char root[64];
	static const char *const dirs[] = { "app", NULL };
	struct procfs *pf;
	struct procs *pr;
	int global, app;

	cap_root_new(root, sizeof root, "rfdying");
	mkproc(root, 600, 700, 40000, 10, 0);
	mkproc(root, 601, 700, 40000, 11, 0);
	mkproc(root, 603, 100, 8000, 12, 0);
	rf_dying_leader(root, 600, 602);
	put(root, "600/cgroup", "0::/app\n");
	put(root, "601/cgroup", "0::/app\n");
	put(root, "603/cgroup", "0::/app\n");
	cg2_tree(root, dirs);
	put(root, "fs/cgroup/app/cgroup.procs", "600\n601\n603\n");
	put(root, "fs/cgroup/app/memory.max", "67108864\n");
	pr = open_root(root, &pf);

	rf_victims(pr, "6.18.44", &global, &app);
	assert_int_equal(app, 600);
	assert_int_equal(global, 601);
	/* 5.3: "use CSS_TASK_ITER_PROCS at mem_cgroup_scan_tasks()" */
	rf_victims(pr, "5.3.0", &global, &app);
	assert_int_equal(app, 600);
	/* 5.2 scanned every thread (the leader gone from the list): no
	 * dying_tasks walk, creation order as for the machine */
	rf_victims(pr, "5.2.21", &global, &app);
	assert_int_equal(app, 601);
	assert_int_equal(global, 601);
	/* more points still win wherever the leader is scanned */
	remkproc(root, 601, 700, 40004, 11);
	put(root, "601/cgroup", "0::/app\n");
	rf_victims(pr, "6.18.44", &global, &app);
	assert_int_equal(app, 601);
	procs_close(pr);
	procfs_close(pf);
}

/* ---- mp (issue #16): procs.c's survivors left not justified ---- */

/* rf's made-up root: 500 (8000 kB) and 501, a zombie leader (its
 * status and task/501/status without Vm lines, as the kernel prints
 * them) whose threads 503 and 504 are listed in PID/task in an order
 * of the file system's: the one listed first has the status bad (NULL:
 * none, its status a directory, which opens and reads EISDIR), the
 * other the mm (mkproc's 40000 kB); its sampler. */
static struct procs *
mp_zombie_root(char *root, size_t len, const char *bad, struct procfs **pf)
{
	static const char zombie[] = "Name:\tt501\nState:\tZ (zombie)\n"
	    "Tgid:\t501\nPid:\t501\nUid:\t1000\t1000\t1000\t1000\n"
	    "Threads:\t3\nCapEff:\t0000000000000000\n";
	static const char *const sub[] = { "501/task", "501/task/501",
	    "501/task/503", "501/task/504" };
	char p[600], q[600], rel[64];
	int tids[4], first = 0, n;

	made_root(root, len, "mpzombie");
	mkproc(root, 500, 700, 8000, 10, 0);
	mkproc(root, 501, 700, 40000, 11, 0);
	made_dirs(root, sub, 4);
	snprintf(p, sizeof p, "%s/501/task", root);
	n = listed(p, tids, 4);
	assert_int_equal(n, 3);
	for (int i = n - 1; i >= 0; i--)
		if (tids[i] != 501)
			first = tids[i];
	snprintf(p, sizeof p, "%s/501/status", root);
	snprintf(q, sizeof q, "%s/501/task/%d/status", root, 1007 - first);
	assert_int_equal(rename(p, q), 0);
	snprintf(rel, sizeof rel, "501/task/%d/status", first);
	if (bad != NULL)
		put(root, rel, bad);
	else {
		snprintf(p, sizeof p, "%s/%s", root, rel);
		assert_int_equal(mkdir(p, 0755), 0);
	}
	put(root, "501/status", zombie);
	put(root, "501/task/501/status", zombie);
	cap_kernel = "6.18.44";
	return open_root(root, pf);
}

/* The zombie leader's counters come from the thread with the mm when
 * another is listed before it whose status gives none: one exiting
 * (without Vm lines: exit_mm() done), one whose status has no Name:
 * line (a garbled capture's), one whose status cannot be read. */
static void
test_mp_zombie_threads(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"Name:\tt50x\nState:\tX (dead)\nUid:\t1000\t1000\t1000\t1000\n",
		"State:\tS (sleeping)\nVmRSS:\t4 kB\nRssAnon:\t4 kB\n"
		    "RssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t4 kB\n"
		    "VmSwap:\t0 kB\n",
		NULL,
	};
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		static char root[64];
		struct zt_snapshot s;
		struct procfs *pf;
		struct procs *pr = mp_zombie_root(root, sizeof root, bad[i], &pf);

		sample_once(pr, &s, &o);
		assert_int_equal(s.predicted_victim, 501);
		assert_int_equal(row_of(&s, 501)->points, 40000 / 4 + 1);
		assert_int_equal(row_of(&s, 500)->rank, 2);
		snapshot_free(&s);
		made_close(pr, pf);
		cg2_teardown(NULL);
	}
}

/* The zombie leader's thread with the mm found with stdin closed: the
 * sampler's files opened through fd 0, PID/task's among them. */
static void
test_mp_zombie_fd0(void **state)
{
	(void)state;
	static char root[64];
	struct zt_snapshot s;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct procfs *pf;
	struct procs *pr = mp_zombie_root(root, sizeof root,
	    "Name:\tt50x\nState:\tX (dead)\n", &pf);
	int saved = dup(0);

	assert_true(saved > 0);
	close(0);
	snap_meminfo(&s);
	int rc = procs_sample(pr, &s, &o);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
	assert_int_equal(rc, 0);
	assert_int_equal(s.predicted_victim, 501);
	assert_int_equal(row_of(&s, 501)->points, 40000 / 4 + 1);
	snapshot_free(&s);
	made_close(pr, pf);
}

/* ---- mp: a made-up root taken for the live /proc ---- */

/* The sampler of the made-up root mounted over /proc (mp_fake_run's
 * child), its sys root the same; NULL when it is not taken for live. */
static struct procs *
mp_fake_open(const char *root, struct procfs **pf)
{
	char why[ZT_WHY_LEN];

	*pf = procfs_open("/proc", why, sizeof why);
	NS_CHECK(*pf != NULL && procfs_live(*pf));
	if (*pf == NULL || !procfs_live(*pf) ||
	    procfs_set_sys_root(*pf, root, why, sizeof why) < 0) {
		NS_CHECK(false);
		return NULL;
	}
	return procs_open(*pf);
}

/* What the live sampler reads of a task that the kernel's /proc would
 * not give at will (a status that changes while statm stands still, a
 * file that cannot be read, a self/stat that does not parse): a made-up
 * root mounted over /proc in a mount namespace of a child's own, where
 * procfs_open("/proc") takes it for the live one (it has a self), so the
 * sampler keeps fds and fills rows through the detail cache, as on the
 * kernel's.  fn runs in that child with the sampler (its NS_CHECKs
 * count, as ns_run's; no cmocka assert there); skipped without root or
 * the namespace. */
static void
mp_fake_run(const char *root, void (*fn)(const char *root, struct procs *pr))
{
	char path[600];
	struct ns_result *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int st = 0;

	if (geteuid() != 0) {
		printf("# skipped: needs root (a mount namespace)\n");
		skip();
	}
	assert_true(sh != MAP_FAILED);
	memset(sh, 0, sizeof *sh);
	snprintf(path, sizeof path, "%s/self/stat", root);
	pid_t c = fork();
	assert_true(c >= 0);
	if (c == 0) {
		ns_r = sh;
		alarm(60);
		if (unshare(CLONE_NEWNS) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
		    mount(root, "/proc", NULL, MS_BIND, NULL) < 0)
			snprintf(sh->skip, sizeof sh->skip, "mount: %s",
			    strerror(errno));
		else {
			/* this pid's self/stat, which does not parse (no
			 * state): not this pid namespace's /proc for
			 * procs_open, so every refresh lists it whole */
			FILE *f = fopen(path, "w");
			NS_CHECK(f != NULL && fprintf(f, "%d (mp)\n",
			    (int)getpid()) > 0 && fclose(f) == 0);
			struct procfs *pf;
			struct procs *pr = mp_fake_open(root, &pf);
			if (pr != NULL)
				fn(root, pr);
			procs_close(pr);
			procfs_close(pf);
		}
		_exit(0);
	}
	assert_int_equal(waitpid(c, &st, 0), c);
	struct ns_result r = *sh;
	munmap(sh, sizeof *sh);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ns_verdict(&r);
}

/* One sample of the fake /proc into s (free it after), kernel 6.18,
 * the capture's meminfo: procs_sample(), or with t procs_sample_tasks()
 * of t and h (n tasks); false when it failed. */
static bool
mp_fake_sample(struct procs *pr, struct zt_snapshot *s,
    const struct sampler_opts *o, const struct badness_task *t,
    const struct procs_row_hint *h, int n)
{
	char why[ZT_WHY_LEN];
	size_t len;
	char *mi = fixture(CAP "/meminfo", &len);

	snapshot_init(s);
	s->page_kb = 4;
	snprintf(s->kernel, sizeof s->kernel, "6.18.44");
	bool ok = meminfo_parse(mi, len, &s->meminfo, why, sizeof why) == 0 &&
	    (t != NULL ? procs_sample_tasks(pr, s, o, t, h, n) :
	    procs_sample(pr, s, o)) == 0;
	free(mi);
	return ok;
}

/* mp's samples: every row, procs.c's own reads (no libproc2). */
static const struct sampler_opts mp_every = { .want_procs = true,
    .detail_rows = -1, .own_details = true };

/* made_root's root with a self (a directory: mp_fake_run writes its
 * stat) and tasks
 * base .. base + n - 1 of mkproc's (score 700, started at their pid),
 * each with a statm that stands still; anon_kb[i] kB for base + i. */
static void
mp_fake_root(char *root, size_t len, int base, const int64_t *anon_kb, int n)
{
	char rel[64];

	made_root(root, len, "mpfake");
	made_dirs(root, (const char *const[]){ "self" }, 1);
	for (int i = 0; i < n; i++) {
		mkproc(root, base + i, 700, anon_kb[i], (uint64_t)(base + i), 0);
		snprintf(rel, sizeof rel, "%d/statm", base + i);
		put(root, rel, "2000 1000 100 10 0 1500 0\n");
	}
}

/* mp_fake_root's root (static) with 400 (30000 kB) and, n 2, 401
 * (20000 kB). */
static char *
mp_fake_two(int n)
{
	static char root[64];
	const int64_t kb[2] = { 30000, 20000 };

	mp_fake_root(root, sizeof root, 400, kb, n);
	return root;
}

/* base's status rewritten: name comm, anon_kb kB, uid (status as
 * put_status writes it otherwise). */
static void
mp_status(const char *root, int pid, const char *comm, int64_t anon_kb,
    int uid)
{
	char rel[64], text[512];

	snprintf(rel, sizeof rel, "%d/status", pid);
	snprintf(text, sizeof text, "Name:\t%s\nState:\tS (sleeping)\n"
	    "Uid:\t%d\t%d\t%d\t%d\nVmRSS:\t%lld kB\nRssAnon:\t%lld kB\n"
	    "RssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t4 kB\nVmSwap:\t0 kB\n"
	    "CapEff:\t0000000000000000\n", comm, uid, uid, uid, uid,
	    (long long)anon_kb, (long long)anon_kb);
	put(root, rel, text);
}

/* The detail cache finds every row it was given: ten rows put at one
 * refresh (the first and the ninth grow its index) are hits at the
 * next, with what was put, and it holds ten entries, two fds each
 * (statm and oom_score_adj kept). */
static void
test_mp_detcache_put(void **state)
{
	(void)state;
	static char root[64];
	int64_t kb[10];
	char why[ZT_WHY_LEN];
	int kept = -1;

	for (int i = 0; i < 10; i++)
		kb[i] = 1000 * (i + 1);
	mp_fake_root(root, sizeof root, 400, kb, 10);
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	struct detcache *dc = detcache_open(pf);
	detcache_begin(dc, 100, 100);
	for (int i = 0; i < 10; i++) {
		struct zt_proc r = { .pid = 400 + i, .uid = 1000, .state = 'S',
		    .rss_kb = kb[i], .oom_score = 700, .oom_score_adj = 0 };
		snprintf(r.comm, sizeof r.comm, "t%d", 400 + i);
		assert_int_equal(detcache_fill(dc, &r, 400 + (uint64_t)i, false,
		    DETCACHE_READ), DETCACHE_MISS);
		detcache_put(dc, &r, 400 + (uint64_t)i, DETCACHE_READ);
	}
	detcache_end(dc);
	detcache_begin(dc, 100, 100);
	for (int i = 0; i < 10; i++) {
		struct zt_proc r = { .pid = 400 + i, .oom_score = 700 };
		assert_int_equal(detcache_fill(dc, &r, 400 + (uint64_t)i, false,
		    DETCACHE_READ), DETCACHE_HIT);
		assert_int_equal(r.rss_kb, kb[i]);
		assert_int_equal(r.start_time, 400 + i);
		free(r.cmdline);
		free(r.cgroup);
	}
	detcache_end(dc);
	assert_int_equal(detcache_size(dc, &kept), 10);
	assert_int_equal(kept, 20);
	detcache_close(dc);
	procfs_close(pf);
}

/* A task source's row its hint does not fill (no uid) is read through
 * the detail cache, and with rows shown (detail_rows >= 0: fresh) its
 * PID/status is read again every refresh: a uid changed while statm,
 * score and adj stand still shows at once (at the third refresh: the
 * second took the statm the cache compares with). */
static void
mp_fresh_body(const char *root, struct procs *pr)
{
	struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
	    .own_details = true };
	struct badness_task t[1] = { src_task(400, 0, 7500, 0, 400) };
	struct procs_row_hint h[1];
	struct zt_snapshot s;

	t[0].uid = BADNESS_NA;
	hints_fill(h, 1, 400);
	for (int k = 0; k < 3; k++) {
		if (k == 2)
			mp_status(root, 400, "t400", 30000, 2000);
		NS_CHECK(mp_fake_sample(pr, &s, &o, t, h, 1));
		NS_CHECK(s.nprocs == 1 && s.procs[0].pid == 400);
		NS_CHECK(s.nprocs == 1 &&
		    s.procs[0].uid == (k == 2 ? 2000 : 1000));
		snapshot_free(&s);
	}
}

static void
test_live_mp_fresh(void **state)
{
	(void)state;
	mp_fake_run(mp_fake_two(1), mp_fresh_body);
}

/* Every row asked for (detail_rows -1), 70 tasks of one score: 310 ..
 * 375 ranked first (most memory), then below DETAIL_TOP: 301, 300 (the
 * least memory; the lowest pid of the best score, so the exact pass's
 * first task), and without points 302 (no VmSwap: a kernel before
 * 2.6.34) and 303 (its oom_score_adj unreadable).  Rows below
 * DETAIL_TOP take comm, state and uid from the exact pass where it
 * read them all (row_src): 300 renamed shows within EXACT_EVERY (32)
 * refreshes, though its statm, score and adj stand still (the exact
 * pass reads it again in its turn, the cache would not); the others
 * are the cache's: 301 renamed "" (PR_SET_NAME's empty comm, which
 * the exact pass does not take) shows "" once the exact pass read it,
 * not its old name; 302's rename with statm moved shows at once; 303's
 * status is read again every refresh (no adj: the cache cannot fill
 * it), its new rss at once. */
static void
mp_rows_body(const char *root, struct procs *pr)
{
	struct zt_snapshot s;

	for (int gen = 1; gen <= 33; gen++) {
		if (gen == 2) {
			mp_status(root, 300, "mpnew", 4000, 1000);
			mp_status(root, 301, "", 5000, 1000);
			mp_status(root, 303, "t303", 12000, 1000);
			put(root, "302/status", "Name:\tmp302b\nState:\tS\n"
			    "Uid:\t1000\t1000\t1000\t1000\nVmRSS:\t6000 kB\n"
			    "RssAnon:\t6000 kB\nRssFile:\t0 kB\n"
			    "RssShmem:\t0 kB\nVmPTE:\t4 kB\n");
			put(root, "302/statm", "2100 1000 100 10 0 1500 0\n");
		}
		NS_CHECK(mp_fake_sample(pr, &s, &mp_every, NULL, NULL, 0));
		NS_CHECK(s.nprocs == 70);
		const struct zt_proc *r[4];
		for (int i = 0; i < 4; i++) {
			r[i] = row_of(&s, 300 + i);
			NS_CHECK(r[i] != NULL && r[i]->rank > 64);
		}
		if (r[0] == NULL || r[1] == NULL || r[2] == NULL || r[3] == NULL) {
			snapshot_free(&s);
			break;
		}
		if (gen == 1)
			NS_CHECK(r[0]->rank == 68 && r[1]->rank == 67);
		if (gen == 2) {
			NS_CHECK(strcmp(r[2]->comm, "mp302b") == 0);
			NS_CHECK(r[3]->rss_kb == 12000);
		}
		if (gen == 33) {
			NS_CHECK(strcmp(r[0]->comm, "mpnew") == 0);
			NS_CHECK(strcmp(r[1]->comm, "") == 0);
		}
		snapshot_free(&s);
	}
}

static void
test_live_mp_row_src(void **state)
{
	(void)state;
	static char root[64];
	int64_t kb[76];

	for (int i = 0; i < 76; i++)
		kb[i] = i < 10 ? 4000 + 1000 * i : 20000 + 1000 * i;
	mp_fake_root(root, sizeof root, 300, kb, 4);
	for (int i = 10; i < 76; i++) {
		char rel[64];
		mkproc(root, 300 + i, 700, kb[i], (uint64_t)(300 + i), 0);
		snprintf(rel, sizeof rel, "%d/statm", 300 + i);
		put(root, rel, "2000 1000 100 10 0 1500 0\n");
	}
	put(root, "302/status", "Name:\tt302\nState:\tS (sleeping)\n"
	    "Uid:\t1000\t1000\t1000\t1000\nVmRSS:\t6000 kB\n"
	    "RssAnon:\t6000 kB\nRssFile:\t0 kB\nRssShmem:\t0 kB\n"
	    "VmPTE:\t4 kB\n");
	unreadable(root, "303/oom_score_adj");
	mp_fake_run(root, mp_rows_body);
}

/* A self/stat of this pid that does not parse (mp_fake_run's: no state
 * after the name) is not this pid namespace's /proc: loadavg's last pid
 * does not stand for the tasks (list_from), the root is listed whole
 * every refresh, and a task made between two with the last pid
 * unchanged is found. */
static void
mp_self_body(const char *root, struct procs *pr)
{
	struct zt_snapshot s;

	for (int gen = 1; gen <= 2; gen++) {
		if (gen == 2)
			mkproc(root, 402, 700, 9000, 402, 0);
		NS_CHECK(mp_fake_sample(pr, &s, &mp_every, NULL, NULL, 0));
		NS_CHECK(s.nprocs == gen + 1);
		snapshot_free(&s);
	}
}

static void
test_live_mp_self_unparsed(void **state)
{
	(void)state;
	char *root = mp_fake_two(2);

	put(root, "loadavg", "0.00 0.01 0.05 1/9 402\n");
	mp_fake_run(root, mp_self_body);
}

/* A row that is no contender (picked by -p, scored far below the one
 * row shown) is the first to ask for its PID/stat (read_row): its
 * start time is taken from there, and a status with a Name: line but
 * no State: line leaves its state not available (0), as for a
 * contender (test_pa_status_no_state), PID/stat not read again. */
static void
test_mp_row_first_stat(void **state)
{
	(void)state;
	static char root[64];
	static int only[2] = { 511, 0 };
	static const struct made_task t[2] = { { 510, 900, 400, 7010 },
	    { 511, 100, 400, 7011 } };
	const struct sampler_opts o = { .want_procs = true, .detail_rows = 1,
		.filter_pids = only };
	struct zt_snapshot s;
	struct procfs *pf;
	struct procs *pr = made_open(root, sizeof root, "mpfirst", t, 2, &pf);

	put(root, "511/status", "Name:\tn511\nUid:\t1000\t1000\t1000\t1000\n"
	    "VmRSS:\t400 kB\nRssAnon:\t400 kB\nRssFile:\t0 kB\n"
	    "RssShmem:\t0 kB\nVmPTE:\t4 kB\nVmSwap:\t0 kB\n");
	sample_once(pr, &s, &o);
	const struct zt_proc *r = row_of(&s, 511);
	assert_int_equal(s.nprocs, 1);
	assert_non_null(r);
	assert_string_equal(r->comm, "n511");
	assert_int_equal(r->start_time, 7011);
	assert_int_equal(r->state, 0);
	assert_int_equal(r->points, 400 / 4 + 1);	/* its own details' */
	snapshot_free(&s);
	made_close(pr, pf);
}

/* Equal points go by the task list, creation order (start time, then
 * pid) and, since 5.2, the last of them is the victim: a task whose
 * PID/stat cannot be read has no start time (0), so it comes before
 * one started at tick 1 (601 before 600), and 600 is the victim. */
static void
test_mp_tie_unknown_start(void **state)
{
	(void)state;
	static char root[64];
	static const struct made_task t[2] = { { 600, 700, 8000, 1 },
	    { 601, 700, 8000, 601 } };
	const struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	struct procfs *pf;
	struct procs *pr = made_open(root, sizeof root, "mptie", t, 2, &pf);

	unreadable(root, "601/stat");
	sample_once(pr, &s, &o);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].points, s.procs[1].points);
	assert_int_equal(s.predicted_victim, 600);
	assert_int_equal(row_of(&s, 600)->rank, 1);
	snapshot_free(&s);
	made_close(pr, pf);
}

/* The fds of this process open on the file path (its device and
 * inode): no /proc/self/fd to read under the made-up /proc. */
static int
mp_fds_on(const char *path)
{
	struct stat want, st;
	int n = 0;

	if (stat(path, &want) < 0)
		return -1;
	for (int fd = 0; fd < 4096; fd++)
		if (fstat(fd, &st) == 0 && st.st_dev == want.st_dev &&
		    st.st_ino == want.st_ino)
			n++;
	return n;
}

/* A task whose oom_score reads 0 and whose PID/stat is gone (it exited
 * between the two reads) is dropped from the table at once, its kept
 * fd on oom_score closed with it, every refresh. */
static void
mp_stat_gone_body(const char *root, struct procs *pr)
{
	struct zt_snapshot s;
	char path[600];

	snprintf(path, sizeof path, "%s/401/oom_score", root);
	for (int gen = 1; gen <= 3; gen++) {
		NS_CHECK(mp_fake_sample(pr, &s, &mp_every, NULL, NULL, 0));
		NS_CHECK(s.nprocs == 1 && s.procs[0].pid == 400);
		NS_CHECK(mp_fds_on(path) == 0);
		snapshot_free(&s);
	}
}

static void
test_live_mp_stat_gone(void **state)
{
	(void)state;
	char *root = mp_fake_two(2);

	put(root, "401/oom_score", "0\n");
	rm_under(root, "401/stat");
	mp_fake_run(root, mp_stat_gone_body);
}

/* A pid namespace's task killed and reaped while the listing stands
 * still (loadavg's last pid unchanged: no listing): its kept fd on
 * oom_score answers ESRCH, and it is dropped there, no candidate of
 * that refresh (the count of tasks seen one less at once). */
static void
mp_ns_exit(void)
{
	const struct sampler_opts o = mp_every;
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	pid_t kid[2] = { ns_spawn(20), ns_spawn(21) };
	int total[2] = { 0, 0 };

	NS_CHECK(kid[0] == 20 && kid[1] == 21);
	ns_last(21);
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	NS_CHECK(pf != NULL && procfs_live(pf));
	if (pf == NULL)
		return;
	struct procs *pr = procs_open(pf);
	for (int gen = 0; gen < 2; gen++) {
		if (gen == 1)
			ns_kill(kid[0]);
		NS_CHECK(ns_sample(pr, &s, &o));
		total[gen] = s.nprocs_total;
		NS_CHECK(row_of(&s, 20) == NULL || gen == 0);
		NS_CHECK(row_of(&s, 21) != NULL);
		snapshot_free(&s);
	}
	NS_CHECK(total[0] == 3 && total[1] == 2);
	procs_close(pr);
	procfs_close(pf);
	ns_kill(kid[1]);
}

static void
test_live_mp_ns_exit(void **state)
{
	(void)state;
	ns_run(mp_ns_exit);
}

/* An oom_score that does not open for another reason than a gone task
 * or a full fd table (here ELOOP; EACCES under hidepid for a user not
 * root): that task's score is not available, and the fds kept on the
 * others' stay (only EMFILE and ENFILE cut them). */
static void
mp_open_error_body(const char *root, struct procs *pr)
{
	struct zt_snapshot s;
	char path[600];

	snprintf(path, sizeof path, "%s/400/oom_score", root);
	for (int gen = 1; gen <= 3; gen++) {
		NS_CHECK(mp_fake_sample(pr, &s, &mp_every, NULL, NULL, 0));
		NS_CHECK(s.nprocs == 2);
		const struct zt_proc *r = row_of(&s, 401);
		NS_CHECK(r != NULL && r->oom_score == ZT_NA);
		NS_CHECK(mp_fds_on(path) == 1);
		snapshot_free(&s);
	}
}

static void
test_live_mp_open_error(void **state)
{
	(void)state;
	char *root = mp_fake_two(2), p[600];

	rm_under(root, "401/oom_score");
	snprintf(p, sizeof p, "%s/401/oom_score", root);
	assert_int_equal(symlink("oom_score", p), 0);
	mp_fake_run(root, mp_open_error_body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank_order_and_ties),
		cmocka_unit_test(test_rank_no_totalpages),
		cmocka_unit_test(test_rank_edges),
		cmocka_unit_test(test_row_task),
		cmocka_unit_test(test_rank_paths),
		cmocka_unit_test(test_rank_victim_skips_unkillable),
		cmocka_unit_test(test_badness_arithmetic),
		cmocka_unit_test(test_score_adj0),
		cmocka_unit_test(test_guess_formula),
		cmocka_unit_test(test_score_adj0_edges),
		cmocka_unit_test(test_derive_row),
		cmocka_unit_test(test_parse_stat),
		cmocka_unit_test(test_parse_last_pid),
		cmocka_unit_test(test_parse_status),
		cmocka_unit_test(test_cmdline),
		cmocka_unit_test(test_cgroup_paths),
		cmocka_unit_test(test_cgroup_files),
		cmocka_unit_test(test_sample_capture),
		cmocka_unit_test(test_sample_capture_filters),
		cmocka_unit_test(test_sample_capture_cgroup),
		cmocka_unit_test(test_sample_tasks),
		cmocka_unit_test(test_sample_tasks_top),
		cmocka_unit_test(test_sys_kept),
		cmocka_unit_test(test_sys_kept_dirs),
		cmocka_unit_test(test_sys_kept_sizes),
		cmocka_unit_test(test_sys_kept_seq),
		cmocka_unit_test(test_cpuset_nodes),
		cmocka_unit_test_teardown(test_cpuset_scopes, cs_teardown),
		cmocka_unit_test_teardown(test_sample_capture_cgroup_v2, cg2_teardown),
		cmocka_unit_test(test_sample_exact_points),
		cmocka_unit_test_teardown(test_sample_cgroup_scope, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_adj_min, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_churn, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_many, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_cached, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_pair, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_empty_score, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_thousands, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_pid_table, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_fds, cg2_teardown),
		cmocka_unit_test(test_live_kept_exit),
		cmocka_unit_test(test_live_emfile),
		cmocka_unit_test(test_live_budget),
		cmocka_unit_test(test_live_nofile),
		cmocka_unit_test(test_live_fd0),
		cmocka_unit_test(test_parse_badness),
		cmocka_unit_test(test_live_ns_listing),
		cmocka_unit_test(test_live_ns_details),
		cmocka_unit_test_teardown(test_sample_names_adj, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_alias, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_unlisted, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_exact_flags, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_exact_age, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_uids, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_view_na, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_exact_ties, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_exact_lost, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_exact_stale, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_scope_siblings, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_read_task, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_source_scopes, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_view_unlimited, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_view_unlimited_ties, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_source_refresh, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_scope_hot, cg2_teardown),
		cmocka_unit_test(test_live_hp4_margin),
		cmocka_unit_test_teardown(test_hp4_flat_tree, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_unlimited_not_hot, cg2_teardown),
		cmocka_unit_test(test_live_hp4_quick),
		cmocka_unit_test(test_live_hp4_source_reuse),
		cmocka_unit_test_teardown(test_hp4_unlistable, cg2_teardown),
		cmocka_unit_test(test_hp4_filter_edges),
		cmocka_unit_test(test_live_hp4_victim_gone),
		cmocka_unit_test_teardown(test_hp4_one_in_cpuset, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_view_score0, cg2_teardown),
		cmocka_unit_test_teardown(test_hp4_row_own_points, cg2_teardown),
		cmocka_unit_test_teardown(test_live_victim_gone, cg2_teardown),
		cmocka_unit_test(test_live_user),
		cmocka_unit_test(test_tasks_user),
		cmocka_unit_test_teardown(test_live_quick, cg2_teardown),
		cmocka_unit_test_teardown(test_cgroup_victim_unknown, cg2_teardown),
		cmocka_unit_test(test_tasks_ties),
		cmocka_unit_test_teardown(test_view_relink, cg2_teardown),
		cmocka_unit_test_teardown(test_tasks_rest_memcg, cg2_teardown),
		cmocka_unit_test_teardown(test_tasks_top_fresh, cg2_teardown),
		cmocka_unit_test(test_tasks_top_none),
		cmocka_unit_test(test_tasks_top_view),
		cmocka_unit_test_teardown(test_sample_pte, cg2_teardown),
		cmocka_unit_test_teardown(test_sample_hot_drop, cg2_teardown),
		cmocka_unit_test_teardown(test_tasks_rest_view, cg2_teardown),
		cmocka_unit_test(test_mb_close_null),
		cmocka_unit_test(test_mb_source_rows),
		cmocka_unit_test_teardown(test_mb_uid_changed, cg2_teardown),
		cmocka_unit_test(test_mb_source_no_uid),
		cmocka_unit_test(test_mb_path_top),
		cmocka_unit_test_teardown(test_mb_proc_uids, cg2_teardown),
		cmocka_unit_test(test_mb_path_batch),
		cmocka_unit_test(test_mb_past_top),
		cmocka_unit_test(test_live_mb_open_fds),
		cmocka_unit_test(test_ma_ns_cache),
		cmocka_unit_test_teardown(test_ma_read_row, cg2_teardown),
		cmocka_unit_test_teardown(test_ma_hinted, cg2_teardown),
		cmocka_unit_test_teardown(test_rf_zombie_leader, cg2_teardown),
		cmocka_unit_test_teardown(test_mc_victim_gone_member, cg2_teardown),
		cmocka_unit_test_teardown(test_mc_scope_swappiness, cg2_teardown),
		cmocka_unit_test_teardown(test_mc_view_contenders, cg2_teardown),
		cmocka_unit_test_teardown(test_mc_scope_tie_order, cg2_teardown),
		cmocka_unit_test(test_mc_tasks_start),
		cmocka_unit_test(test_mc_tasks_then_proc),
		cmocka_unit_test_teardown(test_md_pid_file_fd0, cg2_teardown),
		cmocka_unit_test_teardown(test_md_ino_unsorted, cg2_teardown),
		cmocka_unit_test_teardown(test_md_ino_shrunk, cg2_teardown),
		cmocka_unit_test_teardown(test_md_no_tree, cg2_teardown),
		cmocka_unit_test_teardown(test_md_ino_full_tree, cg2_teardown),
		cmocka_unit_test(test_live_md_formula),
		cmocka_unit_test(test_live_md_detcache),
		cmocka_unit_test(test_live_md_room),
		cmocka_unit_test(test_live_md_filtered_quick),
		cmocka_unit_test_teardown(test_pa_hint_no_name, cg2_teardown),
		cmocka_unit_test_teardown(test_pa_row_stat_kthread, cg2_teardown),
		cmocka_unit_test_teardown(test_pa_status_no_state, cg2_teardown),
		cmocka_unit_test_teardown(test_pa_hint_start0, cg2_teardown),
		cmocka_unit_test(test_live_pa_cmdline_gone),
		cmocka_unit_test(test_pb_source_unknown_score),
		cmocka_unit_test(test_pb_source_many),
		cmocka_unit_test(test_live_pb_source_budget),
		cmocka_unit_test(test_live_pb_source_unlisted),
		cmocka_unit_test_teardown(test_pb_source_then_proc_turn, cg2_teardown),
		cmocka_unit_test(test_pb_source_old_formula),
		cmocka_unit_test(test_pb_source_no_rows),
		cmocka_unit_test(test_live_pb_source_fresh),
		cmocka_unit_test(test_live_pb_source_own_details),
		cmocka_unit_test_teardown(test_mb_read_witness, cg2_teardown),
		cmocka_unit_test_teardown(test_rf_dying_leader_scanned_last,
		    cg2_teardown),
		cmocka_unit_test_teardown(test_mp_zombie_threads, cg2_teardown),
		cmocka_unit_test_teardown(test_mp_zombie_fd0, cg2_teardown),
		cmocka_unit_test_teardown(test_mp_detcache_put, cg2_teardown),
		cmocka_unit_test_teardown(test_live_mp_fresh, cg2_teardown),
		cmocka_unit_test_teardown(test_live_mp_row_src, cg2_teardown),
		cmocka_unit_test_teardown(test_live_mp_self_unparsed, cg2_teardown),
		cmocka_unit_test_teardown(test_mp_row_first_stat, cg2_teardown),
		cmocka_unit_test_teardown(test_mp_tie_unknown_start, cg2_teardown),
		cmocka_unit_test_teardown(test_live_mp_stat_gone, cg2_teardown),
		cmocka_unit_test(test_live_mp_ns_exit),
		cmocka_unit_test_teardown(test_live_mp_open_error, cg2_teardown),
	};
	/* scripts/mutants.py leaves out the live tests (most of the run)
	 * but on a mutant that the rest passes */
	const char *skip = getenv("ZT_TEST_SKIP");

	const char *only = getenv("ZT_TEST_FILTER");	/* one test, by hand */

	if (skip != NULL && *skip != '\0')
		cmocka_set_skip_filter(skip);
	if (only != NULL && *only != '\0')
		cmocka_set_test_filter(only);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
