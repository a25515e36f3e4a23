/*
 * config.h: the configuration file, zonetoprc.  Parsing is pure: text in,
 * a struct out.  A bad line is reported as "NAME:LINE: message" and
 * skipped; nothing in the file is fatal.  The names of colour roles and
 * candidate columns are the UI's (ui.h), handed in as a vocabulary, so
 * this file knows no screen.
 *
 *   # a comment; blank lines are ignored
 *   interval = 1.5                 seconds between samples
 *   color.crit = bold white,red    [attribute...] FG[,BG] for a role
 *   columns = rank pid oom rss command     shown, in this order
 *   sort = rss desc                a column, then asc or desc
 *   protect_level = -1000          what p writes, -1000..0
 */
#ifndef ZT_CONFIG_H
#define ZT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define CFG_MAX_ROLES	32
#define CFG_MAX_COLS	16
#define CFG_COLOR_DEFAULT (-1)	/* the terminal's own colour */
#define CFG_COLOR_KEEP	(-2)	/* not given: the role's own */

/* Attributes a colour setting may add. */
enum { CFG_A_BOLD = 1, CFG_A_DIM = 2, CFG_A_UNDERLINE = 4, CFG_A_REVERSE = 8 };

struct cfg_color {
	bool set;
	int fg, bg;		/* 0..255, CFG_COLOR_DEFAULT or _KEEP */
	bool attrs_set;		/* attributes were given: they replace the
				 * role's own ("normal" alone: none) */
	unsigned attrs;		/* CFG_A_* */
};

/* The names the file may use; index i of a list is the UI's value i.  A
 * NULL entry has no name (cannot be set). */
struct cfg_vocab {
	const char *const *roles;
	int nroles;		/* at most CFG_MAX_ROLES */
	const char *const *cols;
	int ncols;		/* at most CFG_MAX_COLS */
};

enum cfg_dir { CFG_SORT_NATURAL, CFG_SORT_ASC, CFG_SORT_DESC };

struct zt_config {
	bool have_interval;
	double interval;		/* 0.05 .. 86400 seconds */
	struct cfg_color color[CFG_MAX_ROLES];	/* by role */
	int ncols;			/* columns: 0 not set */
	int cols[CFG_MAX_COLS];		/* column indexes, in order, no repeats */
	bool have_sort;
	int sort;			/* a column index */
	int sort_dir;			/* enum cfg_dir */
	bool have_protect_level;
	int protect_level;		/* -1000 .. 0 */
};

/*
 * Parse len bytes of text (NUL bytes are bad lines, not ends).  name is
 * what messages start with ("zonetoprc").  cfg is cleared first; each
 * bad line appends "NAME:LINE: message\n" to errs.  Returns the number
 * of bad lines.
 */
int config_parse(const char *name, const char *text, size_t len,
    const struct cfg_vocab *vocab, struct zt_config *cfg, struct zt_buf *errs);

/* Where the file is: $XDG_CONFIG_HOME/zonetop/zonetoprc when that is an
 * absolute path, else $HOME/.config/zonetop/zonetoprc.  NULL when
 * neither can be made (no HOME, or too long). */
const char *config_path(char *buf, size_t len, const char *xdg_config_home,
    const char *home);

#endif
