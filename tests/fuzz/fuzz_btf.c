/* Fuzz the BPF loader's walk over the kernel's raw BTF
 * (bpf_tasks_btf_facts): any bytes, never a read past the end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_tasks.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[ZT_WHY_LEN];
	int64_t delta = 1;
	/* a copy of its exact size, so that ASan sees any read past it */
	uint8_t *p = malloc(size ? size : 1);
	int rc;

	if (p == NULL)
		return 0;
	memcpy(p, data, size);
	rc = bpf_tasks_btf_facts(p, size, &delta, why, sizeof why);
	free(p);
	if (rc < -1 || rc > 1 || (rc == 0 && delta != 0) ||
	    (rc < 0 && why[0] == '\0'))
		abort();
	return 0;
}
