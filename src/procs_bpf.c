/*
 * procs_bpf.c: the candidates from the BPF task iterator (procs_bpf.h).
 *
 * Each refresh: one read of every process's record, the kernel's points
 * for each (oom_badness(), mm/oom_kill.c), one sort into select_bad_process()'s
 * order, then the rows that pass the filters (-p, -u, --cgroup), at most
 * detail_rows, get their details from libproc2.  Nothing is kept
 * between refreshes but buffers.
 *
 * Where h17's badness module (badness.h) is there, it computes the
 * points and the order, as on the /proc path; until then they are
 * computed here (the same arithmetic, checked against it).
 */
#include "procs_bpf.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "proc_lib.h"
#include "procs.h"
#include "util.h"

#define DETAIL_BATCH	256	/* rows handed to libproc2 at a time */

struct pb_key {
	int64_t key;		/* points; INT64_MAX: oom_task_origin */
	uint64_t start_ns;	/* creation order: the task list's */
	int tgid;
	int idx;		/* into tasks */
	bool chosen;		/* can be chosen at all */
};

struct procs_bpf {
	struct procfs *pf;
	struct bpf_tasks *bt;
	struct proc_lib *lib;
#ifdef ZT_HAVE_BADNESS
	struct badness_task *btasks;
#endif
	struct pb_key *keys;
	int64_t *points;
	int *order;
	int cap;
	struct zt_buf buf;
	long page_size;
};

/* ---------------------------------------------------------------- */
/* pure                                                              */

void
procs_bpf_kernel(struct procs_bpf_kernel *k, const char *release)
{
	long maj = 99, min = 0;
	char *end;

	/* the task iterator needs 5.8: unknown strings get today's rules */
	if (release != NULL) {
		maj = strtol(release, &end, 10);
		if (end == release || *end != '.')
			maj = 99;
		else
			min = strtol(end + 1, NULL, 10);
	}
	k->signed_points = maj > 5 || (maj == 5 && min >= 9);
	k->last_wins = maj > 5 || (maj == 5 && min >= 2);
}

int64_t
procs_bpf_points(const struct procs_bpf_kernel *k, const struct bt_task *t,
    int64_t totalpages, int64_t page_size)
{
	int64_t p, pt;

	if ((t->flags & (BT_KTHREAD | BT_INIT | BT_NO_MM | BT_OOM_SKIP |
	    BT_VFORK)) || t->oom_score_adj <= -1000 || page_size <= 0)
		return ZT_NA;
	pt = zt_have(t->pgtables_bytes) ? t->pgtables_bytes / page_size : 0;
	/* mm/oom_kill.c: rss + swap entries + page tables, then the
	 * adj in thousandths of totalpages */
	p = t->rss_anon + t->rss_file + t->rss_shmem + t->swapents + pt;
	p += (int64_t)t->oom_score_adj * (totalpages / 1000);
	if (!k->signed_points && p <= 0)
		p = 1;
	return p;
}

int64_t
procs_bpf_oom_score(const struct procs_bpf_kernel *k, int64_t points,
    int64_t totalpages)
{
	if (!zt_have(points) || totalpages <= 0)
		return 0;
	/* fs/proc/base.c proc_oom_score() */
	if (k->signed_points)
		return (1000 + points * 1000 / totalpages) * 2 / 3;
	return points * 1000 / totalpages;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct pb_key *x = a, *y = b;

	if (x->chosen != y->chosen)
		return x->chosen ? -1 : 1;
	if (!x->chosen)
		return (x->tgid > y->tgid) - (x->tgid < y->tgid);
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	/* equal points: the later in the task list (creation order) wins
	 * on 5.2+; the last resort is the pid */
	if (x->start_ns != y->start_ns)
		return x->start_ns > y->start_ns ? -1 : 1;
	return (x->tgid < y->tgid) - (x->tgid > y->tgid);
}

static int
cmp_key_old(const void *a, const void *b)
{
	const struct pb_key *x = a, *y = b;

	if (x->chosen && y->chosen && x->key == y->key) {
		/* before 5.2 the first of equals stayed chosen */
		if (x->start_ns != y->start_ns)
			return x->start_ns < y->start_ns ? -1 : 1;
		return (x->tgid > y->tgid) - (x->tgid < y->tgid);
	}
	return cmp_key(a, b);
}

