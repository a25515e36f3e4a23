/*
 * proc_lib.h: the libproc2 adapter, the only file that includes
 * <libproc2/...>.  It fills the details of the rows the user will see
 * (never the ranking pass: libproc2 stats /proc/PID, reads status twice
 * and oom_score with oom_score_adj for every pid it selects).
 *
 * libproc2 reads /proc itself, so this is for the live system only.
 */
#ifndef ZT_PROC_LIB_H
#define ZT_PROC_LIB_H

#include <stdbool.h>

#include "snapshot.h"

struct proc_lib;

/* NULL when libproc2 cannot be loaded (dlopen: not installed) or
 * initialised (no /proc mounted ...). */
struct proc_lib *proc_lib_open(void);
void proc_lib_close(struct proc_lib *pl);

/*
 * For each of rows[0..n) (pid set), fill user, uid, oom_score_adj,
 * cmdline (raw bytes, NULs made spaces) and cgroup; set got[i] when
 * libproc2 returned the pid.  A pid it did not return (gone, or
 * unreadable) is left untouched for the caller's own reader.  An empty
 * command line comes back as "-" from libproc2: that row's cmdline is
 * left NULL and got_cmdline[i] false so the caller can read it itself.
 * Returns the number of rows filled, -1 when libproc2 failed.
 */
int proc_lib_fill(struct proc_lib *pl, struct zt_proc *rows, int n,
    bool *got, bool *got_cmdline);

#endif
