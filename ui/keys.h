/*
 * keys.h: the key table (struct ui_key, view.h) and what a key does
 * (keys.c): find its action for a mode, run the action's handler.
 */
#ifndef ZT_UI_KEYS_H
#define ZT_UI_KEYS_H

#include "../src/snapshot.h"
#include "view.h"

/* The key table. */
const struct ui_key *ui_keys(int *n);
/* The action bound to key in mode, A_NONE if none. */
int ui_key_action(int key, int mode);
/* Handle one key (prompt editing included). */
void ui_view_key(struct ui_view *v, const struct zt_snapshot *s, int key);

#endif
