/*
 * snapshot.h: the contract between the sampler (src/) and every consumer
 * (the ncurses UI in ui/, batch text, JSON, OpenMetrics, recordings).
 *
 * A snapshot is one sample of the kernel's memory state, taken from a proc
 * root (/proc or a capture).  It owns all its memory; snapshot_free()
 * releases it.  Consumers never read files: everything they show is here.
 *
 * Invariants:
 *  - A value the kernel did not give us is ZT_NA (integers) or NAN
 *    (doubles), never 0.  Test with zt_have() / isnan().
 *  - A whole source that could not be read has status[src].ok == false and
 *    status[src].why says why ("not available (permission denied)" ...).
 *  - Page counts are in pages of page_kb KiB, exactly as the kernel prints
 *    them; meminfo values are in kB as the kernel prints them.
 *  - zones[] is in file order: node by node, and within a node in zone
 *    type order (DMA, DMA32, Normal, HighMem, Movable, Device).
 *  - Derived fields (marked "derived") are filled by derive_snapshot()
 *    from the raw fields of this snapshot and the previous one only.
 */
#ifndef ZT_SNAPSHOT_H
#define ZT_SNAPSHOT_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "na.h"
#include "vm.h"

#define ZT_MAX_ORDER	  16	/* buddy orders: 11 on x86, 14 on arm64/64K */
#define ZT_MAX_ZONE_TYPES 8	/* entries of protection[] (MAX_NR_ZONES) */
#define ZT_MAX_MIGRATE	  8	/* pagetypeinfo migrate types */
#define ZT_WHY_LEN	  96
#define ZT_ALLOC_ORDERS	  4	/* the watermark check is shown for 0..3 */

/* Canonical zone types, in the kernel's zone_names[] order. */
enum zt_zone_type {
	ZT_ZONE_UNKNOWN = -1,
	ZT_ZONE_DMA,
	ZT_ZONE_DMA32,
	ZT_ZONE_NORMAL,
	ZT_ZONE_HIGHMEM,
	ZT_ZONE_MOVABLE,
	ZT_ZONE_DEVICE,
	ZT_ZONE_NTYPES
};

/* Sources read from the proc root.  Each has a status in the snapshot. */
enum zt_source {
	ZT_SRC_ZONEINFO,
	ZT_SRC_BUDDYINFO,
	ZT_SRC_PAGETYPEINFO,
	ZT_SRC_MEMINFO,
	ZT_SRC_VMSTAT,
	ZT_SRC_SWAPS,
	ZT_SRC_PSI,
	ZT_SRC_SYSCTL,
	ZT_SRC_PROCS,
	ZT_SRC_COUNT
};

struct zt_status {
	bool ok;		/* parsed at least partly */
	bool skipped;		/* deliberately not read this tick */
	char why[ZT_WHY_LEN];	/* when !ok: "permission denied", ... */
};

/* Watermark state of a zone, worst first is the highest value. */
enum zt_wstate {
	ZT_WS_UNKNOWN = -1,
	ZT_WS_OK,		/* free > high */
	ZT_WS_BELOW_HIGH,	/* low < free <= high: kswapd keeps going */
	ZT_WS_BELOW_LOW,	/* min < free <= low: kswapd wakes */
	ZT_WS_BELOW_MIN,	/* free <= min: direct reclaim, OOM risk */
};

/* Watermarks, for the watermark check. */
enum zt_mark { ZT_MARK_MIN, ZT_MARK_LOW, ZT_MARK_HIGH, ZT_NMARKS };

/* Allocation classes: the highest zone each may use (gfp_zone()). */
enum zt_class {
	ZT_CLASS_KERNEL,	/* GFP_KERNEL: Normal */
	ZT_CLASS_MOVABLE,	/* GFP_HIGHUSER_MOVABLE: Movable */
	ZT_CLASS_DMA32,		/* GFP_DMA32: DMA32 */
	ZT_NCLASSES
};

