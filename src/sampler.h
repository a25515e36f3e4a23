/*
 * sampler.h: takes snapshots.  It owns the procfs handle and the
 * processes reader, decides what is read each tick (pagetypeinfo only on
 * request: it takes zone locks and costs more than everything else), and
 * runs the derivations.
 */
#ifndef ZT_SAMPLER_H
#define ZT_SAMPLER_H

#include <stdbool.h>

#include "sample_opts.h"
#include "snapshot.h"

struct sampler;

struct sampler *sampler_open(const struct sampler_opts *o, char *why,
    size_t whylen);
/* Take one snapshot into out (initialised here).  prev may be NULL.
 * Returns 0; a source that failed is marked in out->status. */
int sampler_take(struct sampler *sm, struct zt_snapshot *out,
    const struct zt_snapshot *prev);
void sampler_set_pagetypeinfo(struct sampler *sm, bool on);
void sampler_set_detail_rows(struct sampler *sm, int rows);
/* Rank inside the memory cgroup at path from the next sample (as
 * --cgroup does); NULL or "" goes back to the --cgroup given at open. */
void sampler_set_cgroup(struct sampler *sm, const char *path);
void sampler_close(struct sampler *sm);

#endif
