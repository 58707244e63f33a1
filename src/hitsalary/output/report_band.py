"""The report's first picture: the band on the area's wage distribution, on one dollar scale,
with the published percentiles, the point, the offer and the four wage levels, each labelled."""

from __future__ import annotations

from dataclasses import dataclass

from hitsalary.output.report_svg import (
    LANE,
    Scale,
    anchored_x,
    diamond,
    draw_labels,
    label_span,
    labels_row,
    line,
    money,
    padded,
    rect,
    svg,
    text,
)

SIDE = 8  # space left and right of the scale


@dataclass(frozen=True)
class BandPicture:
    """What the picture shows, in dollars a year."""

    where: str
    published: tuple[tuple[int, int], ...]  # (percentile, wage) as BLS publishes them, ascending
    low: int
    point: int
    high: int
    levels: tuple[tuple[str, int], ...]  # ("I", annual) ...
    offer: int | None = None
    filled: frozenset[int] = frozenset()  # percentiles BLS does not publish for the area, filled by rule

    def values(self) -> list[float]:
        found = [w for _, w in self.published] + [self.low, self.high] + [a for _, a in self.levels]
        return [float(v) for v in found + ([self.offer] if self.offer is not None else [])]


def distribution_row(pic: BandPicture, scale: Scale, top: float, width: float) -> tuple[list[str], float]:
    """The published percentiles above a grey bar (10th-90th light, 25th-75th darker)."""
    marks = [
        (scale(w), f"P{p} {money(w)}" + (" filled" if p in pic.filled else "")) for p, w in pic.published
    ]
    placed, count = labels_row(marks, width=width)
    bar_top = top + count * LANE + 2
    first, last = pic.published[0][1], pic.published[-1][1]
    body = [rect(scale(first), bar_top, scale(last) - scale(first), 12, cls="dist")]
    inner = [w for p, w in pic.published if 25 <= p <= 75]
    if len(inner) >= 2:
        body.append(rect(scale(inner[0]), bar_top, scale(inner[-1]) - scale(inner[0]), 12, cls="dist-mid"))
    body += [line(scale(w), bar_top - 3, scale(w), bar_top + 15, cls="tick") for _, w in pic.published]
    body += draw_labels(placed, bar_top - 6, cls="lbl", upward=True)
    return body, bar_top + 12


def band_row(pic: BandPicture, scale: Scale, top: float, width: float) -> tuple[list[str], float]:
    """The band as a bar, the point as a diamond on it, their dollars below."""
    x_low, x_point, x_high = scale(pic.low), scale(pic.point), scale(pic.high)
    body = [rect(x_low, top, x_high - x_low, 20, cls="band"), diamond(x_point, top + 10, 9, cls="point")]
    marks = [(x_low, f"Low {money(pic.low)}"), (x_point, f"Point {money(pic.point)}")]
    marks.append((x_high, f"High {money(pic.high)}"))
    placed, count = labels_row(marks, width=width)
    body += draw_labels(placed, top + 20 + LANE - 2, cls="lbl strong")
    return body, top + 20 + count * LANE + 4


def levels_row(pic: BandPicture, scale: Scale, top: float, width: float) -> tuple[list[str], float]:
    """The wage levels as triangles on a thin line, 'Level I $104,801' below each."""
    xs = [scale(a) for _, a in pic.levels]
    body = [line(min(xs), top + 6, max(xs), top + 6, cls="level-line")] if xs else []
    for x in xs:
        corners = f"{x - 6:.1f},{top + 12:.1f} {x + 6:.1f},{top + 12:.1f} {x:.1f},{top:.1f}"
        body.append(f'<polygon points="{corners}" class="level"/>')
    placed, count = labels_row(
        [(x, f"Level {key} {money(a)}") for x, (key, a) in zip(xs, pic.levels, strict=True)], width=width
    )
    body += draw_labels(placed, top + 12 + LANE - 2, cls="lbl level-lbl")
    return body, top + 12 + count * LANE + 2


def band_chart(pic: BandPicture, *, width: float) -> str:
    """The whole picture at a given width (the page draws one for a screen and one for a phone)."""
    low, high = padded(pic.values())
    scale = Scale(low, high, SIDE, width - SIDE)
    top = 4.0
    head: list[str] = []
    if pic.offer is not None:
        left, right, anchor = label_span(scale(pic.offer), f"Offer {money(pic.offer)}", width=width)
        head.append(
            text(
                anchored_x(left, right, anchor),
                14,
                f"Offer {money(pic.offer)}",
                anchor=anchor,
                cls="lbl offer-lbl",
            )
        )
        top = 22.0
    dist, bottom = distribution_row(pic, scale, top, width)
    band, bottom = band_row(pic, scale, bottom + 12, width)
    levels, bottom = levels_row(pic, scale, bottom + 4, width)
    offer = []
    if pic.offer is not None:
        offer = [line(scale(pic.offer), 18, scale(pic.offer), bottom, cls="offer")]
    label = (
        f"Your band {money(pic.low)} to {money(pic.high)}, point {money(pic.point)}, on the wage "
        f"distribution of {pic.where}"
    )
    return svg(width, bottom + 4, [*offer, *dist, *band, *levels, *head], label=label)
