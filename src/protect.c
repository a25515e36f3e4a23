/*
 * protect.c: oom_score_adj changes that reach the chosen process and no
 * other.  See protect.h for the handle's invariants.
 *
 * Why both fds: a /proc/PID directory fd pins the kernel's struct pid of
 * the process it was opened on, so files opened through it answer ESRCH
 * or ENOENT once that process is gone, whatever now has the number; the
 * pidfd says "exited" without opening anything and also covers the
 * window between selection and open.  The start time read through the
 * directory ties the pair to the sample the user looked at.
 */
#include "protect.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "procs.h"
#include "util.h"

#define PROTECT_DROPIN "zonetop-oom.conf"

static int
protect_fail(int status, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
protect_fail(int status, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return status;
}

/* Strict decimal: optional '-' (when sign), digits only, nothing else. */
static bool
protect_parse_int(const char *s, size_t n, bool sign, int64_t *out)
{
	char buf[24];
	const char *p = buf;

	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!(buf[i] >= '0' && buf[i] <= '9') &&
		    !(i == 0 && sign && buf[i] == '-' && n > 1))
			return false;
	return parse_i64(&p, out) && *p == '\0';
}

int
protect_parse_arg(const char *arg, int *pid, int *adj, char *err,
    size_t errlen)
{
	const char *eq;
	int64_t v;
	size_t n;

	if (arg == NULL || *arg == '\0')
		return protect_fail(-1, err, errlen, "--protect needs PID[=ADJ]");
	eq = strchr(arg, '=');
	n = eq ? (size_t)(eq - arg) : strlen(arg);
	if (!protect_parse_int(arg, n, false, &v))
		return protect_fail(-1, err, errlen,
		    "--protect: '%.*s' is not a pid (want PID or PID=ADJ)",
		    (int)(n > 40 ? 40 : n), arg);
	if (v <= 0 || v > INT_MAX)
		return protect_fail(-1, err, errlen,
		    "--protect: pid %.24s out of range", arg);
	*pid = (int)v;
	*adj = PROTECT_ADJ_DEFAULT;
	if (eq == NULL)
		return 0;
	if (eq[1] == '\0')
		return protect_fail(-1, err, errlen,
		    "--protect: missing value after '='");
	if (!protect_parse_int(eq + 1, strlen(eq + 1), true, &v))
		return protect_fail(-1, err, errlen,
		    "--protect: '%.40s' is not a number", eq + 1);
	if (v < PROTECT_ADJ_MIN || v > PROTECT_ADJ_MAX)
		return protect_fail(-1, err, errlen,
		    "--protect: value out of range (-1000..1000): %.24s", eq + 1);
	*adj = (int)v;
	return 0;
}

int
protect_parse_adj(const char *s, int *adj, char *err, size_t errlen)
{
	bool plus;
	int64_t v;
	size_t n;

	while (*s == ' ')
		s++;
	if ((plus = *s == '+'))	/* "+200" reads as the user means it */
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (!protect_parse_int(s, n, !plus, &v))
		return protect_fail(-1, err, errlen, "not a number");
	if (v < PROTECT_ADJ_MIN || v > PROTECT_ADJ_MAX)
		return protect_fail(-1, err, errlen,
		    "value out of range (-1000..1000)");
	*adj = (int)v;
	return 0;
}

void
protect_target_init(struct protect_target *t)
{
	memset(t, 0, sizeof *t);
	t->dirfd = -1;
	t->pidfd = -1;
}

void
protect_close(struct protect_target *t)
{
	if (t->dirfd >= 0)
		close(t->dirfd);
	if (t->pidfd >= 0)
		close(t->pidfd);
	t->dirfd = t->pidfd = -1;
}

static bool
protect_gone_errno(int err)
{
	return err == ESRCH || err == ENOENT;
}

