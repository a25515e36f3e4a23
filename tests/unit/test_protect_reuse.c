/*
 * Unit test (root): a pid reused between choice and write is refused
 * and the new process is untouched.
 *
 * In a new pid namespace with its own /proc (a private mount
 * namespace), process P is spawned and a protect_target taken on it; P
 * is killed and reaped, ns_last_pid is set to P-1 and Q spawned, so Q
 * gets P's number.  Writing through P's old target must fail with
 * "process gone", both with the pidfd and with the /proc/P directory fd
 * alone, and Q's oom_score_adj must stay as it was.  The value written
 * is a raise (700), which the kernel allows anyone for their own child:
 * had the write gone to Q, it would have succeeded, as the control
 * write through a target taken on Q itself shows.
 *
 * Skipped, with the reason printed, without root or the namespaces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "procfs.h"
#include "protect.h"

/* What the namespace's init reports back through a pipe. */
struct reuse_result {
	char skip[PROTECT_ERR_LEN];	/* non-empty: why it could not run */
	int p, q;			/* the two pids */
	int open_rc;
	int had_pidfd;
	int q_before, q_after;		/* Q's oom_score_adj */
	int rc_pidfd, rc_dirfd;		/* writes through P's old targets */
	char err_pidfd[PROTECT_ERR_LEN], err_dirfd[PROTECT_ERR_LEN];
	int rc_control, q_control;	/* the write through Q's own target */
};

static pid_t
reuse_spawn(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(20);
		for (;;)
			pause();
	}
	return pid;
}

static int
reuse_read_adj(int pid)
{
	char path[64], buf[32];
	int fd, n;

	snprintf(path, sizeof path, "/proc/%d/oom_score_adj", pid);
	if ((fd = open(path, O_RDONLY)) < 0)
		return -9999;
	n = (int)read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -9999;
	buf[n] = '\0';
	return atoi(buf);
}

static int
reuse_set_last_pid(int pid)
{
	char buf[16];
	int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY), n, ok;

	if (fd < 0)
		return -1;
	n = snprintf(buf, sizeof buf, "%d", pid);
	ok = write(fd, buf, (size_t)n) == n;
	close(fd);
	return ok ? 0 : -1;
}

/* Runs as pid 1 of the new namespace. */
static void
reuse_scenario(struct reuse_result *r)
{
	struct protect_target t, tdir, tq;
	struct procfs *pf;
	char why[96];

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    NULL) < 0) {
		snprintf(r->skip, sizeof r->skip, "mount proc: %s",
		    strerror(errno));
		return;
	}
	pf = procfs_open("/proc", why, sizeof why);
	if (pf == NULL) {
		snprintf(r->skip, sizeof r->skip, "procfs_open: %s", why);
		return;
	}
	r->p = reuse_spawn();
	r->open_rc = protect_open(pf, r->p, PROTECT_ANY_START, &t,
	    r->err_pidfd, sizeof r->err_pidfd);
	protect_open(pf, r->p, t.start_time, &tdir, r->err_dirfd,
	    sizeof r->err_dirfd);
	r->had_pidfd = t.pidfd >= 0;
	if (tdir.pidfd >= 0)
		close(tdir.pidfd);
	tdir.pidfd = -1;		/* the directory fd alone */

	kill(r->p, SIGKILL);
	waitpid(r->p, NULL, 0);
	if (reuse_set_last_pid(r->p - 1) < 0) {
		snprintf(r->skip, sizeof r->skip, "ns_last_pid: %s",
		    strerror(errno));
		return;
	}
	r->q = reuse_spawn();
	r->q_before = reuse_read_adj(r->q);
	r->rc_pidfd = protect_write(&t, 700, NULL, NULL, r->err_pidfd,
	    sizeof r->err_pidfd);
	r->rc_dirfd = protect_write(&tdir, 700, NULL, NULL, r->err_dirfd,
	    sizeof r->err_dirfd);
	r->q_after = reuse_read_adj(r->q);

	char err[PROTECT_ERR_LEN];
	if (protect_open(pf, r->q, PROTECT_ANY_START, &tq, err, sizeof err) == 0)
		r->rc_control = protect_write(&tq, 700, NULL, &r->q_control,
		    err, sizeof err);
	else
		r->rc_control = -100;
	protect_close(&t);
	protect_close(&tdir);
	protect_close(&tq);
	kill(r->q, SIGKILL);
	waitpid(r->q, NULL, 0);
}

/* The forked child: new namespaces, then their init reports. */
static void
reuse_child(int wfd)
{
	struct reuse_result r;
	pid_t init;

	memset(&r, 0, sizeof r);
	alarm(20);
	if (unshare(CLONE_NEWPID | CLONE_NEWNS) < 0) {
		snprintf(r.skip, sizeof r.skip, "unshare: %s", strerror(errno));
		(void)!write(wfd, &r, sizeof r);
		_exit(0);
	}
	init = fork();
	if (init == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		reuse_scenario(&r);
		(void)!write(wfd, &r, sizeof r);
		_exit(0);
	}
	if (init > 0)
		waitpid(init, NULL, 0);
	_exit(0);
}

static void
test_pid_reuse(void **state)
{
	struct reuse_result r;
	int pfd[2];
	pid_t c;
	ssize_t n = 0;

	(void)state;
	if (geteuid() != 0) {
		printf("# skipped: needs root (pid namespace, ns_last_pid)\n");
		skip();
	}
	assert_int_equal(pipe(pfd), 0);
	c = fork();
	assert_true(c >= 0);
	if (c == 0) {
		close(pfd[0]);
		reuse_child(pfd[1]);
	}
	close(pfd[1]);
	/* bounded: the child's alarm ends it, and so does this */
	struct pollfd p = { .fd = pfd[0], .events = POLLIN };
	if (poll(&p, 1, 25000) == 1)
		n = read(pfd[0], &r, sizeof r);
	close(pfd[0]);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	if (n != (ssize_t)sizeof r)
		fail_msg("no result from the namespace (read %zd)", n);
	if (r.skip[0] != '\0') {
		printf("# skipped: %s\n", r.skip);
		skip();
	}
	assert_int_equal(r.open_rc, PROTECT_OK);
	if (r.q != r.p)
		fail_msg("pid not reused: P %d, Q %d", r.p, r.q);
	printf("# P and Q are pid %d in the namespace; pidfd %s\n", r.p,
	    r.had_pidfd ? "held" : "not supported");
	/* both ways of holding P refuse; Q keeps its value */
	assert_int_equal(r.rc_pidfd, PROTECT_ERR_GONE);
	assert_string_equal(r.err_pidfd, "process gone");
	assert_int_equal(r.rc_dirfd, PROTECT_ERR_GONE);
	assert_string_equal(r.err_dirfd, "process gone");
	assert_true(r.q_before != -9999);
	assert_int_equal(r.q_after, r.q_before);
	/* the control: a target taken on Q itself does write it */
	assert_int_equal(r.rc_control, PROTECT_OK);
	assert_int_equal(r.q_control, 700);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pid_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
