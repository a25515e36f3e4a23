#!/bin/sh
# E2E: hostile text never reaches the terminal raw.
# Children whose names (/proc/PID/comm, written by the child) and command
# lines (the argv they were executed with) hold: OSC title sets
# (ESC ] 0 ; pwned BEL, ESC ] 2 ... ST), screen's window-name sequence
# (ESC k ... ST), an OSC 52 clipboard write, CSI erase/home/colour and
# alternate-screen sequences, a full reset (ESC c), C0 control bytes, a
# raw C1 CSI byte and U+009B, invalid UTF-8 (overlong, surrogate, 5-byte,
# cut), 5000 characters of text, right-to-left override and isolates,
# zero-width characters; one plain child is the reference.  The real
# binary runs in tmux at 132x43, filtered to them (/ and a marker of this
# run), with names and then full command lines (c), and on the detail
# views of seven of them.  What must hold: the pane shows each of them
# escaped (\e]0;pwned\x07, \u{202e}, ...) and nothing raw (no control,
# C1, bidi or zero-width character, no undecodable byte); the pane's
# title, the window's name (allow-rename on) and tmux's paste buffers
# (set-clipboard on, so an OSC 52 would land there) are unchanged; no
# row is recoloured: every hostile row has the attributes of the plain
# row, run by run (read from capture-pane -e; on blanks only what shows
# on a blank counts), the predicted victim's row one colour throughout,
# the screen above the list is still there (nothing cleared it), the
# rows below it are blank and the footer keeps its colours; batch text,
# JSON, OpenMetrics and a replayed recording hold no ESC or other
# control byte and are valid UTF-8 (JSON carries the name exactly, its
# ESC written \u001b).  The live screen reads the command line itself:
# a newline inside an argument shows escaped like any control byte
# (libproc2, which batch modes use for a row's first read, joins it as
# a space).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.inc"
plan 102

py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
if [ -z "$py" ]; then
	skip_all "python3 is not installed"
fi

# a marker of this run in every child's command line: the filter's text
M=zh$$
# the child: takes its name, its adj, then sleeps (a module: "-m z" keeps
# the command line short, so the hostile arguments show in the column)
cat >"$E2E_TMP/z.py" <<'EOF'
import os, time
with open("/proc/self/comm", "wb") as f:
    f.write(bytes.fromhex(os.environ["ZT_COMM"]))
with open("/proc/self/oom_score_adj", "w") as f:
    f.write(os.environ["ZT_ADJ"])
time.sleep(60)
EOF
# the children: name (at most 15 bytes), argv[0], more arguments; the
# first is the predicted victim (+900), the plain one last (+800)
"$py" - "$py" "$E2E_TMP" "$M" >"$E2E_TMP/kids" <<'EOF'
import os, sys
py, d, M = sys.argv[1], sys.argv[2], sys.argv[3].encode()
E = b"\x1b"
KIDS = [
    (b"osc", E + b"]0;pwned\x07", M + b"-osc" + E + b"]0;pwned\x07",
     [E + b"]2;pwned2" + E + b"\\", E + b"kpwnwin" + E + b"\\"]),
    (b"osc52", E + b"]52;c;cHdu\x07", M + b"-osc52",
     [E + b"]52;c;cHduZWQ=\x07", E + b"]52;p;cHduZWQ=" + E + b"\\"]),
    (b"csi", E + b"[2J" + E + b"[31mred", M + b"-csi",
     [E + b"[2J" + E + b"[H" + E + b"[31mRED" + E + b"[0m",
      E + b"[?1049l" + E + b"c"]),
    (b"ctl", b"c\x01\x07\x08\x7f\r\n", M + b"-ctl",
     [b"a\x01b\x07c\x08d\x7fe\rf\ng\th", b"c1\x9b2J\xc2\x9b31m"]),
    (b"utf8", b"\xff\xfe\xc3(\xe2\x82", M + b"-utf8",
     [b"bad\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80\xe2\x82end"]),
    (b"long", b"ztlong", M + b"-long", [b"L" * 5000 + E + b"[2Jtail"]),
    (b"rtl", "zt\u202eabc".encode(), M + "-rtl\u202egnp.exe".encode(),
     ["\u2066x\u2069\u200f".encode()]),
    (b"zw", "zt\u200bzw\ufeff".encode(),
     M + "-zw\u200b\u200c\u200d\u2060x".encode(), ["\u00ad\u180ey".encode()]),
    (b"plain", b"ztplain", M + b"-plain", [b"nothing-special"]),
]
for i, (tag, comm, argv0, more) in enumerate(KIDS):
    pid = os.fork()
    if pid == 0:
        os.environ.update(ZT_COMM=comm.hex(), PYTHONPATH=d,
                          ZT_ADJ=str(900 - (100 if tag == b"plain" else 10 * i)))
        os.execv(py, [argv0, b"-m", b"z"] + more)
    print(tag.decode(), pid, flush=True)
