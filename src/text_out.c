/*
 * text_out.c: the batch text report, one block per sample, like top -b.
 * Every untrusted string (process names, command lines, cgroup paths,
 * swap paths) goes through buf_add_escaped(): a process can name itself
 * anything, including terminal escape sequences.
 */
#include "output.h"

#include <math.h>
#include <string.h>

#include "arith.h"
#include "gfp.h"
#include "oomreport.h"
#include "selfguard.h"
#include "vm_json.h"
#include "zonemath.h"

static const char *
num(char *b, size_t n, int64_t v)
{
	if (!zt_have(v))
		snprintf(b, n, "n/a");
	else
		snprintf(b, n, "%lld", (long long)v);
	return b;
}

static const char *
fmt_limit(char *b, size_t n, int64_t kb)
{
	if (kb == ZT_NO_LIMIT) {
		snprintf(b, n, "max");
		return b;
	}
	return fmt_kb(b, n, kb);
}

static void
add_esc(struct zt_buf *out, const char *s)
{
	if (s == NULL)
		buf_add(out, "n/a", 3);
	else
		buf_add_escaped(out, s, strlen(s));
}

/* A command line, escaped and cut at ZT_TEXT_CMD_MAX bytes like top's
 * batch width (the JSON output carries it whole). */
#define ZT_TEXT_CMD_MAX 160
static void
add_cmd(struct zt_buf *out, const char *s)
{
	struct zt_buf e = { 0 };
	size_t n;

	buf_add_escaped(&e, s, strlen(s));
	n = e.len;
	if (n > ZT_TEXT_CMD_MAX) {
		n = ZT_TEXT_CMD_MAX;
		/* escaped text is valid UTF-8: do not cut a character in half */
		while (n > 0 && ((unsigned char)e.p[n] & 0xc0) == 0x80)
			n--;
	}
	buf_add(out, e.p, n);
	if (n < e.len)
		buf_add(out, "...", 3);
	buf_free(&e);
}

static void
text_header(struct zt_buf *out, const struct zt_snapshot *s)
{
	char t[48];

	fmt_rfc3339(t, sizeof t, &s->when);
	buf_printf(out, "zonetop %s  host ", ZT_VERSION);
	add_esc(out, s->hostname[0] ? s->hostname : NULL);
	buf_printf(out, "  kernel ");
	add_esc(out, s->kernel[0] ? s->kernel : NULL);
	buf_printf(out, "  %s", t);
	/* whole seconds in integers (2^53 s is 285 million years) */
	if (s->uptime >= 0 && s->uptime < 9007199254740992.0) {
		int64_t up = (int64_t)s->uptime;
		buf_printf(out, "  up %lldd %02d:%02d", (long long)(up / 86400),
		    (int)(up % 86400 / 3600), (int)(up % 3600 / 60));
	} else if (!isnan(s->uptime)) {
		buf_printf(out, "  up %.0fs", s->uptime);
	}
	if (s->page_kb_assumed)
		buf_printf(out, "  page size n/a (the capture has not both zoneinfo and "
		    "MemTotal; %d KiB assumed)", s->page_kb);
	else
		buf_printf(out, "  page %d KiB", s->page_kb);
	buf_printf(out, "%s\n", s->live ? "" : "  (capture)");
	/* what zonetop could do to protect itself (repeated runs only) */
	if (s->self.tried) {
		char m[200];
		buf_printf(out, "  zonetop itself: mlock: %s; oom_score_adj %s%s%s\n",
		    selfguard_mlock_text(&s->self, m, sizeof m),
		    s->self.adj_done ? "-999" : "not -999 (",
		    s->self.adj_done ? "" : s->self.adj_why,
		    s->self.adj_done ? "" : ")");
	}
	for (int i = 0; i < s->verdict.n && i < ZT_VERDICT_MAX; i++) {
		static const char *const sev[] = { "info", "WARN", "CRIT" };
		int sv = s->verdict.severity[i];
		buf_printf(out, "  [%s] %s\n", sev[sv < 0 ? 0 : sv > 2 ? 2 : sv],
		    s->verdict.line[i]);
	}
}

