"""One distribution per person (issue 16 items 1, 2, 3, 7): the area's own OEWS distribution, DOL's
level formula, experience anchored on those levels, and the precision said.

Hand figures come from /work/shared/data/oews_2025_areas.csv through tests/distribution_hand.py,
which writes the stated rules out without the package's helpers. The properties run over every
role and every area the package ships."""

from __future__ import annotations

import csv
import dataclasses
import itertools
import math
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hitsalary.core.calculate import BandCurve, calculate, edges, knots, percent, round_money, survey_band
from hitsalary.core.decisions import career_path
from hitsalary.core.distribution import distribution_for, dol_levels, fell_back, from_row, percentile_of
from hitsalary.core.growth import month_label
from hitsalary.core.levels import assess, wage_levels
from hitsalary.core.models import Distribution, Profile, Wages
from hitsalary.loading import area_tables
from hitsalary.loading.reference import load

from . import distribution_hand as hand
from .conftest import SHARED_DATA, eci_by_hand

DATA = load()
ROLES = sorted(DATA.roles)
SOCS = sorted({role.soc for role in DATA.roles.values()})
AREAS = [(None, state) for state in ("US", *DATA.states)] + [
    (code, area.state) for code, area in DATA.area_tables.areas().items()
]
YEARS = (0, 2.5, 5, 7.5, 10, 15, 20, 25, 35, 50)
Row = hand.Row
oews = hand.oews  # the shared CSV's rows, a fixture
one = hand.one


def role_for(soc: str) -> str:
    return next(key for key, role in DATA.roles.items() if role.soc == soc)


def survey(est) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """The band in the survey month's dollars (May 2025), before the ECI wage growth."""
    return est.survey_band.low, est.survey_band.mid, est.survey_band.high


def by_hand(est, row: dict[str, str], years: float, multiplier: float = 1.0) -> None:  # type: ignore[no-untyped-def]
    """The survey band recomputed from the CSV row, and the shown band: the same amounts aged by
    the ECI multiplier (recomputed by hand, tests/conftest.py) before the one rounding."""
    assert survey(est) == hand.band(row, years, multiplier)
    assert (est.band.low, est.band.mid, est.band.high) == hand.band(row, years, multiplier * eci_by_hand())


# --- profiles by hand ----------------------------------------------------------------------------


def test_hand_metro_read_from_its_own_distribution(oews) -> None:
    """Software developers in San Jose, 25 years: the metro's own row; the point closes half the
    log gap from Level IV to the metro's 90th percentile and stays below it (it was $290,200,
    above that 90th percentile $289,150, when the band was the national curve times a ratio)."""
    row = one(oews, soc="15-1252", area_code="41940")
    est = calculate(Profile(25, "CA", role="software", metro="41940"), DATA)
    by_hand(est, row, 25)
    assert est.distribution.label == "metro 41940"
    assert est.survey_band.high <= int(row["p90"])  # survey dollars against the survey's figures
    assert est.survey_band.mid < int(row["p90"])


def test_hand_metro_falls_back_to_its_state(oews) -> None:
    """BLS releases no 15-1212 figures for Nashville: Tennessee's distribution, labelled so."""
    assert one(oews, soc="15-1212", area_code="34980")["median"] == ""
    tn = one(oews, soc="15-1212", area_type="state", area_name="Tennessee")
    est = calculate(Profile(7, "TN", role="cybersecurity", metro="34980"), DATA)
    by_hand(est, tn, 7)
    assert est.distribution.label == "state fallback: metro not published"
    assert "Nashville" in (est.distribution.reason or "")


def test_hand_puerto_rico_is_never_below_its_own_10th_percentile(oews) -> None:
    """`estimate --exp 3 --state PR` gave $15,900-$25,100 against PR's P10 of $21,840."""
    pr = one(oews, soc="29-9021", area_type="state", area_name="Puerto Rico")
    est = calculate(Profile(3, "PR"), DATA)
    by_hand(est, pr, 3)
    assert est.survey_band.low >= int(pr["p10"])  # survey dollars against the survey's figures
    assert est.survey_band.high <= int(pr["p90"])


def test_hand_a_level_from_the_mean(oews) -> None:
    """Sussex County DE nonmetro, 15-1211: Level IV = (3 x mean - Level I) / 2, Level III = mean."""
    row = one(oews, soc="15-1211", area_code="1000005")
    table = wage_levels(DATA, Profile(0, "DE", role=role_for("15-1211"), metro="1000005"))
    first = hand.level_one(row)
    assert table.levels[3].annual == hand.half_up((3 * int(row["mean"]) - first) / 2)
    assert table.levels[2].annual == int(row["mean"])
    assert [level.annual for level in table.levels] == hand.level_dollars(row)


