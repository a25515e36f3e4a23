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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <linux/types.h>

#include "bpf/tasks_rec.h"
#include "bpf_tasks.h"
#include "procfs.h"
#include "procs.h"
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

/* ---- mb: the judge's and the kept text's edges, each a mutant's
 * (scripts/mutants.py src/procs_bpf.c) ---- */

/* Two distinct tasks voting v, new to the judge. */
static void
mb_pair(struct procs_witness *w, int v, int tgid)
{
	for (int i = 0; i < 2; i++)
		w[i] = v == PROCS_COUNTS_CENTRAL ?
		    witness(tgid + i, 9300 + i, 9250 + i, 667, 666, 666) :
		    witness(tgid + i, 9300 + i, 9250 + i, 667, 666, 667);
}

/* One sample for the judge: w[0..n), and the verdict after it. */
struct mb_sample {
	const struct procs_witness *w;
	int n, want;
};

/* The samples seq[0..n) weighed by j in turn. */
static void
mb_judge_seq(struct procs_counts_judge *j, const struct mb_sample *seq,
    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		print_message("# sample %zu\n", i);
		assert_int_equal(procs_counts_judge(j, seq[i].w, seq[i].n),
		    seq[i].want);
	}
}

/* A fresh judge (its verdict kept: verdict) weighs seq[0..n). */
static void
mb_judge_new(struct procs_counts_judge *j, int verdict,
    const struct mb_sample *seq, size_t n)
{
	memset(j, 0, sizeof *j);
	j->verdict = verdict;
	mb_judge_seq(j, seq, n);
}

/* A sample split: 10 votes for the central values, 20 for the sums. */
static void
mb_split(struct procs_witness *w)
{
	central_pair(w);
	w[1] = witness(20, 100, 90, 700, 699, 700);
}

/* A repeat is looked for in the last sample's witnesses only, not in
 * older ones left in prev[] past nprev: 20 was two samples ago, one
 * vote for the sums after one central, no repeat. */
static void
test_mb_judge_prev_only(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness s1[2];
	struct procs_witness z = witness(13, 200, 180, 701, 700, 700);
	const struct mb_sample seq[] = { { s1, 2, PROCS_COUNTS_UNSEEN },
	    { &z, 1, PROCS_COUNTS_UNSEEN }, { &s1[1], 1, PROCS_COUNTS_UNSEEN } };

	(void)state;
	mb_split(s1);
	mb_judge_new(&j, PROCS_COUNTS_UNSEEN, seq, 3);
}

/* More witnesses than PROCS_WITNESSES: the rest are not weighed (nor
 * kept). */
static void
test_mb_judge_clamp(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness w[PROCS_WITNESSES + 2];

	(void)state;
	for (int i = 0; i < PROCS_WITNESSES; i++)	/* no votes */
		w[i] = witness(100 + i, 9300, 9250, 667, 667, 667);
	mb_pair(&w[PROCS_WITNESSES], PROCS_COUNTS_CENTRAL, 10);
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, w, PROCS_WITNESSES + 2),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(j.nprev, PROCS_WITNESSES);
	/* exactly PROCS_WITNESSES: all weighed */
	mb_pair(&w[PROCS_WITNESSES - 2], PROCS_COUNTS_CENTRAL, 10);
	memset(&j, 0, sizeof j);
	assert_int_equal(procs_counts_judge(&j, w, PROCS_WITNESSES),
	    PROCS_COUNTS_CENTRAL);
}

/* A repeat is no distinct task: it neither lengthens its way's run
 * nor starts one, so after a sample settled only by a repeat one new
 * task is not yet evidence. */
static void
test_mb_judge_repeat_no_run(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness s1[2];
	struct procs_witness b = witness(11, 18600, 18520, 668, 667, 667);
	/* kept from an earlier run: the sums; then 10 again (evidence
	 * against, once) */
	const struct mb_sample seq[] = { { s1, 2, PROCS_COUNTS_SUM },
	    { &s1[0], 1, PROCS_COUNTS_SUM } };

	(void)state;
	mb_split(s1);
	mb_judge_new(&j, PROCS_COUNTS_SUM, seq, 2);
	assert_int_equal(j.against, 1);
	/* one new central task: a run of one, no evidence */
	assert_int_equal(procs_counts_judge(&j, &b, 1), PROCS_COUNTS_SUM);
}

