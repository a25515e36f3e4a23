/*
 * test_om_out.c: the OpenMetrics gauges of time to trouble (om_out.c):
 * per zone (slope, seconds to min and low), the machine's MemAvailable
 * and SwapFree (slope in bytes, seconds to 0), the window; a figure not
 * known (not falling) leaves its sample out but keeps its family; every
 * memory cgroup's slope and seconds to its limit; a snapshot with no
 * trend yet has none of these families.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "output.h"
#include "parsers.h"
#include "snapshot.h"
#include "util.h"

static void
trend_snapshot(struct zt_snapshot *s)
{
	snapshot_init(s);
	s->page_kb = 4;
	s->nzones = 1;
	s->zones = xcalloc(1, sizeof *s->zones);
	zone_init(&s->zones[0]);
	s->zones[0].node = 0;
	strlcpy0(s->zones[0].name, "Normal", sizeof s->zones[0].name);
	s->zones[0].trend_pps = -50;
	s->zones[0].eta_min_s = 60;
	s->zones[0].eta_low_s = 40;
	s->trend.n = 31;
	s->trend.window_s = 60;
	s->trend.avail_kbps = -200;
	s->trend.avail_eta_s = 120;
	s->trend.swapfree_kbps = -100;
	s->trend.swap_eta_s = 300;
}

static void
assert_line(const char *out, const char *line)
{
	char want[256];

	snprintf(want, sizeof want, "\n%s\n", line);
	if (strstr(out, want) == NULL)
		print_error("missing line: %s\n", line);
	assert_non_null(strstr(out, want));
}

static void
test_trend_gauges(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };

	(void)state;
	trend_snapshot(&s);
	om_snapshot(&b, &s, 0);
	assert_line(b.p, "zonetop_zone_free_trend_pages_per_second{node=\"0\",zone=\"Normal\"} -50");
	assert_line(b.p, "zonetop_zone_seconds_to_min{node=\"0\",zone=\"Normal\"} 60");
	assert_line(b.p, "zonetop_zone_seconds_to_low{node=\"0\",zone=\"Normal\"} 40");
	assert_line(b.p, "zonetop_mem_available_trend_bytes_per_second -204800");
	assert_line(b.p, "zonetop_mem_available_seconds_to_exhaustion 120");
	assert_line(b.p, "zonetop_swap_free_trend_bytes_per_second -102400");
	assert_line(b.p, "zonetop_swap_seconds_to_exhaustion 300");
	assert_line(b.p, "zonetop_trend_window_seconds 60");
	buf_free(&b);

	/* not falling: the seconds are absent, the families stay */
	s.zones[0].eta_min_s = s.zones[0].eta_low_s = NAN;
	s.trend.avail_eta_s = s.trend.swap_eta_s = NAN;
	om_snapshot(&b, &s, 0);
	assert_null(strstr(b.p, "\nzonetop_zone_seconds_to_min{"));
	assert_null(strstr(b.p, "\nzonetop_mem_available_seconds_to_exhaustion "));
	assert_null(strstr(b.p, "\nzonetop_swap_seconds_to_exhaustion "));
	assert_line(b.p, "# TYPE zonetop_swap_seconds_to_exhaustion gauge");
	assert_line(b.p, "zonetop_swap_free_trend_bytes_per_second -102400");
	buf_free(&b);

	/* every memory cgroup with a limit: its slope and, when rising,
	 * its seconds to the limit */
	s.ncgroups = 2;
	s.cgroups = xcalloc(2, sizeof *s.cgroups);
	for (int i = 0; i < 2; i++) {
		cgroup_info_init(&s.cgroups[i]);
		s.cgroups[i].have = true;
		s.cgroups[i].limit_kb = 262144;
	}
	strlcpy0(s.cgroups[0].path, "/hog", sizeof s.cgroups[0].path);
	strlcpy0(s.cgroups[1].path, "/calm", sizeof s.cgroups[1].path);
	s.cgroups[0].trend_kbps = 2048;
	s.cgroups[0].eta_limit_s = 40;
	s.cgroups[1].trend_kbps = -10;
	om_snapshot(&b, &s, 0);
	assert_line(b.p, "zonetop_memcg_usage_trend_bytes_per_second{cgroup=\"/hog\"} 2097152");
	assert_line(b.p, "zonetop_memcg_seconds_to_limit{cgroup=\"/hog\"} 40");
	assert_line(b.p, "zonetop_memcg_usage_trend_bytes_per_second{cgroup=\"/calm\"} -10240");
	assert_null(strstr(b.p, "zonetop_memcg_seconds_to_limit{cgroup=\"/calm\"}"));
	buf_free(&b);

	/* no trend yet (one sample): none of the machine's families */
	s.trend.n = 0;
	s.ncgroups = 0;
	om_snapshot(&b, &s, 0);
	assert_null(strstr(b.p, "trend"));
	assert_null(strstr(b.p, "seconds_to_"));
	s.ncgroups = 2;
	buf_free(&b);
	snapshot_free(&s);
}

/* The zone gauges in bytes: pages times the page size the snapshot
 * gives (a 64 KiB-page machine's too); a capture that could not tell
 * its page size (page_kb_assumed) gives no bytes, its families kept. */
static void
test_zone_bytes(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };

	(void)state;
	trend_snapshot(&s);
	s.zones[0].free = 1000;
	s.zones[0].min = 30;
	s.page_kb = 64;
	om_snapshot(&b, &s, 0);
	assert_line(b.p, "zonetop_zone_free_bytes{node=\"0\",zone=\"Normal\"} 65536000");	/* 1000 * 64 * 1024 */
	assert_line(b.p, "zonetop_zone_watermark_min_bytes{node=\"0\",zone=\"Normal\"} 1966080");	/* 30 * 64 * 1024 */
	buf_free(&b);

	s.page_kb = 4;
	s.page_kb_assumed = true;
	om_snapshot(&b, &s, 0);
	assert_null(strstr(b.p, "\nzonetop_zone_free_bytes{"));
	assert_null(strstr(b.p, "\nzonetop_zone_watermark_min_bytes{"));
	assert_non_null(strstr(b.p, "# TYPE zonetop_zone_free_bytes gauge\n"));
	assert_line(b.p, "# TYPE zonetop_zone_watermark_min_bytes gauge");
	/* counts of pages stay: they need no page size */
	assert_line(b.p, "zonetop_zone_free_trend_pages_per_second{node=\"0\",zone=\"Normal\"} -50");
	buf_free(&b);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trend_gauges),
		cmocka_unit_test(test_zone_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
