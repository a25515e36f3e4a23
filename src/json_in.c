/*
 * json_in.c: the JSON object of a sample (json_out.c, vm_json.c) back
 * into a struct zt_snapshot.  Every reader here mirrors a writer there,
 * key for key and in the same order, so the two can be read side by
 * side; null reads as ZT_NA or NAN, a missing or mistyped value the
 * same, and text is cut on a UTF-8 boundary to fit its field.
 */
#include "json_in.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "derive.h"
#include "kmsg.h"
#include "output.h"
#include "util.h"
#include "vm.h"

/* json_out.c's tables; the round-trip test notices if they drift */
static const char *const jin_sources[ZT_SRC_COUNT] = {
	"zoneinfo", "buddyinfo", "pagetypeinfo", "meminfo", "vmstat",
	"swaps", "psi", "sysctl", "processes",
};

static const char *const jin_events[ZT_EV_NKINDS] = {
	"oom_kill", "zone_appeared", "zone_vanished", "zone_resized",
	"source_lost",
};

static const char *const jin_vm_verdicts[] = {
	"no_counter", "empty", "explains", "partly", "outside",
};

/* Bounds on what one object may make us allocate. */
#define JIN_MAX_PROCS	(1 << 22)
#define JIN_MAX_CGROUPS	4096	/* cgroup.c walks no more */
#define JIN_MAX_ZONES	4096
#define JIN_MAX_SWAPS	4096

/* ---- scalars ---- */

static int64_t
jin_int(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : ZT_NA;
}

static int64_t
jin_int_v(const json_t *v)
{
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : ZT_NA;
}

/* An int field that is never null in the JSON; def when absent. */
static int
jin_small(const json_t *o, const char *key, int def)
{
	int64_t v = jin_int(o, key);

	return zt_have(v) && v >= -(1 << 30) && v <= (1 << 30) ? (int)v : def;
}

static double
jin_real_v(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static double
jin_real(const json_t *o, const char *key)
{
	return jin_real_v(json_object_get(o, key));
}

static bool
jin_bool(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

/* true 1, false 0, anything else -1 */
static int
jin_tri(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_boolean(v) ? json_is_true(v) : -1;
}

/* Copy a string value into dst, cut on a character boundary; "" when
 * absent.  Returns false when there was no string. */
static bool
jin_str_v(const json_t *v, char *dst, size_t len)
{
	size_t n;

	dst[0] = '\0';
	if (!json_is_string(v) || len == 0)
		return false;
	n = json_string_length(v);
	if (n >= len) {
		const unsigned char *p = (const unsigned char *)json_string_value(v);
		n = len - 1;
		while (n > 0 && (p[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, json_string_value(v), n);
	dst[n] = '\0';
	return true;
}

static bool
jin_str(const json_t *o, const char *key, char *dst, size_t len)
{
	return jin_str_v(json_object_get(o, key), dst, len);
}

static char *
jin_strdup(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		return NULL;
	return xstrndup(json_string_value(v), json_string_length(v));
}

/* ---- time ---- */

static bool
jin_digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

int
json_in_time(const char *text, struct timespec *ts)
{
	const char *p = text;
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	long nsec = 0;

	if (!jin_digits(&p, 4, &y) || *p++ != '-' || !jin_digits(&p, 2, &mo) ||
	    *p++ != '-' || !jin_digits(&p, 2, &d) || (*p != 'T' && *p != ' '))
		return -1;
	p++;
	if (!jin_digits(&p, 2, &h) || *p++ != ':' || !jin_digits(&p, 2, &mi) ||
	    *p++ != ':' || !jin_digits(&p, 2, &sec))
		return -1;
	if (*p == '.') {
		long scale = 100000000;
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++, scale /= 10)
			nsec += (*p - '0') * scale;
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (!jin_digits(&p, 2, &oh) || *p++ != ':' || !jin_digits(&p, 2, &om))
			return -1;
	} else
		return -1;
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60 || oh > 23 || om > 59)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	ts->tv_sec = timegm(&tm) - (time_t)sign * (oh * 3600 + om * 60);
	ts->tv_nsec = nsec;
	return 0;
}

static void
jin_when(const json_t *o, const char *key, struct timespec *ts)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v) || json_in_time(json_string_value(v), ts) < 0)
		ts->tv_sec = ts->tv_nsec = 0;
}

/* ---- zones ---- */

/* up to max values of an array of ints or nulls; returns the count */
static int
jin_ints(const json_t *a, int64_t *out, int max)
{
	int n = 0;

	if (!json_is_array(a))
		return 0;
	for (size_t i = 0; i < json_array_size(a) && n < max; i++)
		out[n++] = jin_int_v(json_array_get(a, i));
	return n;
}

