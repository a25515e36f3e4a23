/*
 * feed.h: snapshots off the input path.  A thread owns the source of
 * snapshots, the sampler or a recording, and hands each finished one
 * over under a mutex, waking the input loop through a file descriptor.
 * From the sampler it takes a snapshot every interval (or when asked),
 * and appends each to a recording while the view asks for one (w); from
 * a recording it decodes the frame the view asks for, and plays on at
 * the speed asked.  Snapshots are shared read-only and counted: the
 * thread keeps the last one as the previous sample for rates, the UI
 * keeps the ones it draws.
 */
#ifndef ZT_UI_FEED_H
#define ZT_UI_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "../src/record.h"
#include "../src/sampler.h"
#include "../src/snapshot.h"

struct feed_snap {
	struct zt_snapshot s;
	int refs;			/* under the feed's mutex */
	long frame;			/* a recording's frame, -1 a sample */
	unsigned seq;			/* the last seek answered (replay.h) */
};

/* What the view wants. */
struct feed_req {
	double interval;
	bool paused;			/* no sampling; a recording: not playing */
	bool want_pt;			/* the detail view shows pagetypeinfo */
	int detail_rows;		/* sampler_set_detail_rows() */
	char cgroup[256];		/* sampler_set_cgroup(): rank inside */

	/* a recording: show seek_frame, or the frame nearest seek_time,
	 * once for each seek_seq; play at speed times real time */
	long seek_frame;
	bool seek_by_time;
	struct timespec seek_time;
	unsigned seek_seq;
	int speed;

	/* the sampler: append every sample to rec_path while rec_on; a new
	 * rec_seq is a new start */
	bool rec_on;
	unsigned rec_seq;
	char rec_path[256];
};

/* Where snapshots come from: one of the two. */
struct feed_source {
	const struct sampler_opts *sampler;
	const char *recording;
};

/* What the thread did, besides snapshots. */
struct feed_status {
	char note[200];			/* for the status line; "" none */
	bool recording;			/* a recording is open */
	long rec_frames;		/* samples appended to it */
	unsigned rec_done;		/* the rec_seq last stopped or refused */
	long frames;			/* a recording's frames, as read so far */
	bool at_end;			/* playing waits past the last frame */
	unsigned events_gen;		/* bumped when the events list changed */
};

struct feed;

/* Opens the source and starts the thread, which writes a byte to wake_fd
 * after each snapshot or note.  NULL with a reason on failure (the
 * sampler or the recording cannot be opened, a recording is empty). */
struct feed *feed_start(const struct feed_source *src,
    const struct feed_req *req, int wake_fd, char *why, size_t len);
/* Stop the thread; a recording being written is closed. */
void feed_stop(struct feed *f);
/* Change what is sampled; asks for a sample now when the view needs
 * data it has not got (more candidate details, a first pagetypeinfo, a
 * recording starting). */
void feed_set(struct feed *f, const struct feed_req *req);
/* The newest snapshot not yet taken, or NULL; the caller owns a
 * reference and gives it back with feed_release(). */
struct feed_snap *feed_take(struct feed *f);
void feed_release(struct feed *f, struct feed_snap *s);
/* The status; the note is taken (the next call has none). */
void feed_status(struct feed *f, struct feed_status *st);
/* A copy of a recording's events (malloc'd, NULL when none); the count. */
long feed_events(struct feed *f, struct rec_event **ev);

#endif
