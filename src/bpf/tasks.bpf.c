/*
 * tasks.bpf.c: a task iterator (iter/task) that writes one fixed record
 * (tasks_rec.h) per process with the exact inputs of the kernel's
 * oom_badness(): oom_score_adj, the mm's rss counters, swap entries,
 * page-table bytes, and the flags that make a task ineligible.  Read by
 * bpf_tasks.c from the iterator's fd, one read loop per refresh.
 *
 * CO-RE: one object for every kernel with BTF from 5.8 (iter/task).  Layouts that changed are read through local
 * "flavour" types (name___suffix), chosen at load time by libbpf:
 *  - rss counters: atomic_long_t mm->rss_stat.count[] before 6.2,
 *    struct percpu_counter mm->rss_stat[] since; the exact value then
 *    is percpu_counter_sum(): the count plus every CPU's delta.
 *  - task->state became task->__state in 5.14.
 *  - mm->flags became mm_flags_t (a bitmap) in 6.18.
 * Fields are read directly (BTF pointer walks, no helper call), the
 * cold cache lines' loads grouped so that their misses overlap (see
 * zt_tasks); the per-CPU deltas, whose addresses are computed, go
 * through bpf_probe_read_kernel, or, in the -DZT_CAST object, through a
 * pointer made by bpf_rdonly_cast() (plain fault-safe loads).
 *
 * Built twice: with -DZT_CAST the task is first made an untrusted
 * pointer by bpf_rdonly_cast() (a kfunc of 6.2+), which spares the
 * verifier of 6.4+ its look-up of a "safe" type by name over the whole
 * kernel BTF for every pointer read through a trusted one (13 of the
 * load's 14 ms here); the loader tries that object first where the
 * kernel has per-CPU counters (6.2+), the plain one otherwise and
 * when it fails.
 */
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

#include "tasks_rec.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

#ifdef ZT_CAST
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
#endif

#define ZT_MAX_CPUS	1024
#define ZT_PF_KTHREAD	0x00200000	/* include/linux/sched.h */
#define ZT_MMF_OOM_SKIP	21		/* mm_types.h (sched/coredump.h) */

/* set by the loader before load; constants to the verifier */
const volatile __u32 zt_ncpus = 1;	/* possible CPUs */
const volatile bool zt_kthreads = false;	/* write kernel threads too */
const volatile bool zt_break = false;	/* tests: a program the verifier refuses */

/* set by the loader after load, from the kernel BTF: x86,
 * this_cpu_off - runqueues in the per-CPU section; 0 unknown */
__s64 zt_tco_delta;

/* each CPU's per-CPU offset (__per_cpu_offset[], not reachable: no
 * kallsyms entry without CONFIG_KALLSYMS_ALL), found once */
__u64 zt_pcpu_off[ZT_MAX_CPUS];
__u32 zt_pcpu_ready;		/* 1 found, 2 cannot */

/* before 6.2 */
struct mm_rss_stat___old {
	atomic_long_t count[ZT_MM_NCOUNTERS];
} __attribute__((preserve_access_index));
struct mm_struct___old {
	struct mm_rss_stat___old rss_stat;
	unsigned long flags;
} __attribute__((preserve_access_index));

/* 6.2+ */
struct percpu_counter___zt {
	s64 count;
	s32 *counters;
} __attribute__((preserve_access_index));
struct mm_struct___new {
	struct percpu_counter___zt rss_stat[ZT_MM_NCOUNTERS];
} __attribute__((preserve_access_index));

/* 6.18+: mm_flags_t */
struct mm_flags___zt {
	unsigned long __mm_flags[1];
} __attribute__((preserve_access_index));
struct mm_struct___bitmap {
	struct mm_flags___zt flags;
} __attribute__((preserve_access_index));

struct task_struct___new {
	unsigned int __state;
} __attribute__((preserve_access_index));
struct task_struct___old {
	long state;
} __attribute__((preserve_access_index));

