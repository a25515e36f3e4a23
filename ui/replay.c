/*
 * replay.c: the view's side of replaying a recording and of recording
 * the live screen (see replay.h).  The state is in the view (v->rp,
 * v->rec); ui.c carries what it asks for to the feed and what the feed
 * did back.  Everything here is pure but for the clock in messages:
 * times are formatted in local time, as the header's clock is.
 */
#include "replay.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util.h"
#include "canvas.h"
#include "draw.h"
#include "view.h"

const int replay_speeds[REPLAY_NSPEEDS] = { 1, 10, 60 };

void
replay_init(struct ui_replay *rp)
{
	memset(rp, 0, sizeof *rp);
	rp->frame = -1;
	rp->speed = replay_speeds[0];
}

void
replay_free(struct ui_replay *rp)
{
	free(rp->ev);
	rp->ev = NULL;
	rp->nev = 0;
}

void
replay_set_events(struct ui_replay *rp, struct rec_event *ev, long n)
{
	free(rp->ev);
	rp->ev = ev;
	rp->nev = n;
}

/* ---- pure helpers ---- */

long
replay_step(long frame, long delta, long frames)
{
	long to;

	if (frames <= 0)
		return -1;
	/* no overflow: delta is a step or a page */
	to = frame + delta;
	if (to < 0)
		to = 0;
	if (to > frames - 1)
		to = frames - 1;
	return to;
}

double
replay_wait(double gap, int speed)
{
	double w;

	if (speed < 1)
		speed = 1;
	/* a clock stepped back between sessions: move on at once */
	if (!(gap > 0))
		return REPLAY_MIN_WAIT;
	w = gap / speed;
	if (w > REPLAY_MAX_WAIT)
		w = REPLAY_MAX_WAIT;
	if (w < REPLAY_MIN_WAIT)
		w = REPLAY_MIN_WAIT;
	return w;
}

/* Does strptime() take all of text with fmt? */
static bool
parse_tm(const char *text, const char *fmt, struct tm *tm)
{
	const char *end;

	memset(tm, 0, sizeof *tm);
	end = strptime(text, fmt, tm);
	return end != NULL && *end == '\0';
}

/* A time of day on the day of at, the day before or the day after,
 * whichever is nearest at. */
static struct timespec
nearest_day(const struct tm *hms, const struct timespec *at)
{
	struct tm day;
	time_t a = at->tv_sec, best = 0;
	double bestd = INFINITY;

	localtime_r(&a, &day);
	for (int d = -1; d <= 1; d++) {
		struct tm c = day;
		time_t t;

		c.tm_mday += d;
		c.tm_hour = hms->tm_hour;
		c.tm_min = hms->tm_min;
		c.tm_sec = hms->tm_sec;
		c.tm_isdst = -1;
		t = mktime(&c);
		if (t != (time_t)-1 && fabs(difftime(t, a)) < bestd) {
			bestd = fabs(difftime(t, a));
			best = t;
		}
	}
	return (struct timespec){ best, 0 };
}

int
replay_parse_goto(const char *text, const struct timespec *at,
    struct timespec *t, long *frame, char *why, size_t whylen)
{
	static const char *const dates[] = {
		"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
		"%Y-%m-%dT%H:%M",
	};
	char buf[64], esc[96];
	size_t n;
	struct tm tm;
	const char *p = text;

