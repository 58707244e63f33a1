"""Whatever a user or a file throws at hitsalary: a documented exit code, never a traceback."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hitsalary.cli import app
from tests.test_screens import ADDRESS

RUNNER = CliRunner()
ANY_TEXT = st.text(max_size=24)
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        ["", " ", "5", "0", "50", "50.0000001", "1e308", "-0", "\u0665", "5,5", "$5", "NaN", "inf"]
    ),
)
VALUES = st.one_of(
    ANY_TEXT,
    NUMBERS,
    st.sampled_from(["CA", "ca", "Califórnia", "pm", "master's", "none", "epic analyst", "payer", "ged"]),
)
FLAGS = ["--exp", "--state", "--education", "--employer", "--role", "--specialization", "--offer"]


def assert_clean(result, allowed: set[int]) -> None:
    assert result.exit_code in allowed, (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code != 0:
        assert len(result.stderr.strip().splitlines()) >= 1
        assert result.stderr.strip().splitlines()[-1].startswith("hitsalary: ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FLAGS), VALUES), st.booleans())
def test_estimate_arguments_never_crash(flags: dict[str, str], as_json: bool) -> None:
    args = ["estimate", *(part for flag, value in flags.items() for part in (flag, value))]
    result = RUNNER.invoke(app, [*args, *(["--json"] if as_json else [])], env={"COLUMNS": "80"})
    assert_clean(result, {0, 2})
    if result.exit_code == 0 and as_json:
        assert json.loads(result.stdout)["band"]["low"] > 0
    if result.exit_code == 2:
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=10), max_size=6))
def test_unknown_arguments_are_usage_errors(args: list[str]) -> None:
    assert_clean(RUNNER.invoke(app, ["estimate", "--exp", "5", *args]), {0, 2})


COLUMNS = ["id", "exp", "state", "education", "employer", "role", "specialization", "offer", "salary", "note"]


def csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@st.composite
def rosters(draw: st.DrawFn) -> bytes:
    header = draw(st.permutations(COLUMNS).map(lambda c: c[: draw(st.integers(1, len(c)))]))
    rows = draw(st.lists(st.lists(VALUES, min_size=0, max_size=len(header) + 2), max_size=8))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = ",".join(header) + end + "".join(",".join(csv_cell(v) for v in row) + end for row in rows)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.booleans()):
        data += draw(st.binary(max_size=20))  # bytes that need not be UTF-8
    return data


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters(), st.sampled_from(["jsonl", "csv"]))
def test_batch_rows_never_crash(roster: bytes, fmt: str) -> None:
    result = RUNNER.invoke(app, ["batch", "-", "--input-format", "csv", "--format", fmt], input=roster)
    assert_clean(result, {0, 2, 3})
    if result.exit_code in (0, 3):
        summary, dollars, *warnings = result.stderr.splitlines()  # the summary, the dollars, warnings only
        assert re.fullmatch(r"hitsalary: [\d,]+ estimated, [\d,]+ rejected", summary)
        assert dollars.startswith("hitsalary: bands in ")  # which month's dollars (README "Whole rosters")
        assert all(line.startswith("hitsalary: warning: ") for line in warnings), warnings
        if fmt == "jsonl":  # records end at "\n" only; U+0085 or U+2028 inside a string is valid JSON
            for line in result.stdout.split("\n")[:-1]:
                json.loads(line)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=200))
def test_batch_survives_any_bytes(data: bytes) -> None:
    assert_clean(RUNNER.invoke(app, ["batch", "-"], input=data), {0, 2, 3})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.dictionaries(st.text(max_size=8), VALUES | st.integers()), st.text(max_size=20)),
        max_size=6,
    )
)
def test_batch_json_lines_never_crash(records: list) -> None:
    text = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in records)
    assert_clean(RUNNER.invoke(app, ["batch", "-", "--input-format", "jsonl"], input=text), {0, 2, 3})


COMMANDS = [
    ["estimate", "--exp", "5", "--state", "CA", "--offer", "92k"],
    ["estimate", "--exp", "5", "--state", "PR"],
    ["compare", "--exp", "5", "--state", "TX", "--vs", "state=CA,education=master", "--vs", "state=PR"],
    ["path", "--exp", "2", "--years", "10", "--vs", "role=cybersecurity"],
    ["estimate", "--exp", "12", "--state", "OR", "--role", "cybersecurity", "--employer", "payer"],
    ["sources", "--role", "it-manager"],
    ["outlook"],
    ["states", "--role", "ehr", "--sort", "ppp"],
    ["roles"],
    ["estimate", "--help"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("width", [40, 200])
def test_readable_at_every_width(command: list[str], width: int) -> None:
    result = RUNNER.invoke(app, command, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    if "--help" not in command:  # click wraps help itself, at no less than 50 columns
        # but for a web address wider than the terminal, on its own line and whole
        assert max(len(line) for line in lines if not ADDRESS.fullmatch(line.strip(" ()"))) <= width
    assert "…" not in result.stdout  # nothing cut short


@pytest.mark.parametrize("command", COMMANDS[:5], ids=lambda c: " ".join(c[:2]))
def test_no_color_and_dumb_terminals(command: list[str]) -> None:
    coloured = RUNNER.invoke(app, command, env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    assert "\x1b[" in coloured.stdout  # the check below can see colour when there is some
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        result = RUNNER.invoke(app, command, env={"FORCE_COLOR": "1", "COLUMNS": "100", **env})
        assert result.exit_code == 0
        assert not re.search(r"\x1b\[[0-9;]*3[0-9]", result.stdout)  # no foreground colour codes


def test_figures_are_the_same_at_every_width() -> None:
    narrow = RUNNER.invoke(app, COMMANDS[0], env={"COLUMNS": "40"}).stdout
    wide = RUNNER.invoke(app, COMMANDS[0], env={"COLUMNS": "200"}).stdout
    money = re.compile(r"\$\d{1,3}(?:,\d{3})+")  # whole-dollar figures, not the chart's "$100k" ticks
    assert sorted(set(money.findall(narrow))) == sorted(set(money.findall(wide)))
