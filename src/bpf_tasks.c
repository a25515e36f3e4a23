/*
 * bpf_tasks.c: the one file that loads BPF (see bpf_tasks.h).
 *
 * The skeleton (build/bpf/tasks.skel.h, from `bpftool gen skeleton`)
 * embeds the object, so nothing is read from disk but the kernel's BTF.
 * One load per run; each refresh makes a new iterator fd from the link
 * and reads it to the end into one buffer, then decodes it.  libbpf's
 * messages are caught (they would tear the screen) and the most telling
 * line becomes the reason shown; ZT_BPF_DEBUG=1 prints them all.
 */
#include "bpf_tasks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btf_raw.h"
#include "procfs.h"
#include "snapshot.h"
#include "util.h"

#ifdef ZT_HAVE_BPF
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/bpf.h>
#include <linux/types.h>

#include <bpf/libbpf.h>

#include "bpf/tasks_rec.h"
#include "btf_min.h"

/* libbpf is loaded with dlopen() by the load alone (the loader child,
 * or the tests' load in process), never linked: the monitor needs
 * nothing of it but one bpf() call a refresh, and its pages and
 * libelf's would otherwise stay in the live screen's resident size.
 * The skeleton's calls below go through this table (libbpf_load). */
static struct {
	int (*open_skeleton)(struct bpf_object_skeleton *,
	    const struct bpf_object_open_opts *);
	int (*load_skeleton)(struct bpf_object_skeleton *);
	int (*attach_skeleton)(struct bpf_object_skeleton *);
	void (*detach_skeleton)(struct bpf_object_skeleton *);
	void (*destroy_skeleton)(struct bpf_object_skeleton *);
	int (*link_fd)(const struct bpf_link *);
	int (*num_possible_cpus)(void);
	libbpf_print_fn_t (*set_print)(libbpf_print_fn_t);
} lb;
#define bpf_object__open_skeleton lb.open_skeleton
#define bpf_object__load_skeleton lb.load_skeleton
#define bpf_object__attach_skeleton lb.attach_skeleton
#define bpf_object__detach_skeleton lb.detach_skeleton
#define bpf_object__destroy_skeleton lb.destroy_skeleton
#define bpf_link__fd lb.link_fd
#define libbpf_num_possible_cpus lb.num_possible_cpus
#define libbpf_set_print lb.set_print
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Woverlength-strings"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wunused-function"
#include "tasks.skel.h"
#include "tasks_cast.skel.h"
#pragma GCC diagnostic pop
#ifdef __clang_analyzer__
/* make check: the analyzer takes the generated open's error paths for
 * leaks (bpftool's code, not ours); let it see a declaration only */
struct zt_tasks *zt_tasks_open_analyzed(void);
#define zt_tasks__open zt_tasks_open_analyzed
struct zt_tasks_cast *zt_tasks_cast_open_analyzed(void);
#define zt_tasks_cast__open zt_tasks_cast_open_analyzed
#endif
#else
#include <linux/types.h>

#include "bpf/tasks_rec.h"
#ifndef ZT_NO_BPF_WHY
#define ZT_NO_BPF_WHY "built without BPF"
#endif
#endif

_Static_assert(sizeof(struct zt_task_rec) == 128, "record layout");
_Static_assert(BT_KTHREAD == ZT_TF_KTHREAD && BT_INIT == ZT_TF_INIT &&
    BT_NO_MM == ZT_TF_NO_MM && BT_OOM_SKIP == ZT_TF_OOM_SKIP &&
    BT_VFORK == ZT_TF_VFORK && BT_ORIGIN == ZT_TF_ORIGIN &&
    BT_VICTIM == ZT_TF_VICTIM && BT_PERCPU == ZT_TF_PERCPU &&
    BT_NO_PGTBL == ZT_TF_NO_PGTBL && BT_NO_MEMCG == ZT_TF_NO_MEMCG &&
    BT_THREAD_MM == ZT_TF_THREAD_MM && BT_APPROX == ZT_TF_APPROX, "flags match the record's");

#define NS_PER_SEC 1000000000ULL
/* bytes of the iterator read and decoded at a time: 512 records */
#define ITER_CHUNK ((size_t)64 * 1024)

/* ---------------------------------------------------------------- */
/* pure                                                              */