/* Read stat through the held directory; PROTECT_* and err. */
static int
protect_read_stat(struct protect_target *t, char *comm, size_t commlen,
    uint64_t *start, char *err, size_t errlen)
{
	struct procs_stat st;
	struct zt_buf b = { 0 };
	char why[64];
	int rc = PROTECT_OK;

	if (procfs_read_at(t->dirfd, "stat", &b, why, sizeof why) < 0) {
		int e = errno;
		rc = protect_gone_errno(e) ?
		    protect_fail(PROTECT_ERR_GONE, err, errlen, "process gone") :
		    protect_fail(PROTECT_ERR_OTHER, err, errlen,
			"cannot read its stat: %s", why);
	} else if (procs_parse_stat(b.p, b.len, &st) < 0) {
		rc = protect_fail(PROTECT_ERR_OTHER, err, errlen,
		    "cannot read its stat: unexpected format");
	} else {
		if (comm != NULL)
			strlcpy0(comm, st.comm, commlen);
		*start = st.start_time;
	}
	buf_free(&b);
	return rc;
}

int
protect_check(struct protect_target *t, char *err, size_t errlen)
{
	uint64_t start = 0;
	int rc;

	if (t->dirfd < 0)
		return protect_fail(PROTECT_ERR_OTHER, err, errlen,
		    "no process held");
	if (t->pidfd >= 0 && procfs_pidfd_exited(t->pidfd) == 1)
		return protect_fail(PROTECT_ERR_GONE, err, errlen,
		    "process gone");
	rc = protect_read_stat(t, NULL, 0, &start, err, errlen);
	if (rc != PROTECT_OK)
		return rc;
	if (start != t->start_time)
		return protect_fail(PROTECT_ERR_GONE, err, errlen,
		    "process gone (pid reused)");
	return PROTECT_OK;
}

int
protect_open(struct procfs *pf, int pid, uint64_t start_time,
    struct protect_target *t, char *err, size_t errlen)
{
	int rc, e;

	protect_target_init(t);
	t->pid = pid;
	if (pid <= 0)
		return protect_fail(PROTECT_ERR_OTHER, err, errlen,
		    "not a process id");
	if (!procfs_live(pf))
		return protect_fail(PROTECT_ERR_OTHER, err, errlen,
		    "not the running system (a capture): nothing to change");
	/* pidfd first: if the directory below is of a later process with
	 * the same pid, this one has exited by then and says so */
	t->pidfd = procfs_pidfd_open(pf, pid);
	if (t->pidfd < 0) {
		e = errno;
		if (e == ESRCH)
			return protect_fail(PROTECT_ERR_GONE, err, errlen,
			    "process gone");
		if (e == EINVAL)	/* pidfd_open refuses thread ids */
			return protect_fail(PROTECT_ERR_OTHER, err, errlen,
			    "not a process id (a thread of another process?)");
		if (e != ENOSYS && e != EOPNOTSUPP && e != EPERM)
			return protect_fail(PROTECT_ERR_OTHER, err, errlen,
			    "pidfd_open: %s", procfs_reason(e));
	}
	t->dirfd = procfs_open_pid(pf, pid);
	if (t->dirfd < 0) {
		e = errno;
		protect_close(t);
		if (protect_gone_errno(e))
			return protect_fail(PROTECT_ERR_GONE, err, errlen,
			    "process gone");
		return protect_fail(PROTECT_ERR_OTHER, err, errlen, "%s",
		    procfs_reason(e));
	}
	rc = protect_read_stat(t, t->comm, sizeof t->comm, &t->start_time,
	    err, errlen);
	if (rc == PROTECT_OK && start_time != PROTECT_ANY_START &&
	    t->start_time != start_time)
		rc = start_time == 0 ?	/* the sample could not read stat */
		    protect_fail(PROTECT_ERR_OTHER, err, errlen,
			"cannot tell it is the same process (start time not "
			"sampled)") :
		    protect_fail(PROTECT_ERR_GONE, err, errlen,
			"process gone (pid reused)");
	if (rc == PROTECT_OK && t->pidfd >= 0 &&
	    procfs_pidfd_exited(t->pidfd) == 1)
		rc = protect_fail(PROTECT_ERR_GONE, err, errlen,
		    "process gone");
	if (rc != PROTECT_OK)
		protect_close(t);
	return rc;
}

