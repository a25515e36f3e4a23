/*
 * tasks_rec.h: the fixed binary record tasks.bpf.c writes per process
 * and bpf_tasks.c decodes.  Shared by the BPF program (vmlinux.h types)
 * and user space (<linux/types.h>); little-endian as the host, one
 * record after another on the iterator's fd, no framing but the size.
 */
#ifndef ZT_TASKS_REC_H
#define ZT_TASKS_REC_H

#define ZT_REC_VERSION	1

/* flags: what makes the kernel skip a task (oom_badness(), mm/oom_kill.c) */
#define ZT_TF_KTHREAD	0x0001	/* PF_KTHREAD */
#define ZT_TF_INIT	0x0002	/* is_global_init: tgid 1 */
#define ZT_TF_NO_MM	0x0004	/* no thread of it has an mm */
#define ZT_TF_OOM_SKIP	0x0008	/* MMF_OOM_SKIP: already reaped */
#define ZT_TF_VFORK	0x0010	/* in_vfork(): shares its parent's mm */
#define ZT_TF_ORIGIN	0x0020	/* signal->oom_flag_origin: chosen first */
#define ZT_TF_VICTIM	0x0040	/* signal->oom_mm: an OOM victim now */
#define ZT_TF_PERCPU	0x0080	/* 6.2+ per-CPU rss counters, summed */
#define ZT_TF_NO_PGTBL	0x0100	/* no mm->pgtables_bytes in this kernel */
#define ZT_TF_NO_MEMCG	0x0200	/* no memory controller */
#define ZT_TF_THREAD_MM	0x0400	/* the leader has no mm: read a thread's */
#define ZT_TF_APPROX	0x0800	/* per-CPU deltas left out: offsets unknown */

/* mm rss counter indexes (include/linux/mm_types_task.h, 4.5+) */
#define ZT_MM_FILEPAGES	0
#define ZT_MM_ANONPAGES	1
#define ZT_MM_SWAPENTS	2
#define ZT_MM_SHMEMPAGES 3
#define ZT_MM_NCOUNTERS	4

struct zt_task_rec {
	__u16 size;		/* sizeof (struct zt_task_rec) */
	__u16 flags;		/* ZT_TF_* */
	__s16 oom_score_adj;	/* signal->oom_score_adj */
	__u16 state;		/* (__state | exit_state) & 0xffff */
	__s32 tgid;		/* global tgid */
	__s32 pid;		/* the task whose mm was read */
	__u32 uid, euid;	/* real_cred, global ids */
	__s64 rss[ZT_MM_NCOUNTERS];	/* pages; per-CPU deltas summed */
	__s64 rss_fast[ZT_MM_NCOUNTERS]; /* the counters without the
					   per-CPU deltas (get_mm_counter) */
	__s64 pgtables_bytes;	/* mm->pgtables_bytes */
	__u64 start_boottime;	/* ns, the clock of /proc/PID/stat */
	__u64 memcg_id;		/* kernfs id of the memory css's cgroup */
	char comm[16];
};

#endif
