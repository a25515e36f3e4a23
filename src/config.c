/*
 * config.c: zonetoprc, parsed line by line (format in config.h).  Every
 * line is KEY = VALUE, a comment or blank; a line that is not, or whose
 * value is out of range, is reported with its number and skipped, and
 * the settings of the other lines stand.  A later line wins over an
 * earlier one with the same key.  Quoted text in messages is escaped:
 * the file may hold anything.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CFG_QUOTE 40		/* bytes of a bad value quoted in a message */

static const char *const color_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"brightblack", "brightred", "brightgreen", "brightyellow", "brightblue",
	"brightmagenta", "brightcyan", "brightwhite",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "normal", 0 }, { "bold", CFG_A_BOLD }, { "dim", CFG_A_DIM },
	{ "underline", CFG_A_UNDERLINE }, { "reverse", CFG_A_REVERSE },
};

/* One line being parsed, for messages. */
struct cfg_line {
	const char *name;
	long no;
	struct zt_buf *errs;
	int bad;
};

static void __attribute__((format(printf, 2, 3)))
cfg_error(struct cfg_line *l, const char *fmt, ...)
{
	va_list ap;

	buf_printf(l->errs, "%s:%ld: ", l->name, l->no);
	va_start(ap, fmt);
	buf_vprintf(l->errs, fmt, ap);
	va_end(ap);
	buf_addc(l->errs, '\n');
	l->bad++;
}

