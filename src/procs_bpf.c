/*
 * procs_bpf.c: the candidates from the BPF task iterator (procs_bpf.h).
 *
 * An adapter, nothing more: each refresh, one read of every process's
 * record becomes the exact oom_badness() inputs (struct badness_task)
 * and what the rows show of it (comm, state, start time), handed to
 * procs.c's one ranking (procs_sample_source): the points, every scope,
 * the victims, the filters and the rows' details are decided there, as
 * on the /proc path.  Each record is turned into those types when the
 * ranking asks for it, never into arrays of every process: the
 * iterator's records are the one copy (at 5,000 processes, 0.6 MiB
 * less in the live screen's peak).  Which reading of the per-CPU
 * counters the kernel's oom_badness() makes is learnt here from its
 * /proc/PID/oom_score (procs_counts_judge) and kept for the boot.
 */
#include "procs_bpf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"
#include "procs.h"
#include "util.h"

struct procs_bpf {
	struct procs *procs;
	struct bpf_tasks *bt;
	struct procs_counts counts;
};

/* The iterator's flags that are badness.h's, bit for bit but
 * BT_ORIGIN (checked below: a mask, not a loop, for every process). */
#define BT_AS_BADNESS (BT_KTHREAD | BT_INIT | BT_NO_MM | BT_OOM_SKIP | \
	BT_VFORK | BT_VICTIM)
_Static_assert((unsigned)BT_KTHREAD == BADNESS_F_KTHREAD &&
    (unsigned)BT_INIT == BADNESS_F_INIT && (unsigned)BT_NO_MM == BADNESS_F_NO_MM &&
    (unsigned)BT_OOM_SKIP == BADNESS_F_OOM_SKIP &&
    (unsigned)BT_VFORK == BADNESS_F_VFORK && (unsigned)BT_VICTIM == BADNESS_F_VICTIM,
    "the flags procs_bpf_to_badness passes through unchanged");

void
procs_bpf_to_badness(const struct bt_task *t, struct badness_task *b)
{
	/* one assignment (every other field 0), no memset then copy */
	*b = (struct badness_task){
		.tgid = t->tgid,
		/* the iterator sees them all; a leader without an mm (a
		 * thread's read) exited: a memcg scan meets it last */
		.known = BT_AS_BADNESS | BADNESS_F_ORIGIN |
		    BADNESS_F_DYING_LEADER,
		.flags = (t->flags & BT_AS_BADNESS) |
		    ((t->flags & BT_ORIGIN) ? BADNESS_F_ORIGIN : 0u) |
		    ((t->flags & BT_THREAD_MM) ? BADNESS_F_DYING_LEADER : 0u),
		.oom_score_adj = t->oom_score_adj,
		.start_time = t->start_ns,	/* creation order, in ns */
		.scan_seq = 0,		/* the iterator walks pids, not the list */
		.uid = t->euid,
		/* the summed counters: what mainline's oom_badness() reads
		 * since "use get_mm_rss_sum for the OOM killer"; earlier
		 * 6.2+ kernels read the central values (fast_*: see
		 * procs_bpf_to_badness_central), within points_margin */
		.rss_anon = t->rss_anon,
		.rss_file = t->rss_file,
		.rss_shmem = t->rss_shmem,
		.swapents = t->swapents,
		.pgtables_bytes = zt_have(t->pgtables_bytes) ? t->pgtables_bytes :
		    BADNESS_NA,
		.memcg_id = t->memcg_id,
		.counts = BADNESS_COUNTS_SUM,
	};
}

void
procs_bpf_to_badness_central(const struct bt_task *t, struct badness_task *b)
{
	procs_bpf_to_badness(t, b);
	/* oom_badness(): get_mm_rss() + get_mm_counter(MM_SWAPENTS), each
	 * percpu_counter_read_positive() */
	b->rss_anon = t->fast_anon;
	b->rss_file = t->fast_file;
	b->rss_shmem = t->fast_shmem;
	b->swapents = t->fast_swap;
	b->counts = BADNESS_COUNTS_KERNEL;
}

bool
procs_witness_still(const struct bt_task *t, const struct badness_task *after)
{
	/* status prints the sums (6.16+, "mm: fix the inaccurate memory
	 * statistics issue for users") or the central values */
	if (after->pgtables_bytes != t->pgtables_bytes)
		return false;
	return (after->rss_anon == t->rss_anon &&
	    after->rss_file == t->rss_file &&
	    after->rss_shmem == t->rss_shmem &&
	    after->swapents == t->swapents) ||
	    (after->rss_anon == t->fast_anon &&
	    after->rss_file == t->fast_file &&
	    after->rss_shmem == t->fast_shmem &&
	    after->swapents == t->fast_swap);
}

