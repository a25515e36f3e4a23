/*
 * Unit tests: --protect parsing, the log of changes,
 * the oom_score estimate and re-ranking preview, lasting-protection
 * advice from cgroup paths, and the held handle on a real child process
 * (raising a value is allowed to anyone for their own child, so this
 * part needs no privilege).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procfs.h"
#include "protect.h"
#include "snapshot.h"
#include "util.h"

static void
test_parse_arg(void **state)
{
	char err[PROTECT_ERR_LEN];
	int pid, adj;

	(void)state;
	assert_int_equal(protect_parse_arg("1234", &pid, &adj, err, sizeof err), 0);
	assert_int_equal(pid, 1234);
	assert_int_equal(adj, -1000);
	assert_int_equal(protect_parse_arg("1234=500", &pid, &adj, err, sizeof err), 0);
	assert_int_equal(adj, 500);
	assert_int_equal(protect_parse_arg("7=-1000", &pid, &adj, err, sizeof err), 0);
	assert_int_equal(pid, 7);
	assert_int_equal(adj, -1000);
	assert_int_equal(protect_parse_arg("1=1000", &pid, &adj, err, sizeof err), 0);
	assert_int_equal(adj, 1000);
	assert_int_equal(protect_parse_arg("42=-0", &pid, &adj, err, sizeof err), 0);
	assert_int_equal(adj, 0);

	static const char *bad[] = { "", "0", "-5", "12a", "=5", "1234=",
	    "1234=5=6", "1234=+5", " 1234", "1234 ", "1234=abc", "1234=--5",
	    "99999999999", "2147483648", "0x10", "1234=-", "1234=5 " };
	for (size_t i = 0; i < ZT_ARRAY_LEN(bad); i++) {
		err[0] = '\0';
		assert_int_equal(protect_parse_arg(bad[i], &pid, &adj, err,
		    sizeof err), -1);
		assert_true(err[0] != '\0');
	}
	assert_int_equal(protect_parse_arg("1234=1001", &pid, &adj, err, sizeof err), -1);
	assert_non_null(strstr(err, "value out of range (-1000..1000)"));
	assert_int_equal(protect_parse_arg("1234=-1001", &pid, &adj, err, sizeof err), -1);
	assert_non_null(strstr(err, "value out of range (-1000..1000)"));
	assert_int_equal(protect_parse_arg("12a", &pid, &adj, err, sizeof err), -1);
	assert_string_equal(err, "--protect: '12a' is not a pid (want PID or PID=ADJ)");
	assert_int_equal(protect_parse_arg(NULL, &pid, &adj, err, sizeof err), -1);
}

static void
test_parse_adj(void **state)
{
	char err[PROTECT_ERR_LEN];
	int adj;

	(void)state;
	assert_int_equal(protect_parse_adj("-500", &adj, err, sizeof err), 0);
	assert_int_equal(adj, -500);
	assert_int_equal(protect_parse_adj("+200", &adj, err, sizeof err), 0);
	assert_int_equal(adj, 200);
	assert_int_equal(protect_parse_adj(" 0 ", &adj, err, sizeof err), 0);
	assert_int_equal(adj, 0);
	assert_int_equal(protect_parse_adj("1001", &adj, err, sizeof err), -1);
	assert_string_equal(err, "value out of range (-1000..1000)");
	assert_int_equal(protect_parse_adj("", &adj, err, sizeof err), -1);
	assert_int_equal(protect_parse_adj("--5", &adj, err, sizeof err), -1);
	assert_int_equal(protect_parse_adj("+-5", &adj, err, sizeof err), -1);
	assert_int_equal(protect_parse_adj("5x", &adj, err, sizeof err), -1);
}

static void
test_log(void **state)
{
	struct protect_log l = { 0 };
	const struct protect_change *c;
	int orig;

	(void)state;
	assert_false(protect_original(&l, 10, 500, &orig));
	protect_remember(&l, 10, 500, 0, -1000);
	protect_remember(&l, 11, 600, 200, 300);
	/* a second change keeps the first original */
	protect_remember(&l, 10, 500, -1000, -500);
	assert_true(protect_original(&l, 10, 500, &orig));
	assert_int_equal(orig, 0);
	c = protect_find(&l, 10, 500);
	assert_non_null(c);
	assert_int_equal(c->written, -500);
	/* the same pid with another start time is another process */
	assert_false(protect_original(&l, 10, 501, &orig));
	assert_null(protect_find(&l, 10, 501));
	for (int i = 0; i < 20; i++)	/* grows past the first 8 */
		protect_remember(&l, 100 + i, 1, i, i + 1);
	assert_true(protect_original(&l, 119, 1, &orig));
	assert_int_equal(orig, 19);
	/* the advice kept for the quit: a copy, replaced, freed with its
	 * entry (forget) or the log (LeakSanitizer checks); none without
	 * an entry */
	protect_set_keep(&l, 10, 500, "first");
	protect_set_keep(&l, 10, 500, "choom -n -500 -- x");
	protect_set_keep(&l, 11, 600, "kept till the end");
	protect_set_keep(&l, 12, 1, "no such entry");
	assert_string_equal(protect_find(&l, 10, 500)->keep, "choom -n -500 -- x");
	assert_null(protect_find(&l, 100, 1)->keep);
	assert_null(protect_find(&l, 12, 1));
	protect_forget(&l, 10, 500);
	assert_string_equal(protect_find(&l, 11, 600)->keep, "kept till the end");
	assert_false(protect_original(&l, 10, 500, &orig));
	assert_true(protect_original(&l, 11, 600, &orig));
	assert_int_equal(orig, 200);
	protect_log_free(&l);
	assert_int_equal(l.n, 0);
}

