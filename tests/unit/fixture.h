/*
 * fixture.h: read a test fixture below $ZT_FIXTURES (default
 * tests/fixtures) into an allocation of exactly its size, so that
 * AddressSanitizer sees any read past the end of the text.  Include after
 * <cmocka.h>; the caller frees the result.
 */
#ifndef ZT_TEST_FIXTURE_H
#define ZT_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

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
	char *p = xmalloc(b.len ? b.len : 1);
	if (b.len)
		memcpy(p, b.p, b.len);
	buf_free(&b);
	return p;
}

#endif