/* Witnesses of one sample that disagree end both runs: a later lone
 * vote starts over. */
static void
test_mb_judge_split_resets(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness s1[2];
	struct procs_witness t = witness(21, 110, 95, 701, 700, 701);
	const struct mb_sample seq[] = { { s1, 2, PROCS_COUNTS_UNSEEN } };

	(void)state;
	mb_split(s1);
	mb_judge_new(&j, PROCS_COUNTS_UNSEEN, seq, 1);
	assert_int_equal(j.run[PROCS_COUNTS_SUM], 0);
	assert_int_equal(j.run[PROCS_COUNTS_CENTRAL], 0);
	assert_int_equal(procs_counts_judge(&j, &t, 1), PROCS_COUNTS_UNSEEN);
}

/* A sample without a vote for a way is no evidence for it, however
 * long its run. */
static void
test_mb_judge_no_vote_no_evidence(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness c[2];

	const struct mb_sample seq[] = { { c, 2, PROCS_COUNTS_SUM } };

	(void)state;
	mb_pair(c, PROCS_COUNTS_CENTRAL, 10);
	mb_judge_new(&j, PROCS_COUNTS_SUM, seq, 1);
	assert_int_equal(j.against, 1);
	assert_int_equal(procs_counts_judge(&j, NULL, 0), PROCS_COUNTS_SUM);
	assert_int_equal(j.against, 1);
}

/* Once turned, the count against starts over and so do the runs: one
 * sample of evidence back does not turn it again, two do. */
static void
test_mb_judge_turn_starts_over(void **state)
{
	struct procs_counts_judge j;
	struct procs_witness c1[2], c2[2], s[2];
	const struct mb_sample turn[] = { { c1, 2, PROCS_COUNTS_SUM },
	    { c2, 2, PROCS_COUNTS_CENTRAL } };

	(void)state;
	mb_pair(c1, PROCS_COUNTS_CENTRAL, 10);
	mb_pair(c2, PROCS_COUNTS_CENTRAL, 30);
	mb_pair(s, PROCS_COUNTS_SUM, 50);
	mb_judge_new(&j, PROCS_COUNTS_SUM, turn, 2);
	assert_int_equal(j.against, 0);
	assert_int_equal(j.run[PROCS_COUNTS_SUM], 0);
	assert_int_equal(j.run[PROCS_COUNTS_CENTRAL], 0);
	assert_int_equal(procs_counts_judge(&j, s, 2), PROCS_COUNTS_CENTRAL);
	assert_int_equal(j.against, 1);
	/* the runs: one lone sum task after the turn is no evidence */
	mb_judge_new(&j, PROCS_COUNTS_SUM, turn, 2);
	assert_int_equal(procs_counts_judge(&j, &s[0], 1),
	    PROCS_COUNTS_CENTRAL);
	assert_int_equal(j.against, 0);
}

/* The kept text is taken back only whole: a boot_id and a release line
 * both there and both matching, each key and value exactly. */
static void
test_mb_counts_restore_exact(void **state)
{
	static const char boot[] = "0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e";
	static const char good[] = "counts central\nboot_id "
	    "0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\nrelease 6.1.2\n";
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{ "counts central\nrelease 6.1.2\n", PROCS_COUNTS_UNSEEN },
		{ "counts central\nboot_id 0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\n",
		  PROCS_COUNTS_UNSEEN },
		/* a value one letter off, or longer */
		{ "counts centrax\nboot_id 0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\n"
		  "release 6.1.2\n", PROCS_COUNTS_UNSEEN },
		{ "counts suz\nboot_id 0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\n"
		  "release 6.1.2\n", PROCS_COUNTS_UNSEEN },
		/* keys one letter off, or another of the same length, are
		 * not the known ones (the last line of a key wins) */
		{ "counts central\nboot_id 0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\n"
		  "release 6.1.2\ncountz sum\nfoobar sum\n",
		  PROCS_COUNTS_CENTRAL },
		{ "counts central\nboot_id 0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\n"
		  "release 6.1.2\nboot_ix 1\nreleasx 9.9\ncomment 1\n",
		  PROCS_COUNTS_CENTRAL },
		{ "counts central\nboot_ix 0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\n"
		  "release 6.1.2\n", PROCS_COUNTS_UNSEEN },
		{ "counts central\nboot_id 0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e\n"
		  "releasx 6.1.2\n", PROCS_COUNTS_UNSEEN },
	};

	(void)state;
	assert_int_equal(procs_counts_restore(good, boot, "6.1.2"),
	    PROCS_COUNTS_CENTRAL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("# case %zu\n", i);
		assert_int_equal(procs_counts_restore(cases[i].text, boot,
		    "6.1.2"), cases[i].want);
	}
}

