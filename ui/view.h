/*
 * view.h: the view state of the live monitor and the pure logic on it:
 * the vocabulary of the key table (actions, modes; the table itself and
 * the dispatch are keys.h's), layout of the panels for a terminal size,
 * scrolling and clamping, the dialog; and, from order.c, the order,
 * filter and columns of the candidates, from cgroups.c the order of the
 * cgroups (declared here: they read struct ui_view).  The rings the
 * sparklines draw are history.h's, the replay's state playback.h's.  No
 * curses calls and no files: everything here is tested in
 * tests/unit/test_ui_*.c with hand-built snapshots.
 */
#ifndef ZT_UI_VIEW_H
#define ZT_UI_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "../src/protect.h"
#include "../src/snapshot.h"
#include "history.h"
#include "playback.h"

#define UI_MIN_W 64		/* below this the screen says "too small" */
#define UI_MIN_H 16
#define UI_WIDE	 120		/* from this width fragmentation sits beside zones */
#define UI_PT_PERIOD 10.0	/* seconds between pagetypeinfo reads */

enum ui_panel { PANEL_ZONES, PANEL_FRAG, PANEL_SWAP, PANEL_PROCS, PANEL_N };
/* MODE_EVENTS: the list of events; an event's explanation is a detail
 * view.  MODE_PROMPT and MODE_DIALOG take every key themselves. */
enum ui_mode { MODE_MAIN, MODE_HELP, MODE_DETAIL, MODE_PROMPT, MODE_EVENTS,
	MODE_DIALOG, MODE_TIMELINE, MODE_CGROUPS };
/* PROMPT_GOTO and PROMPT_RECORD: replay.c's (t and w) */
enum ui_prompt { PROMPT_NONE, PROMPT_INTERVAL, PROMPT_FILTER, PROMPT_GOTO,
	PROMPT_RECORD };

/* Candidate columns; the sort keys are the same list. */
enum ui_col {
	COL_RANK, COL_PID, COL_USER, COL_SCORE, COL_ADJ, COL_RSS, COL_SWAP,
	COL_SHARE, COL_CGROUP, COL_CMD, COL_N
};

enum ui_action {
	A_NONE, A_QUIT, A_HELP, A_PAUSE, A_INTERVAL, A_SLOWER, A_FASTER,
	A_FOCUS_NEXT, A_FOCUS_PREV, A_UP, A_DOWN, A_PGUP, A_PGDN, A_HOME,
	A_END, A_ENTER, A_CLOSE, A_SORT_NEXT, A_SORT_PREV, A_SORT_REV,
	A_FILTER, A_FULLCMD, A_REDRAW, A_EVENTS, A_ADJ_PROTECT, A_ADJ_EDIT,
	A_ADJ_RESTORE,
	/* replay.c's: a recording's time, and w */
	A_STEP_BACK, A_STEP_FWD, A_SPEED_1, A_SPEED_10, A_SPEED_60, A_GOTO,
	A_TIMELINE, A_RECORD,
	A_VERDICT,		/* the whole verdict, wrapped (a detail view) */
	A_CGROUPS,		/* cgroups.c: the memory cgroups view */
	A_NACTIONS
};

/* Modes a key works in, as bits. */
#define KM_MAIN	  (1u << MODE_MAIN)
#define KM_HELP	  (1u << MODE_HELP)
#define KM_DETAIL (1u << MODE_DETAIL)
#define KM_EVENTS (1u << MODE_EVENTS)
#define KM_TIMELINE (1u << MODE_TIMELINE)
#define KM_CGROUPS (1u << MODE_CGROUPS)
#define KM_ALL	  (KM_MAIN | KM_HELP | KM_DETAIL | KM_EVENTS | KM_TIMELINE | \
		   KM_CGROUPS)

struct ui_view;
struct zt_snapshot;
/* An action's handler (keys.c); a is the action (one handler can serve
 * several). */
typedef void key_fn(struct ui_view *v, const struct zt_snapshot *s, int a);

/* One entry of the key table (keys.c): dispatch and the help screen
 * read it. */
struct ui_key {
	int key;		/* curses key code */
	int action;		/* enum ui_action */
	const char *name;	/* as the help screen shows it */
	const char *help;	/* NULL: same as the entry before */
	unsigned modes;		/* KM_* */
	key_fn *fn;		/* what the action does */
};

/* Pointer events, translated from curses by term.c. */
enum ui_click { CLICK_PRESS, CLICK_DOUBLE, CLICK_WHEEL_UP, CLICK_WHEEL_DOWN };

struct ui_box {
	int y, x, h, w;		/* h == 0: not shown */
};

struct ui_layout {
	int w, h;
	bool too_small;
	struct ui_box header, verdict, banner, zones, frag, swap, events, procs,
	    footer;
	int zone_rows;		/* zone list rows visible */
	int nzone_rows;		/* zones that get a row (not empty) */
	int nempty;		/* empty zones, folded into one line */
	int swap_devs;		/* swap device lines shown */
	int proc_rows;		/* candidate rows visible */
	int event_rows;
	int cgroup_y;		/* the --cgroup line's row, 0 none */
	int body_rows;		/* help/detail: rows between header and footer */
};

