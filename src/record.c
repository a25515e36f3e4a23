/*
 * record.c: the recording file (format in record.h): the reader, which
 * indexes a file once and decodes any frame from its bytes and its
 * keyframe's; and the writer, which appends a sample at a time and
 * flushes each to the disk (`zonetop record FILE` is cmd_record.c).
 *
 * The reader owns an index of the intact frames (offset, time, kind,
 * its keyframe) and one decoded keyframe, the last one used: stepping
 * through a recording decodes each keyframe once.  The writer owns the
 * last keyframe it wrote, as JSON and as the dictionary for the deltas.
 * Neither ever exits: errors come back as one line in why.
 */
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "jdelta.h"
#include "json_in.h"
#include "output.h"
#include "util.h"

static const char rec_sync[4] = { 'Z', 'T', 'f', 'r' };

/* ---- little-endian fields ---- */

static void
rec_put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
rec_put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void
rec_put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint16_t
rec_get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
rec_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
rec_get64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint32_t
rec_crc(const void *p, size_t n)
{
	return (uint32_t)crc32(0L, (const Bytef *)p, (uInt)n);
}

/* ---- frame headers ---- */

struct rec_fhdr {
	int kind, flags, nev;
	uint32_t seq, base, clen, rlen, pcrc;
	int64_t time_ms;
};

static void
rec_fhdr_pack(unsigned char *h, const struct rec_fhdr *f)
{
	memcpy(h, rec_sync, 4);
	h[4] = (unsigned char)f->kind;
	h[5] = (unsigned char)f->flags;
	rec_put16(h + 6, (uint16_t)f->nev);
	rec_put32(h + 8, f->seq);
	rec_put32(h + 12, f->base);
	rec_put64(h + 16, (uint64_t)f->time_ms);
	rec_put32(h + 24, f->clen);
	rec_put32(h + 28, f->rlen);
	rec_put32(h + 32, f->pcrc);
	rec_put32(h + 36, rec_crc(h, 36));
}

/* A header that checks: sync, CRC and sane fields. */
static bool
rec_fhdr_unpack(const unsigned char *h, struct rec_fhdr *f)
{
	if (memcmp(h, rec_sync, 4) != 0 || rec_get32(h + 36) != rec_crc(h, 36))
		return false;
	f->kind = h[4];
	f->flags = h[5];
	f->nev = rec_get16(h + 6);
	f->seq = rec_get32(h + 8);
	f->base = rec_get32(h + 12);
	f->time_ms = (int64_t)rec_get64(h + 16);
	f->clen = rec_get32(h + 24);
	f->rlen = rec_get32(h + 28);
	f->pcrc = rec_get32(h + 32);
	return (f->kind == REC_KEY || f->kind == REC_DELTA) &&
	    (f->flags & ~(REC_F_DICT | REC_F_ANCHOR)) == 0 &&
	    f->clen <= REC_MAX_PAYLOAD && f->rlen <= REC_MAX_RAW;
}

/* ---- compression ---- */

static int
rec_deflate(const char *in, size_t n, const char *dict, size_t dlen,
    struct zt_buf *out)
{
	z_stream zs;
	uLong bound;
	int rc;

	memset(&zs, 0, sizeof zs);
	if (deflateInit(&zs, 9) != Z_OK)
		return -1;
	if (dict && deflateSetDictionary(&zs, (const Bytef *)dict, (uInt)dlen) != Z_OK) {
		deflateEnd(&zs);
		return -1;
	}
	bound = deflateBound(&zs, (uLong)n);
	buf_clear(out);
	buf_reserve(out, bound + 1);
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)n;
	zs.next_out = (Bytef *)out->p;
	zs.avail_out = (uInt)bound;
	rc = deflate(&zs, Z_FINISH);
	out->len = zs.total_out;
	deflateEnd(&zs);
	return rc == Z_STREAM_END ? 0 : -1;
}

/* Exactly rlen bytes out of in, or -1.  The buffer grows with what the
 * stream really holds, so a lying length allocates nothing. */
