/*
 * test_ui_draw.c: whole screens drawn into a canvas, no terminal.  The
 * seed VM (test_ui_seed.h) at 80x24 is compared line by line with the
 * screen below; other tests check what must hold on any screen: n/a for
 * missing values, escaped process names, ASCII fallback, the too-small
 * message, the help screen listing the key table, the detail views.
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
#include "derive.h"
#include "draw.h"
#include "test_ui_screen.h"
#include "test_ui_seed.h"
#include "view.h"

/* The seed VM at 80x24 (TZ=UTC).  The bars' magnifier (ui/scale.c):
 * DMA's 986 free pages end in the cell before R (min + reserve = 987),
 * so the zone is fenced for GFP_KERNEL; DMA32's 987 free end in the
 * cell before its min (989), l and h further right, the break at 17
 * and the rest of the zone after it.  One sample: each sparkline is one point at its own maximum.
 * The OOM kill is the banner under the verdict, so the events panel,
 * which would show only it, gives its rows to the candidates.
 * DMA's buddy counts 20 17 13 14 8 4 4 0 1 0 0 shade as 10-99 x4, 1-9 x3,
 * none, 1-9, none x2. */
static const char *const seed_80x24[24] = {
	"zonetop  myhost  4.4.0-x86_64-linode63  up 1d 02:03    02:43:11  still (capture)",
	"node 0 DMA32 below min · no Normal zone · swap 94% free",
	"OOM KILL 02:43:11 (victim guessed)  OOM kill: 3841 memcheck-amd64- (predicted)",
	"kernel log not read                          1 OOM kill: E lists, Enter explains",
	"ZONES     free|used m l h p R ┊ rest  free/managed state      free, recent",
	"0 DMA     █mlh███████████▌R┊░░░░░░░░    3.9M/15.5M fenced     unreclaimable   █",
	"0 DMA32   █████▏m░░l░░h░░░░┊░░░░░░░░     3.9M/976M BELOW MIN  unreclaimable   █",
	"present-managed 31.8M  unaccounted 117M (11.8% of MemTotal)",
	"FRAGMENTS 0123456789A  top 0 1 2 3  GFP_KERNEL now: 0✗ 1✗ 2✗ 3✗",
	"0 DMA     ▒▒▒▒░░░·░··    8 ✗ ✗ ✗ ✗",
	"0 DMA32   ▓▒·········    1 ✗ ✗ ✗ ✗",
	"SWAP      used 211M of 3.2G (6.5%)  in n/a out n/a pages/s",
	"          /dev/sdb  partition  used 211M of 3.2G  priority -1",
	"PRESSURE  n/a (pressure/memory: missing)",
	"COMMIT    n/a  overcommit 2 strict: limit enforced",
	"OOM CANDIDATES  25 of 25 processes  next victim 3841 memcheck-amd64-      1-6/25",
	"   #▲     PID  USER      OOM   ADJ    RSS   SWAP  SHARE COMMAND",
	"▶   1    3841  valgrind   11     0     0K  50.0M   1.2% memcheck-amd64-",
	"    2    3837  1000       11     0     0K  49.5M   1.2% memcheck-amd64-",
	"    3    3844  1000       11     0     0K  47.0M   1.1% memcheck-amd64-",
	"    4    3849  1000       10     0     0K  44.9M   1.1% memcheck-amd64-",
	"    5    3557  0           1     0     0K   7.0M   0.2% fail2ban-server",
	"    6    4000  1000        0     0     0K     0K     0% evil\\e[31mred\\xff",
	"F1 help  q quit  space pause  Tab focus  Enter detail  v verdict  / filter",
};

/* Draw s into a w x h canvas with a fresh view; the caller frees both. */
static void
render(struct canvas *cv, struct ui_view *v, const struct zt_snapshot *s,
    int w, int h, bool ascii)
{
	canvas_init(cv, w, h, ascii);
	ui_view_init(v, 2);
	v->still = true;
	if (s != NULL)
		ui_view_observe(v, s);
	draw_screen(cv, s, NULL, v);
}