/*
 * __per_cpu_offset[cpu] on x86: each CPU's copy of the per-CPU variable
 * this_cpu_off holds it.  That copy lies zt_tco_delta bytes from the
 * CPU's struct rq (both static per-CPU variables), and the root task
 * group's cfs_rq[cpu]->rq is that rq.  Checked: the offsets must differ
 * as the rqs do.
 */
static __always_inline void
fill_pcpu_offsets(struct task_struct *t)
{
	struct task_group *tg;
	__u32 n = zt_ncpus;
	__u64 rq0 = 0;

	if (zt_tco_delta == 0)
		return;		/* not yet set: ZT_TF_APPROX, the reader refuses */
	zt_pcpu_ready = 2;
	/* without CONFIG_FAIR_GROUP_SCHED there is no such path */
	if (!bpf_core_field_exists(t->sched_task_group) ||
	    !bpf_core_field_exists(tg->cfs_rq) ||
	    !bpf_core_field_exists(((struct cfs_rq *)0)->rq))
		return;
	tg = t->sched_task_group;
	if (tg == NULL)
		return;
	for (int i = 0; i < 64 && tg->parent != NULL; i++)
		tg = tg->parent;
	if (tg->parent != NULL)
		return;
	for (__u32 cpu = 0; cpu < ZT_MAX_CPUS && cpu < n; cpu++) {
		struct cfs_rq *cfs = NULL;
		__u64 rq = 0, off = 0;

		bpf_probe_read_kernel(&cfs, sizeof cfs, &tg->cfs_rq[cpu]);
		if (cfs == NULL)
			return;
		bpf_probe_read_kernel(&rq, sizeof rq, &cfs->rq);
		if (rq == 0)
			return;
		bpf_probe_read_kernel(&off, sizeof off,
		    (const void *)(rq + zt_tco_delta));
		if (cpu == 0)
			rq0 = rq;
		else if (off - zt_pcpu_off[0] != rq - rq0)
			return;
		zt_pcpu_off[cpu & (ZT_MAX_CPUS - 1)] = off;
	}
	zt_pcpu_ready = 1;
}

/* One per-CPU s32 (or four adjacent ones) at base on every CPU. */
static __always_inline void
sum_pcpu(__u64 base, bool grouped, s64 *out, int idx)
{
	__u32 n = zt_ncpus;

	for (__u32 cpu = 0; cpu < ZT_MAX_CPUS && cpu < n; cpu++) {
		__u64 off = zt_pcpu_off[cpu & (ZT_MAX_CPUS - 1)];
		if (grouped) {
#ifdef ZT_CAST
			/* the four s32 as the two 64-bit words of a struct
			 * timespec64: plain fault-safe loads through an
			 * untrusted pointer, not a helper call per CPU */
			const struct timespec64 *w = bpf_rdonly_cast(
			    (const void *)(base + off),
			    bpf_core_type_id_kernel(struct timespec64));
			__u64 lo = (__u64)w->tv_sec, hi = (__u64)w->tv_nsec;
			out[0] += (s32)lo;
			out[1] += (s32)(lo >> 32);
			out[2] += (s32)hi;
			out[3] += (s32)(hi >> 32);
#else
			s32 v[ZT_MM_NCOUNTERS] = {};
			bpf_probe_read_kernel(v, sizeof v, (const void *)(base + off));
			out[0] += v[0];
			out[1] += v[1];
			out[2] += v[2];
			out[3] += v[3];
#endif
		} else {
			s32 v = 0;
			bpf_probe_read_kernel(&v, sizeof v, (const void *)(base + off));
			out[idx & 3] += v;
		}
	}
}

/* 6.2+: the counts alone, what percpu_counter_read() gives (rss_fast,
 * and rss until sum_rss adds the per-CPU deltas), and where those
 * deltas are (c[], 0 none) */
