"""Bands side by side on one dollar scale: your band beside the same band in national-average
dollars (purchasing power), or beside a variant of your profile (the comparison)."""

from __future__ import annotations

from dataclasses import dataclass

from hitsalary.output.report_svg import (
    LANE,
    Scale,
    circle,
    draw_labels,
    labels_row,
    money,
    padded,
    rect,
    svg,
    wrapped_text,
)


@dataclass(frozen=True)
class RangeRow:
    title: str
    low: int
    mid: int
    high: int
    cls: str = "band"  # the bar's look: "band", "alt"


def range_row(row: RangeRow, scale: Scale, top: float, width: float) -> tuple[list[str], float]:
    """The row's title, its bar from low to high with the point on it, and the three figures
    below, on a second line where they would run into each other."""
    title, extra = wrapped_text(8, top + 13, row.title, width=width - 16, cls="lbl")
    body = [title]
    bar = top + 20 + extra
    body.append(rect(scale(row.low), bar, scale(row.high) - scale(row.low), 14, cls=row.cls))
    body.append(circle(scale(row.mid), bar + 7, 5, cls="mid"))
    marks = [
        (scale(row.low), money(row.low)),
        (scale(row.mid), money(row.mid)),
        (scale(row.high), money(row.high)),
    ]
    placed, count = labels_row(marks, width=width)
    body += draw_labels(placed, bar + 14 + LANE - 3, cls="lbl small")
    return body, bar + 14 + count * LANE + 6


def range_chart(rows: list[RangeRow], *, width: float, label: str) -> str:
    low, high = padded([v for r in rows for v in (r.low, r.high)], 0.04)
    scale = Scale(low, high, 8, width - 8)
    body: list[str] = []
    top = 0.0
    for row in rows:
        drawn, top = range_row(row, scale, top, width)
        body += drawn
    return svg(width, top, body, label=label)
