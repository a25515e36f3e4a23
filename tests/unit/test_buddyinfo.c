/*
 * test_buddyinfo.c: buddyinfo_parse() on real files (6.18 x86_64, 2.6.38
 * i386 HighMem, arm64 64K pages on 4 nodes), matched to zoneinfo zones or
 * appended, and on malformed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parsers.h"
#include "snapshot.h"
#include "util.h"

#include "fixture.h"

static int
parse_file(int (*fn)(const char *, size_t, struct zt_snapshot *, char *,
    size_t), const char *rel, struct zt_snapshot *s)
{
	char why[ZT_WHY_LEN] = "";
	size_t len;
	char *text = fixture(rel, &len);
	int rc = fn(text, len, s, why, sizeof why);

	free(text);
	return rc;
}

static void
assert_buddy(const struct zt_zone *z, int n, const int64_t *want)
{
	assert_int_equal(z->norders, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(z->buddy[i], want[i]);
	for (int i = n; i < ZT_MAX_ORDER; i++)
		assert_true(z->buddy[i] == ZT_NA);
}

/* Free pages the buddy lists hold: sum of n_k * 2^k. */
static int64_t
buddy_pages(const struct zt_zone *z)
{
	int64_t sum = 0;

	for (int k = 0; k < z->norders; k++)
		sum += z->buddy[k] << k;
	return sum;
}

/* 6.18 VM: matched to its zoneinfo; empty Movable/Device not listed. */
static void
test_vm_618(void **state)
{
	struct zt_snapshot s;
	(void)state;

	snapshot_init(&s);
	assert_int_equal(parse_file(zoneinfo_parse,
	    "proc/vm-6.18-x86_64-24g/zoneinfo", &s), 0);
	assert_int_equal(parse_file(buddyinfo_parse,
	    "proc/vm-6.18-x86_64-24g/buddyinfo", &s), 0);
	assert_int_equal(s.nzones, 5);
	assert_buddy(&s.zones[0], 11,
	    (const int64_t[]){ 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3 });
	assert_buddy(&s.zones[1], 11,
	    (const int64_t[]){ 2, 3, 0, 2, 3, 2, 1, 4, 4, 2, 752 });
	assert_buddy(&s.zones[2], 11, (const int64_t[]){ 8301, 6835, 5979,
	    4992, 4965, 3317, 2228, 1269, 746, 497, 1232 });
	assert_int_equal(s.zones[3].norders, 0);
	assert_int_equal(s.zones[4].norders, 0);
	/* DMA32: 2 + 3*2 + 2*8 + 3*16 + 2*32 + 1*64 + 4*128 + 4*256 + 2*512
	 * + 752*1024 = 772808, zoneinfo's "pages free" (buddyinfo prints
	 * free_area[order].nr_free over all migrate types, mm/vmstat.c
	 * frag_show_print()) */
	assert_int_equal(buddy_pages(&s.zones[1]), 772808);
	assert_int_equal(buddy_pages(&s.zones[1]), s.zones[1].free);
	/* DMA: 256 + 512 + 3*1024 = 3840 */
	assert_int_equal(buddy_pages(&s.zones[0]), 3840);
	/* zoneinfo's fields are untouched */
	assert_int_equal(s.zones[2].managed, 2621440);
	assert_int_equal(s.nnodes, 1);
	snapshot_free(&s);
}

/* 2.6.38 i386 with no zoneinfo: zones appended with their buddy only. */
static void
test_i386_2638(void **state)
{
	struct zt_snapshot s;
	(void)state;

	snapshot_init(&s);
	assert_int_equal(parse_file(buddyinfo_parse,
	    "buddyinfo/buddyinfo-2.6.38-i386-highmem.txt", &s), 0);
	assert_int_equal(s.nzones, 3);
	assert_int_equal(s.nnodes, 1);
	assert_string_equal(s.zones[0].name, "DMA");
	assert_int_equal(s.zones[0].type, ZT_ZONE_DMA);
	assert_string_equal(s.zones[1].name, "Normal");
	assert_int_equal(s.zones[1].type, ZT_ZONE_NORMAL);
	assert_string_equal(s.zones[2].name, "HighMem");
	assert_int_equal(s.zones[2].type, ZT_ZONE_HIGHMEM);
	assert_buddy(&s.zones[0], 11,
	    (const int64_t[]){ 8, 3, 2, 5, 6, 5, 3, 1, 1, 1, 1 });
	assert_buddy(&s.zones[1], 11, (const int64_t[]){ 2670, 3000, 2194,
	    1489, 1069, 690, 363, 180, 84, 43, 2 });
	assert_buddy(&s.zones[2], 11, (const int64_t[]){ 657, 3474, 1338,
	    873, 254, 12, 0, 0, 0, 0, 0 });
	for (int i = 0; i < 3; i++) {
		const struct zt_zone *z = &s.zones[i];
		assert_int_equal(z->node, 0);
		assert_true(z->free == ZT_NA);
		assert_true(z->min == ZT_NA);
		assert_true(z->managed == ZT_NA);
		assert_int_equal(z->nprot, 0);
		assert_int_equal(z->unreclaimable, -1);
		assert_int_equal(z->highest_free_order, -2);
		assert_null(z->pt);
	}
	snapshot_free(&s);
}

