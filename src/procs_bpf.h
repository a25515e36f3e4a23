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
/* procs_bpf_sample's ranking of one read, tasks[0..n), by p: the
 * counters verdict names (the central values for PROCS_COUNTS_CENTRAL,
 * else the sums), pid 1 read from /proc when the iterator left it out;
 * sets s->procs_source, s->points_counts and, a verdict seen,
 * points_margin 0.  -1 with why when the ranking failed. */
int procs_bpf_rank(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o, const struct bt_task *tasks, int n,
    int verdict, char *why, size_t whylen);

/*
 * Pure pieces, exposed for tests and fuzzing.
 */

/* badness.c's input from a BPF task: the counters summed over CPUs
 * (BADNESS_COUNTS_SUM), the flags the iterator sees (all of them), the
 * creation time in ns, the memory cgroup's id.  A copy, field by field. */
void procs_bpf_to_badness(const struct bt_task *t, struct badness_task *b);
/* The same with each counter's central value instead of its sum
 * (fast_*: what get_mm_counter() reads on a 6.2+ kernel without "use
 * get_mm_rss_sum for the OOM killer"), BADNESS_COUNTS_KERNEL. */
void procs_bpf_to_badness_central(const struct bt_task *t,
    struct badness_task *b);

/*
 * Which reading of the per-CPU counters this kernel's oom_badness()
 * makes, told by /proc/PID/oom_score (proc_oom_score() calls
 * oom_badness() itself): a witness is a task whose two readings give
 * different oom_score values; what the kernel printed names the
 * reading, or neither when the counters moved between the iterator's
 * read and the file's (PID/status, read after oom_score, must show the
 * iterator's counters still).  One sighting never decides: a verdict
 * takes two distinct tasks agreeing in a row (in one sample or across
 * samples) with no vote against between, or one task agreeing twice in
 * a row with the same counters; then it holds, and only such evidence
 * against it in two samples in a row turns it.
 */
enum procs_counts_verdict {
	PROCS_COUNTS_UNSEEN,		/* no verdict: the sums are used */
	PROCS_COUNTS_SUM,		/* the kernel reads the sums */
	PROCS_COUNTS_CENTRAL,		/* it reads the central values */
};
struct procs_witness {
	int tgid;
	int64_t points_sum, points_central;	/* badness_points() */
	int64_t score_sum, score_central;	/* the oom_score of each */
	int64_t score;			/* the kernel's, ZT_NA unread */
};
#define PROCS_WITNESSES 16		/* the most read in one sample */
struct procs_counts_judge {
	int verdict;			/* enum procs_counts_verdict */
	int against;			/* samples in a row against it */
	int run[3];			/* distinct tasks agreeing in a
					   row, by vote */
	int run_tgid[3];		/* the last of each run */
	int nprev;			/* the last sample's witnesses */
	struct procs_witness prev[PROCS_WITNESSES];
};
/* A settled verdict outlasts the run for the rest of the boot: kept as
 * this text (procfs_state_write, in /run/zonetop, or $ZT_STATE_DIR),
 * taken back only for the same boot_id and kernel release.  format:
 * into buf (len bytes); restore: the verdict the text holds for them,
 * PROCS_COUNTS_UNSEEN when none (another boot or kernel, garbage). */
void procs_counts_format(char *buf, size_t len, int verdict,
    const char *boot_id, const char *release);
int procs_counts_restore(const char *text, const char *boot_id,
    const char *release);
/* The kept verdict of this boot (not pure: the state file, read and
 * written; tested with a scratch $ZT_STATE_DIR): load reads the boot's
 * id from boot_id_path (the kernel's random/boot_id) and returns the
 * verdict kept for it and release, or PROCS_COUNTS_UNSEEN; save keeps
 * a settled verdict that differs from the one kept (one try a
 * change).  Both only where $ZT_STATE_DIR (absolute) or /run/zonetop
 * is ours (procfs_state_read). */
struct procs_counts_keep {
	int saved;			/* the verdict kept, or UNSEEN */
	char boot_id[40];		/* "" unknown: nothing kept */
};
int procs_counts_load(struct procs_counts_keep *k, const char *boot_id_path,
    const char *release);
void procs_counts_save(struct procs_counts_keep *k, const char *release,
    int verdict);
/* A sample's witnesses w[0..n) weighed by the judge (procs_counts_judge)
 * after the verdict kept for this boot and release is taken back, at
 * the first sample (procs_counts_load); a verdict settled or turned is
 * kept (procs_counts_save).  The verdict; c starts zeroed. */
struct procs_counts {
	struct procs_counts_judge judge;
	struct procs_counts_keep keep;
	bool restored;			/* the kept verdict looked for */
};
int procs_counts_sample(struct procs_counts *c, const char *boot_id_path,
    const char *release, const struct procs_witness *w, int n);
/* Did t's counters stay as the iterator read them, by PID/status read
 * after (its counters, procs_read_witness): all four equal to the sums,
 * or all four to the central values? */
bool procs_witness_still(const struct bt_task *t,
    const struct badness_task *after);
/* The witnesses of one read of the iterator, tasks[0..n), at most
 * PROCS_WITNESSES in w, how many: on a kernel that reads per-CPU
 * counters (6.2+) and a known tp (totalpages, above 0), each task whose
 * sums and central values give two oom_scores, score its kernel's as
 * read(arg, task) says (ZT_NA: unread, or its counters moved). */
typedef int64_t procs_witness_read_fn(void *arg, const struct bt_task *t);
int procs_witnesses_find(const char *kernel, int64_t tp, int page_kb,
    const struct bt_task *tasks, int n, procs_witness_read_fn *read,
    void *arg, struct procs_witness *w);
/* The vote of one witness: PROCS_COUNTS_SUM, _CENTRAL, or _UNSEEN. */
int procs_witness_vote(const struct procs_witness *w);
/* A sample's witnesses w[0..n) (n <= PROCS_WITNESSES) weighed: returns
 * the verdict after them. */
int procs_counts_judge(struct procs_counts_judge *j,
    const struct procs_witness *w, int n);

/* What the rows show of it: comm, state, start time in ticks. */
void procs_bpf_hint(const struct bt_task *t, struct procs_row_hint *h);

#endif
