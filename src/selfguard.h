/*
 * selfguard.h: keep zonetop itself alive and responsive on a machine
 * that is out of memory, as atop does: lower its own oom_score_adj to
 * -999 (where permitted: CAP_SYS_RESOURCE) and lock its memory.  Locking
 * never stops the program: with an unlimited RLIMIT_MEMLOCK (or
 * CAP_IPC_LOCK) everything is locked, now and later (mlockall with
 * MCL_ONFAULT); under a finite limit MCL_FUTURE would make every later
 * allocation and thread stack fail once the limit is reached, so only
 * the code and data of the program and its libraries are locked, as
 * much as fits the limit.  What was and was not possible is kept for the
 * header and JSON (zt_selfprot in snapshot.h).  Both can be turned off
 * (--no-oom-adj, --no-mlock).
 */
#ifndef ZT_SELFGUARD_H
#define ZT_SELFGUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "snapshot.h"

void selfguard_apply(bool oom_adj, bool mlock);
/* What selfguard_apply did; tried == false before (or without) it. */
const struct zt_selfprot *selfguard_state(void);
/* "locked 3.1M of 8M (code and data)", "-999", "not: ...": one line. */
const char *selfguard_mlock_text(const struct zt_selfprot *g, char *buf,
    size_t len);

#endif
