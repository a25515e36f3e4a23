/*
 * test_procs_live.c: procs_sample() on this machine's /proc with
 * children of known oom_score_adj and footprint: their order, the
 * predicted victim, the unkillable mark, the adj-neutral score, no stale
 * rows after they die; a fork storm while sampling; a child with a
 * hostile comm and command line; a memory cgroup made here (v1, or v2
 * where that is the hierarchy) with children inside; the kept-fd budget shrinking with MemAvailable and
 * RLIMIT_NOFILE.
 *
 * Every child dies with this process (PR_SET_PDEATHSIG) and is killed
 * and reaped in the teardown; every test runs under an alarm.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "parsers.h"
#include "procfs.h"
#include "procs.h"
#include "sampler.h"
#include "snapshot.h"
#include "util.h"

#define MAX_KIDS 32
#define HOSTILE_COMM "\x1b]0;pwned\a\xff"
#define CG_V1 "/sys/fs/cgroup/memory"
#define CG_V2 "/sys/fs/cgroup"

static pid_t kids[MAX_KIDS];
static int nkids;
static char cgdir[256];
static struct procfs *pf;
static struct procs *pr;

/* ---------------------------------------------------------------- */

static void
reap(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static void
kill_kids(void)
{
	for (int i = 0; i < nkids; i++) {
		kill(kids[i], SIGKILL);
		reap(kids[i]);
	}
	nkids = 0;
}

static bool
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	return close(fd) == 0 && ok;
}

/* A child with oom_score_adj adj and mib MiB touched, named name,
 * optionally first moved into the cgroup whose cgroup.procs is cgprocs.
 * *adj_ok: the adj could be written (lowering it needs
 * CAP_SYS_RESOURCE). */
