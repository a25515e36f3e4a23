/*
 * test_procs_parse.c: the pure readers of /proc/PID/stat, status and
 * cmdline (procs_parse.c) at their edges: field bounds, escapes, keys
 * that nearly match, values that do not parse, the badness inputs and
 * their overflow guards.  Every text is handed over in an allocation of
 * exactly its length, so ASan sees any read past its end.  test_procs.c
 * runs the same readers on real files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "badness.h"
#include "procs_parse.h"
#include "snapshot.h"
#include "util.h"

#include "fixture.h"

/* The fields after the comm up to starttime (22), as 6.x prints them:
 * state, ppid 1, flags 4194560, starttime 98765. */
#define STAT_TAIL " S 1 5 5 0 -1 4194560 10 0 0 0 3 2 0 0 20 0 1 0 98765"

static int
stat_of(const char *s, size_t n, struct procs_stat *st)
{
	char *t = exact_copy(s, n);
	int rc = procs_parse_stat(t, n, st);

	free(t);
	return rc;
}

static int
stat_str(const char *s, struct procs_stat *st)
{
	return stat_of(s, strlen(s), st);
}

static void
test_stat_fields(void **state)
{
	struct procs_stat st;

	(void)state;
	assert_int_equal(stat_str("1234 (my comm)" STAT_TAIL, &st), 0);
	assert_int_equal(st.pid, 1234);
	assert_string_equal(st.comm, "my comm");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 1);
	assert_int_equal(st.flags, 4194560);
	assert_int_equal(st.start_time, 98765);
	/* the comm's last ')' closes it */
	assert_int_equal(stat_str("7 (a) b)" STAT_TAIL " 0 0\n", &st), 0);
	assert_string_equal(st.comm, "a) b");
	/* pid bounds */
	assert_int_equal(stat_str("1 (x)" STAT_TAIL, &st), 0);
	assert_int_equal(st.pid, 1);
	assert_int_equal(stat_str("2147483647 (x)" STAT_TAIL, &st), 0);
	assert_int_equal(st.pid, 2147483647);
	assert_int_equal(stat_str("2147483648 (x)" STAT_TAIL, &st), -1);
	assert_int_equal(stat_str("0 (x)" STAT_TAIL, &st), -1);
	assert_int_equal(stat_str("-5 (x)" STAT_TAIL, &st), -1);
	assert_int_equal(stat_str("abc (x)" STAT_TAIL, &st), -1);
	assert_int_equal(stat_str("(x)" STAT_TAIL, &st), -1);
	assert_int_equal(stat_str("5(x)" STAT_TAIL, &st), 0);
	assert_int_equal(st.pid, 5);
	assert_int_equal(stat_str(" (x)" STAT_TAIL, &st), -1);
	/* the pid and its blank hold in 15 bytes */
	assert_int_equal(stat_str("00000000000042 (x)" STAT_TAIL, &st), 0);
	assert_int_equal(st.pid, 42);
	assert_int_equal(stat_str("000000000000042 (x)" STAT_TAIL, &st), -1);
	/* no '(' or no ')' */
	assert_int_equal(stat_str("12 x" STAT_TAIL, &st), -1);
	assert_int_equal(stat_str("12 (x S 1 2 3", &st), -1);
}

/* The comm holds 63 bytes; the fields after it are read from their
 * first 511 bytes; starttime is field 22, the last one needed. */
static void
test_stat_bounds(void **state)
{
	struct procs_stat st;
	char line[800], name[101];
	size_t n;

	(void)state;
	memset(name, 'c', 100);
	name[100] = '\0';
	for (int len = 62; len <= 100; len++) {
		snprintf(line, sizeof line, "9 (%.*s)" STAT_TAIL, len, name);
		assert_int_equal(stat_str(line, &st), 0);
		assert_int_equal(strlen(st.comm), len < 63 ? (size_t)len : 63);
	}
	/* ends right after starttime */
	assert_int_equal(stat_str("9 (x)" STAT_TAIL, &st), 0);
	/* one field short */
	assert_int_equal(stat_str("9 (x) S 1 5 5 0 -1 4194560 10 0 0 0 3 2 0 0 20 0 1 0", &st), -1);

	/* starttime's last digit at the 511th byte after ')': read whole;
	 * a byte further would be cut */
	n = (size_t)snprintf(line, sizeof line, "9 (x) S 1 5 5 0 -1 4194560 10 0 0 0 3 2 0 0 20 0 1 0");
	{
		size_t rest = n - strlen("9 (x)");	/* bytes after ')' so far */
		size_t pad = 511 - rest - strlen(" 98765");
		memset(line + n, ' ', pad);
		memcpy(line + n + pad, " 98765", 6);
		n += pad + 6;
		memset(line + n, '7', 90);	/* past the 511: not read */
		n += 90;
	}
	assert_int_equal(stat_of(line, n, &st), 0);
	assert_int_equal(st.start_time, 98765);
	/* exactly 512 bytes after ')': the last is cut */
	n = strlen("9 (x)") + 512;
	assert_int_equal(stat_of(line, n, &st), 0);
	assert_int_equal(st.start_time, 98765);
}

