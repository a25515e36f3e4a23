/*
 * test_gfp.c: gfp_mask decoding per bit layout (the ___GFP_* bits of
 * include/linux/gfp.h, gfp_types.h from 6.0, which moved in 4.4, 4.10,
 * 4.18, 5.1 and 6.3): the composite values (GFP_KERNEL,
 * GFP_HIGHUSER_MOVABLE, GFP_ATOMIC) on each side of every boundary, %pGg-style
 * names, name lists back to masks, and gfp_zone().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gfp.h"
#include "snapshot.h"

#define T(x) (1u << (x))

static void
test_layouts(void **state)
{
	(void)state;
	assert_int_equal(gfp_layout(ZT_KV3(2, 6, 32)), GFP_LAYOUT_3X);
	assert_int_equal(gfp_layout(ZT_KV(3, 10)), GFP_LAYOUT_3X);
	assert_int_equal(gfp_layout(ZT_KV(4, 3)), GFP_LAYOUT_3X);
	assert_int_equal(gfp_layout(ZT_KV(4, 4)), GFP_LAYOUT_44);
	assert_int_equal(gfp_layout(ZT_KV3(4, 9, 229)), GFP_LAYOUT_44);
	assert_int_equal(gfp_layout(ZT_KV(4, 10)), GFP_LAYOUT_410);
	assert_int_equal(gfp_layout(ZT_KV(4, 17)), GFP_LAYOUT_410);
	assert_int_equal(gfp_layout(ZT_KV(4, 18)), GFP_LAYOUT_418);
	assert_int_equal(gfp_layout(ZT_KV(5, 0)), GFP_LAYOUT_418);
	assert_int_equal(gfp_layout(ZT_KV(5, 1)), GFP_LAYOUT_51);
	assert_int_equal(gfp_layout(ZT_KV(6, 2)), GFP_LAYOUT_51);
	assert_int_equal(gfp_layout(ZT_KV(6, 3)), GFP_LAYOUT_63);
	assert_int_equal(gfp_layout(ZT_KV(6, 18)), GFP_LAYOUT_63);
	assert_string_equal(gfp_layout_name(GFP_LAYOUT_44), "4.4-4.9");
	/* every layout by name; out of range is "?" */
	assert_string_equal(gfp_layout_name(GFP_LAYOUT_3X), "2.6.32-4.3");
	assert_string_equal(gfp_layout_name(GFP_LAYOUT_63), "6.3+");
	assert_string_equal(gfp_layout_name(-1), "?");
	assert_string_equal(gfp_layout_name(GFP_NLAYOUTS), "?");
	/* a version inside each layout: its first release, 3.10 for 3.x
	 * and for anything out of range */
	assert_int_equal(gfp_layout_kv(GFP_LAYOUT_3X), ZT_KV(3, 10));
	assert_int_equal(gfp_layout_kv(-1), ZT_KV(3, 10));
	assert_int_equal(gfp_layout_kv(GFP_NLAYOUTS), ZT_KV(3, 10));
	assert_int_equal(gfp_layout_kv(GFP_LAYOUT_44), ZT_KV(4, 4));
	assert_int_equal(gfp_layout_kv(GFP_LAYOUT_410), ZT_KV(4, 10));
	assert_int_equal(gfp_layout_kv(GFP_LAYOUT_63), ZT_KV(6, 3));
	for (int l = 0; l < GFP_NLAYOUTS; l++)
		assert_int_equal(gfp_layout(gfp_layout_kv(l)), l);
}

/* Hex in a list of names (what %pGg prints for bits it cannot name):
 * 0x or 0X, digits of either case, at most 16 of them; anything else
 * is unknown, worth 0. */
