/*
 * output.h: batch output of snapshots, as text (like top -b) and as JSON
 * Lines (one object per sample, written with jansson).  Both read only
 * the snapshot: the same model the screen draws.
 */
#ifndef ZT_OUTPUT_H
#define ZT_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include "snapshot.h"
#include "util.h"

struct out_opts {
	long top;			/* candidate rows; -1 all */
};

/* The JSON object of one sample (caller json_decref()s). */
json_t *json_snapshot(const struct zt_snapshot *s, const struct out_opts *o);
/* One process row of "processes" (caller json_decref()s), and whether
 * two rows give the same JSON (every member json_proc() writes): a
 * writer that keeps rows between samples rebuilds only changed ones. */
json_t *json_proc(const struct zt_proc *p);
bool json_proc_same(const struct zt_proc *a, const struct zt_proc *b);
/* One JSON line to fp; returns -1 on a write error. */
int json_print(FILE *fp, const struct zt_snapshot *s, const struct out_opts *o);

/* The text report of one sample into out. */
void text_snapshot(struct zt_buf *out, const struct zt_snapshot *s,
    const struct out_opts *o);

/* One sample in the OpenMetrics text format, ending in "# EOF";
 * top candidates' oom_score included. */
void om_snapshot(struct zt_buf *b, const struct zt_snapshot *s, int top);

/* RFC 3339 time with offset, "2026-11-26T10:50:00.123+00:00". */
void fmt_rfc3339(char *buf, size_t len, const struct timespec *ts);

#endif
