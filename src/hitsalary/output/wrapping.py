"""Text that wraps between words and after a hyphen or slash, never inside a word, and the
column widths that let a table keep every word whole.

Rich wraps a cell at spaces only, so 'San Jose-Sunnyvale-Santa Clara, CA' becomes 'San' /
'Jose-Sunnyvale-Santa' / 'Clara, CA', and a word longer than its column is cut with '…' or
folded mid-word. A `Breakable` cell may also break after '-' or '/' between two characters of a
word, tells the table the widest piece it cannot break, and the table's columns are sized so that
no piece is wider than its column; when they cannot all fit, the table is shown as blocks.
"""

from __future__ import annotations

import itertools
import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.text import Text

# a break may follow a run of spaces, or a '-' or '/' that sits between two non-space characters
# ('Santa-Clara', 'a/b'), never a leading one ('-$1,200', '/hr'), nor a '-' between two digits (a
# date, 2026-04-30, or a SOC code, 15-1211, is one word)
BREAK = re.compile(r"\s+|(?<=\S)(?:(?<!\d)-|-(?!\d)|/)(?=\S)")
TRAILING = re.compile(r"[ \t]+(?=(?:\x1b\[[0-9;]*m)*$)", re.MULTILINE)


def pieces(line: str) -> list[str]:
    """A line cut after each break opportunity; the pieces join back to the line."""
    cuts = [0, *(m.end() for m in BREAK.finditer(line)), len(line)]
    return [line[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def widest_piece(text: str) -> int:
    return max((cell_len(p.rstrip()) for line in text.split("\n") for p in pieces(line)), default=0)


def widest_line(text: str) -> int:
    return max((cell_len(line.rstrip()) for line in text.split("\n")), default=0)


def wrap(line: Text, width: int) -> list[Text]:
    """One line of styled text broken greedily at its break opportunities to `width` cells. A
    piece wider than `width` on its own (only when no width could be found) is folded."""
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
        if cell_len(text.plain) <= width:
            folded.append(text)
        else:  # the last resort, never reached in a table `fit` sized
            folded += text.wrap(Console(width=max(width, 1)), max(width, 1), overflow="fold")
    return folded


def _offsets(plain: str) -> list[int]:
    return [m.end() for m in BREAK.finditer(plain) if m.end() < len(plain)]


class Breakable:
    """A cell or line of text that wraps at spaces and after '-' or '/', keeping words whole."""

    def __init__(self, text: Text | str) -> None:
        self.text = text if isinstance(text, Text) else Text(text)

    @property
    def plain(self) -> str:
        return self.text.plain

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        return Measurement(widest_piece(plain), widest_line(plain))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = [
            part for line in self.text.split("\n", allow_blank=True) for part in wrap(line, options.max_width)
        ]
        joined = Text("\n").join(lines)
        joined.no_wrap, joined.overflow = True, "crop"  # lines already fit: crop never cuts
        yield joined


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
