#!/bin/sh
# Live: `zonetop record` of this machine and `zonetop -b --replay`:
# samples come back with their processes, appending continues a file,
# files that are not this machine's recordings are refused and left
# alone, a newer format version is refused, damaged and cut-off frames
# are skipped and reported, a full disk stops the recorder, SIGINT
# closes it cleanly, and the fixture recording still replays.
. "$(dirname "$0")/../lib.sh"
plan 48
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f=$tmp/rec.ztrec

"$ZT_BIN" record "$f" -n 5 -d 0.2 2>"$tmp/err"
check "record exits 0" [ $? -eq 0 ]
contains "record says what it wrote" "$(cat "$tmp/err")" "5 samples recorded"
"$ZT_BIN" -b --replay "$f" --format json >"$tmp/out.json" 2>"$tmp/err"
check "replay exits 0" [ $? -eq 0 ]
check "replay prints every sample" [ "$(wc -l <"$tmp/out.json")" -eq 5 ]
check "an intact recording replays without a report" [ ! -s "$tmp/err" ]
python3 - "$tmp/out.json" >"$tmp/py" 2>&1 <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
host = open("/proc/sys/kernel/hostname").read().strip()
check("hostname recorded", all(l["hostname"] == host for l in lines))
# every process, not the top 20 of the text report (some may exit
# between the ranking pass and the reading of their details)
check("every process recorded", all(len(l["processes"]) > 0 and
      len(l["processes"]) >= min(21, l["processes_total"] - 3) for l in lines))
check("processes ranked in every sample",
      all([p["rank"] for p in l["processes"]] == sorted(p["rank"] for p in l["processes"]) for l in lines))
check("rates of the later samples", all(l["interval_s"] is not None for l in lines[1:]))
check("the first sample has no rate", lines[0]["interval_s"] is None)
check("no _raw in the public JSON", all("_raw" not in l for l in lines))
times = [l["time"] for l in lines]
check("times in order", times == sorted(times) and len(set(times)) == 5)
check("zones recorded", all(len(l["zones"]) > 0 for l in lines))
PY
checker_out $? "$tmp/py" "record json checker"
a=$("$ZT_BIN" -b --replay "$f" --format json | md5sum)
b=$("$ZT_BIN" -b --replay "$f" --format json | md5sum)
check "replay is deterministic" [ "$a" = "$b" ]
check "-n limits a replay" [ "$("$ZT_BIN" -b --replay "$f" -n 2 --format json | wc -l)" -eq 2 ]
out=$("$ZT_BIN" -b --replay "$f" 2>&1)
contains "text replay has zones" "$out" "Zones (pages of"
contains "text replay has candidates" "$out" "OOM candidates"

# the same machine: appended
"$ZT_BIN" record "$f" -n 2 -d 0.1 2>"$tmp/err"
check "appending exits 0" [ $? -eq 0 ]
contains "appending says so" "$(cat "$tmp/err")" "appending to $f (5 frames)"
check "seven samples after appending" \
    [ "$("$ZT_BIN" -b --replay "$f" --format json | wc -l)" -eq 7 ]

# a file that is not a recording is refused and left as it was
echo "my notes" >"$tmp/notes"
out=$("$ZT_BIN" record "$tmp/notes" -n 1 2>&1); rc=$?
check "a non-recording file: exit 1" [ $rc -eq 1 ]
contains "a non-recording file: one clear line" "$out" "$tmp/notes: not a zonetop recording"
check "a non-recording file is unchanged" [ "$(cat "$tmp/notes")" = "my notes" ]
out=$("$ZT_BIN" -b --replay "$tmp/notes" 2>&1); rc=$?
check "replaying a non-recording: exit 1" [ $rc -eq 1 ]
contains "replaying a non-recording: one clear line" "$out" "not a zonetop recording"

# another machine's recording (a capture of the seed VM) is refused
g=$tmp/seed.ztrec
"$ZT_BIN" record "$g" -n 1 --proc-root "$ZT_FIXTURES/proc/seed-vm-4.4" 2>/dev/null
size=$(wc -c <"$g")
out=$("$ZT_BIN" record "$g" -n 1 2>&1); rc=$?
check "another machine's recording: exit 1" [ $rc -eq 1 ]
contains "another machine's recording: says why" "$out" "not appending (record to a new file)"
check "another machine's recording is unchanged" [ "$(wc -c <"$g")" -eq "$size" ]

