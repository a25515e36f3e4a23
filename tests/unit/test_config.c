/*
 * test_config.c: zonetoprc.  Good lines of every kind, bad lines of every
 * kind (each reported with its number and skipped, the good ones kept),
 * the vocabulary the UI hands in, the file's path, and reading the file
 * through procfs_read_file().
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "canvas.h"
#include "config.h"
#include "procfs.h"
#include "ui.h"
#include "view.h"

static struct cfg_vocab voc;

static int
setup(void **state)
{
	(void)state;
	ui_config_vocab(&voc);
	return 0;
}

static int
parse(const char *text, struct zt_config *c, struct zt_buf *errs)
{
	buf_clear(errs);
	return config_parse("zonetoprc", text, strlen(text), &voc, c, errs);
}

static void
test_vocab(void **state)
{
	(void)state;
	/* every colour role and every column has a name to set it by */
	assert_int_equal(voc.nroles, RL_NROLES);
	for (int i = 0; i < voc.nroles; i++)
		assert_non_null(voc.roles[i]);
	assert_int_equal(voc.ncols, COL_N);
	for (int i = 0; i < voc.ncols; i++)
		assert_non_null(voc.cols[i]);
	assert_string_equal(voc.roles[RL_CRIT], "crit");
	assert_string_equal(voc.roles[RL_HEADER], "header");
	assert_string_equal(voc.cols[COL_RANK], "rank");
	assert_string_equal(voc.cols[COL_CMD], "command");
	/* and each name is its own and sets its own role or column: a name
	 * the parser maps elsewhere (or two roles sharing a name) fails */
	for (int i = 0; i < voc.nroles; i++) {
		struct zt_config c;
		struct zt_buf errs = { 0 }, line = { 0 };

		for (int j = 0; j < i; j++)
			assert_true(strcmp(voc.roles[i], voc.roles[j]) != 0);
		buf_printf(&line, "color.%s = white,red", voc.roles[i]);
		assert_int_equal(parse(line.p, &c, &errs), 0);
		for (int j = 0; j < voc.nroles; j++)
			assert_int_equal(c.color[j].set, j == i);
		buf_free(&line);
		buf_free(&errs);
	}
	for (int i = 0; i < voc.ncols; i++) {
		struct zt_config c;
		struct zt_buf errs = { 0 }, line = { 0 };

		for (int j = 0; j < i; j++)
			assert_true(strcmp(voc.cols[i], voc.cols[j]) != 0);
		buf_printf(&line, "sort = %s", voc.cols[i]);
		assert_int_equal(parse(line.p, &c, &errs), 0);
		assert_true(c.have_sort);
		assert_int_equal(c.sort, i);
		buf_free(&line);
		buf_free(&errs);
	}
}

