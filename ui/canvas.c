/*
 * canvas.c: the cell grid the screen is drawn into (see canvas.h).  It
 * owns the cells; widths come from wcwidth() in the current locale, so a
 * wide process name takes two cells here as it will on the terminal.
 */
#include "canvas.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../src/util.h"

static const struct ui_glyphs glyphs_utf8 = {
	.bar_free = "\u2588", .bar_used = "\u2591",
	.eighth = { "", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b",
	    "\u258a", "\u2589" },
	.spark = { "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
	    "\u2587", "\u2588" },
	.shade = { "\u00b7", "\u2591", "\u2592", "\u2593", "\u2588" },
	.yes = "\u2713", .no = "\u2717", .none = "-",
	.sep = " \u00b7 ",
	.up = "\u25b2", .down = "\u25bc",
	.victim = "\u25b6", .unkillable = "\u00d7",
	.ellipsis = "\u2026",
	.brk = "\u250a",
};

static const struct ui_glyphs glyphs_ascii = {
	.bar_free = "#", .bar_used = ".",
	.eighth = { "", ".", ".", ".", "#", "#", "#", "#" },
	.spark = { "_", "_", ".", "-", "-", "=", "*", "#" },
	.shade = { ".", "-", "+", "*", "#" },
	.yes = "y", .no = "N", .none = "-",
	.sep = " | ",
	.up = "^", .down = "v",
	.victim = ">", .unkillable = "x",
	.ellipsis = "~",
	.brk = ":",
};

void
canvas_init(struct canvas *cv, int w, int h, bool ascii)
{
	cv->w = w > 0 ? w : 0;
	cv->h = h > 0 ? h : 0;
	cv->ascii = ascii;
	cv->c = xcalloc((size_t)cv->w * (size_t)cv->h + 1, sizeof *cv->c);
	canvas_clear(cv);
}

void
canvas_free(struct canvas *cv)
{
	free(cv->c);
	cv->c = NULL;
	cv->w = cv->h = 0;
}

void
canvas_resize(struct canvas *cv, int w, int h)
{
	bool ascii = cv->ascii;

	canvas_free(cv);
	canvas_init(cv, w, h, ascii);
}

void
canvas_clear(struct canvas *cv)
{
	size_t n = (size_t)cv->w * (size_t)cv->h;

	for (size_t i = 0; i < n; i++)
		cv->c[i] = (struct ui_cell){ ' ', RL_NORMAL, 0 };
}

const struct ui_glyphs *
canvas_glyphs(const struct canvas *cv)
{
	return cv->ascii ? &glyphs_ascii : &glyphs_utf8;
}

const struct ui_cell *
canvas_cell(const struct canvas *cv, int y, int x)
{
	if (y < 0 || y >= cv->h || x < 0 || x >= cv->w)
		return NULL;
	return &cv->c[(size_t)y * (size_t)cv->w + (size_t)x];
}

static struct ui_cell *
cell_at(struct canvas *cv, int y, int x)
{
	return (struct ui_cell *)canvas_cell(cv, y, x);
}

int
canvas_utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	int n;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		n = 2;
		c = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		n = 3;
		c = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		n = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (int i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	/* overlong forms and surrogates are not characters */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return n;
}

/* Columns of one code point as it will be drawn; 0 drops it. */
static int
char_width(const struct canvas *cv, uint32_t *cp)
{
	int w;

	if (*cp < 0x20 || *cp == 0x7f) {
		*cp = '?';
		return 1;
	}
	if (*cp < 0x7f)
		return 1;
	if (cv->ascii) {
		*cp = '?';
		return 1;
	}
	w = wcwidth((wchar_t)*cp);
	if (w < 0) {
		*cp = '?';
		return 1;
	}
	return w;
}

int
canvas_width(const struct canvas *cv, const char *s)
{
	int cols = 0;

	while (*s != '\0') {
		uint32_t cp;
		s += canvas_utf8_decode(s, &cp);
		cols += char_width(cv, &cp);
	}
	return cols;
}

