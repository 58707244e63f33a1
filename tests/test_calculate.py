"""The one calculation: recomputed by hand from the shared BLS files, and its invariants."""

from __future__ import annotations

import csv
import itertools
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hitsalary.core.calculate import calculate, experience_percentile, percent, round_money
from hitsalary.core.models import Estimate, Profile
from hitsalary.loading.reference import load

from .conftest import SHARED_DATA

DATA = load()
YEARS = st.floats(min_value=0, max_value=50, allow_nan=False)
QUARTERS = [q / 4 for q in range(0, 201)]


def keys(name: str) -> list[str]:
    return sorted(DATA.roles) if name == "role" else sorted(DATA.factor(name).values)


PROFILES = st.builds(
    Profile,
    exp=YEARS,
    state=st.sampled_from(keys("state")),
    education=st.sampled_from(keys("education")),
    employer=st.sampled_from(keys("employer")),
    role=st.sampled_from(keys("role")),
)

# --- by hand, from the shared CSV files --------------------------------------------------------
# The stated rule (README, method.yaml): Department of Labor levels I-IV (17th, 34th, 50th, 67th
# percentile) at 0, 5, 10 and 15 years, then 80th at 25, 85th at 35, 88th at 50; band = point +/- 17
# percentiles cut at 10 and 90; log-linear between published percentiles; $100, half up.
ANCHORS = [(0, 17), (5, 34), (10, 50), (15, 67), (25, 80), (35, 85), (50, 88)]
COLUMNS = (("p10", 10), ("p25", 25), ("median", 50), ("p75", 75), ("p90", 90))
EDUCATION = {"bachelor": 1.0, "high-school": 0.88, "master": 1.06, "associate": 0.93, "certificate": 0.90}


def survey(est: Estimate) -> tuple[int, int, int]:
    """The band in the survey month's dollars (before ECI wage growth, tests/test_growth.py)."""
    assert est.survey_band is not None
    return est.survey_band.low, est.survey_band.mid, est.survey_band.high


