/*
 * test_kmsg.c: the kernel log reader's pure parts.  /dev/kmsg records
 * (header fields, \xNN escapes, dictionaries, other facilities, 'c'/'+'
 * continuations, sequence gaps); a real capture of two memcg OOM kills
 * read from this project's 6.18 VM; the real OOM reports of
 * tests/fixtures/oom re-emitted as records (a line a record, several
 * lines a record, every line split in two), each decoded into its
 * event; rate-limited reports; the bounded window; the reports a
 * snapshot keeps; derive.c matching reports against vmstat's oom_kill;
 * the JSON of an event with its report, read back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "derive.h"
#include "json_in.h"
#include "kmsg.h"
#include "output.h"
#include "snapshot.h"
#include "util.h"

#include "fixture.h"

/* kmsg_log_add on an exact-size copy of a string. */
static int
add(struct kmsg_log *l, const char *rec, size_t n)
{
	char *p = xmalloc(n ? n : 1);
	int rc;

	memcpy(p, rec, n);
	rc = kmsg_log_add(l, p, n);
	free(p);
	return rc;
}

static int
adds(struct kmsg_log *l, const char *rec)
{
	return add(l, rec, strlen(rec));
}

/* One record as the kernel formats it: bytes below 0x20, from 0x7f, and
 * '\' escaped as \xNN. */
static int
emit(struct kmsg_log *l, uint64_t seq, uint64_t usec, char flag,
    const char *text, size_t n)
{
	struct zt_buf r = { 0 };
	int rc;

	buf_printf(&r, "6,%llu,%llu,%c;", (unsigned long long)seq,
	    (unsigned long long)usec, flag);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c >= 0x7f || c == '\\')
			buf_printf(&r, "\\x%02x", c);
		else
			buf_addc(&r, (char)c);
	}
	buf_addc(&r, '\n');
	rc = add(l, r.p, r.len);
	buf_free(&r);
	return rc;
}

/* ---- records ---- */

static void
test_record(void **state)
{
	struct zt_buf out = { 0 };
	struct kmsg_rec r;
	static const char one[] = "6,1234,5678,-;hello world\n";
	static const char dict[] =
	    "3,77,9000000,-,caller=T42;usb 1-1: new device\n"
	    " SUBSYSTEM=usb\n DEVICE=c189:1\n";
	static const char esc[] = "4,1,2,c;a\\x5cb\\x0ac\\x1bd\\x00e\\xzz\n";

	(void)state;
	assert_int_equal(kmsg_record_parse(one, sizeof one - 1, &r, &out), 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 6);
	assert_int_equal(r.seq, 1234);
	assert_int_equal(r.usec, 5678);
	assert_int_equal(r.flag, '-');
	assert_string_equal(r.text, "hello world");
	assert_int_equal(r.len, 11);

	/* a 5.1+ caller field, then the dictionary: not text */
	assert_int_equal(kmsg_record_parse(dict, sizeof dict - 1, &r, &out), 0);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.seq, 77);
	assert_string_equal(r.text, "usb 1-1: new device");

	/* \x5c is '\', \x0a a newline inside the message, \x00 dropped,
	 * a bad escape kept as it was */
	assert_int_equal(kmsg_record_parse(esc, sizeof esc - 1, &r, &out), 0);
	assert_int_equal(r.flag, 'c');
	assert_string_equal(r.text, "a\\b\nc\x1b" "de\\xzz");

	/* prio 12 = facility 1 (user) << 3 | level 4 */
	assert_int_equal(kmsg_record_parse("12,9,9,-;x", 10, &r, &out), 0);
	assert_int_equal(r.facility, 1);
	assert_int_equal(r.level, 4);
	/* no newline at all: the text runs to the end */
	assert_string_equal(r.text, "x");

	assert_int_equal(kmsg_record_parse("no separator", 12, &r, &out), -1);
	assert_int_equal(kmsg_record_parse("x,1,2,-;t", 9, &r, &out), -1);
	assert_int_equal(kmsg_record_parse("6,,2,-;t", 8, &r, &out), -1);
	assert_int_equal(kmsg_record_parse("6,1;t", 5, &r, &out), -1);
	assert_int_equal(kmsg_record_parse(";", 1, &r, &out), -1);
	assert_int_equal(kmsg_record_parse("6,99999999999999999999999,2,-;t", 31,
	    &r, &out), -1);
	assert_string_equal(r.text, "");
	buf_free(&out);
}

#define LIT(s) s, sizeof s - 1

/* kmsg_record_parse on an exact-size copy (ASan sees a read past it). */
static int
parse_exact(const char *rec, size_t n, struct kmsg_rec *r, struct zt_buf *out)
{
	char *p = exact_copy(rec, n);
	int rc = kmsg_record_parse(p, n, r, out);

	free(p);
	return rc;
}

/* The header's edges and every hex digit of an escape, by hand from
 * printk's devkmsg_read(): "%u,%llu,%llu,%c;" then the text with bytes
 * below ' ', from 0x7f and '\' written as \xNN (lower case there; the
 * parser takes either case). */
static void
test_record_edges(void **state)
{
	struct zt_buf out = { 0 }, fresh = { 0 };
	struct kmsg_rec r;
	char text[64];

	(void)state;
	/* every hex digit's edge: 0x30 '0', 0x39 '9', 0x4A/0x4a 'J', 0x6F/0x6f
	 * 'o', 0x6A 'j', 0xAF, 0xfA */
	assert_int_equal(parse_exact(LIT("6,1,2,-;\\x30\\x39\\x4A\\x4a\\x6F\\x6f\\x6A"
	    "\\xAF\\xfA"), &r, &out), 0);
	assert_int_equal(r.len, 9);
	assert_memory_equal(r.text, "09JJooj\xaf\xfa", 9);
	/* the characters just outside each range are no hex digits: each
	 * escape stays as it was */
	snprintf(text, sizeof text, "%s", "6,1,2,-;\\x/1\\x:1\\x@1\\xG1\\x`1\\xg1\\x1/");
	assert_int_equal(parse_exact(text, strlen(text), &r, &out), 0);
	assert_string_equal(r.text, "\\x/1\\x:1\\x@1\\xG1\\x`1\\xg1\\x1/");
	snprintf(text, sizeof text, "%s", "6,1,2,-;\\x1:\\x1@\\x1G\\x1`\\x1g");
	assert_int_equal(parse_exact(text, strlen(text), &r, &out), 0);
	assert_string_equal(r.text, "\\x1:\\x1@\\x1G\\x1`\\x1g");
	/* a '\' not starting an escape is itself; the next one still does;
	 * raw NULs are dropped, in a run as alone */
	assert_int_equal(parse_exact(LIT("6,1,2,-;a\\\\x41b\\"), &r, &out), 0);
	assert_string_equal(r.text, "a\\Ab\\");
	assert_int_equal(parse_exact(LIT("6,1,2,-;a\0\0\0b\0c"), &r, &out), 0);
	assert_int_equal(r.len, 3);
	assert_string_equal(r.text, "abc");
	/* an escape cut by the end of the record is plain text */
	assert_int_equal(parse_exact(LIT("6,1,2,-;ab\\x4"), &r, &out), 0);
	assert_string_equal(r.text, "ab\\x4");

	/* no flag field: the record is taken, its flag '-' */
	assert_int_equal(parse_exact(LIT("6,5,7;t"), &r, &out), 0);
	assert_int_equal(r.seq, 5);
	assert_int_equal(r.usec, 7);
	assert_int_equal(r.flag, '-');
	assert_string_equal(r.text, "t");
	/* a field ended by anything but ',' or ';' is refused */
	assert_int_equal(parse_exact(LIT("6,1x,2,-;t"), &r, &out), -1);
	assert_int_equal(parse_exact(LIT("6,1,2x,-;t"), &r, &out), -1);
	assert_int_equal(parse_exact(LIT("6x,1,2,-;t"), &r, &out), -1);
	/* prio is facility << 3 | level; the parser's bound is 0xffffff */
	assert_int_equal(parse_exact(LIT("16777215,1,2,-;t"), &r, &out), 0);
	assert_int_equal(r.facility, 0x1fffff);
	assert_int_equal(r.level, 7);
	assert_int_equal(parse_exact(LIT("16777216,1,2,-;t"), &r, &out), -1);
	/* an empty text, the dictionary right after the ';' */
	assert_int_equal(parse_exact(LIT("6,1,2,-;\n SUBSYSTEM=usb\n"), &r, &out), 0);
	assert_int_equal(r.len, 0);
	assert_string_equal(r.text, "");
	/* a refused record leaves a clean record and an empty text, even
	 * after a good one, even in a buffer never used */
	assert_int_equal(parse_exact(LIT("6,1,2,-;good"), &r, &out), 0);
	memset(&r, 0x55, sizeof r);
	assert_int_equal(parse_exact(LIT("6,1;t"), &r, &out), -1);
	assert_string_equal(r.text, "");
	assert_int_equal(r.len, 0);
	assert_int_equal(r.usec, 0);
	assert_int_equal(r.flag, 0);
	assert_int_equal(parse_exact(LIT("garbage"), &r, &fresh), -1);
	assert_string_equal(r.text, "");
	buf_free(&fresh);
	buf_free(&out);
}

static void
test_log_basics(void **state)
{
	struct kmsg_log l;

	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(adds(&l, "6,10,1500000,-;first\n"), 0);
	/* seq 11 and 12 overwritten before we read them */
	assert_int_equal(adds(&l, "6,13,2000001,-;second\n"), 0);
	assert_int_equal(l.lost, 2);
	assert_string_equal(l.text.p,
	    "[    1.500000] first\n[    2.000001] second\n");
	/* user space writing a kill line to /dev/kmsg closes nothing */
	assert_int_equal(adds(&l, "14,14,2000002,-;Killed process 1 (init)\n"), 0);
	assert_int_equal(l.nfound, 0);
	assert_int_equal(l.records, 2);
	assert_int_equal(adds(&l, "garbage"), -1);
	kmsg_log_free(&l);
}

/* ---- a real capture ---- */

/* Feed a capture: a record a line, its dictionary on following lines
 * that start with a blank, '#' lines are comments.  Returns reports
 * closed. */
static int
feed_capture(struct kmsg_log *l, const char *rel)
{
	size_t len, n;
	char *text = fixture(rel, &len);
	const char *cur = text, *end = text + len, *line, *rec = NULL;
	int closed = 0;

	while ((line = next_line(&cur, end, &n)) != NULL) {
		if (n > 0 && (line[0] == ' ' || line[0] == '#'))
			continue;
		rec = line;
		closed += add(l, rec, (size_t)(cur - line)) == 1;
	}
	free(text);
	return closed;
}

