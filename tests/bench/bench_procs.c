/*
 * bench_procs.c: CPU per sample of every zonetop mode against the floor
 * reader (floor.c), at N extra idle processes, in one run.
 *
 *   bench_procs FLOOR_BIN ZONETOP N...
 *                                     spawn N idle children for each N,
 *                                     measure every mode, print a table,
 *                                     clean up
 *   bench_procs measure MODE RUNS REFRESHES DETAIL
 *                                     one measurement in a fresh process
 *                                     (MODE procs: procs_sample alone;
 *                                     sampler: a whole sampler_take)
 *
 * Each measurement runs in its own process so its VmHWM (peak RSS) is
 * its own; CPU is getrusage user+sys, the median over RUNS runs of
 * REFRESHES refreshes each, after two warm-up refreshes (the first
 * opens every kept fd).  Children pause() and die with their parent
 * (PR_SET_PDEATHSIG); all are killed and reaped before exit.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "parsers.h"
#include "procfs.h"
#include "procs.h"
#include "record.h"
#include "sampler.h"
#include "snapshot.h"
#include "util.h"

#include "bench_util.h"

struct bench {
	int mode;		/* 0 procs, 1 sampler */
	struct procfs *pf;
	struct procs *pr;
	struct sampler *sm;
	struct sampler_opts o;
	struct zt_snapshot prev;
	bool have_prev;
	struct zt_buf buf;
};

static int
bench_refresh(struct bench *b)
{
	char why[ZT_WHY_LEN];
	struct zt_snapshot s;
	int n;

	if (b->mode == 1) {
		sampler_take(b->sm, &s, b->have_prev ? &b->prev : NULL);
		n = s.nprocs_total;
		if (b->have_prev)
			snapshot_free(&b->prev);
		b->prev = s;
		b->have_prev = true;
		return n;
	}
	snapshot_init(&s);
	s.live = true;
	s.page_kb = (int)(sysconf(_SC_PAGESIZE) / 1024);
	if (procfs_read(b->pf, "meminfo", true, &b->buf, why, sizeof why) == 0)
		meminfo_parse(b->buf.p, b->buf.len, &s.meminfo, why, sizeof why);
	procs_sample(b->pr, &s, &b->o);
	n = s.nprocs_total;
	snapshot_free(&s);
	return n;
}

static int
measure(int argc, char **argv)
{
	struct bench b = { 0 };
	char why[ZT_WHY_LEN];
	int runs, per, n = 0;
	long hwm0, slab0;

	if (argc < 6)
		return 2;
	b.mode = strcmp(argv[2], "sampler") == 0;
	runs = atoi(argv[3]);
	per = atoi(argv[4]);
	if (runs < 1 || runs > 99 || per < 1)
		return 2;
	b.o.want_procs = true;
	b.o.detail_rows = atoi(argv[5]);
	b.o.no_bpf = argc > 6 && strcmp(argv[6], "--no-bpf") == 0;
	hwm0 = status_kb("VmHWM:");
	slab0 = file_kb("/proc/meminfo", "SUnreclaim:");
	if (b.mode == 1) {
		b.sm = sampler_open(&b.o, why, sizeof why);
		if (b.sm == NULL) {
			fprintf(stderr, "bench: %s\n", why);
			return 1;
		}
	} else {
		b.pf = procfs_open(NULL, why, sizeof why);
		if (b.pf == NULL || (b.pr = procs_open(b.pf)) == NULL) {
			fprintf(stderr, "bench: %s\n", why);
			return 1;
		}
	}
	bench_refresh(&b);
	bench_refresh(&b);
	long slab1 = file_kb("/proc/meminfo", "SUnreclaim:");
	double *per_run = xcalloc((size_t)runs, sizeof *per_run);
	for (int r = 0; r < runs; r++) {
		double t0 = cpu_ms();
		for (int i = 0; i < per; i++)
			n = bench_refresh(&b);
		per_run[r] = (cpu_ms() - t0) / per;
	}
	qsort(per_run, (size_t)runs, sizeof *per_run, cmp_d);
	int budget = 0, kept = 0;
	if (b.pr)
		kept = procs_kept_fds(b.pr, &budget);
	printf("cpu_ms=%.3f hwm_kb=%ld base_kb=%ld kept=%d procs=%d slab_kb=%ld\n",
	    per_run[runs / 2], status_kb("VmHWM:"), hwm0, kept, n,
	    slab1 - slab0);
	free(per_run);
	if (b.have_prev)
		snapshot_free(&b.prev);
	sampler_close(b.sm);
	procs_close(b.pr);
	procfs_close(b.pf);
	buf_free(&b.buf);
	return 0;
}