static struct zt_pagetype *
jin_pagetype(const json_t *a)
{
	struct zt_pagetype *pt;

	if (!json_is_array(a))
		return NULL;
	pt = xcalloc(1, sizeof *pt);
	for (size_t t = 0; t < json_array_size(a) && t < ZT_MAX_MIGRATE; t++) {
		const json_t *o = json_array_get(a, t), *c, *v;
		size_t i;
		int n;

		jin_str(o, "type", pt->names[t], sizeof pt->names[t]);
		n = jin_ints(json_object_get(o, "free"), pt->free[t], ZT_MAX_ORDER);
		if (t == 0 || n > pt->norders)
			pt->norders = n;
		c = json_object_get(o, "capped_orders");
		json_array_foreach(c, i, v) {
			int64_t k = jin_int_v(v);
			if (k >= 0 && k < ZT_MAX_ORDER)
				pt->capped[t][k] = true;
		}
		pt->blocks[t] = jin_int(o, "blocks");
		pt->ntypes = (int)t + 1;
	}
	return pt;
}

static void
jin_doubles(const json_t *a, double *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = jin_real_v(json_array_get(a, (size_t)i));
}

static int
jin_class(const char *name)
{
	for (int c = 0; c < ZT_NCLASSES; c++)
		if (strcmp(class_name(c), name) == 0)
			return c;
	return -1;
}

static void
jin_wmark(const json_t *wm, struct zt_zone *z)
{
	const char *cname;
	const json_t *a;

	json_object_foreach((json_t *)wm, cname, a) {
		int c = jin_class(cname);
		const json_t *e;
		size_t i;

		if (c < 0 || !json_is_array(a))
			continue;
		z->wm_applies[c] = true;
		json_array_foreach(a, i, e) {
			int64_t k = jin_int(e, "order");
			uint8_t bits = 0;
			if (k < 0 || k >= ZT_ALLOC_ORDERS)
				continue;
			if (jin_bool(e, "min"))
				bits |= 1u << ZT_MARK_MIN;
			if (jin_bool(e, "low"))
				bits |= 1u << ZT_MARK_LOW;
			if (jin_bool(e, "high"))
				bits |= 1u << ZT_MARK_HIGH;
			z->wm_ok[c][k] = bits;
		}
	}
}

static void
jin_zone(const json_t *o, struct zt_zone *z)
{
	const json_t *v;
	char state[16];
	int64_t h;

	z->node = jin_small(o, "node", 0);
	jin_str(o, "zone", z->name, sizeof z->name);
	z->type = zone_type_from_name(z->name);
	z->free = jin_int(o, "free");
	z->boost = jin_int(o, "boost");
	z->min = jin_int(o, "min");
	z->low = jin_int(o, "low");
	z->high = jin_int(o, "high");
	z->promo = jin_int(o, "promo");
	z->spanned = jin_int(o, "spanned");
	z->present = jin_int(o, "present");
	z->managed = jin_int(o, "managed");
	z->cma = jin_int(o, "cma");
	z->start_pfn = jin_int(o, "start_pfn");
	z->nprot = jin_ints(json_object_get(o, "protection"), z->protection,
	    ZT_MAX_ZONE_TYPES);
	z->norders = jin_ints(json_object_get(o, "buddy"), z->buddy, ZT_MAX_ORDER);
	z->state = ZT_WS_UNKNOWN;
	if (jin_str(o, "state", state, sizeof state))
		for (int w = ZT_WS_OK; w <= ZT_WS_BELOW_MIN; w++)
			if (strcmp(wstate_name(w), state) == 0)
				z->state = (enum zt_wstate)w;
	z->empty = jin_bool(o, "empty");
	z->unmanaged = jin_bool(o, "unmanaged");
	z->tiny = jin_bool(o, "tiny");
	z->reserved = jin_int(o, "reserved");
	z->unreclaimable = jin_tri(o, "unreclaimable");
	h = jin_int(o, "highest_free_order");
	z->highest_free_order = zt_have(h) && h >= -1 && h < ZT_MAX_ORDER ? (int)h : -2;
	z->lru_anon = jin_int(o, "lru_anon");
	z->lru_file = jin_int(o, "lru_file");
	z->nr_free_cma = jin_int(o, "nr_free_cma");
	jin_doubles(json_object_get(o, "unusable_index"), z->unusable, ZT_MAX_ORDER);
	jin_doubles(json_object_get(o, "fragmentation_index"), z->fragidx, ZT_MAX_ORDER);
	v = json_object_get(o, "watermark_ok");
	if (json_is_object(v))
		jin_wmark(v, z);
	z->pt = jin_pagetype(json_object_get(o, "pagetypeinfo"));
	z->trend_pps = jin_real(o, "trend_pages_per_s");
	z->eta_min_s = jin_real(o, "eta_min_s");
	z->eta_low_s = jin_real(o, "eta_low_s");
}

/* The machine's trend as recorded (json_out.c's json_trend). */
static void
jin_trend(const json_t *o, struct zt_trend *t)
{
	int64_t n = jin_int(o, "samples");

	if (!json_is_object(o) || !zt_have(n) || n <= 0 || n > 1000000)
		return;
	t->n = (int)n;
	t->window_s = jin_real(o, "window_s");
	t->free_pps = jin_real(o, "free_pages_per_s");
	t->avail_kbps = jin_real(o, "mem_available_kb_per_s");
	t->avail_eta_s = jin_real(o, "mem_available_eta_s");
	t->swapfree_kbps = jin_real(o, "swap_free_kb_per_s");
	t->swap_eta_s = jin_real(o, "swap_eta_s");
}

