/* Fuzz the reduced kernel BTF for CO-RE (btf_min_build) and the module
 * BTF name check: input = 4-byte little-endian length K, K bytes of
 * "kernel" raw BTF, then a BPF object (ELF); any bytes, never a read
 * past the end, and a result that is itself BTF this reader takes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "btf_min.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[ZT_WHY_LEN];
	struct zt_buf out = { 0 }, again = { 0 };
	uint32_t k;
	uint8_t *kb, *ob;
	size_t olen;
	int rc;

	if (size < 4)
		return 0;
	memcpy(&k, data, sizeof k);
	if (k > size - 4)
		k = (uint32_t)(size - 4);
	olen = size - 4 - k;
	/* copies of their exact sizes, so that ASan sees any read past */
	kb = malloc(k ? k : 1);
	ob = malloc(olen ? olen : 1);
	if (kb == NULL || ob == NULL) {
		free(kb);
		free(ob);
		return 0;
	}
	memcpy(kb, data + 4, k);
	memcpy(ob, data + 4 + k, olen);
	why[0] = '\0';
	rc = btf_min_build(kb, k, ob, olen, NULL, NULL, &out, why, sizeof why);
	if (rc < -1 || rc > 1 || (rc != 1 && why[0] == '\0'))
		abort();
	/* what it wrote is BTF with every root still findable by name:
	 * built again from it, it must not be refused as malformed */
	if (rc == 1 && btf_min_build(out.p, out.len, ob, olen, NULL, NULL, &again,
	    why, sizeof why) == -1)
		abort();
	(void)btf_min_module_names(kb, k, ob, olen, "task_struct", 11);
	buf_free(&again);
	buf_free(&out);
	free(kb);
	free(ob);
	return 0;
}