/* An unknown boot or release matches nothing, not even an empty line
 * of its key. */
static void
test_mb_counts_restore_unknown(void **state)
{
	char rel[8] = { '\0', 'x' };		/* "", a byte after */

	(void)state;
	assert_int_equal(procs_counts_restore("counts central\nboot_id \n"
	    "release 6.1.2\n", "", "6.1.2"), PROCS_COUNTS_UNSEEN);
	assert_int_equal(procs_counts_restore("counts central\nboot_id b\n"
	    "release \n", "b", rel), PROCS_COUNTS_UNSEEN);
}

/* procs_witness_read_fn: the kernel's oom_score of each task, by tgid
 * (700 + tgid % 100), counting the reads */
static int64_t
mb_read(void *arg, const struct bt_task *t)
{
	int *calls = arg;

	(*calls)++;
	return 700 + t->tgid % 100;
}

/* two_readings() as tgid, its central sum of rss in rss_fast */
static struct bt_task
mb_two(int tgid)
{
	struct bt_task t = two_readings();

	t.tgid = tgid;
	t.rss_fast = t.fast_anon + t.fast_file + t.fast_shmem;
	return t;
}

/* The witnesses: tasks whose two readings give two oom_scores, each
 * with both points and scores and the score read for it; on 6.2+ with
 * a known totalpages only. */
static void
test_mb_witnesses_find(void **state)
{
	struct bt_task t[8];
	struct procs_witness w[PROCS_WITNESSES];
	int calls = 0;

	(void)state;
	t[0] = mb_two(42);	/* 1280 and 1268 points: 752 and 750 */
	t[1] = mb_two(43);	/* one reading by rss_fast and fast_swap */
	t[1].rss_fast = 1230;
	t[1].fast_swap = 50;
	t[2] = mb_two(44);	/* rss_fast one reading, the swap not */
	t[2].rss_fast = 1230;
	t[2].fast_anon = 1000;
	t[2].fast_file = 200;
	t[2].fast_shmem = 30;
	t[2].fast_swap = 10;
	t[3] = mb_two(45);	/* the swap one reading, rss_fast not */
	t[3].fast_swap = 50;
	t[4] = mb_two(46);	/* never chosen */
	t[4].oom_score_adj = -1000;
	t[5] = mb_two(47);	/* sums unknown */
	t[5].rss_anon = -1;
	t[6] = mb_two(48);	/* central values unknown */
	t[6].fast_anon = -1;
	t[7] = mb_two(49);	/* 1280 and 1281 points: one score, 752 */
	t[7].fast_anon = 1001;
	t[7].fast_file = 200;
	t[7].fast_shmem = 30;
	t[7].fast_swap = 50;
	assert_int_equal(procs_witnesses_find("6.18.44", 10000, 4, t, 8,
	    mb_read, &calls, w), 3);
	assert_int_equal(calls, 3);
	assert_int_equal(w[0].tgid, 42);
	assert_int_equal(w[0].points_sum, 1280);
	assert_int_equal(w[0].points_central, 1268);
	assert_int_equal(w[0].score_sum, 752);
	assert_int_equal(w[0].score_central, 750);
	assert_int_equal(w[0].score, 742);
	assert_int_equal(w[1].tgid, 44);
	assert_int_equal(w[1].points_central, 1240);
	assert_int_equal(w[2].tgid, 45);
	assert_int_equal(w[2].points_central, 1271);
	/* page-table bytes count in pages of page_kb */
	t[0].pgtables_bytes = 8 * 4096;
	assert_int_equal(procs_witnesses_find("6.18.44", 10000, 4, t, 1,
	    mb_read, &calls, w), 1);
	assert_int_equal(w[0].points_sum, 1288);
	assert_int_equal(w[0].points_central, 1276);
	assert_int_equal(procs_witnesses_find("6.18.44", 10000, 8, t, 1,
	    mb_read, &calls, w), 1);
	assert_int_equal(w[0].points_sum, 1284);
	t[0].pgtables_bytes = 4092;		/* less than a page */
	assert_int_equal(procs_witnesses_find("6.18.44", 10000, 4, t, 1,
	    mb_read, &calls, w), 1);
	assert_int_equal(w[0].points_sum, 1280);
	/* a totalpages of 1 is one */
	assert_int_equal(procs_witnesses_find("6.18.44", 1, 4, t, 1,
	    mb_read, &calls, w), 1);
	/* none before 6.2, or without totalpages */
	calls = 0;
	assert_int_equal(procs_witnesses_find("6.1.100", 10000, 4, t, 8,
	    mb_read, &calls, w), 0);
	assert_int_equal(procs_witnesses_find("6.18.44", 0, 4, t, 8,
	    mb_read, &calls, w), 0);
	assert_int_equal(procs_witnesses_find("6.18.44", ZT_NA, 4, t, 8,
	    mb_read, &calls, w), 0);
	assert_int_equal(calls, 0);
}

