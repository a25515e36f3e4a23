/*
 * help.c: the help screen, written from the key table (view.c) so the
 * keys it lists are the keys that work, then a legend of the glyphs.
 */
#include "draw.h"
#include "keys.h"

#include <stdio.h>
#include <string.h>

#include "../src/selfguard.h"

/* Keys of the entries [i, j) that share an action, "?, h, F1". */
static int
help_keys(const struct ui_key *k, int i, int j, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int e = i; e < j; e++) {
		if (k[e].name == NULL)
			continue;
		n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s",
		    n > 0 ? ", " : "", k[e].name);
		if (n >= len)
			break;
	}
	return (int)n;
}

/* The zone bar's legend: every mark a zone row can show.  Lines fit
 * 64 columns. */
static int
help_zone_bar(struct canvas *cv, int y)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	static const char *const text[] = {
		"  right of it, the rest of the zone to its managed pages.",
		"  Marks 10% apart never share a cell; the free edge has a",
		"  cell of its own, so it shows on the right side of each.",
		"States: ok (free > high), below high (kswapd keeps",
		"  reclaiming), below low (kswapd wakes), BELOW MIN",
		"  (allocations reclaim directly; OOM risk), fenced (above",
		"  min, but free <= min + R: fenced for GFP_KERNEL by the",
		"  lowmem reserve: why its GFP_KERNEL checks fail),",
		"  unmanaged (present, no managed pages), tiny (managed <",
		"  high), empty (no present pages, folded into one line).",
		"Flags: unreclaimable (reclaim gave up on the node), boost",
		"  (watermarks raised for a while after fragmentation).",
		"Time to trouble: \"min in ~40 s\" (\"m ~40 s\") when free falls",
		"  toward min: by a least-squares slope over the last",
		"  60 s (5 samples or more), believed only when the fit is",
		"  good, the median pairwise slope falls too (one spike is",
		"  no trend) and the newest third still falls; red under a",
		"  minute, yellow under 5 (then the verdict says it too).",
		"The sparkline: the zone's free pages over recent samples.",
	};
	int x = 2;

	canvas_put(cv, y++, 0, -1, RL_LABEL,
	    "Zone bar: a magnifier over the marks, then the rest");
	x += canvas_put(cv, y, x, -1, RL_FREE, g->bar_free);
	x += canvas_put(cv, y, x, -1, RL_NORMAL, " free  ");
	x += canvas_put(cv, y, x, -1, RL_USED, g->bar_used);
	x += canvas_put(cv, y, x, -1, RL_NORMAL, " used  ");
	x += canvas_put(cv, y, x, -1, RL_MARK, "m l h p");
	canvas_put(cv, y++, x, -1, RL_NORMAL, " min, low, high, promo");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_RESERVE, "R");
	canvas_put(cv, y++, x, -1, RL_NORMAL,
	    " min + the lowmem reserve GFP_KERNEL meets here;");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_RESERVE, ">");
	canvas_put(cv, y++, x, -1, RL_NORMAL,
	    " at the end: that R lies beyond the zone's size.");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_DIM, g->brk);
	canvas_put(cv, y++, x, -1, RL_NORMAL,
	    " the break: left of it, 0 to 1.25 x the highest mark,");
	canvas_put(cv, y++, 2, -1, RL_NORMAL,
	    "  each cell the same ratio (a logarithmic magnifier);");
	for (size_t i = 0; i < ZT_ARRAY_LEN(text); i++)
		canvas_put(cv, y++, 0, -1, RL_NORMAL, text[i]);
	return y;
}

/* The marks of the other panels' edges: sort, cuts, what did not fit. */
static int
help_marks(struct canvas *cv, int y)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	int x = 2;

	x += canvas_put(cv, y, x, -1, RL_LABEL, g->up);
	x += canvas_put(cv, y, x, -1, RL_NORMAL, " ");
	x += canvas_put(cv, y, x, -1, RL_LABEL, g->down);
	y = draw_wrap(cv, y, x, 2, RL_NORMAL,
	    " after a heading: the column sorted by, ascending or descending.");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_DIM, g->ellipsis);
	y = draw_wrap(cv, y, x, 2, RL_NORMAL,
	    " a cut: a cgroup path's start, a command line's end (Enter shows "
	    "it whole).  1-27/5062 in a title: the rows shown of all.  "
	    "v: +2 after the verdict: two more lines; v shows them.");
	return y;
}

