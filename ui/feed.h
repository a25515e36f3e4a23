/*
 * feed.h: sampling off the input path.  A thread owns the sampler, takes
 * a snapshot every interval (or when asked), and hands each finished one
 * over under a mutex, waking the input loop through a file descriptor.
 * Snapshots are shared read-only and counted: the thread keeps the last
 * one as the previous sample for rates, the UI keeps the ones it draws.
 */
#ifndef ZT_UI_FEED_H
#define ZT_UI_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "../src/sampler.h"
#include "../src/snapshot.h"

struct feed_snap {
	struct zt_snapshot s;
	int refs;			/* under the feed's mutex */
};

/* What the view wants sampled. */
struct feed_req {
	double interval;
	bool paused;
	bool want_pt;			/* the detail view shows pagetypeinfo */
	int detail_rows;		/* sampler_set_detail_rows() */
};

struct feed;

/* Opens the sampler and starts the thread, which writes a byte to
 * wake_fd after each snapshot.  NULL with a reason on failure. */
struct feed *feed_start(const struct sampler_opts *o,
    const struct feed_req *req, int wake_fd, char *why, size_t len);
void feed_stop(struct feed *f);
/* Change what is sampled; asks for a sample now when the view needs
 * data it has not got (more candidate details, a first pagetypeinfo). */
void feed_set(struct feed *f, const struct feed_req *req);
/* The newest snapshot not yet taken, or NULL; the caller owns a
 * reference and gives it back with feed_release(). */
struct feed_snap *feed_take(struct feed *f);
void feed_release(struct feed *f, struct feed_snap *s);

#endif