static struct zt_proc
mkproc(int pid, int64_t score, int64_t adj, int64_t pages, bool killable)
{
	struct zt_proc p;

	memset(&p, 0, sizeof p);
	p.pid = pid;
	p.oom_score = score;
	p.oom_score_adj = adj;
	/* as the sampler fills them: the ranking derives badness_pages
	 * from rss + swap + page tables, in kB of 4 KiB pages */
	p.rss_kb = zt_have(pages) ? pages * 4 : ZT_NA;
	p.swap_kb = p.pgtables_kb = zt_have(pages) ? 0 : ZT_NA;
	p.badness_pages = pages;
	p.score_adj0 = ZT_NA;
	p.killable = killable;
	return p;
}

static void
test_estimate_new(void **state)
{
	/*
	 * Measured on this project's 6.18 VM: MemTotal 24684096 kB, no swap,
	 * so totalpages T = 24684096 / 4 = 6171024, T/1000 = 6171; a sleep
	 * with VmRSS 1836 kB + VmPTE 48 kB = 471 pages read oom_score 666,
	 * 667, 1000 and 1333 at oom_score_adj 0, 1, 500 and 1000.
	 * score = (1000 + (471 + adj*6171) * 1000 / T) * 2 / 3:
	 *   adj 0:    471000/T = 0             -> 1000*2/3 = 666
	 *   adj 1:    6642000/T = 1            -> 1001*2/3 = 667
	 *   adj 500:  3085971000/T = 500       -> 1500*2/3 = 1000
	 *   adj 1000: 6171471000/T = 1000      -> 2000*2/3 = 1333
	 *   adj -500: -3085029000/T = -499     -> 501*2/3 = 334
	 *   adj -999: -6164358000/T = -998     -> 2*2/3 = 1
	 */
	struct zt_snapshot s;
	struct zt_proc p[1];

	(void)state;
	snapshot_init(&s);
	s.totalpages = 6171024;
	p[0] = mkproc(100, 666, 0, 471, true);
	s.procs = p;
	s.nprocs = 1;
	assert_int_equal(protect_estimate_score(&s, &p[0], 0), 666);
	assert_int_equal(protect_estimate_score(&s, &p[0], 1), 667);
	assert_int_equal(protect_estimate_score(&s, &p[0], 500), 1000);
	assert_int_equal(protect_estimate_score(&s, &p[0], 1000), 1333);
	assert_int_equal(protect_estimate_score(&s, &p[0], -500), 334);
	assert_int_equal(protect_estimate_score(&s, &p[0], -999), 1);
	assert_int_equal(protect_estimate_score(&s, &p[0], -1000), 0);

	/* without pages: from score_adj0 700, share = 700*3/2 - 1000 = 50;
	 * adj 300 -> (1000 + 50 + 300)*2/3 = 900 */
	p[0] = mkproc(100, 700, 0, ZT_NA, true);
	p[0].score_adj0 = 700;
	assert_int_equal(protect_estimate_score(&s, &p[0], 300), 900);
	/* from the score alone: 900 at adj 300, share = 1350 - 1000 - 300 =
	 * 50; adj -100 -> (1000 + 50 - 100)*2/3 = 633 */
	p[0] = mkproc(100, 900, 300, ZT_NA, true);
	assert_int_equal(protect_estimate_score(&s, &p[0], -100), 633);
	/* nothing known: a row at -1000 scores 0 and says nothing */
	p[0] = mkproc(100, 0, -1000, ZT_NA, false);
	assert_true(protect_estimate_score(&s, &p[0], 0) == ZT_NA);
}

