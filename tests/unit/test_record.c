/*
 * test_record.c: recordings (record.c) and their deltas (jdelta.c).
 * Live samples of this machine, every process included, written and
 * read back to the same JSON; a recording cut at every byte of its last
 * frames; random bytes flipped; a newer format version, a file that is
 * not a recording, another machine's recording, a full disk; rows that
 * move, come, go and restart between samples; the older
 * fixture recording in tests/fixtures/recordings/ still replaying.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include "assert_double.h"
#include <zlib.h>

#include "jdelta.h"
#include "json_in.h"
#include "output.h"
#include "record.h"
#include "sampler.h"
#include "snapshot.h"
#include "util.h"

static char tmpdir[64];

static const char *
fixdir(char *buf, size_t len, const char *rel)
{
	const char *dir = getenv("ZT_FIXTURES");

	snprintf(buf, len, "%s/%s", dir && *dir ? dir : "tests/fixtures", rel);
	return buf;
}

static const char *
tmpfile_path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", tmpdir, name);
	return buf;
}

static int
setup(void **state)
{
	(void)state;
	strlcpy0(tmpdir, "/tmp/zt-test-record-XXXXXX", sizeof tmpdir);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
slurp(const char *path, size_t *len)
{
	struct zt_buf b = { 0 };
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	if (b.p == NULL)
		b.p = xcalloc(1, 1);
	return b.p;
}

static void
spit(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The JSON a frame must read back as: every process, and _raw. */
static json_t *
full_json(const struct zt_snapshot *s)
{
	struct out_opts all = { .top = -1 };
	json_t *j = json_snapshot(s, &all);

	json_object_set_new(j, JSON_IN_RAW_KEY, json_in_raw(s));
	return j;
}

static void
assert_frame(struct rec_reader *r, long i, const json_t *want)
{
	struct zt_snapshot s;
	char why[256];
	json_t *got;

	if (rec_read(r, i, &s, why, sizeof why) < 0)
		fail_msg("frame %ld: %s", i, why);
	got = full_json(&s);
	if (!json_equal((json_t *)want, got)) {
		char *a = json_dumps(want, JSON_COMPACT), *b = json_dumps(got, JSON_COMPACT);
		size_t k = 0;
		while (a[k] && a[k] == b[k])
			k++;
		fail_msg("frame %ld differs at byte %zu: ...%.80s vs ...%.80s", i, k,
		    a + k, b + k);
	}
	json_decref(got);
	snapshot_free(&s);
}

/* ---- synthetic samples: the 6.18 capture with processes and events ---- */

static json_t *synth_base;

static void
synth_init(void)
{
	struct sampler_opts so = { .want_pagetypeinfo = true, .detail_rows = -1 };
	struct zt_snapshot s;
	char p[512], why[256];
	struct sampler *sm;

	if (synth_base)
		return;
	so.proc_root = fixdir(p, sizeof p, "proc/vm-6.18-x86_64-24g");
	sm = sampler_open(&so, why, sizeof why);
	assert_non_null(sm);
	sampler_take(sm, &s, NULL);
	sampler_close(sm);
	synth_base = full_json(&s);
	snapshot_free(&s);
}

/* Sample i: zones and meminfo move, process j's RSS grows on its turn,
 * every fifth sample a process starts (and one started 15 samples ago
 * ends), ranks skip after row 10, events come at samples 3 and 7. */
static void
synth(struct zt_snapshot *s, int i)
{
	char why[64];
	int n = 0, cap = 40;

	synth_init();
	assert_int_equal(json_in(synth_base, s, why, sizeof why), 0);
	s->when.tv_sec = 1795690000 + i;
	s->when.tv_nsec = 250000000;
	s->mono = 5000.5 + i;
	s->uptime = 100.25 + i;
	s->interval = i ? 1.0 : NAN;
	s->zones[1].free += i * 37 % 1000;
	s->zones[2].buddy[0] = i;
	kvs_set(&s->meminfo, "MemFree", 20000000 + i * 4);
	s->procs = xcalloc((size_t)cap, sizeof *s->procs);
	for (int j = 0; j < 30; j++) {
		struct zt_proc *p = &s->procs[n++];
		p->pid = 100 + j;
		p->uid = 0;
		strlcpy0(p->user, "root", sizeof p->user);
		snprintf(p->comm, sizeof p->comm, "worker%d", j);
		p->cmdline = xstrdup("/usr/bin/worker --config /etc/worker.conf");
		p->state = 'S';
		p->start_time = 1000 + (uint64_t)j;
		p->oom_score = 700 - j;
		p->oom_score_adj = 0;
		p->rss_kb = 1000 + (j == i % 30 ? i : 0);
		p->swap_kb = 0;
		p->pgtables_kb = 40;
		p->killable = true;
		p->badness_pages = p->rss_kb / 4 + 10;
		p->badness_share = 0.001 * j;
		p->score_adj0 = p->oom_score;
	}
	for (int b = i - i % 5; b >= 0 && b > i - 15; b -= 5) {
		struct zt_proc *p = &s->procs[n++];
		p->pid = 5000 + b;
		snprintf(p->comm, sizeof p->comm, "job%d", b);
		p->cmdline = xstrdup("/opt/batch/bin/job --input /data/set-0042 "
		    "--output /data/out --threads 8 --verbose");
		p->uid = 1000;
		p->state = 'R';
		p->start_time = 5000 + (uint64_t)b;
		p->oom_score = 650;
		p->oom_score_adj = ZT_NA;
		p->rss_kb = 5000 + b;
		p->swap_kb = ZT_NA;
		p->pgtables_kb = 60;
		p->killable = true;
		p->badness_pages = 1300;
		p->badness_share = NAN;
		p->score_adj0 = ZT_NA;
	}
	for (int j = 0; j < n; j++)
		s->procs[j].rank = j + 1 + (j >= 10 ? 2 : 0);
	s->nprocs = n;
	s->nprocs_total = n + 2;
	status_set(s, ZT_SRC_PROCS, true, "");
	s->predicted_victim = 100;
	int nev = (i >= 3) + 2 * (i >= 7);
	if (nev > 0) {
		s->events = xcalloc((size_t)nev, sizeof *s->events);
		s->nevents = nev;
		for (int k = 0; k < nev; k++) {
			struct zt_event *e = &s->events[k];
			e->when.tv_sec = 1795690000 + (k == 0 ? 3 : 7);
			e->kind = k == 0 ? ZT_EV_OOM_KILL : ZT_EV_ZONE_RESIZED;
			e->count = 1;
			e->victim_pid = k == 0 ? 4242 : 0;
			snprintf(e->text, sizeof e->text, "event %d", k);
		}
	}
}

/* n synthetic samples into path (appended if it exists); their JSON. */
static void
write_synth(const char *path, int from, int n, json_t **want)
{
	struct rec_writer *w = NULL;
	char msg[256];

	for (int i = from; i < from + n; i++) {
		struct zt_snapshot s;
		synth(&s, i);
		if (w == NULL) {
			w = rec_writer_open(path, &s, msg, sizeof msg);
			if (w == NULL)
				fail_msg("%s", msg);
			rec_writer_set_sync(w, false);	/* fast on a busy disk */
		}
		if (rec_writer_append(w, &s, msg, sizeof msg) < 0)
			fail_msg("%s", msg);
		if (want)
			want[i] = full_json(&s);
		snapshot_free(&s);
	}
	assert_int_equal(rec_writer_close(w, msg, sizeof msg), 0);
}

