"""A terminal picture: ranges drawn as bars on one shared dollar axis."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text


@dataclass(frozen=True)
class Bar:
    """One row of the chart: a range (or a single point) and its marker."""

    label: str
    point: int
    low: int | None = None
    high: int | None = None
    style: str = "cyan"
    marker: str = "●"


def nice_step(span: float, slots: int) -> int:
    """A round tick step (1, 2 or 5 times a power of ten) giving at most `slots` ticks."""
    raw = span / max(slots, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if power * factor >= raw:
            return int(power * factor)
    return int(power * 10)


def short_money(amount: int) -> str:
    if amount == 0:
        return "$0"
    return f"${amount / 1000:g}k" if amount < 1_000_000 else f"${amount / 1e6:g}M"


def draw(bars: list[Bar], width: int) -> Text:
    """Bars on one axis from the lowest to the highest figure, with ticks below."""
    label_width = min(max(len(b.label) for b in bars), max(8, width // 3))
    plot = max(width - label_width - 2, 10)
    values = [v for b in bars for v in (b.low, b.high, b.point) if v is not None]
    step = nice_step(max(values) - min(values), max(plot // 10, 1))
    lo = math.floor(min(values) / step) * step
    hi = math.ceil(max(values) / step) * step
    scale = (plot - 1) / max(hi - lo, 1)

    def col(amount: int) -> int:
        return round((amount - lo) * scale)

    out = Text()
    for bar in bars:
        cells = [" "] * plot
        if bar.low is not None and bar.high is not None:
            for i in range(col(bar.low), col(bar.high) + 1):
                cells[i] = "━"
        cells[col(bar.point)] = bar.marker
        label = bar.label
        if len(label) > label_width:  # a long label on its own line, never cut short
            out.append(label + "\n")
            label = ""
        out.append(label.ljust(label_width) + "  ")
        out.append("".join(cells).rstrip(), style=bar.style)
        out.append("\n")
    out.append(" " * (label_width + 2) + axis(lo, hi, step, plot, col), style="dim")
    return out


def axis(lo: int, hi: int, step: int, plot: int, col: Callable[[int], int]) -> str:
    """Tick labels placed under their columns, skipping any that would overlap."""
    line = [" "] * (plot + 8)
    end = -1
    for tick in range(lo, hi + 1, step):
        label = short_money(tick)
        start = min(max(col(tick) - len(label) // 2, 0), plot - len(label))
        if start > end:
            line[start : start + len(label)] = label
            end = start + len(label)
    return "".join(line).rstrip()
