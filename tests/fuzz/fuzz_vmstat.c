/* Fuzz vmstat_parse(), then what two samples give: rates, the OOM kill
 * event and, with zoneinfo_parse() on the same bytes, zones appearing,
 * vanishing and resizing.  The first half of the input is the previous
 * sample, the whole the current one. */
#include <stdint.h>
#include <stdlib.h>

#include "derive.h"
#include "parsers.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_sample(struct zt_snapshot *s, const char *text, size_t len, double mono)
{
	char why[ZT_WHY_LEN];

	snapshot_init(s);
	s->mono = mono;
	if (vmstat_parse(text, len, &s->vmstat, why, sizeof why) == 0)
		status_set(s, ZT_SRC_VMSTAT, true, NULL);
	if (zoneinfo_parse(text, len, s, why, sizeof why) == 0)
		status_set(s, ZT_SRC_ZONEINFO, true, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct zt_snapshot prev, cur;

	fuzz_sample(&prev, text, size / 2, 1.0);
	fuzz_sample(&cur, text, size, 1.5);
	derive_snapshot(&prev, NULL);
	derive_snapshot(&cur, &prev);
	if (cur.nevents > ZT_EVENTS_MAX)
		abort();
	snapshot_free(&prev);
	snapshot_free(&cur);
	return 0;
}