static pid_t
spawn(int adj, long mib, const char *name, const char *cgprocs, bool *adj_ok)
{
	int pfd[2];
	pid_t pid;
	char r = 0;

	assert_true(nkids < MAX_KIDS);
	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char b[32];
		char ok = 'y';
		close(pfd[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		snprintf(b, sizeof b, "%d", (int)getpid());
		if (cgprocs != NULL && !write_file(cgprocs, b))
			ok = 'c';
		snprintf(b, sizeof b, "%d", adj);
		if (!write_file("/proc/self/oom_score_adj", b) && ok == 'y')
			ok = 'n';
		if (mib > 0) {
			size_t n = (size_t)mib << 20;
			char *m = mmap(NULL, n, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m == MAP_FAILED)
				_exit(3);
			for (size_t i = 0; i < n; i += 4096)
				m[i] = 1;
		}
		if (name != NULL)
			prctl(PR_SET_NAME, name, 0, 0, 0);
		if (write(pfd[1], &ok, 1) != 1)
			_exit(4);
		for (;;)
			pause();
	}
	kids[nkids++] = pid;
	close(pfd[1]);
	if (read(pfd[0], &r, 1) != 1)
		r = 0;
	close(pfd[0]);
	assert_true(r == 'y' || r == 'n');
	if (adj_ok != NULL)
		*adj_ok = r == 'y';
	return pid;
}

static void
sample_by(struct procs *p, struct zt_snapshot *s, const struct sampler_opts *o)
{
	char why[ZT_WHY_LEN];
	struct zt_buf b = { 0 };

	snapshot_init(s);
	s->live = true;
	s->page_kb = (int)(sysconf(_SC_PAGESIZE) / 1024);
	assert_int_equal(procfs_read(pf, "meminfo", false, &b, why, sizeof why), 0);
	assert_int_equal(meminfo_parse(b.p, b.len, &s->meminfo, why, sizeof why), 0);
	buf_free(&b);
	assert_int_equal(procs_sample(p, s, o), 0);
	assert_true(s->status[ZT_SRC_PROCS].ok);
}

static void
sample(struct zt_snapshot *s, const struct sampler_opts *o)
{
	sample_by(pr, s, o);
}

static struct zt_proc *
find(struct zt_snapshot *s, int pid)
{
	for (int i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

static int
setup_group(void **state)
{
	char why[ZT_WHY_LEN];

	(void)state;
	pf = procfs_open(NULL, why, sizeof why);
	if (pf == NULL)
		return -1;
	pr = procs_open(pf);
	/* orphans of the fork storm come back to us to be reaped */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	return pr == NULL ? -1 : 0;
}

static int
teardown_group(void **state)
{
	(void)state;
	procs_close(pr);
	procfs_close(pf);
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	alarm(30);	/* no test may hang the suite */
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	kill_kids();
	/* reap anything else of ours (fork storm orphans) */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (cgdir[0] != '\0') {
		/* the memcg goes once its last task is reaped */
		for (int i = 0; i < 50 && rmdir(cgdir) < 0 && errno == EBUSY; i++)
			usleep(20000);
		cgdir[0] = '\0';
	}
	alarm(0);
	return 0;
}

/* ---------------------------------------------------------------- */

static void
test_live_order(void **state)
{
	(void)state;
	bool ok1000, ok500, okneg;
	pid_t a = spawn(1000, 16, "zt-a1000", NULL, &ok1000);
	pid_t b = spawn(500, 32, "zt-b500", NULL, &ok500);
	pid_t c = spawn(0, 8, "zt-c0", NULL, NULL);
	pid_t d = spawn(0, 8, "zt-d0", NULL, NULL);
	pid_t e = spawn(-1000, 8, "zt-e-1000", NULL, &okneg);
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;

	assert_true(ok1000 && ok500);
	sample(&s, &o);
	struct zt_proc *ra = find(&s, a), *rb = find(&s, b), *rc = find(&s, c),
	    *rd = find(&s, d), *re = find(&s, e);
	assert_non_null(ra);
	assert_non_null(rb);
	assert_non_null(rc);
	assert_non_null(rd);
	assert_non_null(re);
	assert_string_equal(ra->comm, "zt-a1000");
	assert_int_equal(ra->oom_score_adj, 1000);
	assert_int_equal(rb->oom_score_adj, 500);
	assert_int_equal(rc->oom_score_adj, 0);
	assert_true(ra->rank < rb->rank);
	assert_true(rb->rank < rc->rank);
	assert_true(rb->rank < rd->rank);
	assert_true(ra->rss_kb >= 16 * 1024);
	assert_true(rb->rss_kb >= 32 * 1024);
	assert_true(ra->badness_pages >= 16 * 1024 / s.page_kb);

	/* +1000 outranks every process not raised above 0 */
	bool rival = false;
	for (int i = 0; i < s.nprocs; i++) {
		struct zt_proc *r = &s.procs[i];
		if (zt_have(r->oom_score_adj) && r->oom_score_adj <= 0)
			assert_true(ra->rank < r->rank);
		if (r->pid != a && zt_have(r->oom_score_adj) &&
		    r->oom_score_adj >= 1000 && r->oom_score >= ra->oom_score)
			rival = true;	/* another test's +1000 child */
	}
	if (!rival)
		assert_int_equal(s.predicted_victim, a);
	else
		print_message("# another +1000 process outranks ours\n");
	assert_true(ra->killable && rb->killable && rc->killable);

	if (okneg) {
		assert_int_equal(re->oom_score_adj, -1000);
		assert_int_equal(re->oom_score, 0);
		assert_false(re->killable);
		/* what it would score with adj 0: same footprint as c */
		assert_int_equal(re->score_adj0, rc->score_adj0);
	} else {
		/* lowering oom_score_adj needs CAP_SYS_RESOURCE */
		print_message("# adj -1000 not allowed here; init stands in\n");
		assert_int_equal(re->oom_score_adj, 0);
		struct zt_proc *init = find(&s, 1);
		if (init != NULL && init->oom_score == 0)
			assert_false(init->killable);
	}

	/* adj 0: the adj-neutral score is the kernel's own score, and equal
	 * footprints give equal scores */
	assert_int_equal(rc->score_adj0, rc->oom_score);
	assert_int_equal(rd->score_adj0, rd->oom_score);
	assert_int_equal(rc->score_adj0, rd->score_adj0);
	/* +1000 moved the score by about 2/3 of 1000 (5.9+ formula) or
	 * 1000 (older): the adj-neutral score is far below the score */
	assert_true(zt_have(ra->score_adj0));
	assert_true(ra->oom_score - ra->score_adj0 >= 600);
	assert_true(rb->oom_score - rb->score_adj0 >= 300);
	snapshot_free(&s);

	/* once killed they are gone from the next sample */
	kill_kids();
	sample(&s, &o);
	assert_null(find(&s, a));
	assert_null(find(&s, b));
	assert_null(find(&s, c));
	assert_null(find(&s, d));
	assert_null(find(&s, e));
	snapshot_free(&s);
}

static int
cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

/* A process forking short-lived children (named zt-churn, adj +1000)
 * until killed, at most 16 alive at a time. */
static pid_t
spawn_forker(void)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		int alive = 0;
		unsigned seed = (unsigned)getpid();
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;) {
			while (alive >= 16 && waitpid(-1, NULL, 0) > 0)
				alive--;
			pid_t c = fork();
			if (c == 0) {
				/* +1000: ranked first, so its details are read
				 * while it may be exiting */
				write_file("/proc/self/oom_score_adj", "1000");
				prctl(PR_SET_NAME, "zt-churn", 0, 0, 0);
				usleep(200 + (unsigned)(rand_r(&seed) % 3000));
				_exit(0);
			}
			if (c > 0)
				alive++;
			while (waitpid(-1, NULL, WNOHANG) > 0)
				alive--;
		}
	}
	kids[nkids++] = pid;
	return pid;
}

