/*
 * test_ui_protect.c: keys p, e and u of the live monitor.  The dialog's
 * logic and drawing on the seed VM (test_ui_seed.h, made live), then
 * change.c on a real child of this test: the value typed reaches the
 * child's /proc/PID/oom_score_adj, u puts the old one back, -1000
 * either works (with CAP_SYS_RESOURCE) or fails with the clear message
 * and changes nothing, and a child that is gone, or whose start time is
 * not the sample's, is refused.
 */
#include <locale.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curses.h>

#include "canvas.h"
#include "change.h"
#include "draw.h"
#include "test_ui_screen.h"
#include "test_ui_seed.h"
#include "view.h"

/* What change_run() does when it has taken hold of the process. */
static void
opened(struct ui_view *v, int cur)
{
	v->dlg.req = DREQ_NONE;
	ui_dialog_opened(v, cur);
}

/* The seed, as if sampled from the running system. */
static void
live_seed(struct zt_snapshot *s, struct ui_view *v)
{
	seed_snapshot(s);
	s->live = true;
	for (int i = 0; i < s->nprocs; i++)
		s->procs[i].start_time = 1000 + (uint64_t)i;
	ui_view_init(v, 2);
	ui_layout(v, s, 80, 24);
}

static void
test_dialog_keys(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	live_seed(&s, &v);
	assert_int_equal(ui_key_action('p', MODE_MAIN), A_ADJ_PROTECT);
	assert_int_equal(ui_key_action('e', MODE_MAIN), A_ADJ_EDIT);
	assert_int_equal(ui_key_action('u', MODE_MAIN), A_ADJ_RESTORE);
	assert_int_equal(ui_key_action('p', MODE_DETAIL), A_ADJ_PROTECT);
	/* the dialog takes every key: q does not quit, - is not the interval */
	assert_int_equal(ui_key_action('q', MODE_DIALOG), A_NONE);

	/* p on the zones: the candidates get the focus, the first is chosen */
	assert_int_equal(v.focus, PANEL_ZONES);
	ui_view_key(&v, &s, 'p');
	assert_int_equal(v.focus, PANEL_PROCS);
	assert_int_equal(v.mode, MODE_DIALOG);
	assert_int_equal(v.dlg.kind, DLG_PROTECT);
	assert_int_equal(v.dlg.req, DREQ_OPEN);
	assert_int_equal(v.dlg.pid, 3841);
	assert_true(v.dlg.start_time == 1000);
	assert_string_equal(v.dlg.comm, "memcheck-amd64-");
	assert_int_equal(v.dlg.adj, PROTECT_ADJ_DEFAULT);
	opened(&v, 0);
	assert_true(v.dlg.have_cur);
	keys(&v, &s, "q+3");		/* nothing to type into */
	assert_false(v.quit);
	assert_int_equal(v.dlg.adj, -1000);
	ui_view_key(&v, &s, 'n');
	assert_int_equal(v.mode, MODE_MAIN);
	assert_int_equal(v.dlg.req, DREQ_CLOSE);
	assert_int_equal(v.dlg.kind, DLG_NONE);
	assert_string_equal(v.msg, "cancelled: pid 3841 unchanged");
	v.dlg.req = DREQ_NONE;

	/* the configured level; Enter writes, unless the terminal is too
	 * small to show what it would write */
	v.protect_level = -500;
	ui_view_key(&v, &s, 'p');
	assert_int_equal(v.dlg.adj, -500);
	v.dlg.req = DREQ_NONE;
	v.lay.too_small = true;
	ui_view_key(&v, &s, '\r');
	assert_int_equal(v.dlg.req, DREQ_NONE);
	ui_layout(&v, &s, 80, 24);
	ui_view_key(&v, &s, '\r');
	assert_int_equal(v.dlg.req, DREQ_WRITE);
	ui_dialog_close(&v);

	/* e: the field starts at the value read, a digit replaces it */
	ui_view_key(&v, &s, KEY_DOWN);
	ui_view_key(&v, &s, 'e');
	assert_int_equal(v.dlg.pid, 3837);
	assert_int_equal(v.dlg.kind, DLG_EDIT);
	opened(&v, 500);
	assert_string_equal(v.dlg.input, "500");
	assert_int_equal(v.dlg.adj, 500);
	keys(&v, &s, "300");
	assert_string_equal(v.dlg.input, "300");
	assert_int_equal(v.dlg.adj, 300);
	/* + and - step by 100; the stepped value is replaced by a digit */
	keys(&v, &s, "-");
	assert_string_equal(v.dlg.input, "200");
	keys(&v, &s, "++");
	assert_int_equal(v.dlg.adj, 400);
	ui_view_key(&v, &s, KEY_DOWN);
	assert_int_equal(v.dlg.adj, 300);
	keys(&v, &s, "7");
	assert_string_equal(v.dlg.input, "7");
	/* Backspace on a read or stepped value clears it; '-' then signs */
	keys(&v, &s, "+");
	ui_view_key(&v, &s, KEY_BACKSPACE);
	assert_string_equal(v.dlg.input, "");
	assert_string_equal(v.dlg.err, "type a value (-1000..1000)");
	ui_view_key(&v, &s, 'y');
	assert_int_equal(v.dlg.req, DREQ_NONE);	/* nothing to write */
	keys(&v, &s, "-5");
	assert_string_equal(v.dlg.input, "-5");
	assert_int_equal(v.dlg.adj, -5);
	assert_string_equal(v.dlg.err, "");
	ui_view_key(&v, &s, 127);
	assert_string_equal(v.dlg.input, "-");
	assert_string_equal(v.dlg.err, "not a number");
	keys(&v, &s, "99999");		/* five characters at most */
	assert_string_equal(v.dlg.input, "-9999");
	assert_string_equal(v.dlg.err, "value out of range (-1000..1000)");
	ui_view_key(&v, &s, '\n');
	assert_int_equal(v.dlg.req, DREQ_NONE);
	/* ^U clears; stepping past the ends stops at them */
	ui_view_key(&v, &s, 'u' & 0x1f);
	keys(&v, &s, "1000+");
	assert_int_equal(v.dlg.adj, 1000);
	ui_view_key(&v, &s, 'u' & 0x1f);
	keys(&v, &s, "-1000-");
	assert_int_equal(v.dlg.adj, -1000);
	ui_view_key(&v, &s, 'Y');
	assert_int_equal(v.dlg.req, DREQ_WRITE);
	/* Esc cancels */
	v.dlg.req = DREQ_NONE;
	ui_view_key(&v, &s, 27);
	assert_int_equal(v.mode, MODE_MAIN);
	assert_int_equal(v.dlg.req, DREQ_CLOSE);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_dialog_refused(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	live_seed(&s, &v);
	/* u before zonetop changed anything */
	ui_view_key(&v, &s, 'u');
	assert_int_equal(v.mode, MODE_MAIN);
	assert_string_equal(v.msg, "pid 3841: zonetop has not changed its "
	    "oom_score_adj, nothing to restore");
	/* after a change: u writes the value from before */
	protect_remember(&v.changes, 3841, 1000, 200, -1000);
	ui_view_key(&v, &s, 'u');
	assert_int_equal(v.dlg.kind, DLG_RESTORE);
	assert_int_equal(v.dlg.adj, 200);
	ui_dialog_close(&v);
	/* the same pid with another start time is another process */
	s.procs[0].start_time = 999;
	v.msg[0] = '\0';
	ui_view_key(&v, &s, 'u');
	assert_int_equal(v.mode, MODE_MAIN);
	assert_non_null(strstr(v.msg, "nothing to restore"));
	/* a row ranked but not read yet */
	v.psel = 20;
	ui_view_key(&v, &s, 'e');
	assert_int_equal(v.mode, MODE_MAIN);
	assert_string_equal(v.msg, "no candidate selected");
	/* a capture or a recording */
	v.psel = 0;
	s.live = false;
	ui_view_key(&v, &s, 'p');
	assert_int_equal(v.mode, MODE_MAIN);
	assert_non_null(strstr(v.msg, "not the running system (a capture or a "
	    "recording)"));
	ui_view_key(&v, NULL, 'p');
	assert_int_equal(v.mode, MODE_MAIN);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* p, e and u in a process's detail view act on that process, and the
 * dialog goes back to the detail; elsewhere they say why not. */
/* Under -p (the rows are only the matches, their ranks and the victim
 * the machine's): the preview re-ranks the matches among themselves,
 * before and after alike, and says so; it never offers "-> none" for
 * a machine whose victim is outside the filter. */
static void
test_dialog_filtered(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	live_seed(&s, &v);
	snprintf(s.procs_filter, sizeof s.procs_filter, "-p 3841,3837");
	s.predicted_victim = 1;		/* the machine's victim, not a match */
	canvas_init(&cv, 80, 24, false);
	ui_view_key(&v, &s, 'p');
	opened(&v, 0);
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "rank           1 -> 7 of 8 matching");
	expect_in(t, "victim here    3841 memcheck-amd64- -> 3837 memcheck-amd64-");
	expect_in(t, "among the matches of -p 3841,3837 only");
	assert_null(strstr(t, "-> none"));
	assert_null(strstr(t, " ? "));
	free(t);
	ui_dialog_close(&v);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_dialog_from_detail(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;

	(void)state;
	live_seed(&s, &v);
	v.mode = MODE_DETAIL;
	v.detail_pid = 3837;
	ui_view_key(&v, &s, 'p');
	assert_int_equal(v.mode, MODE_DIALOG);
	assert_int_equal(v.dlg.pid, 3837);
	ui_view_key(&v, &s, 27);
	assert_int_equal(v.mode, MODE_DETAIL);
	assert_int_equal(v.detail_pid, 3837);
	v.dlg.req = DREQ_NONE;
	/* a process that left the sample */
	v.detail_pid = 99999;
	ui_view_key(&v, &s, 'e');
	assert_int_equal(v.mode, MODE_DETAIL);
	assert_non_null(strstr(v.msg, "not in this sample"));
	/* a zone's detail */
	v.detail_pid = 0;
	ui_view_key(&v, &s, 'p');
	assert_int_equal(v.mode, MODE_DETAIL);
	assert_non_null(strstr(v.msg, "act on a process"));
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_dialog_drawn(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	live_seed(&s, &v);
	free(s.procs[0].cgroup);
	s.procs[0].cgroup = strdup("/system.slice/memcheck.service");
	canvas_init(&cv, 80, 24, false);
	ui_view_key(&v, &s, 'p');
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "Protect from the OOM killer");
	expect_in(t, "process        3841  memcheck-amd64-");
	expect_in(t, "oom_score_adj  reading... -> -1000");
	free(t);
	opened(&v, 0);
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "oom_score_adj  0 -> -1000");
	expect_in(t, "oom_score      11 -> 0 (estimated)");
	/* re-ranked as if written: last of the killable, the next in line
	 * becomes the victim */
	expect_in(t, "rank           1 -> 7 of 8 ranked");
	expect_in(t, "next victim    3841 memcheck-amd64- -> 3837 memcheck-amd64-");
	/* how to make it last: its service's drop-in */
	expect_in(t, "To keep -1000 for memcheck.service, create");
	expect_in(t, "/etc/systemd/system/memcheck.service.d/zonetop-oom.conf");
	expect_in(t, "OOMScoreAdjust=-1000");
	expect_in(t, "y/Enter write  n/Esc cancel");
	free(t);
	/* a write that failed: the reason, and the keys to retry or close */
	snprintf(v.dlg.err, sizeof v.dlg.err, "not permitted: lowering "
	    "oom_score_adj needs CAP_SYS_RESOURCE (run as root or with sudo)");
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "not permitted: lowering oom_score_adj needs");
	expect_in(t, "CAP_SYS_RESOURCE");
	expect_in(t, "y/Enter try again  n/Esc close");
	free(t);
	/* said when the dialog opens, before y: no CAP_SYS_RESOURCE */
	v.dlg.err[0] = '\0';
	v.dlg.no_cap = true;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "Cannot be lowered to -1000 here: this zonetop lacks");
	free(t);
	v.dlg.no_cap = false;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	assert_null(strstr(t, "Cannot be lowered"));
	free(t);
	ui_dialog_close(&v);

	/* e on the process with an escape in its name; not a service: choom */
	v.psel = 5;
	ui_view_key(&v, &s, 'e');
	opened(&v, 0);
	keys(&v, &s, "+");
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "Change oom_score_adj");
	expect_in(t, "process        4000  evil\\e[31mred\\xff");
	expect_in(t, "oom_score_adj  0 -> 100");
	expect_in(t, "type -1000..1000; + and - step by 100");
	expect_in(t, "choom -n 100 -- COMMAND");
	expect_in(t, "+/- step");
	free(t);
	/* the edit field: the value, selected while a digit replaces it,
	 * and the cursor after it */
	{
		int found = 0;
		for (int y = 0; y < cv.h; y++)
			for (int x = 1; x + 5 < cv.w; x++) {
				if (strstr(row(&cv, y), "oom_score_adj") == NULL ||
				    canvas_cell(&cv, y, x - 1)->ch != '-' ||
				    canvas_cell(&cv, y, x)->ch != '>' ||
				    canvas_cell(&cv, y, x + 2)->ch != '1')
					continue;
				found++;
				assert_false(canvas_cell(&cv, y, x + 1)->flags & CELL_SEL);
				for (int k = 2; k <= 5; k++)
					assert_true(canvas_cell(&cv, y, x + k)->flags &
					    CELL_SEL);
			}
		assert_int_equal(found, 1);
	}
	for (int y = 0; y < cv.h; y++)
		for (int x = 0; x < cv.w; x++)
			assert_true(canvas_cell(&cv, y, x)->ch >= 0x20 ||
			    canvas_cell(&cv, y, x)->flags & CELL_CONT);
	canvas_free(&cv);

	/* ASCII, a small terminal, and smaller than the dialog can be */
	canvas_init(&cv, 64, 16, true);
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "+- Change oom_score_adj ---");
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		assert_true(*p < 0x80);
	free(t);
	canvas_free(&cv);
	for (int w = 0; w < 30; w += 3)
		for (int h = 0; h < 12; h += 2) {
			canvas_init(&cv, w, h, false);
			draw_screen(&cv, &s, NULL, &v);
			canvas_free(&cv);
		}
	ui_view_free(&v);
	snapshot_free(&s);
}

