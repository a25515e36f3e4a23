/*
 * test_meminfo.c: meminfo_parse(), vmstat_parse() and intlist_parse() on
 * the 6.18 VM capture and the seed's 4.4 capture, and on the lines they
 * must skip: overflowing numbers, other units, junk, cut-off input.
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

/* Text into an allocation of exactly its length, no NUL. */
static char *
exact(const char *s, size_t *len)
{
	*len = strlen(s);
	char *p = xmalloc(*len ? *len : 1);
	memcpy(p, s, *len);
	return p;
}

static int
parse_mem(const char *s, struct zt_kvs *kv)
{
	char why[ZT_WHY_LEN] = "";
	size_t len;
	char *t = exact(s, &len);
	int rc = meminfo_parse(t, len, kv, why, sizeof why);

	free(t);
	if (rc < 0)
		assert_true(why[0] != '\0');
	return rc;
}

static int
parse_vm(const char *s, struct zt_kvs *kv)
{
	char why[ZT_WHY_LEN] = "";
	size_t len;
	char *t = exact(s, &len);
	int rc = vmstat_parse(t, len, kv, why, sizeof why);

	free(t);
	if (rc < 0)
		assert_true(why[0] != '\0');
	return rc;
}

static void
test_meminfo_618(void **state)
{
	struct zt_kvs kv = { 0 };
	char why[ZT_WHY_LEN];
	size_t len;
	char *t = fixture("proc/vm-6.18-x86_64-24g/meminfo", &len);

	(void)state;
	assert_int_equal(meminfo_parse(t, len, &kv, why, sizeof why), 0);
	free(t);
	/* 54 lines, 54 distinct keys */
	assert_int_equal(kv.n, 54);
	assert_int_equal(kvs_get(&kv, "MemTotal"), 24683656);
	assert_int_equal(kvs_get(&kv, "MemFree"), 23331600);
	assert_int_equal(kvs_get(&kv, "Active(anon)"), 1532);
	assert_int_equal(kvs_get(&kv, "Inactive(file)"), 548804);
	assert_int_equal(kvs_get(&kv, "VmallocTotal"), 34359738367LL);
	assert_int_equal(kvs_get(&kv, "Balloon"), 0);
	/* no unit: a count of huge pages */
	assert_int_equal(kvs_get(&kv, "HugePages_Total"), 0);
	assert_int_equal(kvs_get(&kv, "Hugepagesize"), 2048);
	assert_int_equal(kvs_get(&kv, "DirectMap1G"), 25165824);
	assert_true(kvs_get(&kv, "AnonHugePagesX") == ZT_NA);
	kvs_free(&kv);
}

static void
test_meminfo_seed(void **state)
{
	struct zt_kvs kv = { 0 };
	char why[ZT_WHY_LEN];
	size_t len;
	char *t = fixture("proc/seed-vm-4.4/meminfo", &len);

	(void)state;
	assert_int_equal(meminfo_parse(t, len, &kv, why, sizeof why), 0);
	free(t);
	assert_int_equal(kv.n, 33);
	assert_int_equal(kvs_get(&kv, "MemTotal"), 1015460);
	assert_int_equal(kvs_get(&kv, "MemFree"), 7892);
	assert_int_equal(kvs_get(&kv, "CommitLimit"), 3841868);
	/* not in the report, so not in the capture */
	assert_true(kvs_get(&kv, "AnonPages") == ZT_NA);
	assert_true(kvs_get(&kv, "Committed_AS") == ZT_NA);
	kvs_free(&kv);
}

