/*
 * parsers.h: pure readers of the kernel's text files.
 *
 * Every parser takes text (not necessarily NUL-terminated; len bytes) and
 * fills plain structs.  None opens a file, none exits.  Lines it does not
 * know are skipped, so any kernel from 2.6.32 to 6.x parses; a field the
 * text does not carry stays ZT_NA.  Return 0 when something usable was
 * found, -1 with a one-line reason in why otherwise (the caller marks the
 * source unavailable).  A "# source:" or other non-kernel line is skipped.
 */
#ifndef ZT_PARSERS_H
#define ZT_PARSERS_H

#include <stdbool.h>
#include <stddef.h>

#include "snapshot.h"

/*
 * Which zone type each protection[] (lowmem_reserve[]) slot stands for:
 * seen[] = the zone types named in the text, nprot = its slots, bits =
 * 32, 64 or 0 when the word size is unknown.  Normal and Movable are
 * always compiled in; missing optional types are filled in as
 * zoneinfo.c's comment explains.  Fills type_of_slot[ZT_MAX_ZONE_TYPES]
 * (ZT_ZONE_UNKNOWN past the known ones); returns the known count.  Shared
 * by the zoneinfo parser and zonetop explain.
 */
int zone_slots_infer(const bool *seen, int nprot, int bits,
    int *type_of_slot);

/* zoneinfo: fills s->zones, nzones, nnodes, ntypes, type_of_slot. */
int zoneinfo_parse(const char *text, size_t len, struct zt_snapshot *s,
    char *why, size_t whylen);

/* At most this many zones are kept; more is no kernel's file. */
#define ZT_MAX_ZONES 4096

/* Every field of a zone "not known": ZT_NA, NAN, -1, NULL (zoneinfo.c). */
void zone_init(struct zt_zone *z);

/* Shared by the zone parsers (zoneinfo.c).  A line opening with
 * "Node %d, zone %8s": node and name out, returns the text after the
 * name; NULL when the line is no zone header. */
const char *zoneinfo_header(const char *line, int *node, char *name,
    size_t namelen);
/* Index of the zone (node, name) in s->zones, -1 if none. */
int zoneinfo_find(const struct zt_snapshot *s, int node, const char *name);
/* Index of the zone (node, name), appended with only its node, name and
 * type when s->zones lacks it (zoneinfo unreadable, or a capture without
 * it): buddyinfo and pagetypeinfo print populated zones only
 * (walk_zones_in_node() with assert_populated), so a zone they name is
 * real.  *cap is -1 before the first append, then the room reserved: one
 * zone per line left between cur and end.  -1 when full.  The caller
 * recounts nnodes once it appended. */
int zoneinfo_find_or_add(struct zt_snapshot *s, int node, const char *name,
    const char *cur, const char *end, int *cap);
/* Distinct nodes among s->zones. */
int zoneinfo_count_nodes(const struct zt_snapshot *s);

/* buddyinfo: fills zones[].buddy/norders, matching by node and name;
 * zones must already hold the zoneinfo zones (a buddyinfo zone with no
 * zoneinfo twin is appended, with only its buddy data). */
int buddyinfo_parse(const char *text, size_t len, struct zt_snapshot *s,
    char *why, size_t whylen);

/* pagetypeinfo: allocates zones[].pt, sets s->pageblock_order; a zone
 * with no zoneinfo twin is appended, with only its pt (as buddyinfo). */
int pagetypeinfo_parse(const char *text, size_t len, struct zt_snapshot *s,
    char *why, size_t whylen);

/* "Key:   123 kB" lines (meminfo) into kv, values as printed. */
int meminfo_parse(const char *text, size_t len, struct zt_kvs *kv,
    char *why, size_t whylen);

/* "key 123" lines (vmstat) into kv. */
int vmstat_parse(const char *text, size_t len, struct zt_kvs *kv,
    char *why, size_t whylen);

/* /proc/swaps: allocates *devs (free()), paths unescaped. */
int swaps_parse(const char *text, size_t len, struct zt_swapdev **devs,
    int *ndevs, char *why, size_t whylen);

/* /proc/pressure/memory */
int psi_parse(const char *text, size_t len, struct zt_psi *psi,
    char *why, size_t whylen);

/* A list of integers ("256\t256\t32\t0\n"); returns the count (<= max)
 * or -1. */
int intlist_parse(const char *text, size_t len, int64_t *out, int max);

#endif