static int
rank_keys(const struct procs_bpf_kernel *k, const struct bt_task *tasks,
    int n, int64_t totalpages, int64_t page_size, int64_t *points,
    struct pb_key *keys, int *order)
{
	int chosen = 0;

	for (int i = 0; i < n; i++) {
		const struct bt_task *t = &tasks[i];
		points[i] = procs_bpf_points(k, t, totalpages, page_size);
		keys[i].key = points[i];
		keys[i].chosen = zt_have(points[i]);
		/* oom_task_origin(): swapoff or KSM unmerge, picked first */
		if (keys[i].chosen && (t->flags & BT_ORIGIN))
			keys[i].key = INT64_MAX;
		keys[i].start_ns = t->start_ns;
		keys[i].tgid = t->tgid;
		keys[i].idx = i;
		chosen += keys[i].chosen;
	}
	if (n > 1)
		qsort(keys, (size_t)n, sizeof *keys, k->last_wins ? cmp_key : cmp_key_old);
	for (int i = 0; i < n; i++)
		order[i] = keys[i].idx;
	return chosen;
}

int
procs_bpf_rank(const struct procs_bpf_kernel *k, const struct bt_task *tasks,
    int n, int64_t totalpages, int64_t page_size, int64_t *points, int *order)
{
	struct pb_key *keys = xcalloc((size_t)n + 1, sizeof *keys);
	int chosen = rank_keys(k, tasks, n, totalpages, page_size, points,
	    keys, order);

	free(keys);
	return chosen;
}

#ifdef ZT_HAVE_BADNESS
void
procs_bpf_to_badness(const struct bt_task *t, struct badness_task *b)
{
	static const struct {
		unsigned bt, badness;
	} flag[] = {
		{ BT_KTHREAD, BADNESS_F_KTHREAD }, { BT_INIT, BADNESS_F_INIT },
		{ BT_NO_MM, BADNESS_F_NO_MM }, { BT_OOM_SKIP, BADNESS_F_OOM_SKIP },
		{ BT_VFORK, BADNESS_F_VFORK }, { BT_VICTIM, BADNESS_F_VICTIM },
		{ BT_ORIGIN, BADNESS_F_ORIGIN },
	};

	memset(b, 0, sizeof *b);
	b->tgid = t->tgid;
	for (size_t i = 0; i < sizeof flag / sizeof flag[0]; i++) {
		b->known |= flag[i].badness;	/* the iterator sees them all */
		if (t->flags & flag[i].bt)
			b->flags |= flag[i].badness;
	}
	b->oom_score_adj = t->oom_score_adj;
	b->start_time = t->start_ns;	/* creation order, in ns */
	b->scan_seq = 0;		/* the iterator walks pids, not the list */
	b->uid = t->euid;
	b->rss_anon = t->rss_anon;
	b->rss_file = t->rss_file;
	b->rss_shmem = t->rss_shmem;
	b->swapents = t->swapents;
	b->pgtables_bytes = zt_have(t->pgtables_bytes) ? t->pgtables_bytes :
	    BADNESS_NA;
	b->memcg_id = t->memcg_id;
	b->counts = BADNESS_COUNTS_SUM;
}
#endif

void
procs_bpf_points_procfs(struct zt_snapshot *s)
{
	struct procs_bpf_kernel k;


	procs_bpf_kernel(&k, s->kernel);
	for (int i = 0; i < s->nprocs; i++) {
		struct zt_proc *p = &s->procs[i];
		int64_t v;

		/* a row procs.c gave points (or ZT_NA) keeps them: only
		 * rows it left zeroed (row_init) are filled here */
		if (p->points != 0)
			continue;
		p->points = ZT_NA;
		if (!p->killable || !zt_have(p->badness_pages) ||
		    !zt_have(p->oom_score_adj) || !zt_have(s->totalpages) ||
		    !zt_have(p->swap_kb) || !zt_have(p->pgtables_kb))
			continue;
		v = p->badness_pages + p->oom_score_adj * (s->totalpages / 1000);
		p->points = !k.signed_points && v <= 0 ? 1 : v;
	}
}