static void
test_estimate_old(void **state)
{
	/*
	 * 3.10-5.8: points = max(pages + adj*(T/1000), 1), score =
	 * points*1000/T.  T = 1000000, pages 300000; the row scored 300 at
	 * adj 0 (below 666, so the old formula is recognised):
	 *   adj -200: 300000 - 200000 = 100000 -> 100
	 *   adj -400: -100000 -> 1 point       -> 0
	 *   adj 500:  800000                   -> 800
	 */
	struct zt_snapshot s;
	struct zt_proc p[2];

	(void)state;
	snapshot_init(&s);
	s.totalpages = 1000000;
	p[0] = mkproc(100, 300, 0, 300000, true);
	p[1] = mkproc(101, 5, 0, 5000, true);
	s.procs = p;
	s.nprocs = 2;
	assert_int_equal(protect_estimate_score(&s, &p[0], 0), 300);
	assert_int_equal(protect_estimate_score(&s, &p[0], -200), 100);
	assert_int_equal(protect_estimate_score(&s, &p[0], -400), 0);
	assert_int_equal(protect_estimate_score(&s, &p[0], 500), 800);
	/* score alone, old formula: share = 300 - 0; adj 150 -> 450 */
	p[0].badness_pages = ZT_NA;
	assert_int_equal(protect_estimate_score(&s, &p[0], 150), 450);
}

/* Four ranked candidates on the 6.18 figures above (T = 6171024). */
static void
preview_snapshot(struct zt_snapshot *s, struct zt_proc *p)
{
	snapshot_init(s);
	s->totalpages = 6171024;
	/* 1,234,260 pages: (1000 + 1234260000/T = 200)*2/3 = 800 */
	p[0] = mkproc(10, 800, 0, 1234260, true);
	/* 617,103 pages: 100 -> 1100*2/3 = 733 */
	p[1] = mkproc(20, 733, 0, 617103, true);
	/* 471 pages at adj 0: 666 */
	p[2] = mkproc(30, 666, 0, 471, true);
	/* init: never a candidate */
	p[3] = mkproc(1, 0, 0, 3000, false);
	s->procs = p;
	s->nprocs = 4;
	s->predicted_victim = 10;
}

