/*
 * oomprefix.c: log text to kernel lines, the prefix of each line learned
 * from the paste itself (see oomprefix.h).
 *
 * First what transport did is undone (quoted-printable, no-break
 * spaces).  Then two passes over the raw lines.  The first looks on
 * every line for the leftmost anchor (a body the kernel prints, at a
 * word boundary) and
 * records the shape of the text before it: runs of letters become 'a',
 * runs of digits '9', punctuation stays, blanks are dropped, so
 * "[  123.456789] " and "[12345.000001] " are both "[9.9]" and
 * "Mar  7 02:43:11 db1 kernel: " is "a9 9:9:9a9a:".  When every anchor
 * line of a shape ends in the same word before its last colon (syslog's
 * "kernel:"), that word is kept: a line of the same shape with another
 * word is another program's.  It also learns a closing quote every
 * kernel line ends in (lines copied out of JSON) and, from the lines a
 * prefixed paste continues, whether it was cut at one column or
 * word-wrapped.  The second pass strips from each line the longest
 * learned shape, or else a form known without learning (a {claims,
 * parser} table), and joins the lines a paste wrapped.
 */
#include "oomprefix.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PFX_MAX_SHAPES	16
#define PFX_SHAPE_LEN	48
#define PFX_SCAN	200	/* an anchor further in is not a prefix */
#define PFX_LENS	1024	/* line lengths counted for a hard wrap */
#define PFX_MIN_WRAP	60	/* no mailer or terminal wraps narrower */
#define PFX_MAIL_WIDTH	100	/* nor a mailer wider (72, 76, 78) */

struct pfx_shape {
	char s[PFX_SHAPE_LEN];		/* 'a' letters, '9' digits, punctuation */
	char tag[32];			/* the word before the last ':', or "" */
	bool tag_varies;
	int count;			/* anchor lines of this shape */
};

struct pfx_learned {
	int n;
	struct pfx_shape v[PFX_MAX_SHAPES];
	bool any;			/* a shape with a prefix was learned */
	size_t cut;			/* the column a paste hard-wrapped at, 0 */
	bool word_wrap;			/* wrapped at blanks (a mailer) */
	char suffix[4];			/* a closing quote every line ends in */
};

static const char *const pfx_months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static bool
pfx_lit(const char *s, const char *e, const char *lit)
{
	/* the first byte decides nearly every call (anchors are tried at
	 * each position of a line): no strlen or memcmp for it */
	if (*lit == '\0')
		return true;
	if (s >= e || *s != *lit)
		return false;
	size_t n = strlen(lit);
	return (size_t)(e - s) >= n && memcmp(s + 1, lit + 1, n - 1) == 0;
}

/* Past lit when s starts with it, else NULL: no hand-counted length. */
static const char *
pfx_after(const char *s, const char *e, const char *lit)
{
	return pfx_lit(s, e, lit) ? s + strlen(lit) : NULL;
}

static bool
pfx_is_word(const char *p, const char *e, const char *const *words, size_t n)
{
	if (e - p < 3)
		return false;
	for (size_t i = 0; i < n; i++)	/* the first byte decides most */
		if (*p == words[i][0] && memcmp(p, words[i], 3) == 0)
			return true;
	return false;
}

static bool
pfx_digit(const char *p, const char *e)
{
	return p < e && isdigit((unsigned char)*p);
}

/* "hh:mm:ss" at p; returns the end or NULL. */
static const char *
pfx_clock(const char *p, const char *e)
{
	static const char pat[] = "dd:dd:dd";

	if (e - p < 8)
		return NULL;
	for (int i = 0; i < 8; i++) {
		if (pat[i] == 'd' ? !isdigit((unsigned char)p[i]) : p[i] != ':')
			return NULL;
	}
	p += 8;
	if (p < e && (*p == '.' || *p == ',')) {	/* short-precise */
		p++;
		while (pfx_digit(p, e))
			p++;
	}
	return p;
}

/* Inside "[...]": a dmesg time.  "+0.000012", "1234.567890", or any
 * text (a date in any language) holding a clock "hh:mm". */
static bool
pfx_bracket_time(const char *q, const char *close)
{
	const char *d = q;

	if (d < close && (*d == '+' || *d == '-'))
		d++;
	const char *dig = d;
	while (d < close && isdigit((unsigned char)*d))
		d++;
	if (d > dig && d < close && *d == '.') {
		const char *f = ++d;
		while (d < close && isdigit((unsigned char)*d))
			d++;
		while (d < close && *d == ' ')
			d++;
		if (d == close && d > f)
			return true;
	}
	for (const char *c = q; c + 5 <= close; c++)
		if (isdigit((unsigned char)c[0]) && isdigit((unsigned char)c[1]) &&
		    c[2] == ':' && isdigit((unsigned char)c[3]) &&
		    isdigit((unsigned char)c[4]) && (c == q || !isdigit((unsigned char)c[-1])))
			return true;
	return false;
}

/* s is past any blank (each caller's prefix starts there) */
static void
pfx_set_stamp(char *stamp, size_t len, const char *s, const char *e)
{
	while (e > s && e[-1] == ' ')
		e--;
	size_t n = (size_t)(e - s);
	if (n >= len)
		n = len - 1;
	memcpy(stamp, s, n);
	stamp[n] = '\0';
}

/*
 * After a syslog or journal date: " host tag: ".  The kernel's tag is
 * "kernel:"; any other tag marks another program's line.  Returns the
 * content start or NULL when this is not a syslog prefix after all.
 */
static const char *
pfx_syslog_tail(const char *p, const char *e, bool *foreign)
{
	const char *tag, *colon;

	if (p >= e || *p != ' ')
		return NULL;
	while (p < e && *p == ' ')
		p++;
	/* no host (busybox syslogd, a template without %HOSTNAME%): the
	 * kernel's tag right after the date (a host has no colon) */
	if ((tag = pfx_after(p, e, "kernel:")) != NULL)
		return tag;
	while (p < e && *p != ' ')	/* the host: not empty when p < e after */
		p++;
	if (p >= e)
		return NULL;
	while (p < e && *p == ' ')
		p++;
	tag = p;
	/* (the blank after a prefix is skipped as any blank before one) */
	if ((p = pfx_after(tag, e, "kernel:")) != NULL)
		return p;
	/* "prog[pid]: ..." or "prog: ..." */
	colon = tag;
	while (colon < e && colon - tag < 64 && *colon != ':' && *colon != ' ')
		colon++;
	if (colon < e && *colon == ':' && colon > tag) {
		*foreign = true;
		return colon + 1;
	}
	return NULL;
}

/* The known forms: each takes the text at p and returns the end of its
 * prefix or NULL, stamp getting its time. */
typedef const char *pfx_form_fn(const char *p, const char *e, bool *foreign,
    char *stamp, size_t stamplen);

