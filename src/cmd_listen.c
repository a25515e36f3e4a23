/*
 * cmd_listen.c: `zonetop --listen [ADDR:]PORT`: a Prometheus exporter.
 * A resident sampler (the shared loop, on the main thread; its kept fds
 * stay open between scrapes) and libmicrohttpd serving GET /metrics in
 * the OpenMetrics text format (om_out.c), a thread per connection.
 *
 * A scrape asks the sampler for a fresh sample and waits for it until a
 * deadline (the scrape timeout Prometheus sends, less a margin; 2 s
 * without one), then serves the last completed sample whatever happened:
 * a slow /proc read never holds a scrape past its timeout.  Without
 * scrapes the sampler wakes every -d SECONDS (default 60).  Binds
 * 127.0.0.1 unless told otherwise; other methods get 405, other paths
 * 404, a request too large for a connection's 16 KiB 431 or 413
 * (libmicrohttpd's own answers), and nothing a client sends is parsed
 * by hand but the scrape-timeout header (httpaddr.c, fuzzed).
 *
 * libmicrohttpd is loaded with dlopen() here, not linked: it brings
 * GnuTLS and a dozen more libraries whose pages would add 2.6 MiB to the
 * resident size of every other mode, the live screen included.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "commands.h"
#include "httpaddr.h"
#include "loop.h"
#include "output.h"
#include "util.h"

#define EX_CONTENT_TYPE "application/openmetrics-text; version=1.0.0; charset=utf-8"
#define EX_IDLE_S	60.0	/* between samples without scrapes */
#define EX_WAIT_S	2.0	/* a scrape's wait without a timeout header */
#define EX_MARGIN_S	0.5	/* of the scrape timeout, left for the reply */

/* The libmicrohttpd functions used, from dlopen(). */
static struct {
	struct MHD_Daemon *(*start)(unsigned int, uint16_t,
	    MHD_AcceptPolicyCallback, void *, MHD_AccessHandlerCallback, void *, ...);
	void (*stop)(struct MHD_Daemon *);
	struct MHD_Response *(*from_buffer)(size_t, void *, enum MHD_ResponseMemoryMode);
	enum MHD_Result (*add_header)(struct MHD_Response *, const char *, const char *);
	enum MHD_Result (*queue)(struct MHD_Connection *, unsigned int,
	    struct MHD_Response *);
	void (*destroy)(struct MHD_Response *);
	const char *(*lookup)(struct MHD_Connection *, enum MHD_ValueKind,
	    const char *);
} mhd;

/* -1 with why when the library or a function is missing. */
static int
ex_load(char *why, size_t whylen)
{
	static const char *const names[] = { "MHD_start_daemon",
	    "MHD_stop_daemon", "MHD_create_response_from_buffer",
	    "MHD_add_response_header", "MHD_queue_response",
	    "MHD_destroy_response", "MHD_lookup_connection_value" };
	void *f[ZT_ARRAY_LEN(names)];

	if (dl_functions("libmicrohttpd.so.12", "libmicrohttpd", names,
	    ZT_ARRAY_LEN(names), f, why, whylen) == NULL)
		return -1;
	/* POSIX: dlsym's void * converts to a function pointer */
	memcpy(&mhd.start, &f[0], sizeof f[0]);
	memcpy(&mhd.stop, &f[1], sizeof f[1]);
	memcpy(&mhd.from_buffer, &f[2], sizeof f[2]);
	memcpy(&mhd.add_header, &f[3], sizeof f[3]);
	memcpy(&mhd.queue, &f[4], sizeof f[4]);
	memcpy(&mhd.destroy, &f[5], sizeof f[5]);
	memcpy(&mhd.lookup, &f[6], sizeof f[6]);
	return 0;
}

struct exporter {
	pthread_mutex_t mu;
	pthread_cond_t asked;		/* a scrape wants a fresh sample */
	pthread_cond_t sampled;		/* a sample was completed */
	unsigned long req;		/* scrapes that asked */
	unsigned long started;		/* req when the running sample began */
	unsigned long done;		/* req covered by the last sample */
	struct zt_buf text;		/* the last completed sample */
	bool have;
	struct zt_buf render;		/* the sampler's */
	int top;
	double test_stall;		/* ZT_TEST_SAMPLE_STALL: seconds each
					 * sample takes longer, as a stalled
					 * /proc read would (tests/live) */
};

/* CLOCK_REALTIME in t seconds from now, for pthread_cond_timedwait. */
static struct timespec
ex_abs(double t)
{
	struct timespec ts;
	long ns;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += (time_t)t;
	ns = ts.tv_nsec + (long)((t - (double)(time_t)t) * 1e9);
	ts.tv_sec += ns / 1000000000L;
	ts.tv_nsec = ns % 1000000000L;
	return ts;
}

static int
ex_emit(void *ctx, const struct zt_snapshot *cur, const struct zt_snapshot *prev)
{
	struct exporter *ex = ctx;
	struct zt_buf t;

	(void)prev;
	buf_clear(&ex->render);
	om_snapshot(&ex->render, cur, ex->top);
	if (ex->test_stall > 0)
		loop_sleep_until(mono_now() + ex->test_stall);
	pthread_mutex_lock(&ex->mu);
	t = ex->text;
	ex->text = ex->render;
	ex->render = t;
	ex->have = true;
	ex->done = ex->started;
	pthread_cond_broadcast(&ex->sampled);
	pthread_mutex_unlock(&ex->mu);
	return 0;
}