static void
test_preview(void **state)
{
	struct zt_snapshot s;
	struct zt_proc p[5];
	int rank, victim;

	(void)state;
	preview_snapshot(&s, p);
	/* protecting the first: it scores 0, after 733 and 666, and after
	 * init, also at 0, as ties go by pid: rank 4 */
	assert_int_equal(protect_preview(&s, 10, -1000, &rank, &victim), 0);
	assert_int_equal(rank, 4);
	assert_int_equal(victim, 20);
	/* raising the last: 471 + 1000*6171 -> 1333, first and the victim */
	assert_int_equal(protect_preview(&s, 30, 1000, &rank, &victim), 0);
	assert_int_equal(rank, 1);
	assert_int_equal(victim, 30);
	/* pid 30 at adj 100: (471 + 617100)*1000/T = 100 -> 733, the score
	 * pid 20 shows, but the kernel compares points: 617571 against
	 * 617103, so pid 30 goes ahead of pid 20: rank 2 (the formula says
	 * 5.9+, whose rules apply) */
	assert_int_equal(protect_preview(&s, 30, 100, &rank, &victim), 0);
	assert_int_equal(rank, 2);
	assert_int_equal(victim, 10);
	/* pid 20 lowered to -100: 617103 - 617100 = 3 points (666), below
	 * pid 30's 471 although both show 666: rank 3 */
	assert_int_equal(protect_preview(&s, 20, -100, &rank, &victim), 0);
	assert_int_equal(rank, 3);
	assert_int_equal(victim, 10);
	/* the snapshot itself is left as it was */
	assert_int_equal(p[0].pid, 10);
	assert_int_equal(p[0].oom_score, 800);
	assert_int_equal(p[0].oom_score_adj, 0);
	/* not in the snapshot */
	assert_int_equal(protect_preview(&s, 999, 0, &rank, &victim), -1);

	/* a protected process restored to 0 becomes a candidate again:
	 * 2468520*1000/T = 400 -> 1400*2/3 = 933, first, the new victim */
	p[4] = mkproc(40, 0, -1000, 2468520, false);
	s.nprocs = 5;
	assert_int_equal(protect_preview(&s, 40, 0, &rank, &victim), 0);
	assert_int_equal(rank, 1);
	assert_int_equal(victim, 40);
	/* the global init is never one: its score stays 0, and it stays
	 * 4th (after 800, 733, 666; before pid 40's 0 by pid) */
	assert_int_equal(protect_estimate_score(&s, &p[3], 1000), 0);
	assert_int_equal(protect_preview(&s, 1, 1000, &rank, &victim), 0);
	assert_int_equal(rank, 4);
	assert_int_equal(victim, 10);
	/* everyone else already at -1000: protecting the last leaves no
	 * victim at all */
	p[1] = mkproc(20, 0, -1000, 617103, false);
	p[2] = mkproc(30, 0, -1000, 471, false);
	s.nprocs = 4;
	assert_int_equal(protect_preview(&s, 10, -1000, &rank, &victim), 0);
	assert_int_equal(victim, 0);
	assert_int_equal(protect_preview(&s, 10, 0, &rank, &victim), 0);
	assert_int_equal(victim, 10);
}

static void
check_unit(const char *cgroup, int kind, const char *unit)
{
	struct protect_advice a;

	protect_advise(cgroup, NULL, 0, -1000, &a);
	if (a.kind != kind || strcmp(a.unit, unit) != 0)
		fail_msg("%s: kind %d unit '%s', want %d '%s'", cgroup, a.kind,
		    a.unit, kind, unit);
}

static void
test_advice_units(void **state)
{
	struct protect_advice a;

	(void)state;
	/* cgroup v2, the "0::" line */
	protect_advise("0::/system.slice/nginx.service\n", NULL, 0, -1000, &a);
	assert_int_equal(a.kind, PROTECT_ADVICE_SYSTEM_UNIT);
	assert_string_equal(a.unit, "nginx.service");
	assert_string_equal(a.path,
	    "/etc/systemd/system/nginx.service.d/zonetop-oom.conf");
	assert_string_equal(a.body, "[Service]\nOOMScoreAdjust=-1000\n");
	assert_string_equal(a.command,
	    "systemctl daemon-reload && systemctl restart nginx.service");
	/* a bare path, as zt_proc.cgroup holds it; a template instance */
	check_unit("/system.slice/system-postgresql.slice/postgresql@15-main.service",
	    PROTECT_ADVICE_SYSTEM_UNIT, "postgresql@15-main.service");
	/* cgroup v1 (hybrid): the name=systemd line wins over memory's */
	check_unit("12:memory:/system.slice/other.service\n"
	    "5:cpu,cpuacct:/\n"
	    "1:name=systemd:/system.slice/sshd.service\n"
	    "0::/\n", PROTECT_ADVICE_SYSTEM_UNIT, "sshd.service");
	/* v1 without name=systemd: the first line with a path */
	check_unit("4:memory:/system.slice/cron.service\n",
	    PROTECT_ADVICE_SYSTEM_UNIT, "cron.service");
	/* a service with delegated sub-cgroups */
	check_unit("0::/system.slice/containerd.service/payload",
	    PROTECT_ADVICE_SYSTEM_UNIT, "containerd.service");
	/* dockerd itself is a service; its containers are scopes */
	check_unit("/system.slice/docker.service", PROTECT_ADVICE_SYSTEM_UNIT,
	    "docker.service");
	/* a user's login session: no unit to configure */
	check_unit("0::/user.slice/user-1000.slice/session-2.scope",
	    PROTECT_ADVICE_CHOOM, "");
	/* the user manager itself is a system unit */
	check_unit("0::/user.slice/user-1000.slice/user@1000.service/init.scope",
	    PROTECT_ADVICE_SYSTEM_UNIT, "user@1000.service");
	/* this machine's own: not under systemd at all */
	check_unit("4:memory:/process_api/abcc60b5f8d2a226a8107a8b0709744d\n"
	    "0::/\n", PROTECT_ADVICE_CHOOM, "");
	/* no unit name with characters systemd never uses */
	check_unit("/system.slice/ev;il.service", PROTECT_ADVICE_CHOOM, "");
	check_unit("/system.slice/.service", PROTECT_ADVICE_CHOOM, "");
	check_unit("", PROTECT_ADVICE_CHOOM, "");
	check_unit("garbage without structure", PROTECT_ADVICE_CHOOM, "");
}

