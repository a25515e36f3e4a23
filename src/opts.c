/*
 * opts.c: command-line parsing.  One table of options drives parsing;
 * the usage text below lists the same options, and a test checks that
 * the man page and --help agree.
 */
#include "opts.h"

#include <errno.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const char opts_usage[] =
"usage: zonetop [OPTIONS]                 live monitor (ncurses)\n"
"       zonetop -b [OPTIONS]              batch output, like top -b\n"
"       zonetop explain [FILE...|-] [--format text|json] [--ascii]\n"
"                                         decode kernel OOM reports in logs\n"
"       zonetop record FILE [-d SECONDS] [-n COUNT]\n"
"                                         append samples to a recording\n"
"       zonetop replay FILE               the live screen on a recording\n"
"       zonetop -b --replay FILE [--format text|json]\n"
"       zonetop --openmetrics [--textfile DIR] [-d SECONDS [-n COUNT]]\n"
"                                         samples for Prometheus\n"
"       zonetop --listen [ADDR:]PORT      serve /metrics to Prometheus\n"
"       zonetop --protect PID[=ADJ]       set a process's oom_score_adj\n"
"\n"
"Shows every memory zone's free pages against its min/low/high watermarks\n"
"and lowmem reserve, buddy fragmentation, swap, pressure, commit, and the\n"
"processes the OOM killer would pick next, by the kernel's own points for\n"
"this kernel's version (rss + swap + page tables + adj x totalpages/1000),\n"
"ties in its scan order, in every scope: the machine and each memory\n"
"cgroup with a limit (its totalpages: limit + swap allowance).  Processes\n"
"are read in one pass through a BPF task iterator where it loads: root\n"
"with CAP_BPF and CAP_PERFMON or CAP_SYS_ADMIN, kernel 5.8+ with BTF;\n"
"otherwise, or with --no-bpf, from /proc.\n"
"\n"
"Options:\n"
"  -b, --batch            print samples instead of the live screen\n"
"  -n, --iterations N     samples to take, 0 = forever (default: 1 in batch and\n"
"                         --openmetrics, forever in record and --openmetrics -d)\n"
"  -d, --delay SECONDS    interval between samples, 0.05 to 86400 (default 2)\n"
"      --format FMT       batch format: text (default) or json (JSON Lines)\n"
"      --proc-root DIR    read a capture laid out like /proc (default /proc)\n"
"      --sys-root DIR     read a capture laid out like /sys (default /sys)\n"
"      --top N            candidate rows (default 20 in text, all in json)\n"
"  -p, --pid PID[,PID..]  only these processes in the candidates\n"
"  -u, --user USER        only this user's processes (a name or a uid)\n"
"      --cgroup PATH      rank inside a memory cgroup, by its own limit; its\n"
"                         limits, usage, events, members and next victim\n"
"      --pagetypeinfo     batch: also read pagetypeinfo (costly, root only)\n"
"      --replay FILE      batch: print a recording instead of sampling\n"
"      --openmetrics      print one sample in the OpenMetrics text format; with\n"
"                         -d, one every SECONDS from a resident sampler\n"
"      --textfile DIR     with --openmetrics: write DIR/zonetop.prom atomically\n"
"      --listen [ADDR:]PORT  serve /metrics (OpenMetrics) from a resident\n"
"                         sampler; ADDR defaults to 127.0.0.1\n"
"      --protect PID[=ADJ]  write oom_score_adj ADJ (default -1000) safely\n"
"      --no-mlock         do not lock zonetop's memory (under a finite\n"
"                         RLIMIT_MEMLOCK only its code and data are locked)\n"
"      --no-oom-adj       do not lower zonetop's own oom_score_adj to -999\n"
"      --no-bpf           read processes from /proc, not the BPF task iterator\n"
"      --no-color         monochrome screen (also when NO_COLOR is set)\n"
"      --ascii            ASCII bars instead of Unicode blocks\n"
"  -h, --help             this help\n"
"  -V, --version          version\n";

enum { A_NONE, A_LONG, A_DOUBLE, A_STR, A_PIDS, A_FORMAT };

struct optdef {
	char shrt;
	const char *lng;
	int arg;
	size_t off;		/* into struct zt_opts */
	int set_mode;		/* -1: none */
};