/* ---- the real binary, mode by mode ---- */

static const char *zt_bin;
static char self_path[4096];
static char rec_path[64];
static char om_dir[64];	/* --textfile DIR of the resident --openmetrics */

/* Run argv with stdout on /dev/null; its CPU ms and peak RSS (KiB). */
static int
run_usage(char *const argv[], double *cpu, long *rss_kb)
{
	struct rusage ru;
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	*rss_kb = ru.ru_maxrss;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

#define MODE_SAMPLES 30		/* samples beyond the first, per run */
#define MODE_RUNS 3

/* argv template: "%n" is replaced by the sample count. */
static int
mode_usage(const char *const *tmpl, long n, double *cpu, long *rss)
{
	char *argv[24], num[16];
	int i;

	snprintf(num, sizeof num, "%ld", n);
	argv[0] = (char *)zt_bin;
	for (i = 0; tmpl[i] != NULL && i < 22; i++)
		argv[i + 1] = strcmp(tmpl[i], "%n") == 0 ? num : (char *)tmpl[i];
	argv[i + 1] = NULL;
	unlink(rec_path);
	return run_usage(argv, cpu, rss);
}

/* CPU ms per sample after the first (the median over MODE_RUNS of a
 * run of 1 + MODE_SAMPLES samples less a run of 1) and the peak RSS. */
static int
mode_per_sample(const char *const *tmpl, double *ms, long *rss, double *first)
{
	double d[MODE_RUNS], f[MODE_RUNS];

	for (int r = 0; r < MODE_RUNS; r++) {
		double one, many;
		long r1;
		if (mode_usage(tmpl, 1, &one, &r1) < 0 ||
		    mode_usage(tmpl, 1 + MODE_SAMPLES, &many, rss) < 0)
			return -1;
		d[r] = (many - one) / MODE_SAMPLES;
		f[r] = one;
	}
	qsort(d, MODE_RUNS, sizeof *d, cmp_d);
	qsort(f, MODE_RUNS, sizeof *f, cmp_d);
	*ms = d[MODE_RUNS / 2];
	if (first)
		*first = f[MODE_RUNS / 2];
	return 0;
}

/* RssAnon and RssFile (KiB) of a running process, for the note. */
static char live_note[128];

static void
proc_rss_note(pid_t pid)
{
	char path[64], b[256];
	long anon = -1, file = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(b, sizeof b, f)) {
		if (strncmp(b, "RssAnon:", 8) == 0)
			anon = strtol(b + 8, NULL, 10);
		else if (strncmp(b, "RssFile:", 8) == 0)
			file = strtol(b + 8, NULL, 10);
	}
	fclose(f);
	snprintf(live_note, sizeof live_note, "; resident now %.1fM anon + %.1fM "
	    "files (libraries)", (double)anon / 1024.0, (double)file / 1024.0);
}

/* CPU ticks (utime + stime) and VmHWM of a running process. */
static int
proc_cpu(pid_t pid, double *ms, long *hwm)
{
	char path[64], b[2048];
	unsigned long ut = 0, stt = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	if (fgets(b, sizeof b, f) == NULL) {
		fclose(f);
		return -1;
	}
	fclose(f);
	char *p = strrchr(b, ')');
	if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u "
	    "%*u %lu %lu", &ut, &stt) != 2)
		return -1;
	*ms = (double)(ut + stt) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	*hwm = -1;
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(b, sizeof b, f))
			if (strncmp(b, "VmHWM:", 6) == 0)
				*hwm = strtol(b + 6, NULL, 10);
		fclose(f);
	}
	return 0;
}

static void
sleep_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The live screen in a tmux pane, refreshing every 0.25 s (extra: more
 * options, "" none): CPU over 8 s after 2 s of warm-up, per refresh. */
