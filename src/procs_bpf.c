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
 * less in the live screen's peak).
 */
#include "procs_bpf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procs.h"
#include "util.h"

struct procs_bpf {
	struct procs *procs;
	struct bpf_tasks *bt;
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
		/* the iterator sees them all */
		.known = BT_AS_BADNESS | BADNESS_F_ORIGIN,
		.flags = (t->flags & BT_AS_BADNESS) |
		    ((t->flags & BT_ORIGIN) ? BADNESS_F_ORIGIN : 0u),
		.oom_score_adj = t->oom_score_adj,
		.start_time = t->start_ns,	/* creation order, in ns */
		.scan_seq = 0,		/* the iterator walks pids, not the list */
		.uid = t->euid,
		/* the summed counters: what mainline's oom_badness() reads
		 * since "use get_mm_rss_sum for the OOM killer"; earlier
		 * 6.2+ kernels read the central value (rss_fast), within
		 * points_margin */
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
 * the iterator left it out (extra). */
struct bpf_source {
	const struct bt_task *tasks;
	int n, extra;
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
	procs_bpf_to_badness(&src->tasks[i], b);
	procs_bpf_hint(&src->tasks[i], h);
}

int
procs_bpf_sample(struct procs_bpf *pb, struct zt_snapshot *s,
    const struct sampler_opts *o, char *why, size_t whylen)
{
	const struct bt_task *tasks;
	int n;

	if (bpf_tasks_read(pb->bt, &tasks, &n, why, whylen) < 0)
		return -1;
	struct bpf_source src = { .tasks = tasks, .n = n };
	bool init = false;
	for (int i = 0; i < n && !init; i++)
		init = tasks[i].tgid == 1;
	/* the task iterator of some kernels never yields pid 1 (6.18
	 * here): read it from /proc, so -p 1 and the totals see it */
	if (!init && procs_read_task(pb->procs, 1, s->page_kb, &src.init_t,
	    &src.init_h) == 0)
		src.extra = 1;
	if (procs_sample_source(pb->procs, s, o, record_get, &src,
	    n + src.extra) < 0) {
		snprintf(why, whylen, "ranking the iterator's tasks failed");
		return -1;
	}
	s->procs_source = ZT_PROCS_BPF;
	return 0;
}
