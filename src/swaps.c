/*
 * swaps.c: /proc/swaps (swap_show(), mm/swapfile.c) into an array of
 * swap areas.
 *
 * The kernel prints the path first, escaped by seq_file_path(" \t\n\\"),
 * so a path holds no blank: spaces, tabs, newlines and backslashes come
 * out as \040 \011 \012 \134.  The other four columns are fixed words
 * and numbers, so a row is split from the right (priority, used, size,
 * type) and whatever is left is the path.  The header ("Filename ...")
 * changed its spacing around 5.8 and is only recognised, never parsed.
 */
#include "parsers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SWAPS_MAX 4096		/* MAX_SWAPFILES is 32 or less; be generous */

static bool
swaps_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The last blank-separated word of line[0..*n): returns its start and
 * sets *wlen; *n becomes the length before it.  NULL when none. */
static const char *
swaps_last_word(const char *line, size_t *n, size_t *wlen)
{
	size_t e = *n, b;

	while (e > 0 && swaps_blank(line[e - 1]))
		e--;
	b = e;
	while (b > 0 && !swaps_blank(line[b - 1]))
		b--;
	if (b == e)
		return NULL;
	*wlen = e - b;
	*n = b;
	return line + b;
}

/* A whole word as a number; false on junk or overflow. */
static bool
swaps_num(const char *w, size_t n, int64_t *out)
{
	char buf[32];
	const char *p = buf;

	if (n == 0 || n >= sizeof buf || memchr(w, '\0', n) != NULL)
		return false;
	memcpy(buf, w, n);
	buf[n] = '\0';
	return parse_i64(&p, out) && *p == '\0';
}

static bool
swaps_octal(char c)
{
	return c >= '0' && c <= '7';
}

/* Undo seq_file's escaping: "\NNN" (three octal digits) is one byte.
 * \000 is left as text: the kernel never escapes NUL, and a NUL would
 * cut the path short.  Truncates at dstlen - 1. */
static void
swaps_unescape(char *dst, size_t dstlen, const char *src, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + 1 < dstlen; i++) {
		if (src[i] == '\\' && i + 3 < n && swaps_octal(src[i + 1]) &&
		    swaps_octal(src[i + 2]) && swaps_octal(src[i + 3])) {
			int v = (src[i + 1] - '0') * 64 + (src[i + 2] - '0') * 8 +
			    (src[i + 3] - '0');
			if (v != 0 && v < 256) {
				dst[o++] = (char)v;
				i += 3;
				continue;
			}
		}
		dst[o++] = src[i];
	}
	dst[o] = '\0';
}

/* One row into d; false for anything that is not a swap row. */
static bool
swaps_row(const char *line, size_t n, struct zt_swapdev *d)
{
	const char *w;
	size_t wl;
	int64_t prio = 0, used = 0, size = 0;

	if ((w = swaps_last_word(line, &n, &wl)) == NULL || !swaps_num(w, wl, &prio))
		return false;
	if ((w = swaps_last_word(line, &n, &wl)) == NULL || !swaps_num(w, wl, &used))
		return false;
	if ((w = swaps_last_word(line, &n, &wl)) == NULL || !swaps_num(w, wl, &size))
		return false;
	if (size < 0 || used < 0 || used > size)
		return false;
	if ((w = swaps_last_word(line, &n, &wl)) == NULL ||
	    wl >= sizeof d->type || memchr(w, '\0', wl) != NULL)
		return false;
	memcpy(d->type, w, wl);
	d->type[wl] = '\0';
	/* the path: what is left, less the padding the kernel added */
	while (n > 0 && swaps_blank(line[n - 1]))
		n--;
	while (n > 0 && swaps_blank(line[0])) {
		line++;
		n--;
	}
	if (n == 0)
		return false;
	swaps_unescape(d->path, sizeof d->path, line, n);
	d->size_kb = size;
	d->used_kb = used;
	d->priority = prio;
	return true;
}

int
swaps_parse(const char *text, size_t len, struct zt_swapdev **devs,
    int *ndevs, char *why, size_t whylen)
{
	const char *cur = text, *end = text + len, *line;
	struct zt_swapdev *v = NULL, d;
	int n = 0, cap = 0;
	bool header = false, bad = false;	/* bad: a row not read */
	size_t ll;

	free(*devs);
	*devs = NULL;
	*ndevs = 0;
	while (text != NULL && (line = next_line(&cur, end, &ll)) != NULL) {
		if (ll > 0 && line[ll - 1] == '\r')
			ll--;
		if (ll >= 8 && memcmp(line, "Filename", 8) == 0) {
			header = true;
			continue;
		}
		if (ll == 0 || line[0] == '#')
			continue;
		/* zeroed: no bytes of an earlier row after a terminator */
		memset(&d, 0, sizeof d);
		if (!swaps_row(line, ll, &d)) {
			bad = true;
			continue;
		}
		if (n == SWAPS_MAX)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		v[n++] = d;
	}
	if (!header && n == 0) {
		free(v);
		snprintf(why, whylen, bad ? "no swap rows could be read" :
		    "no \"Filename\" header");
		return -1;
	}
	*devs = v;
	*ndevs = n;
	return 0;
}
