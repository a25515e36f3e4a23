/*
 * derive.c: every derived field of a snapshot, from its raw figures and
 * the previous snapshot's, applying the kernel's arithmetic of
 * zonemath.c (the kernel functions mirrored are named at each place).
 *
 * Per zone: watermark state, flags (empty, unmanaged, tiny), reserved
 * pages, the buddy fragmentation indices, and the watermark check for
 * each allocation class, order 0..3 and mark.  Per snapshot: which zone
 * would serve each class and order (the zonelist walk), unaccounted
 * memory, swap and commit totals, rates and events against the previous
 * sample.  The verdict lines are in verdict.c.
 *
 * Nothing here guesses: a figure the kernel did not give stays ZT_NA or
 * NAN, and a check that cannot be made does not pass.
 */
#include "derive.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfp.h"
#include "kmsg.h"
#include "oomreport.h"
#include "trend.h"
#include "util.h"
#include "verdict.h"
#include "zonemath.h"

/* ---- zones ---------------------------------------------------------- */

void
derive_zone(struct zt_zone *z)
{
	z->state = zone_wstate(z);
	z->empty = zt_have(z->present) && z->present == 0;
	z->unmanaged = zt_have(z->managed) && z->managed == 0 &&
	    zt_have(z->present) && z->present > 0;
	z->tiny = zt_have(z->managed) && zt_have(z->high) &&
	    z->managed > 0 && z->managed < z->high;
	/* show_mem's "pages reserved" (include/linux/mmzone.h); but see
	 * managed_gap_kb(): on deferred-init kernels it is not reserved */
	z->reserved = zt_have(z->present) && zt_have(z->managed) ?
	    z->present - z->managed : ZT_NA;

	z->highest_free_order = -2;
	for (int o = 0; o < ZT_MAX_ORDER; o++) {
		z->unusable[o] = NAN;
		z->fragidx[o] = NAN;
	}
	if (z->norders <= 0 || z->norders > ZT_MAX_ORDER)
		return;
	z->highest_free_order = -1;
	for (int o = 0; o < z->norders; o++) {
		if (!zt_have(z->buddy[o]) || z->buddy[o] < 0) {
			z->highest_free_order = -2;
			break;
		}
		if (z->buddy[o] > 0)
			z->highest_free_order = o;
	}
	for (int o = 0; o < z->norders; o++) {
		int u = unusable_index_milli(z->buddy, z->norders, o);
		int f = fragmentation_index_milli(z->buddy, z->norders, o);
		if (u != INT_MIN)
			z->unusable[o] = u / 1000.0;
		if (f != INT_MIN)
			z->fragidx[o] = f / 1000.0;
	}
}

/*
 * The shape of __zone_watermark_ok() on the snapshot's kernel (see
 * watermark_ok_flags()): by its release when known.  A capture without
 * one is dated by its own files: a "Reserve" migrate type in
 * pagetypeinfo (MIGRATE_RESERVE, gone in 4.4 with 974a786e63c9) is a
 * kernel of 4.3 or older, whose check has no migrate-type test.  Else
 * 4.4's; these checks carry no reserve flags, so 6.3's would answer the
 * same.
 */
static int
derive_wm_shape(const struct zt_snapshot *s)
{
	int kv = oomreport_kv(s->kernel);	/* -1 for "" */

	if (kv >= 0)
		return kv < ZT_KV(4, 4) ? WM_SHAPE_43 : WM_SHAPE_44;
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_pagetype *pt = s->zones[i].pt;
		for (int t = 0; pt != NULL && t < pt->ntypes && t < ZT_MAX_MIGRATE; t++)
			if (strcmp(pt->names[t], "Reserve") == 0)
				return WM_SHAPE_43;
	}
	return WM_SHAPE_44;
}

