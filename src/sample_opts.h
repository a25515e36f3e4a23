/*
 * sample_opts.h: what a sample reads, as the command line asks for it.
 * A leaf below the sampler and the processes readers, which all take it,
 * so that none of them includes the sampler that calls them.
 */
#ifndef ZT_SAMPLE_OPTS_H
#define ZT_SAMPLE_OPTS_H

#include <stdbool.h>

struct sampler_opts {
	const char *proc_root;		/* NULL: /proc */
	const char *sys_root;		/* NULL: /sys */
	bool want_procs;		/* read processes */
	bool want_pagetypeinfo;		/* read pagetypeinfo this tick */
	int detail_rows;		/* processes to read in full; -1 all */
	const char *filter_user;	/* -u */
	const int *filter_pids;		/* -p, 0-terminated */
	const char *filter_cgroup;	/* --cgroup */
	bool no_bpf;			/* --no-bpf: /proc even where BPF loads */
	bool one_sample;		/* a single sample (--openmetrics): /proc
					 * where it costs less than the BPF
					 * program's load (SAMPLER_ONE_BPF) */
	bool no_vm;			/* the output shows nothing of
					 * snapshot->vm (OpenMetrics): no
					 * hypervisor, balloon or memory
					 * block probe (vm.read stays false) */
	bool quick_first;		/* the live screen: a first sample on
					 * /proc whose exact pass would read
					 * more than PROCS_QUICK contenders
					 * ranks by oom_score and leaves the
					 * victim pending (victim_pending) */
	bool own_details;		/* the live screen: the rows' details
					 * (user, command line, cgroup, adj)
					 * through procs.c's own reads, never
					 * libproc2, whose libraries and read
					 * buffers would be 1.5 MiB of its
					 * resident size at 5,000 processes */
};

#endif
