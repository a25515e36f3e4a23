/*
 * derive.h: the snapshot's derivation: every derived field from the raw
 * figures and the previous snapshot (zone flags and checks, the zone
 * serving each class, totals, rates, events and the kernel log's
 * reports, the severities), then the verdict (verdict.h).  The kernel's
 * arithmetic it applies is zonemath.h's, included for its users.  No I/O.
 */
#ifndef ZT_DERIVE_H
#define ZT_DERIVE_H

#include "snapshot.h"
#include "zonemath.h"

/* Fill every derived field of cur; prev may be NULL (no rates then).
 * Call once per cur: prev's events are copied into cur, followed by the
 * events cur already holds and the new ones (at most ZT_EVENTS_MAX). */
void derive_snapshot(struct zt_snapshot *cur, const struct zt_snapshot *prev);

/* A zone's derived fields (state, flags, reserved, fragmentation
 * indices); exposed for tests. */
void derive_zone(struct zt_zone *z);
/* Set s->sev_commit, sev_psi_some and sev_psi_full from the figures
 * (derive.c's threshold table); derive_snapshot() calls it, a snapshot
 * read back from JSON calls it too. */
void derive_severity(struct zt_snapshot *s);
/* At most this many events are kept; the oldest are dropped. */
#define ZT_EVENTS_MAX 256

#endif
