/*
 * badness.c: the kernel's OOM arithmetic, see badness.h.  Each rule names
 * the release where mm/oom_kill.c (or mm/memcontrol.c) took it, as read
 * in that release's source.
 */
#include "badness.h"

#include <stdlib.h>
#include <string.h>

static int64_t
vcode(int major, int minor)
{
	return (int64_t)major * 1000 + minor;
}

void
badness_kernel_init(struct badness_kernel *k, const char *release,
    bool new_formula)
{
	int a = 0, b = 0, c = 0;
	const char *p = release ? release : "";
	char *end;

	memset(k, 0, sizeof *k);
	a = (int)strtol(p, &end, 10);
	if (end != p && *end == '.') {
		p = end + 1;
		b = (int)strtol(p, &end, 10);
		if (end != p && *end == '.') {
			p = end + 1;
			c = (int)strtol(p, &end, 10);
			if (end == p)
				c = 0;
		}
	} else
		a = 0;
	k->major = a;
	k->minor = b;
	/* 2.6.x: the third number is the release */
	int64_t v = a == 2 && b == 6 ? vcode(2, 6) * 1000 + c : vcode(a, b) * 1000;
	if (a <= 0 || v < vcode(2, 6) * 1000 + 36)
		k->rules = BADNESS_RULES_UNKNOWN;	/* or 2.6.32's badness() */
	else if (v < vcode(3, 8) * 1000)
		k->rules = BADNESS_RULES_2_6_36;
	else if (v < vcode(4, 17) * 1000)
		k->rules = BADNESS_RULES_3_8;
	else if (v < vcode(5, 9) * 1000)
		k->rules = BADNESS_RULES_4_17;
	else
		k->rules = BADNESS_RULES_5_9;
	/* "make the calculation of oom badness more accurate" went to 5.4.y */
	if (new_formula && (k->rules == BADNESS_RULES_4_17 ||
	    k->rules == BADNESS_RULES_UNKNOWN))
		k->rules = BADNESS_RULES_5_9;
	/* 5.2+ oom_evaluate_task() skips only points < chosen_points; before,
	 * equal points kept the chosen thread-group leader */
	k->last_wins = (a > 0 && v >= vcode(5, 2) * 1000) ||
	    k->rules == BADNESS_RULES_5_9;
	/* "mm: memcontrol: use CSS_TASK_ITER_PROCS at
	 * mem_cgroup_scan_tasks()" (5.3): a memcg scan walks processes,
	 * a dying leader with live threads among them, after the rest */
	k->dying_last = k->rules != BADNESS_RULES_UNKNOWN &&
	    v >= vcode(5, 3) * 1000;
	/* "mm: convert mm's rss stats into percpu_counter" (6.2) */
	k->percpu_counts = a > 0 && v >= vcode(6, 2) * 1000;
}

bool
badness_ineligible(const struct badness_task *t)
{
	const uint32_t never = BADNESS_F_KTHREAD | BADNESS_F_INIT |
	    BADNESS_F_NO_MM | BADNESS_F_OOM_SKIP | BADNESS_F_VFORK;

	return (t->flags & t->known & never) != 0 ||
	    t->oom_score_adj <= -1000;
}

static bool
counters_known(const struct badness_task *t)
{
	return t->rss_anon != BADNESS_NA && t->rss_file != BADNESS_NA &&
	    t->rss_shmem != BADNESS_NA && t->swapents != BADNESS_NA &&
	    t->pgtables_bytes != BADNESS_NA;
}

