/*
 * selfguard.c: see selfguard.h.  The oom_score_adj write goes through
 * procfs (the only module that opens files) on the real /proc, whatever
 * proc root is being displayed.
 */
#include "selfguard.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "procfs.h"

#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

#if defined(__SANITIZE_ADDRESS__)
#define ZT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZT_ASAN 1
#endif
#endif

void
selfguard_apply(struct selfguard *g, bool oom_adj, bool mlock)
{
	memset(g, 0, sizeof *g);
	if (oom_adj) {
		char why[64];
		if (procfs_write_self("oom_score_adj", "-999\n", why, sizeof why) == 0)
			g->adj_done = true;
		else
			snprintf(g->adj_why, sizeof g->adj_why, "oom_score_adj: %s", why);
	} else
		snprintf(g->adj_why, sizeof g->adj_why, "--no-oom-adj");
	if (!mlock) {
		snprintf(g->mlock_why, sizeof g->mlock_why, "--no-mlock");
		return;
	}
#ifdef ZT_ASAN
	/* the sanitizer's shadow memory is terabytes of address space */
	snprintf(g->mlock_why, sizeof g->mlock_why, "not with AddressSanitizer");
#else
	if (mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) == 0)
		g->mlock_done = true;
	else
		snprintf(g->mlock_why, sizeof g->mlock_why, "mlockall: %s",
		    procfs_reason(errno));
#endif
}