static void
text_zones(struct zt_buf *out, const struct zt_snapshot *s)
{
	char b[8][24];
	int kslot = slot_of_type(s, ZT_ZONE_NORMAL);

	if (!s->status[ZT_SRC_ZONEINFO].ok) {
		buf_printf(out, "\nZones: not available (%s)\n", s->status[ZT_SRC_ZONEINFO].why);
		return;
	}
	/* the figures are the kernel's pages; their size only when known */
	if (s->page_kb_assumed)
		buf_printf(out, "\nZones (pages; page size n/a)\n");
	else
		buf_printf(out, "\nZones (pages of %d KiB)\n", s->page_kb);
	buf_printf(out, "%4s %-8s %-10s %9s %8s %8s %8s %9s %9s %8s %8s  %s\n",
	    "NODE", "ZONE", "STATE", "FREE", "MIN", "LOW", "HIGH", "MANAGED",
	    "PRESENT", "RESERVED", "KRESERVE", "FLAGS");
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		int64_t kres = kslot >= 0 && kslot < z->nprot ? z->protection[kslot] : ZT_NA;

		/* a zone GFP_KERNEL cannot use never reads ok (as on screen) */
		buf_printf(out, "%4d %-8s %-10s %9s %8s %8s %8s %9s %9s %8s %8s  ",
		    z->node, z->name, zone_fenced(s, z) ? "fenced" :
		    wstate_name(z->state),
		    num(b[0], 24, z->free), num(b[1], 24, z->min),
		    num(b[2], 24, z->low), num(b[3], 24, z->high),
		    num(b[4], 24, z->managed), num(b[5], 24, z->present),
		    num(b[6], 24, z->reserved), num(b[7], 24, kres));
		if (z->empty)
			buf_printf(out, "empty ");
		if (z->unmanaged)
			buf_printf(out, "unmanaged ");
		if (z->tiny)
			buf_printf(out, "tiny ");
		if (z->unreclaimable == 1)
			buf_printf(out, "unreclaimable ");
		buf_addc(out, '\n');
	}
	bool have_normal = false;
	for (int i = 0; i < s->nzones; i++)
		if (s->zones[i].type == ZT_ZONE_NORMAL && !s->zones[i].empty)
			have_normal = true;
	if (!have_normal)
		buf_printf(out, "  no populated Normal zone: GFP_KERNEL allocations fall back "
		    "to the zones below it\n");
	buf_printf(out, "  KRESERVE = lowmem reserve kept free against GFP_KERNEL "
	    "allocations falling back into the zone\n");
	for (int i = 0; i < s->nzones; i++)
		if (zone_fenced(s, &s->zones[i])) {
			buf_printf(out, "  fenced = above min, but free <= MIN + KRESERVE: "
			    "GFP_KERNEL's watermark check fails here\n");
			break;
		}
	/* deferred struct-page init: present - managed is not reserved yet */
	int64_t gap = managed_gap_kb(s), total = kvs_get(&s->meminfo, "MemTotal");
	if (zt_have(gap) && zt_have(total) && total > 0 && gap * 10 > total)
		buf_printf(out, "  RESERVED = present - managed; here MemTotal exceeds the "
		    "zones' managed pages by %lld kB: not yet initialised, not reserved\n",
		    (long long)gap);
}

static void
text_buddy(struct zt_buf *out, const struct zt_snapshot *s)
{
	if (!s->status[ZT_SRC_BUDDYINFO].ok) {
		buf_printf(out, "\nBuddy: not available (%s)\n", s->status[ZT_SRC_BUDDYINFO].why);
		return;
	}
	buf_printf(out, "\nFree blocks per order (buddyinfo)         highest  "
	    "GFP_KERNEL order 0-3 at min\n");
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		if (z->norders == 0)
			continue;
		buf_printf(out, "%4d %-8s", z->node, z->name);
		for (int k = 0; k < z->norders && k < ZT_MAX_ORDER; k++)
			buf_printf(out, " %lld", (long long)z->buddy[k]);
		buf_printf(out, "   highest %d", z->highest_free_order);
		/* no watermark state (free or marks unknown: buddyinfo
		 * without zoneinfo; no managed pages) is no verdict, as in
		 * the JSON: wm_ok is all fails there */
		if (z->wm_applies[ZT_CLASS_KERNEL] && z->state == ZT_WS_UNKNOWN)
			buf_printf(out, "   n/a");
		else if (z->wm_applies[ZT_CLASS_KERNEL]) {
			buf_printf(out, "  ");
			for (int k = 0; k < ZT_ALLOC_ORDERS; k++)
				buf_printf(out, " %d:%s", k,
				    z->wm_ok[ZT_CLASS_KERNEL][k] & (1 << ZT_MARK_MIN) ? "ok" : "FAIL");
		}
		buf_addc(out, '\n');
		buf_printf(out, "     %-8s", "frag");
		for (int k = 0; k < z->norders && k < ZT_MAX_ORDER; k++) {
			if (isnan(z->fragidx[k]))
				buf_printf(out, " n/a");
			else
				buf_printf(out, " %.2f", z->fragidx[k]);
		}
		buf_addc(out, '\n');
	}
}

