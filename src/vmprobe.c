/*
 * vmprobe.c: snapshot->vm, what a guest can see of its hypervisor, its balloon
 * and memory hotplug.  See vm.h for the fields and their invariants.
 *
 * Sources, all through procfs (cpuinfo under the proc root, the rest
 * under the sys root, so a capture of another guest reads the same way):
 *  - hypervisor: the x86 "hypervisor" cpu flag, /sys/hypervisor/type
 *    (Xen), DMI sys_vendor/product_name, the ACPI FADT's OEM ID and
 *    hypervisor vendor (Firecracker has no DMI, only these), the
 *    clocksources the kernel registered (kvm-clock, xen, hyperv_*) and
 *    the VMBus bus (Hyper-V);
 *  - balloon: meminfo Balloon: and vmstat nr_balloon_pages (2025 kernels),
 *    vmstat balloon_inflate/deflate/migrate (events), Xen's xen_memory0,
 *    the Hyper-V and VMware drivers' debugfs files (root and a mounted
 *    debugfs only: their sole figures), the bound balloon drivers;
 *  - hotplug: /sys/devices/system/memory (block size, state and
 *    valid_zones of every block) and the node directories' links.
 *
 * Cost: the hypervisor evidence cannot change while the machine runs, so
 * it is read once and copied from the previous snapshot.  The memory
 * blocks are two sysfs reads each (valid_zones walks the block's pages):
 * a full scan took 5.6-7.8 ms on this 2-vCPU guest with 192 blocks, so
 * at that rate a 16,000-block host needs about half a second.  They and
 * the driver directories are rescanned only when a zone's present or
 * spanned pages changed (onlining and offlining change them) or the last
 * scan is ZT_VM_RESCAN_S old (a hot-added block stays offline, changing
 * no zone), or 100 times its own duration old when that is longer, so
 * the periodic scan never costs more than 1% of a CPU.  Managed pages are left out of that test: balloons and lazy
 * struct-page initialisation move them without any hotplug.  The balloon
 * counters are read every tick: meminfo/vmstat are already parsed, the
 * Xen and debugfs files are read only where their driver exists (a tick
 * with the cache and no such driver: about 1 us).
 *
 * A capture's proc root with no --sys-root gets no sysfs figures at all:
 * the default /sys would be this machine's, not the captured one's.
 */
#include "vmprobe.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "zonemath.h"

#define VM_LINE 256		/* longest line a pure helper looks into */

/* ---- pure helpers ---- */

/* Copy at most one line of text into a NUL-terminated buffer. */
static size_t
vm_line(const char *text, size_t len, char *out, size_t outlen)
{
	size_t n = 0;

	while (n < len && n + 1 < outlen && text[n] != '\n' && text[n] != '\0') {
		out[n] = text[n];
		n++;
	}
	out[n] = '\0';
	return n;
}

int
vm_cpuinfo_flag(const char *text, size_t len, const char *flag)
{
	const char *cur = text, *end = text + len, *l;
	size_t n, flen = strlen(flag);

	while ((l = next_line(&cur, end, &n)) != NULL) {
		/* "flags\t\t: fpu ..."; "vmx flags" and "Features" are other keys */
		if (n < 6 || memcmp(l, "flags", 5) != 0 || (l[5] != ' ' && l[5] != '\t' && l[5] != ':'))
			continue;
		const char *p = memchr(l, ':', n);
		if (p == NULL)
			continue;
		const char *e = l + n;
		for (p++; p < e;) {
			while (p < e && (*p == ' ' || *p == '\t'))
				p++;
			const char *w = p;
			while (p < e && *p != ' ' && *p != '\t')
				p++;
			if ((size_t)(p - w) == flen && memcmp(w, flag, flen) == 0)
				return 1;
		}
		return 0;	/* every CPU lists the same flags; one line decides */
	}
	return -1;
}

int64_t
vm_hex_i64(const char *text, size_t len)
{
	char line[VM_LINE] = "";
	const char *p = line;
	int64_t v = 0;
	int digits = 0;

	vm_line(text, len, line, sizeof line);
	while (*p == ' ' || *p == '\t')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; isxdigit((unsigned char)*p); p++, digits++) {
		int d = isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10);
		if (v > (INT64_MAX - d) / 16)
			return ZT_NA;
		v = v * 16 + d;
	}
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	return digits > 0 && *p == '\0' ? v : ZT_NA;
}

int64_t
vm_int_file(const char *text, size_t len)
{
	char line[VM_LINE];
	int64_t v;

	vm_line(text, len, line, sizeof line);
	return parse_i64_str(line, &v) ? v : ZT_NA;
}

int
vm_block_state(const char *text, size_t len)
{
	char line[VM_LINE];

	vm_line(text, len, line, sizeof line);
	if (strcmp(line, "online") == 0)
		return 1;
	if (strcmp(line, "offline") == 0)
		return 0;
	return 2;
}

