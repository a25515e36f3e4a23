/*
 * json_out.c: a snapshot as one JSON object.  The keys are documented in
 * README.md ("JSON reference"); scripts rely on them, so a key is only
 * ever added, never renamed.  Absent values are null, never 0.
 */
#include "output.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "arith.h"
#include "json_text.h"
#include "kmsg.h"
#include "vm_json.h"
#include "zonemath.h"

static json_t *
jint(int64_t v)
{
	return zt_have(v) ? json_integer((json_int_t)v) : json_null();
}

/* A cgroup limit: "max" when there is none, as cgroup v2 writes it. */
static json_t *
jlimit(int64_t v)
{
	return v == ZT_NO_LIMIT ? json_string("max") : jint(v);
}

static json_t *
jreal(double v)
{
	if (isnan(v) || isinf(v))
		return json_null();
	/* two decimals are all the kernel gives for PSI; keep rates short */
	return json_real(arith_round(v * 1000.0) / 1000.0);
}

static json_t *
jstr(const char *s)
{
	return s ? json_text(s, strlen(s)) : json_null();
}

void
fmt_rfc3339(char *buf, size_t len, const struct timespec *ts)
{
	struct tm tm;
	char base[32], zone[8];

	localtime_r(&ts->tv_sec, &tm);
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof zone, "%z", &tm);	/* +0100 */
	snprintf(buf, len, "%s.%03ld%.3s:%.2s", base, ts->tv_nsec / 1000000,
	    zone, zone + 3);
}

static const char *const source_names[ZT_SRC_COUNT] = {
	"zoneinfo", "buddyinfo", "pagetypeinfo", "meminfo", "vmstat",
	"swaps", "psi", "sysctl", "processes",
};

static json_t *
json_pagetype(const struct zt_pagetype *pt)
{
	json_t *types = json_array();

	for (int t = 0; t < pt->ntypes && t < ZT_MAX_MIGRATE; t++) {
		json_t *o = json_object(), *free_ = json_array(), *capped = json_array();
		for (int k = 0; k < pt->norders && k < ZT_MAX_ORDER; k++) {
			json_array_append_new(free_, jint(pt->free[t][k]));
			if (pt->capped[t][k])
				json_array_append_new(capped, json_integer(k));
		}
		json_object_set_new(o, "type", jstr(pt->names[t]));
		json_object_set_new(o, "free", free_);
		json_object_set_new(o, "capped_orders", capped);
		json_object_set_new(o, "blocks", jint(pt->blocks[t]));
		json_array_append_new(types, o);
	}
	return types;
}

/* Time to trouble (trend.c): null while there is no trend yet. */
static void
json_zone_trend(json_t *o, const struct zt_snapshot *s, const struct zt_zone *z)
{
	bool have = s->trend.n > 0;

	json_object_set_new(o, "trend_pages_per_s", have ? jreal(z->trend_pps) :
	    json_null());
	json_object_set_new(o, "eta_min_s", have ? jreal(z->eta_min_s) : json_null());
	json_object_set_new(o, "eta_low_s", have ? jreal(z->eta_low_s) : json_null());
}

