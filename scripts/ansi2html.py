#!/usr/bin/env python3
"""ansi2html.py COLS ROWS [TITLE] < pane.ans > pane.html

Turns a tmux pane captured with its colours (capture-pane -e -p -N) into
an HTML page that draws exactly COLS x ROWS character cells of CELL_W x
CELL_H pixels on a black background, for headless Chromium to screenshot
(scripts/screenshots.sh).  Every run of equally styled text is a box of
its exact width and every character outside ASCII is a box of one cell,
so a glyph from a fallback font cannot shift the columns after it, and
backgrounds fill whole cells.

It reads only SGR sequences (ESC [ ... m), which is all capture-pane -e
writes: bold, dim, italic, underline, reverse, strike, the 8 + 8 colours,
the 256-colour cube and 24-bit colour.  aha was the first choice; it
loses the background of reversed text and tints black text grey, so the
selected row and the header came out wrong.
"""
import html
import re
import sys
import unicodedata

CELL_W = 10      # px; DejaVu Sans Mono's advance is 1233/2048 em
CELL_H = 20      # px
FONT_PX = CELL_W * 2048 / 1233
PAD = 12         # px of black around the cells

# A terminal palette with good contrast on black (VS Code's dark one).
PALETTE = [
    "#000000", "#cd3131", "#0dbc79", "#e5e510",
    "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
    "#666666", "#f14c4c", "#23d18b", "#f5f543",
    "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
]
DEF_FG = "#d4d4d4"
DEF_BG = "#000000"


