/*
 * detcache.c: per-process details kept between refreshes, see
 * detcache.h.  It owns one entry per process asked about (a dense array
 * with an open-addressing index on the pid, rebuilt when entries are
 * dropped), each with the row as last read (its cmdline and cgroup
 * strings owned here), the statm text and the oom_score and
 * oom_score_adj of that read, and up to two kept fds.
 */
#include "detcache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "procs_parse.h"
#include "util.h"

#define DC_IDLE_DROP	8	/* refreshes unasked before an entry goes */
#define DC_STATM_MAX	96	/* statm: seven numbers */

struct dent {
	int pid;
	uint64_t start;
	uint32_t seen;			/* refresh that last asked */
	uint32_t due;			/* refresh of the next full re-read */
	int fd_adj, fd_statm;		/* kept, -1 none */
	int64_t score, adj;		/* when status was last read */
	char statm[DC_STATM_MAX];
	struct zt_proc row;		/* as last read */
};

struct detcache {
	struct procfs *pf;
	struct dent *e;
	int n, cap;
	int32_t *slots;			/* index into e, -1 empty */
	int bits;
	uint32_t gen;
	long fd_room, mem_room;		/* left this refresh */
	int nkept, nkept_mem;
	struct zt_buf buf;
};

static uint32_t
dc_home(const struct detcache *dc, int pid)
{
	return ((uint32_t)pid * 0x9E3779B1u) >> (32 - dc->bits);
}

static void
dc_reindex(struct detcache *dc)
{
	size_t want = 1;
	int bits = 0;

	while (want < (size_t)dc->n * 2 + 16) {
		want <<= 1;
		bits++;
	}
	if (bits != dc->bits) {
		free(dc->slots);
		dc->slots = xcalloc(want, sizeof *dc->slots);
		dc->bits = bits;
	}
	memset(dc->slots, 0xff, want * sizeof *dc->slots);
	for (int i = 0; i < dc->n; i++) {
		uint32_t s = dc_home(dc, dc->e[i].pid), mask = (uint32_t)want - 1;
		while (dc->slots[s] >= 0)
			s = (s + 1) & mask;
		dc->slots[s] = i;
	}
}

static struct dent *
dc_find(const struct detcache *dc, int pid)
{
	uint32_t mask = (1u << dc->bits) - 1, s = dc_home(dc, pid);

	for (; dc->slots[s] >= 0; s = (s + 1) & mask)
		if (dc->e[dc->slots[s]].pid == pid)
			return &dc->e[dc->slots[s]];
	return NULL;
}

struct detcache *
detcache_open(struct procfs *pf)
{
	struct detcache *dc = xcalloc(1, sizeof *dc);

	dc->pf = pf;
	dc->bits = -1;
	dc_reindex(dc);
	return dc;
}

static void
dc_unkeep(struct detcache *dc, struct dent *d)
{
	if (d->fd_adj >= 0) {
		close(d->fd_adj);
		d->fd_adj = -1;
		dc->nkept--;
	}
	if (d->fd_statm >= 0) {
		close(d->fd_statm);
		d->fd_statm = -1;
		dc->nkept--;
		dc->nkept_mem--;
	}
}

static void
dc_release(struct detcache *dc, struct dent *d)
{
	dc_unkeep(dc, d);
	free(d->row.cmdline);
	free(d->row.cgroup);
	d->row.cmdline = d->row.cgroup = NULL;
}

void
detcache_close(struct detcache *dc)
{
	if (dc == NULL)
		return;
	for (int i = 0; i < dc->n; i++)
		dc_release(dc, &dc->e[i]);
	free(dc->e);
	free(dc->slots);
	buf_free(&dc->buf);
	free(dc);
}

void
detcache_begin(struct detcache *dc, long fd_room, long mem_room)
{
	dc->gen++;
	dc->fd_room = fd_room - dc->nkept;
	dc->mem_room = mem_room - dc->nkept_mem;
	/* fds got short: give some back, newest entries first */
	for (int i = dc->n - 1; i >= 0 && (dc->fd_room < 0 || dc->mem_room < 0); i--) {
		int before = dc->nkept, before_mem = dc->nkept_mem;
		dc_unkeep(dc, &dc->e[i]);
		dc->fd_room += before - dc->nkept;
		dc->mem_room += before_mem - dc->nkept_mem;
	}
}

void
detcache_end(struct detcache *dc)
{
	int k = 0;

	for (int i = 0; i < dc->n; i++) {
		if (dc->gen - dc->e[i].seen >= DC_IDLE_DROP) {
			dc_release(dc, &dc->e[i]);
			continue;
		}
		if (k != i)
			dc->e[k] = dc->e[i];
		k++;
	}
	if (k != dc->n) {
		dc->n = k;
		dc_reindex(dc);
	}
}

