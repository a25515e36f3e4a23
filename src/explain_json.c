/*
 * explain_json.c: an analysis (explain.c) as one JSON object, the keys
 * documented in README.md ("zonetop explain").  Keys are only ever added:
 * scripts and the corpus checker read them.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "gfp.h"
#include "zonemath.h"

/* ------------------------------------------------------------------ */
/* JSON */

static json_t *
ex_jnum(int64_t v)
{
	return zt_have(v) ? json_integer((json_int_t)v) : json_null();
}

static json_t *
ex_jstr(const char *s)
{
	char buf[600];

	escape_text(buf, sizeof buf, s, strlen(s));
	return json_string(buf);
}

static json_t *
ex_jbool(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

/* Kind, kernel, trigger, the request and its zones, the scope. */
static void
ex_json_request(json_t *o, const struct oom_report *r, const struct explain *e)
{
	char hex[24];

	json_object_set_new(o, "kind", json_string(r->kind == OOM_KIND_OOM ? "oom" :
	    "allocation_failure"));
	json_object_set_new(o, "line", json_integer(r->line));
	json_object_set_new(o, "time", r->stamp[0] ? ex_jstr(r->stamp) : json_null());
	json_object_set_new(o, "kernel", r->release[0] ? ex_jstr(r->release) : json_null());
	json_object_set_new(o, "kernel_from_earlier_report", json_boolean(r->release_borrowed));
	json_object_set_new(o, "kernel_inferred", e->kv_inferred ? ex_jstr(e->kernel) :
	    json_null());
	json_object_set_new(o, "gfp_layout", e->layout >= 0 ?
	    json_string(gfp_layout_name(e->layout)) : json_null());
	json_object_set_new(o, "cause", json_string(explain_cause_name(e->cause)));

	json_t *trig = json_object();
	json_object_set_new(trig, "comm", r->comm[0] ? ex_jstr(r->comm) : json_null());
	json_object_set_new(trig, "pid", r->pid >= 0 ? json_integer(r->pid) : json_null());
	json_object_set_new(o, "trigger", trig);

	snprintf(hex, sizeof hex, "%#llx", (unsigned long long)r->gfp_mask);
	json_object_set_new(o, "gfp_mask", r->have_gfp ? json_string(hex) : json_null());
	json_t *flags = json_array();
	const char *p = e->gfp_flags;
	while (*p) {
		size_t n = strcspn(p, "|");
		char name[64];
		if (n > 0 && n < sizeof name) {
			memcpy(name, p, n);
			name[n] = '\0';
			json_array_append_new(flags, ex_jstr(name));
		}
		p += n;
		if (*p == '|')
			p++;
	}
	json_object_set_new(o, "gfp_flags", flags);
	json_object_set_new(o, "gfp_flags_printed", r->have_gfp_names ?
	    ex_jstr(r->gfp_names) : json_null());
	json_object_set_new(o, "gfp_flags_disagree", json_boolean(e->flags_disagree));
	json_object_set_new(o, "order", ex_jnum(r->order));
	json_object_set_new(o, "vmalloc_bytes", ex_jnum(r->vmalloc_bytes));
	json_object_set_new(o, "highest_zone", e->highest_type >= 0 ?
	    json_string(zone_type_name(e->highest_type)) : json_null());
	json_t *fb = json_array();
	for (int s = e->ntypes - 1; s >= 0; s--) {
		int t = e->type_of_slot[s];
		if (t >= 0 && e->highest_type >= 0 && t <= e->highest_type)
			json_array_append_new(fb, json_string(zone_type_name(t)));
	}
	json_object_set_new(o, "fallback_zones", fb);
	json_object_set_new(o, "purpose", e->purpose[0] ? json_string(e->purpose) :
	    json_null());
	json_object_set_new(o, "call_chain", e->chain[0] ? json_string(e->chain) :
	    json_null());
	json_object_set_new(o, "call_chain_unproven", json_boolean(e->chain_unproven));
	/* a name mainline kernels lack stays as printed; "scope" says which
	 * tasks were ranked (a memcg named beside it scopes the kill) */
	static const int printed[] = {
		[OOM_CON_NONE] = ZT_CON_GLOBAL, [OOM_CON_CPUSET] = ZT_CON_CPUSET,
		[OOM_CON_MEMORY_POLICY] = ZT_CON_MEMPOLICY,
		[OOM_CON_MEMCG] = ZT_CON_MEMCG,
	};
	json_object_set_new(o, "constraint", json_string(r->con == OOM_CON_OTHER &&
	    e->constraint_printed[0] ? e->constraint_printed :
	    r->con > OOM_CON_UNPRINTED && r->con < OOM_CON_OTHER ?
	    zt_constraint_name(printed[r->con]) : zt_constraint_name(e->constraint)));
	json_object_set_new(o, "scope", json_string(zt_constraint_name(e->constraint)));
	json_object_set_new(o, "constraint_printed", e->constraint_printed[0] ?
	    json_string(e->constraint_printed) : json_null());
	json_object_set_new(o, "constraint_inferred", json_boolean(e->constraint_inferred));

}

static void
ex_json_memcg(json_t *o, const struct oom_report *r, const struct explain *e)
{
	if (e->constraint == ZT_CON_MEMCG) {
		json_t *m = json_object();
		json_object_set_new(m, "path", e->memcg[0] ? json_string(e->memcg) :
		    json_null());
		json_object_set_new(m, "usage_kb", ex_jnum(e->memcg_usage_kb));
		json_object_set_new(m, "limit_kb", ex_jnum(e->memcg_limit_kb));
		json_object_set_new(m, "failcnt", ex_jnum(e->memcg_failcnt));
		json_object_set_new(m, "memsw_usage_kb", ex_jnum(r->memsw_usage_kb));
		json_object_set_new(m, "memsw_limit_kb", ex_jnum(r->memsw_limit_kb));
		json_object_set_new(o, "memcg", m);
	} else
		json_object_set_new(o, "memcg", json_null());

}

static void
ex_json_zones(json_t *o, const struct explain *e)
{
	json_object_set_new(o, "page_kb", json_integer(e->page_kb));
	json_t *zs = json_array();
	for (int i = 0; i < e->nzones; i++) {
		const struct ex_zone *z = &e->zones[i];
		json_t *zj = json_object();
		json_object_set_new(zj, "node", z->node >= 0 ? json_integer(z->node) :
		    json_null());
		json_object_set_new(zj, "zone", json_string(z->name));
		json_object_set_new(zj, "free_kb", ex_jnum(z->free_kb));
		json_object_set_new(zj, "min_kb", ex_jnum(z->min_kb));
		json_object_set_new(zj, "low_kb", ex_jnum(z->low_kb));
		json_object_set_new(zj, "high_kb", ex_jnum(z->high_kb));
		json_object_set_new(zj, "managed_kb", ex_jnum(z->managed_kb));
		json_object_set_new(zj, "lowmem_reserve_kb", ex_jnum(z->reserve_kb));
		json_object_set_new(zj, "applies", json_boolean(z->applies));
		json_object_set_new(zj, "watermark_ok", ex_jbool(z->wm[ZT_MARK_MIN]));
		json_t *wm = json_object();
		json_object_set_new(wm, "min", ex_jbool(z->wm[ZT_MARK_MIN]));
		json_object_set_new(wm, "low", ex_jbool(z->wm[ZT_MARK_LOW]));
		json_object_set_new(wm, "high", ex_jbool(z->wm[ZT_MARK_HIGH]));
		json_object_set_new(zj, "watermark", wm);
		json_object_set_new(zj, "all_unreclaimable", ex_jbool(z->unreclaimable));
		json_t *bd = json_array();
		for (int k = 0; k < z->norders; k++)
			json_array_append_new(bd, ex_jnum(z->buddy[k]));
		json_object_set_new(zj, "buddy", bd);
		json_array_append_new(zs, zj);
	}
	json_object_set_new(o, "zones", zs);
	static const char *const shapes[] = {
		[WM_SHAPE_44] = "4.4-6.2", [WM_SHAPE_43] = "2.6.32-4.3", [WM_SHAPE_63] = "6.3+",
	};
	json_object_set_new(o, "watermark_check", json_string(shapes[e->wm_shape]));
	json_t *af = json_array();
	for (const char *p = e->alloc_flags; *p;) {
		size_t n = strcspn(p, "|");
		json_array_append_new(af, json_stringn(p, n));
		p += n + (p[n] == '|');
	}
	json_object_set_new(o, "alloc_flags", af);

}

/* Swap, LRU, reclaim, RAM and what no counter explains. */
static void
ex_json_memory(json_t *o, const struct explain *e)
{
	json_t *sw = json_object();
	json_object_set_new(sw, "total_kb", ex_jnum(e->swap_total_kb));
	json_object_set_new(sw, "free_kb", ex_jnum(e->swap_free_kb));
	json_object_set_new(o, "swap", sw);
	json_t *lru = json_object();
	json_object_set_new(lru, "anon_kb", ex_jnum(e->anon_kb));
	json_object_set_new(lru, "file_kb", ex_jnum(e->file_kb));
	json_object_set_new(o, "lru", lru);
	json_object_set_new(o, "all_unreclaimable", e->unreclaimable == 2 ?
	    json_string("some") : ex_jbool(e->unreclaimable));
	json_object_set_new(o, "ram_kb", ex_jnum(e->ram_kb));
	json_object_set_new(o, "unaccounted_kb", ex_jnum(e->unaccounted_kb));
	json_object_set_new(o, "unaccounted_pct", isnan(e->unaccounted_pct) ?
	    json_null() : json_real((double)(long long)(e->unaccounted_pct * 10 + 0.5) / 10));
	json_object_set_new(o, "totalpages", ex_jnum(e->totalpages));
	json_object_set_new(o, "totalpages_basis", json_string(e->totalpages_basis));

}

static void
ex_json_victim(json_t *o, const struct oom_report *r, const struct explain *e)
{
	if (e->have_victim || e->chosen_only) {
		json_t *v = json_object();
		json_object_set_new(v, "pid", json_integer(e->victim_pid));
		json_object_set_new(v, "comm", ex_jstr(e->victim_comm));
		json_object_set_new(v, "score", ex_jnum(e->victim_score));
		json_object_set_new(v, "rss_kb", ex_jnum(e->victim_rss_kb));
		/* as the kill line printed them (null: it did not) */
		bool kl = r->have_killed && r->killed_pid == e->victim_pid;
		json_object_set_new(v, "anon_rss_kb", ex_jnum(kl ? r->anon_rss_kb : ZT_NA));
		json_object_set_new(v, "file_rss_kb", ex_jnum(kl ? r->file_rss_kb : ZT_NA));
		json_object_set_new(v, "shmem_rss_kb", ex_jnum(kl ? r->shmem_rss_kb : ZT_NA));
		json_object_set_new(v, "rank", e->victim_rank ? json_integer(e->victim_rank) :
		    json_null());
		json_object_set_new(v, "note", ex_jstr(e->victim_note));
		/* chosen, the kill line missing: "chosen", and no victim */
		json_object_set_new(o, e->chosen_only ? "chosen" : "victim", v);
		if (e->chosen_only)
			json_object_set_new(o, "victim", json_null());
	} else
		json_object_set_new(o, "victim", json_null());

}

static void
ex_json_tasks(json_t *o, const struct explain *e)
{
	static const char *const models[] = {
		[EX_BADNESS_PAGES] = "3.10", [EX_BADNESS_2636] = "2.6.36",
		[EX_BADNESS_2632] = "2.6.32",
	};
	json_object_set_new(o, "badness_model", json_string(models[e->badness_model]));
	json_object_set_new(o, "ties", json_string(e->ties_last ? "last" : "first"));
	json_t *tt = json_array();
	for (int i = 0; i < e->ntasks && i < EX_TOP_TASKS; i++) {
		const struct ex_task *t = &e->tasks[i];
		json_t *tj = json_object();
		json_object_set_new(tj, "rank", t->rank ? json_integer(t->rank) : json_null());
		json_object_set_new(tj, "pid", json_integer(t->pid));
		json_object_set_new(tj, "comm", ex_jstr(t->comm));
		json_object_set_new(tj, "uid", ex_jnum(t->uid));
		json_object_set_new(tj, "rss_kb", ex_jnum(t->rss_kb));
		json_object_set_new(tj, "swap_kb", ex_jnum(t->swap_kb));
		json_object_set_new(tj, "pgtables_kb", ex_jnum(t->pgtables_kb));
		json_object_set_new(tj, "oom_score_adj", ex_jnum(t->adj));
		json_object_set_new(tj, "points", json_integer((json_int_t)t->points));
		json_object_set_new(tj, "score", ex_jnum(t->score));
		json_array_append_new(tt, tj);
	}
	json_object_set_new(o, "top_tasks", tt);

}

/* The verdict and what the report lacks. */
static void
ex_json_verdict(json_t *o, const struct explain *e)
{
	json_t *vd = json_array();
	for (int i = 0; i < e->nverdict; i++)
		json_array_append_new(vd, ex_jstr(e->verdict[i]));
	json_object_set_new(o, "verdict", vd);
	json_t *ms = json_array();
	for (int i = 0; i < e->nmissing; i++)
		json_array_append_new(ms, json_string(e->missing[i]));
	json_object_set_new(o, "missing", ms);
}

json_t *
explain_json(const struct oom_report *r, const struct explain *e)
{
	json_t *o = json_object();

	ex_json_request(o, r, e);
	ex_json_memcg(o, r, e);
	ex_json_zones(o, e);
	ex_json_memory(o, e);
	ex_json_victim(o, r, e);
	ex_json_tasks(o, e);
	ex_json_verdict(o, e);
	return o;
}
