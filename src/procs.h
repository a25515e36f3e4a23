/*
 * procs.h: the OOM killer's candidates.
 *
 * The ranking pass reads only oom_score (and oom_score_adj) for every
 * pid, through fds kept open per pid where the fd budget allows (pread at
 * offset 0 regenerates the value; a kept fd answers ESRCH once the task
 * is gone, so pid reuse cannot mix two processes).  Details (user, RSS,
 * swap, page tables, cgroup, command line) are read only for the first
 * detail_rows rows, through the libproc2 adapter (proc_lib.c) on the
 * live system, or from the capture's PID/ files otherwise.
 */
#ifndef ZT_PROCS_H
#define ZT_PROCS_H

#include "procfs.h"
#include "sampler.h"
#include "snapshot.h"

struct procs;

struct procs *procs_open(struct procfs *pf);
void procs_close(struct procs *p);
/* Fill s->procs (ranked), s->nprocs, s->predicted_victim, s->totalpages
 * (needs s->meminfo already read).  Marks ZT_SRC_PROCS. */
int procs_sample(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o);

/* Rank procs[] as the kernel would: by oom_score, highest first; fill
 * rank, killable, badness, score_adj0 and predicted_victim.  Pure. */
void procs_rank(struct zt_snapshot *s);

#endif