EOF
pids=""
while read -r tag pid; do
	e2e_kids="$e2e_kids $pid"
	pids="$pids${pids:+,}$pid"
	eval "pid_$tag=$pid"
done <"$E2E_TMP/kids"
i=0
while [ $i -lt 50 ]; do
	[ "$(cat "/proc/$pid_plain/oom_score_adj" 2>/dev/null)" = 800 ] &&
	    [ "$(cat "/proc/$pid_osc/oom_score_adj" 2>/dev/null)" = 900 ] && break
	sleep 0.1
	i=$((i + 1))
done
check "9 hostile children started" test "$(wc -l <"$E2E_TMP/kids")" = 9

# The colour check.  Reads capture-pane -e: the SGR state carries from
# cell to cell and line to line; each line becomes runs of (attributes,
# length).  Prints "ok what" / "FAIL what" lines.
cat >"$E2E_TMP/attrs.py" <<'EOF'
import re, sys
sgr = re.compile(r"\x1b\[([0-9;:]*)m")
def lines(path):
    st, out = {}, []
    for raw in open(path, encoding="utf-8", errors="replace").read().split("\n"):
        cells, pos = [], 0
        for m in sgr.finditer(raw):
            cells += [(c, tuple(sorted((str(k), v) for k, v in st.items()))) for c in raw[pos:m.start()]]
            pos = m.end()
            ps = [p for p in m.group(1).replace(":", ";").split(";")] or ["0"]
            i = 0
            while i < len(ps):
                p = int(ps[i] or 0)
                if p == 0: st = {}
                elif p in (38, 48, 58):
                    n = 3 if ps[i + 1:i + 2] == ["5"] else 5
                    st[p] = ";".join(ps[i + 1:i + n]); i += n - 1
                elif 30 <= p <= 37 or 90 <= p <= 97: st["fg"] = p
                elif p == 39: st.pop("fg", None)
                elif 40 <= p <= 47 or 100 <= p <= 107: st["bg"] = p
                elif p == 49: st.pop("bg", None)
                elif p in (22,): st.pop(1, None); st.pop(2, None)
                elif 23 <= p <= 29: st.pop(p - 20, None)
                else: st[p] = True
                i += 1
        cells += [(c, tuple(sorted((str(k), v) for k, v in st.items()))) for c in raw[pos:]]
        if "\x1b" in sgr.sub("", raw):
            print("FAIL a sequence other than SGR in the capture: %r" % raw[:80])
        out.append(cells)
    return out
VISIBLE_ON_BLANK = ("bg", "48", "4", "9", "7")
def runs(cells, skip="…"):
    """Runs of [attributes, length]: "…" (a cut, dim) is skipped; a blank
    keeps only what shows on a blank (background, reverse, underline,
    strike); a row selected as a whole (reverse on every cell) loses
    the reverse, so it compares with an unselected one."""
    sel = all(("7", True) in a for c, a in cells if c not in skip) and cells
    r = []
    for c, a in cells:
        if sel:
            a = tuple(x for x in a if x != ("7", True))
        if c in skip:
            a = ("skip",)
        elif c == " ":
            rev = ("7", True) in a
            a = tuple(x for x in a if x[0] in VISIBLE_ON_BLANK or
                      (rev and x[0] in ("fg", "38")))
        if r and r[-1][0] == a:
            r[-1][1] += 1
        else:
            r.append([a, 1])
    while r and r[-1][0] == ():		# trailing default cells
        r.pop()
    return r
