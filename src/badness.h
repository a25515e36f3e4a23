/*
 * badness.h: the kernel's OOM arithmetic, pure (mm/oom_kill.c).
 *
 * One struct badness_task per process holds the inputs of oom_badness()
 * (mm/oom_kill.c); whoever can read them fills it: the procfs path from
 * PID/status and PID/oom_score_adj (procs.c), the BPF task iterator from
 * task_struct and mm_struct (bpf_tasks.c).  This module turns those into
 * the kernel's points for a scope's totalpages and orders a scope's tasks
 * as select_bad_process() would, ties included.  It reads no file.
 *
 * Contract for fillers of struct badness_task:
 *  - Counters are in pages (rss_*, swapents) and bytes (pgtables_bytes),
 *    exactly the mm's MM_ANONPAGES, MM_FILEPAGES, MM_SHMEMPAGES,
 *    MM_SWAPENTS and mm_pgtables_bytes().  Before 4.15 the kernel counted
 *    page tables as nr_ptes (+ nr_pmds on 4.4-4.14) pages: give their sum
 *    times the page size (procfs: (VmPTE + VmPMD) kB * 1024).  A counter
 *    nobody could read is BADNESS_NA; a task with BADNESS_NA in any of the
 *    five cannot be scored (badness_points returns BADNESS_UNKNOWN).
 *  - counts says how the counters were read.  On 6.2+ the mm counters are
 *    per-CPU.  Mainline's oom_badness() reads their full sum since "use
 *    get_mm_rss_sum for the OOM killer" (backported to stable trees);
 *    earlier 6.2+ kernels read only the central value
 *    (percpu_counter_read_positive), and the version alone does not tell
 *    which.  /proc/PID/status prints the full sum on kernels with "mm: fix
 *    the inaccurate memory statistics issue for users" (6.16, also
 *    backported); the BPF iterator sums the per-CPU parts itself.  Both
 *    paths rank by the sum (BADNESS_COUNTS_SUM), which may differ from a
 *    central-value kernel's reading by up to badness_count_margin()
 *    pages; BADNESS_COUNTS_KERNEL: the central value itself (the BPF
 *    path, once /proc/PID/oom_score showed the kernel reads it:
 *    procs_bpf.h).  Only the sum of the counters enters the points;
 *    this module reads counts nowhere (the caller knows the margin).
 *  - flags: BADNESS_F_* bits that are true; known: the bits whose value
 *    the filler could see (procfs cannot see MMF_OOM_SKIP, in_vfork,
 *    oom-victim or oom-origin; their bits are then absent from known and
 *    taken as false).
 *  - start_time orders tasks by creation, the order of the kernel's task
 *    list (for_each_process), where scan_seq is 0.  Its unit is the
 *    filler's (ns from BPF, clock ticks from procfs): compare only tasks
 *    filled by the same path.  scan_seq, when nonzero, is the task's
 *    position in the kernel's own list (a task iterator walks it in that
 *    order) and wins over start_time.
 *  - memcg_seq is the position of the task's memory cgroup in a
 *    pre-order walk of the hierarchy (children in creation order), from
 *    1; 0 unknown.  A memcg OOM scans cgroup by cgroup in that order
 *    (mem_cgroup_scan_tasks), so it orders ties inside a memcg scope.
 *  - memcg_id names the memory cgroup (BPF: its cgroup id, the cgroup
 *    directory's inode number; procfs: the same inode number when known),
 *    0 unknown.
 */
#ifndef ZT_BADNESS_H
#define ZT_BADNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BADNESS_NA	  INT64_MIN	/* a counter nobody could read */
#define BADNESS_INELIGIBLE INT64_MIN	/* points of a task never chosen */
#define BADNESS_UNKNOWN	  (INT64_MIN + 1)	/* points that cannot be known */

