#!/bin/sh
# Live: `zonetop explain` on the seed's forum post (syslog lines, two
# zone lines wrapped by the paste, prose around it), as text and as JSON
# parsed back; the same report from stdin; exit codes for no report and
# for usage errors; several files; the zone table at 80 columns; a
# terminal on stdin; the call chain's arrow in a C locale.
. "$(dirname "$0")/../lib.sh"
plan 75
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seed="$ZT_FIXTURES/oom/seed-4.4-kvm-balloon.txt"

out=$("$ZT_BIN" explain "$seed" 2>"$tmp/err")
check "explain exits 0 on the seed" [ $? -eq 0 ]
contains "one report found" "$out" "OOM report 1 of 1"
contains "the request decoded" "$out" "order-0 GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN allocation"
contains "vmalloc during fork" "$out" "vmalloc during fork"
contains "DMA32 below min" "$out" "DMA32 is below its min watermark (free 3948K, min 3956K)"
contains "DMA behind its reserve" "$out" "DMA is fenced off by its lowmem reserve"
contains "nothing reclaimable" "$out" "Nothing is reclaimable"
contains "swap free, no anon" "$out" "Swap is 94% free"
contains "no anon to swap" "$out" "almost no anon pages are left to swap out"
contains "94% in no counter" "$out" "About 94% of RAM"
contains "balloon" "$out" "most likely held by a balloon driver"
contains "Normal zone not the cause" "$out" "The missing Normal zone is not the cause"
contains "falls back" "$out" "may fall back to DMA32 and DMA"
lacks "no stderr" "$(cat "$tmp/err")" "zonetop"

"$ZT_BIN" explain "$seed" --format json >"$tmp/out.json" 2>"$tmp/err"
check "explain --format json exits 0" [ $? -eq 0 ]
python3 - "$tmp/out.json" >"$tmp/py" 2>&1 <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
check("one JSON line per report", len(lines) == 1)
o = json.loads(lines[0])
for k in ["kind", "kernel", "trigger", "gfp_mask", "gfp_flags", "order",
          "highest_zone", "constraint", "memcg", "zones", "swap",
          "unaccounted_kb", "unaccounted_pct", "victim", "top_tasks", "verdict"]:
    check("key " + k, k in o)
check("kind oom", o["kind"] == "oom")
check("kernel", o["kernel"] == "4.4.0-x86_64-linode63")
check("trigger", o["trigger"] == {"comm": "memcheck-amd64-", "pid": 3841})
check("gfp_mask", o["gfp_mask"] == "0x24002c2")
check("gfp_flags", o["gfp_flags"] == ["GFP_KERNEL", "__GFP_HIGHMEM", "__GFP_NOWARN"])
check("order 0", o["order"] == 0)
check("highest zone Normal", o["highest_zone"] == "Normal")
check("global", o["constraint"] == "global" and o["memcg"] is None)
z = dict((x["zone"], x) for x in o["zones"])
check("DMA32 below min", z["DMA32"]["free_kb"] == 3948 and z["DMA32"]["min_kb"] == 3956
      and z["DMA32"]["watermark_ok"] is False)
check("DMA reserve 972 pages", z["DMA"]["lowmem_reserve_kb"] == 3888
      and z["DMA"]["watermark_ok"] is False)
check("DMA buddy", z["DMA"]["buddy"] == [20, 17, 13, 14, 8, 4, 4, 0, 1, 0, 0])
check("swap", o["swap"] == {"total_kb": 3334140, "free_kb": 3118172})
check("unaccounted", o["unaccounted_kb"] == 980320 and o["unaccounted_pct"] == 93.5)
check("victim", o["victim"]["pid"] == 3841 and o["victim"]["score"] == 11
      and o["victim"]["rss_kb"] == 0)
check("top task", o["top_tasks"][0]["pid"] == 3841)
v = " ".join(o["verdict"])
for s in ["vmalloc during fork", "DMA32 is below its min watermark",
          "DMA is fenced off by its lowmem reserve", "Nothing is reclaimable",
          "Swap is 94% free", "almost no anon pages", "About 94% of RAM",
          "balloon driver", "The missing Normal zone is not the cause"]:
    check("verdict: " + s, s in v)
PY
checker_out $? "$tmp/py" "explain json checker" "json "

out2=$("$ZT_BIN" explain - <"$seed")
check "stdin gives the same text" [ "$out2" = "$out" ]

