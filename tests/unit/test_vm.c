/*
 * test_vm.c: the VM probe (src/vm.c) on real captures of this project's
 * Firecracker/KVM guest with virtio_balloon, a Xen guest composed from
 * the documented sysfs layout, a bare-metal cpuinfo, the seed's 4.4 VM,
 * and the pure helpers on edge cases; the JSON and text renderings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "derive.h"
#include "parsers.h"
#include "procfs.h"
#include "snapshot.h"
#include "util.h"
#include "vm_json.h"
#include "vmprobe.h"

static const char *
fixdir(char *buf, size_t len, const char *rel)
{
	const char *dir = getenv("ZT_FIXTURES");

	snprintf(buf, len, "%s/%s", dir && *dir ? dir : "tests/fixtures", rel);
	return buf;
}

/* A fixture file into an allocation of exactly its size (ASan sees any
 * read past the end). */
static char *
fixture(const char *rel, size_t *len)
{
	char path[512], chunk[4096];
	struct zt_buf b = { 0 };
	size_t n;
	FILE *f = fopen(fixdir(path, sizeof path, rel), "rb");

	if (f == NULL)
		fail_msg("cannot open fixture %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	char *p = xmalloc(b.len ? b.len : 1);
	memcpy(p, b.p, b.len);
	buf_free(&b);
	return p;
}

/* What the sampler does for the VM: parse meminfo, vmstat and zoneinfo
 * when the proc root has them, probe, derive, judge. */
static void
probe_at(const char *proc, const char *sys, struct zt_snapshot *s,
    const struct zt_snapshot *prev, double mono, int64_t normal_delta)
{
	char p[512], q[512], why[ZT_WHY_LEN];
	struct zt_buf b = { 0 };
	struct procfs *pf = procfs_open(fixdir(p, sizeof p, proc), why, sizeof why);

	assert_non_null(pf);
	assert_int_equal(procfs_set_sys_root(pf, fixdir(q, sizeof q, sys), why,
	    sizeof why), 0);
	snapshot_init(s);
	s->mono = mono;
	if (procfs_read(pf, "meminfo", false, &b, why, sizeof why) == 0)
		assert_int_equal(meminfo_parse(b.p, b.len, &s->meminfo, why, sizeof why), 0);
	if (procfs_read(pf, "vmstat", false, &b, why, sizeof why) == 0)
		assert_int_equal(vmstat_parse(b.p, b.len, &s->vmstat, why, sizeof why), 0);
	if (procfs_read(pf, "zoneinfo", false, &b, why, sizeof why) == 0)
		assert_int_equal(zoneinfo_parse(b.p, b.len, s, why, sizeof why), 0);
	if (normal_delta != 0)	/* as if a block had gone offline */
		s->zones[2].present += normal_delta;
	vm_probe(pf, s, prev);
	derive_snapshot(s, prev);
	vm_judge(&s->vm, s);
	buf_free(&b);
	procfs_close(pf);
}

static void
probe(const char *proc, const char *sys, struct zt_snapshot *s)
{
	probe_at(proc, sys, s, NULL, 100.0, 0);
}

/* ---- pure helpers ---- */

static void
test_cpuinfo_flag(void **state)
{
	size_t len;
	char *kvm = fixture("proc-vm/kvm/cpuinfo", &len);
	static const char arm[] = "processor\t: 0\nFeatures\t: fp asimd evtstrm\n";
	static const char vmxonly[] = "vmx flags\t: vnmi hypervisor\n";
	static const char prefix[] = "flags\t\t: fpu hypervisorx xhypervisor\n";

	(void)state;
	assert_int_equal(vm_cpuinfo_flag(kvm, len, "hypervisor"), 1);
	free(kvm);
	char *bm = fixture("proc-vm/bare-metal/cpuinfo", &len);
	assert_int_equal(vm_cpuinfo_flag(bm, len, "hypervisor"), 0);
	assert_int_equal(vm_cpuinfo_flag(bm, len, "vmx"), 1);	/* a VT-x host */
	free(bm);
	assert_int_equal(vm_cpuinfo_flag(arm, sizeof arm - 1, "hypervisor"), -1);
	assert_int_equal(vm_cpuinfo_flag(vmxonly, sizeof vmxonly - 1, "hypervisor"), -1);
	assert_int_equal(vm_cpuinfo_flag(prefix, sizeof prefix - 1, "hypervisor"), 0);
	assert_int_equal(vm_cpuinfo_flag("", 0, "hypervisor"), -1);
	/* the last word without a newline, text not NUL-terminated */
	assert_int_equal(vm_cpuinfo_flag("flags : a hypervisorZZ", 20, "hypervisor"), 1);
	assert_int_equal(vm_cpuinfo_flag("flags : a hypervisorZZ", 19, "hypervisor"), 0);
}

static void
test_numbers(void **state)
{
	size_t len;
	char *bs = fixture("sys/kvm-virtio-balloon/devices/system/memory/block_size_bytes", &len);

	(void)state;
	/* "8000000\n": 8 * 16^6 = 134217728 = 128 MiB */
	assert_int_equal(vm_hex_i64(bs, len), 134217728);
	free(bs);
	assert_int_equal(vm_hex_i64("0x10\n", 5), 16);
	assert_int_equal(vm_hex_i64("80000000", 8), 2147483648LL);
	assert_true(vm_hex_i64("", 0) == ZT_NA);
	assert_true(vm_hex_i64("zz\n", 3) == ZT_NA);
	assert_true(vm_hex_i64("12 34\n", 6) == ZT_NA);
	assert_true(vm_hex_i64("FFFFFFFFFFFFFFFFF", 17) == ZT_NA);	/* > INT64_MAX */
	assert_int_equal(vm_hex_i64("7FFFFFFFFFFFFFFF", 16), INT64_MAX);
	assert_int_equal(vm_int_file("1572864\n", 8), 1572864);
	assert_true(vm_int_file("15x\n", 4) == ZT_NA);
	assert_true(vm_int_file("", 0) == ZT_NA);
	assert_true(vm_int_file("99999999999999999999\n", 21) == ZT_NA);
}

static void
test_block_words(void **state)
{
	char w[12];

	(void)state;
	assert_int_equal(vm_block_state("online\n", 7), 1);
	assert_int_equal(vm_block_state("offline\n", 8), 0);
	assert_int_equal(vm_block_state("going-offline\n", 14), 2);
	assert_int_equal(vm_block_state("", 0), 2);
	vm_first_word("Normal Movable\n", 15, w, sizeof w);
	assert_string_equal(w, "Normal");
	vm_first_word("none\n", 5, w, sizeof w);
	assert_string_equal(w, "none");
	vm_first_word("  DMA32", 7, w, sizeof w);
	assert_string_equal(w, "DMA32");
	vm_first_word("\n", 1, w, sizeof w);
	assert_string_equal(w, "");
	vm_first_word("\x1b[31mred", 8, w, sizeof w);	/* escaped, bounded */
	assert_string_equal(w, "\\e[31mred");
}

static void
test_debugfs(void **state)
{
	/* drivers/hv/hv_balloon.c hv_balloon_debug_show(): "%-22s: %u\n" */
	static const char hv[] =
	    "host_version          : 2.0\n"
	    "capabilities          : enabled hot_add\n"
	    "state                 : 1 (Initialized)\n"
	    "page_size             : 4096\n"
	    "pages_added           : 0\n"
	    "pages_onlined         : 0\n"
	    "pages_ballooned       : 131072\n"
	    "total_pages_committed : 400000\n"
	    "max_dynamic_page_count: 1048576\n";
	/* drivers/misc/vmw_balloon.c before 4.20: the second "target:" is a
	 * call count, the first the size */
	static const char vmw_old[] =
	    "target:             51200 pages\n"
	    "current:            40960 pages\n"
	    "rateNoSleepAlloc:   16384 pages/sec\n"
	    "\n"
	    "timer:                 12\n"
	    "target:                11 (   0 failed)\n";
	/* since 4.20: "%-22s: %16lu\n" */
	static const char vmw_new[] =
	    "balloon capabilities  :             0x3e\n"
	    "used capabilities     :             0x3e\n"
	    "is resetting          :                n\n"
	    "target                :            51200\n"
	    "current               :            40960\n";

	(void)state;
	assert_int_equal(vm_debugfs_value(hv, sizeof hv - 1, "pages_ballooned"), 131072);
	assert_int_equal(vm_debugfs_value(hv, sizeof hv - 1, "pages_added"), 0);
	assert_int_equal(vm_debugfs_value(hv, sizeof hv - 1, "page_size"), 4096);
	assert_true(vm_debugfs_value(hv, sizeof hv - 1, "pages") == ZT_NA);
	assert_true(vm_debugfs_value(hv, sizeof hv - 1, "capabilities") == ZT_NA);
	assert_int_equal(vm_debugfs_value(vmw_old, sizeof vmw_old - 1, "target"), 51200);
	assert_int_equal(vm_debugfs_value(vmw_old, sizeof vmw_old - 1, "current"), 40960);
	assert_int_equal(vm_debugfs_value(vmw_new, sizeof vmw_new - 1, "target"), 51200);
	assert_int_equal(vm_debugfs_value(vmw_new, sizeof vmw_new - 1, "current"), 40960);
	assert_true(vm_debugfs_value("", 0, "target") == ZT_NA);
}

static void
test_virtio_feature(void **state)
{
	size_t len;
	char *f = fixture("sys/kvm-virtio-balloon/bus/virtio/devices/virtio0/features", &len);

	(void)state;
	/* "0110010100...": bits 1 (STATS_VQ), 2 (DEFLATE_ON_OOM), 5
	 * (REPORTING) and 7 set; bit 32 is VIRTIO_F_VERSION_1 */
	assert_int_equal(vm_virtio_feature(f, len, 2), 1);
	assert_int_equal(vm_virtio_feature(f, len, 3), 0);
	assert_int_equal(vm_virtio_feature(f, len, 32), 1);
	assert_int_equal(vm_virtio_feature(f, len, 4096), -1);
	free(f);
	assert_int_equal(vm_virtio_feature("01x1", 4, 3), -1);
	assert_int_equal(vm_virtio_feature("", 0, 0), -1);
	assert_int_equal(vm_virtio_feature("1", 1, -1), -1);
}

static void
test_acpi(void **state)
{
	size_t len;
	char *t = fixture("sys/kvm-virtio-balloon/firmware/acpi/tables/FACP", &len);
	char oem[8], hv[12];

	(void)state;
	assert_int_equal(len, 276);
	vm_acpi_ids((unsigned char *)t, len, oem, sizeof oem, hv, sizeof hv);
	assert_string_equal(oem, "FIRECK");
	assert_string_equal(hv, "FIRECKVM");
	/* a FADT cut before the hypervisor field: OEM only */
	vm_acpi_ids((unsigned char *)t, 100, oem, sizeof oem, hv, sizeof hv);
	assert_string_equal(oem, "FIRECK");
	assert_string_equal(hv, "");
	vm_acpi_ids((unsigned char *)t, 35, oem, sizeof oem, hv, sizeof hv);
	assert_string_equal(oem, "");
	free(t);
	/* QEMU's tables: "BOCHS " padded, binary junk made '?' */
	unsigned char q[36] = "APIC\0\0\0\0\1\0BOCHS BXPC    ";
	vm_acpi_ids(q, sizeof q, oem, sizeof oem, hv, sizeof hv);
	assert_string_equal(oem, "BOCHS");
	q[11] = 0x01;
	vm_acpi_ids(q, sizeof q, oem, sizeof oem, hv, sizeof hv);
	assert_string_equal(oem, "B?CHS");
}

static void
test_names(void **state)
{
	(void)state;
	assert_true(vm_is_virtio_dev("virtio0"));
	assert_true(vm_is_virtio_dev("virtio12"));
	assert_false(vm_is_virtio_dev("virtio"));
	assert_false(vm_is_virtio_dev("virtio1x"));
	assert_false(vm_is_virtio_dev("bind"));
	assert_true(vm_is_guid("525074dc-8985-46e2-8057-a307dc18a502"));
	assert_false(vm_is_guid("525074dc-8985-46e2-8057-a307dc18a50"));
	assert_false(vm_is_guid("525074dcx8985-46e2-8057-a307dc18a502"));
	assert_false(vm_is_guid("uevent"));
}

static void
identify(struct zt_vm *vm, int flag, const char *vendor, const char *product,
    const char *clocks, bool vmbus)
{
	vm_init(vm);
	vm->cpu_flag = flag;
	strlcpy0(vm->dmi_vendor, vendor, sizeof vm->dmi_vendor);
	strlcpy0(vm->dmi_product, product, sizeof vm->dmi_product);
	strlcpy0(vm->clocksources, clocks, sizeof vm->clocksources);
	vm->vmbus = vmbus;
	vm->sysfs = true;
	vm_identify(vm);
}

static void
test_identify(void **state)
{
	struct zt_vm vm;

	(void)state;
	/* QEMU firmware without kvm-clock: TCG emulation */
	identify(&vm, 1, "QEMU", "Standard PC (i440FX + PIIX, 1996)", "tsc hpet acpi_pm", false);
	assert_int_equal(vm.is_guest, 1);
	assert_string_equal(vm.hypervisor, "QEMU");
	assert_string_equal(vm.product, "Standard PC (i440FX + PIIX, 1996)");
	/* the same under KVM: the kernel registered kvm-clock */
	identify(&vm, 1, "QEMU", "Standard PC (i440FX + PIIX, 1996)", "tsc kvm-clock hpet", false);
	assert_string_equal(vm.hypervisor, "KVM");
	assert_string_equal(vm.evidence,
	    "cpu flag hypervisor, clocksource kvm-clock, DMI QEMU");
	/* a Surface laptop is Microsoft hardware, not Hyper-V */
	identify(&vm, 0, "Microsoft Corporation", "Surface Pro", "tsc hpet", false);
	assert_int_equal(vm.is_guest, 0);
	assert_string_equal(vm.hypervisor, "");
	assert_string_equal(vm.product, "");
	identify(&vm, 1, "Microsoft Corporation", "Virtual Machine",
	    "hyperv_clocksource_tsc_page acpi_pm", true);
	assert_string_equal(vm.hypervisor, "Hyper-V");
	assert_string_equal(vm.product, "Virtual Machine");
	/* a word inside another clocksource name is no match */
	identify(&vm, -1, "", "", "notkvm-clock", false);
	assert_int_equal(vm.is_guest, -1);
	assert_string_equal(vm.evidence, "no DMI");
	/* flag only: a guest of an unknown hypervisor */
	identify(&vm, 1, "", "", "", false);
	assert_int_equal(vm.is_guest, 1);
	assert_string_equal(vm.hypervisor, "unknown");
	/* arm64 KVM guests: no cpu flag, DMI product tells */
	identify(&vm, -1, "QEMU", "KVM Virtual Machine", "arch_sys_counter", false);
	assert_int_equal(vm.is_guest, 1);
	assert_string_equal(vm.hypervisor, "QEMU");
}

static void
test_hotplug_rows(void **state)
{
	struct zt_vm vm;
	char zone[16];

	(void)state;
	vm_init(&vm);
	vm_hotplug_add(&vm, 1, "Movable", 0);
	vm_hotplug_add(&vm, 0, "none", 1);
	vm_hotplug_add(&vm, 0, "Normal", 1);
	vm_hotplug_add(&vm, 0, "Normal", 0);
	vm_hotplug_add(&vm, 0, "", 1);
	vm_hotplug_add(&vm, 0, "DMA32", 2);	/* going-offline: no row */
	vm_hotplug_sort(&vm);
	assert_int_equal(vm.blocks, 6);
	assert_int_equal(vm.blocks_online, 3);
	assert_int_equal(vm.blocks_offline, 2);
	assert_int_equal(vm.blocks_other, 1);
	assert_int_equal(vm.nrows, 4);
	assert_string_equal(vm.rows[0].zone, "Normal");
	assert_int_equal(vm.rows[0].online, 1);
	assert_int_equal(vm.rows[0].offline, 1);
	assert_string_equal(vm.rows[1].zone, "none");
	assert_string_equal(vm.rows[2].zone, "?");
	assert_int_equal(vm.rows[3].node, 1);
	assert_string_equal(vm.rows[3].zone, "Movable");
	/* bounded: more pairs than rows are counted, not listed */
	vm_init(&vm);
	for (int i = 0; i < ZT_VM_HP_ROWS + 5; i++) {
		snprintf(zone, sizeof zone, "z%d", i);
		vm_hotplug_add(&vm, i, zone, 1);
	}
	assert_int_equal(vm.nrows, ZT_VM_HP_ROWS);
	assert_true(vm.rows_truncated);
	assert_int_equal(vm.blocks_online, ZT_VM_HP_ROWS + 5);
}

/* ---- whole probes ---- */

static void
test_kvm_guest(void **state)
{
	struct zt_snapshot s;
	const struct zt_vm *vm = &s.vm;

	(void)state;
	probe("proc-vm/kvm", "sys/kvm-virtio-balloon", &s);
	assert_true(vm->read);
	assert_int_equal(vm->cpu_flag, 1);
	assert_int_equal(vm->is_guest, 1);
	assert_string_equal(vm->hypervisor, "KVM");
	assert_string_equal(vm->product, "Firecracker");
	assert_string_equal(vm->clocksources, "tsc kvm-clock");
	assert_string_equal(vm->dmi_vendor, "");	/* no DMI on Firecracker */
	assert_string_equal(vm->sys_hv_type, "");
	assert_string_equal(vm->evidence, "cpu flag hypervisor, clocksource kvm-clock, "
	    "no DMI, ACPI OEM FIRECK, FADT hypervisor FIRECKVM");
	assert_false(vm->vmbus);
	assert_true(vm->sysfs);

	assert_true(vm->virtio_balloon.present);
	assert_int_equal(vm->virtio_balloon.ndevs, 1);
	assert_string_equal(vm->virtio_balloon.devs[0], "virtio0");
	assert_true(vm->virtio_mem.present);
	assert_int_equal(vm->virtio_mem.ndevs, 0);
	assert_false(vm->hv_balloon.present);
	assert_int_equal(vm->hv_balloon.ndevs, -1);
	assert_false(vm->vmw_balloon);
	assert_false(vm->xen_balloon);
	assert_int_equal(vm->deflate_on_oom, 1);
	assert_string_equal(vm->balloon_driver, "virtio_balloon");

	assert_int_equal(vm->meminfo_balloon_kb, 0);
	assert_int_equal(vm->nr_balloon_pages, 0);
	assert_int_equal(vm->balloon_inflate, 0);
	assert_int_equal(vm->balloon_deflate, 0);
	assert_int_equal(vm->balloon_migrate, 0);
	assert_true(vm->xen_current_kb == ZT_NA);
	assert_true(vm->hv_pages_ballooned == ZT_NA);
	assert_true(vm->vmw_current == ZT_NA);
	assert_string_equal(vm->hv_why, "");	/* not tried: no hv_balloon */

	assert_int_equal(vm->ballooned_kb, 0);
	assert_int_equal(vm->verdict, ZT_VMV_EMPTY);
	char u[16], want[200];
	assert_true(zt_have(s.unaccounted_kb));
	snprintf(want, sizeof want, "balloon empty: it explains none of the %s unaccounted",
	    fmt_kb(u, sizeof u, s.unaccounted_kb));
	assert_string_equal(vm->verdict_text, want);
	snapshot_free(&s);
}

static void
test_kvm_hotplug(void **state)
{
	struct zt_snapshot s;
	const struct zt_vm *vm = &s.vm;
	int64_t present = 0;

	(void)state;
	probe("proc-vm/kvm", "sys/kvm-virtio-balloon", &s);
	assert_true(vm->hp_scanned);
	assert_string_equal(vm->hp_why, "");
	assert_int_equal(vm->block_bytes, 134217728);
	/* 192 memoryN directories, every one "online" */
	assert_int_equal(vm->blocks, 192);
	assert_int_equal(vm->blocks_online, 192);
	assert_int_equal(vm->blocks_offline, 0);
	assert_int_equal(vm->blocks_other, 0);
	/* valid_zones: memory0 "none" (DMA and DMA32 share it), 23 DMA32,
	 * 168 Normal; all linked from node0 */
	assert_int_equal(vm->nrows, 3);
	assert_int_equal(vm->rows[0].node, 0);
	assert_string_equal(vm->rows[0].zone, "DMA32");
	assert_int_equal(vm->rows[0].online, 23);
	assert_string_equal(vm->rows[1].zone, "Normal");
	assert_int_equal(vm->rows[1].online, 168);
	assert_string_equal(vm->rows[2].zone, "none");
	assert_int_equal(vm->rows[2].online, 1);
	assert_false(vm->rows_truncated);
	/* the blocks cover the zones' present pages plus the holes below
	 * 1 MiB and at the top of DMA32: 192 x 128 MiB = 25165824 kB;
	 * present (3998 + 782336 + 5505024) x 4 kB = 25165432 kB; 392 kB */
	for (int i = 0; i < s.nzones; i++)
		present += s.zones[i].present;
	assert_int_equal(present, 6291358);
	assert_int_equal(vm->blocks_online * (vm->block_bytes / 1024) - present * 4, 392);
	snapshot_free(&s);
}

static void
test_xen_guest(void **state)
{
	struct zt_snapshot s;
	const struct zt_vm *vm = &s.vm;

	(void)state;
	probe("proc-vm/xen", "sys/xen-guest", &s);
	assert_int_equal(vm->cpu_flag, -1);	/* no cpuinfo in this root */
	assert_int_equal(vm->is_guest, 1);
	assert_string_equal(vm->hypervisor, "Xen");
	assert_string_equal(vm->product, "HVM domU");
	assert_string_equal(vm->evidence, "/sys/hypervisor/type xen, DMI Xen");
	assert_true(vm->xen_balloon);
	assert_string_equal(vm->balloon_driver, "xen-balloon");
	assert_int_equal(vm->xen_target_kb, 1572864);
	assert_int_equal(vm->xen_current_kb, 1572864);
	assert_int_equal(vm->xen_low_kb, 524288);
	assert_int_equal(vm->xen_high_kb, 0);
	/* no meminfo here: the counters are absent, not 0 */
	assert_true(vm->meminfo_balloon_kb == ZT_NA);
	assert_true(vm->balloon_inflate == ZT_NA);
	/* 524288 + 0 kB in Xen's balloon = 512M */
	assert_int_equal(vm->ballooned_kb, 524288);
	assert_int_equal(vm->verdict, ZT_VMV_UNKNOWN);
	assert_string_equal(vm->verdict_text,
	    "balloon holds 512M; unaccounted memory n/a (no meminfo)");
	assert_false(vm->virtio_balloon.present);
	assert_string_equal(vm->hp_why, "devices/system/memory: missing");
	assert_true(vm->blocks == ZT_NA);
	assert_true(vm->block_bytes == ZT_NA);
	snapshot_free(&s);
}

static void
test_bare_metal(void **state)
{
	struct zt_snapshot s;
	const struct zt_vm *vm = &s.vm;
	struct zt_buf b = { 0 };
	char line[96];

	(void)state;
	probe("proc-vm/bare-metal", "sys/bare-metal", &s);
	assert_int_equal(vm->cpu_flag, 0);
	assert_int_equal(vm->is_guest, 0);
	assert_string_equal(vm->hypervisor, "");
	assert_string_equal(vm->product, "");
	/* an empty sys root: nothing says whether DMI exists */
	assert_false(vm->sysfs);
	assert_string_equal(vm->evidence, "no hypervisor cpu flag");
	assert_false(vm->virtio_balloon.present);
	assert_string_equal(vm->balloon_driver, "");
	assert_int_equal(vm->verdict, ZT_VMV_NO_COUNTER);
	assert_string_equal(vm_summary(vm, line, sizeof line), "bare metal");
	vm_text(vm, &s, &b);
	assert_non_null(strstr(b.p, "\nVM\n  bare metal  [no hypervisor cpu flag]\n"));
	assert_non_null(strstr(b.p, "  balloon drivers: n/a (no sysfs under the sys root)\n"));
	assert_non_null(strstr(b.p, "  balloon: meminfo Balloon n/a  nr_balloon_pages n/a  "
	    "inflate n/a deflate n/a migrate n/a\n"));
	assert_non_null(strstr(b.p, "  memory blocks: not available (devices/system/memory: missing)\n"));
	buf_free(&b);
	snapshot_free(&s);
}

static void
test_seed_no_counter(void **state)
{
	struct zt_snapshot s;
	const struct zt_vm *vm = &s.vm;
	char u[16], want[200];

	(void)state;
	/* the seed's 4.4 guest: meminfo has no Balloon:, vmstat no
	 * nr_balloon_pages; its sys root is not part of the capture */
	probe("proc/seed-vm-4.4", "sys/bare-metal", &s);
	assert_true(kvs_get(&s.meminfo, "Balloon") == ZT_NA);
	assert_true(kvs_get(&s.vmstat, "nr_balloon_pages") == ZT_NA);
	assert_true(vm->ballooned_kb == ZT_NA);
	assert_int_equal(vm->verdict, ZT_VMV_NO_COUNTER);
	assert_true(zt_have(s.unaccounted_kb));
	snprintf(want, sizeof want, "no balloon counter on this kernel: the unaccounted "
	    "share is the only sign (%s, %.1f%%)", fmt_kb(u, sizeof u, s.unaccounted_kb),
	    s.unaccounted_pct);
	assert_memory_equal(vm->verdict_text, want, strlen(want));
	snapshot_free(&s);
}

/* vm_probe() judges before derive_snapshot() has run; judging again
 * after it must say the same */
static void
test_judge_before_derive(void **state)
{
	static const char *const roots[][2] = {
		{ "proc/seed-vm-4.4", "sys/bare-metal" },
		{ "proc-vm/kvm", "sys/kvm-virtio-balloon" },
	};

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(roots); i++) {
		char p[512], q[512], why[ZT_WHY_LEN], before[200];
		struct zt_buf b = { 0 };
		struct zt_snapshot s;
		struct procfs *pf = procfs_open(fixdir(p, sizeof p, roots[i][0]), why, sizeof why);

		assert_non_null(pf);
		assert_int_equal(procfs_set_sys_root(pf, fixdir(q, sizeof q, roots[i][1]),
		    why, sizeof why), 0);
		snapshot_init(&s);
		assert_int_equal(procfs_read(pf, "meminfo", false, &b, why, sizeof why), 0);
		assert_int_equal(meminfo_parse(b.p, b.len, &s.meminfo, why, sizeof why), 0);
		vm_probe(pf, &s, NULL);
		assert_true(s.unaccounted_kb == ZT_NA);	/* derive has not run */
		assert_int_not_equal(s.vm.verdict, ZT_VMV_UNKNOWN);
		strlcpy0(before, s.vm.verdict_text, sizeof before);
		derive_snapshot(&s, NULL);
		vm_judge(&s.vm, &s);
		assert_string_equal(s.vm.verdict_text, before);
		buf_free(&b);
		snapshot_free(&s);
		procfs_close(pf);
	}
}

