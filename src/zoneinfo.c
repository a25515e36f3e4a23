/*
 * zoneinfo.c: /proc/zoneinfo into the snapshot's zones[]
 * (zoneinfo_show_print(), mm/vmstat.c).
 *
 * The file is a run of blocks, one per zone, each opened by
 * "Node %d, zone %8s".  Inside a block the lines are keyed: watermarks and
 * sizes with an 8-space indent, zone stat items with 4 (<= 4.7) or 6
 * (4.8+) spaces, "protection: (...)", pagesets, then the colon lines
 * (all_/node_unreclaimable:, start_pfn:).  Since 4.8 the node's first
 * populated zone also carries a "per-node stats" block, between the header
 * and "pages free", whose items use the old zone item names
 * (nr_inactive_anon ...) for node totals: that block is skipped so node
 * totals never pose as a zone's.  Every field a layout does not print
 * stays ZT_NA.
 *
 * Also here, shared by buddyinfo.c and pagetypeinfo.c: zone_init(), the
 * zone header reader and the zone lookup.
 */
#include "parsers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ZONEINFO_LINE	1024	/* no kernel line comes near this */
#define ZONEINFO_MAX_NODE 65535	/* MAX_NUMNODES is at most 1024 */

/* Where in a zone block the current line is. */
enum zoneinfo_part {
	ZI_HEAD,		/* after the header, before "pages free" */
	ZI_NODE,		/* the per-node block: node values, skipped */
	ZI_ZONE,		/* watermarks, sizes, zone items, protection */
	ZI_PCP,			/* "pagesets" and the lines after them */
};

/* LRU zone items of the zone being read: [0] pre-4.8 names, [1] 4.8+. */
enum { ZI_IANON, ZI_AANON, ZI_IFILE, ZI_AFILE, ZI_NLRU };

struct zoneinfo_state {
	struct zt_zone *cur;
	enum zoneinfo_part part;
	int64_t lru[2][ZI_NLRU];
	int64_t anon_lru, file_lru;	/* nr_zone_{anon,file}_lru, 4.8 era */
	int cap;
	signed char *node_unrecl;	/* per zone: 1 if node_unreclaimable */
	int64_t scanned;		/* "scanned"/"node_scanned" (<= 4.11) */
};

void
zone_init(struct zt_zone *z)
{
	memset(z, 0, sizeof *z);
	z->node = -1;
	z->type = ZT_ZONE_UNKNOWN;
	z->free = z->boost = z->min = z->low = z->high = z->promo = ZT_NA;
	z->spanned = z->present = z->managed = z->cma = z->start_pfn = ZT_NA;
	z->nr_free_cma = z->lru_anon = z->lru_file = ZT_NA;
	z->reserved = ZT_NA;
	z->trend_pps = z->eta_min_s = z->eta_low_s = NAN;
	z->sev_eta_min = ZT_SEV_NA;
	for (int i = 0; i < ZT_MAX_ZONE_TYPES; i++)
		z->protection[i] = ZT_NA;
	for (int i = 0; i < ZT_MAX_ORDER; i++) {
		z->buddy[i] = ZT_NA;
		z->unusable[i] = NAN;
		z->fragidx[i] = NAN;
	}
	z->unreclaimable = -1;
	z->pt = NULL;
	z->state = ZT_WS_UNKNOWN;
	z->highest_free_order = -2;
}

/* Copy a line into a C string; false for a line too long to be the
 * kernel's (its tail could hold a cut number). */
static bool
zoneinfo_copy_line(char *dst, size_t dstlen, const char *line, size_t len)
{
	if (len >= dstlen)
		return false;
	memcpy(dst, line, len);
	dst[len] = '\0';
	if (len > 0 && dst[len - 1] == '\r')
		dst[len - 1] = '\0';
	return true;
}

const char *
zoneinfo_header(const char *line, int *node, char *name, size_t namelen)
{
	const char *p = line, *start;
	int64_t nid;
	size_t n;

	if (strncmp(p, "Node", 4) != 0)
		return NULL;
	p += 4;
	if (*p != ' ' && *p != '\t')
		return NULL;
	if (!parse_i64(&p, &nid) || nid < 0 || nid > ZONEINFO_MAX_NODE)
		return NULL;
	if (*p++ != ',')
		return NULL;
	p += strspn(p, " \t");
	if (strncmp(p, "zone", 4) != 0)
		return NULL;
	p += 4;
	if (*p != ' ' && *p != '\t')
		return NULL;
	p += strspn(p, " \t");
	start = p;
	n = strcspn(p, " \t,");
	if (n == 0 || n >= namelen)
		return NULL;
	memcpy(name, start, n);
	name[n] = '\0';
	*node = (int)nid;
	return p + n;
}