char
bpf_tasks_state(unsigned raw)
{
	static const char letters[] = "RSDTtXZPI";
	unsigned st = raw & 0x7f;	/* TASK_REPORT */
	int idx = 0;

	if ((raw & 0x402) == 0x402)	/* TASK_IDLE */
		st = 0x80;
	else if (raw == 0x1000)		/* TASK_RTLOCK_WAIT: shown as D */
		st = 0x2;
	while (st != 0) {		/* fls() */
		idx++;
		st >>= 1;
	}
	return letters[idx];
}

static uint64_t
ns_to_ticks(uint64_t ns, long hz)
{
	/* nsec_to_clock_t() when NSEC_PER_SEC % USER_HZ == 0 */
	return hz > 0 ? ns / (NS_PER_SEC / (uint64_t)hz) : 0;
}

/* No machine has 2^50 pages (4 EiB): beyond that a record is garbage,
 * and sums of the counters cannot overflow. */
static bool
counters_sane(const struct zt_task_rec *r)
{
	const int64_t lim = (int64_t)1 << 50;

	for (int i = 0; i < ZT_MM_NCOUNTERS; i++)
		if (r->rss[i] > lim || r->rss[i] < -lim ||
		    r->rss_fast[i] > lim || r->rss_fast[i] < -lim)
			return false;
	return r->pgtables_bytes <= (lim << 12) && r->pgtables_bytes >= -(lim << 12);
}

int
bpf_tasks_decode(const void *buf, size_t len, long ticks_hz,
    struct bt_task *out, int max, char *why, size_t whylen)
{
	const unsigned char *p = buf;
	size_t off = 0;
	int n = 0;

	while (off < len) {
		struct zt_task_rec r;
		struct bt_task *t;

		if (len - off < sizeof r) {
			snprintf(why, whylen, "a partial record (%zu bytes) at %zu",
			    len - off, off);
			return -1;
		}
		memcpy(&r, p + off, sizeof r);
		if (r.size != sizeof r) {
			snprintf(why, whylen, "record size %u, expected %zu",
			    (unsigned)r.size, sizeof r);
			return -1;
		}
		off += sizeof r;
		if (r.tgid <= 0 || r.oom_score_adj < -1000 || r.oom_score_adj > 1000 ||
		    !counters_sane(&r)) {
			snprintf(why, whylen, "a record out of range (tgid %d, adj %d)",
			    (int)r.tgid, (int)r.oom_score_adj);
			return -1;
		}
		if (n == max) {
			snprintf(why, whylen, "more than %d records", max);
			return -1;
		}
		t = &out[n++];
		memset(t, 0, sizeof *t);
		t->tgid = r.tgid;
		t->start_time = ns_to_ticks(r.start_boottime, ticks_hz);
		t->start_ns = r.start_boottime;
		t->oom_score_adj = r.oom_score_adj;
		t->flags = r.flags;
		t->uid = r.uid;
		t->euid = r.euid;
		t->memcg_id = r.memcg_id;
		t->state = bpf_tasks_state(r.state);
		memcpy(t->comm, r.comm, sizeof t->comm);
		t->comm[sizeof t->comm - 1] = '\0';
		/* percpu_counter_sum_positive(): a sum caught mid-update
		 * may dip below 0 */
		t->rss_file = r.rss[ZT_MM_FILEPAGES] > 0 ? r.rss[ZT_MM_FILEPAGES] : 0;
		t->rss_anon = r.rss[ZT_MM_ANONPAGES] > 0 ? r.rss[ZT_MM_ANONPAGES] : 0;
		t->rss_shmem = r.rss[ZT_MM_SHMEMPAGES] > 0 ? r.rss[ZT_MM_SHMEMPAGES] : 0;
		t->swapents = r.rss[ZT_MM_SWAPENTS] > 0 ? r.rss[ZT_MM_SWAPENTS] : 0;
		/* percpu_counter_read_positive(), each */
		t->fast_file = r.rss_fast[ZT_MM_FILEPAGES] > 0 ?
		    r.rss_fast[ZT_MM_FILEPAGES] : 0;
		t->fast_anon = r.rss_fast[ZT_MM_ANONPAGES] > 0 ?
		    r.rss_fast[ZT_MM_ANONPAGES] : 0;
		t->fast_shmem = r.rss_fast[ZT_MM_SHMEMPAGES] > 0 ?
		    r.rss_fast[ZT_MM_SHMEMPAGES] : 0;
		t->fast_swap = r.rss_fast[ZT_MM_SWAPENTS] > 0 ?
		    r.rss_fast[ZT_MM_SWAPENTS] : 0;
		t->rss_fast = t->fast_file + t->fast_anon + t->fast_shmem;
		t->pgtables_bytes = (r.flags & ZT_TF_NO_PGTBL) ? ZT_NA :
		    r.pgtables_bytes > 0 ? r.pgtables_bytes : 0;
		if (r.flags & ZT_TF_NO_MM) {
			t->rss_file = t->rss_anon = t->rss_shmem = t->swapents = 0;
			t->rss_fast = 0;
			t->fast_file = t->fast_anon = t->fast_shmem = 0;
			t->fast_swap = 0;
			t->pgtables_bytes = ZT_NA;
		}
	}
	return n;
}

