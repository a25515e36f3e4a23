/*
 * view.c: the view state and what changes it: the moves the key
 * handlers (keys.c, where the key table is) and clicks make, the
 * oom_score_adj dialog, the history rings fed from each snapshot.
 * Layout decides which panels get rows on a given terminal; clamping
 * keeps selections and scroll offsets inside what is shown.  Snapshots
 * are only read here.
 */
#include "view.h"

#include <curses.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/derive.h"
#include "../src/util.h"

#define CTRL(c) ((c) & 0x1f)

/* from ZT_INTERVAL_MIN to ZT_INTERVAL_MAX */
static const double interval_steps[] = {
	ZT_INTERVAL_MIN, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 15, 30, 60, 120, 300,
	600, 1800, 3600, 7200, 21600, 43200, ZT_INTERVAL_MAX,
};

void
ui_view_init(struct ui_view *v, double interval)
{
	memset(v, 0, sizeof *v);
	v->interval = interval > 0 ? interval : 2;
	v->sort = COL_RANK;
	v->focus = PANEL_ZONES;
	v->help_from = MODE_MAIN;
	v->body_max = 1000000;	/* until a draw knows the content */
	v->protect_level = PROTECT_ADJ_DEFAULT;
	replay_init(&v->rp);
}

void
ui_view_free(struct ui_view *v)
{
	free(v->zh);
	v->zh = NULL;
	v->nzh = 0;
	protect_log_free(&v->changes);
	replay_free(&v->rp);
}
void
ui_view_message(struct ui_view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* clang 14's analyzer does not see va_start here */
	vsnprintf(v->msg, sizeof v->msg, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	v->msg_until = v->now + 4;
}

double
ui_interval_step(double cur, int dir)
{
	int n = (int)ZT_ARRAY_LEN(interval_steps);

	if (dir > 0) {
		for (int i = 0; i < n; i++)
			if (interval_steps[i] > cur + 1e-9)
				return interval_steps[i];
		return interval_steps[n - 1];
	}
	for (int i = n - 1; i >= 0; i--)
		if (interval_steps[i] < cur - 1e-9)
			return interval_steps[i];
	return interval_steps[0];
}

static void sel_follow(struct ui_view *v, const struct zt_snapshot *s);

const struct ui_zone_hist *
ui_view_zone_hist(const struct ui_view *v, int node, const char *name)
{
	struct ui_view *w = (struct ui_view *)v;

	return ui_zone_hist_find(&w->zh, &w->nzh, node, name, false);
}

void
ui_view_observe(struct ui_view *v, const struct zt_snapshot *s)
{
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		struct ui_zone_hist *h = ui_zone_hist_find(&v->zh, &v->nzh,
		    z->node, z->name, true);

		ui_hist_push(&h->free, zt_have(z->free) ? (double)z->free : NAN);
		if (z->pt != NULL) {
			h->pt = *z->pt;
			h->have_pt = true;
			h->pt_when = s->when;
			h->pt_block_order = s->pageblock_order;
		}
	}
	if (!isnan(s->pswpin_per_s) && !isnan(s->pswpout_per_s))
		ui_hist_push(&v->swap_io, s->pswpin_per_s + s->pswpout_per_s);
	else
		ui_hist_push(&v->swap_io, NAN);
	sel_follow(v, s);
}

/* ---- zones and candidates ---- */

int
ui_zone_rows(const struct zt_snapshot *s, int *out, int max)
{
	int n = 0;

	for (int i = 0; s != NULL && i < s->nzones; i++) {
		if (s->zones[i].empty)
			continue;
		if (out != NULL && n < max)
			out[n] = i;
		n++;
	}
	return n;
}

int
ui_selected_zone(const struct ui_view *v, const struct zt_snapshot *s)
{
	int n = ui_zone_rows(s, NULL, 0);
	int *rows;
	int z;

	if (n == 0 || v->zsel < 0 || v->zsel >= n)
		return -1;
	rows = xcalloc((size_t)n, sizeof *rows);
	ui_zone_rows(s, rows, n);
	z = rows[v->zsel];
	free(rows);
	return z;
}