#define OFF(f) offsetof(struct zt_opts, f)
static const struct optdef optdefs[] = {
	{ 'b', "batch", A_NONE, 0, ZT_MODE_BATCH },
	{ 'n', "iterations", A_LONG, OFF(count), -1 },
	{ 'd', "delay", A_DOUBLE, OFF(delay), -1 },
	{ 0, "format", A_FORMAT, OFF(format), -1 },
	{ 0, "proc-root", A_STR, OFF(proc_root), -1 },
	{ 0, "sys-root", A_STR, OFF(sys_root), -1 },
	{ 0, "top", A_LONG, OFF(top), -1 },
	{ 'p', "pid", A_PIDS, OFF(pids), -1 },
	{ 'u', "user", A_STR, OFF(user), -1 },
	{ 0, "cgroup", A_STR, OFF(cgroup), -1 },
	{ 0, "pagetypeinfo", A_NONE, OFF(pagetypeinfo), -1 },
	{ 0, "no-color", A_NONE, OFF(no_color), -1 },
	{ 0, "ascii", A_NONE, OFF(ascii), -1 },
	{ 0, "replay", A_STR, OFF(replay), -1 },
	{ 0, "openmetrics", A_NONE, 0, ZT_MODE_OPENMETRICS },
	{ 0, "textfile", A_STR, OFF(textfile), -1 },
	{ 0, "listen", A_STR, OFF(listen), -1 },
	{ 0, "protect", A_STR, OFF(protect), -1 },
	{ 0, "no-mlock", A_NONE, OFF(no_mlock), -1 },
	{ 0, "no-oom-adj", A_NONE, OFF(no_oom_adj), -1 },
	{ 0, "no-bpf", A_NONE, OFF(no_bpf), -1 },
	{ 'h', "help", A_NONE, 0, ZT_MODE_HELP },
	{ 'V', "version", A_NONE, 0, ZT_MODE_VERSION },
};

static int
set_value(const struct optdef *d, const char *name, const char *val,
    struct zt_opts *o, char *err, size_t errlen)
{
	char *dst = (char *)o + d->off, *end;

	switch (d->arg) {
	case A_LONG: {
		errno = 0;
		long v = strtol(val, &end, 10);
		if (errno || end == val || *end || v < 0 || v > 1000000000L) {
			snprintf(err, errlen, "%s: not a count: '%.40s'", name, val);
			return -1;
		}
		memcpy(dst, &v, sizeof v);
		break;
	}
	case A_DOUBLE: {
		errno = 0;
		double v = strtod(val, &end);
		if (errno || end == val || *end || !isfinite(v) ||
		    v < ZT_INTERVAL_MIN || v > ZT_INTERVAL_MAX) {
			snprintf(err, errlen, "%s: seconds from 0.05 to 86400, not '%.40s'",
			    name, val);
			return -1;
		}
		memcpy(dst, &v, sizeof v);
		break;
	}
	case A_STR:
		if (*val == '\0') {
			snprintf(err, errlen, "%s: empty argument", name);
			return -1;
		}
		memcpy(dst, &val, sizeof val);
		break;
	case A_FORMAT:
		if (strcmp(val, "text") == 0)
			o->format = ZT_FMT_TEXT;
		else if (strcmp(val, "json") == 0)
			o->format = ZT_FMT_JSON;
		else {
			snprintf(err, errlen, "%s: text or json, not '%.40s'", name, val);
			return -1;
		}
		break;
	case A_PIDS: {
		int n = 0;
		while (o->pids[n] != 0)
			n++;
		const char *p = val;
		for (;;) {
			int64_t v;
			if (!parse_i64(&p, &v) || v <= 0 || v > 4194304) {
				snprintf(err, errlen, "%s: not a pid list: '%.40s'", name, val);
				return -1;
			}
			if (n == ZT_MAX_PIDS) {
				snprintf(err, errlen, "%s: at most %d pids", name, ZT_MAX_PIDS);
				return -1;
			}
			o->pids[n++] = (int)v;
			o->pids[n] = 0;
			if (*p == '\0')
				break;
			if (*p != ',') {
				snprintf(err, errlen, "%s: not a pid list: '%.40s'", name, val);
				return -1;
			}
			p++;
		}
		break;
	}
	}
	return 0;
}

static const struct optdef *
find_opt(const char *arg, const char **inline_val, size_t *namelen)
{
	*inline_val = NULL;
	if (arg[1] == '-') {
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		for (size_t i = 0; i < ZT_ARRAY_LEN(optdefs); i++) {
			const char *l = optdefs[i].lng;
			if (strlen(l) == n && strncmp(l, name, n) == 0) {
				if (eq)
					*inline_val = eq + 1;
				*namelen = n + 2;
				return &optdefs[i];
			}
		}
		return NULL;
	}
	for (size_t i = 0; i < ZT_ARRAY_LEN(optdefs); i++) {
		if (optdefs[i].shrt && optdefs[i].shrt == arg[1]) {
			if (arg[2] != '\0')
				*inline_val = arg + 2;
			*namelen = 2;
			return &optdefs[i];
		}
	}
	return NULL;
}

/* -u names a user this machine knows, or a uid: an unknown name would
 * show an empty list as if the user ran nothing.  A capture's names are
 * not this machine's: it takes uids only. */
