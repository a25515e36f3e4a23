/*
 * spawn.c: the process load for the soak tests.
 *
 *   spawn churn RATE SECONDS LOG [MAXLIFE_MS]
 *	fork RATE children a second for SECONDS; each lives a random 0 ..
 *	MAXLIFE_MS (default 40) and exits.  LOG gets one line per child:
 *	"pid start_time t_fork t_reaped": start_time as in /proc/PID/stat
 *	(field 22, read while the child cannot yet be reaped), t_fork taken
 *	before fork() and t_reaped after waitpid() returned, CLOCK_REALTIME
 *	seconds.  So /proc/PID of that child existed only inside
 *	[t_fork, t_reaped]: the ground truth the soak checker holds zonetop
 *	to.  Prints the forks done and the rate reached.
 *
 *   spawn idle N
 *	fork N children that sleep until killed; prints "ready" once all
 *	exist, then waits; SIGTERM ends it and them.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct child {
	int pid;
	unsigned long long start_time;
	double t_fork;
};

static struct child *kids;
static int nkids, capkids;
static FILE *logfp;

static double
now_real(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Field 22 of /proc/PID/stat; the comm may hold ") " so start after the
 * last ')'. */
static unsigned long long
start_time_of(int pid)
{
	char path[64], buf[1024];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	if (p == NULL)
		return 0;
	p += 2;				/* field 3, the state */
	for (int f = 3; f < 22 && p != NULL; f++) {
		p = strchr(p, ' ');
		if (p != NULL)
			p++;
	}
	return p != NULL ? strtoull(p, NULL, 10) : 0;
}

static void
reap(int flags)
{
	int pid, st;

	while ((pid = waitpid(-1, &st, flags)) > 0) {
		double t = now_real();
		for (int i = 0; i < nkids; i++) {
			if (kids[i].pid != pid)
				continue;
			fprintf(logfp, "%d %llu %.6f %.6f\n", pid,
			    kids[i].start_time, kids[i].t_fork, t);
			kids[i] = kids[--nkids];
			break;
		}
	}
}

static void
child_life(unsigned maxlife_ms, unsigned seed)
{
	unsigned ms = maxlife_ms ? (seed * 2654435761u) % (maxlife_ms + 1) : 0;
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	prctl(PR_SET_NAME, "zt-churn");
	if (ms)
		nanosleep(&ts, NULL);
	_exit(0);
}

static int
churn(double rate, double secs, const char *path, unsigned maxlife)
{
	struct timespec next;
	long forks = 0;
	double t0;

	if ((logfp = fopen(path, "w")) == NULL) {
		perror(path);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &next);
	t0 = now_real();
	while (now_real() - t0 < secs) {
		long step = (long)(1e9 / rate);
		double tf = now_real();
		int pid = fork();

		if (pid < 0) {
			reap(0);	/* out of pids or memory: let some go */
			continue;
		}
		if (pid == 0)
			child_life(maxlife, (unsigned)forks);
		forks++;
		if (nkids == capkids) {
			capkids = capkids ? capkids * 2 : 256;
			kids = realloc(kids, (size_t)capkids * sizeof *kids);
			if (kids == NULL)
				abort();
		}
		kids[nkids].pid = pid;
		kids[nkids].t_fork = tf;
		kids[nkids].start_time = start_time_of(pid);
		nkids++;
		reap(WNOHANG);
		next.tv_nsec += step;
		while (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
		    NULL) == EINTR)
			;
	}
	double took = now_real() - t0;
	while (nkids > 0)
		reap(0);
	fclose(logfp);
	printf("%ld forks in %.1fs: %.0f/s\n", forks, took, (double)forks / took);
	return 0;
}

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int
idle(int n)
{
	sigset_t block, old;
	int *pids = calloc((size_t)(n > 0 ? n : 1), sizeof *pids), got = 0;

	if (pids == NULL)
		abort();
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	for (int i = 0; i < n; i++) {
		int pid = fork();
		if (pid < 0) {
			perror("fork");
			break;
		}
		if (pid == 0) {
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_DFL);
			sigprocmask(SIG_SETMASK, &old, NULL);
			prctl(PR_SET_NAME, "zt-idle");
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			for (;;)
				pause();
		}
		pids[got++] = pid;
	}
	printf("ready\n");
	fflush(stdout);
	while (!stop)
		sigsuspend(&old);
	for (int i = 0; i < got; i++)
		kill(pids[i], SIGTERM);
	while (wait(NULL) > 0)
		;
	free(pids);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "churn") == 0)
		return churn(atof(argv[2]), atof(argv[3]), argv[4],
		    argc > 5 ? (unsigned)atoi(argv[5]) : 40);
	if (argc == 3 && strcmp(argv[1], "idle") == 0)
		return idle(atoi(argv[2]));
	fprintf(stderr, "usage: spawn churn RATE SECONDS LOG [MAXLIFE_MS]\n"
	    "       spawn idle N\n");
	return 2;
}
