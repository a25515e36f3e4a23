/*
 * cgroup.c: the --cgroup view, see cgroup.h.  Files under the sys root
 * are read through procfs (the only module that opens files); the
 * parsing here is pure.  Values are kB as the snapshot keeps them; a
 * limit that is not set is ZT_NO_LIMIT, a file that is absent ZT_NA.
 */
#include "cgroup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"
#include "util.h"

#define CG_MAX_DEPTH 32		/* cgroupfs nests far less in practice */
#define CG_MAX_DIRS  4096	/* bound the subtree walk */
#define CG_REL_MAX   1024

/* Line without its trailing blanks and newline. */
static size_t
trim_len(const char *text, size_t len)
{
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' ' ||
	    text[len - 1] == '\t'))
		len--;
	return len;
}

static bool
parse_whole_i64(const char *text, size_t len, int64_t *out)
{
	char tmp[32];

	len = trim_len(text, len);
	if (len == 0 || len >= sizeof tmp)
		return false;
	memcpy(tmp, text, len);
	tmp[len] = '\0';
	return parse_i64_str(tmp, out);
}

int64_t
cgroup_parse_bytes_kb(const char *text, size_t len)
{
	int64_t v;

	if (!parse_whole_i64(text, len, &v) || v < 0)
		return ZT_NA;
	return v / 1024;
}

int64_t
cgroup_parse_limit_kb(const char *text, size_t len)
{
	int64_t v;
	size_t n = trim_len(text, len);

	if (n == 3 && memcmp(text, "max", 3) == 0)
		return ZT_NO_LIMIT;
	if (!parse_whole_i64(text, len, &v) || v < 0)
		return ZT_NA;
	/* v1 prints PAGE_COUNTER_MAX * PAGE_SIZE = LONG_MAX rounded down to
	 * a page (64 KiB pages at most) for "unlimited" */
	if (v > INT64_MAX - 65536)
		return ZT_NO_LIMIT;
	return v / 1024;
}

int
cgroup_parse_events(const char *text, size_t len, struct zt_kvs *kv)
{
	const char *cur = text, *end = text + len, *line;
	size_t n;
	int got = 0;

	while ((line = next_line(&cur, end, &n)) != NULL) {
		char key[48], num[32];
		size_t k = 0, j;
		int64_t v;

		while (k < n && line[k] != ' ' && line[k] != '\t')
			k++;
		if (k == 0 || k >= sizeof key)
			continue;
		j = k;
		while (j < n && (line[j] == ' ' || line[j] == '\t'))
			j++;
		if (j == k || n - j == 0 || n - j >= sizeof num)
			continue;
		memcpy(key, line, k);
		key[k] = '\0';
		memcpy(num, line + j, n - j);
		num[n - j] = '\0';
		if (!parse_i64_str(num, &v))
			continue;
		kvs_set(kv, key, v);
		got++;
	}
	return got;
}

int
cgroup_parse_procs(const char *text, size_t len, int **pids, int *n, int *cap)
{
	const char *cur = text, *end = text + len, *line;
	size_t ln;
	int got = 0;

	while ((line = next_line(&cur, end, &ln)) != NULL) {
		char num[16];
		int64_t v;

		if (ln == 0 || ln >= sizeof num)
			continue;
		memcpy(num, line, ln);
		num[ln] = '\0';
		if (!parse_i64_str(num, &v) || v <= 0 || v > INT32_MAX)
			continue;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*pids = xreallocarray(*pids, (size_t)*cap, sizeof **pids);
		}
		(*pids)[(*n)++] = (int)v;
		got++;
	}
	return got;
}

/* Does the controller list "cpu,memory" name memory? */
static bool
lists_memory(const char *c, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		while (j < n && c[j] != ',')
			j++;
		if (j - i == 6 && memcmp(c + i, "memory", 6) == 0)
			return true;
		i = j + 1;
	}
	return false;
}

