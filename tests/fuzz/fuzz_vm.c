/*
 * Fuzz the VM probe's pure parsers (src/vm.c) and what runs downstream of
 * them: the bytes go, unterminated and exactly sized, to every parser;
 * then, split at NUL bytes, they become the evidence fields, the zone
 * names of memory blocks and the balloon figures that vm_identify(),
 * vm_hotplug_add(), vm_judge() and the JSON and text renderings use.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vm_json.h"
#include "vmprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_parsers(const char *t, size_t n)
{
	static const char *const keys[] = {
		"pages_ballooned", "pages_added", "target", "current", "",
	};
	char w[12], oem[8], hv[12];

	vm_cpuinfo_flag(t, n, "hypervisor");
	vm_hex_i64(t, n);
	vm_int_file(t, n);
	vm_block_state(t, n);
	vm_first_word(t, n, w, sizeof w);
	vm_first_word(t, n, w, 1);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		vm_debugfs_value(t, n, keys[i]);
	vm_virtio_feature(t, n, n > 0 ? (unsigned char)t[0] : 0);
	vm_acpi_ids((const unsigned char *)t, n, oem, sizeof oem, hv, sizeof hv);
}

/* The i-th NUL-separated part of s (s holds nparts parts), or "". */
static const char *
part(const char *s, size_t len, int i)
{
	const char *p = s, *end = s + len;

	for (; i > 0 && p < end; i--)
		p += strlen(p) + 1;
	return p < end ? p : "";
}

static void
fuzz_model(const char *s, size_t len)
{
	struct zt_vm vm;
	struct zt_snapshot snap;
	struct zt_buf out = { 0 };
	char line[64];
	int64_t nums[6] = { 0 };

	vm_init(&vm);
	vm.read = true;
	vm.cpu_flag = len > 0 ? (s[0] % 3) - 1 : -1;
	vm.sysfs = len > 1 && (s[1] & 1);
	vm.vmbus = len > 1 && (s[1] & 2);
	strlcpy0(vm.sys_hv_type, part(s, len, 1), sizeof vm.sys_hv_type);
	strlcpy0(vm.dmi_vendor, part(s, len, 2), sizeof vm.dmi_vendor);
	strlcpy0(vm.dmi_product, part(s, len, 3), sizeof vm.dmi_product);
	strlcpy0(vm.clocksources, part(s, len, 4), sizeof vm.clocksources);
	strlcpy0(vm.acpi_oem, part(s, len, 5), sizeof vm.acpi_oem);
	strlcpy0(vm.balloon_driver, part(s, len, 6), sizeof vm.balloon_driver);
	vm_identify(&vm);
	for (int i = 7; i < 40; i++)
		vm_hotplug_add(&vm, i % 3 - 1, part(s, len, i), i % 4);
	vm_hotplug_sort(&vm);

	/* raw 8-byte figures from the tail: extremes included */
	for (int i = 0; i < 6 && len >= (size_t)(i + 1) * 8; i++)
		memcpy(&nums[i], s + len - (size_t)(i + 1) * 8, 8);
	vm.meminfo_balloon_kb = len & 4 ? nums[0] : ZT_NA;
	vm.nr_balloon_pages = nums[1];
	vm.xen_low_kb = nums[2];
	vm.xen_high_kb = nums[3];
	vm.balloon_inflate = nums[4];
	vm.balloon_deflate = nums[5];
	vm.deflate_on_oom = (int)(len % 3) - 1;
	snapshot_init(&snap);
	snap.unaccounted_kb = nums[2] ^ nums[4];
	snap.unaccounted_pct = 12.5;
	snap.page_kb = len % 2 ? 64 : 4;
	vm_judge(&vm, &snap);

	json_t *j = vm_json(&vm);
	char *dump = json_dumps(j, 0);
	free(dump);
	json_decref(j);
	vm_text(&vm, &snap, &out);
	buf_free(&out);
	vm_summary(&vm, line, sizeof line);
	vm_summary(&vm, line, 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *exact = malloc(size ? size : 1), *z = malloc(size + 1);

	memcpy(exact, data, size);
	fuzz_parsers(exact, size);
	memcpy(z, data, size);
	z[size] = '\0';
	fuzz_model(z, size + 1);
	free(exact);
	free(z);
	return 0;
}
