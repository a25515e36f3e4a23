/*
 * term.c: curses.  The colour roles live in one table with a colour and
 * a monochrome column (ncdu's UI_COLORS); NO_COLOR, --no-color and
 * terminals without eight colours get the monochrome one.  Each turn
 * erases the screen and draws every cell of the canvas; curses sends
 * only the difference.
 */
#include "term.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

#include "../src/config.h"
#include "view.h"

static const struct {
	short fg, bg;
	attr_t color, mono;
} roles[RL_NROLES] = {
	[RL_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[RL_HEADER] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[RL_TITLE] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[RL_FOCUS] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD },
	[RL_LABEL] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[RL_DIM] = { -1, -1, A_DIM, A_DIM },
	[RL_NA] = { COLOR_MAGENTA, -1, A_DIM, A_DIM },
	[RL_OK] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[RL_WARN] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[RL_CRIT] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[RL_FREE] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[RL_USED] = { COLOR_BLUE, -1, A_BOLD, A_DIM },
	[RL_MARK] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[RL_RESERVE] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[RL_STANDOUT] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[RL_VICTIM] = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[RL_UNKILLABLE] = { -1, -1, A_DIM, A_DIM },
	[RL_SPARK] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[RL_KEY] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[RL_PROMPT] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	/* the letter cut out of the free colour: the bar stays whole */
	[RL_MARK_FREE] = { COLOR_BLACK, COLOR_GREEN, A_BOLD, A_BOLD | A_REVERSE },
};

static SCREEN *screen;
static bool use_color;
static struct cfg_color custom[RL_NROLES];	/* zonetoprc's, over roles[] */

void
term_set_colors(const struct cfg_color *c, int n)
{
	for (int i = 0; i < RL_NROLES; i++)
		custom[i] = i < n ? c[i] : (struct cfg_color){ .set = false };
}

/* A configured colour, or the role's own when none or beyond the
 * terminal's colours. */
static short
custom_color(int v, short own)
{
	if (v == CFG_COLOR_DEFAULT)
		return -1;
	if (v >= 0 && v < COLORS && v <= 255)
		return (short)v;
	return own;
}

static attr_t
custom_attrs(unsigned a)
{
	return (a & CFG_A_BOLD ? A_BOLD : 0) | (a & CFG_A_DIM ? A_DIM : 0) |
	    (a & CFG_A_UNDERLINE ? A_UNDERLINE : 0) |
	    (a & CFG_A_REVERSE ? A_REVERSE : 0);
}

int
term_check(char *why, size_t len)
{
	const char *t = getenv("TERM");
	int err = 0;
	char *cup;

	if (t == NULL || *t == '\0') {
		snprintf(why, len, "TERM is not set");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(why, len, "TERM=%.40s is %s", t, err == -1 ?
		    "not usable (no terminfo database)" : "not a usable terminal");
		return -1;
	}
	/* a terminal that cannot move the cursor cannot draw a screen */
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (cup == NULL || cup == (char *)-1) {
		snprintf(why, len, "TERM=%.40s cannot address the cursor", t);
		return -1;
	}
	return 0;
}

int
term_open(bool no_color, char *why, size_t len)
{
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		snprintf(why, len, "cannot open the terminal (TERM=%.40s)",
		    getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	set_term(screen);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	use_color = !no_color && has_colors() && start_color() == OK &&
	    COLORS >= 8 && COLOR_PAIRS > RL_NROLES;
	if (use_color) {
		use_default_colors();
		for (int i = 0; i < RL_NROLES; i++)
			init_pair((short)(i + 1),
			    custom_color(custom[i].set ? custom[i].fg : CFG_COLOR_KEEP,
			    roles[i].fg),
			    custom_color(custom[i].set ? custom[i].bg : CFG_COLOR_KEEP,
			    roles[i].bg));
	}
	return 0;
}

void
term_close(void)
{
	if (screen == NULL)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
}

void
term_size(int *w, int *h)
{
	getmaxyx(stdscr, *h, *w);
}

void
term_update_size(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && is_term_resized(ws.ws_row, ws.ws_col))
		resizeterm(ws.ws_row, ws.ws_col);
}

static attr_t
role_attr(int role, int flags)
{
	attr_t a;

	if (role < 0 || role >= RL_NROLES)
		role = RL_NORMAL;
	if (!use_color)
		a = roles[role].mono;
	else
		a = (custom[role].attrs_set ? custom_attrs(custom[role].attrs) :
		    roles[role].color) | COLOR_PAIR(role + 1);
	if (flags & CELL_SEL)
		a |= A_REVERSE;
	return a;
}

void
term_draw(const struct canvas *cv, bool clear)
{
	wchar_t run[1024];

	if (clear)
		clearok(curscr, TRUE);
	erase();
	for (int y = 0; y < cv->h; y++) {
		int x = 0;
		while (x < cv->w) {
			const struct ui_cell *c0 = canvas_cell(cv, y, x);
			int start = x, n = 0;
			/* a run of cells drawn with the same attributes */
			while (x < cv->w && n < (int)(sizeof run / sizeof run[0]) - 1) {
				const struct ui_cell *c = canvas_cell(cv, y, x);
				if (c->role != c0->role ||
				    (c->flags & CELL_SEL) != (c0->flags & CELL_SEL))
					break;
				if (!(c->flags & CELL_CONT))
					run[n++] = (wchar_t)c->ch;
				x++;
			}
			run[n] = L'\0';
			attrset(role_attr(c0->role, c0->flags));
			mvaddnwstr(y, start, run, n);
		}
	}
	attrset(A_NORMAL);
	refresh();
}

int
term_read(struct term_event *ev)
{
	MEVENT me;

	ev->click = -1;
	ev->key = getch();
	if (ev->key == ERR)
		return TERM_NONE;
	if (ev->key == KEY_RESIZE)
		return TERM_RESIZE;
	if (ev->key != KEY_MOUSE)
		return TERM_KEY;
	if (getmouse(&me) != OK)
		return TERM_MOUSE;
	ev->y = me.y;
	ev->x = me.x;
	if (me.bstate & BUTTON1_DOUBLE_CLICKED)
		ev->click = CLICK_DOUBLE;
	else if (me.bstate & BUTTON1_CLICKED)
		ev->click = CLICK_PRESS;
	else if (me.bstate & BUTTON4_PRESSED)
		ev->click = CLICK_WHEEL_UP;
	else if (me.bstate & BUTTON5_PRESSED)
		ev->click = CLICK_WHEEL_DOWN;
	return TERM_MOUSE;
}
