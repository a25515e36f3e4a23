/*
 * test_explain_rules.c: the kernel rules explain applies, each on a
 * report built from the kernel's format strings of the version named
 * (mm/page_alloc.c, mm/oom_kill.c, mm/memcontrol.c): the <= 4.3 watermark check, the request's alloc flags and the
 * highatomic reserve (4.4 .. 6.2 and 6.3+), the 2.6.36 normalised
 * badness, ties, cpuset and mempolicy totalpages, a memcg's swap
 * allowance without the machine's swap, 5.4.y negative badness, printed
 * GFP names taken as the truth, the vmalloc form of warn_alloc and
 * memory.oom.group kills.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "derive.h"
#include "explain.h"
#include "parsers.h"
#include "oomreport.h"
#include "snapshot.h"
#include "util.h"

/* Parse text (one report) and explain it. */
static void
judge(const char *text, struct oom_reports *rs, struct explain *e)
{
	size_t len = strlen(text);
	char *p = xmalloc(len);		/* exact size for ASan */

	memcpy(p, text, len);
	oomreport_parse(p, len, rs);
	free(p);
	assert_int_equal(rs->n, 1);
	explain_report(&rs->r[0], e);
}

static void
done(struct oom_reports *rs, struct explain *e)
{
	explain_free(e);
	oomreport_free(rs);
}

static const struct ex_zone *
ezone(const struct explain *e, const char *name)
{
	for (int i = 0; i < e->nzones; i++)
		if (strcmp(e->zones[i].name, name) == 0)
			return &e->zones[i];
	fail_msg("no zone %s", name);
	return NULL;
}

static const struct ex_task *
etask(const struct explain *e, int pid)
{
	for (int i = 0; i < e->ntasks; i++)
		if (e->tasks[i].pid == pid)
			return &e->tasks[i];
	fail_msg("no task %d", pid);
	return NULL;
}

/* An order-2 GFP_KERNEL failure: 1000 pages free, min 100, most of the
 * free pages in order-0 and order-1 blocks. */
static const char report_order2[] =
    "[  100.000001] bash: page allocation failure: order:2, mode:0xd0\n"
    "[  100.000002] CPU: 0 PID: 123 Comm: bash Not tainted %s #1\n"
    "[  100.000003] Mem-Info:\n"
    "[  100.000004] Node 0 DMA32 free:4000kB min:400kB low:500kB high:600kB present:8000kB managed:8000kB\n"
    "[  100.000005] lowmem_reserve[]: 0 0 0 0\n"
    "[  100.000006] Node 0 DMA32: 900*4kB 40*8kB 5*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 4000kB\n";

/* <= 4.3: each lower order's pages are taken away and min halved:
 * 997 - 900 = 97 > 50, then 97 - 80 = 17 <= 25: fail.  4.4+ asks for one
 * free block of order >= 2, and there are five. */
static void
test_watermark_43(void **state)
{
	char text[2048];
	struct oom_reports rs;
	struct explain e;
	(void)state;

	snprintf(text, sizeof text, report_order2, "3.10.0-123.el7.x86_64");
	judge(text, &rs, &e);
	assert_int_equal(ezone(&e, "DMA32")->wm[ZT_MARK_MIN], 0);
	done(&rs, &e);
	snprintf(text, sizeof text, report_order2, "4.4.0-21-generic");
	judge(text, &rs, &e);
	assert_int_equal(ezone(&e, "DMA32")->wm[ZT_MARK_MIN], 1);
	done(&rs, &e);
}

/* The check itself, on the figures above and on CMA. */
static void
test_watermark_flags_direct(void **state)
{
	struct zt_zone z;
	(void)state;

	zone_init(&z);
	z.free = 1000;
	z.nprot = 1;
	z.protection[0] = 0;
	z.norders = 3;
	z.buddy[0] = 900;
	z.buddy[1] = 40;
	z.buddy[2] = 5;
	struct wm_flags f43 = { .shape = WM_SHAPE_43 }, f44 = { .shape = WM_SHAPE_44 };
	assert_false(watermark_ok_flags(&z, 2, 100, 0, &f43, ZT_NA));
	assert_true(watermark_ok_flags(&z, 2, 100, 0, &f44, ZT_NA));
	/* 4.4 .. 6.2: ALLOC_HIGH halves min, ALLOC_HARDER takes a quarter */
	z.free = 100;
	struct wm_flags atomic = { .shape = WM_SHAPE_44, .high = true, .harder = true };
	assert_false(watermark_ok_flags(&z, 0, 150, 0, &f44, ZT_NA));
	assert_true(watermark_ok_flags(&z, 0, 150, 0, &atomic, ZT_NA));
	/* 300 -> 150 -> 113: 100 free does not pass */
	assert_false(watermark_ok_flags(&z, 0, 300, 0, &atomic, ZT_NA));
	/* 6.3+: NON_BLOCK alone does not lower min */
	struct wm_flags nowait = { .shape = WM_SHAPE_63, .harder = true };
	assert_false(watermark_ok_flags(&z, 0, 150, 0, &nowait, ZT_NA));
	/* the highatomic reserve: ordinary requests subtract it */
	z.free = 1000;
	assert_true(watermark_ok_flags(&z, 0, 900, 0, &f44, ZT_NA));
	assert_false(watermark_ok_flags(&z, 0, 900, 0, &f44, 512));
	assert_true(watermark_ok_flags(&z, 0, 900, 0, &nowait, 512));
	/* free CMA pages serve only ALLOC_CMA requests */
	z.nr_free_cma = 200;
	struct wm_flags movable = { .shape = WM_SHAPE_44, .cma = true };
	assert_false(watermark_ok_flags(&z, 0, 900, 0, &f44, ZT_NA));
	assert_true(watermark_ok_flags(&z, 0, 900, 0, &movable, ZT_NA));
}

/* __zone_watermark_ok() at the edges of each rule, mark 1000, order 0
 * and no lowmem reserve unless said: passes iff free > min. */
static bool
wm(int64_t free, int shape, bool high, bool harder, int64_t highatomic)
{
	struct zt_zone z;
	struct wm_flags f = { .shape = shape, .high = high, .harder = harder };

	zone_init(&z);
	z.free = free;
	return watermark_ok_flags(&z, 0, 1000, 0, &f, highatomic);
}

static void
test_watermark_flags_edges(void **state)
{
	(void)state;
	/* plain: min 1000 */
	assert_true(wm(1001, WM_SHAPE_44, false, false, ZT_NA));
	assert_false(wm(1000, WM_SHAPE_44, false, false, ZT_NA));
	/* __GFP_HIGH: min - min/2 = 500 */
	assert_true(wm(501, WM_SHAPE_44, true, false, ZT_NA));
	assert_false(wm(500, WM_SHAPE_44, true, false, ZT_NA));
	assert_true(wm(501, WM_SHAPE_63, true, false, ZT_NA));
	assert_false(wm(500, WM_SHAPE_63, true, false, ZT_NA));
	/* ALLOC_HARDER (<= 6.2) alone: min - min/4 = 750 */
	assert_true(wm(751, WM_SHAPE_44, false, true, ZT_NA));
	assert_false(wm(750, WM_SHAPE_44, false, true, ZT_NA));
	/* 6.3+ ALLOC_NON_BLOCK alone lowers nothing: 1000 */
	assert_false(wm(1000, WM_SHAPE_63, false, true, ZT_NA));
	assert_true(wm(1001, WM_SHAPE_63, false, true, ZT_NA));
	/* both: 1000 - 500 = 500, 500 - 500/4 = 375 */
	assert_true(wm(376, WM_SHAPE_44, true, true, ZT_NA));
	assert_false(wm(375, WM_SHAPE_44, true, true, ZT_NA));
	assert_true(wm(376, WM_SHAPE_63, true, true, ZT_NA));
	assert_false(wm(375, WM_SHAPE_63, true, true, ZT_NA));
	/* <= 4.3 too: 1000 - 500 - 125 */
	assert_true(wm(376, WM_SHAPE_43, true, true, ZT_NA));
	assert_false(wm(375, WM_SHAPE_43, true, true, ZT_NA));

	/* the highatomic reserve, even of one page, is off limits to an
	 * ordinary request: 1001 - 1 <= 1000 */
	assert_false(wm(1001, WM_SHAPE_44, false, false, 1));
	assert_true(wm(1002, WM_SHAPE_44, false, false, 1));
	assert_true(wm(1001, WM_SHAPE_44, false, false, 0));
	/* 4.4 .. 6.2: only ALLOC_HARDER spares it, not __GFP_HIGH alone:
	 * 550 - 100 <= 500 */
	assert_false(wm(550, WM_SHAPE_44, true, false, 100));
	assert_true(wm(550, WM_SHAPE_44, true, true, 100));
	/* 6.3+: any reserve flag spares it, __GFP_HIGH (MIN_RESERVE) too */
	assert_true(wm(550, WM_SHAPE_63, true, false, 100));
	assert_true(wm(1001, WM_SHAPE_63, false, true, 100));
	assert_false(wm(1001, WM_SHAPE_63, false, false, 100));
	/* <= 4.3 has no highatomic reserve */
	assert_true(wm(1001, WM_SHAPE_43, false, false, 100));
	/* a reserve no real zone has, that overflows free (-2 - INT64_MAX):
	 * not passed */
	assert_false(wm(-2, WM_SHAPE_44, false, false, INT64_MAX));

	/* a protection entry past the zone's count is not the zone's */
	struct zt_zone z;
	struct wm_flags f44 = { .shape = WM_SHAPE_44 };
	zone_init(&z);
	z.free = 1500;
	z.nprot = 1;
	z.protection[0] = 0;
	z.protection[1] = 1000;
	assert_true(watermark_ok_flags(&z, 0, 1000, 1, &f44, ZT_NA));
	z.nprot = 2;
	assert_false(watermark_ok_flags(&z, 0, 1000, 1, &f44, ZT_NA));
}

/* <= 4.3's order loop (3.10 __zone_watermark_ok): free - (2^o - 1) must
 * beat min, then for each order below the request subtract its free
 * pages and halve min. */
static void
test_watermark_43_orders(void **state)
{
	struct zt_zone z;
	struct wm_flags f43 = { .shape = WM_SHAPE_43 };
	(void)state;

	zone_init(&z);
	z.free = 1000;
	z.norders = 3;
	z.buddy[0] = 100;
	z.buddy[1] = 500;
	z.buddy[2] = 0;
	/* order 1: 999 > 200; 999 - 100 = 899 > 100: passes (order 1's own
	 * 1000 pages are not subtracted) */
	assert_true(watermark_ok_flags(&z, 1, 200, 0, &f43, ZT_NA));
	/* order 2: then 899 - 500*2 = -101 <= 50 */
	assert_false(watermark_ok_flags(&z, 2, 200, 0, &f43, ZT_NA));
	/* min halves at each order: 999 - 850 = 149 > 200 / 2 */
	z.buddy[0] = 850;
	assert_true(watermark_ok_flags(&z, 1, 200, 0, &f43, ZT_NA));
	assert_false(watermark_ok_flags(&z, 1, 300, 0, &f43, ZT_NA));
	/* equal is not enough: 999 - 899 = 100 <= 200 / 2 */
	z.buddy[0] = 899;
	assert_false(watermark_ok_flags(&z, 1, 200, 0, &f43, ZT_NA));
	z.buddy[0] = 898;
	assert_true(watermark_ok_flags(&z, 1, 200, 0, &f43, ZT_NA));
	/* no migrate-type test: no block of order 1 or more is needed */
	z.buddy[1] = 0;
	assert_true(watermark_ok_flags(&z, 1, 200, 0, &f43, ZT_NA));
	z.buddy[1] = 500;
	/* an empty order is no failure: buddy[0] 0, order 1: 999 > 200 */
	z.buddy[0] = 0;
	assert_true(watermark_ok_flags(&z, 1, 200, 0, &f43, ZT_NA));
	/* a negative count is corrupt: not passed */
	z.buddy[0] = -5;
	assert_false(watermark_ok_flags(&z, 1, 200, 0, &f43, ZT_NA));
	/* an order with no count, or past the counts read: no list data,
	 * passed as on 4.4+ */
	z.buddy[0] = ZT_NA;
	assert_true(watermark_ok_flags(&z, 2, 200, 0, &f43, ZT_NA));
	z.buddy[0] = 100;
	z.norders = 1;
	z.buddy[1] = 500;	/* not the zone's */
	assert_true(watermark_ok_flags(&z, 2, 200, 0, &f43, ZT_NA));
	z.norders = 2;
	assert_false(watermark_ok_flags(&z, 2, 200, 0, &f43, ZT_NA));
}

/* 5.10 GFP_ATOMIC (0xa20: __GFP_HIGH|__GFP_ATOMIC|__GFP_KSWAPD_RECLAIM):
 * free 100 pages against min 150 fails the plain check but not the
 * atomic one (150 - 75 - 18 = 57); low and high are checked plain. */
static void
test_alloc_flags_atomic(void **state)
{
	static const char text[] =
	    "[  5.000001] swapper/0: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0\n"
	    "[  5.000002] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 5.10.0-8-amd64 #1 Debian 5.10.46-4\n"
	    "[  5.000003] Mem-Info:\n"
	    "[  5.000004] Node 0 Normal free:400kB min:600kB low:700kB high:800kB reserved_highatomic:0KB active_anon:0kB present:8000kB managed:8000kB\n"
	    "[  5.000005] lowmem_reserve[]: 0 0 0 0 0\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	const struct ex_zone *z = ezone(&e, "Normal");
	assert_int_equal(z->wm[ZT_MARK_MIN], 1);
	assert_int_equal(z->wm[ZT_MARK_LOW], 0);
	assert_string_equal(e.alloc_flags, "ALLOC_HIGH|ALLOC_HARDER");
	assert_int_equal(e.wm_shape, WM_SHAPE_44);
	done(&rs, &e);
}

/* <= 4.3: a request that cannot sleep allocates harder, but from 3.16
 * not when it only skipped kswapd (__GFP_NO_KSWAPD: THP without defrag). */
static void
test_alloc_flags_no_kswapd(void **state)
{
	static const char fmt[] =
	    "x: page allocation failure: order:0, mode:%s\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted %s #1\n"
	    "Node 0 Normal free:4000kB min:3600kB low:4400kB high:5200kB present:80000kB managed:80000kB\n"
	    "lowmem_reserve[]: 0 0 0 0\n";
	static const struct {
		const char *mode, *kernel, *flags;
	} cases[] = {
		{ "0x400000", "4.1.12-124.el6uek.x86_64", "" },
		{ "0x400000", "3.16.0-4-amd64", "" },
		{ "0x400000", "3.2.0-4-amd64", "ALLOC_HARDER" },
		{ "0x0", "4.1.12-124.el6uek.x86_64", "ALLOC_HARDER" },
		{ "0x10", "4.1.12-124.el6uek.x86_64", "" },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[512];
		struct oom_reports rs;
		struct explain e;
		snprintf(text, sizeof text, fmt, cases[i].mode, cases[i].kernel);
		judge(text, &rs, &e);
		assert_int_equal(e.wm_shape, WM_SHAPE_43);
		assert_string_equal(e.alloc_flags, cases[i].flags);
		done(&rs, &e);
	}
}

/* reserved_highatomic: a GFP_KERNEL request must leave it, GFP_ATOMIC
 * may use it (5.x), GFP_NOWAIT may too on 6.3+ (ALLOC_NON_BLOCK). */
static void
test_highatomic_reserve(void **state)
{
	static const char fmt[] =
	    "[  5.000001] x: page allocation failure: order:0, mode:%s\n"
	    "[  5.000002] CPU: 0 PID: 9 Comm: x Not tainted %s #1\n"
	    "[  5.000003] Mem-Info:\n"
	    "[  5.000004] Node 0 Normal free:4000kB min:3600kB low:4400kB high:5200kB reserved_highatomic:2048KB present:80000kB managed:80000kB\n"
	    "[  5.000005] lowmem_reserve[]: 0 0 0 0 0\n";
	static const struct {
		const char *mode, *kernel;
		int ok;
	} cases[] = {
		{ "0xcc0(GFP_KERNEL)", "5.10.0-8-amd64", 0 },
		{ "0xa20(GFP_ATOMIC)", "5.10.0-8-amd64", 1 },
		{ "0xcc0(GFP_KERNEL)", "6.6.0-1-amd64", 0 },
		{ "0x2800(GFP_NOWAIT|__GFP_NOWARN)", "6.6.0-1-amd64", 1 },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[1024];
		struct oom_reports rs;
		struct explain e;
		snprintf(text, sizeof text, fmt, cases[i].mode, cases[i].kernel);
		judge(text, &rs, &e);
		if (ezone(&e, "Normal")->wm[ZT_MARK_MIN] != cases[i].ok)
			fail_msg("%s on %s: min check %d", cases[i].mode, cases[i].kernel,
			    ezone(&e, "Normal")->wm[ZT_MARK_MIN]);
		done(&rs, &e);
	}
}

/* RHEL 6 (2.6.32 with the 2.6.36 rewrite): both adj columns, badness
 * normalised to 1000: A 100000*1000/262144 = 381, B (root) 419 - 30 =
 * 389, C 190 + 500 = 690, which the kill line's score confirms. */
static void
test_badness_2636(void **state)
{
	static const char text[] =
	    "Mar  1 10:00:00 h kernel: c invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0\n"
	    "Mar  1 10:00:00 h kernel: Pid: 3, comm: c Not tainted 2.6.32-431.el6.x86_64 #1\n"
	    "Mar  1 10:00:00 h kernel: Mem-Info:\n"
	    "Mar  1 10:00:00 h kernel: Total swap = 0kB\n"
	    "Mar  1 10:00:00 h kernel: 262144 pages RAM\n"
	    "Mar  1 10:00:00 h kernel: 0 pages reserved\n"
	    "Mar  1 10:00:00 h kernel: [ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name\n"
	    "Mar  1 10:00:00 h kernel: [    1]  1000     1   900000   100000   0       0             0 a\n"
	    "Mar  1 10:00:00 h kernel: [    2]     0     2   200000   110000   1       0             0 b\n"
	    "Mar  1 10:00:00 h kernel: [    3]  1000     3   100000    50000   1       8           500 c\n"
	    "Mar  1 10:00:00 h kernel: Out of memory: Kill process 3 (c) score 690 or sacrifice child\n"
	    "Mar  1 10:00:00 h kernel: Killed process 3, UID 1000, (c) total-vm:400000kB, anon-rss:200000kB, file-rss:0kB\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_2636);
	assert_int_equal(e.totalpages, 262144);
	assert_int_equal(etask(&e, 3)->rank, 1);
	assert_int_equal(etask(&e, 3)->score, 690);
	assert_int_equal(etask(&e, 2)->rank, 2);
	assert_int_equal(etask(&e, 2)->points, 389);
	assert_int_equal(etask(&e, 1)->points, 381);
	assert_int_equal(e.victim_rank, 1);
	assert_int_equal(e.victim_score, 690);
	done(&rs, &e);
}

/* Equal points: 5.2+ keeps the last task scanned, 4.x the first. */
static void
test_ties(void **state)
{
	static const char fmt[] =
	    "[ 9.1] t invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "[ 9.2] CPU: 0 PID: 5 Comm: t Not tainted %s #1\n"
	    "[ 9.3] Tasks state (memory values in pages):\n"
	    "[ 9.4] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[ 9.5] [     10]  1000    10     5000     1000     8192        0             0 first\n"
	    "[ 9.6] [     11]  1000    11     5000     1000     8192        0             0 second\n";
	char text[1024];
	struct oom_reports rs;
	struct explain e;
	(void)state;

	snprintf(text, sizeof text, fmt, "5.10.0-8-amd64");
	judge(text, &rs, &e);
	assert_true(e.ties_last);
	assert_int_equal(etask(&e, 11)->rank, 1);
	done(&rs, &e);
	snprintf(text, sizeof text, fmt, "4.19.0-16-amd64");
	judge(text, &rs, &e);
	assert_false(e.ties_last);
	assert_int_equal(etask(&e, 10)->rank, 1);
	done(&rs, &e);
}

/* cpuset and mempolicy OOMs count only the allowed nodes' present pages
 * (+ swap): node 1 has 1 GiB of the 3. */
static void
test_constrained_totalpages(void **state)
{
	static const char fmt[] =
	    "[ 7.1] t invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "[ 7.2] CPU: 0 PID: 5 Comm: t Not tainted 5.10.0-8-amd64 #1\n"
	    "[ 7.3] Mem-Info:\n"
	    "[ 7.4] Node 0 Normal free:1000kB min:100kB low:200kB high:300kB present:2097152kB managed:2000000kB\n"
	    "[ 7.5] lowmem_reserve[]: 0 0 0 0 0\n"
	    "[ 7.6] Node 1 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n"
	    "[ 7.7] lowmem_reserve[]: 0 0 0 0 0\n"
	    "[ 7.8] Total swap = 4096kB\n"
	    "[ 7.9] 786432 pages RAM\n"
	    "[ 8.0] oom-kill:constraint=%s,nodemask=%s,cpuset=/c,mems_allowed=%s,global_oom,task_memcg=/,task=t,pid=5,uid=0\n";
	char text[1400];
	struct oom_reports rs;
	struct explain e;
	(void)state;

	snprintf(text, sizeof text, fmt, "CONSTRAINT_CPUSET", "(null)", "1");
	judge(text, &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_CPUSET);
	assert_int_equal(e.totalpages, 262144 + 1024);
	done(&rs, &e);
	snprintf(text, sizeof text, fmt, "CONSTRAINT_MEMORY_POLICY", "0", "0-1");
	judge(text, &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMPOLICY);
	assert_int_equal(e.totalpages, 524288 + 1024);
	done(&rs, &e);
	snprintf(text, sizeof text, fmt, "CONSTRAINT_NONE", "(null)", "0-1");
	judge(text, &rs, &e);
	assert_int_equal(e.totalpages, 786432 + 1024);
	done(&rs, &e);
}

/* A memcg report prints no Mem-Info, so not the machine's swap: a finite
 * memsw allowance counts whole (and says so), an unlimited one leaves
 * the limit. */
static void
test_memcg_swap_unknown(void **state)
{
	static const char fmt[] =
	    "[ 3.1] t invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 3.2] CPU: 0 PID: 5 Comm: t Not tainted 4.4.0-130-generic #156\n"
	    "[ 3.3] Task in /docker/x killed as a result of limit of /docker/x\n"
	    "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
	    "[ 3.5] memory+swap: usage 1048576kB, limit %s, failcnt 0\n"
	    "[ 3.6] Memory cgroup out of memory: Kill process 5 (t) score 900 or sacrifice child\n"
	    "[ 3.7] Killed process 5 (t) total-vm:10kB, anon-rss:8kB, file-rss:0kB\n";
	char text[1024];
	struct oom_reports rs;
	struct explain e;
	(void)state;

	snprintf(text, sizeof text, fmt, "2097152kB");
	judge(text, &rs, &e);
	assert_int_equal(e.totalpages, 524288);
	assert_non_null(strstr(e.totalpages_basis, "allowance"));
	done(&rs, &e);
	snprintf(text, sizeof text, fmt, "9007199254740988kB");
	judge(text, &rs, &e);
	assert_int_equal(e.totalpages, 262144);
	assert_non_null(strstr(e.totalpages_basis, "not printed"));
	done(&rs, &e);

	/* v2, swap.max unlimited, and the table shows swap in use: the
	 * machine has swap of unknown size, so the denominator is unknown
	 * (not the limit alone: that made a 220M-swap task hold 22081% of
	 * a 1M limit in holdout 048) and the ranking is by points */
	static const char v2[] =
	    "stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "CPU: 2 PID: 210 Comm: stress Not tainted 5.2.0-rc2-mm1 #135\n"
	    "Call Trace:\n"
	    " dump_stack+0x46/0x60\n"
	    " dump_header+0x4c/0x2d0\n"
	    " oom_kill_process.cold.10+0xb/0x10\n"
	    " out_of_memory+0x200/0x270\n"
	    " mem_cgroup_out_of_memory+0xb7/0xc0\n"
	    " try_charge+0x680/0x6f0\n"
	    " mem_cgroup_try_charge+0xb5/0x160\n"
	    " __add_to_page_cache_locked+0xc6/0x300\n"
	    " ? list_lru_destroy+0x80/0x80\n"
	    " add_to_page_cache_lru+0x45/0xc0\n"
	    " pagecache_get_page+0x11b/0x290\n"
	    "memory: usage 1024kB, limit 1024kB, failcnt 75131\n"
	    "swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n"
	    "Tasks state (memory values in pages):\n"
	    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[    200]     0   200     1121      884    53248       29             0 bash\n"
	    "[    210]     0   210    66442       56   499712    56349             0 stress\n"
	    "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),oom_memcg=/foo,task_memcg=/foo,task=stress,pid=210,uid=0\n"
	    "Memory cgroup out of memory: Killed process 210 (stress) total-vm:265768kB, anon-rss:0kB, file-rss:224kB, shmem-rss:0kB\n";
	judge(v2, &rs, &e);
	assert_null(strstr(e.chain, "list_lru_destroy"));	/* a "? " frame */
	assert_non_null(strstr(e.chain, "add_to_page_cache_lru"));
	assert_false(zt_have(e.totalpages));
	assert_non_null(strstr(e.totalpages_basis, "unknown"));
	assert_int_equal(e.victim_rank, 1);
	assert_false(zt_have(e.victim_score));
	for (int i = 0; i < e.nverdict; i++)
		assert_null(strstr(e.verdict[i], "alone holds"));
	done(&rs, &e);
}

/* oom_badness() may go negative from 5.9 and in 5.4.y stable (seen in
 * 5.4.214); 5.4.0 and 5.8 return at least 1. */