static json_t *
json_zone(const struct zt_snapshot *s, const struct zt_zone *z)
{
	json_t *o = json_object(), *a;

	json_object_set_new(o, "node", json_integer(z->node));
	json_object_set_new(o, "zone", jstr(z->name));
	json_object_set_new(o, "free", jint(z->free));
	json_object_set_new(o, "boost", jint(z->boost));
	json_object_set_new(o, "min", jint(z->min));
	json_object_set_new(o, "low", jint(z->low));
	json_object_set_new(o, "high", jint(z->high));
	json_object_set_new(o, "promo", jint(z->promo));
	json_object_set_new(o, "spanned", jint(z->spanned));
	json_object_set_new(o, "present", jint(z->present));
	json_object_set_new(o, "managed", jint(z->managed));
	json_object_set_new(o, "cma", jint(z->cma));
	json_object_set_new(o, "start_pfn", jint(z->start_pfn));
	a = json_array();
	for (int i = 0; i < z->nprot && i < ZT_MAX_ZONE_TYPES; i++)
		json_array_append_new(a, jint(z->protection[i]));
	json_object_set_new(o, "protection", a);
	if (z->norders > 0) {
		a = json_array();
		for (int i = 0; i < z->norders && i < ZT_MAX_ORDER; i++)
			json_array_append_new(a, jint(z->buddy[i]));
		json_object_set_new(o, "buddy", a);
	} else
		json_object_set_new(o, "buddy", json_null());
	json_object_set_new(o, "state", z->state == ZT_WS_UNKNOWN ? json_null() :
	    json_string(wstate_name(z->state)));
	json_object_set_new(o, "fenced", json_boolean(zone_fenced(s, z)));
	json_object_set_new(o, "empty", json_boolean(z->empty));
	json_object_set_new(o, "unmanaged", json_boolean(z->unmanaged));
	json_object_set_new(o, "tiny", json_boolean(z->tiny));
	json_object_set_new(o, "reserved", jint(z->reserved));
	json_object_set_new(o, "unreclaimable", z->unreclaimable < 0 ?
	    json_null() : json_boolean(z->unreclaimable));
	json_object_set_new(o, "highest_free_order", z->highest_free_order < -1 ?
	    json_null() : json_integer(z->highest_free_order));
	json_object_set_new(o, "lru_anon", jint(z->lru_anon));
	json_object_set_new(o, "lru_file", jint(z->lru_file));
	json_object_set_new(o, "nr_free_cma", jint(z->nr_free_cma));
	if (z->norders > 0) {
		json_t *u = json_array(), *f = json_array();
		for (int i = 0; i < z->norders && i < ZT_MAX_ORDER; i++) {
			json_array_append_new(u, jreal(z->unusable[i]));
			json_array_append_new(f, jreal(z->fragidx[i]));
		}
		json_object_set_new(o, "unusable_index", u);
		json_object_set_new(o, "fragmentation_index", f);
	} else {
		json_object_set_new(o, "unusable_index", json_null());
		json_object_set_new(o, "fragmentation_index", json_null());
	}
	/* the watermark check per class that may use this zone */
	json_t *wm = json_object();
	for (int c = 0; c < ZT_NCLASSES; c++) {
		if (!z->wm_applies[c] || z->state == ZT_WS_UNKNOWN)
			continue;
		a = json_array();
		for (int k = 0; k < ZT_ALLOC_ORDERS; k++) {
			json_t *e = json_object();
			json_object_set_new(e, "order", json_integer(k));
			json_object_set_new(e, "min", json_boolean(z->wm_ok[c][k] & (1 << ZT_MARK_MIN)));
			json_object_set_new(e, "low", json_boolean(z->wm_ok[c][k] & (1 << ZT_MARK_LOW)));
			json_object_set_new(e, "high", json_boolean(z->wm_ok[c][k] & (1 << ZT_MARK_HIGH)));
			json_array_append_new(a, e);
		}
		json_object_set_new(wm, class_name(c), a);
	}
	json_object_set_new(o, "watermark_ok", wm);
	json_object_set_new(o, "pagetypeinfo", z->pt ? json_pagetype(z->pt) :
	    json_null());
	json_zone_trend(o, s, z);
	return o;
}

/* The machine's trend: the window fitted, rates and times to 0. */
static json_t *
json_trend(const struct zt_snapshot *s)
{
	const struct zt_trend *t = &s->trend;
	json_t *o = json_object();

	if (t->n == 0) {
		json_decref(o);
		return json_null();
	}
	json_object_set_new(o, "samples", json_integer(t->n));
	json_object_set_new(o, "window_s", jreal(t->window_s));
	json_object_set_new(o, "free_pages_per_s", jreal(t->free_pps));
	json_object_set_new(o, "mem_available_kb_per_s", jreal(t->avail_kbps));
	json_object_set_new(o, "mem_available_eta_s", jreal(t->avail_eta_s));
	json_object_set_new(o, "swap_free_kb_per_s", jreal(t->swapfree_kbps));
	json_object_set_new(o, "swap_eta_s", jreal(t->swap_eta_s));
	return o;
}

