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

#include "snapshot.h"
#include "util.h"

#ifdef ZT_HAVE_BPF
#include <linux/capability.h>
#include <sys/syscall.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/types.h>

#include "bpf/tasks_rec.h"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Woverlength-strings"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wunused-function"
#include "tasks.skel.h"
#pragma GCC diagnostic pop
#ifdef __clang_analyzer__
/* make check: the analyzer takes the generated open's error paths for
 * leaks (bpftool's code, not ours); let it see a declaration only */
struct zt_tasks *zt_tasks_open_analyzed(void);
#define zt_tasks__open zt_tasks_open_analyzed
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
		t->rss_fast = 0;
		for (int i = 0; i < ZT_MM_NCOUNTERS; i++)
			if (i != ZT_MM_SWAPENTS && r.rss_fast[i] > 0)
				t->rss_fast += r.rss_fast[i];
		t->pgtables_bytes = (r.flags & ZT_TF_NO_PGTBL) ? ZT_NA :
		    r.pgtables_bytes > 0 ? r.pgtables_bytes : 0;
		if (r.flags & ZT_TF_NO_MM) {
			t->rss_file = t->rss_anon = t->rss_shmem = t->swapents = 0;
			t->rss_fast = 0;
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
		t[i].pgtables_bytes = th[k].pgtables_bytes;
		t[i].flags = (t[i].flags & ~(unsigned)BT_NO_MM) |
		    (th[k].flags & (BT_OOM_SKIP | BT_VFORK | BT_PERCPU |
		    BT_NO_PGTBL | BT_THREAD_MM));
	}
	free(th);
	return m;
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
	struct zt_tasks *skel;
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

/*
 * What the BPF side cannot find itself, from the kernel's BTF: whether
 * the rss counters are per-CPU (6.2+: struct mm_rss_stat is gone) and,
 * for summing them, how far this_cpu_off lies from runqueues in the
 * per-CPU section (x86; see fill_pcpu_offsets in tasks.bpf.c).
 */
static int
btf_facts(int64_t *delta, char *why, size_t whylen)
{
	struct btf *btf = btf__load_vmlinux_btf();
	const struct btf_type *sec;
	int64_t rq = -1, tco = -1;
	int id;

	*delta = 0;
	if (btf == NULL) {
		snprintf(why, whylen, "no kernel BTF (/sys/kernel/btf/vmlinux)");
		return -1;
	}
	if (btf__find_by_name_kind(btf, "mm_rss_stat", BTF_KIND_STRUCT) >= 0) {
		btf__free(btf);
		return 0;	/* atomic counters: nothing to sum */
	}
	id = btf__find_by_name_kind(btf, ".data..percpu", BTF_KIND_DATASEC);
	sec = id > 0 ? btf__type_by_id(btf, (__u32)id) : NULL;
	for (int i = 0; sec != NULL && i < btf_vlen(sec); i++) {
		const struct btf_var_secinfo *v = &btf_var_secinfos(sec)[i];
		const struct btf_type *var = btf__type_by_id(btf, v->type);
		const char *name = var ? btf__name_by_offset(btf, var->name_off) : NULL;
		if (name != NULL && strcmp(name, "runqueues") == 0)
			rq = v->offset;
		else if (name != NULL && strcmp(name, "this_cpu_off") == 0)
			tco = v->offset;
	}
	btf__free(btf);
	if (rq < 0 || tco < 0) {
		snprintf(why, whylen, "per-CPU rss counters, and no this_cpu_off "
		    "in the kernel BTF to sum them (x86 only)");
		return -1;
	}
	*delta = tco - rq;
	return 0;
}

static int
possible_cpus(void)
{
	return libbpf_num_possible_cpus();
}