static void
test_negative_badness(void **state)
{
	static const char fmt[] =
	    "[ 9.1] t invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "[ 9.2] CPU: 0 PID: 5 Comm: t Not tainted %s #1\n"
	    "[ 9.3] Mem-Info:\n"
	    "[ 9.4] Total swap = 0kB\n"
	    "[ 9.5] 262144 pages RAM\n"
	    "[ 9.6] Tasks state (memory values in pages):\n"
	    "[ 9.7] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[ 9.8] [     10]  1000    10     5000     1000     8192        0          -900 low\n";
	static const struct {
		const char *release;
		bool negative;
	} cases[] = {
		{ "5.4.0-26-generic", false }, { "5.4.214-1", true },
		{ "5.8.0-1-amd64", false }, { "5.10.0-8-amd64", true },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[1024];
		struct oom_reports rs;
		struct explain e;
		snprintf(text, sizeof text, fmt, cases[i].release);
		judge(text, &rs, &e);
		int64_t p = etask(&e, 10)->points;
		if ((p < 0) != cases[i].negative)
			fail_msg("%s: points %lld", cases[i].release, (long long)p);
		done(&rs, &e);
	}
}

/* %pGg prints the names from the mask on the kernel that ran: 5.15's
 * 0x1100cca and a 5.18 build's 0x100cca are both GFP_HIGHUSER_MOVABLE
 * (the KASAN bit differs by release and config).  Only the bits that
 * never moved can show a damaged paste. */
static void
test_printed_names_truth(void **state)
{
	static const char fmt[] =
	    "[ 9.1] t invoked oom-killer: gfp_mask=%s(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "[ 9.2] CPU: 0 PID: 5 Comm: t Not tainted %s #1\n";
	static const struct {
		const char *mask, *release;
		bool disagree;
	} cases[] = {
		{ "0x1100cca", "5.15.0-1-pve", false },
		{ "0x100cca", "5.18.0-1-amd64", false },
		{ "0x100cca", "5.15.0-1-pve", false },
		{ "0x1100cc8", "5.15.0-1-pve", true },	/* __GFP_HIGHMEM lost */
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[512];
		struct oom_reports rs;
		struct explain e;
		snprintf(text, sizeof text, fmt, cases[i].mask, cases[i].release);
		judge(text, &rs, &e);
		if (e.flags_disagree != cases[i].disagree)
			fail_msg("%s on %s", cases[i].mask, cases[i].release);
		done(&rs, &e);
	}
}

/* warn_alloc's vmalloc form: the order is the page order. */
static void
test_vmalloc_error(void **state)
{
	static const char text[] =
	    "[ 1234.567890] modprobe: vmalloc error: size 8192, page order 3, failed to allocate pages, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0\n"
	    "[ 1234.567899] CPU: 1 PID: 4242 Comm: modprobe Not tainted 6.1.0-13-amd64 #1 Debian 6.1.55-1\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(rs.r[0].kind, OOM_KIND_ALLOC_FAIL);
	assert_string_equal(rs.r[0].comm, "modprobe");
	assert_int_equal(rs.r[0].pid, 4242);
	assert_int_equal(rs.r[0].order, 3);
	assert_int_equal(rs.r[0].vmalloc_bytes, 8192);
	assert_int_equal(rs.r[0].gfp_mask, 0xcc0);
	done(&rs, &e);
}

/* memory.oom.group: the cgroup's other tasks die after the victim, one
 * "Killed process" line each, in the same report. */
static void
test_oom_group(void **state)
{
	static const char text[] =
	    "[ 9.1] m invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=934\n"
	    "[ 9.2] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=c,mems_allowed=0,oom_memcg=/k,task_memcg=/k,task=m,pid=7,uid=1\n"
	    "[ 9.3] Memory cgroup out of memory: Killed process 7 (m) total-vm:100kB, anon-rss:50kB, file-rss:0kB, shmem-rss:0kB, UID:1 pgtables:4kB oom_score_adj:934\n"
	    "[ 9.4] Tasks in /k are going to be killed due to memory.oom.group set\n"
	    "[ 9.5] Memory cgroup out of memory: Killed process 8 (tini) total-vm:10kB, anon-rss:0kB, file-rss:4kB, shmem-rss:0kB, UID:1 pgtables:4kB oom_score_adj:934\n"
	    "[ 9.6] Memory cgroup out of memory: Killed process 7 (m) total-vm:100kB, anon-rss:50kB, file-rss:0kB, shmem-rss:0kB, UID:1 pgtables:4kB oom_score_adj:934\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_true(rs.r[0].oom_group);
	assert_int_equal(rs.r[0].group_kills, 2);
	assert_int_equal(e.victim_pid, 7);
	done(&rs, &e);
}

/* A constraint mainline kernels do not have (a BPF trigger, 6.16 with
 * patches): kept as printed, the kill scoped to the named cgroup, and no
 * claim that the cgroup hit a limit. */
static void
test_unknown_constraint(void **state)
{
	static const char text[] =
	    "[ 315.2] kworker/u17:0 invoked oom-killer: gfp_mask=0x0(), order=0, oom_score_adj=0\n"
	    "[ 315.3] memory: usage 42172kB, limit 9007199254740988kB, failcnt 0\n"
	    "[ 315.4] oom-kill:constraint=CONSTRAINT_BPF_PSI_MEM,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/t/cg2,task_memcg=/t/cg2,task=tp,pid=675,uid=0\n"
	    "[ 315.5] Memory cgroup out of memory: Killed process 675 (tp) total-vm:5000kB, anon-rss:42848kB, file-rss:1028kB, shmem-rss:0kB, UID:0 pgtables:120kB oom_score_adj:0\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(rs.r[0].con, OOM_CON_OTHER);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	assert_string_equal(e.constraint_printed, "CONSTRAINT_BPF_PSI_MEM");
	assert_string_equal(e.memcg, "/t/cg2");
	for (int i = 0; i < e.nverdict; i++)
		assert_null(strstr(e.verdict[i], "hit its limit"));
	/* the JSON keeps the printed name; the scope says what was ranked */
	json_t *o = explain_json(&rs.r[0], &e);
	assert_string_equal(json_string_value(json_object_get(o, "constraint")),
	    "CONSTRAINT_BPF_PSI_MEM");
	assert_string_equal(json_string_value(json_object_get(o, "scope")), "memcg");
	json_decref(o);
	done(&rs, &e);
}

/* 4.19 to 5.2 printed CONSTRAINT_NONE for every OOM (oc->constraint was
 * never set): a memcg OOM is still scoped to its cgroup, and the JSON
 * keeps what was printed. */
static void
test_constraint_unset_memcg(void **state)
{
	static const char text[] =
	    "stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "CPU: 2 PID: 210 Comm: stress Not tainted 5.2.0-rc2-mm1 #135\n"
	    "memory: usage 1024kB, limit 1024kB, failcnt 75131\n"
	    "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),oom_memcg=/foo,task_memcg=/foo,task=stress,pid=210,uid=0\n"
	    "Memory cgroup out of memory: Killed process 210 (stress) total-vm:265768kB, anon-rss:0kB, file-rss:224kB, shmem-rss:0kB\n";
	static const char global[] =
	    "a.out invoked oom-killer: gfp_mask=0x6280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), order=0, oom_score_adj=0\n"
	    "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=a.out,pid=3359,uid=0\n"
	    "Out of memory: Killed process 3359 (a.out) total-vm:4267252kB, anon-rss:2894908kB, file-rss:0kB, shmem-rss:0kB\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	assert_true(e.constraint_unset);
	assert_string_equal(e.memcg, "/foo");
	json_t *o = explain_json(&rs.r[0], &e);
	assert_string_equal(json_string_value(json_object_get(o, "constraint")), "global");
	assert_string_equal(json_string_value(json_object_get(o, "scope")), "memcg");
	json_decref(o);
	done(&rs, &e);
	judge(global, &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_GLOBAL);
	assert_false(e.constraint_unset);
	done(&rs, &e);
}

/* SysRq-f before 4.6 passed order 0: the moom_callback work item (in
 * the trace, or on the Workqueue: line) tells it. */
static void
test_sysrq_order0(void **state)
{
	static const char wq[] =
	    "> [  171.720193] kworker/2:9 invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0\n"
	    "> [  171.724603] CPU: 2 PID: 11016 Comm: kworker/2:9 Not tainted 4.1.0-rc7 #3\n"
	    "> [  171.729727] Workqueue: events moom_callback\n"
	    "> (...snipped...)\n";
	static const char frame[] =
	    "[  280.324009] events/0 invoked oom-killer: gfp_mask=0xd0, order=0, oomkilladj=0\n"
	    "[  280.324056] Pid: 9, comm: events/0 Not tainted 2.6.26-2-amd64 #1\n"
	    "[  280.324099] Call Trace:\n"
	    "[  280.324200]  [<ffffffff8027388c>] oom_kill_process+0x57/0x1dc\n"
	    "[  280.324341]  [<ffffffff80273deb>] out_of_memory+0x1f5/0x28e\n"
	    "[  280.324396]  [<ffffffff8037824c>] moom_callback+0x0/0x1a\n"
	    "[  280.324449]  [<ffffffff80243070>] run_workqueue+0x82/0x111\n";
	static const char other[] =
	    "[  1.0] kworker/0:1 invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0\n"
	    "[  1.1] Workqueue: events_freezable mmc_rescan\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(wq, &rs, &e);
	assert_string_equal(rs.r[0].workqueue, "moom_callback");
	assert_int_equal(e.cause, EX_CAUSE_SYSRQ);
	done(&rs, &e);
	judge(frame, &rs, &e);
	assert_int_equal(e.cause, EX_CAUSE_SYSRQ);
	done(&rs, &e);
	/* 2.6.26: no file/anon split, no task table: no "n/a" in a verdict */
	static const char old[] =
	    "[  280.324009] events/0 invoked oom-killer: gfp_mask=0xd0, order=0, oomkilladj=0\n"
	    "[  280.324056] Pid: 9, comm: events/0 Not tainted 2.6.26-2-amd64 #1\n"
	    "[  280.326911] Mem-info:\n"
	    "[  280.327234] Active:31 inactive:491089 dirty:0 writeback:23480 unstable:0\n"
	    "[  280.327318] Node 0 DMA free:7880kB min:28kB low:32kB high:40kB active:0kB inactive:3620kB present:10788kB pages_scanned:16863 all_unreclaimable? yes\n"
	    "[  280.327404] lowmem_reserve[]: 0 1971 1971 1971\n"
	    "[  280.327686] Free swap  = 3963444kB\n"
	    "[  280.327686] Total swap = 5947384kB\n"
	    "[  280.335694] Out of memory: kill process 2842 (a.out) score 494723 or a child\n"
	    "[  280.335694] Killed process 2842 (a.out)\n";
	judge(old, &rs, &e);
	for (int i = 0; i < e.nverdict; i++)
		assert_null(strstr(e.verdict[i], "n/a"));
	assert_non_null(strstr(e.victim_note, "no task table"));
	done(&rs, &e);
	judge(other, &rs, &e);
	assert_int_equal(e.cause, EX_CAUSE_ALLOCATION);
	done(&rs, &e);
}

/* "Kill process P ... or sacrifice child" and the paste ends: the kernel
 * may have killed a child of P, so no victim is named, only the task
 * chosen (2.6.36-3.7 table, holdout 045's shape). */
static void
test_chosen_without_kill_line(void **state)
{
	static const char text[] =
	    "Sep  5 11:05:35 server02 kernel: [1751856.433101] Task in /1066/uid killed as a result of limit of /1066\n"
	    "Sep  5 11:05:35 server02 kernel: [1751856.539356] [ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name\n"
	    "Sep  5 11:05:35 server02 kernel: [1751856.539745] [ 1046]  1066  1046   228537    95491   3       0             0 apache2\n"
	    "Sep  5 11:05:35 server02 kernel: [1751856.539894] [ 1047]  1066  1047   228604    95488   6       0             0 apache2\n"
	    "Sep  5 11:05:35 server02 kernel: [1751856.540646] Memory cgroup out of memory: Kill process 1046 (apache2) score 1000 or sacrifice child\n";
	static const char killed[] =
	    "[ 9.1] Out of memory: Kill process 1046 (apache2) score 1000 or sacrifice child\n"
	    "[ 9.2] Killed process 1050 (apache2) total-vm:914388kB, anon-rss:381964kB, file-rss:0kB\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_false(e.have_victim);
	assert_true(e.chosen_only);
	assert_int_equal(e.victim_pid, 1046);
	json_t *o = explain_json(&rs.r[0], &e);
	assert_true(json_is_null(json_object_get(o, "victim")));
	json_t *c = json_object_get(o, "chosen");
	assert_non_null(c);
	assert_int_equal(json_integer_value(json_object_get(c, "pid")), 1046);
	json_decref(o);
	bool said = false;
	for (int i = 0; i < e.nverdict; i++) {
		assert_null(strstr(e.verdict[i], "The kernel killed"));
		said |= strstr(e.verdict[i], "or a child of it") != NULL;
	}
	assert_true(said);
	done(&rs, &e);

	/* with the kill line, the child killed is the victim */
	judge(killed, &rs, &e);
	assert_true(e.have_victim);
	assert_false(e.chosen_only);
	assert_int_equal(e.victim_pid, 1050);
	done(&rs, &e);
}

/* ------------------------------------------------------------------ */
/* hx2 (issue #16): the zones, the request's alloc flags, reclaim and
 * the memory no counter explains (explain.c ex_node_unrecl ..
 * ex_unaccounted), each rule at its edges */

static const struct ex_zone *
hx2_zone(const struct explain *e, int node, const char *name)
{
	const struct ex_zone *z = e->zones, *end = e->zones + e->nzones;

	while (z < end && (z->node != node || strcmp(z->name, name) != 0))
		z++;
	if (z == end)
		fail_msg("no zone %d %s", node, name);
	return z;
}

/* judge() of a text formatted from fmt. */
static void __attribute__((format(printf, 3, 4)))
hx2_judgef(struct oom_reports *rs, struct explain *e, const char *fmt, ...)
{
	char text[4096];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof text);
	judge(text, rs, e);
}

/* 4.8+ prints all_unreclaimable per node (show_free_areas(), "Node %d
 * active_anon:... all_unreclaimable? %s"), no longer per zone: a zone
 * takes its node's; a zone printed without a node (no CONFIG_NUMA:
 * show_node() prints nothing) the one node's; else it is not known. */
static void
test_hx2_node_unreclaimable(void **state)
{
	static const char head[] =
	    "x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.10.0-8-amd64 #1\n"
	    "Mem-Info:\n";
	static const char node0[] =
	    "Node 0 active_anon:400kB inactive_anon:0kB active_file:40kB inactive_file:0kB all_unreclaimable? yes\n";
	static const char node1[] =
	    "Node 1 active_anon:400kB inactive_anon:0kB active_file:40kB inactive_file:0kB all_unreclaimable? no\n";
	static const char zone_fmt[] =
	    "%sNormal free:1000kB min:100kB low:200kB high:300kB present:8000kB managed:8000kB\n"
	    "lowmem_reserve[]: 0 0 0 0 0\n";
	char z0[256], z1[256], zn[256];
	struct oom_reports rs;
	struct explain e;
	(void)state;

	snprintf(z0, sizeof z0, zone_fmt, "Node 0 ");
	snprintf(z1, sizeof z1, zone_fmt, "Node 1 ");
	snprintf(zn, sizeof zn, zone_fmt, "");
	/* two nodes, each zone its own node's */
	hx2_judgef(&rs, &e, "%s%s%s%s%s", head, node0, node1, z0, z1);
	assert_int_equal(hx2_zone(&e, 0, "Normal")->unreclaimable, 1);
	assert_int_equal(hx2_zone(&e, 1, "Normal")->unreclaimable, 0);
	assert_int_equal(e.unreclaimable, 2);
	bool said = false;
	for (int i = 0; i < e.nverdict; i++)
		said |= strstr(e.verdict[i], "Reclaim had given up on Node 0 Normal "
		    "(all_unreclaimable? yes)") != NULL;
	assert_true(said);
	done(&rs, &e);
	/* the same, node 1 first */
	hx2_judgef(&rs, &e, "%s%s%s%s%s", head, node1, node0, z1, z0);
	assert_int_equal(hx2_zone(&e, 0, "Normal")->unreclaimable, 1);
	assert_int_equal(hx2_zone(&e, 1, "Normal")->unreclaimable, 0);
	done(&rs, &e);
	/* no node on the zone line, one node line */
	hx2_judgef(&rs, &e, "%s%s%s", head, node0, zn);
	assert_int_equal(hx2_zone(&e, -1, "Normal")->unreclaimable, 1);
	assert_int_equal(e.unreclaimable, 1);
	done(&rs, &e);
	/* no node on the zone line, two node lines: which is not known */
	hx2_judgef(&rs, &e, "%s%s%s%s", head, node0, node1, zn);
	assert_int_equal(hx2_zone(&e, -1, "Normal")->unreclaimable, -1);
	done(&rs, &e);
	/* a cut paste: node 0's zone, node 1's line alone (and the other
	 * way): not the zone's */
	hx2_judgef(&rs, &e, "%s%s%s", head, node1, z0);
	assert_int_equal(hx2_zone(&e, 0, "Normal")->unreclaimable, -1);
	done(&rs, &e);
	hx2_judgef(&rs, &e, "%s%s%s", head, node0, z1);
	assert_int_equal(hx2_zone(&e, 1, "Normal")->unreclaimable, -1);
	assert_int_equal(e.unreclaimable, 1);
	done(&rs, &e);
}

/* gfp_to_alloc_flags() per kernel (mm/page_alloc.c of each): the
 * check's shape changes at 4.4 and 6.3; __GFP_HIGH is 0x20 in every
 * layout; the harder rule is !__GFP_WAIT (<= 4.3; 3.16+ not with
 * __GFP_NO_KSWAPD), __GFP_ATOMIC (4.4 .. 6.2) or !__GFP_DIRECT_RECLAIM
 * (6.3+, ALLOC_HIGHATOMIC for order > 0), none with __GFP_NOMEMALLOC;
 * a movable request may use CMA. */
static void
test_hx2_alloc_flags(void **state)
{
	static const char fmt[] =
	    "x invoked oom-killer: gfp_mask=%s, order=%d, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted %s #1\n";
	static const struct {
		const char *release, *mask;
		int order, shape;
		const char *flags;
	} cases[] = {
		/* the shapes' edges */
		{ "4.3.6", "0x20", 0, WM_SHAPE_43, "ALLOC_HIGH|ALLOC_HARDER" },
		{ "4.4.0", "0x2080020(GFP_ATOMIC)", 0, WM_SHAPE_44, "ALLOC_HIGH|ALLOC_HARDER" },
		{ "4.4.0", "0x20", 0, WM_SHAPE_44, "ALLOC_HIGH" },
		{ "6.2.16", "0xa20(GFP_ATOMIC)", 0, WM_SHAPE_44, "ALLOC_HIGH|ALLOC_HARDER" },
		{ "6.3.0", "0x820(GFP_ATOMIC)", 0, WM_SHAPE_63,
		  "ALLOC_MIN_RESERVE|ALLOC_NON_BLOCK" },
		{ "6.3.0", "0x820(GFP_ATOMIC)", 1, WM_SHAPE_63,
		  "ALLOC_MIN_RESERVE|ALLOC_NON_BLOCK|ALLOC_HIGHATOMIC" },
		{ "6.6.0", "0x800(GFP_NOWAIT)", 0, WM_SHAPE_63, "ALLOC_NON_BLOCK" },
		{ "6.6.0", "0x800(GFP_NOWAIT)", 3, WM_SHAPE_63,
		  "ALLOC_NON_BLOCK|ALLOC_HIGHATOMIC" },
		{ "6.6.0", "0xcc0(GFP_KERNEL)", 3, WM_SHAPE_63, "" },
		/* 3.16's __GFP_NO_KSWAPD rule, the release before */
		{ "3.15.10", "0x400000", 0, WM_SHAPE_43, "ALLOC_HARDER" },
		/* __GFP_NOMEMALLOC takes the harder flag away */
		{ "3.10.0", "0x10020", 0, WM_SHAPE_43, "ALLOC_HIGH" },
		{ "5.10.0", "0x80a20(GFP_ATOMIC|__GFP_NOMEMALLOC)", 0, WM_SHAPE_44, "ALLOC_HIGH" },
		{ "6.6.0", "0x80800(GFP_NOWAIT|__GFP_NOMEMALLOC)", 2, WM_SHAPE_63, "" },
		/* a zone bit is not __GFP_HIGH: GFP_KERNEL|GFP_DMA */
		{ "3.10.0", "0xd1", 0, WM_SHAPE_43, "" },
		/* movable: CMA */
		{ "5.10.0", "0x100cca(GFP_HIGHUSER_MOVABLE)", 0, WM_SHAPE_44, "ALLOC_CMA" },
		/* the printed names are the truth where all are known */
		{ "5.10.0", "0xcc0(GFP_ATOMIC)", 0, WM_SHAPE_44, "ALLOC_HIGH|ALLOC_HARDER" },
		{ "5.10.0", "0xcc0(GFP_ATOMIC|__GFP_BOGUS)", 0, WM_SHAPE_44, "" },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx2_judgef(&rs, &e, fmt, cases[i].mask, cases[i].order,
		    cases[i].release);
		if (e.wm_shape != cases[i].shape ||
		    strcmp(e.alloc_flags, cases[i].flags) != 0)
			fail_msg("%s on %s, order %d: shape %d, \"%s\"", cases[i].mask,
			    cases[i].release, cases[i].order, e.wm_shape, e.alloc_flags);
		done(&rs, &e);
	}
}

/* No release and oom_adj= alone (before 2.6.36, no CPU line pasted):
 * the version inferred is 0, below 4.4: the <= 4.3 check, and an atomic
 * request allocates harder.  A format that contradicts itself (oom_adj=
 * and a 4.8+ node line) gives no version: the plain check alone. */
static void
test_hx2_alloc_flags_inferred(void **state)
{
	static const char legacy[] =
	    "x invoked oom-killer: gfp_mask=0x20, order=0, oom_adj=0\n";
	static const char none[] =
	    "x invoked oom-killer: gfp_mask=0x20, order=0, oom_adj=0\n"
	    "Node 0 active_anon:400kB inactive_anon:0kB active_file:40kB inactive_file:0kB all_unreclaimable? no\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(legacy, &rs, &e);
	assert_true(e.kv_inferred);
	assert_int_equal(e.kv, 0);
	assert_int_equal(e.wm_shape, WM_SHAPE_43);
	assert_string_equal(e.alloc_flags, "ALLOC_HIGH|ALLOC_HARDER");
	done(&rs, &e);
	judge(none, &rs, &e);
	assert_int_equal(e.kv, -1);
	assert_string_equal(e.kernel, "unknown");
	assert_int_equal(e.wm_shape, WM_SHAPE_44);
	assert_string_equal(e.alloc_flags, "");
	done(&rs, &e);
}

/* ex_zones: every zone line's figures, highest type first (the order
 * the allocation tries them), an unknown type last; lowmem_reserve[] of
 * the request's slot; each mark checked on the figures in pages. */
static void
test_hx2_zone_figures(void **state)
{
	static const char text[] =
	    "x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 4.4.0-21-generic #1\n"
	    "Mem-Info:\n"
	    "Node 0 DMA free:15000kB min:100kB low:120kB high:1000kB present:15992kB managed:15360kB all_unreclaimable? yes\n"
	    "lowmem_reserve[]: 0 1000 2000 2000\n"
	    "Node 0 Foo free:100kB min:10kB low:20kB high:30kB present:400kB managed:400kB\n"
	    "Node 0 DMA32 free:7000kB min:4000kB low:6000kB high:8000kB present:900000kB managed:800000kB all_unreclaimable? no\n"
	    "lowmem_reserve[]: 0 0 100 100\n"
	    "Node 0 DMA32: 10*4kB 20*8kB 30*16kB = 680kB\n"
	    "Node 0 Normal free:5000kB min:4000kB low:6000kB high:8000kB present:2000000kB managed:1900000kB all_unreclaimable? no\n"
	    "lowmem_reserve[]: 0 0 0 0\n"
	    "Node 0 Movable free:900000kB min:10kB low:20kB high:30kB present:1000000kB managed:1000000kB all_unreclaimable? no\n"
	    "lowmem_reserve[]: 0 0 0 0\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(e.slot, 2);
	assert_int_equal(e.nzones, 5);
	static const char *const order[] = { "Movable", "Normal", "DMA32", "DMA", "Foo" };
	for (int i = 0; i < 5; i++)
		assert_string_equal(e.zones[i].name, order[i]);
	const struct ex_zone *z = hx2_zone(&e, 0, "DMA");
	assert_int_equal(z->type, ZT_ZONE_DMA);
	/* free, min, low, high, present, managed, lowmem_reserve[2] */
	const int64_t got[] = { z->free_kb, z->min_kb, z->low_kb, z->high_kb,
		z->present_kb, z->managed_kb, z->reserve_kb };
	const int64_t want[] = { 15000, 100, 120, 1000, 15992, 15360, 2000 * 4 };
	assert_memory_equal(got, want, sizeof want);
	assert_true(z->applies);
	assert_int_equal(z->unreclaimable, 1);
	/* 3750 pages > 25 + 2000, 30 + 2000, 250 + 2000 */
	assert_int_equal(z->wm[ZT_MARK_MIN], 1);
	assert_int_equal(z->wm[ZT_MARK_LOW], 1);
	assert_int_equal(z->wm[ZT_MARK_HIGH], 1);
	/* 1750 pages > min 1000 + 100, low 1500 + 100; <= high 2000 + 100 */
	z = hx2_zone(&e, 0, "DMA32");
	assert_int_equal(z->unreclaimable, 0);
	assert_int_equal(z->reserve_kb, 100 * 4);
	assert_int_equal(z->norders, 3);
	assert_int_equal(z->buddy[0], 10);
	assert_int_equal(z->buddy[2], 30);
	assert_false(zt_have(z->buddy[3]));
	assert_int_equal(z->wm[ZT_MARK_MIN], 1);
	assert_int_equal(z->wm[ZT_MARK_LOW], 1);
	assert_int_equal(z->wm[ZT_MARK_HIGH], 0);
	/* 1250 pages > min 1000, <= low 1500 */
	z = hx2_zone(&e, 0, "Normal");
	assert_int_equal(z->type, ZT_ZONE_NORMAL);
	assert_int_equal(z->reserve_kb, 0);
	assert_true(z->applies);
	assert_int_equal(z->wm[ZT_MARK_MIN], 1);
	assert_int_equal(z->wm[ZT_MARK_LOW], 0);
	assert_int_equal(z->wm[ZT_MARK_HIGH], 0);
	/* above the highest zone, and a zone of no known type: not
	 * checked */
	z = hx2_zone(&e, 0, "Movable");
	assert_false(z->applies);
	for (int m = 0; m < ZT_NMARKS; m++)
		assert_int_equal(z->wm[m], -1);
	z = hx2_zone(&e, 0, "Foo");
	assert_int_equal(z->type, ZT_ZONE_UNKNOWN);
	assert_false(z->applies);
	assert_false(zt_have(z->reserve_kb));
	for (int m = 0; m < ZT_NMARKS; m++)
		assert_int_equal(z->wm[m], -1);
	done(&rs, &e);
}