static void
test_advice_user_and_containers(void **state)
{
	struct protect_advice a;

	(void)state;
	protect_advise("0::/user.slice/user-1000.slice/user@1000.service/"
	    "app.slice/pipewire.service", NULL, 0, -500, &a);
	assert_int_equal(a.kind, PROTECT_ADVICE_USER_UNIT);
	assert_string_equal(a.unit, "pipewire.service");
	assert_string_equal(a.path,
	    "~/.config/systemd/user/pipewire.service.d/zonetop-oom.conf");
	assert_string_equal(a.body, "[Service]\nOOMScoreAdjust=-500\n");
	assert_string_equal(a.command, "systemctl --user daemon-reload && "
	    "systemctl --user restart pipewire.service");
	assert_non_null(strstr(a.note, "user@UID.service"));
	/* raising needs no note */
	protect_advise("/user.slice/user-1000.slice/user@1000.service/"
	    "app.slice/pipewire.service", NULL, 0, 300, &a);
	assert_string_equal(a.note, "");

	/* docker, systemd cgroup driver (v2) and cgroupfs driver (v1) */
	protect_advise("0::/system.slice/docker-4f3c2a1b9e.scope", NULL, 0, -1000, &a);
	assert_int_equal(a.kind, PROTECT_ADVICE_CONTAINER);
	assert_string_equal(a.command, "docker run --oom-score-adj=-1000 ...");
	protect_advise("11:memory:/docker/4f3c2a1b9e\n1:name=systemd:/docker/4f3c2a1b9e\n",
	    NULL, 0, -1000, &a);
	assert_int_equal(a.kind, PROTECT_ADVICE_CONTAINER);
	assert_string_equal(a.command, "docker run --oom-score-adj=-1000 ...");
	/* podman */
	protect_advise("0::/machine.slice/libpod-9a8b7c.scope/container", NULL,
	    0, 200, &a);
	assert_int_equal(a.kind, PROTECT_ADVICE_CONTAINER);
	assert_string_equal(a.command, "podman run --oom-score-adj=200 ...");
	/* kubernetes: the kubelet owns the value */
	protect_advise("0::/kubepods.slice/kubepods-burstable.slice/"
	    "kubepods-burstable-pod12ab.slice/cri-containerd-34cd.scope",
	    NULL, 0, -1000, &a);
	assert_int_equal(a.kind, PROTECT_ADVICE_CONTAINER);
	assert_string_equal(a.command, "");
	assert_non_null(strstr(a.note, "QoS"));

	/* an escaped unit name is quoted for the shell */
	protect_advise("0::/system.slice/system-systemd\\x2dfsck.slice/"
	    "systemd-fsck@dev-disk-by\\x2duuid-1234.service", NULL, 0, -1000,
	    &a);
	assert_int_equal(a.kind, PROTECT_ADVICE_SYSTEM_UNIT);
	assert_string_equal(a.unit, "systemd-fsck@dev-disk-by\\x2duuid-1234.service");
	assert_string_equal(a.command, "systemctl daemon-reload && systemctl "
	    "restart 'systemd-fsck@dev-disk-by\\x2duuid-1234.service'");
}