static int
rec_inflate(const unsigned char *in, size_t n, size_t rlen, const char *dict,
    size_t dlen, struct zt_buf *out, char *why, size_t whylen)
{
	z_stream zs;
	int rc = Z_OK;

	memset(&zs, 0, sizeof zs);
	if (inflateInit(&zs) != Z_OK) {
		snprintf(why, whylen, "zlib: %s", zs.msg ? zs.msg : "init failed");
		return -1;
	}
	buf_clear(out);
	buf_reserve(out, 0);
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)n;
	while (rc == Z_OK || rc == Z_BUF_ERROR) {
		size_t room = out->cap > out->len + 1 ? out->cap - out->len - 1 : 0;
		if (room == 0) {
			if (out->len >= rlen) {
				rc = Z_BUF_ERROR;	/* more than the header said */
				break;
			}
			buf_reserve(out, out->len < 65536 ? 65536 : out->len);
			room = out->cap - out->len - 1;
		}
		if (room > rlen + 1 - out->len)
			room = rlen + 1 - out->len;	/* one over: see a longer stream */
		zs.next_out = (Bytef *)out->p + out->len;
		zs.avail_out = (uInt)room;
		rc = inflate(&zs, Z_NO_FLUSH);
		out->len += room - zs.avail_out;
		if (rc == Z_NEED_DICT) {
			if (dict == NULL || inflateSetDictionary(&zs, (const Bytef *)dict,
			    (uInt)dlen) != Z_OK)
				break;
			rc = Z_OK;
		} else if (rc == Z_BUF_ERROR && zs.avail_in == 0)
			break;		/* input ended before the stream */
		if (out->len > rlen)
			break;
	}
	out->p[out->len < out->cap ? out->len : out->cap - 1] = '\0';
	if (rc != Z_STREAM_END || out->len != rlen || zs.avail_in != 0) {
		snprintf(why, whylen, "bad compressed data (%s)",
		    zs.msg ? zs.msg : rc == Z_STREAM_END || out->len > rlen ?
		    "wrong length" : rc == Z_NEED_DICT ? "no dictionary" : "truncated");
		inflateEnd(&zs);
		return -1;
	}
	inflateEnd(&zs);
	return 0;
}

/* ---- I/O ---- */

