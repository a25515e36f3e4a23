/*
 * dialog.c: the confirmation of an oom_score_adj change (p, e, u), a box
 * over the main screen.  All it shows comes from the dialog state and
 * the snapshot: the value the held process has and the one to write,
 * the score and rank it would have and the predicted victim once the
 * change is made (protect_preview re-ranks the sample as if it were),
 * and how to make the value outlast the process (protect_advise).  The
 * keys that answer it are in the bottom border, which is always shown.
 */
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util.h"

#define DLG_LABEL_W 15

static const struct zt_proc *
dialog_proc(const struct zt_snapshot *s, int pid)
{
	for (int i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

static const char *
dialog_victim(const struct zt_snapshot *s, int pid, char *buf, size_t len)
{
	const struct zt_proc *p = pid > 0 ? dialog_proc(s, pid) : NULL;
	char comm[200];

	if (pid <= 0)
		snprintf(buf, len, "none");
	else
		snprintf(buf, len, "%d %s", pid, p != NULL ?
		    draw_escape(comm, sizeof comm, p->comm) : "?");
	return buf;
}

static int
dialog_label(struct canvas *in, int y, const char *label)
{
	return canvas_printf(in, y, 0, DLG_LABEL_W, RL_LABEL, "%s", label) +
	    (DLG_LABEL_W - canvas_width(in, label));
}

/* The value line: now -> new, the edit field when typing. */
static void
dialog_values(struct canvas *in, int y, const struct ui_dialog *d)
{
	int x = dialog_label(in, y, "oom_score_adj");

	if (d->have_cur)
		x += canvas_printf(in, y, x, -1, RL_NORMAL, "%d", d->cur);
	else
		x += canvas_put(in, y, x, -1, RL_NA, "reading...");
	x += canvas_put(in, y, x, -1, RL_NORMAL, " -> ");
	if (d->kind != DLG_EDIT) {
		canvas_printf(in, y, x, -1, RL_WARN, "%d", d->adj);
		return;
	}
	/* the field, with a block where the next character goes */
	x += canvas_put(in, y, x, -1, RL_PROMPT, d->input);
	canvas_put(in, y, x, 1, RL_NORMAL, " ");
	canvas_set_flag(in, y, x - (d->fresh ? d->input_len : 0),
	    (d->fresh ? d->input_len : 0) + 1, CELL_SEL);
}

/* The sample re-ranked as if the change were made.  Under -p, -u or
 * --cgroup the rows are only the matches: they are re-ranked among
 * themselves, before and after alike, and the preview says so (the
 * machine's other processes are not in the sample to re-rank). */
static int
dialog_preview(struct canvas *in, int y, const struct zt_snapshot *s,
    const struct ui_dialog *d)
{
	const struct zt_proc *p = dialog_proc(s, d->pid);
	bool among = s->procs_filter[0] != '\0';
	char a[32], b[32], va[240], vb[240], filt[200];
	int rank = 0, victim = 0, rank0 = p ? p->rank : 0,
	    victim0 = s->predicted_victim, x;

	/* before: the row's own value (adj is -1000..1000) */
	int adj0 = p != NULL && zt_have(p->oom_score_adj) ?
	    (int)p->oom_score_adj : d->have_cur ? d->cur : 0;
	if (p == NULL || protect_preview(s, d->pid, d->adj, &rank, &victim) < 0 ||
	    (among && protect_preview(s, d->pid, adj0, &rank0, &victim0) < 0)) {
		canvas_put(in, y++, 0, -1, RL_NA,
		    "not in this sample: no preview of the ranking");
		return y;
	}
	x = dialog_label(in, y, "oom_score");
	canvas_printf(in, y++, x, -1, RL_NORMAL, "%s -> %s (estimated)",
	    draw_i64(a, sizeof a, p->oom_score),
	    draw_i64(b, sizeof b, protect_estimate_score(s, p, d->adj)));
	x = dialog_label(in, y, "rank");
	if (rank0 > 0)
		snprintf(a, sizeof a, "%d", rank0);
	else
		snprintf(a, sizeof a, "n/a");
	canvas_printf(in, y++, x, -1, rank < rank0 ? RL_WARN : RL_NORMAL,
	    "%s -> %d of %d %s", a, rank, s->nprocs, among ? "matching" : "ranked");
	x = dialog_label(in, y, among ? "victim here" : "next victim");
	dialog_victim(s, victim0, va, sizeof va);
	dialog_victim(s, victim, vb, sizeof vb);
	if (victim == victim0)
		canvas_printf(in, y++, x, -1, RL_NORMAL, "%s (unchanged)", va);
	else
		canvas_printf(in, y++, x, -1, victim == d->pid ? RL_VICTIM :
		    RL_NORMAL, "%s -> %s", va, vb);
	if (among)
		canvas_printf(in, y++, DLG_LABEL_W, -1, RL_DIM, "among the "
		    "matches of %s only", draw_escape(filt, sizeof filt,
		    s->procs_filter));
	return y;
}

/* The box's inside; returns the rows used. */
static int
dialog_body(struct canvas *in, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	const struct ui_dialog *d = &v->dlg;
	const struct zt_proc *p = dialog_proc(s, d->pid);
	struct protect_advice adv;
	struct zt_buf b = { 0 };
	char comm[200];
	const char *cur, *end, *line;
	size_t n;
	int y = 0, x;

	x = dialog_label(in, y, "process");
	canvas_printf(in, y++, x, -1, RL_NORMAL, "%d  %s", d->pid,
	    draw_escape(comm, sizeof comm, d->comm[0] ? d->comm : NULL));
	dialog_values(in, y++, d);
	if (d->kind == DLG_EDIT)
		canvas_put(in, y++, DLG_LABEL_W, -1, RL_DIM,
		    "type -1000..1000; + and - step by 100");
	y = dialog_preview(in, y, s, d);
	/* a refusal goes right under the values, where it is seen on any
	 * terminal (the advice below may be cut) */
	if (d->err[0] != '\0') {
		y++;
		y = draw_wrap(in, y, 0, 2, RL_CRIT, d->err);
	}
	y++;
	/* said when the dialog opens, not after y: the kernel will refuse */
	if (d->have_cur && d->no_cap && d->adj < d->cur && d->adj < 0) {
		char t[200];
		snprintf(t, sizeof t, "Cannot be lowered to %d here: this zonetop "
		    "lacks CAP_SYS_RESOURCE, and the kernel refuses a value below "
		    "the process's minimum (usually 0) without it.", d->adj);
		y = draw_wrap(in, y, 0, 2, RL_CRIT, t);
		y++;
	}
	/* how to keep it: from the row's cgroup and the held process's
	 * command line (its arguments as they are) */
	protect_advise(p != NULL ? p->cgroup : NULL, d->argv_len > 0 ? d->argv :
	    NULL, (size_t)d->argv_len, d->adj, &adv);
	protect_advice_text(&adv, &b);
	cur = b.p != NULL ? b.p : "";
	end = cur + b.len;
	while ((line = next_line(&cur, end, &n)) != NULL) {
		char *one = xstrndup(line, n);
		y = draw_wrap(in, y, 0, 4, RL_DIM, one);
		free(one);
	}
	buf_free(&b);
	/* a line wrapped in the box cannot be pasted: ui.c prints it whole */
	if (d->kind != DLG_RESTORE)
		canvas_put(in, y++, 0, -1, RL_DIM,
		    "(once written, printed again whole when zonetop quits)");
	return y;
}

static void
dialog_frame(struct canvas *box, const char *title, const char *keys)
{
	const char *h = box->ascii ? "-" : "\u2500";
	const char *vbar = box->ascii ? "|" : "\u2502";
	int w = box->w, last = box->h - 1;

	canvas_fill(box, 0, 1, w - 2, RL_TITLE, h);
	canvas_fill(box, last, 1, w - 2, RL_TITLE, h);
	for (int y = 1; y < last; y++) {
		canvas_put(box, y, 0, 1, RL_TITLE, vbar);
		canvas_put(box, y, w - 1, 1, RL_TITLE, vbar);
	}
	canvas_put(box, 0, 0, 1, RL_TITLE, box->ascii ? "+" : "\u250c");
	canvas_put(box, 0, w - 1, 1, RL_TITLE, box->ascii ? "+" : "\u2510");
	canvas_put(box, last, 0, 1, RL_TITLE, box->ascii ? "+" : "\u2514");
	canvas_put(box, last, w - 1, 1, RL_TITLE, box->ascii ? "+" : "\u2518");
	canvas_put(box, 0, 2, w - 4, RL_TITLE, title);
	canvas_put(box, last, 2, w - 4, RL_KEY, keys);
}

void
dialog_draw(struct canvas *cv, const struct zt_snapshot *s,
    const struct ui_view *v)
{
	static const char *const titles[] = {
		[DLG_PROTECT] = " Protect from the OOM killer ",
		[DLG_EDIT] = " Change oom_score_adj ",
		[DLG_RESTORE] = " Restore oom_score_adj ",
	};
	const struct ui_dialog *d = &v->dlg;
	struct canvas in, box;
	int bw = cv->w - 4 < 78 ? cv->w - 4 : 78, rows, bh, pad;

	if (s == NULL || d->kind <= DLG_NONE || d->kind > DLG_RESTORE ||
	    bw < 24 || cv->h < 6)
		return;
	canvas_init(&in, bw - 4, cv->h, cv->ascii);
	rows = dialog_body(&in, s, v);
	/* a blank line above and below the text while there is room */
	pad = rows + 4 <= cv->h - 2 ? 1 : 0;
	bh = rows + 2 + 2 * pad;
	if (bh > cv->h - 2)
		bh = cv->h - 2;
	canvas_init(&box, bw, bh, cv->ascii);
	canvas_blit(&box, 1 + pad, 2, &in);
	dialog_frame(&box, titles[d->kind], d->err[0] && d->kind != DLG_EDIT ?
	    " y/Enter try again  n/Esc close " :
	    d->kind == DLG_EDIT ? " y/Enter write  n/Esc cancel  +/- step " :
	    " y/Enter write  n/Esc cancel ");
	canvas_blit(cv, (cv->h - bh) / 2, (cv->w - bw) / 2, &box);
	canvas_free(&box);
	canvas_free(&in);
}
