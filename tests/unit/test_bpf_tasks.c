/*
 * test_bpf_tasks.c: the BPF path's pure pieces: decoding the iterator's
 * records (bpf_tasks_decode, the state letter, folding a thread's mm
 * into a leader without one) and the points, /proc/PID/oom_score and
 * select_bad_process() order computed from them (procs_bpf.c), with
 * figures worked by hand from mm/oom_kill.c oom_badness() and
 * fs/proc/base.c proc_oom_score().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <linux/types.h>

#include "bpf/tasks_rec.h"
#include "bpf_tasks.h"
#include "procs_bpf.h"
#include "snapshot.h"

static struct zt_task_rec
rec(int tgid, int adj, long anon, long file, long shmem, long swap)
{
	struct zt_task_rec r;

	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	r.tgid = tgid;
	r.pid = tgid;
	r.oom_score_adj = (short)adj;
	r.rss[ZT_MM_ANONPAGES] = anon;
	r.rss[ZT_MM_FILEPAGES] = file;
	r.rss[ZT_MM_SHMEMPAGES] = shmem;
	r.rss[ZT_MM_SWAPENTS] = swap;
	r.rss_fast[ZT_MM_ANONPAGES] = anon - 3;
	r.rss_fast[ZT_MM_FILEPAGES] = file;
	r.rss_fast[ZT_MM_SHMEMPAGES] = shmem;
	r.pgtables_bytes = 8192;
	r.start_boottime = 1234567890123ULL;
	r.uid = 1000;
	r.euid = 1001;
	r.memcg_id = 4242;
	r.flags = ZT_TF_PERCPU;
	memcpy(r.comm, "worker", 7);
	return r;
}

static void
test_decode_fields(void **state)
{
	struct zt_task_rec r[2] = { rec(100, 300, 2560, 512, 16, 7),
	    rec(1, 0, 10, 10, 0, 0) };
	struct bt_task t[4];
	char why[ZT_WHY_LEN];

	(void)state;
	r[1].flags |= ZT_TF_INIT;
	memset(r[1].comm, 'x', sizeof r[1].comm);	/* no NUL from the kernel */
	r[1].state = 0x402;
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 4, why, sizeof why), 2);
	assert_int_equal(t[0].tgid, 100);
	assert_int_equal(t[0].oom_score_adj, 300);
	assert_int_equal(t[0].rss_anon, 2560);
	assert_int_equal(t[0].rss_file, 512);
	assert_int_equal(t[0].rss_shmem, 16);
	assert_int_equal(t[0].swapents, 7);
	assert_int_equal(t[0].pgtables_bytes, 8192);
	assert_int_equal(t[0].rss_fast, 2557 + 512 + 16);
	assert_int_equal(t[0].uid, 1000);
	assert_int_equal(t[0].euid, 1001);
	assert_int_equal(t[0].memcg_id, 4242);
	/* nsec_to_clock_t at USER_HZ 100: 10 ms a tick */
	assert_int_equal(t[0].start_time, 123456);
	assert_int_equal(t[0].start_ns, 1234567890123ULL);
	assert_string_equal(t[0].comm, "worker");
	assert_int_equal(t[0].state, 'R');
	assert_int_equal(t[0].flags, BT_PERCPU);
	assert_int_equal(t[1].flags & BT_INIT, BT_INIT);
	assert_int_equal(strlen(t[1].comm), 15);
	assert_int_equal(t[1].state, 'I');
}

static void
test_decode_clamps_and_no_mm(void **state)
{
	struct zt_task_rec r[2] = { rec(7, 0, -2, 5, 0, -1), rec(8, 0, 9, 9, 9, 9) };
	struct bt_task t[2];
	char why[ZT_WHY_LEN];

	(void)state;
	/* percpu_counter_sum_positive(): a sum caught mid-update is 0 */
	r[1].flags = ZT_TF_NO_MM;
	r[1].pgtables_bytes = 4096;
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 2, why, sizeof why), 2);
	assert_int_equal(t[0].rss_anon, 0);
	assert_int_equal(t[0].swapents, 0);
	assert_int_equal(t[0].rss_file, 5);
	/* a zombie: no mm, no counters (not zeros passed off as figures) */
	assert_int_equal(t[1].rss_anon + t[1].rss_file + t[1].rss_shmem, 0);
	assert_false(zt_have(t[1].pgtables_bytes));
	r[0].flags |= ZT_TF_NO_PGTBL;
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 2, why, sizeof why), 2);
	assert_false(zt_have(t[0].pgtables_bytes));
}