/* <4> */
static const char *
pfx_form_level(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	const char *q = p + 1;

	(void)foreign;
	(void)stamp;
	(void)stamplen;
	while (pfx_digit(q, e))
		q++;
	if (q > p + 1 && q < e && *q == '>' && q - p <= 4)
		return q + 1;
	return NULL;
}

/* [ 1234.567890] (dmesg), [ T123] [C1] (printk caller id), dmesg -T in
 * any locale "[Do Mär  7 02:43:11 2019]", dmesg -H "[Mar 7 02:43]" and
 * "[  +0.000012]". */
static const char *
pfx_form_bracket(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	const char *close = memchr(p, ']', (size_t)(e - p) < 40 ? (size_t)(e - p) : 40);
	const char *q = p + 1, *d;

	(void)foreign;
	if (close == NULL)
		return NULL;
	while (q < close && *q == ' ')
		q++;
	if (q < close && (*q == 'T' || *q == 'C')) {
		d = q + 1;
		while (d < close && isdigit((unsigned char)*d))
			d++;
		if (d == close && d > q + 1)
			return close + 1;
	}
	if (pfx_bracket_time(q, close)) {
		pfx_set_stamp(stamp, stamplen, q, close);
		return close + 1;
	}
	return NULL;
}

static const char *pfx_digits(const char *s, const char *e);

/* The tail of a dmesg stamp whose '[' was cut off with the start of a
 * paste: printk and dmesg print "[%5lu.%06lu] ", so digits, a dot, six
 * digits, ']' and a blank (or the line's end) are that stamp. */
static bool
pfx_claims_cut_bracket(const char *p, const char *e)
{
	const char *d = pfx_digits(p, e);

	if (d == NULL || d >= e || *d != '.')
		return false;
	const char *f = pfx_digits(d + 1, e);
	return f != NULL && f - d == 7 && f < e && *f == ']' &&
	    (f + 1 == e || f[1] == ' ');
}

static const char *
pfx_form_cut_bracket(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	const char *close = memchr(p, ']', (size_t)(e - p));

	(void)foreign;
	pfx_set_stamp(stamp, stamplen, p, close);
	return close + 1;
}

/* syslog / journal: "Mar  7 02:43:11 host kernel: " */
static const char *
pfx_form_syslog(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	const char *q = p + 4;

	if (q < e && *q == ' ')
		q++;
	if (!pfx_digit(q, e))
		return NULL;
	while (pfx_digit(q, e))
		q++;
	if (q >= e || *q != ' ')
		return NULL;
	const char *clk = pfx_clock(q + 1, e);
	if (clk == NULL)
		return NULL;
	const char *c = pfx_syslog_tail(clk, e, foreign);
	if (c)
		pfx_set_stamp(stamp, stamplen, p, clk);
	return c;
}

/* ISO: "2019-03-07T02:43:11.123+00:00 host kernel: " */
static const char *
pfx_form_iso(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	const char *clk = pfx_clock(p + 11, e);

	if (clk == NULL)
		return NULL;
	while (clk < e && *clk != ' ')	/* zone offset */
		clk++;
	const char *c = pfx_syslog_tail(clk, e, foreign);
	if (c)
		pfx_set_stamp(stamp, stamplen, p, clk);
	return c;
}

static const char *
pfx_form_kernel(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	(void)foreign;
	(void)stamp;
	(void)stamplen;
	return pfx_after(p, e, "kernel: ");
}

/* "host kernel: " after a timestamp (journalctl -o short-monotonic), or
 * any "... hh:mm:ss ... host kernel: " (short-full, templates) */
static const char *
pfx_form_host_kernel(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	static const char key[] = " kernel: ";
	const char *k = NULL;

	(void)foreign;
	for (const char *q = p + 1; q + sizeof key - 1 <= e && q - p < 96; q++)
		if (*q == ' ' && memcmp(q, key, sizeof key - 1) == 0) {
			k = q;
			break;
		}
	if (k == NULL)
		return NULL;
	const char *h = k;
	while (h > p && h[-1] != ' ')
		h--;
	bool host = h < k;
	for (const char *c = h; c < k; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '-' && *c != '_')
			host = false;
	bool clock = false;
	for (const char *c = p; c + 8 <= h && !clock; c++)
		clock = pfx_clock(c, h) != NULL;
	if (!host || (h != p && !clock))
		return NULL;
	if (h > p)
		pfx_set_stamp(stamp, stamplen, p, h);
	return k + sizeof key - 1;
}

/* dmesg -x: "kern  :warn  : " */
static const char *
pfx_form_facility(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	static const char *const facilities[] = {
		"kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
		"news", "uucp", "cron", "authpriv", "ftp", "local",
	};

	(void)foreign;
	(void)stamp;
	(void)stamplen;
	for (size_t i = 0; i < ZT_ARRAY_LEN(facilities); i++) {
		size_t fl = strlen(facilities[i]);
		if ((size_t)(e - p) <= fl || *p != facilities[i][0] ||
		    memcmp(p, facilities[i], fl) != 0)
			continue;
		const char *q = p + fl;
		while (q < e && (*q == ' ' || isdigit((unsigned char)*q)))
			q++;
		if (q >= e || *q != ':')
			continue;
		const char *lv = ++q;
		while (q < e && isalpha((unsigned char)*q))
			q++;
		if (q == lv)
			continue;
		while (q < e && *q == ' ')
			q++;
		if (q < e && *q == ':')
			return q + 1;
	}
	return NULL;
}

static bool
pfx_claims_level(const char *p, const char *e)
{
	return p < e && *p == '<';
}

static bool
pfx_claims_bracket(const char *p, const char *e)
{
	return p < e && *p == '[';
}

static bool
pfx_claims_syslog(const char *p, const char *e)
{
	return pfx_is_word(p, e, pfx_months, ZT_ARRAY_LEN(pfx_months)) &&
	    e - p > 7 && p[3] == ' ';
}

static bool
pfx_claims_iso(const char *p, const char *e)
{
	return e - p >= 19 && isdigit((unsigned char)p[0]) && p[4] == '-' &&
	    p[7] == '-' && (p[10] == 'T' || p[10] == ' ');
}

/*
 * The forms known without learning, in order.  A form that claims the
 * text (by its first characters) decides alone, prefix or not; the
 * others are tried in turn.
 */
static const struct {
	bool (*claims)(const char *p, const char *e);
	pfx_form_fn *parse;
} pfx_forms[] = {
	{ pfx_claims_level, pfx_form_level },
	{ pfx_claims_bracket, pfx_form_bracket },
	{ pfx_claims_cut_bracket, pfx_form_cut_bracket },
	{ pfx_claims_syslog, pfx_form_syslog },
	{ pfx_claims_iso, pfx_form_iso },
	{ NULL, pfx_form_kernel },
	{ NULL, pfx_form_host_kernel },
	{ NULL, pfx_form_facility },
};

