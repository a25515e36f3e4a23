/*
 * detail.c: the detail views opened with Enter.  A zone's shows every
 * field zoneinfo gave, the lowmem reserve per class zone, the watermark
 * check per class and order, the buddy lists with the unusable and
 * fragmentation index per order, and pagetypeinfo per migrate type (the
 * last one read, with its time, or why there is none).  A process's
 * shows its OOM figures (and what zonetop changed), cgroup and full
 * command line.  An event's explanation is drawn by events.c.
 */
#include "draw.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/util.h"

/*
 * A writer of label/value pairs in columns, line by line.  The pairs of
 * a run (up to the next line, section or the end) wait in p[] and are
 * laid out together, in columns as wide as their longest label and value
 * need, so a value is never cut while the screen has room for it: at 80
 * columns a zone of millions of pages gets two columns, not three cut.
 */
#define DW_MAX_PAIRS 16
#define DW_LABEL_W 13		/* the narrowest label column */
#define DW_COL_W 26		/* the narrowest column */

struct dw_pair {
	char label[24];
	char val[96];
	int role;
};

struct dw {
	struct canvas *cv;
	int y;
	int n;			/* pairs waiting in p[] */
	struct dw_pair p[DW_MAX_PAIRS];
};

static void
dw_init(struct dw *d, struct canvas *cv)
{
	d->cv = cv;
	d->y = 0;
	d->n = 0;
}

/* Lay out the pairs waiting, left to right, then down. */
static void
dw_newline(struct dw *d)
{
	int lw = DW_LABEL_W, vw = 0, cw, ncols;

	if (d->n == 0)
		return;
	for (int i = 0; i < d->n; i++) {
		int l = canvas_width(d->cv, d->p[i].label) + 1;
		int w = canvas_width(d->cv, d->p[i].val);
		lw = l > lw ? l : lw;
		vw = w > vw ? w : vw;
	}
	/* a blank between a value and the next label */
	cw = lw + vw + 1 > DW_COL_W ? lw + vw + 1 : DW_COL_W;
	ncols = 1 + (d->cv->w - 2 - lw - vw) / cw;
	if (ncols < 1)
		ncols = 1;
	for (int i = 0; i < d->n; i++) {
		int x = (i % ncols) * cw + 2;
		canvas_put(d->cv, d->y, x, lw, RL_LABEL, d->p[i].label);
		canvas_put(d->cv, d->y, x + lw, d->cv->w - x - lw, d->p[i].role,
		    d->p[i].val);
		if (i % ncols == ncols - 1 || i == d->n - 1)
			d->y++;
	}
	d->n = 0;
}

static void
dw_pair(struct dw *d, const char *label, const char *val, int role)
{
	if (d->n == DW_MAX_PAIRS)
		dw_newline(d);
	strlcpy0(d->p[d->n].label, label, sizeof d->p[0].label);
	strlcpy0(d->p[d->n].val, val, sizeof d->p[0].val);
	d->p[d->n].role = role;
	d->n++;
}

/* The rows used, the pairs waiting laid out. */
static int
dw_end(struct dw *d)
{
	dw_newline(d);
	return d->y;
}

int
draw_wrap(struct canvas *cv, int y, int x, int cont, int role,
    const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		int at = p == text ? x : cont, w = cv->w - at, cols = 0;
		size_t n = 0, last = 0;
		char part[1024];
		uint32_t cp;

		/* the longest prefix that fits, ending before a blank */
		while (n < sizeof part - 8 && p[n] != '\0') {
			char one[8];
			int k = canvas_utf8_decode(p + n, &cp), cw;
			memcpy(one, p + n, (size_t)k);
			one[k] = '\0';
			cw = canvas_width(cv, one);
			if (cols + cw > w)
				break;
			cols += cw;
			n += (size_t)k;
			if (p[n] == ' ')
				last = n;
		}
		if (p[n] != '\0' && last > 0)
			n = last;
		if (n == 0)	/* not one character fits: take it anyway */
			n = (size_t)canvas_utf8_decode(p, &cp);
		memcpy(part, p, n);
		part[n] = '\0';
		canvas_put(cv, y++, at, w, role, part);
		p += n;
		while (*p == ' ')
			p++;
	}
	return y;
}

