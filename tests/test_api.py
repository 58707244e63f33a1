"""The public Python API (`import hitsalary`): the same estimate and JSON as the command line,
values spelled as on the command line, errors as exceptions, and a cheap `import hitsalary`."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import hitsalary
from hitsalary.api import DataError, UsageProblem

PACKAGE = Path(hitsalary.__file__).parent


def test_estimate_is_the_cli_estimate(run) -> None:
    result = hitsalary.estimate(exp=5, state="CA", role="ehr", metro="san jose", employer="hospital")
    cli = run("estimate", "--exp", "5", "--state", "CA", "--role", "ehr", "--metro", "san jose",
              "--employer", "hospital", "--json")  # fmt: skip
    assert cli.exit_code == 0, cli.stderr
    assert hitsalary.to_json(result) == json.loads(cli.stdout)
    assert result.profile.metro == "41940"
    assert isinstance(result, hitsalary.Estimate)


def test_defaults_are_the_neutral_profile() -> None:
    result = hitsalary.estimate(exp=5)
    assert result.profile == hitsalary.Profile(exp=5.0)
    assert result.band.low < result.band.mid < result.band.high


def test_loaded_data_is_reused(data) -> None:
    assert hitsalary.load_reference(data) is data
    assert hitsalary.load_reference() is hitsalary.load_reference(None)
    assert hitsalary.estimate(exp=2, data=data).band == hitsalary.estimate(exp=2).band


def test_a_bad_value_raises_a_usage_problem() -> None:
    with pytest.raises(UsageProblem, match="Califrnia"):
        hitsalary.estimate(exp=5, state="Califrnia")
    with pytest.raises(hitsalary.HitsalaryError):
        hitsalary.estimate(exp=-1)


def test_a_bad_data_file_raises_a_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: {source: {publisher: x, title: y, year: 2026}}\n")
    with pytest.raises(DataError, match=r"bad\.yaml"):
        hitsalary.estimate(exp=5, data=bad)


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no_such"):
        hitsalary.no_such  # noqa: B018


def test_import_hitsalary_is_cheap() -> None:
    code = "import sys, hitsalary; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout.split())  # fmt: skip
    assert {"typer", "rich", "yaml", "hitsalary.api", "hitsalary.cli"}.isdisjoint(loaded)


def test_the_package_is_typed() -> None:
    assert (PACKAGE / "py.typed").is_file()
    for name in hitsalary.__all__:
        assert getattr(hitsalary, name) is not None


def test_blank_cells_from_pandas_mean_the_default() -> None:
    nan = float("nan")
    blank = hitsalary.estimate(exp=5, state=nan, role="ehr", metro="", education=None, employer="  ")
    plain = hitsalary.estimate(exp=5, role="ehr")
    assert blank.band == plain.band
    assert blank.profile == plain.profile


def test_a_value_that_is_not_text_is_a_usage_problem() -> None:
    with pytest.raises(hitsalary.UsageProblem, match="expected text"):
        hitsalary.estimate(exp=5, state=[5])  # type: ignore[arg-type]  # what a list column gives
    with pytest.raises(hitsalary.UsageProblem, match="'5' \\(choose from US"):
        hitsalary.estimate(exp=5, state=5)  # type: ignore[arg-type]  # a whole number is read as its digits


def test_results_read_like_the_json() -> None:
    result = hitsalary.estimate(exp=5, state="CA", role="ehr")
    out = hitsalary.to_json(result)
    assert (result.hourly.low, result.hourly.mid, result.hourly.high) == tuple(out["hourly"].values())
    for factor, shown in zip(result.factors, out["factors"], strict=True):
        assert factor.multiplier == factor.value.multiplier
        assert round(factor.multiplier, 6) == shown["multiplier"]
        assert factor.basis == shown["basis"]
    assert repr(result).startswith("Estimate(profile=Profile(exp=5.0, state='CA'")


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"exp": "two"}, "invalid value for exp: 'two' is not a number of years (e.g. 5)"),
        ({"exp": 5, "state": "ZZ"}, "invalid value for state: 'ZZ'"),
        ({"exp": 5, "role": "cook"}, "invalid value for role: 'cook'"),
        ({"exp": 5, "education": "wizard"}, "invalid value for education: 'wizard'"),
        ({"exp": 5, "employer": "moon"}, "invalid value for employer: 'moon'"),
        ({"exp": 5, "metro": "nowhere"}, "invalid value for metro: 'nowhere'"),
    ],
)
def test_a_message_names_the_parameter_as_the_caller_wrote_it(kwargs: dict, named: str) -> None:
    """The API's parameters are not flags: a message says `state`, never `--state`."""
    with pytest.raises(UsageProblem) as caught:
        hitsalary.estimate(**kwargs)
    assert str(caught.value).startswith(named)
    assert "--" not in str(caught.value)


def test_api_batch_says_implausible_amounts_once_as_the_command_does(run) -> None:
    """hitsalary.batch uses an offer outside any plausible salary, as `batch` does, and says so
    once when the records run out: the command's own line, as a Python warning."""
    records = [{"exp": 5, "offer": 45}, {"exp": 3, "offer": "95000"}, {"exp": 2, "offer": 9_000_000}]
    with pytest.warns(hitsalary.ImplausibleAmounts) as caught:
        out = list(hitsalary.batch(records))
    assert [r["offer"] for r in out] == [45, 95000, 9_000_000]  # used, not rejected
    assert len(caught) == 1
    said = str(caught[0].message)
    assert said.startswith("2 offer or salary amounts are outside any plausible annual salary")
    assert "row 1, offer '45', read as $45 a year" in said
    roster = "exp,offer\n5,45\n3,95000\n2,9000000\n"
    command = run("batch", "-", "--format", "jsonl", input=roster).stderr
    assert f"warning: {said}" in command
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning where every amount is plausible
        list(hitsalary.batch([{"exp": 5, "offer": 95000}]))


def test_api_batch_with_levels_says_its_national_rows_once() -> None:
    """Levels for a row with no state or metro are the nation's, which DOL does not use for a
    prevailing wage: the API says how many, once, as `batch --levels` says it on stderr."""
    records = [{"exp": 5, "offer": 90000}, {"exp": 5, "state": "CA", "offer": 90000}, {"exp": 6}]
    with pytest.warns(hitsalary.RosterWarning) as caught:
        out = list(hitsalary.batch(records, levels=True))
    assert [r["offer_level"] is not None for r in out] == [True, True, False]
    said = [str(w.message) for w in caught]
    assert said == [said[0]]
    assert said[0].startswith("1 row has no state or metro, so the levels are national")


def test_the_readme_gives_the_apis_signatures() -> None:
    """README's batch signature had no survey_dollars and showed estimate's arguments as
    positional with non-None defaults (a trial): each is written as inspect gives it."""
    import inspect
    from pathlib import Path

    import hitsalary

    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    for function in (hitsalary.batch, hitsalary.estimate):
        written = readme.split(f"`hitsalary.{function.__name__}(")[1].split(")`")[0]
        parts = [part.strip() for part in written.split(",")]
        expected = []
        for parameter in inspect.signature(function).parameters.values():
            if parameter.kind is parameter.KEYWORD_ONLY and "*" not in expected:
                expected.append("*")
            default = parameter.default
            expected.append(parameter.name if default is parameter.empty else f"{parameter.name}={default!r}")
        assert parts == expected
