/*
 * jdelta.h: the difference between two JSON values and its application,
 * and a compact JSON writer whose reals read back bit for bit.  The
 * delta frames of a recording (record.h) are jdelta_diff() of a sample
 * against its keyframe.
 *
 * A change C turns a base value B into a target T:
 *   scalar                 T is that scalar
 *   {key: C', ...}         B is an object; each key's value changes by C'
 *                          (a key absent from B gets C' applied to nothing)
 *   ["-"]                  inside an object: the key is deleted
 *   ["=", V]               T is V (an array or object given whole)
 *   ["a", i, C', ...]      B is an array of T's length; element i by C'
 *   ["e", d, [V...]]       B's first d elements dropped, V... appended
 *                          (a list of events: oldest out, newest in)
 *   ["p", order, rows, ranks]
 *                          B and T are arrays of objects with unique
 *                          integer "pid" members (the processes):
 *                          order  null: the same pids in the same order;
 *                                 else items, each a pid or [j, n]: B's
 *                                 rows j..j+n-1 in turn
 *                          rows   {"pid": C'} the rows that changed,
 *                                 "rank" left out on both sides; a pid
 *                                 not in B has ["=", row]
 *                          ranks  null: rank = position + 1; false: no
 *                                 "rank" member; else pairs p, d, ...:
 *                                 from position p on, rank = position
 *                                 + 1 + d (ranks skip filtered rows)
 * Arrays are always tagged, so an object is always a patch.
 */
#ifndef ZT_JDELTA_H
#define ZT_JDELTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util.h"

/* The change from base to target (base may be NULL: nothing); NULL
 * when they are equal.  Caller json_decref()s. */
json_t *jdelta_diff(const json_t *base, const json_t *target);

/* jdelta_diff(), where same(pid, ctx) true says that the target's
 * process row of pid is its base's but for "rank" (a writer that knows
 * it): such rows are passed over unlooked at. */
json_t *jdelta_diff_vouched(const json_t *base, const json_t *target,
    bool (*same)(int64_t pid, void *ctx), void *ctx);

/* base with change applied, as a new value sharing base's unchanged
 * parts (base is not modified).  NULL with why when the change does not
 * fit base (a damaged or foreign frame). */
json_t *jdelta_apply(const json_t *base, const json_t *change, char *why,
    size_t whylen);

/* Compact JSON of j appended to b: object members in their order, reals
 * in the shortest form that reads back to the same double. */
void jdelta_dump(struct zt_buf *b, const json_t *j);

#endif