static int
find_tgid(const struct bt_task *t, int n, int tgid)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (t[mid].tgid == tgid)
			return mid;
		if (t[mid].tgid < tgid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	/* the iterator walks pids in order; if that ever changes, look */
	for (int i = 0; i < n; i++)
		if (t[i].tgid == tgid)
			return i;
	return -1;
}

int
bpf_tasks_merge_threads(struct bt_task *t, int n)
{
	struct bt_task *th;
	int nth = 0, m = 0;

	for (int i = 0; i < n; i++)
		nth += (t[i].flags & BT_THREAD_MM) != 0;
	if (nth == 0)
		return n;
	th = xcalloc((size_t)nth, sizeof *th);
	nth = 0;
	for (int i = 0; i < n; i++) {
		if (t[i].flags & BT_THREAD_MM)
			th[nth++] = t[i];
		else
			t[m++] = t[i];
	}
	for (int k = 0; k < nth; k++) {
		int i = find_tgid(t, m, th[k].tgid);
		if (i < 0) {
			t[m++] = th[k];	/* room: m + nth <= n */
			continue;
		}
		if (!(t[i].flags & BT_NO_MM))
			continue;	/* a thread already stood in */
		/* find_lock_task_mm(): the leader's signal, a thread's mm */
		t[i].rss_anon = th[k].rss_anon;
		t[i].rss_file = th[k].rss_file;
		t[i].rss_shmem = th[k].rss_shmem;
		t[i].swapents = th[k].swapents;
		t[i].rss_fast = th[k].rss_fast;
		t[i].fast_anon = th[k].fast_anon;
		t[i].fast_file = th[k].fast_file;
		t[i].fast_shmem = th[k].fast_shmem;
		t[i].fast_swap = th[k].fast_swap;
		t[i].pgtables_bytes = th[k].pgtables_bytes;
		t[i].flags = (t[i].flags & ~(unsigned)BT_NO_MM) |
		    (th[k].flags & (BT_OOM_SKIP | BT_VFORK | BT_PERCPU |
		    BT_NO_PGTBL | BT_THREAD_MM));
	}
	free(th);
	return m;
}

/*
 * The two facts the loader needs from the kernel's BTF, read straight
 * from its raw bytes (include/uapi/linux/btf.h) in one walk: libbpf's
 * own parse of /sys/kernel/btf/vmlinux builds indexes of every type
 * (7 ms and 12 MiB here), and libbpf parses it again for the load.
 */
int
bpf_tasks_btf_facts(const void *buf, size_t len, int64_t *delta, char *why,
    size_t whylen)
{
	struct btf_raw r;
	const unsigned char *sec = NULL;
	uint32_t id = 0, rq_id = 0, tco_id = 0;
	unsigned secvlen = 0;
	int64_t rq = -1, tco = -1;

	*delta = 0;
	if (btf_raw_open(&r, buf, len, "kernel", why, whylen) < 0)
		return -1;
	for (size_t off = 0; off < r.tlen; ) {
		uint32_t name, info;
		unsigned kind, vlen;
		long extra;

		if (r.tlen - off < 12) {
			snprintf(why, whylen, "kernel BTF: a type cut short");
			return -1;
		}
		name = btf_raw_u32(r.ty + off);
		info = btf_raw_u32(r.ty + off + 4);
		kind = (info >> 24) & 0x1f;
		vlen = info & 0xffff;
		id++;
		if ((extra = btf_raw_extra(kind, vlen)) < 0 ||
		    (size_t)extra > r.tlen - off - 12) {
			snprintf(why, whylen, "kernel BTF: type %u of kind %u", id, kind);
			return -1;
		}
		if (kind == BTF_K_STRUCT && btf_raw_name_is(&r, name, "mm_rss_stat"))
			return 0;	/* atomic counters: nothing to sum */
		if (kind == BTF_K_VAR && btf_raw_name_is(&r, name, "runqueues"))
			rq_id = id;
		else if (kind == BTF_K_VAR && btf_raw_name_is(&r, name, "this_cpu_off"))
			tco_id = id;
		else if (kind == BTF_K_DATASEC && btf_raw_name_is(&r, name, ".data..percpu")) {
			sec = r.ty + off + 12;
			secvlen = vlen;
		}
		off += 12 + (size_t)extra;
	}
	for (unsigned i = 0; sec != NULL && i < secvlen; i++) {
		const unsigned char *vsi = sec + (size_t)12 * i;	/* btf_var_secinfo */
		uint32_t t = btf_raw_u32(vsi), o = btf_raw_u32(vsi + 4);
		if (t != 0 && t == rq_id)
			rq = o;
		else if (t != 0 && t == tco_id)
			tco = o;
	}
	if (rq < 0 || tco < 0) {
		snprintf(why, whylen, "per-CPU rss counters, and no this_cpu_off "
		    "in the kernel BTF to sum them (x86 only)");
		return -1;
	}
	*delta = tco - rq;
	return 1;
}

