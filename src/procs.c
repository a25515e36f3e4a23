/*
 * procs.c: the OOM killer's candidates, see procs.h.
 *
 * State kept between refreshes: one entry per pid listed under the proc
 * root (a dense array, indexed by an open-addressing hash of the pid),
 * holding the kept fd on PID/oom_score, the kthread flag and start time
 * read once from PID/stat, and the directory entry's inode number.  A
 * task that exits makes its kept fd answer ESRCH and its directory entry
 * vanish; a new task under a reused pid gets a new /proc inode, so a
 * changed d_ino sends the pid back through the PID/stat check.
 *
 * Kept fds are the cheapest way to re-read a score, but each pins about
 * 4.4 KiB of unreclaimable kernel memory (a seq_file page and a struct
 * file, measured as the SUnreclaim delta): their number is
 * bounded by RLIMIT_NOFILE (lifted to its hard limit at open) and by 1%
 * of MemAvailable, re-checked every refresh; beyond that, open, read,
 * close.
 */
#include "procs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "badness.h"
#include "cgroup.h"
#include "cpuset.h"
#include "detcache.h"
#include "proc_lib.h"
#include "util.h"

#define FD_HEADROOM	128	/* fds left for everything else */
#define MEM_SHARE	100	/* kept fds may pin 1/100 of MemAvailable */
#define UID_CACHE_MAX	256
#define FILTER_BATCH	64	/* rows examined at a time when filtering */
#define EXACT_EVERY	32	/* exact figures re-read at least this often
				   (refreshes) when the score stands still */
#define EXACT_HOT	8	/* the top of each scope: re-read each time */
#define DETAIL_TOP	64	/* rows read in full every refresh when
				   every row is asked for (row_src) */
#define LIST_EVERY	16	/* refreshes between listings of the proc
				   root at the least (list_needed) */

struct pent {
	int pid;
	int fd;			/* kept fd on PID/oom_score, -1 none */
	uint32_t gen;		/* refresh that last listed it */
	bool kthread;
	bool statted;		/* PID/stat tried (ent_stat): once a task */
	bool known;		/* PID/stat was readable */
	ino_t ino;		/* d_ino of the PID directory when checked */
	uint64_t start;		/* start_time, ticks after boot */
	int task;		/* index in tasks[] this refresh, -1 none */
	int32_t score;		/* oom_score this refresh, -1 unreadable */
	/* the exact figures last read (exact_read), kept for refreshes
	 * where neither its score nor its turn calls for a new read */
	bool cached;
	bool hot;		/* near the top of a scope last refresh */
	/* what that PID/status said of the row (comm, state, uid), so that
	 * rows not shown (every row recorded) need no read of their own */
	bool st_known;
	char st_state;
	/* those figures and the rest of the status: only a /proc
	 * contender's (exact_read), NULL until then, so that every other
	 * entry (all of a task source's) stays 56 bytes, not 184 */
	struct pexact *x;
};

struct pexact {
	int32_t cached_score;	/* oom_score when they were read */
	uint32_t cached_gen;
	struct badness_task bt;
	char st_comm[16];
	int64_t st_uid;
};

struct cand {
	int pid;
	int32_t score;		/* -1: unreadable (2.6.32's raw points are
				 * clamped at INT32_MAX) */
	int32_t pos;		/* place in the exact ranking, INT32_MAX none */
	int32_t group;		/* order key before pos: INT32_MAX for the
				   contenders, else the score */
	int32_t grank;		/* global rank, from 1 */
	int32_t ent;		/* index in ents[], -1 */
	int32_t task;		/* index in tasks[], -1: no exact figures */
};

/* What the exact pass read of one contender. */
struct ptask {
	struct badness_task t;
	int64_t points;		/* global scope */
	int scope;		/* tree index of its nearest limited memcg, -1 */
	int scope_rank;
	int64_t scope_points;
	int cg;			/* tree index of its own memcg, -1 */
	int cand;		/* index in cand[] (cand_relink after sorts) */
	int ent;		/* index in ents[] */
	int src;		/* index in the task source's arrays, -1 */
	int view_rank;		/* rank in the --cgroup scope, 0 n/a */
	int64_t view_points;
};

/* A memory cgroup's directory inode and its index in the tree. */
struct ino_cg {
	uint64_t ino;
	int cg;
};

struct uidname {
	int64_t uid;
	char name[32];
};

struct procs {
	struct procfs *pf;
	int dirfd;
	DIR *dir;		/* on a dup of dirfd, rewound each refresh */
	bool live;
	bool same_ns;		/* the proc root is of this process's pid
				   namespace (its loadavg speaks of it) */
	int64_t last_pid;	/* loadavg's last pid at the last listing */
	uint32_t listed_gen;	/* refresh of the last full listing, 0 none */
	long pid_pos;		/* a pid's position in the root less the
				   pid, -1 unknown (list_read) */

	struct pent *ents;
	int nents, capents;
	int32_t *slots;		/* index into ents, -1 empty */
	int bits;		/* 1 << bits slots */
	uint32_t gen;

	int nkept;
	long fd_cap;		/* RLIMIT_NOFILE less headroom */
	long budget;		/* kept fds allowed this refresh */

	struct proc_lib *lib;	/* opened at the first row it reads */
	bool lib_tried;
	bool own_details;	/* sampler_opts.own_details: lib unused */
	struct detcache *dc;	/* details kept per process (live only) */
	bool fresh;		/* rows are shown: read their status now */
	bool filtered;		/* -p, -u or --cgroup: the few rows asked
				   for are read in full (row_src) */
	int formula;		/* sticky once known (live kernel) */
	bool pending;		/* this sample skipped the exact pass
				   (quick_first): no scope names a victim */

	struct cand *cand;
	int capcand;
	/* cand[0..nsorted) are in their final order, grank set; the rest
	 * is ordered only when someone looks past them (cand_sort_rest) */
	int nsorted;
	struct cand *cand2;	/* exact_global_top's chosen, before they
				   go first (at most its top) */
	int capcand2;

	/* the exact pass (badness.h) */
	struct badness_kernel kern;
	struct ptask *tasks;
	int ntasks, captasks;
	/* one scope's tasks, ranked where they lie in tasks[] (no copy):
	 * stask[] their tasks[] indices, spoints[] their points, sorder[]
	 * the ranking, sidx[] what each position stands for */
	int *stask;
	int64_t *spoints;
	int *sorder, *sidx;
	int capscratch;
	struct badness_set sset;	/* stask[] as badness.c reads it */
	struct cgroup_tree tree;
	struct cpuset_tree cs;	/* the cpuset scopes (exact_cpusets) */
	/* a task source other than /proc (procs_sample_source): what it
	 * says of each task's row, by its index there; NULL on /proc */
	procs_task_fn *hints;
	const void *src;
	struct ino_cg *inos;	/* tree entries by inode, sorted */
	int capinos;
	/* the ents[] index of each source position at the last refresh:
	 * the source lists its tasks in the same order each time, so this
	 * finds most without the hash (tasks_add) */
	int *srcent;
	int capsrcent;
	/* each scope's victim at the last refresh, to tell a kill that
	 * raced the sample (victim_gone) */
	int ncached;		/* tasks served from the cache this refresh */
	int last_victim;
	struct last_scope { uint64_t ino; int pid; } *last;
	int nlast, caplast;
	struct zt_buf buf;
	struct uidname uids[UID_CACHE_MAX];
	int nuids;
};

/* ---------------------------------------------------------------- */
/* ranking arithmetic (oom_badness(), mm/oom_kill.c)               */

int
procs_guess_formula(const struct zt_proc *rows, int n)
{
	int hi = 0, lo = 0;

	for (int i = 0; i < n; i++) {
		const struct zt_proc *p = &rows[i];
		if (p->pid == 1 || p->oom_score_adj != 0 || !zt_have(p->oom_score))
			continue;
		if (p->oom_score >= 666)
			hi++;
		else if (zt_have(p->rss_kb) && p->rss_kb > 0)
			lo++;	/* a task with memory, scored below the baseline */
	}
	if (hi > lo)
		return PROCS_FORMULA_NEW;
	if (lo > hi)
		return PROCS_FORMULA_OLD;
	return PROCS_FORMULA_UNKNOWN;
}

static int64_t
clamp64(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * With adj 0 the kernel's badness is just the pages P (rss + swap +
 * page tables), so:
 *   new (5.9+):  (1000 + P*1000/totalpages) * 2/3      in 666..1333
 *   old:         max(P, 1) * 1000/totalpages           in 0..1000
 * (old kernels before 4.17 also took 3% off for CAP_SYS_ADMIN, which
 * /proc does not show; ignored).  Without P, invert the score: with
 * badness B = P + adj*(totalpages/1000), the adj term moves the score by
 * adj*2/3 (new) or adj (old) points, up to the truncation of the
 * integer divisions; the estimate is clamped to the range above.
 */
int64_t
procs_score_adj0(const struct zt_proc *p, int64_t totalpages, int page_kb,
    int formula)
{
	if (formula == PROCS_FORMULA_UNKNOWN || !zt_have(totalpages) ||
	    totalpages <= 0)
		return ZT_NA;
	if (zt_have(p->badness_pages)) {
		int64_t pg = p->badness_pages;
		/* past this (a corrupt capture) (1000 + pg*1000) * 2 could
		 * overflow with totalpages 1 */
		if (pg < 0 || pg > INT64_MAX / 4000)
			return ZT_NA;
		if (formula == PROCS_FORMULA_NEW)
			return (1000 + pg * 1000 / totalpages) * 2 / 3;
		return (pg > 1 ? pg : 1) * 1000 / totalpages;
	}
	(void)page_kb;
	if (!zt_have(p->oom_score) || !zt_have(p->oom_score_adj) ||
	    p->oom_score_adj == -1000 || p->oom_score <= 0)
		return ZT_NA;
	if (formula == PROCS_FORMULA_NEW)
		return clamp64(p->oom_score - p->oom_score_adj * 2 / 3, 666, 1333);
	return clamp64(p->oom_score - p->oom_score_adj, 0, 1000);
}

void
procs_derive_row(struct zt_proc *p, int64_t totalpages, int page_kb,
    int formula)
{
	/* the kernel scores 0 whatever it will not kill (adj -1000, the
	 * global init; a container's pid 1 is not global, and scores) */
	if (zt_have(p->oom_score_adj))
		p->killable = p->oom_score_adj != -1000 &&
		    (p->pid != 1 || (zt_have(p->oom_score) && p->oom_score > 0));
	else
		p->killable = zt_have(p->oom_score) && p->oom_score > 0;

	p->badness_pages = ZT_NA;
	p->badness_share = NAN;
	if (zt_have(p->rss_kb) && page_kb > 0) {
		int64_t kb = p->rss_kb;
		/* a corrupt capture must not overflow the sum */
		if ((zt_have(p->swap_kb) &&
		    __builtin_add_overflow(kb, p->swap_kb, &kb)) ||
		    (zt_have(p->pgtables_kb) &&
		    __builtin_add_overflow(kb, p->pgtables_kb, &kb)))
			kb = INT64_MAX;
		p->badness_pages = kb / page_kb;
		if (zt_have(totalpages) && totalpages > 0)
			p->badness_share = (double)p->badness_pages /
			    (double)totalpages;
	}
	p->score_adj0 = procs_score_adj0(p, totalpages, page_kb, formula);
}

static int64_t
score_key(int64_t s)
{
	return zt_have(s) ? s : -1;	/* unreadable scores rank last */
}