static void
test_gfp_hex_names(void **state)
{
	const int kv = ZT_KV(6, 1);
	uint64_t m;
	char unk[8];

	(void)state;
	assert_int_equal(gfp_value("0x1f", kv), 0x1f);
	assert_int_equal(gfp_value("0X1F", kv), 0x1f);
	assert_int_equal(gfp_value("0x09afAF", kv), 0x09afaf);
	assert_int_equal(gfp_value("0x0", kv), 0);
	assert_true(gfp_value("0xffffffffffffffff", kv) == UINT64_MAX);
	assert_int_equal(gfp_value("0x1ffffffffffffffff", kv), 0);	/* 17 digits */
	assert_int_equal(gfp_value("0x", kv), 0);
	assert_int_equal(gfp_value("0x1", kv), 1);
	/* "0x" alone is no number: an unknown name */
	assert_int_equal(gfp_parse_names("0x", 2, kv, &m, unk, sizeof unk), 1);
	assert_string_equal(unk, "0x");
	assert_int_equal(gfp_value("0x1g", kv), 0);
	assert_int_equal(gfp_value("0x:", kv), 0);
	assert_int_equal(gfp_value("0x@", kv), 0);
	assert_int_equal(gfp_value("0xG", kv), 0);
	assert_int_equal(gfp_value("0y12", kv), 0);
	assert_int_equal(gfp_value("1x12", kv), 0);
	assert_int_equal(gfp_value("", kv), 0);
	/* the first flag of the table, and a composite worth 1 */
	assert_int_equal(gfp_value("__GFP_DMA", kv), 0x1);
	assert_int_equal(gfp_parse_names("GFP_DMA", 7, kv, &m, unk, sizeof unk), 0);
	assert_int_equal(m, 0x1);
	assert_true(gfp_has(0x1, kv, "__GFP_DMA"));
	assert_false(gfp_has(0x2, kv, "__GFP_DMA"));
	/* 3.x's GFP_NOWAIT is 0: it is never "had" */
	assert_false(gfp_has(0xffff, ZT_KV(3, 10), "GFP_NOWAIT"));
	/* unknown hex is counted and named, cut to the buffer */
	assert_int_equal(gfp_parse_names("0x1g|GFP_DMA", 12, kv, &m, unk, sizeof unk), 1);
	assert_string_equal(unk, "0x1g");
	assert_int_equal(m, 0x1);
}

/* gfp_format: the count of names, "|" between them, no buffer needed */
static void
test_gfp_format_edges(void **state)
{
	const int kv = ZT_KV(6, 1);
	char buf[64];
	uint64_t left;

	(void)state;
	/* GFP_KERNEL|__GFP_ZERO|__GFP_COMP: three names */
	assert_int_equal(gfp_format(0xcc0 | 0x100 | 0x40000, kv, buf, sizeof buf, &left), 3);
	assert_string_equal(buf, "GFP_KERNEL|__GFP_COMP|__GFP_ZERO");
	assert_int_equal(left, 0);
	/* no buffer: only the count */
	assert_int_equal(gfp_format(0xcc0 | 0x100, kv, NULL, 0, NULL), 2);
	/* a one-byte buffer holds the empty string */
	buf[0] = 'x';
	assert_int_equal(gfp_format(0xcc0, kv, buf, 1, NULL), 1);
	assert_string_equal(buf, "");
}

/* Names with blanks and tabs around them; "none" is no name; an
 * unknown name is cut to the buffer it is copied into. */
