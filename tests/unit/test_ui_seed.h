/*
 * test_ui_seed.h: a hand-built snapshot of the seed's 1 GiB KVM guest
 * (kernel 4.4, DMA and DMA32 only, swap mostly free) at the moment of
 * its OOM kill, for the UI tests.  Figures are the OOM report's
 * (/work/shared/seed/000_e602ac15574c78cb.txt), converted from kB to
 * 4 KiB pages; the derived fields are set by hand from them, so the UI
 * is tested apart from derive.c.
 */
#ifndef TEST_UI_SEED_H
#define TEST_UI_SEED_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "util.h"

static void
seed_zone(struct zt_zone *z, const char *name, int type)
{
	memset(z, 0, sizeof *z);
	z->node = 0;
	strlcpy0(z->name, name, sizeof z->name);
	z->type = type;
	z->boost = z->promo = z->cma = ZT_NA;	/* 4.4 prints none of these */
	z->nr_free_cma = 0;
	z->lru_anon = z->lru_file = ZT_NA;
	z->start_pfn = ZT_NA;
	z->spanned = ZT_NA;
	z->nprot = 4;
	for (int o = 0; o < ZT_MAX_ORDER; o++)
		z->unusable[o] = z->fragidx[o] = NAN;
	for (int c = 0; c < ZT_NCLASSES; c++)
		z->wm_applies[c] = true;
	z->state = ZT_WS_UNKNOWN;
}

static void
seed_proc(struct zt_proc *p, int pid, int64_t uid, const char *comm,
    int64_t score, int64_t adj, int64_t swapents, int64_t ptes, int rank,
    int64_t totalpages)
{
	memset(p, 0, sizeof *p);
	p->pid = pid;
	p->uid = uid;
	strlcpy0(p->comm, comm, sizeof p->comm);
	p->oom_score = score;
	p->oom_score_adj = adj;
	p->rss_kb = 0;
	p->swap_kb = swapents * 4;
	p->pgtables_kb = ptes * 4;
	p->killable = adj != -1000;
	p->badness_pages = swapents + ptes;
	p->badness_share = (double)(swapents + ptes) / (double)totalpages;
	p->score_adj0 = score;
	p->rank = rank;
	p->state = 'S';
}

