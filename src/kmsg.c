/*
 * kmsg.c: OOM kills from the kernel log, as they happen (see kmsg.h).
 *
 * Data owned here: the reader's fd, a window of log text (dmesg-style
 * lines, at most KMSG_WINDOW_MAX while a report is open, KMSG_IDLE_MAX
 * otherwise) and the reports it closed that no snapshot has taken yet.
 * The window starts at the newest "invoked oom-killer" header: the
 * kernel serialises OOM kills (oom_lock), so one header is open at a
 * time, and its "Killed process" line is the report's last.  A header
 * that never gets a kill line (no killable task, a panic) is dropped
 * when the next one arrives.  The kill line is printed even when the
 * rest of the report is rate-limited, so every kill gives an event.
 */
#include "kmsg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "explain.h"
#include "oomreport.h"
#include "procfs.h"

#define KMSG_POLL_MAX	20000	/* records per poll: a flood waits a tick */
#define KMSG_NONE	((size_t)-1)

/* ---- records ---- */

static int
kmsg_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A header field: digits up to ',' or ';'. */
static bool
kmsg_field(const char **p, const char *semi, uint64_t *v)
{
	const char *q = *p;
	uint64_t x = 0;

	if (q >= semi || *q < '0' || *q > '9')
		return false;
	while (q < semi && *q >= '0' && *q <= '9') {
		if (__builtin_mul_overflow(x, 10, &x) ||
		    __builtin_add_overflow(x, (uint64_t)(*q - '0'), &x))
			return false;
		q++;
	}
	if (q < semi && *q != ',')
		return false;
	*p = q < semi ? q + 1 : q;
	*v = x;
	return true;
}

int
kmsg_record_parse(const char *rec, size_t len, struct kmsg_rec *r,
    struct zt_buf *out)
{
	const char *semi = memchr(rec, ';', len), *p = rec, *end, *nl;
	uint64_t prio;

	memset(r, 0, sizeof *r);
	buf_clear(out);
	buf_reserve(out, 1);
	out->p[0] = '\0';
	r->text = out->p;
	if (semi == NULL || !kmsg_field(&p, semi, &prio) ||
	    !kmsg_field(&p, semi, &r->seq) || !kmsg_field(&p, semi, &r->usec))
		return -1;
	if (prio > 0xffffff)
		return -1;
	r->facility = (int)(prio >> 3);
	r->level = (int)(prio & 7);
	r->flag = '-';
	if (p < semi)
		r->flag = *p;
	/* the text ends at the first newline; the dictionary follows */
	end = rec + len;
	nl = memchr(semi + 1, '\n', (size_t)(end - semi - 1));
	if (nl != NULL)
		end = nl;
	for (p = semi + 1; p < end; p++) {
		int hi, lo;
		/* the plain run up to the next escape or NUL, in one copy */
		const char *q = p;
		while (q < end && *q != '\\' && *q != '\0')
			q++;
		if (q - p > 1) {
			buf_add(out, p, (size_t)(q - p));
			p = q - 1;
			continue;
		}
		if (*p == '\\' && end - p >= 4 && p[1] == 'x' &&
		    (hi = kmsg_hex(p[2])) >= 0 && (lo = kmsg_hex(p[3])) >= 0) {
			char c = (char)(hi << 4 | lo);
			p += 3;
			if (c != '\0')
				buf_addc(out, c);
		} else if (*p != '\0')
			buf_addc(out, *p);
	}
	r->text = out->p ? out->p : "";
	r->len = out->len;
	return 0;
}

/* ---- the window ---- */

void
kmsg_log_init(struct kmsg_log *l)
{
	memset(l, 0, sizeof *l);
	l->open_at = KMSG_NONE;
}

void
kmsg_log_free(struct kmsg_log *l)
{
	for (int i = 0; i < l->nfound; i++) {
		free(l->found[i].text);
		free(l->found[i].explained);
	}
	buf_free(&l->text);
	buf_free(&l->scratch);
	kmsg_log_init(l);
}

