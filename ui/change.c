/*
 * change.c: see change.h.  A dialog's life: DREQ_OPEN takes hold of the
 * process (pid and start time of the sample its row came from) and reads
 * its value; DREQ_WRITE writes, reads back, logs the change (or, for a
 * restore, forgets it) and lets go; DREQ_CLOSE lets go.  A write that
 * fails for a process still there keeps the dialog open with the reason,
 * so another value can be tried; a gone process ends it.
 */
#include "change.h"

#include <stdio.h>
#include <string.h>

void
change_init(struct ui_change *c, const char *proc_root)
{
	c->proc_root = proc_root;
	c->pf = NULL;
	protect_target_init(&c->t);
}

void
change_free(struct ui_change *c)
{
	protect_close(&c->t);
	if (c->pf != NULL)
		procfs_close(c->pf);
	c->pf = NULL;
}

static void
change_open(struct ui_change *c, struct ui_view *v)
{
	struct ui_dialog *d = &v->dlg;
	char err[PROTECT_ERR_LEN];
	int cur = 0, rc = PROTECT_ERR_OTHER;

	protect_close(&c->t);
	if (c->pf == NULL)
		c->pf = procfs_open(c->proc_root, err, sizeof err);
	if (c->pf != NULL &&
	    (rc = protect_open(c->pf, d->pid, d->start_time, &c->t, err,
	    sizeof err)) == PROTECT_OK)
		rc = protect_read(&c->t, &cur, err, sizeof err);
	if (rc != PROTECT_OK) {
		protect_close(&c->t);
		ui_view_message(v, "pid %d: %s", d->pid, err);
		ui_dialog_close(v);
		return;
	}
	/* the arguments as they are, for a choom line that can be pasted */
	{
		struct zt_buf argv = { 0 };
		d->argv_len = 0;
		if (protect_read_argv(&c->t, &argv) == 0 && argv.len > 0 &&
		    argv.len <= sizeof d->argv) {
			memcpy(d->argv, argv.p, argv.len);
			d->argv_len = (int)argv.len;
		}
		buf_free(&argv);
	}
	d->no_cap = !protect_have_cap_resource();
	ui_dialog_opened(v, cur);
}

/* How to keep the value beyond the process, said again when zonetop
 * quits (ui.c): in the dialog's box a long line is wrapped or cut, on
 * the terminal afterwards it is whole and can be pasted. */
static void
change_keep(struct ui_view *v, const struct ui_dialog *d, int old, int now)
{
	struct protect_advice adv;
	struct zt_buf b = { 0 };
	char comm[200];

	escape_text(comm, sizeof comm, d->comm, strnlen(d->comm, sizeof d->comm));
	protect_advise(d->cgroup[0] ? d->cgroup : NULL, d->argv_len > 0 ?
	    d->argv : NULL, (size_t)d->argv_len, now, &adv);
	buf_printf(&b, "pid %d (%s): oom_score_adj %d -> %d\n", d->pid, comm,
	    old, now);
	protect_advice_text(&adv, &b);
	protect_set_keep(&v->changes, d->pid, d->start_time, b.p);
	buf_free(&b);
}

static void
change_write(struct ui_change *c, struct ui_view *v)
{
	struct ui_dialog *d = &v->dlg;
	char err[PROTECT_ERR_LEN];
	int old = 0, now = 0, rc;

	rc = protect_write(&c->t, d->adj, &old, &now, err, sizeof err);
	if (rc != PROTECT_OK) {
		ui_view_message(v, "pid %d: %s", d->pid, err);
		if (rc == PROTECT_ERR_GONE) {
			protect_close(&c->t);
			ui_dialog_close(v);
		} else
			snprintf(d->err, sizeof d->err, "%s", err);
		return;
	}
	if (d->kind == DLG_RESTORE)
		protect_forget(&v->changes, d->pid, d->start_time);
	else {
		protect_remember(&v->changes, d->pid, d->start_time, old, now);
		change_keep(v, d, old, now);
	}
	ui_view_message(v, "pid %d: oom_score_adj %d -> %d%s", d->pid, old, now,
	    d->kind == DLG_RESTORE ? " (restored)" : "");
	protect_close(&c->t);
	ui_dialog_close(v);
}

void
change_run(struct ui_change *c, struct ui_view *v)
{
	int req = v->dlg.req;

	v->dlg.req = DREQ_NONE;
	switch (req) {
	case DREQ_OPEN:
		change_open(c, v);
		break;
	case DREQ_WRITE:
		change_write(c, v);
		break;
	case DREQ_CLOSE:
		protect_close(&c->t);
		break;
	default:
		break;
	}
}
