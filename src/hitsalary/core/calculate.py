"""The one calculation: years place a person in the role's BLS wage distribution; the factors
(location, employer, education) each multiply the wages read there; money is rounded once."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace

from hitsalary.core.growth import wage_growth
from hitsalary.core.measure import factor_value, parity_for
from hitsalary.core.models import (
    Anchor,
    AppliedFactor,
    Band,
    Comparison,
    Estimate,
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

NATION = "US"


def whole_dollars(amount: float) -> int:
    """Round half away from zero, like Decimal's ROUND_HALF_UP (tests compare the two) but
    several times faster. amount - floor(amount) is exact in floating point, so the tie test is too."""
    if amount < 0:
        return -whole_dollars(-amount)
    whole = math.floor(amount)
    return whole + 1 if amount - whole >= 0.5 else whole


def round_money(amount: float, unit: int) -> int:
    """An annual amount rounded half up to the method's unit ($100): whole_dollars of the amount
    in units, inlined (batch calls it three times a row)."""
    scaled = amount / unit
    if scaled < 0:
        return -round_money(-amount, unit)
    whole = math.floor(scaled)
    return (whole + 1 if scaled - whole >= 0.5 else whole) * unit


def percent(value: float) -> float:
    """A percentage to one decimal, half away from zero: the one rounding of percentages."""
    return whole_dollars(value * 10) / 10


def hourly(annual: int, hours: float) -> float:
    """The shown annual amount over the hours of a work year, to the cent, half up. annual * 100
    is an exact integer and one division keeps an exact half cent exact (tested against Decimal)."""
    return whole_dollars(annual * 100 / hours) / 100


def level_for(levels: tuple[Level, ...], exp: float) -> Level:
    """The article's level for these years: the highest whose first year has been reached."""
    return [level for level in levels if exp >= level.min_years][-1]


def experience_percentile(method: Method, exp: float) -> float:
    """Where years of experience place a person: straight lines between the method's anchors."""
    anchors = method.anchors
    for before, after in itertools.pairwise(anchors):
        if exp <= after.years:
            share = (exp - before.years) / (after.years - before.years)
            return before.percentile + (after.percentile - before.percentile) * share
    return anchors[-1].percentile


def anchor_for(method: Method, exp: float) -> Anchor:
    """The last anchor (wage level) the years have reached."""
    return [a for a in method.anchors if exp >= a.years][-1]


def band_percentiles(method: Method, wages: Wages, exp: float) -> Percentiles:
    """The point, and the band around it, cut where the published percentiles end."""
    point = experience_percentile(method, exp)
    first, last = wages.points[0][0], wages.points[-1][0]
    return Percentiles(max(first, point - method.half_width), point, min(last, point + method.half_width))


def base_amounts(wages: Wages, where: Percentiles) -> tuple[float, float, float]:
    """The national wages at the band's percentiles, before any factor."""
    return wages.at(where.low), wages.at(where.point), wages.at(where.high)


def applied_factors(profile: Profile, data: ReferenceData) -> tuple[AppliedFactor, ...]:
    """Each factor's value for the profile's role, in the order the data lists the factors."""
    return tuple(
        AppliedFactor(
            f.name,
            f.label,
            factor_value(
                data,
                f.name,
                getattr(profile, f.name),
                profile.role,
                profile.metro if f.method == "area_median_ratio" else None,
            ),
        )
        for f in data.factors
    )


def short_place(wages: Wages) -> str:
    """A label short enough for a chart row: a state's code, US, or a metro's first city."""
    return wages.code if wages.code.isalpha() else re.split(r"[-,]", wages.where)[0]


def wages_reference(wages: Wages, role: Role, *, key: str, scope: str) -> ReferenceFigure:
    """The role's own BLS figures in an area, as a reference: median and 10th-90th percentile."""
    return ReferenceFigure(
        key=key,
        label=f"BLS {short_place(wages)}",
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
        note=f"series {wages.series_id}; OEWS wages are base pay, without bonuses",
        scope=scope,
    )


def references_for(profile: Profile, role: Role, data: ReferenceData) -> list[ReferenceFigure]:
    """The published figures for this role: the article's quotes (national, generic), the
    figures meant for this role, and the role's own BLS figures in the area and nationally."""
    refs = [r for r in data.references if not r.roles or role.key in r.roles]
    if profile.metro is not None:
        metro = data.area_tables.wages_in(profile.metro).get(role.soc)
        if metro is not None and metro.median is not None:
            refs.append(
                wages_reference(metro, role, key="bls_role_metro", scope=f"{metro.where}, all industries")
            )
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
    """The band for a profile. Money is rounded once, here at the end."""
    role = data.roles[profile.role]
    wages = data.national[role.soc]
    where = band_percentiles(data.method, wages, profile.exp)
    base = base_amounts(wages, where)
    applied = applied_factors(profile, data)
    multiplier = math.prod(a.value.multiplier for a in applied)
    unit, hours = data.method.rounding_unit, data.method.hours_per_year
    survey = Band(*(round_money(amount * multiplier, unit) for amount in base))
    growth = wage_growth(data, survey_dollars=profile.survey_dollars)  # today's dollars: the ECI
    aged = multiplier * growth.multiplier  # the product first, as the batch estimator computes it
    band = Band(*(round_money(amount * aged, unit) for amount in base))
    return Estimate(
        profile=profile,
        role=role,
        wages=wages,
        percentiles=where,
        base=base,
        band=band,
        hourly=Hourly(hourly(band.low, hours), hourly(band.mid, hours), hourly(band.high, hours)),
        multiplier=multiplier,
        factors=applied,
        comparisons=tuple(compare(band.mid, r) for r in references_for(profile, role, data)),
        level=level_for(data.levels, profile.exp),
        purchasing_power=purchasing_power(profile, data, band),
        survey_band=survey,
        growth=growth,
    )
