/*
 * keys.c: the key table and its dispatch (tmux's cmd_entry style).  The
 * table is the single source of key bindings: each entry names a key,
 * its action, the modes it works in, the help screen's words and the
 * handler; ui_view_key() finds the key's entry for the mode and runs its
 * handler, and the help screen (help.c) lists the same table.  Prompt
 * editing is here too; the dialog's keys are view.c's.  The handlers
 * change the view (view.c) or the replay (replay.c); this file sits
 * above both, so neither includes the other.
 */
#include "keys.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util.h"
#include "replay.h"

#define CTRL(c) ((c) & 0x1f)



/* ---- the handlers: one per action or small group ---- */

static void
key_quit(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s, (void)a;
	v->quit = true;
}

static void
key_help(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s, (void)a;
	if (v->mode == MODE_HELP)
		v->mode = v->help_from;
	else {
		v->help_from = v->mode;
		v->mode = MODE_HELP;
		v->help_top = 0;
	}
}

/* Esc: close the view; on the main screen, drop the scope, else the
 * filter */
static void
key_close(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s, (void)a;
	if (v->mode == MODE_HELP)
		v->mode = v->help_from;
	else if (v->mode == MODE_DETAIL) {
		/* an explanation goes back to the events it came from */
		v->mode = v->detail_is_event ? MODE_EVENTS : MODE_MAIN;
		v->detail_pid = 0;
		v->detail_is_event = false;
		v->detail_verdict = false;
	} else if (v->mode == MODE_EVENTS || v->mode == MODE_CGROUPS)
		v->mode = MODE_MAIN;
	else if (v->scope[0] != '\0') {
		v->scope[0] = '\0';
		v->psel = v->ptop = 0;
		ui_view_message(v, "the machine's ranking again");
	} else if (v->filter[0] != '\0') {
		v->filter[0] = '\0';
		ui_view_message(v, "filter cleared");
	}
}

static void
key_pause(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	if (v->replay) {
		replay_action(v, s, a);
		return;
	}
	v->paused = !v->paused;
	ui_view_message(v, v->paused ? "paused: space resumes" : "resumed");
}

/* d and /: the footer's prompts */
static void
key_prompt(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s;
	ui_view_prompt(v, a == A_FILTER ? PROMPT_FILTER : PROMPT_INTERVAL);
}

/* + and - */
static void
key_interval(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s;
	ui_view_set_interval(v, ui_interval_step(v->interval,
	    a == A_SLOWER ? +1 : -1));
}

static void
key_focus(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s;
	ui_view_focus_step(v, a == A_FOCUS_NEXT ? +1 : -1);
}

/* Up, Down, PgUp, PgDn, Home, End: scroll the help and detail views,
 * move the selection elsewhere */
static void
key_move(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	int d;

	switch (a) {
	case A_UP: d = -1; break;
	case A_DOWN: d = +1; break;
	case A_PGUP: d = -ui_view_page_rows(v); break;
	case A_PGDN: d = ui_view_page_rows(v); break;
	case A_HOME: d = -1000000; break;
	default: d = 1000000; break;
	}
	if (v->mode == MODE_HELP || v->mode == MODE_DETAIL)
		ui_view_scroll_body(v, d);
	else
		ui_view_move_sel(v, s, d);
}

static void
key_enter(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)a;
	ui_view_open_detail(v, s);
}

static void
key_sort(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s;
	if (a == A_SORT_REV) {
		v->sort_rev = !v->sort_rev;
		v->psel = v->ptop = 0;
		return;
	}
	v->sort = ui_view_sort_step(v, a == A_SORT_NEXT ? 1 : -1);
	v->sort_rev = false;
	v->psel = v->ptop = 0;
	ui_view_message(v, "sorted by %s", ui_col_name(v->sort));
}

static void
key_fullcmd(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s, (void)a;
	/* a line cut at the edge ends in an ellipsis; Enter shows it whole
	 * (the help says so) */
	v->full_cmd = !v->full_cmd;
}

static void
key_redraw(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s, (void)a;
	v->redraw = true;
}

static void
key_verdict(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	(void)s, (void)a;
	ui_view_toggle_verdict(v);
}

/* C and E: the cgroups and events views; again closes them */
static void
key_list_view(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	int mode = a == A_CGROUPS ? MODE_CGROUPS : MODE_EVENTS;

	(void)s;
	if (v->mode == mode) {
		v->mode = MODE_MAIN;
		return;
	}
	v->mode = mode;
	if (mode == MODE_CGROUPS)
		v->csel = v->ctop = 0;
	else
		v->esel = v->etop = 0;
}

/* p, e, u: the oom_score_adj dialog */
static void
key_adj(struct ui_view *v, const struct zt_snapshot *s, int a)
{
	ui_dialog_open(v, s, a == A_ADJ_PROTECT ? DLG_PROTECT :
	    a == A_ADJ_EDIT ? DLG_EDIT : DLG_RESTORE);
}


/* The key table: each key, the action it stands for in which modes,
 * the action's handler and the help screen's words. */
