/*
 * explain_text.c: an analysis (explain.c) as text, one emitter per
 * section (header, request, zones, memory, tasks, verdict), and the
 * wrapping of that text for a terminal.  Figures are formatted here and
 * nowhere judged.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "gfp.h"
#include "zonemath.h"

/* Untrusted text (comm, paths, release) made printable. */
static const char *
ex_esc(char *buf, size_t len, const char *s)
{
	escape_text(buf, len, s, strlen(s));
	return buf;
}

static const char *
ex_size(char *buf, size_t len, int64_t kb)
{
	return fmt_kb(buf, len, kb);
}

/* ------------------------------------------------------------------ */
/* text */

static const char *
ex_wm_word(int v)
{
	return v == 1 ? "ok" : v == 0 ? "FAIL" : "-";
}

static const char *
ex_yesno(int v)
{
	return v == 1 ? "yes" : v == 0 ? "no" : "n/a";
}

/* The report's place, kind, kernel, trigger, request, zones tried,
 * call trace and scope. */
static void
ex_text_request(const struct oom_report *r, const struct explain *e, int index,
    int total, struct zt_buf *o)
{
	char a[24], b[24], c[24], esc[300];

	buf_printf(o, "%s %d of %d, input line %d", r->kind == OOM_KIND_OOM ?
	    "OOM report" : "Allocation failure report", index, total, r->line);
	if (r->stamp[0])
		buf_printf(o, " (%s)", ex_esc(esc, sizeof esc, r->stamp));
	buf_printf(o, "\n");
	buf_printf(o, "  kind         %s%s\n", r->kind == OOM_KIND_OOM ? "OOM kill" :
	    "page allocation failure", e->cause == EX_CAUSE_PAGE_FAULT ?
	    " from a page fault" : e->cause == EX_CAUSE_SYSRQ ? " by SysRq-f" :
	    e->cause == EX_CAUSE_CALL ? " asked for by kernel code" : "");
	buf_printf(o, "  kernel       %s", e->kernel);
	if (r->release_borrowed)
		buf_printf(o, " (printed by another report of the same boot)");
	if (e->layout >= 0)
		buf_printf(o, " (GFP layout %s)", gfp_layout_name(e->layout));
	buf_printf(o, "\n");
	buf_printf(o, "  trigger      %s", ex_esc(esc, sizeof esc,
	    r->comm[0] ? r->comm : "?"));
	if (r->pid >= 0)
		buf_printf(o, " (pid %d)", r->pid);
	buf_printf(o, "\n");
	if (r->have_gfp)
		buf_printf(o, "  request      order %s, gfp_mask 0x%llx = %s\n",
		    zt_have(e->order) ? (snprintf(a, sizeof a, "%lld",
		    (long long)e->order), a) : "n/a",
		    (unsigned long long)r->gfp_mask, e->gfp_flags[0] ?
		    ex_esc(esc, sizeof esc, e->gfp_flags) : "(none)");
	if (zt_have(r->vmalloc_bytes))
		buf_printf(o, "  vmalloc      %lld bytes asked\n", (long long)r->vmalloc_bytes);
	if (e->flags_disagree)
		buf_printf(o, "  decoded      %s (differs from the report)\n",
		    e->gfp_decoded);
	if (e->highest_type >= 0 && e->nzones > 0) {
		buf_printf(o, "  zones        highest %s; tries",
		    zone_type_name(e->highest_type));
		const char *sep = " ";
		for (int s = e->ntypes - 1; s >= 0; s--) {
			int t = e->type_of_slot[s];
			if (t < 0 || t > e->highest_type)
				continue;
			buf_printf(o, "%s%s%s", sep, zone_type_name(t),
			    explain_zone_populated(r, t) ? "" : " (not present)");
			sep = ", ";
		}
		buf_printf(o, "\n");
	} else if (e->highest_type >= 0)
		buf_printf(o, "  zones        highest %s\n", zone_type_name(e->highest_type));
	if (e->chain[0] || e->purpose[0])
		buf_printf(o, "  call trace   %s%s%s%s%s\n", e->chain,
		    e->purpose[0] && e->chain[0] ? " (" : "", e->purpose,
		    e->purpose[0] && e->chain[0] ? ")" : "",
		    e->chain_unproven ? "; every frame a \"? \" stack word, "
		    "none proven" : "");
	buf_printf(o, "  constraint   %s%s%s%s", zt_constraint_name(e->constraint),
	    e->constraint_note ? " (" : "", e->constraint_note ? e->constraint_note : "",
	    e->constraint_note ? ")" : "");
	if (r->con == OOM_CON_OTHER && e->constraint_printed[0])
		buf_printf(o, " (printed %s)", e->constraint_printed);
	if (e->constraint_unset)
		buf_printf(o, " (printed CONSTRAINT_NONE: 4.19 to 5.2 left it unset)");
	buf_printf(o, "\n");
	if (e->constraint == ZT_CON_MEMCG)
		buf_printf(o, "  memcg        %s: usage %s, limit %s, failcnt %s\n",
		    e->memcg[0] ? e->memcg : "?", ex_size(a, sizeof a, e->memcg_usage_kb),
		    ex_size(b, sizeof b, e->memcg_limit_kb),
		    zt_have(e->memcg_failcnt) ? (snprintf(c, sizeof c, "%lld",
		    (long long)e->memcg_failcnt), c) : "n/a");
}

