/*
 * draw_replay.c: what a replay adds to the screen: the header's
 * "REPLAY 11:08:21  9/12  play 10x", the labels of its prompts and the
 * timeline of the recording's events (T).  Draws into a canvas like
 * draw.c; the state it shows is the view's (v->rp), moved only by
 * replay.c.
 */
#include "draw.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../src/util.h"
#include "playback.h"

const char *
replay_prompt_label(int kind)
{
	if (kind == PROMPT_RECORD)
		return "record to (Enter starts, Esc cancels): ";
	return "go to (HH:MM:SS, date and time, +-N[smh], #sample): ";
}

void
replay_header(const struct ui_view *v, char *buf, size_t len, bool date)
{
	const struct ui_replay *rp = &v->rp;
	char t[32];

	snprintf(buf, len, "REPLAY %s  %ld/%ld  %s",
	    replay_clock(t, sizeof t, &rp->when, date), rp->frame + 1, rp->frames,
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
	    replay_clock(t, sizeof t, &rp->when, true));
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
	int here = replay_timeline_here(rp);
	for (int r = 0; r < rows && rp->ttop + r < rp->nev; r++) {
		const struct rec_event *e = &rp->ev[rp->ttop + r];
		bool past = e->frame <= rp->frame;
		int yy = y + 2 + r, role = past ? draw_event_role(e->ev.kind) : RL_DIM;

		if (rp->ttop + r == here && past)
			canvas_put(cv, yy, 0, 1, RL_NORMAL, ">");
		canvas_put(cv, yy, 2, 19, past ? RL_NORMAL : RL_DIM,
		    replay_clock(t, sizeof t, &e->ev.when, true));
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