/* At most PROCS_WITNESSES, the first found; n tasks, not one more. */
static void
test_mb_witnesses_cap(void **state)
{
	enum { N = PROCS_WITNESSES + 3 };
	struct bt_task *t = calloc(N, sizeof *t);
	struct procs_witness w[PROCS_WITNESSES];
	int calls = 0;

	(void)state;
	assert_non_null(t);
	for (int i = 0; i < N; i++)
		t[i] = mb_two(100 + i);
	assert_int_equal(procs_witnesses_find("6.18.44", 10000, 4, t, N,
	    mb_read, &calls, w), PROCS_WITNESSES);
	assert_int_equal(calls, PROCS_WITNESSES);
	assert_int_equal(w[PROCS_WITNESSES - 1].tgid, 100 + PROCS_WITNESSES - 1);
	calls = 0;
	assert_int_equal(procs_witnesses_find("6.18.44", 10000, 4,
	    &t[N - 2], 2, mb_read, &calls, w), 2);
	assert_int_equal(calls, 2);
	free(t);
}

/* A scratch state directory as $ZT_STATE_DIR (mode 0755, ours) and a
 * boot_id file beside it. */
struct mb_keep_dirs {
	char top[64], state[96], boot[96], counts[128];
};

static void
mb_dirs(struct mb_keep_dirs *d, const char *boot_text)
{
	FILE *f;

	snprintf(d->top, sizeof d->top, "/tmp/zt-mb-keep.XXXXXX");
	assert_non_null(mkdtemp(d->top));
	snprintf(d->state, sizeof d->state, "%s/state", d->top);
	snprintf(d->boot, sizeof d->boot, "%s/boot_id", d->top);
	snprintf(d->counts, sizeof d->counts, "%s/counts", d->state);
	assert_int_equal(mkdir(d->state, 0755), 0);
	assert_int_equal(chmod(d->state, 0755), 0);
	assert_non_null(f = fopen(d->boot, "w"));
	fputs(boot_text, f);
	fclose(f);
	assert_int_equal(setenv("ZT_STATE_DIR", d->state, 1), 0);
}

static void
mb_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, 0644), 0);
}