static void
test_good_lines(void **state)
{
	struct zt_config c;
	struct zt_buf errs = { 0 };

	(void)state;
	assert_int_equal(parse(
	    "# zonetoprc\n"
	    "\n"
	    "   interval = 1.5   # seconds\n"
	    "color.crit = white,red\n"
	    "colour.header = bold Yellow,blue\r\n"
	    "color.dim=underline\n"
	    "color.title = ,brightblack\n"
	    "color.ok = 208\n"
	    "color.warn = normal default,default\n"
	    "columns = rank, pid oom rss  COMMAND\n"
	    "sort = rss asc\n"
	    "protect_level = -900\n", &c, &errs), 0);
	assert_int_equal(errs.len, 0);
	assert_true(c.have_interval);
	assert_true(c.interval == 1.5);

	assert_true(c.color[RL_CRIT].set);
	assert_int_equal(c.color[RL_CRIT].fg, 7);
	assert_int_equal(c.color[RL_CRIT].bg, 1);
	assert_false(c.color[RL_CRIT].attrs_set);
	assert_int_equal(c.color[RL_HEADER].fg, 3);
	assert_int_equal(c.color[RL_HEADER].bg, 4);
	assert_true(c.color[RL_HEADER].attrs_set);
	assert_int_equal(c.color[RL_HEADER].attrs, CFG_A_BOLD);
	/* attributes alone keep the role's colours */
	assert_int_equal(c.color[RL_DIM].fg, CFG_COLOR_KEEP);
	assert_int_equal(c.color[RL_DIM].bg, CFG_COLOR_KEEP);
	assert_int_equal(c.color[RL_DIM].attrs, CFG_A_UNDERLINE);
	assert_int_equal(c.color[RL_TITLE].fg, CFG_COLOR_KEEP);
	assert_int_equal(c.color[RL_TITLE].bg, 8);
	assert_int_equal(c.color[RL_OK].fg, 208);
	assert_int_equal(c.color[RL_OK].bg, CFG_COLOR_KEEP);
	assert_int_equal(c.color[RL_WARN].fg, CFG_COLOR_DEFAULT);
	assert_true(c.color[RL_WARN].attrs_set);
	assert_int_equal(c.color[RL_WARN].attrs, 0);
	assert_false(c.color[RL_NORMAL].set);

	assert_int_equal(c.ncols, 5);
	assert_int_equal(c.cols[0], COL_RANK);
	assert_int_equal(c.cols[1], COL_PID);
	assert_int_equal(c.cols[2], COL_SCORE);
	assert_int_equal(c.cols[3], COL_RSS);
	assert_int_equal(c.cols[4], COL_CMD);
	assert_true(c.have_sort);
	assert_int_equal(c.sort, COL_RSS);
	assert_int_equal(c.sort_dir, CFG_SORT_ASC);
	assert_true(c.have_protect_level);
	assert_int_equal(c.protect_level, -900);

	/* the last line of a key wins; no newline at the end is fine */
	assert_int_equal(parse("sort = pid desc\nsort = user", &c, &errs), 0);
	assert_int_equal(c.sort, COL_USER);
	assert_int_equal(c.sort_dir, CFG_SORT_NATURAL);
	assert_int_equal(parse("interval = 2s\n", &c, &errs), 0);
	assert_true(c.interval == 2);
	/* nothing at all */
	assert_int_equal(parse("", &c, &errs), 0);
	assert_false(c.have_interval || c.have_sort || c.have_protect_level);
	assert_int_equal(c.ncols, 0);
	buf_free(&errs);
}

/* Each bad line alone: one error, with its message, nothing set. */
static void
bad(const char *line, const char *msg)
{
	struct zt_config c;
	struct zt_buf errs = { 0 };
	char text[512];

	snprintf(text, sizeof text, "interval = 3\n%s\nprotect_level = -5\n", line);
	if (parse(text, &c, &errs) != 1 || strstr(errs.p, msg) == NULL)
		fprintf(stderr, "line: %s\nerrors: %s\nwanted: %s\n", line,
		    errs.p ? errs.p : "(none)", msg);
	assert_int_equal(parse(text, &c, &errs), 1);
	assert_non_null(strstr(errs.p, msg));
	/* one line, numbered, and the lines around it still count */
	assert_int_equal(strncmp(errs.p, "zonetoprc:2: ", 13), 0);
	assert_non_null(strchr(errs.p, '\n'));
	assert_int_equal(strchr(errs.p, '\n') - errs.p, (long)errs.len - 1);
	assert_true(c.have_interval && c.interval == 3);
	assert_true(c.have_protect_level && c.protect_level == -5);
	assert_false(c.have_sort);
	assert_int_equal(c.ncols, 0);
	for (int i = 0; i < CFG_MAX_ROLES; i++)
		assert_false(c.color[i].set);
	buf_free(&errs);
}

static void
test_bad_lines(void **state)
{
	(void)state;
	bad("intervall = 2", "unknown setting 'intervall'");
	bad("interval 2", "'interval 2' is not KEY = VALUE");
	bad("interval =", "interval: no value");
	bad("interval = fast", "interval: seconds from 0.05 to 86400, not 'fast'");
	bad("interval = 0.01", "not '0.01'");
	bad("interval = 1e9", "not '1e9'");
	bad("interval = nan", "not 'nan'");
	bad("interval = 2 s", "not '2 s'");
	bad("color.purple = red", "no colour role 'purple' (roles: normal header");
	bad("color. = red", "unknown setting 'color.'");
	bad("color.x = red", "no colour role 'x'");
	bad("colour.x = red", "no colour role 'x'");
	bad("colorXcrit = red", "unknown setting 'colorXcrit'");
	bad("colourXcrit = red", "unknown setting 'colourXcrit'");
	bad("colour. = red", "unknown setting 'colour.'");
	bad("color.crit = mauve", "color.crit: 'mauve' is not [ATTRIBUTE...] FG[,BG]");
	bad("color.crit = red,blue,green", "'red,blue,green' is not");
	bad("color.crit = red blue", "'red blue' is not");
	bad("color.crit = 256", "'256' is not");
	bad("color.crit = -1", "'-1' is not");
	bad("columns = pid pid", "columns: pid named twice");
	bad("columns = pid vsz", "columns: no column 'vsz' (columns: rank pid user");
	bad("sort = vsz", "sort: 'vsz' is not a column and asc or desc");
	bad("sort = rss up", "sort: 'rss up' is not");
	bad("sort = rss asc asc", "sort: 'rss asc asc' is not");
	bad("protect_level = -1001", "protect_level: an oom_score_adj from -1000 to 0, not '-1001'");
	bad("protect_level = 5", "not '5'");
	bad("protect_level = many", "not 'many'");
	/* untrusted bytes are escaped in the message */
	bad("\x1b[31m = 1", "unknown setting '\\e[31m'");
	bad("interval = \xff", "not '\\xff'");
}

