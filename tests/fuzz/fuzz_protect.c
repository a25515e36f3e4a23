/* Fuzz protect's pure parsers: the input as a --protect argument, an `e`
 * prompt value, and a cgroup text (and command line) for the
 * lasting-protection advice and its text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protect.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), err[PROTECT_ERR_LEN];
	struct protect_advice a;
	struct zt_buf b = { 0 };
	int pid, adj;

	memcpy(copy, data, size);
	copy[size] = '\0';
	protect_parse_arg(copy, &pid, &adj, err, sizeof err);
	protect_parse_adj(copy, &adj, err, sizeof err);
	protect_advise(copy, copy, size, -1000, &a);
	protect_advice_text(&a, &b);
	buf_free(&b);
	free(copy);
	return 0;
}