/* Task flags (struct badness_task.flags / .known). */
enum {
	BADNESS_F_KTHREAD   = 1u << 0,	/* PF_KTHREAD */
	BADNESS_F_INIT	    = 1u << 1,	/* is_global_init */
	BADNESS_F_NO_MM	    = 1u << 2,	/* find_lock_task_mm() finds no mm */
	BADNESS_F_OOM_SKIP  = 1u << 3,	/* MMF_OOM_SKIP: already reaped */
	BADNESS_F_VFORK	    = 1u << 4,	/* in_vfork() */
	BADNESS_F_CAP_ADMIN = 1u << 5,	/* CAP_SYS_ADMIN: 3% bonus <= 4.16 */
	BADNESS_F_VICTIM    = 1u << 6,	/* tsk_is_oom_victim: scan aborts
					   (procfs: SIGKILL pending) */
	BADNESS_F_ORIGIN    = 1u << 7,	/* oom_task_origin: chosen first */
	BADNESS_F_DYING_LEADER = 1u << 8, /* the leader exited, its threads
					   run on (find_lock_task_mm() finds a
					   thread's mm): scanned last in its
					   memcg (see badness_order) */
};

enum badness_counts {
	BADNESS_COUNTS_SUM,		/* per-CPU parts summed (procfs 6.16+) */
	BADNESS_COUNTS_KERNEL,		/* as oom_badness() reads them */
};

struct badness_task {
	int32_t tgid;
	uint32_t flags;			/* BADNESS_F_* that hold */
	uint32_t known;			/* BADNESS_F_* the filler could see */
	int32_t oom_score_adj;		/* -1000..1000 */
	uint64_t start_time;		/* creation order (see above) */
	uint64_t scan_seq;		/* task-list position, 0 unknown */
	int64_t uid;			/* effective uid, BADNESS_NA unknown */
	int64_t rss_anon, rss_file, rss_shmem;	/* pages */
	int64_t swapents;		/* pages */
	int64_t pgtables_bytes;		/* bytes (see above) */
	uint64_t memcg_id;		/* 0 unknown */
	uint32_t memcg_seq;		/* pre-order position, 0 unknown */
	uint8_t counts;			/* enum badness_counts */
};

/* The rule set of a kernel version (mm/oom_kill.c at each release). */
enum badness_rules {
	BADNESS_RULES_UNKNOWN,
	BADNESS_RULES_2_6_36,	/* 2.6.36-3.7: scaled to 0..1000 inside,
				   root -30, + adj, clamped 1..1000 */
	BADNESS_RULES_3_8,	/* 3.8-4.16: pages + adj*(totalpages/1000),
				   root -3%, at least 1 */
	BADNESS_RULES_4_17,	/* 4.17-5.8: no root bonus, at least 1 */
	BADNESS_RULES_5_9,	/* 5.9+ (and 5.4.y): may go negative */
};

struct badness_kernel {
	int major, minor;		/* 0.0 unknown */
	int rules;			/* enum badness_rules */
	bool last_wins;			/* 5.2+: equal points, last scanned */
	bool dying_last;		/* 5.3+: a memcg scan walks dying
					   leaders after the rest */
	bool percpu_counts;		/* 6.2+: per-CPU mm counters */
};

/* From a release string ("6.18.44-foo"); unknown strings give
 * BADNESS_RULES_UNKNOWN.  new_formula: /proc/PID/oom_score shows the
 * 5.9 formula (666 baseline), which stable trees backported (5.4.y):
 * then the 5.9 rules apply whatever the version says. */
void badness_kernel_init(struct badness_kernel *k, const char *release,
    bool new_formula);

/* Is the task never chosen (unkillable, -1000, reaped, no mm)? */
bool badness_ineligible(const struct badness_task *t);

/* oom_badness() of t for totalpages (pages) and page_size (bytes):
 * BADNESS_INELIGIBLE, BADNESS_UNKNOWN, or the points. */
int64_t badness_points(const struct badness_kernel *k,
    const struct badness_task *t, int64_t totalpages, int64_t page_size);

/* The points shown in /proc/PID/oom_score for those points (global
 * totalpages): 0..1000, or 0..2000 on 5.9+. */
int64_t badness_oom_score(const struct badness_kernel *k, int64_t points,
    int64_t totalpages);