static const struct ui_key keys[] = {
	{ '?', A_HELP, "?", "help (this screen); again or Esc closes it",
	    KM_ALL, key_help },
	{ 'h', A_HELP, "h", NULL, KM_ALL, key_help },
	{ KEY_F(1), A_HELP, "F1", NULL, KM_ALL, key_help },
	{ 'q', A_QUIT, "q", "quit", KM_ALL, key_quit },
	{ KEY_F(10), A_QUIT, "F10", NULL, KM_ALL, key_quit },
	{ ' ', A_PAUSE, "space", "pause or resume sampling; a replay: play or "
	    "pause", KM_ALL, key_pause },
	{ 'd', A_INTERVAL, "d", "set the interval between samples (0.05 to "
	    "86400 s)", KM_ALL, key_prompt },
	{ '+', A_SLOWER, "+", "sample less often", KM_ALL, key_interval },
	{ '-', A_FASTER, "-", "sample more often", KM_ALL, key_interval },
	{ '\t', A_FOCUS_NEXT, "Tab", "focus the next panel",
	    KM_MAIN, key_focus },
	{ KEY_BTAB, A_FOCUS_PREV, "S-Tab", "focus the previous panel",
	    KM_MAIN, key_focus },
	{ KEY_UP, A_UP, "Up", "select or scroll up", KM_ALL, key_move },
	{ 'k', A_UP, "k", NULL, KM_ALL, key_move },
	{ KEY_DOWN, A_DOWN, "Down", "select or scroll down", KM_ALL, key_move },
	{ 'j', A_DOWN, "j", NULL, KM_ALL, key_move },
	{ KEY_PPAGE, A_PGUP, "PgUp", "a page up", KM_ALL, key_move },
	{ KEY_NPAGE, A_PGDN, "PgDn", "a page down", KM_ALL, key_move },
	{ KEY_HOME, A_HOME, "Home", "first row", KM_ALL, key_move },
	{ 'g', A_HOME, "g", NULL, KM_ALL, key_move },
	{ KEY_END, A_END, "End", "last row", KM_ALL, key_move },
	{ 'G', A_END, "G", NULL, KM_ALL, key_move },
	{ '\n', A_ENTER, "Enter", "detail of the zone or process; explain an "
	    "event",
	    KM_MAIN | KM_EVENTS | KM_TIMELINE | KM_CGROUPS, key_enter },
	{ '\r', A_ENTER, NULL, NULL, KM_MAIN | KM_EVENTS | KM_TIMELINE |
	    KM_CGROUPS, key_enter },
	{ KEY_ENTER, A_ENTER, NULL, NULL, KM_MAIN | KM_EVENTS | KM_TIMELINE |
	    KM_CGROUPS, key_enter },
	{ 27, A_CLOSE, "Esc", "close the view; clear the filter or the cgroup "
	    "scope", KM_ALL, key_close },
	{ KEY_BACKSPACE, A_CLOSE, NULL, NULL, KM_HELP | KM_DETAIL | KM_EVENTS |
	    KM_TIMELINE | KM_CGROUPS, key_close },
	{ '>', A_SORT_NEXT, ">", "sort candidates by the next column",
	    KM_MAIN, key_sort },
	{ '.', A_SORT_NEXT, ".", NULL, KM_MAIN, key_sort },
	{ KEY_F(6), A_SORT_NEXT, "F6", NULL, KM_MAIN, key_sort },
	{ 's', A_SORT_NEXT, "s", NULL, KM_MAIN, key_sort },
	{ '<', A_SORT_PREV, "<", "sort candidates by the previous column",
	    KM_MAIN, key_sort },
	{ ',', A_SORT_PREV, ",", NULL, KM_MAIN, key_sort },
	{ 'r', A_SORT_REV, "r", "reverse the sort order", KM_MAIN, key_sort },
	{ 'I', A_SORT_REV, "I", NULL, KM_MAIN, key_sort },
	{ '/', A_FILTER, "/", "filter candidates by name, command or user",
	    KM_MAIN, key_prompt },
	{ 'c', A_FULLCMD, "c", "full command lines on or off (Enter on a "
	    "process shows all of it, wrapped)", KM_MAIN, key_fullcmd },
	{ CTRL('l'), A_REDRAW, "^L", "redraw the terminal",
	    KM_ALL, key_redraw },
	{ 'v', A_VERDICT, "v", "the whole verdict, every line wrapped; again or "
	    "Esc closes it", KM_MAIN | KM_DETAIL, key_verdict },
	{ 'E', A_EVENTS, "E", "events: OOM kills and zone changes", KM_MAIN |
	    KM_EVENTS, key_list_view },
	{ 'p', A_ADJ_PROTECT, "p", "protect the selected candidate (or the "
	    "process shown) from the OOM killer",
	    KM_MAIN | KM_DETAIL, key_adj },
	{ 'e', A_ADJ_EDIT, "e", "edit its oom_score_adj (-1000..1000)",
	    KM_MAIN | KM_DETAIL, key_adj },
	{ 'u', A_ADJ_RESTORE, "u", "restore its value from before zonetop changed "
	    "it", KM_MAIN | KM_DETAIL, key_adj },
	{ 'w', A_RECORD, "w", "record every sample to a file; again stops",
	    KM_MAIN, replay_action },
	/* replay.c: the time of a recording (zonetop replay FILE) */
	{ '[', A_STEP_BACK, "[", "replay: back a sample", KM_MAIN | KM_DETAIL |
	    KM_TIMELINE, replay_action },
	{ KEY_LEFT, A_STEP_BACK, "Left", NULL,
	    KM_MAIN | KM_DETAIL | KM_TIMELINE, replay_action },
	{ ']', A_STEP_FWD, "]", "replay: forward a sample", KM_MAIN | KM_DETAIL |
	    KM_TIMELINE, replay_action },
	{ KEY_RIGHT, A_STEP_FWD, "Right", NULL,
	    KM_MAIN | KM_DETAIL | KM_TIMELINE, replay_action },
	{ '1', A_SPEED_1, "1", "replay: play at real time (space pauses)",
	    KM_MAIN | KM_DETAIL | KM_TIMELINE, replay_action },
	{ '2', A_SPEED_10, "2", "replay: play at 10 times real time",
	    KM_MAIN | KM_DETAIL | KM_TIMELINE, replay_action },
	{ '3', A_SPEED_60, "3", "replay: play at 60 times real time",
	    KM_MAIN | KM_DETAIL | KM_TIMELINE, replay_action },
	{ 't', A_GOTO, "t", "replay: go to a time or a sample", KM_MAIN |
	    KM_DETAIL | KM_TIMELINE, replay_action },
	{ 'T', A_TIMELINE, "T", "replay: the recording's events; Enter goes to "
	    "one", KM_MAIN | KM_TIMELINE, replay_action },
	{ 'C', A_CGROUPS, "C", "memory cgroups, each with its next victim; "
	    "Enter there ranks inside one",
	    KM_MAIN | KM_CGROUPS, key_list_view },
};