struct bpf_tasks *
bpf_tasks_open(bool refuse, char *why, size_t whylen)
{
	struct bpf_tasks *bt;
	struct zt_tasks *skel;
	const char *test = getenv("ZT_BPF_TEST");
	char reason[ZT_WHY_LEN * 2];
	int64_t delta;
	int err, ncpu;

	if (refuse) {
		snprintf(why, whylen, "--no-bpf");
		return NULL;
	}
	if (!privileged()) {
		snprintf(why, whylen, "needs root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)");
		return NULL;
	}
	ncpu = possible_cpus();
	if (ncpu <= 0 || ncpu > 1024) {
		snprintf(why, whylen, "%d possible CPUs (1..1024 supported)", ncpu);
		return NULL;
	}
	libbpf_warn[0] = libbpf_verifier[0] = '\0';
	libbpf_set_print(libbpf_note);
	if (btf_facts(&delta, why, whylen) < 0) {
		libbpf_set_print(NULL);
		return NULL;
	}
	skel = zt_tasks__open();
	if (skel == NULL) {
		err = errno;
		log_reason(reason, sizeof reason);
		snprintf(why, whylen, "BPF open: %.70s", reason[0] ? reason : strerror(err));
		libbpf_set_print(NULL);
		return NULL;
	}
	skel->rodata->zt_ncpus = (__u32)ncpu;
	skel->rodata->zt_break = test != NULL && strcmp(test, "verifier") == 0;
	err = zt_tasks__load(skel);
	if (err == 0)
		err = zt_tasks__attach(skel);
	if (err == 0)	/* before the first read; the verifier needs it not */
		skel->bss->zt_tco_delta = delta;
	if (err != 0) {
		log_reason(reason, sizeof reason);
		snprintf(why, whylen, "BPF load: %.80s", reason[0] ? reason :
		    strerror(err < 0 ? -err : err));
		zt_tasks__destroy(skel);
		libbpf_set_print(NULL);
		return NULL;
	}
	libbpf_set_print(NULL);
	bt = xcalloc(1, sizeof *bt);
	bt->skel = skel;
	bt->hz = sysconf(_SC_CLK_TCK);
	return bt;
}

void
bpf_tasks_close(struct bpf_tasks *bt)
{
	if (bt == NULL)
		return;
	zt_tasks__destroy(bt->skel);
	buf_free(&bt->buf);
	free(bt->tasks);
	free(bt);
}

/* One read of the iterator's fd into the buffer after its first left
 * bytes: bytes read, 0 at the end, -1 with why. */
static ssize_t
read_chunk(struct bpf_tasks *bt, int fd, size_t left, char *why, size_t whylen)
{
	for (;;) {
		ssize_t got = read(fd, bt->buf.p + left, bt->buf.cap - left - 1);
		if (got >= 0)
			return got;
		if (errno != EINTR) {
			snprintf(why, whylen, "reading the BPF iterator: %s",
			    strerror(errno));
			return -1;
		}
	}
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
	const size_t rec = sizeof(struct zt_task_rec);
	int fd = bpf_iter_create(bpf_link__fd(bt->skel->links.zt_tasks));
	size_t left = 0;
	int m = 0;

	*tasks = NULL;
	*n = 0;
	if (fd < 0) {
		snprintf(why, whylen, "BPF iterator: %s", strerror(errno));
		return -1;
	}
	buf_clear(&bt->buf);
	buf_reserve(&bt->buf, (size_t)64 * 1024);
	for (;;) {
		ssize_t got = read_chunk(bt, fd, left, why, whylen);
		if (got < 0) {
			close(fd);
			return -1;
		}
		/* the whole records so far; a split one waits for the rest */
		size_t have = left + (size_t)got, whole = have / rec * rec;
		if (got == 0)
			whole = have;	/* a partial record at the end: refused */
		if (m + (int)(whole / rec) + 1 >= bt->cap) {
			bt->cap = (m + (int)(whole / rec)) * 2 + 256;
			bt->tasks = xreallocarray(bt->tasks, (size_t)bt->cap,
			    sizeof *bt->tasks);
		}
		int k = bpf_tasks_decode(bt->buf.p, whole, bt->hz, bt->tasks + m,
		    bt->cap - m, why, whylen);
		if (k < 0) {
			close(fd);
			return -1;
		}
		m += k;
		if (got == 0)
			break;
		left = have - whole;
		memmove(bt->buf.p, bt->buf.p + whole, left);
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