/* One known prefix at p, if any: returns its end, or NULL. */
static const char *
pfx_one_prefix(const char *p, const char *e, bool *foreign, char *stamp,
    size_t stamplen)
{
	if (p >= e)
		return NULL;
	for (size_t i = 0; i < ZT_ARRAY_LEN(pfx_forms); i++) {
		if (pfx_forms[i].claims != NULL) {
			if (pfx_forms[i].claims(p, e))
				return pfx_forms[i].parse(p, e, foreign, stamp, stamplen);
			continue;
		}
		const char *q = pfx_forms[i].parse(p, e, foreign, stamp, stamplen);
		if (q != NULL)
			return q;
	}
	return NULL;
}

/* Strip the log prefixes of a raw line: returns where the kernel's text
 * starts. */
static const char *
pfx_strip(const char *s, const char *e, bool *had, bool *foreign, char *stamp,
    size_t stamplen)
{
	const char *p = s;

	*had = *foreign = false;
	stamp[0] = '\0';
	for (int round = 0; round < 6; round++) {
		while (p < e && (*p == ' ' || *p == '\t' || *p == '>'))
			p++;
		const char *q = pfx_one_prefix(p, e, foreign, stamp, stamplen);
		if (q == NULL)
			break;
		*had = true;
		p = q;
		if (*foreign)
			break;
	}
	return p;
}

static struct oom_line *
pfx_lines_add(struct oom_lines *ls, int lineno, bool prefixed, bool foreign,
    const char *stamp)
{
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 256;
		ls->v = xreallocarray(ls->v, (size_t)ls->cap, sizeof *ls->v);
	}
	struct oom_line *l = &ls->v[ls->n++];
	l->off = ls->arena.len;
	l->len = 0;
	l->lineno = lineno;
	l->prefixed = prefixed;
	l->foreign = foreign;
	strlcpy0(l->stamp, stamp, sizeof l->stamp);
	return l;
}

/* Append text to the last line (it is the arena's tail), NULs made
 * spaces so the line stays one C string. */
static void
pfx_lines_append(struct oom_lines *ls, const char *s, size_t n)
{
	struct oom_line *l = &ls->v[ls->n - 1];

	if (l->len >= OOM_LINE_MAX)
		return;
	if (l->len + n > OOM_LINE_MAX)
		n = OOM_LINE_MAX - l->len;
	size_t at = ls->arena.len;
	buf_add(&ls->arena, s, n);
	for (size_t i = 0; i < n; i++)
		if (ls->arena.p[at + i] == '\0')
			ls->arena.p[at + i] = ' ';
	l->len += n;
}

/* The next line break a syslog daemon escaped: rsyslog's "#012" or a
 * literal "\x0a"; *skip gets its length. */
static char *
pfx_escaped_nl(char *s, size_t *skip)
{
	char *a = strstr(s, "#012"), *b = strstr(s, "\\x0a");

	*skip = 4;
	if (a == NULL || (b != NULL && b < a))
		return b;
	return a;
}

/* Close the last line: a NUL after it, then split at escaped breaks. */
static void
pfx_lines_seal(struct oom_lines *ls)
{
	if (ls->n == 0)
		return;
	struct oom_line *l = &ls->v[ls->n - 1];
	buf_addc(&ls->arena, '\0');
	char *s = ls->arena.p + l->off;
	size_t skip;
	char *hash = pfx_escaped_nl(s, &skip);
	if (hash == NULL)
		return;
	/* copy the rest out: the arena may move as pieces are added */
	char *rest = xstrdup(hash + skip);
	struct oom_line proto = *l;
	l->len = (size_t)(hash - s);
	s[l->len] = '\0';
	char *p = rest;
	for (;;) {
		char *h = pfx_escaped_nl(p, &skip);
		size_t n = h ? (size_t)(h - p) : strlen(p);
		pfx_lines_add(ls, proto.lineno, proto.prefixed, false, proto.stamp);
		pfx_lines_append(ls, p, n);
		buf_addc(&ls->arena, '\0');
		if (h == NULL)
			break;
		p = h + skip;
	}
	free(rest);
}

/* ------------------------------------------------------------------ */
/* anchors */

static const char *
pfx_digits(const char *s, const char *e)
{
	const char *p = s;

	while (p < e && isdigit((unsigned char)*p))
		p++;
	return p > s ? p : NULL;
}

/* A zone name of zone_names[] at s: returns its end or NULL. */
static const char *
pfx_zone(const char *s, const char *e)
{
	static const char *const names[] = {
		"DMA32", "DMA", "Normal", "HighMem", "Movable", "Device",
	};

	for (size_t i = 0; i < ZT_ARRAY_LEN(names); i++)
		if (pfx_lit(s, e, names[i]))
			return s + strlen(names[i]);
	return NULL;
}

/* "DMA free:", "DMA: 12*4kB" (buddy) after an optional "Node N ". */
static bool
pfx_zone_anchor(const char *s, const char *e, bool node)
{
	const char *z = pfx_zone(s, e);

	if (z == NULL)
		return false;
	if (pfx_lit(z, e, " free:"))
		return true;
	if ((z = pfx_after(z, e, ": ")) != NULL) {
		const char *d = pfx_digits(z, e);
		return d && d < e && *d == '*';
	}
	(void)node;
	return false;
}

