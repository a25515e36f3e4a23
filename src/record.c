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
#include "json_text.h"
#include "output.h"
#include "procfs.h"
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
	return (f->kind == REC_KEY || f->kind == REC_DELTA ||
	    f->kind == REC_KEYDELTA) &&
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
	json_object_set_new(m, "full_every", json_integer(REC_FULL_EVERY));
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
	long key;			/* v1: index of its keyframe */
	long base2;			/* v2 key delta: its second encoding's base */
	uint8_t parts;			/* v2 key delta: intact encodings, bits */
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
		r->info.version = REC_VERSION;
		r->scan_off = 8;
		return 0;
	}
	r->info.version = rec_get16(h + 8);
	mlen = rec_get32(h + 12);
	if (mlen > REC_MAX_META || REC_HEADER_FIXED + (int64_t)mlen + 4 > size) {
		/* a damaged length: find the first frame instead */
		r->dmg.header_damaged = true;
		r->info.version = REC_VERSION;
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

/* The index of the indexed keyframe (full or key delta) numbered seq,
 * -1 when there is none (damaged, or never written). */
static long
rec_find_key(const struct rec_reader *r, uint32_t seq)
{
	long lo = 0, hi = r->n - 1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;
		if (r->f[mid].seq == seq)
			return r->f[mid].kind != REC_DELTA ? mid : -1;
		if (r->f[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* A key delta's payload: the encodings whose bytes check (bit 0 the
 * first, bit 1 the second), whatever the whole payload's CRC says. */
static int
rec_kd_intact(const char *p, uint32_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	uint32_t c1, c2;
	int parts = 0;

	if (n < REC_KD_HEAD || rec_get32(u + 28) != rec_crc(u, 28))
		return 0;
	c1 = rec_get32(u + 4);
	c2 = rec_get32(u + 16);
	if ((uint64_t)REC_KD_HEAD + c1 + c2 != n)
		return 0;
	if (rec_crc(u + REC_KD_HEAD, c1) == rec_get32(u + 12))
		parts |= 1;
	if (rec_crc(u + REC_KD_HEAD + c1, c2) == rec_get32(u + 24))
		parts |= 2;
	return parts;
}

static struct rec_frame *
rec_index_new(struct rec_reader *r, const struct rec_fhdr *h, int64_t off)
{
	struct rec_frame *f;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->f = xreallocarray(r->f, (size_t)r->cap, sizeof *r->f);
	}
	f = &r->f[r->n++];
	memset(f, 0, sizeof *f);
	f->off = off;
	f->time_ms = h->time_ms;
	f->clen = h->clen;
	f->rlen = h->rlen;
	f->seq = h->seq;
	f->pcrc = h->pcrc;
	f->nev = (uint16_t)h->nev;
	f->kind = (uint8_t)h->kind;
	f->base = f->base2 = -1;
	return f;
}

/* Version 2: a delta needs its keyframe, a key delta either of its
 * encodings' bases; a sample without is lost. */
static void
rec_index_add2(struct rec_reader *r, const struct rec_fhdr *h, int64_t off,
    int parts)
{
	long b1 = -1, b2 = -1;
	struct rec_frame *f;

	if (h->kind == REC_KEYDELTA) {
		unsigned char b[4];
		if ((parts & 2) && rec_pread(r->fd, b, 4, off + REC_FRAME_HEADER) == 0)
			b2 = rec_find_key(r, rec_get32(b));
		if (parts & 1)
			b1 = rec_find_key(r, h->base);
		if (b1 < 0 && b2 < 0) {
			r->dmg.lost++;
			return;
		}
	} else if (h->kind == REC_DELTA && (b1 = rec_find_key(r, h->base)) < 0) {
		r->dmg.lost++;
		return;
	}
	f = rec_index_new(r, h, off);
	f->base = b1;
	f->base2 = b2;
	f->parts = (uint8_t)((b1 >= 0 ? 1 : 0) | (b2 >= 0 ? 2 : 0));
	f->anchor = h->kind != REC_DELTA;
}

static void
rec_index_add(struct rec_reader *r, const struct rec_fhdr *h, int64_t off,
    int parts)
{
	struct rec_frame *f;

	if (r->info.version >= 2) {
		rec_index_add2(r, h, off, parts);
		return;
	}
	bool anchor = h->kind == REC_KEY || (h->flags & REC_F_ANCHOR);

	if (h->kind != REC_KEY && (r->last_anchor < 0 ||
	    r->f[r->last_anchor].seq != h->base)) {
		r->dmg.lost++;
		if (anchor)
			r->last_anchor = -1;	/* and so are the frames on it */
		return;
	}
	f = rec_index_new(r, h, off);
	f->anchor = anchor;
	f->base = h->kind == REC_KEY ? -1 : r->last_anchor;
	f->key = h->kind == REC_KEY ? r->n - 1 : r->f[r->last_anchor].key;
	if (anchor)
		r->last_anchor = r->n - 1;
}

/* Index from scan_off to the end of the file. */
static long
rec_scan(struct rec_reader *r, char *why, size_t whylen)
{
	struct stat st;
	int64_t off = r->scan_off, pending = 0, size;
	long before = r->n;
	int parts;

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
			rec_index_add(r, &f, off, 3);
			off = end;
		} else if (f.kind == REC_KEYDELTA &&
		    (parts = rec_kd_intact(r->pay.p, f.clen)) != 0) {
			/* one encoding is damaged, the other carries it */
			r->dmg.repaired++;
			rec_index_add(r, &f, off, parts);
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

/* The dictionary of keyframe state j: the end of its canonical text
 * (compact, keys sorted, reals to 17 digits) with only its first
 * REC_DICT_ROWS process rows, which writer and reader both derive from
 * the same state (the whole text of 5,000 rows cost 2 ms a frame). */
static void
rec_keep_key(char **dict, size_t *dlen, const json_t *j)
{
	json_t *o = json_object(), *v;
	const char *key;
	char *t;
	size_t n, d;

	json_object_foreach((json_t *)j, key, v) {
		if (strcmp(key, "processes") == 0 && json_is_array(v)) {
			json_t *p = json_array();
			for (size_t i = 0; i < json_array_size(v) && i < REC_DICT_ROWS; i++)
				json_array_append(p, json_array_get(v, i));
			json_object_set_new(o, key, p);
		} else
			json_object_set(o, key, v);
	}
	t = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
	json_decref(o);
	n = t ? strlen(t) : 0;
	d = n < REC_DICT_MAX ? n : REC_DICT_MAX;
	free(*dict);
	*dict = xmalloc(d + 1);
	if (d)
		memcpy(*dict, t + n - d, d);
	*dlen = d;
	free(t);
}

/* Encoding part (1 or 2) of key delta i, decompressed into r->raw. */
static int
rec_kd_part(struct rec_reader *r, long i, int part, const char *dict,
    size_t dlen, char *why, size_t whylen)
{
	const struct rec_frame *f = &r->f[i];
	const unsigned char *u;
	uint32_t c1, c, rl, crc;

	buf_clear(&r->pay);
	buf_reserve(&r->pay, f->clen + 1);
	if (rec_pread(r->fd, r->pay.p, f->clen, f->off + REC_FRAME_HEADER) < 0) {
		snprintf(why, whylen, "frame %ld: cannot read it", i);
		return -1;
	}
	if (!(rec_kd_intact(r->pay.p, f->clen) & part)) {
		snprintf(why, whylen, "frame %ld: checksum changed since it was indexed", i);
		return -1;
	}
	u = (const unsigned char *)r->pay.p;
	c1 = rec_get32(u + 4);
	c = part == 1 ? c1 : rec_get32(u + 16);
	rl = rec_get32(u + (part == 1 ? 8 : 20));
	crc = rec_get32(u + (part == 1 ? 12 : 24));
	(void)crc;
	if (rl > REC_MAX_RAW) {
		snprintf(why, whylen, "frame %ld: too large", i);
		return -1;
	}
	return rec_inflate(u + REC_KD_HEAD + (part == 1 ? 0 : c1), c, rl, dict,
	    dlen, &r->raw, why, whylen);
}

static json_t *rec_state2(struct rec_reader *r, long i, char *why,
    size_t whylen);

/* Frame i's change against base b (a keyframe, decoded into the cache
 * on the way), applied; part 0 for a plain delta. */
static json_t *
rec_apply2(struct rec_reader *r, long i, long b, int part, char *w, size_t wl)
{
	json_error_t err;
	json_t *base, *c, *j;

	if ((base = rec_state2(r, b, w, wl)) == NULL)
		return NULL;
	if ((part == 0 ? rec_payload(r, i, r->kdict, r->kdictlen, w, wl) :
	    rec_kd_part(r, i, part, r->kdict, r->kdictlen, w, wl)) < 0) {
		json_decref(base);
		return NULL;
	}
	if ((c = json_loadb(r->raw.p, r->raw.len, 0, &err)) == NULL) {
		snprintf(w, wl, "bad JSON (%.80s)", err.text);
		json_decref(base);
		return NULL;
	}
	j = jdelta_apply(base, c, w, wl);
	json_decref(c);
	json_decref(base);
	return j;
}
/* Frame i's cause into why: the payload readers' causes name their
 * frame already, the others get it in front. */
static void
rec_frame_why(char *why, size_t whylen, long i, const char *w)
{
	if (strncmp(w, "frame ", 6) == 0 || strncmp(w, "keyframe ", 9) == 0)
		snprintf(why, whylen, "%s", w);
	else
		snprintf(why, whylen, "frame %ld: %s", i, w);
}


/* Version 2: a keyframe whole, or by either encoding of a key delta;
 * a delta on its keyframe.  The last keyframe decoded is kept. */
static json_t *
rec_state2(struct rec_reader *r, long i, char *why, size_t whylen)
{
	struct rec_frame *f = &r->f[i];
	json_error_t err;
	json_t *j = NULL;
	char w[160] = "no intact encoding";

	if (i == r->kidx)
		return json_incref(r->kjson);
	if (f->kind == REC_KEY) {
		/* json_is_object() evaluates its argument twice */
		if (rec_payload(r, i, NULL, 0, w, sizeof w) == 0 &&
		    (j = json_loadb(r->raw.p, r->raw.len, 0, &err), !json_is_object(j))) {
			snprintf(w, sizeof w, "keyframe: bad JSON (%.80s)",
			    j ? "not an object" : err.text);
			json_decref(j);
			j = NULL;
		}
	} else if (f->kind == REC_KEYDELTA) {
		if (f->parts & 1)
			j = rec_apply2(r, i, f->base, 1, w, sizeof w);
		if (j == NULL && (f->parts & 2))
			j = rec_apply2(r, i, f->base2, 2, w, sizeof w);
	} else
		j = f->base >= 0 ? rec_apply2(r, i, f->base, 0, w, sizeof w) : NULL;
	if (j == NULL) {
		if (!f->bad) {
			f->bad = true;
			r->dmg.undecodable++;
		}
		rec_frame_why(why, whylen, i, w);
		return NULL;
	}
	if (f->kind != REC_DELTA) {
		json_decref(r->kjson);
		r->kjson = json_incref(j);
		r->kidx = i;
		rec_keep_key(&r->kdict, &r->kdictlen, j);
	}
	return j;
}

/* The JSON object of frame i: its keyframe's with the changes of the
 * anchors between applied, then its own (version 1). */
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
	rec_frame_why(why, whylen, i, w);
	return NULL;
}

json_t *
rec_read_json(struct rec_reader *r, long i, char *why, size_t whylen)
{
	if (i < 0 || i >= r->n) {
		snprintf(why, whylen, "no frame %ld (the recording has %ld)", i, r->n);
		return NULL;
	}
	if (r->info.version >= 2)
		return rec_state2(r, i, why, whylen);
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
	if (d->repaired)
		buf_printf(&b, "%s%ld damaged keyframe%s read from %s second encoding",
		    b.len ? ", " : "", d->repaired, d->repaired == 1 ? "" : "s",
		    d->repaired == 1 ? "its" : "their");
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
	bool sync;			/* fdatasync() each keyframe */
	uint32_t seq;			/* of the next frame */
	long frames;
	int64_t bytes;			/* file size */

	/* the last two keyframes, as a reader decodes them, with their
	 * sequence numbers and dictionaries: [0] the newer */
	json_t *kjson[2];
	uint32_t kseq[2];
	char *kdict[2];
	size_t kdictlen[2];
	size_t ktextlen;		/* of the last full keyframe's text */
	long since_key, keys;		/* keys: this session */

	bool have_prev;			/* the last event already written */
	struct zt_event prev_last;
	bool prev_none;

	char err[256];			/* set when stopped */
	struct zt_buf text, pay, frame, text2, pay2;

	/* the last sample's process rows and their JSON (rec_rows): a row
	 * that gives the same JSON is the same json_t again, which the
	 * deltas pass over without a look inside */
	struct rec_row *rows;
	int nrows, caprows;
	uint64_t serial;		/* of the last row body built */
	int32_t *rslots;		/* index into rows, -1 empty */
	int rbits;
};

/* A process row as written, with its JSON. */
struct rec_row {
	struct zt_proc p;		/* cmdline and cgroup owned here */
	json_t *j;
	/* its JSON's members but "rank": a serial number given when they
	 * were built, and that of the row in each kept keyframe (0: not
	 * there, or not this writer's objects) */
	uint64_t body, kbody[2];
};

static void
rec_row_free(struct rec_row *r)
{
	free(r->p.cmdline);
	free(r->p.cgroup);
	json_decref(r->j);
}

static uint32_t
rec_row_home(int pid, int bits)
{
	return ((uint32_t)pid * 0x9E3779B1u) >> (32 - bits);
}

/* The row of pid in the last sample, or NULL. */
static struct rec_row *
rec_row_find(const struct rec_writer *w, int pid)
{
	uint32_t mask, h;

	if (w->rslots == NULL)
		return NULL;
	mask = (1u << w->rbits) - 1;
	for (h = rec_row_home(pid, w->rbits); w->rslots[h] >= 0; h = (h + 1) & mask)
		if (w->rows[w->rslots[h]].p.pid == pid)
			return &w->rows[w->rslots[h]];
	return NULL;
}

/* The "processes" array of s, each row the last sample's json_t where
 * it gives the same JSON (json_proc_same), else built anew; the rows
 * kept for the next sample. */
static json_t *
rec_rows(struct rec_writer *w, const struct zt_snapshot *s)
{
	struct rec_row *next = s->nprocs ? xcalloc((size_t)s->nprocs, sizeof *next) : NULL;
	json_t *a = json_array();
	int bits = 4;

	for (int i = 0; i < s->nprocs; i++) {
		const struct zt_proc *p = &s->procs[i];
		struct rec_row *old = rec_row_find(w, p->pid);
		struct rec_row *r = &next[i];

		int rank = 0;

		if (old != NULL) {
			rank = old->p.rank;
			old->p.rank = p->rank;	/* compared apart */
		}
		if (old != NULL && old->j != NULL && json_proc_same(&old->p, p)) {
			*r = *old;	/* take it over: old is dropped below */
			old->p.cmdline = old->p.cgroup = NULL;
			old->j = NULL;
			if (rank != p->rank) {
				/* only its place moved (a row above came or went):
				 * its own object takes the new rank; one a kept
				 * keyframe shares is copied first (its members
				 * shared, which the deltas compare by pointer) */
				if (r->j->refcount > 1) {
					json_t *c = json_copy(r->j);
					json_decref(r->j);
					r->j = c;
				}
				json_object_set_new(r->j, "rank", json_integer(p->rank));
			}
		} else {
			r->p = *p;
			r->p.cmdline = p->cmdline ? xstrdup(p->cmdline) : NULL;
			r->p.cgroup = p->cgroup ? xstrdup(p->cgroup) : NULL;
			r->j = json_proc(p);
			r->body = ++w->serial;
			if (old != NULL && old->p.start_time == p->start_time) {
				r->kbody[0] = old->kbody[0];
				r->kbody[1] = old->kbody[1];
			}
		}
		json_array_append(a, r->j);
	}
	for (int i = 0; i < w->nrows; i++)
		rec_row_free(&w->rows[i]);
	free(w->rows);
	free(w->rslots);
	w->rows = next;
	w->nrows = w->caprows = s->nprocs;
	while ((1 << bits) < s->nprocs * 2)
		bits++;
	w->rbits = bits;
	w->rslots = xmalloc(((size_t)1 << bits) * sizeof *w->rslots);
	memset(w->rslots, 0xff, ((size_t)1 << bits) * sizeof *w->rslots);
	for (int i = 0; i < w->nrows; i++) {
		uint32_t mask = (1u << bits) - 1, h = rec_row_home(next[i].p.pid, bits);
		while (w->rslots[h] >= 0)
			h = (h + 1) & mask;
		w->rslots[h] = i;
	}
	return a;
}

static void
rec_writer_free(struct rec_writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	for (int k = 0; k < 2; k++) {
		json_decref(w->kjson[k]);
		free(w->kdict[k]);
	}
	for (int i = 0; i < w->nrows; i++)
		rec_row_free(&w->rows[i]);
	free(w->rows);
	free(w->rslots);
	free(w->path);
	buf_free(&w->text);
	buf_free(&w->text2);
	buf_free(&w->pay2);
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
	bool created;

	msg[0] = '\0';
	w->path = xstrdup(path);
	w->sync = true;
	/* never through a link someone else planted (procfs.h) */
	w->fd = procfs_open_output(path, &created, msg, msglen);
	if (w->fd < 0)
		goto fail;
	if (fstat(w->fd, &st) < 0) {
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

static int
rec_writer_fail(struct rec_writer *w, const char *what, int err, char *why,
    size_t whylen)
{
	snprintf(w->err, sizeof w->err, "%s: %s: %s; recording stopped after %ld "
	    "samples", w->path, what, strerror(err), w->frames);
	snprintf(why, whylen, "%s", w->err);
	return -1;
}

struct rec_vouch {
	const struct rec_writer *w;
	int k;
};

/* Row pid of this sample has keyframe k's members but its rank: built
 * once (rec_rows) and only moved since. */
static bool
rec_vouch_row(int64_t pid, void *ctx)
{
	const struct rec_vouch *v = ctx;
	const struct rec_row *r;

	if (pid < INT32_MIN || pid > INT32_MAX)
		return false;
	r = rec_row_find(v->w, (int)pid);
	return r != NULL && r->kbody[v->k] != 0 && r->kbody[v->k] == r->body;
}

/* The change from keyframe k (0 the newer) to j, as text in t and
 * compressed with k's dictionary into z.  -1 when it cannot be. */
static int
rec_delta_text(struct rec_writer *w, int k, const json_t *j, struct zt_buf *t,
    struct zt_buf *z)
{
	struct rec_vouch v = { w, k };
	json_t *c = jdelta_diff_vouched(w->kjson[k], j, rec_vouch_row, &v);

	if (c == NULL)
		c = json_object();	/* the same sample again */
	buf_clear(t);
	jdelta_dump(t, c);
	json_decref(c);
	return t->len > REC_MAX_RAW ||
	    rec_deflate(t->p, t->len, w->kdict[k], w->kdictlen[k], z) < 0 ? -1 : 0;
}

/* A key delta's payload into w->frame after its header: both
 * encodings (w->pay and w->pay2) behind their own little header. */
static void
rec_kd_pack(struct rec_writer *w, struct zt_buf *out)
{
	unsigned char h[REC_KD_HEAD];

	rec_put32(h, w->kseq[1]);
	rec_put32(h + 4, (uint32_t)w->pay.len);
	rec_put32(h + 8, (uint32_t)w->text.len);
	rec_put32(h + 12, rec_crc(w->pay.p, w->pay.len));
	rec_put32(h + 16, (uint32_t)w->pay2.len);
	rec_put32(h + 20, (uint32_t)w->text2.len);
	rec_put32(h + 24, rec_crc(w->pay2.p, w->pay2.len));
	rec_put32(h + 28, rec_crc(h, 28));
	buf_clear(out);
	buf_add(out, (const char *)h, sizeof h);
	buf_add(out, w->pay.p, w->pay.len);
	buf_add(out, w->pay2.p, w->pay2.len);
}

/* After keyframe kind was written for j: keep it as a reader will
 * decode it (parsed back from its text, or applied to its base), so
 * that both derive the same dictionary. */
static void
rec_writer_keep(struct rec_writer *w, int kind, const json_t *j,
    const struct zt_buf *text)
{
	json_t *k = NULL;
	char why[160];

	if (kind == REC_KEY)
		k = json_loadb(text->p, text->len, 0, NULL);
	else {
		json_t *c = json_loadb(text->p, text->len, 0, NULL);
		if (c != NULL)
			k = jdelta_apply(w->kjson[0], c, why, sizeof why);
		json_decref(c);
	}
	if (k == NULL)
		k = json_incref((json_t *)j);	/* not expected: jdelta round-trips */
	else if (json_equal(k, (json_t *)j)) {
		/* the same value: keep j, whose rows the next samples share
		 * (rec_rows), so their deltas skip them by pointer */
		json_decref(k);
		k = json_incref((json_t *)j);
	}
	/* which row bodies the keyframe holds (rec_vouch_row) */
	for (int i = 0; i < w->nrows; i++) {
		w->rows[i].kbody[1] = w->rows[i].kbody[0];
		w->rows[i].kbody[0] = k == j ? w->rows[i].body : 0;
	}
	json_decref(w->kjson[1]);
	free(w->kdict[1]);
	w->kjson[1] = w->kjson[0];
	w->kseq[1] = w->kseq[0];
	w->kdict[1] = w->kdict[0];
	w->kdictlen[1] = w->kdictlen[0];
	w->kjson[0] = k;
	w->kseq[0] = w->seq;
	w->kdict[0] = NULL;
	rec_keep_key(&w->kdict[0], &w->kdictlen[0], k);
	w->since_key = 0;
	w->keys++;
	if (kind == REC_KEY)
		w->ktextlen = text->len;
}

/* Which frame j becomes, its payload in w->frame (a key delta) or
 * w->pay, its text in w->text.  A frame that brings new events (an OOM
 * kill's report is kilobytes) becomes a keyframe early, so that the
 * deltas after it do not carry them again.  -1 when too large. */
static int
rec_writer_encode(struct rec_writer *w, const json_t *j, int nev, int *kind)
{
	bool key = w->kjson[0] == NULL || w->since_key + 1 >= REC_KEY_EVERY;
	bool full = key && (w->keys < 2 || w->frames % REC_FULL_EVERY == 0);

	if (!full) {
		if (rec_delta_text(w, 0, j, &w->text, &w->pay) < 0)
			return -1;
		if (w->text.len * 2 > w->ktextlen)
			full = key = true;	/* as large as a keyframe: make one */
		else if (nev > 0 && w->text.len > REC_KEY_GROW)
			key = true;	/* else each delta would repeat them */
	}
	if (key && w->keys < 2)
		full = true;
	if (key && !full) {
		if (rec_delta_text(w, 1, j, &w->text2, &w->pay2) < 0)
			return -1;
		if (w->text2.len * 2 > w->ktextlen)
			full = true;
	}
	if (full) {
		json_t *o = rec_key_order((json_t *)j);
		buf_clear(&w->text);
		jdelta_dump(&w->text, o);
		json_decref(o);
		if (w->text.len > REC_MAX_RAW ||
		    rec_deflate(w->text.p, w->text.len, NULL, 0, &w->pay) < 0)
			return -1;
		*kind = REC_KEY;
		return 0;
	}
	*kind = key ? REC_KEYDELTA : REC_DELTA;
	if (key) {
		rec_kd_pack(w, &w->frame);
		buf_clear(&w->pay);
		buf_add(&w->pay, w->frame.p, w->frame.len);
	}
	return 0;
}

int
rec_writer_append(struct rec_writer *w, const struct zt_snapshot *s, char *why,
    size_t whylen)
{
	struct out_opts none = { .top = 0 };
	struct rec_fhdr h = { 0 };
	json_t *j;
	int kind;

	if (w->err[0]) {
		snprintf(why, whylen, "%s", w->err);
		return -1;
	}
	/* every row, the unchanged ones as the last sample's json_t */
	j = json_snapshot(s, &none);
	if (json_is_array(json_object_get(j, "processes")))
		json_object_set_new(j, "processes", rec_rows(w, s));
	json_object_set_new(j, JSON_IN_RAW_KEY, json_in_raw(s));
	h.nev = rec_new_events(w, s);
	if (rec_writer_encode(w, j, h.nev, &kind) < 0 || w->pay.len > REC_MAX_PAYLOAD) {
		json_decref(j);
		snprintf(w->err, sizeof w->err, "%s: a sample of %zu bytes of JSON is "
		    "too large to record; recording stopped", w->path, w->text.len);
		snprintf(why, whylen, "%s", w->err);
		return -1;
	}
	h.kind = kind;
	h.flags = kind == REC_KEY ? 0 : REC_F_DICT;
	h.seq = w->seq;
	h.base = kind == REC_KEY ? w->seq : w->kseq[0];
	h.time_ms = (int64_t)s->when.tv_sec * 1000 + s->when.tv_nsec / 1000000;
	h.clen = (uint32_t)w->pay.len;
	h.rlen = (uint32_t)w->text.len;
	h.pcrc = rec_crc(w->pay.p, w->pay.len);
	buf_clear(&w->frame);
	buf_reserve(&w->frame, REC_FRAME_HEADER + w->pay.len);
	rec_fhdr_pack((unsigned char *)w->frame.p, &h);
	memcpy(w->frame.p + REC_FRAME_HEADER, w->pay.p, w->pay.len);
	w->frame.len = REC_FRAME_HEADER + w->pay.len;
	/* to the disk at each keyframe: a power cut loses the frames since
	 * the last one, at most REC_KEY_EVERY samples, as damage does
	 * (each frame's fdatasync cost 9 ms of CPU here, a sixth of a
	 * 5,000-process sample) */
	if (rec_write_all(w->fd, w->frame.p, w->frame.len) < 0 ||
	    (w->sync && kind != REC_DELTA && fdatasync(w->fd) < 0 &&
	    errno != EINVAL && errno != EROFS)) {
		int err = errno;
		/* leave no partial frame behind */
		if (w->regular && ftruncate(w->fd, (off_t)w->bytes) == 0)
			(void)lseek(w->fd, (off_t)w->bytes, SEEK_SET);
		json_decref(j);
		return rec_writer_fail(w, "write failed", err, why, whylen);
	}
	w->bytes += (int64_t)w->frame.len;
	w->frames++;
	w->since_key++;
	if (kind != REC_DELTA)
		rec_writer_keep(w, kind, j, &w->text);
	w->seq++;
	json_decref(j);
	return 0;
}

int
rec_writer_close(struct rec_writer *w, char *why, size_t whylen)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (w->sync && !w->err[0] && fdatasync(w->fd) < 0 && errno != EINVAL &&
	    errno != EROFS) {
		snprintf(why, whylen, "%s: %s", w->path, strerror(errno));
		rc = -1;
	}
	if (close(w->fd) < 0 && !w->err[0] && rc == 0) {
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