static void
test_gfp_parse_names_edges(void **state)
{
	const int kv = ZT_KV(6, 1);
	uint64_t m;
	char unk[6];
	const char *s;

	(void)state;
	s = " \tGFP_KERNEL\t |\t__GFP_ZERO  ";
	assert_int_equal(gfp_parse_names(s, strlen(s), kv, &m, unk, sizeof unk), 0);
	assert_int_equal(m, 0xcc0 | 0x100);
	assert_string_equal(unk, "");
	s = "none";
	assert_int_equal(gfp_parse_names(s, strlen(s), kv, &m, unk, sizeof unk), 0);
	assert_int_equal(m, 0);
	/* two unknown: the first named, cut to 5 characters */
	s = "GFP_KERNEL| __GFP_FOOBAR |__GFP_BAZ";
	assert_int_equal(gfp_parse_names(s, strlen(s), kv, &m, unk, sizeof unk), 2);
	assert_string_equal(unk, "__GFP");
	assert_int_equal(m, 0xcc0);
	/* a short unknown fits whole, blanks and tabs trimmed */
	s = "\tFOO \t";
	assert_int_equal(gfp_parse_names(s, strlen(s), kv, &m, unk, sizeof unk), 1);
	assert_string_equal(unk, "FOO");
	/* one character is a name too (an unknown one) */
	assert_int_equal(gfp_parse_names("X", 1, kv, &m, unk, sizeof unk), 1);
	assert_string_equal(unk, "X");
	/* exactly the buffer's size: cut by one for the NUL */
	assert_int_equal(gfp_parse_names("ABCDEF", 6, kv, &m, unk, sizeof unk), 1);
	assert_string_equal(unk, "ABCDE");
	/* a one-byte buffer: the count, and an empty name */
	assert_int_equal(gfp_parse_names("FOO", 3, kv, &m, unk, 1), 1);
	assert_string_equal(unk, "");
	/* no buffer at all */
	assert_int_equal(gfp_parse_names("FOO|BAR", 7, kv, &m, NULL, 0), 2);
}

/* GFP_KERNEL: 3.x 0xd0, 4.4-4.9 0x24000c0, 4.10-4.17 0x14000c0,
 * 4.18-5.0 0x6000c0, 5.1+ 0xcc0 (include/linux/gfp.h of each, x86_64). */
static void
test_gfp_kernel(void **state)
{
	(void)state;
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV3(2, 6, 32)), 0xd0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(3, 10)), 0xd0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(4, 4)), 0x24000c0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(4, 9)), 0x24000c0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(4, 10)), 0x14000c0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(4, 17)), 0x14000c0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(4, 18)), 0x6000c0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(5, 0)), 0x6000c0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(5, 1)), 0xcc0);
	assert_int_equal(gfp_value("GFP_KERNEL", ZT_KV(6, 18)), 0xcc0);
}

/* GFP_HIGHUSER_MOVABLE: 3.x 0x200da, 4.4-4.9 0x24200ca, 4.10-4.17
 * 0x14200ca, 4.18-5.0 0x6200ca, 5.1-5.13 and 5.19+ 0x100cca, 5.14-5.18
 * 0x1100cca (+__GFP_SKIP_KASAN_POISON). */
static void
test_gfp_highuser_movable(void **state)
{
	(void)state;
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(3, 10)), 0x200da);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(4, 4)), 0x24200ca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(4, 10)), 0x14200ca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(4, 18)), 0x6200ca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(5, 1)), 0x100cca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(5, 13)), 0x100cca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(5, 14)), 0x1100cca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(5, 15)), 0x1100cca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(5, 18)), 0x1100cca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(5, 19)), 0x100cca);
	assert_int_equal(gfp_value("GFP_HIGHUSER_MOVABLE", ZT_KV(6, 1)), 0x100cca);
}

/* GFP_ATOMIC: 5.1-6.2 0xa20 (HIGH|ATOMIC|KSWAPD), 6.3+ 0x820 (ATOMIC
 * gone); 4.4: 0x20 | 0x80000 | 0x2000000; 3.x __GFP_HIGH alone. */
