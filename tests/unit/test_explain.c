/*
 * test_explain.c: explain_report() on the real reports and the seed:
 * decoded flags, zones and their watermark checks, reclaim and swap,
 * unaccounted memory, the badness ranking and victim, the verdict lines;
 * the seed pasted as journalctl, dmesg -T, dmesg, bare text, CRLF and a
 * mail quote gives the same analysis; every report cut every 37 bytes,
 * with lines shuffled or bytes garbled, gives partial results and never
 * a crash; explain_main()'s exit codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "commands.h"
#include "explain.h"
#include "gfp.h"
#include "oomreport.h"
#include "snapshot.h"
#include "util.h"

static const char *const fixtures[] = {
	"oom/seed-4.4-kvm-balloon.txt",
	"oom/oom-3.10el7-numa-swap-1.txt",
	"oom/oom-4.4-memcg-docker-1.txt",
	"oom/oom-5.7-32bit-highmem-pagefault-1.txt",
	"oom/oom-6.1-global-swap-1.txt",
};

#include "fixture.h"

/* One report of a text, analysed: the caller frees both. */
static void
explain_text_of(const char *text, size_t len, struct oom_reports *rs,
    struct explain *e)
{
	char *p = xmalloc(len ? len : 1);	/* exact size for ASan */

	memcpy(p, text, len);
	oomreport_parse(p, len, rs);
	free(p);
	assert_int_equal(rs->n, 1);
	explain_report(&rs->r[0], e);
}

static void
explain_fixture(const char *rel, struct oom_reports *rs, struct explain *e)
{
	size_t len;
	char *text = fixture(rel, &len);

	explain_text_of(text, len, rs, e);
	free(text);
}

static const struct ex_zone *
ex_zone(const struct explain *e, int node, const char *name)
{
	for (int i = 0; i < e->nzones; i++)
		if (e->zones[i].node == node && strcmp(e->zones[i].name, name) == 0)
			return &e->zones[i];
	fail_msg("no zone %d %s", node, name);
	return NULL;
}

/* Some verdict line contains every one of the needles. */
static void
assert_verdict(const struct explain *e, const char *n1, const char *n2)
{
	for (int i = 0; i < e->nverdict; i++)
		if (strstr(e->verdict[i], n1) && (n2 == NULL || strstr(e->verdict[i], n2)))
			return;
	for (int i = 0; i < e->nverdict; i++)
		print_message("verdict %d: %s\n", i + 1, e->verdict[i]);
	fail_msg("no verdict line with \"%s\" / \"%s\"", n1, n2 ? n2 : "");
}

static void
assert_no_verdict(const struct explain *e, const char *n1)
{
	for (int i = 0; i < e->nverdict; i++)
		if (strstr(e->verdict[i], n1))
			fail_msg("unexpected verdict: %s", e->verdict[i]);
}

/* The index of the verdict line with needle, for the ranking. */
static int
verdict_at(const struct explain *e, const char *needle)
{
	for (int i = 0; i < e->nverdict; i++)
		if (strstr(e->verdict[i], needle))
			return i;
	return -1;
}

/*
 * The seed: 0x24002c2 on 4.4 is GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN,
 * vmalloc's page mask (4.4 mm/vmalloc.c: __vmalloc_area_node() adds
 * __GFP_NOWARN to vmalloc()'s GFP_KERNEL|__GFP_HIGHMEM); gfp_zone()
 * gives Normal on x86_64 (no CONFIG_HIGHMEM): highest zone Normal, which this
 * 1 GiB guest lacks; DMA32 below min; DMA behind its reserve.
 */
static void
test_seed(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	explain_fixture(fixtures[0], &rs, &e);
	assert_string_equal(e.kernel, "4.4.0-x86_64-linode63");
	assert_int_equal(e.kv, ZT_KV(4, 4));
	assert_false(e.kv_inferred);
	assert_int_equal(e.layout, GFP_LAYOUT_44);
	assert_string_equal(e.gfp_flags, "GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN");
	assert_string_equal(e.gfp_decoded, e.gfp_flags);
	assert_false(e.flags_disagree);
	assert_string_equal(explain_cause_name(e.cause), "allocation");
	assert_int_equal(e.order, 0);
	assert_int_equal(e.page_kb, 4);
	/* 4 reserve entries, DMA and DMA32 seen, + Normal and Movable */
	assert_int_equal(e.ntypes, 4);
	assert_int_equal(e.type_of_slot[0], ZT_ZONE_DMA);
	assert_int_equal(e.type_of_slot[1], ZT_ZONE_DMA32);
	assert_int_equal(e.type_of_slot[2], ZT_ZONE_NORMAL);
	assert_int_equal(e.type_of_slot[3], ZT_ZONE_MOVABLE);
	assert_int_equal(e.highest_type, ZT_ZONE_NORMAL);
	assert_int_equal(e.slot, 2);
	assert_string_equal(e.fallback, "Normal, DMA32, DMA");
	assert_string_equal(e.purpose, "vmalloc during fork");
	assert_string_equal(e.chain, "dup_fd \u2192 alloc_fdtable \u2192 vmalloc");
	assert_string_equal(zt_constraint_name(e.constraint), "global");
	assert_true(e.constraint_inferred);

	/* DMA32: free 3948 kB = 987 pages <= min 3956 kB = 989 + reserve 0 */
	const struct ex_zone *z = ex_zone(&e, 0, "DMA32");
	assert_true(z->applies);
	assert_int_equal(z->free_kb, 3948);
	assert_int_equal(z->min_kb, 3956);
	assert_int_equal(z->reserve_kb, 0);
	assert_int_equal(z->wm[ZT_MARK_MIN], 0);
	assert_int_equal(z->wm[ZT_MARK_HIGH], 0);
	assert_int_equal(z->unreclaimable, 1);
	/* DMA: 3944 kB = 986 pages <= 60 kB = 15 + lowmem_reserve[2] 972 = 987 */
	z = ex_zone(&e, 0, "DMA");
	assert_int_equal(z->free_kb, 3944);
	assert_int_equal(z->reserve_kb, 972 * 4);
	assert_int_equal(z->wm[ZT_MARK_MIN], 0);
	assert_int_equal(z->buddy[0], 20);
	assert_string_equal(e.zones[0].name, "DMA32");	/* tried first */

	/* anon 15 + 18 + 0 pages = 132 kB; file 7 + 8 + 0 = 60 kB */
	assert_int_equal(e.anon_kb, 132);
	assert_int_equal(e.file_kb, 60);
	assert_int_equal(e.unreclaimable, 1);
	assert_int_equal(e.swap_total_kb, 3334140);
	assert_int_equal(e.swap_free_kb, 3118172);

	/* pages RAM 262014 - (free 1973 + pcp 0 + LRU 15+18+0+7+8+0+0 + slab
	 * 1798+3674 + pagetables 752 + kernel stacks (48+2112)/4 = 540 +
	 * reserved 8149) = 262014 - 16934 = 245080 pages = 980320 kB, 93.5% */
	assert_int_equal(e.ram_kb, 262014 * 4);
	assert_int_equal(e.unaccounted_kb, 980320);
	assert_true(e.unaccounted_pct > 93.5 && e.unaccounted_pct < 93.6);

	/* totalpages = (262014 - 8149) + 3334140/4 = 253865 + 833535 */
	assert_int_equal(e.totalpages, 1087400);
	assert_int_equal(e.ntasks, 24);
	/* 3841: rss 0 + swapents 12812 + nr_ptes 59 + nr_pmds 4 = 12875;
	 * 12875 * 1000 / 1087400 = 11, the kill line's score */
	assert_int_equal(e.tasks[0].pid, 3841);
	assert_int_equal(e.tasks[0].points, 12875);
	assert_int_equal(e.tasks[0].score, 11);
	assert_int_equal(e.tasks[0].rank, 1);
	/* 3837: 0 + 12664 + 58 + 4 = 12726 */
	assert_int_equal(e.tasks[1].pid, 3837);
	assert_int_equal(e.tasks[1].points, 12726);
	/* sshd and systemd-udevd at -1000 are last, unranked */
	assert_int_equal(e.tasks[23].rank, 0);
	assert_false(e.tasks[23].eligible);
	assert_true(e.have_victim);
	assert_int_equal(e.victim_pid, 3841);
	assert_string_equal(e.victim_comm, "memcheck-amd64-");
	assert_int_equal(e.victim_score, 11);
	assert_int_equal(e.victim_rss_kb, 0);
	assert_int_equal(e.victim_rank, 1);
	assert_non_null(strstr(e.victim_note, "top-ranked"));
	assert_int_equal(e.nmissing, 0);

	/* the verdict the issue asks for, in substance */
	assert_verdict(&e, "order-0 GFP_KERNEL|__GFP_HIGHMEM", "vmalloc during fork");
	assert_verdict(&e, "dup_fd \u2192 alloc_fdtable \u2192 vmalloc", NULL);
	assert_verdict(&e, "DMA32 is below its min watermark",
	    "DMA is fenced off by its lowmem reserve");
	assert_verdict(&e, "Nothing is reclaimable", NULL);
	assert_verdict(&e, "Swap is 94% free", "almost no anon pages are left to swap out");
	assert_verdict(&e, "About 94% of RAM", "most likely held by a balloon driver");
	assert_verdict(&e, "The missing Normal zone is not the cause",
	    "__GFP_HIGHMEM only sets the highest zone");
	assert_verdict(&e, "may fall back to DMA32 and DMA", NULL);
	/* ranked by weight: what failed, then the balloon, then the zones */
	assert_int_equal(verdict_at(&e, "allocation by memcheck"), 0);
	assert_int_equal(verdict_at(&e, "balloon"), 1);
	assert_true(verdict_at(&e, "min watermark") < verdict_at(&e, "Swap is"));
	assert_true(verdict_at(&e, "Swap is") < verdict_at(&e, "missing Normal"));

	struct zt_buf out = { 0 };
	explain_text(&rs.r[0], &e, 1, 1, &out);
	assert_non_null(strstr(out.p, "gfp_mask 0x24002c2 = GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN"));
	assert_non_null(strstr(out.p, "highest Normal; tries Normal (not present), DMA32, DMA"));
	assert_non_null(strstr(out.p, "in no counter 957M (93.5%)"));
	buf_free(&out);
	explain_free(&e);
	oomreport_free(&rs);
}

/* Shapes met in the fresh corpus (tests/fixtures/oom-corpus-fresh). */

/* The scope explain gives text, and why when it is not printed (note a
 * part of the reason, or NULL: printed); the verdict holds want if set. */
static void
assert_scope(const char *text, int constraint, const char *note, const char *want)
{
	struct oom_reports rs;
	struct explain e;

	explain_text_of(text, strlen(text), &rs, &e);
	assert_int_equal(e.constraint, constraint);
	assert_int_equal(e.constraint_inferred, note != NULL);
	if (note)
		assert_non_null(strstr(e.constraint_note, note));
	else
		assert_null(e.constraint_note);
	if (want)
		assert_verdict(&e, want, NULL);
	if (constraint == ZT_CON_MEMCG)
		assert_string_equal(e.memcg, "");	/* none printed here */
	explain_free(&e);
	oomreport_free(&rs);
}

/* A memcg OOM told only by its call trace: memcg scope, but the
 * constraint is not printed (3.x RHEL 7 inlines mem_cgroup_out_of_memory
 * into mem_cgroup_oom_synchronize); the kill line's "Memory cgroup out
 * of memory" prints it.  A paste starting at a stats line: memcg scope,
 * but the first stats line seen need not be the OOMing cgroup's. */
static void
test_fresh_memcg_told(void **state)
{
	(void)state;
	assert_scope("java invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=-998\n"
	    "CPU: 2 PID: 5282 Comm: java Tainted: G    B   T 3.10.0-327.4.5.el7.x86_64 #1\n"
	    "Call Trace:\n"
	    " [<ffffffff8163515c>] dump_stack+0x19/0x1b\n"
	    " [<ffffffff8116cdde>] oom_kill_process+0x24e/0x3b0\n"
	    " [<ffffffff811d3a85>] mem_cgroup_oom_synchronize+0x555/0x580\n",
	    ZT_CON_MEMCG, "call trace", NULL);
	assert_scope("Memory cgroup out of memory: Kill process 24572 (java) score 0 or sacrifice child\n"
	    "Killed process 28438 (java) total-vm:20255636kB, anon-rss:466160kB, file-rss:13684kB\n",
	    ZT_CON_MEMCG, NULL, "A memory cgroup's OOM kill whose header is not in the paste");
	assert_scope("[ 9.1] Memory cgroup stats for /kubepods/pod1/c1: cache:0KB rss:613460KB\n"
	    "[ 9.1] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[ 9.1] [  19388]  1000 19388  5588434   138005  8069120        0           999 node\n",
	    ZT_CON_MEMCG, "stats", NULL);
}

/* The memcg charge path calling the OOM killer (3.x RHEL 7
 * __mem_cgroup_try_charge, 3.17+ try_charge, 5.15+ try_charge_memcg),
 * proven, tells a memcg OOM even where mem_cgroup_out_of_memory was
 * inlined or the paste ends before it, and a frame cut in its offset
 * counts (fresh3 024), the trace's first frame too; an unproven "?
 * try_charge" tells nothing, nor a trace of more frames than are kept. */
static void
test_fresh3_charge_path(void **state)
{
	static const char head[] =
	    "php.bin invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 7215 Comm: php.bin Not tainted 3.10.0-229.11.1.el7.x86_64 #1\n"
	    "Call Trace:\n"
	    " [<ffffffff81604406>] dump_stack+0x19/0x1b\n"
	    " [<ffffffff8115a32e>] oom_kill_process+0x24e/0x3b0\n";
	static const char *const memcg[] = {
		" [<ffffffff811bd1ce>] __mem_cgroup_try_charge+0xb\n",
		" [<ffffffff811bd1ce>] __mem_cgroup_try_charge+0x\n",
		" [<ffffffff811bd1ce>] __mem_cgroup_try_charge+0xbe/0x5e0\n",
		" try_charge+0x6df/0x7a0\n",
		" try_charge_memcg+0x6df/0x7a0\n",
	};
	char text[2048];
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(memcg); i++) {
		snprintf(text, sizeof text, "%s%s", head, memcg[i]);
		assert_scope(text, ZT_CON_MEMCG, "call trace", NULL);
	}
	snprintf(text, sizeof text, "%s%s", head,
	    " [<ffffffff811bd1ce>] ? try_charge+0x6df/0x7a0\n");
	assert_scope(text, ZT_CON_GLOBAL, "assumed", NULL);
	/* the trace's first frame, the frames above it not pasted */
	assert_scope("php.bin invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0\n"
	    "Call Trace:\n"
	    " try_charge_memcg+0x6df/0x7a0\n", ZT_CON_MEMCG, "call trace", NULL);
	/* a trace of more frames than a report keeps (OOM_MAX_FRAMES), none
	 * of the charge path: each kept one looked at, and no more */
	size_t n = (size_t)snprintf(text, sizeof text, "%s", head);
	for (int i = 0; i < OOM_MAX_FRAMES; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, " fn%d+0x1/0x2\n", i);
	assert_scope(text, ZT_CON_GLOBAL, "assumed", NULL);
	/* an offset that does not end the line, without its size, is no
	 * frame */
	snprintf(text, sizeof text, "%s%s", head,
	    " [<ffffffff811bd1ce>] __mem_cgroup_try_charge+0xb and more\n");
	assert_scope(text, ZT_CON_GLOBAL, "assumed", NULL);
}

/* Why an unprinted global constraint is said: the page allocator in the
 * trace, show_mem's Mem-Info or the plain kill line tell it; a header
 * alone leaves it a guess. */
static void
test_fresh_global_note(void **state)
{
	(void)state;
	assert_scope("clash invoked oom-killer: gfp_mask=0x100dca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), order=0, oom_score_adj=0\n"
	    "CPU: 1 PID: 18982 Comm: clash Not tainted 5.10.51 #0\n"
	    "Call trace:\n"
	    " out_of_memory+0x20c/0x320\n"
	    " __alloc_pages_slowpath.constprop.150+0x6c8/0x9b0\n",
	    ZT_CON_GLOBAL, "page allocator", NULL);
	assert_scope("kthreadd invoked oom-killer: gfp_mask=0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), order=1, oom_score_adj=0\n"
	    "CPU: 0 PID: 2 Comm: kthreadd Not tainted 5.4.150 #0\n",
	    ZT_CON_GLOBAL, "assumed", NULL);
	assert_scope("[1.0] Out of memory: Kill process 2978 (netifd) score 1 or sacrifice child\n"
	    "[1.0] Killed process 4420 (udhcpc) total-vm:1096kB, anon-rss:32kB, file-rss:0kB, shmem-rss:0kB\n",
	    ZT_CON_GLOBAL, "kill line shows a global OOM", "An OOM kill whose header is not in the paste");
}

/* The JSON object of the one report of text. */
static json_t *
json_of(const char *text, size_t len, struct oom_reports *rs, struct explain *e)
{
	explain_text_of(text, len, rs, e);
	return explain_json(&rs->r[0], e);
}