/* Which zones are checked: the request's order as read (SysRq-f's -1
 * as 0; none printed, or past the buddy lists: not checked), free
 * pages printed and not negative, a slot for the highest zone, marks of
 * 0 checked and negative ones not. */
static void
test_hx2_zone_checked(void **state)
{
	static const char fmt[] =
	    "x invoked oom-killer: gfp_mask=%s%s, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.10.0-8-amd64 #1\n"
	    "Mem-Info:\n"
	    "Node 0 Normal free:%s min:%s low:0kB high:-8kB present:2000000kB managed:1900000kB\n"
	    "lowmem_reserve[]: 0 0 0 0 0\n"
	    "Node 0 Normal: 1000*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 4000kB\n";
	static const struct {
		const char *mask, *order, *free, *min;
		int wm[ZT_NMARKS];
	} cases[] = {
		/* 1000 pages > 100, > 0; high negative: not known */
		{ "0xcc0", ", order=0", "4000kB", "400kB", { 1, 1, -1 } },
		/* SysRq-f: order -1 checked as 0 (no block of order 1 here) */
		{ "0xcc0", ", order=-1", "4000kB", "400kB", { 1, 1, -1 } },
		{ "0xcc0", ", order=1", "4000kB", "400kB", { 0, 0, -1 } },
		/* no order printed; an order past every buddy list */
		{ "0xcc0", "", "4000kB", "400kB", { -1, -1, -1 } },
		{ "0xcc0", ", order=16", "4000kB", "400kB", { -1, -1, -1 } },
		{ "0xcc0", ", order=15", "400000000kB", "400kB", { 1, 1, -1 } },
		/* free 0 fails; negative free (a key repeated on the line:
		 * the last is kept) is not a figure */
		{ "0xcc0", ", order=0", "0kB", "400kB", { 0, 0, -1 } },
		{ "0xcc0", ", order=0", "4000kB free:-4kB", "400kB", { -1, -1, -1 } },
		/* min 0 is a mark; a negative one is not */
		{ "0xcc0", ", order=0", "4000kB", "0kB", { 1, 1, -1 } },
		{ "0xcc0", ", order=0", "4000kB", "-4kB", { -1, 1, -1 } },
		/* DMA|DMA32 is GFP_ZONE_BAD: no highest zone, no slot */
		{ "0x5", ", order=0", "4000kB", "400kB", { -1, -1, -1 } },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx2_judgef(&rs, &e, fmt, cases[i].mask, cases[i].order,
		    cases[i].free, cases[i].min);
		const struct ex_zone *z = hx2_zone(&e, 0, "Normal");
		if (memcmp(z->wm, cases[i].wm, sizeof z->wm) != 0)
			fail_msg("case %zu: %d %d %d", i, z->wm[0], z->wm[1], z->wm[2]);
		done(&rs, &e);
	}
}

/* A GFP_DMA request: the highest zone is DMA, slot 0, whose
 * lowmem_reserve[0] counts; a reserve line shorter than the slot, or
 * none, gives no reserve figure (and the check then has none). */
static void
test_hx2_zone_slot(void **state)
{
	static const char fmt[] =
	    "x invoked oom-killer: gfp_mask=%s, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 3.10.0-123.el7.x86_64 #1\n"
	    "Mem-Info:\n"
	    "Node 0 DMA free:8000kB min:400kB low:500kB high:600kB present:15992kB managed:15360kB\n"
	    "%s"
	    "Node 0 DMA32 free:8000kB min:400kB low:500kB high:600kB present:900000kB managed:800000kB\n"
	    "lowmem_reserve[]: 0 0 0 0\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	/* GFP_KERNEL|GFP_DMA: 2000 pages > 100 + 1000 */
	hx2_judgef(&rs, &e, fmt, "0xd1", "lowmem_reserve[]: 1000 1800 1800 1800\n");
	assert_int_equal(e.highest_type, ZT_ZONE_DMA);
	assert_int_equal(e.slot, 0);
	const struct ex_zone *z = hx2_zone(&e, 0, "DMA");
	assert_true(z->applies);
	assert_int_equal(z->reserve_kb, 1000 * 4);
	assert_int_equal(z->wm[ZT_MARK_MIN], 1);
	assert_false(hx2_zone(&e, 0, "DMA32")->applies);
	done(&rs, &e);
	/* a DMA zone's own lowmem_reserve[0] is 0 in every kernel; one that
	 * is not (a hand-made paste) is used as printed: 2000 <= 100 + 1950 */
	hx2_judgef(&rs, &e, fmt, "0xd1", "lowmem_reserve[]: 1950 1950 1950 1950\n");
	assert_int_equal(hx2_zone(&e, 0, "DMA")->wm[ZT_MARK_MIN], 0);
	done(&rs, &e);
	/* GFP_KERNEL: Normal's slot 2 (no Normal zone here); DMA's line
	 * stops before it */
	hx2_judgef(&rs, &e, fmt, "0xd0", "lowmem_reserve[]: 0 1900\n");
	assert_int_equal(e.slot, 2);
	z = hx2_zone(&e, 0, "DMA");
	assert_false(zt_have(z->reserve_kb));
	assert_int_equal(z->wm[ZT_MARK_MIN], 1);
	done(&rs, &e);
	/* 2000 pages <= 100 + 1900 */
	hx2_judgef(&rs, &e, fmt, "0xd0", "lowmem_reserve[]: 0 1900 1900\n");
	z = hx2_zone(&e, 0, "DMA");
	assert_int_equal(z->reserve_kb, 1900 * 4);
	assert_int_equal(z->wm[ZT_MARK_MIN], 0);
	done(&rs, &e);
}

/* reserved_highatomic in kB, made pages: 200 kB is 50 pages, which a
 * GFP_KERNEL request must leave (1000 - 50 > 900 passes); free CMA
 * pages serve only a movable request. */
static void
test_hx2_zone_reserves(void **state)
{
	static const char fmt[] =
	    "x invoked oom-killer: gfp_mask=%s, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.10.0-8-amd64 #1\n"
	    "Mem-Info:\n"
	    "Node 0 Normal free:4000kB min:3600kB low:4400kB high:5200kB reserved_highatomic:%s present:80000kB managed:80000kB free_cma:%s\n"
	    "lowmem_reserve[]: 0 0 0 0 0\n";
	static const struct {
		const char *mask, *ha, *cma;
		int min;
	} cases[] = {
		{ "0xcc0(GFP_KERNEL)", "200KB", "0kB", 1 },
		{ "0xcc0(GFP_KERNEL)", "400KB", "0kB", 0 },
		{ "0xcc0(GFP_KERNEL)", "0KB", "200kB", 1 },
		{ "0xcc0(GFP_KERNEL)", "0KB", "400kB", 0 },
		{ "0x100cca(GFP_HIGHUSER_MOVABLE)", "0KB", "2000kB", 1 },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx2_judgef(&rs, &e, fmt, cases[i].mask, cases[i].ha, cases[i].cma);
		if (ezone(&e, "Normal")->wm[ZT_MARK_MIN] != cases[i].min)
			fail_msg("case %zu: min check %d", i, ezone(&e, "Normal")->wm[ZT_MARK_MIN]);
		done(&rs, &e);
	}
}

/* ex_reclaim: the LRU from the global block (pages, isolated counted),
 * else from the zone lines (kB, summed over zones); all_unreclaimable
 * from the node lines when there are any (4.8+), else the zones'. */
static void
test_hx2_reclaim(void **state)
{
	static const char head[] =
	    "x invoked oom-killer: gfp_mask=0xcc0, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 4.4.0-21-generic #1\n"
	    "Mem-Info:\n";
	static const char global[] =
	    "active_anon:100 inactive_anon:200 isolated_anon:3\n"
	    " active_file:10 inactive_file:20 isolated_file:5\n";
	static const char anon_only[] =
	    "active_anon:100 inactive_anon:200 isolated_anon:3\n";
	static const char zones[] =
	    "Node 0 DMA32 free:4000kB min:400kB low:500kB high:600kB active_anon:40kB inactive_anon:80kB active_file:400kB inactive_file:800kB isolated(anon):4kB isolated(file):8kB present:8000kB managed:8000kB all_unreclaimable? %s\n"
	    "lowmem_reserve[]: 0 0 0 0\n"
	    "Node 0 Normal free:4000kB min:400kB low:500kB high:600kB active_anon:1000kB inactive_anon:2000kB active_file:10000kB inactive_file:20000kB isolated(anon):0kB isolated(file):0kB present:8000kB managed:8000kB all_unreclaimable? %s\n"
	    "lowmem_reserve[]: 0 0 0 0\n";
	static const struct {
		const char *global, *dma32, *normal;
		int64_t anon_kb, file_kb;
		int unrecl;
	} cases[] = {
		/* 303 and 35 pages */
		{ global, "yes", "yes", 1212, 140, 1 },
		/* no global block: 124 + 3000 kB, 1208 + 30000 kB */
		{ "", "no", "no", 3124, 31208, 0 },
		{ "", "yes", "no", 3124, 31208, 2 },
		{ "", "no", "yes", 3124, 31208, 2 },
		/* the file LRU alone from the zones */
		{ anon_only, "no", "yes", 1212, 31208, 2 },
		/* a zone without the flag counts neither way */
		{ "", "maybe", "yes", 3124, 31208, 1 },
		{ "", "maybe", "no", 3124, 31208, 0 },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char z[1024];
		struct oom_reports rs;
		struct explain e;
		snprintf(z, sizeof z, zones, cases[i].dma32, cases[i].normal);
		hx2_judgef(&rs, &e, "%s%s%s", head, cases[i].global, z);
		if (e.anon_kb != cases[i].anon_kb || e.file_kb != cases[i].file_kb ||
		    e.unreclaimable != cases[i].unrecl)
			fail_msg("case %zu: anon %lld file %lld unreclaimable %d", i,
			    (long long)e.anon_kb, (long long)e.file_kb, e.unreclaimable);
		done(&rs, &e);
	}

	/* node lines decide when there are any: a zone's flag (a paste
	 * that mixes kernels, or a hand edit) is not counted then */
	static const char nodes[] =
	    "x invoked oom-killer: gfp_mask=0xcc0, order=0, oom_score_adj=0\n"
	    "Node 0 active_anon:400kB inactive_anon:0kB active_file:40kB inactive_file:0kB all_unreclaimable? %s\n"
	    "Node 0 Normal free:4000kB min:400kB low:500kB high:600kB present:8000kB managed:8000kB all_unreclaimable? %s\n";
	static const struct {
		const char *node, *zone;
		int unrecl;
	} ncases[] = {
		{ "no", "yes", 0 }, { "yes", "no", 1 }, { "maybe", "yes", -1 },
	};
	for (size_t i = 0; i < ZT_ARRAY_LEN(ncases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx2_judgef(&rs, &e, nodes, ncases[i].node, ncases[i].zone);
		if (e.unreclaimable != ncases[i].unrecl)
			fail_msg("node case %zu: %d", i, e.unreclaimable);
		done(&rs, &e);
	}
}

/* ex_unaccounted: RAM less every counter that owns pages, each once:
 * the global block's, the zones' kernel stacks (else the nodes'),
 * zspages, present - managed (else "pages reserved"), hugetlb pages. */
static void
test_hx2_unaccounted(void **state)
{
	static const char fmt[] =
	    "x invoked oom-killer: gfp_mask=0xcc0, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
	    "Mem-Info:\n"
	    "%s"
	    " free_pcp:2 free_cma:0\n"
	    " unevictable:9 slab_reclaimable:10 slab_unreclaimable:11\n"
	    " pagetables:12 sec_pagetables:13 kernel_misc_reclaimable:14 bounce:15\n"
	    " isolated_anon:5 active_file:600 inactive_file:700 isolated_file:8\n"
	    "Node 0 active_anon:12000kB kernel_stack:%s all_unreclaimable? no\n"
	    "Node 1 active_anon:0kB kernel_stack:%s all_unreclaimable? no\n"
	    "Node 0 DMA32 free:4000kB min:400kB low:500kB high:600kB %s zspages:40kB present:40000kB managed:36000kB\n"
	    "lowmem_reserve[]: 0 0 0 0 0\n"
	    "Node 0 Normal free:4000kB min:400kB low:500kB high:600kB %s zspages:83kB present:360000kB managed:359600kB\n"
	    "lowmem_reserve[]: 0 0 0 0 0\n"
	    "Node 0 Movable free:0kB min:0kB low:0kB high:0kB present:100kB managed:200kB\n"
	    "Node 0 hugepages_total=10 hugepages_free=10 hugepages_surp=0 hugepages_size=2048kB\n"
	    "%s"
	    "%s";
	static const char both[] = "active_anon:3000 inactive_anon:4000 free:1000\n";
	static const struct {
		const char *global, *node0, *node1, *dma32, *normal, *reserved, *ram;
		int64_t kb;
	} cases[] = {
		/* global 9399 + stacks (400 + 800 kB) and zspages (123 kB)
		 * 1323 kB, 330 pages (one kB more would be 331) + reserved
		 * 1000 + 100 (not Movable's -25) + hugetlb 5120 = 15949 of
		 * 100000 */
		{ both, "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB", "",
		  "100000 pages RAM\n", (100000 - 15949) * 4 },
		/* the node lines' stacks when no zone prints them */
		{ both, "1000kB", "200kB", "", "", "", "100000 pages RAM\n",
		  (100000 - 15949) * 4 },
		/* "pages reserved" where printed */
		{ both, "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB",
		  "2000 pages reserved\n", "100000 pages RAM\n", (100000 - 16849) * 4 },
		/* more counted than RAM: none unaccounted */
		{ both, "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB", "",
		  "15000 pages RAM\n", 0 },
		{ both, "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB", "",
		  "15949 pages RAM\n", 0 },
		{ both, "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB", "",
		  "15950 pages RAM\n", 4 },
		/* no RAM figure, or none: not known */
		{ both, "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB", "",
		  "", ZT_NA },
		{ both, "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB", "",
		  "0 pages RAM\n", ZT_NA },
		{ both, "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB", "",
		  "1 pages RAM\n", 0 },
		/* a counter past what a sum can hold: not known, not 0 */
		{ "active_anon:3000 inactive_anon:4000 free:9223372036854775000\n",
		  "9999kB", "1kB", "kernel_stack:400kB", "kernel_stack:800kB", "",
		  "100000 pages RAM\n", ZT_NA },
		/* without free or active_anon the sum is not the RAM's */
		{ "active_anon:3000 inactive_anon:4000\n", "9999kB", "1kB",
		  "kernel_stack:400kB", "kernel_stack:800kB", "", "100000 pages RAM\n", ZT_NA },
		{ "inactive_anon:4000 free:1000\n", "9999kB", "1kB",
		  "kernel_stack:400kB", "kernel_stack:800kB", "", "100000 pages RAM\n", ZT_NA },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx2_judgef(&rs, &e, fmt, cases[i].global, cases[i].node0,
		    cases[i].node1, cases[i].dma32, cases[i].normal, cases[i].reserved,
		    cases[i].ram);
		if (e.unaccounted_kb != cases[i].kb)
			fail_msg("case %zu: %lld kB unaccounted", i, (long long)e.unaccounted_kb);
		if (zt_have(cases[i].kb)) {
			double pct = 100.0 * (double)cases[i].kb / (double)e.ram_kb;
			if (e.unaccounted_pct < pct - 1e-9 || e.unaccounted_pct > pct + 1e-9)
				fail_msg("case %zu: %f%%", i, e.unaccounted_pct);
		} else
			assert_true(isnan(e.unaccounted_pct));
		done(&rs, &e);
	}
}

/* The last try before the OOM killer (__alloc_pages_may_oom(): the
 * high mark with ALLOC_WMARK_HIGH|ALLOC_CPUSET and nothing else, in
 * every release) never has ALLOC_CMA, so free CMA pages do not count
 * there even for a movable request; the fast path's low check
 * (prepare_alloc_pages(): gfp_to_alloc_flags_cma(), 4.4's ALLOC_CMA for
 * MIGRATE_MOVABLE) and the slow path's min check do count them.
 * 1500 pages free, 500 of them CMA: low 1100 passes, high 1300 does
 * not (1000 usable). */
static void
test_hx2_high_without_cma(void **state)
{
	static const char fmt[] =
	    "x invoked oom-killer: gfp_mask=%s, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted %s #1\n"
	    "Mem-Info:\n"
	    "Node 0 Normal free:6000kB min:3600kB low:4400kB high:5200kB present:80000kB managed:80000kB free_cma:2000kB\n"
	    "lowmem_reserve[]: 0 0 0 0 0\n";
	static const struct {
		const char *mask, *release;
		int wm[ZT_NMARKS];
	} cases[] = {
		{ "0x100cca(GFP_HIGHUSER_MOVABLE)", "5.10.0-8-amd64", { 1, 1, 0 } },
		{ "0x24280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO)", "4.4.0-21-generic", { 1, 1, 0 } },
		{ "0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO)", "6.6.0-1-amd64",
		  { 1, 1, 0 } },
		/* not movable: CMA counts nowhere; 1000 usable passes min
		 * 900, not low 1100 or high 1300 */
		{ "0xcc0(GFP_KERNEL)", "5.10.0-8-amd64", { 1, 0, 0 } },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx2_judgef(&rs, &e, fmt, cases[i].mask, cases[i].release);
		const int *wm = ezone(&e, "Normal")->wm;
		if (memcmp(wm, cases[i].wm, sizeof cases[i].wm) != 0)
			fail_msg("%s on %s: %d %d %d", cases[i].mask, cases[i].release,
			    wm[0], wm[1], wm[2]);
		done(&rs, &e);
	}
}

/* A zone printed twice (a paste that repeats a block): its second,
 * shorter lowmem_reserve line is the one read, the first's entries past
 * it are not the zone's.  GFP_KERNEL|__GFP_DMA32: slot 1; DMA's 2000
 * pages pass min 100 with no reserve (1950 would fail). */
static void
test_hx2_zone_reserve_repeated(void **state)
{
	static const char text[] =
	    "x invoked oom-killer: gfp_mask=0xd4, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 3.10.0-123.el7.x86_64 #1\n"
	    "Mem-Info:\n"
	    "Node 0 DMA free:8000kB min:400kB low:500kB high:600kB present:15992kB managed:15360kB\n"
	    "lowmem_reserve[]: 0 1950 1950 1950\n"
	    "Node 0 DMA32 free:8000kB min:400kB low:500kB high:600kB present:900000kB managed:800000kB\n"
	    "lowmem_reserve[]: 0 0 0 0\n"
	    "Node 0 DMA free:8000kB min:400kB low:500kB high:600kB present:15992kB managed:15360kB\n"
	    "lowmem_reserve[]: 0\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(e.slot, 1);
	const struct ex_zone *z = hx2_zone(&e, 0, "DMA");
	assert_false(zt_have(z->reserve_kb));
	assert_int_equal(z->wm[ZT_MARK_MIN], 1);
	done(&rs, &e);
}

/* A Device zone line (show_free_areas() skips unpopulated zones, so no
 * kernel prints one; a hand-made paste may): the highest type, listed
 * first, above any request's highest zone. */
static void
test_hx2_zone_device(void **state)
{
	static const char text[] =
	    "x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.10.0-8-amd64 #1\n"
	    "Node 0 Normal free:8000kB min:400kB low:500kB high:600kB present:900000kB managed:800000kB\n"
	    "Node 0 Device free:4kB min:0kB low:0kB high:0kB present:4kB managed:4kB\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(e.nzones, 2);
	assert_string_equal(e.zones[0].name, "Device");
	assert_int_equal(e.zones[0].type, ZT_ZONE_DEVICE);
	assert_false(e.zones[0].applies);
	assert_string_equal(e.zones[1].name, "Normal");
	done(&rs, &e);
}

/* A reserve line shorter than the slot (or none) is no reserve at all:
 * 101 pages pass min 100 exactly.  And a buddy line of 16 orders, the
 * most kept, is read whole for an order-1 request: one free block of
 * order 15. */
static void
test_hx2_zone_edges(void **state)
{
	static const char fmt[] =
	    "x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=%d, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.10.0-8-amd64 #1\n"
	    "Node 0 DMA32 free:%s min:400kB low:500kB high:600kB present:900000kB managed:800000kB\n"
	    "%s%s";
	static const char b16[] =
	    "Node 0 DMA32: 0*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB "
	    "0*1024kB 0*2048kB 0*4096kB 0*8192kB 0*16384kB 0*32768kB 0*65536kB "
	    "1*131072kB = 131072kB\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	hx2_judgef(&rs, &e, fmt, 0, "404kB", "lowmem_reserve[]: 0\n", "");
	assert_int_equal(e.slot, 1);
	assert_int_equal(ezone(&e, "DMA32")->wm[ZT_MARK_MIN], 1);
	done(&rs, &e);
	hx2_judgef(&rs, &e, fmt, 0, "404kB", "", "");
	assert_int_equal(ezone(&e, "DMA32")->wm[ZT_MARK_MIN], 1);
	done(&rs, &e);
	hx2_judgef(&rs, &e, fmt, 1, "131072kB", "lowmem_reserve[]: 0 0 0 0 0\n", b16);
	assert_int_equal(ezone(&e, "DMA32")->norders, 16);
	assert_int_equal(ezone(&e, "DMA32")->wm[ZT_MARK_MIN], 1);
	done(&rs, &e);
}

/* ------------------------------------------------------------------ */
/* hx1 (issue #16): the victim arithmetic, ex_node_list .. ex_victim,
 * each rule at its edges */

/* A 5.10 report with three nodes (524288, 262144 and 131072 pages
 * present), 1024 pages of swap, 1000000 pages RAM and the summary line's
 * constraint and lists: totalpages. */
static int64_t
hx1_nodes_total(const char *con, const char *nodemask, const char *mems)
{
	static const char fmt[] =
	    "[ 7.1] t invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "[ 7.2] CPU: 0 PID: 5 Comm: t Not tainted 5.10.0-8-amd64 #1\n"
	    "[ 7.3] Mem-Info:\n"
	    "[ 7.4] Node 0 Normal free:1000kB min:100kB low:200kB high:300kB present:2097152kB managed:2000000kB\n"
	    "[ 7.5] lowmem_reserve[]: 0 0 0 0 0\n"
	    "[ 7.6] Node 1 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n"
	    "[ 7.7] lowmem_reserve[]: 0 0 0 0 0\n"
	    "[ 7.8] Node 2 Normal free:1000kB min:100kB low:200kB high:300kB present:524288kB managed:500000kB\n"
	    "[ 7.9] lowmem_reserve[]: 0 0 0 0 0\n"
	    "[ 8.0] Total swap = 4096kB\n"
	    "[ 8.1] 1000000 pages RAM\n"
	    "[ 8.2] oom-kill:constraint=%s,nodemask=%s,cpuset=/c,mems_allowed=%s,global_oom,task_memcg=/,task=t,pid=5,uid=0\n";
	char text[2048];
	struct oom_reports rs;
	struct explain e;

	snprintf(text, sizeof text, fmt, con, nodemask, mems);
	judge(text, &rs, &e);
	int64_t t = e.totalpages;
	done(&rs, &e);
	return t;
}

/* mems_allowed and nodemask as %*pbl prints them ("0-1,3"), and what is
 * not a node list (a number past the 256 nodes counted, a range
 * backwards, a stray byte) leaves RAM + swap. */
static void
test_hx1_node_lists(void **state)
{
	static const char cs[] = "CONSTRAINT_CPUSET";
	static const struct {
		const char *list;
		int64_t pages;		/* without the 1024 of swap */
	} cases[] = {
		{ "0-1", 786432 }, { "0-2", 917504 }, { "1-2", 393216 },
		{ "0,2", 655360 }, { "2,0-1", 917504 }, { "1-1", 262144 },
		{ "2", 131072 }, { "0-1,2", 917504 }, { "255", 1000000 },
		{ "2-1", 1000000 }, { "256", 1000000 }, { "0-256", 1000000 },
		{ "-1", 1000000 }, { "0--1", 1000000 }, { "1,300", 1000000 },
		{ "1,-1", 1000000 }, { "0-x", 1000000 }, { "0;1", 1000000 },
		{ "1-2x", 1000000 }, { "(null)", 1000000 }, { "x", 1000000 },
		{ "0-1,2-0", 1000000 }, { "0 1", 1000000 }, { "0-1 2", 1000000 },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		int64_t t = hx1_nodes_total(cs, "(null)", cases[i].list);
		if (t != cases[i].pages + 1024)
			fail_msg("mems_allowed=%s: %lld", cases[i].list, (long long)t);
	}
	/* a mempolicy OOM counts its nodemask, not the cpuset's nodes */
	assert_int_equal(hx1_nodes_total("CONSTRAINT_MEMORY_POLICY", "1-2", "0"),
	    393216 + 1024);
	assert_int_equal(hx1_nodes_total("CONSTRAINT_MEMORY_POLICY", "(null)", "0"),
	    1000000 + 1024);
}

/* The allowed nodes' pages need every zone's node and present pages; a
 * node of none of them (present 0) is not a denominator; without the
 * swap line the nodes' pages alone. */
static void
test_hx1_nodes_pages(void **state)
{
	static const char head[] =
	    "[ 7.1] t invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "[ 7.2] CPU: 0 PID: 5 Comm: t Not tainted 5.10.0-8-amd64 #1\n"
	    "[ 7.3] Mem-Info:\n"
	    "[ 7.4] Node 0 Normal free:1000kB min:100kB low:200kB high:300kB present:2097152kB managed:2000000kB\n"
	    "[ 7.5] lowmem_reserve[]: 0 0 0 0 0\n";
	static const char tail[] =
	    "[ 8.1] 1000000 pages RAM\n"
	    "[ 8.2] oom-kill:constraint=CONSTRAINT_CPUSET,nodemask=(null),cpuset=/c,mems_allowed=%s,global_oom,task_memcg=/,task=t,pid=5,uid=0\n";
	static const struct {
		const char *zone, *swap, *mems;
		int64_t total;
		const char *basis;
	} cases[] = {
		/* node 1 without its present pages */
		{ "[ 7.6] Node 1 Normal free:1000kB min:100kB low:200kB high:300kB managed:1000000kB\n",
		  "[ 8.0] Total swap = 4096kB\n", "0", 1001024, "RAM" },
		/* node 1 present but empty */
		{ "[ 7.6] Node 1 Normal free:0kB min:0kB low:0kB high:0kB present:0kB managed:0kB\n",
		  "[ 8.0] Total swap = 4096kB\n", "1", 1001024, "RAM" },
		{ "[ 7.6] Node 1 Normal free:0kB min:0kB low:0kB high:0kB present:0kB managed:0kB\n",
		  "[ 8.0] Total swap = 4096kB\n", "0-1", 524288 + 1024, "nodes" },
		/* no swap line: the nodes' pages alone */
		{ "[ 7.6] Node 1 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n",
		  "", "1", 262144, "nodes" },
		{ "[ 7.6] Node 1 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n",
		  "", "3", 1000000, "RAM" },
		/* a damaged swap size adds nothing, nor takes away */
		{ "[ 7.6] Node 1 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n",
		  "[ 8.0] Total swap = -4kB\n", "1", 262144, "nodes" },
		/* one page is pages */
		{ "[ 7.6] Node 1 Normal free:0kB min:0kB low:0kB high:0kB present:4kB managed:4kB\n",
		  "", "1", 1, "nodes" },
		/* a zone line without its node (i386's, 2.6's) */
		{ "[ 7.6] HighMem free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n",
		  "", "0", 1000000, "RAM" },
		/* the last node counted, and one past it */
		{ "[ 7.6] Node 255 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n",
		  "", "255", 262144, "nodes" },
		{ "[ 7.6] Node 255 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n",
		  "", "0,255", 786432, "nodes" },
		{ "[ 7.6] Node 256 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n",
		  "", "0", 1000000, "RAM" },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[2048], t2[512];
		struct oom_reports rs;
		struct explain e;
		snprintf(t2, sizeof t2, tail, cases[i].mems);
		snprintf(text, sizeof text, "%s%s%s%s", head, cases[i].zone,
		    cases[i].swap, t2);
		judge(text, &rs, &e);
		if (e.totalpages != cases[i].total ||
		    strstr(e.totalpages_basis, cases[i].basis) == NULL)
			fail_msg("case %zu: %lld, %s", i, (long long)e.totalpages,
			    e.totalpages_basis);
		done(&rs, &e);
	}
}

/* A global OOM's RAM is totalram_pages, "pages RAM" less "pages
 * reserved"; without them the zones' managed pages; none or 0: unknown. */
static void
test_hx1_ram(void **state)
{
	static const char head[] =
	    "[ 7.1] t invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "[ 7.2] CPU: 0 PID: 5 Comm: t Not tainted 5.10.0-8-amd64 #1\n"
	    "[ 7.3] Mem-Info:\n";
	static const char zones[] =
	    "[ 7.4] Node 0 DMA32 free:1000kB min:100kB low:200kB high:300kB present:2097152kB managed:2000000kB\n"
	    "[ 7.5] lowmem_reserve[]: 0 0 0 0 0\n"
	    "[ 7.6] Node 0 Normal free:1000kB min:100kB low:200kB high:300kB present:1048576kB managed:1000000kB\n"
	    "[ 7.7] lowmem_reserve[]: 0 0 0 0 0\n";
	static const struct {
		const char *body;
		int64_t total;
	} cases[] = {
		{ "[ 8.0] Total swap = 4096kB\n[ 8.1] 1000000 pages RAM\n"
		  "[ 8.2] 20000 pages reserved\n", 980000 + 1024 },
		{ "[ 8.0] Total swap = 4096kB\n[ 8.1] 1000000 pages RAM\n", 1001024 },
		{ "[ 8.1] 1000000 pages RAM\n[ 8.2] 20000 pages reserved\n", 980000 },
		/* the zones' managed pages: 500000 + 250000 */
		{ "[ 8.0] Total swap = 4096kB\n", 750000 + 1024 },
		{ "", 750000 },
		{ "[ 8.0] Total swap = 4096kB\n[ 8.1] 0 pages RAM\n", ZT_NA },
		{ "[ 8.0] Total swap = 4096kB\n[ 8.1] 1 pages RAM\n", 1 + 1024 },
		/* a damaged swap size adds nothing */
		{ "[ 8.0] Total swap = -4kB\n[ 8.1] 1000000 pages RAM\n", 1000000 },
		{ "[ 8.0] Total swap = 4096kB\n[ 8.1] 1000 pages RAM\n"
		  "[ 8.2] 1000 pages reserved\n", ZT_NA },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[2048];
		struct oom_reports rs;
		struct explain e;
		snprintf(text, sizeof text, "%s%s%s", head, zones, cases[i].body);
		judge(text, &rs, &e);
		if (e.totalpages != cases[i].total)
			fail_msg("case %zu: %lld", i, (long long)e.totalpages);
		assert_string_equal(e.totalpages_basis,
		    zt_have(cases[i].total) ? "RAM + swap" : "unknown");
		done(&rs, &e);
	}
	/* no zone, no RAM line: unknown */
	struct oom_reports rs;
	struct explain e;
	judge(head, &rs, &e);
	assert_false(zt_have(e.totalpages));
	done(&rs, &e);
}

/* mem_cgroup_get_max(), 4.4's memcg report (holdout 048's form) with
 * the memory+swap line or 5.x's swap: line: the limit, the swap the
 * cgroup may use, and the machine's swap when printed. */
static int64_t
hx1_memcg_total(const char *lines, const char **basis)
{
	static const char fmt[] =
	    "[ 3.1] t invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 3.2] CPU: 0 PID: 5 Comm: t Not tainted 4.4.0-130-generic #156\n"
	    "[ 3.3] Task in /docker/x killed as a result of limit of /docker/x\n"
	    "%s"
	    "[ 3.6] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name\n"
	    "[ 3.7] [    5]  1000     5    74852     4784      32       5        0             0 t\n"
	    "[ 3.8] Memory cgroup out of memory: Kill process 5 (t) score 900 or sacrifice child\n";
	char text[2048];
	struct oom_reports rs;
	struct explain e;

	snprintf(text, sizeof text, fmt, lines);
	judge(text, &rs, &e);
	int64_t t = e.totalpages;
	*basis = e.totalpages_basis;	/* a string literal */
	done(&rs, &e);
	return t;
}

static const char hx1_allow[] =
    "memcg limit + its swap allowance (if the machine has that much swap)";
static const char hx1_unknown[] =
    "unknown: memcg limit + the machine's swap, which is not printed (its "
    "tasks use some)";

static void
test_hx1_memcg_totalpages(void **state)
{
	static const struct {
		const char *lines;
		int64_t total;
		const char *basis;
	} cases[] = {
		/* memsw = the limit: no swap allowed */
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] memory+swap: usage 1048576kB, limit 1048576kB, failcnt 0\n",
		  262144, "memcg limit" },
		/* memsw below the limit (a paste's figures) */
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] memory+swap: usage 1048576kB, limit 4096kB, failcnt 0\n",
		  262144, "memcg limit" },
		/* an allowance of one page */
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] memory+swap: usage 1048576kB, limit 1048580kB, failcnt 0\n",
		  262145, hx1_allow },
		/* v2: swap.max 0, then 256M */
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] swap: usage 0kB, limit 0kB, failcnt 0\n",
		  262144, "memcg limit" },
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] swap: usage 0kB, limit 262144kB, failcnt 0\n",
		  262144 + 65536, hx1_allow },
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] swap: usage 0kB, limit 4kB, failcnt 0\n",
		  262145, hx1_allow },
		/* the machine's swap printed: the smaller of the two */
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] swap: usage 0kB, limit 262144kB, failcnt 0\n"
		  "[ 3.5] Total swap = 8192kB\n",
		  262144 + 2048, "memcg limit + swap it may use" },
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] swap: usage 0kB, limit 8192kB, failcnt 0\n"
		  "[ 3.5] Total swap = 262144kB\n",
		  262144 + 2048, "memcg limit + swap it may use" },
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n"
		  "[ 3.5] Total swap = 262144kB\n",
		  262144 + 65536, "memcg limit + swap it may use" },
		/* the machine's RAM printed too: still the cgroup's */
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n"
		  "[ 3.5] Total swap = 262144kB\n"
		  "[ 3.5] 1000000 pages RAM\n",
		  262144 + 65536, "memcg limit + swap it may use" },
		/* unlimited, and no swap in use: the limit */
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n",
		  51200, "memcg limit (the machine's swap not printed)" },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 204800kB, limit 9007199254740988kB, failcnt 0\n",
		  51200, "memcg limit (the machine's swap not printed)" },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 204800kB, limit 9007199254740988kB, failcnt 0\n"
		  "[ 3.5] swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n",
		  51200, "memcg limit (the machine's swap not printed)" },
		/* unlimited, and the cgroup's swap in use: unknown */
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 204804kB, limit 9007199254740988kB, failcnt 0\n",
		  ZT_NA, hx1_unknown },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] swap: usage 4kB, limit 9007199254740988kB, failcnt 0\n",
		  ZT_NA, hx1_unknown },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] swap: usage 1kB, limit 9007199254740988kB, failcnt 0\n",
		  ZT_NA, hx1_unknown },
		/* either usage line is evidence */
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n"
		  "[ 3.5] memory+swap: usage 204804kB, limit 9007199254740988kB, failcnt 0\n",
		  ZT_NA, hx1_unknown },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] swap: usage 4kB, limit 9007199254740988kB, failcnt 0\n"
		  "[ 3.5] memory+swap: usage 204800kB, limit 9007199254740988kB, failcnt 0\n",
		  ZT_NA, hx1_unknown },
		/* a machine without swap: none to use */
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] swap: usage 0kB, limit 262144kB, failcnt 0\n"
		  "[ 3.5] Total swap = 0kB\n",
		  262144, "memcg limit + swap it may use" },
		/* a damaged machine's swap size is none */
		{ "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
		  "[ 3.5] swap: usage 0kB, limit 4kB, failcnt 0\n"
		  "[ 3.5] Total swap = -4kB\n",
		  262145, hx1_allow },
		/* no swap accounting (no memory+swap line): the limit */
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n",
		  51200, "memcg limit" },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 300000kB, limit 9007199254740988kB, failcnt 0\n",
		  ZT_NA, hx1_unknown },
		/* 2^40 kB of allowance is taken as unlimited; 4 kB less is not */
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] swap: usage 0kB, limit 1099511627776kB, failcnt 0\n",
		  51200, "memcg limit (the machine's swap not printed)" },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] swap: usage 0kB, limit 1099511627772kB, failcnt 0\n",
		  51200 + 274877906943, hx1_allow },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 1099511832576kB, failcnt 0\n",
		  51200, "memcg limit (the machine's swap not printed)" },
		{ "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 1099511832572kB, failcnt 0\n",
		  51200 + 274877906943, hx1_allow },
		/* a limit of one page, then less than a page: the kernel's
		 * mem_cgroup_get_max() ?: 1 (memory.max = 0), not RAM */
		{ "[ 3.4] memory: usage 4kB, limit 4kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 4kB, limit 4kB, failcnt 0\n",
		  1, "memcg limit" },
		{ "[ 3.4] memory: usage 0kB, limit 3kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 3kB, failcnt 0\n",
		  1, "memcg limit below a page (the kernel takes 1)" },
		{ "[ 3.4] memory: usage 0kB, limit 0kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 0kB, failcnt 0\n",
		  1, "memcg limit below a page (the kernel takes 1)" },
		{ "[ 3.4] memory: usage 0kB, limit 0kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 0kB, failcnt 0\n"
		  "[ 3.5] 262144 pages RAM\n",
		  1, "memcg limit below a page (the kernel takes 1)" },
		{ "[ 3.4] memory: usage 0kB, limit 0kB, failcnt 4563\n"
		  "[ 3.5] swap: usage 0kB, limit 8kB, failcnt 0\n"
		  "[ 3.5] Total swap = 1048576kB\n",
		  2, "memcg limit + swap it may use" },
		/* a negative limit (a damaged paste) is no denominator */
		{ "[ 3.4] memory: usage 0kB, limit -4kB, failcnt 4563\n"
		  "[ 3.5] memory+swap: usage 0kB, limit 0kB, failcnt 0\n",
		  ZT_NA, "unknown" },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		const char *basis;
		int64_t t = hx1_memcg_total(cases[i].lines, &basis);
		if (t != cases[i].total || strcmp(basis, cases[i].basis) != 0)
			fail_msg("case %zu: %lld, %s", i, (long long)t, basis);
	}
	/* the first task's swap alone is evidence too */
	static const char first[] =
	    "[ 3.1] t invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 3.2] CPU: 0 PID: 5 Comm: t Not tainted 4.4.0-130-generic #156\n"
	    "[ 3.3] Task in /docker/x killed as a result of limit of /docker/x\n"
	    "[ 3.4] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
	    "[ 3.5] memory+swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n"
	    "[ 3.6] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name\n"
	    "[ 3.7] [    5]  1000     5    74852     4784      32       5        1             0 t\n"
	    "[ 3.7] [    6]  1000     6    74852     4784      32       5        0             0 u\n"
	    "[ 3.8] Memory cgroup out of memory: Kill process 5 (t) score 900 or sacrifice child\n";
	struct oom_reports rs;
	struct explain e;
	judge(first, &rs, &e);
	assert_false(zt_have(e.totalpages));
	assert_string_equal(e.totalpages_basis, hx1_unknown);
	done(&rs, &e);
}