/*
 * The zone table, within 79 columns (an 80-column terminal must not wrap
 * its last column): label, five figures, the check against each mark,
 * and whether reclaim gave up ("unrecl").
 */
static void
ex_text_zones(const struct explain *e, struct zt_buf *o)
{
	char a[24], b[24], c[24], d[24], f[24], label[40];

	if (e->nzones == 0)
		return;
	buf_printf(o, "\n  %-14s%8s%8s%8s%8s%8s  %-5s%-5s%-4s %s\n",
	    "zone", "free", "min", "low", "high", "reserve", "min", "low",
	    "high", "unrecl");
	for (int i = 0; i < e->nzones; i++) {
		const struct ex_zone *z = &e->zones[i];
		buf_printf(o, "  %-14s%8s%8s%8s%8s%8s  %-5s%-5s%-4s %s\n",
		    explain_zone_label(e, z, label, sizeof label),
		    explain_zkb(a, sizeof a, z->free_kb), explain_zkb(b, sizeof b, z->min_kb),
		    explain_zkb(c, sizeof c, z->low_kb), explain_zkb(d, sizeof d, z->high_kb),
		    z->applies ? explain_zkb(f, sizeof f, z->reserve_kb) : "-",
		    ex_wm_word(z->wm[ZT_MARK_MIN]), ex_wm_word(z->wm[ZT_MARK_LOW]),
		    ex_wm_word(z->wm[ZT_MARK_HIGH]), ex_yesno(z->unreclaimable));
	}
	if (e->alloc_flags[0])
		buf_printf(o, "  min checked with %s (the request's alloc flags)\n",
		    e->alloc_flags);
	buf_printf(o, "  free blocks per order (0..):\n");
	for (int i = 0; i < e->nzones; i++) {
		const struct ex_zone *z = &e->zones[i];
		if (z->norders == 0)
			continue;
		buf_printf(o, "  %-14s", explain_zone_label(e, z, label, sizeof label));
		for (int k = 0; k < z->norders; k++)
			buf_printf(o, " %lld", (long long)z->buddy[k]);
		buf_printf(o, "\n");
	}
}

/* LRU, the memcg's own stats, swap, RAM and what no counter explains. */
static void
ex_text_memory(const struct oom_report *r, const struct explain *e,
    struct zt_buf *o)
{
	char a[24], b[24], c[24];

	buf_printf(o, "\n");
	if (zt_have(e->anon_kb) || zt_have(e->file_kb))
		buf_printf(o, "  LRU          anon %s, file %s\n",
		    ex_size(a, sizeof a, e->anon_kb), ex_size(b, sizeof b, e->file_kb));
	if (r->memcg_stats.n > 0) {
		int64_t rss = kvs_get(&r->memcg_stats, "rss");
		int64_t cache = kvs_get(&r->memcg_stats, "cache");
		int64_t swp = kvs_get(&r->memcg_stats, "swap");
		if (!zt_have(rss))
			rss = kvs_get(&r->memcg_stats, "anon");
		if (!zt_have(cache))
			cache = kvs_get(&r->memcg_stats, "file");
		buf_printf(o, "  memcg stats  anon %s, file %s, swap %s\n",
		    ex_size(a, sizeof a, rss), ex_size(b, sizeof b, cache),
		    ex_size(c, sizeof c, swp));
	}
	if (zt_have(e->swap_total_kb))
		buf_printf(o, "  swap         %s free of %s\n",
		    ex_size(a, sizeof a, e->swap_free_kb), ex_size(b, sizeof b, e->swap_total_kb));
	if (zt_have(e->ram_kb))
		buf_printf(o, "  RAM          %s; in no counter %s (%.1f%%)\n",
		    ex_size(a, sizeof a, e->ram_kb), ex_size(b, sizeof b, e->unaccounted_kb),
		    isnan(e->unaccounted_pct) ? 0.0 : e->unaccounted_pct);
}