/* The selection follows the process, as in htop: after each key or
 * click the process under it is remembered (pid and start time); when
 * a sample re-ranks the list, the selection moves to where it went.
 * When it is gone, the row that took its place is selected. */
void
ui_view_sel_remember(struct ui_view *v, const struct zt_snapshot *s)
{
	const struct zt_proc *p = ui_selected_proc(v, s);

	v->sel_pid = p != NULL ? p->pid : 0;
	v->sel_start = p != NULL ? p->start_time : 0;
}

static void
sel_follow(struct ui_view *v, const struct zt_snapshot *s)
{
	int *order, n;

	if (v->sel_pid == 0 || s == NULL || s->procs == NULL)
		return;
	order = xcalloc((size_t)s->nprocs + 1, sizeof *order);
	n = ui_proc_order(s, v, order);
	for (int i = 0; i < n; i++) {
		const struct zt_proc *p = &s->procs[order[i]];
		if (p->pid == v->sel_pid && p->start_time == v->sel_start) {
			v->psel = i;
			free(order);
			return;
		}
	}
	free(order);
	if (v->psel >= n && n > 0)
		v->psel = n - 1;
	ui_view_sel_remember(v, s);
}

/* ---- events ---- */

const struct zt_event *
ui_event(const struct zt_snapshot *s, int i)
{
	if (s == NULL || i < 0 || i >= s->nevents)
		return NULL;
	return &s->events[s->nevents - 1 - i];
}

int
ui_event_height(const struct zt_event *e)
{
	return e != NULL && e->kind == ZT_EV_OOM_KILL ? 2 : 1;
}

const struct zt_event *
ui_last_oom(const struct zt_snapshot *s, int *n)
{
	const struct zt_event *last = NULL;
	int k = 0;

	for (int i = 0; s != NULL && i < s->nevents; i++)
		if (s->events[i].kind == ZT_EV_OOM_KILL) {
			last = &s->events[i];
			k++;
		}
	if (n != NULL)
		*n = k;
	return last;
}

const char *
ui_event_kind_name(int kind)
{
	static const char *const names[ZT_EV_NKINDS] = {
		[ZT_EV_OOM_KILL] = "OOM kill",
		[ZT_EV_ZONE_APPEARED] = "zone came",
		[ZT_EV_ZONE_VANISHED] = "zone went",
		[ZT_EV_ZONE_RESIZED] = "zone resized",
		[ZT_EV_SOURCE_LOST] = "source lost",
	};

	return kind >= 0 && kind < ZT_EV_NKINDS ? names[kind] : "?";
}

/* ---- requests to the sampler ---- */

int
ui_view_detail_rows(const struct ui_view *v)
{
	if (!ui_rank_order(v))
		return -1;
	if (v->lay.proc_rows <= 0)
		return 64;
	/* a page beyond what is shown, so paging down finds rows read */
	return v->ptop + 2 * v->lay.proc_rows;
}

bool
ui_view_wants_pagetypeinfo(const struct ui_view *v)
{
	return v->mode == MODE_DETAIL && v->detail_pid == 0 &&
	    !v->detail_is_event && !v->detail_verdict;
}

/* ---- layout ---- */

