/*
 * draw.c: the main screen.  Every turn the canvas is cleared and the
 * whole frame drawn from the snapshot and the view state (term.c lets
 * curses find the difference).  Panels top to bottom: header, verdict,
 * zones (with fragmentation beside them on wide terminals), swap /
 * pressure / commit, events, OOM candidates, footer.  Values the kernel
 * did not give are drawn "n/a"; untrusted text goes through
 * escape_text() first.
 */
#include "draw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/trend.h"
#include "../src/util.h"
#include "../src/zonemath.h"
#include "scale.h"

/* ---- formatting ---- */

const char *
draw_pages(char *buf, size_t len, int64_t pages, int page_kb)
{
	if (!zt_have(pages))
		return strlcpy0(buf, "n/a", len), buf;
	return fmt_kb(buf, len, pages * (page_kb > 0 ? page_kb : 4));
}

const char *
draw_i64(char *buf, size_t len, int64_t v)
{
	if (!zt_have(v))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%lld", (long long)v);
	return buf;
}

const char *
draw_pct(char *buf, size_t len, double frac)
{
	if (isnan(frac))
		snprintf(buf, len, "n/a");
	else if (frac * 100 >= 99.95 || frac == 0)
		snprintf(buf, len, "%.0f%%", frac * 100);
	else
		snprintf(buf, len, "%.1f%%", frac * 100);
	return buf;
}

const char *
draw_escape(char *buf, size_t len, const char *s)
{
	if (s == NULL)
		return strlcpy0(buf, "n/a", len), buf;
	escape_text(buf, len, s, strlen(s));
	return buf;
}

const char *
draw_zone_state(const struct zt_zone *z, int *role)
{
	if (z->empty) {
		*role = RL_DIM;
		return "empty";
	}
	if (z->unmanaged) {
		*role = RL_STANDOUT;
		return "unmanaged";
	}
	switch (z->state) {
	case ZT_WS_OK:
		*role = RL_OK;
		return "ok";
	case ZT_WS_BELOW_HIGH:
		*role = RL_WARN;
		return "below high";
	case ZT_WS_BELOW_LOW:
		*role = RL_WARN;
		return "below low";
	case ZT_WS_BELOW_MIN:
		*role = RL_CRIT;
		return "BELOW MIN";
	case ZT_WS_UNKNOWN:
		break;
	}
	*role = RL_NA;
	return "n/a";
}

bool
draw_zone_fenced(const struct zt_snapshot *s, const struct zt_zone *z)
{
	return zone_fenced(s, z);
}

const char *
draw_zone_eta(char *buf, size_t len, const struct zt_snapshot *s,
    const struct zt_zone *z, bool brief, int *role)
{
	char t[16];
	double e = z->eta_min_s;

	/* none yet, not falling, or at min already (the state says it) */
	if (s->trend.n == 0 || isnan(e) || e <= 0)
		return NULL;
	*role = draw_eta_role(z->sev_eta_min);
	trend_fmt_eta(t, sizeof t, e);
	snprintf(buf, len, brief ? "m %s" : "min in %s", t);
	return buf;
}

int
draw_severity_role(int severity)
{
	return severity >= 2 ? RL_CRIT : severity == 1 ? RL_WARN : RL_OK;
}

int
draw_alloc_role(const struct zt_alloc *a, int ok_role)
{
	return a->sev == ZT_SEV_CRIT ? RL_CRIT : a->sev == ZT_SEV_WARN ? RL_WARN :
	    a->sev == ZT_SEV_NA ? RL_NA : ok_role;
}

int
draw_eta_role(int sev)
{
	return sev == ZT_SEV_CRIT ? RL_CRIT : sev == ZT_SEV_WARN ? RL_WARN : RL_DIM;
}

static const char *
fmt_rate(char *buf, size_t len, double r)
{
	if (isnan(r))
		snprintf(buf, len, "n/a");
	else if (r >= 100)
		snprintf(buf, len, "%.0f", r);
	else
		snprintf(buf, len, "%.1f", r);
	return buf;
}

static const char *
fmt_uptime(char *buf, size_t len, double up)
{
	long s;

	if (isnan(up) || up < 0)
		return strlcpy0(buf, "n/a", len), buf;
	s = (long)up;
	if (s >= 86400)
		snprintf(buf, len, "%ldd %02ld:%02ld", s / 86400, s % 86400 / 3600,
		    s % 3600 / 60);
	else
		snprintf(buf, len, "%02ld:%02ld:%02ld", s / 3600, s % 3600 / 60,
		    s % 60);
	return buf;
}

const char *
draw_clock(char *buf, size_t len, const struct timespec *ts)
{
	struct tm tm;
	time_t t = ts->tv_sec;

	if (ts->tv_sec == 0 || localtime_r(&t, &tm) == NULL)
		return strlcpy0(buf, "--:--:--", len), buf;
	strftime(buf, len, "%H:%M:%S", &tm);
	return buf;
}

/* ---- header, verdict, footer ---- */

/* The release without its build suffix: "6.18.44-fc-v595" is 6.18.44. */
static const char *
short_kernel(char *buf, size_t len, const char *k)
{
	strlcpy0(buf, k, len);
	buf[strcspn(buf, "-+_ ")] = '\0';
	return buf;
}

/* Host, kernel and uptime in room columns: what does not fit goes,
 * the uptime first, then the kernel's suffix; the host is cut last. */
/* The machine in a few words for the header: "KVM guest (Firecracker),
 * balloon 0K", "bare metal", or nothing when it is not known (a capture
 * without --sys-root). */
static const char *
header_vm(char *buf, size_t len, const struct zt_vm *vm)
{
	char sum[160];

	if (!vm->read || vm->is_guest < 0)
		buf[0] = '\0';
	else if (vm->is_guest == 0)
		snprintf(buf, len, "  bare metal");
	else
		snprintf(buf, len, "  %s", vm_summary(vm, sum, sizeof sum));
	return buf;
}

/* zonetop's own protection, short: "  mlock 7.5M/8.0M, adj -999 refused"
 * (the help screen says why). */
static const char *
header_self(char *buf, size_t len, const struct zt_selfprot *g)
{
	char a[40], b[32], c[32];

	buf[0] = '\0';
	if (!g->tried)
		return buf;
	if (g->mlock == ZT_MLOCK_ALL)
		snprintf(a, sizeof a, "mlock all");
	else if (g->mlock == ZT_MLOCK_PART)
		snprintf(a, sizeof a, "mlock %s/%s", fmt_kb(b, sizeof b, g->locked_kb),
		    fmt_kb(c, sizeof c, g->limit_kb));
	else
		snprintf(a, sizeof a, "no mlock");
	snprintf(buf, len, "  %s, adj -999%s", a, g->adj_done ? "" :
	    g->adj_tried ? " refused" : " off");
	return buf;
}

static void
header_host(const struct canvas *cv, const struct zt_snapshot *s, char *b,
    size_t len, int room, bool self_shown)
{
	char host[80], up[32], kern[sizeof s->kernel], vm[176], self[80];
	const char *k = s->kernel[0] ? s->kernel : "kernel n/a";

	draw_escape(host, sizeof host, s->hostname[0] ? s->hostname : "host n/a");
	header_vm(vm, sizeof vm, &s->vm);
	/* a replay's is the recorder's, not this program's: not shown */
	if (self_shown)
		header_self(self, sizeof self, &s->self);
	else
		self[0] = '\0';
	snprintf(b, len, "  %.79s  %.64s%.120s  up %.31s%.60s", host, k, vm,
	    fmt_uptime(up, sizeof up, s->uptime), self);
	if (canvas_width(cv, b) <= room)
		return;
	/* what zonetop could do for itself goes before the uptime */
	snprintf(b, len, "  %.79s  %.64s%.120s%.60s", host, k, vm, self);
	if (self[0] && canvas_width(cv, b) <= room)
		return;
	snprintf(b, len, "  %.79s  %.64s%.120s  up %.31s", host, k, vm,
	    fmt_uptime(up, sizeof up, s->uptime));
	if (self[0] && canvas_width(cv, b) <= room)
		return;
	snprintf(b, len, "  %.79s  %.64s%.120s", host, k, vm);
	if (canvas_width(cv, b) <= room)
		return;
	snprintf(b, len, "  %s  %s", host, k);
	if (canvas_width(cv, b) <= room || !s->kernel[0])
		return;
	snprintf(b, len, "  %s  %s", host, short_kernel(kern, sizeof kern, k));
}

