/*
 * explain.c: `zonetop explain` (see explain.h).
 *
 * Each report read by oomreport.c is judged in steps, one function each:
 * the kernel version (from the CPU line, else from the report's format),
 * the zone types and protection[] slots, the GFP flags, the cause and the
 * scope (global, memcg, cpuset, mempolicy), the call trace, each zone's
 * watermark check, reclaim and swap, the memory no counter explains, the
 * task table ranked by badness, the victim, what is missing, and last the
 * verdict.  Sizes are converted to kB once, here; the page size is the
 * report's (its buddy lines' order-0 block), 4 kB when it printed none.
 *
 * This file only judges: explain_text.c and explain_json.c render the
 * analysis, cmd_explain.c is the command.
 */
#include "explain.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfp.h"
#include "parsers.h"
#include "zonemath.h"


/* ------------------------------------------------------------------ */
/* small helpers */

static int64_t
ex_kv(const struct zt_kvs *kv, const char *key)
{
	return kvs_get(kv, key);
}

/* Arithmetic on figures from untrusted text: ZT_NA in, or an overflow,
 * gives ZT_NA. */
static int64_t
ex_add(int64_t a, int64_t b)
{
	int64_t r;

	if (!zt_have(a) || !zt_have(b) || __builtin_add_overflow(a, b, &r) ||
	    r == ZT_NA)
		return ZT_NA;
	return r;
}

static int64_t
ex_sub(int64_t a, int64_t b)
{
	int64_t r;

	if (!zt_have(a) || !zt_have(b) || __builtin_sub_overflow(a, b, &r) ||
	    r == ZT_NA)
		return ZT_NA;
	return r;
}

static int64_t
ex_mul(int64_t a, int64_t b)
{
	int64_t r;

	if (!zt_have(a) || !zt_have(b) || __builtin_mul_overflow(a, b, &r) ||
	    r == ZT_NA)
		return ZT_NA;
	return r;
}

/* For badness points, which only rank: saturate instead. */
static int64_t
ex_sat(int64_t a, int64_t b)
{
	int64_t r;

	if (!__builtin_add_overflow(a, b, &r) && r != ZT_NA)
		return r;
	return b > 0 ? INT64_MAX : INT64_MIN + 1;
}

/* Sum of keys that exist; ZT_NA when none does, or on overflow. */
static int64_t
ex_sum(const struct zt_kvs *kv, const char *const *keys, size_t n)
{
	int64_t s = 0;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		int64_t v = kvs_get(kv, keys[i]);
		if (!zt_have(v))
			continue;
		any = true;
		if (!zt_have(s = ex_add(s, v)))
			return ZT_NA;
	}
	return any ? s : ZT_NA;
}

static const char *
ex_size(char *buf, size_t len, int64_t kb)
{
	return fmt_kb(buf, len, kb);
}

/* Zone figures: exact kB up to 100M, where watermarks differ by a few
 * pages, then fmt_kb(). */
const char *
explain_zkb(char *buf, size_t len, int64_t kb)
{
	if (zt_have(kb) && kb < 102400 && kb > -102400) {
		snprintf(buf, len, "%lldK", (long long)kb);
		return buf;
	}
	return fmt_kb(buf, len, kb);
}

/* Untrusted text (comm, paths, release) made printable. */
static const char *
ex_esc(char *buf, size_t len, const char *s)
{
	escape_text(buf, len, s, strlen(s));
	return buf;
}

static bool
ex_starts(const char *s, const char *pfx)
{
	return strncmp(s, pfx, strlen(pfx)) == 0;
}

