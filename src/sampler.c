/*
 * sampler.c: one tick of reading.  Every source is read through procfs
 * (kept fds, pread), parsed by its pure parser, and marked ok or
 * unavailable with the reason.  pagetypeinfo is read only on request:
 * it walks every free list under the zone lock (pagetypeinfo_showfree(),
 * mm/vmstat.c: 6.9 ms a read on a 2-core VM against 47 us for
 * zoneinfo), costs more than everything else together, and is root-only
 * since 5.4 (0400 in proc_create_seq(), mm/vmstat.c).
 */
#include "sampler.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "derive.h"
#include "kmsg.h"
#include "parsers.h"
#include "procfs.h"
#include "procs_bpf.h"
#include "procs.h"
#include "trend.h"
#include "selfguard.h"
#include "util.h"
#include "vmprobe.h"

struct sampler {
	struct procfs *pf;
	struct procs *procs;
	struct procs_bpf *pbpf;	/* the BPF fast path, NULL: /proc */
	char bpf_why[ZT_WHY_LEN];	/* why not BPF, "" when it is used */
	struct kmsg *kmsg;	/* the kernel log, for OOM reports */
	struct sampler_opts o;
	struct zt_buf buf;
	char hostname[65];
	char kernel[65];
	int page_kb;		/* 0 until known */
	struct trend *trend;	/* recent samples, for time to trouble */
	const char *cli_cgroup;	/* --cgroup as given */
	char scope[256];	/* sampler_set_cgroup()'s, "" none */
};

/* "-p 1,2 -u root --cgroup /x": what the rows were chosen by. */
static void
sampler_filter_text(const struct sampler_opts *o, char *buf, size_t len)
{
	struct zt_buf b = { 0 };

	if (o->filter_pids != NULL && o->filter_pids[0] != 0) {
		buf_printf(&b, "-p ");
		for (int i = 0; o->filter_pids[i] != 0; i++)
			buf_printf(&b, "%s%d", i ? "," : "", o->filter_pids[i]);
	}
	if (o->filter_user != NULL && o->filter_user[0])
		buf_printf(&b, "%s-u %s", b.len ? " " : "", o->filter_user);
	if (o->filter_cgroup != NULL && o->filter_cgroup[0])
		buf_printf(&b, "%s--cgroup %s", b.len ? " " : "", o->filter_cgroup);
	/* untrusted bytes are escaped where it is shown */
	strlcpy0(buf, b.len ? b.p : "", len);
	buf_free(&b);
}

/* Loading the BPF program (BTF parsed, the verifier run) costs about
 * as much as reading this many processes from /proc once (measured
 * with make bench: 40-50 ms each at 1,000 processes here) */
#define SAMPLER_ONE_BPF 1000

/* Whether a single sample should read /proc: fewer tasks than
 * SAMPLER_ONE_BPF (threads included, as /proc/loadavg counts them, an
 * upper bound on the processes); why into why. */
static bool
sampler_few_tasks(struct procfs *pf, char *why, size_t whylen)
{
	struct zt_buf b = { 0 };
	char e[ZT_WHY_LEN];
	long all = -1;
	bool few = false;
	const char *slash;
	char *after;

	/* "0.00 0.01 0.05 RUNNING/ALL LASTPID": the one '/' is the fourth
	 * field's */
	if (procfs_read(pf, "loadavg", false, &b, e, sizeof e) == 0 && b.p &&
	    (slash = strchr(b.p, '/')) != NULL) {
		errno = 0;
		all = strtol(slash + 1, &after, 10);
		if (after == slash + 1 || errno != 0)
			all = -1;
	}
	if (all >= 0 && all < SAMPLER_ONE_BPF) {
		snprintf(why, whylen, "one sample of %ld tasks: /proc costs less "
		    "than loading the BPF program", all);
		few = true;
	}
	buf_free(&b);
	return few;
}

