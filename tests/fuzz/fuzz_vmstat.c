/* Fuzz vmstat_parse(), then the rates and the OOM kill event computed
 * from two samples: the first half of the input and the whole. */
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
	if (vmstat_parse(text, size / 2, &prev.vmstat, why, sizeof why) == 0)
		status_set(&prev, ZT_SRC_VMSTAT, true, NULL);
	if (vmstat_parse(text, size, &cur.vmstat, why, sizeof why) == 0)
		status_set(&cur, ZT_SRC_VMSTAT, true, NULL);
	prev.mono = 1.0;
	cur.mono = 1.5;
	derive_snapshot(&prev, NULL);
	derive_snapshot(&cur, &prev);
	snapshot_free(&prev);
	snapshot_free(&cur);
	return 0;
}
