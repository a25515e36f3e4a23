/*
 * test_ui_events.c: OOM kills and other events in the live monitor,
 * without a terminal.  The seed VM (test_ui_seed.h) gets the events of a
 * real capture of /dev/kmsg (two memcg OOM kills, their reports kept as
 * kmsg_log_take leaves them) and a zone that vanished; then the banner
 * under the verdict, the events view (E) with its selection, scrolling
 * and mouse, and the explanation Enter opens are checked as drawn.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <cmocka.h>
#include <curses.h>

#include "canvas.h"
#include "draw.h"
#include "kmsg.h"
#include "test_ui_screen.h"
#include "test_ui_seed.h"
#include "view.h"

/* Every record of a /dev/kmsg capture into l ('#' lines are comments). */
static void
feed_kmsg(struct kmsg_log *l, const char *rel)
{
	const char *dir = getenv("ZT_FIXTURES");
	char path[512], chunk[4096];
	struct zt_buf b = { 0 };
	const char *cur, *end, *line;
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "tests/fixtures",
	    rel);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open fixture %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	cur = b.p;
	end = b.p + b.len;
	while ((line = next_line(&cur, end, &n)) != NULL)
		if (n > 0 && line[0] != '#' && line[0] != ' ')
			kmsg_log_add(l, line, (size_t)(cur - line));
	buf_free(&b);
}

/* The seed, live, with: its own guessed OOM kill (oldest), the two
 * memcg kills of the capture with their reports, a zone that vanished
 * (newest).  Newest first: zone, 31950, 31956, the seed's. */
static void
events_snapshot(struct zt_snapshot *s)
{
	struct kmsg_log l;
	struct zt_event *z;

	seed_snapshot(s);
	s->live = true;
	s->kmsg.ok = true;
	s->events[0].victim_guessed = true;
	strlcpy0(s->events[0].victim_comm, "memcheck-amd64-",
	    sizeof s->events[0].victim_comm);
	s->events[0].order = ZT_NA;
	s->events[0].victim_score = s->events[0].victim_rss_kb = ZT_NA;
	s->events[0].memcg_limit_kb = ZT_NA;
	kmsg_log_init(&l);
	feed_kmsg(&l, "kmsg/memcg-v1-6.18-two-kills.kmsg");
	assert_int_equal(l.nfound, 2);
	kmsg_log_take(&l, s, NULL, NULL);
	kmsg_log_free(&l);
	assert_int_equal(s->nevents, 3);
	for (int i = 1; i < 3; i++) {
		s->events[i].victim_rank = i;
		s->events[i].victim_predicted = i == 1;
		kmsg_event_text(&s->events[i], true, NULL);
	}
	s->events = realloc(s->events, 4 * sizeof *s->events);
	z = &s->events[s->nevents++];
	memset(z, 0, sizeof *z);
	z->when = s->when;
	z->kind = ZT_EV_ZONE_VANISHED;
	strlcpy0(z->text, "node 0 Movable vanished", sizeof z->text);
}

static void
test_event_helpers(void **state)
{
	struct zt_snapshot s;
	int n = -1;

	(void)state;
	events_snapshot(&s);
	assert_int_equal(ui_event(&s, 0)->kind, ZT_EV_ZONE_VANISHED);
	assert_int_equal(ui_event(&s, 1)->victim_pid, 31950);
	assert_null(ui_event(&s, 4));
	assert_null(ui_event(&s, -1));
	assert_null(ui_event(NULL, 0));
	assert_int_equal(ui_event_height(ui_event(&s, 0)), 1);
	assert_int_equal(ui_event_height(ui_event(&s, 1)), 2);
	/* the newest OOM kill, not the newest event */
	assert_int_equal(ui_last_oom(&s, &n)->victim_pid, 31950);
	assert_int_equal(n, 3);
	assert_string_equal(ui_event_kind_name(ZT_EV_ZONE_VANISHED), "zone went");
	assert_string_equal(ui_event_kind_name(99), "?");
	s.nevents = 0;
	assert_null(ui_last_oom(&s, &n));
	assert_int_equal(n, 0);
	s.nevents = 4;
	snapshot_free(&s);
}

/* The banner takes two rows under the verdict, one when the zones need
 * the rows, and every panel stays on the screen. */
