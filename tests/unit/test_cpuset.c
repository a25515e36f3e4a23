/*
 * test_cpuset.c: the node lists of cpuset.c (cpuset.mems and
 * cpuset.mems.effective, bitmap_parselist's "0-3,5" form): parsing with
 * its bounds, printing back, intersection and strict subsets.  Texts are
 * handed over in allocations of exactly their length.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpuset.h"
#include "util.h"

#include "fixture.h"

static bool
nodes_of(const char *s, struct cpuset_nodes *n)
{
	size_t len = strlen(s);
	char *t = exact_copy(s, len);
	bool ok;

	ok = cpuset_parse_nodes(t, len, n);
	free(t);
	return ok;
}

/* s parsed and printed back, or "!" when refused. */
static const char *
round_trip(const char *s)
{
	static char out[256];
	struct cpuset_nodes n;

	if (!nodes_of(s, &n))
		return "!";
	cpuset_format_nodes(&n, out, sizeof out);
	return out;
}

static void
test_parse(void **state)
{
	struct cpuset_nodes n;
	char big[16];

	(void)state;
	assert_string_equal(round_trip("0"), "0");
	assert_string_equal(round_trip("0-3"), "0-3");
	assert_string_equal(round_trip("0,2-3,7"), "0,2-3,7");
	assert_string_equal(round_trip("2-2"), "2");
	assert_string_equal(round_trip("9"), "9");
	assert_string_equal(round_trip("19,90-99"), "19,90-99");
	assert_string_equal(round_trip("1,2,3,5"), "1-3,5");
	assert_string_equal(round_trip("0-1\n"), "0-1");
	assert_string_equal(round_trip("4 \n"), "4");
	assert_string_equal(round_trip("1,"), "1");
	assert_string_equal(round_trip(""), "");
	assert_string_equal(round_trip("\n"), "");
	snprintf(big, sizeof big, "%d", CPUSET_MAX_NODES - 1);
	assert_string_equal(round_trip(big), big);
	snprintf(big, sizeof big, "%d", CPUSET_MAX_NODES);
	assert_string_equal(round_trip(big), "!");
	snprintf(big, sizeof big, "%d-%d", CPUSET_MAX_NODES - 4, CPUSET_MAX_NODES - 1);
	assert_string_equal(round_trip(big), big);
	/* refused */
	assert_string_equal(round_trip("3-1"), "!");
	assert_string_equal(round_trip("1-"), "!");
	assert_string_equal(round_trip("-1"), "!");
	assert_string_equal(round_trip("1,,2"), "!");
	assert_string_equal(round_trip("1x"), "!");
	assert_string_equal(round_trip("1x,2"), "!");
	assert_string_equal(round_trip("1;2"), "!");
	assert_string_equal(round_trip(" 1"), "!");
	/* a refusal leaves no node behind */
	assert_false(nodes_of("0-3,x", &n));
	for (int v = 0; v < CPUSET_MAX_NODES; v++)
		assert_false(cpuset_nodes_has(&n, v));
}

static void
test_has(void **state)
{
	struct cpuset_nodes n;

	(void)state;
	memset(&n, 0xff, sizeof n);
	assert_true(cpuset_nodes_has(&n, 0));
	assert_true(cpuset_nodes_has(&n, CPUSET_MAX_NODES - 1));
	assert_false(cpuset_nodes_has(&n, CPUSET_MAX_NODES));
	assert_false(cpuset_nodes_has(&n, -1));
	assert_true(nodes_of("64", &n));
	assert_true(cpuset_nodes_has(&n, 64));
	assert_false(cpuset_nodes_has(&n, 63));
	assert_false(cpuset_nodes_has(&n, 0));
}

/* n printed into a buffer of exactly outlen bytes. */
static const char *
format_in(const struct cpuset_nodes *n, size_t outlen)
{
	static char copy[64];
	char *out = xmalloc(outlen ? outlen : 1);

	memset(out, 'x', outlen ? outlen : 1);
	cpuset_format_nodes(n, out, outlen);
	if (outlen == 0) {
		assert_int_equal(out[0], 'x');	/* nothing written */
		copy[0] = '\0';
	} else
		snprintf(copy, sizeof copy, "%s", out);
	free(out);
	return copy;
}

/* Printing: nothing written into no room; cut at a whole entry. */
static void
test_format_room(void **state)
{
	struct cpuset_nodes n;

	(void)state;
	assert_true(nodes_of("0-3,5", &n));
	assert_string_equal(format_in(&n, 0), "");
	assert_string_equal(format_in(&n, 6), "0-3,5");
	assert_string_equal(format_in(&n, 5), "0-3");
	assert_string_equal(format_in(&n, 4), "0-3");
	assert_string_equal(format_in(&n, 3), "");
	assert_string_equal(format_in(&n, 1), "");
	assert_true(nodes_of("0-3,5,7,9-12", &n));
	assert_string_equal(format_in(&n, 5), "0-3");
	assert_string_equal(format_in(&n, 7), "0-3,5");
	assert_string_equal(format_in(&n, 8), "0-3,5,7");
	assert_string_equal(format_in(&n, 13), "0-3,5,7,9-12");
	memset(&n, 0, sizeof n);
	assert_string_equal(format_in(&n, 16), "");
}

static void
test_sets(void **state)
{
	struct cpuset_nodes a, b;
	char hi[32];

	(void)state;
	snprintf(hi, sizeof hi, "%d", CPUSET_MAX_NODES - 1);
	assert_true(nodes_of("0", &a));
	assert_true(nodes_of("1", &b));
	assert_false(cpuset_nodes_intersect(&a, &b));
	assert_true(cpuset_nodes_intersect(&a, &a));
	assert_true(nodes_of(hi, &a));
	assert_true(nodes_of(hi, &b));
	assert_true(cpuset_nodes_intersect(&a, &b));
	/* strict subsets */
	assert_true(nodes_of("0", &a));
	assert_true(nodes_of("0-1", &b));
	assert_true(cpuset_nodes_strict_subset(&a, &b));
	assert_false(cpuset_nodes_strict_subset(&b, &a));
	assert_false(cpuset_nodes_strict_subset(&b, &b));
	assert_true(nodes_of("", &a));
	assert_false(cpuset_nodes_strict_subset(&a, &b));
	assert_true(nodes_of("2", &a));
	assert_false(cpuset_nodes_strict_subset(&a, &b));
	snprintf(hi, sizeof hi, "0,%d", CPUSET_MAX_NODES - 1);
	assert_true(nodes_of(hi, &b));
	snprintf(hi, sizeof hi, "%d", CPUSET_MAX_NODES - 1);
	assert_true(nodes_of(hi, &a));
	assert_true(cpuset_nodes_strict_subset(&a, &b));
	assert_false(cpuset_nodes_strict_subset(&b, &a));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_has),
		cmocka_unit_test(test_format_room),
		cmocka_unit_test(test_sets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