static void
test_live_churn(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 40 };
	struct zt_snapshot s;
	int churn_rows = 0;

	spawn_forker();
	for (int round = 0; round < 50; round++) {
		sample(&s, &o);
		assert_true(s.nprocs <= s.nprocs_total);
		int *pids = xcalloc((size_t)s.nprocs + 1, sizeof *pids);
		for (int i = 0; i < s.nprocs; i++) {
			pids[i] = s.procs[i].pid;
			if (i > 0)
				assert_true(s.procs[i].rank > s.procs[i - 1].rank);
			/* a task gone mid-read is dropped, never a row of n/a */
			assert_true(zt_have(s.procs[i].oom_score));
			if (strcmp(s.procs[i].comm, "zt-churn") == 0)
				churn_rows++;
		}
		qsort(pids, (size_t)s.nprocs, sizeof *pids, cmp_int);
		for (int i = 1; i < s.nprocs; i++)
			assert_int_not_equal(pids[i], pids[i - 1]);
		free(pids);
		snapshot_free(&s);
	}
	print_message("# %d rows of the storm seen in 50 samples\n", churn_rows);
	/* the storm was visible to the sampler */
	assert_true(churn_rows > 0);

	kill_kids();
	/* its last children come back to us (subreaper) and are reaped */
	for (int i = 0; i < 200; i++) {
		pid_t w = waitpid(-1, NULL, WNOHANG);
		if (w < 0 && errno == ECHILD)
			break;
		if (w == 0)
			usleep(10000);
	}
	sample(&s, &o);
	for (int i = 0; i < s.nprocs; i++)
		assert_string_not_equal(s.procs[i].comm, "zt-churn");
	snapshot_free(&s);
}

/* The hostile child (hostile_child): its pid; fdarg gets the number of
 * the pipe's end it was given (len bytes), the third word of its
 * command line. */
static pid_t
spawn_hostile(char *fdarg, size_t len)
{
	int pfd[2];
	char r = 0;
	pid_t pid;

	assert_int_equal(pipe(pfd), 0);
	snprintf(fdarg, len, "%d", pfd[1]);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static char a0[] = "zt-hostile", a1[] = "--zt-hostile-child",
		    a3[] = "\x1b]0;pwned\a", a4[] = "\xff\xfe\xc3(",
		    a5[] = "ctl\x01\x02\x7f";
		char *argv[] = { a0, a1, fdarg, a3, a4, a5, NULL };
		close(pfd[0]);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	kids[nkids++] = pid;
	close(pfd[1]);
	assert_int_equal(read(pfd[0], &r, 1), 1);
	close(pfd[0]);
	return pid;
}