/* A report of release rel: the header, its CPU: line, Mem-Info's mem
 * lines, a task table of the columns cols between total_vm and name and the
 * rows given, then tail; explained. */
static void
hx1_judge(const char *rel, const char *mem, const char *cols, const char *rows,
    const char *tail, struct oom_reports *rs, struct explain *e)
{
	char text[4096];

	snprintf(text, sizeof text,
	    "[ 9.1] t invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n"
	    "[ 9.2] CPU: 0 PID: 5 Comm: t Not tainted %s #1\n"
	    "[ 9.3] Mem-Info:\n%s"
	    "[ 9.6] [ pid ]   uid  tgid total_vm %s name\n%s%s",
	    rel, mem, cols, rows, tail);
	judge(text, rs, e);
}

/* 262144 pages of RAM, no swap: totalpages / 1000 = 262 */
static const char hx1_mem[] =
    "[ 9.4] Total swap = 0kB\n"
    "[ 9.5] 262144 pages RAM\n";

/* The root bonus of oom_badness(): 30 off oom_score_adj (scaled) before
 * 3.14, 3% of the points from 3.14 ("mm, oom: base root bonus on current
 * usage"), none from 4.17 ("mm, oom: remove 3% bonus for CAP_SYS_ADMIN
 * processes"); oom_score_adj counts totalpages / 1000 pages a unit. */
static void
test_hx1_root_bonus(void **state)
{
	static const char rows[] =
	    "[ 9.7] [   10]     0    10   200000   100000        2        0             0 root\n"
	    "[ 9.7] [   11]  1000    11   200000   100000        2        0             0 user\n"
	    "[ 9.7] [   12]     0    12   200000    50000        2        0           100 radj\n";
	static const struct {
		const char *rel;
		int64_t root, radj;
	} cases[] = {
		{ "3.13.11-generic", 100002 - 30 * 262, 50002 + 70 * 262 },
		/* the lowest release there is: known, and before 3.14 */
		{ "0.0.0", 100002 - 30 * 262, 50002 + 70 * 262 },
		{ "3.14.0-1-amd64", 100002 - 3000, 50002 - 1500 + 100 * 262 },
		{ "4.16.18-1-amd64", 100002 - 3000, 50002 - 1500 + 100 * 262 },
		{ "4.17.0-1-amd64", 100002, 50002 + 100 * 262 },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx1_judge(cases[i].rel, hx1_mem, "rss nr_ptes swapents oom_score_adj",
		    rows, "", &rs, &e);
		assert_int_equal(e.badness_model, EX_BADNESS_PAGES);
		assert_int_equal(e.totalpages, 262144);
		if (etask(&e, 10)->points != cases[i].root ||
		    etask(&e, 12)->points != cases[i].radj ||
		    etask(&e, 11)->points != 100002)
			fail_msg("%s: %lld %lld %lld", cases[i].rel,
			    (long long)etask(&e, 10)->points,
			    (long long)etask(&e, 11)->points,
			    (long long)etask(&e, 12)->points);
		assert_int_equal(etask(&e, 10)->mem_points, 100002);
		assert_int_equal(etask(&e, 12)->mem_points, 50002);
		done(&rs, &e);
	}
}

/* The kill line's score (points * 1000 / totalpages, 4.x) tells whether
 * the chosen root task had CAP_SYS_ADMIN: 381 is 100002 pages without
 * the 3.14 .. 4.16 bonus, 370 with it; without it no root task gets it. */
static void
test_hx1_root_bonus_seen(void **state)
{
	static const char rows[] =
	    "[ 9.7] [   10]     0    10   200000   100000        2        0             0 root\n"
	    "[ 9.7] [   11]     0    11   200000    90000        2        0             0 other\n"
	    "[ 9.7] [   12]  1000    12   200000   100000        2        0             0 user\n";
	static const struct {
		const char *kill;
		int64_t other;
	} cases[] = {
		/* the score without the bonus: a container without it */
		{ "[ 9.8] Out of memory: Kill process 10 (root) score 381 or sacrifice child\n",
		  90002 },
		{ "[ 9.8] Out of memory: Kill process 10 (root) score 370 or sacrifice child\n",
		  90002 - 2700 },
		/* a score neither: the bonus stays */
		{ "[ 9.8] Out of memory: Kill process 10 (root) score 300 or sacrifice child\n",
		  90002 - 2700 },
		/* a user's task chosen: says nothing of root's (it would, as
		 * uid 0, score 370 with the bonus and 381 without) */
		{ "[ 9.8] Out of memory: Kill process 12 (user) score 381 or sacrifice child\n",
		  90002 - 2700 },
		/* a pid not in the table */
		{ "[ 9.8] Out of memory: Kill process 13 (gone) score 381 or sacrifice child\n",
		  90002 - 2700 },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx1_judge("4.4.0-21-generic", hx1_mem, "rss nr_ptes swapents oom_score_adj",
		    rows, cases[i].kill, &rs, &e);
		if (etask(&e, 11)->points != cases[i].other)
			fail_msg("case %zu: %lld", i, (long long)etask(&e, 11)->points);
		done(&rs, &e);
	}
	/* 4.17+ has no bonus to find: the same score changes nothing */
	struct oom_reports rs;
	struct explain e;
	hx1_judge("4.17.0-1-amd64", hx1_mem, "rss nr_ptes swapents oom_score_adj", rows,
	    cases[0].kill, &rs, &e);
	assert_int_equal(etask(&e, 11)->points, 90002);
	done(&rs, &e);
	/* nor does a 2.6.36 table (its score is the badness itself) */
	hx1_judge("3.2.0-4-amd64", hx1_mem, "rss cpu oom_adj oom_score_adj",
	    "[ 9.7] [   10]     0    10   200000   100000   0       0             0 root\n"
	    "[ 9.7] [   11]     0    11   200000    90000   0       0             0 other\n",
	    "[ 9.8] Out of memory: Kill process 10 (root) score 381 or sacrifice child\n",
	    &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_2636);
	assert_int_equal(etask(&e, 11)->points, 343 - 30);
	done(&rs, &e);
	/* a table without oom_score_adj: 0 counted */
	hx1_judge("4.4.0-21-generic", hx1_mem, "     rss nr_ptes swapents",
	    "[ 9.7] [   10]     0    10   200000   100000        2        0 root\n"
	    "[ 9.7] [   11]     0    11   200000    90000        2        0 other\n",
	    cases[0].kill, &rs, &e);
	assert_int_equal(etask(&e, 10)->points, 100002);
	assert_int_equal(etask(&e, 11)->points, 90002);
	assert_true(etask(&e, 11)->eligible);
	done(&rs, &e);
	/* a cgroup of one page: 100 pages score 100000 without the bonus,
	 * 97000 with */
	static const char page[] =
	    "[ 3.1] t invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 3.2] CPU: 0 PID: 5 Comm: t Not tainted 4.4.0-130-generic #156\n"
	    "[ 3.3] Task in /docker/x killed as a result of limit of /docker/x\n"
	    "[ 3.4] memory: usage 4kB, limit 4kB, failcnt 4563\n"
	    "[ 3.6] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name\n"
	    "[ 3.7] [   10]     0    10    74852      100       0       0        0             0 root\n"
	    "[ 3.7] [   11]     0    11    74852      200       0       0        0             0 other\n"
	    "[ 3.7] [   12]  1000    12    74852        1       0       0        0             0 one\n"
	    "[ 3.8] Memory cgroup out of memory: Kill process 10 (root) score 100000 or sacrifice child\n";
	judge(page, &rs, &e);
	assert_int_equal(e.totalpages, 1);
	assert_int_equal(etask(&e, 11)->points, 200);
	assert_int_equal(etask(&e, 12)->score, 1000);	/* a page of one */
	done(&rs, &e);
}

/* A kernel no release or format dates (a 5.4+ kill line after a pre-5.1
 * choice): no root bonus of either kind. */
static void
test_hx1_unknown_kernel(void **state)
{
	static const char text[] =
	    "[ 9.1] t invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n"
	    "[ 9.3] Mem-Info:\n"
	    "[ 9.4] Total swap = 0kB\n"
	    "[ 9.5] 262144 pages RAM\n"
	    "[ 9.6] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[ 9.7] [     10]     0    10   200000   100000     8192        0           100 root\n"
	    "[ 9.8] Out of memory: Kill process 10 (root) score 481 or sacrifice child\n"
	    "[ 9.9] Out of memory: Killed process 10 (root) total-vm:800000kB, anon-rss:400000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:8kB oom_score_adj:100\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(e.kv, -1);
	assert_int_equal(e.totalpages, 262144);
	assert_int_equal(etask(&e, 10)->points, 100002 + 100 * 262);
	done(&rs, &e);
}

/* Below 1 only from 5.9 and in 5.4.y from 5.4.214 (not 5.5 .. 5.8):
 * 1002 pages with oom_score_adj -900 is 1002 - 900 * 262. */
static void
test_hx1_badness_signed(void **state)
{
	static const char rows[] =
	    "[ 9.7] [   10]  1000    10     5000     1000     8192        0          -900 low\n"
	    "[ 9.7] [   11]  1000    11     5000        0        0        0             0 none\n";
	static const struct {
		const char *rel;
		bool negative;
	} cases[] = {
		{ "5.4.0-26-generic", false }, { "5.4.213-1", false },
		{ "5.4.214-1", true }, { "5.4.300", true }, { "5.5.0-1-amd64", false },
		{ "5.5.19-1", false }, { "5.8.18-1-amd64", false },
		{ "5.9.0-1-amd64", true }, { "6.1.0-9-amd64", true },
		{ "4.19.0-16-amd64", false }, { "5.1.21-1", false },
		{ "5.2.0-1-amd64", false },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx1_judge(cases[i].rel, hx1_mem, "rss pgtables_bytes swapents oom_score_adj",
		    rows, "", &rs, &e);
		int64_t p = etask(&e, 10)->points, z = etask(&e, 11)->points;
		if (p != (cases[i].negative ? 1002 - 900 * 262 : 1) ||
		    z != (cases[i].negative ? 0 : 1))
			fail_msg("%s: points %lld, %lld", cases[i].rel, (long long)p,
			    (long long)z);
		/* the score of none or less is 0 */
		assert_int_equal(etask(&e, 10)->score, 0);
		assert_int_equal(etask(&e, 11)->score, 0);
		/* both eligible, the 0 ahead of the negative; 1 and 1 are a
		 * tie that 5.2+ gives the last scanned */
		bool last = strncmp(cases[i].rel, "4.", 2) != 0 &&
		    strncmp(cases[i].rel, "5.1.", 4) != 0;
		assert_int_equal(e.ties_last, last);
		assert_int_equal(etask(&e, 10)->rank, cases[i].negative || last ? 2 : 1);
		done(&rs, &e);
	}
}

/* Points and scores at the int64 edges a damaged table gives: the
 * bonus only where 3 * points fits, oom_score_adj past any range
 * saturating, the score from points / totalpages when * 1000 would
 * overflow. */
