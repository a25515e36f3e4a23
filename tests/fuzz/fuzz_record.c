/*
 * Fuzz the recording reader (record.c) and what it feeds: jdelta_apply()
 * and json_in(), then the batch printers (text and JSON) on the
 * snapshots it yields: in modes 0 and 1 on the first sample read and
 * the last frame's (every frame is still read), in mode 2 on the one.
 * The first byte picks how the rest is used:
 *   0  a recording file as it is (checksums and all)
 *   1  frames the harness packs into a valid file, so the fuzzer reaches
 *      the payloads: segments split at 0x1e, the first the header's
 *      metadata, each next one a frame: a byte (bit 0 delta, bit 1
 *      anchor) and the JSON text of its payload
 *   2  JSON: a sample for json_in(); or, split at 0x1e, a base and a
 *      change for jdelta_apply(), whose result must diff and apply back
 *      to itself
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <zlib.h>

#include "jdelta.h"
#include "json_in.h"
#include "output.h"
#include "record.h"
#include "snapshot.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;
static char path[64];

static void
put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void
consume(const struct zt_snapshot *s)
{
	struct out_opts oo = { .top = -1 };
	struct zt_buf b = { 0 };
	json_t *j = json_snapshot(s, &oo);

	text_snapshot(&b, s, &oo);
	buf_free(&b);
	json_decref(j);
}

static void
read_all(void)
{
	char why[256];
	struct rec_reader *r = rec_open(path, why, sizeof why);
	struct rec_event *ev;
	struct timespec t = { 1, 0 };

	if (r == NULL)
		return;
	/* every frame (64 at most) is read and converted; the printers get
	 * the first sample read and the last frame's.  They took half the
	 * time printing each sample of a recording, samples one delta
	 * apart, when mode 2 hands them any snapshot json_in accepts. */
	long n = rec_count(r) < 64 ? rec_count(r) : 64;
	bool printed = false;
	for (long i = 0; i < n; i++) {
		struct zt_snapshot s;
		if (rec_read(r, i, &s, why, sizeof why) == 0 && (!printed || i == n - 1)) {
			consume(&s);
			printed = true;
		}
		snapshot_free(&s);
	}
	if (rec_count(r) > 1) {	/* out of order: anchors from scratch */
		struct zt_snapshot s;
		rec_read(r, rec_count(r) - 1, &s, why, sizeof why);
		snapshot_free(&s);
		rec_read(r, 0, &s, why, sizeof why);
		snapshot_free(&s);
	}
	rec_find_time(r, &t);
	rec_events(r, &ev);
	free(ev);
	rec_damage_text(rec_damage(r), why, sizeof why);
	rec_update(r, why, sizeof why);
	rec_close(r);
}

/* One compressor for every frame of every input, reset before each: a
 * deflateInit per frame allocated and cleared its ~260 KiB of state
 * (under ASan) and took a third of the harness's time.  A reset stream
 * compresses exactly as a new one. */
static z_stream zs;
static bool zs_ready;