/* ---------------------------------------------------------------- */
/* loading and reading                                               */

void
bpf_tasks_help(FILE *fp)
{
	char why[ZT_WHY_LEN];
	struct bpf_tasks *bt = bpf_tasks_open(false, why, sizeof why);

	if (bt != NULL)
		fprintf(fp, "\nHere now: processes through the BPF task iterator.\n");
	else
		fprintf(fp, "\nHere now: processes through /proc (BPF: %s).\n", why);
	bpf_tasks_close(bt);
}

#ifndef ZT_HAVE_BPF

struct bpf_tasks {
	int unused;
};

const char *
bpf_tasks_build_why(void)
{
	return ZT_NO_BPF_WHY;
}

struct bpf_tasks *
bpf_tasks_open(bool refuse, char *why, size_t whylen)
{
	snprintf(why, whylen, "%s", refuse ? "--no-bpf" : ZT_NO_BPF_WHY);
	return NULL;
}

struct bpf_tasks *
bpf_tasks_start(bool refuse, char *why, size_t whylen)
{
	return bpf_tasks_open(refuse, why, whylen);
}

void
bpf_tasks_close(struct bpf_tasks *bt)
{
	free(bt);
}

int
bpf_tasks_read(struct bpf_tasks *bt, const struct bt_task **tasks, int *n,
    char *why, size_t whylen)
{
	(void)bt;
	*tasks = NULL;
	*n = 0;
	snprintf(why, whylen, "%s", ZT_NO_BPF_WHY);
	return -1;
}

#else

struct bpf_tasks {
	int link_fd;		/* the iterator's link, -1 until loaded */
	pid_t loader;		/* the loader child until its answer, else 0 */
	int sock;		/* to the loader, -1 */
	char why[ZT_WHY_LEN];	/* why the loader failed */
	struct zt_buf buf;
	struct bt_task *tasks;
	int cap;
	long hz;
};

/* what libbpf said of the load under way (one load at a time): its
 * first warning, and the verifier's complaint */
static char libbpf_warn[ZT_WHY_LEN], libbpf_verifier[ZT_WHY_LEN];

const char *
bpf_tasks_build_why(void)
{
	return "";
}

/* The verifier's log ends "<complaint>\nprocessed N insns ...": keep
 * the complaint. */
static void
note_verifier(const char *log)
{
	const char *end = strstr(log, "\nprocessed ");
	const char *start;

	if (end == NULL)
		end = strstr(log, "\n-- END PROG LOAD LOG");
	if (end == NULL)
		return;
	start = end;
	while (start > log && start[-1] != '\n')
		start--;
	snprintf(libbpf_verifier, sizeof libbpf_verifier, "%.*s",
	    (int)(end - start), start);
}

static int
libbpf_note(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char *msg = NULL;

	if (vasprintf(&msg, fmt, ap) < 0)
		return 0;
	if (getenv("ZT_BPF_DEBUG") != NULL)
		fputs(msg, stderr);
	if (level == LIBBPF_WARN) {
		if (strstr(msg, "BEGIN PROG LOAD LOG") != NULL)
			note_verifier(msg);
		else if (libbpf_warn[0] == '\0')
			snprintf(libbpf_warn, sizeof libbpf_warn, "%.*s",
			    (int)strcspn(msg, "\n"), strncmp(msg, "libbpf: ", 8) == 0 ?
			    msg + 8 : msg);
	}
	free(msg);
	return 0;
}

/* The telling line: the verifier's complaint, else libbpf's first
 * warning. */
