/*
 * playback.c: the state of a replay and of `w` (struct ui_replay,
 * struct ui_record in the view) and the pure helpers on it: stepping
 * inside the recording, how long a frame stays at a speed, what the
 * go-to prompt means, where `w` writes, which event is "here".  No
 * view, no curses, no files; times are local, as the header's clock.
 */
#include "playback.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/arith.h"
#include "../src/util.h"

const int replay_speeds[REPLAY_NSPEEDS] = { 1, 10, 60 };

void
replay_init(struct ui_replay *rp)
{
	memset(rp, 0, sizeof *rp);
	rp->frame = -1;
	rp->speed = replay_speeds[0];
}

void
replay_free(struct ui_replay *rp)
{
	free(rp->ev);
	rp->ev = NULL;
	rp->nev = 0;
}

void
replay_set_events(struct ui_replay *rp, struct rec_event *ev, long n)
{
	free(rp->ev);
	rp->ev = ev;
	rp->nev = n;
}

/* ---- pure helpers ---- */

long
replay_step(long frame, long delta, long frames)
{
	long to;

	if (frames <= 0)
		return -1;
	/* no overflow: delta is a step or a page */
	to = frame + delta;
	if (to < 0)
		to = 0;
	if (to > frames - 1)
		to = frames - 1;
	return to;
}

double
replay_wait(double gap, int speed)
{
	double w;

	if (speed < 1)
		speed = 1;
	/* a clock stepped back between sessions: move on at once */
	if (!(gap > 0))
		return REPLAY_MIN_WAIT;
	w = gap / speed;
	if (w > REPLAY_MAX_WAIT)
		w = REPLAY_MAX_WAIT;
	if (w < REPLAY_MIN_WAIT)
		w = REPLAY_MIN_WAIT;
	return w;
}

/* Does strptime() take all of text with fmt? */
static bool
parse_tm(const char *text, const char *fmt, struct tm *tm)
{
	const char *end;

	memset(tm, 0, sizeof *tm);
	end = strptime(text, fmt, tm);
	return end != NULL && *end == '\0';
}

/* A time of day on the day of at, the day before or the day after,
 * whichever is nearest at. */
static struct timespec
nearest_day(const struct tm *hms, const struct timespec *at)
{
	struct tm day;
	time_t a = at->tv_sec, best = 0;
	double bestd = INFINITY;

	localtime_r(&a, &day);
	for (int d = -1; d <= 1; d++) {
		struct tm c = day;
		time_t t;

		c.tm_mday += d;
		c.tm_hour = hms->tm_hour;
		c.tm_min = hms->tm_min;
		c.tm_sec = hms->tm_sec;
		c.tm_isdst = -1;
		t = mktime(&c);
		if (t != (time_t)-1 && fabs(difftime(t, a)) < bestd) {
			bestd = fabs(difftime(t, a));
			best = t;
		}
	}
	return (struct timespec){ best, 0 };
}

int
replay_parse_goto(const char *text, const struct timespec *at,
    struct timespec *t, long *frame, char *why, size_t whylen)
{
	static const char *const dates[] = {
		"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
		"%Y-%m-%dT%H:%M",
	};
	char buf[64], esc[96];
	size_t n;
	struct tm tm;
	const char *p = text;

	while (*p == ' ')
		p++;
	n = strlcpy0(buf, p, sizeof buf);
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	if (buf[0] == '#') {
		int64_t v;
		if (parse_i64_str(buf + 1, &v) && v >= 1 && v <= 1000000000) {
			*frame = (long)v - 1;
			return 2;
		}
	} else if (buf[0] == '+' || buf[0] == '-') {
		char *end;
		double v = strtod(buf, &end), unit = 1;

		if (*end == 'm')
			unit = 60;
		else if (*end == 'h')
			unit = 3600;
		if (*end == 's' || unit > 1)
			end++;
		if (end != buf + 1 && *end == '\0' && isfinite(v) &&
		    fabs(v * unit) < 1e9) {
			/* in nanoseconds: a double of the epoch loses them */
			int64_t ns = (int64_t)at->tv_sec * 1000000000 + at->tv_nsec +
			    arith_lround(v * unit * 1e9);
			t->tv_sec = (time_t)(ns / 1000000000);
			t->tv_nsec = (long)(ns % 1000000000);
			if (t->tv_nsec < 0) {
				t->tv_sec--;
				t->tv_nsec += 1000000000;
			}
			return 1;
		}
	} else {
		for (size_t i = 0; i < ZT_ARRAY_LEN(dates); i++) {
			if (parse_tm(buf, dates[i], &tm)) {
				time_t x;
				tm.tm_isdst = -1;
				x = mktime(&tm);
				if (x == (time_t)-1)
					break;
				*t = (struct timespec){ x, 0 };
				return 1;
			}
		}
		if (parse_tm(buf, "%H:%M:%S", &tm) || parse_tm(buf, "%H:%M", &tm)) {
			*t = nearest_day(&tm, at);
			return 1;
		}
	}
	escape_text(esc, sizeof esc, text, strlen(text));
	snprintf(why, whylen, "not a time: '%.40s' (HH:MM:SS, YYYY-mm-dd HH:MM:SS, "
	    "+N or -N [s|m|h], #sample)", esc);
	return -1;
}

void
replay_record_path(char *buf, size_t len, const struct zt_snapshot *s)
{
	char host[66], when[32] = "00000000-000000";
	size_t n = 0;
	struct tm tm;

	if (s != NULL) {
		time_t t = s->when.tv_sec;
		for (const char *h = s->hostname; *h && n < sizeof host - 1; h++) {
			char c = *h;
			bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			    (c == '.' && n > 0);
			host[n++] = c;
			if (!safe)
				host[n - 1] = '_';
		}
		if (localtime_r(&t, &tm) != NULL)
			strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
	}
	host[n] = '\0';
	snprintf(buf, len, "./zonetop-%s-%s.ztrec", n ? host : "host", when);
}

/* The newest event at or before frame, else the first. */
int
replay_timeline_here(const struct ui_replay *rp)
{
	int sel = 0;

	for (long i = 0; i < rp->nev; i++)
		if (rp->ev[i].frame <= rp->frame)
			sel = (int)i;
	return sel;
}

const char *
replay_clock(char *buf, size_t len, const struct timespec *t, bool date)
{
	struct tm tm;
	time_t x = t->tv_sec;

	if (t->tv_sec == 0 || localtime_r(&x, &tm) == NULL) {
		strlcpy0(buf, "--:--:--", len);
		return buf;
	}
	strftime(buf, len, date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm);
	return buf;
}