int64_t
badness_points(const struct badness_kernel *k, const struct badness_task *t,
    int64_t totalpages, int64_t page_size)
{
	int64_t pages, points, adj = t->oom_score_adj;

	if (badness_ineligible(t))
		return BADNESS_INELIGIBLE;
	if (!counters_known(t) || k->rules == BADNESS_RULES_UNKNOWN ||
	    totalpages <= 0 || page_size <= 0)
		return BADNESS_UNKNOWN;
	/* a corrupt capture must not overflow: counters are bounded far
	 * below 2^50 pages on any real machine */
	const int64_t cap = (int64_t)1 << 50;
	if (t->rss_anon < 0 || t->rss_file < 0 || t->rss_shmem < 0 ||
	    t->swapents < 0 || t->pgtables_bytes < 0 || t->rss_anon > cap ||
	    t->rss_file > cap || t->rss_shmem > cap || t->swapents > cap ||
	    t->pgtables_bytes > cap || totalpages > cap)
		return BADNESS_UNKNOWN;
	if (adj > 1000)
		adj = 1000;
	pages = t->rss_anon + t->rss_file + t->rss_shmem + t->swapents +
	    t->pgtables_bytes / page_size;
	bool admin = (t->flags & t->known & BADNESS_F_CAP_ADMIN) != 0;

	switch (k->rules) {
	case BADNESS_RULES_2_6_36:
		/* badness() scaled itself to 0..1000 */
		points = pages * 1000 / totalpages;
		if (admin)
			points -= 30;
		points += adj;
		if (points <= 0)
			return 1;
		return points < 1000 ? points : 1000;
	case BADNESS_RULES_3_8:
		points = pages;
		/* "Root processes get 3% bonus" (removed in 4.17) */
		if (admin)
			points -= points * 3 / 100;
		points += adj * (totalpages / 1000);
		return points > 0 ? points : 1;
	case BADNESS_RULES_4_17:
		points = pages + adj * (totalpages / 1000);
		return points > 0 ? points : 1;
	default:
		return pages + adj * (totalpages / 1000);
	}
}

int64_t
badness_oom_score(const struct badness_kernel *k, int64_t points,
    int64_t totalpages)
{
	if (points == BADNESS_INELIGIBLE)
		return 0;
	if (points == BADNESS_UNKNOWN || totalpages <= 0)
		return BADNESS_NA;
	switch (k->rules) {
	case BADNESS_RULES_2_6_36:
		return points;	/* already 0..1000 */
	case BADNESS_RULES_3_8:
	case BADNESS_RULES_4_17:
		return points * 1000 / totalpages;
	case BADNESS_RULES_5_9:
		return (1000 + points * 1000 / totalpages) * 2 / 3;
	default:
		return BADNESS_NA;
	}
}

int64_t
badness_count_margin(const struct badness_kernel *k, int ncpus)
{
	int64_t batch;

	if (!k->percpu_counts || ncpus <= 0)
		return 0;
	batch = 2 * (int64_t)ncpus > 32 ? 2 * (int64_t)ncpus : 32;
	/* anon, file, shmem, swapents: each per-CPU part below batch */
	return 4 * (int64_t)ncpus * (batch - 1);
}

bool
badness_scanned_before(const struct badness_task *a,
    const struct badness_task *b, bool memcg)
{
	/* mem_cgroup_scan_tasks(): cgroup by cgroup, pre-order */
	if (memcg && a->memcg_seq != 0 && b->memcg_seq != 0 &&
	    a->memcg_seq != b->memcg_seq)
		return a->memcg_seq < b->memcg_seq;
	/* for_each_process(): the task list, in creation order */
	if (a->scan_seq != 0 && b->scan_seq != 0 && a->scan_seq != b->scan_seq)
		return a->scan_seq < b->scan_seq;
	if (a->start_time != b->start_time)
		return a->start_time < b->start_time;
	return a->tgid < b->tgid;
}

struct rank_ctx {
	const struct badness_kernel *k;
	const struct badness_set *s;
	const int64_t *points;
	bool memcg;
};

static const struct badness_task *
set_task(const struct badness_set *s, int i)
{
	size_t at = (size_t)(s->map != NULL ? s->map[i] : i);

	return (const struct badness_task *)(const void *)
	    ((const char *)s->base + at * s->stride);
}

static const struct badness_task *
ctx_task(const struct rank_ctx *c, int i)
{
	return set_task(c->s, i);
}

static bool
chosen(int64_t p)
{
	return p != BADNESS_INELIGIBLE && p != BADNESS_UNKNOWN;
}

/* Does a come before b in a scan of the scope?  A memcg's scan (5.3+)
 * walks each css_set's tasks list, then its dying_tasks list, where
 * cgroup_exit() put a leader that exited while its threads run on
 * (css_task_iter_advance, kernel/cgroup/cgroup.c).  A global scan
 * (for_each_process) leaves such a leader in its place. */
