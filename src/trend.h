/*
 * trend.h: time to trouble.  A small ring of recent samples (time, free
 * pages per zone, MemAvailable, SwapFree) that the sampler feeds once
 * per snapshot, in batch, record and the live screen alike, and the
 * fit that turns it into a trend and an estimated time until free
 * reaches a watermark.  Pure apart from the ring it owns; no I/O.
 *
 * The method: an ordinary least-squares slope over the samples of the
 * last TREND_WINDOW_S seconds (at least TREND_MIN_N samples; when the
 * interval is long, the last TREND_MIN_N whatever their span).  A fall
 * is only believed when the fit explains most of the variation
 * (R^2 >= TREND_MIN_R2), the median of the pairwise slopes (Theil-Sen)
 * falls too, so that one spike cannot make a trend, and the newest
 * third of the window still falls at a third of the rate or more, so
 * that a recovery or a stop ends it.  A fall that has sped up (the
 * newest half, fitted alone, holds by the same tests at 1.1 times the
 * rate or more) takes that fit instead, halving again down to
 * TREND_MIN_N samples: a series flat until lately is not given a rate
 * averaged over its flat part.
 *
 * A memory cgroup with a limit gets the same fit on its usage (kB),
 * turned over so that a rise toward the limit is the fall the fit
 * believes; its own samples, so that cgroups can come and go.
 */
#ifndef ZT_TREND_H
#define ZT_TREND_H

#include <stdbool.h>
#include <stddef.h>

#include "snapshot.h"

#define TREND_WINDOW_S 60.0	/* seconds of samples fitted */
#define TREND_MIN_N    5	/* fewer samples: no trend */
#define TREND_MIN_R2   0.6	/* a worse fit: no estimate */
#define TREND_RING     96	/* samples kept */
#define TREND_ZONES    32	/* zones followed */
#define TREND_CGROUPS  64	/* memory cgroups with a limit followed */

/* A least-squares fit of y over t. */
struct trend_fit {
	int n;			/* samples fitted */
	double span_s;		/* t[n-1] - t[0] */
	double slope;		/* per second; NAN when n < TREND_MIN_N */
	double level;		/* the fitted value at t[n-1] */
	double r2;		/* 0..1 */
	bool falling;		/* a confirmed fall (see above) */
};

/* Fit n samples, t ascending.  Returns f->falling. */
bool trend_fit_series(const double *t, const double *y, int n,
    struct trend_fit *f);
/* Seconds until the series reaches target at the fitted rate: 0 when
 * it is there already, NAN unless f->falling.  now: the newest value. */
double trend_eta(const struct trend_fit *f, double now, double target);

/* A time to trouble in a few characters: "now", "~40 s", "~12 min",
 * "~3 h", "> 2 d". */
const char *trend_fmt_eta(char *buf, size_t len, double s);
/* Below this an estimate is short: the verdict says it. */
#define TREND_SHORT_S 300.0

struct trend;
struct trend *trend_new(void);
void trend_free(struct trend *t);
/* Add s (its monotonic time, zones, meminfo, memory cgroups' usage) to
 * the ring and fill its trend fields (zones' trend_pps, eta_min_s,
 * eta_low_s; s->trend; cgroups' and --cgroup's trend_kbps and
 * eta_limit_s, for those with a limit). */
void trend_observe(struct trend *t, struct zt_snapshot *s);
/* Memory cgroups whose usage is followed now (at most TREND_CGROUPS). */
int trend_cgroups_followed(const struct trend *t);

#endif