static void
test_many_bad_lines(void **state)
{
	struct zt_config c;
	struct zt_buf errs = { 0 };
	static const char text[] = "a\nb = 1\ninterval = 4\n\0x = y\ncolumns = ,\n";

	(void)state;
	/* a NUL byte is a bad line, not the end of the file */
	assert_int_equal(config_parse("rc", text, sizeof text - 1, &voc, &c, &errs), 4);
	assert_non_null(strstr(errs.p, "rc:1: 'a' is not KEY = VALUE\n"));
	assert_non_null(strstr(errs.p, "rc:2: unknown setting 'b'"));
	assert_non_null(strstr(errs.p, "rc:4: a NUL byte"));
	assert_true(c.have_interval && c.interval == 4);
	/* "columns = ," names none: said so, the default stays */
	assert_non_null(strstr(errs.p, "rc:5: columns: none named\n"));
	assert_int_equal(c.ncols, 0);
	buf_free(&errs);
}

/* config_parse on an exact-size copy: ASan sees a read past either end. */
static int
parse_exact(const char *text, size_t len, struct zt_config *c, struct zt_buf *errs)
{
	char *p = xmalloc(len ? len : 1);
	int rc;

	memcpy(p, text, len);
	buf_clear(errs);
	rc = config_parse("zonetoprc", p, len, &voc, c, errs);
	free(p);
	return rc;
}

/* The edges of each value: blanks of every kind, the interval's and the
 * colours' bounds, every colour name's end of the table, words as long
 * as their buffers and longer. */