static int
rec_pread(int fd, void *p, size_t n, int64_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = pread(fd, (char *)p + got, n - got, (off_t)off + (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

static int
rec_write_all(int fd, const void *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t k = write(fd, (const char *)p + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0) {
			errno = ENOSPC;
			return -1;
		}
		done += (size_t)k;
	}
	return 0;
}

/* ---- the file header ---- */

static void
rec_meta_build(struct zt_buf *out, const struct zt_snapshot *s)
{
	json_t *m = json_object();
	struct timespec now;
	char t[48];
	long ms;

	clock_gettime(CLOCK_REALTIME, &now);
	fmt_rfc3339(t, sizeof t, &now);
	json_object_set_new(m, "host", json_text(s->hostname, strlen(s->hostname)));
	json_object_set_new(m, "kernel", json_text(s->kernel, strlen(s->kernel)));
	json_object_set_new(m, "page_kb", json_integer(s->page_kb));
	json_object_set_new(m, "created", json_string(t));
	ms = now.tv_nsec / 1000000;	/* as "created" says */
	json_object_set_new(m, "created_unix", json_real((double)now.tv_sec +
	    (double)ms / 1000.0));
	json_object_set_new(m, "zonetop", json_string(ZT_VERSION));
	json_object_set_new(m, "keyframe_every", json_integer(REC_KEY_EVERY));
	buf_clear(out);
	buf_add(out, REC_MAGIC, 8);	/* with its NUL */
	buf_add(out, "\0\0\0\0\0\0\0\0", 8);
	jdelta_dump(out, m);
	json_decref(m);
	rec_put16((unsigned char *)out->p + 8, REC_VERSION);
	rec_put16((unsigned char *)out->p + 10, 0);
	rec_put32((unsigned char *)out->p + 12, (uint32_t)(out->len - REC_HEADER_FIXED));
	buf_reserve(out, 4);
	rec_put32((unsigned char *)out->p + out->len, rec_crc(out->p, out->len));
	out->len += 4;
}

static void
rec_meta_parse(const char *text, size_t n, struct rec_info *info)
{
	json_t *m = json_loadb(text, n, 0, NULL);
	const json_t *v;

	if (!json_is_object(m)) {
		json_decref(m);
		return;
	}
	if (json_is_string(v = json_object_get(m, "host")))
		strlcpy0(info->host, json_string_value(v), sizeof info->host);
	if (json_is_string(v = json_object_get(m, "kernel")))
		strlcpy0(info->kernel, json_string_value(v), sizeof info->kernel);
	if (json_is_integer(v = json_object_get(m, "page_kb")))
		info->page_kb = (int)json_integer_value(v);
	if (json_is_string(v = json_object_get(m, "created")))
		json_in_time(json_string_value(v), &info->created);
	if (json_is_string(v = json_object_get(m, "zonetop")))
		strlcpy0(info->zonetop, json_string_value(v), sizeof info->zonetop);
	json_decref(m);
}

static bool
rec_event_same(const struct zt_event *a, const struct zt_event *b)
{
	return a->when.tv_sec == b->when.tv_sec && a->when.tv_nsec == b->when.tv_nsec &&
	    a->kind == b->kind && a->count == b->count &&
	    a->victim_pid == b->victim_pid && strcmp(a->text, b->text) == 0;
}

/* ---- reader ---- */

struct rec_frame {
	int64_t off;			/* of the frame header */
	int64_t time_ms;
	uint32_t clen, rlen, seq, pcrc;
	uint16_t nev;
	uint8_t kind;
	bool anchor;			/* later deltas may apply to it */
	bool bad;			/* failed to decode */
	long base;			/* index of the frame it applies to, -1 */
	long key;			/* index of its keyframe */
};

struct rec_reader {
	int fd;
	char *path;
	struct rec_info info;
	struct rec_damage dmg;
	struct rec_frame *f;
	long n, cap;

	/* scanning: everything before scan_off is indexed and counted */
	int64_t scan_off;
	bool have_seq;
	uint32_t last_seq;
	long last_anchor;		/* index of the newest anchor, -1 */

	/* the decoded keyframe and the last decoded anchor */
	long kidx;
	json_t *kjson;
	char *kdict;
	size_t kdictlen;
	long aidx;
	json_t *ajson;

	struct zt_buf pay, raw;
};

/* Read and check the file header.  -1 with why: refuse the file. */
static int
rec_read_header(struct rec_reader *r, int64_t size, char *why, size_t whylen)
{
	unsigned char h[REC_HEADER_FIXED];
	uint32_t mlen;
	char *meta;

	int same = 0;

	if (size >= REC_HEADER_FIXED && rec_pread(r->fd, h, sizeof h, 0) == 0)
		for (int i = 0; i < 8; i++)
			same += h[i] == (unsigned char)REC_MAGIC[i];
	if (same < 5) {
		snprintf(why, whylen, "%s: not a zonetop recording", r->path);
		return -1;
	}
	if (same < 8) {
		/* a few bytes of the magic damaged: read on, and say so */
		r->dmg.header_damaged = true;
		r->scan_off = 8;
		return 0;
	}
	r->info.version = rec_get16(h + 8);
	mlen = rec_get32(h + 12);
	if (mlen > REC_MAX_META || REC_HEADER_FIXED + (int64_t)mlen + 4 > size) {
		/* a damaged length: find the first frame instead */
		r->dmg.header_damaged = true;
		r->scan_off = 8;
		return 0;
	}
	meta = xmalloc((size_t)mlen + REC_HEADER_FIXED + 4);
	if (rec_pread(r->fd, meta, (size_t)mlen + REC_HEADER_FIXED + 4, 0) < 0) {
		free(meta);
		snprintf(why, whylen, "%s: %s", r->path, strerror(errno ? errno : EIO));
		return -1;
	}
	if (rec_get32((unsigned char *)meta + REC_HEADER_FIXED + mlen) !=
	    rec_crc(meta, REC_HEADER_FIXED + mlen)) {
		r->dmg.header_damaged = true;
		r->info.version = REC_VERSION;
	} else {
		if (r->info.version > REC_VERSION) {
			snprintf(why, whylen, "%s: recording format version %d is newer "
			    "than this zonetop reads (%d); upgrade zonetop", r->path,
			    r->info.version, REC_VERSION);
			free(meta);
			return -1;
		}
		if (r->info.version < 1) {
			snprintf(why, whylen, "%s: recording format version %d is not "
			    "a version zonetop ever wrote", r->path, r->info.version);
			free(meta);
			return -1;
		}
		rec_meta_parse(meta + REC_HEADER_FIXED, mlen, &r->info);
	}
	free(meta);
	r->scan_off = REC_HEADER_FIXED + (int64_t)mlen + 4;
	return 0;
}

/* The next offset >= from holding a frame header that checks, -1 none. */
static int64_t
rec_find_sync(struct rec_reader *r, int64_t from, int64_t end)
{
	unsigned char chunk[65536 + REC_FRAME_HEADER];
	struct rec_fhdr f;

	while (from + REC_FRAME_HEADER <= end) {
		size_t want = sizeof chunk;
		if ((int64_t)want > end - from)
			want = (size_t)(end - from);
		if (rec_pread(r->fd, chunk, want, from) < 0)
			return -1;
		for (size_t i = 0; i + REC_FRAME_HEADER <= want; i++) {
			const unsigned char *p = memchr(chunk + i, 'Z', want - i);
			if (p == NULL)
				break;
			i = (size_t)(p - chunk);
			if (i + REC_FRAME_HEADER <= want && rec_fhdr_unpack(p, &f))
				return from + (int64_t)i;
		}
		/* the last bytes may start a header: overlap the chunks */
		from += (int64_t)want - REC_FRAME_HEADER + 1;
	}
	return -1;
}

static void
rec_note_seq(struct rec_reader *r, uint32_t seq)
{
	/* frames whose headers were destroyed show as a gap; a file's
	 * first frame is number 0 */
	if (r->have_seq && seq > r->last_seq + 1 && seq - r->last_seq - 1 < (1u << 24))
		r->dmg.damaged += (long)(seq - r->last_seq - 1);
	else if (!r->have_seq && seq > 0 && seq < (1u << 24))
		r->dmg.damaged += (long)seq;
	r->have_seq = true;
	r->last_seq = seq;
}

static void
rec_index_add(struct rec_reader *r, const struct rec_fhdr *h, int64_t off)
{
	struct rec_frame *f;

	bool anchor = h->kind == REC_KEY || (h->flags & REC_F_ANCHOR);

	if (h->kind == REC_DELTA && (r->last_anchor < 0 ||
	    r->f[r->last_anchor].seq != h->base)) {
		r->dmg.lost++;
		if (anchor)
			r->last_anchor = -1;	/* and so are the frames on it */
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->f = xreallocarray(r->f, (size_t)r->cap, sizeof *r->f);
	}
	f = &r->f[r->n];
	memset(f, 0, sizeof *f);
	f->off = off;
	f->time_ms = h->time_ms;
	f->clen = h->clen;
	f->rlen = h->rlen;
	f->seq = h->seq;
	f->pcrc = h->pcrc;
	f->nev = (uint16_t)h->nev;
	f->kind = (uint8_t)h->kind;
	f->anchor = anchor;
	f->base = h->kind == REC_KEY ? -1 : r->last_anchor;
	f->key = h->kind == REC_KEY ? r->n : r->f[r->last_anchor].key;
	if (anchor)
		r->last_anchor = r->n;
	r->n++;
}

/* Index from scan_off to the end of the file. */
static long
rec_scan(struct rec_reader *r, char *why, size_t whylen)
{
	struct stat st;
	int64_t off = r->scan_off, pending = 0, size;
	long before = r->n;

	if (fstat(r->fd, &st) < 0) {
		snprintf(why, whylen, "%s: %s", r->path, strerror(errno));
		return -1;
	}
	size = st.st_size;
	while (off + REC_FRAME_HEADER <= size) {
		unsigned char h[REC_FRAME_HEADER];
		struct rec_fhdr f;
		int64_t end, next;

		if (rec_pread(r->fd, h, sizeof h, off) < 0)
			break;
		if (!rec_fhdr_unpack(h, &f)) {
			if ((next = rec_find_sync(r, off + 1, size)) < 0)
				break;
			pending += next - off;
			off = next;
			continue;
		}
		end = off + REC_FRAME_HEADER + f.clen;
		if (end > size)
			break;		/* being written, or cut off */
		buf_clear(&r->pay);
		buf_reserve(&r->pay, f.clen + 1);
		if (rec_pread(r->fd, r->pay.p, f.clen, off + REC_FRAME_HEADER) < 0)
			break;
		rec_note_seq(r, f.seq);
		r->dmg.skipped_bytes += pending;
		pending = 0;
		if (rec_crc(r->pay.p, f.clen) == f.pcrc) {
			rec_index_add(r, &f, off);
			off = end;
		} else {
			r->dmg.damaged++;
			if (f.kind == REC_KEY || (f.flags & REC_F_ANCHOR))
				r->last_anchor = -1;
			/* a frame may hide in it if a writer died mid-frame */
			next = rec_find_sync(r, off + REC_FRAME_HEADER, end);
			r->dmg.skipped_bytes += (next >= 0 ? next : end) - off;
			off = next >= 0 ? next : end;
		}
		r->scan_off = off;
	}
	r->dmg.tail_bytes = size - r->scan_off;
	return r->n - before;
}

struct rec_reader *
rec_open(const char *path, char *why, size_t whylen)
{
	struct rec_reader *r = xcalloc(1, sizeof *r);
	struct stat st;

	r->path = xstrdup(path);
	r->last_anchor = -1;
	r->kidx = r->aidx = -1;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (fstat(r->fd, &st) < 0 || S_ISDIR(st.st_mode)) {
		snprintf(why, whylen, "%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory" : strerror(errno));
		goto fail;
	}
	if (rec_read_header(r, st.st_size, why, whylen) < 0 ||
	    rec_scan(r, why, whylen) < 0)
		goto fail;
	return r;
fail:
	rec_close(r);
	return NULL;
}

void
rec_close(struct rec_reader *r)
{
	if (r == NULL)
		return;
	if (r->fd >= 0)
		close(r->fd);
	json_decref(r->kjson);
	json_decref(r->ajson);
	free(r->kdict);
	free(r->f);
	free(r->path);
	buf_free(&r->pay);
	buf_free(&r->raw);
	free(r);
}

long
rec_update(struct rec_reader *r, char *why, size_t whylen)
{
	return rec_scan(r, why, whylen);
}

const struct rec_info *
rec_info(const struct rec_reader *r)
{
	return &r->info;
}

long
rec_count(const struct rec_reader *r)
{
	return r->n;
}

const struct rec_damage *
rec_damage(const struct rec_reader *r)
{
	return &r->dmg;
}

static struct timespec
rec_ms_time(int64_t ms)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += 1000000000;
	}
	return ts;
}