static int
cmp_proc(const void *a, const void *b)
{
	const struct zt_proc *x = a, *y = b;
	int64_t sx = score_key(x->oom_score), sy = score_key(y->oom_score);

	if (sx != sy)
		return sx > sy ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

int64_t
procs_total_pages(const struct zt_snapshot *s)
{
	int64_t mem = kvs_get(&s->meminfo, "MemTotal");
	int64_t swap = kvs_get(&s->meminfo, "SwapTotal");

	if (!zt_have(mem) || s->page_kb <= 0)
		return ZT_NA;
	/* totalram_pages + total_swap_pages, exactly as printed in kB */
	return (mem + (zt_have(swap) ? swap : 0)) / s->page_kb;
}

void
procs_row_task(const struct zt_proc *r, int page_kb, struct badness_task *t)
{
	memset(t, 0, sizeof *t);
	t->tgid = r->pid;
	t->start_time = r->start_time;
	t->uid = zt_have(r->uid) ? r->uid : BADNESS_NA;
	t->counts = BADNESS_COUNTS_SUM;
	t->rss_anon = t->rss_file = t->rss_shmem = BADNESS_NA;
	t->swapents = t->pgtables_bytes = BADNESS_NA;
	t->known = BADNESS_F_INIT;
	/* the global init scores 0; a container's pid 1 does not */
	if (r->pid == 1 && (!zt_have(r->oom_score) || r->oom_score <= 0))
		t->flags |= BADNESS_F_INIT;
	if (!zt_have(r->oom_score_adj) || page_kb <= 0)
		return;
	t->oom_score_adj = (int32_t)clamp64(r->oom_score_adj, -1000, 1000);
	if (!zt_have(r->rss_kb) || !zt_have(r->swap_kb) ||
	    !zt_have(r->pgtables_kb))
		return;
	t->rss_anon = r->rss_kb / page_kb;	/* the sum is what counts */
	t->rss_file = t->rss_shmem = 0;
	t->swapents = r->swap_kb / page_kb;
	t->pgtables_bytes = r->pgtables_kb <= INT64_MAX / 1024 ?
	    r->pgtables_kb * 1024 : BADNESS_NA;
}

/* Rank rows by oom_score alone (a kernel whose rules are unknown, or no
 * totalpages): no row has points then, whatever a sampler left there. */
static void
rank_by_score(struct zt_snapshot *s)
{
	if (s->nprocs > 1)
		qsort(s->procs, (size_t)s->nprocs, sizeof *s->procs, cmp_proc);
	for (int i = 0; i < s->nprocs; i++)
		s->procs[i].points = ZT_NA;
}

/* Rank rows by the kernel's points, computed from their figures (the
 * sampler puts the figures it ranked by in the rows); rows without them
 * after the others, by score. */
static void
rank_by_points(struct zt_snapshot *s, const struct badness_kernel *k)
{
	int n = s->nprocs;
	struct badness_task *t = xreallocarray(NULL, (size_t)n, sizeof *t);
	int64_t *pts = xreallocarray(NULL, (size_t)n, sizeof *pts);
	int *order = xreallocarray(NULL, (size_t)n, sizeof *order);
	struct zt_proc *rows = xreallocarray(NULL, (size_t)n, sizeof *rows);

	for (int i = 0; i < n; i++) {
		procs_row_task(&s->procs[i], s->page_kb, &t[i]);
		pts[i] = badness_points(k, &t[i], s->totalpages,
		    (int64_t)s->page_kb * 1024);
	}
	badness_order(k, t, n, pts, false, order);
	/* badness_order leaves unknown rows by pid: by score among them */
	int first = n;
	for (int i = 0; i < n; i++)
		if (pts[order[i]] == BADNESS_UNKNOWN ||
		    pts[order[i]] == BADNESS_INELIGIBLE) {
			first = i;
			break;
		}
	for (int i = 0; i < n; i++)
		rows[i] = s->procs[order[i]];
	if (n - first > 1)
		qsort(rows + first, (size_t)(n - first), sizeof *rows, cmp_proc);
	memcpy(s->procs, rows, (size_t)n * sizeof *rows);
	for (int i = 0; i < n; i++)
		s->procs[i].points = i < first ? pts[order[i]] : ZT_NA;
	free(t);
	free(pts);
	free(order);
	free(rows);
}

void
procs_rank(struct zt_snapshot *s)
{
	struct badness_kernel k;
	int formula = procs_guess_formula(s->procs, s->nprocs);

	badness_kernel_init(&k, s->kernel, formula == PROCS_FORMULA_NEW);
	if (k.rules == BADNESS_RULES_UNKNOWN || s->nprocs < 1 ||
	    !zt_have(s->totalpages) || s->totalpages <= 0)
		rank_by_score(s);
	else
		rank_by_points(s, &k);
	s->predicted_victim = 0;
	for (int i = 0; i < s->nprocs; i++) {
		struct zt_proc *p = &s->procs[i];
		p->rank = i + 1;
		procs_derive_row(p, s->totalpages, s->page_kb, formula);
		if (s->predicted_victim == 0 && p->killable &&
		    zt_have(p->oom_score) && p->oom_score > 0)
			s->predicted_victim = p->pid;
	}
}

/* ---------------------------------------------------------------- */
/* the pid table                                                     */

static uint32_t
slot_home(const struct procs *p, int pid)
{
	return ((uint32_t)pid * 0x9E3779B1u) >> (32 - p->bits);
}

static int
table_find(const struct procs *p, int pid, uint32_t *slot)
{
	uint32_t mask = (1u << p->bits) - 1, i = slot_home(p, pid);

	for (;;) {
		int32_t e = p->slots[i];
		if (e < 0) {
			*slot = i;
			return -1;
		}
		if (p->ents[e].pid == pid) {
			*slot = i;
			return e;
		}
		i = (i + 1) & mask;
	}
}

static void
table_rehash(struct procs *p, int bits)
{
	size_t n = (size_t)1 << bits;

	free(p->slots);
	p->bits = bits;
	p->slots = xreallocarray(NULL, n, sizeof *p->slots);
	for (size_t i = 0; i < n; i++)
		p->slots[i] = -1;
	for (int e = 0; e < p->nents; e++) {
		uint32_t slot;
		table_find(p, p->ents[e].pid, &slot);
		p->slots[slot] = e;
	}
}

static struct pent *
table_add(struct procs *p, int pid)
{
	uint32_t slot;

	/* load factor at most 1/2 keeps probes short */
	if ((size_t)(p->nents + 1) * 2 > ((size_t)1 << p->bits))
		table_rehash(p, p->bits + 1);
	if (p->ents == NULL || p->nents == p->capents) {
		p->capents = p->capents ? p->capents / 2 * 3 : 256;
		p->ents = xreallocarray(p->ents, (size_t)p->capents, sizeof *p->ents);
	}
	table_find(p, pid, &slot);
	p->slots[slot] = p->nents;
	struct pent *e = &p->ents[p->nents++];
	memset(e, 0, sizeof *e);
	e->pid = pid;
	e->fd = -1;
	return e;
}

static void
ent_unkeep(struct procs *p, struct pent *e)
{
	if (e->fd >= 0) {
		close(e->fd);
		e->fd = -1;
		p->nkept--;
	}
}

/* Remove ents[idx]: backward-shift delete in the slots, then move the
 * last entry into the hole. */
static void
table_del(struct procs *p, int idx)
{
	uint32_t mask = (1u << p->bits) - 1, i, j;
	int last = p->nents - 1;

	ent_unkeep(p, &p->ents[idx]);
	table_find(p, p->ents[idx].pid, &i);
	j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (p->slots[j] < 0)
			break;
		uint32_t k = slot_home(p, p->ents[p->slots[j]].pid);
		/* an entry whose home lies cyclically in (i, j] stays */
		if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		p->slots[i] = p->slots[j];
		i = j;
	}
	p->slots[i] = -1;
	free(p->ents[idx].x);
	if (idx != last) {
		uint32_t slot;
		p->ents[idx] = p->ents[last];
		table_find(p, p->ents[idx].pid, &slot);
		p->slots[slot] = idx;
	}
	p->nents--;
}

/* ---------------------------------------------------------------- */
/* reading                                                           */

static bool
gone_errno(int err)
{
	return err == ENOENT || err == ESRCH;
}

/* Read PID/name into p->buf.  0, or -errno.  stat, status, statm,
 * oom_score_adj and cgroup are seq_file text made whole at the first
 * read (single_open; oom_score_adj a buffer of its own), so a read that
 * comes back short holds all of it, and the read that would find the
 * end is spared (a third of the syscalls of the exact pass); a capture's
 * regular file reads short only at its end too.  cmdline is read to the
 * end, as always. */
static int
read_pid_file(struct procs *p, int pid, const char *name)
{
	char rel[48];
	int fd, rc, err;

	snprintf(rel, sizeof rel, "%d/%s", pid, name);
	fd = openat(p->dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	rc = 1;			/* not read whole yet */
	err = 0;
	if (strcmp(name, "cmdline") != 0) {
		buf_clear(&p->buf);
		buf_reserve(&p->buf, 4096);
		ssize_t n = pread(fd, p->buf.p, p->buf.cap - 1, 0);
		err = errno;
		if (n >= 0 && (size_t)n < p->buf.cap - 1) {
			p->buf.len = (size_t)n;
			p->buf.p[n] = '\0';
			rc = 0;
		} else if (n < 0 && err != EINTR)
			rc = -1;
	}
	if (rc > 0) {
		rc = procfs_pread_all(fd, &p->buf);
		err = errno;
	}
	close(fd);
	return rc < 0 ? -err : 0;
}

static void
lift_nofile(struct procs *p)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
		p->fd_cap = 0;
		return;
	}
	if (rl.rlim_cur < rl.rlim_max) {
		struct rlimit want = rl;
		/* the kernel refuses more than fs.nr_open (1M by default) */
		if (want.rlim_max == RLIM_INFINITY || want.rlim_max > (1u << 20))
			want.rlim_cur = 1u << 20;
		else
			want.rlim_cur = want.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &want) == 0)
			rl = want;
	}
	p->fd_cap = rl.rlim_cur == RLIM_INFINITY ? (1L << 20) :
	    (long)rl.rlim_cur - FD_HEADROOM;
	if (p->fd_cap < 0)
		p->fd_cap = 0;
}

struct procs *
procs_open(struct procfs *pf)
{
	struct procs *p = xcalloc(1, sizeof *p);
	int fd;

	p->pf = pf;
	p->dirfd = procfs_dirfd(pf);
	p->live = procfs_live(pf);
	fd = dup(p->dirfd);
	if (fd >= 0) {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		p->dir = fdopendir(fd);
		if (p->dir == NULL)
			close(fd);
	}
	table_rehash(p, 10);
	p->last_pid = -1;
	p->pid_pos = -1;
	if (p->live) {
		struct zt_buf b = { 0 };
		struct procs_stat st;
		char why[ZT_WHY_LEN];
		/* the root's own "self" is this process where the namespace
		 * is this process's */
		p->same_ns = procfs_read(pf, "self/stat", false, &b, why,
		    sizeof why) == 0 && procs_parse_stat(b.p, b.len, &st) == 0 &&
		    st.pid == (int)getpid();
		buf_free(&b);
		lift_nofile(p);
		p->dc = detcache_open(pf);
	}
	return p;
}

void
procs_close(struct procs *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < p->nents; i++) {
		ent_unkeep(p, &p->ents[i]);
		free(p->ents[i].x);
	}
	if (p->dir)
		closedir(p->dir);
	proc_lib_close(p->lib);
	detcache_close(p->dc);
	free(p->ents);
	free(p->slots);
	free(p->cand);
	free(p->cand2);
	free(p->tasks);
	free(p->stask);
	free(p->spoints);
	free(p->sorder);
	free(p->sidx);
	free(p->last);
	free(p->inos);
	cgroup_tree_free(&p->tree);
	cpuset_tree_free(&p->cs);
	free(p->srcent);
	buf_free(&p->buf);
	free(p);
}

