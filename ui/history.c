/*
 * history.c: what the sparklines and bars draw besides the snapshot: the
 * rings of past values (a fixed UI_HIST samples each, oldest dropped),
 * their sparkline and shade levels, the free-page history kept per zone
 * (found again by node and name, as zones come and go), and the lowmem
 * reserve a zone's bar marks.  Pure: no curses, no files.
 */
#include "history.h"

#include <math.h>
#include <string.h>

#include "../src/derive.h"
#include "../src/arith.h"
#include "../src/util.h"

void
ui_hist_push(struct ui_hist *h, double v)
{
	h->v[h->head] = v;
	h->head = (h->head + 1) % UI_HIST;
	if (h->n < UI_HIST)
		h->n++;
}

double
ui_hist_get(const struct ui_hist *h, int i)
{
	if (i < 0 || i >= h->n)
		return NAN;
	return h->v[(h->head - h->n + i + UI_HIST) % UI_HIST];
}

double
ui_hist_max(const struct ui_hist *h, int last)
{
	double m = NAN;

	for (int i = h->n - last < 0 ? 0 : h->n - last; i < h->n; i++) {
		double x = ui_hist_get(h, i);
		if (!isnan(x) && (isnan(m) || x > m))
			m = x;
	}
	return m;
}

void
ui_spark_levels(const struct ui_hist *h, int width, double hi, int8_t *out)
{
	int have = h->n < width ? h->n : width;

	for (int i = 0; i < width; i++)
		out[i] = -1;
	for (int i = 0; i < have; i++) {
		double x = ui_hist_get(h, h->n - have + i);
		int lvl;

		if (isnan(x))
			continue;
		if (!(hi > 0) || x <= 0)
			lvl = 0;
		else if (x >= hi)
			lvl = 7;
		else
			lvl = (int)arith_lround(x / hi * 7);
		out[width - have + i] = (int8_t)lvl;
	}
}

int
ui_shade_level(int64_t n)
{
	if (!zt_have(n) || n <= 0)
		return 0;
	if (n < 10)
		return 1;
	if (n < 100)
		return 2;
	if (n < 1000)
		return 3;
	return 4;
}

struct ui_zone_hist *
ui_zone_hist_find(struct ui_zone_hist **zh, int *n, int node,
    const char *name, bool create)
{
	for (int i = 0; i < *n; i++)
		if ((*zh)[i].node == node && strcmp((*zh)[i].name, name) == 0)
			return &(*zh)[i];
	if (!create)
		return NULL;
	*zh = xreallocarray(*zh, (size_t)*n + 1, sizeof **zh);
	struct ui_zone_hist *z = &(*zh)[(*n)++];
	memset(z, 0, sizeof *z);
	z->node = node;
	strlcpy0(z->name, name, sizeof z->name);
	return z;
}

/* ---- bars (ui/scale.c places what they show) ---- */

int64_t
ui_kernel_reserve(const struct zt_snapshot *s, const struct zt_zone *z)
{
	return zone_kernel_reserve(s, z);
}
