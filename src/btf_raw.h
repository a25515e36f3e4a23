/*
 * btf_raw.h: the raw BTF format (include/uapi/linux/btf.h) read in
 * place: its header checked against the buffer, and the size of each
 * type record, which is all a walk over the types needs.  Used by the
 * loader's kernel facts (bpf_tasks.c) and the reduced BTF (btf_min.c).
 * Pure: bytes in, no allocation.
 */
#ifndef ZT_BTF_RAW_H
#define ZT_BTF_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the magic of a BTF header and of a .BTF.ext section (little-endian) */
#define BTF_RAW_MAGIC	0xeb9f

/* BTF_KIND_* of include/uapi/linux/btf.h, as of 6.x (ENUM64 is 6.0) */
enum btf_raw_kind {
	BTF_K_INT = 1, BTF_K_PTR, BTF_K_ARRAY, BTF_K_STRUCT, BTF_K_UNION,
	BTF_K_ENUM, BTF_K_FWD, BTF_K_TYPEDEF, BTF_K_VOLATILE, BTF_K_CONST,
	BTF_K_RESTRICT, BTF_K_FUNC, BTF_K_FUNC_PROTO, BTF_K_VAR,
	BTF_K_DATASEC, BTF_K_FLOAT, BTF_K_DECL_TAG, BTF_K_TYPE_TAG,
	BTF_K_ENUM64, BTF_K_MAX = BTF_K_ENUM64,
};

/* A raw BTF's type and string sections, pointing into its bytes. */
struct btf_raw {
	const unsigned char *ty, *str;
	uint32_t tlen, slen;
};

/* A little-endian u32 at any alignment. */
uint32_t btf_raw_u32(const unsigned char *p);

/* The header of the BTF at b checked (magic, version 1, sections inside
 * the len bytes) and its sections found: 0, or -1 with why ("WHAT BTF:
 * ...").  No type is looked at. */
int btf_raw_open(struct btf_raw *r, const void *b, size_t len,
    const char *what, char *why, size_t whylen);

/* Bytes after the 12-byte btf_type of a kind with vlen entries; -1 for
 * a kind this reader does not know (0 among them). */
long btf_raw_extra(unsigned kind, unsigned vlen);

/* Does the string at off in the string section equal want? */
bool btf_raw_name_is(const struct btf_raw *r, uint32_t off, const char *want);

#endif
