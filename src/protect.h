/*
 * protect.h: changing a process's oom_score_adj, safely, for the monitor
 * (keys p/e/u) and for scripts (zonetop --protect PID[=ADJ]).
 *
 * A protect_target is taken from the sample a row came from and holds
 * the process itself, not its number: an fd on its /proc/PID directory
 * and, where the kernel has them (5.3+), a pidfd.  Both are opened, then
 * the start time read through the directory fd is checked against the
 * sample's, then the pidfd is checked to be still running: from then on
 * the two fds name the chosen process, and a write through the directory
 * fd fails (ESRCH/ENOENT) once that process is gone, even when its pid
 * has been reused.  Nothing is ever written by pid number.
 *
 * The rest is pure: parsing of "PID[=ADJ]", the log of values zonetop
 * changed (so `u` can restore them), the re-ranking preview the
 * confirmation shows, and the advice that makes a protection last
 * (a systemd drop-in or choom).
 */
#ifndef ZT_PROTECT_H
#define ZT_PROTECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "procfs.h"
#include "snapshot.h"

#define PROTECT_ADJ_MIN	    (-1000)	/* OOM_SCORE_ADJ_MIN: never killed */
#define PROTECT_ADJ_MAX	    1000
#define PROTECT_ADJ_DEFAULT (-1000)
#define PROTECT_ANY_START   UINT64_MAX	/* protect_open: no start time known */
#define PROTECT_ERR_LEN	    128		/* enough for every message below */

/* What went wrong; every failure also writes one line into err. */
enum protect_status {
	PROTECT_OK = 0,
	PROTECT_ERR_RANGE = -1,	/* "value out of range (-1000..1000)" */
	PROTECT_ERR_PERM = -2,	/* "not permitted: ..." */
	PROTECT_ERR_GONE = -3,	/* "process gone", "process gone (pid reused)" */
	PROTECT_ERR_OTHER = -4,	/* a capture, an I/O error, ... */
};

/* The process a change is for, held open.  Initialise with
 * protect_target_init(), release with protect_close(). */
struct protect_target {
	int pid;
	uint64_t start_time;	/* stat field 22, as sampled */
	char comm[64];		/* raw bytes; escape before display */
	int dirfd;		/* /proc/PID, -1 when not open */
	int pidfd;		/* -1 where pidfd_open is missing */
};

void protect_target_init(struct protect_target *t);
/* Take hold of pid.  start_time: the sample's (zt_proc.start_time), or
 * PROTECT_ANY_START to accept the process that has the pid now (the
 * command line).  Refuses a capture (not the running system), a thread
 * id, a gone process and one whose start time differs ("process gone
 * (pid reused)").  Returns a protect_status. */
int protect_open(struct procfs *pf, int pid, uint64_t start_time,
    struct protect_target *t, char *err, size_t errlen);
/* The same for a candidate row of a snapshot. */
int protect_open_row(struct procfs *pf, const struct zt_proc *row,
    struct protect_target *t, char *err, size_t errlen);
void protect_close(struct protect_target *t);

/* Is the held process still the chosen one and alive?  PROTECT_OK or
 * PROTECT_ERR_GONE. */
int protect_check(struct protect_target *t, char *err, size_t errlen);
/* Its command line as /proc/PID/cmdline has it (NUL-separated), read
 * through the held directory into out; -1 when it cannot be read. */
int protect_read_argv(struct protect_target *t, struct zt_buf *out);
/* Does this zonetop hold CAP_SYS_RESOURCE (needed to lower a value
 * below the process's minimum, usually 0)?  true when unknown. */
bool protect_have_cap_resource(void);
/* Its oom_score_adj now, read through the held directory. */
int protect_read(struct protect_target *t, int *adj, char *err,
    size_t errlen);
/* Check, write adj through the held directory, read it back.  *old_adj
 * and *new_adj (either may be NULL) get the values before and after;
 * a read-back that differs from adj is PROTECT_ERR_OTHER. */
int protect_write(struct protect_target *t, int adj, int *old_adj,
    int *new_adj, char *err, size_t errlen);

/* Pure: "PID" or "PID=ADJ" (ADJ defaults to -1000); -1 and err when the
 * text is not that, pid <= 0, or ADJ is outside -1000..1000. */
