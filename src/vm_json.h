/* vm_json.h: the "vm" object of the JSON sample (vm_json.c). */
#ifndef ZT_VM_JSON_H
#define ZT_VM_JSON_H

#include <jansson.h>

#include "util.h"
#include "vm.h"

struct zt_snapshot;

json_t *vm_json(const struct zt_vm *vm);
/* A few lines for the batch text report. */
void vm_text(const struct zt_vm *vm, const struct zt_snapshot *s,
    struct zt_buf *out);

#endif