static json_t *
json_kvs(const struct zt_kvs *kv, const char *const *prefixes)
{
	json_t *o = json_object();

	for (int i = 0; i < kv->n; i++) {
		if (prefixes != NULL) {
			bool want = false;
			for (const char *const *p = prefixes; *p; p++)
				if (strncmp(kv->v[i].key, *p, strlen(*p)) == 0)
					want = true;
			if (!want)
				continue;
		}
		json_t *k = json_text(kv->v[i].key, strlen(kv->v[i].key));
		json_object_set_new(o, json_string_value(k), jint(kv->v[i].val));
		json_decref(k);
	}
	return o;
}

static json_t *
json_psi_line(const struct zt_psi_line *l)
{
	json_t *o;

	if (!l->have)
		return json_null();
	o = json_object();
	json_object_set_new(o, "avg10", jreal(l->avg10));
	json_object_set_new(o, "avg60", jreal(l->avg60));
	json_object_set_new(o, "avg300", jreal(l->avg300));
	json_object_set_new(o, "total_us", jint(l->total_us));
	return o;
}

static json_t *
json_alloc(const struct zt_snapshot *s)
{
	json_t *a = json_array();

	if (!s->status[ZT_SRC_ZONEINFO].ok)
		return a;
	for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++) {
		const struct zt_alloc *al = &s->alloc[i];
		json_t *o = json_object();
		int zi = al->zone[ZT_MARK_MIN];

		json_object_set_new(o, "class", json_string(class_name(al->cls)));
		json_object_set_new(o, "order", json_integer(al->order));
		json_object_set_new(o, "ok", json_boolean(al->ok[ZT_MARK_MIN]));
		json_object_set_new(o, "ok_low", json_boolean(al->ok[ZT_MARK_LOW]));
		json_object_set_new(o, "ok_high", json_boolean(al->ok[ZT_MARK_HIGH]));
		if (zi >= 0 && zi < s->nzones) {
			json_object_set_new(o, "zone", jstr(s->zones[zi].name));
			json_object_set_new(o, "node", json_integer(s->zones[zi].node));
		} else {
			json_object_set_new(o, "zone", json_null());
			json_object_set_new(o, "node", json_null());
		}
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
json_proc(const struct zt_proc *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "rank", json_integer(p->rank));
	json_object_set_new(o, "pid", json_integer(p->pid));
	json_object_set_new(o, "uid", jint(p->uid));
	json_object_set_new(o, "user", p->user[0] ? jstr(p->user) : json_null());
	json_object_set_new(o, "comm", jstr(p->comm));
	json_object_set_new(o, "cmdline", jstr(p->cmdline));
	json_object_set_new(o, "state", p->state ?
	    json_stringn(&p->state, 1) : json_null());
	json_object_set_new(o, "oom_score", jint(p->oom_score));
	json_object_set_new(o, "oom_score_adj", jint(p->oom_score_adj));
	json_object_set_new(o, "rss_kb", jint(p->rss_kb));
	json_object_set_new(o, "swap_kb", jint(p->swap_kb));
	json_object_set_new(o, "pgtables_kb", jint(p->pgtables_kb));
	json_object_set_new(o, "cgroup", jstr(p->cgroup));
	json_object_set_new(o, "killable", json_boolean(p->killable));
	json_object_set_new(o, "badness_pages", jint(p->badness_pages));
	json_object_set_new(o, "badness_share", jreal(p->badness_share));
	json_object_set_new(o, "score_adj0", jint(p->score_adj0));
	json_object_set_new(o, "points", jint(p->points));
	json_object_set_new(o, "start_time", json_integer((json_int_t)p->start_time));
	json_object_set_new(o, "cgroup_rank", p->cgroup_rank > 0 ?
	    json_integer(p->cgroup_rank) : json_null());
	json_object_set_new(o, "cgroup_points", jint(p->cgroup_points));
	return o;
}

