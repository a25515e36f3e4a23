/*
 * util.h: allocation that aborts on exhaustion, growable text buffers,
 * strict number parsing and escaping of untrusted text for display.
 * Nothing here touches files or the terminal.
 */
#ifndef ZT_UTIL_H
#define ZT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The one range of the sampling interval, in seconds: -d, zonetoprc's
 * interval, the d prompt and the + and - keys. */
#define ZT_INTERVAL_MIN 0.05
#define ZT_INTERVAL_MAX 86400.0

/* These abort on exhaustion: they never return NULL. */
#define ZT_NONNULL __attribute__((returns_nonnull))
ZT_NONNULL void *xmalloc(size_t n);
ZT_NONNULL void *xcalloc(size_t nmemb, size_t size);
ZT_NONNULL void *xrealloc(void *p, size_t n);
ZT_NONNULL void *xreallocarray(void *p, size_t nmemb, size_t size);
ZT_NONNULL char *xstrdup(const char *s);
ZT_NONNULL char *xstrndup(const char *s, size_t n);
_Noreturn void zt_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable, always NUL-terminated byte buffer. */
struct zt_buf {
	char *p;
	size_t len, cap;
};
void buf_reserve(struct zt_buf *b, size_t extra);
void buf_add(struct zt_buf *b, const void *data, size_t n);
void buf_addc(struct zt_buf *b, char c);
void buf_printf(struct zt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct zt_buf *b, const char *fmt, va_list ap);
void buf_clear(struct zt_buf *b);
void buf_free(struct zt_buf *b);

/*
 * Parse a decimal integer at *p (leading blanks skipped, optional sign).
 * On success advance *p past it and return true.  Overflow, no digits:
 * false, *p unchanged.
 */
bool parse_i64(const char **p, int64_t *out);
bool parse_u64(const char **p, uint64_t *out);
/* Parse "12.34" style fixed-point as printed by the kernel. */
bool parse_double(const char **p, double *out);
/* Whole string must be one integer, blanks and one trailing newline allowed. */
bool parse_i64_str(const char *s, int64_t *out);

/* Next line of text: returns its start, sets *len (no '\n'); NULL at end. */
const char *next_line(const char **cursor, const char *end, size_t *len);

/* Copy at most dstlen-1 bytes and terminate. Returns strlen of src copied. */
size_t strlcpy0(char *dst, const char *src, size_t dstlen);

/*
 * Escape untrusted bytes for display: printable ASCII and valid,
 * printable UTF-8 pass through; control bytes become \n, \t, \e or \xNN,
 * invalid UTF-8 \xNN, and bidirectional overrides and zero-width
 * characters \u{NNNN}.  The output is always valid UTF-8.  Returns the
 * length written (truncating at dstlen-1 on a character boundary).
 */
size_t escape_text(char *dst, size_t dstlen, const char *src, size_t srclen);
/* The same into a buffer. */
void buf_add_escaped(struct zt_buf *b, const char *src, size_t srclen);
/*
 * Quote one word for a POSIX shell so that it can be pasted: as it is
 * when every byte is safe, else in single quotes; a word with control
 * bytes, invalid UTF-8, bidirectional or zero-width characters as $'...'
 * with those bytes as \xNN (bash, ksh, zsh).  The output is printable.
 */
void buf_add_shell_word(struct zt_buf *b, const char *src, size_t len);
/* Every argument of a NUL-separated argv (/proc/PID/cmdline), quoted,
 * separated by blanks. */
void buf_add_shell_argv(struct zt_buf *b, const char *argv, size_t len);

/* zonetop's own Unicode spelled in ASCII, for a terminal or locale
 * that is not UTF-8: "\u2192" (a call chain's arrow) as "->", since a
 * '?' there reads as the kernel's mark of an unreliable frame, and
 * "\u00b7" (a separator) as "|".  In place (it only shrinks); returns t. */
char *fold_ascii(char *t);

/* Format a size given in KiB as "1.5G", "980M", "12K" into buf. */
const char *fmt_kb(char *buf, size_t len, int64_t kb);

double mono_now(void);
/* dlopen(file) and its functions names[0..n) into f: the handle (kept
 * for the process's life), or NULL with why ("needs WHAT (dlerror)",
 * "WHAT has no NAME"); f means something only when the handle came. */
void *dl_functions(const char *file, const char *what,
    const char *const *names, size_t n, void **f, char *why, size_t whylen);

#endif