struct sampler *
sampler_open(const struct sampler_opts *o, char *why, size_t whylen)
{
	struct sampler *sm;
	struct procfs *pf = procfs_open(o->proc_root, why, whylen);

	if (pf == NULL)
		return NULL;
	if (o->sys_root != NULL &&
	    procfs_set_sys_root(pf, o->sys_root, why, whylen) < 0) {
		procfs_close(pf);
		return NULL;
	}
	sm = xcalloc(1, sizeof *sm);
	sm->pf = pf;
	sm->o = *o;
	sm->cli_cgroup = o->filter_cgroup;
	if (o->want_procs)
		sm->procs = procs_open(pf);
	/* BPF fast path (procs_bpf.c): live only, /proc stays the fallback */
	if (o->want_procs && procfs_live(pf) && o->sys_root == NULL &&
	    !(o->one_sample && !o->no_bpf &&
	    sampler_few_tasks(pf, sm->bpf_why, sizeof sm->bpf_why)))
		sm->pbpf = procs_bpf_open(sm->procs, o->no_bpf, sm->bpf_why,
		    sizeof sm->bpf_why);
	sm->kmsg = kmsg_open(pf);
	sm->trend = trend_new();
	if (procfs_live(pf))
		sm->page_kb = (int)(sysconf(_SC_PAGESIZE) / 1024);
	return sm;
}

void
sampler_close(struct sampler *sm)
{
	if (sm == NULL)
		return;
	if (sm->procs)
		procs_close(sm->procs);
	procs_bpf_close(sm->pbpf);
	kmsg_close(sm->kmsg);
	trend_free(sm->trend);
	procfs_close(sm->pf);
	buf_free(&sm->buf);
	free(sm);
}

void
sampler_set_pagetypeinfo(struct sampler *sm, bool on)
{
	sm->o.want_pagetypeinfo = on;
}

void
sampler_set_detail_rows(struct sampler *sm, int rows)
{
	sm->o.detail_rows = rows;
}

void
sampler_set_cgroup(struct sampler *sm, const char *path)
{
	if (path != NULL && path[0] != '\0') {
		strlcpy0(sm->scope, path, sizeof sm->scope);
		sm->o.filter_cgroup = sm->scope;
	} else
		sm->o.filter_cgroup = sm->cli_cgroup;
}

/* Read rel into sm->buf; on failure mark src unavailable.  Returns 0/-1. */
static int
read_source(struct sampler *sm, struct zt_snapshot *s, int src,
    const char *rel)
{
	char why[ZT_WHY_LEN];

	if (procfs_read(sm->pf, rel, true, &sm->buf, why, sizeof why) < 0) {
		char msg[ZT_WHY_LEN];
		snprintf(msg, sizeof msg, "%.30s: %.60s", rel, why);
		status_set(s, src, false, msg);
		return -1;
	}
	return 0;
}

typedef int (*snap_parser)(const char *, size_t, struct zt_snapshot *,
    char *, size_t);

static void
parse_source(struct sampler *sm, struct zt_snapshot *s, int src,
    const char *rel, snap_parser parse)
{
	char why[ZT_WHY_LEN] = "";

	if (read_source(sm, s, src, rel) < 0)
		return;
	if (parse(sm->buf.p, sm->buf.len, s, why, sizeof why) < 0) {
		char msg[ZT_WHY_LEN];
		snprintf(msg, sizeof msg, "%.30s: %.60s", rel, why);
		status_set(s, src, false, msg);
	} else
		status_set(s, src, true, NULL);
}

static int
parse_meminfo_src(const char *t, size_t n, struct zt_snapshot *s, char *why,
    size_t wl)
{
	return meminfo_parse(t, n, &s->meminfo, why, wl);
}

static int
parse_vmstat_src(const char *t, size_t n, struct zt_snapshot *s, char *why,
    size_t wl)
{
	return vmstat_parse(t, n, &s->vmstat, why, wl);
}

