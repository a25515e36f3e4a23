/*
 * vm_json.c: snapshot->vm for people and scripts: the JSON "vm" object,
 * the VM block of the batch text report and the one-line summary the
 * screen header shows.  Reads only struct zt_vm (and, for the text, the
 * snapshot's unaccounted memory); absent figures are null or "n/a".
 *
 * JSON keys (only ever added, never renamed):
 *   guest (bool|null), hypervisor, product, evidence{cpu_flag,
 *     sys_hypervisor_type, dmi_sys_vendor, dmi_product_name, acpi_oem_id,
 *     acpi_hypervisor_vendor, clocksources, vmbus, sysfs, sys_unavailable,
 *     text},
 *   balloon{driver, deflate_on_oom, meminfo_balloon_kb, nr_balloon_pages,
 *     balloon_inflate, balloon_deflate, balloon_migrate, xen{...},
 *     hyperv{...}, vmware{...}, drivers{...}, ballooned_kb, verdict,
 *     verdict_text},
 *   hotplug{block_bytes, blocks, online, offline, other, rows[{node, zone,
 *     online, offline}], rows_truncated, unavailable}
 */
#include "vm_json.h"

#include <string.h>

#include "json_text.h"
#include "snapshot.h"

static json_t *
vm_jint(int64_t v)
{
	return zt_have(v) ? json_integer((json_int_t)v) : json_null();
}

/* "" is "not available": null */
static json_t *
vm_jstr(const char *s)
{
	return s[0] ? json_text(s, strlen(s)) : json_null();
}

