/*
 * test_btf_min.c: btf_min_build, the reduced kernel BTF the BPF loader
 * gives libbpf for CO-RE.  On this machine, from /sys/kernel/btf/vmlinux
 * and the objects make builds (build/bpf/tasks.o, tasks_cast.o): libbpf
 * parses the result; every root keeps its members at the same offsets;
 * the target of the type-id relocation (task_struct in tasks_cast.o)
 * keeps its kernel id; the copy is a small part of the whole.  Relocation
 * kinds it cannot stand for are refused, malformed objects and BTF are
 * errors, and a module BTF that cannot be read counts as naming the type.
 * (tests/live/bpf.sh checks that libbpf's relocations come out the same
 * against the copy and the whole BTF.)
 */
#include <elf.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "btf_min.h"
#include "procfs.h"
#include "snapshot.h"
#include "util.h"

#ifdef ZT_HAVE_BPF
#include <bpf/btf.h>

struct input {
	struct zt_buf obj, kb;
	const void *k;
	size_t klen;
	bool mapped;
};

/* The kernel BTF and the object (built with the BPF path: it must be
 * there), or false without kernel BTF (the test is skipped). */
static bool
input_open(struct input *in, const char *obj)
{
	char why[ZT_WHY_LEN];

	memset(in, 0, sizeof *in);
	assert_int_equal(procfs_read_at(AT_FDCWD, obj, &in->obj, why, sizeof why), 0);
	if (procfs_map_file("/sys/kernel/btf/vmlinux", &in->kb, &in->k, &in->klen,
	    &in->mapped, why, sizeof why) < 0) {
		buf_free(&in->obj);
		buf_free(&in->kb);
		return false;
	}
	return true;
}

static void
input_close(struct input *in)
{
	if (in->mapped)
		procfs_unmap_file(in->k, in->klen);
	buf_free(&in->kb);
	buf_free(&in->obj);
}

/* name's struct has the same id (when same_id), size and member
 * offsets in both */
static void
same_struct(const struct btf *full, const struct btf *min, const char *name,
    bool same_id)
{
	int a = btf__find_by_name_kind(full, name, BTF_KIND_STRUCT);
	int b = btf__find_by_name_kind(min, name, BTF_KIND_STRUCT);
	const struct btf_type *ta, *tb;

	assert_true(a > 0);
	assert_true(b > 0);
	if (same_id)
		assert_int_equal(a, b);
	ta = btf__type_by_id(full, (uint32_t)a);
	tb = btf__type_by_id(min, (uint32_t)b);
	assert_int_equal(ta->size, tb->size);
	assert_int_equal(btf_vlen(ta), btf_vlen(tb));
	for (unsigned i = 0; i < btf_vlen(ta); i++) {
		assert_string_equal(btf__name_by_offset(full, btf_members(ta)[i].name_off),
		    btf__name_by_offset(min, btf_members(tb)[i].name_off));
		assert_int_equal(btf_members(ta)[i].offset, btf_members(tb)[i].offset);
	}
}

static void
check_object(const char *path, bool cast)
{
	struct input in;
	struct zt_buf out = { 0 };
	char why[ZT_WHY_LEN];
	struct btf *full, *min;

	if (!input_open(&in, path))
		skip();
	assert_int_equal(btf_min_build(in.k, in.klen, in.obj.p, in.obj.len, NULL,
	    NULL, &out, why, sizeof why), 1);
	assert_true(out.len < in.klen / 20);
	full = btf__new(in.k, (uint32_t)in.klen);
	min = btf__new(out.p, (uint32_t)out.len);
	assert_non_null(full);
	assert_non_null(min);
	same_struct(full, min, "task_struct", cast);
	same_struct(full, min, "mm_struct", false);
	same_struct(full, min, "signal_struct", false);
	same_struct(full, min, "css_set", false);
	assert_true(btf__find_by_name_kind(min, "cgroup_subsys_id", BTF_KIND_ENUM) > 0);
	btf__free(min);
	btf__free(full);
	buf_free(&out);
	input_close(&in);
}

static void
test_tasks(void **state)
{
	(void)state;
	check_object("build/bpf/tasks.o", false);
}

static void
test_tasks_cast(void **state)
{
	(void)state;
	check_object("build/bpf/tasks_cast.o", true);
}

/* The .BTF.ext section of an ELF object, and its first CO-RE record. */
static unsigned char *
first_relo(struct zt_buf *o)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh, str;

	memcpy(&eh, o->p, sizeof eh);
	memcpy(&str, o->p + eh.e_shoff + eh.e_shstrndx * sizeof sh, sizeof str);
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		memcpy(&sh, o->p + eh.e_shoff + i * sizeof sh, sizeof sh);
		if (strcmp(o->p + str.sh_offset + sh.sh_name, ".BTF.ext") != 0)
			continue;
		unsigned char *e = (unsigned char *)o->p + sh.sh_offset;
		uint32_t hdr, coff;
		memcpy(&hdr, e + 4, 4);
		memcpy(&coff, e + 24, 4);
		/* record size, then section name and count, then records */
		return e + hdr + coff + 4 + 8;
	}
	return NULL;
}