struct timespec
rec_time(const struct rec_reader *r, long i)
{
	struct timespec zero = { 0, 0 };

	return i >= 0 && i < r->n ? rec_ms_time(r->f[i].time_ms) : zero;
}

long
rec_find_time(const struct rec_reader *r, const struct timespec *t)
{
	int64_t want = (int64_t)t->tv_sec * 1000 + t->tv_nsec / 1000000;
	long best = -1;
	uint64_t bestd = UINT64_MAX;

	/* linear: clocks may step back between append sessions */
	for (long i = 0; i < r->n; i++) {
		int64_t d = r->f[i].time_ms - want;
		uint64_t ad = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
		if (ad < bestd) {
			bestd = ad;
			best = i;
		}
	}
	return best;
}

/* The payload of frame i decompressed into r->raw. */
static int
rec_payload(struct rec_reader *r, long i, const char *dict, size_t dlen,
    char *why, size_t whylen)
{
	const struct rec_frame *f = &r->f[i];

	buf_clear(&r->pay);
	buf_reserve(&r->pay, f->clen + 1);
	if (rec_pread(r->fd, r->pay.p, f->clen, f->off + REC_FRAME_HEADER) < 0) {
		snprintf(why, whylen, "frame %ld: cannot read it", i);
		return -1;
	}
	if (rec_crc(r->pay.p, f->clen) != f->pcrc) {
		snprintf(why, whylen, "frame %ld: checksum changed since it was indexed", i);
		return -1;
	}
	return rec_inflate((unsigned char *)r->pay.p, f->clen, f->rlen, dict, dlen,
	    &r->raw, why, whylen);
}

