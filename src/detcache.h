/*
 * detcache.h: what procs.c has read about each process, kept for the
 * process's lifetime (keyed by pid and start time), so a refresh reads
 * again only what can have changed.
 *
 * Every refresh, for a process already known: oom_score_adj and statm
 * through fds kept open on them (pread at offset 0; a kept fd answers
 * ESRCH once the task is gone, so pid reuse cannot mix two processes).
 * PID/status (comm, state, uid, rss, swap, page tables) is read again
 * when the row is shown (fresh), or when statm, oom_score or
 * oom_score_adj moved since it was last read; the command line and the
 * cgroup when the address space's size changed (an exec changes it) -
 * and everything once every DETCACHE_SWEEP refreshes, spread over the
 * processes, for what no cheap counter shows (a swap-only change, a
 * cgroup migration, setproctitle).  So a row holds its details as of
 * when they were last read, and every figure the OOM killer ranks by
 * is at most DETCACHE_SWEEP refreshes old, current whenever statm or the
 * score moved.  A row whose counters come from elsewhere
 * (DETCACHE_HINTED: the BPF iterator, or procs.c's exact pass for the
 * rows of an every-row sample below the first few) reads neither: only
 * its command line and cgroup, when its comm changed or at the sweep.
 */
#ifndef ZT_DETCACHE_H
#define ZT_DETCACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "procfs.h"
#include "snapshot.h"

#define DETCACHE_SWEEP	60	/* refreshes between full re-reads */

enum detcache_rc { DETCACHE_HIT, DETCACHE_MISS, DETCACHE_GONE };
/* Where a row's counters (rss, swap, page tables) and adj come from. */
enum detcache_src {
	DETCACHE_READ,		/* from here: statm and oom_score_adj
				 * through kept fds every refresh */
	DETCACHE_HINTED		/* the caller, with comm, state and uid in
				 * the row (the BPF iterator's, or the PID/
				 * status procs.c's exact pass last read):
				 * only the command line and cgroup are
				 * read, after an exec (comm changed) or at
				 * the sweep */
};

struct detcache;

struct detcache *detcache_open(struct procfs *pf);
void detcache_close(struct detcache *dc);
/* A new refresh.  fd_room: fds the cache may keep open now; mem_room:
 * of those, seq_file fds (statm, about 4.4 KiB of kernel memory each). */
void detcache_begin(struct detcache *dc, long fd_room, long mem_room);
/* Fill row r (pid, rank and oom_score set; row_init()ed) of the task
 * started at start: HIT with every field read or cached, MISS when the
 * caller must read it in full (then detcache_put() it), GONE when the
 * task exited.  fresh: read PID/status now whatever the counters say.
 * src says where the row's counters and adj come from (below). */
int detcache_fill(struct detcache *dc, struct zt_proc *r, uint64_t start,
    bool fresh, enum detcache_src src);
/* Remember a row the caller read in full (no kept fds unless src is
 * DETCACHE_READ). */
void detcache_put(struct detcache *dc, const struct zt_proc *r,
    uint64_t start, enum detcache_src src);
/* End of a refresh: forget the processes not asked about in the last
 * DETCACHE_SWEEP refreshes (exited, or no longer shown). */
void detcache_end(struct detcache *dc);
/* Entries held and fds kept, for the bench. */
int detcache_size(const struct detcache *dc, int *kept_fds);

#endif