int
zoneinfo_find(const struct zt_snapshot *s, int node, const char *name)
{
	for (int i = 0; i < s->nzones; i++)
		if (s->zones[i].node == node &&
		    strcmp(s->zones[i].name, name) == 0)
			return i;
	return -1;
}

/* Room for the zones still to be appended: at most one per line left. */
static void
zoneinfo_reserve(struct zt_snapshot *s, const char *cur, const char *end,
    int *cap)
{
	size_t lines = 2;	/* this one and an unterminated last */

	for (const char *p = cur; p < end; p++)
		if (*p == '\n')
			lines++;
	if (lines > (size_t)(ZT_MAX_ZONES - s->nzones))
		lines = (size_t)(ZT_MAX_ZONES - s->nzones);
	*cap = s->nzones + (int)lines;
	s->zones = xreallocarray(s->zones, (size_t)*cap, sizeof *s->zones);
}

int
zoneinfo_find_or_add(struct zt_snapshot *s, int node, const char *name,
    const char *cur, const char *end, int *cap)
{
	int i = zoneinfo_find(s, node, name);

	if (i >= 0)
		return i;
	if (s->nzones >= ZT_MAX_ZONES)
		return -1;
	if (*cap < 0)
		zoneinfo_reserve(s, cur, end, cap);
	if (s->nzones >= *cap)
		return -1;
	i = s->nzones++;
	zone_init(&s->zones[i]);
	s->zones[i].node = node;
	strlcpy0(s->zones[i].name, name, sizeof s->zones[i].name);
	s->zones[i].type = zone_type_from_name(name);
	return i;
}

int
zoneinfo_count_nodes(const struct zt_snapshot *s)
{
	int n = 0;

	for (int i = 0; i < s->nzones; i++) {
		int j;
		for (j = 0; j < i; j++)
			if (s->zones[j].node == s->zones[i].node)
				break;
		if (j == i)
			n++;
	}
	return n;
}

/* A count as the kernel prints it (%lu): digits ending at a separator. */
static bool
zoneinfo_num(const char **p, int64_t *out)
{
	const char *s = *p;
	uint64_t v;

	if (!parse_u64(&s, &v) || v > (uint64_t)INT64_MAX)
		return false;
	if (*s != '\0' && *s != ' ' && *s != '\t' && *s != ',' && *s != ')')
		return false;
	*out = (int64_t)v;
	*p = s;
	return true;
}

/* "(0, 3018, 13258, 13258, 13258)": entries beyond ZT_MAX_ZONE_TYPES are
 * ignored, a malformed entry ends the list. */
static void
zoneinfo_protection(struct zt_zone *z, const char *p)
{
	int64_t v;

	p += strspn(p, " \t");
	if (*p++ != '(')
		return;
	z->nprot = 0;
	for (int i = 0; i < ZT_MAX_ZONE_TYPES; i++)
		z->protection[i] = ZT_NA;
	for (;;) {
		if (!zoneinfo_num(&p, &v))
			return;
		if (z->nprot < ZT_MAX_ZONE_TYPES)
			z->protection[z->nprot++] = v;
		p += strspn(p, " \t");
		if (*p != ',')
			return;
		p++;
	}
}

static int64_t
zoneinfo_sum(int64_t a, int64_t b)
{
	if (!zt_have(a) || !zt_have(b) || a > INT64_MAX - b)
		return ZT_NA;
	return a + b;
}

/* Close the zone being read: its LRU sizes from whichever names it had. */
static void
zoneinfo_finish(struct zoneinfo_state *st)
{
	struct zt_zone *z = st->cur;
	const int64_t *l;

	if (z == NULL)
		return;
	/* the 4.8+ nr_zone_* names win; a pre-4.8 zone has only the old */
	l = zt_have(st->lru[1][ZI_IANON]) || zt_have(st->lru[1][ZI_IFILE]) ?
	    st->lru[1] : st->lru[0];
	z->lru_anon = zoneinfo_sum(l[ZI_IANON], l[ZI_AANON]);
	z->lru_file = zoneinfo_sum(l[ZI_IFILE], l[ZI_AFILE]);
	if (l == st->lru[0] && zt_have(st->anon_lru))
		z->lru_anon = st->anon_lru;
	if (l == st->lru[0] && zt_have(st->file_lru))
		z->lru_file = st->file_lru;
	st->cur = NULL;
}

