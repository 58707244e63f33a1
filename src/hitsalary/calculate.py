"""The one calculation: a profile's band, from its level and one multiplier per factor."""

from __future__ import annotations

import math

from hitsalary.models import (
    AppliedFactor,
    Band,
    Comparison,
    Estimate,
    Level,
    Occupation,
    Profile,
    PurchasingPower,
    ReferenceData,
    ReferenceFigure,
)


def level_for(levels: tuple[Level, ...], exp: float) -> Level:
    """The highest level whose first year the experience has reached."""
    return [level for level in levels if exp >= level.min_years][-1]


def progress(level: Level, exp: float) -> float:
    """How far through its level's ramp the experience is, from 0 to 1."""
    return min(max((exp - level.min_years) / level.ramp_years, 0.0), 1.0)


def whole_dollars(amount: float) -> int:
    """Round half away from zero, like Decimal's ROUND_HALF_UP (tests compare the two) but
    several times faster. amount - floor(amount) is exact in floating point, so the tie test is too."""
    if amount < 0:
        return -whole_dollars(-amount)
    whole = math.floor(amount)
    return whole + 1 if amount - whole >= 0.5 else whole


def applied_factors(profile: Profile, data: ReferenceData) -> tuple[AppliedFactor, ...]:
    """Each factor's value for the profile, in the order the data lists the factors."""
    return tuple(AppliedFactor(f.name, f.label, f.values[getattr(profile, f.name)]) for f in data.factors)


def band_amounts(level: Level, multiplier: float, exp: float) -> tuple[float, float, float]:
    """The unrounded band: the level's band times the multiplier; mid moves with years in the level."""
    low, high = level.low * multiplier, level.high * multiplier
    return low, low + (high - low) * progress(level, exp), high


def occupation_reference(occupation: Occupation) -> ReferenceFigure:
    """The BLS percentiles of the occupation that matches the profile, as a reference."""
    p = occupation.percentiles
    return ReferenceFigure(
        key="bls_occupation",
        label=f"BLS {occupation.soc}",
        publisher=occupation.source.publisher,
        title=f"{occupation.title} ({occupation.soc}), all industries",
        statistic="median annual wage; range 10th to 90th percentile",
        figure=p["p50"],
        low=p.get("p10"),
        high=p.get("p90"),
        range_label="10th-90th percentile",
        year=occupation.source.year,
        status="verified",
        source=occupation.source,
        url=occupation.source.url,
        note="national, all industries; OEWS wages exclude bonuses",
    )


def compare(mid: int, reference: ReferenceFigure) -> Comparison:
    return Comparison(reference, round((mid - reference.figure) / reference.figure * 100, 1))


def purchasing_power(
    profile: Profile, data: ReferenceData, amounts: tuple[float, ...]
) -> PurchasingPower | None:
    """Unrounded amounts in national-average dollars: each over the state's price parity."""
    info = data.states.get(profile.state)
    if info is None:  # the national average itself
        rpp, source = data.national_rpp, data.sources["bea_rpp"]
    elif info.rpp is None or info.rpp_source is None:
        return None
    else:
        rpp, source = info.rpp, info.rpp_source
    low, mid, high = (whole_dollars(a / (rpp / data.national_rpp)) for a in amounts)
    return PurchasingPower(Band(low, mid, high), rpp, source)


def calculate(profile: Profile, data: ReferenceData) -> Estimate:
    """The band for a profile. Money is rounded once, here at the end."""
    level = level_for(data.levels, profile.exp)
    applied = applied_factors(profile, data)
    multiplier = math.prod(a.value.multiplier for a in applied)
    low, mid, high = band_amounts(level, multiplier, profile.exp)
    band = Band(whole_dollars(low), whole_dollars(mid), whole_dollars(high))
    hourly = (
        round(low / data.hours_per_year, 2),
        round(mid / data.hours_per_year, 2),
        round(high / data.hours_per_year, 2),
    )
    soc = data.factor("specialization").values[profile.specialization].compare_soc
    occupation = data.occupations.get(soc) if soc else None
    references = (*data.references, *([occupation_reference(occupation)] if occupation else []))
    return Estimate(
        profile=profile,
        level=level,
        band=band,
        hourly=hourly,
        multiplier=multiplier,
        factors=applied,
        comparisons=tuple(compare(band.mid, r) for r in references),
        occupation=occupation,
        purchasing_power=purchasing_power(profile, data, (low, mid, high)),
    )