int
procs_kept_fds(const struct procs *p, int *budget)
{
	if (budget)
		*budget = (int)p->budget;
	return p->nkept;
}

/* Kept fds allowed now: RLIMIT_NOFILE and 1% of MemAvailable. */
static void
update_budget(struct procs *p, const struct zt_snapshot *s)
{
	int64_t avail = kvs_get(&s->meminfo, "MemAvailable");

	if (!p->live) {
		p->budget = 0;
	} else {
		if (!zt_have(avail))	/* before 3.14 */
			avail = kvs_get(&s->meminfo, "MemFree");
		/* each kept fd pins about 4.4 KiB */
		long mem = zt_have(avail) && avail > 0 ?
		    (long)(avail / MEM_SHARE * 10 / 44) : 0;
		p->budget = mem < p->fd_cap ? mem : p->fd_cap;
	}
	/* memory got tight: give fds back */
	for (int i = p->nents - 1; i >= 0 && p->nkept > p->budget; i--)
		ent_unkeep(p, &p->ents[i]);
}

/* A pid seen in the listing: new, the same task, or a reused pid. */
static void
track(struct procs *p, int pid, ino_t ino)
{
	uint32_t slot;
	int idx = table_find(p, pid, &slot), rc;
	struct pent *e = idx >= 0 ? &p->ents[idx] : NULL;
	struct procs_stat st;

	if (e != NULL && e->ino == ino) {
		e->gen = p->gen;
		return;
	}
	/* a known task under a new inode: the same task (its dentry was
	 * only rebuilt) if its start time is */
	if (e != NULL && e->known) {
		rc = read_pid_file(p, pid, "stat");
		if (rc < 0 && gone_errno(-rc)) {
			table_del(p, idx);
			return;
		}
		if (rc == 0 && procs_parse_stat(p->buf.p, p->buf.len, &st) == 0 &&
		    st.start_time == e->start) {
			e->ino = ino;
			e->gen = p->gen;
			return;
		}
	}
	if (e == NULL)
		e = table_add(p, pid);
	else
		ent_unkeep(p, e);
	e->ino = ino;
	e->gen = p->gen;
	e->cached = e->hot = e->st_known = false;
	/* PID/stat waits until someone needs it (ent_stat): most tasks'
	 * score alone rules them out */
	e->statted = e->known = e->kthread = false;
	e->start = 0;
}

/* PID/stat of a tracked task, once in its life: the kernel-thread flag
 * and the start time.  0, or -1 when the task is gone. */
static int
ent_stat(struct procs *p, struct pent *e)
{
	struct procs_stat st;
	int rc;

	if (e->statted)
		return 0;
	rc = read_pid_file(p, e->pid, "stat");
	if (rc < 0 && gone_errno(-rc))
		return -1;
	bool ok = rc == 0 && procs_parse_stat(p->buf.p, p->buf.len, &st) == 0;
	e->statted = true;
	e->known = ok;
	e->kthread = ok && (st.flags & PF_KTHREAD_FLAG) != 0;
	e->start = ok ? st.start_time : 0;
	return 0;
}

/*
 * Which pids can have appeared since the last listing?  /proc/loadavg's
 * last pid is the last one handed out in the reader's pid namespace, and
 * pids are handed out upward, wrapping at pid_max.  Read before the
 * listing, so a task created during it moves the number for the next
 * refresh.  While it stands still no pid is new; while it only grew, the
 * new ones lie above the number of the last listing, and the proc root's
 * directory position of a pid is the pid plus a constant (the kernel's
 * TGID_OFFSET, measured in every full listing: list_full), so a listing
 * from there finds them.  A task that exited says so when its score is
 * read (ESRCH, ENOENT).  Listed in full when the number went down (a
 * wrap) and every LIST_EVERY refreshes anyway (a wrap all the way round).
 * Returns the pid to list from: 0 all, -1 none.
 */
static int64_t
list_from(struct procs *p)
{
	char why[ZT_WHY_LEN];
	int64_t last, prev = p->last_pid;

	if (!p->same_ns)
		return 0;
	if (procfs_read(p->pf, "loadavg", true, &p->buf, why, sizeof why) < 0 ||
	    procs_parse_last_pid(p->buf.p, p->buf.len, &last) < 0) {
		p->last_pid = -1;
		return 0;
	}
	p->last_pid = last;
	if (p->listed_gen == 0 || prev < 0 || last < prev ||
	    p->gen - p->listed_gen >= LIST_EVERY)
		return 0;
	if (last == prev)
		return -1;
	return p->pid_pos >= 0 ? prev + 1 : 0;
}

/* A directory entry's pid, 0 when it is not a pid's. */
static int
entry_pid(const struct dirent *de)
{
	const char *n = de->d_name;
	long pid = 0;

	if (*n < '1' || *n > '9')
		return 0;
	for (; *n >= '0' && *n <= '9' && pid < INT_MAX / 10; n++)
		pid = pid * 10 + (*n - '0');
	return *n == '\0' ? (int)pid : 0;
}

/* Read the listing from where p->dir stands; full: every pid's
 * position less the pid must be one constant (p->pid_pos), else -1. */
static int
list_read(struct procs *p, bool full, char *why, size_t whylen)
{
	struct dirent *de;
	long off = -1;
	bool same = true;

	for (;;) {
		long here = telldir(p->dir);
		errno = 0;
		if ((de = readdir(p->dir)) == NULL)
			break;
		int pid = entry_pid(de);
		if (pid == 0)
			continue;
		if (full && here >= pid && (off < 0 || here - pid == off))
			off = here - pid;
		else if (full)
			same = false;
		track(p, pid, de->d_ino);
	}
	if (errno != 0) {
		snprintf(why, whylen, "listing %s: %s", procfs_root(p->pf),
		    procfs_reason(errno));
		return -1;
	}
	if (full)
		p->pid_pos = same ? off : -1;
	return 0;
}

static int
list_pids(struct procs *p, char *why, size_t whylen)
{
	int64_t from = list_from(p);

	if (p->dir == NULL) {
		snprintf(why, whylen, "cannot list %s", procfs_root(p->pf));
		return -1;
	}
	if (from != 0) {
		/* the tasks known stay listed; exits show at their read */
		for (int i = 0; i < p->nents; i++)
			p->ents[i].gen = p->gen;
		if (from < 0)
			return 0;
		seekdir(p->dir, (long)from + p->pid_pos);
		return list_read(p, false, why, whylen);
	}
	p->listed_gen = p->gen;
	rewinddir(p->dir);
	return list_read(p, true, why, whylen);
}

/* PID/oom_score_adj of pid into *adj: true when read and in range. */
static bool
pid_adj(struct procs *p, int pid, int64_t *adj)
{
	int64_t v;

	if (read_pid_file(p, pid, "oom_score_adj") != 0 ||
	    !parse_i64_str(p->buf.p, &v) || v < -1000 || v > 1000)
		return false;
	*adj = v;
	return true;
}

/* oom_score of a tracked task: 0 read (*score set, ZT_NA if
 * unreadable), -1 the task is gone. */
static int
read_score(struct procs *p, struct pent *e, int64_t *score)
{
	char b[32] = "";	/* zeroed: the bytes read end as a string */
	ssize_t n;
	int fd = e->fd;

	*score = ZT_NA;
	if (fd < 0) {
		char rel[32];
		snprintf(rel, sizeof rel, "%d/oom_score", e->pid);
		fd = openat(p->dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			if (gone_errno(errno))
				return -1;
			if (errno == EMFILE || errno == ENFILE) {
				/* someone else needs fds: keep fewer */
				p->fd_cap = p->nkept > 64 ? p->nkept - 64 : 0;
			}
			return 0;
		}
	}
	n = pread(fd, b, sizeof b - 1, 0);
	int err = errno;
	if (e->fd < 0) {
		if (n >= 0 && p->nkept < p->budget) {
			e->fd = fd;
			p->nkept++;
		} else
			close(fd);
	}
	if (n < 0) {
		if (gone_errno(err))
			return -1;
		ent_unkeep(p, e);
		return 0;
	}
	int64_t v;
	const char *q = b;
	if (parse_i64(&q, &v) && v >= 0)
		*score = v;
	return 0;
}

static int64_t
cand_score(const struct cand *c)
{
	return c->score < 0 ? ZT_NA : c->score;
}

/* Highest score first.  The kernel compares the finer badness in pages
 * and, among equals, keeps the last task of its list; equal scores go
 * by pid here, the order /proc and procps show. */
static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int32_t sx = x->score, sy = y->score;

	if (sx != sy)
		return sx > sy ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* One refresh of the ranking pass into p->cand; returns the count. */
static int
rank_pass(struct procs *p)
{
	int n = 0;

	for (int i = p->nents - 1; i >= 0; i--) {
		struct pent *e = &p->ents[i];
		int64_t score;

		if (e->gen != p->gen) {
			table_del(p, i);	/* left the listing */
			continue;
		}
		if (e->kthread)
			continue;
		if (read_score(p, e, &score) < 0) {
			table_del(p, i);
			continue;
		}
		/* the kernel scores a kernel thread 0 (oom_badness skips it,
		 * on every version): only a task scoring 0 or unreadable
		 * needs PID/stat to tell */
		if (!e->statted && (!zt_have(score) || score == 0)) {
			if (ent_stat(p, e) < 0) {
				table_del(p, i);
				continue;
			}
			if (e->kthread) {
				ent_unkeep(p, e);
				continue;
			}
		}
		if (n == p->capcand) {
			p->capcand = p->capcand ? p->capcand / 2 * 3 : 1024;
			p->cand = xreallocarray(p->cand, (size_t)p->capcand,
			    sizeof *p->cand);
		}
		/* whole: no field keeps the last refresh's value */
		const int32_t sc = !zt_have(score) ? -1 :
		    score > INT32_MAX ? INT32_MAX : (int32_t)score;
		p->cand[n] = (struct cand){ .pid = e->pid, .score = sc,
		    .pos = INT32_MAX, .group = sc, .grank = 0, .ent = -1,
		    .task = -1 };
		e->score = sc;
		e->task = -1;
		n++;
	}
	if (n > 1)	/* qsort(NULL, 0) is undefined */
		qsort(p->cand, (size_t)n, sizeof *p->cand, cmp_cand);
	return n;
}

/* ---------------------------------------------------------------- */
/* the exact pass: the kernel's points for the contenders            */

/*
 * The rounded scan above leaves contenders: a task whose oom_score is
 * more than one step below the best (or below the last row shown) has
 * fewer points than all of those and cannot win; one step of slack
 * covers the time between the two reads.  Members of a memory cgroup
 * with a limit are contenders too: their scope weighs adj by its own
 * limit, which the global score does not show.
 */
static int32_t
contender_floor(const struct procs *p, int ncand, int want)
{
	if (ncand == 0 || want <= 0 || want >= ncand)
		return 0;
	/* cand[] is sorted, best first: the last row shown is the lower */
	const int32_t last = p->cand[want - 1].score;
	return last > 0 ? last - 1 : 0;
}

static struct ptask *
task_add(struct procs *p)
{
	if (p->ntasks == p->captasks) {
		p->captasks = p->captasks ? p->captasks * 2 : 256;
		p->tasks = xreallocarray(p->tasks, (size_t)p->captasks,
		    sizeof *p->tasks);
	}
	struct ptask *pt = &p->tasks[p->ntasks++];
	memset(pt, 0, sizeof *pt);
	pt->scope = pt->cg = pt->src = -1;
	pt->points = BADNESS_UNKNOWN;
	pt->scope_points = pt->view_points = BADNESS_UNKNOWN;
	return pt;
}