/* A line of text, wrapped at blanks onto as many lines as it needs. */
static void __attribute__((format(printf, 3, 4)))
dw_line(struct dw *d, int role, const char *fmt, ...)
{
	char b[1024];
	va_list ap;

	dw_newline(d);
	va_start(ap, fmt);
	/* clang 14's analyzer does not see va_start here */
	vsnprintf(b, sizeof b, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	d->y = draw_wrap(d->cv, d->y, 2, 4, role, b);
}

static void
dw_section(struct dw *d, const char *title)
{
	dw_newline(d);
	d->y++;
	canvas_put(d->cv, d->y++, 0, -1, RL_TITLE, title);
}

static void
pair_pages(struct dw *d, const char *label, int64_t v, int page_kb)
{
	char n[32], sz[16], b[64];

	if (!zt_have(v))
		dw_pair(d, label, "n/a", RL_NA);
	else {
		snprintf(b, sizeof b, "%s %s", draw_i64(n, sizeof n, v),
		    draw_pages(sz, sizeof sz, v, page_kb));
		dw_pair(d, label, b, RL_NORMAL);
	}
}

static const char *
yes_no(int v)
{
	return v < 0 ? "n/a" : v ? "yes" : "no";
}

/* Where class cls is served at min, order by order, over all zones:
 * "0:0 Normal " or "0:✗ ", with the role of each into role[]. */
static int
served_items(const struct canvas *cv, const struct zt_snapshot *s, int cls,
    char item[][40], int *role)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	int n = 0;

	for (size_t i = 0; i < ZT_ARRAY_LEN(s->alloc) && n < ZT_ALLOC_ORDERS; i++) {
		const struct zt_alloc *a = &s->alloc[i];
		char nm[24];
		int zi = a->zone[ZT_MARK_MIN];

		if (a->cls != cls || a->order < 0 || a->order >= ZT_ALLOC_ORDERS)
			continue;
		if (a->ok[ZT_MARK_MIN] && zi >= 0 && zi < s->nzones)
			snprintf(item[n], 40, "%d:%d %s ", a->order,
			    s->zones[zi].node,
			    draw_escape(nm, sizeof nm, s->zones[zi].name));
		else
			snprintf(item[n], 40, "%d:%s ", a->order, g->no);
		role[n++] = draw_alloc_role(a, RL_NORMAL);
	}
	return n;
}

/* Draw the items from x, going on at x on the next row when one does
 * not fit; returns the rows used. */
static int
served_draw(struct canvas *cv, int y, int x, char item[][40], const int *role,
    int n)
{
	int at = x, rows = 1;

	for (int i = 0; i < n; i++) {
		int w = canvas_width(cv, item[i]);
		if (at > x && at + w > cv->w) {
			rows++;
			at = x;
		}
		at += canvas_put(cv, y + rows - 1, at, cv->w - at, role[i],
		    item[i]);
	}
	return rows;
}