bool
oomprefix_anchor(const char *s, size_t n)
{
	static const char *const lits[] = {
		"Mem-Info:", "Mem-info:", "lowmem_reserve[]:", "protections[]:", "Tasks state",
		"oom-kill:", "Out of memory", "Killed process ",
		"Memory cgroup out of memory", "Memory cgroup stats for ",
		"Call Trace:", "Hardware name: ", "Free swap  =", "Total swap =",
		"oom_reaper: ", "Task in ", "memory: usage ",
		"memory+swap: usage ", "Swap cache stats:", "Kernel panic - not syncing",
	};
	static const char *const counts[] = {
		" pages RAM", " total pagecache pages", " pages reserved",
		" pages in swap cache", " pages HighMem", " pages of RAM",
		" reserved pages",
	};
	const char *e = s + n, *p;

	/* every anchor starts with one of these: most positions stop here
	 * (it is asked at each position of a line's start) */
	static const bool first[256] = {
		['C'] = 1, ['D'] = 1, ['F'] = 1, ['H'] = 1, ['K'] = 1, ['M'] = 1,
		['N'] = 1, ['O'] = 1, ['P'] = 1, ['S'] = 1, ['T'] = 1, ['['] = 1,
		['a'] = 1, ['l'] = 1, ['m'] = 1, ['o'] = 1, ['p'] = 1, ['0'] = 1,
		['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
		['7'] = 1, ['8'] = 1, ['9'] = 1,
	};
	if (n == 0 || !first[(unsigned char)*s])
		return false;
	/* only the page counts start with a digit (a line's numbers are
	 * word starts too: the rest is not tried for them) */
	if (isdigit((unsigned char)*s)) {
		p = pfx_digits(s, e);
		for (size_t i = 0; i < ZT_ARRAY_LEN(counts); i++)
			if (pfx_lit(p, e, counts[i]))
				return true;
		return false;
	}
	for (size_t i = 0; i < ZT_ARRAY_LEN(lits); i++)
		if (lits[i][0] == *s && pfx_lit(s, e, lits[i]))
			return true;
	/* the global Mem-Info block counts pages: no unit */
	if ((p = pfx_after(s, e, "active_anon:")) != NULL &&
	    (p = pfx_digits(p, e)) != NULL)
		return p == e || *p == ' ';
	if ((p = pfx_after(s, e, "CPU: ")) != NULL && (p = pfx_digits(p, e)) != NULL)
		return pfx_lit(p, e, " PID: ");
	if ((p = pfx_after(s, e, "Pid: ")) != NULL && (p = pfx_digits(p, e)) != NULL)
		return pfx_lit(p, e, ", comm: ");
	if ((p = pfx_after(s, e, "Node ")) != NULL && (p = pfx_digits(p, e)) != NULL &&
	    p < e && *p == ' ') {
		p++;
		return pfx_zone_anchor(p, e, true) || pfx_lit(p, e, "active_anon:") ||
		    pfx_lit(p, e, "hugepages_total=");
	}
	if (pfx_zone_anchor(s, e, false))
		return true;
	if (*s == '[') {			/* the task table's "[  pid  ]" */
		p = s + 1;
		while (p < e && *p == ' ')
			p++;
		if (!pfx_lit(p, e, "pid"))
			return false;
		p += 3;
		while (p < e && *p == ' ')
			p++;
		return p < e && *p == ']';
	}
	return false;
}

/* The header lines, whose comm (which may hold blanks) stands first. */
static const char *
pfx_header_marker(const char *s, const char *e)
{
	static const char *const marks[] = {
		" invoked oom-killer:", ": page allocation failure", ": vmalloc error:",
		": vmalloc: allocation failure",
	};

	for (size_t i = 0; i < ZT_ARRAY_LEN(marks); i++) {
		const char *p = memmem(s, (size_t)(e - s), marks[i], strlen(marks[i]));
		if (p != NULL)
			return p;
	}
	return NULL;
}

static bool
pfx_letter(unsigned char c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

/* Leading blanks and mail quote marks "> > ". */
static const char *
pfx_skip_quote(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t' || *s == '>' || *s == '\0'))
		s++;
	return s;
}

/* A wrapped tail keeps its blanks; only quote marks "> " go. */
static const char *
pfx_unquote(const char *s, const char *e)
{
	const char *p = s;

	while (p < e && *p == ' ')
		p++;
	if (p == e || *p != '>')
		return s;
	while (p < e && *p == '>') {
		p++;
		if (p < e && *p == ' ')
			p++;
	}
	return p;
}

/* The leftmost anchor of a raw line at a word boundary, or NULL. */
static const char *
pfx_find_anchor(const char *s, const char *e)
{
	for (const char *p = s; p < e && p - s < PFX_SCAN; p++) {
		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		if (oomprefix_anchor(p, (size_t)(e - p)))
			return p;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* shapes */

/* The shape of [s, e): false when it does not fit.  *tag gets the word
 * before a final ':' ("kernel"), or "". */
static bool
pfx_shape_of(const char *s, const char *e, char *shape, char *tag, size_t taglen)
{
	size_t n = 0;
	const char *last_word = NULL, *last_end = NULL;

	tag[0] = '\0';
	for (const char *p = s; p < e;) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '\t') {
			p++;
			continue;
		}
		if (n + 1 >= PFX_SHAPE_LEN)
			return false;
		if (pfx_letter(c)) {
			last_word = p;
			while (p < e && pfx_letter((unsigned char)*p))
				p++;
			last_end = p;
			shape[n++] = 'a';
		} else if (isdigit(c)) {
			while (p < e && isdigit((unsigned char)*p))
				p++;
			shape[n++] = '9';
		} else {
			shape[n++] = (char)c;
			p++;
		}
	}
	shape[n] = '\0';
	if (n >= 2 && shape[n - 1] == ':' && shape[n - 2] == 'a' && last_word &&
	    (size_t)(last_end - last_word) < taglen) {
		memcpy(tag, last_word, (size_t)(last_end - last_word));
		tag[last_end - last_word] = '\0';
	}
	return true;
}

/* "12kB": the kernel's own sizes (a wrapped tail before an anchor),
 * never in a log prefix. */
static bool
pfx_has_kv(const char *s, const char *e)
{
	for (const char *p = s + 1; p + 1 < e; p++)
		if ((*p == 'k' || *p == 'K') && p[1] == 'B' && isdigit((unsigned char)p[-1]))
			return true;
	return false;
}

static void
pfx_learn(struct pfx_learned *L, const char *s, const char *e)
{
	char shape[PFX_SHAPE_LEN], tag[32];

	if (pfx_has_kv(s, e))
		return;
	if (!pfx_shape_of(s, e, shape, tag, sizeof tag) || shape[0] == '\0')
		return;
	for (int i = 0; i < L->n; i++) {
		struct pfx_shape *sh = &L->v[i];
		if (strcmp(sh->s, shape) != 0)
			continue;
		sh->count++;
		if (strcmp(sh->tag, tag) != 0)
			sh->tag_varies = true;
		return;
	}
	if (L->n == PFX_MAX_SHAPES)
		return;
	struct pfx_shape *sh = &L->v[L->n++];
	memcpy(sh->s, shape, sizeof shape);
	memcpy(sh->tag, tag, sizeof tag);
	sh->tag_varies = false;
	sh->count = 1;
}

/* Pass 1: every raw line's anchor. */
/* The quote characters ending [s, e) ('",', '"', "',"), or "". */
static void
pfx_tail_of(const char *s, const char *e, char *t)
{
	const char *p = e;

	while (p > s && e - p < 3 && strchr("\"',;", p[-1]) != NULL)
		p--;
	t[0] = '\0';
	if (memchr(p, '"', (size_t)(e - p)) || memchr(p, '\'', (size_t)(e - p))) {
		memcpy(t, p, (size_t)(e - p));
		t[e - p] = '\0';
	}
}

static void
pfx_learn_all(const char *text, size_t len, struct pfx_learned *L)
{
	const char *cur = text, *end = text + len;
	size_t n;
	const char *raw;


	char tail[4] = "";
	int anchored = 0, same_tail = 0;

	memset(L, 0, sizeof *L);
	while ((raw = next_line(&cur, end, &n)) != NULL) {
		const char *e = raw + n, *s = pfx_skip_quote(raw, e);
		while (e > s && (e[-1] == '\r' || e[-1] == ' '))
			e--;
		const char *a = pfx_find_anchor(s, e);
		if (a == NULL)
			continue;
		if (a > s)
			pfx_learn(L, s, a);
		/* the quote a line sits in when copied out of JSON or a
		 * source file: '",' or '"' after the kernel's text */
		char t[4];
		pfx_tail_of(a, e, t);
		anchored++;
		if (anchored == 1)
			memcpy(tail, t, sizeof tail);
		same_tail += t[0] != '\0' && strcmp(t, tail) == 0;
	}
	if (tail[0] && same_tail * 10 >= anchored * 9 && same_tail >= 2)
		memcpy(L->suffix, tail, sizeof L->suffix);
	/* a shape seen once must look like a log prefix (hold a number):
	 * prose such as "we got Out of memory" teaches nothing */
	int k = 0;
	for (int i = 0; i < L->n; i++)
		if (L->v[i].count >= 2 || strchr(L->v[i].s, '9') != NULL)
			L->v[k++] = L->v[i];
	L->n = k;
	L->any = k > 0;
}

/* Match one shape at s: returns the end of the prefix, or NULL.
 * *other is set when it matched but with another tag. */
static const char *
pfx_match(const struct pfx_shape *sh, const char *s, const char *e, bool *other)
{
	const char *p = s, *word = NULL, *word_end = NULL;

	*other = false;
	for (const char *c = sh->s; *c; c++) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= e)
			return NULL;
		if (*c == 'a') {
			if (!pfx_letter((unsigned char)*p))
				return NULL;
			word = p;
			while (p < e && pfx_letter((unsigned char)*p))
				p++;
			word_end = p;
		} else if (*c == '9') {
			if (!isdigit((unsigned char)*p))
				return NULL;
			while (p < e && isdigit((unsigned char)*p))
				p++;
		} else if (*p++ != *c)
			return NULL;
	}
	/* a word or number must end where the shape does */
	if (p < e && p > s && (isalnum((unsigned char)*p) || *p == '_') &&
	    (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
		return NULL;
	if (sh->tag[0] && !sh->tag_varies && word &&
	    ((size_t)(word_end - word) != strlen(sh->tag) ||
	    memcmp(word, sh->tag, (size_t)(word_end - word)) != 0))
		*other = true;
	return p;
}

/* The longest learned shape at s: its end, or NULL. */
static const char *
pfx_learned_strip(const struct pfx_learned *L, const char *s, const char *e,
    bool *foreign)
{
	const char *best = NULL;

	*foreign = false;
	for (int i = 0; i < L->n; i++) {
		bool other;
		const char *p = pfx_match(&L->v[i], s, e, &other);
		if (p != NULL && (best == NULL || p > best)) {
			best = p;
			*foreign = other;
		}
	}
	return best;
}

/* The column a paste was hard-wrapped at: the length shared by most
 * lines that a continuation (a line with no prefix) follows, or 0.  A
 * word wrap breaks at blanks, so its lines end anywhere. */
static void
pfx_learn_cut(const char *text, size_t len, struct pfx_learned *L)
{
	size_t lens[PFX_LENS] = { 0 }, nwrapped = 0, prev = 0;
	const char *cur = text, *end = text + len, *raw;
	size_t n;

	if (!L->any)
		return;
	while ((raw = next_line(&cur, end, &n)) != NULL) {
		const char *e = raw + n;
		while (e > raw && e[-1] == '\r')
			e--;
		const char *s = pfx_skip_quote(raw, e);
		bool foreign, had;
		char stamp[48];
		bool cont = s < e && !oomprefix_anchor(s, (size_t)(e - s)) &&
		    pfx_learned_strip(L, s, e, &foreign) == NULL;
		if (cont) {
			pfx_strip(raw, e, &had, &foreign, stamp, sizeof stamp);
			cont = !had;
		}
		/* shorter lines are pasted text (a /proc file), not a wrap */
		if (cont && prev >= PFX_MIN_WRAP && prev < PFX_LENS) {
			lens[prev]++;
			nwrapped++;
		}
		prev = s < e ? (size_t)(e - raw) : 0;
	}
	size_t nmail = 0;
	for (size_t w = PFX_MIN_WRAP; w < PFX_LENS; w++) {
		if (w <= PFX_MAIL_WIDTH)
			nmail += lens[w];
		if (lens[w] >= 2 && lens[w] * 5 >= nwrapped * 4 &&
		    (L->cut == 0 || lens[w] > lens[L->cut]))
			L->cut = w;
	}
	/* lines wrapped at many columns, nearly all within a mailer's width
	 * (prose around may be wider): a word wrap, which breaks only at
	 * blanks */
	L->word_wrap = L->cut == 0 && nmail >= 2 && nmail * 5 >= nwrapped * 4;
}

/* The time in a learned prefix: what a known form reads from it (the
 * inside of "[...]", a syslog date), else the prefix less a trailing
 * "host kernel:". */
static void
pfx_learned_stamp(char *stamp, size_t len, const char *s, const char *e)
{
	const char *t = e;
	bool had, foreign;

	for (const char *p = s; p < e && p - s < PFX_SCAN; p++) {
		if (p > s && p[-1] != ' ' && p[-1] != ']' && p[-1] != ':' && *p != '[')
			continue;
		pfx_strip(p, e, &had, &foreign, stamp, len);
		if (stamp[0] != '\0')
			return;
	}
	while (t > s && (t[-1] == ' ' || t[-1] == ':'))
		t--;
	/* "kernel" alone ("kernel: " prefixes) is no time either */
	if (t - s >= 6 && memcmp(t - 6, "kernel", 6) == 0) {
		t -= 6;
		while (t > s && t[-1] == ' ')
			t--;
		while (t > s && t[-1] != ' ')	/* the host */
			t--;
	}
	pfx_set_stamp(stamp, len, s, t);
}

/* ------------------------------------------------------------------ */
/* pass 2 */

/*
 * A wrapped tail joins its line.  Mail wrapping cuts at a blank (the
 * blank lost) or inside a token.  A paste whose wrapped lines mostly end
 * at one column was cut there (the seed): a line of that length
 * continues without a blank, a shorter one broke at a blank.  Wrapped
 * lines of many lengths, none wider than a mail, were word-wrapped: a
 * blank goes back.  Otherwise (long lines cut at several columns, or one
 * wrapped line) a blank
 * goes back only between a finished value and what starts a new token
 * ("...low:12kB" + "high:...", "4kB" + "(UM)"); never before a unit,
 * never inside a word.
 */
/* A word of the task table's header at s ("rss ", "pgtables_bytes"),
 * within s..e. */
static bool
pfx_is_column(const char *s, const char *e)
{
	static const char *const cols[] = {
		"uid", "tgid", "total_vm", "rss", "rss_anon", "rss_file", "rss_shmem",
		"nr_ptes", "nr_pmds", "pgtables_bytes", "swapents", "oom_score_adj",
		"oom_adj", "cpu", "name",
	};

	for (size_t i = 0; i < ZT_ARRAY_LEN(cols); i++) {
		size_t n = strlen(cols[i]);
		if (pfx_lit(s, e, cols[i]) && (s + n == e || s[n] == ' ' ||
		    s[n] == '\0'))
			return true;
	}
	return false;
}

static bool
pfx_join_blank(const struct oom_lines *ls, const char *tail, const char *end,
    const struct pfx_learned *L, size_t prev_len)
{
	const struct oom_line *l = &ls->v[ls->n - 1];

	if (l->len == 0 || tail >= end)
		return false;
	char last = ls->arena.p[l->off + l->len - 1];
	char first = *tail;
	if (last == ' ' || first == ' ')
		return false;
	if (pfx_lit(tail, end, "kB") || pfx_lit(tail, end, "KB"))
		return false;
	/* the kernel prints no blank before a ':' or ',' ("file-rss:536kB",
	 * "522880kB, file-rss"): a line starting with one was cut there */
	if (first == ':' || first == ',')
		return false;
	/* a word wrap breaks at blanks only; a hard wrap anywhere */
	if (L->cut > 0)
		return prev_len != L->cut;
	if (L->word_wrap && prev_len <= PFX_MAIL_WIDTH)
		return true;
	/* a number cut in two cannot be told from two numbers: keep them
	 * apart, and the reader drops what no longer fits */
	if (pfx_is_column(tail, end) || (isdigit((unsigned char)last) &&
	    isdigit((unsigned char)first)))
		return true;
	bool done = isdigit((unsigned char)last) || last == ')' || last == ']' ||
	    (last == 'B' && l->len >= 2 &&
	    (ls->arena.p[l->off + l->len - 2] == 'k' ||
	    ls->arena.p[l->off + l->len - 2] == 'K'));
	return done && (isalnum((unsigned char)first) || first == '(' || first == '[' ||
	    first == '_');
}

/*
 * What pfx_build asks of the line being built (ls's last): does it hold
 * a header marker, and is it left open.  A paste's continuation lines
 * join that line one by one and each asks again: reading the whole line
 * every time was quadratic (a header with 8,000 wrapped lines took
 * seconds), so only what was appended since is read.  The line only
 * grows, except that pfx_build cuts trailing blanks and a '\\' off it
 * (neither a paren nor a marker's end) and then moves seen back to the
 * cut: what it appends there is read (a ')' there once was not, and the
 * header stayed open).
 */
struct pfx_open {
	int idx;			/* the line of ls these describe, -1 none */
	size_t seen;			/* its bytes read */
	bool marker;			/* pfx_header_marker found in them */
	long depth;			/* '(' less ')' in them */
};

#define PFX_MARK_SPAN	32	/* longer than pfx_header_marker's marks */

static void
pfx_open_read(struct pfx_open *o, const struct oom_lines *ls)
{
	const struct oom_line *l = &ls->v[ls->n - 1];
	const char *s = ls->arena.p + l->off;

	if (o->idx != ls->n - 1) {
		o->idx = ls->n - 1;
		o->seen = 0;
		o->marker = false;
		o->depth = 0;
	}
	if (!o->marker) {		/* a mark may straddle the join */
		size_t from = o->seen > PFX_MARK_SPAN ? o->seen - PFX_MARK_SPAN : 0;
		o->marker = pfx_header_marker(s + from, s + l->len) != NULL;
	}
	for (size_t i = o->seen; i < l->len; i++)
		o->depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
	o->seen = l->len;
}

/* The line being built is a header (it holds a marker) left open: its
 * last "(" not closed, or ending in a shell-style "\\" or a "|" between
 * flag names. */
static bool
pfx_header_open(struct pfx_open *o, const struct oom_lines *ls)
{
	const struct oom_line *l = &ls->v[ls->n - 1];
	const char *s = ls->arena.p + l->off;
	size_t n = l->len;

	pfx_open_read(o, ls);
	if (!o->marker)
		return false;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n > 0 && (s[n - 1] == '\\' || s[n - 1] == '|'))
		return true;
	return o->depth > 0;
}

/* The line before is a report header and c (to e) goes on with the
 * header's "key=" fields. */
static bool
pfx_header_tail(const struct oom_lines *ls, struct pfx_open *o, const char *c,
    const char *e)
{
	static const char *const keys[] = {
		"gfp_mask=", "order=", "oom_score_adj=", "oom_adj=", "nodemask=",
		"mode:", "order:", "cpuset=", "mems_allowed=",
	};

	pfx_open_read(o, ls);
	if (!o->marker)
		return false;
	/* cut inside the flag names "(GFP_KERNEL|__GFP_NOWARN|" (an author's
	 * trailing backslash, or a wrap): the names go on */
	if (pfx_header_open(o, ls))	/* a pager cut is not continued */
		return !oomprefix_anchor(c, (size_t)(e - c)) &&
		    pfx_header_marker(c, e) == NULL;
	for (size_t i = 0; i < ZT_ARRAY_LEN(keys); i++)
		if (pfx_lit(c, e, keys[i]))
			return true;
	return false;
}

/* An elision mark left alone on its line by whoever cut the paste
 * ("[...]", "...", "…", "<snip>", "(...snipped...)", "--- cut ---"):
 * like a blank line, it ends the line before it, which nothing after it
 * continues. */
static bool
pfx_is_elision(const char *s, const char *e)
{
	static const char *const words[] = {
		"snip", "snipped", "cut", "elided", "omitted", "trimmed", "skipped",
	};
	size_t marks = 0;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - s >= 2 && ((*s == '[' && e[-1] == ']') || (*s == '(' &&
	    e[-1] == ')') || (*s == '<' && e[-1] == '>'))) {
		s++;
		e--;
		marks += 3;
	}
	/* dots, ellipses, dashes and blanks around one word at most */
	for (;;) {
		if (s < e && (*s == '.' || *s == '-' || *s == ' ')) {
			marks += *s != ' ';
			s++;
		} else if (e - s >= 3 && memcmp(s, "\xe2\x80\xa6", 3) == 0) {
			s += 3;
			marks += 3;
		} else
			break;
	}
	for (;;) {
		if (e > s && (e[-1] == '.' || e[-1] == '-' || e[-1] == ' ')) {
			e--;
			marks += *e != ' ';
		} else if (e - s >= 3 && memcmp(e - 3, "\xe2\x80\xa6", 3) == 0) {
			e -= 3;
			marks += 3;
		} else
			break;
	}
	if (s == e)
		return marks >= 3;
	for (size_t i = 0; i < ZT_ARRAY_LEN(words); i++)
		if ((size_t)(e - s) == strlen(words[i]) &&
		    strncasecmp(s, words[i], (size_t)(e - s)) == 0)
			return true;
	return false;
}