static int
opts_check_user(const struct zt_opts *o, char *err, size_t errlen)
{
	struct passwd pw, *res = NULL;
	char b[1024], esc[64];
	int64_t uid;

	if (parse_i64_str(o->user, &uid) && uid >= 0)
		return 0;
	escape_text(esc, sizeof esc, o->user, strlen(o->user));
	if (o->proc_root != NULL) {
		snprintf(err, errlen, "-u '%s': a capture (--proc-root) takes a "
		    "uid, not a user name", esc);
		return -1;
	}
	if (getpwnam_r(o->user, &pw, b, sizeof b, &res) != 0 || res == NULL) {
		snprintf(err, errlen, "-u '%s': no such user (a user name or "
		    "a uid)", esc);
		return -1;
	}
	return 0;
}

int
opts_parse(int argc, char **argv, struct zt_opts *o, char *err, size_t errlen)
{
	memset(o, 0, sizeof *o);
	o->mode = ZT_MODE_LIVE;
	o->count = -1;
	o->delay = 0;		/* not given; 2 below */
	o->top = -1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val;
		size_t namelen;
		char name[48];

		if (a == NULL)
			break;
		if (i == 1 && strcmp(a, "explain") == 0) {
			o->mode = ZT_MODE_EXPLAIN;
			o->sub_argc = argc - 1;
			o->sub_argv = argv + 1;
			return 0;
		}
		if (i == 1 && (strcmp(a, "record") == 0 || strcmp(a, "replay") == 0)) {
			if (argc < 3 || argv[2] == NULL || argv[2][0] == '\0') {
				snprintf(err, errlen, "%s needs a FILE", a);
				return -1;
			}
			if (a[2] == 'c') {
				o->mode = ZT_MODE_RECORD;
				o->record = argv[2];
			} else {
				o->mode = ZT_MODE_REPLAY;
				o->replay = argv[2];
			}
			i = 2;
			continue;
		}
		if (a[0] != '-' || a[1] == '\0') {
			snprintf(err, errlen, "unexpected argument '%.40s' (see --help)", a);
			return -1;
		}
		const struct optdef *d = find_opt(a, &val, &namelen);
		if (d == NULL) {
			snprintf(err, errlen, "unknown option '%.40s' (see --help)", a);
			return -1;
		}
		snprintf(name, sizeof name, "%.*s", (int)(namelen < 40 ? namelen : 40), a);
		if (d->arg == A_NONE) {
			if (val != NULL) {
				snprintf(err, errlen, "%s takes no value", name);
				return -1;
			}
			if (d->set_mode >= 0) {
				/* help and version win over batch */
				if (o->mode != ZT_MODE_HELP && o->mode != ZT_MODE_VERSION)
					o->mode = d->set_mode;
			} else
				*((bool *)((char *)o + d->off)) = true;
			continue;
		}
		if (val == NULL) {
			if (i + 1 >= argc || argv[i + 1] == NULL) {
				snprintf(err, errlen, "%s needs a value", name);
				return -1;
			}
			val = argv[++i];
		}
		if (set_value(d, name, val, o, err, errlen) < 0)
			return -1;
	}
	if (o->user != NULL && opts_check_user(o, err, errlen) < 0)
		return -1;
	if (o->protect && o->mode == ZT_MODE_LIVE)
		o->mode = ZT_MODE_PROTECT;
	if (o->listen && o->mode == ZT_MODE_LIVE)
		o->mode = ZT_MODE_LISTEN;
	if (o->textfile && o->mode != ZT_MODE_OPENMETRICS) {
		snprintf(err, errlen, "--textfile goes with --openmetrics");
		return -1;
	}
	if (o->replay && o->mode == ZT_MODE_LIVE)
		o->mode = ZT_MODE_REPLAY;
	/* batch prints one sample unless told; --openmetrics too, and with
	 * -d alone it keeps writing (resident) until stopped */
	if (o->count < 0) {
		if (o->mode == ZT_MODE_BATCH && !o->replay)
			o->count = 1;
		else if (o->mode == ZT_MODE_OPENMETRICS)
			o->count = o->delay > 0 ? 0 : 1;
		else
			o->count = 0;
	}
	o->delay_set = o->delay > 0;
	if (!o->delay_set)
		o->delay = 2.0;
	return 0;
}

struct sampler_opts
sampler_opts_from(const struct zt_opts *o)
{
	struct sampler_opts so = {
		.proc_root = o->proc_root,
		.sys_root = o->sys_root,
		.want_procs = true,
		.want_pagetypeinfo = o->pagetypeinfo,
		.detail_rows = -1,
		.filter_user = o->user,
		.filter_pids = o->pids[0] ? o->pids : NULL,
		.filter_cgroup = o->cgroup,
		.no_bpf = o->no_bpf,
	};
	/* the top rows only are printed: read details just for those */
	if (!o->user && !o->pids[0] && !o->cgroup) {
		if (o->format == ZT_FMT_TEXT)
			so.detail_rows = o->top >= 0 ? (int)o->top : 20;
		else if (o->top >= 0)
			so.detail_rows = (int)o->top;
	}
	return so;
}
