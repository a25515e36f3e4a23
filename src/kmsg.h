/*
 * kmsg.h: OOM kills as they happen, read from the kernel log.
 *
 * On the running system, where /dev/kmsg is readable (root, or
 * dmesg_restrict=0), the sampler reads the records logged since it
 * started, without blocking.  Kernel records (facility 0) are kept as
 * dmesg-style lines ("[  123.456789] text") in a bounded window that
 * starts at the newest "invoked oom-killer" header, so a report spanning
 * hundreds of records is whole when its "Killed process" line arrives.
 * That line closes the report: oomreport.c reads it, explain.c judges it,
 * and the result becomes a ZT_EV_OOM_KILL event of the next snapshot
 * with the report's text kept beside it (zt_snapshot.reports, by id).
 * derive.c then adds the victim's rank in the sample before the kill and
 * matches the event against vmstat's oom_kill counter.
 *
 * Record format (Documentation/ABI/testing/dev-kmsg):
 *   "prio,seq,usec,flag[,more];text\n" then " KEY=value\n" lines.
 * Bytes of text below 0x20 or from 0x7f, and '\\', are printed as \xNN.
 * flag '-' is a whole line; on 3.5..4.8 'c' starts a line that later
 * records continue and '+' continues the previous one.
 *
 * Everything here but kmsg_open/kmsg_poll/kmsg_close is pure.
 */
#ifndef ZT_KMSG_H
#define ZT_KMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "snapshot.h"
#include "util.h"

#define KMSG_REC_MAX	8192		/* a record with its dictionary
					   (CONSOLE_EXT_LOG_MAX) */
#define KMSG_WINDOW_MAX	((size_t)512 << 10)	/* log text kept for one report */
#define KMSG_IDLE_MAX	((size_t)16 << 10)	/* kept while no report is open */
#define KMSG_FOUND_MAX	64		/* decoded reports not yet taken */
#define ZT_REPORTS_MAX	16		/* reports a snapshot keeps */
#define ZT_REPORTS_BYTES ((size_t)4 << 20)	/* and their text at most */

/* One parsed record; text points into the caller's buffer. */
struct kmsg_rec {
	int facility, level;
	uint64_t seq, usec;
	char flag;			/* '-', 'c', '+' */
	const char *text;		/* unescaped, NUL-terminated */
	size_t len;
};

/* A report closed by its kill line, decoded, waiting for a snapshot. */
struct kmsg_found {
	struct zt_event ev;		/* kind, victim and report fields */
	uint64_t usec;			/* kernel time of the kill line */
	char *text;			/* the report's lines, owned */
	size_t len;
	char *explained;		/* its explanation's JSON (zt_report) */
};

/* The window of log text and what was found in it. */
struct kmsg_log {
	struct zt_buf text;		/* dmesg-style lines */
	size_t open_at;			/* offset of the open report's header,
					   SIZE_MAX when none is open */
	bool have_seq;
	uint64_t next_seq;		/* the sequence number expected next */
	int64_t lost;			/* records overwritten before read */
	int64_t records;		/* kernel records seen */
	int next_id;			/* report ids given so far */
	int nfound;
	struct kmsg_found found[KMSG_FOUND_MAX];
	struct zt_buf scratch;		/* one record's unescaped text */
};

/*
 * Parse one record as read(2) returned it.  The text is unescaped into
 * out (cleared first); r->text points there.  -1 when it is not a
 * record ("no ';'", a bad number).
 */
int kmsg_record_parse(const char *rec, size_t len, struct kmsg_rec *r,
    struct zt_buf *out);

void kmsg_log_init(struct kmsg_log *l);
void kmsg_log_free(struct kmsg_log *l);
/*
 * Add one record.  Returns 1 when it closed an OOM report (a decoded
 * report was added to found[]), 0 otherwise, -1 when it was not a
 * record.  Records of other facilities (user space writing to
 * /dev/kmsg) are skipped: they cannot close a report.
 */
int kmsg_log_add(struct kmsg_log *l, const char *rec, size_t len);

/*
 * Decode the report that the kill line of victim_pid closed, out of the
 * log text (dmesg-style lines, the kill line last).  Fills the event's
 * victim and report fields (kind ZT_EV_OOM_KILL, count 1, text left for
 * kmsg_event_text) and *start, the offset in text where the report's
 * first line begins.  Pure.
 */
void kmsg_decode(const char *text, size_t len, int victim_pid,
    struct zt_event *e, size_t *start);

/* The event's one line, from its fields (after derive set the rank).
 * ranked: the sample before had processes, so rank 0 means "not among
 * them".  kmsg_why: why the log gave no report (guessed events). */
void kmsg_event_text(struct zt_event *e, bool ranked, const char *kmsg_why);

/*
 * Move what the log found into the snapshot: the events into s->events
 * (before derive merges them), the texts into s->reports.  when_of maps
 * a kernel time (µs since boot) to the wall clock; NULL uses s->when.
 */
void kmsg_log_take(struct kmsg_log *l, struct zt_snapshot *s,
    void (*when_of)(uint64_t usec, struct timespec *ts, void *arg), void *arg);

/*
 * s->reports = prev's reports that some event of s still names, then s's
 * own new ones; the newest ZT_REPORTS_MAX within ZT_REPORTS_BYTES.
 * Called by derive after the events are merged.
 */
void kmsg_reports_carry(struct zt_snapshot *s, const struct zt_snapshot *prev);
/* The report with this id, or NULL (dropped, or none). */
const struct zt_report *kmsg_report(const struct zt_snapshot *s, int id);
/*
 * The whole explanation of an event's report, as `zonetop explain`
 * prints it, appended to out.  -1 (and a line saying why in out) when the
 * event has no report or it is no longer kept.
 */
int kmsg_explain(const struct zt_snapshot *s, const struct zt_event *e,
    struct zt_buf *out);

/* The same as explain_json() (explain.h) builds it, or NULL. */
json_t *kmsg_explain_json(const struct zt_snapshot *s, const struct zt_event *e);

/* ---- the reader (live system only) ---- */

struct procfs;
struct kmsg;

/* Never NULL: on a capture, or when /dev/kmsg cannot be read, the reader
 * only remembers why. */
struct kmsg *kmsg_open(struct procfs *pf);
/* Read every new record and hand found reports to s; sets s->kmsg. */
void kmsg_poll(struct kmsg *k, struct zt_snapshot *s);
void kmsg_close(struct kmsg *k);

#endif