static void
zone_marks_table(struct dw *d, const struct zt_snapshot *s,
    const struct zt_zone *z)
{
	static const char served_head[] = "served at min by (all zones)";
	char item[ZT_NCLASSES][ZT_ALLOC_ORDERS][40];
	int role[ZT_NCLASSES][ZT_ALLOC_ORDERS], n[ZT_NCLASSES];
	int sx = 24 + ZT_ALLOC_ORDERS * 8 + 1;
	bool beside = sx + canvas_width(d->cv, served_head) <= d->cv->w;

	/* where each class is served goes beside the table when it fits
	 * there whole, else under it, with the whole width */
	for (int c = 0; c < ZT_NCLASSES; c++) {
		int w = 0;
		n[c] = served_items(d->cv, s, c, item[c], role[c]);
		for (int i = 0; i < n[c]; i++)
			w += canvas_width(d->cv, item[c][i]);
		if (sx + w > d->cv->w)
			beside = false;
	}
	dw_section(d, "Watermark check now (m l h: passes at min, low, high)");
	canvas_put(d->cv, d->y, 2, -1, RL_LABEL, "class");
	for (int o = 0; o < ZT_ALLOC_ORDERS; o++)
		canvas_printf(d->cv, d->y, 24 + o * 8, 8, RL_LABEL, "order %d", o);
	if (beside)
		canvas_put(d->cv, d->y, sx, -1, RL_LABEL, served_head);
	d->y++;
	for (int c = 0; c < ZT_NCLASSES; c++) {
		canvas_put(d->cv, d->y, 2, 21, RL_NORMAL, class_name(c));
		for (int o = 0; o < ZT_ALLOC_ORDERS; o++) {
			char b[8] = "-";
			int r = RL_DIM;
			if (z->wm_applies[c]) {
				static const char l[ZT_NMARKS] = { 'm', 'l', 'h' };
				for (size_t m = 0; m < ZT_NMARKS; m++) {
					b[m * 2] = '.';
					if (z->wm_ok[c][o] & (1u << m))
						b[m * 2] = l[m];
					b[m * 2 + 1] = ' ';
				}
				b[5] = '\0';
				r = z->wm_ok[c][o] & (1u << ZT_MARK_MIN) ? RL_OK :
				    RL_CRIT;
			}
			canvas_put(d->cv, d->y, 24 + o * 8, 7, r, b);
		}
		if (beside)
			served_draw(d->cv, d->y, sx, item[c], role[c], n[c]);
		d->y++;
	}
	if (beside)
		return;
	canvas_put(d->cv, d->y++, 2, -1, RL_LABEL, served_head);
	for (int c = 0; c < ZT_NCLASSES; c++) {
		canvas_put(d->cv, d->y, 2, 21, RL_NORMAL, class_name(c));
		d->y += served_draw(d->cv, d->y, 24, item[c], role[c], n[c]);
	}
}

static void
zone_buddy_table(struct dw *d, const struct zt_snapshot *s,
    const struct zt_zone *z)
{
	dw_section(d, "Free blocks per order (buddyinfo), fragmentation indexes");
	if (z->norders == 0) {
		dw_line(d, RL_NA, "not available (%s)", s->status[ZT_SRC_BUDDYINFO].ok ?
		    "zone not listed in buddyinfo" : s->status[ZT_SRC_BUDDYINFO].why);
		return;
	}
	dw_line(d, RL_LABEL, "%5s %10s %12s %9s %9s", "order", "blocks", "pages",
	    "unusable", "fragidx");
	for (int o = 0; o < z->norders && o < ZT_MAX_ORDER; o++) {
		char bl[32], pg[32], un[16], fr[16];
		draw_i64(bl, sizeof bl, z->buddy[o]);
		if (zt_have(z->buddy[o]) && z->buddy[o] <= (INT64_MAX >> o)) {
			int64_t pages = z->buddy[o] << o;
			snprintf(pg, sizeof pg, "%lld", (long long)pages);
		} else
			snprintf(pg, sizeof pg, "n/a");
		if (isnan(z->unusable[o]))
			snprintf(un, sizeof un, "n/a");
		else
			snprintf(un, sizeof un, "%.3f", z->unusable[o]);
		if (isnan(z->fragidx[o]))
			snprintf(fr, sizeof fr, "n/a");
		else
			snprintf(fr, sizeof fr, "%.3f", z->fragidx[o]);
		dw_line(d, z->buddy[o] > 0 ? RL_NORMAL : RL_DIM, "%5d %10s %12s %9s %9s",
		    o, bl, pg, un, fr);
	}
	dw_line(d, RL_DIM, "unusable: share of free memory in blocks too small for "
	    "the order; fragidx: -1 would succeed, near 0 lack of memory, near 1 "
	    "fragmentation");
}