static bool
scan_before(const struct rank_ctx *c, const struct badness_task *a,
    const struct badness_task *b)
{
	bool da = (a->flags & a->known & BADNESS_F_DYING_LEADER) != 0;
	bool db = (b->flags & b->known & BADNESS_F_DYING_LEADER) != 0;

	if (c->memcg && c->k->dying_last && da != db &&
	    a->memcg_seq == b->memcg_seq)
		return db;
	return badness_scanned_before(a, b, c->memcg);
}

/* Does task i come before task j in the ranking? */
static bool
rank_before(const struct rank_ctx *c, int i, int j)
{
	int64_t pi = c->points[i], pj = c->points[j];
	bool ci = chosen(pi), cj = chosen(pj);
	const struct badness_task *ti = ctx_task(c, i), *tj = ctx_task(c, j);

	if (ci != cj)
		return ci;
	if (!ci)
		return ti->tgid < tj->tgid;
	/* oom_task_origin() (swapoff, KSM unmerge): LONG_MAX points, so
	 * chosen first; two of them tie, in scan order */
	bool oi = (ti->flags & BADNESS_F_ORIGIN) != 0;
	bool oj = (tj->flags & BADNESS_F_ORIGIN) != 0;
	if (oi != oj)
		return oi;
	if (pi != pj && !oi)
		return pi > pj;
	bool first = scan_before(c, ti, tj);
	if (!first && !scan_before(c, tj, ti))
		return i < j;	/* the same task twice: keep input order */
	return c->k->last_wins ? !first : first;
}

/* Stable merge sort of idx[0..n) with tmp[0..n) as scratch. */
static void
rank_sort(const struct rank_ctx *c, int *idx, int *tmp, int n)
{
	if (n < 2)
		return;
	int h = n / 2;
	rank_sort(c, idx, tmp, h);
	rank_sort(c, idx + h, tmp, n - h);
	int a = 0, b = h, o = 0;
	while (a < h && b < n)
		tmp[o++] = rank_before(c, idx[b], idx[a]) ? idx[b++] : idx[a++];
	while (a < h)
		tmp[o++] = idx[a++];
	while (b < n)
		tmp[o++] = idx[b++];
	memcpy(idx, tmp, (size_t)n * sizeof *idx);
}

void
badness_order_set(const struct badness_kernel *k, const struct badness_set *s,
    int n, const int64_t *points, bool memcg, int *order)
{
	struct rank_ctx c = { k, s, points, memcg };
	int *tmp;

	if (n <= 0)
		return;
	for (int i = 0; i < n; i++)
		order[i] = i;
	tmp = malloc((size_t)n * sizeof *tmp);
	if (tmp == NULL)
		abort();
	rank_sort(&c, order, tmp, n);
	free(tmp);
}

/* Sift i down a heap whose root is the worst kept task (every other
 * kept one ranks before it). */
static void
heap_down(const struct rank_ctx *c, int *h, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, w = i;
		if (l < n && rank_before(c, h[w], h[l]))
			w = l;
		if (l + 1 < n && rank_before(c, h[w], h[l + 1]))
			w = l + 1;
		if (w == i)
			return;
		int x = h[i];
		h[i] = h[w];
		h[w] = x;
		i = w;
	}
}

void
badness_order(const struct badness_kernel *k, const struct badness_task *tasks,
    int n, const int64_t *points, bool memcg, int *order)
{
	struct badness_set s = { tasks, sizeof *tasks, NULL };

	badness_order_set(k, &s, n, points, memcg, order);
}