static void
jin_zones(const json_t *j, struct zt_snapshot *s)
{
	const json_t *a = json_object_get(j, "zones"), *v;
	size_t n = json_array_size(a), i;

	if (n > JIN_MAX_ZONES)
		n = JIN_MAX_ZONES;
	if (n > 0)
		s->zones = xcalloc(n, sizeof *s->zones);
	for (i = 0; i < n; i++)
		jin_zone(json_array_get(a, i), &s->zones[i]);
	s->nzones = (int)n;
	/* nodes as zoneinfo counts them: distinct node numbers */
	for (int k = 0; k < s->nzones; k++) {
		int m;
		for (m = 0; m < k; m++)
			if (s->zones[m].node == s->zones[k].node)
				break;
		if (m == k)
			s->nnodes++;
	}
	a = json_object_get(j, "zone_types");
	json_array_foreach(a, i, v) {
		if (i >= ZT_MAX_ZONE_TYPES)
			break;
		s->type_of_slot[i] = zone_type_from_name(json_is_string(v) ?
		    json_string_value(v) : "?");
		s->ntypes = (int)i + 1;
	}
	s->pageblock_order = jin_small(j, "pageblock_order", -1);
}

static int
jin_zone_index(const struct zt_snapshot *s, const json_t *o)
{
	char name[12];
	int64_t node = jin_int(o, "node");

	if (!jin_str(o, "zone", name, sizeof name) || !zt_have(node))
		return -1;
	for (int i = 0; i < s->nzones; i++)
		if (s->zones[i].node == node && strcmp(s->zones[i].name, name) == 0)
			return i;
	return -1;
}

/* ---- the rest of a sample ---- */

static void
jin_kvs(const json_t *o, struct zt_kvs *kv)
{
	const char *key;
	const json_t *v;

	json_object_foreach((json_t *)o, key, v)
		kvs_set(kv, key, jin_int_v(v));
}

static void
jin_swap(const json_t *j, struct zt_snapshot *s)
{
	const json_t *sw = json_object_get(j, "swap"), *a, *d;
	size_t i;

	s->swap_total_kb = jin_int(sw, "total_kb");
	s->swap_free_kb = jin_int(sw, "free_kb");
	s->swap_used_kb = jin_int(sw, "used_kb");
	a = json_object_get(sw, "devices");
	if (json_array_size(a) > 0 && json_array_size(a) <= JIN_MAX_SWAPS) {
		s->swaps = xcalloc(json_array_size(a), sizeof *s->swaps);
		json_array_foreach(a, i, d) {
			struct zt_swapdev *sd = &s->swaps[i];
			jin_str(d, "path", sd->path, sizeof sd->path);
			jin_str(d, "type", sd->type, sizeof sd->type);
			sd->size_kb = jin_int(d, "size_kb");
			sd->used_kb = jin_int(d, "used_kb");
			sd->priority = jin_int(d, "priority");
		}
		s->nswaps = (int)json_array_size(a);
	}
	s->pswpin_per_s = jin_real(sw, "pswpin_per_s");
	s->pswpout_per_s = jin_real(sw, "pswpout_per_s");
}

static void
jin_psi_line(const json_t *o, struct zt_psi_line *l)
{
	if (!json_is_object(o))
		return;
	l->have = true;
	l->avg10 = jin_real(o, "avg10");
	l->avg60 = jin_real(o, "avg60");
	l->avg300 = jin_real(o, "avg300");
	l->total_us = jin_int(o, "total_us");
}

static void
jin_psi(const json_t *j, struct zt_snapshot *s)
{
	const json_t *p = json_object_get(j, "psi");

	if (!json_is_object(p))
		return;
	s->psi.have = true;
	jin_psi_line(json_object_get(p, "some"), &s->psi.some);
	jin_psi_line(json_object_get(p, "full"), &s->psi.full);
	s->psi_some_delta_us = jin_real(p, "some_delta_us");
	s->psi_full_delta_us = jin_real(p, "full_delta_us");
}

static void
jin_alloc(const json_t *j, struct zt_snapshot *s)
{
	const json_t *a = json_object_get(j, "alloc"), *e;
	size_t i;

	for (int k = 0; k < ZT_NCLASSES * ZT_ALLOC_ORDERS; k++) {
		s->alloc[k].cls = k / ZT_ALLOC_ORDERS;
		s->alloc[k].order = k % ZT_ALLOC_ORDERS;
		for (int m = 0; m < ZT_NMARKS; m++)
			s->alloc[k].zone[m] = -1;
	}
	json_array_foreach(a, i, e) {
		struct zt_alloc *al;
		char cname[32];
		int zi;

		if (i >= ZT_ARRAY_LEN(s->alloc))
			break;
		al = &s->alloc[i];
		if (jin_str(e, "class", cname, sizeof cname))
			al->cls = jin_class(cname);
		al->order = jin_small(e, "order", al->order);
		al->ok[ZT_MARK_MIN] = jin_bool(e, "ok");
		al->ok[ZT_MARK_LOW] = jin_bool(e, "ok_low");
		al->ok[ZT_MARK_HIGH] = jin_bool(e, "ok_high");
		zi = jin_zone_index(s, e);
		/* the public JSON names the zone at min only; _raw has all */
		for (int m = 0; m < ZT_NMARKS; m++)
			al->zone[m] = al->ok[m] ? zi : -1;
	}
}