/* a capture read with this machine's /sys would mix two machines */
static void
test_capture_without_sys_root(void **state)
{
	char p[512], why[ZT_WHY_LEN];
	struct zt_snapshot s;
	struct zt_buf b = { 0 };
	struct procfs *pf = procfs_open(fixdir(p, sizeof p, "proc-vm/kvm"), why, sizeof why);

	(void)state;
	assert_non_null(pf);
	snapshot_init(&s);
	assert_int_equal(procfs_read(pf, "meminfo", false, &b, why, sizeof why), 0);
	assert_int_equal(meminfo_parse(b.p, b.len, &s.meminfo, why, sizeof why), 0);
	vm_probe(pf, &s, NULL);
	assert_int_equal(s.vm.cpu_flag, 1);	/* cpuinfo is in the capture */
	assert_int_equal(s.vm.is_guest, 1);
	assert_string_equal(s.vm.hypervisor, "unknown");
	assert_string_equal(s.vm.clocksources, "");
	assert_false(s.vm.sysfs);
	assert_false(s.vm.virtio_balloon.present);
	assert_true(s.vm.blocks == ZT_NA);
	assert_string_equal(s.vm.sys_why, "a capture without --sys-root");
	assert_string_equal(s.vm.hp_why, "a capture without --sys-root");
	assert_int_equal(s.vm.meminfo_balloon_kb, 0);	/* meminfo still counts */
	buf_clear(&b);
	vm_text(&s.vm, &s, &b);
	assert_non_null(strstr(b.p, "  balloon drivers: n/a (a capture without --sys-root)\n"));
	buf_free(&b);
	snapshot_free(&s);
	procfs_close(pf);
}

