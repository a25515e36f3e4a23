/*
 * explain.h: `zonetop explain`, a kernel OOM report turned into a
 * verdict.  explain_report() judges one report read by oomreport.c: the
 * GFP flags for that kernel's bit layout, the zones the allocation may
 * use and the watermark check on each (the live monitor's own
 * watermark_ok(), derive.h), reclaim and swap, memory no counter
 * explains, the task table ranked by the kernel's badness, and a short
 * verdict ranked by weight.  The analysis owns copies of everything it
 * shows; the text and JSON printers only format it.
 */
#ifndef ZT_EXPLAIN_H
#define ZT_EXPLAIN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "oomreport.h"
#include "snapshot.h"
#include "util.h"

#define EX_MAX_VERDICT	12
#define EX_VERDICT_LEN	2048	/* the zones' sentence: eight of 200 and its tail */
#define EX_TOP_TASKS	10
#define EX_MAX_MISSING	16

/* What started the kill. */
enum ex_cause {
	EX_CAUSE_ALLOCATION,		/* an allocation failed */
	EX_CAUSE_PAGE_FAULT,		/* pagefault_out_of_memory (gfp 0) */
	EX_CAUSE_SYSRQ,			/* SysRq-f (order -1) */
	EX_CAUSE_CALL,			/* gfp 0, out_of_memory called by other code */
};

/* Which oom_badness() (mm/oom_kill.c) the task table is ranked with. */
enum ex_badness {
	EX_BADNESS_PAGES,		/* 3.10+: rss + swap + page tables,
					   + adj x totalpages/1000 */
	EX_BADNESS_2636,		/* 2.6.36 .. 3.9, RHEL 6: 0..1000 */
	EX_BADNESS_2632,		/* 2.6.32: total_vm << oom_adj, an
					   estimate (cpu time, children unseen) */
};

/* One zone of the report as the allocation sees it. */
struct ex_zone {
	int node;			/* -1: the kernel printed no node */
	char name[12];
	int type;			/* enum zt_zone_type */
	int64_t free_kb, min_kb, low_kb, high_kb;	/* ZT_NA if absent */
	int64_t managed_kb, present_kb;
	int64_t reserve_kb;		/* lowmem_reserve[slot of the highest
					   zone], ZT_NA unknown */
	bool applies;			/* at or below the highest zone */
	int wm[ZT_NMARKS];		/* watermark check: 1 pass, 0 fail,
					   -1 not known or not applicable */
	int unreclaimable;		/* 1, 0, -1 unknown (zone or node) */
	int norders;
	int64_t buddy[ZT_MAX_ORDER];	/* free blocks per order */
};

/* A task of the dump, with the kernel's badness recomputed. */
struct ex_task {
	int pid;
	char comm[64];
	int64_t uid, adj;
	int64_t rss_kb, swap_kb, pgtables_kb;	/* ZT_NA if not printed */
	int64_t points;			/* badness, pages */
	int64_t mem_points;		/* without adj and root bonus */
	int64_t score;			/* points * 1000 / totalpages */
	bool eligible;			/* not -1000 (or oom_adj -17) */
	int rank;			/* 1 = first; 0 ineligible */
};

struct explain {
	/* kernel */
	char kernel[80];		/* release, or "unknown" */
	int kv;				/* ZT_KV3 of the release, or of the
					   layout inferred; -1 unknown */
	bool kv_inferred;		/* from the report's format */
	int layout;			/* enum gfp_layout, -1 unknown */

	/* the request */
	int cause;			/* enum ex_cause */
	bool have_gfp;
	char gfp_flags[320];		/* as used: the report's names (4.6+)
					   or ours */
	char gfp_decoded[320];		/* zonetop's own decoding */
	bool flags_disagree;
	int64_t order;			/* ZT_NA unknown */
	int highest_type;		/* enum zt_zone_type, UNKNOWN */
	int slot;			/* lowmem_reserve[] index, -1 unknown */
	int ntypes;
	int type_of_slot[ZT_MAX_ZONE_TYPES];
	unsigned zone_types;		/* 1 << type, compiled-in types */
	char fallback[96];		/* "Normal, DMA32, DMA" */
	char purpose[96];		/* "vmalloc during fork", or "" */
	char chain[160];		/* "dup_fd → alloc_fdtable → vmalloc" */
	bool chain_unproven;		/* chain of "? " stack words only: the
					 * unwinder proved no frame of it */
	int page_kb;

