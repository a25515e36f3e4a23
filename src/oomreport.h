/*
 * oomreport.h: the kernel's OOM-killer reports and page allocation
 * failure warnings, read out of log text (dump_header(), dump_tasks()
 * and oom_kill_process() of mm/oom_kill.c, warn_alloc() and
 * show_free_areas() of mm/page_alloc.c / mm/show_mem.c).
 *
 * The reader takes any text a person may paste: dmesg with or without
 * [timestamps], dmesg -T, journalctl -k, syslog lines with a host prefix
 * (rsyslog's #012 escapes included), lines wrapped by a mail or forum
 * paste, CRLF, other text all around.  It finds every report and keeps
 * what each printed, as printed: sizes in the unit the kernel used (kB on
 * zone lines, pages in the Mem-Info block and the task table).  Nothing
 * is judged here; explain.c does that.  A value the report did not carry
 * is ZT_NA; a report cut short keeps what it had.
 */
#ifndef ZT_OOMREPORT_H
#define ZT_OOMREPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

#define OOM_MAX_FRAMES	64
#define OOM_MAX_COLS	16
#define OOM_FRAME_LEN	48

/* The kernel's enum oom_constraint as the 5.0+ oom-kill: line prints it. */
enum oom_constraint {
	OOM_CON_UNPRINTED,		/* no oom-kill: line (before 5.0) */
	OOM_CON_NONE,			/* CONSTRAINT_NONE */
	OOM_CON_CPUSET,			/* CONSTRAINT_CPUSET */
	OOM_CON_MEMORY_POLICY,		/* CONSTRAINT_MEMORY_POLICY */
	OOM_CON_MEMCG,			/* CONSTRAINT_MEMCG */
	OOM_CON_OTHER,			/* a name this reader does not know
					   (a patched kernel): see constraint[] */
};

enum oom_kind {
	OOM_KIND_OOM,			/* "... invoked oom-killer: ..." */
	OOM_KIND_ALLOC_FAIL,		/* "...: page allocation failure: ...",
					   "...: vmalloc error: size N, ..." */
};

/* One zone's line of show_free_areas(), its lowmem_reserve[] line and its
 * buddy line.  The kv table holds every "key:value" of the zone line as
 * printed (kB for the sizes; pages_scanned is a count). */
struct oom_zone {
	int node;			/* -1: printed without "Node N" (!NUMA) */
	char name[12];
	int type;			/* enum zt_zone_type, or ZT_ZONE_UNKNOWN */
	bool have_line;			/* the "free:...kB" line was seen */
	struct zt_kvs kv;
	int unreclaimable;		/* "all_unreclaimable? yes" on the zone
					   line (<= 4.7): 1, 0, -1 absent */
	int nreserve;			/* entries of lowmem_reserve[] */
	int64_t reserve[ZT_MAX_ZONE_TYPES];	/* pages */
	int norders;			/* buddy line: 0 when not seen */
	int64_t buddy[ZT_MAX_ORDER];	/* free blocks per order */
	int64_t buddy_total_kb;		/* "= NkB" */
	int64_t block_kb;		/* size of an order-0 block: the page */
};

/* The 4.8+ per-node line "Node N active_anon:...kB ... all_unreclaimable?". */
struct oom_node {
	int node;
	struct zt_kvs kv;		/* kB as printed */
	int unreclaimable;		/* 1, 0, -1 absent */
};

/* One row of the task dump.  Columns are found by the header's names;
 * a column the kernel did not print is ZT_NA. */
struct oom_task {
	int pid;
	int64_t uid, tgid, total_vm, rss, rss_anon, rss_file, rss_shmem;
	int64_t nr_ptes, nr_pmds, pgtables_bytes, swapents, adj, cpu;
	char comm[64];
};

struct oom_report {
	int kind;			/* enum oom_kind */
	bool have_header;		/* false: found from later lines only */
	int line;			/* 1-based input line where it starts */
	char header[256];		/* the header line, prefix stripped */
	char stamp[48];			/* time prefix of that line, or "";
					   after header[], whose last byte is
					   always its terminator or after it */

	/* the header */
	char comm[64];			/* the task that asked */
	bool have_gfp;
	uint64_t gfp_mask;
	bool have_gfp_names;		/* 4.6+ print the flags symbolically */
	char gfp_names[256];
	int64_t order;			/* -1: sysrq; ZT_NA when not printed */
	int64_t vmalloc_bytes;		/* vmalloc failures: the size asked */
	int64_t oom_score_adj;		/* oom_adj on 2.6.32 (legacy_adj) */
	bool legacy_adj;
	char nodemask[64];
	char cpuset[128];
	char mems_allowed[64];