static int
imin(int a, int b)
{
	return a < b ? a : b;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

/* Columns the fragmentation panel needs: name, a cell per order, the
 * highest free order and the check for orders 0..3. */
static int
frag_width(const struct zt_snapshot *s, bool wide)
{
	int norders = 11;

	for (int i = 0; s != NULL && i < s->nzones; i++)
		if (s->zones[i].norders > 0)
			norders = s->zones[i].norders;
	return 10 + norders * (wide ? 2 : 1) + 6 + 9 + 2;
}

/* Columns a verdict line takes: UTF-8 characters (the lines are
 * printable text; draw_escape keeps them as they are). */
static int
verdict_cols(const char *t)
{
	int n = 0;

	for (; *t != '\0'; t++)
		n += ((unsigned char)*t & 0xC0) != 0x80;
	return n;
}

int
ui_verdict_lines(const struct zt_snapshot *s, int w)
{
	int lines = 1, x = 0, n;

	if (s == NULL || w <= 0)
		return 1;
	n = s->verdict.n < ZT_VERDICT_MAX ? s->verdict.n : ZT_VERDICT_MAX;
	/* packed as draw_verdict packs them: " · " between items on a line */
	for (int i = 0; i < n; i++) {
		int need = verdict_cols(s->verdict.line[i]);
		if (x > 0 && x + 3 + need > w) {
			lines++;
			x = 0;
		}
		x += (x > 0 ? 3 : 0) + need;
	}
	return lines;
}

/* The candidates' rows kept at least: 3, or 1 to say "no processes"
 * on a capture or recording that has none (its verdict gets the rest). */
static int
layout_proc_min(const struct zt_snapshot *s)
{
	return s != NULL && !s->live && s->nprocs == 0 ? 1 : 3;
}

/* The layout with a verdict vh lines high, ev_more event rows beyond
 * the usual few and pmin candidate rows at least. */
static void
layout_at(struct ui_view *v, const struct zt_snapshot *s, int w, int h,
    int vh, int ev_more, int pmin)
{
	struct ui_layout *L = &v->lay;
	int nz, zextra, zr, rest, y, fw;
	bool wide;

	memset(L, 0, sizeof *L);
	L->w = w;
	L->h = h;
	if (w < UI_MIN_W || h < UI_MIN_H) {
		L->too_small = true;
		return;
	}
	L->header = (struct ui_box){ 0, 0, 1, w };
	L->verdict = (struct ui_box){ 1, 0, vh, w };
	L->footer = (struct ui_box){ h - 1, 0, 1, w };
	L->body_rows = h - 3;

	nz = ui_zone_rows(s, NULL, 0);
	L->nzone_rows = nz;
	L->nempty = s != NULL ? s->nzones - nz : 0;
	wide = w >= UI_WIDE;
	/* between verdict and footer; swap takes 3, the candidates their
	 * title, heading and rows */
	rest = h - 2 - L->verdict.h - 3 - 2 - pmin;
	zextra = 1 + (L->nempty > 0) + 1;
	/* the newest OOM kill: two lines, fewer when the zones need them */
	if (ui_last_oom(s, NULL) != NULL) {
		int bh = 2;
		/* its second line gives way to a zone row */
		while (bh > 1 && rest - bh < 1 + imax(nz, 1))
			bh--;
		while (bh > 0 && rest - bh < zextra + 1)
			bh--;
		L->banner = (struct ui_box){ 1 + L->verdict.h, 0, bh, w };
		rest -= bh;
	}
	zr = imax(nz, 1);
	if (zextra + zr + (wide ? 0 : 1 + zr) > rest) {
		/* every zone first: fragmentation goes below (it needs a row
		 * per zone), then the lines under the zones (empty zones,
		 * then present-managed), and only then zone rows */
		while (zextra > 1 && zextra + zr > rest)
			zextra--;
		if (zextra + zr > rest)
			zr = imax(1, rest - zextra);
	}
	L->zone_rows = imin(zr, imax(nz, 1));
	y = 1 + L->verdict.h + L->banner.h;
	fw = wide ? imin(frag_width(s, true), w / 2) : w;
	L->zones = (struct ui_box){ y, 0, zextra + L->zone_rows, wide ? w - fw : w };
	rest -= L->zones.h;
	y += L->zones.h;
	if (wide)
		L->frag = (struct ui_box){ L->zones.y, w - fw, L->zones.h, fw };
	else if (rest >= 1 + L->zone_rows) {
		L->frag = (struct ui_box){ y, 0, 1 + L->zone_rows, w };
		rest -= L->frag.h;
		y += L->frag.h;
	}
	/* swap devices: a line each while there is room */
	if (s != NULL && s->nswaps > 0)
		L->swap_devs = imin(imin(s->nswaps, 4), imax(rest - 2, 0));
	L->swap = (struct ui_box){ y, 0, 3 + L->swap_devs, w };
	rest -= L->swap_devs;
	y += L->swap.h;
	/* events: the newest few, when something happened (beyond the kill
	 * the banner shows) or rows are spare */
	{
		int nev = s != NULL ? s->nevents - (L->banner.h > 0) : 0;
		int want = imin(imax(nev, 1), (h >= 40 ? 6 : 3) + ev_more);
		if ((nev > 0 && rest >= 1 + want) || rest >= 12) {
			L->event_rows = imin(want, rest - 1);
			L->events = (struct ui_box){ y, 0, 1 + L->event_rows, w };
			rest -= L->events.h;
			y += L->events.h;
		}
	}
	/* --cgroup: its limit, usage and OOM events above the candidates */
	if (s != NULL && s->cgroup.path[0] && rest > 0) {
		L->cgroup_y = y;
		y++;
		rest--;
	}
	L->procs = (struct ui_box){ y, 0, 2 + pmin + rest, w };
	L->proc_rows = L->procs.h - 2;
	ui_view_clamp(v, s);
}

/*
 * The verdict gets a second and third line on taller terminals; rows the
 * candidates leave empty (a short list, a filter) go to the rest of the
 * verdict, then to more events.  v shows the whole verdict anyway.
 */
void
ui_layout(struct ui_view *v, const struct zt_snapshot *s, int w, int h)
{
	int base = h >= 40 ? 3 : h >= 30 ? 2 : 1, spare, vh, more = 0;
	int pmin = layout_proc_min(s);

	/* first with 3 candidate rows: what the panels take is decided
	 * before the verdict grows, whatever the candidates leave */
	layout_at(v, s, w, h, base, 0, 3);
	if (v->lay.too_small || s == NULL)
		return;
	/* the candidates keep their rows (1 when there are none to show) */
	spare = imax(0, v->lay.proc_rows - imax(ui_proc_total(s, v), pmin));
	/* as many lines as it needs: fewer than base when it needs fewer
	 * (the rows go to the candidates), more while rows are spare */
	vh = imin(base + spare, ui_verdict_lines(s, w));
	spare -= imax(0, vh - base);
	if (v->lay.events.h > 0) {
		int nev = s->nevents - (v->lay.banner.h > 0);
		more = imax(0, imin(spare, nev - v->lay.event_rows));
	}
	if (vh != base || more > 0)
		layout_at(v, s, w, h, vh, more, imin(pmin, 3));
}

static void
clamp_list(int *sel, int *top, int n, int rows)
{
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < 0)
		*sel = 0;
	if (rows < 1)
		rows = 1;
	if (*top > *sel)
		*top = *sel;
	if (*sel >= *top + rows)
		*top = *sel - rows + 1;
	if (*top > n - rows)
		*top = n - rows;
	if (*top < 0)
		*top = 0;
}

