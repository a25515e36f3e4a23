/*
 * cmd_openmetrics.c: `zonetop --openmetrics [--textfile DIR]`: one
 * sample in the OpenMetrics text format (om_out.c) on standard output,
 * or written atomically to DIR/zonetop.prom for node_exporter's textfile
 * collector: into a new temporary file in DIR (O_EXCL), flushed to the
 * disk, then renamed over the old one, so a reader sees the whole old
 * file or the whole new one, and a link planted under the final name is
 * replaced, never followed.
 *
 * With -d (and -n COUNT, or forever) it stays resident: one sampler,
 * its kept fds and BPF program live between samples, and the exposition
 * is printed (each ending in "# EOF") or the file rewritten every
 * SECONDS, at what a live refresh costs instead of a whole run's start
 * each time.  A resident textfile writer that cannot write its first
 * file stops (a wrong DIR is told at once); a later failure is printed
 * and the next sample tries again, the old file staying whole.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "loop.h"
#include "output.h"
#include "procfs.h"
#include "util.h"

#define OM_TEXTFILE "zonetop.prom"

struct om_run {
	int top;
	const char *dir;	/* --textfile, or NULL: standard output */
	bool resident;		/* more than one sample */
	long written;		/* textfiles written */
	struct zt_buf b;
};

static int
om_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* b into dir/zonetop.prom, atomically.  -1 with the error printed. */
static int
om_textfile(const char *dir, const struct zt_buf *b)
{
	char tmp[4096], final[4096], why[4200];
	int fd = procfs_temp_in(dir, OM_TEXTFILE, tmp, sizeof tmp, why, sizeof why);

	if (fd < 0) {
		fprintf(stderr, "zonetop: %s\n", why);
		return -1;
	}
	if ((size_t)snprintf(final, sizeof final, "%s/%s", dir, OM_TEXTFILE) >=
	    sizeof final) {
		errno = ENAMETOOLONG;
		goto fail;
	}
	if (om_write_all(fd, b->p, b->len) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, final) < 0)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "zonetop: %s: %s\n", fd >= 0 ? tmp : final, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

static int
om_emit(void *ctx, const struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	struct om_run *r = ctx;

	(void)prev;
	buf_clear(&r->b);
	om_snapshot(&r->b, cur, r->top);
	if (r->dir != NULL) {
		if (om_textfile(r->dir, &r->b) == 0)
			r->written++;
		else if (!r->resident || r->written == 0)
			return -1;
		return 0;
	}
	if (fwrite(r->b.p, 1, r->b.len, stdout) != r->b.len || fflush(stdout) == EOF) {
		fprintf(stderr, "zonetop: writing output failed\n");
		return -1;
	}
	return 0;
}

int
openmetrics_main(const struct zt_opts *o)
{
	struct sampler_opts so = sampler_opts_from(o);
	struct loop_opts lo = { .count = o->count, .delay = o->delay };
	struct om_run r = { .top = o->top >= 0 ? (int)o->top : 10,
	    .dir = o->textfile, .resident = o->count != 1 };
	char why[256];
	struct sampler *sm;
	int rc;

	/* only the top rows are exported: read details for those alone */
	so.detail_rows = r.top;
	/* one sample on a small machine reads /proc: no BPF load */
	so.one_sample = !r.resident;
	/* no family of the exposition comes from it: the memory blocks
	 * alone are 2 sysfs reads each (384 here, ~4 ms) */
	so.no_vm = true;
	sm = sampler_open(&so, why, sizeof why);
	if (sm == NULL) {
		fprintf(stderr, "zonetop: %s\n", why);
		return 1;
	}
	rc = loop_run(sm, &lo, om_emit, &r);
	buf_free(&r.b);
	sampler_close(sm);
	return rc;
}