static void
test_refused(void **state)
{
	struct input in;
	struct zt_buf out = { 0 };
	char why[ZT_WHY_LEN];
	unsigned char *relo;
	uint32_t kind, keep;

	(void)state;
	if (!input_open(&in, "build/bpf/tasks.o"))
		skip();
	relo = first_relo(&in.obj);
	assert_non_null(relo);
	memcpy(&keep, relo + 12, 4);
	/* type matches (a deep comparison), signedness (libbpf reads the
	 * bytes after a non-integer member's type) */
	kind = 12;
	memcpy(relo + 12, &kind, 4);
	assert_int_equal(btf_min_build(in.k, in.klen, in.obj.p, in.obj.len, NULL,
	    NULL, &out, why, sizeof why), 0);
	assert_non_null(strstr(why, "kind 12"));
	kind = 3;
	memcpy(relo + 12, &kind, 4);
	assert_int_equal(btf_min_build(in.k, in.klen, in.obj.p, in.obj.len, NULL,
	    NULL, &out, why, sizeof why), 0);
	memcpy(relo + 12, &keep, 4);
	/* a type-exists relocation on a struct root (the first record's,
	 * struct bpf_iter__task) compares kind and name alone: accepted */
	kind = 8;
	memcpy(relo + 12, &kind, 4);
	assert_int_equal(btf_min_build(in.k, in.klen, in.obj.p, in.obj.len, NULL,
	    NULL, &out, why, sizeof why), 1);
	memcpy(relo + 12, &keep, 4);
	buf_free(&out);
	input_close(&in);
}

static bool
module_names_all(void *ctx, const char *name, size_t len)
{
	(void)name;
	(void)len;
	++*(int *)ctx;
	return true;
}

/* a root the kernel has no candidate for (mm_rss_stat___old on 6.2+):
 * the modules are asked, and one naming it makes the copy refused */
static void
test_modules(void **state)
{
	struct input in;
	struct zt_buf out = { 0 };
	char why[ZT_WHY_LEN];
	int asked = 0;

	(void)state;
	if (!input_open(&in, "build/bpf/tasks.o"))
		skip();
	int rc = btf_min_build(in.k, in.klen, in.obj.p, in.obj.len,
	    module_names_all, &asked, &out, why, sizeof why);
	if (asked == 0) {	/* an older kernel: every root found */
		assert_int_equal(rc, 1);
	} else {
		assert_int_equal(rc, 0);
		assert_non_null(strstr(why, "module"));
	}
	/* unreadable module BTF: might name it */
	assert_true(btf_min_module_names(in.k, in.klen, "xx", 2, "mm_rss_stat", 11));
	/* a split BTF: a struct named by its own strings (offsets from the
	 * end of the kernel's), and one by the kernel's string "cred" */
	{
		const unsigned char *k = in.k;
		uint32_t hdr, soff, slen, v;
		unsigned char m[24 + 24 + 32];
		const char mstr[] = "\0mm_rss_stat___x";
		const char *cred;

		memcpy(&hdr, k + 4, 4);
		memcpy(&soff, k + 16, 4);
		memcpy(&slen, k + 20, 4);
		cred = memmem(k + hdr + soff, slen, "\0cred\0", 6);
		assert_non_null(cred);
		memset(m, 0, sizeof m);
		v = 0xeb9f | 1u << 16;
		memcpy(m, &v, 4);
		v = 24;
		memcpy(m + 4, &v, 4);		/* hdr_len */
		v = 24;
		memcpy(m + 12, &v, 4);		/* type_len: two structs */
		memcpy(m + 16, &v, 4);		/* str_off */
		v = sizeof mstr;
		memcpy(m + 20, &v, 4);		/* str_len */
		v = slen + 1;
		memcpy(m + 24, &v, 4);		/* name: the module's own */
		v = 4u << 24;
		memcpy(m + 28, &v, 4);
		memcpy(m + 40, &v, 4);
		v = (uint32_t)(cred + 1 - (const char *)(k + hdr + soff));
		memcpy(m + 36, &v, 4);		/* name: the kernel's "cred" */
		memcpy(m + 48, mstr, sizeof mstr);
		assert_true(btf_min_module_names(in.k, in.klen, m, 48 + sizeof mstr,
		    "mm_rss_stat", 11));
		assert_true(btf_min_module_names(in.k, in.klen, m, 48 + sizeof mstr,
		    "cred", 4));
		assert_false(btf_min_module_names(in.k, in.klen, m, 48 + sizeof mstr,
		    "task_struct", 11));
	}
	buf_free(&out);
	input_close(&in);
}

static void
test_malformed(void **state)
{
	struct input in;
	struct zt_buf out = { 0 };
	char why[ZT_WHY_LEN];

	(void)state;
	if (!input_open(&in, "build/bpf/tasks_cast.o"))
		skip();
	/* an object cut short, a kernel BTF cut short: never a read past */
	for (size_t n = 0; n < in.obj.len; n += in.obj.len / 97 + 1) {
		char *p = xmalloc(n ? n : 1);
		memcpy(p, in.obj.p, n);
		int rc = btf_min_build(in.k, in.klen, p, n, NULL, NULL, &out, why,
		    sizeof why);
		assert_true(rc <= 1 && rc >= -1);
		free(p);
	}
	for (size_t n = 0; n < 4096; n += 97) {
		assert_int_equal(btf_min_build(in.k, n, in.obj.p, in.obj.len, NULL,
		    NULL, &out, why, sizeof why), -1);
		assert_true(why[0] != '\0');
	}
	buf_free(&out);
	input_close(&in);
}
#endif

int
main(void)
{
#ifdef ZT_HAVE_BPF
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tasks),
		cmocka_unit_test(test_tasks_cast),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_modules),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
#else
	return 0;
#endif
}
