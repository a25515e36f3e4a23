/*
 * replay.h: the view's side of a replay and of `w`: what the replay keys
 * ([ ] 1 2 3 t T w, space while replaying) and their prompts do to the
 * view, and what the feed's answers change in it.  The state itself and
 * its pure helpers are playback.h's; the feed (feed.c) owns the files;
 * draw_replay.c draws.  Nothing here calls curses or opens a file.
 */
#ifndef ZT_UI_REPLAY_H
#define ZT_UI_REPLAY_H

#include <stdbool.h>

#include "../src/snapshot.h"
#include "playback.h"

struct ui_view;

/* The actions of the replay keys ([ ] 1 2 3 t T w, and space while
 * replaying), handed over by keys.c; each says why when it does not
 * apply (w while replaying, [ on the live system). */
void replay_action(struct ui_view *v, const struct zt_snapshot *s, int action);
/* The keys of the timeline (MODE_TIMELINE): moving, Enter, Esc.  False
 * when the action is not one of them. */
bool replay_timeline_action(struct ui_view *v, int action);
/* The go-to or record prompt was closed (ok: with Enter). */
void replay_prompt_done(struct ui_view *v, int kind, bool ok);
/* The feed showed frame (its sample s), answering seek seq.  A jump
 * forgets the history the sparklines draw: it is not this frame's. */
void replay_shown(struct ui_view *v, long frame, unsigned seq,
    const struct zt_snapshot *s);


#endif