int
detcache_size(const struct detcache *dc, int *kept_fds)
{
	if (kept_fds)
		*kept_fds = dc->nkept;
	return dc->n;
}

/* A small file through its kept fd (opened and kept if there is room):
 * its length, or -1 with errno. */
static ssize_t
dc_small(struct detcache *dc, int pid, const char *name, int *fd, bool mem,
    char *b, size_t len)
{
	int f = *fd;
	ssize_t n;
	int err;

	if (f < 0 && (f = procfs_pid_file(dc->pf, pid, name)) < 0)
		return -1;
	n = pread(f, b, len - 1, 0);
	err = errno;
	if (*fd < 0) {
		if (n >= 0 && dc->fd_room > 0 && (!mem || dc->mem_room > 0)) {
			*fd = f;
			dc->fd_room--;
			dc->nkept++;
			if (mem) {
				dc->mem_room--;
				dc->nkept_mem++;
			}
		} else
			close(f);
	}
	if (n < 0) {
		errno = err;
		return -1;
	}
	b[n] = '\0';
	return n;
}

static bool
dc_gone(int err)
{
	return err == ENOENT || err == ESRCH;
}

/* Read PID/name into dc->buf: 0, or -errno. */
static int
dc_read(struct detcache *dc, int pid, const char *name)
{
	int fd = procfs_pid_file(dc->pf, pid, name), rc, err;

	if (fd < 0)
		return -errno;
	rc = procfs_pread_all(fd, &dc->buf);
	err = errno;
	close(fd);
	return rc < 0 ? -err : 0;
}

/* The first field of statm: the address space's size in pages. */
static bool
dc_size_changed(const char *a, const char *b)
{
	size_t na = strcspn(a, " "), nb = strcspn(b, " ");

	return na != nb || memcmp(a, b, na) != 0;
}

/* Re-read what moved into d->row; -1 when the task is gone. */
static int
dc_refresh(struct detcache *dc, struct dent *d, bool status, bool exec)
{
	int rc;

	if (status) {
		int64_t uid = d->row.uid;
		if ((rc = dc_read(dc, d->pid, "status")) < 0)
			return dc_gone(-rc) ? -1 : 0;
		procs_parse_status(dc->buf.p, dc->buf.len, &d->row);
		if (d->row.uid != uid)
			d->row.user[0] = '\0';	/* procs.c names it again */
	}
	if (exec) {
		if ((rc = dc_read(dc, d->pid, "cmdline")) < 0 && dc_gone(-rc))
			return -1;
		if (rc == 0) {
			free(d->row.cmdline);
			d->row.cmdline = procs_cmdline(dc->buf.p, dc->buf.len);
		}
		if (dc_read(dc, d->pid, "cgroup") == 0) {
			free(d->row.cgroup);
			d->row.cgroup = cgroup_proc_path(dc->buf.p, dc->buf.len);
		}
	}
	return 0;
}

/* A row whose comm, state and uid were given (r holds them: the BPF
 * iterator's, or the exact pass's PID/status) and whose counters and
 * adj come from there too: nothing to read but the command line and
 * cgroup, after an exec (comm changed) or at the sweep. */
static int
dc_fill_hinted(struct detcache *dc, struct dent *d, struct zt_proc *r)
{
	struct zt_proc h = *r;
	bool full = (int32_t)(dc->gen - d->due) >= 0;

	/* an exec renames the task; an exit empties its command line */
	if ((full || strcmp(h.comm, d->row.comm) != 0 ||
	    (h.state == 'Z' && d->row.state != 'Z')) &&
	    dc_refresh(dc, d, false, true) < 0)
		return DETCACHE_GONE;
	if (full)
		d->due = dc->gen + DETCACHE_SWEEP;
	memcpy(d->row.comm, h.comm, sizeof d->row.comm);
	d->row.state = h.state;
	if (zt_have(h.uid) && h.uid != d->row.uid) {
		d->row.uid = h.uid;
		d->row.user[0] = '\0';	/* procs.c names it again */
	}
	*r = d->row;
	r->pid = h.pid;
	r->rank = h.rank;
	r->oom_score = h.oom_score;
	r->oom_score_adj = ZT_NA;	/* the task source's (exact_rows) */
	r->start_time = d->start;
	r->cmdline = d->row.cmdline ? xstrdup(d->row.cmdline) : NULL;
	r->cgroup = d->row.cgroup ? xstrdup(d->row.cgroup) : NULL;
	return DETCACHE_HIT;
}