static void
test_hx1_badness_edges(void **state)
{
	static const char rows[] =
	    "[ 9.7] [    8]     0     8   200000 3074457345618258602   0   0     0 third\n"
	    "[ 9.7] [    9]     0     9   200000 3074457345618258603   0   0     0 past\n"
	    "[ 9.7] [   10]     0    10   200000 2500000000000000000   0   0     0 big\n"
	    "[ 9.7] [   11]     0    11   200000 4000000000000000000   0   0     0 huge\n"
	    "[ 9.7] [   12]  1000    12   200000      100   0   0  9000000000000000000 up\n"
	    "[ 9.7] [   13]  1000    13   200000      100   0   0 -9000000000000000000 down\n"
	    "[ 9.7] [   14]     0    14   200000        0   0   0     0 zero\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	hx1_judge("4.4.0-21-generic", hx1_mem, "rss nr_ptes swapents oom_score_adj",
	    rows, "", &rs, &e);
	assert_int_equal(etask(&e, 10)->points, 2500000000000000000 - 75000000000000000);
	/* INT64_MAX / 3: the largest points whose * 3 fits */
	assert_int_equal(etask(&e, 8)->points,
	    3074457345618258602 - 3074457345618258602 * 3 / 100);
	assert_int_equal(etask(&e, 9)->points, 3074457345618258603);
	assert_int_equal(etask(&e, 11)->points, 4000000000000000000);
	assert_int_equal(etask(&e, 11)->score, 4000000000000000000 / 262144 * 1000);
	assert_int_equal(etask(&e, 12)->points, INT64_MAX);
	assert_int_equal(etask(&e, 12)->rank, 1);
	assert_int_equal(etask(&e, 13)->points, 1);
	assert_int_equal(etask(&e, 14)->points, 1);
	done(&rs, &e);
	hx1_judge("5.10.0-8-amd64", hx1_mem, "rss nr_ptes swapents oom_score_adj",
	    rows, "", &rs, &e);
	assert_int_equal(etask(&e, 10)->points, 2500000000000000000);
	assert_int_equal(etask(&e, 13)->points, INT64_MIN + 1 + 100);
	assert_int_equal(etask(&e, 13)->rank, 7);
	assert_int_equal(etask(&e, 14)->points, 0);
	done(&rs, &e);
	/* totalpages / 1000 pages an oom_score_adj unit, rounded down */
	hx1_judge("5.10.0-8-amd64", "[ 9.4] Total swap = 0kB\n[ 9.5] 999999 pages RAM\n",
	    "     rss nr_ptes swapents oom_score_adj",
	    "[ 9.7] [   12]  1000    12   200000      100   0   0   500 up\n"
	    "[ 9.7] [   13]  1000    13   200000  1000000   0   0  -500 down\n",
	    "", &rs, &e);
	assert_int_equal(etask(&e, 12)->points, 100 + 500 * 999);
	assert_int_equal(etask(&e, 13)->points, 1000000 - 500 * 999);
	done(&rs, &e);
	/* no totalpages: oom_score_adj cannot be scaled, the points are
	 * the pages, and no score */
	hx1_judge("5.10.0-8-amd64", "", "rss nr_ptes swapents oom_score_adj",
	    "[ 9.7] [   12]  1000    12   200000      100   3   7   500 up\n",
	    "", &rs, &e);
	assert_false(zt_have(e.totalpages));
	assert_int_equal(etask(&e, 12)->points, 110);
	assert_false(zt_have(etask(&e, 12)->score));
	done(&rs, &e);
}

/* 2.6.36 .. 3.9 (RHEL 6 too): oom_badness() scaled to 0..1000, 30 off
 * for root, oom_score_adj added, at least 1, at most 1000; the score is
 * the points.  totalpages 262144. */
static void
test_hx1_badness_2636_edges(void **state)
{
	static const char rows[] =
	    "[ 9.7] [   20]  1000    20   200000        0   0       0             0 none\n"
	    "[ 9.7] [   21]     0    21   200000     7000   0       0             0 rootsmall\n"
	    "[ 9.7] [   22]  1000    22   200000   200000   0       0           500 over\n"
	    "[ 9.7] [   23]  1000    23   200000   262144   0       0             0 all\n"
	    "[ 9.7] [   24]  1000    24   200000   261882   0       0             0 most\n"
	    "[ 9.7] [   25]  1000    25   200000 100000000000000000   0   0    -500 damaged\n"
	    "[ 9.7] [   26]  1000    26   200000      100   0     -17         -1000 off\n"
	    "[ 9.7] [   27]     0    27   200000   100000   0       0             0 root\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	hx1_judge("3.2.0-4-amd64", hx1_mem, "rss cpu oom_adj oom_score_adj", rows,
	    "", &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_2636);
	static const struct { int pid; int64_t points; int rank; } want[] = {
		{ 20, 1, 6 }, { 21, 1, 7 }, { 22, 1000, 1 }, { 23, 1000, 2 },
		{ 24, 999, 3 }, { 25, 500, 4 }, { 26, 1, 0 }, { 27, 351, 5 },
	};
	for (size_t i = 0; i < ZT_ARRAY_LEN(want); i++) {
		const struct ex_task *t = etask(&e, want[i].pid);
		if (t->points != want[i].points || t->score != want[i].points ||
		    t->rank != want[i].rank)
			fail_msg("pid %d: points %lld, score %lld, rank %d", want[i].pid,
			    (long long)t->points, (long long)t->score, t->rank);
	}
	assert_false(etask(&e, 26)->eligible);
	assert_int_equal(etask(&e, 27)->mem_points, 100000);
	done(&rs, &e);

	/* a cgroup of one page: every page is 1000 */
	judge("[ 3.1] t invoked oom-killer: gfp_mask=0xd0, order=0, oom_adj=0, oom_score_adj=0\n"
	    "[ 3.2] Pid: 5, comm: t Not tainted 2.6.32-431.el6.x86_64 #1\n"
	    "[ 3.3] Task in /x killed as a result of limit of /x\n"
	    "[ 3.4] memory: usage 4kB, limit 4kB, failcnt 4563\n"
	    "[ 3.6] [ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name\n"
	    "[ 3.7] [   10]     0    10    74852        1   0       0             0 root\n"
	    "[ 3.7] [   11]  1000    11    74852        0   0       0             0 none\n"
	    "[ 3.8] Memory cgroup out of memory: Kill process 10 (root) score 970 or sacrifice child\n",
	    &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_2636);
	assert_int_equal(e.totalpages, 1);
	assert_int_equal(etask(&e, 10)->points, 970);
	assert_int_equal(etask(&e, 11)->points, 1);
	done(&rs, &e);
	/* no totalpages: the pages, and no score */
	hx1_judge("3.2.0-4-amd64", "", "rss cpu oom_adj oom_score_adj", rows, "",
	    &rs, &e);
	assert_int_equal(etask(&e, 27)->points, 100000);
	assert_false(zt_have(etask(&e, 27)->score));
	done(&rs, &e);
}

/* The pages a task holds: rss (or its parts, 6.x's rss_anon, rss_file,
 * rss_shmem), swap entries and page tables (bytes from 4.15, nr_ptes
 * and 4.0's nr_pmds before); 1024 pages of page tables. */
static void
test_hx1_mem_points(void **state)
{
	static const struct {
		const char *cols, *row;
		int64_t points, rss_kb, pt_kb;
	} cases[] = {
		{ "     rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000     5000     1000      200       30  4194304        7             0 a\n",
		  5000 + 1024 + 7, 20000, 4096 },
		{ "rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000     1000      200       30  4194304        7             0 a\n",
		  1230 + 1024 + 7, 4920, 4096 },
		{ "rss_anon rss_shmem pgtables_bytes swapents oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000     1000       30  4194304        7             0 a\n",
		  1030 + 1024 + 7, 4120, 4096 },
		{ "rss_anon rss_file pgtables_bytes swapents oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000     1000      200  4194304        7             0 a\n",
		  1200 + 1024 + 7, 4800, 4096 },
		{ "     rss nr_ptes nr_pmds swapents oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000     1000     1000       24        7             0 a\n",
		  1000 + 1024 + 7, 4000, 4096 },
		{ "     rss nr_ptes swapents oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000     1000     1024        7             0 a\n",
		  1000 + 1024 + 7, 4000, 4096 },
		{ "     rss swapents oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000     1000        7             0 a\n",
		  1000 + 7, 4000, ZT_NA },
		{ "     rss pgtables_bytes oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000     1000  4194304             0 a\n",
		  1000 + 1024, 4000, 4096 },
		{ "pgtables_bytes swapents oom_score_adj",
		  "[ 9.7] [   30]  1000    30    50000  4194304        7             0 a\n",
		  1024 + 7, ZT_NA, 4096 },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		hx1_judge("5.10.0-8-amd64", hx1_mem, cases[i].cols, cases[i].row, "",
		    &rs, &e);
		const struct ex_task *t = etask(&e, 30);
		if (t->mem_points != cases[i].points || t->points != cases[i].points ||
		    t->rss_kb != cases[i].rss_kb || t->pgtables_kb != cases[i].pt_kb ||
		    t->swap_kb != (strstr(cases[i].cols, "swapents") ? 28 : ZT_NA))
			fail_msg("case %zu: %lld %lld %lld %lld %lld", i,
			    (long long)t->mem_points, (long long)t->points,
			    (long long)t->rss_kb, (long long)t->pgtables_kb,
			    (long long)t->swap_kb);
		assert_int_equal(t->score, cases[i].points * 1000 / 262144);
		assert_int_equal(t->uid, 1000);
		assert_int_equal(t->adj, 0);
		assert_string_equal(t->comm, "a");
		done(&rs, &e);
	}
}

/* 2.6.32's badness() (a table with oom_adj and no oom_score_adj or
 * swapents): total_vm shifted left by a positive oom_adj (up to 15),
 * right by a negative one (down to -16); -17 is OOM_DISABLE. */
static void
test_hx1_legacy(void **state)
{
	static const char rows[] =
	    "[ 9.7] [   40]  1000    40     1000      100   0       0 zero\n"
	    "[ 9.7] [   41]  1000    41     1000      100   0       3 three\n"
	    "[ 9.7] [   42]  1000    42     1000      100   0      15 max\n"
	    "[ 9.7] [   43]  1000    43     1000      100   0      16 past\n"
	    "[ 9.7] [   44]  1000    44     1024      100   0      -3 minus\n"
	    "[ 9.7] [   45]  1000    45    65536      100   0     -16 min\n"
	    "[ 9.7] [   46]  1000    46    65536      100   0     -17 off\n"
	    "[ 9.7] [   47]  1000    47 200000000000000   100   0   5 vast\n"
	    "[ 9.7] [   48]  1000    48 100000000000000   100   0  15 wide\n"
	    "[ 9.7] [   49]  1000    49        0      100   0       0 novm\n"
	    "[ 9.7] [   50]  1000    50     1000      100   0       1 one\n"
	    "[ 9.7] [   51]  1000    51    -1000      100   0       0 damaged\n"
	    "[ 9.7] [   52]  1000    52        1      100   0       0 page\n"
	    "[ 9.7] [   53]  1000    53 140737488355327  100   0   1 edge\n";
	static const struct { int pid; int64_t points; } want[] = {
		{ 40, 1000 }, { 41, 8000 }, { 42, 32768000 }, { 43, 1000 },
		{ 44, 128 }, { 45, 1 }, { 46, 65536 }, { 47, 200000000000000 },
		{ 48, (int64_t)100000000000000 << 15 }, { 49, 0 }, { 50, 2000 },
		{ 51, 0 }, { 52, 1 },
		/* INT64_MAX >> 16, the largest shifted */
		{ 53, (INT64_MAX >> 16) << 1 },
	};
	struct oom_reports rs;
	struct explain e;
	(void)state;

	hx1_judge("2.6.32-5-amd64", hx1_mem, "     rss cpu oom_adj", rows, "", &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_2632);
	for (size_t i = 0; i < ZT_ARRAY_LEN(want); i++) {
		const struct ex_task *t = etask(&e, want[i].pid);
		if (t->points != want[i].points || zt_have(t->score))
			fail_msg("pid %d: points %lld", want[i].pid, (long long)t->points);
	}
	assert_int_equal(etask(&e, 41)->mem_points, 1000);
	assert_false(etask(&e, 46)->eligible);
	assert_int_equal(etask(&e, 46)->rank, 0);
	assert_true(etask(&e, 45)->eligible);
	assert_int_equal(etask(&e, 48)->rank, 1);
	assert_int_equal(etask(&e, 53)->rank, 2);
	assert_int_equal(etask(&e, 47)->rank, 3);
	done(&rs, &e);

	/* the header's oom_adj= says 2.6.32 without a table's columns */
	static const char head[] =
	    "[ 9.1] t invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0\n"
	    "[ 9.2] Pid: 5, comm: t Not tainted 2.6.32-5-amd64 #1\n";
	judge(head, &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_2632);
	done(&rs, &e);
	/* a table with oom_adj and swapents is no 2.6.32's; one with
	 * neither is no 2.6.32's either */
	hx1_judge("4.4.0-21-generic", hx1_mem, "     rss swapents oom_adj",
	    "[ 9.7] [   40]  1000    40     1000      100        0       0 a\n", "",
	    &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_PAGES);
	assert_int_equal(etask(&e, 40)->points, 100);
	done(&rs, &e);
	hx1_judge("4.4.0-21-generic", hx1_mem, "     rss oom_score_adj",
	    "[ 9.7] [   40]  1000    40     1000      100             0 a\n", "",
	    &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_PAGES);
	done(&rs, &e);
	/* the columns are read by name wherever they stand, the first too */
	judge("[ 9.6] [ pid ] oom_adj oom_score_adj name\n"
	    "[ 9.7] [   40]       0             0 a\n", &rs, &e);
	assert_int_equal(e.badness_model, EX_BADNESS_2636);
	done(&rs, &e);
}

/* The victim and why it ranked where it did, on 5.10 tables (4.4's kill
 * lines where the kernel chose before it killed). */
static const char hx1_cols510[] = "     rss pgtables_bytes swapents oom_score_adj";

static void
hx1_victim(const char *rel, const char *cols, const char *rows, const char *tail,
    struct oom_reports *rs, struct explain *e)
{
	hx1_judge(rel, hx1_mem, cols, rows, tail, rs, e);
}

static void
hx1_note(const struct explain *e, const char *want)
{
	if (strstr(e->victim_note, want) == NULL)
		fail_msg("note \"%s\" lacks \"%s\" (rank %d of %d, %lld)", e->victim_note,
		    want, e->victim_rank, e->ntasks, (long long)e->tasks[0].points);
}

static void
test_hx1_victim_notes(void **state)
{
	static const char two[] =
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    50000        0        0             0 b\n";
	static const char kill10[] =
	    "[ 9.9] Out of memory: Killed process 10 (a) total-vm:800000kB, anon-rss:400kB, file-rss:40kB, shmem-rss:4kB, UID:1000 pgtables:8kB oom_score_adj:0\n";
	static const char kill11[] =
	    "[ 9.9] Out of memory: Killed process 11 (b) total-vm:800000kB, anon-rss:400kB, file-rss:40kB, shmem-rss:4kB, UID:1000 pgtables:8kB oom_score_adj:0\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	/* the top task killed; its rss from the kill line */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, two, kill10, &rs, &e);
	assert_true(e.have_victim);
	assert_int_equal(e.victim_pid, 10);
	assert_string_equal(e.victim_comm, "a");
	assert_int_equal(e.victim_rank, 1);
	assert_int_equal(e.victim_rss_kb, 444);
	assert_int_equal(e.victim_score, 100000 * 1000 / 262144);
	assert_string_equal(e.victim_note, "the top-ranked task by the kernel's badness");
	done(&rs, &e);
	/* without shmem-rss (before 4.9), or without file-rss */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, two,
	    "[ 9.9] Out of memory: Killed process 10 (a) total-vm:800000kB, anon-rss:400kB, file-rss:40kB\n",
	    &rs, &e);
	assert_int_equal(e.victim_rss_kb, 440);
	done(&rs, &e);
	hx1_victim("5.10.0-8-amd64", hx1_cols510, two,
	    "[ 9.9] Out of memory: Killed process 10 (a) total-vm:800000kB, anon-rss:400kB, shmem-rss:4kB\n",
	    &rs, &e);
	assert_int_equal(e.victim_rss_kb, 404);
	done(&rs, &e);
	/* no rss on the kill line: the table's */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, two,
	    "[ 9.9] Out of memory: Killed process 10 (a)\n", &rs, &e);
	assert_int_equal(e.victim_rss_kb, 400000);
	done(&rs, &e);

	/* someone else ahead: memory changed, or the bonus */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, two, kill11, &rs, &e);
	assert_int_equal(e.victim_rank, 2);
	assert_int_equal(e.victim_score, 50000 * 1000 / 262144);
	hx1_note(&e, "ranked 2 here behind a (pid 10): memory changed");
	done(&rs, &e);
	/* ... and no swapents column is no 2.6 table */
	hx1_victim("5.10.0-8-amd64", "     rss oom_score_adj",
	    "[ 9.7] [   10]  1000    10   200000   100000             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    50000             0 b\n",
	    kill11, &rs, &e);
	hx1_note(&e, "memory changed");
	done(&rs, &e);

	/* the top uses more memory and its negative adj did not lower it
	 * enough */
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0          -100 a\n"
	    "[ 9.7] [   11]  1000    11   200000    50000        0        0             0 b\n",
	    kill11, &rs, &e);
	assert_string_equal(e.victim_note,
	    "a (pid 10) uses more memory but its oom_score_adj of -100 lowers it");
	done(&rs, &e);
	/* the same memory is not more */
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0           -10 a\n"
	    "[ 9.7] [   11]  1000    11   200000   100000        0        0          -100 b\n",
	    kill11, &rs, &e);
	assert_int_equal(e.victim_rank, 2);
	assert_null(strstr(e.victim_note, "uses more memory"));
	done(&rs, &e);
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0           200 a\n"
	    "[ 9.7] [   11]  1000    11   200000   100000        0        0           100 b\n",
	    kill11, &rs, &e);
	assert_int_equal(e.victim_rank, 2);
	assert_null(strstr(e.victim_note, "uses more memory"));
	done(&rs, &e);
	/* the victim's own adj, +1 too */
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    50000        0        0             1 b\n",
	    kill11, &rs, &e);
	hx1_note(&e, "the victim's oom_score_adj of +1 counts for it");
	done(&rs, &e);
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    50000        0        0           100 b\n",
	    kill11, &rs, &e);
	assert_string_equal(e.victim_note, "a (pid 10) uses more memory; the "
	    "victim's oom_score_adj of +100 counts for it");
	done(&rs, &e);
	/* a victim with more memory than the top is neither */
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000    50000        0        0           200 a\n"
	    "[ 9.7] [   11]  1000    11   200000   100000        0        0           -10 b\n",
	    kill11, &rs, &e);
	hx1_note(&e, "memory changed");
	done(&rs, &e);
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000    50000        0        0           300 a\n"
	    "[ 9.7] [   11]  1000    11   200000   100000        0        0            10 b\n",
	    kill11, &rs, &e);
	hx1_note(&e, "memory changed");
	done(&rs, &e);

	/* top-ranked through its adj: the biggest eligible task named, of
	 * equals the one ranked first (5.2+: the last scanned) */
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [    9]  1000     9   200000   900000        0        0         -1000 off\n"
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    50000        0        0          1000 b\n"
	    "[ 9.7] [   12]  1000    12   200000   100000        0        0             0 c\n",
	    kill11, &rs, &e);
	assert_string_equal(e.victim_note, "the top-ranked task by the kernel's "
	    "badness, through its oom_score_adj of +1000 (c, pid 12, uses more memory)");
	done(&rs, &e);
	/* an adj of +1 is enough */
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    99900        0        0             1 b\n",
	    kill11, &rs, &e);
	assert_string_equal(e.victim_note, "the top-ranked task by the kernel's "
	    "badness, through its oom_score_adj of +1 (a, pid 10, uses more memory)");
	done(&rs, &e);
	/* the same memory as the biggest: not "more" */
	hx1_victim("5.10.0-8-amd64", hx1_cols510,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000   100000        0        0            10 b\n",
	    kill11, &rs, &e);
	assert_string_equal(e.victim_note, "the top-ranked task by the kernel's badness");
	done(&rs, &e);
	/* top-ranked with adj 0 behind a root task's memory (the 3.14 ..
	 * 4.16 bonus): not through its adj */
	hx1_victim("4.4.0-21-generic", hx1_cols510,
	    "[ 9.7] [   10]     0    10   200000   100000        0        0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    99000        0        0             0 b\n",
	    kill11, &rs, &e);
	assert_int_equal(e.victim_rank, 1);
	assert_string_equal(e.victim_note, "the top-ranked task by the kernel's badness");
	done(&rs, &e);

	/* the name as the kernel wrote it, escaped into 64 bytes: 61 bytes
	 * whose last escapes to 4, 64 in all, one too many: the escape is
	 * left out whole (a cut "\x0" would read as another byte) */
	char name[64], esc[64], want[160], rows[512];
	memset(name, 'A', 60);
	strcpy(name + 60, "\x01");
	escape_text(esc, sizeof esc, name, strlen(name));
	assert_int_equal(strlen(esc), 60);
	snprintf(rows, sizeof rows,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 %s\n"
	    "[ 9.7] [   11]  1000    11   200000    50000        0        0             0 b\n",
	    name);
	hx1_victim("5.10.0-8-amd64", hx1_cols510, rows, kill11, &rs, &e);
	assert_string_equal(etask(&e, 10)->comm, name);
	snprintf(want, sizeof want, "ranked 2 here behind %s (pid 10): memory", esc);
	hx1_note(&e, want);
	done(&rs, &e);
	/* 63 plain bytes, whole */
	memset(name, 'B', 63);
	name[63] = '\0';
	snprintf(rows, sizeof rows,
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 %s\n"
	    "[ 9.7] [   11]  1000    11   200000    50000        0        0             0 b\n",
	    name);
	hx1_victim("5.10.0-8-amd64", hx1_cols510, rows, kill11, &rs, &e);
	snprintf(want, sizeof want, "ranked 2 here behind %s (pid 10): memory", name);
	hx1_note(&e, want);
	done(&rs, &e);

	/* 2.6 tables print no swap */
	hx1_victim("3.2.0-4-amd64", "     rss cpu oom_adj oom_score_adj",
	    "[ 9.7] [   10]  1000    10   200000   100000   0       0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    50000   0       0             0 b\n",
	    kill11, &rs, &e);
	assert_string_equal(e.victim_note, "ranked 2 here behind a (pid 10) on the "
	    "table's rss alone: this kernel's table prints no swap use or page "
	    "tables, which its badness counts");
	done(&rs, &e);
	hx1_victim("2.6.32-5-amd64", "     rss cpu oom_adj",
	    "[ 9.7] [   10]  1000    10   200000   100000   0       0 a\n"
	    "[ 9.7] [   11]  1000    11   100000    50000   0       0 b\n",
	    kill11, &rs, &e);
	hx1_note(&e, "prints no swap use (and its badness starts from total_vm, "
	    "cpu time and children), which");
	done(&rs, &e);

	/* not in the table, or no table */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, two,
	    "[ 9.9] Out of memory: Killed process 99 (z) total-vm:800000kB, anon-rss:400kB, file-rss:40kB, shmem-rss:4kB, UID:1000 pgtables:8kB oom_score_adj:0\n",
	    &rs, &e);
	assert_true(e.have_victim);
	assert_int_equal(e.victim_rank, 0);
	assert_false(zt_have(e.victim_score));
	assert_string_equal(e.victim_note,
	    "not in the task table (a thread, or the table was cut)");
	done(&rs, &e);
	hx1_victim("5.10.0-8-amd64", hx1_cols510, "",
	    "[ 9.9] Out of memory: Killed process 99 (z) total-vm:800000kB\n", &rs, &e);
	assert_false(zt_have(e.victim_rss_kb));
	assert_string_equal(e.victim_note, "the report has no task table to rank it in");
	done(&rs, &e);
}

/* Who the kernel chose and who died: the "Kill process" line's choice
 * and score (4.x), a child killed instead, the 4.19+ summary line. */
static void
test_hx1_victim_chosen(void **state)
{
	static const char three[] =
	    "[ 9.7] [   10]  1000    10   200000   100000        0        0             0 a\n"
	    "[ 9.7] [   11]  1000    11   200000    50000        0        0             0 b\n"
	    "[ 9.7] [   12]  1000    12   200000    40000        0        0         -1000 c\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	/* the score printed is the victim's */
	hx1_victim("4.4.0-21-generic", hx1_cols510, three,
	    "[ 9.8] Out of memory: Kill process 10 (a) score 999 or sacrifice child\n"
	    "[ 9.9] Killed process 10 (a) total-vm:800000kB, anon-rss:400kB, file-rss:40kB\n",
	    &rs, &e);
	assert_true(e.have_victim);
	assert_false(e.chosen_only);
	assert_int_equal(e.victim_score, 999);
	assert_int_equal(e.victim_rank, 1);
	done(&rs, &e);
	/* a child killed instead: its own score */
	hx1_victim("4.4.0-21-generic", hx1_cols510, three,
	    "[ 9.8] Out of memory: Kill process 10 (a) score 999 or sacrifice child\n"
	    "[ 9.9] Killed process 11 (b) total-vm:800000kB, anon-rss:400kB, file-rss:40kB\n",
	    &rs, &e);
	assert_int_equal(e.victim_pid, 11);
	assert_int_equal(e.victim_score, 50000 * 1000 / 262144);
	assert_string_equal(e.victim_note, "the kernel chose a (pid 10, rank 1) and "
	    "killed its child instead (\"or sacrifice child\", before 5.1)");
	done(&rs, &e);
	/* the one chosen not ranked (ineligible, or not in the table) */
	hx1_victim("4.4.0-21-generic", hx1_cols510, three,
	    "[ 9.8] Out of memory: Kill process 12 (c) score 999 or sacrifice child\n"
	    "[ 9.9] Killed process 11 (b) total-vm:800000kB, anon-rss:400kB, file-rss:40kB\n",
	    &rs, &e);
	assert_string_equal(e.victim_note, "the kernel chose c (pid 12) and "
	    "killed its child instead (\"or sacrifice child\", before 5.1)");
	done(&rs, &e);
	hx1_victim("4.4.0-21-generic", hx1_cols510, three,
	    "[ 9.8] Out of memory: Kill process 13 (d) score 999 or sacrifice child\n"
	    "[ 9.9] Killed process 11 (b) total-vm:800000kB, anon-rss:400kB, file-rss:40kB\n",
	    &rs, &e);
	assert_string_equal(e.victim_note, "the kernel chose d (pid 13) and "
	    "killed its child instead (\"or sacrifice child\", before 5.1)");
	done(&rs, &e);
	/* in a cgroup */
	hx1_victim("4.4.0-21-generic", hx1_cols510, three,
	    "[ 9.8] Memory cgroup out of memory: Kill process 10 (a) score 999 or sacrifice child\n"
	    "[ 9.9] Killed process 11 (b) total-vm:800000kB, anon-rss:400kB, file-rss:40kB\n",
	    &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	hx1_note(&e, "before 5.1) (only the cgroup's tasks are candidates)");
	done(&rs, &e);
	hx1_victim("4.4.0-21-generic", hx1_cols510, three,
	    "[ 9.8] Memory cgroup out of memory: Kill process 10 (a) score 999 or sacrifice child\n"
	    "[ 9.9] Killed process 10 (a) total-vm:800000kB, anon-rss:400kB, file-rss:40kB\n",
	    &rs, &e);
	assert_string_equal(e.victim_note, "the top-ranked task by the kernel's "
	    "badness (only the cgroup's tasks are candidates)");
	done(&rs, &e);
	/* chosen, the kill line not in the paste: the choice named, no
	 * victim; the score the table's */
	hx1_victim("4.4.0-21-generic", hx1_cols510, three,
	    "[ 9.8] Out of memory: Kill process 11 (b) score 999 or sacrifice child\n",
	    &rs, &e);
	assert_false(e.have_victim);
	assert_true(e.chosen_only);
	assert_int_equal(e.victim_pid, 11);
	assert_string_equal(e.victim_comm, "b");
	assert_int_equal(e.victim_score, 999);
	assert_int_equal(e.victim_rank, 2);
	done(&rs, &e);
	/* chosen, not in the table: the kill line's name */
	hx1_victim("4.4.0-21-generic", hx1_cols510, three,
	    "[ 9.8] Out of memory: Kill process 13 (d) score 999 or sacrifice child\n",
	    &rs, &e);
	assert_int_equal(e.victim_pid, 13);
	assert_string_equal(e.victim_comm, "d");
	assert_int_equal(e.victim_rank, 0);
	done(&rs, &e);
	/* pid 1 is a pid */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, three,
	    "[ 9.8] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=init,pid=1,uid=0\n"
	    "[ 9.8] Out of memory: Kill process 10 (a) score 999 or sacrifice child\n",
	    &rs, &e);
	assert_int_equal(e.victim_pid, 1);
	assert_string_equal(e.victim_comm, "init");
	done(&rs, &e);
	/* 4.19+: the summary line names the chosen; without task= its name
	 * from the table */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, three,
	    "[ 9.8] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=b,pid=11,uid=1000\n",
	    &rs, &e);
	assert_false(e.have_victim);
	assert_true(e.chosen_only);
	assert_int_equal(e.victim_pid, 11);
	assert_string_equal(e.victim_comm, "b");
	assert_int_equal(e.victim_score, 50000 * 1000 / 262144);
	done(&rs, &e);
	hx1_victim("5.10.0-8-amd64", hx1_cols510, three,
	    "[ 9.8] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,pid=11,uid=1000\n",
	    &rs, &e);
	assert_int_equal(e.victim_pid, 11);
	assert_string_equal(e.victim_comm, "b");
	done(&rs, &e);
	/* pid 0 names no one: the kill line's choice, else none */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, three,
	    "[ 9.8] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=b,pid=0,uid=1000\n",
	    &rs, &e);
	assert_false(e.have_victim);
	assert_false(e.chosen_only);
	assert_string_equal(e.victim_note, "");
	done(&rs, &e);
	hx1_victim("4.19.0-16-amd64", hx1_cols510, three,
	    "[ 9.8] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=b,pid=0,uid=1000\n"
	    "[ 9.8] Out of memory: Kill process 10 (a) score 999 or sacrifice child\n",
	    &rs, &e);
	assert_int_equal(e.victim_pid, 10);
	assert_true(e.chosen_only);
	done(&rs, &e);
	/* the kill line's comm is the victim's, not the table's */
	hx1_victim("5.10.0-8-amd64", hx1_cols510, three,
	    "[ 9.9] Out of memory: Killed process 11 (renamed) total-vm:800000kB\n",
	    &rs, &e);
	assert_string_equal(e.victim_comm, "renamed");
	done(&rs, &e);
	hx1_victim("5.10.0-8-amd64", hx1_cols510, three,
	    "[ 9.9] Out of memory: Killed process 11 (x) total-vm:800000kB\n",
	    &rs, &e);
	assert_string_equal(e.victim_comm, "x");
	done(&rs, &e);
}

