/*
 * procs_bpf.h: the candidates sampler's fast path.  Where the BPF task
 * iterator loads (bpf_tasks.h), one read gives every process's exact
 * oom_badness() inputs; this adapter turns them into procs.c's input
 * (struct badness_task, struct procs_row_hint) and lets procs.c rank
 * them (procs_sample_tasks): one ranking for both paths, every scope,
 * no per-pid file opened to rank.  Only the rows shown get details
 * (user name, command line, cgroup path), as on the /proc path.
 */
#ifndef ZT_PROCS_BPF_H
#define ZT_PROCS_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badness.h"
#include "bpf_tasks.h"
#include "procs.h"
#include "sample_opts.h"
#include "snapshot.h"

struct procs_bpf;

/* NULL, with why, when the BPF path cannot be used (refuse: --no-bpf).
 * procs: the sampler that ranks what the iterator reads (kept, not
 * owned). */
struct procs_bpf *procs_bpf_open(struct procs *procs, bool refuse, char *why,
    size_t whylen);
void procs_bpf_close(struct procs_bpf *pb);
/* Like procs_sample(), from one read of the iterator; marks
 * ZT_SRC_PROCS and s->procs_source.  -1 with why when the read failed
 * (the caller then reads /proc). */
int procs_bpf_sample(struct procs_bpf *pb, struct zt_snapshot *s,
    const struct sampler_opts *o, char *why, size_t whylen);

/*
 * Pure pieces, exposed for tests and fuzzing.
 */

/* badness.c's input from a BPF task: the counters summed over CPUs
 * (BADNESS_COUNTS_SUM), the flags the iterator sees (all of them), the
 * creation time in ns, the memory cgroup's id.  A copy, field by field. */
void procs_bpf_to_badness(const struct bt_task *t, struct badness_task *b);
/* What the rows show of it: comm, state, start time in ticks. */
void procs_bpf_hint(const struct bt_task *t, struct procs_row_hint *h);

#endif