/* PID 0 (swapper/N, an interrupt on an idle CPU) is a pid: JSON says 0. */
static void
test_fresh_pid0_json(void **state)
{
	static const char text[] =
	    "swapper/21: page allocation failure: order:0, mode:0x20\n"
	    "CPU: 21 PID: 0 Comm: swapper/21 Tainted: P  OE  3.10.0-1062.el7.x86_64 #1\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	json_t *o = json_of(text, sizeof text - 1, &rs, &e);
	json_t *pid = json_object_get(json_object_get(o, "trigger"), "pid");
	assert_true(json_is_integer(pid));
	assert_int_equal(json_integer_value(pid), 0);
	assert_verdict(&e, "swapper/21 (pid 0)", NULL);
	json_decref(o);
	explain_free(&e);
	oomreport_free(&rs);
}

/* The 4.19+ summary line names the task chosen, not the one killed
 * (until 5.1 a child of it could die instead; an exiting task is not
 * killed): without a kill line JSON has it as "chosen", victim null. */
static void
test_fresh2_summary_chosen(void **state)
{
	static const char text[] =
	    "[4650180.470877] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=aegis,"
	    "mems_allowed=0,global_oom,task_memcg=/system.slice/docker-0.scope,task=java,pid=7134,uid=1000\n";
	static const char killed[] =
	    "[4650180.470877] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=aegis,"
	    "mems_allowed=0,global_oom,task_memcg=/system.slice/docker-0.scope,task=java,pid=7134,uid=1000\n"
	    "[4650180.470899] Out of memory: Killed process 7134 (java) total-vm:8kB, anon-rss:4kB, "
	    "file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:4kB oom_score_adj:0\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	json_t *o = json_of(text, sizeof text - 1, &rs, &e);
	assert_true(json_is_null(json_object_get(o, "victim")));
	json_t *c = json_object_get(o, "chosen");
	assert_int_equal(json_integer_value(json_object_get(c, "pid")), 7134);
	assert_string_equal(json_string_value(json_object_get(c, "comm")), "java");
	assert_verdict(&e, "The kernel chose java (pid 7134)", NULL);
	json_decref(o);
	explain_free(&e);
	oomreport_free(&rs);

	o = json_of(killed, sizeof killed - 1, &rs, &e);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "victim"),
	    "pid")), 7134);
	assert_true(json_object_get(o, "chosen") == NULL);
	json_decref(o);
	explain_free(&e);
	oomreport_free(&rs);
}

/* SysRq-f on a panic_on_oom machine, as the console showed it (fresh2
 * 012): the report opened right after SysRq's "Manual OOM execution"
 * line is SysRq-f's, unless it is a panic_on_oom panic of 4.6+, which
 * SysRq-f never reaches; a headerless allocation failure says so. */
static void
test_fresh2_sysrq_line(void **state)
{
	static const char text[] =
	    "[  910.064760] SysRq : Manual OOM execution\n"
	    "[  910.113950] Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled\n"
	    "[  910.229545] CPU: 1 PID: 243 Comm: kworker/1:2 Tainted: G C O  3.16.0-6-amd64 #1\n";
	/* 4.6+ (is_sysrq_oom): SysRq-f never reaches panic_on_oom */
	static const char late[] =
	    "[  910.064760] sysrq: Manual OOM execution\n"
	    "[  910.113950] Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled\n"
	    "[  910.229545] CPU: 1 PID: 243 Comm: kworker/1:2 Not tainted 5.10.0 #1\n";
	static const char unsure[] =
	    "Call Trace:\n"
	    " [<ffffffffa8729964>] ? dump_stack+0x5c/0x78\n"
	    " [<ffffffffa858569a>] ? warn_alloc+0x13a/0x160\n";
	static const char alloc[] =
	    "CPU: 0 PID: 34 Comm: kworker/0:1 Tainted: G         C         6.1.66-2-rpi-ARCH #1\n"
	    " dump_stack_lvl from warn_alloc+0x110/0x19c\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	explain_text_of(text, sizeof text - 1, &rs, &e);
	assert_int_equal(e.cause, EX_CAUSE_SYSRQ);
	assert_verdict(&e, "SysRq-f", "Manual OOM execution");
	assert_verdict(&e, "panicked", NULL);
	explain_free(&e);
	oomreport_free(&rs);
	/* no SysRq line: a headerless OOM, its task panic()'s CPU line's */
	explain_text_of(strchr(text, '\n') + 1, strlen(strchr(text, '\n') + 1), &rs, &e);
	assert_verdict(&e, "An OOM kill whose header is not in the paste, in "
	    "kworker/1:2 (pid 243) (its CPU line)", NULL);
	explain_free(&e);
	oomreport_free(&rs);
	explain_text_of(late, sizeof late - 1, &rs, &e);
	assert_int_not_equal(e.cause, EX_CAUSE_SYSRQ);
	explain_free(&e);
	oomreport_free(&rs);
	explain_text_of(alloc, sizeof alloc - 1, &rs, &e);
	assert_verdict(&e, "An allocation failure (no OOM kill) whose header is "
	    "not in the paste, in kworker/0:1 (pid 34) (its CPU line)", NULL);
	explain_free(&e);
	oomreport_free(&rs);
	explain_text_of(unsure, sizeof unsure - 1, &rs, &e);
	assert_verdict(&e, "An allocation failure (no OOM kill) whose header is "
	    "not in the paste", NULL);
	assert_no_verdict(&e, "An OOM kill");
	explain_free(&e);
	oomreport_free(&rs);
}

/* The JSON object carries the keys of the issue, with these values. */
static void
test_seed_json(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	explain_fixture(fixtures[0], &rs, &e);
	json_t *o = explain_json(&rs.r[0], &e);
	static const char *const keys[] = {
		"kind", "kernel", "trigger", "gfp_mask", "gfp_flags", "order",
		"highest_zone", "constraint", "memcg", "zones", "swap",
		"unaccounted_kb", "unaccounted_pct", "victim", "top_tasks", "verdict",
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_non_null(json_object_get(o, keys[i]));
	assert_string_equal(json_string_value(json_object_get(o, "kind")), "oom");
	assert_string_equal(json_string_value(json_object_get(o, "gfp_mask")), "0x24002c2");
	json_t *flags = json_object_get(o, "gfp_flags");
	assert_int_equal(json_array_size(flags), 3);
	assert_string_equal(json_string_value(json_array_get(flags, 1)), "__GFP_HIGHMEM");
	assert_string_equal(json_string_value(json_object_get(o, "highest_zone")), "Normal");
	assert_true(json_is_null(json_object_get(o, "memcg")));
	json_t *trig = json_object_get(o, "trigger");
	assert_int_equal(json_integer_value(json_object_get(trig, "pid")), 3841);
	json_t *z = json_array_get(json_object_get(o, "zones"), 1);
	assert_string_equal(json_string_value(json_object_get(z, "zone")), "DMA");
	assert_int_equal(json_integer_value(json_object_get(z, "lowmem_reserve_kb")), 3888);
	assert_true(json_is_false(json_object_get(z, "watermark_ok")));
	assert_int_equal(json_array_size(json_object_get(z, "buddy")), 11);
	assert_int_equal(json_integer_value(json_object_get(o, "unaccounted_kb")), 980320);
	assert_true(json_real_value(json_object_get(o, "unaccounted_pct")) == 93.5);
	json_t *v = json_object_get(o, "victim");
	assert_int_equal(json_integer_value(json_object_get(v, "pid")), 3841);
	assert_int_equal(json_integer_value(json_object_get(v, "score")), 11);
	assert_int_equal(json_array_size(json_object_get(o, "top_tasks")), EX_TOP_TASKS);
	assert_int_equal(json_array_size(json_object_get(o, "verdict")), e.nverdict);
	char *s = json_dumps(o, JSON_COMPACT);
	assert_non_null(s);
	assert_null(strchr(s, '\n'));		/* one line per report */
	free(s);
	json_decref(o);
	explain_free(&e);
	oomreport_free(&rs);
}

/* Replace the seed's syslog prefix at the start of lines. */
static char *
seed_as(const char *text, size_t len, const char *prefix, bool crlf,
    size_t *outlen)
{
	static const char syslog[] = "Mar  7 02:43:11 myhost kernel: ";
	struct zt_buf b = { 0 };
	const char *cur = text, *end = text + len;
	size_t n;
	const char *line;

	while ((line = next_line(&cur, end, &n)) != NULL) {
		if (n >= sizeof syslog - 1 && memcmp(line, syslog, sizeof syslog - 1) == 0) {
			buf_add(&b, prefix, strlen(prefix));
			buf_add(&b, line + sizeof syslog - 1, n - (sizeof syslog - 1));
		} else {
			if (prefix[0] == '>')
				buf_add(&b, "> ", 2);
			buf_add(&b, line, n);
		}
		buf_add(&b, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
	}
	*outlen = b.len;
	char *p = xmalloc(b.len);
	memcpy(p, b.p, b.len);
	buf_free(&b);
	return p;
}

/* journalctl -k, dmesg -T, dmesg, bare, CRLF and a mail quote of the
 * seed all give the seed's analysis. */
static void
test_seed_forms(void **state)
{
	static const struct {
		const char *prefix;
		bool crlf;
	} forms[] = {
		{ "Mar 07 02:43:11 myhost kernel: ", false },	/* journalctl -k */
		{ "[Thu Mar  7 02:43:11 2019] ", false },	/* dmesg -T */
		{ "[12345.678901] ", false },			/* dmesg */
		{ "", false },					/* dmesg -t */
		{ "Mar  7 02:43:11 myhost kernel: ", true },	/* CRLF */
		{ "> Mar  7 02:43:11 myhost kernel: ", false },	/* mail quote */
	};
	struct oom_reports rs0;
	struct explain e0;
	size_t len;
	char *seed = fixture(fixtures[0], &len);
	(void)state;

	explain_text_of(seed, len, &rs0, &e0);
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		struct oom_reports rs;
		struct explain e;
		size_t n;
		char *text = seed_as(seed, len, forms[f].prefix, forms[f].crlf, &n);
		explain_text_of(text, n, &rs, &e);
		free(text);
		assert_string_equal(e.gfp_flags, e0.gfp_flags);
		assert_int_equal(e.nzones, e0.nzones);
		for (int i = 0; i < e.nzones; i++) {
			assert_int_equal(e.zones[i].free_kb, e0.zones[i].free_kb);
			assert_int_equal(e.zones[i].reserve_kb, e0.zones[i].reserve_kb);
			assert_int_equal(e.zones[i].managed_kb, e0.zones[i].managed_kb);
			assert_int_equal(e.zones[i].wm[ZT_MARK_MIN], e0.zones[i].wm[ZT_MARK_MIN]);
			assert_int_equal(e.zones[i].unreclaimable, e0.zones[i].unreclaimable);
		}
		assert_int_equal(e.unaccounted_kb, e0.unaccounted_kb);
		assert_int_equal(e.victim_pid, e0.victim_pid);
		assert_int_equal(e.ntasks, e0.ntasks);
		assert_int_equal(e.nverdict, e0.nverdict);
		for (int i = 0; i < e.nverdict; i++)
			assert_string_equal(e.verdict[i], e0.verdict[i]);
		explain_free(&e);
		oomreport_free(&rs);
	}
	explain_free(&e0);
	oomreport_free(&rs0);
	free(seed);
}

/* 3.10: GFP_HIGHUSER_MOVABLE|__GFP_COLD, highest Movable; swap full;
 * mysqld holds most of RAM and swap. */
static void
test_rhel7(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	explain_fixture(fixtures[1], &rs, &e);
	assert_int_equal(e.layout, GFP_LAYOUT_3X);
	assert_string_equal(e.gfp_flags, "GFP_HIGHUSER_MOVABLE|__GFP_COLD");
	assert_int_equal(e.highest_type, ZT_ZONE_MOVABLE);
	assert_int_equal(e.slot, 3);
	assert_string_equal(e.purpose, "page cache during a page fault");
	/* Node 0 Normal: 36692 kB = 9173 pages <= min 36784 kB = 9196 */
	assert_int_equal(ex_zone(&e, 0, "Normal")->wm[ZT_MARK_MIN], 0);
	/* Node 1 Normal: 49436 kB = 12359 > min 11361, <= high 17041 */
	assert_int_equal(ex_zone(&e, 1, "Normal")->wm[ZT_MARK_MIN], 1);
	assert_int_equal(ex_zone(&e, 1, "Normal")->wm[ZT_MARK_HIGH], 0);
	/* Node 0 DMA32: 14932 pages <= min 1958 + lowmem_reserve[3] 13055 */
	assert_int_equal(ex_zone(&e, 0, "DMA32")->reserve_kb, 13055 * 4);
	assert_int_equal(ex_zone(&e, 0, "DMA32")->wm[ZT_MARK_MIN], 0);
	assert_int_equal(e.unreclaimable, 2);		/* DMA and Node 1 Normal */
	/* (8379834 - 192987) + 8388604/4 = 8186847 + 2097151 */
	assert_int_equal(e.totalpages, 10283998);
	/* mysqld: 5157063 + 1527848 + 15483 = 6700394; *1000/10283998 = 651 */
	assert_int_equal(e.tasks[0].pid, 6576);
	assert_int_equal(e.tasks[0].points, 6700394);
	assert_int_equal(e.tasks[0].score, 651);
	assert_int_equal(e.victim_score, 651);
	assert_int_equal(e.victim_rank, 1);
	/* RAM 8379834 - (global 8127888 + stacks 13840 kB/4 = 3460 + reserved
	 * 192987 = 8324335) = 55499 pages = 221996 kB, 0.66% */
	assert_int_equal(e.unaccounted_kb, 221996);
	assert_verdict(&e, "Swap is full", NULL);
	assert_verdict(&e, "mysqld (pid 6576) alone holds 65% of RAM and swap", NULL);
	assert_verdict(&e, "Node 0 Normal is below its min watermark", NULL);
	assert_verdict(&e, "Node 1 Normal passes min but not high", NULL);
	assert_no_verdict(&e, "in no counter");		/* 0.66% is noise */
	assert_no_verdict(&e, "missing Movable");	/* Movable is empty by design */
	explain_free(&e);
	oomreport_free(&rs);
}

/* 4.4 memcg: the cgroup's limit is the story; the root bonus does not
 * apply in the container (the kill line's 904 says so). */
static void
test_memcg(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	explain_fixture(fixtures[2], &rs, &e);
	assert_string_equal(zt_constraint_name(e.constraint), "memcg");
	assert_false(e.constraint_inferred);
	assert_string_equal(e.memcg,
	    "/docker/34186d9bd07706222bd427bb647ceed81e8e108eb653ff73c7137099fca1cab6");
	assert_int_equal(e.memcg_limit_kb, 204800);
	assert_string_equal(e.gfp_flags, "GFP_KERNEL");
	/* limit 204800 kB = 51200 pages; memory+swap unlimited but this
	 * report gives no swap size: no swap added */
	assert_int_equal(e.totalpages, 51200);
	/* main: 46185 + 0 + 113 + 5 = 46303; *1000/51200 = 904 */
	assert_int_equal(e.tasks[0].pid, 11344);
	assert_int_equal(e.tasks[0].points, 46303);
	assert_int_equal(e.tasks[0].score, 904);
	assert_int_equal(e.victim_score, 904);
	assert_int_equal(e.victim_rss_kb, 183712 + 1016);
	assert_int_equal(e.nzones, 0);
	assert_false(zt_have(e.unaccounted_kb));
	assert_int_equal(e.nmissing, 0);		/* memcg OOMs print no Mem-Info */
	assert_verdict(&e, "could not be charged to its memory cgroup", NULL);
	assert_verdict(&e, "hit its limit: 200M used of 200M (failcnt 4563)", NULL);
	assert_verdict(&e, "main (pid 11344) alone holds 90% of the cgroup's limit", NULL);
	explain_free(&e);
	oomreport_free(&rs);
}

/* 5.7 i386 page-fault OOM: not a shortage; the victim led through its
 * oom_score_adj. */
static void
test_pagefault(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	explain_fixture(fixtures[3], &rs, &e);
	assert_string_equal(explain_cause_name(e.cause), "page_fault");
	assert_string_equal(e.gfp_flags, "");
	assert_int_equal(e.highest_type, ZT_ZONE_NORMAL);
	/* i386: DMA, Normal, HighMem, Movable */
	assert_int_equal(e.ntypes, 4);
	assert_int_equal(e.type_of_slot[2], ZT_ZONE_HIGHMEM);
	assert_true(ex_zone(&e, -1, "Normal")->applies);
	assert_false(ex_zone(&e, -1, "HighMem")->applies);
	/* (783982 - 28603) + 2097148/4 = 755379 + 524287 */
	assert_int_equal(e.totalpages, 1279666);
	/* RAM 783982 - 780693 counted = 3289 pages */
	assert_int_equal(e.unaccounted_kb, 3289 * 4);
	assert_int_equal(e.victim_pid, 5889);
	assert_int_equal(e.victim_rank, 1);
	assert_non_null(strstr(e.victim_note, "oom_score_adj of +300"));
	assert_verdict(&e, "A page-fault OOM", "VM_FAULT_OOM");
	assert_verdict(&e, "Memory was not short", "HighMem (673M free)");
	assert_no_verdict(&e, "missing");
	explain_free(&e);
	oomreport_free(&rs);
}

/* 6.1: the printed flags agree with the decoding; swap full. */
static void
test_61(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	explain_fixture(fixtures[4], &rs, &e);
	assert_int_equal(e.layout, GFP_LAYOUT_51);
	assert_string_equal(e.gfp_flags, "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
	assert_string_equal(e.gfp_decoded, e.gfp_flags);
	assert_false(e.flags_disagree);
	assert_int_equal(e.highest_type, ZT_ZONE_MOVABLE);
	/* 5 entries: DMA, DMA32, Normal, Movable, Device */
	assert_int_equal(e.ntypes, 5);
	assert_int_equal(e.type_of_slot[4], ZT_ZONE_DEVICE);
	assert_int_equal(e.slot, 3);
	/* Normal: 61900 kB = 15475 <= min (boost included) 61948 kB = 15487 */
	assert_int_equal(ex_zone(&e, 0, "Normal")->wm[ZT_MARK_MIN], 0);
	assert_int_equal(ex_zone(&e, 0, "DMA32")->reserve_kb, 12468 * 4);
	/* (4115400 - 97082) + 25165820/4 = 4018318 + 6291455 */
	assert_int_equal(e.totalpages, 10309773);
	/* doxygen: 2308581 + 5225427 + 60686336/4096 = 7548824 -> 732 */
	assert_int_equal(e.tasks[0].points, 7548824);
	assert_int_equal(e.tasks[0].score, 732);
	assert_int_equal(e.victim_pid, 473206);
	/* RAM 4115400 - (3204622 + 10592/4 + 97082) = 811048 pages, 19.7% */
	assert_int_equal(e.unaccounted_kb, 811048 * 4);
	assert_verdict(&e, "Swap is full: 84K free of 24.0G", NULL);
	assert_verdict(&e, "doxygen (pid 473206) alone holds 73%", NULL);
	explain_free(&e);
	oomreport_free(&rs);
}

/* Built shapes: sysrq, an order-4 failure, flags that disagree, a
 * report with no CPU line. */
static void
test_synthetic(void **state)
{
	struct oom_reports rs;
	struct explain e;
	const char *t;
	(void)state;

	t = "bash invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=-1, oom_score_adj=0\n"
	    "CPU: 1 PID: 40 Comm: bash Not tainted 6.6.0 #1\n"
	    "Out of memory: Killed process 812 (x) total-vm:400kB, anon-rss:196kB, file-rss:4kB, shmem-rss:0kB, UID:0 pgtables:40kB oom_score_adj:0\n";
	explain_text_of(t, strlen(t), &rs, &e);
	assert_string_equal(explain_cause_name(e.cause), "sysrq");
	assert_verdict(&e, "SysRq-f", NULL);
	explain_free(&e);
	oomreport_free(&rs);

	t = "kcompactd0: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null)\n"
	    "CPU: 0 PID: 30 Comm: kcompactd0 Not tainted 5.10.0 #1\n"
	    "Mem-Info:\n"
	    "active_anon:100 inactive_anon:200 isolated_anon:0\n"
	    " active_file:10 inactive_file:20 isolated_file:0\n"
	    " free:5000 free_pcp:10 free_cma:0\n"
	    "Node 0 Normal free:20000kB min:4000kB low:5000kB high:6000kB present:1048576kB managed:1000000kB\n"
	    "lowmem_reserve[]: 0 0 0 0\n"
	    "Node 0 Normal: 1000*4kB 500*8kB 250*16kB 100*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 15200kB\n"
	    "262144 pages RAM\n"
	    "11644 pages reserved\n";
	explain_text_of(t, strlen(t), &rs, &e);
	assert_int_equal(rs.r[0].kind, OOM_KIND_ALLOC_FAIL);
	assert_string_equal(zt_constraint_name(e.constraint), "none");
	/* 5000 pages free > min 1000, but no free block of order >= 4 */
	assert_int_equal(e.zones[0].wm[ZT_MARK_MIN], 0);
	assert_verdict(&e, "page allocation failure: no OOM kill", NULL);
	assert_verdict(&e, "no free block of order 4", NULL);
	assert_verdict(&e, "Order-4 requests", "16 contiguous pages");
	explain_free(&e);
	oomreport_free(&rs);

	/* names that do not match the mask on this kernel */
	t = "x invoked oom-killer: gfp_mask=0xcc0(GFP_NOFS), order=0, oom_score_adj=0\n"
	    "CPU: 0 PID: 9 Comm: x Not tainted 5.4.0 #1\n";
	explain_text_of(t, strlen(t), &rs, &e);
	assert_string_equal(e.gfp_flags, "GFP_NOFS");
	assert_string_equal(e.gfp_decoded, "GFP_KERNEL");
	assert_true(e.flags_disagree);
	assert_verdict(&e, "prints the flags as GFP_NOFS", "GFP_KERNEL");
	explain_free(&e);
	oomreport_free(&rs);

	/* no CPU line: the layout from the format (pgtables_bytes and the
	 * 5.1+ kill line), the mask from its best decoding */
	t = "y invoked oom-killer: gfp_mask=0x100cca, order=0, oom_score_adj=0\n"
	    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[      7]     0     7      100       50     4096        0             0 y\n"
	    "Out of memory: Killed process 7 (y) total-vm:400kB, anon-rss:200kB, file-rss:0kB, shmem-rss:0kB\n";
	explain_text_of(t, strlen(t), &rs, &e);
	assert_true(e.kv_inferred);
	assert_int_equal(e.layout, GFP_LAYOUT_51);
	assert_string_equal(e.gfp_flags, "GFP_HIGHUSER_MOVABLE");
	assert_non_null(strstr(e.kernel, "unknown (5.1 or later"));
	assert_verdict(&e, "does not name its kernel", NULL);
	assert_verdict(&e, "missing:", "kernel version");
	explain_free(&e);
	oomreport_free(&rs);
}

/* Parse, judge and print whatever a damaged text holds. */
static int
explain_all(const char *text, size_t len)
{
	struct oom_reports rs;
	char *p = xmalloc(len ? len : 1);

	memcpy(p, text, len);
	oomreport_parse(p, len, &rs);
	free(p);
	for (int i = 0; i < rs.n; i++) {
		struct explain e;
		struct zt_buf out = { 0 };
		explain_report(&rs.r[i], &e);
		explain_text(&rs.r[i], &e, i + 1, rs.n, &out);
		json_t *j = explain_json(&rs.r[i], &e);
		char *s = json_dumps(j, JSON_COMPACT);
		assert_non_null(s);		/* always valid UTF-8 */
		free(s);
		json_decref(j);
		buf_free(&out);
		explain_free(&e);
	}
	int n = rs.n;
	oomreport_free(&rs);
	return n;
}

/* Every report cut every 37 bytes, from the end and from the start:
 * a piece that still holds the header line still gives its report. */
static void
test_cut(void **state)
{
	(void)state;
	for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
		size_t len;
		char *text = fixture(fixtures[f], &len);
		struct oom_reports rs;
		oomreport_parse(text, len, &rs);
		/* where the header line ends */
		const char *hdr = strstr(text, " invoked oom-killer:");
		assert_non_null(hdr);
		size_t hdr_end = (size_t)((const char *)memchr(hdr, '\n',
		    len - (size_t)(hdr - text)) - text);
		oomreport_free(&rs);
		for (size_t cut = 0; cut <= len; cut += 37) {
			int n = explain_all(text, cut);
			if (cut > hdr_end)
				assert_true(n >= 1);
			explain_all(text + cut, len - cut);
		}
		free(text);
	}
}

/* A small deterministic generator for the shuffles and garbling. */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
test_shuffle_garble(void **state)
{
	uint32_t seed = 0x2545f491;
	(void)state;

	for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
		size_t len;
		char *text = fixture(fixtures[f], &len);
		/* lines shuffled */
		const char *lines[1024];
		size_t lens[1024];
		int n = 0;
		const char *cur = text, *end = text + len, *l;
		size_t ln;
		while ((l = next_line(&cur, end, &ln)) != NULL && n < 1024) {
			lines[n] = l;
			lens[n++] = ln;
		}
		for (int round = 0; round < 20; round++) {
			for (int i = n - 1; i > 0; i--) {
				int j = (int)(rnd(&seed) % (uint32_t)(i + 1));
				const char *tl = lines[i];
				size_t tn = lens[i];
				lines[i] = lines[j];
				lens[i] = lens[j];
				lines[j] = tl;
				lens[j] = tn;
			}
			struct zt_buf b = { 0 };
			for (int i = 0; i < n; i++) {
				buf_add(&b, lines[i], lens[i]);
				buf_addc(&b, '\n');
			}
			explain_all(b.p, b.len);
			buf_free(&b);
		}
		/* bytes garbled: random values, NULs, digits, newlines */
		char *g = xmalloc(len);
		for (int round = 0; round < 60; round++) {
			memcpy(g, text, len);
			int flips = 1 + (int)(rnd(&seed) % 64);
			for (int k = 0; k < flips; k++) {
				size_t at = rnd(&seed) % len;
				static const char pick[] = "\0\n9:*[]( -x\xff\x80";
				g[at] = round % 2 ? (char)rnd(&seed) :
				    pick[rnd(&seed) % (sizeof pick - 1)];
			}
			explain_all(g, len);
		}
		free(g);
		free(text);
	}
	/* huge numbers and long lines */
	static const char big[] =
	    "z invoked oom-killer: gfp_mask=0xffffffffffffffff(X|Y), order=99999999999, oom_score_adj=-99999\n"
	    "Node 0 Normal free:9223372036854775807kB min:9223372036854775807kB low:1kB high:1kB present:1kB managed:1kB\n"
	    "lowmem_reserve[]: 9223372036854775807 9223372036854775807 1 2 3 4 5 6 7 8 9 10\n"
	    "Node 0 Normal: 9223372036854775807*4kB 1*8kB = 4kB\n"
	    "9223372036854775807 pages RAM\n"
	    "Free swap  = 9223372036854775807kB\n"
	    "Total swap = 9223372036854775807kB\n"
	    "[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name\n"
	    "[    1]     0     1 9223372036854775807 9223372036854775807 9223372036854775807 9223372036854775807 1000 init\n"
	    "Out of memory: Kill process 1 (init) score 1 or sacrifice child\n";
	explain_all(big, sizeof big - 1);
	char *longl = xmalloc(300000);
	memset(longl, 'a', 300000);
	memcpy(longl, "[ 1.0] q invoked oom-killer: gfp_mask=0x0(), order=0", 53);
	explain_all(longl, 300000);
	free(longl);
}