static void
test_capture_two_memcg_kills(void **state)
{
	struct kmsg_log l;
	struct zt_snapshot s;
	const struct zt_event *e;

	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(feed_capture(&l, "kmsg/memcg-v1-6.18-two-kills.kmsg"), 2);
	assert_int_equal(l.nfound, 2);
	assert_int_equal(l.lost, 0);
	/* the window is empty after each kill line */
	assert_int_equal(l.text.len, 0);

	e = &l.found[0].ev;
	assert_int_equal(e->kind, ZT_EV_OOM_KILL);
	assert_int_equal(e->count, 1);
	assert_int_equal(e->victim_pid, 31956);
	assert_false(e->victim_guessed);
	assert_string_equal(e->victim_comm, "python3");
	assert_string_equal(zt_constraint_name(e->constraint), "memcg");
	assert_string_equal(e->memcg, "/zt-fixture");
	/* "memory: usage 65536kB, limit 65536kB" */
	assert_int_equal(e->memcg_limit_kb, 65536);
	assert_string_equal(e->gfp, "GFP_KERNEL");
	assert_int_equal(e->order, 0);
	/* anon-rss:65280kB + file-rss:5472kB + shmem-rss:0kB */
	assert_int_equal(e->victim_rss_kb, 70752);
	assert_true(zt_have(e->victim_score));
	assert_int_equal(e->report_id, 1);
	/* the kill line's record: usec 2900075798 */
	assert_int_equal(l.found[0].usec, 2900075798u);
	/* the report runs from its header to its kill line */
	assert_true(strncmp(l.found[0].text,
	    "[ 2900.075405] python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL)",
	    68) == 0);
	assert_non_null(strstr(l.found[0].text, "] Memory cgroup out of memory: "
	    "Killed process 31956 (python3) total-vm:218656kB"));
	assert_null(strstr(l.found[0].text, "31950"));
	assert_int_equal(l.found[0].text[l.found[0].len - 1], '\n');

	e = &l.found[1].ev;
	assert_int_equal(e->victim_pid, 31950);
	assert_string_equal(e->memcg, "/zt-oom-31883");
	/* 65280 + 5396 + 0 */
	assert_int_equal(e->victim_rss_kb, 70676);
	assert_int_equal(e->report_id, 2);
	assert_null(strstr(l.found[1].text, "31956"));

	/* into a snapshot: the events (when: the sample's) and reports */
	snapshot_init(&s);
	s.when.tv_sec = 1700000000;
	kmsg_log_take(&l, &s, NULL, NULL);
	assert_int_equal(l.nfound, 0);
	assert_int_equal(s.nevents, 2);
	assert_int_equal(s.nreports, 2);
	assert_int_equal(s.events[1].when.tv_sec, 1700000000);
	assert_int_equal(s.reports[0].id, 1);
	assert_int_equal(s.reports[1].id, 2);
	assert_ptr_equal(kmsg_report(&s, 2), &s.reports[1]);
	assert_null(kmsg_report(&s, 3));
	assert_null(kmsg_report(&s, 0));
	/* the explanations made as they closed go to the next sample with
	 * the text, shared, not copied */
	{
		struct zt_snapshot cur;
		snapshot_init(&cur);
		cur.events = xreallocarray(NULL, 2, sizeof *cur.events);
		memcpy(cur.events, s.events, 2 * sizeof *cur.events);
		cur.nevents = 2;
		kmsg_reports_carry(&cur, &s);
		assert_int_equal(cur.nreports, 2);
		for (int i = 0; i < 2; i++) {
			assert_non_null(s.reports[i].explained);
			assert_ptr_equal(cur.reports[i].explained,
			    s.reports[i].explained);
			assert_ptr_equal(cur.reports[i].text, s.reports[i].text);
		}
		assert_non_null(strstr(cur.reports[1].explained, "\"pid\":31950"));
		snapshot_free(&cur);
	}

	/* derive gives the line: no sample before, so no rank.  Score: the
	 * task row's rss 17688 + swapents 0 + pgtables_bytes 196608 / 4096
	 * = 17736 points, * 1000 / 16384 pages (64 MiB, memsw = mem: no
	 * swap) = 1082; RSS 70752 kB = 69.1M */
	derive_snapshot(&s, NULL);
	assert_string_equal(s.events[0].text, "OOM kill of python3 (pid 31956), "
	    "score 1082, RSS 69.1M: memcg OOM in /zt-fixture (limit 64.0M), "
	    "order-0 GFP_KERNEL");
	{
		struct zt_buf b = { 0 };
		assert_int_equal(kmsg_explain(&s, &s.events[1], &b), 0);
		assert_non_null(strstr(b.p, "constraint   memcg"));
		assert_non_null(strstr(b.p, "/zt-oom-31883"));
		assert_non_null(strstr(b.p, "victim       python3 (pid 31950)"));
		buf_free(&b);
	}
	snapshot_free(&s);
	kmsg_log_free(&l);
}

/* ---- the fixtures' reports as records ---- */

enum style { ST_BARE, ST_STAMP, ST_SYSLOG };

/* The text after a "[  123.456789] " or "Mar  7 02:43:11 host kernel: "
 * prefix, or NULL when the line has none; *usec from the stamp. */
static const char *
strip(const char *line, size_t n, enum style *st, uint64_t *usec)
{
	const char *k;

	/* "[%5lu.%06lu] ", not a task row's "[  390] " */
	if (n > 2 && line[0] == '[') {
		const char *close = memchr(line, ']', n), *p = line + 1;
		int64_t sec, us;
		if (close && close + 1 < line + n && close[1] == ' ' &&
		    parse_i64(&p, &sec) && *p == '.' && (p++, parse_i64(&p, &us)) &&
		    p == close) {
			*usec = (uint64_t)sec * 1000000u + (uint64_t)us;
			*st = ST_STAMP;
			return close + 2;
		}
	}
	k = memmem(line, n < 64 ? n : 64, " kernel: ", 9);
	if (k != NULL) {
		*st = ST_SYSLOG;
		return k + 9;
	}
	return NULL;
}

struct rec {
	struct zt_buf text;
	uint64_t usec;
};

/*
 * A report file as the records the kernel logged: a prefixed line starts
 * a record.  A line without the file's prefix continues the record
 * before it: under dmesg's "[stamp]" a blank-led line is another line of
 * the same record (show_mem's multi-line messages), otherwise it is the
 * rest of a line a paste wrapped.  A blank line ends a record; prose
 * before the first record and after a blank is dropped.  A file with no
 * prefixes at all has a record a line.
 */
static int
records_of(const char *rel, struct rec **out)
{
	size_t len, n;
	char *text = fixture(rel, &len);
	const char *cur = text, *end = text + len, *line;
	enum style file = ST_BARE;
	struct rec *v = NULL;
	int nv = 0;
	bool open = false;

	/* the file's style: its first prefixed line's */
	while ((line = next_line(&cur, end, &n)) != NULL) {
		uint64_t us;
		enum style st = ST_BARE;
		if (n > 0 && line[0] != '#' && strip(line, n, &st, &us) != NULL) {
			file = st;
			break;
		}
	}
	cur = text;
	while ((line = next_line(&cur, end, &n)) != NULL) {
		enum style st = ST_BARE;
		uint64_t usec = (uint64_t)nv * 100;
		const char *t;

		if (n > 0 && line[0] == '#')
			continue;
		if (n == 0) {
			open = false;
			continue;
		}
		t = file == ST_BARE ? line : strip(line, n, &st, &usec);
		if (t == NULL) {
			if (!open)
				continue;
			if (file == ST_STAMP && line[0] == ' ')
				buf_addc(&v[nv - 1].text, '\n');
			buf_add(&v[nv - 1].text, line, n);
			continue;
		}
		v = xreallocarray(v, (size_t)nv + 1, sizeof *v);
		memset(&v[nv], 0, sizeof v[nv]);
		v[nv].usec = usec;
		buf_add(&v[nv].text, t, (size_t)(line + n - t));
		nv++;
		open = true;
	}
	free(text);
	*out = v;
	return nv;
}

static void
records_free(struct rec *v, int n)
{
	for (int i = 0; i < n; i++)
		buf_free(&v[i].text);
	free(v);
}

enum shape {
	SH_LINE,	/* a record a line */
	SH_GROUP,	/* five records in one, joined by \x0a */
	SH_SPLIT,	/* each line a 'c' record and its '+' (3.5..4.8) */
};

/* Feed the fixture in a shape; returns the reports closed. */
static int
feed_report(struct kmsg_log *l, const char *rel, enum shape sh)
{
	struct rec *v;
	int n = records_of(rel, &v), closed = 0;
	uint64_t seq = 1000;

	for (int i = 0; i < n; i++) {
		const char *t = v[i].text.p ? v[i].text.p : "";
		size_t len = v[i].text.len;

		if (sh == SH_GROUP) {
			struct zt_buf g = { 0 };
			int j;
			for (j = i; j < n && j < i + 5; j++) {
				if (j > i)
					buf_addc(&g, '\n');
				buf_add(&g, v[j].text.p ? v[j].text.p : "", v[j].text.len);
			}
			closed += emit(l, seq++, v[i].usec, '-', g.p, g.len) == 1;
			buf_free(&g);
			i = j - 1;
		} else if (sh == SH_SPLIT && len > 1) {
			closed += emit(l, seq++, v[i].usec, 'c', t, len / 2) == 1;
			closed += emit(l, seq++, v[i].usec, '+', t + len / 2,
			    len - len / 2) == 1;
		} else
			closed += emit(l, seq++, v[i].usec, '-', t, len) == 1;
	}
	records_free(v, n);
	return closed;
}

struct want {
	const char *rel;
	int pid;
	const char *comm;
	const char *constraint, *memcg;
	const char *gfp;
	int64_t order, score, rss_kb;
	const char *first;	/* the report text's first line starts so */
};

/*
 * What each report's own lines say.  Scores: printed on the kill
 * decision line up to 5.0 ("Kill process P (C) score S"); from 5.1 the
 * kernel prints none and the score is explain.c's, recomputed from the
 * task table.  RSS: the kill line's anon + file + shmem.
 */
