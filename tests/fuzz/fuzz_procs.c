/*
 * Fuzz the /proc/PID and cgroup file parsers of the candidates module:
 * stat, status, cmdline, cgroup, cgroup limits, events and procs files,
 * cpuset node lists (and their printing back),
 * then the ranking arithmetic on what status gave, by oom_score and by
 * the kernel's points (badness.c) for two kernels' rules.  Each gets a copy of
 * exactly the input's size so ASan sees any read past the end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"
#include "cpuset.h"
#include "procs.h"
#include "snapshot.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = malloc(size ? size : 1);
	struct procs_stat st;
	struct zt_snapshot s;
	struct zt_kvs kv = { 0 };
	int *pids = NULL, n = 0, cap = 0;
	char *c;

	memcpy(t, data, size);
	procs_parse_stat(t, size, &st);
	{
		int64_t last;
		procs_parse_last_pid(t, size, &last);
	}

	snapshot_init(&s);
	s.page_kb = 4;
	s.totalpages = 6171024;
	s.procs = calloc(2, sizeof *s.procs);
	s.nprocs = 2;
	for (int i = 0; i < 2; i++) {
		struct zt_proc *p = &s.procs[i];
		p->pid = i + 1;
		p->uid = p->oom_score_adj = ZT_NA;
		p->rss_kb = p->swap_kb = p->pgtables_kb = ZT_NA;
		procs_parse_status(t, size, p);
		p->oom_score = size > 0 ? data[0] * 8 : ZT_NA;
		p->oom_score_adj = size > 1 ? (int64_t)data[1] * 8 - 1000 : ZT_NA;
	}
	procs_rank(&s);
	/* the exact points, from the same text as the kernel's inputs */
	{
		struct badness_task bt[2];
		struct badness_kernel k;
		int64_t pts[2];
		int order[2];
		for (int i = 0; i < 2; i++) {
			memset(&bt[i], 0, sizeof bt[i]);
			procs_parse_badness(t, size, i ? 64 : 4, &bt[i]);
			bt[i].tgid = i + 1;
			bt[i].oom_score_adj = size > 2 ? (int)data[2] * 8 - 1000 : 0;
		}
		badness_kernel_init(&k, size > 3 && data[3] & 1 ? "4.14.1" :
		    "6.18.2", size > 3 && (data[3] & 2));
		badness_rank(&k, bt, 2, s.totalpages, 4096, size > 3 &&
		    (data[3] & 4), pts, order);
		badness_oom_score(&k, pts[0], s.totalpages);
	}
	strlcpy0(s.kernel, "6.18.2", sizeof s.kernel);
	procs_rank(&s);
	snapshot_free(&s);

	free(procs_cmdline(t, size));
	c = cgroup_proc_path(t, size);
	if (c != NULL) {
		cgroup_path_within(c, "/a/b");
		free(c);
	}
	cgroup_parse_limit_kb(t, size);
	cgroup_parse_bytes_kb(t, size);
	cgroup_parse_events(t, size, &kv);
	kvs_free(&kv);
	cgroup_parse_procs(t, size, &pids, &n, &cap);
	free(pids);
	{
		struct cpuset_nodes a, b;
		char out[64];
		if (cpuset_parse_nodes(t, size, &a)) {
			cpuset_format_nodes(&a, out, sizeof out);
			/* what it prints back parses to a subset of it */
			if (cpuset_parse_nodes(out, strlen(out), &b) &&
			    cpuset_nodes_strict_subset(&a, &b))
				abort();
		}
	}
	free(t);
	return 0;
}