static void
draw_header(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	char clk[16], right[96], b[400];
	int w = cv->w, x;

	canvas_fill(cv, 0, 0, w, RL_HEADER, " ");
	x = canvas_put(cv, 0, 0, -1, RL_HEADER, "zonetop");
	if (s == NULL) {
		canvas_put(cv, 0, x, -1, RL_HEADER, "  sampling...");
		return;
	}
	/* w: "REC n" first, for as long as the feed writes */
	int rec = v->rec.on ? snprintf(right, sizeof right, "REC %ld  ",
	    v->rec.frames) : 0;
	if (v->replay)
		replay_header(v, right, sizeof right, w >= UI_WIDE);
	else if (v->still)
		/* sizes in bytes take 4 KiB pages where the capture cannot
		 * tell its page size: said where the state is */
		snprintf(right + rec, sizeof right - (size_t)rec, "%s  still (capture%s)",
		    draw_clock(clk, sizeof clk, &s->when),
		    s->page_kb_assumed ? "; 4 KiB pages assumed" : "");
	else
		snprintf(right + rec, sizeof right - (size_t)rec, "%s  every %gs%s",
		    draw_clock(clk, sizeof clk, &s->when), v->interval,
		    v->paused ? "  PAUSED" : "");
	int rw = canvas_width(cv, right);
	/* the state on the right is whole; two blanks before it */
	int room = w - x - rw - 2;
	header_host(cv, s, b, sizeof b, room, !v->replay);
	if (canvas_width(cv, b) > room && room > 1) {
		x += canvas_put(cv, 0, x, room - 1, RL_HEADER, b);
		canvas_put(cv, 0, x, 1, RL_HEADER, canvas_glyphs(cv)->ellipsis);
	} else
		canvas_put(cv, 0, x, room, RL_HEADER, b);
	canvas_put(cv, 0, w - rw, rw, RL_HEADER, right);
	if (rec > 2)
		canvas_set_role(cv, 0, w - rw, rec - 2, RL_CRIT);
	if (v->paused && !v->still)
		canvas_set_role(cv, 0, w - 6, 6, RL_WARN);
}

/* The verdict's items, most important first, as many as fit whole on
 * its lines; a count of the rest. */
static void
draw_verdict(struct canvas *cv, const struct zt_snapshot *s, int lines)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	int x = 0, y = 1, w = cv->w, n;

	if (s == NULL)
		return;
	n = s->verdict.n < ZT_VERDICT_MAX ? s->verdict.n : ZT_VERDICT_MAX;
	if (n <= 0) {
		canvas_put(cv, 1, 0, w, RL_DIM, "no verdict yet");
		return;
	}
	for (int i = 0; i < n; i++) {
		char b[224], more[24] = "";
		int need, room, sep = x > 0 ? canvas_width(cv, g->sep) : 0;
		bool last_line = y == lines;

		/* on the last line, room is kept for " +k": the items after */
		if (i + 1 < n && last_line)
			snprintf(more, sizeof more, " v: +%d", n - i - 1);
		draw_escape(b, sizeof b, s->verdict.line[i]);
		need = sep + canvas_width(cv, b);
		room = w - x - (int)strlen(more);
		if (x > 0 && need > room && !last_line) {
			y++;
			x = 0;
			last_line = y == lines;
			more[0] = '\0';
			if (i + 1 < n && last_line)
				snprintf(more, sizeof more, " v: +%d", n - i - 1);
			need = canvas_width(cv, b);
			room = w - (int)strlen(more);
		}
		if (x > 0 && need > room) {
			snprintf(more, sizeof more, " v: +%d", n - i);
			canvas_put_right(cv, y, 0, w, RL_DIM, more);
			return;
		}
		if (x > 0)
			x += canvas_put(cv, y, x, w - x, RL_DIM, g->sep);
		x += canvas_put(cv, y, x, room > 0 ? room : 0,
		    draw_severity_role(s->verdict.severity[i]), b);
	}
}

/* "key label" pairs until w cells are full. */
static void
draw_hints(struct canvas *cv, int y, int w, const char *const *pairs, int n)
{
	int x = 0;

	for (int i = 0; i + 1 < n; i += 2) {
		int need = canvas_width(cv, pairs[i]) + 1 +
		    canvas_width(cv, pairs[i + 1]) + 2;
		if (x + need > w)
			break;
		x += canvas_put(cv, y, x, -1, RL_KEY, pairs[i]);
		x += canvas_put(cv, y, x, -1, RL_NORMAL, " ");
		x += canvas_put(cv, y, x, -1, RL_DIM, pairs[i + 1]);
		x += canvas_put(cv, y, x, -1, RL_NORMAL, "  ");
	}
}

/* right: text for the footer's right end ("" none), kept clear of the
 * hints and the message. */
static void
draw_footer(struct canvas *cv, const struct ui_view *v, const char *right)
{
	static const char *const main_hints[] = {
		"F1", "help", "q", "quit", "space", "pause", "Tab", "focus",
		"Enter", "detail", "v", "verdict", "/", "filter", "<>", "sort",
		"c", "command",
		"d", "interval", "E", "events", "p", "protect",
	};
	static const char *const body_hints[] = {
		"Esc", "close", "Up/Down PgUp/PgDn", "scroll", "q", "quit",
		"space", "pause",
	};
	static const char *const event_hints[] = {
		"Esc", "close", "Up/Down", "select", "Enter", "explain", "q",
		"quit", "space", "pause",
	};
	static const char *const dialog_hints[] = {
		"y/Enter", "write", "n/Esc", "cancel",
	};
	static const char *const replay_hints[] = {
		"F1", "help", "q", "quit", "space", "play", "[ ]", "step", "1 2 3",
		"speed", "t", "go to", "T", "timeline", "Enter", "detail", "E",
		"events",
	};
	static const char *const timeline_hints[] = {
		"Esc", "close", "Up/Down", "select", "Enter", "go there", "[ ]",
		"step", "q", "quit",
	};
	int y = cv->h - 1, rw = canvas_width(cv, right), w = cv->w;

	if (v->mode == MODE_PROMPT) {
		const char *label = v->prompt == PROMPT_FILTER ?
		    "filter (name, command or user; Enter keeps, Esc cancels): " :
		    v->prompt == PROMPT_INTERVAL ?
		    "interval, 0.05 to 86400 seconds (Enter sets, Esc cancels): " :
		    replay_prompt_label(v->prompt);
		char in[200];
		int x = canvas_put(cv, y, 0, -1, RL_PROMPT, label);
		draw_escape(in, sizeof in, v->input);
		x += canvas_put(cv, y, x, -1, RL_NORMAL, in);
		canvas_put(cv, y, x, 1, RL_NORMAL, " ");
		canvas_set_flag(cv, y, x, 1, CELL_SEL);
		return;
	}
	if (rw > 0) {
		canvas_put_right(cv, y, 0, w, RL_DIM, right);
		w -= rw + 2;
	}
	if (v->msg[0] != '\0' && v->now < v->msg_until) {
		canvas_put(cv, y, 0, w, RL_PROMPT, v->msg);
		return;
	}
	if (v->mode == MODE_MAIN && v->replay)
		draw_hints(cv, y, w, replay_hints, (int)ZT_ARRAY_LEN(replay_hints));
	else if (v->mode == MODE_MAIN)
		draw_hints(cv, y, w, main_hints, (int)ZT_ARRAY_LEN(main_hints));
	else if (v->mode == MODE_TIMELINE)
		draw_hints(cv, y, w, timeline_hints, (int)ZT_ARRAY_LEN(timeline_hints));
	else if (v->mode == MODE_EVENTS)
		draw_hints(cv, y, w, event_hints, (int)ZT_ARRAY_LEN(event_hints));
	else if (v->mode == MODE_DIALOG)
		draw_hints(cv, y, w, dialog_hints, (int)ZT_ARRAY_LEN(dialog_hints));
	else
		draw_hints(cv, y, w, body_hints, (int)ZT_ARRAY_LEN(body_hints));
}

