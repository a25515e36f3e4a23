/*
 * verdict.c: the few short lines that say what is wrong (or that
 * nothing is), from a snapshot's derived fields.
 *
 * Each finding is a candidate with a severity (2 crit, 1 warn, 0 info)
 * and a weight; the heaviest ZT_VERDICT_MAX are kept, heaviest first.
 * Lines are at most ZT_VERDICT_COLS characters.  Findings that are
 * normal on a healthy machine (DMA fenced off by its lowmem reserve, a
 * small VM without a Normal zone) are only said when memory is short,
 * where they explain the shortage.  A calm machine gets one info line.
 */
#include "verdict.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "trend.h"
#include "util.h"
#include "zonemath.h"

#define ZT_VERDICT_COLS 100
#define VERDICT_CANDS	64

struct verdict_cand {
	int sev, weight;
	char text[ZT_VERDICT_COLS + 1];
};

struct verdict_ctx {
	struct zt_snapshot *s;
	int n;
	struct verdict_cand c[VERDICT_CANDS];
};

static void verdict_add(struct verdict_ctx *v, int sev, int weight,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
verdict_add(struct verdict_ctx *v, int sev, int weight, const char *fmt, ...)
{
	struct verdict_cand *c;
	char raw[ZT_VERDICT_COLS + 1];
	va_list ap;

	if (v->n == VERDICT_CANDS)
		return;
	c = &v->c[v->n++];
	/* the weight orders within a severity, never across */
	if (weight < 0)
		weight = 0;
	if (weight > 999)
		weight = 999;
	c->sev = sev;
	c->weight = sev * 1000 + weight;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* zone names and reasons come from files: keep the line printable */
	escape_text(c->text, sizeof c->text, raw, strlen(raw));
}

static bool
verdict_populated(const struct zt_zone *z)
{
	return !z->empty && !z->unmanaged && zt_have(z->present);
}

static const struct zt_alloc *
verdict_alloc(const struct zt_snapshot *s, int cls, int order)
{
	return &s->alloc[cls * ZT_ALLOC_ORDERS + order];
}

/* A severity (enum zt_sev, derive_severity()) as a finding's: note is
 * info, then warn and crit. */
static int
verdict_level(int sev)
{
	return sev - ZT_SEV_NOTE;
}

static bool
verdict_have_zones(const struct zt_snapshot *s)
{
	for (int i = 0; i < s->nzones; i++)
		if (verdict_populated(&s->zones[i]) && zt_have(s->zones[i].free))
			return true;
	return false;
}

/* Memory is short: some zone at or below min, an ordinary allocation
 * failing the min check, or the OOM killer at work in this step. */
bool
verdict_memory_short(const struct zt_snapshot *s)
{
	/* a kill says memory is short, unless its report says a memcg or
	 * cpuset/mempolicy limit was hit: the zones were not the problem */
	if (zt_have(s->oom_kills_delta) && s->oom_kills_delta > 0) {
		const struct zt_event *last = NULL;
		for (int i = 0; i < s->nevents; i++)
			if (s->events[i].kind == ZT_EV_OOM_KILL)
				last = &s->events[i];
		int con = last ? last->constraint : ZT_CON_UNKNOWN;
		if (con == ZT_CON_UNKNOWN || con == ZT_CON_GLOBAL)
			return true;
	}
	if (!verdict_have_zones(s))
		return false;
	for (int i = 0; i < s->nzones; i++)
		if (s->zones[i].state == ZT_WS_BELOW_MIN)
			return true;
	return !verdict_alloc(s, ZT_CLASS_KERNEL, 0)->ok[ZT_MARK_MIN] ||
	    !verdict_alloc(s, ZT_CLASS_MOVABLE, 0)->ok[ZT_MARK_MIN];
}

static const char *
verdict_plural(int64_t n)
{
	return n == 1 ? "" : "s";
}

/* The newest OOM kill event, NULL none. */
static const struct zt_event *
verdict_last_kill(const struct zt_snapshot *s)
{
	const struct zt_event *last = NULL;

	for (int i = 0; i < s->nevents; i++)
		if (s->events[i].kind == ZT_EV_OOM_KILL)
			last = &s->events[i];
	return last;
}

static void
verdict_oom(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;
	const struct zt_event *last = verdict_last_kill(s);
	int64_t seen = 0;
	bool memcg_only = last != NULL;
	char lim[16], where[160];

	for (int i = 0; i < s->nevents; i++)
		if (s->events[i].kind == ZT_EV_OOM_KILL && s->events[i].count > 0) {
			seen += s->events[i].count;
			memcg_only &= s->events[i].constraint == ZT_CON_MEMCG;
		}
	/* memory cgroups at their limits: those cgroups' trouble, not the
	 * machine's memory; a warning, not a machine-wide alarm */
	if (memcg_only && (seen > 0 || (zt_have(s->oom_kills_delta) &&
	    s->oom_kills_delta > 0))) {
		snprintf(where, sizeof where, "in %.80s (its limit%s%s)",
		    last->memcg[0] ? last->memcg : "?",
		    zt_have(last->memcg_limit_kb) ? " " : "",
		    zt_have(last->memcg_limit_kb) ?
		    fmt_kb(lim, sizeof lim, last->memcg_limit_kb) : "");
		/* verdict_add escapes what it is given */
		if (zt_have(s->oom_kills_delta) && s->oom_kills_delta > 0)
			verdict_add(v, 1, 900, "memcg OOM kill %s, not the machine's "
			    "memory", where);
		else
			verdict_add(v, 1, 700, "%lld memcg OOM kill%s since start, the "
			    "last %s", (long long)seen, verdict_plural(seen), where);
		return;
	}
	if (zt_have(s->oom_kills_delta) && s->oom_kills_delta > 0 &&
	    !isnan(s->interval))
		verdict_add(v, 2, 900, "%lld OOM kill%s in the last %.0fs (%lld since start)",
		    (long long)s->oom_kills_delta, verdict_plural(s->oom_kills_delta),
		    s->interval, (long long)seen);
	else if (seen > 0)
		verdict_add(v, 2, 700, "%lld OOM kill%s since start",
		    (long long)seen, verdict_plural(seen));
	else if (zt_have(s->oom_kills) && s->oom_kills > 0)
		verdict_add(v, 1, 300, "%lld OOM kill%s since boot",
		    (long long)s->oom_kills, verdict_plural(s->oom_kills));
}

/* GFP_KERNEL and GFP_HIGHUSER_MOVABLE at order 0, then the lowest
 * costly-or-less order that fails while order 0 passes. */
static void
verdict_allocs(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;
	bool kfail = !verdict_alloc(s, ZT_CLASS_KERNEL, 0)->ok[ZT_MARK_MIN];

	if (!verdict_have_zones(s))
		return;
	if (kfail)
		verdict_add(v, verdict_level(verdict_alloc(s, ZT_CLASS_KERNEL, 0)->sev),
		    800, "GFP_KERNEL order-0 would fail at min in every zone");
	else if (!verdict_alloc(s, ZT_CLASS_MOVABLE, 0)->ok[ZT_MARK_MIN])
		verdict_add(v, verdict_level(verdict_alloc(s, ZT_CLASS_MOVABLE, 0)->sev),
		    790, "GFP_HIGHUSER_MOVABLE order-0 would fail at min");
	if (kfail)
		return;
	for (int o = 1; o < ZT_ALLOC_ORDERS; o++) {
		bool noblock = true;

		if (verdict_alloc(s, ZT_CLASS_KERNEL, o)->ok[ZT_MARK_MIN])
			continue;
		for (int i = 0; i < s->nzones; i++) {
			const struct zt_zone *z = &s->zones[i];
			/* -2: buddyinfo unknown, so no claim about blocks */
			if (verdict_populated(z) && z->wm_applies[ZT_CLASS_KERNEL] &&
			    (z->highest_free_order == -2 || z->highest_free_order >= o))
				noblock = false;
		}
		verdict_add(v, verdict_level(verdict_alloc(s, ZT_CLASS_KERNEL, o)->sev),
		    600 - o, "GFP_KERNEL order-%d would fail at min%s", o,
		    noblock ? " (no free block that large: fragmented)" : "");
		break;
	}
}

static void
verdict_zones(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;

	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];

		switch (z->state) {
		case ZT_WS_BELOW_MIN:
			verdict_add(v, 2, 750 - i, "node %d %s below min (free %lld <= min %lld pages)",
			    z->node, z->name, (long long)z->free, (long long)z->min);
			break;
		case ZT_WS_BELOW_LOW:
			verdict_add(v, 1, 500 - i, "node %d %s below low (free %lld <= low %lld): kswapd reclaiming",
			    z->node, z->name, (long long)z->free, (long long)z->low);
			break;
		default:
			break;
		}
	}
}

