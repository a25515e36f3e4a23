/*
 * Fuzz util.c's readers of outside text, each against an oracle:
 *  - escape_text() / buf_add_escaped(), which every process name, command
 *    line, cgroup path and kernel string passes before display: the
 *    output is valid UTF-8, holds no control character (C0, DEL, C1), no
 *    line or paragraph separator, no bidirectional control and no
 *    invisible format character (General Category Cf); it decodes back
 *    to exactly the input (the escaping is lossless and unambiguous);
 *    cut to any size it stays valid UTF-8 and NUL-terminated.
 *  - parse_i64 / parse_u64 / parse_double / parse_i64_str against
 *    strtoll / strtoull / strtod on the same text.
 *  - next_line(): the lines and their newlines give back the input.
 *  - fold_ascii(), over explain's text (a pasted report's names in it):
 *    in place, never longer; no arrow or middle dot is left; folding
 *    again changes nothing; the bytes that are neither stay in order.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Length of the valid UTF-8 sequence at s and its code point; 0 when
 * invalid (overlong, surrogate, beyond U+10FFFF, cut short). */
static size_t
utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, c = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, c = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || (c >= 0xd800 && c <= 0xdfff) ||
	    c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/* What must never reach a terminal raw: controls, separators, and every
 * format character (Unicode 15 General Category Cf: bidi controls, zero
 * width characters, invisible tags...), plus the blank Hangul fillers
 * used to fake empty names. */