static const struct want wants[] = {
	/* "Kill process 6576 (mysqld) score 651"; 20629004 + 0 + 0 */
	{ "oom/oom-3.10el7-numa-swap-1.txt", 6576, "mysqld", "global", "",
	  "GFP_HIGHUSER_MOVABLE|__GFP_COLD", 0, 651, 20629004,
	  "sed invoked oom-killer: gfp_mask=0x201da" },
	/* "Kill process 11344 (main) score 904"; 183712 + 1016 (no shmem
	 * on 4.4) */
	{ "oom/oom-4.4-memcg-docker-1.txt", 11344, "main", "memcg",
	  "/docker/34186d9bd07706222bd427bb647ceed81e8e108eb653ff73c7137099fca1cab6",
	  "GFP_KERNEL", 0, 904, 184728,
	  "main invoked oom-killer: gfp_mask=0x24000c0" },
	/* gfp_mask=0x0(): a page fault; 93132 + 24564 + 100 */
	{ "oom/oom-5.7-32bit-highmem-pagefault-1.txt", 5889, "chromium", "global",
	  "", "page fault", 0, 325, 117796,
	  "Xorg invoked oom-killer: gfp_mask=0x0()" },
	/* 9234320 + 4 + 0 */
	{ "oom/oom-6.1-global-swap-1.txt", 473206, "doxygen", "global", "",
	  "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO", 0, 732, 9234324,
	  "doxygen invoked oom-killer: gfp_mask=0x140dca" },
	/* "Kill process 3841 (memcheck-amd64-) score 11"; 0 + 0 */
	{ "oom/seed-4.4-kvm-balloon.txt", 3841, "memcheck-amd64-", "global", "",
	  "GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN", 0, 11, 0,
	  "memcheck-amd64- invoked oom-killer: gfp_mask=0x24002c2" },
};

/* The explanation made as the report closed is what reading its text
 * again gives (json_out prints the one made then, every sample). */
static void
check_explained(const struct kmsg_found *f, int pid)
{
	struct zt_event e = f->ev;
	struct zt_report r = { .id = f->ev.report_id, .len = f->len,
	    .text = f->text, .explained = NULL };
	struct zt_snapshot s = { .events = &e, .nevents = 1, .reports = &r,
	    .nreports = 1 };
	json_t *fresh, *kept, *viaget;

	assert_non_null(f->explained);
	kept = json_loads(f->explained, 0, NULL);
	assert_non_null(kept);
	fresh = kmsg_explain_json(&s, &e);	/* explained NULL: parsed */
	assert_non_null(fresh);
	assert_true(json_equal(kept, fresh));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fresh,
	    "victim"), "pid")), pid);
	r.explained = f->explained;		/* and now from the text kept */
	viaget = kmsg_explain_json(&s, &e);
	assert_true(json_equal(viaget, fresh));
	json_decref(viaget);
	json_decref(fresh);
	json_decref(kept);
}

static void
check_found(const struct kmsg_log *l, const struct want *w, enum shape sh)
{
	const struct kmsg_found *f = &l->found[0];
	const struct zt_event *e = &f->ev;
	const char *first = strchr(f->text, ']');

	assert_int_equal(e->victim_pid, w->pid);
	assert_string_equal(e->victim_comm, w->comm);
	assert_string_equal(zt_constraint_name(e->constraint), w->constraint);
	assert_string_equal(e->memcg, w->memcg);
	assert_string_equal(e->gfp, w->gfp);
	assert_int_equal(e->order, w->order);
	assert_int_equal(e->victim_score, w->score);
	assert_int_equal(e->victim_rss_kb, w->rss_kb);
	assert_true(e->detail[0] != '\0');
	/* the report's text starts at its header line ... */
	assert_non_null(first);
	if (strncmp(first + 2, w->first, strlen(w->first)) != 0)
		fail_msg("%s shape %d: report starts \"%.80s\"", w->rel, sh, f->text);
	/* ... and ends with its kill line */
	{
		char kill[96];
		snprintf(kill, sizeof kill, "Killed process %d (", w->pid);
		assert_non_null(strstr(f->text, kill));
	}
	check_explained(f, w->pid);
}

static void
test_fixture_reports(void **state)
{
	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(wants); i++) {
		for (int sh = SH_LINE; sh <= SH_SPLIT; sh++) {
			struct kmsg_log l;
			int n;

			kmsg_log_init(&l);
			n = feed_report(&l, wants[i].rel, (enum shape)sh);
			if (n != 1)
				fail_msg("%s shape %d: %d reports closed", wants[i].rel, sh, n);
			check_found(&l, &wants[i], (enum shape)sh);
			kmsg_log_free(&l);
		}
	}
}

/* The seed's weightiest verdict line is the event's detail. */
static void
test_seed_detail(void **state)
{
	struct kmsg_log l;

	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(feed_report(&l, "oom/seed-4.4-kvm-balloon.txt", SH_LINE), 1);
	assert_string_equal(l.found[0].ev.detail,
	    "An order-0 GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN allocation by "
	    "memcheck-amd64- (pid 3841) failed and invoked the OOM killer: "
	    "vmalloc during fork (dup_fd \xe2\x86\x92 alloc_fdtable \xe2\x86\x92 vmalloc, "
	    "unproven stack words).");
	/* the seed's page quotes a second header with no kill line after
	 * it: that report stays open, nothing is made up */
	assert_int_equal(l.nfound, 1);
	assert_true(l.open_at != (size_t)-1);
	kmsg_log_free(&l);
}

/* dump_header is rate-limited (oom_rs); the summary and kill lines are
 * not: an event all the same, from those two lines. */
static void
test_rate_limited(void **state)
{
	struct kmsg_log l;
	const struct kmsg_found *f;

	(void)state;
	kmsg_log_init(&l);
	adds(&l, "6,1,100,-;eth0: link up\n");
	adds(&l, "6,2,200,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),"
	    "cpuset=/,mems_allowed=0,oom_memcg=/box,task_memcg=/box/a,task=stress,"
	    "pid=4242,uid=0\n");
	assert_int_equal(adds(&l, "3,3,300,-;Memory cgroup out of memory: Killed "
	    "process 4242 (stress) total-vm:1000kB, anon-rss:512kB, file-rss:8kB, "
	    "shmem-rss:0kB, UID:0 pgtables:40kB oom_score_adj:0\n"), 1);
	f = &l.found[0];
	assert_int_equal(f->ev.victim_pid, 4242);
	assert_string_equal(f->ev.victim_comm, "stress");
	assert_string_equal(zt_constraint_name(f->ev.constraint), "memcg");
	assert_string_equal(f->ev.memcg, "/box");
	/* 512 + 8 + 0 */
	assert_int_equal(f->ev.victim_rss_kb, 520);
	assert_string_equal(f->ev.gfp, "");
	assert_false(zt_have(f->ev.order));
	/* the summary and the kill line, not the link message */
	assert_true(strncmp(f->text, "[    0.000200] oom-kill:", 24) == 0);
	assert_null(strstr(f->text, "eth0"));
	assert_int_equal(f->usec, 300);

	/* a kill line alone */
	assert_int_equal(adds(&l, "3,4,400,-;Killed process 77 (x\\x1b) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB\n"), 1);
	assert_int_equal(l.found[1].ev.victim_pid, 77);
	/* the comm's ESC is shown, not sent to the terminal */
	assert_string_equal(l.found[1].ev.victim_comm, "x\\e");
	assert_string_equal(l.found[1].text,
	    "[    0.000400] Killed process 77 (x\x1b) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB\n");
	{
		/* explained from its kill line alone, the ESC shown escaped */
		struct zt_snapshot s;
		struct zt_buf x = { 0 };
		snapshot_init(&s);
		kmsg_log_take(&l, &s, NULL, NULL);
		assert_int_equal(kmsg_explain(&s, &s.events[1], &x), 0);
		assert_null(strchr(x.p, '\x1b'));
		assert_non_null(strstr(x.p, "(pid 77)"));
		buf_free(&x);
		snapshot_free(&s);
	}
	kmsg_log_free(&l);
}

/* The window: bounded while idle; a header drops what came before; a
 * report bigger than the window keeps its newest part. */
static void
test_window(void **state)
{
	struct kmsg_log l;
	char line[160];
	uint64_t seq = 1;

	(void)state;
	kmsg_log_init(&l);
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(line, sizeof line, "noise %d: some driver said "
		    "something long enough to fill the window quickly", i);
		emit(&l, seq++, 10, '-', line, (size_t)n);
		assert_true(l.text.len <= 2 * KMSG_IDLE_MAX + sizeof line + 20);
	}
	emit(&l, seq++, 20, '-', "a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
	    "order=0, oom_score_adj=0", 74);
	assert_int_equal(l.open_at, 0);
	assert_null(strstr(l.text.p, "noise"));
	/* a report of 3 MiB keeps its newest lines, within twice the bound */
	for (int i = 0; i < 30000; i++) {
		int n = snprintf(line, sizeof line, "[%7d] %5d %5d %8d %8d %14d "
		    "%8d %13d task%d", 100000 + i, 0, 100000 + i, 1000, 100, 4096,
		    0, 0, i);
		emit(&l, seq++, 30, '-', line, (size_t)n);
		assert_true(l.text.len <= 2 * KMSG_WINDOW_MAX + sizeof line + 20);
	}
	assert_int_equal(emit(&l, seq++, 40, '-', "Killed process 129999 (task29999) "
	    "total-vm:4000kB, anon-rss:400kB, file-rss:0kB, shmem-rss:0kB", 93), 1);
	assert_int_equal(l.found[0].ev.victim_pid, 129999);
	assert_true(l.found[0].len <= 2 * KMSG_WINDOW_MAX + sizeof line + 120);
	assert_non_null(strstr(l.found[0].text, "task29998"));
	assert_null(strstr(l.found[0].text, "task0\n"));
	kmsg_log_free(&l);
}

/* The idle bound exactly: lines of 64 bytes ("[    0.000010] " is 15,
 * 48 of text, the newline); kept up to 2 * KMSG_IDLE_MAX, then cut at
 * the first line start past len - KMSG_IDLE_MAX. */
