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
#include "view.h"

/* ---- actions ---- */

static void
seek(struct ui_replay *rp, long frame)
{
	rp->want = frame;
	rp->by_time = false;
	rp->seq++;
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
		rp->tsel = replay_timeline_here(rp);
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
		    replay_clock(t, sizeof t, &rp->ev[rp->tsel].ev.when, false),
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
		    replay_clock(why, sizeof why, &rp->want_time, true));
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