/* e's exact record, made the first time a contender needs one. */
static struct pexact *
ent_exact(struct pent *e)
{
	if (e->x == NULL)
		e->x = xcalloc(1, sizeof *e->x);
	return e->x;
}

/* What PID/status (in b) says of e's row: comm, state, uid. */
static void
exact_status(struct pent *e, const struct zt_buf *b)
{
	struct zt_proc r;

	memset(&r, 0, sizeof r);
	r.uid = ZT_NA;
	e->st_known = procs_parse_status(b->p, b->len, &r) == 0 &&
	    r.comm[0] != '\0' && strlen(r.comm) < sizeof e->x->st_comm &&
	    r.state != 0;
	if (!e->st_known)
		return;
	memcpy(ent_exact(e)->st_comm, r.comm, sizeof e->x->st_comm);
	e->st_state = r.state;
	e->x->st_uid = r.uid;
}

/* The kernel scores a process by the mm of its first thread that has
 * one (find_lock_task_mm(), mm/oom_kill.c): a leader that exited while
 * its other threads run on (pthread_exit in main: a zombie) has no Vm
 * lines in PID/status, yet is scored and killed.  Its counters are then
 * those of PID/task/TID/status of a thread that has them (every thread
 * shares the one mm), and it is BADNESS_F_DYING_LEADER (a memcg scan
 * meets it last); t keeps BADNESS_F_NO_MM when none has.  Uses
 * p->buf. */
static void
thread_mm(struct procs *p, int pid, int page_kb, struct badness_task *t)
{
	char rel[32], name[40];
	struct dirent *de;
	int fd;
	DIR *d;

	if ((t->flags & BADNESS_F_NO_MM) == 0)
		return;
	snprintf(rel, sizeof rel, "%d/task", pid);
	fd = openat(p->dirfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		struct badness_task th;
		char *end;
		long tid = strtol(de->d_name, &end, 10);

		if (end == de->d_name || *end != '\0' || tid == pid)
			continue;
		snprintf(name, sizeof name, "task/%ld/status", tid);
		memset(&th, 0, sizeof th);
		if (read_pid_file(p, pid, name) != 0 ||
		    procs_parse_badness(p->buf.p, p->buf.len, page_kb, &th) < 0 ||
		    (th.flags & BADNESS_F_NO_MM) != 0)
			continue;
		t->rss_anon = th.rss_anon;
		t->rss_file = th.rss_file;
		t->rss_shmem = th.rss_shmem;
		t->swapents = th.swapents;
		t->pgtables_bytes = th.pgtables_bytes;
		t->flags &= ~(uint32_t)BADNESS_F_NO_MM;
		t->flags |= BADNESS_F_DYING_LEADER;
		t->known |= BADNESS_F_DYING_LEADER;
		break;
	}
	closedir(d);
}

/* Read PID/status and PID/oom_score_adj of e into a new task; a task
 * whose files cannot be read keeps BADNESS_NA counters. */
static void
exact_read(struct procs *p, struct pent *e, int page_kb)
{
	struct ptask *pt;
	struct badness_task *t;
	int64_t v;
	int rc;

	if (e->task >= 0)
		return;
	e->task = p->ntasks;
	pt = task_add(p);
	t = &pt->t;
	/* the figures of a task whose rounded score stands still change
	 * little: re-read them at the top of a scope, when the score
	 * moves, and in turn every EXACT_EVERY refreshes (spread by pid) */
	if (e->cached && !e->hot && e->score == e->x->cached_score &&
	    p->gen - e->x->cached_gen < EXACT_EVERY &&
	    (p->gen + (uint32_t)e->pid) % EXACT_EVERY != 0) {
		*t = e->x->bt;
		p->ncached++;
		return;
	}
	t->tgid = e->pid;
	t->uid = BADNESS_NA;
	if (ent_stat(p, e) < 0) {	/* gone since its score was read */
		t->rss_anon = BADNESS_NA;
		e->st_known = false;
		return;
	}
	t->start_time = e->start;
	t->oom_score_adj = 0;
	t->counts = BADNESS_COUNTS_SUM;
	t->known = BADNESS_F_KTHREAD;
	if (e->kthread)
		t->flags |= BADNESS_F_KTHREAD;
	rc = read_pid_file(p, e->pid, "status");
	e->cached = false;
	if (rc < 0 || procs_parse_badness(p->buf.p, p->buf.len, page_kb, t) < 0) {
		t->rss_anon = BADNESS_NA;
		e->st_known = false;
		return;
	}
	exact_status(e, &p->buf);
	thread_mm(p, e->pid, page_kb, t);
	if (pid_adj(p, e->pid, &v))
		t->oom_score_adj = (int32_t)v;
	else
		t->rss_anon = BADNESS_NA;	/* points unknown without adj */
	/* the kernel scores 0 whatever it skips: the global init (a
	 * container's pid 1 scores), and on 5.9+ the reaped and vforking
	 * (its formula gives 0 to no eligible task above adj -998) */
	if (e->pid == 1) {
		t->known |= BADNESS_F_INIT;
		if (e->score <= 0)
			t->flags |= BADNESS_F_INIT;
	}
	if (p->kern.rules == BADNESS_RULES_5_9 && e->score == 0 &&
	    t->oom_score_adj > -998) {
		t->known |= BADNESS_F_OOM_SKIP;
		t->flags |= BADNESS_F_OOM_SKIP;
	}
	if (t->rss_anon != BADNESS_NA) {
		ent_exact(e)->bt = *t;
		e->cached = true;
		e->x->cached_score = e->score;
		e->x->cached_gen = p->gen;
	}
}

static void
scratch_grow(struct procs *p, int n)
{
	if (n <= p->capscratch)
		return;
	p->capscratch = n;
	p->stask = xreallocarray(p->stask, (size_t)n, sizeof *p->stask);
	p->spoints = xreallocarray(p->spoints, (size_t)n, sizeof *p->spoints);
	p->sorder = xreallocarray(p->sorder, (size_t)n, sizeof *p->sorder);
	p->sidx = xreallocarray(p->sidx, (size_t)n, sizeof *p->sidx);
}

/* The scope in stask[]: tasks[]' exact inputs where they lie. */
static const struct badness_set *
scratch_set(struct procs *p)
{
	p->sset.base = p->tasks != NULL ? (const void *)&p->tasks[0].t : NULL;
	p->sset.stride = sizeof *p->tasks;
	p->sset.map = p->stask;
	return &p->sset;
}

static bool
chosen_points(int64_t v)
{
	return v != BADNESS_INELIGIBLE && v != BADNESS_UNKNOWN;
}

struct filter;
static bool is_member(const struct filter *f, int pid);

/* Rank the tasks of tree scope cg (its subtree; all tasks for cg < 0)
 * and the members of view (NULL: none; the tree knows the pids of
 * limited cgroups only) with totalpages.  Returns the count m; for
 * r < m, sorder[r] is the scratch position of the r-th best, sidx[]
 * maps scratch positions to tasks[] and spoints[] holds their points. */
static int
scope_rank(struct procs *p, int cg, const struct filter *view,
    int64_t totalpages, int64_t page_size, bool memcg)
{
	int m = 0;

	scratch_grow(p, p->ntasks > 0 ? p->ntasks : 1);
	for (int i = 0; i < p->ntasks; i++) {
		int c = p->tasks[i].cg;
		if (cg >= 0 && (c < cg || c >= p->tree.end[cg]) &&
		    (view == NULL || !is_member(view, p->tasks[i].t.tgid)))
			continue;
		p->stask[m] = i;
		p->sidx[m++] = i;
	}
	badness_rank_set(&p->kern, scratch_set(p), m, totalpages, page_size,
	    memcg, p->spoints, p->sorder);
	return m;
}

/* ---------------------------------------------------------------- */
/* details of the rows shown                                         */

static const char *
user_name(struct procs *p, int64_t uid)
{
	struct uidname *u;

	for (int i = 0; i < p->nuids; i++)
		if (p->uids[i].uid == uid)
			return p->uids[i].name;
	u = &p->uids[p->nuids < UID_CACHE_MAX ? p->nuids++ : UID_CACHE_MAX - 1];
	u->uid = uid;
	snprintf(u->name, sizeof u->name, "%lld", (long long)uid);
	/* a capture's uids belong to another machine's passwd */
	if (p->live && uid >= 0 && uid <= UINT_MAX) {
		struct passwd pw, *res = NULL;
		char b[1024];
		if (getpwuid_r((uid_t)uid, &pw, b, sizeof b, &res) == 0 &&
		    res != NULL)
			strlcpy0(u->name, res->pw_name, sizeof u->name);
	}
	return u->name;
}

static void
row_init(struct zt_proc *r, int pid, int64_t score, int rank)
{
	memset(r, 0, sizeof *r);
	r->pid = pid;
	r->rank = rank;
	r->oom_score = score;
	r->uid = ZT_NA;
	r->oom_score_adj = ZT_NA;
	r->rss_kb = r->swap_kb = r->pgtables_kb = ZT_NA;
	r->badness_pages = ZT_NA;
	r->badness_share = NAN;
	r->score_adj0 = ZT_NA;
	r->points = r->cgroup_points = ZT_NA;
	r->cgroup_scope = -1;
}

static void
row_free(struct zt_proc *r)
{
	free(r->cmdline);
	free(r->cgroup);
	r->cmdline = r->cgroup = NULL;
}

/* The start time of a tracked pid (PID/stat read now if it was not
 * yet), 0 when unknown. */
static uint64_t
pid_start(struct procs *p, int pid)
{
	uint32_t slot;
	int idx = table_find(p, pid, &slot);

	if (idx < 0 || ent_stat(p, &p->ents[idx]) < 0)
		return 0;
	return p->ents[idx].known ? p->ents[idx].start : 0;
}

/* A task source gave comm, uid and state (row_hint): PID/status has
 * nothing to tell, the counters are the ranked ones.  A task it gave
 * no uid for (badness.h allows it) has its status read, as -u does. */
static bool
row_hinted(const struct procs *p, const struct zt_proc *r)
{
	return p->hints != NULL && r->comm[0] != '\0' && r->state != 0 &&
	    zt_have(r->uid);
}

/* Where the detail cache's row gets its counters: the task source; the
 * exact pass, for a row below the first DETAIL_TOP when no row is shown
 * and none picked out by a filter (every row recorded: exact_rows() puts its figures on the row, and r
 * takes comm, state and uid from its last read of PID/status, current
 * whenever the score moved and at most EXACT_EVERY refreshes old, so an
 * exec that leaves the score alone shows within EXACT_EVERY refreshes);
 * or the cache itself (statm and oom_score_adj every refresh: an exec
 * shows at once). */
static enum detcache_src
row_src(const struct procs *p, struct zt_proc *r, bool take)
{
	uint32_t slot;
	int idx, t;
	const struct pent *e;

	if (row_hinted(p, r))
		return DETCACHE_HINTED;
	if (p->fresh || p->filtered || p->hints != NULL || r->rank <= DETAIL_TOP)
		return DETCACHE_READ;
	idx = table_find(p, r->pid, &slot);
	e = idx >= 0 ? &p->ents[idx] : NULL;
	t = e ? e->task : -1;
	if (t < 0 || !e->st_known || (p->tasks[t].t.flags & BADNESS_F_NO_MM) ||
	    p->tasks[t].t.rss_anon == BADNESS_NA ||
	    p->tasks[t].t.swapents == BADNESS_NA ||
	    p->tasks[t].t.pgtables_bytes == BADNESS_NA)
		return DETCACHE_READ;
	if (!take)
		return DETCACHE_HINTED;
	memcpy(r->comm, e->x->st_comm, sizeof e->x->st_comm);
	r->state = e->st_state;
	r->uid = e->x->st_uid;
	return DETCACHE_HINTED;
}