/* ---- judging ---- */

static void
judge(struct zt_vm *vm, struct zt_snapshot *s, int64_t unacc)
{
	snapshot_init(s);
	s->unaccounted_kb = unacc;
	s->unaccounted_pct = 10.0;
	vm->read = true;
	vm_judge(vm, s);
}

static void
test_judge(void **state)
{
	struct zt_vm vm;
	struct zt_snapshot s;

	(void)state;
	/* 400000 of 450000 kB: 88.9% -> "explains"; 400000 kB = 390.6M,
	 * printed without decimals from 100 up (fmt_kb) */
	vm_init(&vm);
	vm.meminfo_balloon_kb = 400000;
	judge(&vm, &s, 450000);
	assert_int_equal(vm.verdict, ZT_VMV_EXPLAINS);
	assert_string_equal(vm.verdict_text,
	    "balloon holds 391M: it explains the 439M unaccounted (89%)");
	/* 100000 of 450000: 22.2% -> "partly" */
	vm.meminfo_balloon_kb = 100000;
	judge(&vm, &s, 450000);
	assert_int_equal(vm.verdict, ZT_VMV_PARTLY);
	assert_string_equal(vm.verdict_text,
	    "balloon holds 97.7M: it explains 22% of the 439M unaccounted");
	/* virtio without deflate-on-OOM takes pages out of MemTotal */
	strlcpy0(vm.balloon_driver, "virtio_balloon", sizeof vm.balloon_driver);
	vm.deflate_on_oom = 0;
	judge(&vm, &s, 450000);
	assert_int_equal(vm.verdict, ZT_VMV_OUTSIDE);
	assert_string_equal(vm.verdict_text,
	    "balloon holds 97.7M, taken out of MemTotal: not part of the 439M unaccounted");
	/* more than the unaccounted (+10%) cannot be inside it */
	vm.deflate_on_oom = 1;
	vm.meminfo_balloon_kb = 500000;
	judge(&vm, &s, 450000);
	assert_int_equal(vm.verdict, ZT_VMV_OUTSIDE);
	vm.meminfo_balloon_kb = 495000;		/* 450000 + 45000: still inside */
	judge(&vm, &s, 450000);
	assert_int_equal(vm.verdict, ZT_VMV_EXPLAINS);
	/* empty */
	vm.meminfo_balloon_kb = 0;
	judge(&vm, &s, 450000);
	assert_int_equal(vm.verdict, ZT_VMV_EMPTY);
	/* nr_balloon_pages x page size when meminfo lacks the line */
	vm_init(&vm);
	vm.nr_balloon_pages = 1000;
	judge(&vm, &s, 450000);
	assert_int_equal(vm.ballooned_kb, 4000);	/* snapshot_init: 4 KiB */
	/* Hyper-V and VMware count 4 KiB pages */
	vm_init(&vm);
	vm.hv_pages_ballooned = 131072;
	strlcpy0(vm.balloon_driver, "hv_balloon", sizeof vm.balloon_driver);
	judge(&vm, &s, 450000);
	assert_int_equal(vm.ballooned_kb, 524288);
	assert_int_equal(vm.verdict, ZT_VMV_OUTSIDE);
	vm_init(&vm);
	vm.vmw_current = 40960;
	judge(&vm, &s, 450000);
	assert_int_equal(vm.ballooned_kb, 163840);
	assert_int_equal(vm.verdict, ZT_VMV_PARTLY);	/* 163840/450000 = 36% */
	/* no gauge, events present: their net count is mentioned */
	vm_init(&vm);
	vm.balloon_inflate = 300;
	vm.balloon_deflate = 100;
	judge(&vm, &s, 450000);
	assert_int_equal(vm.verdict, ZT_VMV_NO_COUNTER);
	assert_string_equal(vm.verdict_text, "no balloon counter on this kernel: the "
	    "unaccounted share is the only sign (439M, 10.0%); inflate-deflate 200 "
	    "pages since boot");
	/* not probed: left alone */
	vm_init(&vm);
	vm_judge(&vm, &s);
	assert_int_equal(vm.verdict, ZT_VMV_UNKNOWN);
	assert_string_equal(vm.verdict_text, "");
}

