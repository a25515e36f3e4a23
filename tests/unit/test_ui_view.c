/*
 * test_ui_view.c: the live monitor's view logic without a terminal:
 * the key table and dispatch, prompts, focus, scrolling and clamping,
 * layout per terminal size, candidate order and filter, mouse clicks,
 * the GFP_KERNEL reserve, sparklines and history rings, sampler requests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <curses.h>

#include "test_ui_seed.h"
#include "util.h"
#include "keys.h"
#include "view.h"

static void
keys(struct ui_view *v, const struct zt_snapshot *s, const char *k)
{
	for (; *k; k++)
		ui_view_key(v, s, (unsigned char)*k);
}

/* A snapshot with n candidates, pid 100+i, rank i+1, rss descending. */
static void
many_procs(struct zt_snapshot *s, int n)
{
	seed_snapshot(s);
	for (int i = 0; i < s->nprocs; i++) {
		free(s->procs[i].cmdline);
		free(s->procs[i].cgroup);
	}
	free(s->procs);
	s->procs = calloc((size_t)n, sizeof *s->procs);
	s->nprocs = s->nprocs_total = n;
	for (int i = 0; i < n; i++) {
		struct zt_proc *p = &s->procs[i];
		p->pid = 100 + i;
		p->rank = i + 1;
		p->oom_score = 1000 - i;
		p->oom_score_adj = 0;
		p->rss_kb = (int64_t)(n - i) * 1024;
		p->swap_kb = 0;
		p->killable = true;
		p->badness_share = NAN;
		snprintf(p->comm, sizeof p->comm, "proc%d", i);
		snprintf(p->user, sizeof p->user, i % 2 ? "alice" : "bob");
	}
	s->predicted_victim = 100;
}

static void
test_key_table(void **state)
{
	int n;
	const struct ui_key *k = ui_keys(&n);
	bool seen[A_NACTIONS] = { false };

	(void)state;
	assert_int_equal(ui_key_action('q', MODE_MAIN), A_QUIT);
	assert_int_equal(ui_key_action(KEY_F(10), MODE_DETAIL), A_QUIT);
	assert_int_equal(ui_key_action('?', MODE_MAIN), A_HELP);
	assert_int_equal(ui_key_action('h', MODE_HELP), A_HELP);
	assert_int_equal(ui_key_action(KEY_F(1), MODE_DETAIL), A_HELP);
	assert_int_equal(ui_key_action(' ', MODE_MAIN), A_PAUSE);
	assert_int_equal(ui_key_action('d', MODE_MAIN), A_INTERVAL);
	assert_int_equal(ui_key_action('+', MODE_MAIN), A_SLOWER);
	assert_int_equal(ui_key_action('-', MODE_MAIN), A_FASTER);
	assert_int_equal(ui_key_action('\t', MODE_MAIN), A_FOCUS_NEXT);
	assert_int_equal(ui_key_action('\n', MODE_MAIN), A_ENTER);
	assert_int_equal(ui_key_action(27, MODE_DETAIL), A_CLOSE);
	assert_int_equal(ui_key_action(KEY_F(6), MODE_MAIN), A_SORT_NEXT);
	assert_int_equal(ui_key_action('/', MODE_MAIN), A_FILTER);
	assert_int_equal(ui_key_action('c', MODE_MAIN), A_FULLCMD);
	/* Tab and sorting mean nothing over the help screen */
	assert_int_equal(ui_key_action('\t', MODE_HELP), A_NONE);
	assert_int_equal(ui_key_action('>', MODE_DETAIL), A_NONE);
	/* a prompt takes every key as text */
	assert_int_equal(ui_key_action('q', MODE_PROMPT), A_NONE);
	assert_int_equal(ui_key_action('x', MODE_MAIN), A_NONE);

	/* every action has a key, and the first key of each group a help line */
	for (int i = 0; i < n; i++) {
		seen[k[i].action] = true;
		if (i == 0 || k[i - 1].action != k[i].action)
			assert_non_null(k[i].help);
	}
	for (int a = A_NONE + 1; a < A_NACTIONS; a++)
		assert_true(seen[a]);
	/* no key is bound twice in the same mode */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			assert_false(k[i].key == k[j].key && (k[i].modes & k[j].modes));
}