int
protect_open_row(struct procfs *pf, const struct zt_proc *row,
    struct protect_target *t, char *err, size_t errlen)
{
	return protect_open(pf, row->pid, row->start_time, t, err, errlen);
}

int
protect_read(struct protect_target *t, int *adj, char *err, size_t errlen)
{
	struct zt_buf b = { 0 };
	char why[64];
	int64_t v;
	int rc = PROTECT_OK;

	if (t->dirfd < 0)
		return protect_fail(PROTECT_ERR_OTHER, err, errlen,
		    "no process held");
	if (procfs_read_at(t->dirfd, "oom_score_adj", &b, why, sizeof why) < 0)
		rc = protect_gone_errno(errno) ?
		    protect_fail(PROTECT_ERR_GONE, err, errlen, "process gone") :
		    protect_fail(PROTECT_ERR_OTHER, err, errlen,
			"cannot read oom_score_adj: %s", why);
	else if (!parse_i64_str(b.p, &v) || v < PROTECT_ADJ_MIN ||
	    v > PROTECT_ADJ_MAX)
		rc = protect_fail(PROTECT_ERR_OTHER, err, errlen,
		    "cannot read oom_score_adj: unexpected value");
	else
		*adj = (int)v;
	buf_free(&b);
	return rc;
}

/* Does this process hold CAP_SYS_RESOURCE?  (Root in a container may
 * not, and then lowering fails for it too.) */
bool
protect_have_cap_resource(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	memset(d, 0, sizeof d);
	if (syscall(SYS_capget, &h, d) != 0)
		return true;	/* unknown: don't claim it is missing */
	return (d[CAP_SYS_RESOURCE / 32].effective &
	    (1u << (CAP_SYS_RESOURCE % 32))) != 0;
}

/* The message for EACCES/EPERM: at open, the file is another user's;
 * at write, the value is below what this process may set. */
static int
protect_perm(bool at_write, char *err, size_t errlen)
{
	if (!at_write)
		return protect_fail(PROTECT_ERR_PERM, err, errlen,
		    "not permitted: the process belongs to another user "
		    "(run as root or with sudo)");
	if (geteuid() == 0 && !protect_have_cap_resource())
		return protect_fail(PROTECT_ERR_PERM, err, errlen,
		    "not permitted: lowering oom_score_adj needs "
		    "CAP_SYS_RESOURCE, which this root lacks (a container?)");
	return protect_fail(PROTECT_ERR_PERM, err, errlen,
	    "not permitted: lowering oom_score_adj needs CAP_SYS_RESOURCE "
	    "(run as root or with sudo)");
}