static void
test_meminfo_bad_lines(void **state)
{
	struct zt_kvs kv = { 0 };

	(void)state;
	assert_int_equal(parse_mem(
	    "# source: https://example.org/a: b\n"
	    "MemTotal:       1000 kB\n"
	    "MemFree:        99999999999999999999 kB\n"	/* overflows */
	    "Cached:         12 MB\n"			/* not kB */
	    "Buffers:        12x kB\n"			/* junk */
	    "Shmem:          -4 kB\n"			/* never negative */
	    "Node 0 Slab:    5 kB\n"			/* not a key */
	    "NoBlank:7 kB\n"
	    "Dirty:\n"
	    "Slab:           40 kB \r\n"		/* blanks, CR */
	    "HugePages_Free:        3\n"
	    "\n"
	    "Mapped:         8 kB", &kv), 0);
	assert_int_equal(kv.n, 4);
	assert_int_equal(kvs_get(&kv, "MemTotal"), 1000);
	assert_int_equal(kvs_get(&kv, "Slab"), 40);
	assert_int_equal(kvs_get(&kv, "HugePages_Free"), 3);
	assert_int_equal(kvs_get(&kv, "Mapped"), 8);
	assert_true(kvs_get(&kv, "MemFree") == ZT_NA);
	assert_true(kvs_get(&kv, "Cached") == ZT_NA);
	assert_true(kvs_get(&kv, "Buffers") == ZT_NA);
	assert_true(kvs_get(&kv, "Shmem") == ZT_NA);
	kvs_free(&kv);

	/* a key longer than the table keeps is skipped, not cut */
	assert_int_equal(parse_mem("ThisKeyIsFarTooLongToBeKeptInFortySevenCharactersAtAll: 5 kB\n"
	    "MemTotal: 1 kB\n", &kv), 0);
	assert_int_equal(kv.n, 1);
	kvs_free(&kv);

	/* nothing usable */
	assert_int_equal(parse_mem("", &kv), -1);
	assert_int_equal(parse_mem("nr_free_pages 5\nhello\n", &kv), -1);
	assert_int_equal(kv.n, 0);
	{
		char why[ZT_WHY_LEN] = "";
		assert_int_equal(meminfo_parse(NULL, 0, &kv, why, sizeof why), -1);
		assert_true(why[0] != '\0');
	}
	kvs_free(&kv);
}

/* The length bounds the text: the parser must not read past it. */
static void
test_meminfo_len_bounds(void **state)
{
	struct zt_kvs kv = { 0 };
	char why[ZT_WHY_LEN];
	const char *s = "MemTotal: 123 kB\nMemFree: 456 kB\n";
	/* up to "MemFree: 4": the last line is cut, and reads as 4 */
	size_t len = strlen("MemTotal: 123 kB\nMemFree: 4");
	char *t = xmalloc(len);

	(void)state;
	memcpy(t, s, len);
	assert_int_equal(meminfo_parse(t, len, &kv, why, sizeof why), 0);
	assert_int_equal(kvs_get(&kv, "MemTotal"), 123);
	assert_int_equal(kvs_get(&kv, "MemFree"), 4);
	free(t);
	kvs_free(&kv);

	/* a NUL inside a line hides the rest of it: the line is skipped */
	{
		const char raw[] = "MemTotal: 12\0003 kB\nMemFree: 7 kB\n";
		assert_int_equal(meminfo_parse(raw, sizeof raw - 1, &kv, why,
		    sizeof why), 0);
		assert_int_equal(kv.n, 1);
		assert_int_equal(kvs_get(&kv, "MemFree"), 7);
	}
	kvs_free(&kv);
}

static void
test_vmstat_618(void **state)
{
	struct zt_kvs kv = { 0 };
	char why[ZT_WHY_LEN];
	size_t len;
	char *t = fixture("proc/vm-6.18-x86_64-24g/vmstat", &len);

	(void)state;
	assert_int_equal(vmstat_parse(t, len, &kv, why, sizeof why), 0);
	free(t);
	assert_int_equal(kv.n, 192);
	assert_int_equal(kvs_get(&kv, "nr_free_pages"), 3060087);
	assert_int_equal(kvs_get(&kv, "nr_free_pages_blocks"), 2290688);
	assert_int_equal(kvs_get(&kv, "oom_kill"), 0);
	assert_int_equal(kvs_get(&kv, "pswpin"), 0);
	kvs_free(&kv);
}

