/* Fuzz psi_parse(), then the stall-time deltas and the verdict from two
 * samples: the first half of the input and the whole. */
#include <math.h>
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
	psi_parse(text, size / 2, &prev.psi, why, sizeof why);
	if (psi_parse(text, size, &cur.psi, why, sizeof why) == 0) {
		/* a line is used whole or not at all */
		if (cur.psi.some.have && (isnan(cur.psi.some.avg10) ||
		    cur.psi.some.total_us == ZT_NA))
			abort();
		status_set(&cur, ZT_SRC_PSI, true, NULL);
	}
	prev.mono = 1.0;
	cur.mono = 3.0;
	derive_snapshot(&prev, NULL);
	derive_snapshot(&cur, &prev);
	snapshot_free(&prev);
	snapshot_free(&cur);
	return 0;
}