/* Two kernel lines glued into one (a newline lost in the copy, or
 * racing printk continuations): where a learned prefix stands inside s
 * (to e), at a word's start, followed by a message body the kernel
 * prints, the second line starts; NULL when there is none. */
static const char *
pfx_glued(const struct pfx_learned *L, const char *s, const char *e)
{
	bool foreign;
	const char *own = pfx_learned_strip(L, s, e, &foreign);

	/* both halves carry the paste's prefix: the second starts, past the
	 * line's own prefix, with the same character, at a word's start
	 * (UTF-8 bytes are letters: "Mär" holds no word start) */
	if (own == NULL || own == s)
		return NULL;
	for (const char *p = own; p < e; p++) {
		unsigned char c = (unsigned char)*p;
		if (c != (unsigned char)*s)
			continue;
		if (c != '[' && c != '<' && pfx_letter((unsigned char)p[-1]))
			continue;
		if (c != '[' && c != '<' && isdigit((unsigned char)p[-1]))
			continue;
		bool digit = false;
		const char *q = pfx_learned_strip(L, p, e, &foreign);
		if (q == NULL || foreign || q - p < 3)
			continue;
		for (const char *d = p; d < q; d++)
			digit |= isdigit((unsigned char)*d) != 0;
		while (q < e && *q == ' ')
			q++;
		if (digit && q < e && (oomprefix_anchor(q, (size_t)(e - q)) ||
		    pfx_header_marker(q, e) != NULL))
			return p;
	}
	return NULL;
}