/* path's text ("" when there is none) */
static void
mb_get(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f != NULL) {
		n = fread(buf, 1, len - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
}

static void
mb_undirs(struct mb_keep_dirs *d)
{
	unlink(d->counts);
	rmdir(d->state);
	unlink(d->boot);
	rmdir(d->top);
	unsetenv("ZT_STATE_DIR");
}

#define MB_BOOT "0b4f5a1e-8f44-4c3b-9d0e-1f2a3b4c5d6e"

/* procs_counts_load into a fresh k */
static int
mb_load(struct procs_counts_keep *k, const char *boot_path,
    const char *release)
{
	memset(k, 0, sizeof *k);
	return procs_counts_load(k, boot_path, release);
}

/* procs_counts_save of verdict for 6.1.2: path then holds want (NULL:
 * the verdict's text for MB_BOOT, "": nothing). */
static void
mb_save_gives(struct procs_counts_keep *k, const char *path, int verdict,
    const char *want)
{
	char text[256], fmt[256];

	procs_counts_save(k, "6.1.2", verdict);
	if (want == NULL) {
		procs_counts_format(fmt, sizeof fmt, verdict, MB_BOOT, "6.1.2");
		want = fmt;
	}
	mb_get(path, text, sizeof text);
	assert_string_equal(text, want);
}

/* The verdict kept for this boot is taken back from $ZT_STATE_DIR, and
 * only from a directory others may not write. */
static void
test_mb_counts_load(void **state)
{
	struct mb_keep_dirs d;
	struct procs_counts_keep k;

	(void)state;
	mb_dirs(&d, MB_BOOT "\n");
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"),
	    PROCS_COUNTS_UNSEEN);		/* nothing kept */
	assert_string_equal(k.boot_id, MB_BOOT);
	assert_int_equal(k.saved, PROCS_COUNTS_UNSEEN);
	mb_put(d.counts, "counts central\nboot_id " MB_BOOT "\nrelease 6.1.2\n");
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"),
	    PROCS_COUNTS_CENTRAL);
	assert_int_equal(k.saved, PROCS_COUNTS_CENTRAL);
	/* another kernel: not taken back, nothing kept */
	assert_int_equal(mb_load(&k, d.boot, "6.1.3"),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(k.saved, PROCS_COUNTS_UNSEEN);
	/* a directory its group may write */
	assert_int_equal(chmod(d.state, 0775), 0);
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(chmod(d.state, 0755), 0);
	/* a file others may write */
	assert_int_equal(chmod(d.counts, 0646), 0);
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(chmod(d.counts, 0644), 0);
	/* no boot_id read: nothing */
	assert_int_equal(mb_load(&k, "/nonexistent/boot_id",
	    "6.1.2"), PROCS_COUNTS_UNSEEN);
	assert_string_equal(k.boot_id, "");
	mb_undirs(&d);
}

/* A boot_id of 39 bytes is read (the room is 40), one of 40 is not;
 * one of 1 is. */
static void
test_mb_counts_load_boot_len(void **state)
{
	static const char id39[] = "012345678901234567890123456789012345678";
	struct mb_keep_dirs d;
	struct procs_counts_keep k;

	(void)state;
	mb_dirs(&d, id39);
	mb_put(d.counts, "counts sum\nboot_id 012345678901234567890123456789"
	    "012345678\nrelease 6.1.2\n");
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"),
	    PROCS_COUNTS_SUM);
	assert_string_equal(k.boot_id, id39);
	mb_put(d.boot, "0123456789012345678901234567890123456789");
	mb_put(d.counts, "counts sum\nboot_id 012345678901234567890123456789"
	    "0123456789\nrelease 6.1.2\n");
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"),
	    PROCS_COUNTS_UNSEEN);
	assert_string_equal(k.boot_id, "");
	/* one byte is one */
	mb_put(d.boot, "x");
	mb_put(d.counts, "counts sum\nboot_id x\nrelease 6.1.2\n");
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"),
	    PROCS_COUNTS_SUM);
	mb_undirs(&d);
}

/* $ZT_STATE_DIR only when absolute (else /run/zonetop, only read
 * here: a release no kernel has). */
static void
test_mb_counts_load_relative(void **state)
{
	struct mb_keep_dirs d;
	struct procs_counts_keep k;
	char cwd[4096];

	(void)state;
	mb_dirs(&d, MB_BOOT "\n");
	mb_put(d.counts, "counts central\nboot_id " MB_BOOT
	    "\nrelease 0.0.0-zt-mb\n");
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(d.top), 0);
	assert_int_equal(setenv("ZT_STATE_DIR", "state", 1), 0);
	assert_int_equal(mb_load(&k, d.boot, "0.0.0-zt-mb"),
	    PROCS_COUNTS_UNSEEN);
	assert_int_equal(chdir(cwd), 0);
	mb_undirs(&d);
}

/* A settled verdict is kept once a change, for this boot and release:
 * not an unseen one, not the one kept, not without a boot_id or a
 * release. */
