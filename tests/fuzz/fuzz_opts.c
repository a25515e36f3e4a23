/* Fuzz the command-line parser: the input, split at NUL bytes, is argv. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[66];
	int argc = 0;
	struct zt_opts o;
	char err[160];

	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = (char *)"zonetop";
	for (size_t i = 0; i <= size && argc < 65;) {
		argv[argc++] = copy + i;
		i += strlen(copy + i) + 1;
	}
	argv[argc] = NULL;
	opts_parse(argc, argv, &o, err, sizeof err);
	free(copy);
	return 0;
}
