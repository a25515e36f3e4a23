/*
 * opts.h: the command line, parsed into a plain struct by a pure
 * function (fuzzed; no exits, no printing).
 */
#ifndef ZT_OPTS_H
#define ZT_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "sample_opts.h"

enum zt_mode { ZT_MODE_LIVE, ZT_MODE_BATCH, ZT_MODE_EXPLAIN, ZT_MODE_HELP,
    ZT_MODE_VERSION, ZT_MODE_RECORD, ZT_MODE_REPLAY, ZT_MODE_OPENMETRICS,
    ZT_MODE_PROTECT, ZT_MODE_LISTEN };
enum zt_format { ZT_FMT_TEXT, ZT_FMT_JSON };

#define ZT_MAX_PIDS 64

struct zt_opts {
	int mode;
	int format;
	long count;			/* -n; 0 = forever (batch default 1) */
	double delay;			/* -d seconds */
	bool delay_set;			/* -d was given (it wins over zonetoprc) */
	const char *proc_root, *sys_root;
	long top;			/* --top; -1 default */
	int pids[ZT_MAX_PIDS + 1];	/* -p, 0-terminated */
	const char *user, *cgroup;
	bool no_color, ascii, pagetypeinfo;
	bool openmetrics;		/* --openmetrics */
	const char *textfile;		/* --textfile DIR (with --openmetrics) */
	const char *listen;		/* --listen [ADDR:]PORT */
	const char *replay;		/* -b --replay FILE; replay FILE */
	const char *record;		/* record FILE */
	const char *protect;		/* --protect PID[=ADJ], as given */
	bool no_mlock;			/* --no-mlock: don't lock memory */
	bool no_oom_adj;		/* --no-oom-adj: keep own oom_score_adj */
	bool no_bpf;			/* --no-bpf: read processes from /proc */
	int sub_argc;			/* explain: its own arguments */
	char **sub_argv;
};

/* 0 on success; -1 with a one-line message in err. */
int opts_parse(int argc, char **argv, struct zt_opts *o, char *err,
    size_t errlen);
/* The sampler options the command line asks for. */
struct sampler_opts sampler_opts_from(const struct zt_opts *o);
/* The --help text. */
extern const char opts_usage[];

#endif