/* Frame offsets, from the documented layout (an independent reader). */
static long
frame_offsets(const char *buf, size_t len, size_t *off, long max)
{
	size_t o = 16 + (size_t)((unsigned char)buf[12] | (unsigned char)buf[13] << 8 |
	    (unsigned char)buf[14] << 16 | (unsigned)(unsigned char)buf[15] << 24) + 4;
	long n = 0;

	while (o + 40 <= len && n < max) {
		const unsigned char *h = (const unsigned char *)buf + o;
		uint32_t clen = h[24] | h[25] << 8 | h[26] << 16 | (uint32_t)h[27] << 24;
		off[n++] = o;
		o += 40 + clen;
	}
	off[n] = o;
	return n;
}

/* ---- jdelta ---- */

static void
check_delta(const char *a, const char *b, const char *want_change)
{
	json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL), *c, *back;
	char why[128];
	struct zt_buf t = { 0 };

	assert_non_null(ja);
	assert_non_null(jb);
	c = jdelta_diff(ja, jb);
	if (want_change) {
		assert_non_null(c);
		jdelta_dump(&t, c);
		assert_string_equal(t.p, want_change);
	}
	back = c ? jdelta_apply(ja, c, why, sizeof why) : json_incref(ja);
	if (back == NULL)
		fail_msg("apply: %s", why);
	if (!json_equal(back, jb))
		fail_msg("%s -> %s: applied to %s", a, b, json_dumps(back, JSON_COMPACT));
	buf_free(&t);
	json_decref(ja);
	json_decref(jb);
	json_decref(c);
	json_decref(back);
}

static void
test_jdelta(void **state)
{
	(void)state;
	/* equal: no change */
	json_t *x = json_loads("{\"a\":[1,{\"b\":null}]}", 0, NULL);
	assert_null(jdelta_diff(x, x));
	json_decref(x);
	/* null is a value, deletion is ["-"] */
	check_delta("{\"a\":1,\"b\":null,\"c\":2}", "{\"a\":1,\"b\":2,\"d\":null}",
	    "{\"b\":2,\"d\":null,\"c\":[\"-\"]}");
	check_delta("{\"a\":{\"x\":1,\"y\":2}}", "{\"a\":{\"x\":1,\"y\":3}}",
	    "{\"a\":{\"y\":3}}");
	check_delta("{\"a\":{\"x\":1}}", "{\"a\":[1]}", "{\"a\":[\"=\",[1]]}");
	check_delta("{\"a\":null}", "{\"a\":{\"x\":1}}", "{\"a\":[\"=\",{\"x\":1}]}");
	/* an array of the same length: element changes, or whole */
	check_delta("[1,2,3,4,5,6]", "[1,2,9,4,5,6]", "[\"a\",2,9]");
	check_delta("[1,2,3]", "[7,8,9]", "[\"=\",[7,8,9]]");
	check_delta("[{\"f\":1},{\"f\":2}]", "[{\"f\":1},{\"f\":3}]", "[\"a\",1,{\"f\":3}]");
	/* events: the oldest out, a new one in */
	check_delta("[{\"e\":1},{\"e\":2},{\"e\":3}]", "[{\"e\":2},{\"e\":3},{\"e\":4}]",
	    "[\"e\",1,[{\"e\":4}]]");
	check_delta("[]", "[{\"e\":1}]", "[\"=\",[{\"e\":1}]]");
	/* process rows: one changed, one moved, one gone, one new */
	check_delta("[{\"pid\":1,\"rank\":1,\"r\":5},{\"pid\":2,\"rank\":2,\"r\":6},"
	    "{\"pid\":3,\"rank\":3,\"r\":7},{\"pid\":4,\"rank\":4,\"r\":8}]",
	    "[{\"pid\":3,\"rank\":1,\"r\":7},{\"pid\":1,\"rank\":2,\"r\":9},"
	    "{\"pid\":9,\"rank\":3,\"r\":1},{\"pid\":4,\"rank\":4,\"r\":8}]",
	    "[\"p\",[3,1,9,4],{\"1\":{\"r\":9},\"9\":[\"=\",{\"pid\":9,\"r\":1}]},null]");
	/* a run of unchanged rows is [start, count]; ranks that skip */
	check_delta("[{\"pid\":1,\"rank\":1},{\"pid\":2,\"rank\":2},{\"pid\":3,\"rank\":3}]",
	    "[{\"pid\":7,\"rank\":1},{\"pid\":1,\"rank\":2},{\"pid\":2,\"rank\":3},"
	    "{\"pid\":3,\"rank\":6}]",
	    "[\"p\",[7,[0,3]],{\"7\":[\"=\",{\"pid\":7}]},[0,0,3,2]]");
	/* rows without ranks; ranks changed alone */
	check_delta("[{\"pid\":1},{\"pid\":2}]", "[{\"pid\":2},{\"pid\":1}]",
	    "[\"p\",[2,1],{},false]");
	check_delta("[{\"pid\":1,\"rank\":1},{\"pid\":2,\"rank\":2}]",
	    "[{\"pid\":1,\"rank\":5},{\"pid\":2,\"rank\":6}]",
	    "[\"p\",null,{},[0,4]]");
	/* duplicate pids or mixed ranks: not keyed, still right */
	check_delta("[{\"pid\":1},{\"pid\":1}]", "[{\"pid\":1},{\"pid\":2}]", NULL);
	check_delta("[{\"pid\":1,\"rank\":1},{\"pid\":2}]", "[{\"pid\":2},{\"pid\":1,\"rank\":1}]",
	    NULL);
	check_delta("{\"a\":1.5}", "{\"a\":1}", "{\"a\":1}");
	check_delta("{\"k\\u0001\":\"x\\\"y\"}", "{\"k\\u0001\":\"x\\\"z\\n\"}",
	    "{\"k\\u0001\":\"x\\\"z\\n\"}");
}

/* Random pairs: apply(diff(a, b)) == b, whatever the shapes. */
static json_t *
rand_value(unsigned *seed, int depth)
{
	int k = (int)(rand_r(seed) % (depth > 2 ? 5 : 8));
	json_t *v;

	switch (k) {
	case 0: return json_null();
	case 1: return json_integer(rand_r(seed) % 5);
	case 2: return json_real((double)(rand_r(seed) % 7) / 4);
	case 3: return json_boolean(rand_r(seed) % 2);
	case 4: return json_string(rand_r(seed) % 2 ? "a" : "b");
	case 5:
		v = json_object();
		for (int i = (int)(rand_r(seed) % 4); i > 0; i--) {
			char key[2] = { (char)('a' + rand_r(seed) % 4), 0 };
			json_object_set_new(v, key, rand_value(seed, depth + 1));
		}
		return v;
	case 6:
		v = json_array();
		for (int i = (int)(rand_r(seed) % 5); i > 0; i--)
			json_array_append_new(v, rand_value(seed, depth + 1));
		return v;
	default:
		v = json_array();
		for (int i = (int)(rand_r(seed) % 6); i > 0; i--) {
			json_t *row = json_object();
			json_object_set_new(row, "pid", json_integer(rand_r(seed) % 8));
			if (rand_r(seed) % 3)
				json_object_set_new(row, "rank", json_integer(rand_r(seed) % 9));
			json_object_set_new(row, "x", rand_value(seed, depth + 1));
			json_array_append_new(v, row);
		}
		return v;
	}
}