static int
rec_load_key(struct rec_reader *r, long k, char *why, size_t whylen)
{
	json_error_t err;
	json_t *j;
	size_t d;

	if (r->kidx == k)
		return 0;
	if (rec_payload(r, k, NULL, 0, why, whylen) < 0)
		return -1;
	j = json_loadb(r->raw.p, r->raw.len, 0, &err);
	if (!json_is_object(j)) {
		snprintf(why, whylen, "keyframe %ld: bad JSON (%.80s)", k,
		    j ? "not an object" : err.text);
		json_decref(j);
		return -1;
	}
	json_decref(r->kjson);
	free(r->kdict);
	r->kjson = j;
	d = r->raw.len < REC_DICT_MAX ? r->raw.len : REC_DICT_MAX;
	r->kdict = xmalloc(d + 1);
	memcpy(r->kdict, r->raw.p + r->raw.len - d, d);
	r->kdictlen = d;
	r->kidx = k;
	return 0;
}

/* The JSON object of frame i: its keyframe's with the changes of the
 * anchors between applied, then its own. */
static json_t *
rec_state(struct rec_reader *r, long i, char *why, size_t whylen)
{
	struct rec_frame *f = &r->f[i];
	json_error_t err;
	json_t *base = NULL, *c, *j = NULL;
	char w[160];

	if (i == r->aidx)
		return json_incref(r->ajson);
	if (rec_load_key(r, f->key, w, sizeof w) < 0)
		goto bad;
	if (f->kind == REC_KEY)
		return json_incref(r->kjson);
	if ((base = rec_state(r, f->base, w, sizeof w)) == NULL)
		goto bad;
	if (rec_payload(r, i, r->kdict, r->kdictlen, w, sizeof w) < 0)
		goto bad;
	c = json_loadb(r->raw.p, r->raw.len, 0, &err);
	if (c == NULL) {
		snprintf(w, sizeof w, "bad JSON (%.80s)", err.text);
		goto bad;
	}
	j = jdelta_apply(base, c, w, sizeof w);
	json_decref(c);
	if (j == NULL)
		goto bad;
	json_decref(base);
	if (f->anchor) {
		json_decref(r->ajson);
		r->ajson = json_incref(j);
		r->aidx = i;
	}
	return j;
bad:
	json_decref(base);
	if (!f->bad) {
		f->bad = true;
		r->dmg.undecodable++;
	}
	/* rec_payload's and rec_load_key's causes name their frame already */
	if (strncmp(w, "frame ", 6) == 0 || strncmp(w, "keyframe ", 9) == 0)
		snprintf(why, whylen, "%s", w);
	else
		snprintf(why, whylen, "frame %ld: %s", i, w);
	return NULL;
}

json_t *
rec_read_json(struct rec_reader *r, long i, char *why, size_t whylen)
{
	if (i < 0 || i >= r->n) {
		snprintf(why, whylen, "no frame %ld (the recording has %ld)", i, r->n);
		return NULL;
	}
	return rec_state(r, i, why, whylen);
}

