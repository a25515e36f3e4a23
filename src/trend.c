/*
 * trend.c: the ring of recent samples and the fits on it (trend.h says
 * the method).  The ring holds what the fits need and nothing else, so
 * that every consumer of snapshots (screen, batch text, JSON, records)
 * gets the same figures from the sampler.  Zones are found again by
 * node and name: a zone that appears later starts its own series.
 */
#include "trend.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct trend_sample {
	double t;			/* CLOCK_MONOTONIC seconds */
	int nz;
	int node[TREND_ZONES];
	char name[TREND_ZONES][12];
	double free[TREND_ZONES];	/* pages, NAN unknown */
	double total_free;		/* sum of the zones', NAN unknown */
	double avail_kb, swapfree_kb;	/* NAN unknown */
};

/* One memory cgroup's usage, its own ring: cgroups come and go, so
 * each keeps its samples with their times and is forgotten once absent
 * for TREND_WINDOW_S. */
struct trend_cg {
	bool used;
	uint64_t ino;			/* the key; the path when 0 */
	char path[256];
	double seen;			/* the newest sample's time */
	int n, head;
	double t[TREND_RING], usage_kb[TREND_RING];
};

struct trend {
	int n, head;			/* head: next slot to write */
	struct trend_sample s[TREND_RING];
	struct trend_cg cg[TREND_CGROUPS];
};

struct trend *
trend_new(void)
{
	return xcalloc(1, sizeof(struct trend));
}

void
trend_free(struct trend *t)
{
	free(t);
}

/* ---- the fit ---- */

/* Theil-Sen's sign: do more than half of the slopes between every pair
 * of samples fall (is their median negative)?  A single spike moves
 * only the pairs it is in, a minority.  Counting is enough: the
 * median's value is not needed, and no sort. */
static bool
trend_pairs_fall(const double *t, const double *y, int n)
{
	long fall = 0, all = 0;

	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (t[j] > t[i]) {
				all++;
				fall += y[j] < y[i];
			}
	return all > 0 && fall * 2 > all;
}

/* Least squares of y over t: slope, level at the last t, R^2. */
static bool
trend_ls(const double *t, const double *y, int n, double *slope,
    double *level, double *r2)
{
	double mt = 0, my = 0, stt = 0, sty = 0, syy = 0, res = 0;

	for (int i = 0; i < n; i++) {
		mt += t[i];
		my += y[i];
	}
	mt /= n;
	my /= n;
	for (int i = 0; i < n; i++) {
		stt += (t[i] - mt) * (t[i] - mt);
		sty += (t[i] - mt) * (y[i] - my);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (!(stt > 0))
		return false;
	*slope = sty / stt;
	*level = my + *slope * (t[n - 1] - mt);
	for (int i = 0; i < n; i++) {
		double e = y[i] - (my + *slope * (t[i] - mt));
		res += e * e;
	}
	/* a flat series explains nothing and needs no explaining */
	*r2 = syy > 0 ? 1 - res / syy : 0;
	return true;
}

/* The fit over all n samples (the method in trend.h). */
static bool
trend_fit_window(const double *t, const double *y, int n, struct trend_fit *f)
{
	double s2, l2, r2b;
	int k;

	memset(f, 0, sizeof *f);
	f->n = n;
	f->slope = f->level = NAN;
	if (n < TREND_MIN_N)
		return false;
	f->span_s = t[n - 1] - t[0];
	if (!trend_ls(t, y, n, &f->slope, &f->level, &f->r2))
		return false;
	if (!(f->slope < 0) || f->r2 < TREND_MIN_R2)
		return false;
	if (!trend_pairs_fall(t, y, n))
		return false;
	/* the newest third (at least 3 samples) must still fall, at a
	 * third of the rate or more: a fall that stopped is no trend */
	k = n / 3 > 3 ? n / 3 : 3;
	if (!trend_ls(t + n - k, y + n - k, k, &s2, &l2, &r2b) ||
	    !(s2 < f->slope / 3))
		return false;
	f->falling = true;
	return true;
}

/* The fit, and where the fall has sped up, the fit of its newest part:
 * a series flat for most of the window and falling only lately (a
 * process that started to grow) fits a line of a fraction of the
 * present rate, and its estimate would be late by the same factor
 * (measured: a memory cgroup rising at 16 MiB/s after 3 s flat was
 * given 37 s where 14 were left).  So while the newest half, fitted
 * alone, holds by the same tests and falls at 1.1 times the rate or
 * more, it is taken instead; never fewer than TREND_MIN_N samples.
 * Only a fall the whole window already shows is sharpened: a short
 * window alone would take noise for a trend. */
bool
trend_fit_series(const double *t, const double *y, int n, struct trend_fit *f)
{
	struct trend_fit h;

	if (!trend_fit_window(t, y, n, f))
		return false;
	while (n / 2 >= TREND_MIN_N) {
		int m = n / 2;

		if (!trend_fit_window(t + n - m, y + n - m, m, &h) ||
		    !(h.slope <= f->slope * 1.1))
			break;
		*f = h;
		n = m;
	}
	return true;
}

double
trend_eta(const struct trend_fit *f, double now, double target)
{
	double from;

	if (!f->falling || isnan(now) || isnan(target))
		return NAN;
	if (now <= target)
		return 0;
	/* from the fitted level, which a noisy last sample does not move;
	 * from the sample when the fit has already passed the mark */
	from = f->level > target ? f->level : now;
	return (from - target) / -f->slope;
}

const char *
trend_fmt_eta(char *buf, size_t len, double s)
{
	if (isnan(s))
		snprintf(buf, len, "n/a");
	else if (s < 0.5)
		snprintf(buf, len, "now");
	else if (s < 90)
		snprintf(buf, len, "~%.0f s", s);
	else if (s < 90 * 60)
		snprintf(buf, len, "~%.0f min", s / 60);
	else if (s < 48 * 3600)
		snprintf(buf, len, "~%.0f h", s / 3600);
	else
		snprintf(buf, len, "> 2 d");
	return buf;
}

/* ---- the ring ---- */

static const struct trend_sample *
trend_get(const struct trend *t, int i)
{
	return &t->s[(t->head - t->n + i + TREND_RING) % TREND_RING];
}

/* Index of the zone (node, name) in sample p, -1 none. */
static int
trend_zone_at(const struct trend_sample *p, int node, const char *name)
{
	for (int i = 0; i < p->nz; i++)
		if (p->node[i] == node && strcmp(p->name[i], name) == 0)
			return i;
	return -1;
}

static double
trend_kv(const struct zt_kvs *kv, const char *key)
{
	int64_t v = kvs_get(kv, key);

	return zt_have(v) ? (double)v : NAN;
}

static void
trend_push(struct trend *t, const struct zt_snapshot *s)
{
	struct trend_sample *p = &t->s[t->head];
	double sum = 0;
	bool have = s->nzones > 0;

	memset(p, 0, sizeof *p);
	p->t = s->mono;
	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		if (i < TREND_ZONES) {
			p->node[p->nz] = z->node;
			strlcpy0(p->name[p->nz], z->name, sizeof p->name[p->nz]);
			p->free[p->nz++] = zt_have(z->free) ? (double)z->free : NAN;
		}
		if (zt_have(z->free))
			sum += (double)z->free;
		else
			have = false;
	}
	p->total_free = have ? sum : NAN;
	p->avail_kb = trend_kv(&s->meminfo, "MemAvailable");
	p->swapfree_kb = trend_kv(&s->meminfo, "SwapFree");
	t->head = (t->head + 1) % TREND_RING;
	if (t->n < TREND_RING)
		t->n++;
}