void
vm_first_word(const char *text, size_t len, char *out, size_t outlen)
{
	char line[VM_LINE];
	size_t n = vm_line(text, len, line, sizeof line), i = 0, w;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	w = i;
	while (i < n && line[i] != ' ' && line[i] != '\t')
		i++;
	escape_text(out, outlen, line + w, i - w);
}

int64_t
vm_debugfs_value(const char *text, size_t len, const char *key)
{
	const char *cur = text, *end = text + len, *l;
	size_t n, klen = strlen(key);

	while ((l = next_line(&cur, end, &n)) != NULL) {
		char line[VM_LINE];
		const char *p;
		int64_t v;

		vm_line(l, n, line, sizeof line);
		p = line;
		while (*p == ' ')
			p++;
		if (strncmp(p, key, klen) != 0)
			continue;
		/* "%-22s: %u" pads the key; "target:   %8d pages" does not */
		p += klen;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ':')
			continue;
		p++;
		return parse_i64(&p, &v) ? v : ZT_NA;
	}
	return ZT_NA;
}

int
vm_virtio_feature(const char *text, size_t len, int bit)
{
	if (bit < 0 || (size_t)bit >= len)
		return -1;
	for (int i = 0; i <= bit; i++)
		if (text[i] != '0' && text[i] != '1')
			return -1;
	return text[bit] == '1';
}

/* Printable ASCII of a fixed-width table field, trailing blanks cut. */
static void
vm_acpi_field(const unsigned char *f, size_t n, char *out, size_t outlen)
{
	size_t k = 0;

	for (size_t i = 0; i < n && k + 1 < outlen; i++) {
		if (f[i] == '\0')
			break;
		out[k++] = (char)(f[i] >= 0x20 && f[i] < 0x7f ? f[i] : '?');
	}
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
}

void
vm_acpi_ids(const unsigned char *tbl, size_t len, char *oem, size_t oemlen,
    char *hv, size_t hvlen)
{
	oem[0] = hv[0] = '\0';
	if (len < 36)		/* a table header is 36 bytes */
		return;
	vm_acpi_field(tbl + 10, 6, oem, oemlen);
	/* FADT ("FACP") revision 6 added the hypervisor vendor at 268 */
	if (memcmp(tbl, "FACP", 4) == 0 && tbl[8] >= 6 && len >= 276)
		vm_acpi_field(tbl + 268, 8, hv, hvlen);
}

bool
vm_is_virtio_dev(const char *name)
{
	if (strncmp(name, "virtio", 6) != 0 || name[6] == '\0')
		return false;
	for (const char *p = name + 6; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return true;
}

bool
vm_is_guid(const char *name)
{
	if (strlen(name) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? name[i] != '-' : !isxdigit((unsigned char)name[i]))
			return false;
	}
	return true;
}

/* ---- who is the hypervisor ---- */

struct vm_hint {
	const char *key;	/* prefix of the field */
	const char *hv;		/* the hypervisor it names, NULL: none */
	const char *product;	/* what to call the machine, NULL: keep */
};

/* DMI sys_vendor values of virtual machines (as SMBIOS tables carry
 * them); "Microsoft Corporation" and "Google" also make real hardware,
 * so their product decides (vm_dmi_hint). */
static const struct vm_hint vm_dmi_vendors[] = {
	{ "QEMU", "QEMU", NULL },
	{ "VMware", "VMware", NULL },
	{ "Xen", "Xen", NULL },
	{ "innotek GmbH", "VirtualBox", NULL },
	{ "Parallels", "Parallels", NULL },
	{ "Bochs", "Bochs", NULL },
};

/* ACPI OEM IDs the virtual firmwares write (their table sources). */
static const struct vm_hint vm_acpi_oems[] = {
	{ "FIRECK", "KVM", "Firecracker" },
	{ "CLOUDH", "KVM", "Cloud Hypervisor" },
	{ "BOCHS", "QEMU", NULL },
	{ "VRTUAL", "Hyper-V", NULL },
	{ "VBOX", "VirtualBox", NULL },
	{ "Xen", "Xen", NULL },
};

/* Clocksources only a paravirtual guest registers. */
static const struct vm_hint vm_clocks[] = {
	{ "kvm-clock", "KVM", NULL },
	{ "xen", "Xen", NULL },
	{ "hyperv_clocksource", "Hyper-V", NULL },
};

static const struct vm_hint *
vm_hint_find(const struct vm_hint *t, size_t n, const char *s)
{
	if (s[0] == '\0')
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strncmp(s, t[i].key, strlen(t[i].key)) == 0)
			return &t[i];
	return NULL;
}

/* The clocksource list is blank separated: match whole words. */
static const struct vm_hint *
vm_clock_hint(const char *list)
{
	char w[48];
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, " \t\n");
		if (n > 0 && n < sizeof w) {
			memcpy(w, p, n);
			w[n] = '\0';
			const struct vm_hint *h = vm_hint_find(vm_clocks, ZT_ARRAY_LEN(vm_clocks), w);
			if (h != NULL)
				return h;
		}
		p += n;
		p += strspn(p, " \t\n");
	}
	return NULL;
}

