"""The few SVG pieces every report chart is drawn with: text, lines, boxes, a dollar scale and
labels that keep out of each other's way. Pure functions returning markup; every value escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from hitsalary.core.errors import escape_controls

LANE = 17  # height of one row of labels
FONT = 13  # px of the chart's own units; charts are drawn at the width they are shown
CHAR_WIDTH = 0.6  # a label's width per character, in font sizes (system sans-serif, digits)


def esc(value: object) -> str:
    """Text for HTML or SVG: control characters shown escaped (as a terminal shows them), then
    &, <, >, and quotes as entities, so a value from a user's data file is only ever text."""
    return html.escape(escape_controls(str(value)), quote=True)


def money(amount: float | None) -> str:
    return "" if amount is None else f"${round(amount):,}"


def num(value: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * CHAR_WIDTH


def attrs(**values: object) -> str:
    """SVG attributes; a trailing underscore is dropped and other underscores become dashes."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float) else value
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{esc(shown)}"')
    return " ".join(parts)


def text(x: float, y: float, words: str, *, anchor: str = "start", cls: str | None = None) -> str:
    return f"<text {attrs(x=float(x), y=float(y), text_anchor=anchor, class_=cls)}>{esc(words)}</text>"


def line(x1: float, y1: float, x2: float, y2: float, *, cls: str) -> str:
    return f"<line {attrs(x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), class_=cls)}/>"


def rect(x: float, y: float, width: float, height: float, *, cls: str) -> str:
    shape = attrs(x=float(x), y=float(y), width=float(max(width, 0.0)), height=float(height), class_=cls)
    return f"<rect {shape}/>"


def circle(x: float, y: float, r: float, *, cls: str) -> str:
    return f"<circle {attrs(cx=float(x), cy=float(y), r=float(r), class_=cls)}/>"


def diamond(x: float, y: float, r: float, *, cls: str) -> str:
    points = f"{num(x)},{num(y - r)} {num(x + r)},{num(y)} {num(x)},{num(y + r)} {num(x - r)},{num(y)}"
    return f'<polygon points="{points}" class="{esc(cls)}"/>'


def polyline(points: Iterable[tuple[float, float]], *, cls: str) -> str:
    joined = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return f'<polyline points="{joined}" class="{esc(cls)}"/>'


def svg(width: float, height: float, body: Iterable[str], *, label: str) -> str:
    """A chart: drawn at `width` units and scaled to its box; `label` is what a screen reader
    says (the same figures are in the tables below the pictures)."""
    view = f"0 0 {num(width)} {num(height)}"
    head = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" role="img" aria-label="{esc(label)}">'
    return head + "".join(body) + "</svg>"


@dataclass(frozen=True)
class Scale:
    """A straight-line map from values (dollars, years) to chart units."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


def padded(values: Iterable[float], share: float = 0.06) -> tuple[float, float]:
    """The range of the values widened by a share of itself on each side."""
    found = list(values)
    low, high = min(found), max(found)
    pad = (high - low) * share or abs(high) * share or 1.0
    return low - pad, high + pad


def lanes(spans: list[tuple[float, float]], *, gap: float = 6.0) -> list[int]:
    """For labels at (left, right), in any order, the lowest lane (0, 1, ...) where each fits
    beside the labels already placed in that lane."""
    taken: list[list[tuple[float, float]]] = []
    out = []
    for left, right in spans:
        lane = next(
            (i for i, used in enumerate(taken) if all(right + gap <= a or left >= b + gap for a, b in used)),
            len(taken),
        )
        if lane == len(taken):
            taken.append([])
        taken[lane].append((left, right))
        out.append(lane)
    return out


def label_span(x: float, words: str, *, width: float, size: float = FONT) -> tuple[float, float, str]:
    """Where a label centred on x goes, kept inside the chart: its left, right and anchor."""
    half = text_width(words, size) / 2
    if x - half < 2:
        return 2.0, 2 + 2 * half, "start"
    if x + half > width - 2:
        return width - 2 - 2 * half, width - 2.0, "end"
    return x - half, x + half, "middle"


def anchored_x(left: float, right: float, anchor: str) -> float:
    return {"start": left, "end": right}.get(anchor, (left + right) / 2)


def signed_money(amount: float) -> str:
    """+$1,200 or -$1,200 (a change, not an amount)."""
    whole = round(amount)
    return f"{'-' if whole < 0 else '+'}${abs(whole):,}"


Placed = tuple[float, str, str, int]  # x, words, text-anchor, lane


def labels_row(marks: list[tuple[float, str]], *, width: float) -> tuple[list[Placed], int]:
    """Labels centred on their marks, spread over as few lanes as keep them apart, and how many
    lanes that took."""
    spans = [label_span(x, words, width=width) for x, words in marks]
    lane_of = lanes([(left, right) for left, right, _ in spans])
    placed = [
        (anchored_x(left, right, anchor), words, anchor, lane)
        for (left, right, anchor), (_, words), lane in zip(spans, marks, lane_of, strict=True)
    ]
    return placed, (max(lane_of) + 1 if lane_of else 0)


def draw_labels(placed: list[Placed], first: float, *, cls: str, upward: bool = False) -> list[str]:
    """Each label on its lane's baseline: lane 0 at `first`, the others further away from the bar."""
    step = -LANE if upward else LANE
    return [text(x, first + lane * step, words, anchor=anchor, cls=cls) for x, words, anchor, lane in placed]


def wrap(words: str, width: float, size: float = FONT) -> list[str]:
    """A label broken at spaces into lines that fit `width` (SVG text never wraps by itself);
    a single word longer than the width keeps its own line, whole."""
    limit = max(int(width / (size * CHAR_WIDTH)), 1)
    lines: list[str] = []
    for word in words.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def wrapped_text(x: float, y: float, words: str, *, width: float, cls: str) -> tuple[str, float]:
    """A left-aligned label over as many lines as it needs, and the height below `y` it took."""
    lines = wrap(words, width)
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{0 if i == 0 else LANE - 1}">{esc(part)}</tspan>'
        for i, part in enumerate(lines)
    )
    return f"<text {attrs(x=float(x), y=float(y), class_=cls)}>{spans}</text>", (len(lines) - 1) * (LANE - 1)
