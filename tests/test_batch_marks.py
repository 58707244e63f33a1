"""A roster key that spells the readers' own record marks (found by test_robustness's JSON
Lines property test): an error record or a usage error, never an internal error."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from hitsalary.cli import app

RUNNER = CliRunner()


def test_json_lines_key_spelling_a_mark_is_an_error_record() -> None:
    text = '{"exp": 5}\n{"exp": 5, "\\u0000EXTRA": "0"}\n{"\\u0000read error": 1}\n'
    result = RUNNER.invoke(app, ["batch", "-", "--input-format", "jsonl"], input=text)
    assert result.exit_code == 3, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" not in records[0]
    assert records[0]["mid"] > 0
    assert [r["error_field"] for r in records[1:]] == ["(record)", "(record)"]
    assert "no column can have" in records[1]["error"]


def test_csv_header_spelling_a_mark_is_a_usage_error() -> None:
    result = RUNNER.invoke(app, ["batch", "-", "--input-format", "csv"], input="exp,\x00extra\n5,x\n")
    assert result.exit_code == 2
    assert "no roster can have" in result.stderr
    assert "internal error" not in result.stderr