static void
draw_too_small(struct canvas *cv)
{
	char a[64], b[64];
	const char *lines[3] = { a, b, "q quits" };

	snprintf(a, sizeof a, "terminal too small: %dx%d", cv->w, cv->h);
	snprintf(b, sizeof b, "zonetop needs %dx%d", UI_MIN_W, UI_MIN_H);
	for (int i = 0; i < 3; i++) {
		int len = canvas_width(cv, lines[i]);
		int y = cv->h / 2 - 1 + i;
		int x = (cv->w - len) / 2;
		canvas_put(cv, y, x < 0 ? 0 : x, cv->w, i == 0 ? RL_WARN : RL_NORMAL,
		    lines[i]);
	}
}

static int
title_role(const struct ui_view *v, int panel)
{
	return v->focus == panel ? RL_FOCUS : RL_TITLE;
}

/* ---- zones ---- */

struct zone_geo {
	int name_w, bar_x, bar_w, fig_x, fig_w, state_x, state_w, spark_x, spark_w;
};

static void
zone_geometry(int w, struct zone_geo *g)
{
	int rest;

	g->name_w = 10;
	g->fig_w = 13;
	g->state_w = 10;
	rest = w - g->name_w - g->fig_w - g->state_w - 3;
	g->bar_w = rest * 3 / 5;
	if (g->bar_w < 10)
		g->bar_w = 10;
	if (g->bar_w > 64)
		g->bar_w = 64;
	g->spark_w = rest - g->bar_w - 1;
	if (g->spark_w < 0)
		g->spark_w = 0;
	g->bar_x = g->name_w;
	g->fig_x = g->bar_x + g->bar_w + 1;
	g->state_x = g->fig_x + g->fig_w + 1;
	g->spark_x = g->state_x + g->state_w + 1;
}

static void
draw_bar(struct canvas *cv, int y, int x, const struct zt_snapshot *s,
    const struct zt_zone *z, int width)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	struct ui_scale sc;
	int full = 0, eighths = 0;

	if (z->unmanaged) {
		canvas_fill(cv, y, x, width, RL_STANDOUT, "-");
		canvas_put(cv, y, x + 1, width - 2, RL_STANDOUT, " no managed pages ");
		return;
	}
	if (!zt_have(z->managed) || z->managed <= 0) {
		canvas_put(cv, y, x, width, RL_NA, "n/a");
		return;
	}
	ui_scale_compute(&sc, z, ui_kernel_reserve(s, z), width);
	if (sc.free_x > 0) {
		full = (int)sc.free_x;
		eighths = (int)((sc.free_x - full) * 8);
		/* the free edge always shows, however little of its cell */
		if (eighths == 0 && sc.free_x > full)
			eighths = 1;
		if (full >= width) {
			full = width;
			eighths = 0;
		}
	}
	for (int i = 0; i < width; i++) {
		if (i < full)
			canvas_put(cv, y, x + i, 1, RL_FREE, g->bar_free);
		else if (i == full && eighths > 0)
			canvas_put(cv, y, x + i, 1, RL_FREE,
			    cv->ascii ? g->bar_free : g->eighth[eighths]);
		else
			canvas_put(cv, y, x + i, 1, RL_USED, g->bar_used);
	}
	/* where the magnifier ends and the rest of the zone begins */
	if (sc.brk >= 0)
		canvas_put(cv, y, x + sc.brk, 1, sc.brk < full ? RL_FREE : RL_DIM,
		    g->brk);
	/* min last, so it wins a cell the marks share */
	for (int m = 0; m < SM_N; m++) {
		char c[2] = { ui_scale_mark_char(m), '\0' };
		if (sc.mark[m] < 0)
			continue;
		if (m == SM_RESERVE && sc.reserve_over)
			c[0] = '>';
		/* in the free part, cut out of it; R keeps its colour */
		canvas_put(cv, y, x + sc.mark[m], 1, m == SM_RESERVE ? RL_RESERVE :
		    sc.mark[m] < full ? RL_MARK_FREE : RL_MARK, c);
	}
}

static void
draw_spark(struct canvas *cv, int y, int x, int width, const struct ui_hist *h,
    double hi)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	int8_t lv[512];

	if (width <= 0)
		return;
	if (width > (int)sizeof lv)
		width = (int)sizeof lv;
	ui_spark_levels(h, width, hi, lv);
	for (int i = 0; i < width; i++)
		if (lv[i] >= 0)
			canvas_put(cv, y, x + i, 1, RL_SPARK, g->spark[lv[i]]);
}

/* A flag word and a blank, or its short form, or nothing: never cut. */
static int
zone_flag(struct canvas *cv, int y, int x, int end, int role, const char *word,
    const char *brief)
{
	const char *w = canvas_width(cv, word) + 1 <= end - x ? word :
	    canvas_width(cv, brief) + 1 <= end - x ? brief : NULL;

	if (w == NULL || w[0] == '\0')
		return 0;
	return canvas_put(cv, y, x, -1, role, w) + 1;
}

static void
draw_zone_row(struct canvas *cv, int y, int x0, const struct zone_geo *geo,
    const struct zt_snapshot *s, const struct zt_zone *z,
    const struct ui_view *v, bool sel)
{
	char name[40], nm[24], f[32], m[32], fig[72], eta[40] = "", etab[24] = "";
	int role, x, erole = RL_DIM;
	const char *st = draw_zone_state(z, &role);
	bool fenced = draw_zone_fenced(s, z);

	/* not "ok" when GFP_KERNEL may not take a page of it */
	if (fenced) {
		st = "fenced";
		role = RL_STANDOUT;
	}

	draw_escape(nm, sizeof nm, z->name);
	snprintf(name, sizeof name, "%d %s", z->node, nm);
	canvas_put(cv, y, x0, geo->name_w - 1, RL_NORMAL, name);
	draw_bar(cv, y, x0 + geo->bar_x, s, z, geo->bar_w);
	snprintf(fig, sizeof fig, "%s/%s", draw_pages(f, sizeof f, z->free, s->page_kb),
	    draw_pages(m, sizeof m, z->managed, s->page_kb));
	canvas_put_right(cv, y, x0 + geo->fig_x, geo->fig_w, RL_NORMAL, fig);
	canvas_put(cv, y, x0 + geo->state_x, geo->state_w, role, st);

	/* flags first, then the sparkline in what is left */
	x = x0 + geo->spark_x;
	int end = x0 + geo->spark_x + geo->spark_w;
	if (z->tiny)
		x += zone_flag(cv, y, x, end, RL_STANDOUT, "tiny", "tiny");
	if (z->unreclaimable == 1)
		x += zone_flag(cv, y, x, end, RL_CRIT, "unreclaimable", "unrecl");
	if (zt_have(z->boost) && z->boost > 0)
		x += zone_flag(cv, y, x, end, RL_WARN, "boost", "b");
	if (fenced)
		x += zone_flag(cv, y, x, end, RL_STANDOUT, "for GFP_KERNEL", "");
	/* time to trouble before the sparkline: it says more */
	if (draw_zone_eta(eta, sizeof eta, s, z, false, &erole) != NULL) {
		draw_zone_eta(etab, sizeof etab, s, z, true, &erole);
		x += zone_flag(cv, y, x, end, erole, eta, etab);
	}
	const struct ui_zone_hist *h = ui_view_zone_hist(v, z->node, z->name);
	if (h != NULL && end > x) {
		double hi = ui_hist_max(&h->free, end - x);
		draw_spark(cv, y, x, end - x, &h->free, hi);
	}
	/* the selection reverses text only: a reversed bar cell is drawn in
	 * the background colour, and the free part of the bar would vanish */
	if (sel) {
		canvas_set_flag(cv, y, x0, geo->name_w - 1, CELL_SEL);
		if (v->focus == PANEL_ZONES)
			canvas_set_flag(cv, y, x0 + geo->fig_x,
			    geo->state_x + geo->state_w - geo->fig_x, CELL_SEL);
	}
}

/* "957M (96.5% of MemTotal)": and, with room left for more (the
 * balloon's word), the share of RAM too, the zones' present pages an OOM
 * report and explain divide by. */