static void
log_reason(char *out, size_t outlen)
{
	if (libbpf_verifier[0] != '\0')
		snprintf(out, outlen, "verifier: %s", libbpf_verifier);
	else
		snprintf(out, outlen, "%s", libbpf_warn);
}

/* Effective capabilities: CAP_BPF and CAP_PERFMON (5.8+), or
 * CAP_SYS_ADMIN.  The test hook "caps" answers no. */
static bool
privileged(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	const char *t = getenv("ZT_BPF_TEST");

	if (t != NULL && strcmp(t, "caps") == 0)
		return false;
	memset(d, 0, sizeof d);
	if (syscall(SYS_capget, &h, d) != 0)
		return false;
#define HAS(cap) ((d[(cap) / 32].effective >> ((cap) % 32)) & 1)
	return HAS(21) || (HAS(38) && HAS(39));	/* SYS_ADMIN; PERFMON, BPF */
#undef HAS
}

/* The kernel's BTF, mapped where the kernel allows it (6.16+), else
 * read: for btf_facts and the reduced copy of each object's loads. */
struct kbtf {
	struct zt_buf b;
	const void *data;
	size_t len;
	bool mapped;
};

/* The BTF at path (the kernel's, or a module's): 0, or -1 with why. */
static int
kbtf_open(struct kbtf *k, const char *path, char *why, size_t whylen)
{
	char e[ZT_WHY_LEN];

	memset(k, 0, sizeof *k);
	if (procfs_map_file(path, &k->b, &k->data, &k->len, &k->mapped, e,
	    sizeof e) < 0) {
		snprintf(why, whylen, "no kernel BTF (%s: %s)", path, e);
		buf_free(&k->b);
		return -1;
	}
	return 0;
}

static void
kbtf_close(struct kbtf *k)
{
	if (k->mapped)
		procfs_unmap_file(k->data, k->len);
	buf_free(&k->b);
}

/*
 * What the BPF side cannot find itself, from the kernel's BTF: whether
 * the rss counters are per-CPU (6.2+: struct mm_rss_stat is gone) and,
 * for summing them, how far this_cpu_off lies from runqueues in the
 * per-CPU section (x86; see fill_pcpu_offsets in tasks.bpf.c).  1
 * per-CPU counters, 0 atomic ones, -1 with why.
 */
static int
btf_facts(const struct kbtf *k, int64_t *delta, char *why, size_t whylen)
{
	int rc = bpf_tasks_btf_facts(k->data, k->len, delta, why, whylen);

	return rc < 0 ? -1 : rc;	/* 1: per-CPU counters (6.2+) */
}

/* btf_min's question: does a module's BTF (/sys/kernel/btf/<module>)
 * name a type so?  Asked only for a root the kernel BTF has no
 * candidate for; true when the directory cannot be read. */
static bool
module_has(void *ctx, const char *name, size_t len)
{
	const struct kbtf *k = ctx;
	char why[ZT_WHY_LEN], path[512];
	char **names = procfs_list_dir("/sys/kernel/btf", why, sizeof why);
	bool has = names == NULL;

	for (char **n = names; n != NULL && *n != NULL && !has; n++) {
		struct kbtf m;

		if (strcmp(*n, "vmlinux") == 0)
			continue;
		snprintf(path, sizeof path, "/sys/kernel/btf/%s", *n);
		if (kbtf_open(&m, path, why, sizeof why) < 0) {
			has = true;
			continue;
		}
		has = btf_min_module_names(k->data, k->len, m.data, m.len, name,
		    len);
		kbtf_close(&m);
	}
	procfs_free_names(names);
	return has;
}

/* A reduced copy of the kernel BTF for the object (elf, len) in a
 * memfd: its fd with the path to it, or -1 (the whole BTF is used). */
static int
min_btf(const struct kbtf *k, const void *elf, size_t len, char *path,
    size_t plen)
{
	struct zt_buf out = { 0 };
	char why[ZT_WHY_LEN];
	int fd = -1;

	if (getenv("ZT_BPF_FULLBTF") != NULL)	/* the tests' comparison */
		return -1;
	if (btf_min_build(k->data, k->len, elf, len, module_has, (void *)k, &out,
	    why, sizeof why) == 1)
		fd = procfs_memfd("zt-btf", out.p, out.len, path, plen);
	else if (getenv("ZT_BPF_DEBUG") != NULL)
		fprintf(stderr, "zonetop: whole kernel BTF for CO-RE: %s\n", why);
	buf_free(&out);
	return fd;
}

