/*
 * btf_min.c: a reduced copy of the kernel's BTF for the CO-RE
 * relocations of one BPF object (see btf_min.h).  libbpf matches each
 * relocation's root type against every type of the kernel BTF by name
 * (bpf_core_add_cands: a pass over all ~126,000 types per root, ~15 ms
 * of the loader's ~28 here); given this copy as btf_custom_path it
 * searches a few thousand.  Pure: bytes in, bytes out.
 *
 * What libbpf looks at in a candidate (tools/lib/bpf/relo_core.c): its
 * kind and essential name, the members along each access path (by name,
 * through anonymous members) with their offsets, a member's type kind
 * (bpf_core_fields_are_compat: a pointer is compatible with a pointer
 * whatever it points to), sizes (btf__resolve_size), enum values by
 * name, and for a type-id relocation the candidate's id.  So the copy
 * keeps every kernel type libbpf could take as a candidate of a root
 * (the same essential name, a compatible kind), everything those reach
 * except through a pointer (a pointer to a type not kept points to
 * void), the "long" integers libbpf takes the pointer size from, and
 * type ids where a type-id relocation reads them.  Relocation kinds
 * whose answer depends on more (type matches, signedness, which reads
 * the bytes after a non-integer type) are refused: the loader then
 * gives libbpf the whole BTF, as before.
 */
#include "btf_min.h"

#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf_raw.h"

/* enum bpf_core_relo_kind (include/uapi/linux/bpf.h) */
enum {
	R_FIELD_SIGNED = 3, R_TYPE_ID_LOCAL = 6, R_TYPE_ID_TARGET = 7,
	R_TYPE_EXISTS = 8, R_TYPE_SIZE = 9, R_TYPE_MATCHES = 12,
};

#define MAX_ROOTS	64
#define MAX_FILL	65536	/* filler types before a kept type id */

/* A raw BTF, its types indexed by id. */
struct btfv {
	const unsigned char *ty, *str;
	uint32_t tlen, slen, n;	/* n: last type id */
	uint32_t *off;		/* off[id]: the type's offset in ty */
};

struct root {
	const char *name;	/* the local name, essential part len */
	size_t len;
	unsigned kind;
	bool pin;		/* a type-id relocation reads its id */
	bool found;		/* a kernel type of the same kind */
};

static void
put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, sizeof v);
}

static unsigned
t_kind(const struct btfv *v, uint32_t id)
{
	return (btf_raw_u32(v->ty + v->off[id] + 4) >> 24) & 0x1f;
}

static unsigned
t_vlen(const struct btfv *v, uint32_t id)
{
	return btf_raw_u32(v->ty + v->off[id] + 4) & 0xffff;
}

/* The string at off, NULL when off or its end lies outside. */
static const char *
str_at(const struct btfv *v, uint32_t off, size_t *len)
{
	const char *s, *end;

	if (off >= v->slen)
		return NULL;
	s = (const char *)v->str + off;
	if ((end = memchr(s, '\0', v->slen - off)) == NULL)
		return NULL;
	*len = (size_t)(end - s);
	return s;
}

/* libbpf's bpf_core_essential_name_len: up to the last "X___Y". */
static size_t
essential_len(const char *s, size_t n)
{
	for (long i = (long)n - 5; i >= 0; i--)
		if (s[i] != '_' && s[i + 1] == '_' && s[i + 2] == '_' &&
		    s[i + 3] == '_' && s[i + 4] != '_')
			return (size_t)i + 1;
	return n;
}

/* The raw BTF at b: its header checked, the sections found; 0, or -1
 * with why.  No type is looked at (btfv_index). */
