/* Fuzz swaps_parse() and the swap totals derived from the devices when
 * meminfo has none; intlist_parse() gets the same bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "derive.h"
#include "parsers.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct zt_snapshot s;
	char why[ZT_WHY_LEN];
	int64_t list[ZT_MAX_ZONE_TYPES];

	snapshot_init(&s);
	if (swaps_parse(text, size, &s.swaps, &s.nswaps, why, sizeof why) == 0)
		status_set(&s, ZT_SRC_SWAPS, true, NULL);
	for (int i = 0; i < s.nswaps; i++)
		if (s.swaps[i].path[sizeof s.swaps[i].path - 1] != '\0' ||
		    s.swaps[i].type[sizeof s.swaps[i].type - 1] != '\0')
			abort();
	int n = intlist_parse(text, size, list, ZT_MAX_ZONE_TYPES);
	if (n > ZT_MAX_ZONE_TYPES)
		abort();
	derive_snapshot(&s, NULL);
	snapshot_free(&s);
	return 0;
}
