/*
 * snapshot.c: life cycle of a snapshot and the small lookups every
 * consumer shares (key/value tables, zone and class names).
 */
#include "snapshot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const zone_names[ZT_ZONE_NTYPES] = {
	"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
};

void
snapshot_init(struct zt_snapshot *s)
{
	memset(s, 0, sizeof *s);
	s->uptime = NAN;
	s->page_kb = 4;
	s->pageblock_order = -1;
	s->unaccounted_kb = ZT_NA;
	s->unaccounted_pct = NAN;
	s->swap_total_kb = s->swap_free_kb = s->swap_used_kb = ZT_NA;
	s->commit_limit_kb = s->committed_kb = ZT_NA;
	s->sev_commit = s->sev_psi_some = s->sev_psi_full = ZT_SEV_NA;
	s->sev_swap = s->sev_avail_eta = s->sev_swap_eta = ZT_SEV_NA;
	s->pswpin_per_s = s->pswpout_per_s = NAN;
	s->oom_kills = s->oom_kills_delta = ZT_NA;
	s->psi_some_delta_us = s->psi_full_delta_us = NAN;
	s->interval = NAN;
	s->trend.free_pps = s->trend.avail_kbps = s->trend.swapfree_kbps = NAN;
	s->trend.avail_eta_s = s->trend.swap_eta_s = NAN;
	s->totalpages = ZT_NA;
	cgroup_info_init(&s->cgroup);
	struct zt_sysctl *sc = &s->sysctl;
	sc->overcommit_memory = sc->overcommit_ratio = sc->overcommit_kbytes = ZT_NA;
	sc->min_free_kbytes = sc->watermark_scale_factor = ZT_NA;
	sc->watermark_boost_factor = sc->swappiness = ZT_NA;
	for (int i = 0; i < ZT_SRC_COUNT; i++)
		strlcpy0(s->status[i].why, "not read", sizeof s->status[i].why);
	strlcpy0(s->kmsg.why, "not read", sizeof s->kmsg.why);
}

void
snapshot_free(struct zt_snapshot *s)
{
	for (int i = 0; i < s->nzones; i++)
		free(s->zones[i].pt);
	free(s->zones);
	kvs_free(&s->meminfo);
	kvs_free(&s->vmstat);
	free(s->swaps);
	for (int i = 0; i < s->nprocs; i++) {
		free(s->procs[i].cmdline);
		free(s->procs[i].cgroup);
	}
	free(s->procs);
	kvs_free(&s->cgroup.events);
	for (int i = 0; i < s->ncgroups; i++)
		kvs_free(&s->cgroups[i].events);
	free(s->cgroups);
	free(s->cpusets);
	free(s->events);
	for (int i = 0; i < s->nreports; i++)
		snapshot_report_drop(&s->reports[i]);
	free(s->reports);
	snapshot_init(s);
}

void
snapshot_report_own(struct zt_report *r)
{
	r->refs = xmalloc(sizeof *r->refs);
	*r->refs = 1;
}

void
snapshot_report_share(struct zt_report *dst, const struct zt_report *src)
{
	*dst = *src;
	if (src->refs != NULL) {
		__atomic_add_fetch(src->refs, 1, __ATOMIC_RELAXED);
		return;
	}
	dst->text = xstrndup(src->text, src->len);
	dst->explained = src->explained ? xstrdup(src->explained) : NULL;
}