/* Each zone's check for each class, order 0..3 and mark. */
static void
derive_zone_checks(struct zt_snapshot *s)
{
	int shape = derive_wm_shape(s);

	for (int c = 0; c < ZT_NCLASSES; c++) {
		/* movable requests carry ALLOC_CMA */
		const struct wm_flags f = { .shape = shape,
		    .cma = c == ZT_CLASS_MOVABLE };
		int hi = class_highest_type(s, c);
		/*
		 * The reserve a lower zone keeps is lowmem_reserve[] of the
		 * request's highest zone: highest_zoneidx = gfp_zone() in 5.8+
		 * (3334a45eb9e2).  Before 5.8 it was classzone_idx, the first
		 * populated zone <= gfp_zone() in the zonelist; the two differ
		 * only when the highest zone is empty, and then the entries
		 * are equal (the empty zone adds no managed pages to the
		 * sums of setup_per_zone_lowmem_reserve).
		 */
		int slot = slot_of_type(s, hi);

		for (int i = 0; i < s->nzones; i++) {
			struct zt_zone *z = &s->zones[i];

			z->wm_applies[c] = z->type >= 0 && hi >= 0 && z->type <= hi;
			for (int o = 0; o < ZT_ALLOC_ORDERS; o++) {
				uint8_t bits = 0;
				if (z->wm_applies[c])
					for (int m = 0; m < ZT_NMARKS; m++)
						if (watermark_ok_flags(z, o, zone_mark(z, m),
						    slot, &f, ZT_NA))
							bits |= (uint8_t)(1u << m);
				z->wm_ok[c][o] = bits;
			}
		}
	}
}

/*
 * The zonelist walk of get_page_from_freelist(): the local node's zones
 * from the highest allowed type down to DMA, then the other nodes' in
 * the same way (build_zonelists, node order).  "Local" is the first node
 * listed; the other nodes are taken in file order, as the kernel's
 * distance order is not in /proc.  Zones without managed pages are not
 * in zonelists.  The first zone passing the mark serves the request.
 */
static void
derive_alloc(struct zt_snapshot *s)
{
	int *nodes = xreallocarray(NULL, (size_t)(s->nzones > 0 ? s->nzones : 1),
	    sizeof *nodes);
	int nn = 0;

	for (int i = 0; i < s->nzones; i++) {
		int j;
		for (j = 0; j < nn; j++)
			if (nodes[j] == s->zones[i].node)
				break;
		if (j == nn)
			nodes[nn++] = s->zones[i].node;
	}
	for (int c = 0; c < ZT_NCLASSES; c++) {
		int hi = class_highest_type(s, c);

		for (int o = 0; o < ZT_ALLOC_ORDERS; o++) {
			struct zt_alloc *a = &s->alloc[c * ZT_ALLOC_ORDERS + o];

			a->cls = c;
			a->order = o;
			for (int m = 0; m < ZT_NMARKS; m++) {
				a->ok[m] = false;
				a->zone[m] = -1;
			}
			for (int ni = 0; ni < nn; ni++) {
				for (int t = hi; t >= 0; t--) {
					for (int i = 0; i < s->nzones; i++) {
						const struct zt_zone *z = &s->zones[i];
						if (z->node != nodes[ni] || z->type != t ||
						    z->empty || z->unmanaged)
							continue;
						for (int m = 0; m < ZT_NMARKS; m++) {
							if (a->zone[m] >= 0 ||
							    !(z->wm_ok[c][o] & (1u << m)))
								continue;
							a->zone[m] = i;
							a->ok[m] = true;
						}
					}
				}
			}
		}
	}
	free(nodes);
}

/* ---- totals, rates, events ------------------------------------------ */

static bool
derive_sum_add(int64_t *sum, int64_t v)
{
	return !__builtin_add_overflow(*sum, v, sum);
}

