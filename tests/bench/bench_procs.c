/*
 * bench_procs.c: CPU per refresh of zonetop's candidate sampler against
 * the floor reader (floor.c), at N extra idle processes.
 *
 *   bench_procs FLOOR_BIN N...        spawn N idle children for each N,
 *                                     measure, print a table, clean up
 *   bench_procs measure MODE RUNS REFRESHES DETAIL
 *                                     one measurement in a fresh process
 *                                     (MODE procs: procs_sample alone;
 *                                     sampler: a whole sampler_take)
 *
 * Each measurement runs in its own process so its VmHWM (peak RSS) is
 * its own; CPU is getrusage user+sys, the median over RUNS runs of
 * REFRESHES refreshes each, after two warm-up refreshes (the first
 * opens every kept fd).  Children pause() and die with their parent
 * (PR_SET_PDEATHSIG); all are killed and reaped before exit.
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

#include "parsers.h"
#include "procfs.h"
#include "procs.h"
#include "sampler.h"
#include "snapshot.h"
#include "util.h"

static double
cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static long
status_kb(const char *key)
{
	char line[256];
	long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0)
			v = strtol(line + n, NULL, 10);
	fclose(f);
	return v;
}

static long
meminfo_kb(const char *key)
{
	char line[256];
	long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/meminfo", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0)
			v = strtol(line + n, NULL, 10);
	fclose(f);
	return v;
}

struct bench {
	int mode;		/* 0 procs, 1 sampler */
	struct procfs *pf;
	struct procs *pr;
	struct sampler *sm;
	struct sampler_opts o;
	struct zt_snapshot prev;
	bool have_prev;
	struct zt_buf buf;
};

static int
bench_refresh(struct bench *b)
{
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	int n;

	if (b->mode == 1) {
		sampler_take(b->sm, &s, b->have_prev ? &b->prev : NULL);
		n = s.nprocs_total;
		if (b->have_prev)
			snapshot_free(&b->prev);
		b->prev = s;
		b->have_prev = true;
		return n;
	}
	snapshot_init(&s);
	s.live = true;
	s.page_kb = (int)(sysconf(_SC_PAGESIZE) / 1024);
	if (procfs_read(b->pf, "meminfo", true, &b->buf, why, sizeof why) == 0)
		meminfo_parse(b->buf.p, b->buf.len, &s.meminfo, why, sizeof why);
	procs_sample(b->pr, &s, &b->o);
	n = s.nprocs_total;
	snapshot_free(&s);
	return n;
}

static int
measure(int argc, char **argv)
{
	struct bench b = { 0 };
	char why[ZT_WHY_LEN];
	int runs, per, n = 0;
	long hwm0, slab0;

	if (argc < 6)
		return 2;
	b.mode = strcmp(argv[2], "sampler") == 0;
	runs = atoi(argv[3]);
	per = atoi(argv[4]);
	if (runs < 1 || runs > 99 || per < 1)
		return 2;
	b.o.want_procs = true;
	b.o.detail_rows = atoi(argv[5]);
	hwm0 = status_kb("VmHWM:");
	slab0 = meminfo_kb("SUnreclaim:");
	if (b.mode == 1) {
		b.sm = sampler_open(&b.o, why, sizeof why);
		if (b.sm == NULL) {
			fprintf(stderr, "bench: %s\n", why);
			return 1;
		}
	} else {
		b.pf = procfs_open(NULL, why, sizeof why);
		if (b.pf == NULL || (b.pr = procs_open(b.pf)) == NULL) {
			fprintf(stderr, "bench: %s\n", why);
			return 1;
		}
	}
	bench_refresh(&b);
	bench_refresh(&b);
	long slab1 = meminfo_kb("SUnreclaim:");
	double *per_run = xcalloc((size_t)runs, sizeof *per_run);
	for (int r = 0; r < runs; r++) {
		double t0 = cpu_ms();
		for (int i = 0; i < per; i++)
			n = bench_refresh(&b);
		per_run[r] = (cpu_ms() - t0) / per;
	}
	qsort(per_run, (size_t)runs, sizeof *per_run, cmp_d);
	int budget = 0, kept = 0;
	if (b.pr)
		kept = procs_kept_fds(b.pr, &budget);
	printf("cpu_ms=%.3f hwm_kb=%ld base_kb=%ld kept=%d procs=%d slab_kb=%ld\n",
	    per_run[runs / 2], status_kb("VmHWM:"), hwm0, kept, n,
	    slab1 - slab0);
	free(per_run);
	if (b.have_prev)
		snapshot_free(&b.prev);
	sampler_close(b.sm);
	procs_close(b.pr);
	procfs_close(b.pf);
	buf_free(&b.buf);
	return 0;
}

