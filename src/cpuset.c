/*
 * cpuset.c: the cpuset hierarchy, the nodes with memory, and the members of
 * the cpusets restricted to some of them (see cpuset.h).
 */
#include "cpuset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"
#include "util.h"

#define CS_MAX_DEPTH	32
#define CS_MAX_DIRS	4096

/* ---------------------------------------------------------------- */
/* node lists (lib/bitmap-str.c: bitmap_parselist, "%*pbl")          */

bool
cpuset_nodes_has(const struct cpuset_nodes *n, int node)
{
	return node >= 0 && node < CPUSET_MAX_NODES &&
	    ((n->bits[node / 64] >> (node % 64)) & 1);
}

static void
nodes_set(struct cpuset_nodes *n, int node)
{
	n->bits[node / 64] |= (uint64_t)1 << (node % 64);
}

/* A node number at *p; false when none or out of range. */
static bool
node_num(const char **p, const char *end, int *out)
{
	int v = 0, digits = 0;

	while (*p < end && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		if (v >= CPUSET_MAX_NODES)
			return false;
		(*p)++;
		digits++;
	}
	*out = v;
	return digits > 0;
}

static bool
nodes_parse(const char *text, size_t len, struct cpuset_nodes *out)
{
	const char *p = text, *end = text + len;

	while (end > p && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	while (p < end) {
		int lo, hi;
		if (!node_num(&p, end, &lo))
			return false;
		hi = lo;
		if (p < end && *p == '-') {
			p++;
			if (!node_num(&p, end, &hi) || hi < lo)
				return false;
		}
		for (int v = lo; v <= hi; v++)
			nodes_set(out, v);
		if (p < end && *p != ',')
			return false;
		if (p < end)
			p++;
	}
	return true;
}

bool
cpuset_parse_nodes(const char *text, size_t len, struct cpuset_nodes *out)
{
	memset(out, 0, sizeof *out);
	if (nodes_parse(text, len, out))
		return true;
	memset(out, 0, sizeof *out);	/* nothing of a refused list */
	return false;
}

void
cpuset_format_nodes(const struct cpuset_nodes *n, char *out, size_t outlen)
{
	size_t o = 0;

	if (outlen == 0)
		return;
	out[0] = '\0';
	for (int v = 0; v < CPUSET_MAX_NODES; v++) {
		if (!cpuset_nodes_has(n, v))
			continue;
		int hi = v;
		while (hi + 1 < CPUSET_MAX_NODES && cpuset_nodes_has(n, hi + 1))
			hi++;
		int w = hi > v ? snprintf(out + o, outlen - o, "%s%d-%d",
		    o ? "," : "", v, hi) : snprintf(out + o, outlen - o, "%s%d",
		    o ? "," : "", v);
		if (w < 0 || (size_t)w >= outlen - o) {
			out[o] = '\0';	/* cut at a whole entry */
			return;
		}
		o += (size_t)w;
		v = hi;
	}
}

bool
cpuset_nodes_intersect(const struct cpuset_nodes *a,
    const struct cpuset_nodes *b)
{
	for (size_t i = 0; i < sizeof a->bits / sizeof a->bits[0]; i++)
		if (a->bits[i] & b->bits[i])
			return true;
	return false;
}

bool
cpuset_nodes_strict_subset(const struct cpuset_nodes *a,
    const struct cpuset_nodes *b)
{
	bool any = false, less = false;

	for (size_t i = 0; i < sizeof a->bits / sizeof a->bits[0]; i++) {
		if (a->bits[i] & ~b->bits[i])
			return false;
		any = any || a->bits[i] != 0;
		less = less || a->bits[i] != b->bits[i];
	}
	return any && less;
}

/* ---------------------------------------------------------------- */
/* the hierarchy                                                     */

struct cs_walk {
	struct procfs *pf;
	struct cpuset_tree *t;
	const char *base;
	const char *mems_file;		/* the effective mems' file */
	struct zt_buf b;
};

/* keep: a small file read each refresh (an fd kept for it) */
static bool
cs_read(struct cs_walk *w, const char *dir, const char *name, bool keep)
{
	char rel[CPUSET_PATH_MAX + 96], why[ZT_WHY_LEN];

	if (snprintf(rel, sizeof rel, "%s%s/%s", w->base, dir, name) >=
	    (int)sizeof rel)
		return false;
	return (keep ? procfs_read_sys_kept(w->pf, rel, &w->b, why, sizeof why) :
	    procfs_read_sys(w->pf, rel, &w->b, why, sizeof why)) == 0;
}

static void
cs_add_pids(struct cpuset_tree *t, const int *pids, int np, int cs)
{
	for (int i = 0; i < np; i++) {
		if (t->npids == t->cappids) {
			t->cappids = t->cappids ? t->cappids * 2 : 64;
			t->pids = xreallocarray(t->pids, (size_t)t->cappids,
			    sizeof *t->pids);
		}
		t->pids[t->npids].pid = pids[i];
		t->pids[t->npids++].cs = cs;
	}
}

/* The cpuset at path (relative to the base, "" the root) and below. */
static void
cs_add(struct cs_walk *w, const char *path, const struct cpuset_nodes *parent,
    int depth)
{
	struct cpuset_tree *t = w->t;
	char dir[CPUSET_PATH_MAX + 64], why[ZT_WHY_LEN];
	char **names;
	int me;

	if (depth > CS_MAX_DEPTH || t->n >= CS_MAX_DIRS)
		return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->dirs = xreallocarray(t->dirs, (size_t)t->cap, sizeof *t->dirs);
	}
	me = t->n++;
	struct cpuset_dir *d = &t->dirs[me];
	memset(d, 0, sizeof *d);
	strlcpy0(d->path, path[0] ? path : "/", sizeof d->path);
	/* a cpuset without the file (v2 without the controller there)
	 * shares its parent's nodes */
	if (!cs_read(w, path, w->mems_file, true) ||
	    !cpuset_parse_nodes(w->b.p, w->b.len, &d->mems))
		d->mems = parent ? *parent : t->memory;
	/* the nodes it may allocate from: a memoryless one is in no
	 * zonelist (the kernel keeps cpuset.mems within N_MEMORY anyway) */
	struct cpuset_nodes from = d->mems;
	for (size_t i = 0; i < sizeof from.bits / sizeof from.bits[0]; i++)
		from.bits[i] &= t->memory.bits[i];
	d->restricted = cpuset_nodes_strict_subset(&from, &t->memory);
	if (d->restricted) {
		t->nrestricted++;
		if (cs_read(w, path, "cgroup.procs", false)) {
			int *pids = NULL, np = 0, cp = 0;
			cgroup_parse_procs(w->b.p, w->b.len, &pids, &np, &cp);
			cs_add_pids(t, pids, np, me);
			free(pids);
		}
	}
	snprintf(dir, sizeof dir, "%s%s", w->base, path);
	uint64_t *inos = NULL;
	names = procfs_list_sys_dirs(w->pf, dir, &inos, why, sizeof why);
	free(inos);
	for (int i = 0; names != NULL && names[i] != NULL; i++) {
		char child[CPUSET_PATH_MAX * 2];
		if (strlen(path) + strlen(names[i]) + 2 > CPUSET_PATH_MAX ||
		    snprintf(child, sizeof child, "%s/%s", path, names[i]) >=
		    (int)sizeof child)
			continue;
		struct cpuset_nodes mine = t->dirs[me].mems;
		cs_add(w, child, &mine, depth + 1);
	}
	procfs_free_names(names);
}

