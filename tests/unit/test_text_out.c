/* Unit tests: the batch text report's candidate rows and its reasons
 * for what it cannot show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "derive.h"
#include "output.h"
#include "parsers.h"
#include "snapshot.h"
#include "util.h"

/* A command line is escaped, then cut at 160 bytes with "...", like
 * top's batch width; the cut never splits an escape's UTF-8. */
static void
test_cmdline_cut(void **state)
{
	struct zt_snapshot s;
	struct zt_buf out = { 0 }, want = { 0 };
	char cmd[300];

	(void)state;
	snapshot_init(&s);
	status_set(&s, ZT_SRC_PROCS, true, NULL);
	memset(cmd, 'a', 150);
	memcpy(cmd + 150, "\x1b[31m", 5);		/* escaped: \e[31m, 6 bytes */
	memset(cmd + 155, 'b', 100);
	cmd[255] = '\0';
	s.nprocs = s.nprocs_total = 1;
	s.procs = xcalloc(1, sizeof *s.procs);
	s.procs[0].pid = 42;
	s.procs[0].rank = 1;
	s.procs[0].killable = true;
	s.procs[0].cmdline = xstrdup(cmd);
	s.procs[0].oom_score = s.procs[0].oom_score_adj = ZT_NA;
	s.procs[0].rss_kb = s.procs[0].swap_kb = s.procs[0].score_adj0 = ZT_NA;
	s.procs[0].badness_share = NAN;
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	/* 150 a + 6 bytes of escape + 4 b = 160, then the mark */
	buf_add(&want, cmd, 150);
	buf_add(&want, "\\e[31mbbbb...\n", 14);
	assert_non_null(strstr(out.p, want.p));
	assert_null(strchr(out.p, 0x1b));
	buf_free(&out);
	buf_free(&want);

	/* a short one is whole, with no mark */
	free(s.procs[0].cmdline);
	s.procs[0].cmdline = xstrdup("sleep 60");
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p, "sleep 60\n"));
	buf_free(&out);
	snapshot_free(&s);
}

/* OOM kills n/a: the reason is vmstat's own where the file could not be
 * read, the kernel's age only where vmstat was read without oom_kill. */
static void
test_oom_kills_why(void **state)
{
	struct zt_snapshot s;
	struct zt_buf out = { 0 };

	(void)state;
	snapshot_init(&s);
	status_set(&s, ZT_SRC_VMSTAT, false, "vmstat: missing");
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p, "OOM kills n/a (vmstat: missing)\n"));
	assert_null(strstr(out.p, "4.13"));
	buf_free(&out);

	status_set(&s, ZT_SRC_VMSTAT, true, NULL);
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p,
	    "OOM kills n/a (vmstat has no oom_kill before 4.13)\n"));
	buf_free(&out);

	s.oom_kills = 3;
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p, "OOM kills since boot 3\n"));
	buf_free(&out);
	snapshot_free(&s);
}

/* A vmstat without oom_kill on a 4.13+ kernel: built without
 * CONFIG_VM_EVENT_COUNTERS (5.12.14 in tests/fixtures/proc-fresh3/009-*,
 * which prints no event counter at all), not too old; on an older or
 * unknown release, too old.  Judged by the release, which a replay
 * keeps, not by the file's other keys: the seed's capture, rebuilt from
 * its report, has none of the events, on 4.4. */