/* zonetop's own mlock and oom_score_adj: what was and was not possible */
static int
help_self(struct canvas *cv, int y, const struct zt_snapshot *s)
{
	const struct zt_selfprot *g = &s->self;
	char b[256], m[200];

	canvas_put(cv, y++, 0, -1, RL_LABEL, "zonetop itself");
	snprintf(b, sizeof b, "memory: %s",
	    selfguard_mlock_text(g, m, sizeof m));
	y = draw_wrap(cv, y, 2, 4, g->mlock == ZT_MLOCK_ALL ? RL_NORMAL : RL_WARN, b);
	if (g->adj_done)
		snprintf(b, sizeof b, "oom_score_adj: -999 (the OOM killer spares it)");
	else
		snprintf(b, sizeof b, "oom_score_adj: not lowered to -999 (%s)",
		    g->adj_why);
	y = draw_wrap(cv, y, 2, 4, g->adj_done ? RL_NORMAL : RL_WARN, b);
	return y + 1;
}

int
help_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct ui_glyphs *g = canvas_glyphs(cv);
	const struct ui_key *k;
	int nk, y = 0;
	char keys[64];

	(void)v;
	/* wrapped, not cut, on a narrow screen */
	y = draw_wrap(cv, y, 0, 2, RL_TITLE,
	    "zonetop: memory zones, watermarks and the OOM killer's candidates");
	y++;
	canvas_put(cv, y++, 0, -1, RL_LABEL, "Keys");
	k = ui_keys(&nk);
	for (int i = 0; i < nk;) {
		int j = i + 1;
		while (j < nk && k[j].action == k[i].action && k[j].help == NULL)
			j++;
		help_keys(k, i, j, keys, sizeof keys);
		canvas_put(cv, y, 2, 22, RL_KEY, keys);
		/* a help text longer than the screen wraps under itself */
		y = draw_wrap(cv, y, 25, 25, RL_NORMAL, k[i].help ? k[i].help : "");
		if (k[i].help == NULL || k[i].help[0] == '\0')
			y++;
		i = j;
	}
	y = draw_wrap(cv, y, 2, 2, RL_DIM,
	    "Mouse: click selects, double-click opens, wheel scrolls, "
	    "a column heading sorts.");
	y++;

	y = help_zone_bar(cv, y);
	y++;
	canvas_put(cv, y++, 0, -1, RL_LABEL, "Fragmentation");
	int x = 2;
	for (int i = 0; i < 5; i++) {
		static const char *const what[5] = { " none  ", " 1-9  ", " 10-99  ",
		    " 100-999  ", " 1000+" };
		x += canvas_put(cv, y, x, -1, i ? RL_FREE : RL_DIM, g->shade[i]);
		x += canvas_put(cv, y, x, -1, RL_NORMAL, what[i]);
	}
	y = draw_wrap(cv, y, x, 2, RL_NORMAL, " free blocks of the order");
	y = draw_wrap(cv, y, 2, 2, RL_NORMAL, "top: highest order with a free block.");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_OK, g->yes);
	x += canvas_put(cv, y, x, -1, RL_NORMAL, " / ");
	x += canvas_put(cv, y, x, -1, RL_CRIT, g->no);
	y = draw_wrap(cv, y, x, 2, RL_NORMAL,
	    " a GFP_KERNEL allocation of order 0..3 passes / fails the "
	    "watermark check at min in this zone (- : the zone is above Normal). "
	    "Enter shows all orders.");
	y++;
	canvas_put(cv, y++, 0, -1, RL_LABEL, "OOM candidates");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_VICTIM, g->victim);
	y = draw_wrap(cv, y, x, 2, RL_NORMAL,
	    " the process the OOM killer would pick now");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_UNKILLABLE, g->unkillable);
	y = draw_wrap(cv, y, x, 2, RL_NORMAL,
	    " never killed (oom_score_adj -1000, init)");
	y = draw_wrap(cv, y, 2, 2, RL_NORMAL,
	    "OOM is /proc/PID/oom_score; SHARE is rss + swap + page tables of RAM + "
	    "swap; n/a: not read.");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_WARN, "*");
	y = draw_wrap(cv, y, x, 2, RL_NORMAL,
	    " before ADJ: zonetop changed it, and u restores it.  p, e and u ask "
	    "first, with the rank it and the next victim would have.  A value "
	    "lasts as long as the process: the dialog says how to make it "
	    "outlast it.");
	y = help_marks(cv, y);
	y++;
	canvas_put(cv, y++, 0, -1, RL_LABEL, "Events");
	x = 2;
	x += canvas_put(cv, y, x, -1, RL_CRIT, "OOM KILL");
	y = draw_wrap(cv, y, x, 2, RL_NORMAL,
	    " under the verdict: the newest kill, read from the kernel's report "
	    "(/dev/kmsg, root only) or guessed from vmstat's oom_kill and the "
	    "process that vanished.  A memory cgroup's kill says so (memcg OOM "
	    "kill in PATH): its limit, not the machine's memory.  E lists every "
	    "event; Enter there explains a kill's report.");
	y++;
	y = draw_wrap(cv, y, 0, 0, RL_DIM,
	    "A capture (--proc-root) is a still: no rates.  Batch output: zonetop -b.");
	if (s != NULL && s->self.tried)
		y = help_self(cv, y + 1, s);
	return y;
}
