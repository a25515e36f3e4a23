/*
 * om_out.c: one sample in the OpenMetrics text format, for node_exporter's
 * textfile collector or any Prometheus.  Names follow the conventions:
 * base units in the name (bytes, seconds, ratio), counters end in _total
 * and their family is declared without it, label values are escaped.
 * Values the kernel did not give are left out, never written as 0.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "util.h"
#include "zonemath.h"

struct om {
	struct zt_buf *b;
	const char *family;	/* the family whose samples follow */
};

static void
om_family(struct om *om, const char *name, const char *type, const char *unit,
    const char *help)
{
	om->family = name;
	buf_printf(om->b, "# TYPE %s %s\n", name, type);
	if (unit != NULL)
		buf_printf(om->b, "# UNIT %s %s\n", name, unit);
	buf_printf(om->b, "# HELP %s %s\n", name, help);
}

/* A label value: valid UTF-8 with \\, \" and \n escaped. */
static void
om_label(struct zt_buf *b, const char *v)
{
	char safe[256];

	escape_text(safe, sizeof safe, v, strlen(v));
	for (const char *p = safe; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
}

static void
om_zone_labels(struct zt_buf *b, const struct zt_zone *z)
{
	buf_printf(b, "{node=\"%d\",zone=\"", z->node);
	om_label(b, z->name);
	buf_addc(b, '"');
}

static void
om_zone_gauge(struct om *om, const struct zt_snapshot *s, const char *name,
    const char *help, size_t off)
{
	om_family(om, name, "gauge", "bytes", help);
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		int64_t v = *(const int64_t *)(const void *)((const char *)z + off);
		/* pages of a size the capture does not tell: no bytes */
		if (!zt_have(v) || s->page_kb_assumed)
			continue;
		buf_printf(om->b, "%s", name);
		om_zone_labels(om->b, z);
		buf_printf(om->b, "} %lld\n", (long long)v * s->page_kb * 1024);
	}
}

static void
om_value(struct om *om, const char *suffix, int64_t v, double scale)
{
	if (!zt_have(v))
		return;
	if (scale == 1.0)
		buf_printf(om->b, "%s%s %lld\n", om->family, suffix, (long long)v);
	else
		buf_printf(om->b, "%s%s %.17g\n", om->family, suffix, (double)v * scale);
}

static void
om_real(struct om *om, const char *labels, double v)
{
	if (!isnan(v))
		buf_printf(om->b, "%s%s %.17g\n", om->family, labels, v);
}

/* Time to trouble (trend.c): a zone's free pages per second and the
 * seconds until min and low, where known; MemAvailable's and SwapFree's
 * slope and seconds until 0.  No UNIT
 * line where the name does not end in _seconds: OpenMetrics wants the
 * unit as the name's suffix. */
static void
om_trend(struct om *om, const struct zt_snapshot *s)
{
	static const char *const names[3] = {
		"zonetop_zone_free_trend_pages_per_second",
		"zonetop_zone_seconds_to_min", "zonetop_zone_seconds_to_low",
	};
	static const char *const helps[3] = {
		"Least-squares slope of the zone's free pages over the trend window.",
		"Estimated seconds until free reaches min at the current fall (absent unless falling).",
		"Estimated seconds until free reaches low at the current fall (absent unless falling).",
	};

	if (s->trend.n == 0)
		return;
	for (int k = 0; k < 3; k++) {
		om_family(om, names[k], "gauge", NULL, helps[k]);
		for (int i = 0; i < s->nzones; i++) {
			const struct zt_zone *z = &s->zones[i];
			double v = k == 0 ? z->trend_pps : k == 1 ? z->eta_min_s :
			    z->eta_low_s;
			if (isnan(v))
				continue;
			buf_printf(om->b, "%s", names[k]);
			om_zone_labels(om->b, z);
			buf_printf(om->b, "} %.17g\n", v);
		}
	}
	om_family(om, "zonetop_mem_available_trend_bytes_per_second", "gauge", NULL,
	    "Least-squares slope of MemAvailable over the trend window.");
	om_real(om, "", s->trend.avail_kbps * 1024);
	om_family(om, "zonetop_mem_available_seconds_to_exhaustion", "gauge", NULL,
	    "Estimated seconds until MemAvailable reaches 0 at the current fall.");
	om_real(om, "", s->trend.avail_eta_s);
	om_family(om, "zonetop_swap_free_trend_bytes_per_second", "gauge", NULL,
	    "Least-squares slope of SwapFree over the trend window.");
	om_real(om, "", s->trend.swapfree_kbps * 1024);
	om_family(om, "zonetop_swap_seconds_to_exhaustion", "gauge", NULL,
	    "Estimated seconds until SwapFree reaches 0 at the current fall.");
	om_real(om, "", s->trend.swap_eta_s);
	om_family(om, "zonetop_trend_window_seconds", "gauge", "seconds",
	    "The time the trend fit spans.");
	om_real(om, "", s->trend.window_s);
}

