"""Which dollars path's wage-level marks compare: the shown point (March 2026 dollars, aged by
the ECI; or May 2025 survey dollars with --survey-dollars) against the Department of Labor's
levels, which are never aged. So every mark is the verdict `levels --offer <shown point>` gives
(an offer is made in today's dollars and DOL checks it against the official, unaged levels)."""

from __future__ import annotations

from hitsalary.core.levels import assess, wage_levels
from hitsalary.core.models import Profile
from hitsalary.loading.reference import load

DATA = load()
# San Jose software at 4.5 years: the aged point ($189,100) meets Level II, the survey-dollar
# point ($183,900) does not (Level II is $187,547 there), so the two readings differ here.
ARGS = ("path", "--exp", "4.5", "--role", "software", "--metro", "41940", "--years", "1")


def mark_for(met: str | None) -> str:
    return "below Level I" if met is None else f"Level {met} ({dict(DATA.method.levels)[met]})"


def test_the_case_separates_the_two_readings() -> None:
    from hitsalary.core.calculate import calculate

    profile = Profile(4.5, "CA", role="software", metro="41940")
    est, table = calculate(profile, DATA), wage_levels(DATA, profile)
    assert est.survey_band is not None
    aged, survey = (assess(table, amount).highest_level_met for amount in (est.band.mid, est.survey_band.mid))
    assert aged != survey  # otherwise the tests below could not tell the readings apart


def test_path_marks_the_aged_point_against_the_unaged_levels(run_json) -> None:
    out = run_json(*ARGS)
    point = out["paths"][0]["points"][0]
    assert point["wage_growth"]["basis"] == "measured"
    offer = run_json("levels", "--role", "software", "--metro", "41940", "--offer", str(point["band"]["mid"]))
    assert point["wage_level"] == mark_for(offer["offer"]["highest_level_met"]) == mark_for("II")
    survey = run_json(
        "levels", "--role", "software", "--metro", "41940", "--offer", str(point["survey_band"]["mid"])
    )
    assert offer["levels"] == survey["levels"]  # the levels themselves never move with the ECI
    assert survey["offer"]["highest_level_met"] != offer["offer"]["highest_level_met"]
    assert "never aged" in out["note"]
    assert "levels --offer" in out["note"]


def test_with_survey_dollars_path_marks_the_survey_point(run_json) -> None:
    out = run_json(*ARGS, "--survey-dollars")
    point = out["paths"][0]["points"][0]
    assert point["band"] == point["survey_band"]
    offer = run_json("levels", "--role", "software", "--metro", "41940", "--offer", str(point["band"]["mid"]))
    assert point["wage_level"] == mark_for(offer["offer"]["highest_level_met"]) == mark_for("I")


def test_the_screen_says_which_point_the_marks_compare(run) -> None:
    result = run(*ARGS)
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "March 2026 dollars" in text
    assert "never aged" in text
    assert "levels --offer" in text


def test_path_says_the_wage_year_of_the_levels_it_marks(run, run_json, data) -> None:
    """The levels screen named its wage year and path did not (a trial's finding)."""
    year = data.method.levels_year
    assert year  # 'July 2026 to June 2027', from method.yaml
    assert f"for the wage year {year}, never aged" in " ".join(run(*ARGS).stdout.split())
    assert run_json(*ARGS, "--json")["wage_year"] == year