/* Drop the window's text before offset at (a line start). */
static void
kmsg_drop(struct kmsg_log *l, size_t at)
{
	if (at == 0 || at > l->text.len)
		return;
	memmove(l->text.p, l->text.p + at, l->text.len - at + 1);
	l->text.len -= at;
	if (l->open_at != KMSG_NONE)
		l->open_at = l->open_at >= at ? l->open_at - at : 0;
}

/* Keep the window at most max bytes, cutting at a line start.  Trimmed
 * only past twice the bound, so a busy log is not moved every record. */
static void
kmsg_trim(struct kmsg_log *l, size_t max)
{
	const char *nl;
	size_t at;

	if (l->text.len <= 2 * max)
		return;
	at = l->text.len - max;
	nl = memchr(l->text.p + at, '\n', l->text.len - at);
	kmsg_drop(l, nl ? (size_t)(nl + 1 - l->text.p) : l->text.len);
}

/* Append one logical line of text with its time stamp; returns where it
 * starts in the window. */
static size_t
kmsg_add_line(struct kmsg_log *l, uint64_t usec, const char *t, size_t n)
{
	size_t at = l->text.len;

	buf_printf(&l->text, "[%5llu.%06llu] ", (unsigned long long)(usec / 1000000),
	    (unsigned long long)(usec % 1000000));
	buf_add(&l->text, t, n);
	buf_addc(&l->text, '\n');
	return at;
}

/* The pid of "Killed process PID (comm)", or 0 when line is not one. */
static int
kmsg_kill_pid(const char *line, size_t n)
{
	static const char key[] = "Killed process ";
	const char *p = memmem(line, n, key, sizeof key - 1), *q;
	int64_t pid;

	if (p == NULL)
		return 0;
	q = p + sizeof key - 1;
	/* parse_i64 stops at the blank before "(comm)" */
	if (q >= line + n || *q < '0' || *q > '9' || !parse_i64(&q, &pid) ||
	    pid <= 0 || pid > INT32_MAX)
		return 0;
	return (int)pid;
}

static bool
kmsg_is_header(const char *line, size_t n)
{
	static const char key[] = " invoked oom-killer: ";

	return memmem(line, n, key, sizeof key - 1) != NULL;
}

/* The previous line of the window before offset at, or KMSG_NONE. */
static size_t
kmsg_line_before(const struct kmsg_log *l, size_t at)
{
	size_t i;

	if (at == 0)
		return KMSG_NONE;
	for (i = at - 1; i > 0 && l->text.p[i - 1] != '\n'; i--)
		;
	return i;
}

static void kmsg_decode_parsed(const char *text, size_t len,
    const struct oom_reports *rs, int victim_pid, struct zt_event *e,
    size_t *start);
static char *kmsg_explained(const struct oom_reports *rs, const struct zt_event *e);

/* A kill line arrived (the window's last line, at offset at): decode the
 * report it closes and queue it. */
static void
kmsg_close_report(struct kmsg_log *l, size_t at, int pid)
{
	struct kmsg_found *f;
	struct oom_reports rs;
	size_t from, start = 0;

	from = l->open_at;
	if (from == KMSG_NONE || from > at) {
		/* no header: the report was rate-limited to its last lines;
		 * the 5.0+ "oom-kill:" summary just before still belongs */
		size_t prev = kmsg_line_before(l, at);
		from = at;
		if (prev != KMSG_NONE &&
		    memmem(l->text.p + prev, at - prev, "] oom-kill:", 11) != NULL)
			from = prev;
	}
	if (l->nfound == KMSG_FOUND_MAX) {
		/* nobody took them: the oldest goes */
		free(l->found[0].text);
		free(l->found[0].explained);
		memmove(&l->found[0], &l->found[1],
		    (KMSG_FOUND_MAX - 1) * sizeof l->found[0]);
		l->nfound--;
	}
	f = &l->found[l->nfound++];
	memset(f, 0, sizeof *f);
	/* the window from the header is the report as logged, even when
	 * its start was lost to the bound and the parser begins later */
	f->len = l->text.len - from;
	f->text = xstrndup(l->text.p + from, f->len);
	/* read once: the event's fields and the explanation every JSON
	 * sample prints while the event is kept */
	oomreport_parse(f->text, f->len, &rs);
	kmsg_decode_parsed(f->text, f->len, &rs, pid, &f->ev, &start);
	(void)start;
	f->explained = kmsg_explained(&rs, &f->ev);
	oomreport_free(&rs);
	f->ev.report_id = ++l->next_id;
	{
		/* the kill line's own time, "[%5llu.%06llu] " */
		const char *p = l->text.p + at + 1;
		int64_t sec = 0, us = 0;
		if (parse_i64(&p, &sec) && *p == '.' && (p++, parse_i64(&p, &us)))
			f->usec = (uint64_t)sec * 1000000u + (uint64_t)us;
	}
	/* the report is out: nothing before it is needed again */
	l->open_at = KMSG_NONE;
	buf_clear(&l->text);
	buf_reserve(&l->text, 1);
	l->text.p[0] = '\0';
}