int protect_parse_arg(const char *arg, int *pid, int *adj, char *err,
    size_t errlen);
/* Pure: an ADJ typed at the `e` prompt: "-500", "+200", "0". */
int protect_parse_adj(const char *s, int *adj, char *err, size_t errlen);

/*
 * The values zonetop changed, so `u` can put them back.  Owned by the
 * caller (the UI's state); zero-initialise it, free with
 * protect_log_free().  A process is known by pid and start time.
 */
struct protect_change {
	int pid;
	uint64_t start_time;
	int original;		/* the value before zonetop's first change */
	int written;		/* what zonetop last wrote (read back) */
	char *keep;		/* how to keep it beyond the process (text,
				   owned), NULL: none said */
};

struct protect_log {
	int n, cap;
	struct protect_change *v;
};

/* Record a change; the first original of a process is kept. */
void protect_remember(struct protect_log *l, int pid, uint64_t start_time,
    int original, int written);
/* The value before zonetop changed it: true and *original, or false. */
bool protect_original(const struct protect_log *l, int pid,
    uint64_t start_time, int *original);
/* The entry for a process (the row mark "changed by zonetop"), or NULL. */
const struct protect_change *protect_find(const struct protect_log *l,
    int pid, uint64_t start_time);
/* Set (replace) the entry's advice on keeping the value: a copy of
 * text.  No entry: nothing. */
void protect_set_keep(struct protect_log *l, int pid, uint64_t start_time,
    const char *text);
/* Drop a process's entry (after `u` restored it). */
void protect_forget(struct protect_log *l, int pid, uint64_t start_time);
void protect_log_free(struct protect_log *l);

/*
 * Pure: what the kernel's oom_score of row would be with oom_score_adj
 * new_adj (proc_oom_score(), fs/proc/base.c), from its badness pages
 * and s->totalpages when known, else from its score_adj0 or current
 * oom_score and adj.  -1000 gives 0, and so does any adj for a row the
 * kernel excludes otherwise (!killable with adj > -1000: the global
 * init).  The formula (3.x-5.8 or 5.9+) is recognised from the
 * snapshot's own rows (procs_guess_formula; 5.9+ when undecided).
 * ZT_NA when nothing is known.
 */
int64_t protect_estimate_score(const struct zt_snapshot *s,
    const struct zt_proc *row, int new_adj);
/*
 * Pure: re-rank s as if pid's oom_score_adj were new_adj, with its
 * estimated score, by the sample's own rules (procs_rank: score, then
 * pid): *new_rank is its rank (1 = first) and *new_victim_pid the
 * predicted victim of the new order (0 none).  -1 when pid is not in s.
 */
int protect_preview(const struct zt_snapshot *s, int pid, int new_adj,
    int *new_rank, int *new_victim_pid);

/* How to make a value last beyond the life of the process. */
enum protect_advice_kind {
	PROTECT_ADVICE_CHOOM,		/* not a service: start it under choom */
	PROTECT_ADVICE_SYSTEM_UNIT,	/* a system service: drop-in */
	PROTECT_ADVICE_USER_UNIT,	/* a user manager's service: drop-in */
	PROTECT_ADVICE_CONTAINER,	/* docker/podman/containerd: its flag */
};

struct protect_advice {
	int kind;			/* enum protect_advice_kind */
	int adj;
	char unit[160];			/* "nginx.service", "" */
	char path[224];			/* drop-in file, "" */
	char body[48];			/* "[Service]\nOOMScoreAdjust=-1000\n" */
	char command[1024];		/* what to run afterwards or instead;
					   choom's is shell-quoted */
	char note[160];			/* one more line, or "" */
};

/*
 * Pure: advice for a process from its cgroup: a path ("/system.slice/
 * nginx.service", zt_proc.cgroup) or the whole /proc/PID/cgroup text
 * (the name=systemd line is preferred, then "0::", then any).  argv:
 * the process's command line as /proc/PID/cmdline has it (arguments
 * ended by NULs), argvlen bytes, for the choom example; NULL unknown.
 */
void protect_advise(const char *cgroup, const char *argv, size_t argvlen,
    int adj, struct protect_advice *a);
/* The advice as text lines, untrusted bytes escaped, into out. */
void protect_advice_text(const struct protect_advice *a, struct zt_buf *out);

#endif
