/*
 * cmd_openmetrics.c: `zonetop --openmetrics`: one sample in the
 * OpenMetrics text format (om_out.c) on standard output, for
 * node_exporter's textfile collector or a scrape by hand.
 */
#include <stdio.h>

#include "commands.h"
#include "loop.h"
#include "output.h"
#include "util.h"

struct om_run {
	int top;
	struct zt_buf b;
};

static int
om_emit(void *ctx, const struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	struct om_run *r = ctx;

	(void)prev;
	om_snapshot(&r->b, cur, r->top);
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
	struct loop_opts lo = { .count = 1, .delay = 0 };
	struct om_run r = { .top = o->top >= 0 ? (int)o->top : 10 };
	char why[256];
	struct sampler *sm;
	int rc;

	/* only the top rows are exported: read details for those alone */
	so.detail_rows = r.top;
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