static void
jin_sysctl(const json_t *j, struct zt_snapshot *s)
{
	const json_t *c = json_object_get(j, "sysctl");
	struct zt_sysctl *sc = &s->sysctl;

	sc->overcommit_memory = jin_int(c, "overcommit_memory");
	sc->overcommit_ratio = jin_int(c, "overcommit_ratio");
	sc->overcommit_kbytes = jin_int(c, "overcommit_kbytes");
	sc->min_free_kbytes = jin_int(c, "min_free_kbytes");
	sc->watermark_scale_factor = jin_int(c, "watermark_scale_factor");
	sc->watermark_boost_factor = jin_int(c, "watermark_boost_factor");
	sc->swappiness = jin_int(c, "swappiness");
	sc->nlowmem_ratio = jin_ints(json_object_get(c, "lowmem_reserve_ratio"),
	    sc->lowmem_reserve_ratio, ZT_MAX_ZONE_TYPES);
}

static void
jin_verdict(const json_t *j, struct zt_snapshot *s)
{
	const json_t *a = json_object_get(j, "verdict"), *v;
	size_t i;

	json_array_foreach(a, i, v) {
		char sev[8];
		if (i >= ZT_VERDICT_MAX)
			break;
		jin_str(v, "severity", sev, sizeof sev);
		s->verdict.severity[i] = strcmp(sev, "crit") == 0 ? 2 :
		    strcmp(sev, "warn") == 0 ? 1 : 0;
		jin_str(v, "text", s->verdict.line[i], sizeof s->verdict.line[i]);
		s->verdict.n = (int)i + 1;
	}
}

static void
jin_event(const json_t *o, struct zt_event *e)
{
	char kind[32];
	int64_t v;

	jin_when(o, "time", &e->when);
	e->kind = -1;
	if (jin_str(o, "kind", kind, sizeof kind))
		for (int k = 0; k < ZT_EV_NKINDS; k++)
			if (strcmp(jin_events[k], kind) == 0)
				e->kind = k;
	e->count = jin_int(o, "count");
	v = jin_int(o, "victim_pid");
	e->victim_pid = zt_have(v) && v > 0 && v <= INT32_MAX ? (int)v : 0;
	v = jin_int(o, "victim_rank");
	e->victim_rank = zt_have(v) && v > 0 && v <= INT32_MAX ? (int)v : 0;
	e->victim_predicted = jin_bool(o, "victim_predicted");
	jin_str(o, "scope", e->scope, sizeof e->scope);
	jin_str(o, "text", e->text, sizeof e->text);
	/* an OOM kill's own keys (kmsg.c) */
	e->victim_guessed = jin_bool(o, "victim_guessed");
	jin_str(o, "victim_comm", e->victim_comm, sizeof e->victim_comm);
	e->victim_score = jin_int(o, "victim_score");
	e->victim_rss_kb = jin_int(o, "victim_rss_kb");
	{
		char con[16];
		jin_str(o, "constraint", con, sizeof con);
		e->constraint = zt_constraint_of(con);
	}
	jin_str(o, "memcg", e->memcg, sizeof e->memcg);
	v = jin_int(o, "memcg_limit_kb");
	e->memcg_limit_kb = json_is_string(json_object_get(o, "memcg_limit_kb")) ?
	    ZT_NO_LIMIT : v;
	jin_str(o, "gfp", e->gfp, sizeof e->gfp);
	e->order = jin_int(o, "order");
	jin_str(o, "detail", e->detail, sizeof e->detail);
	v = jin_int(o, "report_id");
	e->report_id = zt_have(v) && v > 0 && v <= INT32_MAX ? (int)v : 0;
}

/* The report texts the events carry, once per id, the newest kept. */
static void
jin_reports(const json_t *a, size_t first, struct zt_snapshot *s)
{
	for (int i = 0; i < s->nevents; i++) {
		const json_t *t = json_object_get(json_array_get(a, first + (size_t)i),
		    "report");
		int id = s->events[i].report_id, k;

		if (id <= 0 || !json_is_string(t) || kmsg_report(s, id) != NULL)
			continue;
		if (s->nreports == ZT_REPORTS_MAX) {
			snapshot_report_drop(&s->reports[0]);
			memmove(s->reports, s->reports + 1,
			    (ZT_REPORTS_MAX - 1) * sizeof *s->reports);
			s->nreports--;
		}
		s->reports = xreallocarray(s->reports, (size_t)s->nreports + 1,
		    sizeof *s->reports);
		k = s->nreports++;
		s->reports[k].id = id;
		s->reports[k].len = json_string_length(t);
		s->reports[k].text = xstrndup(json_string_value(t), s->reports[k].len);
		s->reports[k].explained = NULL;	/* read by this version */
		s->reports[k].refs = NULL;
	}
}

