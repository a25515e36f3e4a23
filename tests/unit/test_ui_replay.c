/*
 * test_ui_replay.c: replaying a recording and recording the live screen,
 * the view's side (replay.c) without a terminal or a file: stepping and
 * its clamping, seeks answered late, speeds and the wait between frames,
 * the go-to prompt's times, the timeline and Enter on an event, w's
 * prompt and its default path, what is refused where (w in a replay, p
 * in a replay even of a live recording, the replay keys on the live
 * screen), the sparklines forgetting a jump, the header and footer, the
 * columns zonetoprc chooses.
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
#include "replay.h"
#include "test_ui_seed.h"
#include "keys.h"
#include "view.h"

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

static void
keys(struct ui_view *v, const struct zt_snapshot *s, const char *k)
{
	for (; *k; k++)
		ui_view_key(v, s, (unsigned char)*k);
}

/* A replay view of a 12-frame recording, frame 0 shown. */
static void
replay_view(struct ui_view *v, struct zt_snapshot *s)
{
	seed_snapshot(s);
	s->live = true;		/* recorded on a running system */
	ui_view_init(v, 2);
	v->replay = v->paused = true;
	v->rp.frames = 12;
	replay_shown(v, 0, 0, s);
	ui_layout(v, s, 80, 24);
}

static void
test_step_and_wait(void **state)
{
	(void)state;
	assert_int_equal(replay_step(0, 1, 12), 1);
	assert_int_equal(replay_step(0, -1, 12), 0);
	assert_int_equal(replay_step(11, 1, 12), 11);
	assert_int_equal(replay_step(5, -100, 12), 0);
	assert_int_equal(replay_step(5, 100, 12), 11);
	assert_int_equal(replay_step(-1, 0, 12), 0);
	assert_int_equal(replay_step(3, 1, 0), -1);

	/* the gap over the speed */
	assert_true(fabs(replay_wait(2, 1) - 2) < 1e-9);
	assert_true(fabs(replay_wait(2, 10) - 0.2) < 1e-9);
	assert_true(fabs(replay_wait(60, 60) - 1) < 1e-9);
	/* a gap of hours (recording stopped a while) is cut short */
	assert_true(replay_wait(8 * 3600, 1) == REPLAY_MAX_WAIT);
	assert_true(replay_wait(8 * 3600, 60) == REPLAY_MAX_WAIT);
	/* at most 50 frames a second; a clock that stepped back moves on */
	assert_true(replay_wait(0.1, 60) == REPLAY_MIN_WAIT);
	assert_true(replay_wait(-3, 1) == REPLAY_MIN_WAIT);
	assert_true(replay_wait(NAN, 1) == REPLAY_MIN_WAIT);
	assert_true(fabs(replay_wait(1, 0) - 1) < 1e-9);
	assert_int_equal(replay_speeds[0], 1);
	assert_int_equal(replay_speeds[1], 10);
	assert_int_equal(replay_speeds[2], 60);
}