static __always_inline void
read_rss_percpu(struct mm_struct *mm, struct zt_task_rec *r, __u64 *c)
{
	struct mm_struct___new *m = (void *)mm;

	r->rss_fast[0] = m->rss_stat[0].count;
	r->rss_fast[1] = m->rss_stat[1].count;
	r->rss_fast[2] = m->rss_stat[2].count;
	r->rss_fast[3] = m->rss_stat[3].count;
	r->rss[0] = r->rss_fast[0];
	r->rss[1] = r->rss_fast[1];
	r->rss[2] = r->rss_fast[2];
	r->rss[3] = r->rss_fast[3];
	if (!bpf_core_field_exists(m->rss_stat[0].counters)) {
		r->flags |= ZT_TF_PERCPU;	/* !CONFIG_SMP: the count is all */
		return;
	}
	c[0] = (__u64)m->rss_stat[0].counters;
	c[1] = (__u64)m->rss_stat[1].counters;
	c[2] = (__u64)m->rss_stat[2].counters;
	c[3] = (__u64)m->rss_stat[3].counters;
}

/* 6.2+: percpu_counter_sum() of each counter, the deltas at c[] */
static __always_inline void
sum_rss(struct task_struct *t, const __u64 *c, struct zt_task_rec *r)
{
	if (c[0] == 0)
		return;
	if (zt_pcpu_ready == 0)
		fill_pcpu_offsets(t);
	if (zt_pcpu_ready != 1) {
		r->flags |= ZT_TF_APPROX;	/* the deltas are not summed */
		return;
	}
	/* 6.6+ allocates the four counters together: one read per CPU */
	r->flags |= ZT_TF_PERCPU;
	if (c[1] == c[0] + 4 && c[2] == c[0] + 8 && c[3] == c[0] + 12) {
		sum_pcpu(c[0], true, r->rss, 0);
		return;
	}
	sum_pcpu(c[0], false, r->rss, 0);
	sum_pcpu(c[1], false, r->rss, 1);
	sum_pcpu(c[2], false, r->rss, 2);
	sum_pcpu(c[3], false, r->rss, 3);
}

/* The mm's figures but the per-CPU deltas (sum_rss, after): plain
 * loads of three of its cache lines, one after the other. */
static __always_inline void
read_mm(struct task_struct *t, struct mm_struct *mm, struct zt_task_rec *r,
    __u64 *c)
{
	unsigned long fl;

	if (bpf_core_field_exists(mm->pgtables_bytes))
		r->pgtables_bytes = mm->pgtables_bytes.counter;
	else
		r->flags |= ZT_TF_NO_PGTBL;
	if (bpf_core_field_exists(((struct mm_struct___old *)mm)->flags))
		fl = ((struct mm_struct___old *)mm)->flags;
	else
		fl = ((struct mm_struct___bitmap *)mm)->flags.__mm_flags[0];
	if (fl & (1UL << ZT_MMF_OOM_SKIP))
		r->flags |= ZT_TF_OOM_SKIP;
	if (bpf_core_type_exists(struct mm_rss_stat___old)) {
		struct mm_struct___old *m = (void *)mm;
		r->rss[0] = r->rss_fast[0] = m->rss_stat.count[0].counter;
		r->rss[1] = r->rss_fast[1] = m->rss_stat.count[1].counter;
		r->rss[2] = r->rss_fast[2] = m->rss_stat.count[2].counter;
		r->rss[3] = r->rss_fast[3] = m->rss_stat.count[3].counter;
	} else {
		read_rss_percpu(mm, r, c);
	}
	/* in_vfork(): a vfork child still sharing its parent's mm */
	if (t->vfork_done != NULL && t->real_parent != NULL &&
	    t->real_parent->mm == mm)
		r->flags |= ZT_TF_VFORK;
}

static __always_inline __u16
task_state(struct task_struct *t)
{
	unsigned long st;

	if (bpf_core_field_exists(((struct task_struct___new *)t)->__state))
		st = ((struct task_struct___new *)t)->__state;
	else
		st = (unsigned long)((struct task_struct___old *)t)->state;
	return (__u16)((st | (unsigned long)t->exit_state) & 0xffff);
}