int
kmsg_log_add(struct kmsg_log *l, const char *rec, size_t len)
{
	struct kmsg_rec r;
	const char *t, *end;
	size_t at = KMSG_NONE;
	int pid = 0;

	if (kmsg_record_parse(rec, len, &r, &l->scratch) < 0)
		return -1;
	/* a gap in the sequence: records overwritten before we read them */
	if (l->have_seq && r.seq > l->next_seq)
		l->lost += (int64_t)(r.seq - l->next_seq);
	l->have_seq = true;
	l->next_seq = r.seq + 1;
	/* user space may write /dev/kmsg too; only the kernel's count */
	if (r.facility != 0)
		return 0;
	l->records++;

	t = r.text;
	end = r.text + r.len;
	if (r.flag == '+' && l->text.len > 0 && l->text.p[l->text.len - 1] == '\n') {
		/* 3.5..4.8: continues the previous record's line */
		size_t prev = kmsg_line_before(l, l->text.len);
		const char *nl = memchr(t, '\n', r.len);
		size_t n = nl ? (size_t)(nl - t) : r.len;
		l->text.len--;
		buf_add(&l->text, t, n);
		buf_addc(&l->text, '\n');
		at = prev;
		t = nl ? nl + 1 : end;
		if (at != KMSG_NONE && kmsg_is_header(l->text.p + at, l->text.len - at))
			l->open_at = at;
		if (at != KMSG_NONE)
			pid = kmsg_kill_pid(l->text.p + at, l->text.len - at);
	}
	/* a message with newlines is several lines of one time stamp */
	while (pid == 0 && (t < end || (t == r.text && r.len == 0))) {
		const char *nl = memchr(t, '\n', (size_t)(end - t));
		size_t n = nl ? (size_t)(nl - t) : (size_t)(end - t);
		at = kmsg_add_line(l, r.usec, t, n);
		if (kmsg_is_header(t, n)) {
			/* a new report; what came before is no longer needed */
			kmsg_drop(l, at);
			at = 0;
			l->open_at = 0;
		}
		/* a 'c' record's last line is not whole until its '+' comes */
		if (r.flag != 'c' || nl != NULL)
			pid = kmsg_kill_pid(t, n);
		if (nl == NULL)
			break;
		t = nl + 1;
	}
	if (pid != 0 && at != KMSG_NONE) {
		kmsg_close_report(l, at, pid);
		return 1;
	}
	kmsg_trim(l, l->open_at != KMSG_NONE ? KMSG_WINDOW_MAX : KMSG_IDLE_MAX);
	return 0;
}

/* ---- decoding ---- */

/* Offset of 1-based line n of text (next_line's lines). */
static size_t
kmsg_line_offset(const char *text, size_t len, int n)
{
	const char *cur = text, *end = text + len, *line;
	size_t ll;

	for (int i = 1; (line = next_line(&cur, end, &ll)) != NULL; i++)
		if (i == n)
			return (size_t)(line - text);
	return 0;
}

/* Copy a verdict line, cut at its first ": " when it does not fit. */
static void
kmsg_headline(char *dst, size_t len, const char *v)
{
	size_t n = strlen(v);
	const char *colon = strstr(v, ": ");

	if (n >= len && colon != NULL && (size_t)(colon - v) < len)
		n = (size_t)(colon - v);
	escape_text(dst, len, v, n);
}

