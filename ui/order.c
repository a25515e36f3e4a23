/*
 * order.c: the candidates as the table shows them: which match the
 * filter (name, command or user, any case), in which order (the sort
 * column, reversed or not; a value the kernel did not give last), which
 * one the selection is on, and where each column goes at a width.  The
 * snapshot is only read; the view state says sort, filter and scope.
 */
#include "view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util.h"

static const char *const col_names[COL_N] = {
	"#", "PID", "USER", "OOM", "ADJ", "RSS", "SWAP", "SHARE", "CGROUP",
	"COMMAND",
};

/* Columns whose natural order is largest first. */
static const bool col_desc[COL_N] = {
	[COL_SCORE] = true, [COL_ADJ] = true, [COL_RSS] = true,
	[COL_SWAP] = true, [COL_SHARE] = true,
};

bool
ui_col_desc(int col)
{
	return col >= 0 && col < COL_N && col_desc[col];
}

const char *
ui_col_name(int col)
{
	return col >= 0 && col < COL_N ? col_names[col] : "?";
}

static bool
contains_nocase(const char *hay, const char *needle)
{
	return hay != NULL && strcasestr(hay, needle) != NULL;
}

static bool
proc_matches(const struct zt_proc *p, const char *f)
{
	return f[0] == '\0' || contains_nocase(p->comm, f) ||
	    contains_nocase(p->user, f) || contains_nocase(p->cmdline, f);
}

static int
cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

struct sort_ctx {
	const struct zt_snapshot *s;
	int col;
	bool desc;
	bool scoped;		/* ranked inside a cgroup (ui_view.scope) */
};

/* A value the kernel did not give sorts last, whatever the direction. */
static int
proc_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	const struct zt_proc *procs = c->s->procs, *a, *b;
	int64_t x = 0, y = 0;
	int r = 0;
	bool num = true;

	if (procs == NULL)
		return 0;
	a = &procs[*(const int *)pa];
	b = &procs[*(const int *)pb];
	switch (c->col) {
	case COL_RANK:
		/* scoped: the cgroup's own ranking, its unranked last */
		x = c->scoped ? (a->cgroup_rank > 0 ? a->cgroup_rank : INT32_MAX) :
		    a->rank;
		y = c->scoped ? (b->cgroup_rank > 0 ? b->cgroup_rank : INT32_MAX) :
		    b->rank;
		break;
	case COL_PID: x = a->pid; y = b->pid; break;
	case COL_SCORE: x = a->oom_score; y = b->oom_score; break;
	case COL_ADJ: x = a->oom_score_adj; y = b->oom_score_adj; break;
	case COL_RSS: x = a->rss_kb; y = b->rss_kb; break;
	case COL_SWAP: x = a->swap_kb; y = b->swap_kb; break;
	case COL_SHARE:
		x = isnan(a->badness_share) ? ZT_NA : (int64_t)(a->badness_share * 1e9);
		y = isnan(b->badness_share) ? ZT_NA : (int64_t)(b->badness_share * 1e9);
		break;
	default:
		num = false;
		break;
	}
	if (num) {
		if (!zt_have(x) || !zt_have(y))
			r = zt_have(x) ? -1 : zt_have(y) ? 1 : 0;
		else
			r = c->desc ? cmp_i64(y, x) : cmp_i64(x, y);
	} else {
		const char *sa = NULL, *sb = NULL;
		if (c->col == COL_USER) {
			sa = a->user;
			sb = b->user;
		} else if (c->col == COL_CGROUP) {
			sa = a->cgroup;
			sb = b->cgroup;
		} else {
			sa = a->comm;
			sb = b->comm;
		}
		if ((sa == NULL || !*sa) != (sb == NULL || !*sb))
			r = (sa == NULL || !*sa) ? 1 : -1;
		else
			r = c->desc ? cmp_str(sb, sa) : cmp_str(sa, sb);
	}
	if (r == 0)
		r = cmp_i64(a->rank, b->rank);
	if (r == 0)
		r = cmp_i64(a->pid, b->pid);
	return r;
}

