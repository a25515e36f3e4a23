/*
 * playback.h: the state of replaying a recording (zonetop replay FILE)
 * and of `w`, which records the live screen: which frame is shown and
 * which is asked for, playing or paused and how fast, the recording's
 * events (the timeline, T), and what `w` asks for.  The view holds it
 * (v->rp, v->rec), replay.c moves it on keys, the feed (feed.c) answers
 * it, draw_replay.c shows it.  Nothing here knows the view, calls curses
 * or opens a file.
 *
 * A seek is a request with a number: the view bumps rp.seq with each one
 * and the feed answers each number once, with the frame it showed; the
 * frames it plays on by itself carry the number of the last seek it
 * answered, so a late answer to an old seek never moves `want` back.
 */
#ifndef ZT_UI_PLAYBACK_H
#define ZT_UI_PLAYBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "../src/record.h"
#include "../src/snapshot.h"

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

/* The newest event at or before the frame shown, else the first. */
int replay_timeline_here(const struct ui_replay *rp);
/* The time of t, local: "HH:MM:SS", with the date before it when date;
 * "--:--:--" when unknown (as draw_clock()). */
const char *replay_clock(char *buf, size_t len, const struct timespec *t,
    bool date);

#endif