char *
cgroup_proc_path(const char *text, size_t len)
{
	const char *cur = text, *end = text + len, *line;
	const char *v2 = NULL;
	size_t n, v2len = 0;

	/* "hierarchy-id:controllers:path"; the path may itself hold ':' */
	while ((line = next_line(&cur, end, &n)) != NULL) {
		const char *c1 = memchr(line, ':', n), *c2;
		if (c1 == NULL)
			continue;
		c2 = memchr(c1 + 1, ':', (size_t)(line + n - c1 - 1));
		if (c2 == NULL)
			continue;
		const char *path = c2 + 1;
		size_t plen = (size_t)(line + n - path);
		if (lists_memory(c1 + 1, (size_t)(c2 - c1 - 1)))
			return xstrndup(path, plen);
		if (c1 - line == 1 && line[0] == '0' && c2 == c1 + 1) {
			v2 = path;
			v2len = plen;
		}
	}
	return v2 ? xstrndup(v2, v2len) : NULL;
}

bool
cgroup_path_within(const char *proc_path, const char *want)
{
	size_t n;

	while (*proc_path == '/')
		proc_path++;
	while (*want == '/')
		want++;
	n = strlen(want);
	while (n > 0 && want[n - 1] == '/')
		n--;
	if (n == 0)
		return true;		/* the root holds everything */
	return strncmp(proc_path, want, n) == 0 &&
	    (proc_path[n] == '\0' || proc_path[n] == '/');
}

/* path made relative and clean into out; false for "..", "." or too long */
static bool
clean_path(const char *path, char *out, size_t outlen)
{
	size_t o = 0;
	const char *p = path;

	while (*p) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		size_t n = strcspn(p, "/");
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (o + n + 2 >= outlen)
			return false;
		if (o > 0)
			out[o++] = '/';
		memcpy(out + o, p, n);
		o += n;
		p += n;
	}
	out[o] = '\0';
	return true;
}

/* Read dir/name (relative to the sys root) into b; false when absent.
 * keep: a file the tree reads each refresh (an fd kept for it). */
static bool
read_cg_at(struct procfs *pf, const char *dir, const char *name,
    struct zt_buf *b, bool keep)
{
	char rel[CG_REL_MAX + 64], why[ZT_WHY_LEN];

	snprintf(rel, sizeof rel, "%s/%s", dir, name);
	return (keep ? procfs_read_sys_kept(pf, rel, b, why, sizeof why) :
	    procfs_read_sys(pf, rel, b, why, sizeof why)) == 0;
}

static bool
read_cg(struct procfs *pf, const char *dir, const char *name, struct zt_buf *b)
{
	return read_cg_at(pf, dir, name, b, false);
}

static int64_t
read_limit(struct procfs *pf, const char *dir, const char *name,
    struct zt_buf *b, bool keep)
{
	return read_cg_at(pf, dir, name, b, keep) ?
	    cgroup_parse_limit_kb(b->p, b->len) : ZT_NA;
}

static int64_t
read_bytes(struct procfs *pf, const char *dir, const char *name,
    struct zt_buf *b, bool keep)
{
	return read_cg_at(pf, dir, name, b, keep) ?
	    cgroup_parse_bytes_kb(b->p, b->len) : ZT_NA;
}

/* memsw minus mem, keeping "no limit" and "not available" apart */
static int64_t
v1_swap_part(int64_t memsw, int64_t mem)
{
	if (!zt_have(memsw) || !zt_have(mem))
		return ZT_NA;
	if (memsw == ZT_NO_LIMIT)
		return ZT_NO_LIMIT;
	if (mem == ZT_NO_LIMIT)
		return ZT_NA;
	return memsw >= mem ? memsw - mem : 0;
}

static void
read_v1(struct procfs *pf, const char *dir, struct zt_cgroup_info *info,
    struct zt_buf *b, bool keep)
{
	int64_t memsw_lim, memsw_use, v;

	info->limit_kb = read_limit(pf, dir, "memory.limit_in_bytes", b, keep);
	info->usage_kb = read_bytes(pf, dir, "memory.usage_in_bytes", b, keep);
	/* memsw files exist only with swap accounting */
	memsw_lim = read_limit(pf, dir, "memory.memsw.limit_in_bytes", b, keep);
	memsw_use = read_bytes(pf, dir, "memory.memsw.usage_in_bytes", b, keep);
	info->swap_limit_kb = v1_swap_part(memsw_lim, info->limit_kb);
	info->swap_usage_kb = v1_swap_part(memsw_use, info->usage_kb);
	if (read_cg_at(pf, dir, "memory.oom_control", b, keep))
		cgroup_parse_events(b->p, b->len, &info->events);
	if (read_cg_at(pf, dir, "memory.failcnt", b, keep) &&
	    parse_whole_i64(b->p, b->len, &v))
		kvs_set(&info->events, "failcnt", v);
}