/* Own reads of one row; lib_got: libproc2 already gave user, adj,
 * cmdline (if lib_cmd) and cgroup.  Returns -1 when the task is gone. */
static int
read_row(struct procs *p, struct zt_proc *r, bool lib_got, bool lib_cmd)
{
	/* a task source that gave comm, uid and state (row_hint) leaves
	 * PID/status nothing to tell: the counters are the ranked ones */
	bool hinted = row_hinted(p, r);
	int rc = hinted ? 0 : read_pid_file(p, r->pid, "status");
	uint32_t slot;
	int idx;

	if (rc < 0 && gone_errno(-rc))
		return -1;
	if (!hinted && rc == 0 &&
	    procs_parse_status(p->buf.p, p->buf.len, r) < 0)
		r->comm[0] = '\0';
	idx = table_find(p, r->pid, &slot);
	if (idx >= 0 && ent_stat(p, &p->ents[idx]) == 0 && p->ents[idx].known)
		r->start_time = p->ents[idx].start;
	if (r->comm[0] == '\0' || r->start_time == 0) {
		struct procs_stat st;
		if (read_pid_file(p, r->pid, "stat") == 0 &&
		    procs_parse_stat(p->buf.p, p->buf.len, &st) == 0) {
			if (r->comm[0] == '\0')
				strlcpy0(r->comm, st.comm, sizeof r->comm);
			if (r->start_time == 0)
				r->start_time = st.start_time;
			if (r->state == 0)
				r->state = st.state;
		}
	}
	if (!lib_got || !lib_cmd) {
		rc = read_pid_file(p, r->pid, "cmdline");
		if (rc < 0 && gone_errno(-rc) && p->live)
			return -1;	/* (a capture may just lack the file) */
		if (rc == 0) {
			free(r->cmdline);
			r->cmdline = procs_cmdline(p->buf.p, p->buf.len);
		}
	}
	if (!lib_got) {
		if (read_pid_file(p, r->pid, "cgroup") == 0)
			r->cgroup = cgroup_proc_path(p->buf.p, p->buf.len);
		int64_t v;
		if (pid_adj(p, r->pid, &v))
			r->oom_score_adj = v;
	}
	if (r->user[0] == '\0' && zt_have(r->uid))
		strlcpy0(r->user, user_name(p, r->uid), sizeof r->user);
	return 0;
}

/* libproc2 for the rows' details, loaded when the first is read (a mode
 * that shows no process never maps it), and not at all where the
 * caller reads them itself (own_details); NULL: procs.c's own reads. */
static struct proc_lib *
details_lib(struct procs *p)
{
	if (p->own_details || !p->live)
		return NULL;
	if (!p->lib_tried) {
		p->lib_tried = true;
		p->lib = proc_lib_open();
	}
	return p->lib;
}

/* Details for rows[0..n); gone[i] set for tasks that exited.  Rows the
 * detail cache knows come from it; the others are read in full (through
 * libproc2 where it answers) and handed to it. */
static void
read_details(struct procs *p, struct zt_proc *rows, int n, bool *gone)
{
	bool got[FILTER_BATCH], gotcmd[FILTER_BATCH];
	struct zt_proc miss[FILTER_BATCH];
	int where[FILTER_BATCH] = { 0 };	/* set below for i < nm */

	for (int base = 0; base < n; base += FILTER_BATCH) {
		int m = n - base < FILTER_BATCH ? n - base : FILTER_BATCH, nm = 0;
		for (int i = 0; i < m; i++) {
			struct zt_proc *r = &rows[base + i];
			int rc = p->dc ? detcache_fill(p->dc, r, pid_start(p, r->pid),
			    p->fresh, row_src(p, r, true)) : DETCACHE_MISS;
			gone[base + i] = rc == DETCACHE_GONE;
			if (rc == DETCACHE_HIT && r->user[0] == '\0' && zt_have(r->uid))
				strlcpy0(r->user, user_name(p, r->uid), sizeof r->user);
			if (rc == DETCACHE_MISS) {
				miss[nm] = *r;
				where[nm++] = base + i;
			}
		}
		struct proc_lib *pl = nm > 0 ? details_lib(p) : NULL;
		bool lib = pl != NULL && proc_lib_fill(pl, miss, nm, got,
		    gotcmd) >= 0;
		for (int i = 0; i < nm; i++) {
			struct zt_proc *r = &rows[where[i]];
			*r = miss[i];
			gone[where[i]] = read_row(p, r, lib && got[i],
			    lib && gotcmd[i]) < 0;
			if (!gone[where[i]] && p->dc && r->start_time != 0)
				detcache_put(p->dc, r, r->start_time,
				    row_src(p, r, false));
		}
	}
}

static bool
pid_listed(const int *pids, int pid)
{
	for (; *pids != 0; pids++)
		if (*pids == pid)
			return true;
	return false;
}

static int
cmp_int_key(const void *key, const void *elem)
{
	int a = *(const int *)key, b = *(const int *)elem;

	return (a > b) - (a < b);
}

/* The uid -u names: a number, or a name in this machine's passwd (a
 * capture's names are unknown: give it uids).  -1 when there is none. */
static int
resolve_user(const struct procs *p, const char *user, int64_t *uid)
{
	struct passwd pw, *res = NULL;
	char b[1024];

	if (parse_i64_str(user, uid) && *uid >= 0)
		return 0;
	if (!p->live || getpwnam_r(user, &pw, b, sizeof b, &res) != 0 ||
	    res == NULL)
		return -1;
	*uid = res->pw_uid;
	return 0;
}

/* Effective uid from PID/status alone, for -u before the details:
 * 0 (ZT_NA when unreadable), -1 when the task is gone. */
static int
status_uid(struct procs *p, int pid, int64_t *uid)
{
	struct zt_proc r;
	int rc = read_pid_file(p, pid, "status");

	*uid = ZT_NA;
	if (rc < 0)
		return gone_errno(-rc) ? -1 : 0;
	memset(&r, 0, sizeof r);
	r.uid = ZT_NA;
	procs_parse_status(p->buf.p, p->buf.len, &r);
	*uid = r.uid;
	return 0;
}

struct filter {
	const int *pids;
	bool by_uid;		/* -u */
	int64_t uid;		/* ZT_NA: -u named nobody known */
	const char *cgroup;
	int *members;		/* sorted; NULL: judge by the row's path */
	int nmembers;
};

/* The ranked task of pid this refresh, -1 none. */
static int
pid_task(const struct procs *p, int pid)
{
	uint32_t slot;
	int idx = table_find(p, pid, &slot);

	return idx >= 0 ? p->ents[idx].task : -1;
}

/* Effective uid for -u: the task source's where it gave one, else
 * PID/status.  -1 when the task is gone. */
static int
pid_uid(struct procs *p, int pid, int64_t *uid)
{
	int t = p->hints != NULL ? pid_task(p, pid) : -1;

	if (t >= 0 && p->tasks[t].t.uid != BADNESS_NA) {
		*uid = p->tasks[t].t.uid;
		return 0;
	}
	return status_uid(p, pid, uid);
}

/* What the task source said of a row's task (procs_sample_tasks). */
static void
row_hint(const struct procs *p, struct zt_proc *r, int task)
{
	struct procs_row_hint hv, *h = &hv;
	struct badness_task bt;

	if (p->hints == NULL || task < 0 || p->tasks[task].src < 0)
		return;
	p->hints(p->src, p->tasks[task].src, &bt, h);
	memcpy(r->comm, h->comm, sizeof h->comm);
	r->comm[sizeof h->comm] = '\0';
	r->state = h->state;
	r->start_time = h->start_time;
	if (p->tasks[task].t.uid != BADNESS_NA)
		r->uid = p->tasks[task].t.uid;
}

/* Can this pid be decided before its details are read?  -u costs one
 * read of PID/status (none with a task source), far less than the
 * details. */
static bool
cheap_pass(struct procs *p, const struct filter *f, int pid)
{
	int64_t uid;

	if (f->pids && !pid_listed(f->pids, pid))
		return false;
	if (f->cgroup && f->members &&
	    bsearch(&pid, f->members, (size_t)f->nmembers, sizeof *f->members,
	    cmp_int_key) == NULL)
		return false;
	if (f->by_uid && (!zt_have(f->uid) || pid_uid(p, pid, &uid) < 0 ||
	    uid != f->uid))
		return false;
	return true;
}

static bool
detail_pass(const struct filter *f, const struct zt_proc *r)
{
	if (f->by_uid && r->uid != f->uid)
		return false;	/* changed its uid since */
	if (f->cgroup && f->members == NULL &&
	    (r->cgroup == NULL || !cgroup_path_within(r->cgroup, f->cgroup)))
		return false;
	return true;
}

static void cand_sort_rest(struct procs *p, int ncand);

/* Pick and read the rows to show into s->procs. */
static void
select_rows(struct procs *p, struct zt_snapshot *s, int ncand, int want,
    const struct filter *f)
{
	struct zt_proc *rows = NULL;
	int nrows = 0, caprows = 0, i = 0;
	bool gone[FILTER_BATCH];
	struct zt_proc batch[FILTER_BATCH];

	while (i < ncand && nrows < want) {
		int m = 0;
		int room = want - nrows;
		/* without detail filters every row read is kept */
		int lim = f->cgroup && !f->members ?
		    FILTER_BATCH : (room < FILTER_BATCH ? room : FILTER_BATCH);

		for (; i < ncand && m < lim; i++) {
			if (i >= p->nsorted)
				cand_sort_rest(p, ncand);
			if (cheap_pass(p, f, p->cand[i].pid)) {
				row_init(&batch[m], p->cand[i].pid,
				    cand_score(&p->cand[i]), p->cand[i].grank);
				row_hint(p, &batch[m++], p->cand[i].task);
			}
		}
		if (m == 0)
			break;
		read_details(p, batch, m, gone);
		for (int k = 0; k < m; k++) {
			if (gone[k] || nrows >= want || !detail_pass(f, &batch[k])) {
				row_free(&batch[k]);
				continue;
			}
			if (nrows == caprows) {
				caprows = caprows ? caprows * 2 : 64;
				rows = xreallocarray(rows, (size_t)caprows, sizeof *rows);
			}
			rows[nrows++] = batch[k];
		}
	}
	s->procs = rows;
	s->nprocs = nrows;
}

/* A memcg OOM's victim: the first member with a positive score (the
 * order by badness is the same whatever totalpages divides it). */