static void
test_gfp_atomic(void **state)
{
	(void)state;
	assert_int_equal(gfp_value("GFP_ATOMIC", ZT_KV(3, 10)), 0x20);
	assert_int_equal(gfp_value("GFP_ATOMIC", ZT_KV(4, 4)), 0x2080020);
	assert_int_equal(gfp_value("GFP_ATOMIC", ZT_KV(5, 1)), 0xa20);
	assert_int_equal(gfp_value("GFP_ATOMIC", ZT_KV(6, 2)), 0xa20);
	assert_int_equal(gfp_value("GFP_ATOMIC", ZT_KV(6, 3)), 0x820);
	assert_int_equal(gfp_value("GFP_ATOMIC", ZT_KV(6, 18)), 0x820);
	assert_int_equal(gfp_value("__GFP_ATOMIC", ZT_KV(6, 3)), 0);
	/* the 0x80000 era is 4.4 up to 5.0; 5.1 renumbered it to 0x200 */
	assert_int_equal(gfp_value("__GFP_ATOMIC", ZT_KV(4, 10)), 0x80000);
	assert_int_equal(gfp_value("__GFP_ATOMIC", ZT_KV(4, 19)), 0x80000);
	assert_int_equal(gfp_value("__GFP_ATOMIC", ZT_KV(5, 0)), 0x80000);
	assert_int_equal(gfp_value("__GFP_ATOMIC", ZT_KV(5, 1)), 0x200);
	/* HIGH | ATOMIC | KSWAPD_RECLAIM, KSWAPD at 0x1000000 in 4.10..4.17
	 * and 0x400000 in 4.18..5.0 */
	assert_int_equal(gfp_value("GFP_ATOMIC", ZT_KV(4, 14)),
	    0x20 | 0x80000 | 0x1000000);
	assert_int_equal(gfp_value("GFP_ATOMIC", ZT_KV(5, 0)),
	    0x20 | 0x80000 | 0x400000);
}

/* Flags that came and went inside a layout. */
static void
test_gfp_single_flags(void **state)
{
	(void)state;
	/* 4.4 had __GFP_NOACCOUNT at 0x100000; 4.5 turned it into ACCOUNT */
	assert_int_equal(gfp_value("__GFP_ACCOUNT", ZT_KV(4, 4)), 0);
	assert_int_equal(gfp_value("__GFP_NOACCOUNT", ZT_KV(4, 4)), 0x100000);
	assert_int_equal(gfp_value("__GFP_ACCOUNT", ZT_KV(4, 5)), 0x100000);
	assert_int_equal(gfp_value("__GFP_ACCOUNT", ZT_KV(5, 1)), 0x400000);
	/* 4.13 renamed __GFP_REPEAT */
	assert_int_equal(gfp_value("__GFP_REPEAT", ZT_KV(4, 12)), 0x400);
	assert_int_equal(gfp_value("__GFP_REPEAT", ZT_KV(4, 13)), 0);
	assert_int_equal(gfp_value("__GFP_RETRY_MAYFAIL", ZT_KV(4, 13)), 0x400);
	assert_int_equal(gfp_value("__GFP_RETRY_MAYFAIL", ZT_KV(5, 1)), 0x4000);
	/* 4.15 dropped COLD and NOTRACK */
	assert_int_equal(gfp_value("__GFP_COLD", ZT_KV(4, 14)), 0x100);
	assert_int_equal(gfp_value("__GFP_COLD", ZT_KV(4, 15)), 0);
	assert_int_equal(gfp_value("__GFP_NOTRACK", ZT_KV(4, 14)), 0x200000);
	assert_int_equal(gfp_value("__GFP_NOTRACK", ZT_KV(4, 15)), 0);
	/* 0x800000: OTHER_NODE, WRITE, NOLOCKDEP, ZEROTAGS */
	assert_int_equal(gfp_value("__GFP_OTHER_NODE", ZT_KV(4, 9)), 0x800000);
	assert_int_equal(gfp_value("__GFP_WRITE", ZT_KV(4, 10)), 0x800000);
	assert_int_equal(gfp_value("__GFP_NOLOCKDEP", ZT_KV(5, 13)), 0x800000);
	assert_int_equal(gfp_value("__GFP_ZEROTAGS", ZT_KV(5, 13)), 0);
	assert_int_equal(gfp_value("__GFP_ZEROTAGS", ZT_KV(5, 14)), 0x800000);
	/* 0x10: __GFP_WAIT until 4.4, then RECLAIMABLE */
	assert_int_equal(gfp_value("__GFP_WAIT", ZT_KV(3, 10)), 0x10);
	assert_int_equal(gfp_value("__GFP_WAIT", ZT_KV(4, 4)), 0);
	assert_int_equal(gfp_value("__GFP_RECLAIMABLE", ZT_KV(3, 10)), 0x80000);
	assert_int_equal(gfp_value("__GFP_RECLAIMABLE", ZT_KV(4, 4)), 0x10);
	/* __GFP_RECLAIM = DIRECT|KSWAPD in each layout */
	assert_int_equal(gfp_value("__GFP_RECLAIM", ZT_KV(4, 4)), 0x2400000);
	assert_int_equal(gfp_value("__GFP_RECLAIM", ZT_KV(4, 10)), 0x1400000);
	assert_int_equal(gfp_value("__GFP_RECLAIM", ZT_KV(4, 18)), 0x600000);
	assert_int_equal(gfp_value("__GFP_RECLAIM", ZT_KV(5, 1)), 0xc00);
	assert_int_equal(gfp_value("__GFP_NOSUCH", ZT_KV(5, 1)), 0);
	assert_int_equal(gfp_value("0x400", ZT_KV(5, 1)), 0x400);
}

