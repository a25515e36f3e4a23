/* Fuzz buddyinfo_parse(): alone (every zone appended) and over zones
 * from a real 6.18 zoneinfo (matched), then derive_snapshot(). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "parsers.h"
#include "snapshot.h"
#include "util.h"
#include "zone_base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The zone blocks of the 6.18 VM's zoneinfo, stats and pagesets cut. */
static const char zoneinfo_618[] =
    "Node 0, zone      DMA\n"
    "  pages free     3840\n        boost    0\n        min      19\n"
    "        low      23\n        high     27\n        promo    31\n"
    "        spanned  4095\n        present  3998\n        managed  3840\n"
    "        cma      0\n        protection: (0, 3018, 13258, 13258, 13258)\n"
    "  node_unreclaimable:  0\n  start_pfn:           1\n"
    "Node 0, zone    DMA32\n"
    "  pages free     772808\n        boost    0\n        min      3842\n"
    "        low      4802\n        high     5762\n        promo    6722\n"
    "        spanned  1044480\n        present  782336\n"
    "        managed  772808\n        cma      0\n"
    "        protection: (0, 0, 10240, 10240, 10240)\n"
    "  node_unreclaimable:  0\n  start_pfn:           4096\n"
    "Node 0, zone   Normal\n"
    "  pages free     2283439\n        boost    0\n        min      13034\n"
    "        low      16292\n        high     19550\n        promo    22808\n"
    "        spanned  5505024\n        present  5505024\n"
    "        managed  2621440\n        cma      0\n"
    "        protection: (0, 0, 0, 0, 0)\n"
    "  node_unreclaimable:  0\n  start_pfn:           1048576\n"
    "Node 0, zone  Movable\n"
    "  pages free     0\n        boost    0\n        min      32\n"
    "        low      32\n        high     32\n        promo    32\n"
    "        spanned  0\n        present  0\n        managed  0\n"
    "        cma      0\n        protection: (0, 0, 0, 0, 0)\n";

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zone_base_init(zoneinfo_618);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];

	snapshot_init(&s);
	buddyinfo_parse(text, size, &s, why, sizeof why);
	derive_snapshot(&s, NULL);
	snapshot_free(&s);

	zone_base_copy(&s);
	buddyinfo_parse(text, size, &s, why, sizeof why);
	derive_snapshot(&s, NULL);
	snapshot_free(&s);
	return 0;
}
