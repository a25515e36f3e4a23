/*
 * ui.h: the ncurses front end's entry point.  No curses types here, so
 * src/main.c can call it without including curses.  The UI never opens
 * a file: it gets snapshots from the sampler (src/sampler.h) and draws
 * them as a function of (snapshot, previous snapshot, view state).
 */
#ifndef ZT_UI_H
#define ZT_UI_H

#include <stdbool.h>

#include "../src/config.h"
#include "../src/sampler.h"

struct ui_config {
	struct sampler_opts sopts;	/* what and where to sample */
	double interval;		/* seconds between samples */
	bool no_color;			/* --no-color or NO_COLOR set */
	bool ascii;			/* force ASCII bars */
	const char *replay_file;	/* replay FILE: snapshots from a recording
					 * instead of the sampler (record.h) */
	int protect_level;		/* what p writes: zonetoprc's or
					 * PROTECT_ADJ_DEFAULT */
	const struct zt_config *rc;	/* zonetoprc's colours, columns and
					 * sort; NULL: none */
	const char *note;		/* for the status line once (bad
					 * zonetoprc lines); NULL none */
};

/* The names zonetoprc gives colour roles and candidate columns. */
void ui_config_vocab(struct cfg_vocab *voc);

/* Run the live monitor until the user quits.  Returns the exit status
 * (0 on q).  Prints a one-line error and returns 1 when stdout is not a
 * terminal or TERM is unusable. */
int ui_run(const struct ui_config *cfg);

#endif