/* arm64 64K pages: 14 orders, 4 nodes. */
static void
test_arm64_64k(void **state)
{
	struct zt_snapshot s;
	(void)state;

	snapshot_init(&s);
	assert_int_equal(parse_file(buddyinfo_parse,
	    "buddyinfo/buddyinfo-4.x-arm64-64k-numa4.txt", &s), 0);
	assert_int_equal(s.nzones, 5);
	assert_int_equal(s.nnodes, 4);
	assert_buddy(&s.zones[0], 14, (const int64_t[]){ 22, 9, 15, 13, 11, 9,
	    6, 6, 4, 5, 5, 2, 0, 0 });
	assert_buddy(&s.zones[1], 14, (const int64_t[]){ 5, 9, 16, 5, 3, 2, 1,
	    2, 2, 1, 2, 2, 1, 250 });
	/* the last line has no trailing space */
	assert_buddy(&s.zones[4], 14, (const int64_t[]){ 74, 95, 117, 66, 43,
	    29, 20, 16, 7, 11, 6, 6, 1, 237 });
	for (int i = 1; i < 5; i++) {
		assert_int_equal(s.zones[i].node, i - 1);
		assert_string_equal(s.zones[i].name, "Normal");
	}
	snapshot_free(&s);
}

/* zoneinfo of two nodes, buddyinfo of four: twins matched by node and
 * name, the rest appended (different machines, on purpose). */
static void
test_match_and_append(void **state)
{
	struct zt_snapshot s;
	(void)state;

	snapshot_init(&s);
	assert_int_equal(parse_file(zoneinfo_parse,
	    "zoneinfo/zoneinfo-6.6rc1-x86_64-numa2.txt", &s), 0);
	assert_int_equal(s.nzones, 8);
	assert_int_equal(s.nnodes, 2);
	assert_int_equal(parse_file(buddyinfo_parse,
	    "buddyinfo/buddyinfo-4.x-arm64-64k-numa4.txt", &s), 0);
	/* node 0 DMA, node 0 Normal, node 1 Normal matched; nodes 2, 3 new */
	assert_int_equal(s.nzones, 10);
	assert_int_equal(s.nnodes, 4);
	assert_int_equal(s.zones[0].norders, 14);
	assert_int_equal(s.zones[0].buddy[0], 22);
	assert_int_equal(s.zones[0].free, 3840);	/* still zoneinfo's */
	assert_int_equal(s.zones[1].norders, 0);	/* DMA32 not listed */
	assert_int_equal(s.zones[2].buddy[13], 250);
	assert_int_equal(s.zones[6].buddy[13], 252);
	assert_int_equal(s.zones[6].managed, 2086594);
	assert_int_equal(s.zones[8].node, 2);
	assert_int_equal(s.zones[8].buddy[13], 253);
	assert_true(s.zones[8].managed == ZT_NA);
	assert_int_equal(s.zones[9].node, 3);
	assert_int_equal(s.zones[9].buddy[0], 74);
	snapshot_free(&s);

	/* 4.0 i686 zoneinfo with 2.6.38 i386 buddyinfo: all three matched */
	snapshot_init(&s);
	assert_int_equal(parse_file(zoneinfo_parse,
	    "zoneinfo/zoneinfo-4.0-i686-pae-highmem.txt", &s), 0);
	assert_int_equal(parse_file(buddyinfo_parse,
	    "buddyinfo/buddyinfo-2.6.38-i386-highmem.txt", &s), 0);
	assert_int_equal(s.nzones, 3);
	assert_int_equal(s.zones[2].buddy[1], 3474);
	assert_int_equal(s.zones[2].free, 2536526);
	snapshot_free(&s);
}