static void
zones_unaccounted(const struct canvas *cv, const struct zt_snapshot *s,
    int room, char *line, size_t len)
{
	int64_t present = 0;
	char t1[32], t2[32], t3[32], both[256];

	for (int i = 0; i < s->nzones && zt_have(present); i++)
		present = zt_have(s->zones[i].present) ?
		    present + s->zones[i].present : ZT_NA;
	snprintf(line, len, "%s (%s of MemTotal)",
	    fmt_kb(t1, sizeof t1, s->unaccounted_kb),
	    draw_pct(t2, sizeof t2, s->unaccounted_pct / 100));
	if (!zt_have(present) || present <= 0)
		return;
	snprintf(both, sizeof both, "%s (%s of MemTotal, %s of RAM)", t1, t2,
	    draw_pct(t3, sizeof t3, (double)s->unaccounted_kb /
	    ((double)present * s->page_kb)));
	if (canvas_width(cv, both) + 18 <= room)
		snprintf(line, len, "%s", both);
}

/* The panel's title row: the name and the heads of its columns. */
static void
zones_title(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v, const struct zone_geo *geo)
{
	const struct ui_box *b = &v->lay.zones;
	int y = b->y;

	canvas_put(cv, y, b->x, -1, title_role(v, PANEL_ZONES), "ZONES");
	canvas_put(cv, y, b->x + geo->bar_x, geo->bar_w, RL_LABEL,
	    canvas_glyphs(cv)->brk[0] == ':' ? "free|used m l h p R : rest" :
	    "free|used m l h p R \u250a rest");
	canvas_put_right(cv, y, b->x + geo->fig_x, geo->fig_w, RL_LABEL,
	    "free/managed");
	canvas_put(cv, y, b->x + geo->state_x, geo->state_w, RL_LABEL, "state");
	if (s != NULL && s->trend.n > 0)
		canvas_printf(cv, y, b->x + geo->spark_x, geo->spark_w, RL_LABEL,
		    "time to min, %.0fs fit", s->trend.window_s);
	else
		canvas_put(cv, y, b->x + geo->spark_x, geo->spark_w, RL_LABEL,
		    "free, recent");
}

/* "empty: 0 DMA, 1 Movable": the zones folded into one line. */
static void
zones_empty(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_box *b, int y)
{
	int x = b->x + canvas_put(cv, y, b->x, -1, RL_DIM, "empty: ");
	bool first = true;
	char line[256];

	for (int i = 0; i < s->nzones && x < b->x + b->w; i++) {
		char nm[24];
		if (!s->zones[i].empty)
			continue;
		snprintf(line, sizeof line, "%s%d %s", first ? "" : ", ",
		    s->zones[i].node, draw_escape(nm, sizeof nm, s->zones[i].name));
		x += canvas_put(cv, y, x, b->x + b->w - x, RL_DIM, line);
		first = false;
	}
}

/* A large unaccounted share: whether a balloon explains it (vm.c
 * judges), at column x of row y, briefer when the long words do not
 * fit.  False when there is nothing to say. */
static bool
zones_balloon(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_box *b, int y, int x)
{
	const struct zt_vm *vm = &s->vm;
	const char *brief;
	char t1[32], line[256];

	if (isnan(s->unaccounted_pct) || s->unaccounted_pct < 5 ||
	    !vm->read || vm->verdict == ZT_VMV_UNKNOWN)
		return false;
	switch (vm->verdict) {
	case ZT_VMV_NO_COUNTER:
		snprintf(line, sizeof line, "  no balloon counter here: balloon or leak?");
		brief = "  balloon or leak?";
		break;
	case ZT_VMV_EMPTY:
		snprintf(line, sizeof line, "  balloon empty: not the balloon");
		brief = "  not the balloon";
		break;
	case ZT_VMV_EXPLAINS:
		snprintf(line, sizeof line, "  the balloon holds %s of it",
		    fmt_kb(t1, sizeof t1, vm->ballooned_kb));
		brief = "  the balloon";
		break;
	case ZT_VMV_PARTLY:
		snprintf(line, sizeof line, "  the balloon holds only %s of it",
		    fmt_kb(t1, sizeof t1, vm->ballooned_kb));
		brief = "  partly the balloon";
		break;
	default:
		snprintf(line, sizeof line, "  balloon pages left MemTotal");
		brief = "  balloon";
		break;
	}
	if (x + canvas_width(cv, line) <= b->x + b->w)
		canvas_put(cv, y, x, -1, RL_WARN, line);
	else if (x + canvas_width(cv, brief) <= b->x + b->w)
		canvas_put(cv, y, x, -1, RL_WARN, brief);
	return true;
}

/* What is not in the zones: reserved pages and unaccounted memory, then
 * the balloon's word on it or MemAvailable. */
static void
zones_outside(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_box *b, int y)
{
	int64_t resv = 0;
	bool have_resv = false;
	char t1[32], t2[32], line[256];

	for (int i = 0; i < s->nzones; i++)
		if (zt_have(s->zones[i].reserved)) {
			resv += s->zones[i].reserved;
			have_resv = true;
		}
	int x = b->x;
	x += canvas_put(cv, y, x, -1, RL_LABEL, "present-managed ");
	x += canvas_put(cv, y, x, -1, RL_STANDOUT,
	    draw_pages(t1, sizeof t1, have_resv ? resv : ZT_NA, s->page_kb));
	x += canvas_put(cv, y, x, -1, RL_LABEL, "  unaccounted ");
	if (zt_have(s->unaccounted_kb)) {
		zones_unaccounted(cv, s, b->x + b->w - x, line, sizeof line);
		x += canvas_put(cv, y, x, b->x + b->w - x, RL_STANDOUT, line);
	} else
		x += canvas_put(cv, y, x, -1, RL_NA, "n/a");
	if (zones_balloon(cv, s, b, y, x))
		return;
	int64_t avail = kvs_get(&s->meminfo, "MemAvailable");
	int64_t total = kvs_get(&s->meminfo, "MemTotal");
	snprintf(line, sizeof line, "  available %s of %s",
	    fmt_kb(t1, sizeof t1, avail), fmt_kb(t2, sizeof t2, total));
	if (x + canvas_width(cv, line) <= b->x + b->w)
		canvas_put(cv, y, x, -1, RL_DIM, line);
}

static void
draw_zones(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct ui_layout *L = &v->lay;
	const struct ui_box *b = &L->zones;
	struct zone_geo geo;
	int y = b->y, *rows, n;

	/* a blank column between zones and fragmentation beside them */
	zone_geometry(v->lay.frag.h > 0 && v->lay.frag.x > 0 ? b->w - 1 : b->w, &geo);
	zones_title(cv, s, v, &geo);
	if (s == NULL)
		return;
	if (!s->status[ZT_SRC_ZONEINFO].ok && s->nzones == 0) {
		canvas_printf(cv, y + 1, b->x, b->w, RL_NA, "zoneinfo: not available (%s)",
		    s->status[ZT_SRC_ZONEINFO].why);
		return;
	}
	rows = xcalloc((size_t)s->nzones + 1, sizeof *rows);
	n = ui_zone_rows(s, rows, s->nzones);
	for (int r = 0; r < L->zone_rows && v->ztop + r < n; r++)
		draw_zone_row(cv, y + 1 + r, b->x, &geo, s, &s->zones[rows[v->ztop + r]],
		    v, v->ztop + r == v->zsel);
	free(rows);
	if (n > L->zone_rows) {
		/* the list scrolls: where the selection is, at the title's end */
		char pos[32];
		snprintf(pos, sizeof pos, " %d/%d", v->zsel + 1, n);
		canvas_put_right(cv, y, b->x, geo.spark_x + geo.spark_w, RL_DIM, pos);
	}
	y += 1 + L->zone_rows;
	/* a short screen keeps the zone rows and drops these lines first */
	if (L->nempty > 0 && y + 1 < b->y + b->h) {
		zones_empty(cv, s, b, y);
		y++;
	}
	if (y < b->y + b->h)
		zones_outside(cv, s, b, y);
}

/* ---- fragmentation ---- */

