/*
 * loop.c: the sampling loop, see loop.h.  Signal handlers only set a
 * flag; the loop checks it between samples and the sleep wakes on it
 * (nanosleep returns EINTR), so a stop never cuts a sample in half.
 */
#include "loop.h"

#include <signal.h>
#include <stddef.h>
#include <time.h>

#include "util.h"

static volatile sig_atomic_t loop_stop;

static void
loop_on_signal(int sig)
{
	(void)sig;
	loop_stop = 1;
}

void
loop_signals(void)
{
	struct sigaction sa;

	sa.sa_handler = loop_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: the sleep must wake */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

bool
loop_stopped(void)
{
	return loop_stop != 0;
}

void
loop_sleep_until(double deadline)
{
	while (!loop_stop) {
		double left = deadline - mono_now();
		struct timespec ts;

		if (left <= 0)
			return;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		if (nanosleep(&ts, NULL) == 0)
			return;
	}
}

int
loop_run(struct sampler *sm, const struct loop_opts *lo, loop_emit_fn emit,
    void *ctx)
{
	struct zt_snapshot snaps[2], *cur = &snaps[0], *prev = NULL;
	int rc = 0;

	loop_signals();
	snapshot_init(&snaps[0]);
	snapshot_init(&snaps[1]);
	for (long i = 0; (lo->count == 0 || i < lo->count) && !loop_stop; i++) {
		double start = mono_now();
		int e;

		sampler_take(sm, cur, prev);
		e = emit(ctx, cur, prev);
		if (e != 0) {
			rc = e < 0;
			break;
		}
		if (prev)
			snapshot_free(prev);
		prev = cur;
		cur = cur == &snaps[0] ? &snaps[1] : &snaps[0];
		if ((lo->count == 0 || i + 1 < lo->count) && lo->wait)
			lo->wait(ctx, start + lo->delay);
		else if (lo->count == 0 || i + 1 < lo->count)
			loop_sleep_until(start + lo->delay);
	}
	snapshot_free(&snaps[0]);
	snapshot_free(&snaps[1]);
	return rc;
}