static int
parse_str(const char *text, struct zt_snapshot *s)
{
	char why[ZT_WHY_LEN] = "";
	int rc = buddyinfo_parse(text, strlen(text), s, why, sizeof why);

	if (rc != 0)
		assert_true(why[0] != '\0');
	return rc;
}

static void
test_malformed(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };
	char why[ZT_WHY_LEN];
	(void)state;

	snapshot_init(&s);
	assert_int_equal(buddyinfo_parse("", 0, &s, why, sizeof why), -1);
	assert_int_equal(buddyinfo_parse(NULL, 0, &s, why, sizeof why), -1);
	assert_int_equal(parse_str("# source: nowhere\nhello\n"
	    "Node 0, zone      DMA\n"		/* no orders: not a buddy line */
	    "Node 0, zone      DMA x 1 2\n"
	    "Node a, zone DMA 1 2 3\n", &s), -1);
	assert_int_equal(s.nzones, 0);

	/* a value that is not a count ends the orders; huge ones too */
	assert_int_equal(parse_str("Node 0, zone   Normal 1 2 3x 4\n"
	    "Node 0, zone      DMA 5 99999999999999999999 6\n"
	    "Node 0, zone    DMA32 -1 2\n"
	    "Node 1, zone  Movable 9223372036854775807\r\n", &s), 0);
	assert_int_equal(s.nzones, 3);
	assert_buddy(&s.zones[0], 2, (const int64_t[]){ 1, 2 });
	assert_buddy(&s.zones[1], 1, (const int64_t[]){ 5 });
	assert_buddy(&s.zones[2], 1, (const int64_t[]){ INT64_MAX });
	assert_int_equal(s.nnodes, 2);
	snapshot_free(&s);

	/* more columns than ZT_MAX_ORDER: the first ZT_MAX_ORDER */
	snapshot_init(&s);
	buf_printf(&b, "Node 0, zone   Normal");
	for (int i = 0; i < 30; i++)
		buf_printf(&b, " %6d", i);
	buf_printf(&b, " \n");
	assert_int_equal(buddyinfo_parse(b.p, b.len, &s, why, sizeof why), 0);
	assert_int_equal(s.zones[0].norders, ZT_MAX_ORDER);
	assert_int_equal(s.zones[0].buddy[ZT_MAX_ORDER - 1], ZT_MAX_ORDER - 1);
	snapshot_free(&s);
	buf_free(&b);

	/* more zones than kept */
	snapshot_init(&s);
	for (int i = 0; i < ZT_MAX_ZONES + 50; i++)
		buf_printf(&b, "Node %d, zone   Normal %d\n", i, i);
	assert_int_equal(buddyinfo_parse(b.p, b.len, &s, why, sizeof why), 0);
	assert_int_equal(s.nzones, ZT_MAX_ZONES);
	assert_int_equal(s.nnodes, ZT_MAX_ZONES);
	assert_int_equal(s.zones[ZT_MAX_ZONES - 1].buddy[0], ZT_MAX_ZONES - 1);
	assert_int_equal(s.zones[0].buddy[0], 0);	/* the rest went nowhere */
	snapshot_free(&s);
	buf_free(&b);

	/* a repeated line overwrites its zone rather than adding one */
	snapshot_init(&s);
	assert_int_equal(parse_str("Node 0, zone DMA 1 2 3\n"
	    "Node 0, zone DMA 4 5\n", &s), 0);
	assert_int_equal(s.nzones, 1);
	assert_buddy(&s.zones[0], 2, (const int64_t[]){ 4, 5 });
	snapshot_free(&s);
}

/* Room for appended zones: a last line with no newline still gets its
 * zone; one zone appended still counts its node; a line one byte short of
 * BUDDYINFO_LINE (1024) is read, one of 1024 bytes skipped as no
 * kernel's. */