static int
parse_swaps_src(const char *t, size_t n, struct zt_snapshot *s, char *why,
    size_t wl)
{
	return swaps_parse(t, n, &s->swaps, &s->nswaps, why, wl);
}

static int
parse_psi_src(const char *t, size_t n, struct zt_snapshot *s, char *why,
    size_t wl)
{
	return psi_parse(t, n, &s->psi, why, wl);
}

/* A one-line text file, such as sys/kernel/hostname, into dst. */
static void
read_line(struct sampler *sm, const char *rel, char *dst, size_t len)
{
	char why[ZT_WHY_LEN];

	if (procfs_read(sm->pf, rel, false, &sm->buf, why, sizeof why) < 0) {
		dst[0] = '\0';
		return;
	}
	size_t n = strcspn(sm->buf.p, "\n");
	escape_text(dst, len, sm->buf.p, n);
}

static void
read_sysctls(struct sampler *sm, struct zt_snapshot *s)
{
	static const struct {
		const char *rel;
		size_t off;
	} one[] = {
		{ "sys/vm/overcommit_memory", offsetof(struct zt_sysctl, overcommit_memory) },
		{ "sys/vm/overcommit_ratio", offsetof(struct zt_sysctl, overcommit_ratio) },
		{ "sys/vm/overcommit_kbytes", offsetof(struct zt_sysctl, overcommit_kbytes) },
		{ "sys/vm/min_free_kbytes", offsetof(struct zt_sysctl, min_free_kbytes) },
		{ "sys/vm/watermark_scale_factor", offsetof(struct zt_sysctl, watermark_scale_factor) },
		{ "sys/vm/watermark_boost_factor", offsetof(struct zt_sysctl, watermark_boost_factor) },
		{ "sys/vm/swappiness", offsetof(struct zt_sysctl, swappiness) },
	};
	char why[ZT_WHY_LEN], first_why[ZT_WHY_LEN] = "";
	int got = 0;

	for (size_t i = 0; i < ZT_ARRAY_LEN(one); i++) {
		int64_t *dst = (int64_t *)(void *)((char *)&s->sysctl + one[i].off);
		int64_t v;

		if (procfs_read(sm->pf, one[i].rel, true, &sm->buf, why, sizeof why) < 0) {
			if (first_why[0] == '\0')
				snprintf(first_why, sizeof first_why, "%.30s: %.60s", one[i].rel, why);
			continue;
		}
		if (parse_i64_str(sm->buf.p, &v)) {
			*dst = v;
			got++;
		}
	}
	if (procfs_read(sm->pf, "sys/vm/lowmem_reserve_ratio", true, &sm->buf,
	    why, sizeof why) == 0) {
		int n = intlist_parse(sm->buf.p, sm->buf.len,
		    s->sysctl.lowmem_reserve_ratio, ZT_MAX_ZONE_TYPES);
		if (n > 0) {
			s->sysctl.nlowmem_ratio = n;
			got++;
		}
	}
	status_set(s, ZT_SRC_SYSCTL, got > 0, got ? NULL :
	    first_why[0] ? first_why : "sys/vm: nothing readable");
}

/*
 * Page size of a capture: the kernel does not print it in these files,
 * so pick the size that makes the zones' present pages add up to
 * MemTotal (MemTotal <= present pages; both are known for any capture
 * with zoneinfo and meminfo).  0 when that cannot tell.
 */
static int
infer_page_kb(const struct zt_snapshot *s)
{
	static const int sizes[] = { 4, 8, 16, 64 };
	int64_t total = kvs_get(&s->meminfo, "MemTotal"), present = 0;
	int best = 4;
	double best_err = 1e300;

	for (int i = 0; i < s->nzones; i++)
		if (zt_have(s->zones[i].present))
			present += s->zones[i].present;
	if (!zt_have(total) || total <= 0 || present <= 0)
		return 0;
	for (size_t i = 0; i < ZT_ARRAY_LEN(sizes); i++) {
		double ratio = (double)total / ((double)present * sizes[i]);
		double err = ratio > 1 ? (ratio - 1) * 4 : 1 - ratio;
		if (err < best_err) {
			best_err = err;
			best = sizes[i];
		}
	}
	return best;
}

