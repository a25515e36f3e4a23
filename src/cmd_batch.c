/*
 * cmd_batch.c: `zonetop -b [--format text|json]`: samples printed like
 * top -b, as text reports or JSON Lines, through the shared loop.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "loop.h"
#include "output.h"
#include "util.h"

struct batch {
	const struct zt_opts *o;
	struct out_opts oo;
	struct zt_buf out;
};

static int
batch_emit(void *ctx, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev)
{
	struct batch *b = ctx;
	int bad = 0;

	(void)prev;
	if (b->o->format == ZT_FMT_JSON) {
		if (json_print(stdout, cur, &b->oo) < 0)
			bad = 1;
	} else {
		buf_clear(&b->out);
		text_snapshot(&b->out, cur, &b->oo);
		if (fwrite(b->out.p, 1, b->out.len, stdout) != b->out.len)
			bad = 1;
	}
	if (fflush(stdout) == EOF || bad) {
		fprintf(stderr, "zonetop: writing output: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

int
batch_main(const struct zt_opts *o)
{
	struct sampler_opts so = sampler_opts_from(o);
	struct loop_opts lo = { .count = o->count, .delay = o->delay };
	struct batch b = { .o = o, .oo = { .top = o->top } };
	char why[256];
	struct sampler *sm = sampler_open(&so, why, sizeof why);
	int rc;

	if (sm == NULL) {
		fprintf(stderr, "zonetop: %s\n", why);
		return 1;
	}
	rc = loop_run(sm, &lo, batch_emit, &b);
	buf_free(&b.out);
	sampler_close(sm);
	return rc;
}