def shared(name: str) -> list[dict[str, str]]:
    with (SHARED_DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def areas() -> list[dict[str, str]]:
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    return shared("oews_2025_areas.csv")


@pytest.fixture(scope="module")
def industries() -> list[dict[str, str]]:
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    return shared("oews_2025_industries.csv")


def row(rows: list[dict[str, str]], **match: str) -> dict[str, str]:
    [found] = [r for r in rows if all(r[k] == v for k, v in match.items())]
    return found


def percentile_for(years: float) -> float:
    for (y0, p0), (y1, p1) in itertools.pairwise(ANCHORS):
        if years <= y1:
            return p0 + (p1 - p0) * (years - y0) / (y1 - y0)
    raise AssertionError(years)


def wage_at(national: dict[str, str], pct: float) -> float:
    points = [(p, int(national[c])) for c, p in COLUMNS]
    for (p0, w0), (p1, w1) in itertools.pairwise(points):
        if p0 <= pct <= p1:
            return w0 * (w1 / w0) ** ((pct - p0) / (p1 - p0))
    raise AssertionError(pct)


def hundreds(amount: float) -> int:
    return int(Decimal(repr(amount / 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 100


def by_hand(national: dict[str, str], years: float, multiplier: float) -> tuple[int, int, int]:
    point = percentile_for(years)
    low, high = max(10, point - 17), min(90, point + 17)
    return tuple(hundreds(wage_at(national, p) * multiplier) for p in (low, point, high))  # type: ignore[return-value]


def median(r: dict[str, str]) -> int:
    return int(r["median"])


def test_hand_1_general_california(areas) -> None:
    """General health IT = 29-9021; California's own 29-9021 median over the national one."""
    nat = row(areas, soc="29-9021", area_type="national")
    ca = row(areas, soc="29-9021", area_type="state", area_name="California")
    est = calculate(Profile(exp=5, state="CA"), DATA)
    assert survey(est) == by_hand(nat, 5, median(ca) / median(nat))


def test_hand_2_coder_puerto_rico_no_degree(areas) -> None:
    nat = row(areas, soc="29-2072", area_type="national")
    pr = row(areas, soc="29-2072", area_type="state", area_name="Puerto Rico")
    est = calculate(Profile(exp=0, state="PR", education="high-school", role="medical-coding"), DATA)
    # against 29-2072's typical entry education, a certificate (tests/test_education_baseline.py)
    multiplier = median(pr) / median(nat) * EDUCATION["high-school"] / EDUCATION["certificate"]
    assert survey(est) == by_hand(nat, 0, multiplier)
    assert est.purchasing_power is None  # BEA publishes no parity for Puerto Rico


def test_hand_3_it_manager_hospital_wyoming(areas, industries) -> None:
    nat = row(areas, soc="11-3021", area_type="national")
    wy = row(areas, soc="11-3021", area_type="state", area_name="Wyoming")
    hospital = row(industries, soc="11-3021", naics="622000")
    est = calculate(Profile(exp=12, state="WY", employer="hospital", role="it-manager"), DATA)
    multiplier = median(wy) / median(nat) * median(hospital) / median(nat)
    assert survey(est) == by_hand(nat, 12, multiplier)


def test_hand_4_cybersecurity_federal_master_fifty_years(areas, industries) -> None:
    nat = row(areas, soc="15-1212", area_type="national")
    federal = row(industries, soc="15-1212", naics="999100")
    est = calculate(Profile(exp=50, employer="federal", education="master", role="cybersecurity"), DATA)
    multiplier = median(federal) / median(nat) * EDUCATION["master"]
    assert survey(est) == by_hand(nat, 50, multiplier)
    assert survey(est)[2] == hundreds(int(nat["p90"]) * multiplier)  # the data ends at the 90th


def test_hand_5_cybersecurity_oregon_falls_back_to_the_state_computer_ratio(areas) -> None:
    """BLS does not release 15-1212's Oregon median: the 15-0000 Oregon ratio stands in."""
    assert row(areas, soc="15-1212", area_type="state", area_name="Oregon")["median"] == ""
    nat = row(areas, soc="15-1212", area_type="national")
    group_or = row(areas, soc="15-0000", area_type="state", area_name="Oregon")
    group_nat = row(areas, soc="15-0000", area_type="national")
    est = calculate(Profile(exp=7.5, state="OR", role="cybersecurity"), DATA)
    assert survey(est) == by_hand(nat, 7.5, median(group_or) / median(group_nat))
    location = next(a.value for a in est.factors if a.name == "state")
    assert location.basis == "fallback"
    assert "15-0000" in (location.reason or "")


def test_hand_6_ehr_clinic_new_york_associate(areas, industries) -> None:
    """Offices of physicians (621100) is the clinic's first choice; BLS publishes it for 15-1211."""
    nat = row(areas, soc="15-1211", area_type="national")
    ny = row(areas, soc="15-1211", area_type="state", area_name="New York")
    clinic = row(industries, soc="15-1211", naics="621100")
    est = calculate(Profile(exp=9, state="NY", employer="clinic", education="associate", role="ehr"), DATA)
    multiplier = median(ny) / median(nat) * median(clinic) / median(nat) * EDUCATION["associate"]
    assert survey(est) == by_hand(nat, 9, multiplier)


def test_hand_7_network_architect_federal_is_not_published(areas, industries) -> None:
    """15-1241 has no federal row: no employer adjustment, said so."""
    assert not [r for r in industries if r["soc"] == "15-1241" and r["naics"] == "999100"]
    nat = row(areas, soc="15-1241", area_type="national")
    est = calculate(Profile(exp=3, employer="federal", role="network-architect"), DATA)
    assert survey(est) == by_hand(nat, 3, 1.0)
    employer = next(a.value for a in est.factors if a.name == "employer")
    assert (employer.basis, employer.multiplier) == ("fallback", 1.0)
    assert "no employer adjustment" in (employer.reason or "")


def test_hourly_is_the_shown_annual_over_the_work_year() -> None:
    est = calculate(Profile(exp=5, state="CA", role="ehr"), DATA)
    hours = DATA.method.hours_per_year
    for annual, hourly in zip((est.band.low, est.band.mid, est.band.high), est.hourly, strict=True):
        assert hourly == float(Decimal(repr(annual / hours)).quantize(Decimal("0.01"), ROUND_HALF_UP))


# --- invariants --------------------------------------------------------------------------------


@settings(max_examples=300)
@given(PROFILES)
def test_point_sits_inside_the_band(profile: Profile) -> None:
    est = calculate(profile, DATA)
    p = est.percentiles
    assert p.low < p.point < p.high  # never on an edge: the data ends at 10 and 90, the point at 88
    assert est.band.low <= est.band.mid <= est.band.high
    assert all(v % DATA.method.rounding_unit == 0 for v in (est.band.low, est.band.mid, est.band.high))


@settings(max_examples=300)
@given(PROFILES, YEARS, YEARS)
def test_point_rises_with_years(profile: Profile, a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    earlier = calculate(replace(profile, exp=lo), DATA)
    later = calculate(replace(profile, exp=hi), DATA)
    assert earlier.band.mid <= later.band.mid
    if hi - lo > 1e-6:
        assert earlier.base[1] < later.base[1]  # unrounded: strictly
        assert earlier.percentiles.point < later.percentiles.point


@pytest.mark.parametrize("role", sorted(DATA.roles))
def test_no_step_between_quarter_years_exceeds_two_percent(role: str) -> None:
    """Every state, with the lowest and the highest employer-and-education multiplier for the role:
    the shown (rounded) low, point and high never move more than 2% from one quarter-year to the next."""
    multipliers = {}
    for employer, education in itertools.product(keys("employer"), keys("education")):
        est = calculate(Profile(0, "US", education, employer, role), DATA)
        multipliers[est.multiplier] = (employer, education)
    extremes = [multipliers[min(multipliers)], multipliers[max(multipliers)]]
    for state in keys("state"):
        for employer, education in extremes:
            bands = [calculate(Profile(y, state, education, employer, role), DATA).band for y in QUARTERS]
            for before, after in itertools.pairwise(bands):
                for a, b in ((before.low, after.low), (before.mid, after.mid), (before.high, after.high)):
                    assert 0 <= b - a <= 0.02 * a, (state, employer, education, before, after)


def test_experience_rule_follows_the_labor_department_levels() -> None:
    assert [experience_percentile(DATA.method, y) for y in (0, 5, 10, 15)] == [17, 34, 50, 67]
    assert experience_percentile(DATA.method, 2.5) == pytest.approx(25.5)
    assert experience_percentile(DATA.method, 50) < 90


def test_every_role_has_a_soc_and_a_full_national_distribution() -> None:
    for role in DATA.roles.values():
        assert len(DATA.national[role.soc].points) == 5
        assert calculate(Profile(5, role=role.key), DATA).role.soc == role.soc


def test_general_is_one_occupation_compared_with_itself() -> None:
    est = calculate(Profile(5), DATA)
    national = next(c.reference for c in est.comparisons if c.reference.key == "bls_role_national")
    assert est.role.soc == "29-9021"
    assert national.figure == DATA.national["29-9021"].median


def test_manager_figures_only_for_manager_roles() -> None:
    def keys_for(role: str) -> set[str]:
        return {c.reference.key for c in calculate(Profile(5, role=role), DATA).comparisons}

    manager = keys_for("it-manager")
    assert {"bls_cis_managers_health_care_2023", "bls_cis_managers_health_care_2024"} <= manager
    for role in ("general", "ehr", "him-director"):
        assert not any(k.startswith("bls_cis_managers") for k in keys_for(role))


def test_area_reference_is_the_role_in_the_state() -> None:
    est = calculate(Profile(5, state="TX", role="ehr"), DATA)
    area = next(c.reference for c in est.comparisons if c.reference.key == "bls_role_area")
    assert area.figure == DATA.by_state[("15-1211", "TX")].median
    assert (area.low, area.high) == (
        DATA.by_state[("15-1211", "TX")].percentile(10),
        DATA.by_state[("15-1211", "TX")].percentile(90),
    )


@pytest.mark.parametrize("role", ["general", "cybersecurity", "medical-coding", "it-manager"])
def test_education_is_assumed_and_bounded(role: str) -> None:
    values = {
        e: next(
            a.value
            for a in calculate(Profile(5, education=e, role=role), DATA).factors
            if a.name == "education"
        )
        for e in keys("education")
    }
    typical = values["typical"].key  # the role's typical entry education: the baseline
    assert values[typical].basis == "baseline"
    order = ["high-school", "certificate", "associate", "bachelor", "master", "doctorate"]
    assert [values[e].multiplier for e in order] == sorted(values[e].multiplier for e in order)
    for key, value in values.items():
        if key not in (typical, "typical"):
            assert value.basis == "assumed"
            assert value.bound is not None
            assert abs(value.multiplier - 1) <= abs(value.bound - 1)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.05, 0.1),
        (0.15, 0.2),
        (0.25, 0.3),
        (2.45, 2.5),
        (12.35, 12.4),
        (99.95, 100.0),
        (-0.05, -0.1),
        (-2.25, -2.3),
        (1.04, 1.0),
        (-1.06, -1.1),
    ],
)
def test_percent_rounds_ties_away_from_zero(value: float, shown: float) -> None:
    """Ties go away from zero (round() would give 0.0, 0.2, 2.4, 12.3 ... for some of these)."""
    assert percent(value) == shown


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_percent_is_the_nearest_tenth(value: float) -> None:
    shown = percent(value)
    assert abs(shown - value) <= 0.05 + 1e-9 * max(1.0, abs(value))
    assert abs(shown * 10 - round(shown * 10)) < 1e-6


@pytest.mark.parametrize(("amount", "shown"), [(149.99, 100), (150, 200), (62149.99, 62100), (62150, 62200)])
def test_money_rounds_half_up_to_the_unit(amount: float, shown: int) -> None:
    assert round_money(amount, 100) == shown