static void
test_seed_screen(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	int bad = 0;

	(void)state;
	seed_snapshot(&s);
	render(&cv, &v, &s, 80, 24, false);
	for (int y = 0; y < 24; y++) {
		if (strcmp(row(&cv, y), seed_80x24[y]) != 0) {
			fprintf(stderr, "row %d\n  got: %s\n want: %s\n", y, row(&cv, y),
			    seed_80x24[y]);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	/* the victim's row is drawn as the victim, sshd as unkillable */
	assert_int_equal(canvas_cell(&cv, 17, 10)->role, RL_VICTIM);
	assert_int_equal(canvas_cell(&cv, 6, 51)->role, RL_CRIT);	/* BELOW MIN */
	assert_int_equal(canvas_cell(&cv, 5, 26)->role, RL_RESERVE);
	/* DMA32's free edge, then min in the next cell; DMA is fenced */
	assert_int_equal(canvas_cell(&cv, 6, 15)->role, RL_FREE);
	assert_int_equal(canvas_cell(&cv, 6, 16)->role, RL_MARK);
	assert_int_equal(canvas_cell(&cv, 5, 51)->role, RL_STANDOUT);
	/* the banner's first line is drawn critical from edge to edge */
	assert_int_equal(canvas_cell(&cv, 2, 0)->role, RL_CRIT);
	assert_int_equal(canvas_cell(&cv, 2, 79)->role, RL_CRIT);
	canvas_free(&cv);
	ui_view_free(&v);

	/* a capture that cannot tell its page size says so on the right,
	 * the clock and state kept whole, the kernel release shortened */
	s.page_kb_assumed = true;
	render(&cv, &v, &s, 80, 24, false);
	assert_string_equal(row(&cv, 0),
	    "zonetop  myhost  4.4.0            02:43:11  still (capture; 4 KiB pages assumed)");
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_unkillable_and_na(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	render(&cv, &v, &s, 80, 40, false);
	t = screen_text(&cv);
	/* sshd: adj -1000, marked; its RSS was not read: n/a, not 0 */
	expect_in(t, "×   7    3441  0           0 -1000    n/a   736K");
	expect_in(t, "×   8    2063  0           0 -1000     0K   736K");
	/* rows ranked but not read yet */
	expect_in(t, "    9    reading...");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_ascii_fallback(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	s.procs[1].comm[0] = '\0';
	strlcpy0(s.procs[1].comm, "名前", sizeof s.procs[1].comm);
	render(&cv, &v, &s, 80, 24, true);
	t = screen_text(&cv);
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		assert_true(*p < 0x80);
	expect_in(t, "0 DMA     #mlh############R:........");
	expect_in(t, "0 DMA32   ######m..l..h....:........");
	expect_in(t, "0 DMA     ++++---.-..    8 N N N N");
	expect_in(t, "node 0 DMA32 below min | no Normal zone");
	expect_in(t, ">   1    3841");
	/* a name the terminal cannot show is replaced, not dropped */
	expect_in(t, "49.5M   1.2% ??");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_no_control_characters(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);
	strlcpy0(s.hostname, "h\x1b]0;pwned\x07", sizeof s.hostname);
	strlcpy0(s.verdict.line[1], "bad\r\nline", sizeof s.verdict.line[1]);
	free(s.procs[0].cmdline);
	s.procs[0].cmdline = strdup("a\x1b[2Jb\xe2\x80\xaeRTL");
	render(&cv, &v, &s, 132, 43, false);
	v.full_cmd = true;
	draw_screen(&cv, &s, NULL, &v);
	for (int y = 0; y < cv.h; y++)
		for (int x = 0; x < cv.w; x++) {
			const struct ui_cell *c = canvas_cell(&cv, y, x);
			assert_true(c->flags & CELL_CONT || c->ch >= 0x20);
			assert_true(c->ch != 0x7f && c->ch != 0x202e);
			assert_true(c->role < RL_NROLES);
		}
	char *t = screen_text(&cv);
	expect_in(t, "h\\e]0;pwned\\x07");
	expect_in(t, "a\\e[2Jb\\u{202e}RTL");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_cgroup_tail(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	free(s.procs[0].cgroup);
	s.procs[0].cgroup = strdup("/user.slice/user-1000.slice/user@1000.service/"
	    "app.slice/app-org.gnome.Terminal.slice/vte-spawn-1234.scope");
	render(&cv, &v, &s, 132, 43, false);
	t = screen_text(&cv);
	/* 132 wide: fixed columns end at 55, the rest is 132 - 55 - 1 = 76,
	 * the cgroup column 76 * 2 / 5 = 30 cells of which 29 are used: an
	 * ellipsis and the path's last 28 characters */
	expect_in(t, "1.2% …l.slice/vte-spawn-1234.scope  memcheck-amd64-");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}


/* Issue "Watching a VM": the header names the hypervisor, and a large
 * unaccounted share says whether a balloon explains it. */
static void
test_vm_header_and_balloon(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	s.vm.read = true;
	s.vm.is_guest = 1;
	strlcpy0(s.vm.hypervisor, "KVM", sizeof s.vm.hypervisor);
	s.vm.ballooned_kb = ZT_NA;
	s.vm.verdict = ZT_VMV_NO_COUNTER;
	render(&cv, &v, &s, 132, 43, false);
	t = screen_text(&cv);
	expect_in(t, "KVM guest");
	/* 120000 kB of 1015460 unaccounted (11.8%, over the 5% that makes it
	 * worth a word), no balloon gauge on 4.4: the short form fits the
	 * 80-column zones panel */
	expect_in(t, "(11.8% of MemTotal)  balloon or leak?");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);

	/* a balloon holding most of it is named instead */
	s.vm.verdict = ZT_VMV_EXPLAINS;
	s.vm.ballooned_kb = 950 * 1024;
	render(&cv, &v, &s, 200, 43, false);
	t = screen_text(&cv);
	expect_in(t, "the balloon");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);

	/* bare metal says so; unknown (a capture) says nothing */
	s.vm.is_guest = 0;
	render(&cv, &v, &s, 132, 43, false);
	t = screen_text(&cv);
	expect_in(t, "bare metal");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	/* unknown (-1), and a capture that read nothing: neither word */
	for (int k = 0; k < 2; k++) {
		s.vm.is_guest = k == 0 ? -1 : 1;
		s.vm.read = k == 0;
		render(&cv, &v, &s, 132, 43, false);
		t = screen_text(&cv);
		expect_in(t, "zonetop");
		assert_null(strstr(t, "bare metal"));
		assert_null(strstr(t, "guest"));
		free(t);
		canvas_free(&cv);
		ui_view_free(&v);
	}
	snapshot_free(&s);
}

/* A big NUMA machine: 300 zones scroll in their panels. */
static void
test_many_zones(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	struct zt_zone *zs;
	char *t;

	(void)state;
	seed_snapshot(&s);
	zs = calloc(300, sizeof *zs);
	for (int i = 0; i < 300; i++) {
		zs[i] = s.zones[i % 2];
		zs[i].node = i / 2;
	}
	free(s.zones);
	s.zones = zs;
	s.nzones = 300;
	render(&cv, &v, &s, 132, 43, false);
	v.zsel = 299;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	/* the selection is the last row shown, node 149's DMA32 */
	expect_in(t, "149 DMA32");
	expect_in(t, "300/300");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_too_small(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	render(&cv, &v, &s, 40, 12, false);
	t = screen_text(&cv);
	expect_in(t, "terminal too small: 40x12");
	expect_in(t, "zonetop needs 64x16");
	free(t);
	canvas_free(&cv);
	/* down to nothing, nothing breaks */
	for (int w = 0; w < 8; w++)
		for (int h = 0; h < 8; h++) {
			canvas_init(&cv, w, h, false);
			draw_screen(&cv, &s, NULL, &v);
			canvas_free(&cv);
		}
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_before_first_sample(void **state)
{
	struct canvas cv;
	struct ui_view v;

	(void)state;
	render(&cv, &v, NULL, 80, 24, false);
	assert_string_equal(row(&cv, 0), "zonetop  sampling...");
	assert_string_equal(row(&cv, 2), "ZONES     free|used m l h p R \u250a rest  "
	    "free/managed state      free, recent");
	canvas_free(&cv);
	ui_view_free(&v);
}

static void
test_help_lists_keys(void **state)
{
	struct canvas cv;
	struct ui_view v;
	int n;
	const struct ui_key *k = ui_keys(&n);
	char *t;

	(void)state;
	canvas_init(&cv, 100, 200, false);
	ui_view_init(&v, 2);
	help_draw(&cv, NULL, &v);
	t = screen_text(&cv);
	for (int i = 0; i < n; i++) {
		if (k[i].help != NULL)
			expect_in(t, k[i].help);
		if (k[i].name != NULL)
			expect_in(t, k[i].name);
	}
	expect_in(t, "?, h, F1");
	expect_in(t, "q, F10");
	free(t);
	canvas_free(&cv);

	/* on the screen, with its scroll position */
	canvas_init(&cv, 80, 24, false);
	v.mode = MODE_HELP;
	v.help_top = 1000000;
	draw_screen(&cv, NULL, NULL, &v);
	/* End: the last lines are shown, and Up scrolls from there; the
	 * title stays, where the window is at its end */
	assert_true(v.body_max > 0 && v.body_max < 100);
	assert_non_null(strstr(row(&cv, 2), "zonetop: memory zones"));
	assert_non_null(strstr(row(&cv, 2), "/"));
	assert_non_null(strstr(row(&cv, 22), "A capture (--proc-root) is a still"));
	ui_view_key(&v, NULL, KEY_UP);
	assert_int_equal(v.help_top, v.body_max - 1);
	canvas_free(&cv);
	ui_view_free(&v);
}

static void
test_zone_detail(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	canvas_init(&cv, 140, 300, false);
	ui_view_init(&v, 2);
	v.mode = MODE_DETAIL;
	v.detail_node = 0;
	strlcpy0(v.detail_name, "DMA", sizeof v.detail_name);
	detail_draw(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "Node 0, zone DMA   state fenced for GFP_KERNEL by the lowmem "
	    "reserve  unreclaimable");
	expect_in(t, "passes here only while free > min + reserve 972 = 987 pages (free is 986)");
	expect_in(t, "boost        n/a");
	expect_in(t, "present-mgd  21 84K");
	expect_in(t, "Normal       972 3.8M");
	/* the buddy table: order 3 has 14 blocks = 112 pages */
	expect_in(t, "    3         14          112       n/a       n/a");
	expect_in(t, "GFP_KERNEL            . . .   . . .   . . .   . . .");
	expect_in(t, "not available (pagetypeinfo: missing)");
	free(t);

	/* against a previous sample: how free pages moved (986 - 1000) */
	struct zt_snapshot prev;
	seed_snapshot(&prev);
	prev.zones[0].free = 1000;
	canvas_clear(&cv);
	detail_draw(&cv, &s, &prev, &v);
	t = screen_text(&cv);
	expect_in(t, "free change  -14");
	free(t);
	snapshot_free(&prev);

	/* with pagetypeinfo: the migrate types per order */
	struct zt_pagetype *pt = calloc(1, sizeof *pt);
	pt->ntypes = 2;
	strlcpy0(pt->names[0], "Unmovable", sizeof pt->names[0]);
	strlcpy0(pt->names[1], "Movable", sizeof pt->names[1]);
	pt->norders = 2;
	pt->free[0][0] = 12;
	pt->free[1][0] = 100000;
	pt->capped[1][0] = true;
	pt->blocks[0] = 1;
	pt->blocks[1] = ZT_NA;
	s.zones[0].pt = pt;
	s.pageblock_order = 9;
	canvas_clear(&cv);
	detail_draw(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "order   Unmovable     Movable");
	expect_in(t, "    0          12     >100000");
	expect_in(t, "blocks          1         n/a");
	free(t);

	/* a zone that vanished */
	strlcpy0(v.detail_name, "Normal", sizeof v.detail_name);
	canvas_clear(&cv);
	detail_draw(&cv, &s, NULL, &v);
	assert_non_null(strstr(row(&cv, 0), "not in this sample"));
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_proc_detail(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	canvas_init(&cv, 80, 100, false);
	ui_view_init(&v, 2);
	v.mode = MODE_DETAIL;
	v.detail_pid = 3841;
	detail_draw(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "Process 3841  memcheck-amd64-  the OOM killer's next victim");
	expect_in(t, "/user.slice/user-1000.slice");
	expect_in(t, "valgrind --tool=memcheck ./suite");
	/* 12812 + 63 = 12875 pages of 1095549 = 1.2% */
	expect_in(t, "badness      12875");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_prompt_and_states(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	render(&cv, &v, &s, 80, 24, false);
	ui_view_key(&v, &s, '/');
	ui_view_key(&v, &s, 'm');
	ui_view_key(&v, &s, 'e');
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(row(&cv, 23), "filter (name, command or user"));
	assert_non_null(strstr(row(&cv, 23), "): me"));
	assert_non_null(strstr(row(&cv, 15), "4 of 25 processes  filter \"me\""));
	ui_view_key(&v, &s, 27);

	/* unmanaged and tiny zones, no verdict, pause */
	s.zones[1].unmanaged = true;
	s.zones[1].managed = 0;
	s.zones[0].tiny = true;
	s.verdict.n = 0;
	v.paused = true;
	v.still = false;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "every 2s  PAUSED");
	expect_in(t, "no verdict yet");
	expect_in(t, "- no managed pages --");
	expect_in(t, "unmanaged  unreclaimable");
	expect_in(t, "fenced     tiny unrecl     █");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* A selected zone row: the highlight reverses the zone's text, never a
 * bar cell (a reversed full block is drawn in the background colour, so
 * the free part would vanish). */
static void
test_selection_keeps_bar(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);
	render(&cv, &v, &s, 80, 24, false);
	assert_int_equal(v.focus, PANEL_ZONES);
	assert_int_equal(v.zsel, 0);
	/* DMA, row 5: name in 0..8, bar in 10..35, figures, state */
	for (int x = 0; x < 9; x++)
		assert_true(canvas_cell(&cv, 5, x)->flags & CELL_SEL);
	for (int x = 10; x < 36; x++)
		assert_false(canvas_cell(&cv, 5, x)->flags & CELL_SEL);
	assert_true(canvas_cell(&cv, 5, 40)->flags & CELL_SEL);	/* 3.9M */
	assert_true(canvas_cell(&cv, 5, 51)->flags & CELL_SEL);	/* ok */
	/* DMA32 is not selected */
	for (int x = 0; x < 80; x++)
		assert_false(canvas_cell(&cv, 6, x)->flags & CELL_SEL);
	canvas_free(&cv);

	/* focus on fragmentation (beside the zones when wide): the name and
	 * the figures reversed, not the shade cells; the zone's own row
	 * keeps only its name */
	canvas_init(&cv, 132, 43, false);
	v.focus = PANEL_FRAG;
	v.zsel = 1;
	draw_screen(&cv, &s, NULL, &v);
	assert_int_equal(v.focus, PANEL_FRAG);
	{
		int y = v.lay.frag.y + 2, fx = v.lay.frag.x, zy = v.lay.zones.y + 2;
		assert_true(canvas_cell(&cv, y, fx)->flags & CELL_SEL);
		for (int x = fx + 10; x < fx + 10 + 22; x++)
			assert_false(canvas_cell(&cv, y, x)->flags & CELL_SEL);
		assert_true(canvas_cell(&cv, zy, 0)->flags & CELL_SEL);
		for (int x = 10; x < 60; x++)
			assert_false(canvas_cell(&cv, zy, x)->flags & CELL_SEL);
	}
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* A zone of millions of pages: every value of its detail whole, at 80
 * and at 132 columns, and where an allocation is served too. */
static void
test_detail_values_whole(void **state)
{
	static const int widths[] = { 80, 132 };
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	s.zones[1].spanned = 5505024;
	s.zones[1].present = 5505024;
	s.zones[1].managed = 5340000;
	s.zones[1].free = 4321987;
	s.zones[1].reserved = 165024;
	s.zones[1].start_pfn = 1048576;
	for (int o = 0; o < ZT_ALLOC_ORDERS; o++) {
		s.alloc[ZT_CLASS_KERNEL * ZT_ALLOC_ORDERS + o].ok[ZT_MARK_MIN] = true;
		s.alloc[ZT_CLASS_KERNEL * ZT_ALLOC_ORDERS + o].zone[ZT_MARK_MIN] = 1;
	}
	ui_view_init(&v, 2);
	v.mode = MODE_DETAIL;
	v.detail_node = 0;
	strlcpy0(v.detail_name, "DMA32", sizeof v.detail_name);
	for (size_t i = 0; i < ZT_ARRAY_LEN(widths); i++) {
		canvas_init(&cv, widths[i], 300, false);
		detail_draw(&cv, &s, NULL, &v);
		t = screen_text(&cv);
		expect_in(t, "spanned      5505024 21.0G");
		expect_in(t, "present      5505024 21.0G");
		expect_in(t, "managed      5340000 20.4G");
		expect_in(t, "free         4321987 16.5G");
		expect_in(t, "present-mgd  165024 645M");
		expect_in(t, "served at min by (all zones)");
		expect_in(t, "0:0 DMA32 1:0 DMA32 2:0 DMA32 3:0 DMA32");
		expect_in(t, "order 0 order 1 order 2 order 3");
		/* nothing runs into the right edge: a cut shows as a character
		 * in the last column */
		for (int y = 0; y < cv.h; y++)
			assert_int_equal(canvas_cell(&cv, y, cv.w - 1)->ch, ' ');
		free(t);
		canvas_free(&cv);
	}
	ui_view_free(&v);
	snapshot_free(&s);
}

/* Scrolled, the detail view keeps its title (node, zone) on top, and
 * where the window is goes at the title's end, not over the verdict. */
static void
test_body_title_and_position(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char verdict[128];

	(void)state;
	seed_snapshot(&s);
	/* a verdict to the last column: a marker there would cut it */
	s.verdict.n = 1;
	memset(s.verdict.line[0], 'x', 80);
	memcpy(s.verdict.line[0], "zones manage 13.0G of 23.5G MemTotal: rest not ", 47);
	s.verdict.line[0][80] = '\0';
	strlcpy0(verdict, s.verdict.line[0], sizeof verdict);
	render(&cv, &v, &s, 80, 24, false);
	v.mode = MODE_DETAIL;
	v.detail_node = 0;
	strlcpy0(v.detail_name, "DMA32", sizeof v.detail_name);
	v.detail_top = 10;
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(row(&cv, 1), verdict);
	assert_non_null(strstr(row(&cv, 2), "Node 0, zone DMA32   state BELOW MIN"));
	assert_non_null(strstr(row(&cv, 2), "  11-30/"));
	assert_null(strstr(row(&cv, 3), "Node 0, zone DMA32"));
	/* PgDn: the title stays, a page on with a row kept */
	ui_view_key(&v, &s, KEY_NPAGE);
	draw_screen(&cv, &s, NULL, &v);
	assert_non_null(strstr(row(&cv, 2), "Node 0, zone DMA32"));
	assert_non_null(strstr(row(&cv, 2), "  30-49/"));

	/* a title too long for it: the marker goes to the footer's end */
	s.zones[1].tiny = true;
	v.detail_top = 0;
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(row(&cv, 2), "Node 0, zone DMA32   state BELOW MIN  "
	    "tiny (managed < high)  unreclaimable");
	assert_string_equal(row(&cv, 23), "Esc close  Up/Down PgUp/PgDn scroll  "
	    "q quit  space pause                 1-20/49");

	/* the help screen: its title stays, the verdict is whole */
	v.mode = MODE_HELP;
	v.help_top = 30;
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(row(&cv, 1), verdict);
	assert_non_null(strstr(row(&cv, 2), "zonetop: memory zones"));
	assert_non_null(strstr(row(&cv, 2), "  31-50/"));
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* COMMIT: what is known is shown, what is missing is n/a, never 0. */
static void
test_commit_partial(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;

	(void)state;
	seed_snapshot(&s);
	s.commit_limit_kb = 3841868;	/* 4.4: no Committed_AS in the capture */
	render(&cv, &v, &s, 80, 24, false);
	assert_string_equal(row(&cv, 14), "COMMIT    n/a committed of 3.7G limit  "
	    "overcommit 2 strict: limit enforced");
	assert_int_equal(canvas_cell(&cv, 14, 10)->role, RL_NA);
	assert_int_equal(canvas_cell(&cv, 14, 32)->role, RL_NORMAL);
	s.commit_limit_kb = ZT_NA;
	s.committed_kb = 1363148;
	draw_screen(&cv, &s, NULL, &v);
	assert_string_equal(row(&cv, 14), "COMMIT    1.3G committed of n/a limit  "
	    "overcommit 2 strict: limit enforced");
	assert_int_equal(canvas_cell(&cv, 14, 28)->role, RL_NA);
	s.commit_limit_kb = 3841868;
	draw_screen(&cv, &s, NULL, &v);
	/* the whole line does not fit: the overcommit mode in short */
	assert_string_equal(row(&cv, 14), "COMMIT    1.3G committed of 3.7G limit "
	    "(35%)  overcommit 2 strict");
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

static void
test_canvas(void **state)
{
	struct canvas cv;
	char buf[256];

	(void)state;
	canvas_init(&cv, 10, 2, false);
	/* wide characters take two cells; one that does not fit is left out */
	assert_int_equal(canvas_put(&cv, 0, 0, -1, RL_NORMAL, "ab名前cd"), 8);
	assert_string_equal(canvas_row(&cv, 0, buf, sizeof buf), "ab名前cd");
	assert_int_equal(canvas_put(&cv, 1, 0, 3, RL_NORMAL, "a名前"), 3);
	assert_int_equal(canvas_put(&cv, 1, 5, 2, RL_NORMAL, "a名"), 1);
	assert_string_equal(canvas_row(&cv, 1, buf, sizeof buf), "a名  a");
	/* writing over half of a wide character blanks the other half */
	canvas_put(&cv, 0, 3, 1, RL_NORMAL, "x");
	assert_string_equal(canvas_row(&cv, 0, buf, sizeof buf), "ab x前cd");
	/* right alignment, clipping at the edge, bad UTF-8 */
	canvas_clear(&cv);
	canvas_put_right(&cv, 0, 0, 10, RL_NORMAL, "end");
	assert_string_equal(canvas_row(&cv, 0, buf, sizeof buf), "       end");
	assert_int_equal(canvas_put(&cv, 1, 8, -1, RL_NORMAL, "\xffxyz"), 2);
	assert_string_equal(canvas_row(&cv, 1, buf, sizeof buf), "        \xef\xbf\xbdx");
	assert_int_equal(canvas_put(&cv, 5, 0, -1, RL_NORMAL, "off"), 0);
	assert_int_equal(canvas_put(&cv, 0, -2, -1, RL_NORMAL, "abc"), 3);
	assert_int_equal(canvas_width(&cv, "a名\x01"), 4);
	canvas_free(&cv);
}

/* Time to trouble on a zone's row (trend.c's fields): DMA32 falling
 * toward min, 40 s away, in red; the heading names the window. */
static void
test_zone_eta(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	s.trend.n = 30;
	s.trend.window_s = 60;
	s.zones[1].free = 5000;
	s.zones[1].unreclaimable = 0;
	s.zones[1].state = ZT_WS_OK;
	s.zones[1].trend_pps = -100;
	s.zones[1].eta_min_s = 40;
	s.zones[1].eta_low_s = 37;
	derive_severity(&s);	/* the model judges the estimate */
	render(&cv, &v, &s, 80, 24, false);
	t = screen_text(&cv);
	expect_in(t, "free/managed state      time to min, 60s");
	expect_in(t, "19.5M/976M ok         min in ~40 s");
	assert_int_equal(canvas_cell(&cv, 6, 62)->role, RL_CRIT);
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	/* at 64 columns the short form */
	render(&cv, &v, &s, 64, 24, false);
	t = screen_text(&cv);
	expect_in(t, "m ~40 s");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* Time to trouble on a memory cgroup's row (trend.c's fields): at the
 * row's end, red under a minute, yellow under 5; none when not rising. */
static void
test_cgroup_eta(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;
	int y = -1;

	(void)state;
	seed_snapshot(&s);
	s.ncgroups = 2;
	s.cgroups = xcalloc(2, sizeof *s.cgroups);
	for (int i = 0; i < 2; i++) {
		cgroup_info_init(&s.cgroups[i]);
		s.cgroups[i].have = true;
		s.cgroups[i].depth = 1;
		s.cgroups[i].limit_kb = 262144;
		s.cgroups[i].usage_kb = 200000 - 100000 * i;
		s.cgroups[i].trend_kbps = 2048;
	}
	strlcpy0(s.cgroups[0].path, "/hog", sizeof s.cgroups[0].path);
	strlcpy0(s.cgroups[1].path, "/calm", sizeof s.cgroups[1].path);
	s.cgroups[0].eta_limit_s = 40;
	derive_severity(&s);	/* the model judges the estimate */
	render(&cv, &v, &s, 120, 24, false);
	v.mode = MODE_CGROUPS;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "/hog  limit in ~40 s");
	assert_null(strstr(t, "/calm  limit"));
	for (int r = 0; r < cv.h && y < 0; r++) {
		char row[256];
		if (strstr(canvas_row(&cv, r, row, sizeof row), "/hog"))
			y = r;
	}
	assert_true(y > 0);
	assert_int_equal(canvas_cell(&cv, y, 76)->role, RL_CRIT);
	s.cgroups[0].eta_limit_s = 200;
	derive_severity(&s);
	draw_screen(&cv, &s, NULL, &v);
	assert_int_equal(canvas_cell(&cv, y, 76)->role, RL_WARN);
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

/* The cpuset scopes below the cgroups in the cgroups view: nodes,
 * totalpages, next victim (with its comm where a row has it), path. */
static void
test_cpuset_rows(void **state)
{
	struct zt_snapshot s;
	struct canvas cv;
	struct ui_view v;
	char *t;

	(void)state;
	seed_snapshot(&s);
	s.ncpusets = 1;
	s.cpusets = xcalloc(1, sizeof *s.cpusets);
	strlcpy0(s.cpusets[0].path, "/db", sizeof s.cpusets[0].path);
	strlcpy0(s.cpusets[0].mems, "1", sizeof s.cpusets[0].mems);
	s.cpusets[0].totalpages = 2097152;
	s.cpusets[0].predicted_victim = s.procs[0].pid;
	render(&cv, &v, &s, 120, 24, false);
	v.mode = MODE_CGROUPS;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "CPUSETS");
	expect_in(t, "2097152");
	char want[96];
	snprintf(want, sizeof want, "%d %s", s.procs[0].pid, s.procs[0].comm);
	expect_in(t, want);
	expect_in(t, "/db");
	free(t);
	/* a victim it does not know: the pid alone; none: "none" */
	s.cpusets[0].predicted_victim = 0;
	draw_screen(&cv, &s, NULL, &v);
	t = screen_text(&cv);
	expect_in(t, "none");
	free(t);
	canvas_free(&cv);
	ui_view_free(&v);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zone_eta),
		cmocka_unit_test(test_cgroup_eta),
		cmocka_unit_test(test_cpuset_rows),
		cmocka_unit_test(test_seed_screen),
		cmocka_unit_test(test_unkillable_and_na),
		cmocka_unit_test(test_ascii_fallback),
		cmocka_unit_test(test_no_control_characters),
		cmocka_unit_test(test_cgroup_tail),
		cmocka_unit_test(test_vm_header_and_balloon),
		cmocka_unit_test(test_many_zones),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_before_first_sample),
		cmocka_unit_test(test_help_lists_keys),
		cmocka_unit_test(test_zone_detail),
		cmocka_unit_test(test_proc_detail),
		cmocka_unit_test(test_prompt_and_states),
		cmocka_unit_test(test_selection_keeps_bar),
		cmocka_unit_test(test_detail_values_whole),
		cmocka_unit_test(test_body_title_and_position),
		cmocka_unit_test(test_commit_partial),
		cmocka_unit_test(test_canvas),
	};

	return cmocka_run_group_tests(tests, ui_test_setup, NULL);
}