/* The process of the task pid that r's kill line names.
 * __oom_kill_process() names the thread find_lock_task_mm() found the
 * mm in: for a leader that exited while its threads run on, one of
 * those threads.  Its row in the task table holds its tgid; pid itself
 * when the table has no such row. */
static int
kmsg_process_of(const struct oom_report *r, int pid)
{
	for (int i = 0; i < r->ntasks; i++)
		if (r->tasks[i].pid == pid && r->tasks[i].tgid > 0 &&
		    r->tasks[i].tgid <= INT32_MAX)
			return (int)r->tasks[i].tgid;
	return pid;
}

/* kmsg_decode on the reports rs read from text. */
static void
kmsg_decode_parsed(const char *text, size_t len, const struct oom_reports *rs,
    int victim_pid, struct zt_event *e, size_t *start)
{
	const struct oom_report *r = NULL;

	memset(e, 0, sizeof *e);
	e->kind = ZT_EV_OOM_KILL;
	e->count = 1;
	e->victim_pid = victim_pid;
	e->victim_score = e->victim_rss_kb = e->memcg_limit_kb = ZT_NA;
	e->order = ZT_NA;
	*start = 0;

	for (int i = rs->n - 1; i >= 0 && r == NULL; i--)
		if (rs->r[i].kind == OOM_KIND_OOM && rs->r[i].have_killed &&
		    rs->r[i].killed_pid == victim_pid)
			r = &rs->r[i];
	for (int i = rs->n - 1; i >= 0 && r == NULL; i--)
		if (rs->r[i].kind == OOM_KIND_OOM)
			r = &rs->r[i];
	if (r != NULL) {
		struct explain ex;

		memset(&ex, 0, sizeof ex);
		explain_report(r, &ex);
		*start = kmsg_line_offset(text, len, r->line);
		if (ex.have_victim && ex.victim_pid == victim_pid) {
			escape_text(e->victim_comm, sizeof e->victim_comm,
			    ex.victim_comm, strnlen(ex.victim_comm, sizeof ex.victim_comm));
			e->victim_score = ex.victim_score;
			e->victim_rss_kb = ex.victim_rss_kb;
		} else if (r->have_killed && r->killed_pid == victim_pid)
			escape_text(e->victim_comm, sizeof e->victim_comm,
			    r->killed_comm, strnlen(r->killed_comm, sizeof r->killed_comm));
		/* an allocation failure has no constraint */
		e->constraint = ex.constraint == ZT_CON_NONE ? ZT_CON_UNKNOWN :
		    ex.constraint;
		if (ex.constraint == ZT_CON_MEMCG) {
			strlcpy0(e->memcg, ex.memcg, sizeof e->memcg);
			e->memcg_limit_kb = ex.memcg_limit_kb;
		}
		if (ex.cause == EX_CAUSE_PAGE_FAULT)
			strlcpy0(e->gfp, "page fault", sizeof e->gfp);
		else if (ex.cause == EX_CAUSE_SYSRQ)
			strlcpy0(e->gfp, "sysrq", sizeof e->gfp);
		else if (ex.cause == EX_CAUSE_CALL)	/* gfp 0, not a fault */
			strlcpy0(e->gfp, "kernel call", sizeof e->gfp);
		else if (ex.have_gfp)
			escape_text(e->gfp, sizeof e->gfp, ex.gfp_flags,
			    strnlen(ex.gfp_flags, sizeof ex.gfp_flags));
		e->order = ex.order;
		if (ex.nverdict > 0)
			kmsg_headline(e->detail, sizeof e->detail, ex.verdict[0]);
		explain_free(&ex);
		if (r->have_killed && r->killed_pid == victim_pid)
			e->victim_pid = kmsg_process_of(r, victim_pid);
	}
}

void
kmsg_decode(const char *text, size_t len, int victim_pid, struct zt_event *e,
    size_t *start)
{
	struct oom_reports rs;

	oomreport_parse(text, len, &rs);
	kmsg_decode_parsed(text, len, &rs, victim_pid, e, start);
	oomreport_free(&rs);
}