/* Columns of a line of escaped UTF-8: one per character. */
static size_t
cols_of(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* The words of text, one blank between them, newlines as blanks. */
static char *
words_of(const char *text, size_t len)
{
	char *w = xmalloc(len + 1);
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		bool blank = text[i] == ' ' || text[i] == '\n';
		if (blank && (n == 0 || w[n - 1] == ' '))
			continue;
		w[n++] = blank ? ' ' : text[i];
	}
	w[n] = '\0';
	return w;
}

/* For a terminal: verdict and "label  value" lines wrapped at blanks to
 * the width, continuations indented under the text; tables, headings
 * and what fits as they were; not one word lost or cut. */
static void
test_wrap(void **state)
{
	struct oom_reports rs;
	struct explain e;
	struct zt_buf in = { 0 }, out = { 0 };
	char *a, *b;

	(void)state;
	explain_fixture(fixtures[0], &rs, &e);
	explain_text(&rs.r[0], &e, 1, 1, &in);

	explain_wrap(in.p, in.len, 80, &out);
	a = words_of(in.p, in.len);
	b = words_of(out.p, out.len);
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_true(out.len > in.len);
	for (const char *l = out.p, *end = out.p + out.len; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
		char *one = xstrndup(l, n);
		/* too long only when it was so before: a table line */
		if (cols_of(l, n) > 80)
			assert_non_null(strstr(in.p, one));
		free(one);
		l += n + 1;
	}
	/* the first verdict line goes on under its text, six in */
	const char *v1 = strstr(out.p, "\n   1. ");
	assert_non_null(v1);
	const char *next = strchr(v1 + 1, '\n');
	assert_non_null(next);
	assert_memory_equal(next, "\n      ", 7);
	assert_true(next[7] != ' ');
	/* the victim line under its value, fifteen in */
	const char *vic = strstr(out.p, "\n  victim       ");
	assert_non_null(vic);
	next = strchr(vic + 1, '\n');
	assert_memory_equal(next, "\n               ", 16);
	assert_true(next[16] != ' ');
	buf_free(&out);

	/* wide enough, or too narrow to be worth it: as it was */
	explain_wrap(in.p, in.len, 100000, &out);
	assert_int_equal(out.len, in.len);
	assert_memory_equal(out.p, in.p, in.len);
	buf_clear(&out);
	explain_wrap(in.p, in.len, 20, &out);
	assert_int_equal(out.len, in.len);
	assert_memory_equal(out.p, in.p, in.len);
	buf_clear(&out);

	/* one word longer than the line is cut, the rest kept */
	static const char w[] = "  10. aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bb\nrest";
	explain_wrap(w, sizeof w - 1, 30, &out);
	buf_addc(&out, '\0');
	assert_string_equal(out.p, "  10. aaaaaaaaaaaaaaaaaaaaaaaa\n"
	    "      aaaaaaaaaaaa bb\nrest");
	buf_free(&out);
	buf_free(&in);
	explain_free(&e);
	oomreport_free(&rs);
}

/* explain_main: 0 with reports, 1 with none, 2 on usage or I/O errors. */
static void
test_main(void **state)
{
	char path[] = "/tmp/zt-explain-XXXXXX";
	int fd = mkstemp(path);
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "nothing to see\n", 15), 15);
	close(fd);
	/* keep the reports off the test's own output */
	fflush(stdout);
	fflush(stderr);
	int saved = dup(1), saved_err = dup(2);
	FILE *null = freopen("/dev/null", "w", stdout);
	assert_non_null(null);
	assert_non_null(freopen("/dev/null", "w", stderr));

	char seed[512];
	const char *dir = getenv("ZT_FIXTURES");
	snprintf(seed, sizeof seed, "%s/%s", dir && *dir ? dir : "tests/fixtures",
	    fixtures[0]);
	char ex[] = "explain", fmt[] = "--format", json[] = "json", xml[] = "xml";
	char none[] = "/nonexistent/zt", bogus[] = "--bogus";
	char *a1[] = { ex, seed, NULL };
	char *a2[] = { ex, seed, fmt, json, NULL };
	char *a3[] = { ex, path, NULL };
	char *a4[] = { ex, none, NULL };
	char *a5[] = { ex, fmt, xml, seed, NULL };
	char *a6[] = { ex, bogus, NULL };
	char *a7[] = { ex, seed, seed, NULL };
	int r1 = explain_main(2, a1);
	int r2 = explain_main(4, a2);
	int r3 = explain_main(2, a3);
	int r4 = explain_main(2, a4);
	int r5 = explain_main(4, a5);
	int r6 = explain_main(2, a6);
	int r7 = explain_main(3, a7);

	fflush(stdout);
	fflush(stderr);
	dup2(saved, 1);
	dup2(saved_err, 2);
	close(saved);
	close(saved_err);
	unlink(path);
	assert_int_equal(r1, 0);
	assert_int_equal(r2, 0);
	assert_int_equal(r3, 1);
	assert_int_equal(r4, 2);
	assert_int_equal(r5, 2);
	assert_int_equal(r6, 2);
	assert_int_equal(r7, 0);	/* several files: each decoded in turn */
}

/* ------------------------------------------------------------------ */
/* hx2 (issue #16): all_unreclaimable per zone and per node on real
 * reports, the zone figures explain takes from them */

/* Before 4.8 each zone line prints its own flag (3.10 RHEL 7: Node 0
 * DMA and Node 1 Normal gave up); from 4.8 the node line does, and each
 * zone takes its node's: 4.18 RHEL 8's Node 3 (a mempolicy OOM shows
 * that node alone), the 5.7 i386 report's zones printed without a node
 * (no CONFIG_NUMA) its one node's "no". */
static void
test_hx2_unreclaimable_fixtures(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	/* the seed (4.4): DMA and DMA32 both gave up */
	explain_fixture(fixtures[0], &rs, &e);
	assert_verdict(&e, "Nothing is reclaimable: all_unreclaimable is yes on "
	    "every zone", NULL);
	explain_free(&e);
	oomreport_free(&rs);

	explain_fixture(fixtures[1], &rs, &e);
	assert_int_equal(ex_zone(&e, 0, "DMA")->unreclaimable, 1);
	assert_int_equal(ex_zone(&e, 0, "DMA32")->unreclaimable, 0);
	assert_int_equal(ex_zone(&e, 0, "Normal")->unreclaimable, 0);
	assert_int_equal(ex_zone(&e, 1, "Normal")->unreclaimable, 1);
	assert_verdict(&e, "Reclaim had given up on Node 1 Normal, Node 0 DMA "
	    "(all_unreclaimable? yes)", NULL);
	/* Node 0 DMA: 3968 pages, lowmem_reserve[3] 3965 */
	assert_int_equal(ex_zone(&e, 0, "DMA")->present_kb, 15992);
	explain_free(&e);
	oomreport_free(&rs);

	explain_fixture("oom-corpus/007-4.18-x86_64-numa-mempolicy-syslog-012.txt", &rs, &e);
	assert_int_equal(e.nzones, 1);
	assert_int_equal(ex_zone(&e, 3, "Normal")->unreclaimable, 1);
	assert_int_equal(e.unreclaimable, 1);
	assert_verdict(&e, "Nothing is reclaimable: all_unreclaimable is yes on "
	    "every node", NULL);
	explain_free(&e);
	oomreport_free(&rs);

	explain_fixture(fixtures[3], &rs, &e);
	assert_int_equal(ex_zone(&e, -1, "DMA")->unreclaimable, 0);
	assert_int_equal(ex_zone(&e, -1, "Normal")->unreclaimable, 0);
	assert_int_equal(ex_zone(&e, -1, "HighMem")->unreclaimable, 0);
	assert_int_equal(e.unreclaimable, 0);
	assert_no_verdict(&e, "all_unreclaimable");
	explain_free(&e);
	oomreport_free(&rs);
}