/* Per node, the zones whose reclaim has given up (all_unreclaimable
 * <= 4.7 per zone; node_unreclaimable 4.8+). */
static void
verdict_unreclaimable(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;

	for (int i = 0; i < s->nzones; i++) {
		char names[80] = "";
		size_t len = 0;
		bool first = true;
		int node = s->zones[i].node;

		for (int j = 0; j < i; j++)
			if (s->zones[j].node == node)
				first = false;
		if (!first)
			continue;
		for (int j = i; j < s->nzones; j++) {
			const struct zt_zone *z = &s->zones[j];
			if (z->node != node || z->unreclaimable != 1 ||
			    !verdict_populated(z) || len + strlen(z->name) + 2 >= sizeof names)
				continue;
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
			    len ? ", " : "", z->name);
		}
		if (len > 0)
			verdict_add(v, 1, 400, "node %d %s unreclaimable (reclaim gave up)",
			    node, names);
	}
}

/* Zones below the class's highest that fail the min check only because
 * of their lowmem reserve. */
static void
verdict_fenced(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;
	int hi = class_highest_type(s, ZT_CLASS_KERNEL);
	int slot = slot_of_type(s, hi);

	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		int own = slot_of_type(s, z->type);

		if (!verdict_populated(z) || z->type < 0 || z->type >= hi ||
		    slot < 0 || slot >= z->nprot || !zt_have(z->protection[slot]))
			continue;
		if ((z->wm_ok[ZT_CLASS_KERNEL][0] & (1u << ZT_MARK_MIN)) ||
		    !watermark_ok(z, 0, z->min, own))
			continue;
		verdict_add(v, 1, 550 - i,
		    "node %d %s fenced off by lowmem reserve for GFP_KERNEL (free %lld <= %lld + %lld)",
		    z->node, z->name, (long long)z->free, (long long)z->min,
		    (long long)z->protection[slot]);
	}
}