/* Pages by which summed counters (BADNESS_COUNTS_SUM) may differ from
 * the kernel's own reading on this kernel with ncpus CPUs: 0 before 6.2;
 * then each of the four counters may hold up to batch-1 pages per CPU
 * (batch = max(32, 2*ncpus), lib/percpu_counter.c). */
int64_t badness_count_margin(const struct badness_kernel *k, int ncpus);

/*
 * Order a scope's tasks as select_bad_process() picks: an
 * oom_task_origin() task (BADNESS_F_ORIGIN) first, then highest points; equal points in the order the kernel would keep them (5.2+:
 * the later scanned first; before: the earlier).  memcg: the scope is a
 * memory cgroup (scan by memcg_seq, then creation; on 5.3+ a process
 * whose leader exited, BADNESS_F_DYING_LEADER, after the others of its
 * memcg: mem_cgroup_scan_tasks() walks a css_set's tasks, then its
 * dying_tasks, where cgroup_exit() put that leader).  Fills points[i]
 * for tasks[i] and order[0..n) with indices into tasks, best first,
 * ineligible and unknown tasks last.  Returns the number of tasks that
 * can be chosen (points known and eligible).
 */
int badness_rank(const struct badness_kernel *k,
    const struct badness_task *tasks, int n, int64_t totalpages,
    int64_t page_size, bool memcg, int64_t *points, int *order);

/* The same with points[] already known (BADNESS_INELIGIBLE and
 * BADNESS_UNKNOWN allowed): fills order only. */
void badness_order(const struct badness_kernel *k,
    const struct badness_task *tasks, int n, const int64_t *points,
    bool memcg, int *order);
/* The best top of n tasks (at tasks + i * stride, i < n; points[i]
 * their points) in badness_order()'s order: order[0..top) ranked, then
 * the others in no particular order (order[top..n)).  O(n log top)
 * comparisons, for a scope of which only the first few matter.
 * Returns top (at most n). */
int badness_top(const struct badness_kernel *k, const void *tasks,
    size_t stride, int n, const int64_t *points, bool memcg, int top,
    int *order);

/* The tasks a ranking reads: task i at base + map[i] * stride (map NULL:
 * i * stride), so that the tasks of a scope, kept in a bigger record
 * (procs.c's ptask), are ranked where they lie instead of copied.  The
 * _set functions are the three above on such a set; points[], order[]
 * and input order (ties) are by position i, as there. */
struct badness_set {
	const void *base;
	size_t stride;
	const int *map;
};
int badness_rank_set(const struct badness_kernel *k,
    const struct badness_set *s, int n, int64_t totalpages,
    int64_t page_size, bool memcg, int64_t *points, int *order);
void badness_order_set(const struct badness_kernel *k,
    const struct badness_set *s, int n, const int64_t *points, bool memcg,
    int *order);
int badness_top_set(const struct badness_kernel *k,
    const struct badness_set *s, int n, const int64_t *points, bool memcg,
    int top, int *order);

/* Does a scan in this scope compare a before b (scan order)? */
bool badness_scanned_before(const struct badness_task *a,
    const struct badness_task *b, bool memcg);

/*
 * totalpages of a scope, in pages (page_kb KiB each); BADNESS_NA when an
 * input is missing.
 */
/* A global OOM: totalram_pages + total_swap_pages (MemTotal + SwapTotal). */
int64_t badness_total_global(int64_t mem_total_kb, int64_t swap_total_kb,
    int page_kb);
/* A memcg OOM: mem_cgroup_get_max(): the memory limit, plus, when the
 * memcg's swappiness is not 0, min(swap allowance, total swap).  The
 * allowance is v2 memory.swap.max, v1 memsw.limit - limit (INT64_MAX:
 * unlimited); absent (v1 without swap accounting) means unlimited.  A
 * limit of 0 gives 1, as the kernel does. */
int64_t badness_total_memcg(int64_t limit_kb, int64_t swap_allow_kb,
    int64_t swap_total_kb, int64_t swappiness, int page_kb);
/* A cpuset or mempolicy constraint: total swap plus the present pages of
 * the allowed nodes (constrained_alloc). */
int64_t badness_total_nodes(const int64_t *present_pages, int nnodes,
    int64_t swap_total_kb, int page_kb);

#endif
