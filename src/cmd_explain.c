/*
 * cmd_explain.c: `zonetop explain [FILE...] [--format text|json]`.  Reads
 * each file (or standard input), finds every report in it (oomreport.c),
 * judges each (explain.c) and prints it as text, wrapped to the terminal,
 * or as JSON Lines, one object per report like batch mode's samples.
 * Text is ASCII (-> for a call chain's arrow) where the locale is not
 * UTF-8, or with --ascii.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "commands.h"
#include "explain.h"
#include "oomreport.h"
#include "util.h"

#define EX_INPUT_MAX	((size_t)256 << 20)	/* a log beyond this is not pasted */

/* The terminal's width when standard output is one, else 0 (no
 * wrapping: scripts see the lines whole). */
static int
ex_tty_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* ------------------------------------------------------------------ */
/* the command */

static const char explain_usage[] =
    "usage: zonetop explain [FILE...|-] [--format text|json] [--ascii]\n"
    "Reads kernel log text (dmesg, journalctl -k, syslog, a pasted report)\n"
    "and explains every OOM-killer report and page allocation failure in it.\n"
    "Each FILE is decoded in turn, under a header of its name when there are\n"
    "several.  With no FILE, or -, reads standard input.  --format json\n"
    "prints one JSON object per report, one per line.  --ascii (or a locale\n"
    "that is not UTF-8) writes a call chain's arrows as ->.\n";

static int
explain_read(FILE *f, struct zt_buf *b, const char *name)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > EX_INPUT_MAX) {
			fprintf(stderr, "zonetop: explain: %s is larger than %zu MiB\n",
			    name, EX_INPUT_MAX >> 20);
			return -1;
		}
		buf_add(b, chunk, n);
	}
	if (ferror(f)) {
		fprintf(stderr, "zonetop: explain: cannot read %s: %s\n", name,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* One report, as text (wrapped to width when > 0; ASCII when ascii) or
 * a JSON line (ASCII always: escaped). */
static void
explain_emit(const struct oom_reports *rs, int i, bool json, int width,
    bool ascii, const char *file)
{
	struct zt_buf out = { 0 }, wrapped = { 0 };
	struct explain e;

	explain_report(&rs->r[i], &e);
	if (json) {
		json_t *j = explain_json(&rs->r[i], &e);
		if (file)
			json_object_set_new(j, "file", json_string(file));
		char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
		if (s) {
			buf_add(&out, s, strlen(s));
			buf_addc(&out, '\n');
			free(s);
		}
		json_decref(j);
	} else {
		if (i > 0)
			buf_addc(&out, '\n');
		explain_text(&rs->r[i], &e, i + 1, rs->n, &out);
		if (ascii && out.p != NULL)
			out.len = strlen(fold_ascii(out.p));
	}
	explain_free(&e);
	if (width > 0) {
		explain_wrap(out.p, out.len, width, &wrapped);
		fwrite(wrapped.p, 1, wrapped.len, stdout);
	} else
		fwrite(out.p, 1, out.len, stdout);
	buf_free(&out);
	buf_free(&wrapped);
}

/* Read and explain one file ("-" or NULL: standard input).  Returns the
 * exit status: 0, 1 no report, 2 unreadable. */
static int
explain_file(const char *file, bool json, int width, bool ascii, bool header)
{
	bool in_stdin = file == NULL || strcmp(file, "-") == 0;
	const char *name = in_stdin ? "standard input" : file;
	struct zt_buf in = { 0 };
	struct oom_reports rs;

	FILE *f = in_stdin ? stdin : fopen(file, "rb");
	if (f == NULL) {
		fprintf(stderr, "zonetop: explain: cannot open %s: %s\n", file,
		    strerror(errno));
		return 2;
	}
	/* a terminal on stdin would look like a hang */
	if (in_stdin && isatty(STDIN_FILENO))
		fprintf(stderr, "zonetop: explain: reading standard input "
		    "(paste the log, then Ctrl-D)\n");
	int r = explain_read(f, &in, name);
	if (f != stdin)
		fclose(f);
	if (r < 0) {
		buf_free(&in);
		return 2;
	}
	oomreport_parse(in.p ? in.p : "", in.len, &rs);
	buf_free(&in);
	if (header && !json)
		printf("==> %s <==\n", name);
	if (rs.n == 0) {
		fprintf(stderr, "zonetop: no OOM report found in %s\n", name);
		oomreport_free(&rs);
		return 1;
	}
	for (int i = 0; i < rs.n; i++)
		explain_emit(&rs, i, json, width, ascii, header ? name : NULL);
	oomreport_free(&rs);
	return 0;
}

int
explain_main(int argc, char **argv)
{
	const char *format = "text";
	const char **files = xcalloc((size_t)argc, sizeof *files);
	int nfiles = 0, rc = 0;
	bool ascii = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "zonetop: explain: %s needs text or json\n", a);
				free(files);
				return 2;
			}
			format = argv[++i];
		} else if (strncmp(a, "--format=", 9) == 0)
			format = a + 9;
		else if (strcmp(a, "--ascii") == 0)
			ascii = true;
		else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(explain_usage, stdout);
			free(files);
			return 0;
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "zonetop: explain: unknown option %s\n%s", a,
			    explain_usage);
			free(files);
			return 2;
		} else
			files[nfiles++] = a;
	}
	bool json = strcmp(format, "json") == 0;
	if (!json && strcmp(format, "text") != 0) {
		fprintf(stderr, "zonetop: explain: --format is text or json, not %s\n",
		    format);
		free(files);
		return 2;
	}
	int width = json ? 0 : ex_tty_width();
	/* a C locale's terminal would show the arrow as '?' */
	if (setlocale(LC_CTYPE, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		ascii = true;
	if (nfiles == 0)
		rc = explain_file(NULL, json, width, ascii, false);
	for (int i = 0; i < nfiles; i++) {
		if (i > 0 && !json)
			putchar('\n');
		int r = explain_file(files[i], json, width, ascii, nfiles > 1);
		if (r > rc)
			rc = r;
	}
	free(files);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "zonetop: explain: cannot write: %s\n", strerror(errno));
		rc = 2;
	}
	return rc;
}