	/* "CPU: 0 PID: 3841 Comm: ... Not tainted 4.4.0-... #2" */
	bool have_cpu_line;
	int pid;			/* the asking thread, -1 unknown (0:
					   the idle task, swapper/N) */
	char release[65];		/* "4.4.0-x86_64-linode63", or "" */
	bool release_borrowed;		/* from an earlier report of the same
					   boot (this one printed none) */
	char hardware[128];		/* "Hardware name:" */
	int bits;			/* 32, 64 or 0 unknown (addresses) */

	char workqueue[48];		/* "Workqueue: events moom_callback":
					   the work function */
	/* call trace, innermost first, function names only */
	int nframes;
	char frames[OOM_MAX_FRAMES][OOM_FRAME_LEN];
	bool frame_unsure[OOM_MAX_FRAMES];	/* printed with "? " */

	/* 5.0+ "oom-kill:constraint=...,oom_memcg=...,task=...,pid=..." */
	bool have_oomkill_line;
	char constraint[40];		/* as printed: "CONSTRAINT_NONE", ... */
	int con;			/* enum oom_constraint */
	char oom_memcg[256], task_memcg[256];
	bool global_oom;
	char oomkill_task[64];
	int oomkill_pid;
	int64_t oomkill_uid;

	/* memcg (<= 4.19 header; usage lines in every version) */
	bool memcg;			/* any memcg evidence */
	char memcg_task[256];		/* "Task in X killed as a result of */
	char memcg_limit_of[256];	/*  limit of Y" */
	int64_t mem_usage_kb, mem_limit_kb, mem_failcnt;
	int64_t memsw_usage_kb, memsw_limit_kb, memsw_failcnt;
	int64_t kmem_usage_kb, kmem_limit_kb;
	int64_t swap_usage_kb, swap_limit_kb;	/* cgroup v2 */
	char memcg_stats_path[256];
	struct zt_kvs memcg_stats;	/* kB */

	/* Mem-Info */
	bool have_mem_info;
	struct zt_kvs global;		/* the global block, pages */
	int nnodes;
	struct oom_node *nodes;
	int nzones;
	struct oom_zone *zones;
	int64_t hugepages_kb;		/* Σ hugepages_total × size */
	int64_t pagecache_pages, swapcache_pages;
	int64_t free_swap_kb, total_swap_kb;
	int64_t ram_pages, highmem_pages, reserved_pages;
	int64_t cma_reserved_pages, hwpoisoned_pages;

	/* task dump */
	bool have_tasks;
	int ncols;
	char cols[OOM_MAX_COLS][20];	/* header names after "[ pid ]" */
	int ntasks;
	struct oom_task *tasks;

	/* "Out of memory: Kill process P (C) score S or sacrifice child" */
	bool have_select;
	char kill_prefix[48];		/* "Out of memory", "Memory cgroup ..." */
	int select_pid;
	char select_comm[64];
	int64_t select_score;
	bool sacrifice_child;		/* "or sacrifice child" / "or a child" */
	/* "Killed process P (C) total-vm:...kB, anon-rss:...kB, ..." */
	bool have_killed;
	int killed_pid;
	char killed_comm[64];
	int64_t total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb;
	int64_t killed_uid, pgtables_kb, killed_adj;
	bool reaped;			/* "oom_reaper: reaped process" */
	bool oom_group;			/* memory.oom.group: the cgroup's
					   other tasks were killed too */
	int group_kills;		/* their "Killed process" lines */
	bool no_killable;		/* "Out of memory and no killable processes" */
	bool panic;			/* "Kernel panic - not syncing: ...memory" */
	bool tasks_heading;		/* "Tasks state (memory values in pages):" */
	bool bare_task_rows;		/* opened by a task row, its heading not seen */
	bool sysrq_line;		/* opened right after "Manual OOM execution" */
	bool unsure_printer;		/* opened by "? dump_stack" then "? warn_alloc" */

	bool closed;			/* the report ended (kill line seen) */
	bool tail;			/* allocation failure: show_mem ended */
};

struct oom_reports {
	int n;
	struct oom_report *r;
};

/* Find every report in text.  Returns the number found (also in out->n).
 * Never fails: text with no report gives 0. */
int oomreport_parse(const char *text, size_t len, struct oom_reports *out);
void oomreport_free(struct oom_reports *rs);

/* The zone of report r with this node and name, or NULL. */
const struct oom_zone *oomreport_zone(const struct oom_report *r, int node,
    const char *name);
/* The kernel's name of an enum oom_constraint ("CONSTRAINT_MEMCG"), or
 * NULL for OOM_CON_UNPRINTED and OOM_CON_OTHER. */
const char *oomreport_constraint_name(int con);
/* Kernel version of the release string as ZT_KV3(), or -1. */
int oomreport_kv(const char *release);

/* Whether r's trace holds a frame printed without "? " (proven) that is
 * one of fns[nfns]. */
bool oomreport_has_frame(const struct oom_report *r, const char *const *fns,
    size_t nfns);

#endif
