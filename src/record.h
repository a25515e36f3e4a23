/*
 * record.h: recordings.  A recording is a file of samples that `zonetop
 * record FILE` (or `w` in the monitor) appends to and replay reads back.
 *
 * File format, version 2 (version 1 is still read; see the end).  All
 * integers little-endian.
 *
 *   header
 *     0  8  magic "ZONETOP\0"
 *     8  2  format version (2)
 *    10  2  flags, 0
 *    12  4  m = length of the metadata, at most REC_MAX_META
 *    16  m  metadata, a JSON object: "host", "kernel" (release),
 *           "page_kb", "created" (RFC 3339), "created_unix" (seconds),
 *           "zonetop" (the version that created the file),
 *           "keyframe_every", "full_every"; readers ignore keys they do
 *           not know
 *  16+m  4  CRC-32 (zlib crc32()) of bytes 0 .. 16+m-1
 *
 *   frames, one per sample, appended until the file ends
 *     0  4  sync "ZTfr", so a reader can find the next frame after damage
 *     4  1  kind: 1 full keyframe, 2 delta, 3 key delta
 *     5  1  flags: bit 0 = compressed with a preset dictionary; others 0
 *     6  2  events that are new in this sample (the last n of its list)
 *     8  4  sequence number, counting on across appends
 *    12  4  sequence number of the keyframe a delta (or a key delta's
 *           first encoding) applies to; its own for a full keyframe
 *    16  8  sample time, CLOCK_REALTIME milliseconds (signed)
 *    24  4  c = payload length, at most REC_MAX_PAYLOAD
 *    28  4  length of the payload decompressed (a key delta: of its
 *           first encoding), at most REC_MAX_RAW
 *    32  4  CRC-32 of the payload
 *    36  4  CRC-32 of bytes 0..35 of this frame header
 *    40  c  payload
 *
 * A keyframe comes REC_KEY_EVERY frames after the last one at the
 * latest, earlier when a frame brings new events and REC_KEY_GROW bytes
 * of change (an OOM kill's report: each delta would repeat it); the
 * frames between are deltas against the last keyframe, nothing else.  A full keyframe's
 * payload is the sample's JSON object (json_snapshot() with every
 * process, plus "_raw" (json_in.h) for the few fields the public JSON
 * leaves out; "events" and "processes" first), zlib (RFC 1950)
 * compressed.  A delta's payload is the jdelta change (jdelta.h) from
 * its keyframe's sample, compressed with the keyframe's dictionary: the
 * last 32 KiB of the canonical text (jansson, compact, keys sorted, reals
 * to 17 digits) of the keyframe's sample with only its first
 * REC_DICT_ROWS process rows.  A key delta holds its sample twice,
 * as the change from the keyframe before (the header's base) and from
 * the one before that, each compressed with its base's dictionary:
 *
 *     0  4  sequence number of the second encoding's base
 *     4  4  c1, 8 4 r1, 12 4 CRC-32: the first encoding's compressed
 *           length, decompressed length, CRC of its bytes
 *    16  4  c2, 20 4 r2, 24 4 CRC-32: the same for the second
 *    28  4  CRC-32 of bytes 0..27
 *    32     the first encoding (c1 bytes), then the second (c2 bytes)
 *
 * A session's first two keyframes are full, and so is every
 * REC_FULL_EVERY-th frame of a session, and a keyframe whose change
 * would be more than half a full keyframe's size.
 *
 * Damage: a frame whose header or payload fails its CRC is skipped and
 * counted (frames whose headers are gone are counted from the gaps in
 * the sequence numbers); the reader resynchronises on the next "ZTfr"
 * whose header checks.  A key delta with one encoding damaged is read
 * from the other.  So one damaged byte anywhere loses at most one
 * keyframe and the REC_KEY_EVERY - 1 deltas on it (the next keyframe
 * is read through its second encoding), or one delta: at most
 * REC_KEY_EVERY consecutive samples, whatever the recording's length.
 * A file cut off anywhere loses only the frame that was being written;
 * the writer flushes each keyframe to the disk (fdatasync), so a power
 * cut loses at most the samples since the last keyframe.
 * A newer format version is refused; an appender truncates an
 * incomplete last frame before it writes, and appends only to a file of
 * its own version.
 *
 * Version 1 differed in the frames: kinds 1 and 2 only; flag bit 1
 * marked an anchor (a frame later deltas apply to: keyframes, every
 * 10th frame and frames bringing many new processes), a delta applied
 * to the newest anchor, and deltas were compressed with the last 32 KiB
 * of their keyframe's payload text; keyframes every 300 frames.
 */
#ifndef ZT_RECORD_H
#define ZT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "snapshot.h"

#define REC_MAGIC	  "ZONETOP"	/* and its NUL: 8 bytes */
#define REC_VERSION	  2
#define REC_HEADER_FIXED  16
#define REC_FRAME_HEADER  40
#define REC_MAX_META	  65536
#define REC_MAX_PAYLOAD	  (64u << 20)
#define REC_MAX_RAW	  (256u << 20)
#define REC_KEY_EVERY	  10		/* frames from keyframe to keyframe */
#define REC_FULL_EVERY	  300		/* a session's frames from full
					 * keyframe to full keyframe */