def test_hand_a_suppressed_state_is_the_nation_times_its_computer_ratio(oews) -> None:
    nat = one(oews, soc="15-1211", area_type="national")
    group = one(oews, soc="15-0000", area_type="state", area_name="West Virginia")
    group_nat = one(oews, soc="15-0000", area_type="national")
    ratio = int(group["median"]) / int(group_nat["median"])
    est = calculate(Profile(3, "WV", role="ehr"), DATA)
    by_hand(est, hand.scaled(nat, ratio), 3)
    assert est.distribution.scale == pytest.approx(ratio)
    assert est.distribution.mean_basis == "scaled"


def test_hand_a_nonmetro_area_with_an_employer_factor(oews) -> None:
    """The area's own distribution, then the employer factor (hospital median / all industries)."""
    area = one(oews, soc="15-1211", area_code="0600003")
    nat = one(oews, soc="15-1211", area_type="national")
    with (SHARED_DATA / "oews_2025_industries.csv").open(newline="", encoding="utf-8") as handle:
        hospital = one(list(csv.DictReader(handle)), soc="15-1211", naics="622000")
    est = calculate(Profile(12, "CA", employer="hospital", role="ehr", metro="0600003"), DATA)
    by_hand(est, area, 12, int(hospital["median"]) / int(nat["median"]))


# --- properties over every role and area ---------------------------------------------------------


def every_distribution():  # type: ignore[no-untyped-def]
    for soc, (metro, state) in itertools.product(SOCS, AREAS):
        yield soc, metro, state, distribution_for(DATA, soc, state, metro)


def test_neutral_bands_lie_inside_the_areas_p10_to_p90_in_survey_dollars() -> None:
    for soc, metro, state, dist in every_distribution():
        low, high = dist.wage(10), dist.wage(90)
        for years in YEARS:
            band = survey_band(DATA.method, dist, years)
            assert low <= band[0] <= band[1] <= band[2] <= high, (soc, metro, state, years)
            # shown: edges moved inward to $100, so rounding cannot leave them either
            assert edges(DATA.method, dist)[0] >= low


def test_levels_are_equally_spaced_and_increasing_everywhere() -> None:
    for soc, metro, state, dist in every_distribution():
        annual = [hand.half_up(x) for x in dol_levels(dist)]
        steps = [b - a for a, b in itertools.pairwise(annual)]
        assert min(steps) > 0, (soc, metro, state, annual)
        assert max(steps) - min(steps) <= 1, (soc, metro, state, annual)


def test_no_rule_step_rises_faster_than_the_stated_quarter_year_limit() -> None:
    """Between anchors the point grows at a constant rate; no anchor step exceeds the limit, so
    the point moves at most max_quarter_growth from one quarter-year to the next."""
    limit = 1 + DATA.method.max_quarter_growth
    for soc, metro, state, dist in every_distribution():
        anchors = knots(DATA.method, dist)
        for (y0, w0), (y1, w1) in itertools.pairwise(anchors):
            assert 1 <= w1 / w0 <= limit ** (4 * (y1 - y0)) * (1 + 1e-12), (soc, metro, state, y0)


def test_the_neutral_point_at_each_level_year_meets_that_level_everywhere() -> None:
    """0/5/10/15 years: the shown point meets Level I/II/III/IV (where the area's P90 allows)."""
    for soc, metro, state, dist in every_distribution():
        if metro is None and state != "US" and (soc, state) not in DATA.by_state:
            continue
        profile = Profile(0, state, role=role_for(soc), metro=metro)
        table = wage_levels(DATA, profile)
        ceiling = edges(DATA.method, dist)[1]
        for years, level in zip((0, 5, 10, 15), table.levels, strict=True):
            est = calculate(replace(profile, exp=years), DATA)
            assert est.survey_band is not None  # the rule is stated in survey dollars, before growth
            if level.annual <= ceiling:
                assert assess(table, est.survey_band.mid).highest_level_met == level.key, (soc, metro, years)


AREA_PROFILES = st.builds(
    lambda area, role, exp: Profile(exp, area[1], role=role, metro=area[0]),
    st.sampled_from(AREAS),
    st.sampled_from(ROLES),
    st.sampled_from([0, 1, 3, 4.5, 9, 14, 20, 40]),
)