static void
test_edges(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };
	char why[ZT_WHY_LEN];
	(void)state;

	snapshot_init(&s);
	assert_int_equal(parse_str("Node 0, zone DMA 1\n"
	    "Node 1, zone Normal 2 3", &s), 0);
	assert_int_equal(s.nzones, 2);
	assert_int_equal(s.nnodes, 2);
	assert_buddy(&s.zones[1], 2, (const int64_t[]){ 2, 3 });
	snapshot_free(&s);

	snapshot_init(&s);
	assert_int_equal(parse_str("Node 3, zone Normal 7\n", &s), 0);
	assert_int_equal(s.nzones, 1);
	assert_int_equal(s.nnodes, 1);
	assert_int_equal(s.zones[0].node, 3);
	snapshot_free(&s);

	/* 1023 bytes before the newline: read */
	snapshot_init(&s);
	buf_printf(&b, "Node 0, zone Normal 5");
	while (b.len < 1023)
		buf_printf(&b, " ");
	buf_printf(&b, "\n");
	assert_int_equal(buddyinfo_parse(b.p, b.len, &s, why, sizeof why), 0);
	assert_buddy(&s.zones[0], 1, (const int64_t[]){ 5 });
	snapshot_free(&s);
	buf_free(&b);

	/* 1024 bytes: skipped, so no zone line at all */
	snapshot_init(&s);
	buf_printf(&b, "Node 0, zone Normal 5");
	while (b.len < 1024)
		buf_printf(&b, " ");
	buf_printf(&b, "\n");
	assert_int_equal(buddyinfo_parse(b.p, b.len, &s, why, sizeof why), -1);
	assert_int_equal(s.nzones, 0);
	snapshot_free(&s);
	buf_free(&b);
}

static const char *const fixtures[] = {
	"proc/vm-6.18-x86_64-24g/buddyinfo",
	"buddyinfo/buddyinfo-2.6.38-i386-highmem.txt",
	"buddyinfo/buddyinfo-4.x-arm64-64k-numa4.txt",
};

/* Every prefix, alone and over the 6.18 zoneinfo: a cut line keeps a
 * prefix of its orders, each a prefix of its digits. */
static void
test_truncated(void **state)
{
	size_t zlen;
	char *ztext = fixture("proc/vm-6.18-x86_64-24g/zoneinfo", &zlen);
	(void)state;

	for (size_t f = 0; f < ZT_ARRAY_LEN(fixtures); f++) {
		struct zt_snapshot full, cut;
		char why[ZT_WHY_LEN];
		size_t len;
		char *text = fixture(fixtures[f], &len);

		snapshot_init(&full);
		assert_int_equal(buddyinfo_parse(text, len, &full, why,
		    sizeof why), 0);
		for (size_t n = 0; n < len; n++) {
			for (int withzi = 0; withzi < 2; withzi++) {
				char *p = xmalloc(n ? n : 1);
				memcpy(p, text, n);
				snapshot_init(&cut);
				if (withzi)
					zoneinfo_parse(ztext, zlen, &cut, why,
					    sizeof why);
				int before = cut.nzones;
				int rc = buddyinfo_parse(p, n, &cut, why,
				    sizeof why);
				assert_true(rc == 0 || rc == -1);
				assert_true(cut.nzones >= before);
				assert_true(cut.nzones <= before + full.nzones);
				if (!withzi) {
					for (int i = 0; i < cut.nzones; i++) {
						const struct zt_zone *a =
						    &full.zones[i], *b = &cut.zones[i];
						assert_true(b->norders <= a->norders);
						for (int k = 0; k < b->norders; k++)
							assert_true(b->buddy[k] >= 0 &&
							    b->buddy[k] <= a->buddy[k]);
					}
				}
				snapshot_free(&cut);
				free(p);
			}
		}
		snapshot_free(&full);
		free(text);
	}
	free(ztext);
}

static void
test_garbage(void **state)
{
	uint32_t seed = 777;
	(void)state;

	for (size_t f = 0; f < ZT_ARRAY_LEN(fixtures); f++) {
		size_t len;
		char *text = fixture(fixtures[f], &len);

		for (int round = 0; round < 500; round++) {
			struct zt_snapshot s;
			char why[ZT_WHY_LEN];
			char *p = garble(text, len, 1 + round % 20, &seed);
			snapshot_init(&s);
			buddyinfo_parse(p, len, &s, why, sizeof why);
			for (int i = 0; i < s.nzones; i++) {
				assert_true(s.zones[i].norders > 0 &&
				    s.zones[i].norders <= ZT_MAX_ORDER);
				for (int k = 0; k < s.zones[i].norders; k++)
					assert_true(s.zones[i].buddy[k] >= 0);
			}
			snapshot_free(&s);
			free(p);
		}
		free(text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vm_618),
		cmocka_unit_test(test_i386_2638),
		cmocka_unit_test(test_arm64_64k),
		cmocka_unit_test(test_match_and_append),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