static void
zone_pagetype_table(struct dw *d, const struct zt_snapshot *s,
    const struct zt_zone *z, const struct ui_view *v)
{
	const struct zt_pagetype *pt = z->pt;
	const struct ui_zone_hist *h = ui_view_zone_hist(v, z->node, z->name);
	struct timespec when = s->when;
	int block_order = s->pageblock_order;
	char t[16], b[48];

	dw_section(d, "Free blocks per migrate type (pagetypeinfo)");
	/* not read this time: the last one read, with its time */
	if (pt == NULL && h != NULL && h->have_pt) {
		pt = &h->pt;
		when = h->pt_when;
		block_order = h->pt_block_order;
	}
	if (pt == NULL) {
		const struct zt_status *st = &s->status[ZT_SRC_PAGETYPEINFO];
		if (st->skipped || st->ok)
			dw_line(d, RL_NA, "not read yet: it is read every %.0f s while "
			    "this view is open%s", UI_PT_PERIOD,
			    v->paused ? " (sampling is paused)" : "");
		else
			dw_line(d, RL_NA, "not available (%s)", st->why);
		return;
	}
	{
		struct tm tm;
		time_t tt = when.tv_sec;
		if (localtime_r(&tt, &tm) != NULL)
			strftime(t, sizeof t, "%H:%M:%S", &tm);
		else
			snprintf(t, sizeof t, "n/a");
	}
	if (v->still)
		dw_line(d, RL_DIM, "read from the capture; pageblock order %d",
		    block_order);
	else
		dw_line(d, RL_DIM, "read at %s (costly: every %.0f s while this "
		    "view is open); pageblock order %d", t, UI_PT_PERIOD,
		    block_order);
	canvas_put(d->cv, d->y, 2, 5, RL_LABEL, "order");
	for (int i = 0; i < pt->ntypes && i < ZT_MAX_MIGRATE; i++) {
		char nm[40];
		canvas_put_right(d->cv, d->y, 8 + i * 12, 11, RL_LABEL,
		    draw_escape(nm, sizeof nm, pt->names[i]));
	}
	d->y++;
	for (int o = 0; o < pt->norders && o < ZT_MAX_ORDER; o++) {
		canvas_printf(d->cv, d->y, 2, 5, RL_NORMAL, "%5d", o);
		for (int i = 0; i < pt->ntypes && i < ZT_MAX_MIGRATE; i++) {
			if (pt->capped[i][o])
				snprintf(b, sizeof b, ">%lld", (long long)pt->free[i][o]);
			else
				draw_i64(b, sizeof b, pt->free[i][o]);
			canvas_put_right(d->cv, d->y, 8 + i * 12, 11,
			    pt->free[i][o] > 0 ? RL_NORMAL : RL_DIM, b);
		}
		d->y++;
	}
	canvas_put(d->cv, d->y, 2, 6, RL_LABEL, "blocks");
	for (int i = 0; i < pt->ntypes && i < ZT_MAX_MIGRATE; i++)
		canvas_put_right(d->cv, d->y, 8 + i * 12, 11, RL_NORMAL,
		    draw_i64(b, sizeof b, pt->blocks[i]));
	d->y++;
}

/* The same zone in the previous sample, or NULL. */
static const struct zt_zone *
zone_in(const struct zt_snapshot *s, int node, const char *name)
{
	for (int i = 0; s != NULL && i < s->nzones; i++)
		if (s->zones[i].node == node && strcmp(s->zones[i].name, name) == 0)
			return &s->zones[i];
	return NULL;
}

/* The zone's title line: its name, state and what stands out. */
static void
zone_title(struct dw *d, const struct zt_snapshot *s, const struct zt_zone *z,
    const char *nm)
{
	int role;
	int x = canvas_printf(d->cv, d->y, 0, -1, RL_TITLE, "Node %d, zone %s",
	    z->node, nm);
	const char *st = draw_zone_state(z, &role);

	if (draw_zone_fenced(s, z)) {
		st = "fenced for GFP_KERNEL by the lowmem reserve";
		role = RL_STANDOUT;
	}
	x += canvas_put(d->cv, d->y, x, -1, RL_NORMAL, "   state ");
	x += canvas_put(d->cv, d->y, x, -1, role, st);
	if (z->tiny)
		x += canvas_put(d->cv, d->y, x, -1, RL_STANDOUT, "  tiny (managed < high)");
	if (z->unreclaimable == 1)
		canvas_put(d->cv, d->y, x, -1, RL_CRIT, "  unreclaimable");
	d->y++;
}