int
ui_proc_order(const struct zt_snapshot *s, const struct ui_view *v, int *out)
{
	struct sort_ctx c = { s, v->sort, col_desc[v->sort] != v->sort_rev,
	    v->scope[0] != '\0' && s != NULL && s->cgroup.have };
	int n = 0;

	if (s == NULL || s->procs == NULL)
		return 0;
	for (int i = 0; i < s->nprocs; i++)
		if (proc_matches(&s->procs[i], v->filter))
			out[n++] = i;
	if (n > 1)
		qsort_r(out, (size_t)n, sizeof *out, proc_cmp, &c);
	return n;
}

int
ui_victim(const struct zt_snapshot *s, const struct ui_view *v)
{
	if (s == NULL)
		return 0;
	if (v->scope[0] != '\0' && s->cgroup.have)
		return s->cgroup.predicted_victim;
	return s->predicted_victim;
}

bool
ui_rank_order(const struct ui_view *v)
{
	return (v->sort == COL_RANK || v->sort == COL_SCORE) && !v->sort_rev &&
	    v->filter[0] == '\0';
}

int
ui_proc_total(const struct zt_snapshot *s, const struct ui_view *v)
{
	int n = 0;

	if (s == NULL)
		return 0;
	/* in rank order the rows past those read are known to exist (not
	 * in a recording: it has what it has; not under -p, -u, --cgroup:
	 * the rows are exactly the matches) */
	if (ui_rank_order(v) && !v->replay && s->procs_filter[0] == '\0')
		return s->nprocs_total > s->nprocs ? s->nprocs_total : s->nprocs;
	for (int i = 0; i < s->nprocs; i++)
		if (proc_matches(&s->procs[i], v->filter))
			n++;
	return n;
}

const struct zt_proc *
ui_selected_proc(const struct ui_view *v, const struct zt_snapshot *s)
{
	const struct zt_proc *p = NULL;
	int *order, n;

	if (s == NULL || s->procs == NULL)
		return NULL;
	order = xcalloc((size_t)s->nprocs + 1, sizeof *order);
	n = ui_proc_order(s, v, order);
	if (v->psel >= 0 && v->psel < n)
		p = &s->procs[order[v->psel]];
	free(order);
	return p;
}

/* The columns of order[n], left to right: the fixed ones at their
 * width, the cgroup (on wide terminals) and the command sharing the rest,
 * each of those two after a blank. */
static void
columns_in(const int *order, int n, int width, struct ui_cols *c)
{
	static const int fixed[COL_N] = {
		[COL_RANK] = 5, [COL_PID] = 8, [COL_USER] = 9, [COL_SCORE] = 5,
		[COL_ADJ] = 6, [COL_RSS] = 7, [COL_SWAP] = 7, [COL_SHARE] = 7,
	};
	int x = 1, rest = width - 2, cg = 0;
	bool has_cg = false;

	memset(c, 0, sizeof *c);
	for (int k = 0; k < n; k++) {
		rest -= fixed[order[k]];
		has_cg |= order[k] == COL_CGROUP;
	}
	if (rest < 4)
		rest = 4;
	/* the cgroup gets a column only on wide terminals, the command more */
	if (width >= UI_WIDE && has_cg) {
		cg = rest * 2 / 5 > 44 ? 44 : rest * 2 / 5;
		rest -= cg + 1;
	}
	for (int k = 0; k < n; k++) {
		int i = order[k];
		if (fixed[i] > 0) {
			c->x[i] = x;
			c->w[i] = fixed[i];
			x += fixed[i];
		} else if (i == COL_CGROUP && cg > 0) {
			c->x[i] = x + 1;
			c->w[i] = cg;
			x += cg + 1;
		} else if (i == COL_CMD) {
			c->x[i] = x + 1;
			c->w[i] = rest;
			x += rest + 1;
		}
	}
}

void
ui_proc_columns(int width, struct ui_cols *c)
{
	static const int all[COL_N] = {
		COL_RANK, COL_PID, COL_USER, COL_SCORE, COL_ADJ, COL_RSS, COL_SWAP,
		COL_SHARE, COL_CGROUP, COL_CMD,
	};

	columns_in(all, COL_N, width, c);
}

void
ui_view_columns(const struct ui_view *v, int width, struct ui_cols *c)
{
	if (v->ncols > 0)
		columns_in(v->cols, v->ncols, width, c);
	else
		ui_proc_columns(width, c);
}