static void
zoneinfo_start(struct zoneinfo_state *st, struct zt_snapshot *s, int node,
    const char *name)
{
	struct zt_zone *z;

	zoneinfo_finish(st);
	if (s->nzones >= ZT_MAX_ZONES)
		return;
	if (s->nzones == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		if (st->cap > ZT_MAX_ZONES)
			st->cap = ZT_MAX_ZONES;
		s->zones = xreallocarray(s->zones, (size_t)st->cap,
		    sizeof *s->zones);
		st->node_unrecl = xreallocarray(st->node_unrecl,
		    (size_t)st->cap, 1);
	}
	z = &s->zones[s->nzones];
	zone_init(z);
	z->node = node;
	strlcpy0(z->name, name, sizeof z->name);
	z->type = zone_type_from_name(name);
	st->node_unrecl[s->nzones] = 0;
	s->nzones++;
	st->cur = z;
	st->part = ZI_HEAD;
	st->scanned = ZT_NA;
	for (int i = 0; i < ZI_NLRU; i++)
		st->lru[0][i] = st->lru[1][i] = ZT_NA;
	st->anon_lru = st->file_lru = ZT_NA;
}

/* Watermark and size lines ("        min      19"). */
static bool
zoneinfo_field(struct zt_zone *z, const char *key, const char *p)
{
	static const struct {
		const char *key;
		size_t off;
	} fields[] = {
		{ "boost", offsetof(struct zt_zone, boost) },
		{ "min", offsetof(struct zt_zone, min) },
		{ "low", offsetof(struct zt_zone, low) },
		{ "high", offsetof(struct zt_zone, high) },
		{ "promo", offsetof(struct zt_zone, promo) },
		{ "spanned", offsetof(struct zt_zone, spanned) },
		{ "present", offsetof(struct zt_zone, present) },
		{ "managed", offsetof(struct zt_zone, managed) },
		{ "cma", offsetof(struct zt_zone, cma) },
		{ "nr_free_cma", offsetof(struct zt_zone, nr_free_cma) },
	};
	int64_t v;

	for (size_t i = 0; i < ZT_ARRAY_LEN(fields); i++) {
		if (strcmp(key, fields[i].key) != 0)
			continue;
		if (zoneinfo_num(&p, &v))
			*(int64_t *)(void *)((char *)z + fields[i].off) = v;
		return true;
	}
	return false;
}

/* LRU zone items, by either generation of names. */
static void
zoneinfo_lru(struct zoneinfo_state *st, const char *key, const char *p)
{
	static const char *const names[ZI_NLRU] = {
		"inactive_anon", "active_anon", "inactive_file", "active_file",
	};
	int gen;
	int64_t v;

	/* the first node-LRU kernels (4.8 era) printed zone totals */
	if (strcmp(key, "nr_zone_anon_lru") == 0 && zoneinfo_num(&p, &v)) {
		st->anon_lru = v;
		return;
	}
	if (strcmp(key, "nr_zone_file_lru") == 0 && zoneinfo_num(&p, &v)) {
		st->file_lru = v;
		return;
	}
	if (strncmp(key, "nr_zone_", 8) == 0) {
		gen = 1;
		key += 8;
	} else if (strncmp(key, "nr_", 3) == 0) {
		gen = 0;
		key += 3;
	} else
		return;
	for (int i = 0; i < ZI_NLRU; i++)
		if (strcmp(key, names[i]) == 0 && zoneinfo_num(&p, &v))
			st->lru[gen][i] = v;
}

/*
 * Did reclaim give up on the zone (node)?  4.12+ prints kswapd_failures
 * >= MAX_RECLAIM_RETRIES.  Before, the flag is "scanned >= 6 x
 * reclaimable pages" (zone_reclaimable(), pgdat_reclaimable(), and
 * before 3.12 kswapd's all_unreclaimable by the same test), and the
 * block also prints the scanned count: with 0 scanned the flag holds
 * only because no page is reclaimable (0 >= 0 x 6), a zone reclaim
 * never tried, not one it gave up on.  Those read 0.
 */
