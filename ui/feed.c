/*
 * feed.c: the thread that feeds the screen (see feed.h), from one of two
 * sources.  The mutex guards the requests, the hand-over slot, the
 * status and every reference count; the source itself (sampler, reader,
 * writer) is touched only by the thread, and its slow work (sampling,
 * decoding, writing and flushing a frame) is done with the mutex free.
 *
 * The sampler: a capture (a proc root that is not the running system) is
 * a still: it is read once, again only when the view needs more of it,
 * and never given a previous sample, so it shows no rates.  pagetypeinfo
 * is read at most every UI_PT_PERIOD seconds, and only while the view
 * asks for it or a recording is written.  A recording gets every sample
 * with every process in full.  The thread also opens and closes the
 * sampler: libproc2 keeps per-thread buffers, freed only in the thread
 * that made them.
 *
 * A recording: the thread indexes it, lists its events, then shows the
 * frame each seek asks for, and while playing the next one when its time
 * comes (the gap between the two samples over the speed, replay_wait()).
 * Once a second it looks for frames appended since (a file still being
 * written), so playing past the end waits for them.
 */
#include "feed.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/util.h"
#include "replay.h"
#include "view.h"

#define FEED_UPDATE_EVERY 1.0	/* seconds between looks for new frames */
#define FEED_EVENTS_EVERY 10.0	/* at most this often, the events again */

struct feed {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct sampler *sm;		/* the thread's */
	struct rec_reader *rr;		/* the thread's */
	const struct sampler_opts *opts;	/* until the thread opened it */
	const char *path;		/* the same for a recording */
	bool opened;			/* the source's open returned */
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

	struct rec_writer *w;		/* the thread's: w's recording */
	unsigned w_seq;			/* the rec_seq it was opened for */

