/*
 * ui.c: the live monitor's loop.  The main thread owns curses and the
 * view; snapshots arrive from the sampling thread (feed.c).  The loop
 * sleeps in poll() on the terminal and one self-pipe, which the sampling
 * thread and the signal handlers write to, so a key, a sample, a resize
 * and SIGINT/SIGTERM/SIGHUP/SIGQUIT all wake it and curses is only ever
 * called from here.  Each wake-up that changed something draws a whole
 * frame.
 */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/util.h"
#include "canvas.h"
#include "change.h"
#include "draw.h"
#include "feed.h"
#include "keys.h"
#include "replay.h"
#include "term.h"
#include "view.h"

static int wake_w = -1;			/* the self-pipe's write end */
static volatile sig_atomic_t got_signal;

static void
ui_on_signal(int sig)
{
	int e = errno;

	got_signal = sig;
	if (wake_w >= 0 && write(wake_w, "q", 1) < 0) {
		/* the pipe is full: the loop is awake anyway */
	}
	errno = e;
}

static void
ui_on_winch(int sig)
{
	int e = errno;

	(void)sig;
	if (wake_w >= 0 && write(wake_w, "w", 1) < 0) {
		/* as above */
	}
	errno = e;
}

/* SIGQUIT too: C-\ sends it from the keyboard (cbreak keeps ISIG), and
 * its default action would leave the terminal in curses' modes */
static const int ui_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH };
#define UI_NSIGS ((int)(sizeof ui_signals / sizeof ui_signals[0]))

struct ui_sigs {
	struct sigaction old[UI_NSIGS];
};

static void
ui_signals_install(struct ui_sigs *saved)
{
	for (int i = 0; i < UI_NSIGS; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = ui_signals[i] == SIGWINCH ? ui_on_winch : ui_on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(ui_signals[i], &sa, &saved->old[i]);
	}
}

static void
ui_signals_restore(const struct ui_sigs *saved)
{
	for (int i = 0; i < UI_NSIGS; i++)
		sigaction(ui_signals[i], &saved->old[i], NULL);
}

static void
ui_request(const struct ui_view *v, struct feed_req *r)
{
	r->interval = v->interval;
	r->paused = v->paused;
	r->want_pt = ui_view_wants_pagetypeinfo(v);
	r->detail_rows = ui_view_detail_rows(v);
	strlcpy0(r->cgroup, v->scope, sizeof r->cgroup);
	r->seek_frame = v->rp.want;
	r->seek_by_time = v->rp.by_time;
	r->seek_time = v->rp.want_time;
	r->seek_seq = v->rp.seq;
	r->speed = v->rp.speed;
	r->rec_on = v->rec.want;
	r->rec_seq = v->rec.seq;
	strlcpy0(r->rec_path, v->rec.path, sizeof r->rec_path);
}

/* Read what woke us from the pipe; true when the terminal was resized. */
static bool
ui_drain(int fd)
{
	char b[64];
	ssize_t n;
	bool winch = false;

	while ((n = read(fd, b, sizeof b)) > 0)
		if (memchr(b, 'w', (size_t)n) != NULL)
			winch = true;
	return winch;
}

struct ui_state {
	struct feed *feed;
	struct feed_snap *cur, *prev;
	struct ui_view v;
	struct canvas cv;
	struct ui_change ch;		/* p, e, u: the process being changed */
	int rfd;
	unsigned events_gen;		/* of the recording's events we have */
};

/* What the feed did besides snapshots (notes, the recording written or
 * read); true when the screen shows it. */
static bool
ui_feed_status(struct ui_state *st)
{
	struct ui_view *v = &st->v;
	struct feed_status fs;
	bool changed;

	feed_status(st->feed, &fs);
	if (fs.note[0] != '\0')
		ui_view_message(v, "%s", fs.note);
	/* a recording refused or failed is not wanted any more */
	if (v->rec.want && !fs.recording && fs.rec_done == v->rec.seq)
		v->rec.want = false;
	changed = fs.note[0] != '\0' || fs.recording != v->rec.on ||
	    fs.rec_frames != v->rec.frames;
	v->rec.on = fs.recording;
	v->rec.frames = fs.rec_frames;
	if (v->replay) {
		changed |= fs.frames != v->rp.frames || fs.at_end != v->rp.at_end;
		v->rp.frames = fs.frames;
		v->rp.at_end = fs.at_end;
	}
	if (fs.events_gen != st->events_gen) {
		struct rec_event *ev;
		long n = feed_events(st->feed, &ev);
		replay_set_events(&v->rp, ev, n);
		st->events_gen = fs.events_gen;
		changed = true;
	}
	return changed;
}

/* The sample before the one drawn, for what changed since; none for a
 * capture (read again, it is the same still) or a replay that jumped. */