static void
test_vmstat_seed(void **state)
{
	struct zt_kvs kv = { 0 };
	char why[ZT_WHY_LEN];
	size_t len;
	char *t = fixture("proc/seed-vm-4.4/vmstat", &len);

	(void)state;
	assert_int_equal(vmstat_parse(t, len, &kv, why, sizeof why), 0);
	free(t);
	assert_int_equal(kv.n, 23);
	assert_int_equal(kvs_get(&kv, "nr_free_pages"), 1973);
	assert_int_equal(kvs_get(&kv, "nr_file_pages"), 71);
	/* 4.4: no oom_kill counter (4.13+) */
	assert_true(kvs_get(&kv, "oom_kill") == ZT_NA);
	kvs_free(&kv);
}

static void
test_vmstat_bad_lines(void **state)
{
	struct zt_kvs kv = { 0 };

	(void)state;
	assert_int_equal(parse_vm(
	    "nr_free_pages 100\n"
	    "pgfault 18446744073709551615\n"	/* above INT64_MAX */
	    "nr_x 12x\n"
	    "Nr_Upper 3\n"
	    "nr_neg -5\n"			/* a dipping per-cpu sum */
	    "nr_two 1 2\n"
	    "nr_tab\t7\n"
	    "key_only\n"
	    " 5\n"
	    "MemTotal: 5 kB\n", &kv), 0);
	assert_int_equal(kv.n, 3);
	assert_int_equal(kvs_get(&kv, "nr_free_pages"), 100);
	assert_int_equal(kvs_get(&kv, "nr_neg"), -5);
	assert_int_equal(kvs_get(&kv, "nr_tab"), 7);
	assert_true(kvs_get(&kv, "pgfault") == ZT_NA);
	kvs_free(&kv);
	assert_int_equal(parse_vm("MemTotal: 5 kB\n", &kv), -1);
	assert_int_equal(parse_vm("", &kv), -1);
	kvs_free(&kv);
}

static int
ilist(const char *s, int64_t *out, int max)
{
	size_t len;
	char *t = exact(s, &len);
	int n = intlist_parse(t, len, out, max);

	free(t);
	return n;
}

static void
test_intlist(void **state)
{
	int64_t v[8];
	size_t len;
	char *t = fixture("proc/vm-6.18-x86_64-24g/sys/vm/lowmem_reserve_ratio", &len);

	(void)state;
	assert_int_equal(intlist_parse(t, len, v, 8), 5);
	free(t);
	assert_int_equal(v[0], 256);
	assert_int_equal(v[1], 256);
	assert_int_equal(v[2], 32);
	assert_int_equal(v[3], 0);
	assert_int_equal(v[4], 0);

	t = fixture("proc/seed-vm-4.4/sys/vm/lowmem_reserve_ratio", &len);
	assert_int_equal(intlist_parse(t, len, v, 8), 3);
	free(t);
	assert_int_equal(v[2], 32);

	/* more than kept: the first max */
	memset(v, 0, sizeof v);
	assert_int_equal(ilist("256\t256\t32\t0\t0\n", v, 2), 2);
	assert_int_equal(v[1], 256);
	assert_int_equal(v[2], 0);
	/* blanks around, no newline, a negative */
	assert_int_equal(ilist("  1 -2\t3  ", v, 8), 3);
	assert_int_equal(v[1], -2);
	/* junk, overflow, nothing, two lines */
	assert_int_equal(ilist("256 abc\n", v, 8), -1);
	assert_int_equal(ilist("256x\n", v, 8), -1);
	assert_int_equal(ilist("99999999999999999999\n", v, 8), -1);
	assert_int_equal(ilist("\n", v, 8), -1);
	assert_int_equal(ilist("", v, 8), -1);
	assert_int_equal(ilist("1\n2\n", v, 8), -1);
	assert_int_equal(ilist("1 2", v, 0), -1);
	assert_int_equal(intlist_parse(NULL, 0, v, 8), -1);
}

/* The edges of the line parsers: CR endings without a blank before,
 * keys of one character and of the longest kept length (47), keys that
 * start with a character no key has, lines of 255 and 256 bytes. */
