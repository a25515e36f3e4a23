/*
 * test_swaps.c: swaps_parse() on the 6.18 capture (header only, no swap),
 * the seed's 4.4 capture, the 5.8+ header, octal-escaped paths split from
 * the right, and rows it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parsers.h"
#include "snapshot.h"
#include "util.h"

#include "fixture.h"

/* Parse text held in an allocation of exactly its length. */
static int
parse(const char *s, struct zt_swapdev **d, int *n)
{
	char why[ZT_WHY_LEN] = "";
	size_t len = strlen(s);
	char *t = exact_copy(s, len);
	int rc;

	rc = swaps_parse(t, len, d, n, why, sizeof why);
	free(t);
	if (rc < 0) {
		assert_true(why[0] != '\0');
		assert_null(*d);
		assert_int_equal(*n, 0);
	}
	return rc;
}

static void
test_swaps_618_none(void **state)
{
	struct zt_swapdev *d = NULL;
	char why[ZT_WHY_LEN];
	size_t len;
	char *t = fixture("proc/vm-6.18-x86_64-24g/swaps", &len);
	int n = -1;

	(void)state;
	/* the 5.8+ header alone: no swap, and that is an answer */
	assert_int_equal(swaps_parse(t, len, &d, &n, why, sizeof why), 0);
	free(t);
	assert_int_equal(n, 0);
	free(d);
}

static void
test_swaps_seed(void **state)
{
	struct zt_swapdev *d = NULL;
	char why[ZT_WHY_LEN];
	size_t len;
	char *t = fixture("proc/seed-vm-4.4/swaps", &len);
	int n = 0;

	(void)state;
	assert_int_equal(swaps_parse(t, len, &d, &n, why, sizeof why), 0);
	free(t);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].path, "/dev/swap-from-report");
	assert_string_equal(d[0].type, "partition");
	assert_int_equal(d[0].size_kb, 3334140);
	/* 3334140 - 3118172 free */
	assert_int_equal(d[0].used_kb, 215968);
	assert_int_equal(d[0].priority, -1);
	free(d);
}