int
procs_witness_vote(const struct procs_witness *w)
{
	if (!zt_have(w->score) || w->score_sum == w->score_central)
		return PROCS_COUNTS_UNSEEN;
	if (w->score == w->score_central)
		return PROCS_COUNTS_CENTRAL;
	if (w->score == w->score_sum)
		return PROCS_COUNTS_SUM;
	return PROCS_COUNTS_UNSEEN;	/* it moved meanwhile */
}

/* Did w vote v in the last sample too, with the same counters? */
static bool
seen_before(const struct procs_counts_judge *j, const struct procs_witness *w,
    int v)
{
	for (int i = 0; i < j->nprev; i++) {
		const struct procs_witness *p = &j->prev[i];
		if (p->tgid == w->tgid && p->points_sum == w->points_sum &&
		    p->points_central == w->points_central &&
		    procs_witness_vote(p) == v)
			return true;
	}
	return false;
}

int
procs_counts_judge(struct procs_counts_judge *j, const struct procs_witness *w,
    int n)
{
	int votes[3] = { 0, 0, 0 };
	bool again[3] = { false, false, false };
	int seen = PROCS_COUNTS_UNSEEN;

	if (n > PROCS_WITNESSES)
		n = PROCS_WITNESSES;
	for (int i = 0; i < n; i++) {
		int v = procs_witness_vote(&w[i]);
		if (v == PROCS_COUNTS_UNSEEN)
			continue;
		votes[v]++;
		if (seen_before(j, &w[i], v)) {
			again[v] = true;	/* the same counters again */
			continue;
		}
		/* a run of distinct tasks agreeing, a vote against
		 * ends the other way's */
		int other = PROCS_COUNTS_SUM + PROCS_COUNTS_CENTRAL - v;
		j->run[other] = 0;
		if (j->run[v] == 0 || j->run_tgid[v] != w[i].tgid)
			j->run[v]++;
		j->run_tgid[v] = w[i].tgid;
	}
	if (votes[PROCS_COUNTS_SUM] > 0 && votes[PROCS_COUNTS_CENTRAL] > 0)
		j->run[PROCS_COUNTS_SUM] = j->run[PROCS_COUNTS_CENTRAL] = 0;
	else
		for (int v = PROCS_COUNTS_SUM; v <= PROCS_COUNTS_CENTRAL; v++)
			if (votes[v] > 0 && (j->run[v] >= 2 || again[v]))
				seen = v;
	if (seen != PROCS_COUNTS_UNSEEN) {
		if (j->verdict == PROCS_COUNTS_UNSEEN || j->verdict == seen) {
			j->verdict = seen;
			j->against = 0;
		} else if (++j->against >= 2) {
			j->verdict = seen;
			j->against = 0;
			j->run[PROCS_COUNTS_SUM] = j->run[PROCS_COUNTS_CENTRAL] = 0;
		}
	}
	j->nprev = n;
	if (n > 0)
		memcpy(j->prev, w, (size_t)n * sizeof *w);
	return j->verdict;
}

void
procs_bpf_hint(const struct bt_task *t, struct procs_row_hint *h)
{
	memcpy(h->comm, t->comm, sizeof h->comm);
	h->state = t->state;
	h->start_time = t->start_time;
}

struct procs_bpf *
procs_bpf_open(struct procs *procs, bool refuse, char *why, size_t whylen)
{
	struct bpf_tasks *bt;
	struct procs_bpf *pb;

	if (procs == NULL) {
		snprintf(why, whylen, "no candidates sampler");
		return NULL;
	}
	if ((bt = bpf_tasks_start(refuse, why, whylen)) == NULL)
		return NULL;
	pb = xcalloc(1, sizeof *pb);
	pb->procs = procs;
	pb->bt = bt;
	return pb;
}

void
procs_bpf_close(struct procs_bpf *pb)
{
	if (pb == NULL)
		return;
	bpf_tasks_close(pb->bt);
	free(pb);
}

/* The iterator's records, and pid 1 read from /proc after them when
 * the iterator left it out (extra); the sampler and page size its
 * witnesses are read with (witness_read). */
struct bpf_source {
	struct procs *procs;
	int page_kb;
	const struct bt_task *tasks;
	int n, extra;
	bool central;		/* the central values, not the sums */
	struct badness_task init_t;
	struct procs_row_hint init_h;
};