def xterm256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        lv = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (lv[n // 36], lv[n // 6 % 6], lv[n % 6])
    g = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (g, g, g)


class Style:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "under", "rev",
                 "strike", "hidden")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None     # None: default; int: palette index; str: #rgb
        self.bg = None
        self.bold = self.dim = self.italic = self.under = False
        self.rev = self.strike = self.hidden = False

    def key(self):
        return tuple(getattr(self, s) for s in self.__slots__)

    def sgr(self, params):
        p = [int(x) if x.isdigit() else 0 for x in params.split(";")] \
            if params else [0]
        i = 0
        while i < len(p):
            c = p[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 3:
                self.italic = True
            elif c in (4, 21):
                self.under = True
            elif c == 7:
                self.rev = True
            elif c == 8:
                self.hidden = True
            elif c == 9:
                self.strike = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 23:
                self.italic = False
            elif c == 24:
                self.under = False
            elif c == 27:
                self.rev = False
            elif c == 28:
                self.hidden = False
            elif c == 29:
                self.strike = False
            elif 30 <= c <= 37:
                self.fg = c - 30
            elif 40 <= c <= 47:
                self.bg = c - 40
            elif 90 <= c <= 97:
                self.fg = c - 90 + 8
            elif 100 <= c <= 107:
                self.bg = c - 100 + 8
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(p):
                if p[i + 1] == 5 and i + 2 < len(p):
                    col = xterm256(p[i + 2])
                    i += 2
                elif p[i + 1] == 2 and i + 4 < len(p):
                    col = "#%02x%02x%02x" % tuple(
                        max(0, min(255, v)) for v in p[i + 2:i + 5])
                    i += 4
                else:
                    col = None
                    i += 1
                if c == 38:
                    self.fg = col
                else:
                    self.bg = col
            i += 1


def colour(v, default):
    if v is None:
        return default
    if isinstance(v, int):
        return PALETTE[v]
    return v


def mix(a, b, t):
    """a blended toward b by t (0..1)."""
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#%02x%02x%02x" % tuple(round(x + (y - x) * t)
                                   for x, y in zip(ca, cb))


def colours(key):
    """The foreground and background a cell shows."""
    fg, bg, bold, dim, italic, under, rev, strike, hidden = key
    f = colour(fg, DEF_FG)
    b = colour(bg, DEF_BG)
    if rev:
        f, b = b, f
    if dim:
        f = mix(f, b, 0.45)
    if hidden:
        f = b
    return f, b


def css(key):
    fg, bg, bold, dim, italic, under, rev, strike, hidden = key
    f, b = colours(key)
    out = []
    if f != DEF_FG:
        out.append("color:" + f)
    if b != DEF_BG:
        out.append("background:" + b)
    if bold:
        out.append("font-weight:bold")
    if italic:
        out.append("font-style:italic")
    deco = [d for d, on in (("underline", under), ("line-through", strike))
            if on]
    if deco:
        out.append("text-decoration:" + " ".join(deco))
    return ";".join(out)


# Block elements drawn as boxes, so they fill their cells exactly as a
# terminal draws them: the edge the fill starts from, eighths filled.
BLOCKS = {"\u2580": ("top", 4), "\u2590": ("right", 4),
          "\u2594": ("top", 1), "\u2595": ("right", 1)}
for _n in range(1, 9):
    BLOCKS[chr(0x2580 + _n)] = ("bottom", _n)     # lower n eighths, full
for _n in range(1, 8):
    BLOCKS[chr(0x2590 - _n)] = ("left", _n)       # left n eighths


def block(ch, f, b):
    edge, n = BLOCKS[ch]
    if n == 8:
        return f
    away = {"bottom": "top", "top": "bottom", "left": "right",
            "right": "left"}[edge]
    end = 100 * n / 8
    return "linear-gradient(to %s,%s %.3f%%,%s %.3f%%)" % (
        away, f, end, b, end)


# Box-drawing lines drawn as strokes from the cell's centre, so that
# they join across cells and rows (a font's glyphs stop short of a cell
# CELL_H tall): the arms each character has, Left Right Up Down, and
# the stroke width.
BOX = {}
for _chars, _px in (("\u2500\u2502\u250c\u2510\u2514\u2518\u251c\u2524"
                     "\u252c\u2534\u253c\u256d\u256e\u256f\u2570"
                     "\u2574\u2575\u2576\u2577", 1),
                    ("\u2501\u2503\u250f\u2513\u2517\u251b\u2523\u252b"
                     "\u2533\u253b\u254b", 2)):
    for _c, _arms in zip(_chars, ("LR", "UD", "RD", "LD", "RU", "LU", "UDR",
                                  "UDL", "LRD", "LRU", "LRUD", "RD", "LD",
                                  "LU", "RU", "L", "U", "R", "D")):
        BOX[_c] = (_arms, _px)


def box(ch, f):
    arms, w = BOX[ch]
    cx = (CELL_W - w) // 2          # the vertical stroke's left edge
    cy = (CELL_H - w) // 2          # the horizontal stroke's top edge
    geo = {"L": (0, cy, cx + w, w), "R": (cx, cy, CELL_W - cx, w),
           "U": (cx, 0, w, cy + w), "D": (cx, cy, w, CELL_H - cy)}
    return ",".join("linear-gradient(%s,%s) %dpx %dpx/%dpx %dpx no-repeat" %
                    ((f, f) + geo[a]) for a in arms)


SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER = re.compile(r"\x1b(\[[0-9;?]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")


def parse(text, cols, rows):
    """The pane as rows of cols (char, style key) cells."""
    st = Style()
    blank = st.key()
    grid = []
    for line in text.split("\n")[:rows]:
        cells = []
        pos = 0
        while pos < len(line):
            ch = line[pos]
            if ch == "\x1b":
                m = SGR.match(line, pos)
                if m:
                    st.sgr(m.group(1).replace(":", ";"))
                    pos = m.end()
                    continue
                m = OTHER.match(line, pos)
                pos = m.end() if m else pos + 1
                continue
            pos += 1
            if ch < " " or ch == "\x7f":
                continue
            if unicodedata.combining(ch) and cells:
                cells[-1] = (cells[-1][0] + ch, cells[-1][1])
                continue
            cells.append((ch, st.key()))
            # a wide character takes two cells; tmux writes it once
            if unicodedata.east_asian_width(ch) in ("W", "F"):
                cells.append(("", st.key()))
        cells = cells[:cols]
        # tmux may still trim: the rest of the row in the current style
        # when that has a background (a highlighted row), else blank
        fill = st.key() if (st.bg is not None or st.rev) else blank
        cells += [(" ", fill)] * (cols - len(cells))
        grid.append(cells)
    while len(grid) < rows:
        grid.append([(" ", blank)] * cols)
    return grid


def render(grid, cols, rows, title):
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"><title>%s</title>' %
        html.escape(title),
        "<style>",
        "html,body{margin:0;padding:0;background:%s;}" % DEF_BG,
        "#t{position:absolute;left:%dpx;top:%dpx;width:%dpx;height:%dpx;"
        "overflow:hidden;color:%s;font-family:'DejaVu Sans Mono',monospace;"
        "font-size:%.4fpx;line-height:%dpx;white-space:pre;"
        "font-kerning:none;font-variant-ligatures:none;"
        "-webkit-font-smoothing:antialiased;}" %
        (PAD, PAD, cols * CELL_W, rows * CELL_H, DEF_FG, FONT_PX, CELL_H),
        ".r{height:%dpx;overflow:hidden;}" % CELL_H,
        ".r>span{display:inline-block;height:%dpx;vertical-align:top;"
        "overflow:hidden;}" % CELL_H,
        ".r i{display:inline-block;width:%dpx;height:%dpx;"
        "vertical-align:top;text-align:center;font-style:inherit;}" %
        (CELL_W, CELL_H),
        "</style></head><body><div id=\"t\">",
    ]
    for cells in grid:
        row = ['<div class="r">']
        i = 0
        while i < len(cells):
            key = cells[i][1]
            j = i
            while j < len(cells) and cells[j][1] == key:
                j += 1
            text = []
            for k, (ch, _) in enumerate(cells[i:j]):
                if ch == "":
                    continue        # the second cell of a wide character
                wide = i + k + 1 < len(cells) and cells[i + k + 1][0] == ""
                if wide:
                    text.append('<i style="width:%dpx">%s</i>' %
                                (2 * CELL_W, html.escape(ch)))
                elif len(ch) == 1 and ord(ch) < 128:
                    text.append(html.escape(ch))
                elif ch in BOX:
                    text.append('<i style="background:%s"></i>' %
                                box(ch, colours(key)[0]))
                elif ch in BLOCKS:
                    text.append('<i style="background:%s"></i>' %
                                block(ch, *colours(key)))
                else:
                    text.append("<i>%s</i>" % html.escape(ch))
            style = "width:%dpx" % ((j - i) * CELL_W)
            c = css(key)
            if c:
                style += ";" + c
            row.append('<span style="%s">%s</span>' % (style, "".join(text)))
            i = j
        row.append("</div>")
        out.append("".join(row))
    # no white space between the rows: #t keeps it (white-space:pre)
    return "\n".join(out[:-len(grid)]) + "".join(out[-len(grid):]) + \
        "</div></body></html>\n"


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    title = sys.argv[3] if len(sys.argv) > 3 else "zonetop"
    text = sys.stdin.buffer.read().decode("utf-8", "replace")
    if text.endswith("\n"):
        text = text[:-1]
    sys.stdout.write(render(parse(text, cols, rows), cols, rows, title))
    return 0


def size(cols, rows):
    """The page's pixel size: the window Chromium needs."""
    return cols * CELL_W + 2 * PAD, rows * CELL_H + 2 * PAD


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--size":
        print("%d,%d" % size(int(sys.argv[2]), int(sys.argv[3])))
        sys.exit(0)
    sys.exit(main())