static void
test_stat_bad_fields(void **state)
{
	struct procs_stat st;

	(void)state;
	/* nothing after the comm, or a newline where the state is */
	assert_int_equal(stat_str("9 (x)", &st), -1);
	assert_int_equal(stat_str("9 (x)   ", &st), -1);
	assert_int_equal(stat_str("9 (x) \n1 5 5 0 -1 4194560 10 0 0 0 3 2 0 0 20 0 1 0 98765", &st), -1);
	/* flags and starttime are unsigned; the others numbers */
	assert_int_equal(stat_str("9 (x) S 1 5 5 0 -1 -4194560 10 0 0 0 3 2 0 0 20 0 1 0 98765", &st), -1);
	assert_int_equal(stat_str("9 (x) S 1 5 5 0 -1 4194560 10 0 0 0 3 2 0 0 20 0 1 0 -98765", &st), -1);
	assert_int_equal(stat_str("9 (x) S x 5 5 0 -1 4194560 10 0 0 0 3 2 0 0 20 0 1 0 98765", &st), -1);
	assert_int_equal(stat_str("9 (x) S 1 5 5 0 -1 4194560 10 0 0 0 3 2 0 0 20 y 1 0 98765", &st), -1);
	/* "+1" is no signed field (though an unsigned one would take it) */
	assert_int_equal(stat_str("9 (x) S 1 5 5 0 -1 4194560 10 0 0 0 3 2 0 0 20 0 +1 0 98765", &st), -1);
}

/* A status text into a zt_proc prefilled with marks, to see what the
 * parser wrote and what it left. */
static int
status_of(const char *s, size_t n, struct zt_proc *p)
{
	char *t = exact_copy(s, n);
	int rc;

	memset(p, 'x', sizeof *p);
	p->uid = 77;
	p->rss_kb = p->swap_kb = p->pgtables_kb = -7;
	p->state = '?';
	rc = procs_parse_status(t, n, p);
	free(t);
	return rc;
}

static int
status_str(const char *s, struct zt_proc *p)
{
	return status_of(s, strlen(s), p);
}

/* A 6.18 status, whole, with a swap and page tables to see. */
static const char full_status[] =
    "Name:\tpython3\n"
    "Umask:\t0022\n"
    "State:\tS (sleeping)\n"
    "Tgid:\t4242\n"
    "Ngid:\t0\n"
    "Pid:\t4242\n"
    "PPid:\t1\n"
    "TracerPid:\t0\n"
    "Uid:\t1000\t1001\t1001\t1001\n"
    "Gid:\t5\t5\t5\t5\n"
    "FDSize:\t64\n"
    "Groups:\t5 \n"
    "NStgid:\t4242\n"
    "NSpid:\t4242\n"
    "NSpgid:\t4242\n"
    "NSsid:\t4242\n"
    "Kthread:\t0\n"
    "VmPeak:\t   20000 kB\n"
    "VmSize:\t   19000 kB\n"
    "VmLck:\t       0 kB\n"
    "VmPin:\t       0 kB\n"
    "VmHWM:\t    9000 kB\n"
    "VmRSS:\t    8000 kB\n"
    "RssAnon:\t    6000 kB\n"
    "RssFile:\t    1992 kB\n"
    "RssShmem:\t       8 kB\n"
    "VmData:\t    7000 kB\n"
    "VmStk:\t     132 kB\n"
    "VmExe:\t       4 kB\n"
    "VmLib:\t    3000 kB\n"
    "VmPTE:\t      56 kB\n"
    "VmSwap:\t    1234 kB\n"
    "HugetlbPages:\t       0 kB\n"
    "CoreDumping:\t0\n"
    "THP_enabled:\t1\n"
    "untag_mask:\t0xffffffffffffffff\n"
    "Threads:\t1\n"
    "SigQ:\t0/95000\n"
    "SigPnd:\t0000000000000000\n"
    "ShdPnd:\t0000000000000000\n"
    "SigBlk:\t0000000000000000\n"
    "SigIgn:\t0000000001001000\n"
    "SigCgt:\t0000000000000002\n"
    "CapInh:\t0000000000000000\n"
    "CapPrm:\t0000000000000000\n"
    "CapEff:\t0000000000000000\n"
    "CapBnd:\t000001ffffffffff\n"
    "CapAmb:\t0000000000000000\n"
    "NoNewPrivs:\t0\n"
    "Seccomp:\t0\n"
    "Speculation_Store_Bypass:\tthread vulnerable\n"
    "Cpus_allowed_list:\t0-1\n"
    "Mems_allowed_list:\t0\n"
    "voluntary_ctxt_switches:\t10\n"
    "nonvoluntary_ctxt_switches:\t1\n";