static int
frag_orders(const struct zt_snapshot *s)
{
	int n = 0;

	for (int i = 0; s != NULL && i < s->nzones; i++)
		if (s->zones[i].norders > n)
			n = s->zones[i].norders;
	return n > 0 ? n : 11;
}

static const struct zt_alloc *
find_alloc(const struct zt_snapshot *s, int cls, int order)
{
	for (size_t i = 0; i < ZT_ARRAY_LEN(s->alloc); i++)
		if (s->alloc[i].cls == cls && s->alloc[i].order == order)
			return &s->alloc[i];
	return NULL;
}

static void
draw_frag(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	const struct ui_layout *L = &v->lay;
	const struct ui_box *b = &L->frag;
	int norders = frag_orders(s), cw = b->w >= 10 + 2 * norders + 17 &&
	    L->w >= UI_WIDE ? 2 : 1;
	int cells_x = b->x + 10, hi_x = cells_x + norders * cw + 1;
	int chk_x = hi_x + 5, y = b->y, *rows, n;

	canvas_put(cv, y, b->x, 9, title_role(v, PANEL_FRAG), "FRAGMENTS");
	for (int o = 0; o < norders; o++)
		canvas_printf(cv, y, cells_x + o * cw, 1, RL_LABEL, "%X", o);
	canvas_put(cv, y, hi_x, 4, RL_LABEL, " top");
	canvas_put(cv, y, chk_x, 8, RL_LABEL, "0 1 2 3");
	if (s == NULL)
		return;
	/* where would GFP_KERNEL of order 0..3 be served at min right now */
	{
		int x = chk_x + 9, end = b->x + b->w;
		if (end - x >= 24) {
			x += canvas_put(cv, y, x, end - x, RL_LABEL, "GFP_KERNEL now:");
			for (int o = 0; o < ZT_ALLOC_ORDERS && x < end; o++) {
				const struct zt_alloc *a = find_alloc(s, ZT_CLASS_KERNEL, o);
				canvas_printf(cv, y, x, end - x, RL_LABEL, " %d", o);
				x += 2;
				if (a == NULL)
					x += canvas_put(cv, y, x, end - x, RL_NA, "?");
				else
					x += canvas_put(cv, y, x, end - x,
					    draw_alloc_role(a, RL_OK),
					    a->ok[ZT_MARK_MIN] ? g->yes : g->no);
			}
		}
	}
	rows = xcalloc((size_t)s->nzones + 1, sizeof *rows);
	n = ui_zone_rows(s, rows, s->nzones);
	for (int r = 0; r < L->zone_rows && v->ztop + r < n; r++) {
		const struct zt_zone *z = &s->zones[rows[v->ztop + r]];
		char name[40], nm[24];
		int yy = y + 1 + r;

		snprintf(name, sizeof name, "%d %s", z->node,
		    draw_escape(nm, sizeof nm, z->name));
		canvas_put(cv, yy, b->x, 9, RL_NORMAL, name);
		if (z->norders == 0) {
			/* the reason is in the detail view */
			canvas_put(cv, yy, cells_x, hi_x + 4 - cells_x, RL_NA,
			    s->status[ZT_SRC_BUDDYINFO].ok ? "not in buddyinfo" :
			    "buddyinfo n/a");
		} else {
			for (int o = 0; o < z->norders && o < norders; o++) {
				int lvl = ui_shade_level(z->buddy[o]);
				for (int k = 0; k < cw; k++)
					canvas_put(cv, yy, cells_x + o * cw + k, 1,
					    lvl == 0 ? RL_DIM : RL_FREE, g->shade[lvl]);
			}
			if (z->highest_free_order >= 0)
				canvas_printf(cv, yy, hi_x, 4, RL_NORMAL, "%4d",
				    z->highest_free_order);
			else
				canvas_put_right(cv, yy, hi_x, 4,
				    z->highest_free_order == -1 ? RL_CRIT : RL_NA,
				    z->highest_free_order == -1 ? "none" : "n/a");
		}
		for (int o = 0; o < ZT_ALLOC_ORDERS; o++) {
			int xx = chk_x + o * 2;
			if (!z->wm_applies[ZT_CLASS_KERNEL])
				canvas_put(cv, yy, xx, 1, RL_DIM, g->none);
			else if (z->wm_ok[ZT_CLASS_KERNEL][o] & (1u << ZT_MARK_MIN))
				canvas_put(cv, yy, xx, 1, RL_OK, g->yes);
			else
				canvas_put(cv, yy, xx, 1, RL_CRIT, g->no);
		}
		/* as on the zone's row: the text, never the shade cells */
		if (v->ztop + r == v->zsel && v->focus == PANEL_FRAG) {
			canvas_set_flag(cv, yy, b->x, 9, CELL_SEL);
			if (z->norders == 0)
				canvas_set_flag(cv, yy, cells_x, hi_x + 4 - cells_x,
				    CELL_SEL);
			else
				canvas_set_flag(cv, yy, hi_x,
				    chk_x + ZT_ALLOC_ORDERS * 2 - 1 - hi_x, CELL_SEL);
		}
	}
	free(rows);
}

/* ---- swap, pressure, commit ---- */

/* The colour of a figure's severity (enum zt_sev), decided by the model
 * (derive_severity()) as the verdict words it.  A note is the verdict's
 * to say: the figure stays plain. */
int
draw_sev_role(int sev)
{
	return sev == ZT_SEV_NA ? RL_NA : sev >= ZT_SEV_CRIT ? RL_CRIT :
	    sev == ZT_SEV_WARN ? RL_WARN : RL_NORMAL;
}

/* PRESSURE: share of time stalled on memory, % over 10/60/300 s, from
 * column x of row y to end. */
static void
swap_pressure(struct canvas *cv, const struct zt_snapshot *s, int y, int x,
    int end)
{
	char line[1200];

	if (!s->psi.have) {
		canvas_printf(cv, y, x, end - x, RL_NA, "n/a (%s)",
		    s->status[ZT_SRC_PSI].ok ? "no PSI lines" : s->status[ZT_SRC_PSI].why);
	} else {
		const struct zt_psi_line *ln[2] = { &s->psi.some, &s->psi.full };
		const char *nm[2] = { "some", "full" };
		for (int i = 0; i < 2; i++) {
			if (!ln[i]->have)
				snprintf(line, sizeof line, "%s n/a  ", nm[i]);
			else
				snprintf(line, sizeof line, "%s %.2f %.2f %.2f  ", nm[i],
				    ln[i]->avg10, ln[i]->avg60, ln[i]->avg300);
			x += canvas_put(cv, y, x, end - x,
			    draw_sev_role(i == 0 ? s->sev_psi_some : s->sev_psi_full), line);
		}
		canvas_put(cv, y, x, end - x, RL_DIM, "avg10/60/300 %");
	}
}

/* COMMIT: Committed_AS against CommitLimit, not clipped at 100%, and
 * the overcommit mode, from column x of row y to end. */
static void
swap_commit(struct canvas *cv, const struct zt_snapshot *s, int y, int x,
    int end)
{
	char t1[32], t2[32], line[1200];

	if (!zt_have(s->committed_kb) && !zt_have(s->commit_limit_kb)) {
		x += canvas_put(cv, y, x, end - x, RL_NA, "n/a");
	} else if (!zt_have(s->committed_kb) || !zt_have(s->commit_limit_kb) ||
	    s->commit_limit_kb <= 0) {
		/* the one that is known, the other n/a (never 0) */
		x += canvas_put(cv, y, x, end - x, zt_have(s->committed_kb) ?
		    RL_NORMAL : RL_NA, fmt_kb(t1, sizeof t1, s->committed_kb));
		x += canvas_put(cv, y, x, end - x, RL_NORMAL, " committed of ");
		x += canvas_put(cv, y, x, end - x, zt_have(s->commit_limit_kb) ?
		    RL_NORMAL : RL_NA, fmt_kb(t2, sizeof t2, s->commit_limit_kb));
		x += canvas_put(cv, y, x, end - x, RL_NORMAL, " limit");
	} else {
		double f = (double)s->committed_kb / (double)s->commit_limit_kb;
		snprintf(line, sizeof line, "%s committed of %s limit (%.0f%%)",
		    fmt_kb(t1, sizeof t1, s->committed_kb),
		    fmt_kb(t2, sizeof t2, s->commit_limit_kb), f * 100);
		x += canvas_put(cv, y, x, end - x, draw_sev_role(s->sev_commit), line);
	}
	{
		int64_t m = s->sysctl.overcommit_memory;
		const char *mode = m == 0 ? "heuristic" : m == 1 ? "always" :
		    m == 2 ? "strict: limit enforced" : "?";
		if (!zt_have(m))
			snprintf(line, sizeof line, "  overcommit n/a");
		else
			snprintf(line, sizeof line, "  overcommit %lld %s",
			    (long long)m, mode);
		/* not cut: "strict" alone when the rest does not fit */
		if (m == 2 && x + canvas_width(cv, line) > end)
			snprintf(line, sizeof line, "  overcommit 2 strict");
		canvas_put(cv, y, x, end - x, RL_DIM, line);
	}
}

