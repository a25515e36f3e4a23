#!/bin/sh
# Live: zonetop maps only the libraries a mode uses.  The release build
# (./zonetop: the sanitizer build maps its runtime's own), sampling in
# batch mode, must not map libm (src/arith.c does its rounding and
# logarithms: libm's relocations alone made 0.5 MiB of the live
# screen's resident pages), libmicrohttpd (dlopen'ed by --listen only)
# or libbpf (dlopen'ed in the BPF loader's child only).  Its maps are
# read while it runs, after its first sample; it is stopped and reaped
# on every path.
. "$(dirname "$0")/../lib.sh"
plan 5
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${ZT_REL_BIN:=$root/zonetop}"
if [ ! -x "$ZT_REL_BIN" ]; then
	make -s -C "$root" zonetop >/dev/null 2>&1
fi
tmp=$(mktemp -d /tmp/zt-libs-$$-XXXXXX)
zp=
trap '[ -n "$zp" ] && kill "$zp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

"$ZT_REL_BIN" -b -d 0.5 -n 40 --no-mlock --no-oom-adj >"$tmp/out" 2>"$tmp/err" &
zp=$!
i=0
while [ ! -s "$tmp/out" ] && [ $i -lt 100 ] && kill -0 "$zp" 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
maps=$(awk '{ print $6 }' "/proc/$zp/maps" 2>/dev/null | sed 's|.*/||' | sort -u)
kill "$zp" 2>/dev/null
wait "$zp" 2>/dev/null
zp=
check "zonetop sampled and its maps were read" [ -s "$tmp/out" ]
contains "it maps libc (the maps are its own)" "$maps" "libc.so"
lacks "no libm" "$maps" "libm.so"
lacks "no libmicrohttpd (--listen loads it)" "$maps" "libmicrohttpd"
lacks "no libbpf (the loader's child loads it)" "$maps" "libbpf"
done_testing