static const char *
vm_dmi_hint(const struct zt_vm *vm)
{
	const struct vm_hint *h = vm_hint_find(vm_dmi_vendors,
	    ZT_ARRAY_LEN(vm_dmi_vendors), vm->dmi_vendor);

	if (h != NULL)
		return h->hv;
	if (strcmp(vm->dmi_product, "KVM") == 0 ||
	    strncmp(vm->dmi_product, "KVM Virtual Machine", 19) == 0)
		return "KVM";
	if (strncmp(vm->dmi_vendor, "Microsoft Corporation", 21) == 0 &&
	    strcmp(vm->dmi_product, "Virtual Machine") == 0)
		return "Hyper-V";
	if (strncmp(vm->dmi_vendor, "Google", 6) == 0 &&
	    strcmp(vm->dmi_product, "Google Compute Engine") == 0)
		return "KVM";
	return NULL;
}

static void
vm_evidence_add(char *ev, size_t len, const char *what, const char *arg)
{
	size_t n = strlen(ev);

	if (n + 3 >= len)
		return;
	snprintf(ev + n, len - n, "%s%s%s%s", n ? ", " : "", what,
	    arg ? " " : "", arg ? arg : "");
}

/* The evidence line; the strongest sign first. */
static void
vm_evidence(struct zt_vm *vm)
{
	char *ev = vm->evidence;
	size_t len = sizeof vm->evidence;
	const struct vm_hint *ck = vm_clock_hint(vm->clocksources);

	ev[0] = '\0';
	if (vm->cpu_flag == 1)
		vm_evidence_add(ev, len, "cpu flag hypervisor", NULL);
	else if (vm->cpu_flag == 0)
		vm_evidence_add(ev, len, "no hypervisor cpu flag", NULL);
	if (vm->sys_hv_type[0])
		vm_evidence_add(ev, len, "/sys/hypervisor/type", vm->sys_hv_type);
	if (ck != NULL)
		vm_evidence_add(ev, len, "clocksource", ck->key);
	if (vm->vmbus)
		vm_evidence_add(ev, len, "VMBus", NULL);
	if (vm->dmi_vendor[0])
		vm_evidence_add(ev, len, "DMI", vm->dmi_vendor);
	else if (vm->sysfs)
		vm_evidence_add(ev, len, "no DMI", NULL);
	if (vm->acpi_oem[0])
		vm_evidence_add(ev, len, "ACPI OEM", vm->acpi_oem);
	if (vm->acpi_hv_vendor[0])
		vm_evidence_add(ev, len, "FADT hypervisor", vm->acpi_hv_vendor);
}

void
vm_identify(struct zt_vm *vm)
{
	const struct vm_hint *ck = vm_clock_hint(vm->clocksources);
	const struct vm_hint *ac = vm_hint_find(vm_acpi_oems,
	    ZT_ARRAY_LEN(vm_acpi_oems), vm->acpi_oem);
	const char *dmi = vm_dmi_hint(vm), *hv = NULL;

	/* the kernel's own paravirt choices beat firmware strings: QEMU
	 * firmware under KVM is KVM (kvm-clock), under TCG it is QEMU */
	if (strcmp(vm->sys_hv_type, "xen") == 0)
		hv = "Xen";
	else if (vm->sys_hv_type[0])
		hv = vm->sys_hv_type;
	else if (ck != NULL)
		hv = ck->hv;
	else if (vm->vmbus)
		hv = "Hyper-V";
	else if (dmi != NULL)
		hv = dmi;
	else if (ac != NULL)
		hv = ac->hv;

	vm->hypervisor[0] = vm->product[0] = '\0';
	if (hv != NULL)
		strlcpy0(vm->hypervisor, hv, sizeof vm->hypervisor);
	else if (vm->cpu_flag == 1)
		strlcpy0(vm->hypervisor, "unknown", sizeof vm->hypervisor);

	if (ac != NULL && ac->product != NULL)
		strlcpy0(vm->product, ac->product, sizeof vm->product);
	else if (strcmp(vm->acpi_hv_vendor, "FIRECKVM") == 0)
		strlcpy0(vm->product, "Firecracker", sizeof vm->product);
	else if (vm->dmi_product[0] && (dmi != NULL || hv != NULL || vm->cpu_flag == 1))
		strlcpy0(vm->product, vm->dmi_product, sizeof vm->product);

	if (hv != NULL || vm->cpu_flag == 1)
		vm->is_guest = 1;
	else if (vm->cpu_flag == 0)
		vm->is_guest = 0;
	else
		vm->is_guest = -1;
	vm_evidence(vm);
}

/* ---- hotplug rows ---- */