static void
test_status_full(void **state)
{
	struct zt_proc p;

	(void)state;
	assert_int_equal(status_str(full_status, &p), 0);
	assert_string_equal(p.comm, "python3");
	assert_int_equal(p.state, 'S');
	assert_int_equal(p.uid, 1001);
	assert_int_equal(p.rss_kb, 8000);
	assert_int_equal(p.swap_kb, 1234);
	assert_int_equal(p.pgtables_kb, 56);
}

/* Keys must match whole: a key of the same length that differs, or one
 * that shares the start, leaves the field alone. */
static void
test_status_near_keys(void **state)
{
	struct zt_proc p;

	(void)state;
	assert_int_equal(status_str("Namx:\tfoo\n", &p), -1);
	assert_int_equal(status_str("Name:\tfoo\nStatz:\tR\nUix:\t5\t5\t5\t5\n"
	    "Gid:\t6\t6\t6\t6\nVmRSx:\t9 kB\nVmSwaq:\t9 kB\nVmPTX:\t9 kB\n"
	    "Umask:\t0022\nSigPnd:\t0000000000000000\nFDSize:\t64\n", &p), 0);
	assert_int_equal(p.state, '?');
	assert_int_equal(p.uid, 77);
	assert_int_equal(p.rss_kb, -7);
	assert_int_equal(p.swap_kb, -7);
	assert_int_equal(p.pgtables_kb, -7);
	/* a line without a colon is passed over, the next one read */
	assert_int_equal(status_str("no colon here\nName:\tz\nVmRSS 5 kB\n", &p), 0);
	assert_string_equal(p.comm, "z");
	assert_int_equal(p.rss_kb, -7);
	/* the value starts right after the colon */
	assert_int_equal(status_str("Name:foo\nVmRSS:5 kB\n", &p), 0);
	assert_string_equal(p.comm, "foo");
	assert_int_equal(p.rss_kb, 5);
}

/* Name: one tab dropped, the kernel's \n and \\ undone, anything else
 * kept as written, cut at 63 bytes; texts ending inside an escape. */
static void
test_status_name(void **state)
{
	struct zt_proc p;
	char line[200];

	(void)state;
	assert_int_equal(status_str("Name:\ta\\nb\\\\c\\xd", &p), 0);
	assert_string_equal(p.comm, "a\nb\\c\\xd");
	assert_int_equal(status_str("Name:\ta\\n", &p), 0);
	assert_string_equal(p.comm, "a\n");
	assert_int_equal(status_str("Name:\tab\\", &p), 0);
	assert_string_equal(p.comm, "ab\\");
	assert_int_equal(status_str("Name:\t\n", &p), 0);
	assert_string_equal(p.comm, "");
	assert_int_equal(status_str("Name:", &p), 0);
	assert_string_equal(p.comm, "");
	assert_int_equal(status_str("Name:\t\tx", &p), 0);
	assert_string_equal(p.comm, "\tx");
	for (int len = 62; len <= 70; len++) {
		memset(line, 'n', sizeof line);
		memcpy(line, "Name:\t", 6);
		assert_int_equal(status_of(line, 6 + (size_t)len, &p), 0);
		assert_int_equal(strlen(p.comm), len < 63 ? (size_t)len : 63);
	}
}