static void
test_window_exact(void **state)
{
	struct kmsg_log l;
	char line[64];
	uint64_t seq = 1;
	size_t lines = 2 * KMSG_IDLE_MAX / 64;

	(void)state;
	kmsg_log_init(&l);
	for (size_t i = 0; i < lines; i++) {
		snprintf(line, sizeof line, "noise %042zu", i);
		assert_int_equal(strlen(line), 48);
		emit(&l, seq++, 10, '-', line, 48);
	}
	/* 512 lines of 64 = 32768 = 2 * 16384: not cut yet */
	assert_int_equal(l.text.len, 2 * KMSG_IDLE_MAX);
	snprintf(line, sizeof line, "noise %042zu", lines);
	emit(&l, seq++, 10, '-', line, 48);
	/* 32832 - 16384 = 16448 is line 257's start (16448 / 64); the cut
	 * is after that line: 32832 - (16448 + 64) = 16320 kept */
	assert_int_equal(l.text.len, 16320);
	assert_int_equal(strncmp(l.text.p, "[    0.000010] noise 0", 22), 0);
	snprintf(line, sizeof line, "noise %042zu\n", (size_t)258);
	assert_int_equal(strncmp(l.text.p + 15, line, 49), 0);
	kmsg_log_free(&l);
	/* a log freed is empty and ready again */
	assert_int_equal(l.nfound, 0);
	assert_int_equal(l.records, 0);
	assert_int_equal(l.text.len, 0);
	assert_true(l.open_at == (size_t)-1);
	assert_false(l.have_seq);
}

/* A header that arrives split ('c' then '+', 3.5..4.8) opens the report
 * where its line starts, after the lines before it; a report of over
 * 2 * KMSG_WINDOW_MAX is cut from the front, still at a line start. */
static void
test_window_split_header(void **state)
{
	struct kmsg_log l;
	char line[160];
	uint64_t seq = 1;

	(void)state;
	kmsg_log_init(&l);
	emit(&l, seq++, 10, '-', "eth0: link up", 13);
	emit(&l, seq++, 10, '-', "eth1: link up", 13);
	emit(&l, seq++, 20, 'c', "a invoked oom-", 14);
	emit(&l, seq++, 20, '+', "killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
	    "oom_score_adj=0", 60);
	/* two lines of 29 before it */
	assert_int_equal(l.open_at, 58);
	for (int i = 0; i < 30000; i++) {
		int n = snprintf(line, sizeof line, "[%7d] %5d %5d %8d %8d %14d "
		    "%8d %13d task%d", 100000 + i, 0, 100000 + i, 1000, 100, 4096,
		    0, 0, i);
		size_t before = l.text.len;
		emit(&l, seq++, 30, '-', line, (size_t)n);
		/* each cut (four of them) is past the header: the window
		 * starts the report now */
		if (l.text.len < before)
			assert_int_equal(l.open_at, 0);
	}
	assert_true(l.text.len > KMSG_WINDOW_MAX);
	assert_int_equal(l.open_at, 0);
	assert_int_equal(emit(&l, seq++, 40, '-', "Killed process 129999 (task29999) "
	    "total-vm:4000kB, anon-rss:400kB, file-rss:0kB, shmem-rss:0kB", 93), 1);
	/* the kept part starts at a line, ends with the kill line */
	assert_int_equal(strncmp(l.found[0].text, "[    0.000030] [", 16), 0);
	assert_non_null(strstr(l.found[0].text, "task29998\n"));
	assert_null(strstr(l.found[0].text, "eth0"));
	assert_int_equal(l.found[0].ev.victim_pid, 129999);
	kmsg_log_free(&l);
}

/* Reports nobody takes: KMSG_FOUND_MAX are kept, the oldest goes. */
static void
test_found_bound(void **state)
{
	struct kmsg_log l;
	char line[128];

	(void)state;
	kmsg_log_init(&l);
	for (int i = 1; i <= KMSG_FOUND_MAX + 2; i++) {
		int n = snprintf(line, sizeof line, "Killed process %d (t%d) "
		    "total-vm:1kB, anon-rss:1kB, file-rss:0kB", 1000 + i, i);
		assert_int_equal(emit(&l, (uint64_t)i, (uint64_t)i * 1000000, '-',
		    line, (size_t)n), 1);
	}
	assert_int_equal(l.nfound, KMSG_FOUND_MAX);
	/* ids 1 and 2 went; 3..66 stay in order */
	assert_int_equal(l.found[0].ev.report_id, 3);
	assert_int_equal(l.found[0].ev.victim_pid, 1003);
	assert_int_equal(l.found[0].usec, 3000000);
	assert_int_equal(l.found[KMSG_FOUND_MAX - 1].ev.report_id, KMSG_FOUND_MAX + 2);
	assert_int_equal(l.found[KMSG_FOUND_MAX - 1].ev.victim_pid,
	    1000 + KMSG_FOUND_MAX + 2);
	assert_string_equal(l.found[KMSG_FOUND_MAX - 1].text,
	    "[   66.000000] Killed process 1066 (t66) total-vm:1kB, anon-rss:1kB, "
	    "file-rss:0kB\n");
	kmsg_log_free(&l);
	assert_int_equal(l.nfound, 0);
}

/* Which lines close a report: the kernel's "Killed process %d (%s)"
 * (mm/oom_kill.c), a pid from 1 to INT32_MAX in decimal. */
static void
test_kill_lines(void **state)
{
	struct kmsg_log l;
	static const struct {
		const char *text;
		int pid;	/* 0: closes nothing */
	} lines[] = {
		{ "Killed process 1 (init) total-vm:1kB", 1 },
		{ "Killed process 9 (a)", 9 },
		{ "Killed process 90 (a)", 90 },
		{ "Killed process 2147483647 (a)", 2147483647 },
		{ "Killed process 010 (a)", 10 },	/* decimal, not octal */
		{ "Killed process 0 (swapper)", 0 },
		{ "Killed process 2147483648 (a)", 0 },
		{ "Killed process 99999999999999999999 (a)", 0 },
		{ "Killed process -5 (a)", 0 },
		{ "Killed process +5 (a)", 0 },
		{ "Killed process  5 (a)", 0 },
		{ "Killed process:12 (a)", 0 },
		{ "Killed process ", 0 },
		{ "Killed process", 0 },
		{ "Killed  process 5 (a)", 0 },
	};

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(lines); i++) {
		int rc;

		kmsg_log_init(&l);
		rc = emit(&l, 1, 999999, '-', lines[i].text, strlen(lines[i].text));
		if (rc != (lines[i].pid != 0))
			fail_msg("\"%s\": %d", lines[i].text, rc);
		if (lines[i].pid != 0) {
			assert_int_equal(l.found[0].ev.victim_pid, lines[i].pid);
			/* 999999 us is 0.999999 s */
			assert_int_equal(strncmp(l.found[0].text, "[    0.999999] Killed", 21), 0);
			assert_int_equal(l.found[0].usec, 999999);
		} else
			assert_int_equal(l.nfound, 0);
		kmsg_log_free(&l);
	}

	/* a kill line split in two ('c' then '+') alone in the window: its
	 * report is that one line, from its start */
	kmsg_log_init(&l);
	assert_int_equal(emit(&l, 1, 400, 'c', "Killed process 77 (x) total-vm:1kB,", 35), 0);
	assert_int_equal(emit(&l, 2, 400, '+', " anon-rss:1kB, file-rss:0kB", 27), 1);
	assert_string_equal(l.found[0].text, "[    0.000400] Killed process 77 (x) "
	    "total-vm:1kB, anon-rss:1kB, file-rss:0kB\n");
	assert_int_equal(l.found[0].ev.victim_pid, 77);
	assert_int_equal(l.found[0].usec, 400);
	/* " invoked oom-killer: " with its blanks opens a report */
	assert_int_equal(emit(&l, 3, 500, '-', "x invoked oom-killer:gfp_mask=0x0", 33), 0);
	assert_true(l.open_at == (size_t)-1);
	assert_int_equal(emit(&l, 4, 500, '-', "x invoked oom-killer: gfp_mask=0x0", 34), 0);
	assert_int_equal(l.open_at, 0);
	kmsg_log_free(&l);
}

/* What a kill line's report holds: from the open header; else the 5.0+
 * "oom-kill:" summary line just before it; else the kill line alone.
 * After it closes, nothing is open and the window is empty. */
static void
test_report_extent(void **state)
{
	struct kmsg_log l;
	static const char kill[] = "Killed process 5 (a) total-vm:1kB";
	static const char sum[] = "oom-kill:constraint=CONSTRAINT_NONE,task=a,pid=5,uid=0";

	(void)state;
	kmsg_log_init(&l);
	/* five lines of 30 ("[    0.000001] " 15, 14 of text, '\n') and no
	 * summary: the kill line alone */
	for (int i = 0; i < 5; i++)
		emit(&l, (uint64_t)i + 1, 1, '-', "eth0: link up.", 14);
	emit(&l, 6, 1, '-', "oom-kill event", 14);
	assert_int_equal(emit(&l, 7, 12345678901ull, '-', kill, sizeof kill - 1), 1);
	assert_string_equal(l.found[0].text,
	    "[12345.678901] Killed process 5 (a) total-vm:1kB\n");
	assert_int_equal(l.found[0].len, 49);
	assert_int_equal(l.found[0].usec, 12345678901ull);
	assert_true(l.open_at == (size_t)-1);
	assert_int_equal(l.text.len, 0);
	assert_string_equal(l.text.p, "");

	/* with the summary before it: both lines, and len says so */
	emit(&l, 8, 2000000, '-', "eth0: link up.", 14);
	emit(&l, 9, 2000000, '-', sum, sizeof sum - 1);
	assert_int_equal(emit(&l, 10, 2000000, '-', kill, sizeof kill - 1), 1);
	assert_string_equal(l.found[1].text,
	    "[    2.000000] oom-kill:constraint=CONSTRAINT_NONE,task=a,pid=5,uid=0\n"
	    "[    2.000000] Killed process 5 (a) total-vm:1kB\n");
	assert_int_equal(l.found[1].len, strlen(l.found[1].text));

	/* a whole report closes; a kill line after it is alone again */
	emit(&l, 11, 3000000, '-', "a invoked oom-killer: gfp_mask=0x0", 34);
	assert_int_equal(l.open_at, 0);
	assert_int_equal(emit(&l, 12, 3000000, '-', kill, sizeof kill - 1), 1);
	assert_true(l.open_at == (size_t)-1);
	assert_int_equal(strncmp(l.found[2].text, "[    3.000000] a invoked", 24), 0);
	emit(&l, 13, 4000000, '-', "eth0: link up.", 14);
	assert_int_equal(emit(&l, 14, 4000000, '-', kill, sizeof kill - 1), 1);
	assert_string_equal(l.found[3].text,
	    "[    4.000000] Killed process 5 (a) total-vm:1kB\n");
	assert_int_equal(l.found[3].ev.report_id, 4);
	kmsg_log_free(&l);
}