void
vm_hotplug_add(struct zt_vm *vm, int node, const char *zone, int state)
{
	struct zt_vm_hprow *r = NULL;

	if (!zt_have(vm->blocks))
		vm->blocks = vm->blocks_online = vm->blocks_offline = vm->blocks_other = 0;
	vm->blocks++;
	if (state != 0 && state != 1) {
		vm->blocks_other++;	/* going-offline: in flux, no zone */
		return;
	}
	*(state ? &vm->blocks_online : &vm->blocks_offline) += 1;
	if (zone[0] == '\0')
		zone = "?";
	for (int i = 0; i < vm->nrows; i++)
		if (vm->rows[i].node == node && strcmp(vm->rows[i].zone, zone) == 0)
			r = &vm->rows[i];
	if (r == NULL) {
		if (vm->nrows == ZT_VM_HP_ROWS) {
			vm->rows_truncated = true;
			return;
		}
		r = &vm->rows[vm->nrows++];
		r->node = node;
		strlcpy0(r->zone, zone, sizeof r->zone);
		r->online = r->offline = 0;
	}
	*(state ? &r->online : &r->offline) += 1;
}

static int
vm_zone_rank(const char *zone)
{
	int t = zone_type_from_name(zone);

	return t >= 0 ? t : ZT_ZONE_NTYPES + (strcmp(zone, "none") != 0);
}

static int
vm_row_cmp(const void *a, const void *b)
{
	const struct zt_vm_hprow *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return vm_zone_rank(x->zone) - vm_zone_rank(y->zone);
}

void
vm_hotplug_sort(struct zt_vm *vm)
{
	qsort(vm->rows, (size_t)vm->nrows, sizeof vm->rows[0], vm_row_cmp);
}

int64_t
vm_zone_sig(const struct zt_snapshot *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	for (int i = 0; i < s->nzones; i++) {
		const struct zt_zone *z = &s->zones[i];
		uint64_t v[4] = { (uint64_t)z->node, (uint64_t)z->type,
		    (uint64_t)z->present, (uint64_t)z->spanned };
		for (int k = 0; k < 4; k++)
			for (int byte = 0; byte < 8; byte++)
				h = (h ^ ((v[k] >> (8 * byte)) & 0xff)) * 1099511628211ull;
	}
	return (int64_t)(h >> 1);
}

/* ---- init, copy ---- */

static void
vm_reset_balloon(struct zt_vm *vm)
{
	vm->meminfo_balloon_kb = vm->nr_balloon_pages = ZT_NA;
	vm->balloon_inflate = vm->balloon_deflate = vm->balloon_migrate = ZT_NA;
	vm->xen_current_kb = vm->xen_target_kb = ZT_NA;
	vm->xen_low_kb = vm->xen_high_kb = ZT_NA;
	vm->hv_pages_ballooned = vm->hv_pages_added = vm->hv_pages_onlined = ZT_NA;
	vm->vmw_target = vm->vmw_current = ZT_NA;
	vm->hv_why[0] = vm->vmw_why[0] = '\0';
	vm->ballooned_kb = ZT_NA;
	vm->verdict = ZT_VMV_UNKNOWN;
	vm->verdict_text[0] = '\0';
}

static void
vm_reset_driver(struct zt_vm_driver *d)
{
	memset(d, 0, sizeof *d);
	d->ndevs = -1;
}

static void
vm_reset_scan(struct zt_vm *vm)
{
	vm_reset_driver(&vm->virtio_balloon);
	vm_reset_driver(&vm->virtio_mem);
	vm_reset_driver(&vm->hv_balloon);
	vm->vmw_balloon = vm->xen_balloon = false;
	vm->deflate_on_oom = -1;
	vm->balloon_driver[0] = '\0';
	vm->hp_scanned = false;
	vm->hp_when = vm->hp_cost = 0;
	vm->hp_why[0] = '\0';
	vm->block_bytes = ZT_NA;
	vm->blocks = vm->blocks_online = vm->blocks_offline = vm->blocks_other = ZT_NA;
	vm->nrows = 0;
	vm->rows_truncated = false;
	vm->zone_sig = 0;
}

void
vm_init(struct zt_vm *vm)
{
	memset(vm, 0, sizeof *vm);
	vm->cpu_flag = -1;
	vm->is_guest = -1;
	vm_reset_balloon(vm);
	vm_reset_scan(vm);
}

/* ---- reading ---- */

/* A short text file under the sys root, escaped, first line only. */
static bool
vm_read_word(struct procfs *pf, const char *rel, struct zt_buf *b, char *out,
    size_t outlen)
{
	char why[ZT_WHY_LEN];

	out[0] = '\0';
	if (procfs_read_sys(pf, rel, b, why, sizeof why) < 0)
		return false;
	size_t n = strcspn(b->p, "\n");
	while (n > 0 && (b->p[n - 1] == ' ' || b->p[n - 1] == '\t'))
		n--;
	escape_text(out, outlen, b->p, n);
	return true;
}