static void
assert_format(uint64_t mask, int kv, const char *want, uint64_t want_left)
{
	char buf[320];
	uint64_t left = ~0ull;

	gfp_format(mask, kv, buf, sizeof buf, &left);
	assert_string_equal(buf, want);
	assert_int_equal(left, want_left);
}

/* Greedy composition, composites first, as %pGg prints it. */
static void
test_gfp_format(void **state)
{
	(void)state;
	/* the seed's mask, vmalloc's page mask on 4.4 (mm/vmalloc.c
	 * __vmalloc_area_node(): GFP_KERNEL|__GFP_HIGHMEM plus __GFP_NOWARN) */
	assert_format(0x24002c2, ZT_KV(4, 4), "GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN", 0);
	/* the 6.1 sample prints exactly this */
	assert_format(0x140dca, ZT_KV(6, 1), "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO", 0);
	/* the 3.10 sample: page cache read, cold page */
	assert_format(0x201da, ZT_KV(3, 10), "GFP_HIGHUSER_MOVABLE|__GFP_COLD", 0);
	assert_format(0x24000c0, ZT_KV(4, 4), "GFP_KERNEL", 0);
	assert_format(0xcc0, ZT_KV(6, 18), "GFP_KERNEL", 0);
	assert_format(0x400cc0, ZT_KV(5, 10), "GFP_KERNEL_ACCOUNT", 0);
	assert_format(0x1100cca, ZT_KV(5, 15), "GFP_HIGHUSER_MOVABLE", 0);
	assert_format(0xa20, ZT_KV(6, 1), "GFP_ATOMIC", 0);
	/* 6.3+: 0x200 is unused, printed as hex */
	assert_format(0xa20, ZT_KV(6, 3), "GFP_ATOMIC|0x200", 0x200);
	assert_format(0x14004c0, ZT_KV(4, 13), "GFP_KERNEL|__GFP_RETRY_MAYFAIL", 0);
	assert_format(0x14004c0, ZT_KV(4, 12), "GFP_KERNEL|__GFP_REPEAT", 0);
	assert_format(0x14001c0, ZT_KV(4, 14), "GFP_KERNEL|__GFP_COLD", 0);
	assert_format(0x14001c0, ZT_KV(4, 15), "GFP_KERNEL|0x100", 0x100);
	/* THP: (HIGHUSER_MOVABLE|COMP|NOMEMALLOC|NOWARN) & ~RECLAIM on 5.1+:
	 * 0x100cca|0x40000|0x80000|0x2000 = 0x1c2cca, & ~0xc00 = 0x1c20ca;
	 * GFP_TRANSHUGE adds DIRECT_RECLAIM 0x400: 0x1c24ca */
	assert_format(0x1c20ca, ZT_KV(5, 4), "GFP_TRANSHUGE_LIGHT", 0);
	assert_format(0x1c24ca, ZT_KV(5, 4), "GFP_TRANSHUGE", 0);
	assert_format(0, ZT_KV(5, 7), "", 0);
	assert_format(0x1000000, ZT_KV(6, 6), "0x1000000", 0x1000000);
	assert_format(0x20, ZT_KV(3, 10), "GFP_ATOMIC", 0);
}