/* The entry of key in mode, NULL none. */
static const struct ui_key *
key_find(int key, int mode)
{
	unsigned m = mode == MODE_PROMPT || mode == MODE_DIALOG ? 0 : 1u << mode;

	for (size_t i = 0; i < ZT_ARRAY_LEN(keys); i++)
		if (keys[i].key == key && (keys[i].modes & m))
			return &keys[i];
	return NULL;
}

const struct ui_key *
ui_keys(int *n)
{
	*n = (int)ZT_ARRAY_LEN(keys);
	return keys;
}

int
ui_key_action(int key, int mode)
{
	const struct ui_key *k = key_find(key, mode);

	return k != NULL ? k->action : A_NONE;
}

static void
prompt_done(struct ui_view *v, bool ok)
{
	int kind = v->prompt;

	v->mode = MODE_MAIN;
	v->prompt = PROMPT_NONE;
	if (kind == PROMPT_FILTER) {
		if (!ok)
			strlcpy0(v->filter, v->saved_filter, sizeof v->filter);
		v->psel = v->ptop = 0;
		return;
	}
	if (kind == PROMPT_GOTO || kind == PROMPT_RECORD) {
		replay_prompt_done(v, kind, ok);
		return;
	}
	if (ok && v->input_len > 0) {
		char *end;
		double iv = strtod(v->input, &end);
		while (*end == ' ' || *end == 's')
			end++;
		if (*end != '\0' || !(iv >= ZT_INTERVAL_MIN && iv <= ZT_INTERVAL_MAX))
			ui_view_message(v, "not an interval: %.20s (%g to %g s)",
			    v->input, ZT_INTERVAL_MIN, ZT_INTERVAL_MAX);
		else
			ui_view_set_interval(v, iv);
	}
}

static void
prompt_key(struct ui_view *v, int key)
{
	if (key == 27) {
		prompt_done(v, false);
		return;
	}
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		prompt_done(v, true);
		return;
	}
	if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		/* drop a whole UTF-8 character */
		while (v->input_len > 0 &&
		    ((unsigned char)v->input[--v->input_len] & 0xc0) == 0x80)
			;
		v->input[v->input_len] = '\0';
	} else if (key == CTRL('u')) {
		v->input_len = 0;
		v->input[0] = '\0';
	} else if (key >= 0x20 && key < 0x100 && key != 0x7f &&
	    v->input_len < (int)sizeof v->input - 1) {
		v->input[v->input_len++] = (char)key;
		v->input[v->input_len] = '\0';
	} else
		return;
	if (v->prompt == PROMPT_FILTER) {
		strlcpy0(v->filter, v->input, sizeof v->filter);
		v->psel = v->ptop = 0;
	}
}

void
ui_view_key(struct ui_view *v, const struct zt_snapshot *s, int key)
{
	const struct ui_key *k;

	if (v->mode == MODE_PROMPT) {
		prompt_key(v, key);
		return;
	}
	if (v->mode == MODE_DIALOG) {
		ui_dialog_key(v, key);
		return;
	}
	k = key_find(key, v->mode);
	/* the timeline takes the moving keys, Enter and Esc itself */
	if (k != NULL && !(v->mode == MODE_TIMELINE &&
	    replay_timeline_action(v, k->action)))
		k->fn(v, s, k->action);
	ui_view_sel_remember(v, s);
}