static int64_t
vm_read_int(struct procfs *pf, const char *rel, struct zt_buf *b)
{
	char why[ZT_WHY_LEN];

	if (procfs_read_sys(pf, rel, b, why, sizeof why) < 0)
		return ZT_NA;
	return vm_int_file(b->p, b->len);
}

static void
vm_scan_hypervisor(struct procfs *pf, struct zt_vm *vm, bool own_sys,
    struct zt_buf *b)
{
	char why[ZT_WHY_LEN];
	static const char *const acpi[] = {
		"firmware/acpi/tables/FACP", "firmware/acpi/tables/APIC",
	};

	if (procfs_read(pf, "cpuinfo", false, b, why, sizeof why) == 0)
		vm->cpu_flag = vm_cpuinfo_flag(b->p, b->len, "hypervisor");
	vm->hv_scanned = true;
	if (!own_sys) {
		strlcpy0(vm->sys_why, "a capture without --sys-root", sizeof vm->sys_why);
		vm_identify(vm);
		return;
	}
	vm_read_word(pf, "hypervisor/type", b, vm->sys_hv_type, sizeof vm->sys_hv_type);
	vm_read_word(pf, "class/dmi/id/sys_vendor", b, vm->dmi_vendor, sizeof vm->dmi_vendor);
	vm_read_word(pf, "class/dmi/id/product_name", b, vm->dmi_product, sizeof vm->dmi_product);
	vm_read_word(pf, "devices/system/clocksource/clocksource0/available_clocksource",
	    b, vm->clocksources, sizeof vm->clocksources);
	/* ACPI tables are root-only (0400); the FADT is on every ACPI system */
	for (size_t i = 0; i < ZT_ARRAY_LEN(acpi) && !vm->acpi_oem[0]; i++)
		if (procfs_read_sys(pf, acpi[i], b, why, sizeof why) == 0)
			vm_acpi_ids((const unsigned char *)b->p, b->len, vm->acpi_oem,
			    sizeof vm->acpi_oem, vm->acpi_hv_vendor,
			    sizeof vm->acpi_hv_vendor);
	vm->vmbus = procfs_sys_exists(pf, "bus/vmbus/devices");
	vm->sysfs = procfs_sys_exists(pf, "devices");
	vm_identify(vm);
}

/* Bound devices of a driver directory: entries that name devices. */
static void
vm_scan_driver(struct procfs *pf, const char *rel, bool (*isdev)(const char *),
    struct zt_vm_driver *d)
{
	char why[ZT_WHY_LEN];
	char **names = procfs_list_sys(pf, rel, why, sizeof why);

	vm_reset_driver(d);
	if (names == NULL)
		return;
	d->present = true;
	d->ndevs = 0;
	for (char **p = names; *p; p++) {
		if (!isdev(*p))
			continue;
		if (d->ndevs < ZT_VM_DEVS)
			escape_text(d->devs[d->ndevs], sizeof d->devs[0], *p, strlen(*p));
		d->ndevs++;
	}
	procfs_free_names(names);
}

static void
vm_scan_drivers(struct procfs *pf, struct zt_vm *vm, struct zt_buf *b)
{
	char why[ZT_WHY_LEN], rel[96];

	vm_scan_driver(pf, "bus/virtio/drivers/virtio_balloon", vm_is_virtio_dev,
	    &vm->virtio_balloon);
	vm_scan_driver(pf, "bus/virtio/drivers/virtio_mem", vm_is_virtio_dev,
	    &vm->virtio_mem);
	vm_scan_driver(pf, "bus/vmbus/drivers/hv_balloon", vm_is_guid, &vm->hv_balloon);
	/* vmw_balloon binds to no bus: a loaded module is all sysfs shows */
	vm->vmw_balloon = procfs_sys_exists(pf, "module/vmw_balloon");
	vm->xen_balloon = procfs_sys_exists(pf, "devices/system/xen_memory/xen_memory0");
	vm->deflate_on_oom = -1;
	if (vm->virtio_balloon.ndevs > 0) {
		snprintf(rel, sizeof rel, "bus/virtio/devices/%s/features",
		    vm->virtio_balloon.devs[0]);
		if (procfs_read_sys(pf, rel, b, why, sizeof why) == 0)
			vm->deflate_on_oom = vm_virtio_feature(b->p, b->len, 2);
	}
	vm->balloon_driver[0] = '\0';
	if (vm->virtio_balloon.ndevs > 0)
		strlcpy0(vm->balloon_driver, "virtio_balloon", sizeof vm->balloon_driver);
	else if (vm->xen_balloon)
		strlcpy0(vm->balloon_driver, "xen-balloon", sizeof vm->balloon_driver);
	else if (vm->hv_balloon.ndevs > 0)
		strlcpy0(vm->balloon_driver, "hv_balloon", sizeof vm->balloon_driver);
	else if (vm->vmw_balloon)
		strlcpy0(vm->balloon_driver, "vmw_balloon", sizeof vm->balloon_driver);
}