/* The events view: the selected event whole on the screen. */
static void
clamp_events(struct ui_view *v, const struct zt_snapshot *s)
{
	int n = s != NULL ? s->nevents : 0;
	int rows = v->lay.body_rows - UI_EVENTS_HEAD;

	if (v->esel >= n)
		v->esel = n - 1;
	if (v->esel < 0)
		v->esel = 0;
	if (v->etop > v->esel)
		v->etop = v->esel;
	if (v->etop < 0)
		v->etop = 0;
	for (;;) {
		int used = 0;
		for (int i = v->etop; i <= v->esel; i++)
			used += ui_event_height(ui_event(s, i));
		if (used <= rows || v->etop >= v->esel)
			break;
		v->etop++;
	}
	/* and no rows left empty below the last while earlier ones fit */
	while (v->etop > 0) {
		int used = 0;
		for (int i = v->etop - 1; i < n; i++)
			used += ui_event_height(ui_event(s, i));
		if (used > rows)
			break;
		v->etop--;
	}
}

void
ui_view_clamp(struct ui_view *v, const struct zt_snapshot *s)
{
	clamp_events(v, s);
	clamp_list(&v->zsel, &v->ztop, ui_zone_rows(s, NULL, 0),
	    v->lay.zone_rows);
	clamp_list(&v->psel, &v->ptop, ui_proc_total(s, v), v->lay.proc_rows);
	clamp_list(&v->csel, &v->ctop, s != NULL ? s->ncgroups : 0,
	    v->lay.body_rows - UI_CGROUPS_HEAD);
	if (v->focus == PANEL_FRAG && v->lay.frag.h == 0)
		v->focus = PANEL_ZONES;
	if (v->help_top < 0)
		v->help_top = 0;
	if (v->detail_top < 0)
		v->detail_top = 0;
}

