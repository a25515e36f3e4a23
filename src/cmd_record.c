/*
 * cmd_record.c: `zonetop record FILE [-d SECONDS] [-n COUNT]`: every
 * sample, with every process, appended to a recording (record.h) until
 * the count or a stop signal; the file is opened at the first sample,
 * whose host and kernel go into a new file's header.  pagetypeinfo
 * (root only) is read at the first sample and every tenth after.
 */
#include <stdio.h>

#include "commands.h"
#include "loop.h"
#include "record.h"

/* pagetypeinfo walks every free list under the zone locks (7 ms here,
 * more than the rest of a sample): read every this many samples */
#define RECORD_PAGETYPE_EVERY 10

struct recording {
	const char *path;
	struct rec_writer *w;
	struct sampler *sm;
	long n;
};

static int
record_emit(void *ctx, const struct zt_snapshot *cur,
    const struct zt_snapshot *prev)
{
	struct recording *r = ctx;
	char why[512];

	(void)prev;
	if (r->w == NULL) {
		r->w = rec_writer_open(r->path, cur, why, sizeof why);
		if (r->w == NULL) {
			fprintf(stderr, "zonetop: %s\n", why);
			return -1;
		}
		if (why[0])
			fprintf(stderr, "zonetop: %s\n", why);
	}
	if (rec_writer_append(r->w, cur, why, sizeof why) < 0) {
		fprintf(stderr, "zonetop: %s\n", why);
		return -1;
	}
	r->n++;
	sampler_set_pagetypeinfo(r->sm, r->n % RECORD_PAGETYPE_EVERY == 0);
	return 0;
}

int
record_main(const struct zt_opts *o)
{
	struct sampler_opts so = sampler_opts_from(o);
	struct loop_opts lo = { .count = o->count, .delay = o->delay };
	struct recording r = { .path = o->record };
	char why[512];
	struct sampler *sm;
	int rc;

	so.detail_rows = -1;		/* every process in full */
	so.want_pagetypeinfo = true;	/* where readable (root, 5.4+); the
					 * first sample, then every 10th */
	if ((sm = sampler_open(&so, why, sizeof why)) == NULL) {
		fprintf(stderr, "zonetop: %s\n", why);
		return 1;
	}
	r.sm = sm;
	rc = loop_run(sm, &lo, record_emit, &r);
	if (r.w != NULL) {
		long n = rec_writer_frames(r.w);
		int64_t b = rec_writer_bytes(r.w);
		if (rec_writer_close(r.w, why, sizeof why) < 0) {
			fprintf(stderr, "zonetop: %s\n", why);
			rc = 1;
		}
		if (rc == 0)
			fprintf(stderr, "zonetop: %s: %ld samples recorded, file %lld KiB\n",
			    o->record, n, (long long)(b / 1024));
	}
	sampler_close(sm);
	return rc;
}