/* One line of pagetypeinfo for a zone. */
struct zt_pagetype {
	int ntypes;				/* migrate types listed */
	char names[ZT_MAX_MIGRATE][16];		/* "Unmovable", ... */
	int norders;
	int64_t free[ZT_MAX_MIGRATE][ZT_MAX_ORDER];  /* free blocks */
	bool capped[ZT_MAX_MIGRATE][ZT_MAX_ORDER];   /* printed ">100000" */
	int64_t blocks[ZT_MAX_MIGRATE];		/* pageblocks of this type, or ZT_NA */
};

struct zt_zone {
	int node;
	char name[12];			/* "DMA32", as printed */
	int type;			/* enum zt_zone_type */

	/* zoneinfo, in pages; ZT_NA where this kernel does not print it */
	int64_t free, boost, min, low, high, promo;
	int64_t spanned, present, managed, cma, start_pfn;
	int nprot;			/* entries in protection[] */
	int64_t protection[ZT_MAX_ZONE_TYPES];	/* lowmem_reserve[] */
	int unreclaimable;		/* reclaim gave up (all_/node_unreclaimable;
					   <= 4.11: 0 where nothing was scanned):
					   1, 0, -1 unknown */
	int64_t nr_free_cma;		/* zone stat, for the watermark check */
	int64_t lru_anon, lru_file;	/* active+inactive, per zone (or node) */

	/* buddyinfo: free blocks per order; norders == 0: not listed */
	int norders;
	int64_t buddy[ZT_MAX_ORDER];

	/* pagetypeinfo, NULL when not read or not readable */
	struct zt_pagetype *pt;

	/* derived */
	enum zt_wstate state;
	bool empty;			/* present == 0 */
	bool unmanaged;			/* managed == 0 && present > 0 */
	bool tiny;			/* 0 < managed < high */
	int64_t reserved;		/* present - managed */
	int highest_free_order;		/* -1: none free, -2: unknown */
	double unusable[ZT_MAX_ORDER];	/* 0..1, NAN n/a */
	double fragidx[ZT_MAX_ORDER];	/* -1 would succeed, 0..1, NAN n/a */
	/* would the watermark check at mark m pass here, for class c at order
	 * o?  bit m set = passes; wm_applies[c] false when the zone is above
	 * the class's highest zone */
	uint8_t wm_ok[ZT_NCLASSES][ZT_ALLOC_ORDERS];
	bool wm_applies[ZT_NCLASSES];

	/* trend (trend.c), over the sampler's recent samples: free pages
	 * per second (NAN: too few samples), and the seconds until free
	 * reaches min and low at that rate (NAN unless the fall is
	 * confirmed; 0 when already there) */
	double trend_pps, eta_min_s, eta_low_s;
	int sev_eta_min;		/* enum zt_sev of eta_min_s
					   (derive_severity()) */
};

/* Which zone would serve an allocation of a class and order (derived). */
struct zt_alloc {
	int cls;			/* enum zt_class */
	int order;
	bool ok[ZT_NMARKS];		/* some zone in the fallback list passes */
	int zone[ZT_NMARKS];		/* index into zones[] that serves it, -1 */
	int sev;			/* enum zt_sev of the min check
					   (derive_severity()) */
};

struct zt_kv {
	char key[48];
	uint32_t hash;			/* of key: set and get compare it first */
	int64_t val;
};

struct zt_kvs {
	int n, cap;
	struct zt_kv *v;
};

struct zt_swapdev {
	char path[256];			/* unescaped */
	char type[16];			/* "partition", "file" */
	int64_t size_kb, used_kb;
	int64_t priority;
};

struct zt_psi_line {
	bool have;
	double avg10, avg60, avg300;
	int64_t total_us;
};

struct zt_psi {
	bool have;
	struct zt_psi_line some, full;
};

struct zt_sysctl {
	int64_t overcommit_memory, overcommit_ratio, overcommit_kbytes;
	int64_t min_free_kbytes, watermark_scale_factor;
	int64_t watermark_boost_factor, swappiness;
	int nlowmem_ratio;
	int64_t lowmem_reserve_ratio[ZT_MAX_ZONE_TYPES];
};

/* Where the candidates' figures came from. */
enum zt_procs_source {
	ZT_PROCS_PROCFS,		/* PID/ files (and libproc2); 0, the
					   snapshot_init() default */
	ZT_PROCS_BPF,			/* the BPF task iterator (bpf_tasks.h):
					   exact points for every process */
};

