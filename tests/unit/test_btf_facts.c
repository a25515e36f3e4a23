/*
 * test_btf_facts.c: bpf_tasks_btf_facts, the BPF loader's one walk over
 * the kernel's raw BTF (include/uapi/linux/btf.h): atomic rss counters
 * (struct mm_rss_stat), or per-CPU counters and how far this_cpu_off
 * lies from runqueues in .data..percpu; what is not BTF, or is cut
 * short, is refused with a reason.  On this machine, the same answer as
 * libbpf's own parse of /sys/kernel/btf/vmlinux (mapped by
 * procfs_map_file, which reads what cannot be mapped).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bpf_tasks.h"
#include "procfs.h"
#include "snapshot.h"
#include "util.h"

#ifdef ZT_HAVE_BPF
#include <bpf/btf.h>
#endif

/* A BTF blob being built: types, then strings. */
struct blob {
	unsigned char ty[1024], str[256];
	size_t tlen, slen;
	uint32_t ntypes;
};

static void
put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, sizeof v);
}

static uint32_t
name(struct blob *b, const char *s)
{
	uint32_t off = (uint32_t)b->slen;

	if (b->slen == 0) {	/* offset 0 is the empty name */
		b->str[0] = '\0';
		b->slen = 1;
		off = 1;
	}
	memcpy(b->str + b->slen, s, strlen(s) + 1);
	b->slen += strlen(s) + 1;
	return off;
}

/* One btf_type of kind with vlen and the extra bytes given; its id. */
static uint32_t
type(struct blob *b, const char *nm, unsigned kind, unsigned vlen,
    const void *extra, size_t elen)
{
	uint32_t off = nm ? name(b, nm) : 0;

	put32(b->ty + b->tlen, off);
	put32(b->ty + b->tlen + 4, (kind << 24) | vlen);
	put32(b->ty + b->tlen + 8, 8);
	b->tlen += 12;
	memcpy(b->ty + b->tlen, extra, elen);
	b->tlen += elen;
	return ++b->ntypes;
}

/* The whole blob into out; its length. */
static size_t
finish(const struct blob *b, unsigned char *out)
{
	uint16_t magic = 0xeB9F;

	memset(out, 0, 24);
	memcpy(out, &magic, 2);
	out[2] = 1;
	put32(out + 4, 24);
	put32(out + 8, 0);
	put32(out + 12, (uint32_t)b->tlen);
	put32(out + 16, (uint32_t)b->tlen);
	put32(out + 20, (uint32_t)b->slen);
	memcpy(out + 24, b->ty, b->tlen);
	memcpy(out + 24 + b->tlen, b->str, b->slen);
	return 24 + b->tlen + b->slen;
}

static uint32_t
var(struct blob *b, const char *nm)
{
	unsigned char linkage[4] = { 1, 0, 0, 0 };

	return type(b, nm, 14, 0, linkage, 4);
}

static void
datasec(struct blob *b, const char *nm, const uint32_t *ids,
    const uint32_t *offs, unsigned n)
{
	unsigned char e[12 * 4];

	for (unsigned i = 0; i < n; i++) {
		put32(e + 12 * i, ids[i]);
		put32(e + 12 * i + 4, offs[i]);
		put32(e + 12 * i + 8, 8);
	}
	type(b, nm, 15, n, e, 12 * n);
}

/* A 6.2+ kernel: no mm_rss_stat; runqueues at 1000, this_cpu_off at 200
 * (the datasec before or after the variables). */
static size_t
percpu_blob(unsigned char *out, bool sec_first)
{
	struct blob b = { .tlen = 0 };
	unsigned char intx[4] = { 0, 0, 0, 0x40 };
	unsigned char members[12] = { 0 };
	uint32_t ids[3], offs[3] = { 1000, 200, 64 };

	type(&b, "int", 1, 0, intx, 4);
	type(&b, "mm_struct", 4, 1, members, 12);
	if (sec_first) {
		ids[0] = 4;	/* the ids the variables will get */
		ids[1] = 5;
		ids[2] = 6;
		datasec(&b, ".data..percpu", ids, offs, 3);
	}
	ids[0] = var(&b, "runqueues");
	ids[1] = var(&b, "this_cpu_off");
	ids[2] = var(&b, "other");
	if (!sec_first)
		datasec(&b, ".data..percpu", ids, offs, 3);
	return finish(&b, out);
}

