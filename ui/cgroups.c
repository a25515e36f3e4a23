/*
 * cgroups.c: the memory cgroups view (key C, MODE_CGROUPS).  Every
 * memory cgroup of the snapshot (s->cgroups, each its own OOM scope) in
 * one list, the ones closest to their limit first: usage against limit,
 * swap, the OOM kills and failcnt the cgroup counted, and the victim the
 * kernel would take if that cgroup hit its limit now, by its own
 * totalpages, and when usage rises toward the limit, when it gets
 * there (trend.c).  Enter ranks the candidates table inside the selected
 * cgroup (view.c's open_scope; the sampler ranks from the next sample),
 * Esc goes back.  Draws into a canvas; reads no file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/trend.h"
#include "../src/util.h"
#include "draw.h"

/* usage/limit in millionths; -1 without a limit or usage */
static int64_t
cg_fill(const struct zt_cgroup_info *c)
{
	if (!zt_have(c->usage_kb) || !zt_have(c->limit_kb) ||
	    c->limit_kb == ZT_NO_LIMIT || c->limit_kb <= 0)
		return -1;
	return c->usage_kb > INT64_MAX / 1000000 ? INT64_MAX :
	    c->usage_kb * 1000000 / c->limit_kb;
}

static int
cg_cmp(const void *a, const void *b, void *arg)
{
	const struct zt_snapshot *s = arg;
	const struct zt_cgroup_info *x = &s->cgroups[*(const int *)a];
	const struct zt_cgroup_info *y = &s->cgroups[*(const int *)b];
	int64_t fx = cg_fill(x), fy = cg_fill(y);
	int64_t ux = zt_have(x->usage_kb) ? x->usage_kb : -1;
	int64_t uy = zt_have(y->usage_kb) ? y->usage_kb : -1;

	if (fx != fy)
		return fx > fy ? -1 : 1;
	if (ux != uy)
		return ux > uy ? -1 : 1;
	return strcmp(x->path, y->path);
}

int
ui_cgroups_order(const struct zt_snapshot *s, int *out)
{
	if (s == NULL || s->ncgroups <= 0)
		return 0;
	for (int i = 0; i < s->ncgroups; i++)
		out[i] = i;
	if (s->ncgroups > 1)
		qsort_r(out, (size_t)s->ncgroups, sizeof *out, cg_cmp,
		    (void *)(uintptr_t)s);
	return s->ncgroups;
}

/* "pid comm" of a predicted victim, the comm when a row has it. */
static const char *
cg_victim(const struct zt_snapshot *s, int pid, char *buf, size_t len)
{
	char esc[96];

	if (pid <= 0)
		return "";
	for (int i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid && s->procs[i].comm[0]) {
			snprintf(buf, len, "%d %s", pid, draw_escape(esc, sizeof esc,
			    s->procs[i].comm));
			return buf;
		}
	snprintf(buf, len, "%d", pid);
	return buf;
}

enum { CX_USE = 0, CX_LIM = 9, CX_PCT = 18, CX_SWAP = 24, CX_OOM = 33,
	CX_FAIL = 38, CX_VICT = 47, CX_PATH = 70 };

static void
cg_row(struct canvas *cv, int y, const struct zt_snapshot *s,
    const struct zt_cgroup_info *c, bool sel)
{
	char b[64], v[96], p[300], t[16];
	int x;
	int64_t fill = cg_fill(c), ooms = kvs_get(&c->events, "oom_kill");
	int role = draw_sev_role(c->sev_usage);

	canvas_put(cv, y, CX_USE, 8, zt_have(c->usage_kb) ? RL_NORMAL : RL_NA,
	    zt_have(c->usage_kb) ? fmt_kb(b, sizeof b, c->usage_kb) : "n/a");
	canvas_put(cv, y, CX_LIM, 8, RL_NORMAL, !zt_have(c->limit_kb) ? "n/a" :
	    c->limit_kb == ZT_NO_LIMIT ? "max" : fmt_kb(b, sizeof b, c->limit_kb));
	if (fill >= 0)
		snprintf(b, sizeof b, "%.0f%%", (double)fill / 10000.0);
	canvas_put(cv, y, CX_PCT, 5, fill >= 0 ? role : RL_DIM,
	    fill >= 0 ? b : "-");
	canvas_put(cv, y, CX_SWAP, 8, zt_have(c->swap_usage_kb) ? RL_NORMAL : RL_NA,
	    zt_have(c->swap_usage_kb) ? fmt_kb(b, sizeof b, c->swap_usage_kb) :
	    "n/a");
	if (!zt_have(ooms))	/* v2 before 4.13 counts "oom" only */
		ooms = kvs_get(&c->events, "oom");
	canvas_put(cv, y, CX_OOM, 4, zt_have(ooms) && ooms > 0 ? RL_WARN :
	    zt_have(ooms) ? RL_NORMAL : RL_NA, draw_i64(b, sizeof b, ooms));
	int64_t fc = kvs_get(&c->events, "failcnt");
	if (!zt_have(fc))	/* v2: hits of memory.max */
		fc = kvs_get(&c->events, "max");
	canvas_put(cv, y, CX_FAIL, 8, zt_have(fc) ? RL_NORMAL : RL_NA,
	    draw_i64(b, sizeof b, fc));
	if (!zt_have(c->totalpages))
		canvas_put(cv, y, CX_VICT, CX_PATH - CX_VICT - 1, RL_DIM,
		    "(no limit)");
	else if (c->predicted_victim > 0)
		canvas_put(cv, y, CX_VICT, CX_PATH - CX_VICT - 1, RL_VICTIM,
		    cg_victim(s, c->predicted_victim, v, sizeof v));
	else
		canvas_put(cv, y, CX_VICT, CX_PATH - CX_VICT - 1, RL_DIM,
		    s->victim_pending > 0 ? "pending" : "none");
	snprintf(p, sizeof p, "%*s%s", c->depth > 1 ? 2 * (c->depth - 1) : 0, "",
	    draw_escape(b, sizeof b, c->path));
	x = CX_PATH + canvas_put(cv, y, CX_PATH, -1, RL_NORMAL, p);
	/* time to trouble (trend.c): only while usage rises toward the
	 * limit, not at it already (USE says that) */
	if (c->eta_limit_s > 0) {
		snprintf(b, sizeof b, "limit in %s",
		    trend_fmt_eta(t, sizeof t, c->eta_limit_s));
		canvas_put(cv, y, x + 2, -1, draw_eta_role(c->sev_eta_limit), b);
	}
	if (sel)
		canvas_set_flag(cv, y, 0, cv->w, CELL_SEL);
}