static void
derive_totals(struct zt_snapshot *s)
{
	int64_t st = kvs_get(&s->meminfo, "SwapTotal");
	int64_t sf = kvs_get(&s->meminfo, "SwapFree");

	if (zt_have(st) && zt_have(sf)) {
		s->swap_total_kb = st;
		s->swap_free_kb = sf;
	} else if (s->nswaps > 0 || s->status[ZT_SRC_SWAPS].ok) {
		/* meminfo missing: the devices' own sizes */
		int64_t t = 0, u = 0;
		bool ok = true;
		for (int i = 0; i < s->nswaps; i++) {
			ok &= derive_sum_add(&t, s->swaps[i].size_kb);
			ok &= derive_sum_add(&u, s->swaps[i].used_kb);
		}
		if (ok) {
			s->swap_total_kb = t;
			s->swap_free_kb = t - u;
		}
	}
	if (zt_have(s->swap_total_kb) && zt_have(s->swap_free_kb))
		s->swap_used_kb = s->swap_total_kb > s->swap_free_kb ?
		    s->swap_total_kb - s->swap_free_kb : 0;

	s->commit_limit_kb = kvs_get(&s->meminfo, "CommitLimit");
	s->committed_kb = kvs_get(&s->meminfo, "Committed_AS");
	/* vmstat oom_kill: 4.13+ ("mm, oom: count global and memory cgroup
	 * oom kills"); older kernels leave it n/a */
	s->oom_kills = kvs_get(&s->vmstat, "oom_kill");

	s->unaccounted_kb = unaccounted_kb(&s->meminfo);
	s->unaccounted_pct = NAN;
	{
		int64_t total = kvs_get(&s->meminfo, "MemTotal");
		if (zt_have(s->unaccounted_kb) && zt_have(total) && total > 0)
			s->unaccounted_pct = 100.0 * (double)s->unaccounted_kb /
			    (double)total;
	}
}

/* cur - prev of a counter, or ZT_NA when either is missing or it went
 * backwards (another boot, another capture). */
static int64_t
derive_delta(int64_t cur, int64_t prev)
{
	int64_t d;

	if (!zt_have(cur) || !zt_have(prev) ||
	    __builtin_sub_overflow(cur, prev, &d) || d < 0)
		return ZT_NA;
	return d;
}

static void
derive_rates(struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	double dt = cur->mono - prev->mono;
	int64_t d;

	cur->interval = prev->mono > 0 && dt > 0 ? dt : NAN;
	if (!isnan(cur->interval)) {
		d = derive_delta(kvs_get(&cur->vmstat, "pswpin"),
		    kvs_get(&prev->vmstat, "pswpin"));
		if (zt_have(d))
			cur->pswpin_per_s = (double)d / cur->interval;
		d = derive_delta(kvs_get(&cur->vmstat, "pswpout"),
		    kvs_get(&prev->vmstat, "pswpout"));
		if (zt_have(d))
			cur->pswpout_per_s = (double)d / cur->interval;
	}
	cur->oom_kills_delta = derive_delta(cur->oom_kills, prev->oom_kills);
	if (cur->psi.some.have && prev->psi.some.have &&
	    zt_have(d = derive_delta(cur->psi.some.total_us, prev->psi.some.total_us)))
		cur->psi_some_delta_us = (double)d;
	if (cur->psi.full.have && prev->psi.full.have &&
	    zt_have(d = derive_delta(cur->psi.full.total_us, prev->psi.full.total_us)))
		cur->psi_full_delta_us = (double)d;
}

struct derive_evlist {
	int n, cap;
	struct zt_event *v;
};

static struct zt_event *
derive_ev_add(struct derive_evlist *l, const struct zt_snapshot *s, int kind)
{
	struct zt_event *e;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof *l->v);
	}
	e = &l->v[l->n++];
	memset(e, 0, sizeof *e);
	e->when = s->when;
	e->kind = kind;
	return e;
}

static const struct zt_zone *
derive_find_zone(const struct zt_snapshot *s, int node, const char *name)
{
	for (int i = 0; i < s->nzones; i++)
		if (s->zones[i].node == node &&
		    strcmp(s->zones[i].name, name) == 0)
			return &s->zones[i];
	return NULL;
}

/* Text read from a file, made printable for an event line. */
static const char *
derive_clean(char *buf, size_t len, const char *s)
{
	escape_text(buf, len, s, strlen(s));
	return buf;
}

static const char *
derive_ev_num(char *buf, size_t len, int64_t v)
{
	if (zt_have(v))
		snprintf(buf, len, "%lld", (long long)v);
	else
		snprintf(buf, len, "n/a");
	return buf;
}