/* The lowmem reserve section: protection[] by slot, and what it means
 * for GFP_KERNEL here. */
static void
zone_reserve(struct dw *d, const struct zt_snapshot *s, const struct zt_zone *z)
{
	char n1[32];

	dw_section(d, "Lowmem reserve (protection[]), by an allocation's "
	    "highest zone");
	for (int i = 0; i < z->nprot && i < ZT_MAX_ZONE_TYPES; i++) {
		int ty = i < s->ntypes ? s->type_of_slot[i] : ZT_ZONE_UNKNOWN;
		pair_pages(d, ty >= 0 ? zone_type_name(ty) : "?", z->protection[i],
		    s->page_kb);
	}
	if (z->nprot == 0)
		dw_line(d, RL_NA, "n/a");
	{
		int64_t r = ui_kernel_reserve(s, z);
		if (z->type >= ZT_ZONE_NORMAL)
			dw_line(d, RL_DIM, "GFP_KERNEL allocations start at Normal: no "
			    "reserve from them here");
		else if (zt_have(r) && zt_have(z->min)) {
			int64_t need = z->min + r;
			dw_line(d, RL_RESERVE, "a GFP_KERNEL allocation (highest zone "
			    "Normal) passes here only while free > min + reserve %lld = "
			    "%lld pages (free is %s)", (long long)r, (long long)need,
			    draw_i64(n1, sizeof n1, z->free));
			if (draw_zone_fenced(s, z))
				dw_line(d, RL_STANDOUT, "fenced for GFP_KERNEL by the "
				    "lowmem reserve: above min, but free <= min + "
				    "reserve, so only allocations whose highest zone is "
				    "this one or lower may take its pages");
		}
	}
}