/* Between samples: until a scrape asks, the idle deadline, or a stop. */
static void
ex_wait(void *ctx, double deadline)
{
	struct exporter *ex = ctx;

	pthread_mutex_lock(&ex->mu);
	while (!loop_stopped() && ex->req == ex->done) {
		double left = deadline - mono_now();
		struct timespec ts;
		if (left <= 0)
			break;
		/* wake now and then to see a stop signal */
		ts = ex_abs(left < 0.25 ? left : 0.25);
		pthread_cond_timedwait(&ex->asked, &ex->mu, &ts);
	}
	ex->started = ex->req;
	pthread_mutex_unlock(&ex->mu);
}

static enum MHD_Result
ex_reply(struct MHD_Connection *c, unsigned code, const char *type,
    const char *body, size_t n, const char *allow)
{
	struct MHD_Response *r = mhd.from_buffer(n, (void *)(uintptr_t)body,
	    MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	if (r == NULL)
		return MHD_NO;
	mhd.add_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (allow)
		mhd.add_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	rc = mhd.queue(c, code, r);
	mhd.destroy(r);
	return rc;
}

static enum MHD_Result
ex_metrics(struct exporter *ex, struct MHD_Connection *c)
{
	double wait = httpaddr_timeout(mhd.lookup(c,
	    MHD_HEADER_KIND, "X-Prometheus-Scrape-Timeout-Seconds"));
	struct timespec ts;
	unsigned long mine;
	enum MHD_Result rc;

	wait = wait < 0 ? EX_WAIT_S : wait - EX_MARGIN_S < 0.1 ? 0.1 :
	    wait - EX_MARGIN_S;
	ts = ex_abs(wait);
	pthread_mutex_lock(&ex->mu);
	mine = ++ex->req;
	pthread_cond_signal(&ex->asked);
	while (ex->done < mine && !loop_stopped())
		if (pthread_cond_timedwait(&ex->sampled, &ex->mu, &ts) == ETIMEDOUT)
			break;	/* serve the last completed sample */
	if (!ex->have)
		rc = ex_reply(c, MHD_HTTP_SERVICE_UNAVAILABLE, "text/plain",
		    "no sample taken yet\n", 20, NULL);
	else
		rc = ex_reply(c, MHD_HTTP_OK, EX_CONTENT_TYPE, ex->text.p,
		    ex->text.len, NULL);
	pthread_mutex_unlock(&ex->mu);
	return rc;
}

static enum MHD_Result
ex_handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **con_cls)
{
	static const char home[] = "zonetop exporter: metrics at /metrics\n";
	static const char nf[] = "not found: metrics at /metrics\n";
	static const char bad[] = "method not allowed: GET or HEAD\n";

	(void)version;
	(void)upload_data;
	(void)con_cls;
	*upload_size = 0;	/* a body is never read */
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return ex_reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain", bad,
		    sizeof bad - 1, "GET, HEAD");
	if (strcmp(url, "/metrics") == 0)
		return ex_metrics(cls, c);
	if (strcmp(url, "/") == 0)
		return ex_reply(c, MHD_HTTP_OK, "text/plain", home, sizeof home - 1,
		    NULL);
	return ex_reply(c, MHD_HTTP_NOT_FOUND, "text/plain", nf, sizeof nf - 1,
	    NULL);
}

int
listen_main(const struct zt_opts *o)
{
	struct sampler_opts so = sampler_opts_from(o);
	struct loop_opts lo = { .count = 0,
	    .delay = o->delay_set ? o->delay : EX_IDLE_S, .wait = ex_wait };
	struct exporter ex = { .top = o->top >= 0 ? (int)o->top : 10 };
	struct sockaddr_storage ss;
	socklen_t sl;
	char why[256], addr[80];
	struct MHD_Daemon *d;
	struct sampler *sm;
	int rc;

	if (httpaddr_parse(o->listen, &ss, &sl, why, sizeof why) < 0) {
		fprintf(stderr, "zonetop: %s\n", why);
		return 2;
	}
	if (ex_load(why, sizeof why) < 0) {
		fprintf(stderr, "zonetop: --listen %s\n", why);
		return 1;
	}
	so.detail_rows = ex.top;	/* only the top rows are exported */
	const char *stall = getenv("ZT_TEST_SAMPLE_STALL");
	if (stall != NULL)
		ex.test_stall = strtod(stall, NULL);
	if ((sm = sampler_open(&so, why, sizeof why)) == NULL) {
		fprintf(stderr, "zonetop: %s\n", why);
		return 1;
	}
	pthread_mutex_init(&ex.mu, NULL);
	pthread_cond_init(&ex.asked, NULL);
	pthread_cond_init(&ex.sampled, NULL);
	loop_signals();
	httpaddr_format(&ss, addr, sizeof addr);
	/* poll, not select: the kept fds number in the thousands */
	d = mhd.start(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG |
	    MHD_USE_POLL_INTERNAL_THREAD |
	    (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
	    0, NULL, NULL, ex_handle, &ex,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)16,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384,
	    MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "zonetop: --listen %s: cannot listen there (%s)\n",
		    addr, errno ? strerror(errno) : "libmicrohttpd refused");
		sampler_close(sm);
		return 1;
	}
	fprintf(stderr, "zonetop: serving http://%s/metrics\n", addr);
	rc = loop_run(sm, &lo, ex_emit, &ex);
	mhd.stop(d);
	sampler_close(sm);
	buf_free(&ex.text);
	buf_free(&ex.render);
	pthread_cond_destroy(&ex.asked);
	pthread_cond_destroy(&ex.sampled);
	pthread_mutex_destroy(&ex.mu);
	return rc;
}
