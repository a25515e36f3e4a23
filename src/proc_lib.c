/*
 * proc_lib.c: libproc2 adapter, see proc_lib.h.  It owns one pids_info
 * handle, reused for every refresh.  Functions, never the PIDS_VAL macro
 * (its argument count changed in procps-ng 4.0.5); every result is
 * looked up by its item's position in items[].
 *
 * What libproc2 is asked for is what it reports faithfully: the user
 * name (its own passwd cache), oom_score_adj, the command line and the
 * cgroup lines as vectors of raw strings.  Not the comm: libproc2
 * replaces control bytes and invalid UTF-8 in it, and the snapshot keeps
 * raw bytes (escaping is the output's job).
 *
 * libproc2 is loaded with dlopen() at the first proc_lib_open(), not
 * linked: it brings libsystemd, which maps gcrypt, gpg-error, zstd,
 * lzma, lz4 and cap, and libproc2 itself loads libnuma; 1.0 MiB of
 * library pages in every mode, the live screen included, which reads
 * its rows' details itself (sampler_opts.own_details).  Its header
 * gives the types; its three functions come from the handle.
 */
#include "proc_lib.h"

#include <stdlib.h>
#include <string.h>

#include <libproc2/pids.h>

#include "cgroup.h"
#include "procs_parse.h"
#include "util.h"

/* procps-ng's FILL_ID_MAX: select() refuses longer pid lists */
#define PROC_LIB_CHUNK 255

enum { I_PID, I_EUID, I_EUSER, I_ADJ, I_CMDLINE, I_CGROUP, I_COUNT };

static enum pids_item items[I_COUNT] = {
	[I_PID] = PIDS_ID_PID,
	[I_EUID] = PIDS_ID_EUID,
	[I_EUSER] = PIDS_ID_EUSER,
	[I_ADJ] = PIDS_OOM_ADJ,
	[I_CMDLINE] = PIDS_CMDLINE_V,
	[I_CGROUP] = PIDS_CGROUP_V,
};

struct proc_lib {
	struct pids_info *info;
	struct zt_buf buf;
};

/* The libproc2 functions used, from dlopen(); set once, never unset. */
static struct {
	int (*pids_new)(struct pids_info **, enum pids_item *, int);
	int (*pids_unref)(struct pids_info **);
	struct pids_fetch *(*pids_select)(struct pids_info *, unsigned *, int,
	    enum pids_select_type);
} lp;

/* libproc2's functions into lp: 0, or -1 when it cannot be loaded (the
 * caller's own readers then give every detail). */
static int
proc_lib_load(void)
{
	static const char *const names[] = { "procps_pids_new",
	    "procps_pids_unref", "procps_pids_select" };
	void *f[ZT_ARRAY_LEN(names)];
	char why[128];

	if (lp.pids_select != NULL)
		return 0;
	if (dl_functions("libproc2.so.0", "libproc2", names, ZT_ARRAY_LEN(names),
	    f, why, sizeof why) == NULL)
		return -1;
	/* POSIX: dlsym's void * converts to a function pointer; the one
	 * tested above is filled last, so a failed load leaves it unset */
	memcpy(&lp.pids_new, &f[0], sizeof f[0]);
	memcpy(&lp.pids_unref, &f[1], sizeof f[1]);
	memcpy(&lp.pids_select, &f[2], sizeof f[2]);
	return 0;
}

struct proc_lib *
proc_lib_open(void)
{
	struct proc_lib *pl;

	if (proc_lib_load() < 0)
		return NULL;
	pl = xcalloc(1, sizeof *pl);
	if (lp.pids_new(&pl->info, items, I_COUNT) < 0 || pl->info == NULL) {
		free(pl);
		return NULL;
	}
	return pl;
}

void
proc_lib_close(struct proc_lib *pl)
{
	if (pl == NULL)
		return;
	lp.pids_unref(&pl->info);
	buf_free(&pl->buf);
	free(pl);
}

/* argv strings joined by spaces, as /proc/PID/cmdline with NULs made
 * spaces; NULL for libproc2's "-" placeholder of an empty file. */
static char *
join_argv(struct proc_lib *pl, char **v)
{
	if (v == NULL || v[0] == NULL)
		return NULL;
	if (strcmp(v[0], "-") == 0 && v[1] == NULL)
		return NULL;
	buf_clear(&pl->buf);
	for (char **a = v; *a != NULL; a++) {
		if (a != v)
			buf_addc(&pl->buf, ' ');
		buf_add(&pl->buf, *a, strlen(*a));
		if (pl->buf.len > PROCS_CMDLINE_MAX)
			break;
	}
	return xstrndup(pl->buf.p, pl->buf.len > PROCS_CMDLINE_MAX ?
	    PROCS_CMDLINE_MAX : pl->buf.len);
}

static char *
pick_cgroup(struct proc_lib *pl, char **v)
{
	if (v == NULL)
		return NULL;
	buf_clear(&pl->buf);
	for (char **a = v; *a != NULL; a++) {
		buf_add(&pl->buf, *a, strlen(*a));
		buf_addc(&pl->buf, '\n');
	}
	return cgroup_proc_path(pl->buf.p, pl->buf.len);
}

static struct zt_proc *
row_of(struct zt_proc *rows, int n, int pid, int hint)
{
	if (hint < n && rows[hint].pid == pid)
		return &rows[hint];
	for (int i = 0; i < n; i++)
		if (rows[i].pid == pid)
			return &rows[i];
	return NULL;
}

int
proc_lib_fill(struct proc_lib *pl, struct zt_proc *rows, int n, bool *got,
    bool *got_cmdline)
{
	unsigned pids[PROC_LIB_CHUNK];
	int filled = 0;

	for (int i = 0; i < n; i++)
		got[i] = got_cmdline[i] = false;
	for (int base = 0; base < n; base += PROC_LIB_CHUNK) {
		int m = n - base < PROC_LIB_CHUNK ? n - base : PROC_LIB_CHUNK;
		struct pids_fetch *f;

		for (int i = 0; i < m; i++)
			pids[i] = (unsigned)rows[base + i].pid;
		f = lp.pids_select(pl->info, pids, m, PIDS_SELECT_PID);
		if (f == NULL || f->counts == NULL)
			return -1;
		for (int k = 0; k < f->counts->total; k++) {
			struct pids_stack *st = f->stacks[k];
			struct pids_result *r;
			struct zt_proc *p;

			if (st == NULL || (r = st->head) == NULL)
				continue;
			p = row_of(rows + base, m, r[I_PID].result.s_int, k);
			if (p == NULL)
				continue;
			int idx = (int)(p - rows);
			got[idx] = true;
			filled++;
			p->uid = r[I_EUID].result.u_int;
			if (r[I_EUSER].result.str != NULL)
				strlcpy0(p->user, r[I_EUSER].result.str, sizeof p->user);
			p->oom_score_adj = r[I_ADJ].result.s_int;
			free(p->cmdline);
			p->cmdline = join_argv(pl, r[I_CMDLINE].result.strv);
			got_cmdline[idx] = p->cmdline != NULL;
			free(p->cgroup);
			p->cgroup = pick_cgroup(pl, r[I_CGROUP].result.strv);
		}
	}
	return filled;
}
