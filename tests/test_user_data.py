"""A user's data file: merged over the shipped data when valid, refused with one line when not."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

SOURCE = "  source: {publisher: Example HR, title: internal survey, year: 2026, as_of: 2026-06}\n"


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = (
    "state_wages:\n" + SOURCE + "  states:\n    CA:\n      name: California\n      annual_mean: 150000\n"
    "references:\n" + SOURCE + "  references:\n    hr_survey:\n      label: HR survey\n"
    "      publisher: Example HR\n      statistic: median base pay\n      figure: 98000\n"
    "      low: 85000\n      high: 120000\n      year: 2026\n      status: as_reported\n"
)


def test_a_valid_file_changes_the_estimate_and_says_so(run_json, tmp_path: Path, data) -> None:
    path = write(tmp_path, GOOD)
    out = run_json("estimate", "--exp", "5", "--state", "CA", "--data", str(path))
    factor = 150000 / data.national_mean
    assert out["band"]["low"] == round(75000 * factor)
    assert out["data"] == {**out["data"], "origin": "user file", "user_file": str(path)}
    state = next(f for f in out["factors"] if f["name"] == "state")
    assert state["source"]["publisher"] == "Example HR"
    assert state["source"]["origin"] == str(path)
    survey = next(r for r in out["references"] if r["key"] == "hr_survey")
    assert survey["figure"] == 98000
    assert survey["delta_pct"] == round((out["band"]["mid"] - 98000) / 98000 * 100, 1)


def test_unchanged_figures_keep_their_shipped_source(run_json, tmp_path: Path) -> None:
    out = run_json("estimate", "--exp", "5", "--state", "TX", "--data", str(write(tmp_path, GOOD)))
    state = next(f for f in out["factors"] if f["name"] == "state")
    assert state["source"]["origin"] == "shipped"


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
        "  changes state_wages.states.CA",
        "  adds references.references.hr_survey",
    ]


BAD = {
    "no source": (
        "state_wages:\n  states:\n    CA: {name: C, annual_mean: 1}\n",
        "1: state_wages: missing key 'source'",
    ),
    "no year": (
        "state_wages:\n  source: {publisher: X, title: Y}\n  states:\n    CA: {name: C, annual_mean: 1}\n",
        "2: state_wages.source: missing key 'year'",
    ),
    "unknown key": (
        "state_wages:\n" + SOURCE + "  states:\n    CA:\n      name: C\n      annual_meen: 1\n",
        "6: state_wages.states.CA.annual_meen: unknown key 'annual_meen' (did you mean 'annual_mean'?)",
    ),
    "wrong type": (
        "state_wages:\n" + SOURCE + "  states:\n    CA:\n      name: C\n      annual_mean: lots\n",
        "6: state_wages.states.CA.annual_mean: expected wage (whole dollars), got text 'lots'",
    ),
    "negative wage": (
        "state_wages:\n" + SOURCE + "  states:\n    CA:\n      name: C\n      annual_mean: -5\n",
        "6: state_wages.states.CA.annual_mean: negative wage (whole dollars): -5",
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
        "state_wagez: {}\n",
        "1: state_wagez: unknown key 'state_wagez' (did you mean 'state_wages'?)",
    ),
    "factor multiplier of the wrong type": (
        "factors:\n" + SOURCE + "  factors:\n    education:\n      values:\n        master:\n"
        "          multiplier: big\n",
        "7: factors.factors.education.values.master.multiplier: expected multiplier, got text 'big'",
    ),
    "new state without its name": (
        "state_wages:\n" + SOURCE + "  states:\n    GU:\n      annual_mean: 70000\n",
        "4: state_wages.states.GU: missing key 'name'",
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
    assert result.stderr == f"hitsalary: {path}:{expected}\n"


def test_an_unsafe_tag_is_refused_and_never_run(run, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write(
        tmp_path,
        f"state_wages:\n  states:\n    CA:\n      name: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    result = run("data", "check", str(path))
    assert result.exit_code == 1
    assert not marker.exists()
    assert result.stderr.startswith(f"hitsalary: {path}:4: state_wages.states.CA.name: could not determine")
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
        ("levels", "low: 75000", "low: 65000", "levels.mid.low: 65000 is below the high of 'entry' (70000)"),
        (
            "factors",
            "      year: 2024\n",
            "",
            "factors.specialization.derive: missing key 'year' for this method",
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
    from hitsalary import datafiles, reference

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