/* Lines of records: an empty record is an empty line; a trailing
 * newline ends the last line, no empty one after it; a '+' record
 * finishes the last line and may start more; a '+' with nothing before
 * it is a line of its own. */
static void
test_record_lines(void **state)
{
	struct kmsg_log l;

	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(emit(&l, 1, 1, '+', "orphan", 6), 0);
	assert_string_equal(l.text.p, "[    0.000001] orphan\n");
	assert_int_equal(emit(&l, 2, 2, '-', "", 0), 0);
	assert_int_equal(emit(&l, 3, 3, '-', "two\nlines\n", 10), 0);
	assert_int_equal(emit(&l, 4, 4, 'c', "head ", 5), 0);
	assert_int_equal(emit(&l, 5, 4, '+', "tail\nnext line", 14), 0);
	assert_string_equal(l.text.p,
	    "[    0.000001] orphan\n"
	    "[    0.000002] \n"
	    "[    0.000003] two\n"
	    "[    0.000003] lines\n"
	    "[    0.000004] head tail\n"
	    "[    0.000004] next line\n");
	assert_int_equal(l.records, 5);
	assert_int_equal(l.lost, 0);
	kmsg_log_free(&l);

	/* one line that is both a header and a kill line closes a report of
	 * itself, its time read back */
	kmsg_log_init(&l);
	emit(&l, 1, 1, '-', "eth0: link up.", 14);
	assert_int_equal(emit(&l, 2, 12345000001ull, '-', "x invoked oom-killer: "
	    "Killed process 5 (a)", 42), 1);
	assert_string_equal(l.found[0].text, "[12345.000001] x invoked oom-killer: "
	    "Killed process 5 (a)\n");
	assert_int_equal(l.found[0].usec, 12345000001ull);
	kmsg_log_free(&l);

	/* a header drops the lines before it, moving the rest with its NUL
	 * and no byte more: 26 + 229 = 255 bytes fill the window's first
	 * 256 (a line is "[    0.000001] ", its text, '\n') */
	{
		char h[214];
		memset(h, 'y', sizeof h - 1);
		memcpy(h, "x invoked oom-killer: ", 22);
		h[sizeof h - 1] = '\0';
		kmsg_log_init(&l);
		emit(&l, 1, 1, '-', "eth0: link", 10);
		emit(&l, 2, 1, '-', h, 213);
		assert_int_equal(l.open_at, 0);
		assert_int_equal(l.text.len, 229);
		assert_int_equal(strncmp(l.text.p, "[    0.000001] x invoked", 24), 0);
		kmsg_log_free(&l);
	}
	/* an idle line longer than twice the bound leaves nothing: the
	 * only line start past len - KMSG_IDLE_MAX is the end */
	{
		char *big = xmalloc(2 * KMSG_IDLE_MAX + 10);
		memset(big, 'z', 2 * KMSG_IDLE_MAX + 10);
		kmsg_log_init(&l);
		emit(&l, 1, 1, '-', "eth0: link", 10);
		emit(&l, 2, 1, '-', big, 2 * KMSG_IDLE_MAX + 10);
		assert_int_equal(l.text.len, 0);
		free(big);
		kmsg_log_free(&l);
	}
}

/* kmsg_decode gives where the report starts in the text it was handed:
 * the header's line, after lines that are not the report's. */
static void
test_decode_start(void **state)
{
	static const char text[] =
	    "[    1.000000] eth0: link up\n"
	    "[    1.000001] eth1: up\n"
	    "[    2.000000] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
	    "order=0, oom_score_adj=0\n"
	    "[    2.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n";
	struct zt_event e;
	size_t start = 99;

	(void)state;
	kmsg_decode(text, sizeof text - 1, 5, &e, &start);
	/* 29 + 24 */
	assert_int_equal(start, 53);
	assert_int_equal(e.victim_pid, 5);
	assert_string_equal(e.victim_comm, "a");
	assert_string_equal(e.gfp, "GFP_KERNEL");
	assert_int_equal(e.order, 0);
	/* no report in it: from the start, nothing decoded */
	start = 99;
	kmsg_decode(text, 53, 5, &e, &start);
	assert_int_equal(start, 0);
	assert_int_equal(e.victim_pid, 5);
	assert_string_equal(e.victim_comm, "");
	assert_false(zt_have(e.victim_score));
	assert_false(zt_have(e.order));
	assert_int_equal(e.count, 1);
	assert_int_equal(e.kind, ZT_EV_OOM_KILL);
	assert_string_equal(e.detail, "");
	/* the weightiest verdict, as explain.c words it */
	kmsg_decode(text, sizeof text - 1, 5, &e, &start);
	assert_string_equal(e.detail, "An order-0 GFP_KERNEL allocation by a "
	    "failed and invoked the OOM killer.");
}

/* SysRq-f (order -1 since 4.6), a page fault (gfp_mask=0) and an OOM
 * kill asked for by kernel code (gfp_mask=0 with a trace that proves
 * out_of_memory() had a caller other than the page-fault path: 6.16's
 * bpf_out_of_memory, explain's EX_CAUSE_CALL) are named for what they
 * are, not by their flags nor as an empty request. */
static void
test_decode_cause(void **state)
{
	static const char sysrq[] =
	    "[    2.000000] kworker/0:1 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
	    "order=-1, oom_score_adj=0\n"
	    "[    2.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n";
	static const char fault[] =
	    "[    2.000000] a invoked oom-killer: gfp_mask=0x0(), "
	    "order=0, oom_score_adj=0\n"
	    "[    2.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n";
	static const char call[] =
	    "[    2.000000] kworker/u17:0 invoked oom-killer: gfp_mask=0x0(), "
	    "order=0, oom_score_adj=0\n"
	    "[    2.000000] Call Trace:\n"
	    "[    2.000000]  dump_header+0x5c/0x3d5\n"
	    "[    2.000000]  out_of_memory+0x1ea/0x260\n"
	    "[    2.000000]  bpf_out_of_memory+0x4b/0x90\n"
	    "[    2.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n";
	struct zt_event e;
	size_t start;

	(void)state;
	kmsg_decode(sysrq, sizeof sysrq - 1, 5, &e, &start);
	assert_string_equal(e.gfp, "sysrq");
	assert_int_equal(e.order, -1);
	/* "Out of memory:" is the global OOM's kill line (memcg: "Memory
	 * cgroup out of memory:") */
	assert_string_equal(zt_constraint_name(e.constraint), "global");
	kmsg_decode(fault, sizeof fault - 1, 5, &e, &start);
	assert_string_equal(e.gfp, "page fault");
	assert_int_equal(e.order, 0);
	kmsg_decode(call, sizeof call - 1, 5, &e, &start);
	assert_string_equal(e.gfp, "kernel call");
	assert_int_equal(e.order, 0);
}

/* Two reports in one text: the one that killed the victim is decoded;
 * a victim neither killed gets the last report's request. */