static void
jin_kernel_log(const json_t *j, struct zt_snapshot *s)
{
	const json_t *k = json_object_get(j, "kernel_log");

	s->kmsg.ok = jin_bool(k, "read");
	jin_str(k, "why", s->kmsg.why, sizeof s->kmsg.why);
}

/* self_protection (json_out.c): the recorder's own mlock and
 * oom_score_adj, so a replay prints what batch mode printed live */
static void
jin_self(const json_t *j, struct zt_snapshot *s)
{
	static const char *const mode[] = { "off", "all", "partial", "none" };
	const json_t *g = json_object_get(j, "self_protection");
	struct zt_selfprot *p = &s->self;
	char m[16];

	if (!json_is_object(g))
		return;
	p->tried = true;
	jin_str(g, "mlock", m, sizeof m);
	for (int i = 0; i < (int)ZT_ARRAY_LEN(mode); i++)
		if (strcmp(m, mode[i]) == 0)
			p->mlock = i;
	p->locked_kb = jin_int(g, "locked_kb");
	p->wanted_kb = jin_int(g, "code_data_kb");
	p->limit_kb = jin_int(g, "memlock_limit_kb");
	jin_str(g, "mlock_why", p->mlock_why, sizeof p->mlock_why);
	p->adj_done = jin_int(g, "oom_score_adj") == -999;
	p->adj_tried = true;
	jin_str(g, "oom_score_adj_why", p->adj_why, sizeof p->adj_why);
	if (strcmp(p->adj_why, "--no-oom-adj") == 0)
		p->adj_tried = false;
}

static void
jin_events_all(const json_t *j, struct zt_snapshot *s)
{
	const json_t *a = json_object_get(j, "events");
	size_t n = json_array_size(a), first = 0;

	/* derive.c keeps the newest ZT_EVENTS_MAX (256); so do we */
	if (n > 256) {
		first = n - 256;
		n = 256;
	}
	if (n == 0)
		return;
	s->events = xcalloc(n, sizeof *s->events);
	for (size_t i = 0; i < n; i++)
		jin_event(json_array_get(a, first + i), &s->events[i]);
	s->nevents = (int)n;
	jin_reports(a, first, s);
}

static void
jin_proc(const json_t *o, struct zt_proc *p)
{
	const json_t *v;
	int64_t x;

	p->rank = jin_small(o, "rank", 0);
	p->pid = jin_small(o, "pid", 0);
	p->uid = jin_int(o, "uid");
	jin_str(o, "user", p->user, sizeof p->user);
	jin_str(o, "comm", p->comm, sizeof p->comm);
	p->cmdline = jin_strdup(o, "cmdline");
	v = json_object_get(o, "state");
	if (json_is_string(v) && json_string_length(v) == 1 &&
	    (unsigned char)json_string_value(v)[0] < 0x80)
		p->state = json_string_value(v)[0];
	p->oom_score = jin_int(o, "oom_score");
	p->oom_score_adj = jin_int(o, "oom_score_adj");
	p->rss_kb = jin_int(o, "rss_kb");
	p->swap_kb = jin_int(o, "swap_kb");
	p->pgtables_kb = jin_int(o, "pgtables_kb");
	p->cgroup = jin_strdup(o, "cgroup");
	p->killable = jin_bool(o, "killable");
	p->badness_pages = jin_int(o, "badness_pages");
	p->badness_share = jin_real(o, "badness_share");
	p->score_adj0 = jin_int(o, "score_adj0");
	x = jin_int(o, "start_time");
	p->start_time = zt_have(x) && x >= 0 ? (uint64_t)x : 0;
	p->points = jin_int(o, "points");
	p->cgroup_rank = jin_small(o, "cgroup_rank", 0);
	p->cgroup_points = jin_int(o, "cgroup_points");
	p->cgroup_scope = -1;
}