static void
test_jdelta_random(void **state)
{
	unsigned seed = 12345;
	char why[128];

	(void)state;
	for (int i = 0; i < 3000; i++) {
		json_t *a = rand_value(&seed, 0), *b = rand_value(&seed, 0), *c, *back;
		struct zt_buf t = { 0 };
		json_t *c2;

		c = jdelta_diff(a, b);
		if (c == NULL) {
			assert_true(json_equal(a, b));
			goto next;
		}
		/* through text, as in a file */
		jdelta_dump(&t, c);
		c2 = json_loads(t.p, JSON_DECODE_ANY, NULL);
		assert_non_null(c2);
		back = jdelta_apply(a, c2, why, sizeof why);
		if (back == NULL || !json_equal(back, b))
			fail_msg("case %d: %s -> %s via %s", i, json_dumps(a, JSON_ENCODE_ANY),
			    json_dumps(b, JSON_ENCODE_ANY), t.p);
		json_decref(back);
		json_decref(c2);
next:
		buf_free(&t);
		json_decref(a);
		json_decref(b);
		json_decref(c);
	}
}

static void
test_jdelta_bad(void **state)
{
	static const char *const bad[] = {
		"[\"a\",9,1]", "[\"a\",0]", "[\"e\",5,[]]", "[\"e\",-1,[]]",
		"[\"p\",null,{},null]", "[\"zz\"]", "[]", "[\"=\"]",
		"{\"x\":{\"y\":1}}",
	};
	json_t *base = json_loads("{\"x\":[1,2]}", 0, NULL), *arr = json_loads("[1,2]", 0, NULL);
	char why[128];

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(bad); i++) {
		json_t *c = json_loads(bad[i], 0, NULL);
		assert_non_null(c);
		assert_null(jdelta_apply(json_is_object(c) ? base : arr, c, why, sizeof why));
		assert_non_null(strstr(why, "bad delta"));
		json_decref(c);
	}
	/* process changes that do not fit the rows */
	json_t *rows = json_loads("[{\"pid\":1,\"rank\":1}]", 0, NULL);
	static const char *const badp[] = {
		"[\"p\",[2],{},null]", "[\"p\",[[0,5]],{},null]", "[\"p\",[[3,1]],{},null]",
		"[\"p\",null,{},[5]]", "[\"p\",null,{\"1\":[\"a\",0,1]},null]",
		"[\"p\",null,{},[1,2]]", "[\"p\",7,{},null]",
	};
	for (size_t i = 0; i < ZT_ARRAY_LEN(badp); i++) {
		json_t *c = json_loads(badp[i], 0, NULL);
		json_t *r = jdelta_apply(rows, c, why, sizeof why);
		if (r != NULL)
			fail_msg("%s applied: %s", badp[i], json_dumps(r, 0));
		json_decref(c);
	}
	json_decref(rows);
	json_decref(base);
	json_decref(arr);
}

static void
test_dump(void **state)
{
	static const double reals[] = { 0.1, 0.066, 5.0, -0.0, 1e300, 123456789012.5,
	    2.2250738585072014e-308, 1795690573.669, 1.0 / 3 };
	struct zt_buf b = { 0 };

	(void)state;
	for (size_t i = 0; i < ZT_ARRAY_LEN(reals); i++) {
		json_t *r = json_real(reals[i]), *back;
		buf_clear(&b);
		jdelta_dump(&b, r);
		back = json_loads(b.p, JSON_DECODE_ANY, NULL);
		assert_non_null(back);
		assert_true(json_is_real(back));
		assert_true(json_real_value(back) == reals[i]);
		json_decref(back);
		json_decref(r);
	}
	/* the shortest form: "0.066", not 0.066000000000000003 */
	buf_clear(&b);
	json_t *o = json_pack("{s:f,s:f,s:I,s:s}", "a", 0.066, "b", 5.0, "c",
	    (json_int_t)-7, "d", "tab\there \"q\" \x01");
	jdelta_dump(&b, o);
	assert_string_equal(b.p, "{\"a\":0.066,\"b\":5.0,\"c\":-7,"
	    "\"d\":\"tab\\there \\\"q\\\" \\u0001\"}");
	json_decref(o);
	buf_free(&b);
}

/* ---- files ---- */

/* N live samples of this machine, every process: they read back the
 * same.  Eleven samples: a keyframe, plain deltas and an anchor. */
static void
test_live(void **state)
{
	struct sampler_opts so = { .want_procs = true, .want_pagetypeinfo = true,
	    .detail_rows = -1 };
	enum { N = 11 };
	struct zt_snapshot snaps[2];
	json_t *want[N];
	struct rec_writer *w = NULL;
	struct rec_reader *r;
	char path[128], msg[256];
	struct sampler *sm = sampler_open(&so, msg, sizeof msg);

	(void)state;
	assert_non_null(sm);
	tmpfile_path(path, sizeof path, "live.ztrec");
	snapshot_init(&snaps[0]);
	snapshot_init(&snaps[1]);
	for (int i = 0; i < N; i++) {
		struct zt_snapshot *cur = &snaps[i % 2], *prev = i ? &snaps[(i + 1) % 2] : NULL;
		snapshot_free(cur);
		sampler_take(sm, cur, prev);
		assert_true(cur->nprocs > 0);
		if (w == NULL) {
			w = rec_writer_open(path, cur, msg, sizeof msg);
			if (w == NULL)
				fail_msg("%s", msg);
			assert_string_equal(msg, "");
		}
		rec_writer_set_sync(w, i == 0);	/* the first to the disk, then fast */
		assert_int_equal(rec_writer_append(w, cur, msg, sizeof msg), 0);
		want[i] = full_json(cur);
	}
	assert_int_equal(rec_writer_frames(w), N);
	assert_int_equal(rec_writer_close(w, msg, sizeof msg), 0);
	snapshot_free(&snaps[0]);
	snapshot_free(&snaps[1]);
	sampler_close(sm);

	r = rec_open(path, msg, sizeof msg);
	if (r == NULL)
		fail_msg("%s", msg);
	assert_int_equal(rec_count(r), N);
	assert_int_equal(rec_info(r)->version, REC_VERSION);
	assert_string_equal(rec_info(r)->host, json_string_value(json_object_get(want[0],
	    "hostname")));
	/* backwards, to exercise decoding anchors out of order */
	for (int i = N - 1; i >= 0; i--)
		assert_frame(r, i, want[i]);
	for (int i = 0; i < N; i++) {
		assert_frame(r, i, want[i]);
		json_decref(want[i]);
	}
	rec_damage_text(rec_damage(r), msg, sizeof msg);
	assert_string_equal(msg, "");
	rec_close(r);
}

/* Keyframes every REC_KEY_EVERY frames (the first two and the one
 * REC_FULL_EVERY on full, the others key deltas); seeking by time;
 * events. */
