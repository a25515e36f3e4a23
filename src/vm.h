/*
 * vm.h: what a guest can know about its hypervisor, its balloon and
 * memory hotplug (issue "Watching a VM").  Filled by vm.c from the proc
 * root and the sys root; part of the snapshot.
 */
#ifndef ZT_VM_H
#define ZT_VM_H

#include <stdbool.h>
#include <stdint.h>

struct zt_vm {
	bool read;			/* vm_sample() ran */
};

#endif
