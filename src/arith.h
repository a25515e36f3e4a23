/*
 * arith.h: the few functions of libm that zonetop uses (rounding, the
 * natural logarithm), written out so that no mode maps libm: loading it
 * costs about 0.5 MiB of resident pages (its IFUNC relocations touch
 * most of it) for six small functions.  Results equal libm's: rounding
 * exactly, the logarithm within 1 ulp (tests/unit/test_arith.c).
 */
#ifndef ZT_ARITH_H
#define ZT_ARITH_H

#include <stdint.h>

/* round(): half-way cases away from zero, -0.0 kept, NaN and infinities
 * returned as they are. */
double arith_round(double x);

/* llround() for values in range; NaN and out of range give 0. */
int64_t arith_lround(double x);

/* log(): NaN for x < 0 or NaN, -inf for 0, +inf for +inf. */
double arith_log(double x);

#endif