/* Zones that came, went or changed size between the samples. */
static void
derive_zone_events(struct derive_evlist *l, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev)
{
	char a[24], b[24], c[24], d[24], name[64];

	/* both samples need zoneinfo, or every zone would "vanish" */
	if (!cur->status[ZT_SRC_ZONEINFO].ok || !prev->status[ZT_SRC_ZONEINFO].ok)
		return;
	for (int i = 0; i < cur->nzones; i++) {
		const struct zt_zone *z = &cur->zones[i];
		const struct zt_zone *p = derive_find_zone(prev, z->node, z->name);
		struct zt_event *e;

		if (p == NULL) {
			e = derive_ev_add(l, cur, ZT_EV_ZONE_APPEARED);
			snprintf(e->text, sizeof e->text,
			    "node %d %s appeared: present %s, managed %s pages",
			    z->node, derive_clean(name, sizeof name, z->name),
			    derive_ev_num(a, sizeof a, z->present),
			    derive_ev_num(b, sizeof b, z->managed));
			continue;
		}
		if ((zt_have(z->present) && zt_have(p->present) &&
		    z->present != p->present) ||
		    (zt_have(z->managed) && zt_have(p->managed) &&
		    z->managed != p->managed)) {
			e = derive_ev_add(l, cur, ZT_EV_ZONE_RESIZED);
			e->count = zt_have(z->managed) && zt_have(p->managed) ?
			    z->managed - p->managed : 0;
			snprintf(e->text, sizeof e->text,
			    "node %d %s resized: present %s->%s, managed %s->%s pages",
			    z->node, derive_clean(name, sizeof name, z->name),
			    derive_ev_num(a, sizeof a, p->present),
			    derive_ev_num(b, sizeof b, z->present),
			    derive_ev_num(c, sizeof c, p->managed),
			    derive_ev_num(d, sizeof d, z->managed));
		}
	}
	for (int i = 0; i < prev->nzones; i++) {
		const struct zt_zone *p = &prev->zones[i];
		struct zt_event *e;

		if (derive_find_zone(cur, p->node, p->name) != NULL)
			continue;
		/* <= 4.11 stops printing a zone once it has no present pages */
		e = derive_ev_add(l, cur, ZT_EV_ZONE_VANISHED);
		snprintf(e->text, sizeof e->text,
		    "node %d %s vanished: was present %s, managed %s pages",
		    p->node, derive_clean(name, sizeof name, p->name),
		    derive_ev_num(a, sizeof a, p->present),
		    derive_ev_num(b, sizeof b, p->managed));
	}
}

/* The best-ranked process of prev that cur no longer has (same pid and
 * start time): the likely victim when oom_kill rose. */
static const struct zt_proc *
derive_gone(const struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	const struct zt_proc *best = NULL;

	if (!cur->status[ZT_SRC_PROCS].ok || !prev->status[ZT_SRC_PROCS].ok)
		return NULL;
	for (int i = 0; i < prev->nprocs; i++) {
		const struct zt_proc *p = &prev->procs[i];
		bool still = false;

		if (!p->killable || p->rank <= 0)
			continue;
		for (int j = 0; j < cur->nprocs && !still; j++)
			still = cur->procs[j].pid == p->pid &&
			    cur->procs[j].start_time == p->start_time;
		if (!still && (best == NULL || p->rank < best->rank))
			best = p;
	}
	return best;
}

/* The first memory cgroup of prev (pre-order: the outermost) whose
 * ranking named pid its victim, or as gone (a kill that raced prev's
 * sample); -1 none. */
static int
derive_scope_predicting(const struct zt_snapshot *prev, int pid)
{
	for (int i = 0; i < prev->ncgroups; i++)
		if (zt_have(prev->cgroups[i].totalpages) &&
		    (prev->cgroups[i].predicted_victim == pid ||
		    prev->cgroups[i].victim_gone == pid))
			return i;
	return -1;
}

/* The guess from vmstat alone: n kills, the victim the best-ranked
 * process that vanished. */
static void
derive_oom_guess(struct zt_event *e, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev, int64_t n)
{
	const struct zt_proc *v = derive_gone(cur, prev);

	memset(e, 0, sizeof *e);
	e->when = cur->when;
	e->kind = ZT_EV_OOM_KILL;
	e->count = n;
	e->victim_guessed = true;
	e->victim_score = e->victim_rss_kb = e->memcg_limit_kb = ZT_NA;
	e->order = ZT_NA;
	if (v == NULL)
		return;
	escape_text(e->victim_comm, sizeof e->victim_comm, v->comm,
	    strnlen(v->comm, sizeof v->comm));
	e->victim_pid = v->pid;
	e->victim_rank = v->rank;
	e->victim_predicted = v->pid == prev->predicted_victim ||
	    v->pid == prev->victim_gone;
	strlcpy0(e->scope, "global", sizeof e->scope);
	/* without the report the scope is unknown: a cgroup's victim (or
	 * the one it had when the kill raced prev's sample) */
	int sc = e->victim_predicted ? -1 : derive_scope_predicting(prev, v->pid);
	if (sc >= 0) {
		e->victim_predicted = true;
		strlcpy0(e->scope, prev->cgroups[sc].path, sizeof e->scope);
	}
}