static void
text_alloc(struct zt_buf *out, const struct zt_snapshot *s)
{
	static const char *const marks[] = { "min", "low", "high" };

	if (!s->status[ZT_SRC_ZONEINFO].ok)
		return;
	buf_printf(out, "\nAllocations (would the watermark check pass, and in which zone)\n");
	for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++) {
		const struct zt_alloc *a = &s->alloc[i];
		buf_printf(out, "  %-21s order %d:", class_name(a->cls), a->order);
		for (int m = 0; m < ZT_NMARKS; m++) {
			int zi = a->zone[m];
			if (a->ok[m] && zi >= 0 && zi < s->nzones)
				buf_printf(out, "  %s ok (%d %s)", marks[m],
				    s->zones[zi].node, s->zones[zi].name);
			else
				buf_printf(out, "  %s FAIL", marks[m]);
		}
		buf_addc(out, '\n');
	}
}

static void
text_memory(struct zt_buf *out, const struct zt_snapshot *s)
{
	char a[16], b[16], c[16];

	buf_printf(out, "\nMemory\n");
	if (!s->status[ZT_SRC_MEMINFO].ok)
		buf_printf(out, "  meminfo not available (%s)\n", s->status[ZT_SRC_MEMINFO].why);
	else {
		buf_printf(out, "  total %s  free %s  available %s",
		    fmt_kb(a, sizeof a, kvs_get(&s->meminfo, "MemTotal")),
		    fmt_kb(b, sizeof b, kvs_get(&s->meminfo, "MemFree")),
		    fmt_kb(c, sizeof c, kvs_get(&s->meminfo, "MemAvailable")));
		if (zt_have(s->unaccounted_kb))
			buf_printf(out, "  unaccounted %s (%.1f%% of MemTotal, in no counter)",
			    fmt_kb(a, sizeof a, s->unaccounted_kb), s->unaccounted_pct);
		buf_addc(out, '\n');
	}
	buf_printf(out, "  swap total %s  used %s  free %s",
	    fmt_kb(a, sizeof a, s->swap_total_kb), fmt_kb(b, sizeof b, s->swap_used_kb),
	    fmt_kb(c, sizeof c, s->swap_free_kb));
	if (!isnan(s->pswpin_per_s))
		buf_printf(out, "  in %.1f/s out %.1f/s pages", s->pswpin_per_s, s->pswpout_per_s);
	else
		buf_printf(out, "  in/out rates n/a (one sample)");
	buf_addc(out, '\n');
	if (!s->status[ZT_SRC_SWAPS].ok)
		buf_printf(out, "  swaps not available (%s)\n", s->status[ZT_SRC_SWAPS].why);
	for (int i = 0; i < s->nswaps; i++) {
		buf_printf(out, "    ");
		add_esc(out, s->swaps[i].path);
		buf_printf(out, "  %s  size %s  used %s  prio %lld\n", s->swaps[i].type,
		    fmt_kb(a, sizeof a, s->swaps[i].size_kb),
		    fmt_kb(b, sizeof b, s->swaps[i].used_kb),
		    (long long)s->swaps[i].priority);
	}
	buf_printf(out, "  commit %s of limit %s", fmt_kb(a, sizeof a, s->committed_kb),
	    fmt_kb(b, sizeof b, s->commit_limit_kb));
	if (zt_have(s->committed_kb) && zt_have(s->commit_limit_kb) && s->commit_limit_kb > 0)
		buf_printf(out, " (%.0f%%)", 100.0 * (double)s->committed_kb /
		    (double)s->commit_limit_kb);
	switch (s->sysctl.overcommit_memory) {
	case 0: buf_printf(out, "  overcommit 0: heuristic, the limit is not enforced\n"); break;
	case 1: buf_printf(out, "  overcommit 1: always, the limit is not enforced\n"); break;
	case 2: buf_printf(out, "  overcommit 2: strict, allocations beyond the limit fail\n"); break;
	default: buf_printf(out, "  overcommit mode n/a\n"); break;
	}
	if (s->psi.have) {
		buf_printf(out, "  pressure some %.2f %.2f %.2f", s->psi.some.avg10,
		    s->psi.some.avg60, s->psi.some.avg300);
		if (s->psi.full.have)
			buf_printf(out, "  full %.2f %.2f %.2f", s->psi.full.avg10,
			    s->psi.full.avg60, s->psi.full.avg300);
		buf_printf(out, "  (avg10 avg60 avg300 %%)\n");
	} else
		buf_printf(out, "  pressure not available (%s)\n", s->status[ZT_SRC_PSI].why);
	if (zt_have(s->oom_kills))
		buf_printf(out, "  OOM kills since boot %lld%s", (long long)s->oom_kills,
		    zt_have(s->oom_kills_delta) && s->oom_kills_delta > 0 ? "  (new!)" : "");
	else if (!s->status[ZT_SRC_VMSTAT].ok)
		buf_printf(out, "  OOM kills n/a (%s)", s->status[ZT_SRC_VMSTAT].why);
	else if (oomreport_kv(s->kernel) >= ZT_KV(4, 13))
		/* oom_kill is a vm_event_item (4.13+): a kernel built without
		 * CONFIG_VM_EVENT_COUNTERS prints none of them (mm/vmstat.c).
		 * Judged by the release, which a replay has too, not by which
		 * counters the file holds, which it does not (and a partial
		 * capture lacks) */
		buf_printf(out, "  OOM kills n/a (vmstat has no oom_kill: a kernel "
		    "built without CONFIG_VM_EVENT_COUNTERS?)");
	else
		buf_printf(out, "  OOM kills n/a (vmstat has no oom_kill before 4.13)");
	buf_addc(out, '\n');
	for (int i = 0; i < s->nevents; i++) {
		const struct zt_event *e = &s->events[i];
		buf_printf(out, "  event: %s\n", e->text);
		/* an OOM kill: the kernel report's weightiest verdict line */
		if (e->kind == ZT_EV_OOM_KILL && e->detail[0])
			buf_printf(out, "         %s\n", e->detail);
	}
}