static int
forbidden(uint32_t c)
{
	static const uint32_t cf[][2] = {
		{ 0x00ad, 0x00ad }, { 0x0600, 0x0605 }, { 0x061c, 0x061c },
		{ 0x06dd, 0x06dd }, { 0x070f, 0x070f }, { 0x0890, 0x0891 },
		{ 0x08e2, 0x08e2 }, { 0x115f, 0x1160 }, { 0x180e, 0x180e },
		{ 0x200b, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x2064 },
		{ 0x2066, 0x206f }, { 0x3164, 0x3164 }, { 0xfeff, 0xfeff },
		{ 0xffa0, 0xffa0 }, { 0xfff9, 0xfffb }, { 0x110bd, 0x110bd },
		{ 0x110cd, 0x110cd }, { 0x13430, 0x1343f },
		{ 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a },
		{ 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
	};

	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return 1;
	for (size_t i = 0; i < sizeof cf / sizeof cf[0]; i++)
		if (c >= cf[i][0] && c <= cf[i][1])
			return 1;
	return 0;
}

static void
check_safe(const char *t, size_t n)
{
	const unsigned char *s = (const unsigned char *)t;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8(s + i, n - i, &cp);
		if (k == 0 || forbidden(cp))
			abort();
		i += k;
	}
}

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Undo the escaping into out; -1 on an escape escape_text never writes. */
static int
unescape(const char *s, size_t n, struct zt_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			buf_addc(out, s[i]);
			continue;
		}
		if (++i >= n)
			return -1;
		switch (s[i]) {
		case 'n': buf_addc(out, '\n'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 'e': buf_addc(out, 0x1b); break;
		case '\\': buf_addc(out, '\\'); break;
		case 'x':
			if (i + 2 >= n || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0)
				return -1;
			buf_addc(out, (char)(hex(s[i + 1]) * 16 + hex(s[i + 2])));
			i += 2;
			break;
		case 'u': {
			uint32_t c = 0;
			size_t j = i + 1;
			unsigned char u[4];
			if (j >= n || s[j] != '{')
				return -1;
			for (j++; j < n && s[j] != '}'; j++) {
				if (hex(s[j]) < 0)
					return -1;
				c = c * 16 + (uint32_t)hex(s[j]);
			}
			if (j >= n || c > 0x10ffff)
				return -1;
			if (c < 0x800) {
				u[0] = (unsigned char)(0xc0 | c >> 6);
				u[1] = (unsigned char)(0x80 | (c & 0x3f));
				buf_add(out, u, 2);
			} else if (c < 0x10000) {
				u[0] = (unsigned char)(0xe0 | c >> 12);
				u[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
				u[2] = (unsigned char)(0x80 | (c & 0x3f));
				buf_add(out, u, 3);
			} else {
				u[0] = (unsigned char)(0xf0 | c >> 18);
				u[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
				u[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
				u[3] = (unsigned char)(0x80 | (c & 0x3f));
				buf_add(out, u, 4);
			}
			i = j;
			break;
		}
		default:
			return -1;
		}
	}
	return 0;
}

static void
fuzz_escape(const char *t, size_t n)
{
	struct zt_buf b = { 0 }, back = { 0 };
	char small[64];

	buf_add_escaped(&b, t, n);
	check_safe(b.p ? b.p : "", b.len);
	if (unescape(b.p ? b.p : "", b.len, &back) < 0 || back.len != n ||
	    (n > 0 && memcmp(back.p, t, n) != 0))
		abort();
	/* cut short anywhere: still safe, terminated, length returned (on
	 * short inputs: this is the slow part) */
	for (size_t cap = 1; n <= 1024 && cap <= sizeof small; cap += 7) {
		size_t k = escape_text(small, cap, t, n);
		if (k >= cap || small[k] != '\0' || strlen(small) != k)
			abort();
		check_safe(small, k);
		if (k > b.len || memcmp(small, b.p ? b.p : "", k) != 0)
			abort();
	}
	buf_free(&b);
	buf_free(&back);
}

static void
fuzz_numbers(const char *z)
{
	const char *p = z, *s;
	int64_t v;
	uint64_t u;
	double d;
	char *end;

	while (*p == ' ' || *p == '\t')
		p++;
	s = z;
	errno = 0;
	long long ll = strtoll(p, &end, 10);
	int lerr = errno;
	if (parse_i64(&s, &v)) {
		/* what parse_i64 takes, strtoll reads the same */
		if (lerr != 0 || v != ll || s != end || v == INT64_MIN)
			abort();
	} else if (lerr == 0 && end != p && ll != INT64_MIN &&
	    (*p == '-' || (*p >= '0' && *p <= '9')) &&
	    (*p != '-' || (p[1] >= '0' && p[1] <= '9'))) {
		abort();	/* a plain number refused */
	}
	s = z;
	errno = 0;
	unsigned long long ull = strtoull(p, &end, 10);
	int uerr = errno;
	if (parse_u64(&s, &u)) {
		if (uerr != 0 || u != ull || s != end || *p == '-')
			abort();
	} else if (uerr == 0 && *p >= '0' && *p <= '9') {
		abort();
	}
	s = z;
	if (parse_double(&s, &d)) {
		/* strtod on just what was taken: it would read on ("1e5") */
		char *span = xstrndup(p, (size_t)(s - p));
		double ref = strtod(span, NULL);
		free(span);
		if (isnan(d) || fabs(d - ref) > 1e-9 * fabs(ref) + 1e-12)
			abort();
	}
	if (parse_i64_str(z, &v) && v == INT64_MIN)
		abort();
}

static void
fuzz_lines(const char *t, size_t n)
{
	const char *cur = t, *end = t + n, *line;
	struct zt_buf b = { 0 };
	size_t len;

	while ((line = next_line(&cur, end, &len)) != NULL) {
		buf_add(&b, line, len);
		if (cur > line + len)
			buf_addc(&b, '\n');
	}
	if (b.len != n || (n > 0 && memcmp(b.p, t, n) != 0))
		abort();
	buf_free(&b);
}

/* The oracle of fold_ascii: every "\u2192" is "->", every "\u00b7" "|",
 * all else kept: rebuilt here from the input, byte by byte. */
static void
fuzz_fold(const char *z, size_t len)
{
	char *t = malloc(len + 1), *want = malloc(len + 1);
	size_t w = 0;

	memcpy(t, z, len + 1);
	for (size_t i = 0; i < len;) {
		if (len - i >= 3 && memcmp(z + i, "\xe2\x86\x92", 3) == 0) {
			want[w++] = '-', want[w++] = '>';
			i += 3;
		} else if (len - i >= 2 && memcmp(z + i, "\xc2\xb7", 2) == 0) {
			want[w++] = '|';
			i += 2;
		} else
			want[w++] = z[i++];
	}
	want[w] = '\0';
	if (fold_ascii(t) != t || strcmp(t, want) != 0 ||
	    strlen(fold_ascii(t)) != w || strcmp(t, want) != 0)
		abort();
	free(t);
	free(want);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *exact = malloc(size ? size : 1), *z = malloc(size + 1);
	char kb[8];
	int64_t v = 0;

	memcpy(exact, data, size);
	fuzz_escape(exact, size);
	fuzz_lines(exact, size);
	memcpy(z, data, size);
	z[size] = '\0';
	fuzz_numbers(z);
	fuzz_fold(z, strlen(z));
	memcpy(&v, data, size < sizeof v ? size : sizeof v);
	fmt_kb(kb, sizeof kb, v);
	if (strlen(kb) >= sizeof kb)
		abort();
	free(exact);
	free(z);
	return 0;
}