static void
test_banner_layout(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	events_snapshot(&s);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	assert_int_equal(v.lay.banner.y, 2);
	assert_int_equal(v.lay.banner.h, 2);
	assert_int_equal(v.lay.zones.y, 4);
	/* the panel for the events beyond the banner's kill: not at 80x24,
	 * where the candidates need the rows, but at 132x43 */
	assert_int_equal(v.lay.events.h, 0);
	assert_int_equal(v.lay.proc_rows, 6);
	ui_layout(&v, &s, 132, 43);
	assert_int_equal(v.lay.events.h, 1 + 3);
	for (int w = 1; w < 200; w += 7)
		for (int h = 1; h < 70; h += 3) {
			ui_layout(&v, &s, w, h);
			if (v.lay.too_small)
				continue;
			const struct ui_box *b[] = { &v.lay.banner, &v.lay.zones,
			    &v.lay.frag, &v.lay.swap, &v.lay.events, &v.lay.procs };
			for (size_t i = 0; i < 6; i++)
				assert_true(b[i]->h == 0 ||
				    (b[i]->y >= 2 && b[i]->y + b[i]->h <= h - 1 &&
				    b[i]->x + b[i]->w <= w));
			assert_true(v.lay.banner.h >= 1);
			assert_true(v.lay.proc_rows >= 1);
		}
	/* no OOM kill: no banner */
	s.events[0].kind = s.events[1].kind = s.events[2].kind = ZT_EV_ZONE_RESIZED;
	ui_layout(&v, &s, 80, 24);
	assert_int_equal(v.lay.banner.h, 0);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_banner_drawn(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;

	(void)state;
	events_snapshot(&s);
	canvas_init(&cv, 132, 43, false);
	ui_view_init(&v, 2);
	draw_screen(&cv, &s, NULL, &v);
	/* the newest kill, its text, its verdict's headline under it */
	/* right under the verdict, which takes the lines it needs */
	int by = v.lay.banner.y;
	assert_int_equal(by, 1 + v.lay.verdict.h);
	/* a memcg kill: the cgroup's limit, not the machine's red alarm */
	assert_non_null(strstr(row(&cv, by), "memcg OOM kill 02:43:11 in "
	    "/zt-oom-31883 (its limit 64.0M)  OOM kill of python3 (pid 31950)"));
	assert_null(strstr(row(&cv, by), "OOM KILL"));
	assert_int_equal(canvas_cell(&cv, by, 131)->role, RL_WARN);
	assert_int_equal(canvas_cell(&cv, by + 1, 0)->role, RL_WARN);
	assert_true(strlen(row(&cv, by + 1)) > 20);
	assert_non_null(strstr(row(&cv, by + 1), "3 OOM kills: E lists, Enter explains"));

	/* a global kill: the red banner */
	s.events[2].constraint = ZT_CON_GLOBAL;
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(row(&cv, by),
	    "OOM KILL 02:43:11  OOM kill of python3 (pid 31950)"));
	assert_int_equal(canvas_cell(&cv, by, 131)->role, RL_CRIT);
	/* a guess without the kernel log: marked, and why there is no report */
	s.events[2].victim_guessed = true;
	s.events[2].detail[0] = '\0';
	s.kmsg.ok = false;
	strlcpy0(s.kmsg.why, "/dev/kmsg: permission denied", sizeof s.kmsg.why);
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(row(&cv, by), "OOM KILL 02:43:11 (victim guessed)"));
	assert_non_null(strstr(row(&cv, by + 1),
	    "kernel log not read: /dev/kmsg: permission denied"));
	assert_int_equal(canvas_cell(&cv, by + 1, 0)->role, RL_NA);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_events_keys(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	events_snapshot(&s);
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	assert_int_equal(ui_key_action('E', MODE_MAIN), A_EVENTS);
	assert_int_equal(ui_key_action('E', MODE_EVENTS), A_EVENTS);
	assert_int_equal(ui_key_action('\n', MODE_EVENTS), A_ENTER);
	assert_int_equal(ui_key_action('E', MODE_HELP), A_NONE);
	ui_view_key(&v, &s, 'E');
	assert_int_equal(v.mode, MODE_EVENTS);
	assert_int_equal(v.esel, 0);
	ui_view_key(&v, &s, KEY_DOWN);
	ui_view_key(&v, &s, 'j');
	assert_int_equal(v.esel, 2);
	ui_view_key(&v, &s, KEY_END);
	assert_int_equal(v.esel, 3);
	ui_view_key(&v, &s, KEY_DOWN);
	assert_int_equal(v.esel, 3);
	ui_view_key(&v, &s, KEY_HOME);
	ui_view_key(&v, &s, KEY_DOWN);
	/* Enter: the explanation of the kill of 31950, as a detail view */
	ui_view_key(&v, &s, '\r');
	assert_int_equal(v.mode, MODE_DETAIL);
	assert_true(v.detail_is_event);
	assert_int_equal(v.detail_ev.victim_pid, 31950);
	assert_int_equal(v.detail_pid, 0);
	assert_false(ui_view_wants_pagetypeinfo(&v));
	/* Esc goes back to the events, Esc again to the main screen */
	ui_view_key(&v, &s, 27);
	assert_int_equal(v.mode, MODE_EVENTS);
	assert_false(v.detail_is_event);
	assert_int_equal(v.esel, 1);
	ui_view_key(&v, &s, KEY_BACKSPACE);
	assert_int_equal(v.mode, MODE_MAIN);
	/* E toggles; help from the events returns to them */
	ui_view_key(&v, &s, 'E');
	ui_view_key(&v, &s, '?');
	assert_int_equal(v.mode, MODE_HELP);
	ui_view_key(&v, &s, 27);
	assert_int_equal(v.mode, MODE_EVENTS);
	ui_view_key(&v, &s, 'E');
	assert_int_equal(v.mode, MODE_MAIN);
	/* no events: Enter opens nothing */
	s.nevents = 0;
	ui_view_key(&v, &s, 'E');
	ui_view_key(&v, &s, '\n');
	assert_int_equal(v.mode, MODE_EVENTS);
	s.nevents = 4;
	ui_view_free(&v);
	snapshot_free(&s);
}