static void
test_mb_counts_save(void **state)
{
	struct mb_keep_dirs d;
	struct procs_counts_keep k;

	(void)state;
	mb_dirs(&d, MB_BOOT "\n");
	/* read from the scratch directory, not elsewhere, before any write */
	mb_put(d.counts, "counts sum\nboot_id " MB_BOOT "\nrelease 6.1.2\n");
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"), PROCS_COUNTS_SUM);
	unlink(d.counts);
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"), PROCS_COUNTS_UNSEEN);
	mb_save_gives(&k, d.counts, PROCS_COUNTS_UNSEEN, "");
	mb_save_gives(&k, d.counts, PROCS_COUNTS_CENTRAL, NULL);
	assert_int_equal(k.saved, PROCS_COUNTS_CENTRAL);
	/* the same again: not written (the file's change stays) */
	mb_put(d.counts, "x\n");
	mb_save_gives(&k, d.counts, PROCS_COUNTS_CENTRAL, "x\n");
	/* turned: written */
	mb_save_gives(&k, d.counts, PROCS_COUNTS_SUM, NULL);
	/* without a release or a boot_id: nothing */
	unlink(d.counts);
	procs_counts_save(&k, "", PROCS_COUNTS_CENTRAL);
	k.boot_id[0] = '\0';
	mb_save_gives(&k, d.counts, PROCS_COUNTS_CENTRAL, "");
	/* a verdict taken back is the one kept */
	mb_put(d.counts, "counts sum\nboot_id " MB_BOOT "\nrelease 6.1.2\n");
	assert_int_equal(mb_load(&k, d.boot, "6.1.2"), PROCS_COUNTS_SUM);
	mb_put(d.counts, "y\n");
	mb_save_gives(&k, d.counts, PROCS_COUNTS_SUM, "y\n");
	mb_undirs(&d);
}

/* root/PID/name's text */
static void
mb_pid_put(const char *root, int pid, const char *name, const char *text)
{
	char p[128];

	snprintf(p, sizeof p, "%s/%d/%s", root, pid, name);
	mb_put(p, text);
}

/* A made-up proc root: pid 1 (stat, status, oom_score 0, oom_score_adj)
 * as procs_read_task reads it, and the rows' status and cmdline of 10
 * and 11; root is mkdtemp's. */
static void
mb_proc_root(char *root, size_t len)
{
	char p[128];

	snprintf(root, len, "/tmp/zt-mb-rank.XXXXXX");
	assert_non_null(mkdtemp(root));
	for (int pid = 1; pid <= 11; pid += pid == 1 ? 9 : 1) {
		snprintf(p, sizeof p, "%s/%d", root, pid);
		assert_int_equal(mkdir(p, 0755), 0);
		mb_pid_put(root, pid, "status", "Name:\tx\nUid:\t7\t7\t7\t7\n");
		mb_pid_put(root, pid, "cmdline", "x");
	}
	mb_pid_put(root, 1, "stat", "1 (init) S 0 1 1 0 -1 4194560 0 0 0 0 0 "
	    "0 0 0 20 0 1 0 5 0 0\n");
	mb_pid_put(root, 1, "status", "Name:\tinit\nState:\tS (sleeping)\n"
	    "Uid:\t0\t0\t0\t0\nVmRSS:\t4000 kB\nRssAnon:\t4000 kB\n"
	    "RssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t4 kB\nVmSwap:\t0 kB\n"
	    "CapEff:\t0000000000000000\n");
	mb_pid_put(root, 1, "oom_score", "0\n");
	mb_pid_put(root, 1, "oom_score_adj", "0\n");
}

