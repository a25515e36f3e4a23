/*
 * test_json_in.c: json_in() is the inverse of json_snapshot():
 * json_snapshot(json_in(json_snapshot(S))) equals json_snapshot(S) for
 * live samples of this machine (every process) and for the fixture
 * captures, with the "_raw" extras the text report needs as well.  This
 * is the guard that catches a key added to json_out.c or vm_json.c
 * without its reader in json_in.c: the failure names the first key that
 * differs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_in.h"
#include "output.h"
#include "sampler.h"
#include "snapshot.h"
#include "util.h"

static const char *
fixdir(char *buf, size_t len, const char *rel)
{
	const char *dir = getenv("ZT_FIXTURES");

	snprintf(buf, len, "%s/%s", dir && *dir ? dir : "tests/fixtures", rel);
	return buf;
}

/* The path of the first difference between a and b, "" if equal. */
static bool
first_diff(const json_t *a, const json_t *b, char *path, size_t len)
{
	size_t used = strlen(path);

	if (json_equal((json_t *)a, (json_t *)b))
		return false;
	if (json_is_object(a) && json_is_object(b)) {
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)a, k, v) {
			snprintf(path + used, len - used, ".%s", k);
			if (first_diff(v, json_object_get(b, k), path, len))
				return true;
		}
		json_object_foreach((json_t *)b, k, v) {
			snprintf(path + used, len - used, ".%s", k);
			if (json_object_get(a, k) == NULL)
				return true;
		}
	} else if (json_is_array(a) && json_is_array(b) &&
	    json_array_size(a) == json_array_size(b)) {
		for (size_t i = 0; i < json_array_size(a); i++) {
			snprintf(path + used, len - used, "[%zu]", i);
			if (first_diff(json_array_get(a, i), json_array_get(b, i), path, len))
				return true;
		}
	}
	path[used] = '\0';
	return true;
}

static void
assert_json_same(const json_t *want, const json_t *got, const char *what)
{
	char path[512] = "";

	if (first_diff(want, got, path, sizeof path))
		fail_msg("%s: JSON differs at %s", what, path[0] ? path : "(root)");
}

/* json_snapshot(S) -> json_in -> json_snapshot again; the same JSON.
 * With raw, the "_raw" extras go along and the text report must match
 * as well (not on live samples: the JSON keeps three decimals, and a
 * percentage printed with one may round the other way). */
static void
roundtrip(const struct zt_snapshot *s, const char *what, bool raw, bool text)
{
	struct out_opts all = { .top = -1 };
	json_t *j = json_snapshot(s, &all), *j2;
	struct zt_snapshot back;
	char why[128];

	if (raw)
		json_object_set_new(j, JSON_IN_RAW_KEY, json_in_raw(s));
	assert_int_equal(json_in(j, &back, why, sizeof why), 0);
	j2 = json_snapshot(&back, &all);
	if (raw)
		json_object_set_new(j2, JSON_IN_RAW_KEY, json_in_raw(&back));
	assert_json_same(j, j2, what);
	if (raw)
		assert_true(back.mono == s->mono);
	if (text) {
		struct zt_buf t1 = { 0 }, t2 = { 0 };
		text_snapshot(&t1, s, &all);
		text_snapshot(&t2, &back, &all);
		if (strcmp(t1.p, t2.p) != 0) {
			size_t i = 0;
			while (t1.p[i] == t2.p[i])
				i++;
			fail_msg("%s: text differs at byte %zu: ...%.60s vs ...%.60s", what,
			    i, t1.p + i, t2.p + i);
		}
		buf_free(&t1);
		buf_free(&t2);
	}
	snapshot_free(&back);
	json_decref(j);
	json_decref(j2);
}

static void
sample_at(const char *proc, const char *sys, int n, bool procs, bool raw)
{
	struct sampler_opts so = {
		.proc_root = proc, .sys_root = sys, .want_procs = procs,
		.want_pagetypeinfo = true, .detail_rows = -1,
	};
	struct zt_snapshot snaps[2];
	char why[256], what[300];
	struct sampler *sm = sampler_open(&so, why, sizeof why);

	if (sm == NULL)
		fail_msg("sampler_open(%s): %s", proc ? proc : "/proc", why);
	snapshot_init(&snaps[0]);
	snapshot_init(&snaps[1]);
	for (int i = 0; i < n; i++) {
		struct zt_snapshot *cur = &snaps[i % 2], *prev = i ? &snaps[(i + 1) % 2] : NULL;
		snapshot_free(cur);
		sampler_take(sm, cur, prev);
		snprintf(what, sizeof what, "%s sample %d", proc ? proc : "/proc", i);
		roundtrip(cur, what, raw, raw && proc != NULL);
	}
	snapshot_free(&snaps[0]);
	snapshot_free(&snaps[1]);
	sampler_close(sm);
}

/* This machine, every process, pagetypeinfo where readable, two samples
 * so the second has rates and events. */
static void
test_live(void **state)
{
	struct sampler_opts so = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	char why[256];
	struct sampler *sm;

	(void)state;
	sample_at(NULL, NULL, 2, true, false);
	sample_at(NULL, NULL, 2, true, true);
	/* the live sample must have had processes, or this proved little */
	sm = sampler_open(&so, why, sizeof why);
	assert_non_null(sm);
	sampler_take(sm, &s, NULL);
	assert_true(s.nprocs > 0);
	assert_true(s.nzones > 0);
	snapshot_free(&s);
	sampler_close(sm);
}

static void
test_fixtures(void **state)
{
	static const char *const roots[][2] = {
		{ "proc/vm-6.18-x86_64-24g", NULL },
		{ "proc/seed-vm-4.4", NULL },
		{ "proc-vm/kvm", "sys/kvm-virtio-balloon" },
		{ "proc-vm/xen", "sys/xen-guest" },
		{ "proc-vm/bare-metal", "sys/bare-metal" },
	};
	char p[512], y[512];

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(roots); i++) {
		fixdir(p, sizeof p, roots[i][0]);
		if (roots[i][1])
			fixdir(y, sizeof y, roots[i][1]);
		/* captures hold no processes: the handmade test has them */
		sample_at(p, roots[i][1] ? y : NULL, 2, false, false);
		sample_at(p, roots[i][1] ? y : NULL, 2, false, true);
	}
}

/* What the fixtures do not have: a cgroup view (found and not), swap
 * devices, events with a victim, capped pagetypeinfo counts, awkward
 * text, n/a everywhere else. */