static int
btfv_header(struct btfv *v, const unsigned char *b, size_t len, const char *what,
    char *why, size_t whylen)
{
	struct btf_raw r;

	memset(v, 0, sizeof *v);
	if (btf_raw_open(&r, b, len, what, why, whylen) < 0)
		return -1;
	v->ty = r.ty;
	v->tlen = r.tlen;
	v->str = r.str;
	v->slen = r.slen;
	return 0;
}
/* btfv_header, and every type indexed by id: 0, or -1 with why. */
static int
btfv_open(struct btfv *v, const unsigned char *b, size_t len, const char *what,
    char *why, size_t whylen)
{
	uint32_t cap = 1024, tlen;

	if (btfv_header(v, b, len, what, why, whylen) < 0)
		return -1;
	tlen = v->tlen;
	v->off = xreallocarray(NULL, cap, sizeof *v->off);
	v->off[0] = 0;
	for (uint32_t off = 0; off < tlen; ) {
		unsigned info, kind;
		long extra;

		if (tlen - off < 12) {
			snprintf(why, whylen, "%s BTF: a type cut short", what);
			return -1;
		}
		info = btf_raw_u32(v->ty + off + 4);
		kind = (info >> 24) & 0x1f;
		if ((extra = btf_raw_extra(kind, info & 0xffff)) < 0 ||
		    (size_t)extra > tlen - off - 12) {
			snprintf(why, whylen, "%s BTF: type %u of kind %u", what,
			    v->n + 1, kind);
			return -1;
		}
		if (v->n + 1 == cap) {
			cap *= 2;
			v->off = xreallocarray(v->off, cap, sizeof *v->off);
		}
		v->off[++v->n] = off;
		off += 12 + (uint32_t)extra;
	}
	return 0;
}

/* The section named want in the ELF object: 0, or -1. */
static int
elf_section(const unsigned char *o, size_t olen, const char *want,
    const unsigned char **sec, size_t *seclen)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh, str;

	if (olen < sizeof eh)
		return -1;
	memcpy(&eh, o, sizeof eh);
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof sh ||
	    eh.e_shoff > olen || eh.e_shnum > (olen - eh.e_shoff) / sizeof sh ||
	    eh.e_shstrndx >= eh.e_shnum)
		return -1;
	memcpy(&str, o + eh.e_shoff + (size_t)eh.e_shstrndx * sizeof sh, sizeof str);
	if (str.sh_offset > olen || str.sh_size > olen - str.sh_offset)
		return -1;
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		memcpy(&sh, o + eh.e_shoff + (size_t)i * sizeof sh, sizeof sh);
		size_t n = strlen(want);
		if (sh.sh_name >= str.sh_size || str.sh_size - sh.sh_name <= n ||
		    memcmp(o + str.sh_offset + sh.sh_name, want, n + 1) != 0)
			continue;
		if (sh.sh_type == SHT_NOBITS || sh.sh_offset > olen ||
		    sh.sh_size > olen - sh.sh_offset)
			return -1;
		*sec = o + sh.sh_offset;
		*seclen = sh.sh_size;
		return 0;
	}
	return -1;
}

/* One relocation's root into r[]: 0, 1 refused, -1 malformed. */
static int
add_root(const struct btfv *lv, uint32_t id, uint32_t kind, struct root *r,
    int *nr, char *why, size_t whylen)
{
	const char *s;
	size_t len;
	unsigned k;

	if (kind == R_TYPE_ID_LOCAL)
		return 0;	/* the object's own id: no kernel type */
	if (kind == R_FIELD_SIGNED || kind >= R_TYPE_MATCHES) {
		snprintf(why, whylen, "CO-RE relocation kind %u", kind);
		return 1;
	}
	if (id == 0 || id > lv->n ||
	    (s = str_at(lv, btf_raw_u32(lv->ty + lv->off[id]), &len)) == NULL || len == 0)
		return -1;
	k = t_kind(lv, id);
	/* a type relocation compares more than a name unless the root is
	 * one of these (bpf_core_types_are_compat) */
	if (kind >= R_TYPE_ID_TARGET && k != BTF_K_STRUCT && k != BTF_K_UNION &&
	    k != BTF_K_ENUM && k != BTF_K_ENUM64 && k != BTF_K_FWD) {
		snprintf(why, whylen, "a type relocation on a type of kind %u", k);
		return 1;
	}
	len = essential_len(s, len);
	for (int i = 0; i < *nr; i++)
		if (r[i].kind == k && r[i].len == len && memcmp(r[i].name, s, len) == 0) {
			r[i].pin |= kind == R_TYPE_ID_TARGET;
			return 0;
		}
	if (*nr == MAX_ROOTS) {
		snprintf(why, whylen, "more than %d CO-RE root types", MAX_ROOTS);
		return 1;
	}
	r[*nr] = (struct root){ s, len, k, kind == R_TYPE_ID_TARGET, false };
	(*nr)++;
	return 0;
}

/* The roots of the object's CO-RE relocations (.BTF.ext): the count,
 * or -1 malformed, or -2 refused. */