/* Run argv in a child, its first stdout line into line. */
static int
run_capture(char *const argv[], char *line, size_t len)
{
	int pfd[2], st;
	pid_t pid;
	FILE *f;

	line[0] = '\0';
	if (pipe(pfd) != 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	f = fdopen(pfd[0], "r");
	if (f == NULL || fgets(line, (int)len, f) == NULL)
		line[0] = '\0';
	if (f)
		fclose(f);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 && line[0] ? 0 : -1;
}

static double
val(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	return p ? strtod(p + strlen(key), NULL) : -1;
}

static pid_t *kids;
static int nkids;

static void
kill_kids(void)
{
	for (int i = 0; i < nkids; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < nkids; i++)
		while (waitpid(kids[i], NULL, 0) < 0 && errno == EINTR)
			;
	nkids = 0;
}

static void
on_signal(int sig)
{
	(void)sig;
	kill_kids();
	_exit(1);
}

static int
spawn_idle(int n)
{
	int pfd[2];
	char c;

	if (pipe(pfd) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "bench: fork: %s after %d\n", strerror(errno), i);
			close(pfd[0]);
			close(pfd[1]);
			return -1;
		}
		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(pfd[0]);
			if (write(pfd[1], "x", 1) != 1)
				_exit(1);
			close(pfd[1]);
			for (;;)
				pause();
		}
		kids[nkids++] = pid;
	}
	close(pfd[1]);
	/* every child is up once each has written its byte */
	for (int i = 0; i < n; i++)
		if (read(pfd[0], &c, 1) != 1)
			break;
	close(pfd[0]);
	return 0;
}

int
main(int argc, char **argv)
{
	static char self[4096];
	const char *runs = "7", *per = "5";
	if (argc > 1 && strcmp(argv[1], "measure") == 0)
		return measure(argc, argv);
	if (argc < 3) {
		fputs("usage: bench_procs FLOOR_BIN N...\n", stderr);
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

	printf("CPU ms per refresh (getrusage user+sys, median of %s runs x %s "
	    "refreshes); peak RSS = VmHWM of the measuring process\n", runs, per);
	printf("%6s %6s | %8s %8s %6s | %8s %6s | %8s %8s | %9s %8s | %6s %9s\n",
	    "N", "procs", "floor", "zonetop", "ratio", "sampler", "ratio",
	    "peakRSS", "(base)", "all rows", "peakRSS", "kept", "kernel kB");
	for (int i = 2; i < argc; i++) {
		int n = atoi(argv[i]);
		double fl, zt, sa, all;
		char lf[512], lz[512], ls[512], la[512];

		if (spawn_idle(n) < 0) {
			kill_kids();
			return 1;
		}
		char *floor_argv[] = { argv[1], (char *)runs, (char *)per, (char *)"50", NULL };
		char *zt_argv[] = { self, (char *)"measure", (char *)"procs", (char *)runs,
		    (char *)per, (char *)"50", NULL };
		char *sa_argv[] = { self, (char *)"measure", (char *)"sampler", (char *)runs,
		    (char *)per, (char *)"50", NULL };
		char *all_argv[] = { self, (char *)"measure", (char *)"procs", (char *)runs,
		    (char *)per, (char *)"-1", NULL };
		if (run_capture(floor_argv, lf, sizeof lf) < 0 ||
		    run_capture(zt_argv, lz, sizeof lz) < 0 ||
		    run_capture(sa_argv, ls, sizeof ls) < 0 ||
		    run_capture(all_argv, la, sizeof la) < 0) {
			fprintf(stderr, "bench: a measurement failed at N=%d\n", n);
			kill_kids();
			return 1;
		}
		fl = val(lf, "cpu_ms=");
		zt = val(lz, "cpu_ms=");
		sa = val(ls, "cpu_ms=");
		all = val(la, "cpu_ms=");
		printf("%6d %6.0f | %8.2f %8.2f %5.2fx | %8.2f %5.2fx | %6.0fK %6.0fK | %9.2f %7.0fK | %6.0f %9.0f\n",
		    n, val(lz, "procs="), fl, zt, fl > 0 ? zt / fl : 0, sa,
		    fl > 0 ? sa / fl : 0, val(lz, "hwm_kb="), val(lz, "base_kb="),
		    all, val(la, "hwm_kb="), val(lz, "kept="), val(lz, "slab_kb="));
		fflush(stdout);
		kill_kids();
	}
	return 0;
}
