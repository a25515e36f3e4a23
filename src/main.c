/*
 * main.c: the command line.  Dispatches to the live monitor (ui/), the
 * batch printer below, or `zonetop explain`.  The live screen (and a
 * replay) also read zonetoprc; the command line wins over it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bpf_tasks.h"
#include "commands.h"
#include "config.h"
#include "opts.h"
#include "output.h"
#include "procfs.h"
#include "protect.h"
#include "sampler.h"
#include "selfguard.h"
#include "util.h"
#include "../ui/ui.h"

static volatile sig_atomic_t stop_batch;

static void
on_stop(int sig)
{
	(void)sig;
	stop_batch = 1;
}

static void
sleep_until(double deadline)
{
	while (!stop_batch) {
		double left = deadline - mono_now();
		if (left <= 0)
			return;
		struct timespec ts = { (time_t)left, (long)((left - (double)(time_t)left) * 1e9) };
		if (nanosleep(&ts, NULL) == 0)
			return;
	}
}


static int
batch_run(const struct zt_opts *o)
{
	struct sampler_opts so = sampler_opts_from(o);
	struct out_opts oo = { .top = o->top };
	struct zt_snapshot snaps[2], *cur = &snaps[0], *prev = NULL;
	struct zt_buf out = { 0 };
	char why[256];
	struct sampler *sm = sampler_open(&so, why, sizeof why);
	int rc = 0;

	if (sm == NULL) {
		fprintf(stderr, "zonetop: %s\n", why);
		return 1;
	}
	signal(SIGINT, on_stop);
	signal(SIGTERM, on_stop);
	signal(SIGPIPE, SIG_IGN);
	snapshot_init(&snaps[0]);
	snapshot_init(&snaps[1]);
	for (long i = 0; (o->count == 0 || i < o->count) && !stop_batch; i++) {
		double start = mono_now();

		sampler_take(sm, cur, prev);
		if (o->format == ZT_FMT_JSON) {
			if (json_print(stdout, cur, &oo) < 0)
				rc = 1;
		} else {
			buf_clear(&out);
			text_snapshot(&out, cur, &oo);
			if (fwrite(out.p, 1, out.len, stdout) != out.len)
				rc = 1;
		}
		if (fflush(stdout) == EOF || rc) {
			fprintf(stderr, "zonetop: writing output: %s\n", strerror(errno));
			rc = 1;
			break;
		}
		if (prev)
			snapshot_free(prev);
		prev = cur;
		cur = cur == &snaps[0] ? &snaps[1] : &snaps[0];
		if (o->count == 0 || i + 1 < o->count)
			sleep_until(start + o->delay);
	}
	snapshot_free(&snaps[0]);
	snapshot_free(&snaps[1]);
	buf_free(&out);
	sampler_close(sm);
	return rc;
}

/* zonetoprc: its bad lines go to standard error before the screen
 * starts, and the first into note for the status line; a file that
 * cannot be read is said so and left out.  No file is no settings. */
static void
load_rc(struct zt_config *rc, char *note, size_t notelen)
{
	char path[4096], why[128];
	struct zt_buf text = { 0 }, errs = { 0 };
	struct cfg_vocab voc;
	int bad;

	memset(rc, 0, sizeof *rc);
	note[0] = '\0';
	if (config_path(path, sizeof path, getenv("XDG_CONFIG_HOME"),
	    getenv("HOME")) == NULL)
		return;
	if (procfs_read_file(path, &text, why, sizeof why) < 0) {
		if (strcmp(why, "missing") != 0) {
			snprintf(note, notelen, "%.100s: %.60s (not read)", path, why);
			fprintf(stderr, "zonetop: %s\n", note);
		}
		buf_free(&text);
		return;
	}
	ui_config_vocab(&voc);
	bad = config_parse("zonetoprc", text.p, text.len, &voc, rc, &errs);
	if (bad > 0) {
		const char *p = errs.p, *end = errs.p + errs.len;
		size_t n;
		const char *line;

		while ((line = next_line(&p, end, &n)) != NULL)
			fprintf(stderr, "zonetop: %.*s\n", (int)n, line);
		n = strcspn(errs.p, "\n");
		if (bad > 1)
			snprintf(note, notelen, "%.*s (and %d more bad lines)",
			    (int)(n < 120 ? n : 120), errs.p, bad - 1);
		else
			snprintf(note, notelen, "%.*s", (int)n, errs.p);
	}
	buf_free(&text);
	buf_free(&errs);
}

int
main(int argc, char **argv)
{
	struct zt_opts o;
	char err[160];

	if (opts_parse(argc, argv, &o, err, sizeof err) < 0) {
		fprintf(stderr, "zonetop: %s\n", err);
		return 2;
	}
	/* a monitor that runs for a while must outlive the trouble it shows */
	if (o.mode == ZT_MODE_LIVE || o.mode == ZT_MODE_RECORD ||
	    (o.mode == ZT_MODE_BATCH && !o.replay && o.count != 1)) {
		struct selfguard g;
		selfguard_apply(&g, !o.no_oom_adj, !o.no_mlock);
	}
	switch (o.mode) {
	case ZT_MODE_HELP:
		fputs(opts_usage, stdout);
		bpf_tasks_help(stdout);
		return 0;
	case ZT_MODE_VERSION:
		printf("zonetop %s\n", ZT_VERSION);
		return 0;
	case ZT_MODE_EXPLAIN:
		return explain_main(o.sub_argc, o.sub_argv);
	case ZT_MODE_BATCH:
		return o.replay ? replay_batch(&o) : batch_run(&o);
	case ZT_MODE_RECORD:
		return record_main(&o);
	case ZT_MODE_OPENMETRICS:
		return openmetrics_main(&o);
	case ZT_MODE_PROTECT:
		return protect_main(&o);
	}
	const char *nc = getenv("NO_COLOR");
	struct zt_config rc;
	char note[200];

	load_rc(&rc, note, sizeof note);
	struct ui_config cfg = {
		.sopts = sampler_opts_from(&o),
		.interval = o.delay_set || !rc.have_interval ? o.delay : rc.interval,
		.no_color = o.no_color || (nc != NULL && *nc != '\0'),
		.ascii = o.ascii,
		.replay_file = o.replay,
		.protect_level = rc.have_protect_level ? rc.protect_level :
		    PROTECT_ADJ_DEFAULT,
		.rc = &rc,
		.note = note[0] != '\0' ? note : NULL,
	};
	cfg.sopts.detail_rows = 50;
	return ui_run(&cfg);
}