static void
test_handmade(void **state)
{
	struct sampler_opts so = { .want_pagetypeinfo = true, .detail_rows = -1 };
	struct zt_snapshot s;
	char p[512], why[256];
	struct sampler *sm;

	(void)state;
	so.proc_root = fixdir(p, sizeof p, "proc/vm-6.18-x86_64-24g");
	sm = sampler_open(&so, why, sizeof why);
	assert_non_null(sm);
	sampler_take(sm, &s, NULL);
	sampler_close(sm);
	assert_true(s.nzones >= 3);

	free(s.zones[1].pt);
	s.zones[1].pt = xcalloc(1, sizeof *s.zones[1].pt);
	s.zones[1].pt->ntypes = 2;
	s.zones[1].pt->norders = 3;
	strlcpy0(s.zones[1].pt->names[0], "Movable", 16);
	strlcpy0(s.zones[1].pt->names[1], "CMA", 16);
	s.zones[1].pt->free[0][2] = 100000;
	s.zones[1].pt->capped[0][2] = true;
	s.zones[1].pt->free[1][0] = ZT_NA;
	s.zones[1].pt->blocks[0] = 12;
	s.zones[1].pt->blocks[1] = ZT_NA;
	s.zones[1].unreclaimable = 1;
	s.zones[0].highest_free_order = -1;

	s.swaps = xcalloc(2, sizeof *s.swaps);
	s.nswaps = 2;
	strlcpy0(s.swaps[0].path, "/swap file\xe2\x80\xae", sizeof s.swaps[0].path);
	strlcpy0(s.swaps[0].type, "file", sizeof s.swaps[0].type);
	s.swaps[0].size_kb = 1048572;
	s.swaps[0].used_kb = 0;
	s.swaps[0].priority = -2;
	strlcpy0(s.swaps[1].path, "/dev/vdb", sizeof s.swaps[1].path);
	strlcpy0(s.swaps[1].type, "partition", sizeof s.swaps[1].type);
	s.swaps[1].size_kb = s.swaps[1].used_kb = s.swaps[1].priority = ZT_NA;
	status_set(&s, ZT_SRC_SWAPS, true, "");

	s.events = xcalloc(2, sizeof *s.events);
	s.nevents = 2;
	s.events[0].when = (struct timespec){ 1795690000, 123000000 };
	s.events[0].kind = ZT_EV_OOM_KILL;
	s.events[0].count = 1;
	s.events[0].victim_pid = 4242;
	s.events[0].victim_rank = 1;
	s.events[0].victim_predicted = true;
	strlcpy0(s.events[0].text, "OOM kill: pid 4242 \"stress\" was rank 1",
	    sizeof s.events[0].text);
	/* the kernel's report behind the kill, and what it said */
	{
		char rp[512];
		FILE *f = fopen(fixdir(rp, sizeof rp, "oom/oom-6.1-global-swap-1.txt"), "rb");
		struct zt_buf t = { 0 };
		size_t n;
		assert_non_null(f);
		while ((n = fread(rp, 1, sizeof rp, f)) > 0)
			buf_add(&t, rp, n);
		fclose(f);
		assert_int_equal(s.nreports, 0);
		free(s.reports);
		s.reports = xcalloc(1, sizeof *s.reports);
		s.nreports = 1;
		s.reports[0] = (struct zt_report){ .id = 3, .len = t.len, .text = t.p };
	}
	s.events[0].report_id = 3;
	strlcpy0(s.events[0].victim_comm, "doxygen", sizeof s.events[0].victim_comm);
	s.events[0].victim_score = 1234;
	s.events[0].victim_rss_kb = ZT_NA;
	s.events[0].constraint = ZT_CON_GLOBAL;
	s.events[0].memcg_limit_kb = ZT_NO_LIMIT;
	strlcpy0(s.events[0].gfp, "GFP_HIGHUSER_MOVABLE", sizeof s.events[0].gfp);
	s.events[0].order = 0;
	strlcpy0(s.events[0].detail, "swap nearly exhausted", sizeof s.events[0].detail);
	s.events[1].when = (struct timespec){ 1795690001, 0 };
	s.events[1].kind = ZT_EV_SOURCE_LOST;
	s.events[1].count = ZT_NA;
	strlcpy0(s.events[1].text, "lost", sizeof s.events[1].text);

	s.procs = xcalloc(2, sizeof *s.procs);
	s.nprocs = 2;
	s.nprocs_total = 7;
	s.procs[0] = (struct zt_proc){ .pid = 4242, .uid = 1000, .state = 'R',
	    .start_time = 987654321, .oom_score = 900, .oom_score_adj = 500,
	    .rss_kb = 123456, .swap_kb = 0, .pgtables_kb = 300, .killable = true,
	    .badness_pages = 31000, .badness_share = 0.0123456, .score_adj0 = 700,
	    .rank = 1 };
	strlcpy0(s.procs[0].user, "alice", sizeof s.procs[0].user);
	strlcpy0(s.procs[0].comm, "str\xff" "ess", sizeof s.procs[0].comm);
	s.procs[0].cmdline = xstrdup("stress --vm 1 \x1b]0;x\x07");
	s.procs[0].cgroup = xstrdup("/user.slice/a b");
	s.procs[1] = (struct zt_proc){ .pid = 1, .uid = ZT_NA, .oom_score = 0,
	    .oom_score_adj = ZT_NA, .rss_kb = ZT_NA, .swap_kb = ZT_NA,
	    .pgtables_kb = ZT_NA, .badness_pages = ZT_NA, .badness_share = NAN,
	    .score_adj0 = ZT_NA, .rank = 3 };
	strlcpy0(s.procs[1].comm, "init", sizeof s.procs[1].comm);
	status_set(&s, ZT_SRC_PROCS, true, "");
	s.predicted_victim = 4242;
	s.totalpages = 6000000;

	strlcpy0(s.cgroup.path, "/box", sizeof s.cgroup.path);
	s.cgroup.have = true;
	s.cgroup.version = 2;
	s.cgroup.limit_kb = 262144;
	s.cgroup.usage_kb = 100;
	s.cgroup.swap_limit_kb = ZT_NO_LIMIT;
	s.cgroup.swap_usage_kb = ZT_NA;
	kvs_set(&s.cgroup.events, "oom_kill", 3);
	kvs_set(&s.cgroup.events, "max", 17);
	s.cgroup.nmembers = 4;
	s.cgroup.predicted_victim = 4242;

	s.verdict.n = 2;
	s.verdict.severity[0] = 2;
	strlcpy0(s.verdict.line[0], "crit line", sizeof s.verdict.line[0]);
	s.verdict.severity[1] = 1;
	strlcpy0(s.verdict.line[1], "warn line", sizeof s.verdict.line[1]);
	s.psi.have = true;
	s.psi.some = (struct zt_psi_line){ true, 1.5, 0.25, NAN, 123456789 };
	s.psi.full.have = false;
	s.interval = 1.0041;
	s.mono = 12345.678901234;
	s.status[ZT_SRC_PAGETYPEINFO].skipped = true;

	roundtrip(&s, "handmade", false, false);
	roundtrip(&s, "handmade", true, true);

	/* a cgroup asked for and not found */
	s.cgroup.have = false;
	strlcpy0(s.cgroup.why, "no such cgroup", sizeof s.cgroup.why);
	roundtrip(&s, "handmade, cgroup missing", true, true);
	snapshot_free(&s);
}

/* Specific values read back: null is n/a, not 0. */
static void
test_values(void **state)
{
	const char *text = "{\"time\":\"2026-11-26T10:50:00.123+01:00\",\"page_kb\":64,"
	    "\"uptime_s\":null,\"zones\":[{\"node\":1,\"zone\":\"Normal\",\"free\":null,"
	    "\"min\":5,\"buddy\":[1,null,3],\"state\":\"below_min\","
	    "\"highest_free_order\":null,\"unreclaimable\":true}],"
	    "\"meminfo\":{\"MemTotal\":1000},\"unavailable\":{\"psi\":\"missing\"},"
	    "\"processes\":[{\"pid\":7,\"rank\":1,\"cmdline\":null,\"state\":\"D\","
	    "\"rss_kb\":null}],\"brand_new_key\":{\"x\":[1,2]},"
	    "\"_raw\":{\"mono\":99.5,\"skipped\":[\"processes\",\"nonsense\"]}}";
	json_t *j = json_loads(text, 0, NULL);
	struct zt_snapshot s;
	char why[64];

	(void)state;
	assert_non_null(j);
	assert_int_equal(json_in(j, &s, why, sizeof why), 0);
	/* 10:50:00.123 at +01:00 is 09:50:00.123 UTC */
	assert_int_equal(s.when.tv_sec, 1795686600);
	assert_int_equal(s.when.tv_nsec, 123000000);
	assert_int_equal(s.page_kb, 64);
	assert_true(isnan(s.uptime));
	assert_int_equal(s.nzones, 1);
	assert_int_equal(s.nnodes, 1);
	assert_int_equal(s.zones[0].node, 1);
	assert_int_equal(s.zones[0].type, ZT_ZONE_NORMAL);
	assert_false(zt_have(s.zones[0].free));
	assert_int_equal(s.zones[0].min, 5);
	assert_int_equal(s.zones[0].norders, 3);
	assert_false(zt_have(s.zones[0].buddy[1]));
	assert_int_equal(s.zones[0].state, ZT_WS_BELOW_MIN);
	assert_int_equal(s.zones[0].highest_free_order, -2);
	assert_int_equal(s.zones[0].unreclaimable, 1);
	assert_int_equal(kvs_get(&s.meminfo, "MemTotal"), 1000);
	assert_false(s.status[ZT_SRC_PSI].ok);
	assert_string_equal(s.status[ZT_SRC_PSI].why, "missing");
	assert_true(s.status[ZT_SRC_MEMINFO].ok);
	assert_true(s.status[ZT_SRC_PROCS].skipped);
	assert_int_equal(s.nprocs, 1);
	assert_int_equal(s.procs[0].pid, 7);
	assert_null(s.procs[0].cmdline);
	assert_int_equal(s.procs[0].state, 'D');
	assert_false(zt_have(s.procs[0].rss_kb));
	assert_true(s.mono == 99.5);
	snapshot_free(&s);
	json_decref(j);
}

/* json_in of one JSON text, which must load and be read. */
static void
load(const char *text, struct zt_snapshot *s)
{
	json_t *j = json_loads(text, 0, NULL);
	char why[64];

	if (j == NULL)
		fail_msg("not JSON: %s", text);
	assert_int_equal(json_in(j, s, why, sizeof why), 0);
	json_decref(j);
}

/* The scalar readers at their edges: jin_small's bounds of +-2^30
 * (1073741824) and its default, jin_tri's -1 for neither true nor false,
 * jin_str_v's cut of a text longer than its field (hostname[65] and
 * kernel[65]: 64 bytes and the NUL) back to a UTF-8 character's start. */
