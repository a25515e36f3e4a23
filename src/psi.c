/*
 * psi.c: /proc/pressure/memory (psi_show(), kernel/sched/psi.c;
 * 4.20+ with CONFIG_PSI).
 *
 *   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *
 * avgN are percentages of wall time, total is cumulative stall time in
 * microseconds.  The "full" line is missing on kernels and resources
 * that do not report it; its have stays false and its values n/a.  A
 * line missing any of the four fields, or carrying one that overflows,
 * is not used.
 */
#include "parsers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define PSI_LINE 256

static void
psi_line_init(struct zt_psi_line *l)
{
	l->have = false;
	l->avg10 = l->avg60 = l->avg300 = NAN;
	l->total_us = ZT_NA;
}

/* "avg10=1.23 avg60=... total=N" after the "some"/"full" word, into v
 * (set by psi_line_init); true with v->have when all four were read. */
static bool
psi_fields(const char *p, struct zt_psi_line *v)
{
	const struct {
		const char *name;
		double *avg;		/* NULL: the total */
	} f[] = {
		{ "avg10=", &v->avg10 }, { "avg60=", &v->avg60 },
		{ "avg300=", &v->avg300 }, { "total=", NULL },
	};
	unsigned seen = 0;

	for (;;) {
		size_t i;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		for (i = 0; i < ZT_ARRAY_LEN(f); i++)
			if (strncmp(p, f[i].name, strlen(f[i].name)) == 0)
				break;
		if (i == ZT_ARRAY_LEN(f) || (seen & (1u << i)))
			return false;
		p += strlen(f[i].name);
		if (*p < '0' || *p > '9')
			return false;
		if (f[i].avg != NULL) {
			/* a share of wall time: 0..100 */
			if (!parse_double(&p, f[i].avg) || *f[i].avg > 100.0)
				return false;
		} else if (!parse_i64(&p, &v->total_us))
			return false;
		if (*p != '\0' && *p != ' ' && *p != '\t')
			return false;
		seen |= 1u << i;
	}
	if (seen != 15)
		return false;
	v->have = true;
	return true;
}

int
psi_parse(const char *text, size_t len, struct zt_psi *psi,
    char *why, size_t whylen)
{
	const char *cur = text, *end = text + len, *line;
	char buf[PSI_LINE];
	size_t n;

	psi_line_init(&psi->some);
	psi_line_init(&psi->full);
	while (text != NULL && (line = next_line(&cur, end, &n)) != NULL) {
		struct zt_psi_line *l, v;

		if (n >= sizeof buf || memchr(line, '\0', n) != NULL)
			continue;
		memcpy(buf, line, n);
		buf[n] = '\0';
		if (strncmp(buf, "some ", 5) == 0)
			l = &psi->some;
		else if (strncmp(buf, "full ", 5) == 0)
			l = &psi->full;
		else
			continue;
		psi_line_init(&v);
		if (psi_fields(buf + 5, &v))
			*l = v;	/* a line is used whole or not at all */
	}
	psi->have = psi->some.have || psi->full.have;
	if (!psi->have) {
		snprintf(why, whylen, "no \"some avg10=...\" line");
		return -1;
	}
	return 0;
}