static void
test_gfp_parse_names(void **state)
{
	uint64_t m;
	char unk[48];
	const char *s;

	(void)state;
	s = "GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN";
	assert_int_equal(gfp_parse_names(s, strlen(s), ZT_KV(4, 7), &m, unk, sizeof unk), 0);
	assert_int_equal(m, 0x24002c2);
	s = "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO";
	assert_int_equal(gfp_parse_names(s, strlen(s), ZT_KV(6, 1), &m, unk, sizeof unk), 0);
	assert_int_equal(m, 0x140dca);
	/* a name this kernel never had */
	s = "GFP_KERNEL|__GFP_FOO";
	assert_int_equal(gfp_parse_names(s, strlen(s), ZT_KV(5, 4), &m, unk, sizeof unk), 1);
	assert_string_equal(unk, "__GFP_FOO");
	assert_int_equal(m, 0xcc0);
	/* leftover hex, and the empty list of a page-fault OOM */
	s = "GFP_KERNEL|0x1000000";
	assert_int_equal(gfp_parse_names(s, strlen(s), ZT_KV(6, 6), &m, unk, sizeof unk), 0);
	assert_int_equal(m, 0x1000cc0);
	assert_int_equal(gfp_parse_names("", 0, ZT_KV(5, 7), &m, unk, sizeof unk), 0);
	assert_int_equal(m, 0);
	/* the same names mean other bits on another layout */
	s = "GFP_KERNEL";
	gfp_parse_names(s, strlen(s), ZT_KV(4, 10), &m, unk, sizeof unk);
	assert_int_equal(m, 0x14000c0);
	assert_true(gfp_has(0x24002c2, ZT_KV(4, 4), "GFP_KERNEL"));
	assert_true(gfp_has(0x24002c2, ZT_KV(4, 4), "__GFP_NOWARN"));
	assert_false(gfp_has(0x24002c2, ZT_KV(5, 1), "__GFP_NOWARN"));
}

/* GFP_ZONE_TABLE: the zone bits pick the highest zone; an optional zone
 * the kernel lacks becomes Normal. */
static void
test_gfp_zone(void **state)
{
	unsigned x86_64 = T(ZT_ZONE_DMA) | T(ZT_ZONE_DMA32) | T(ZT_ZONE_NORMAL) |
	    T(ZT_ZONE_MOVABLE);
	unsigned i386 = T(ZT_ZONE_DMA) | T(ZT_ZONE_NORMAL) | T(ZT_ZONE_HIGHMEM) |
	    T(ZT_ZONE_MOVABLE);

	(void)state;
	assert_int_equal(gfp_zone(0xcc0, x86_64), ZT_ZONE_NORMAL);
	/* the seed: __GFP_HIGHMEM on x86_64 is Normal (gfp_zone(): without
	 * CONFIG_HIGHMEM OPT_ZONE_HIGHMEM is ZONE_NORMAL, include/linux/gfp.h) */
	assert_int_equal(gfp_zone(0x24002c2, x86_64), ZT_ZONE_NORMAL);
	assert_int_equal(gfp_zone(0x24002c2, i386), ZT_ZONE_HIGHMEM);
	assert_int_equal(gfp_zone(0x100cca, x86_64), ZT_ZONE_MOVABLE);
	assert_int_equal(gfp_zone(0x100cca, i386), ZT_ZONE_MOVABLE);
	assert_int_equal(gfp_zone(GFP_ZONE_DMA32, x86_64), ZT_ZONE_DMA32);
	assert_int_equal(gfp_zone(GFP_ZONE_DMA32, i386), ZT_ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_ZONE_DMA, x86_64), ZT_ZONE_DMA);
	assert_int_equal(gfp_zone(GFP_ZONE_DMA, T(ZT_ZONE_NORMAL)), ZT_ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_ZONE_MOVABLE, x86_64), ZT_ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_ZONE_MOVABLE | GFP_ZONE_DMA32, x86_64),
	    ZT_ZONE_DMA32);
	assert_int_equal(gfp_zone(GFP_ZONE_DMA | GFP_ZONE_HIGHMEM, x86_64),
	    ZT_ZONE_UNKNOWN);
	assert_int_equal(gfp_zone(GFP_ZONE_DMA | GFP_ZONE_DMA32, x86_64),
	    ZT_ZONE_UNKNOWN);
	/* page-fault OOM: gfp_mask=0x0 is Normal */
	assert_int_equal(gfp_zone(0, i386), ZT_ZONE_NORMAL);
}