/* ------------------------------------------------------------------ */
/* mg (issue #16): the verdict's sentences, their weights' order and
 * thresholds, on real reports: every sentence of each report, in order,
 * exactly (the memcg limit, memory+swap, unaccounted memory on a VM and
 * not, each zone's watermark wording, reclaim on every zone or node or
 * some, swap full, free or absent, the biggest task, the victim chosen or
 * killed, the missing highest zone, panic, no killable task, costly
 * orders, the kernel inferred, what is missing) */

struct mg_case {
	const char *fixture;
	int index;			/* the report of the paste */
	const char *verdict[EX_MAX_VERDICT + 1];	/* NULL-terminated */
};

static const struct mg_case mg_cases[] = {
	{ "oom-corpus/024-unknown-x86_64-global-syslog-hand-edited.txt", 0, {
	    "An order-0 GFP_HIGHUSER_MOVABLE|__GFP_COLD allocation by "
	    "AliYunDun failed and invoked the OOM killer.",
	    "java (pid 5424) alone holds 80% of RAM and swap (RSS "
	    "5.9G, swap 0K).",
	    "Normal is below its min watermark (free 36200K, min "
	    "43192K), DMA32 is fenced off by its lowmem reserve (free "
	    "43500K, min 24252K + reserve 19960K) and DMA is fenced "
	    "off by its lowmem reserve (free 15900K, min 132K + "
	    "reserve 31168K).",
	    "Nothing is reclaimable: all_unreclaimable is yes on every "
	    "zone; the LRU holds only 376K of file pages and 7.1G of "
	    "anon pages.",
	    "There is no swap: the 7.1G of anon pages could only stay "
	    "in RAM.",
	    "The kernel killed java (pid 5424, score 800, RSS 5.9G): "
	    "the top-ranked task by the kernel's badness.",
	    "The report does not name its kernel; the flags were "
	    "decoded with the 2.6.32-4.3 bit layout its format "
	    "suggests.",
	    "The report is incomplete; missing: kernel version, "
	    "Mem-Info.",
	    NULL } },
	{ "oom/oom-3.10el7-numa-swap-1.txt", 0, {
	    "An order-0 GFP_HIGHUSER_MOVABLE|__GFP_COLD allocation by "
	    "sed (pid 29481) failed and invoked the OOM killer: page "
	    "cache during a page fault (filemap_fault → "
	    "__page_cache_alloc).",
	    "Swap is full: 0K free of 8.0G, and 30.6G of anon pages "
	    "are still in RAM.",
	    "mysqld (pid 6576) alone holds 65% of RAM and swap (RSS "
	    "19.7G, swap 5.8G).",
	    "Node 0 Normal is below its min watermark (free 36692K, "
	    "min 36784K), Node 1 Normal passes min but not high (free "
	    "49436K, high 68164K), Node 0 DMA32 is fenced off by its "
	    "lowmem reserve (free 59728K, min 7832K + reserve 52220K) "
	    "and Node 0 DMA is fenced off by its lowmem reserve (free "
	    "15872K, min 40K + reserve 63340K); the last attempt "
	    "before an OOM kill checks the high watermark, which no "
	    "zone meets.",
	    "Reclaim had given up on Node 1 Normal, Node 0 DMA "
	    "(all_unreclaimable? yes); the LRU holds 9.6M of file "
	    "pages and 30.6G of anon pages.",
	    "The kernel killed mysqld (pid 6576, score 651, RSS "
	    "19.7G): the top-ranked task by the kernel's badness.",
	    NULL } },
	{ "oom-corpus-holdout/033-3.0-x86_64-allocfail-order4-syslog-zone-wrapped.txt", 0, {
	    "An order-4 GFP_KERNEL allocation by fincore (pid 17921) "
	    "failed (page allocation failure: no OOM kill): a slab "
	    "allocation (__dentry_open → tracing_open → __tracing_open "
	    "→ kmem_cache_alloc_trace → fallback_alloc → "
	    "kmem_getpages).",
	    "Normal has no free block of order 4 above its min "
	    "watermark, DMA32 has no free block of order 4 above its "
	    "min watermark and DMA is fenced off by its lowmem reserve "
	    "(free 15880K, min 256K + reserve 16040K).",
	    "Order-4 requests (above PAGE_ALLOC_COSTLY_ORDER, 3) fail "
	    "instead of invoking the OOM killer: a free block of 16 "
	    "contiguous pages was needed.",
	    "About 22% of RAM (876M of 3.9G) is in no counter (not "
	    "free, LRU, slab, page tables, kernel stacks or reserved): "
	    "held by a kernel driver (GPU, network, vmalloc) or a "
	    "balloon driver, or leaked.",
	    "Reclaim had given up on DMA (all_unreclaimable? yes); the "
	    "LRU holds 1.3G of file pages and 304M of anon pages.",
	    "Swap is 94% free (4.7G of 5.0G) with 304M of anon pages "
	    "in RAM.",
	    NULL } },
	{ "oom/seed-4.4-kvm-balloon.txt", 0, {
	    "An order-0 GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN "
	    "allocation by memcheck-amd64- (pid 3841) failed and "
	    "invoked the OOM killer: vmalloc during fork (dup_fd → "
	    "alloc_fdtable → vmalloc, unproven stack words).",
	    "About 94% of RAM (957M of 1023M) is in no counter (not "
	    "free, LRU, slab, page tables, kernel stacks or reserved): "
	    "most likely held by a balloon driver, as this is a "
	    "virtual machine (QEMU Standard PC (i440FX + PIIX, 1996)).",
	    "DMA32 is below its min watermark (free 3948K, min 3956K) "
	    "and DMA is fenced off by its lowmem reserve (free 3944K, "
	    "min 60K + reserve 3888K).",
	    "Nothing is reclaimable: all_unreclaimable is yes on every "
	    "zone; the LRU holds only 60K of file pages and 132K of "
	    "anon pages.",
	    "Swap is 94% free (3.0G of 3.2G), but almost no anon pages "
	    "are left to swap out (132K): swap could not have helped.",
	    "The kernel killed memcheck-amd64- (pid 3841, score 11, "
	    "RSS 0K): the top-ranked task by the kernel's badness.",
	    "The missing Normal zone is not the cause: __GFP_HIGHMEM "
	    "only sets the highest zone (Normal on a kernel without "
	    "HighMem), and the allocation may fall back to DMA32 and "
	    "DMA.",
	    NULL } },
	{ "oom-corpus-fresh2/020-unknown-x86_64-memcg-task-in-path-wrapped-kill-line-cut.txt", 0, {
	    "A memory cgroup's OOM kill whose header is not in the "
	    "paste: which allocation invoked it, and by which task, is "
	    "not known.",
	    "The memory cgroup "
	    "/kubepods/pod951f6bc5-c5a5-11ea-8707-80e455f266a2/024952d653ef1cd852f875a61bd27cf45cb1fd6cab3659ca7e5f12f037d99aa9 "
	    "hit its limit: 512M used of 512M (failcnt 0). This is the "
	    "cgroup's limit, not a shortage of the machine's memory.",
	    "Its memory+swap limit (512M) allows no swap.",
	    "The kernel killed cp (pid 62769, score 0, RSS 1.6M): the "
	    "kernel chose bash (pid 62685, rank 1) and killed its "
	    "child instead (\"or sacrifice child\", before 5.1) (only "
	    "the cgroup's tasks are candidates).",
	    "The report is incomplete; missing: header, gfp_mask, "
	    "order, kernel version.",
	    NULL } },
	{ "oom-corpus-fresh/023-unknown-x86_64-memcg-eleven-kill-process-lines-journal.txt", 0, {
	    "A memory cgroup's OOM kill whose header is not in the "
	    "paste: which allocation invoked it, and by which task, is "
	    "not known.",
	    "The memory cgroup (path not printed) hit its limit; this "
	    "is the cgroup's limit, not a shortage of the machine's "
	    "memory.",
	    "The kernel chose java (pid 84374, score 1345) to kill, or "
	    "a child of it; the paste ends before the kill line, so "
	    "which task died is not known: the report has no task "
	    "table to rank it in.",
	    "The report is incomplete; missing: header, gfp_mask, "
	    "order, kernel version, task table, kill line.",
	    NULL } },
	{ "oom-corpus-holdout/043-6.1-arm64-numa4-allocfail-order5-quoted-printable.txt", 0, {
	    "An order-5 GFP_KERNEL_ACCOUNT|__GFP_COMP|__GFP_ZERO "
	    "allocation by dockerd (pid 361309) failed (page "
	    "allocation failure: no OOM kill): a slab allocation "
	    "(__rtnl_newlink → veth_newlink → register_netdevice → "
	    "veth_dev_init → __kmalloc → __kmalloc_large_node).",
	    "About 67% of RAM (345G of 512G) is in no counter (not "
	    "free, LRU, slab, page tables, kernel stacks or reserved): "
	    "held by a kernel driver (GPU, network, vmalloc) or a "
	    "balloon driver, or leaked.",
	    "Order-5 requests (above PAGE_ALLOC_COSTLY_ORDER, 3) fail "
	    "instead of invoking the OOM killer: a free block of 32 "
	    "contiguous pages was needed.",
	    "Node 0 Normal is above its high watermark (free 1.9G, "
	    "high 272M), Node 1 Normal is above its high watermark "
	    "(free 670M, high 286M), Node 2 Normal is above its high "
	    "watermark (free 1.2G, high 715M), Node 3 Normal is above "
	    "its high watermark (free 2.6G, high 709M) and Node 0 DMA "
	    "has no free block of order 5 above its min watermark.",
	    "Reclaim had given up on Node 2 Normal, Node 3 Normal "
	    "(all_unreclaimable? yes); the LRU holds 589M of file "
	    "pages and 8.0G of anon pages.",
	    NULL } },
	{ "oom-corpus-fresh3/011-unknown-i686-oom-squid-order3-colon-prefix-blog-fragments-out-of-order.txt", 0, {
	    "An order-3 GFP_KERNEL|__GFP_NOWARN|__GFP_COMP allocation "
	    "by squid failed and invoked the OOM killer.",
	    "DMA has no free block of order 3 above its min watermark.",
	    "The missing Normal zone is not the cause: a mask with no "
	    "zone modifier only sets the highest zone, and the "
	    "allocation may fall back to DMA.",
	    "The report does not name its kernel; the flags were "
	    "decoded with the 2.6.32-4.3 bit layout its format "
	    "suggests.",
	    "The report is incomplete; missing: kernel version, buddy "
	    "lines, swap totals, pages RAM, task table, kill line.",
	    NULL } },
	{ "oom-corpus/013-5.4-riscv64-pagefault-global.txt", 0, {
	    "A page-fault OOM: a page fault of python3 (pid 28600) "
	    "ended in VM_FAULT_OOM (gfp_mask=0x0), so the kernel ran "
	    "the OOM killer without a failed allocation of its own in "
	    "this report.",
	    "Memory was not short: Normal (832M free) and DMA32 (575M "
	    "free) are above their high watermarks. Whatever returned "
	    "VM_FAULT_OOM (a driver's fault handler, or a failed "
	    "memory cgroup charge) caused this, not the page allocator.",
	    "python3 (pid 28600) alone holds 48% of RAM and swap (RSS "
	    "4.7G, swap 0K).",
	    "The kernel killed python3 (pid 28600, score 480, RSS "
	    "4.7G): the top-ranked task by the kernel's badness.",
	    "Swap is 90% free (1.9G of 2.1G) with 5.5G of anon pages "
	    "in RAM.",
	    NULL } },
	{ "oom-corpus-fresh/040-6.17-x86_64-memcg-kernel-colon-only-no-killable-then-header.txt", 0, {
	    "An OOM kill whose header is not in the paste: which "
	    "allocation invoked it, and by which task, is not known.",
	    "No task could be killed: every candidate was unkillable "
	    "(oom_score_adj -1000) or already exiting.",
	    "The report is incomplete; missing: header, gfp_mask, "
	    "order, kernel version, Mem-Info, swap totals, pages RAM, "
	    "task table.",
	    NULL } },
	{ "oom-corpus-fresh2/012-3.16-x86_64-sysrq-panic-on-oom-console-screen.txt", 0, {
	    "A manual OOM kill through SysRq-f (SysRq's \"Manual OOM "
	    "execution\" line right before it): no allocation failed; "
	    "someone asked the kernel to kill a task.",
	    "The kernel panicked on this OOM (panic_on_oom or no task "
	    "left to kill).",
	    "The report is incomplete; missing: header, gfp_mask, "
	    "order, Mem-Info, swap totals, pages RAM, task table.",
	    NULL } },
	{ "oom-corpus-holdout/062-5.4-arm64-global-oops-interleaved-gmail-wrapped.txt", 0, {
	    "An order-0 GFP_HIGHUSER_MOVABLE allocation by oom01 (pid "
	    "10948) failed and invoked the OOM killer: user memory "
	    "during a page fault (__handle_mm_fault).",
	    "oom01 (pid 10944) alone holds 94% of RAM and swap (RSS "
	    "1.8G, swap 0K).",
	    "DMA32 is below its min watermark (free 21876K, min "
	    "22528K).",
	    "Nothing is reclaimable: all_unreclaimable is yes on every "
	    "node; the LRU holds only 252K of file pages and 1.8G of "
	    "anon pages.",
	    "There is no swap: the 1.8G of anon pages could only stay "
	    "in RAM.",
	    "The kernel killed oom01 (pid 10944, score 939, RSS 1.8G): "
	    "the top-ranked task by the kernel's badness.",
	    "The report is incomplete; missing: lowmem_reserve.",
	    NULL } },
	{ "oom-corpus/014-6.16-x86_64-memcg-v2-bpf-constraint.txt", 0, {
	    "An OOM kill asked for by kernel code: bpf_out_of_memory "
	    "called out_of_memory() in kworker/u17:0 (pid 74) with "
	    "gfp_mask=0x0, so neither a failed allocation nor a page "
	    "fault started it.",
	    "The kernel ran the OOM killer with constraint "
	    "CONSTRAINT_BPF_PSI_MEM, which mainline kernels do not "
	    "have, scoped to the memory cgroup "
	    "/cgroup-test-work-dir673/oom_test/cg2 (41.2M used of "
	    "8192P): only its tasks were candidates.",
	    "The kernel killed test_progs (pid 675, score 0, RSS "
	    "42.8M): the top-ranked task by the kernel's badness (only "
	    "the cgroup's tasks are candidates).",
	    NULL } },
	{ "oom-corpus-fresh2/004-unknown-arm-allocfail-vmalloc-then-order0-inline-code-mem-info.txt", 0, {
	    "An order-0 GFP_KERNEL allocation by modprobe failed (page "
	    "allocation failure: no OOM kill).",
	    "Normal is above its high watermark (free 182M, high "
	    "2860K).",
	    "The report does not name its kernel; the flags were "
	    "decoded with the 2.6.32-4.3 bit layout its format "
	    "suggests.",
	    "The report is incomplete; missing: kernel version, "
	    "lowmem_reserve, buddy lines, swap totals, pages RAM.",
	    NULL } },
	{ "oom-corpus-holdout/001-6.18-x86_64-memcg-v1-python-dmesg.txt", 0, {
	    "An order-0 GFP_KERNEL allocation by python3 (pid 10392) "
	    "could not be charged to its memory cgroup and invoked the "
	    "cgroup's OOM killer: a memory cgroup charge during a page "
	    "fault (do_anonymous_page → __mem_cgroup_charge → "
	    "charge_memcg → try_charge_memcg).",
	    "The memory cgroup /zt-holdout-10388 hit its limit: 64.0M "
	    "used of 64.0M (failcnt 0). This is the cgroup's limit, "
	    "not a shortage of the machine's memory.",
	    "python3 (pid 10392) alone holds 110% of the cgroup's "
	    "limit (RSS 70.3M, swap 0K).",
	    "Its memory+swap limit (64.0M) allows no swap.",
	    "The kernel killed python3 (pid 10392, score 1101, RSS "
	    "70.3M): the top-ranked task by the kernel's badness (only "
	    "the cgroup's tasks are candidates).",
	    NULL } },
	{ "oom-corpus-holdout/038-4.10-i686-highmem-global-syslog-quoted-printable.txt", 0, {
	    "An order-? GFP_TEMPORARY|__GFP_COMP|__GFP_NOTRACK "
	    "allocation by updatedb.mlocat (pid 2314) failed and "
	    "invoked the OOM killer: a slab allocation (d_alloc → "
	    "__d_alloc → kmem_cache_alloc → xfs_buf_rele → "
	    "cache_grow_begin → xfs_init_local_fork, unproven stack words).",
	    "The kernel killed firefox-esr (pid 2798, score 27, RSS "
	    "327M): the top-ranked task by the kernel's badness.",
	    "Swap is 100% free (4.0G of 4.0G) with 537M of anon pages "
	    "in RAM.",
	    "The report is incomplete; missing: order.",
	    NULL } },
	{ "oom-corpus-holdout/049-4.19-x86_64-global-two-no-tasklist-colon-comm.txt", 1, {
	    "An order-0 GFP_HIGHUSER_MOVABLE allocation by "
	    "in:imjournal (pid 1001) failed and invoked the OOM "
	    "killer: page cache during a page fault (filemap_fault).",
	    "Normal is above its high watermark (free 155M, high "
	    "19740K), DMA32 is above its high watermark (free 2.0G, "
	    "high 81156K) and DMA is fenced off by its lowmem reserve "
	    "(free 13816K, min 308K + reserve 13512K).",
	    "There is no swap: the 965M of anon pages could only stay "
	    "in RAM.",
	    "The kernel killed java (pid 1089, score 52, RSS 178M): "
	    "the report has no task table to rank it in.",
	    "The report is incomplete; missing: task table.",
	    NULL } },
	{ "oom-corpus-holdout/055-2.6.26-x86_64-sysrq-order0-oomkilladj-mailwrapped.txt", 0, {
	    "A manual OOM kill through SysRq-f (the moom_callback work "
	    "item; kernels before 4.6 pass order 0): no allocation "
	    "failed; someone asked the kernel to kill a task.",
	    "DMA32 is below its min watermark (free 4140K, min 5664K) "
	    "and DMA is fenced off by its lowmem reserve (free 7880K, "
	    "min 28K + reserve 7884K).",
	    "The kernel killed a.out (pid 2842, score 494723): the "
	    "report has no task table to rank it in.",
	    "Reclaim had given up on DMA (all_unreclaimable? yes).",
	    "Swap is 67% free (3.8G of 5.7G).",
	    "The report is incomplete; missing: task table.",
	    NULL } },
	{ "oom-corpus/003-2.6.31-x86_64-global-mailquote-wrapped-two.txt", 0, {
	    "An order-1 GFP_KERNEL allocation by msgctl11 (pid 5795) "
	    "failed and invoked the OOM killer: during fork "
	    "(copy_process).",
	    "DMA32 passes min but not high (free 5832K, high 6000K) "
	    "and DMA is fenced off by its lowmem reserve (free 4036K, "
	    "min 60K + reserve 3976K); the last attempt before an OOM "
	    "kill checks the high watermark, which no zone meets.",
	    "The kernel killed msgctl11 (pid 4222): the kernel chose "
	    "msgctl11 (pid 3855) and killed its child instead (\"or "
	    "sacrifice child\", before 5.1).",
	    "The missing Normal zone is not the cause: a mask with no "
	    "zone modifier only sets the highest zone, and the "
	    "allocation may fall back to DMA32 and DMA.",
	    "The report is incomplete; missing: task table.",
	    NULL } },
	{ "oom-corpus/007-4.18-x86_64-numa-mempolicy-syslog-012.txt", 0, {
	    "An order-0 GFP_HIGHUSER_MOVABLE|__GFP_ZERO allocation by "
	    "oom (pid 2074) failed and invoked the OOM killer: user "
	    "memory during a page fault (__handle_mm_fault → "
	    "handle_pte_fault).",
	    "Swap is full: 12K free of 4.0G, and 1.8G of anon pages "
	    "are still in RAM.",
	    "oom (pid 2074) alone holds 96% of RAM and swap (RSS 1.8G, "
	    "swap 3.9G).",
	    "Nothing is reclaimable: all_unreclaimable is yes on every "
	    "node; the LRU holds only 44.1M of file pages and 1.8G of "
	    "anon pages.",
	    "Normal passes min but not high (free 36376K, high "
	    "51964K); the last attempt before an OOM kill checks the "
	    "high watermark, which no zone meets.",
	    "The kernel killed oom (pid 2074, score 961, RSS 1.8G): "
	    "the top-ranked task by the kernel's badness.",
	    NULL } },
	{ "oom-corpus/011-3.10el7-x86_64-global-syslog-012-annotated.txt", 0, {
	    "An order-0 GFP_HIGHUSER_MOVABLE|__GFP_COLD allocation by "
	    "java (pid 18524) failed and invoked the OOM killer: page "
	    "cache during a page fault (filemap_fault → "
	    "__page_cache_alloc).",
	    "Swap is full: 0K free of 3.9G, and 13.1G of anon pages "
	    "are still in RAM.",
	    "Normal is below its min watermark (free 60304K, min "
	    "60360K), DMA32 is fenced off by its lowmem reserve (free "
	    "105M, min 7184K + reserve 100520K) and DMA is fenced off "
	    "by its lowmem reserve (free 15892K, min 36K + reserve "
	    "110M).",
	    "Nothing is reclaimable: all_unreclaimable is yes on every "
	    "zone; the LRU holds only 1.1M of file pages and 13.1G of "
	    "anon pages.",
	    "About 50% of RAM (14.0G of 28.0G) is in no counter (not "
	    "free, LRU, slab, page tables, kernel stacks or reserved): "
	    "most likely held by a balloon driver, as this is a "
	    "virtual machine (VMware, Inc. VMware Virtual "
	    "Platform/440BX Desktop Reference Platform).",
	    "The kernel killed java (pid 32696, score 268, RSS 7.4G): "
	    "the top-ranked task by the kernel's badness.",
	    NULL } },
	{ "oom-corpus/018-6.3-x86_64-vmalloc-order9-two-colon-comm.txt", 0, {
	    "An order-9 GFP_KERNEL|__GFP_HIGHMEM|__GFP_ZERO allocation "
	    "by qemu:deb12-virt (pid 16084) failed (page allocation "
	    "failure: no OOM kill): vmalloc (amdgpu_driver_open_kms → "
	    "amdgpu_vm_init → amdgpu_vm_pt_create → "
	    "amdgpu_bo_create_vm → amdgpu_bo_create → vmalloc).",
	    "Order-9 requests (above PAGE_ALLOC_COSTLY_ORDER, 3) fail "
	    "instead of invoking the OOM killer: a free block of 512 "
	    "contiguous pages was needed.",
	    "Normal is above its high watermark (free 4.4G, high "
	    "101M), DMA32 has no free block of order 9 above its min "
	    "watermark and DMA is fenced off by its lowmem reserve "
	    "(free 15372K, min 40K + reserve 94776K).",
	    "Swap is 100% free (15.8G of 15.8G) with 16.6G of anon "
	    "pages in RAM.",
	    NULL } },
	{ "oom-corpus/035-4.19+4.14-arm64-allocfail-android-samsung-x0a-two.txt", 1, {
	    "An order-0 GFP_NOIO|__GFP_HIGHMEM|__GFP_MOVABLE "
	    "allocation by kswapd0 (pid 1221) failed (page allocation "
	    "failure: no OOM kill): user memory (swap_writepage → "
	    "__swap_writepage → bdev_write_page → zram_rw_page → "
	    "zram_bvec_rw → zs_malloc).",
	    "Normal has no free block of order 0 above its min "
	    "watermark.",
	    "The report is incomplete; missing: swap totals, pages RAM.",
	    NULL } },
	{ "oom/oom-6.1-global-swap-1.txt", 0, {
	    "An order-0 GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO "
	    "allocation by doxygen (pid 473206) failed and invoked the "
	    "OOM killer: user memory during a page fault "
	    "(__handle_mm_fault).",
	    "Swap is full: 84K free of 24.0G, and 11.1G of anon pages "
	    "are still in RAM.",
	    "doxygen (pid 473206) alone holds 73% of RAM and swap (RSS "
	    "8.8G, swap 19.9G).",
	    "Normal is below its min watermark (free 61900K, min "
	    "61948K), DMA32 is fenced off by its lowmem reserve (free "
	    "63304K, min 13760K + reserve 49872K) and DMA is fenced "
	    "off by its lowmem reserve (free 13312K, min 64K + reserve "
	    "62636K).",
	    "The kernel killed doxygen (pid 473206, score 732, RSS "
	    "8.8G): the top-ranked task by the kernel's badness.",
	    "About 20% of RAM (3.1G of 15.7G) is in no counter (not "
	    "free, LRU, slab, page tables, kernel stacks or reserved): "
	    "held by a kernel driver (GPU, network, vmalloc) or a "
	    "balloon driver, or leaked.",
	    NULL } },
	{ "oom-corpus/033-6.12-arm64-rpi-global-pager-truncated.txt", 0, {
	    "An order-0 GFP_HIGHUSER_MOVABLE|__GFP_COMP allocation by "
	    "cron (pid 550) failed and invoked the OOM killer: user "
	    "memory during a page fault (do_swap_page).",
	    "Swap is full: 0K free of 416M, and 179M of anon pages are "
	    "still in RAM.",
	    "About 37% of RAM (167M of 448M) is in no counter (not "
	    "free, LRU, slab, page tables, kernel stacks or reserved): "
	    "held by a kernel driver (GPU, network, vmalloc) or a "
	    "balloon driver, or leaked.",
	    "DMA passes min but not high (free 17380K, high 24576K); "
	    "the last attempt before an OOM kill checks the high "
	    "watermark, which no zone meets.",
	    "The kernel killed python (pid 996, score 294, RSS 119M): "
	    "the top-ranked task by the kernel's badness.",
	    NULL } },
	{ "oom-corpus-holdout/056-2.6.26-x86_64-global-two-mailwrapped-child-killed.txt", 1, {
	    "An order-0 GFP_HIGHUSER|__GFP_COLD|0x100000 allocation by "
	    "hald (pid 3183) failed and invoked the OOM killer: page "
	    "cache during a page fault (filemap_fault → "
	    "__do_page_cache_readahead).",
	    "Swap is full: 6.5M free of 5.7G.",
	    "DMA32 is below its min watermark (free 5508K, min 5664K) "
	    "and DMA is fenced off by its lowmem reserve (free 7900K, "
	    "min 28K + reserve 7884K).",
	    "Nothing is reclaimable: all_unreclaimable is yes on every "
	    "zone.",
	    "The kernel killed seahorse-agent (pid 3568): the kernel "
	    "chose x-session-manag (pid 3500) and killed its child "
	    "instead (\"or sacrifice child\", before 5.1).",
	    "The missing Normal zone is not the cause: __GFP_HIGHMEM "
	    "only sets the highest zone (Normal on a kernel without "
	    "HighMem), and the allocation may fall back to DMA32 and "
	    "DMA.",
	    "The report is incomplete; missing: task table.",
	    NULL } },
};