/* The seed VM.  Caller snapshot_free()s it. */
static void
seed_snapshot(struct zt_snapshot *s)
{
	/* RAM 262014 pages + swap 3334140 kB / 4 = 833535 pages */
	const int64_t total = 262014 + 833535;
	struct zt_zone *z;

	snapshot_init(s);
	s->when.tv_sec = 1457318591;	/* 2016-03-07 02:43:11 UTC */
	strlcpy0(s->hostname, "myhost", sizeof s->hostname);
	strlcpy0(s->kernel, "4.4.0-x86_64-linode63", sizeof s->kernel);
	s->uptime = 93784;		/* 1d 02:03 */
	s->page_kb = 4;
	s->live = false;
	for (int i = 0; i < ZT_SRC_COUNT; i++)
		status_set(s, i, true, NULL);
	status_set(s, ZT_SRC_PSI, false, "pressure/memory: missing");
	status_set(s, ZT_SRC_PAGETYPEINFO, false, "pagetypeinfo: missing");

	s->ntypes = 4;
	s->type_of_slot[0] = ZT_ZONE_DMA;
	s->type_of_slot[1] = ZT_ZONE_DMA32;
	s->type_of_slot[2] = ZT_ZONE_NORMAL;
	s->type_of_slot[3] = ZT_ZONE_MOVABLE;
	s->nnodes = 1;
	s->nzones = 2;
	s->zones = calloc(2, sizeof *s->zones);

	/* DMA free:3944kB min:60kB low:72kB high:88kB present:15992kB
	 * managed:15908kB lowmem_reserve[]: 0 972 972 972 */
	z = &s->zones[0];
	seed_zone(z, "DMA", ZT_ZONE_DMA);
	z->free = 986;
	z->min = 15;
	z->low = 18;
	z->high = 22;
	z->present = 3998;
	z->managed = 3977;
	z->protection[1] = z->protection[2] = z->protection[3] = 972;
	z->unreclaimable = 1;
	{
		static const int64_t b[11] = { 20, 17, 13, 14, 8, 4, 4, 0, 1, 0, 0 };
		z->norders = 11;
		memcpy(z->buddy, b, sizeof b);
	}
	z->state = ZT_WS_OK;		/* 986 > high 22 */
	z->reserved = 3998 - 3977;
	z->highest_free_order = 8;
	/* GFP_KERNEL: 986 <= min 15 + reserve 972 = 987, fails at every order */

	/* DMA32 free:3948kB min:3956kB low:4944kB high:5932kB
	 * present:1032064kB managed:999552kB lowmem_reserve[]: 0 0 0 0 */
	z = &s->zones[1];
	seed_zone(z, "DMA32", ZT_ZONE_DMA32);
	z->free = 987;
	z->min = 989;
	z->low = 1236;
	z->high = 1483;
	z->present = 258016;
	z->managed = 249888;
	z->unreclaimable = 1;
	{
		static const int64_t b[11] = { 934, 28, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
		z->norders = 11;
		memcpy(z->buddy, b, sizeof b);
	}
	z->state = ZT_WS_BELOW_MIN;	/* 987 <= min 989 */
	z->reserved = 258016 - 249888;
	z->highest_free_order = 1;

	for (int c = 0; c < ZT_NCLASSES; c++)
		for (int o = 0; o < ZT_ALLOC_ORDERS; o++) {
			struct zt_alloc *a = &s->alloc[c * ZT_ALLOC_ORDERS + o];
			a->cls = c;
			a->order = o;
			for (int m = 0; m < ZT_NMARKS; m++)
				a->zone[m] = -1;
		}

	kvs_set(&s->meminfo, "MemTotal", 1015460);
	kvs_set(&s->meminfo, "MemAvailable", 322032);
	s->unaccounted_kb = 120000;
	s->unaccounted_pct = 120000.0 / 1015460 * 100;
	s->swap_total_kb = 3334140;
	s->swap_free_kb = 3118172;
	s->swap_used_kb = 3334140 - 3118172;
	s->nswaps = 1;
	s->swaps = calloc(1, sizeof *s->swaps);
	strlcpy0(s->swaps[0].path, "/dev/sdb", sizeof s->swaps[0].path);
	strlcpy0(s->swaps[0].type, "partition", sizeof s->swaps[0].type);
	s->swaps[0].size_kb = 3334140;
	s->swaps[0].used_kb = 215968;
	s->swaps[0].priority = -1;
	s->sysctl.overcommit_memory = 2;

	/* the task dump: score = (swapents + ptes + pmds) * 1000 / total */
	s->nprocs = 8;
	s->nprocs_total = 25;
	s->procs = calloc(8, sizeof *s->procs);
	seed_proc(&s->procs[0], 3841, 1000, "memcheck-amd64-", 11, 0, 12812, 59 + 4, 1,
	    total);
	seed_proc(&s->procs[1], 3837, 1000, "memcheck-amd64-", 11, 0, 12664, 58 + 4, 2,
	    total);
	seed_proc(&s->procs[2], 3844, 1000, "memcheck-amd64-", 11, 0, 12035, 57 + 4, 3,
	    total);
	seed_proc(&s->procs[3], 3849, 1000, "memcheck-amd64-", 10, 0, 11482, 56 + 4, 4,
	    total);
	seed_proc(&s->procs[4], 3557, 0, "fail2ban-server", 1, 0, 1802, 32 + 3, 5,
	    total);
	seed_proc(&s->procs[5], 4000, 1000, "evil\x1b[31mred\xff", 0, 0, 0, 0, 6,
	    total);
	seed_proc(&s->procs[6], 3441, 0, "sshd", 0, -1000, 184, 34 + 3, 7, total);
	seed_proc(&s->procs[7], 2063, 0, "systemd-udevd", 0, -1000, 184, 28 + 4, 8,
	    total);
	strlcpy0(s->procs[0].user, "valgrind", sizeof s->procs[0].user);
	s->procs[0].cmdline = strdup("valgrind --tool=memcheck ./suite");
	s->procs[0].cgroup = strdup("/user.slice/user-1000.slice");
	s->procs[6].rss_kb = ZT_NA;	/* details not read */
	s->predicted_victim = 3841;
	s->totalpages = total;
	s->oom_kills = ZT_NA;		/* vmstat oom_kill is 4.13+ */

	s->verdict.n = 3;
	s->verdict.severity[0] = 2;
	strlcpy0(s->verdict.line[0], "node 0 DMA32 below min", sizeof s->verdict.line[0]);
	s->verdict.severity[1] = 1;
	strlcpy0(s->verdict.line[1], "no Normal zone", sizeof s->verdict.line[1]);
	s->verdict.severity[2] = 0;
	strlcpy0(s->verdict.line[2], "swap 94% free", sizeof s->verdict.line[2]);

	s->nevents = 1;
	s->events = calloc(1, sizeof *s->events);
	s->events[0].when = s->when;
	s->events[0].kind = ZT_EV_OOM_KILL;
	s->events[0].count = 1;
	s->events[0].victim_pid = 3841;
	strlcpy0(s->events[0].text, "OOM kill: 3841 memcheck-amd64- (predicted)",
	    sizeof s->events[0].text);
}

#endif
