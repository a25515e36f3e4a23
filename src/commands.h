/*
 * commands.h: the entry points main() dispatches to, one per mode.  Each
 * returns the process exit status (0 ok, 1 failure, 2 usage error) and
 * prints its own one-line errors.
 */
#ifndef ZT_COMMANDS_H
#define ZT_COMMANDS_H

#include "opts.h"
#include "sampler.h"

int explain_main(int argc, char **argv);	/* cmd_explain.c: argv[0] "explain" */
int batch_main(const struct zt_opts *o);	/* cmd_batch.c: -b */
int record_main(const struct zt_opts *o);	/* cmd_record.c: record FILE */
int replay_batch(const struct zt_opts *o);	/* cmd_replay.c: -b --replay FILE */
int protect_main(const struct zt_opts *o);	/* cmd_protect.c: --protect PID[=ADJ] */
int openmetrics_main(const struct zt_opts *o);	/* cmd_openmetrics.c */
int listen_main(const struct zt_opts *o);	/* cmd_listen.c: --listen */

#endif