/* The candidates by the kernel's badness, and the victim. */
static void
ex_text_tasks(const struct explain *e, struct zt_buf *o)
{
	char a[24], b[24], c[24], d[24], f[24], esc[300], name[80];

	if (e->ntasks > 0) {
		buf_printf(o, "\n  tasks by the kernel's badness (%d listed%s)\n", e->ntasks,
		    zt_have(e->totalpages) ? (snprintf(esc, sizeof esc,
		    ", totalpages %lld", (long long)e->totalpages), esc) : "");
		buf_printf(o, "  %4s %8s %-16s %8s %8s %8s %6s %6s\n", "rank", "pid",
		    "name", "rss", "swap", "pgtbl", "adj", "score");
		for (int i = 0; i < e->ntasks && i < EX_TOP_TASKS; i++) {
			const struct ex_task *t = &e->tasks[i];
			buf_printf(o, "  %4d %8d %-16s %8s %8s %8s %6s %6s\n", t->rank,
			    t->pid, ex_esc(name, sizeof name, t->comm),
			    ex_size(a, sizeof a, t->rss_kb), ex_size(b, sizeof b, t->swap_kb),
			    ex_size(c, sizeof c, t->pgtables_kb),
			    zt_have(t->adj) ? (snprintf(d, sizeof d, "%lld",
			    (long long)t->adj), d) : "n/a",
			    zt_have(t->score) ? (snprintf(f, sizeof f, "%lld",
			    (long long)t->score), f) : "n/a");
		}
	}
	if (e->have_victim || e->chosen_only) {
		buf_printf(o, "  %s %s (pid %d)", e->chosen_only ? "chosen      " :
		    "victim      ", ex_esc(name, sizeof name, e->victim_comm),
		    e->victim_pid);
		if (e->chosen_only)
			buf_printf(o, " or a child of it (no kill line)");
		if (zt_have(e->victim_score))
			buf_printf(o, ", score %lld", (long long)e->victim_score);
		buf_printf(o, ", RSS %s: %s\n", ex_size(a, sizeof a, e->victim_rss_kb),
		    e->victim_note);
	}
}

static void
ex_text_verdict(const struct explain *e, struct zt_buf *o)
{
	buf_printf(o, "\n  verdict\n");
	for (int i = 0; i < e->nverdict; i++)
		buf_printf(o, "  %2d. %s\n", i + 1, e->verdict[i]);
	if (e->nmissing > 0) {
		buf_printf(o, "  missing:");
		for (int i = 0; i < e->nmissing; i++)
			buf_printf(o, "%s %s", i ? "," : "", e->missing[i]);
		buf_printf(o, "\n");
	}
}

void
explain_text(const struct oom_report *r, const struct explain *e, int index,
    int total, struct zt_buf *o)
{
	ex_text_request(r, e, index, total, o);
	ex_text_zones(e, o);
	ex_text_memory(r, e, o);
	ex_text_tasks(e, o);
	ex_text_verdict(e, o);
}

/* ------------------------------------------------------------------ */
/* wrapping, for a terminal */

/* Where a line's text goes on when wrapped: after "  12. " of a verdict
 * line, after the label of "  kernel       ..." and "  missing: ...";
 * 0 for the rest (headings, tables), which is left alone. */
static size_t
ex_hang(const char *l, size_t n)
{
	if (n > 6 && l[0] == ' ' && l[1] == ' ' && (l[2] == ' ' ||
	    isdigit((unsigned char)l[2])) && isdigit((unsigned char)l[3]) &&
	    l[4] == '.' && l[5] == ' ')
		return 6;
	if (n > 11 && strncmp(l, "  missing: ", 11) == 0)
		return 11;
	if (n > 15 && l[0] == ' ' && l[1] == ' ' && l[2] != ' ' && l[13] == ' ' &&
	    l[14] == ' ' && l[15] != ' ')
		return 15;
	return 0;
}

/* Columns of n bytes of UTF-8 (the text is escaped: one per character). */
static size_t
ex_cols(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* One line wrapped at blanks into width columns, the rest indented. */
static void
ex_wrap_line(const char *l, size_t n, size_t width, size_t hang,
    struct zt_buf *out)
{
	size_t at = 0, col0 = 0;

	while (n - at > 0) {
		size_t room = width - col0, end = at, cols = 0, brk = 0;
		/* never at the blanks of the label or the number */
		size_t from = at == 0 ? hang : at;

		/* the longest part that fits, cut at its last blank */
		while (end < n && cols < room) {
			end++;
			while (end < n && ((unsigned char)l[end] & 0xc0) == 0x80)
				end++;
			cols++;
			if (end < n && l[end] == ' ' && end > from)
				brk = end;
		}
		if (end < n && brk > 0)
			end = brk;
		if (col0 > 0)
			buf_printf(out, "%*s", (int)col0, "");
		buf_add(out, l + at, end - at);
		buf_addc(out, '\n');
		at = end;
		while (at < n && l[at] == ' ')
			at++;
		col0 = hang;
	}
}

void
explain_wrap(const char *text, size_t len, int width, struct zt_buf *out)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t hang = ex_hang(p, n);

		/* too narrow to be worth it: as it is */
		if (hang == 0 || width < (int)hang + 20 ||
		    ex_cols(p, n) <= (size_t)width) {
			buf_add(out, p, n);
			if (nl)
				buf_addc(out, '\n');
		} else
			ex_wrap_line(p, n, (size_t)width, hang, out);
		p += n + (nl != NULL);
	}
}