/* libbpf's functions into lb: 0, or -1 with why. */
static int
libbpf_load(char *why, size_t whylen)
{
	static const char *const names[] = { "bpf_object__open_skeleton",
	    "bpf_object__load_skeleton", "bpf_object__attach_skeleton",
	    "bpf_object__detach_skeleton", "bpf_object__destroy_skeleton",
	    "bpf_link__fd", "libbpf_num_possible_cpus", "libbpf_set_print" };
	void *f[ZT_ARRAY_LEN(names)];

	if (lb.set_print != NULL)
		return 0;
	if (dl_functions("libbpf.so.1", "libbpf", names, ZT_ARRAY_LEN(names), f,
	    why, whylen) == NULL)
		return -1;
	/* the table is filled last: a failed load leaves it empty */
	memcpy(&lb.open_skeleton, &f[0], sizeof f[0]);
	memcpy(&lb.load_skeleton, &f[1], sizeof f[1]);
	memcpy(&lb.attach_skeleton, &f[2], sizeof f[2]);
	memcpy(&lb.detach_skeleton, &f[3], sizeof f[3]);
	memcpy(&lb.destroy_skeleton, &f[4], sizeof f[4]);
	memcpy(&lb.link_fd, &f[5], sizeof f[5]);
	memcpy(&lb.num_possible_cpus, &f[6], sizeof f[6]);
	memcpy(&lb.set_print, &f[7], sizeof f[7]);
	return 0;
}

static int
possible_cpus(void)
{
	return libbpf_num_possible_cpus();
}

/* libbpf's bpf_iter_create(), the one bpf() call of a refresh. */
static int
iter_create(int link_fd)
{
	union bpf_attr a;

	memset(&a, 0, sizeof a);
	a.iter_create.link_fd = (__u32)link_fd;
	return (int)syscall(__NR_bpf, BPF_ITER_CREATE, &a, sizeof a);
}

/*
 * Open, load and attach one of the two skeletons (tasks.bpf.c): the
 * link's fd (a dup, which keeps the link, its program and maps alive
 * once the skeleton and all libbpf's memory are gone); -1 with *err
 * when the load failed, -2 when the open did.  CO-RE relocations go
 * against a reduced copy of the kernel BTF (min_btf) where one can be
 * made, and against the whole of it where that load fails before the
 * verifier (a relocation, or the copy not found).
 */
#define LOAD_SKEL(fn, sk)						\
static int								\
fn##_with(int64_t delta, int ncpu, bool brk, const char *btf, int *err) \
{									\
	LIBBPF_OPTS(bpf_object_open_opts, oo, .btf_custom_path = btf);	\
	struct sk *skel = sk##__open_opts(&oo);				\
	int fd;								\
									\
	if (skel == NULL) {						\
		*err = errno;						\
		return -2;						\
	}								\
	skel->rodata->zt_ncpus = (__u32)ncpu;				\
	skel->rodata->zt_break = brk;					\
	*err = sk##__load(skel);					\
	if (*err == 0)							\
		*err = sk##__attach(skel);				\
	if (*err == 0)	/* before the first read; the verifier needs it not */ \
		skel->bss->zt_tco_delta = delta;			\
	fd = *err == 0 ? fcntl(bpf_link__fd(skel->links.zt_tasks),	\
	    F_DUPFD_CLOEXEC, 3) : -1;					\
	if (*err == 0 && fd < 0)					\
		*err = errno;						\
	sk##__destroy(skel);						\
	return fd;							\
}									\
static int								\
fn(const struct kbtf *k, int64_t delta, int ncpu, bool brk, int *err)	\
{									\
	size_t elen;							\
	const void *elf = sk##__elf_bytes(&elen);			\
	char path[64];							\
	int mfd = min_btf(k, elf, elen, path, sizeof path), fd = -1;	\
									\
	if (mfd >= 0) {							\
		fd = fn##_with(delta, ncpu, brk, path, err);		\
		close(mfd);						\
		/* the verifier saw the relocated program: the whole	\
		 * BTF would give it the same */			\
		if (fd >= 0 || libbpf_verifier[0] != '\0')		\
			return fd;					\
		libbpf_warn[0] = '\0';					\
	}								\
	return fn##_with(delta, ncpu, brk, NULL, err);			\
}
LOAD_SKEL(load_plain, zt_tasks)
LOAD_SKEL(load_cast, zt_tasks_cast)

/* The link's fd, or -1 with why: the object that reads the task through
 * bpf_rdonly_cast() first on a kernel with per-CPU counters (6.2+, which
 * has that kfunc), the plain one where it is older or that one fails. */