static void
draw_swap(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct ui_box *b = &v->lay.swap;
	char t1[32], t2[32], t3[32], line[1200];
	int y = b->y, x, end = b->x + b->w;

	/* the swap devices under SWAP, then PRESSURE and COMMIT */
	int devs = s != NULL ? (v->lay.swap_devs < s->nswaps ? v->lay.swap_devs : s->nswaps) : 0;
	canvas_put(cv, y, b->x, 9, RL_TITLE, "SWAP");
	canvas_put(cv, y + 1 + devs, b->x, 9, RL_TITLE, "PRESSURE");
	canvas_put(cv, y + 2 + devs, b->x, 9, RL_TITLE, "COMMIT");
	if (s == NULL)
		return;
	x = b->x + 10;
	if (!zt_have(s->swap_total_kb)) {
		x += canvas_printf(cv, y, x, end - x, RL_NA, "n/a (%s)",
		    s->status[ZT_SRC_SWAPS].ok ? "meminfo lacks SwapTotal" :
		    s->status[ZT_SRC_SWAPS].why);
	} else if (s->swap_total_kb == 0) {
		x += canvas_put(cv, y, x, end - x, RL_WARN, "none configured");
	} else {
		double used = zt_have(s->swap_used_kb) ?
		    (double)s->swap_used_kb / (double)s->swap_total_kb : NAN;
		snprintf(line, sizeof line, "used %s of %s (%s)",
		    fmt_kb(t1, sizeof t1, s->swap_used_kb),
		    fmt_kb(t2, sizeof t2, s->swap_total_kb),
		    draw_pct(t3, sizeof t3, used));
		x += canvas_put(cv, y, x, end - x,
		    s->sev_swap == ZT_SEV_NA ? RL_NORMAL : draw_sev_role(s->sev_swap), line);
	}
	snprintf(line, sizeof line, "  in %s out %s pages/s ",
	    fmt_rate(t1, sizeof t1, s->pswpin_per_s),
	    fmt_rate(t2, sizeof t2, s->pswpout_per_s));
	x += canvas_put(cv, y, x, end - x, isnan(s->pswpin_per_s) ? RL_NA : RL_NORMAL,
	    line);
	if (end - x > 4) {
		int sw = end - x > 24 ? 24 : end - x;
		draw_spark(cv, y, x, sw, &v->swap_io, ui_hist_max(&v->swap_io, sw));
	}
	for (int i = 0; i < devs; i++) {
		const struct zt_swapdev *d = &s->swaps[i];
		char path[512], ty[40];
		int yy = y + 1 + i;
		snprintf(line, sizeof line, "%s  %s  used %s of %s  priority %s",
		    draw_escape(path, sizeof path, d->path),
		    draw_escape(ty, sizeof ty, d->type),
		    fmt_kb(t1, sizeof t1, d->used_kb),
		    fmt_kb(t2, sizeof t2, d->size_kb),
		    draw_i64(t3, sizeof t3, d->priority));
		canvas_put(cv, yy, b->x + 10, b->w - 10, RL_DIM, line);
	}

	swap_pressure(cv, s, y + 1 + devs, b->x + 10, end);
	swap_commit(cv, s, y + 2 + devs, b->x + 10, end);
}

/* ---- events ---- */

static void
draw_events(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct ui_box *b = &v->lay.events;
	char t[16], text[512];

	canvas_put(cv, b->y, b->x, -1, RL_TITLE, "EVENTS");
	if (s == NULL)
		return;
	if (zt_have(s->oom_kills))
		canvas_printf(cv, b->y, b->x + 8, b->w - 8, RL_DIM,
		    "oom_kill since boot: %lld", (long long)s->oom_kills);
	if (s->nevents == 0) {
		canvas_put(cv, b->y + 1, b->x + 2, b->w - 2, RL_DIM,
		    "none since zonetop started");
		return;
	}
	for (int r = 0; r < v->lay.event_rows && r < s->nevents; r++) {
		const struct zt_event *e = &s->events[s->nevents - 1 - r];
		int x = b->x + 2;
		x += canvas_put(cv, b->y + 1 + r, x, -1, RL_DIM,
		    draw_clock(t, sizeof t, &e->when));
		x += 2;
		draw_escape(text, sizeof text, e->text);
		canvas_put(cv, b->y + 1 + r, x, b->x + b->w - x, draw_event_role(e->kind),
		    text);
	}
}

/* ---- candidates ---- */

/* Text in w cells; when too long its end, which says most of a path. */
static void
draw_tail(struct canvas *cv, int y, int x, int w, int role, const char *s)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	int sw = canvas_width(cv, s);

	if (sw <= w || w < 2) {
		canvas_put(cv, y, x, w, role, s);
		return;
	}
	/* drop characters from the front until the rest fits after "..." */
	while (*s != '\0' && sw > w - 1) {
		uint32_t cp;
		char one[8];
		int k = canvas_utf8_decode(s, &cp);
		memcpy(one, s, (size_t)k);
		one[k] = '\0';
		sw -= canvas_width(cv, one);
		s += k;
	}
	x += canvas_put(cv, y, x, 1, RL_DIM, g->ellipsis);
	canvas_put(cv, y, x, w - 1, role, s);
}

