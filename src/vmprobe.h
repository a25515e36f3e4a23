/*
 * vmprobe.h: fills snapshot->vm (hypervisor, balloon, memory hotplug)
 * from the proc root and the sys root, through procfs only.
 */
#ifndef ZT_VMPROBE_H
#define ZT_VMPROBE_H

#include "procfs.h"
#include "snapshot.h"

/* Called by the sampler after meminfo/vmstat/zoneinfo are parsed;
 * prev may be NULL. */
void vm_probe(struct procfs *pf, struct zt_snapshot *s,
    const struct zt_snapshot *prev);

/* Set vm->ballooned_kb and the verdict: does the balloon explain the
 * unaccounted memory?  vm_probe() calls it; it takes s->unaccounted_kb
 * when derive_snapshot() has set it and otherwise computes the same
 * figure from s->meminfo, so calling it again after derive changes
 * nothing.  Exposed for tests and for snapshots built elsewhere. */
void vm_judge(struct zt_vm *vm, const struct zt_snapshot *s);

/*
 * Pure helpers (text in, value out; text need not be NUL-terminated),
 * exposed for the tests and the fuzzer.
 */
/* cpuinfo: 1 when the first x86 "flags" line lists flag, 0 when it does
 * not, -1 when there is no such line (not x86). */
int vm_cpuinfo_flag(const char *text, size_t len, const char *flag);
/* block_size_bytes: hex without "0x" ("8000000"); ZT_NA when bad. */
int64_t vm_hex_i64(const char *text, size_t len);
/* A one-integer file (target_kb); ZT_NA when bad. */
int64_t vm_int_file(const char *text, size_t len);
/* memoryN/state: 1 online, 0 offline, 2 anything else (going-offline). */
int vm_block_state(const char *text, size_t len);
/* The first blank-separated word, escaped, into out ("" when none). */
void vm_first_word(const char *text, size_t len, char *out, size_t outlen);
/* debugfs "key: value" lines (hv-balloon, vmmemctl): the first line whose
 * key is key, its first integer; ZT_NA when absent. */
int64_t vm_debugfs_value(const char *text, size_t len, const char *key);
/* virtio "features": a string of 0/1, bit 0 first.  1, 0, -1 absent. */
int vm_virtio_feature(const char *text, size_t len, int bit);
/* An ACPI table header: OEM ID (bytes 10..15) and, in a FADT of ACPI 6+,
 * the hypervisor vendor identity (bytes 268..275), trimmed; "" absent. */
void vm_acpi_ids(const unsigned char *tbl, size_t len, char *oem,
    size_t oemlen, char *hv, size_t hvlen);
/* Entries of a driver directory that are bound devices: "virtio3" on
 * the virtio bus, a GUID on VMBus. */
bool vm_is_virtio_dev(const char *name);
bool vm_is_guid(const char *name);
/* Derive is_guest, hypervisor, product and evidence from the evidence
 * fields of vm. */
void vm_identify(struct zt_vm *vm);
/* Count one memory block: state as vm_block_state(), zone as the first
 * word of valid_zones.  Rows beyond ZT_VM_HP_ROWS set rows_truncated. */
void vm_hotplug_add(struct zt_vm *vm, int node, const char *zone, int state);
/* Order rows by node, then zone type; "none" and "?" last. */
void vm_hotplug_sort(struct zt_vm *vm);
/* A signature of the zones' node, type, present and spanned pages. */
int64_t vm_zone_sig(const struct zt_snapshot *s);

#endif