def text(cells):
    return "".join(c for c, _ in cells)
EOF

# rows of the candidate list (below its column headings), in the pane
rows() { tm_screen | sed -n '/PID.*USER.*OOM/,$p' | sed '1d'; }
row_of() { rows | grep -E "^.{5} +$1 "; }
# nothing raw: no ESC or C0/C1 control and none of the sneaky characters
# (capture-pane -p shows characters, not attributes)
raw_free() {	# what text
	_r=$(printf '%s' "$2" | "$py" -c 'import sys, unicodedata
t = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
bad = sorted(set("U+%04X" % ord(c) for c in t if c != "\n" and (
    ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or 0xdc80 <= ord(c) <= 0xdcff or
    c in "\u00ad\u180e\ufeff" or 0x200b <= ord(c) <= 0x200f or
    0x202a <= ord(c) <= 0x202e or 0x2060 <= ord(c) <= 0x2069)))
print(" ".join(bad))')
	if [ -z "$_r" ]; then
		ok "$1: nothing raw on the pane"
	else
		notok "$1: nothing raw on the pane (found $_r)"
	fi
}

tm_start 132 43 "sleep 0.4; $ZT_BIN -d 1"
# an OSC 52 that got through would become a paste buffer; ESC k a name
tm set -g set-clipboard on
tm set -g allow-rename on
tm rename-window -t zt ztwin
title0=$(tm_pane '#{pane_title}')
wname0=$(tm_pane '#{window_name}')
echo "# pane title \"$title0\", window name \"$wname0\""
check "the screen comes up" tm_wait "OOM CANDIDATES" 15
tm capture-pane -e -p -t zt >"$E2E_TMP/cap0"
tm send-keys -t zt /
tm send-keys -t zt -l "$M"
tm send-keys -t zt Enter
check "/$M filters to the children" tm_wait "filter \"$M\""
check "all nine rows are listed" tm_wait "ztplain"
sleep 1.2	# a sample more: rows settle
scr=$(tm_screen)
n=$(rows | grep -c "^.  *[0-9][0-9]*  *[0-9][0-9]* ")
check "nine rows (got $n)" test "$n" = 9

# the names, escaped
contains "OSC title set shown escaped" "$(row_of "$pid_osc")" '\e]0;pwned\x07'
contains "OSC 52 shown escaped" "$(row_of "$pid_osc52")" '\e]52;c;cHdu\x07'
contains "CSI erase and colour shown escaped" "$(row_of "$pid_csi")" '\e[2J\e[31mred'
contains "control bytes shown escaped" "$(row_of "$pid_ctl")" 'c\x01\x07\x08\x7f\r\n'
contains "invalid UTF-8 shown as bytes" "$(row_of "$pid_utf8")" '\xff\xfe\xc3(\xe2\x82'
contains "right-to-left override shown escaped" "$(row_of "$pid_rtl")" 'zt\u{202e}abc'
contains "zero-width characters shown escaped" "$(row_of "$pid_zw")" 'zt\u{200b}zw\u{feff}'
contains "the plain one as it is" "$(row_of "$pid_plain")" ' ztplain'
case "$(row_of "$pid_osc")" in
"▶"*) contains "the title line escapes the victim's name" "$scr" \
	    "next victim $pid_osc \\e]0;pwned\\x07" ;;
*) skip "the title line escapes the victim's name: the OSC child is not the predicted victim here" ;;
esac
raw_free "names" "$scr"