	while (*p == ' ')
		p++;
	n = strlcpy0(buf, p, sizeof buf);
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	if (buf[0] == '#') {
		int64_t v;
		if (parse_i64_str(buf + 1, &v) && v >= 1 && v <= 1000000000) {
			*frame = (long)v - 1;
			return 2;
		}
	} else if (buf[0] == '+' || buf[0] == '-') {
		char *end;
		double v = strtod(buf, &end), unit = 1;

		if (*end == 'm')
			unit = 60;
		else if (*end == 'h')
			unit = 3600;
		if (*end == 's' || unit > 1)
			end++;
		if (end != buf + 1 && *end == '\0' && isfinite(v) &&
		    fabs(v * unit) < 1e9) {
			/* in nanoseconds: a double of the epoch loses them */
			int64_t ns = (int64_t)at->tv_sec * 1000000000 + at->tv_nsec +
			    llround(v * unit * 1e9);
			t->tv_sec = (time_t)(ns / 1000000000);
			t->tv_nsec = (long)(ns % 1000000000);
			if (t->tv_nsec < 0) {
				t->tv_sec--;
				t->tv_nsec += 1000000000;
			}
			return 1;
		}
	} else {
		for (size_t i = 0; i < ZT_ARRAY_LEN(dates); i++) {
			if (parse_tm(buf, dates[i], &tm)) {
				time_t x;
				tm.tm_isdst = -1;
				x = mktime(&tm);
				if (x == (time_t)-1)
					break;
				*t = (struct timespec){ x, 0 };
				return 1;
			}
		}
		if (parse_tm(buf, "%H:%M:%S", &tm) || parse_tm(buf, "%H:%M", &tm)) {
			*t = nearest_day(&tm, at);
			return 1;
		}
	}
	escape_text(esc, sizeof esc, text, strlen(text));
	snprintf(why, whylen, "not a time: '%.40s' (HH:MM:SS, YYYY-mm-dd HH:MM:SS, "
	    "+N or -N [s|m|h], #sample)", esc);
	return -1;
}

void
replay_record_path(char *buf, size_t len, const struct zt_snapshot *s)
{
	char host[66], when[32] = "00000000-000000";
	size_t n = 0;
	struct tm tm;

	if (s != NULL) {
		time_t t = s->when.tv_sec;
		for (const char *h = s->hostname; *h && n < sizeof host - 1; h++) {
			char c = *h;
			bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			    (c == '.' && n > 0);
			host[n++] = c;
			if (!safe)
				host[n - 1] = '_';
		}
		if (localtime_r(&t, &tm) != NULL)
			strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
	}
	host[n] = '\0';
	snprintf(buf, len, "./zonetop-%s-%s.ztrec", n ? host : "host", when);
}

/* ---- actions ---- */

static void
seek(struct ui_replay *rp, long frame)
{
	rp->want = frame;
	rp->by_time = false;
	rp->seq++;
}