static void
jin_procs(const json_t *j, struct zt_snapshot *s, size_t max_procs)
{
	const json_t *a = json_object_get(j, "processes");
	size_t n = json_array_size(a);
	int64_t v;

	if (n > max_procs)
		n = max_procs;
	if (n > 0) {
		s->procs = xcalloc(n, sizeof *s->procs);
		for (size_t i = 0; i < n; i++)
			jin_proc(json_array_get(a, i), &s->procs[i]);
	}
	s->nprocs = (int)n;
	v = jin_int(j, "predicted_victim");
	s->predicted_victim = zt_have(v) && v > 0 && v <= INT32_MAX ? (int)v : 0;
	s->nprocs_total = jin_small(j, "processes_total", 0);
	s->totalpages = jin_int(j, "totalpages");
	v = jin_int(j, "points_margin");
	s->points_margin = zt_have(v) && v >= 0 ? v : 0;
	{
		json_t *c = json_object_get(j, "points_counts");
		json_t *seen = json_object_get(j, "points_counts_seen");
		bool central = json_is_string(c) &&
		    strcmp(json_string_value(c), "central") == 0;
		/* recordings before them: the sums, unseen */
		s->points_counts = !json_is_true(seen) ? ZT_COUNTS_SUM :
		    central ? ZT_COUNTS_CENTRAL_SEEN : ZT_COUNTS_SUM_SEEN;
	}
	s->ncontenders = jin_small(j, "contenders", 0);
	s->victim_gone = jin_small(j, "victim_gone", 0);
	v = json_object_get(j, "source") != NULL &&
	    json_is_string(json_object_get(j, "source")) &&
	    strcmp(json_string_value(json_object_get(j, "source")), "bpf") == 0;
	s->procs_source = v ? ZT_PROCS_BPF : ZT_PROCS_PROCFS;
	/* recordings before the BPF path say neither */
	jin_str(json_object_get(j, "unavailable"), "bpf", s->bpf_why,
	    sizeof s->bpf_why);
}

/* a cgroup limit: "max" is no limit */
static int64_t
jin_limit(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (json_is_string(v) && strcmp(json_string_value(v), "max") == 0)
		return ZT_NO_LIMIT;
	return jin_int_v(v);
}

static void
jin_cgroup_obj(const json_t *c, struct zt_cgroup_info *cg)
{
	cgroup_info_init(cg);
	jin_str(c, "path", cg->path, sizeof cg->path);
	if (jin_str(c, "error", cg->why, sizeof cg->why))
		return;
	cg->have = true;
	cg->version = jin_small(c, "version", 0);
	cg->limit_kb = jin_limit(c, "limit_kb");
	cg->usage_kb = jin_int(c, "usage_kb");
	cg->swap_limit_kb = jin_limit(c, "swap_limit_kb");
	cg->swap_usage_kb = jin_int(c, "swap_usage_kb");
	cg->nmembers = jin_small(c, "members", -1);
	cg->predicted_victim = jin_small(c, "predicted_victim", 0);
	cg->victim_points = jin_int(c, "victim_points");
	cg->victim_gone = jin_small(c, "victim_gone", 0);
	cg->totalpages = jin_int(c, "totalpages");
	cg->depth = jin_small(c, "depth", 0);
	cg->trend_kbps = jin_real(c, "trend_kb_per_s");
	cg->eta_limit_s = jin_real(c, "eta_limit_s");
	jin_kvs(json_object_get(c, "events"), &cg->events);
}

static void
jin_cgroup(const json_t *j, struct zt_snapshot *s)
{
	const json_t *c = json_object_get(j, "cgroup");
	const json_t *a = json_object_get(j, "cgroups");
	size_t n = json_array_size(a);

	if (json_is_object(c))
		jin_cgroup_obj(c, &s->cgroup);
	if (n > JIN_MAX_CGROUPS)
		n = JIN_MAX_CGROUPS;
	if (n == 0)
		return;
	s->cgroups = xcalloc(n, sizeof *s->cgroups);
	for (size_t i = 0; i < n; i++) {
		jin_cgroup_obj(json_array_get(a, i), &s->cgroups[i]);
		/* the parent: the nearest earlier entry one level up */
		for (int k = (int)i - 1; k >= 0; k--)
			if (s->cgroups[k].depth == s->cgroups[i].depth - 1) {
				s->cgroups[i].parent = k;
				break;
			}
	}
	s->ncgroups = (int)n;
}

static void
jin_status(const json_t *j, struct zt_snapshot *s)
{
	const json_t *u = json_object_get(j, "unavailable");

	for (int i = 0; i < ZT_SRC_COUNT; i++) {
		const json_t *why = json_object_get(u, jin_sources[i]);
		s->status[i].ok = why == NULL;
		s->status[i].why[0] = '\0';
		if (why != NULL && !jin_str_v(why, s->status[i].why,
		    sizeof s->status[i].why))
			strlcpy0(s->status[i].why, "not available", sizeof s->status[i].why);
	}
}

/* ---- vm (vm_json.c) ---- */

static void
jin_vm_driver(const json_t *o, struct zt_vm_driver *d)
{
	const json_t *a;

	if (!json_is_object(o))
		return;
	d->present = true;
	d->ndevs = jin_small(o, "bound", 0);
	a = json_object_get(o, "devices");
	for (size_t i = 0; i < json_array_size(a) && i < ZT_VM_DEVS; i++)
		jin_str_v(json_array_get(a, i), d->devs[i], sizeof d->devs[i]);
}