int
protect_write(struct protect_target *t, int adj, int *old_adj, int *new_adj,
    char *err, size_t errlen)
{
	char text[16];
	int old = 0, now = 0, rc, n;

	if (adj < PROTECT_ADJ_MIN || adj > PROTECT_ADJ_MAX)
		return protect_fail(PROTECT_ERR_RANGE, err, errlen,
		    "value out of range (-1000..1000)");
	if ((rc = protect_check(t, err, errlen)) != PROTECT_OK)
		return rc;
	if ((rc = protect_read(t, &old, err, errlen)) != PROTECT_OK)
		return rc;
	if (old_adj != NULL)
		*old_adj = old;
	n = snprintf(text, sizeof text, "%d\n", adj);
	/* the held directory, never "/proc/PID": see the top of the file */
	if ((rc = procfs_write_at(t->dirfd, "oom_score_adj", text,
	    (size_t)n)) < 0) {
		int e = errno;
		/* open(O_WRONLY) fails on another user's file (-1); write()
		 * fails below oom_score_adj_min without the cap (-2) */
		if (e == EACCES || e == EPERM)
			return protect_perm(rc == -2, err, errlen);
		if (protect_gone_errno(e))
			return protect_fail(PROTECT_ERR_GONE, err, errlen,
			    "process gone");
		if (e == EINVAL)
			return protect_fail(PROTECT_ERR_RANGE, err, errlen,
			    "value out of range (-1000..1000)");
		return protect_fail(PROTECT_ERR_OTHER, err, errlen,
		    "cannot write oom_score_adj: %s", procfs_reason(e));
	}
	if ((rc = protect_read(t, &now, err, errlen)) != PROTECT_OK)
		return rc;
	if (new_adj != NULL)
		*new_adj = now;
	if (now != adj)
		return protect_fail(PROTECT_ERR_OTHER, err, errlen,
		    "wrote %d but the kernel kept %d", adj, now);
	return PROTECT_OK;
}

/* The log of changes. */

static int
protect_log_index(const struct protect_log *l, int pid, uint64_t start_time)
{
	for (int i = 0; i < l->n; i++)
		if (l->v[i].pid == pid && l->v[i].start_time == start_time)
			return i;
	return -1;
}

void
protect_remember(struct protect_log *l, int pid, uint64_t start_time,
    int original, int written)
{
	int i = protect_log_index(l, pid, start_time);

	if (i >= 0) {
		l->v[i].written = written;	/* first original stays */
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof *l->v);
	}
	l->v[l->n++] = (struct protect_change){ pid, start_time, original,
	    written, NULL };
}

bool
protect_original(const struct protect_log *l, int pid, uint64_t start_time,
    int *original)
{
	int i = protect_log_index(l, pid, start_time);

	if (i < 0)
		return false;
	*original = l->v[i].original;
	return true;
}

const struct protect_change *
protect_find(const struct protect_log *l, int pid, uint64_t start_time)
{
	int i = protect_log_index(l, pid, start_time);

	return i < 0 ? NULL : &l->v[i];
}

void
protect_set_keep(struct protect_log *l, int pid, uint64_t start_time,
    const char *text)
{
	int i = protect_log_index(l, pid, start_time);

	if (i < 0)
		return;
	free(l->v[i].keep);
	l->v[i].keep = text != NULL ? xstrdup(text) : NULL;
}

void
protect_forget(struct protect_log *l, int pid, uint64_t start_time)
{
	int i = protect_log_index(l, pid, start_time);

	if (i >= 0) {
		free(l->v[i].keep);
		l->v[i] = l->v[--l->n];
	}
}

void
protect_log_free(struct protect_log *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i].keep);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* Scores as proc_oom_score() (fs/proc/base.c) prints them. */

/* 3.10-5.8: max(points, 1) * 1000 / totalpages. */
static int64_t
protect_score_old(int64_t pages, int adj, int64_t totalpages)
{
	int64_t points = pages + (int64_t)adj * (totalpages / 1000);

	if (points < 1)
		points = 1;
	return points * 1000 / totalpages;
}

/* 5.9+: (1000 + badness * 1000 / totalpages) * 2 / 3, signed division. */
static int64_t
protect_score_new(int64_t pages, int adj, int64_t totalpages)
{
	int64_t badness = pages + (int64_t)adj * (totalpages / 1000);

	return (1000 + badness * 1000 / totalpages) * 2 / 3;
}

static int64_t
protect_clamp_score(int64_t v)
{
	return v < 0 ? 0 : v > 2000 ? 2000 : v;
}