static void
test_decode_rejects(void **state)
{
	struct zt_task_rec r[2] = { rec(7, 0, 1, 1, 1, 1), rec(8, 0, 1, 1, 1, 1) };
	struct bt_task t[2];
	char why[ZT_WHY_LEN];

	(void)state;
	assert_int_equal(bpf_tasks_decode(r, 0, 100, t, 2, why, sizeof why), 0);
	assert_int_equal(bpf_tasks_decode(r, sizeof r[0] + 5, 100, t, 2, why,
	    sizeof why), -1);
	assert_non_null(strstr(why, "partial"));
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 1, why, sizeof why), -1);
	r[1].size = 96;		/* another version's layout */
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 2, why, sizeof why), -1);
	assert_non_null(strstr(why, "size 96"));
	r[1] = rec(8, 1001, 1, 1, 1, 1);
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 2, why, sizeof why), -1);
	r[1] = rec(0, 0, 1, 1, 1, 1);
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 2, why, sizeof why), -1);
	/* counters no machine has (the fuzzer's sums overflowed) */
	r[1] = rec(8, 0, 1, 1, 1, 1);
	r[1].rss_fast[ZT_MM_FILEPAGES] = INT64_MAX / 2;
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 2, why, sizeof why), -1);
}

static void
test_state_letters(void **state)
{
	(void)state;
	assert_int_equal(bpf_tasks_state(0), 'R');
	assert_int_equal(bpf_tasks_state(0x1), 'S');
	assert_int_equal(bpf_tasks_state(0x2), 'D');
	assert_int_equal(bpf_tasks_state(0x4), 'T');
	assert_int_equal(bpf_tasks_state(0x8), 't');
	assert_int_equal(bpf_tasks_state(0x10), 'X');
	assert_int_equal(bpf_tasks_state(0x20), 'Z');
	assert_int_equal(bpf_tasks_state(0x40), 'P');
	assert_int_equal(bpf_tasks_state(0x402), 'I');
	assert_int_equal(bpf_tasks_state(0x1000), 'D');	/* RTLOCK_WAIT */
	assert_int_equal(bpf_tasks_state(0x100 | 0x1), 'S');	/* WAKEKILL */
}

static void
test_merge_threads(void **state)
{
	struct zt_task_rec r[4] = { rec(10, 0, 1, 1, 1, 1), rec(20, 5, 0, 0, 0, 0),
	    rec(25, 5, 700, 3, 2, 1), rec(30, 0, 4, 4, 4, 4) };
	struct bt_task t[4];
	char why[ZT_WHY_LEN];
	int n;

	(void)state;
	/* 20's leader exited (a zombie leader with live threads): the
	 * kernel scores the first thread with an mm, here 25 */
	r[1].flags = ZT_TF_NO_MM;
	r[2].tgid = 20;
	r[2].flags = ZT_TF_THREAD_MM | ZT_TF_PERCPU | ZT_TF_OOM_SKIP;
	n = bpf_tasks_decode(r, sizeof r, 100, t, 4, why, sizeof why);
	assert_int_equal(n, 4);
	n = bpf_tasks_merge_threads(t, n);
	assert_int_equal(n, 3);
	assert_int_equal(t[0].tgid, 10);
	assert_int_equal(t[1].tgid, 20);
	assert_int_equal(t[2].tgid, 30);
	assert_int_equal(t[1].rss_anon, 700);
	assert_int_equal(t[1].flags & BT_NO_MM, 0);
	assert_int_equal(t[1].flags & (BT_THREAD_MM | BT_OOM_SKIP),
	    BT_THREAD_MM | BT_OOM_SKIP);
	assert_int_equal(t[1].oom_score_adj, 5);	/* the leader's signal */
	/* nothing to fold: untouched */
	n = bpf_tasks_decode(r, sizeof r[0], 100, t, 4, why, sizeof why);
	assert_int_equal(bpf_tasks_merge_threads(t, n), 1);
}

static struct bt_task
task(int tgid, int adj, int64_t pages, uint64_t start_ns)
{
	struct bt_task t;

	memset(&t, 0, sizeof t);
	t.tgid = tgid;
	t.oom_score_adj = adj;
	t.rss_anon = pages;
	t.pgtables_bytes = 0;
	t.start_ns = start_ns;
	return t;
}