/* ---- actions ---- */

void
ui_view_focus_step(struct ui_view *v, int dir)
{
	static const int order[] = { PANEL_ZONES, PANEL_FRAG, PANEL_PROCS };
	int n = (int)ZT_ARRAY_LEN(order), at = 0;

	for (int i = 0; i < n; i++)
		if (order[i] == v->focus)
			at = i;
	for (int k = 0; k < n; k++) {
		at = (at + dir + n) % n;
		if (order[at] != PANEL_FRAG || v->lay.frag.h > 0)
			break;
	}
	v->focus = order[at];
}

/* Move the focused list by delta rows (INT_MAX-ish for the ends). */
void
ui_view_move_sel(struct ui_view *v, const struct zt_snapshot *s, int delta)
{
	if (v->mode == MODE_EVENTS)
		v->esel += delta;
	else if (v->mode == MODE_CGROUPS)
		v->csel += delta;
	else if (v->focus == PANEL_PROCS)
		v->psel += delta;
	else
		v->zsel += delta;
	ui_view_clamp(v, s);
}

int
ui_view_page_rows(const struct ui_view *v)
{
	int r;

	if (v->mode == MODE_EVENTS)
		r = (v->lay.body_rows - UI_EVENTS_HEAD) / 2;
	else if (v->mode != MODE_MAIN)	/* under the title, a row kept
					 * (the cgroups view's heading) */
		r = v->lay.body_rows - UI_CGROUPS_HEAD;
	else if (v->focus == PANEL_PROCS)
		r = v->lay.proc_rows;
	else
		r = v->lay.zone_rows;
	return r > 1 ? r : 1;
}

void
ui_view_scroll_body(struct ui_view *v, int delta)
{
	int *top = v->mode == MODE_HELP ? &v->help_top : &v->detail_top;

	/* from "following the end", scroll from where the end is */
	if (*top > v->body_max)
		*top = v->body_max;
	if (delta == -1000000)
		*top = 0;
	else if (delta == 1000000)
		*top = 1000000;		/* draw shows the end, as it grows too */
	else
		*top += delta;
	if (*top < 0)
		*top = 0;
}

/* The column shown dir (1 or -1) places from the sort column, in the
 * order they are shown; columns zonetoprc leaves out, and the cgroup
 * where the terminal is too narrow for it, are skipped. */
int
ui_view_sort_step(const struct ui_view *v, int dir)
{
	static const int all[COL_N] = {
		COL_RANK, COL_PID, COL_USER, COL_SCORE, COL_ADJ, COL_RSS, COL_SWAP,
		COL_SHARE, COL_CGROUP, COL_CMD,
	};
	const int *order = v->ncols > 0 ? v->cols : all;
	int n = v->ncols > 0 ? v->ncols : COL_N, shown[COL_N], k = 0, at;
	struct ui_cols c;

	/* before the first draw there is no width: every column counts */
	ui_view_columns(v, v->lay.procs.w > 0 ? v->lay.procs.w : UI_WIDE, &c);
	for (int i = 0; i < n; i++)
		if (c.w[order[i]] > 0)
			shown[k++] = order[i];
	if (k == 0)
		return v->sort;
	/* from a column not shown, the first (or the last) */
	at = dir > 0 ? -1 : k;
	for (int i = 0; i < k; i++)
		if (shown[i] == v->sort)
			at = i;
	return shown[((at + dir) % k + k) % k];
}

/* Enter in the cgroups view: the candidates ranked inside the cgroup. */
static void
open_scope(struct ui_view *v, const struct zt_snapshot *s)
{
	int *order = xcalloc((size_t)s->ncgroups + 1, sizeof *order);
	int n = ui_cgroups_order(s, order);

	if (v->csel >= 0 && v->csel < n) {
		const struct zt_cgroup_info *c = &s->cgroups[order[v->csel]];
		if (v->replay)
			ui_view_message(v, "a recording keeps the machine's "
			    "ranking: scoping needs the live sampler");
		else {
			strlcpy0(v->scope, c->path, sizeof v->scope);
			v->mode = MODE_MAIN;
			v->focus = PANEL_PROCS;
			v->psel = v->ptop = 0;
			ui_view_message(v, "ranked inside the cgroup from the next "
			    "sample; Esc: the machine's ranking");
		}
	}
	free(order);
}

