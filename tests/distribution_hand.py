"""The band and the wage levels recomputed by hand from a row of the shared OEWS CSV, written
out from the stated rules (README "How the band is computed", "Prevailing wages") and not from
the package's code: closed-form integrals, Decimal rounding.

Levels: I = mean of the lowest third of the percentile curve (log-linear between the published
percentiles, the 10th-25th rate continued below the 10th), IV = (3 x mean - I) / 2, II and III
a third and two thirds of the way. Experience: the levels rounded up to $100 at 0/5/10/15 years,
then half, three quarters and nine tenths of the log gap to the 90th percentile (rounded down to
$100) at 25/35/50 years; no step steeper than 1.5% a quarter-year (earlier anchor raised); the
point kept inside P10-P90 (moved inward to $100); band = point / and x (anchor 5 / anchor 0),
cut there; factors multiply; $100 half up."""

from __future__ import annotations

import csv
import itertools
import math
from decimal import ROUND_HALF_UP, Decimal

import pytest

from .conftest import SHARED_DATA

COLUMNS = (("p10", 10), ("p25", 25), ("median", 50), ("p75", 75), ("p90", 90))
YEARS = (0, 5, 10, 15, 25, 35, 50)
SHARES = (0.5, 0.75, 0.9)
QUARTER = 0.015

Row = dict[str, str]


@pytest.fixture(scope="module")
def oews() -> list[Row]:
    """The rows of the shared OEWS CSV (skips where ../shared/data is not beside the checkout)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    with (SHARED_DATA / "oews_2025_areas.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def one(rows: list[Row], **match: str) -> Row:
    """The one row that matches."""
    [found] = [r for r in rows if all(r[k] == v for k, v in match.items())]
    return found


def half_up(amount: float, unit: int = 1) -> int:
    return int(Decimal(repr(amount / unit)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * unit


def points(row: dict[str, str]) -> list[tuple[int, float]]:
    return [(p, float(row[c])) for c, p in COLUMNS]


def piece(w0: float, w1: float, p0: float, p1: float, a: float, b: float) -> float:
    """Integral over [a, b] of w0 * (w1 / w0) ** ((p - p0) / (p1 - p0))."""
    rate = math.log(w1 / w0) / (p1 - p0)
    if rate == 0:
        return w0 * (b - a)
    return w0 / rate * (math.exp(rate * (b - p0)) - math.exp(rate * (a - p0)))


def level_one(row: dict[str, str]) -> float:
    p10, p25, p50 = float(row["p10"]), float(row["p25"]), float(row["median"])
    third = 100 / 3  # inside the 25th-50th segment
    total = piece(p10, p25, 10, 25, 0, 25) + piece(p25, p50, 25, 50, 25, third)
    return total / third


def levels(row: dict[str, str]) -> list[float]:
    first = level_one(row)
    fourth = (3 * float(row["mean"]) - first) / 2
    return [first + (fourth - first) * k / 3 for k in range(4)]


def level_dollars(row: dict[str, str]) -> list[int]:
    return [half_up(x) for x in levels(row)]


def anchors(row: dict[str, str]) -> list[float]:
    up = [math.ceil(x / 100) * 100 for x in level_dollars(row)]
    top = max(math.floor(float(row["p90"]) / 100) * 100, up[3])
    out = [float(x) for x in up] + [up[3] * (top / up[3]) ** s for s in SHARES]
    for i in range(len(out) - 2, -1, -1):
        out[i] = max(out[i], out[i + 1] / (1 + QUARTER) ** (4 * (YEARS[i + 1] - YEARS[i])))
    return out


def survey(row: dict[str, str], years: float, width: float = 1.0) -> tuple[float, float, float]:
    knots = anchors(row)
    point = knots[-1]
    for i in range(len(YEARS) - 1):
        if years <= YEARS[i + 1]:
            share = (years - YEARS[i]) / (YEARS[i + 1] - YEARS[i])
            point = knots[i] * (knots[i + 1] / knots[i]) ** share
            break
    low = math.ceil(float(row["p10"]) / 100) * 100
    high = math.floor(float(row["p90"]) / 100) * 100
    point = min(max(point, low), high)
    step = (knots[1] / knots[0]) ** width
    return max(point / step, low), point, min(point * step, high)


def band(row: dict[str, str], years: float, multiplier: float = 1.0) -> tuple[int, int, int]:
    low, point, high = survey(row, years)
    return half_up(low * multiplier, 100), half_up(point * multiplier, 100), half_up(high * multiplier, 100)


def scaled(national: dict[str, str], ratio: float) -> dict[str, str]:
    """A suppressed state: the national row times the broad group's median ratio (not rounded)."""
    out = dict(national)
    for column in ("p10", "p25", "median", "p75", "p90", "mean"):
        out[column] = float(national[column]) * ratio  # type: ignore[assignment]  # float() reads it back
    return out


def percentile_of(row: dict[str, str], amount: float) -> float:
    """Where an amount sits on the row's percentile curve (10 to 90), the log-linear inverse."""
    pts = points(row)
    if amount <= pts[0][1]:
        return 10.0
    for (p0, w0), (p1, w1) in itertools.pairwise(pts):
        if amount <= w1:
            return p0 if w1 == w0 else p0 + (p1 - p0) * math.log(amount / w0) / math.log(w1 / w0)
    return 90.0
