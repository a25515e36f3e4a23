/* Fuzz pagetypeinfo_parse() over zones from a real 6.6-rc1 two-node
 * zoneinfo and buddyinfo-like data, then derive_snapshot(). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "parsers.h"
#include "snapshot.h"
#include "util.h"
#include "zone_base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Zone headers and sizes of zoneinfo-6.6rc1-x86_64-numa2.txt. */
static const char zoneinfo_66[] =
    "Node 0, zone      DMA\n  pages free     3840\n        min      21\n"
    "        low      26\n        high     31\n        present  3998\n"
    "        managed  3840\n        protection: (0, 1908, 7923, 7923)\n"
    "Node 0, zone    DMA32\n  pages free     495317\n        min      2687\n"
    "        low      3358\n        high     4029\n        present  520156\n"
    "        managed  496486\n        protection: (0, 0, 6015, 6015)\n"
    "Node 0, zone   Normal\n  pages free     1360836\n        min      8473\n"
    "        low      10591\n        high     12709\n        present  1572864\n"
    "        managed  1552266\n        protection: (0, 0, 0, 0)\n"
    "Node 1, zone   Normal\n  pages free     1829073\n        min      11345\n"
    "        low      14181\n        high     17017\n        present  2097152\n"
    "        managed  2086594\n        protection: (0, 0, 0, 0)\n";

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zone_base_init(zoneinfo_66);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];

	zone_base_copy(&s);
	pagetypeinfo_parse(text, size, &s, why, sizeof why);
	derive_snapshot(&s, NULL);
	snapshot_free(&s);
	return 0;
}