static json_t *
vm_jtri(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

static const char *const vm_verdicts[] = {
	"no_counter", "empty", "explains", "partly", "outside",
};

static const char *
vm_verdict_name(int v)
{
	if (v < 0 || (size_t)v >= ZT_ARRAY_LEN(vm_verdicts))
		return NULL;
	return vm_verdicts[v];
}

static json_t *
vm_json_driver(const struct zt_vm_driver *d)
{
	json_t *o, *a;

	if (!d->present)
		return json_null();
	o = json_object();
	a = json_array();
	for (int i = 0; i < d->ndevs && i < ZT_VM_DEVS; i++)
		json_array_append_new(a, vm_jstr(d->devs[i]));
	json_object_set_new(o, "bound", json_integer(d->ndevs));
	json_object_set_new(o, "devices", a);
	return o;
}

static json_t *
vm_json_evidence(const struct zt_vm *vm)
{
	json_t *o = json_object();

	json_object_set_new(o, "cpu_flag", vm_jtri(vm->cpu_flag));
	json_object_set_new(o, "sys_hypervisor_type", vm_jstr(vm->sys_hv_type));
	json_object_set_new(o, "dmi_sys_vendor", vm_jstr(vm->dmi_vendor));
	json_object_set_new(o, "dmi_product_name", vm_jstr(vm->dmi_product));
	json_object_set_new(o, "acpi_oem_id", vm_jstr(vm->acpi_oem));
	json_object_set_new(o, "acpi_hypervisor_vendor", vm_jstr(vm->acpi_hv_vendor));
	json_object_set_new(o, "clocksources", vm_jstr(vm->clocksources));
	json_object_set_new(o, "vmbus", json_boolean(vm->vmbus));
	json_object_set_new(o, "sysfs", json_boolean(vm->sysfs));
	json_object_set_new(o, "sys_unavailable", vm_jstr(vm->sys_why));
	json_object_set_new(o, "text", vm_jstr(vm->evidence));
	return o;
}

static json_t *
vm_json_balloon(const struct zt_vm *vm)
{
	json_t *o = json_object(), *x, *d;
	const char *v = vm_verdict_name(vm->verdict);

	json_object_set_new(o, "driver", vm_jstr(vm->balloon_driver));
	json_object_set_new(o, "deflate_on_oom", vm_jtri(vm->deflate_on_oom));
	json_object_set_new(o, "meminfo_balloon_kb", vm_jint(vm->meminfo_balloon_kb));
	json_object_set_new(o, "nr_balloon_pages", vm_jint(vm->nr_balloon_pages));
	json_object_set_new(o, "balloon_inflate", vm_jint(vm->balloon_inflate));
	json_object_set_new(o, "balloon_deflate", vm_jint(vm->balloon_deflate));
	json_object_set_new(o, "balloon_migrate", vm_jint(vm->balloon_migrate));

	x = json_object();
	json_object_set_new(x, "current_kb", vm_jint(vm->xen_current_kb));
	json_object_set_new(x, "target_kb", vm_jint(vm->xen_target_kb));
	json_object_set_new(x, "low_kb", vm_jint(vm->xen_low_kb));
	json_object_set_new(x, "high_kb", vm_jint(vm->xen_high_kb));
	json_object_set_new(o, "xen", x);
	x = json_object();
	json_object_set_new(x, "pages_ballooned", vm_jint(vm->hv_pages_ballooned));
	json_object_set_new(x, "pages_added", vm_jint(vm->hv_pages_added));
	json_object_set_new(x, "pages_onlined", vm_jint(vm->hv_pages_onlined));
	json_object_set_new(x, "unavailable", vm_jstr(vm->hv_why));
	json_object_set_new(o, "hyperv", x);
	x = json_object();
	json_object_set_new(x, "target_pages", vm_jint(vm->vmw_target));
	json_object_set_new(x, "current_pages", vm_jint(vm->vmw_current));
	json_object_set_new(x, "unavailable", vm_jstr(vm->vmw_why));
	json_object_set_new(o, "vmware", x);

	d = json_object();
	json_object_set_new(d, "virtio_balloon", vm_json_driver(&vm->virtio_balloon));
	json_object_set_new(d, "virtio_mem", vm_json_driver(&vm->virtio_mem));
	json_object_set_new(d, "hv_balloon", vm_json_driver(&vm->hv_balloon));
	json_object_set_new(d, "vmw_balloon", json_boolean(vm->vmw_balloon));
	json_object_set_new(d, "xen_balloon", json_boolean(vm->xen_balloon));
	json_object_set_new(o, "drivers", d);

	json_object_set_new(o, "ballooned_kb", vm_jint(vm->ballooned_kb));
	json_object_set_new(o, "verdict", v ? json_string(v) : json_null());
	json_object_set_new(o, "verdict_text", vm_jstr(vm->verdict_text));
	return o;
}

static json_t *
vm_json_hotplug(const struct zt_vm *vm)
{
	json_t *o = json_object(), *a = json_array();

	json_object_set_new(o, "block_bytes", vm_jint(vm->block_bytes));
	json_object_set_new(o, "blocks", vm_jint(vm->blocks));
	json_object_set_new(o, "online", vm_jint(vm->blocks_online));
	json_object_set_new(o, "offline", vm_jint(vm->blocks_offline));
	json_object_set_new(o, "other", vm_jint(vm->blocks_other));
	for (int i = 0; i < vm->nrows && i < ZT_VM_HP_ROWS; i++) {
		const struct zt_vm_hprow *r = &vm->rows[i];
		json_t *row = json_object();
		json_object_set_new(row, "node", r->node >= 0 ? json_integer(r->node) : json_null());
		json_object_set_new(row, "zone", vm_jstr(r->zone));
		json_object_set_new(row, "online", json_integer((json_int_t)r->online));
		json_object_set_new(row, "offline", json_integer((json_int_t)r->offline));
		json_array_append_new(a, row);
	}
	json_object_set_new(o, "rows", a);
	json_object_set_new(o, "rows_truncated", json_boolean(vm->rows_truncated));
	json_object_set_new(o, "unavailable", vm_jstr(vm->hp_why));
	return o;
}

json_t *
vm_json(const struct zt_vm *vm)
{
	json_t *o;

	if (!vm->read)
		return json_null();
	o = json_object();
	json_object_set_new(o, "guest", vm_jtri(vm->is_guest));
	json_object_set_new(o, "hypervisor", vm_jstr(vm->hypervisor));
	json_object_set_new(o, "product", vm_jstr(vm->product));
	json_object_set_new(o, "evidence", vm_json_evidence(vm));
	json_object_set_new(o, "balloon", vm_json_balloon(vm));
	json_object_set_new(o, "hotplug", vm_json_hotplug(vm));
	return o;
}

/* ---- text ---- */

static const char *
vm_num(char *b, size_t n, int64_t v)
{
	if (zt_have(v))
		snprintf(b, n, "%lld", (long long)v);
	else
		snprintf(b, n, "n/a");
	return b;
}

/* "KVM guest (Firecracker)", "bare metal", "guest or not: unknown" */
static void
vm_text_who(struct zt_buf *out, const struct zt_vm *vm)
{
	if (vm->is_guest == 1) {
		buf_printf(out, "%s guest", vm->hypervisor[0] ? vm->hypervisor : "unknown");
		if (vm->product[0])
			buf_printf(out, " (%s)", vm->product);
	} else if (vm->is_guest == 0)
		buf_printf(out, "bare metal");
	else
		buf_printf(out, "guest or not: unknown");
}

static void
vm_text_driver(struct zt_buf *out, const char *name, const struct zt_vm_driver *d)
{
	if (!d->present)
		return;
	buf_printf(out, "  %s", name);
	if (d->ndevs == 0)
		buf_printf(out, " (no device)");
	for (int i = 0; i < d->ndevs && i < ZT_VM_DEVS; i++)
		buf_printf(out, "%s%s", i ? "," : " ", d->devs[i]);
	if (d->ndevs > ZT_VM_DEVS)
		buf_printf(out, ",+%d", d->ndevs - ZT_VM_DEVS);
}

/* "123 kB" or "n/a" */
static const char *
vm_kb(char *b, size_t n, int64_t v)
{
	if (zt_have(v))
		snprintf(b, n, "%lld kB", (long long)v);
	else
		snprintf(b, n, "n/a");
	return b;
}

static void
vm_text_drivers(struct zt_buf *out, const struct zt_vm *vm)
{
	buf_printf(out, "  balloon drivers:");
	if (!vm->sysfs) {
		buf_printf(out, " n/a (%s)", vm->sys_why[0] ? vm->sys_why :
		    "no sysfs under the sys root");
		return;
	}
	vm_text_driver(out, "virtio_balloon", &vm->virtio_balloon);
	vm_text_driver(out, "virtio_mem", &vm->virtio_mem);
	vm_text_driver(out, "hv_balloon", &vm->hv_balloon);
	if (vm->vmw_balloon)
		buf_printf(out, "  vmw_balloon");
	if (vm->xen_balloon)
		buf_printf(out, "  xen-balloon");
	if (!vm->virtio_balloon.present && !vm->virtio_mem.present &&
	    !vm->hv_balloon.present && !vm->vmw_balloon && !vm->xen_balloon)
		buf_printf(out, " none");
}

static void
vm_text_balloon(struct zt_buf *out, const struct zt_vm *vm)
{
	char a[24], b[24], c[24], d[24], e[24];

	vm_text_drivers(out, vm);
	if (vm->deflate_on_oom >= 0)
		buf_printf(out, "  deflate-on-OOM %s", vm->deflate_on_oom ? "yes" : "no");
	buf_printf(out, "\n  balloon: meminfo Balloon %s  nr_balloon_pages %s"
	    "  inflate %s deflate %s migrate %s\n",
	    vm_kb(a, sizeof a, vm->meminfo_balloon_kb),
	    vm_num(b, sizeof b, vm->nr_balloon_pages),
	    vm_num(c, sizeof c, vm->balloon_inflate),
	    vm_num(d, sizeof d, vm->balloon_deflate),
	    vm_num(e, sizeof e, vm->balloon_migrate));
	if (vm->xen_balloon)
		buf_printf(out, "  xen: current %s kB  target %s kB  ballooned %s+%s kB\n",
		    vm_num(a, sizeof a, vm->xen_current_kb),
		    vm_num(b, sizeof b, vm->xen_target_kb),
		    vm_num(c, sizeof c, vm->xen_low_kb), vm_num(d, sizeof d, vm->xen_high_kb));
	if (vm->hv_balloon.ndevs > 0)
		buf_printf(out, "  hyper-v: ballooned %s pages%s%s\n",
		    vm_num(a, sizeof a, vm->hv_pages_ballooned),
		    vm->hv_why[0] ? ", " : "", vm->hv_why);
	if (vm->vmw_balloon)
		buf_printf(out, "  vmware: current %s target %s pages%s%s\n",
		    vm_num(a, sizeof a, vm->vmw_current), vm_num(b, sizeof b, vm->vmw_target),
		    vm->vmw_why[0] ? ", " : "", vm->vmw_why);
	if (vm->verdict_text[0])
		buf_printf(out, "  %s\n", vm->verdict_text);
}

static void
vm_text_hotplug(struct zt_buf *out, const struct zt_vm *vm)
{
	char a[16];

	if (vm->hp_why[0] || !zt_have(vm->blocks)) {
		buf_printf(out, "  memory blocks: not available%s%s%s\n",
		    vm->hp_why[0] ? " (" : "", vm->hp_why, vm->hp_why[0] ? ")" : "");
		return;
	}
	buf_printf(out, "  memory blocks: %lld of %s, %lld online, %lld offline",
	    (long long)vm->blocks,
	    zt_have(vm->block_bytes) ? fmt_kb(a, sizeof a, vm->block_bytes / 1024) : "n/a",
	    (long long)vm->blocks_online, (long long)vm->blocks_offline);
	if (vm->blocks_other > 0)
		buf_printf(out, ", %lld changing", (long long)vm->blocks_other);
	for (int i = 0; i < vm->nrows && i < ZT_VM_HP_ROWS; i++) {
		const struct zt_vm_hprow *r = &vm->rows[i];
		if (r->node >= 0)
			buf_printf(out, "%s node %d %s %lld", i ? ";" : ":", r->node, r->zone,
			    (long long)r->online);
		else
			buf_printf(out, "%s %s %lld", i ? ";" : ":", r->zone, (long long)r->online);
		if (r->offline)
			buf_printf(out, "+%lld offline", (long long)r->offline);
	}
	if (vm->rows_truncated)
		buf_printf(out, "; ...");
	buf_addc(out, '\n');
}

void
vm_text(const struct zt_vm *vm, const struct zt_snapshot *s, struct zt_buf *out)
{
	(void)s;	/* the verdict already holds the unaccounted figure */
	buf_printf(out, "\nVM\n");
	if (!vm->read) {
		buf_printf(out, "  not available (not sampled)\n");
		return;
	}
	buf_printf(out, "  ");
	vm_text_who(out, vm);
	if (vm->evidence[0])
		buf_printf(out, "  [%s]", vm->evidence);
	buf_addc(out, '\n');
	vm_text_balloon(out, vm);
	vm_text_hotplug(out, vm);
}

const char *
vm_summary(const struct zt_vm *vm, char *buf, size_t len)
{
	struct zt_buf b = { 0 };
	char k[16];

	if (len == 0)
		return buf;
	if (!vm->read)
		buf_printf(&b, "vm n/a");
	else {
		vm_text_who(&b, vm);
		if (zt_have(vm->ballooned_kb))
			buf_printf(&b, ", balloon %s", fmt_kb(k, sizeof k, vm->ballooned_kb));
		else if (vm->balloon_driver[0])
			buf_printf(&b, ", %s (no counter)", vm->balloon_driver);
		if (zt_have(vm->blocks_offline) && vm->blocks_offline > 0)
			buf_printf(&b, ", %lld blocks offline", (long long)vm->blocks_offline);
	}
	strlcpy0(buf, b.p ? b.p : "", len);
	buf_free(&b);
	return buf;
}