static void
test_scalars(void **state)
{
	static const struct {
		const char *text;
		int page_kb;
		bool assumed;	/* null: a capture that could not tell it */
	} smalls[] = {
		{ "{\"page_kb\":1073741824}", 1073741824, false },
		{ "{\"page_kb\":1073741825}", 4, false },
		{ "{\"page_kb\":-1073741824}", -1073741824, false },
		{ "{\"page_kb\":-1073741825}", 4, false },
		{ "{\"page_kb\":-1}", -1, false },
		{ "{\"page_kb\":0}", 0, false },
		{ "{\"page_kb\":null}", 4, true },
		{ "{\"page_kb\":\"8\"}", 4, false },
		{ "{}", 4, false },
	};
	struct zt_snapshot s;
	char h64[65], text[512];

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(smalls); i++) {
		load(smalls[i].text, &s);
		if (s.page_kb != smalls[i].page_kb || s.page_kb_assumed != smalls[i].assumed)
			fail_msg("%s: page_kb %d%s", smalls[i].text, s.page_kb,
			    s.page_kb_assumed ? " (assumed)" : "");
		snapshot_free(&s);
	}

	load("{\"zones\":[{\"zone\":\"Normal\"},{\"zone\":\"DMA\",\"unreclaimable\":\"x\"},"
	    "{\"zone\":\"DMA32\",\"unreclaimable\":false}]}", &s);
	assert_int_equal(s.nzones, 3);
	assert_int_equal(s.zones[0].unreclaimable, -1);
	assert_int_equal(s.zones[1].unreclaimable, -1);
	assert_int_equal(s.zones[2].unreclaimable, 0);
	snapshot_free(&s);

	/* 65 bytes into hostname[65]: the first 64; 64 bytes fit whole;
	 * 63 'k' then the two bytes of U+00E9 (c3 a9) in kernel[65]: the
	 * cut at 64 falls inside it, so 63 bytes; 62 'x' then the three of
	 * U+20AC (e2 82 ac): the cut at 64 leaves 62 */
	memset(h64, 'h', 64);
	h64[64] = '\0';
	snprintf(text, sizeof text, "{\"hostname\":\"%sH\",\"kernel\":\"%.63s\\u00e9\"}",
	    h64, h64);
	load(text, &s);
	assert_int_equal(strlen(s.hostname), 64);
	assert_string_equal(s.hostname, h64);
	assert_int_equal(strlen(s.kernel), 63);
	assert_memory_equal(s.kernel, h64, 63);
	snapshot_free(&s);
	snprintf(text, sizeof text, "{\"hostname\":\"%s\",\"kernel\":\"%.62s\\u20ac\"}",
	    h64, h64);
	load(text, &s);
	assert_string_equal(s.hostname, h64);
	assert_int_equal(strlen(s.kernel), 62);
	snapshot_free(&s);
	/* 62 'h' and U+00E9 make 64 bytes: they fit */
	snprintf(text, sizeof text, "{\"kernel\":\"%.62s\\u00e9\"}", h64);
	load(text, &s);
	assert_int_equal(strlen(s.kernel), 64);
	assert_string_equal(s.kernel + 62, "\xc3\xa9");
	snapshot_free(&s);
	/* text jansson holds unchecked (json_stringn_nocheck): 70 bytes
	 * that are all continuation bytes cut back to nothing */
	{
		json_t *j = json_object();
		char why[64], cont[70];
		memset(cont, 0x80, sizeof cont);
		json_object_set_new(j, "hostname", json_stringn_nocheck(cont, sizeof cont));
		assert_int_equal(json_in(j, &s, why, sizeof why), 0);
		assert_string_equal(s.hostname, "");
		snapshot_free(&s);
		json_decref(j);
	}

	/* arrays longer than their fields: buddy[16] of 17 values,
	 * protection[8] of 9, unusable[16] of 17; the rest of the zone
	 * (fragidx NAN, no watermark bits) untouched */
	load("{\"zones\":[{\"zone\":\"Normal\",\"buddy\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],"
	    "\"protection\":[0,1,2,3,4,5,6,7,8],"
	    "\"unusable_index\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],"
	    "\"fragmentation_index\":[0.5,null,\"x\",0.25,0,0,0,0,0,0,0,0,0,0,0,1,2]}]}", &s);
	{
		static const uint8_t none[ZT_NCLASSES][ZT_ALLOC_ORDERS];
		const struct zt_zone *z = &s.zones[0];
		assert_int_equal(z->norders, ZT_MAX_ORDER);
		assert_int_equal(z->buddy[ZT_MAX_ORDER - 1], ZT_MAX_ORDER - 1);
		assert_int_equal(z->nprot, ZT_MAX_ZONE_TYPES);
		assert_int_equal(z->protection[ZT_MAX_ZONE_TYPES - 1], ZT_MAX_ZONE_TYPES - 1);
		assert_true(z->unusable[ZT_MAX_ORDER - 1] == ZT_MAX_ORDER - 1);
		assert_true(z->fragidx[0] == 0.5);
		assert_true(isnan(z->fragidx[1]) && isnan(z->fragidx[2]));
		assert_true(z->fragidx[3] == 0.25);
		assert_true(z->fragidx[ZT_MAX_ORDER - 1] == 1);
		assert_memory_equal(z->wm_ok, none, sizeof none);
	}
	snapshot_free(&s);

	/* a time that does not parse is 0, for the sample and an event */
	load("{\"time\":\"yesterday\",\"events\":[{\"time\":\"2026-13-01T00:00:00Z\"},"
	    "{\"time\":\"2026-01-01T00:00:00.5Z\"}]}", &s);
	assert_int_equal(s.when.tv_sec, 0);
	assert_int_equal(s.when.tv_nsec, 0);
	assert_int_equal(s.nevents, 2);
	assert_int_equal(s.events[0].when.tv_sec, 0);
	assert_int_equal(s.events[0].when.tv_nsec, 0);
	assert_int_equal(s.events[1].when.tv_sec, 1767225600);
	assert_int_equal(s.events[1].when.tv_nsec, 500000000);
	snapshot_free(&s);
}

/* pagetypeinfo read back: its orders the most any type lists, capped
 * orders only within 0..15, at most 8 types. */
static void
test_pagetype(void **state)
{
	struct zt_snapshot s;
	const struct zt_pagetype *pt;
	int ncapped = 0;

	(void)state;
	load("{\"zones\":[{\"zone\":\"Normal\",\"pagetypeinfo\":["
	    "{\"type\":\"Unmovable\",\"free\":[1,2],\"capped_orders\":[0,16,null,\"x\"],"
	    "\"blocks\":5},"
	    "{\"type\":\"Movable\",\"free\":[4,5,6],\"capped_orders\":[-1,15]}]},"
	    "{\"zone\":\"DMA\",\"pagetypeinfo\":[{\"type\":\"T0\",\"free\":[1,1,1]},"
	    "{\"type\":\"T1\",\"free\":[1,1]},{\"type\":\"T2\"},{\"type\":\"T3\"},"
	    "{\"type\":\"T4\"},{\"type\":\"T5\"},{\"type\":\"T6\"},{\"type\":\"T7\"},"
	    "{\"type\":\"T8\",\"free\":[9,9,9,9]}]},"
	    "{\"zone\":\"DMA32\",\"pagetypeinfo\":[]},{\"zone\":\"Movable\"}]}", &s);
	assert_int_equal(s.nzones, 4);
	/* no node given: node 0, one node in all */
	assert_int_equal(s.zones[0].node, 0);
	assert_int_equal(s.zones[3].node, 0);
	assert_int_equal(s.nnodes, 1);
	pt = s.zones[0].pt;
	assert_non_null(pt);
	assert_int_equal(pt->ntypes, 2);
	assert_int_equal(pt->norders, 3);
	assert_string_equal(pt->names[0], "Unmovable");
	assert_string_equal(pt->names[1], "Movable");
	assert_int_equal(pt->free[0][0], 1);
	assert_int_equal(pt->free[0][1], 2);
	assert_int_equal(pt->free[1][2], 6);
	assert_int_equal(pt->blocks[0], 5);
	assert_false(zt_have(pt->blocks[1]));
	assert_true(pt->capped[0][0]);
	assert_true(pt->capped[1][15]);
	for (int t = 0; t < ZT_MAX_MIGRATE; t++)
		for (int k = 0; k < ZT_MAX_ORDER; k++)
			ncapped += pt->capped[t][k];
	assert_int_equal(ncapped, 2);
	pt = s.zones[1].pt;
	assert_int_equal(pt->ntypes, ZT_MAX_MIGRATE);
	assert_int_equal(pt->norders, 3);
	assert_string_equal(pt->names[ZT_MAX_MIGRATE - 1], "T7");
	assert_non_null(s.zones[2].pt);
	assert_int_equal(s.zones[2].pt->ntypes, 0);
	assert_int_equal(s.zones[2].pt->norders, 0);
	assert_null(s.zones[3].pt);
	snapshot_free(&s);
}

/* watermark_ok read back: known classes only (class_name's "?" is
 * none), an array only, orders 0..3 only; the bits of the marks that
 * passed.  An alloc entry's unknown class is -1. */
static void
test_wmark(void **state)
{
	struct zt_snapshot s;
	uint8_t want[ZT_NCLASSES][ZT_ALLOC_ORDERS] = { { 0 } };

	(void)state;
	load("{\"zones\":[{\"zone\":\"Normal\",\"watermark_ok\":{"
	    "\"?\":[{\"order\":0,\"min\":true}],"
	    "\"nonsense\":[{\"order\":0,\"min\":true}],"
	    "\"GFP_KERNEL\":5,"
	    "\"GFP_HIGHUSER_MOVABLE\":[{\"order\":-1,\"min\":true},{\"order\":4,\"min\":true},"
	    "{\"order\":3,\"low\":true,\"high\":true},{\"order\":0,\"min\":true},"
	    "{\"order\":null,\"min\":true}]}}],"
	    "\"alloc\":[{\"class\":\"nonsense\"},{\"class\":\"?\"},{\"class\":\"GFP_DMA32\",\"order\":0},{}]}",
	    &s);
	want[ZT_CLASS_MOVABLE][3] = (1u << ZT_MARK_LOW) | (1u << ZT_MARK_HIGH);
	want[ZT_CLASS_MOVABLE][0] = 1u << ZT_MARK_MIN;
	assert_memory_equal(s.zones[0].wm_ok, want, sizeof want);
	assert_false(s.zones[0].wm_applies[ZT_CLASS_KERNEL]);
	assert_true(s.zones[0].wm_applies[ZT_CLASS_MOVABLE]);
	assert_false(s.zones[0].wm_applies[ZT_CLASS_DMA32]);
	assert_int_equal(s.alloc[0].cls, -1);
	assert_int_equal(s.alloc[1].cls, -1);
	assert_int_equal(s.alloc[2].cls, ZT_CLASS_DMA32);
	assert_int_equal(s.alloc[2].order, 0);	/* the slot's own is 2 */
	assert_int_equal(s.alloc[3].order, 3);
	/* no class given: the slot's own, 3 / ZT_ALLOC_ORDERS */
	assert_int_equal(s.alloc[3].cls, 3 / ZT_ALLOC_ORDERS);
	snapshot_free(&s);
}