static __always_inline __u64
memcg_id(struct task_struct *t, __u16 *flags)
{
	struct cgroup_subsys_state *css;
	struct css_set *cs;

	if (!bpf_core_enum_value_exists(enum cgroup_subsys_id, memory_cgrp_id)) {
		*flags |= ZT_TF_NO_MEMCG;
		return 0;
	}
	cs = t->cgroups;
	if (cs == NULL)
		return 0;
	css = cs->subsys[bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id)];
	if (css == NULL || css->cgroup == NULL || css->cgroup->kn == NULL)
		return 0;
	return css->cgroup->kn->id;
}

SEC("iter/task")
int
zt_tasks(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *t = ctx->task, *leader, *src;
	struct mm_struct *mm;
	struct signal_struct *sig;
	const struct cred *cred;
	__u64 pcpu[ZT_MM_NCOUNTERS] = {};	/* the per-CPU deltas, 0 none */
	struct zt_task_rec r = {};

	if (t == NULL)
		return 0;
#ifdef ZT_CAST
	/* an untrusted alias: the verifier then looks up no "safe" type
	 * by name for each pointer read through it (a walk over the whole
	 * kernel BTF each, btf_nested_type_is_trusted, 6.4+); every read
	 * is a fault-safe load either way */
	t = bpf_rdonly_cast(t, bpf_core_type_id_kernel(struct task_struct));
#endif
	if (zt_break) {
		/* deliberately invalid: a NULL dereference the verifier refuses */
		volatile __u64 *bad = (volatile __u64 *)(__u64)zt_ncpus;
		return (int)*bad;
	}
	leader = t->group_leader;
	if (t->flags & ZT_PF_KTHREAD) {
		if (!zt_kthreads || t != leader)
			return 0;
		r.flags |= ZT_TF_KTHREAD;
	}
	src = t;
	if (t != leader) {
		/* threads only stand in for a leader without an mm, as
		 * find_lock_task_mm() does */
		if (leader == NULL || leader->mm != NULL || t->mm == NULL)
			return 0;
		r.flags |= ZT_TF_THREAD_MM;
	}
	r.size = sizeof r;
	r.tgid = t->tgid;
	r.pid = src->pid;
	if (r.tgid == 1)
		r.flags |= ZT_TF_INIT;
	/*
	 * The task's cache lines, and those of what it points to, are
	 * cold (idle processes): a miss each, most of the program's time.
	 * The pointers are loaded together, then what they point to, with
	 * no helper call in between (the per-CPU deltas last): the misses
	 * overlap rather than follow one another.
	 */
	if (leader == NULL)
		leader = t;
	sig = t->signal;
	cred = t->real_cred;
	mm = t->mm;
	r.start_boottime = leader->start_boottime;
	r.memcg_id = memcg_id(t, &r.flags);
	if (sig != NULL) {
		r.oom_score_adj = sig->oom_score_adj;
		if (sig->oom_flag_origin)
			r.flags |= ZT_TF_ORIGIN;
		if (sig->oom_mm != NULL)
			r.flags |= ZT_TF_VICTIM;
	}
	if (cred != NULL) {
		r.uid = cred->uid.val;
		r.euid = cred->euid.val;
	}
	if (mm == NULL)
		r.flags |= ZT_TF_NO_MM;
	else
		read_mm(t, mm, &r, pcpu);
	r.state = task_state(leader);
	/* comm: 16 bytes at an 8-aligned offset, two loads rather than a
	 * helper call */
	const __u64 *comm = (const __u64 *)(const void *)leader->comm;
	__u64 comm0 = comm[0], comm1 = comm[1];
	__builtin_memcpy(r.comm, &comm0, sizeof comm0);
	__builtin_memcpy(r.comm + 8, &comm1, sizeof comm1);
	if (mm != NULL)
		sum_rss(t, pcpu, &r);
	bpf_seq_write(seq, &r, sizeof r);
	return 0;
}
