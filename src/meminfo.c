/*
 * meminfo.c: the key/number files: /proc/meminfo (fs/proc/meminfo.c)
 * ("Key:   N kB", or "Key:   N" for the HugePages_* counts), /proc/vmstat
 * ("key N") and integer lists such as sys/vm/lowmem_reserve_ratio.
 *
 * Values are stored as printed: kB for meminfo, pages or events for
 * vmstat; no unit conversion happens here.  A line that is not exactly
 * the kernel's shape (a number that overflows, trailing junk, a unit
 * other than kB, a key too long to keep) is skipped rather than guessed
 * at, so a pasted "# source:" line or a cut-off last line costs nothing.
 */
#include "parsers.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define MEMINFO_LINE 256	/* the longest kernel line is under 64 */

/* Copy one line into a C string; false when it cannot be the kernel's
 * (too long, or carrying a NUL byte that would hide its tail). */
static bool
meminfo_copy_line(char *dst, size_t dstlen, const char *line, size_t len)
{
	if (len >= dstlen || memchr(line, '\0', len) != NULL)
		return false;
	memcpy(dst, line, len);
	dst[len] = '\0';
	if (len > 0 && dst[len - 1] == '\r')
		dst[len - 1] = '\0';
	return true;
}

/* Keys are printed by the kernel from fixed tables: letters, digits,
 * '_', '(' and ')' ("Active(anon)"); anything else is not a key. */
static bool
meminfo_key_ok(const char *k, size_t n)
{
	if (n == 0 || n >= sizeof(((struct zt_kv *)0)->key))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)k[i];
		if (!isalnum(c) && c != '_' && c != '(' && c != ')')
			return false;
	}
	return true;
}

static const char *
meminfo_skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* "Key:   N kB" or "Key:   N": true with key and value set. */
static bool
meminfo_line(const char *line, char *key, size_t keylen, int64_t *val)
{
	const char *colon = strchr(line, ':'), *p;

	if (colon == NULL || (size_t)(colon - line) >= keylen ||
	    !meminfo_key_ok(line, (size_t)(colon - line)))
		return false;
	memcpy(key, line, (size_t)(colon - line));
	key[colon - line] = '\0';
	p = colon + 1;
	if (*p != ' ' && *p != '\t')
		return false;
	if (!parse_i64(&p, val) || *val < 0)
		return false;
	p = meminfo_skip_blanks(p);
	if (p[0] == 'k' && p[1] == 'B')
		p = meminfo_skip_blanks(p + 2);
	return *p == '\0';
}

typedef bool (*kv_line_fn)(const char *, char *, size_t, int64_t *);

/* Every line that line_ok() accepts into kv; -1 when none did. */
static int
kv_parse(const char *text, size_t len, struct zt_kvs *kv, kv_line_fn line_ok,
    const char *shape, char *why, size_t whylen)
{
	const char *cur = text, *end = text + len, *line;
	char buf[MEMINFO_LINE], key[sizeof kv->v[0].key];
	size_t n;
	int64_t val;
	int got = 0;

	while (text != NULL && (line = next_line(&cur, end, &n)) != NULL) {
		if (!meminfo_copy_line(buf, sizeof buf, line, n))
			continue;
		if (!line_ok(buf, key, sizeof key, &val))
			continue;
		kvs_set(kv, key, val);
		got++;
	}
	if (got == 0) {
		snprintf(why, whylen, "no \"%s\" lines", shape);
		return -1;
	}
	return 0;
}

int
meminfo_parse(const char *text, size_t len, struct zt_kvs *kv,
    char *why, size_t whylen)
{
	return kv_parse(text, len, kv, meminfo_line, "Key: N kB", why, whylen);
}

/* "key N": a lower-case identifier, one blank, a number, nothing else. */
static bool
vmstat_line(const char *line, char *key, size_t keylen, int64_t *val)
{
	const char *p = line;
	size_t n = 0;

	while (islower((unsigned char)p[n]) || isdigit((unsigned char)p[n]) ||
	    p[n] == '_')
		n++;
	if (n == 0 || n >= keylen || (p[n] != ' ' && p[n] != '\t'))
		return false;
	memcpy(key, p, n);
	key[n] = '\0';
	p += n;
	/* counters are unsigned, but a few gauges (nr_*) may dip below 0
	 * per cpu and print as negative on old kernels: keep them */
	if (!parse_i64(&p, val))
		return false;
	p = meminfo_skip_blanks(p);
	return *p == '\0';
}

int
vmstat_parse(const char *text, size_t len, struct zt_kvs *kv,
    char *why, size_t whylen)
{
	return kv_parse(text, len, kv, vmstat_line, "key N", why, whylen);
}

int
intlist_parse(const char *text, size_t len, int64_t *out, int max)
{
	char buf[MEMINFO_LINE];
	const char *p;
	int n = 0;

	if (text == NULL || max <= 0)
		return -1;
	/* the kernel prints one line; a trailing newline is allowed */
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (!meminfo_copy_line(buf, sizeof buf, text, len) ||
	    strchr(buf, '\n') != NULL)
		return -1;
	p = buf;
	for (;;) {
		int64_t v;

		p = meminfo_skip_blanks(p);
		if (*p == '\0')
			break;
		if (!parse_i64(&p, &v))
			return -1;
		if (*p != '\0' && *p != ' ' && *p != '\t')
			return -1;
		/* more entries than the caller keeps: the first max are the
		 * lowest zones, the ones that matter */
		if (n < max)
			out[n++] = v;
	}
	return n > 0 ? n : -1;
}
