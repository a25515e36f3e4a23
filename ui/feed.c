/*
 * feed.c: the sampling thread (see feed.h).  The mutex guards the
 * requests, the hand-over slot and every reference count; the sampler
 * itself is touched only by the thread.  A capture (a proc root that is
 * not the running system) is a still: it is read once, again only when
 * the view needs more of it, and never given a previous sample, so it
 * shows no rates.  pagetypeinfo is read at most every UI_PT_PERIOD
 * seconds, and only while the view asks for it.  The thread also opens
 * and closes the sampler: libproc2 keeps per-thread buffers, freed only
 * in the thread that made them.
 */
#include "feed.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/util.h"
#include "view.h"

struct feed {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct sampler *sm;
	const struct sampler_opts *opts;	/* until the thread opened it */
	bool opened;			/* sampler_open() returned */
	char why[256];			/* why it failed */
	int wake_fd;

	struct feed_req req;
	bool kick, quit;
	bool still, first_done;
	double next_due;		/* monotonic seconds */
	double last_pt;			/* when pagetypeinfo was last read, -1 never */
	int last_rows;			/* detail rows of the last sample */

	struct feed_snap *prev;		/* the thread's: the newest taken */
	struct feed_snap *ready;	/* not yet taken by the UI */
};

static void
feed_unref(struct feed_snap *s)
{
	if (s != NULL && --s->refs == 0) {
		snapshot_free(&s->s);
		free(s);
	}
}

static void
feed_wait(struct feed *f, double until)
{
	struct timespec ts;
	double sec;

	if (isinf(until)) {
		pthread_cond_wait(&f->cv, &f->mu);
		return;
	}
	sec = floor(until);
	ts.tv_sec = (time_t)sec;
	ts.tv_nsec = (long)((until - sec) * 1e9);
	pthread_cond_timedwait(&f->cv, &f->mu, &ts);
}

static void *
feed_main(void *arg)
{
	struct feed *f = arg;
	struct sampler *sm = sampler_open(f->opts, f->why, sizeof f->why);

	pthread_mutex_lock(&f->mu);
	f->sm = sm;
	f->opened = true;
	pthread_cond_broadcast(&f->cv);
	if (sm == NULL) {
		pthread_mutex_unlock(&f->mu);
		return NULL;
	}
	while (!f->quit) {
		double now = mono_now();
		bool due = !f->first_done || (!f->req.paused && (f->kick ||
		    (!f->still && now >= f->next_due)));

		if (!due) {
			feed_wait(f, f->req.paused || f->still ? INFINITY : f->next_due);
			continue;
		}
		f->kick = false;
		bool pt = f->req.want_pt &&
		    (f->last_pt < 0 || now - f->last_pt >= UI_PT_PERIOD);
		int rows = f->req.detail_rows;
		struct feed_snap *prev = f->still ? NULL : f->prev;
		if (prev != NULL)
			prev->refs++;
		pthread_mutex_unlock(&f->mu);

		struct feed_snap *n = xcalloc(1, sizeof *n);
		sampler_set_pagetypeinfo(f->sm, pt);
		sampler_set_detail_rows(f->sm, rows);
		sampler_take(f->sm, &n->s, prev != NULL ? &prev->s : NULL);
		n->refs = 2;	/* the thread's prev and the hand-over slot */

		pthread_mutex_lock(&f->mu);
		feed_unref(prev);
		if (pt)
			f->last_pt = now;
		f->last_rows = rows;
		f->still = !n->s.live;
		f->first_done = true;
		feed_unref(f->prev);
		f->prev = n;
		feed_unref(f->ready);	/* the UI never took it: drop it */
		f->ready = n;
		f->next_due = now + f->req.interval;
		/* non-blocking: a full pipe already means "wake up" */
		ssize_t w = write(f->wake_fd, "s", 1);
		(void)w;
	}
	pthread_mutex_unlock(&f->mu);
	sampler_close(f->sm);
	return NULL;
}

struct feed *
feed_start(const struct sampler_opts *o, const struct feed_req *req,
    int wake_fd, char *why, size_t len)
{
	struct feed *f;
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	f = xcalloc(1, sizeof *f);
	f->opts = o;
	f->wake_fd = wake_fd;
	f->req = *req;
	f->last_pt = -1;
	pthread_mutex_init(&f->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&f->cv, &ca);
	pthread_condattr_destroy(&ca);
	/* signals go to the input loop, never to the sampling thread */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&f->th, NULL, feed_main, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(why, len, "cannot start the sampling thread: %s",
		    strerror(rc));
		goto fail;
	}
	pthread_mutex_lock(&f->mu);
	while (!f->opened)
		pthread_cond_wait(&f->cv, &f->mu);
	pthread_mutex_unlock(&f->mu);
	f->opts = NULL;
	if (f->sm == NULL) {
		pthread_join(f->th, NULL);
		snprintf(why, len, "%s", f->why);
		goto fail;
	}
	return f;
fail:
	pthread_cond_destroy(&f->cv);
	pthread_mutex_destroy(&f->mu);
	free(f);
	return NULL;
}

void
feed_stop(struct feed *f)
{
	if (f == NULL)
		return;
	pthread_mutex_lock(&f->mu);
	f->quit = true;
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->th, NULL);
	feed_unref(f->prev);
	feed_unref(f->ready);
	pthread_cond_destroy(&f->cv);
	pthread_mutex_destroy(&f->mu);
	free(f);
}

/* Does the view want candidate details the last sample did not read? */
static bool
more_rows(int want, int had)
{
	if (had < 0)
		return false;
	return want < 0 || want > had;
}

void
feed_set(struct feed *f, const struct feed_req *req)
{
	bool wake = false;

	pthread_mutex_lock(&f->mu);
	if (req->interval != f->req.interval) {
		f->next_due += req->interval - f->req.interval;
		wake = true;
	}
	if (req->paused != f->req.paused)
		wake = true;
	if (f->first_done && !req->paused &&
	    ((req->want_pt && f->last_pt < 0) ||
	    more_rows(req->detail_rows, f->last_rows))) {
		f->kick = true;
		wake = true;
	}
	/* a capture read again for pagetypeinfo after a long look */
	if (f->still && req->want_pt && !f->req.want_pt && f->last_pt >= 0 &&
	    mono_now() - f->last_pt >= UI_PT_PERIOD) {
		f->kick = true;
		wake = true;
	}
	f->req = *req;
	if (wake)
		pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

struct feed_snap *
feed_take(struct feed *f)
{
	struct feed_snap *s;

	pthread_mutex_lock(&f->mu);
	s = f->ready;
	f->ready = NULL;
	pthread_mutex_unlock(&f->mu);
	return s;
}

void
feed_release(struct feed *f, struct feed_snap *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&f->mu);
	feed_unref(s);
	pthread_mutex_unlock(&f->mu);
}