/* One process, a candidate of the OOM killer. */
struct zt_proc {
	int pid;
	int64_t uid;
	char user[32];
	char comm[64];			/* raw bytes; escape before display */
	char *cmdline;			/* raw, NUL separators made spaces, or NULL */
	char *cgroup;			/* v2 path or v1 memory path, or NULL */
	char state;			/* 'R', 'S', ... or 0 */
	uint64_t start_time;		/* clock ticks since boot, for pid reuse */
	int64_t oom_score, oom_score_adj;
	int64_t rss_kb, swap_kb, pgtables_kb;
	/* derived */
	bool killable;			/* adj != -1000, not init */
	int64_t badness_pages;		/* rss + swap + page tables, pages */
	double badness_share;		/* of RAM + swap, 0..1, NAN n/a */
	int64_t score_adj0;		/* oom_score with oom_score_adj 0 */
	int rank;			/* 1 = first; by the kernel's points */
	/* the kernel's own points (badness.h), ZT_NA where not computed
	 * (not a contender, or its figures unreadable) */
	int64_t points;			/* global scope: the rank's key */
	int cgroup_scope;		/* index in snapshot cgroups[] of the
					   nearest memcg with a limit, -1 */
	int cgroup_rank;		/* rank in that scope, 0 n/a */
	int64_t cgroup_points;		/* points with its totalpages, ZT_NA */
};

/* A cpuset OOM scope (constrained_alloc: CONSTRAINT_CPUSET). */
struct zt_cpuset_info {
	char path[256];			/* in the cpuset hierarchy */
	int version;			/* 1, 2 */
	char mems[64];			/* its effective nodes, "0-1,3" */
	int64_t totalpages;		/* its nodes' present pages + swap */
	int eligible;			/* tasks whose nodes intersect its own,
					   of those ranked (see procs.h) */
	int predicted_victim;		/* the best points among them, 0 none */
	int64_t victim_points;		/* ZT_NA none */
};

/* Something that happened between samples. */
enum zt_event_kind {
	ZT_EV_OOM_KILL,			/* vmstat oom_kill rose */
	ZT_EV_ZONE_APPEARED,
	ZT_EV_ZONE_VANISHED,
	ZT_EV_ZONE_RESIZED,
	ZT_EV_SOURCE_LOST,
	ZT_EV_NKINDS
};

struct zt_event {
	struct timespec when;		/* CLOCK_REALTIME */
	int kind;			/* enum zt_event_kind */
	int64_t count;			/* e.g. oom kills in this step */
	int victim_pid;			/* 0 unknown */
	int victim_rank;		/* in the previous sample, 0 unknown */
	bool victim_predicted;
	char text[240];			/* one line, printable */

	/* OOM kills (kmsg.c): from the kernel's own report when /dev/kmsg
	 * was read; otherwise only victim_pid/rank, guessed by derive.c */
	bool victim_guessed;		/* the best-ranked process that
					   vanished, not the kernel's word */
	char victim_comm[64];		/* printable, "" unknown */
	int64_t victim_score;		/* the report's badness score, ZT_NA */
	int64_t victim_rss_kb;		/* anon+file+shmem at the kill, ZT_NA */
	int constraint;			/* enum zt_constraint: global,
					   memcg, cpuset, mempolicy or
					   unknown (an allocation failure
					   has none) */
	char memcg[128];		/* memcg OOM: the cgroup at its limit */
	int64_t memcg_limit_kb;		/* its limit, ZT_NA */
	char gfp[96];			/* the request's flags, or "sysrq", "page fault",
					 * "kernel call" (gfp 0); "" unknown */
	int64_t order;			/* -1 sysrq, ZT_NA unknown */
	char detail[240];		/* the report's weightiest verdict
					   line (explain.c), printable */
	int report_id;			/* zt_snapshot.reports[].id, 0 none */
	char scope[128];		/* the ranking the victim was checked
					   against: "global", a memcg's path,
					   "" unchecked */
};