static void
test_edges(void **state)
{
	struct zt_config c;
	struct zt_buf errs = { 0 };
	char line[256], qs[80];

	(void)state;
	memset(qs, 'q', sizeof qs - 1);
	qs[sizeof qs - 1] = '\0';
	/* \f and \v are blanks like ' ', \t and \r; a blank-only line and a
	 * first line with nothing are nothing */
	assert_int_equal(parse("\n \t\r\f\v\n\finterval\v=\f0.05\v\n", &c, &errs), 0);
	assert_true(c.have_interval && c.interval == 0.05);
	assert_int_equal(parse("interval = 86400\n", &c, &errs), 0);
	assert_true(c.interval == 86400);
	/* the last line without its newline, ending in blanks, and a line
	 * of blanks first: nothing read past either end */
	assert_int_equal(parse_exact("   \ninterval = 2  ", 17, &c, &errs), 0);
	assert_true(c.interval == 2);
	assert_int_equal(parse_exact("\ninterval =   ", 14, &c, &errs), 1);
	assert_non_null(strstr(errs.p, "zonetoprc:2: interval: no value"));
	/* an errno left over from before is not the parser's */
	errno = ERANGE;
	assert_int_equal(parse("interval = 3\n", &c, &errs), 0);
	assert_true(c.interval == 3);

	/* the colour names' table from its first to its last; numbers from
	 * 0 to 255, one digit or three */
	assert_int_equal(parse("color.crit = black,brightwhite\ncolor.ok = 0,255\n"
	    "color.warn = 9,10\n", &c, &errs), 0);
	assert_int_equal(c.color[RL_CRIT].fg, 0);
	assert_int_equal(c.color[RL_CRIT].bg, 15);
	assert_int_equal(c.color[RL_OK].fg, 0);
	assert_int_equal(c.color[RL_OK].bg, 255);
	assert_int_equal(c.color[RL_WARN].fg, 9);
	assert_int_equal(c.color[RL_WARN].bg, 10);

	/* a colour word of 47 bytes fits the 48 of its buffer (and is no
	 * colour); 48 does not and is refused all the same */
	for (int n = 46; n <= 60; n++) {
		snprintf(line, sizeof line, "color.crit = %.*s", n, qs);
		assert_int_equal(parse(line, &c, &errs), 1);
		assert_non_null(strstr(errs.p, "is not [ATTRIBUTE...] FG[,BG]"));
		assert_false(c.color[RL_CRIT].set);
	}
	/* a column word of 31 fits the 32; 32 and longer are quoted cut */
	for (int n = 30; n <= 40; n++) {
		snprintf(line, sizeof line, "columns = pid %.*s", n, qs);
		assert_int_equal(parse(line, &c, &errs), 1);
		assert_non_null(strstr(errs.p, n < 32 ? "columns: no column 'qqq" :
		    "columns: no column 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq' ("));
		assert_int_equal(c.ncols, 0);
		snprintf(line, sizeof line, "sort = %.*s", n, qs);
		assert_int_equal(parse(line, &c, &errs), 1);
		assert_non_null(strstr(errs.p, "sort: 'qqq"));
		snprintf(line, sizeof line, "sort = pid %.*s", n, qs);
		assert_int_equal(parse(line, &c, &errs), 1);
		assert_false(c.have_sort);
	}
	/* an interval's value longer than its 64-byte buffer is refused, not
	 * cut to the number its first 63 bytes make */
	for (int n = 62; n <= 70; n++) {
		snprintf(line, sizeof line, "interval = 0.5%0*dx", n - 4, 0);
		assert_int_equal(strlen(line), 11 + (size_t)n);
		assert_int_equal(parse(line, &c, &errs), 1);
		assert_false(c.have_interval);
	}
	/* nor to its first byte */
	snprintf(line, sizeof line, "interval = 5%0*d", 69, 0);
	assert_int_equal(parse(line, &c, &errs), 1);
	assert_false(c.have_interval);
	snprintf(line, sizeof line, "interval = 0.5%0*d", 60, 0);
	assert_int_equal(parse(line, &c, &errs), 0);
	assert_true(c.interval == 0.5);
	buf_free(&errs);
}

/* A bad value is quoted whole up to 40 bytes even when every byte needs
 * four to show ("\xff"): 160 of them, in every message that quotes. */
static void
test_quote_room(void **state)
{
	static const char *const keys[][2] = {
		{ "interval = ", "" }, { "color.crit = ", "" },
		{ "color.", " = red" }, { "sort = ", "" },
		{ "protect_level = ", "" }, { "", " = 1" }, { "", "" },
		{ "", " =" },
	};
	char ff[41], want[161], line[128];
	struct zt_config c;
	struct zt_buf errs = { 0 };

	(void)state;
	memset(ff, 0xff, 40);
	ff[40] = '\0';
	for (int i = 0; i < 40; i++)
		memcpy(want + 4 * i, "\\xff", 4);
	want[160] = '\0';
	for (size_t k = 0; k < ZT_ARRAY_LEN(keys); k++) {
		snprintf(line, sizeof line, "%s%s%s", keys[k][0], ff, keys[k][1]);
		assert_int_equal(parse(line, &c, &errs), 1);
		if (strstr(errs.p, want) == NULL)
			fail_msg("%s...%s: %s", keys[k][0], keys[k][1], errs.p);
		/* and no more than 40 */
		assert_null(strstr(errs.p, "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
		    "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
		    "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
		    "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"));
	}
	/* a column's name is its 31-byte word: 124 bytes quoted */
	snprintf(line, sizeof line, "columns = %s", ff);
	assert_int_equal(parse(line, &c, &errs), 1);
	want[124] = '\0';
	{
		char quoted[200];
		snprintf(quoted, sizeof quoted, "columns: no column '%s' (", want);
		assert_non_null(strstr(errs.p, quoted));
	}
	buf_free(&errs);
}

/* Roles: a name as long as the 48-byte buffer or longer is no role;
 * a vocabulary with more roles or columns than a config holds cannot
 * set those past the bound (CFG_MAX_ROLES, CFG_MAX_COLS). */
