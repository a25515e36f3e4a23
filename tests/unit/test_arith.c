/* Unit tests: arith.c's rounding and logarithm against libm's own (the
 * tests link libm; zonetop does not). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <float.h>
#include <stdbool.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arith.h"

/* Bit-identical, so that -0.0 against 0.0 and NaN against NaN count. */
static bool
same(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* A deterministic spread of doubles of every magnitude and sign. */
static double
sample(uint64_t *st)
{
	double x;

	*st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
	uint64_t b = *st;
	memcpy(&x, &b, sizeof x);
	return x;
}

static void
test_round_cases(void **state)
{
	static const double v[] = { 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5,
	    0.49999999999999994, -0.49999999999999994, 0.3, -0.3, 1e300,
	    -1e300, 4503599627370495.5, -4503599627370495.5, 4503599627370497.0,
	    9007199254740993.0, DBL_MIN, -DBL_MIN, 123.4564999, 123456.5,
	    HUGE_VAL, -HUGE_VAL };

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (!same(arith_round(v[i]), round(v[i])))
			fail_msg("round(%.17g): %.17g, libm %.17g", v[i],
			    arith_round(v[i]), round(v[i]));
	assert_true(isnan(arith_round(NAN)));
	assert_int_equal(arith_lround(2.5), 3);
	assert_int_equal(arith_lround(-2.5), -3);
	assert_int_equal(arith_lround(-9223372036854775808.0), INT64_MIN);
	assert_int_equal(arith_lround(9223372036854775808.0), 0);
	assert_int_equal(arith_lround(NAN), 0);
}

static void
test_round_spread(void **state)
{
	uint64_t st = 1;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		double x = sample(&st);
		double y = (double)(int64_t)(st >> 40) / 1024.0 - 4096.0;
		if (!same(arith_round(x), round(x)) || !same(arith_round(y), round(y)))
			fail_msg("round(%.17g) or round(%.17g) differs", x, y);
		if (fabs(y) < 1e15 && arith_lround(y) != llround(y))
			fail_msg("lround(%.17g) differs", y);
	}
}

/* Within 1 ulp of libm's. */
static void
log_close(double x)
{
	double a = arith_log(x), b = log(x);

	if (same(a, b))
		return;
	if (isnan(a) || isnan(b) || isinf(a) || isinf(b) ||
	    fabs(a - b) > (nextafter(fabs(b), INFINITY) - fabs(b)))
		fail_msg("log(%.17g): %.17g, libm %.17g", x, a, b);
}

static void
test_log(void **state)
{
	static const double v[] = { 1.0, 2.0, 0.5, 10.0, 1e-300, 1e300, DBL_MAX,
	    DBL_MIN, 4.9406564584124654e-324, 2.2250738585072009e-308,
	    1.0000000000000002, 0.99999999999999989, 1.4142135623730951,
	    1.4142135623730949, 0.70710678118654746, 3.0, 1234567.0 };
	uint64_t st = 7;

	(void)state;
	assert_true(isnan(arith_log(-1.0)));
	assert_true(isnan(arith_log(NAN)));
	assert_true(isinf(arith_log(0.0)) && arith_log(0.0) < 0);
	assert_true(isinf(arith_log(-0.0)) && arith_log(-0.0) < 0);
	assert_true(isinf(arith_log(HUGE_VAL)) && arith_log(HUGE_VAL) > 0);
	assert_true(same(arith_log(1.0), 0.0));
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		log_close(v[i]);
	for (int i = 0; i < 200000; i++) {
		double x = fabs(sample(&st));
		log_close(x);
		log_close(1.0 + (double)(st >> 11) / 9007199254740992.0 * 1e-6);
		log_close((double)(st >> 20));	/* page counts */
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_cases),
		cmocka_unit_test(test_round_spread),
		cmocka_unit_test(test_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