@settings(max_examples=200, deadline=None)
@given(AREA_PROFILES, st.integers(1, 10))
def test_path_marks_equal_the_levels_offer_verdicts(profile: Profile, years: int) -> None:
    table = wage_levels(DATA, profile)
    for point in career_path(profile, years, DATA):
        met = assess(table, point.estimate.band.mid).highest_level_met
        assert point.level == (
            "below Level I" if met is None else f"Level {met} ({dict(DATA.method.levels)[met]})"
        )


@settings(max_examples=200, deadline=None)
@given(AREA_PROFILES)
def test_shown_neutral_band_stays_inside_the_published_p10_p90(profile: Profile) -> None:
    est = calculate(profile, DATA)
    dist, survey = est.distribution, est.survey_band  # in survey dollars: the area's own figures
    assert survey is not None
    assert dist.wage(10) <= survey.low <= survey.mid <= survey.high <= dist.wage(90)
    assert est.outside is None


def test_path_and_levels_agree_on_the_cli(run_json) -> None:
    """The issue's case: San Jose software, 0 to 10 years; each year's mark is levels --offer's."""
    path = run_json("path", "--exp", "0", "--role", "software", "--metro", "41940", "--years", "10")
    for point in path["paths"][0]["points"]:
        offer = run_json(
            "levels", "--role", "software", "--metro", "41940", "--offer", str(point["band"]["mid"])
        )
        met = offer["offer"]["highest_level_met"]
        assert (
            point["wage_level"].startswith(f"Level {met} (")
            if met
            else point["wage_level"] == "below Level I"
        )
    marks = [p["wage_level"] for p in path["paths"][0]["points"]]
    assert marks[0].startswith("Level I ")
    assert marks[5].startswith("Level II ")
    assert marks[10].startswith("Level III ")


# --- fills, fallbacks and precision --------------------------------------------------------------


def test_a_partial_row_is_filled_from_the_wider_shape_and_says_so() -> None:
    """No shipped row is partial (BLS suppresses whole rows here); a --data file could be: P90
    missing is filled from the state's shape scaled to the area's median."""
    state = distribution_for(DATA, "15-1211", "CA", None)
    full = DATA.area_tables.wages_in("41940")["15-1211"]
    partial = Wages(**{**full.__dict__, "points": full.points[:-1]})
    dist = from_row(partial, kind="metro", label="metro 41940", wider=state, method=DATA.method)
    assert dist.filled == (90,)
    assert dist.basis == "partial"
    assert dist.label == "partial: P90 filled from state shape"
    assert dist.wage(90) == pytest.approx(state.wage(90) / state.median * full.median)


def test_a_missing_mean_is_the_curves_own_and_labelled() -> None:
    full = DATA.area_tables.wages_in("41940")["15-1211"]
    without_mean = Wages(**{**full.__dict__, "mean": None})
    dist = from_row(without_mean, kind="metro", label="metro 41940", wider=None, method=DATA.method)
    assert dist.mean_basis == "estimated"
    assert dist.wage(10) < dist.mean < dist.wage(90)


def test_a_fallback_keeps_every_field_of_the_distribution_standing_in() -> None:
    """fell_back's stand-in is the wider distribution with only its basis, label and reason
    changed: every other field (a field added to Distribution later too) is kept."""
    wider = replace(distribution_for(DATA, "15-1211", "CA", None), scale=1.25)  # no field at its default
    stand_in = fell_back(wider, "state fallback: metro not published", "why")
    changed = {"basis": "fallback", "label": "state fallback: metro not published", "reason": "why"}
    for name in (f.name for f in dataclasses.fields(Distribution)):
        assert getattr(stand_in, name) == changed.get(name, getattr(wider, name)), name


@pytest.mark.parametrize(
    ("flags", "imprecise"),
    [
        (("--exp", "3", "--state", "PR"), True),  # 29-9021 in Puerto Rico: employment 90
        (("--exp", "3", "--role", "software", "--metro", "41940"), False),  # RSE 0.8%, 87,350 jobs
    ],
)
def test_precision_is_said_on_screen_and_in_json(run, run_json, flags, imprecise) -> None:
    out = run_json("estimate", *flags)
    dist = out["distribution"]
    assert dist["imprecise"] is imprecise
    assert (dist["precision"] or "").startswith("the area estimate is imprecise: ") is imprecise
    assert isinstance(dist["wage_rse"], float)
    assert isinstance(dist["employment"], int)
    assert imprecise == (dist["wage_rse"] > 10 or dist["employment"] < 100)
    text = " ".join(run("estimate", *flags, env={"COLUMNS": "200"}).stdout.split())
    assert ("the area estimate is imprecise" in text.lower()) is imprecise
    assert f"wage RSE {dist['wage_rse']:g}%" in text