static void
draw_proc_row(struct canvas *cv, int y, const struct ui_cols *c,
    const struct zt_snapshot *s, const struct zt_proc *p,
    const struct ui_view *v, bool sel, int w)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	int vp = ui_victim(s, v);
	bool victim = vp != 0 && p->pid == vp;
	int role = victim ? RL_VICTIM : !p->killable ? RL_UNKILLABLE : RL_NORMAL;
	char b[1024], t[32];

	if (victim)
		canvas_put(cv, y, 0, 1, RL_VICTIM, g->victim);
	else if (!p->killable)
		canvas_put(cv, y, 0, 1, RL_UNKILLABLE, g->unkillable);
	if (p->rank > 0)
		snprintf(t, sizeof t, "%d", p->rank);
	else
		snprintf(t, sizeof t, "-");
	/* a column not shown (zonetoprc) has no width: w - 1 would be "all" */
	if (c->w[COL_RANK] > 0)
		canvas_put_right(cv, y, c->x[COL_RANK], c->w[COL_RANK] - 1, role, t);
	snprintf(t, sizeof t, "%d", p->pid);
	if (c->w[COL_PID] > 0)
		canvas_put_right(cv, y, c->x[COL_PID], c->w[COL_PID] - 1, role, t);
	if (p->user[0] != '\0')
		draw_escape(b, sizeof b, p->user);
	else if (zt_have(p->uid))
		snprintf(b, sizeof b, "%lld", (long long)p->uid);
	else
		snprintf(b, sizeof b, "n/a");
	if (c->w[COL_USER] > 0)
		canvas_put(cv, y, c->x[COL_USER] + 1, c->w[COL_USER] - 1,
		    p->user[0] || zt_have(p->uid) ? role : RL_NA, b);
	canvas_put_right(cv, y, c->x[COL_SCORE], c->w[COL_SCORE], role,
	    draw_i64(t, sizeof t, p->oom_score));
	canvas_put_right(cv, y, c->x[COL_ADJ], c->w[COL_ADJ], role,
	    draw_i64(t, sizeof t, p->oom_score_adj));
	/* zonetop changed it (u restores): a mark right before the value */
	if (c->w[COL_ADJ] > 0 &&
	    protect_find(&v->changes, p->pid, p->start_time) != NULL) {
		int at = c->x[COL_ADJ] + c->w[COL_ADJ] - canvas_width(cv, t) - 1;
		canvas_put(cv, y, at > c->x[COL_ADJ] ? at : c->x[COL_ADJ], 1,
		    RL_WARN, "*");
	}
	canvas_put_right(cv, y, c->x[COL_RSS], c->w[COL_RSS], role,
	    fmt_kb(t, sizeof t, p->rss_kb));
	canvas_put_right(cv, y, c->x[COL_SWAP], c->w[COL_SWAP], role,
	    fmt_kb(t, sizeof t, p->swap_kb));
	canvas_put_right(cv, y, c->x[COL_SHARE], c->w[COL_SHARE], role,
	    draw_pct(t, sizeof t, p->badness_share));
	if (c->w[COL_CGROUP] > 0)
		draw_tail(cv, y, c->x[COL_CGROUP], c->w[COL_CGROUP] - 1,
		    p->cgroup ? role : RL_NA, draw_escape(b, sizeof b, p->cgroup));
	if (v->full_cmd && p->cmdline != NULL && p->cmdline[0] != '\0')
		draw_escape(b, sizeof b, p->cmdline);
	else if (v->full_cmd) {
		char cm[200];
		snprintf(b, sizeof b, "[%s]", draw_escape(cm, sizeof cm, p->comm));
	} else
		draw_escape(b, sizeof b, p->comm[0] ? p->comm : NULL);
	canvas_put(cv, y, c->x[COL_CMD], c->w[COL_CMD], role, b);
	/* a command line cut at the edge says so (Enter shows it whole) */
	if (v->full_cmd && c->w[COL_CMD] > 1 &&
	    canvas_width(cv, b) > c->w[COL_CMD])
		canvas_put(cv, y, c->x[COL_CMD] + c->w[COL_CMD] - 1, 1, RL_DIM,
		    g->ellipsis);
	if (sel)
		canvas_set_flag(cv, y, 0, w, CELL_SEL);
}

/* Under -p, -u or --cgroup, the victim among the rows: a memcg OOM's
 * (cgroup.c judges it) for --cgroup, else the first killable row with a
 * score (the rows are in rank order). */
static const struct zt_proc *
filter_victim(const struct zt_snapshot *s)
{
	for (int i = 0; i < s->nprocs; i++) {
		const struct zt_proc *p = &s->procs[i];
		if (s->cgroup.path[0] ? p->pid == s->cgroup.predicted_victim :
		    p->killable && zt_have(p->oom_score) && p->oom_score > 0)
			return p;
	}
	return NULL;
}

/* --cgroup: the cgroup's limit, usage, swap and OOM events, as batch
 * mode prints them. */
static void
draw_cgroup(struct canvas *cv, const struct zt_snapshot *s, int y, int w)
{
	const struct zt_cgroup_info *c = &s->cgroup;
	char line[512], path[300], a[32], b[32], pct[16];
	int x = 10;		/* the values start past the title */

	canvas_put(cv, y, 0, 10, RL_TITLE, "CGROUP");
	draw_escape(path, sizeof path, c->path);
	if (!c->have) {
		canvas_printf(cv, y, x, w - x, RL_NA, "%s: not available (%s)", path,
		    c->why);
		return;
	}
	x += canvas_printf(cv, y, x, w - x, RL_NORMAL, "%s (v%d)  ", path,
	    c->version);
	if (c->limit_kb == ZT_NO_LIMIT || !zt_have(c->limit_kb) ||
	    !zt_have(c->usage_kb) || c->limit_kb <= 0)
		pct[0] = '\0';
	else
		snprintf(pct, sizeof pct, " (%.0f%%)", 100.0 *
		    (double)c->usage_kb / (double)c->limit_kb);
	snprintf(line, sizeof line, "usage %s of %s%s", fmt_kb(a, sizeof a,
	    c->usage_kb), c->limit_kb == ZT_NO_LIMIT ? "max" :
	    fmt_kb(b, sizeof b, c->limit_kb), pct);
	x += canvas_put(cv, y, x, w - x, pct[0] ? draw_sev_role(c->sev_usage) :
	    RL_NORMAL, line);
	snprintf(line, sizeof line, "  swap %s of %s", fmt_kb(a, sizeof a,
	    c->swap_usage_kb), c->swap_limit_kb == ZT_NO_LIMIT ? "max" :
	    fmt_kb(b, sizeof b, c->swap_limit_kb));
	x += canvas_put(cv, y, x, w - x, RL_DIM, line);
	/* the OOM counters first (oom, oom_kill, under_oom), then the rest */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < c->events.n && x < w; i++) {
			const struct zt_kv *e = &c->events.v[i];
			bool oom = strstr(e->key, "oom") != NULL &&
			    strcmp(e->key, "oom_kill_disable") != 0;
			if (oom != (pass == 0))
				continue;
			snprintf(line, sizeof line, "  %s %lld", e->key, (long long)e->val);
			x += canvas_put(cv, y, x, w - x, oom && e->val > 0 ? RL_CRIT :
			    RL_DIM, line);
		}
}

/* The candidates' column heads, the sort column's with its arrow. */
static void
procs_heads(struct canvas *cv, const struct ui_view *v,
    const struct ui_cols *c)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	const struct ui_box *b = &v->lay.procs;
	char line[256];

	for (int i = 0; i < COL_N; i++) {
		if (c->w[i] == 0)
			continue;
		bool right = i != COL_USER && i != COL_CGROUP && i != COL_CMD;
		int role = i == v->sort ? RL_FOCUS : RL_LABEL;
		snprintf(line, sizeof line, "%s%s", ui_col_name(i), i == v->sort ?
		    ((v->sort_rev != (i == COL_SCORE || i == COL_ADJ || i == COL_RSS ||
		    i == COL_SWAP || i == COL_SHARE)) ? g->down : g->up) : "");
		if (right)
			canvas_put_right(cv, b->y + 1, c->x[i],
			    i == COL_RANK || i == COL_PID ? c->w[i] - 1 : c->w[i], role, line);
		else
			canvas_put(cv, b->y + 1, c->x[i] + (i == COL_USER), c->w[i], role, line);
	}
}

/* The title's "next victim PID COMM" at column x, when it fits; returns
 * the column after it. */
static int
procs_victim(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v, int x)
{
	const struct ui_box *b = &v->lay.procs;
	const struct zt_proc *vp = NULL;
	const char *what = "next victim";
	char line[256], esc[128];
	int vpid = ui_victim(s, v);

	if (s->victim_pending > 0) {
		/* the first frame (quick_first): ranked by oom_score, the
		 * kernel's exact points not read yet; no victim claimed */
		snprintf(line, sizeof line, "  next victim: pending (exact points "
		    "of %d contenders being read; rows by oom_score)",
		    s->victim_pending);
		if (x + canvas_width(cv, line) > b->w)
			snprintf(line, sizeof line, "  next victim: pending");
		if (x + canvas_width(cv, line) <= b->w)
			x += canvas_put(cv, b->y, b->x + x, -1, RL_WARN, line);
		return x;
	}
	for (int i = 0; vpid != 0 && i < s->nprocs; i++)
		if (s->procs[i].pid == vpid)
			vp = &s->procs[i];
	if (vp == NULL && s->procs_filter[0] != '\0') {
		/* outside the filter: the one the rows hold */
		vp = filter_victim(s);
		what = s->cgroup.path[0] ? "memcg OOM victim" :
		    "next victim among these";
	}
	if (vp != NULL) {
		snprintf(line, sizeof line, "  %s %d %s", what, vp->pid,
		    draw_escape(esc, sizeof esc, vp->comm[0] ? vp->comm : NULL));
		if (x + canvas_width(cv, line) <= b->w)
			x += canvas_put(cv, b->y, b->x + x, -1, RL_VICTIM, line);
	}
	return x;
}