# colour and layout of a screen: the rows of the list against the plain
# row, the victim's row uniform, the screen above intact, blank below
check_attrs() {	# what
	tm capture-pane -e -p -t zt >"$E2E_TMP/cap"
	"$py" - "$E2E_TMP/cap" "$E2E_TMP/cap0" "$E2E_TMP/attrs.py" \
	    "$pid_plain" "$pids" >"$E2E_TMP/py" 2>&1 <<'EOF'
import sys
exec(open(sys.argv[3]).read())
cap, cap0 = lines(sys.argv[1]), lines(sys.argv[2])
plain, pids = sys.argv[4], sys.argv[5].split(",")
def check(what, cond):
    print(("ok " if cond else "FAIL ") + what)
t = [text(l) for l in cap]
head = next((i for i, s in enumerate(t) if "PID" in s and "COMMAND" in s), None)
check("the column headings are there", head is not None)
if head is None:
    sys.exit(0)
rows = {}
for i in range(head + 1, len(t)):
    f = t[i][1:].split()
    if len(f) > 2 and f[1] in pids:
        rows[f[1]] = i
check("every child has a row", len(rows) == len(pids))
ref = runs(cap[rows[plain]]) if plain in rows else None
# two checks whichever row the victim is (on a busy machine it may be no
# child at all): the plan does not depend on it
victim = [(pid, i) for pid, i in rows.items() if t[i].startswith("▶")]
for pid, i in victim:
    r = runs(cap[i])
    attrs = set(a for a, _ in r if a not in (("skip",), ()))
    check("row %d (victim %s): one colour throughout (%d)" % (i + 1, pid, len(attrs)),
          len(attrs) == 1)
    if len(attrs) != 1:
        print("# victim: %s" % r)
if not victim:
    print("SKIP the victim's row: the predicted victim is none of the children here")
others = [(pid, i) for pid, i in sorted(rows.items(), key=lambda x: x[1])
          if not t[i].startswith("▶") and pid != plain]
# a cut ("…": the cgroup's front, a long command line's end) is not a
# colour: runs either side of it are one
def merged(rr):
    out = []
    for a, n in rr:
        if a == ("skip",):
            continue
        if out and out[-1][0] == a:
            out[-1][1] += n
        else:
            out.append([a, n])
    return out
mref = merged(ref) if ref is not None else None
bad = []
for pid, i in others:
    mr = merged(runs(cap[i]))
    r = runs(cap[i])
    if mref is None or [a for a, _ in mr] != [a for a, _ in mref] or \
            [n for _, n in mr[:-1]] != [n for _, n in mref[:-1]]:
        bad.append(pid)
        print("# plain: %s" % ref)
        print("# row %d (%s): %s" % (i + 1, pid, r))
check("the %d other rows: the plain row's colours %s" % (len(others), bad or ""),
      len(others) > 0 and not bad)
last = max(rows.values())
foot = len(t) - 1
while foot > 0 and not t[foot].strip():
    foot -= 1
blank = all(not t[i].strip() and all(a == () for _, a in cap[i])
            for i in range(last + 1, foot))
check("below the list: blank rows, no colour", blank)
check("the footer is on the last line", "q quit" in t[foot] and foot == 42)
check("the footer's colours as before the children were shown",
      [a for a, _ in runs(cap[foot])] == [a for a, _ in runs(cap0[42])])
t0 = [text(l) for l in cap0]
for word in ("zonetop", "ZONES", "SWAP", "PRESSURE", "COMMIT", "OOM CANDIDATES"):
    check("above the list: %s still shown" % word,
          any(word in s for s in t[:head]))
EOF
	checker_out $? "$E2E_TMP/py" "$1: attribute checker" "$1: "
}
check_attrs "names"

# full command lines (cut at the screen's edge: the detail views below
# show them whole)
tm send-keys -t zt c
check "c: full command lines" tm_wait "$M-plain -m z nothing-special"
sleep 1.2
scr=$(tm_screen)
contains "cmdline: OSC title and ST escaped" "$(row_of "$pid_osc")" \
    "$M"'-osc\e]0;pwned\x07 -m z \e]2;pw'