static int
load_link(char *why, size_t whylen)
{
	const char *test = getenv("ZT_BPF_TEST");
	bool brk = test != NULL && strcmp(test, "verifier") == 0;
	char reason[ZT_WHY_LEN * 2];
	int64_t delta;
	int err = 0, ncpu, fd = -1, facts;
	struct kbtf k;

	if (libbpf_load(why, whylen) < 0)
		return -1;
	ncpu = possible_cpus();
	if (ncpu <= 0 || ncpu > 1024) {
		snprintf(why, whylen, "%d possible CPUs (1..1024 supported)", ncpu);
		return -1;
	}
	libbpf_warn[0] = libbpf_verifier[0] = '\0';
	libbpf_set_print(libbpf_note);
	if (kbtf_open(&k, "/sys/kernel/btf/vmlinux", why, whylen) < 0 ||
	    (facts = btf_facts(&k, &delta, why, whylen)) < 0) {
		kbtf_close(&k);
		libbpf_set_print(NULL);
		return -1;
	}
	if (facts > 0 && (test == NULL || strcmp(test, "nocast") != 0))
		fd = load_cast(&k, delta, ncpu, brk, &err);
	if (fd < 0) {
		libbpf_warn[0] = libbpf_verifier[0] = '\0';
		fd = load_plain(&k, delta, ncpu, brk, &err);
	}
	kbtf_close(&k);
	if (fd < 0) {
		log_reason(reason, sizeof reason);
		if (fd == -2)
			snprintf(why, whylen, "BPF open: %.70s", reason[0] ? reason :
			    strerror(err));
		else
			snprintf(why, whylen, "BPF load: %.80s", reason[0] ? reason :
			    strerror(err < 0 ? -err : err));
		fd = -1;
	}
	libbpf_set_print(NULL);
	return fd;
}

/* The loader child: the link's fd over the socket (SCM_RIGHTS), or
 * the reason it failed as the message. */
static void
loader_child(int sock)
{
	char why[ZT_WHY_LEN] = "";
	int fd;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	fd = load_link(why, sizeof why);
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} u;
	struct iovec iov = { why, strlen(why) + 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	memset(&u, 0, sizeof u);
	if (fd >= 0) {
		m.msg_control = u.b;
		m.msg_controllen = sizeof u.b;
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof fd);
	}
	_exit(sendmsg(sock, &m, MSG_NOSIGNAL) < 0);
}