/* All 16 combinations of the four zone bits, on three machines: the
 * kernel's GFP_ZONE_TABLE row by row (include/linux/gfp.h), and its
 * GFP_ZONE_BAD set (0x3 0x5 0x6 0x7 0xb 0xd 0xe 0xf) as unknown.  The
 * OPT_ZONE_* entries become Normal where the machine lacks that zone. */
static void
test_gfp_zone_all_bits(void **state)
{
	unsigned x86_64 = T(ZT_ZONE_DMA) | T(ZT_ZONE_DMA32) | T(ZT_ZONE_NORMAL) |
	    T(ZT_ZONE_MOVABLE);
	unsigned i386 = T(ZT_ZONE_DMA) | T(ZT_ZONE_NORMAL) | T(ZT_ZONE_HIGHMEM) |
	    T(ZT_ZONE_MOVABLE);
	unsigned bare = T(ZT_ZONE_NORMAL) | T(ZT_ZONE_MOVABLE);
	const int U = ZT_ZONE_UNKNOWN, N = ZT_ZONE_NORMAL, D = ZT_ZONE_DMA,
	    D32 = ZT_ZONE_DMA32, H = ZT_ZONE_HIGHMEM, M = ZT_ZONE_MOVABLE;
	/* per row: x86_64 (DMA, DMA32), i386 (DMA, HIGHMEM), bare (neither) */
	const int want[16][3] = {
		[0x0] = { N, N, N },		/* none: Normal */
		[0x1] = { D, D, N },		/* DMA: OPT_ZONE_DMA */
		[0x2] = { N, H, N },		/* HIGHMEM: OPT_ZONE_HIGHMEM */
		[0x3] = { U, U, U },		/* BAD */
		[0x4] = { D32, N, N },		/* DMA32: OPT_ZONE_DMA32 */
		[0x5] = { U, U, U },		/* BAD */
		[0x6] = { U, U, U },		/* BAD */
		[0x7] = { U, U, U },		/* BAD */
		[0x8] = { N, N, N },		/* MOVABLE alone: Normal */
		[0x9] = { D, D, N },		/* MOVABLE|DMA: OPT_ZONE_DMA */
		[0xa] = { M, M, M },		/* MOVABLE|HIGHMEM: Movable */
		[0xb] = { U, U, U },		/* BAD */
		[0xc] = { D32, N, N },		/* MOVABLE|DMA32: OPT_ZONE_DMA32 */
		[0xd] = { U, U, U },		/* BAD */
		[0xe] = { U, U, U },		/* BAD */
		[0xf] = { U, U, U },		/* BAD */
	};

	(void)state;
	for (unsigned i = 0; i < 16; i++) {
		/* the other bits of a mask never change the zone */
		uint64_t mask = i | 0xcc0;

		assert_int_equal(gfp_zone(mask, x86_64), want[i][0]);
		assert_int_equal(gfp_zone(mask, i386), want[i][1]);
		assert_int_equal(gfp_zone(mask, bare), want[i][2]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_gfp_kernel),
		cmocka_unit_test(test_gfp_highuser_movable),
		cmocka_unit_test(test_gfp_atomic),
		cmocka_unit_test(test_gfp_single_flags),
		cmocka_unit_test(test_gfp_format),
		cmocka_unit_test(test_gfp_parse_names),
		cmocka_unit_test(test_gfp_zone),
		cmocka_unit_test(test_gfp_zone_all_bits),
		cmocka_unit_test(test_gfp_hex_names),
		cmocka_unit_test(test_gfp_format_edges),
		cmocka_unit_test(test_gfp_parse_names_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