static void
test_swaps_layouts(void **state)
{
	struct zt_swapdev *d = NULL;
	int n = 0;

	(void)state;
	/* 4.4: "%*s%s\t%u\t%u\t%d" with "file\t" for files, and a second
	 * area; 5.8+ header with doubled tabs */
	assert_int_equal(parse(
	    "Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n"
	    "/swapfile                               file\t\t2097148\t0\t-2\n"
	    "/dev/sdb                                partition\t524284\t1024\t5\n",
	    &d, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(d[0].path, "/swapfile");
	assert_string_equal(d[0].type, "file");
	assert_int_equal(d[0].size_kb, 2097148);
	assert_int_equal(d[0].used_kb, 0);
	assert_int_equal(d[0].priority, -2);
	assert_string_equal(d[1].path, "/dev/sdb");
	assert_int_equal(d[1].priority, 5);
	free(d);
	d = NULL;

	assert_int_equal(parse(
	    "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
	    "/dev/zram0                              partition\t\t8388604\t\t12\t\t100\n",
	    &d, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].path, "/dev/zram0");
	assert_int_equal(d[0].size_kb, 8388604);
	assert_int_equal(d[0].used_kb, 12);
	assert_int_equal(d[0].priority, 100);
	free(d);
}

static void
test_swaps_escaped_path(void **state)
{
	struct zt_swapdev *d = NULL;
	int n = 0;

	(void)state;
	/* seq_file_path(" \t\n\\") escapes: \040 space, \011 tab, \012
	 * newline, \134 backslash; a path longer than 40 gets one blank */
	assert_int_equal(parse(
	    "Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n"
	    "/mnt/my\\040swap\\011file\\012x\\134y file\t\t100\t0\t-3\n"
	    "/a/very/long/path/name/that/goes/beyond/forty/columns/swap file\t\t8\t4\t-4\n"
	    "/odd\\777\\000\\12 file\t\t8\t0\t-5\n",
	    &d, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].path, "/mnt/my swap\tfile\nx\\y");
	assert_string_equal(d[0].type, "file");
	assert_int_equal(d[0].priority, -3);
	assert_string_equal(d[1].path,
	    "/a/very/long/path/name/that/goes/beyond/forty/columns/swap");
	assert_int_equal(d[1].used_kb, 4);
	/* not kernel escapes (above 255, NUL, too short): kept as text */
	assert_string_equal(d[2].path, "/odd\\777\\000\\12");
	free(d);
}

static void
test_swaps_bad(void **state)
{
	struct zt_swapdev *d = NULL;
	int n = 0;
	char path[400];

	(void)state;
	/* rows that are not rows: skipped, the header still answers */
	assert_int_equal(parse(
	    "Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n"
	    "garbage\n"
	    "/x partition 99999999999999999999 0 -1\n"	/* overflow */
	    "/y partition 10 20 -1\n"			/* used > size */
	    "/z partition 10 abc -1\n"
	    "partition 10 0 -1\n"				/* no path */
	    "/w partition -10 0 -1\n"			/* negative size */
	    "/v averyveryverylongtype 10 0 -1\n"
	    "/ok partition 10 0 -1\r\n",
	    &d, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].path, "/ok");
	free(d);
	d = NULL;

	/* no header and no row */
	assert_int_equal(parse("", &d, &n), -1);
	assert_int_equal(parse("hello world\n", &d, &n), -1);
	/* a row without the header is still a row */
	assert_int_equal(parse("/s file 4 0 -1\n", &d, &n), 0);
	assert_int_equal(n, 1);
	free(d);
	d = NULL;

	/* a path longer than the struct holds is cut, not overrun */
	memset(path, 'p', sizeof path);
	memcpy(path + 300, " file 4 0 -1\n", 14);
	path[0] = '/';
	assert_int_equal(parse(path, &d, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(strlen(d[0].path), sizeof d[0].path - 1);
	free(d);
}

/* One row alone (no header), parsed from an allocation of exactly its
 * length; its count of rows read. */
static int
one_row(const char *row, size_t len, struct zt_swapdev **d)
{
	char why[ZT_WHY_LEN] = "";
	char *t = exact_copy(row, len);
	int n = 0;

	free(*d);
	*d = NULL;
	if (swaps_parse(t, len, d, &n, why, sizeof why) < 0)
		n = 0;
	free(t);
	return n;
}

static const char *
row_path(const char *row)
{
	static struct zt_swapdev *d;

	free(d);
	d = NULL;
	if (row == NULL || one_row(row, strlen(row), &d) != 1)
		return NULL;
	return d[0].path;
}

/* seq_file's escapes are exactly a backslash and three octal digits
 * of 1..255, anywhere in the path, the start and the end included. */
static void
test_swaps_escapes(void **state)
{
	(void)state;
	assert_string_equal(row_path("\\040x file 4 0 -1"), " x");
	assert_string_equal(row_path("/x\\040 file 4 0 -1"), "/x ");
	assert_string_equal(row_path("/q\\047 file 4 0 -1"), "/q'");
	assert_string_equal(row_path("/m\\377 file 4 0 -1"), "/m\xff");
	assert_string_equal(row_path("/n\\001 file 4 0 -1"), "/n\x01");
	/* not escapes: kept as text */
	assert_string_equal(row_path("/o\\400 file 4 0 -1"), "/o\\400");
	assert_string_equal(row_path("/swapfile1234 file 4 0 -1"), "/swapfile1234");
	assert_string_equal(row_path("/a\\.77 file 4 0 -1"), "/a\\.77");
	assert_string_equal(row_path("/b\\0.7 file 4 0 -1"), "/b\\0.7");
	assert_string_equal(row_path("/c\\01. file 4 0 -1"), "/c\\01.");
	assert_string_equal(row_path("/d\\08a file 4 0 -1"), "/d\\08a");
	assert_string_equal(row_path("/e\\18 file 4 0 -1"), "/e\\18");
	(void)row_path(NULL);
}

/* Numbers are whole words; used lies within 0..size; the type fits
 * its 15 characters; blanks around the path are padding. */
static void
test_swaps_fields(void **state)
{
	struct zt_swapdev *d = NULL;
	char word[64];

	(void)state;
	assert_int_equal(one_row("/a file 10 10 -1", 16, &d), 1);
	assert_int_equal(d[0].used_kb, 10);
	assert_int_equal(one_row("/a file 0 0 -1", 14, &d), 1);
	assert_int_equal(d[0].size_kb, 0);
	assert_int_equal(one_row("/a file 10 -5 -1", 16, &d), 0);
	assert_int_equal(one_row("/a file 10 11 -1", 16, &d), 0);
	assert_int_equal(one_row("/a file 10 0 5x", 15, &d), 0);
	assert_int_equal(one_row("/a file 10 0x 5", 15, &d), 0);
	assert_int_equal(one_row("/a file 1o 0 5", 14, &d), 0);
	assert_int_equal(one_row("/a file 10 0 -1\0", 16, &d), 0);
	/* a number word of 31 characters is read, 32 and more are not */
	memset(word, '0', sizeof word);
	memcpy(word, "/a file 10 0 ", 13);
	word[13 + 30] = '7';
	assert_int_equal(one_row(word, 13 + 31, &d), 1);
	assert_int_equal(d[0].priority, 7);
	word[13 + 31] = '7';
	assert_int_equal(one_row(word, 13 + 32, &d), 0);
	assert_int_equal(one_row(word, 13 + 40, &d), 0);
	/* types: 15 characters kept, 16 refused */
	assert_int_equal(one_row("/a abcdefghijklmno 4 0 -1", 25, &d), 1);
	assert_string_equal(d[0].type, "abcdefghijklmno");
	assert_int_equal(one_row("/a abcdefghijklmnop 4 0 -1", 26, &d), 0);
	/* padding and paths of blanks */
	assert_int_equal(one_row("  /lead file 4 0 -1", 19, &d), 1);
	assert_string_equal(d[0].path, "/lead");
	assert_int_equal(one_row("   file 4 0 -1", 14, &d), 0);
	assert_int_equal(one_row("   ", 3, &d), 0);
	assert_int_equal(one_row(" ", 1, &d), 0);
	free(d);
	d = NULL;
	/* the header is the word "Filename", whole */
	{
		int n = 0;

		assert_int_equal(parse("Filenamx\n", &d, &n), -1);
		assert_int_equal(parse("Filenam", &d, &n), -1);
		assert_int_equal(parse("Filen", &d, &n), -1);
		assert_int_equal(parse("Filename", &d, &n), 0);
		assert_int_equal(n, 0);
		free(d);
	}
}

/* Each row is its own: a shorter path or type after a longer one keeps
 * nothing of it. */
static void
test_swaps_rows_apart(void **state)
{
	struct zt_swapdev *d = NULL;
	int n = 0;

	(void)state;
	assert_int_equal(parse("/a/longer/path partition 8 0 -2\n"
	    "/s file 4 1 -3\n", &d, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(d[1].path, "/s");
	assert_string_equal(d[1].type, "file");
	assert_int_equal(d[1].used_kb, 1);
	/* nothing after the terminators either */
	for (size_t i = strlen(d[1].path); i < sizeof d[1].path; i++)
		assert_int_equal(d[1].path[i], 0);
	for (size_t i = strlen(d[1].type); i < sizeof d[1].type; i++)
		assert_int_equal(d[1].type[i], 0);
	free(d);
}

/* The parse owns *devs: it frees what was there, leaves NULL on -1,
 * says why (no header, or rows it could not read), skips blank and
 * '#' lines and CRs, and keeps at most 4096 areas. */
static void
test_swaps_parse_edges(void **state)
{
	struct zt_swapdev *d = NULL;
	struct zt_buf b = { 0 };
	char why[ZT_WHY_LEN];
	int n = 0;

	(void)state;
	assert_int_equal(parse("/a file 4 0 -1\n/b file 4 0 -1\n", &d, &n), 0);
	assert_int_equal(n, 2);
	/* the same pointer again: the old array is freed, not leaked */
	assert_int_equal(parse("/c file 4 0 -1\n", &d, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].path, "/c");
	/* a refusal leaves NULL, not the freed array */
	assert_int_equal(parse("nothing\n", &d, &n), -1);
	assert_null(d);

	why[0] = '\0';
	assert_int_equal(swaps_parse("", 0, &d, &n, why, sizeof why), -1);
	assert_non_null(strstr(why, "header"));
	assert_int_equal(swaps_parse("\n\r\n\n", 4, &d, &n, why, sizeof why), -1);
	assert_non_null(strstr(why, "header"));
	assert_int_equal(swaps_parse("# /x file 4 0 -1\n", 17, &d, &n, why,
	    sizeof why), -1);
	assert_non_null(strstr(why, "header"));
	assert_int_equal(swaps_parse("x\n", 2, &d, &n, why, sizeof why), -1);
	assert_non_null(strstr(why, "could be read"));
	assert_int_equal(swaps_parse("x\nFilename\n", 11, &d, &n, why,
	    sizeof why), 0);
	assert_int_equal(n, 0);
	free(d);
	d = NULL;
	/* an empty line first, in an allocation that starts with it */
	assert_int_equal(parse("\n/s file 4 0 -1", &d, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(parse("Filename\n# /x file 4 0 -1\n\n/y file 4 0 -1\r\n", &d, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].path, "/y");
	free(d);
	d = NULL;

	/* 4097 rows: the first 4096 kept, in order */
	for (int i = 0; i < 4097; i++)
		buf_printf(&b, "/s%d file 4 0 -1\n", i);
	assert_int_equal(swaps_parse(b.p, b.len, &d, &n, why, sizeof why), 0);
	assert_int_equal(n, 4096);
	assert_string_equal(d[0].path, "/s0");
	assert_string_equal(d[4095].path, "/s4095");
	free(d);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swaps_618_none),
		cmocka_unit_test(test_swaps_seed),
		cmocka_unit_test(test_swaps_layouts),
		cmocka_unit_test(test_swaps_escaped_path),
		cmocka_unit_test(test_swaps_bad),
		cmocka_unit_test(test_swaps_escapes),
		cmocka_unit_test(test_swaps_fields),
		cmocka_unit_test(test_swaps_rows_apart),
		cmocka_unit_test(test_swaps_parse_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