/* The text of a kernel OOM report behind an event (kmsg.c). */
struct zt_report {
	int id;				/* events[].report_id, from 1 */
	size_t len;
	char *text;			/* dmesg-style lines, as logged */
	char *explained;		/* kmsg.c: its explanation's compact JSON,
					   made once as it closed; NULL: read
					   the text again (a replay) */
	int *refs;			/* text and explained are shared by the
					   snapshots carrying the report, and
					   freed with the last (snapshot_report_*);
					   NULL: this one owns them alone */
};

/* A cgroup limit that is not set ("max", v1's PAGE_COUNTER_MAX). */
#define ZT_NO_LIMIT INT64_MAX

/* The memory cgroup chosen with --cgroup (v1 memory controller or v2). */
struct zt_cgroup_info {
	bool have;			/* a cgroup was asked for and found */
	char path[256];			/* as given, relative to the hierarchy */
	int version;			/* 1 or 2 */
	int64_t limit_kb, usage_kb;	/* memory.max / limit_in_bytes;
					 * limits may be ZT_NO_LIMIT */
	int64_t swap_limit_kb, swap_usage_kb;	/* v2 swap.*, v1 memsw - mem */
	struct zt_kvs events;		/* memory.events or memory.oom_control */
	char why[ZT_WHY_LEN];		/* when !have */
	int nmembers;			/* processes in it and below, -1 n/a */
	int predicted_victim;		/* a memcg OOM's victim: the best
					 * points in its subtree, 0 none */
	/* per scope (cgroups[], and --cgroup) */
	int64_t totalpages;		/* mem_cgroup_get_max(), ZT_NA: no
					   limit (never the OOM's scope) */
	int64_t swappiness;		/* memory.swappiness (v1), ZT_NA */
	int depth;			/* 1: a child of the root */
	int parent;			/* index in cgroups[], -1 none */
	uint64_t ino;			/* the cgroup directory's inode (id) */
	int64_t victim_points;		/* predicted_victim's points, ZT_NA */
	bool scoped;			/* it or an ancestor has a limit: its
					   members were read */
	int victim_gone;		/* the previous sample's victim here,
					   which died (or lost its mm) since:
					   a kill racing this sample, 0 none */
	/* time to trouble (trend.c), NAN unknown: usage's slope (kB/s,
	 * with a limit and enough samples), seconds until it reaches
	 * the limit (only while a rise is confirmed) */
	double trend_kbps, eta_limit_s;
	int sev_eta_limit;		/* enum zt_sev of eta_limit_s
					   (derive_severity()) */
	int sev_usage;			/* enum zt_sev of usage/limit */
};

/* The machine's trend (trend.c): least squares over the last samples. */
struct zt_trend {
	int n;				/* samples fitted, 0: no trend yet */
	double window_s;		/* the time they span */
	double free_pps;		/* all zones' free pages per second */
	double avail_kbps, swapfree_kbps;	/* MemAvailable, SwapFree */
	double avail_eta_s, swap_eta_s;	/* until 0 at that rate; NAN
					   unless the fall is confirmed */
};

/* zonetop's own protection (selfguard.c): set by the live monitor,
 * record and repeated batch runs; shown in the header and JSON. */
enum zt_mlock {
	ZT_MLOCK_OFF,			/* not tried: --no-mlock, one sample */
	ZT_MLOCK_ALL,			/* mlockall: all memory, now and later */
	ZT_MLOCK_PART,			/* code and data, as much as the limit allows */
	ZT_MLOCK_NONE,			/* tried, nothing locked */
};
struct zt_selfprot {
	bool tried;			/* selfguard_apply ran */
	int mlock;			/* enum zt_mlock */
	int64_t locked_kb;		/* ZT_MLOCK_PART: what was locked */
	int64_t wanted_kb;		/* ZT_MLOCK_PART: code and data in all */
	int64_t limit_kb;		/* RLIMIT_MEMLOCK, ZT_NA unlimited */
	char mlock_why[ZT_WHY_LEN];	/* why not (all), "" when all */
	bool adj_tried, adj_done;	/* own oom_score_adj -999 */
	char adj_why[ZT_WHY_LEN];	/* why not */
};