static void
test_decode_pick(void **state)
{
	static const char text[] =
	    "[    2.000000] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
	    "order=1, oom_score_adj=0\n"
	    "[    2.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n"
	    "[    3.000000] b invoked oom-killer: gfp_mask=0x140dca("
	    "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0\n"
	    "[    3.000001] Out of memory: Killed process 6 (b) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n";
	struct zt_event e;
	size_t start;

	(void)state;
	kmsg_decode(text, sizeof text - 1, 5, &e, &start);
	assert_int_equal(start, 0);
	assert_string_equal(e.victim_comm, "a");
	assert_string_equal(e.gfp, "GFP_KERNEL");
	assert_int_equal(e.order, 1);
	kmsg_decode(text, sizeof text - 1, 6, &e, &start);
	assert_string_equal(e.victim_comm, "b");
	assert_string_equal(e.gfp, "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
	assert_int_equal(e.order, 0);
	/* the first report's two lines: 90 + 107 */
	assert_int_equal(start, 197);
	kmsg_decode(text, sizeof text - 1, 7, &e, &start);
	assert_string_equal(e.victim_comm, "");
	assert_string_equal(e.gfp, "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
	assert_int_equal(start, 197);
	/* a pid killed twice (reused): the later report is the one */
	{
		static const char twice[] =
		    "[    2.000000] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
		    "order=1, oom_score_adj=0\n"
		    "[    2.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
		    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n"
		    "[    3.000000] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
		    "order=2, oom_score_adj=0\n"
		    "[    3.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
		    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n";
		kmsg_decode(twice, sizeof twice - 1, 5, &e, &start);
		assert_int_equal(e.order, 2);
		assert_int_equal(start, 197);
	}
	/* an allocation failure after the OOM report is not an OOM kill:
	 * the last OOM report is still the one */
	{
		static const char two[] =
		    "[    2.000000] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
		    "order=1, oom_score_adj=0\n"
		    "[    2.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
		    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n"
		    "[    4.000000] c: page allocation failure: order:3, "
		    "mode:0x820(GFP_ATOMIC), nodemask=(null)\n";
		kmsg_decode(two, sizeof two - 1, 9, &e, &start);
		assert_string_equal(e.gfp, "GFP_KERNEL");
		assert_int_equal(e.order, 1);
		assert_int_equal(start, 0);
	}
}

/* A verdict longer than the event's detail is cut at its first ": ",
 * not in the middle of a word: the seed report with four more flags in
 * its mask (0x400 __GFP_REPEAT, 0x800 __GFP_NOFAIL, 0x1000
 * __GFP_NORETRY, 0x10000 __GFP_NOMEMALLOC in 4.4's layout,
 * include/linux/gfp.h) makes its first verdict line too long. */
static void
test_detail_cut(void **state)
{
	size_t len, start;
	char *text = fixture("oom/seed-4.4-kvm-balloon.txt", &len);
	struct zt_event e;
	char *p;

	(void)state;
	while ((p = memmem(text, len, "gfp_mask=0x24002c2", 18)) != NULL)
		memcpy(p, "gfp_mask=0x2411ec2", 18);
	kmsg_decode(text, len, 3841, &e, &start);
	assert_non_null(strstr(e.gfp, "__GFP_REPEAT"));
	assert_non_null(strstr(e.gfp, "__GFP_NORETRY"));
	assert_string_equal(e.detail, "An order-0 GFP_KERNEL|__GFP_HIGHMEM|"
	    "__GFP_NOWARN|__GFP_REPEAT|__GFP_NOFAIL|__GFP_NORETRY|"
	    "__GFP_NOMEMALLOC allocation by memcheck-amd64- (pid 3841) "
	    "failed and invoked the OOM killer");
	free(text);

	/* 0x400 __GFP_REPEAT, 0x800 __GFP_NOFAIL, 0x2000 __GFP_MEMALLOC,
	 * 0x40000 __GFP_THISNODE more: the verdict is 240 bytes, one more
	 * than the detail holds, and is cut at its ": " too */
	text = fixture("oom/seed-4.4-kvm-balloon.txt", &len);
	while ((p = memmem(text, len, "gfp_mask=0x24002c2", 18)) != NULL)
		memcpy(p, "gfp_mask=0x2442ec2", 18);
	kmsg_decode(text, len, 3841, &e, &start);
	assert_string_equal(e.detail, "An order-0 GFP_KERNEL|__GFP_HIGHMEM|"
	    "__GFP_NOWARN|__GFP_REPEAT|__GFP_NOFAIL|__GFP_MEMALLOC|"
	    "__GFP_THISNODE allocation by memcheck-amd64- (pid 3841) "
	    "failed and invoked the OOM killer");
	free(text);
}

/* An event's line, part by part. */
static void
test_event_text(void **state)
{
	struct zt_event e;

	(void)state;
	/* no report and no guess: counted by vmstat alone */
	memset(&e, 0, sizeof e);
	e.kind = ZT_EV_OOM_KILL;
	e.count = 2;
	kmsg_event_text(&e, true, "");
	assert_string_equal(e.text, "2 OOM kills (vmstat oom_kill); victim unknown: "
	    "no candidate vanished");
	kmsg_event_text(&e, false, "denied");
	assert_string_equal(e.text, "2 OOM kills (vmstat oom_kill); victim unknown: "
	    "processes not read; kernel log: denied");
	/* pid 1 is a pid; a why of one character is said */
	e.count = 1;
	e.victim_pid = 1;
	e.victim_guessed = true;
	e.report_id = 3;
	e.victim_rank = 2;
	strlcpy0(e.victim_comm, "init", sizeof e.victim_comm);
	kmsg_event_text(&e, true, "?");
	assert_string_equal(e.text, "1 OOM kill (vmstat oom_kill); victim guessed: "
	    "pid 1 (init) vanished, rank 2, not the predicted victim; kernel log: ?");

	/* from a report: a one-character comm, the root memcg, a limit
	 * unknown, no flags but an order */
	memset(&e, 0, sizeof e);
	e.kind = ZT_EV_OOM_KILL;
	e.count = 1;
	e.report_id = 1;
	e.victim_pid = 5;
	e.victim_score = e.victim_rss_kb = e.memcg_limit_kb = ZT_NA;
	e.order = 0;
	strlcpy0(e.victim_comm, "a", sizeof e.victim_comm);
	e.constraint = ZT_CON_MEMCG;
	strlcpy0(e.memcg, "/", sizeof e.memcg);
	kmsg_event_text(&e, false, NULL);
	assert_string_equal(e.text, "OOM kill of a (pid 5): memcg OOM in /");
	/* SysRq-f's order -1 is no order; flags without an order */
	e.constraint = ZT_CON_GLOBAL;
	e.order = -1;
	strlcpy0(e.gfp, "sysrq", sizeof e.gfp);
	kmsg_event_text(&e, false, NULL);
	assert_string_equal(e.text, "OOM kill of a (pid 5): global OOM, sysrq");
	e.order = ZT_NA;
	strlcpy0(e.gfp, "GFP_KERNEL", sizeof e.gfp);
	kmsg_event_text(&e, false, NULL);
	assert_string_equal(e.text, "OOM kill of a (pid 5): global OOM, GFP_KERNEL");
	e.order = 3;
	kmsg_event_text(&e, false, NULL);
	assert_string_equal(e.text, "OOM kill of a (pid 5): global OOM, order-3 GFP_KERNEL");
	/* ranked: not among the processes; the global scope is not said */
	strlcpy0(e.scope, "global", sizeof e.scope);
	kmsg_event_text(&e, true, NULL);
	assert_string_equal(e.text, "OOM kill of a (pid 5): global OOM, order-3 "
	    "GFP_KERNEL; not among the last sample's processes");
	/* ranked in a cgroup's own ranking ("/" one character) */
	e.gfp[0] = '\0';
	e.constraint = ZT_CON_MEMCG;
	e.victim_predicted = true;
	strlcpy0(e.scope, "/", sizeof e.scope);
	kmsg_event_text(&e, false, NULL);
	assert_string_equal(e.text, "OOM kill of a (pid 5): memcg OOM in /; the "
	    "cgroup's predicted victim (scope /)");
	e.victim_predicted = false;
	strlcpy0(e.scope, "/b", sizeof e.scope);
	kmsg_event_text(&e, true, NULL);
	assert_string_equal(e.text, "OOM kill of a (pid 5): memcg OOM in /; not the "
	    "predicted victim (scope /b)");
}

/* The line is cut to the 239 bytes text holds, on a character boundary,
 * and nothing after text is touched. */
static void
test_event_text_cut(void **state)
{
	struct zt_event e;
	char why[160];

	(void)state;
	/* "1 OOM kill (vmstat oom_kill); victim guessed: pid 5 (a) vanished,
	 * rank 2, not the predicted victim; kernel log: " is 112 bytes: a
	 * why of 128 makes 240, one more than fits */
	memset(&e, 0, sizeof e);
	e.kind = ZT_EV_OOM_KILL;
	e.count = 1;
	e.victim_pid = 5;
	e.victim_rank = 2;
	e.victim_guessed = true;
	strlcpy0(e.victim_comm, "a", sizeof e.victim_comm);
	memset(why, 'w', 128);
	why[128] = '\0';
	kmsg_event_text(&e, true, why);
	assert_int_equal(strlen(e.text), 239);
	assert_int_equal(strncmp(e.text, "1 OOM kill (vmstat oom_kill); victim guessed: "
	    "pid 5 (a) vanished, rank 2, not the predicted victim; kernel log: www", 115), 0);
	assert_true(e.victim_guessed);
	assert_string_equal(e.victim_comm, "a");

	/* "OOM kill of a (pid 5): memcg OOM in " 36 + 100 + "; the cgroup's
	 * predicted victim" 31 + " (scope " 8 = 175: the scope's bytes 63
	 * and 64 are 238 and 239, an e-acute (c3 a9) that does not fit */
	memset(&e, 0, sizeof e);
	e.kind = ZT_EV_OOM_KILL;
	e.count = 1;
	e.report_id = 1;
	e.victim_pid = 5;
	e.victim_score = e.victim_rss_kb = e.memcg_limit_kb = e.order = ZT_NA;
	e.constraint = ZT_CON_MEMCG;
	e.victim_predicted = true;
	strlcpy0(e.victim_comm, "a", sizeof e.victim_comm);
	memset(e.memcg, 'm', 100);
	memset(e.scope, 's', 100);
	memcpy(e.scope + 63, "\xc3\xa9", 2);
	kmsg_event_text(&e, false, NULL);
	assert_int_equal(strlen(e.text), 238);
	assert_int_equal(strncmp(e.text + 175, "sssss", 5), 0);
	assert_int_equal(e.text[237], 's');
	assert_false(e.victim_guessed);
	assert_string_equal(e.victim_comm, "a");
}

/* ---- reports kept by snapshots ---- */

static void
add_report(struct zt_snapshot *s, int id, size_t len)
{
	struct zt_event *e;

	s->events = xreallocarray(s->events, (size_t)s->nevents + 1, sizeof *e);
	e = &s->events[s->nevents++];
	memset(e, 0, sizeof *e);
	e->kind = ZT_EV_OOM_KILL;
	e->report_id = id;
	s->reports = xreallocarray(s->reports, (size_t)s->nreports + 1,
	    sizeof *s->reports);
	s->reports[s->nreports].id = id;
	s->reports[s->nreports].len = len;
	s->reports[s->nreports].text = xmalloc(len + 1);
	memset(s->reports[s->nreports].text, 'a' + id % 26, len);
	s->reports[s->nreports].text[len] = '\0';
	s->reports[s->nreports].explained = NULL;
	snapshot_report_own(&s->reports[s->nreports]);
	s->nreports++;
}

static void
test_carry(void **state)
{
	struct zt_snapshot prev, cur;

	(void)state;
	snapshot_init(&prev);
	snapshot_init(&cur);
	for (int id = 1; id <= 10; id++)
		add_report(&prev, id, 100);
	/* cur names reports 3..10 (its events came over from prev), and has
	 * 9 new ones */
	for (int i = 2; i < prev.nevents; i++) {
		cur.events = xreallocarray(cur.events, (size_t)cur.nevents + 1,
		    sizeof *cur.events);
		cur.events[cur.nevents++] = prev.events[i];
	}
	for (int id = 11; id <= 19; id++)
		add_report(&cur, id, 100);
	kmsg_reports_carry(&cur, &prev);
	/* 8 carried + 9 new = 17: the newest 16, ids 4..19 */
	assert_int_equal(cur.nreports, ZT_REPORTS_MAX);
	assert_int_equal(cur.reports[0].id, 4);
	assert_int_equal(cur.reports[15].id, 19);
	/* prev's memory, shared: one copy however many samples hold it */
	assert_ptr_equal(cur.reports[0].text, prev.reports[3].text);
	assert_int_equal(*cur.reports[0].refs, 2);
	assert_int_equal(*cur.reports[15].refs, 1);
	assert_null(kmsg_report(&cur, 1));
	assert_null(kmsg_report(&cur, 3));
	snapshot_free(&prev);
	snapshot_free(&cur);

	/* the byte bound: two of 3 MiB do not both fit in 4 */
	snapshot_init(&cur);
	add_report(&cur, 1, 3u << 20);
	add_report(&cur, 2, 3u << 20);
	kmsg_reports_carry(&cur, NULL);
	assert_int_equal(cur.nreports, 1);
	assert_int_equal(cur.reports[0].id, 2);
	snapshot_free(&cur);
}

/* kmsg_log_take: an event's time from its kill line's kernel time
 * through when_of, the sample's time when that is 0 (unknown). */
static void
when_boot_1000(uint64_t usec, struct timespec *ts, void *arg)
{
	(void)arg;
	ts->tv_sec = (time_t)(1000 + usec / 1000000);
	ts->tv_nsec = (long)(usec % 1000000) * 1000;
}

static void
test_take_when(void **state)
{
	struct kmsg_log l;
	struct zt_snapshot s;
	static const uint64_t usecs[] = { 0, 1, 5000000 };

	(void)state;
	kmsg_log_init(&l);
	for (int i = 0; i < 3; i++)
		assert_int_equal(emit(&l, (uint64_t)i + 1, usecs[i], '-', "Killed "
		    "process 7 (a) total-vm:1kB", 33), 1);
	snapshot_init(&s);
	s.when.tv_sec = 1700000000;
	kmsg_log_take(&l, &s, when_boot_1000, NULL);
	assert_int_equal(s.nevents, 3);
	assert_int_equal(s.nreports, 3);
	assert_int_equal(l.nfound, 0);
	assert_int_equal(s.events[0].when.tv_sec, 1700000000);
	assert_int_equal(s.events[1].when.tv_sec, 1000);
	assert_int_equal(s.events[1].when.tv_nsec, 1000);
	assert_int_equal(s.events[2].when.tv_sec, 1005);
	assert_int_equal(s.reports[2].id, 3);
	assert_string_equal(s.reports[2].text, "[    5.000000] Killed process 7 (a) "
	    "total-vm:1kB\n");
	/* nothing found: nothing added */
	kmsg_log_take(&l, &s, when_boot_1000, NULL);
	assert_int_equal(s.nevents, 3);
	kmsg_log_free(&l);
	snapshot_free(&s);
}

/* Carried reports: only those a kept event names; the byte bound is
 * inclusive (two of 2 MiB fill 4 MiB exactly). */
static void
test_carry_named(void **state)
{
	struct zt_snapshot prev, cur;

	(void)state;
	snapshot_init(&prev);
	snapshot_init(&cur);
	for (int id = 1; id <= 3; id++)
		add_report(&prev, id, 10);
	cur.events = xcalloc(1, sizeof *cur.events);
	cur.events[0] = prev.events[2];
	cur.nevents = 1;
	add_report(&cur, 4, 10);
	kmsg_reports_carry(&cur, &prev);
	assert_int_equal(cur.nreports, 2);
	assert_int_equal(cur.reports[0].id, 3);
	assert_int_equal(cur.reports[1].id, 4);
	snapshot_free(&prev);
	snapshot_free(&cur);

	snapshot_init(&cur);
	add_report(&cur, 1, 1u << 20);
	add_report(&cur, 2, 2u << 20);
	add_report(&cur, 3, 2u << 20);
	/* the dropped one's explanation goes with it (LSan sees a leak) */
	cur.reports[0].explained = xstrdup("{}");
	kmsg_reports_carry(&cur, NULL);
	assert_int_equal(ZT_REPORTS_BYTES, 4u << 20);
	assert_int_equal(cur.nreports, 2);
	assert_int_equal(cur.reports[0].id, 2);
	assert_int_equal(cur.reports[1].id, 3);
	snapshot_free(&cur);
}

/* Which report of a kept text kmsg_explain_json and kmsg_explain read:
 * the OOM report that killed the event's victim, else the last OOM
 * report; an allocation failure is none; no report at all is said. */
static void
test_explain_pick(void **state)
{
	static char text[] =
	    "[    2.000000] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
	    "order=1, oom_score_adj=0\n"
	    "[    2.000001] Out of memory: Killed process 5 (a) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n"
	    "[    3.000000] b invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
	    "order=2, oom_score_adj=0\n"
	    "[    3.000001] Out of memory: Killed process 6 (b) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n"
	    "[    4.000000] c: page allocation failure: order:3, "
	    "mode:0x820(GFP_ATOMIC), nodemask=(null)\n";
	static char alloc[] =
	    "[    4.000000] c: page allocation failure: order:3, "
	    "mode:0x820(GFP_ATOMIC), nodemask=(null)\n";
	struct zt_report r = { .id = 1, .len = sizeof text - 1, .text = text };
	struct zt_event e = { .kind = ZT_EV_OOM_KILL, .report_id = 1 };
	struct zt_snapshot s = { .events = &e, .nevents = 1, .reports = &r,
	    .nreports = 1 };
	static const struct {
		int victim;
		int64_t order;	/* of the report read */
	} want[] = { { 5, 1 }, { 6, 2 }, { 9, 2 } };
	struct zt_buf b = { 0 };
	json_t *j;

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(want); i++) {
		e.victim_pid = want[i].victim;
		j = kmsg_explain_json(&s, &e);
		assert_non_null(j);
		assert_string_equal(json_string_value(json_object_get(j, "kind")), "oom");
		assert_int_equal(json_integer_value(json_object_get(j, "order")),
		    want[i].order);
		json_decref(j);
	}
	/* the text: the one report picked, from its line */
	e.victim_pid = 6;
	assert_int_equal(kmsg_explain(&s, &e, &b), 0);
	assert_int_equal(strncmp(b.p, "OOM report 1 of 1, input line 3 (3.000000)\n",
	    43), 0);
	buf_clear(&b);
	e.victim_pid = 5;
	assert_int_equal(kmsg_explain(&s, &e, &b), 0);
	assert_int_equal(strncmp(b.p, "OOM report 1 of 1, input line 1 (2.000000)\n",
	    43), 0);
	buf_clear(&b);
	/* an event whose report is gone, or never was */
	e.report_id = 2;
	assert_null(kmsg_explain_json(&s, &e));
	assert_int_equal(kmsg_explain(&s, &e, &b), -1);
	assert_string_equal(b.p, "The kernel report of this event is no longer kept.\n");
	e.report_id = 0;
	assert_null(kmsg_explain_json(&s, &e));
	buf_clear(&b);
	assert_int_equal(kmsg_explain(&s, &e, &b), -1);
	assert_string_equal(b.p, "No kernel report for this event: the kernel log was "
	    "not read or had none, so its victim is a guess.\n");
	/* a text with no OOM report in it: its lines, escaped */
	e.report_id = 1;
	r.text = alloc;
	r.len = sizeof alloc - 1;
	assert_null(kmsg_explain_json(&s, &e));
	buf_clear(&b);
	assert_int_equal(kmsg_explain(&s, &e, &b), 0);
	assert_string_equal(b.p, "The kernel logged only this of the kill:\n"
	    "[    4.000000] c: page allocation failure: order:3, "
	    "mode:0x820(GFP_ATOMIC), nodemask=(null)\n");
	buf_free(&b);
}

/* ---- derive: reports against vmstat ---- */

/* A sample with processes (pid, rank) and vmstat's oom_kill. */
static void
sample(struct zt_snapshot *s, double mono, int64_t kills, const int *pids,
    int n, bool kmsg_ok)
{
	snapshot_init(s);
	s->when.tv_sec = (time_t)(1700000000 + mono);
	s->mono = mono;
	kvs_set(&s->vmstat, "oom_kill", kills);
	status_set(s, ZT_SRC_VMSTAT, true, NULL);
	status_set(s, ZT_SRC_PROCS, true, NULL);
	s->kmsg.ok = kmsg_ok;
	strlcpy0(s->kmsg.why, kmsg_ok ? "" : "/dev/kmsg: permission denied",
	    sizeof s->kmsg.why);
	s->procs = xcalloc((size_t)(n ? n : 1), sizeof *s->procs);
	s->nprocs = n;
	for (int i = 0; i < n; i++) {
		s->procs[i].pid = pids[i];
		s->procs[i].rank = i + 1;
		s->procs[i].killable = true;
		s->procs[i].start_time = (uint64_t)pids[i];
		snprintf(s->procs[i].comm, sizeof s->procs[i].comm, "p%d", pids[i]);
	}
	s->predicted_victim = n ? pids[0] : 0;
}

/* A report of the kernel's, as kmsg_log_take leaves it in a sample. */
static void
kernel_report(struct zt_snapshot *s, int pid, int id)
{
	char kill[128];
	size_t start;
	struct zt_event e;

	snprintf(kill, sizeof kill, "[  10.000000] Out of memory: Killed process "
	    "%d (p%d) total-vm:100kB, anon-rss:80kB, file-rss:0kB, shmem-rss:0kB\n",
	    pid, pid);
	kmsg_decode(kill, strlen(kill), pid, &e, &start);
	e.report_id = id;
	e.when = s->when;
	s->events = xreallocarray(s->events, (size_t)s->nevents + 1, sizeof e);
	s->events[s->nevents++] = e;
	s->reports = xreallocarray(s->reports, (size_t)s->nreports + 1,
	    sizeof *s->reports);
	s->reports[s->nreports].id = id;
	s->reports[s->nreports].text = xstrdup(kill + start);
	s->reports[s->nreports].len = strlen(kill + start);
	s->reports[s->nreports].explained = NULL;
	s->reports[s->nreports].refs = NULL;	/* its own: carried as a copy */
	s->nreports++;
}

static int
oom_events(const struct zt_snapshot *s, int64_t *count)
{
	int n = 0;

	*count = 0;
	for (int i = 0; i < s->nevents; i++)
		if (s->events[i].kind == ZT_EV_OOM_KILL) {
			n++;
			*count += s->events[i].count;
		}
	return n;
}

static void
test_derive_without_log(void **state)
{
	static const int before[] = { 100, 200, 300 }, after[] = { 200, 300 };
	struct zt_snapshot a, b;
	const struct zt_event *e;

	(void)state;
	sample(&a, 1, 5, before, 3, false);
	derive_snapshot(&a, NULL);
	sample(&b, 2, 6, after, 2, false);
	derive_snapshot(&b, &a);
	assert_int_equal(b.nevents, 1);
	e = &b.events[0];
	assert_int_equal(e->kind, ZT_EV_OOM_KILL);
	assert_int_equal(e->count, 1);
	assert_true(e->victim_guessed);
	assert_int_equal(e->victim_pid, 100);
	assert_int_equal(e->victim_rank, 1);
	assert_true(e->victim_predicted);
	assert_int_equal(e->report_id, 0);
	assert_string_equal(e->text, "1 OOM kill (vmstat oom_kill); victim guessed: "
	    "pid 100 (p100) vanished, rank 1, the predicted victim; kernel log: not read "
	    "(/dev/kmsg: permission denied)");
	assert_false(b.oom_held.count > 0);
	{
		/* Enter on it: no report to explain, one line saying why */
		struct zt_buf x = { 0 };
		assert_int_equal(kmsg_explain(&b, e, &x), -1);
		assert_string_equal(x.p, "No kernel report for this event: the "
		    "kernel log was not read or had none, so its victim is a guess.\n");
		buf_free(&x);
	}
	snapshot_free(&a);
	snapshot_free(&b);
}

static void
test_derive_with_log(void **state)
{
	static const int p3[] = { 100, 200, 300 }, p2[] = { 200, 300 },
	    p1[] = { 300 };
	struct zt_snapshot a, b, c, d;
	int64_t count;

	(void)state;
	/* the report and its count in the same sample: one event, the
	 * kernel's, ranked in the sample before */
	sample(&a, 1, 5, p3, 3, true);
	derive_snapshot(&a, NULL);
	sample(&b, 2, 6, p2, 2, true);
	kernel_report(&b, 200, 1);
	derive_snapshot(&b, &a);
	assert_int_equal(oom_events(&b, &count), 1);
	assert_false(b.events[0].victim_guessed);
	assert_int_equal(b.events[0].victim_pid, 200);
	assert_int_equal(b.events[0].victim_rank, 2);
	assert_false(b.events[0].victim_predicted);
	/* 80 + 0 + 0 kB */
	assert_string_equal(b.events[0].text, "OOM kill of p200 (pid 200), RSS 80K: "
	    "global OOM; rank 2 in the last sample, not the predicted victim");
	assert_int_equal(b.nreports, 1);
	assert_int_equal(b.oom_held.count, 0);

	/* the count comes a sample before the report: held, not doubled */
	sample(&c, 3, 7, p1, 1, true);
	derive_snapshot(&c, &b);
	assert_int_equal(oom_events(&c, &count), 1);
	assert_int_equal(c.oom_held.count, 1);
	/* 200 was rank 1 in b and is gone from c */
	assert_int_equal(c.oom_held.victim_pid, 200);
	assert_int_equal(c.oom_held.victim_rank, 1);
	sample(&d, 4, 7, p1, 1, true);
	kernel_report(&d, 200, 2);
	derive_snapshot(&d, &c);
	assert_int_equal(oom_events(&d, &count), 2);
	assert_int_equal(count, 2);
	assert_int_equal(d.oom_held.count, 0);
	/* the rank is the held guess's, from b, the sample before the kill */
	assert_string_equal(d.events[1].text, "OOM kill of p200 (pid 200), RSS 80K: "
	    "global OOM; rank 1 in the last sample, the predicted victim");
	/* the reports both events name are kept, copied along */
	assert_int_equal(d.nreports, 2);
	assert_non_null(kmsg_report(&d, 1));
	snapshot_free(&a);
	snapshot_free(&b);

	/* a held count whose report never comes: a guess, one sample late */
	sample(&a, 5, 8, p1, 1, true);
	derive_snapshot(&a, &d);
	assert_int_equal(a.oom_held.count, 1);
	sample(&b, 6, 8, p1, 1, true);
	derive_snapshot(&b, &a);
	assert_int_equal(oom_events(&b, &count), 3);
	assert_int_equal(count, 3);
	assert_true(b.events[b.nevents - 1].victim_guessed);
	assert_non_null(strstr(b.events[b.nevents - 1].text,
	    "kernel log: no report of it arrived"));
	assert_int_equal(b.oom_held.count, 0);
	snapshot_free(&a);
	snapshot_free(&b);
	snapshot_free(&c);
	snapshot_free(&d);
}

/* ---- JSON ---- */

static void
test_json(void **state)
{
	struct kmsg_log l;
	struct zt_snapshot s, back;
	struct out_opts all = { .top = -1 };
	json_t *j, *j2, *ev, *x;
	char why[128];

	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(feed_report(&l, "oom/oom-4.4-memcg-docker-1.txt", SH_LINE), 1);
	snapshot_init(&s);
	s.when.tv_sec = 1700000000;
	s.kmsg.ok = true;
	s.kmsg.why[0] = '\0';
	kmsg_log_take(&l, &s, NULL, NULL);
	derive_snapshot(&s, NULL);

	j = json_snapshot(&s, &all);
	ev = json_array_get(json_object_get(j, "events"), 0);
	assert_string_equal(json_string_value(json_object_get(ev, "kind")), "oom_kill");
	assert_int_equal(json_integer_value(json_object_get(ev, "victim_pid")), 11344);
	assert_string_equal(json_string_value(json_object_get(ev, "constraint")), "memcg");
	assert_int_equal(json_integer_value(json_object_get(ev, "memcg_limit_kb")), 204800);
	assert_true(json_is_false(json_object_get(ev, "victim_guessed")));
	assert_string_equal(json_string_value(json_object_get(ev, "report")),
	    s.reports[0].text);
	x = json_object_get(ev, "explanation");
	assert_string_equal(json_string_value(json_object_get(x, "constraint")), "memcg");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(x, "victim"),
	    "pid")), 11344);
	assert_true(json_is_true(json_object_get(json_object_get(j, "kernel_log"), "read")));

	/* read back: the same JSON, the report kept for the explanation */
	assert_int_equal(json_in(j, &back, why, sizeof why), 0);
	assert_int_equal(back.nreports, 1);
	assert_string_equal(back.reports[0].text, s.reports[0].text);
	j2 = json_snapshot(&back, &all);
	assert_true(json_equal(j, j2));
	json_decref(j);
	json_decref(j2);
	snapshot_free(&back);
	snapshot_free(&s);
	kmsg_log_free(&l);
}