def limits_failed(rse: float, employment: int) -> str:
    """The limits an area fails, worded by hand from the shipped method data (not from the code)."""
    m = DATA.method
    failed = []
    if rse > m.max_wage_rse:
        failed.append(f"wage RSE {rse:g}% is above the {m.max_wage_rse:g}% maximum")
    if employment < m.min_employment:
        failed.append(f"employment {employment:,} is under the {m.min_employment:,}-job minimum")
    return " and ".join(failed) + " (method.yaml precision)"


@pytest.mark.parametrize(
    ("metro", "failed"),
    [
        ("25260", "employment"),  # Hanford-Corcoran 15-1211: RSE 1.9%, 50 jobs
        ("12940", "rse"),  # Baton Rouge 15-1211: RSE 14.2%, 920 jobs
        ("24540", "both"),  # Greeley 15-1211: RSE 10.9%, 90 jobs
    ],
)
def test_an_imprecise_area_says_which_limit_failed(run, run_json, metro, failed) -> None:
    out = run_json("estimate", "--exp", "5", "--role", "ehr", "--metro", metro)
    dist = out["distribution"]
    m = DATA.method
    assert (dist["wage_rse"] > m.max_wage_rse, dist["employment"] < m.min_employment) == {
        "employment": (False, True),
        "rse": (True, False),
        "both": (True, True),
    }[failed]
    reason = limits_failed(dist["wage_rse"], dist["employment"])
    assert dist["precision"] == f"the area estimate is imprecise: {reason}"
    for command in (("estimate", "--exp", "5"), ("levels",)):
        shown = run(*command, "--role", "ehr", "--metro", metro, env={"COLUMNS": "200"}).stdout
        text = " ".join(shown.split())
        assert f"the area estimate is imprecise: {reason}" in text, command


@pytest.mark.parametrize(
    "flags",
    [
        ("--role", "it-manager", "--metro", "39660"),  # Rapid City 11-3021: RSE 9%, employment not released
        ("--state", "DE"),  # Delaware 29-9021: RSE 8%, employment not released
    ],
)
def test_an_area_whose_employment_is_not_released_fails_the_minimum(run, run_json, flags) -> None:
    """BLS publishes wages but no employment for some areas: the job minimum cannot be checked,
    so the figures are not vouched for as precise (a trial saw them pass the rule unmarked)."""
    dist = run_json("estimate", "--exp", "5", *flags)["distribution"]
    assert dist["employment"] is None
    assert dist["wage_rse"] <= DATA.method.max_wage_rse
    assert dist["imprecise"] is True
    reason = (
        f"employment is not released by BLS, so the {DATA.method.min_employment:,}-job minimum cannot be "
        "checked (method.yaml precision)"
    )
    assert dist["precision"] == f"the area estimate is imprecise: {reason}"
    text = " ".join(run("estimate", "--exp", "5", *flags, env={"COLUMNS": "200"}).stdout.split())
    assert f"the area estimate is imprecise: {reason}" in text


def test_the_precision_limits_are_read_from_the_method_data(run_json, tmp_path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "method:\n  source: {publisher: Example HR, title: our limits, year: 2026}\n"
        "  precision:\n    min_employment: 60\n    max_wage_rse: 1.5\n",
        encoding="utf-8",
    )
    dist = run_json("estimate", "--exp", "5", "--role", "ehr", "--metro", "25260", "--data", str(path))[
        "distribution"
    ]
    assert dist["precision"] == (
        "the area estimate is imprecise: wage RSE 1.9% is above the 1.5% maximum and employment 50 is "
        f"under the 60-job minimum ({path}: method precision)"
    )


def test_factors_moving_the_band_outside_say_so_in_one_line(run_json, run) -> None:
    out = run_json(
        "estimate", "--exp", "50", "--role", "software", "--metro", "41940", "--education", "doctorate"
    )
    assert out["outside"] is not None
    assert "above its 90th percentile" in out["outside"]
    text = run(
        "estimate", "--exp", "50", "--role", "software", "--metro", "41940", "--education", "doctorate"
    )
    assert sum("above its 90th percentile" in line for line in text.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    ("flags", "side"),
    [
        (
            ("--exp", "3", "--role", "nursing-informatics", "--metro", "18140", "--employer", "hospital"),
            "low",
        ),
        (("--exp", "50", "--role", "software", "--metro", "41940", "--education", "doctorate"), "high"),
    ],
)
@pytest.mark.parametrize("survey_dollars", [False, True])
def test_the_outside_note_names_the_percentile_in_the_bands_own_dollars(
    run_json, flags: tuple[str, ...], side: str, survey_dollars: bool
) -> None:
    """A trial saw 'below its 10th percentile ($67,160)' above a band whose low was $67,700: the
    percentile was in May 2025 dollars, the band in March 2026 dollars."""
    out = run_json("estimate", *flags, *(["--survey-dollars"] if survey_dollars else []))
    note, band = out["outside"], out["band"]
    shown = re.search(r"\(\$([\d,]+) in (.+?) dollars", note)
    assert shown is not None, note
    edge = int(shown.group(1).replace(",", ""))
    assert band["low"] < edge if side == "low" else band["high"] > edge
    growth = out["wage_growth"]
    surveyed = month_label(growth["survey_month"])
    assert shown.group(2) == (f"{surveyed} (survey)" if survey_dollars else month_label(growth["month"]))
    assert (f"as published for {surveyed}" in note) is not survey_dollars
    # the factor that moved it, alone: education is x1.000 in the first case (a trial's finding)
    moved = [f["name"] for f in out["factors"] if f["multiplier"] != 1]
    assert note.startswith(f"the {moved[0]} factor (x") if len(moved) == 1 else " and ".join(moved) in note
    assert f"the band's {side} end" in note