static void
test_many(void **state)
{
	enum { N = 305 };
	json_t *want[N];
	struct rec_reader *r;
	struct rec_event *ev;
	char path[128], msg[256];
	size_t len, off[N + 1];
	char *buf;
	long nkey = 0;

	(void)state;
	tmpfile_path(path, sizeof path, "many.ztrec");
	write_synth(path, 0, N, want);
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), N);
	for (int i = 0; i < N; i += 15)
		assert_frame(r, i, want[i]);
	assert_frame(r, N - 1, want[N - 1]);
	assert_frame(r, 301, want[301]);
	assert_frame(r, 299, want[299]);
	for (int i = 0; i < N; i++)
		json_decref(want[i]);

	/* by their kind byte: a keyframe at most REC_KEY_EVERY frames after
	 * the last; the first two and frame REC_FULL_EVERY full, the others
	 * key deltas */
	buf = slurp(path, &len);
	assert_int_equal(frame_offsets(buf, len, off, N), N);
	long last = -1;
	for (int i = 0; i < N; i++) {
		int kind = buf[off[i] + 4];
		if (kind == REC_DELTA) {
			assert_true(last >= 0 && i - last < REC_KEY_EVERY);
			continue;
		}
		assert_true(i == 0 || i - last <= REC_KEY_EVERY);
		assert_int_equal(kind, nkey < 2 || i == REC_FULL_EVERY ? REC_KEY :
		    REC_KEYDELTA);
		last = i;
		nkey++;
	}
	free(buf);

	struct timespec t = { 1795690000 + 100, 0 };
	assert_int_equal(rec_find_time(r, &t), 100);
	t.tv_sec = 1795690000 + 100;
	t.tv_nsec = 800000000;	/* 100.8 s: frame 101 at 101.25 is nearer than 100.25 */
	assert_int_equal(rec_find_time(r, &t), 101);
	t.tv_sec = 0;
	assert_int_equal(rec_find_time(r, &t), 0);
	assert_int_equal(rec_time(r, 5).tv_sec, 1795690005);
	assert_int_equal(rec_time(r, 5).tv_nsec, 250000000);

	/* one event at sample 3, two at 7: listed once each */
	assert_int_equal(rec_events(r, &ev), 3);
	assert_int_equal(ev[0].frame, 3);
	assert_int_equal(ev[0].ev.kind, ZT_EV_OOM_KILL);
	assert_int_equal(ev[0].ev.victim_pid, 4242);
	assert_int_equal(ev[1].frame, 7);
	assert_int_equal(ev[2].frame, 7);
	assert_string_equal(ev[1].ev.text, "event 1");
	assert_string_equal(ev[2].ev.text, "event 2");
	free(ev);
	rec_close(r);
}

/* Rows that move: a process above all others comes every third sample
 * and goes two later (every rank below shifts), one restarts under its
 * pid every fourth (a new start time), one changes its command line.
 * The writer keeps unchanged rows' JSON between samples (rec_rows) and
 * changes only their rank: every frame must still read back whole. */
static void
synth_moving(struct zt_snapshot *s, int i)
{
	int extra = i % 3 != 2;

	synth(s, i);
	s->procs = xreallocarray(s->procs, (size_t)s->nprocs + 1, sizeof *s->procs);
	if (extra) {
		memmove(&s->procs[1], &s->procs[0], (size_t)s->nprocs * sizeof *s->procs);
		memset(&s->procs[0], 0, sizeof s->procs[0]);
		s->procs[0].pid = 7000 + i / 3;
		strlcpy0(s->procs[0].comm, "hog", sizeof s->procs[0].comm);
		s->procs[0].state = 'R';
		s->procs[0].start_time = 7000 + (uint64_t)(i / 3);
		s->procs[0].oom_score = 900;
		s->procs[0].rss_kb = 900000;
		s->procs[0].badness_share = 0.5;
		s->nprocs++;
	}
	for (int j = 0; j < s->nprocs; j++) {
		struct zt_proc *p = &s->procs[j];
		p->rank = j + 1 + (j >= 10 ? 2 : 0);
		if (p->pid == 105 && i % 4 == 3)
			p->start_time = 2000 + (uint64_t)i;
		if (p->pid == 107 && i >= 20) {
			free(p->cmdline);
			p->cmdline = xstrdup("/usr/bin/worker --config /etc/other.conf");
		}
	}
	s->predicted_victim = s->procs[0].pid;
}

static void
test_rows_move(void **state)
{
	enum { N = 45 };
	json_t *want[N];
	struct rec_writer *w = NULL;
	struct rec_reader *r;
	char path[128], msg[256];

	(void)state;
	tmpfile_path(path, sizeof path, "moving.ztrec");
	for (int i = 0; i < N; i++) {
		struct zt_snapshot s;
		synth_moving(&s, i);
		if (w == NULL) {
			w = rec_writer_open(path, &s, msg, sizeof msg);
			if (w == NULL)
				fail_msg("%s", msg);
			rec_writer_set_sync(w, false);
		}
		if (rec_writer_append(w, &s, msg, sizeof msg) < 0)
			fail_msg("%s", msg);
		want[i] = full_json(&s);
		snapshot_free(&s);
	}
	assert_int_equal(rec_writer_close(w, msg, sizeof msg), 0);
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), N);
	for (int i = 0; i < N; i++)
		assert_frame(r, i, want[i]);
	/* and backwards: each from its own keyframe */
	for (int i = N - 1; i >= 0; i -= 7)
		assert_frame(r, i, want[i]);
	rec_close(r);
	for (int i = 0; i < N; i++)
		json_decref(want[i]);
}

/* json_proc_same() against json_proc(): every member it writes. */
static void
test_proc_same(void **state)
{
	struct zt_proc a = { 0 };
	json_t *ja, *jb;

	(void)state;
	a.pid = 42;
	a.uid = 1000;
	strlcpy0(a.user, "alice", sizeof a.user);
	strlcpy0(a.comm, "worker", sizeof a.comm);
	a.cmdline = xstrdup("worker --x");
	a.cgroup = xstrdup("/user.slice");
	a.state = 'S';
	a.start_time = 12345;
	a.oom_score = 700;
	a.oom_score_adj = 100;
	a.rss_kb = 1000;
	a.swap_kb = 10;
	a.pgtables_kb = 40;
	a.killable = true;
	a.badness_pages = 262;
	a.badness_share = 0.0012;
	a.score_adj0 = 650;
	a.rank = 3;
	a.points = 262;
	a.cgroup_rank = 2;
	a.cgroup_points = 300;
	ja = json_proc(&a);
	for (int f = 0; f < 22; f++) {
		struct zt_proc b = a;
		bool same_json = false;
		b.cmdline = xstrdup(a.cmdline);
		b.cgroup = xstrdup(a.cgroup);
		switch (f) {
		case 0: b.pid++; break;
		case 1: b.uid = ZT_NA; break;
		case 2: b.user[0] = '\0'; break;
		case 3: b.comm[0] = 'W'; break;
		case 4: free(b.cmdline); b.cmdline = NULL; break;
		case 5: b.cmdline[0] = 'W'; break;
		case 6: b.cgroup[1] = 'U'; break;
		case 7: b.state = 'R'; break;
		case 8: b.start_time++; break;
		case 9: b.oom_score++; break;
		case 10: b.oom_score_adj = ZT_NA; break;
		case 11: b.rss_kb++; break;
		case 12: b.swap_kb = ZT_NA; break;
		case 13: b.pgtables_kb++; break;
		case 14: b.killable = false; break;
		case 15: b.badness_pages++; break;
		case 16: b.badness_share = NAN; break;
		case 17: b.score_adj0++; break;
		case 18: b.rank++; break;
		case 19: b.points = ZT_NA; break;
		case 20: b.cgroup_rank = 0; break;
		case 21: b.badness_share = 0.00121; same_json = true; break;	/* rounded alike */
		}
		jb = json_proc(&b);
		if (json_proc_same(&a, &b) != same_json ||
		    json_equal(ja, jb) != same_json)
			fail_msg("member %d: same %d, JSON equal %d", f,
			    json_proc_same(&a, &b), json_equal(ja, jb));
		json_decref(jb);
		free(b.cmdline);
		free(b.cgroup);
	}
	{
		struct zt_proc b = a;
		b.cgroup_points++;
		assert_false(json_proc_same(&a, &b));
		assert_true(json_proc_same(&a, &a));
	}
	json_decref(ja);
	free(a.cmdline);
	free(a.cgroup);
}