/* The memory cgroup of prev at path ("/a/b" as the report prints it),
 * -1 none. */
static int
derive_scope_of(const struct zt_snapshot *prev, const char *path)
{
	while (*path == '/')
		path++;
	for (int i = 0; i < prev->ncgroups; i++) {
		const char *p = prev->cgroups[i].path;
		while (*p == '/')
			p++;
		if (strcmp(p, path) == 0)
			return i;
	}
	return -1;
}

/* A memcg OOM whose report did not name the cgroup (the kernel rate-
 * limits the dump around it): a scope that had predicted the victim (or
 * named it gone), else the victim's nearest cgroup with a limit in prev
 * (a memcg OOM can only have started there or above); -1 none. */
static int
derive_scope_unnamed(const struct zt_snapshot *prev, int pid)
{
	int sc = derive_scope_predicting(prev, pid);

	for (int j = 0; j < prev->nprocs && sc < 0; j++) {
		int c = prev->procs[j].cgroup_scope;
		if (prev->procs[j].pid == pid && c >= 0 && c < prev->ncgroups &&
		    zt_have(prev->cgroups[c].totalpages))
			sc = c;
	}
	return sc;
}

/* Was pid the victim prev predicted for an OOM of this kind?  Sets
 * e->scope to the ranking that answered. */
static void
derive_check_victim(struct zt_event *e, const struct zt_snapshot *prev,
    bool memcg)
{
	int sc = memcg && e->memcg[0] ? derive_scope_of(prev, e->memcg) : -1;

	/* a memcg kill whose report the kernel rate-limited away (only its
	 * "Killed process" line came): the cgroup that predicted it, else
	 * the victim's own */
	if (memcg && !e->memcg[0])
		sc = derive_scope_unnamed(prev, e->victim_pid);

	if (sc >= 0 && zt_have(prev->cgroups[sc].totalpages)) {
		/* a memcg OOM ranks the cgroup's subtree by its own limit */
		/* a kill that raced prev's sample: its victim was dying
		 * while prev ranked, and prev names it as gone */
		e->victim_predicted = e->victim_pid ==
		    prev->cgroups[sc].predicted_victim ||
		    e->victim_pid == prev->cgroups[sc].victim_gone;
		strlcpy0(e->scope, prev->cgroups[sc].path, sizeof e->scope);
	} else if (memcg && prev->cgroup.have) {
		/* no tree (a capture): the --cgroup view's prediction */
		e->victim_predicted = e->victim_pid == prev->predicted_victim ||
		    e->victim_pid == prev->cgroup.predicted_victim;
		strlcpy0(e->scope, prev->cgroup.path, sizeof e->scope);
	} else {
		e->victim_predicted = e->victim_pid == prev->predicted_victim ||
		    e->victim_pid == prev->victim_gone;
		strlcpy0(e->scope, "global", sizeof e->scope);
	}
}

/* The kernel's own reports (kmsg.c, cur's events so far): the victim's
 * rank in prev, the sample before the kill, and whether the ranking of
 * the OOM's scope (the machine, or the memory cgroup at its limit)
 * predicted it. */
static int
derive_kmsg_events(struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	int k = 0;

	for (int i = 0; i < cur->nevents; i++) {
		struct zt_event *e = &cur->events[i];
		bool memcg;

		if (e->kind != ZT_EV_OOM_KILL || e->victim_guessed)
			continue;
		k++;
		memcg = e->constraint == ZT_CON_MEMCG;
		for (int j = 0; prev != NULL && j < prev->nprocs; j++)
			if (prev->procs[j].pid == e->victim_pid)
				e->victim_rank = prev->procs[j].rank;
		if (prev != NULL && prev->status[ZT_SRC_PROCS].ok &&
		    e->victim_pid > 0)
			derive_check_victim(e, prev, memcg);
		kmsg_event_text(e, prev != NULL && prev->status[ZT_SRC_PROCS].ok,
		    NULL);
	}
	return k;
}

