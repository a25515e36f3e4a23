/*
 * scale.c: where a zone's bar puts each page count (scale.h says the
 * design).  The magnifier is a list of knots, value -> position in
 * cells, logarithmic between knots; the marks and the free edge are
 * knots, spread so that values 10% apart never share a cell.
 */
#include "scale.h"

#include <math.h>
#include <string.h>

#include "../src/arith.h"

char
ui_scale_mark_char(int m)
{
	/* in enum ui_smark's order */
	static const char ch[SM_N + 1] = "Rphlm";

	if (m < 0 || m >= SM_N)
		return '?';
	return ch[m];
}

/* Where the logarithm alone would put v in the magnifier. */
static double
scale_log_x(const struct ui_scale *sc, double v)
{
	return 1 + (sc->zoom - 1) * arith_log(v / sc->lo) / arith_log(sc->hi / sc->lo);
}

/* Do knots i and i + 1 need cells of their own?  Values 10% apart do;
 * the free edge does against any mark it is not equal to, so that it
 * is seen on the right side of each. */
static bool
scale_apart(const double *iv, int i, int free_k)
{
	if (i == free_k || i + 1 == free_k)
		return iv[i + 1] > iv[i];
	return iv[i + 1] >= iv[i] * UI_SCALE_APART;
}

/* Spread the inner knots (ascending values iv) so that values apart
 * stand in different cells within [1, zoom), keeping their order. */
static void
scale_spread(const struct ui_scale *sc, const double *iv, double *ix, int n,
    int free_k)
{
	for (int i = 1; i < n; i++) {
		if (ix[i] < ix[i - 1])
			ix[i] = ix[i - 1];
		if (scale_apart(iv, i - 1, free_k) && floor(ix[i]) <= floor(ix[i - 1]))
			ix[i] = floor(ix[i - 1]) + 1.5;
	}
	/* pushed past the magnifier: pull back from the right */
	for (int i = n - 1; i >= 0; i--) {
		if (i == n - 1) {
			if (ix[i] >= sc->zoom)
				ix[i] = sc->zoom - 0.5;
		} else if (scale_apart(iv, i, free_k)) {
			if (floor(ix[i]) >= floor(ix[i + 1]))
				ix[i] = floor(ix[i + 1]) - 0.5;
		} else if (ix[i] > ix[i + 1])
			ix[i] = ix[i + 1];
	}
	/* the free edge shows in its own cell, never exactly on a border */
	if (free_k >= 0 && ix[free_k] - floor(ix[free_k]) < 0.125)
		ix[free_k] = floor(ix[free_k]) + 0.125;
	for (int i = 0; i < n; i++) {
		if (ix[i] < 1)
			ix[i] = 1;
		if (i > 0 && ix[i] < ix[i - 1])
			ix[i] = ix[i - 1];
	}
}

/* The knots: 0 at 0, lo at 1, the marks and free inside (lo, hi), hi at
 * the magnifier's end. */
static void
scale_knots(struct ui_scale *sc, const double *mv, double freev)
{
	double iv[SM_N + 1], ix[SM_N + 1];
	int n = 0, free_k = -1;

	for (int m = 0; m < SM_N; m++)
		if (!isnan(mv[m]) && mv[m] > sc->lo && mv[m] < sc->hi)
			iv[n++] = mv[m];
	if (!isnan(freev) && freev > sc->lo && freev < sc->hi)
		iv[n++] = freev;
	/* ascending, without repeats */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && iv[j] < iv[j - 1]; j--) {
			double t = iv[j];
			iv[j] = iv[j - 1];
			iv[j - 1] = t;
		}
	int k = 0;
	for (int i = 0; i < n; i++)
		if (k == 0 || iv[i] != iv[k - 1])
			iv[k++] = iv[i];
	n = k;
	for (int i = 0; i < n; i++) {
		ix[i] = scale_log_x(sc, iv[i]);
		if (!isnan(freev) && iv[i] == freev)
			free_k = i;
	}
	scale_spread(sc, iv, ix, n, free_k);
	sc->kv[0] = 0;
	sc->kx[0] = 0;
	sc->kv[1] = sc->lo;
	sc->kx[1] = 1;
	for (int i = 0; i < n; i++) {
		sc->kv[2 + i] = iv[i];
		sc->kx[2 + i] = ix[i];
	}
	sc->kv[2 + n] = sc->hi;
	sc->kx[2 + n] = sc->zoom;
	sc->nk = 3 + n;
}