int
badness_top_set(const struct badness_kernel *k, const struct badness_set *s,
    int n, const int64_t *points, bool memcg, int top, int *order)
{
	struct rank_ctx c = { k, s, points, memcg };
	int *tmp, kept, rest;

	if (n <= 0)
		return 0;
	if (top > n)
		top = n;
	if (top < 1)
		top = 1;
	/* the merge sort's scratch: the top alone is sorted */
	tmp = malloc((size_t)top * sizeof *tmp);
	if (tmp == NULL)
		abort();
	/* the best top in a heap (worst at the root), the rest after.
	 * Tasks come in creation order, mostly: visited so that the one
	 * winning a tie comes first (the last scanned on 5.2+), a heap of
	 * equal points is not churned through. */
	bool back = k->last_wins;
	for (kept = 0; kept < top; kept++)
		order[kept] = back ? n - 1 - kept : kept;
	for (int i = top / 2 - 1; i >= 0; i--)
		heap_down(&c, order, top, i);
	rest = top;
	for (int v = top; v < n; v++) {
		int i = back ? n - 1 - v : v;
		if (rank_before(&c, i, order[0])) {
			order[rest++] = order[0];
			order[0] = i;
			heap_down(&c, order, top, 0);
		} else
			order[rest++] = i;
	}
	rank_sort(&c, order, tmp, top);
	free(tmp);
	return top;
}

int
badness_top(const struct badness_kernel *k, const void *tasks, size_t stride,
    int n, const int64_t *points, bool memcg, int top, int *order)
{
	struct badness_set s = { tasks, stride, NULL };

	return badness_top_set(k, &s, n, points, memcg, top, order);
}

int
badness_rank_set(const struct badness_kernel *k, const struct badness_set *s,
    int n, int64_t totalpages, int64_t page_size, bool memcg, int64_t *points,
    int *order)
{
	int good = 0;

	for (int i = 0; i < n; i++) {
		points[i] = badness_points(k, set_task(s, i), totalpages, page_size);
		if (chosen(points[i]))
			good++;
	}
	badness_order_set(k, s, n, points, memcg, order);
	return good;
}

int
badness_rank(const struct badness_kernel *k, const struct badness_task *tasks,
    int n, int64_t totalpages, int64_t page_size, bool memcg, int64_t *points,
    int *order)
{
	struct badness_set s = { tasks, sizeof *tasks, NULL };

	return badness_rank_set(k, &s, n, totalpages, page_size, memcg, points,
	    order);
}

int64_t
badness_total_global(int64_t mem_total_kb, int64_t swap_total_kb, int page_kb)
{
	if (mem_total_kb == BADNESS_NA || mem_total_kb < 0 || page_kb <= 0)
		return BADNESS_NA;
	if (swap_total_kb == BADNESS_NA || swap_total_kb < 0)
		swap_total_kb = 0;
	return mem_total_kb / page_kb + swap_total_kb / page_kb;
}

int64_t
badness_total_memcg(int64_t limit_kb, int64_t swap_allow_kb,
    int64_t swap_total_kb, int64_t swappiness, int page_kb)
{
	int64_t max, swap;

	if (limit_kb == BADNESS_NA || limit_kb < 0 || page_kb <= 0)
		return BADNESS_NA;
	/* PAGE_COUNTER_MAX: LONG_MAX / PAGE_SIZE */
	int64_t counter_max = INT64_MAX / ((int64_t)page_kb * 1024);
	max = limit_kb == INT64_MAX ? counter_max : limit_kb / page_kb;
	swap = swap_total_kb == BADNESS_NA || swap_total_kb < 0 ? 0 :
	    swap_total_kb / page_kb;
	if (swappiness != 0) {
		if (swap_allow_kb != BADNESS_NA && swap_allow_kb != INT64_MAX &&
		    swap_allow_kb >= 0 && swap_allow_kb / page_kb < swap)
			swap = swap_allow_kb / page_kb;
		/* the kernel adds it even to PAGE_COUNTER_MAX (unsigned
		 * long); int64_t holds that sum too, the check is for
		 * counts no machine has */
		if (max <= INT64_MAX - swap)
			max += swap;
	}
	return max > 0 ? max : 1;
}

int64_t
badness_total_nodes(const int64_t *present_pages, int nnodes,
    int64_t swap_total_kb, int page_kb)
{
	int64_t t;

	if (page_kb <= 0 || nnodes <= 0)
		return BADNESS_NA;
	t = swap_total_kb == BADNESS_NA || swap_total_kb < 0 ? 0 :
	    swap_total_kb / page_kb;
	for (int i = 0; i < nnodes; i++) {
		if (present_pages[i] == BADNESS_NA || present_pages[i] < 0)
			return BADNESS_NA;
		t += present_pages[i];
	}
	return t;
}
