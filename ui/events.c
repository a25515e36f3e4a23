/*
 * events.c: what happened, drawn three ways.  The banner under the
 * verdict names the newest OOM kill with its weightiest verdict line,
 * or why the kernel log gave no report; the events view (E) lists every
 * event kept, newest first, an OOM kill with a second line of victim,
 * rank, constraint and request; an event's explanation (Enter there) is
 * the `zonetop explain` text of its kernel report, drawn into the tall
 * canvas the detail view shows a window of.
 */
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/kmsg.h"
#include "../src/util.h"

#define EV_TIME_X 2
#define EV_KIND_X 12
#define EV_TEXT_X 26

/* An OOM kill without the kernel's report names a guessed victim (a
 * recording's events of before victim_guessed have only report_id 0). */
static bool
guessed(const struct zt_event *e)
{
	return e->kind == ZT_EV_OOM_KILL && (e->victim_guessed || e->report_id == 0);
}

int
draw_event_role(int kind)
{
	return kind == ZT_EV_OOM_KILL ? RL_CRIT : RL_WARN;
}

/* Why there is no report to read, "" when the log is read. */
static const char *
kmsg_why(const struct zt_snapshot *s, char *buf, size_t len)
{
	char why[ZT_WHY_LEN * 2];

	if (s->kmsg.ok)
		return strlcpy0(buf, "", len), buf;
	if (s->kmsg.why[0] == '\0' || strcmp(s->kmsg.why, "not read") == 0)
		return strlcpy0(buf, "kernel log not read", len), buf;
	snprintf(buf, len, "kernel log not read: %s",
	    draw_escape(why, sizeof why, s->kmsg.why));
	return buf;
}

/* On an ASCII screen, what the explanation spells in Unicode, in ASCII
 * (util.c's fold_ascii). */
static char *
ascii_fold(const struct canvas *cv, char *t)
{
	return cv->ascii ? fold_ascii(t) : t;
}

void
events_banner(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct ui_box *b = &v->lay.banner;
	const struct zt_event *e;
	char t[16], text[512], more[64], why[256];
	int n, x, end = b->x + b->w, hint, room;

	if (b->h <= 0 || (e = ui_last_oom(s, &n)) == NULL)
		return;
	if (e->constraint == ZT_CON_MEMCG) {
		/* a cgroup at its limit, not the machine: no red alarm */
		char cg[300], lim[16];
		canvas_fill(cv, b->y, b->x, b->w, RL_WARN, " ");
		snprintf(text, sizeof text, "memcg OOM kill %s in %s (its limit%s%s)  ",
		    draw_clock(t, sizeof t, &e->when), draw_escape(cg, sizeof cg,
		    e->memcg[0] ? e->memcg : "?"), zt_have(e->memcg_limit_kb) ?
		    " " : "", zt_have(e->memcg_limit_kb) ?
		    fmt_kb(lim, sizeof lim, e->memcg_limit_kb) : "");
		x = b->x + canvas_put(cv, b->y, b->x, b->w, RL_WARN, text);
		canvas_put(cv, b->y, x, end - x, RL_WARN,
		    draw_escape(text, sizeof text, e->text));
	} else {
		canvas_fill(cv, b->y, b->x, b->w, RL_CRIT, " ");
		x = b->x + canvas_printf(cv, b->y, b->x, b->w, RL_CRIT,
		    "OOM KILL %s%s  ", draw_clock(t, sizeof t, &e->when),
		    guessed(e) ? " (victim guessed)" : "");
		canvas_put(cv, b->y, x, end - x, RL_CRIT,
		    draw_escape(text, sizeof text, e->text));
	}
	if (b->h < 2)
		return;
	/* the second line: why it happened, or why we cannot say, and the
	 * way to the rest while the line has room for both */
	snprintf(more, sizeof more, "%d OOM kill%s: E lists, Enter explains", n,
	    n == 1 ? "" : "s");
	hint = canvas_width(cv, more);
	room = b->w - hint - 2 >= 40 ? b->w - hint - 2 : b->w;
	if (e->detail[0] != '\0')
		canvas_put(cv, b->y + 1, b->x, room, RL_WARN,
		    (draw_escape(text, sizeof text, e->detail), ascii_fold(cv, text)));
	else if (!s->kmsg.ok)
		canvas_put(cv, b->y + 1, b->x, room, RL_NA,
		    kmsg_why(s, why, sizeof why));
	if (room < b->w)
		canvas_put_right(cv, b->y + 1, b->x, b->w, RL_DIM, more);
}

