/*
 * test_psi.c: psi_parse() on the 6.18 capture, on lines with values, on
 * a file without the "full" line, and on lines it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include "assert_double.h"

#include "parsers.h"
#include "snapshot.h"
#include "util.h"

#include "fixture.h"

static int
parse(const char *s, struct zt_psi *p)
{
	char why[ZT_WHY_LEN] = "";
	size_t len = strlen(s);
	char *t = exact_copy(s, len);
	int rc;

	rc = psi_parse(t, len, p, why, sizeof why);
	free(t);
	if (rc < 0) {
		/* nothing of a refused line is kept */
		assert_true(why[0] != '\0');
		assert_false(p->have);
		assert_true(isnan(p->some.avg10) && isnan(p->some.avg60) &&
		    isnan(p->some.avg300) && p->some.total_us == ZT_NA);
		assert_true(isnan(p->full.avg10) && isnan(p->full.avg60) &&
		    isnan(p->full.avg300) && p->full.total_us == ZT_NA);
	}
	return rc;
}

static void
test_psi_618(void **state)
{
	struct zt_psi p;
	char why[ZT_WHY_LEN];
	size_t len;
	char *t = fixture("proc/vm-6.18-x86_64-24g/pressure/memory", &len);

	(void)state;
	assert_int_equal(psi_parse(t, len, &p, why, sizeof why), 0);
	free(t);
	assert_true(p.have);
	assert_true(p.some.have);
	assert_true(p.full.have);
	assert_true(p.some.avg10 == 0.0);
	assert_true(p.full.avg300 == 0.0);
	assert_int_equal(p.some.total_us, 0);
	assert_int_equal(p.full.total_us, 0);
}

static void
test_psi_values(void **state)
{
	struct zt_psi p;

	(void)state;
	assert_int_equal(parse(
	    "some avg10=12.34 avg60=5.06 avg300=0.70 total=123456789\n"
	    "full avg10=100.00 avg60=0.25 avg300=0.01 total=654\n", &p), 0);
	assert_true(p.have);
	assert_float_equal(p.some.avg10, 12.34, 1e-9);
	assert_float_equal(p.some.avg60, 5.06, 1e-9);
	assert_float_equal(p.some.avg300, 0.70, 1e-9);
	assert_int_equal(p.some.total_us, 123456789);
	assert_float_equal(p.full.avg10, 100.0, 1e-9);
	assert_float_equal(p.full.avg300, 0.01, 1e-9);
	assert_int_equal(p.full.total_us, 654);
}

/* Resources and kernels without "full" (cpu before 5.13): n/a, not 0. */
static void
test_psi_no_full(void **state)
{
	struct zt_psi p;

	(void)state;
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00 total=4\n", &p), 0);
	assert_true(p.some.have);
	assert_false(p.full.have);
	assert_true(isnan(p.full.avg10));
	assert_true(isnan(p.full.avg60));
	assert_true(isnan(p.full.avg300));
	assert_true(p.full.total_us == ZT_NA);
	/* only the full line: usable too */
	assert_int_equal(parse("full avg10=1.00 avg60=2.00 avg300=3.00 total=4", &p), 0);
	assert_false(p.some.have);
	assert_true(p.full.have);
}

static void
test_psi_bad(void **state)
{
	struct zt_psi p;

	(void)state;
	/* each line lacks something, has junk, or overflows */
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00\n", &p), -1);
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00 total=99999999999999999999\n", &p), -1);
	assert_int_equal(parse("some avg10=x avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("some avg10=-1.00 avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("some avg10=101.00 avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("some avg10=1.00 avg10=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00 total=1 more=2\n", &p), -1);
	assert_int_equal(parse("some avg10=1.00avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("some avg10= 1.00 avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("somewhat avg10=1.00 avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("", &p), -1);
	assert_int_equal(parse("\n\n", &p), -1);
	/* one bad line does not spoil the other */
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 total=1\n"
	    "full avg10=0.50 avg60=0.25 avg300=0.10 total=7\n", &p), 0);
	assert_false(p.some.have);
	assert_true(isnan(p.some.avg10));
	assert_true(p.full.have);
	assert_int_equal(p.full.total_us, 7);
	/* a bad line leaves nothing behind, not even the fields it had */
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00\n", &p), -1);
	assert_true(isnan(p.some.avg10));
	assert_true(p.some.total_us == ZT_NA);
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00 total=x\n", &p), -1);
	assert_true(isnan(p.some.avg60));
	/* a field given twice, the four all present */
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00 total=1 avg10=5.00\n", &p), -1);
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00 total=1 total=2\n", &p), -1);
	assert_int_equal(parse("some avg10=1.00 avg60=2.00 avg300=3.00 total=1 avg300=2.00\n", &p), -1);
	/* the word must be "some" or "full" followed by a blank */
	assert_int_equal(parse("some_avg10=1.00 avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("full_avg10=1.00 avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	assert_int_equal(parse("cpus avg10=1.00 avg60=2.00 avg300=3.00 total=1\n", &p), -1);
	/* fields in another order are still the same fields */
	assert_int_equal(parse("some total=9 avg300=3.00 avg60=2.00 avg10=1.00\n", &p), 0);
	assert_int_equal(p.some.total_us, 9);
	assert_float_equal(p.some.avg10, 1.0, 1e-9);
}

/* A line too long for the line buffer, or holding a NUL, is not used:
 * 255 characters fit, 256 do not (the buffer holds the terminator). */
static void
test_psi_line_bounds(void **state)
{
	static const char base[] = "some avg10=1.00 avg60=2.00 avg300=3.00 total=1";
	char line[300];
	struct zt_psi p;
	size_t n = strlen(base);

	(void)state;
	memset(line, ' ', sizeof line);
	memcpy(line, base, n);
	line[255] = '\0';
	assert_int_equal(parse(line, &p), 0);
	assert_true(p.some.have);
	assert_int_equal(p.some.total_us, 1);
	line[255] = ' ';
	line[256] = '\0';
	assert_int_equal(parse(line, &p), -1);
	line[299] = '\0';
	line[298] = '\n';
	assert_int_equal(parse(line, &p), -1);

	/* a NUL inside a line (psi_parse takes a length, not a string) */
	{
		char why[ZT_WHY_LEN] = "";
		char t[] = "some avg10=1.00 avg60=2.00 avg300=3.00 total=1\n"
		    "full avg10=1.00 avg60=2.00 avg300=3.00 total=2";

		t[30] = '\0';
		assert_int_equal(psi_parse(t, sizeof t - 1, &p, why, sizeof why), 0);
		assert_false(p.some.have);
		assert_true(p.full.have);
		assert_int_equal(p.full.total_us, 2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_psi_618),
		cmocka_unit_test(test_psi_values),
		cmocka_unit_test(test_psi_no_full),
		cmocka_unit_test(test_psi_bad),
		cmocka_unit_test(test_psi_line_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
