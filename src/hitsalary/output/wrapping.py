"""Text that wraps between words and after a hyphen or slash, never inside a word, and the
column widths that let a table keep every word whole.

Rich wraps a cell at spaces only, so 'San Jose-Sunnyvale-Santa Clara, CA' becomes 'San' /
'Jose-Sunnyvale-Santa' / 'Clara, CA', and a word longer than its column is cut with '…' or
folded mid-word. A `Breakable` cell may also break after '-', '/' or '=' between two characters
of a word, tells the table the widest piece it cannot break, and the table's columns are sized so
that no piece is wider than its column; when they cannot all fit, the table is shown as blocks. A web
address is one piece: copied from the screen it must still work, so it is never broken inside,
and one wider than the line is printed whole, overflowing, rather than folded.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

# a break may follow a run of spaces, or a '-', '/' or '=' that sits between two non-space characters
# ('Santa-Clara', 'a/b', compare's 'employer=vendor'), never a leading one ('-$1,200', '/hr'), nor a
# '-' between two digits (a date, 2026-04-30, or a SOC code, 15-1211, is one word)
BREAK = re.compile(r"\s+|(?<=\S)(?:(?<!\d)-|-(?!\d)|/|=)(?=\S)")
# a web address, with or without its scheme ('https://www.bls.gov/oes/special-requests/...',
# 'data.bls.gov/timeseries/ID'): no break inside it, up to the space that ends it
URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\b(?:[\w-]+\.)+(?:gov|com|org|net|edu)/)\S*", re.IGNORECASE)
TRAILING = re.compile(r"[ \t]+(?=(?:\x1b\[[0-9;]*m)*$)", re.MULTILINE)


def breaks(line: str) -> list[int]:
    """The offsets a line may be broken at: after each break opportunity outside a web address."""
    inside = [(m.start(), m.end()) for m in URL.finditer(line)]
    ends = (m.end() for m in BREAK.finditer(line))
    return [end for end in ends if not any(start < end < stop for start, stop in inside)]


def pieces(line: str) -> list[str]:
    """A line cut after each break opportunity; the pieces join back to the line."""
    cuts = [0, *breaks(line), len(line)]
    return [line[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def widest_piece(text: str) -> int:
    return max((cell_len(p.rstrip()) for line in text.split("\n") for p in pieces(line)), default=0)


def widest_line(text: str) -> int:
    return max((cell_len(line.rstrip()) for line in text.split("\n")), default=0)


def wrap(line: Text, width: int) -> list[Text]:
    """One line of styled text broken greedily at its break opportunities to `width` cells. A
    piece wider than `width` on its own (only when no width could be found) is folded, unless it
    holds a web address: that line is left whole, wider than `width`."""
    out: list[Text] = []
    current = Text()
    for piece in line.divide(_offsets(line.plain)):
        if current.plain.strip() and cell_len(current.plain + piece.plain.rstrip()) > width:
            out.append(current)
            current = Text()
        current.append_text(piece)
    out.append(current)
    folded: list[Text] = []
    for text in out:
        text.rstrip()
        if cell_len(text.plain) <= width or URL.search(text.plain):
            folded.append(text)
        else:  # the last resort, never reached in a table `fit` sized
            folded += text.wrap(Console(width=max(width, 1)), max(width, 1), overflow="fold")
    return folded


def _offsets(plain: str) -> list[int]:
    return [end for end in breaks(plain) if end < len(plain)]


class Breakable:
    """A cell or line of text that wraps at spaces and after '-' or '/', keeping words whole."""

    def __init__(self, text: Text | str, *, indent: int = 0) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        self.indent = indent  # spaces before each line (Padding would crop a web address)

    @property
    def plain(self) -> str:
        return self.text.plain

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        return Measurement(widest_piece(plain) + self.indent, widest_line(plain) + self.indent)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width - self.indent
        lines = [
            Text(" " * self.indent) + part if self.indent else part
            for line in self.text.split("\n", allow_blank=True)
            for part in wrap(line, width)
        ]
        if all(cell_len(line.plain) <= options.max_width for line in lines):
            joined = Text("\n").join(lines)
            joined.no_wrap, joined.overflow = True, "crop"  # lines already fit: crop never cuts
            yield joined
            return
        for line in lines:  # a web address wider than the line, which is left whole to overflow
            line.no_wrap, line.overflow = (
                True,
                "crop" if cell_len(line.plain) <= options.max_width else "ignore",
            )
            yield line


class Prose(Text):
    """A note's text, wrapped by Rich at spaces like any text, except that a web address wider
    than the line is left whole on its own line, overflowing, where Rich would fold it."""

    def wrap(self, console: Console, width: int, **options: Any) -> Lines:
        lines = Lines()
        for line in self.split(allow_blank=True):
            if all(cell_len(m.group()) <= width for m in URL.finditer(line.plain)):
                lines.extend(Text.wrap(line, console, width, **options))
                continue
            lines.extend(wrap(line, width))  # the table cells' breaker: the address stays whole
        return lines


def breakable(cell: RenderableType) -> RenderableType:
    """Plain text and Text become Breakable; anything else is left to Rich."""
    return Breakable(cell) if isinstance(cell, Text | str) else cell


def fit(mins: list[int], maxes: list[int], room: int) -> list[int] | None:
    """Column widths within `room` cells, each at least its widest unbreakable piece: every column
    starts at its natural width and the widest ones give way first. None when the pieces alone
    are wider than the room."""
    if sum(mins) > room:
        return None
    widths = list(maxes)
    while sum(widths) > room:
        excess = sum(widths) - room
        shrinkable = [i for i, w in enumerate(widths) if w > mins[i]]
        widest = max(widths[i] for i in shrinkable)
        tops = [i for i in shrinkable if widths[i] == widest]
        lower = max([widths[i] for i in shrinkable if widths[i] < widest] + [max(mins[i] for i in tops)])
        step = max(min(widest - lower, -(-excess // len(tops))), 1)
        for i in tops:
            widths[i] = max(widths[i] - step, mins[i])
    return widths


def strip_trailing(rendered: str) -> str:
    """Spaces at the end of each line (Rich pads table cells to the width) removed, before any
    trailing style codes, so a piped line ends with its last character."""
    return TRAILING.sub("", rendered)
