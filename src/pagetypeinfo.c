/*
 * pagetypeinfo.c: /proc/pagetypeinfo into zones[].pt
 * (pagetypeinfo_show(), mm/vmstat.c).
 *
 * Per node with memory the kernel prints a header ("Page block order",
 * "Pages per block"), the free blocks per migrate type and order
 * ("Node    0, zone      DMA, type    Unmovable      0 ..."), then a
 * "Number of blocks type" header naming the types and one line of
 * pageblock counts per zone ("Node 0, zone      DMA            1 ...").
 * The block counts are matched to types by the header's names, never by
 * position in the free lists, whose order differs by version.  Free
 * counts are capped at 100000 since 5.4 and then printed ">100000".  The
 * "Number of mixed blocks" section (page_owner) looks like the block
 * counts and is skipped.  A zone zoneinfo did not give us (zoneinfo
 * unreadable, a capture without it) is appended with only its name and
 * type and its pt, as buddyinfo does: both print populated zones only.
 */
#include "parsers.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define PAGETYPEINFO_LINE 1024

enum pagetypeinfo_part {
	PT_NONE,
	PT_FREE,		/* free blocks per type and order */
	PT_BLOCKS,		/* "Number of blocks type" and its lines */
	PT_MIXED,		/* "Number of mixed blocks": skipped */
};

struct pagetypeinfo_state {
	enum pagetypeinfo_part part;
	int ncols;		/* columns of the last blocks header */
	char cols[ZT_MAX_MIGRATE][16];	/* "": name too long to keep */
};

static bool
pagetypeinfo_sep(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\r';
}

/* Next blank-separated word of p into w (NUL, or "" when too long). */
static const char *
pagetypeinfo_word(const char *p, char *w, size_t wlen)
{
	size_t n;

	p += strspn(p, " \t");
	n = strcspn(p, " \t\r");
	if (n < wlen) {
		memcpy(w, p, n);
		w[n] = '\0';
	} else
		w[0] = '\0';
	return p + n;
}

/* A count, or ">100000" when the kernel stopped counting. */
static bool
pagetypeinfo_count(const char **p, int64_t *out, bool *capped)
{
	const char *s = *p;
	uint64_t v = 0;

	s += strspn(s, " \t");
	*capped = *s == '>';
	if (*capped && (*++s < '0' || *s > '9'))
		return false;
	if (!parse_u64(&s, &v) || v > (uint64_t)INT64_MAX ||
	    !pagetypeinfo_sep(*s))
		return false;
	*out = (int64_t)v;
	*p = s;
	return true;
}

static struct zt_pagetype *
pagetypeinfo_of(struct zt_zone *z)
{
	if (z->pt == NULL) {
		struct zt_pagetype *pt = xcalloc(1, sizeof *pt);
		for (int t = 0; t < ZT_MAX_MIGRATE; t++) {
			pt->blocks[t] = ZT_NA;
			for (int o = 0; o < ZT_MAX_ORDER; o++)
				pt->free[t][o] = ZT_NA;
		}
		z->pt = pt;
	}
	return z->pt;
}

/* Index of a migrate type, added when new; -1 when full. */
static int
pagetypeinfo_type(struct zt_pagetype *pt, const char *name)
{
	for (int t = 0; t < pt->ntypes; t++)
		if (strcmp(pt->names[t], name) == 0)
			return t;
	if (pt->ntypes == ZT_MAX_MIGRATE)
		return -1;
	strlcpy0(pt->names[pt->ntypes], name, sizeof pt->names[0]);
	return pt->ntypes++;
}

/* "type    Unmovable      0      0 ..." after the zone header's ',' */
static void
pagetypeinfo_free(struct zt_zone *z, const char *p)
{
	struct zt_pagetype *pt;
	char word[16], tname[16];
	int64_t v;
	bool capped;
	int t, o;

	p = pagetypeinfo_word(p, word, sizeof word);
	if (strcmp(word, "type") != 0)
		return;
	p = pagetypeinfo_word(p, tname, sizeof tname);
	if (tname[0] == '\0')
		return;
	pt = pagetypeinfo_of(z);
	if ((t = pagetypeinfo_type(pt, tname)) < 0)
		return;
	for (o = 0; o < ZT_MAX_ORDER; o++) {
		if (!pagetypeinfo_count(&p, &v, &capped))
			break;
		pt->free[t][o] = v;
		pt->capped[t][o] = capped;
	}
	if (o > pt->norders)
		pt->norders = o;
}