static int
obj_roots(const struct btfv *lv, const unsigned char *ext, size_t elen,
    struct root *r, char *why, size_t whylen)
{
	uint32_t hdr, coff, clen, recsz;
	const unsigned char *p, *end;
	int nr = 0, rc;

	if (elen < 32 || (btf_raw_u32(ext) & 0xffff) != BTF_RAW_MAGIC ||
	    (hdr = btf_raw_u32(ext + 4)) < 32 || hdr > elen)
		return -1;
	coff = btf_raw_u32(ext + 24);
	clen = btf_raw_u32(ext + 28);
	if (coff > elen - hdr || clen > elen - hdr - coff || clen < 4)
		return -1;
	p = ext + hdr + coff;
	end = p + clen;
	recsz = btf_raw_u32(p);
	if (recsz < 16)
		return -1;
	for (p += 4; p < end; ) {
		uint32_t ninfo;

		if ((size_t)(end - p) < 8)
			return -1;
		ninfo = btf_raw_u32(p + 4);
		p += 8;
		if (ninfo > (size_t)(end - p) / recsz)
			return -1;
		for (uint32_t i = 0; i < ninfo; i++, p += recsz)
			if ((rc = add_root(lv, btf_raw_u32(p + 4), btf_raw_u32(p + 12), r,
			    &nr, why, whylen)) != 0)
				return rc < 0 ? -1 : -2;
	}
	return nr;
}