/* A recorder started again carries the events it kept: each is listed
 * once, at the frame where it first appears. */
static void
test_events_sessions(void **state)
{
	char path[128], msg[256];
	struct rec_reader *r;
	struct rec_event *ev;

	(void)state;
	tmpfile_path(path, sizeof path, "sessions.ztrec");
	write_synth(path, 0, 9, NULL);
	write_synth(path, 9, 3, NULL);	/* its first frame has all 3 events */
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), 12);
	assert_int_equal(rec_events(r, &ev), 3);
	assert_int_equal(ev[0].frame, 3);
	assert_int_equal(ev[1].frame, 7);
	assert_int_equal(ev[2].frame, 7);
	free(ev);
	rec_close(r);
}

/* The longest run of samples that a damaged byte cost: frames of the
 * intact recording (want[]) missing from the damaged one, in a row. */
static long
longest_loss(struct rec_reader *r, json_t **want, long n)
{
	long run = 0, worst = 0, k = 0;
	char why[256];

	for (long i = 0; i < n; i++) {
		json_t *j = NULL;
		/* the damaged file's frames are a subsequence of the intact one's */
		if (k < rec_count(r) && rec_time(r, k).tv_sec == 1795690000 + i &&
		    (j = rec_read_json(r, k, why, sizeof why)) != NULL) {
			if (!json_equal(j, want[i]))
				fail_msg("frame %ld reads back different after damage", i);
			json_decref(j);
			k++;
			run = 0;
			continue;
		}
		if (k < rec_count(r) && rec_time(r, k).tv_sec == 1795690000 + i)
			k++;	/* indexed, would not decode */
		if (++run > worst)
			worst = run;
	}
	return worst;
}

/* One damaged byte anywhere loses at most REC_KEY_EVERY samples in a
 * row: each frame of a long recording (two append sessions) damaged in
 * turn, in its header, at the start, middle and end of its payload. */
static void
test_damage_bound(void **state)
{
	enum { N = 75 };
	json_t *want[N];
	char path[128], bad[128], msg[256];
	size_t len, off[N + 1];
	char *buf;
	long worst = 0, runs = 0;

	(void)state;
	tmpfile_path(path, sizeof path, "bound.ztrec");
	tmpfile_path(bad, sizeof bad, "bound-bad.ztrec");
	write_synth(path, 0, 52, want);
	write_synth(path, 52, N - 52, want);
	buf = slurp(path, &len);
	assert_int_equal(frame_offsets(buf, len, off, N), N);
	for (long i = 0; i < N; i++) {
		size_t end = i + 1 < N ? off[i + 1] : len, span = end - off[i];
		size_t at[] = { off[i] + 9, off[i] + 40 + 20, off[i] + 40 + span / 2,
		    end - 1 };
		for (size_t a = 0; a < sizeof at / sizeof at[0]; a++) {
			struct rec_reader *r;
			long loss;
			if (at[a] >= end)
				continue;
			buf[at[a]] ^= 0x20;
			spit(bad, buf, len);
			buf[at[a]] ^= 0x20;
			r = rec_open(bad, msg, sizeof msg);
			assert_non_null(r);
			loss = longest_loss(r, want, N);
			if (loss > REC_KEY_EVERY)
				fail_msg("a byte at %zu (frame %ld, kind %d) lost %ld samples "
				    "in a row", at[a], i, buf[off[i] + 4], loss);
			if (loss > worst)
				worst = loss;
			runs++;
			rec_close(r);
		}
	}
	print_message("damaged-byte runs: %ld, most samples lost in a row: %ld\n",
	    runs, worst);
	assert_int_equal(worst, REC_KEY_EVERY);	/* a full keyframe's frame */
	for (int i = 0; i < N; i++)
		json_decref(want[i]);
	free(buf);
}

/* Cut at every byte from the start of the third-last frame to the end:
 * every complete frame reads back, the rest is an incomplete tail; and
 * appending to the cut file first drops that tail. */
static void
test_cut(void **state)
{
	enum { N = 14 };
	json_t *want[N + 2];
	char path[128], cut[128], msg[256];
	size_t len, off[N + 1];
	char *buf;

	(void)state;
	tmpfile_path(path, sizeof path, "cut.ztrec");
	tmpfile_path(cut, sizeof cut, "cut2.ztrec");
	write_synth(path, 0, N, want);
	buf = slurp(path, &len);
	assert_int_equal(frame_offsets(buf, len, off, N), N);
	assert_int_equal(off[N], len);
	for (size_t c = off[N - 3]; c <= len; c++) {
		struct rec_reader *r;
		long complete = 0;

		spit(cut, buf, c);
		while (complete < N && off[complete + 1] <= c)
			complete++;
		r = rec_open(cut, msg, sizeof msg);
		if (r == NULL)
			fail_msg("cut at %zu: %s", c, msg);
		assert_int_equal(rec_count(r), complete);
		assert_int_equal(rec_damage(r)->tail_bytes, (int64_t)(c - off[complete]));
		assert_int_equal(rec_damage(r)->damaged, 0);
		assert_int_equal(rec_damage(r)->lost, 0);
		if (c == off[complete] || c % 17 == 0)
			assert_frame(r, complete - 1, want[complete - 1]);
		if (c % 199 == 0 || c == len)
			for (long i = 0; i < complete; i++)
				assert_frame(r, i, want[i]);
		rec_close(r);

		if (c % 97 != 0 && c != off[N - 1] + 41)
			continue;
		/* a recorder that starts again appends after the last frame */
		json_t *more[N + 2];
		write_synth(cut, (int)complete, 2, more);
		r = rec_open(cut, msg, sizeof msg);
		assert_non_null(r);
		assert_int_equal(rec_count(r), complete + 2);
		assert_int_equal(rec_damage(r)->tail_bytes, 0);
		rec_damage_text(rec_damage(r), msg, sizeof msg);
		assert_string_equal(msg, "");
		assert_frame(r, 0, want[0]);
		assert_frame(r, complete - 1, want[complete - 1]);
		assert_frame(r, complete, more[complete]);
		assert_frame(r, complete + 1, more[complete + 1]);
		json_decref(more[complete]);
		json_decref(more[complete + 1]);
		rec_close(r);
	}
	for (int i = 0; i < N; i++)
		json_decref(want[i]);
	free(buf);
}

/* Flip random bytes: intact frames read back exactly, the damaged ones
 * and those that depend on them are counted, nothing else is lost. */