/* ---- caching across ticks ---- */

static void
test_rescan(void **state)
{
	struct zt_snapshot a, b, c, d;
	const char *P = "proc-vm/kvm", *S = "sys/kvm-virtio-balloon";

	(void)state;
	probe_at(P, S, &a, NULL, 100.0, 0);
	assert_true(a.vm.hp_when == 100.0);
	/* 5 s later, zones unchanged: the scan is copied */
	probe_at(P, S, &b, &a, 105.0, 0);
	assert_true(b.vm.hp_when == 100.0);
	assert_int_equal(b.vm.blocks, 192);
	assert_string_equal(b.vm.hypervisor, "KVM");
	assert_int_equal(b.vm.virtio_balloon.ndevs, 1);
	assert_int_equal(b.vm.verdict, ZT_VMV_EMPTY);
	/* a scan that took 1 s waits 100 s: at most 1% of a CPU */
	b.vm.hp_cost = 1.0;
	probe_at(P, S, &c, &b, 110.0, 0);
	assert_true(c.vm.hp_when == 100.0);
	snapshot_free(&c);
	b.vm.hp_cost = 0.005;
	/* 10 s after the scan: rescanned */
	probe_at(P, S, &c, &b, 110.0, 0);
	assert_true(c.vm.hp_when == 110.0);
	assert_int_equal(c.vm.blocks, 192);
	/* Normal lost a block's 32768 pages: rescanned at once */
	probe_at(P, S, &d, &c, 111.0, -32768);
	assert_true(d.vm.hp_when == 111.0);
	assert_int_equal(d.vm.blocks, 192);
	/* a clock going backwards (a replay) never reuses a scan */
	snapshot_free(&a);
	probe_at(P, S, &a, &d, 50.0, -32768);
	assert_true(a.vm.hp_when == 50.0);
	snapshot_free(&a);
	snapshot_free(&b);
	snapshot_free(&c);
	snapshot_free(&d);
}