/* printk's exact "[%5lu.%06lu] " stamp at p (to e): returns past its
 * "] ", its seconds from *q to *f (the "]"); NULL when p holds none. */
static const char *
pfx_exact_stamp(const char *p, const char *e, const char **q, const char **f)
{
	if (p >= e || *p != '[')
		return NULL;
	*q = p + 1;
	while (*q < e && **q == ' ')
		(*q)++;
	const char *d = pfx_digits(*q, e);
	if (d == NULL || d >= e || *d != '.')
		return NULL;
	*f = pfx_digits(d + 1, e);
	if (*f == NULL || *f - d != 7 || *f + 1 >= e || (*f)[0] != ']' || (*f)[1] != ' ')
		return NULL;
	return *f + 2;
}

/* dmesg's records joined into one line, each padded with blanks (a copy
 * that lost its newlines): in a line that starts with printk's stamp, the
 * same exact stamp after a blank and no earlier than the line's own (one
 * boot's seconds only grow) starts the next record.  Returns where, or
 * NULL. */
static const char *
pfx_next_record(const char *s, const char *e)
{
	const char *q0, *f0, *q, *f;
	const char *p = pfx_exact_stamp(s, e, &q0, &f0);

	if (p == NULL)
		return NULL;
	for (; p < e; p++) {
		if (p[-1] != ' ' || pfx_exact_stamp(p, e, &q, &f) == NULL)
			continue;
		/* equal widths compare as text; a wider number is larger */
		if (f - q > f0 - q0 || (f - q == f0 - q0 && memcmp(q, q0, (size_t)(f - q)) >= 0))
			return p;
	}
	return NULL;
}