/* A zone's own fields: flags as given, highest_free_order -1..15 or
 * -2 (unknown). */
static void
test_zone_fields(void **state)
{
	static const int hfo[] = { -1, 15, -2, -2, -2 };
	struct zt_snapshot s;

	(void)state;
	load("{\"zones\":[{\"zone\":\"Normal\",\"unmanaged\":true,\"tiny\":true,\"empty\":true,"
	    "\"highest_free_order\":-1},{\"zone\":\"DMA\",\"highest_free_order\":15},"
	    "{\"zone\":\"DMA32\",\"highest_free_order\":16},{\"zone\":\"Movable\","
	    "\"highest_free_order\":-3},{\"zone\":\"Device\"}]}", &s);
	assert_int_equal(s.nzones, 5);
	assert_true(s.zones[0].unmanaged);
	assert_true(s.zones[0].tiny);
	assert_true(s.zones[0].empty);
	assert_false(s.zones[1].unmanaged || s.zones[1].tiny || s.zones[1].empty);
	for (int i = 0; i < 5; i++)
		assert_int_equal(s.zones[i].highest_free_order, hfo[i]);
	snapshot_free(&s);
}

/* The machine's trend only with 1..1000000 samples (else as
 * snapshot_init left it: n 0, window 0, rates NAN); a zone's own trend
 * fields. */
static void
test_trend(void **state)
{
	static const struct {
		const char *samples;
		int n;
	} cases[] = {
		{ "1", 1 }, { "1000000", 1000000 }, { "0", 0 }, { "-1", 0 },
		{ "1000001", 0 }, { "null", 0 }, { "\"5\"", 0 },
	};
	struct zt_snapshot s;
	char text[512];

	(void)state;
	load("{\"trend\":{\"samples\":5,\"window_s\":10.5,\"free_pages_per_s\":-1.5,"
	    "\"mem_available_kb_per_s\":-100,\"mem_available_eta_s\":50,"
	    "\"swap_free_kb_per_s\":-2.25,\"swap_eta_s\":400},"
	    "\"zones\":[{\"zone\":\"Normal\",\"trend_pages_per_s\":-12.5,\"eta_min_s\":30,"
	    "\"eta_low_s\":20}]}", &s);
	assert_int_equal(s.trend.n, 5);
	assert_true(s.trend.window_s == 10.5);
	assert_true(s.trend.free_pps == -1.5);
	assert_true(s.trend.avail_kbps == -100);
	assert_true(s.trend.avail_eta_s == 50);
	assert_true(s.trend.swapfree_kbps == -2.25);
	assert_true(s.trend.swap_eta_s == 400);
	assert_true(s.zones[0].trend_pps == -12.5);
	assert_true(s.zones[0].eta_min_s == 30);
	assert_true(s.zones[0].eta_low_s == 20);
	snapshot_free(&s);

	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		snprintf(text, sizeof text, "{\"trend\":{\"samples\":%s,\"window_s\":10,"
		    "\"free_pages_per_s\":-1}}", cases[i].samples);
		load(text, &s);
		if (s.trend.n != cases[i].n || s.trend.window_s != (cases[i].n ? 10 : 0) ||
		    (cases[i].n ? s.trend.free_pps != -1 : !isnan(s.trend.free_pps)))
			fail_msg("samples %s: n %d, window %g, free %g", cases[i].samples,
			    s.trend.n, s.trend.window_s, s.trend.free_pps);
		snapshot_free(&s);
	}
}

/* Nodes are the distinct node numbers among the zones; at most 4096
 * zones are read. */
static void
test_nodes(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };

	(void)state;
	load("{\"zones\":[{\"node\":0,\"zone\":\"DMA\"},{\"node\":1,\"zone\":\"Normal\"},"
	    "{\"node\":0,\"zone\":\"Normal\"},{\"node\":2,\"zone\":\"Normal\"},"
	    "{\"node\":1,\"zone\":\"Movable\"}]}", &s);
	assert_int_equal(s.nzones, 5);
	assert_int_equal(s.nnodes, 3);
	snapshot_free(&s);

	buf_add(&b, "{\"zones\":[", 10);
	for (int i = 0; i < 4097; i++)
		buf_printf(&b, "%s{\"node\":%d}", i ? "," : "", i % 3);
	buf_add(&b, "]}", 3);
	load(b.p, &s);
	assert_int_equal(s.nzones, 4096);
	assert_int_equal(s.nnodes, 3);
	snapshot_free(&s);
	buf_free(&b);
}

/* An alloc entry's zone: the index of the zone with its node and name,
 * -1 when either is missing or no zone has both; named at min only (the
 * public JSON's), and only where the check passed. */
static void
test_alloc_zone(void **state)
{
	static const int want[] = { 0, 2, -1, -1, -1, -1, -1 };
	struct zt_snapshot s;

	(void)state;
	load("{\"zones\":[{\"node\":0,\"zone\":\"DMA\"},{\"node\":0},{\"node\":1,"
	    "\"zone\":\"Normal\"}],\"alloc\":["
	    "{\"ok\":true,\"node\":0,\"zone\":\"DMA\"},"
	    "{\"ok\":true,\"ok_low\":true,\"node\":1,\"zone\":\"Normal\"},"
	    "{\"ok\":true,\"node\":0},"
	    "{\"ok\":true,\"zone\":\"DMA\"},"
	    "{\"ok\":true,\"node\":1,\"zone\":\"DMA\"},"
	    "{\"ok\":true,\"node\":2,\"zone\":\"Nope\"},"
	    "{\"node\":0,\"zone\":\"DMA\"}],"
	    "\"pageblock_order\":9}", &s);
	for (size_t i = 0; i < ZT_ARRAY_LEN(want); i++)
		if (s.alloc[i].zone[ZT_MARK_MIN] != want[i])
			fail_msg("alloc[%zu]: zone %d", i, s.alloc[i].zone[ZT_MARK_MIN]);
	assert_int_equal(s.alloc[1].zone[ZT_MARK_LOW], 2);
	assert_int_equal(s.alloc[1].zone[ZT_MARK_HIGH], -1);
	assert_int_equal(s.alloc[0].zone[ZT_MARK_LOW], -1);
	assert_int_equal(s.pageblock_order, 9);
	snapshot_free(&s);
	/* 13 entries for 12 slots: the 13th is not read (the figures after
	 * alloc[] in the snapshot stay as given) */
	{
		struct zt_buf b = { 0 };
		buf_printf(&b, "{\"unaccounted_kb\":555,\"unaccounted_pct\":1.5,"
		    "\"swap\":{\"total_kb\":777},\"alloc\":[");
		for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++)
			buf_printf(&b, "{},");
		buf_printf(&b, "{\"class\":\"GFP_HIGHUSER_MOVABLE\",\"order\":3,\"ok\":true,"
		    "\"ok_low\":true,\"ok_high\":true}]}");
		load(b.p, &s);
		buf_free(&b);
		assert_int_equal(s.unaccounted_kb, 555);
		assert_true(s.unaccounted_pct == 1.5);
		assert_int_equal(s.swap_total_kb, 777);
		snapshot_free(&s);
	}
	/* no alloc array: every slot its class k / ZT_ALLOC_ORDERS and order
	 * k % ZT_ALLOC_ORDERS, no zone, failing */
	load("{}", &s);
	assert_int_equal(s.pageblock_order, -1);
	for (int k = 0; k < ZT_NCLASSES * ZT_ALLOC_ORDERS; k++) {
		assert_int_equal(s.alloc[k].cls, k / ZT_ALLOC_ORDERS);
		assert_int_equal(s.alloc[k].order, k % ZT_ALLOC_ORDERS);
		for (int m = 0; m < ZT_NMARKS; m++) {
			assert_int_equal(s.alloc[k].zone[m], -1);
			assert_false(s.alloc[k].ok[m]);
		}
	}
	snapshot_free(&s);
}

/* Swap devices: 1..4096 of them, else none. */
static void
test_swap_devices(void **state)
{
	static const int counts[] = { 4096, 4097, 0 };
	struct zt_snapshot s;

	(void)state;
	for (size_t c = 0; c < ZT_ARRAY_LEN(counts); c++) {
		struct zt_buf b = { 0 };
		buf_printf(&b, "{\"swap\":{\"total_kb\":1,\"devices\":[");
		for (int i = 0; i < counts[c]; i++)
			buf_printf(&b, "%s{\"path\":\"/s%d\",\"size_kb\":%d}", i ? "," : "", i, i);
		buf_printf(&b, "]}}");
		load(b.p, &s);
		buf_free(&b);
		assert_int_equal(s.swap_total_kb, 1);
		if (counts[c] == 4096) {
			assert_int_equal(s.nswaps, 4096);
			assert_string_equal(s.swaps[4095].path, "/s4095");
			assert_int_equal(s.swaps[4095].size_kb, 4095);
		} else
			assert_int_equal(s.nswaps, 0);
		snapshot_free(&s);
	}
}

/* A process row's fields: defaults 0 for rank, pid, start time and
 * cgroup rank; its state one ASCII character or none (0). */
