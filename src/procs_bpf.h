/*
 * procs_bpf.h: the candidates sampler's fast path.  Where the BPF task
 * iterator loads (bpf_tasks.h), one read gives every process's exact
 * oom_badness() inputs, so the ranking opens no per-pid file and ranks
 * by the kernel's own points rather than /proc/PID/oom_score's rounded
 * steps (totalpages/1000 pages each, proc_oom_score(), fs/proc/base.c).
 * Only the rows shown get details (user name,
 * command line, cgroup path), through libproc2 (proc_lib.c), as on the
 * /proc path (procs.c), whose snapshot fields it fills the same way.
 */
#ifndef ZT_PROCS_BPF_H
#define ZT_PROCS_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bpf_tasks.h"
#include "procfs.h"
/* h17's badness module (badness.h), once merged: fill its input from a
 * BPF task with procs_bpf_to_badness() */
#if defined(__has_include)
#if __has_include("badness.h")
#include "badness.h"
#define ZT_HAVE_BADNESS 1
#endif
#endif
#include "sample_opts.h"
#include "snapshot.h"

struct procs_bpf;

/* NULL, with why, when the BPF path cannot be used (refuse: --no-bpf). */
struct procs_bpf *procs_bpf_open(struct procfs *pf, bool refuse, char *why,
    size_t whylen);
void procs_bpf_close(struct procs_bpf *pb);
/* Like procs_sample(), from one read of the iterator; marks
 * ZT_SRC_PROCS and s->procs_source.  -1 with why when the read failed
 * (the caller then reads /proc). */
int procs_bpf_sample(struct procs_bpf *pb, struct zt_snapshot *s,
    const struct sampler_opts *o, char *why, size_t whylen);

/*
 * Pure pieces, exposed for tests.
 */

/* Kernel rules the points depend on, from a release string. */
struct procs_bpf_kernel {
	bool signed_points;	/* 5.9+: LONG_MIN for the ineligible, may
				   go negative; before: at least 1 */
	bool last_wins;		/* 5.2+: equal points, the later scanned */
};
void procs_bpf_kernel(struct procs_bpf_kernel *k, const char *release);
/* oom_badness() of t with totalpages; ZT_NA when never chosen. */
int64_t procs_bpf_points(const struct procs_bpf_kernel *k,
    const struct bt_task *t, int64_t totalpages, int64_t page_size);
/* /proc/PID/oom_score for those points (ZT_NA: 0). */
int64_t procs_bpf_oom_score(const struct procs_bpf_kernel *k, int64_t points,
    int64_t totalpages);
/* Order tasks[0..n) as select_bad_process() picks: order[] gets indices,
 * best first, the never-chosen last (by pid); points[i] of tasks[i].
 * Returns how many can be chosen. */
int procs_bpf_rank(const struct procs_bpf_kernel *k,
    const struct bt_task *tasks, int n, int64_t totalpages,
    int64_t page_size, int64_t *points, int *order);
/* Until the exact ranking of the /proc path lands (badness.c): each
 * row's points from its own figures (rss + swap + page tables, adj),
 * ZT_NA where one is missing or the task is never chosen.  Rows whose
 * points procs.c set (nonzero, or ZT_NA) are left alone. */
void procs_bpf_points_procfs(struct zt_snapshot *s);

#ifdef ZT_HAVE_BADNESS
/* badness.c's input from a BPF task: the counters the kernel sums (per
 * CPU on 6.2+: BADNESS_COUNTS_SUM), the flags the iterator sees, the
 * creation time in ns.  A copy, field by field. */
void procs_bpf_to_badness(const struct bt_task *t, struct badness_task *b);
#endif

#endif