static void
test_flip(void **state)
{
	enum { N = 20, TRIALS = 50 };
	json_t *want[N];
	char path[128], bad[128], msg[256];
	size_t len, off[N + 1];
	unsigned seed = 777;
	char *buf, *copy;

	(void)state;
	tmpfile_path(path, sizeof path, "flip.ztrec");
	tmpfile_path(bad, sizeof bad, "flip2.ztrec");
	write_synth(path, 0, N, want);
	buf = slurp(path, &len);
	assert_int_equal(frame_offsets(buf, len, off, N), N);
	copy = xmalloc(len);
	for (int t = 0; t < TRIALS; t++) {
		struct rec_reader *r;
		int flips = 1 + (int)(rand_r(&seed) % 3);
		bool seen[N] = { false };
		const struct rec_damage *d;

		memcpy(copy, buf, len);
		for (int k = 0; k < flips; k++) {
			/* mostly the frames; now and then the file header */
			size_t at = t % 10 == 9 ? rand_r(&seed) % off[0] :
			    off[0] + rand_r(&seed) % (len - off[0]);
			copy[at] ^= (char)(1 + rand_r(&seed) % 255);
		}
		spit(bad, copy, len);
		r = rec_open(bad, msg, sizeof msg);
		if (r == NULL)
			fail_msg("trial %d: %s", t, msg);
		d = rec_damage(r);
		for (long i = 0; i < rec_count(r); i++) {
			long k = (long)(rec_time(r, i).tv_sec - 1795690000);
			assert_true(k >= 0 && k < N);
			assert_false(seen[k]);
			seen[k] = true;
			assert_frame(r, i, want[k]);
		}
		/* every frame is read, damaged, lost, or the cut-off tail */
		if (rec_count(r) + d->damaged + d->lost + (d->tail_bytes > 0) != N) {
			rec_damage_text(d, msg, sizeof msg);
			fprintf(stderr, "trial %d: %ld read, %s\n", t, rec_count(r), msg);
			spit("/tmp/zt-flip-fail.ztrec", copy, len);
		}
		assert_int_equal(rec_count(r) + d->damaged + d->lost +
		    (d->tail_bytes > 0), N);
		if (rec_count(r) < N || d->header_damaged) {
			rec_damage_text(d, msg, sizeof msg);
			assert_true(msg[0] != '\0');
		}
		rec_close(r);
	}
	for (int i = 0; i < N; i++)
		json_decref(want[i]);
	free(copy);
	free(buf);
}

/* A frame changed on disk after the reader indexed it (another process
 * rewriting the file): reading it re-checks the payload's CRC and says
 * so, instead of decoding other bytes than those it checked. */
static void
test_changed_after_open(void **state)
{
	enum { N = 6 };
	json_t *want[N];
	char path[128], msg[256];
	size_t len, off[N + 1];
	struct rec_reader *r;
	char *buf;
	json_t *j;
	int fd;

	(void)state;
	tmpfile_path(path, sizeof path, "changed.ztrec");
	write_synth(path, 0, N, want);
	buf = slurp(path, &len);
	assert_int_equal(frame_offsets(buf, len, off, N), N);
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), N);
	assert_frame(r, 3, want[3]);
	/* the second byte of frame 4's payload (after its 40-byte header) */
	char c = (char)(buf[off[4] + 40 + 1] ^ 0x5a);
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, &c, 1, (off_t)(off[4] + 40 + 1)), 1);
	close(fd);
	msg[0] = '\0';
	j = rec_read_json(r, 4, msg, sizeof msg);
	assert_null(j);
	assert_string_equal(msg, "frame 4: checksum changed since it was indexed");
	/* the frames before it still read */
	assert_frame(r, 2, want[2]);
	/* cut off after it was indexed: the last frame cannot be read */
	assert_int_equal(truncate(path, (off_t)(off[5] + 40 + 2)), 0);
	msg[0] = '\0';
	assert_null(rec_read_json(r, 5, msg, sizeof msg));
	assert_string_equal(msg, "frame 5: cannot read it");
	rec_close(r);
	for (int i = 0; i < N; i++)
		json_decref(want[i]);
	free(buf);
}

static void
rewrite_version(const char *path, int version)
{
	size_t len;
	char *buf = slurp(path, &len);
	uint32_t mlen = (unsigned char)buf[12] | (unsigned char)buf[13] << 8;
	uint32_t crc;

	buf[8] = (char)version;
	buf[9] = (char)(version >> 8);
	crc = (uint32_t)crc32(0, (const Bytef *)buf, 16 + mlen);
	for (int i = 0; i < 4; i++)
		buf[16 + mlen + i] = (char)(crc >> (8 * i));
	spit(path, buf, len);
	free(buf);
}

static void
test_version(void **state)
{
	char path[128], msg[512], want[512];
	struct zt_snapshot s;
	size_t len0, len1;
	char *b0, *b1;

	(void)state;
	tmpfile_path(path, sizeof path, "v3.ztrec");
	write_synth(path, 0, 3, NULL);
	rewrite_version(path, REC_VERSION + 1);
	assert_null(rec_open(path, msg, sizeof msg));
	snprintf(want, sizeof want, "%s: recording format version %d is newer than "
	    "this zonetop reads (%d); upgrade zonetop", path, REC_VERSION + 1,
	    REC_VERSION);
	assert_string_equal(msg, want);
	/* and nothing is appended to it */
	b0 = slurp(path, &len0);
	synth(&s, 5);
	assert_null(rec_writer_open(path, &s, msg, sizeof msg));
	assert_string_equal(msg, want);
	b1 = slurp(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(b0, b1, len0);
	free(b0);
	free(b1);

	rewrite_version(path, 0);
	assert_null(rec_open(path, msg, sizeof msg));
	assert_non_null(strstr(msg, "version 0 is not"));
	snapshot_free(&s);
}

/* The writer (record and the live screen's w) never writes through a
 * symbolic link another user owns: as root, links given to uid 65534
 * with lchown; its own links it follows. */
static void
test_foreign_link(void **state)
{
	char link[128], target[128], msg[512];
	struct zt_snapshot s;
	struct stat st;

	(void)state;
	if (geteuid() != 0) {
		skip();
		return;
	}
	synth(&s, 0);
	tmpfile_path(link, sizeof link, "planted.ztrec");
	tmpfile_path(target, sizeof target, "victim");
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(lchown(link, 65534, 65534), 0);
	assert_null(rec_writer_open(link, &s, msg, sizeof msg));
	assert_non_null(strstr(msg, "a symbolic link owned by uid 65534"));
	assert_int_equal(stat(target, &st), -1);	/* not created */
	/* to an existing file: left alone */
	spit(target, "keep", 4);
	assert_null(rec_writer_open(link, &s, msg, sizeof msg));
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_size, 4);
	/* the caller's own link is followed */
	assert_int_equal(unlink(link), 0);
	assert_int_equal(unlink(target), 0);
	assert_int_equal(symlink(target, link), 0);
	struct rec_writer *w = rec_writer_open(link, &s, msg, sizeof msg);
	assert_non_null(w);
	assert_int_equal(rec_writer_close(w, msg, sizeof msg), 0);
	assert_int_equal(stat(target, &st), 0);
	assert_true(st.st_size > 0);
	/* a new file is created, mode 0644 */
	tmpfile_path(link, sizeof link, "fresh.ztrec");
	w = rec_writer_open(link, &s, msg, sizeof msg);
	assert_non_null(w);
	assert_int_equal(rec_writer_close(w, msg, sizeof msg), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	mode_t um = umask(0);
	umask(um);
	assert_int_equal(st.st_mode & 0777, 0644 & ~um);
	snapshot_free(&s);
}

static void
test_refuse(void **state)
{
	char path[128], msg[512];
	struct zt_snapshot s;
	struct rec_writer *w, *w2;
	struct rec_reader *r;
	size_t len;
	char *b;

	(void)state;
	synth(&s, 0);
	/* a file that is not a recording is neither read nor overwritten */
	tmpfile_path(path, sizeof path, "notes.txt");
	spit(path, "my notes\n", 9);
	assert_null(rec_open(path, msg, sizeof msg));
	assert_non_null(strstr(msg, "not a zonetop recording"));
	assert_null(rec_writer_open(path, &s, msg, sizeof msg));
	assert_non_null(strstr(msg, "not a zonetop recording"));
	b = slurp(path, &len);
	assert_int_equal(len, 9);
	assert_memory_equal(b, "my notes\n", 9);
	free(b);
	tmpfile_path(path, sizeof path, "dir.d");
	mkdir(path, 0755);
	assert_null(rec_open(path, msg, sizeof msg));
	assert_null(rec_writer_open(path, &s, msg, sizeof msg));

	/* another machine's recording */
	tmpfile_path(path, sizeof path, "other.ztrec");
	write_synth(path, 0, 2, NULL);
	strlcpy0(s.hostname, "elsewhere", sizeof s.hostname);
	assert_null(rec_writer_open(path, &s, msg, sizeof msg));
	assert_non_null(strstr(msg, "not appending"));
	assert_non_null(strstr(msg, "elsewhere"));
	snapshot_free(&s);
	synth(&s, 0);
	/* the same host after a reboot into another kernel */
	strlcpy0(s.kernel, "6.19.0-other", sizeof s.kernel);
	assert_null(rec_writer_open(path, &s, msg, sizeof msg));
	assert_non_null(strstr(msg, "kernel 6.19.0-other"));
	snapshot_free(&s);

	/* the same machine: appended; two writers at once: refused */
	synth(&s, 2);
	w = rec_writer_open(path, &s, msg, sizeof msg);
	assert_non_null(w);
	assert_non_null(strstr(msg, "appending to"));
	w2 = rec_writer_open(path, &s, msg, sizeof msg);
	assert_null(w2);
	assert_non_null(strstr(msg, "another zonetop is recording"));
	assert_int_equal(rec_writer_append(w, &s, msg, sizeof msg), 0);
	assert_int_equal(rec_writer_close(w, msg, sizeof msg), 0);
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), 3);
	json_t *j = full_json(&s);
	assert_frame(r, 2, j);
	json_decref(j);
	rec_close(r);
	snapshot_free(&s);

	/* an empty file is a new recording */
	tmpfile_path(path, sizeof path, "empty.ztrec");
	spit(path, "", 0);
	write_synth(path, 0, 1, NULL);
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), 1);
	rec_close(r);
}

