/*
 * bpf_tasks.h: every process's exact OOM-killer inputs in one read, from
 * the BPF task iterator src/bpf/tasks.bpf.c.  bpf_tasks.c is the one
 * file that loads BPF.  Loading is tried once, on the live system, when
 * zonetop is privileged (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN);
 * whatever refuses it (no privilege, no kernel BTF, a kernel before
 * 5.10, the verifier, a build without BPF) leaves a one-line reason and
 * the caller reads /proc instead.  Never fatal.  The load is made in a
 * short-lived child process (a fork, nothing executed) that hands back
 * the iterator's link: libbpf's BTF parsing never weighs on the
 * monitor's own memory.
 *
 * A record per thread-group leader (kernel threads left out), in pid
 * order: counters in pages, exactly what oom_badness() adds up
 * (mm/oom_kill.c).  The decoder is pure and fuzzed.
 */
#ifndef ZT_BPF_TASKS_H
#define ZT_BPF_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Why a task is not a candidate, or is special (tasks_rec.h ZT_TF_*). */
enum bt_flag {
	BT_KTHREAD = 0x0001,	/* PF_KTHREAD */
	BT_INIT = 0x0002,	/* the global init (tgid 1) */
	BT_NO_MM = 0x0004,	/* no thread has an mm (a zombie) */
	BT_OOM_SKIP = 0x0008,	/* MMF_OOM_SKIP: reaped already */
	BT_VFORK = 0x0010,	/* in_vfork() */
	BT_ORIGIN = 0x0020,	/* oom_task_origin(): chosen first */
	BT_VICTIM = 0x0040,	/* an OOM victim not yet gone */
	BT_PERCPU = 0x0080,	/* counters summed over CPUs (6.2+) */
	BT_NO_PGTBL = 0x0100,	/* no pgtables_bytes in this kernel */
	BT_NO_MEMCG = 0x0200,	/* no memory controller */
	BT_THREAD_MM = 0x0400,	/* leader without mm: a thread's was read */
	BT_APPROX = 0x0800,	/* per-CPU deltas left out (offsets unknown) */
};

/* One process as oom_badness() sees it.  The fields are named as
 * badness.h's struct badness_task names them, so that the conversion
 * (procs_bpf_to_badness()) is a copy; ordered without padding, for the
 * read holds one per process (144 bytes). */
struct bt_task {
	int tgid;
	int oom_score_adj;
	unsigned flags;		/* enum bt_flag */
	uint32_t uid, euid;	/* real and effective, global ids */
	char comm[16];		/* raw bytes */
	char state;		/* 'R', 'S', 'D', ... */
	uint64_t start_time;	/* clock ticks after boot (/proc/PID/stat 22) */
	uint64_t start_ns;	/* the same in ns: creation order */
	int64_t rss_anon, rss_file, rss_shmem, swapents;	/* pages */
	int64_t pgtables_bytes;	/* ZT_NA with BT_NO_PGTBL */
	uint64_t memcg_id;	/* the memory cgroup's id (its directory's
				   inode number), 0 unknown */
	int64_t rss_fast;	/* anon+file+shmem without the per-CPU
				   deltas (percpu_counter_read), pages */
	/* each counter without the per-CPU deltas, as get_mm_counter()
	 * reads it before "use get_mm_rss_sum for the OOM killer"
	 * (percpu_counter_read_positive), pages: equal to the sums where
	 * the counters are not per-CPU */
	int64_t fast_anon, fast_file, fast_shmem, fast_swap;
};

struct bpf_tasks;

/* Load the iterator.  NULL with why set when it cannot be used; refuse
 * forces that ("--no-bpf").  The environment variable ZT_BPF_TEST=
 * "verifier" loads a program the verifier rejects, "caps" acts as if
 * unprivileged: the tests' way to reach the fallbacks. */
struct bpf_tasks *bpf_tasks_open(bool refuse, char *why, size_t whylen);
/* The same without waiting for the loader: what refuses at once gives
 * NULL with why; the verifier's answer comes with the first read (a
 * refused load: that read fails with the reason).  ZT_BPF_INPROCESS
 * set: no child, the load is made here (and waited for). */
struct bpf_tasks *bpf_tasks_start(bool refuse, char *why, size_t whylen);
void bpf_tasks_close(struct bpf_tasks *bt);
/* Every process now into *tasks (owned by bt, valid until the next
 * call).  0, or -1 with why. */
int bpf_tasks_read(struct bpf_tasks *bt, const struct bt_task **tasks,
    int *n, char *why, size_t whylen);
/* "" when this build has the BPF path, else why not. */
const char *bpf_tasks_build_why(void);
/* The end of --help: which path processes are read by here now, and
 * why (it tries the load, as the monitor would). */
void bpf_tasks_help(FILE *fp);

/*
 * Pure pieces, exposed for tests and fuzzing.
 */

/* Records in buf[0..len) into out[0..max): returns how many, or -1 (why
 * set) on a record of the wrong size or version.  A partial record at
 * the end is an error.  ticks_hz: USER_HZ of /proc/PID/stat. */
int bpf_tasks_decode(const void *buf, size_t len, long ticks_hz,
    struct bt_task *out, int max, char *why, size_t whylen);
/* The /proc/PID/stat letter for (__state | exit_state). */
char bpf_tasks_state(unsigned raw);
/* From the kernel's raw BTF (/sys/kernel/btf/vmlinux): 0 when the mm's
 * rss counters are atomic (struct mm_rss_stat exists), 1 when per-CPU
 * with *delta = this_cpu_off's offset less runqueues' in .data..percpu,
 * -1 (why set) when not BTF or per-CPU without the two variables. */
int bpf_tasks_btf_facts(const void *buf, size_t len, int64_t *delta,
    char *why, size_t whylen);
/* Fold records whose leader had no mm into the leader's (sorted by
 * tgid as the iterator gives them); returns the new count. */
int bpf_tasks_merge_threads(struct bt_task *t, int n);

#endif