static int
cmp_cspid(const void *a, const void *b)
{
	const struct cpuset_pid *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Where the cpuset controller is, and its effective mems' file. */
static bool
cs_base(struct procfs *pf, struct cs_walk *w)
{
	struct zt_buf b = { 0 };
	char why[ZT_WHY_LEN];
	static const char *v2[] = { "fs/cgroup", "fs/cgroup/unified" };

	if (procfs_sys_exists(pf, "fs/cgroup/cpuset/cgroup.procs")) {
		w->t->version = 1;
		w->base = "fs/cgroup/cpuset";
		/* cpuset.effective_mems (3.x+, v1); plain cpuset.mems before */
		w->mems_file = procfs_sys_exists(pf,
		    "fs/cgroup/cpuset/cpuset.effective_mems") ?
		    "cpuset.effective_mems" : "cpuset.mems";
		return true;
	}
	for (size_t i = 0; i < sizeof v2 / sizeof v2[0]; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "%s/cgroup.controllers", v2[i]);
		if (procfs_read_sys(pf, rel, &b, why, sizeof why) == 0 &&
		    strstr(b.p, "cpuset") != NULL) {
			buf_free(&b);
			w->t->version = 2;
			w->base = v2[i];
			w->mems_file = "cpuset.mems.effective";
			return true;
		}
	}
	buf_free(&b);
	return false;
}

int
cpuset_tree_read(struct procfs *pf, struct cpuset_tree *t)
{
	struct cs_walk w = { pf, t, NULL, NULL, { 0 } };
	char why[ZT_WHY_LEN];

	t->n = t->npids = t->nrestricted = 0;
	t->version = 0;
	t->why[0] = '\0';
	/* N_MEMORY (has_memory, 3.8+), else the online nodes */
	if ((procfs_read_sys(pf, "devices/system/node/has_memory", &w.b, why,
	    sizeof why) < 0 || !cpuset_parse_nodes(w.b.p, w.b.len, &t->memory)) &&
	    (procfs_read_sys(pf, "devices/system/node/online", &w.b, why,
	    sizeof why) < 0 || !cpuset_parse_nodes(w.b.p, w.b.len, &t->memory))) {
		snprintf(t->why, sizeof t->why, "online nodes unknown "
		    "(devices/system/node/online: %.30s)", why);
		buf_free(&w.b);
		return -1;
	}
	if (!cs_base(pf, &w)) {
		snprintf(t->why, sizeof t->why, "no cpuset hierarchy under "
		    "%.40s/fs/cgroup", procfs_sys_root(pf));
		buf_free(&w.b);
		return -1;
	}
	cs_add(&w, "", NULL, 0);
	buf_free(&w.b);
	if (t->npids > 1)
		qsort(t->pids, (size_t)t->npids, sizeof *t->pids, cmp_cspid);
	return 0;
}

void
cpuset_tree_free(struct cpuset_tree *t)
{
	free(t->dirs);
	free(t->pids);
	memset(t, 0, sizeof *t);
}

int
cpuset_tree_of_pid(const struct cpuset_tree *t, int pid)
{
	struct cpuset_pid key = { pid, 0 }, *hit;

	if (t->npids == 0)
		return -1;
	hit = bsearch(&key, t->pids, (size_t)t->npids, sizeof *t->pids,
	    cmp_cspid);
	return hit ? hit->cs : -1;
}