/* procs_task_fn over a bpf_source */
static void
record_get(const void *arg, int i, struct badness_task *b,
    struct procs_row_hint *h)
{
	const struct bpf_source *src = arg;

	if (i >= src->n) {
		*b = src->init_t;
		*h = src->init_h;
		return;
	}
	if (src->central)
		procs_bpf_to_badness_central(&src->tasks[i], b);
	else
		procs_bpf_to_badness(&src->tasks[i], b);
	procs_bpf_hint(&src->tasks[i], h);
}

void
procs_counts_format(char *buf, size_t len, int verdict, const char *boot_id,
    const char *release)
{
	snprintf(buf, len, "counts %s\nboot_id %s\nrelease %s\n",
	    verdict == PROCS_COUNTS_CENTRAL ? "central" :
	    verdict == PROCS_COUNTS_SUM ? "sum" : "unseen", boot_id, release);
}

int
procs_counts_restore(const char *text, const char *boot_id,
    const char *release)
{
	int verdict = PROCS_COUNTS_UNSEEN;
	bool boot = false, rel = false;
	const char *p = text;

	if (boot_id[0] == '\0' || release[0] == '\0')
		return PROCS_COUNTS_UNSEEN;
	while (*p != '\0') {
		const char *e = strchr(p, '\n');
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
		const char *sp = memchr(p, ' ', n);
		if (sp != NULL) {
			size_t k = (size_t)(sp - p), vn = n - k - 1;
			const char *v = sp + 1;
			if (k == 6 && memcmp(p, "counts", 6) == 0)
				verdict = vn == 7 && memcmp(v, "central", 7) == 0 ?
				    PROCS_COUNTS_CENTRAL : vn == 3 &&
				    memcmp(v, "sum", 3) == 0 ? PROCS_COUNTS_SUM :
				    PROCS_COUNTS_UNSEEN;
			else if (k == 7 && memcmp(p, "boot_id", 7) == 0)
				boot = vn == strlen(boot_id) &&
				    memcmp(v, boot_id, vn) == 0;
			else if (k == 7 && memcmp(p, "release", 7) == 0)
				rel = vn == strlen(release) &&
				    memcmp(v, release, vn) == 0;
		}
		p += n + (e != NULL);
	}
	return boot && rel ? verdict : PROCS_COUNTS_UNSEEN;
}

static const char *
state_dir(void)
{
	const char *d = getenv("ZT_STATE_DIR");

	return d != NULL && d[0] == '/' ? d : "/run/zonetop";
}

int
procs_counts_load(struct procs_counts_keep *k, const char *boot_id_path,
    const char *release)
{
	struct zt_buf b = { 0 };
	char why[64];
	int v = PROCS_COUNTS_UNSEEN;

	if (procfs_read_file(boot_id_path, &b, why, sizeof why) == 0 &&
	    b.len > 0 && b.len < sizeof k->boot_id) {
		memcpy(k->boot_id, b.p, b.len);
		k->boot_id[strcspn(k->boot_id, "\n")] = '\0';
	}
	if (k->boot_id[0] != '\0' &&
	    procfs_state_read(state_dir(), "counts", &b) == 0) {
		buf_addc(&b, '\0');
		v = procs_counts_restore(b.p, k->boot_id, release);
		if (v != PROCS_COUNTS_UNSEEN)
			k->saved = v;
	}
	buf_free(&b);
	return v;
}

void
procs_counts_save(struct procs_counts_keep *k, const char *release,
    int verdict)
{
	char text[256];

	if (verdict == PROCS_COUNTS_UNSEEN || verdict == k->saved ||
	    k->boot_id[0] == '\0' || release[0] == '\0')
		return;
	procs_counts_format(text, sizeof text, verdict, k->boot_id, release);
	/* kept or not, once: the next try is at the next change */
	(void)procfs_state_write(state_dir(), "counts", text);
	k->saved = verdict;
}

