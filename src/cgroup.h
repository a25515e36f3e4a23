/*
 * cgroup.h: the memory cgroup view (--cgroup PATH) and the cgroup path
 * of a process.
 *
 * PATH is written as /proc/PID/cgroup prints it ("/system.slice/x"),
 * relative to the hierarchy that holds the memory controller: the v1
 * memory hierarchy (sys root fs/cgroup/memory) when it is mounted, else
 * v2 (fs/cgroup, or fs/cgroup/unified on a hybrid layout).  A memcg OOM
 * picks its victim among the tasks of the cgroup and all its
 * descendants, so the members are collected from every cgroup.procs of
 * the subtree.
 */
#ifndef ZT_CGROUP_H
#define ZT_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

struct procfs;

/*
 * Fill info for the cgroup at path (info->have false and why when it is
 * not found).  *members: the sorted pids of the subtree (free()), with
 * *nmembers; *members is NULL when no memory hierarchy is mounted under
 * the sys root at all, so membership must be judged from each process's
 * own cgroup path instead.
 */
void cgroup_view(struct procfs *pf, const char *path,
    struct zt_cgroup_info *info, int **members, int *nmembers);

/*
 * Every memory cgroup of the hierarchy that holds the memory controller
 * (as cgroup_view picks it), read in one walk: entry 0 is the root, then
 * pre-order with children in creation order (their directory inode
 * numbers), the order mem_cgroup_iter() visits them.  Each entry's own
 * pids (cgroup.procs) are in pids[], sorted by pid, except the root's
 * (no memcg OOM ranks them; cgroup_tree_of_pid gives -1 for them).  Bounded like the
 * --cgroup walk (depth 32, 4096 cgroups).
 */
struct cgroup_pid {
	int pid;
	int cg;				/* index in cg[] */
};

struct cgroup_tree {
	int version;			/* 1 or 2; 0: no hierarchy (why) */
	int n, cap;
	struct zt_cgroup_info *cg;	/* path "/" for the root, "/a/b" */
	int *end;			/* the subtree of i is [i, end[i]) */
	int npids, cappids;
	struct cgroup_pid *pids;
	char why[ZT_WHY_LEN];
};

/* Read the tree afresh into t (reusing its memory); -1 with t->why when
 * there is no memory hierarchy under the sys root. */
int cgroup_tree_read(struct procfs *pf, struct cgroup_tree *t);
void cgroup_tree_free(struct cgroup_tree *t);
/* Index of the cgroup pid is directly in, -1 unknown. */
int cgroup_tree_of_pid(const struct cgroup_tree *t, int pid);
/* Index of the cgroup at path ("/a/b", "a/b/"), -1 none. */
int cgroup_tree_find(const struct cgroup_tree *t, const char *path);
/* Can this cgroup's own limit start a memcg OOM (a memory limit, or a
 * v1 memory+swap limit)? */
bool cgroup_limited(const struct zt_cgroup_info *c);

/* Pure helpers, exposed for tests and fuzzing. */

/* /proc/PID/cgroup text: the path on the v1 line whose controllers
 * include "memory", else the v2 "0::" line.  malloc'd, or NULL. */
char *cgroup_proc_path(const char *text, size_t len);
/* Is proc_path the cgroup want or inside it?  ("/a/b" is within "/a"
 * and "a/", not within "/ab".) */
bool cgroup_path_within(const char *proc_path, const char *want);
/* A limit file: bytes, or "max" (v2) / the v1 "unlimited" value
 * (PAGE_COUNTER_MAX pages) as ZT_NO_LIMIT.  kB, or ZT_NA when not a
 * number. */
int64_t cgroup_parse_limit_kb(const char *text, size_t len);
/* A counter file in bytes, as kB; ZT_NA when not a number. */
int64_t cgroup_parse_bytes_kb(const char *text, size_t len);
/* "key value" lines (memory.events, memory.oom_control) into kv;
 * returns the number of pairs read. */
int cgroup_parse_events(const char *text, size_t len, struct zt_kvs *kv);
/* A cgroup.procs file: pids appended to *pids (grown with xrealloc). */
int cgroup_parse_procs(const char *text, size_t len, int **pids, int *n,
    int *cap);

#endif
