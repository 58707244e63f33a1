"""Data files are read as YAML 1.2 core schema: no yes/no/on/off booleans, no octal from a
leading 0, no sexagesimal, no dates; keys are always text, and a key that cannot be text is an
error naming its line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hitsalary.core.errors import DataError
from hitsalary.loading.datafiles import parse

SOURCE = "  source: {publisher: X, title: Y, year: 2026}\n"


def hitsalary(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hitsalary", *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes\nb: no\nc: on\nd: off\ne: y\n", {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "y"}),
        ("a: true\nb: False\n", {"a": True, "b": False}),
        ("a: 075000\nb: 0o17\nc: 0x1F\n", {"a": 75000, "b": 15, "c": 31}),
        ("a: 1:15:00\nb: 1_000\nc: 0b11\n", {"a": "1:15:00", "b": "1_000", "c": "0b11"}),
        ("a: 2026-01-01\nb: 2025-05\n", {"a": "2026-01-01", "b": "2025-05"}),
        ("a: ~\nb:\nc: null\nd: .inf\n", {"a": None, "b": None, "c": None, "d": float("inf")}),
    ],
)
def test_values_follow_the_yaml_1_2_core_schema(text: str, expected: dict) -> None:
    assert parse(text, "f.yaml").data == expected


def test_on_and_yes_are_two_keys_not_one_boolean() -> None:
    assert parse("on: 1\nyes: 2\n", "f.yaml").data == {"on": 1, "yes": 2}


def test_keys_are_always_text() -> None:
    data = parse("123: a\ntrue: b\n2026-01-01: c\n1.5: d\n", "f.yaml").data
    assert data == {"123": "a", "true": "b", "2026-01-01": "c", "1.5": "d"}


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: 1\n? [x, y]\n: 2\n", 2), ("a:\n  b: 1\n  ~: 2\n", 3), ("a:\n  !!binary aGk=: 1\n", 2)],
)
def test_a_key_that_cannot_be_text_is_an_error_naming_its_line(text: str, line: int) -> None:
    with pytest.raises(DataError, match=rf"^f\.yaml:{line}: .*key"):
        parse(text, "f.yaml")


@pytest.mark.parametrize(
    ("text", "line"), [("this is: [not\n valid", 2), ("a: [1,\n", 1), ("a: 1\nb: [2,\n\n", 3)]
)
def test_an_error_at_the_end_of_the_file_names_its_last_line(text: str, line: int) -> None:
    """PyYAML marks an unclosed list at the end of the input on the line after the last; the
    message names a line the file has (a trial's 2-line file was said to fail on line 3)."""
    with pytest.raises(DataError, match=rf"^f\.yaml:{line}: "):
        parse(text, "f.yaml")


def test_a_number_of_4301_digits_is_a_data_error() -> None:
    with pytest.raises(DataError, match="too large a number"):
        parse("a: " + "9" * 4301 + "\n", "f.yaml")


def test_a_leading_zero_figure_is_decimal_not_octal(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        f"references:\n{SOURCE}  references:\n    hr: {{label: HR, publisher: P, statistic: median, "
        "status: as_reported, year: 2026, figure: 075000}\n"
    )
    result = hitsalary("sources", "--json", "--data", str(path))
    assert result.returncode == 0, result.stderr
    figures = [f["figure"] for f in json.loads(result.stdout)["figures"] if f["publisher"] == "P"]
    assert figures == [75000]


def test_a_date_as_a_key_is_text_in_json(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(f"bea_rpp:\n{SOURCE}  2026-01-01: 1\n")
    result = hitsalary("data", "check", str(path), "--json")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert len(result.stderr.splitlines()) <= 1


@given(st.integers(0, 10**9), st.integers(1, 4))
def test_a_zero_padded_number_is_always_decimal(number: int, zeros: int) -> None:
    assert parse(f"a: {'0' * zeros}{number}\n", "f.yaml").data == {"a": number}


@given(
    st.sampled_from(["yes", "no", "on", "off", "y", "n", "Y", "NO", "On", "1:15:00", "2026-01-01", "1_000"])
)
def test_no_yaml_1_1_literal_changes_meaning(literal: str) -> None:
    assert parse(f"{literal}: {literal}\n", "f.yaml").data == {literal: literal}