/* ---- the event's line ---- */

void
kmsg_event_text(struct zt_event *e, bool ranked, const char *kmsg_why)
{
	struct zt_buf b = { 0 };
	char size[16];

	if (e->victim_guessed || e->report_id == 0) {
		buf_printf(&b, "%lld OOM kill%s (vmstat oom_kill); ",
		    (long long)e->count, e->count == 1 ? "" : "s");
		if (e->victim_pid > 0)
			buf_printf(&b, "victim guessed: pid %d (%s) vanished, rank %d, "
			    "%s", e->victim_pid, e->victim_comm, e->victim_rank,
			    e->victim_predicted ? "the predicted victim" :
			    "not the predicted victim");
		else
			buf_printf(&b, "victim unknown: %s", ranked ?
			    "no candidate vanished" : "processes not read");
		if (kmsg_why != NULL && kmsg_why[0])
			buf_printf(&b, "; kernel log: %s", kmsg_why);
		goto out;
	}
	buf_printf(&b, "OOM kill of %s (pid %d)", e->victim_comm[0] ?
	    e->victim_comm : "?", e->victim_pid);
	if (zt_have(e->victim_score))
		buf_printf(&b, ", score %lld", (long long)e->victim_score);
	if (zt_have(e->victim_rss_kb))
		buf_printf(&b, ", RSS %s", fmt_kb(size, sizeof size, e->victim_rss_kb));
	if (e->constraint == ZT_CON_MEMCG) {
		buf_printf(&b, ": memcg OOM in %s", e->memcg[0] ? e->memcg : "?");
		if (zt_have(e->memcg_limit_kb) && e->memcg_limit_kb != ZT_NO_LIMIT)
			buf_printf(&b, " (limit %s)", fmt_kb(size, sizeof size,
			    e->memcg_limit_kb));
	} else if (e->constraint != ZT_CON_UNKNOWN)
		buf_printf(&b, ": %s OOM", zt_constraint_name(e->constraint));
	else
		buf_printf(&b, ": OOM");
	if (e->gfp[0] && zt_have(e->order) && e->order >= 0)
		buf_printf(&b, ", order-%lld %s", (long long)e->order, e->gfp);
	else if (e->gfp[0])
		buf_printf(&b, ", %s", e->gfp);
	const char *verdict = !e->victim_predicted ? "not the predicted victim" :
	    e->constraint == ZT_CON_MEMCG ? "the cgroup's predicted victim" :
	    "the predicted victim";
	if (e->victim_rank > 0)
		buf_printf(&b, "; rank %d in the last sample, %s", e->victim_rank,
		    verdict);
	else if (e->scope[0] && strcmp(e->scope, "global") != 0)
		buf_printf(&b, "; %s", verdict);	/* ranked in its cgroup */
	else if (ranked)
		buf_printf(&b, "; not among the last sample's processes");
	/* which ranking was asked: the cgroup's own, by its limit */
	if (e->scope[0] && strcmp(e->scope, "global") != 0)
		buf_printf(&b, " (scope %s)", e->scope);
out:
	/* the parts are printable already: cut on a character boundary */
	{
		size_t n = b.len < sizeof e->text ? b.len : sizeof e->text - 1;
		while (n > 0 && n < b.len && ((unsigned char)b.p[n] & 0xc0) == 0x80)
			n--;
		memcpy(e->text, b.p ? b.p : "", n);
		e->text[n] = '\0';
	}
	buf_free(&b);
}

/* ---- into the snapshot ---- */

void
kmsg_log_take(struct kmsg_log *l, struct zt_snapshot *s,
    void (*when_of)(uint64_t usec, struct timespec *ts, void *arg), void *arg)
{
	if (l->nfound == 0)
		return;
	s->events = xreallocarray(s->events, (size_t)(s->nevents + l->nfound),
	    sizeof *s->events);
	s->reports = xreallocarray(s->reports, (size_t)(s->nreports + l->nfound),
	    sizeof *s->reports);
	for (int i = 0; i < l->nfound; i++) {
		struct kmsg_found *f = &l->found[i];
		struct zt_event *e = &s->events[s->nevents++];
		struct zt_report *r = &s->reports[s->nreports++];

		*e = f->ev;
		e->when = s->when;
		if (when_of != NULL && f->usec > 0)
			when_of(f->usec, &e->when, arg);
		r->id = f->ev.report_id;
		r->text = f->text;
		r->len = f->len;
		r->explained = f->explained;
		snapshot_report_own(r);
		f->text = NULL;
		f->explained = NULL;
	}
	l->nfound = 0;
}

