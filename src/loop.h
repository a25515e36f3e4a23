/*
 * loop.h: the one sampling loop every sampling command shares (batch
 * text and JSON, record, OpenMetrics, the exporter).  It owns the stop
 * signals (SIGINT, SIGTERM, SIGHUP: finish the sample, then return),
 * SIGPIPE (ignored: a closed pipe is a write error), the pair of
 * snapshots (this sample and the one before, for rates) and the sleep
 * to the next tick.  What a sample becomes is the command's emit
 * callback.
 */
#ifndef ZT_LOOP_H
#define ZT_LOOP_H

#include <stdbool.h>

#include "sampler.h"
#include "snapshot.h"

/* Called once per sample with the snapshot just taken and the one
 * before (NULL at first).  0 goes on; > 0 stops, success; < 0 stops,
 * failure (the callback has printed why). */
typedef int (*loop_emit_fn)(void *ctx, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev);

/* Instead of the plain sleep between samples (the exporter's: until a
 * scrape asks or the deadline passes); must return on loop_stopped(). */
typedef void (*loop_wait_fn)(void *ctx, double deadline);

struct loop_opts {
	long count;			/* samples; 0 = until a stop signal */
	double delay;			/* seconds from one start to the next */
	loop_wait_fn wait;		/* NULL: loop_sleep_until() */
};

/* Install the stop handlers (idempotent). */
void loop_signals(void);
/* A stop signal has arrived. */
bool loop_stopped(void);
/* Sleep until the monotonic time deadline (mono_now()); returns early
 * on a stop signal. */
void loop_sleep_until(double deadline);
/* Take samples from sm and hand each to emit.  Returns 0, or 1 when emit
 * failed. */
int loop_run(struct sampler *sm, const struct loop_opts *lo,
    loop_emit_fn emit, void *ctx);

#endif