static void
test_quit_pause_help(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	keys(&v, &s, " ");
	assert_true(v.paused);
	keys(&v, &s, " ");
	assert_false(v.paused);
	keys(&v, &s, "?");
	assert_int_equal(v.mode, MODE_HELP);
	ui_view_key(&v, &s, KEY_DOWN);
	ui_view_key(&v, &s, KEY_DOWN);
	assert_int_equal(v.help_top, 2);
	ui_view_key(&v, &s, KEY_HOME);
	assert_int_equal(v.help_top, 0);
	ui_view_key(&v, &s, 27);
	assert_int_equal(v.mode, MODE_MAIN);
	/* help opened from the detail view returns to it */
	keys(&v, &s, "\n");
	assert_int_equal(v.mode, MODE_DETAIL);
	ui_view_key(&v, &s, KEY_F(1));
	assert_int_equal(v.mode, MODE_HELP);
	keys(&v, &s, "h");
	assert_int_equal(v.mode, MODE_DETAIL);
	assert_false(v.quit);
	keys(&v, &s, "q");
	assert_true(v.quit);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_interval(void **state)
{
	struct ui_view v;

	(void)state;
	ui_view_init(&v, 2);
	keys(&v, NULL, "+");
	assert_true(v.interval == 3);
	keys(&v, NULL, "--");
	assert_true(v.interval == 1);
	/* the steps span the one range -d and zonetoprc accept */
	v.interval = 0.1;
	keys(&v, NULL, "-");
	assert_true(v.interval == ZT_INTERVAL_MIN);
	keys(&v, NULL, "-");
	assert_true(v.interval == ZT_INTERVAL_MIN);
	v.interval = 43200;
	keys(&v, NULL, "+");
	assert_true(v.interval == ZT_INTERVAL_MAX);
	keys(&v, NULL, "+");
	assert_true(v.interval == ZT_INTERVAL_MAX);
	/* an interval between the steps goes to the next one */
	assert_true(ui_interval_step(2.5, +1) == 3);
	assert_true(ui_interval_step(2.5, -1) == 2);

	keys(&v, NULL, "d");
	assert_int_equal(v.mode, MODE_PROMPT);
	keys(&v, NULL, "0.5\r");
	assert_int_equal(v.mode, MODE_MAIN);
	assert_true(v.interval == 0.5);
	keys(&v, NULL, "d7s\n");
	assert_true(v.interval == 7);
	keys(&v, NULL, "dabc\n");
	assert_true(v.interval == 7);
	assert_non_null(strstr(v.msg, "not an interval"));
	keys(&v, NULL, "d0.01\n");
	assert_true(v.interval == 7);
	assert_non_null(strstr(v.msg, "0.05 to 86400"));
	keys(&v, NULL, "d0.05\n");
	assert_true(v.interval == 0.05);
	keys(&v, NULL, "d86400\n");
	assert_true(v.interval == 86400);
	keys(&v, NULL, "d86401\n");
	assert_true(v.interval == 86400);
	keys(&v, NULL, "d7\n");
	/* Esc cancels, backspace edits */
	keys(&v, NULL, "d9");
	ui_view_key(&v, NULL, 27);
	assert_true(v.interval == 7);
	keys(&v, NULL, "d95");
	ui_view_key(&v, NULL, KEY_BACKSPACE);
	keys(&v, NULL, "\n");
	assert_true(v.interval == 9);
	/* while a prompt is open, q is text, not quit */
	keys(&v, NULL, "dq");
	assert_false(v.quit);
	assert_string_equal(v.input, "q");
	ui_view_free(&v);
}

static void
test_filter(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	int order[64], n;

	(void)state;
	many_procs(&s, 30);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	keys(&v, &s, "/ALI");
	assert_int_equal(v.mode, MODE_PROMPT);
	/* the filter applies as it is typed, case-insensitively */
	n = ui_proc_order(&s, &v, order);
	assert_int_equal(n, 15);
	assert_int_equal(s.procs[order[0]].pid, 101);
	assert_int_equal(ui_proc_total(&s, &v), 15);
	keys(&v, &s, "\n");
	assert_string_equal(v.filter, "ALI");
	/* a new prompt starts from the filter; Esc puts it back */
	keys(&v, &s, "/x");
	assert_string_equal(v.filter, "ALIx");
	assert_int_equal(ui_proc_order(&s, &v, order), 0);
	ui_view_key(&v, &s, 27);
	assert_string_equal(v.filter, "ALI");
	/* by name */
	keys(&v, &s, "/");
	ui_view_key(&v, &s, 21);	/* ^U clears the line */
	keys(&v, &s, "proc2\n");
	n = ui_proc_order(&s, &v, order);
	assert_int_equal(n, 11);	/* proc2, proc20..proc29 */
	/* Esc in the main view clears it */
	ui_view_key(&v, &s, 27);
	assert_string_equal(v.filter, "");
	assert_int_equal(ui_proc_order(&s, &v, order), 30);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_sort(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	int order[64];

	(void)state;
	many_procs(&s, 30);
	s.procs[5].rss_kb = ZT_NA;
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	ui_proc_order(&s, &v, order);
	assert_int_equal(s.procs[order[0]].rank, 1);
	keys(&v, &s, ">");
	assert_int_equal(v.sort, COL_PID);
	keys(&v, &s, "<<");
	assert_int_equal(v.sort, COL_CMD);
	v.sort = COL_RSS;
	ui_proc_order(&s, &v, order);
	/* largest first, the unknown one last */
	assert_int_equal(s.procs[order[0]].pid, 100);
	assert_int_equal(s.procs[order[28]].pid, 129);
	assert_int_equal(s.procs[order[29]].pid, 105);
	keys(&v, &s, "r");
	ui_proc_order(&s, &v, order);
	assert_int_equal(s.procs[order[0]].pid, 129);
	assert_int_equal(s.procs[order[29]].pid, 105);
	v.sort = COL_USER;
	v.sort_rev = false;
	ui_proc_order(&s, &v, order);
	assert_string_equal(s.procs[order[0]].user, "alice");
	assert_string_equal(s.procs[order[29]].user, "bob");
	/* the order among equal users is the rank */
	assert_int_equal(s.procs[order[0]].pid, 101);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* < and > go through the columns shown, in their order: not the ones
 * zonetoprc leaves out, nor the cgroup on a narrow terminal. */
static void
test_sort_shown_columns(void **state)
{
	static const int chosen[] = { COL_PID, COL_RSS, COL_SCORE, COL_CMD };
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	many_procs(&s, 30);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	/* all columns: the cgroup has no room at 80, at 132 it has */
	v.sort = COL_SHARE;
	keys(&v, &s, ">");
	assert_int_equal(v.sort, COL_CMD);
	keys(&v, &s, "<");
	assert_int_equal(v.sort, COL_SHARE);
	ui_layout(&v, &s, 132, 43);
	keys(&v, &s, ">");
	assert_int_equal(v.sort, COL_CGROUP);

	memcpy(v.cols, chosen, sizeof chosen);
	v.ncols = 4;
	ui_layout(&v, &s, 80, 24);
	v.sort = COL_PID;
	keys(&v, &s, ">");
	assert_int_equal(v.sort, COL_RSS);
	keys(&v, &s, ">");
	assert_int_equal(v.sort, COL_SCORE);
	keys(&v, &s, ">>");
	assert_int_equal(v.sort, COL_PID);
	keys(&v, &s, "<");
	assert_int_equal(v.sort, COL_CMD);
	for (int i = 0; i < 2 * COL_N; i++) {
		keys(&v, &s, i % 3 ? ">" : "<");
		assert_true(v.sort == COL_PID || v.sort == COL_RSS ||
		    v.sort == COL_SCORE || v.sort == COL_CMD);
	}
	/* from a column not shown (zonetoprc's sort): the first, the last */
	v.sort = COL_RANK;
	keys(&v, &s, ">");
	assert_int_equal(v.sort, COL_PID);
	v.sort = COL_SWAP;
	keys(&v, &s, "<");
	assert_int_equal(v.sort, COL_CMD);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_scroll_clamp(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	many_procs(&s, 30);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	/* 80x24, two zones, nothing empty, one swap device, one event, an
	 * OOM kill: rows 2.. : its banner 2, zones 1 + 2 + 1 = 4, frag
	 * 1 + 2 = 3, swap 3 + 1 device, no events panel (the banner shows
	 * the only event), candidates the rest */
	assert_int_equal(v.lay.banner.y, 2);
	assert_int_equal(v.lay.banner.h, 2);
	assert_int_equal(v.lay.zones.y, 4);
	assert_int_equal(v.lay.zones.h, 4);
	assert_int_equal(v.lay.frag.y, 8);
	assert_int_equal(v.lay.frag.h, 3);
	assert_int_equal(v.lay.swap.y, 11);
	assert_int_equal(v.lay.swap.h, 4);
	assert_int_equal(v.lay.events.h, 0);
	assert_int_equal(v.lay.procs.y, 15);
	assert_int_equal(v.lay.procs.h, 8);
	assert_int_equal(v.lay.proc_rows, 6);
	assert_int_equal(v.lay.footer.y, 23);

	keys(&v, &s, "\t\t");
	assert_int_equal(v.focus, PANEL_PROCS);
	for (int i = 0; i < 10; i++)
		ui_view_key(&v, &s, KEY_DOWN);
	assert_int_equal(v.psel, 10);
	assert_int_equal(v.ptop, 5);
	ui_view_key(&v, &s, KEY_END);
	assert_int_equal(v.psel, 29);
	assert_int_equal(v.ptop, 24);
	ui_view_key(&v, &s, KEY_PPAGE);
	assert_int_equal(v.psel, 23);
	assert_int_equal(v.ptop, 23);
	ui_view_key(&v, &s, KEY_HOME);
	assert_int_equal(v.psel, 0);
	assert_int_equal(v.ptop, 0);
	ui_view_key(&v, &s, KEY_UP);
	assert_int_equal(v.psel, 0);
	ui_view_key(&v, &s, KEY_NPAGE);
	assert_int_equal(v.psel, 6);
	ui_view_key(&v, &s, KEY_END);

	/* the list shrinks under the selection: it follows */
	snapshot_free(&s);
	many_procs(&s, 5);
	ui_layout(&v, &s, 80, 24);
	assert_int_equal(v.psel, 4);
	assert_int_equal(v.ptop, 0);
	/* and a terminal that shrinks keeps the selection in view */
	snapshot_free(&s);
	many_procs(&s, 30);
	v.psel = 20;
	ui_layout(&v, &s, 80, 40);
	ui_layout(&v, &s, 80, 20);
	assert_true(v.psel >= v.ptop && v.psel < v.ptop + v.lay.proc_rows);

	/* zones: Tab back to them, two rows */
	keys(&v, &s, "\t");
	assert_int_equal(v.focus, PANEL_ZONES);
	ui_view_key(&v, &s, KEY_DOWN);
	ui_view_key(&v, &s, KEY_DOWN);
	assert_int_equal(v.zsel, 1);
	assert_int_equal(ui_selected_zone(&v, &s), 1);
	ui_view_key(&v, &s, KEY_BTAB);
	assert_int_equal(v.focus, PANEL_PROCS);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_rank_rows_beyond_details(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);	/* 8 rows read of 25 candidates */
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	/* in rank order every candidate is a row, read or not */
	assert_int_equal(ui_proc_total(&s, &v), 25);
	v.focus = PANEL_PROCS;
	ui_view_key(&v, &s, KEY_END);
	assert_int_equal(v.psel, 24);
	/* the sampler is asked for a page past the first row shown */
	assert_int_equal(ui_view_detail_rows(&v), v.ptop + 2 * v.lay.proc_rows);
	/* other orders need every row's details */
	keys(&v, &s, ">");
	assert_int_equal(ui_view_detail_rows(&v), -1);
	assert_int_equal(ui_proc_total(&s, &v), 8);
	keys(&v, &s, "<");
	keys(&v, &s, "r");
	assert_int_equal(ui_view_detail_rows(&v), -1);
	keys(&v, &s, "r/x\n");
	assert_int_equal(ui_view_detail_rows(&v), -1);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_layout_sizes(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 40, 12);
	assert_true(v.lay.too_small);
	ui_layout(&v, &s, UI_MIN_W - 1, 30);
	assert_true(v.lay.too_small);
	ui_layout(&v, &s, UI_MIN_W, UI_MIN_H);
	assert_false(v.lay.too_small);
	assert_true(v.lay.proc_rows >= 3);
	assert_int_equal(v.lay.procs.y + v.lay.procs.h, UI_MIN_H - 1);

	/* 132x43: fragmentation beside the zones, same rows */
	ui_layout(&v, &s, 132, 43);
	assert_int_equal(v.lay.frag.y, v.lay.zones.y);
	assert_int_equal(v.lay.frag.h, v.lay.zones.h);
	assert_int_equal(v.lay.frag.x, v.lay.zones.w);
	assert_int_equal(v.lay.frag.x + v.lay.frag.w, 132);
	assert_int_equal(v.lay.procs.y + v.lay.procs.h, 42);

	/* the verdict: the lines it needs while the candidates leave rows
	 * empty (the seed has 8 candidates), packed as the screen packs it */
	{
		int need = ui_verdict_lines(&s, 132);
		assert_true(need >= 1);
		assert_int_equal(v.lay.verdict.h, need);
		assert_int_equal(v.lay.zones.y, 1 + need + v.lay.banner.h);
		/* 80x24 has less room: no more than the spare rows, and the
		 * candidates keep theirs */
		ui_layout(&v, &s, 80, 24);
		assert_true(v.lay.verdict.h >= 1);
		assert_true(v.lay.verdict.h <= ui_verdict_lines(&s, 80));
		assert_true(v.lay.proc_rows >= 3);
		assert_true(v.lay.proc_rows >= s.nprocs ||
		    v.lay.verdict.h == 1 || v.lay.verdict.h <= 3);
		/* one short finding: one line, at any height */
		struct zt_verdict keep = s.verdict;
		s.verdict.n = 1;
		ui_layout(&v, &s, 132, 43);
		assert_int_equal(v.lay.verdict.h, 1);
		s.verdict = keep;
	}
	/* 64x16: every zone of a three-zone machine gets its row (the
	 * banner of the seed's OOM kill keeps one line) */
	{
		struct zt_zone *z3 = calloc(3, sizeof *z3);
		z3[0] = s.zones[0];
		z3[1] = s.zones[1];
		z3[2] = s.zones[1];
		strlcpy0(z3[2].name, "Normal", sizeof z3[2].name);
		z3[2].type = ZT_ZONE_NORMAL;
		free(s.zones);
		s.zones = z3;
		s.nzones = 3;
		ui_layout(&v, &s, UI_MIN_W, UI_MIN_H);
		assert_int_equal(v.lay.nzone_rows, 3);
		assert_int_equal(v.lay.zone_rows, 3);
		assert_true(v.lay.proc_rows >= 3);
		assert_int_equal(v.lay.procs.y + v.lay.procs.h, UI_MIN_H - 1);
	}

	/* many zones on a small terminal: the zone list scrolls */
	struct zt_zone *zs = calloc(40, sizeof *zs);
	for (int i = 0; i < 40; i++) {
		zs[i] = s.zones[i % 2];
		zs[i].node = i / 2;
	}
	free(s.zones);
	s.zones = zs;
	s.nzones = 40;
	ui_layout(&v, &s, 80, 24);
	assert_int_equal(v.lay.nzone_rows, 40);
	assert_true(v.lay.zone_rows < 40 && v.lay.zone_rows >= 1);
	assert_true(v.lay.proc_rows >= 3);
	assert_int_equal(v.lay.procs.y + v.lay.procs.h, 23);
	v.zsel = 39;
	ui_view_clamp(&v, &s);
	assert_int_equal(v.ztop, 40 - v.lay.zone_rows);
	/* every size from tiny to large lays out inside the screen */
	for (int w = 1; w < 200; w += 7)
		for (int h = 1; h < 70; h += 3) {
			ui_layout(&v, &s, w, h);
			if (v.lay.too_small)
				continue;
			const struct ui_box *b[] = { &v.lay.zones, &v.lay.frag,
			    &v.lay.swap, &v.lay.events, &v.lay.procs };
			for (size_t i = 0; i < 5; i++)
				assert_true(b[i]->h == 0 ||
				    (b[i]->y >= 2 && b[i]->y + b[i]->h <= h - 1 &&
				    b[i]->x + b[i]->w <= w));
		}
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_empty_zones_folded(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	int rows[8];

	(void)state;
	seed_snapshot(&s);
	s.zones = realloc(s.zones, 4 * sizeof *s.zones);
	s.nzones = 4;
	memset(&s.zones[2], 0, 2 * sizeof *s.zones);
	s.zones[2].empty = s.zones[3].empty = true;
	strlcpy0(s.zones[2].name, "Normal", sizeof s.zones[2].name);
	strlcpy0(s.zones[3].name, "Movable", sizeof s.zones[3].name);
	assert_int_equal(ui_zone_rows(&s, rows, 8), 2);
	assert_int_equal(rows[1], 1);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	assert_int_equal(v.lay.nempty, 2);
	/* title, two rows, the folded empties, the summary */
	assert_int_equal(v.lay.zones.h, 5);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_focus_skips_hidden_frag(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	keys(&v, &s, "\t");
	assert_int_equal(v.focus, PANEL_FRAG);
	keys(&v, &s, "\t\t");
	assert_int_equal(v.focus, PANEL_ZONES);
	v.lay.frag.h = 0;
	keys(&v, &s, "\t");
	assert_int_equal(v.focus, PANEL_PROCS);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_detail_and_pagetypeinfo(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	assert_false(ui_view_wants_pagetypeinfo(&v));
	ui_view_key(&v, &s, KEY_DOWN);
	keys(&v, &s, "\r");
	assert_int_equal(v.mode, MODE_DETAIL);
	assert_string_equal(v.detail_name, "DMA32");
	assert_true(ui_view_wants_pagetypeinfo(&v));
	ui_view_key(&v, &s, 27);
	assert_int_equal(v.mode, MODE_MAIN);
	assert_false(ui_view_wants_pagetypeinfo(&v));
	/* Enter on a candidate: its detail, no pagetypeinfo */
	v.focus = PANEL_PROCS;
	ui_view_key(&v, &s, KEY_DOWN);
	ui_view_key(&v, &s, KEY_ENTER);
	assert_int_equal(v.mode, MODE_DETAIL);
	assert_int_equal(v.detail_pid, 3837);
	assert_false(ui_view_wants_pagetypeinfo(&v));
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_mouse(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	many_procs(&s, 30);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	/* zone row 2 is screen row zones.y + 2 */
	ui_view_click(&v, &s, v.lay.zones.y + 2, 3, CLICK_PRESS);
	assert_int_equal(v.focus, PANEL_ZONES);
	assert_int_equal(v.zsel, 1);
	ui_view_click(&v, &s, v.lay.frag.y + 1, 3, CLICK_PRESS);
	assert_int_equal(v.focus, PANEL_FRAG);
	assert_int_equal(v.zsel, 0);
	ui_view_click(&v, &s, v.lay.frag.y + 1, 3, CLICK_DOUBLE);
	assert_int_equal(v.mode, MODE_DETAIL);
	ui_view_click(&v, &s, 10, 3, CLICK_WHEEL_DOWN);
	assert_int_equal(v.detail_top, 3);
	ui_view_key(&v, &s, 27);

	/* a candidate row, then the wheel */
	ui_view_click(&v, &s, v.lay.procs.y + 4, 10, CLICK_PRESS);
	assert_int_equal(v.focus, PANEL_PROCS);
	assert_int_equal(v.psel, 2);
	ui_view_click(&v, &s, v.lay.procs.y + 4, 10, CLICK_WHEEL_DOWN);
	assert_int_equal(v.psel, 5);
	/* a heading sorts; the same heading again reverses */
	struct ui_cols c;
	ui_proc_columns(80, &c);
	ui_view_click(&v, &s, v.lay.procs.y + 1, c.x[COL_RSS] + 2, CLICK_PRESS);
	assert_int_equal(v.sort, COL_RSS);
	assert_false(v.sort_rev);
	assert_int_equal(v.psel, 0);
	ui_view_click(&v, &s, v.lay.procs.y + 1, c.x[COL_RSS] + 2, CLICK_PRESS);
	assert_true(v.sort_rev);
	/* the header row does nothing */
	ui_view_click(&v, &s, 0, 5, CLICK_PRESS);
	assert_int_equal(v.mode, MODE_MAIN);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_columns(void **state)
{
	struct ui_cols c;

	(void)state;
	ui_proc_columns(80, &c);
	assert_int_equal(c.w[COL_CGROUP], 0);
	assert_int_equal(c.x[COL_RANK], 1);
	/* 1 + 5 + 8 + 9 + 5 + 6 + 7 + 7 + 7 = 55, a blank, the command */
	assert_int_equal(c.x[COL_CMD], 56);
	assert_int_equal(c.w[COL_CMD], 80 - 55 - 1);
	ui_proc_columns(132, &c);
	assert_true(c.w[COL_CGROUP] > 0);
	assert_true(c.x[COL_CMD] + c.w[COL_CMD] <= 132);
	for (int i = 1; i < COL_N; i++)
		if (c.w[i] > 0 && c.w[i - 1] > 0)
			assert_true(c.x[i] >= c.x[i - 1] + c.w[i - 1]);
}

/* The lowmem reserve a GFP_KERNEL allocation meets per zone (the bars'
 * R, ui/scale.c places it; tests/unit/test_ui_scale.c). */
static void
test_kernel_reserve(void **state)
{
	struct zt_snapshot s;

	(void)state;
	seed_snapshot(&s);
	/* DMA: protection[Normal slot 2] = 972; DMA32: 0 */
	assert_int_equal(ui_kernel_reserve(&s, &s.zones[0]), 972);
	assert_int_equal(ui_kernel_reserve(&s, &s.zones[1]), 0);
	/* Normal and above: no reserve from GFP_KERNEL */
	struct zt_zone z = s.zones[0];
	z.type = ZT_ZONE_NORMAL;
	assert_int_equal(ui_kernel_reserve(&s, &z), 0);
	/* a kernel without the Normal slot: unknown */
	s.ntypes = 2;
	assert_true(ui_kernel_reserve(&s, &s.zones[0]) == ZT_NA);
	snapshot_free(&s);
}

static void
test_history_sparkline(void **state)
{
	struct ui_hist h = { 0 };
	int8_t lv[6];

	(void)state;
	ui_hist_push(&h, 0);
	ui_hist_push(&h, 50);
	ui_hist_push(&h, NAN);
	ui_hist_push(&h, 100);
	/* right-aligned, scaled to 100: 0 -> 0, 50 -> 3.5 -> 4, NAN -> -1 */
	ui_spark_levels(&h, 6, 100, lv);
	assert_int_equal(lv[0], -1);
	assert_int_equal(lv[1], -1);
	assert_int_equal(lv[2], 0);
	assert_int_equal(lv[3], 4);
	assert_int_equal(lv[4], -1);
	assert_int_equal(lv[5], 7);
	assert_true(ui_hist_max(&h, 6) == 100);
	assert_true(ui_hist_max(&h, 3) == 100);
	/* a narrower line shows the newest */
	ui_spark_levels(&h, 2, 100, lv);
	assert_int_equal(lv[0], -1);
	assert_int_equal(lv[1], 7);
	/* nothing to scale by: the bottom */
	ui_spark_levels(&h, 2, 0, lv);
	assert_int_equal(lv[1], 0);
	/* the ring keeps the newest UI_HIST */
	for (int i = 0; i < UI_HIST + 5; i++)
		ui_hist_push(&h, i);
	assert_int_equal(h.n, UI_HIST);
	assert_true(ui_hist_get(&h, 0) == 5);
	assert_true(ui_hist_get(&h, UI_HIST - 1) == UI_HIST + 4);
	assert_true(isnan(ui_hist_get(&h, UI_HIST)));

	assert_int_equal(ui_shade_level(0), 0);
	assert_int_equal(ui_shade_level(ZT_NA), 0);
	assert_int_equal(ui_shade_level(1), 1);
	assert_int_equal(ui_shade_level(9), 1);
	assert_int_equal(ui_shade_level(10), 2);
	assert_int_equal(ui_shade_level(999), 3);
	assert_int_equal(ui_shade_level(1000), 4);
}

static void
test_observe(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	const struct ui_zone_hist *h;

	(void)state;
	seed_snapshot(&s);
	ui_view_init(&v, 2);
	ui_view_observe(&v, &s);
	s.zones[1].free = 2000;
	s.pswpin_per_s = 3;
	s.pswpout_per_s = 4;
	ui_view_observe(&v, &s);
	h = ui_view_zone_hist(&v, 0, "DMA32");
	assert_non_null(h);
	assert_int_equal(h->free.n, 2);
	assert_true(ui_hist_get(&h->free, 0) == 987);
	assert_true(ui_hist_get(&h->free, 1) == 2000);
	assert_null(ui_view_zone_hist(&v, 1, "DMA32"));
	/* swap traffic: in + out; no rate on the first sample */
	assert_true(isnan(ui_hist_get(&v.swap_io, 0)));
	assert_true(ui_hist_get(&v.swap_io, 1) == 7);
	/* the last pagetypeinfo read is kept for the detail view */
	assert_false(h->have_pt);
	s.zones[1].pt = calloc(1, sizeof *s.zones[1].pt);
	s.zones[1].pt->ntypes = 1;
	s.zones[1].pt->free[0][0] = 42;
	ui_view_observe(&v, &s);
	h = ui_view_zone_hist(&v, 0, "DMA32");
	assert_true(h->have_pt);
	assert_int_equal(h->pt.free[0][0], 42);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* The selection follows the process across a re-rank (its adj edited:
 * it drops from row 3 to the end) and, when it exits, moves to the row
 * that took its place; a reused pid is another process. */
static void
test_selection_follows(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	many_procs(&s, 10);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 40);
	keys(&v, &s, "\t\t");
	assert_int_equal(v.focus, PANEL_PROCS);
	keys(&v, &s, "jjj");
	assert_int_equal(v.psel, 3);
	assert_int_equal(ui_selected_proc(&v, &s)->pid, 103);
	/* re-ranked: pid 103 is now last */
	for (int i = 0; i < 10; i++) {
		struct zt_proc *p = &s.procs[i];
		p->rank = i < 3 ? i + 1 : i == 3 ? 10 : i;
	}
	ui_view_observe(&v, &s);
	ui_layout(&v, &s, 80, 40);
	assert_int_equal(v.psel, 9);
	assert_int_equal(ui_selected_proc(&v, &s)->pid, 103);
	/* it exits: the list shrinks, the selection stays at the index,
	 * clamped, on the process there now */
	free(s.procs[3].cmdline);
	free(s.procs[3].cgroup);
	s.procs[3] = s.procs[9];
	s.nprocs = s.nprocs_total = 9;
	for (int i = 0; i < 9; i++)
		s.procs[i].rank = i + 1;
	ui_view_observe(&v, &s);
	ui_layout(&v, &s, 80, 40);
	assert_int_equal(v.psel, 8);
	assert_int_equal(ui_selected_proc(&v, &s)->pid, 108);
	/* pid 108 exits and its pid comes back as another process */
	keys(&v, &s, "kkk");
	assert_int_equal(ui_selected_proc(&v, &s)->pid, 105);
	s.procs[5].start_time = 999;
	ui_view_observe(&v, &s);
	assert_int_equal(v.psel, 5);
	assert_int_equal(ui_selected_proc(&v, &s)->pid, 105);
	assert_true(v.sel_start == 999);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* The memory cgroups view: fullest first (no limit after, by usage),
 * Enter ranks the candidates inside one (the sampler is asked, and the
 * rank column follows the cgroup's ranking), Esc goes back. */
static void
test_cgroups_view(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	int order[3];
	static const char *const paths[3] = { "/a", "/b", "/c" };
	static const int64_t use[3] = { 10240, 60000, 50000 };
	static const int64_t lim[3] = { 65536, ZT_NO_LIMIT, 51200 };

	(void)state;
	many_procs(&s, 4);
	s.cgroups = calloc(3, sizeof *s.cgroups);
	s.ncgroups = 3;
	for (int i = 0; i < 3; i++) {
		cgroup_info_init(&s.cgroups[i]);
		s.cgroups[i].have = true;
		s.cgroups[i].depth = 1;
		strcpy(s.cgroups[i].path, paths[i]);
		s.cgroups[i].usage_kb = use[i];
		s.cgroups[i].limit_kb = lim[i];
	}
	s.cgroups[2].predicted_victim = 103;
	s.cgroups[2].totalpages = 12800;
	assert_int_equal(ui_cgroups_order(&s, order), 3);
	assert_int_equal(order[0], 2);	/* 98% full */
	assert_int_equal(order[1], 0);	/* 16% */
	assert_int_equal(order[2], 1);	/* no limit */

	ui_view_init(&v, 2);
	ui_layout(&v, &s, 100, 30);
	ui_view_key(&v, &s, 'C');
	assert_int_equal(v.mode, MODE_CGROUPS);
	ui_view_key(&v, &s, '\n');
	assert_int_equal(v.mode, MODE_MAIN);
	assert_string_equal(v.scope, "/c");
	/* the next sample comes ranked inside /c */
	s.cgroup.have = true;
	strcpy(s.cgroup.path, "/c");
	s.cgroup.predicted_victim = 103;
	s.cgroup.nmembers = 2;
	s.procs[3].cgroup_rank = 1;
	s.procs[1].cgroup_rank = 2;
	assert_int_equal(ui_victim(&s, &v), 103);
	int rows[4];
	assert_int_equal(ui_proc_order(&s, &v, rows), 4);
	assert_int_equal(s.procs[rows[0]].pid, 103);
	assert_int_equal(s.procs[rows[1]].pid, 101);
	ui_view_key(&v, &s, 27);
	assert_string_equal(v.scope, "");
	assert_int_equal(ui_victim(&s, &v), 100);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_table),
		cmocka_unit_test(test_quit_pause_help),
		cmocka_unit_test(test_interval),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_sort_shown_columns),
		cmocka_unit_test(test_scroll_clamp),
		cmocka_unit_test(test_rank_rows_beyond_details),
		cmocka_unit_test(test_layout_sizes),
		cmocka_unit_test(test_empty_zones_folded),
		cmocka_unit_test(test_focus_skips_hidden_frag),
		cmocka_unit_test(test_detail_and_pagetypeinfo),
		cmocka_unit_test(test_mouse),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_kernel_reserve),
		cmocka_unit_test(test_history_sparkline),
		cmocka_unit_test(test_observe),
		cmocka_unit_test(test_selection_follows),
		cmocka_unit_test(test_cgroups_view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