static const struct zt_snapshot *
ui_prev(const struct ui_state *st)
{
	if (st->prev == NULL || st->cur == NULL || st->v.still)
		return NULL;
	if (st->v.replay && st->prev->frame != st->cur->frame - 1)
		return NULL;
	return &st->prev->s;
}

static void
ui_loop(struct ui_state *st)
{
	struct ui_view *v = &st->v;
	struct feed_req req;
	bool dirty = true;

	for (;;) {
		struct feed_snap *n;
		struct pollfd pf[2];
		int w, h, timeout = -1;

		if (got_signal)
			return;
		v->now = mono_now();
		if ((n = feed_take(st->feed)) != NULL) {
			feed_release(st->feed, st->prev);
			st->prev = st->cur;
			st->cur = n;
			v->still = !v->replay && !n->s.live;
			if (n->frame >= 0)
				replay_shown(v, n->frame, n->seq, &n->s);
			ui_view_observe(v, &n->s);
			dirty = true;
		}
		if (ui_feed_status(st))
			dirty = true;
		if (dirty) {
			term_size(&w, &h);
			if (w != st->cv.w || h != st->cv.h)
				canvas_resize(&st->cv, w, h);
			draw_screen(&st->cv, st->cur ? &st->cur->s : NULL,
			    ui_prev(st), v);
			term_draw(&st->cv, v->redraw);
			v->redraw = false;
			dirty = false;
			ui_request(v, &req);
			feed_set(st->feed, &req);
		}
		if (v->quit)
			return;
		if (v->msg[0] != '\0' && v->msg_until > v->now)
			timeout = (int)ceil((v->msg_until - v->now) * 1000) + 10;
		pf[0] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		pf[1] = (struct pollfd){ .fd = st->rfd, .events = POLLIN };
		if (poll(pf, 2, timeout) < 0 && errno != EINTR)
			return;
		if (got_signal)
			return;
		/* the terminal went away without a SIGHUP */
		if (pf[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return;
		if ((pf[1].revents & POLLIN) && ui_drain(st->rfd)) {
			term_update_size();
			dirty = true;
		}
		v->now = mono_now();
		if (v->msg[0] != '\0' && v->now >= v->msg_until) {
			v->msg[0] = '\0';
			dirty = true;
		}
		for (;;) {
			struct term_event ev;
			const struct zt_snapshot *s = st->cur ? &st->cur->s : NULL;
			int kind = term_read(&ev);

			if (kind == TERM_NONE)
				break;
			dirty = true;
			if (kind == TERM_RESIZE)
				continue;
			if (kind == TERM_MOUSE) {
				if (ev.click >= 0)
					ui_view_click(v, s, ev.y, ev.x, ev.click);
			} else {
				ui_view_key(v, s, ev.key);
				change_run(&st->ch, v);
			}
			if (v->quit)
				break;
		}
	}
}

void
ui_config_vocab(struct cfg_vocab *voc)
{
	static const char *const roles[RL_NROLES] = {
		[RL_NORMAL] = "normal", [RL_HEADER] = "header",
		[RL_TITLE] = "title", [RL_FOCUS] = "focus", [RL_LABEL] = "label",
		[RL_DIM] = "dim", [RL_NA] = "na", [RL_OK] = "ok",
		[RL_WARN] = "warn", [RL_CRIT] = "crit", [RL_FREE] = "free",
		[RL_USED] = "used", [RL_MARK] = "mark", [RL_RESERVE] = "reserve",
		[RL_STANDOUT] = "standout", [RL_VICTIM] = "victim",
		[RL_UNKILLABLE] = "unkillable", [RL_SPARK] = "spark",
		[RL_KEY] = "key", [RL_PROMPT] = "prompt",
		[RL_MARK_FREE] = "mark-free",
	};
	static const char *const cols[COL_N] = {
		[COL_RANK] = "rank", [COL_PID] = "pid", [COL_USER] = "user",
		[COL_SCORE] = "oom", [COL_ADJ] = "adj", [COL_RSS] = "rss",
		[COL_SWAP] = "swap", [COL_SHARE] = "share", [COL_CGROUP] = "cgroup",
		[COL_CMD] = "command",
	};
	_Static_assert(RL_NROLES <= CFG_MAX_ROLES && COL_N <= CFG_MAX_COLS,
	    "zonetoprc's tables are too small");

	voc->roles = roles;
	voc->nroles = RL_NROLES;
	voc->cols = cols;
	voc->ncols = COL_N;
}

/* zonetoprc's settings and the protect level into the view and the
 * terminal's colours. */
static void
ui_apply_config(struct ui_view *v, const struct ui_config *cfg)
{
	const struct zt_config *rc = cfg->rc;

	v->protect_level = cfg->protect_level;
	if (rc == NULL)
		return;
	v->ncols = rc->ncols < COL_N ? rc->ncols : COL_N;
	memcpy(v->cols, rc->cols, (size_t)v->ncols * sizeof v->cols[0]);
	if (rc->have_sort) {
		v->sort = rc->sort;
		/* asc or desc against the column's own direction */
		v->sort_rev = rc->sort_dir != CFG_SORT_NATURAL &&
		    (rc->sort_dir == CFG_SORT_DESC) != ui_col_desc(rc->sort);
	}
	term_set_colors(rc->color, CFG_MAX_ROLES);
}

/* The values zonetop wrote and how to keep them, once the screen is
 * gone: a line wrapped in the dialog's box cannot be pasted whole. */
static void
ui_print_kept(const struct ui_view *v)
{
	bool any = false;

	for (int i = 0; i < v->changes.n; i++) {
		const struct protect_change *c = &v->changes.v[i];
		if (c->keep == NULL)
			continue;
		if (!any)
			printf("zonetop: oom_score_adj values written, and how to "
			    "keep them:\n");
		any = true;
		fputs(c->keep, stdout);
	}
	if (any)
		fflush(stdout);
}

int
ui_run(const struct ui_config *cfg)
{
	struct ui_state st;
	struct ui_sigs sigs;
	struct sampler_opts o = cfg->sopts;
	struct feed_source src = { &o, cfg->replay_file };
	struct feed_req req;
	const char *nc = getenv("NO_COLOR");
	char why[256];
	int fds[2], rc = 0;
	bool utf8;

	setlocale(LC_ALL, "");
	/* figures are printed (and parsed) with a decimal point everywhere */
	setlocale(LC_NUMERIC, "C");
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		fprintf(stderr, "zonetop: %s is not a terminal; use -b for batch "
		    "output (zonetop -b%s%s)\n", isatty(STDOUT_FILENO) ?
		    "standard input" : "standard output",
		    cfg->replay_file ? " --replay " : "",
		    cfg->replay_file ? cfg->replay_file : "");
		return 1;
	}
	if (term_check(why, sizeof why) < 0) {
		fprintf(stderr, "zonetop: %s; use -b for batch output (zonetop -b)\n",
		    why);
		return 1;
	}
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) < 0) {
		fprintf(stderr, "zonetop: pipe: %s\n", strerror(errno));
		return 1;
	}
	memset(&st, 0, sizeof st);
	st.rfd = fds[0];
	wake_w = fds[1];
	got_signal = 0;
	ui_view_init(&st.v, cfg->interval > 0 ? cfg->interval : 2);
	ui_apply_config(&st.v, cfg);
	change_init(&st.ch, o.proc_root);
	o.want_procs = true;
	/* the candidates at once: an exact pass over thousands of tied
	 * contenders waits for the second sample, taken right after */
	o.quick_first = true;
	/* a row's details through our own reads: libproc2 would map its
	 * libraries and buffers for what they give already */
	o.own_details = true;
	/* a replay starts paused on its first frame */
	st.v.replay = st.v.paused = src.recording != NULL;
	ui_request(&st.v, &req);
	st.feed = feed_start(&src, &req, wake_w, why, sizeof why);
	if (st.feed == NULL) {
		fprintf(stderr, "zonetop: %s\n", why);
		rc = 1;
		goto out;
	}
	if (term_open(cfg->no_color || (nc != NULL && *nc != '\0'), why,
	    sizeof why) < 0) {
		fprintf(stderr, "zonetop: %s; use -b for batch output (zonetop -b)\n",
		    why);
		rc = 1;
		goto out;
	}
	ui_signals_install(&sigs);
	canvas_init(&st.cv, 0, 0, cfg->ascii || !utf8);
	if (cfg->note != NULL) {
		st.v.now = mono_now();
		ui_view_message(&st.v, "%s", cfg->note);
		st.v.msg_until = st.v.now + 10;
	}
	ui_loop(&st);
	/* the terminal first: a signal may be followed by SIGKILL */
	term_close();
	ui_signals_restore(&sigs);
	canvas_free(&st.cv);
	if (!got_signal)
		ui_print_kept(&st.v);
	if (st.v.rec.on)
		fprintf(stderr, "zonetop: %s: %ld samples recorded\n", st.v.rec.path,
		    st.v.rec.frames);
	if (got_signal)
		rc = 128 + got_signal;
out:
	if (st.feed != NULL) {
		feed_release(st.feed, st.cur);
		feed_release(st.feed, st.prev);
		feed_stop(st.feed);
	}
	change_free(&st.ch);
	ui_view_free(&st.v);
	wake_w = -1;
	close(fds[0]);
	close(fds[1]);
	return rc;
}