/* draw_clock() with the date before it when date. */
static const char *
clock_text(char *buf, size_t len, const struct timespec *t, bool date)
{
	struct tm tm;
	time_t x = t->tv_sec;

	if (!date || t->tv_sec == 0 || localtime_r(&x, &tm) == NULL)
		return draw_clock(buf, len, t);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

/* The newest event at or before frame, else the first. */
static int
timeline_here(const struct ui_replay *rp)
{
	int sel = 0;

	for (long i = 0; i < rp->nev; i++)
		if (rp->ev[i].frame <= rp->frame)
			sel = (int)i;
	return sel;
}

static void
record_key(struct ui_view *v, const struct zt_snapshot *s)
{
	if (v->replay) {
		ui_view_message(v, "w records the running system: this is a replay");
		return;
	}
	if (v->still) {
		ui_view_message(v, "a capture is a still: nothing to record");
		return;
	}
	if (v->rec.want || v->rec.on) {
		v->rec.want = false;
		ui_view_message(v, "recording stops");
		return;
	}
	ui_view_prompt(v, PROMPT_RECORD);
	replay_record_path(v->input, sizeof v->input, s);
	v->input_len = (int)strlen(v->input);
}

void
replay_action(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	struct ui_replay *rp = &v->rp;
	long to;

	if (a == A_RECORD) {
		record_key(v, s);
		return;
	}
	if (!v->replay) {
		ui_view_message(v, "for a recording: zonetop replay FILE (w records one)");
		return;
	}
	switch (a) {
	case A_PAUSE:
		v->paused = !v->paused;
		if (v->paused)
			ui_view_message(v, "paused at %ld/%ld", rp->frame + 1, rp->frames);
		else if (rp->frame + 1 >= rp->frames)
			ui_view_message(v, "at the last sample: playing on as the file grows");
		else
			ui_view_message(v, "playing at %dx", rp->speed);
		break;
	case A_STEP_BACK:
	case A_STEP_FWD:
		v->paused = true;
		to = replay_step(rp->want, a == A_STEP_FWD ? 1 : -1, rp->frames);
		if (to < 0)
			break;
		if (to == rp->want)
			ui_view_message(v, "the %s sample", to == 0 ? "first" : "last");
		else
			seek(rp, to);
		break;
	case A_SPEED_1:
	case A_SPEED_10:
	case A_SPEED_60:
		/* as the help says: play, at that speed */
		rp->speed = replay_speeds[a - A_SPEED_1];
		v->paused = false;
		if (rp->frame + 1 >= rp->frames)
			ui_view_message(v, "playing at %dx: at the last sample, on as "
			    "the file grows", rp->speed);
		else
			ui_view_message(v, "playing at %dx (space pauses)", rp->speed);
		break;
	case A_GOTO:
		ui_view_prompt(v, PROMPT_GOTO);
		break;
	case A_TIMELINE:
		if (v->mode == MODE_TIMELINE) {
			v->mode = MODE_MAIN;
			break;
		}
		v->mode = MODE_TIMELINE;
		rp->tsel = timeline_here(rp);
		break;
	}
}

bool
replay_timeline_action(struct ui_view *v, int a)
{
	struct ui_replay *rp = &v->rp;
	int page = v->lay.body_rows - 2 > 1 ? v->lay.body_rows - 2 : 1;
	char t[32];

	switch (a) {
	case A_UP:
		rp->tsel--;
		break;
	case A_DOWN:
		rp->tsel++;
		break;
	case A_PGUP:
		rp->tsel -= page;
		break;
	case A_PGDN:
		rp->tsel += page;
		break;
	case A_HOME:
		rp->tsel = 0;
		break;
	case A_END:
		rp->tsel = rp->nev > 0 ? (int)rp->nev - 1 : 0;
		break;
	case A_CLOSE:
		v->mode = MODE_MAIN;
		break;
	case A_ENTER:
		if (rp->nev == 0)
			break;
		if (rp->tsel >= rp->nev)
			rp->tsel = (int)rp->nev - 1;
		v->mode = MODE_MAIN;
		seek(rp, rp->ev[rp->tsel].frame);
		/* landed on the moment: it stays there */
		v->paused = true;
		ui_view_message(v, "%s at %s, sample %ld (paused; space plays)",
		    ui_event_kind_name(rp->ev[rp->tsel].ev.kind),
		    clock_text(t, sizeof t, &rp->ev[rp->tsel].ev.when, false),
		    rp->ev[rp->tsel].frame + 1);
		break;
	default:
		return false;
	}
	if (rp->tsel > rp->nev - 1)
		rp->tsel = (int)rp->nev - 1;
	if (rp->tsel < 0)
		rp->tsel = 0;
	return true;
}

void
replay_prompt_done(struct ui_view *v, int kind, bool ok)
{
	struct ui_replay *rp = &v->rp;
	char why[160];
	long frame;

	if (!ok || v->input_len == 0)
		return;
	if (kind == PROMPT_RECORD) {
		strlcpy0(v->rec.path, v->input, sizeof v->rec.path);
		v->rec.want = true;
		v->rec.seq++;
		return;
	}
	switch (replay_parse_goto(v->input, &rp->when, &rp->want_time, &frame, why,
	    sizeof why)) {
	case 1:
		/* a jump lands and stays: playback waits for space; the
		 * message replaces an earlier error */
		rp->by_time = true;
		rp->seq++;
		v->paused = true;
		ui_view_message(v, "went to %s (paused; space plays)",
		    clock_text(why, sizeof why, &rp->want_time, true));
		break;
	case 2:
		if (frame >= rp->frames)
			ui_view_message(v, "no sample #%ld: the recording has %ld",
			    frame + 1, rp->frames);
		else {
			seek(rp, frame);
			v->paused = true;
			ui_view_message(v, "went to sample %ld (paused; space plays)",
			    frame + 1);
		}
		break;
	default:
		ui_view_message(v, "%s", why);
		break;
	}
}

const char *
replay_prompt_label(int kind)
{
	if (kind == PROMPT_RECORD)
		return "record to (Enter starts, Esc cancels): ";
	return "go to (HH:MM:SS, date and time, +-N[smh], #sample): ";
}

void
replay_shown(struct ui_view *v, long frame, unsigned seq,
    const struct zt_snapshot *s)
{
	struct ui_replay *rp = &v->rp;

	/* the sparklines' history is of the frames before, in order */
	if (rp->frame >= 0 && frame != rp->frame + 1) {
		free(v->zh);
		v->zh = NULL;
		v->nzh = 0;
		memset(&v->swap_io, 0, sizeof v->swap_io);
	}
	rp->frame = frame;
	rp->when = s->when;
	if (rp->frames < frame + 1)
		rp->frames = frame + 1;
	if (seq == rp->seq)
		rp->want = frame;
}

/* ---- drawing ---- */

void
replay_header(const struct ui_view *v, char *buf, size_t len, bool date)
{
	const struct ui_replay *rp = &v->rp;
	char t[32];

	snprintf(buf, len, "REPLAY %s  %ld/%ld  %s",
	    clock_text(t, sizeof t, &rp->when, date), rp->frame + 1, rp->frames,
	    v->paused ? "paused" : rp->at_end ? "at the end" : "");
	if (!v->paused && !rp->at_end) {
		size_t n = strlen(buf);
		snprintf(buf + n, len > n ? len - n : 0, "play %dx", rp->speed);
	}
}

void
replay_draw_timeline(struct canvas *cv, struct ui_view *v)
{
	struct ui_replay *rp = &v->rp;
	int rows = cv->h - 5, y = 2, x;
	char line[320], t[32], text[512];

	x = canvas_put(cv, y, 0, -1, RL_TITLE, "TIMELINE");
	snprintf(line, sizeof line, "  %ld event%s in %ld samples; shown: sample %ld "
	    "at %s", rp->nev, rp->nev == 1 ? "" : "s", rp->frames, rp->frame + 1,
	    clock_text(t, sizeof t, &rp->when, true));
	canvas_put(cv, y, x, cv->w - x, RL_DIM, line);
	canvas_put(cv, y + 1, 2, -1, RL_LABEL,
	    "TIME                 SAMPLE     EVENT");
	if (rp->nev == 0) {
		canvas_put(cv, y + 2, 2, cv->w - 2, RL_DIM,
		    "no events in this recording");
		return;
	}
	if (rows < 1)
		rows = 1;
	/* the selection in view */
	if (rp->tsel >= rp->nev)
		rp->tsel = (int)rp->nev - 1;
	if (rp->ttop > rp->tsel)
		rp->ttop = rp->tsel;
	if (rp->tsel >= rp->ttop + rows)
		rp->ttop = rp->tsel - rows + 1;
	if (rp->ttop < 0)
		rp->ttop = 0;
	int here = timeline_here(rp);
	for (int r = 0; r < rows && rp->ttop + r < rp->nev; r++) {
		const struct rec_event *e = &rp->ev[rp->ttop + r];
		bool past = e->frame <= rp->frame;
		int yy = y + 2 + r, role = past ? draw_event_role(e->ev.kind) : RL_DIM;

		if (rp->ttop + r == here && past)
			canvas_put(cv, yy, 0, 1, RL_NORMAL, ">");
		canvas_put(cv, yy, 2, 19, past ? RL_NORMAL : RL_DIM,
		    clock_text(t, sizeof t, &e->ev.when, true));
		snprintf(line, sizeof line, "%ld/%ld", e->frame + 1, rp->frames);
		canvas_put(cv, yy, 23, 10, RL_DIM, line);
		x = 34 + canvas_put(cv, yy, 34, -1, role,
		    ui_event_kind_name(e->ev.kind));
		draw_escape(text, sizeof text, e->ev.text);
		canvas_put(cv, yy, x + 2, cv->w - x - 2, role, text);
		if (rp->ttop + r == rp->tsel)
			canvas_set_flag(cv, yy, 0, cv->w, CELL_SEL);
	}
	if (rp->nev > rows) {
		snprintf(line, sizeof line, " %d-%ld/%ld ", rp->ttop + 1,
		    rp->ttop + rows < rp->nev ? rp->ttop + rows : rp->nev, rp->nev);
		canvas_put_right(cv, 1, 0, cv->w, RL_DIM, line);
	}
}