/* What zonetop changed is marked on its row and in its detail. */
static void
test_changed_mark(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	live_seed(&s, &v);
	protect_remember(&v.changes, 3837, 1001, 0, 300);
	s.procs[1].oom_score_adj = 300;
	canvas_init(&cv, 80, 24, false);
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	/* the mark sits right before the value it marks */
	expect_in(t, "    2    3837  1000       11  *300");
	/* another process, and the same pid with another start, are not */
	expect_in(t, "1    3841  valgrind   11     0");
	free(t);
	s.procs[1].start_time = 5;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "    2    3837  1000       11   300");
	free(t);
	s.procs[1].start_time = 1001;
	canvas_free(&cv);

	canvas_init(&cv, 80, 100, false);
	v.detail_pid = 3837;
	detail_draw(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "zonetop set oom_score_adj to 300; it was 0 before (u "
	    "restores it)");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* ---- change.c on a real child ---- */

static pid_t child = -1;

static int
teardown_child(void **state)
{
	(void)state;
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		child = -1;
	}
	return 0;
}

static int
child_adj(void)
{
	char path[64];
	int v = -5000;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/oom_score_adj", (int)child);
	if ((f = fopen(path, "r")) == NULL)
		return -5000;
	if (fscanf(f, "%d", &v) != 1)
		v = -5000;
	fclose(f);
	return v;
}