int64_t
protect_estimate_score(const struct zt_snapshot *s, const struct zt_proc *row,
    int new_adj)
{
	/* the ranking's own guess; undecided means today's kernels */
	bool old = procs_guess_formula(s->procs, s->nprocs) ==
	    PROCS_FORMULA_OLD;
	int64_t share;		/* pages * 1000 / totalpages, estimated */

	if (new_adj <= PROTECT_ADJ_MIN)
		return 0;	/* OOM_SCORE_ADJ_MIN: never chosen, shown as 0 */
	/* excluded for another reason (the global init): stays at 0 */
	if (!row->killable && zt_have(row->oom_score_adj) &&
	    row->oom_score_adj != PROTECT_ADJ_MIN)
		return 0;
	if (zt_have(row->badness_pages) && row->badness_pages >= 0 &&
	    row->badness_pages <= INT64_MAX / 2000 &&
	    zt_have(s->totalpages) && s->totalpages >= 1000)
		return old ?
		    protect_score_old(row->badness_pages, new_adj, s->totalpages) :
		    protect_score_new(row->badness_pages, new_adj, s->totalpages);
	/* without pages: invert the score the row has, in 1/1000 of memory
	 * (adj's step is totalpages/1000, i.e. about 1/1000 each) */
	if (zt_have(row->score_adj0) && row->score_adj0 >= 0 &&
	    row->score_adj0 <= 2000)
		share = old ? row->score_adj0 : row->score_adj0 * 3 / 2 - 1000;
	else if (zt_have(row->oom_score) && zt_have(row->oom_score_adj) &&
	    row->oom_score_adj > PROTECT_ADJ_MIN && row->oom_score > 0 &&
	    row->oom_score <= 2000)
		share = (old ? row->oom_score : row->oom_score * 3 / 2 - 1000) -
		    row->oom_score_adj;
	else
		return ZT_NA;
	if (share < 0)
		share = 0;
	if (!old)
		return protect_clamp_score((1000 + share + new_adj) * 2 / 3);
	return protect_clamp_score(share + new_adj < 1 ? 0 : share + new_adj);
}

int
protect_preview(const struct zt_snapshot *s, int pid, int new_adj,
    int *new_rank, int *new_victim_pid)
{
	struct zt_snapshot c;
	int idx = -1;

	for (int i = 0; i < s->nprocs && idx < 0; i++)
		if (s->procs[i].pid == pid)
			idx = i;
	if (idx < 0)
		return -1;
	/* rank a copy of the rows with the estimate in place, by the same
	 * rules as the sample (procs_rank); strings stay shared, unowned */
	snapshot_init(&c);
	c.totalpages = s->totalpages;
	c.page_kb = s->page_kb;
	c.nprocs = s->nprocs;
	c.procs = xreallocarray(NULL, (size_t)s->nprocs, sizeof *c.procs);
	memcpy(c.procs, s->procs, (size_t)s->nprocs * sizeof *c.procs);
	int64_t est = protect_estimate_score(s, &s->procs[idx], new_adj);
	if (zt_have(est))
		c.procs[idx].oom_score = est;
	c.procs[idx].oom_score_adj = new_adj;
	procs_rank(&c);
	*new_rank = 0;
	for (int i = 0; i < c.nprocs; i++)
		if (c.procs[i].pid == pid)
			*new_rank = c.procs[i].rank;
	*new_victim_pid = c.predicted_victim;
	free(c.procs);
	return 0;
}

/* Lasting protection. */

/* A systemd unit name: [A-Za-z0-9:_.@\\-], ending in ".service". */
static bool
protect_is_service(const char *s, size_t n)
{
	static const char suffix[] = ".service";
	size_t k = sizeof suffix - 1;

	if (n <= k || n >= sizeof ((struct protect_advice *)0)->unit ||
	    memcmp(s + n - k, suffix, k) != 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(":_.@\\-", c) != NULL) ||
		    c == '\0')
			return false;
	}
	return true;
}

/* "user@1000.service": the per-user service manager. */
static bool
protect_is_user_manager(const char *s, size_t n)
{
	size_t i = 5;

	if (n < 14 || strncmp(s, "user@", 5) != 0)
		return false;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 5 && n - i == 8 && strncmp(s + i, ".service", 8) == 0;
}