/* A debugfs file of a balloon driver; why says what stopped us. */
static bool
vm_read_debugfs(struct procfs *pf, const char *rel, struct zt_buf *b,
    char *why, size_t whylen)
{
	char w[ZT_WHY_LEN];

	if (procfs_read_sys(pf, rel, b, w, sizeof w) == 0)
		return true;
	/* an unmounted debugfs leaves an empty /sys/kernel/debug */
	snprintf(why, whylen, "%s: %.24s%s", rel + strlen("kernel/debug/"), w,
	    strcmp(w, "missing") == 0 ? " (debugfs not mounted?)" : "");
	return false;
}

static void
vm_read_balloon(struct procfs *pf, const struct zt_snapshot *s,
    struct zt_vm *vm, struct zt_buf *b)
{
	vm->meminfo_balloon_kb = kvs_get(&s->meminfo, "Balloon");
	vm->nr_balloon_pages = kvs_get(&s->vmstat, "nr_balloon_pages");
	vm->balloon_inflate = kvs_get(&s->vmstat, "balloon_inflate");
	vm->balloon_deflate = kvs_get(&s->vmstat, "balloon_deflate");
	vm->balloon_migrate = kvs_get(&s->vmstat, "balloon_migrate");
	if (vm->xen_balloon) {
		/* drivers/xen/xen-balloon.c: target_kb beside info/ */
		const char *x = "devices/system/xen_memory/xen_memory0/";
		char rel[96];
		snprintf(rel, sizeof rel, "%starget_kb", x);
		vm->xen_target_kb = vm_read_int(pf, rel, b);
		snprintf(rel, sizeof rel, "%sinfo/current_kb", x);
		vm->xen_current_kb = vm_read_int(pf, rel, b);
		snprintf(rel, sizeof rel, "%sinfo/low_kb", x);
		vm->xen_low_kb = vm_read_int(pf, rel, b);
		snprintf(rel, sizeof rel, "%sinfo/high_kb", x);
		vm->xen_high_kb = vm_read_int(pf, rel, b);
	}
	/* Hyper-V and VMware publish their figures in debugfs only */
	if (vm->hv_balloon.ndevs > 0 && vm_read_debugfs(pf, "kernel/debug/hv-balloon",
	    b, vm->hv_why, sizeof vm->hv_why)) {
		vm->hv_pages_ballooned = vm_debugfs_value(b->p, b->len, "pages_ballooned");
		vm->hv_pages_added = vm_debugfs_value(b->p, b->len, "pages_added");
		vm->hv_pages_onlined = vm_debugfs_value(b->p, b->len, "pages_onlined");
	}
	if (vm->vmw_balloon && vm_read_debugfs(pf, "kernel/debug/vmmemctl", b,
	    vm->vmw_why, sizeof vm->vmw_why)) {
		/* the first "target"/"current" lines are the sizes; older
		 * kernels print a second "target:" with the call count */
		vm->vmw_target = vm_debugfs_value(b->p, b->len, "target");
		vm->vmw_current = vm_debugfs_value(b->p, b->len, "current");
	}
}

struct vm_blocknode {
	int64_t block;
	int node;
};

static int
vm_bn_cmp(const void *a, const void *b)
{
	const struct vm_blocknode *x = a, *y = b;

	return x->block < y->block ? -1 : x->block > y->block;
}

/* "memory123" -> 123; -1 for other names. */
static int64_t
vm_block_no(const char *name)
{
	int64_t v;
	const char *p = name + 6;

	if (strncmp(name, "memory", 6) != 0 || !isdigit((unsigned char)*p))
		return -1;
	return parse_i64_str(p, &v) && v >= 0 ? v : -1;
}

/* Which node holds each block: the links nodeN/memoryM, one listing per
 * node instead of one per block.  Sorted by block; *n entries. */
static struct vm_blocknode *
vm_node_map(struct procfs *pf, size_t *n)
{
	char why[ZT_WHY_LEN], rel[64];
	char **nodes = procfs_list_sys(pf, "devices/system/node", why, sizeof why);
	struct vm_blocknode *map = NULL;
	size_t cap = 0;

	*n = 0;
	if (nodes == NULL)
		return NULL;
	for (char **p = nodes; *p; p++) {
		int64_t node;
		if (strncmp(*p, "node", 4) != 0 || !parse_i64_str(*p + 4, &node) ||
		    node < 0 || node > 65535)
			continue;
		snprintf(rel, sizeof rel, "devices/system/node/%s", *p);
		char **ents = procfs_list_sys(pf, rel, why, sizeof why);
		for (char **e = ents; e && *e; e++) {
			int64_t blk = vm_block_no(*e);
			if (blk < 0)
				continue;
			if (*n == cap) {
				cap = cap ? cap * 2 : 256;
				map = xreallocarray(map, cap, sizeof *map);
			}
			map[*n].block = blk;
			map[(*n)++].node = (int)node;
		}
		procfs_free_names(ents);
	}
	procfs_free_names(nodes);
	if (*n > 0)
		qsort(map, *n, sizeof *map, vm_bn_cmp);
	return map;
}