/* A full disk stops the writer with a clear message and leaves every
 * frame written before it readable. */
static void
test_disk_full(void **state)
{
	char path[128], msg[512];
	struct zt_snapshot s;
	struct rec_writer *w;
	struct rec_reader *r;
	struct rlimit old, lim;
	struct stat st;
	json_t *want[3];

	(void)state;
	synth(&s, 0);
	if (access("/dev/full", W_OK) == 0) {
		assert_null(rec_writer_open("/dev/full", &s, msg, sizeof msg));
		assert_string_equal(msg, "/dev/full: write failed: No space left on device");
	}
	snapshot_free(&s);

	/* a file size limit is a full disk the test can make */
	tmpfile_path(path, sizeof path, "full.ztrec");
	write_synth(path, 0, 3, want);
	assert_int_equal(stat(path, &st), 0);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = (rlim_t)st.st_size + 100;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	synth(&s, 3);
	w = rec_writer_open(path, &s, msg, sizeof msg);
	assert_non_null(w);
	assert_int_equal(rec_writer_append(w, &s, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "write failed: File too large; recording stopped "
	    "after 0 samples"));
	/* it stays stopped */
	assert_int_equal(rec_writer_append(w, &s, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "recording stopped"));
	assert_int_equal(rec_writer_close(w, msg, sizeof msg), 0);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	snapshot_free(&s);

	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), 3);
	assert_int_equal(rec_damage(r)->tail_bytes, 0);	/* no partial frame */
	for (int i = 0; i < 3; i++) {
		assert_frame(r, i, want[i]);
		json_decref(want[i]);
	}
	rec_close(r);
}

/* Lengths are bounded before anything is allocated. */
static void
test_lengths(void **state)
{
	char path[128], msg[256];
	struct rec_reader *r;
	size_t len, off[4];
	char *buf;
	unsigned char *h;

	(void)state;
	tmpfile_path(path, sizeof path, "len.ztrec");
	write_synth(path, 0, 3, NULL);
	buf = slurp(path, &len);
	assert_int_equal(frame_offsets(buf, len, off, 3), 3);
	/* frame 1 claims a 4 GiB payload, with a header CRC that checks */
	h = (unsigned char *)buf + off[1];
	h[24] = h[25] = h[26] = 0xff;
	h[27] = 0xf0;
	uint32_t crc = (uint32_t)crc32(0, h, 36);
	for (int i = 0; i < 4; i++)
		h[36 + i] = (unsigned char)(crc >> (8 * i));
	spit(path, buf, len);
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	/* refused as a header; frame 2 is found again, 1 counted damaged */
	assert_int_equal(rec_count(r), 2);
	assert_int_equal(rec_damage(r)->damaged, 1);
	rec_close(r);

	/* a decompressed length that lies: the frame does not decode */
	free(buf);
	tmpfile_path(path, sizeof path, "len2.ztrec");
	write_synth(path, 0, 1, NULL);
	buf = slurp(path, &len);
	/* this file's header (its creation time) may differ in length */
	assert_int_equal(frame_offsets(buf, len, off, 1), 1);
	h = (unsigned char *)buf + off[0];
	h[28] = 0;
	h[29] = 0;
	h[30] = 0;
	h[31] = 0x0f;		/* 240 MiB, under the cap */
	crc = (uint32_t)crc32(0, h, 36);
	for (int i = 0; i < 4; i++)
		h[36 + i] = (unsigned char)(crc >> (8 * i));
	spit(path, buf, len);
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), 1);
	struct zt_snapshot s;
	assert_int_equal(rec_read(r, 0, &s, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "bad compressed data"));
	snapshot_free(&s);
	assert_int_equal(rec_damage(r)->undecodable, 1);
	rec_close(r);
	free(buf);
}

/* A recording still being written: rec_update() sees the new frames. */
static void
test_update(void **state)
{
	char path[128], msg[256];
	struct rec_reader *r;
	json_t *want[5];

	(void)state;
	tmpfile_path(path, sizeof path, "grow.ztrec");
	write_synth(path, 0, 3, want);
	r = rec_open(path, msg, sizeof msg);
	assert_non_null(r);
	assert_int_equal(rec_count(r), 3);
	write_synth(path, 3, 2, want);
	assert_int_equal(rec_update(r, msg, sizeof msg), 2);
	assert_int_equal(rec_count(r), 5);
	assert_int_equal(rec_update(r, msg, sizeof msg), 0);
	for (int i = 0; i < 5; i++) {
		assert_frame(r, i, want[i]);
		json_decref(want[i]);
	}
	rec_close(r);
}

/* The recording kept in tests/ (format version 1) still replays, to
 * the JSON it gave when it was made (keys added since may appear). */
static bool
json_subset(const json_t *want, const json_t *got, char *path, size_t len)
{
	size_t used = strlen(path);

	if (json_is_object(want)) {
		const char *k;
		json_t *v;
		if (!json_is_object(got))
			return false;
		json_object_foreach((json_t *)want, k, v) {
			snprintf(path + used, len - used, ".%s", k);
			if (!json_subset(v, json_object_get(got, k), path, len))
				return false;
		}
		path[used] = '\0';
		return true;
	}
	if (json_is_array(want)) {
		if (!json_is_array(got) || json_array_size(got) != json_array_size(want))
			return false;
		for (size_t i = 0; i < json_array_size(want); i++) {
			snprintf(path + used, len - used, "[%zu]", i);
			if (!json_subset(json_array_get(want, i), json_array_get(got, i), path, len))
				return false;
		}
		path[used] = '\0';
		return true;
	}
	return json_equal((json_t *)want, (json_t *)got);
}