/* The points of a BPF task by the one arithmetic (badness.c), through
 * the adapter's copy. */
static int64_t
bpf_points(const struct badness_kernel *k, const struct bt_task *t,
    int64_t tp)
{
	struct badness_task b;

	procs_bpf_to_badness(t, &b);
	return badness_points(k, &b, tp, 4096);
}

static void
test_points(void **state)
{
	struct badness_kernel k6, k58;
	struct bt_task t = task(50, 0, 10240, 1);
	int64_t tp = 16384;		/* a 64 MiB memcg, no swap */

	(void)state;
	badness_kernel_init(&k6, "6.18.44-fc-v1300", false);
	badness_kernel_init(&k58, "5.8.0", false);
	assert_true(k6.rules == BADNESS_RULES_5_9 && k6.last_wins);
	assert_int_equal(k58.rules, BADNESS_RULES_4_17);
	/* oom_badness() with a 64 MiB memcg's totalpages (16384): 40 MiB at
	 * adj 0 = 10240 pages; 2 MiB at adj 100 = 512 + 100 * (16384 / 1000)
	 * = 2112: the memcg's small adj term, not the global oom_score */
	assert_int_equal(bpf_points(&k6, &t, tp), 10240);
	t = task(51, 100, 512, 2);
	assert_int_equal(bpf_points(&k6, &t, tp), 512 + 100 * 16);
	/* rss + swap entries + page-table pages */
	t.rss_file = 10;
	t.rss_shmem = 20;
	t.swapents = 30;
	t.pgtables_bytes = 3 * 4096 + 100;
	assert_int_equal(bpf_points(&k6, &t, tp), 512 + 63 + 1600);
	/* 5.9+ may go negative; 5.8 returns at least 1 */
	t = task(52, -500, 100, 3);
	assert_int_equal(bpf_points(&k6, &t, tp), 100 - 500 * 16);
	assert_int_equal(bpf_points(&k58, &t, tp), 1);
	/* never chosen */
	t = task(53, -1000, 100, 4);
	assert_int_equal(bpf_points(&k6, &t, tp), BADNESS_INELIGIBLE);
	static const unsigned skip[] = { BT_KTHREAD, BT_INIT, BT_NO_MM,
	    BT_OOM_SKIP, BT_VFORK };
	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++) {
		t = task(54, 0, 100, 5);
		t.flags = skip[i];
		assert_int_equal(bpf_points(&k6, &t, tp), BADNESS_INELIGIBLE);
	}
}

static void
test_to_badness(void **state)
{
	struct bt_task t = task(77, 250, 100, 123456789);
	struct badness_task b;
	struct procs_row_hint h;

	(void)state;
	t.rss_file = 5;
	t.rss_shmem = 6;
	t.swapents = 7;
	t.pgtables_bytes = 8192;
	t.euid = 1000;
	t.uid = 0;
	t.memcg_id = 4242;
	t.start_time = 99;
	t.state = 'S';
	memcpy(t.comm, "worker", 7);
	t.flags = BT_VICTIM | BT_PERCPU;
	procs_bpf_to_badness(&t, &b);
	assert_int_equal(b.tgid, 77);
	assert_int_equal(b.oom_score_adj, 250);
	assert_int_equal(b.rss_anon, 100);
	assert_int_equal(b.rss_file, 5);
	assert_int_equal(b.rss_shmem, 6);
	assert_int_equal(b.swapents, 7);
	assert_int_equal(b.pgtables_bytes, 8192);
	assert_int_equal(b.uid, 1000);		/* effective */
	assert_int_equal(b.memcg_id, 4242);
	assert_int_equal(b.start_time, 123456789);	/* ns: creation order */
	assert_int_equal(b.flags, BADNESS_F_VICTIM);
	/* the iterator sees every flag */
	assert_true((b.known & BADNESS_F_OOM_SKIP) && (b.known & BADNESS_F_VFORK));
	t.pgtables_bytes = ZT_NA;
	procs_bpf_to_badness(&t, &b);
	assert_int_equal(b.pgtables_bytes, BADNESS_NA);
	procs_bpf_hint(&t, &h);
	assert_string_equal(h.comm, "worker");
	assert_int_equal(h.state, 'S');
	assert_int_equal(h.start_time, 99);	/* ticks, as PID/stat */
}

