/* Fuzz the kernel log reader: the input is a stream of /dev/kmsg records
 * (a record a line; lines led by a blank are its dictionary), fed to
 * kmsg_log_add; every report it closes goes into a snapshot, through
 * derive, the JSON printer (report and explanation) and kmsg_explain.
 * The whole input is also parsed as one record. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "kmsg.h"
#include "output.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *end = text + size, *p = text;
	struct kmsg_log l;
	struct kmsg_rec r;
	struct zt_buf one = { 0 };
	struct zt_snapshot s;
	struct out_opts all = { .top = -1 };

	kmsg_record_parse(text, size, &r, &one);
	buf_free(&one);

	kmsg_log_init(&l);
	while (p < end) {
		const char *q = p;
		/* the record runs to the next line that is not led by a blank */
		for (;;) {
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			q = nl ? nl + 1 : end;
			if (q >= end || *q != ' ')
				break;
		}
		char *rec = xmalloc((size_t)(q - p) + 1);
		memcpy(rec, p, (size_t)(q - p));
		kmsg_log_add(&l, rec, (size_t)(q - p));
		free(rec);
		p = q;
	}
	snapshot_init(&s);
	kmsg_log_take(&l, &s, NULL, NULL);
	derive_snapshot(&s, NULL);
	for (int i = 0; i < s.nevents; i++) {
		struct zt_buf b = { 0 };
		kmsg_explain(&s, &s.events[i], &b);
		buf_free(&b);
	}
	json_t *j = json_snapshot(&s, &all);
	char *d = json_dumps(j, JSON_COMPACT);
	if (d == NULL)
		abort();	/* every string must be valid UTF-8 */
	free(d);
	json_decref(j);
	snapshot_free(&s);
	kmsg_log_free(&l);
	return 0;
}
