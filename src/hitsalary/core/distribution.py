"""The person's wage distribution: the role's OEWS May 2025 percentiles in the metro or nonmetro
area where BLS publishes them, else the state's, else the nation's; and the Department of Labor's
wage levels computed from it by DOL's own formula (means of the lowest third and the upper
two-thirds). Pure: the area tables are read through `ReferenceData`."""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import replace

from hitsalary.core.models import Distribution, Factor, Method, ReferenceData, Wages
from hitsalary.core.text import possessive

NATION = "US"
MEDIAN_TYPE = "13"  # the data-type code of an annual median in a BLS OE series ID
PERCENTILES = (10, 25, 50, 75, 90)
THIRD = 100 / 3

Points = tuple[tuple[int, float], ...]
AS_FLOAT = {p: float(p) for p in PERCENTILES}  # one float each, shared by every area's segments


def median_series(series_id: str) -> str:
    """The BLS OE series ID of the median: the data files write an occupation's IDs with their
    last two characters, the data type, as XX (one ID for its median, mean, percentiles and
    employment), which data.bls.gov cannot look up; the median's ends 13."""
    return series_id[:-2] + MEDIAN_TYPE


def wage_at(points: Points, pct: float) -> float:
    """The wage at a percentile: constant growth per percentile (linear in log wage) between the
    published ones; below the 10th (above the 90th) the first (last) segment's rate continues."""
    pairs = list(itertools.pairwise(points))
    for (p0, w0), (p1, w1) in pairs:
        if pct <= p1:
            return float(w0 * (w1 / w0) ** ((pct - p0) / (p1 - p0)))
    (p0, w0), (p1, w1) = pairs[-1]
    return float(w0 * (w1 / w0) ** ((pct - p0) / (p1 - p0)))


def percentile_of(points: Points, amount: float) -> float:
    """Where an amount sits in the curve, kept to the published 10th-90th percentile."""
    return percentile_in(percentile_spans(points), amount)


# per segment of the percentile curve: its top wage, first percentile, first wage, width in
# percentiles and log growth (None where flat)
Spans = tuple[tuple[float, float, float, int, float | None], ...]


def percentile_spans(points: Points) -> Spans:
    """percentile_of's segments worked out once: batch reads a percentile per row."""
    return tuple(
        (w1, AS_FLOAT.get(p0) or float(p0), w0, p1 - p0, None if w1 == w0 else math.log(w1 / w0))
        for (p0, w0), (p1, w1) in itertools.pairwise(points)
    )


def percentile_in(spans: Spans, amount: float) -> float:
    """percentile_of on segments worked out once: linear in log wage between the published
    percentiles, kept to the first and last."""
    if amount <= spans[0][2]:
        return spans[0][1]
    for w1, p0, w0, width, rate in spans:
        if amount <= w1:
            return p0 if rate is None else p0 + width * math.log(amount / w0) / rate
    return spans[-1][1] + spans[-1][3]


def segment_integral(start: tuple[float, float], end: tuple[float, float], a: float, b: float) -> float:
    """The integral over [a, b] of the log-linear curve through start and end (percent units)."""
    (p0, w0), (p1, w1) = start, end
    rate = math.log(w1 / w0) / (p1 - p0)
    if abs(rate) < 1e-12:
        return w0 * (b - a)
    return w0 * (math.exp(rate * (b - p0)) - math.exp(rate * (a - p0))) / rate


def curve_integral(points: Points, a: float, b: float) -> float:
    """The integral of wage_at over [a, b], 0 <= a < b <= 100: the end segments extended."""
    total, last = 0.0, len(points) - 2
    for i in range(last + 1):
        start, end = points[i], points[i + 1]
        low = 0.0 if i == 0 else start[0]
        if low >= b:  # the segments ascend: none further reaches into [a, b]
            break
        lo, hi = max(a, low), min(b, 100.0 if i == last else end[0])
        if hi > lo:
            total += segment_integral(start, end, lo, hi)
    return total


def lower_third_mean(points: Points) -> float:
    """DOL's Level I: the mean wage of the lowest third of the distribution."""
    return curve_integral(points, 0, THIRD) / THIRD


def levels_of(dist: Distribution) -> tuple[float, float, float, float]:
    """Levels I-IV by DOL's formula: I = mean of the lowest third, IV = mean of the upper
    two-thirds = (3 x mean - I) / 2, II and III one and two thirds of the way between. Not
    cached: a BandCurve works them out once for its area (dol_levels is the cached one)."""
    first = lower_third_mean(dist.points)
    fourth = (3 * dist.mean - first) / 2
    step = (fourth - first) / 3
    return first, first + step, first + 2 * step, fourth