/* The samples fitted: those of the last TREND_WINDOW_S seconds, or the
 * last TREND_MIN_N when fewer.  Returns the index of the first. */
static int
trend_window(const struct trend *t)
{
	double now = trend_get(t, t->n - 1)->t;
	int first = t->n - 1;

	while (first > 0 && now - trend_get(t, first - 1)->t <= TREND_WINDOW_S)
		first--;
	if (t->n - first < TREND_MIN_N)
		first = t->n - TREND_MIN_N > 0 ? t->n - TREND_MIN_N : 0;
	return first;
}

/* Which series of a sample: a zone's free (zone >= 0), or one of the
 * machine's figures. */
enum trend_what { TW_ZONE, TW_TOTAL, TW_AVAIL, TW_SWAPFREE };

static double
trend_value(const struct trend_sample *p, int what, int node, const char *name)
{
	int i;

	switch (what) {
	case TW_ZONE:
		i = trend_zone_at(p, node, name);
		return i < 0 ? NAN : p->free[i];
	case TW_TOTAL:
		return p->total_free;
	case TW_AVAIL:
		return p->avail_kb;
	default:
		return p->swapfree_kb;
	}
}

/* Fit one series over the window; samples without a value are left
 * out.  Returns the newest value (NAN unknown). */
static double
trend_series(const struct trend *t, int first, int what, int node,
    const char *name, struct trend_fit *f)
{
	double tt[TREND_RING], yy[TREND_RING], now;
	int n = 0;

	for (int i = first; i < t->n; i++) {
		const struct trend_sample *p = trend_get(t, i);
		double v = trend_value(p, what, node, name);
		if (isnan(v))
			continue;
		tt[n] = p->t;
		yy[n++] = v;
	}
	now = trend_value(trend_get(t, t->n - 1), what, node, name);
	trend_fit_series(tt, yy, n, f);
	return now;
}

/* ---- memory cgroups ---- */

static bool
trend_cg_is(const struct trend_cg *e, const struct zt_cgroup_info *c)
{
	return e->used && e->ino == c->ino &&
	    (c->ino != 0 || strcmp(e->path, c->path) == 0);
}

/* c's entry, a new one when it has none (the free slot, else the one
 * seen least recently), NULL when it has no limit to reach or the
 * table is full of cgroups of this sample (the first ones keep theirs). */