static void
test_status_state(void **state)
{
	struct zt_proc p;

	(void)state;
	assert_int_equal(status_str("Name:\tx\nState:\tR", &p), 0);
	assert_int_equal(p.state, 'R');
	assert_int_equal(status_str("Name:\tx\nState: \t t (tracing stop)", &p), 0);
	assert_int_equal(p.state, 't');
	assert_int_equal(status_str("Name:\tx\nState:\tA", &p), 0);
	assert_int_equal(p.state, 'A');
	assert_int_equal(status_str("Name:\tx\nState:\tz", &p), 0);
	assert_int_equal(p.state, 'z');
	assert_int_equal(status_str("Name:\tx\nState:\t1", &p), 0);
	assert_int_equal(p.state, '?');
	assert_int_equal(status_str("Name:\tx\nState:\t{", &p), 0);
	assert_int_equal(p.state, '?');
	assert_int_equal(status_str("Name:\tx\nState:\t@", &p), 0);
	assert_int_equal(p.state, '?');
	assert_int_equal(status_str("Name:\tx\nState:\t", &p), 0);
	assert_int_equal(p.state, '?');
	assert_int_equal(status_str("Name:\tx\nState:", &p), 0);
	assert_int_equal(p.state, '?');
}

/* Uid: the effective (second) id, only when both parse and it is not
 * negative; a value too long for the buffer is not read. */
static void
test_status_uid(void **state)
{
	struct zt_proc p;
	char line[200];

	(void)state;
	assert_int_equal(status_str("Name:\tx\nUid:\t5\t-3\t5\t5\n", &p), 0);
	assert_int_equal(p.uid, 77);
	assert_int_equal(status_str("Name:\tx\nUid:\t5\n", &p), 0);
	assert_int_equal(p.uid, 77);
	assert_int_equal(status_str("Name:\tx\nUid:\tq\t6\n", &p), 0);
	assert_int_equal(p.uid, 77);
	assert_int_equal(status_str("Name:\tx\nUid:\t5\t0\t5\t5\n", &p), 0);
	assert_int_equal(p.uid, 0);
	/* 95 bytes of value are read, 96 are not */
	for (int len = 95; len <= 97; len++) {
		int n = snprintf(line, sizeof line, "Name:\tx\nUid:\t5\t6");
		memset(line + n, ' ', sizeof line - (size_t)n);
		assert_int_equal(status_of(line, (size_t)(n + len - 4), &p), 0);
		assert_int_equal(p.uid, len == 95 ? 6 : 77);
	}
}

/* kB values: 31 bytes are read, 32 are not; negative and junk values
 * leave the field as it was. */
static void
test_status_kb(void **state)
{
	struct zt_proc p;
	char line[100];

	(void)state;
	assert_int_equal(status_str("Name:\tx\nVmRSS:\t-5 kB\nVmSwap:\tkB\n"
	    "VmPTE:\t\n", &p), 0);
	assert_int_equal(p.rss_kb, -7);
	assert_int_equal(p.swap_kb, -7);
	assert_int_equal(p.pgtables_kb, -7);
	for (int len = 31; len <= 40; len++) {
		int n = snprintf(line, sizeof line, "Name:\tx\nVmRSS:");
		memset(line + n, ' ', sizeof line - (size_t)n);
		line[n + len - 1] = '9';
		assert_int_equal(status_of(line, (size_t)(n + len), &p), 0);
		assert_int_equal(p.rss_kb, len == 31 ? 9 : -7);
	}
}

/* A status into a badness_task prefilled with marks. */
static int
badness_of(const char *s, size_t n, int page_kb, struct badness_task *t)
{
	char *txt = exact_copy(s, n);
	int rc;

	memset(t, 0, sizeof *t);
	t->rss_anon = t->rss_file = t->rss_shmem = 1111;
	t->swapents = t->pgtables_bytes = 2222;
	t->uid = 77;
	t->flags = BADNESS_F_NO_MM;
	rc = procs_parse_badness(txt, n, page_kb, t);
	free(txt);
	return rc;
}

static int
badness_str(const char *s, int page_kb, struct badness_task *t)
{
	return badness_of(s, strlen(s), page_kb, t);
}

