/*
 * bench_bpf.c: the BPF path of the candidates (procs_bpf.c) against the
 * same BPF program only read, and against the floor reader (floor.c),
 * at N extra idle processes; the first frame's time.
 *
 *   bench_bpf FLOOR_BIN N...          spawn N idle children for each N,
 *                                     measure, print a table, clean up
 *   bench_bpf measure MODE RUNS REFRESHES DETAIL
 *                                     one measurement in a fresh process
 *                                     (iter: the task iterator read and
 *                                     decoded, nothing else, the minimal
 *                                     iterator; bpf: procs_bpf_sample,
 *                                     the full refresh with exact ranking
 *                                     and DETAIL rows of details; first:
 *                                     sampler_open, the BPF load included,
 *                                     to the first snapshot with
 *                                     candidates, as the monitor starts;
 *                                     first-proc: the same with
 *                                     --no-bpf, the /proc path)
 *
 * CPU is getrusage user+sys (the kernel's time in the iterator counts),
 * the median over RUNS runs of REFRESHES refreshes after two warm-ups;
 * the first frame is wall and CPU time (the BPF loader child's
 * included), median of three fresh processes, on each path.  Children pause() and die with their parent
 * (PR_SET_PDEATHSIG); all are killed and reaped before exit.  Where the
 * iterator does not load, it says why and measures nothing.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpf_tasks.h"
#include "parsers.h"
#include "procfs.h"
#include "procs_bpf.h"
#include "sampler.h"
#include "snapshot.h"
#include "util.h"

#include "bench_util.h"

enum { M_ITER, M_BPF, M_FIRST, M_FIRST_PROC };

struct bench {
	int mode;
	struct procfs *pf;
	struct bpf_tasks *bt;
	struct procs *pr;	/* the ranking the BPF path feeds */
	struct procs_bpf *pb;
	struct sampler_opts o;
	struct zt_buf buf;
	char kernel[65];
};

static int
bench_refresh(struct bench *b)
{
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	int n;

	if (b->mode == M_ITER) {
		const struct bt_task *t;
		if (bpf_tasks_read(b->bt, &t, &n, why, sizeof why) < 0) {
			fprintf(stderr, "bench: %s\n", why);
			exit(1);
		}
		return n;
	}
	snapshot_init(&s);
	s.live = true;
	s.page_kb = (int)(sysconf(_SC_PAGESIZE) / 1024);
	strlcpy0(s.kernel, b->kernel, sizeof s.kernel);
	if (procfs_read(b->pf, "meminfo", true, &b->buf, why, sizeof why) == 0)
		meminfo_parse(b->buf.p, b->buf.len, &s.meminfo, why, sizeof why);
	if (procs_bpf_sample(b->pb, &s, &b->o, why, sizeof why) < 0) {
		fprintf(stderr, "bench: %s\n", why);
		exit(1);
	}
	n = s.nprocs_total;
	snapshot_free(&s);
	return n;
}