# the levels screen and the single estimate ask again for the same area: bounded small
dol_levels = functools.lru_cache(maxsize=1024)(levels_of)


KIND_NAMES = {"national": "nation", "state": "state", "metro": "metro", "nonmetro": "nonmetro area"}


def location_factor(data: ReferenceData) -> Factor | None:
    return next((f for f in data.factors if f.method == "area_median_ratio"), None)


def complete(wages: Wages | None) -> bool:
    return wages is not None and len(wages.points) == len(PERCENTILES)


IMPRECISE = "the area estimate is imprecise"


def imprecision(d: Distribution) -> str | None:
    """What the screen and JSON say of an imprecise distribution: that it is, and which limit
    failed; None for one whose figures pass the precision rule."""
    return f"{IMPRECISE}: {d.precision}" if d.precision else None


def precision_failure(
    rse: float | None, employment: int | None, method: Method, *, row: bool = True
) -> str | None:
    """Which precision limits an area's figures fail, each with its value from the method data
    ("employment 50 is under the 100-job minimum (method.yaml precision)"); None where none.
    A BLS row (row) without employment is one whose employment BLS did not release: the
    minimum is not shown to be met, so it fails too (72 metro and 10 state rows publish wages
    but no employment). Figures with no row of their own (a suppressed state's scaled national
    curve) are held to the wage RSE alone."""
    failed = []
    if rse is not None and rse > method.max_wage_rse:
        failed.append(f"wage RSE {rse:g}% is above the {method.max_wage_rse:g}% maximum")
    if employment is None and row:
        minimum = f"{method.min_employment:,}-job minimum"
        failed.append(f"employment is not released by BLS, so the {minimum} cannot be checked")
    elif employment is not None and employment < method.min_employment:
        failed.append(f"employment {employment:,} is under the {method.min_employment:,}-job minimum")
    return f"{' and '.join(failed)} ({precision_source(method)})" if failed else None


def precision_rule(method: Method) -> str:
    """The precision rule in words, its limits from the method data, for a table's footnote."""
    return (
        f"wage RSE above {method.max_wage_rse:g}% or employment under {method.min_employment:,} jobs "
        f"or not released ({precision_source(method)})"
    )


def precision_source(method: Method) -> str:
    """Where the precision limits come from: method.yaml, or the user's file."""
    stated = method.stated.get("precision")
    origin = stated.source.origin if stated is not None else "shipped"
    return "method.yaml precision" if origin == "shipped" else f"{origin}: method precision"


def from_row(
    wages: Wages, *, kind: str, label: str, wider: Distribution | None, method: Method
) -> Distribution:
    """An area's own row; percentiles it does not publish are filled from the wider area's shape
    scaled to the area's median, a mean it does not publish from the curve."""
    if complete(wages):  # most rows: the tables' percentiles are PERCENTILES, in order
        points: Points = tuple([(p, float(w)) for p, w in wages.points])
        filled: tuple[int, ...] = ()
    else:
        points, filled = filled_points(wages, wider)
    reason = None
    if filled and wider is not None:
        median = wages.median
        names = "/".join(f"P{p}" for p in filled)
        label = f"partial: {names} filled from {KIND_NAMES.get(wider.kind, wider.kind)} shape"
        reason = (
            f"BLS does not publish the {names} of {wages.soc} for {wages.where}; filled from "
            f"{possessive(wider.where)} distribution scaled to {possessive(wages.where)} median ${median:,}"
        )
    if wages.mean:
        mean, mean_basis = float(wages.mean), "published"
    else:  # stated in README: the curve's own mean, its end segments extended to 0 and 100
        mean, mean_basis = curve_integral(points, 0, 100) / 100, "estimated"
    return Distribution(
        soc=wages.soc,
        where=wages.where,
        code=wages.code,
        kind=kind,
        points=points,
        mean=mean,
        mean_basis=mean_basis,
        basis="partial" if filled else "measured",
        label=label,
        reason=reason,
        filled=filled,
        series_id=wages.series_id,
        source=wages.source,
        wage_rse=wages.wage_rse,
        employment=wages.employment,
        precision=precision_failure(wages.wage_rse, wages.employment, method),
    )