void
snapshot_report_drop(struct zt_report *r)
{
	/* acquire-release: the last holder frees what the others read */
	if (r->refs == NULL || __atomic_sub_fetch(r->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		free(r->text);
		free(r->explained);
		free(r->refs);
	}
	r->text = r->explained = NULL;
	r->refs = NULL;
}

void
cgroup_info_init(struct zt_cgroup_info *c)
{
	memset(c, 0, sizeof *c);
	c->limit_kb = c->usage_kb = ZT_NA;
	c->swap_limit_kb = c->swap_usage_kb = ZT_NA;
	c->nmembers = -1;
	c->totalpages = c->swappiness = c->victim_points = ZT_NA;
	c->parent = -1;
	c->trend_kbps = c->eta_limit_s = NAN;
	c->sev_eta_limit = c->sev_usage = ZT_SEV_NA;
}

/* FNV-1a of a key: a file of n keys costs about n string compares to
 * set, not n * n / 2 (vmstat has ~180 keys, a fuzzed one thousands). */
static uint32_t
kvs_hash(const char *key)
{
	uint32_t h = 2166136261u;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

static int
kvs_find(const struct zt_kvs *kv, const char *key, uint32_t h)
{
	for (int i = 0; i < kv->n; i++)
		if (kv->v[i].hash == h && strcmp(kv->v[i].key, key) == 0)
			return i;
	return -1;
}

int64_t
kvs_get(const struct zt_kvs *kv, const char *key)
{
	int i = kvs_find(kv, key, kvs_hash(key));

	return i >= 0 ? kv->v[i].val : ZT_NA;
}

void
kvs_set(struct zt_kvs *kv, const char *key, int64_t val)
{
	uint32_t h = kvs_hash(key);
	int i = kvs_find(kv, key, h);

	if (i >= 0) {
		kv->v[i].val = val;
		return;
	}
	if (kv->n == kv->cap) {
		kv->cap = kv->cap ? kv->cap * 2 : 64;
		kv->v = xreallocarray(kv->v, (size_t)kv->cap, sizeof *kv->v);
	}
	strlcpy0(kv->v[kv->n].key, key, sizeof kv->v[kv->n].key);
	/* of the key as kept: one cut to the array is found by no longer key */
	kv->v[kv->n].hash = kvs_hash(kv->v[kv->n].key);
	kv->v[kv->n].val = val;
	kv->n++;
}

void
kvs_free(struct zt_kvs *kv)
{
	free(kv->v);
	memset(kv, 0, sizeof *kv);
}

static const char *const zt_constraint_names[] = {
	[ZT_CON_UNKNOWN] = "",
	[ZT_CON_GLOBAL] = "global",
	[ZT_CON_MEMCG] = "memcg",
	[ZT_CON_CPUSET] = "cpuset",
	[ZT_CON_MEMPOLICY] = "mempolicy",
	[ZT_CON_NONE] = "none",
	[ZT_CON_OTHER] = "other",
};

const char *
zt_constraint_name(int c)
{
	if (c < 0 || c >= (int)ZT_ARRAY_LEN(zt_constraint_names))
		return "";
	return zt_constraint_names[c];
}

int
zt_constraint_of(const char *name)
{
	for (int i = ZT_CON_UNKNOWN + 1; i < (int)ZT_ARRAY_LEN(zt_constraint_names); i++)
		if (strcmp(zt_constraint_names[i], name) == 0)
			return i;
	return ZT_CON_UNKNOWN;
}

const char *
zone_type_name(int type)
{
	if (type < 0 || type >= ZT_ZONE_NTYPES)
		return "?";
	return zone_names[type];
}

int
zone_type_from_name(const char *name)
{
	for (int i = 0; i < ZT_ZONE_NTYPES; i++)
		if (strcmp(zone_names[i], name) == 0)
			return i;
	return ZT_ZONE_UNKNOWN;
}

const char *
class_name(int cls)
{
	switch (cls) {
	case ZT_CLASS_KERNEL: return "GFP_KERNEL";
	case ZT_CLASS_MOVABLE: return "GFP_HIGHUSER_MOVABLE";
	case ZT_CLASS_DMA32: return "GFP_DMA32";
	}
	return "?";
}

const char *
wstate_name(int state)
{
	switch (state) {
	case ZT_WS_OK: return "ok";
	case ZT_WS_BELOW_HIGH: return "below_high";
	case ZT_WS_BELOW_LOW: return "below_low";
	case ZT_WS_BELOW_MIN: return "below_min";
	}
	return "unknown";
}

void
status_set(struct zt_snapshot *s, int src, bool ok, const char *why)
{
	s->status[src].ok = ok;
	strlcpy0(s->status[src].why, ok ? "" : why, sizeof s->status[src].why);
}