/* CPU ms of this process and its reaped children (the BPF loader). */
static double
cpu_all_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	return cpu_ms() + (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* Wall and CPU ms from sampler_open to the first snapshot with
 * candidates: "first_ms=<wall> first_cpu_ms=<cpu> source=<bpf|procfs>
 * hwm_kb=<peak RSS> pending=<contenders>"; where that frame left the
 * victim pending, the wall ms to the next sample (taken at once, as the
 * live screen does), which names it: "victim_ms=". */
static int
first_frame(struct sampler_opts *o)
{
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	double c0 = cpu_all_ms(), t0 = mono_now();
	struct sampler *sm = sampler_open(o, why, sizeof why);

	if (sm == NULL) {
		fprintf(stderr, "bench: %s\n", why);
		return 1;
	}
	sampler_take(sm, &s, NULL);
	double wall = (mono_now() - t0) * 1e3, cpu = cpu_all_ms() - c0;
	long hwm = status_kb("VmHWM:");
	double vwall = wall;
	if (s.victim_pending > 0) {
		struct zt_snapshot s2;
		sampler_take(sm, &s2, &s);
		vwall = (mono_now() - t0) * 1e3;
		snapshot_free(&s2);
	}
	printf("first_ms=%.1f first_cpu_ms=%.1f source=%s procs=%d hwm_kb=%ld "
	    "pending=%d victim_ms=%.1f\n", wall, cpu,
	    s.procs_source == ZT_PROCS_BPF ? "bpf" : "procfs", s.nprocs_total,
	    hwm, s.victim_pending, vwall);
	snapshot_free(&s);
	sampler_close(sm);
	return 0;
}

static int
bench_open(struct bench *b)
{
	char why[ZT_WHY_LEN];
	struct zt_buf k = { 0 };

	if (b->mode == M_ITER)
		b->bt = bpf_tasks_open(false, why, sizeof why);
	else {
		b->pf = procfs_open(NULL, why, sizeof why);
		if (b->pf != NULL)
			b->pr = procs_open(b->pf);
		if (b->pr != NULL)
			b->pb = procs_bpf_open(b->pr, false, why, sizeof why);
		if (b->pf != NULL &&
		    procfs_read(b->pf, "sys/kernel/osrelease", false, &k, why, sizeof why) == 0)
			snprintf(b->kernel, sizeof b->kernel, "%.*s",
			    (int)strcspn(k.p, "\n"), k.p);
		buf_free(&k);
	}
	if (b->bt == NULL && b->pb == NULL) {
		fprintf(stderr, "bench: %s\n", why);
		return -1;
	}
	return 0;
}

static int
measure(int argc, char **argv)
{
	struct bench b = { 0 };
	int runs, per, n = 0;

	if (argc < 6)
		return 2;
	b.mode = strcmp(argv[2], "iter") == 0 ? M_ITER :
	    strcmp(argv[2], "first") == 0 ? M_FIRST :
	    strcmp(argv[2], "first-proc") == 0 ? M_FIRST_PROC : M_BPF;
	runs = atoi(argv[3]);
	per = atoi(argv[4]);
	if (runs < 1 || runs > 99 || per < 1)
		return 2;
	b.o.want_procs = true;
	b.o.detail_rows = atoi(argv[5]);
	b.o.no_bpf = b.mode == M_FIRST_PROC;
	/* as the live screen asks (ui.c): on /proc, thousands of contenders
	 * leave the victim pending to the second sample */
	b.o.quick_first = true;
	if (b.mode == M_FIRST || b.mode == M_FIRST_PROC)
		return first_frame(&b.o);
	if (bench_open(&b) < 0)
		return 1;
	bench_refresh(&b);
	bench_refresh(&b);
	double *per_run = xcalloc((size_t)runs, sizeof *per_run);
	for (int r = 0; r < runs; r++) {
		double t0 = cpu_ms();
		for (int i = 0; i < per; i++)
			n = bench_refresh(&b);
		per_run[r] = (cpu_ms() - t0) / per;
	}
	qsort(per_run, (size_t)runs, sizeof *per_run, cmp_d);
	printf("cpu_ms=%.3f hwm_kb=%ld procs=%d\n", per_run[runs / 2],
	    status_kb("VmHWM:"), n);
	free(per_run);
	bpf_tasks_close(b.bt);
	procs_bpf_close(b.pb);
	procs_close(b.pr);
	procfs_close(b.pf);
	buf_free(&b.buf);
	return 0;
}

/* The first frame on one path ("first" or "first-proc"): median of
 * three fresh processes' wall and CPU ms, and the largest peak RSS. */
static void
first_row(const char *self, const char *mode, double *wall, double *cpu,
    long *hwm, bool *bpf, double *victim)
{
	char line[3][512];
	double w[3], c[3], v[3];
	char *argv[] = { (char *)self, (char *)"measure", (char *)mode,
	    (char *)"1", (char *)"1", (char *)"50", NULL };

	*hwm = 0;
	for (int k = 0; k < 3; k++) {
		if (run_capture(argv, line[k], sizeof line[k]) < 0)
			line[k][0] = '\0';
		w[k] = val(line[k], "first_ms=");
		c[k] = val(line[k], "first_cpu_ms=");
		v[k] = val(line[k], "victim_ms=");
		if ((long)val(line[k], "hwm_kb=") > *hwm)
			*hwm = (long)val(line[k], "hwm_kb=");
	}
	qsort(w, 3, sizeof w[0], cmp_d);
	qsort(c, 3, sizeof c[0], cmp_d);
	qsort(v, 3, sizeof v[0], cmp_d);
	*wall = w[1];
	*cpu = c[1];
	*victim = v[1];
	*bpf = strstr(line[0], "source=bpf") != NULL;
}

/* One row: the floor, the iterator, the full refresh, the first frame
 * on each path. */
static void
bench_row(const char *self, const char *floor_bin, int n)
{
	static const char runs[] = "7", per[] = "5";
	char lf[512], li[512], lb[512];
	double fl, it, bp, w1, c1, w2, c2, v1, v2;
	long h1, h2;
	bool via1, via2;
	char *floor_argv[] = { (char *)floor_bin, (char *)runs, (char *)per,
	    (char *)"50", NULL };
	char *it_argv[] = { (char *)self, (char *)"measure", (char *)"iter",
	    (char *)runs, (char *)per, (char *)"50", NULL };
	char *bpf_argv[] = { (char *)self, (char *)"measure", (char *)"bpf",
	    (char *)runs, (char *)per, (char *)"50", NULL };

	if (run_capture(floor_argv, lf, sizeof lf) < 0)
		lf[0] = '\0';
	if (run_capture(it_argv, li, sizeof li) < 0 ||
	    run_capture(bpf_argv, lb, sizeof lb) < 0) {
		printf("%6d  BPF path not measured: %s\n", n,
		    bpf_tasks_build_why()[0] ? bpf_tasks_build_why() :
		    "the iterator did not load (zonetop --help says why)");
		return;
	}
	first_row(self, "first", &w1, &c1, &h1, &via1, &v1);
	first_row(self, "first-proc", &w2, &c2, &h2, &via2, &v2);
	fl = val(lf, "cpu_ms=");
	it = val(li, "cpu_ms=");
	bp = val(lb, "cpu_ms=");
	printf("%6d %6.0f | %8.2f | %8.2f | %8.2f %6.2fx %6.2fx %7.0fK | %8.1f %8.1f %7ldK | %8.1f %8.1f %7ldK %s\n",
	    n, val(lb, "procs="), fl, it, bp, it > 0 ? bp / it : 0,
	    fl > 0 ? bp / fl : 0, val(lb, "hwm_kb="), w1, c1, h1, w2, c2, h2,
	    via1 ? "" : "(BPF first frame not via BPF)");
	/* a first frame that left the victim pending: when the next named it */
	if (v1 > w1 + 0.05 || v2 > w2 + 0.05)
		printf("%6s victim named at %.1f ms wall (BPF), %.1f ms (/proc): the "
		    "first frame left it pending\n", "", v1, v2);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	static char self[4096];

	if (argc > 1 && strcmp(argv[1], "measure") == 0)
		return measure(argc, argv);
	if (argc < 3) {
		fputs("usage: bench_bpf FLOOR_BIN N...\n", stderr);
		return 2;
	}
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	if (sl <= 0)
		return 1;
	self[sl] = '\0';
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);

	int maxn = 0;
	for (int i = 2; i < argc; i++)
		if (atoi(argv[i]) > maxn)
			maxn = atoi(argv[i]);
	kids = xcalloc((size_t)maxn + 1, sizeof *kids);

	printf("BPF path: CPU ms per refresh (getrusage user+sys, median of 7 runs x 5 "
	    "refreshes); first frame: sampler_open to the first snapshot with 50 "
	    "rows, the BPF load (its loader child's CPU) included, median of 3 "
	    "(wall, CPU, peak RSS), on the BPF path and with --no-bpf\n");
	printf("%6s %6s | %8s | %8s | %8s %7s %7s %8s | %8s %8s %8s | %8s %8s %8s\n",
	    "N", "procs", "floor", "iterator", "refresh", "/iter", "/floor",
	    "peakRSS", "1st wall", "1st CPU", "1st RSS", "/proc 1st", "CPU", "RSS");
	for (int i = 2; i < argc; i++) {
		int n = atoi(argv[i]);
		if (spawn_idle(n) < 0) {
			kill_kids();
			return 1;
		}
		bench_row(self, argv[1], n);
		kill_kids();
	}
	return 0;
}