static void
test_parse_goto(void **state)
{
	/* 2026-11-26 11:08:21.222 UTC */
	struct timespec at = { 1795691301, 222000000 }, t;
	long frame = -7;
	char why[160];

	(void)state;
	assert_int_equal(replay_parse_goto("11:08:22", &at, &t, &frame, why,
	    sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795691302);
	assert_int_equal(t.tv_nsec, 0);
	assert_int_equal(replay_parse_goto(" 11:09 ", &at, &t, &frame, why,
	    sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795691340);
	/* a time of day is taken on the nearest day: just before midnight
	 * seen from just after it is the day before */
	struct timespec late = { 1795737630, 0 };	/* 2026-11-27 00:00:30 */
	assert_int_equal(replay_parse_goto("23:59:50", &late, &t, &frame, why,
	    sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795737590);
	assert_int_equal(replay_parse_goto("2026-11-26 11:08:17", &at, &t, &frame,
	    why, sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795691297);
	assert_int_equal(replay_parse_goto("2026-11-25T10:00", &at, &t, &frame,
	    why, sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795600800);
	/* relative to the frame shown */
	assert_int_equal(replay_parse_goto("+30", &at, &t, &frame, why,
	    sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795691331);
	assert_int_equal(t.tv_nsec, 222000000);
	assert_int_equal(replay_parse_goto("-1.5m", &at, &t, &frame, why,
	    sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795691211);
	assert_int_equal(replay_parse_goto("+2h", &at, &t, &frame, why,
	    sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795691301 + 7200);
	assert_int_equal(replay_parse_goto("-5s", &at, &t, &frame, why,
	    sizeof why), 1);
	assert_int_equal(t.tv_sec, 1795691296);
	/* a sample by its number, from 1 */
	assert_int_equal(replay_parse_goto("#3", &at, &t, &frame, why,
	    sizeof why), 2);
	assert_int_equal(frame, 2);

	static const char *const bad[] = {
		"", "#0", "#-1", "#x", "+", "-", "+5d", "+1e30", "25:00:00",
		"11:08:22x", "2026-13-01 00:00", "yesterday", "11", "#3 4",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		if (replay_parse_goto(bad[i], &at, &t, &frame, why, sizeof why) != -1)
			fprintf(stderr, "accepted: '%s'\n", bad[i]);
		assert_int_equal(replay_parse_goto(bad[i], &at, &t, &frame, why,
		    sizeof why), -1);
		assert_non_null(strstr(why, "not a time"));
	}
	/* what the user typed is escaped in the message */
	replay_parse_goto("\x1b[2J", &at, &t, &frame, why, sizeof why);
	assert_non_null(strstr(why, "'\\e[2J'"));
}

static void
test_record_path(void **state)
{
	struct zt_snapshot s;
	char b[128];

	(void)state;
	seed_snapshot(&s);
	replay_record_path(b, sizeof b, &s);
	assert_string_equal(b, "./zonetop-myhost-20160307-024311.ztrec");
	strlcpy0(s.hostname, ".a/b c\x1b", sizeof s.hostname);
	replay_record_path(b, sizeof b, &s);
	assert_string_equal(b, "./zonetop-_a_b_c_-20160307-024311.ztrec");
	s.hostname[0] = '\0';
	replay_record_path(b, sizeof b, &s);
	assert_string_equal(b, "./zonetop-host-20160307-024311.ztrec");
	replay_record_path(b, sizeof b, NULL);
	assert_string_equal(b, "./zonetop-host-00000000-000000.ztrec");
	snapshot_free(&s);
}

static void
test_step_keys(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	replay_view(&v, &s);
	assert_int_equal(ui_key_action('[', MODE_MAIN), A_STEP_BACK);
	assert_int_equal(ui_key_action(KEY_LEFT, MODE_DETAIL), A_STEP_BACK);
	assert_int_equal(ui_key_action(']', MODE_TIMELINE), A_STEP_FWD);
	assert_int_equal(ui_key_action(KEY_RIGHT, MODE_MAIN), A_STEP_FWD);
	assert_int_equal(ui_key_action('T', MODE_HELP), A_NONE);

	/* back from the first frame: nothing asked, said why */
	keys(&v, &s, "[");
	assert_int_equal(v.rp.seq, 0);
	assert_non_null(strstr(v.msg, "first sample"));
	/* three steps before the feed answers any: they add up */
	keys(&v, &s, "]]]");
	assert_int_equal(v.rp.want, 3);
	assert_int_equal(v.rp.seq, 3);
	assert_false(v.rp.by_time);
	/* a late answer to the first does not move what is asked back */
	replay_shown(&v, 1, 1, &s);
	assert_int_equal(v.rp.frame, 1);
	assert_int_equal(v.rp.want, 3);
	replay_shown(&v, 3, 3, &s);
	assert_int_equal(v.rp.want, 3);
	/* stepping pauses playing */
	keys(&v, &s, " ");
	assert_false(v.paused);
	assert_non_null(strstr(v.msg, "playing at 1x"));
	ui_view_key(&v, &s, KEY_LEFT);
	assert_true(v.paused);
	assert_int_equal(v.rp.want, 2);
	/* frames the feed played on by itself carry the last seek answered */
	replay_shown(&v, 2, 4, &s);
	replay_shown(&v, 3, 4, &s);
	assert_int_equal(v.rp.want, 3);
	/* the end */
	v.rp.want = 11;
	replay_shown(&v, 11, 4, &s);
	keys(&v, &s, "]");
	assert_int_equal(v.rp.want, 11);
	assert_non_null(strstr(v.msg, "last sample"));
	keys(&v, &s, " ");
	assert_non_null(strstr(v.msg, "at the last sample"));
	/* the file grew */
	v.rp.frames = 13;
	keys(&v, &s, "]");
	assert_int_equal(v.rp.want, 12);

	/* speeds: 1, 2 and 3 play at that speed, as the help says */
	v.paused = true;
	keys(&v, &s, "2");
	assert_int_equal(v.rp.speed, 10);
	assert_false(v.paused);
	v.paused = true;
	keys(&v, &s, "3");
	assert_int_equal(v.rp.speed, 60);
	assert_false(v.paused);
	assert_non_null(strstr(v.msg, "playing at 60x"));
	keys(&v, &s, "1");
	assert_int_equal(v.rp.speed, 1);
	/* the interval means nothing to a replay */
	keys(&v, &s, "+");
	assert_non_null(strstr(v.msg, "no effect"));
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_refused(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	/* a replay of a live recording: p, e, u and w act on nothing */
	replay_view(&v, &s);
	keys(&v, &s, "\t\t");
	assert_int_equal(v.focus, PANEL_PROCS);
	keys(&v, &s, "p");
	assert_int_equal(v.mode, MODE_MAIN);
	assert_non_null(strstr(v.msg, "not the running system"));
	keys(&v, &s, "e");
	assert_int_equal(v.mode, MODE_MAIN);
	keys(&v, &s, "w");
	assert_int_equal(v.mode, MODE_MAIN);
	assert_false(v.rec.want);
	assert_non_null(strstr(v.msg, "this is a replay"));
	ui_view_free(&v);

	/* the live screen: the replay keys say where they work */
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	keys(&v, &s, "]2tT");
	assert_int_equal(v.mode, MODE_MAIN);
	assert_int_equal(v.rp.seq, 0);
	assert_int_equal(v.rp.speed, 1);
	assert_non_null(strstr(v.msg, "zonetop replay FILE"));
	/* space pauses sampling, as before */
	keys(&v, &s, " ");
	assert_true(v.paused);
	assert_non_null(strstr(v.msg, "paused: space resumes"));
	/* and a capture has nothing to record */
	v.still = true;
	keys(&v, &s, "w");
	assert_int_equal(v.mode, MODE_MAIN);
	assert_non_null(strstr(v.msg, "a capture is a still"));
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_goto_prompt(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	replay_view(&v, &s);
	v.paused = false;
	keys(&v, &s, "t#5\n");
	assert_int_equal(v.mode, MODE_MAIN);
	assert_int_equal(v.rp.want, 4);
	assert_int_equal(v.rp.seq, 1);
	/* the jump lands and stays there */
	assert_true(v.paused);
	assert_non_null(strstr(v.msg, "went to sample 5 (paused"));
	keys(&v, &s, "t#13\n");
	assert_int_equal(v.rp.seq, 1);
	assert_non_null(strstr(v.msg, "no sample #13: the recording has 12"));
	/* a time: the feed finds the nearest frame (rec_find_time) */
	keys(&v, &s, "t02:44\n");
	assert_int_equal(v.rp.seq, 2);
	assert_true(v.rp.by_time);
	assert_int_equal(v.rp.want_time.tv_sec, 1457318640);
	keys(&v, &s, "tnoon\n");
	assert_int_equal(v.rp.seq, 2);
	assert_non_null(strstr(v.msg, "not a time: 'noon'"));
	/* Esc and an empty line ask for nothing */
	keys(&v, &s, "t#2\x1b");
	keys(&v, &s, "t\n");
	assert_int_equal(v.rp.seq, 2);
	assert_int_equal(v.mode, MODE_MAIN);
	/* an error is replaced by the next good jump's message */
	keys(&v, &s, "tfoo\n");
	assert_non_null(strstr(v.msg, "not a time: 'foo'"));
	v.paused = false;
	keys(&v, &s, "t#2\n");
	assert_null(strstr(v.msg, "not a time"));
	assert_true(v.paused);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_timeline(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	struct rec_event *ev = calloc(3, sizeof *ev);
	static const long frames[3] = { 2, 5, 9 };

	(void)state;
	replay_view(&v, &s);
	for (int i = 0; i < 3; i++) {
		ev[i].frame = frames[i];
		ev[i].ev.kind = i == 1 ? ZT_EV_OOM_KILL : ZT_EV_ZONE_RESIZED;
		ev[i].ev.when.tv_sec = s.when.tv_sec + frames[i];
		snprintf(ev[i].ev.text, sizeof ev[i].ev.text, "event %d", i);
	}
	replay_set_events(&v.rp, ev, 3);
	replay_shown(&v, 6, 0, &s);
	/* T opens on the newest event at or before the frame shown */
	keys(&v, &s, "T");
	assert_int_equal(v.mode, MODE_TIMELINE);
	assert_int_equal(v.rp.tsel, 1);
	ui_view_key(&v, &s, KEY_DOWN);
	ui_view_key(&v, &s, KEY_DOWN);
	ui_view_key(&v, &s, KEY_DOWN);
	assert_int_equal(v.rp.tsel, 2);
	ui_view_key(&v, &s, KEY_HOME);
	assert_int_equal(v.rp.tsel, 0);
	ui_view_key(&v, &s, KEY_UP);
	assert_int_equal(v.rp.tsel, 0);
	ui_view_key(&v, &s, KEY_END);
	assert_int_equal(v.rp.tsel, 2);

	/* drawn: one row each, the selection reversed, the future dim */
	struct canvas cv;
	char buf[256];
	canvas_init(&cv, 80, 24, false);
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(canvas_row(&cv, 2, buf, sizeof buf),
	    "TIMELINE  3 events in 12 samples; shown: sample 7 at 2016-03-07 02:43:11");
	assert_string_equal(canvas_row(&cv, 4, buf, sizeof buf),
	    "  2016-03-07 02:43:13  3/12       zone resized  event 0");
	assert_string_equal(canvas_row(&cv, 5, buf, sizeof buf),
	    "> 2016-03-07 02:43:16  6/12       OOM kill  event 1");
	assert_string_equal(canvas_row(&cv, 6, buf, sizeof buf),
	    "  2016-03-07 02:43:20  10/12      zone resized  event 2");
	assert_int_equal(canvas_cell(&cv, 5, 34)->role, RL_CRIT);
	assert_int_equal(canvas_cell(&cv, 6, 34)->role, RL_DIM);
	assert_true(canvas_cell(&cv, 6, 40)->flags & CELL_SEL);
	assert_false(canvas_cell(&cv, 5, 40)->flags & CELL_SEL);
	assert_non_null(strstr(canvas_row(&cv, 23, buf, sizeof buf),
	    "Enter go there"));

	/* Enter goes to the event's frame and back to the screen */
	keys(&v, &s, "\n");
	assert_int_equal(v.mode, MODE_MAIN);
	assert_int_equal(v.rp.want, 9);
	assert_int_equal(v.rp.seq, 1);
	assert_non_null(strstr(v.msg, "zone resized at 02:43:20, sample 10"));
	/* T again and T closes, as Esc does */
	keys(&v, &s, "TT");
	assert_int_equal(v.mode, MODE_MAIN);
	keys(&v, &s, "T\x1b");
	assert_int_equal(v.mode, MODE_MAIN);

	/* none: said so, and Enter does nothing */
	replay_set_events(&v.rp, NULL, 0);
	keys(&v, &s, "T\n");
	assert_int_equal(v.mode, MODE_TIMELINE);
	assert_int_equal(v.rp.seq, 1);
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(canvas_row(&cv, 4, buf, sizeof buf),
	    "  no events in this recording");
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_record_prompt(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);
	s.live = true;
	ui_view_init(&v, 2);
	ui_layout(&v, &s, 80, 24);
	assert_int_equal(ui_key_action('w', MODE_MAIN), A_RECORD);
	keys(&v, &s, "w");
	assert_int_equal(v.mode, MODE_PROMPT);
	assert_int_equal(v.prompt, PROMPT_RECORD);
	assert_string_equal(v.input, "./zonetop-myhost-20160307-024311.ztrec");
	keys(&v, &s, "\x1b");
	assert_false(v.rec.want);
	/* another name: erase the default, type it */
	keys(&v, &s, "w\x15/tmp/r.ztrec\n");
	assert_int_equal(v.mode, MODE_MAIN);
	assert_true(v.rec.want);
	assert_int_equal(v.rec.seq, 1);
	assert_string_equal(v.rec.path, "/tmp/r.ztrec");
	/* w again stops it, before the feed said it started or after */
	keys(&v, &s, "w");
	assert_false(v.rec.want);
	assert_int_equal(v.mode, MODE_MAIN);
	v.rec.on = true;
	keys(&v, &s, "w");
	assert_false(v.rec.want);
	assert_int_equal(v.mode, MODE_MAIN);
	assert_non_null(strstr(v.msg, "recording stops"));
	v.rec.on = false;
	keys(&v, &s, "w\n");
	assert_true(v.rec.want);
	assert_int_equal(v.rec.seq, 2);
	assert_string_equal(v.rec.path, "./zonetop-myhost-20160307-024311.ztrec");

	/* the header says REC and how many samples, in the crit colour */
	struct canvas cv;
	char buf[256];
	v.rec.on = true;
	v.rec.frames = 42;
	canvas_init(&cv, 80, 24, false);
	v.now = v.msg_until;	/* the message has gone */
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(canvas_row(&cv, 0, buf, sizeof buf),
	    "REC 42  02:43:11  every 2s"));
	assert_int_equal(canvas_cell(&cv, 0, 80 - 26)->role, RL_CRIT);
	assert_int_equal(canvas_cell(&cv, 0, 80 - 19)->role, RL_HEADER);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_replay_screen(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	struct canvas cv;
	char buf[256];

	(void)state;
	replay_view(&v, &s);
	canvas_init(&cv, 80, 24, false);
	draw_screen(&cv, &s, NULL, &v);
	/* the replay's state wins over the host's line, which drops what
	 * does not fit whole: the uptime, then the kernel's suffix */
	assert_string_equal(canvas_row(&cv, 0, buf, sizeof buf),
	    "zonetop  myhost  4.4.0-x86_64-linode63             REPLAY 02:43:11  1/12  paused");
	strlcpy0(s.hostname, "build-server-03.example", sizeof s.hostname);
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(canvas_row(&cv, 0, buf, sizeof buf),
	    "zonetop  build-server-03.example  4.4.0            REPLAY 02:43:11  1/12  paused");
	/* a host too long for any of it is cut, the state stays whole */
	strlcpy0(s.hostname, "a-very-long-host-name.of.some.example.org",
	    sizeof s.hostname);
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(canvas_row(&cv, 0, buf, sizeof buf),
	    "zonetop  a-very-long-host-name.of.some.example.o…  REPLAY 02:43:11  1/12  paused");
	strlcpy0(s.hostname, "myhost", sizeof s.hostname);
	assert_string_equal(canvas_row(&cv, 23, buf, sizeof buf),
	    "F1 help  q quit  space play  [ ] step  1 2 3 speed  t go to  T timeline");
	/* the candidates are the recording's: no rows "reading..." */
	assert_int_equal(ui_proc_total(&s, &v), s.nprocs);
	assert_null(strstr(canvas_row(&cv, 22, buf, sizeof buf), "reading"));
	/* playing, at 10x; at a wide terminal the date too */
	v.paused = false;
	v.rp.speed = 10;
	canvas_resize(&cv, 132, 43);
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(canvas_row(&cv, 0, buf, sizeof buf),
	    "REPLAY 2016-03-07 02:43:11  1/12  play 10x"));
	v.rp.at_end = true;
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(canvas_row(&cv, 0, buf, sizeof buf),
	    "1/12  at the end"));
	/* the prompts */
	keys(&v, &s, "t");
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(canvas_row(&cv, 42, buf, sizeof buf),
	    "go to (HH:MM:SS, date and time, +-N[smh], #sample):"));
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_jump_forgets_history(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	replay_view(&v, &s);
	ui_view_observe(&v, &s);
	replay_shown(&v, 1, 0, &s);
	ui_view_observe(&v, &s);
	assert_int_equal(ui_view_zone_hist(&v, 0, "DMA32")->free.n, 2);
	/* the next frame keeps it, a jump (either way) starts it again */
	replay_shown(&v, 5, 0, &s);
	assert_null(ui_view_zone_hist(&v, 0, "DMA32"));
	assert_int_equal(v.swap_io.n, 0);
	ui_view_observe(&v, &s);
	replay_shown(&v, 4, 0, &s);
	assert_null(ui_view_zone_hist(&v, 0, "DMA32"));
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_columns_chosen(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	struct ui_cols c;
	struct canvas cv;
	char buf[256];
	static const int order[] = { COL_PID, COL_RSS, COL_SCORE, COL_CMD };

	(void)state;
	seed_snapshot(&s);
	ui_view_init(&v, 2);
	/* none chosen: the default */
	struct ui_cols d;
	ui_proc_columns(80, &d);
	ui_view_columns(&v, 80, &c);
	assert_memory_equal(&c, &d, sizeof c);

	memcpy(v.cols, order, sizeof order);
	v.ncols = 4;
	ui_view_columns(&v, 80, &c);
	assert_int_equal(c.x[COL_PID], 1);
	assert_int_equal(c.x[COL_RSS], 9);
	assert_int_equal(c.x[COL_SCORE], 16);
	assert_int_equal(c.x[COL_CMD], 22);
	assert_int_equal(c.w[COL_CMD], 80 - 22);
	assert_int_equal(c.w[COL_RANK], 0);
	assert_int_equal(c.w[COL_USER], 0);
	assert_int_equal(c.w[COL_CGROUP], 0);
	/* wide: the cgroup only where it is chosen */
	ui_view_columns(&v, 132, &c);
	assert_int_equal(c.w[COL_CGROUP], 0);
	assert_int_equal(c.w[COL_CMD], 132 - 22);

	/* drawn: only those, in that order, the victim mark still first */
	canvas_init(&cv, 80, 24, false);
	v.still = true;
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(canvas_row(&cv, 16, buf, sizeof buf),
	    "     PID     RSS  OOM COMMAND");
	assert_string_equal(canvas_row(&cv, 17, buf, sizeof buf),
	    "▶   3841      0K   11 memcheck-amd64-");
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_and_wait),
		cmocka_unit_test(test_parse_goto),
		cmocka_unit_test(test_record_path),
		cmocka_unit_test(test_step_keys),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_goto_prompt),
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_record_prompt),
		cmocka_unit_test(test_replay_screen),
		cmocka_unit_test(test_jump_forgets_history),
		cmocka_unit_test(test_columns_chosen),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