/* ---------------------------------------------------------------- */
/* sampling                                                          */

struct procs_bpf *
procs_bpf_open(struct procfs *pf, bool refuse, char *why, size_t whylen)
{
	struct bpf_tasks *bt = bpf_tasks_open(refuse, why, whylen);
	struct procs_bpf *pb;

	if (bt == NULL)
		return NULL;
	pb = xcalloc(1, sizeof *pb);
	pb->pf = pf;
	pb->bt = bt;
	pb->lib = proc_lib_open();
	pb->page_size = sysconf(_SC_PAGESIZE);
	return pb;
}

void
procs_bpf_close(struct procs_bpf *pb)
{
	if (pb == NULL)
		return;
	bpf_tasks_close(pb->bt);
	proc_lib_close(pb->lib);
#ifdef ZT_HAVE_BADNESS
	free(pb->btasks);
#endif
	free(pb->keys);
	free(pb->points);
	free(pb->order);
	buf_free(&pb->buf);
	free(pb);
}

static int64_t
total_pages(const struct zt_snapshot *s)
{
	int64_t mem = kvs_get(&s->meminfo, "MemTotal");
	int64_t swap = kvs_get(&s->meminfo, "SwapTotal");

	if (!zt_have(mem) || s->page_kb <= 0)
		return ZT_NA;
	/* totalram_pages + total_swap_pages, as printed in kB */
	return (mem + (zt_have(swap) ? swap : 0)) / s->page_kb;
}

struct pb_filter {
	const int *pids;
	bool by_uid;
	int64_t uid;		/* ZT_NA: -u named nobody known */
	bool by_cgroup;
	int *members;		/* sorted; NULL with by_cgroup: none match */
	int nmembers;
};

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static bool
filter_pass(const struct pb_filter *f, const struct bt_task *t)
{
	if (f->pids != NULL) {
		const int *p = f->pids;
		while (*p != 0 && *p != t->tgid)
			p++;
		if (*p == 0)
			return false;
	}
	if (f->by_uid && (!zt_have(f->uid) || t->euid != f->uid))
		return false;
	if (f->by_cgroup && (f->members == NULL ||
	    bsearch(&t->tgid, f->members, (size_t)f->nmembers,
	    sizeof *f->members, cmp_int) == NULL))
		return false;
	return true;
}

static void
filter_init(struct procs_bpf *pb, struct zt_snapshot *s,
    const struct sampler_opts *o, struct pb_filter *f)
{
	memset(f, 0, sizeof *f);
	if (o->filter_pids && o->filter_pids[0] != 0)
		f->pids = o->filter_pids;
	if (o->filter_user && o->filter_user[0]) {
		struct passwd pw, *res = NULL;
		char b[1024];
		f->by_uid = true;
		if (!parse_i64_str(o->filter_user, &f->uid) || f->uid < 0) {
			f->uid = ZT_NA;
			if (getpwnam_r(o->filter_user, &pw, b, sizeof b, &res) == 0 &&
			    res != NULL)
				f->uid = res->pw_uid;
		}
	}
	if (o->filter_cgroup && o->filter_cgroup[0]) {
		f->by_cgroup = true;
		cgroup_view(pb->pf, o->filter_cgroup, &s->cgroup, &f->members,
		    &f->nmembers);
	}
}

static void
row_from_task(struct zt_proc *r, const struct bt_task *t, int rank,
    int64_t points, int64_t score, int page_kb)
{
	memset(r, 0, sizeof *r);
	r->pid = t->tgid;
	r->rank = rank;
	r->uid = t->euid;
	memcpy(r->comm, t->comm, sizeof t->comm);
	r->state = t->state;
	r->start_time = t->start_time;
	r->oom_score = score;
	r->oom_score_adj = t->oom_score_adj;
	r->points = points;
	/* per-cgroup scopes: not ranked on this path (yet) */
	r->cgroup_scope = -1;
	r->cgroup_rank = 0;
	r->cgroup_points = ZT_NA;
	r->rss_kb = r->swap_kb = r->pgtables_kb = ZT_NA;
	if (!(t->flags & BT_NO_MM)) {
		r->rss_kb = (t->rss_anon + t->rss_file + t->rss_shmem) * page_kb;
		r->swap_kb = t->swapents * page_kb;
		/* VmPTE: mm_pgtables_bytes >> 10 */
		r->pgtables_kb = zt_have(t->pgtables_bytes) ?
		    t->pgtables_bytes >> 10 : ZT_NA;
	}
}