int
procs_witnesses_find(const char *kernel, int64_t tp, int page_kb,
    const struct bt_task *tasks, int n, procs_witness_read_fn *read,
    void *arg, struct procs_witness *w)
{
	struct badness_kernel k;
	int64_t psz = (int64_t)page_kb * 1024;
	int m = 0;

	/* 6.2+ only: the 5.9 formula holds there */
	badness_kernel_init(&k, kernel, true);
	if (!k.percpu_counts || !zt_have(tp) || tp <= 0)
		return 0;
	for (int i = 0; i < n && m < PROCS_WITNESSES; i++) {
		struct badness_task a, b;
		const struct bt_task *t = &tasks[i];

		if (t->rss_fast == t->rss_anon + t->rss_file + t->rss_shmem &&
		    t->fast_swap == t->swapents)
			continue;	/* one reading */
		procs_bpf_to_badness(t, &a);
		procs_bpf_to_badness_central(t, &b);
		int64_t pa = badness_points(&k, &a, tp, psz);
		int64_t pc = badness_points(&k, &b, tp, psz);
		if (pa == BADNESS_UNKNOWN || pa == BADNESS_INELIGIBLE ||
		    pc == BADNESS_UNKNOWN || pc == BADNESS_INELIGIBLE)
			continue;
		int64_t sa = badness_oom_score(&k, pa, tp);
		int64_t sc = badness_oom_score(&k, pc, tp);
		if (sa == sc)
			continue;
		w[m] = (struct procs_witness){ .tgid = t->tgid,
			.points_sum = pa, .points_central = pc,
			.score_sum = sa, .score_central = sc,
			.score = read(arg, t) };
		m++;
	}
	return m;
}

int
procs_counts_sample(struct procs_counts *c, const char *boot_id_path,
    const char *release, const struct procs_witness *w, int n)
{
	if (!c->restored) {
		/* the verdict a run of this boot settled, taken back once
		 * (the judge starts unseen) */
		c->restored = true;
		c->judge.verdict = procs_counts_load(&c->keep, boot_id_path,
		    release);
	}
	int verdict = procs_counts_judge(&c->judge, w, n);
	/* a verdict settled or turned: kept for the next runs of this boot */
	procs_counts_save(&c->keep, release, verdict);
	return verdict;
}

/* procs_witness_read_fn: t's oom_score read now, ZT_NA unless PID/status
 * read after it still shows the iterator's counters */
static int64_t
witness_read(void *arg, const struct bt_task *t)
{
	const struct bpf_source *src = arg;
	struct badness_task after;
	int64_t score = procs_read_witness(src->procs, t->tgid, src->page_kb,
	    &after);

	return procs_witness_still(t, &after) ? score : ZT_NA;
}

int
procs_bpf_sample(struct procs_bpf *pb, struct zt_snapshot *s,
    const struct sampler_opts *o, char *why, size_t whylen)
{
	const struct bt_task *tasks;
	int n;

	if (bpf_tasks_read(pb->bt, &tasks, &n, why, whylen) < 0)
		return -1;
	struct procs_witness w[PROCS_WITNESSES];
	struct bpf_source src = { .procs = pb->procs, .page_kb = s->page_kb };
	int nw = procs_witnesses_find(s->kernel, procs_total_pages(s),
	    s->page_kb, tasks, n, witness_read, &src, w);
	int verdict = procs_counts_sample(&pb->counts,
	    "/proc/sys/kernel/random/boot_id", s->kernel, w, nw);
	return procs_bpf_rank(pb->procs, s, o, tasks, n, verdict, why, whylen);
}

int
procs_bpf_rank(struct procs *p, struct zt_snapshot *s,
    const struct sampler_opts *o, const struct bt_task *tasks, int n,
    int verdict, char *why, size_t whylen)
{
	struct bpf_source src = { .procs = p, .page_kb = s->page_kb,
		.tasks = tasks, .n = n,
		.central = verdict == PROCS_COUNTS_CENTRAL };
	bool init = false;
	for (int i = 0; i < n && !init; i++)
		init = tasks[i].tgid == 1;
	/* the task iterator of some kernels never yields pid 1 (6.18
	 * here): read it from /proc, so -p 1 and the totals see it */
	if (!init && procs_read_task(p, 1, s->page_kb, &src.init_t,
	    &src.init_h) == 0)
		src.extra = 1;
	if (procs_sample_source(p, s, o, record_get, &src,
	    n + src.extra) < 0) {
		snprintf(why, whylen, "ranking the iterator's tasks failed");
		return -1;
	}
	s->procs_source = ZT_PROCS_BPF;
	/* seen: the points read the counters as the kernel does (the sums
	 * are whole: bpf_tasks_read refuses a read that left out per-CPU
	 * deltas, BT_APPROX) */
	s->points_counts = verdict == PROCS_COUNTS_CENTRAL ?
	    ZT_COUNTS_CENTRAL_SEEN : verdict == PROCS_COUNTS_SUM ?
	    ZT_COUNTS_SUM_SEEN : ZT_COUNTS_SUM;
	if (verdict != PROCS_COUNTS_UNSEEN)
		s->points_margin = 0;
	return 0;
}