/* root/PID and what mb_proc_root put there removed */
static void
mb_pid_rm(const char *root, int pid)
{
	static const char *const f[] = { "stat", "status", "oom_score",
	    "oom_score_adj", "cmdline" };
	char p[128];

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		snprintf(p, sizeof p, "%s/%d/%s", root, pid, f[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/%d", root, pid);
	rmdir(p);
}

/* A snapshot of a 6.18 kernel with 100000 pages, 4 kB each. */
static void
mb_snapshot(struct zt_snapshot *s)
{
	snapshot_init(s);
	s->page_kb = 4;
	snprintf(s->kernel, sizeof s->kernel, "6.18.0");
	kvs_set(&s->meminfo, "MemTotal", 400000);
}

/* Two tasks the two readings rank apart: 10 first by its sums (1280
 * points to 1270), 11 by the central values (1275 to 1268). */
static void
mb_rank_tasks(struct bt_task *t)
{
	t[0] = two_readings();
	t[0].tgid = 10;
	t[1] = two_readings();
	t[1].tgid = 11;
	t[1].swapents = 40;
	t[1].fast_anon = 1000;
	t[1].fast_file = 200;
	t[1].fast_shmem = 30;
	t[1].fast_swap = 45;
}

/* procs_bpf_rank: the verdict's counters rank the tasks and are said
 * (seen or not); pid 1 read from /proc when the iterator left it out,
 * once. */
static void
test_mb_rank(void **state)
{
	static const struct {
		int verdict, victim;
		int64_t points;
		uint8_t counts;
	} cases[] = {
		{ PROCS_COUNTS_UNSEEN, 10, 1280, ZT_COUNTS_SUM },
		{ PROCS_COUNTS_SUM, 10, 1280, ZT_COUNTS_SUM_SEEN },
		{ PROCS_COUNTS_CENTRAL, 11, 1275, ZT_COUNTS_CENTRAL_SEEN },
	};
	struct sampler_opts o = { .want_procs = true, .detail_rows = 3 };
	char root[64], why[ZT_WHY_LEN];
	struct bt_task t[3];
	struct zt_snapshot s;

	(void)state;
	mb_proc_root(root, sizeof root);
	struct procfs *pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, root, why, sizeof why), 0);
	struct procs *p = procs_open(pf);
	assert_non_null(p);
	mb_rank_tasks(t);
	memcpy(t[0].comm, "ten", 4);		/* the rows' hints */
	t[0].state = 'R';
	t[0].start_time = 44;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("# case %zu\n", i);
		mb_snapshot(&s);
		s.points_margin = 77;
		assert_int_equal(procs_bpf_rank(p, &s, &o, t, 2,
		    cases[i].verdict, why, sizeof why), 0);
		assert_int_equal(s.procs_source, ZT_PROCS_BPF);
		assert_int_equal(s.points_counts, cases[i].counts);
		assert_int_equal(s.predicted_victim, cases[i].victim);
		assert_int_equal(s.nprocs_total, 3);	/* and pid 1 */
		assert_int_equal(s.nprocs, 3);
		assert_int_equal(s.procs[0].pid, cases[i].victim);
		assert_int_equal(s.procs[0].points, cases[i].points);
		const struct zt_proc *ten = &s.procs[cases[i].victim != 10];
		assert_int_equal(ten->pid, 10);
		assert_string_equal(ten->comm, "ten");
		assert_int_equal(ten->state, 'R');
		assert_int_equal(ten->start_time, 44);
		assert_int_equal(s.procs[2].pid, 1);	/* as read */
		assert_string_equal(s.procs[2].comm, "init");
		assert_int_equal(s.procs[2].start_time, 5);
		snapshot_free(&s);
	}
	/* pid 1 listed, last or first: not read again */
	t[2] = two_readings();
	t[2].tgid = 1;
	t[2].flags = BT_INIT;
	mb_snapshot(&s);
	assert_int_equal(procs_bpf_rank(p, &s, &o, t, 3, PROCS_COUNTS_SUM, why,
	    sizeof why), 0);
	assert_int_equal(s.nprocs_total, 3);
	snapshot_free(&s);
	/* and first */
	struct bt_task first[2] = { t[2], t[0] };
	mb_snapshot(&s);
	assert_int_equal(procs_bpf_rank(p, &s, &o, first, 2, PROCS_COUNTS_SUM,
	    why, sizeof why), 0);
	assert_int_equal(s.nprocs_total, 2);
	snapshot_free(&s);
	/* pid 1 neither listed nor readable: the tasks alone */
	mb_pid_rm(root, 1);
	mb_snapshot(&s);
	assert_int_equal(procs_bpf_rank(p, &s, &o, t, 2, PROCS_COUNTS_SUM, why,
	    sizeof why), 0);
	assert_int_equal(s.nprocs_total, 2);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
	mb_pid_rm(root, 10);
	mb_pid_rm(root, 11);
	rmdir(root);
}

/* On a live /proc, the sums' margin stands until a verdict is seen:
 * then the points are the kernel's, margin 0. */