int
sampler_take(struct sampler *sm, struct zt_snapshot *s,
    const struct zt_snapshot *prev)
{
	char uptime[64];

	snapshot_init(s);
	clock_gettime(CLOCK_REALTIME, &s->when);
	s->mono = mono_now();
	s->live = procfs_live(sm->pf);

	if (sm->kernel[0] == '\0') {
		read_line(sm, "sys/kernel/osrelease", sm->kernel, sizeof sm->kernel);
		read_line(sm, "sys/kernel/hostname", sm->hostname, sizeof sm->hostname);
	}
	strlcpy0(s->kernel, sm->kernel, sizeof s->kernel);
	strlcpy0(s->hostname, sm->hostname, sizeof s->hostname);
	read_line(sm, "uptime", uptime, sizeof uptime);
	{
		const char *p = uptime;
		double up;
		if (parse_double(&p, &up))
			s->uptime = up;
	}

	/* before vmstat: a kill is counted before it is logged, so every
	 * report read now is already in oom_kill */
	kmsg_poll(sm->kmsg, s);
	parse_source(sm, s, ZT_SRC_ZONEINFO, "zoneinfo", zoneinfo_parse);
	parse_source(sm, s, ZT_SRC_BUDDYINFO, "buddyinfo", buddyinfo_parse);
	if (sm->o.want_pagetypeinfo)
		parse_source(sm, s, ZT_SRC_PAGETYPEINFO, "pagetypeinfo",
		    pagetypeinfo_parse);
	else {
		status_set(s, ZT_SRC_PAGETYPEINFO, false,
		    "not read (costly: read only in the detail view)");
		s->status[ZT_SRC_PAGETYPEINFO].skipped = true;
	}
	parse_source(sm, s, ZT_SRC_MEMINFO, "meminfo", parse_meminfo_src);
	parse_source(sm, s, ZT_SRC_VMSTAT, "vmstat", parse_vmstat_src);
	parse_source(sm, s, ZT_SRC_SWAPS, "swaps", parse_swaps_src);
	parse_source(sm, s, ZT_SRC_PSI, "pressure/memory", parse_psi_src);
	read_sysctls(sm, s);

	if (sm->page_kb == 0)
		sm->page_kb = infer_page_kb(s);
	/* a capture without both: 4 KiB taken for the arithmetic, and said */
	s->page_kb = sm->page_kb > 0 ? sm->page_kb : 4;
	s->page_kb_assumed = sm->page_kb == 0;

	if (!sm->o.no_vm)
		vm_probe(sm->pf, s, prev);

	if (sm->procs != NULL) {
		/* BPF fast path; a failed read falls back to /proc for good */
		if (sm->pbpf != NULL &&
		    procs_bpf_sample(sm->pbpf, s, &sm->o, sm->bpf_why,
		    sizeof sm->bpf_why) < 0) {
			procs_bpf_close(sm->pbpf);
			sm->pbpf = NULL;
		}
		if (sm->pbpf == NULL)
			procs_sample(sm->procs, s, &sm->o);
		sampler_filter_text(&sm->o, s->procs_filter, sizeof s->procs_filter);
		if (s->live)
			strlcpy0(s->bpf_why, sm->bpf_why, sizeof s->bpf_why);
	} else {
		status_set(s, ZT_SRC_PROCS, false, "not read");
		s->status[ZT_SRC_PROCS].skipped = true;
	}

	/* before the verdict, which speaks of a short time to trouble */
	trend_observe(sm->trend, s);
	if (s->live)
		s->self = *selfguard_state();
	derive_snapshot(s, prev);
	return 0;
}