/* libbpf takes the pointer size from one of these integers */
static bool
is_long_name(const char *s, size_t n)
{
	static const char *const names[] = { "long", "long int",
	    "long unsigned int", "unsigned long", "unsigned long int" };

	for (size_t i = 0; i < ZT_ARRAY_LEN(names); i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return true;
	return false;
}

/* Could libbpf take a kernel type of kind k as a candidate for a root
 * of kind rk?  The same kind, or both enums (btf_kind_core_compat). */
static bool
kind_compat(unsigned k, unsigned rk)
{
	return k == rk || ((k == BTF_K_ENUM || k == BTF_K_ENUM64) &&
	    (rk == BTF_K_ENUM || rk == BTF_K_ENUM64));
}

/* Does the kernel name at off have the root's essential name?  The
 * prefix is compared first: most names differ in their first bytes. */
static bool
root_named(const struct btfv *kv, uint32_t off, const struct root *r)
{
	const char *s = (const char *)kv->str + off;
	size_t n;

	if ((size_t)(kv->slen - off) <= r->len || s[0] != r->name[0] ||
	    memcmp(s, r->name, r->len) != 0)
		return false;
	if ((s = str_at(kv, off, &n)) == NULL)
		return false;
	return essential_len(s, n) == r->len;
}

/* Mark the kernel types libbpf could take as candidates of a root (2:
 * a pinned root's) and the "long" integers. */
static void
mark_named(const struct btfv *kv, struct root *r, int nr, unsigned char *keep)
{
	unsigned kinds = 1u << BTF_K_INT;

	for (int i = 0; i < nr; i++)
		for (unsigned k = 1; k <= BTF_K_MAX; k++)
			if (kind_compat(k, r[i].kind))
				kinds |= 1u << k;
	for (uint32_t id = 1; id <= kv->n; id++) {
		uint32_t off = btf_raw_u32(kv->ty + kv->off[id]);
		unsigned k = t_kind(kv, id);
		size_t len;
		const char *s;

		if (off == 0 || off >= kv->slen || !(kinds & (1u << k)))
			continue;
		if (k == BTF_K_INT && (s = str_at(kv, off, &len)) != NULL &&
		    is_long_name(s, len))
			keep[id] = 1;
		for (int i = 0; i < nr; i++) {
			if (!kind_compat(k, r[i].kind) || !root_named(kv, off, &r[i]))
				continue;
			keep[id] = keep[id] == 2 || r[i].pin ? 2 : 1;
			r[i].found |= k == r[i].kind;
		}
	}
}

/* Keep type ref and walk it later: 0, or -1 past the last type. */
static int
push(const struct btfv *kv, unsigned char *keep, uint32_t *stack, uint32_t *ns,
    uint32_t ref)
{
	if (ref > kv->n)
		return -1;
	if (!keep[ref]) {
		keep[ref] = 1;
		stack[(*ns)++] = ref;
	}
	return 0;
}

/* Every type the kept ones reach other than through a pointer: 0, or
 * -1 for a reference past the last type.  keep[0] (void) stays 0. */
static int
close_over(const struct btfv *kv, unsigned char *keep)
{
	uint32_t *stack = xreallocarray(NULL, kv->n + 1, sizeof *stack), ns = 0;
	int rc = 0;

	for (uint32_t id = 1; id <= kv->n; id++)
		if (keep[id])
			stack[ns++] = id;
	keep[0] = 1;	/* void: nothing to walk */
	while (ns > 0 && rc == 0) {
		uint32_t id = stack[--ns];
		const unsigned char *t = kv->ty + kv->off[id], *m = t + 12;
		unsigned vlen = t_vlen(kv, id);

		switch (t_kind(kv, id)) {
		case BTF_K_TYPEDEF: case BTF_K_VOLATILE: case BTF_K_CONST: case BTF_K_RESTRICT:
		case BTF_K_TYPE_TAG: case BTF_K_FUNC: case BTF_K_VAR: case BTF_K_DECL_TAG:
			rc = push(kv, keep, stack, &ns, btf_raw_u32(t + 8));
			break;
		case BTF_K_ARRAY:	/* type, index_type, nelems */
			rc = push(kv, keep, stack, &ns, btf_raw_u32(m));
			if (rc == 0)
				rc = push(kv, keep, stack, &ns, btf_raw_u32(m + 4));
			break;
		case BTF_K_FUNC_PROTO:	/* return type; params: name_off, type */
			rc = push(kv, keep, stack, &ns, btf_raw_u32(t + 8));
			for (unsigned i = 0; rc == 0 && i < vlen; i++)
				rc = push(kv, keep, stack, &ns, btf_raw_u32(m + (size_t)8 * i + 4));
			break;
		case BTF_K_STRUCT: case BTF_K_UNION:	/* name_off, type, offset */
			for (unsigned i = 0; rc == 0 && i < vlen; i++)
				rc = push(kv, keep, stack, &ns, btf_raw_u32(m + (size_t)12 * i + 4));
			break;
		case BTF_K_DATASEC:	/* type, offset, size */
			for (unsigned i = 0; rc == 0 && i < vlen; i++)
				rc = push(kv, keep, stack, &ns, btf_raw_u32(m + (size_t)12 * i));
			break;
		default:	/* int, pointer, enum, fwd, float: nothing */
			break;
		}
	}
	keep[0] = 0;
	free(stack);
	return rc;
}

/* The reduced BTF being written: types and strings apart, then joined. */
struct emit {
	const struct btfv *kv;
	const uint32_t *newid;	/* kernel id -> new id, 0 not kept */
	struct zt_buf ty, str;
	int bad;		/* a reference to a type not kept */
};

static uint32_t
e_name(struct emit *e, uint32_t off)
{
	size_t len;
	const char *s;
	uint32_t at = (uint32_t)e->str.len;

	if (off == 0)
		return 0;
	if ((s = str_at(e->kv, off, &len)) == NULL) {
		e->bad = 1;
		return 0;
	}
	buf_add(&e->str, s, len + 1);
	return at;
}

static uint32_t
e_ref(struct emit *e, uint32_t ref)
{
	if (ref == 0)
		return 0;
	if (ref > e->kv->n || e->newid[ref] == 0)
		e->bad = 1;
	return ref > e->kv->n ? 0 : e->newid[ref];
}

static void
e_u32(struct emit *e, uint32_t v)
{
	unsigned char b[4];

	put32(b, v);
	buf_add(&e->ty, b, sizeof b);
}

/* Kernel type id into the reduced BTF; 0 a filler (an unnamed int no
 * relocation can match). */
static void
e_type(struct emit *e, uint32_t id)
{
	const unsigned char *t, *m;
	unsigned kind, vlen;
	uint32_t sz;

	if (id == 0) {
		e_u32(e, 0);
		e_u32(e, (uint32_t)BTF_K_INT << 24);
		e_u32(e, 4);
		e_u32(e, 32);
		return;
	}
	t = e->kv->ty + e->kv->off[id];
	m = t + 12;
	kind = t_kind(e->kv, id);
	vlen = t_vlen(e->kv, id);
	sz = btf_raw_u32(t + 8);
	e_u32(e, e_name(e, btf_raw_u32(t)));
	e_u32(e, btf_raw_u32(t + 4));
	switch (kind) {
	case BTF_K_PTR:	/* to a type not kept: to void */
		e_u32(e, sz <= e->kv->n ? e->newid[sz] : (e->bad = 1, 0));
		break;
	case BTF_K_TYPEDEF: case BTF_K_VOLATILE: case BTF_K_CONST: case BTF_K_RESTRICT:
	case BTF_K_TYPE_TAG: case BTF_K_FUNC: case BTF_K_VAR: case BTF_K_DECL_TAG:
	case BTF_K_FUNC_PROTO:
		e_u32(e, e_ref(e, sz));
		break;
	default:	/* a size */
		e_u32(e, sz);
		break;
	}
	switch (kind) {
	case BTF_K_INT: case BTF_K_VAR: case BTF_K_DECL_TAG:
		e_u32(e, btf_raw_u32(m));
		break;
	case BTF_K_ARRAY:
		e_u32(e, e_ref(e, btf_raw_u32(m)));
		e_u32(e, e_ref(e, btf_raw_u32(m + 4)));
		e_u32(e, btf_raw_u32(m + 8));
		break;
	case BTF_K_STRUCT: case BTF_K_UNION: case BTF_K_ENUM64:
		for (unsigned i = 0; i < vlen; i++, m += 12) {
			e_u32(e, e_name(e, btf_raw_u32(m)));
			e_u32(e, kind == BTF_K_ENUM64 ? btf_raw_u32(m + 4) : e_ref(e, btf_raw_u32(m + 4)));
			e_u32(e, btf_raw_u32(m + 8));
		}
		break;
	case BTF_K_ENUM: case BTF_K_FUNC_PROTO:
		for (unsigned i = 0; i < vlen; i++, m += 8) {
			e_u32(e, e_name(e, btf_raw_u32(m)));
			e_u32(e, kind == BTF_K_ENUM ? btf_raw_u32(m + 4) : e_ref(e, btf_raw_u32(m + 4)));
		}
		break;
	case BTF_K_DATASEC:
		for (unsigned i = 0; i < vlen; i++, m += 12) {
			e_u32(e, e_ref(e, btf_raw_u32(m)));
			e_u32(e, btf_raw_u32(m + 4));
			e_u32(e, btf_raw_u32(m + 8));
		}
		break;
	default:
		break;
	}
}

/*
 * New ids: a pinned type (keep 2) at its kernel id, the others in
 * kernel order around them, filler where a pinned id lies beyond them;
 * slot[i] is new id i + 1's kernel id (0 filler).  The slot count, or
 * -1 when more filler than MAX_FILL would be needed.
 */
static long
assign_ids(const struct btfv *kv, const unsigned char *keep, uint32_t *newid,
    uint32_t **slotp)
{
	uint32_t maxpin = 0, nkeep = 0, s = 0, nfill = 0, next = 1, *slot;

	for (uint32_t id = 1; id <= kv->n; id++) {
		nkeep += keep[id] != 0;
		if (keep[id] == 2)
			maxpin = id;
	}
	slot = xreallocarray(NULL, (nkeep > maxpin ? nkeep : maxpin) + 1,
	    sizeof *slot);
	while (next <= kv->n || s < maxpin) {
		uint32_t id = 0;

		if (keep[s + 1 <= kv->n ? s + 1 : 0] == 2)
			id = s + 1;	/* a pinned type's own id */
		else {
			while (next <= kv->n && keep[next] != 1)
				next++;
			if (next <= kv->n)
				id = next++;
			else if (s >= maxpin)
				break;
			else if (++nfill > MAX_FILL) {
				free(slot);
				return -1;
			}
		}
		slot[s++] = id;
		if (id != 0)
			newid[id] = s;
	}
	*slotp = slot;
	return s;
}

/* Roots without a kernel candidate of their kind: libbpf would look in
 * the modules' BTF next, which the reduced BTF cannot stand for. */
static bool
module_roots(const struct root *r, int nr, btf_min_module_has mod, void *ctx,
    char *why, size_t whylen)
{
	for (int i = 0; i < nr; i++)
		if (!r[i].found && mod != NULL && mod(ctx, r[i].name, r[i].len)) {
			snprintf(why, whylen, "a module's BTF has %.*s", (int)r[i].len,
			    r[i].name);
			return true;
		}
	return false;
}

static int
build(const struct btfv *kv, struct root *r, int nr, btf_min_module_has mod,
    void *ctx, struct zt_buf *out, char *why, size_t whylen)
{
	unsigned char *keep = xcalloc((size_t)kv->n + 1, 1), hdr[24];
	uint32_t *newid = xcalloc((size_t)kv->n + 1, sizeof *newid), *slot = NULL;
	struct emit e = { .kv = kv, .newid = newid };
	long ns;
	int rc = 1;

	mark_named(kv, r, nr, keep);
	if (module_roots(r, nr, mod, ctx, why, whylen))
		rc = 0;
	else if (close_over(kv, keep) < 0) {
		snprintf(why, whylen, "kernel BTF: a type refers past the last");
		rc = -1;
	} else if ((ns = assign_ids(kv, keep, newid, &slot)) < 0) {
		snprintf(why, whylen, "a type-id relocation's target lies too far");
		rc = 0;
	} else {
		buf_addc(&e.str, '\0');
		for (long i = 0; i < ns; i++)
			e_type(&e, slot[i]);
		if (e.bad) {
			snprintf(why, whylen, "kernel BTF: a name or type out of range");
			rc = -1;
		} else {
			put32(hdr, BTF_RAW_MAGIC | 1u << 16);	/* version 1, flags 0 */
			put32(hdr + 4, 24);
			put32(hdr + 8, 0);
			put32(hdr + 12, (uint32_t)e.ty.len);
			put32(hdr + 16, (uint32_t)e.ty.len);
			put32(hdr + 20, (uint32_t)e.str.len);
			buf_clear(out);
			buf_add(out, hdr, sizeof hdr);
			buf_add(out, e.ty.p, e.ty.len);
			buf_add(out, e.str.p, e.str.len);
		}
	}
	buf_free(&e.ty);
	buf_free(&e.str);
	free(slot);
	free(newid);
	free(keep);
	return rc;
}

int
btf_min_build(const void *kbtf, size_t klen, const void *obj, size_t olen,
    btf_min_module_has mod, void *ctx, struct zt_buf *out, char *why,
    size_t whylen)
{
	const unsigned char *lb, *ext;
	size_t llen, elen;
	struct btfv lv, kv;
	struct root r[MAX_ROOTS];
	int nr, rc;

	if (elf_section(obj, olen, ".BTF", &lb, &llen) < 0 ||
	    elf_section(obj, olen, ".BTF.ext", &ext, &elen) < 0) {
		snprintf(why, whylen, "BPF object: no .BTF and .BTF.ext");
		return -1;
	}
	if (btfv_open(&lv, lb, llen, "object", why, whylen) < 0) {
		free(lv.off);
		return -1;
	}
	nr = obj_roots(&lv, ext, elen, r, why, whylen);
	if (nr == -1)
		snprintf(why, whylen, "BPF object: a malformed .BTF.ext");
	if (nr == 0)
		snprintf(why, whylen, "no CO-RE relocations");
	if (nr <= 0) {
		free(lv.off);
		return nr == -1 ? -1 : 0;
	}
	if (btfv_open(&kv, kbtf, klen, "kernel", why, whylen) < 0)
		rc = -1;
	else
		rc = build(&kv, r, nr, mod, ctx, out, why, whylen);
	free(kv.off);
	free(lv.off);
	return rc;
}

bool
btf_min_module_names(const void *base, size_t blen, const void *mod,
    size_t mlen, const char *name, size_t len)
{
	struct btfv bv, mv;
	char why[128];
	bool has = false;

	/* what cannot be read might name it: say so.  Of the kernel's
	 * BTF only the strings are needed: no index of its types */
	memset(&mv, 0, sizeof mv);
	if (btfv_header(&bv, base, blen, "kernel", why, sizeof why) < 0 ||
	    btfv_open(&mv, mod, mlen, "module", why, sizeof why) < 0) {
		free(mv.off);
		return true;
	}
	/* split BTF: a name offset below the base's string section length
	 * is the base's string, the rest the module's own */
	for (uint32_t id = 1; id <= mv.n && !has; id++) {
		uint32_t off = btf_raw_u32(mv.ty + mv.off[id]);
		const char *s;
		size_t n;

		if (off == 0)
			continue;
		s = off < bv.slen ? str_at(&bv, off, &n) :
		    str_at(&mv, off - bv.slen, &n);
		has = s == NULL || (essential_len(s, n) == len &&
		    memcmp(s, name, len) == 0);
	}
	free(mv.off);
	return has;
}