/* ------------------------------------------------------------------ */
/* mg (issue #16): the verdict's sentences on reports made from the
 * kernel's format strings, each checked whole and in order */

/* The verdict lines of text's one report are want[] (NULL-ended), in
 * order, and no more. */
static void
mg_verdicts(const char *text, const char *const *want)
{
	struct oom_reports rs;
	struct explain e;
	int n = 0;

	judge(text, &rs, &e);
	while (want[n] != NULL)
		n++;
	bool same = e.nverdict == n;
	for (int i = 0; same && i < n; i++)
		same = strcmp(e.verdict[i], want[i]) == 0;
	if (!same) {
		for (int i = 0; i < e.nverdict; i++)
			print_message("got %d: %s\n", i + 1, e.verdict[i]);
		for (int i = 0; i < n; i++)
			print_message("want %d: %s\n", i + 1, want[i]);
	}
	done(&rs, &e);
	assert_true(same);
}

/* A 4.4 memcg v1 OOM (mm/memcontrol.c mem_cgroup_print_oom_info():
 * "memory: usage %llukB, limit %llukB, failcnt %lu", then memory+swap's):
 * the limit's sentence with each figure printed or not (a paste cut mid
 * line), a memory+swap limit above the memory limit (swap allowed) */
static const char mg_memcg[] =
    "[ 3.1] t invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
    "[ 3.2] CPU: 0 PID: 5 Comm: t Not tainted 4.4.0-130-generic #156\n"
    "[ 3.3] Task in %s killed as a result of limit of %s\n"
    "[ 3.4] memory: %s\n"
    "[ 3.5] memory+swap: usage 1048576kB, limit %s, failcnt 0\n"
    "[ 3.6] Memory cgroup out of memory: Kill process 5 (t) score 900 or sacrifice child\n"
    "[ 3.7] Killed process 5 (t) total-vm:10kB, anon-rss:8kB, file-rss:0kB\n";
#define MG_MEMCG_FIRST "An order-0 GFP_KERNEL allocation by t (pid 5) could " \
    "not be charged to its memory cgroup and invoked the cgroup's OOM killer."
#define MG_MEMCG_KILLED "The kernel killed t (pid 5, score 900, RSS 8K): the " \
    "report has no task table to rank it in."
#define MG_MEMCG_NOT "This is the cgroup's limit, not a shortage of the " \
    "machine's memory."

static void
test_mg_memcg(void **state)
{
	static const struct {
		const char *path, *memory, *memsw, *limit, *noswap;
	} cases[] = {
		{ "/docker/x", "usage 1048576kB, limit 1048576kB, failcnt 10",
		  "2097152kB", "The memory cgroup /docker/x hit its limit: 1.0G used "
		  "of 1.0G (failcnt 10). " MG_MEMCG_NOT, NULL },
		/* the root's path, one character */
		{ "/", "usage 1048576kB, limit 1048576kB, failcnt 10", "1048576kB",
		  "The memory cgroup / hit its limit: 1.0G used of 1.0G (failcnt "
		  "10). " MG_MEMCG_NOT, "Its memory+swap limit (1.0G) allows no swap." },
		/* cut before the failcnt: not known, not 0 */
		{ "/docker/x", "usage 1048576kB, limit 1048576kB", "2097152kB",
		  "The memory cgroup /docker/x hit its limit: 1.0G used of 1.0G "
		  "(failcnt n/a). " MG_MEMCG_NOT, NULL },
		/* cut before the limit */
		{ "/docker/x", "usage 1048576kB", "2097152kB", "The memory cgroup "
		  "/docker/x hit its limit; this is the cgroup's limit, not a "
		  "shortage of the machine's memory.", NULL },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[2048];
		snprintf(text, sizeof text, mg_memcg, cases[i].path, cases[i].path,
		    cases[i].memory, cases[i].memsw);
		const char *last = "The report is incomplete; missing: task table.";
		mg_verdicts(text, cases[i].noswap ? (const char *[]){ MG_MEMCG_FIRST,
		    cases[i].limit, cases[i].noswap, MG_MEMCG_KILLED, last, NULL } :
		    (const char *[]){ MG_MEMCG_FIRST, cases[i].limit, MG_MEMCG_KILLED,
		    last, NULL });
	}
}

/* A 5.4 global OOM with Mem-Info's LRU and free counts, the swap totals
 * (show_swap_cache_info(): "Free swap  = %ldkB", "Total swap = %lukB")
 * and "%lu pages RAM" (show_mem()) as given: RAM 2000 pages (7.8M) */
static const char mg_mem[] =
    "x invoked oom-killer: gfp_mask=0xcc0, order=0, oom_score_adj=0\n"
    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
    "Mem-Info:\n"
    "%s\n"
    "Free swap  = %s\n"
    "Total swap = %s\n"
    "%s"
    "0 pages reserved\n";
#define MG_MEM_FIRST "An order-0 GFP_KERNEL allocation by x (pid 9) failed " \
    "and invoked the OOM killer."
#define MG_MEM_LAST "The report is incomplete; missing: zone lines, task " \
    "table, kill line."
#define MG_MEM_NORAM "The report is incomplete; missing: zone lines, pages " \
    "RAM, task table, kill line."
#define MG_RAM "2000 pages RAM\n"

static void
mg_mem_verdicts(const char *counts, const char *swap_free,
    const char *swap_total, const char *ram, const char *middle1,
    const char *middle2)
{
	char text[1024];
	const char *want[5] = { MG_MEM_FIRST, NULL, NULL, NULL, NULL };
	int n = 1;

	snprintf(text, sizeof text, mg_mem, counts, swap_free, swap_total, ram);
	if (middle1)
		want[n++] = middle1;
	if (middle2)
		want[n++] = middle2;
	want[n] = *ram ? MG_MEM_LAST : MG_MEM_NORAM;
	mg_verdicts(text, want);
}

/* The swap sentence: none (anon above a fifth of RAM or not), full (free
 * below 1%%), almost no anon left (below 1%% of RAM), each at its edge; a
 * total or free swap below 0 (a damaged paste) says nothing */
static void
test_mg_swap(void **state)
{
	(void)state;
	/* anon 1600K, a fifth of RAM exactly; one page more */
	mg_mem_verdicts("active_anon:400 inactive_anon:0 free:1600", "0kB", "0kB",
	    MG_RAM, NULL, NULL);
	mg_mem_verdicts("active_anon:401 inactive_anon:0 free:1599", "0kB", "0kB",
	    MG_RAM, "There is no swap: the 1.6M of anon pages could only stay "
	    "in RAM.", NULL);
	/* RAM not known: no share of it */
	mg_mem_verdicts("active_anon:401 inactive_anon:0 free:1599", "0kB", "0kB",
	    "", NULL, NULL);
	/* free 1%% of the total exactly, then below */
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1900", "100kB",
	    "10000kB", MG_RAM, "Swap is 1% free (100K of 9.8M) with 400K of anon "
	    "pages in RAM.", NULL);
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1900", "99kB",
	    "10000kB", MG_RAM, "Swap is full: 99K free of 9.8M, and 400K of anon "
	    "pages are still in RAM.", NULL);
	/* anon 80K, 1%% of RAM exactly, then below; RAM not known */
	mg_mem_verdicts("active_anon:20 inactive_anon:0 free:1980", "5000kB",
	    "10000kB", MG_RAM, "Swap is 50% free (4.9M of 9.8M) with 80K of anon "
	    "pages in RAM.", NULL);
	mg_mem_verdicts("active_anon:19 inactive_anon:0 free:1981", "5000kB",
	    "10000kB", MG_RAM, "Swap is 50% free (4.9M of 9.8M), but almost no "
	    "anon pages are left to swap out (76K): swap could not have helped.",
	    NULL);
	mg_mem_verdicts("active_anon:19 inactive_anon:0 free:1981", "5000kB",
	    "10000kB", "", "Swap is 50% free (4.9M of 9.8M) with 76K of anon "
	    "pages in RAM.", NULL);
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1900", "100kB",
	    "10050kB", MG_RAM, "Swap is full: 100K free of 9.8M, and 400K of anon "
	    "pages are still in RAM.", NULL);
	/* no LRU counts: anon not known */
	mg_mem_verdicts("free:2000", "5000kB", "10000kB", MG_RAM,
	    "Swap is 50% free (4.9M of 9.8M).", NULL);
	mg_mem_verdicts("free:2000", "100kB", "10000kB", MG_RAM,
	    "Swap is 1% free (100K of 9.8M).", NULL);
	mg_mem_verdicts("free:2000", "100kB", "10050kB", MG_RAM,
	    "Swap is full: 100K free of 9.8M.", NULL);
	mg_mem_verdicts("free:2000", "99kB", "10000kB", MG_RAM,
	    "Swap is full: 99K free of 9.8M.", NULL);
	/* anon 4K, RAM 404K: 1%% of RAM is 4.04K */
	mg_mem_verdicts("active_anon:1 inactive_anon:0 free:100", "5000kB",
	    "10000kB", "101 pages RAM\n", "Swap is 50% free (4.9M of 9.8M), but "
	    "almost no anon pages are left to swap out (4K): swap could not have "
	    "helped.", NULL);
	/* no swap, the free figure lost (a line of the paste dropped) */
	mg_verdicts("x invoked oom-killer: gfp_mask=0xcc0, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
	    "Mem-Info:\n"
	    "active_anon:401 inactive_anon:0 free:1599\n"
	    "Total swap = 0kB\n"
	    MG_RAM
	    "0 pages reserved\n", (const char *[]){ MG_MEM_FIRST,
	    "There is no swap: the 1.6M of anon pages could only stay in RAM.",
	    MG_MEM_LAST, NULL });
	/* below 0 */
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1900", "5000kB",
	    "-4kB", MG_RAM, NULL, NULL);
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1900", "-4kB",
	    "10000kB", MG_RAM, NULL, NULL);
}

/* Memory in no counter: said from 10%% of RAM, weightier from 20%% and
 * 50%%, each at its edge (a page is 4K: RAM 2000 pages, 100 anon, the
 * rest free but the share unaccounted), ranked around the swap's
 * sentence (250 when swap is half free, 650 when full) */
#define MG_UNACC(pct, used) "About " pct "% of RAM (" used " of 7.8M) is in " \
    "no counter (not free, LRU, slab, page tables, kernel stacks or " \
    "reserved): held by a kernel driver (GPU, network, vmalloc) or a " \
    "balloon driver, or leaked."
#define MG_HALF "Swap is 50% free (1000K of 2.0M) with 400K of anon pages in RAM."
#define MG_FULL "Swap is full: 0K free of 2.0M, and 400K of anon pages are " \
    "still in RAM."

static void
test_mg_unaccounted(void **state)
{
	(void)state;
	/* 9.5%%, 10%% */
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1710", "1000kB",
	    "2000kB", MG_RAM, MG_HALF, NULL);
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1700", "1000kB",
	    "2000kB", MG_RAM, MG_HALF, MG_UNACC("10", "800K"));
	/* 19.5%%, 20%% */
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1510", "1000kB",
	    "2000kB", MG_RAM, MG_HALF, MG_UNACC("20", "1.5M"));
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:1500", "1000kB",
	    "2000kB", MG_RAM, MG_UNACC("20", "1.6M"), MG_HALF);
	/* 49.5%%, 50%% */
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:910", "0kB",
	    "2000kB", MG_RAM, MG_FULL, MG_UNACC("50", "3.9M"));
	mg_mem_verdicts("active_anon:100 inactive_anon:0 free:900", "0kB",
	    "2000kB", MG_RAM, MG_UNACC("50", "3.9M"), MG_FULL);
}

/* The biggest task by memory alone (rss + swap + page tables, no adj):
 * said from 30% of totalpages (100000 pages of RAM, no swap), at the
 * edge; of two equal, the first ranked */
static void
test_mg_tasks(void **state)
{
	static const char mem[] =
	    "[ 9.4] Total swap = 0kB\n"
	    "[ 9.5] 100000 pages RAM\n";
	static const struct {
		int64_t a, b, b_adj;
		const char *big;
	} cases[] = {
		{ 30000, 100, 0, "a (pid 10) alone holds 30% of RAM and swap (RSS "
		  "117M, swap 0K)." },
		{ 29999, 100, 0, NULL },
		{ 40000, 40000, 0, "b (pid 11) alone holds 40% of RAM and swap (RSS "
		  "156M, swap 0K)." },
		/* the biggest ranked last (unkillable): by memory alone */
		{ 100, 40000, -1000, "b (pid 11) alone holds 40% of RAM and swap (RSS "
		  "156M, swap 0K)." },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char rows[512], text[4096];
		snprintf(rows, sizeof rows,
		    "[ 9.7] [   10]  1000    10   200000 %8lld        0        0             0 a\n"
		    "[ 9.7] [   11]  1000    11   200000 %8lld        0        0 %13lld b\n",
		    (long long)cases[i].a, (long long)cases[i].b,
		    (long long)cases[i].b_adj);
		snprintf(text, sizeof text,
		    "[ 9.1] t invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n"
		    "[ 9.2] CPU: 0 PID: 5 Comm: t Not tainted 5.10.0-8-amd64 #1\n"
		    "[ 9.3] Mem-Info:\n%s"
		    "[ 9.6] [ pid ]   uid  tgid total_vm %s name\n%s",
		    mem, hx1_cols510, rows);
		mg_verdicts(text, (const char *[]){ "An order-0 __GFP_HIGHMEM|"
		    "__GFP_IO|__GFP_FS|__GFP_ZERO|__GFP_MEMALLOC|__GFP_RECLAIMABLE|"
		    "__GFP_MOVABLE allocation by t (pid 5) failed and invoked the "
		    "OOM killer.", cases[i].big ? cases[i].big :
		    "The report is incomplete; missing: zone lines, kill line.",
		    cases[i].big ? "The report is incomplete; missing: zone lines, "
		    "kill line." : NULL, NULL });
	}
}

/* A 5.4 report of two zones (free 4000K and 300K, min 400K, high 600K)
 * and the request's mask: the highest zone the mask names, missing from
 * the report, with what the allocation may fall back to (gfp_zone():
 * the zone modifier sets the highest zone alone) */
static const char mg_zones[] =
    "x invoked oom-killer: gfp_mask=%s, order=0, oom_score_adj=0\n"
    "CPU: 0 PID: 9 Comm: x Not tainted %s #1\n"
    "Mem-Info:\n"
    "active_anon:100 inactive_anon:0 free:1900\n"
    "Node 0 %s free:4000kB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
    "lowmem_reserve[]: 0 0 0 0\n"
    "Node 0 %s free:300kB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
    "lowmem_reserve[]: 0 0 0 0\n"
    "%s"
    "0 pages reserved\n";
#define MG_ZONES_LAST "The report is incomplete; missing: buddy lines, swap " \
    "totals, pages RAM, task table, kill line."

/* A 5.4 x86_64 report of DMA and DMA32 for a request of mask gfp (the
 * flags named), its verdict: the missing zone's sentence or none */
static void
mg_dma_dma32(const char *gfp, const char *flags, const char *missing)
{
	char text[2048], first[160];

	snprintf(text, sizeof text, mg_zones, gfp, "5.4.0-26-generic", "DMA",
	    "DMA32", "");
	snprintf(first, sizeof first, "An order-0 %s allocation by x (pid 9) "
	    "failed and invoked the OOM killer.", flags);
	const char *zones = "DMA32 is below its min watermark (free 300K, min "
	    "400K) and DMA is above its high watermark (free 4000K, high 600K).";
	mg_verdicts(text, missing ? (const char *[]){ first, zones, missing,
	    MG_ZONES_LAST, NULL } : (const char *[]){ first, zones, MG_ZONES_LAST,
	    NULL });
}

static void
test_mg_missing_zone(void **state)
{
	char text[2048];
	struct oom_reports rs;
	struct explain e;
	(void)state;

	/* __GFP_MOVABLE alone: Normal, missing */
	mg_dma_dma32("0xcc8", "GFP_KERNEL|__GFP_MOVABLE", "The missing Normal "
	    "zone is not the cause: the zone modifier only sets the highest zone, "
	    "and the allocation may fall back to DMA32 and DMA.");
	/* __GFP_HIGHMEM on x86_64: Normal */
	mg_dma_dma32("0xcc2", "GFP_KERNEL|__GFP_HIGHMEM", "The missing Normal "
	    "zone is not the cause: __GFP_HIGHMEM only sets the highest zone "
	    "(Normal on a kernel without HighMem), and the allocation may fall "
	    "back to DMA32 and DMA.");
	/* GFP_HIGHUSER_MOVABLE: Movable, empty unless asked for */
	mg_dma_dma32("0x100cca", "GFP_HIGHUSER_MOVABLE", NULL);
	/* a 32-bit kernel's HighMem, printed (so compiled in) but empty */
	snprintf(text, sizeof text, mg_zones, "0xd2", "3.16.0-4-686-pae", "DMA",
	    "Normal", "Node 0 HighMem free:0kB min:0kB low:0kB high:0kB "
	    "present:0kB managed:0kB\nlowmem_reserve[]: 0 0 0 0\n");
	judge(text, &rs, &e);
	assert_int_equal(e.nverdict, 4);
	assert_string_equal(e.verdict[2], "The missing HighMem zone is not the "
	    "cause: __GFP_HIGHMEM only sets the highest zone, and the allocation "
	    "may fall back to Normal and DMA.");
	done(&rs, &e);
	/* __GFP_DMA without a DMA zone: nothing below to fall back to */
	snprintf(text, sizeof text, mg_zones, "0xcc1", "5.4.0-26-generic",
	    "DMA32", "Normal", "");
	mg_verdicts(text, (const char *[]){ "An order-0 GFP_KERNEL|GFP_DMA "
	    "allocation by x (pid 9) failed and invoked the OOM killer.",
	    MG_ZONES_LAST, NULL });
}

/* A page allocation failure above PAGE_ALLOC_COSTLY_ORDER (3) does not
 * invoke the OOM killer (__alloc_pages_may_oom()); the block it needed,
 * 2^order pages, exact for every order a 64-bit count holds */
static void
test_mg_costly(void **state)
{
	static const struct {
		int order;
		const char *pages;
	} cases[] = {
		{ 3, NULL }, { 4, "16" }, { 29, "536870912" }, { 31, "2147483648" },
		{ 62, "4611686018427387904" }, { 63, "2^63" },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[512], first[160], costly[256];
		snprintf(text, sizeof text,
		    "[ 1.0] x: page allocation failure: order:%d, mode:0xcc0(GFP_KERNEL), nodemask=(null)\n"
		    "[ 1.1] CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n",
		    cases[i].order);
		snprintf(first, sizeof first, "An order-%d GFP_KERNEL allocation by x "
		    "(pid 9) failed (page allocation failure: no OOM kill).",
		    cases[i].order);
		snprintf(costly, sizeof costly, "Order-%d requests (above "
		    "PAGE_ALLOC_COSTLY_ORDER, 3) fail instead of invoking the OOM "
		    "killer: a free block of %s contiguous pages was needed.",
		    cases[i].order, cases[i].pages ? cases[i].pages : "");
		const char *last = "The report is incomplete; missing: Mem-Info, "
		    "swap totals, pages RAM.";
		mg_verdicts(text, (const char *[]){ first,
		    cases[i].pages ? costly : last, cases[i].pages ? last : NULL,
		    NULL });
	}
}

/* A 5.4 report of DMA32 and Normal (min 400K, high 600K; DMA32's
 * lowmem_reserve for a Normal request given, in pages): each zone's
 * watermark sentence at its edges (__zone_watermark_ok(): free <= min +
 * reserve fails; 150 pages are 600K), and a page fault's (gfp 0) zones
 * above high, one or none */
static const char mg_wm[] =
    "x invoked oom-killer: gfp_mask=%s, order=0, oom_score_adj=0\n"
    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
    "Mem-Info:\n"
    "active_anon:100 inactive_anon:0 free:1900\n"
    "Node 0 DMA32 free:%dkB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
    "lowmem_reserve[]: 0 0 %d 0\n"
    "Node 0 Normal free:%dkB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
    "lowmem_reserve[]: 0 0 0 0\n"
    "0 pages reserved\n";
#define MG_WM_KERNEL "An order-0 GFP_KERNEL allocation by x (pid 9) failed " \
    "and invoked the OOM killer."
#define MG_WM_FAULT "A page-fault OOM: a page fault of x (pid 9) ended in " \
    "VM_FAULT_OOM (gfp_mask=0x0), so the kernel ran the OOM killer without " \
    "a failed allocation of its own in this report."
#define MG_WM_NOT_SHORT(z) "Memory was not short: " z " is above its high " \
    "watermark. Whatever returned VM_FAULT_OOM (a driver's fault handler, " \
    "or a failed memory cgroup charge) caused this, not the page allocator."
#define MG_WM_NOHIGH "; the last attempt before an OOM kill checks the high " \
    "watermark, which no zone meets."

static void
test_mg_zones(void **state)
{
	static const struct {
		const char *gfp;
		int dma32, reserve, normal;
		const char *first, *zones;
	} cases[] = {
		/* free = min */
		{ "0xcc0", 400, 0, 400, MG_WM_KERNEL, "Normal is below its min "
		  "watermark (free 400K, min 400K) and DMA32 is below its min "
		  "watermark (free 400K, min 400K)." },
		/* free = min + reserve, then a page more */
		{ "0xcc0", 800, 100, 300, MG_WM_KERNEL, "Normal is below its min "
		  "watermark (free 300K, min 400K) and DMA32 is fenced off by its "
		  "lowmem reserve (free 800K, min 400K + reserve 400K)." },
		{ "0xcc0", 804, 100, 300, MG_WM_KERNEL, "Normal is below its min "
		  "watermark (free 300K, min 400K) and DMA32 passes min but not "
		  "high (free 804K, high 600K)" MG_WM_NOHIGH },
		{ "0xcc0", 500, 100, 600, MG_WM_KERNEL, "Normal passes min but not "
		  "high (free 600K, high 600K) and DMA32 is fenced off by its "
		  "lowmem reserve (free 500K, min 400K + reserve 400K)" MG_WM_NOHIGH },
		/* a page fault: free = high is not above it */
		{ "0x0", 600, 0, 600, MG_WM_FAULT, "Normal passes min but not high "
		  "(free 600K, high 600K) and DMA32 passes min but not high (free "
		  "600K, high 600K)" MG_WM_NOHIGH },
		{ "0x0", 601, 0, 600, MG_WM_FAULT, MG_WM_NOT_SHORT("DMA32 (601K free)") },
		{ "0x0", 600, 0, 601, MG_WM_FAULT, MG_WM_NOT_SHORT("Normal (601K free)") },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[1024];
		snprintf(text, sizeof text, mg_wm, cases[i].gfp, cases[i].dma32,
		    cases[i].reserve, cases[i].normal);
		mg_verdicts(text, (const char *[]){ cases[i].first, cases[i].zones,
		    MG_ZONES_LAST, NULL });
	}
}

/* The light notes in their order: flags printed against the mask's
 * decoding (100), the kernel inferred from the format (50), what is
 * missing (40) */
