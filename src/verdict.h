/*
 * verdict.h: the few short lines that say what is wrong, or that nothing
 * is, judged from a snapshot's derived fields (verdict.c).
 */
#ifndef ZT_VERDICT_H
#define ZT_VERDICT_H

#include <stdbool.h>

#include "snapshot.h"

/* Fill s->verdict; derive_snapshot() calls it last. */
void verdict_judge(struct zt_snapshot *s);
/* Memory is short: some zone at or below min, an ordinary allocation
 * failing the min check, or the OOM killer at work in this step (a
 * global kill; a memcg's or cpuset's limit is not the machine's). */
bool verdict_memory_short(const struct zt_snapshot *s);

#endif
