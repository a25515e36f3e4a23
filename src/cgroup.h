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