void
ui_view_open_detail(struct ui_view *v, const struct zt_snapshot *s)
{
	if (s == NULL)
		return;
	if (v->mode == MODE_CGROUPS) {
		open_scope(v, s);
		return;
	}
	if (v->mode == MODE_EVENTS) {
		const struct zt_event *e = ui_event(s, v->esel);
		if (e != NULL) {
			v->detail_ev = *e;
			v->detail_is_event = true;
			v->detail_verdict = false;
			v->detail_pid = 0;
			v->mode = MODE_DETAIL;
			v->detail_top = 0;
		}
		return;
	}
	v->detail_is_event = false;
	v->detail_verdict = false;
	if (v->focus == PANEL_PROCS) {
		const struct zt_proc *p = ui_selected_proc(v, s);
		if (p != NULL) {
			v->detail_pid = p->pid;
			v->mode = MODE_DETAIL;
			v->detail_top = 0;
		}
		return;
	}
	int zi = ui_selected_zone(v, s);
	if (zi < 0)
		return;
	v->detail_pid = 0;
	v->detail_node = s->zones[zi].node;
	strlcpy0(v->detail_name, s->zones[zi].name, sizeof v->detail_name);
	v->mode = MODE_DETAIL;
	v->detail_top = 0;
}

/* v: the whole verdict as a detail view; again closes it */
void
ui_view_toggle_verdict(struct ui_view *v)
{
	if (v->mode == MODE_DETAIL && v->detail_verdict) {
		v->mode = MODE_MAIN;
		v->detail_verdict = false;
	} else if (v->mode == MODE_MAIN ||
	    (v->mode == MODE_DETAIL && !v->detail_is_event)) {
		v->mode = MODE_DETAIL;
		v->detail_verdict = true;
		v->detail_top = 0;
	}
}

void
ui_view_prompt(struct ui_view *v, int kind)
{
	v->mode = MODE_PROMPT;
	v->prompt = kind;
	v->input_len = 0;
	v->input[0] = '\0';
	if (kind == PROMPT_FILTER) {
		strlcpy0(v->saved_filter, v->filter, sizeof v->saved_filter);
		v->input_len = (int)strlcpy0(v->input, v->filter, sizeof v->input);
	}
}


void
ui_view_set_interval(struct ui_view *v, double iv)
{
	v->interval = iv;
	if (v->replay)
		ui_view_message(v, "a replay plays at the speed of 1, 2 or 3: the "
		    "interval has no effect");
	else if (v->still)
		ui_view_message(v, "a capture is a still: the interval has no effect");
	else
		ui_view_message(v, "interval %gs", iv);
}

/* ---- the oom_score_adj dialog ---- */

static int
clamp_adj(int adj)
{
	return adj < PROTECT_ADJ_MIN ? PROTECT_ADJ_MIN :
	    adj > PROTECT_ADJ_MAX ? PROTECT_ADJ_MAX : adj;
}

/* A value read or stepped: shown whole, and a digit typed replaces it. */
static void
dialog_set_value(struct ui_dialog *d, int adj)
{
	d->adj = clamp_adj(adj);
	d->input_len = snprintf(d->input, sizeof d->input, "%d", d->adj);
	d->fresh = true;
	d->err[0] = '\0';
}

static void
dialog_parse(struct ui_dialog *d)
{
	int adj;

	if (d->input_len == 0)
		snprintf(d->err, sizeof d->err, "type a value (-1000..1000)");
	else if (protect_parse_adj(d->input, &adj, d->err, sizeof d->err) == 0) {
		d->adj = adj;
		d->err[0] = '\0';
	}
}

/* The edit dialog's field: digits, a leading '-', Backspace, ^U; + and
 * - (Up, Down) step the value by UI_ADJ_STEP.  '-' on an empty field is
 * the sign of what is typed next. */
