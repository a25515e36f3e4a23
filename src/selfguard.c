/*
 * selfguard.c: see selfguard.h.  The oom_score_adj write goes through
 * procfs (the only module that opens files) on the real /proc, whatever
 * proc root is being displayed.  The result is kept in one file-scope
 * struct: it is a fact about this process, set once at start.
 */
#include "selfguard.h"

#include <errno.h>
#include <link.h>
#include <linux/capability.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procfs.h"
#include "util.h"

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

/* kept free under the limit for whatever else in the process locks */
#define SELFGUARD_MARGIN ((size_t)256 * 1024)

static struct zt_selfprot selfguard_st;

/* Is CAP_IPC_LOCK effective?  It lifts RLIMIT_MEMLOCK entirely. */
static bool
selfguard_ipc_lock(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof d);
	if (syscall(SYS_capget, &h, d) != 0)
		return false;
	return (d[CAP_IPC_LOCK / 32].effective & (1u << (CAP_IPC_LOCK % 32))) != 0;
}

struct seg_walk {
	bool exec;		/* this pass: code segments, else the others */
	size_t budget;		/* bytes that may still be locked */
	size_t locked, wanted;
	int err;		/* the first mlock failure's errno */
};

/* One pass over the loaded objects (the program first, then its
 * libraries in load order): lock each PT_LOAD segment of the pass's
 * kind that still fits the budget. */
static int
selfguard_seg(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct seg_walk *w = arg;
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);

	(void)size;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0 ||
		    ((ph->p_flags & PF_X) != 0) != w->exec)
			continue;
		uintptr_t a = (uintptr_t)(info->dlpi_addr + ph->p_vaddr);
		uintptr_t lo = a & ~(pg - 1);
		uintptr_t hi = (a + ph->p_memsz + pg - 1) & ~(pg - 1);
		size_t len = hi - lo;

		w->wanted += len;
		if (len > w->budget)
			continue;
		if (mlock((void *)lo, len) == 0) {
			w->locked += len;
			w->budget -= len;
		} else if (w->err == 0)
			w->err = errno;
	}
	return 0;
}

/* Under a finite limit: the code first (what a machine short of memory
 * evicts and zonetop must page back in to run), then the data. */
static void
selfguard_lock_segments(struct zt_selfprot *g, size_t limit)
{
	struct seg_walk w = { .exec = true };

	w.budget = limit > SELFGUARD_MARGIN ? limit - SELFGUARD_MARGIN : 0;
	dl_iterate_phdr(selfguard_seg, &w);
	w.exec = false;
	dl_iterate_phdr(selfguard_seg, &w);
	g->locked_kb = (int64_t)(w.locked / 1024);
	g->wanted_kb = (int64_t)(w.wanted / 1024);
	if (w.locked == 0) {
		g->mlock = ZT_MLOCK_NONE;
		snprintf(g->mlock_why, sizeof g->mlock_why, "mlock: %s",
		    w.err ? procfs_reason(w.err) : "RLIMIT_MEMLOCK too small");
		return;
	}
	g->mlock = ZT_MLOCK_PART;
	snprintf(g->mlock_why, sizeof g->mlock_why,
	    "RLIMIT_MEMLOCK %lldK: %s, heap and stacks not locked",
	    (long long)(limit / 1024), w.locked < w.wanted ?
	    "part of the code and data" : "code and data only");
}

static void
selfguard_mlock(struct zt_selfprot *g)
{
	struct rlimit rl;

	g->limit_kb = ZT_NA;
	if (getrlimit(RLIMIT_MEMLOCK, &rl) != 0)
		rl.rlim_cur = 0;
	if (rl.rlim_cur != RLIM_INFINITY)
		g->limit_kb = (int64_t)(rl.rlim_cur / 1024);
	if (rl.rlim_cur == RLIM_INFINITY || selfguard_ipc_lock()) {
		/* MCL_ONFAULT: only pages really used; the footprint is bounded */
		if (mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) == 0) {
			g->mlock = ZT_MLOCK_ALL;
			return;
		}
		/* e.g. a kernel before 4.4 without MCL_ONFAULT: lock segments */
	}
	selfguard_lock_segments(g, rl.rlim_cur == RLIM_INFINITY ? SIZE_MAX / 2 :
	    (size_t)rl.rlim_cur);
}

void
selfguard_apply(bool oom_adj, bool mlock)
{
	struct zt_selfprot *g = &selfguard_st;

	memset(g, 0, sizeof *g);
	g->tried = true;
	g->locked_kb = g->wanted_kb = g->limit_kb = ZT_NA;
	g->adj_tried = oom_adj;
	if (oom_adj) {
		char why[64];
		if (procfs_write_self("oom_score_adj", "-999\n", why, sizeof why) == 0)
			g->adj_done = true;
		else if (strcmp(why, "permission denied") == 0)
			snprintf(g->adj_why, sizeof g->adj_why,
			    "refused: lowering needs CAP_SYS_RESOURCE");
		else
			snprintf(g->adj_why, sizeof g->adj_why, "%s", why);
	} else
		snprintf(g->adj_why, sizeof g->adj_why, "--no-oom-adj");
	if (!mlock) {
		g->mlock = ZT_MLOCK_OFF;
		snprintf(g->mlock_why, sizeof g->mlock_why, "--no-mlock");
		return;
	}
#ifdef ZT_ASAN
	/* the sanitizer's shadow memory is terabytes of address space */
	(void)selfguard_mlock;
	g->mlock = ZT_MLOCK_OFF;
	snprintf(g->mlock_why, sizeof g->mlock_why, "not with AddressSanitizer");
#else
	selfguard_mlock(g);
#endif
}

const struct zt_selfprot *
selfguard_state(void)
{
	return &selfguard_st;
}

const char *
selfguard_mlock_text(const struct zt_selfprot *g, char *buf, size_t len)
{
	char a[32], b[32];

	switch (g->mlock) {
	case ZT_MLOCK_ALL:
		snprintf(buf, len, "all memory locked");
		break;
	case ZT_MLOCK_PART:
		snprintf(buf, len, "%s of %s locked (%s)",
		    fmt_kb(a, sizeof a, g->locked_kb),
		    fmt_kb(b, sizeof b, g->wanted_kb), g->mlock_why);
		break;
	case ZT_MLOCK_NONE:
		snprintf(buf, len, "not locked (%s)", g->mlock_why);
		break;
	default:
		snprintf(buf, len, "not locked (%s)", g->tried ? g->mlock_why :
		    "not tried");
	}
	return buf;
}