static bool
have_cap_sys_resource(void)
{
	char line[256];
	unsigned long long eff = 0;
	FILE *f = fopen("/proc/self/status", "r");

	while (f != NULL && fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	if (f != NULL)
		fclose(f);
	return (eff >> 24) & 1;
}

static void
test_change_live(void **state)
{
	struct zt_snapshot s;
	struct ui_view v;
	struct ui_change c;
	struct protect_target t;
	struct procfs *pf;
	char err[PROTECT_ERR_LEN], want[160];
	int orig;

	(void)state;
	child = fork();
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(20);
		for (;;)
			pause();
	}
	assert_true(child > 0);
	/* the child's start time, as a sample would have it */
	pf = procfs_open(NULL, err, sizeof err);
	assert_non_null(pf);
	assert_int_equal(protect_open(pf, child, PROTECT_ANY_START, &t, err,
	    sizeof err), PROTECT_OK);
	assert_int_equal(protect_read(&t, &orig, err, sizeof err), PROTECT_OK);
	protect_close(&t);
	procfs_close(pf);
	assert_true(orig < 1000);

	live_seed(&s, &v);
	s.procs[0].pid = child;
	s.procs[0].start_time = t.start_time;
	s.procs[0].oom_score_adj = orig;
	s.predicted_victim = child;
	change_init(&c, NULL);

	/* e: the value read from the child, 1000 typed, written, logged */
	ui_view_key(&v, &s, 'e');
	change_run(&c, &v);
	assert_int_equal(v.mode, MODE_DIALOG);
	assert_true(v.dlg.have_cur);
	assert_int_equal(v.dlg.cur, orig);
	keys(&v, &s, "1000y");
	change_run(&c, &v);
	assert_int_equal(v.mode, MODE_MAIN);
	assert_int_equal(child_adj(), 1000);
	snprintf(want, sizeof want, "pid %d: oom_score_adj %d -> 1000", (int)child,
	    orig);
	assert_string_equal(v.msg, want);
	assert_non_null(protect_find(&v.changes, child, t.start_time));
	assert_int_equal(c.t.dirfd, -1);	/* let go */

	/* u: back to the value from before zonetop */
	ui_view_key(&v, &s, 'u');
	change_run(&c, &v);
	assert_int_equal(v.dlg.cur, 1000);
	assert_int_equal(v.dlg.adj, orig);
	ui_view_key(&v, &s, 'y');
	change_run(&c, &v);
	assert_int_equal(child_adj(), orig);
	snprintf(want, sizeof want, "pid %d: oom_score_adj 1000 -> %d (restored)",
	    (int)child, orig);
	assert_string_equal(v.msg, want);
	assert_null(protect_find(&v.changes, child, t.start_time));

	/* p: -1000 needs CAP_SYS_RESOURCE; without it nothing changes and
	 * the dialog stays with the reason */
	ui_view_key(&v, &s, 'p');
	change_run(&c, &v);
	ui_view_key(&v, &s, 'y');
	change_run(&c, &v);
	if (have_cap_sys_resource()) {
		assert_int_equal(child_adj(), -1000);
		assert_int_equal(v.mode, MODE_MAIN);
	} else {
		assert_int_equal(child_adj(), orig);
		assert_int_equal(v.mode, MODE_DIALOG);
		assert_non_null(strstr(v.dlg.err, "not permitted"));
		assert_non_null(strstr(v.dlg.err, "CAP_SYS_RESOURCE"));
		assert_non_null(strstr(v.msg, "not permitted"));
		assert_null(protect_find(&v.changes, child, t.start_time));
		ui_view_key(&v, &s, 27);
		change_run(&c, &v);
		assert_int_equal(v.mode, MODE_MAIN);
		assert_int_equal(c.t.dirfd, -1);
	}

	/* a start time that is not the child's: another process */
	s.procs[0].start_time = t.start_time + 1;
	ui_view_key(&v, &s, 'e');
	change_run(&c, &v);
	assert_int_equal(v.mode, MODE_MAIN);
	snprintf(want, sizeof want, "pid %d: process gone (pid reused)",
	    (int)child);
	assert_string_equal(v.msg, want);
	s.procs[0].start_time = t.start_time;

	/* held, then gone before the write: reported, the dialog ends */
	ui_view_key(&v, &s, 'e');
	change_run(&c, &v);
	assert_int_equal(v.mode, MODE_DIALOG);
	teardown_child(NULL);
	keys(&v, &s, "5y");
	change_run(&c, &v);
	assert_int_equal(v.mode, MODE_MAIN);
	assert_non_null(strstr(v.msg, "process gone"));
	/* gone before the dialog opened */
	ui_view_key(&v, &s, 'e');
	change_run(&c, &v);
	assert_int_equal(v.mode, MODE_MAIN);
	assert_non_null(strstr(v.msg, "process gone"));

	change_free(&c);
	ui_view_free(&v);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dialog_keys),
		cmocka_unit_test(test_dialog_refused),
		cmocka_unit_test(test_dialog_drawn),
		cmocka_unit_test(test_dialog_filtered),
		cmocka_unit_test(test_dialog_from_detail),
		cmocka_unit_test(test_changed_mark),
		cmocka_unit_test_teardown(test_change_live, teardown_child),
	};

	return cmocka_run_group_tests(tests, ui_test_setup, NULL);
}
