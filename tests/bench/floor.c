/*
 * floor.c: the cheapest reader we know of the facts zonetop's candidates
 * need (every process's /proc/PID/oom_score, the global totalpages, the
 * details of the rows shown), to measure zonetop's sampler against.  A
 * kept fd per pid on oom_score, pread at offset 0, regenerates the value
 * (fs/proc/base.c proc_oom_score() runs on each read) and fails with
 * ESRCH once the task is gone, so it is safe against pid reuse.
 *
 * Each refresh: meminfo (for totalpages), a rescan of /proc for new
 * pids (a new pid's stat read once, to leave kernel threads out), one fd
 * kept per pid on PID/oom_score and pread at offset 0, a sort, and for
 * the first DETAIL rows status, stat, cmdline, cgroup and oom_score_adj
 * read and picked apart.  No hash table (an array indexed by pid), no
 * budget, no pid-reuse check, no user names: a floor, not a tool.
 *
 *   floor RUNS REFRESHES DETAIL
 * prints "cpu_ms=<median CPU ms per refresh> hwm_kb=<VmHWM> kept=<fds>
 * procs=<ranked>".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

struct ent {
	int pid;
	long score;
};

static int dirfd_proc;
static DIR *dir;
static int *fds;		/* by pid: kept fd, -1 none, -2 kernel thread */
static unsigned *seen;		/* by pid: refresh that listed it */
static int *pids, npids;
static struct ent *ents;
static int pid_max;
static unsigned gen;
static long sink;		/* keeps the parsing from being optimised out */

static ssize_t
slurp(const char *rel, char *buf, size_t len)
{
	int fd = openat(dirfd_proc, rel, O_RDONLY | O_CLOEXEC);
	ssize_t n, got = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + got, len - 1 - (size_t)got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got;
}

static long
field(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static int
cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->pid - y->pid;
}

static void
details(int pid)
{
	static char buf[1 << 16];
	char rel[64];
	ssize_t n;

	snprintf(rel, sizeof rel, "%d/status", pid);
	if (slurp(rel, buf, sizeof buf) > 0)
		sink += field(buf, "VmRSS:") + field(buf, "VmSwap:") +
		    field(buf, "VmPTE:") + field(buf, "Uid:");
	snprintf(rel, sizeof rel, "%d/stat", pid);
	if (slurp(rel, buf, sizeof buf) > 0) {
		char *p = strrchr(buf, ')');
		if (p)
			sink += p[2];
	}
	snprintf(rel, sizeof rel, "%d/cmdline", pid);
	if ((n = slurp(rel, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		sink += buf[0];
	}
	snprintf(rel, sizeof rel, "%d/cgroup", pid);
	if (slurp(rel, buf, sizeof buf) > 0) {
		char *p = strstr(buf, ":memory:");
		sink += p ? p[8] : 0;
	}
	snprintf(rel, sizeof rel, "%d/oom_score_adj", pid);
	if (slurp(rel, buf, sizeof buf) > 0)
		sink += strtol(buf, NULL, 10);
}

static int
refresh(int detail)
{
	static char buf[8192];
	struct dirent *de;
	int n = 0;

	if (slurp("meminfo", buf, sizeof buf) > 0)
		sink += field(buf, "MemTotal:") + field(buf, "SwapTotal:");
	gen++;
	rewinddir(dir);
	while ((de = readdir(dir)) != NULL) {
		int pid = atoi(de->d_name);
		if (pid <= 0 || pid > pid_max)
			continue;
		if (seen[pid] == 0) {
			char rel[32];
			snprintf(rel, sizeof rel, "%d/stat", pid);
			if (slurp(rel, buf, sizeof buf) <= 0)
				continue;
			/* flags, the 9th field: PF_KTHREAD */
			char *p = strrchr(buf, ')');
			unsigned long flags = 0;
			if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %lu", &flags) == 1 &&
			    (flags & 0x00200000)) {
				fds[pid] = -2;
			} else {
				snprintf(rel, sizeof rel, "%d/oom_score", pid);
				fds[pid] = openat(dirfd_proc, rel, O_RDONLY | O_CLOEXEC);
				if (fds[pid] < 0)
					continue;
			}
			pids[npids++] = pid;
		}
		seen[pid] = gen;
	}
	for (int i = npids - 1; i >= 0; i--) {
		int pid = pids[i];
		char b[32];
		ssize_t r = -1;

		if (seen[pid] == gen && fds[pid] == -2)
			continue;
		if (seen[pid] == gen)
			r = pread(fds[pid], b, sizeof b - 1, 0);
		if (r < 0) {	/* gone: ESRCH, or not listed any more */
			if (fds[pid] >= 0)
				close(fds[pid]);
			fds[pid] = -1;
			seen[pid] = 0;
			pids[i] = pids[--npids];
			continue;
		}
		b[r] = '\0';
		ents[n].pid = pid;
		ents[n].score = strtol(b, NULL, 10);
		n++;
	}
	qsort(ents, (size_t)n, sizeof *ents, cmp);
	for (int i = 0; i < n && (detail < 0 || i < detail); i++)
		details(ents[i].pid);
	return n;
}

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

int
main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 7;
	int per = argc > 2 ? atoi(argv[2]) : 5;
	int detail = argc > 3 ? atoi(argv[3]) : 50;
	struct rlimit rl;
	char buf[4096];
	FILE *f;
	int n = 0;

	if (runs < 1 || runs > 99 || per < 1) {
		fputs("usage: floor RUNS REFRESHES DETAIL\n", stderr);
		return 2;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	f = fopen("/proc/sys/kernel/pid_max", "r");
	if (f == NULL || fscanf(f, "%d", &pid_max) != 1)
		pid_max = 4194304;
	if (f)
		fclose(f);
	fds = calloc((size_t)pid_max + 1, sizeof *fds);
	seen = calloc((size_t)pid_max + 1, sizeof *seen);
	pids = calloc((size_t)pid_max + 1, sizeof *pids);
	ents = calloc((size_t)pid_max + 1, sizeof *ents);
	dirfd_proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (!fds || !seen || !pids || !ents || dirfd_proc < 0 ||
	    (dir = fdopendir(dup(dirfd_proc))) == NULL) {
		perror("floor");
		return 1;
	}
	/* warm up: the first refresh opens every fd */
	refresh(detail);
	refresh(detail);
	double *per_run = calloc((size_t)runs, sizeof *per_run);
	for (int r = 0; r < runs; r++) {
		double t0 = cpu_ms();
		for (int i = 0; i < per; i++)
			n = refresh(detail);
		per_run[r] = (cpu_ms() - t0) / per;
	}
	qsort(per_run, (size_t)runs, sizeof *per_run, cmp_d);
	long hwm = -1;
	if ((f = fopen("/proc/self/status", "r")) != NULL) {
		while (fgets(buf, sizeof buf, f))
			if (strncmp(buf, "VmHWM:", 6) == 0)
				hwm = strtol(buf + 6, NULL, 10);
		fclose(f);
	}
	int kept = 0;
	for (int i = 0; i < npids; i++)
		kept += fds[pids[i]] >= 0;
	printf("cpu_ms=%.3f hwm_kb=%ld kept=%d procs=%d sink=%ld\n",
	    per_run[runs / 2], hwm, kept, n, sink & 1);
	return 0;
}