contains "cmdline: OSC 52 escaped" "$(row_of "$pid_osc52")" \
    "$M"'-osc52 -m z \e]52;c;cHduZWQ='
contains "cmdline: CSI escaped" "$(row_of "$pid_csi")" \
    "$M"'-csi -m z \e[2J\e[H\e[31mRED'
contains "cmdline: control bytes escaped" "$(row_of "$pid_ctl")" \
    "$M"'-ctl -m z a\x01b\x07c\x08d\x7fe'
contains "cmdline: invalid UTF-8 as bytes" "$(row_of "$pid_utf8")" \
    "$M"'-utf8 -m z bad\xc0\xaf\xed'
contains "cmdline: 5000 characters cut at the edge" "$(row_of "$pid_long")" \
    "$M"'-long -m z LLLLLLLLLL'
contains "cmdline: bidi escaped" "$(row_of "$pid_rtl")" \
    "$M"'-rtl\u{202e}gnp.exe -m z \u{2066}x'
contains "cmdline: zero-width escaped" "$(row_of "$pid_zw")" \
    "$M"'-zw\u{200b}\u{200c}\u{200d}\u{2060}x'
raw_free "command lines" "$scr"
check_attrs "command lines"

# the detail views: the whole command line, escaped (the live screen's
# own read: NULs made spaces, every other byte as the kernel has it)
rows >"$E2E_TMP/rows"
tm send-keys -t zt Tab Tab
detail() {	# pid: its detail view
	_k=$(grep -n -E "^.{5} +$1 " "$E2E_TMP/rows" | cut -d: -f1)
	tm send-keys -t zt Home
	_i=1
	while [ "$_i" -lt "${_k:-1}" ]; do tm send-keys -t zt Down; _i=$((_i + 1)); done
	tm send-keys -t zt Enter
	tm_wait "Process $1 " 5
}
detail_close() {
	tm send-keys -t zt Escape
	tm_wait "OOM CANDIDATES" 5 >/dev/null
}
check "the CSI child's detail opens" detail "$pid_csi"
scr=$(tm_screen)
contains "detail: the name escaped" "$scr" "Process $pid_csi  \\e[2J\\e[31mred"
contains "detail: CSI escaped" "$scr" \
    "$M"'-csi -m z \e[2J\e[H\e[31mRED\e[0m \e[?1049l\ec'
raw_free "detail (CSI)" "$scr"
detail_close
check "the OSC 52 child's detail opens" detail "$pid_osc52"
contains "detail: OSC 52 escaped" "$(tm_screen)" \
    "$M"'-osc52 -m z \e]52;c;cHduZWQ=\x07 \e]52;p;cHduZWQ=\e\\'
detail_close
check "the control bytes child's detail opens" detail "$pid_ctl"
scr=$(tm_screen)
contains "detail: C0 escaped" "$scr" 'a\x01b\x07c\x08d\x7fe\rf'
contains "detail: raw C1 byte and U+009B escaped" "$scr" 'c1\x9b2J\u{009b}31m'
contains "detail: the newline escaped, as read" "$scr" 'e\rf\ng\th'
raw_free "detail (control bytes)" "$scr"
detail_close
check "the invalid UTF-8 child's detail opens" detail "$pid_utf8"
contains "detail: every bad byte escaped" "$(tm_screen)" \
    'bad\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80\xe2\x82end'
detail_close
check "the bidi child's detail opens" detail "$pid_rtl"
contains "detail: isolates and marks escaped" "$(tm_screen)" \
    "$M"'-rtl\u{202e}gnp.exe -m z \u{2066}x\u{2069}\u{200f}'
detail_close
check "the zero-width child's detail opens" detail "$pid_zw"
contains "detail: soft hyphen and Mongolian separator escaped" "$(tm_screen)" \
    'x -m z \u{00ad}\u{180e}y'