static int
zone_detail(struct canvas *cv, const struct zt_snapshot *s,
    const struct zt_snapshot *prev, const struct ui_view *v)
{
	const struct zt_zone *z = NULL, *pz;
	struct dw d;
	char nm[24], b[160], n1[32], n2[16];

	dw_init(&d, cv);
	z = zone_in(s, v->detail_node, v->detail_name);
	pz = zone_in(prev, v->detail_node, v->detail_name);
	draw_escape(nm, sizeof nm, v->detail_name);
	if (z == NULL) {
		dw_line(&d, RL_WARN, "Node %d, zone %s: not in this sample (the zone "
		    "vanished)", v->detail_node, nm);
		return dw_end(&d);
	}
	zone_title(&d, s, z, nm);

	dw_section(&d, "Watermarks (pages; they include boost)");
	pair_pages(&d, "free", z->free, s->page_kb);
	pair_pages(&d, "min", z->min, s->page_kb);
	pair_pages(&d, "low", z->low, s->page_kb);
	pair_pages(&d, "high", z->high, s->page_kb);
	pair_pages(&d, "promo", z->promo, s->page_kb);
	pair_pages(&d, "boost", z->boost, s->page_kb);
	/* free pages since the previous sample: the direction it goes */
	if (pz != NULL && zt_have(pz->free) && zt_have(z->free)) {
		snprintf(b, sizeof b, "%+lld", (long long)(z->free - pz->free));
		dw_pair(&d, "free change", b, RL_NORMAL);
	}
	/* time to trouble (trend.c): the fit over the sampler's window */
	if (s->trend.n > 0 && !isnan(z->trend_pps)) {
		char eta[40];
		int er = RL_DIM;
		snprintf(b, sizeof b, "%+.1f pages/s over %.0f s (%d samples)%s%s",
		    z->trend_pps, s->trend.window_s, s->trend.n,
		    draw_zone_eta(eta, sizeof eta, s, z, false, &er) ? ": " : "",
		    draw_zone_eta(eta, sizeof eta, s, z, false, &er) ? eta : "");
		dw_pair(&d, "trend", b, er);
	}

	dw_section(&d, "Size (pages)");
	pair_pages(&d, "spanned", z->spanned, s->page_kb);
	pair_pages(&d, "present", z->present, s->page_kb);
	pair_pages(&d, "managed", z->managed, s->page_kb);
	pair_pages(&d, "cma", z->cma, s->page_kb);
	dw_pair(&d, "start_pfn", draw_i64(n1, sizeof n1, z->start_pfn),
	    zt_have(z->start_pfn) ? RL_NORMAL : RL_NA);
	pair_pages(&d, "present-mgd", z->reserved, s->page_kb);
	if (zt_have(z->reserved) && z->reserved > 0)
		dw_line(&d, RL_STANDOUT, "present - managed: pages the kernel keeps "
		    "(memblock, crashkernel, struct pages) or has not yet given to "
		    "the buddy allocator");
	dw_newline(&d);

	zone_reserve(&d, s, z);

	dw_section(&d, "Other");
	dw_pair(&d, "unreclaim.", yes_no(z->unreclaimable),
	    z->unreclaimable == 1 ? RL_CRIT : RL_NORMAL);
	pair_pages(&d, "nr_free_cma", z->nr_free_cma, s->page_kb);
	pair_pages(&d, "anon LRU", z->lru_anon, s->page_kb);
	pair_pages(&d, "file LRU", z->lru_file, s->page_kb);
	dw_pair(&d, "top order", z->highest_free_order >= 0 ?
	    draw_i64(n2, sizeof n2, z->highest_free_order) :
	    z->highest_free_order == -1 ? "none free" : "n/a", RL_NORMAL);
	snprintf(b, sizeof b, "%s%s%s", z->empty ? "empty " : "",
	    z->unmanaged ? "unmanaged " : "", z->tiny ? "tiny" : "");
	if (b[0] != '\0')
		dw_pair(&d, "flags", b, RL_STANDOUT);
	dw_newline(&d);

	zone_marks_table(&d, s, z);
	zone_buddy_table(&d, s, z);
	zone_pagetype_table(&d, s, z, v);
	return dw_end(&d);
}

/* Wrap escaped text over lines of the canvas, at most max lines. */
static void
wrap_text(struct dw *d, const char *esc, int max)
{
	int w = d->cv->w - 4, lines = 0;
	const char *p = esc;

	while (*p != '\0' && lines < max && w > 0) {
		char chunk[1024];
		size_t n = 0;
		int cols = 0;
		while (n < sizeof chunk - 5 && p[n] != '\0') {
			uint32_t cp;
			int k = canvas_utf8_decode(p + n, &cp);
			char one[8];
			memcpy(one, p + n, (size_t)k);
			one[k] = '\0';
			int cw = canvas_width(d->cv, one);
			if (cols + cw > w)
				break;
			cols += cw;
			n += (size_t)k;
		}
		if (n == 0)
			break;
		memcpy(chunk, p, n);
		chunk[n] = '\0';
		canvas_put(d->cv, d->y++, 4, w, RL_NORMAL, chunk);
		p += n;
		lines++;
	}
	if (*p != '\0')
		canvas_put(d->cv, d->y++, 4, -1, RL_DIM, "(cut)");
}

/* The whole verdict (v): every line, wrapped, with its severity; and
 * the newest OOM kill's weightiest line, which the banner may cut. */