/* Whether an allocation of each class and order 0..3 would pass the
 * min watermark check now (derive.c: the zone that would serve it). */
static void
om_alloc(struct om *om, const struct zt_snapshot *s)
{
	if (!s->status[ZT_SRC_ZONEINFO].ok)
		return;
	om_family(om, "zonetop_alloc_ok", "gauge", NULL,
	    "1 when an allocation of the class and order would pass the min "
	    "watermark check in some zone it may use, 0 when it would fail.");
	for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++)
		buf_printf(om->b, "zonetop_alloc_ok{class=\"%s\",order=\"%d\"} %d\n",
		    class_name(s->alloc[i].cls), s->alloc[i].order,
		    s->alloc[i].ok[ZT_MARK_MIN] ? 1 : 0);
}

/* The --cgroup view: usage against the limit, the cgroup's OOM kills. */
static void
om_cgroup(struct om *om, const struct zt_snapshot *s)
{
	const struct zt_cgroup_info *c = &s->cgroup;
	int64_t kills = kvs_get(&c->events, "oom_kill");

	if (!c->have)
		return;
	om_family(om, "zonetop_cgroup_memory_usage_bytes", "gauge", "bytes",
	    "Memory charged to the --cgroup memory cgroup.");
	if (zt_have(c->usage_kb)) {
		buf_printf(om->b, "zonetop_cgroup_memory_usage_bytes{cgroup=\"");
		om_label(om->b, c->path);
		buf_printf(om->b, "\"} %lld\n", (long long)c->usage_kb * 1024);
	}
	om_family(om, "zonetop_cgroup_memory_limit_bytes", "gauge", "bytes",
	    "The cgroup's memory limit (absent when it has none).");
	if (zt_have(c->limit_kb) && c->limit_kb != ZT_NO_LIMIT) {
		buf_printf(om->b, "zonetop_cgroup_memory_limit_bytes{cgroup=\"");
		om_label(om->b, c->path);
		buf_printf(om->b, "\"} %lld\n", (long long)c->limit_kb * 1024);
	}
	om_family(om, "zonetop_cgroup_oom_kills", "counter", NULL,
	    "OOM kills in the cgroup (memory.events or memory.oom_control oom_kill).");
	if (zt_have(kills)) {
		buf_printf(om->b, "zonetop_cgroup_oom_kills_total{cgroup=\"");
		om_label(om->b, c->path);
		buf_printf(om->b, "\"} %lld\n", (long long)kills);
	}	/* time to trouble (trend.c), absent unless known */
	om_family(om, "zonetop_cgroup_memory_trend_bytes_per_second", "gauge",
	    NULL, "Least-squares slope of the cgroup's usage over the trend window (with a limit).");
	if (!isnan(c->trend_kbps)) {
		buf_printf(om->b, "zonetop_cgroup_memory_trend_bytes_per_second{cgroup=\"");
		om_label(om->b, c->path);
		buf_printf(om->b, "\"} %.17g\n", c->trend_kbps * 1024);
	}
	om_family(om, "zonetop_cgroup_memory_seconds_to_limit", "gauge", NULL,
	    "Estimated seconds until the cgroup's usage reaches its limit (absent unless rising).");
	if (!isnan(c->eta_limit_s)) {
		buf_printf(om->b, "zonetop_cgroup_memory_seconds_to_limit{cgroup=\"");
		om_label(om->b, c->path);
		buf_printf(om->b, "\"} %.17g\n", c->eta_limit_s);
	}
}

/* Time to trouble of every memory cgroup with a limit (the cgroups
 * view's): usage's slope and the seconds until the limit, where known.
 * Families of their own: the --cgroup one may be among them, and one
 * series must not appear twice. */
static void
om_memcgs(struct om *om, const struct zt_snapshot *s)
{
	static const char *const names[2] = {
		"zonetop_memcg_usage_trend_bytes_per_second",
		"zonetop_memcg_seconds_to_limit",
	};
	static const char *const helps[2] = {
		"Least-squares slope of each memory cgroup's usage over the trend window (cgroups with a limit).",
		"Estimated seconds until each memory cgroup's usage reaches its limit (absent unless rising).",
	};

	if (s->ncgroups == 0)
		return;
	for (int k = 0; k < 2; k++) {
		om_family(om, names[k], "gauge", NULL, helps[k]);
		for (int i = 0; i < s->ncgroups; i++) {
			const struct zt_cgroup_info *c = &s->cgroups[i];
			double v = k == 0 ? c->trend_kbps * 1024 : c->eta_limit_s;
			if (isnan(v))
				continue;
			buf_printf(om->b, "%s{cgroup=\"", names[k]);
			om_label(om->b, c->path);
			buf_printf(om->b, "\"} %.17g\n", v);
		}
	}
}