static void
test_advice_text(void **state)
{
	struct protect_advice a;
	struct zt_buf b = { 0 };

	(void)state;
	protect_advise("/system.slice/nginx.service", NULL, 0, -1000, &a);
	protect_advice_text(&a, &b);
	assert_string_equal(b.p,
	    "oom_score_adj lasts only as long as the process.\n"
	    "To keep -1000 for nginx.service, create "
	    "/etc/systemd/system/nginx.service.d/zonetop-oom.conf with:\n"
	    "  [Service]\n"
	    "  OOMScoreAdjust=-1000\n"
	    "then run:\n"
	    "  systemctl daemon-reload && systemctl restart nginx.service\n");
	buf_clear(&b);
	/* choom with the command line, every argument shell-quoted: a
	 * blank, a quote, a control byte ($'...'), nothing needing none */
	{
		static const char argv[] = "/usr/bin/python3\0-c\0import time; "
		    "print('x')\0notes\x1b.txt\0";
		protect_advise("0::/user.slice/user-1000.slice/session-2.scope",
		    argv, sizeof argv - 1, -1000, &a);
	}
	assert_string_equal(a.command, "choom -n -1000 -- /usr/bin/python3 -c "
	    "'import time; print('\\''x'\\'')' $'notes\\x1b.txt'");
	protect_advice_text(&a, &b);
	assert_string_equal(b.p,
	    "oom_score_adj lasts only as long as the process.\n"
	    "To start it with -1000:\n"
	    "  choom -n -1000 -- /usr/bin/python3 -c 'import time; "
	    "print('\\''x'\\'')' $'notes\\x1b.txt'\n"
	    "(choom is in util-linux; or set it in the program's own launcher)\n");
	buf_clear(&b);
	/* a command line too long to quote whole: COMMAND, never half */
	{
		char big[2048];
		memset(big, 'a', sizeof big);
		big[sizeof big - 1] = '\0';
		protect_advise(NULL, big, sizeof big, -1000, &a);
		assert_string_equal(a.command, "choom -n -1000 -- COMMAND");
	}
	protect_advise(NULL, NULL, 0, 0, &a);
	assert_string_equal(a.command, "choom -n 0 -- COMMAND");
	buf_free(&b);
}

/* A child that waits to be killed, at most 20 s. */
static pid_t
spawn_child(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(20);
		for (;;)
			pause();
	}
	assert_true(pid > 0);
	return pid;
}

static pid_t child = -1;

static int
teardown_child(void **state)
{
	(void)state;
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		child = -1;
	}
	return 0;
}