static void
vm_scan_hotplug(struct procfs *pf, struct zt_vm *vm, struct zt_buf *b)
{
	char why[ZT_WHY_LEN], rel[96], zone[12];
	char **names = procfs_list_sys(pf, "devices/system/memory", why, sizeof why);
	struct vm_blocknode *map;
	size_t nmap;

	if (names == NULL) {
		snprintf(vm->hp_why, sizeof vm->hp_why, "devices/system/memory: %.40s", why);
		return;
	}
	if (procfs_read_sys(pf, "devices/system/memory/block_size_bytes", b, why,
	    sizeof why) == 0)
		vm->block_bytes = vm_hex_i64(b->p, b->len);
	map = vm_node_map(pf, &nmap);
	vm->blocks = vm->blocks_online = vm->blocks_offline = vm->blocks_other = 0;
	for (char **p = names; *p; p++) {
		struct vm_blocknode key = { vm_block_no(*p), -1 }, *hit;
		int state;

		if (key.block < 0)
			continue;
		snprintf(rel, sizeof rel, "devices/system/memory/%s/state", *p);
		state = procfs_read_sys(pf, rel, b, why, sizeof why) == 0 ?
		    vm_block_state(b->p, b->len) : 2;
		snprintf(rel, sizeof rel, "devices/system/memory/%s/valid_zones", *p);
		if (procfs_read_sys(pf, rel, b, why, sizeof why) == 0)
			vm_first_word(b->p, b->len, zone, sizeof zone);
		else
			zone[0] = '\0';	/* before 4.0, or unreadable */
		hit = nmap ? bsearch(&key, map, nmap, sizeof *map, vm_bn_cmp) : NULL;
		vm_hotplug_add(vm, hit ? hit->node : -1, zone, state);
	}
	free(map);
	procfs_free_names(names);
	vm_hotplug_sort(vm);
}

/* Are prev's memory-block figures still good for s? */
static bool
vm_hotplug_fresh(const struct zt_vm *pv, const struct zt_snapshot *s)
{
	double age = s->mono - pv->hp_when, cost = 100 * pv->hp_cost;

	/* fmax(): a NaN cost leaves the floor */
	return pv->hp_scanned && age >= 0 &&
	    age < (cost > ZT_VM_RESCAN_S ? cost : ZT_VM_RESCAN_S) &&
	    pv->zone_sig == vm_zone_sig(s);
}

void
vm_probe(struct procfs *pf, struct zt_snapshot *s, const struct zt_snapshot *prev)
{
	const struct zt_vm *pv = prev != NULL && prev->vm.read ? &prev->vm : NULL;
	struct zt_vm *vm = &s->vm;
	struct zt_buf b = { 0 };
	/* a capture's proc root with this machine's /sys would describe two
	 * machines at once: without --sys-root a capture gets no sysfs */
	bool own_sys = procfs_live(pf) || strcmp(procfs_sys_root(pf), "/sys") != 0;

	/* the struct owns no memory: a copy carries the cached scans */
	if (pv != NULL)
		*vm = *pv;
	else
		vm_init(vm);
	vm->read = true;
	vm_reset_balloon(vm);
	if (!vm->hv_scanned)
		vm_scan_hypervisor(pf, vm, own_sys, &b);
	if (pv == NULL || !vm_hotplug_fresh(pv, s)) {
		vm_reset_scan(vm);
		vm->hp_scanned = true;
		vm->hp_when = s->mono;
		vm->zone_sig = vm_zone_sig(s);
		if (own_sys) {
			double t0 = mono_now();
			vm_scan_drivers(pf, vm, &b);
			vm_scan_hotplug(pf, vm, &b);
			vm->hp_cost = mono_now() - t0;
		} else
			strlcpy0(vm->hp_why, vm->sys_why, sizeof vm->hp_why);
	}
	vm_read_balloon(pf, s, vm, &b);
	buf_free(&b);
	vm_judge(vm, s);
}

/* ---- judging ---- */

/* What the balloon holds, kB, from the best source there is. */
static int64_t
vm_ballooned_kb(const struct zt_vm *vm, int page_kb)
{
	int64_t kb;

	if (zt_have(vm->meminfo_balloon_kb))
		return vm->meminfo_balloon_kb;
	if (zt_have(vm->nr_balloon_pages) &&
	    !__builtin_mul_overflow(vm->nr_balloon_pages, (int64_t)page_kb, &kb))
		return kb;
	if (zt_have(vm->xen_low_kb) && zt_have(vm->xen_high_kb) &&
	    !__builtin_add_overflow(vm->xen_low_kb, vm->xen_high_kb, &kb))
		return kb;
	/* both drivers count 4 KiB pages whatever the guest's page size */
	if (zt_have(vm->hv_pages_ballooned) &&
	    !__builtin_mul_overflow(vm->hv_pages_ballooned, (int64_t)4, &kb))
		return kb;
	if (zt_have(vm->vmw_current) &&
	    !__builtin_mul_overflow(vm->vmw_current, (int64_t)4, &kb))
		return kb;
	return ZT_NA;
}