static void
test_oom_kills_why_no_events(void **state)
{
	struct zt_snapshot s;
	struct zt_buf out = { 0 };

	(void)state;
	snapshot_init(&s);
	status_set(&s, ZT_SRC_VMSTAT, true, NULL);
	kvs_set(&s.vmstat, "nr_free_pages", 3614937);
	kvs_set(&s.vmstat, "nr_dirty_threshold", 739646);
	snprintf(s.kernel, sizeof s.kernel, "5.12.14-porteus");
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p, "OOM kills n/a (vmstat has no oom_kill: "
	    "a kernel built without CONFIG_VM_EVENT_COUNTERS?)\n"));
	assert_null(strstr(out.p, "4.13"));
	buf_free(&out);

	static const char *const older[] = { "4.12.14", "4.4.0-x86_64-linode63", "" };
	for (size_t i = 0; i < sizeof older / sizeof older[0]; i++) {
		snprintf(s.kernel, sizeof s.kernel, "%s", older[i]);
		text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
		assert_non_null(strstr(out.p,
		    "OOM kills n/a (vmstat has no oom_kill before 4.13)\n"));
		buf_free(&out);
	}
	snprintf(s.kernel, sizeof s.kernel, "4.13.0");
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p, "CONFIG_VM_EVENT_COUNTERS?)\n"));
	buf_free(&out);
	snapshot_free(&s);
}

/* A zone known from buddyinfo alone (no zoneinfo: free and marks
 * unknown) has no watermark verdict: "n/a", never FAIL (4.9, 8 nodes,
 * tests/fixtures/proc-fresh/012-*: every order printed FAIL). */
static void
test_buddy_without_zoneinfo(void **state)
{
	static const char buddy[] =
	    "Node 0, zone      DMA      3      0      2      1      3      2      2      1      0      1      3\n"
	    "Node 0, zone   Normal   2389    418    668    707    738    451    246     93     42     21  15147\n";
	struct zt_snapshot s;
	struct zt_buf out = { 0 };
	char why[ZT_WHY_LEN];

	(void)state;
	snapshot_init(&s);
	status_set(&s, ZT_SRC_ZONEINFO, false, "zoneinfo: missing");
	assert_int_equal(buddyinfo_parse(buddy, strlen(buddy), &s, why,
	    sizeof why), 0);
	status_set(&s, ZT_SRC_BUDDYINFO, true, NULL);
	derive_snapshot(&s, NULL);
	assert_true(s.zones[1].wm_applies[ZT_CLASS_KERNEL]);
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p, "   0 Normal   2389 418 668 707 738 "
	    "451 246 93 42 21 15147   highest 10   n/a\n"));
	assert_null(strstr(out.p, "FAIL"));
	buf_free(&out);
	snapshot_free(&s);
}

/*
 * The zone table's title names the page size only where it is known.
 * proc-fresh2/007, a ppc64le zoneinfo alone (64 KiB pages, which the
 * capture cannot tell), printed "Zones (pages of 4 KiB)" under a header
 * that said "page size n/a ... 4 KiB assumed".
 */
static void
test_zones_page_size(void **state)
{
	static const char zi[] =
	    "Node 0, zone      DMA\n"
	    "  pages free     53520\n"
	    "        min      63\n"
	    "        low      128\n"
	    "        high     193\n"
	    "        spanned  65536\n"
	    "        present  65536\n"
	    "        managed  65218\n"
	    "        protection: (0, 0, 0, 0)\n";
	struct zt_snapshot s;
	struct zt_buf out = { 0 };
	char why[ZT_WHY_LEN];

	(void)state;
	snapshot_init(&s);
	assert_int_equal(zoneinfo_parse(zi, strlen(zi), &s, why, sizeof why), 0);
	status_set(&s, ZT_SRC_ZONEINFO, true, NULL);
	s.page_kb = 4;
	s.page_kb_assumed = true;
	derive_snapshot(&s, NULL);
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p, "\nZones (pages; page size n/a)\n"));
	assert_null(strstr(out.p, "pages of 4 KiB"));
	buf_free(&out);

	s.page_kb = 64;
	s.page_kb_assumed = false;
	text_snapshot(&out, &s, &(struct out_opts){ .top = -1 });
	assert_non_null(strstr(out.p, "\nZones (pages of 64 KiB)\n"));
	buf_free(&out);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmdline_cut),
		cmocka_unit_test(test_oom_kills_why),
		cmocka_unit_test(test_oom_kills_why_no_events),
		cmocka_unit_test(test_buddy_without_zoneinfo),
		cmocka_unit_test(test_zones_page_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
