/*
 * assert_double.h: cmocka's assert_float_equal compares as float and
 * passes when either side is NaN (the difference is never greater than
 * epsilon), so a figure that went missing would pass.  This one compares
 * as double and fails on NaN.  Include after <cmocka.h>.
 */
#ifndef ZT_TEST_ASSERT_DOUBLE_H
#define ZT_TEST_ASSERT_DOUBLE_H

#include <math.h>

#undef assert_float_equal
#define assert_float_equal(a, b, eps) do {				\
	double zt_a_ = (double)(a), zt_b_ = (double)(b);		\
	double zt_e_ = (double)(eps);					\
	if (!(fabs(zt_a_ - zt_b_) <= zt_e_))				\
		fail_msg("%.17g != %.17g (epsilon %g)", zt_a_, zt_b_,	\
		    zt_e_);						\
} while (0)

#endif