int
detcache_fill(struct detcache *dc, struct zt_proc *r, uint64_t start,
    bool fresh, enum detcache_src src)
{
	struct dent *d = dc_find(dc, r->pid);
	char adjb[32], statm[DC_STATM_MAX];
	int64_t adj = ZT_NA;
	bool full, status, exec;

	if (d == NULL)
		return DETCACHE_MISS;
	if (d->start != start) {
		d->seen = dc->gen - DC_IDLE_DROP;	/* another task: drop it */
		dc_unkeep(dc, d);
		return DETCACHE_MISS;
	}
	d->seen = dc->gen;
	if (src == DETCACHE_HINTED)
		return dc_fill_hinted(dc, d, r);
	if (dc_small(dc, d->pid, "oom_score_adj", &d->fd_adj, false, adjb,
	    sizeof adjb) < 0 ||
	    dc_small(dc, d->pid, "statm", &d->fd_statm, true, statm,
	    sizeof statm) < 0) {
		if (dc_gone(errno))
			return DETCACHE_GONE;
		d->seen = dc->gen - DC_IDLE_DROP;	/* unreadable: read afresh */
		return DETCACHE_MISS;
	}
	if (!parse_i64_str(adjb, &adj) || adj < -1000 || adj > 1000)
		adj = ZT_NA;
	full = (int32_t)(dc->gen - d->due) >= 0;
	exec = full || dc_size_changed(statm, d->statm);
	status = fresh || exec || strcmp(statm, d->statm) != 0 ||
	    r->oom_score != d->score || adj != d->adj;
	if ((status || exec) && dc_refresh(dc, d, status, exec) < 0)
		return DETCACHE_GONE;
	if (full)
		d->due = dc->gen + DETCACHE_SWEEP;
	if (status) {
		d->score = r->oom_score;
		d->adj = adj;
	}
	strlcpy0(d->statm, statm, sizeof d->statm);

	int pid = r->pid, rank = r->rank;
	int64_t score = r->oom_score;
	*r = d->row;
	r->pid = pid;
	r->rank = rank;
	r->oom_score = score;
	r->oom_score_adj = adj;
	r->start_time = start;
	r->cmdline = d->row.cmdline ? xstrdup(d->row.cmdline) : NULL;
	r->cgroup = d->row.cgroup ? xstrdup(d->row.cgroup) : NULL;
	return DETCACHE_HIT;
}

void
detcache_put(struct detcache *dc, const struct zt_proc *r, uint64_t start,
    enum detcache_src src)
{
	struct dent *d = dc_find(dc, r->pid);
	char statm[DC_STATM_MAX];

	if (d == NULL) {
		if (dc->n == dc->cap) {
			dc->cap = dc->cap ? dc->cap * 2 : 256;
			dc->e = xreallocarray(dc->e, (size_t)dc->cap, sizeof *dc->e);
		}
		d = &dc->e[dc->n++];
		memset(d, 0, sizeof *d);
		d->pid = r->pid;	/* before dc_reindex indexes it */
		d->fd_adj = d->fd_statm = -1;
		if ((size_t)dc->n * 2 + 16 > (size_t)1 << dc->bits)
			dc_reindex(dc);
		else {
			uint32_t mask = (1u << dc->bits) - 1, s = dc_home(dc, r->pid);
			while (dc->slots[s] >= 0)
				s = (s + 1) & mask;
			dc->slots[s] = (int32_t)(d - dc->e);
		}
	} else {
		dc_unkeep(dc, d);
		free(d->row.cmdline);
		free(d->row.cgroup);
	}
	d->pid = r->pid;
	d->start = start;
	d->seen = dc->gen;
	/* spread the full re-reads over the sweep */
	d->due = dc->gen + DETCACHE_SWEEP + (uint32_t)r->pid % DETCACHE_SWEEP;
	d->score = r->oom_score;
	d->adj = r->oom_score_adj;
	d->row = *r;
	d->row.cmdline = r->cmdline ? xstrdup(r->cmdline) : NULL;
	d->row.cgroup = r->cgroup ? xstrdup(r->cgroup) : NULL;
	statm[0] = '\0';
	if (src == DETCACHE_HINTED) {
		d->statm[0] = '\0';	/* counted elsewhere (dc_fill_hinted) */
		return;
	}
	if (dc_small(dc, d->pid, "statm", &d->fd_statm, true, statm,
	    sizeof statm) < 0)
		statm[0] = '\0';
	strlcpy0(d->statm, statm, sizeof d->statm);
	if (d->fd_adj < 0 && dc->fd_room > 0) {
		char b[32];
		(void)dc_small(dc, d->pid, "oom_score_adj", &d->fd_adj, false, b,
		    sizeof b);
	}
}
