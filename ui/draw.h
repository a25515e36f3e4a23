/*
 * draw.h: the screen as a function of (snapshot, previous snapshot, view
 * state), drawn into a canvas.  draw.c does the main screen, detail.c
 * the zone and process detail views, help.c the help screen.  None of
 * them calls curses or reads a file.
 */
#ifndef ZT_UI_DRAW_H
#define ZT_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "../src/snapshot.h"
#include "canvas.h"
#include "view.h"

/* Draw everything; s may be NULL before the first sample. */
void draw_screen(struct canvas *cv, const struct zt_snapshot *s,
    const struct zt_snapshot *prev, struct ui_view *v);

/* The detail view and the help screen, into a canvas as tall as their
 * content (the caller shows a window of it).  Return the rows used. */
int detail_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct zt_snapshot *prev, const struct ui_view *v);
int help_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v);

/* Shared formatting: "n/a" for what the kernel did not give. */
const char *draw_pages(char *buf, size_t len, int64_t pages, int page_kb);
const char *draw_i64(char *buf, size_t len, int64_t v);
const char *draw_pct(char *buf, size_t len, double frac);
/* The time of day of ts, "--:--:--" when unknown. */
const char *draw_clock(char *buf, size_t len, const struct timespec *ts);
/* Escape untrusted text (process names, paths) for the screen. */
const char *draw_escape(char *buf, size_t len, const char *s);
/* text wrapped at blanks, the first line at column x, the rest at cont;
 * returns the row after the last. */
int draw_wrap(struct canvas *cv, int y, int x, int cont, int role,
    const char *text);
/* The state of a zone in words and its role. */
const char *draw_zone_state(const struct zt_zone *z, int *role);
/* GFP_KERNEL cannot use the zone although the zone is above min: free
 * <= min + the lowmem reserve it meets here.  __zone_watermark_ok()
 * (mm/page_alloc.c) asks free > mark + lowmem_reserve[highest_zoneidx];
 * for GFP_KERNEL the highest zone is Normal, and a lower zone's
 * lowmem_reserve[Normal] is the managed pages above it over
 * lowmem_reserve_ratio (setup_per_zone_lowmem_reserve()). */
bool draw_zone_fenced(const struct zt_snapshot *s, const struct zt_zone *z);
/* The zone's time to trouble, "min in ~40 s" ("m ~40 s" brief), into
 * buf; its role by how soon; NULL when there is none. */
const char *draw_zone_eta(char *buf, size_t len, const struct zt_snapshot *s,
    const struct zt_zone *z, bool brief, int *role);
/* Role of a verdict or event severity. */
int draw_severity_role(int severity);
/* The colour of a time to trouble by its severity (enum zt_sev, the
 * model's: derive_severity()): red, yellow, else dim. */
int draw_eta_role(int sev);
/* The colour of a figure's severity (enum zt_sev): red, yellow, plain;
 * NA is the not-available colour. */
int draw_sev_role(int sev);
/* The colour of an allocation's min check by its severity (the model's):
 * red for order 0 failing, yellow for a higher order, else ok_role. */
int draw_alloc_role(const struct zt_alloc *a, int ok_role);
int draw_event_role(int kind);

/* events.c: the OOM kill banner (v->lay.banner), the events view
 * (MODE_EVENTS, rows 2 to the footer) and an event's explanation (the
 * detail view of v->detail_ev; returns the rows used). */
void events_banner(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v);
void events_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v);
int events_explain(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v);

/* cgroups.c: the memory cgroups view (MODE_CGROUPS, rows 2 to the
 * footer). */
void cgroups_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v);

/* draw_replay.c: a replay's part of the header (the right end:
 * "REPLAY 11:08:21  9/12  play 10x"), its prompts' labels (enum
 * ui_prompt) and the timeline (MODE_TIMELINE, rows 2 to the footer). */
void replay_header(const struct ui_view *v, char *buf, size_t len, bool date);
const char *replay_prompt_label(int kind);
void replay_draw_timeline(struct canvas *cv, struct ui_view *v);

/* dialog.c: the confirmation of an oom_score_adj change, over the
 * screen (MODE_DIALOG). */
void dialog_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v);

#endif
