/*
 * Fuzz the /proc/PID and cgroup file parsers of the candidates module:
 * stat, status, cmdline, cgroup, cgroup limits, events and procs files,
 * then the ranking arithmetic on what status gave.  Each gets a copy of
 * exactly the input's size so ASan sees any read past the end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"
#include "procs.h"
#include "snapshot.h"

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
	free(t);
	return 0;
}
