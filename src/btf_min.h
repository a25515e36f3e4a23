/*
 * btf_min.h: a reduced copy of the kernel's BTF for one BPF object's
 * CO-RE relocations (btf_min.c), handed to libbpf as btf_custom_path.
 */
#ifndef ZT_BTF_MIN_H
#define ZT_BTF_MIN_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Callback: does any module BTF name a type of this essential name
 * (len bytes, no "___flavour")?  Asked only for roots that the kernel
 * BTF has no candidate of the same kind for, where libbpf would go on
 * to search the modules' BTF. */
typedef bool (*btf_min_module_has)(void *ctx, const char *name, size_t len);

/*
 * From the kernel's raw BTF (kbtf, klen) and a BPF object (its ELF
 * bytes, with .BTF and .BTF.ext), a raw BTF into out holding every
 * kernel type whose name and kind match a root of the object's CO-RE
 * relocations (flavour suffixes "___x" ignored, as libbpf does) and
 * every type those reach other than through a pointer, with their
 * names, members and offsets unchanged, so that libbpf's relocations
 * against it give what they give against the whole kernel BTF.  The
 * target of a type-id relocation keeps its kernel type id.  1 built,
 * 0 refused (a relocation kind or layout this cannot reproduce
 * exactly; why says which), -1 malformed input.
 */
int btf_min_build(const void *kbtf, size_t klen, const void *obj, size_t olen,
    btf_min_module_has mod, void *ctx, struct zt_buf *out, char *why,
    size_t whylen);

/* Does a module's split BTF (its base: the kernel's raw BTF) name a
 * type whose essential name is name (len bytes)?  true also when either
 * cannot be read. */
bool btf_min_module_names(const void *base, size_t blen, const void *mod,
    size_t mlen, const char *name, size_t len);

#endif