static bool
jsame_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* jreal()'s value of v, NAN and the infinities as one (null) */
static double
jreal_key(double v)
{
	return isnan(v) || isinf(v) ? NAN : arith_round(v * 1000.0) / 1000.0;
}

bool
json_proc_same(const struct zt_proc *a, const struct zt_proc *b)
{
	double sa = jreal_key(a->badness_share), sb = jreal_key(b->badness_share);

	return a->rank == b->rank && a->pid == b->pid && a->uid == b->uid &&
	    a->state == b->state && a->oom_score == b->oom_score &&
	    a->oom_score_adj == b->oom_score_adj && a->rss_kb == b->rss_kb &&
	    a->swap_kb == b->swap_kb && a->pgtables_kb == b->pgtables_kb &&
	    a->killable == b->killable && a->badness_pages == b->badness_pages &&
	    (sa == sb || (isnan(sa) && isnan(sb))) &&
	    a->score_adj0 == b->score_adj0 && a->points == b->points &&
	    a->start_time == b->start_time &&
	    (a->cgroup_rank > 0 ? a->cgroup_rank : 0) ==
	    (b->cgroup_rank > 0 ? b->cgroup_rank : 0) &&
	    a->cgroup_points == b->cgroup_points &&
	    strcmp(a->user, b->user) == 0 && strcmp(a->comm, b->comm) == 0 &&
	    jsame_str(a->cmdline, b->cmdline) && jsame_str(a->cgroup, b->cgroup);
}

static const char *const event_names[ZT_EV_NKINDS] = {
	"oom_kill", "zone_appeared", "zone_vanished", "zone_resized",
	"source_lost",
};

/* An OOM kill's own keys (kmsg.c); null for the other kinds. */
static json_t *
jstr_oom(const struct zt_event *e, const char *v)
{
	return e->kind == ZT_EV_OOM_KILL && v[0] ? jstr(v) : json_null();
}

static void
json_event_oom(json_t *o, const struct zt_snapshot *s, const struct zt_event *e)
{
	bool oom = e->kind == ZT_EV_OOM_KILL;
	const struct zt_report *r = oom ? kmsg_report(s, e->report_id) : NULL;
	json_t *x = r != NULL ? kmsg_explain_json(s, e) : NULL;

	json_object_set_new(o, "victim_comm", jstr_oom(e, e->victim_comm));
	json_object_set_new(o, "victim_guessed", json_boolean(oom && e->victim_guessed));
	json_object_set_new(o, "victim_score", oom ? jint(e->victim_score) : json_null());
	json_object_set_new(o, "victim_rss_kb", oom ? jint(e->victim_rss_kb) : json_null());
	json_object_set_new(o, "constraint", jstr_oom(e, zt_constraint_name(e->constraint)));
	json_object_set_new(o, "memcg", jstr_oom(e, e->memcg));
	json_object_set_new(o, "memcg_limit_kb", oom ? jlimit(e->memcg_limit_kb) : json_null());
	json_object_set_new(o, "gfp", jstr_oom(e, e->gfp));
	json_object_set_new(o, "order", oom ? jint(e->order) : json_null());
	json_object_set_new(o, "detail", jstr_oom(e, e->detail));
	json_object_set_new(o, "report_id", oom && e->report_id > 0 ?
	    json_integer(e->report_id) : json_null());
	/* the kernel's report as logged, and zonetop explain's reading of it */
	json_object_set_new(o, "report", r ? json_text(r->text, r->len) : json_null());
	json_object_set_new(o, "explanation", x ? x : json_null());
}

/* zonetop's own mlock and oom_score_adj (selfguard.c); null when not
 * applied (one batch sample, a capture, a recording). */