static int
mode_live(const char *extra, double *ms, long *hwm)
{
	char sock[64], cmd[600], b[64];
	double c0, c1;
	pid_t pid = 0;
	FILE *f;
	int rc = -1;

	snprintf(sock, sizeof sock, "zt-bench-%d", (int)getpid());
	snprintf(cmd, sizeof cmd, "TERM=xterm-256color tmux -L %s new-session -d -x 160 "
	    "-y 50 'exec %s -d 0.25 --no-mlock --no-oom-adj %s' && tmux -L %s "
	    "display -p '#{pane_pid}'", sock, zt_bin, extra, sock);
	if ((f = popen(cmd, "r")) != NULL) {
		if (fgets(b, sizeof b, f))
			pid = (pid_t)atoi(b);
		pclose(f);
	}
	if (pid > 0) {
		sleep_s(2.0);
		if (proc_cpu(pid, &c0, hwm) == 0) {
			sleep_s(8.0);
			if (proc_cpu(pid, &c1, hwm) == 0) {
				*ms = (c1 - c0) / (8.0 / 0.25);
				proc_rss_note(pid);
				rc = 0;
			}
		}
	}
	snprintf(cmd, sizeof cmd, "tmux -L %s kill-server 2>/dev/null; rm -f "
	    "/tmp/tmux-%d/%s", sock, (int)getuid(), sock);
	if (system(cmd) != 0)
		(void)0;
	return rc;
}

/* One GET /metrics on 127.0.0.1:port; 0 when a 200 came back whole. */
static int
scrape(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	static const char req[] = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
	char b[65536];
	size_t got = 0;
	ssize_t n;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0 ||
	    write(fd, req, sizeof req - 1) != (ssize_t)(sizeof req - 1)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((n = read(fd, b + (got < 64 ? got : 64), sizeof b - 64)) > 0)
		got += (size_t)n;
	close(fd);
	return got > 12 && strncmp(b, "HTTP/1.", 7) == 0 && strncmp(b + 9, "200", 3) == 0 ? 0 : -1;
}

/* zonetop --listen: CPU per scrape over 20 scrapes, a second apart,
 * after two warm-up scrapes. */
static int
mode_listen(double *ms, long *hwm)
{
	char addr[32];
	int port = 20000 + (int)(getpid() % 20000);
	double c0, c1;
	int rc = -1, ok = 0;
	pid_t pid;

	snprintf(addr, sizeof addr, "127.0.0.1:%d", port);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(fd, 1);
		dup2(fd, 2);
		execl(zt_bin, zt_bin, "--listen", addr, "--no-mlock",
		    "--no-oom-adj", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 50 && scrape(port) < 0; i++)
		sleep_s(0.2);
	sleep_s(1.0);
	scrape(port);
	if (proc_cpu(pid, &c0, hwm) == 0) {
		for (int i = 0; i < 20; i++) {
			sleep_s(1.0);
			ok += scrape(port) == 0;
		}
		if (ok == 20 && proc_cpu(pid, &c1, hwm) == 0) {
			*ms = (c1 - c0) / 20;
			rc = 0;
		}
	}
	kill(pid, SIGTERM);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return rc;
}

/* BENCH_MODES (a comma-separated list of the names below) limits the
 * modes measured; unset, all are */