static struct trend_cg *
trend_cg_find(struct trend *t, double now, const struct zt_cgroup_info *c)
{
	struct trend_cg *e = NULL;

	if (!c->have || !zt_have(c->usage_kb) || !zt_have(c->limit_kb) ||
	    c->limit_kb == ZT_NO_LIMIT)
		return NULL;
	for (int i = 0; i < TREND_CGROUPS; i++)
		if (trend_cg_is(&t->cg[i], c))
			return &t->cg[i];
	for (int i = 0; i < TREND_CGROUPS; i++)
		if (e == NULL || !t->cg[i].used ||
		    (e->used && t->cg[i].seen < e->seen)) {
			e = &t->cg[i];
			if (!e->used)
				break;
		}
	if (e->used && e->seen >= now)
		return NULL;
	memset(e, 0, sizeof *e);
	e->used = true;
	e->ino = c->ino;
	strlcpy0(e->path, c->path, sizeof e->path);
	return e;
}

/* Add c's usage at now (once per sample: --cgroup is also in cgroups[])
 * and fit it over the window.  The fit believes falls, so it is fed
 * -usage and the limit is -limit: the same tests as the zones'. */
static void
trend_cg_observe(struct trend *t, double now, struct zt_cgroup_info *c)
{
	struct trend_cg *e = trend_cg_find(t, now, c);
	double tt[TREND_RING], yy[TREND_RING];
	struct trend_fit f;
	int n, first;

	c->trend_kbps = c->eta_limit_s = NAN;
	if (e == NULL)
		return;
	if (!(e->n > 0 && e->seen == now)) {
		e->t[e->head] = now;
		e->usage_kb[e->head] = (double)c->usage_kb;
		e->head = (e->head + 1) % TREND_RING;
		if (e->n < TREND_RING)
			e->n++;
		e->seen = now;
	}
	/* the window as the machine's: the last TREND_WINDOW_S seconds,
	 * at least the last TREND_MIN_N samples */
	for (n = 0, first = e->n - 1; first >= 0; first--, n++) {
		int k = (e->head - e->n + first + TREND_RING) % TREND_RING;
		if (n >= TREND_MIN_N && now - e->t[k] > TREND_WINDOW_S)
			break;
	}
	for (int i = 0; i < n; i++) {
		int k = (e->head - n + i + TREND_RING) % TREND_RING;
		tt[i] = e->t[k];
		yy[i] = -e->usage_kb[k];
	}
	trend_fit_series(tt, yy, n, &f);
	c->trend_kbps = -f.slope;
	c->eta_limit_s = trend_eta(&f, -(double)c->usage_kb,
	    -(double)c->limit_kb);
}

/* Every memory cgroup of s, then --cgroup's; forget the cgroups not
 * seen for a window. */
static void
trend_cgroups(struct trend *t, struct zt_snapshot *s)
{
	for (int i = 0; i < s->ncgroups; i++)
		trend_cg_observe(t, s->mono, &s->cgroups[i]);
	if (s->cgroup.have)
		trend_cg_observe(t, s->mono, &s->cgroup);
	for (int i = 0; i < TREND_CGROUPS; i++)
		if (t->cg[i].used && s->mono - t->cg[i].seen > TREND_WINDOW_S)
			t->cg[i].used = false;
}

int
trend_cgroups_followed(const struct trend *t)
{
	int n = 0;

	for (int i = 0; i < TREND_CGROUPS; i++)
		n += t->cg[i].used;
	return n;
}

void
trend_observe(struct trend *t, struct zt_snapshot *s)
{
	struct trend_fit f;
	struct zt_trend *m = &s->trend;
	double now;
	int first;

	/* a sample from before the newest (a clock that went back) would
	 * break the window: start again */
	if (t->n > 0 && !(s->mono > trend_get(t, t->n - 1)->t)) {
		t->n = 0;
		memset(t->cg, 0, sizeof t->cg);
	}
	trend_push(t, s);
	trend_cgroups(t, s);
	first = trend_window(t);
	for (int i = 0; i < s->nzones; i++) {
		struct zt_zone *z = &s->zones[i];
		now = trend_series(t, first, TW_ZONE, z->node, z->name, &f);
		z->trend_pps = f.slope;
		z->eta_min_s = zt_have(z->min) ? trend_eta(&f, now, (double)z->min) : NAN;
		z->eta_low_s = zt_have(z->low) ? trend_eta(&f, now, (double)z->low) : NAN;
	}
	m->n = t->n - first;
	m->window_s = s->mono - trend_get(t, first)->t;
	trend_series(t, first, TW_TOTAL, 0, NULL, &f);
	m->free_pps = f.slope;
	now = trend_series(t, first, TW_AVAIL, 0, NULL, &f);
	m->avail_kbps = f.slope;
	m->avail_eta_s = trend_eta(&f, now, 0);
	now = trend_series(t, first, TW_SWAPFREE, 0, NULL, &f);
	m->swapfree_kbps = f.slope;
	/* no swap configured: nothing to run out of */
	m->swap_eta_s = !(trend_kv(&s->meminfo, "SwapTotal") > 0) ? NAN :
	    trend_eta(&f, now, 0);
	if (m->n < TREND_MIN_N)
		m->n = 0;
}
