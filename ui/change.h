/*
 * change.h: the oom_score_adj changes the view asks for (view.h, struct
 * ui_dialog), carried out on the running system.  This is the only part
 * of the monitor that touches a process, and it does so through
 * src/protect.c: the process is held open from the moment the dialog
 * opens, so the write reaches the process the user chose or none.  The
 * loop calls change_run() after every key.
 */
#ifndef ZT_UI_CHANGE_H
#define ZT_UI_CHANGE_H

#include "../src/procfs.h"
#include "../src/protect.h"
#include "view.h"

struct ui_change {
	const char *proc_root;		/* the sampler's; NULL: /proc */
	struct procfs *pf;		/* opened at the first change */
	struct protect_target t;	/* the process of the open dialog */
};

void change_init(struct ui_change *c, const char *proc_root);
void change_free(struct ui_change *c);
/* Do what v->dlg.req asks, and report the outcome into v: the dialog's
 * current value or error, the footer message, the log of changes. */
void change_run(struct ui_change *c, struct ui_view *v);

#endif