static void
test_handle_live(void **state)
{
	char err[PROTECT_ERR_LEN], why[96];
	struct protect_target t, t2;
	struct procfs *pf = procfs_open("/proc", why, sizeof why);
	int old = 99, now = 99, before;

	(void)state;
	assert_non_null(pf);
	child = spawn_child();
	assert_int_equal(protect_open(pf, child, PROTECT_ANY_START, &t, err,
	    sizeof err), PROTECT_OK);
	assert_int_equal(t.pid, child);
	assert_true(t.dirfd >= 0);
	assert_int_equal(protect_read(&t, &before, err, sizeof err), PROTECT_OK);
	/* the sample's start time matches; any other is a reused pid */
	assert_int_equal(protect_open(pf, child, t.start_time, &t2, err,
	    sizeof err), PROTECT_OK);
	protect_close(&t2);
	assert_int_equal(protect_open(pf, child, t.start_time + 1, &t2, err,
	    sizeof err), PROTECT_ERR_GONE);
	assert_string_equal(err, "process gone (pid reused)");
	assert_int_equal(t2.dirfd, -1);
	assert_int_equal(t2.pidfd, -1);
	/* a row whose start time the sampler could not read */
	struct zt_proc row = { .pid = child, .start_time = 0 };
	assert_int_equal(protect_open_row(pf, &row, &t2, err, sizeof err),
	    PROTECT_ERR_OTHER);
	assert_non_null(strstr(err, "start time not sampled"));
	row.start_time = t.start_time;
	assert_int_equal(protect_open_row(pf, &row, &t2, err, sizeof err),
	    PROTECT_OK);
	assert_string_equal(t2.comm, t.comm);
	protect_close(&t2);

	/* raising one's own child's value needs no privilege */
	assert_int_equal(protect_write(&t, 600, &old, &now, err, sizeof err),
	    PROTECT_OK);
	assert_int_equal(old, before);
	assert_int_equal(now, 600);
	assert_int_equal(protect_write(&t, 1001, &old, &now, err, sizeof err),
	    PROTECT_ERR_RANGE);
	assert_string_equal(err, "value out of range (-1000..1000)");
	assert_int_equal(protect_write(&t, -1001, NULL, NULL, err, sizeof err),
	    PROTECT_ERR_RANGE);
	/* back to where it was (allowed: not below the inherited minimum) */
	assert_int_equal(protect_write(&t, before, &old, &now, err, sizeof err),
	    PROTECT_OK);
	assert_int_equal(old, 600);
	assert_int_equal(now, before);

	/* killed but not reaped: the pid cannot be reused yet, the pidfd
	 * says it exited */
	kill(child, SIGKILL);
	if (t.pidfd >= 0) {
		for (int i = 0; i < 200 && protect_check(&t, err, sizeof err) ==
		    PROTECT_OK; i++)
			usleep(5000);
		assert_int_equal(protect_write(&t, 700, NULL, NULL, err,
		    sizeof err), PROTECT_ERR_GONE);
		assert_string_equal(err, "process gone");
	}
	waitpid(child, NULL, 0);
	/* reaped: the directory fd alone refuses */
	if (t.pidfd >= 0)
		close(t.pidfd);
	t.pidfd = -1;
	assert_int_equal(protect_write(&t, 700, NULL, NULL, err, sizeof err),
	    PROTECT_ERR_GONE);
	assert_string_equal(err, "process gone");
	assert_int_equal(protect_read(&t, &now, err, sizeof err), PROTECT_ERR_GONE);
	/* a fresh open of the gone pid */
	assert_int_equal(protect_open(pf, child, PROTECT_ANY_START, &t2, err,
	    sizeof err), PROTECT_ERR_GONE);
	child = -1;
	protect_close(&t);
	protect_close(&t);	/* twice is harmless */
	procfs_close(pf);
}

static void
test_handle_refusals(void **state)
{
	char err[PROTECT_ERR_LEN], why[96];
	const char *fx = getenv("ZT_FIXTURES");
	char root[512];
	struct protect_target t;
	struct procfs *pf;

	(void)state;
	/* a capture is not the running system */
	snprintf(root, sizeof root, "%s/proc/vm-6.18-x86_64-24g",
	    fx ? fx : "tests/fixtures");
	pf = procfs_open(root, why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(protect_open(pf, 1, PROTECT_ANY_START, &t, err,
	    sizeof err), PROTECT_ERR_OTHER);
	assert_non_null(strstr(err, "not the running system"));
	procfs_close(pf);

	pf = procfs_open("/proc", why, sizeof why);
	assert_non_null(pf);
	assert_int_equal(protect_open(pf, 0, PROTECT_ANY_START, &t, err,
	    sizeof err), PROTECT_ERR_OTHER);
	/* pid_max is at most 4194304: this one never exists */
	assert_int_equal(protect_open(pf, 2147483000, PROTECT_ANY_START, &t,
	    err, sizeof err), PROTECT_ERR_GONE);
	assert_string_equal(err, "process gone");
	/* nothing held: writes are refused, not sent anywhere */
	protect_target_init(&t);
	assert_int_equal(protect_write(&t, 0, NULL, NULL, err, sizeof err),
	    PROTECT_ERR_OTHER);
	procfs_close(pf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_arg),
		cmocka_unit_test(test_parse_adj),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_estimate_new),
		cmocka_unit_test(test_estimate_old),
		cmocka_unit_test(test_preview),
		cmocka_unit_test(test_advice_units),
		cmocka_unit_test(test_advice_user_and_containers),
		cmocka_unit_test(test_advice_text),
		cmocka_unit_test_teardown(test_handle_live, teardown_child),
		cmocka_unit_test(test_handle_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
