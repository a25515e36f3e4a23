/*
 * json_text.c: outside text as a JSON string, see json_text.h.  jansson
 * refuses invalid UTF-8 (json_stringn returns NULL); such text, and text
 * with DEL, goes through the escaper the text output uses.
 */
#include "json_text.h"

#include <stdbool.h>
#include <string.h>

#include "util.h"

json_t *
json_text(const char *s, size_t n)
{
	bool clean = memchr(s, 0x7f, n) == NULL;
	json_t *j = clean ? json_stringn(s, n) : NULL;	/* NULL: bad UTF-8 */

	if (j == NULL) {
		struct zt_buf b = { 0 };
		buf_add_escaped(&b, s, n);
		j = json_stringn(b.p ? b.p : "", b.len);
		buf_free(&b);
	}
	return j ? j : json_string("");
}
