/* Fuzz the prefix learner alone: oomprefix_lines() on any bytes, then
 * the invariants the report reader relies on (every line inside the
 * arena, NUL-terminated, line numbers rising). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oomprefix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oom_lines ls;
	int last = 0;

	oomprefix_lines((const char *)data, size, &ls);
	for (int i = 0; i < ls.n; i++) {
		const struct oom_line *l = &ls.v[i];
		if (l->off + l->len >= ls.arena.len + (ls.arena.len == 0) ||
		    ls.arena.p[l->off + l->len] != '\0' || l->lineno < last ||
		    memchr(l->stamp, '\0', sizeof l->stamp) == NULL)
			abort();
		last = l->lineno;
		(void)oomprefix_anchor(ls.arena.p + l->off, l->len);
	}
	oomprefix_free(&ls);
	return 0;
}