static void
dialog_edit_key(struct ui_dialog *d, int key)
{
	if (key == '+' || key == KEY_UP) {
		dialog_set_value(d, d->adj + UI_ADJ_STEP);
		return;
	}
	if ((key == '-' && d->input_len > 0) || key == KEY_DOWN) {
		dialog_set_value(d, d->adj - UI_ADJ_STEP);
		return;
	}
	if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		d->input_len = d->fresh || d->input_len == 0 ? 0 : d->input_len - 1;
	} else if (key == CTRL('u')) {
		d->input_len = 0;
	} else if ((key >= '0' && key <= '9') || key == '-') {
		if (d->fresh)
			d->input_len = 0;
		if (d->input_len < 5)	/* "-1000" */
			d->input[d->input_len++] = (char)key;
	} else
		return;
	d->input[d->input_len] = '\0';
	d->fresh = false;
	dialog_parse(d);
}

void
ui_dialog_open(struct ui_view *v, const struct zt_snapshot *s, int kind)
{
	struct ui_dialog *d = &v->dlg;
	const struct zt_proc *p;
	int orig = 0;

	if (s == NULL)
		return;
	if (!s->live || v->replay) {
		ui_view_message(v, "not the running system (a capture or a "
		    "recording): p, e and u change live processes only");
		return;
	}
	if (v->mode == MODE_DETAIL) {
		/* a process's detail view: that process */
		if (v->detail_pid <= 0 || v->detail_is_event || v->detail_verdict) {
			ui_view_message(v, "p, e and u act on a process: open one "
			    "with Enter on a candidate");
			return;
		}
		p = NULL;
		for (int i = 0; i < s->nprocs; i++)
			if (s->procs[i].pid == v->detail_pid)
				p = &s->procs[i];
		if (p == NULL) {
			ui_view_message(v, "pid %d is not in this sample (it "
			    "exited?): nothing to change", v->detail_pid);
			return;
		}
	} else {
		/* the row the dialog is about is shown selected */
		v->focus = PANEL_PROCS;
		ui_view_clamp(v, s);
		if ((p = ui_selected_proc(v, s)) == NULL) {
			ui_view_message(v, "no candidate selected");
			return;
		}
	}
	if (kind == DLG_RESTORE &&
	    !protect_original(&v->changes, p->pid, p->start_time, &orig)) {
		ui_view_message(v, "pid %d: zonetop has not changed its "
		    "oom_score_adj, nothing to restore", p->pid);
		return;
	}
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->req = DREQ_OPEN;
	d->pid = p->pid;
	d->start_time = p->start_time;
	memcpy(d->comm, p->comm, sizeof d->comm);
	if (p->cgroup != NULL)
		strlcpy0(d->cgroup, p->cgroup, sizeof d->cgroup);
	if (kind == DLG_EDIT)
		dialog_set_value(d, zt_have(p->oom_score_adj) ?
		    (int)p->oom_score_adj : 0);
	else
		d->adj = clamp_adj(kind == DLG_RESTORE ? orig : v->protect_level);
	v->dlg_back = v->mode;
	v->mode = MODE_DIALOG;
}

void
ui_dialog_opened(struct ui_view *v, int cur)
{
	struct ui_dialog *d = &v->dlg;

	d->have_cur = true;
	d->cur = cur;
	/* the edit starts from the value the process has now */
	if (d->kind == DLG_EDIT)
		dialog_set_value(d, cur);
}

void
ui_dialog_close(struct ui_view *v)
{
	v->dlg.kind = DLG_NONE;
	if (v->mode == MODE_DIALOG)
		v->mode = v->dlg_back == MODE_DETAIL ? MODE_DETAIL : MODE_MAIN;
}

void
ui_dialog_key(struct ui_view *v, int key)
{
	struct ui_dialog *d = &v->dlg;

	if (key == 27 || key == 'n' || key == 'N') {
		d->req = DREQ_CLOSE;
		ui_view_message(v, "cancelled: pid %d unchanged", d->pid);
		ui_dialog_close(v);
	} else if (key == 'y' || key == 'Y' || key == '\n' || key == '\r' ||
	    key == KEY_ENTER) {
		/* never a write the user could not see asked for */
		if (v->lay.too_small)
			return;
		if (d->kind == DLG_EDIT)
			dialog_parse(d);
		if (d->kind != DLG_EDIT || d->err[0] == '\0')
			d->req = DREQ_WRITE;
	} else if (key == CTRL('l'))
		v->redraw = true;
	else if (d->kind == DLG_EDIT)
		dialog_edit_key(d, key);
}
/* ---- mouse ---- */

