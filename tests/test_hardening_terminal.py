"""Untrusted text on the terminal and in spreadsheets: control sequences are shown escaped,
formula cells (header cells too, and behind spaces or full-width signs) are defused, and long
values are echoed cut short."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

EVIL = r"\e]0;pwned\a\e[2JEvil"
RAW = ("\x1b]0;", "\x1b[2J", "\x1b[31m", "\x07")


@pytest.fixture
def evil_file(tmp_path: Path) -> Path:
    path = tmp_path / "evil.yaml"
    path.write_text(
        "references:\n  source: {publisher: X, title: Y, year: 2026}\n  references:\n    evil:\n"
        f'      label: "{EVIL}"\n      publisher: "P\\e[31m"\n      statistic: median\n'
        "      figure: 90000\n      year: 2026\n      status: as_reported\n"
        "bea_rpp:\n  source: {publisher: X, title: Y, year: 2026}\n  states:\n"
        f'    CA: {{name: "Cal{EVIL}", rpp: 110}}\n'
    )
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["estimate", "--exp", "5", "--state", "CA"],
        ["sources"],
        ["states"],
        ["compare", "--exp", "5", "--vs", "state=CA"],
        ["path", "--exp", "5", "--state", "CA", "--years", "2"],
    ],
)
@pytest.mark.parametrize("colour", [{}, {"FORCE_COLOR": "1"}])
def test_control_sequences_from_a_data_file_are_escaped(run, evil_file, command, colour) -> None:
    result = run(*command, "--data", str(evil_file), env=colour)
    assert result.exit_code == 0, result.stderr
    for raw in RAW:
        assert raw not in result.stdout
    if command[0] != "path":  # path shows no label from the file
        assert "\\x1b" in result.stdout


def test_a_data_file_path_with_control_characters_is_escaped(run, tmp_path: Path) -> None:
    path = tmp_path / "x\x1b[2Jy.yaml"
    path.write_text(
        "levels:\n  source: {publisher: X, title: Y, year: 2026}\n  levels:\n    entry: {label: E}\n"
    )
    result = run("data", "check", str(path))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\\x1b[2J" in result.stdout


@pytest.mark.parametrize(
    "cell",
    [
        "=cmd",
        " =cmd",
        "\u00a0=cmd",
        "\u200b+cmd",
        "\ufeff@cmd",
        "\uff1dcmd",
        "\uff0bcmd",
        "\uff0dcmd",
        "\uff20cmd",
    ],
)
def test_formula_cells_are_defused_in_values_and_header(run, cell: str) -> None:
    roster = f'id,exp,"{cell}"\n"{cell}",5,"{cell}"\n'
    result = run("batch", "-", "--format", "csv", input=roster)
    assert result.exit_code == 0, result.stderr
    header, row = list(csv.reader(io.StringIO(result.stdout)))
    column = header.index("'" + cell.strip())  # the header cell (names are trimmed) is defused
    assert row[1] == "'" + cell  # id
    assert row[column] == "'" + cell  # passed through


def test_a_huge_flag_value_is_echoed_cut_short(run) -> None:
    result = run("estimate", "--exp", "5", "--state", "Q" * 131_072)
    assert result.exit_code == 2
    assert len(result.stderr) < 400
    assert "131,072 characters" in result.stderr


def test_an_answer_with_control_characters_is_echoed_escaped(run) -> None:
    result = run("estimate", "-i", input="\x1b[2J5\n5\n\n\n\n\n\n")  # exp twice, then 5 defaults
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr
    assert "\\x1b[2J5" in result.stderr
