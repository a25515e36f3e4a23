/*
 * oomprefix.h: raw log text turned into the kernel's own lines, the
 * first pass of the OOM report reader (oomreport.c).
 *
 * A paste carries whatever its log tool put before each kernel line:
 * dmesg [timestamps] (-T dates in any locale, -H relative times), syslog
 * and journal dates with a host (or an empty host field) and "kernel:",
 * grep -n line numbers, <N> levels, printk caller ids, logcat fields,
 * mail quote marks.  The reader does not list these forms: it finds the
 * lines whose text starts with a message body the kernel prints (an
 * anchor: "CPU: N PID:", "Mem-Info:", "Node N DMA free:", ...), learns the
 * shape of what stands before the anchor on those lines (digits, letters
 * and punctuation, blanks ignored), and strips every line of the paste
 * that starts with a learned shape.  A few forms are also known without
 * learning (they tell another program's syslog line from the kernel's).
 * Lines of a prefixed paste that carry no prefix continue the line
 * before them (mail and forum wrapping, told apart from a terminal's hard
 * cut); rsyslog's "#012" and a literal "\x0a" split one line into
 * several; quoted-printable, no-break spaces and a JSON line's closing
 * quote are undone.  Text before no anchor is never read as a value.
 */
#ifndef ZT_OOMPREFIX_H
#define ZT_OOMPREFIX_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define OOM_LINE_MAX	65536	/* longer lines are cut: none of ours is */

/* A line of kernel text, after its log prefix. */
struct oom_line {
	size_t off, len;		/* in the arena, NUL-terminated there */
	int lineno;			/* 1-based, of its first raw line */
	bool prefixed;			/* a log prefix was stripped */
	bool foreign;			/* a syslog line of another program */
	char stamp[48];			/* the prefix's time, or "" */
};

struct oom_lines {
	struct zt_buf arena;
	struct oom_line *v;
	int n, cap;
};

/* Split text into kernel lines (ls is overwritten; free it with
 * oomprefix_free).  Never fails. */
void oomprefix_lines(const char *text, size_t len, struct oom_lines *ls);
void oomprefix_free(struct oom_lines *ls);

/* True when s (n bytes) starts with a message body the kernel prints in
 * an OOM report (the anchors the prefix is learned from). */
bool oomprefix_anchor(const char *s, size_t n);

#endif