static void
test_proc_fields(void **state)
{
	struct zt_snapshot s;
	json_t *j, *p;
	char why[64];

	(void)state;
	load("{\"processes\":[{},{\"rank\":2,\"pid\":9,\"state\":\"DX\",\"start_time\":-5,"
	    "\"cgroup_rank\":3},{\"state\":\"\\u007f\",\"start_time\":0},"
	    "{\"state\":5,\"start_time\":77}]}", &s);
	assert_int_equal(s.nprocs, 4);
	assert_int_equal(s.procs[0].rank, 0);
	assert_int_equal(s.procs[0].pid, 0);
	assert_int_equal(s.procs[0].state, 0);
	assert_true(s.procs[0].start_time == 0);
	assert_int_equal(s.procs[0].cgroup_rank, 0);
	/* not recorded: in no limited cgroup's ranking */
	assert_int_equal(s.procs[0].cgroup_scope, -1);
	assert_int_equal(s.procs[1].rank, 2);
	assert_int_equal(s.procs[1].pid, 9);
	assert_int_equal(s.procs[1].state, 0);
	assert_true(s.procs[1].start_time == 0);
	assert_int_equal(s.procs[1].cgroup_rank, 3);
	assert_int_equal(s.procs[2].state, 0x7f);
	assert_true(s.procs[2].start_time == 0);
	assert_int_equal(s.procs[3].state, 0);
	assert_true(s.procs[3].start_time == 77);
	snapshot_free(&s);
	/* a byte past ASCII, held unchecked (json_stringn_nocheck): none */
	j = json_object();
	p = json_object();
	json_object_set_new(p, "state", json_stringn_nocheck("\x80", 1));
	json_object_set_new(j, "processes", json_pack("[o]", p));
	assert_int_equal(json_in(j, &s, why, sizeof why), 0);
	assert_int_equal(s.procs[0].state, 0);
	snapshot_free(&s);
	json_decref(j);
}

/* The processes' summary: the predicted victim a pid 1..INT32_MAX or
 * 0, the margin 0 or more, counts 0 when absent, the source. */
static void
test_procs_summary(void **state)
{
	static const struct {
		const char *victim;
		int want;
	} victims[] = {
		{ "1", 1 }, { "2147483647", 2147483647 }, { "2147483648", 0 },
		{ "0", 0 }, { "-5", 0 }, { "null", 0 },
	};
	struct zt_snapshot s;
	char text[256];

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(victims); i++) {
		snprintf(text, sizeof text, "{\"predicted_victim\":%s,\"points_margin\":%s}",
		    victims[i].victim, victims[i].victim);
		load(text, &s);
		if (s.predicted_victim != victims[i].want)
			fail_msg("predicted_victim %s: %d", victims[i].victim, s.predicted_victim);
		snapshot_free(&s);
	}
	load("{\"points_margin\":-5}", &s);
	assert_int_equal(s.points_margin, 0);
	snapshot_free(&s);
	load("{\"points_margin\":7,\"processes_total\":12,\"contenders\":3,\"victim_gone\":2,"
	    "\"source\":\"bpf\"}", &s);
	assert_int_equal(s.points_margin, 7);
	assert_int_equal(s.nprocs_total, 12);
	assert_int_equal(s.ncontenders, 3);
	assert_int_equal(s.victim_gone, 2);
	assert_int_equal(s.procs_source, ZT_PROCS_BPF);
	snapshot_free(&s);
	load("{\"source\":\"procfs\"}", &s);
	assert_int_equal(s.predicted_victim, 0);
	assert_int_equal(s.points_margin, 0);
	assert_int_equal(s.nprocs_total, 0);
	assert_int_equal(s.ncontenders, 0);
	assert_int_equal(s.victim_gone, 0);
	assert_int_equal(s.procs_source, ZT_PROCS_PROCFS);
	snapshot_free(&s);
}

/* The process rows are cut at json_in_cut()'s bound, the first ones
 * kept in order (json_in()'s is 2^22, PID_MAX_LIMIT, too many for a
 * test); the rest of the sample is read as without a cut. */
static void
test_procs_cut(void **state)
{
	static const char text[] = "{\"processes\":[{\"pid\":11},{\"pid\":12},{\"pid\":13}],"
	    "\"predicted_victim\":13,\"processes_total\":3}";
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);
	struct zt_snapshot s;
	char why[64];

	(void)state;
	assert_non_null(j);
	for (size_t max = 0; max <= 4; max++) {
		assert_int_equal(json_in_cut(j, &s, max, why, sizeof why), 0);
		assert_int_equal(s.nprocs, max < 3 ? (int)max : 3);
		for (int i = 0; i < s.nprocs; i++)
			assert_int_equal(s.procs[i].pid, 11 + i);
		assert_int_equal(s.predicted_victim, 13);
		assert_int_equal(s.nprocs_total, 3);
		snapshot_free(&s);
	}
	json_decref(j);
}

/* The cgroups list: each one's parent the nearest earlier entry one
 * level up, -1 none; one that could not be read keeps only its path and
 * why; defaults as cgroup_info_init's; at most 4096. */
static void
test_cgroups(void **state)
{
	static const int parents[] = { -1, 0, 1, 1, 0, 4, -1 };
	struct zt_snapshot s;
	struct zt_buf b = { 0 };

	(void)state;
	load("{\"cgroups\":[{\"path\":\"/\",\"members\":3},"
	    "{\"path\":\"/a\",\"depth\":1,\"version\":2,\"victim_points\":12,"
	    "\"victim_gone\":2,\"totalpages\":1000,\"trend_kb_per_s\":-5.5,\"eta_limit_s\":60},"
	    "{\"path\":\"/a/x\",\"depth\":2},{\"path\":\"/a/y\",\"depth\":2},"
	    "{\"path\":\"/b\",\"depth\":1},{\"path\":\"/b/z\",\"depth\":2},"
	    "{\"path\":\"/gone\",\"error\":\"no such cgroup\"}]}", &s);
	assert_int_equal(s.ncgroups, 7);
	for (int i = 0; i < 7; i++)
		if (s.cgroups[i].parent != parents[i])
			fail_msg("cgroups[%d] (%s): parent %d", i, s.cgroups[i].path,
			    s.cgroups[i].parent);
	assert_true(s.cgroups[0].have);
	assert_int_equal(s.cgroups[0].version, 0);
	assert_int_equal(s.cgroups[0].nmembers, 3);
	assert_int_equal(s.cgroups[0].depth, 0);
	assert_int_equal(s.cgroups[1].nmembers, -1);
	assert_int_equal(s.cgroups[1].version, 2);
	assert_int_equal(s.cgroups[1].victim_points, 12);
	assert_int_equal(s.cgroups[1].victim_gone, 2);
	assert_int_equal(s.cgroups[1].totalpages, 1000);
	assert_true(s.cgroups[1].trend_kbps == -5.5);
	assert_true(s.cgroups[1].eta_limit_s == 60);
	assert_false(zt_have(s.cgroups[0].victim_points));
	assert_false(s.cgroups[6].have);
	assert_string_equal(s.cgroups[6].path, "/gone");
	assert_string_equal(s.cgroups[6].why, "no such cgroup");
	assert_false(zt_have(s.cgroups[6].limit_kb));
	assert_false(zt_have(s.cgroups[6].usage_kb));
	assert_int_equal(s.cgroups[6].nmembers, -1);
	assert_true(isnan(s.cgroups[6].eta_limit_s));
	snapshot_free(&s);

	load("{\"cgroups\":[{\"path\":\"/only\"}]}", &s);
	assert_int_equal(s.ncgroups, 1);
	assert_string_equal(s.cgroups[0].path, "/only");
	snapshot_free(&s);

	buf_printf(&b, "{\"cgroups\":[");
	for (int i = 0; i < 4097; i++)
		buf_printf(&b, "%s{\"path\":\"/c%d\"}", i ? "," : "", i);
	buf_printf(&b, "]}");
	load(b.p, &s);
	buf_free(&b);
	assert_int_equal(s.ncgroups, 4096);
	assert_string_equal(s.cgroups[4095].path, "/c4095");
	snapshot_free(&s);
}

/* The verdict's lines: severity crit 2, warn 1, anything else 0; at
 * most ZT_VERDICT_MAX lines. */
static void
test_verdict_lines(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };

	(void)state;
	buf_printf(&b, "{\"verdict\":[{\"severity\":\"crit\",\"text\":\"c\"},"
	    "{\"severity\":\"warn\",\"text\":\"w\"},{\"severity\":\"ok\",\"text\":\"o\"},"
	    "{\"text\":\"none\"}");
	for (int i = 4; i <= ZT_VERDICT_MAX; i++)
		buf_printf(&b, ",{\"severity\":\"crit\",\"text\":\"line %d\"}", i);
	buf_printf(&b, "]}");
	load(b.p, &s);
	buf_free(&b);
	assert_int_equal(s.verdict.n, ZT_VERDICT_MAX);
	assert_int_equal(s.verdict.severity[0], 2);
	assert_string_equal(s.verdict.line[0], "c");
	assert_int_equal(s.verdict.severity[1], 1);
	assert_string_equal(s.verdict.line[1], "w");
	assert_int_equal(s.verdict.severity[2], 0);
	assert_int_equal(s.verdict.severity[3], 0);
	assert_string_equal(s.verdict.line[3], "none");
	assert_int_equal(s.verdict.severity[ZT_VERDICT_MAX - 1], 2);
	{
		char want[32];
		snprintf(want, sizeof want, "line %d", ZT_VERDICT_MAX - 1);
		assert_string_equal(s.verdict.line[ZT_VERDICT_MAX - 1], want);
	}
	snapshot_free(&s);
}

