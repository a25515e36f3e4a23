/*
 * replay.h: the live screen on a recording (zonetop replay FILE), and `w`,
 * which records the live one.  This is the view's side: which frame is
 * shown and which is asked for, playing or paused and how fast, the
 * recording's events (the timeline, T), and what `w` asks for.  The feed
 * (feed.c) owns the files: it decodes the frame asked for, plays on by
 * itself at the speed asked, and appends every sample while recording.
 * Nothing here calls curses or opens a file; replay_draw_timeline()
 * draws into a canvas like draw.c.
 *
 * A seek is a request with a number: the view bumps rp.seq with each one
 * and the feed answers each number once, with the frame it showed; the
 * frames it plays on by itself carry the number of the last seek it
 * answered, so a late answer to an old seek never moves `want` back.
 */
#ifndef ZT_UI_REPLAY_H
#define ZT_UI_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "../src/record.h"
#include "../src/snapshot.h"

struct canvas;
struct ui_view;

#define REPLAY_NSPEEDS	3
#define REPLAY_MAX_WAIT	5.0	/* seconds: a longer gap between samples
				 * (recording stopped a while) is cut */
#define REPLAY_MIN_WAIT	0.02	/* at most 50 frames a second */

/* 1x, 10x and 60x real time: keys 1, 2 and 3. */
extern const int replay_speeds[REPLAY_NSPEEDS];

struct ui_replay {
	long frames;		/* in the recording, as far as read */
	long frame;		/* the frame shown, -1 before the first */
	struct timespec when;	/* its sample time */
	long want;		/* the frame asked for (or being shown) */
	bool by_time;		/* the ask is want_time, not want */
	struct timespec want_time;
	unsigned seq;		/* bumped with each ask */
	int speed;		/* times real time */
	bool at_end;		/* playing has reached the last frame: the feed
				 * waits for the file to grow */
	struct rec_event *ev;	/* the recording's events, oldest first */
	long nev;
	int tsel, ttop;		/* the timeline: selection, first row shown */
};

/* `w`: the live monitor writing a recording. */
struct ui_record {
	bool want;		/* asked for; the feed opens path */
	unsigned seq;		/* bumped with each start */
	char path[256];
	bool on;		/* the feed has it open (feed_status) */
	long frames;		/* samples appended this time */
};

void replay_init(struct ui_replay *rp);
void replay_free(struct ui_replay *rp);
/* Take over the feed's list of events (malloc'd; freed here). */
void replay_set_events(struct ui_replay *rp, struct rec_event *ev, long n);

/* The actions of the replay keys ([ ] 1 2 3 t T w, and space while
 * replaying), handed over by view.c; each says why when it does not
 * apply (w while replaying, [ on the live system). */
void replay_action(struct ui_view *v, const struct zt_snapshot *s, int action);
/* The keys of the timeline (MODE_TIMELINE): moving, Enter, Esc.  False
 * when the action is not one of them. */
bool replay_timeline_action(struct ui_view *v, int action);
/* The go-to or record prompt was closed (ok: with Enter). */
void replay_prompt_done(struct ui_view *v, int kind, bool ok);
const char *replay_prompt_label(int kind);
/* The feed showed frame (its sample s), answering seek seq.  A jump
 * forgets the history the sparklines draw: it is not this frame's. */
void replay_shown(struct ui_view *v, long frame, unsigned seq,
    const struct zt_snapshot *s);

/* The right end of the header: "REPLAY 11:08:21  9/12  play 10x". */
void replay_header(const struct ui_view *v, char *buf, size_t len, bool date);
/* The timeline, rows 2 to the footer. */
void replay_draw_timeline(struct canvas *cv, struct ui_view *v);

/* ---- pure helpers, tested on their own ---- */

/* frame moved by delta, inside 0 .. frames - 1 (-1 when there are none). */
long replay_step(long frame, long delta, long frames);
/* Seconds to show a frame whose next comes gap seconds later, at speed. */
double replay_wait(double gap, int speed);
/*
 * What the go-to prompt means, relative to the frame shown at `at':
 * "HH:MM[:SS]" (that day, or the one before or after, whichever is
 * nearest), "YYYY-mm-dd HH:MM[:SS]" (or with a T), "+N"/"-N" seconds
 * with an optional s, m or h, "#N" frame N (from 1).  Local time.
 * Returns 1 with *t, 2 with *frame (0-based), -1 with why.
 */
int replay_parse_goto(const char *text, const struct timespec *at,
    struct timespec *t, long *frame, char *why, size_t whylen);
/* ./zonetop-HOST-YYYYmmdd-HHMMSS.ztrec for the sample s (NULL: no host
 * and the epoch), the host's unsafe characters made '_'. */
void replay_record_path(char *buf, size_t len, const struct zt_snapshot *s);

#endif