/* Every iterator flag becomes its badness flag and nothing else (the
 * mask of procs_bpf_to_badness), alone and all at once (a thread's mm
 * read for the leader: the leader exited, a memcg scan meets it last);
 * the iterator's own flags (per-CPU sums, ...) do not leak through. */
static void
test_to_badness_flags(void **state)
{
	static const struct {
		unsigned bt, badness;
	} map[] = {
		{ BT_KTHREAD, BADNESS_F_KTHREAD }, { BT_INIT, BADNESS_F_INIT },
		{ BT_NO_MM, BADNESS_F_NO_MM }, { BT_OOM_SKIP, BADNESS_F_OOM_SKIP },
		{ BT_VFORK, BADNESS_F_VFORK }, { BT_VICTIM, BADNESS_F_VICTIM },
		{ BT_ORIGIN, BADNESS_F_ORIGIN },
		{ BT_THREAD_MM, BADNESS_F_DYING_LEADER },
	};
	const unsigned own = BT_PERCPU | BT_NO_PGTBL | BT_NO_MEMCG |
	    BT_APPROX;
	unsigned all_bt = 0, all_b = 0;
	struct bt_task t;
	struct badness_task b;

	(void)state;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		t = task(9, 0, 1, 1);
		t.flags = map[i].bt | own;
		procs_bpf_to_badness(&t, &b);
		assert_int_equal(b.flags, map[i].badness);
		assert_int_equal(b.known, BADNESS_F_KTHREAD | BADNESS_F_INIT |
		    BADNESS_F_NO_MM | BADNESS_F_OOM_SKIP | BADNESS_F_VFORK |
		    BADNESS_F_VICTIM | BADNESS_F_ORIGIN |
		    BADNESS_F_DYING_LEADER);
		all_bt |= map[i].bt;
		all_b |= map[i].badness;
	}
	t.flags = all_bt;
	procs_bpf_to_badness(&t, &b);
	assert_int_equal(b.flags, all_b);
	t.flags = own;
	memset(&b, 0x5a, sizeof b);
	procs_bpf_to_badness(&t, &b);
	assert_int_equal(b.flags, 0);
	/* nothing of the task is left over from a previous one */
	assert_int_equal(b.scan_seq, 0);
	assert_int_equal(b.memcg_seq, 0);
	assert_int_equal(b.counts, BADNESS_COUNTS_SUM);
}

static void
test_oom_score(void **state)
{
	struct badness_kernel k6, k58;
	int64_t tp = 6291456;		/* 24 GiB, no swap */

	(void)state;
	badness_kernel_init(&k6, "6.18.0", false);
	badness_kernel_init(&k58, "5.8.18", false);
	/* proc_oom_score() 5.9+ (fs/proc/base.c): (1000 + points * 1000 /
	 * totalpages) * 2 / 3, so every adj-0 process under totalpages/1000
	 * pages (one step) shows 666 */
	assert_int_equal(badness_oom_score(&k6, 3072, tp), 666);
	assert_int_equal(badness_oom_score(&k6, 3 * tp / 1000, tp), 668);
	/* negative points: the division truncates toward zero, as C does */
	assert_int_equal(badness_oom_score(&k6, -3 * (tp / 1000), tp), 665);
	assert_int_equal(badness_oom_score(&k6, -4 * (tp / 1000), tp), 664);
	assert_int_equal(badness_oom_score(&k6, BADNESS_INELIGIBLE, tp), 0);
	assert_int_equal(badness_oom_score(&k58, tp / 2, tp), 500);
}