/* No populated Normal zone on any node: GFP_KERNEL lives on what is
 * below it (a zone modifier only bounds the zonelist walk from above:
 * gfp_zone(), include/linux/gfp.h). */
static void
verdict_no_normal(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;
	bool have[ZT_ZONE_NTYPES] = { false };
	char list[64] = "";
	size_t len = 0;

	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		if (verdict_populated(z) && z->type >= 0 && z->type < ZT_ZONE_NTYPES)
			have[z->type] = true;
	}
	if (have[ZT_ZONE_NORMAL] || have[ZT_ZONE_HIGHMEM])
		return;
	for (int t = ZT_ZONE_NORMAL - 1; t >= 0; t--)
		if (have[t])
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
			    len ? ", " : "", zone_type_name(t));
	if (len > 0)
		verdict_add(v, 1, 540, "no Normal zone (GFP_KERNEL falls back to %s)", list);
}

static void
verdict_memory(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;
	int64_t total = kvs_get(&s->meminfo, "MemTotal");
	int64_t balloon = kvs_get(&s->meminfo, "Balloon");
	int64_t gap = managed_gap_kb(s);
	char a[16], b[16];

	if (!isnan(s->unaccounted_pct) && s->unaccounted_pct >= 25) {
		int sev = s->unaccounted_pct >= 50 ? 2 : 1;
		int64_t unmapped = anon_lru_unmapped_kb(&s->meminfo);
		if (zt_have(balloon) && balloon > 0 && zt_have(total) && total > 0)
			verdict_add(v, sev, 650, "%.0f%% of MemTotal unaccounted (balloon holds %.0f%%)",
			    s->unaccounted_pct, 100.0 * (double)balloon / (double)total);
		else if (zt_have(unmapped) && zt_have(total) && total > 0 &&
		    unmapped >= s->unaccounted_kb / 2)
			/* most of it is on the anon LRU, mapped by nobody */
			verdict_add(v, sev, 650, "%.0f%% of MemTotal unaccounted (anon LRU "
			    "holds %.0f%% no process maps: leak or pin?)", s->unaccounted_pct,
			    100.0 * (double)unmapped / (double)total);
		else
			verdict_add(v, sev, 650, "%.0f%% of MemTotal unaccounted (balloon or leak?)",
			    s->unaccounted_pct);
	}
	/* deferred struct page init (CONFIG_DEFERRED_STRUCT_PAGE_INIT):
	 * MemTotal counts pages the zones have not been handed yet; say so
	 * before anyone reads present - managed as lost */
	if (zt_have(gap) && zt_have(total) && total > 0 && gap > total / 16 &&
	    gap > (int64_t)64 * 1024)
		verdict_add(v, 0, 100, "zones manage %s of %s MemTotal: rest not yet initialised, not reserved",
		    fmt_kb(a, sizeof a, total - gap), fmt_kb(b, sizeof b, total));
}