/* An event's fields: kind -1 when unknown, victim pid, rank and report
 * id 1..INT32_MAX or 0, the memcg limit "max" no limit. */
static void
test_event_fields(void **state)
{
	static const struct {
		int kind, pid, rank, report;
	} want[] = {
		{ -1, 2147483647, 2147483647, 2147483647 },
		{ -1, 0, 0, 0 },
		{ ZT_EV_OOM_KILL, 0, 0, 0 },
		{ ZT_EV_ZONE_VANISHED, 1, 1, 1 },
		{ -1, 0, 0, 0 },
	};
	struct zt_snapshot s;

	(void)state;
	load("{\"events\":[{\"kind\":\"nonsense\",\"victim_pid\":2147483647,"
	    "\"victim_rank\":2147483647,\"report_id\":2147483647},"
	    "{\"victim_pid\":-5,\"victim_rank\":-5,\"report_id\":-5},"
	    "{\"kind\":\"oom_kill\",\"victim_pid\":2147483648,\"victim_rank\":2147483648,"
	    "\"scope\":\"/app\",\"victim_guessed\":true,\"memcg\":\"/app/x\","
	    "\"memcg_limit_kb\":1024,\"order\":3,\"report_id\":2147483648},"
	    "{\"kind\":\"zone_vanished\",\"victim_pid\":1,\"victim_rank\":1,"
	    "\"memcg_limit_kb\":\"max\",\"report_id\":1},{}]}", &s);
	assert_int_equal(s.nevents, 5);
	for (int i = 0; i < 5; i++)
		if (s.events[i].kind != want[i].kind || s.events[i].victim_pid != want[i].pid ||
		    s.events[i].victim_rank != want[i].rank ||
		    s.events[i].report_id != want[i].report)
			fail_msg("events[%d]: kind %d, pid %d, rank %d, report %d", i,
			    s.events[i].kind, s.events[i].victim_pid, s.events[i].victim_rank,
			    s.events[i].report_id);
	assert_string_equal(s.events[2].scope, "/app");
	assert_true(s.events[2].victim_guessed);
	assert_string_equal(s.events[2].memcg, "/app/x");
	assert_int_equal(s.events[2].memcg_limit_kb, 1024);
	assert_int_equal(s.events[2].order, 3);
	assert_true(s.events[3].memcg_limit_kb == ZT_NO_LIMIT);
	assert_false(s.events[3].victim_guessed);
	assert_false(zt_have(s.events[4].order));
	assert_false(zt_have(s.events[4].memcg_limit_kb));
	snapshot_free(&s);
}

/* The reports events carry: once per id (1 or more), with its text;
 * the newest ZT_REPORTS_MAX (16) of the events kept (the newest 256). */
static void
test_reports(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };

	(void)state;
	load("{\"events\":[{\"report_id\":0,\"report\":\"zero\"},"
	    "{\"report_id\":1,\"report\":\"one\"},{\"report_id\":2},"
	    "{\"report_id\":1,\"report\":\"one again\"},{\"report_id\":3,\"report\":5},"
	    "{\"report_id\":4,\"report\":\"four\"}]}", &s);
	assert_int_equal(s.nevents, 6);
	assert_int_equal(s.nreports, 2);
	assert_int_equal(s.reports[0].id, 1);
	assert_int_equal(s.reports[0].len, 3);
	assert_string_equal(s.reports[0].text, "one");
	assert_null(s.reports[0].explained);
	assert_int_equal(s.reports[1].id, 4);
	assert_string_equal(s.reports[1].text, "four");
	snapshot_free(&s);

	/* 300 events with reports 1..300: events 44..299 kept (300 - 256),
	 * so reports 45..300, of which the newest 16: 285..300 */
	buf_printf(&b, "{\"events\":[");
	for (int i = 0; i < 300; i++)
		buf_printf(&b, "%s{\"report_id\":%d,\"report\":\"r%d\"}", i ? "," : "",
		    i + 1, i + 1);
	buf_printf(&b, "]}");
	load(b.p, &s);
	buf_free(&b);
	assert_int_equal(s.nevents, 256);
	assert_int_equal(s.events[0].report_id, 45);
	assert_int_equal(s.nreports, 16);
	for (int i = 0; i < 16; i++) {
		char want[16];
		snprintf(want, sizeof want, "r%d", 285 + i);
		assert_int_equal(s.reports[i].id, 285 + i);
		assert_string_equal(s.reports[i].text, want);
		assert_int_equal(s.reports[i].len, strlen(want));
	}
	snapshot_free(&s);
}

/* self_protection (json_out.c's json_self): the mlock mode by name, the
 * sizes, oom_score_adj done only at -999, not tried under
 * --no-oom-adj; null or absent: not tried at all. */
static void
test_self(void **state)
{
	struct zt_snapshot s;
	const struct zt_selfprot *p = &s.self;

	(void)state;
	load("{\"self_protection\":{\"mlock\":\"partial\",\"locked_kb\":100,\"code_data_kb\":200,"
	    "\"memlock_limit_kb\":64,\"mlock_why\":\"RLIMIT_MEMLOCK 64 kB\",\"oom_score_adj\":-999,"
	    "\"oom_score_adj_why\":null}}", &s);
	assert_true(p->tried);
	assert_int_equal(p->mlock, ZT_MLOCK_PART);
	assert_int_equal(p->locked_kb, 100);
	assert_int_equal(p->wanted_kb, 200);
	assert_int_equal(p->limit_kb, 64);
	assert_string_equal(p->mlock_why, "RLIMIT_MEMLOCK 64 kB");
	assert_true(p->adj_done);
	assert_true(p->adj_tried);
	assert_string_equal(p->adj_why, "");
	snapshot_free(&s);

	load("{\"self_protection\":{\"mlock\":\"none\",\"oom_score_adj\":null,"
	    "\"oom_score_adj_why\":\"--no-oom-adj\"}}", &s);
	assert_true(p->tried);
	assert_int_equal(p->mlock, ZT_MLOCK_NONE);
	assert_false(zt_have(p->locked_kb));
	assert_false(p->adj_done);
	assert_false(p->adj_tried);
	assert_string_equal(p->adj_why, "--no-oom-adj");
	snapshot_free(&s);

	load("{\"self_protection\":{\"mlock\":\"all\",\"oom_score_adj\":-998,"
	    "\"oom_score_adj_why\":\"permission denied\"}}", &s);
	assert_int_equal(p->mlock, ZT_MLOCK_ALL);
	assert_false(p->adj_done);
	assert_true(p->adj_tried);
	assert_string_equal(p->adj_why, "permission denied");
	snapshot_free(&s);

	load("{\"self_protection\":{\"mlock\":\"bogus\",\"oom_score_adj\":0}}", &s);
	assert_true(p->tried);
	assert_int_equal(p->mlock, ZT_MLOCK_OFF);
	assert_false(p->adj_done);
	assert_true(p->adj_tried);
	snapshot_free(&s);

	load("{\"self_protection\":null}", &s);
	assert_false(p->tried);
	assert_false(p->adj_tried);
	snapshot_free(&s);
}

/* At most the newest 256 events. */
static void
test_events_bound(void **state)
{
	static const int counts[] = { 1, 256, 257 };
	struct zt_snapshot s;

	(void)state;
	for (size_t c = 0; c < ZT_ARRAY_LEN(counts); c++) {
		int n = counts[c] < 256 ? counts[c] : 256;
		struct zt_buf b = { 0 };
		buf_printf(&b, "{\"events\":[");
		for (int i = 0; i < counts[c]; i++)
			buf_printf(&b, "%s{\"report_id\":%d}", i ? "," : "", i + 1);
		buf_printf(&b, "]}");
		load(b.p, &s);
		buf_free(&b);
		assert_int_equal(s.nevents, n);
		/* the first kept: event counts[c] - n, id counts[c] - n + 1 */
		assert_int_equal(s.events[0].report_id, counts[c] - n + 1);
		assert_int_equal(s.events[n - 1].report_id, counts[c]);
		snapshot_free(&s);
	}
}

/* A source's status: available with no why unless "unavailable" names
 * it, then its why, "not available" when that is no text. */
static void
test_status(void **state)
{
	struct zt_snapshot s;

	(void)state;
	load("{\"unavailable\":{\"psi\":5,\"swaps\":\"permission denied\",\"nonsense\":\"x\"}}", &s);
	assert_true(s.status[ZT_SRC_MEMINFO].ok);
	assert_string_equal(s.status[ZT_SRC_MEMINFO].why, "");
	assert_false(s.status[ZT_SRC_PSI].ok);
	assert_string_equal(s.status[ZT_SRC_PSI].why, "not available");
	assert_false(s.status[ZT_SRC_SWAPS].ok);
	assert_string_equal(s.status[ZT_SRC_SWAPS].why, "permission denied");
	snapshot_free(&s);
	/* severities are not recorded: judged again from the figures */
	load("{\"psi\":{\"some\":{\"avg10\":50}}}", &s);
	assert_int_equal(s.sev_psi_some, ZT_SEV_WARN);
	snapshot_free(&s);
}

/* The vm object's balloon and hotplug parts read back: each source's
 * own figures, at most ZT_VM_DEVS (4) device names a driver, a driver
 * not given as not present, at most ZT_VM_HP_ROWS (16) hotplug rows, a
 * row's node -1 when not given. */
