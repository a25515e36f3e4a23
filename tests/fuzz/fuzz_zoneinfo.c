/* Fuzz zoneinfo_parse(), then the buddyinfo and pagetypeinfo parsers on
 * the same bytes over its zones, and derive_snapshot() on the result. */
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

	snapshot_init(&s);
	zoneinfo_parse(text, size, &s, why, sizeof why);
	buddyinfo_parse(text, size, &s, why, sizeof why);
	pagetypeinfo_parse(text, size, &s, why, sizeof why);
	derive_snapshot(&s, NULL);
	snapshot_free(&s);
	return 0;
}