static void
test_rank_order(void **state)
{
	struct badness_kernel k6, k44;
	struct bt_task t[6];
	struct badness_task b[6];
	int64_t pts[6];
	int order[6];
	int64_t tp = 6291456;

	(void)state;
	badness_kernel_init(&k6, "6.18", false);
	badness_kernel_init(&k44, "4.19.0", false);
	t[0] = task(300, 0, 3072, 30);		/* 12 MiB, the largest adj 0 */
	t[1] = task(100, 0, 256, 10);		/* 1 MiB: same oom_score, fewer points */
	t[2] = task(400, 0, 3072, 20);		/* a tie with 300, created before it */
	t[3] = task(200, -1000, 9999, 5);	/* never */
	t[4] = task(1, 0, 9999, 1);
	t[4].flags = BT_INIT;
	t[5] = task(500, 0, 1, 40);
	t[5].flags = BT_ORIGIN;			/* swapoff: chosen first */
	for (int i = 0; i < 6; i++)
		procs_bpf_to_badness(&t[i], &b[i]);
	assert_int_equal(badness_rank(&k6, b, 6, tp, 4096, false, pts, order), 4);
	assert_int_equal(t[order[0]].tgid, 500);
	/* equal points: 5.2+ keeps the later scanned (created later) */
	assert_int_equal(t[order[1]].tgid, 300);
	assert_int_equal(t[order[2]].tgid, 400);
	assert_int_equal(t[order[3]].tgid, 100);
	assert_int_equal(pts[0], 3072);
	assert_int_equal(pts[3], BADNESS_INELIGIBLE);
	/* before 5.2 the first of equals stays */
	badness_rank(&k44, b, 6, tp, 4096, false, pts, order);
	assert_int_equal(t[order[1]].tgid, 400);
	assert_int_equal(t[order[2]].tgid, 300);
}

/* ---- cw: which reading of the per-CPU counters oom_badness() makes,
 * witnessed by /proc/PID/oom_score (procs_bpf.c) ---- */

/* Each counter's central value decoded apart (clamped at 0 as
 * percpu_counter_read_positive() does), zeroed without an mm and
 * carried over with a thread's mm. */
static void
test_cw_decode_fast(void **state)
{
	struct zt_task_rec r[3] = { rec(10, 0, 2560, 512, 16, 7),
	    rec(20, 0, 0, 0, 0, 0), rec(20, 0, 900, 40, 8, 30) };
	struct bt_task t[3];
	char why[ZT_WHY_LEN];

	(void)state;
	r[0].rss_fast[ZT_MM_SWAPENTS] = 5;
	r[0].rss_fast[ZT_MM_SHMEMPAGES] = -4;	/* caught below 0 */
	r[1].flags = ZT_TF_NO_MM;
	r[1].rss_fast[ZT_MM_ANONPAGES] = 77;	/* ignored: no mm */
	r[2].flags = ZT_TF_THREAD_MM | ZT_TF_PERCPU;
	r[2].rss_fast[ZT_MM_SWAPENTS] = 29;
	assert_int_equal(bpf_tasks_decode(r, sizeof r, 100, t, 3, why,
	    sizeof why), 3);
	assert_int_equal(t[0].fast_anon, 2557);
	assert_int_equal(t[0].fast_file, 512);
	assert_int_equal(t[0].fast_shmem, 0);
	assert_int_equal(t[0].fast_swap, 5);
	assert_int_equal(t[0].rss_fast, 2557 + 512);
	assert_int_equal(t[1].fast_anon + t[1].fast_file + t[1].fast_shmem +
	    t[1].fast_swap, 0);
	assert_int_equal(bpf_tasks_merge_threads(t, 3), 2);
	assert_int_equal(t[1].tgid, 20);
	assert_int_equal(t[1].fast_anon, 897);
	assert_int_equal(t[1].fast_file, 40);
	assert_int_equal(t[1].fast_shmem, 8);
	assert_int_equal(t[1].fast_swap, 29);
}

/* A task of 1000 anon, 200 file, 30 shmem and 50 swap pages (sums) and
 * central values a few pages off each. */
static struct bt_task
two_readings(void)
{
	return (struct bt_task){ .tgid = 42, .start_ns = 1,
		.rss_anon = 1000, .rss_file = 200, .rss_shmem = 30,
		.swapents = 50, .fast_anon = 990, .fast_file = 203,
		.fast_shmem = 28, .fast_swap = 47 };
}

/* The central reading fills every counter oom_badness() adds from its
 * central value, split as the kernel splits it, and says so. */
static void
test_cw_central_badness(void **state)
{
	struct bt_task t = two_readings();
	struct badness_task a, b;
	struct badness_kernel k;

	(void)state;
	badness_kernel_init(&k, "6.18.44", true);
	t.pgtables_bytes = 8 * 4096;
	procs_bpf_to_badness(&t, &a);
	procs_bpf_to_badness_central(&t, &b);
	assert_int_equal(a.counts, BADNESS_COUNTS_SUM);
	assert_int_equal(b.counts, BADNESS_COUNTS_KERNEL);
	assert_int_equal(b.rss_anon, 990);
	assert_int_equal(b.rss_file, 203);
	assert_int_equal(b.rss_shmem, 28);
	assert_int_equal(b.swapents, 47);
	assert_int_equal(b.pgtables_bytes, 8 * 4096);
	assert_int_equal(b.tgid, 42);
	assert_int_equal(badness_points(&k, &a, 100000, 4096),
	    1000 + 200 + 30 + 50 + 8);
	assert_int_equal(badness_points(&k, &b, 100000, 4096),
	    990 + 203 + 28 + 47 + 8);
}