static json_t *
json_self(const struct zt_selfprot *g)
{
	static const char *const mode[] = { "off", "all", "partial", "none" };
	json_t *c;

	if (!g->tried)
		return json_null();
	c = json_object();
	json_object_set_new(c, "mlock", json_string(mode[g->mlock & 3]));
	json_object_set_new(c, "locked_kb", jint(g->locked_kb));
	json_object_set_new(c, "code_data_kb", jint(g->wanted_kb));
	json_object_set_new(c, "memlock_limit_kb", jint(g->limit_kb));
	json_object_set_new(c, "mlock_why", g->mlock_why[0] ?
	    jstr(g->mlock_why) : json_null());
	json_object_set_new(c, "oom_score_adj", g->adj_done ?
	    json_integer(-999) : json_null());
	json_object_set_new(c, "oom_score_adj_why", g->adj_done ? json_null() :
	    jstr(g->adj_why));
	return c;
}

static json_t *
json_events(const struct zt_snapshot *s)
{
	json_t *a = json_array();

	for (int i = 0; i < s->nevents; i++) {
		const struct zt_event *e = &s->events[i];
		json_t *o = json_object();
		char t[48];

		fmt_rfc3339(t, sizeof t, &e->when);
		json_object_set_new(o, "time", json_string(t));
		json_object_set_new(o, "kind", json_string(e->kind >= 0 &&
		    e->kind < ZT_EV_NKINDS ? event_names[e->kind] : "?"));
		json_object_set_new(o, "count", jint(e->count));
		json_object_set_new(o, "victim_pid", e->victim_pid ?
		    json_integer(e->victim_pid) : json_null());
		json_object_set_new(o, "victim_rank", e->victim_rank ?
		    json_integer(e->victim_rank) : json_null());
		json_object_set_new(o, "victim_predicted", json_boolean(e->victim_predicted));
		json_object_set_new(o, "scope", e->scope[0] ? jstr(e->scope) : json_null());
		json_object_set_new(o, "text", jstr(e->text));
		json_event_oom(o, s, e);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
json_cgroup(const struct zt_cgroup_info *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "path", jstr(c->path));
	if (!c->have) {
		json_object_set_new(o, "error", jstr(c->why));
		return o;
	}
	json_object_set_new(o, "version", json_integer(c->version));
	json_object_set_new(o, "limit_kb", jlimit(c->limit_kb));
	json_object_set_new(o, "usage_kb", jint(c->usage_kb));
	json_object_set_new(o, "swap_limit_kb", jlimit(c->swap_limit_kb));
	json_object_set_new(o, "swap_usage_kb", jint(c->swap_usage_kb));
	json_object_set_new(o, "members", c->nmembers >= 0 ?
	    json_integer(c->nmembers) : json_null());
	json_object_set_new(o, "predicted_victim", c->predicted_victim > 0 ?
	    json_integer(c->predicted_victim) : json_null());
	json_object_set_new(o, "victim_points", jint(c->victim_points));
	json_object_set_new(o, "victim_gone", c->victim_gone > 0 ?
	    json_integer(c->victim_gone) : json_null());
	json_object_set_new(o, "totalpages", jint(c->totalpages));
	json_object_set_new(o, "events", json_kvs(&c->events, NULL));
	/* the two counters people look for, from either version's files */
	int64_t ooms = kvs_get(&c->events, "oom_kill");
	json_object_set_new(o, "oom_events", jint(zt_have(ooms) ? ooms :
	    kvs_get(&c->events, "oom")));
	json_object_set_new(o, "failcnt", jint(kvs_get(&c->events, "failcnt")));
	/* time to trouble (trend.c): null without a limit or enough
	 * samples, or (the estimate) while usage is not rising */
	json_object_set_new(o, "trend_kb_per_s", jreal(c->trend_kbps));
	json_object_set_new(o, "eta_limit_s", jreal(c->eta_limit_s));
	return o;
}

/* Every memory cgroup, each its own OOM scope. */
static json_t *
json_cgroups(const struct zt_snapshot *s)
{
	json_t *a = json_array();

	for (int i = 0; i < s->ncgroups; i++) {
		json_t *o = json_cgroup(&s->cgroups[i]);
		json_object_set_new(o, "depth", json_integer(s->cgroups[i].depth));
		json_array_append_new(a, o);
	}
	return a;
}

/* Every cpuset restricted to some of the nodes, each its own OOM scope. */
static json_t *
json_cpusets(const struct zt_snapshot *s)
{
	json_t *a = json_array();

	for (int i = 0; i < s->ncpusets; i++) {
		const struct zt_cpuset_info *c = &s->cpusets[i];
		json_t *o = json_object();
		json_object_set_new(o, "path", json_string(c->path));
		json_object_set_new(o, "version", json_integer(c->version));
		json_object_set_new(o, "mems", json_string(c->mems));
		json_object_set_new(o, "totalpages", jint(c->totalpages));
		json_object_set_new(o, "eligible", json_integer(c->eligible));
		json_object_set_new(o, "predicted_victim", c->predicted_victim ?
		    json_integer(c->predicted_victim) : json_null());
		json_object_set_new(o, "victim_points", jint(c->victim_points));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
json_swap(const struct zt_snapshot *s)
{
	json_t *sw, *a;

	sw = json_object();
	json_object_set_new(sw, "total_kb", jint(s->swap_total_kb));
	json_object_set_new(sw, "free_kb", jint(s->swap_free_kb));
	json_object_set_new(sw, "used_kb", jint(s->swap_used_kb));
	if (s->status[ZT_SRC_SWAPS].ok) {
		a = json_array();
		for (int i = 0; i < s->nswaps; i++) {
			json_t *d = json_object();
			json_object_set_new(d, "path", jstr(s->swaps[i].path));
			json_object_set_new(d, "type", jstr(s->swaps[i].type));
			json_object_set_new(d, "size_kb", jint(s->swaps[i].size_kb));
			json_object_set_new(d, "used_kb", jint(s->swaps[i].used_kb));
			json_object_set_new(d, "priority", jint(s->swaps[i].priority));
			json_array_append_new(a, d);
		}
		json_object_set_new(sw, "devices", a);
	} else
		json_object_set_new(sw, "devices", json_null());
	json_object_set_new(sw, "pswpin_per_s", jreal(s->pswpin_per_s));
	json_object_set_new(sw, "pswpout_per_s", jreal(s->pswpout_per_s));
	return sw;
}

static json_t *
json_sysctl(const struct zt_snapshot *s)
{
	json_t *c, *a;

	c = json_object();
	json_object_set_new(c, "overcommit_memory", jint(s->sysctl.overcommit_memory));
	json_object_set_new(c, "overcommit_ratio", jint(s->sysctl.overcommit_ratio));
	json_object_set_new(c, "overcommit_kbytes", jint(s->sysctl.overcommit_kbytes));
	json_object_set_new(c, "min_free_kbytes", jint(s->sysctl.min_free_kbytes));
	json_object_set_new(c, "watermark_scale_factor", jint(s->sysctl.watermark_scale_factor));
	json_object_set_new(c, "watermark_boost_factor", jint(s->sysctl.watermark_boost_factor));
	json_object_set_new(c, "swappiness", jint(s->sysctl.swappiness));
	a = json_array();
	for (int i = 0; i < s->sysctl.nlowmem_ratio && i < ZT_MAX_ZONE_TYPES; i++)
		json_array_append_new(a, jint(s->sysctl.lowmem_reserve_ratio[i]));
	json_object_set_new(c, "lowmem_reserve_ratio", s->sysctl.nlowmem_ratio ? a :
	    (json_decref(a), json_null()));
	return c;
}

static json_t *
json_verdict(const struct zt_snapshot *s)
{
	json_t *a;

	a = json_array();
	for (int i = 0; i < s->verdict.n && i < ZT_VERDICT_MAX; i++) {
		static const char *const sev[] = { "info", "warn", "crit" };
		json_t *v = json_object();
		int sv = s->verdict.severity[i];
		json_object_set_new(v, "severity", json_string(sev[sv < 0 ? 0 : sv > 2 ? 2 : sv]));
		json_object_set_new(v, "text", jstr(s->verdict.line[i]));
		json_array_append_new(a, v);
	}
	return a;
}

/* The candidates and how they were ranked, into o. */
static void
json_procs(json_t *o, const struct zt_snapshot *s, const struct out_opts *opt)
{
	json_t *a;

	if (s->status[ZT_SRC_PROCS].ok) {
		long top = opt && opt->top >= 0 ? opt->top : s->nprocs;
		a = json_array();
		for (int i = 0; i < s->nprocs && i < top; i++)
			json_array_append_new(a, json_proc(&s->procs[i]));
		json_object_set_new(o, "processes", a);
		json_object_set_new(o, "processes_total", json_integer(s->nprocs_total));
		json_object_set_new(o, "predicted_victim", s->predicted_victim ?
		    json_integer(s->predicted_victim) : json_null());
		json_object_set_new(o, "totalpages", jint(s->totalpages));
		json_object_set_new(o, "points_margin", json_integer(s->points_margin));
		/* the reading of the per-CPU counters the points use, and
		 * whether /proc/PID/oom_score showed it is the kernel's */
		json_object_set_new(o, "points_counts", json_string(
		    s->points_counts == ZT_COUNTS_CENTRAL_SEEN ? "central" : "sum"));
		json_object_set_new(o, "points_counts_seen",
		    json_boolean(s->points_counts != ZT_COUNTS_SUM));
		json_object_set_new(o, "victim_gone", s->victim_gone > 0 ?
		    json_integer(s->victim_gone) : json_null());
		json_object_set_new(o, "contenders", json_integer(s->ncontenders));
		json_object_set_new(o, "cgroups", json_cgroups(s));
		json_object_set_new(o, "cpusets", json_cpusets(s));
	} else {
		json_object_set_new(o, "processes", json_null());
		json_object_set_new(o, "predicted_victim", json_null());
	}
}

json_t *
json_snapshot(const struct zt_snapshot *s, const struct out_opts *opt)
{
	static const char *const vmstat_keys[] = {
		"pswpin", "pswpout", "oom_kill", "allocstall", "compact",
		"pgscan", "pgsteal", "pgmajfault", "nr_balloon", "balloon_",
		"workingset_refault", NULL,
	};
	json_t *o = json_object(), *a, *c, *u;
	char t[48];

	fmt_rfc3339(t, sizeof t, &s->when);
	json_object_set_new(o, "time", json_string(t));
	json_object_set_new(o, "hostname", s->hostname[0] ? jstr(s->hostname) : json_null());
	json_object_set_new(o, "kernel", s->kernel[0] ? jstr(s->kernel) : json_null());
	json_object_set_new(o, "page_kb", s->page_kb_assumed ? json_null() :
	    json_integer(s->page_kb));
	json_object_set_new(o, "uptime_s", jreal(s->uptime));
	json_object_set_new(o, "live", json_boolean(s->live));
	json_object_set_new(o, "interval_s", jreal(s->interval));

	a = json_array();
	for (int i = 0; i < s->nzones; i++)
		json_array_append_new(a, json_zone(s, &s->zones[i]));
	json_object_set_new(o, "zones", a);
	json_object_set_new(o, "trend", json_trend(s));
	a = json_array();
	for (int i = 0; i < s->ntypes && i < ZT_MAX_ZONE_TYPES; i++)
		json_array_append_new(a, json_string(zone_type_name(s->type_of_slot[i])));
	json_object_set_new(o, "zone_types", a);
	json_object_set_new(o, "pageblock_order", s->pageblock_order >= 0 ?
	    json_integer(s->pageblock_order) : json_null());

	json_object_set_new(o, "meminfo", s->status[ZT_SRC_MEMINFO].ok ?
	    json_kvs(&s->meminfo, NULL) : json_null());
	json_object_set_new(o, "vmstat", s->status[ZT_SRC_VMSTAT].ok ?
	    json_kvs(&s->vmstat, vmstat_keys) : json_null());
	json_object_set_new(o, "unaccounted_kb", jint(s->unaccounted_kb));
	json_object_set_new(o, "unaccounted_pct", jreal(s->unaccounted_pct));

	json_object_set_new(o, "swap", json_swap(s));

	c = json_object();
	json_object_set_new(c, "limit_kb", jint(s->commit_limit_kb));
	json_object_set_new(c, "committed_kb", jint(s->committed_kb));
	json_object_set_new(c, "overcommit_memory", jint(s->sysctl.overcommit_memory));
	json_object_set_new(c, "overcommit_ratio", jint(s->sysctl.overcommit_ratio));
	json_object_set_new(o, "commit", c);

	if (s->psi.have) {
		json_t *p = json_object();
		json_object_set_new(p, "some", json_psi_line(&s->psi.some));
		json_object_set_new(p, "full", json_psi_line(&s->psi.full));
		json_object_set_new(p, "some_delta_us", jreal(s->psi_some_delta_us));
		json_object_set_new(p, "full_delta_us", jreal(s->psi_full_delta_us));
		json_object_set_new(o, "psi", p);
	} else
		json_object_set_new(o, "psi", json_null());

	json_object_set_new(o, "oom_kills", jint(s->oom_kills));
	json_object_set_new(o, "oom_kills_delta", jint(s->oom_kills_delta));
	json_object_set_new(o, "alloc", json_alloc(s));

	json_object_set_new(o, "sysctl", json_sysctl(s));

	json_object_set_new(o, "verdict", json_verdict(s));
	json_object_set_new(o, "events", json_events(s));
	c = json_object();
	json_object_set_new(c, "read", json_boolean(s->kmsg.ok));
	json_object_set_new(c, "why", s->kmsg.why[0] ? jstr(s->kmsg.why) : json_null());
	json_object_set_new(o, "kernel_log", c);
	json_object_set_new(o, "self_protection", json_self(&s->self));
	json_object_set_new(o, "vm", vm_json(&s->vm));

	json_procs(o, s, opt);
	if (s->cgroup.path[0])
		json_object_set_new(o, "cgroup", json_cgroup(&s->cgroup));
	/* how the candidates were read, and why not through BPF */
	json_object_set_new(o, "source", json_string(
	    s->procs_source == ZT_PROCS_BPF ? "bpf" : "procfs"));

	u = json_object();
	for (int i = 0; i < ZT_SRC_COUNT; i++)
		if (!s->status[i].ok)
			json_object_set_new(u, source_names[i], jstr(s->status[i].why));
	if (s->bpf_why[0] != '\0')
		json_object_set_new(u, "bpf", jstr(s->bpf_why));
	if (s->cpusets_why[0] != '\0')
		json_object_set_new(u, "cpusets", jstr(s->cpusets_why));
	json_object_set_new(o, "unavailable", u);
	return o;
}

static int
json_to_buf(const char *p, size_t n, void *data)
{
	buf_add(data, p, n);
	return 0;
}

/* Dumped into one buffer and written at once: jansson's json_dumpf
 * calls fwrite for every token, a third of the cost at 5,000 rows. */
int
json_print(FILE *fp, const struct zt_snapshot *s, const struct out_opts *o)
{
	static struct zt_buf b;
	json_t *j = json_snapshot(s, o);
	int rc;

	buf_clear(&b);
	rc = json_dump_callback(j, json_to_buf, &b, JSON_COMPACT |
	    JSON_REAL_PRECISION(10));
	json_decref(j);
	buf_addc(&b, '\n');
	if (rc < 0 || fwrite(b.p, 1, b.len, fp) != b.len)
		return -1;
	return 0;
}
