/*
 * test_cgroup_parse.c: the readers of memory-cgroup files (cgroup.c):
 * byte counts and limits ("max", v1's unlimited), memory.events,
 * cgroup.procs, a process's /proc/PID/cgroup and the path test of
 * --cgroup, at their edges.  Texts are handed over in allocations of
 * exactly their length.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cgroup.h"
#include "snapshot.h"
#include "util.h"

#include "fixture.h"

/* s (held in an allocation of exactly its length) through reader */
static int64_t
kb_of(int64_t (*reader)(const char *, size_t), const char *s)
{
	size_t n = strlen(s);
	char *t = exact_copy(s, n);
	int64_t v = reader(t, n);

	free(t);
	return v;
}

static int64_t
bytes_of(const char *s)
{
	return kb_of(cgroup_parse_bytes_kb, s);
}

static int64_t
limit_of(const char *s)
{
	return kb_of(cgroup_parse_limit_kb, s);
}

/* A copy of s in an allocation of exactly its length, *len set. */
static char *
exact(const char *s, size_t *len)
{
	*len = strlen(s);
	return exact_copy(s, *len);
}

static void
test_bytes_and_limits(void **state)
{
	char s[64];

	(void)state;
	assert_int_equal(bytes_of("4096\n"), 4);
	assert_int_equal(bytes_of("4096 \t\n"), 4);
	assert_int_equal(bytes_of("1023"), 0);
	assert_int_equal(bytes_of("0"), 0);
	assert_true(bytes_of("-1") == ZT_NA);
	assert_true(bytes_of("") == ZT_NA);
	assert_true(bytes_of("\n") == ZT_NA);
	assert_true(bytes_of("1024x") == ZT_NA);
	assert_true(bytes_of("max") == ZT_NA);
	/* 31 characters are read, 32 are not */
	assert_int_equal(bytes_of("0000000000000000000000000002048"), 2);
	assert_true(bytes_of("00000000000000000000000000002048") == ZT_NA);

	assert_true(limit_of("max\n") == ZT_NO_LIMIT);
	assert_true(limit_of("max \n") == ZT_NO_LIMIT);
	assert_true(limit_of("max") == ZT_NO_LIMIT);
	assert_true(limit_of("maxx") == ZT_NA);
	assert_true(limit_of("ma") == ZT_NA);
	assert_true(limit_of("mab") == ZT_NA);
	assert_int_equal(limit_of("1048576\n"), 1024);
	assert_int_equal(limit_of("0"), 0);
	assert_true(limit_of("-5") == ZT_NA);
	assert_true(limit_of("") == ZT_NA);
	/* v1's "unlimited": LONG_MAX rounded down to a page */
	assert_true(limit_of("9223372036854771712\n") == ZT_NO_LIMIT);
	snprintf(s, sizeof s, "%lld", (long long)(INT64_MAX - 65536));
	assert_int_equal(limit_of(s), (INT64_MAX - 65536) / 1024);
	snprintf(s, sizeof s, "%lld", (long long)(INT64_MAX - 65535));
	assert_true(limit_of(s) == ZT_NO_LIMIT);
}

static void
test_events(void **state)
{
	struct zt_kvs kv = { 0 };
	size_t n;
	char *t;
	char line[200];

	(void)state;
	t = exact("low 0\nhigh 5\nmax 7\noom 2\noom_kill 1\noom_group_kill 0\n", &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 6);
	free(t);
	assert_int_equal(kvs_get(&kv, "high"), 5);
	assert_int_equal(kvs_get(&kv, "oom_kill"), 1);
	kvs_free(&kv);

	t = exact("oom\t\t3\n oom 9\noom\noom  \noom x\nfailcnt 4", &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 2);
	free(t);
	assert_int_equal(kvs_get(&kv, "oom"), 3);
	assert_int_equal(kvs_get(&kv, "failcnt"), 4);
	kvs_free(&kv);

	/* a one-letter key; a key or a blank running to the text's end */
	t = exact("a 5", &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 1);
	assert_int_equal(kvs_get(&kv, "a"), 5);
	free(t);
	kvs_free(&kv);
	t = exact("oom", &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 0);
	free(t);
	t = exact("oom \t", &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 0);
	free(t);
	kvs_free(&kv);

	/* keys of 47 characters are read, 48 are not; values 31, not 32 */
	memset(line, 'k', sizeof line);
	memcpy(line + 47, " 5\n", 4);
	t = exact(line, &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 1);
	free(t);
	kvs_free(&kv);
	memset(line, 'k', sizeof line);
	memcpy(line + 48, " 5\n", 4);
	t = exact(line, &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 0);
	free(t);
	kvs_free(&kv);
	snprintf(line, sizeof line, "oom %031d", 6);
	t = exact(line, &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 1);
	assert_int_equal(kvs_get(&kv, "oom"), 6);
	free(t);
	kvs_free(&kv);
	snprintf(line, sizeof line, "oom %032d", 6);
	t = exact(line, &n);
	assert_int_equal(cgroup_parse_events(t, n, &kv), 0);
	free(t);
	kvs_free(&kv);
}