static bool
protect_has(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return true;
	return false;
}

/* The path a cgroup text stands for: the text itself, or from a
 * /proc/PID/cgroup listing its name=systemd, "0::" or first line. */
static void
protect_cgroup_path(const char *text, const char **path, size_t *plen)
{
	const char *cur = text, *end = text + strlen(text), *line;
	const char *best = NULL, *v2 = NULL, *first = NULL;
	size_t n, blen = 0, v2len = 0, flen = 0;

	*path = text;
	*plen = (size_t)(end - text);
	if (*text == '/' && memchr(text, '\n', *plen) == NULL)
		return;
	while ((line = next_line(&cur, end, &n)) != NULL) {
		const char *c1 = memchr(line, ':', n), *c2;
		if (c1 == NULL)
			continue;
		c2 = memchr(c1 + 1, ':', (size_t)(line + n - c1 - 1));
		if (c2 == NULL)
			continue;
		const char *p = c2 + 1;
		size_t pl = (size_t)(line + n - p);
		if ((size_t)(c2 - c1 - 1) == 12 && memcmp(c1 + 1, "name=systemd", 12) == 0) {
			best = p;
			blen = pl;
		} else if (c2 == c1 + 1 && v2 == NULL) {
			v2 = p;
			v2len = pl;
		} else if (first == NULL) {
			first = p;
			flen = pl;
		}
	}
	if (best == NULL) {
		best = v2 ? v2 : first;
		blen = v2 ? v2len : flen;
	}
	if (best != NULL) {
		*path = best;
		*plen = blen;
	}
}

/* The unit in a shell command: quoted when it holds '\\' or ':'. */
static void
protect_shell_unit(char *dst, size_t len, const char *unit)
{
	if (strpbrk(unit, "\\:") != NULL)
		snprintf(dst, len, "'%s'", unit);
	else
		snprintf(dst, len, "%s", unit);
}

/* "choom -n ADJ -- ARGV...", every argument shell-quoted so the line
 * can be pasted; COMMAND when the command line is unknown or too long. */
static void
protect_choom(struct protect_advice *a, const char *argv, size_t argvlen,
    int adj)
{
	struct zt_buf b = { 0 };

	buf_printf(&b, "choom -n %d -- ", adj);
	if (argv != NULL && argvlen > 0 && argv[0] != '\0')
		buf_add_shell_argv(&b, argv, argvlen);
	if (b.len >= sizeof a->command || argv == NULL || argvlen == 0 ||
	    argv[0] == '\0')
		snprintf(a->command, sizeof a->command, "choom -n %d -- COMMAND",
		    adj);
	else
		memcpy(a->command, b.p, b.len + 1);
	buf_free(&b);
}

void
protect_advise(const char *cgroup, const char *argv, size_t argvlen, int adj,
    struct protect_advice *a)
{
	const char *path = "", *comp, *end, *svc = NULL;
	size_t plen = 0, svclen = 0;
	bool under_user = false, svc_user = false;
	char q[sizeof a->unit + 2];