/* Every memory cgroup with a limit: an OOM scope of its own. */
static void
text_cgroups(struct zt_buf *out, const struct zt_snapshot *s)
{
	char a[16], b[16];
	int nlim = 0;

	for (int i = 0; i < s->ncgroups; i++)
		nlim += zt_have(s->cgroups[i].totalpages);
	if (nlim == 0)
		return;
	buf_printf(out, "\nMemory cgroups with a limit (%d; each ranks its "
	    "own OOM by its totalpages)\n", nlim);
	for (int i = 0; i < s->ncgroups; i++) {
		const struct zt_cgroup_info *c = &s->cgroups[i];
		if (!zt_have(c->totalpages))
			continue;
		buf_printf(out, "  %8s of %8s  totalpages %lld  ",
		    fmt_kb(a, sizeof a, c->usage_kb),
		    fmt_limit(b, sizeof b, c->limit_kb),
		    (long long)c->totalpages);
		if (c->predicted_victim > 0)
			buf_printf(out, "victim pid %d (%lld points)  ",
			    c->predicted_victim, (long long)c->victim_points);
		else
			buf_printf(out, "victim none  ");
		add_esc(out, c->path);
		buf_addc(out, '\n');
	}
}

static void
text_procs(struct zt_buf *out, const struct zt_snapshot *s, const struct out_opts *o)
{
	char a[16], b[16], sc[24], adj[24], a0[24], pt[24];
	long top = o && o->top >= 0 ? o->top : 20;

	if (s->status[ZT_SRC_PROCS].skipped)
		return;
	if (!s->status[ZT_SRC_PROCS].ok) {
		buf_printf(out, "\nOOM candidates: not available (%s)\n", s->status[ZT_SRC_PROCS].why);
		return;
	}
	if (s->cgroup.path[0]) {
		const struct zt_cgroup_info *c = &s->cgroup;
		buf_printf(out, "\nCgroup ");
		add_esc(out, c->path);
		if (!c->have)
			buf_printf(out, ": not available (%s)\n", c->why);
		else {
			buf_printf(out, " (v%d): usage %s of limit %s", c->version,
			    fmt_kb(a, sizeof a, c->usage_kb), fmt_limit(b, sizeof b, c->limit_kb));
			buf_printf(out, "  swap %s of %s", fmt_kb(a, sizeof a, c->swap_usage_kb),
			    fmt_limit(b, sizeof b, c->swap_limit_kb));
			if (c->nmembers >= 0)
				buf_printf(out, "  %d members", c->nmembers);
			if (c->predicted_victim > 0)
				buf_printf(out, "  memcg OOM victim: pid %d", c->predicted_victim);
			if (zt_have(c->victim_points))
				buf_printf(out, " (%lld points of totalpages %lld)",
				    (long long)c->victim_points,
				    (long long)c->totalpages);
			for (int i = 0; i < c->events.n; i++)
				buf_printf(out, "  %s %lld", c->events.v[i].key,
				    (long long)c->events.v[i].val);
			buf_addc(out, '\n');
		}
	}
	text_cgroups(out, s);
	if (s->nprocs_total == 0) {
		buf_printf(out, "\nOOM candidates: none (%s)\n", s->live ?
		    "no process readable" : "the capture has no PID directories");
		return;
	}
	buf_printf(out, "\nOOM candidates (%d shown of %d processes",
	    (int)(top < s->nprocs ? top : s->nprocs), s->nprocs_total);
	if (s->procs_filter[0] != '\0')
		buf_printf(out, ", %d matching %s", s->nprocs, s->procs_filter);
	buf_printf(out, "; predicted victim: ");
	if (s->predicted_victim) {
		bool in = false;
		for (int i = 0; i < s->nprocs && !in; i++)
			in = s->procs[i].pid == s->predicted_victim;
		buf_printf(out, "pid %d%s)\n", s->predicted_victim,
		    s->procs_filter[0] != '\0' && !in ? ", outside the filter" : "");
	} else
		buf_printf(out, "none)\n");
	/* live: which path read them, and why not BPF (recordings made
	 * before the BPF path say neither) */
	if (s->live && s->procs_source == ZT_PROCS_BPF)
		buf_printf(out, "Read through the BPF task iterator: exact points%s\n",
		    s->points_counts == ZT_COUNTS_CENTRAL_SEEN ?
		    " (the counters' central values: this kernel's OOM killer"
		    " reads them, as its oom_score shows)" :
		    s->points_counts == ZT_COUNTS_SUM_SEEN ?
		    " (the counters' sums: this kernel's OOM killer reads them,"
		    " as its oom_score shows)" : "");
	else if (s->live && s->bpf_why[0] != '\0')
		buf_printf(out, "Read from /proc (BPF: %s)\n", s->bpf_why);
	buf_printf(out, "%5s %7s %-10s %5s %5s %5s %9s %8s %8s %6s  %s\n", "RANK",
	    "PID", "USER", "SCORE", "ADJ", "ADJ0", "POINTS", "RSS", "SWAP", "SHARE",
	    "COMMAND / CGROUP");
	for (int i = 0; i < s->nprocs && i < top; i++) {
		const struct zt_proc *p = &s->procs[i];
		char mark = ' ';

		if (p->pid == s->predicted_victim)
			mark = '>';
		else if (!p->killable)
			mark = '-';

		buf_printf(out, "%c%4d %7d ", mark, p->rank, p->pid);
		if (p->user[0]) {
			char u[64];
			escape_text(u, 11, p->user, strlen(p->user));
			buf_printf(out, "%-10s ", u);
		} else
			buf_printf(out, "%-10s ", "n/a");
		buf_printf(out, "%5s %5s %5s %9s %8s %8s ", num(sc, 24, p->oom_score),
		    num(adj, 24, p->oom_score_adj), num(a0, 24, p->score_adj0),
		    num(pt, 24, p->points),
		    fmt_kb(a, sizeof a, p->rss_kb), fmt_kb(b, sizeof b, p->swap_kb));
		if (isnan(p->badness_share))
			buf_printf(out, "%6s  ", "n/a");
		else
			buf_printf(out, "%5.1f%%  ", 100 * p->badness_share);
		add_cmd(out, p->cmdline && p->cmdline[0] ? p->cmdline : p->comm);
		if (p->cgroup) {
			buf_printf(out, "  [");
			add_esc(out, p->cgroup);
			buf_addc(out, ']');
		}
		buf_addc(out, '\n');
	}
	buf_printf(out, "  '>' predicted victim, '-' unkillable (oom_score_adj -1000 or init)\n");
}

void
text_snapshot(struct zt_buf *out, const struct zt_snapshot *s,
    const struct out_opts *o)
{
	text_header(out, s);
	text_zones(out, s);
	text_buddy(out, s);
	text_alloc(out, s);
	text_memory(out, s);
	vm_text(&s->vm, s, out);
	text_procs(out, s, o);
	bool any = false;
	for (int i = 0; i < ZT_SRC_COUNT; i++) {
		if (s->status[i].ok || s->status[i].skipped)
			continue;
		if (!any)
			buf_printf(out, "\nNot available:\n");
		any = true;
		buf_printf(out, "  %s\n", s->status[i].why);
	}
	buf_addc(out, '\n');
}
