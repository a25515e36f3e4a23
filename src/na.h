/*
 * na.h: "not available", the one sentinel for an integer the kernel did
 * not give us.  A leaf: snapshot.h, util.c and every reader of a figure
 * use it, so it includes nothing of zonetop's.
 */
#ifndef ZT_NA_H
#define ZT_NA_H

#include <stdbool.h>
#include <stdint.h>

#define ZT_NA INT64_MIN
static inline bool zt_have(int64_t v) { return v != ZT_NA; }

#endif