static void
test_live_hostile(void **state)
{
	(void)state;
	char fdarg[16];
	pid_t pid = spawn_hostile(fdarg, sizeof fdarg);

	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	sample(&s, &o);
	struct zt_proc *h = find(&s, pid);
	assert_non_null(h);
	/* raw bytes, for the output to escape */
	assert_string_equal(h->comm, HOSTILE_COMM);
	char want[128];
	snprintf(want, sizeof want, "zt-hostile --zt-hostile-child %s "
	    "\x1b]0;pwned\a \xff\xfe\xc3( ctl\x01\x02\x7f", fdarg);
	assert_string_equal(h->cmdline, want);
	snapshot_free(&s);
}

/* own_details (the live screen's): procs.c's own reads give a row the
 * same details as libproc2 does (user, uid, adj, command line, cgroup),
 * for the hostile child and this process, each sampled by a fresh
 * reader (nothing from a detail cache).  (Not a newline inside an
 * argument: libproc2 splits the argument there, so it joins as a space;
 * the own read keeps the byte, as it did after a detail cache sweep.) */
static void
test_live_own_details(void **state)
{
	(void)state;
	char fdarg[16];
	pid_t pids[2] = { spawn_hostile(fdarg, sizeof fdarg), getpid() };
	struct sampler_opts lib = { .want_procs = true, .detail_rows = -1 };
	struct sampler_opts own = lib;
	struct zt_snapshot s[2];
	struct procs *p[2] = { procs_open(pf), procs_open(pf) };

	own.own_details = true;
	sample_by(p[0], &s[0], &lib);
	sample_by(p[1], &s[1], &own);
	for (int i = 0; i < 2; i++) {
		struct zt_proc *a = find(&s[0], pids[i]), *b = find(&s[1], pids[i]);
		assert_non_null(a);
		assert_non_null(b);
		assert_true(zt_have(a->uid) && a->user[0] != '\0');
		assert_int_equal(a->uid, b->uid);
		assert_string_equal(a->user, b->user);
		assert_int_equal(a->oom_score_adj, b->oom_score_adj);
		assert_non_null(a->cmdline);
		assert_non_null(b->cmdline);
		assert_string_equal(a->cmdline, b->cmdline);
		assert_true((a->cgroup == NULL) == (b->cgroup == NULL));
		if (a->cgroup != NULL)
			assert_string_equal(a->cgroup, b->cgroup);
	}
	for (int i = 0; i < 2; i++) {
		snapshot_free(&s[i]);
		procs_close(p[i]);
	}
}

/* Where a test memory cgroup can be made: the v1 memory hierarchy, or
 * pure cgroup v2 with the memory controller enabled below the root.
 * Returns the version, 0 when neither is writable here. */
static int
cgroup_base(const char **base, const char **limit_file)
{
	struct stat st;
	char ctl[256] = "";
	FILE *f;

	if (stat(CG_V1 "/cgroup.procs", &st) == 0 && access(CG_V1, W_OK) == 0) {
		*base = CG_V1;
		*limit_file = "memory.limit_in_bytes";
		return 1;
	}
	f = fopen(CG_V2 "/cgroup.subtree_control", "r");
	if (f != NULL) {
		if (fgets(ctl, sizeof ctl, f) == NULL)
			ctl[0] = '\0';
		fclose(f);
	}
	if (stat(CG_V2 "/cgroup.controllers", &st) == 0 &&
	    strstr(ctl, "memory") != NULL && access(CG_V2, W_OK) == 0) {
		*base = CG_V2;
		*limit_file = "memory.max";
		return 2;
	}
	return 0;
}