static int
zoneinfo_gave_up(const struct zoneinfo_state *st, int64_t flag)
{
	return flag != 0 && st->scanned != 0;
}

static void
zoneinfo_line(struct zoneinfo_state *st, struct zt_snapshot *s, char *line)
{
	struct zt_zone *z;
	char key[48];
	const char *p;
	size_t n;
	bool colon = false;
	int64_t v;
	int node;
	char name[sizeof s->zones[0].name];

	if (zoneinfo_header(line, &node, name, sizeof name) != NULL) {
		zoneinfo_start(st, s, node, name);
		return;
	}
	if (strncmp(line, "Node", 4) == 0) {
		/* a zone we cannot name: its lines belong to no zone */
		zoneinfo_finish(st);
		return;
	}
	if ((z = st->cur) == NULL)
		return;

	p = line + strspn(line, " \t");
	n = strcspn(p, " \t");
	if (n == 0 || n >= sizeof key)
		return;
	memcpy(key, p, n);
	key[n] = '\0';
	p += n;
	if (key[n - 1] == ':') {
		key[n - 1] = '\0';
		colon = true;
	}

	if (!colon && strcmp(key, "per-node") == 0) {
		st->part = ZI_NODE;
		return;
	}
	if (!colon && strcmp(key, "pages") == 0) {
		p += strspn(p, " \t");
		if (strncmp(p, "free", 4) == 0 &&
		    (p[4] == ' ' || p[4] == '\t')) {
			p += 4;
			if (zoneinfo_num(&p, &v))
				z->free = v;
			st->part = ZI_ZONE;
		}
		return;
	}
	if (st->part == ZI_NODE)
		return;		/* node totals, not this zone's */
	if (!colon && strcmp(key, "pagesets") == 0) {
		st->part = ZI_PCP;
		return;
	}

	if (colon) {
		if (strcmp(key, "protection") == 0 && st->part != ZI_PCP)
			zoneinfo_protection(z, p);
		else if (strcmp(key, "start_pfn") == 0 && zoneinfo_num(&p, &v))
			z->start_pfn = v;
		else if (strcmp(key, "all_unreclaimable") == 0 &&
		    zoneinfo_num(&p, &v))
			z->unreclaimable = zoneinfo_gave_up(st, v);
		else if (strcmp(key, "node_unreclaimable") == 0 &&
		    zoneinfo_num(&p, &v)) {
			z->unreclaimable = zoneinfo_gave_up(st, v);
			st->node_unrecl[z - s->zones] = 1;
		}
		return;
	}
	if (st->part == ZI_PCP)
		return;
	/* 2.6 prints "scanned  N (a: N i: N)": the first number is it */
	if ((strcmp(key, "scanned") == 0 || strcmp(key, "node_scanned") == 0) &&
	    zoneinfo_num(&p, &v))
		st->scanned = v;
	else if (!zoneinfo_field(z, key, p))
		zoneinfo_lru(st, key, p);
}

/*
 * Which zone type each protection[] slot stands for.  protection[] has
 * MAX_NR_ZONES entries, one per zone type compiled into the kernel, in
 * the order DMA, DMA32, Normal, HighMem, Movable, Device.  Normal and
 * Movable are always compiled in, and so is every zone the file names.
 * Before 4.12 empty zones are not printed, so fewer types may be seen
 * than there are slots; the missing optional types are then filled in
 * from what the seen names say about the architecture:
 *   DMA32 seen   -> 64-bit x86 layout DMA, DMA32, Normal, Movable[, Device]:
 *                   add DMA, then Device;
 *   HighMem seen -> 32-bit layout DMA?, Normal, HighMem, Movable: add DMA;
 *   neither      -> add DMA, then HighMem (a 32-bit kernel whose HighMem
 *                   is empty), then DMA32, then Device.
 * A slot still unexplained is ZT_ZONE_UNKNOWN.  With no protection line
 * at all, only the known types are listed.  The seed VM (4.4 x86_64, DMA
 * and DMA32 printed, 4 entries) gives DMA, DMA32, Normal, Movable.
 */
