/* Fuzz meminfo_parse() and what reads meminfo downstream: the
 * unaccounted sum, swap and commit totals, the verdict.  The first half
 * of the input is a previous sample, the whole the current one. */
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
	struct zt_snapshot prev, cur;
	char why[ZT_WHY_LEN];

	snapshot_init(&prev);
	snapshot_init(&cur);
	if (meminfo_parse(text, size / 2, &prev.meminfo, why, sizeof why) == 0)
		status_set(&prev, ZT_SRC_MEMINFO, true, NULL);
	if (meminfo_parse(text, size, &cur.meminfo, why, sizeof why) == 0)
		status_set(&cur, ZT_SRC_MEMINFO, true, NULL);
	(void)unaccounted_kb(&cur.meminfo);
	prev.mono = 1.0;
	cur.mono = 2.0;
	derive_snapshot(&prev, NULL);
	derive_snapshot(&cur, &prev);
	snapshot_free(&prev);
	snapshot_free(&cur);
	return 0;
}