static void
test_live_cgroup(void **state)
{
	(void)state;
	char procs_path[300], lim[300], cgpath[64];
	const char *base = NULL, *limit_file = NULL;
	int version = cgroup_base(&base, &limit_file);

	if (version == 0) {
		print_message("# no writable memory cgroup hierarchy here\n");
		skip();
	}
	snprintf(cgpath, sizeof cgpath, "/zt-test-%d", (int)getpid());
	snprintf(cgdir, sizeof cgdir, "%s%s", base, cgpath);
	if (mkdir(cgdir, 0755) != 0 && errno != EEXIST) {
		cgdir[0] = '\0';
		fail_msg("mkdir in %s: %s", base, strerror(errno));
	}
	snprintf(lim, sizeof lim, "%s/%s", cgdir, limit_file);
	assert_true(write_file(lim, "67108864"));
	snprintf(procs_path, sizeof procs_path, "%s/cgroup.procs", cgdir);

	pid_t in1 = spawn(0, 8, "zt-cg-in0", procs_path, NULL);
	pid_t in2 = spawn(500, 16, "zt-cg-in500", procs_path, NULL);
	pid_t out = spawn(1000, 4, "zt-cg-out", NULL, NULL);

	struct sampler_opts o = { .want_procs = true, .detail_rows = -1,
	    .filter_cgroup = cgpath };
	struct zt_snapshot s;
	sample(&s, &o);
	assert_true(s.cgroup.have);
	assert_int_equal(s.cgroup.version, version);
	assert_string_equal(s.cgroup.path, cgpath);
	assert_int_equal(s.cgroup.limit_kb, 65536);
	/* 8 + 16 MiB touched after moving in are charged here */
	assert_true(s.cgroup.usage_kb >= 24 * 1024);
	assert_true(s.cgroup.usage_kb <= 65536);
	assert_true(zt_have(kvs_get(&s.cgroup.events, "oom_kill")));
	assert_int_equal(s.cgroup.nmembers, 2);
	assert_int_equal(s.nprocs, 2);
	assert_int_equal(s.procs[0].pid, in2);	/* adj 500 first */
	assert_int_equal(s.procs[1].pid, in1);
	assert_string_equal(s.procs[0].cgroup, cgpath);
	assert_null(find(&s, out));
	/* a memcg OOM kills inside: the +500 member, not the +1000 outside */
	assert_int_equal(s.cgroup.predicted_victim, in2);
	assert_true(s.nprocs_total > 2);
	snapshot_free(&s);
}

static void
test_live_fd_budget(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 5 };
	struct zt_snapshot s;
	int budget, kept, total;

	sample(&s, &o);
	total = s.nprocs_total;
	kept = procs_kept_fds(pr, &budget);
	assert_true(kept > 0);
	assert_true(kept <= budget);
	assert_true(kept <= total);
	snapshot_free(&s);

	/* MemAvailable down to 4400 kB: 1% of it pins 10 fds at most */
	snapshot_init(&s);
	s.live = true;
	s.page_kb = (int)(sysconf(_SC_PAGESIZE) / 1024);
	kvs_set(&s.meminfo, "MemTotal", 24684096);
	kvs_set(&s.meminfo, "MemAvailable", 4400);
	assert_int_equal(procs_sample(pr, &s, &o), 0);
	kept = procs_kept_fds(pr, &budget);
	assert_int_equal(budget, 10);	/* 4400 / 100 * 10 / 44 */
	assert_true(kept <= 10);
	/* the ranking still covers everyone, by open/read/close */
	assert_true(s.nprocs_total >= total - 20);
	assert_int_equal(s.nprocs, 5);
	snapshot_free(&s);

	/* a hard RLIMIT_NOFILE of 200, in a child: 200 - 128 kept at most */
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { 200, 200 };
		char why[ZT_WHY_LEN];
		struct zt_buf b = { 0 };
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			_exit(10);
		struct procfs *pf2 = procfs_open(NULL, why, sizeof why);
		struct procs *p2 = pf2 ? procs_open(pf2) : NULL;
		if (p2 == NULL)
			_exit(11);
		snapshot_init(&s);
		s.page_kb = 4;
		if (procfs_read(pf2, "meminfo", false, &b, why, sizeof why) < 0 ||
		    meminfo_parse(b.p, b.len, &s.meminfo, why, sizeof why) < 0)
			_exit(12);
		if (procs_sample(p2, &s, &o) != 0 || s.nprocs_total < total - 20)
			_exit(13);
		kept = procs_kept_fds(p2, &budget);
		_exit(kept <= 72 && budget <= 72 ? 0 : 14);
	}
	int wst = 0;
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	assert_true(WIFEXITED(wst));
	assert_int_equal(WEXITSTATUS(wst), 0);
}

