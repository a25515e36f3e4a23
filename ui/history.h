/*
 * history.h: the rings of past values the sparklines draw, the per-zone
 * free-page history the zone panel and detail view keep, and the bar
 * figures computed from a snapshot (history.c).  No curses, no files.
 */
#ifndef ZT_UI_HISTORY_H
#define ZT_UI_HISTORY_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "../src/snapshot.h"

#define UI_HIST	 256		/* samples kept per sparkline */

struct ui_hist {
	double v[UI_HIST];
	int n, head;		/* head: next slot to write */
};

/* Free pages of one zone over time, found again by node and name. */
struct ui_zone_hist {
	int node;
	char name[12];
	struct ui_hist free;
	bool have_pt;		/* pagetypeinfo seen */
	struct zt_pagetype pt;	/* the last one read */
	struct timespec pt_when;
	int pt_block_order;	/* pageblock order then */
};

/* The lowmem reserve a GFP_KERNEL allocation meets in zone z (the
 * protection[] entry of the Normal slot), 0 when it does not apply,
 * ZT_NA when unknown. */
int64_t ui_kernel_reserve(const struct zt_snapshot *s, const struct zt_zone *z);

/* History rings. */
void ui_hist_push(struct ui_hist *h, double v);
/* i-th value, 0 = oldest of the n kept. */
double ui_hist_get(const struct ui_hist *h, int i);
double ui_hist_max(const struct ui_hist *h, int last);
/* Sparkline levels 0..7 of the newest width values scaled to [0, hi],
 * right-aligned; -1 where there is no value. */
void ui_spark_levels(const struct ui_hist *h, int width, double hi,
    int8_t *out);
/* Shade level 0..4 of a free block count (0, 1-9, 10-99, 100-999,
 * more). */
int ui_shade_level(int64_t n);

/* The history of zone node/name in (*zh)[*n]; create: add it when
 * missing (else NULL). */
struct ui_zone_hist *ui_zone_hist_find(struct ui_zone_hist **zh, int *n,
    int node, const char *name, bool create);

#endif