/* How bad a figure is: decided once, in derive.c (derive_severity(),
 * one threshold table), and only coloured by the screen and worded by
 * the verdict, so the two cannot disagree. */
enum zt_sev {
	ZT_SEV_NA = -1,			/* the figure is not known */
	ZT_SEV_OK,
	ZT_SEV_NOTE,			/* worth a word, not a warning */
	ZT_SEV_WARN,
	ZT_SEV_CRIT,
};

#define ZT_VERDICT_MAX 8
struct zt_verdict {
	int n;
	int severity[ZT_VERDICT_MAX];	/* 0 info, 1 warn, 2 crit */
	char line[ZT_VERDICT_MAX][112];
};

/* How the points read the mm's per-CPU rss counters (6.2+): the sums
 * (assumed: "use get_mm_rss_sum for the OOM killer"), or as this
 * kernel's oom_badness() was seen to read them in /proc/PID/oom_score
 * (procs_bpf.c): the sums, or their central values. */
enum zt_points_counts {
	ZT_COUNTS_SUM,			/* sums, not witnessed */
	ZT_COUNTS_SUM_SEEN,		/* sums, the kernel's reading */
	ZT_COUNTS_CENTRAL_SEEN,		/* central values, the kernel's */
};

struct zt_snapshot {
	struct timespec when;		/* CLOCK_REALTIME of the sample */
	double mono;			/* CLOCK_MONOTONIC seconds, for rates */
	char hostname[65];
	char kernel[65];		/* release, "6.18.44-..." */
	double uptime;			/* seconds, NAN n/a */
	int page_kb;			/* page size in KiB */
	bool page_kb_assumed;		/* a capture that cannot tell it
					   (no zoneinfo or no MemTotal):
					   4 KiB taken, shown as unknown */
	bool live;			/* read from the running system */

	struct zt_status status[ZT_SRC_COUNT];

	/* zones and the zone type each protection[] slot stands for */
	int nzones;
	struct zt_zone *zones;
	int ntypes;
	int type_of_slot[ZT_MAX_ZONE_TYPES];	/* enum zt_zone_type */
	int nnodes;
	int pageblock_order;		/* pagetypeinfo, -1 unknown */

	struct zt_kvs meminfo;		/* every key, kB (or pages for Huge*) */
	struct zt_kvs vmstat;		/* every key */

	int nswaps;
	struct zt_swapdev *swaps;
	struct zt_psi psi;
	struct zt_sysctl sysctl;

	/* processes, ranked (rank 1 first) */
	int nprocs;
	struct zt_proc *procs;
	int predicted_victim;		/* pid, 0: none */
	int victim_pending;		/* > 0: the exact pass has not run yet
					   (sampler_opts.quick_first): the
					   rows are in oom_score order and no
					   scope names a victim; this many
					   contenders wait for their figures */
	int victim_gone;		/* as zt_cgroup_info.victim_gone, for
					   the global scope */
	int procs_source;		/* enum zt_procs_source: how they were read */
	char bpf_why[ZT_WHY_LEN];	/* live: why not through BPF, "" when so */
	int64_t totalpages;		/* RAM + swap pages, OOM's denominator */
	int nprocs_total;		/* processes seen before filters */
	char procs_filter[96];		/* -p, -u, --cgroup as given ("" none):
					   procs[] holds exactly the matches */
	struct zt_cgroup_info cgroup;	/* --cgroup view; have == false if none */
	/* every memory cgroup below the root, pre-order (parents first),
	 * each its own OOM scope; the root's scope is the global one */
	int ncgroups;
	struct zt_cgroup_info *cgroups;
	/* every cpuset whose memory nodes are a strict subset of the online
	 * ones (cpuset.h): an OOM constrained to them is its own scope */
	int ncpusets;
	struct zt_cpuset_info *cpusets;
	char cpusets_why[ZT_WHY_LEN];	/* why none were looked for, "" */
	int64_t points_margin;		/* pages by which the summed figures
					   (procfs or BPF) may differ from
					   the kernel's reading (6.2+ per-CPU
					   counters: sum or central value,
					   by kernel), 0 exact (or the
					   kernel's reading witnessed) */
	/* which reading of the per-CPU counters the points use
	 * (enum zt_points_counts): the sums unless this kernel's
	 * /proc/PID/oom_score showed its OOM killer reads another */
	uint8_t points_counts;
	int ncontenders;		/* processes whose points were read */