static bool
kmsg_named(const struct zt_snapshot *s, int id)
{
	for (int i = 0; i < s->nevents; i++)
		if (s->events[i].report_id == id)
			return true;
	return false;
}

void
kmsg_reports_carry(struct zt_snapshot *s, const struct zt_snapshot *prev)
{
	int n = 0, keep, first;
	size_t bytes = 0;
	struct zt_report *all;

	int pn = prev != NULL ? prev->nreports : 0;

	all = xreallocarray(NULL, (size_t)(pn + s->nreports + 1), sizeof *all);
	for (int i = 0; i < pn; i++)
		if (kmsg_named(s, prev->reports[i].id))
			all[n++] = prev->reports[i];	/* copied below */
	keep = n;
	for (int i = 0; i < s->nreports; i++)
		all[n++] = s->reports[i];
	/* the newest within both bounds */
	first = n;
	while (first > 0 && n - first < ZT_REPORTS_MAX &&
	    bytes + all[first - 1].len <= ZT_REPORTS_BYTES) {
		bytes += all[first - 1].len;
		first--;
	}
	for (int i = 0; i < n; i++) {
		if (i < keep) {
			if (i >= first) {	/* prev's: now cur's too */
				struct zt_report from = all[i];
				snapshot_report_share(&all[i], &from);
			}
		} else if (i < first) {
			snapshot_report_drop(&all[i]);
		}
	}
	memmove(all, all + first, (size_t)(n - first) * sizeof *all);
	free(s->reports);
	s->reports = all;
	s->nreports = n - first;
}

const struct zt_report *
kmsg_report(const struct zt_snapshot *s, int id)
{
	if (id <= 0)
		return NULL;
	for (int i = 0; i < s->nreports; i++)
		if (s->reports[i].id == id)
			return &s->reports[i];
	return NULL;
}

/* The report of rs that e's kill closed: the one that killed its victim,
 * else the last OOM report; -1 none. */
static int
kmsg_pick(const struct oom_reports *rs, const struct zt_event *e)
{
	int pick = -1;

	for (int i = 0; i < rs->n; i++)
		if (rs->r[i].kind == OOM_KIND_OOM && (pick < 0 ||
		    !(rs->r[pick].have_killed && kmsg_process_of(&rs->r[pick],
		    rs->r[pick].killed_pid) == e->victim_pid)))
			pick = i;
	return pick;
}

/* The explanation kmsg_explain_json gives, as compact JSON text; NULL
 * when there is none. */
static char *
kmsg_explained(const struct oom_reports *rs, const struct zt_event *e)
{
	struct explain ex;
	char *d;
	int pick = kmsg_pick(rs, e);

	if (pick < 0)
		return NULL;
	memset(&ex, 0, sizeof ex);
	explain_report(&rs->r[pick], &ex);
	json_t *j = explain_json(&rs->r[pick], &ex);
	d = json_dumps(j, JSON_COMPACT);	/* NULL too: read it again */
	json_decref(j);
	explain_free(&ex);
	return d;
}

json_t *
kmsg_explain_json(const struct zt_snapshot *s, const struct zt_event *e)
{
	const struct zt_report *rp = kmsg_report(s, e->report_id);
	struct oom_reports rs;
	struct explain ex;
	json_t *j = NULL;
	int pick;

	if (rp == NULL)
		return NULL;
	/* made when the report closed, for the event that closed it */
	if (rp->explained != NULL && (j = json_loads(rp->explained, 0, NULL)) != NULL)
		return j;
	oomreport_parse(rp->text, rp->len, &rs);
	if ((pick = kmsg_pick(&rs, e)) >= 0) {
		memset(&ex, 0, sizeof ex);
		explain_report(&rs.r[pick], &ex);
		j = explain_json(&rs.r[pick], &ex);
		explain_free(&ex);
	}
	oomreport_free(&rs);
	return j;
}

