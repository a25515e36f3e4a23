/*
 * gfp.c: gfp_mask bits and names per kernel version (see gfp.h).
 *
 * Two tables own the data.  gfp_bits[] gives each single flag the bit it
 * had between two releases (the ___GFP_* values of include/linux/gfp.h,
 * include/linux/gfp_types.h from 6.0, read in each release's tree;
 * 2.6.32's for the oldest flags).  gfp_comps[] defines each composite by
 * the flags it is made of, per era, so GFP_KERNEL comes out as 0xd0 on
 * 3.x and 0xcc0 on 5.1+ without a hand-written value anywhere.  The order
 * of gfp_print[] is the order of the kernel's __def_gfpflag_names
 * (include/trace/events/mmflags.h), which %pGg walks greedily.
 */
#include "gfp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "util.h"

#define KV_MAX	ZT_KV(99, 0)

struct gfp_bit {
	const char *name;
	uint32_t bit;
	int from, to;		/* kv range [from, to) */
};

/*
 * Bits above 0x800000 on 5.19+ depend on KASAN_HW_TAGS and LOCKDEP (the
 * 6.10+ enum packs them), so they are left unnamed there: they print as
 * hex, which is honest.
 */
static const struct gfp_bit gfp_bits[] = {
	{ "__GFP_DMA", 0x1, 0, KV_MAX },
	{ "__GFP_HIGHMEM", 0x2, 0, KV_MAX },
	{ "__GFP_DMA32", 0x4, 0, KV_MAX },
	{ "__GFP_MOVABLE", 0x8, 0, KV_MAX },
	{ "__GFP_WAIT", 0x10, 0, ZT_KV(4, 4) },
	{ "__GFP_RECLAIMABLE", 0x10, ZT_KV(4, 4), KV_MAX },
	{ "__GFP_HIGH", 0x20, 0, KV_MAX },
	{ "__GFP_IO", 0x40, 0, KV_MAX },
	{ "__GFP_FS", 0x80, 0, KV_MAX },
	{ "__GFP_COLD", 0x100, 0, ZT_KV(4, 15) },
	{ "__GFP_WRITE", 0x100, ZT_KV(4, 18), ZT_KV(5, 1) },
	{ "__GFP_ZERO", 0x100, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_NOWARN", 0x200, 0, ZT_KV(5, 1) },
	{ "__GFP_ATOMIC", 0x200, ZT_KV(5, 1), ZT_KV(6, 3) },
	{ "__GFP_REPEAT", 0x400, 0, ZT_KV(4, 13) },
	{ "__GFP_RETRY_MAYFAIL", 0x400, ZT_KV(4, 13), ZT_KV(5, 1) },
	{ "__GFP_DIRECT_RECLAIM", 0x400, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_NOFAIL", 0x800, 0, ZT_KV(5, 1) },
	{ "__GFP_KSWAPD_RECLAIM", 0x800, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_NORETRY", 0x1000, 0, ZT_KV(5, 1) },
	{ "__GFP_WRITE", 0x1000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_MEMALLOC", 0x2000, ZT_KV(3, 6), ZT_KV(5, 1) },
	{ "__GFP_NOWARN", 0x2000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_COMP", 0x4000, 0, ZT_KV(5, 1) },
	{ "__GFP_RETRY_MAYFAIL", 0x4000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_ZERO", 0x8000, 0, ZT_KV(5, 1) },
	{ "__GFP_NOFAIL", 0x8000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_NOMEMALLOC", 0x10000, 0, ZT_KV(5, 1) },
	{ "__GFP_NORETRY", 0x10000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_HARDWALL", 0x20000, 0, ZT_KV(5, 1) },
	{ "__GFP_MEMALLOC", 0x20000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_THISNODE", 0x40000, 0, ZT_KV(5, 1) },
	{ "__GFP_COMP", 0x40000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_RECLAIMABLE", 0x80000, 0, ZT_KV(4, 4) },
	{ "__GFP_ATOMIC", 0x80000, ZT_KV(4, 4), ZT_KV(5, 1) },
	{ "__GFP_NOMEMALLOC", 0x80000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_KMEMCG", 0x100000, ZT_KV(3, 8), ZT_KV(3, 15) },
	{ "__GFP_NOACCOUNT", 0x100000, ZT_KV(4, 1), ZT_KV(4, 5) },
	{ "__GFP_ACCOUNT", 0x100000, ZT_KV(4, 5), ZT_KV(5, 1) },
	{ "__GFP_HARDWALL", 0x100000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_NOTRACK", 0x200000, 0, ZT_KV(4, 15) },
	{ "__GFP_DIRECT_RECLAIM", 0x200000, ZT_KV(4, 18), ZT_KV(5, 1) },
	{ "__GFP_THISNODE", 0x200000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_NO_KSWAPD", 0x400000, ZT_KV3(2, 6, 38), ZT_KV(4, 4) },
	{ "__GFP_DIRECT_RECLAIM", 0x400000, ZT_KV(4, 4), ZT_KV(4, 18) },
	{ "__GFP_KSWAPD_RECLAIM", 0x400000, ZT_KV(4, 18), ZT_KV(5, 1) },
	{ "__GFP_ACCOUNT", 0x400000, ZT_KV(5, 1), KV_MAX },
	{ "__GFP_OTHER_NODE", 0x800000, ZT_KV3(2, 6, 38), ZT_KV(4, 10) },
	{ "__GFP_WRITE", 0x800000, ZT_KV(4, 10), ZT_KV(4, 18) },
	{ "__GFP_NOLOCKDEP", 0x800000, ZT_KV(4, 18), ZT_KV(5, 14) },
	{ "__GFP_ZEROTAGS", 0x800000, ZT_KV(5, 14), KV_MAX },
	{ "__GFP_WRITE", 0x1000000, ZT_KV(3, 2), ZT_KV(4, 10) },
	{ "__GFP_KSWAPD_RECLAIM", 0x1000000, ZT_KV(4, 10), ZT_KV(4, 18) },
	{ "__GFP_SKIP_KASAN_POISON", 0x1000000, ZT_KV(5, 14), ZT_KV(5, 19) },
	{ "__GFP_KSWAPD_RECLAIM", 0x2000000, ZT_KV(4, 4), ZT_KV(4, 10) },
	{ "__GFP_NOLOCKDEP", 0x2000000, ZT_KV(4, 12), ZT_KV(4, 18) },
	{ "__GFP_NOLOCKDEP", 0x2000000, ZT_KV(5, 14), ZT_KV(5, 19) },
};

/* A composite: the OR of its parts, less the minus parts, per era. */
struct gfp_comp {
	const char *name;
	int from, to;
	const char *plus;	/* "A|B|C"; names absent on the kernel add 0 */
	const char *minus;
};

static const struct gfp_comp gfp_comps[] = {
	{ "__GFP_RECLAIM", ZT_KV(4, 4), KV_MAX,
	  "__GFP_DIRECT_RECLAIM|__GFP_KSWAPD_RECLAIM", NULL },
	{ "GFP_TRANSHUGE", 0, ZT_KV(4, 4),
	  "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_NOMEMALLOC|__GFP_NORETRY|"
	  "__GFP_NOWARN|__GFP_NO_KSWAPD", NULL },
	{ "GFP_TRANSHUGE", ZT_KV(4, 4), ZT_KV(4, 8),
	  "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_NOMEMALLOC|__GFP_NORETRY|"
	  "__GFP_NOWARN", "__GFP_KSWAPD_RECLAIM" },
	{ "GFP_TRANSHUGE", ZT_KV(4, 8), KV_MAX,
	  "GFP_TRANSHUGE_LIGHT|__GFP_DIRECT_RECLAIM", NULL },
	{ "GFP_TRANSHUGE_LIGHT", ZT_KV(4, 8), KV_MAX,
	  "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_NOMEMALLOC|__GFP_NOWARN",
	  "__GFP_RECLAIM" },
	/* 5.14-5.18 add __GFP_SKIP_KASAN_POISON unconditionally */
	{ "GFP_HIGHUSER_MOVABLE", 0, KV_MAX,
	  "GFP_HIGHUSER|__GFP_MOVABLE|__GFP_SKIP_KASAN_POISON", NULL },
	{ "GFP_HIGHUSER", 0, KV_MAX, "GFP_USER|__GFP_HIGHMEM", NULL },
	{ "GFP_USER", 0, ZT_KV(4, 4),
	  "__GFP_WAIT|__GFP_IO|__GFP_FS|__GFP_HARDWALL", NULL },
	{ "GFP_USER", ZT_KV(4, 4), KV_MAX,
	  "__GFP_RECLAIM|__GFP_IO|__GFP_FS|__GFP_HARDWALL", NULL },
	{ "GFP_TEMPORARY", 0, ZT_KV(4, 4),
	  "__GFP_WAIT|__GFP_IO|__GFP_FS|__GFP_RECLAIMABLE", NULL },
	{ "GFP_TEMPORARY", ZT_KV(4, 4), ZT_KV(4, 14),
	  "__GFP_RECLAIM|__GFP_IO|__GFP_FS|__GFP_RECLAIMABLE", NULL },
	{ "GFP_KERNEL_ACCOUNT", ZT_KV(4, 5), KV_MAX,
	  "GFP_KERNEL|__GFP_ACCOUNT", NULL },
	{ "GFP_KERNEL", 0, ZT_KV(4, 4), "__GFP_WAIT|__GFP_IO|__GFP_FS", NULL },
	{ "GFP_KERNEL", ZT_KV(4, 4), KV_MAX,
	  "__GFP_RECLAIM|__GFP_IO|__GFP_FS", NULL },
	{ "GFP_NOFS", 0, ZT_KV(4, 4), "__GFP_WAIT|__GFP_IO", NULL },
	{ "GFP_NOFS", ZT_KV(4, 4), KV_MAX, "__GFP_RECLAIM|__GFP_IO", NULL },
	{ "GFP_ATOMIC", 0, ZT_KV(4, 4), "__GFP_HIGH", NULL },
	{ "GFP_ATOMIC", ZT_KV(4, 4), ZT_KV(6, 3),
	  "__GFP_HIGH|__GFP_ATOMIC|__GFP_KSWAPD_RECLAIM", NULL },
	{ "GFP_ATOMIC", ZT_KV(6, 3), KV_MAX,
	  "__GFP_HIGH|__GFP_KSWAPD_RECLAIM", NULL },
	{ "GFP_NOIO", 0, ZT_KV(4, 4), "__GFP_WAIT", NULL },
	{ "GFP_NOIO", ZT_KV(4, 4), KV_MAX, "__GFP_RECLAIM", NULL },
	/* 3.x GFP_NOWAIT is 0: it never names anything */
	{ "GFP_NOWAIT", ZT_KV(4, 4), ZT_KV(6, 12), "__GFP_KSWAPD_RECLAIM", NULL },
	{ "GFP_NOWAIT", ZT_KV(6, 12), KV_MAX,
	  "__GFP_KSWAPD_RECLAIM|__GFP_NOWARN", NULL },
	{ "GFP_DMA", 0, KV_MAX, "__GFP_DMA", NULL },
	{ "GFP_DMA32", 0, KV_MAX, "__GFP_DMA32", NULL },
};

/* __def_gfpflag_names order, plus the older flags it never listed. */
static const char *const gfp_print[] = {
	"GFP_TRANSHUGE", "GFP_TRANSHUGE_LIGHT", "GFP_HIGHUSER_MOVABLE",
	"GFP_HIGHUSER", "GFP_USER", "GFP_TEMPORARY", "GFP_KERNEL_ACCOUNT",
	"GFP_KERNEL", "GFP_NOFS", "GFP_ATOMIC", "GFP_NOIO", "GFP_NOWAIT",
	"GFP_DMA", "__GFP_HIGHMEM", "GFP_DMA32",
	"__GFP_HIGH", "__GFP_ATOMIC", "__GFP_IO", "__GFP_FS", "__GFP_COLD",
	"__GFP_NOWARN", "__GFP_REPEAT", "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL",
	"__GFP_NORETRY", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
	"__GFP_MEMALLOC", "__GFP_HARDWALL", "__GFP_THISNODE",
	"__GFP_RECLAIMABLE", "__GFP_MOVABLE", "__GFP_ACCOUNT",
	"__GFP_NOACCOUNT", "__GFP_NOTRACK", "__GFP_WRITE", "__GFP_RECLAIM",
	"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_ZEROTAGS",
	"__GFP_OTHER_NODE", "__GFP_WAIT", "__GFP_NO_KSWAPD", "__GFP_KMEMCG",
	"__GFP_NOLOCKDEP", "__GFP_SKIP_KASAN_POISON", "__GFP_DMA",
	"__GFP_DMA32",
};

static const struct {
	int from;
	const char *name;
} gfp_layouts[GFP_NLAYOUTS] = {
	{ 0, "2.6.32-4.3" },
	{ ZT_KV(4, 4), "4.4-4.9" },
	{ ZT_KV(4, 10), "4.10-4.17" },
	{ ZT_KV(4, 18), "4.18-5.0" },
	{ ZT_KV(5, 1), "5.1-6.2" },
	{ ZT_KV(6, 3), "6.3+" },
};

int
gfp_layout(int kv)
{
	int l = GFP_LAYOUT_3X;

	for (int i = 0; i < GFP_NLAYOUTS; i++)
		if (kv >= gfp_layouts[i].from)
			l = i;
	return l;
}

const char *
gfp_layout_name(int layout)
{
	if (layout < 0 || layout >= GFP_NLAYOUTS)
		return "?";
	return gfp_layouts[layout].name;
}

int
gfp_layout_kv(int layout)
{
	if (layout <= 0 || layout >= GFP_NLAYOUTS)
		return ZT_KV(3, 10);	/* the 3.x era's best-known release */
	return gfp_layouts[layout].from;
}

static uint64_t gfp_value_depth(const char *name, size_t len, int kv, int depth,
    bool *known);

/* OR of the '|'-separated names in list. */
static uint64_t
gfp_list_value(const char *list, int kv, int depth)
{
	uint64_t v = 0;
	const char *p = list;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		bool known;

		v |= gfp_value_depth(p, n, kv, depth + 1, &known);
		p += n;
		if (*p == '|')
			p++;
	}
	return v;
}

static uint64_t
gfp_value_depth(const char *name, size_t len, int kv, int depth, bool *known)
{
	*known = false;
	if (depth > 8 || len == 0)
		return 0;
	if (len > 2 && name[0] == '0' && (name[1] == 'x' || name[1] == 'X')) {
		uint64_t v = 0;
		size_t i;
		for (i = 2; i < len && i < 18; i++) {
			char c = name[i];
			int d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				return 0;
			v = v << 4 | (uint64_t)d;
		}
		*known = i == len;
		return *known ? v : 0;
	}
	for (size_t i = 0; i < ZT_ARRAY_LEN(gfp_bits); i++) {
		const struct gfp_bit *b = &gfp_bits[i];
		if (kv >= b->from && kv < b->to && strlen(b->name) == len &&
		    memcmp(b->name, name, len) == 0) {
			*known = true;
			return b->bit;
		}
	}
	for (size_t i = 0; i < ZT_ARRAY_LEN(gfp_comps); i++) {
		const struct gfp_comp *c = &gfp_comps[i];
		if (kv < c->from || kv >= c->to || strlen(c->name) != len ||
		    memcmp(c->name, name, len) != 0)
			continue;
		uint64_t v = gfp_list_value(c->plus, kv, depth);
		if (c->minus)
			v &= ~gfp_list_value(c->minus, kv, depth);
		*known = v != 0;
		return v;
	}
	return 0;
}

uint64_t
gfp_value(const char *name, int kv)
{
	bool known;

	return gfp_value_depth(name, strlen(name), kv, 0, &known);
}

bool
gfp_has(uint64_t mask, int kv, const char *name)
{
	uint64_t v = gfp_value(name, kv);

	return v != 0 && (mask & v) == v;
}

/* The value of gfp_print[i] on kernel kv.  Each value walks both tables
 * (composites recursively, by name); a report prints a mask per line and
 * a sample per kill, always for one kernel: the last version's values
 * are kept, per thread (the UI's feed thread samples, the UI explains). */
static uint64_t
gfp_print_value(size_t i, int kv)
{
	static _Thread_local struct {
		bool valid;
		int kv;
		uint64_t v[ZT_ARRAY_LEN(gfp_print)];
	} memo;

	if (!memo.valid || memo.kv != kv) {
		for (size_t k = 0; k < ZT_ARRAY_LEN(gfp_print); k++)
			memo.v[k] = gfp_value(gfp_print[k], kv);
		memo.kv = kv;
		memo.valid = true;
	}
	return memo.v[i];
}

int
gfp_format(uint64_t mask, int kv, char *buf, size_t len, uint64_t *unknown)
{
	struct zt_buf b = { 0 };
	uint64_t left = mask;
	int n = 0;

	for (size_t i = 0; i < ZT_ARRAY_LEN(gfp_print) && left; i++) {
		uint64_t v = gfp_print_value(i, kv);
		if (v == 0 || (left & v) != v)
			continue;
		left &= ~v;
		if (n++)
			buf_addc(&b, '|');
		buf_add(&b, gfp_print[i], strlen(gfp_print[i]));
	}
	if (left) {
		if (n)
			buf_addc(&b, '|');
		buf_printf(&b, "%#llx", (unsigned long long)left);
	}
	if (unknown)
		*unknown = left;
	if (len > 0)
		strlcpy0(buf, b.p ? b.p : "", len);
	buf_free(&b);
	return n;
}

int
gfp_parse_names(const char *names, size_t len, int kv, uint64_t *mask,
    char *unknown_name, size_t ulen)
{
	const char *p = names, *end = names + len;
	int nunknown = 0;

	*mask = 0;
	if (ulen)
		unknown_name[0] = '\0';
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);
		const char *s = p;
		size_t sn = n;
		bool known;

		while (sn && (*s == ' ' || *s == '\t')) {
			s++;
			sn--;
		}
		while (sn && (s[sn - 1] == ' ' || s[sn - 1] == '\t'))
			sn--;
		if (sn > 0) {
			uint64_t v = gfp_value_depth(s, sn, kv, 0, &known);
			if (!known && strncmp(s, "none", sn) != 0) {
				if (nunknown++ == 0 && ulen) {
					size_t c = sn < ulen - 1 ? sn : ulen - 1;
					memcpy(unknown_name, s, c);
					unknown_name[c] = '\0';
				}
			}
			*mask |= v;
		}
		p += n + (bar != NULL);
	}
	return nunknown;
}

/*
 * GFP_ZONE_TABLE (include/linux/gfp.h, unchanged 2.6.32 -> 6.18): the
 * zone bits pick the highest zone; an optional zone the kernel lacks
 * (OPT_ZONE_DMA, _DMA32, _HIGHMEM) becomes Normal.
 */
int
gfp_zone(uint64_t mask, unsigned zone_types)
{
	int opt_dma = zone_types & (1u << ZT_ZONE_DMA) ? ZT_ZONE_DMA : ZT_ZONE_NORMAL;
	int opt_dma32 = zone_types & (1u << ZT_ZONE_DMA32) ? ZT_ZONE_DMA32 :
	    ZT_ZONE_NORMAL;
	int opt_high = zone_types & (1u << ZT_ZONE_HIGHMEM) ? ZT_ZONE_HIGHMEM :
	    ZT_ZONE_NORMAL;

	switch (mask & GFP_ZONEMASK) {
	case 0x0: return ZT_ZONE_NORMAL;
	case 0x1: return opt_dma;
	case 0x2: return opt_high;
	case 0x4: return opt_dma32;
	case 0x8: return ZT_ZONE_NORMAL;
	case 0x9: return opt_dma;
	case 0xa: return ZT_ZONE_MOVABLE;
	case 0xc: return opt_dma32;
	}
	return ZT_ZONE_UNKNOWN;
}