static void
verdict_swap(struct verdict_ctx *v, bool shortage)
{
	const struct zt_snapshot *s = v->s;
	int64_t t = s->swap_total_kb, f = s->swap_free_kb;
	int64_t total = kvs_get(&s->meminfo, "MemTotal");
	int64_t anon = kvs_get(&s->meminfo, "Active(anon)");
	int64_t anon2 = kvs_get(&s->meminfo, "Inactive(anon)");

	if (!zt_have(t) || !zt_have(f))
		return;
	if (t == 0) {
		if (shortage)
			verdict_add(v, 0, 200, "no swap: anonymous memory cannot be paged out");
		return;
	}
	double freepct = 100.0 * (double)f / (double)t;
	if (s->sev_swap >= ZT_SEV_WARN)
		verdict_add(v, verdict_level(s->sev_swap), 450, "swap %.0f%% used",
		    100 - freepct);
	else if (shortage && freepct >= 50) {
		/* swap is there but reclaim found nothing left to put in it */
		if (zt_have(total) && total > 0 && zt_have(anon) && zt_have(anon2) &&
		    anon + anon2 < total / 100)
			verdict_add(v, 1, 350, "swap %.0f%% free, but almost no anonymous memory is left to swap",
			    freepct);
		else
			verdict_add(v, 1, 350, "swap %.0f%% free", freepct);
	}
}

static void
verdict_commit(struct verdict_ctx *v, bool shortage)
{
	const struct zt_snapshot *s = v->s;
	int64_t mode = s->sysctl.overcommit_memory;
	double pct;

	if (s->sev_commit >= ZT_SEV_NOTE) {
		pct = 100.0 * (double)s->committed_kb / (double)s->commit_limit_kb;
		if (s->sev_commit == ZT_SEV_CRIT)
			verdict_add(v, 2, 600, "commit %.0f%% of limit (overcommit 2: allocations fail)", pct);
		else if (s->sev_commit == ZT_SEV_WARN)
			verdict_add(v, 1, 300, "commit %.0f%% of limit (overcommit 2: near refusal)", pct);
		else
			verdict_add(v, 0, 50, "commit %.0f%% of limit (overcommit %lld: not enforced)",
			    pct, (long long)mode);
	}
	/* overcommit 2 refuses user commits; kernel allocations (page
	 * tables, vmalloc, slab) never pass through it */
	if (mode == 2 && shortage)
		verdict_add(v, 0, 150, "overcommit 2 limits user commits, not kernel allocations");
}

static void
verdict_psi(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;
	const struct zt_psi *p = &s->psi;

	/* full says lost work, so it is said first and alone */
	if (s->sev_psi_full >= ZT_SEV_WARN)
		verdict_add(v, verdict_level(s->sev_psi_full), 500,
		    "PSI full avg10 %.1f%%", p->full.avg10);
	else if (s->sev_psi_some >= ZT_SEV_WARN)
		verdict_add(v, verdict_level(s->sev_psi_some), 250,
		    "PSI some avg10 %.1f%%", p->some.avg10);
}

/* Time to trouble (trend.c): a zone's free about to reach min, or
 * MemAvailable, swap or a memory cgroup's room about to run out, as
 * derive_severity() judged the estimates. */
