"""`sources`, `outlook`, `states`, and the freshness warning."""

from __future__ import annotations

from datetime import date

import pytest

from hitsalary import freshness
from hitsalary.models import ReferenceData


def test_sources_lists_every_status(run_json, data: ReferenceData) -> None:
    out = run_json("sources")
    statuses = {f["status"] for f in out["figures"]}
    assert statuses == {"verified", "as_reported", "differs"}
    by_publisher = {f["publisher"]: f for f in out["figures"]}
    for name in ("Payscale", "Salary.com", "Glassdoor"):
        assert by_publisher[name]["status"] == "as_reported"
    differs = [f for f in out["figures"] if f["status"] == "differs"]
    assert len(differs) == 1
    assert differs[0]["figure"] == 151220
    assert differs[0]["article"]["figure"] == 170190
    assert "NAICS 55" in differs[0]["article"]["reason"]
    assert len(out["figures"]) == len(data.levels) + len(data.references) + len(data.occupations) + len(
        data.industry
    )
    for figure in out["figures"]:
        assert figure["year"] >= 2023
        assert figure["publisher"]
        assert figure["release"]


def test_sources_table_shows_statuses_and_the_article_note(run) -> None:
    out = " ".join(run("sources").stdout.split())
    for needle in (
        "as reported",
        "verified",
        "differs",
        "$170,190 in the article (2023)",
        "NAICS 55",
        "https://www.bls.gov/oes/special-requests/oesm25nat.zip",
    ):
        assert needle in out, needle


def test_outlook_leads_with_the_newest_edition(run_json) -> None:
    out = run_json("outlook")
    for occupation in out["occupations"]:
        editions = [e["edition"] for e in occupation["editions"]]
        assert editions == sorted(editions, reverse=True)
        assert editions[0] == "2024-34"
    growth = [o["editions"][0]["change_pct"] for o in out["occupations"]]
    assert growth == sorted(growth, reverse=True)
    hit = next(o for o in out["occupations"] if o["soc"] == "29-9021")["editions"][0]
    assert (hit["change_pct"], hit["jobs_start_thousands"], hit["jobs_end_thousands"]) == (14.7, 41.9, 48.1)
    assert hit["median_wage"] == 67310


def test_outlook_places_the_articles_seven_percent(run_json) -> None:
    claims = {c["key"]: c for c in run_json("outlook")["article_claims"]}
    seven = claims["health_information_technologists"]
    assert seven["status"] == "differs"
    assert seven["change_pct"] == 7
    assert seven["checked"]["change_pct"] == 16
    assert (seven["matches"]["soc"], seven["matches"]["change_pct"]) == ("29-2072", 7.1)
    assert claims["computer_information_systems_managers"]["status"] == "verified"


def test_outlook_table_marks_secondary_copies(run) -> None:
    out = run("outlook").stdout
    assert "Medical records specialists (29-2072)" in " ".join(out.split())
    assert "2023-33: +16.4%†" in out
    assert "differs" in out


@pytest.mark.parametrize(
    ("sort", "first", "last"), [("factor", "CA", "PR"), ("name", "AL", "WY"), ("ppp", "CA", "PR")]
)
def test_states_sorting(run_json, sort: str, first: str, last: str) -> None:
    out = run_json("states", "--sort", sort)
    codes = [s["code"] for s in out["states"]]
    assert len(codes) == 52
    assert (codes[0], codes[-1]) == (first, last)


def test_states_purchasing_power_is_computed_from_the_raw_figures(run_json, data: ReferenceData) -> None:
    rows = {s["code"]: s for s in run_json("states")["states"]}
    ny = rows["NY"]
    factor = data.states["NY"].annual_mean / data.national_mean
    assert ny["factor"] == round(factor, 6)
    assert ny["purchasing_power"] == round(factor / (data.states["NY"].rpp / 100) * 100, 2)
    assert rows["PR"]["rpp"] is None
    assert rows["PR"]["purchasing_power"] is None


def test_states_table_says_puerto_rico_has_no_parity(run) -> None:
    out = run("states").stdout
    assert "none published" in out
    assert "BEA publishes no parity for Puerto Rico" in " ".join(out.split())


def test_bad_sort_exits_2(run) -> None:
    result = run("states", "--sort", "nme")
    assert result.exit_code == 2
    assert result.stderr == "hitsalary: invalid value for --sort: 'nme' (did you mean name?)\n"


def test_fresh_data_gives_no_warning(data: ReferenceData) -> None:
    assert freshness.stale_warning(data, on=date(2026, 11, 26)) is None


def test_stale_data_gives_one_warning_line(data: ReferenceData) -> None:
    warning = freshness.stale_warning(data, on=date(2027, 6, 1))
    assert warning is not None
    assert "OEWS national cross-industry estimates, May 2025" in warning
    assert "25 months old" in warning


def test_the_warning_goes_to_stderr_only(run, monkeypatch) -> None:
    monkeypatch.setattr(freshness, "today", lambda: date(2028, 1, 15))
    result = run("estimate", "--exp", "5", "--json")
    assert result.exit_code == 0
    assert result.stdout.startswith("{")
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("hitsalary: warning: the newest wage data in use")


def test_newer_user_wages_count_as_the_newest(run, monkeypatch, tmp_path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(
        "state_wages:\n  source: {publisher: X, title: OEWS May 2027, year: 2027, as_of: 2027-05}\n"
        "  states:\n    CA: {name: California, annual_mean: 150000}\n"
    )
    monkeypatch.setattr(freshness, "today", lambda: date(2028, 1, 15))
    result = run("estimate", "--exp", "5", "--json", "--data", str(path))
    assert result.stderr == ""


@pytest.mark.parametrize("command", ["sources", "outlook", "states"])
def test_commands_lead_help_with_examples_and_accept_data(run, command: str, tmp_path) -> None:
    text = run(command, "--help").stdout
    assert text.index("Examples:") < text.index("Options")
    assert "--data" in text
    result = run(command, "--data", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 1
    assert "no such data file" in result.stderr