/* Many kills on a short screen: the selection stays whole in view. */
static void
test_events_scroll_and_mouse(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	int rows;

	(void)state;
	events_snapshot(&s);
	s.events = realloc(s.events, 40 * sizeof *s.events);
	for (int i = 4; i < 40; i++)
		s.events[i] = s.events[1 + i % 2];
	s.nevents = 40;
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	rows = v.lay.body_rows - UI_EVENTS_HEAD;
	ui_view_key(&v, &s, 'E');
	for (int i = 0; i < 12; i++) {
		int used = 0;
		ui_view_key(&v, &s, KEY_DOWN);
		for (int k = v.etop; k <= v.esel; k++)
			used += ui_event_height(ui_event(&s, k));
		assert_true(used <= rows);
		assert_true(v.etop <= v.esel);
	}
	assert_int_equal(v.esel, 12);
	assert_true(v.etop > 0);
	ui_view_key(&v, &s, KEY_NPAGE);
	assert_int_equal(v.esel, 12 + rows / 2);
	ui_view_key(&v, &s, KEY_HOME);
	assert_int_equal(v.etop, 0);

	/* the list starts on screen row 4; each kill takes two rows */
	ui_view_click(&v, &s, 4 + 2, 5, CLICK_PRESS);
	assert_int_equal(v.esel, 1);
	ui_view_click(&v, &s, 4 + 3, 5, CLICK_PRESS);
	assert_int_equal(v.esel, 1);
	ui_view_click(&v, &s, 4 + 4, 5, CLICK_PRESS);
	assert_int_equal(v.esel, 2);
	ui_view_click(&v, &s, 3, 5, CLICK_PRESS);	/* the headings */
	assert_int_equal(v.esel, 2);
	ui_view_click(&v, &s, 10, 5, CLICK_WHEEL_DOWN);
	assert_int_equal(v.esel, 5);
	ui_view_click(&v, &s, 4, 5, CLICK_DOUBLE);
	assert_int_equal(v.mode, MODE_DETAIL);
	assert_true(v.detail_is_event);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_events_view_drawn(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	events_snapshot(&s);
	canvas_init(&cv, 200, 30, false);
	ui_view_init(&v, 2);
	ui_view_key(&v, &s, 'E');
	ui_view_key(&v, &s, KEY_DOWN);
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "EVENTS  4 kept, newest first");
	expect_in(t, "  TIME      KIND          WHAT");
	expect_in(t, "  02:43:11  zone went     node 0 Movable vanished");
	expect_in(t, "  02:43:11  OOM kill      OOM kill of python3 (pid 31950)");
	/* the second line: victim, rank, constraint, request, report */
	expect_in(t, "victim python3 (pid 31950) · rank 2, not predicted · "
	    "memcg /zt-oom-31883 (limit 64.0M) · GFP_KERNEL, order 0 · "
	    "Enter explains");
	expect_in(t, "victim python3 (pid 31956) · rank 1, predicted");
	/* the seed's own kill: a guess without a report */
	expect_in(t, "victim guessed: memcheck-amd64- (pid 3841) · rank n/a · "
	    "no kernel report");
	expect_in(t, "Esc close  Up/Down select  Enter explain");
	/* the selection covers both rows of the kill, and nothing else */
	assert_true(canvas_cell(&cv, 5, 40)->flags & CELL_SEL);
	assert_true(canvas_cell(&cv, 6, 40)->flags & CELL_SEL);
	assert_false(canvas_cell(&cv, 4, 40)->flags & CELL_SEL);
	assert_false(canvas_cell(&cv, 7, 40)->flags & CELL_SEL);
	assert_int_equal(canvas_cell(&cv, 5, 12)->role, RL_CRIT);
	free(t);

	/* not root: said in the title */
	s.kmsg.ok = false;
	strlcpy0(s.kmsg.why, "/dev/kmsg: permission denied", sizeof s.kmsg.why);
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(row(&cv, 2),
	    "kernel log not read: /dev/kmsg: permission denied"));
	/* a kill without a report, as recordings of before victim_guessed
	 * hold it: a guess all the same, and no name to give */
	s.events[0].victim_guessed = false;
	s.events[0].victim_comm[0] = '\0';
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "victim guessed: pid 3841 · rank n/a · no kernel report");
	free(t);
	/* none at all, live and in a recording */
	s.nevents = 0;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "none since zonetop started");
	expect_in(t, "their victims guessed");
	free(t);
	v.replay = true;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "none in the recording up to this sample");
	free(t);
	v.replay = false;
	s.nevents = 4;
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_explanation(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;
	int used;

	(void)state;
	events_snapshot(&s);
	ui_view_init(&v, 2);
	ui_view_key(&v, &s, 'E');
	ui_view_key(&v, &s, KEY_DOWN);
	ui_view_key(&v, &s, '\n');
	canvas_init(&cv, 80, 600, false);
	used = detail_draw(&cv, &s, NULL, &v);
	t = screen_rows(&cv, used);
	assert_true(used > 30);
	expect_in(t, "Event 02:43:11  OOM kill");
	expect_in(t, "  OOM kill of python3 (pid 31950)");
	/* the explain text: the constraint, the cgroup, the victim */
	expect_in(t, "memcg");
	expect_in(t, "/zt-oom-31883");
	expect_in(t, "verdict");
	/* LANG=C: the call trace's arrows are ->, never ? (a kernel trace's
	 * mark of an unreliable frame), the separators | */
	{
		struct canvas ac;
		char *at;
		int aused;
		canvas_init(&ac, 80, 600, true);
		aused = detail_draw(&ac, &s, NULL, &v);
		at = screen_rows(&ac, aused);
		expect_in(t, "\u2192");	/* this report's trace has a chain */
		expect_in(at, " -> ");
		assert_null(strstr(at, " ? "));
		assert_null(strstr(at, "\u2192"));
		free(at);
		canvas_free(&ac);
	}
	free(t);

	/* a guessed kill: no report, and why */
	canvas_clear(&cv);
	v.detail_ev = s.events[0];
	used = detail_draw(&cv, &s, NULL, &v);
	t = screen_rows(&cv, used);
	expect_in(t, "Event 02:43:11  OOM kill  (victim guessed)");
	expect_in(t, "No kernel report for this event");
	free(t);

	/* a report no longer kept */
	canvas_clear(&cv);
	v.detail_ev = s.events[1];
	v.detail_ev.report_id = 99;
	used = detail_draw(&cv, &s, NULL, &v);
	t = screen_rows(&cv, used);
	expect_in(t, "no longer kept");
	free(t);

	/* a zone event has none to explain */
	canvas_clear(&cv);
	v.detail_ev = s.events[3];
	used = detail_draw(&cv, &s, NULL, &v);
	t = screen_rows(&cv, used);
	expect_in(t, "Event 02:43:11  zone went");
	expect_in(t, "node 0 Movable vanished");
	expect_in(t, "Only OOM kills come with a kernel report");
	free(t);
	canvas_free(&cv);

	/* on the screen: a window onto it that scrolls under the event's
	 * title, where it is at the title's end, a page with a row kept */
	canvas_init(&cv, 80, 24, false);
	v.detail_ev = s.events[2];
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(row(&cv, 2), "Event 02:43:11  OOM kill"));
	assert_non_null(strstr(row(&cv, 2), " 1-20/"));
	assert_null(strstr(row(&cv, 1), "/"));
	ui_view_key(&v, &s, KEY_NPAGE);
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(row(&cv, 2), "Event 02:43:11  OOM kill"));
	assert_non_null(strstr(row(&cv, 2), " 20-39/"));
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_event_helpers),
		cmocka_unit_test(test_banner_layout),
		cmocka_unit_test(test_banner_drawn),
		cmocka_unit_test(test_events_keys),
		cmocka_unit_test(test_events_scroll_and_mouse),
		cmocka_unit_test(test_events_view_drawn),
		cmocka_unit_test(test_explanation),
	};

	return cmocka_run_group_tests(tests, ui_test_setup, NULL);
}
