"""The one calculation: the role's BLS wage distribution where the person works (metro, state or
nation); years place the point on the area's Department of Labor wage levels; the employer and
education factors multiply the amounts read there; money is rounded once."""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from dataclasses import replace
from typing import NamedTuple

from hitsalary.core.distribution import (
    distribution_for,
    levels_of,
    median_series,
    percentile_in,
    percentile_of,
    percentile_spans,
)
from hitsalary.core.growth import dollars_label, month_label, wage_growth
from hitsalary.core.measure import factor_value, parity_for
from hitsalary.core.models import (
    Anchor,
    AppliedFactor,
    Band,
    Basis,
    Comparison,
    Distribution,
    Estimate,
    Factor,
    FactorValue,
    Growth,
    Hourly,
    Level,
    Method,
    Percentiles,
    Profile,
    PurchasingPower,
    ReferenceData,
    ReferenceFigure,
    Role,
    Wages,
)

# the two roundings live in core.rounding (models prints with them); importers keep this name
from hitsalary.core.rounding import percent as percent
from hitsalary.core.rounding import whole_dollars as whole_dollars
from hitsalary.core.text import possessive

NATION = "US"


ROUNDING = "half up"  # what round_money does with half a unit, in the words `sources` shows


def round_money(amount: float, unit: int) -> int:
    """An annual amount rounded half up to the method's unit ($100): whole_dollars of the amount
    in units, inlined (batch calls it three times a row)."""
    scaled = amount / unit
    if scaled < 0:
        return -round_money(-amount, unit)
    whole = math.floor(scaled)
    return (whole + 1 if scaled - whole >= 0.5 else whole) * unit


def hourly(annual: int, hours: float) -> float:
    """The shown annual amount over the hours of a work year, to the cent, half up. annual * 100
    is an exact integer and one division keeps an exact half cent exact (tested against Decimal)."""
    return whole_dollars(annual * 100 / hours) / 100


def level_for(levels: tuple[Level, ...], exp: float) -> Level:
    """The article's level for these years: the highest whose first year has been reached."""
    return [level for level in levels if exp >= level.min_years][-1]


def anchor_for(method: Method, exp: float) -> Anchor:
    """The last anchor (wage level) the years have reached."""
    return [a for a in method.anchors if exp >= a.years][-1]


def edges(method: Method, dist: Distribution) -> tuple[float, float]:
    """The area's 10th and 90th percentiles moved inward to the rounding unit, so that an amount
    cut there is still inside them once shown ($21,840 -> $21,900; $289,150 -> $289,100)."""
    unit, low, high = method.rounding_unit, dist.wage(10), dist.wage(90)
    inner = math.ceil(low / unit) * unit, math.floor(high / unit) * unit
    return (float(inner[0]), float(inner[1])) if inner[0] <= inner[1] else (low, high)


def knots(method: Method, dist: Distribution) -> tuple[tuple[float, float], ...]:
    """The experience rule's anchors in the area's survey dollars: its Levels I-IV (each rounded
    up to the unit, so the shown point meets the level) at their years, then shares of the log gap
    from Level IV to the 90th percentile. A step rising faster than the method's quarter-year
    limit has its earlier anchor raised (from the last step back)."""
    amounts = knot_amounts(method, dist, edges(method, dist)[1])
    return tuple(zip(rule_of(method).years, amounts, strict=True))


class Rule(NamedTuple):
    """The experience rule as a method states it, the same for every area: each anchor's years;
    from the last anchor back, its Level (an index into Levels I-IV, None beyond Level IV), its
    share of the log gap from Level IV to the 90th percentile and the steepest rise allowed into
    it from the anchor before; and each step's first year and its length in years."""

    years: tuple[float, ...]
    backward: tuple[tuple[int | None, float, float], ...]
    steps: tuple[tuple[float, float], ...]


LEVEL_KEYS = ("I", "II", "III", "IV")  # the order levels_of gives them in


@functools.lru_cache(maxsize=8)
def rule_of(method: Method) -> Rule:
    """The method's rule, worked out once, not again for each area."""
    growth, anchors = 1 + method.max_quarter_growth, method.anchors
    years = tuple(a.years for a in anchors)
    rises = [1.0, *(growth ** (4 * (y1 - y0)) for y0, y1 in itertools.pairwise(years))]
    levels = [LEVEL_KEYS.index(a.level) if a.level else None for a in anchors]
    backward = zip(levels, (a.toward_p90 or 0 for a in anchors), rises, strict=True)
    steps = tuple((y0, y1 - y0) for y0, y1 in itertools.pairwise(years))
    return Rule(years, tuple(reversed(list(backward))), steps)


