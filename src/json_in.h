/*
 * json_in.h: a snapshot read back from its JSON object, the inverse of
 * json_snapshot() (output.h).  Recordings store that JSON, so replay
 * rebuilds the struct the screen and the batch printers draw from.
 *
 * The guarantee, tested on live samples and on the fixture captures:
 *   json_snapshot(json_in(json_snapshot(S))) equals json_snapshot(S)
 * (json_equal).  A key added to json_out.c without a reader here breaks
 * that test, which is the point.  Unknown keys are ignored and values of
 * the wrong type read as absent (ZT_NA, NAN, "", false), so a newer
 * zonetop's JSON still loads.
 *
 * A few fields the public JSON leaves out (the monotonic clock, which
 * sources were skipped, the zones serving each allocation at the low
 * and high marks) travel in an extra object
 * under JSON_IN_RAW_KEY, written by json_in_raw(); recordings carry it,
 * batch JSON does not.
 */
#ifndef ZT_JSON_IN_H
#define ZT_JSON_IN_H

#include <stddef.h>

#include <jansson.h>

#include "snapshot.h"

#define JSON_IN_RAW_KEY "_raw"

/* Fill s (initialised here) from j.  Returns -1 with why when j is not
 * a JSON object; any object gives a snapshot, absent parts "n/a". */
int json_in(const json_t *j, struct zt_snapshot *s, char *why, size_t whylen);

/* json_in() keeping no more than max_procs process rows; json_in()'s cut
 * is 2^22 (PID_MAX_LIMIT: no snapshot holds more), which a test cannot
 * reach with a snapshot of a gigabyte, so tests give a small one. */
int json_in_cut(const json_t *j, struct zt_snapshot *s, size_t max_procs,
    char *why, size_t whylen);

/* The extra object for JSON_IN_RAW_KEY (caller json_decref()s). */
json_t *json_in_raw(const struct zt_snapshot *s);

/* "2026-11-26T10:50:00.123+01:00" (fmt_rfc3339) into ts; -1 when the
 * text is not RFC 3339. */
int json_in_time(const char *text, struct timespec *ts);

#endif