/* Report index of fixture rel, explained: the caller frees both. */
static void
mg_explain(const char *rel, int index, struct oom_reports *rs, struct explain *e)
{
	size_t len;
	char *text = fixture(rel, &len);
	char *p = exact_copy(text, len);

	oomreport_parse(p, len, rs);
	free(p);
	free(text);
	assert_true(index < rs->n);
	explain_report(&rs->r[index], e);
}

/* The verdict lines of e are want[], in order, and no more. */
static void
mg_assert_verdicts(const char *what, const struct explain *e,
    const char *const *want)
{
	int n = 0;

	while (want[n] != NULL)
		n++;
	bool same = e->nverdict == n;
	for (int i = 0; same && i < n; i++)
		same = strcmp(e->verdict[i], want[i]) == 0;
	if (same)
		return;
	for (int i = 0; i < e->nverdict; i++)
		print_message("got %d: %s\n", i + 1, e->verdict[i]);
	for (int i = 0; i < n; i++)
		print_message("want %d: %s\n", i + 1, want[i]);
	fail_msg("%s: the verdict differs", what);
}

static void
test_mg_corpus_verdicts(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof mg_cases / sizeof mg_cases[0]; c++) {
		struct oom_reports rs;
		struct explain e;

		mg_explain(mg_cases[c].fixture, mg_cases[c].index, &rs, &e);
		mg_assert_verdicts(mg_cases[c].fixture, &e, mg_cases[c].verdict);
		explain_free(&e);
		oomreport_free(&rs);
	}
}

/* Eight nodes of an 8-node 3.0 NUMA machine (oom-corpus 021): the zone
 * sentence lists eight zones, the first eight of the ten, and ends
 * whole (a verdict line once held 511 bytes and cut it mid-word) */
static void
test_mg_zones_eight(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	mg_explain("oom-corpus/021-3.0-x86_64-numa8-global-elided-nokill.txt", 0,
	    &rs, &e);
	int i = verdict_at(&e, "Node 0 Normal is below its min watermark (free "
	    "8120K, min 8160K), Node 1 Normal is above its high watermark");
	assert_true(i >= 0);
	const char *v = e.verdict[i], *end = "Node 6 Normal is above its high "
	    "watermark (free 232G, high 12288K) and Node 7 Normal passes min but "
	    "not high (free 10768K, high 12288K).";
	assert_true(strlen(v) > strlen(end));
	assert_string_equal(v + strlen(v) - strlen(end), end);
	assert_null(strstr(v, "DMA"));
	explain_free(&e);
	oomreport_free(&rs);
}

/* ------------------------------------------------------------------ */
/* mf: the request, the cause, the scope, the trace and what is
 * missing (issue #16's mutants of ex_gfp .. ex_verdict_request), on
 * real reports of the corpora and pastes cut from real ones. */

/* Report idx of a fixture with several, analysed: the caller frees. */
static void
mf_report(const char *rel, int idx, struct oom_reports *rs, struct explain *e)
{
	size_t len;
	char *text = fixture(rel, &len);

	oomreport_parse(text, len, rs);
	free(text);
	assert_true(idx < rs->n);
	explain_report(&rs->r[idx], e);
}

static void
mf_text(const char *text, struct oom_reports *rs, struct explain *e)
{
	explain_text_of(text, strlen(text), rs, e);
}

/* A report printed from fmt (a release's), analysed */
static void __attribute__((format(printf, 3, 4)))
mf_release(struct oom_reports *rs, struct explain *e, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	mf_text(text, rs, e);
}

static void
mf_done(struct oom_reports *rs, struct explain *e)
{
	explain_free(e);
	oomreport_free(rs);
}

/* The request's zones: gfp_zone() of the mask, then every lower zone
 * type (the zonelist walk); nothing of them without a mask. */