def knot_amounts(method: Method, dist: Distribution, high: float) -> list[float]:
    """The knots' amounts, given the area's upper edge (edges' high, which BandCurve has). From
    the last anchor back, each is raised to the next one over the steepest rise allowed into it."""
    unit = method.rounding_unit
    levels = [float(math.ceil(whole_dollars(amount) / unit) * unit) for amount in levels_of(dist)]
    fourth = levels[3]
    gap = max(high, fourth) / fourth  # Level IV at or above P90: the rule stays flat
    amounts, floor = [], 0.0
    for level, share, steepest in rule_of(method).backward:
        amount = fourth * gap**share if level is None else levels[level]
        if floor > amount:  # max(amount, floor), as the rule states it
            amount = floor
        amounts.append(amount)
        floor = amount / steepest
    amounts.reverse()
    return amounts


class BandCurve:
    """One role's experience rule in one area, worked out once: the anchors (knots), each step's
    growth ratio and length in years, the area's P10-P90 edges, the band's level-step ratio and
    the distribution's percentile segments. The band for any years is then a few float
    operations, the same ones survey_band always did (the ratios are the same quotients, so the
    floats are identical). The batch estimator keeps one per role and area (thousands in a
    roster over every area: kept small); calculate() builds it through survey_band."""

    __slots__ = ("ends", "high", "last", "low", "segments", "spans", "step")

    def __init__(self, method: Method, dist: Distribution) -> None:
        self.low, self.high = edges(method, dist)
        amounts = knot_amounts(method, dist, self.high)
        # (y0, w0, w1 / w0, y1 - y0) per step of the rule, and each step's last year y1 (rising:
        # the data spec checks)
        rule = rule_of(method)
        pairs = zip(rule.steps, itertools.pairwise(amounts), strict=True)
        self.segments = tuple([(y0, w0, w1 / w0, span) for (y0, span), (w0, w1) in pairs])
        self.ends = rule.years[1:]
        self.last = amounts[-1]
        self.step = float((amounts[1] / amounts[0]) ** method.half_width)
        self.spans = percentile_spans(dist.points)

    def point(self, exp: float) -> float:
        """The point in survey dollars: constant growth in years between the anchors, flat after
        the last, kept inside the area's published 10th-90th percentile."""
        i = bisect.bisect_left(self.ends, exp)  # the first step that ends at or after exp
        if i < len(self.ends):
            y0, w0, ratio, span = self.segments[i]
            amount: float = w0 * ratio ** ((exp - y0) / span)
        else:
            amount = self.last
        return min(max(amount, self.low), self.high)

    def band(self, exp: float) -> tuple[float, float, float]:
        """The band in survey dollars at neutral factors: the point divided and multiplied by one
        level step, cut at the area's 10th and 90th percentiles."""
        point, step = self.point(exp), self.step
        return max(point / step, self.low), point, min(point * step, self.high)

    def row(self, exp: float) -> tuple[float, float, float, float]:
        """What a batch row reads: the point's percentile as estimate shows it (band_percentiles'
        point to one decimal, percent()), then band()'s low, point and high; inlined, as batch
        calls it for most rows (a test holds it to band() and percentile_of)."""
        low, high, step = self.low, self.high, self.step
        i = bisect.bisect_left(self.ends, exp)
        if i < len(self.ends):
            y0, w0, ratio, span = self.segments[i]
            point: float = w0 * ratio ** ((exp - y0) / span)
        else:
            point = self.last
        # min(max(...)) as conditionals (the same floats, none is NaN): a third of the time
        point = low if point < low else high if point > high else point
        tenths = percentile_in(self.spans, point) * 10  # percent(), for a percentile (positive)
        whole = int(tenths)
        percentile = (whole + 1 if tenths - whole >= 0.5 else whole) / 10
        below, above = point / step, point * step
        return percentile, low if below < low else below, point, high if above > high else above


@functools.lru_cache(maxsize=1024)
def band_curve(method: Method, dist: Distribution) -> BandCurve:
    """The area's curve, cached for the single estimates (batch keeps its own, bounded)."""
    return BandCurve(method, dist)


def experience_amount(method: Method, dist: Distribution, exp: float) -> float:
    """The point in survey dollars for these years (BandCurve.point)."""
    return band_curve(method, dist).point(exp)


def step_ratio(method: Method, dist: Distribution) -> float:
    """The band's reach as a ratio: the rule's Level II over its Level I (after any raising), to
    the power of the method's half_width (in level steps)."""
    return band_curve(method, dist).step


