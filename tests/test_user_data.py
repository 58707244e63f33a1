"""A user's data file: merged over the shipped data when valid, refused with one line when not."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from . import distribution_hand as hand
from .conftest import as_row, band_by_hand, eci_multiplier

SOURCE = "  source: {publisher: Example HR, title: internal survey, year: 2026, as_of: 2026-06}\n"


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = (
    "method:\n" + SOURCE + "  band:\n    half_width: 0.5\n    rule: half a level step either side\n"
    "references:\n" + SOURCE + "  references:\n    hr_survey:\n      label: HR survey\n"
    "      publisher: Example HR\n      statistic: median base pay\n      figure: 98000\n"
    "      low: 85000\n      high: 120000\n      year: 2026\n      status: as_reported\n"
)


def test_a_valid_file_changes_the_estimate_and_says_so(run_json, tmp_path: Path, data) -> None:
    path = write(tmp_path, GOOD)
    out = run_json("estimate", "--exp", "5", "--state", "CA", "--data", str(path))
    shipped = run_json("estimate", "--exp", "5", "--state", "CA")
    soc = data.roles[data.neutral_role].soc
    row = as_row(data.by_state[(soc, "CA")])
    low, mid, high = hand.survey(row, 5, 0.5)  # half a level step either side
    assert out["survey_band"] == dict(
        zip(("low", "mid", "high"), (hand.half_up(a, 100) for a in (low, mid, high)), strict=True)
    )
    growth = eci_multiplier()  # the shown band: the same amounts aged by the ECI, rounded once
    assert out["band"] == dict(
        zip(("low", "mid", "high"), (hand.half_up(a * growth, 100) for a in (low, mid, high)), strict=True)
    )
    assert out["percentiles"]["point"] == shipped["percentiles"]["point"]
    assert out["band"]["mid"] == shipped["band"]["mid"]
    assert out["band"]["low"] > shipped["band"]["low"]
    assert out["band"]["high"] < shipped["band"]["high"]
    assert out["data"] == {**out["data"], "origin": "user file", "user_file": str(path)}
    rule = out["experience_rule"]
    assert rule["band"] == "half a level step either side"
    assert (rule["source"]["publisher"], rule["source"]["origin"]) == ("Example HR", str(path))
    survey = next(r for r in out["references"] if r["key"] == "hr_survey")
    assert survey["figure"] == 98000
    assert survey["delta_pct"] == round((out["band"]["mid"] - 98000) / 98000 * 100, 1)


def test_a_figure_from_the_users_file_is_marked_as_theirs_wherever_it_is_shown(
    run, run_json, tmp_path: Path
) -> None:
    """A trial's own reference, given `status: verified`, was shown as plain 'verified' (the
    README's word for a figure checked against the primary BLS or BEA file) on the estimate
    screen, in its JSON and in the report; only `sources` said '(yours)'."""
    path = write(tmp_path, GOOD.replace("status: as_reported", "status: verified"))
    out = run_json("estimate", "--exp", "5", "--state", "CA", "--data", str(path))
    origins = {r["key"]: r["origin"] for r in out["references"]}
    assert origins.pop("hr_survey") == str(path)
    assert set(origins.values()) == {"shipped"}
    screen = run("estimate", "--exp", "5", "--state", "CA", "--data", str(path), env={"COLUMNS": "120"})
    assert screen.stdout.count("(yours)") == 1
    assert "verified (yours)" in screen.stdout
    page = tmp_path / "r.html"
    assert run("report", "--exp", "5", "--state", "CA", "--data", str(path), "-o", str(page)).exit_code == 0
    assert page.read_text(encoding="utf-8").count("(yours)") == 1


@pytest.mark.parametrize(
    ("yaml_text", "line", "where"),
    [
        # a trial's alias for ehr, which the shipped cybersecurity role has: blamed on ehr's line
        ("roles:\n" + SOURCE + "  roles:\n    ehr:\n      aliases: [cyber]\n", 5, "roles.roles.ehr.aliases"),
        # the user's role is the second of the two: the same, on its own line
        (
            "roles:\n" + SOURCE + "  roles:\n    cybersecurity:\n      aliases: [epic]\n",
            5,
            "roles.roles.cybersecurity.aliases",
        ),
    ],
)
def test_a_spelling_two_roles_share_is_blamed_where_the_file_gives_it(
    run, tmp_path: Path, yaml_text: str, line: int, where: str
) -> None:
    path = write(tmp_path, yaml_text)
    result = run("estimate", "--exp", "5", "--data", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"hitsalary: {path}:{line}: {where}: "), result.stderr
    assert "names both" in result.stderr


def test_unchanged_figures_keep_their_shipped_source(run_json, tmp_path: Path) -> None:
    out = run_json("estimate", "--exp", "5", "--state", "TX", "--data", str(write(tmp_path, GOOD)))
    for factor in out["factors"]:
        assert factor["source"]["origin"] == "shipped", factor["name"]
    payscale = next(r for r in out["references"] if r["key"] == "payscale")
    assert payscale["figure"] == 75500


FACTORS = "factors:\n" + SOURCE + "  factors:\n    education:\n      values:\n        master:\n"


def test_a_changed_assumption_changes_the_band(run_json, tmp_path: Path, data) -> None:
    # 1.07: below the doctorate's 1.08, so a statistician (a master's typical) still gains by one
    path = write(tmp_path, FACTORS + "          multiplier: 1.07\n")
    out = run_json("estimate", "--exp", "5", "--education", "master", "--role", "ehr", "--data", str(path))
    soc = data.roles["ehr"].soc  # typical entry education: a bachelor's, the scale 1.07 is written on
    assert out["survey_band"] == vars(band_by_hand(data, 5, soc, 1.07))  # before wage growth (national)
    education = out["factors"][0]
    assert (education["value"], education["multiplier"], education["basis"]) == ("master", 1.07, "assumed")


def test_a_changed_assumption_names_the_users_file_as_its_source(run_json, tmp_path: Path) -> None:
    path = write(tmp_path, FACTORS + "          multiplier: 1.07\n")
    out = run_json("estimate", "--exp", "5", "--education", "master", "--role", "ehr", "--data", str(path))
    education = out["factors"][0]
    assert education["multiplier"] == 1.07
    assert (education["source"]["publisher"], education["source"]["origin"]) == ("Example HR", str(path))


def test_the_environment_variable_works_like_the_flag(run, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    result = run("estimate", "--exp", "5", "--state", "CA", "--json", env={"HITSALARY_DATA": str(path)})
    assert json.loads(result.stdout)["data"]["user_file"] == str(path)


def test_table_footer_names_the_user_file(run, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    out = " ".join(run("estimate", "--exp", "5", "--data", str(path)).stdout.split())
    assert f"your file {path}" in out


def test_data_check_lists_what_the_file_changes(run, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    result = run("data", "check", str(path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}: valid",
        "  changes method.band.half_width",
        "  changes method.band.rule",
        "  adds references.references.hr_survey",
    ]


BAD = {
    "no source": (
        "bea_rpp:\n  states:\n    CA: {name: C, rpp: 100}\n",
        "1: bea_rpp: missing key 'source'",
    ),
    "no year": (
        "bea_rpp:\n  source: {publisher: X, title: Y}\n  states:\n    CA: {name: C, rpp: 100}\n",
        "2: bea_rpp.source: missing key 'year'",
    ),
    "unknown key": (
        "bea_rpp:\n" + SOURCE + "  states:\n    CA:\n      name: C\n      rppp: 100\n",
        "6: bea_rpp.states.CA.rppp: unknown key 'rppp' (did you mean 'rpp'?)",
    ),
    "wrong type": (
        "bea_rpp:\n" + SOURCE + "  states:\n    CA:\n      name: C\n      rpp: lots\n",
        "6: bea_rpp.states.CA.rpp: expected price parity, got text 'lots'",
    ),
    "negative wage": (
        "levels:\n" + SOURCE + "  levels:\n    entry:\n      low: -5\n",
        "5: levels.levels.entry.low: negative wage (whole dollars): -5",
    ),
    "low above high": (
        "references:\n" + SOURCE + "  references:\n    mine:\n      label: M\n      publisher: X\n"
        "      statistic: median\n      figure: 100\n      low: 200\n      high: 100\n"
        "      year: 2026\n      status: as_reported\n",
        "9: references.references.mine.low: low 200 is above high 100",
    ),
    "figure without a year": (
        "references:\n" + SOURCE + "  references:\n    mine:\n      label: M\n      publisher: X\n"
        "      statistic: median\n      figure: 100\n      status: as_reported\n",
        "4: references.references.mine.year: missing key 'year' "
        "(a reference needs a figure and a year, or 'from')",
    ),
    "unknown section": (
        "referencez: {}\n",
        "1: referencez: unknown key 'referencez' (did you mean 'references'?)",
    ),
    "a section that no longer exists": (  # the OEWS tables ship as CSV and cannot be overridden
        "state_wages:\n" + SOURCE + "  states:\n    CA: {name: California, annual_mean: 150000}\n",
        "1: state_wages: unknown key 'state_wages'",
    ),
    "factor multiplier of the wrong type": (
        FACTORS + "          multiplier: big\n",
        "7: factors.factors.education.values.master.multiplier: expected multiplier, got text 'big'",
    ),
    "an assumption beyond its BLS bound": (
        FACTORS + "          multiplier: 1.5\n",
        "7: factors.factors.education.values.master.multiplier: 1.5 goes beyond the all-occupation gap "
        "it is bounded by (1.192: Master's degree / Bachelor's degree)",
    ),
    "a role whose occupation is not in the tables": (
        "roles:\n" + SOURCE + "  roles:\n    fhir:\n      label: FHIR\n      soc: 15-9999\n"
        "      why: a test\n",
        "6: roles.roles.fhir.soc: 15-9999 has no full national wage distribution in the OEWS table",
    ),
    "an experience rule that falls": (
        "method:\n" + SOURCE + "  experience:\n    anchors:\n      - {years: 0, level: I, label: a}\n"
        "      - {years: 0, level: II, label: b}\n",
        "method.experience.anchors: anchor at 0 years must come later than the one at "
        "0 years: the rule must rise",
    ),
    "a plausible salary range upside down": (
        "method:\n" + SOURCE + "  plausible_salary:\n    low: 300000\n    high: 200000\n",
        "4: method.plausible_salary.low: low 300000 must be below high 200000",
    ),
    "a plausible salary that is not an amount": (
        "method:\n" + SOURCE + "  plausible_salary:\n    high: 2m\n",
        "4: method.plausible_salary.high: expected wage (whole dollars), got text '2m'",
    ),
    "a plausible salary's unknown key": (
        "method:\n" + SOURCE + "  plausible_salary:\n    lowest: 5000\n",
        "4: method.plausible_salary.lowest: unknown key 'lowest' (did you mean 'low'?)",
    ),
    "new state without its name": (
        "bea_rpp:\n" + SOURCE + "  states:\n    GU:\n      rpp: 100\n",
        "4: bea_rpp.states.GU: missing key 'name'",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
@pytest.mark.parametrize("command", [["data", "check"], ["estimate", "--exp", "5", "--data"]])
def test_each_validation_rule_names_file_line_and_key(
    run, tmp_path: Path, case: str, command: list[str]
) -> None:
    text, expected = BAD[case]
    path = write(tmp_path, text)
    result = run(*command, str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"hitsalary: {path}:")
    assert result.stderr.endswith(f"{expected}\n")
    assert len(result.stderr.splitlines()) == 1
    assert re.fullmatch(rf"hitsalary: {re.escape(str(path))}:\d+: .*\n", result.stderr)
    if re.match(r"\d+: ", expected):
        assert result.stderr == f"hitsalary: {path}:{expected}\n"


def test_an_unsafe_tag_is_refused_and_never_run(run, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write(
        tmp_path,
        f"bea_rpp:\n  states:\n    CA:\n      name: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    assert not marker.exists()
    assert result.stderr.startswith(f"hitsalary: {path}:4: bea_rpp.states.CA.name: could not determine")
    assert "refused, never run" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "absent.yaml", "no such data file"),
        (lambda p: p, "is a folder, not a data file"),
        (lambda p: (p / "bin.yaml", (p / "bin.yaml").write_bytes(b"\xff\xfe\x00"))[0], "not UTF-8 text"),
        (lambda p: (p / "bad.yaml", (p / "bad.yaml").write_text("a: [1,\n"))[0], "did not find expected"),
        (
            lambda p: (p / "list.yaml", (p / "list.yaml").write_text("- 1\n"))[0],
            "expected a mapping of sections",
        ),
    ],
)
def test_unreadable_files_are_one_clear_line(run, tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    result = run("estimate", "--exp", "5", "--data", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr
    assert str(path) in result.stderr


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "levels",
            "high: 70000",
            "high: '70k'",
            "levels.entry.high: expected wage (whole dollars), got text '70k'",
        ),
        (
            "method",
            "{years: 10, level: III,",
            "{years: 4, level: III,",
            ": experience.anchors: anchor at 4 years must come later than the one at 5 years",
        ),
        (
            "factors",
            "multiplier: 1.06",
            "multiplier: 1.25",
            "factors.education.values.master.multiplier: 1.25 goes beyond the all-occupation gap",
        ),
        ("factors", "naics: ['622000']", "naics: ['622999']", "NAICS 622999 is not in the OEWS table"),
        ("roles", "soc: 15-1212", "soc: 15-9999", "roles.cybersecurity.soc: 15-9999 has no full national"),
        (
            "roles",
            "neutral: general",
            "neutral: generalist",
            ": neutral: 'generalist' is not one of the roles",
        ),
        (
            "claims",
            "status: verified",
            "status: differs",
            "claims.computer_information_systems_managers.status",
        ),
        ("references", "key: 11-3021/62/2024", "key: 11-3021/62/2019", "no median for 11-3021/62/2019"),
    ],
)
def test_a_broken_shipped_file_names_file_key_and_line(run, monkeypatch, name, old, new, expected) -> None:
    from hitsalary.loading import datafiles, reference

    original = datafiles.read_shipped

    def broken(wanted: str) -> datafiles.Document:
        doc = original(wanted)
        if wanted == name:
            text = (datafiles.resources.files("hitsalary") / "data" / f"{name}.yaml").read_text()
            assert old in text
            doc = datafiles.parse(text.replace(old, new, 1), doc.name)
        return doc

    monkeypatch.setattr(datafiles, "read_shipped", broken)
    monkeypatch.setenv("HITSALARY_NO_CACHE", "1")
    reference.load.cache_clear()
    try:
        result = run("estimate", "--exp", "1")
    finally:
        reference.load.cache_clear()
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert re.match(rf"hitsalary: \S+{name}\.yaml:\d+: ", result.stderr)
    assert expected in result.stderr


def test_aliases_in_a_users_file_add_to_the_shipped_ones(run_json, tmp_path: Path) -> None:
    path = tmp_path / "titles.yaml"
    path.write_text(
        "roles:\n  source: {publisher: Example HR, title: our job titles, year: 2026}\n  roles:\n"
        "    ehr:\n      label: EHR / clinical systems analyst\n      soc: 15-1211\n"
        "      why: our Epic analysts are systems analysts\n      aliases: [beaker-analyst]\n"
    )
    for title in ("beaker analyst", "epic analyst", "cerner"):  # the new title and shipped ones
        out = run_json("estimate", "--exp", "5", "--role", title, "--data", str(path))
        assert out["role"]["key"] == "ehr"


PLAUSIBLE = "method:\n" + SOURCE + "  plausible_salary:\n    low: 5000\n    high: 60000\n"


def test_sources_shows_a_users_method_value_as_theirs(run, run_json, tmp_path: Path, data) -> None:
    path = write(tmp_path, PLAUSIBLE)
    method = {v["key"]: v for v in run_json("sources", "--data", str(path))["method"]}
    plausible = method["plausible_salary"]
    assert plausible["value"] == "$5,000 to $60,000"
    assert plausible["figures"] == {"low": 5000, "high": 60000}
    assert plausible["source"]["publisher"] == "Example HR"  # the file's source, not the shipped one
    assert plausible["source"]["origin"] == str(path)
    rounding = method["rounding"]  # what the file leaves alone keeps the shipped source
    assert rounding["source"]["origin"] == "shipped"
    assert rounding["source"]["publisher"] == data.method.stated["rounding"].source.publisher
    assert method["interpolation"]["source"]["origin"] == "shipped"  # the file does not touch it
    table = " ".join(run("sources", "--data", str(path), env={"COLUMNS": "300"}).stdout.split())
    assert "$5,000 to $60,000" in table
    assert "Example HR, internal survey, 2026 (yours)" in table


@pytest.mark.parametrize(
    "given",
    [
        "  interpolation: straight lines between points\n",
        "  interpolation:\n    rule: straight lines between points\n",
    ],
)
def test_a_users_interpolation_rule_is_theirs_as_a_line_or_a_block(
    run_json, tmp_path: Path, given: str
) -> None:
    path = write(tmp_path, "method:\n" + SOURCE + given)
    method = {v["key"]: v for v in run_json("sources", "--data", str(path))["method"]}
    rule = method["interpolation"]
    assert rule["rule"] == "straight lines between points"
    assert (rule["source"]["publisher"], rule["source"]["origin"]) == ("Example HR", str(path))
    assert method["rounding"]["source"]["origin"] == "shipped"
    estimate = run_json("estimate", "--exp", "5", "--data", str(path))
    assert estimate["experience_rule"]["interpolation"] == "straight lines between points"


def test_a_users_file_sets_the_plausible_salary_range(run, tmp_path: Path, data) -> None:
    path = write(tmp_path, PLAUSIBLE)
    shipped_low, shipped_high = data.method.plausible
    assert shipped_low > 8000  # so 8000 warns with the shipped data, and not with this file
    assert shipped_high > 90000  # and 90000 warns only with this file
    quiet = run("estimate", "--exp", "5", "--offer", "8000", "--data", str(path), "--json")
    assert quiet.exit_code == 0, quiet.stderr
    assert quiet.stderr == ""
    shipped = run("estimate", "--exp", "5", "--offer", "8000", "--json")
    assert f"(${shipped_low:,} to ${shipped_high:,})" in shipped.stderr
    assert run("estimate", "--exp", "5", "--offer", "90000").stderr == ""
    loud = run("estimate", "--exp", "5", "--offer", "90000", "--data", str(path), "--json")
    [line] = loud.stderr.splitlines()
    assert line.startswith("hitsalary: warning: --offer '90000' is read as $90,000 a year, above")
    assert "($5,000 to $60,000)" in line
    roster = run("batch", "-", "--data", str(path), input="exp,offer\n5,8000\n5,90000\n")
    assert roster.exit_code == 0, roster.stderr
    [warning] = [w for w in roster.stderr.splitlines() if "warning" in w]
    assert "1 offer or salary amount is outside any plausible annual salary ($5,000 to $60,000)" in warning


ITEMS_ONLY = (
    "references:\n" + SOURCE + "  references:\n    hr_survey:\n      label: HR survey\n"
    "      publisher: Example HR\n      statistic: median base pay\n      figure: 98000\n"
    "      low: 85000\n      high: 120000\n      year: 2026\n      status: as_reported\n"
    "roles:\n" + SOURCE + "  roles:\n    ehr:\n      label: EHR / clinical systems analyst\n"
    "      soc: 15-1211\n      why: our Epic analysts are systems analysts\n"
    "      aliases: [beaker-analyst]\n"
)


def test_a_data_set_the_file_changes_in_part_names_the_file_and_its_source(run_json, tmp_path: Path) -> None:
    path = write(tmp_path, ITEMS_ONLY)
    shipped = run_json("estimate", "--exp", "5", "--state", "CA")["data"]["datasets"]
    datasets = run_json("estimate", "--exp", "5", "--state", "CA", "--data", str(path))["data"]["datasets"]
    for name in ("roles", "references"):  # only items of each change: the rest is shipped
        entry, before = datasets[name], shipped[name]
        assert entry["origin"] == str(path), name
        assert (entry["publisher"], entry["title"], entry["year"], entry["as_of"]) == (
            "Example HR",
            "internal survey",
            2026,
            "2026-06",
        )
        shipped_names = f"({before['publisher']}, {before['title']}, {before['year']})"
        assert f"merged key by key over the shipped data {shipped_names}" in entry["note"]
    assert {k: v for k, v in datasets.items() if k not in ("roles", "references")} == {
        k: v for k, v in shipped.items() if k not in ("roles", "references")
    }


def test_a_value_on_the_wrong_side_of_a_roles_typical_education_says_so_in_figures(run, tmp_path) -> None:
    """Master's at 1.10 leaves the shipped doctorate (1.08) below it, which 15-2041's typical
    master re-bases to 0.982; the message said '0.982 goes beyond the gap (1.238)', which a trial
    read as nonsense. It now gives both multipliers, the side of 1 and the way out."""
    path = tmp_path / "f3.yaml"
    path.write_text(
        "factors:\n  source: {publisher: Our HR, title: Y, year: 2026}\n  factors:\n    education:\n"
        "      values:\n        master:\n          multiplier: 1.10\n",
        encoding="utf-8",
    )
    result = run("data", "check", str(path))
    assert result.exit_code != 0
    assert (
        "f3.yaml:7: factors.factors.education.values.master.multiplier: doctorate (1.08) over "
        "15-2041's typical master (1.1) is 0.982, below 1, where Education pays puts Doctoral degree "
        "above Master's degree (1.238): change one so that doctorate pays no less than master"
    ) in result.stderr
    path.write_text(path.read_text() + "        doctorate:\n          multiplier: 1.12\n", encoding="utf-8")
    assert run("data", "check", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("master", "0.99 is below 1, where the all-occupation gap it is bounded by is 1.192"),
        ("high-school", "1.05 is above 1, where the all-occupation gap it is bounded by is 0.603"),
    ],
)
def test_an_assumed_multiplier_on_the_wrong_side_of_1_says_so(run, tmp_path, value: str, said: str) -> None:
    """Master's at 0.99 was said to 'go beyond the gap it is bounded by (1.192)' (a trial)."""
    multiplier = "0.99" if value == "master" else "1.05"
    path = tmp_path / "f.yaml"
    path.write_text(
        "factors:\n  source: {publisher: Our HR, title: Y, year: 2026}\n  factors:\n    education:\n"
        f"      values:\n        {value}:\n          multiplier: {multiplier}\n",
        encoding="utf-8",
    )
    result = run("data", "check", str(path))
    assert result.exit_code != 0
    assert said in result.stderr
    assert "goes beyond" not in result.stderr