static void
test_mg_notes(void **state)
{
	(void)state;
	mg_verdicts("x invoked oom-killer: gfp_mask=0xcc0(GFP_NOFS), order=0, "
	    "oom_score_adj=0\nMem-Info:\nactive_anon:100 inactive_anon:0 free:1900\n",
	    (const char *[]){ "An order-0 GFP_NOFS allocation by x failed and "
	    "invoked the OOM killer.", "The report prints the flags as GFP_NOFS, "
	    "but 0xcc0 decodes as GFP_KERNEL with the 5.1-6.2 bit layout.",
	    "The report does not name its kernel; the flags were decoded with "
	    "the 5.1-6.2 bit layout its format suggests.", "The report is "
	    "incomplete; missing: kernel version, zone lines, swap totals, pages "
	    "RAM, task table, kill line.", NULL });
}

/* Sentences of equal weight keep the order they were judged in: the
 * memory+swap limit before the machine's missing swap (350), unaccounted
 * memory before the zones (700 on a page fault, 450), reclaim before a
 * costly order (550) */
static const char mg_tie_zones[] =
    "x invoked oom-killer: gfp_mask=%s, order=0, oom_score_adj=0\n"
    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
    "Mem-Info:\n"
    "active_anon:100 inactive_anon:0 free:%d\n"
    "Node 0 DMA32 free:4000kB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
    "lowmem_reserve[]: 0 0 0 0\n"
    "Node 0 Normal free:%dkB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
    "lowmem_reserve[]: 0 0 0 0\n"
    "2000 pages RAM\n"
    "0 pages reserved\n";
#define MG_TIE_LAST "The report is incomplete; missing: buddy lines, swap " \
    "totals, task table, kill line."

static void
test_mg_ties(void **state)
{
	char text[1024];
	(void)state;

	mg_verdicts("[ 3.1] t invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 3.2] CPU: 0 PID: 5 Comm: t Not tainted 4.4.0-130-generic #156\n"
	    "[ 3.3] Task in /docker/x killed as a result of limit of /docker/x\n"
	    "[ 3.4] memory: usage 1048576kB, limit 1048576kB, failcnt 10\n"
	    "[ 3.5] memory+swap: usage 1048576kB, limit 1048576kB, failcnt 0\n"
	    "[ 3.6] Mem-Info:\n"
	    "[ 3.6] active_anon:1000 inactive_anon:0 free:1000\n"
	    "[ 3.6] Free swap  = 0kB\n"
	    "[ 3.6] Total swap = 0kB\n"
	    "[ 3.6] 2000 pages RAM\n"
	    "[ 3.6] Memory cgroup out of memory: Kill process 5 (t) score 900 or sacrifice child\n"
	    "[ 3.7] Killed process 5 (t) total-vm:10kB, anon-rss:8kB, file-rss:0kB\n",
	    (const char *[]){ MG_MEMCG_FIRST,
	    "The memory cgroup /docker/x hit its limit: 1.0G used of 1.0G "
	    "(failcnt 10). " MG_MEMCG_NOT,
	    "Its memory+swap limit (1.0G) allows no swap.",
	    "There is no swap: the 3.9M of anon pages could only stay in RAM.",
	    MG_MEMCG_KILLED, "The report is incomplete; missing: zone lines, "
	    "task table.", NULL });

	snprintf(text, sizeof text, mg_tie_zones, "0x0", 900, 4000);
	mg_verdicts(text, (const char *[]){ MG_WM_FAULT, MG_UNACC("50", "3.9M"),
	    "Memory was not short: Normal (3.9M free) and DMA32 (3.9M free) "
	    "are above their high watermarks. Whatever returned VM_FAULT_OOM (a "
	    "driver's fault handler, or a failed memory cgroup charge) caused "
	    "this, not the page allocator.", MG_TIE_LAST, NULL });

	snprintf(text, sizeof text, mg_tie_zones, "0xcc0", 1300, 300);
	mg_verdicts(text, (const char *[]){ MG_WM_KERNEL, MG_UNACC("30", "2.3M"),
	    "Normal is below its min watermark (free 300K, min 400K) and DMA32 "
	    "is above its high watermark (free 4000K, high 600K).", MG_TIE_LAST,
	    NULL });

	mg_verdicts("[ 1.0] x: page allocation failure: order:4, mode:0xcc0(GFP_KERNEL), nodemask=(null)\n"
	    "[ 1.1] CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
	    "[ 1.2] Mem-Info:\n"
	    "[ 1.3] active_anon:100 inactive_anon:0 active_file:0 inactive_file:0 free:1900\n"
	    "[ 1.4] Node 0 active_anon:400kB inactive_anon:0kB all_unreclaimable? yes\n"
	    "[ 1.5] Node 0 Normal free:300kB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
	    "[ 1.6] lowmem_reserve[]: 0 0 0 0\n",
	    (const char *[]){ "An order-4 GFP_KERNEL allocation by x (pid 9) "
	    "failed (page allocation failure: no OOM kill).",
	    "Normal is below its min watermark (free 300K, min 400K).",
	    "Nothing is reclaimable: all_unreclaimable is yes on every node; the "
	    "LRU holds only 0K of file pages and 400K of anon pages.",
	    "Order-4 requests (above PAGE_ALLOC_COSTLY_ORDER, 3) fail instead "
	    "of invoking the OOM killer: a free block of 16 contiguous pages was "
	    "needed.", "The report is incomplete; missing: buddy lines, swap "
	    "totals, pages RAM.", NULL });
}

/* A virtual machine's hardware name as the unaccounted sentence names
 * it: made printable, cut to the sentence's 139 bytes ("QEMU ab" and 40
 * control bytes, each 4 escaped: 33 of them whole) */
static void
test_mg_hw(void **state)
{
	char text[1024], hw[64], want[512];
	size_t at;
	(void)state;

	memset(hw, 1, 40);
	hw[40] = '\0';
	snprintf(text, sizeof text,
	    "x invoked oom-killer: gfp_mask=0xcc0, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
	    "Hardware name: QEMU ab%s, BIOS 1.0\n"
	    "Mem-Info:\n"
	    "active_anon:100 inactive_anon:0 free:900\n"
	    "2000 pages RAM\n"
	    "0 pages reserved\n", hw);
	at = (size_t)snprintf(want, sizeof want, "About 50%% of RAM (3.9M of 7.8M) "
	    "is in no counter (not free, LRU, slab, page tables, kernel stacks or "
	    "reserved): most likely held by a balloon driver, as this is a "
	    "virtual machine (QEMU ab");
	for (int i = 0; i < 33; i++)
		at += (size_t)snprintf(want + at, sizeof want - at, "\\x01");
	snprintf(want + at, sizeof want - at, ").");
	mg_verdicts(text, (const char *[]){ "An order-0 GFP_KERNEL allocation by x "
	    "(pid 9) failed and invoked the OOM killer.", want, "The report is "
	    "incomplete; missing: zone lines, swap totals, task table, kill line.",
	    NULL });
}

/* Reclaim's sentences: the LRU clause only where file and anon sizes are
 * both known; the zones that gave up (3.10's per-zone flag) all named,
 * sixteen nodes' Normal zones beyond the 199 bytes the list once held */
static void
test_mg_reclaim(void **state)
{
	char text[32768], want[4096];
	size_t at, wat;
	(void)state;

	mg_verdicts("[ 1.0] x: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL), nodemask=(null)\n"
	    "[ 1.1] CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
	    "[ 1.2] Mem-Info:\n"
	    "[ 1.3] active_anon:100 inactive_anon:0 free:1900\n"
	    "[ 1.4] Node 0 active_anon:400kB inactive_anon:0kB all_unreclaimable? yes\n"
	    "[ 1.5] Node 0 Normal free:300kB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
	    "[ 1.6] lowmem_reserve[]: 0 0 0 0\n", (const char *[]){ "An order-0 "
	    "GFP_KERNEL allocation by x (pid 9) failed (page allocation failure: "
	    "no OOM kill).", "Normal is below its min watermark (free 300K, min "
	    "400K).", "Nothing is reclaimable: all_unreclaimable is yes on every "
	    "node.", "The report is incomplete; missing: buddy lines, swap "
	    "totals, pages RAM.", NULL });

	/* 16 nodes, then 140: a list past what a verdict line holds, cut
	 * there */
	for (int nodes = 16; nodes <= 140; nodes += 124) {
		at = (size_t)snprintf(text, sizeof text,
		    "x invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n"
		    "CPU: 0 PID: 9 Comm: x Not tainted 3.10.0-327.el7.x86_64 #1\n"
		    "Mem-Info:\n"
		    "active_anon:100 inactive_anon:0 free:1900\n"
		    "Node 0 DMA free:15892kB min:36kB low:44kB high:52kB active_anon:0kB "
		    "present:15992kB managed:15908kB all_unreclaimable? no\n"
		    "lowmem_reserve[]: 0 0 0 0\n");
		wat = (size_t)snprintf(want, sizeof want, "Reclaim had given up on ");
		for (int n = 0; n < nodes; n++) {
			at += (size_t)snprintf(text + at, sizeof text - at, "Node %d "
			    "Normal free:300kB min:400kB low:500kB high:600kB "
			    "active_anon:0kB present:40000kB managed:36000kB "
			    "all_unreclaimable? yes\nlowmem_reserve[]: 0 0 0 0\n", n);
			wat += (size_t)snprintf(want + wat, sizeof want - wat, "%sNode "
			    "%d Normal", n ? ", " : "", n);
		}
		snprintf(want + wat, sizeof want - wat, " (all_unreclaimable? yes).");
		want[EX_VERDICT_LEN - 1] = '\0';
		struct oom_reports rs;
		struct explain e;
		judge(text, &rs, &e);
		assert_int_equal(e.nverdict, 4);
		assert_string_equal(e.verdict[2], want);
		done(&rs, &e);
	}
}

/* memory.max = 0: the kernel takes totalpages 1 (mem_cgroup_get_max()
 * ?: 1), and a task of one page holds all of it */
static void
test_mg_memcg_zero(void **state)
{
	(void)state;
	mg_verdicts("stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "CPU: 2 PID: 210 Comm: stress Not tainted 5.10.0-8-amd64 #1\n"
	    "memory: usage 0kB, limit 0kB, failcnt 75131\n"
	    "swap: usage 0kB, limit 0kB, failcnt 0\n"
	    "Tasks state (memory values in pages):\n"
	    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[    210]     0   210    66442        1        0        0             0 stress\n"
	    "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),oom_memcg=/foo,task_memcg=/foo,task=stress,pid=210,uid=0\n"
	    "Memory cgroup out of memory: Killed process 210 (stress) total-vm:265768kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB\n",
	    (const char *[]){ "An order-0 GFP_HIGHUSER_MOVABLE allocation by "
	    "stress (pid 210) could not be charged to its memory cgroup and "
	    "invoked the cgroup's OOM killer.", "The memory cgroup /foo hit its "
	    "limit: 0K used of 0K (failcnt 75131). This is the cgroup's limit, "
	    "not a shortage of the machine's memory.", "stress (pid 210) alone "
	    "holds 100% of the cgroup's limit (RSS 4K, swap 0K).", "The kernel "
	    "killed stress (pid 210, score 1000, RSS 4K): the top-ranked task by "
	    "the kernel's badness (only the cgroup's tasks are candidates).",
	    NULL });
}

/* ------------------------------------------------------------------ */
/* me (issue #16): the small helpers and the kernel guess */

/* explain_zkb: exact kB strictly inside +-100M, fmt_kb() from there. */
static void
test_me_zkb(void **state)
{
	static const struct {
		int64_t kb;
		const char *want;
	} cases[] = {
		{ 0, "0K" }, { 4, "4K" }, { 102399, "102399K" }, { 102400, "100M" },
		{ -102399, "-102399K" }, { -102400, "-100M" }, { ZT_NA, "n/a" },
	};
	char buf[32];
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++)
		assert_string_equal(explain_zkb(buf, sizeof buf, cases[i].kb),
		    cases[i].want);
}

/* explain_zone_label: "Node N" when the zones are on more than one
 * node and this one printed its node. */
static void
test_me_zone_label(void **state)
{
	struct explain e;
	char buf[40];
	(void)state;

	memset(&e, 0, sizeof e);
	e.nzones = 3;
	e.zones = xcalloc(3, sizeof *e.zones);		/* exact size for ASan */
	static const struct {
		int node;
		const char *name;
	} z[] = { { 0, "DMA32" }, { 0, "Normal" }, { 1, "Normal" } };
	for (int i = 0; i < 3; i++) {
		e.zones[i].node = z[i].node;
		strcpy(e.zones[i].name, z[i].name);
	}
	assert_string_equal(explain_zone_label(&e, &e.zones[0], buf, sizeof buf),
	    "Node 0 DMA32");
	assert_string_equal(explain_zone_label(&e, &e.zones[2], buf, sizeof buf),
	    "Node 1 Normal");
	struct ex_zone bare = { .node = -1, .name = "Normal" };
	assert_string_equal(explain_zone_label(&e, &bare, buf, sizeof buf), "Normal");
	e.zones[2].node = 0;			/* one node: no "Node" */
	assert_string_equal(explain_zone_label(&e, &e.zones[2], buf, sizeof buf),
	    "Normal");
	e.nzones = 2;				/* the third is not read */
	e.zones[2].node = 1;
	assert_string_equal(explain_zone_label(&e, &e.zones[0], buf, sizeof buf),
	    "DMA32");
	free(e.zones);
}

/* explain_zone_populated: a zone of the type whose line said present:0
 * is not populated; one without a line, or without present:, may be. */
static void
test_me_zone_populated(void **state)
{
	static const char text[] =
	    "[ 1.0] t invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "[ 1.1] CPU: 0 PID: 5 Comm: t Not tainted 5.10.0-8-amd64 #1\n"
	    "[ 1.2] Mem-Info:\n"
	    "[ 1.3] Node 0 DMA free:0kB min:0kB low:0kB high:0kB present:0kB managed:0kB\n"
	    "[ 1.4] lowmem_reserve[]: 0 0 0 0\n"
	    "[ 1.5] Node 0 DMA32 free:4000kB min:400kB low:500kB high:600kB present:8000kB managed:8000kB\n"
	    "[ 1.6] lowmem_reserve[]: 0 0 0 0\n"
	    "[ 1.7] Node 0 Normal free:4000kB min:400kB low:500kB high:600kB managed:8000kB\n"
	    "[ 1.8] lowmem_reserve[]: 0 0 0 0\n"
	    "[ 1.9] Node 1 Normal free:0kB min:0kB low:0kB high:0kB present:0kB managed:0kB\n"
	    "[ 2.0] lowmem_reserve[]: 0 0 0 0\n"
	    "[ 2.0] Node 1 HighMem free:0kB min:0kB low:0kB high:0kB present:1kB managed:0kB\n"
	    "[ 2.1] Node 0 Movable: 0*4kB 0*8kB = 0kB\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	const struct oom_report *r = &rs.r[0];
	assert_false(explain_zone_populated(r, ZT_ZONE_DMA));
	assert_true(explain_zone_populated(r, ZT_ZONE_DMA32));
	assert_true(explain_zone_populated(r, ZT_ZONE_NORMAL));	/* no present: */
	assert_true(explain_zone_populated(r, ZT_ZONE_HIGHMEM));	/* 1 kB */
	assert_false(explain_zone_populated(r, ZT_ZONE_DEVICE));	/* none */
	assert_true(explain_zone_populated(r, ZT_ZONE_MOVABLE));	/* no line */
	done(&rs, &e);
}

/* Figures at int64's edge: an overflow is not available, never a wrapped
 * figure (ex_add), a memcg without a memory+swap line allows no swap
 * (its limit minus the memory limit is not available), and badness saturates the
 * right way (ex_sat: INT64_MAX pages plus a swap entry stay INT64_MAX; a
 * root bonus on an adj near INT64_MIN stays negative, scoring 1; a sum
 * below INT64_MIN floors at INT64_MIN + 1, not ZT_NA). */
static void
test_me_overflow(void **state)
{
#define ME_HEAD_510 \
	    "[ 9.1] t invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n" \
	    "[ 9.2] CPU: 0 PID: 5 Comm: t Not tainted 5.10.0-8-amd64 #1\n" \
	    "[ 9.3] Mem-Info:\n" \
	    "[ 9.4] Total swap = 0kB\n" \
	    "[ 9.5] 262144 pages RAM\n" \
	    "[ 9.6] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	static const char big[] =
	    ME_HEAD_510
	    "[ 9.7] [     10]  1000    10   200000 9223372036854775807  0        1             0 big\n"
	    "[ 9.7] [     11]  1000    11   200000      100        0        0             0 small\n"
	    "[ 9.9] Out of memory: Killed process 10 (big) total-vm:800000kB, anon-rss:9223372036854775807kB, file-rss:2kB, shmem-rss:5kB, UID:1000 pgtables:8kB oom_score_adj:0\n";
	static const char memcg[] =
	    "[ 3.1] t invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 3.2] CPU: 0 PID: 5 Comm: t Not tainted 4.4.0-130-generic #156\n"
	    "[ 3.3] Task in /docker/x killed as a result of limit of /docker/x\n"
	    "[ 3.4] memory: usage 4096kB, limit 4096kB, failcnt 4563\n"
	    "[ 3.5] Mem-Info:\n"
	    "[ 3.5] Total swap = 8192kB\n"
	    "[ 3.6] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name\n"
	    "[ 3.7] [   10]  1000    10    74852      100       0       0        0             0 a\n";
	static const char root[] =
	    "[ 9.1] t invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n"
	    "[ 9.2] CPU: 0 PID: 5 Comm: t Not tainted 3.10.0-123.el7.x86_64 #1\n"
	    "[ 9.3] Mem-Info:\n"
	    "[ 9.4] Total swap = 0kB\n"
	    "[ 9.5] 262144 pages RAM\n"
	    "[ 9.6] [ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name\n"
	    "[ 9.7] [   10]     0    10   200000     1000      0        0 -9223372036854775800 neg\n"
	    "[ 9.7] [   11]  1000    11   200000      100      0        0           0 small\n";
	static const char neg[] =
	    ME_HEAD_510
	    "[ 9.7] [     10]  1000    10   200000 -9223372036854775807  0       -5             0 neg\n"
	    "[ 9.7] [     11]  1000    11   200000      100        0        0             0 small\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;
#undef ME_HEAD_510

	judge(big, &rs, &e);
	assert_true(e.victim_rss_kb == ZT_NA);		/* anon + file overflows */
	assert_true(etask(&e, 10)->mem_points == INT64_MAX);
	done(&rs, &e);
	judge(memcg, &rs, &e);
	assert_int_equal(e.totalpages, 1024);		/* the limit alone */
	done(&rs, &e);
	judge(root, &rs, &e);
	assert_int_equal(etask(&e, 10)->points, 1);
	assert_int_equal(etask(&e, 11)->points, 100);
	done(&rs, &e);
	/* below INT64_MIN: the floor is INT64_MIN + 1, never ZT_NA */
	judge(neg, &rs, &e);
	assert_true(etask(&e, 10)->mem_points == INT64_MIN + 1);
	assert_true(etask(&e, 10)->points == INT64_MIN + 1);	/* 5.9+: signed */
	done(&rs, &e);
}

#include "fixture.h"

/* A real report of the fixtures with every line holding drop taken out,
 * explained: "ainted" takes out the release (the CPU line's "Not
 * tainted"/"Tainted:"). */
static void
me_judge_without(const char *rel, const char *drop, struct oom_reports *rs,
    struct explain *e)
{
	size_t len;
	char *text = fixture(rel, &len);
	struct zt_buf b = { 0 };

	for (char *p = text, *end = text + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		char *line = exact_copy(p, n);
		bool hit = false;
		for (size_t i = 0; i + strlen(drop) <= n; i++)
			hit |= memcmp(line + i, drop, strlen(drop)) == 0;
		if (!hit)
			buf_add(&b, line, n);
		free(line);
		p += n;
	}
	buf_add(&b, "", 1);
	free(text);
	judge(b.p, rs, e);
	buf_free(&b);
}

/*
 * ex_version_bounds and ex_kernel: real reports without their release,
 * dated by their format alone (the oracle's release, where known, is in
 * the file's name and within the range): the GFP names (4.6+), the node
 * lines (4.8+), pgtables_bytes (4.15+), the oom-kill: line (5.0+), the
 * 5.1+ kill line, its UID (5.4+), reserved_highatomic (5.5+), boost
 * (5.16+), sec_pagetables (6.0+), rss_anon (6.8+); the select line
 * (before 5.1), a zone's all_unreclaimable (before 4.8), nr_pmds (4.0 ..
 * 4.14: dump_tasks() prints it since "mm: account pmd page tables to the
 * process", 4.0), nr_ptes alone (before 4.0), oom_adj (before 2.6.36).
 * Then the
 * earliest release of the GFP layout that best decodes the mask within
 * the range; a report without a mask gets no layout (-1).
 */
static void
test_me_kernel_by_format(void **state)
{
	static const struct {
		const char *rel, *kernel;
		int kv, layout;
	} cases[] = {
		{ "oom-corpus-fresh/005-4.19-x86_64-memcg-vmware-log-guest-prefix-tasks-cut.txt",
		    "unknown (4.15 or later by its format)", 4015000, -1 },
		{ "oom-corpus-holdout/060-4.19-loongarch64-memcg-v1-syslog-blank-comm-suppressed.txt",
		    "unknown (4.15 or later by its format)", 4018000, 3 },
		{ "oom-corpus-fresh/020-unknown-x86_64-oom-header-then-tasks-trimmed.txt",
		    "unknown (4.15 or later by its format)", 5001000, 4 },
		{ "oom-corpus-fresh2/020-unknown-x86_64-memcg-task-in-path-wrapped-kill-line-cut.txt",
		    "unknown (4.15 to 5.1 by its format)", 4015000, -1 },
		{ "oom-corpus-fresh2/035-unknown-arm-global-zone-tail-empty-task-table-no-killable-panic.txt",
		    "unknown (4.0 to 4.8 by its format)", 4000000, -1 },
		{ "oom-corpus-fresh/010-4.9-x86_64-allocfail-atomic-first-line-bare-then-syslog.txt",
		    "unknown (4.6 or later by its format)", 4006000, 1 },
		{ "oom-corpus-fresh/047-4.15-x86_64-oom-kvm-vcpu-cpuset-header-only.txt",
		    "unknown (4.6 or later by its format)", 4010000, 2 },
		{ "oom-corpus-fresh/004-4.19-x86_64-memcg-vmware-log-guest-prefix-header.txt",
		    "unknown (4.6 or later by its format)", 4018000, 3 },
		{ "oom-corpus-fresh/007-5.3-x86_64-memcg-sles-syslog-comm-with-blank-slash.txt",
		    "unknown (4.6 or later by its format)", 5001000, 4 },
		{ "oom-corpus-fresh/011-6.8-xtensa-allocfail-atomic-esp-wifi-lines-stack.txt",
		    "unknown (4.6 or later by its format)", 6003000, 5 },
		{ "oom-corpus-fresh4/011-4.8-x86_64-global-lkml-hypermail-bare-lines-balloon-meminfo-cut.txt",
		    "unknown (4.8 or later by its format)", 4008000, 1 },
		{ "oom-corpus-holdout/061-4.10-x86_64-global-kernel-colon-prefix-mailquote-wrapped.txt",
		    "unknown (4.8 or later by its format)", 4010000, 2 },
		{ "oom-corpus-holdout/031-4.7-x86_64-global-order2-dmesgH-mailquote-reply.txt",
		    "unknown (4.8 to 4.15 by its format)", 4008000, 1 },
		{ "oom-corpus-holdout/038-4.10-i686-highmem-global-syslog-quoted-printable.txt",
		    "unknown (4.8 to 4.15 by its format)", 4010000, 2 },
		{ "oom-corpus-fresh/027-unknown-arm64-global-tasks-then-oom-kill-cut.txt",
		    "unknown (5.0 or later by its format)", 5000000, -1 },
		{ "oom-corpus-fresh2/014-unknown-x86_64-global-5x-kill-line-amid-systemd-kmsg-lines.txt",
		    "unknown (5.1 or later by its format)", 5001000, -1 },
		{ "oom-corpus-fresh2/015-unknown-sparc64-oom-no-header-meminfo-tail-tasks-state.txt",
		    "unknown (5.16 or later by its format)", 5016000, -1 },
		{ "oom-corpus-fresh/022-unknown-x86_64-memcg-kill-line-in-npd-json-event.txt",
		    "unknown (5.4 or later by its format)", 5004000, -1 },
		{ "oom-corpus-fresh5/025-unknown-x86_64-oom-tempesta-boot-time-zone-and-buddy-tail-tasks-state-cut.txt",
		    "unknown (5.5 or later by its format)", 5005000, -1 },
		{ "oom-corpus-holdout/030-6.4-x86_64-allocfail-numa-dmesgH-interleaved.txt",
		    "unknown (6.0 or later by its format)", 6000000, 4 },
		{ "oom-corpus-fresh5/023-unknown-unknown-oom-deepin-backport-commit-message-tasks-state-example.txt",
		    "unknown (6.8 or later by its format)", 6008000, -1 },
		{ "oom-corpus-fresh2/017-2.6.32-x86_64-global-debian-oom-adj-pid-comm-unsure-frames.txt",
		    "unknown (before 2.6.36 by its format)", 0, 0 },
		{ "oom-corpus-fresh/006-unknown-x86_64-memcg-v1-syslog-task-in-systemd-slice.txt",
		    "unknown (before 4.0 by its format)", 3010000, -1 },
		{ "oom-corpus-holdout/032-3.13-x86_64-allocfail-order4-radeon.txt",
		    "unknown (before 4.8 by its format)", 3010000, 0 },
		/* every zone all_unreclaimable? no: still the <= 4.7 zone line */
		{ "oom-corpus/006-4.1-arm64-allocfail-order2-android-vendor.txt",
		    "unknown (before 4.8 by its format)", 3010000, 0 },
		{ "oom-corpus-fresh/015-unknown-x86_64-global-markdown-inline-code-child-killed.txt",
		    "unknown (before 5.1 by its format)", 3010000, -1 },
		{ "oom-corpus-fresh/001-3.10-x86_64-memcg-v1-dmesgT-oom-synchronize-header.txt",
		    "unknown", 3010000, 0 },
		{ "oom-corpus-fresh2/006-4.4-x86_64-global-order2-syslog-backtick-glued-cut.txt",
		    "unknown", 4004000, 1 },
	};
	(void)state;

	/* a format that contradicts itself (oom_adj= and a 4.8+ node line):
	 * no release, no layout */
	static const char none[] =
	    "x invoked oom-killer: gfp_mask=0x20, order=0, oom_adj=0\n"
	    "Node 0 active_anon:400kB inactive_anon:0kB active_file:40kB inactive_file:0kB all_unreclaimable? no\n";
	struct oom_reports rs;
	struct explain e;
	judge(none, &rs, &e);
	assert_int_equal(e.kv, -1);
	assert_int_equal(e.layout, -1);
	assert_true(e.kv_inferred);
	assert_string_equal(e.kernel, "unknown");
	/* no alloc flag named: the name is empty and nothing around it is
	 * touched (the memcg figures before it stay not available) */
	assert_string_equal(e.alloc_flags, "");
	assert_true(e.memcg_failcnt == ZT_NA);
	done(&rs, &e);
	/* bounds that meet: a 4.8+ node line and a <= 4.7 zone line */
	static const char meet[] =
	    "x invoked oom-killer: gfp_mask=0x20, order=0, oom_score_adj=0\n"
	    "Node 0 active_anon:400kB inactive_anon:0kB active_file:40kB inactive_file:0kB all_unreclaimable? no\n"
	    "Node 0 DMA32 free:4000kB min:400kB low:500kB high:600kB present:8000kB managed:8000kB all_unreclaimable? no\n";
	judge(meet, &rs, &e);
	assert_int_equal(e.kv, -1);
	assert_int_equal(e.layout, -1);
	assert_string_equal(e.kernel, "unknown");
	done(&rs, &e);

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		me_judge_without(cases[i].rel, "ainted", &rs, &e);
		if (strcmp(e.kernel, cases[i].kernel) != 0 || e.kv != cases[i].kv ||
		    e.layout != cases[i].layout || !e.kv_inferred)
			fail_msg("%s: \"%s\", kv %d, layout %d", cases[i].rel, e.kernel,
			    e.kv, e.layout);
		done(&rs, &e);
	}
}