/* Does this driver take its pages out of MemTotal (managed pages)?
 * virtio_balloon does unless deflate-on-OOM was negotiated; Xen and
 * Hyper-V always do.  1 yes, 0 no, -1 unknown. */
static int
vm_leaves_memtotal(const struct zt_vm *vm)
{
	if (strcmp(vm->balloon_driver, "virtio_balloon") == 0)
		return vm->deflate_on_oom < 0 ? -1 : !vm->deflate_on_oom;
	if (strcmp(vm->balloon_driver, "xen-balloon") == 0 ||
	    strcmp(vm->balloon_driver, "hv_balloon") == 0)
		return 1;
	return -1;
}

static void
vm_judge_no_counter(struct zt_vm *vm, int64_t uk, double upct)
{
	char u[16];
	size_t n;
	int64_t net;

	vm->verdict = ZT_VMV_NO_COUNTER;
	n = (size_t)snprintf(vm->verdict_text, sizeof vm->verdict_text,
	    "no balloon counter on this kernel: the unaccounted share is the only sign");
	if (zt_have(uk) && n < sizeof vm->verdict_text) {
		fmt_kb(u, sizeof u, uk);
		if (isnan(upct))
			n += (size_t)snprintf(vm->verdict_text + n,
			    sizeof vm->verdict_text - n, " (%s)", u);
		else
			n += (size_t)snprintf(vm->verdict_text + n,
			    sizeof vm->verdict_text - n, " (%s, %.1f%%)", u, upct);
	}
	/* the events count balloon-compaction drivers (virtio, VMware) */
	if (zt_have(vm->balloon_inflate) && zt_have(vm->balloon_deflate) &&
	    !__builtin_sub_overflow(vm->balloon_inflate, vm->balloon_deflate, &net) &&
	    n < sizeof vm->verdict_text)
		snprintf(vm->verdict_text + n, sizeof vm->verdict_text - n,
		    "; inflate-deflate %lld pages since boot", (long long)net);
}

void
vm_judge(struct zt_vm *vm, const struct zt_snapshot *s)
{
	char b[16], u[16];
	int64_t bk, uk = s->unaccounted_kb, total;
	double upct = s->unaccounted_pct;

	if (!vm->read)
		return;
	/* before derive_snapshot(): the same figure from meminfo */
	if (!zt_have(uk)) {
		uk = unaccounted_kb(&s->meminfo);
		total = kvs_get(&s->meminfo, "MemTotal");
		upct = zt_have(uk) && zt_have(total) && total > 0 ?
		    100.0 * (double)uk / (double)total : NAN;
	}
	bk = vm->ballooned_kb = vm_ballooned_kb(vm, s->page_kb > 0 ? s->page_kb : 4);
	vm->verdict = ZT_VMV_UNKNOWN;
	vm->verdict_text[0] = '\0';
	if (!zt_have(bk)) {
		vm_judge_no_counter(vm, uk, upct);
		return;
	}
	fmt_kb(b, sizeof b, bk);
	if (!zt_have(uk)) {
		snprintf(vm->verdict_text, sizeof vm->verdict_text,
		    "balloon holds %s; unaccounted memory n/a (no meminfo)", b);
		return;
	}
	fmt_kb(u, sizeof u, uk);
	if (bk <= 0) {
		vm->verdict = ZT_VMV_EMPTY;
		snprintf(vm->verdict_text, sizeof vm->verdict_text,
		    "balloon empty: it explains none of the %s unaccounted", u);
	} else if (vm_leaves_memtotal(vm) == 1 || (double)bk > 1.1 * (double)uk) {
		vm->verdict = ZT_VMV_OUTSIDE;
		snprintf(vm->verdict_text, sizeof vm->verdict_text,
		    "balloon holds %s, taken out of MemTotal: not part of the %s unaccounted",
		    b, u);
	} else {
		/* here 0 < bk <= 1.1 uk, so uk > 0 and pct <= 110 */
		int pct = (int)(100.0 * (double)bk / (double)uk + 0.5);
		vm->verdict = pct >= 80 ? ZT_VMV_EXPLAINS : ZT_VMV_PARTLY;
		if (pct >= 80)
			snprintf(vm->verdict_text, sizeof vm->verdict_text,
			    "balloon holds %s: it explains the %s unaccounted (%d%%)",
			    b, u, pct);
		else
			snprintf(vm->verdict_text, sizeof vm->verdict_text,
			    "balloon holds %s: it explains %d%% of the %s unaccounted",
			    b, pct, u);
	}
}
