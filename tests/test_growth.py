"""Today's dollars: the ECI multiplier recomputed by hand from the shared CSV, the aged band
against the survey-dollar band (whatever that band is), --survey-dollars everywhere, a newer
quarter from a --data file, and the freshness warning counted from the dollars' month."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hitsalary
from hitsalary.core.calculate import calculate
from hitsalary.core.growth import index_at, wage_growth
from hitsalary.core.models import Profile, ReferenceData
from hitsalary.core.profile import command_line
from hitsalary.loading import freshness
from hitsalary.loading.reference import load

from .conftest import band_by_hand, eci_by_hand

DATA = load()
SERIES = "CIU2020000000000I"


def test_the_multiplier_is_the_eci_recomputed_by_hand() -> None:
    growth = wage_growth(DATA, survey_dollars=False)
    assert growth.multiplier == pytest.approx(eci_by_hand(), rel=1e-12)
    assert f"{growth.multiplier:.4f}" == "1.0283"
    assert (growth.basis, growth.series, growth.survey_month, growth.month) == (
        "measured",
        SERIES,
        "2025-05",
        "2026-03",
    )
    assert [month for month, _ in growth.quarters] == ["2025-03", "2025-12"]
    assert "x1.0283" in growth.statistic
    assert "log-linearly" in growth.rule


def test_an_aged_band_by_hand_and_the_same_in_survey_dollars(data: ReferenceData) -> None:
    """estimate --exp 5 --state CA: the survey band by the stated method, and the same amounts
    times the ECI multiplier, rounded once to $100."""
    soc = data.roles[data.neutral_role].soc
    aged = calculate(Profile(5, "CA"), data)
    survey = calculate(Profile(5, "CA", survey_dollars=True), data)
    assert aged.band == band_by_hand(data, 5, soc, eci_by_hand(), state="CA")
    assert survey.band == band_by_hand(data, 5, soc, state="CA") == aged.survey_band
    assert survey.growth is not None
    assert (survey.growth.basis, survey.growth.multiplier) == ("baseline", 1.0)


PROFILES = st.builds(
    Profile,
    exp=st.floats(min_value=0, max_value=50, allow_nan=False),
    state=st.sampled_from(sorted(DATA.states)),
    education=st.sampled_from(sorted(DATA.factor("education").values)),
    employer=st.sampled_from(sorted(DATA.factor("employer").values)),
    role=st.sampled_from(sorted(DATA.roles)),
)


@settings(max_examples=200, deadline=None)
@given(PROFILES)
def test_the_aged_band_is_the_survey_band_times_the_multiplier(profile: Profile) -> None:
    """Whatever the survey-dollar band is: --survey-dollars shows it, and the aged band is it
    times the multiplier, each rounded once to the unit. Both amounts come from one unrounded
    x: shown = round(x * g) is within unit/2 of x * g, and before * g = round(x) * g within
    g * unit/2 of it, so they differ by at most unit * (1 + g) / 2 (a little over one unit:
    hypothesis found 100.14 with a $100 unit and g = 1.0283)."""
    unit = DATA.method.rounding_unit
    growth = wage_growth(DATA, survey_dollars=False).multiplier
    aged = calculate(profile, DATA)
    survey = calculate(replace(profile, survey_dollars=True), DATA)
    assert survey.band == aged.survey_band == survey.survey_band
    for shown, before in zip(vars(aged.band).values(), vars(survey.band).values(), strict=True):
        assert abs(shown - before * growth) <= unit * (1 + growth) / 2
    if aged.purchasing_power and survey.purchasing_power:
        assert aged.purchasing_power.band.mid >= survey.purchasing_power.band.mid


def test_every_command_takes_the_flag(run, run_json, tmp_path: Path) -> None:
    aged = run_json("estimate", "--exp", "5", "--state", "TX")
    survey = run_json("estimate", "--exp", "5", "--state", "TX", "--survey-dollars")
    assert survey["band"] == aged["survey_band"] == survey["survey_band"]
    assert survey["profile"]["survey_dollars"] is True
    assert aged["profile"]["survey_dollars"] is False
    assert survey["wage_growth"]["basis"] == "baseline"
    assert aged["wage_growth"]["basis"] == "measured"
    assert aged["wage_growth"]["multiplier"] == round(eci_by_hand(), 6)
    compare = run_json("compare", "--exp", "5", "--state", "TX", "--vs", "state=CA", "--survey-dollars")
    assert compare["base"]["band"] == survey["band"]
    path = run_json("path", "--exp", "5", "--state", "TX", "--years", "1", "--survey-dollars")
    assert path["paths"][0]["points"][0]["band"] == survey["band"]
    aged_path = run_json("path", "--exp", "5", "--state", "TX", "--years", "1")
    assert aged_path["paths"][0]["points"][0]["band"] == aged["band"]
    roster = "id,exp,state\nA,5,TX\n"
    for flags, expected in (((), aged), (("--survey-dollars",), survey)):
        result = run("batch", "-", *flags, input=roster)
        assert result.exit_code == 0, result.stderr
        record = json.loads(result.stdout)
        assert (record["low"], record["mid"], record["high"]) == tuple(expected["band"].values())
    assert "not aged" in run("batch", "-", "--survey-dollars", input=roster).stderr
    page = tmp_path / "r.html"
    assert run("report", "--exp", "5", "--state", "TX", "--survey-dollars", "-o", str(page)).exit_code == 0
    assert "2025-05 survey dollars" in page.read_text(encoding="utf-8")


def test_the_python_api_and_the_reproducing_command_carry_it() -> None:
    aged = hitsalary.estimate(exp=5, state="TX")
    survey = hitsalary.estimate(exp=5, state="TX", survey_dollars=True)
    assert survey.band == aged.survey_band
    assert command_line(survey.profile, DATA).endswith("--survey-dollars")
    assert "--survey-dollars" not in command_line(aged.profile, DATA)
    with pytest.raises(hitsalary.UsageProblem, match="survey_dollars"):
        hitsalary.make_profile(exp=5, survey_dollars="yes")  # type: ignore[arg-type]


def test_the_screen_says_which_dollars(run) -> None:
    aged = run("estimate", "--exp", "5", "--state", "TX", env={"COLUMNS": "200"}).stdout
    assert "in March 2026 dollars" in aged
    assert "Wage growth: May 2025 to March 2026 dollars" in aged
    assert "1.0283" in aged
    assert SERIES in aged
    assert "keep their own year's dollars" in aged  # the reference figures are not aged
    survey = run("estimate", "--exp", "5", "--state", "TX", "--survey-dollars", env={"COLUMNS": "200"}).stdout
    assert "in May 2025 (survey) dollars" in survey


def test_the_wage_levels_are_never_aged(run_json) -> None:
    aged = run_json("estimate", "--exp", "5", "--role", "ehr", "--metro", "41940", "--levels")
    survey = run_json(
        "estimate", "--exp", "5", "--role", "ehr", "--metro", "41940", "--levels", "--survey-dollars"
    )
    levels = run_json("levels", "--role", "ehr", "--metro", "41940")
    assert aged["wage_levels"]["levels"] == survey["wage_levels"]["levels"] == levels["levels"]
    assert aged["band"] != survey["band"]


def test_a_data_file_adds_a_newer_quarter_and_the_estimate_ages_to_it(run_json, tmp_path: Path) -> None:
    path = tmp_path / "eci.yaml"
    path.write_text(
        "eci:\n"
        "  source: {publisher: U.S. Bureau of Labor Statistics, title: ECI June 2026, year: 2026,"
        " as_of: 2026-06}\n"
        f"  series:\n    {SERIES}:\n      quarters: {{2026-06: 180.5}}\n",
        encoding="utf-8",
    )
    out = run_json("estimate", "--exp", "5", "--data", str(path))
    growth = out["wage_growth"]
    may = wage_growth(DATA, survey_dollars=False).survey_index
    assert may is not None
    assert growth["month"] == "2026-06"
    assert growth["survey_index"] == round(may, 4)  # the shipped quarters still give May
    assert growth["multiplier"] == round(180.5 / may, 6)
    assert growth["source"]["origin"] == str(path)
    assert out["band"]["mid"] > run_json("estimate", "--exp", "5")["band"]["mid"]


def test_a_month_that_is_not_a_quarter_is_refused(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"eci:\n  source: {{publisher: X, title: Y, year: 2026}}\n  series:\n    {SERIES}:\n"
        "      quarters: {2026-05: 180.5}\n",
        encoding="utf-8",
    )
    result = run("estimate", "--exp", "5", "--data", str(bad))
    assert result.exit_code == 1
    assert "a quarter's last month" in result.stderr
    assert result.stderr.count("\n") == 1


def test_index_between_quarters_and_outside_them() -> None:
    series = DATA.eci
    assert series is not None
    assert index_at(series, "2025-03") == (171.9, (("2025-03", 171.9),))
    assert index_at(series, "2024-12") is None  # before the first quarter: nothing to read


def test_the_freshness_warning_counts_from_the_dollars_month() -> None:
    assert freshness.stale_warning(DATA, on=date(2027, 6, 1)) is not None  # survey dollars: 25 months
    assert freshness.stale_warning(DATA, on=date(2027, 6, 1), aged=True) is None  # 15 months after 2026-03
    warning = freshness.stale_warning(DATA, on=date(2028, 4, 1), aged=True)
    assert warning is not None
    assert "aged by the ECI to 2026-03" in warning
    assert "25 months old" in warning