raw_free "detail (zero-width)" "$(tm_screen)"
detail_close
check "the long child's detail opens" detail "$pid_long"
tm send-keys -t zt End
check "detail: the end of the 5000 characters, escaped" tm_wait 'LLLL\e[2Jtail'
raw_free "detail (long)" "$(tm_screen)"
detail_close
check_attrs "after the detail views"

# the terminal's state
title1=$(tm_pane '#{pane_title}')
check "the pane title is unchanged (\"$title1\")" test "$title1" = "$title0"
lacks "no title was set" "$title1" "pwn"
check "the window name is unchanged (\"$(tm_pane '#{window_name}')\")" \
    test "$(tm_pane '#{window_name}')" = "$wname0"
check "no OSC 52 reached tmux's paste buffers" test -z "$(tm list-buffers)"
check "still in the alternate screen" test "$(tm_pane '#{alternate_on}')" = 1
tm send-keys -t zt q
check "q quits" tm_dead 20
check "exit status 0 (got $(tm_status))" test "$(tm_status)" = 0

# batch, JSON, OpenMetrics, a recording replayed: no control byte, UTF-8
ctl_free() {	# what file
	if [ ! -s "$2" ]; then
		notok "$1: has output"
	elif [ "$(LC_ALL=C grep -c "$(printf '\033')" "$2")" != 0 ]; then
		notok "$1: no ESC byte ($(LC_ALL=C grep -c "$(printf '\033')" "$2") lines)"
	elif LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$2"; then
		notok "$1: no other control byte"
	elif ! iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1; then
		notok "$1: valid UTF-8"
	else
		ok "$1: no ESC or control byte, valid UTF-8"
	fi
}
"$ZT_BIN" -b -n 1 -p "$pids" >"$E2E_TMP/b.txt" 2>>"$E2E_ERR"
ctl_free "batch text" "$E2E_TMP/b.txt"
contains "batch text: the OSC name escaped" "$(cat "$E2E_TMP/b.txt")" '\e]0;pwned\x07'
raw_free "batch text" "$(cat "$E2E_TMP/b.txt")"
"$ZT_BIN" -b -n 1 -p "$pids" --format json >"$E2E_TMP/b.json" 2>>"$E2E_ERR"
ctl_free "JSON" "$E2E_TMP/b.json"
"$py" - "$E2E_TMP/b.json" "$pid_osc" >"$E2E_TMP/py" 2>&1 <<'EOF'
import json, sys
d = json.loads(open(sys.argv[1]).read())
p = [p for p in d["processes"] if p["pid"] == int(sys.argv[2])]
print("# JSON comm %r" % (p[0]["comm"] if p else None))
# JSON is data: the name is the kernel's, its ESC written \u001b
print("ok" if p and p[0]["comm"] == "\x1b]0;pwned\x07" else "FAIL",
      "JSON: the name is exact, its control characters JSON-escaped")
EOF
checker_out $? "$E2E_TMP/py" "JSON name checker"
"$ZT_BIN" --openmetrics >"$E2E_TMP/om" 2>>"$E2E_ERR"
ctl_free "OpenMetrics" "$E2E_TMP/om"
"$ZT_BIN" record "$E2E_TMP/r.ztr" -n 1 -d 0.2 >/dev/null 2>>"$E2E_ERR"
"$ZT_BIN" -b --replay "$E2E_TMP/r.ztr" -p "$pids" >"$E2E_TMP/r.txt" 2>>"$E2E_ERR" ||
    "$ZT_BIN" -b --replay "$E2E_TMP/r.ztr" --top 100 >"$E2E_TMP/r.txt" 2>>"$E2E_ERR"
ctl_free "replayed recording (text)" "$E2E_TMP/r.txt"
contains "replay: the OSC name escaped" "$(cat "$E2E_TMP/r.txt")" '\e]0;pwned\x07'
"$ZT_BIN" -b --replay "$E2E_TMP/r.ztr" --format json >"$E2E_TMP/r.json" 2>>"$E2E_ERR"
ctl_free "replayed recording (JSON)" "$E2E_TMP/r.json"

check_sanitizers
done_testing
