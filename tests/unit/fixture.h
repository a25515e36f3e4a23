/*
 * fixture.h: read a test fixture below $ZT_FIXTURES (default
 * tests/fixtures) into an allocation of exactly its size, so that
 * AddressSanitizer sees any read past the end of the text.  Include after
 * <cmocka.h>; the caller frees the result.
 */
#ifndef ZT_TEST_FIXTURE_H
#define ZT_TEST_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A copy of len bytes of text in an allocation of exactly len (one
 * byte for none), for ASan to see a read past its end.  Freed by the
 * caller. */
static inline char *
exact_copy(const char *text, size_t len)
{
	char *p = xmalloc(len ? len : 1);

	if (len)
		memcpy(p, text, len);
	return p;
}

static inline char *
fixture(const char *rel, size_t *len)
{
	const char *dir = getenv("ZT_FIXTURES");
	char path[512], chunk[4096];
	struct zt_buf b = { 0 };
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "tests/fixtures",
	    rel);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open fixture %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	char *p = exact_copy(b.p, b.len);
	buf_free(&b);
	return p;
}

/*
 * A copy of text (len > 0) with flips bytes overwritten at pseudo-random
 * places by pseudo-random values, from the linear congruential *seed
 * (advanced), so a failing round can be replayed.  The caller frees it.
 */
static inline char *
garble(const char *text, size_t len, int flips, uint32_t *seed)
{
	char *p = exact_copy(text, len);

	for (int k = 0; k < flips; k++) {
		*seed = *seed * 1103515245u + 12345u;
		size_t at = (*seed >> 8) % len;
		*seed = *seed * 1103515245u + 12345u;
		p[at] = (char)(*seed >> 16);
	}
	return p;
}

#endif