int
canvas_put(struct canvas *cv, int y, int x, int maxw, int role, const char *s)
{
	int limit, col = x;

	if (y < 0 || y >= cv->h || s == NULL)
		return 0;
	limit = maxw < 0 ? cv->w : x + maxw;
	if (limit > cv->w)
		limit = cv->w;
	while (*s != '\0' && col < limit) {
		uint32_t cp;
		int w;

		s += canvas_utf8_decode(s, &cp);
		w = char_width(cv, &cp);
		if (w == 0)
			continue;
		if (col + w > limit)
			break;
		if (col >= 0) {
			struct ui_cell *c = cell_at(cv, y, col);
			/* overwriting half of a wide character blanks the other half */
			if (c->flags & CELL_CONT && col > 0)
				cell_at(cv, y, col - 1)->ch = ' ';
			*c = (struct ui_cell){ cp, (uint8_t)role, 0 };
			if (w == 2)
				*cell_at(cv, y, col + 1) =
				    (struct ui_cell){ 0, (uint8_t)role, CELL_CONT };
			if (col + w < cv->w) {
				struct ui_cell *n = cell_at(cv, y, col + w);
				if (n->flags & CELL_CONT)
					*n = (struct ui_cell){ ' ', n->role, 0 };
			}
		}
		col += w;
	}
	return col - x;
}

int
canvas_printf(struct canvas *cv, int y, int x, int maxw, int role,
    const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return canvas_put(cv, y, x, maxw, role, buf);
}

int
canvas_put_right(struct canvas *cv, int y, int x, int w, int role,
    const char *s)
{
	int sw = canvas_width(cv, s);

	if (sw > w)
		return canvas_put(cv, y, x, w, role, s);
	return canvas_put(cv, y, x + w - sw, sw, role, s);
}

void
canvas_fill(struct canvas *cv, int y, int x, int n, int role, const char *ch)
{
	for (int i = 0; i < n; i++)
		canvas_put(cv, y, x + i, 1, role, ch);
}

void
canvas_set_role(struct canvas *cv, int y, int x, int n, int role)
{
	for (int i = 0; i < n; i++) {
		struct ui_cell *c = cell_at(cv, y, x + i);
		if (c != NULL)
			c->role = (uint8_t)role;
	}
}

void
canvas_set_flag(struct canvas *cv, int y, int x, int n, int flag)
{
	for (int i = 0; i < n; i++) {
		struct ui_cell *c = cell_at(cv, y, x + i);
		if (c != NULL)
			c->flags |= (uint8_t)flag;
	}
}

void
canvas_copy_rows(struct canvas *dst, int dy, const struct canvas *src, int sy,
    int n)
{
	int w = dst->w < src->w ? dst->w : src->w;

	for (int i = 0; i < n; i++) {
		if (dy + i < 0 || dy + i >= dst->h || sy + i < 0 || sy + i >= src->h)
			continue;
		memcpy(cell_at(dst, dy + i, 0), canvas_cell(src, sy + i, 0),
		    (size_t)w * sizeof *dst->c);
	}
}

void
canvas_blit(struct canvas *dst, int dy, int dx, const struct canvas *src)
{
	for (int y = 0; y < src->h; y++) {
		struct ui_cell *l = cell_at(dst, dy + y, dx - 1);
		struct ui_cell *f = cell_at(dst, dy + y, dx);
		struct ui_cell *r = cell_at(dst, dy + y, dx + src->w);

		/* wide characters of dst cut in half at either edge */
		if (l != NULL && f != NULL && f->flags & CELL_CONT)
			l->ch = ' ';
		if (r != NULL && r->flags & CELL_CONT)
			*r = (struct ui_cell){ ' ', r->role, 0 };
		for (int x = 0; x < src->w; x++) {
			struct ui_cell *d = cell_at(dst, dy + y, dx + x);
			if (d != NULL)
				*d = *canvas_cell(src, y, x);
		}
	}
}

/* Append code point cp to buf as UTF-8. */
static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

const char *
canvas_row(const struct canvas *cv, int y, char *buf, size_t len)
{
	size_t n = 0, keep = 0;

	if (len == 0)
		return buf;
	for (int x = 0; x < cv->w && y >= 0 && y < cv->h; x++) {
		const struct ui_cell *c = canvas_cell(cv, y, x);
		char tmp[4];
		size_t k;

		if (c->flags & CELL_CONT)
			continue;
		k = utf8_encode(c->ch, tmp);
		if (n + k >= len)
			break;
		memcpy(buf + n, tmp, k);
		n += k;
		if (c->ch != ' ')
			keep = n;
	}
	buf[keep] = '\0';
	return buf;
}