/* The cpuset scopes (snapshot cpusets[]) below the cgroups, from row y
 * while room remains: nodes, totalpages, next victim, path. */
static void
cpusets_rows(struct canvas *cv, const struct zt_snapshot *s, int y, int end)
{
	char b[64], v[96], p[300];

	if (s->ncpusets == 0 || y + 2 >= end)
		return;
	y++;
	int x = canvas_put(cv, y, 0, -1, RL_TITLE, "CPUSETS");
	canvas_put(cv, y, x, -1, RL_DIM, "  restricted to some memory nodes; "
	    "each ranks its own OOM by their pages");
	y++;
	canvas_put(cv, y, CX_USE, -1, RL_LABEL, "NODES");
	canvas_put(cv, y, CX_PCT, -1, RL_LABEL, "PAGES");
	canvas_put(cv, y, CX_VICT, -1, RL_LABEL, "NEXT VICTIM");
	canvas_put(cv, y, CX_PATH, -1, RL_LABEL, "CPUSET");
	y++;
	for (int i = 0; i < s->ncpusets && y < end; i++, y++) {
		const struct zt_cpuset_info *c = &s->cpusets[i];
		canvas_put(cv, y, CX_USE, CX_PCT - CX_USE - 1, RL_NORMAL,
		    draw_escape(b, sizeof b, c->mems));
		canvas_put(cv, y, CX_PCT, CX_VICT - CX_PCT - 1,
		    zt_have(c->totalpages) ? RL_NORMAL : RL_NA,
		    draw_i64(b, sizeof b, c->totalpages));
		canvas_put(cv, y, CX_VICT, CX_PATH - CX_VICT - 1,
		    c->predicted_victim > 0 ? RL_VICTIM : RL_DIM,
		    c->predicted_victim > 0 ? cg_victim(s, c->predicted_victim,
		    v, sizeof v) : s->victim_pending > 0 ? "pending" : "none");
		canvas_put(cv, y, CX_PATH, -1, RL_NORMAL,
		    draw_escape(p, sizeof p, c->path));
	}
}

void
cgroups_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	int y = 2, end = cv->h - 1, x, n, shown = 0;
	int *order;
	char line[160];

	x = canvas_put(cv, y, 0, -1, RL_TITLE, "MEMORY CGROUPS");
	if (s == NULL)
		return;
	snprintf(line, sizeof line, "  %d, fullest first; each ranks its own "
	    "OOM by its limit; Enter: its candidates", s->ncgroups);
	canvas_put(cv, y, x, -1, RL_DIM, line);
	y++;
	canvas_put(cv, y, CX_USE, -1, RL_LABEL, "USAGE");
	canvas_put(cv, y, CX_LIM, -1, RL_LABEL, "LIMIT");
	canvas_put(cv, y, CX_PCT, -1, RL_LABEL, "USE");
	canvas_put(cv, y, CX_SWAP, -1, RL_LABEL, "SWAP");
	canvas_put(cv, y, CX_OOM, -1, RL_LABEL, "OOM");
	canvas_put(cv, y, CX_FAIL, -1, RL_LABEL, "FAILCNT");
	canvas_put(cv, y, CX_VICT, -1, RL_LABEL, "NEXT VICTIM");
	canvas_put(cv, y, CX_PATH, -1, RL_LABEL, "CGROUP");
	y++;
	if (s->ncgroups == 0) {
		canvas_put(cv, y, 0, -1, RL_DIM, "no memory cgroup below the "
		    "root (or no memory controller mounted)");
		cpusets_rows(cv, s, y + 1, end);
		return;
	}
	order = xcalloc((size_t)s->ncgroups, sizeof *order);
	n = ui_cgroups_order(s, order);
	for (int i = v->ctop; i < n && y < end; i++, y++, shown++)
		cg_row(cv, y, s, &s->cgroups[order[i]], i == v->csel);
	free(order);
	cpusets_rows(cv, s, y, end);
	if (v->ctop > 0 || v->ctop + shown < n) {
		snprintf(line, sizeof line, " %d-%d/%d", v->ctop + 1,
		    v->ctop + shown, n);
		canvas_put_right(cv, 2, 0, cv->w, RL_DIM, line);
	}
}