int
rec_read(struct rec_reader *r, long i, struct zt_snapshot *s, char *why,
    size_t whylen)
{
	json_t *j = rec_read_json(r, i, why, whylen);
	int rc;

	if (j == NULL) {
		snapshot_init(s);
		return -1;
	}
	rc = json_in(j, s, why, whylen);
	json_decref(j);
	if (rc < 0 && !r->f[i].bad) {
		r->f[i].bad = true;
		r->dmg.undecodable++;
	}
	return rc;
}

long
rec_events(struct rec_reader *r, struct rec_event **ev)
{
	long n = 0, cap = 0;

	*ev = NULL;
	for (long i = 0; i < r->n; i++) {
		struct zt_snapshot s;
		char why[160];
		int first;

		if (r->f[i].nev == 0 || rec_read(r, i, &s, why, sizeof why) < 0)
			continue;
		first = s.nevents - r->f[i].nev;
		for (int k = first < 0 ? 0 : first; k < s.nevents; k++) {
			/* a monitor that starts recording again repeats the
			 * events it kept: list each once */
			bool dup = false;
			for (long m = n - 1; m >= 0 && m >= n - 512 && !dup; m--)
				dup = rec_event_same(&(*ev)[m].ev, &s.events[k]);
			if (dup)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				*ev = xreallocarray(*ev, (size_t)cap, sizeof **ev);
			}
			(*ev)[n].frame = i;
			(*ev)[n].ev = s.events[k];
			n++;
		}
		snapshot_free(&s);
	}
	return n;
}

void
rec_damage_text(const struct rec_damage *d, char *buf, size_t len)
{
	struct zt_buf b = { 0 };

	if (d->header_damaged)
		buf_printf(&b, "file header damaged");
	if (d->damaged)
		buf_printf(&b, "%s%ld damaged frame%s skipped", b.len ? ", " : "",
		    d->damaged, d->damaged == 1 ? "" : "s");
	if (d->lost)
		buf_printf(&b, "%s%ld frame%s lost with a damaged keyframe",
		    b.len ? ", " : "", d->lost, d->lost == 1 ? "" : "s");
	if (d->undecodable)
		buf_printf(&b, "%s%ld frame%s would not decode", b.len ? ", " : "",
		    d->undecodable, d->undecodable == 1 ? "" : "s");
	if (d->skipped_bytes && !d->damaged)
		buf_printf(&b, "%s%lld bytes of garbage skipped", b.len ? ", " : "",
		    (long long)d->skipped_bytes);
	if (d->tail_bytes)
		buf_printf(&b, "%slast frame incomplete (%lld bytes, cut off)",
		    b.len ? ", " : "", (long long)d->tail_bytes);
	strlcpy0(buf, b.p ? b.p : "", len);
	buf_free(&b);
}

/* ---- writer ---- */

struct rec_writer {
	int fd;
	char *path;
	bool regular;
	bool sync;			/* fdatasync() each frame */
	uint32_t seq;			/* of the next frame */
	long frames;
	int64_t bytes;			/* file size */

	json_t *kjson;			/* the last keyframe */
	char *kdict;			/* the end of its text */
	size_t kdictlen, ktextlen;
	json_t *ajson;			/* the last anchor (or that keyframe) */
	uint32_t aseq;
	long since_key, since_anchor;

	bool have_prev;			/* the last event already written */
	struct zt_event prev_last;
	bool prev_none;

	char err[256];			/* set when stopped */
	struct zt_buf text, pay, frame;
};

static void
rec_writer_free(struct rec_writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	json_decref(w->kjson);
	json_decref(w->ajson);
	free(w->kdict);
	free(w->path);
	buf_free(&w->text);
	buf_free(&w->pay);
	buf_free(&w->frame);
	free(w);
}

/* Check an existing recording before appending to it. */
static int
rec_writer_check(struct rec_writer *w, const struct zt_snapshot *first,
    int64_t size, char *msg, size_t msglen)
{
	struct rec_reader *r = rec_open(w->path, msg, msglen);
	const struct rec_info *in;
	int rc = -1;

	if (r == NULL)
		return -1;	/* not a recording, newer: msg says so */
	in = rec_info(r);
	if (r->dmg.header_damaged)
		snprintf(msg, msglen, "%s: the recording's header is damaged; "
		    "not appending to it (record to a new file)", w->path);
	else if (strcmp(in->host, first->hostname) != 0 ||
	    strcmp(in->kernel, first->kernel) != 0)
		snprintf(msg, msglen, "%s: recorded on host '%s' kernel %s, this is "
		    "host '%s' kernel %s: not appending (record to a new file)",
		    w->path, in->host, in->kernel, first->hostname, first->kernel);
	else if (in->page_kb != first->page_kb)
		snprintf(msg, msglen, "%s: recorded with %d KiB pages, this system "
		    "has %d KiB: not appending", w->path, in->page_kb, first->page_kb);
	else if (in->version != REC_VERSION)
		snprintf(msg, msglen, "%s: recording format version %d is older than "
		    "this zonetop writes (%d): not appending (record to a new file)",
		    w->path, in->version, REC_VERSION);
	else
		rc = 0;
	if (rc == 0) {
		w->seq = r->have_seq ? r->last_seq + 1 : 0;
		w->bytes = r->scan_off;
		snprintf(msg, msglen, "appending to %s (%ld frames)", w->path, r->n);
		if (r->scan_off < size) {
			/* an incomplete last frame: a recorder was killed */
			if (ftruncate(w->fd, (off_t)r->scan_off) < 0) {
				snprintf(msg, msglen, "%s: cannot drop its incomplete last "
				    "frame: %s", w->path, strerror(errno));
				rc = -1;
			} else
				snprintf(msg, msglen, "appending to %s (%ld frames; dropped "
				    "%lld bytes of an incomplete last frame)", w->path, r->n,
				    (long long)(size - r->scan_off));
		}
	}
	rec_close(r);
	return rc;
}