static void
test_fixture_recording(void **state)
{
	char path[512], golden[512], msg[256];
	struct out_opts all = { .top = -1 };
	struct rec_reader *r;
	size_t len;
	char *text, *line, *save = NULL;
	long i = 0;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	fixdir(path, sizeof path, "recordings/v1-oom.ztrec");
	fixdir(golden, sizeof golden, "recordings/v1-oom.jsonl");
	r = rec_open(path, msg, sizeof msg);
	if (r == NULL)
		fail_msg("%s", msg);
	assert_int_equal(rec_info(r)->version, 1);
	text = slurp(golden, &len);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save), i++) {
		json_t *want = json_loads(line, 0, NULL), *got;
		struct zt_snapshot s;
		char where[512] = "";

		assert_non_null(want);
		assert_true(i < rec_count(r));
		if (rec_read(r, i, &s, msg, sizeof msg) < 0)
			fail_msg("fixture frame %ld: %s", i, msg);
		got = json_snapshot(&s, &all);
		if (!json_subset(want, got, where, sizeof where))
			fail_msg("fixture frame %ld differs at %s", i, where);
		json_decref(got);
		json_decref(want);
		snapshot_free(&s);
	}
	assert_int_equal(i, rec_count(r));
	assert_true(i >= 5);
	rec_damage_text(rec_damage(r), msg, sizeof msg);
	assert_string_equal(msg, "");
	/* it holds an OOM kill, listed as an event */
	struct rec_event *ev;
	long n = rec_events(r, &ev), kills = 0;
	for (long k = 0; k < n; k++)
		kills += ev[k].ev.kind == ZT_EV_OOM_KILL;
	assert_true(kills >= 1);
	free(ev);
	free(text);
	rec_close(r);
	unsetenv("TZ");
	tzset();
}

/* The same recording against literal values, as the kernel printed them
 * when it was made (README in tests/fixtures/recordings/), and the
 * derived figures computed here from those: not from the golden JSON,
 * which the code of its day wrote. */
static void
test_fixture_values(void **state)
{
	char path[512], msg[256];
	struct rec_reader *r;
	struct zt_snapshot s;

	(void)state;
	fixdir(path, sizeof path, "recordings/v1-oom.ztrec");
	r = rec_open(path, msg, sizeof msg);
	if (r == NULL)
		fail_msg("%s", msg);
	assert_int_equal(rec_count(r), 12);
	if (rec_read(r, 0, &s, msg, sizeof msg) < 0)
		fail_msg("frame 0: %s", msg);
	assert_string_equal(s.kernel, "6.18.44-fc-v595");
	assert_int_equal(s.page_kb, 4);
	assert_int_equal(kvs_get(&s.meminfo, "MemTotal"), 24684096);
	/* overcommit_ratio 50, no swap: CommitLimit = 24684096 / 2 */
	assert_int_equal(s.commit_limit_kb, 24684096 / 2);
	assert_int_equal(s.committed_kb, 1398796);
	assert_int_equal(s.nzones, 5);
	struct zt_zone *dma = &s.zones[0], *nor = &s.zones[2];
	assert_string_equal(dma->name, "DMA");
	assert_int_equal(dma->min, 36);
	assert_int_equal(dma->low, 45);
	assert_int_equal(dma->high, 54);
	assert_int_equal(dma->nprot, 5);
	assert_int_equal(dma->protection[1], 3019);
	assert_int_equal(dma->protection[2], 6859);
	/* DMA's free list: one order-8, one order-9, three order-10 blocks:
	 * 256 + 512 + 3 * 1024 = 3840 pages, all it has */
	assert_int_equal(dma->buddy[8], 1);
	assert_int_equal(dma->buddy[9], 1);
	assert_int_equal(dma->buddy[10], 3);
	assert_int_equal(dma->free, 256 + 512 + 3 * 1024);
	assert_int_equal(dma->managed, 3840);
	/* present 3998 - managed 3840 */
	assert_int_equal(dma->reserved, 3998 - 3840);
	assert_int_equal(dma->highest_free_order, 10);
	/* unusable index: the share of free pages in blocks below the order */
	assert_float_equal(dma->unusable[8], 0.0, 1e-3);
	assert_float_equal(dma->unusable[9], 256.0 / 3840, 1e-3);
	assert_float_equal(dma->unusable[10], (256.0 + 512) / 3840, 1e-3);
	assert_string_equal(nor->name, "Normal");
	assert_int_equal(nor->free, 454806);
	assert_int_equal(nor->min, 9438);
	assert_int_equal(nor->managed, 983040);
	/* the memory cgroup: a 48 MiB limit, two sleeps, 512 kB */
	assert_true(s.cgroup.have);
	assert_string_equal(s.cgroup.path, "/zt-fixture");
	assert_int_equal(s.cgroup.limit_kb, 48 * 1024);
	assert_int_equal(s.cgroup.usage_kb, 512);
	assert_int_equal(s.oom_kills, 2);
	snapshot_free(&s);

	/* sample 7: python3 at 44600 kB of the cgroup's 49152, ranked 5th */
	if (rec_read(r, 7, &s, msg, sizeof msg) < 0)
		fail_msg("frame 7: %s", msg);
	assert_int_equal(s.cgroup.usage_kb, 44600);
	assert_int_equal(s.procs[0].pid, 31713);
	assert_string_equal(s.procs[0].comm, "python3");
	assert_int_equal(s.procs[0].oom_score, 668);
	assert_int_equal(s.procs[0].rank, 5);
	snapshot_free(&s);

	/* sample 8: the kill; vmstat oom_kill 2 -> 3, half a second later */
	if (rec_read(r, 8, &s, msg, sizeof msg) < 0)
		fail_msg("frame 8: %s", msg);
	assert_int_equal(s.oom_kills, 3);
	assert_int_equal(s.oom_kills_delta, 3 - 2);
	assert_int_equal(s.nevents, 1);
	assert_int_equal(s.events[0].kind, ZT_EV_OOM_KILL);
	assert_int_equal(s.events[0].count, 1);
	assert_int_equal(s.events[0].victim_pid, 31713);
	assert_int_equal(s.events[0].victim_rank, 5);
	assert_false(s.events[0].victim_predicted);
	assert_int_equal(s.cgroup.usage_kb, 556);
	snapshot_free(&s);
	rec_close(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jdelta),
		cmocka_unit_test(test_jdelta_random),
		cmocka_unit_test(test_jdelta_bad),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_live),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_rows_move),
		cmocka_unit_test(test_proc_same),
		cmocka_unit_test(test_damage_bound),
		cmocka_unit_test(test_events_sessions),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_flip),
		cmocka_unit_test(test_changed_after_open),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_refuse),
		cmocka_unit_test(test_foreign_link),
		cmocka_unit_test(test_disk_full),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_fixture_recording),
		cmocka_unit_test(test_fixture_values),
	};
	int rc;

	if (getenv("ZT_TEST_FILTER"))
		cmocka_set_test_filter(getenv("ZT_TEST_FILTER"));
	rc = cmocka_run_group_tests(tests, setup, teardown);

	json_decref(synth_base);
	return rc;
}