/* The second line of an OOM kill: victim, rank, constraint, request. */
static void
oom_summary(const struct zt_snapshot *s, const struct zt_event *e,
    char *out, size_t len)
{
	char comm[200], cg[300], gfp[200], lim[16], tmp[64];
	size_t n = 0;

	if (e->victim_pid > 0 && e->victim_comm[0] != '\0')
		n += (size_t)snprintf(out + n, len - n, "victim %s%s (pid %d)",
		    guessed(e) ? "guessed: " : "", draw_escape(comm, sizeof comm,
		    e->victim_comm), e->victim_pid);
	else if (e->victim_pid > 0)
		n += (size_t)snprintf(out + n, len - n, "victim %spid %d",
		    guessed(e) ? "guessed: " : "", e->victim_pid);
	else
		n += (size_t)snprintf(out + n, len - n, "victim unknown");
	if (n < len && e->victim_rank > 0)
		n += (size_t)snprintf(out + n, len - n, " · rank %d, %s",
		    e->victim_rank, e->victim_predicted ? "predicted" :
		    "not predicted");
	else if (n < len)
		n += (size_t)snprintf(out + n, len - n, " · rank n/a");
	if (n < len && e->constraint == ZT_CON_MEMCG) {
		draw_escape(cg, sizeof cg, e->memcg[0] ? e->memcg : "?");
		if (zt_have(e->memcg_limit_kb) && e->memcg_limit_kb != ZT_NO_LIMIT)
			snprintf(tmp, sizeof tmp, " (limit %s)",
			    fmt_kb(lim, sizeof lim, e->memcg_limit_kb));
		else
			tmp[0] = '\0';
		n += (size_t)snprintf(out + n, len - n, " · memcg %s%s", cg, tmp);
	} else if (n < len && e->constraint != ZT_CON_UNKNOWN)
		n += (size_t)snprintf(out + n, len - n, " · %s",
		    zt_constraint_name(e->constraint));
	if (n < len && e->gfp[0] != '\0')
		n += (size_t)snprintf(out + n, len - n, " · %s",
		    draw_escape(gfp, sizeof gfp, e->gfp));
	if (n < len && zt_have(e->order) && e->order >= 0)
		n += (size_t)snprintf(out + n, len - n, ", order %lld",
		    (long long)e->order);
	if (n < len)
		snprintf(out + n, len - n, " · %s", kmsg_report(s, e->report_id) ?
		    "Enter explains" : "no kernel report");
}

