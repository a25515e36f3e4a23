/*
 * buddyinfo.c: /proc/buddyinfo into zones[].buddy
 * (frag_show_print(), mm/vmstat.c).
 *
 * One line per populated zone, "Node %d, zone %8s" then "%6lu " per
 * order: the free blocks of each order, all migrate types together.  The
 * number of orders is what the line holds (11 on x86, 12 or 14 on arm64
 * with 16K or 64K pages), up to ZT_MAX_ORDER.  A zone zoneinfo did not
 * give us (zoneinfo unreadable) is appended with only its name, type and
 * buddy data.
 */
#include "parsers.h"

#include <string.h>

#include "util.h"

#define BUDDYINFO_LINE 1024	/* 16 orders of 20 digits fit easily */

/* Free block counts after the zone name; the number read, 0 if none.
 * A field that is not a count ends the line. */
static int
buddyinfo_orders(const char *p, int64_t *out)
{
	int n = 0;
	uint64_t v;

	while (n < ZT_MAX_ORDER) {
		const char *q = p;
		if (!parse_u64(&q, &v) || v > (uint64_t)INT64_MAX)
			break;
		if (*q != '\0' && *q != ' ' && *q != '\t' && *q != '\r')
			break;
		out[n++] = (int64_t)v;
		p = q;
	}
	return n;
}

int
buddyinfo_parse(const char *text, size_t len, struct zt_snapshot *s,
    char *why, size_t whylen)
{
	const char *cur = text, *end = text + len, *line, *p;
	char buf[BUDDYINFO_LINE], name[sizeof s->zones[0].name];
	int64_t orders[ZT_MAX_ORDER];
	int node, norders, i, cap = -1, found = 0, before = s->nzones;
	size_t n;

	while (text != NULL && (line = next_line(&cur, end, &n)) != NULL) {
		if (n >= sizeof buf)
			continue;	/* no kernel's; its tail may be cut */
		memcpy(buf, line, n);
		buf[n] = '\0';
		p = zoneinfo_header(buf, &node, name, sizeof name);
		if (p == NULL || (norders = buddyinfo_orders(p, orders)) == 0)
			continue;

		if ((i = zoneinfo_find_or_add(s, node, name, cur, end,
		    &cap)) < 0)
			continue;
		struct zt_zone *z = &s->zones[i];
		for (int o = 0; o < ZT_MAX_ORDER; o++)
			z->buddy[o] = o < norders ? orders[o] : ZT_NA;
		z->norders = norders;
		found++;
	}
	if (s->nzones > before)
		s->nnodes = zoneinfo_count_nodes(s);
	if (found == 0) {
		strlcpy0(why, "no zone lines", whylen);
		return -1;
	}
	return 0;
}