static void
test_percpu(void **state)
{
	unsigned char out[2048];
	char why[ZT_WHY_LEN];
	int64_t d = 7;
	size_t n;

	(void)state;
	n = percpu_blob(out, false);
	assert_int_equal(bpf_tasks_btf_facts(out, n, &d, why, sizeof why), 1);
	assert_int_equal(d, 200 - 1000);
	n = percpu_blob(out, true);
	d = 7;
	assert_int_equal(bpf_tasks_btf_facts(out, n, &d, why, sizeof why), 1);
	assert_int_equal(d, -800);
}

static void
test_atomic(void **state)
{
	struct blob b = { .tlen = 0 };
	unsigned char out[2048], members[24] = { 0 };
	char why[ZT_WHY_LEN];
	int64_t d = 7;
	size_t n;

	(void)state;
	type(&b, "mm_rss_stat_x", 4, 2, members, 24);	/* a longer name */
	type(&b, "mm_rss_stat", 5, 2, members, 24);	/* a union: not it */
	n = finish(&b, out);
	assert_int_equal(bpf_tasks_btf_facts(out, n, &d, why, sizeof why), -1);
	type(&b, "mm_rss_stat", 4, 2, members, 24);
	n = finish(&b, out);
	assert_int_equal(bpf_tasks_btf_facts(out, n, &d, why, sizeof why), 0);
	assert_int_equal(d, 0);
}

static void
test_refused(void **state)
{
	struct blob b = { .tlen = 0 };
	unsigned char out[2048], bad[2048], members[12] = { 0 };
	char why[ZT_WHY_LEN];
	uint32_t ids[1], offs[1] = { 8 };
	int64_t d;
	size_t n;

	(void)state;
	/* per-CPU counters without this_cpu_off: x86 only */
	ids[0] = var(&b, "runqueues");
	datasec(&b, ".data..percpu", ids, offs, 1);
	n = finish(&b, out);
	assert_int_equal(bpf_tasks_btf_facts(out, n, &d, why, sizeof why), -1);
	assert_non_null(strstr(why, "this_cpu_off"));
	/* not BTF */
	memcpy(bad, out, n);
	bad[0] ^= 0xff;
	assert_int_equal(bpf_tasks_btf_facts(bad, n, &d, why, sizeof why), -1);
	assert_non_null(strstr(why, "header"));
	assert_int_equal(bpf_tasks_btf_facts(out, 10, &d, why, sizeof why), -1);
	/* a kind this reader does not know */
	b = (struct blob){ .tlen = 0 };
	type(&b, "x", 25, 0, members, 0);
	n = finish(&b, out);
	assert_int_equal(bpf_tasks_btf_facts(out, n, &d, why, sizeof why), -1);
	assert_non_null(strstr(why, "kind 25"));
	/* a vlen past the end of the types */
	b = (struct blob){ .tlen = 0 };
	type(&b, "s", 4, 9, members, 12);
	n = finish(&b, out);
	assert_int_equal(bpf_tasks_btf_facts(out, n, &d, why, sizeof why), -1);
	/* a name offset past the strings is no name */
	b = (struct blob){ .tlen = 0 };
	type(&b, NULL, 4, 1, members, 12);
	put32(b.ty, 60000);
	n = finish(&b, out);
	assert_int_equal(bpf_tasks_btf_facts(out, n, &d, why, sizeof why), -1);
	/* every cut of a good blob: refused, never read past the end (the
	 * sanitizer build watches); a header whose types stop short of the
	 * data section: a type cut short, or no data section */
	n = percpu_blob(out, false);
	for (size_t cut = 0; cut < n; cut++) {
		unsigned char *p = malloc(cut ? cut : 1);
		memcpy(p, out, cut);
		assert_int_equal(bpf_tasks_btf_facts(p, cut, &d, why, sizeof why), -1);
		free(p);
	}
	uint32_t tlen;
	memcpy(&tlen, out + 12, 4);
	for (uint32_t k = 0; k < tlen; k++) {
		memcpy(bad, out, n);
		put32(bad + 12, k);
		assert_int_equal(bpf_tasks_btf_facts(bad, n, &d, why, sizeof why), -1);
	}
}