/* Thirteen verdicts for twelve places: the thirteenth (the missing list,
 * 40) is lighter than every one kept and is dropped; the twelve and the
 * missing list stay whole (ex_verdict_add's scan reads weight[] alone). */
static void
test_me_verdicts_full(void **state)
{
	static const char text[] =
	    "[ 1.0] t invoked oom-killer: gfp_mask=0x24000c0(GFP_HIGHUSER), order=0, oom_score_adj=0\n"
	    "[ 1.0] CPU: 0 PID: 5 Comm: t Not tainted 4.4.0-21-generic #37\n"
	    "[ 1.0] Task in /x killed as a result of limit of /x\n"
	    "[ 1.0] memory: usage 1000000kB, limit 1000000kB, failcnt 9\n"
	    "[ 1.0] memory+swap: usage 1000000kB, limit 1000000kB, failcnt 0\n"
	    "[ 1.1] Mem-Info:\n"
	    "[ 1.2] active_anon:100000 inactive_anon:0 isolated_anon:0 active_file:10 inactive_file:0 isolated_file:0 unevictable:0 dirty:0 writeback:0 unstable:0 slab_reclaimable:10 slab_unreclaimable:10 mapped:0 shmem:0 pagetables:10 bounce:0 free:100 free_pcp:0 free_cma:0\n"
	    "[ 1.3] Node 0 DMA32 free:400kB min:800kB low:1000kB high:1200kB active_anon:4000kB inactive_anon:0kB active_file:40kB inactive_file:0kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:1048576kB managed:1000000kB all_unreclaimable? yes\n"
	    "[ 1.4] lowmem_reserve[]: 0 0 0 0\n"
	    "[ 1.6] Free swap  = 0kB\n"
	    "[ 1.6] Total swap = 0kB\n"
	    "[ 1.7] 262144 pages RAM\n"
	    "[ 1.8] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name\n"
	    "[ 1.9] [   10]  1000    10   200000   200000       0       0        0             0 big\n"
	    "[ 1.9] [   11]  1000    11   200000      100       0       0        0             0 small\n"
	    "[ 2.2] Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled\n"
	    "[ 2.0] Memory cgroup out of memory: Kill process 10 (big) score 800 or sacrifice child\n"
	    "[ 2.1] Killed process 10 (big) total-vm:800000kB, anon-rss:800000kB, file-rss:0kB\n";
	static const char *const want[] = {
		"could not be charged", "panicked", "hit its limit", "in no counter",
		"alone holds", "below its min", "Nothing is reclaimable",
		"allows no swap", "There is no swap", "The kernel killed big",
		"missing Normal zone", "prints the flags as GFP_HIGHUSER",
	};
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_int_equal(e.nverdict, EX_MAX_VERDICT);
	for (int i = 0; i < EX_MAX_VERDICT; i++)
		if (strstr(e.verdict[i], want[i]) == NULL)
			fail_msg("verdict %d: %s", i + 1, e.verdict[i]);
	assert_int_equal(e.weight[0], 1000);
	assert_int_equal(e.weight[EX_MAX_VERDICT - 1], 100);
	assert_int_equal(e.nmissing, 1);
	assert_string_equal(e.missing[0], "buddy lines");
	done(&rs, &e);
}

/* ex_types: a report without lowmem_reserve[] lines still has the types
 * of its zone lines, DMA (type 0) among them: x86_64's DMA, DMA32, Normal
 * and the Movable always compiled in. */
static void
test_me_types_unreserved(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	me_judge_without("oom/oom-6.1-global-swap-1.txt", "lowmem_reserve", &rs, &e);
	assert_int_equal(e.ntypes, 4);
	assert_int_equal(e.type_of_slot[0], ZT_ZONE_DMA);
	assert_int_equal(e.type_of_slot[1], ZT_ZONE_DMA32);
	assert_int_equal(e.type_of_slot[2], ZT_ZONE_NORMAL);
	assert_int_equal(e.type_of_slot[3], ZT_ZONE_MOVABLE);
	assert_int_equal(e.zone_types, (1u << ZT_ZONE_DMA) | (1u << ZT_ZONE_DMA32) |
	    (1u << ZT_ZONE_NORMAL) | (1u << ZT_ZONE_MOVABLE));
	done(&rs, &e);
	/* no zone line, no word size: Normal and Movable alone; a mask of no
	 * zone modifier asks for Normal, slot 0; without a mask no slot */
	me_judge_without("oom-corpus-fresh/004-4.19-x86_64-memcg-vmware-log-guest-prefix-header.txt",
	    "ainted", &rs, &e);
	assert_int_equal(e.ntypes, 2);
	assert_int_equal(e.zone_types, (1u << ZT_ZONE_NORMAL) | (1u << ZT_ZONE_MOVABLE));
	assert_int_equal(e.highest_type, ZT_ZONE_NORMAL);
	assert_int_equal(e.slot, 0);
	done(&rs, &e);
	me_judge_without("oom-corpus-fresh/005-4.19-x86_64-memcg-vmware-log-guest-prefix-tasks-cut.txt",
	    "ainted", &rs, &e);
	assert_int_equal(e.ntypes, 2);
	assert_int_equal(e.highest_type, ZT_ZONE_UNKNOWN);
	assert_int_equal(e.slot, -1);
	done(&rs, &e);
	/* __GFP_DMA|__GFP_HIGHMEM, a zone combination gfp_zone() calls bad:
	 * no highest zone, no slot (not the first unused one) */
	static const char bad[] =
	    "[ 1.0] x invoked oom-killer: gfp_mask=0x3, order=0, oom_score_adj=0\n"
	    "[ 1.1] CPU: 0 PID: 9 Comm: x Not tainted 4.4.0-21-generic #37\n";
	judge(bad, &rs, &e);
	assert_int_equal(e.ntypes, 2);
	assert_int_equal(e.highest_type, ZT_ZONE_UNKNOWN);
	assert_int_equal(e.slot, -1);
	done(&rs, &e);
}

/* An empty zone (present 0) is in no zonelist (build_zonerefs_node()
 * adds populated zones only; managed ones in 4.19-5.17), so the
 * allocator never checked it: its free 0 against min 0 is no verdict */
static void
test_empty_zone_not_checked(void **state)
{
	static const char text[] =
	    "x invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
	    "Mem-Info:\n"
	    "active_anon:100 inactive_anon:0 free:1900\n"
	    "Node 0 DMA32 free:400kB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
	    "lowmem_reserve[]: 0 0 0 0\n"
	    "Node 0 Normal free:400kB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
	    "lowmem_reserve[]: 0 0 0 0\n"
	    "Node 0 Movable free:0kB min:0kB low:0kB high:0kB present:0kB managed:0kB\n"
	    "lowmem_reserve[]: 0 0 0 0\n"
	    "0 pages reserved\n";
	struct oom_reports rs;
	struct explain e;
	bool normal = false;
	(void)state;

	judge(text, &rs, &e);
	for (int i = 0; i < e.nverdict; i++) {
		print_message("# %s\n", e.verdict[i]);
		assert_null(strstr(e.verdict[i], "Movable"));
		if (strstr(e.verdict[i], "Normal is below its min watermark") &&
		    strstr(e.verdict[i], "DMA32 is below its min watermark"))
			normal = true;
	}
	done(&rs, &e);
	assert_true(normal);
}

/* ed: explain_report's page size and its not-available starts. */

/* A 64 kB-page arm64 OOM (RHEL 8 aarch64 builds 64K pages; 4.18's
 * show_free_areas(): "Node %d %s: ", "%lu*%lukB " per order, "= %lukB"):
 * the page is the first buddy line's order-0 block; dma and normal are
 * the two zones' order-0 block sizes in kB, 0 for no buddy line. */
static int
ed_page_kb(int dma, int normal)
{
	static const char head[] =
	    "[ 9.0] x invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null), order=0, oom_score_adj=0\n"
	    "[ 9.1] CPU: 1 PID: 9 Comm: x Not tainted 4.18.0-305.el8.aarch64 #1\n"
	    "[ 9.2] Mem-Info:\n"
	    "[ 9.3] active_anon:100 inactive_anon:0 free:1900\n"
	    "[ 9.4] Node 0 DMA32 free:64000kB min:6400kB low:8000kB high:9600kB present:1048576kB managed:1000000kB\n"
	    "[ 9.5] lowmem_reserve[]: 0 0 0\n"
	    "[ 9.6] Node 0 Normal free:64000kB min:6400kB low:8000kB high:9600kB present:1048576kB managed:1000000kB\n"
	    "[ 9.7] lowmem_reserve[]: 0 0 0\n";
	char text[2048];
	struct oom_reports rs;
	struct explain e;
	size_t at = strlcpy0(text, head, sizeof text);
	const char *name[] = { "DMA32", "Normal" };
	int block[] = { dma, normal };

	for (int i = 0; i < 2; i++)
		if (block[i] > 0)
			at += (size_t)snprintf(text + at, sizeof text - at,
			    "[ 9.8] Node 0 %s: 1000*%dkB 0*%dkB = %dkB\n", name[i],
			    block[i], 2 * block[i], 1000 * block[i]);
	judge(text, &rs, &e);
	assert_int_equal(rs.r[0].nzones, 2);
	int kb = e.page_kb;
	done(&rs, &e);
	return kb;
}

/* A fixture's one report, explained. */
static void
ed_judge_fixture(const char *rel, struct oom_reports *rs, struct explain *e)
{
	size_t len;
	char *text = fixture(rel, &len);

	text = xrealloc(text, len + 1);
	text[len] = '\0';
	judge(text, rs, e);
	free(text);
}

static void
test_ed_page_kb(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	/* sparc64's 8 kB pages, one zone */
	ed_judge_fixture("oom-corpus-fresh2/015-unknown-sparc64-oom-no-header-meminfo-tail-tasks-state.txt",
	    &rs, &e);
	assert_int_equal(e.page_kb, 8);
	done(&rs, &e);

	assert_int_equal(ed_page_kb(64, 64), 64);
	/* the first zone's block wins, where it is a page size: a power
	 * of two from 4 to 1024 kB; a zone without a buddy line (its block
	 * not available), or with a block that is no page size, is passed
	 * over (a damaged paste) */
	assert_int_equal(ed_page_kb(4, 64), 4);
	assert_int_equal(ed_page_kb(0, 64), 64);
	assert_int_equal(ed_page_kb(2, 8), 8);
	assert_int_equal(ed_page_kb(12, 16), 16);
	assert_int_equal(ed_page_kb(2048, 1024), 1024);
	assert_int_equal(ed_page_kb(1024, 8), 1024);
	/* no buddy line, or none a page size: 4 kB */
	assert_int_equal(ed_page_kb(0, 0), 4);
	assert_int_equal(ed_page_kb(2, 2048), 4);
}

/* An allocation failure kills nothing: no victim, its score and rss not
 * available (never 0) */
static void
test_ed_no_victim(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	ed_judge_fixture("oom-corpus/004-5.10-x86_64-allocfail-order9.txt", &rs, &e);
	assert_int_equal(rs.r[0].kind, OOM_KIND_ALLOC_FAIL);
	assert_false(e.have_victim);
	assert_false(e.chosen_only);
	assert_false(zt_have(e.victim_score));
	assert_false(zt_have(e.victim_rss_kb));
	done(&rs, &e);
}

/* explain_free() leaves no dangling pointer: the struct is empty after
 * it, and a second call frees nothing twice */
static void
test_ed_free(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	ed_judge_fixture("oom/oom-6.1-global-swap-1.txt", &rs, &e);
	assert_true(e.nzones > 0);
	assert_true(e.ntasks > 0);
	explain_free(&e);
	assert_null(e.zones);
	assert_null(e.tasks);
	assert_int_equal(e.nzones, 0);
	assert_int_equal(e.ntasks, 0);
	done(&rs, &e);
}

/* ------------------------------------------------------------------ */
/* ec: the zones' sentence and the missing highest zone
 * (ex_verdict_zones, ex_verdict_missing_zone) */

/* A 5.4 page-fault OOM (pagefault_out_of_memory(): gfp_mask 0) of a
 * nine-node machine, each node's Normal above its high watermark (601K
 * .. 609K free, high 600K): the sentence names the first eight zones
 * and stops there, as the watermark sentence does */
static void
test_ec_fault_nine_zones(void **state)
{
	char text[4096];
	size_t at;
	(void)state;

	at = (size_t)snprintf(text, sizeof text,
	    "x invoked oom-killer: gfp_mask=0x0, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
	    "Mem-Info:\n"
	    "active_anon:100 inactive_anon:0 free:1900\n");
	for (int k = 0; k < 9; k++)
		at += (size_t)snprintf(text + at, sizeof text - at, "Node %d Normal "
		    "free:%dkB min:400kB low:500kB high:600kB present:40000kB "
		    "managed:36000kB\nlowmem_reserve[]: 0 0 0 0\n", k, 601 + k);
	snprintf(text + at, sizeof text - at, "0 pages reserved\n");
	mg_verdicts(text, (const char *[]){ MG_WM_FAULT, "Memory was not short: "
	    "Node 0 Normal (601K free), Node 1 Normal (602K free), Node 2 Normal "
	    "(603K free), Node 3 Normal (604K free), Node 4 Normal (605K free), "
	    "Node 5 Normal (606K free), Node 6 Normal (607K free) and Node 7 "
	    "Normal (608K free) are above their high watermarks. Whatever "
	    "returned VM_FAULT_OOM (a driver's fault handler, or a failed memory "
	    "cgroup charge) caused this, not the page allocator.", MG_ZONES_LAST,
	    NULL });
}

/* A paste cut in its last zone line, after low: (show_free_areas()
 * prints free, min, low, high in that order): Normal's high watermark is
 * not known, so neither is whether it passed the high check
 * (ex_zones() leaves that mark's check -1).  Not "above its high
 * watermark (high n/a)" as before, and no claim that no zone meets high;
 * on a page fault, not a zone above high either */
static void
test_ec_high_unknown(void **state)
{
	static const char cut[] =
	    "x invoked oom-killer: gfp_mask=%s, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0-26-generic #1\n"
	    "Mem-Info:\n"
	    "active_anon:100 inactive_anon:0 free:1900\n"
	    "Node 0 DMA32 free:500kB min:400kB low:500kB high:600kB present:40000kB managed:36000kB\n"
	    "lowmem_reserve[]: 0 0 0 0\n"
	    "Node 0 Normal free:700kB min:400kB low:500kB\n";
	static const struct {
		const char *gfp, *first;
	} cases[] = { { "0xcc0", MG_WM_KERNEL }, { "0x0", MG_WM_FAULT } };
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		char text[1024];
		snprintf(text, sizeof text, cut, cases[i].gfp);
		mg_verdicts(text, (const char *[]){ cases[i].first, "Normal passes "
		    "min (free 700K, high not known) and DMA32 passes min "
		    "but not high (free 500K, high 600K).", "The report is "
		    "incomplete; missing: lowmem_reserve, buddy lines, swap totals, "
		    "pages RAM, task table, kill line.", NULL });
	}
}


/* ---- ea: ex_kernel and ex_trace (mutation testing) ---- */

/* A printed release is the kernel, whatever its number: "0.0.0", the
 * lowest oomreport_kv() reads (kv 0), is not a release to infer; its
 * layout is the oldest (gfp_layout(0)) */
static void
test_ea_release_zero(void **state)
{
	static const char text[] =
	    "t invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 5 Comm: t Not tainted 0.0.0 #1\n"
	    "Mem-Info:\n"
	    "Total swap = 0kB\n"
	    "262144 pages RAM\n"
	    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[     10]     0    10   200000   100000     8192        0             0 t\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_string_equal(e.kernel, "0.0.0");
	assert_int_equal(e.kv, 0);
	assert_false(e.kv_inferred);
	assert_int_equal(e.layout, 0);
	done(&rs, &e);
}

/* A layout that starts where the format's upper bound is, is outside
 * [lo, hi): the select line (before 5.1) with 5.1's GFP_HIGHUSER_MOVABLE
 * (0x100cca, one name on 5.1) is still dated before 5.1, and a task table
 * with nr_ptes alone (before 4.0) with 4.4's GFP_HIGHUSER_MOVABLE
 * (0x24200ca) before 4.0: the mask picks among the layouts the bounds
 * allow, it never widens them */
static void
test_ea_layout_at_bound(void **state)
{
	static const char select51[] =
	    "[ 1.0] big invoked oom-killer: gfp_mask=0x100cca, order=0, oom_score_adj=0\n"
	    "[ 1.1] Mem-Info:\n"
	    "[ 1.6] Total swap = 0kB\n"
	    "[ 1.7] 262144 pages RAM\n"
	    "[ 2.0] Out of memory: Kill process 10 (big) score 800 or sacrifice child\n"
	    "[ 2.1] Killed process 10 (big) total-vm:800000kB, anon-rss:800000kB, file-rss:0kB, shmem-rss:0kB\n";
	static const char ptes44[] =
	    "[ 1.0] big invoked oom-killer: gfp_mask=0x24200ca, order=0, oom_score_adj=0\n"
	    "[ 1.1] Mem-Info:\n"
	    "[ 1.6] Total swap = 0kB\n"
	    "[ 1.7] 262144 pages RAM\n"
	    "[ 1.8] [ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name\n"
	    "[ 1.9] [   10]  1000    10   200000   200000     400        0             0 big\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(select51, &rs, &e);
	assert_string_equal(e.kernel, "unknown (before 5.1 by its format)");
	assert_true(e.kv_inferred);
	assert_int_equal(e.layout, 0);
	assert_int_equal(e.kv, 3010000);
	done(&rs, &e);
	judge(ptes44, &rs, &e);
	assert_string_equal(e.kernel, "unknown (before 4.0 by its format)");
	assert_int_equal(e.layout, 0);
	assert_int_equal(e.kv, 3010000);
	done(&rs, &e);
}

/* The printed names pick the layout where the mask alone cannot: 0x800
 * is one name on every layout from 4.4 (__GFP_NOFAIL before 5.1,
 * GFP_NOWAIT from), so the earliest allowed (4.6, the names' own bound)
 * would win on the mask; "GFP_NOWAIT" is 0x800 on 5.1 .. 6.11 alone
 * (0x2000000, 0x1000000, 0x400000 before): a real 5.9 allocation failure
 * without its release is dated 5.1 */
static void
test_ea_names_pick_layout(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	me_judge_without("oom-corpus-fresh/012-5.9-x86_64-allocfail-nowait-secs-then-kernel-colon.txt",
	    "ainted", &rs, &e);
	assert_string_equal(e.kernel, "unknown (4.6 or later by its format)");
	assert_int_equal(e.layout, 4);
	assert_int_equal(e.kv, 5001000);
	done(&rs, &e);
}

/* A name a layout does not know rules that layout out even where the
 * names it knows make up the mask: the kernel printed each name for bits
 * of its own (%pGg takes them off as it goes), so a layout that leaves a
 * printed name without bits is not the kernel's.  0xce0 with
 * "GFP_KERNEL|__GFP_HIGH|__GFP_ATOMIC": on 6.3+ GFP_KERNEL|__GFP_HIGH is
 * 0xce0 but __GFP_ATOMIC is gone; on 5.1 .. 6.2 __GFP_ATOMIC is 0x200, not
 * in the mask.  No layout fits the names, and the mask (GFP_KERNEL|
 * __GFP_HIGH on both) keeps the earliest */
static void
test_ea_name_unknown_to_layout(void **state)
{
	static const char text[] =
	    "x invoked oom-killer: gfp_mask=0xce0(GFP_KERNEL|__GFP_HIGH|__GFP_ATOMIC), order=0, oom_score_adj=0\n"
	    "Mem-Info:\n"
	    "Total swap = 0kB\n"
	    "262144 pages RAM\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	judge(text, &rs, &e);
	assert_string_equal(e.kernel, "unknown (4.6 or later by its format)");
	assert_int_equal(e.layout, 4);
	assert_int_equal(e.kv, 5001000);
	done(&rs, &e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_watermark_43),
		cmocka_unit_test(test_chosen_without_kill_line),
		cmocka_unit_test(test_constraint_unset_memcg),
		cmocka_unit_test(test_sysrq_order0),
		cmocka_unit_test(test_watermark_flags_direct),
		cmocka_unit_test(test_watermark_flags_edges),
		cmocka_unit_test(test_watermark_43_orders),
		cmocka_unit_test(test_alloc_flags_atomic),
		cmocka_unit_test(test_alloc_flags_no_kswapd),
		cmocka_unit_test(test_highatomic_reserve),
		cmocka_unit_test(test_badness_2636),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_constrained_totalpages),
		cmocka_unit_test(test_memcg_swap_unknown),
		cmocka_unit_test(test_negative_badness),
		cmocka_unit_test(test_printed_names_truth),
		cmocka_unit_test(test_vmalloc_error),
		cmocka_unit_test(test_oom_group),
		cmocka_unit_test(test_unknown_constraint),
		cmocka_unit_test(test_hx2_node_unreclaimable),
		cmocka_unit_test(test_hx2_alloc_flags),
		cmocka_unit_test(test_hx2_alloc_flags_inferred),
		cmocka_unit_test(test_hx2_zone_figures),
		cmocka_unit_test(test_hx2_zone_checked),
		cmocka_unit_test(test_hx2_zone_slot),
		cmocka_unit_test(test_hx2_zone_reserves),
		cmocka_unit_test(test_hx2_reclaim),
		cmocka_unit_test(test_hx2_unaccounted),
		cmocka_unit_test(test_hx2_high_without_cma),
		cmocka_unit_test(test_hx2_zone_reserve_repeated),
		cmocka_unit_test(test_hx2_zone_device),
		cmocka_unit_test(test_hx2_zone_edges),
		cmocka_unit_test(test_hx1_node_lists),
		cmocka_unit_test(test_hx1_nodes_pages),
		cmocka_unit_test(test_hx1_ram),
		cmocka_unit_test(test_hx1_memcg_totalpages),
		cmocka_unit_test(test_hx1_root_bonus),
		cmocka_unit_test(test_hx1_root_bonus_seen),
		cmocka_unit_test(test_hx1_badness_signed),
		cmocka_unit_test(test_hx1_badness_edges),
		cmocka_unit_test(test_hx1_badness_2636_edges),
		cmocka_unit_test(test_hx1_mem_points),
		cmocka_unit_test(test_hx1_legacy),
		cmocka_unit_test(test_hx1_victim_notes),
		cmocka_unit_test(test_hx1_victim_chosen),
		cmocka_unit_test(test_hx1_unknown_kernel),
		cmocka_unit_test(test_mg_memcg),
		cmocka_unit_test(test_mg_swap),
		cmocka_unit_test(test_mg_unaccounted),
		cmocka_unit_test(test_mg_tasks),
		cmocka_unit_test(test_mg_missing_zone),
		cmocka_unit_test(test_mg_costly),
		cmocka_unit_test(test_mg_zones),
		cmocka_unit_test(test_mg_notes),
		cmocka_unit_test(test_mg_ties),
		cmocka_unit_test(test_mg_hw),
		cmocka_unit_test(test_mg_reclaim),
		cmocka_unit_test(test_mg_memcg_zero),
		cmocka_unit_test(test_me_zkb),
		cmocka_unit_test(test_me_zone_label),
		cmocka_unit_test(test_me_zone_populated),
		cmocka_unit_test(test_me_overflow),
		cmocka_unit_test(test_me_kernel_by_format),
		cmocka_unit_test(test_me_verdicts_full),
		cmocka_unit_test(test_me_types_unreserved),
		cmocka_unit_test(test_empty_zone_not_checked),
		cmocka_unit_test(test_ed_page_kb),
		cmocka_unit_test(test_ed_no_victim),
		cmocka_unit_test(test_ed_free),
		cmocka_unit_test(test_ec_fault_nine_zones),
		cmocka_unit_test(test_ec_high_unknown),
		cmocka_unit_test(test_ea_release_zero),
		cmocka_unit_test(test_ea_layout_at_bound),
		cmocka_unit_test(test_ea_names_pick_layout),
		cmocka_unit_test(test_ea_name_unknown_to_layout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