static void
verdict_trend(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;
	const struct zt_trend *t = &s->trend;
	char eta[24], rate[24];

	if (t->n == 0)
		return;
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		if (z->sev_eta_min < ZT_SEV_WARN)
			continue;
		verdict_add(v, verdict_level(z->sev_eta_min), 580 - i,
		    "node %d %s free reaches min in %s (-%s/s over %.0f s)", z->node,
		    z->name, trend_fmt_eta(eta, sizeof eta, z->eta_min_s),
		    fmt_kb(rate, sizeof rate, (int64_t)(-z->trend_pps * s->page_kb)),
		    t->window_s);
	}
	if (s->sev_avail_eta >= ZT_SEV_WARN)
		verdict_add(v, verdict_level(s->sev_avail_eta), 585,
		    "MemAvailable runs out in %s (-%s/s over %.0f s)",
		    trend_fmt_eta(eta, sizeof eta, t->avail_eta_s),
		    fmt_kb(rate, sizeof rate, (int64_t)-t->avail_kbps), t->window_s);
	if (s->sev_swap_eta >= ZT_SEV_WARN)
		verdict_add(v, verdict_level(s->sev_swap_eta), 440, "swap runs out in %s (-%s/s over %.0f s)",
		    trend_fmt_eta(eta, sizeof eta, t->swap_eta_s),
		    fmt_kb(rate, sizeof rate, (int64_t)-t->swapfree_kbps), t->window_s);
	for (int i = 0; i < s->ncgroups; i++) {
		const struct zt_cgroup_info *c = &s->cgroups[i];
		if (c->sev_eta_limit < ZT_SEV_WARN)
			continue;
		verdict_add(v, verdict_level(c->sev_eta_limit), 570,
		    "memcg %s reaches its limit in %s (+%s/s)", c->path,
		    trend_fmt_eta(eta, sizeof eta, c->eta_limit_s),
		    fmt_kb(rate, sizeof rate, (int64_t)c->trend_kbps));
	}
}

/* Nothing at warn or crit: how calm is it? */
static void
verdict_calm(struct verdict_ctx *v)
{
	const struct zt_snapshot *s = v->s;
	bool all_ok = true, any = false;

	for (int i = 0; i < v->n; i++)
		if (v->c[i].sev > 0)
			return;
	if (!s->status[ZT_SRC_ZONEINFO].ok || !verdict_have_zones(s)) {
		verdict_add(v, 0, 990, "no zone data (%s)", s->status[ZT_SRC_ZONEINFO].ok ?
		    "no populated zone" : s->status[ZT_SRC_ZONEINFO].why);
		return;
	}
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		if (z->state == ZT_WS_UNKNOWN)
			continue;
		any = true;
		if (z->state != ZT_WS_OK) {
			all_ok = false;
			verdict_add(v, 0, 980 - i, "node %d %s below high: kswapd finishing",
			    z->node, z->name);
		}
	}
	if (any && all_ok)
		verdict_add(v, 0, 990, "all zones above high watermark");
}

void
verdict_judge(struct zt_snapshot *s)
{
	struct verdict_ctx v;
	bool shortage = verdict_memory_short(s);

	memset(&v, 0, sizeof v);
	v.s = s;
	verdict_oom(&v);
	verdict_allocs(&v);
	verdict_zones(&v);
	verdict_unreclaimable(&v);
	if (shortage) {
		verdict_fenced(&v);
		verdict_no_normal(&v);
	}
	verdict_memory(&v);
	verdict_swap(&v, shortage);
	verdict_commit(&v, shortage);
	verdict_psi(&v);
	verdict_trend(&v);
	verdict_calm(&v);

	/* heaviest first; insertion order among equals (stable) */
	memset(&s->verdict, 0, sizeof s->verdict);
	for (int k = 0; k < ZT_VERDICT_MAX && k < v.n; k++) {
		int best = -1;
		for (int i = 0; i < v.n; i++)
			if (v.c[i].weight != INT32_MIN &&
			    (best < 0 || v.c[i].weight > v.c[best].weight))
				best = i;
		if (best < 0)
			break;
		s->verdict.severity[k] = v.c[best].sev;
		strlcpy0(s->verdict.line[k], v.c[best].text, sizeof s->verdict.line[k]);
		s->verdict.n = k + 1;
		v.c[best].weight = INT32_MIN;
	}
}