static void
test_mf_request_zones(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	/* a paste that starts after the header: no mask, no zones */
	explain_fixture("oom-corpus-fresh/015-unknown-x86_64-global-markdown-inline-code-child-killed.txt",
	    &rs, &e);
	assert_false(e.have_gfp);
	assert_int_equal(e.highest_type, ZT_ZONE_UNKNOWN);
	assert_int_equal(e.slot, -1);
	assert_string_equal(e.fallback, "");
	assert_string_equal(e.gfp_flags, "");
	assert_string_equal(e.gfp_decoded, "");
	mf_done(&rs, &e);
	/* 3.10's 0x201da, GFP_HIGHUSER_MOVABLE|__GFP_COLD: the top slot,
	 * Movable, first */
	explain_fixture("oom-corpus/011-3.10el7-x86_64-global-syslog-012-annotated.txt", &rs, &e);
	assert_true(e.have_gfp);
	assert_int_equal(e.highest_type, ZT_ZONE_MOVABLE);
	assert_string_equal(e.fallback, "Movable, Normal, DMA32, DMA");
	mf_done(&rs, &e);
	/* 4.1 arm64's 0x2000d1 has GFP_DMA: DMA alone */
	explain_fixture("oom-corpus/006-4.1-arm64-allocfail-order2-android-vendor.txt", &rs, &e);
	assert_int_equal(e.highest_type, ZT_ZONE_DMA);
	assert_int_equal(e.slot, 0);
	assert_string_equal(e.fallback, "DMA");
	mf_done(&rs, &e);
	/* the printed names against the mask: bit 0 (__GFP_DMA) never
	 * moved, so a mask with it that the names lack is a damaged paste */
	mf_text("[ 9.1] t invoked oom-killer: gfp_mask=0x100ccb(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "[ 9.2] CPU: 0 PID: 5 Comm: t Not tainted 5.18.0-1-amd64 #1\n", &rs, &e);
	assert_true(e.flags_disagree);
	mf_done(&rs, &e);
}

/* Pastes cut just below "Call Trace:": the one frame left is the
 * trace's first, and it alone shows a memcg OOM (4.4 prints no
 * constraint) or SysRq-f's work item (before 4.6, order 0). */
static void
test_mf_first_frame(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	mf_text("[14808.063890] main invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[14808.063899] CPU: 2 PID: 11345 Comm: main Not tainted 4.4.0-130-generic #156-Ubuntu\n"
	    "[14808.063911] Call Trace:\n"
	    "[14808.063938]  [<ffffffff81207583>] mem_cgroup_out_of_memory+0x2b3/0x300\n",
	    &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	assert_true(e.constraint_inferred);
	assert_string_equal(e.constraint_note,
	    "not printed in the paste; the call trace shows the memcg OOM path");
	mf_done(&rs, &e);
	mf_text("[  139.000001] kworker/0:2 invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[  139.000002] CPU: 0 PID: 735 Comm: kworker/0:2 Not tainted 4.4.0-130-generic #156-Ubuntu\n"
	    "[  139.000003] Call Trace:\n"
	    "[  139.000004]  [<ffffffff8150a9b4>] moom_callback+0x24/0x30\n",
	    &rs, &e);
	assert_int_equal(e.cause, EX_CAUSE_SYSRQ);
	assert_verdict(&e, "the moom_callback work item", NULL);
	mf_done(&rs, &e);
	/* the page allocator, proven, as the first frame: a global OOM */
	mf_text("[  100.000001] stress invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0\n"
	    "[  100.000002] CPU: 1 PID: 1234 Comm: stress Not tainted 6.1.0-13-amd64 #1 Debian 6.1.55-1\n"
	    "[  100.000003] Call Trace:\n"
	    "[  100.000004]  __alloc_pages_slowpath.constprop.0+0xb3e/0xcb0\n",
	    &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_GLOBAL);
	assert_string_equal(e.constraint_note, "not printed in the paste; the call "
	    "trace shows the page allocator invoking the OOM killer");
	mf_done(&rs, &e);
	/* the work item on the Workqueue: line alone */
	mf_text("[  139.000001] kworker/0:2 invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[  139.000002] CPU: 0 PID: 735 Comm: kworker/0:2 Not tainted 4.4.0-130-generic #156-Ubuntu\n"
	    "[  139.000003] Workqueue: events moom_callback\n",
	    &rs, &e);
	assert_int_equal(e.cause, EX_CAUSE_SYSRQ);
	assert_verdict(&e, "the moom_callback work item", NULL);
	mf_done(&rs, &e);
}

/* The cause's names, and "?" for a value that is none of them. */
static void
test_mf_cause_names(void **state)
{
	(void)state;
	assert_string_equal(explain_cause_name(EX_CAUSE_ALLOCATION), "allocation");
	assert_string_equal(explain_cause_name(EX_CAUSE_PAGE_FAULT), "page_fault");
	assert_string_equal(explain_cause_name(EX_CAUSE_SYSRQ), "sysrq");
	assert_string_equal(explain_cause_name(EX_CAUSE_CALL + 1), "?");
	assert_string_equal(explain_cause_name(-1), "?");
}

/* 2.6.32 .. 2.6.35's header (oom_adj=, no oom_score_adj=) without its
 * Pid: line (oom-corpus-fresh2 017 cut): the version is only "before
 * 2.6.36", the oldest layout's, and the mask is decoded by it. Every
 * frame of Debian's 2.6.32 is a "? " one: the chain takes them all. */
static void
test_mf_oldest_layout(void **state)
{
	static const char text[] =
	    "[2006013.230723] mysqld invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0\n"
	    "[2006013.230735] Call Trace:\n"
	    "[2006013.230744]  [<ffffffff810b6708>] ? oom_kill_process+0x7f/0x23f\n"
	    "[2006013.230750]  [<ffffffff8106bde2>] ? timekeeping_get_ns+0xe/0x2e\n"
	    "[2006013.230754]  [<ffffffff810b6c2c>] ? __out_of_memory+0x12a/0x141\n"
	    "[2006013.230757]  [<ffffffff810b6d83>] ? out_of_memory+0x140/0x172\n"
	    "[2006013.230762]  [<ffffffff810baae8>] ? __alloc_pages_nodemask+0x4ec/0x5fc\n"
	    "[2006013.230768]  [<ffffffff812fca02>] ? io_schedule+0x93/0xb7\n"
	    "[2006013.230773]  [<ffffffff810bc051>] ? __do_page_cache_readahead+0x9b/0x1b4\n"
	    "[2006013.230778]  [<ffffffff810652f8>] ? wake_bit_function+0x0/0x23\n"
	    "[2006013.230782]  [<ffffffff810bc186>] ? ra_submit+0x1c/0x20\n"
	    "[2006013.230785]  [<ffffffff810b4e53>] ? filemap_fault+0x17d/0x2f6\n"
	    "[2006013.230790]  [<ffffffff810cae1e>] ? __do_fault+0x54/0x3c3\n"
	    "[2006013.230798]  [<ffffffff810cd172>] ? handle_mm_fault+0x3b8/0x80f\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	mf_text(text, &rs, &e);
	assert_true(e.kv_inferred);
	assert_int_equal(e.layout, 0);
	assert_string_equal(e.gfp_decoded, "GFP_HIGHUSER_MOVABLE|__GFP_COLD");
	assert_string_equal(e.gfp_flags, e.gfp_decoded);
	assert_string_equal(e.chain, "filemap_fault \u2192 ra_submit \u2192 wake_bit_function "
	    "\u2192 __do_page_cache_readahead \u2192 io_schedule");
	assert_string_equal(e.purpose, "page cache during a page fault");
	/* its __alloc_pages_nodemask is a "? " word: no proof of a global OOM */
	assert_string_equal(e.constraint_note, "assumed: the paste holds none of "
	    "the lines that tell a memcg OOM from a global one");
	assert_verdict(&e, "An order-0 GFP_HIGHUSER_MOVABLE|__GFP_COLD allocation by "
	    "mysqld failed and invoked the OOM killer: page cache during a page "
	    "fault (filemap_fault", NULL);
	mf_done(&rs, &e);
}

/* 4.6.0 itself has is_sysrq_oom(): a panic_on_oom panic after SysRq's
 * line is another OOM's, as on every later release; on 4.5 SysRq-f
 * could still reach check_panic_on_oom(). */
static void
test_mf_sysrq_46(void **state)
{
	static const char fmt[] =
	    "[  910.064760] SysRq : Manual OOM execution\n"
	    "[  910.113950] Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled\n"
	    "[  910.229545] CPU: 1 PID: 243 Comm: kworker/1:2 Not tainted %s #1\n";
	static const struct {
		const char *release;
		int kv, cause;
	} cases[] = {
		{ "4.5.0-2-amd64", ZT_KV(4, 5), EX_CAUSE_SYSRQ },
		{ "4.6.0-1-amd64", ZT_KV(4, 6), EX_CAUSE_ALLOCATION },
		{ "5.4.0-42-generic", ZT_KV(5, 4), EX_CAUSE_ALLOCATION },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		mf_release(&rs, &e, fmt, cases[i].release);
		assert_int_equal(e.kv, cases[i].kv);
		assert_int_equal(e.cause, cases[i].cause);
		mf_done(&rs, &e);
	}
}

/* The constraint of a global OOM whose oom-kill: line is not in the
 * paste: 5.0.0 prints it (dump_oom_summary()), 4.18 does not. */
static void
test_mf_constraint_notes(void **state)
{
	static const char fmt[] =
	    "[ 100.000001] stress invoked oom-killer: gfp_mask=0x6280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), nodemask=(null), order=0, oom_score_adj=0\n"
	    "[ 100.000002] CPU: 1 PID: 1234 Comm: stress Not tainted %s #14-Ubuntu\n"
	    "[ 100.000003] Mem-Info:\n";
	static const struct {
		const char *release, *note;
	} cases[] = {
		{ "5.0.0-13-generic", "not printed in the paste; its Mem-Info or kill "
		    "line shows a global OOM" },
		{ "4.18.0-25-generic", "not printed before 5.0" },
	};
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct oom_reports rs;
		struct explain e;
		mf_release(&rs, &e, fmt, cases[i].release);
		assert_int_equal(e.constraint, ZT_CON_GLOBAL);
		assert_true(e.constraint_inferred);
		assert_string_equal(e.constraint_note, cases[i].note);
		mf_done(&rs, &e);
	}
}

/* 4.4's memcg OOM without its "Task in" and kill lines (the docker
 * fixture cut): its usage and stats lines alone show the scope, and
 * with the header in the paste the first stats line is the OOMing
 * memcg's; without the header it may be a child's, so none is named. */
static void
test_mf_scope_stats(void **state)
{
	static const char head[] =
	    "[14808.063890] main invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n";
	static const char body[] =
	    "[14808.063899] CPU: 2 PID: 11345 Comm: main Not tainted 4.4.0-130-generic #156-Ubuntu\n"
	    "[14808.063994] memory: usage 204800kB, limit 204800kB, failcnt 4563\n"
	    "[14808.063995] memory+swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n"
	    "[14808.063997] kmem: usage 7524kB, limit 9007199254740988kB, failcnt 0\n"
	    "[14808.063998] Memory cgroup stats for /docker/34186d9bd077: cache:108KB rss:197168KB rss_huge:0KB mapped_file:4KB dirty:0KB writeback:0KB inactive_anon:0KB active_anon:197168KB inactive_file:88KB active_file:4KB unevictable:0KB\n"
	    "[14808.064008] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name\n"
	    "[14808.064117] [10517]     0 10517    74852     4784      32       5        0             0 go\n"
	    "[14808.064121] [11344]     0 11344    97590    46185     113       5        0             0 main\n";
	char text[2048];
	struct oom_reports rs;
	struct explain e;
	(void)state;

	snprintf(text, sizeof text, "%s%s", head, body);
	mf_text(text, &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	assert_true(e.constraint_inferred);
	assert_string_equal(e.constraint_note, "not printed in the paste; its memcg "
	    "usage or stats lines show it");
	assert_string_equal(e.memcg, "/docker/34186d9bd077");
	assert_int_equal(e.memcg_limit_kb, 204800);
	assert_int_equal(e.memcg_usage_kb, 204800);
	assert_int_equal(e.memcg_failcnt, 4563);
	mf_done(&rs, &e);
	mf_text(body, &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	assert_string_equal(e.memcg, "");
	mf_done(&rs, &e);
}

/* 4.19 .. 5.2's unset CONSTRAINT_NONE with the oom-kill: line alone (a
 * grep for it): its oom_memcg= names the OOMing memcg, which the kill
 * line, usage lines and trace would otherwise show. */
static void
test_mf_unset_oom_memcg(void **state)
{
	struct oom_reports rs;
	struct explain e;
	(void)state;

	mf_text("stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "CPU: 2 PID: 210 Comm: stress Not tainted 5.2.0-rc2-mm1 #135\n"
	    "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),oom_memcg=/foo,task_memcg=/foo,task=stress,pid=210,uid=0\n",
	    &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	assert_true(e.constraint_unset);
	assert_false(e.constraint_inferred);
	assert_string_equal(e.memcg, "/foo");
	mf_done(&rs, &e);
	/* the line cut by a pager before its oom_memcg=: the usage line
	 * shows the memcg OOM still */
	mf_text("stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "CPU: 2 PID: 210 Comm: stress Not tainted 5.2.0-rc2-mm1 #135\n"
	    "memory: usage 1024kB, limit 1024kB, failcnt 75131\n"
	    "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),oom_>\n",
	    &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	assert_true(e.constraint_unset);
	mf_done(&rs, &e);
	/* a patched kernel's constraint (test_explain_rules'
	 * test_unknown_constraint) with the oom-kill: line alone: printed,
	 * not inferred, and scoped to its oom_memcg= */
	mf_text("[ 315.2] kworker/u17:0 invoked oom-killer: gfp_mask=0x0(), order=0, oom_score_adj=0\n"
	    "[ 315.4] oom-kill:constraint=CONSTRAINT_BPF_PSI_MEM,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/t/cg2,task_memcg=/t/cg2,task=tp,pid=675,uid=0\n",
	    &rs, &e);
	assert_int_equal(e.constraint, ZT_CON_MEMCG);
	assert_false(e.constraint_inferred);
	assert_null(e.constraint_note);
	assert_string_equal(e.memcg, "/t/cg2");
	mf_done(&rs, &e);
}

/* The chain starts above the last allocator frame: 4.1 arm64's
 * __alloc_pages_nodemask is the last (alloc_kmem_pages_node is not the
 * allocator); frames that say nothing of the caller are left out, a
 * KVM guest's stack words among them (the seed's trace with its
 * __raw_callee_save_ and kvm_clock_read words moved below the
 * allocator's caller, where a stack word can be as well). */
static void
test_mf_trace_chain(void **state)
{
	static const char seed[] =
	    "Mar  7 02:43:11 myhost kernel: bash invoked oom-killer: gfp_mask=0x24002c2, order=0, oom_score_adj=0\n"
	    "Mar  7 02:43:11 myhost kernel: CPU: 0 PID: 20227 Comm: bash Not tainted 4.4.0-x86_64-linode63 #2\n"
	    "Mar  7 02:43:11 myhost kernel: Call Trace:\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff8158cbcc>] ? dump_stack+0x40/0x50\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff81183316>] ? oom_kill_process+0xc0/0x34f\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff811839b2>] ? out_of_memory+0x3bf/0x406\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff81187bbd>] ? __alloc_pages_nodemask+0x8ba/0x9d8\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff811b82e8>] ? alloc_pages_current+0xbc/0xe0\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff8110f5a1>] ? __raw_callee_save___pv_queued_spin_unlock+0x11/0x1e\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff81044a8d>] ? kvm_clock_read+0x1b/0x1d\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff811b096c>] ? __vmalloc_node_range+0x12d/0x20a\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff811e0e62>] ? alloc_fdtable+0x6a/0xd8\n"
	    "Mar  7 02:43:11 myhost kernel: [<ffffffff811e1338>] ? dup_fd+0x103/0x1f0\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	explain_fixture("oom-corpus/006-4.1-arm64-allocfail-order2-android-vendor.txt", &rs, &e);
	assert_string_equal(e.chain, "copy_process \u2192 alloc_kmem_pages_node");
	assert_string_equal(e.purpose, "during fork");
	mf_done(&rs, &e);
	mf_text(seed, &rs, &e);
	assert_string_equal(e.chain, "dup_fd \u2192 alloc_fdtable \u2192 vmalloc");
	assert_string_equal(e.purpose, "vmalloc during fork");
	mf_done(&rs, &e);
}

/* vmalloc's frames (__vmalloc_node_range, __vmalloc, kvmalloc_node) are
 * one "vmalloc" in the chain: 6.3's amdgpu and btrfs reports, and
 * 5.16's syzkaller one, whose trace holds nothing but them above the
 * allocator. */
static void
test_mf_vmalloc_chains(void **state)
{
	static const struct {
		const char *rel;
		int idx;
		const char *chain;
	} cases[] = {
		{ "oom-corpus/018-6.3-x86_64-vmalloc-order9-two-colon-comm.txt", 0,
		    "amdgpu_driver_open_kms \u2192 amdgpu_vm_init \u2192 amdgpu_vm_pt_create "
		    "\u2192 amdgpu_bo_create_vm \u2192 amdgpu_bo_create \u2192 vmalloc" },
		{ "oom-corpus/018-6.3-x86_64-vmalloc-order9-two-colon-comm.txt", 1,
		    "async_cow_start \u2192 compress_file_range \u2192 btrfs_compress_pages "
		    "\u2192 zstd_get_workspace \u2192 zstd_alloc_workspace \u2192 vmalloc" },
		{ "oom-corpus-fresh4/026-5.16-x86_64-allocfail-syzkaller-caller-ids-vmalloc-error-foreign-lines-between.txt",
		    0, "vmalloc" },
	};
	/* vzalloc's frame too: the x86 trace of pageattr_test's vzalloc()
	 * in an LKML paste, under a 4.4 page allocation failure's lines */
	static const char vz[] =
	    "[177166.532023] kworker/0:1: page allocation failure: order:0, mode:0x24000c2\n"
	    "[177166.532023] CPU: 0 PID: 34 Comm: kworker/0:1 Not tainted 4.4.0-21-generic #37-Ubuntu\n"
	    "[177166.532023] Call Trace:\n"
	    "[177166.532023]  [<ffffffff811cd6eb>] __alloc_pages_nodemask+0xa8b/0xc30\n"
	    "[177166.532023]  [<ffffffff8121ff47>] alloc_pages_current+0x107/0x1a0\n"
	    "[177166.532023]  [<ffffffff8120d5da>] ? __vmalloc_node_range+0x1ca/0x2c0\n"
	    "[177166.532023]  [<ffffffff8120d5da>] __vmalloc_node_range+0x1ca/0x2c0\n"
	    "[177166.532023]  [<ffffffff8107520c>] ? pageattr_test+0x4c/0x4f0\n"
	    "[177166.532023]  [<ffffffff810756b0>] ? pageattr_test+0x4f0/0x4f0\n"
	    "[177166.532023]  [<ffffffff8120d9f4>] vzalloc+0x54/0x60\n"
	    "[177166.532023]  [<ffffffff8107520c>] ? pageattr_test+0x4c/0x4f0\n"
	    "[177166.532023]  [<ffffffff8111461a>] ? del_timer_sync+0xba/0xf0\n"
	    "[177166.532023]  [<ffffffff8107520c>] pageattr_test+0x4c/0x4f0\n"
	    "[177166.532023]  [<ffffffff810756cf>] do_pageattr_test+0x1f/0x50\n"
	    "[177166.532023]  [<ffffffff810b059d>] kthread+0x10d/0x130\n";
	/* and vmalloc_user's: a 4.3 uvcvideo failure of a mail (its wrapped
	 * lines joined) */
	static const char user[] =
	    "[  136.293238] vmalloc: allocation failure: 0 bytes\n"
	    "[  136.293240] video_source:sr: page allocation failure: order:0, mode:0x80d2\n"
	    "[  136.293242] CPU: 3 PID: 10533 Comm: video_source:sr Not tainted 4.3.6-040306-generic #201602191831\n"
	    "[  136.293248] Call Trace:\n"
	    "[  136.293255]  [<ffffffff813c2e44>] dump_stack+0x44/0x60\n"
	    "[  136.293258]  [<ffffffff8118a4d7>] warn_alloc_failed+0xf7/0x150\n"
	    "[  136.293260]  [<ffffffff811c526b>] __vmalloc_node_range+0x20b/0x290\n"
	    "[  136.293262]  [<ffffffff811c54b5>] vmalloc_user+0x55/0x90\n"
	    "[  136.293265]  [<ffffffffc05026e6>] ? vb2_vmalloc_alloc+0x46/0xc0 [videobuf2_vmalloc]\n"
	    "[  136.293267]  [<ffffffffc05026e6>] vb2_vmalloc_alloc+0x46/0xc0 [videobuf2_vmalloc]\n"
	    "[  136.293270]  [<ffffffffc06e7a44>] __vb2_queue_alloc+0x164/0x530 [videobuf2_core]\n"
	    "[  136.293272]  [<ffffffffc06e8008>] __reqbufs.isra.20+0x1f8/0x360 [videobuf2_core]\n"
	    "[  136.293274]  [<ffffffffc06e81a0>] vb2_reqbufs+0x30/0x40 [videobuf2_core]\n"
	    "[  136.293276]  [<ffffffffc073759e>] uvc_request_buffers+0x2e/0x50 [uvcvideo]\n"
	    "[  136.293278]  [<ffffffffc073969a>] uvc_ioctl_reqbufs+0x4a/0xa0 [uvcvideo]\n";
	struct oom_reports rs;
	struct explain e;
	(void)state;

	mf_text(user, &rs, &e);
	assert_string_equal(e.chain, "uvc_request_buffers \u2192 vb2_reqbufs \u2192 "
	    "__reqbufs \u2192 __vb2_queue_alloc \u2192 vb2_vmalloc_alloc \u2192 vmalloc");
	assert_string_equal(e.purpose, "vmalloc");
	mf_done(&rs, &e);
	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		mf_report(cases[i].rel, cases[i].idx, &rs, &e);
		assert_string_equal(e.chain, cases[i].chain);
		assert_string_equal(e.purpose, "vmalloc");
		mf_done(&rs, &e);
	}
	mf_text(vz, &rs, &e);
	assert_string_equal(e.chain, "kthread \u2192 do_pageattr_test \u2192 pageattr_test "
	    "\u2192 vmalloc");
	assert_string_equal(e.purpose, "vmalloc");
	mf_done(&rs, &e);
}

/* ------------------------------------------------------------------ */
/* eb: what the report lacks and the request's sentence (the mutants of
 * ex_missing .. ex_verdict_request), on real reports of the corpora and
 * pastes in their shapes. */

/* The missing list, in order, of report idx of a fixture */
static void
eb_missing(const char *rel, int idx, const char *const *want, int n)
{
	struct oom_reports rs;
	struct explain e;

	mf_report(rel, idx, &rs, &e);
	if (e.nmissing != n)
		for (int i = 0; i < e.nmissing; i++)
			print_message("missing %d: %s\n", i + 1, e.missing[i]);
	assert_int_equal(e.nmissing, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(e.missing[i], want[i]);
	mf_done(&rs, &e);
}

/* SysRq-f's report lacks its task table as any OOM's does: since 4.6
 * moom_callback() passes order -1, and out_of_memory() still reaches
 * dump_header() (from oom_kill_process(); in later releases with no task
 * chosen too), which calls dump_tasks() whenever oom_dump_tasks is set,
 * whatever the order.  A 6.15 SysRq-f report cut in its Mem-Info, and a whole 5.13
 * one (its table printed). */
static void
test_eb_sysrq_task_table(void **state)
{
	(void)state;
	eb_missing("oom-corpus-fresh4/033-6.15-arm64-sysrq-bcachefs-caller-ids-"
	    "preempt-rt-tainted-line-call-trace-c-mark.txt", 0,
	    (const char *[]){ "zone lines", "swap totals", "pages RAM",
	    "task table", "kill line" }, 5);
	eb_missing("oom-corpus/002-5.13-x86_64-sysrq.txt", 0, NULL, 0);
}

/* The first verdict line, the request's (the heaviest, 1000), of report
 * idx of a fixture, or of a text when rel is NULL; other lines follow */
static void
eb_first(const char *rel, int idx, const char *text, const char *want)
{
	struct oom_reports rs;
	struct explain e;

	if (rel)
		mf_report(rel, idx, &rs, &e);
	else
		mf_text(text, &rs, &e);
	if (e.nverdict < 2 || strcmp(e.verdict[0], want) != 0)
		for (int i = 0; i < e.nverdict; i++)
			print_message("verdict %d: %s\n", i + 1, e.verdict[i]);
	assert_true(e.nverdict > 1);
	assert_string_equal(e.verdict[0], want);
	mf_done(&rs, &e);
}

/* The request's sentence by its shape: SysRq-f's order -1 named, a
 * header the author trimmed to "comm invoked oom-killer" (neither flags
 * nor order: the header is there all the same), a paste that starts at
 * panic()'s CPU line first among the panic and missing lines, the X
 * server's one-letter comm on that line, and a 2.6.32 GFP_NOWAIT failure
 * (GFP_ATOMIC & ~__GFP_HIGH, 0 until 4.4 gave it __GFP_KSWAPD_RECLAIM):
 * mode:0x0, no name to print, the mask printed as it is (its trace
 * cut after the allocator's frame). */
static void
test_eb_request_shapes(void **state)
{
	static const char x[] =
	    "[ 3893.943876] Out of memory and no killable processes...\n"
	    "[ 3893.943877] Kernel panic - not syncing: System is deadlocked on memory\n"
	    "[ 3893.943879] CPU: 3 PID: 724 Comm: X Tainted: G        W  OE     5.10.35perf+ #1\n"
	    "[ 3893.943880] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 0.0.0 02/06/2015\n";
	static const char nowait[] =
	    "kernel: swapper: page allocation failure. order:0, mode:0x0\n"
	    "kernel: Pid: 0, comm: swapper Not tainted 2.6.32-220.4.1.el6.x86_64 #1\n"
	    "kernel: Call Trace:\n"
	    "kernel: <IRQ>  [<ffffffff81123daf>] ? __alloc_pages_nodemask+0x77f/0x940\n";
	(void)state;

	eb_first("oom-corpus-fresh4/033-6.15-arm64-sysrq-bcachefs-caller-ids-"
	    "preempt-rt-tainted-line-call-trace-c-mark.txt", 0, NULL,
	    "A manual OOM kill through SysRq-f (order=-1): no allocation "
	    "failed; someone asked the kernel to kill a task.");
	for (int i = 0; i < 2; i++)
		eb_first("oom-corpus-holdout/036-unknown-x86_64-cpuset-two-author-"
		    "trimmed.txt", i, NULL, "An order-? (flags not printed) "
		    "allocation by mem_on_node0 failed and invoked the OOM killer.");
	eb_first("oom-corpus-fresh2/034-5.10-x86_64-global-no-victim-deadlocked-"
	    "panic-cpu-after.txt", 0, NULL, "An OOM kill whose header is not "
	    "in the paste, in systemd-userdbd (pid 724) (its CPU line): which "
	    "allocation invoked it is not known.");
	eb_first(NULL, 0, x, "An OOM kill whose header is not in the paste, in "
	    "X (pid 724) (its CPU line): which allocation invoked it is not "
	    "known.");
	eb_first(NULL, 0, nowait, "An order-0 gfp_mask=0x0 allocation by "
	    "swapper (pid 0) failed (page allocation failure: no OOM kill).");
}

/* What the trace adds: a chain alone (no purpose known), a purpose alone
 * (user memory, no frame after the allocator's), both; and a chain of
 * one frame with a one-letter name, a driver's ioctl handler under the
 * syscall's frames (noise). */
static void
test_eb_request_purpose(void **state)
{
	static const char fmt[] =
	    "[  100.000001] t: page allocation failure: order:0, mode:%s, nodemask=(null),cpuset=/,mems_allowed=0\n"
	    "[  100.000002] CPU: 1 PID: 4242 Comm: t Tainted: G           OE     5.10.0-8-amd64 #1 Debian 5.10.46-4\n"
	    "[  100.000003] Call Trace:\n"
	    "[  100.000004]  dump_stack+0x6b/0x83\n"
	    "[  100.000005]  warn_alloc.cold+0x7b/0xdf\n"
	    "[  100.000006]  __alloc_pages_slowpath.constprop.0+0xd2a/0xd60\n"
	    "[  100.000007]  __alloc_pages_nodemask+0x2e2/0x310\n"
	    "[  100.000008]  f+0x15/0x30 [t]\n"
	    "[  100.000009]  __x64_sys_ioctl+0x83/0xb0\n"
	    "[  100.000010]  do_syscall_64+0x33/0x80\n"
	    "[  100.000011]  entry_SYSCALL_64_after_hwframe+0x44/0xa9\n";
	static const struct {
		const char *mode, *want;
	} one[] = {
		{ "0x40cc0(GFP_KERNEL|__GFP_COMP)", "An order-0 GFP_KERNEL|__GFP_COMP "
		    "allocation by t (pid 4242) failed (page allocation failure: "
		    "no OOM kill), called from f." },
		{ "0x100cca(GFP_HIGHUSER_MOVABLE)", "An order-0 GFP_HIGHUSER_MOVABLE "
		    "allocation by t (pid 4242) failed (page allocation failure: "
		    "no OOM kill): user memory (f)." },
	};
	char text[1400];
	(void)state;

	eb_first("oom-corpus/004-5.10-x86_64-allocfail-order9.txt", 0, NULL,
	    "An order-9 GFP_HIGHUSER|__GFP_RETRY_MAYFAIL|__GFP_NORETRY|"
	    "__GFP_ZERO|__GFP_NOMEMALLOC allocation by clinfo (pid 470821) "
	    "failed (page allocation failure: no OOM kill), called from "
	    "amdgpu_bo_do_create \u2192 ttm_bo_init_reserved \u2192 "
	    "ttm_bo_validate \u2192 ttm_bo_handle_move_mem \u2192 "
	    "ttm_tt_populate \u2192 ttm_pool_alloc.");
	eb_first("oom-corpus-fresh3/006-2.6.32-x86_64-global-ubuntu-lq-forum-"
	    "syslog-hostname-placeholder.txt", 0, NULL, "An order-0 "
	    "GFP_HIGHUSER_MOVABLE|__GFP_COLD allocation by mysqld (pid 13433) "
	    "failed and invoked the OOM killer: user memory.");
	for (size_t i = 0; i < ZT_ARRAY_LEN(one); i++) {
		snprintf(text, sizeof text, fmt, one[i].mode);
		eb_first(NULL, 0, text, one[i].want);
	}
}


/* ---- ea: ex_trace (mutation testing) ---- */

/* The chain and purpose ex_trace() gives text's report */
static void
ea_trace(const char *text, const char *chain, const char *purpose)
{
	struct oom_reports rs;
	struct explain e;

	mf_text(text, &rs, &e);
	assert_string_equal(e.chain, chain);
	assert_string_equal(e.purpose, purpose);
	mf_done(&rs, &e);
}

/* The allocator's frame first (a paste cut above it) is still the
 * allocator: the chain is what called it.  Socket buffers' pages without
 * a slab frame: tcp_sendmsg's page frag refill (4.4, !NUMA: alloc_pages
 * inline), a unix socket's alloc_skb_with_frags (alloc_pages of its own)
 * and __alloc_skb's own page (kmalloc_reserve inline, no slab frame). */
static void
test_ea_trace_skb(void **state)
{
	static const char frag[] =
	    "[ 9.0] nginx invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 9.0] CPU: 1 PID: 812 Comm: nginx Not tainted 4.4.0-21-generic #37-Ubuntu\n"
	    "[ 9.0] Call Trace:\n"
	    "[ 9.0]  [<ffffffff81187bbd>] __alloc_pages_nodemask+0x8ba/0x9d8\n"
	    "[ 9.0]  [<ffffffff816d2a3e>] skb_page_frag_refill+0x9e/0x100\n"
	    "[ 9.0]  [<ffffffff816d2abd>] sk_page_frag_refill+0x1d/0x80\n"
	    "[ 9.0]  [<ffffffff8174a1c9>] tcp_sendmsg+0x1e9/0xb40\n"
	    "[ 9.0]  [<ffffffff8177531b>] inet_sendmsg+0x6b/0xa0\n";
	static const char frags[] =
	    "[ 9.0] dbus-daemon invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 9.0] CPU: 1 PID: 812 Comm: dbus-daemon Not tainted 4.4.0-21-generic #37-Ubuntu\n"
	    "[ 9.0] Call Trace:\n"
	    "[ 9.0]  [<ffffffff813c2e44>] dump_stack+0x63/0x90\n"
	    "[ 9.0]  [<ffffffff8118a4d7>] dump_header+0x5a/0x1c5\n"
	    "[ 9.0]  [<ffffffff81183316>] oom_kill_process+0x202/0x3c0\n"
	    "[ 9.0]  [<ffffffff811839b2>] out_of_memory+0x219/0x460\n"
	    "[ 9.0]  [<ffffffff81187bbd>] __alloc_pages_slowpath.constprop.88+0x943/0xaf0\n"
	    "[ 9.0]  [<ffffffff81187ee6>] __alloc_pages_nodemask+0x288/0x2a0\n"
	    "[ 9.0]  [<ffffffff811d0f1c>] alloc_pages_current+0x8c/0x110\n"
	    "[ 9.0]  [<ffffffff816d5f4f>] alloc_skb_with_frags+0xdf/0x1d0\n"
	    "[ 9.0]  [<ffffffff816cf2c6>] sock_alloc_send_pskb+0x1e6/0x250\n"
	    "[ 9.0]  [<ffffffff817a0f39>] unix_stream_sendmsg+0x289/0x3c0\n";
	static const char skb[] =
	    "[ 9.0] ip invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0\n"
	    "[ 9.0] CPU: 1 PID: 812 Comm: ip Not tainted 4.4.0-21-generic #37-Ubuntu\n"
	    "[ 9.0] Call Trace:\n"
	    "[ 9.0]  [<ffffffff811839b2>] out_of_memory+0x219/0x460\n"
	    "[ 9.0]  [<ffffffff81187ee6>] __alloc_pages_nodemask+0x288/0x2a0\n"
	    "[ 9.0]  [<ffffffff816d5f4f>] __alloc_skb+0x8f/0x1f0\n"
	    "[ 9.0]  [<ffffffff81700c6b>] netlink_dump+0x5b/0x2a0\n"
	    "[ 9.0]  [<ffffffff81701a2f>] netlink_recvmsg+0x2df/0x3f0\n";
	(void)state;

	ea_trace(frag, "tcp_sendmsg \u2192 sk_page_frag_refill \u2192 "
	    "skb_page_frag_refill",
	    "a network buffer during a network send");
	ea_trace(frags, "unix_stream_sendmsg \u2192 sock_alloc_send_pskb \u2192 "
	    "alloc_skb_with_frags", "a network buffer");
	ea_trace(skb, "netlink_recvmsg \u2192 netlink_dump \u2192 __alloc_skb",
	    "a network buffer");
}

/* A memory cgroup's charge seen in any frame, the first too (a 3.10
 * memcg page fault pasted from mem_cgroup_oom_synchronize on), and by
 * each of its names: try_charge (4.x .. 5.x, try_charge_memcg 5.16+) and
 * mem_cgroup_charge (5.8+; __mem_cgroup_charge from 5.16 is not it) */
static void
test_ea_trace_memcg(void **state)
{
	static const char sync[] =
	    "[ 9.0] java invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0\n"
	    "[ 9.0] CPU: 1 PID: 812 Comm: java Not tainted 3.10.0-957.el7.x86_64 #1\n"
	    "[ 9.0] Call Trace:\n"
	    "[ 9.0]  [<ffffffff8119bd2c>] mem_cgroup_oom_synchronize+0x55c/0x580\n"
	    "[ 9.0]  [<ffffffff8119a4f3>] pagefault_out_of_memory+0x13/0x50\n"
	    "[ 9.0]  [<ffffffff81764ba5>] mm_fault_error+0x6a/0x157\n"
	    "[ 9.0]  [<ffffffff817789c5>] __do_page_fault+0x3e5/0x490\n"
	    "[ 9.0]  [<ffffffff81778aa5>] do_page_fault+0x35/0x90\n";
	static const char tc[] =
	    "[ 9.0] java invoked oom-killer: gfp_mask=0x6000c0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "[ 9.0] CPU: 1 PID: 812 Comm: java Not tainted 4.19.0-16-amd64 #1 Debian 4.19.181-1\n"
	    "[ 9.0] Call Trace:\n"
	    "[ 9.0]  mem_cgroup_out_of_memory+0xb1/0xd0\n"
	    "[ 9.0]  try_charge+0x76b/0x7c0\n"
	    "[ 9.0]  mem_cgroup_try_charge+0x70/0x190\n"
	    "[ 9.0]  mem_cgroup_try_charge_delay+0x1c/0x40\n"
	    "[ 9.0]  __handle_mm_fault+0x9a5/0x1290\n"
	    "[ 9.0]  handle_mm_fault+0xd6/0x200\n";
	static const char mc[] =
	    "[ 9.0] java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "[ 9.0] CPU: 1 PID: 812 Comm: java Not tainted 5.10.0-8-amd64 #1 Debian 5.10.46-4\n"
	    "[ 9.0] Call Trace:\n"
	    "[ 9.0]  mem_cgroup_out_of_memory+0xe1/0x100\n"
	    "[ 9.0]  mem_cgroup_charge+0x13d/0x240\n"
	    "[ 9.0]  do_huge_pmd_anonymous_page+0x1f5/0x6b0\n";
	(void)state;

	ea_trace(sync, "__do_page_fault \u2192 mm_fault_error",
	    "a memory cgroup charge during a page fault");
	ea_trace(tc, "__handle_mm_fault \u2192 mem_cgroup_try_charge_delay "
	    "\u2192 mem_cgroup_try_charge \u2192 try_charge",
	    "a memory cgroup charge during a page fault");
	ea_trace(mc, "do_huge_pmd_anonymous_page \u2192 mem_cgroup_charge",
	    "a memory cgroup charge during a page fault");
}

/* One proven frame, the first, is enough to leave the "? " words out:
 * a trace whose unwinder proved dump_stack alone names no caller */
static void
test_ea_trace_first_sure(void **state)
{
	static const char text[] =
	    "[ 9.0] bash invoked oom-killer: gfp_mask=0x24002c2, order=0, oom_score_adj=0\n"
	    "[ 9.0] CPU: 0 PID: 20227 Comm: bash Not tainted 4.4.0-x86_64-linode63 #2\n"
	    "[ 9.0] Call Trace:\n"
	    "[ 9.0] [<ffffffff8158cbcc>] dump_stack+0x40/0x50\n"
	    "[ 9.0] [<ffffffff81183316>] ? oom_kill_process+0xc0/0x34f\n"
	    "[ 9.0] [<ffffffff811839b2>] ? out_of_memory+0x3bf/0x406\n"
	    "[ 9.0] [<ffffffff81187bbd>] ? __alloc_pages_nodemask+0x8ba/0x9d8\n"
	    "[ 9.0] [<ffffffff811b82e8>] ? alloc_pages_current+0xbc/0xe0\n"
	    "[ 9.0] [<ffffffff811b096c>] ? __vmalloc_node_range+0x12d/0x20a\n"
	    "[ 9.0] [<ffffffff811e0e62>] ? alloc_fdtable+0x6a/0xd8\n"
	    "[ 9.0] [<ffffffff811e1338>] ? dup_fd+0x103/0x1f0\n";
	(void)state;

	ea_trace(text, "", "");
}

/* SLAB's page-getting frames (mm/slab.c, until 6.8) each mark a slab
 * allocation alone, as a paste cut below kmem_cache_alloc shows them:
 * 2.6.32's shape (fresh3 021), one frame at a time. */
static void
test_slab_frames(void **state)
{
	static const char *const fns[] = {
		"kmem_getpages", "cache_grow", "cache_grow_begin",
		"cache_alloc_refill", "____cache_alloc_node",
	};
	char text[1024], chain[128];
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(fns); i++) {
		snprintf(text, sizeof text,
		    "[ 9.0] java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0\n"
		    "[ 9.0] Pid: 812, comm: java Not tainted 2.6.32-431.el6.x86_64 #1\n"
		    "[ 9.0] Call Trace:\n"
		    "[ 9.0]  [<ffffffff8112f3e4>] ? __alloc_pages_nodemask+0x8ba/0x9d8\n"
		    "[ 9.0]  [<ffffffff8112f3e4>] __alloc_pages_nodemask+0x8ba/0x9d8\n"
		    "[ 9.0]  [<ffffffff8116a7b2>] %s+0x32/0x60\n"
		    "[ 9.0]  [<ffffffff8116b32a>] sock_def_readable+0x1a/0x60\n", fns[i]);
		snprintf(chain, sizeof chain, "sock_def_readable \u2192 %s", fns[i]);
		ea_trace(text, chain, "a slab allocation");
	}
}

/* Each frame name that marks a slab or a page cache allocation, alone in
 * its trace: real traces where only kmalloc_order (5.4's nvme), new_slab
 * (3.18's), ___slab_alloc and allocate_slab (5.9's), __page_cache_alloc
 * (2.6.32's readahead), filemap_fault (4.19's) or pagecache_get_page
 * (4.9's btrfs) tells it */
static void
test_ea_trace_kinds(void **state)
{
	static const struct {
		const char *rel;
		int idx;
		const char *chain, *purpose;
	} cases[] = {
		{ "oom-corpus-fresh/013-5.4-x86_64-allocfail-order4-dmesgT-workqueue.txt", 0,
		    "nvme_validate_ns \u2192 kmalloc_order_trace \u2192 kmalloc_order",
		    "a slab allocation" },
		{ "oom-corpus-fresh/009-3.18-x86_64-allocfail-order8-bare-stack-words.txt", 0,
		    "__slab_alloc \u2192 new_slab", "a slab allocation" },
		{ "oom-corpus-fresh/012-5.9-x86_64-allocfail-nowait-secs-then-kernel-colon.txt", 0,
		    "___slab_alloc \u2192 allocate_slab", "a slab allocation" },
		{ "oom-corpus-fresh3/021-2.6.32-x86_64-allocfail-rhel6-kb-indented-period-form-irq-ellipsis.txt", 0,
		    "____cache_alloc_node \u2192 cache_grow \u2192 fallback_alloc \u2192 kmem_getpages",
		    "a slab allocation" },
		{ "oom-corpus-fresh/046-2.6.32-x86_64-global-rhel6-oom-adj-all-frames-unsure.txt", 0,
		    "__do_page_cache_readahead \u2192 __page_cache_alloc", "page cache" },
		{ "oom-corpus-holdout/049-4.19-x86_64-global-two-no-tasklist-colon-comm.txt", 1,
		    "filemap_fault", "page cache during a page fault" },
		{ "oom-corpus-holdout/057-4.9-i686-highmem-global-nofail-quote-tab-elided.txt", 0,
		    "btrfs_find_create_tree_block \u2192 alloc_extent_buffer \u2192 pagecache_get_page",
		    "page cache" },
	};
	struct oom_reports rs;
	struct explain e;
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		mf_report(cases[i].rel, cases[i].idx, &rs, &e);
		if (strcmp(e.chain, cases[i].chain) != 0 ||
		    strcmp(e.purpose, cases[i].purpose) != 0)
			fail_msg("%s: [%s] [%s]", cases[i].rel, e.chain, e.purpose);
		mf_done(&rs, &e);
	}
}

/* ---- f7: oom-corpus-fresh7 (kernel rules its verdicts pointed at) ---- */

/* show_mem()'s zone and node lines are dump_header()'s output for an
 * OOM that is not a memcg's (a memcg OOM prints its own usage and stats
 * instead), as the Mem-Info line they belong to is: a paste that kept
 * them without that line (oom-corpus-fresh7 030 and 043: a zone line
 * and the task heading; a crash log with '...' between header and zone
 * lines) shows a global OOM; the constraint is not "assumed". */
static void
test_f7_zone_lines_show_global(void **state)
{
	static const char *const texts[] = {
		"[479802.541381] Node 0 Normal free:35512kB boost:0kB min:42108kB low:52632kB high:63156kB\n"
		"[479802.541478] Tasks state (memory values in pages):\n",
		"[17449.585352] stress invoked oom-killer: gfp_mask=0x6280ca(GFP_HIGHUSER_MOVABLE"
		"|__GFP_ZERO), order=0, oom_score_adj=0\n...\n"
		"[17449.598802] Node 0 active_anon:768kB inactive_anon:1681308kB active_file:376kB\n",
	};
	struct oom_reports rs;
	struct explain e;
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(texts); i++) {
		mf_text(texts[i], &rs, &e);
		assert_int_equal(rs.n, 1);
		assert_int_equal(e.constraint, ZT_CON_GLOBAL);
		assert_true(e.constraint_inferred);
		assert_string_equal(e.constraint_note, "not printed in the paste; its "
		    "Mem-Info or kill line shows a global OOM");
		mf_done(&rs, &e);
	}
	/* the header alone still tells nothing */
	mf_text("[1.000000] a invoked oom-killer: gfp_mask=0x6280ca, order=0, oom_score_adj=0\n",
	    &rs, &e);
	assert_string_equal(e.constraint_note, "assumed: the paste holds none of "
	    "the lines that tell a memcg OOM from a global one");
	mf_done(&rs, &e);
}

/* ---- f8 (oom-corpus-fresh8) ---- */

/* gfp_mask=0 in the header is pagefault_out_of_memory()'s (its
 * oom_control sets no mask); a trace that proves out_of_memory() had
 * another caller is no page fault: fresh8 019, a draft psi patch calling
 * it from update_averages (psi_avgs_work).  The page-fault caller, a
 * trace cut right after out_of_memory and a caller printed only as an
 * unproven "? " word keep the page fault. */
static void
test_f8_gfp_zero_caller(void **state)
{
	static const char head[] =
	    "kworker/1:2 invoked oom-killer: gfp_mask=0x0(), order=0, oom_score_adj=0\n"
	    "CPU: 1 PID: 77 Comm: kworker/1:2 Not tainted 5.3.0-rc1-mm1 #142\n"
	    "Call Trace:\n"
	    " dump_stack+0x46/0x60\n"
	    " dump_header+0x5c/0x3d5\n"
	    " oom_kill_process.cold.10+0xb/0x10\n"
	    " out_of_memory+0x1ea/0x260\n";
	/* a paste whose trace starts at out_of_memory's own frame */
	static const char bare[] =
	    "kworker/1:2 invoked oom-killer: gfp_mask=0x0(), order=0, oom_score_adj=0\n"
	    "Call Trace:\n"
	    " out_of_memory+0x1ea/0x260\n";
	static const struct {
		int cause;
		const char *head, *tail;
	} cases[] = {
		{ EX_CAUSE_CALL, head, " update_averages.cold.8+0x14/0x25\n"
		  " ? collect_percpu_times+0x84/0x1f0\n"
		  " psi_avgs_work+0x80/0xc0\n" },
		{ EX_CAUSE_PAGE_FAULT, head, " ? __mutex_trylock_or_owner+0x4b/0x63\n"
		  " pagefault_out_of_memory+0x3c/0x4b\n"
		  " mm_fault_error+0x66/0x150\n" },
		{ EX_CAUSE_PAGE_FAULT, head, "" },
		{ EX_CAUSE_PAGE_FAULT, head, " ? update_averages.cold.8+0x14/0x25\n" },
		{ EX_CAUSE_CALL, bare, " update_averages.cold.8+0x14/0x25\n" },
	};
	char text[1024];
	struct oom_reports rs;
	struct explain e;
	(void)state;

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		snprintf(text, sizeof text, "%s%s", cases[i].head, cases[i].tail);
		explain_text_of(text, strlen(text), &rs, &e);
		if (e.cause != cases[i].cause)
			fail_msg("case %zu: cause %s", i, explain_cause_name(e.cause));
		explain_free(&e);
		oomreport_free(&rs);
	}
	assert_string_equal(explain_cause_name(EX_CAUSE_CALL), "kernel_call");
}

/* ---- the GFP layout of a report without a mask ---- */

/* A report that names no kernel and prints no gfp_mask (a paste cut
 * before its header: oom-corpus-fresh7 022) has no flags to decode: its
 * format bounds the kernel, but no bit layout is chosen or shown (the
 * text said "GFP layout 2.6.32-4.3" for a 5.13+ trace).  With a mask
 * the layout its format allows is still chosen and shown. */
static void
test_gfpless_layout(void **state)
{
	static const char cut[] =
	    "[34718.499323] Call Trace:\n"
	    "[34718.499330]  out_of_memory+0x1ea/0x260\n"
	    "[34718.499331]  balance_pgdat+0x3c/0x4b\n"
	    "[34718.499332]  kswapd+0x66/0x150\n"
	    "[34718.499340] Out of memory: Killed process 77 (a) total-vm:4kB, "
	    "anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB "
	    "oom_score_adj:0\n";
	static const char masked[] =
	    "[1.000000] a invoked oom-killer: gfp_mask=0x6280ca, order=0, "
	    "oom_score_adj=0\n";
	struct oom_reports rs;
	struct explain e;
	struct zt_buf o = { 0 };

	(void)state;
	explain_text_of(cut, strlen(cut), &rs, &e);
	assert_int_equal(rs.n, 1);
	assert_false(rs.r[0].have_gfp);
	assert_int_equal(e.layout, -1);
	explain_text(&rs.r[0], &e, 1, 1, &o);
	assert_null(strstr(o.p, "GFP layout"));
	buf_free(&o);
	explain_free(&e);
	oomreport_free(&rs);
	explain_text_of(masked, strlen(masked), &rs, &e);
	assert_true(rs.r[0].have_gfp);
	assert_true(e.layout >= 0);
	explain_text(&rs.r[0], &e, 1, 1, &o);
	assert_non_null(strstr(o.p, "(GFP layout "));
	buf_free(&o);
	explain_free(&e);
	oomreport_free(&rs);
}

/* ---- a call chain of unproven stack words ---- */

/* A kernel without a reliable unwinder (no frame pointers before ORC;
 * i686 4.9: oom-corpus-fresh7 044) prints every frame with "? ": stack
 * words it could not prove return addresses.  explain still reads the
 * chain from them, but says so (text, verdict, JSON), since such a chain
 * can hold a stale word (044's rcu_seq_end).  One proven frame is enough
 * for the "? " words to be left out, and the chain is then proven. */
static void
test_unproven_chain(void **state)
{
	static const char head[] =
	    "[1.000000] Xorg invoked oom-killer: gfp_mask=0x24200d4, order=0, "
	    "oom_score_adj=0\n"
	    "[1.000001] Call Trace:\n"
	    "[1.000002]  [<c10e99de>] ? out_of_memory+0xde/0x290\n"
	    "[1.000003]  [<c10ed72c>] ? __alloc_pages_nodemask+0xc3c/0xc50\n";
	static const struct {
		const char *tail;
		bool unproven;
		const char *chain;
	} cases[] = {
		{ "[1.000004]  [<c10fc297>] ? shmem_alloc_and_acct_page+0x137/0x210\n"
		  "[1.000005]  [<c1094c30>] ? rcu_seq_end+0x40/0x40\n", true,
		  "rcu_seq_end \u2192 shmem_alloc_and_acct_page" },
		{ "[1.000004]  [<c10fc297>] shmem_alloc_and_acct_page+0x137/0x210\n"
		  "[1.000005]  [<c1094c30>] ? rcu_seq_end+0x40/0x40\n", false,
		  "shmem_alloc_and_acct_page" },
		/* one word is a chain; none above the allocator is none */
		{ "[1.000004]  [<c10fc297>] ? shmem_alloc_and_acct_page+0x137/0x210\n",
		  true, "shmem_alloc_and_acct_page" },
		{ "", false, "" },
	};
	char text[1024];
	struct oom_reports rs;
	struct explain e;

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		snprintf(text, sizeof text, "%s%s", head, cases[i].tail);
		explain_text_of(text, strlen(text), &rs, &e);
		assert_int_equal(rs.n, 1);
		assert_string_equal(e.chain, cases[i].chain);
		assert_int_equal(e.chain_unproven, cases[i].unproven);
		assert_true(e.nverdict > 0);
		assert_int_equal(strstr(e.verdict[0], "unproven stack words") != NULL,
		    cases[i].unproven);
		struct zt_buf o = { 0 };
		explain_text(&rs.r[0], &e, 1, 1, &o);
		assert_int_equal(strstr(o.p, "none proven") != NULL, cases[i].unproven);
		buf_free(&o);
		json_t *j = explain_json(&rs.r[0], &e);
		assert_int_equal(json_is_true(json_object_get(j, "call_chain_unproven")),
		    cases[i].unproven);
		assert_true(json_is_boolean(json_object_get(j, "call_chain_unproven")));
		json_decref(j);
		explain_free(&e);
		oomreport_free(&rs);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_fresh_memcg_told),
		cmocka_unit_test(test_fresh3_charge_path),
		cmocka_unit_test(test_fresh_global_note),
		cmocka_unit_test(test_fresh_pid0_json),
		cmocka_unit_test(test_seed_json),
		cmocka_unit_test(test_seed_forms),
		cmocka_unit_test(test_rhel7),
		cmocka_unit_test(test_memcg),
		cmocka_unit_test(test_pagefault),
		cmocka_unit_test(test_61),
		cmocka_unit_test(test_synthetic),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_shuffle_garble),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_main),
		cmocka_unit_test(test_fresh2_summary_chosen),
		cmocka_unit_test(test_fresh2_sysrq_line),
		cmocka_unit_test(test_hx2_unreclaimable_fixtures),
		cmocka_unit_test(test_mg_corpus_verdicts),
		cmocka_unit_test(test_mg_zones_eight),
		cmocka_unit_test(test_mf_request_zones),
		cmocka_unit_test(test_mf_first_frame),
		cmocka_unit_test(test_mf_cause_names),
		cmocka_unit_test(test_mf_oldest_layout),
		cmocka_unit_test(test_mf_sysrq_46),
		cmocka_unit_test(test_mf_constraint_notes),
		cmocka_unit_test(test_mf_scope_stats),
		cmocka_unit_test(test_mf_unset_oom_memcg),
		cmocka_unit_test(test_mf_trace_chain),
		cmocka_unit_test(test_mf_vmalloc_chains),
		cmocka_unit_test(test_eb_sysrq_task_table),
		cmocka_unit_test(test_eb_request_shapes),
		cmocka_unit_test(test_eb_request_purpose),
		cmocka_unit_test(test_ea_trace_skb),
		cmocka_unit_test(test_ea_trace_memcg),
		cmocka_unit_test(test_ea_trace_first_sure),
		cmocka_unit_test(test_ea_trace_kinds),
		cmocka_unit_test(test_slab_frames),
		cmocka_unit_test(test_f7_zone_lines_show_global),
		cmocka_unit_test(test_f8_gfp_zero_caller),
		cmocka_unit_test(test_gfpless_layout),
		cmocka_unit_test(test_unproven_chain),
	};
	/* scripts/mutants.py leaves out test_cut (8 s of the 9) per mutant */
	const char *skip = getenv("ZT_TEST_SKIP");

	if (skip != NULL && *skip != '\0')
		cmocka_set_skip_filter(skip);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