/* ---- rf: the kill of a process whose main thread exited ---- */

/*
 * __oom_kill_process() names in its kill line the thread that
 * find_lock_task_mm() found the mm in: for a leader that exited while
 * its threads run on, a thread (25685), no process of the ranking.  The
 * report's task table says whose it is (tgid 25683, what oom-kill:
 * names): the event is the process's, so that a monitor matches it with
 * the victim it predicted.  The explanation is of the report as printed.
 */
static void
test_rf_kill_of_dying_leader(void **state)
{
	static const char rel[] = "kmsg/memcg-v1-6.18-dying-leader.txt";
	struct kmsg_log l;
	const struct zt_event *e;

	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(feed_report(&l, rel, SH_LINE), 1);
	e = &l.found[0].ev;
	assert_int_equal(e->victim_pid, 25683);
	assert_string_equal(e->victim_comm, "oomhog");
	assert_string_equal(e->memcg, "/zt-rfadhoc-25593");
	/* anon-rss:10240kB + file-rss:716kB + shmem-rss:0kB */
	assert_int_equal(e->victim_rss_kb, 10956);
	check_explained(&l.found[0], 25685);
	kmsg_log_free(&l);

	/* a later report after it: the event's is still this one */
	size_t len, start;
	char *text = fixture(rel, &len), *two;
	static const char next[] =
	    "[56090.000000] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
	    "order=1, oom_score_adj=0\n"
	    "[56090.000001] Out of memory: Killed process 6 (a) total-vm:1kB, "
	    "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n";
	two = xmalloc(len + sizeof next);
	memcpy(two, text, len);
	memcpy(two + len, next, sizeof next);
	struct zt_event ev;
	kmsg_decode(two, len + sizeof next - 1, 25685, &ev, &start);
	assert_int_equal(ev.victim_pid, 25683);
	assert_string_equal(ev.memcg, "/zt-rfadhoc-25593");
	struct zt_report r = { .id = 1, .len = len + sizeof next - 1,
	    .text = two, .explained = NULL };
	struct zt_snapshot s = { .events = &ev, .nevents = 1, .reports = &r,
	    .nreports = 1 };
	ev.report_id = 1;
	json_t *j = kmsg_explain_json(&s, &ev);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j,
	    "victim"), "pid")), 25685);
	json_decref(j);
	/* a thread the table does not list: its own pid */
	kmsg_decode(two, len + sizeof next - 1, 6, &ev, &start);
	assert_int_equal(ev.victim_pid, 6);
	free(two);
	free(text);
}

