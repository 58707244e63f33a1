"""`hitsalary estimate` through the CLI: examples, JSON contract, and every error path."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from hitsalary import __version__
from hitsalary.models import ReferenceData

from .conftest import spawn

TOP_KEYS = {
    "schema_version",
    "purchasing_power",
    "profile",
    "level",
    "level_band",
    "band",
    "hourly",
    "multiplier",
    "factors",
    "references",
    "data",
}
FACTOR_KEYS = {"name", "value", "label", "multiplier", "basis", "note", "source"}
REFERENCE_KEYS = {
    "key",
    "source",
    "measure",
    "figure",
    "low",
    "high",
    "range",
    "year",
    "url",
    "status",
    "note",
    "delta_pct",
}


def one_error_line(result, *needles: str) -> str:
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def test_json_contract(run_json) -> None:
    out = run_json("estimate", "--exp", "5", "--state", "CA")
    assert set(out) == TOP_KEYS
    assert out["schema_version"] == 1
    assert set(out["profile"]) == {"exp", "state", "education", "employer", "specialization"}
    assert set(out["band"]) == set(out["hourly"]) == {"low", "mid", "high"}
    assert all(isinstance(v, int) for v in out["band"].values())
    assert [f["name"] for f in out["factors"]] == ["education", "employer", "specialization", "state"]
    for factor in out["factors"]:
        assert set(factor) == FACTOR_KEYS
        assert factor["basis"] in ("baseline", "measured", "directional")
        assert {"publisher", "title", "year"} <= set(factor["source"])
    for ref in out["references"]:
        assert set(ref) >= REFERENCE_KEYS
        assert isinstance(ref["figure"], int)
        assert isinstance(ref["year"], int)
    assert {"origin", "user_file", "datasets"} <= set(out["data"])


def test_json_numbers_match_the_calculation(run_json, data: ReferenceData) -> None:
    out = run_json("estimate", "--exp", "5", "--state", "CA")
    ca = data.states["CA"].annual_mean / data.national_mean
    assert out["level"] == "mid"
    assert out["band"]["low"] == round(75000 * ca)
    assert out["band"]["high"] == round(110000 * ca)
    assert out["profile"] == {
        "exp": 5.0,
        "state": "CA",
        "education": "bachelor",
        "employer": "any",
        "specialization": "general",
    }


@pytest.mark.parametrize(
    ("flag", "typed", "stored"),
    [
        ("--state", "ca", "CA"),
        ("--state", "California", "CA"),
        ("--state", "new york", "NY"),
        ("--state", "usa", "US"),
        ("--state", "Washington DC", "DC"),
        ("--education", "masters", "master"),
        ("--education", "Master's", "master"),
        ("--education", "PhD", "doctorate"),
        ("--specialization", "pm", "project-management"),
        ("--specialization", "Cyber", "cybersecurity"),
        ("--employer", "private practice", "clinic"),
    ],
)
def test_aliases(run_json, flag: str, typed: str, stored: str) -> None:
    out = run_json("estimate", "--exp", "4", flag, typed)
    assert out["profile"][flag[2:]] == stored


def help_examples(run, *command: str) -> list[list[str]]:
    text = run(*command, "--help").stdout
    block = text.split("Examples:")[1].split("Options")[0]
    lines = [line.strip(" │") for line in block.splitlines()]
    return [line.split("|")[0].split()[1:] for line in lines if line.startswith("hitsalary ")]


def test_help_leads_with_runnable_examples(run) -> None:
    text = run("estimate", "--help").stdout
    assert text.index("Examples:") < text.index("Options")
    examples = help_examples(run, "estimate")
    assert 2 <= len(examples) <= 3
    for argv in examples:
        result = run(*[a.strip('"') for a in re.findall(r'"[^"]*"|\S+', " ".join(argv))])
        assert result.exit_code == 0, (argv, result.stderr)
        assert "Your band" in result.stdout or result.stdout.startswith("{")


def test_help_lists_every_accepted_value(run, data: ReferenceData) -> None:
    text = " ".join(run("estimate", "--help").stdout.split())
    for name in ("education", "employer", "specialization"):
        for key in data.factor(name).values:
            if key != data.factor(name).neutral or name == "education":
                assert key in text, key


@pytest.mark.parametrize(
    ("exp", "label"),
    [
        ("1", "Entry level (under 3 years)"),
        ("5", "Mid-career (3 to under 8 years)"),
        ("9", "Senior / lead (8+ years)"),
    ],
)
def test_the_band_title_gives_the_years_of_the_level(run, exp: str, label: str) -> None:
    assert f"Your band: {label}" in run("estimate", "--exp", exp).stdout


def test_tables_show_band_factors_references_and_chart(run) -> None:
    result = run("estimate", "--exp", "5", "--state", "CA")
    assert result.exit_code == 0
    out = result.stdout
    for needle in (
        "$94,310",
        "$111,915",
        "$138,322",
        "$53.81",
        "1.257",
        "measured",
        "Payscale",
        "Salary.com",
        "Glassdoor",
        "BLS 11-3021",
        "$151,220",
        "differs",
        "$170,190",
        "NAICS 55",
        "BLS 29-9021",
        "●",
        "━",
    ):
        assert needle in out, needle


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--exp", "5", "--state", "Califrnia"], ["--state", "'Califrnia'", "did you mean CA?"]),
        (["--exp", "5", "--state", "XX"], ["--state", "'XX'"]),
        (["--exp", "-1"], ["--exp", "'-1'", "0 to 50"]),
        (["--exp", "51"], ["--exp", "0 to 50"]),
        (["--exp", "nan"], ["--exp"]),
        (["--exp", "five"], ["--exp", "'five'", "not a number"]),
        (["--exp", "5", "--education", "mastr"], ["--education", "did you mean master?"]),
        (["--exp", "5", "--employer", "zzz"], ["--employer", "choose from", "clinic"]),
        (["--exp", "5", "--specialization", "cybersecurty"], ["did you mean cybersecurity?"]),
        (["--exp", "5", "--stat", "CA"], ["--stat", "--state"]),
        ([], ["missing --exp", "--exp 5"]),
    ],
)
def test_bad_values_exit_2_with_one_line(run, args: list[str], needles: list[str]) -> None:
    result = run("estimate", *args)
    assert result.exit_code == 2
    one_error_line(result, *needles)


def test_version_names_the_data_releases(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout
    assert "May 2025" in result.stdout
    assert "May 2023" in result.stdout
    assert "2024" in result.stdout


def test_no_command_shows_help(run) -> None:
    result = run()
    assert result.exit_code == 0
    assert "estimate" in result.stdout


def test_ctrl_c_exits_130_without_traceback(run, monkeypatch) -> None:
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("hitsalary.calculate.calculate", interrupted)
    result = run("estimate", "--exp", "5")
    assert result.exit_code == 130
    assert one_error_line(result, "interrupted")


def test_an_internal_error_is_one_line_not_a_traceback(run, monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("hitsalary.calculate.calculate", broken)
    result = run("estimate", "--exp", "5")
    assert result.exit_code == 70
    one_error_line(result, "internal error", "ZeroDivisionError")


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_closed_pipe_exits_141_with_one_line(fmt: list[str]) -> None:
    proc = spawn("estimate", "--exp", "5", *fmt, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader goes away before hitsalary writes anything
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 141
    assert err.splitlines() == ["hitsalary: output closed before it was all written (broken pipe)"]


def test_json_through_a_real_pipe_is_complete() -> None:
    proc = spawn("estimate", "--exp", "5", "--json", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert err == b""
    assert json.loads(out)["band"]["mid"] == 89000