static void
test_vm(void **state)
{
	struct zt_snapshot s;
	const struct zt_vm *vm = &s.vm;
	struct zt_buf b = { 0 };

	(void)state;
	buf_printf(&b, "{\"vm\":{\"balloon\":{\"xen\":{\"current_kb\":1},"
	    "\"hyperv\":{\"pages_ballooned\":10,\"pages_added\":20,\"pages_onlined\":30,"
	    "\"unavailable\":\"no debugfs\"},"
	    "\"vmware\":{\"target_pages\":40,\"current_pages\":50,\"unavailable\":\"no vmmemctl\"},"
	    "\"drivers\":{\"virtio_balloon\":{\"bound\":5,\"devices\":[\"a\",\"b\",\"c\",\"d\",\"e\"]},"
	    "\"hv_balloon\":{\"devices\":[\"g\"]},\"vmw_balloon\":true}},"
	    "\"evidence\":{\"vmbus\":true},"
	    "\"hotplug\":{\"rows_truncated\":true,\"rows\":[{\"zone\":\"Normal\",\"online\":3}");
	for (int i = 1; i <= ZT_VM_HP_ROWS; i++)
		buf_printf(&b, ",{\"node\":%d,\"zone\":\"Z%d\",\"offline\":%d}", i, i, i);
	buf_printf(&b, "]}}}");
	load(b.p, &s);
	buf_free(&b);
	assert_int_equal(vm->xen_current_kb, 1);
	assert_int_equal(vm->hv_pages_ballooned, 10);
	assert_int_equal(vm->hv_pages_added, 20);
	assert_int_equal(vm->hv_pages_onlined, 30);
	assert_string_equal(vm->hv_why, "no debugfs");
	assert_int_equal(vm->vmw_target, 40);
	assert_int_equal(vm->vmw_current, 50);
	assert_string_equal(vm->vmw_why, "no vmmemctl");
	assert_true(vm->vmw_balloon);
	assert_false(vm->xen_balloon);
	assert_true(vm->virtio_balloon.present);
	assert_int_equal(vm->virtio_balloon.ndevs, 5);
	assert_string_equal(vm->virtio_balloon.devs[0], "a");
	assert_string_equal(vm->virtio_balloon.devs[1], "b");
	assert_string_equal(vm->virtio_balloon.devs[ZT_VM_DEVS - 1], "d");
	/* not given: as vm_init left it */
	assert_false(vm->virtio_mem.present);
	assert_int_equal(vm->virtio_mem.ndevs, -1);
	assert_string_equal(vm->virtio_mem.devs[0], "");
	assert_true(vm->hv_balloon.present);
	assert_int_equal(vm->hv_balloon.ndevs, 0);
	assert_string_equal(vm->hv_balloon.devs[0], "g");
	assert_int_equal(vm->nrows, ZT_VM_HP_ROWS);
	assert_true(vm->rows_truncated);
	assert_true(vm->read);
	assert_true(vm->hv_scanned);
	assert_true(vm->vmbus);
	assert_false(vm->sysfs);
	assert_true(vm->hp_scanned);
	assert_int_equal(vm->rows[0].node, -1);
	assert_string_equal(vm->rows[0].zone, "Normal");
	assert_int_equal(vm->rows[0].online, 3);
	assert_int_equal(vm->rows[0].offline, 0);
	assert_int_equal(vm->rows[ZT_VM_HP_ROWS - 1].node, ZT_VM_HP_ROWS - 1);
	assert_int_equal(vm->rows[ZT_VM_HP_ROWS - 1].online, 0);
	assert_int_equal(vm->rows[ZT_VM_HP_ROWS - 1].offline, ZT_VM_HP_ROWS - 1);
	snapshot_free(&s);
	/* no vm object: not read, as snapshot_init left it */
	load("{\"vm\":[]}", &s);
	assert_false(vm->read);
	assert_false(vm->hv_scanned);
	assert_int_equal(vm->is_guest, 0);
	snapshot_free(&s);
	load("{\"vm\":{}}", &s);
	assert_true(vm->read);
	assert_false(vm->hv_scanned);
	assert_false(vm->hp_scanned);
	assert_int_equal(vm->is_guest, -1);
	snapshot_free(&s);
}

/* json_in_raw: the skipped sources by name, from the first. */
static void
test_raw_out(void **state)
{
	struct zt_snapshot s;
	json_t *r, *a;

	(void)state;
	snapshot_init(&s);
	s.status[ZT_SRC_ZONEINFO].skipped = true;
	s.status[ZT_SRC_PROCS].skipped = true;
	r = json_in_raw(&s);
	a = json_object_get(r, "skipped");
	assert_int_equal(json_array_size(a), 2);
	assert_string_equal(json_string_value(json_array_get(a, 0)), "zoneinfo");
	assert_string_equal(json_string_value(json_array_get(a, 1)), "processes");
	/* alloc_zone: every slot's zone per mark, slot by slot */
	for (int i = 0; i < ZT_NCLASSES * ZT_ALLOC_ORDERS; i++)
		for (int m = 0; m < ZT_NMARKS; m++)
			s.alloc[i].zone[m] = i * ZT_NMARKS + m;
	a = json_object_get(r, "alloc_zone");
	assert_int_equal(json_array_size(a), ZT_NCLASSES * ZT_ALLOC_ORDERS * ZT_NMARKS);
	json_decref(r);
	r = json_in_raw(&s);
	a = json_object_get(r, "alloc_zone");
	assert_int_equal(json_array_size(a), ZT_NCLASSES * ZT_ALLOC_ORDERS * ZT_NMARKS);
	for (size_t k = 0; k < json_array_size(a); k++)
		assert_int_equal(json_integer_value(json_array_get(a, k)), k);
	json_decref(r);
	snapshot_free(&s);
}

/* The _raw object read: skipped sources by name, each slot's zone per
 * mark where it names one of the zones (0 .. nzones - 1), else -1; an
 * alloc_zone of any other length not read.  Without _raw, a cgroup's
 * members stay as given. */
static void
test_raw_in(void **state)
{
	static const char *const vals[] = { "-1", "0", "1", "2", "3", "null" };
	static const int want[] = { -1, 0, 1, 2, -1, -1 };
	const int n = ZT_NCLASSES * ZT_ALLOC_ORDERS * ZT_NMARKS;
	struct zt_snapshot s;

	(void)state;
	for (int len = n; len >= n - 1; len--) {
		struct zt_buf b = { 0 };
		buf_printf(&b, "{\"zones\":[{\"zone\":\"DMA\"},{\"zone\":\"DMA32\"},"
		    "{\"zone\":\"Normal\"}],\"_raw\":{\"skipped\":[\"zoneinfo\",5],"
		    "\"alloc_zone\":[");
		for (int k = 0; k < len; k++)
			buf_printf(&b, "%s%s", k ? "," : "", vals[k % 6]);
		buf_printf(&b, "]}}");
		load(b.p, &s);
		buf_free(&b);
		assert_true(s.status[ZT_SRC_ZONEINFO].skipped);
		assert_false(s.status[ZT_SRC_BUDDYINFO].skipped);
		for (int k = 0; k < n; k++) {
			int got = s.alloc[k / ZT_NMARKS].zone[k % ZT_NMARKS];
			if (got != (len == n ? want[k % 6] : -1))
				fail_msg("alloc_zone of %d, [%d]: %d", len, k, got);
		}
		snapshot_free(&s);
	}
	load("{\"cgroup\":{\"path\":\"/a\",\"members\":-5}}", &s);
	assert_true(s.cgroup.have);
	assert_int_equal(s.cgroup.nmembers, -5);
	snapshot_free(&s);
	/* recordings of 2026-11-26: members and victim in _raw, where the
	 * cgroup object has none (members -1, victim 0) */
	load("{\"cgroup\":{\"path\":\"/a\"},\"_raw\":{\"cgroup_members\":4,"
	    "\"cgroup_victim\":77}}", &s);
	assert_int_equal(s.cgroup.nmembers, 4);
	assert_int_equal(s.cgroup.predicted_victim, 77);
	snapshot_free(&s);
	load("{\"cgroup\":{\"path\":\"/a\",\"members\":0,\"predicted_victim\":5},"
	    "\"_raw\":{\"cgroup_members\":4,\"cgroup_victim\":77}}", &s);
	assert_int_equal(s.cgroup.nmembers, 0);
	assert_int_equal(s.cgroup.predicted_victim, 5);
	snapshot_free(&s);
	load("{\"cgroup\":{\"path\":\"/a\"},\"_raw\":{}}", &s);
	assert_int_equal(s.cgroup.nmembers, -1);
	assert_int_equal(s.cgroup.predicted_victim, 0);
	snapshot_free(&s);
	/* without _raw the wall clock stands in for the monotonic one */
	load("{\"time\":\"2026-01-01T00:00:00.5Z\"}", &s);
	assert_true(s.mono == 1767225600.5);
	snapshot_free(&s);
}