static void
jin_vm_balloon(const json_t *o, struct zt_vm *vm)
{
	const json_t *x, *d;
	char verdict[16];

	jin_str(o, "driver", vm->balloon_driver, sizeof vm->balloon_driver);
	vm->deflate_on_oom = jin_tri(o, "deflate_on_oom");
	vm->meminfo_balloon_kb = jin_int(o, "meminfo_balloon_kb");
	vm->nr_balloon_pages = jin_int(o, "nr_balloon_pages");
	vm->balloon_inflate = jin_int(o, "balloon_inflate");
	vm->balloon_deflate = jin_int(o, "balloon_deflate");
	vm->balloon_migrate = jin_int(o, "balloon_migrate");
	x = json_object_get(o, "xen");
	vm->xen_current_kb = jin_int(x, "current_kb");
	vm->xen_target_kb = jin_int(x, "target_kb");
	vm->xen_low_kb = jin_int(x, "low_kb");
	vm->xen_high_kb = jin_int(x, "high_kb");
	x = json_object_get(o, "hyperv");
	vm->hv_pages_ballooned = jin_int(x, "pages_ballooned");
	vm->hv_pages_added = jin_int(x, "pages_added");
	vm->hv_pages_onlined = jin_int(x, "pages_onlined");
	jin_str(x, "unavailable", vm->hv_why, sizeof vm->hv_why);
	x = json_object_get(o, "vmware");
	vm->vmw_target = jin_int(x, "target_pages");
	vm->vmw_current = jin_int(x, "current_pages");
	jin_str(x, "unavailable", vm->vmw_why, sizeof vm->vmw_why);
	d = json_object_get(o, "drivers");
	jin_vm_driver(json_object_get(d, "virtio_balloon"), &vm->virtio_balloon);
	jin_vm_driver(json_object_get(d, "virtio_mem"), &vm->virtio_mem);
	jin_vm_driver(json_object_get(d, "hv_balloon"), &vm->hv_balloon);
	vm->vmw_balloon = jin_bool(d, "vmw_balloon");
	vm->xen_balloon = jin_bool(d, "xen_balloon");
	vm->ballooned_kb = jin_int(o, "ballooned_kb");
	vm->verdict = ZT_VMV_UNKNOWN;
	if (jin_str(o, "verdict", verdict, sizeof verdict))
		for (size_t i = 0; i < ZT_ARRAY_LEN(jin_vm_verdicts); i++)
			if (strcmp(jin_vm_verdicts[i], verdict) == 0)
				vm->verdict = (int)i;
	jin_str(o, "verdict_text", vm->verdict_text, sizeof vm->verdict_text);
}

static void
jin_vm_hotplug(const json_t *o, struct zt_vm *vm)
{
	const json_t *a = json_object_get(o, "rows"), *r;
	size_t i;

	vm->block_bytes = jin_int(o, "block_bytes");
	vm->blocks = jin_int(o, "blocks");
	vm->blocks_online = jin_int(o, "online");
	vm->blocks_offline = jin_int(o, "offline");
	vm->blocks_other = jin_int(o, "other");
	json_array_foreach(a, i, r) {
		struct zt_vm_hprow *row;
		int64_t v;
		if (i >= ZT_VM_HP_ROWS)
			break;
		row = &vm->rows[i];
		row->node = jin_small(r, "node", -1);
		jin_str(r, "zone", row->zone, sizeof row->zone);
		v = jin_int(r, "online");
		row->online = zt_have(v) ? v : 0;
		v = jin_int(r, "offline");
		row->offline = zt_have(v) ? v : 0;
		vm->nrows = (int)i + 1;
	}
	vm->rows_truncated = jin_bool(o, "rows_truncated");
	jin_str(o, "unavailable", vm->hp_why, sizeof vm->hp_why);
}

static void
jin_vm(const json_t *j, struct zt_vm *vm)
{
	const json_t *o = json_object_get(j, "vm"), *e;

	if (!json_is_object(o))
		return;
	vm_init(vm);
	vm->read = true;
	vm->is_guest = jin_tri(o, "guest");
	jin_str(o, "hypervisor", vm->hypervisor, sizeof vm->hypervisor);
	jin_str(o, "product", vm->product, sizeof vm->product);
	e = json_object_get(o, "evidence");
	vm->hv_scanned = json_is_object(e);
	vm->cpu_flag = jin_tri(e, "cpu_flag");
	jin_str(e, "sys_hypervisor_type", vm->sys_hv_type, sizeof vm->sys_hv_type);
	jin_str(e, "dmi_sys_vendor", vm->dmi_vendor, sizeof vm->dmi_vendor);
	jin_str(e, "dmi_product_name", vm->dmi_product, sizeof vm->dmi_product);
	jin_str(e, "acpi_oem_id", vm->acpi_oem, sizeof vm->acpi_oem);
	jin_str(e, "acpi_hypervisor_vendor", vm->acpi_hv_vendor,
	    sizeof vm->acpi_hv_vendor);
	jin_str(e, "clocksources", vm->clocksources, sizeof vm->clocksources);
	vm->vmbus = jin_bool(e, "vmbus");
	vm->sysfs = jin_bool(e, "sysfs");
	jin_str(e, "sys_unavailable", vm->sys_why, sizeof vm->sys_why);
	jin_str(e, "text", vm->evidence, sizeof vm->evidence);
	jin_vm_balloon(json_object_get(o, "balloon"), vm);
	jin_vm_hotplug(json_object_get(o, "hotplug"), vm);
	vm->hp_scanned = json_is_object(json_object_get(o, "hotplug"));
}

