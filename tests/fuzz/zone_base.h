/*
 * zone_base.h: the real zones a harness runs its inputs over, parsed
 * once in LLVMFuzzerInitialize (setup, not what is fuzzed); each input
 * gets a copy of them.  Include after snapshot.h, parsers.h and util.h.
 */
#ifndef ZT_FUZZ_ZONE_BASE_H
#define ZT_FUZZ_ZONE_BASE_H

static struct zt_snapshot zone_base;

/* Parse the zone blocks of a real zoneinfo; abort when they do not
 * parse (the harness would fuzz nothing). */
static void
zone_base_init(const char *zoneinfo)
{
	char why[ZT_WHY_LEN];

	snapshot_init(&zone_base);
	if (zoneinfo_parse(zoneinfo, strlen(zoneinfo), &zone_base, why,
	    sizeof why) != 0 || zone_base.zones[0].pt != NULL)
		abort();
}

/* s = the base, with zones[] (the only part on the heap) its own. */
static void
zone_base_copy(struct zt_snapshot *s)
{
	*s = zone_base;
	s->zones = xreallocarray(NULL, (size_t)zone_base.nzones,
	    sizeof *s->zones);
	memcpy(s->zones, zone_base.zones,
	    (size_t)zone_base.nzones * sizeof *s->zones);
}

#endif