/* Details of rows[0..n) through libproc2; gone[i] for tasks that left. */
static void
read_details(struct procs_bpf *pb, struct zt_proc *rows, int n, bool *gone)
{
	bool got[DETAIL_BATCH], gotcmd[DETAIL_BATCH];

	for (int base = 0; base < n; base += DETAIL_BATCH) {
		int m = n - base < DETAIL_BATCH ? n - base : DETAIL_BATCH;
		bool lib = pb->lib != NULL &&
		    proc_lib_fill(pb->lib, rows + base, m, got, gotcmd) >= 0;

		for (int i = 0; i < m; i++) {
			struct zt_proc *r = &rows[base + i];
			char rel[32], why[ZT_WHY_LEN];
			int64_t uid = r->uid, adj = r->oom_score_adj;

			gone[base + i] = false;
			if (lib && got[i]) {
				/* the figures ranked are the iterator's */
				r->uid = uid;
				r->oom_score_adj = adj;
			}
			if (lib && got[i] && gotcmd[i])
				continue;
			snprintf(rel, sizeof rel, "%d/cmdline", r->pid);
			if (procfs_read(pb->pf, rel, false, &pb->buf, why, sizeof why) < 0) {
				gone[base + i] = strcmp(why, procfs_reason(ENOENT)) == 0 ||
				    strcmp(why, procfs_reason(ESRCH)) == 0;
				continue;
			}
			free(r->cmdline);
			r->cmdline = procs_cmdline(pb->buf.p, pb->buf.len);
			if (r->user[0] == '\0')
				snprintf(r->user, sizeof r->user, "%lld", (long long)r->uid);
		}
	}
}

static void
grow(struct procs_bpf *pb, int n)
{
	if (n <= pb->cap)
		return;
	pb->cap = n + n / 4 + 64;
	pb->keys = xreallocarray(pb->keys, (size_t)pb->cap, sizeof *pb->keys);
	pb->points = xreallocarray(pb->points, (size_t)pb->cap, sizeof *pb->points);
	pb->order = xreallocarray(pb->order, (size_t)pb->cap, sizeof *pb->order);
#ifdef ZT_HAVE_BADNESS
	pb->btasks = xreallocarray(pb->btasks, (size_t)pb->cap, sizeof *pb->btasks);
#endif
}

#ifdef ZT_HAVE_BADNESS
/* With h17's badness module: its points and select_bad_process() order,
 * the same rules as the /proc path's.  Returns how many can be chosen. */
static int
rank_badness(struct procs_bpf *pb, const char *release,
    const struct bt_task *tasks, int n, int64_t totalpages)
{
	struct badness_kernel bk;
	int chosen;

	badness_kernel_init(&bk, release, false);
	for (int i = 0; i < n; i++)
		procs_bpf_to_badness(&tasks[i], &pb->btasks[i]);
	chosen = badness_rank(&bk, pb->btasks, n, totalpages, pb->page_size,
	    false, pb->points, pb->order);
	for (int i = 0; i < n; i++)
		if (pb->points[i] == BADNESS_INELIGIBLE ||
		    pb->points[i] == BADNESS_UNKNOWN)
			pb->points[i] = ZT_NA;
	return chosen;
}
#endif

/* The memcg OOM's victim of --cgroup: the best points among members
 * with the cgroup's own totalpages (limit + swap allowance), which
 * weighs adj by the limit, not by all memory. */