def test_the_metro_table_is_indexed_once() -> None:
    area_tables.metro_index.cache_clear()
    area_tables.wages_in.cache_clear()
    DATA.area_tables.wages_in("41940")
    DATA.area_tables.wages_in("35620")
    DATA.area_tables.role_everywhere("15-1211")
    assert area_tables.metro_index.cache_info().misses == 1


def quarter_year_jumps(multiplier_of) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The (SOC, area) pairs whose shown low, point or high moves more than 2% (or falls) from
    one quarter-year to the next, at the multipliers given per SOC."""
    unit, jumps = DATA.method.rounding_unit, set()
    for soc, metro, state, dist in every_distribution():
        bands = [survey_band(DATA.method, dist, q / 4) for q in range(201)]
        for multiplier in multiplier_of(soc):
            shown_ = [[round_money(a * multiplier, unit) for a in band] for band in bands]
            for before, after in itertools.pairwise(shown_):
                if any(not 0 <= b - a <= 0.02 * a for a, b in zip(before, after, strict=True)):
                    jumps.add((soc, metro or state))
    return jumps


def test_no_area_moves_more_than_two_percent_a_quarter_year_at_neutral_factors() -> None:
    assert quarter_year_jumps(lambda soc: (1.0,)) == set()


def test_the_extreme_multipliers_break_the_two_percent_rule_in_one_stated_area_only() -> None:
    """README: with the lowest employer-and-education multiplier, $100 rounding of a $14,700 low
    moves 29-9021's band in the Southeast Oklahoma nonmetro area (4000004) by 2.04% once."""
    extremes: dict[str, tuple[float, ...]] = {}
    for soc in SOCS:
        role = role_for(soc)
        found = {
            calculate(Profile(0, "US", education, employer, role), DATA).multiplier
            for employer, education in itertools.product(
                DATA.factor("employer").values, DATA.factor("education").values
            )
        }
        extremes[soc] = (min(found), max(found))
    assert quarter_year_jumps(extremes.__getitem__) == {("29-9021", "4000004")}


def percentile_by_definition(points, amount: float) -> float:  # type: ignore[no-untyped-def]
    """The log-linear inverse of the percentile curve, written out segment by segment."""
    if amount <= points[0][1]:
        return float(points[0][0])
    for (p0, w0), (p1, w1) in itertools.pairwise(points):
        if amount <= w1:
            return float(p0 if w1 == w0 else p0 + (p1 - p0) * math.log(amount / w0) / math.log(w1 / w0))
    return float(points[-1][0])


def test_batch_rows_equal_the_single_estimates_calculation_to_the_last_bit() -> None:
    """BandCurve.row (what a batch row reads, inlined for speed) is band() with the point's
    percentile rounded as estimate rounds it; percentile_of on precomputed segments is the
    curve's inverse by definition: identical floats for every role, area and years."""
    amounts = [w * f for w in (20_000.0, 55_555.5, 101_010.1, 250_000.0) for f in (0.5, 1.0, 1.5)]
    for soc, metro, state, dist in every_distribution():
        curve = BandCurve(DATA.method, dist)
        for years in (*YEARS, 0.1, 4.99, 12.3, 49.9):
            low, point, high = survey_band(DATA.method, dist, years)
            expected = (percent(percentile_by_definition(dist.points, point)), low, point, high)
            assert curve.row(years) == expected, (soc, metro, state, years)
        for amount in (*amounts, *(w for _, w in dist.points)):
            assert percentile_of(dist.points, amount) == percentile_by_definition(dist.points, amount)