/* The header's names after "Number of blocks type": "   Unmovable
 * Movable ..." */
static void
pagetypeinfo_columns(struct pagetypeinfo_state *st, const char *p)
{
	char word[16];

	st->ncols = 0;
	while (st->ncols < ZT_MAX_MIGRATE) {
		p += strspn(p, " \t\r");
		if (*p == '\0')
			break;
		p = pagetypeinfo_word(p, word, sizeof word);
		strlcpy0(st->cols[st->ncols++], word, sizeof st->cols[0]);
	}
}

/* "            1            7 ..." under the header's type names */
static void
pagetypeinfo_blocks(struct pagetypeinfo_state *st, struct zt_zone *z,
    const char *p)
{
	struct zt_pagetype *pt;
	int64_t v;
	bool capped;

	if (st->ncols == 0)
		return;
	pt = pagetypeinfo_of(z);
	for (int c = 0; c < st->ncols && pagetypeinfo_count(&p, &v, &capped);
	    c++) {
		int t;
		if (st->cols[c][0] == '\0' ||
		    (t = pagetypeinfo_type(pt, st->cols[c])) < 0)
			continue;
		pt->blocks[t] = v;
	}
}

/* Whether a zone line holds a count after its name (and type): a line a
 * short read cut names no zone for sure ("zone    DMA" may be the start
 * of "DMA32"), so only a whole one may add a zone zoneinfo did not. */
static bool
pagetypeinfo_whole(const char *p)
{
	char w[16];
	int64_t v;
	bool capped;

	if (*p == ',') {	/* ", type NAME", as pagetypeinfo_free() takes */
		p = pagetypeinfo_word(p + 1, w, sizeof w);
		if (strcmp(w, "type") != 0)
			return false;
		p = pagetypeinfo_word(p, w, sizeof w);
	}
	return pagetypeinfo_count(&p, &v, &capped);
}

/* The text after head when line starts with it, else NULL. */
static const char *
pagetypeinfo_after(const char *line, const char *head)
{
	size_t n = strlen(head);

	return strncmp(line, head, n) == 0 ? line + n : NULL;
}

int
pagetypeinfo_parse(const char *text, size_t len, struct zt_snapshot *s,
    char *why, size_t whylen)
{
	struct pagetypeinfo_state st = { .part = PT_NONE, .ncols = 0 };
	const char *cur = text, *end = text + len, *line, *p;
	char buf[PAGETYPEINFO_LINE], name[sizeof s->zones[0].name];
	int node, i, found = 0, cap = -1, before = s->nzones;
	int64_t v;
	size_t n;

	while (text != NULL && (line = next_line(&cur, end, &n)) != NULL) {
		if (n >= sizeof buf)
			continue;	/* no kernel's; its tail may be cut */
		memcpy(buf, line, n);
		buf[n] = '\0';

		if ((p = pagetypeinfo_after(buf, "Page block order:")) != NULL) {
			if (parse_i64(&p, &v) && v >= 0 && v < 64) {
				s->pageblock_order = (int)v;
				found++;
			}
			st.part = PT_NONE;
			continue;
		}
		if (pagetypeinfo_after(buf, "Free pages count per migrate") != NULL) {
			st.part = PT_FREE;
			continue;
		}
		if ((p = pagetypeinfo_after(buf, "Number of blocks type")) != NULL) {
			pagetypeinfo_columns(&st, p);
			st.part = PT_BLOCKS;
			continue;
		}
		if (pagetypeinfo_after(buf, "Number of mixed blocks") != NULL) {
			st.part = PT_MIXED;
			continue;
		}
		p = zoneinfo_header(buf, &node, name, sizeof name);
		if (p == NULL)
			continue;
		/* a free list line says ", type"; a counts line is known
		 * only by the header above it */
		if (*p != ',' && st.part != PT_BLOCKS)
			continue;
		found++;
		i = zoneinfo_find(s, node, name);
		if (i < 0 && pagetypeinfo_whole(p))
			i = zoneinfo_find_or_add(s, node, name, cur, end, &cap);
		if (i < 0)
			continue;
		if (*p == ',')
			pagetypeinfo_free(&s->zones[i], p + 1);
		else if (st.part == PT_BLOCKS)
			pagetypeinfo_blocks(&st, &s->zones[i], p);
	}
	if (s->nzones > before)
		s->nnodes = zoneinfo_count_nodes(s);
	if (found == 0) {
		strlcpy0(why, "no pagetypeinfo data", whylen);
		return -1;
	}
	return 0;
}