static void
test_badness_full(void **state)
{
	struct badness_task t;

	(void)state;
	assert_int_equal(badness_str(full_status, 4, &t), 0);
	assert_int_equal(t.rss_anon, 1500);
	assert_int_equal(t.rss_file, 498);
	assert_int_equal(t.rss_shmem, 2);
	assert_int_equal(t.swapents, 308);
	assert_int_equal(t.pgtables_bytes, 56 * 1024);
	assert_int_equal(t.uid, 1001);
	assert_true(t.known & BADNESS_F_NO_MM);
	assert_false(t.flags & BADNESS_F_NO_MM);
	assert_true(t.known & BADNESS_F_CAP_ADMIN);
	assert_false(t.flags & BADNESS_F_CAP_ADMIN);
	assert_false(t.known & BADNESS_F_VICTIM);
	assert_false(t.flags & BADNESS_F_VICTIM);
	/* 1 KiB pages (a page size only the tests use) */
	assert_int_equal(badness_str(full_status, 1, &t), 0);
	assert_int_equal(t.rss_shmem, 8);
	assert_int_equal(t.swapents, 1234);
	/* no page size: refused */
	assert_int_equal(badness_str(full_status, 0, &t), -1);
	assert_int_equal(badness_str(full_status, -4, &t), -1);
}

/* Without VmSwap or VmPTE their counters are not available; without a
 * split (before 4.5, or a part missing) the VmRSS sum counts as anon. */
static void
test_badness_missing(void **state)
{
	struct badness_task t;

	(void)state;
	assert_int_equal(badness_str("Name:\tx\nVmRSS:\t400 kB\nRssAnon:\t100 kB\n"
	    "RssFile:\t300 kB\n", 4, &t), 0);
	assert_int_equal(t.rss_anon, 100);
	assert_int_equal(t.rss_file, 0);
	assert_int_equal(t.rss_shmem, 0);
	assert_true(t.swapents == BADNESS_NA);
	assert_true(t.pgtables_bytes == BADNESS_NA);
	assert_int_equal(badness_str("Name:\tx\nVmRSS:\t400 kB\nRssFile:\t300 kB\n"
	    "RssShmem:\t100 kB\n", 4, &t), 0);
	assert_int_equal(t.rss_anon, 100);
	assert_int_equal(t.rss_file, 0);
}

/* CAP_SYS_ADMIN is bit 21 of CapEff, SIGKILL bit 8 of SigPnd/ShdPnd;
 * a mask that does not parse is not known. */
static void
test_badness_masks(void **state)
{
	struct badness_task t;
	char line[120];

	(void)state;
	assert_int_equal(badness_str("Name:\tx\nCapEff:\t0000000000200000\n", 4, &t), 0);
	assert_true(t.flags & BADNESS_F_CAP_ADMIN);
	assert_true(t.known & BADNESS_F_CAP_ADMIN);
	assert_int_equal(badness_str("Name:\tx\nCapEff:\t0000000000500000\n", 4, &t), 0);
	assert_false(t.flags & BADNESS_F_CAP_ADMIN);
	assert_true(t.known & BADNESS_F_CAP_ADMIN);
	assert_int_equal(badness_str("Name:\tx\nCapEff:\t0000000000000001\n", 4, &t), 0);
	assert_false(t.flags & BADNESS_F_CAP_ADMIN);
	assert_int_equal(badness_str("Name:\tx\nCapEff:0\n", 4, &t), 0);
	assert_true(t.known & BADNESS_F_CAP_ADMIN);
	assert_int_equal(badness_str("Name:\tx\nCapEff:\tzz\n", 4, &t), 0);
	assert_false(t.known & BADNESS_F_CAP_ADMIN);
	assert_int_equal(badness_str("Name:\tx\nCapEff:", 4, &t), 0);
	assert_false(t.known & BADNESS_F_CAP_ADMIN);
	/* 39 bytes of mask are read, 40 are not */
	for (int len = 39; len <= 45; len++) {
		int n = snprintf(line, sizeof line, "Name:\tx\nCapEff:");
		memset(line + n, '0', sizeof line - (size_t)n);
		line[n + len - 6] = '2';	/* bit 21 */
		assert_int_equal(badness_of(line, (size_t)(n + len), 4, &t), 0);
		assert_int_equal(!!(t.known & BADNESS_F_CAP_ADMIN), len == 39);
		assert_int_equal(!!(t.flags & BADNESS_F_CAP_ADMIN), len == 39);
	}
	/* SIGKILL pending, in either mask */
	assert_int_equal(badness_str("Name:\tx\nSigPnd:\t0000000000000100\n", 4, &t), 0);
	assert_true(t.flags & BADNESS_F_VICTIM);
	assert_true(t.known & BADNESS_F_VICTIM);
	assert_int_equal(badness_str("Name:\tx\nShdPnd:\t0000000000000100\n", 4, &t), 0);
	assert_true(t.flags & BADNESS_F_VICTIM);
	assert_int_equal(badness_str("Name:\tx\nShdPnd:\t00000000000000ff\n"
	    "SigPnd:\t0000000000000200\nSigBlk:\t0000000000000100\n", 4, &t), 0);
	assert_false(t.flags & BADNESS_F_VICTIM);
	assert_false(t.known & BADNESS_F_VICTIM);
}