/*
 * vmstat's oom_kill against the kernel's reports.  kmsg is read before
 * vmstat, and the kernel counts a kill just before it logs "Killed
 * process", so a report never comes before its count, but a count may
 * come a sample before its report: with the log readable, kills without
 * a report wait one sample in cur->oom_held, and only then become a
 * guessed event.  Without the log, the guess is the event.
 */
static void
derive_oom_event(struct derive_evlist *l, struct zt_snapshot *cur,
    const struct zt_snapshot *prev)
{
	int64_t n = cur->oom_kills_delta, held = prev->oom_held.count, k;
	struct zt_event *e;
	char why[ZT_WHY_LEN + 32];

	k = derive_kmsg_events(cur, prev);
	if (!zt_have(n) || n < 0)
		n = 0;
	if (held > 0) {
		int64_t used = held < k ? held : k;
		/* the held guess saw the sample before the kill: its rank */
		for (int i = 0, u = 0; i < cur->nevents && u < used; i++) {
			struct zt_event *x = &cur->events[i];
			if (x->kind != ZT_EV_OOM_KILL || x->victim_guessed)
				continue;
			u++;
			if (x->victim_pid == prev->oom_held.victim_pid &&
			    x->victim_pid > 0) {
				x->victim_rank = prev->oom_held.victim_rank;
				x->victim_predicted = prev->oom_held.victim_predicted;
				strlcpy0(x->scope, prev->oom_held.scope,
				    sizeof x->scope);
				kmsg_event_text(x, true, NULL);
			}
		}
		held -= used;
		k -= used;
		if (held > 0) {
			e = derive_ev_add(l, cur, ZT_EV_OOM_KILL);
			*e = prev->oom_held;
			e->count = held;
			kmsg_event_text(e, true, "no report of it arrived");
		}
	}
	if (n - k <= 0)
		return;
	if (cur->kmsg.ok) {
		derive_oom_guess(&cur->oom_held, cur, prev, n - k);
		return;
	}
	e = derive_ev_add(l, cur, ZT_EV_OOM_KILL);
	derive_oom_guess(e, cur, prev, n - k);
	if (cur->kmsg.why[0] == '\0' || strcmp(cur->kmsg.why, "not read") == 0)
		snprintf(why, sizeof why, "not read");
	else
		snprintf(why, sizeof why, "not read (%s)", cur->kmsg.why);
	kmsg_event_text(e, prev->status[ZT_SRC_PROCS].ok &&
	    cur->status[ZT_SRC_PROCS].ok, why);
}

static const char *const derive_source_names[ZT_SRC_COUNT] = {
	"zoneinfo", "buddyinfo", "pagetypeinfo", "meminfo", "vmstat",
	"swaps", "pressure/memory", "sysctl", "processes",
};

static void
derive_source_events(struct derive_evlist *l, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev)
{
	for (int i = 0; i < ZT_SRC_COUNT; i++) {
		struct zt_event *e;
		char why[2 * ZT_WHY_LEN];

		if (!prev->status[i].ok || cur->status[i].ok ||
		    cur->status[i].skipped)
			continue;
		e = derive_ev_add(l, cur, ZT_EV_SOURCE_LOST);
		snprintf(e->text, sizeof e->text, "%s lost: %s", derive_source_names[i],
		    derive_clean(why, sizeof why, cur->status[i].why));
	}
}

/* cur->events = prev's, then cur's own (the sampler's), then new; only
 * the newest ZT_EVENTS_MAX are kept, with the reports they name.  cur
 * owns the result. */