static void
read_v2(struct procfs *pf, const char *dir, struct zt_cgroup_info *info,
    struct zt_buf *b, bool keep)
{
	info->limit_kb = read_limit(pf, dir, "memory.max", b, keep);
	info->usage_kb = read_bytes(pf, dir, "memory.current", b, keep);
	info->swap_limit_kb = read_limit(pf, dir, "memory.swap.max", b, keep);
	info->swap_usage_kb = read_bytes(pf, dir, "memory.swap.current", b, keep);
	if (read_cg_at(pf, dir, "memory.events", b, keep))
		cgroup_parse_events(b->p, b->len, &info->events);
}

/* Collect the pids of dir and every cgroup below it. */
static void
walk(struct procfs *pf, const char *dir, int depth, int *ndirs, int **pids,
    int *n, int *cap, struct zt_buf *b)
{
	char why[ZT_WHY_LEN], rel[CG_REL_MAX + 64];
	char **names;

	if (depth > CG_MAX_DEPTH || ++*ndirs > CG_MAX_DIRS)
		return;
	if (read_cg(pf, dir, "cgroup.procs", b))
		cgroup_parse_procs(b->p, b->len, pids, n, cap);
	names = procfs_list_sys(pf, dir, why, sizeof why);
	if (names == NULL)
		return;
	for (char **nm = names; *nm != NULL; nm++) {
		/* a child cgroup is a directory with its own cgroup.procs */
		snprintf(rel, sizeof rel, "%s/%s/cgroup.procs", dir, *nm);
		if (strlen(dir) + strlen(*nm) + 2 > CG_REL_MAX ||
		    !procfs_sys_exists(pf, rel))
			continue;
		snprintf(rel, sizeof rel, "%s/%s", dir, *nm);
		walk(pf, rel, depth + 1, ndirs, pids, n, cap, b);
	}
	procfs_free_names(names);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* ---------------------------------------------------------------- */
/* the whole tree                                                    */

/* Where the memory controller lives under the sys root. */
static const char *
memory_base(struct procfs *pf, int *version)
{
	/* the v1 memory hierarchy decides memcg OOMs wherever it is mounted */
	if (procfs_sys_exists(pf, "fs/cgroup/memory/cgroup.procs")) {
		*version = 1;
		return "fs/cgroup/memory";
	}
	*version = 2;
	if (procfs_sys_exists(pf, "fs/cgroup/cgroup.controllers"))
		return "fs/cgroup";
	if (procfs_sys_exists(pf, "fs/cgroup/unified/cgroup.controllers"))
		return "fs/cgroup/unified";
	*version = 0;
	return NULL;
}

bool
cgroup_limited(const struct zt_cgroup_info *c)
{
	if (zt_have(c->limit_kb) && c->limit_kb != ZT_NO_LIMIT)
		return true;
	/* v1: hitting memsw.limit_in_bytes is a memcg OOM too */
	return c->version == 1 && zt_have(c->swap_limit_kb) &&
	    c->swap_limit_kb != ZT_NO_LIMIT;
}

struct tree_walk {
	struct procfs *pf;
	struct cgroup_tree *t;
	const char *base;
	struct zt_buf b;
};

static int
cmp_ino(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Add the cgroup at rel (path as /proc shows it) and, in creation order,
 * its children. */
static void
tree_add(struct tree_walk *w, const char *path, uint64_t ino, int parent,
    int depth, bool scoped)
{
	struct cgroup_tree *t = w->t;
	char dir[CG_REL_MAX], why[ZT_WHY_LEN];
	uint64_t *inos = NULL;
	char **names;
	int me, got;

	if (depth > CG_MAX_DEPTH || t->n >= CG_MAX_DIRS)
		return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cg = xreallocarray(t->cg, (size_t)t->cap, sizeof *t->cg);
		t->end = xreallocarray(t->end, (size_t)t->cap, sizeof *t->end);
	}
	me = t->n++;
	struct zt_cgroup_info *c = &t->cg[me];
	cgroup_info_init(c);
	strlcpy0(c->path, path[0] ? path : "/", sizeof c->path);
	c->version = t->version;
	c->have = true;
	c->depth = depth;
	c->parent = parent;
	c->ino = ino;
	if (snprintf(dir, sizeof dir, "%s%s", w->base, path) >= (int)sizeof dir)
		dir[0] = '\0';	/* unreachable: paths are checked below */
	if (t->version == 1) {
		int64_t v;
		read_v1(w->pf, dir, c, &w->b, true);
		if (read_cg_at(w->pf, dir, "memory.swappiness", &w->b, true) &&
		    parse_whole_i64(w->b.p, w->b.len, &v))
			c->swappiness = v;
	} else if (depth > 0)
		read_v2(w->pf, dir, c, &w->b, true);
	/* members matter only where a memcg OOM can rank them: in or
	 * below a limit.  (The root's list is every process of a plain
	 * machine, which v1 sorts on each read.) */
	scoped = scoped || (depth > 0 && cgroup_limited(c));
	c->scoped = scoped;
	if (scoped && read_cg(w->pf, dir, "cgroup.procs", &w->b)) {
		int *pids = NULL, np = 0, cp = 0;
		cgroup_parse_procs(w->b.p, w->b.len, &pids, &np, &cp);
		for (int i = 0; i < np; i++) {
			if (t->npids == t->cappids) {
				t->cappids = t->cappids ? t->cappids * 2 : 256;
				t->pids = xreallocarray(t->pids, (size_t)t->cappids,
				    sizeof *t->pids);
			}
			t->pids[t->npids].pid = pids[i];
			t->pids[t->npids++].cg = me;
		}
		free(pids);
	}
	names = procfs_list_sys_dirs_kept(w->pf, dir, ino, &inos, why, sizeof why);
	got = 0;
	if (names != NULL)
		while (names[got] != NULL)
			got++;
	/* children in creation order: kernfs numbers them as they come */
	struct { uint64_t ino; int i; } *order = got ? xreallocarray(NULL,
	    (size_t)got, sizeof *order) : NULL;
	for (int i = 0; i < got; i++) {
		order[i].ino = inos[i];
		order[i].i = i;
	}
	if (got > 1)
		qsort(order, (size_t)got, sizeof *order, cmp_ino);
	for (int i = 0; i < got; i++) {
		char child[CG_REL_MAX];
		const char *nm = names[order[i].i];
		if (strlen(path) + strlen(nm) + 40 > sizeof child ||
		    snprintf(child, sizeof child, "%s/%s", path, nm) >=
		    (int)sizeof child)
			continue;
		tree_add(w, child, order[i].ino, me, depth + 1, scoped);
	}
	free(order);
	free(inos);
	procfs_free_names(names);
	t->end[me] = t->n;
}

static int
cmp_cgpid(const void *a, const void *b)
{
	const struct cgroup_pid *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

int
cgroup_tree_read(struct procfs *pf, struct cgroup_tree *t)
{
	struct tree_walk w = { pf, t, NULL, { 0 } };

	for (int i = 0; i < t->n; i++)
		kvs_free(&t->cg[i].events);
	t->n = 0;
	t->npids = 0;
	t->why[0] = '\0';
	w.base = memory_base(pf, &t->version);
	if (w.base == NULL) {
		snprintf(t->why, sizeof t->why,
		    "no memory cgroup hierarchy under %.40s/fs/cgroup",
		    procfs_sys_root(pf));
		return -1;
	}
	tree_add(&w, "", 0, -1, 0, false);
	procfs_sys_kept_sweep(pf);	/* a removed cgroup's files */
	buf_free(&w.b);
	if (t->npids > 1)
		qsort(t->pids, (size_t)t->npids, sizeof *t->pids, cmp_cgpid);
	/* processes in each subtree: own ones, then children's upwards;
	 * unknown (-1) where no limit made them worth reading */
	for (int i = 0; i < t->n; i++)
		t->cg[i].nmembers = 0;
	for (int k = 0; k < t->npids; k++)
		t->cg[t->pids[k].cg].nmembers++;
	for (int i = t->n - 1; i > 0; i--)
		if (t->cg[i].parent >= 0)
			t->cg[t->cg[i].parent].nmembers += t->cg[i].nmembers;
	for (int i = 0; i < t->n; i++)
		if (!t->cg[i].scoped)
			t->cg[i].nmembers = -1;
	return 0;
}

void
cgroup_tree_free(struct cgroup_tree *t)
{
	for (int i = 0; i < t->n; i++)
		kvs_free(&t->cg[i].events);
	free(t->cg);
	free(t->end);
	free(t->pids);
	memset(t, 0, sizeof *t);
}

int
cgroup_tree_of_pid(const struct cgroup_tree *t, int pid)
{
	struct cgroup_pid key = { pid, 0 }, *hit;

	if (t->npids == 0)
		return -1;
	hit = bsearch(&key, t->pids, (size_t)t->npids, sizeof *t->pids,
	    cmp_cgpid);
	return hit ? hit->cg : -1;
}

int
cgroup_tree_find(const struct cgroup_tree *t, const char *path)
{
	char clean[CG_REL_MAX];

	if (!clean_path(path, clean, sizeof clean))
		return -1;
	for (int i = 0; i < t->n; i++) {
		const char *p = t->cg[i].path;
		while (*p == '/')
			p++;
		if (strcmp(p, clean) == 0)
			return i;
	}
	return -1;
}

void
cgroup_view(struct procfs *pf, const char *path, struct zt_cgroup_info *info,
    int **members, int *nmembers)
{
	char clean[CG_REL_MAX], dir[CG_REL_MAX + 32];
	const char *base;
	struct zt_buf b = { 0 };
	int n = 0, cap = 0, ndirs = 0, version;

	*members = NULL;
	*nmembers = 0;
	kvs_free(&info->events);
	cgroup_info_init(info);
	strlcpy0(info->path, path, sizeof info->path);
	if (!clean_path(path, clean, sizeof clean)) {
		snprintf(info->why, sizeof info->why, "bad cgroup path");
		*members = xcalloc(1, sizeof **members);
		return;
	}
	/* the v1 memory hierarchy decides memcg OOMs wherever it is mounted */
	if (procfs_sys_exists(pf, "fs/cgroup/memory/cgroup.procs")) {
		base = "fs/cgroup/memory";
		version = 1;
	} else if (procfs_sys_exists(pf, "fs/cgroup/cgroup.controllers")) {
		base = "fs/cgroup";
		version = 2;
	} else if (procfs_sys_exists(pf, "fs/cgroup/unified/cgroup.controllers")) {
		base = "fs/cgroup/unified";
		version = 2;
	} else {
		snprintf(info->why, sizeof info->why,
		    "no memory cgroup hierarchy under %.40s/fs/cgroup",
		    procfs_sys_root(pf));
		return;
	}
	snprintf(dir, sizeof dir, "%s%s%s", base, clean[0] ? "/" : "", clean);
	*members = xcalloc(1, sizeof **members);
	if (!read_cg(pf, dir, "cgroup.procs", &b)) {
		snprintf(info->why, sizeof info->why, "no such cgroup in %s",
		    version == 1 ? "the v1 memory hierarchy" : "cgroup v2");
		buf_free(&b);
		return;
	}
	info->have = true;
	info->version = version;
	if (version == 1)
		read_v1(pf, dir, info, &b, false);
	else
		read_v2(pf, dir, info, &b, false);
	free(*members);
	*members = NULL;
	walk(pf, dir, 0, &ndirs, members, &n, &cap, &b);
	if (*members == NULL)
		*members = xcalloc(1, sizeof **members);
	qsort(*members, (size_t)n, sizeof **members, cmp_int);
	int u = 0;
	for (int i = 0; i < n; i++)
		if (u == 0 || (*members)[u - 1] != (*members)[i])
			(*members)[u++] = (*members)[i];
	*nmembers = u;
	info->nmembers = u;
	buf_free(&b);
}