static int
verdict_detail(struct canvas *cv, const struct zt_snapshot *s)
{
	static const char *const sev[] = { "info", "warn", "CRIT" };
	const struct zt_event *e = ui_last_oom(s, NULL);
	int n = s->verdict.n < ZT_VERDICT_MAX ? s->verdict.n : ZT_VERDICT_MAX;
	int y = 0;
	char b[512], esc[256];

	canvas_printf(cv, y++, 0, -1, RL_TITLE, "Verdict  %d finding%s, worst "
	    "first", n, n == 1 ? "" : "s");
	y++;
	if (n == 0)
		y = draw_wrap(cv, y, 2, 2, RL_DIM, "no verdict yet");
	for (int i = 0; i < n; i++) {
		int sv = s->verdict.severity[i] < 0 ? 0 : s->verdict.severity[i] > 2 ?
		    2 : s->verdict.severity[i];
		snprintf(b, sizeof b, "%d. [%s] %s", i + 1, sev[sv],
		    draw_escape(esc, sizeof esc, s->verdict.line[i]));
		y = draw_wrap(cv, y, 2, 5 + (i + 1 >= 10), draw_severity_role(sv), b);
	}
	if (zt_have(s->unaccounted_kb) && !isnan(s->unaccounted_pct)) {
		/* the same memory over two denominators: say which is which */
		int64_t present = 0;
		char a[32], t2[32];
		for (int i = 0; i < s->nzones && zt_have(present); i++)
			present = zt_have(s->zones[i].present) ?
			    present + s->zones[i].present : ZT_NA;
		y++;
		y = draw_wrap(cv, y, 0, 2, RL_LABEL, "Unaccounted memory");
		if (zt_have(present) && present > 0)
			snprintf(b, sizeof b, "%s in no meminfo counter: %.1f%% of "
			    "MemTotal (the pages the kernel manages; the live screen's "
			    "share) and %s of RAM (the zones' present pages, %s: what an "
			    "OOM report's \"pages RAM\" and zonetop explain divide by).",
			    fmt_kb(a, sizeof a, s->unaccounted_kb), s->unaccounted_pct,
			    draw_pct(esc, sizeof esc, (double)s->unaccounted_kb /
			    ((double)present * s->page_kb)),
			    fmt_kb(t2, sizeof t2, present * s->page_kb));
		else
			snprintf(b, sizeof b, "%s in no meminfo counter: %.1f%% of "
			    "MemTotal.", fmt_kb(a, sizeof a, s->unaccounted_kb),
			    s->unaccounted_pct);
		y = draw_wrap(cv, y, 2, 2, RL_NORMAL, b);
	}
	if (e != NULL) {
		y++;
		y = draw_wrap(cv, y, 0, 2, RL_LABEL, "The newest OOM kill");
		y = draw_wrap(cv, y, 2, 4, draw_event_role(e->kind),
		    draw_escape(b, sizeof b, e->text));
		if (e->detail[0] != '\0')
			y = draw_wrap(cv, y, 2, 4, RL_DIM,
			    draw_escape(b, sizeof b, e->detail));
	}
	y++;
	y = draw_wrap(cv, y, 0, 0, RL_DIM, "Esc or v closes; E lists the events.");
	return y;
}