# a newer format version
cp "$f" "$tmp/v9.ztrec"
python3 - "$tmp/v9.ztrec" <<'PY'
import struct, sys, zlib
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
mlen = struct.unpack_from("<I", d, 12)[0]
struct.pack_into("<H", d, 8, 9)
struct.pack_into("<I", d, 16 + mlen, zlib.crc32(bytes(d[:16 + mlen])))
open(p, "wb").write(d)
PY
out=$("$ZT_BIN" -b --replay "$tmp/v9.ztrec" 2>&1); rc=$?
check "a newer version: exit 1" [ $rc -eq 1 ]
contains "a newer version: says so" "$out" \
    "$tmp/v9.ztrec: recording format version 9 is newer than this zonetop reads (2); upgrade zonetop"

# a damaged frame is skipped and reported; a cut-off one too
python3 - "$f" "$tmp/flip.ztrec" "$tmp/cut.ztrec" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
off = 16 + struct.unpack_from("<I", d, 12)[0] + 4
frames = []
while off + 40 <= len(d):
    frames.append(off)
    off += 40 + struct.unpack_from("<I", d, off + 24)[0]
# frame 4 ends the first session: nothing applies to it, whether or
# not it is an anchor (the append session starts with a keyframe)
flip = bytearray(d)
flip[frames[4] + 40 + 10] ^= 0x55
open(sys.argv[2], "wb").write(flip)
open(sys.argv[3], "wb").write(d[:frames[6] + 60])
PY
"$ZT_BIN" -b --replay "$tmp/flip.ztrec" --format json >"$tmp/flip.json" 2>"$tmp/err"; rc=$?
check "a damaged frame: exit 0" [ $rc -eq 0 ]
check "a damaged frame: the other six replay" [ "$(wc -l <"$tmp/flip.json")" -eq 6 ]
contains "a damaged frame: reported" "$(cat "$tmp/err")" "1 damaged frame skipped; 6 frames replayed"
"$ZT_BIN" -b --replay "$tmp/cut.ztrec" --format json >"$tmp/cut.json" 2>"$tmp/err"
check "a cut-off file: the complete frames replay" [ "$(wc -l <"$tmp/cut.json")" -eq 6 ]
contains "a cut-off file: reported" "$(cat "$tmp/err")" "last frame incomplete (60 bytes, cut off)"

# a full disk stops the recorder with a clear message
if [ -w /dev/full ]; then
	out=$("$ZT_BIN" record /dev/full -n 3 -d 0.1 2>&1); rc=$?
	check "a full disk: exit 1" [ $rc -eq 1 ]
	contains "a full disk: says so" "$out" "/dev/full: write failed: No space left on device"
else
	skips 2 "a full disk: /dev/full is not writable"
fi

# SIGINT, SIGTERM and SIGHUP end a recording that runs until stopped,
# cleanly (the one sampling loop, src/loop.c)
for sig in INT TERM HUP; do
	"$ZT_BIN" record "$tmp/$sig.ztrec" -d 0.2 2>"$tmp/err" &
	pid=$!
	sleep 1.5
	kill -$sig $pid
	wait $pid
	check "SIG$sig: exit 0" [ $? -eq 0 ]
	n=$("$ZT_BIN" -b --replay "$tmp/$sig.ztrec" --format json 2>"$tmp/err2" | wc -l)
	check "SIG$sig: the samples so far replay" [ "$n" -ge 2 ]
	check "SIG$sig: nothing damaged" [ ! -s "$tmp/err2" ]
done

# the recording kept in tests/ replays, OOM kill included
out=$("$ZT_BIN" -b --replay "$ZT_FIXTURES/recordings/v1-oom.ztrec" 2>&1)
check "fixture recording: exit 0" [ $? -eq 0 ]
contains "fixture recording: the OOM kill" "$out" "event: 1 OOM kill; gone: pid 31713 (python3)"
done_testing