/* Pack segments into a recording with good checksums. */
static void
build(const uint8_t *p, size_t n, struct zt_buf *out)
{
	const uint8_t *end = p + n, *seg = p;
	struct zt_buf key = { 0 }, z = { 0 };
	uint32_t seq = 0, anchor = 0;
	bool first = true;

	buf_add(out, "ZONETOP\0\1\0\0\0\0\0\0\0", 16);
	while (seg <= end) {
		const uint8_t *e = memchr(seg, 0x1e, (size_t)(end - seg));
		size_t len = e ? (size_t)(e - seg) : (size_t)(end - seg);
		if (first) {
			unsigned char crc[4];
			buf_add(out, seg, len);
			put32((unsigned char *)out->p + 12, (uint32_t)len);
			put32(crc, (uint32_t)crc32(0, (const Bytef *)out->p, (uInt)out->len));
			buf_add(out, crc, 4);
			first = false;
		} else if (len > 0) {
			unsigned char h[40] = { 'Z', 'T', 'f', 'r' };
			bool delta = seg[0] & 1, anc = !delta || (seg[0] & 2);
			const char *text = (const char *)seg + 1;
			size_t tlen = len - 1;
			uLongf clen = compressBound((uLong)tlen) + 64;

			buf_clear(&z);
			buf_reserve(&z, clen);
			if (!zs_ready) {
				deflateInit(&zs, 1);
				zs_ready = true;
			} else
				deflateReset(&zs);
			if (delta && key.len > 0)
				deflateSetDictionary(&zs, (const Bytef *)key.p + (key.len > 32768 ?
				    key.len - 32768 : 0), (uInt)(key.len > 32768 ? 32768 : key.len));
			zs.next_in = (Bytef *)(uintptr_t)text;
			zs.avail_in = (uInt)tlen;
			zs.next_out = (Bytef *)z.p;
			zs.avail_out = (uInt)clen;
			deflate(&zs, Z_FINISH);
			z.len = zs.total_out;
			if (!delta) {
				buf_clear(&key);
				buf_add(&key, text, tlen);
			}
			h[4] = delta ? 2 : 1;
			h[5] = (unsigned char)((delta ? 1 : 0) | (anc ? 2 : 0));
			put32(h + 8, seq);
			put32(h + 12, delta ? anchor : seq);
			put32(h + 16, 1000 * seq);
			put32(h + 24, (uint32_t)z.len);
			put32(h + 28, (uint32_t)tlen);
			put32(h + 32, (uint32_t)crc32(0, (const Bytef *)z.p, (uInt)z.len));
			put32(h + 36, (uint32_t)crc32(0, h, 36));
			buf_add(out, h, sizeof h);
			buf_add(out, z.p, z.len);
			if (anc)
				anchor = seq;
			seq++;
		}
		if (e == NULL)
			break;
		seg = e + 1;
	}
	buf_free(&key);
	buf_free(&z);
}

static void
json_mode(const uint8_t *p, size_t n)
{
	const uint8_t *sep = memchr(p, 0x1e, n);
	char why[128];

	if (sep == NULL) {
		json_t *j = json_loadb((const char *)p, n, 0, NULL);
		struct zt_snapshot s;
		if (j && json_in(j, &s, why, sizeof why) == 0)
			consume(&s);
		if (j)
			snapshot_free(&s);
		json_decref(j);
		return;
	}
	json_t *b = json_loadb((const char *)p, (size_t)(sep - p), JSON_DECODE_ANY, NULL);
	json_t *c = json_loadb((const char *)sep + 1, n - (size_t)(sep - p) - 1,
	    JSON_DECODE_ANY, NULL);
	if (b && c) {
		json_t *t = jdelta_apply(b, c, why, sizeof why);
		if (t) {
			json_t *d = jdelta_diff(b, t);
			json_t *t2 = d ? jdelta_apply(b, d, why, sizeof why) : json_incref(b);
			if (t2 == NULL || !json_equal(t, t2))
				__builtin_trap();	/* diff and apply disagree */
			struct zt_buf out = { 0 };
			jdelta_dump(&out, t);
			buf_free(&out);
			json_decref(t2);
			json_decref(d);
			json_decref(t);
		}
	}
	json_decref(b);
	json_decref(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zt_buf file = { 0 };

	if (size < 1)
		return 0;
	if (memfd < 0) {
		memfd = memfd_create("fuzz_record", 0);
		if (memfd < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", memfd);
	}
	switch (data[0] % 3) {
	case 0:
		buf_add(&file, data + 1, size - 1);
		break;
	case 1:
		build(data + 1, size - 1, &file);
		break;
	default:
		json_mode(data + 1, size - 1);
		return 0;
	}
	if (ftruncate(memfd, 0) < 0 || pwrite(memfd, file.p ? file.p : "", file.len, 0) !=
	    (ssize_t)file.len)
		abort();
	buf_free(&file);
	read_all();
	return 0;
}
