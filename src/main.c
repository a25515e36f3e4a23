/*
 * main.c: the command line.  Dispatches to the live monitor (ui/) or to
 * a command (commands.h; each in its own cmd_*.c file).  The live screen (and a
 * replay) also read zonetoprc; the command line wins over it.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

	/* no fastbins: each sample frees thousands of small rows and then
	 * asks for a large buffer, and consolidating the fastbins then cost
	 * a sixth of a 5,000-process sample */
	mallopt(M_MXFAST, 0);
	if (opts_parse(argc, argv, &o, err, sizeof err) < 0) {
		fprintf(stderr, "zonetop: %s\n", err);
		return 2;
	}
	/* a monitor that runs for a while must outlive the trouble it shows */
	if (o.mode == ZT_MODE_LIVE || o.mode == ZT_MODE_RECORD ||
	    o.mode == ZT_MODE_LISTEN ||
	    (o.mode == ZT_MODE_BATCH && !o.replay && o.count != 1) ||
	    (o.mode == ZT_MODE_OPENMETRICS && o.count != 1)) {
		selfguard_apply(!o.no_oom_adj, !o.no_mlock);
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
		return o.replay ? replay_batch(&o) : batch_main(&o);
	case ZT_MODE_RECORD:
		return record_main(&o);
	case ZT_MODE_OPENMETRICS:
		return openmetrics_main(&o);
	case ZT_MODE_LISTEN:
		return listen_main(&o);
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