int
kmsg_explain(const struct zt_snapshot *s, const struct zt_event *e,
    struct zt_buf *out)
{
	const struct zt_report *rp = kmsg_report(s, e->report_id);
	struct oom_reports rs;
	int pick;

	if (rp == NULL) {
		buf_printf(out, "%s\n", e->report_id == 0 ?
		    "No kernel report for this event: the kernel log was not read "
		    "or had none, so its victim is a guess." :
		    "The kernel report of this event is no longer kept.");
		return -1;
	}
	oomreport_parse(rp->text, rp->len, &rs);
	pick = kmsg_pick(&rs, e);
	if (pick < 0) {
		const char *cur = rp->text, *end = rp->text + rp->len, *line;
		size_t n;

		buf_printf(out, "The kernel logged only this of the kill:\n");
		while ((line = next_line(&cur, end, &n)) != NULL) {
			buf_add_escaped(out, line, n);
			buf_addc(out, '\n');
		}
		oomreport_free(&rs);
		return 0;
	}
	{
		struct explain ex;
		memset(&ex, 0, sizeof ex);
		explain_report(&rs.r[pick], &ex);
		explain_text(&rs.r[pick], &ex, 1, 1, out);
		explain_free(&ex);
	}
	oomreport_free(&rs);
	return 0;
}

/* ---- the reader ---- */

struct kmsg {
	int fd;
	char why[ZT_WHY_LEN];
	struct kmsg_log log;
	char rec[KMSG_REC_MAX];
};

struct kmsg *
kmsg_open(struct procfs *pf)
{
	struct kmsg *k = xcalloc(1, sizeof *k);

	kmsg_log_init(&k->log);
	k->fd = procfs_kmsg_open(pf, k->why, sizeof k->why);
	return k;
}

void
kmsg_close(struct kmsg *k)
{
	if (k == NULL)
		return;
	if (k->fd >= 0)
		close(k->fd);
	kmsg_log_free(&k->log);
	free(k);
}

/* printk's clock is local_clock(), close to CLOCK_MONOTONIC: the wall
 * time of a record is now minus its age.  A clock that disagrees (a
 * record "from the future", or hours old) gives the sample's time. */
static void
kmsg_when(uint64_t usec, struct timespec *ts, void *arg)
{
	struct timespec mono, real;
	double age, t;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	age = (double)mono.tv_sec + (double)mono.tv_nsec / 1e9 - (double)usec / 1e6;
	if (age < 0 || age > 3600)
		return;
	t = (double)real.tv_sec + (double)real.tv_nsec / 1e9 - age;
	ts->tv_sec = (time_t)t;
	ts->tv_nsec = (long)((t - (double)ts->tv_sec) * 1e9);
}

void
kmsg_poll(struct kmsg *k, struct zt_snapshot *s)
{
	if (k->fd >= 0) {
		for (int i = 0; i < KMSG_POLL_MAX; i++) {
			ssize_t n = procfs_kmsg_read(k->fd, k->rec, sizeof k->rec);
			if (n == 0)
				break;
			if (n < 0) {
				/* overwritten records: the sequence gap counts them */
				if (errno == EPIPE)
					continue;
				snprintf(k->why, sizeof k->why, "/dev/kmsg: %s",
				    procfs_reason(errno));
				close(k->fd);
				k->fd = -1;
				break;
			}
			kmsg_log_add(&k->log, k->rec, (size_t)n);
		}
	}
	s->kmsg.ok = k->fd >= 0;
	s->kmsg.skipped = false;
	if (s->kmsg.ok && k->log.lost > 0)
		snprintf(s->kmsg.why, sizeof s->kmsg.why,
		    "%lld records overwritten before read", (long long)k->log.lost);
	else
		strlcpy0(s->kmsg.why, s->kmsg.ok ? "" : k->why, sizeof s->kmsg.why);
	/* what was found before a failure still counts */
	kmsg_log_take(&k->log, s, kmsg_when, NULL);
}