/* The predicted victim's row, if it was read. */
static void
om_victim(struct om *om, const struct zt_snapshot *s)
{
	const struct zt_proc *v = NULL;

	for (int i = 0; i < s->nprocs && v == NULL; i++)
		if (s->procs[i].pid == s->predicted_victim)
			v = &s->procs[i];
	if (v == NULL)
		return;
	om_family(om, "zonetop_predicted_victim_oom_score_adj", "gauge", NULL,
	    "oom_score_adj of the process the OOM killer would pick next.");
	om_value(om, "", v->oom_score_adj, 1);
	om_family(om, "zonetop_predicted_victim", "info", NULL,
	    "The process the OOM killer would pick next.");
	buf_printf(om->b, "zonetop_predicted_victim_info{pid=\"%d\",comm=\"", v->pid);
	om_label(om->b, v->comm);
	buf_printf(om->b, "\",user=\"");
	om_label(om->b, v->user);
	buf_printf(om->b, "\"} 1\n");
}

void
om_snapshot(struct zt_buf *b, const struct zt_snapshot *s, int top)
{
	struct om om = { .b = b };

	om_zone_gauge(&om, s, "zonetop_zone_free_bytes", "Free memory in the zone (zoneinfo pages free).",
	    offsetof(struct zt_zone, free));
	om_zone_gauge(&om, s, "zonetop_zone_watermark_min_bytes", "The zone's min watermark.",
	    offsetof(struct zt_zone, min));
	om_zone_gauge(&om, s, "zonetop_zone_watermark_low_bytes", "The zone's low watermark: kswapd wakes below it.",
	    offsetof(struct zt_zone, low));
	om_zone_gauge(&om, s, "zonetop_zone_watermark_high_bytes", "The zone's high watermark: kswapd sleeps above it.",
	    offsetof(struct zt_zone, high));
	om_zone_gauge(&om, s, "zonetop_zone_managed_bytes", "Memory the buddy allocator manages in the zone.",
	    offsetof(struct zt_zone, managed));
	om_zone_gauge(&om, s, "zonetop_zone_present_bytes", "Physical memory present in the zone.",
	    offsetof(struct zt_zone, present));

	om_trend(&om, s);
	om_family(&om, "zonetop_zone_below_watermark", "gauge", NULL,
	    "Watermark state: 0 above high, 1 below high, 2 below low, 3 below min.");
	for (int i = 0; i < s->nzones; i++) {
		if (s->zones[i].state == ZT_WS_UNKNOWN)
			continue;
		buf_printf(b, "zonetop_zone_below_watermark");
		om_zone_labels(b, &s->zones[i]);
		buf_printf(b, "} %d\n", (int)s->zones[i].state);
	}

	om_family(&om, "zonetop_zone_buddy_free_blocks", "gauge", NULL,
	    "Free blocks of 2^order pages (buddyinfo).");
	for (int i = 0; i < s->nzones; i++)
		for (int k = 0; k < s->zones[i].norders && k < ZT_MAX_ORDER; k++) {
			buf_printf(b, "zonetop_zone_buddy_free_blocks");
			om_zone_labels(b, &s->zones[i]);
			buf_printf(b, ",order=\"%d\"} %lld\n", k, (long long)s->zones[i].buddy[k]);
		}
	om_family(&om, "zonetop_zone_fragmentation_index", "gauge", NULL,
	    "Kernel fragmentation index per order: -1 the allocation would succeed, "
	    "near 0 it fails for lack of memory, near 1 for fragmentation.");
	for (int i = 0; i < s->nzones; i++)
		for (int k = 0; k < s->zones[i].norders && k < ZT_MAX_ORDER; k++) {
			if (isnan(s->zones[i].fragidx[k]))
				continue;
			buf_printf(b, "zonetop_zone_fragmentation_index");
			om_zone_labels(b, &s->zones[i]);
			buf_printf(b, ",order=\"%d\"} %.3f\n", k, s->zones[i].fragidx[k]);
		}

	om_alloc(&om, s);
	om_family(&om, "zonetop_memory_total_bytes", "gauge", "bytes",
	    "MemTotal: RAM the kernel manages.");
	om_value(&om, "", kvs_get(&s->meminfo, "MemTotal"), 1024);
	om_family(&om, "zonetop_unaccounted_bytes", "gauge", "bytes",
	    "RAM in no meminfo counter (balloon driver or kernel leak).");
	om_value(&om, "", s->unaccounted_kb, 1024);
	om_family(&om, "zonetop_unaccounted_ratio", "gauge", "ratio",
	    "Unaccounted RAM as a share of MemTotal.");
	if (zt_have(s->unaccounted_kb))
		om_real(&om, "", s->unaccounted_pct / 100);
	om_family(&om, "zonetop_swap_total_bytes", "gauge", "bytes", "Swap space.");
	om_value(&om, "", s->swap_total_kb, 1024);
	om_family(&om, "zonetop_swap_free_bytes", "gauge", "bytes", "Free swap space.");
	om_value(&om, "", s->swap_free_kb, 1024);
	om_family(&om, "zonetop_swap_in_pages", "counter", NULL, "Pages swapped in (vmstat pswpin).");
	om_value(&om, "_total", kvs_get(&s->vmstat, "pswpin"), 1);
	om_family(&om, "zonetop_swap_out_pages", "counter", NULL, "Pages swapped out (vmstat pswpout).");
	om_value(&om, "_total", kvs_get(&s->vmstat, "pswpout"), 1);
	om_family(&om, "zonetop_commit_limit_bytes", "gauge", "bytes", "CommitLimit.");
	om_value(&om, "", s->commit_limit_kb, 1024);
	om_family(&om, "zonetop_committed_bytes", "gauge", "bytes", "Committed_AS.");
	om_value(&om, "", s->committed_kb, 1024);
	om_family(&om, "zonetop_overcommit_mode", "gauge", NULL, "vm.overcommit_memory (0, 1, 2).");
	om_value(&om, "", s->sysctl.overcommit_memory, 1);
	om_family(&om, "zonetop_oom_kills", "counter", NULL, "OOM kills since boot (vmstat oom_kill).");
	om_value(&om, "_total", s->oom_kills, 1);

	if (s->psi.have) {
		static const char *const kinds[] = { "some", "full" };
		const struct zt_psi_line *l[] = { &s->psi.some, &s->psi.full };
		om_family(&om, "zonetop_memory_pressure_ratio", "gauge", "ratio",
		    "PSI memory stall share over a window (pressure/memory avg10/60/300).");
		for (int k = 0; k < 2; k++) {
			char lab[64];
			if (!l[k]->have)
				continue;
			snprintf(lab, sizeof lab, "{kind=\"%s\",window=\"10s\"}", kinds[k]);
			om_real(&om, lab, l[k]->avg10 / 100);
			snprintf(lab, sizeof lab, "{kind=\"%s\",window=\"60s\"}", kinds[k]);
			om_real(&om, lab, l[k]->avg60 / 100);
			snprintf(lab, sizeof lab, "{kind=\"%s\",window=\"300s\"}", kinds[k]);
			om_real(&om, lab, l[k]->avg300 / 100);
		}
		om_family(&om, "zonetop_memory_pressure_stall_seconds", "counter", "seconds",
		    "PSI memory stall time (pressure/memory total=).");
		for (int k = 0; k < 2; k++)
			if (l[k]->have && zt_have(l[k]->total_us))
				buf_printf(b, "zonetop_memory_pressure_stall_seconds_total{kind=\"%s\"} %.6f\n",
				    kinds[k], (double)l[k]->total_us / 1e6);
	}

	if (s->status[ZT_SRC_PROCS].ok) {
		om_family(&om, "zonetop_process_oom_score", "gauge", NULL,
		    "oom_score of the top OOM-killer candidates (rank 1 first).");
		for (int i = 0; i < s->nprocs && i < top; i++) {
			const struct zt_proc *p = &s->procs[i];
			if (!zt_have(p->oom_score))
				continue;
			buf_printf(b, "zonetop_process_oom_score{rank=\"%d\",pid=\"%d\",comm=\"",
			    p->rank, p->pid);
			om_label(b, p->comm);
			buf_printf(b, "\"} %lld\n", (long long)p->oom_score);
		}
		om_family(&om, "zonetop_predicted_victim_pid", "gauge", NULL,
		    "The process the OOM killer would pick next (0: none).");
		om_value(&om, "", s->predicted_victim, 1);
		om_victim(&om, s);
	}
	om_cgroup(&om, s);
	om_memcgs(&om, s);
	buf_printf(b, "# EOF\n");
}
