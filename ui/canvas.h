/*
 * canvas.h: the screen model.  A canvas is a grid of cells, each holding
 * one character and a colour role; the drawing code (draw.c) fills it
 * from a snapshot and the view state, and term.c copies it to curses.
 * Nothing here knows curses, so whole screens can be drawn and checked
 * in unit tests without a terminal.
 *
 * Invariants: a wide character occupies its cell and the next one, which
 * is marked CELL_CONT; writes are clipped to the grid and to the width
 * the caller allows; in ASCII mode no cell holds a character above 0x7e.
 */
#ifndef ZT_UI_CANVAS_H
#define ZT_UI_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Colour roles: what a cell means, mapped to attributes by term.c. */
enum ui_role {
	RL_NORMAL,
	RL_HEADER,		/* the top line */
	RL_TITLE,		/* a panel's title */
	RL_FOCUS,		/* the focused panel's title */
	RL_LABEL,		/* column headings, field names */
	RL_DIM,			/* secondary text */
	RL_NA,			/* "n/a" */
	RL_OK,
	RL_WARN,
	RL_CRIT,
	RL_FREE,			/* free part of a zone bar */
	RL_USED,			/* used part of a zone bar */
	RL_MARK,			/* watermark marks on a bar */
	RL_RESERVE,		/* the lowmem reserve mark */
	RL_STANDOUT,		/* empty/unmanaged/tiny zones, reserved, unaccounted */
	RL_VICTIM,		/* the predicted OOM victim */
	RL_UNKILLABLE,		/* oom_score_adj -1000, init */
	RL_SPARK,
	RL_KEY,			/* key names in help and footer */
	RL_PROMPT,
	RL_MARK_FREE,		/* a watermark mark inside the free part of a bar */
	RL_NROLES
};

#define CELL_CONT 0x01		/* right half of a wide character */
#define CELL_SEL  0x02		/* selected row: drawn reversed */

struct ui_cell {
	uint32_t ch;		/* Unicode code point; 0 on CELL_CONT */
	uint8_t role;		/* enum ui_role */
	uint8_t flags;
};

struct canvas {
	int w, h;
	bool ascii;		/* no characters outside printable ASCII */
	struct ui_cell *c;
};

/* The glyphs the drawing uses, Unicode or ASCII. */
struct ui_glyphs {
	const char *bar_free, *bar_used;
	const char *eighth[8];		/* [1..7] partial cells, [0] unused */
	const char *spark[8];		/* lowest to highest */
	const char *shade[5];		/* 0, 1-9, 10-99, 100-999, 1000+ */
	const char *yes, *no, *none;	/* watermark check, not applicable */
	const char *sep;		/* " · " between verdict items */
	const char *up, *down;		/* sort direction, trend */
	const char *victim, *unkillable;
	const char *ellipsis;
	const char *brk;		/* a zone bar's scale break */
};

void canvas_init(struct canvas *cv, int w, int h, bool ascii);
void canvas_free(struct canvas *cv);
/* Resize (contents cleared). */
void canvas_resize(struct canvas *cv, int w, int h);
void canvas_clear(struct canvas *cv);
const struct ui_glyphs *canvas_glyphs(const struct canvas *cv);

/*
 * Write UTF-8 text at (y, x), at most maxw columns (maxw < 0: to the
 * edge).  Characters the locale cannot show, and any non-ASCII in ASCII
 * mode, become '?'.  Returns the columns written.
 */
int canvas_put(struct canvas *cv, int y, int x, int maxw, int role,
    const char *s);
int canvas_printf(struct canvas *cv, int y, int x, int maxw, int role,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Right-align s in the width w ending at column x + w. */
int canvas_put_right(struct canvas *cv, int y, int x, int w, int role,
    const char *s);
/* Fill n cells with one (single-width) UTF-8 character. */
void canvas_fill(struct canvas *cv, int y, int x, int n, int role,
    const char *ch);
/* Change the role or set a flag on n cells. */
void canvas_set_role(struct canvas *cv, int y, int x, int n, int role);
void canvas_set_flag(struct canvas *cv, int y, int x, int n, int flag);
/* Copy rows [sy, sy + n) of src to row dy of dst (clipped). */
void canvas_copy_rows(struct canvas *dst, int dy, const struct canvas *src,
    int sy, int n);
/* Copy all of src onto dst with its top left at (dy, dx) (clipped). */
void canvas_blit(struct canvas *dst, int dy, int dx, const struct canvas *src);
/* Columns that UTF-8 text takes (as canvas_put would draw it). */
int canvas_width(const struct canvas *cv, const char *s);
/* Row y as UTF-8, trailing blanks removed, into buf.  For tests. */
const char *canvas_row(const struct canvas *cv, int y, char *buf,
    size_t len);
const struct ui_cell *canvas_cell(const struct canvas *cv, int y, int x);

/* Decode one UTF-8 sequence at s; returns its length (>= 1) and sets
 * *cp (U+FFFD on a bad byte). */
int canvas_utf8_decode(const char *s, uint32_t *cp);

#endif
