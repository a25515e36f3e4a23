/*
 * cpuset.h: the cpusets that can constrain an OOM (mm/oom_kill.c:
 * constrained_alloc(), oom_cpuset_eligible()).
 *
 * An allocation whose cpuset allows only some of the nodes with memory
 * fails against those nodes alone: the OOM is CONSTRAINT_CPUSET,
 * its totalpages the allowed nodes' present pages plus swap, and only
 * tasks whose mems_allowed intersect the allocating task's are eligible.
 * A task's mems_allowed is its cpuset's effective mems (what
 * /proc/PID/status prints as Mems_allowed_list).  This module reads the
 * cpuset hierarchy (v1 /sys/fs/cgroup/cpuset, cpuset.effective_mems, or
 * cpuset.mems before 3.x had it; v2 cpuset.mems.effective where the
 * cpuset controller is enabled), the nodes with memory
 * (/sys/devices/system/node/has_memory, N_MEMORY: the root cpuset's
 * mems; the online nodes where a kernel lacks the file), and which
 * processes sit in the cpusets restricted to a strict subset of them.
 * A memoryless node (CPUs only) is online but in no zonelist, so a
 * cpuset without it constrains nothing.  procs.c ranks each.
 */
#ifndef ZT_CPUSET_H
#define ZT_CPUSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "procfs.h"
#include "snapshot.h"

#define CPUSET_MAX_NODES 1024	/* MAX_NUMNODES with NODES_SHIFT 10 */
#define CPUSET_PATH_MAX	 256

struct cpuset_nodes {
	uint64_t bits[CPUSET_MAX_NODES / 64];
};

struct cpuset_dir {
	char path[CPUSET_PATH_MAX];	/* "/a/b", "/" for the root */
	struct cpuset_nodes mems;	/* effective */
	bool restricted;		/* a strict, nonempty subset of memory */
};

struct cpuset_pid {
	int pid;
	int cs;				/* index in dirs[] */
};

struct cpuset_tree {
	int version;			/* 1, 2; 0 none (why) */
	struct cpuset_nodes memory;	/* nodes with memory (N_MEMORY) */
	int n, cap;
	struct cpuset_dir *dirs;	/* pre-order; [0] the root */
	int nrestricted;
	int npids, cappids;
	struct cpuset_pid *pids;	/* members of restricted ones, by pid */
	char why[ZT_WHY_LEN];
};

/* A kernel node list ("0-3,8\n"; "" is the empty set) into out; false
 * when it does not parse or names a node beyond CPUSET_MAX_NODES, and
 * then out is empty. */
bool cpuset_parse_nodes(const char *text, size_t len, struct cpuset_nodes *out);
/* The list back in the kernel's form ("0-1,3"), cut to fit outlen. */
void cpuset_format_nodes(const struct cpuset_nodes *n, char *out, size_t outlen);
bool cpuset_nodes_intersect(const struct cpuset_nodes *a,
    const struct cpuset_nodes *b);
bool cpuset_nodes_has(const struct cpuset_nodes *n, int node);
/* a is a nonempty strict subset of b */
bool cpuset_nodes_strict_subset(const struct cpuset_nodes *a,
    const struct cpuset_nodes *b);

/* Read the hierarchy afresh into t (reusing its memory); -1 with t->why
 * when there is none or the nodes are unknown. */
int cpuset_tree_read(struct procfs *pf, struct cpuset_tree *t);
void cpuset_tree_free(struct cpuset_tree *t);
/* The restricted cpuset pid is in (index in dirs[]), -1: none of them
 * (its nodes are all those with memory). */
int cpuset_tree_of_pid(const struct cpuset_tree *t, int pid);

#endif