static struct procs_witness
witness(int tgid, int64_t psum, int64_t pcen, int64_t ssum, int64_t scen,
    int64_t score)
{
	return (struct procs_witness){ .tgid = tgid, .points_sum = psum,
		.points_central = pcen, .score_sum = ssum,
		.score_central = scen, .score = score };
}

/* Two witnesses whose oom_score shows the central values. */
static void
central_pair(struct procs_witness *w)
{
	w[0] = witness(10, 9300, 9250, 667, 666, 666);
	w[1] = witness(11, 18600, 18520, 668, 667, 667);
}

/* Two witnesses of one sample agreeing, none against: a verdict, each
 * way; one alone is not enough. */
static void
test_cw_judge_verdicts(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness w[3];

	(void)state;
	central_pair(w);
	w[2] = witness(12, 100, 90, 700, 699, 700);
	assert_int_equal(procs_witness_vote(&w[0]), PROCS_COUNTS_CENTRAL);
	assert_int_equal(procs_witness_vote(&w[2]), PROCS_COUNTS_SUM);
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, w, 1), PROCS_COUNTS_UNSEEN);
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, w, 2), PROCS_COUNTS_CENTRAL);
	/* the sums, by two */
	w[0].score = 667;
	w[1].score = 668;
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, w, 3), PROCS_COUNTS_SUM);
}

/* No witness, or witnesses that say nothing: no verdict, the sums. */
static void
test_cw_judge_no_witness(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness w[2] = {
		witness(10, 9300, 9250, 667, 667, 667),	/* one score */
		witness(11, 18600, 18520, 668, 667, ZT_NA),	/* unread */
	};

	(void)state;
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, NULL, 0), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_witness_vote(&w[0]), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_witness_vote(&w[1]), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_judge(&j, w, 2), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_judge(&j, w, 2), PROCS_COUNTS_UNSEEN);
}

/* Races: counters that moved between the iterator's read and the
 * file's give a score of neither reading (no vote) or the wrong one;
 * witnesses of one sample that disagree decide nothing; one task seen
 * twice decides only with the same counters both times. */
static void
test_cw_judge_race(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness w[2];

	(void)state;
	central_pair(w);
	w[0].score = 669;		/* moved: neither */
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_witness_vote(&w[0]), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_judge(&j, w, 2), PROCS_COUNTS_UNSEEN);
	/* one each way: nothing */
	w[0].score = 667;
	assert_int_equal(procs_counts_judge(&j, w, 2), PROCS_COUNTS_UNSEEN);
	/* 11 again, its counters changed since: not a repeat */
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, &w[1], 1), PROCS_COUNTS_UNSEEN);
	w[1].points_central++;
	assert_int_equal(procs_counts_judge(&j, &w[1], 1), PROCS_COUNTS_UNSEEN);
	/* the same counters twice in a row: a verdict */
	assert_int_equal(procs_counts_judge(&j, &w[1], 1), PROCS_COUNTS_CENTRAL);
	/* a repeat against a witness of the other way decides nothing */
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, &w[1], 1), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_judge(&j, w, 2), PROCS_COUNTS_UNSEEN);
}

/* A settled verdict holds against one sample of evidence the other
 * way, and turns after two in a row. */
static void
test_cw_judge_sticky(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness cen[2], sum[2];

	(void)state;
	central_pair(cen);
	central_pair(sum);
	sum[0].tgid = 20;
	sum[0].score = 667;
	sum[1].tgid = 21;
	sum[1].score = 668;
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, cen, 2), PROCS_COUNTS_CENTRAL);
	/* one witness against: not even evidence */
	assert_int_equal(procs_counts_judge(&j, sum, 1), PROCS_COUNTS_CENTRAL);
	assert_int_equal(procs_counts_judge(&j, NULL, 0), PROCS_COUNTS_CENTRAL);
	/* evidence against, once, then for: it holds */
	assert_int_equal(procs_counts_judge(&j, sum, 2), PROCS_COUNTS_CENTRAL);
	assert_int_equal(procs_counts_judge(&j, cen, 2), PROCS_COUNTS_CENTRAL);
	assert_int_equal(procs_counts_judge(&j, sum, 2), PROCS_COUNTS_CENTRAL);
	/* twice in a row: it turns */
	assert_int_equal(procs_counts_judge(&j, sum, 2), PROCS_COUNTS_SUM);
}