static bool
want(const char *name)
{
	const char *m = getenv("BENCH_MODES");
	size_t n = strlen(name);

	if (m == NULL || *m == '\0')
		return true;
	for (const char *p = m; (p = strstr(p, name)) != NULL; p += n)
		if ((p == m || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

static void
row(const char *name, double ms, double floor_ms, long rss_kb, const char *note)
{
	if (ms < 0) {
		printf("  %-34s %9s %7s %9s  %s\n", name, "failed", "", "", note);
		return;
	}
	printf("  %-34s %9.2f %6.2fx %7.1fM  %s\n", name, ms, floor_ms > 0 ?
	    ms / floor_ms : 0, (double)rss_kb / 1024.0, note);
}

/* argv template with "--no-bpf" added before its NULL (at most 22). */
static void
nobpf_argv(const char *const *tmpl, const char **out)
{
	int i;

	for (i = 0; tmpl[i] != NULL && i < 20; i++)
		out[i] = tmpl[i];
	out[i++] = "--no-bpf";
	out[i] = NULL;
}

/* A batch mode on both paths: the default (BPF as root) and --no-bpf. */
static void
batch_row(const char *name, const char *const *tmpl, double fl, bool size)
{
	const char *nb[24];
	char label[64], note[200];
	double ms, first;
	long rss;
	struct stat st;

	for (int path = 0; path < 2; path++) {
		const char *const *t = tmpl;
		if (path == 1) {
			nobpf_argv(tmpl, nb);
			t = nb;
		}
		snprintf(label, sizeof label, "%s%s", name, path ? " --no-bpf" : "");
		if (mode_per_sample(t, &ms, &rss, &first) < 0)
			ms = -1;
		snprintf(note, sizeof note, "per sample after the first (whole first "
		    "run %.0f ms)", first);
		if (size && stat(rec_path, &st) == 0)
			snprintf(note, sizeof note, "per sample after the first; %.1f "
			    "KiB/sample of %d", (double)st.st_size / 1024.0 /
			    (1 + MODE_SAMPLES), 1 + MODE_SAMPLES);
		unlink(rec_path);
		row(label, ms, fl, rss, note);
		fflush(stdout);
	}
}

/* One whole --openmetrics run on both paths, median of MODE_RUNS. */
static void
om_row(double fl)
{
	static const char *const om[] = { "--openmetrics", "--no-mlock",
	    "--no-oom-adj", NULL };
	const char *nb[24];
	double d[MODE_RUNS];
	long rss = 0;

	nobpf_argv(om, nb);
	for (int path = 0; path < 2; path++) {
		for (int r = 0; r < MODE_RUNS; r++)
			if (mode_usage(path ? nb : om, 1, &d[r], &rss) < 0)
				d[r] = -1;
		qsort(d, MODE_RUNS, sizeof *d, cmp_d);
		row(path ? "--openmetrics --no-bpf (whole run)" :
		    "--openmetrics (one whole run)", d[MODE_RUNS / 2], fl, rss,
		    "process start, first sample, output");
	}
	fflush(stdout);
}

/* Process start alone: zonetop --version, median of MODE_RUNS. */
static double
start_ms(void)
{
	static const char *const ver[] = { "--version", NULL };
	double d[MODE_RUNS];
	long rss;

	for (int r = 0; r < MODE_RUNS; r++)
		if (mode_usage(ver, 1, &d[r], &rss) < 0)
			d[r] = -1;
	qsort(d, MODE_RUNS, sizeof *d, cmp_d);
	return d[MODE_RUNS / 2];
}

#define SIZE_SAMPLES 40	/* at one a second */

/* The mean compressed size of each frame kind of a recording (the
 * layout in record.h), the first frame left out (a session's start);
 * the number of frames. */
static long
frame_sizes(const char *path, double mean[4])
{
	unsigned char h[40];
	double sum[4] = { 0 };
	long cnt[4] = { 0 }, n = 0;
	FILE *f = fopen(path, "rb");
	long off;

	if (f == NULL)
		return -1;
	if (fread(h, 1, 16, f) != 16) {
		fclose(f);
		return -1;
	}
	off = 16 + (long)(h[12] | h[13] << 8 | h[14] << 16 | (uint32_t)h[15] << 24) + 4;
	while (fseek(f, off, SEEK_SET) == 0 && fread(h, 1, 40, f) == 40) {
		uint32_t clen = h[24] | h[25] << 8 | h[26] << 16 | (uint32_t)h[27] << 24;
		if (n > 0 && h[4] >= 1 && h[4] <= 3) {
			sum[h[4]] += 40 + clen;
			cnt[h[4]]++;
		}
		off += 40 + (long)clen;
		n++;
	}
	fclose(f);
	for (int k = 1; k <= 3; k++)
		mean[k] = cnt[k] ? sum[k] / (double)cnt[k] : 0;
	return n;
}

/* The recording's size per day at one sample a second: a real
 * recording of SIZE_SAMPLES samples a second apart, each frame kind's
 * mean size weighted as a day holds them (record.h: per REC_FULL_EVERY
 * frames one full keyframe, a keyframe every REC_KEY_EVERY, the rest
 * deltas). */
static void
size_row(int nprocs)
{
	const char *rec[] = { "record", rec_path, "-n", "%n", "-d", "1",
	    "--no-mlock", "--no-oom-adj", NULL };
	char label[64], note[200];
	double ms, mean[4], per;
	long rss;

	if (mode_usage(rec, SIZE_SAMPLES, &ms, &rss) < 0 ||
	    frame_sizes(rec_path, mean) < SIZE_SAMPLES / 2 || mean[2] <= 0) {
		row("record size", -1, 0, 0, "");
		unlink(rec_path);
		return;
	}
	if (mean[1] <= 0 || mean[3] <= 0) {	/* too short to hold one */
		row("record size", -1, 0, 0, "no keyframe after the first");
		unlink(rec_path);
		return;
	}
	per = (mean[1] + mean[3] * (REC_FULL_EVERY / REC_KEY_EVERY - 1) +
	    mean[2] * (REC_FULL_EVERY - REC_FULL_EVERY / REC_KEY_EVERY)) /
	    REC_FULL_EVERY;
	snprintf(label, sizeof label, "record size, %d processes", nprocs);
	snprintf(note, sizeof note, "%.2f KiB/sample -> %.0f MiB/day at 1 s (frames "
	    "%.1f/%.1f/%.1f KiB full/key/delta)", per / 1024.0, per * 86400.0 /
	    1048576.0, mean[1] / 1024.0, mean[3] / 1024.0, mean[2] / 1024.0);
	printf("  %-34s %9s %7s %8s  %s\n", label, "", "", "", note);
	unlink(rec_path);
	fflush(stdout);
}

static void
bench_modes(const char *floor_bin, int nprocs)
{
	static const char *const text50[] = { "-b", "-n", "%n", "-d", "0.05",
	    "--top", "50", "--no-mlock", "--no-oom-adj", NULL };
	static const char *const json50[] = { "-b", "-n", "%n", "-d", "0.05",
	    "--format", "json", "--top", "50", "--no-mlock", "--no-oom-adj", NULL };
	static const char *const jsonall[] = { "-b", "-n", "%n", "-d", "0.05",
	    "--format", "json", "--no-mlock", "--no-oom-adj", NULL };
	const char *rec[] = { "record", rec_path, "-n", "%n", "-d", "0.05",
	    "--no-mlock", "--no-oom-adj", NULL };
	const char *omres[] = { "--openmetrics", "--textfile", om_dir, "-n", "%n",
	    "-d", "0.05", "--no-mlock", "--no-oom-adj", NULL };
	char line[512], note[200];
	double fl, ms;
	long rss;
	char *floor_argv[] = { (char *)floor_bin, (char *)"7", (char *)"5",
	    (char *)"50", NULL };

	if (run_capture(floor_argv, line, sizeof line) < 0) {
		printf("  floor failed\n");
		return;
	}
	fl = val(line, "cpu_ms=");
	row("kept-fd floor (50 rows in full)", fl, fl, (long)val(line, "hwm_kb="), "");
	if (want("start")) {
		double st = start_ms();
		row("process start (--version)", st, fl, 0, "");
		printf("  %-34s %9.2f  goal for one whole --openmetrics run\n",
		    "3 x floor + process start", 3 * fl + st);
	}
	for (int path = 0; want("sampler") && path < 2; path++) {
		char *sa_argv[] = { self_path, (char *)"measure", (char *)"sampler",
		    (char *)"7", (char *)"5", (char *)"50",
		    path ? (char *)"--no-bpf" : NULL, NULL };
		if (run_capture(sa_argv, line, sizeof line) == 0)
			row(path ? "live screen's sampler --no-bpf" :
			    "live screen's sampler, in-process", val(line, "cpu_ms="),
			    fl, (long)val(line, "hwm_kb="),
			    "sampler_take, 50 rows (no curses)");
	}
	if (want("live")) {
		live_note[0] = '\0';
		if (mode_live("", &ms, &rss) < 0)
			ms = -1;
		snprintf(note, sizeof note, "per refresh, the real binary%s", live_note);
		row("live screen (-d 0.25, tmux)", ms, fl, rss, note);
		live_note[0] = '\0';
		if (mode_live("--no-bpf", &ms, &rss) < 0)
			ms = -1;
		snprintf(note, sizeof note, "the same, /proc path%s", live_note);
		row("live screen --no-bpf", ms, fl, rss, note);
		fflush(stdout);
	}
	if (want("text50")) {
		if (mode_per_sample(text50, &ms, &rss, NULL) < 0)
			ms = -1;
		row("-b text --top 50", ms, fl, rss, "per sample after the first");
	}
	if (want("json50")) {
		if (mode_per_sample(json50, &ms, &rss, NULL) < 0)
			ms = -1;
		row("-b --format json --top 50", ms, fl, rss, "per sample after the first");
	}
	if (want("jsonall"))
		batch_row("-b --format json (every row)", jsonall, fl, false);
	if (want("record"))
		batch_row("record FILE", rec, fl, true);
	if (want("size"))
		size_row(nprocs);
	if (want("om"))
		om_row(fl);
	if (want("omres"))
		batch_row("--openmetrics --textfile -d", omres, fl, false);
	if (want("listen")) {
		if (mode_listen(&ms, &rss) < 0)
			ms = -1;
		row("--listen (per scrape, 1 s apart)", ms, fl, rss, "sampler thread included");
		fflush(stdout);
	}
}

/* The recording and the textfile directory, removed at the end. */
static void
bench_cleanup(void)
{
	char prom[96];

	unlink(rec_path);
	snprintf(prom, sizeof prom, "%s/zonetop.prom", om_dir);
	unlink(prom);
	rmdir(om_dir);
}

/* The recording's size at 500 processes in all: spawn what is missing. */
static void
size500(void)
{
	int all = 0;

	for (DIR *d = opendir("/proc"); d != NULL; d = NULL) {
		struct dirent *de;
		while ((de = readdir(d)) != NULL)
			all += de->d_name[0] >= '1' && de->d_name[0] <= '9';
		closedir(d);
	}
	if (all >= 500 || spawn_idle(500 - all) < 0)
		return;
	printf("\n%d processes\n", 500);
	size_row(500);
	kill_kids();
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "measure") == 0)
		return measure(argc, argv);
	if (argc < 4) {
		fputs("usage: bench_procs FLOOR_BIN ZONETOP N...\n", stderr);
		return 2;
	}
	zt_bin = argv[2];
	ssize_t sl = readlink("/proc/self/exe", self_path, sizeof self_path - 1);
	if (sl <= 0)
		return 1;
	self_path[sl] = '\0';
	snprintf(rec_path, sizeof rec_path, "/tmp/zt-bench-%d.rec", (int)getpid());
	snprintf(om_dir, sizeof om_dir, "/tmp/zt-bench-%d.om", (int)getpid());
	if (mkdir(om_dir, 0700) < 0) {
		perror(om_dir);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);

	int maxn = 0;
	for (int i = 3; i < argc; i++)
		if (atoi(argv[i]) > maxn)
			maxn = atoi(argv[i]);
	kids = xcalloc((size_t)(maxn > 500 ? maxn : 500) + 1, sizeof *kids);

	printf("CPU ms per sample (getrusage/proc stat user+sys; batch modes: median of "
	    "%d runs, (1+%d samples) - (1 sample)); x = against the kept-fd floor in "
	    "the same run; peak RSS = VmHWM of the process (in-process, live screen, "
	    "--listen) or ru_maxrss of a batch run, which is the largest of the "
	    "process and its children (as root: the BPF loader's ~14 MiB for "
	    "~40 ms at start)\n", MODE_RUNS,
	    MODE_SAMPLES);
	for (int i = 3; i < argc; i++) {
		int n = atoi(argv[i]), all = 0;

		if (spawn_idle(n) < 0) {
			kill_kids();
			bench_cleanup();
			return 1;
		}
		for (DIR *d = opendir("/proc"); d != NULL; d = NULL) {
			struct dirent *de;
			while ((de = readdir(d)) != NULL)
				all += de->d_name[0] >= '1' && de->d_name[0] <= '9';
			closedir(d);
		}
		printf("\nN = %d extra idle processes (%d processes)\n", n, all);
		printf("  %-34s %9s %7s %8s\n", "mode", "CPU ms", "x floor", "peak RSS");
		bench_modes(argv[1], all);
		kill_kids();
	}
	if (want("size"))
		size500();
	bench_cleanup();
	return 0;
}
