/*
 * cmd_replay.c: `zonetop -b --replay FILE [--format text|json]`: a recording
 * printed through the same text_snapshot() and json_print() as live
 * batch output, frame after frame, then one line on what was damaged.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "output.h"
#include "record.h"
#include "util.h"

int
replay_batch(const struct zt_opts *o)
{
	struct out_opts oo = { .top = o->top };
	struct zt_buf out = { 0 };
	struct rec_reader *r;
	char why[256], dmg[256];
	long printed = 0;
	int rc = 0;

	if ((r = rec_open(o->replay, why, sizeof why)) == NULL) {
		fprintf(stderr, "zonetop: %s\n", why);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	for (long i = 0; i < rec_count(r) && (o->count == 0 || printed < o->count); i++) {
		struct zt_snapshot s;

		if (rec_read(r, i, &s, why, sizeof why) < 0) {
			snapshot_free(&s);
			continue;	/* counted, reported below */
		}
		if (o->format == ZT_FMT_JSON)
			rc = json_print(stdout, &s, &oo) < 0;
		else {
			buf_clear(&out);
			text_snapshot(&out, &s, &oo);
			rc = fwrite(out.p, 1, out.len, stdout) != out.len;
		}
		snapshot_free(&s);
		if (rc || fflush(stdout) == EOF) {
			fprintf(stderr, "zonetop: writing output: %s\n", strerror(errno));
			rc = 1;
			break;
		}
		printed++;
	}
	rec_damage_text(rec_damage(r), dmg, sizeof dmg);
	if (dmg[0])
		fprintf(stderr, "zonetop: %s: %s; %ld frames replayed\n", o->replay,
		    dmg, printed);
	if (rc == 0 && printed == 0 && rec_count(r) > 0)
		rc = 1;		/* every frame failed to decode */
	buf_free(&out);
	rec_close(r);
	return rc;
}