/* Page tables in bytes, VmPTE + VmPMD, refused where the bytes would
 * overflow (each part at most INT64_MAX / 2048 kB). */
static void
test_badness_pgtables(void **state)
{
	struct badness_task t;
	char line[200];
	const int64_t lim = INT64_MAX / 2048;

	(void)state;
	assert_int_equal(badness_str("Name:\tx\nVmRSS:\t4 kB\nVmPTE:\t8 kB\n"
	    "VmPMD:\t4 kB\n", 4, &t), 0);
	assert_int_equal(t.pgtables_bytes, 12 * 1024);
	snprintf(line, sizeof line, "Name:\tx\nVmRSS:\t4 kB\nVmPTE:\t%lld kB\n",
	    (long long)lim);
	assert_int_equal(badness_str(line, 4, &t), 0);
	assert_int_equal(t.pgtables_bytes, lim * 1024);
	snprintf(line, sizeof line, "Name:\tx\nVmRSS:\t4 kB\nVmPTE:\t%lld kB\n",
	    (long long)lim + 1);
	assert_int_equal(badness_str(line, 4, &t), 0);
	assert_true(t.pgtables_bytes == BADNESS_NA);
	snprintf(line, sizeof line, "Name:\tx\nVmRSS:\t4 kB\nVmPTE:\t1 kB\n"
	    "VmPMD:\t%lld kB\n", (long long)lim);
	assert_int_equal(badness_str(line, 4, &t), 0);
	assert_int_equal(t.pgtables_bytes, (lim + 1) * 1024);
	snprintf(line, sizeof line, "Name:\tx\nVmRSS:\t4 kB\nVmPTE:\t1 kB\n"
	    "VmPMD:\t%lld kB\n", (long long)lim + 1);
	assert_int_equal(badness_str(line, 4, &t), 0);
	assert_true(t.pgtables_bytes == BADNESS_NA);
}

/* No VmRSS: no mm (a zombie); with one the NO_MM mark is cleared. */
static void
test_badness_no_mm(void **state)
{
	struct badness_task t;

	(void)state;
	assert_int_equal(badness_str("Name:\tz\nState:\tZ (zombie)\n", 4, &t), 0);
	assert_true(t.flags & BADNESS_F_NO_MM);
	assert_true(t.known & BADNESS_F_NO_MM);
	assert_true(t.rss_anon == BADNESS_NA);
	assert_int_equal(badness_str("Name:\tz\nVmRSS:\t0 kB\n", 4, &t), 0);
	assert_false(t.flags & BADNESS_F_NO_MM);
	assert_true(t.known & BADNESS_F_NO_MM);
	assert_int_equal(badness_str("VmRSS:\t4 kB\n", 4, &t), -1);
}

static void
test_cmdline(void **state)
{
	char *c;

	(void)state;
	c = procs_cmdline("\0abc\0d\0\0", 8);
	assert_string_equal(c, " abc d");
	free(c);
	c = procs_cmdline("x", 1);
	assert_string_equal(c, "x");
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat_fields),
		cmocka_unit_test(test_stat_bounds),
		cmocka_unit_test(test_stat_bad_fields),
		cmocka_unit_test(test_status_full),
		cmocka_unit_test(test_status_near_keys),
		cmocka_unit_test(test_status_name),
		cmocka_unit_test(test_status_state),
		cmocka_unit_test(test_status_uid),
		cmocka_unit_test(test_status_kb),
		cmocka_unit_test(test_badness_full),
		cmocka_unit_test(test_badness_missing),
		cmocka_unit_test(test_badness_masks),
		cmocka_unit_test(test_badness_pgtables),
		cmocka_unit_test(test_badness_no_mm),
		cmocka_unit_test(test_cmdline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