static void
derive_events(struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	struct derive_evlist l = { 0 };
	struct zt_event *all;
	int k;

	derive_oom_event(&l, cur, prev);
	derive_zone_events(&l, cur, prev);
	derive_source_events(&l, cur, prev);

	const int n = prev->nevents + cur->nevents + l.n;
	all = xreallocarray(NULL, (size_t)(n > 0 ? n : 1), sizeof *all);
	if (prev->nevents > 0)
		memcpy(all, prev->events, (size_t)prev->nevents * sizeof *all);
	k = prev->nevents;
	if (cur->nevents > 0)
		memcpy(all + k, cur->events, (size_t)cur->nevents * sizeof *all);
	k += cur->nevents;
	if (l.n > 0)
		memcpy(all + k, l.v, (size_t)l.n * sizeof *all);
	k += l.n;
	if (k > ZT_EVENTS_MAX) {
		memmove(all, all + (k - ZT_EVENTS_MAX),
		    ZT_EVENTS_MAX * sizeof *all);
		k = ZT_EVENTS_MAX;
	}
	free(l.v);
	free(cur->events);
	cur->events = all;
	cur->nevents = k;
	kmsg_reports_carry(cur, prev);
}

/*
 * The thresholds of every severity the screen colours and the verdict
 * words: a figure at or above note/warn/crit has that severity.
 */
struct derive_threshold {
	double note, warn, crit;
};
/* PSI "full" avg10 (% of 10 s every non-idle task stalled on memory at
 * once, kernel/sched/psi.c): time the machine did no work.  2% is lost
 * throughput one notices, 10% is thrashing. */
static const struct derive_threshold derive_psi_full = { 2, 2, 10 };
/* PSI "some": at least one task waited.  That is latency, not lost work
 * (full says that), so it warns late and is never critical alone. */
static const struct derive_threshold derive_psi_some = { 10, 10, INFINITY };
/* Committed_AS / CommitLimit in %, overcommit_memory 2: the kernel
 * refuses a user commit past the limit (__vm_enough_memory(),
 * mm/util.c), so 100% is failing allocations and 90% near it. */
static const struct derive_threshold derive_commit_strict = { 90, 90, 100 };
/* The same under overcommit 0 or 1: the limit is not enforced (mode 0
 * refuses only one request larger than RAM + swap, mode 1 nothing), so
 * being past it is worth a note, no more. */
static const struct derive_threshold derive_commit_loose =
    { 100, INFINITY, INFINITY };
/* A memory cgroup's usage, % of its limit: at the limit the cgroup
 * reclaims from itself and then OOM-kills inside it (mm/memcontrol.c
 * try_charge()); 80% is worth watching, 95% is there. */
static const struct derive_threshold derive_memcg_usage = { 80, 80, 95 };
/* Swap in use, % of SwapTotal: past 90% there is little room left to
 * page anonymous memory out to; while memory is short as well
 * (verdict_memory_short()) that is critical. */
static const struct derive_threshold derive_swap_used = { 90, 90, INFINITY };

/* Time to trouble (trend.c): seconds until a figure reaches its mark,
 * worse the shorter.  Under TREND_SHORT_S there is time to act; under a
 * minute hardly.  Swap running out alone kills nothing (reclaim can
 * still drop page cache), so it only warns. */
struct derive_eta_threshold {
	double warn, crit;		/* below: that severity */
};
static const struct derive_eta_threshold derive_eta_mark = { TREND_SHORT_S, 60 };
static const struct derive_eta_threshold derive_eta_swap = { TREND_SHORT_S, 0 };

static int
derive_sev(double v, const struct derive_threshold *t)
{
	if (isnan(v))
		return ZT_SEV_NA;
	return v >= t->crit ? ZT_SEV_CRIT : v >= t->warn ? ZT_SEV_WARN :
	    v >= t->note ? ZT_SEV_NOTE : ZT_SEV_OK;
}

/* An estimate: NA when there is none (not falling) or it is 0 (there
 * already: the figure's own state says so). */
static int
derive_eta_sev(double eta, const struct derive_eta_threshold *t)
{
	if (isnan(eta) || eta <= 0)
		return ZT_SEV_NA;
	return eta < t->crit ? ZT_SEV_CRIT : eta < t->warn ? ZT_SEV_WARN :
	    ZT_SEV_OK;
}

static void
derive_severity_memcg(struct zt_cgroup_info *c)
{
	c->sev_usage = ZT_SEV_NA;
	if (zt_have(c->usage_kb) && zt_have(c->limit_kb) &&
	    c->limit_kb != ZT_NO_LIMIT && c->limit_kb > 0)
		c->sev_usage = derive_sev(100.0 * (double)c->usage_kb /
		    (double)c->limit_kb, &derive_memcg_usage);
}