#define REC_KD_HEAD	  32		/* a key delta's own header */
#define REC_KEY_GROW	  4096		/* a delta this long with new events:
					 * make a keyframe instead */
#define REC_DICT_MAX	  32768		/* zlib's window */
#define REC_DICT_ROWS	  32		/* process rows in a keyframe's
					 * dictionary text */

enum rec_kind { REC_KEY = 1, REC_DELTA = 2, REC_KEYDELTA = 3 };
#define REC_F_DICT	1	/* frame flag: preset dictionary */
#define REC_F_ANCHOR	2	/* frame flag (version 1): later deltas
				 * apply to it */

/* What the header says. */
struct rec_info {
	int version;
	char host[65];
	char kernel[65];
	int page_kb;
	struct timespec created;
	char zonetop[32];		/* version that created the file */
};

/* What could not be read, for the report after a replay. */
struct rec_damage {
	long damaged;			/* frames with bad bytes, skipped */
	long lost;			/* intact deltas whose keyframe was damaged */
	long undecodable;		/* intact checksum, payload would not decode */
	long repaired;			/* key deltas with one encoding damaged,
					 * read from the other */
	int64_t skipped_bytes;		/* bytes in no intact frame */
	int64_t tail_bytes;		/* an incomplete last frame (cut off) */
	bool header_damaged;		/* the file header failed its CRC */
};

/* An event and the frame where it first appears. */
struct rec_event {
	long frame;
	struct zt_event ev;
};

/* ---- reading ---- */

struct rec_reader;

/* Open and index a recording (reads the whole file once, checking every
 * frame's CRC).  NULL with why: missing, not a recording, newer version. */
struct rec_reader *rec_open(const char *path, char *why, size_t whylen);
void rec_close(struct rec_reader *r);
/* Index frames appended since (a recording still being written).
 * Returns the number of new frames, -1 with why on a read error. */
long rec_update(struct rec_reader *r, char *why, size_t whylen);

const struct rec_info *rec_info(const struct rec_reader *r);
/* Frames that can be read, 0 .. rec_count()-1, oldest first. */
long rec_count(const struct rec_reader *r);
/* The sample time of frame i, from the index (no decoding). */
struct timespec rec_time(const struct rec_reader *r, long i);
/* The frame whose time is nearest t (the earlier on a tie); -1 when
 * there are none. */
long rec_find_time(const struct rec_reader *r, const struct timespec *t);

/* Decode frame i into s (initialised here; snapshot_free() it).  -1
 * with why when its payload does not decode; it is then counted in
 * rec_damage()->undecodable. */
int rec_read(struct rec_reader *r, long i, struct zt_snapshot *s, char *why,
    size_t whylen);
/* The same as the JSON object (caller json_decref()s), "_raw" included. */
json_t *rec_read_json(struct rec_reader *r, long i, char *why, size_t whylen);

/* Every event in the recording, each once, oldest first, with the frame
 * it appears in; *ev is malloc'd (free() it).  Decodes only frames whose
 * header says they bring new events.  Returns the count. */
long rec_events(struct rec_reader *r, struct rec_event **ev);

const struct rec_damage *rec_damage(const struct rec_reader *r);
/* "2 damaged frames skipped, ..." or "" when nothing was wrong. */
void rec_damage_text(const struct rec_damage *d, char *buf, size_t len);

/* ---- writing ---- */

struct rec_writer;

/*
 * Open path for recording samples like first (its host, kernel and page
 * size go into a new file's header; first is not written: append it).
 * An empty or missing file is created; an existing one is appended to
 * only when it is a recording of the same host and kernel.  NULL with
 * why otherwise.  On success msg may hold a note ("appending to ...").
 */
struct rec_writer *rec_writer_open(const char *path,
    const struct zt_snapshot *first, char *msg, size_t msglen);
/* Append one sample and flush it to the disk.  -1 with why on a write
 * error (disk full ...): the writer stops and every later call fails the
 * same way; close it.  It never exits. */
int rec_writer_append(struct rec_writer *w, const struct zt_snapshot *s,
    char *why, size_t whylen);
/* Flush each keyframe to the disk before append returns, and the last
 * frames at close (the default), so a power cut loses at most the
 * REC_KEY_EVERY samples since the last keyframe; off for tests. */
void rec_writer_set_sync(struct rec_writer *w, bool sync);
/* Close; -1 with why when the last data could not be written. */
int rec_writer_close(struct rec_writer *w, char *why, size_t whylen);
long rec_writer_frames(const struct rec_writer *w);	/* this session */
int64_t rec_writer_bytes(const struct rec_writer *w);	/* file size */
const char *rec_writer_path(const struct rec_writer *w);

#endif