static void
ex_verdict_add(struct explain *e, int weight, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
ex_verdict_add(struct explain *e, int weight, const char *fmt, ...)
{
	va_list ap;
	int at = e->nverdict;

	if (at == EX_MAX_VERDICT) {	/* replace the lightest if lighter */
		int lo = 0;
		for (int i = 1; i < EX_MAX_VERDICT; i++)
			if (e->weight[i] < e->weight[lo])
				lo = i;
		if (e->weight[lo] >= weight)
			return;
		at = lo;
	} else
		e->nverdict++;
	va_start(ap, fmt);
	vsnprintf(e->verdict[at], EX_VERDICT_LEN, fmt, ap);
	va_end(ap);
	e->weight[at] = weight;
}

static void
ex_missing_add(struct explain *e, const char *what)
{
	if (e->nmissing < EX_MAX_MISSING)
		strlcpy0(e->missing[e->nmissing++], what, sizeof e->missing[0]);
}

/* "Node 1 Normal" on NUMA reports with more than one node, else "Normal". */
const char *
explain_zone_label(const struct explain *e, const struct ex_zone *z, char *buf,
    size_t len)
{
	bool many = false;

	for (int i = 0; i < e->nzones; i++)
		if (e->zones[i].node != e->zones[0].node)
			many = true;
	if (many && z->node >= 0)
		snprintf(buf, len, "Node %d %s", z->node, z->name);
	else
		snprintf(buf, len, "%s", z->name);
	return buf;
}

/* ------------------------------------------------------------------ */
/* kernel version */

/* What the report's format says about its version: [lo, hi). */
static void
ex_version_bounds(const struct oom_report *r, int *lo, int *hi)
{
	*lo = 0;
	*hi = ZT_KV(99, 0);
#define AT_LEAST(v) do { if ((v) > *lo) *lo = (v); } while (0)
#define BELOW(v) do { if ((v) < *hi) *hi = (v); } while (0)
	if (r->have_gfp_names)
		AT_LEAST(ZT_KV(4, 6));
	if (r->have_oomkill_line)
		AT_LEAST(ZT_KV(5, 0));
	if (r->have_killed && !r->have_select && r->kill_prefix[0])
		AT_LEAST(ZT_KV(5, 1));
	if (zt_have(r->killed_uid))
		AT_LEAST(ZT_KV(5, 4));
	if (r->have_select)
		BELOW(ZT_KV(5, 1));
	if (r->nnodes > 0)
		AT_LEAST(ZT_KV(4, 8));
	if (kvs_get(&r->global, "sec_pagetables") != ZT_NA)
		AT_LEAST(ZT_KV(6, 0));
	if (r->legacy_adj)
		BELOW(ZT_KV3(2, 6, 36));
	for (int i = 0; i < r->nzones; i++) {
		if (r->zones[i].unreclaimable >= 0)
			BELOW(ZT_KV(4, 8));
		if (kvs_get(&r->zones[i].kv, "boost") != ZT_NA)
			AT_LEAST(ZT_KV(5, 16));
		if (kvs_get(&r->zones[i].kv, "reserved_highatomic") != ZT_NA)
			AT_LEAST(ZT_KV(5, 5));
	}
	bool ptes = false, pmds = false, pgbytes = false, anon = false;
	for (int i = 0; i < r->ncols; i++) {
		ptes |= strcmp(r->cols[i], "nr_ptes") == 0;
		pmds |= strcmp(r->cols[i], "nr_pmds") == 0;
		pgbytes |= strcmp(r->cols[i], "pgtables_bytes") == 0;
		anon |= strcmp(r->cols[i], "rss_anon") == 0;
	}
	if (anon)
		AT_LEAST(ZT_KV(6, 8));
	if (pgbytes)
		AT_LEAST(ZT_KV(4, 15));
	/* dump_tasks() prints nr_pmds from "mm: account pmd page tables to
	 * the process" (4.0) until pgtables_bytes replaces both (4.15) */
	if (pmds) {
		AT_LEAST(ZT_KV(4, 0));
		BELOW(ZT_KV(4, 15));
	} else if (ptes)
		BELOW(ZT_KV(4, 0));
#undef AT_LEAST
#undef BELOW
}

/* How well a layout explains the mask: fewer unknown bits, then fewer
 * names, is better.  Lower is better. */
static int
ex_layout_cost(uint64_t mask, int kv)
{
	uint64_t unknown;
	char buf[320];
	int names = gfp_format(mask, kv, buf, sizeof buf, &unknown);

	return __builtin_popcountll(unknown) * 100 + names;
}

/* A bound as a release: "4.15", "2.6.36" (oom_adj's end, a patch level). */
static const char *
ex_kv_text(char *buf, size_t len, int kv)
{
	if (kv % 1000 != 0)
		snprintf(buf, len, "%d.%d.%d", kv / 1000000, kv / 1000 % 1000, kv % 1000);
	else
		snprintf(buf, len, "%d.%d", kv / 1000000, kv / 1000 % 1000);
	return buf;
}

static void
ex_kernel(const struct oom_report *r, struct explain *e)
{
	char esc[80];

	e->kv = r->release[0] ? oomreport_kv(r->release) : -1;
	if (e->kv >= 0) {
		strlcpy0(e->kernel, ex_esc(esc, sizeof esc, r->release), sizeof e->kernel);
		e->layout = gfp_layout(e->kv);
		return;
	}
	int lo, hi;
	ex_version_bounds(r, &lo, &hi);
	e->kv_inferred = true;
	e->layout = -1;
	if (lo >= hi) {
		strlcpy0(e->kernel, "unknown", sizeof e->kernel);
		return;
	}
	/* the layouts the bounds allow; the mask (and the names) pick one */
	int best = -1, best_cost = 1 << 30;
	for (int l = 0; l < GFP_NLAYOUTS; l++) {
		int from = gfp_layout_kv(l) > lo ? gfp_layout_kv(l) : lo;
		int next = l + 1 < GFP_NLAYOUTS ? gfp_layout_kv(l + 1) : ZT_KV(99, 0);
		if (l == 0)	/* 3.10 where the bounds allow: its flags are the 3.x set */
			from = ZT_KV(3, 10) < hi && lo < ZT_KV(3, 10) ? ZT_KV(3, 10) : lo;
		if (from >= hi || from >= next)
			continue;
		int cost = 0;
		if (r->have_gfp)
			cost = ex_layout_cost(r->gfp_mask, from);
		if (r->have_gfp && r->have_gfp_names) {
			uint64_t m;
			char unk[48];
			if (gfp_parse_names(r->gfp_names, strlen(r->gfp_names), from,
			    &m, unk, sizeof unk) > 0 || m != r->gfp_mask)
				cost += 10000;
		}
		if (cost < best_cost) {
			best_cost = cost;
			best = l;
			e->kv = from;
		}
	}
	/* no mask: no flags to decode, so no layout (the loop's first
	 * allowed one only dates the kernel's lower bound) */
	e->layout = r->have_gfp ? best : -1;
	char a[24], b[24];
	if (lo > 0 && hi < ZT_KV(99, 0))
		snprintf(e->kernel, sizeof e->kernel, "unknown (%s to %s by its format)",
		    ex_kv_text(a, sizeof a, lo), ex_kv_text(b, sizeof b, hi));
	else if (lo > 0)
		snprintf(e->kernel, sizeof e->kernel, "unknown (%s or later by its format)",
		    ex_kv_text(a, sizeof a, lo));
	else if (hi < ZT_KV(99, 0))
		snprintf(e->kernel, sizeof e->kernel, "unknown (before %s by its format)",
		    ex_kv_text(b, sizeof b, hi));
	else
		strlcpy0(e->kernel, "unknown", sizeof e->kernel);
}

/* ------------------------------------------------------------------ */
/* zone types and protection[] slots */

/*
 * The zone type behind each lowmem_reserve[] entry.  The rules are the
 * zoneinfo parser's (zoneinfo.c): Normal and Movable are always compiled
 * in; DMA32 seen means x86_64 (add DMA, then Device), HighMem seen means
 * 32-bit (add DMA); with neither, the report's word size decides when it
 * is known.
 */
static void
ex_types(const struct oom_report *r, struct explain *e)
{
	bool have[ZT_ZONE_NTYPES] = { false };
	int nprot = 0;

	for (int i = 0; i < r->nzones; i++) {
		const struct oom_zone *z = &r->zones[i];
		if (z->type >= 0 && z->type < ZT_ZONE_NTYPES)
			have[z->type] = true;
		if (z->nreserve > nprot)
			nprot = z->nreserve;
	}
	e->ntypes = zone_slots_infer(have, nprot, r->bits, e->type_of_slot);
	e->zone_types = 0;
	for (int i = 0; i < e->ntypes; i++)
		e->zone_types |= 1u << e->type_of_slot[i];
}

static int
ex_slot(const struct explain *e, int type)
{
	for (int i = 0; i < e->ntypes; i++)
		if (e->type_of_slot[i] == type)
			return i;
	return -1;
}

bool
explain_zone_populated(const struct oom_report *r, int type)
{
	for (int i = 0; i < r->nzones; i++) {
		const struct oom_zone *z = &r->zones[i];
		if (z->type != type)
			continue;
		int64_t present = kvs_get(&z->kv, "present");
		if (!z->have_line || !zt_have(present) || present > 0)
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* the request */

static void
ex_gfp(const struct oom_report *r, struct explain *e)
{
	e->order = r->order;
	e->highest_type = ZT_ZONE_UNKNOWN;
	e->slot = -1;
	e->have_gfp = r->have_gfp;
	if (!r->have_gfp)
		return;
	int kv = e->kv >= 0 ? e->kv : gfp_layout_kv(GFP_LAYOUT_51);
	if (e->kv >= 0)
		gfp_format(r->gfp_mask, kv, e->gfp_decoded, sizeof e->gfp_decoded, NULL);
	if (r->have_gfp_names) {
		strlcpy0(e->gfp_flags, r->gfp_names, sizeof e->gfp_flags);
		if (e->kv >= 0) {
			uint64_t m;
			char unk[48];
			int n = gfp_parse_names(r->gfp_names, strlen(r->gfp_names), kv,
			    &m, unk, sizeof unk);
			/* the kernel printed the names from this very mask:
			 * a difference in bits that moved between releases or
			 * depend on the config (KASAN's 5.14-5.19 bits) is our
			 * table's, not the report's; only the bits that never
			 * moved (zone, HIGH, IO, FS) can show a damaged paste */
			(void)n;
			e->flags_disagree = ((m ^ r->gfp_mask) & 0xffu) != 0;
		}
	} else
		strlcpy0(e->gfp_flags, e->gfp_decoded, sizeof e->gfp_flags);

	e->highest_type = gfp_zone(r->gfp_mask, e->zone_types);
	e->slot = ex_slot(e, e->highest_type);

	/* the zonelist walk: the highest zone, then every lower one */
	e->fallback[0] = '\0';
	for (int s = e->ntypes - 1; s >= 0; s--) {
		int t = e->type_of_slot[s];
		if (t < 0 || e->highest_type < 0 || t > e->highest_type)
			continue;
		if (e->fallback[0])
			strlcpy0(e->fallback + strlen(e->fallback), ", ",
			    sizeof e->fallback - strlen(e->fallback));
		strlcpy0(e->fallback + strlen(e->fallback), zone_type_name(t),
		    sizeof e->fallback - strlen(e->fallback));
	}
}

static bool
ex_has_frame(const struct oom_report *r, const char *name)
{
	for (int i = 0; i < r->nframes; i++)
		if (strcmp(r->frames[i], name) == 0)
			return true;
	return false;
}

/* memcg's charge path, the caller of the memcg OOM (3.0-3.16
 * __mem_cgroup_try_charge, 3.17+ try_charge, 5.15+ try_charge_memcg):
 * a proven frame of it is a memcg OOM's even when the trace is cut
 * before mem_cgroup_out_of_memory or that was inlined. */
static bool
ex_charge_path(const struct oom_report *r)
{
	static const char *const fns[] = { "__mem_cgroup_try_charge", "try_charge",
		"try_charge_memcg" };

	return oomreport_has_frame(r, fns, ZT_ARRAY_LEN(fns));
}

/* SysRq-f's work item (drivers/tty/sysrq.c's moom_callback), in the
 * trace or on the Workqueue: line */
static bool
ex_moom_work(const struct oom_report *r)
{
	return ex_has_frame(r, "moom_callback") ||
	    strcmp(r->workqueue, "moom_callback") == 0;
}

/* gfp_mask=0 is pagefault_out_of_memory()'s: its oom_control sets no
 * mask.  A trace that proves out_of_memory() had another caller (the
 * first frame after it printed without "? ") shows kernel code that
 * called it with no mask and no fault (a draft psi OOM's update_averages,
 * fresh8 019; 6.16's bpf_out_of_memory, oom-corpus 014): that caller, or
 * NULL. */
static const char *
ex_oom_other_caller(const struct oom_report *r)
{
	for (int i = 0; i < r->nframes; i++) {
		if (r->frame_unsure[i] || !ex_starts(r->frames[i], "out_of_memory"))
			continue;
		for (int k = i + 1; k < r->nframes; k++)
			if (!r->frame_unsure[k])
				return ex_starts(r->frames[k], "pagefault_out_of_memory") ?
				    NULL : r->frames[k];
		return NULL;
	}
	return NULL;
}

const char *
explain_cause_name(int cause)
{
	static const char *const names[] = {
		[EX_CAUSE_ALLOCATION] = "allocation",
		[EX_CAUSE_PAGE_FAULT] = "page_fault",
		[EX_CAUSE_SYSRQ] = "sysrq",
		[EX_CAUSE_CALL] = "kernel_call",
	};

	return cause >= 0 && cause < (int)ZT_ARRAY_LEN(names) ? names[cause] : "?";
}

static void
ex_cause(const struct oom_report *r, struct explain *e)
{
	/* SysRq-f: order -1 since 4.6; before, order 0 from the
	 * moom_callback work item (drivers/tty/sysrq.c), which the trace or
	 * the Workqueue: line names, or the report right after SysRq's own
	 * "Manual OOM execution" line */
	/* a panic_on_oom panic after SysRq's line: since 4.6
	 * check_panic_on_oom() returns early for SysRq-f (is_sysrq_oom),
	 * so the panic is another OOM's */
	bool sysrq_line = r->sysrq_line &&
	    !(r->panic && !r->no_killable && e->kv >= ZT_KV(4, 6));
	if (r->order == -1 || (r->kind == OOM_KIND_OOM &&
	    (ex_moom_work(r) || sysrq_line)))
		e->cause = EX_CAUSE_SYSRQ;
	else if (r->kind == OOM_KIND_OOM && r->have_gfp && r->gfp_mask == 0)
		e->cause = ex_oom_other_caller(r) ? EX_CAUSE_CALL : EX_CAUSE_PAGE_FAULT;
	else
		e->cause = EX_CAUSE_ALLOCATION;
}

/* The page allocator called the OOM killer: a proven frame of it in the
 * trace (a memcg OOM shows one only as an unproven "? " stack word). */
static bool
ex_allocator_oom(const struct oom_report *r)
{
	for (int i = 0; i < r->nframes; i++)
		/* __alloc_pages_nodemask, _slowpath, _internal (2.6) */
		if (!r->frame_unsure[i] && ex_starts(r->frames[i], "__alloc_pages"))
			return true;
	return false;
}

/* Why a constraint not printed is what explain says: what showed it, or
 * that it is a guess.  Before 5.0 a global OOM shows itself by what a
 * memcg OOM does not print: show_mem's Mem-Info (a memcg prints its
 * usage instead) and the kill line's plain "Out of memory". */
static const char *
ex_constraint_note(const struct oom_report *r, const struct explain *e, bool memcg)
{
	if (memcg)
		return r->memcg ? "not printed in the paste; its memcg usage or stats "
		    "lines show it" : "not printed in the paste; the call trace "
		    "shows the memcg OOM path";
	if (ex_allocator_oom(r))
		return "not printed in the paste; the call trace shows the page "
		    "allocator invoking the OOM killer";
	/* show_mem()'s zone and node lines without their Mem-Info line
	 * (elided) are as global a sign as it */
	if (!r->have_mem_info && r->nzones == 0 && r->nnodes == 0 &&
	    !strstr(r->kill_prefix, "Out of memory"))
		return "assumed: the paste holds none of the lines that tell a "
		    "memcg OOM from a global one";
	if (!e->kv_inferred && e->kv < ZT_KV(5, 0))
		return "not printed before 5.0";
	return "not printed in the paste; its Mem-Info or kill line shows a "
	    "global OOM";
}

static void
ex_scope(const struct oom_report *r, struct explain *e)
{
	static const int of_printed[] = {
		[OOM_CON_NONE] = ZT_CON_GLOBAL,
		[OOM_CON_CPUSET] = ZT_CON_CPUSET,
		[OOM_CON_MEMORY_POLICY] = ZT_CON_MEMPOLICY,
		[OOM_CON_MEMCG] = ZT_CON_MEMCG,
		[OOM_CON_OTHER] = ZT_CON_OTHER,
	};
	char esc[256];
	/* what the report prints of a memcg OOM before 5.0: the kill line's
	 * "Memory cgroup out of memory" and "Task in A killed as a result of
	 * limit of B" */
	bool said = strstr(r->kill_prefix, "cgroup") || r->memcg_task[0] ||
	    r->memcg_limit_of[0];
	/* what shows one without printing a constraint: the memcg's usage
	 * and stats lines, and the memcg OOM path in the call trace
	 * (mem_cgroup_oom_synchronize calls mem_cgroup_out_of_memory, which
	 * is often inlined into it) */
	bool memcg = said || r->memcg || ex_has_frame(r, "mem_cgroup_out_of_memory") ||
	    ex_has_frame(r, "mem_cgroup_oom_synchronize") || ex_charge_path(r);

	e->memcg_limit_kb = r->mem_limit_kb;
	e->memcg_usage_kb = r->mem_usage_kb;
	e->memcg_failcnt = r->mem_failcnt;
	escape_text(e->constraint_printed, sizeof e->constraint_printed,
	    r->constraint, strlen(r->constraint));
	if (r->kind == OOM_KIND_ALLOC_FAIL) {
		e->constraint = ZT_CON_NONE;
		return;
	}
	if (r->con > OOM_CON_UNPRINTED && r->con <= OOM_CON_OTHER)
		e->constraint = of_printed[r->con];
	/* 4.19 to 5.2 never set oc->constraint before printing it (fixed by
	 * 432b1de0de02, "mm/oom_kill.c: fix uninitialized oc->constraint"):
	 * their oom-kill: line says CONSTRAINT_NONE for every OOM.  A memcg
	 * OOM shows itself anyway (oom_memcg=, "Memory cgroup out of
	 * memory", mem_cgroup_out_of_memory): its tasks are the candidates. */
	if (r->con == OOM_CON_NONE && (r->oom_memcg[0] || memcg)) {
		e->constraint = ZT_CON_MEMCG;
		e->constraint_unset = true;
	} else if (r->con > OOM_CON_UNPRINTED && r->con <= OOM_CON_OTHER)
		;
	else {
		e->constraint = memcg ? ZT_CON_MEMCG : ZT_CON_GLOBAL;
		/* before 5.0 only memcg OOMs say so; cpuset and mempolicy
		 * constraints are not printed; a paste without the kill
		 * lines shows a memcg OOM only by its other lines */
		e->constraint_inferred = !said;
		if (!said)
			e->constraint_note = ex_constraint_note(r, e, memcg);
	}
	/* a constraint this reader does not know, with the OOMing memcg
	 * named: the candidates are that cgroup's tasks */
	if (e->constraint == ZT_CON_OTHER && r->oom_memcg[0])
		e->constraint = ZT_CON_MEMCG;
	/* the first "Memory cgroup stats for" is the OOMing memcg's (3.x to
	 * 5.2 print one for each cgroup below it too): only in a report
	 * seen from its header is the first one seen the first printed */
	const char *path = r->oom_memcg[0] ? r->oom_memcg :
	    r->memcg_limit_of[0] ? r->memcg_limit_of :
	    r->have_header ? r->memcg_stats_path : "";
	if (e->constraint == ZT_CON_MEMCG && path[0])
		strlcpy0(e->memcg, ex_esc(esc, sizeof esc, path), sizeof e->memcg);
}

/* ------------------------------------------------------------------ */
/* the call trace */

/* The allocator itself and the OOM path: the caller is above these. */
static bool
ex_frame_alloc(const char *f)
{
	static const char *const pfx[] = {
		"__alloc_pages", "alloc_pages", "__folio_alloc", "folio_alloc",
		"vma_alloc_folio", "alloc_page_interleave", "__get_free_pages",
		"get_zeroed_page", "pagefault_out_of_memory", "out_of_memory",
		"mem_cgroup_out_of_memory", "mem_cgroup_oom", "warn_alloc",
		"__alloc_frozen_pages", "alloc_frozen_pages", "__page_cache_alloc_noprof",
	};
	for (size_t i = 0; i < ZT_ARRAY_LEN(pfx); i++)
		if (ex_starts(f, pfx[i]))
			return true;
	return false;
}

/* Frames that say nothing about the caller. */
static bool
ex_frame_noise(const char *f)
{
	static const char *const pfx[] = {
		"__raw_callee_save", "_raw_spin", "kvm_clock", "native_", "sched_clock",
		"__set_current_blocked", "sigprocmask", "ktime_get", "delayacct",
		"mem_cgroup_iter", "kzalloc_node", "entry_SYSCALL", "do_syscall",
		"__x64_sys", "__ia32_sys", "ret_from_fork", "asm_exc", "bit_wait",
		"nmi", "common_exception", "vmalloc_sync",
	};
	for (size_t i = 0; i < ZT_ARRAY_LEN(pfx); i++)
		if (ex_starts(f, pfx[i]))
			return true;
	return false;
}

static bool
ex_frame_vmalloc(const char *f)
{
	return ex_starts(f, "__vmalloc") || strcmp(f, "vmalloc") == 0 ||
	    strcmp(f, "vzalloc") == 0 || ex_starts(f, "vmalloc_node") ||
	    ex_starts(f, "kvmalloc") || ex_starts(f, "__kvmalloc") ||
	    strcmp(f, "vmalloc_user") == 0;
}

/* A frame that tells what the task was doing: the chain stops there. */
static const char *
ex_frame_context(const char *f)
{
	static const struct {
		const char *pfx, *ctx;
	} ctx[] = {
		{ "dup_fd", "fork" }, { "copy_process", "fork" }, { "_do_fork", "fork" },
		{ "do_fork", "fork" }, { "kernel_clone", "fork" }, { "dup_mm", "fork" },
		{ "copy_files", "fork" }, { "dup_mmap", "fork" },
		{ "filemap_fault", "a page fault" }, { "handle_mm_fault", "a page fault" },
		{ "__handle_mm_fault", "a page fault" }, { "do_page_fault", "a page fault" },
		{ "__do_page_fault", "a page fault" }, { "do_user_addr_fault", "a page fault" },
		{ "exc_page_fault", "a page fault" }, { "do_anonymous_page", "a page fault" },
		{ "do_swap_page", "a page fault" }, { "__do_fault", "a page fault" },
		{ "do_read_fault", "a page fault" }, { "do_huge_pmd_anonymous_page", "a page fault" },
		{ "do_execve", "exec" }, { "bprm_execve", "exec" }, { "load_elf_binary", "exec" },
		{ "do_mmap", "mmap" }, { "__mm_populate", "mmap" }, { "do_brk", "brk" },
		{ "khugepaged", "khugepaged" }, { "kswapd", "kswapd" },
		{ "tcp_sendmsg", "a network send" }, { "__netif_receive_skb", "network receive" },
	};
	for (size_t i = 0; i < ZT_ARRAY_LEN(ctx); i++)
		if (ex_starts(f, ctx[i].pfx))
			return ctx[i].ctx;
	return NULL;
}

static void
ex_trace(const struct oom_report *r, struct explain *e)
{
	char items[6][OOM_FRAME_LEN];
	int n = 0, start = 0;
	const char *context = NULL;
	bool vmalloc = false, slab = false, pagecache = false, skb = false;
	bool memcg_charge = false;

	for (int i = 0; i < r->nframes; i++)
		if (ex_frame_alloc(r->frames[i]))
			start = i + 1;
	if (start == 0)
		return;
	for (int i = 0; i < r->nframes; i++)
		if (ex_starts(r->frames[i], "mem_cgroup_oom_synchronize") ||
		    ex_starts(r->frames[i], "try_charge") ||
		    ex_starts(r->frames[i], "mem_cgroup_charge"))
			memcg_charge = true;
	/* "? " frames are stack words the unwinder could not prove return
	 * addresses: left out when the trace has proven ones (some kernels
	 * mark every frame so) */
	bool sure = false;
	for (int i = 0; i < r->nframes; i++)
		sure |= !r->frame_unsure[i];
	for (int i = start; i < r->nframes && n < 6; i++) {
		const char *f = r->frames[i];
		const char *name = f;
		if (ex_frame_noise(f) || (sure && r->frame_unsure[i]))
			continue;
		if (ex_frame_vmalloc(f)) {
			vmalloc = true;
			name = "vmalloc";
		}
		/* SLUB's page-getting frames, and SLAB's (mm/slab.c, until
		 * 6.8): kmem_getpages under cache_grow (cache_grow_begin
		 * from 4.10), reached from cache_alloc_refill or
		 * ____cache_alloc_node */
		if (ex_starts(f, "kmem_cache_alloc") || ex_starts(f, "__kmalloc") ||
		    ex_starts(f, "kmalloc") || ex_starts(f, "new_slab") ||
		    ex_starts(f, "allocate_slab") || ex_starts(f, "___slab_alloc") ||
		    ex_starts(f, "kmem_getpages") || ex_starts(f, "cache_grow") ||
		    ex_starts(f, "cache_alloc_refill") ||
		    ex_starts(f, "____cache_alloc"))
			slab = true;
		if (ex_starts(f, "__page_cache_alloc") || ex_starts(f, "page_cache_alloc") ||
		    ex_starts(f, "filemap_") || ex_starts(f, "pagecache_get_page") ||
		    ex_starts(f, "__filemap_get_folio"))
			pagecache = true;
		if (ex_starts(f, "__alloc_skb") || ex_starts(f, "alloc_skb") ||
		    ex_starts(f, "sk_page_frag"))
			skb = true;
		bool dup = false;
		for (int k = 0; k < n; k++)
			if (strcmp(items[k], name) == 0)
				dup = true;
		if (!dup)
			strlcpy0(items[n++], name, OOM_FRAME_LEN);
		if ((context = ex_frame_context(f)) != NULL)
			break;
	}
	e->chain[0] = '\0';
	e->chain_unproven = !sure && n > 0;
	for (int k = n - 1; k >= 0; k--) {
		size_t at = strlen(e->chain);
		snprintf(e->chain + at, sizeof e->chain - at, "%s%s", items[k],
		    k ? " \u2192 " : "");
	}
	const char *what = vmalloc ? "vmalloc" : slab ? "a slab allocation" :
	    pagecache ? "page cache" : skb ? "a network buffer" :
	    memcg_charge ? "a memory cgroup charge" :
	    e->highest_type == ZT_ZONE_MOVABLE || e->highest_type == ZT_ZONE_HIGHMEM ?
	    "user memory" : NULL;
	if (what && context)
		snprintf(e->purpose, sizeof e->purpose, "%s during %s", what, context);
	else if (what)
		snprintf(e->purpose, sizeof e->purpose, "%s", what);
	else if (context)
		snprintf(e->purpose, sizeof e->purpose, "during %s", context);
}

/* ------------------------------------------------------------------ */
/* zones and the watermark check */

static int64_t
ex_node_unrecl(const struct oom_report *r, int node)
{
	for (int i = 0; i < r->nnodes; i++)
		if (r->nodes[i].node == node || (node < 0 && r->nnodes == 1))
			return r->nodes[i].unreclaimable;
	return -1;
}

/*
 * gfp_to_alloc_flags() of the request (mm/page_alloc.c), on its kernel: the
 * flags the report printed are the truth where it printed them.
 *   __GFP_HIGH -> ALLOC_HIGH (6.3+: ALLOC_MIN_RESERVE)
 *   <= 4.3: no __GFP_WAIT (atomic) and no __GFP_NOMEMALLOC -> ALLOC_HARDER
 *   4.4 .. 6.2: __GFP_ATOMIC without __GFP_NOMEMALLOC -> ALLOC_HARDER
 *   6.3+: no __GFP_DIRECT_RECLAIM and no __GFP_NOMEMALLOC ->
 *	ALLOC_NON_BLOCK, and ALLOC_HIGHATOMIC when order > 0
 *   __GFP_MOVABLE (migratetype movable) -> ALLOC_CMA
 * plain: the same kernel's shape and CMA, no reserve flags (the fast
 * path's low check; ex_zones() takes CMA away for the high one).
 */
static void
ex_wm_flags(const struct oom_report *r, const struct explain *e,
    struct wm_flags *req, struct wm_flags *plain)
{
	int kv = e->kv;
	uint64_t mask = r->gfp_mask;

	memset(req, 0, sizeof *req);
	req->shape = kv >= 0 && kv < ZT_KV(4, 4) ? WM_SHAPE_43 :
	    kv >= ZT_KV(6, 3) ? WM_SHAPE_63 : WM_SHAPE_44;
	req->cma = (mask & GFP_ZONE_MOVABLE) != 0;
	*plain = *req;
	if (kv < 0)
		return;			/* no layout: the plain check only */
	if (r->have_gfp_names) {
		uint64_t m;
		char unk[48];
		if (gfp_parse_names(r->gfp_names, strlen(r->gfp_names), kv, &m, unk,
		    sizeof unk) == 0)
			mask = m;
	}
	bool nomemalloc = gfp_has(mask, kv, "__GFP_NOMEMALLOC");
	req->high = (mask & 0x20u) != 0;	/* __GFP_HIGH, never moved */
	/* <= 4.3: "atomic" is !__GFP_WAIT; from 3.16 (b104a35d32025, "mm,
	 * thp: do not allow thp faults to avoid cpuset restrictions", also
	 * in stable) !(__GFP_WAIT | __GFP_NO_KSWAPD) */
	if (req->shape == WM_SHAPE_43)
		req->harder = !gfp_has(mask, kv, "__GFP_WAIT") && !nomemalloc &&
		    !(kv >= ZT_KV(3, 16) && gfp_has(mask, kv, "__GFP_NO_KSWAPD"));
	else if (req->shape == WM_SHAPE_44)
		req->harder = gfp_has(mask, kv, "__GFP_ATOMIC") && !nomemalloc;
	else {
		req->harder = !gfp_has(mask, kv, "__GFP_DIRECT_RECLAIM") && !nomemalloc;
		req->highatomic = req->harder && zt_have(e->order) && e->order > 0;
	}
}

/* The alloc flags the min check used, as the kernel names them. */
static void
ex_alloc_flags_name(const struct wm_flags *f, char *buf, size_t len)
{
	bool v63 = f->shape == WM_SHAPE_63;

	snprintf(buf, len, "%s%s%s%s", f->high ? (v63 ? "ALLOC_MIN_RESERVE|" :
	    "ALLOC_HIGH|") : "", f->harder ? (v63 ? "ALLOC_NON_BLOCK|" :
	    "ALLOC_HARDER|") : "", f->highatomic ? "ALLOC_HIGHATOMIC|" : "",
	    f->cma ? "ALLOC_CMA|" : "");
	size_t n = strlen(buf);
	if (n > 0)
		buf[n - 1] = '\0';
}

static void
ex_zones(const struct oom_report *r, struct explain *e)
{
	int pk = e->page_kb;

	/* the slow path checks min with the request's alloc flags; the fast
	 * path (low) and the last try before the OOM killer (high) with none
	 * of them; that last try (__alloc_pages_may_oom(): ALLOC_WMARK_HIGH|
	 * ALLOC_CPUSET alone) has no ALLOC_CMA either, so free CMA pages do
	 * not count at high even for a movable request */
	struct wm_flags req, plain;
	ex_wm_flags(r, e, &req, &plain);
	struct wm_flags last = plain;
	last.cma = false;
	ex_alloc_flags_name(&req, e->alloc_flags, sizeof e->alloc_flags);
	e->wm_shape = req.shape;
	e->zones = xcalloc((size_t)(r->nzones ? r->nzones : 1), sizeof *e->zones);
	e->nzones = 0;
	/* highest zone type first: the order the allocation tries them */
	for (int t = ZT_ZONE_NTYPES - 1; t >= -1; t--) {
		for (int i = 0; i < r->nzones; i++) {
			const struct oom_zone *oz = &r->zones[i];
			if (oz->type != t)
				continue;
			struct ex_zone *z = &e->zones[e->nzones++];
			z->node = oz->node;
			strlcpy0(z->name, oz->name, sizeof z->name);
			z->type = oz->type;
			z->free_kb = ex_kv(&oz->kv, "free");
			z->min_kb = ex_kv(&oz->kv, "min");
			z->low_kb = ex_kv(&oz->kv, "low");
			z->high_kb = ex_kv(&oz->kv, "high");
			z->managed_kb = ex_kv(&oz->kv, "managed");
			z->present_kb = ex_kv(&oz->kv, "present");
			z->reserve_kb = e->slot >= 0 && e->slot < oz->nreserve ?
			    ex_mul(oz->reserve[e->slot], pk) : ZT_NA;
			/* an empty zone is in no zonelist (build_zonerefs_node()
			 * adds populated zones only): never checked */
			z->applies = z->type >= 0 && e->highest_type >= 0 &&
			    z->type <= e->highest_type &&
			    !(zt_have(z->present_kb) && z->present_kb == 0);
			z->unreclaimable = oz->unreclaimable >= 0 ? oz->unreclaimable :
			    (int)ex_node_unrecl(r, oz->node);
			z->norders = oz->norders;
			for (int k = 0; k < ZT_MAX_ORDER; k++)
				z->buddy[k] = oz->buddy[k];
			for (int m = 0; m < ZT_NMARKS; m++)
				z->wm[m] = -1;

			int64_t order = zt_have(e->order) ? (e->order < 0 ? 0 : e->order) : ZT_NA;
			if (!z->applies || !zt_have(order) || order >= ZT_MAX_ORDER ||
			    !zt_have(z->free_kb) || z->free_kb < 0 || e->slot < 0)
				continue;
			/* the monitor's own check, on the report's figures */
			struct zt_zone zz;
			zone_init(&zz);
			zz.node = oz->node;
			zz.type = oz->type;
			strlcpy0(zz.name, oz->name, sizeof zz.name);
			zz.free = z->free_kb / pk;
			zz.min = zt_have(z->min_kb) ? z->min_kb / pk : ZT_NA;
			zz.low = zt_have(z->low_kb) ? z->low_kb / pk : ZT_NA;
			zz.high = zt_have(z->high_kb) ? z->high_kb / pk : ZT_NA;
			zz.managed = zt_have(z->managed_kb) ? z->managed_kb / pk : ZT_NA;
			zz.present = zt_have(z->present_kb) ? z->present_kb / pk : ZT_NA;
			int64_t cma = ex_kv(&oz->kv, "free_cma");
			zz.nr_free_cma = zt_have(cma) ? cma / pk : ZT_NA;
			zz.nprot = oz->nreserve > e->slot ? oz->nreserve : e->slot + 1;
			for (int k = 0; k < zz.nprot && k < ZT_MAX_ZONE_TYPES; k++)
				zz.protection[k] = k < oz->nreserve ? oz->reserve[k] : 0;
			zz.norders = oz->norders;
			for (int k = 0; k < oz->norders; k++)
				zz.buddy[k] = oz->buddy[k];
			zz.unreclaimable = z->unreclaimable;
			int64_t marks[ZT_NMARKS] = { zz.min, zz.low, zz.high };
			for (int m = 0; m < ZT_NMARKS; m++)
				if (zt_have(marks[m]) && marks[m] < 0)
					marks[m] = ZT_NA;
			int64_t ha = ex_kv(&oz->kv, "reserved_highatomic");
			if (zt_have(ha))
				ha /= pk;
			for (int m = 0; m < ZT_NMARKS; m++)
				if (zt_have(marks[m]))
					z->wm[m] = watermark_ok_flags(&zz, (int)order,
					    marks[m], e->slot, m == ZT_MARK_MIN ? &req :
					    m == ZT_MARK_LOW ? &plain : &last, ha) ? 1 : 0;
		}
	}
}

/* ------------------------------------------------------------------ */
/* reclaim, swap and unaccounted memory */

static void
ex_reclaim(const struct oom_report *r, struct explain *e)
{
	static const char *const anon[] = { "active_anon", "inactive_anon", "isolated_anon" };
	static const char *const file[] = { "active_file", "inactive_file", "isolated_file" };
	static const char *const anon_z[] = { "active_anon", "inactive_anon",
		"isolated(anon)" };
	static const char *const file_z[] = { "active_file", "inactive_file",
		"isolated(file)" };
	int64_t a = ex_sum(&r->global, anon, 3), f = ex_sum(&r->global, file, 3);

	e->anon_kb = ex_mul(a, e->page_kb);
	e->file_kb = ex_mul(f, e->page_kb);
	if (!zt_have(e->anon_kb) || !zt_have(e->file_kb)) {
		/* no global block: the zone lines, in kB */
		int64_t sa = ZT_NA, sf = ZT_NA;
		for (int i = 0; i < r->nzones; i++) {
			int64_t za = ex_sum(&r->zones[i].kv, anon_z, 3);
			int64_t zf = ex_sum(&r->zones[i].kv, file_z, 3);
			if (zt_have(za))
				sa = zt_have(sa) ? ex_add(sa, za) : za;
			if (zt_have(zf))
				sf = zt_have(sf) ? ex_add(sf, zf) : zf;
		}
		if (!zt_have(e->anon_kb))
			e->anon_kb = sa;
		if (!zt_have(e->file_kb))
			e->file_kb = sf;
	}

	int yes = 0, no = 0;
	e->unreclaimable_nodes = r->nnodes > 0;
	if (r->nnodes > 0) {
		for (int i = 0; i < r->nnodes; i++) {
			yes += r->nodes[i].unreclaimable == 1;
			no += r->nodes[i].unreclaimable == 0;
		}
	} else {
		for (int i = 0; i < r->nzones; i++) {
			yes += r->zones[i].unreclaimable == 1;
			no += r->zones[i].unreclaimable == 0;
		}
	}
	e->unreclaimable = yes && no ? 2 : yes ? 1 : no ? 0 : -1;
	e->swap_total_kb = r->total_swap_kb;
	e->swap_free_kb = r->free_swap_kb;
}

/*
 * Memory no counter explains, in pages: RAM (show_mem's "pages RAM", the
 * zones' present pages) less every counter the report prints that owns
 * pages, each counted once:
 *   free (NR_FREE_PAGES: the buddy lists) + free_pcp (per-CPU lists, not
 *   in free) + LRU (active/inactive anon and file, isolated anon and file,
 *   unevictable; shmem, mapped, dirty and writeback are on these lists
 *   and not added again) + slab_reclaimable + slab_unreclaimable +
 *   pagetables + sec_pagetables (6.0+) + kernel_misc_reclaimable + bounce
 *   + kernel stacks (zone lines' kernel_stack kB, or the 4.8+ node lines'
 *   when zones lack it) + zspages (zram, zone lines) + reserved (present
 *   - managed: memmap, crashkernel) + hugetlb pages (hugepages_total x
 *   size).
 * free_cma is part of free, and the swap cache's pages are on the anon
 * LRU: neither is added.  What remains is vmalloc,
 * per-CPU areas, driver and GPU buffers, and pages a balloon driver took.
 */
static void
ex_unaccounted(const struct oom_report *r, struct explain *e)
{
	static const char *const global[] = {
		"free", "free_pcp", "active_anon", "inactive_anon", "isolated_anon",
		"active_file", "inactive_file", "isolated_file", "unevictable",
		"slab_reclaimable", "slab_unreclaimable", "pagetables",
		"sec_pagetables", "kernel_misc_reclaimable", "bounce",
	};
	int pk = e->page_kb;

	e->ram_kb = ex_mul(r->ram_pages, pk);
	e->unaccounted_kb = ZT_NA;
	e->unaccounted_pct = NAN;
	if (!zt_have(e->ram_kb) || r->ram_pages <= 0 ||
	    !zt_have(kvs_get(&r->global, "free")) ||
	    !zt_have(kvs_get(&r->global, "active_anon")))
		return;
	int64_t pages = ex_sum(&r->global, global, ZT_ARRAY_LEN(global));

	int64_t stack_kb = 0, zs_kb = 0, reserved = 0;
	bool zone_stack = false;
	for (int i = 0; i < r->nzones; i++) {
		int64_t v = kvs_get(&r->zones[i].kv, "kernel_stack");
		if (zt_have(v)) {
			stack_kb = ex_add(stack_kb, v);
			zone_stack = true;
		}
		v = kvs_get(&r->zones[i].kv, "zspages");
		if (zt_have(v))
			zs_kb = ex_add(zs_kb, v);
		int64_t d = ex_sub(kvs_get(&r->zones[i].kv, "present"),
		    kvs_get(&r->zones[i].kv, "managed"));
		if (zt_have(d) && d > 0)
			reserved = ex_add(reserved, d / pk);
	}
	if (!zone_stack)
		for (int i = 0; i < r->nnodes; i++) {
			int64_t v = kvs_get(&r->nodes[i].kv, "kernel_stack");
			if (zt_have(v))
				stack_kb = ex_add(stack_kb, v);
		}
	int64_t kb = ex_add(stack_kb, zs_kb);
	pages = ex_add(pages, zt_have(kb) ? kb / pk : ZT_NA);
	pages = ex_add(pages, zt_have(r->reserved_pages) ? r->reserved_pages : reserved);
	if (zt_have(r->hugepages_kb))
		pages = ex_add(pages, r->hugepages_kb / pk);
	e->unaccounted_kb = ex_mul(ex_sub(r->ram_pages, pages), pk);
	if (!zt_have(e->unaccounted_kb))
		return;
	if (e->unaccounted_kb < 0)
		e->unaccounted_kb = 0;
	e->unaccounted_pct = 100.0 * (double)e->unaccounted_kb / (double)e->ram_kb;
}

/* ------------------------------------------------------------------ */
/* the task table ranked by badness: oom_badness() of mm/oom_kill.c for
 * the report's kernel (badness.c has the rules per version) */

/* "0-1,3" (a nodemask or mems_allowed as printed) into nodes[]; false
 * when it is not a node list ("(null)", empty). */
static bool
ex_node_list(const char *s, bool *nodes, int max)
{
	const char *p = s;
	bool any = false;

	while (*p) {
		int64_t a, b;
		if (!parse_i64(&p, &a) || a < 0 || a >= max)
			return false;
		b = a;
		if (*p == '-') {
			p++;
			if (!parse_i64(&p, &b) || b < a || b >= max)
				return false;
		}
		for (int64_t n = a; n <= b; n++)
			nodes[n] = any = true;
		if (*p == ',')
			p++;
		else if (*p != '\0')
			return false;
	}
	return any;
}

/* cpuset and mempolicy OOMs (constrained_alloc): swap + the present
 * pages of the allowed nodes, from the zone lines. */
static int64_t
ex_nodes_pages(const struct oom_report *r, const struct explain *e,
    const char *list)
{
	bool nodes[256] = { false };
	int64_t sum = ZT_NA;

	if (!ex_node_list(list, nodes, 256))
		return ZT_NA;
	for (int i = 0; i < r->nzones; i++) {
		const struct oom_zone *z = &r->zones[i];
		int64_t present = kvs_get(&z->kv, "present");
		if (z->node < 0 || z->node >= 256 || !zt_have(present))
			return ZT_NA;		/* no per-node figures */
		if (nodes[z->node])
			sum = ex_add(zt_have(sum) ? sum : 0, present / e->page_kb);
	}
	return sum;
}

/* mem_cgroup_get_max(): the limit + min(swap allowance, total swap)
 * (swappiness > 0 assumed).  Without the machine's swap in the report
 * (memcg OOMs print no Mem-Info) a finite allowance is taken whole and
 * said so; an unlimited one leaves only the limit, also said. */
static void
ex_totalpages_memcg(const struct oom_report *r, struct explain *e, int64_t swap)
{
	int pk = e->page_kb;
	int64_t t = r->mem_limit_kb / pk, allow = ZT_NA;
	int64_t sw = ex_sub(r->memsw_limit_kb, r->mem_limit_kb);

	if (zt_have(sw))
		allow = sw > 0 ? sw / pk : 0;
	else if (zt_have(r->swap_limit_kb))
		allow = r->swap_limit_kb > 0 ? r->swap_limit_kb / pk : 0;
	if (!zt_have(allow) || allow == 0) {
		e->totalpages = t;
		e->totalpages_basis = "memcg limit";
		return;
	}
	if (zt_have(swap)) {
		e->totalpages = ex_add(t, allow < swap ? allow : swap);
		e->totalpages_basis = "memcg limit + swap it may use";
		return;
	}
	/* PAGE_COUNTER_MAX reads as petabytes: no swap limit at all, so
	 * mem_cgroup_get_max() adds all of the machine's swap, which this
	 * report does not print.  With no sign of swap the limit is taken;
	 * swap in use (the cgroup's, or its tasks' swapents) proves there is
	 * some, of unknown size: the denominator is then unknown. */
	if (allow >= ((int64_t)1 << 40) / pk) {
		bool used = (zt_have(r->swap_usage_kb) && r->swap_usage_kb > 0) ||
		    (zt_have(r->memsw_usage_kb) && zt_have(r->mem_usage_kb) &&
		    r->memsw_usage_kb > r->mem_usage_kb);
		for (int i = 0; i < r->ntasks && !used; i++)
			used = zt_have(r->tasks[i].swapents) && r->tasks[i].swapents > 0;
		if (used) {
			e->totalpages = ZT_NA;
			e->totalpages_basis = "unknown: memcg limit + the machine's "
			    "swap, which is not printed (its tasks use some)";
			return;
		}
		e->totalpages = t;
		e->totalpages_basis = "memcg limit (the machine's swap not printed)";
		return;
	}
	e->totalpages = ex_add(t, allow);
	e->totalpages_basis = "memcg limit + its swap allowance (if the machine "
	    "has that much swap)";
}

/* The badness denominator (constrained_alloc(), mm/oom_kill.c): RAM +
 * swap for a global OOM, the allowed nodes' pages + swap for a cpuset or
 * mempolicy one, the limit (+ swap the cgroup may use) for a memcg. */
static void
ex_totalpages(const struct oom_report *r, struct explain *e)
{
	int pk = e->page_kb;
	int64_t swap = zt_have(r->total_swap_kb) && r->total_swap_kb >= 0 ?
	    r->total_swap_kb / pk : ZT_NA;

	e->totalpages = ZT_NA;
	e->totalpages_basis = "unknown";
	if (e->constraint == ZT_CON_MEMCG && zt_have(r->mem_limit_kb) &&
	    r->mem_limit_kb >= 0) {
		ex_totalpages_memcg(r, e, swap);
		/* mem_cgroup_get_max() ?: 1 (constrained_alloc(); in
		 * mem_cgroup_out_of_memory() since 3.x): memory.max = 0 */
		if (zt_have(e->totalpages) && e->totalpages == 0) {
			e->totalpages = 1;
			e->totalpages_basis = "memcg limit below a page (the kernel takes 1)";
		}
		return;
	}
	if (e->constraint == ZT_CON_CPUSET || e->constraint == ZT_CON_MEMPOLICY) {
		int64_t np = ex_nodes_pages(r, e, e->constraint == ZT_CON_CPUSET ?
		    r->mems_allowed : r->nodemask);
		if (zt_have(np) && np > 0) {
			e->totalpages = ex_add(np, zt_have(swap) ? swap : 0);
			e->totalpages_basis = "allowed nodes' present pages + swap";
			return;
		}
	}
	int64_t ram = ZT_NA;
	if (zt_have(r->ram_pages))	/* totalram_pages = present - reserved */
		ram = ex_sub(r->ram_pages, zt_have(r->reserved_pages) ?
		    r->reserved_pages : 0);
	else {
		for (int i = 0; i < r->nzones; i++) {
			int64_t mg = kvs_get(&r->zones[i].kv, "managed");
			if (zt_have(mg))
				ram = ex_add(zt_have(ram) ? ram : 0, mg / pk);
		}
	}
	if (zt_have(ram) && ram > 0) {
		e->totalpages = ex_add(ram, zt_have(swap) ? swap : 0);
		e->totalpages_basis = "RAM + swap";
	}
}

static bool
ex_has_col(const struct oom_report *r, const char *name)
{
	for (int i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return true;
	return false;
}

/* Can badness go below 1 on kernel kv?  5.9+, and 5.4.y from the
 * stable backport (verified in 5.4.214; earlier 5.4.y not checked). */
static bool
ex_badness_signed(int kv)
{
	return kv >= ZT_KV(5, 9) || (kv >= ZT_KV3(5, 4, 214) && kv < ZT_KV(5, 5));
}

/* The kernel's badness of one task (3.10+, oom_badness(), mm/oom_kill.c). */
static int64_t
ex_badness(const struct explain *e, int64_t mem_points, int64_t uid, int64_t adj,
    bool root_bonus)
{
	int64_t points = mem_points;
	int kv = e->kv;

	/* root bonus for CAP_SYS_ADMIN: 3% of totalpages before 3.14,
	 * 3% of the points from 3.14 to 4.16 */
	if (root_bonus && uid == 0 && kv >= 0 && kv < ZT_KV(3, 14))
		adj = ex_sat(adj, -30);
	else if (root_bonus && uid == 0 && kv >= ZT_KV(3, 14) && kv < ZT_KV(4, 17) &&
	    points > 0 && points <= INT64_MAX / 3)	/* points * 3 fits */
		points -= points * 3 / 100;
	if (zt_have(e->totalpages)) {
		int64_t a = ex_mul(adj, e->totalpages / 1000);
		points = zt_have(a) ? ex_sat(points, a) :
		    ex_sat(points, adj > 0 ? INT64_MAX : INT64_MIN + 1);
	}
	/* before 5.9 an eligible task scores at least 1; 5.9 (and the 5.4.y
	 * stable trees that took "make the calculation of oom badness more
	 * accurate", seen in 5.4.214 and 5.4.273) let it go negative */
	if (points <= 0 && !ex_badness_signed(kv))
		points = 1;
	return points;
}

/* 2.6.36 .. 3.9 (and RHEL 6's 2.6.32): oom_badness() normalised to
 * 0..1000, oom_score_adj added on that scale, 30 off for CAP_SYS_ADMIN,
 * at least 1, at most 1000.  The value is also the kill line's score. */
static int64_t
ex_badness_2636(const struct explain *e, int64_t mem_points, int64_t uid,
    int64_t adj)
{
	if (!zt_have(e->totalpages) || e->totalpages <= 0)
		return ZT_NA;
	int64_t m = ex_mul(mem_points, 1000);
	int64_t points = zt_have(m) ? m / e->totalpages : 1000;
	if (uid == 0)
		points -= 30;
	points = ex_sat(points, adj);
	if (points <= 0)
		return 1;
	return points < 1000 ? points : 1000;
}

/* rss + swapents + page tables, pages (3.x+). */
static int64_t
ex_mem_points(const struct oom_task *t, int pk)
{
	int64_t rss = t->rss, pt = 0;

	if (!zt_have(rss) && zt_have(t->rss_anon))
		rss = ex_add(ex_add(t->rss_anon, zt_have(t->rss_file) ? t->rss_file : 0),
		    zt_have(t->rss_shmem) ? t->rss_shmem : 0);
	if (zt_have(t->pgtables_bytes))
		pt = t->pgtables_bytes / ((int64_t)pk * 1024);
	else if (zt_have(t->nr_ptes))
		pt = ex_sat(t->nr_ptes, zt_have(t->nr_pmds) ? t->nr_pmds : 0);
	return ex_sat(ex_sat(zt_have(rss) ? rss : 0,
	    zt_have(t->swapents) ? t->swapents : 0), pt);
}

/* points * 1000 / totalpages: the 4.x kill line's score. */
static int64_t
ex_score(const struct explain *e, int64_t points)
{
	if (!zt_have(e->totalpages) || e->totalpages <= 0)
		return ZT_NA;
	if (points <= 0)
		return 0;
	int64_t m = ex_mul(points, 1000);
	return zt_have(m) ? m / e->totalpages : points / e->totalpages * 1000;
}

static int
ex_task_cmp(const void *a, const void *b)
{
	const struct ex_task *x = a, *y = b;

	if (x->eligible != y->eligible)
		return x->eligible ? -1 : 1;
	if (x->points != y->points)
		return x->points > y->points ? -1 : 1;
	return x->rank - y->rank;	/* table order (stored in rank) */
}

static void
ex_tasks(const struct oom_report *r, struct explain *e)
{
	int pk = e->page_kb;
	/* a table with both adj columns is 2.6.36 .. 3.7 (or RHEL 6): the
	 * normalised badness; oom_adj alone is 2.6.32's total_vm estimate */
	bool both = ex_has_col(r, "oom_adj") && ex_has_col(r, "oom_score_adj");
	bool legacy = !both && (r->legacy_adj || (ex_has_col(r, "oom_adj") &&
	    !ex_has_col(r, "swapents")));
	bool root_bonus = true;

	e->badness_model = legacy ? EX_BADNESS_2632 : both ? EX_BADNESS_2636 :
	    EX_BADNESS_PAGES;
	/* 5.2+ oom_evaluate_task() replaces the chosen task on equal points
	 * (the last scanned wins); earlier kernels keep the first */
	e->ties_last = e->kv >= ZT_KV(5, 2);

	ex_totalpages(r, e);
	/*
	 * uid 0 stands for CAP_SYS_ADMIN, which containers usually drop:
	 * where the kill line printed the chosen task's score, it says
	 * whether the bonus applied.
	 */
	if (r->have_select && zt_have(r->select_score) && zt_have(e->totalpages) &&
	    e->totalpages > 0 && e->badness_model == EX_BADNESS_PAGES) {
		for (int i = 0; i < r->ntasks; i++) {
			const struct oom_task *t = &r->tasks[i];
			if (t->pid != r->select_pid || t->uid != 0)
				continue;
			int64_t mp = ex_mem_points(t, pk);
			int64_t adj = zt_have(t->adj) ? t->adj : 0;
			int64_t with = ex_score(e, ex_badness(e, mp, 0, adj, true));
			int64_t without = ex_score(e, ex_badness(e, mp, 0, adj, false));
			if (without == r->select_score && with != r->select_score)
				root_bonus = false;
		}
	}
	e->ntasks = r->ntasks;
	e->tasks = xcalloc((size_t)(r->ntasks ? r->ntasks : 1), sizeof *e->tasks);
	for (int i = 0; i < r->ntasks; i++) {
		const struct oom_task *t = &r->tasks[i];
		struct ex_task *x = &e->tasks[i];
		x->pid = t->pid;
		strlcpy0(x->comm, t->comm, sizeof x->comm);
		x->uid = t->uid;
		x->adj = t->adj;
		int64_t rss = t->rss;
		if (!zt_have(rss) && zt_have(t->rss_anon))
			rss = ex_add(ex_add(t->rss_anon, zt_have(t->rss_file) ?
			    t->rss_file : 0), zt_have(t->rss_shmem) ? t->rss_shmem : 0);
		int64_t pt = ZT_NA;
		if (zt_have(t->pgtables_bytes))
			pt = t->pgtables_bytes / ((int64_t)pk * 1024);
		else if (zt_have(t->nr_ptes))
			pt = ex_add(t->nr_ptes, zt_have(t->nr_pmds) ? t->nr_pmds : 0);
		x->rss_kb = ex_mul(rss, pk);
		x->swap_kb = ex_mul(t->swapents, pk);
		x->pgtables_kb = ex_mul(pt, pk);
		int64_t adj = zt_have(t->adj) ? t->adj : 0;
		x->eligible = legacy ? adj != -17 : adj != -1000;

		if (legacy) {
			/* 2.6.32 badness() starts from total_vm: an estimate */
			x->mem_points = zt_have(t->total_vm) && t->total_vm > 0 ?
			    t->total_vm : 0;
			x->points = x->mem_points;
			if (adj > 0 && adj < 16)
				x->points = x->points > (INT64_MAX >> 16) ? x->points :
				    x->points << adj;
			else if (adj < 0 && adj > -17)
				x->points >>= -adj;
		} else if (both) {
			x->mem_points = ex_mem_points(t, pk);
			x->points = ex_badness_2636(e, x->mem_points, t->uid, adj);
			if (!zt_have(x->points))
				x->points = x->mem_points;
		} else {
			x->mem_points = ex_mem_points(t, pk);
			x->points = ex_badness(e, x->mem_points, t->uid, adj,
			    root_bonus);
		}
		x->score = legacy ? ZT_NA : both ? (zt_have(e->totalpages) ?
		    x->points : ZT_NA) : ex_score(e, x->points);
		/* scan order (= table order) decides ties, for a stable sort */
		x->rank = e->ties_last ? r->ntasks - i : i;
	}
	qsort(e->tasks, (size_t)e->ntasks, sizeof *e->tasks, ex_task_cmp);
	for (int i = 0; i < e->ntasks; i++)
		e->tasks[i].rank = e->tasks[i].eligible ? i + 1 : 0;
}

static const struct ex_task *
ex_task_by_pid(const struct explain *e, int pid)
{
	for (int i = 0; i < e->ntasks; i++)
		if (e->tasks[i].pid == pid)
			return &e->tasks[i];
	return NULL;
}

static void
ex_victim(const struct oom_report *r, struct explain *e)
{
	char c1[64], c2[64];

	if (r->have_killed) {
		e->victim_pid = r->killed_pid;
		strlcpy0(e->victim_comm, r->killed_comm, sizeof e->victim_comm);
	} else if (r->have_oomkill_line && r->oomkill_pid > 0) {
		/* dump_oom_summary() (4.19+) names the chosen task before
		 * __oom_kill_process() kills it: until 5.1 a child of it may
		 * die instead, and an exiting task is not killed at all
		 * ("OOM victim ... is already exiting"); only the kill line
		 * says who died */
		e->victim_pid = r->oomkill_pid;
		strlcpy0(e->victim_comm, r->oomkill_task, sizeof e->victim_comm);
		e->chosen_only = true;
	} else if (r->have_select) {
		e->victim_pid = r->select_pid;
		strlcpy0(e->victim_comm, r->select_comm, sizeof e->victim_comm);
		e->chosen_only = r->sacrifice_child;
	} else
		return;
	e->have_victim = !e->chosen_only;
	const struct ex_task *v = ex_task_by_pid(e, e->victim_pid);
	if (e->victim_comm[0] == '\0' && v)
		strlcpy0(e->victim_comm, v->comm, sizeof e->victim_comm);
	e->victim_score = r->have_select && r->select_pid == e->victim_pid ?
	    r->select_score : v ? v->score : ZT_NA;
	if (zt_have(r->anon_rss_kb))
		e->victim_rss_kb = ex_add(ex_add(r->anon_rss_kb,
		    zt_have(r->file_rss_kb) ? r->file_rss_kb : 0),
		    zt_have(r->shmem_rss_kb) ? r->shmem_rss_kb : 0);
	else
		e->victim_rss_kb = v ? v->rss_kb : ZT_NA;
	e->victim_rank = v ? v->rank : 0;

	const char *scope = e->constraint == ZT_CON_MEMCG ?
	    " (only the cgroup's tasks are candidates)" : "";
	if (r->have_select && r->have_killed && r->select_pid != r->killed_pid) {
		const struct ex_task *s = ex_task_by_pid(e, r->select_pid);
		char rank[24] = "";
		if (s != NULL && s->rank > 0)
			snprintf(rank, sizeof rank, ", rank %d", s->rank);
		snprintf(e->victim_note, sizeof e->victim_note,
		    "the kernel chose %s (pid %d%s) and killed its child "
		    "instead (\"or sacrifice child\", before 5.1)%s",
		    ex_esc(c1, sizeof c1, r->select_comm), r->select_pid,
		    rank, scope);
		return;
	}
	if (v == NULL) {
		snprintf(e->victim_note, sizeof e->victim_note, "%s", e->ntasks ?
		    "not in the task table (a thread, or the table was cut)" :
		    "the report has no task table to rank it in");
		return;
	}
	const struct ex_task *big = NULL;	/* the biggest eligible by memory */
	for (int i = 0; i < e->ntasks; i++)
		if (e->tasks[i].eligible && (big == NULL ||
		    e->tasks[i].mem_points > big->mem_points))
			big = &e->tasks[i];
	if (v->rank == 1) {
		if (big && big != v && big->mem_points > v->mem_points &&
		    zt_have(v->adj) && v->adj > 0)
			snprintf(e->victim_note, sizeof e->victim_note,
			    "the top-ranked task by the kernel's badness, through its "
			    "oom_score_adj of %+lld (%s, pid %d, uses more memory)%s",
			    (long long)v->adj, ex_esc(c1, sizeof c1, big->comm), big->pid,
			    scope);
		else
			snprintf(e->victim_note, sizeof e->victim_note,
			    "the top-ranked task by the kernel's badness%s", scope);
		return;
	}
	/* why was someone else ahead? */
	const struct ex_task *top = &e->tasks[0];
	if (top->mem_points > v->mem_points && zt_have(top->adj) && top->adj < 0)
		snprintf(e->victim_note, sizeof e->victim_note,
		    "%s (pid %d) uses more memory but its oom_score_adj of %lld lowers it",
		    ex_esc(c1, sizeof c1, top->comm), top->pid, (long long)top->adj);
	else if (zt_have(v->adj) && v->adj > 0 && top->mem_points > v->mem_points)
		snprintf(e->victim_note, sizeof e->victim_note,
		    "%s (pid %d) uses more memory; the victim's oom_score_adj of %+lld "
		    "counts for it", ex_esc(c1, sizeof c1, top->comm), top->pid,
		    (long long)v->adj);
	else if (e->badness_model != EX_BADNESS_PAGES && !ex_has_col(r, "swapents"))
		/* 2.6.x tables print rss alone; the kernel also counts swap
		 * (and page tables, 2.6.36+) and, on 2.6.32, time and children */
		snprintf(e->victim_note, sizeof e->victim_note,
		    "ranked %d here behind %s (pid %d) on the table's rss alone: "
		    "this kernel's table prints no swap use%s, which its badness "
		    "counts%s", v->rank, ex_esc(c2, sizeof c2, top->comm), top->pid,
		    e->badness_model == EX_BADNESS_2632 ? " (and its badness starts "
		    "from total_vm, cpu time and children)" : " or page tables", scope);
	else
		snprintf(e->victim_note, sizeof e->victim_note,
		    "ranked %d here behind %s (pid %d): memory changed between the "
		    "kernel's scan and the dump, or the root bonus (estimated from "
		    "uid 0) differs%s", v->rank, ex_esc(c2, sizeof c2, top->comm),
		    top->pid, scope);
}

/* ------------------------------------------------------------------ */
/* what the report lacks */

static void
ex_missing(const struct oom_report *r, struct explain *e)
{
	bool memcg = e->constraint == ZT_CON_MEMCG;
	bool oom = r->kind == OOM_KIND_OOM;
	bool lines = false, noreserve = false, nobuddy = false;

	if (!r->have_header)
		ex_missing_add(e, "header");
	if (!r->have_gfp)
		ex_missing_add(e, "gfp_mask");
	if (!zt_have(r->order))
		ex_missing_add(e, "order");
	if (!r->release[0])
		ex_missing_add(e, "kernel version");
	if (!r->have_mem_info && !(oom && memcg))
		ex_missing_add(e, "Mem-Info");
	for (int i = 0; i < r->nzones; i++) {
		lines |= r->zones[i].have_line;
		noreserve |= r->zones[i].have_line && r->zones[i].nreserve == 0;
		nobuddy |= r->zones[i].have_line && r->zones[i].norders == 0;
	}
	if (r->have_mem_info && !lines)
		ex_missing_add(e, "zone lines");
	if (noreserve)
		ex_missing_add(e, "lowmem_reserve");
	if (nobuddy)
		ex_missing_add(e, "buddy lines");
	if (!(oom && memcg) && !zt_have(r->total_swap_kb))
		ex_missing_add(e, "swap totals");
	if (!(oom && memcg) && !zt_have(r->ram_pages))
		ex_missing_add(e, "pages RAM");
	/* SysRq-f's too (order -1): dump_header() dumps the tasks whatever
	 * the order */
	if (oom && !r->have_tasks)
		ex_missing_add(e, "task table");
	if (oom && !r->have_killed && !r->no_killable && !r->panic)
		ex_missing_add(e, "kill line");
}

/* ------------------------------------------------------------------ */
/* the verdict */

static bool
ex_is_vm(const char *hw)
{
	static const char *const vm[] = {
		"QEMU", "KVM", "VMware", "VirtualBox", "Xen", "Bochs", "Hyper-V",
		"Virtual Machine", "HVM domU", "Google Compute", "Amazon EC2",
		"OpenStack", "Parallels", "BHYVE", "Cloud Hypervisor",
	};
	for (size_t i = 0; i < ZT_ARRAY_LEN(vm); i++)
		if (strstr(hw, vm[i]))
			return true;
	return false;
}

/* "A, B and C" */
static void
ex_and_list(char *buf, size_t len, const char *const *items, int n)
{
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t at = strlen(buf);
		snprintf(buf + at, len - at, "%s%s", i == 0 ? "" :
		    i == n - 1 ? " and " : ", ", items[i]);
	}
}

static void
ex_verdict_request(const struct oom_report *r, struct explain *e)
{
	char comm[80], flags[340], purpose[300] = "", pid[24] = "";
	bool memcg = e->constraint == ZT_CON_MEMCG;

	ex_esc(comm, sizeof comm, r->comm[0] ? r->comm : "an unknown task");
	if (r->pid >= 0)
		snprintf(pid, sizeof pid, " (pid %d)", r->pid);
	if (e->gfp_flags[0])
		snprintf(flags, sizeof flags, "%s", e->gfp_flags);
	else if (r->have_gfp)
		snprintf(flags, sizeof flags, "gfp_mask=0x%llx",
		    (unsigned long long)r->gfp_mask);
	else
		snprintf(flags, sizeof flags, "(flags not printed)");
	const char *unproven = e->chain_unproven ? ", unproven stack words" : "";
	if (e->purpose[0] && e->chain[0])
		snprintf(purpose, sizeof purpose, ": %s (%s%s)", e->purpose, e->chain,
		    unproven);
	else if (e->purpose[0])
		snprintf(purpose, sizeof purpose, ": %s", e->purpose);
	else if (e->chain[0])
		snprintf(purpose, sizeof purpose, ", called from %s%s", e->chain,
		    e->chain_unproven ? " (unproven stack words)" : "");

	if (e->cause == EX_CAUSE_SYSRQ) {
		ex_verdict_add(e, 1000, "A manual OOM kill through SysRq-f (%s): "
		    "no allocation failed; someone asked the kernel to kill a task.",
		    r->order == -1 ? "order=-1" : r->sysrq_line && !ex_moom_work(r) ?
		    "SysRq's \"Manual OOM execution\" line right before it" :
		    "the moom_callback work item; kernels before 4.6 pass order 0");
		return;
	}
	if (e->cause == EX_CAUSE_PAGE_FAULT) {
		ex_verdict_add(e, 1000, "A page-fault OOM: a page fault of %s%s "
		    "ended in VM_FAULT_OOM (gfp_mask=0x0), so the kernel ran the OOM "
		    "killer without a failed allocation of its own in this report.",
		    comm, pid);
		return;
	}
	if (e->cause == EX_CAUSE_CALL) {
		ex_verdict_add(e, 1000, "An OOM kill asked for by kernel code: %s "
		    "called out_of_memory() in %s%s with gfp_mask=0x0, so neither a "
		    "failed allocation nor a page fault started it.",
		    ex_oom_other_caller(r), comm, pid);
		return;
	}
	char order[32];
	if (zt_have(r->order))
		snprintf(order, sizeof order, "order-%lld", (long long)r->order);
	else
		snprintf(order, sizeof order, "order-?");
	/* a paste that starts after the header: nothing of the request, and
	 * the task only where a CPU line (dump_stack()'s, or panic()'s after
	 * the OOM) is in it */
	if (!r->have_header && !r->have_gfp && !zt_have(r->order)) {
		const bool fail = r->kind == OOM_KIND_ALLOC_FAIL;
		const char *what = fail ? "An allocation failure (no OOM kill)" :
		    memcg ? "A memory cgroup's OOM kill" : "An OOM kill";
		const char *did = fail ? "failed" : "invoked it";
		if (r->comm[0])
			ex_verdict_add(e, 1000, "%s whose header is not in the paste, "
			    "in %s%s (its CPU line): which allocation %s is not "
			    "known%s.", what, comm, pid, did, purpose);
		else
			ex_verdict_add(e, 1000, "%s whose header is not in the paste: "
			    "which allocation %s, and %s which task, is not known%s.",
			    what, did, fail ? "in" : "by", purpose);
		return;
	}
	if (r->kind == OOM_KIND_ALLOC_FAIL)
		ex_verdict_add(e, 1000, "An %s %s allocation by %s%s failed "
		    "(page allocation failure: no OOM kill)%s.", order, flags, comm,
		    pid, purpose);
	else if (memcg)
		ex_verdict_add(e, 1000, "An %s %s allocation by %s%s could not be "
		    "charged to its memory cgroup and invoked the cgroup's OOM "
		    "killer%s.", order, flags, comm, pid, purpose);
	else
		ex_verdict_add(e, 1000, "An %s %s allocation by %s%s failed and "
		    "invoked the OOM killer%s.", order, flags, comm, pid, purpose);
}

static void
ex_verdict_memcg(const struct oom_report *r, struct explain *e)
{
	char a[16], b[16];

	if (e->constraint != ZT_CON_MEMCG)
		return;
	const char *cg = e->memcg[0] ? e->memcg : "(path not printed)";
	/* a constraint this reader does not know (a patched kernel's, such
	 * as a BPF trigger): the cgroup scoped the kill, its limit may not
	 * have been reached */
	if (r->con == OOM_CON_OTHER) {
		ex_verdict_add(e, 800, "The kernel ran the OOM killer with constraint "
		    "%s, which mainline kernels do not have, scoped to the memory "
		    "cgroup %s (%s used of %s): only its tasks were candidates.",
		    e->constraint_printed, cg, ex_size(a, sizeof a, r->mem_usage_kb),
		    ex_size(b, sizeof b, r->mem_limit_kb));
		return;
	}
	/* a paste cut before the failcnt: not known, not 0 */
	char fc[24] = "n/a";
	if (zt_have(r->mem_failcnt))
		snprintf(fc, sizeof fc, "%lld", (long long)r->mem_failcnt);
	if (zt_have(r->mem_usage_kb) && zt_have(r->mem_limit_kb))
		ex_verdict_add(e, 800, "The memory cgroup %s hit its limit: %s used "
		    "of %s (failcnt %s). This is the cgroup's limit, not a "
		    "shortage of the machine's memory.", cg,
		    ex_size(a, sizeof a, r->mem_usage_kb),
		    ex_size(b, sizeof b, r->mem_limit_kb), fc);
	else
		ex_verdict_add(e, 800, "The memory cgroup %s hit its limit; this is "
		    "the cgroup's limit, not a shortage of the machine's memory.", cg);
	if (zt_have(r->memsw_limit_kb) && zt_have(r->mem_limit_kb) &&
	    r->memsw_limit_kb <= r->mem_limit_kb)
		ex_verdict_add(e, 350, "Its memory+swap limit (%s) allows no swap.",
		    ex_size(a, sizeof a, r->memsw_limit_kb));
}

static void
ex_verdict_unaccounted(const struct oom_report *r, struct explain *e)
{
	char a[16], b[16], hw[140];

	if (!zt_have(e->unaccounted_kb) || isnan(e->unaccounted_pct) ||
	    e->unaccounted_pct < 10)
		return;
	int w = e->unaccounted_pct >= 50 ? 700 : e->unaccounted_pct >= 20 ? 450 : 150;
	bool vm = ex_is_vm(r->hardware);
	/* "QEMU Standard PC (i440FX + PIIX, 1996), BIOS ...": the machine */
	char machine[sizeof r->hardware];
	strlcpy0(machine, r->hardware, sizeof machine);
	char *bios = strstr(machine, ", BIOS");
	if (bios)
		*bios = '\0';
	if (vm)
		ex_verdict_add(e, w, "About %.0f%% of RAM (%s of %s) is in no counter "
		    "(not free, LRU, slab, page tables, kernel stacks or reserved): "
		    "most likely held by a balloon driver, as this is a virtual "
		    "machine (%s).", e->unaccounted_pct,
		    ex_size(a, sizeof a, e->unaccounted_kb),
		    ex_size(b, sizeof b, e->ram_kb), ex_esc(hw, sizeof hw, machine));
	else
		ex_verdict_add(e, w, "About %.0f%% of RAM (%s of %s) is in no counter "
		    "(not free, LRU, slab, page tables, kernel stacks or reserved): "
		    "held by a kernel driver (GPU, network, vmalloc) or a "
		    "balloon driver, or leaked.", e->unaccounted_pct,
		    ex_size(a, sizeof a, e->unaccounted_kb),
		    ex_size(b, sizeof b, e->ram_kb));
}

static void
ex_verdict_zones(const struct oom_report *r, struct explain *e)
{
	char parts[8][200], label[40], a[16], b[16], c[16];
	const char *items[8];
	int n = 0, below_min = 0, pass_high = 0, high_unknown = 0, applies = 0;
	bool page_fault = e->cause == EX_CAUSE_PAGE_FAULT;

	(void)r;
	for (int i = 0; i < e->nzones && n < 8; i++) {
		const struct ex_zone *z = &e->zones[i];
		if (!z->applies || z->wm[ZT_MARK_MIN] < 0)
			continue;
		applies++;
		explain_zone_label(e, z, label, sizeof label);
		bool under = zt_have(z->min_kb) && z->free_kb <= z->min_kb;
		if (z->wm[ZT_MARK_MIN] == 0) {
			below_min++;
			if (under)
				snprintf(parts[n], sizeof parts[n], "%s is below its min "
				    "watermark (free %s, min %s)", label,
				    explain_zkb(a, sizeof a, z->free_kb),
				    explain_zkb(b, sizeof b, z->min_kb));
			else if (zt_have(z->reserve_kb) && z->reserve_kb > 0 &&
			    zt_have(ex_add(z->min_kb, z->reserve_kb)) &&
			    z->free_kb <= ex_add(z->min_kb, z->reserve_kb))
				snprintf(parts[n], sizeof parts[n], "%s is fenced off by "
				    "its lowmem reserve (free %s, min %s + reserve %s)",
				    label, explain_zkb(a, sizeof a, z->free_kb),
				    explain_zkb(b, sizeof b, z->min_kb),
				    explain_zkb(c, sizeof c, z->reserve_kb));
			else
				snprintf(parts[n], sizeof parts[n], "%s has no free block "
				    "of order %lld above its min watermark", label,
				    (long long)e->order);
		} else if (z->wm[ZT_MARK_HIGH] == 0) {
			snprintf(parts[n], sizeof parts[n], "%s passes min but not high "
			    "(free %s, high %s)", label,
			    explain_zkb(a, sizeof a, z->free_kb),
			    explain_zkb(c, sizeof c, z->high_kb));
		} else if (z->wm[ZT_MARK_HIGH] < 0) {
			/* a paste cut before high (or a damaged one): the high
			 * check not known */
			high_unknown++;
			snprintf(parts[n], sizeof parts[n], "%s passes min (free %s, "
			    "high not known)", label,
			    explain_zkb(a, sizeof a, z->free_kb));
		} else {
			pass_high++;
			snprintf(parts[n], sizeof parts[n], "%s is above its high "
			    "watermark (free %s, high %s)", label,
			    explain_zkb(a, sizeof a, z->free_kb), explain_zkb(b, sizeof b, z->high_kb));
		}
		items[n] = parts[n];
		n++;
	}
	if (n == 0)
		return;
	char list[1400];
	ex_and_list(list, sizeof list, items, n);
	list[0] = (char)toupper((unsigned char)list[0]);
	if (page_fault) {
		/* any zone, applicable or not: a user page could use HighMem */
		const char *ok[8];
		char okp[8][80];
		int nok = 0;
		for (int i = 0; i < e->nzones && nok < 8; i++) {
			const struct ex_zone *z = &e->zones[i];
			if (!zt_have(z->free_kb) || !zt_have(z->high_kb) ||
			    z->free_kb <= z->high_kb)
				continue;
			snprintf(okp[nok], sizeof okp[nok], "%s (%s free)",
			    explain_zone_label(e, z, label, sizeof label),
			    ex_size(a, sizeof a, z->free_kb));
			ok[nok] = okp[nok];
			nok++;
		}
		if (nok > 0) {
			char l2[700];
			ex_and_list(l2, sizeof l2, ok, nok);
			ex_verdict_add(e, 700, "Memory was not short: %s %s above %s high "
			    "watermark%s. Whatever returned VM_FAULT_OOM (a driver's fault "
			    "handler, or a failed memory cgroup charge) caused this, not "
			    "the page allocator.", l2, nok > 1 ? "are" : "is",
			    nok > 1 ? "their" : "its", nok > 1 ? "s" : "");
			return;
		}
	}
	if (below_min == applies)
		ex_verdict_add(e, 600, "%s.", list);
	else if (pass_high == 0 && high_unknown == 0)
		ex_verdict_add(e, 450, "%s; the last attempt before an OOM kill checks "
		    "the high watermark, which no zone meets.", list);
	else
		ex_verdict_add(e, 450, "%s.", list);
}

static void
ex_verdict_reclaim(struct explain *e)
{
	char a[16], b[16], lru[96] = "";
	const char *where = e->unreclaimable_nodes ? "node" : "zone";

	/* the LRU sizes only where the report printed them (2.6.2x's
	 * "Active:/inactive:" counters are not split into file and anon) */
	if (zt_have(e->file_kb) && zt_have(e->anon_kb))
		snprintf(lru, sizeof lru, "; the LRU holds %s%s of file pages and %s "
		    "of anon pages", e->unreclaimable == 1 ? "only " : "",
		    ex_size(a, sizeof a, e->file_kb), ex_size(b, sizeof b, e->anon_kb));
	if (e->unreclaimable == 1)
		ex_verdict_add(e, 550, "Nothing is reclaimable: all_unreclaimable is yes "
		    "on every %s%s.", where, lru);
	else if (e->unreclaimable == 2) {
		char list[EX_VERDICT_LEN] = "";	/* the verdict cuts what is longer */
		for (int i = 0; i < e->nzones; i++) {
			char label[40];
			if (e->zones[i].unreclaimable != 1)
				continue;
			size_t at = strlen(list);
			snprintf(list + at, sizeof list - at, "%s%s", at ? ", " : "",
			    explain_zone_label(e, &e->zones[i], label, sizeof label));
		}
		ex_verdict_add(e, 300, "Reclaim had given up on %s (all_unreclaimable? "
		    "yes)%s.", list, lru);
	}
}

static void
ex_verdict_swap(struct explain *e)
{
	char a[16], b[16], c[16];
	int64_t total = e->swap_total_kb, free_kb = e->swap_free_kb;

	/* no swap is no swap whatever the free figure (a lost line) says */
	if (!zt_have(total) || (total != 0 && !zt_have(free_kb)))
		return;
	bool few_anon = zt_have(e->anon_kb) && zt_have(e->ram_kb) &&
	    (double)e->anon_kb * 100 < (double)e->ram_kb;
	if (total == 0) {
		if (zt_have(e->anon_kb) && zt_have(e->ram_kb) &&
		    (double)e->anon_kb * 5 > (double)e->ram_kb)
			ex_verdict_add(e, 350, "There is no swap: the %s of anon pages "
			    "could only stay in RAM.", ex_size(a, sizeof a, e->anon_kb));
		return;
	}
	double pct = 100.0 * (double)free_kb / (double)total;
	if (total < 0 || free_kb < 0)
		return;
	if ((double)free_kb * 100 < (double)total && !zt_have(e->anon_kb))
		ex_verdict_add(e, 650, "Swap is full: %s free of %s.",
		    ex_size(a, sizeof a, free_kb), ex_size(b, sizeof b, total));
	else if ((double)free_kb * 100 < (double)total)
		ex_verdict_add(e, 650, "Swap is full: %s free of %s, and %s of anon "
		    "pages are still in RAM.", ex_size(a, sizeof a, free_kb),
		    ex_size(b, sizeof b, total), ex_size(c, sizeof c, e->anon_kb));
	else if (few_anon)
		ex_verdict_add(e, 500, "Swap is %.0f%% free (%s of %s), but almost no "
		    "anon pages are left to swap out (%s): swap could not have helped.",
		    pct, ex_size(a, sizeof a, free_kb), ex_size(b, sizeof b, total),
		    ex_size(c, sizeof c, e->anon_kb));
	else if (zt_have(e->anon_kb))
		ex_verdict_add(e, 250, "Swap is %.0f%% free (%s of %s) with %s of anon "
		    "pages in RAM.", pct, ex_size(a, sizeof a, free_kb),
		    ex_size(b, sizeof b, total), ex_size(c, sizeof c, e->anon_kb));
	else
		ex_verdict_add(e, 250, "Swap is %.0f%% free (%s of %s).", pct,
		    ex_size(a, sizeof a, free_kb), ex_size(b, sizeof b, total));
}

static void
ex_verdict_tasks(const struct oom_report *r, struct explain *e)
{
	char comm[80], a[16], b[16];

	if (e->ntasks > 0 && zt_have(e->totalpages) && e->totalpages > 0) {
		/* the biggest by memory alone */
		const struct ex_task *big = &e->tasks[0];	/* ntasks > 0 here */
		for (int i = 1; i < e->ntasks; i++)
			if (e->tasks[i].mem_points > big->mem_points)
				big = &e->tasks[i];
		double share = 100.0 * (double)big->mem_points / (double)e->totalpages;
		if (share >= 30 && !r->legacy_adj)
			ex_verdict_add(e, 620, "%s (pid %d) alone holds %.0f%% of %s "
			    "(RSS %s, swap %s).", ex_esc(comm, sizeof comm, big->comm),
			    big->pid, share, e->constraint == ZT_CON_MEMCG ?
			    "the cgroup's limit" : "RAM and swap",
			    ex_size(a, sizeof a, big->rss_kb),
			    ex_size(b, sizeof b, big->swap_kb));
	}
	if (!e->have_victim && !e->chosen_only)
		return;
	char score[80] = "";
	if (zt_have(e->victim_score))
		snprintf(score, sizeof score, ", score %lld", (long long)e->victim_score);
	if (zt_have(e->victim_rss_kb))	/* 2.6.x kill lines print no RSS */
		snprintf(score + strlen(score), sizeof score - strlen(score),
		    ", RSS %s", ex_size(a, sizeof a, e->victim_rss_kb));
	if (e->chosen_only) {
		ex_verdict_add(e, 320, "The kernel chose %s (pid %d%s) to "
		    "kill, or a child of it; the paste ends before the kill line, "
		    "so which task died is not known: %s.", ex_esc(comm, sizeof comm,
		    e->victim_comm), e->victim_pid, score, e->victim_note);
		return;
	}
	ex_verdict_add(e, e->victim_rank == 1 ? 260 : 320, "The kernel killed %s "
	    "(pid %d%s): %s.", ex_esc(comm, sizeof comm, e->victim_comm),
	    e->victim_pid, score, e->victim_note);
}

static void
ex_verdict_missing_zone(const struct oom_report *r, struct explain *e)
{
	const char *names[ZT_ZONE_NTYPES];
	int n = 0;

	/* ZONE_MOVABLE is empty unless kernelcore= or movablecore= asks for
	 * it: its absence surprises nobody */
	if (e->cause != EX_CAUSE_ALLOCATION || e->highest_type < 0 ||
	    e->highest_type == ZT_ZONE_MOVABLE || r->nzones == 0 ||
	    explain_zone_populated(r, e->highest_type))
		return;
	for (int t = e->highest_type - 1; t >= 0; t--)
		if (explain_zone_populated(r, t))
			names[n++] = zone_type_name(t);
	if (n == 0)
		return;
	char list[80], why[120] = "";
	ex_and_list(list, sizeof list, names, n);
	const char *mod = (r->gfp_mask & GFP_ZONEMASK) == 0 ? "a mask with no zone "
	    "modifier" : (r->gfp_mask & GFP_ZONE_HIGHMEM) && (r->gfp_mask &
	    GFP_ZONE_MOVABLE) ? "__GFP_HIGHMEM|__GFP_MOVABLE" :
	    (r->gfp_mask & GFP_ZONE_HIGHMEM) ? "__GFP_HIGHMEM" :
	    (r->gfp_mask & GFP_ZONE_DMA32) ? "__GFP_DMA32" : "the zone modifier";
	if ((r->gfp_mask & GFP_ZONEMASK) == GFP_ZONE_HIGHMEM &&
	    !(e->zone_types & (1u << ZT_ZONE_HIGHMEM)))
		snprintf(why, sizeof why, " (%s on a kernel without HighMem)",
		    zone_type_name(e->highest_type));
	ex_verdict_add(e, 200, "The missing %s zone is not the cause: %s only sets "
	    "the highest zone%s, and the allocation may fall back to %s.",
	    zone_type_name(e->highest_type), mod, why, list);
}

static void
ex_verdict(const struct oom_report *r, struct explain *e)
{
	ex_verdict_request(r, e);
	if (r->panic)
		ex_verdict_add(e, 900, "The kernel panicked on this OOM (panic_on_oom or "
		    "no task left to kill).");
	else if (r->no_killable)
		ex_verdict_add(e, 900, "No task could be killed: every candidate was "
		    "unkillable (oom_score_adj -1000) or already exiting.");
	ex_verdict_memcg(r, e);
	ex_verdict_unaccounted(r, e);
	ex_verdict_zones(r, e);
	ex_verdict_reclaim(e);
	ex_verdict_swap(e);
	ex_verdict_tasks(r, e);
	ex_verdict_missing_zone(r, e);
	if (zt_have(r->order) && r->order > 3 && r->kind == OOM_KIND_ALLOC_FAIL) {
		/* 2^order pages, exact while an int64_t holds it */
		char pages[32];
		if (r->order < 63)
			snprintf(pages, sizeof pages, "%lld", 1LL << r->order);
		else
			snprintf(pages, sizeof pages, "2^%lld", (long long)r->order);
		ex_verdict_add(e, 550, "Order-%lld requests (above "
		    "PAGE_ALLOC_COSTLY_ORDER, 3) fail instead of invoking the OOM "
		    "killer: a free block of %s contiguous pages was needed.",
		    (long long)r->order, pages);
	}
	if (e->flags_disagree)
		ex_verdict_add(e, 100, "The report prints the flags as %s, but %#llx "
		    "decodes as %s with the %s bit layout.", r->gfp_names,
		    (unsigned long long)r->gfp_mask, e->gfp_decoded,
		    gfp_layout_name(e->layout));
	if (e->kv_inferred && e->layout >= 0 && r->have_gfp)
		ex_verdict_add(e, 50, "The report does not name its kernel; the "
		    "flags were decoded with the %s bit layout its format suggests.",
		    gfp_layout_name(e->layout));
	if (e->nmissing > 0) {
		char list[400] = "";
		for (int i = 0; i < e->nmissing; i++) {
			size_t at = strlen(list);
			snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "",
			    e->missing[i]);
		}
		ex_verdict_add(e, 40, "The report is incomplete; missing: %s.", list);
	}

	/* heaviest first, stable */
	for (int i = 1; i < e->nverdict; i++) {
		for (int j = i; j > 0 && e->weight[j] > e->weight[j - 1]; j--) {
			char tmp[EX_VERDICT_LEN];
			int w = e->weight[j];
			memcpy(tmp, e->verdict[j], sizeof tmp);
			memcpy(e->verdict[j], e->verdict[j - 1], sizeof tmp);
			memcpy(e->verdict[j - 1], tmp, sizeof tmp);
			e->weight[j] = e->weight[j - 1];
			e->weight[j - 1] = w;
		}
	}
}

/* ------------------------------------------------------------------ */

void
explain_report(const struct oom_report *r, struct explain *e)
{
	memset(e, 0, sizeof *e);
	e->kv = -1;
	e->layout = -1;
	e->slot = -1;
	e->highest_type = ZT_ZONE_UNKNOWN;
	e->order = ZT_NA;
	e->memcg_limit_kb = e->memcg_usage_kb = e->memcg_failcnt = ZT_NA;
	e->anon_kb = e->file_kb = ZT_NA;
	e->swap_total_kb = e->swap_free_kb = ZT_NA;
	e->ram_kb = e->unaccounted_kb = ZT_NA;
	e->unaccounted_pct = NAN;
	e->totalpages = ZT_NA;
	e->victim_score = e->victim_rss_kb = ZT_NA;
	e->unreclaimable = -1;

	/* the page: an order-0 block of the buddy lines */
	e->page_kb = 4;
	for (int i = 0; i < r->nzones; i++) {
		int64_t b = r->zones[i].block_kb;
		if (zt_have(b) && b >= 4 && b <= 1024 && (b & (b - 1)) == 0) {
			e->page_kb = (int)b;
			break;
		}
	}
	ex_kernel(r, e);
	ex_types(r, e);
	ex_gfp(r, e);
	ex_cause(r, e);
	ex_scope(r, e);
	ex_trace(r, e);
	ex_zones(r, e);
	ex_reclaim(r, e);
	ex_unaccounted(r, e);
	ex_tasks(r, e);
	ex_victim(r, e);
	ex_missing(r, e);
	ex_verdict(r, e);
}

void
explain_free(struct explain *e)
{
	free(e->zones);
	free(e->tasks);
	e->zones = NULL;
	e->tasks = NULL;
	e->nzones = e->ntasks = 0;
}