static void
test_role_bounds(void **state)
{
	static char names[CFG_MAX_ROLES + 1][16], cnames[CFG_MAX_COLS + 1][16];
	const char *roles[CFG_MAX_ROLES + 1], *cols[CFG_MAX_COLS + 1];
	struct cfg_vocab big = { roles, CFG_MAX_ROLES + 1, cols, CFG_MAX_COLS + 1 };
	struct zt_config c;
	struct zt_buf errs = { 0 };
	char line[160], qs[70];

	(void)state;
	memset(qs, 'q', sizeof qs - 1);
	qs[sizeof qs - 1] = '\0';
	for (int n = 46; n <= 60; n++) {
		snprintf(line, sizeof line, "color.%.*s = red", n, qs);
		assert_int_equal(parse(line, &c, &errs), 1);
		assert_non_null(strstr(errs.p, "no colour role 'qqq"));
		for (int i = 0; i < CFG_MAX_ROLES; i++)
			assert_false(c.color[i].set);
	}
	/* one character of background; a background that is no colour */
	assert_int_equal(parse("color.crit = red,mauve\n", &c, &errs), 1);
	assert_non_null(strstr(errs.p, "'red,mauve' is not"));
	assert_int_equal(parse("color.crit = red,5\n", &c, &errs), 0);
	assert_int_equal(c.color[RL_CRIT].fg, 1);
	assert_int_equal(c.color[RL_CRIT].bg, 5);

	for (int i = 0; i <= CFG_MAX_ROLES; i++) {
		snprintf(names[i], sizeof names[i], "r%d", i);
		roles[i] = names[i];
	}
	for (int i = 0; i <= CFG_MAX_COLS; i++) {
		snprintf(cnames[i], sizeof cnames[i], "c%d", i);
		cols[i] = cnames[i];
	}
	snprintf(line, sizeof line, "color.r%d = red\n", CFG_MAX_ROLES - 1);
	assert_int_equal(config_parse("rc", line, strlen(line), &big, &c, &errs), 0);
	assert_true(c.color[CFG_MAX_ROLES - 1].set);
	snprintf(line, sizeof line, "color.r%d = red\n", CFG_MAX_ROLES);
	buf_clear(&errs);
	assert_int_equal(config_parse("rc", line, strlen(line), &big, &c, &errs), 1);
	assert_non_null(strstr(errs.p, "no colour role"));
	snprintf(line, sizeof line, "columns = c0 c%d\n", CFG_MAX_COLS - 1);
	assert_int_equal(config_parse("rc", line, strlen(line), &big, &c, &errs), 0);
	assert_int_equal(c.ncols, 2);
	assert_int_equal(c.cols[1], CFG_MAX_COLS - 1);
	snprintf(line, sizeof line, "columns = c0 c%d\n", CFG_MAX_COLS);
	buf_clear(&errs);
	assert_int_equal(config_parse("rc", line, strlen(line), &big, &c, &errs), 1);
	assert_non_null(strstr(errs.p, "columns: no column 'c16'"));
	assert_int_equal(c.ncols, 0);
	snprintf(line, sizeof line, "sort = c%d\n", CFG_MAX_COLS - 1);
	assert_int_equal(config_parse("rc", line, strlen(line), &big, &c, &errs), 0);
	assert_int_equal(c.sort, CFG_MAX_COLS - 1);
	snprintf(line, sizeof line, "sort = c%d desc\n", CFG_MAX_COLS);
	buf_clear(&errs);
	assert_int_equal(config_parse("rc", line, strlen(line), &big, &c, &errs), 1);
	assert_false(c.have_sort);
	buf_free(&errs);
}

/* sort = COLUMN [asc|ascending|desc|descending], blanks between, no
 * commas; the first column (index 0) takes a direction too. */
