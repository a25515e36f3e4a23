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

#endif