static void
test_mb_rank_margin(void **state)
{
	struct sampler_opts o = { .want_procs = true, .detail_rows = 0 };
	char why[ZT_WHY_LEN];
	struct bt_task t[2];
	struct zt_snapshot s;

	(void)state;
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	assert_non_null(pf);
	struct procs *p = procs_open(pf);
	assert_non_null(p);
	mb_rank_tasks(t);
	t[0].tgid = 4194301;	/* made up: above most pid_max */
	t[1].tgid = 4194302;
	mb_snapshot(&s);
	assert_int_equal(procs_bpf_rank(p, &s, &o, t, 2, PROCS_COUNTS_UNSEEN,
	    why, sizeof why), 0);
	assert_true(s.points_margin > 0);
	snapshot_free(&s);
	mb_snapshot(&s);
	assert_int_equal(procs_bpf_rank(p, &s, &o, t, 2, PROCS_COUNTS_CENTRAL,
	    why, sizeof why), 0);
	assert_int_equal(s.points_margin, 0);
	snapshot_free(&s);
	procs_close(p);
	procfs_close(pf);
}

/* No BPF path without a sampler, nor with --no-bpf (refuse): NULL and
 * why; closing NULL is nothing. */
static void
test_mb_open_refused(void **state)
{
	char why[ZT_WHY_LEN];

	(void)state;
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	assert_non_null(pf);
	struct procs *p = procs_open(pf);
	assert_non_null(p);
	why[0] = '\0';
	assert_null(procs_bpf_open(NULL, true, why, sizeof why));
	assert_string_equal(why, "no candidates sampler");
	why[0] = '\0';
	assert_null(procs_bpf_open(p, true, why, sizeof why));
	assert_string_equal(why, "--no-bpf");
	procs_bpf_close(NULL);
	procs_close(p);
	procfs_close(pf);
}

/* A sample's verdict: the kept one taken back at the first sample only,
 * then the judge's, kept when settled or turned. */
static void
test_mb_counts_sample(void **state)
{
	struct mb_keep_dirs d;
	struct procs_counts c;
	struct procs_witness cen[2];

	(void)state;
	central_pair(cen);
	mb_dirs(&d, MB_BOOT "\n");
	mb_put(d.counts, "counts sum\nboot_id " MB_BOOT "\nrelease 6.1.2\n");
	memset(&c, 0, sizeof c);
	assert_int_equal(procs_counts_sample(&c, d.boot, "6.1.2", NULL, 0),
	    PROCS_COUNTS_SUM);
	/* not read again */
	mb_put(d.counts, "counts central\nboot_id " MB_BOOT "\nrelease 6.1.2\n");
	assert_int_equal(procs_counts_sample(&c, d.boot, "6.1.2", NULL, 0),
	    PROCS_COUNTS_SUM);
	/* nothing kept: the witnesses settle it, and it is kept */
	unlink(d.counts);
	memset(&c, 0, sizeof c);
	assert_int_equal(procs_counts_sample(&c, d.boot, "6.1.2", cen, 2),
	    PROCS_COUNTS_CENTRAL);
	memset(&c, 0, sizeof c);
	assert_int_equal(procs_counts_sample(&c, d.boot, "6.1.2", NULL, 0),
	    PROCS_COUNTS_CENTRAL);
	mb_undirs(&d);
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
		cmocka_unit_test(test_mb_judge_prev_only),
		cmocka_unit_test(test_mb_judge_clamp),
		cmocka_unit_test(test_mb_judge_repeat_no_run),
		cmocka_unit_test(test_mb_judge_split_resets),
		cmocka_unit_test(test_mb_judge_no_vote_no_evidence),
		cmocka_unit_test(test_mb_judge_turn_starts_over),
		cmocka_unit_test(test_mb_counts_restore_exact),
		cmocka_unit_test(test_mb_counts_restore_unknown),
		cmocka_unit_test(test_mb_witnesses_find),
		cmocka_unit_test(test_mb_witnesses_cap),
		cmocka_unit_test(test_mb_counts_load),
		cmocka_unit_test(test_mb_counts_load_boot_len),
		cmocka_unit_test(test_mb_counts_load_relative),
		cmocka_unit_test(test_mb_counts_save),
		cmocka_unit_test(test_mb_counts_sample),
		cmocka_unit_test(test_mb_rank),
		cmocka_unit_test(test_mb_rank_margin),
		cmocka_unit_test(test_mb_open_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