def survey_band(method: Method, dist: Distribution, exp: float) -> tuple[float, float, float]:
    """The band in survey dollars at neutral factors (BandCurve.band): the one calculation."""
    return band_curve(method, dist).band(exp)


def band_percentiles(dist: Distribution, amounts: tuple[float, float, float]) -> Percentiles:
    """Where the band's survey-dollar amounts sit in the area's distribution."""
    return Percentiles(*(percentile_of(dist.points, a) for a in amounts))


def area_value(profile: Profile, dist: Distribution, label: str) -> FactorValue:
    """The location 'factor': the band is read from the area's own distribution, so no
    multiplier; what the distribution is and why (a fallback, a fill) is said here."""
    if dist.scale is None:
        median = whole_dollars(dist.median)
        how = f"{possessive(dist.where)} own OEWS {dist.soc} distribution ({dist.label}, median ${median:,})"
    else:
        how = f"the national {dist.soc} distribution x {dist.scale:.3f} for {dist.where} ({dist.label})"
    basis: Basis = "baseline" if dist.kind == "national" and dist.basis == "measured" else "measured"
    return FactorValue(
        profile.metro or profile.state,
        label,
        1.0,
        "fallback" if dist.basis == "fallback" else basis,
        f"the band is read from {how}: no multiplier",
        dist.source,
        (median_series(dist.series_id),),
        dist.reason,
    )


def applied_factors(
    profile: Profile, data: ReferenceData, dist: Distribution | None = None
) -> tuple[AppliedFactor, ...]:
    """Each factor's value for the profile's role, in the order the data lists the factors; the
    location factor is the distribution itself (no multiplier)."""
    if dist is None:
        dist = distribution_for(data, data.roles[profile.role].soc, profile.state, profile.metro)
    return tuple(AppliedFactor(f.name, f.label, value_of(f, profile, data, dist)) for f in data.factors)


def value_of(factor: Factor, profile: Profile, data: ReferenceData, dist: Distribution) -> FactorValue:
    """One factor's value for the profile (batch caches it per factor): the location is the
    area's distribution itself (no multiplier), the others are measured for the role."""
    if not multiplies(factor):
        return area_value(profile, dist, place_label(profile, data, factor))
    return factor_value(data, factor.name, getattr(profile, factor.name), profile.role)


def multiplies(factor: Factor) -> bool:
    """Whether a factor's value can move the band: the location's never does (value_of gives it
    area_value's multiplier, 1.0: the band is read from the area's own distribution)."""
    return factor.method != "area_median_ratio"


def place_label(profile: Profile, data: ReferenceData, factor: Factor) -> str:
    """The place as the profile names it: the area's name, else the state's (the factor's value)."""
    if profile.metro is not None:
        return data.area_tables.areas()[profile.metro].name
    choice = factor.values.get(profile.state)
    return choice.label if choice is not None else profile.state


def outside_note(
    dist: Distribution, amounts: tuple[float, ...], applied: tuple[AppliedFactor, ...], growth: Growth
) -> str | None:
    """One line where the factors that multiply (employer, education) move the band's low end
    below the area's P10 or its high end above the P90 (both in the survey's dollars), naming the
    factors that moved it; the percentile is named in the dollars the band is shown in, and as
    published when those differ."""
    moved = [a for a in applied if a.multiplier != 1]
    low, high = dist.wage(10), dist.wage(90)
    side = (
        "low end below its 10th"
        if amounts[0] < low - 0.5
        else "high end above its 90th"
        if amounts[-1] > high + 0.5
        else None
    )
    if side is None or not moved:
        return None
    edge = low if side.startswith("low") else high
    figure = f"${whole_dollars(edge * growth.multiplier):,} in {dollars_label(growth, growth.survey_month)}"
    if growth.multiplier != 1:
        figure += f"; ${whole_dollars(edge):,} as published for {month_label(growth.survey_month)}"
    if len(moved) == 1:
        who = f"the {moved[0].name} factor (x{moved[0].multiplier:.3f}) moves"
    else:
        product = math.prod(a.multiplier for a in moved)
        who = f"the {' and '.join(a.name for a in moved)} factors (x{product:.3f} together) move"
    return f"{who} the band's {side} percentile ({figure}) in {dist.where}"


NONMETRO_SUFFIX = " nonmetropolitan area"  # how BLS ends a nonmetro area's name


