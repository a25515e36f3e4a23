/*
 * scale.h: the scale of a zone's bar.  Watermarks are a fraction of a
 * percent of a large zone, so a bar linear over the managed pages puts
 * them all in its first cell.  This scale is in two parts:
 *
 *  - the left part (cells [0, zoom)) is a magnifier over the marks:
 *    cell 0 holds 0 .. lo (lo = the lowest mark / 1.25), and from lo to
 *    hi (the highest mark * 1.25) it is logarithmic, each cell the same
 *    ratio, so that "how far from min" reads the same on every zone;
 *  - a break cell (brk), then the rest of the zone, hi .. managed,
 *    linear: how much of the zone is free.
 *
 * A zone whose marks are a large part of it (hi * 2 >= managed) gets one
 * logarithmic scale and no break.  The marks (min, low, high, promo where
 * the kernel prints it, and min + the lowmem reserve GFP_KERNEL meets)
 * and the free edge are the knots of the magnifier: two of them whose
 * values differ by 10% or more stand in different cells (pushed apart
 * when the logarithm would put them in one), as long as the width has
 * a cell for each; the free edge gets a cell apart from any mark it is
 * not equal to, so it is always seen on the right side of min.  Pure: tested in tests/unit/test_ui_scale.c.
 */
#ifndef ZT_UI_SCALE_H
#define ZT_UI_SCALE_H

#include <stdbool.h>
#include <stdint.h>

#include "../src/snapshot.h"

/* The marks a bar shows, in the order they are drawn over each other
 * (the later wins a shared cell: min last). */
enum ui_smark { SM_RESERVE, SM_PROMO, SM_HIGH, SM_LOW, SM_MIN, SM_N };

#define UI_SCALE_KNOTS (SM_N + 4)
#define UI_SCALE_APART 1.1	/* values this far apart get their own cells */

struct ui_scale {
	int width;		/* cells */
	int zoom;		/* cells of the magnifier */
	int brk;		/* the break cell, -1: none */
	int64_t managed;
	double lo, hi;		/* the magnifier's range (pages) */
	int nk;			/* knots of the magnifier: value -> position */
	double kv[UI_SCALE_KNOTS], kx[UI_SCALE_KNOTS];
	int mark[SM_N];		/* cell of each mark, -1 none or unknown */
	bool reserve_over;	/* min + reserve is beyond managed: '>' */
	double free_x;		/* where the free part ends, cells; -1 n/a */
};

/* reserve: the lowmem reserve GFP_KERNEL meets here (0 none, ZT_NA
 * unknown), as ui_kernel_reserve() gives it. */
void ui_scale_compute(struct ui_scale *sc, const struct zt_zone *z,
    int64_t reserve, int width);
/* Position of a page count on the scale, in cells from the left. */
double ui_scale_pos(const struct ui_scale *sc, double v);
/* The cell holding the free edge, -1 when nothing is free or unknown. */
int ui_scale_free_cell(const struct ui_scale *sc);
/* The mark's letter: 'm', 'l', 'h', 'p', 'R'. */
char ui_scale_mark_char(int m);

#endif