int
zone_slots_infer(const bool *seen, int nprot, int bits, int *type_of_slot)
{
	static const int fill64[] = { ZT_ZONE_DMA, ZT_ZONE_DEVICE };
	static const int fill64any[] = { ZT_ZONE_DMA, ZT_ZONE_DMA32, ZT_ZONE_DEVICE };
	static const int fill32[] = { ZT_ZONE_DMA, ZT_ZONE_HIGHMEM };
	static const int fillany[] = {
		ZT_ZONE_DMA, ZT_ZONE_HIGHMEM, ZT_ZONE_DMA32, ZT_ZONE_DEVICE,
	};
	bool have[ZT_ZONE_NTYPES];
	const int *fill;
	size_t nfill;
	int ntypes = 0, n = 0;

	for (int t = 0; t < ZT_ZONE_NTYPES; t++)
		have[t] = seen[t];
	have[ZT_ZONE_NORMAL] = have[ZT_ZONE_MOVABLE] = true;
	for (int t = 0; t < ZT_ZONE_NTYPES; t++)
		ntypes += have[t];

	if (have[ZT_ZONE_DMA32]) {
		fill = fill64;
		nfill = ZT_ARRAY_LEN(fill64);
	} else if (have[ZT_ZONE_HIGHMEM] || bits == 32) {
		fill = fill32;
		nfill = ZT_ARRAY_LEN(fill32);
	} else if (bits == 64) {
		fill = fill64any;
		nfill = ZT_ARRAY_LEN(fill64any);
	} else {
		fill = fillany;
		nfill = ZT_ARRAY_LEN(fillany);
	}
	for (size_t i = 0; i < nfill && ntypes < nprot; i++) {
		if (!have[fill[i]]) {
			have[fill[i]] = true;
			ntypes++;
		}
	}
	for (int t = 0; t < ZT_ZONE_NTYPES; t++)
		if (have[t] && n < ZT_MAX_ZONE_TYPES)
			type_of_slot[n++] = t;
	for (int i = n; i < ZT_MAX_ZONE_TYPES; i++)
		type_of_slot[i] = ZT_ZONE_UNKNOWN;
	return n;
}

static void
zoneinfo_slots(struct zt_snapshot *s)
{
	bool have[ZT_ZONE_NTYPES] = { false };
	int nprot = 0;

	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		if (z->type >= 0 && z->type < ZT_ZONE_NTYPES)
			have[z->type] = true;
		if (z->nprot > nprot)
			nprot = z->nprot;
	}
	s->ntypes = zone_slots_infer(have, nprot, 0, s->type_of_slot);
	if (nprot > s->ntypes)
		s->ntypes = nprot;
}

/* node_unreclaimable is the node's: give it to the node's empty zones,
 * which stop before that line. */
static void
zoneinfo_spread_unreclaimable(struct zt_snapshot *s, const signed char *flag)
{
	for (int i = 0; i < s->nzones; i++) {
		struct zt_zone *z = &s->zones[i];
		if (z->unreclaimable != -1)
			continue;
		for (int j = 0; j < s->nzones; j++) {
			if (flag[j] && s->zones[j].node == z->node) {
				z->unreclaimable = s->zones[j].unreclaimable;
				break;
			}
		}
	}
}

int
zoneinfo_parse(const char *text, size_t len, struct zt_snapshot *s,
    char *why, size_t whylen)
{
	struct zoneinfo_state st = { .cur = NULL, .part = ZI_HEAD };
	const char *cur = text, *end = text + len, *line;
	char buf[ZONEINFO_LINE];
	size_t n;

	for (int i = 0; i < s->nzones; i++)
		free(s->zones[i].pt);
	free(s->zones);
	s->zones = NULL;
	s->nzones = s->nnodes = s->ntypes = 0;

	while (text != NULL && (line = next_line(&cur, end, &n)) != NULL) {
		if (zoneinfo_copy_line(buf, sizeof buf, line, n))
			zoneinfo_line(&st, s, buf);
	}
	zoneinfo_finish(&st);

	if (s->nzones == 0) {
		free(st.node_unrecl);
		strlcpy0(why, "no zones found", whylen);
		return -1;
	}
	zoneinfo_spread_unreclaimable(s, st.node_unrecl);
	free(st.node_unrecl);
	s->nnodes = zoneinfo_count_nodes(s);
	zoneinfo_slots(s);
	return 0;
}