def short_place(wages: Wages, kind: str | None = None) -> str:
    """A label short enough for a chart row that names one place: a state's code or US; a
    metro's first city and 'metro' (`Washington metro`, not the state of Washington); a nonmetro
    area's name with 'nonmetro' (`East-Central Montana nonmetro`, not `East`)."""
    if kind == "nonmetro":
        return wages.where.removesuffix(NONMETRO_SUFFIX) + " nonmetro"
    if kind == "metro":
        return re.split(r"[-,]", wages.where)[0] + " metro"
    return wages.code


def wages_reference(
    wages: Wages, role: Role, *, key: str, scope: str, kind: str | None = None
) -> ReferenceFigure:
    """The role's own BLS figures in an area, as a reference: median and 10th-90th percentile."""
    return ReferenceFigure(
        key=key,
        label=f"BLS {short_place(wages, kind)}",
        publisher=wages.source.publisher,
        title=role.title,
        statistic="median annual wage; range 10th to 90th percentile",
        figure=wages.median or 0,
        low=wages.percentile(10),
        high=wages.percentile(90),
        range_label="10th-90th percentile",
        year=wages.source.year,
        status="verified",
        source=wages.source,
        url=wages.source.url,
        note=f"median series {median_series(wages.series_id)}; OEWS wages are base pay, without bonuses",
        scope=scope,
    )


def references_for(profile: Profile, role: Role, data: ReferenceData) -> list[ReferenceFigure]:
    """The published figures for this role: the article's quotes (national, generic), the
    figures meant for this role, and the role's own BLS figures in the area and nationally."""
    refs = [r for r in data.references if not r.roles or role.key in r.roles]
    if profile.metro is not None:
        metro = data.area_tables.wages_in(profile.metro).get(role.soc)
        if metro is not None and metro.median is not None:
            kind = data.area_tables.areas()[profile.metro].kind
            scope = f"{metro.where}, all industries"
            refs.append(wages_reference(metro, role, key="bls_role_metro", scope=scope, kind=kind))
    local = data.by_state.get((role.soc, profile.state)) if profile.state != NATION else None
    if local is not None and local.median is not None:
        refs.append(wages_reference(local, role, key="bls_role_area", scope=f"{local.where}, all industries"))
    national = data.national[role.soc]
    refs.append(wages_reference(national, role, key="bls_role_national", scope="national, all industries"))
    return refs


def compare(mid: int, reference: ReferenceFigure) -> Comparison:
    return Comparison(reference, percent((mid - reference.figure) / reference.figure * 100))


def purchasing_power(profile: Profile, data: ReferenceData, band: Band) -> PurchasingPower | None:
    """The shown band in national-average dollars: each amount over the price parity where the
    job is (core/measure.py parity_for: the metro's, a nonmetro area's state portion, the state's)."""
    found = parity_for(profile, data)
    if found is None:
        return None
    unit, rpp = data.method.rounding_unit, found.rpp
    low, mid, high = (
        round_money(a / (rpp / data.national_rpp), unit) for a in (band.low, band.mid, band.high)
    )
    return replace(found, band=Band(low, mid, high))


def calculate(profile: Profile, data: ReferenceData) -> Estimate:
    """The band for a profile: survey dollars at neutral factors from the area's distribution,
    then the factors' product. Money is rounded once, here at the end."""
    role = data.roles[profile.role]
    dist = distribution_for(data, role.soc, profile.state, profile.metro)
    base = survey_band(data.method, dist, profile.exp)
    applied = applied_factors(profile, data, dist)
    multiplier = math.prod(a.value.multiplier for a in applied)
    survey = tuple(amount * multiplier for amount in base)
    unit, hours = data.method.rounding_unit, data.method.hours_per_year
    growth = wage_growth(data, survey_dollars=profile.survey_dollars)  # today's dollars: the ECI
    aged = multiplier * growth.multiplier  # the product first, as the batch estimator computes it
    band = Band(*(round_money(amount * aged, unit) for amount in base))
    return Estimate(
        profile=profile,
        role=role,
        distribution=dist,
        percentiles=band_percentiles(dist, base),
        base=base,
        band=band,
        hourly=Hourly(hourly(band.low, hours), hourly(band.mid, hours), hourly(band.high, hours)),
        multiplier=multiplier,
        factors=applied,
        comparisons=tuple(compare(band.mid, r) for r in references_for(profile, role, data)),
        level=level_for(data.levels, profile.exp),
        purchasing_power=purchasing_power(profile, data, band),
        outside=outside_note(dist, survey, applied, growth) if multiplier != 1 else None,
        survey_band=Band(*(round_money(amount, unit) for amount in survey)),
        growth=growth,
    )
