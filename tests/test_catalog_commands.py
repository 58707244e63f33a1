"""`sources`, `outlook`, `states`, and the freshness warning."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from hitsalary.core.models import ReferenceData
from hitsalary.loading import freshness

from .conftest import median_ratio

FIGURE_KEYS = {
    "group",
    "publisher",
    "measure",
    "figure",
    "low",
    "high",
    "year",
    "release",
    "url",
    "status",
    "origin",
    "note",
}


def test_sources_lists_every_status(run_json, data: ReferenceData) -> None:
    out = run_json("sources")
    assert set(out) == {"schema_version", "role", "factors", "method", "figures", "data"}
    assert out["role"] is None
    statuses = {f["status"] for f in out["figures"]}
    assert statuses == {"verified", "as_reported", "differs"}
    by_publisher = {f["publisher"]: f for f in out["figures"]}
    for name in ("Payscale", "Salary.com", "Glassdoor"):
        assert by_publisher[name]["status"] == "as_reported"
    differs = [f for f in out["figures"] if f["status"] == "differs"]
    assert len(differs) == 1
    assert differs[0]["figure"] == data.industry["11-3021/62/2023"].median
    assert differs[0]["article"]["figure"] == data.industry["11-3021/55/2023"].median
    assert "NAICS 55" in differs[0]["article"]["reason"]
    socs = {r.soc for r in data.roles.values()}
    context = 3  # the ECI wage growth, the BEA parities by state and by area
    assert (
        len(out["figures"])
        == len(data.levels)
        + len(data.references)
        + len(socs)
        + len(data.industry)
        + len(data.education_pays)
        + len(data.himss)
        + context
    )
    for figure in out["figures"]:
        assert FIGURE_KEYS <= set(figure) <= FIGURE_KEYS | {"article"}
        assert 2018 <= figure["year"] <= 2026
        assert figure["year"] >= 2023 or figure["publisher"] == "HIMSS"  # the 2018 survey: a cross-check
        assert figure["publisher"]
        assert figure["release"]
    for soc in socs:
        national = next(f for f in out["figures"] if f"({soc})" in f["measure"] and "national" in f["group"])
        assert national["figure"] == data.national[soc].median


def test_sources_says_how_each_factor_is_obtained(run_json) -> None:
    factors = run_json("sources")["factors"]
    assert [(f["name"], f["basis"]) for f in factors] == [
        ("experience", "assumed"),
        ("education", "assumed"),
        ("employer", "measured"),
        ("state", "measured"),
        ("wage_growth", "measured"),
        ("purchasing_power", "measured"),
    ]
    for factor in factors:
        assert set(factor) == {"name", "label", "method", "basis", "how", "source"}
        assert {"publisher", "title", "year"} <= set(factor["source"])
    assert factors[0]["source"]["year"] == 2009  # the Department of Labor's wage-level guidance


def test_sources_lists_the_wage_growth_and_the_price_parities(run, run_json, data: ReferenceData) -> None:
    """The ECI multiplier and the BEA parities an estimate uses, with their source, release and year."""
    eci, state_rpp, area_rpp = data.eci, data.sources["bea_rpp"], data.sources["bea_rpp_areas"]
    assert eci is not None
    used = run_json("estimate", "--exp", "5")["wage_growth"]  # what an estimate multiplies by
    latest, index, surveyed = used["month"], used["index"], used["survey_month"]
    out = run_json("sources")
    growth = next(f for f in out["figures"] if f["group"].startswith("wage growth"))
    assert eci.series_id in growth["measure"]
    assert f"{latest} {index:g} / {surveyed}" in growth["measure"]
    assert growth["measure"].endswith(f"= x{used['multiplier']:.4f}")
    assert (growth["year"], growth["url"]) == (eci.source.year, eci.source.url)
    assert str(eci.source.released) in growth["release"]
    parities = [f for f in out["figures"] if f["group"].startswith("price parities")]
    assert [(f["release"].split(",")[0], f["year"]) for f in parities] == [
        (s.title.split(",")[0], s.year) for s in (state_rpp, area_rpp)
    ]
    assert f"{len(data.area_rpp.metros)} metro areas" in parities[1]["measure"]
    assert "hitsalary states" in parities[0]["measure"]
    factors = {f["name"]: f for f in out["factors"]}
    assert factors["wage_growth"]["source"]["title"] == eci.source.title
    assert factors["purchasing_power"]["source"]["title"] == state_rpp.title
    screen = " ".join(run("sources", env={"COLUMNS": "300"}).stdout.split())
    assert f"{eci.series_id} (" in screen
    assert f"x{used['multiplier']:.4f}" in screen
    assert f"{area_rpp.title}: " in screen
    assert "Wage growth measured" in screen


def test_sources_lists_the_methods_own_values_from_the_data(run_json, data: ReferenceData) -> None:
    m = data.method
    method = {v["key"]: v for v in run_json("sources")["method"]}
    assert (
        set(method)
        == set(m.stated)
        >= {
            "rounding",
            "hours_per_year",
            "plausible_salary",
            "precision",
            "experience",
            "band",
            "wage_levels",
            "interpolation",
        }
    )
    for key, value in method.items():
        assert set(value) == {"key", "name", "value", "figures", "rule", "basis", "source"}
        assert value["basis"] == m.stated[key].basis
        assert value["source"]["publisher"] == m.stated[key].source.publisher
        assert value["source"]["title"] == m.stated[key].source.title
        assert value["source"]["year"] == m.stated[key].source.year
        assert value["source"]["origin"] == "shipped"
    assert method["rounding"]["figures"] == {"unit": m.rounding_unit}
    assert method["rounding"]["value"].startswith(f"${m.rounding_unit:,}, half up")
    assert method["hours_per_year"]["figures"] == {"value": m.hours_per_year}
    assert method["hours_per_year"]["value"] == f"{m.hours_per_year:,g} hours"
    assert method["hours_per_year"]["source"] == {
        **{k: v for k, v in vars(m.hours_source).items() if v is not None},
    }
    assert method["plausible_salary"]["value"] == f"${m.plausible[0]:,} to ${m.plausible[1]:,}"
    assert method["precision"]["figures"] == {
        "max_wage_rse": m.max_wage_rse,
        "min_employment": m.min_employment,
    }
    assert method["experience"]["figures"] == {"max_quarter_growth": m.max_quarter_growth}
    assert method["band"]["figures"] == {"half_width": m.half_width}
    assert method["wage_levels"]["rule"] == m.levels_rule
    assert method["interpolation"]["rule"] == m.interpolation
    # the shipped file says which are hitsalary's assumptions and which a publication's
    assert method["hours_per_year"]["basis"] == "published"
    assert method["plausible_salary"]["basis"] == "assumed"
    assert method["plausible_salary"]["source"]["publisher"] == "hitsalary"


def test_sources_table_shows_the_method_values(run, data: ReferenceData) -> None:
    m = data.method
    out = " ".join(run("sources", env={"COLUMNS": "300"}).stdout.split())  # a row on one line
    assert "hitsalary's own method values, and where each comes from" in out
    for needle in (
        f"${m.rounding_unit:,}, half up",
        f"{m.hours_per_year:,g} hours",
        f"${m.plausible[0]:,} to ${m.plausible[1]:,}",
        f"{m.hours_source.publisher}, {m.hours_source.title}, {m.hours_source.year}",
        m.stated["plausible_salary"].source.title,
    ):
        assert needle in out, needle
    assert "(yours)" not in out


def test_sources_for_a_role_adds_its_state_and_industry_figures(run_json, data: ReferenceData) -> None:
    plain = run_json("sources")["figures"]
    out = run_json("sources", "--role", "epic analyst")
    assert out["role"]["key"] == "ehr"
    soc = data.roles["ehr"].soc
    states = [w for (s, _), w in data.by_state.items() if s == soc]
    industries = [w for (s, _), w in data.by_industry.items() if s == soc]
    assert len(out["figures"]) == len(plain) + len(states) + len(industries)
    by_state = [f for f in out["figures"] if f["group"] == f"BLS {soc} by state"]
    assert [f["figure"] for f in by_state] == [w.median for w in states]
    assert all(f["status"] == "verified" for f in by_state)


def test_sources_table_shows_statuses_and_the_article_note(run, data: ReferenceData) -> None:
    out = " ".join(run("sources").stdout.split())
    for needle in (
        "as reported",
        "verified",
        "differs",
        f"${data.industry['11-3021/55/2023'].median:,} in the article (2023)",
        "NAICS 55",
        str(data.sources["oews_2025"].url),
        "hitsalary sources --role ROLE",
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


STATE_KEYS = {
    "code",
    "name",
    "employment",
    "median",
    "factor",
    "basis",
    "statistic",
    "reason",
    "series",
    "rpp",
    "purchasing_power",
    "imprecise",
}


@pytest.mark.parametrize("role", [None, "cybersecurity"])
@pytest.mark.parametrize("sort", ["factor", "name", "ppp"])
def test_states_sorting(run_json, data: ReferenceData, sort: str, role: str | None) -> None:
    out = run_json("states", "--sort", sort, *(["--role", role] if role else []))
    assert out["role"]["key"] == (role or data.neutral_role)
    rows = out["states"]
    assert len(rows) == 52
    if sort == "name":
        assert [r["name"] for r in rows] == sorted(r["name"] for r in rows)
        assert (rows[0]["code"], rows[-1]["code"]) == ("AL", "WY")
    else:
        key = "factor" if sort == "factor" else "purchasing_power"
        values = [r[key] for r in rows if r[key] is not None]
        assert values == sorted(values, reverse=True)
    if sort == "ppp":
        assert rows[-1]["code"] == "PR"  # no parity: last


def test_states_factors_and_purchasing_power_are_computed_from_the_raw_figures(
    run_json, data: ReferenceData
) -> None:
    out = run_json("states", "--role", "cybersecurity")
    soc = data.roles["cybersecurity"].soc
    national = data.national[soc]
    assert (out["soc"], out["national_median"]) == (soc, national.median)
    rows = {s["code"]: s for s in out["states"]}
    for code, row in rows.items():
        assert set(row) == STATE_KEYS
        published = data.by_state.get((soc, code))
        assert row["employment"] == (published.employment if published is not None else None)
        if published is not None and published.median is not None:
            factor = median_ratio(published, national)
            assert (row["basis"], row["median"], row["reason"]) == ("measured", published.median, None)
        else:  # the ratio for all computer and mathematical occupations stands in
            factor = median_ratio(data.by_state[("15-0000", code)], data.national["15-0000"])
            assert row["basis"] == "fallback"
            assert f"BLS does not publish the {soc} median" in row["reason"]
        assert row["factor"] == round(factor, 6), code
        rpp = data.states[code].rpp
        if rpp is None:
            assert row["purchasing_power"] is None
        else:
            assert row["purchasing_power"] == round(factor / (rpp / data.national_rpp) * 100, 2)
    assert "fallback" in {r["basis"] for r in rows.values()}  # the case above is exercised
    assert rows["PR"]["rpp"] is None
    assert rows["PR"]["purchasing_power"] is None


def test_roles_lists_every_role_with_its_occupation(run, run_json, data: ReferenceData) -> None:
    out = run_json("roles")
    assert set(out) == {"schema_version", "neutral", "roles", "data"}
    assert out["neutral"] == data.neutral_role
    assert [r["key"] for r in out["roles"]] == list(data.roles)
    for row in out["roles"]:
        assert set(row) == {
            "key",
            "label",
            "soc",
            "title",
            "why",
            "national_median",
            "employment",
            "aliases",
            "series",
            "typical_entry_education",
        }
        national = data.national[row["soc"]]
        assert (row["title"], row["national_median"]) == (data.titles[row["soc"]], national.median)
        assert row["series"] == national.series_id.removesuffix("XX") + "13"  # the median's, a real ID
    table = " ".join(run("roles").stdout.split())
    for role in data.roles.values():
        assert role.key in table
    assert "epic analyst" in table


def test_states_table_says_puerto_rico_has_no_parity(run) -> None:
    out = run("states").stdout
    [pr_row] = [line for line in out.splitlines() if "(PR)" in line]
    assert pr_row.split()[-2:] == ["none", "n/a"]  # no parity, so no purchasing power
    assert "BEA publishes no parity for Puerto Rico" in " ".join(out.split())


def test_bad_sort_exits_2(run) -> None:
    result = run("states", "--sort", "nme")
    assert result.exit_code == 2
    assert result.stderr == "hitsalary: invalid value for --sort: 'nme' (did you mean name?)\n"


@pytest.mark.parametrize("command", ["states", "sources"])
def test_bad_role_exits_2(run, command: str) -> None:
    result = run(command, "--role", "cybersecurty")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr == "hitsalary: invalid value for --role: 'cybersecurty' (did you mean cybersecurity?)\n"
    )


def test_fresh_data_gives_no_warning(data: ReferenceData) -> None:
    assert freshness.stale_warning(data, on=date(2026, 11, 26)) is None


def test_stale_data_gives_one_warning_line(data: ReferenceData) -> None:
    warning = freshness.stale_warning(data, on=date(2027, 6, 1))
    assert warning is not None
    assert f"({data.sources['oews_2025'].title}, 2025-05)" in warning
    assert "25 months old" in warning


def test_the_warning_goes_to_stderr_only(run, monkeypatch) -> None:
    monkeypatch.setattr(freshness, "today", lambda: date(2028, 6, 15))  # 27 months after the ECI's 2026-03
    result = run("estimate", "--exp", "5", "--json")
    assert result.exit_code == 0
    assert result.stdout.startswith("{")
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("hitsalary: warning: the newest wage data in use")


def test_newer_user_wages_count_as_the_newest(run, monkeypatch, tmp_path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(
        "oews_industry:\n  source: {publisher: X, title: OEWS May 2027, year: 2027, as_of: 2027-05}\n"
        "  estimates:\n    15-1211/62/2027:\n      {soc: 15-1211, title: Computer Systems Analysts,"
        " naics: '62', industry: Health care, year: 2027, median: 120000}\n"
    )
    monkeypatch.setattr(freshness, "today", lambda: date(2028, 1, 15))
    shipped_only = run("estimate", "--exp", "5", "--json", "--survey-dollars")
    assert "warning: the newest wage data" in shipped_only.stderr  # without the file, stale
    result = run("estimate", "--exp", "5", "--json", "--survey-dollars", "--data", str(path))
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize("command", ["sources", "outlook", "states", "roles"])
def test_commands_lead_help_with_examples_and_accept_data(run, command: str, tmp_path) -> None:
    text = run(command, "--help").stdout
    assert text.index("Examples:") < text.index("Options")
    assert "--data" in text
    result = run(command, "--data", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 1
    assert "no such data file" in result.stderr


def test_one_fallback_area_is_said_in_the_singular(run) -> None:
    shown = " ".join(run("areas", "--state", "DE").stdout.split())
    assert "1 of 3 areas falls back" in shown  # the default role in Delaware's three areas


def test_areas_mark_the_areas_the_precision_rule_calls_imprecise(run, run_json, data: ReferenceData) -> None:
    m = data.method  # the limits as the method data gives them, not as the code might
    out = run_json("areas", "--role", "ehr", "--state", "CA")
    rows = {a["name"]: a for a in out["areas"]}
    for name, jobs in (("El Centro, CA", 30), ("Hanford-Corcoran, CA", 50), ("Napa, CA", 80)):
        assert (rows[name]["employment"], rows[name]["basis"], rows[name]["imprecise"]) == (
            jobs,
            "measured",
            True,
        )
    assert rows["San Jose-Sunnyvale-Santa Clara, CA"]["imprecise"] is False  # 7,260 jobs, RSE 1.3%
    for area in out["areas"]:  # the rule, by hand, on each area's own published figures
        wages = data.area_tables.role_everywhere("15-1211")[area["code"]]
        fails = (
            (wages.wage_rse or 0) > m.max_wage_rse
            or wages.employment is None  # not released: the minimum cannot be checked
            or wages.employment < m.min_employment
        )
        assert area["imprecise"] is (fails and area["basis"] != "fallback"), area["name"]
    lines = run("areas", "--role", "ehr", "--state", "CA", env={"COLUMNS": "120"}).stdout.splitlines()
    marked = {line.split("  ")[1].strip() for line in lines if " † " in line}
    assert {"El Centro, CA †", "Hanford-Corcoran, CA †", "Napa, CA †"} <= marked
    assert not any("San Jose" in line and "†" in line for line in lines)
    count = sum(a["imprecise"] for a in out["areas"])
    shown = " ".join(" ".join(lines).split())
    assert (
        f"† imprecise ({count} of {len(out['areas'])}): the area's figures fail the precision rule, wage RSE "
        f"above {m.max_wage_rse:g}% or employment under {m.min_employment:,} jobs or not released "
        "(method.yaml precision)."
    ) in shown


def test_areas_with_no_imprecise_area_have_no_precision_footnote(run, run_json) -> None:
    out = run_json("areas", "--role", "software", "--state", "DE")
    assert not any(a["imprecise"] for a in out["areas"])
    assert "†" not in run("areas", "--role", "software", "--state", "DE").stdout


def test_states_mark_the_states_the_precision_rule_calls_imprecise(
    run, run_json, data: ReferenceData
) -> None:
    # a trial saw `areas` mark its imprecise rows while `states` said nothing of Wyoming's
    m = data.method  # the limits as the method data gives them, not as the code might
    out = run_json("states", "--role", "ehr")
    rows = {s["code"]: s for s in out["states"]}
    assert (rows["WY"]["employment"], rows["WY"]["basis"], rows["WY"]["imprecise"]) == (310, "measured", True)
    assert rows["CA"]["imprecise"] is False
    for state in out["states"]:  # the rule, by hand, on each state's own published figures
        wages = data.by_state.get(("15-1211", state["code"]))
        fails = wages is not None and (
            (wages.wage_rse or 0) > m.max_wage_rse
            or wages.employment is None  # not released: the minimum cannot be checked
            or wages.employment < m.min_employment
        )
        assert state["imprecise"] is (fails and state["basis"] != "fallback"), state["code"]
    lines = run("states", "--role", "ehr", env={"COLUMNS": "120"}).stdout.splitlines()
    marked = {line.split("  ")[1].strip() for line in lines if " † " in line}
    assert marked == {f"{s['name']} ({s['code']}) †" for s in out["states"] if s["imprecise"]}
    count = sum(s["imprecise"] for s in out["states"])
    shown = " ".join(" ".join(lines).split())
    assert (
        f"† imprecise ({count} of {len(out['states'])}): the state's figures fail the precision rule, "
        f"wage RSE above {m.max_wage_rse:g}% or employment under {m.min_employment:,} jobs or not released "
        "(method.yaml precision)."
    ) in shown


def test_states_with_no_imprecise_state_have_no_precision_footnote(run, run_json) -> None:
    out = run_json("states", "--role", "project-management")
    assert not any(s["imprecise"] for s in out["states"])
    assert "†" not in run("states", "--role", "project-management").stdout


@pytest.mark.parametrize(
    "args",
    [
        ("estimate", "--exp", "5", "--role", "ehr", "--metro", "41940"),
        ("estimate", "--exp", "5", "--state", "CA", "--json"),
        ("levels", "--role", "ehr", "--state", "TX", "--json"),
        ("sources",),
        ("sources", "--json"),
        ("roles", "--json"),
    ],
)
def test_every_series_id_shown_can_be_looked_up(run, args: tuple[str, ...]) -> None:
    """The data files write an occupation's OE series IDs with the data type as XX, which
    data.bls.gov cannot look up (a trial pasted one): what is shown is the median's real ID."""
    out = run(*args, env={"COLUMNS": "300"}).stdout
    assert re.search(r"OEU[NMS]\w*XX", out) is None
    assert re.search(r"OEU[NMS][0-9A-Z]{19}13\b", out)


@pytest.mark.parametrize("args", [("states", "--role", "ehr"), ("areas", "--role", "ehr", "--state", "CA")])
def test_a_factor_column_says_the_estimate_does_not_multiply_by_it(run, args: tuple[str, ...]) -> None:
    """San Jose's factor is 1.485 here and its estimate's Location row reads 1.000 (the band is
    read from San Jose's own distribution): a trial read the two as contradicting each other."""
    flat = " ".join(run(*args, env={"COLUMNS": "300"}).stdout.split())
    assert "An estimate does not multiply its band by it" in flat
    assert "so its Location row reads 1.000" in flat
    out = json.loads(run("estimate", "--exp", "5", "--role", "ehr", "--metro", "41940", "--json").stdout)
    assert {f["name"]: f["multiplier"] for f in out["factors"]}["state"] == 1.0  # the location's