double
ui_scale_pos(const struct ui_scale *sc, double v)
{
	double x;

	if (isnan(v) || v <= 0 || sc->width <= 0 || sc->managed <= 0)
		return 0;
	if (sc->nk == 0) {
		/* no mark inside the zone: linear over it */
		x = v / (double)sc->managed * sc->width;
		return x > sc->width ? sc->width : x;
	}
	if (v < sc->lo)
		return v / sc->lo;
	if (v > sc->hi) {
		if (sc->brk < 0)
			return sc->zoom;
		x = sc->brk + 1 + (sc->width - sc->brk - 1) * (v - sc->hi) /
		    ((double)sc->managed - sc->hi);
		return x > sc->width ? sc->width : x;
	}
	for (int a = 1; a + 1 < sc->nk; a++) {
		if (v > sc->kv[a + 1])
			continue;
		if (!(sc->kv[a + 1] > sc->kv[a]))
			return sc->kx[a];
		return sc->kx[a] + (sc->kx[a + 1] - sc->kx[a]) *
		    arith_log(v / sc->kv[a]) / arith_log(sc->kv[a + 1] / sc->kv[a]);
	}
	return sc->zoom;
}

int
ui_scale_free_cell(const struct ui_scale *sc)
{
	if (!(sc->free_x > 0))
		return -1;
	return (int)ceil(sc->free_x) - 1;
}

/* The magnifier's range and whether the rest of the zone gets a part
 * of its own. */
static void
scale_range(struct ui_scale *sc, double first, double top)
{
	sc->lo = first / 1.25;
	sc->hi = top * 1.25;
	if (sc->hi * 2 >= (double)sc->managed) {
		sc->hi = (double)sc->managed;
		sc->zoom = sc->width;
	} else {
		int tail = sc->width / 3 < 3 ? 3 : sc->width / 3;
		sc->zoom = sc->width - tail - 1;
		sc->brk = sc->zoom;
	}
	if (!(sc->lo < sc->hi))
		sc->lo = sc->hi / 2;
}

void
ui_scale_compute(struct ui_scale *sc, const struct zt_zone *z,
    int64_t reserve, int width)
{
	double mv[SM_N], first = INFINITY, top = 0;

	memset(sc, 0, sizeof *sc);
	sc->width = width;
	sc->brk = -1;
	sc->free_x = -1;
	for (int m = 0; m < SM_N; m++)
		sc->mark[m] = -1;
	if (!zt_have(z->managed) || z->managed <= 0 || width <= 0)
		return;
	sc->managed = z->managed;
	sc->zoom = width;
	mv[SM_MIN] = zt_have(z->min) && z->min > 0 ? (double)z->min : NAN;
	mv[SM_LOW] = zt_have(z->low) && z->low > 0 ? (double)z->low : NAN;
	mv[SM_HIGH] = zt_have(z->high) && z->high > 0 ? (double)z->high : NAN;
	mv[SM_PROMO] = zt_have(z->promo) && z->promo > 0 ? (double)z->promo : NAN;
	mv[SM_RESERVE] = zt_have(reserve) && reserve > 0 && !isnan(mv[SM_MIN]) ?
	    mv[SM_MIN] + (double)reserve : NAN;
	for (int m = 0; m < SM_N; m++)
		if (!isnan(mv[m]) && mv[m] <= (double)sc->managed) {
			first = mv[m] < first ? mv[m] : first;
			top = mv[m] > top ? mv[m] : top;
		}
	if (top > 0) {
		scale_range(sc, first, top);
		scale_knots(sc, mv, zt_have(z->free) ? (double)z->free : NAN);
	}
	for (int m = 0; m < SM_N; m++) {
		int c;
		if (isnan(mv[m]))
			continue;
		/* beyond the zone (a reserve larger than it, a tiny zone's
		 * marks): the last cell */
		if (mv[m] > (double)sc->managed) {
			c = width - 1;
			if (m == SM_RESERVE)
				sc->reserve_over = true;
		} else
			c = (int)floor(ui_scale_pos(sc, mv[m]));
		sc->mark[m] = c < 0 ? 0 : c >= width ? width - 1 : c;
	}
	if (zt_have(z->free))
		sc->free_x = ui_scale_pos(sc, (double)z->free);
}