void
events_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	int y = 2, end = cv->h - 1, x, shown = 0;
	char line[640], t[16], why[256];

	x = canvas_put(cv, y, 0, -1, RL_TITLE, "EVENTS");
	if (s == NULL)
		return;
	snprintf(line, sizeof line, "  %d kept, newest first", s->nevents);
	x += canvas_put(cv, y, x, -1, RL_DIM, line);
	if (zt_have(s->oom_kills)) {
		snprintf(line, sizeof line, "  oom_kill since boot: %lld",
		    (long long)s->oom_kills);
		x += canvas_put(cv, y, x, -1, RL_DIM, line);
	}
	if (!s->kmsg.ok) {
		snprintf(line, sizeof line, "  %s", kmsg_why(s, why, sizeof why));
		canvas_put(cv, y, x, -1, RL_NA, line);
	}
	y++;
	canvas_put(cv, y, EV_TIME_X, -1, RL_LABEL, "TIME");
	canvas_put(cv, y, EV_KIND_X, -1, RL_LABEL, "KIND");
	canvas_put(cv, y, EV_TEXT_X, -1, RL_LABEL, "WHAT");
	y++;
	if (s->nevents == 0) {
		canvas_put(cv, y, EV_TIME_X, -1, RL_DIM, v->replay ?
		    "none in the recording up to this sample" :
		    "none since zonetop started");
		if (!s->kmsg.ok)
			canvas_put(cv, y + 1, EV_TIME_X, -1, RL_DIM,
			    "(without the kernel log, OOM kills are seen from "
			    "vmstat's oom_kill and their victims guessed)");
		return;
	}
	for (int i = v->etop; y < end; i++) {
		const struct zt_event *e = ui_event(s, i);
		int h;

		if (e == NULL)
			break;
		h = ui_event_height(e);
		canvas_put(cv, y, EV_TIME_X, -1, RL_DIM,
		    draw_clock(t, sizeof t, &e->when));
		canvas_put(cv, y, EV_KIND_X, EV_TEXT_X - EV_KIND_X - 1,
		    draw_event_role(e->kind), ui_event_kind_name(e->kind));
		canvas_put(cv, y, EV_TEXT_X, -1, RL_NORMAL,
		    draw_escape(line, sizeof line, e->text));
		if (h > 1 && y + 1 < end) {
			oom_summary(s, e, line, sizeof line);
			ascii_fold(cv, line);
			canvas_put(cv, y + 1, EV_TEXT_X, -1, RL_DIM, line);
		}
		if (i == v->esel)
			for (int k = 0; k < h && y + k < end; k++)
				canvas_set_flag(cv, y + k, 0, cv->w, CELL_SEL);
		y += h;
		shown++;
	}
	if (v->etop > 0 || v->etop + shown < s->nevents) {
		snprintf(line, sizeof line, " %d-%d/%d", v->etop + 1, v->etop + shown,
		    s->nevents);
		canvas_put_right(cv, 2, 0, cv->w, RL_DIM, line);
	}
}

/* One line of the explanation, wrapped under its own indent (and under
 * the text of a numbered verdict line, "  1. "). */
static int
explain_line(struct canvas *cv, int y, const char *line, int role)
{
	int ind = (int)strspn(line, " "), num = ind;

	while (line[num] >= '0' && line[num] <= '9')
		num++;
	if (num > ind && line[num] == '.' && line[num + 1] == ' ')
		ind = num + 2;
	else
		ind += 2;
	if (ind > cv->w / 2)
		ind = cv->w / 2;
	if (line[0] == '\0')
		return y + 1;
	return draw_wrap(cv, y, 0, ind, role, line);
}

int
events_explain(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct zt_event *e = &v->detail_ev;
	struct zt_buf b = { 0 };
	char t[16], text[512];
	int y = 0, x, rc;
	const char *cur, *end, *line;
	size_t n;

	x = canvas_printf(cv, y, 0, -1, RL_TITLE, "Event %s  %s",
	    draw_clock(t, sizeof t, &e->when), ui_event_kind_name(e->kind));
	if (guessed(e))
		canvas_put(cv, y, x, -1, RL_WARN, "  (victim guessed)");
	y = draw_wrap(cv, y + 1, 2, 4, draw_event_role(e->kind),
	    draw_escape(text, sizeof text, e->text));
	if (e->detail[0] != '\0')
		y = draw_wrap(cv, y, 2, 4, RL_WARN,
		    (draw_escape(text, sizeof text, e->detail), ascii_fold(cv, text)));
	if (e->kind == ZT_EV_OOM_KILL) {
		oom_summary(s, e, text, sizeof text);
		y = draw_wrap(cv, y, 2, 4, RL_DIM, ascii_fold(cv, text));
	}
	y++;
	if (e->kind != ZT_EV_OOM_KILL) {
		y = draw_wrap(cv, y, 0, 2, RL_DIM, "Only OOM kills come with a "
		    "kernel report to explain; the zone detail (Enter on a zone) "
		    "shows the zone as it is now.");
		return y;
	}
	rc = kmsg_explain(s, e, &b);
	if (rc < 0 && !s->kmsg.ok)
		buf_printf(&b, "%s\n", kmsg_why(s, text, sizeof text));
	cur = b.p != NULL ? b.p : "";
	end = cur + b.len;
	while ((line = next_line(&cur, end, &n)) != NULL && y < cv->h) {
		char *one = xstrndup(line, n);
		y = explain_line(cv, y, ascii_fold(cv, one), rc < 0 ? RL_NA :
		    RL_NORMAL);
		free(one);
	}
	buf_free(&b);
	return y;
}
