/*
 * procs_parse.h: pure readers of /proc/PID/stat, status and cmdline
 * (procs_parse.c), exposed for the processes reader, its cache, the
 * libproc2 adapter, the tests and the fuzzer.  Text need not be
 * NUL-terminated.
 */
#ifndef ZT_PROCS_PARSE_H
#define ZT_PROCS_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "badness.h"
#include "snapshot.h"

#define PROCS_CMDLINE_MAX 65536	/* command lines are cut here */

/* What /proc/PID/stat says that the ranking pass needs. */
struct procs_stat {
	int pid;
	char comm[64];			/* raw bytes */
	char state;
	int64_t ppid;
	uint64_t flags;			/* PF_* */
	uint64_t start_time;		/* clock ticks after boot */
};
int procs_parse_stat(const char *text, size_t len, struct procs_stat *st);

/* /proc/PID/status into p: comm (Name, the kernel's \n and \\ escapes
 * undone), state, uid (effective), rss_kb, swap_kb, pgtables_kb.  Lines
 * absent leave their field untouched.  -1 when no Name line. */
int procs_parse_status(const char *text, size_t len, struct zt_proc *p);

/* /proc/PID/status into the oom_badness() inputs of t (badness.h):
 * RssAnon/RssFile/RssShmem (VmRSS before 4.5), VmSwap, VmPTE (+ VmPMD),
 * the effective uid, CAP_SYS_ADMIN from CapEff, BADNESS_F_VICTIM when
 * SIGKILL is pending (SigPnd/ShdPnd: being killed), and BADNESS_F_NO_MM
 * when no VmRSS line is printed.  Counters not printed stay BADNESS_NA;
 * flags are added to, never cleared, except NO_MM.  -1 when no Name
 * line. */
int procs_parse_badness(const char *text, size_t len, int page_kb,
    struct badness_task *t);

/* /proc/loadavg ("0.00 0.01 0.05 1/234 5678\n"): the last pid the
 * reader's pid namespace handed out (its fifth field).  -1 when the text
 * is not five fields ending in a non-negative integer. */
int procs_parse_last_pid(const char *text, size_t len, int64_t *pid);

/* /proc/PID/cmdline bytes: NULs made spaces, trailing NULs dropped, cut
 * at PROCS_CMDLINE_MAX.  malloc'd; NULL when empty. */
char *procs_cmdline(const char *raw, size_t len);

#endif
