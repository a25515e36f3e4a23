/*
 * TEMPORARY (lead): weak fallbacks so the tree links while the modules
 * are written in parallel.  Each strong definition overrides its weak
 * twin; this file is deleted once every module exists.
 */
#include <jansson.h>
#include <stdio.h>

#include "commands.h"
#include "derive.h"
#include "parsers.h"
#include "procs.h"
#include "vm_json.h"
#include "vmprobe.h"
#include "../ui/ui.h"

#define W __attribute__((weak))
#define NOTYET(why, wl) (snprintf(why, wl, "not built yet"), -1)

W int zoneinfo_parse(const char *t, size_t n, struct zt_snapshot *s, char *why, size_t wl) { (void)t; (void)n; (void)s; return NOTYET(why, wl); }
W int buddyinfo_parse(const char *t, size_t n, struct zt_snapshot *s, char *why, size_t wl) { (void)t; (void)n; (void)s; return NOTYET(why, wl); }
W int pagetypeinfo_parse(const char *t, size_t n, struct zt_snapshot *s, char *why, size_t wl) { (void)t; (void)n; (void)s; return NOTYET(why, wl); }
W int meminfo_parse(const char *t, size_t n, struct zt_kvs *kv, char *why, size_t wl) { (void)t; (void)n; (void)kv; return NOTYET(why, wl); }
W int vmstat_parse(const char *t, size_t n, struct zt_kvs *kv, char *why, size_t wl) { (void)t; (void)n; (void)kv; return NOTYET(why, wl); }
W int swaps_parse(const char *t, size_t n, struct zt_swapdev **d, int *nd, char *why, size_t wl) { (void)t; (void)n; (void)d; (void)nd; return NOTYET(why, wl); }
W int psi_parse(const char *t, size_t n, struct zt_psi *p, char *why, size_t wl) { (void)t; (void)n; (void)p; return NOTYET(why, wl); }
W int intlist_parse(const char *t, size_t n, int64_t *o, int m) { (void)t; (void)n; (void)o; (void)m; return -1; }
W void derive_snapshot(struct zt_snapshot *c, const struct zt_snapshot *p) { (void)c; (void)p; }
W int slot_of_type(const struct zt_snapshot *s, int t) { (void)s; (void)t; return -1; }
W struct procs *procs_open(struct procfs *pf) { (void)pf; return NULL; }
W void procs_close(struct procs *p) { (void)p; }
W int procs_sample(struct procs *p, struct zt_snapshot *s, const struct sampler_opts *o) { (void)p; (void)s; (void)o; return -1; }
W void vm_probe(struct procfs *pf, struct zt_snapshot *s, const struct zt_snapshot *p) { (void)pf; (void)s; (void)p; }
W json_t *vm_json(const struct zt_vm *vm) { (void)vm; return json_null(); }
W void vm_text(const struct zt_vm *vm, const struct zt_snapshot *s, struct zt_buf *o) { (void)vm; (void)s; (void)o; }
W int explain_main(int argc, char **argv);
W int explain_main(int argc, char **argv) { (void)argc; (void)argv; fputs("zonetop: explain not built yet\n", stderr); return 2; }
W int ui_run(const struct ui_config *c) { (void)c; fputs("zonetop: live monitor not built yet\n", stderr); return 1; }
W int record_main(const struct zt_opts *o) { (void)o; fputs("zonetop: record not built yet\n", stderr); return 2; }
W int replay_batch(const struct zt_opts *o) { (void)o; fputs("zonetop: replay not built yet\n", stderr); return 2; }
W int protect_main(const struct zt_opts *o) { (void)o; fputs("zonetop: protect not built yet\n", stderr); return 2; }
