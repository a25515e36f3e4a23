/*
 * selfguard.h: keep zonetop itself alive and responsive on a machine
 * that is out of memory, as atop does: lower its own oom_score_adj to
 * -999 (where permitted) and lock its memory (mlockall with MCL_ONFAULT,
 * so only pages it really uses are locked; its footprint is bounded).
 * Both can be turned off (--no-oom-adj, --no-mlock).
 */
#ifndef ZT_SELFGUARD_H
#define ZT_SELFGUARD_H

#include <stdbool.h>
#include <stddef.h>

struct selfguard {
	bool adj_done, mlock_done;
	char adj_why[96], mlock_why[96];	/* why not, when not done */
};

void selfguard_apply(struct selfguard *g, bool oom_adj, bool mlock);

#endif