/* The task table's row of the killed thread, wherever it lies, gives
 * its tgid when that is a pid (1..INT32_MAX); else the thread's own. */
static void
test_rf_kill_tgid_bounds(void **state)
{
	static const struct {
		const char *tgid;
		int want;
	} c[] = {
		{ "1", 1 }, { "2147483647", 2147483647 }, { "0", 7 },
		{ "2147483648", 7 }, { "8", 8 },
	};
	char text[1024];
	struct zt_event e;
	size_t start;

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(c); i++) {
		/* the killed thread's row first, another after it */
		snprintf(text, sizeof text,
		    "[    2.000000] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), "
		    "order=0, oom_score_adj=0\n"
		    "[    2.000001] Tasks state (memory values in pages):\n"
		    "[    2.000002] [  pid  ]   uid  tgid total_vm      rss "
		    "rss_anon rss_file rss_shmem pgtables_bytes swapents "
		    "oom_score_adj name\n"
		    "[    2.000003] [      7]     0 %10s     2865     2739     2560"
		    "      179         0    49152        0             0 a\n"
		    "[    2.000004] [      9]     0     9     2865     2739     2560"
		    "      179         0    49152        0             0 b\n"
		    "[    2.000005] Out of memory: Killed process 7 (a) "
		    "total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n",
		    c[i].tgid);
		kmsg_decode(text, strlen(text), 7, &e, &start);
		if (e.victim_pid != c[i].want)
			fail_msg("tgid %s: victim %d", c[i].tgid, e.victim_pid);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_record_edges),
		cmocka_unit_test(test_log_basics),
		cmocka_unit_test(test_capture_two_memcg_kills),
		cmocka_unit_test(test_fixture_reports),
		cmocka_unit_test(test_seed_detail),
		cmocka_unit_test(test_rate_limited),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_window_exact),
		cmocka_unit_test(test_window_split_header),
		cmocka_unit_test(test_found_bound),
		cmocka_unit_test(test_kill_lines),
		cmocka_unit_test(test_report_extent),
		cmocka_unit_test(test_record_lines),
		cmocka_unit_test(test_decode_start),
		cmocka_unit_test(test_decode_pick),
		cmocka_unit_test(test_decode_cause),
		cmocka_unit_test(test_event_text),
		cmocka_unit_test(test_event_text_cut),
		cmocka_unit_test(test_detail_cut),
		cmocka_unit_test(test_carry),
		cmocka_unit_test(test_take_when),
		cmocka_unit_test(test_carry_named),
		cmocka_unit_test(test_explain_pick),
		cmocka_unit_test(test_derive_without_log),
		cmocka_unit_test(test_derive_with_log),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_rf_kill_of_dying_leader),
		cmocka_unit_test(test_rf_kill_tgid_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
