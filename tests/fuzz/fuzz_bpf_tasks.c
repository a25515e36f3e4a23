/* Fuzz the BPF iterator's record decoder (bpf_tasks_decode), the
 * thread folding, and the ranking (badness.c) of what the adapter
 * (procs_bpf.c) makes of it. */
#include <stdint.h>
#include <stdlib.h>

#include "bpf_tasks.h"
#include "procs_bpf.h"
#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bt_task t[64];
	struct badness_kernel k;
	struct badness_task b[64];
	int64_t points[64];
	int order[64];
	char why[ZT_WHY_LEN];
	int n = bpf_tasks_decode(data, size, 100, t, 64, why, sizeof why);

	if (n < -1 || n > 64)
		abort();
	if (n <= 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (t[i].comm[sizeof t[i].comm - 1] != '\0' || t[i].rss_anon < 0 ||
		    t[i].swapents < 0)
			abort();
	n = bpf_tasks_merge_threads(t, n);
	badness_kernel_init(&k, "6.18", false);
	for (int i = 0; i < n; i++)
		procs_bpf_to_badness(&t[i], &b[i]);
	int chosen = badness_rank(&k, b, n, 6291456, 4096, false, points, order);
	if (chosen < 0 || chosen > n)
		abort();
	for (int i = 0; i < n; i++)
		if (order[i] < 0 || order[i] >= n)
			abort();
	return 0;
}