static void
derive_severity_trend(struct zt_snapshot *s)
{
	bool have = s->trend.n > 0;

	for (int i = 0; i < s->nzones; i++)
		s->zones[i].sev_eta_min = have ?
		    derive_eta_sev(s->zones[i].eta_min_s, &derive_eta_mark) : ZT_SEV_NA;
	s->sev_avail_eta = have ?
	    derive_eta_sev(s->trend.avail_eta_s, &derive_eta_mark) : ZT_SEV_NA;
	s->sev_swap_eta = have ?
	    derive_eta_sev(s->trend.swap_eta_s, &derive_eta_swap) : ZT_SEV_NA;
	/* a cgroup's usage has a series of its own (trend.c) */
	for (int i = 0; i < s->ncgroups; i++)
		s->cgroups[i].sev_eta_limit =
		    derive_eta_sev(s->cgroups[i].eta_limit_s, &derive_eta_mark);
	s->cgroup.sev_eta_limit = derive_eta_sev(s->cgroup.eta_limit_s,
	    &derive_eta_mark);
}

void
derive_severity(struct zt_snapshot *s)
{
	int64_t mode = s->sysctl.overcommit_memory;

	s->sev_psi_some = s->sev_psi_full = ZT_SEV_NA;
	if (s->psi.have && s->psi.some.have)
		s->sev_psi_some = derive_sev(s->psi.some.avg10, &derive_psi_some);
	if (s->psi.have && s->psi.full.have)
		s->sev_psi_full = derive_sev(s->psi.full.avg10, &derive_psi_full);
	s->sev_commit = ZT_SEV_NA;
	if (zt_have(s->commit_limit_kb) && zt_have(s->committed_kb) &&
	    s->commit_limit_kb > 0) {
		double pct = 100.0 * (double)s->committed_kb /
		    (double)s->commit_limit_kb;
		/* an unknown mode: judged as not enforced, said as nothing */
		s->sev_commit = mode == 2 ? derive_sev(pct, &derive_commit_strict) :
		    zt_have(mode) ? derive_sev(pct, &derive_commit_loose) : ZT_SEV_OK;
	}
	/* the min check per class and order: order 0 failing is an
	 * allocation that cannot be served without direct reclaim (the
	 * OOM killer next); a higher order failing is fragmentation or
	 * a lack of larger blocks, which compaction may mend */
	bool zones = false;	/* a populated zone with its free count */
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		zones |= !z->empty && !z->unmanaged && zt_have(z->present) &&
		    zt_have(z->free);
	}
	for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++) {
		struct zt_alloc *a = &s->alloc[i];
		a->sev = !zones ? ZT_SEV_NA : a->ok[ZT_MARK_MIN] ? ZT_SEV_OK :
		    a->order == 0 ? ZT_SEV_CRIT : ZT_SEV_WARN;
	}
	s->sev_swap = ZT_SEV_NA;
	if (zt_have(s->swap_total_kb) && zt_have(s->swap_free_kb) &&
	    s->swap_total_kb > 0) {
		double used = 100.0 - 100.0 * (double)s->swap_free_kb /
		    (double)s->swap_total_kb;
		s->sev_swap = derive_sev(used, &derive_swap_used);
		if (s->sev_swap == ZT_SEV_WARN && verdict_memory_short(s))
			s->sev_swap = ZT_SEV_CRIT;
	}
	for (int i = 0; i < s->ncgroups; i++)
		derive_severity_memcg(&s->cgroups[i]);
	derive_severity_memcg(&s->cgroup);
	derive_severity_trend(s);
}

void
derive_snapshot(struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	for (int i = 0; i < cur->nzones; i++)
		derive_zone(&cur->zones[i]);
	derive_zone_checks(cur);
	derive_alloc(cur);
	derive_totals(cur);
	if (prev != NULL) {
		derive_rates(cur, prev);
		derive_events(cur, prev);
	} else {
		/* the first sample: no rank to give, the reports stand alone */
		derive_kmsg_events(cur, NULL);
		kmsg_reports_carry(cur, NULL);
	}
	derive_severity(cur);
	verdict_judge(cur);
}