static void
draw_procs(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct ui_box *b = &v->lay.procs;
	struct ui_cols c;
	char line[256], esc[128];
	int x, *order, n, total;

	if (v->lay.cgroup_y > 0 && s != NULL)
		draw_cgroup(cv, s, v->lay.cgroup_y, b->w);
	x = canvas_put(cv, b->y, b->x, -1, title_role(v, PANEL_PROCS),
	    "OOM CANDIDATES");
	ui_view_columns(v, b->w, &c);
	procs_heads(cv, v, &c);
	if (s == NULL)
		return;
	if (!s->status[ZT_SRC_PROCS].ok && s->nprocs == 0) {
		canvas_printf(cv, b->y, b->x + x, b->w - x, RL_NA, "  n/a (%s)",
		    s->status[ZT_SRC_PROCS].why);
		return;
	}
	order = xcalloc((size_t)s->nprocs + 1, sizeof *order);
	n = ui_proc_order(s, v, order);
	total = ui_proc_total(s, v);
	if (s->procs_filter[0] != '\0') {
		char f[128];
		/* the rows are the matches of -p, -u, --cgroup: no more */
		snprintf(line, sizeof line, "  %d match %s (of %d)", total,
		    draw_escape(f, sizeof f, s->procs_filter), s->nprocs_total);
	} else
		snprintf(line, sizeof line, "  %d of %d processes", total,
		    s->nprocs_total > s->nprocs ? s->nprocs_total : s->nprocs);
	if (s->live)	/* which path read them */
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s",
		    s->procs_source == ZT_PROCS_BPF ?
		    (s->points_counts == ZT_COUNTS_CENTRAL_SEEN ?
		    " via BPF, central counters" : " via BPF") :
		    s->bpf_why[0] != '\0' ? " via /proc" : "");
	x += canvas_put(cv, b->y, b->x + x, -1, RL_DIM, line);
	if (v->filter[0] != '\0') {
		snprintf(line, sizeof line, "  filter \"%s\"",
		    draw_escape(esc, sizeof esc, v->filter));
		x += canvas_put(cv, b->y, b->x + x, -1, RL_WARN, line);
	}
	if (v->scope[0] != '\0') {
		snprintf(line, sizeof line, "  ranked in %s (Esc: all)",
		    draw_escape(esc, sizeof esc, v->scope));
		x += canvas_put(cv, b->y, b->x + x, -1, RL_WARN, line);
	}
	x = procs_victim(cv, s, v, x);
	/* why not BPF, where the title has room for it */
	if (s->live && s->procs_source != ZT_PROCS_BPF && s->bpf_why[0] != '\0') {
		snprintf(line, sizeof line, "  (BPF: %s)",
		    draw_escape(esc, sizeof esc, s->bpf_why));
		if (x + canvas_width(cv, line) <= b->w)
			x += canvas_put(cv, b->y, b->x + x, -1, RL_DIM, line);
	}
	if (v->ptop > 0 || v->ptop + v->lay.proc_rows < total) {
		snprintf(line, sizeof line, "%d-%d/%d", v->ptop + 1,
		    v->ptop + v->lay.proc_rows < total ? v->ptop + v->lay.proc_rows :
		    total, total);
		if (x + 2 + canvas_width(cv, line) <= b->w)
			canvas_put_right(cv, b->y, b->x, b->w, RL_DIM, line);
	}
	for (int r = 0; r < v->lay.proc_rows && v->ptop + r < total; r++) {
		int i = v->ptop + r;
		bool sel = v->focus == PANEL_PROCS && i == v->psel;
		if (i < n) {
			draw_proc_row(cv, b->y + 2 + r, &c, s, &s->procs[order[i]], v,
			    sel, b->w);
			continue;
		}
		/* ranked but not read yet: the sampler reads it next */
		if (c.w[COL_RANK] > 0)
			canvas_printf(cv, b->y + 2 + r, c.x[COL_RANK], c.w[COL_RANK] - 1,
			    RL_DIM, "%*d", c.w[COL_RANK] - 1, i + 1);
		canvas_put(cv, b->y + 2 + r, c.w[COL_PID] > 0 ? c.x[COL_PID] : 1, -1,
		    RL_DIM, "   reading...");
		if (sel)
			canvas_set_flag(cv, b->y + 2 + r, 0, b->w, CELL_SEL);
	}
	if (total == 0)
		canvas_put(cv, b->y + 2, b->x + 2, b->w - 2, RL_DIM,
		    v->filter[0] ? "no process matches the filter" :
		    s->procs_filter[0] ? "no process matches the command line's "
		    "-p, -u or --cgroup" : "no processes");
	free(order);
}

/* ---- help and detail: a window onto a tall canvas ---- */

/* The column after the last character on row y. */
static int
row_end(const struct canvas *cv, int y)
{
	for (int x = cv->w - 1; x >= 0; x--) {
		const struct ui_cell *c = canvas_cell(cv, y, x);
		if (c->ch != ' ' || c->flags & CELL_CONT)
			return x + 1;
	}
	return 0;
}

/*
 * The content's first row is its title (the zone, the process, the
 * event): it stays on row 2 while the rest scrolls under it.  Where the
 * window is, "21-40/64", goes at the title's right end, or into pos for
 * the footer when the title leaves no room for it.
 */
static void
draw_body(struct canvas *cv, const struct zt_snapshot *s,
    const struct zt_snapshot *prev, struct ui_view *v, char *pos,
    size_t poslen)
{
	struct canvas full;
	int rows = cv->h - 4, used, top;

	pos[0] = '\0';
	canvas_init(&full, cv->w, 600, cv->ascii);
	if (v->mode == MODE_HELP) {
		used = help_draw(&full, s, v);
		top = v->help_top;
	} else {
		used = detail_draw(&full, s, prev, v);
		top = v->detail_top;
	}
	used = used > 1 ? used - 1 : 0;		/* rows under the title */
	/* the view keeps a top past the end, so the end stays in view while
	 * the content grows (pagetypeinfo arriving) */
	v->body_max = used - rows > 0 ? used - rows : 0;
	if (top > v->body_max)
		top = v->body_max;
	if (top < 0)
		top = 0;
	canvas_copy_rows(cv, 2, &full, 0, 1);
	canvas_copy_rows(cv, 3, &full, 1 + top, rows);
	canvas_free(&full);
	if (used <= rows)
		return;
	snprintf(pos, poslen, "%d-%d/%d", top + 1,
	    top + rows < used ? top + rows : used, used);
	if (row_end(cv, 2) + 2 + canvas_width(cv, pos) <= cv->w) {
		canvas_put_right(cv, 2, 0, cv->w, RL_DIM, pos);
		pos[0] = '\0';
	}
}

void
draw_screen(struct canvas *cv, const struct zt_snapshot *s,
    const struct zt_snapshot *prev, struct ui_view *v)
{
	canvas_clear(cv);
	ui_layout(v, s, cv->w, cv->h);
	if (v->lay.too_small) {
		draw_too_small(cv);
		return;
	}
	draw_header(cv, s, v);
	if (v->mode == MODE_HELP || (v->mode == MODE_DETAIL && s != NULL)) {
		char pos[48];
		draw_verdict(cv, s, 1);
		draw_body(cv, s, prev, v, pos, sizeof pos);
		draw_footer(cv, v, pos);
		return;
	}
	draw_footer(cv, v, "");
	if (v->mode == MODE_EVENTS) {
		draw_verdict(cv, s, 1);
		events_draw(cv, s, v);
		return;
	}
	if (v->mode == MODE_TIMELINE) {
		draw_verdict(cv, s, 1);
		replay_draw_timeline(cv, v);
		return;
	}
	if (v->mode == MODE_CGROUPS) {
		draw_verdict(cv, s, 1);
		cgroups_draw(cv, s, v);
		return;
	}
	draw_verdict(cv, s, v->lay.verdict.h);
	if (v->lay.banner.h > 0)
		events_banner(cv, s, v);
	draw_zones(cv, s, v);
	if (v->lay.frag.h > 0)
		draw_frag(cv, s, v);
	draw_swap(cv, s, v);
	if (v->lay.events.h > 0)
		draw_events(cv, s, v);
	draw_procs(cv, s, v);
	if (v->mode == MODE_DIALOG)
		dialog_draw(cv, s, v);
}