static int
cgroup_victim(const struct procs_bpf_kernel *k, const struct zt_snapshot *s,
    const struct bt_task *tasks, const int *order, int nchosen,
    const struct pb_filter *f, int64_t page_size)
{
	const struct zt_cgroup_info *c = &s->cgroup;
	int64_t tp = s->totalpages, best = 0;
	int victim = 0;

	if (c->have && c->limit_kb != ZT_NO_LIMIT && zt_have(c->limit_kb) &&
	    s->page_kb > 0) {
		int64_t swap = kvs_get(&s->meminfo, "SwapTotal");
		int64_t allow = zt_have(swap) ? swap : 0;
		if (zt_have(c->swap_limit_kb) && c->swap_limit_kb != ZT_NO_LIMIT &&
		    c->swap_limit_kb < allow)
			allow = c->swap_limit_kb;
		tp = (c->limit_kb + allow) / s->page_kb;
		if (tp <= 0)
			tp = 1;
	}
	/* order[] is already creation-ordered among equals */
	for (int i = 0; i < nchosen; i++) {
		const struct bt_task *t = &tasks[order[i]];
		int64_t p;
		if (!filter_pass(f, t))
			continue;
		p = procs_bpf_points(k, t, tp, page_size);
		if (!zt_have(p))
			continue;
		if (t->flags & BT_ORIGIN)
			p = INT64_MAX;
		if (victim == 0 || p > best) {
			victim = t->tgid;
			best = p;
		}
	}
	return victim;
}

int
procs_bpf_sample(struct procs_bpf *pb, struct zt_snapshot *s,
    const struct sampler_opts *o, char *why, size_t whylen)
{
	struct procs_bpf_kernel k;
	const struct bt_task *tasks;
	struct pb_filter f;
	struct zt_proc *rows = NULL;
	int n, nchosen, nrows = 0, want;

	if (bpf_tasks_read(pb->bt, &tasks, &n, why, whylen) < 0)
		return -1;
	procs_bpf_kernel(&k, s->kernel);
	s->totalpages = total_pages(s);
	grow(pb, n);
#ifdef ZT_HAVE_BADNESS
	nchosen = rank_badness(pb, s->kernel, tasks, n, zt_have(s->totalpages) ?
	    s->totalpages : 0);
#else
	nchosen = rank_keys(&k, tasks, n, zt_have(s->totalpages) ?
	    s->totalpages : 0, pb->page_size, pb->points, pb->keys, pb->order);
#endif
	s->nprocs_total = n;
	s->predicted_victim = nchosen > 0 ? tasks[pb->order[0]].tgid : 0;

	filter_init(pb, s, o, &f);
	want = o->detail_rows < 0 ? INT_MAX : o->detail_rows;
	for (int i = 0; i < n && nrows < want; i++) {
		const struct bt_task *t = &tasks[pb->order[i]];
		int64_t pts = pb->points[pb->order[i]];
		if (!filter_pass(&f, t))
			continue;
		if (nrows % 64 == 0)
			rows = xreallocarray(rows, (size_t)nrows + 64, sizeof *rows);
		row_from_task(&rows[nrows++], t, i + 1, pts,
		    procs_bpf_oom_score(&k, pts, s->totalpages), s->page_kb);
	}
	if (nrows > 0) {
		bool *gone = xcalloc((size_t)nrows, sizeof *gone);
		int m = 0;
		read_details(pb, rows, nrows, gone);
		for (int i = 0; i < nrows; i++) {
			if (gone[i]) {
				free(rows[i].cmdline);
				free(rows[i].cgroup);
				continue;
			}
			rows[m] = rows[i];
			procs_derive_row(&rows[m], s->totalpages, s->page_kb,
			    k.signed_points ? PROCS_FORMULA_NEW : PROCS_FORMULA_OLD);
			rows[m].killable = zt_have(rows[m].points);
			m++;
		}
		nrows = m;
		free(gone);
	}
	s->procs = rows;
	s->nprocs = nrows;
	if (f.by_cgroup)
		s->cgroup.predicted_victim = cgroup_victim(&k, s, tasks, pb->order,
		    nchosen, &f, pb->page_size);
	free(f.members);
	s->procs_source = ZT_PROCS_BPF;
	status_set(s, ZT_SRC_PROCS, true, NULL);
	return 0;
}