/* ---- the extras of a recording ---- */

json_t *
json_in_raw(const struct zt_snapshot *s)
{
	json_t *o = json_object(), *a = json_array(), *z = json_array();

	json_object_set_new(o, "mono", json_real(s->mono));
	for (int i = 0; i < ZT_SRC_COUNT; i++)
		if (s->status[i].skipped)
			json_array_append_new(a, json_string(jin_sources[i]));
	json_object_set_new(o, "skipped", a);
	for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++)
		for (int m = 0; m < ZT_NMARKS; m++)
			json_array_append_new(z, json_integer(s->alloc[i].zone[m]));
	json_object_set_new(o, "alloc_zone", z);
	return o;
}

static void
jin_raw(const json_t *r, struct zt_snapshot *s)
{
	const json_t *a, *v;
	size_t i;

	if (!json_is_object(r))
		return;
	v = json_object_get(r, "mono");
	if (json_is_number(v))
		s->mono = json_number_value(v);
	a = json_object_get(r, "skipped");
	json_array_foreach(a, i, v)
		for (int k = 0; k < ZT_SRC_COUNT; k++)
			if (json_is_string(v) && strcmp(json_string_value(v), jin_sources[k]) == 0)
				s->status[k].skipped = true;
	a = json_object_get(r, "alloc_zone");
	if (json_array_size(a) == ZT_ARRAY_LEN(s->alloc) * ZT_NMARKS)
		json_array_foreach(a, i, v) {
			int64_t zi = jin_int_v(v);
			s->alloc[i / ZT_NMARKS].zone[i % ZT_NMARKS] =
			    zi >= 0 && zi < s->nzones ? (int)zi : -1;
		}
	/* recordings of 2026-11-26 carried the cgroup's members here */
	if (s->cgroup.have && s->cgroup.nmembers < 0)
		s->cgroup.nmembers = jin_small(r, "cgroup_members", -1);
	if (s->cgroup.have && s->cgroup.predicted_victim == 0)
		s->cgroup.predicted_victim = jin_small(r, "cgroup_victim", 0);
}

/* ---- the whole sample ---- */

int
json_in(const json_t *j, struct zt_snapshot *s, char *why, size_t whylen)
{
	return json_in_cut(j, s, JIN_MAX_PROCS, why, whylen);
}

int
json_in_cut(const json_t *j, struct zt_snapshot *s, size_t max_procs,
    char *why, size_t whylen)
{
	const json_t *v;

	snapshot_init(s);
	if (!json_is_object(j)) {
		snprintf(why, whylen, "not a JSON object");
		return -1;
	}
	jin_when(j, "time", &s->when);
	/* without _raw: the wall clock stands in for the monotonic one */
	s->mono = (double)s->when.tv_sec + (double)s->when.tv_nsec / 1e9;
	jin_str(j, "hostname", s->hostname, sizeof s->hostname);
	jin_str(j, "kernel", s->kernel, sizeof s->kernel);
	s->page_kb = jin_small(j, "page_kb", 4);
	/* null: a capture that could not tell it (json_out) */
	s->page_kb_assumed = json_is_null(json_object_get(j, "page_kb"));
	s->uptime = jin_real(j, "uptime_s");
	s->live = jin_bool(j, "live");
	s->interval = jin_real(j, "interval_s");
	jin_trend(json_object_get(j, "trend"), &s->trend);

	jin_status(j, s);
	jin_zones(j, s);
	if (json_is_object(v = json_object_get(j, "meminfo")))
		jin_kvs(v, &s->meminfo);
	if (json_is_object(v = json_object_get(j, "vmstat")))
		jin_kvs(v, &s->vmstat);
	s->unaccounted_kb = jin_int(j, "unaccounted_kb");
	s->unaccounted_pct = jin_real(j, "unaccounted_pct");
	jin_swap(j, s);
	v = json_object_get(j, "commit");
	s->commit_limit_kb = jin_int(v, "limit_kb");
	s->committed_kb = jin_int(v, "committed_kb");
	jin_psi(j, s);
	s->oom_kills = jin_int(j, "oom_kills");
	s->oom_kills_delta = jin_int(j, "oom_kills_delta");
	jin_alloc(j, s);
	jin_sysctl(j, s);
	/* not recorded: decided again from the figures, as when sampled */
	derive_severity(s);
	jin_verdict(j, s);
	jin_events_all(j, s);
	jin_kernel_log(j, s);
	jin_self(j, s);
	jin_vm(j, &s->vm);
	jin_procs(j, s, max_procs);
	jin_cgroup(j, s);
	jin_raw(json_object_get(j, JSON_IN_RAW_KEY), s);
	return 0;
}