/* The listing between full ones (procs.c list_from): a task started
 * since the last sample is found, one that exited is gone, refresh
 * after refresh (LIST_EVERY is 16: most of these 20 list only the pids
 * above the last one handed out, or none). */
static void
test_live_new_pids(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = -1 };
	struct zt_snapshot s;
	pid_t prev = 0;

	sample(&s, &o);
	snapshot_free(&s);
	for (int round = 0; round < 20; round++) {
		pid_t pid = spawn(0, 1, "zt-newpid", NULL, NULL);
		if (prev > 0) {
			kill(prev, SIGKILL);
			reap(prev);
			nkids--;	/* kids[] holds prev then pid */
			kids[nkids - 1] = pid;
		}
		sample(&s, &o);
		assert_non_null(find(&s, pid));
		if (prev > 0)
			assert_null(find(&s, prev));
		snapshot_free(&s);
		/* nothing new at all: the same rows, the child still there */
		sample(&s, &o);
		assert_non_null(find(&s, pid));
		snapshot_free(&s);
		prev = pid;
	}
}

/* quick_first: with more than PROCS_QUICK tied contenders (300 idle
 * children at adj 1000, so that they lead whatever else runs here, all
 * at the same rounded score) a fresh sampler's
 * first sample names no victim in any scope and says how many wait;
 * the next one names it. */
static void
test_live_quick_first(void **state)
{
	(void)state;
	struct sampler_opts o = { .want_procs = true, .detail_rows = 50,
	    .quick_first = true };
	struct zt_snapshot s;
	pid_t many[300];
	int n = 0;
	struct procs *p2;
	char why[ZT_WHY_LEN];
	struct zt_buf b = { 0 };

	for (; n < 300; n++) {
		if ((many[n] = fork()) == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (!write_file("/proc/self/oom_score_adj", "1000"))
				_exit(1);
			for (;;)
				pause();
		}
		if (many[n] < 0)
			break;
	}
	p2 = procs_open(pf);
	for (int round = 0; round < 2; round++) {
		snapshot_init(&s);
		s.live = true;
		s.page_kb = (int)(sysconf(_SC_PAGESIZE) / 1024);
		assert_int_equal(procfs_read(pf, "meminfo", false, &b, why, sizeof why), 0);
		assert_int_equal(meminfo_parse(b.p, b.len, &s.meminfo, why, sizeof why), 0);
		assert_int_equal(procs_sample(p2, &s, &o), 0);
		if (round == 0) {
			print_message("# first sample: %d contenders pending\n",
			    s.victim_pending);
			assert_true(s.victim_pending > PROCS_QUICK);
			assert_int_equal(s.predicted_victim, 0);
			assert_int_equal(s.ncontenders, 0);
			for (int i = 0; i < s.ncgroups; i++)
				assert_int_equal(s.cgroups[i].predicted_victim, 0);
			for (int i = 0; i < s.ncpusets; i++)
				assert_int_equal(s.cpusets[i].predicted_victim, 0);
			assert_true(s.nprocs > 0);
		} else {
			assert_int_equal(s.victim_pending, 0);
			assert_int_not_equal(s.predicted_victim, 0);
			assert_true(s.ncontenders > PROCS_QUICK);
		}
		snapshot_free(&s);
	}
	buf_free(&b);
	procs_close(p2);
	for (int i = 0; i < n; i++)
		kill(many[i], SIGKILL);
	for (int i = 0; i < n; i++)
		reap(many[i]);
}

/* The hostile child: rename, tell the parent, wait to be killed. */
static int
hostile_child(char **argv)
{
	int fd = atoi(argv[2]);

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, HOSTILE_COMM, 0, 0, 0);
	if (write(fd, "y", 1) != 1)
		return 1;
	close(fd);
	for (;;)
		pause();
}

int
main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "--zt-hostile-child") == 0)
		return hostile_child(argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_live_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_churn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_hostile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_own_details, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_cgroup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_fd_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_new_pids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_quick_first, setup, teardown),
	};
	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
