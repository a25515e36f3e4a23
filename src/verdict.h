/*
 * verdict.h: the few short lines that say what is wrong, or that nothing
 * is, judged from a snapshot's derived fields (verdict.c).
 */
#ifndef ZT_VERDICT_H
#define ZT_VERDICT_H

#include "snapshot.h"

/* Fill s->verdict; derive_snapshot() calls it last. */
void verdict_judge(struct zt_snapshot *s);

#endif