	/* scope */
	int constraint;			/* enum zt_constraint (snapshot.h) */
	bool constraint_inferred;	/* not printed (< 5.0), or not in
					   the paste */
	const char *constraint_note;	/* why, when inferred; or NULL */
	bool constraint_unset;		/* printed CONSTRAINT_NONE for a memcg
					   OOM: 4.19-5.2 left it unset */
	char constraint_printed[40];	/* the oom-kill: line's, or "" */
	char memcg[256];		/* the cgroup that hit its limit */
	int64_t memcg_limit_kb, memcg_usage_kb, memcg_failcnt;

	/* zones */
	char alloc_flags[96];		/* the min check's ("ALLOC_HIGH|...") */
	int wm_shape;			/* enum wm_shape of the check used */
	int nzones;
	struct ex_zone *zones;

	/* reclaim and swap */
	int64_t anon_kb, file_kb;	/* LRU, ZT_NA unknown */
	int unreclaimable;		/* 1 all, 0 none, 2 some, -1 unknown */
	bool unreclaimable_nodes;	/* read from the node lines (4.8+),
					   not the zone lines */
	int64_t swap_total_kb, swap_free_kb;

	/* memory no counter explains */
	int64_t ram_kb;
	int64_t unaccounted_kb;
	double unaccounted_pct;

	/* the candidates */
	int badness_model;		/* enum ex_badness */
	bool ties_last;			/* equal points: the last scanned wins */
	int64_t totalpages;		/* badness denominator, ZT_NA */
	const char *totalpages_basis;	/* what it was computed from */
	int ntasks;
	struct ex_task *tasks;		/* ranked: eligible by points first */
	bool have_victim;
	/* the victim_ fields name the task the kernel chose ("Kill process
	 * P ... or sacrifice child") but the kill line is not in the paste:
	 * a child of it may have been killed instead, so no victim is known */
	bool chosen_only;
	int victim_pid;
	char victim_comm[64];
	int64_t victim_score;		/* from the kill line, or computed */
	int64_t victim_rss_kb;
	int victim_rank;		/* 0: not in the table */
	char victim_note[400];

	int nverdict;
	char verdict[EX_MAX_VERDICT][EX_VERDICT_LEN];
	int weight[EX_MAX_VERDICT];

	int nmissing;
	char missing[EX_MAX_MISSING][48];
};

/* "allocation", "page_fault", "sysrq", "kernel_call" */
const char *explain_cause_name(int cause);

void explain_report(const struct oom_report *r, struct explain *e);
void explain_free(struct explain *e);

/* The text report of one analysis, appended to out. */
void explain_text(const struct oom_report *r, const struct explain *e,
    int index, int total, struct zt_buf *out);
/* text (len bytes) with its verdict lines and "label  value" lines
 * wrapped at blanks to width columns, each continuation indented under
 * the value; other lines (headings, tables) as they are.  Appended to
 * out. */
void explain_wrap(const char *text, size_t len, int width,
    struct zt_buf *out);
/* The JSON object of one analysis. */
json_t *explain_json(const struct oom_report *r, const struct explain *e);

/* Shared by the judge and the text renderer. */
/* Zone figures: exact kB up to 100M, then fmt_kb(). */
const char *explain_zkb(char *buf, size_t len, int64_t kb);
/* "Node 1 Normal" on NUMA reports with more than one node, else "Normal". */
const char *explain_zone_label(const struct explain *e, const struct ex_zone *z,
    char *buf, size_t len);
/* The report printed a zone of this type with pages in it. */
bool explain_zone_populated(const struct oom_report *r, int type);

#endif
