/*
 * util.c: see util.h.  Allocation failure is an impossible state for a
 * monitor whose footprint is bounded, so it aborts with a message
 * (tmux's xmalloc.c does the same).
 */
#include "util.h"

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "na.h"

_Noreturn void
zt_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("zonetop: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		zt_fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		zt_fatal("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		zt_fatal("out of memory (%zu bytes)", n);
	return q;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		zt_fatal("allocation overflow (%zu x %zu)", nmemb, size);
	return xrealloc(p, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
buf_reserve(struct zt_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len)
		zt_fatal("buffer overflow");
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
buf_add(struct zt_buf *b, const void *data, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_addc(struct zt_buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct zt_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;

	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct zt_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_clear(struct zt_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
buf_free(struct zt_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

bool
parse_u64(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '+')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	*p = s;
	return true;
}

bool
parse_i64(const char **p, int64_t *out)
{
	const char *s = *p;
	bool neg = false;
	uint64_t v;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-') {
		neg = true;
		s++;
	}
	/* "-+5", "- 5" and "-\t5" are not numbers */
	if (*s == '+' || *s == ' ' || *s == '\t')
		return false;
	if (!parse_u64(&s, &v))
		return false;
	if (neg) {
		/* INT64_MIN itself is refused: it is ZT_NA, "not available" */
		if (v > (uint64_t)INT64_MAX)
			return false;
		*out = -(int64_t)v;
	} else {
		if (v > (uint64_t)INT64_MAX)
			return false;
		*out = (int64_t)v;
	}
	*p = s;
	return true;
}

bool
parse_double(const char **p, double *out)
{
	const char *s = *p;
	int64_t ip;
	double v, scale = 0.1;
	bool neg;

	while (*s == ' ' || *s == '\t')
		s++;
	neg = *s == '-';
	if (!parse_i64(&s, &ip))
		return false;
	v = (double)(ip < 0 ? -ip : ip);
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return false;
		for (; isdigit((unsigned char)*s); s++) {
			v += (*s - '0') * scale;
			scale /= 10;
		}
	}
	*out = neg ? -v : v;
	*p = s;
	return true;
}

bool
parse_i64_str(const char *s, int64_t *out)
{
	if (!parse_i64(&s, out))
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\n')
		s++;
	return *s == '\0';
}

const char *
next_line(const char **cursor, const char *end, size_t *len)
{
	const char *s = *cursor, *nl;

	if (s >= end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(end - s));
	if (nl == NULL) {
		*len = (size_t)(end - s);
		*cursor = end;
	} else {
		*len = (size_t)(nl - s);
		*cursor = nl + 1;
	}
	return s;
}

size_t
strlcpy0(char *dst, const char *src, size_t dstlen)
{
	size_t n = strlen(src);

	if (dstlen == 0)
		return n;
	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

/* Length of a valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t
utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong, surrogates, beyond Unicode */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/* Characters that reorder or hide text: shown as \u{NNNN}.  C1
 * controls, and every format character (General Category Cf, Unicode
 * 15: bidi controls, zero width characters, invisible tags ...), and the
 * blank Hangul fillers that fake an empty name. */
static bool
is_sneaky(uint32_t c)
{
	static const uint32_t ranges[][2] = {
		{ 0x0080, 0x009f }, { 0x00ad, 0x00ad }, { 0x0600, 0x0605 },
		{ 0x061c, 0x061c }, { 0x06dd, 0x06dd }, { 0x070f, 0x070f },
		{ 0x0890, 0x0891 }, { 0x08e2, 0x08e2 }, { 0x115f, 0x1160 },
		{ 0x180e, 0x180e }, { 0x200b, 0x200f }, { 0x2028, 0x202e },
		{ 0x2060, 0x206f }, { 0x3164, 0x3164 }, { 0xfeff, 0xfeff },
		{ 0xffa0, 0xffa0 }, { 0xfff9, 0xfffb }, { 0x110bd, 0x110bd },
		{ 0x110cd, 0x110cd }, { 0x13430, 0x1343f },
		{ 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a },
		{ 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
	};

	if (c < 0x80)
		return false;
	for (size_t i = 0; i < ZT_ARRAY_LEN(ranges); i++)
		if (c >= ranges[i][0] && c <= ranges[i][1])
			return true;
	return false;
}

/* The escaped form of the character (or invalid byte) at s, into out
 * (at most 12 bytes, no NUL); its length, and in *used the source bytes
 * it stands for. */
static size_t
escape_one(const unsigned char *s, size_t len, char *out, size_t *used)
{
	uint32_t cp;
	size_t n = utf8_seq(s, len, &cp);

	*used = n == 0 ? 1 : n;
	if (n == 0)
		return (size_t)snprintf(out, 12, "\\x%02x", s[0]);
	if (n == 1 && (cp < 0x20 || cp == 0x7f)) {
		switch (cp) {
		case '\n': memcpy(out, "\\n", 2); return 2;
		case '\t': memcpy(out, "\\t", 2); return 2;
		case '\r': memcpy(out, "\\r", 2); return 2;
		case 0x1b: memcpy(out, "\\e", 2); return 2;
		default: return (size_t)snprintf(out, 12, "\\x%02x", (unsigned)cp);
		}
	}
	if (n == 1 && cp == '\\') {
		memcpy(out, "\\\\", 2);
		return 2;
	}
	if (is_sneaky(cp))
		return (size_t)snprintf(out, 12, "\\u{%04x}", (unsigned)cp);
	memcpy(out, s, n);
	return n;
}

void
buf_add_escaped(struct zt_buf *b, const char *src, size_t srclen)
{
	const unsigned char *s = (const unsigned char *)src;
	char one[12];

	for (size_t i = 0, used; i < srclen; i += used)
		buf_add(b, one, escape_one(s + i, srclen - i, one, &used));
}

/* Would the word show as it is: valid UTF-8, no control bytes, nothing
 * bidirectional or zero-width? */
static bool
shell_plain(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_seq(s + i, len - i, &cp);
		if (n == 0 || (n == 1 && (cp < 0x20 || cp == 0x7f)) || is_sneaky(cp))
			return false;
		i += n;
	}
	return true;
}

void
buf_add_shell_word(struct zt_buf *b, const char *src, size_t len)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_@%+=:,./-";
	const unsigned char *s = (const unsigned char *)src;
	size_t i;

	for (i = 0; i < len && s[i] != '\0' && strchr(safe, s[i]) != NULL; i++)
		;
	if (len > 0 && i == len) {
		buf_add(b, src, len);
		return;
	}
	if (shell_plain(s, len)) {
		/* single quotes keep everything but ', which closes, is
		 * escaped outside and reopens */
		buf_addc(b, '\'');
		for (i = 0; i < len; i++) {
			if (s[i] == '\'')
				buf_add(b, "'\\''", 4);
			else
				buf_addc(b, (char)s[i]);
		}
		buf_addc(b, '\'');
		return;
	}
	/* control bytes, invalid UTF-8, bidi or zero-width characters:
	 * $'...' (bash, ksh, zsh, POSIX 2024) spells every such byte as \xNN,
	 * so what is shown is what is pasted */
	buf_add(b, "$'", 2);
	for (i = 0; i < len; i++) {
		if (s[i] == '\'' || s[i] == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)s[i]);
		} else if (s[i] >= 0x20 && s[i] < 0x7f)
			buf_addc(b, (char)s[i]);
		else
			buf_printf(b, "\\x%02x", s[i]);
	}
	buf_addc(b, '\'');
}

void
buf_add_shell_argv(struct zt_buf *b, const char *argv, size_t len)
{
	size_t i = 0;

	/* /proc/PID/cmdline ends its last argument with a NUL too */
	if (len > 0 && argv[len - 1] == '\0')
		len--;
	while (i <= len) {
		const char *nul = memchr(argv + i, '\0', len - i);
		size_t n = nul != NULL ? (size_t)(nul - (argv + i)) : len - i;
		if (i > 0)
			buf_addc(b, ' ');
		buf_add_shell_word(b, argv + i, n);
		i += n + 1;
	}
}

char *
fold_ascii(char *t)
{
	static const struct { const char *u, *a; } fold[] = {
		{ "\u2192", "->" }, { "\u00b7", "|" },
	};
	char *r = t, *w = t;

	while (*r != '\0') {
		size_t i = 0;
		while (i < ZT_ARRAY_LEN(fold) &&
		    strncmp(r, fold[i].u, strlen(fold[i].u)) != 0)
			i++;
		if (i == ZT_ARRAY_LEN(fold)) {
			*w++ = *r++;
			continue;
		}
		/* the ASCII is never longer: w stays at or behind r */
		size_t al = strlen(fold[i].a);
		memcpy(w, fold[i].a, al);
		w += al;
		r += strlen(fold[i].u);
	}
	*w = '\0';
	return t;
}

size_t
escape_text(char *dst, size_t dstlen, const char *src, size_t srclen)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = 0;
	char one[12];

	if (dstlen == 0)
		return 0;
	/* character by character, each whole or not at all: a cut never
	 * leaves half a UTF-8 sequence or an escape ("\\x1" for "\\x1b") */
	for (size_t i = 0, used; i < srclen; i += used) {
		size_t k = escape_one(s + i, srclen - i, one, &used);
		if (n + k > dstlen - 1)
			break;
		memcpy(dst + n, one, k);
		n += k;
	}
	dst[n] = '\0';
	return n;
}

const char *
fmt_kb(char *buf, size_t len, int64_t kb)
{
	static const char units[] = "KMGTP";
	double v = (double)kb;
	int u = 0;

	if (!zt_have(kb)) {
		snprintf(buf, len, "n/a");
		return buf;
	}
	while ((v >= 1024 || v <= -1024) && u < 4) {
		v /= 1024;
		u++;
	}
	if (u == 0 || v >= 100 || v <= -100)
		snprintf(buf, len, "%.0f%c", v, units[u]);
	else
		snprintf(buf, len, "%.1f%c", v, units[u]);
	return buf;
}

double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void *
dl_functions(const char *file, const char *what, const char *const *names,
    size_t n, void **f, char *why, size_t whylen)
{
	void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		snprintf(why, whylen, "needs %s (%s)", what, dlerror());
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		void *fn = dlsym(h, names[i]);
		if (fn == NULL) {
			snprintf(why, whylen, "%s has no %s", what, names[i]);
			dlclose(h);
			return NULL;
		}
		f[i] = fn;
	}
	return h;
}