/* printk's "[%5lu.%06lu] " stamp inside a line that no prefix form
 * reads, after a blank (a log shipper's view of the line, its host and
 * program as links): the text before it is that line's prefix.  Returns
 * where the kernel's text starts, NULL when there is no such stamp or
 * nothing after it. */
static const char *
pfx_inner_stamp(const char *s, const char *e, char *stamp, size_t stamplen)
{
	for (const char *p = s; p < e; p++) {
		const char *q, *f, *c;
		if (p == s || p[-1] != ' ' || (c = pfx_exact_stamp(p, e, &q, &f)) == NULL ||
		    c >= e)
			continue;
		while (c < e && *c == ' ')
			c++;
		if (c == e)
			return NULL;
		pfx_set_stamp(stamp, stamplen, q, f);
		return c;
	}
	return NULL;
}

/* Markdown bold around a whole line, "**...**" (a tracker's emphasis of
 * the line that matters, after any quote marks): the markers are no part
 * of the kernel's line.  A line of stars stays. */
static void
pfx_unbold(const char **s, const char **e)
{
	const char *b = pfx_skip_quote(*s, *e);

	if (*e - b >= 5 && memcmp(b, "**", 2) == 0 && b[2] != '*' &&
	    memcmp(*e - 2, "**", 2) == 0 && (*e)[-3] != '*') {
		*s = b + 2;
		*e -= 2;
	}
}

/* oom_kill_process()'s select line (2.6.32-5.0), "%s: Kill process %d
 * (%s) score %u or sacrifice child", ends with those fixed words: a
 * record the kernel prints (a kill line), bare or behind a log prefix,
 * after them on the same line is the next line glued on, its newline
 * lost (a page that ran the log into one paragraph).  Returns where it
 * starts, *end where the select line ends; NULL when no record follows
 * (prose stays on the line). */
static const char *
pfx_after_select(const char *s, const char *e, const char **end)
{
	static const char words[] = " or sacrifice child";
	const char *p = memmem(s, (size_t)(e - s), words, sizeof words - 1);

	if (p == NULL)
		return NULL;
	p += sizeof words - 1;
	const char *q = p;
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	if (q == p || q == e)
		return NULL;
	bool had, foreign;
	char stamp[48];
	const char *c = pfx_strip(q, e, &had, &foreign, stamp, sizeof stamp);
	if (foreign || !oomprefix_anchor(c, (size_t)(e - c)))
		return NULL;
	*end = p;
	return q;
}

/* Line raw (its text from t, to e) without its prefix: a learned one
 * (and a known one inside it), else a known one, else an inner stamp;
 * had, foreign and stamp as pfx_strip's.  An anchor line keeps it all. */
static const char *
pfx_line_strip(const struct pfx_learned *L, const char *raw, const char *t,
    const char *e, bool *had, bool *foreign, char *stamp, size_t slen)
{
	const char *c = t, *q, *in;

	*had = *foreign = false;
	if (oomprefix_anchor(t, (size_t)(e - t)))
		return c;
	if ((q = pfx_learned_strip(L, t, e, foreign)) != NULL) {
		*had = true;
		pfx_learned_stamp(stamp, slen, t, q);
		c = q;
		if (!*foreign) {	/* an inner known prefix too */
			bool h2, f2;
			char st2[48];
			const char *c2 = pfx_strip(c, e, &h2, &f2, st2, sizeof st2);
			if (h2 && !f2)
				c = c2;
		}
		return c;
	}
	c = pfx_strip(raw, e, had, foreign, stamp, slen);
	if (!*had && (in = pfx_inner_stamp(t, e, stamp, slen)) != NULL) {
		*had = true;
		c = in;
	}
	return c;
}

static void
pfx_build(const char *text, size_t len, const struct pfx_learned *L,
    struct oom_lines *ls)
{
	const char *cur = text, *end = text + len;
	bool open = false, open_prefixed = false, glued = false;
	int lineno = 0;
	size_t prev_len = 0;
	struct pfx_open o = { -1, 0, false, 0 };