	struct feed_status st;
	struct rec_event *ev;		/* a recording's events */
	long nev;
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

static void
feed_wake(struct feed *f)
{
	/* non-blocking: a full pipe already means "wake up" */
	ssize_t w = write(f->wake_fd, "s", 1);
	(void)w;
}

/* A line for the status line; the mutex is held. */
static void __attribute__((format(printf, 2, 3)))
feed_note(struct feed *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* clang 14's analyzer does not see va_start here */
	vsnprintf(f->st.note, sizeof f->st.note, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	feed_wake(f);
}

/* Hand n over to the UI (dropping one it never took); mutex held. */
static void
feed_deliver(struct feed *f, struct feed_snap *n)
{
	feed_unref(f->ready);
	f->ready = n;
	feed_wake(f);
}

/* ---- the sampler, and w's recording ---- */

/* Is a recording wanted that was not stopped or refused?  Mutex held. */
static bool
feed_rec_wanted(const struct feed *f)
{
	return f->req.rec_on && f->req.rec_seq != f->st.rec_done;
}

/* Close w's recording: asked to (why NULL) or after a write error. */
static void
feed_rec_close(struct feed *f, const char *why)
{
	char cw[256] = "", path[256];
	long n = rec_writer_frames(f->w);
	int64_t bytes = rec_writer_bytes(f->w);
	int rc;

	strlcpy0(path, rec_writer_path(f->w), sizeof path);
	rc = rec_writer_close(f->w, cw, sizeof cw);
	f->w = NULL;
	pthread_mutex_lock(&f->mu);
	f->st.recording = false;
	f->st.rec_done = f->w_seq;
	if (why != NULL || rc < 0)
		feed_note(f, "recording stopped: %s", why != NULL ? why : cw);
	else
		feed_note(f, "recorded %ld samples to %s (%lld KiB)", n, path,
		    (long long)(bytes / 1024));
	pthread_mutex_unlock(&f->mu);
}

/* Append s to w's recording, opening it first (with s's host, kernel
 * and page size).  Runs with the mutex free: it writes and flushes. */
static void
feed_rec_append(struct feed *f, const struct zt_snapshot *s, const char *path,
    unsigned seq)
{
	char msg[256] = "";

	if (f->w == NULL) {
		f->w = rec_writer_open(path, s, msg, sizeof msg);
		pthread_mutex_lock(&f->mu);
		if (f->w == NULL) {
			f->st.rec_done = seq;
			feed_note(f, "not recording: %s", msg);
		} else {
			f->w_seq = seq;
			f->st.recording = true;
			f->st.rec_frames = 0;
			feed_note(f, "recording %s", msg[0] ? msg : path);
		}
		pthread_mutex_unlock(&f->mu);
		if (f->w == NULL)
			return;
	}
	if (rec_writer_append(f->w, s, msg, sizeof msg) < 0) {
		feed_rec_close(f, msg);
		return;
	}
	pthread_mutex_lock(&f->mu);
	f->st.rec_frames = rec_writer_frames(f->w);
	pthread_mutex_unlock(&f->mu);
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

		/* stopped (or started anew): close now, not at the next sample */
		if (f->w != NULL && (!f->req.rec_on || f->req.rec_seq != f->w_seq)) {
			pthread_mutex_unlock(&f->mu);
			feed_rec_close(f, NULL);
			pthread_mutex_lock(&f->mu);
			continue;
		}
		bool rec = feed_rec_wanted(f);
		bool due = !f->first_done || (!f->req.paused && (f->kick ||
		    (!f->still && now >= f->next_due)));

		if (!due) {
			feed_wait(f, f->req.paused || f->still ? INFINITY : f->next_due);
			continue;
		}
		f->kick = false;
		bool pt = (f->req.want_pt || rec) &&
		    (f->last_pt < 0 || now - f->last_pt >= UI_PT_PERIOD);
		/* a recording keeps every process, for any view of it later */
		int rows = rec ? -1 : f->req.detail_rows;
		char scope[sizeof f->req.cgroup];
		strlcpy0(scope, f->req.cgroup, sizeof scope);
		unsigned seq = f->req.rec_seq;
		char path[sizeof f->req.rec_path];
		strlcpy0(path, f->req.rec_path, sizeof path);
		struct feed_snap *prev = f->still ? NULL : f->prev;
		if (prev != NULL)
			prev->refs++;
		pthread_mutex_unlock(&f->mu);

		struct feed_snap *n = xcalloc(1, sizeof *n);
		n->frame = -1;
		sampler_set_pagetypeinfo(f->sm, pt);
		sampler_set_detail_rows(f->sm, rows);
		sampler_set_cgroup(f->sm, scope);
		sampler_take(f->sm, &n->s, prev != NULL ? &prev->s : NULL);
		n->refs = 2;	/* the thread's prev and the hand-over slot */
		if (rec)
			feed_rec_append(f, &n->s, path, seq);

		pthread_mutex_lock(&f->mu);
		feed_unref(prev);
		if (pt)
			f->last_pt = now;
		f->last_rows = rows;
		f->still = !n->s.live;
		f->first_done = true;
		feed_unref(f->prev);
		f->prev = n;
		/* the victim left pending (quick_first): the exact pass now */
		f->next_due = n->s.victim_pending > 0 ? now : now + f->req.interval;
		feed_deliver(f, n);
	}
	pthread_mutex_unlock(&f->mu);
	if (f->w != NULL)
		feed_rec_close(f, NULL);
	sampler_close(f->sm);
	return NULL;
}

/* ---- a recording ---- */

/* The recording's events again; with the mutex free (it decodes). */
static void
feed_replay_events(struct feed *f)
{
	struct rec_event *ev;
	long n = rec_events(f->rr, &ev);

	pthread_mutex_lock(&f->mu);
	free(f->ev);
	f->ev = ev;
	f->nev = n;
	f->st.events_gen++;
	pthread_mutex_unlock(&f->mu);
}

/* Decode frame *i, or the next one in direction dir that decodes; the
 * frame shown goes to *i.  NULL (and a note) when none does. */
static struct feed_snap *
feed_replay_decode(struct feed *f, long *i, int dir, long frames)
{
	char why[256];

	for (long k = *i; k >= 0 && k < frames; k += dir) {
		struct feed_snap *n = xcalloc(1, sizeof *n);

		if (rec_read(f->rr, k, &n->s, why, sizeof why) == 0) {
			*i = k;
			return n;
		}
		snapshot_free(&n->s);
		free(n);
		pthread_mutex_lock(&f->mu);
		feed_note(f, "skipped: %s", why);
		pthread_mutex_unlock(&f->mu);
	}
	return NULL;
}

/* Seconds from frame i's time to the next one's. */
static double
feed_replay_gap(struct rec_reader *r, long i)
{
	struct timespec a = rec_time(r, i), b = rec_time(r, i + 1);

	return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

static void *
feed_replay_main(void *arg)
{
	struct feed *f = arg;
	struct rec_reader *r = rec_open(f->path, f->why, sizeof f->why);
	char why[256], last_err[256] = "";
	long cur = -1;			/* the frame shown */
	unsigned answered;		/* the last seek answered */
	double shown_at = 0, next_update = 0, events_at;
	bool events_stale = false;

	if (r != NULL && rec_count(r) == 0) {
		rec_damage_text(rec_damage(r), why, sizeof why);
		snprintf(f->why, sizeof f->why, "%.100s: no sample to replay%s%.120s",
		    f->path, why[0] ? ": " : "", why);
		rec_close(r);
		r = NULL;
	}
	pthread_mutex_lock(&f->mu);
	f->rr = r;
	f->opened = true;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	if (r == NULL)
		return NULL;
	feed_replay_events(f);
	events_at = mono_now();

	pthread_mutex_lock(&f->mu);
	f->st.frames = rec_count(r);
	rec_damage_text(rec_damage(r), why, sizeof why);
	if (why[0] != '\0')
		feed_note(f, "%s", why);
	answered = f->req.seek_seq;
	while (!f->quit) {
		double now = mono_now(), due = INFINITY;
		long target = -1;
		int dir = 1;
		bool playing = !f->req.paused, step = false;

		if (cur >= 0 && cur + 1 < f->st.frames)
			due = shown_at + replay_wait(feed_replay_gap(r, cur), f->req.speed);
		if (f->st.at_end != (playing && cur + 1 >= f->st.frames)) {
			f->st.at_end = !f->st.at_end;
			feed_wake(f);
		}
		if (f->req.seek_seq != answered) {
			answered = f->req.seek_seq;
			target = f->req.seek_by_time ?
			    rec_find_time(r, &f->req.seek_time) : f->req.seek_frame;
			dir = target < cur ? -1 : 1;
		} else if (cur < 0 || (playing && now >= due)) {
			target = cur + 1;
			step = true;
		} else if (now >= next_update) {
			/* frames appended since (a file still being written) */
			pthread_mutex_unlock(&f->mu);
			long k = rec_update(r, why, sizeof why);
			if (k > 0)
				events_stale = true;
			if (events_stale && now - events_at >= FEED_EVENTS_EVERY) {
				feed_replay_events(f);
				events_at = now;
				events_stale = false;
			}
			pthread_mutex_lock(&f->mu);
			/* once, not every second */
			if (k < 0 && strcmp(why, last_err) != 0)
				feed_note(f, "%s", why);
			strlcpy0(last_err, k < 0 ? why : "", sizeof last_err);
			if (k > 0) {
				f->st.frames = rec_count(r);
				feed_wake(f);
			}
			next_update = now + FEED_UPDATE_EVERY;
			continue;
		} else {
			feed_wait(f, playing && due < next_update ? due : next_update);
			continue;
		}
		long frames = f->st.frames;
		pthread_mutex_unlock(&f->mu);

		target = replay_step(target, 0, frames);
		struct feed_snap *n = feed_replay_decode(f, &target, dir, frames);

		pthread_mutex_lock(&f->mu);
		if (n == NULL) {
			/* nothing on to the end decodes: as if there (no spinning) */
			if (step)
				cur = frames - 1;
			continue;
		}
		n->frame = target;
		n->seq = answered;
		n->refs = 1;	/* the hand-over slot */
		cur = target;
		shown_at = now;
		feed_deliver(f, n);
	}
	pthread_mutex_unlock(&f->mu);
	rec_close(r);
	return NULL;
}

/* ---- both ---- */

struct feed *
feed_start(const struct feed_source *src, const struct feed_req *req,
    int wake_fd, char *why, size_t len)
{
	struct feed *f;
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	f = xcalloc(1, sizeof *f);
	f->opts = src->sampler;
	f->path = src->recording;
	f->wake_fd = wake_fd;
	f->req = *req;
	f->last_pt = -1;
	pthread_mutex_init(&f->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&f->cv, &ca);
	pthread_condattr_destroy(&ca);
	/* signals go to the input loop, never to the feeding thread */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&f->th, NULL, f->path != NULL ? feed_replay_main :
	    feed_main, f);
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
	if (f->sm == NULL && f->rr == NULL) {
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
	free(f->ev);
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
	if (req->paused != f->req.paused || req->seek_seq != f->req.seek_seq ||
	    req->speed != f->req.speed)
		wake = true;
	if (f->first_done && !req->paused &&
	    ((req->want_pt && f->last_pt < 0) ||
	    more_rows(req->detail_rows, f->last_rows) ||
	    strcmp(req->cgroup, f->req.cgroup) != 0)) {
		f->kick = true;
		wake = true;
	}
	/* a capture read again for pagetypeinfo after a long look */
	if (f->still && req->want_pt && !f->req.want_pt && f->last_pt >= 0 &&
	    mono_now() - f->last_pt >= UI_PT_PERIOD) {
		f->kick = true;
		wake = true;
	}
	/* a recording starts with a sample of its own, and stops at once */
	if (req->rec_on != f->req.rec_on || req->rec_seq != f->req.rec_seq) {
		if (req->rec_on)
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

void
feed_status(struct feed *f, struct feed_status *st)
{
	pthread_mutex_lock(&f->mu);
	*st = f->st;
	f->st.note[0] = '\0';
	pthread_mutex_unlock(&f->mu);
}

long
feed_events(struct feed *f, struct rec_event **ev)
{
	long n;

	pthread_mutex_lock(&f->mu);
	n = f->nev;
	*ev = NULL;
	if (n > 0) {
		*ev = xreallocarray(NULL, (size_t)n, sizeof **ev);
		memcpy(*ev, f->ev, (size_t)n * sizeof **ev);
	}
	pthread_mutex_unlock(&f->mu);
	return n;
}
