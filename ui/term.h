/*
 * term.h: the only file that calls curses.  It opens the terminal with
 * newterm() (which fails instead of exiting), maps colour roles to
 * attributes, copies a canvas to the screen and reads keys and mouse
 * events.  One terminal per process.
 *
 * One thing of curses is used elsewhere, on purpose: its key codes.  A
 * key is passed on as getch() returned it, so the key table (keys.c)
 * and the dialog and prompt editing (view.c, keys.c) include <curses.h>
 * for the KEY_* macros only (KEY_UP, KEY_F(n), KEY_BACKSPACE, ...) and
 * call no curses function; the unit tests drive ui_view_key() with the
 * same codes.  Resizes and mouse events are translated here
 * (enum term_kind, enum ui_click).
 */
#ifndef ZT_UI_TERM_H
#define ZT_UI_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"

/* Can TERM drive a full-screen display?  -1 with a reason when not. */
int term_check(char *why, size_t len);
/* zonetoprc's colours by role (config.h), n of them; before term_open.
 * They are not used on a monochrome screen. */
struct cfg_color;
void term_set_colors(const struct cfg_color *c, int n);
/* Enter curses.  -1 with a reason when the terminal cannot be used. */
int term_open(bool no_color, char *why, size_t len);
void term_close(void);
void term_size(int *w, int *h);
/* Resize curses to the terminal's size if it changed. */
void term_update_size(void);
/* erase, draw every cell, refresh; clear: repaint the whole terminal. */
void term_draw(const struct canvas *cv, bool clear);

enum term_kind {
	TERM_NONE,		/* no input pending */
	TERM_KEY,		/* key: a curses key code (see above) */
	TERM_RESIZE,		/* the terminal changed size */
	TERM_MOUSE,		/* y, x, click */
};

/* One input event. */
struct term_event {
	int key;
	int y, x, click;	/* TERM_MOUSE: enum ui_click, -1 ignored */
};
/* Read one event; returns its enum term_kind. */
int term_read(struct term_event *ev);

#endif
