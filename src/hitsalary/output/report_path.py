"""The career path: the band's low, point and high for each further year of experience as
lines, the four wage levels as dashed lines, and the year the point first reaches each level."""

from __future__ import annotations

from dataclasses import dataclass

from hitsalary.output.chart import nice_step, short_money
from hitsalary.output.report_svg import Scale, circle, line, money, padded, polyline, svg, text


@dataclass(frozen=True)
class PathPicture:
    """Years of experience and the band at each, plus the levels to mark."""

    years: tuple[float, ...]
    low: tuple[int, ...]
    mid: tuple[int, ...]
    high: tuple[int, ...]
    levels: tuple[tuple[str, int], ...]  # ("I", annual) ...


def crossings(pic: PathPicture) -> list[tuple[str, int, int]]:
    """For each level the point is below at the start and reaches later: (level, annual, index of
    the first year at or above it)."""
    out = []
    for key, annual in pic.levels:
        if pic.mid[0] >= annual:
            continue
        first = next((i for i, m in enumerate(pic.mid) if m >= annual), None)
        if first is not None:
            out.append((key, annual, first))
    return out


def frame(pic: PathPicture, width: float, height: float) -> tuple[Scale, Scale, list[str]]:
    """The scales and the grid: dollars up the left, years of experience along the bottom."""
    left, bottom = 50.0, height - 40  # room below for the years and their title
    dollars = padded([*pic.low, *pic.high, *(a for _, a in pic.levels)], 0.05)
    x = Scale(pic.years[0], pic.years[-1], left, width - 10)
    y = Scale(dollars[0], dollars[1], bottom, 8)
    body = []
    step = nice_step(dollars[1] - dollars[0], 7 if height > 240 else 5)
    tick = (int(dollars[0]) // step + 1) * step
    while tick < dollars[1]:
        body += [
            line(left, y(tick), width - 10, y(tick), cls="grid"),
            text(left - 6, y(tick) + 4, short_money(tick), anchor="end", cls="axis"),
        ]
        tick += step
    span = pic.years[-1] - pic.years[0]
    year_step = max(1, nice_step(span, 10 if width > 500 else 5)) if span else 1
    for i, years in enumerate(pic.years):
        if i % year_step == 0 or i == len(pic.years) - 1:
            body.append(text(x(years), bottom + 16, f"{years:g}", anchor="middle", cls="axis"))
    body.append(line(left, bottom, width - 10, bottom, cls="axis-line"))
    return x, y, body


def level_lines(pic: PathPicture, x: Scale, y: Scale) -> tuple[list[str], list[str]]:
    """Each level as a dashed line, and its name at the left (drawn last, over the band)."""
    lines, names = [], []
    last = None
    for key, annual in sorted(pic.levels, key=lambda level: level[1]):
        label_y = y(annual) - 4
        if last is not None and last - label_y < 13:  # keep the names of close levels apart
            label_y = last - 13
        lines.append(line(x.start, y(annual), x.end, y(annual), cls="level-dash"))
        names.append(text(x.start + 4, label_y, f"Level {key} {money(annual)}", cls="lbl level-lbl small"))
        last = label_y
    return lines, names


def path_chart(pic: PathPicture, *, width: float) -> str:
    height = round(width * 0.5) if width > 500 else round(width * 0.7)
    x, y, body = frame(pic, width, height)
    dashes, names = level_lines(pic, x, y)
    area = [(x(t), y(v)) for t, v in zip(pic.years, pic.high, strict=True)]
    area += [(x(t), y(v)) for t, v in reversed(list(zip(pic.years, pic.low, strict=True)))]
    body.append(polyline([*area, area[0]], cls="path-area"))
    body += dashes
    for values, cls in ((pic.low, "path-edge"), (pic.high, "path-edge"), (pic.mid, "path-mid")):
        body.append(polyline([(x(t), y(v)) for t, v in zip(pic.years, values, strict=True)], cls=cls))
    body += names
    for key, _, i in crossings(pic):
        body.append(circle(x(pic.years[i]), y(pic.mid[i]), 5, cls="crossing"))
        body.append(text(x(pic.years[i]) + 7, y(pic.mid[i]) + 15, key, cls="lbl level-lbl small"))
    body.append(text((50 + width - 10) / 2, height - 4, "years of experience", anchor="middle", cls="axis"))
    label = (
        f"Career path over {pic.years[-1] - pic.years[0]:g} years: point from {money(pic.mid[0])} "
        f"to {money(pic.mid[-1])}"
    )
    return svg(width, height, body, label=label)