/*
 * The confirmation of an oom_score_adj change (keys p, e, u).  The view
 * only decides; what touches the process is asked for in req and done
 * by change_run() (change.c), which holds the process open from the
 * moment the dialog opens (protect.h) and reports back here.
 */
enum ui_dlg_kind { DLG_NONE, DLG_PROTECT, DLG_EDIT, DLG_RESTORE };
enum ui_dlg_req {
	DREQ_NONE,
	DREQ_OPEN,		/* take hold of pid/start_time, read cur */
	DREQ_WRITE,		/* write adj, read it back, close */
	DREQ_CLOSE,		/* let go (cancelled) */
};
#define UI_ADJ_STEP 100		/* + and - in the edit dialog */

struct ui_dialog {
	int kind;		/* enum ui_dlg_kind */
	int req;		/* enum ui_dlg_req, for change_run() */
	int pid;
	uint64_t start_time;	/* from the sample the row came from */
	char comm[64];		/* raw bytes; escape before display */
	bool have_cur;		/* cur was read from the held process */
	int cur;		/* its oom_score_adj now */
	int adj;		/* the value to write */
	char input[8];		/* DLG_EDIT: the value as typed */
	int input_len;
	bool fresh;		/* input was read or stepped: a digit replaces it */
	char err[PROTECT_ERR_LEN];	/* a bad typed value, a failed write */
	char argv[1024];	/* its command line (NUL-separated), read from
				 * the held process for the choom advice */
	int argv_len;		/* 0: unknown (or too long to quote whole) */
	bool no_cap;		/* this zonetop lacks CAP_SYS_RESOURCE */
	char cgroup[256];	/* the row's cgroup path, for the advice */
};

struct ui_view {
	int mode, prompt;
	char input[256];	/* the prompt's text (a path for w) */
	int input_len;
	char saved_filter[64];	/* restored when the filter prompt is cancelled */
	int focus;		/* enum ui_panel */
	int zsel, ztop;		/* zone rows: selection, first shown */
	int psel, ptop;		/* candidates, in shown order */
	int sel_pid;		/* the process psel is on, followed from
				 * sample to sample (0: none, by index) */
	uint64_t sel_start;	/* its start time: a reused pid is another */
	int sort;		/* enum ui_col */
	bool sort_rev;
	char filter[64];
	bool full_cmd;
	bool paused;
	bool still;		/* a capture: one sample, no rates */
	bool quit;
	bool redraw;		/* clear the terminal before the next draw */
	double interval;
	int help_top, detail_top;	/* past the end: follow the end */
	int body_max;		/* the last top with content below, from draw */
	int detail_node;	/* the zone the detail view shows */
	char detail_name[12];
	char msg[160];		/* one-line message in the footer */
	double msg_until;	/* monotonic seconds; 0 until replaced */
	double now;		/* monotonic seconds, set by the caller */

	struct ui_zone_hist *zh;
	int nzh;
	struct ui_hist swap_io;	/* pswpin + pswpout per second */
	int help_from;		/* mode to go back to when help closes */
	int detail_pid;		/* > 0: the detail view shows this process */
	bool detail_is_event;	/* the detail view explains detail_ev */
	bool detail_verdict;	/* the detail view is the whole verdict (v) */
	struct zt_event detail_ev;	/* a copy: events move as they come */
	int esel, etop;		/* events view: selection, first shown, both
				 * counted from the newest */
	/* the memory cgroups view (cgroups.c): selection and first shown,
	 * in its order; scope: the cgroup the candidates are ranked in
	 * (the sampler ranks inside it), "" the machine */
	int csel, ctop;
	char scope[256];

	struct ui_dialog dlg;	/* MODE_DIALOG */
	int dlg_back;		/* the mode the dialog returns to */
	struct protect_log changes;	/* values zonetop changed, for u */
	int protect_level;	/* what p writes (PROTECT_ADJ_DEFAULT) */

	/* playback.h: replaying a recording; nothing may act on the running
	 * system then (p, e, u are refused: recorded samples can say live) */
	bool replay;
	struct ui_replay rp;
	struct ui_record rec;	/* w: recording the live screen */
	int cols[COL_N];	/* candidate columns shown, in order (zonetoprc) */
	int ncols;		/* 0: all, in the default order */

	struct ui_layout lay;	/* of the last draw, for the mouse */
};

void ui_view_init(struct ui_view *v, double interval);
void ui_view_free(struct ui_view *v);


/* Handle a click at screen row y, column x. */
void ui_view_click(struct ui_view *v, const struct zt_snapshot *s, int y,
    int x, int kind);
/* change.c reports back: the process is held and has cur; the dialog
 * is done (written, cancelled or failed beyond retrying). */
void ui_dialog_opened(struct ui_view *v, int cur);
void ui_dialog_close(struct ui_view *v);
/* Set a footer message for a few seconds. */
void ui_view_message(struct ui_view *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Open the footer's prompt of kind (enum ui_prompt), empty (the filter
 * starts from the filter in force). */