	memset(a, 0, sizeof *a);
	a->adj = adj;
	if (cgroup != NULL)
		protect_cgroup_path(cgroup, &path, &plen);
	end = path + plen;
	/* the deepest ".service" component is the unit the process runs
	 * in; below a user@UID.service it belongs to that user's manager */
	for (comp = path; comp < end;) {
		const char *slash = memchr(comp, '/', (size_t)(end - comp));
		size_t n = slash ? (size_t)(slash - comp) : (size_t)(end - comp);
		if (protect_is_service(comp, n)) {
			svc = comp;
			svclen = n;
			svc_user = under_user;
			if (protect_is_user_manager(comp, n))
				under_user = true;
		}
		comp += n + 1;
	}
	if (svc != NULL) {
		snprintf(a->unit, sizeof a->unit, "%.*s", (int)svclen, svc);
		snprintf(a->body, sizeof a->body,
		    "[Service]\nOOMScoreAdjust=%d\n", adj);
		protect_shell_unit(q, sizeof q, a->unit);
		if (svc_user) {
			a->kind = PROTECT_ADVICE_USER_UNIT;
			snprintf(a->path, sizeof a->path,
			    "~/.config/systemd/user/%s.d/" PROTECT_DROPIN, a->unit);
			snprintf(a->command, sizeof a->command,
			    "systemctl --user daemon-reload && "
			    "systemctl --user restart %s", q);
			if (adj < 0)
				snprintf(a->note, sizeof a->note,
				    "a user's service manager cannot go below "
				    "its own value: lower user@UID.service's "
				    "OOMScoreAdjust= too");
		} else {
			a->kind = PROTECT_ADVICE_SYSTEM_UNIT;
			snprintf(a->path, sizeof a->path,
			    "/etc/systemd/system/%s.d/" PROTECT_DROPIN, a->unit);
			snprintf(a->command, sizeof a->command,
			    "systemctl daemon-reload && systemctl restart %s", q);
		}
		return;
	}
	if (protect_has(path, plen, "kubepods")) {
		a->kind = PROTECT_ADVICE_CONTAINER;
		snprintf(a->note, sizeof a->note,
		    "the kubelet sets oom_score_adj from the pod's QoS class "
		    "(Guaranteed: -997) and resets changes");
		return;
	}
	if (protect_has(path, plen, "docker") || protect_has(path, plen, "libpod")) {
		bool podman = protect_has(path, plen, "libpod");
		a->kind = PROTECT_ADVICE_CONTAINER;
		snprintf(a->command, sizeof a->command,
		    "%s run --oom-score-adj=%d ...", podman ? "podman" : "docker",
		    adj);
		snprintf(a->note, sizeof a->note,
		    "set when the container is created (compose: oom_score_adj: %d)",
		    adj);
		return;
	}
	a->kind = PROTECT_ADVICE_CHOOM;
	protect_choom(a, argv, argvlen, adj);
	snprintf(a->note, sizeof a->note,
	    "choom is in util-linux; or set it in the program's own launcher");
}

void
protect_advice_text(const struct protect_advice *a, struct zt_buf *out)
{
	buf_printf(out, "oom_score_adj lasts only as long as the process.\n");
	switch (a->kind) {
	case PROTECT_ADVICE_SYSTEM_UNIT:
	case PROTECT_ADVICE_USER_UNIT:
		buf_printf(out, "To keep %d for %s, create %s with:\n", a->adj,
		    a->unit, a->path);
		for (const char *p = a->body, *nl; *p; p = nl + 1) {
			nl = strchr(p, '\n');
			if (nl == NULL)
				nl = p + strlen(p) - 1;
			buf_printf(out, "  %.*s\n", (int)(nl - p), p);
		}
		buf_printf(out, "then run:\n  %s\n", a->command);
		break;
	case PROTECT_ADVICE_CONTAINER:
		if (a->command[0] != '\0')
			buf_printf(out, "To keep it, start the container with:\n  %s\n",
			    a->command);
		break;
	default:
		/* shell-quoted, printable by construction: shown as pasted */
		buf_printf(out, "To start it with %d:\n  %s\n", a->adj, a->command);
		break;
	}
	if (a->note[0] != '\0')
		buf_printf(out, "(%s)\n", a->note);
}

/* The held process's command line, its NUL-separated arguments as they
 * are (the choom advice quotes each). */
int
protect_read_argv(struct protect_target *t, struct zt_buf *out)
{
	char why[64];

	buf_clear(out);
	return procfs_read_at(t->dirfd, "cmdline", out, why, sizeof why) < 0 ?
	    -1 : 0;
}