/* What the loader child sent: the link's fd, or -1 with why. */
static int
loader_answer(int sock, char *why, size_t whylen)
{
	char msg[ZT_WHY_LEN];
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} u;
	struct iovec iov = { msg, sizeof msg - 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = u.b, .msg_controllen = sizeof u.b };
	ssize_t n;
	int fd = -1;

	while ((n = recvmsg(sock, &m, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
		;
	if (n <= 0) {
		snprintf(why, whylen, "BPF load: the loader died (%s)",
		    n < 0 ? strerror(errno) : "no answer");
		return -1;
	}
	msg[n] = '\0';
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c != NULL; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    c->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(&fd, CMSG_DATA(c), sizeof fd);
	if (fd < 0)
		snprintf(why, whylen, "%s", msg[0] ? msg : "BPF load: no link from the loader");
	return fd;
}

/*
 * The load is done in a child process that hands back the link's fd
 * and exits: parsing the kernel's BTF (5 MiB here) and indexing it, and the
 * object costs libbpf some 12 MiB of heap for a moment, which would
 * otherwise stay in the monitor's peak (and, freed into malloc's
 * arenas, much of it in its resident size).  The child is started at
 * open and its answer taken at the first read, so that the monitor
 * reads everything else of its first sample while the verifier works.
 * Where no child can be made (or ZT_BPF_INPROCESS is set, the tests'
 * way there), the load is done here, at once.
 */
struct bpf_tasks *
bpf_tasks_start(bool refuse, char *why, size_t whylen)
{
	struct bpf_tasks *bt;
	int sv[2], fd;
	pid_t pid = -1;

	if (refuse) {
		snprintf(why, whylen, "--no-bpf");
		return NULL;
	}
	if (!privileged()) {
		snprintf(why, whylen, "needs root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)");
		return NULL;
	}
	if (getenv("ZT_BPF_INPROCESS") == NULL &&
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == 0) {
		if ((pid = fork()) == 0) {
			close(sv[0]);
			loader_child(sv[1]);
		}
		close(sv[1]);
		if (pid < 0)
			close(sv[0]);
	}
	bt = xcalloc(1, sizeof *bt);
	bt->hz = sysconf(_SC_CLK_TCK);
	bt->link_fd = bt->sock = -1;
	if (pid > 0) {
		bt->loader = pid;
		bt->sock = sv[0];
		return bt;
	}
	if ((fd = load_link(why, whylen)) < 0) {
		free(bt);
		return NULL;
	}
	bt->link_fd = fd;
	return bt;
}

/* The loader's answer, once: 0 with the link, or -1 with why. */
static int
tasks_wait(struct bpf_tasks *bt, char *why, size_t whylen)
{
	int st;

	if (bt->link_fd >= 0)
		return 0;
	if (bt->loader > 0) {
		bt->link_fd = loader_answer(bt->sock, bt->why, sizeof bt->why);
		close(bt->sock);
		bt->sock = -1;
		while (waitpid(bt->loader, &st, 0) < 0 && errno == EINTR)
			;
		bt->loader = 0;
		if (bt->link_fd >= 0)
			return 0;
	}
	snprintf(why, whylen, "%s", bt->why);
	return -1;
}

struct bpf_tasks *
bpf_tasks_open(bool refuse, char *why, size_t whylen)
{
	struct bpf_tasks *bt = bpf_tasks_start(refuse, why, whylen);

	if (bt != NULL && tasks_wait(bt, why, whylen) < 0) {
		bpf_tasks_close(bt);
		return NULL;
	}
	return bt;
}

void
bpf_tasks_close(struct bpf_tasks *bt)
{
	if (bt == NULL)
		return;
	if (bt->loader > 0) {	/* closed before its answer: not wanted */
		kill(bt->loader, SIGKILL);
		while (waitpid(bt->loader, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (bt->sock >= 0)
		close(bt->sock);
	if (bt->link_fd >= 0)
		close(bt->link_fd);
	buf_free(&bt->buf);
	free(bt->tasks);
	free(bt);
}

/*
 * Each chunk the kernel hands over (its seq_file buffer: 8 pages) is
 * decoded at once into tasks[], so the buffer stays one chunk long and
 * hot, whatever the number of processes: the records of a whole pass are
 * never held at once.
 */
int
bpf_tasks_read(struct bpf_tasks *bt, const struct bt_task **tasks, int *n,
    char *why, size_t whylen)
{
	int fd, m;

	*tasks = NULL;
	*n = 0;
	if (tasks_wait(bt, why, whylen) < 0)
		return -1;
	if ((fd = iter_create(bt->link_fd)) < 0) {
		snprintf(why, whylen, "BPF iterator: %s", strerror(errno));
		return -1;
	}
	/* records are decoded a chunk at a time: the raw bytes of every
	 * process at once would double the memory of this read */
	buf_clear(&bt->buf);
	buf_reserve(&bt->buf, ITER_CHUNK);
	m = 0;
	for (;;) {
		ssize_t got = read(fd, bt->buf.p + bt->buf.len, ITER_CHUNK - bt->buf.len);
		size_t whole;
		int k;

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			snprintf(why, whylen, "reading the BPF iterator: %s",
			    strerror(errno));
			close(fd);
			return -1;
		}
		bt->buf.len += (size_t)got;
		/* whole records now; at the end, what is left (a partial
		 * record is the decoder's error) */
		whole = got == 0 ? bt->buf.len :
		    bt->buf.len / sizeof(struct zt_task_rec) * sizeof(struct zt_task_rec);
		k = (int)(whole / sizeof(struct zt_task_rec)) + 1;
		if (m + k > bt->cap) {
			bt->cap = m + k + (m + k) / 4 + 64;
			bt->tasks = xreallocarray(bt->tasks, (size_t)bt->cap,
			    sizeof *bt->tasks);
		}
		k = whole == 0 ? 0 : bpf_tasks_decode(bt->buf.p, whole, bt->hz,
		    bt->tasks + m, bt->cap - m, why, whylen);
		if (k < 0) {
			close(fd);
			return -1;
		}
		m += k;
		memmove(bt->buf.p, bt->buf.p + whole, bt->buf.len - whole);
		bt->buf.len -= whole;
		if (got == 0)
			break;
	}
	close(fd);
	for (int i = 0; i < m; i++)
		if (bt->tasks[i].flags & BT_APPROX) {
			snprintf(why, whylen, "the per-CPU rss counters could not be summed");
			return -1;
		}
	*tasks = bt->tasks;
	*n = bpf_tasks_merge_threads(bt->tasks, m);
	return 0;
}

#endif