/* Wrong types are "not available", never a crash; a non-object fails. */
static void
test_bad_input(void **state)
{
	static const char *const texts[] = {
		"{\"zones\":\"x\",\"meminfo\":5,\"processes\":{\"a\":1},\"events\":[1,\"x\",null]}",
		"{\"zones\":[1,[2],null,{\"buddy\":{\"a\":1},\"pagetypeinfo\":[5,{\"free\":7}]}]}",
		"{\"time\":\"yesterday\",\"zone_types\":[1,2,3,4,5,6,7,8,9,10],\"alloc\":[{},{},"
		    "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}]}",
		"{\"vm\":{\"balloon\":[],\"hotplug\":{\"rows\":[{\"node\":\"x\"}]}},"
		    "\"cgroup\":{\"path\":5},\"_raw\":{\"alloc_zone\":[99,-5]}}",
		"{\"processes\":[{\"pid\":-9223372036854775808,\"state\":\"\\u00e9\"}]}",
	};
	struct out_opts all = { .top = -1 };
	struct zt_snapshot s;
	char why[64];
	json_t *j;

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(texts); i++) {
		j = json_loads(texts[i], 0, NULL);
		assert_non_null(j);
		assert_int_equal(json_in(j, &s, why, sizeof why), 0);
		json_t *out = json_snapshot(&s, &all);	/* and it prints */
		assert_non_null(out);
		json_decref(out);
		snapshot_free(&s);
		json_decref(j);
	}
	j = json_loads("[1,2]", 0, NULL);
	assert_int_equal(json_in(j, &s, why, sizeof why), -1);
	assert_string_equal(why, "not a JSON object");
	snapshot_free(&s);
	json_decref(j);
}

static void
test_time(void **state)
{
	struct timespec ts;
	char buf[48];

	(void)state;
	assert_int_equal(json_in_time("1970-01-01T00:00:00Z", &ts), 0);
	assert_int_equal(ts.tv_sec, 0);
	/* 2026-11-26 = 20,783 days after 1970-01-01: 20783 * 86400 = 1795651200 */
	assert_int_equal(json_in_time("2026-11-26T00:00:00.5-02:30", &ts), 0);
	assert_int_equal(ts.tv_sec, 1795651200 + 2 * 3600 + 30 * 60);
	assert_int_equal(ts.tv_nsec, 500000000);
	assert_int_equal(json_in_time("2026-11-26T10:50:00+00:00x", &ts), -1);
	assert_int_equal(json_in_time("2026-13-26T10:50:00Z", &ts), -1);
	assert_int_equal(json_in_time("2026-11-26T10:50:00.Z", &ts), -1);
	assert_int_equal(json_in_time("", &ts), -1);
	/* fmt_rfc3339 reads back in any time zone */
	setenv("TZ", "Asia/Kolkata", 1);
	tzset();
	ts = (struct timespec){ 1795690573, 669000000 };
	fmt_rfc3339(buf, sizeof buf, &ts);
	struct timespec back;
	assert_int_equal(json_in_time(buf, &back), 0);
	assert_int_equal(back.tv_sec, ts.tv_sec);
	assert_int_equal(back.tv_nsec, ts.tv_nsec);
	unsetenv("TZ");
	tzset();
}

/* RFC 3339 read field by field: each field's bounds, each separator,
 * every digit's edges, the fraction's places, the offset's sign.
 * Seconds by Python's calendar.timegm, not by the code under test (year
 * 0: year 1's -62135596800 less 0's 366 days). */
static void
test_time_edges(void **state)
{
	static const struct {
		const char *text;
		time_t sec;	/* -1: refused */
		long nsec;
	} cases[] = {
		{ "2000-02-29T12:34:56Z", 951827696, 0 },
		{ "2000-02-29 12:34:56z", 951827696, 0 },
		{ "2026-01-01T00:00:00Z", 1767225600, 0 },
		{ "2026-12-31T23:59:59Z", 1798761599, 0 },
		/* a leap second is 60, taken as the next minute's 0 */
		{ "1999-12-31T23:59:60Z", 946684800, 0 },
		{ "2026-01-31T00:00:00Z", 1767225600 + 30 * 86400, 0 },
		{ "2026-01-01T00:00:00.9Z", 1767225600, 900000000 },
		{ "2026-01-01T00:00:00.123456789Z", 1767225600, 123456789 },
		{ "2026-01-01T00:00:00.1234567899Z", 1767225600, 123456789 },
		{ "2026-01-01T05:30:00+05:30", 1767225600, 0 },
		{ "2026-01-01T00:00:00+23:59", 1767225600 - 23 * 3600 - 59 * 60, 0 },
		{ "2026-01-01T00:00:00-23:59", 1767225600 + 23 * 3600 + 59 * 60, 0 },
		{ "2026-00-01T00:00:00Z", -1, 0 },
		{ "2026-13-01T00:00:00Z", -1, 0 },
		{ "2026-01-00T00:00:00Z", -1, 0 },
		{ "2026-01-32T00:00:00Z", -1, 0 },
		{ "2026-01-01T24:00:00Z", -1, 0 },
		{ "2026-01-01T00:60:00Z", -1, 0 },
		{ "2026-01-01T00:00:61Z", -1, 0 },
		{ "2026-01-01T00:00:00+24:00", -1, 0 },
		{ "2026-01-01T00:00:00+00:60", -1, 0 },
		{ "2026-01-01T00:00:00+0000", -1, 0 },
		{ "2026-01-01T00:00:00", -1, 0 },
		{ "2026-01-01t00:00:00Z", -1, 0 },
		{ "2026/01-01T00:00:00Z", -1, 0 },
		{ "2026-01/01T00:00:00Z", -1, 0 },
		{ "2026-01-01T00-00:00Z", -1, 0 },
		{ "2026-01-01T00:00-00Z", -1, 0 },
		{ "2026-01-01T00:00:00.xZ", -1, 0 },
		{ "2026-01-01T00:00:00.:Z", -1, 0 },
		{ "2026-01-01T00:00:00./Z", -1, 0 },
		{ "202/-01-01T00:00:00Z", -1, 0 },
		{ "202:-01-01T00:00:00Z", -1, 0 },
		{ "2026-0:-01T00:00:00Z", -1, 0 },
		{ "2026-01-01T0/:00:00Z", -1, 0 },
		{ "2026-01-01T00:0::00Z", -1, 0 },
		{ "2026-01-01T00:00:0:Z", -1, 0 },
		{ "2026-01-01T00:00:00+0:00", -1, 0 },
		{ "2026-01-01T00:00:00+00:0/", -1, 0 },
		{ "2026-01-01T00:00:00+00:00Z", -1, 0 },
		{ "2026-01-01T00:00:00 Z", -1, 0 },
		{ "2026-01-01T00:00:00+05:", -1, 0 },
		{ "2026-01-01T00:00:00+05", -1, 0 },
		{ "2026-01-01T00:00:Z", -1, 0 },
		{ "0000-01-01T00:00:00Z", -62167219200, 0 },
		{ "9999-12-31T23:59:59Z", 253402300799, 0 },
	};
	struct timespec ts;

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		int rc;

		ts.tv_sec = 77;
		ts.tv_nsec = 77;
		rc = json_in_time(cases[i].text, &ts);
		if (rc != (cases[i].sec == -1 ? -1 : 0))
			fail_msg("%s: %d", cases[i].text, rc);
		if (cases[i].sec == -1)
			continue;
		if (ts.tv_sec != cases[i].sec || ts.tv_nsec != cases[i].nsec)
			fail_msg("%s: %lld.%09ld", cases[i].text, (long long)ts.tv_sec,
			    ts.tv_nsec);
	}
}

/* ---- cw: the reading of the per-CPU counters the points use ---- */

/* points_counts and points_counts_seen read back and written again as
 * they came; a recording without them reads as the sums, unseen. */
static void
test_cw_points_counts(void **state)
{
	static const struct {
		const char *keys;
		int want;
		const char *counts;
		bool seen;
	} cases[] = {
		{ "", ZT_COUNTS_SUM, "sum", false },
		{ ",\"points_counts\":\"central\",\"points_counts_seen\":true",
		    ZT_COUNTS_CENTRAL_SEEN, "central", true },
		{ ",\"points_counts\":\"sum\",\"points_counts_seen\":true",
		    ZT_COUNTS_SUM_SEEN, "sum", true },
		/* not seen: the sums whatever it says */
		{ ",\"points_counts\":\"central\",\"points_counts_seen\":false",
		    ZT_COUNTS_SUM, "sum", false },
		{ ",\"points_counts\":7,\"points_counts_seen\":true",
		    ZT_COUNTS_SUM_SEEN, "sum", true },
	};
	struct out_opts all = { .top = -1 };
	char text[256];

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(cases); i++) {
		struct zt_snapshot s;
		snprintf(text, sizeof text, "{\"processes\":[],\"points_margin\":0%s}",
		    cases[i].keys);
		load(text, &s);
		if (s.points_counts != cases[i].want)
			fail_msg("%s: points_counts %d", text, s.points_counts);
		json_t *j = json_snapshot(&s, &all);
		json_t *c = json_object_get(j, "points_counts");
		assert_true(json_is_string(c));
		assert_string_equal(json_string_value(c), cases[i].counts);
		assert_true(json_is_boolean(json_object_get(j, "points_counts_seen")));
		assert_int_equal(json_is_true(json_object_get(j,
		    "points_counts_seen")), cases[i].seen);
		json_decref(j);
		snapshot_free(&s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_live),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_handmade),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_pagetype),
		cmocka_unit_test(test_wmark),
		cmocka_unit_test(test_zone_fields),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_nodes),
		cmocka_unit_test(test_alloc_zone),
		cmocka_unit_test(test_swap_devices),
		cmocka_unit_test(test_proc_fields),
		cmocka_unit_test(test_procs_summary),
		cmocka_unit_test(test_procs_cut),
		cmocka_unit_test(test_cgroups),
		cmocka_unit_test(test_verdict_lines),
		cmocka_unit_test(test_event_fields),
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_self),
		cmocka_unit_test(test_events_bound),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_vm),
		cmocka_unit_test(test_raw_out),
		cmocka_unit_test(test_raw_in),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_time_edges),
		cmocka_unit_test(test_cw_points_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