static void
test_procs(void **state)
{
	struct zt_buf b = { 0 };
	int *pids = NULL, n = 0, cap = 0;
	size_t len;
	char *t;

	(void)state;
	t = exact("1\n22\n0\n-1\nx\n2147483647\n2147483648\n000000000000042\n"
	    "0000000000000042\n\n333", &len);
	assert_int_equal(cgroup_parse_procs(t, len, &pids, &n, &cap), 5);
	free(t);
	assert_int_equal(n, 5);
	assert_int_equal(pids[0], 1);
	assert_int_equal(pids[1], 22);
	assert_int_equal(pids[2], 2147483647);
	assert_int_equal(pids[3], 42);
	assert_int_equal(pids[4], 333);
	/* more are appended, past the first allocation */
	for (int i = 1; i <= 200; i++)
		buf_printf(&b, "%d\n", 1000 + i);
	assert_int_equal(cgroup_parse_procs(b.p, b.len, &pids, &n, &cap), 200);
	assert_int_equal(n, 205);
	assert_true(cap >= 205);
	assert_int_equal(pids[4], 333);
	assert_int_equal(pids[5], 1001);
	assert_int_equal(pids[204], 1200);
	free(pids);
	buf_free(&b);
}

static const char *
path_of(const char *s)
{
	static char out[128];
	size_t n;
	char *t = exact(s, &n);
	char *p = cgroup_proc_path(t, n);

	free(t);
	if (p == NULL)
		return "(none)";
	snprintf(out, sizeof out, "%s", p);
	free(p);
	return out;
}

static void
test_proc_path(void **state)
{
	(void)state;
	assert_string_equal(path_of("12:memory:/a/b\n11:cpu:/x\n"), "/a/b");
	assert_string_equal(path_of("11:cpu:/x\n5:cpu,memory:/c"), "/c");
	assert_string_equal(path_of("5:memory,cpu:/c2"), "/c2");
	assert_string_equal(path_of("4:memoryx:/d\n"), "(none)");
	assert_string_equal(path_of("4:xmemory:/d\n"), "(none)");
	assert_string_equal(path_of("4:memor:/d\n"), "(none)");
	assert_string_equal(path_of("0::/user.slice/x\n"), "/user.slice/x");
	assert_string_equal(path_of("0::/v2\n3:memory:/v1"), "/v1");
	assert_string_equal(path_of("3:memory:/a:b"), "/a:b");
	assert_string_equal(path_of("10::/x\n"), "(none)");
	assert_string_equal(path_of("1::/x\n"), "(none)");
	assert_string_equal(path_of("0:cpu:/x\n"), "(none)");
	assert_string_equal(path_of("no colons\n0:/x\n"), "(none)");
	assert_string_equal(path_of(""), "(none)");
	assert_string_equal(path_of("3:memory:"), "");
	assert_string_equal(path_of("4:memory"), "(none)");
}

static void
test_path_within(void **state)
{
	(void)state;
	assert_true(cgroup_path_within("/a/b", "/a"));
	assert_true(cgroup_path_within("/a/b", "/a/b"));
	assert_true(cgroup_path_within("/a/b", "/a/b/"));
	assert_true(cgroup_path_within("a/b", "a"));
	assert_true(cgroup_path_within("//a/b", "a//"));
	assert_true(cgroup_path_within("/a", "/"));
	assert_true(cgroup_path_within("/a", ""));
	assert_true(cgroup_path_within("/", "/"));
	assert_false(cgroup_path_within("/a/bc", "/a/b"));
	assert_false(cgroup_path_within("/ab", "/a"));
	assert_false(cgroup_path_within("/a", "/a/b"));
	assert_false(cgroup_path_within("/", "/a"));
	assert_false(cgroup_path_within("/b/a", "/a"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes_and_limits),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_procs),
		cmocka_unit_test(test_proc_path),
		cmocka_unit_test(test_path_within),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
