/* Fuzz oomreport_parse(), then explain_report() on every report found
 * and both printers (text and JSON) on the result. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "explain.h"
#include "oomreport.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oom_reports rs;

	oomreport_parse((const char *)data, size, &rs);
	for (int i = 0; i < rs.n; i++) {
		struct explain e;
		struct zt_buf out = { 0 };
		explain_report(&rs.r[i], &e);
		explain_text(&rs.r[i], &e, i + 1, rs.n, &out);
		json_t *j = explain_json(&rs.r[i], &e);
		char *s = json_dumps(j, JSON_COMPACT);
		if (s == NULL)
			abort();	/* every string must be valid UTF-8 */
		free(s);
		json_decref(j);
		buf_free(&out);
		explain_free(&e);
	}
	oomreport_free(&rs);
	return 0;
}