static int
proc_detail(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct zt_proc *p = NULL;
	struct dw d;
	char b[256], t[32], t2[320], *esc;

	dw_init(&d, cv);
	for (int i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == v->detail_pid)
			p = &s->procs[i];
	if (p == NULL) {
		dw_line(&d, RL_WARN, "process %d: not in this sample (exited, or "
		    "filtered out by the sampler)", v->detail_pid);
		return dw_end(&d);
	}
	bool victim = s->predicted_victim == p->pid;
	int x = canvas_printf(cv, d.y, 0, -1, RL_TITLE, "Process %d  ", p->pid);
	x += canvas_put(cv, d.y, x, -1, RL_NORMAL,
	    draw_escape(b, sizeof b, p->comm[0] ? p->comm : NULL));
	if (victim)
		canvas_put(cv, d.y, x, -1, RL_VICTIM, "  the OOM killer's next victim");
	else if (!p->killable)
		canvas_put(cv, d.y, x, -1, RL_UNKILLABLE, "  never killed");
	d.y++;

	dw_section(&d, "OOM killer");
	snprintf(b, sizeof b, "%d", p->rank);
	dw_pair(&d, "rank", p->rank > 0 ? b : "n/a", p->rank > 0 ? RL_NORMAL : RL_NA);
	dw_pair(&d, "oom_score", draw_i64(t, sizeof t, p->oom_score), RL_NORMAL);
	/* what the kernel compares; oom_score is it rounded */
	dw_pair(&d, "points", draw_i64(t, sizeof t, p->points),
	    zt_have(p->points) ? RL_NORMAL : RL_NA);
	if (p->cgroup_rank > 0) {
		const char *scope = p->cgroup_scope >= 0 &&
		    p->cgroup_scope < s->ncgroups ?
		    s->cgroups[p->cgroup_scope].path : s->cgroup.path;
		char line[320];
		snprintf(line, sizeof line, "%d in %.200s, %lld points",
		    p->cgroup_rank, scope, (long long)p->cgroup_points);
		dw_pair(&d, "cgroup rank", draw_escape(t2, sizeof t2, line),
		    RL_NORMAL);
	}
	dw_pair(&d, "score_adj", draw_i64(t, sizeof t, p->oom_score_adj),
	    RL_NORMAL);
	dw_pair(&d, "score, adj 0", draw_i64(t, sizeof t, p->score_adj0), RL_NORMAL);
	dw_pair(&d, "killable", p->killable ? "yes" : "no",
	    p->killable ? RL_NORMAL : RL_UNKILLABLE);
	dw_pair(&d, "badness", draw_i64(t, sizeof t, p->badness_pages), RL_NORMAL);
	dw_pair(&d, "share", draw_pct(t, sizeof t, p->badness_share), RL_NORMAL);
	dw_pair(&d, "totalpages", draw_i64(t, sizeof t, s->totalpages), RL_NORMAL);
	{
		const struct protect_change *c = protect_find(&v->changes, p->pid,
		    p->start_time);
		if (c != NULL)
			dw_line(&d, RL_WARN, "zonetop set oom_score_adj to %d; it was "
			    "%d before (u restores it)", c->written, c->original);
	}

	dw_section(&d, "Memory");
	dw_pair(&d, "RSS", fmt_kb(t, sizeof t, p->rss_kb), RL_NORMAL);
	dw_pair(&d, "swap", fmt_kb(t, sizeof t, p->swap_kb), RL_NORMAL);
	dw_pair(&d, "page tables", fmt_kb(t, sizeof t, p->pgtables_kb), RL_NORMAL);

	dw_section(&d, "Process");
	snprintf(b, sizeof b, "%c", p->state ? p->state : '?');
	dw_pair(&d, "state", p->state ? b : "n/a", RL_NORMAL);
	if (p->user[0] != '\0') {
		char u[128];
		snprintf(b, sizeof b, "%s (%s)", draw_escape(u, sizeof u, p->user),
		    draw_i64(t, sizeof t, p->uid));
	} else
		draw_i64(b, sizeof b, p->uid);
	dw_pair(&d, "user", b, RL_NORMAL);
	dw_newline(&d);
	/* escaping grows a byte to at most 10 ("\u{NNNN}" of 3 bytes) */
	size_t elen = 8192 + (p->cmdline != NULL ? strlen(p->cmdline) * 4 : 0);
	esc = xmalloc(elen);
	draw_escape(esc, elen, p->cgroup);
	dw_line(&d, RL_LABEL, "cgroup");
	wrap_text(&d, esc, 4);
	dw_line(&d, RL_LABEL, "command line");
	draw_escape(esc, elen, p->cmdline);
	/* all of it (c shows one line of it in the list): the view scrolls */
	wrap_text(&d, esc, cv->h - d.y - 2);
	free(esc);
	return dw_end(&d);
}

int
detail_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct zt_snapshot *prev, const struct ui_view *v)
{
	if (s == NULL)
		return 0;
	if (v->detail_verdict)
		return verdict_detail(cv, s);
	if (v->detail_is_event)
		return events_explain(cv, s, v);
	if (v->detail_pid > 0)
		return proc_detail(cv, s, v);
	return zone_detail(cv, s, prev, v);
}