static void
test_line_edges(void **state)
{
	struct zt_kvs kv = { 0 };
	int64_t v[4];
	char line[300];

	(void)state;
	assert_int_equal(parse_mem("MemTotal: 5 kB\r\nA: 1\r\n-Key: 2 kB\n"
	    ": 3 kB\nActive(anon): 4 kB\n", &kv), 0);
	assert_int_equal(kv.n, 3);
	assert_int_equal(kvs_get(&kv, "MemTotal"), 5);
	assert_int_equal(kvs_get(&kv, "A"), 1);
	assert_int_equal(kvs_get(&kv, "Active(anon)"), 4);
	kvs_free(&kv);
	/* 47 characters are kept, 48 are not */
	assert_int_equal(parse_mem("K2345678901234567890123456789012345678901234567: 6 kB\n"
	    "K23456789012345678901234567890123456789012345678: 7 kB\n", &kv), 0);
	assert_int_equal(kv.n, 1);
	assert_int_equal(kvs_get(&kv, "K2345678901234567890123456789012345678901234567"), 6);
	kvs_free(&kv);
	/* a line of 255 bytes is read; one of 256 is not the kernel's */
	memset(line, ' ', sizeof line);
	memcpy(line, "Big:", 4);
	memcpy(line + 253, " 8\n", 4);		/* 255 bytes and its newline */
	line[257] = '\0';
	assert_int_equal(parse_mem(line, &kv), 0);
	assert_int_equal(kvs_get(&kv, "Big"), 8);
	kvs_free(&kv);
	memcpy(line + 253, "  8\nOk: 1\n", 11);	/* 256 bytes and its newline */
	line[264] = '\0';
	assert_int_equal(parse_mem(line, &kv), 0);
	assert_int_equal(kv.n, 1);
	assert_int_equal(kvs_get(&kv, "Ok"), 1);
	kvs_free(&kv);

	/* vmstat: lower-case keys from the first byte, 47 at most, blanks
	 * after the number allowed */
	assert_int_equal(parse_vm("Nr_x 5\nnr_y 6 \t\nz 7\r\n 8\nnr_w \n", &kv), 0);
	assert_int_equal(kv.n, 2);
	assert_int_equal(kvs_get(&kv, "nr_y"), 6);
	assert_int_equal(kvs_get(&kv, "z"), 7);
	kvs_free(&kv);
	assert_int_equal(parse_vm("k2345678901234567890123456789012345678901234567 1\n"
	    "k23456789012345678901234567890123456789012345678 2\n", &kv), 0);
	assert_int_equal(kv.n, 1);
	kvs_free(&kv);

	/* one value, and a caller that keeps one */
	assert_int_equal(ilist("5\n", v, 4), 1);
	assert_int_equal(v[0], 5);
	assert_int_equal(ilist("5 6\n", v, 1), 1);
	assert_int_equal(v[0], 5);
	assert_int_equal(ilist("5 6\n", v, 0), -1);
	assert_int_equal(ilist("5 x\n", v, 4), -1);
	assert_int_equal(ilist("\n", v, 4), -1);
	assert_int_equal(intlist_parse(NULL, 0, v, 4), -1);
	/* a sign right after a number is no separator: "1-2" is not 1, -2 */
	assert_int_equal(ilist("1-2\n", v, 4), -1);
	/* a line no kernel prints (256 bytes or more, a NUL inside) is
	 * refused whole, never read from what the last call left behind */
	memset(line, ' ', sizeof line);
	for (int i = 0; i < 290; i += 2)
		line[i] = '7';
	line[290] = '\n';
	assert_int_equal(intlist_parse("5 6\n", 4, v, 4), 2);
	assert_int_equal(intlist_parse(line, 291, v, 4), -1);
	assert_int_equal(intlist_parse("5 6\n", 4, v, 4), 2);
	assert_int_equal(intlist_parse("5\0 6\n", 5, v, 4), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meminfo_618),
		cmocka_unit_test(test_meminfo_seed),
		cmocka_unit_test(test_meminfo_bad_lines),
		cmocka_unit_test(test_meminfo_len_bounds),
		cmocka_unit_test(test_vmstat_618),
		cmocka_unit_test(test_vmstat_seed),
		cmocka_unit_test(test_vmstat_bad_lines),
		cmocka_unit_test(test_intlist),
		cmocka_unit_test(test_line_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