/* ---- renderings ---- */

static void
test_json_text(void **state)
{
	struct zt_snapshot s;
	struct zt_buf b = { 0 };
	char line[96];
	json_t *j, *x;

	(void)state;
	probe("proc-vm/kvm", "sys/kvm-virtio-balloon", &s);
	j = vm_json(&s.vm);
	assert_true(json_is_true(json_object_get(j, "guest")));
	assert_string_equal(json_string_value(json_object_get(j, "hypervisor")), "KVM");
	assert_string_equal(json_string_value(json_object_get(j, "product")), "Firecracker");
	x = json_object_get(j, "evidence");
	assert_true(json_is_null(json_object_get(x, "dmi_sys_vendor")));
	assert_string_equal(json_string_value(json_object_get(x, "acpi_oem_id")), "FIRECK");
	x = json_object_get(j, "balloon");
	assert_string_equal(json_string_value(json_object_get(x, "driver")), "virtio_balloon");
	assert_true(json_is_true(json_object_get(x, "deflate_on_oom")));
	assert_int_equal(json_integer_value(json_object_get(x, "meminfo_balloon_kb")), 0);
	assert_true(json_is_null(json_object_get(json_object_get(x, "xen"), "current_kb")));
	assert_string_equal(json_string_value(json_object_get(x, "verdict")), "empty");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    json_object_get(x, "drivers"), "virtio_balloon"), "bound")), 1);
	assert_true(json_is_null(json_object_get(json_object_get(x, "drivers"), "hv_balloon")));
	x = json_object_get(j, "hotplug");
	assert_int_equal(json_integer_value(json_object_get(x, "block_bytes")), 134217728);
	assert_int_equal(json_integer_value(json_object_get(x, "online")), 192);
	assert_int_equal(json_array_size(json_object_get(x, "rows")), 3);
	json_decref(j);

	vm_text(&s.vm, &s, &b);
	assert_non_null(strstr(b.p, "\nVM\n  KVM guest (Firecracker)  [cpu flag hypervisor, "));
	assert_non_null(strstr(b.p, "  balloon drivers:  virtio_balloon virtio0  virtio_mem "
	    "(no device)  deflate-on-OOM yes\n"));
	assert_non_null(strstr(b.p, "  balloon: meminfo Balloon 0 kB  nr_balloon_pages 0  "
	    "inflate 0 deflate 0 migrate 0\n"));
	assert_non_null(strstr(b.p, "  memory blocks: 192 of 128M, 192 online, 0 offline: "
	    "node 0 DMA32 23; node 0 Normal 168; node 0 none 1\n"));
	assert_string_equal(vm_summary(&s.vm, line, sizeof line),
	    "KVM guest (Firecracker), balloon 0K");
	assert_string_equal(vm_summary(&s.vm, line, 10), "KVM guest");
	buf_free(&b);
	snapshot_free(&s);

	/* a snapshot nobody probed (a replayed recording) */
	snapshot_init(&s);
	assert_true(json_is_null(j = vm_json(&s.vm)));
	json_decref(j);
	vm_text(&s.vm, &s, &b);
	assert_string_equal(b.p, "\nVM\n  not available (not sampled)\n");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpuinfo_flag),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_block_words),
		cmocka_unit_test(test_debugfs),
		cmocka_unit_test(test_virtio_feature),
		cmocka_unit_test(test_acpi),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_identify),
		cmocka_unit_test(test_hotplug_rows),
		cmocka_unit_test(test_kvm_guest),
		cmocka_unit_test(test_kvm_hotplug),
		cmocka_unit_test(test_xen_guest),
		cmocka_unit_test(test_bare_metal),
		cmocka_unit_test(test_seed_no_counter),
		cmocka_unit_test(test_capture_without_sys_root),
		cmocka_unit_test(test_judge_before_derive),
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_rescan),
		cmocka_unit_test(test_json_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
