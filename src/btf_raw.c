/*
 * btf_raw.c: the raw BTF header and type record sizes, see btf_raw.h.
 */
#include "btf_raw.h"

#include <stdio.h>
#include <string.h>

uint32_t
btf_raw_u32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

int
btf_raw_open(struct btf_raw *r, const void *buf, size_t len, const char *what,
    char *why, size_t whylen)
{
	const unsigned char *b = buf;
	uint32_t hdr, toff, tlen, soff, slen;
	uint16_t magic;

	memset(r, 0, sizeof *r);
	if (len < 24) {
		snprintf(why, whylen, "%s BTF: %zu bytes", what, len);
		return -1;
	}
	memcpy(&magic, b, sizeof magic);
	hdr = btf_raw_u32(b + 4);
	toff = btf_raw_u32(b + 8);
	tlen = btf_raw_u32(b + 12);
	soff = btf_raw_u32(b + 16);
	slen = btf_raw_u32(b + 20);
	if (magic != BTF_RAW_MAGIC || b[2] != 1 || hdr < 24 || hdr > len ||
	    toff > len - hdr || tlen > len - hdr - toff || soff > len - hdr ||
	    slen > len - hdr - soff) {
		snprintf(why, whylen, "%s BTF: not a BTF header this reader knows", what);
		return -1;
	}
	r->ty = b + hdr + toff;
	r->tlen = tlen;
	r->str = b + hdr + soff;
	r->slen = slen;
	return 0;
}

long
btf_raw_extra(unsigned kind, unsigned vlen)
{
	switch (kind) {
	case BTF_K_INT: case BTF_K_VAR: case BTF_K_DECL_TAG:
		return 4;
	case BTF_K_ARRAY:
		return 12;
	case BTF_K_STRUCT: case BTF_K_UNION: case BTF_K_DATASEC: case BTF_K_ENUM64:
		return 12L * vlen;
	case BTF_K_ENUM: case BTF_K_FUNC_PROTO:
		return 8L * vlen;
	case BTF_K_PTR: case BTF_K_FWD: case BTF_K_TYPEDEF: case BTF_K_VOLATILE:
	case BTF_K_CONST: case BTF_K_RESTRICT: case BTF_K_FUNC: case BTF_K_FLOAT:
	case BTF_K_TYPE_TAG:
		return 0;
	default:
		return -1;
	}
}

bool
btf_raw_name_is(const struct btf_raw *r, uint32_t off, const char *want)
{
	size_t n = strlen(want);

	return off < r->slen && r->slen - off > n &&
	    memcmp(r->str + off, want, n) == 0 && r->str[off + n] == '\0';
}
