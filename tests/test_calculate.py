"""The one calculation: recomputed by hand from the shared BLS files, and its invariants."""

from __future__ import annotations

import csv
import itertools
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hitsalary.core.calculate import calculate, edges, knots, percent, round_money
from hitsalary.core.distribution import dol_levels
from hitsalary.core.models import Estimate, Profile
from hitsalary.loading.reference import load

from . import distribution_hand as hand
from .conftest import SHARED_DATA, eci_by_hand

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
# The stated rule (README "How the band is computed", method.yaml), written out independently in
# tests/distribution_hand.py: the role's distribution in the area itself; the area's Department of
# Labor levels at 0/5/10/15 years; band = point / and x one level step, cut at P10-P90; the
# employer and education multipliers on top; $100, half up. Education is relative to the role's
# typical entry education (tests/test_education_baseline.py). Each profile is checked twice: the
# survey-dollar band (May 2025) and the shown band, the same amounts aged by the ECI multiplier
# recomputed by hand (tests/test_growth.py) before the one rounding.
EDUCATION = {"bachelor": 1.0, "high-school": 0.88, "master": 1.06, "associate": 0.93, "certificate": 0.90}


def survey(est: Estimate) -> tuple[int, int, int]:
    """The band in the survey month's dollars (before ECI wage growth, tests/test_growth.py)."""
    assert est.survey_band is not None
    return est.survey_band.low, est.survey_band.mid, est.survey_band.high


def by_hand(est: Estimate, area: dict[str, str], years: float, multiplier: float = 1.0) -> None:
    """The survey band and the aged band both equal the hand computation from the CSV row."""
    assert survey(est) == hand.band(area, years, multiplier)
    assert shown(est) == hand.band(area, years, multiplier * eci_by_hand())


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


def median(r: dict[str, str]) -> int:
    return int(r["median"])


def shown(est) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    return est.band.low, est.band.mid, est.band.high


def test_hand_1_general_california(areas) -> None:
    """General health IT = 29-9021, read from California's own 29-9021 distribution."""
    ca = row(areas, soc="29-9021", area_type="state", area_name="California")
    est = calculate(Profile(exp=5, state="CA"), DATA)
    by_hand(est, ca, 5)
    assert est.multiplier == 1.0


def test_hand_2_coder_puerto_rico_no_degree(areas) -> None:
    pr = row(areas, soc="29-2072", area_type="state", area_name="Puerto Rico")
    est = calculate(Profile(exp=0, state="PR", education="high-school", role="medical-coding"), DATA)
    # against 29-2072's typical entry education, a certificate (tests/test_education_baseline.py)
    by_hand(est, pr, 0, EDUCATION["high-school"] / EDUCATION["certificate"])
    assert est.purchasing_power is None  # BEA publishes no parity for Puerto Rico


def test_hand_3_it_manager_hospital_wyoming(areas, industries) -> None:
    nat = row(areas, soc="11-3021", area_type="national")
    wy = row(areas, soc="11-3021", area_type="state", area_name="Wyoming")
    hospital = row(industries, soc="11-3021", naics="622000")
    est = calculate(Profile(exp=12, state="WY", employer="hospital", role="it-manager"), DATA)
    by_hand(est, wy, 12, median(hospital) / median(nat))


def test_hand_4_cybersecurity_federal_master_fifty_years(areas, industries) -> None:
    nat = row(areas, soc="15-1212", area_type="national")
    federal = row(industries, soc="15-1212", naics="999100")
    est = calculate(Profile(exp=50, employer="federal", education="master", role="cybersecurity"), DATA)
    multiplier = median(federal) / median(nat) * EDUCATION["master"]
    by_hand(est, nat, 50, multiplier)
    assert est.base[2] == int(nat["p90"]) // 100 * 100  # the data ends at the 90th


def test_hand_5_cybersecurity_oregon_falls_back_to_the_state_computer_ratio(areas) -> None:
    """BLS does not release 15-1212 in Oregon: the national distribution times the 15-0000
    Oregon median ratio stands in."""
    assert row(areas, soc="15-1212", area_type="state", area_name="Oregon")["median"] == ""
    nat = row(areas, soc="15-1212", area_type="national")
    group_or = row(areas, soc="15-0000", area_type="state", area_name="Oregon")
    group_nat = row(areas, soc="15-0000", area_type="national")
    est = calculate(Profile(exp=7.5, state="OR", role="cybersecurity"), DATA)
    by_hand(est, hand.scaled(nat, median(group_or) / median(group_nat)), 7.5)
    location = next(a.value for a in est.factors if a.name == "state")
    assert location.basis == "fallback"
    assert "15-0000" in (location.reason or "")
    assert est.distribution.label.startswith("state fallback")


def test_hand_6_ehr_clinic_new_york_associate(areas, industries) -> None:
    """Offices of physicians (621100) is the clinic's first choice; BLS publishes it for 15-1211."""
    nat = row(areas, soc="15-1211", area_type="national")
    ny = row(areas, soc="15-1211", area_type="state", area_name="New York")
    clinic = row(industries, soc="15-1211", naics="621100")
    est = calculate(Profile(exp=9, state="NY", employer="clinic", education="associate", role="ehr"), DATA)
    multiplier = median(clinic) / median(nat) * EDUCATION["associate"]
    by_hand(est, ny, 9, multiplier)


def test_hand_7_network_architect_federal_is_not_published(areas, industries) -> None:
    """15-1241 has no federal row: no employer adjustment, said so."""
    assert not [r for r in industries if r["soc"] == "15-1241" and r["naics"] == "999100"]
    nat = row(areas, soc="15-1241", area_type="national")
    est = calculate(Profile(exp=3, employer="federal", role="network-architect"), DATA)
    by_hand(est, nat, 3)
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
    assert p.low <= p.point <= p.high  # equal only where the point is held at P10 or P90
    assert p.low < p.high
    assert est.band.low <= est.band.mid <= est.band.high
    assert all(v % DATA.method.rounding_unit == 0 for v in (est.band.low, est.band.mid, est.band.high))


@settings(max_examples=300)
@given(PROFILES, YEARS, YEARS)
def test_point_rises_with_years(profile: Profile, a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    earlier = calculate(replace(profile, exp=lo), DATA)
    later = calculate(replace(profile, exp=hi), DATA)
    assert earlier.band.mid <= later.band.mid
    held = later.base[1] == edges(DATA.method, later.distribution)[1]  # at the area's 90th: flat
    if hi - lo > 1e-6 and not held:
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
    """Nationally, the point at 0/5/10/15 years is Level I-IV rounded up to the unit; it stays
    below the 90th percentile at 50 years."""
    unit = DATA.method.rounding_unit
    for role in DATA.roles.values():
        est = calculate(Profile(0, role=role.key), DATA)
        anchors = knots(DATA.method, est.distribution)
        levels = [-(-hand.half_up(x) // unit) * unit for x in dol_levels(est.distribution)]
        if anchors[0][1] == levels[0]:  # not raised by the quarter-year limit
            assert [a for _, a in anchors[:4]] == levels
        assert calculate(Profile(50, role=role.key), DATA).base[1] < est.distribution.wage(90)


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