/* Distinct tasks agreeing across samples settle it; a vote against
 * between starts over. */
static void
test_cw_judge_across_samples(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness ab[2];
	struct procs_witness x = witness(12, 100, 90, 700, 699, 700);

	(void)state;
	central_pair(ab);
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, &ab[0], 1), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_judge(&j, NULL, 0), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_judge(&j, &x, 1), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_judge(&j, &ab[1], 1), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_judge(&j, &ab[0], 1), PROCS_COUNTS_CENTRAL);
}

/* The race guard: PID/status read after oom_score must show the
 * counters the iterator read, all sums or all central values. */
static void
test_cw_witness_still(void **state)
{
	struct bt_task t = two_readings();
	struct badness_task after;

	(void)state;
	procs_bpf_to_badness(&t, &after);		/* the sums */
	assert_true(procs_witness_still(&t, &after));
	after.rss_anon = 990;
	assert_false(procs_witness_still(&t, &after));	/* a mix */
	procs_bpf_to_badness_central(&t, &after);	/* the central values */
	assert_true(procs_witness_still(&t, &after));
	after.rss_shmem = 27;				/* moved */
	assert_false(procs_witness_still(&t, &after));
	after.rss_shmem = BADNESS_NA;			/* unread */
	assert_false(procs_witness_still(&t, &after));
	after.rss_shmem = 28;
	after.pgtables_bytes = 4096;			/* a new table */
	assert_false(procs_witness_still(&t, &after));
}

/* The kept verdict: taken back for the same boot and kernel only. */
static void
test_cw_counts_kept(void **state)
{
	char text[256];
	const char *boot = "0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e";

	(void)state;
	procs_counts_format(text, sizeof text, PROCS_COUNTS_CENTRAL, boot,
	    "6.18.44");
	assert_string_equal(text, "counts central\nboot_id "
	    "0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\nrelease 6.18.44\n");
	assert_int_equal(procs_counts_restore(text, boot, "6.18.44"),
	    PROCS_COUNTS_CENTRAL);
	/* another kernel, another boot, a prefix: nothing */
	assert_int_equal(procs_counts_restore(text, boot, "6.18.45"),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_restore(text, boot, "6.18.4"),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_restore(text,
	    "1b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e", "6.18.44"),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_restore(text, "", "6.18.44"),
	    PROCS_COUNTS_UNSEEN);
	procs_counts_format(text, sizeof text, PROCS_COUNTS_SUM, boot, "6.1.2");
	assert_int_equal(procs_counts_restore(text, boot, "6.1.2"),
	    PROCS_COUNTS_SUM);
	/* by key, in any order, the unknown ignored, no final newline */
	assert_int_equal(procs_counts_restore("x 1\nrelease 6.1.2\nboot_id "
	    "0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\ncounts central", boot,
	    "6.1.2"), PROCS_COUNTS_CENTRAL);
	assert_int_equal(procs_counts_restore("counts centra\nrelease 6.1.2\n"
	    "boot_id 0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\n", boot, "6.1.2"),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_restore("", boot, "6.1.2"),
	    PROCS_COUNTS_UNSEEN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_fields),
		cmocka_unit_test(test_decode_clamps_and_no_mm),
		cmocka_unit_test(test_decode_rejects),
		cmocka_unit_test(test_state_letters),
		cmocka_unit_test(test_merge_threads),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_oom_score),
		cmocka_unit_test(test_rank_order),
		cmocka_unit_test(test_to_badness),
		cmocka_unit_test(test_to_badness_flags),
		cmocka_unit_test(test_cw_decode_fast),
		cmocka_unit_test(test_cw_central_badness),
		cmocka_unit_test(test_cw_judge_verdicts),
		cmocka_unit_test(test_cw_judge_no_witness),
		cmocka_unit_test(test_cw_judge_race),
		cmocka_unit_test(test_cw_judge_sticky),
		cmocka_unit_test(test_cw_judge_across_samples),
		cmocka_unit_test(test_cw_witness_still),
		cmocka_unit_test(test_cw_counts_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