	for (;;) {
		size_t n;
		const char *raw = next_line(&cur, end, &n);
		if (raw == NULL)
			break;
		if (!glued)		/* the rest of a glued line keeps its number */
			lineno++;
		glued = false;
		const char *e = raw + n;
		while (e > raw && (e[-1] == '\r' || e[-1] == '\n'))
			e--;
		pfx_unbold(&raw, &e);
		const char *g = L->any ? pfx_glued(L, pfx_skip_quote(raw, e), e) : NULL;
		const char *sel_end = NULL;
		if (g != NULL) {
			e = g;
			cur = g;
			glued = true;
		} else if ((g = pfx_after_select(raw, e, &sel_end)) != NULL) {
			e = sel_end;
			cur = g;
			glued = true;
		} else if ((g = pfx_next_record(pfx_skip_quote(raw, e), e)) != NULL) {
			e = g;
			cur = g;
			glued = true;
		}
		size_t raw_len = prev_len;
		prev_len = (size_t)(e - raw);
		size_t sl = strlen(L->suffix);
		if (sl > 0 && (size_t)(e - raw) >= sl && memcmp(e - sl, L->suffix, sl) == 0)
			e -= sl;
		const char *t = pfx_skip_quote(raw, e);
		if (t == e || pfx_is_elision(t, e)) {	/* blank (or a bare "> ") */
			open = false;
			continue;
		}
		bool had, foreign;
		char stamp[48] = "";
		const char *c = pfx_line_strip(L, raw, t, e, &had, &foreign,
		    stamp, sizeof stamp);
		/* a header whose prefix matched nothing learned: its comm is
		 * the word before the marker */
		const char *mk;
		if (!had && L->any && (mk = pfx_header_marker(t, e)) != NULL) {
			const char *w = mk;
			while (w > t && w[-1] != ' ')
				w--;
			if (w > t) {
				had = true;
				pfx_set_stamp(stamp, sizeof stamp, t, w);
				c = w;
			}
		}
		while (c < e && (*c == ' ' || *c == '\t'))
			c++;
		/* a prefix left alone on its line (a mailer broke right after
		 * it) takes the next line as its body, whatever that is; a
		 * header's wrapped tail starts with one of its keys */
		bool bare = open && ls->n > 0 && !had && ((open_prefixed &&
		    ls->v[ls->n - 1].len == 0) || pfx_header_tail(ls, &o, c, e));
		if (bare || (!had && open && open_prefixed &&
		    !oomprefix_anchor(c, (size_t)(e - c)) &&
		    pfx_header_marker(c, e) == NULL)) {
			const char *q = pfx_unquote(raw, e);
			struct oom_line *pl = &ls->v[ls->n - 1];
			const char *ps = ls->arena.p + pl->off;
			if (pfx_header_open(&o, ls)) {
				/* an open header's flag names go on: no
				 * indent, no continuation backslash */
				while (pl->len > 0 && (ps[pl->len - 1] == ' ' ||
				    ps[pl->len - 1] == '\t' || ps[pl->len - 1] == '\\')) {
					pl->len--;
					ls->arena.len--;
				}
				if (o.seen > pl->len)
					o.seen = pl->len;
				while (q < e && (*q == ' ' || *q == '\t'))
					q++;
			}
			if (pfx_join_blank(ls, q, e, L, raw_len))
				pfx_lines_append(ls, " ", 1);
			pfx_lines_append(ls, q, (size_t)(e - q));
			continue;
		}
		pfx_lines_seal(ls);
		pfx_lines_add(ls, lineno, had, foreign, stamp);
		pfx_lines_append(ls, c, (size_t)(e - c));
		open = true;
		open_prefixed = had;
	}
	pfx_lines_seal(ls);
}

static int
pfx_hex(char c)
{
	return isdigit((unsigned char)c) ? c - '0' :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A mail body in quoted-printable: soft breaks ("=" at a line's end, the
 * last line's too) and "=3D" escapes both present. */
static bool
pfx_is_qp(const char *s, size_t len)
{
	bool soft = false, esc = false;

	for (size_t i = 0; i + 1 < len && !(soft && esc); i++) {
		if (s[i] != '=')
			continue;
		if (s[i + 1] == '\n' || (i + 2 < len && s[i + 1] == '\r' && s[i + 2] == '\n'))
			soft = true;
		else if (i + 2 < len && s[i + 1] == '3' && s[i + 2] == 'D')
			esc = true;
	}
	return soft && esc;
}

/*
 * What a paste's transport did to the text, undone before reading: a
 * mail's quoted-printable encoding (RFC 2045: "=" line ends join, "=XX"
 * is a byte) and no-break spaces from HTML pages (U+00A0, "&nbsp;"),
 * which stand where the kernel printed blanks.  NULL when there is
 * nothing to undo.
 */
static char *
pfx_normalise(const char *s, size_t len, size_t *outlen)
{
	bool qp = pfx_is_qp(s, len);
	bool nbsp = memmem(s, len, "\xc2\xa0", 2) != NULL ||
	    memmem(s, len, "&nbsp;", 6) != NULL;

	if (!qp && !nbsp)
		return NULL;
	char *o = xmalloc(len ? len : 1);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		if (qp && s[i] == '=') {
			if (i + 1 < len && s[i + 1] == '\n') {
				i += 2;
				continue;
			}
			if (i + 2 < len && s[i + 1] == '\r' && s[i + 2] == '\n') {
				i += 3;
				continue;
			}
			if (i + 2 < len && pfx_hex(s[i + 1]) >= 0 && pfx_hex(s[i + 2]) >= 0) {
				o[n++] = (char)(pfx_hex(s[i + 1]) << 4 | pfx_hex(s[i + 2]));
				i += 3;
				continue;
			}
		}
		o[n++] = s[i++];
	}
	/* no-break spaces (decoded above or pasted as such) become blanks */
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		if (i + 1 < n && (unsigned char)o[i] == 0xc2 && (unsigned char)o[i + 1] == 0xa0) {
			o[k++] = ' ';
			i += 2;
		} else if (i + 5 < n && memcmp(o + i, "&nbsp;", 6) == 0) {
			o[k++] = ' ';
			i += 6;
		} else
			o[k++] = o[i++];
	}
	*outlen = k;
	return o;
}

void
oomprefix_lines(const char *text, size_t len, struct oom_lines *ls)
{
	struct pfx_learned L;
	size_t nlen;

	memset(ls, 0, sizeof *ls);
	if (text == NULL)
		return;
	char *norm = pfx_normalise(text, len, &nlen);
	if (norm) {
		text = norm;
		len = nlen;
	}
	pfx_learn_all(text, len, &L);
	pfx_learn_cut(text, len, &L);
	pfx_build(text, len, &L, ls);
	free(norm);
}

void
oomprefix_free(struct oom_lines *ls)
{
	buf_free(&ls->arena);
	free(ls->v);
	memset(ls, 0, sizeof *ls);
}
