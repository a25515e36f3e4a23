/*
 * bench_util.h: what the bench programs (bench_procs.c, bench_bpf.c)
 * share: CPU time and peak memory of this process, a child's first
 * output line, and the idle processes they measure against, killed on
 * exit or a signal.  Each program includes it once.
 */
#ifndef ZT_BENCH_UTIL_H
#define ZT_BENCH_UTIL_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* The number after key in a "Key: N kB" file (the last such line), -1
 * when missing. */
static long
file_kb(const char *path, const char *key)
{
	char line[256];
	long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0)
			v = strtol(line + n, NULL, 10);
	fclose(f);
	return v;
}

static long
status_kb(const char *key)
{
	return file_kb("/proc/self/status", key);
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

#endif
