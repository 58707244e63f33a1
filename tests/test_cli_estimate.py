"""`hitsalary estimate` through the CLI: examples, JSON contract, and every error path."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import pytest

from hitsalary import __version__
from hitsalary.core.models import ReferenceData

from . import distribution_hand as hand
from .conftest import as_row, band_by_hand, eci_multiplier, rule_point, spawn

TOP_KEYS = {
    "survey_band",
    "wage_growth",
    "schema_version",
    "profile",
    "role",
    "soc",
    "area",
    "band",
    "hourly",
    "percentiles",
    "distribution",
    "experience_rule",
    "multiplier",
    "factors",
    "article_view",
    "references",
    "purchasing_power",
    "outside",
    "data",
}
FACTOR_KEYS = {
    "name",
    "value",
    "label",
    "multiplier",
    "basis",
    "statistic",
    "series",
    "reason",
    "bound",
    "source",
}
REFERENCE_KEYS = {
    "key",
    "source",
    "measure",
    "scope",
    "figure",
    "low",
    "high",
    "range",
    "year",
    "url",
    "status",
    "origin",
    "note",
    "delta_pct",
}
GENERIC = ["payscale", "salary_com", "glassdoor"]  # shown with every estimate, national and generic


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
    assert out["schema_version"] == 6
    assert set(out["profile"]) == {"exp", "state", "metro", "education", "employer", "role", "survey_dollars"}
    assert out["area"] is None  # no metro area given
    assert set(out["role"]) == {"key", "label", "soc", "title", "why"}
    assert out["soc"] == out["role"]["soc"]
    assert set(out["band"]) == set(out["hourly"]) == {"low", "mid", "high"}
    assert all(isinstance(v, int) for v in out["band"].values())
    assert set(out["percentiles"]) == {"low", "point", "high"}
    assert set(out["distribution"]) == {
        "where",
        "code",
        "kind",
        "series",
        "label",
        "basis",
        "reason",
        "percentiles",
        "filled",
        "mean",
        "mean_basis",
        "scale",
        "wage_rse",
        "employment",
        "imprecise",
        "precision",
        "at_band",
        "source",
    }
    assert set(out["distribution"]["percentiles"]) == {"p10", "p25", "p50", "p75", "p90"}
    assert {"rule", "anchors", "band", "interpolation", "rounding", "rounding_unit"} <= set(
        out["experience_rule"]
    )
    assert [f["name"] for f in out["factors"]] == ["education", "employer", "state"]
    for factor in out["factors"]:
        assert set(factor) == FACTOR_KEYS
        assert factor["basis"] in ("baseline", "measured", "assumed", "fallback")
        assert isinstance(factor["series"], list)
        assert {"publisher", "title", "year"} <= set(factor["source"])
    assert {"level", "label", "min_years", "low", "high", "scope", "source"} <= set(out["article_view"])
    for ref in out["references"]:
        assert REFERENCE_KEYS <= set(ref) <= REFERENCE_KEYS | {"article"}
        assert isinstance(ref["figure"], int)
        assert isinstance(ref["year"], int)
        assert ref["scope"]
    assert {"origin", "user_file", "datasets"} <= set(out["data"])


def test_json_numbers_match_the_calculation(run_json, data: ReferenceData) -> None:
    out = run_json("estimate", "--exp", "5", "--state", "CA")
    soc = data.roles[data.neutral_role].soc
    assert out["soc"] == soc
    assert out["survey_band"] == vars(band_by_hand(data, 5, soc, state="CA"))
    assert out["band"] == vars(band_by_hand(data, 5, soc, eci_multiplier(), state="CA"))  # aged
    point = rule_point(data, 5, soc, state="CA")
    assert out["distribution"]["at_band"]["mid"] == pytest.approx(point, abs=0.01)
    row = as_row(data.by_state[(soc, "CA")])
    assert out["percentiles"]["point"] == pytest.approx(hand.percentile_of(row, point), abs=0.05)
    assert out["multiplier"] == 1.0  # California's own distribution: no location multiplier
    state = out["factors"][-1]
    assert (state["value"], state["basis"], state["multiplier"]) == ("CA", "measured", 1.0)
    assert out["hourly"]["mid"] == round(out["band"]["mid"] / data.method.hours_per_year, 2)
    assert out["article_view"]["level"] == "mid"
    assert out["profile"] == {
        "exp": 5.0,
        "state": "CA",
        "metro": None,
        "education": "typical",
        "employer": "any",
        "role": "general",
        "survey_dollars": False,
    }


def test_references_are_the_generic_quotes_then_the_roles_own_bls_figures(run_json, data) -> None:
    out = run_json("estimate", "--exp", "5", "--state", "TX", "--role", "cybersecurity")
    soc = data.roles["cybersecurity"].soc
    assert [r["key"] for r in out["references"]] == [*GENERIC, "bls_role_area", "bls_role_national"]
    area, national = out["references"][-2:]
    assert (area["figure"], area["low"], area["high"]) == (
        data.by_state[(soc, "TX")].median,
        data.by_state[(soc, "TX")].percentile(10),
        data.by_state[(soc, "TX")].percentile(90),
    )
    assert national["figure"] == data.national[soc].median
    assert area["status"] == national["status"] == "verified"
    for ref in out["references"]:
        assert ref["delta_pct"] == round((out["band"]["mid"] / ref["figure"] - 1) * 100, 1)
    nationally = run_json("estimate", "--exp", "5", "--role", "cybersecurity")["references"]
    assert [r["key"] for r in nationally] == [*GENERIC, "bls_role_national"]  # no area row for US


def test_the_it_manager_figures_are_shown_for_that_role_only(run_json, data: ReferenceData) -> None:
    manager = {r["key"]: r for r in run_json("estimate", "--exp", "9", "--role", "it-manager")["references"]}
    older, newer = manager["bls_cis_managers_health_care_2023"], manager["bls_cis_managers_health_care_2024"]
    assert (older["status"], newer["status"]) == ("differs", "verified")
    assert older["figure"] == data.industry["11-3021/62/2023"].median
    assert newer["figure"] == data.industry["11-3021/62/2024"].median
    assert older["article"]["figure"] == data.industry["11-3021/55/2023"].median
    assert "article" not in newer
    only_for_managers = {"bls_cis_managers_health_care_2023", "bls_cis_managers_health_care_2024"}
    for role in ("general", "ehr"):
        keys = {r["key"] for r in run_json("estimate", "--exp", "9", "--role", role)["references"]}
        assert not keys & only_for_managers, role


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
        ("--education", "GED", "high-school"),
        ("--education", "some college", "certificate"),
        ("--role", "epic analyst", "ehr"),
        ("--role", "Medical Coder", "medical-coding"),
        ("--role", "IT Director", "it-manager"),
        ("--specialization", "pm", "project-management"),  # the older name of --role
        ("--specialization", "Cyber", "cybersecurity"),
        ("--employer", "private practice", "clinic"),
        ("--employer", "health insurer", "payer"),
        ("--employer", "VA", "federal"),
    ],
)
def test_aliases(run_json, flag: str, typed: str, stored: str) -> None:
    out = run_json("estimate", "--exp", "4", flag, typed)
    field = "role" if flag == "--specialization" else flag[2:]
    assert out["profile"][field] == stored


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
    for name in ("education", "employer"):
        for key in data.factor(name).values:
            if key != data.factor(name).neutral or name == "education":
                assert key in text, key
    assert "--specialization" in text  # the older name of --role still works
    assert "hitsalary roles" in text  # too many roles for the help: it says where they are listed


@pytest.mark.parametrize(
    ("exp", "article"),
    [
        (2, "Entry level (under 3 years)"),
        (5, "Mid-career (3 to under 8 years)"),
        (9, "Senior / lead (8+ years)"),
    ],
)
def test_the_band_title_gives_the_percentiles_and_the_article_its_years(
    run, data: ReferenceData, exp: float, article: str
) -> None:
    out = " ".join(run("estimate", "--exp", str(exp)).stdout.split())
    row = as_row(data.national["29-9021"])
    low, point, high = (hand.percentile_of(row, a) for a in hand.survey(row, exp))
    assert f"Your band: United States 29-9021 pay from percentile {shown(low)} to {shown(high)}" in out
    assert f"(point: {shown(point)})" in out
    assert f"The article's view: {article}" in out


def shown(pct: float) -> str:
    """A percentile as the title shows it: one decimal always, half away from zero."""
    return str(Decimal(repr(pct)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def test_tables_show_band_factors_references_and_chart(run, run_json) -> None:
    result = run("estimate", "--exp", "5", "--state", "CA")
    assert result.exit_code == 0
    out = result.stdout
    shown = run_json("estimate", "--exp", "5", "--state", "CA")
    state = shown["factors"][-1]
    needles = [f"${v:,}" for v in shown["band"].values()]
    needles += [f"${v:,.2f}" for v in shown["hourly"].values()]
    needles += [f"{state['multiplier']:.3f}", state["basis"], "The article's view"]
    needles += ["Payscale", "Salary.com", "Glassdoor", "BLS CA", "BLS US"]
    needles += [f"${r['figure']:,}" for r in shown["references"]]
    needles += ["verified", "as reported", "●", "━"]
    for needle in needles:
        assert needle in out, needle
    assert "differs" not in out  # the corrected article figure is an IT managers' figure


def test_the_differing_article_figure_is_explained_for_it_managers(run, data: ReferenceData) -> None:
    out = " ".join(run("estimate", "--exp", "9", "--role", "it-manager").stdout.split())
    for needle in (
        "BLS 11-3021 health care 2023",
        f"${data.industry['11-3021/62/2023'].median:,}",
        "differs**",
        f"the article gives ${data.industry['11-3021/55/2023'].median:,} (2023)",
        "NAICS 55",
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
        (["--exp", "5", "--employer", "hosptal"], ["--employer", "did you mean hospital?"]),
        (["--exp", "5", "--role", "cybersecurty"], ["--role", "did you mean cybersecurity?"]),
        (["--exp", "5", "--role", "epic anlyst"], ["--role", "did you mean 'epic analyst' (ehr)?"]),
        (["--exp", "5", "--education", "mastrs"], ["--education", "did you mean 'masters' (master)?"]),
        (["--exp", "5", "--specialization", "cybersecurty"], ["--role", "did you mean cybersecurity?"]),
        (["--exp", "5", "--role", "zzzzqq"], ["--role", "'zzzzqq'", "choose from", "medical-coding"]),
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

    monkeypatch.setattr("hitsalary.core.calculate.calculate", interrupted)
    result = run("estimate", "--exp", "5")
    assert result.exit_code == 130
    assert one_error_line(result, "interrupted")


def test_an_internal_error_is_one_line_not_a_traceback(run, monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("hitsalary.core.calculate.calculate", broken)
    result = run("estimate", "--exp", "5")
    assert result.exit_code == 70
    one_error_line(result, "internal error", "ZeroDivisionError")


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_closed_pipe_exits_141_silently(fmt: list[str]) -> None:
    proc = spawn("estimate", "--exp", "5", *fmt, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader goes away before hitsalary writes anything
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 141
    assert err == ""  # as `yes | head`: a reader that stops reading is not an error to report


def test_json_through_a_real_pipe_is_complete(run_json) -> None:
    proc = spawn("estimate", "--exp", "5", "--json", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert err == b""
    assert json.loads(out) == run_json("estimate", "--exp", "5")


@pytest.mark.parametrize(
    ("flag", "value", "other"),
    [
        ("--employer", "cybersecurity", "role"),  # a role typed as an employer
        ("--employer", "ehr", "role"),
        ("--role", "hospital", "employer"),  # an employer typed as a role
        ("--education", "vendor", "employer"),
        ("--state", "ehr", "role"),
        ("--employer", "vendor analyst", "role"),  # a suggestion with its spelling: 'vendors' (vendor)
    ],
)
def test_suggestions_stay_in_the_flags_own_vocabulary(run, data: ReferenceData, flag, value, other) -> None:
    line = one_error_line(run("estimate", "--exp", "5", flag, value), f"invalid value for {flag}")
    name = flag.removeprefix("--")
    own = set(data.roles) if name == "role" else set(data.factor(name).values)
    foreign = set(data.roles) if other == "role" else set(data.factor(other).values)
    hint = line.split("(", 1)[1]
    hint = re.sub(r"'[^']*' \(([^)]+)\)", r"\1", hint)  # "'epic analyst' (ehr)" names the key ehr
    named = {
        word.strip(" ,?)") for word in hint.replace("choose from", "").replace("did you mean", "").split()
    }
    named.discard("or")
    assert named <= own, named - own
    assert not (named & (foreign - own))


def test_a_place_ending_in_s_is_an_owner_without_a_second_s(run) -> None:
    shown = " ".join(run("estimate", "--exp", "5").stdout.split())
    assert "United States' wage levels" in shown
    assert "States's" not in shown


def test_the_purchasing_power_footnote_says_what_is_divided_by_what(run) -> None:
    """It read 'the band in national-average dollars, divided by the price parity': the band is
    divided by the parity, and that gives national-average dollars (a trial's reading)."""
    shown = " ".join(run("estimate", "--exp", "5", "--state", "CA", env={"COLUMNS": "200"}).stdout.split())
    assert "Purchasing power is not pay: the band divided by the price parity of California, " in shown
    assert "so in national-average dollars." in shown
