"""The invariants of the one calculation."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hitsalary.calculate import calculate
from hitsalary.models import Profile, ReferenceData
from hitsalary.reference import load

DATA = load()
YEARS = st.floats(min_value=0, max_value=50, allow_nan=False)


def choices(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(DATA.factor(name).values))


PROFILES = st.builds(
    Profile,
    exp=YEARS,
    state=choices("state"),
    education=choices("education"),
    employer=choices("employer"),
    specialization=choices("specialization"),
)


@given(YEARS)
def test_neutral_national_band_is_the_article_band(exp: float) -> None:
    est = calculate(Profile(exp=exp), DATA)
    assert (est.band.low, est.band.high) == (est.level.low, est.level.high)
    assert est.multiplier == 1.0


@pytest.mark.parametrize(
    ("exp", "level", "low", "high"),
    [
        (0, "entry", 55000, 70000),
        (2.9, "entry", 55000, 70000),
        (3, "mid", 75000, 110000),
        (7.99, "mid", 75000, 110000),
        (8, "senior", 110000, 150000),
        (50, "senior", 110000, 150000),
    ],
)
def test_level_boundaries_follow_the_article(exp: float, level: str, low: int, high: int) -> None:
    est = calculate(Profile(exp=exp), DATA)
    assert (est.level.key, est.band.low, est.band.high) == (level, low, high)


@given(PROFILES)
def test_low_mid_high_are_ordered_whole_dollars(profile: Profile) -> None:
    band = calculate(profile, DATA).band
    assert band.low <= band.mid <= band.high
    assert all(isinstance(v, int) for v in (band.low, band.mid, band.high))


@settings(max_examples=200)
@given(PROFILES, YEARS, YEARS)
def test_mid_never_falls_as_years_grow(profile: Profile, a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    earlier = calculate(replace(profile, exp=lo), DATA)
    later = calculate(replace(profile, exp=hi), DATA)
    assert earlier.band.mid <= later.band.mid


@pytest.mark.parametrize(("before", "after"), [(2.9, 3), (2.999, 3), (7.9, 8), (7.999, 8)])
@pytest.mark.parametrize("state", ["US", "CA", "PR"])
def test_mid_rises_across_level_boundaries(before: float, after: float, state: str) -> None:
    assert calculate(Profile(before, state), DATA).band.mid < calculate(Profile(after, state), DATA).band.mid


def test_mid_moves_through_the_band_with_years_in_the_level() -> None:
    mids = [calculate(Profile(exp), DATA).band.mid for exp in (3, 4, 5.5, 7)]
    assert mids == sorted(mids)
    assert len(set(mids)) == 4
    assert calculate(Profile(3), DATA).band.mid == 75000


@pytest.mark.parametrize("state", ["CA", "NY", "MA", "WA", "VA", "NJ"])
def test_article_high_paying_states_are_above_national(state: str) -> None:
    assert calculate(Profile(5, state), DATA).band.mid > calculate(Profile(5, "US"), DATA).band.mid


def mid(**fields: str) -> int:
    return calculate(Profile(exp=5, **fields), DATA).band.mid


def test_education_order() -> None:
    assert mid(education="master") > mid(education="bachelor") > mid(education="associate")


@pytest.mark.parametrize("other", ["any", "hospital", "vendor", "consulting"])
def test_clinic_pays_below_every_other_employer(other: str) -> None:
    assert mid(employer="clinic") < mid(employer=other)


@pytest.mark.parametrize("area", ["cybersecurity", "ehr", "analytics", "project-management"])
def test_every_specialization_pays_above_general(area: str) -> None:
    assert mid(specialization=area) > mid(specialization="general")


def test_hourly_is_annual_over_the_work_year(data: ReferenceData) -> None:
    est = calculate(Profile(5, "CA"), data)
    assert est.hourly[1] == pytest.approx(est.band.mid / data.hours_per_year, abs=0.01)


def test_delta_is_measured_from_the_mid() -> None:
    est = calculate(Profile(5), DATA)
    payscale = next(c for c in est.comparisons if c.reference.key == "payscale")
    assert payscale.delta_pct == round((est.band.mid - 75500) / 75500 * 100, 1)


def test_occupation_reference_follows_the_specialization() -> None:
    est = calculate(Profile(5, specialization="cybersecurity"), DATA)
    bls = next(c.reference for c in est.comparisons if c.reference.key == "bls_occupation")
    occupation = DATA.occupations["15-1212"]
    assert (bls.figure, bls.low, bls.high) == (
        occupation.percentiles["p50"],
        occupation.percentiles["p10"],
        occupation.percentiles["p90"],
    )
    assert bls.year == 2025


@given(st.floats(min_value=-10_000_000, max_value=10_000_000, allow_nan=False))
def test_whole_dollars_rounds_half_up_like_decimal(amount: float) -> None:
    from decimal import ROUND_HALF_UP, Decimal

    from hitsalary.calculate import whole_dollars

    assert whole_dollars(amount) == int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("amount", [0.5, 1.5, 2.5, -2.5, 94309.5, 94309.49999999999, 0.49999999999999994])
def test_whole_dollars_at_the_halves(amount: float) -> None:
    from decimal import ROUND_HALF_UP, Decimal

    from hitsalary.calculate import whole_dollars

    assert whole_dollars(amount) == int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