static void
test_sort_words(void **state)
{
	struct zt_config c;
	struct zt_buf errs = { 0 };
	static const struct {
		const char *line;
		int col, dir;	/* col -1: refused */
	} cases[] = {
		{ "sort = rank desc", COL_RANK, CFG_SORT_DESC },
		{ "sort = rank", COL_RANK, CFG_SORT_NATURAL },
		{ "sort = pid desc", COL_PID, CFG_SORT_DESC },
		{ "sort = pid DESCENDING", COL_PID, CFG_SORT_DESC },
		{ "sort = rss ascending", COL_RSS, CFG_SORT_ASC },
		{ "sort = RSS Asc", COL_RSS, CFG_SORT_ASC },
		{ "sort = rss,asc", -1, 0 },
		{ "sort = rss ,asc", -1, 0 },
		{ "sort = rss descend", -1, 0 },
		{ "sort = rss asc ,", -1, 0 },
		{ "sort = ,rss", -1, 0 },
	};

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		int rc = parse(cases[i].line, &c, &errs);
		if (rc != (cases[i].col < 0))
			fail_msg("%s: %d errors", cases[i].line, rc);
		assert_int_equal(c.have_sort, cases[i].col >= 0);
		if (cases[i].col >= 0) {
			assert_int_equal(c.sort, cases[i].col);
			assert_int_equal(c.sort_dir, cases[i].dir);
		}
	}
	buf_free(&errs);
}

/* protect_level: an oom_score_adj from -1000 to 0, both ends in; a value
 * that does not fit 31 bytes is refused even when it is a number. */
static void
test_protect_bounds(void **state)
{
	struct zt_config c;
	struct zt_buf errs = { 0 };
	char line[80];

	(void)state;
	assert_int_equal(parse("protect_level = -1000", &c, &errs), 0);
	assert_int_equal(c.protect_level, -1000);
	assert_int_equal(parse("protect_level = 0", &c, &errs), 0);
	assert_true(c.have_protect_level);
	assert_int_equal(c.protect_level, 0);
	assert_int_equal(parse("protect_level = 1", &c, &errs), 1);
	assert_false(c.have_protect_level);
	assert_int_equal(parse("protect_level = -1001", &c, &errs), 1);
	assert_false(c.have_protect_level);
	snprintf(line, sizeof line, "protect_level = %031d", 0);
	assert_int_equal(parse(line, &c, &errs), 0);
	assert_int_equal(c.protect_level, 0);
	for (int n = 32; n <= 34; n++) {
		snprintf(line, sizeof line, "protect_level = %0*d", n, 0);
		assert_int_equal(parse(line, &c, &errs), 1);
		assert_false(c.have_protect_level);
	}
	buf_free(&errs);
}

static void
test_path(void **state)
{
	char b[64];

	(void)state;
	assert_string_equal(config_path(b, sizeof b, "/x/cfg", "/home/a"),
	    "/x/cfg/zonetop/zonetoprc");
	assert_string_equal(config_path(b, sizeof b, NULL, "/home/a"),
	    "/home/a/.config/zonetop/zonetoprc");
	/* a relative or empty XDG_CONFIG_HOME is ignored (the XDG spec) */
	assert_string_equal(config_path(b, sizeof b, "rel", "/home/a"),
	    "/home/a/.config/zonetop/zonetoprc");
	assert_string_equal(config_path(b, sizeof b, "", "/home/a"),
	    "/home/a/.config/zonetop/zonetoprc");
	assert_null(config_path(b, sizeof b, NULL, NULL));
	assert_null(config_path(b, sizeof b, NULL, ""));
	assert_null(config_path(b, 20, "/a/very/long/directory", NULL));
	/* "/x/zonetop/zonetoprc" is 20 bytes: it needs 21 */
	assert_null(config_path(b, 20, "/x", NULL));
	assert_string_equal(config_path(b, 21, "/x", NULL), "/x/zonetop/zonetoprc");
}

static void
test_read_file(void **state)
{
	char dir[] = "/tmp/zt-config-XXXXXX", path[128], why[64];
	struct zt_buf b = { 0 };
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/zonetoprc", dir);
	assert_int_equal(procfs_read_file(path, &b, why, sizeof why), -1);
	assert_string_equal(why, "missing");
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("interval = 5\n", f);
	fclose(f);
	assert_int_equal(procfs_read_file(path, &b, why, sizeof why), 0);
	assert_string_equal(b.p, "interval = 5\n");
	assert_int_equal(procfs_read_file(dir, &b, why, sizeof why), -1);
	assert_string_equal(why, "is a directory");
	assert_int_equal(procfs_read_file("zonetoprc", &b, why, sizeof why), -1);
	assert_string_equal(why, "not an absolute path");
	unlink(path);
	rmdir(dir);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab),
		cmocka_unit_test(test_good_lines),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_many_bad_lines),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_quote_room),
		cmocka_unit_test(test_role_bounds),
		cmocka_unit_test(test_sort_words),
		cmocka_unit_test(test_protect_bounds),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_read_file),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