static bool
in_box(const struct ui_box *b, int y, int x)
{
	return b->h > 0 && y >= b->y && y < b->y + b->h && x >= b->x &&
	    x < b->x + b->w;
}

static void
click_procs(struct ui_view *v, const struct zt_snapshot *s, int y, int x,
    int kind)
{
	const struct ui_box *b = &v->lay.procs;

	v->focus = PANEL_PROCS;
	if (y == b->y + 1 && kind == CLICK_PRESS) {
		/* a column heading sorts by it; again reverses */
		struct ui_cols c;
		ui_view_columns(v, b->w, &c);
		for (int i = 0; i < COL_N; i++) {
			if (c.w[i] > 0 && x >= c.x[i] && x < c.x[i] + c.w[i]) {
				if (v->sort == i)
					v->sort_rev = !v->sort_rev;
				else {
					v->sort = i;
					v->sort_rev = false;
				}
				v->psel = v->ptop = 0;
			}
		}
		return;
	}
	if (y >= b->y + 2) {
		v->psel = v->ptop + (y - b->y - 2);
		ui_view_clamp(v, s);
		if (kind == CLICK_DOUBLE)
			ui_view_open_detail(v, s);
	}
}

/* The events view's list starts below the header, the verdict and its
 * own head; an event takes ui_event_height() rows. */
static void
click_events(struct ui_view *v, const struct zt_snapshot *s, int y, int kind)
{
	int r = y - 2 - UI_EVENTS_HEAD, at = 0;

	if (kind == CLICK_WHEEL_UP || kind == CLICK_WHEEL_DOWN) {
		ui_view_move_sel(v, s, kind == CLICK_WHEEL_UP ? -3 : 3);
		return;
	}
	if (r < 0)
		return;
	for (int i = v->etop; ui_event(s, i) != NULL; i++) {
		at += ui_event_height(ui_event(s, i));
		if (r < at) {
			v->esel = i;
			ui_view_clamp(v, s);
			if (kind == CLICK_DOUBLE)
				ui_view_open_detail(v, s);
			return;
		}
	}
}

static void
click_dispatch(struct ui_view *v, const struct zt_snapshot *s, int y, int x,
    int kind)
{
	const struct ui_layout *L = &v->lay;
	int wheel = kind == CLICK_WHEEL_UP ? -3 : kind == CLICK_WHEEL_DOWN ? 3 : 0;

	if (L->too_small || v->mode == MODE_PROMPT || v->mode == MODE_DIALOG)
		return;
	if (v->mode == MODE_EVENTS) {
		click_events(v, s, y, kind);
		return;
	}
	if (v->mode != MODE_MAIN) {
		if (wheel != 0)
			ui_view_scroll_body(v, wheel);
		return;
	}
	if (in_box(&L->procs, y, x)) {
		if (wheel != 0) {
			v->focus = PANEL_PROCS;
			ui_view_move_sel(v, s, wheel);
		} else
			click_procs(v, s, y, x, kind);
		return;
	}
	if (in_box(&L->zones, y, x) || in_box(&L->frag, y, x)) {
		const struct ui_box *b = in_box(&L->zones, y, x) ? &L->zones : &L->frag;
		int row = y - b->y - 1;

		v->focus = b == &L->zones ? PANEL_ZONES : PANEL_FRAG;
		if (wheel != 0) {
			ui_view_move_sel(v, s, wheel);
			return;
		}
		if (row >= 0 && row < L->zone_rows) {
			v->zsel = v->ztop + row;
			ui_view_clamp(v, s);
			if (kind == CLICK_DOUBLE)
				ui_view_open_detail(v, s);
		}
	}
}

void
ui_view_click(struct ui_view *v, const struct zt_snapshot *s, int y, int x,
    int kind)
{
	click_dispatch(v, s, y, x, kind);
	ui_view_sel_remember(v, s);
}
