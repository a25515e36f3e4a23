/*
 * cmd_protect.c: `zonetop --protect PID[=ADJ]`: write oom_score_adj ADJ
 * (default -1000) to one process through protect.c's handle (a pidfd and
 * the /proc/PID directory fd held from the first look, so pid reuse
 * cannot redirect the write), then print how to make it outlast the
 * process: a systemd drop-in for a service, or a choom line quoted for
 * pasting.  The running system only, never a capture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "procfs.h"
#include "protect.h"
#include "util.h"

/* A file of the held process as text, NULs made spaces; NULL if none. */
static char *
protect_read_text(struct protect_target *t, const char *rel)
{
	struct zt_buf b = { 0 };
	char why[64];

	if (procfs_read_at(t->dirfd, rel, &b, why, sizeof why) < 0 ||
	    b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	while (b.len > 0 && (b.p[b.len - 1] == '\0' || b.p[b.len - 1] == '\n'))
		b.p[--b.len] = '\0';
	for (size_t i = 0; i < b.len; i++)
		if (b.p[i] == '\0')
			b.p[i] = ' ';
	return b.p;
}

int
protect_main(const struct zt_opts *o)
{
	struct protect_target t;
	struct protect_advice adv;
	struct zt_buf out = { 0 };
	struct procfs *pf;
	char err[PROTECT_ERR_LEN], comm[160];
	int pid = 0, adj = PROTECT_ADJ_DEFAULT, old = 0, now = 0, rc;

	if (protect_parse_arg(o->protect, &pid, &adj, err, sizeof err) < 0) {
		fprintf(stderr, "zonetop: %s\n", err);
		return 2;
	}
	pf = procfs_open(o->proc_root, err, sizeof err);
	if (pf == NULL) {
		fprintf(stderr, "zonetop: %s\n", err);
		return 1;
	}
	if (!procfs_live(pf)) {
		fprintf(stderr, "zonetop: --protect changes the running system "
		    "only, not a capture (--proc-root)\n");
		procfs_close(pf);
		return 2;
	}
	rc = protect_open(pf, pid, PROTECT_ANY_START, &t, err, sizeof err);
	if (rc != PROTECT_OK) {
		fprintf(stderr, "zonetop: pid %d: %s\n", pid, err);
		procfs_close(pf);
		return 1;
	}
	escape_text(comm, sizeof comm, t.comm, strlen(t.comm));
	rc = protect_write(&t, adj, &old, &now, err, sizeof err);
	if (rc != PROTECT_OK) {
		fprintf(stderr, "zonetop: pid %d (%s): %s\n", pid, comm, err);
		protect_close(&t);
		procfs_close(pf);
		return rc == PROTECT_ERR_RANGE ? 2 : 1;
	}
	printf("pid %d (%s): oom_score_adj %d -> %d\n", pid, comm, old, now);
	char *cg = protect_read_text(&t, "cgroup");
	struct zt_buf argv = { 0 };
	if (protect_read_argv(&t, &argv) < 0)
		buf_clear(&argv);
	protect_advise(cg, argv.p, argv.len, now, &adv);
	protect_advice_text(&adv, &out);
	fputs(out.p, stdout);
	free(cg);
	buf_free(&argv);
	buf_free(&out);
	protect_close(&t);
	procfs_close(pf);
	return fflush(stdout) == 0 ? 0 : 1;
}