struct rec_writer *
rec_writer_open(const char *path, const struct zt_snapshot *first, char *msg,
    size_t msglen)
{
	struct rec_writer *w = xcalloc(1, sizeof *w);
	struct stat st;

	msg[0] = '\0';
	w->path = xstrdup(path);
	w->sync = true;
	w->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (w->fd < 0 || fstat(w->fd, &st) < 0) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (flock(w->fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
		snprintf(msg, msglen, "%s: another zonetop is recording to it", path);
		goto fail;
	}
	w->regular = S_ISREG(st.st_mode);
	if (w->regular && st.st_size > 0) {
		if (rec_writer_check(w, first, st.st_size, msg, msglen) < 0)
			goto fail;
		if (lseek(w->fd, (off_t)w->bytes, SEEK_SET) < 0) {
			snprintf(msg, msglen, "%s: %s", path, strerror(errno));
			goto fail;
		}
		return w;
	}
	rec_meta_build(&w->frame, first);
	if (rec_write_all(w->fd, w->frame.p, w->frame.len) < 0 ||
	    (fdatasync(w->fd) < 0 && errno != EINVAL && errno != EROFS)) {
		snprintf(msg, msglen, "%s: write failed: %s", path, strerror(errno));
		if (w->regular && ftruncate(w->fd, 0) < 0)
			(void)0;	/* an empty file counts as a new one */
		goto fail;
	}
	w->bytes = (int64_t)w->frame.len;
	return w;
fail:
	rec_writer_free(w);
	return NULL;
}

/* How many of s's events the frames before did not have. */
static int
rec_new_events(struct rec_writer *w, const struct zt_snapshot *s)
{
	int n = s->nevents;

	if (w->have_prev && !w->prev_none)
		for (int i = s->nevents - 1; i >= 0; i--)
			if (rec_event_same(&s->events[i], &w->prev_last)) {
				n = s->nevents - 1 - i;
				break;
			}
	w->have_prev = true;
	w->prev_none = s->nevents == 0;
	if (s->nevents > 0)
		w->prev_last = s->events[s->nevents - 1];
	return n > 0xffff ? 0xffff : n;
}

/* The keyframe object: events and processes first, so that the 32 KiB
 * dictionary at its end holds the rest of a sample. */
static json_t *
rec_key_order(json_t *j)
{
	json_t *o = json_object(), *v;
	const char *key;

	if ((v = json_object_get(j, "events")))
		json_object_set(o, "events", v);
	if ((v = json_object_get(j, "processes")))
		json_object_set(o, "processes", v);
	json_object_foreach(j, key, v)
		if (strcmp(key, "events") != 0 && strcmp(key, "processes") != 0)
			json_object_set(o, key, v);
	return o;
}

/* Bytes of process rows a change gives whole: rows new since the anchor,
 * which each later delta would send again until the next anchor. */
static size_t
rec_new_rows(const json_t *c, struct zt_buf *tmp)
{
	const json_t *p = json_object_get(c, "processes"), *rows, *v;
	const char *pid;
	size_t n = 0;

	if (!json_is_array(p) || json_array_size(p) != 4)
		return 0;
	rows = json_array_get(p, 2);
	json_object_foreach((json_t *)rows, pid, v) {
		if (!json_is_array(v))
			continue;
		buf_clear(tmp);
		jdelta_dump(tmp, v);
		n += tmp->len;
	}
	return n;
}

static int
rec_writer_fail(struct rec_writer *w, const char *what, int err, char *why,
    size_t whylen)
{
	snprintf(w->err, sizeof w->err, "%s: %s: %s; recording stopped after %ld "
	    "samples", w->path, what, strerror(err), w->frames);
	snprintf(why, whylen, "%s", w->err);
	return -1;
}

int
rec_writer_append(struct rec_writer *w, const struct zt_snapshot *s, char *why,
    size_t whylen)
{
	struct out_opts all = { .top = -1 };
	struct rec_fhdr h = { 0 };
	json_t *j;
	bool key, anchor;

	if (w->err[0]) {
		snprintf(why, whylen, "%s", w->err);
		return -1;
	}
	j = json_snapshot(s, &all);
	json_object_set_new(j, JSON_IN_RAW_KEY, json_in_raw(s));
	key = w->kjson == NULL || w->since_key + 1 >= REC_KEY_EVERY;
	anchor = w->since_anchor + 1 >= REC_ANCHOR_EVERY;
	if (!key) {
		json_t *c = jdelta_diff(w->ajson, j);
		if (c == NULL)
			c = json_object();	/* the same sample again */
		/* anchor here rather than send the new rows again and again */
		if (rec_new_rows(c, &w->frame) > REC_ANCHOR_NEW)
			anchor = true;
		buf_clear(&w->text);
		jdelta_dump(&w->text, c);
		json_decref(c);
		if (w->text.len * 2 > w->ktextlen)
			key = true;
	}
	if (key) {
		json_t *o = rec_key_order(j);
		buf_clear(&w->text);
		jdelta_dump(&w->text, o);
		json_decref(o);
	}
	if (w->text.len > REC_MAX_RAW ||
	    rec_deflate(w->text.p, w->text.len, key ? NULL : w->kdict,
	    key ? 0 : w->kdictlen, &w->pay) < 0 || w->pay.len > REC_MAX_PAYLOAD) {
		json_decref(j);
		snprintf(w->err, sizeof w->err, "%s: a sample of %zu bytes of JSON is "
		    "too large to record; recording stopped", w->path, w->text.len);
		snprintf(why, whylen, "%s", w->err);
		return -1;
	}
	anchor = anchor || key;
	h.kind = key ? REC_KEY : REC_DELTA;
	h.flags = (key ? 0 : REC_F_DICT) | (anchor ? REC_F_ANCHOR : 0);
	h.nev = rec_new_events(w, s);
	h.seq = w->seq;
	h.base = key ? w->seq : w->aseq;
	h.time_ms = (int64_t)s->when.tv_sec * 1000 + s->when.tv_nsec / 1000000;
	h.clen = (uint32_t)w->pay.len;
	h.rlen = (uint32_t)w->text.len;
	h.pcrc = rec_crc(w->pay.p, w->pay.len);
	buf_clear(&w->frame);
	buf_reserve(&w->frame, REC_FRAME_HEADER + w->pay.len);
	rec_fhdr_pack((unsigned char *)w->frame.p, &h);
	memcpy(w->frame.p + REC_FRAME_HEADER, w->pay.p, w->pay.len);
	w->frame.len = REC_FRAME_HEADER + w->pay.len;
	if (rec_write_all(w->fd, w->frame.p, w->frame.len) < 0 ||
	    (w->sync && fdatasync(w->fd) < 0 && errno != EINVAL && errno != EROFS)) {
		int err = errno;
		/* leave no partial frame behind */
		if (w->regular && ftruncate(w->fd, (off_t)w->bytes) == 0)
			(void)lseek(w->fd, (off_t)w->bytes, SEEK_SET);
		json_decref(j);
		return rec_writer_fail(w, "write failed", err, why, whylen);
	}
	w->bytes += (int64_t)w->frame.len;
	w->frames++;
	w->seq++;
	w->since_key++;
	w->since_anchor++;
	if (key) {
		size_t d = w->text.len < REC_DICT_MAX ? w->text.len : REC_DICT_MAX;
		json_decref(w->kjson);
		w->kjson = json_incref(j);
		free(w->kdict);
		w->kdict = xmalloc(d + 1);
		memcpy(w->kdict, w->text.p + w->text.len - d, d);
		w->kdictlen = d;
		w->ktextlen = w->text.len;
		w->since_key = 0;
	}
	if (anchor) {
		json_decref(w->ajson);
		w->ajson = json_incref(j);
		w->aseq = h.seq;
		w->since_anchor = 0;
	}
	json_decref(j);
	return 0;
}

int
rec_writer_close(struct rec_writer *w, char *why, size_t whylen)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (close(w->fd) < 0 && !w->err[0]) {
		snprintf(why, whylen, "%s: %s", w->path, strerror(errno));
		rc = -1;
	}
	w->fd = -1;
	rec_writer_free(w);
	return rc;
}

void
rec_writer_set_sync(struct rec_writer *w, bool sync)
{
	w->sync = sync;
}

long
rec_writer_frames(const struct rec_writer *w)
{
	return w->frames;
}

int64_t
rec_writer_bytes(const struct rec_writer *w)
{
	return w->bytes;
}

const char *
rec_writer_path(const struct rec_writer *w)
{
	return w->path;
}
