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
 *
 * s->procs holds the rows that passed the filters (-p, -u, --cgroup), in
 * rank order, at most detail_rows of them (all with -1); every row has
 * its details read.  rank is the global rank, before filters;
 * nprocs_total counts every process seen.  Kernel threads are left out.
 * -u takes a uid, or a user name of this machine (live only); it costs
 * one read of PID/status per process examined.  --cgroup takes its
 * members from the cgroup's subtree under the sys root; without a
 * cgroup hierarchy there (a capture), from each row's own cgroup path,
 * examining rows in rank order until detail_rows match.
 */
#ifndef ZT_PROCS_H
#define ZT_PROCS_H

#include <stddef.h>
#include <stdint.h>

#include "badness.h"
#include "procfs.h"
#include "procs_parse.h"
#include "sample_opts.h"
#include "snapshot.h"

#define PF_KTHREAD_FLAG 0x00200000	/* task flags: a kernel thread */
#define PF_EXITING_FLAG 0x00000004	/* task flags: in do_exit() */
/* sampler_opts.quick_first: at most this many contenders are read in
 * the live screen's first sample; more, and the victim waits for the
 * next sample (each costs three file reads: stat, status, oom_score_adj) */
#define PROCS_QUICK	256

struct procs;

struct procs *procs_open(struct procfs *pf);
void procs_close(struct procs *p);
/* Fill s->procs (ranked), s->nprocs, s->predicted_victim, s->totalpages
 * (needs s->meminfo already read), s->cgroup with --cgroup.  Marks
 * ZT_SRC_PROCS. */
int procs_sample(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o);
/* What a task source other than /proc knows of a task's row. */
struct procs_row_hint {
	char comm[16];			/* raw bytes, NUL-padded */
	char state;			/* 'R', 'S', 'D', ... */
	uint64_t start_time;		/* clock ticks after boot */
};
/* procs_sample() from every process's exact oom_badness() inputs,
 * tasks[0..n) (the BPF iterator's, procs_bpf.c), and what hints[i]
 * says of tasks[i]'s row: the same ranking in every scope (global,
 * each limited memory cgroup, --cgroup), the same rows and details,
 * without a per-pid file read to rank (no contenders to pick: all
 * figures are exact).  The caller sets s->procs_source. */
int procs_sample_tasks(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o, const struct badness_task *tasks,
    const struct procs_row_hint *hints, int n);
/* The same from a source's own records, task i of n given by get (into
 * *t and *h) each time it is needed: once in the ranking, again for the
 * rows shown; the source needs no copy of every task in these types. */
typedef void procs_task_fn(const void *src, int i, struct badness_task *t,
    struct procs_row_hint *h);
int procs_sample_source(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o, procs_task_fn *get, const void *src,
    int n);
/* One process's oom_badness() inputs and row hint from /proc (stat,
 * status, oom_score_adj, oom_score), for a task the BPF iterator did not
 * list: pid 1, which the task iterator of some kernels skips (6.18 here).
 * The global init is flagged as the kernel sees it (it scores 0), so it
 * never wins.  0, or -1 when the process cannot be read. */
int procs_read_task(struct procs *p, int pid, int page_kb,
    struct badness_task *t, struct procs_row_hint *h);
/* /proc/PID/oom_score now (proc_oom_score(): oom_badness() itself on
 * global totalpages), then the counters PID/status prints into *after
 * (procs_parse_badness: whether they moved meanwhile).  ZT_NA when
 * either cannot be read. */
int64_t procs_read_witness(struct procs *p, int pid, int page_kb,
    struct badness_task *after);
/* totalpages of a global OOM from s->meminfo (MemTotal + SwapTotal),
 * ZT_NA without MemTotal. */
int64_t procs_total_pages(const struct zt_snapshot *s);
/* fds held open on oom_score files now, and the most allowed. */
int procs_kept_fds(const struct procs *p, int *budget);

/* Rank procs[] as the kernel would: by its points for s->kernel's
 * rules (from each row's rss, swap, page tables and adj; equal points in that kernel's scan order, creation time
 * standing for it), rows without points after, by oom_score; by
 * oom_score alone (ties by pid) when the kernel's rules are unknown.
 * Fills rank, points, killable, badness, score_adj0 and
 * predicted_victim.  Pure. */
void procs_rank(struct zt_snapshot *s);
/* The badness inputs a row's own figures give (rss as one sum, VmPMD
 * and CAP_SYS_ADMIN unknown); counters BADNESS_NA when missing. */
void procs_row_task(const struct zt_proc *r, int page_kb,
    struct badness_task *t);

/*
 * Pure pieces, exposed for tests and fuzzing.
 */

/* Which /proc/PID/oom_score formula this kernel uses
 * (proc_oom_score(), fs/proc/base.c). */
enum procs_formula {
	PROCS_FORMULA_UNKNOWN,
	PROCS_FORMULA_OLD,	/* 2.6.36..5.8: badness*1000/totalpages */
	PROCS_FORMULA_NEW,	/* 5.9+ (and 5.4.y): (1000+...)*2/3 */
};
/* Decided from rows with oom_score_adj 0: the new formula never scores
 * a killable task below 666, the old one scores small tasks near 0. */
int procs_guess_formula(const struct zt_proc *rows, int n);
/* oom_score the row would have with oom_score_adj 0; ZT_NA if unknown. */
int64_t procs_score_adj0(const struct zt_proc *p, int64_t totalpages,
    int page_kb, int formula);
/* killable, badness_pages, badness_share and score_adj0 of one row. */
void procs_derive_row(struct zt_proc *p, int64_t totalpages, int page_kb,
    int formula);

#endif