	struct zt_vm vm;		/* hypervisor, balloon, hotplug (vm.h) */

	/* derived, global */
	struct zt_alloc alloc[ZT_NCLASSES * ZT_ALLOC_ORDERS];
	int64_t unaccounted_kb;		/* ZT_NA when meminfo is missing */
	double unaccounted_pct;		/* of MemTotal */
	int64_t swap_total_kb, swap_free_kb, swap_used_kb;
	int64_t commit_limit_kb, committed_kb;
	int sev_commit;			/* enum zt_sev of committed/limit */
	int sev_psi_some, sev_psi_full;	/* enum zt_sev of the avg10s */
	int sev_swap;			/* enum zt_sev of swap in use */
	int sev_avail_eta, sev_swap_eta;	/* of trend.avail_eta_s and
					   trend.swap_eta_s */
	double pswpin_per_s, pswpout_per_s;	/* NAN without a previous */
	int64_t oom_kills;		/* vmstat oom_kill, ZT_NA before 4.13 */
	int64_t oom_kills_delta;	/* since the previous sample */
	double psi_some_delta_us, psi_full_delta_us;	/* NAN without a previous */
	double interval;		/* seconds since the previous, NAN */
	struct zt_trend trend;		/* filled by trend_observe() */
	struct zt_verdict verdict;

	int nevents;
	struct zt_event *events;	/* all kept events, oldest first */

	/* the kernel log (kmsg.c): ok while /dev/kmsg is read, else why */
	struct zt_status kmsg;
	int nreports;			/* reports events name, oldest first */
	struct zt_report *reports;	/* at most ZT_REPORTS_MAX (kmsg.h) */
	struct zt_event oom_held;	/* derive: kills vmstat counted whose
					   report has not arrived (count > 0) */
	struct zt_selfprot self;	/* this zonetop's own protection (live) */
};

void snapshot_init(struct zt_snapshot *s);
void snapshot_free(struct zt_snapshot *s);
/* A report's text, carried from sample to sample, is one copy however
 * many snapshots hold it (the sampler's last and new one, the screen's):
 * own makes r the first holder (refs 1), share makes dst another holder
 * of src's (a copy where src is not shared), drop lets go of r (freed
 * with the last holder).  Holders may be in different threads. */
void snapshot_report_own(struct zt_report *r);
void snapshot_report_share(struct zt_report *dst, const struct zt_report *src);
void snapshot_report_drop(struct zt_report *r);
/* A cgroup entry with every value "not available". */
void cgroup_info_init(struct zt_cgroup_info *c);

/* meminfo/vmstat lookup: ZT_NA when absent */
int64_t kvs_get(const struct zt_kvs *kv, const char *key);
void kvs_set(struct zt_kvs *kv, const char *key, int64_t val);
void kvs_free(struct zt_kvs *kv);

/* Whose memory an OOM kill ran out of: the scope of its candidates.  One
 * name table (snapshot.c), used only where text meets the model (JSON
 * out and in, words on the screen); everything else compares the enum.
 * Unknown is 0, so a zeroed event knows none. */
enum zt_constraint {
	ZT_CON_UNKNOWN,			/* "": not known */
	ZT_CON_GLOBAL,			/* CONSTRAINT_NONE */
	ZT_CON_MEMCG,
	ZT_CON_CPUSET,
	ZT_CON_MEMPOLICY,
	ZT_CON_NONE,			/* an allocation failure: no OOM kill */
	ZT_CON_OTHER,			/* printed, unknown here (a patched kernel) */
};
/* "global", "memcg", "cpuset", "mempolicy", "none", "other"; "" unknown */
const char *zt_constraint_name(int c);
int zt_constraint_of(const char *name);

/* zone names */
const char *zone_type_name(int type);
int zone_type_from_name(const char *name);
const char *class_name(int cls);
const char *wstate_name(int state);	/* "ok", "below_high", ... */

void status_set(struct zt_snapshot *s, int src, bool ok, const char *why);

#endif
