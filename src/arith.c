/*
 * arith.c: rounding and the natural logarithm without libm, see arith.h.
 * Nothing here keeps state.
 */
#include "arith.h"

#include <math.h>
#include <string.h>

/* 2^52: every double at least this large is an integer */
#define ARITH_INTEGRAL 4503599627370496.0

double
arith_round(double x)
{
	double t;

	if (!(fabs(x) < ARITH_INTEGRAL))
		return x;
	t = (double)(int64_t)x;		/* toward zero, exact here */
	if (fabs(x - t) >= 0.5)		/* x - t is exact: the fraction */
		t += x > 0 ? 1.0 : -1.0;
	return copysign(t, x);
}

int64_t
arith_lround(double x)
{
	double r = arith_round(x);

	/* -2^63 is the one bound a double holds exactly */
	if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0))
		return 0;
	return (int64_t)r;
}

/*
 * x = m * 2^e with m = 1 + f in [sqrt(1/2), sqrt(2)); then, as fdlibm's
 * e_log.c does, with s = f / (2 + f): log(1 + f) = 2 atanh(s)
 * = f - (f^2/2 - s (f^2/2 + R)), R = 2 s^2/3 + 2 s^4/5 + ..., which
 * keeps the exact f as the main term.  |s| < 0.172: the terms to s^24
 * leave under 2^-60 of R.  ln 2 is split in a high part exact in 32
 * bits and the rest, so e ln 2 stays exact to 2^-80.
 */
double
arith_log(double x)
{
	static const double ln2_hi = 6.93147180369123816490e-01;
	static const double ln2_lo = 1.90821492927058770002e-10;
	uint64_t bits;
	int e;
	double m, f, s, z, hfsq, r = 0;

	if (isnan(x) || x < 0)
		return NAN;
	if (x == 0)
		return -INFINITY;
	if (isinf(x))
		return x;
	e = 0;
	if (x < 2.2250738585072014e-308) {	/* subnormal: scale by 2^54 */
		x *= 18014398509481984.0;
		e = -54;
	}
	memcpy(&bits, &x, sizeof bits);
	e += (int)((bits >> 52) & 0x7ff) - 1023;
	bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
	memcpy(&m, &bits, sizeof m);		/* in [1, 2) */
	if (m >= 1.4142135623730951) {
		m /= 2;
		e++;
	}
	f = m - 1;				/* exact */
	s = f / (2 + f);
	z = s * s;
	for (int k = 12; k >= 1; k--)
		r = (r + 2.0 / (2 * k + 1)) * z;
	hfsq = 0.5 * f * f;
	return (double)e * ln2_hi - ((hfsq - (s * (hfsq + r) +
	    (double)e * ln2_lo)) - f);
}
