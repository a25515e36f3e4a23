/*
 * vm.h: what a guest can know about its hypervisor, its balloon and
 * memory hotplug.  Filled by vmprobe.c from the proc
 * root and the sys root; part of the snapshot.
 *
 * Invariants:
 *  - Every count is ZT_NA (INT64_MIN) when its file is absent, never 0;
 *    an empty string means "not available" for text fields.
 *  - Text fields copied from files are escaped (escape_text) when read,
 *    so consumers may print them as they are.
 *  - Nothing here owns heap memory: fixed arrays with small bounds, so a
 *    snapshot copy is a struct copy.
 *  - The hypervisor evidence is read once and then copied from the
 *    previous snapshot; the bound drivers and memory blocks are rescanned
 *    when the zones' sizes change or the scan is ZT_VM_RESCAN_S old (vmprobe.c).
 *  - verdict/ballooned_kb are set by vm_judge() at the end of vm_probe(),
 *    from meminfo's unaccounted memory (derive.c's formula).
 */
#ifndef ZT_VM_H
#define ZT_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZT_VM_HP_ROWS	16	/* (node, zone) rows of the hotplug table */
#define ZT_VM_DEVS	4	/* bound devices named per driver */
#define ZT_VM_RESCAN_S	10.0	/* memory blocks: rescan at least this often */

/* Memory blocks of one node and zone. */
struct zt_vm_hprow {
	int node;			/* -1: the kernel has no node links */
	char zone[12];			/* valid_zones' first word: "Normal",
					 * "none" (online across zones), "?" */
	int64_t online, offline;	/* blocks; offline ones are counted under
					 * the zone they would join */
};

/* A driver and the devices bound to it. */
struct zt_vm_driver {
	bool present;			/* the driver directory exists */
	int ndevs;			/* bound devices; -1 when not present */
	char devs[ZT_VM_DEVS][40];	/* their names: "virtio0", a VMBus GUID */
};

/* How the balloon relates to the unaccounted memory (vm_judge). */
enum zt_vm_verdict {
	ZT_VMV_UNKNOWN = -1,		/* not judged: no meminfo */
	ZT_VMV_NO_COUNTER,		/* no balloon gauge on this kernel */
	ZT_VMV_EMPTY,			/* the balloon holds nothing */
	ZT_VMV_EXPLAINS,		/* it covers most of the unaccounted */
	ZT_VMV_PARTLY,			/* it covers part of it */
	ZT_VMV_OUTSIDE,			/* its pages left MemTotal instead */
};

struct zt_vm {
	bool read;			/* vm_probe() ran */

	/* hypervisor: the evidence, then what it adds up to */
	bool hv_scanned;		/* the evidence below was read */
	int cpu_flag;			/* cpuinfo "hypervisor" flag: 1, 0, -1 no
					 * x86 flags line (other arches) */
	char sys_hv_type[16];		/* /sys/hypervisor/type ("xen") */
	char dmi_vendor[64];		/* /sys/class/dmi/id/sys_vendor */
	char dmi_product[64];		/* /sys/class/dmi/id/product_name */
	char acpi_oem[8];		/* OEM ID of the ACPI FADT ("FIRECK") */
	char acpi_hv_vendor[12];	/* FADT hypervisor vendor (ACPI 6) */
	char clocksources[96];		/* available_clocksource */
	bool vmbus;			/* /sys/bus/vmbus: Hyper-V's bus */
	bool sysfs;			/* the sys root has devices/: absent files
					 * there mean absent, not "not captured" */
	char sys_why[40];		/* why the sys root was not read at all */
	int is_guest;			/* 1 guest, 0 bare metal, -1 unknown */
	char hypervisor[24];		/* "KVM", "Xen", "Hyper-V", "VMware", ... */
	char product[64];		/* "Firecracker", DMI product, ... */
	char evidence[160];		/* one line: what the verdict rests on */

	/* balloon counters, as the kernel prints them */
	int64_t meminfo_balloon_kb;	/* meminfo "Balloon:" (2025 kernels) */
	int64_t nr_balloon_pages;	/* vmstat gauge, same counter in pages */
	int64_t balloon_inflate;	/* vmstat events since boot, pages */
	int64_t balloon_deflate;
	int64_t balloon_migrate;
	int64_t xen_current_kb;		/* xen_memory0/info/current_kb */
	int64_t xen_target_kb;		/* xen_memory0/target_kb */
	int64_t xen_low_kb, xen_high_kb;	/* pages in Xen's balloon, kB */
	int64_t hv_pages_ballooned;	/* debugfs hv-balloon, 4 KiB pages */
	int64_t hv_pages_added, hv_pages_onlined;
	int64_t vmw_target, vmw_current;	/* debugfs vmmemctl, 4 KiB pages */
	char hv_why[64];		/* why hv-balloon was not read */
	char vmw_why[64];		/* why vmmemctl was not read */

	/* balloon drivers */
	struct zt_vm_driver virtio_balloon;	/* /sys/bus/virtio/drivers/ */
	struct zt_vm_driver virtio_mem;
	struct zt_vm_driver hv_balloon;		/* /sys/bus/vmbus/drivers/ */
	bool vmw_balloon;		/* /sys/module/vmw_balloon */
	bool xen_balloon;		/* /sys/devices/system/xen_memory */
	int deflate_on_oom;		/* virtio feature 2 of the first bound
					 * balloon: 1, 0, -1 unknown */
	char balloon_driver[24];	/* the one in charge, "" none */

	/* judged (vm_judge) */
	int64_t ballooned_kb;		/* the best figure of what the balloon
					 * holds, kB; ZT_NA no gauge */
	int verdict;			/* enum zt_vm_verdict */
	char verdict_text[200];

	/* memory hotplug: /sys/devices/system/memory */
	bool hp_scanned;
	double hp_when;			/* CLOCK_MONOTONIC of the scan */
	double hp_cost;			/* seconds the scan took */
	char hp_why[64];		/* when the directory could not be read */
	int64_t block_bytes;		/* block_size_bytes (hex in the file) */
	int64_t blocks, blocks_online, blocks_offline, blocks_other;
	int nrows;
	bool rows_truncated;		/* more (node, zone) pairs than rows */
	struct zt_vm_hprow rows[ZT_VM_HP_ROWS];
	int64_t zone_sig;		/* zones' present/spanned at the scan */
};

struct zt_buf;

/* Reset every field to "not available". */
void vm_init(struct zt_vm *vm);
/* One short line for a header: "KVM guest (Firecracker), balloon 0K". */
const char *vm_summary(const struct zt_vm *vm, char *buf, size_t len);

#endif