/* s (n bytes) escaped and cut for a message. */
static const char *
cfg_quote(char *buf, size_t len, const char *s, size_t n)
{
	escape_text(buf, len, s, n > CFG_QUOTE ? CFG_QUOTE : n);
	return buf;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* [*s, *e) without blanks at either end. */
static void
trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

/* The next word of [*p, end) split at blanks (and commas when commas),
 * NUL-terminated into buf; false at the end or when it does not fit. */
static bool
next_word(const char **p, const char *end, bool commas, char *buf, size_t len,
    bool *too_long)
{
	const char *s;
	size_t n;

	while (*p < end && (is_blank(**p) || (commas && **p == ',')))
		(*p)++;
	if (*p == end)
		return false;
	s = *p;
	while (*p < end && !is_blank(**p) && !(commas && **p == ','))
		(*p)++;
	n = (size_t)(*p - s);
	*too_long = n >= len;
	if (*too_long)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return true;
}

/* Index of word in a vocabulary list, -1 when it is not there. */
static int
vocab_find(const char *const *list, int n, const char *word)
{
	for (int i = 0; i < n; i++)
		if (list[i] != NULL && strcasecmp(list[i], word) == 0)
			return i;
	return -1;
}

static void
vocab_list(struct zt_buf *b, const char *const *list, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		if (list[i] != NULL)
			buf_printf(b, "%s%s", k++ ? " " : "", list[i]);
}

static void
set_interval(struct cfg_line *l, const char *v, size_t n, struct zt_config *c)
{
	char buf[64], q[CFG_QUOTE * 4 + 8], *end;
	double d;
	/* a value too long for buf is no interval: cut, its tail unread */
	size_t m = n < sizeof buf ? n : 0;

	memcpy(buf, v, m);
	buf[m] = '\0';
	errno = 0;
	d = strtod(buf, &end);
	if (end != buf && *end == 's')
		end++;
	if (errno || end == buf || *end != '\0' || !isfinite(d) ||
	    d < ZT_INTERVAL_MIN || d > ZT_INTERVAL_MAX) {
		cfg_error(l, "interval: seconds from 0.05 to 86400, not '%s'",
		    cfg_quote(q, sizeof q, v, n));
		return;
	}
	c->have_interval = true;
	c->interval = d;
}

/* A colour: a name, "default" or 0..255; -3 when it is none of those. */
static int
color_value(const char *w)
{
	int64_t v;

	if (strcasecmp(w, "default") == 0)
		return CFG_COLOR_DEFAULT;
	for (int i = 0; i < 16; i++)
		if (strcasecmp(w, color_names[i]) == 0)
			return i;
	if (parse_i64_str(w, &v) && v >= 0 && v <= 255 && w[0] >= '0' &&
	    w[0] <= '9')
		return (int)v;
	return -3;
}

static void
set_color(struct cfg_line *l, const char *role, size_t rlen, const char *v,
    size_t n, const struct cfg_vocab *voc, struct zt_config *c)
{
	char w[48], q[CFG_QUOTE * 4 + 8];
	const char *p = v, *end = v + n;
	struct cfg_color col = { .set = true, .fg = CFG_COLOR_KEEP,
	    .bg = CFG_COLOR_KEEP };
	bool too_long, have_color = false;
	int r = -1;

	if (rlen < sizeof w && memchr(role, '\0', rlen) == NULL) {
		memcpy(w, role, rlen);
		w[rlen] = '\0';
		r = vocab_find(voc->roles, voc->nroles, w);
	}
	if (r < 0 || r >= CFG_MAX_ROLES) {
		struct zt_buf names = { 0 };
		vocab_list(&names, voc->roles, voc->nroles);
		cfg_error(l, "no colour role '%s' (roles: %s)",
		    cfg_quote(q, sizeof q, role, rlen), names.p ? names.p : "");
		buf_free(&names);
		return;
	}
	while (next_word(&p, end, false, w, sizeof w, &too_long)) {
		size_t a;
		char *comma;

		for (a = 0; a < ZT_ARRAY_LEN(attr_names); a++)
			if (strcasecmp(w, attr_names[a].name) == 0)
				break;
		if (!too_long && a < ZT_ARRAY_LEN(attr_names)) {
			col.attrs |= attr_names[a].bit;
			col.attrs_set = true;
			continue;
		}
		/* FG[,BG], either side may be empty: ",blue" keeps FG */
		comma = strchr(w, ',');
		if (comma != NULL)
			*comma = '\0';
		int fg = w[0] ? color_value(w) : CFG_COLOR_KEEP;
		int bg = comma == NULL ? CFG_COLOR_KEEP :
		    comma[1] ? color_value(comma + 1) : CFG_COLOR_KEEP;
		if (too_long || have_color || fg == -3 || bg == -3 ||
		    (comma != NULL && strchr(comma + 1, ',') != NULL)) {
			cfg_error(l, "color.%s: '%s' is not [ATTRIBUTE...] FG[,BG]: "
			    "colours are default, black, red, green, yellow, blue, "
			    "magenta, cyan, white, bright..., 0-255; attributes "
			    "normal, bold, dim, underline, reverse",
			    voc->roles[r], cfg_quote(q, sizeof q, v, n));
			return;
		}
		col.fg = fg;
		col.bg = bg;
		have_color = true;
	}
	c->color[r] = col;
}

static void
set_columns(struct cfg_line *l, const char *v, size_t n,
    const struct cfg_vocab *voc, struct zt_config *c)
{
	char w[32], q[CFG_QUOTE * 4 + 8];
	const char *p = v, *end = v + n;
	int cols[CFG_MAX_COLS], k = 0;
	bool too_long, seen[CFG_MAX_COLS] = { false };

	while (next_word(&p, end, true, w, sizeof w, &too_long)) {
		int i = too_long ? -1 : vocab_find(voc->cols, voc->ncols, w);
		if (i < 0 || i >= CFG_MAX_COLS) {
			struct zt_buf names = { 0 };
			vocab_list(&names, voc->cols, voc->ncols);
			cfg_error(l, "columns: no column '%s' (columns: %s)",
			    cfg_quote(q, sizeof q, w, strlen(w)),
			    names.p ? names.p : "");
			buf_free(&names);
			return;
		}
		if (seen[i]) {
			cfg_error(l, "columns: %s named twice", voc->cols[i]);
			return;
		}
		seen[i] = true;
		cols[k++] = i;
	}
	if (k == 0) {
		cfg_error(l, "columns: none named");
		return;
	}
	memcpy(c->cols, cols, (size_t)k * sizeof *cols);
	c->ncols = k;
}

static void
set_sort(struct cfg_line *l, const char *v, size_t n,
    const struct cfg_vocab *voc, struct zt_config *c)
{
	char w[32], d[32], q[CFG_QUOTE * 4 + 8];
	const char *p = v, *end = v + n;
	bool too_long = false, too_long2 = false;
	int col = -1, dir = CFG_SORT_NATURAL;

	if (next_word(&p, end, false, w, sizeof w, &too_long) && !too_long)
		col = vocab_find(voc->cols, voc->ncols, w);
	if (col >= 0 && next_word(&p, end, false, d, sizeof d, &too_long2)) {
		if (!too_long2 && (strcasecmp(d, "asc") == 0 ||
		    strcasecmp(d, "ascending") == 0))
			dir = CFG_SORT_ASC;
		else if (!too_long2 && (strcasecmp(d, "desc") == 0 ||
		    strcasecmp(d, "descending") == 0))
			dir = CFG_SORT_DESC;
		else
			col = -1;
		if (next_word(&p, end, false, d, sizeof d, &too_long2))
			col = -1;
	}
	if (col < 0 || col >= CFG_MAX_COLS) {
		cfg_error(l, "sort: '%s' is not a column and asc or desc",
		    cfg_quote(q, sizeof q, v, n));
		return;
	}
	c->have_sort = true;
	c->sort = col;
	c->sort_dir = dir;
}

static void
set_protect(struct cfg_line *l, const char *v, size_t n, struct zt_config *c)
{
	char buf[32], q[CFG_QUOTE * 4 + 8];
	int64_t x;

	if (n < sizeof buf) {
		memcpy(buf, v, n);
		buf[n] = '\0';
	}
	if (n >= sizeof buf || !parse_i64_str(buf, &x) || x < -1000 || x > 0) {
		cfg_error(l, "protect_level: an oom_score_adj from -1000 to 0, "
		    "not '%s'", cfg_quote(q, sizeof q, v, n));
		return;
	}
	c->have_protect_level = true;
	c->protect_level = (int)x;
}

static bool
key_is(const char *k, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(k, name, n) == 0;
}

static void
parse_line(struct cfg_line *l, const char *s, const char *e,
    const struct cfg_vocab *voc, struct zt_config *c)
{
	const char *eq, *ks = s, *ke, *vs, *ve, *hash;
	char q[CFG_QUOTE * 4 + 8];

	if (memchr(s, '\0', (size_t)(e - s)) != NULL) {
		cfg_error(l, "a NUL byte: not a text line");
		return;
	}
	/* '#' starts a comment anywhere: no value holds one */
	if ((hash = memchr(s, '#', (size_t)(e - s))) != NULL)
		e = hash;
	trim(&s, &e);
	if (s == e)
		return;
	if ((eq = memchr(s, '=', (size_t)(e - s))) == NULL) {
		cfg_error(l, "'%s' is not KEY = VALUE",
		    cfg_quote(q, sizeof q, s, (size_t)(e - s)));
		return;
	}
	ks = s;
	ke = eq;
	vs = eq + 1;
	ve = e;
	trim(&ks, &ke);
	trim(&vs, &ve);
	size_t kn = (size_t)(ke - ks), vn = (size_t)(ve - vs);
	if (vn == 0) {
		cfg_error(l, "%s: no value", cfg_quote(q, sizeof q, ks, kn));
		return;
	}
	if (key_is(ks, kn, "interval"))
		set_interval(l, vs, vn, c);
	else if (kn > 6 && strncasecmp(ks, "color.", 6) == 0)
		set_color(l, ks + 6, kn - 6, vs, vn, voc, c);
	else if (kn > 7 && strncasecmp(ks, "colour.", 7) == 0)
		set_color(l, ks + 7, kn - 7, vs, vn, voc, c);
	else if (key_is(ks, kn, "columns"))
		set_columns(l, vs, vn, voc, c);
	else if (key_is(ks, kn, "sort"))
		set_sort(l, vs, vn, voc, c);
	else if (key_is(ks, kn, "protect_level"))
		set_protect(l, vs, vn, c);
	else
		cfg_error(l, "unknown setting '%s' (settings: interval, color.ROLE, "
		    "columns, sort, protect_level)", cfg_quote(q, sizeof q, ks, kn));
}

int
config_parse(const char *name, const char *text, size_t len,
    const struct cfg_vocab *vocab, struct zt_config *cfg, struct zt_buf *errs)
{
	struct cfg_line l = { name, 0, errs, 0 };
	const char *p = text, *end = text + len;

	memset(cfg, 0, sizeof *cfg);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end;

		l.no++;
		parse_line(&l, p, e, vocab, cfg);
		p = nl != NULL ? nl + 1 : end;
	}
	return l.bad;
}

const char *
config_path(char *buf, size_t len, const char *xdg, const char *home)
{
	int n;

	/* the XDG base directory spec: a relative value is ignored */
	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, len, "%s/zonetop/zonetoprc", xdg);
	else if (home != NULL && home[0] == '/')
		n = snprintf(buf, len, "%s/.config/zonetop/zonetoprc", home);
	else
		return NULL;
	return n > 0 && (size_t)n < len ? buf : NULL;
}