/* procfs_map_file: a regular file mapped, a /proc file (size 0) read,
 * a missing one refused. */
static void
test_map_file(void **state)
{
	char path[] = "/tmp/zt-test-map-XXXXXX", why[ZT_WHY_LEN];
	struct zt_buf b = { 0 };
	const void *data;
	size_t len;
	bool mapped;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "btf bytes", 9), 9);
	close(fd);
	assert_int_equal(procfs_map_file(path, &b, &data, &len, &mapped, why,
	    sizeof why), 0);
	assert_true(mapped);
	assert_int_equal(len, 9);
	assert_memory_equal(data, "btf bytes", 9);
	procfs_unmap_file(data, len);
	unlink(path);
	assert_int_equal(procfs_map_file("/proc/self/stat", &b, &data, &len,
	    &mapped, why, sizeof why), 0);
	assert_false(mapped);
	assert_true(len > 10 && data == b.p);
	assert_int_equal(procfs_map_file(path, &b, &data, &len, &mapped, why,
	    sizeof why), -1);
	assert_string_equal(why, "missing");
	assert_int_equal(procfs_map_file("rel/path", &b, &data, &len, &mapped,
	    why, sizeof why), -1);
	buf_free(&b);
}

/* This machine's BTF: the answer libbpf's full parse gives. */
static void
test_live(void **state)
{
	struct zt_buf b = { 0 };
	char why[ZT_WHY_LEN];
	int64_t d;
	int rc;

	(void)state;
	const void *data;
	size_t len;
	bool mapped;
	if (procfs_map_file("/sys/kernel/btf/vmlinux", &b, &data, &len, &mapped,
	    why, sizeof why) < 0) {
		buf_free(&b);
		skip();
	}
	rc = bpf_tasks_btf_facts(data, len, &d, why, sizeof why);
	if (mapped)
		procfs_unmap_file(data, len);
	buf_free(&b);
#ifdef ZT_HAVE_BPF
	struct btf *btf = btf__load_vmlinux_btf();
	int64_t rq = -1, tco = -1;
	if (btf == NULL)
		skip();
	if (btf__find_by_name_kind(btf, "mm_rss_stat", BTF_KIND_STRUCT) >= 0) {
		btf__free(btf);
		assert_int_equal(rc, 0);
		return;
	}
	int id = btf__find_by_name_kind(btf, ".data..percpu", BTF_KIND_DATASEC);
	const struct btf_type *sec = id > 0 ? btf__type_by_id(btf, (__u32)id) : NULL;
	for (int i = 0; sec != NULL && i < btf_vlen(sec); i++) {
		const struct btf_var_secinfo *v = &btf_var_secinfos(sec)[i];
		const struct btf_type *t = btf__type_by_id(btf, v->type);
		const char *nm = t ? btf__name_by_offset(btf, t->name_off) : NULL;
		if (nm != NULL && strcmp(nm, "runqueues") == 0)
			rq = v->offset;
		else if (nm != NULL && strcmp(nm, "this_cpu_off") == 0)
			tco = v->offset;
	}
	btf__free(btf);
	if (rq < 0 || tco < 0) {
		assert_int_equal(rc, -1);
		return;
	}
	assert_int_equal(rc, 1);
	assert_int_equal(d, tco - rq);
#else
	assert_true(rc >= -1 && rc <= 1);
#endif
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percpu),
		cmocka_unit_test(test_atomic),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_map_file),
		cmocka_unit_test(test_live),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