void ui_view_prompt(struct ui_view *v, int kind);

/* What the key handlers (keys.c) and clicks do to the view. */
void ui_view_focus_step(struct ui_view *v, int dir);
/* Move the focused list by delta rows (+-1000000: to the ends). */
void ui_view_move_sel(struct ui_view *v, const struct zt_snapshot *s,
    int delta);
/* Rows a page moves in the current mode. */
int ui_view_page_rows(const struct ui_view *v);
/* Scroll the help or detail view by delta rows (+-1000000: the ends). */
void ui_view_scroll_body(struct ui_view *v, int delta);
/* The sort column dir (1 or -1) places on, among those shown. */
int ui_view_sort_step(const struct ui_view *v, int dir);
/* Enter: the selected zone's or process's detail, an event's
 * explanation, the ranking inside a cgroup. */
void ui_view_open_detail(struct ui_view *v, const struct zt_snapshot *s);
void ui_view_toggle_verdict(struct ui_view *v);
void ui_view_set_interval(struct ui_view *v, double iv);
/* Remember the process the selection is on, to follow it. */
void ui_view_sel_remember(struct ui_view *v, const struct zt_snapshot *s);
/* p, e, u: open the dialog of kind (enum ui_dlg_kind) for the selected
 * candidate or the process shown; its keys while open. */
void ui_dialog_open(struct ui_view *v, const struct zt_snapshot *s, int kind);
void ui_dialog_key(struct ui_view *v, int key);

/* A new snapshot arrived: extend the history rings. */
void ui_view_observe(struct ui_view *v, const struct zt_snapshot *s);
const struct ui_zone_hist *ui_view_zone_hist(const struct ui_view *v,
    int node, const char *name);

/* What the sampler should read for this view. */
int ui_view_detail_rows(const struct ui_view *v);
bool ui_view_wants_pagetypeinfo(const struct ui_view *v);

/* Panel layout for a w x h terminal; stores it in v->lay and clamps
 * the scroll positions to it. */
void ui_layout(struct ui_view *v, const struct zt_snapshot *s, int w, int h);
/* Lines the whole verdict takes at width w, packed as the screen packs it. */
int ui_verdict_lines(const struct zt_snapshot *s, int w);
void ui_view_clamp(struct ui_view *v, const struct zt_snapshot *s);

/* Indices of the zones that get a row (every zone that is not empty). */
int ui_zone_rows(const struct zt_snapshot *s, int *out, int max);
/* The zone the selection is on, -1 none. */
int ui_selected_zone(const struct ui_view *v, const struct zt_snapshot *s);
/* order.c: the candidates' filter, sort and columns. */
/* Candidates in shown order (filtered, sorted) into out[nprocs]. */
int ui_proc_order(const struct zt_snapshot *s, const struct ui_view *v,
    int *out);
/* Rows of the candidate list: in rank order every candidate (the
 * snapshot holds details for the first ones only), else the matches. */
int ui_proc_total(const struct zt_snapshot *s, const struct ui_view *v);
const char *ui_col_name(int col);
/* Shown in the kernel's rank order (rank or score, not reversed, no
 * filter): the rows past those read are known to exist. */
bool ui_rank_order(const struct ui_view *v);
/* The candidate the selection is on, NULL none (or not read yet). */
const struct zt_proc *ui_selected_proc(const struct ui_view *v,
    const struct zt_snapshot *s);

/* Events, counted from the newest (0): the event, NULL past the end. */
const struct zt_event *ui_event(const struct zt_snapshot *s, int i);
/* Rows an event takes in the events view (OOM kills have a second). */
int ui_event_height(const struct zt_event *e);
/* The newest OOM kill, NULL none; *n: how many OOM kills are kept. */
const struct zt_event *ui_last_oom(const struct zt_snapshot *s, int *n);
const char *ui_event_kind_name(int kind);
/* Rows of the events view above its list (title, headings). */
#define UI_EVENTS_HEAD 2
#define UI_CGROUPS_HEAD 2	/* cgroups view: title and column heads */

/* Where the candidate columns go in a panel w cells wide; w[c] == 0:
 * not shown at this width.  Column 0 holds the victim/unkillable mark. */
struct ui_cols {
	int x[COL_N], w[COL_N];
};
void ui_proc_columns(int width, struct ui_cols *c);
/* The same for the columns v shows, in its order (v->cols). */
void ui_view_columns(const struct ui_view *v, int width, struct ui_cols *c);
/* Does the column sort largest first unless reversed? */
bool ui_col_desc(int col);

/* Interval steps for + and -. */
double ui_interval_step(double cur, int dir);

/* cgroups.c: the memory cgroups in the view's order (limited ones by
 * usage against limit, highest first, then the rest by usage); indices
 * into s->cgroups, returns the count. */
int ui_cgroups_order(const struct zt_snapshot *s, int *out);
/* The predicted victim the candidates table marks: the scoped cgroup's
 * when scoped, else the machine's. */
int ui_victim(const struct zt_snapshot *s, const struct ui_view *v);

#endif