def filled_points(wages: Wages, wider: Distribution | None) -> tuple[Points, tuple[int, ...]]:
    """A row's points with the percentiles it does not publish filled from the wider area's
    shape scaled to the row's median, and which those were."""
    published = dict(wages.points)
    median = published[50]
    points = tuple(
        (p, float(published[p]) if p in published else wider.wage(p) / wider.median * median)  # type: ignore[union-attr]  # wider is given when anything is filled
        for p in PERCENTILES
    )
    return points, tuple(p for p in PERCENTILES if p not in published)


def usable(wages: Wages | None) -> Wages | None:
    """A row whose median is published (the rest can be filled); else None."""
    return wages if wages is not None and wages.median is not None else None


def find_distribution(data: ReferenceData, soc: str, state: str, metro: str | None) -> Distribution:
    """The narrowest area with published figures: the metro (or nonmetro) area, the state, the
    nation; each step down says why. Not cached: the batch estimator keeps its own cache of
    areas, so a roster over thousands of areas does not churn distribution_for's."""
    wider = wider_distribution(data, soc, state)
    if metro is None:
        return wider
    area = data.area_tables.areas()[metro]
    row = usable(data.area_tables.wages_in(metro).get(soc))
    if row is not None:
        label = f"{'metro' if area.kind == 'metro' else 'nonmetro area'} {metro}"
        wider_or_none = None if complete(row) else wider
        return from_row(row, kind=area.kind, label=label, wider=wider_or_none, method=data.method)
    kind = KIND_NAMES.get(wider.kind, wider.kind)
    return fell_back(
        wider,
        f"{kind} fallback: {'metro' if area.kind == 'metro' else 'nonmetro area'} not published",
        f"BLS does not publish {soc} wages for {area.name}; {possessive(wider.where)} distribution stands in",
    )


# the single estimate, the levels and path screens ask again for the same area: bounded small
distribution_for = functools.lru_cache(maxsize=1024)(find_distribution)


@functools.lru_cache(maxsize=1024)
def wider_distribution(data: ReferenceData, soc: str, state: str) -> Distribution:
    """The state's distribution (the nation's for US), the one a metro falls back to or fills
    from: worked out once per role and state, not once per metro."""
    nation = from_row(data.national[soc], kind="national", label="nation", wider=None, method=data.method)
    return nation if state == NATION else state_distribution(data, soc, state, nation)


def fell_back(dist: Distribution, label: str, reason: str) -> Distribution:
    """A wider area's distribution standing in, labelled with why."""
    if dist.reason:
        reason = f"{reason} ({dist.reason})"
    return replace(dist, basis="fallback", label=label, reason=reason)


def state_distribution(data: ReferenceData, soc: str, state: str, nation: Distribution) -> Distribution:
    """The state's own row; where BLS suppresses it, the nation's times the state's ratio for the
    broad group (the location factor's fallback), else the nation's."""
    row = usable(data.by_state.get((soc, state)))
    if row is not None:
        wider = None if complete(row) else nation
        return from_row(row, kind="state", label=f"state {state}", wider=wider, method=data.method)
    name = data.states[state].name if state in data.states else state
    factor = location_factor(data)
    group = factor.fallback_soc if factor else None
    local = usable(data.by_state.get((group, state))) if group else None
    national = data.national.get(group) if group else None
    why = f"BLS does not publish {soc} wages for {name}"
    if local is None or national is None or national.median is None:
        return fell_back(
            nation, "nation fallback: state not published", f"{why}; the national distribution stands in"
        )
    ratio = local.median / national.median  # type: ignore[operator]  # usable() checked it
    title = data.titles.get(group or "", group)
    reason = (
        f"{why}; the national distribution x {possessive(name)} {title} ({group}) median ratio "
        f"${local.median:,} / ${national.median:,} = {ratio:.3f} stands in"
    )
    employment = data.by_state[(soc, state)].employment if (soc, state) in data.by_state else None
    scaled = replace(
        nation,
        where=name,
        code=state,
        kind="state",
        points=tuple((p, w * ratio) for p, w in nation.points),
        mean=nation.mean * ratio,
        mean_basis="scaled",
        wage_rse=None,
        employment=employment,
        precision=precision_failure(None, employment, data.method, row=(soc, state) in data.by_state),
        scale=ratio,
    )
    return fell_back(scaled, f"state fallback: national x {state} {group} ratio, state not published", reason)