printf 'nothing here\n' >"$tmp/none.txt"
"$ZT_BIN" explain "$tmp/none.txt" >/dev/null 2>"$tmp/err"
check "no report: exit 1" [ $? -eq 1 ]
contains "no report: says so" "$(cat "$tmp/err")" "no OOM report found in $tmp/none.txt"
"$ZT_BIN" explain "$tmp/missing.txt" >/dev/null 2>&1
check "missing file: exit 2" [ $? -eq 2 ]
"$ZT_BIN" explain "$seed" --format yaml >/dev/null 2>&1
check "bad format: exit 2" [ $? -eq 2 ]

all=$(cat "$ZT_FIXTURES"/oom/*.txt | "$ZT_BIN" explain --format json)
check "every fixture at once: five reports" [ "$(printf '%s\n' "$all" | wc -l)" -eq 5 ]

# several files: each decoded under its own header, JSON names the file
several=$("$ZT_BIN" explain "$ZT_FIXTURES"/oom/*.txt 2>"$tmp/err")
check "several files: exit 0" [ $? -eq 0 ]
check "several files: one header each" \
	[ "$(printf '%s\n' "$several" | grep -c '^==> .* <==$')" -eq 5 ]
contains "several files: the seed's header" "$several" "==> $seed <=="
"$ZT_BIN" explain "$seed" "$tmp/none.txt" >/dev/null 2>"$tmp/err"
check "several files, one without a report: exit 1" [ $? -eq 1 ]
contains "several files: names the one without" "$(cat "$tmp/err")" "no OOM report found in $tmp/none.txt"
files=$("$ZT_BIN" explain --format json "$seed" "$ZT_FIXTURES/oom/oom-6.1-global-swap-1.txt" |
	python3 -c 'import json,sys; print(" ".join(json.loads(l)["file"].split("/")[-1] for l in sys.stdin))')
check "several files: JSON names each file" \
	[ "$files" = "seed-4.4-kvm-balloon.txt oom-6.1-global-swap-1.txt" ]

# the zone table fits an 80-column terminal
numa=$("$ZT_BIN" explain "$ZT_FIXTURES/oom/oom-3.10el7-numa-swap-1.txt")
rows=$(printf '%s\n' "$numa" | awk '/^  zone  /,/free blocks/' | grep -c 'Node 0 DMA32')
wide=$(printf '%s\n' "$numa" | awk '/^  zone  /,/free blocks/' | awk 'length($0) > 79' | wc -l)
check "zone table within 79 columns ($rows NUMA rows, $wide too wide)" [ "$((rows == 1 && wide == 0))" -eq 1 ]

# LANG=C: the arrows of a call chain in ASCII (a '?' would read as the
# kernel's mark of an unreliable frame); UTF-8 keeps them; --ascii asks
out=$(LANG=C LC_ALL=C "$ZT_BIN" explain "$seed")
contains "LANG=C: the call chain with ASCII arrows" "$out" \
	"call trace   dup_fd -> alloc_fdtable -> vmalloc"
n=$(LANG=C LC_ALL=C "$ZT_BIN" explain "$ZT_FIXTURES"/oom/*.txt | LC_ALL=C grep -c '[^	 -~]')
check "LANG=C: no byte outside ASCII in any fixture's explanation ($n lines)" [ "$n" -eq 0 ]
out=$(LC_ALL=C.UTF-8 "$ZT_BIN" explain "$seed")
contains "C.UTF-8: the arrows" "$out" "dup_fd $(printf '\342\206\222') alloc_fdtable"
out=$(LC_ALL=C.UTF-8 "$ZT_BIN" explain --ascii "$seed")
contains "--ascii: ASCII arrows in a UTF-8 locale" "$out" "dup_fd -> alloc_fdtable"
"$ZT_BIN" explain --help | grep -q -- "--ascii"
check "explain --help names --ascii" [ $? -eq 0 ]

# a terminal on standard input is told what is happening
if command -v script >/dev/null 2>&1; then
	script -qec "$ZT_BIN explain </dev/tty" /dev/null </dev/null >"$tmp/tty" 2>&1
	contains "a terminal on stdin: says it reads standard input" "$(cat "$tmp/tty")" \
		"reading standard input"
else
	skip "a terminal on stdin: no script(1) to make one"
fi
done_testing