static int
cgroup_victim(const struct procs *p, const struct zt_snapshot *s, int ncand,
    const struct filter *f)
{
	if (f->members == NULL) {
		for (int i = 0; i < s->nprocs; i++)
			if (s->procs[i].killable && zt_have(s->procs[i].oom_score) &&
			    s->procs[i].oom_score > 0)
				return s->procs[i].pid;
		return 0;
	}
	for (int i = 0; i < ncand; i++) {
		if (p->cand[i].score <= 0)
			break;
		if (bsearch(&p->cand[i].pid, f->members, (size_t)f->nmembers,
		    sizeof *f->members, cmp_int_key) != NULL)
			return p->cand[i].pid;
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* scopes                                                            */

/* The nearest cgroup at or above tree index cg whose own limit can start
 * a memcg OOM; -1 none (only the global OOM reaches it). */
static int
limited_scope(const struct cgroup_tree *t, int cg)
{
	for (int hops = 0; cg > 0 && hops <= t->n; hops++) {
		if (cgroup_limited(&t->cg[cg]))
			return cg;
		cg = t->cg[cg].parent;
	}
	return -1;
}

/* mem_cgroup_get_max() of c; ZT_NA when c has no limit of its own. */
static int64_t
scope_total(const struct zt_snapshot *s, const struct zt_cgroup_info *c)
{
	/* v2 has no per-cgroup swappiness: the global one applies */
	int64_t sw = c->version == 2 || !zt_have(c->swappiness) ?
	    s->sysctl.swappiness : c->swappiness;

	if (!cgroup_limited(c))
		return ZT_NA;
	return badness_total_memcg(c->limit_kb, c->swap_limit_kb,
	    kvs_get(&s->meminfo, "SwapTotal"), zt_have(sw) ? sw : 60,
	    s->page_kb);
}

static bool
is_member(const struct filter *f, int pid)
{
	return f->members != NULL && bsearch(&pid, f->members,
	    (size_t)f->nmembers, sizeof *f->members, cmp_int_key) != NULL;
}

/* Read the exact figures of every contender into tasks[]. */
static void
exact_collect(struct procs *p, struct zt_snapshot *s, int ncand,
    int32_t floor, const struct filter *f)
{
	bool tree = p->tree.n > 0;

	p->ntasks = 0;
	p->ncached = 0;
	for (int i = 0; i < ncand; i++) {
		struct cand *c = &p->cand[i];
		uint32_t slot;
		int idx = table_find(p, c->pid, &slot);

		c->ent = idx;
		if (idx < 0)
			continue;
		struct pent *e = &p->ents[idx];
		int cg = tree ? cgroup_tree_of_pid(&p->tree, c->pid) : -1;
		int scope = cg > 0 ? limited_scope(&p->tree, cg) : -1;
		bool need = c->score >= 0 && c->score >= floor;
		c->group = need ? INT32_MAX : c->score;
		if (!need && scope < 0 && !(f->cgroup && is_member(f, c->pid)))
			continue;
		exact_read(p, e, s->page_kb);
		struct ptask *pt = &p->tasks[e->task];
		c->task = e->task;
		pt->cand = i;
		pt->ent = idx;
		pt->cg = cg;
		pt->scope = scope;
		if (cg >= 0) {
			pt->t.memcg_seq = (uint32_t)cg + 1;
			pt->t.memcg_id = p->tree.cg[cg].ino;
		}
	}
}

/* How many tasks exact_collect would read: the contenders and the
 * members of limited memory cgroups. */
static int
quick_contenders(const struct procs *p, int ncand, int32_t floor)
{
	bool tree = p->tree.n > 0;
	int n = 0;

	for (int i = 0; i < ncand; i++) {
		const struct cand *c = &p->cand[i];
		int cg = tree ? cgroup_tree_of_pid(&p->tree, c->pid) : -1;
		if ((c->score >= 0 && c->score >= floor) ||
		    (cg > 0 && limited_scope(&p->tree, cg) >= 0))
			n++;
	}
	return n;
}

/* The exact pass left for the next sample: no task has figures, every
 * candidate keeps its place by score, and s says how many wait. */
static void
exact_skip(struct procs *p, struct zt_snapshot *s, int ncand, int waiting)
{
	p->ntasks = 0;
	p->ncached = 0;
	s->victim_pending = waiting;
	for (int i = 0; i < ncand; i++) {
		p->cand[i].group = p->cand[i].score;
		p->cand[i].ent = -1;
		p->cand[i].task = -1;
	}
}

static int
cmp_cand_exact(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->group != y->group)
		return x->group > y->group ? -1 : 1;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* cand[] was sorted: point each task at its candidate again. */
static void
cand_relink(struct procs *p, int ncand)
{
	for (int i = 0; i < ncand; i++)
		if (p->cand[i].task >= 0)
			p->tasks[p->cand[i].task].cand = i;
}

/* The first EXACT_HOT of the ranking just made (scope_rank) get their
 * figures read afresh next time. */
static void
mark_hot(struct procs *p, int m)
{
	for (int r = 0; r < m && r < EXACT_HOT; r++)
		p->ents[p->tasks[p->sidx[p->sorder[r]]].ent].hot = true;
}

/* cand[] past nsorted in its final order (exact_global_top left it
 * unordered): the chosen by the kernel's ranking, then the rest by
 * score. */
static void
cand_sort_rest(struct procs *p, int ncand)
{
	int n = p->nsorted, m = 0;

	if (n >= ncand)
		return;
	scratch_grow(p, ncand - n);
	for (int i = n; i < ncand; i++) {
		struct cand *c = &p->cand[i];
		if (c->group != INT32_MAX)
			continue;
		/* in cand order, which is tasks[] order (tasks_add) */
		p->stask[m] = c->task;
		p->spoints[m] = p->tasks[c->task].points;
		p->sidx[m++] = i;
	}
	badness_order_set(&p->kern, scratch_set(p), m, p->spoints, false,
	    p->sorder);
	for (int r = 0; r < m; r++)
		p->cand[p->sidx[p->sorder[r]]].pos = n + r;
	qsort(p->cand + n, (size_t)(ncand - n), sizeof *p->cand,
	    cmp_cand_exact);
	for (int i = n; i < ncand; i++) {
		p->cand[i].grank = i + 1;
		p->tasks[p->cand[i].task].cand = i;
	}
	p->nsorted = ncand;
}

/* exact_global for a task source (every candidate has its figures and
 * its points from tasks_add): only the first top need an order now, the
 * rest when a filter looks past them (cand_sort_rest). */
static void
exact_global_top(struct procs *p, struct zt_snapshot *s, int ncand, int top)
{
	int nchosen = 0, np = 0, kt;

	scratch_grow(p, ncand);
	for (int i = 0; i < ncand; i++) {
		/* tasks_add made tasks[i] the task of cand[i] */
		p->spoints[i] = p->tasks[i].points;
		if (chosen_points(p->spoints[i]))
			nchosen++;
		else
			p->cand[i].group = p->cand[i].score;
	}
	kt = badness_top(&p->kern, &p->tasks[0].t, sizeof *p->tasks, ncand,
	    p->spoints, false, top, p->sorder);
	if (kt > p->capcand2) {
		p->capcand2 = kt;
		p->cand2 = xreallocarray(p->cand2, (size_t)kt, sizeof *p->cand2);
	}
	/* the final order begins with the best chosen, in rank order */
	for (int r = 0; r < kt; r++) {
		int j = p->sorder[r];
		if (!chosen_points(p->spoints[j]))
			break;		/* the chosen come first */
		p->cand[j].pos = r;
		p->cand2[np] = p->cand[j];
		p->cand2[np].grank = np + 1;
		np++;
	}
	/* in place, not in a second array of every candidate: the rest
	 * moved to the end in their order (from the back, k >= i), then
	 * the chosen before them */
	for (int i = ncand - 1, k = ncand; i >= 0; i--)
		if (p->cand[i].pos == INT32_MAX)
			p->cand[--k] = p->cand[i];
	if (np > 0)
		memcpy(p->cand, p->cand2, (size_t)np * sizeof *p->cand);
	p->nsorted = np;
	for (int i = 0; i < ncand; i++)
		p->tasks[p->cand[i].task].cand = i;
	/* every chosen one placed: the rest (by score) is cheap to order */
	if (np == nchosen)
		cand_sort_rest(p, ncand);
	/* no points known: the first positive score stands for the
	 * victim, as in exact_global */
	s->predicted_victim = np > 0 ? p->cand[0].pid :
	    ncand > 0 && p->cand[0].score > 0 ? p->cand[0].pid : 0;
}

/* The global scope: order cand[] by the kernel's points where known
 * (the contenders, then the rest by score) and pick the victim. */
static void
exact_global(struct procs *p, struct zt_snapshot *s, int ncand)
{
	int64_t page_size = (int64_t)s->page_kb * 1024;
	int m = scope_rank(p, -1, NULL, s->totalpages, page_size, false);

	for (int i = 0; i < p->nents; i++)
		p->ents[i].hot = false;
	mark_hot(p, m);
	for (int r = 0; r < m; r++) {
		int j = p->sorder[r];
		struct ptask *pt = &p->tasks[p->sidx[j]];
		struct cand *c = &p->cand[pt->cand];
		pt->points = p->spoints[j];
		/* contenders without points (unreadable, unknown rules,
		 * ineligible) keep their place by score */
		if (chosen_points(pt->points))
			c->pos = r;
		else
			c->group = c->score;
	}
	if (ncand > 1)
		qsort(p->cand, (size_t)ncand, sizeof *p->cand, cmp_cand_exact);
	cand_relink(p, ncand);
	p->nsorted = ncand;
	s->predicted_victim = 0;
	for (int i = 0; i < ncand; i++) {
		struct cand *c = &p->cand[i];
		c->grank = i + 1;
		if (s->predicted_victim != 0 || c->group != INT32_MAX)
			continue;
		if (c->task >= 0 && chosen_points(p->tasks[c->task].points))
			s->predicted_victim = c->pid;
	}
	/* no points known: the kernel scores 0 whatever it will not kill,
	 * so the first positive score stands for it (not when the exact
	 * pass was left for the next sample: its contenders tie or nearly) */
	for (int i = 0; i < ncand && s->predicted_victim == 0 && !p->pending; i++)
		if (p->cand[i].group != INT32_MAX) {
			if (p->cand[i].score > 0)
				s->predicted_victim = p->cand[i].pid;
			break;
		}
}

static void
kvs_copy(struct zt_kvs *dst, const struct zt_kvs *src)
{
	memset(dst, 0, sizeof *dst);
	for (int i = 0; i < src->n; i++)
		kvs_set(dst, src->v[i].key, src->v[i].val);
}

/* Has pid died, lost its mm, been killed or reaped since the last
 * refresh?  (Listed no more, in no cgroup any more, exiting, read
 * without an mm or with SIGKILL pending, or scored 0 by a kernel that
 * scores only the skipped so.) */
static bool
victim_died(struct procs *p, int pid, bool memcg)
{
	uint32_t slot;
	int idx = table_find(p, pid, &slot);

	if (idx < 0)
		return true;
	/* a zombie is listed under /proc, but in no cgroup.procs (the
	 * root's are not read: only a memcg's victim can be told so) */
	if (memcg && p->tree.n > 0 && cgroup_tree_of_pid(&p->tree, pid) < 0)
		return true;
	/* reaped by the OOM reaper (MMF_OOM_SKIP): 5.9+ scores it 0 */
	if (p->kern.rules == BADNESS_RULES_5_9 && p->ents[idx].score == 0)
		return true;
	/* exiting now (PF_EXITING), between the kill and losing its mm;
	 * one read, only when a scope's prediction moved */
	struct procs_stat st;
	int rc = read_pid_file(p, pid, "stat");
	if (rc < 0 && gone_errno(-rc))
		return true;
	if (rc == 0 && procs_parse_stat(p->buf.p, p->buf.len, &st) == 0 &&
	    ((st.flags & PF_EXITING_FLAG) != 0 || st.state == 'Z' ||
	    st.state == 'X'))
		return true;
	int t = p->ents[idx].task;
	return t >= 0 && (p->tasks[t].t.flags &
	    (BADNESS_F_NO_MM | BADNESS_F_OOM_SKIP | BADNESS_F_VICTIM)) != 0;
}

/* The last refresh's victim of the scope ino (0: global), replaced by
 * now's; returns it when it died since, else 0. */
static int
victim_swap(struct procs *p, uint64_t ino, int now)
{
	int before = 0;

	if (ino == 0) {
		before = p->last_victim;
		p->last_victim = now;
	} else {
		int i;
		for (i = 0; i < p->nlast && p->last[i].ino != ino; i++)
			;
		if (i == p->nlast) {
			if (p->nlast == p->caplast) {
				p->caplast = p->caplast ? p->caplast * 2 : 16;
				p->last = xreallocarray(p->last, (size_t)p->caplast,
				    sizeof *p->last);
			}
			p->last[p->nlast].ino = ino;
			p->last[p->nlast++].pid = 0;
		}
		before = p->last[i].pid;
		p->last[i].pid = now;
	}
	return before != 0 && before != now &&
	    victim_died(p, before, ino != 0) ? before : 0;
}

/* Every memory cgroup with a limit: its own ranking and victim. */
static void
exact_cgroups(struct procs *p, struct zt_snapshot *s)
{
	int64_t page_size = (int64_t)s->page_kb * 1024;

	if (p->tree.n <= 1)
		return;
	s->ncgroups = p->tree.n - 1;
	s->cgroups = xcalloc((size_t)s->ncgroups, sizeof *s->cgroups);
	for (int c = 1; c < p->tree.n; c++) {
		struct zt_cgroup_info *o = &s->cgroups[c - 1];
		*o = p->tree.cg[c];
		kvs_copy(&o->events, &p->tree.cg[c].events);
		o->parent = o->parent > 0 ? o->parent - 1 : -1;
		o->totalpages = scope_total(s, o);
		if (!zt_have(o->totalpages))
			continue;
		int m = scope_rank(p, c, NULL, o->totalpages, page_size, true);
		mark_hot(p, m);
		for (int r = 0; r < m; r++) {
			int j = p->sorder[r];
			struct ptask *pt = &p->tasks[p->sidx[j]];
			bool ok = chosen_points(p->spoints[j]);
			if (r == 0 && ok) {
				o->predicted_victim = pt->t.tgid;
				o->victim_points = p->spoints[j];
			}
			if (pt->scope == c) {
				pt->scope_rank = ok ? r + 1 : 0;
				pt->scope_points = p->spoints[j];
			}
		}
		if (p->live && !p->pending)
			o->victim_gone = victim_swap(p, o->ino,
			    o->predicted_victim);
	}
}

/* Present pages of the nodes in mems, from the snapshot's zones; -1
 * where a node's are not printed. */
static int64_t
nodes_present(const struct zt_snapshot *s, const struct cpuset_nodes *mems)
{
	int64_t sum = 0;

	for (int i = 0; i < s->nzones; i++) {
		if (!cpuset_nodes_has(mems, s->zones[i].node))
			continue;
		if (!zt_have(s->zones[i].present))
			return -1;
		sum += s->zones[i].present;
	}
	return sum;
}

/* Every cpuset restricted to some of the nodes with memory: an OOM
 * constrained to them (CONSTRAINT_CPUSET) ranks the tasks whose nodes
 * intersect its own (oom_cpuset_eligible), with its nodes' present
 * pages plus swap as totalpages (constrained_alloc).  A task's nodes
 * are its cpuset's; one in no restricted cpuset has all of them. */
static void
exact_cpusets(struct procs *p, struct zt_snapshot *s)
{
	int64_t page_size = (int64_t)s->page_kb * 1024;
	int64_t swap = kvs_get(&s->meminfo, "SwapTotal");

	s->cpusets_why[0] = '\0';
	if (cpuset_tree_read(p->pf, &p->cs) < 0) {
		strlcpy0(s->cpusets_why, p->cs.why, sizeof s->cpusets_why);
		return;
	}
	if (p->cs.nrestricted == 0)
		return;
	s->cpusets = xcalloc((size_t)p->cs.nrestricted, sizeof *s->cpusets);
	scratch_grow(p, p->ntasks > 0 ? p->ntasks : 1);
	for (int c = 0; c < p->cs.n; c++) {
		const struct cpuset_dir *d = &p->cs.dirs[c];
		if (!d->restricted)
			continue;
		struct zt_cpuset_info *o = &s->cpusets[s->ncpusets++];
		strlcpy0(o->path, d->path, sizeof o->path);
		o->version = p->cs.version;
		cpuset_format_nodes(&d->mems, o->mems, sizeof o->mems);
		o->victim_points = ZT_NA;
		int64_t present = nodes_present(s, &d->mems);
		o->totalpages = present < 0 ? ZT_NA : badness_total_nodes(&present,
		    1, zt_have(swap) ? swap : 0, s->page_kb);
		if (!zt_have(o->totalpages))
			continue;
		int m = 0;
		for (int i = 0; i < p->ntasks; i++) {
			int in = cpuset_tree_of_pid(&p->cs, p->tasks[i].t.tgid);
			if (in >= 0 && !cpuset_nodes_intersect(&p->cs.dirs[in].mems,
			    &d->mems))
				continue;
			p->stask[m] = i;
			p->spoints[m++] = badness_points(&p->kern, &p->tasks[i].t,
			    o->totalpages, page_size);
		}
		o->eligible = m;
		if (m > 0 && badness_top_set(&p->kern, scratch_set(p), m,
		    p->spoints, false, 1, p->sorder) == 1 &&
		    chosen_points(p->spoints[p->sorder[0]])) {
			o->predicted_victim = p->tasks[p->stask[p->sorder[0]]].t.tgid;
			o->victim_points = p->spoints[p->sorder[0]];
		}
	}
}

/* --cgroup: rank its members with its totalpages (its own limit, else
 * the nearest limited ancestor's, else the machine's), in the order
 * that OOM scans (a memcg's cgroup by cgroup, a global one the task
 * list), and put them first in cand[] in that order. */
static void
exact_view(struct procs *p, struct zt_snapshot *s, int ncand,
    const struct filter *f)
{
	int64_t page_size = (int64_t)s->page_kb * 1024, total;
	int c = cgroup_tree_find(&p->tree, f->cgroup), lim;

	if (c < 0 || f->members == NULL)
		return;
	cand_sort_rest(p, ncand);	/* every global rank, for the rows */
	if (c == 0) {
		/* the root: no memcg OOM there, the machine's ranking */
		s->cgroup.totalpages = s->totalpages;
		s->cgroup.predicted_victim = s->predicted_victim;
		return;
	}
	lim = limited_scope(&p->tree, c);
	total = lim > 0 ? scope_total(s, &p->tree.cg[lim]) : s->totalpages;
	s->cgroup.totalpages = total;
	if (!zt_have(total))
		return;
	int m = scope_rank(p, c, f, total, page_size, lim > 0);
	mark_hot(p, m);
	for (int i = 0; i < ncand; i++) {
		p->cand[i].group = INT32_MIN;
		p->cand[i].pos = INT32_MAX;
	}
	for (int r = 0; r < m; r++) {
		int j = p->sorder[r];
		struct ptask *pt = &p->tasks[p->sidx[j]];
		bool ok = chosen_points(p->spoints[j]);
		if (r == 0 && ok) {
			s->cgroup.predicted_victim = pt->t.tgid;
			s->cgroup.victim_points = p->spoints[j];
		}
		pt->view_rank = ok ? r + 1 : 0;
		pt->view_points = p->spoints[j];
		/* members without points (unknown rules, unreadable,
		 * ineligible) keep their place by score, as in exact_global,
		 * after the chosen and before the others */
		p->cand[pt->cand].group = ok ? INT32_MAX : p->cand[pt->cand].score;
		p->cand[pt->cand].pos = r;
	}
	if (ncand > 1)
		qsort(p->cand, (size_t)ncand, sizeof *p->cand, cmp_cand_exact);
	cand_relink(p, ncand);
}

static int64_t
shown_points(int64_t v)
{
	return chosen_points(v) ? v : ZT_NA;
}

/* The exact figures onto the rows shown. */
static void
exact_rows(struct procs *p, struct zt_snapshot *s, const struct filter *f)
{
	int vc = f->cgroup ? cgroup_tree_find(&p->tree, f->cgroup) : -1;

	for (int i = 0; i < s->nprocs; i++) {
		struct zt_proc *r = &s->procs[i];
		uint32_t slot;
		int idx = table_find(p, r->pid, &slot);
		int t = idx >= 0 ? p->ents[idx].task : -1;

		r->cgroup_scope = -1;
		r->cgroup_rank = 0;
		r->points = r->cgroup_points = ZT_NA;
		if (t < 0) {
			/* not a contender: its points from its own details */
			struct badness_task bt;
			procs_row_task(r, s->page_kb, &bt);
			r->points = shown_points(badness_points(&p->kern, &bt,
			    s->totalpages, (int64_t)s->page_kb * 1024));
			continue;
		}
		struct ptask *pt = &p->tasks[t];
		r->points = shown_points(pt->points);
		/* the figures it was ranked by, read moments before (a
		 * task without mm has none) */
		if (!(pt->t.flags & BADNESS_F_NO_MM) &&
		    pt->t.rss_anon != BADNESS_NA && pt->t.swapents != BADNESS_NA &&
		    pt->t.pgtables_bytes != BADNESS_NA) {
			r->rss_kb = (pt->t.rss_anon + pt->t.rss_file +
			    pt->t.rss_shmem) * s->page_kb;
			r->swap_kb = pt->t.swapents * s->page_kb;
			r->pgtables_kb = pt->t.pgtables_bytes / 1024;
			r->oom_score_adj = pt->t.oom_score_adj;
		} else if (p->hints != NULL && pt->src >= 0)
			r->oom_score_adj = pt->t.oom_score_adj;	/* the source's */
		if (f->cgroup && vc >= 0) {
			r->cgroup_scope = vc > 0 ? vc - 1 : -1;
			r->cgroup_rank = pt->view_rank;
			r->cgroup_points = shown_points(pt->view_points);
		} else if (pt->scope > 0) {
			r->cgroup_scope = pt->scope - 1;
			r->cgroup_rank = pt->scope_rank;
			r->cgroup_points = shown_points(pt->scope_points);
		}
	}
}

/* -p, -u and --cgroup into f (free f->members). */
static void
filter_init(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o, struct filter *f)
{
	memset(f, 0, sizeof *f);
	if (o->filter_pids && o->filter_pids[0] != 0)
		f->pids = o->filter_pids;
	if (o->filter_user && o->filter_user[0]) {
		f->by_uid = true;
		if (resolve_user(p, o->filter_user, &f->uid) < 0)
			f->uid = ZT_NA;
	}
	if (o->filter_cgroup && o->filter_cgroup[0]) {
		f->cgroup = o->filter_cgroup;
		cgroup_view(p->pf, f->cgroup, &s->cgroup, &f->members,
		    &f->nmembers);
	}
}

/* The one ranking of both task sources: cand[0..ncand) and tasks[]
 * hold what was read; every scope's ranking, the victims, the rows. */
static void
rank_scopes(struct procs *p, struct zt_snapshot *s, int ncand, int want,
    const struct filter *f)
{
	int formula;

	/* a task source's ranking: the rows' worth (and a filter's
	 * batch) ordered now, the rest only if a filter needs it */
	if (p->hints != NULL && want < ncand / 4)
		exact_global_top(p, s, ncand, want + FILTER_BATCH);
	else
		exact_global(p, s, ncand);
	if (p->live && !p->pending)
		s->victim_gone = victim_swap(p, 0, s->predicted_victim);
	exact_cgroups(p, s);
	exact_cpusets(p, s);
	if (f->cgroup)
		exact_view(p, s, ncand, f);
	s->ncontenders = p->ntasks;
	s->points_margin = 0;
	s->points_counts = ZT_COUNTS_SUM;	/* procs_bpf.c may know better */
	if (p->live) {
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		s->points_margin = badness_count_margin(&p->kern,
		    ncpu > 0 && ncpu < 65536 ? (int)ncpu : 1);
	}
	/* fds left after one per pid on oom_score (none kept for a task
	 * source's pids) */
	if (p->dc)
		detcache_begin(p->dc, p->fd_cap - (p->hints ? p->nkept : p->nents),
		    p->budget - p->nkept);
	select_rows(p, s, ncand, want, f);
	if (p->dc)
		detcache_end(p->dc);
	exact_rows(p, s, f);

	/* formula: this kernel's, once the rows have told */
	formula = procs_guess_formula(s->procs, s->nprocs);
	if (p->live && formula != PROCS_FORMULA_UNKNOWN)
		p->formula = formula;
	else if (p->live)
		formula = p->formula;
	for (int i = 0; i < s->nprocs; i++)
		procs_derive_row(&s->procs[i], s->totalpages, s->page_kb, formula);
	/* without points (unknown rules): the first member that scores */
	if (f->cgroup && s->cgroup.predicted_victim == 0)
		s->cgroup.predicted_victim = cgroup_victim(p, s, ncand, f);
}

int
procs_sample(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o)
{
	char why[ZT_WHY_LEN];
	struct filter f;
	int ncand, want;

	p->hints = NULL;
	s->totalpages = procs_total_pages(s);
	update_budget(p, s);
	p->gen++;
	if (list_pids(p, why, sizeof why) < 0) {
		status_set(s, ZT_SRC_PROCS, false, why);
		return -1;
	}
	ncand = rank_pass(p);
	s->nprocs_total = ncand;
	filter_init(p, s, o, &f);
	want = o->detail_rows < 0 ? INT_MAX : o->detail_rows;
	p->fresh = o->detail_rows >= 0;
	p->own_details = o->own_details;
	p->filtered = f.pids || f.by_uid || f.cgroup;

	/* the exact pass: the kernel's points for whoever can still win,
	 * in the global scope and in each memory cgroup */
	badness_kernel_init(&p->kern, s->kernel,
	    p->formula == PROCS_FORMULA_NEW);
	if (cgroup_tree_read(p->pf, &p->tree) < 0)
		p->tree.n = 0;
	int32_t floor = contender_floor(p, ncand, want);
	int nq = o->quick_first && p->gen == 1 && p->live &&
	    o->detail_rows >= 0 && !p->filtered ?
	    quick_contenders(p, ncand, floor) : 0;
	p->pending = nq > PROCS_QUICK;
	if (p->pending)
		exact_skip(p, s, ncand, nq);
	else
		exact_collect(p, s, ncand, floor, &f);
	rank_scopes(p, s, ncand, want, &f);
	p->pending = false;
	free(f.members);
	status_set(s, ZT_SRC_PROCS, true, NULL);
	return 0;
}

/* ---------------------------------------------------------------- */
/* another task source: every task's exact inputs at once            */

static int
cmp_ino(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The tree by directory inode (a memory cgroup's id is its kernfs id,
 * the inode number of its directory); the root (ino 0 in the tree) is
 * left out, as cgroup_tree_of_pid leaves out its pids. */
static void
ino_index(struct procs *p)
{
	if (p->tree.n > p->capinos) {
		p->capinos = p->tree.n;
		p->inos = xreallocarray(p->inos, (size_t)p->capinos,
		    sizeof *p->inos);
	}
	for (int c = 1; c < p->tree.n; c++) {
		p->inos[c - 1].ino = p->tree.cg[c].ino;
		p->inos[c - 1].cg = c;
	}
	if (p->tree.n > 2)
		qsort(p->inos, (size_t)p->tree.n - 1, sizeof *p->inos, cmp_ino);
}

/* Tree index of a task's memory cgroup: by its id, else (a cgroup made
 * between the two reads, an id unknown) by the cgroup.procs read. */
static int
task_cgroup(const struct procs *p, const struct badness_task *t)
{
	if (p->tree.n <= 1)
		return -1;
	if (t->memcg_id != 0) {
		uint64_t key = t->memcg_id;
		const void *hit = bsearch(&key, p->inos, (size_t)p->tree.n - 1,
		    sizeof *p->inos, cmp_ino);
		if (hit != NULL)
			return ((const struct ino_cg *)hit)->cg;
	}
	return cgroup_tree_of_pid(&p->tree, t->tgid);
}

/* One task of the source into ents[] (for the rows' details and
 * victim_gone), cand[ncand] and tasks[]. */
static void
tasks_add(struct procs *p, const struct zt_snapshot *s,
    const struct badness_task *t, const struct procs_row_hint *h, int src,
    int ncand)
{
	uint32_t slot;
	int g = src < p->capsrcent ? p->srcent[src] : -1;
	int idx = g >= 0 && g < p->nents && p->ents[g].pid == t->tgid ? g :
	    table_find(p, t->tgid, &slot);
	struct pent *e;

	if (idx >= 0 && p->ents[idx].known &&
	    p->ents[idx].start != h->start_time)
		ent_unkeep(p, &p->ents[idx]);	/* a reused pid */
	if (idx < 0) {
		e = table_add(p, t->tgid);
		idx = (int)(e - p->ents);
	}
	if (src < p->capsrcent)
		p->srcent[src] = idx;
	e = &p->ents[idx];
	e->gen = p->gen;
	e->statted = e->known = true;
	e->kthread = false;
	e->start = h->start_time;
	e->cached = e->hot = e->st_known = false;
	e->task = p->ntasks;

	struct ptask *pt = task_add(p);
	int64_t pts = badness_points(&p->kern, t, s->totalpages,
	    (int64_t)s->page_kb * 1024);
	int64_t score = badness_oom_score(&p->kern, pts, s->totalpages);
	struct cand *c = &p->cand[ncand];

	pt->points = pts;	/* the global scope's (exact_global_top) */
	pt->t = *t;
	pt->src = src;
	pt->ent = idx;
	pt->cand = ncand;
	pt->cg = task_cgroup(p, t);
	pt->scope = pt->cg > 0 ? limited_scope(&p->tree, pt->cg) : -1;
	pt->t.memcg_seq = pt->cg >= 0 ? (uint32_t)pt->cg + 1 : 0;
	c->pid = t->tgid;
	c->score = !zt_have(score) ? -1 :
	    score > INT32_MAX ? INT32_MAX : (int32_t)score;
	c->pos = INT32_MAX;
	c->group = INT32_MAX;	/* every task's figures are exact */
	c->grank = 0;
	c->ent = idx;
	c->task = e->task;
	e->score = c->score;
}

/* procs_sample_tasks' arrays as a source */
struct task_arrays {
	const struct badness_task *tasks;
	const struct procs_row_hint *hints;
};

static void
arrays_get(const void *src, int i, struct badness_task *t,
    struct procs_row_hint *h)
{
	const struct task_arrays *a = src;

	*t = a->tasks[i];
	*h = a->hints[i];
}

int
procs_read_task(struct procs *p, int pid, int page_kb,
    struct badness_task *t, struct procs_row_hint *h)
{
	struct procs_stat st;
	int64_t v;

	memset(t, 0, sizeof *t);
	memset(h, 0, sizeof *h);
	if (read_pid_file(p, pid, "stat") != 0 ||
	    procs_parse_stat(p->buf.p, p->buf.len, &st) < 0)
		return -1;
	memcpy(h->comm, st.comm, sizeof h->comm - 1);
	h->state = st.state;
	h->start_time = st.start_time;
	t->tgid = pid;
	t->uid = BADNESS_NA;
	t->start_time = 0;	/* the iterator's are ns; pid 1 came first */
	t->counts = BADNESS_COUNTS_SUM;
	t->known = BADNESS_F_KTHREAD | BADNESS_F_INIT;
	if (st.flags & PF_KTHREAD_FLAG)
		t->flags |= BADNESS_F_KTHREAD;
	if (read_pid_file(p, pid, "status") != 0 ||
	    procs_parse_badness(p->buf.p, p->buf.len, page_kb, t) < 0)
		t->rss_anon = BADNESS_NA;
	else
		thread_mm(p, pid, page_kb, t);
	if (pid_adj(p, pid, &v))
		t->oom_score_adj = (int32_t)v;
	else
		t->rss_anon = BADNESS_NA;
	/* the global init scores 0 (a container's pid 1 would not) */
	if (pid == 1 && read_pid_file(p, pid, "oom_score") == 0 &&
	    parse_i64_str(p->buf.p, &v) && v <= 0)
		t->flags |= BADNESS_F_INIT;
	return 0;
}

int64_t
procs_read_witness(struct procs *p, int pid, int page_kb,
    struct badness_task *after)
{
	int64_t v;

	memset(after, 0, sizeof *after);
	after->rss_anon = after->rss_file = after->rss_shmem = BADNESS_NA;
	after->swapents = after->pgtables_bytes = BADNESS_NA;
	if (read_pid_file(p, pid, "oom_score") != 0 ||
	    !parse_i64_str(p->buf.p, &v) || v < 0)
		return ZT_NA;
	if (read_pid_file(p, pid, "status") != 0 ||
	    procs_parse_badness(p->buf.p, p->buf.len, page_kb, after) < 0)
		return ZT_NA;
	return v;
}

int
procs_sample_tasks(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o, const struct badness_task *tasks,
    const struct procs_row_hint *hints, int n)
{
	struct task_arrays a = { tasks, hints };

	return procs_sample_source(p, s, o, arrays_get, &a, n);
}

int
procs_sample_source(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o, procs_task_fn *get, const void *src,
    int n)
{
	struct filter f;
	int ncand = 0, want;

	p->hints = get;
	p->src = src;
	s->totalpages = procs_total_pages(s);
	update_budget(p, s);
	p->gen++;
	badness_kernel_init(&p->kern, s->kernel,
	    p->formula == PROCS_FORMULA_NEW);
	if (cgroup_tree_read(p->pf, &p->tree) < 0)
		p->tree.n = 0;
	ino_index(p);
	if (n > p->capcand) {
		/* at least rank_pass's first 1024: its growth by half
		 * (capcand / 2 * 3) leaves 1 and 3 as they are, and /proc
		 * takes over from a failed task source with this array */
		p->capcand = n < 1024 ? 1024 : n + n / 2;
		p->cand = xreallocarray(p->cand, (size_t)p->capcand,
		    sizeof *p->cand);
	}
	if (n > p->capsrcent) {
		int old = p->capsrcent;
		p->capsrcent = n + n / 4;
		p->srcent = xreallocarray(p->srcent, (size_t)p->capsrcent,
		    sizeof *p->srcent);
		for (int i = old; i < p->capsrcent; i++)
			p->srcent[i] = -1;
	}
	p->ntasks = 0;
	p->ncached = 0;
	for (int i = 0; i < n; i++) {
		struct badness_task t;
		struct procs_row_hint h;
		get(src, i, &t, &h);
		if (!(t.flags & BADNESS_F_KTHREAD))
			tasks_add(p, s, &t, &h, i, ncand++);
	}
	/* pids the source no longer lists are gone */
	for (int i = p->nents - 1; i >= 0; i--)
		if (p->ents[i].gen != p->gen)
			table_del(p, i);
	s->nprocs_total = ncand;
	filter_init(p, s, o, &f);
	want = o->detail_rows < 0 ? INT_MAX : o->detail_rows;
	p->fresh = o->detail_rows >= 0;
	p->own_details = o->own_details;
	p->filtered = f.pids || f.by_uid || f.cgroup;
	rank_scopes(p, s, ncand, want, &f);
	free(f.members);
	p->hints = NULL;
	p->src = NULL;
	status_set(s, ZT_SRC_PROCS, true, NULL);
	return 0;
}
