"""Control and bidi-control characters never reach any stream raw: JSON and JSON Lines write
them as JSON escapes (read back as the same text), CSV and messages as visible escapes, and a
file path cannot smuggle a newline into `data check`'s output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hitsalary.core.text import UNSAFE, escape_controls

DANGEROUS = ["\x1b", "\x07", "\x85", "\x9b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069"]
VALUE = "a" + "".join(DANGEROUS) + "z"


def hitsalary(*args: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "hitsalary", *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )


def raw_dangerous(data: bytes) -> list[str]:
    return [c for c in DANGEROUS if c.encode() in data]


@pytest.mark.parametrize("char", [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))])
def test_every_c0_and_c1_control_is_escaped(char: str) -> None:
    assert UNSAFE.fullmatch(char)
    assert char not in escape_controls(char)
    assert json.loads(f'"{escape_controls(char, json=True)}"') == char


def test_json_lines_keep_the_value_but_never_write_it_raw() -> None:
    roster = json.dumps({"exp": 5, "note": VALUE}) + "\n"
    result = hitsalary("batch", "-", "--input-format", "jsonl", stdin=roster)
    assert result.returncode == 0, result.stderr
    assert raw_dangerous(result.stdout) == []
    assert json.loads(result.stdout)["note"] == VALUE


def test_csv_output_escapes_controls_in_cells() -> None:
    result = hitsalary("batch", "-", "--format", "csv", stdin=f"exp,note\n5,{VALUE}\n")
    assert result.returncode == 0, result.stderr
    assert raw_dangerous(result.stdout) == []
    assert b"\\x1b" in result.stdout
    assert b"\\u202e" in result.stdout


def test_error_records_and_messages_escape_controls() -> None:
    result = hitsalary("batch", "-", "--format", "csv", stdin=f"exp,state\n5,{VALUE}\n")
    assert result.returncode == 3
    assert raw_dangerous(result.stdout) == []
    assert raw_dangerous(result.stderr) == []


def test_a_json_document_escapes_bidi_controls_from_a_data_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    label = "HR\\u202eevil\\x9b\\u2066"  # YAML's own escapes: a raw C1 character is not YAML
    path.write_text(
        "references:\n  source: {publisher: X, title: Y, year: 2026}\n  references:\n"
        f'    hr: {{label: "{label}", publisher: "P{label}", statistic: median, status: as_reported, '
        "year: 2026, figure: 75000}\n",
        encoding="utf-8",
    )
    for args in (["sources", "--json"], ["sources"]):
        result = hitsalary(*args, "--data", str(path))
        assert result.returncode == 0, result.stderr
        assert raw_dangerous(result.stdout) == [], args


def test_data_check_does_not_copy_a_newline_from_the_path(tmp_path: Path) -> None:
    path = tmp_path / "x\nfake.yaml: valid\n\u202e.yaml"
    path.write_text("bea_rpp:\n  source: {publisher: X, title: Y, year: 2026}\n")
    result = hitsalary("data", "check", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1 + sum(1 for line in lines if line.startswith("  "))
    assert raw_dangerous(result.stdout) == []


def test_every_unsafe_character_is_unprintable() -> None:
    """The writers' fast path skips text that str.isprintable() passes: it must never pass one."""
    from hitsalary.core.text import UNSAFE_CHARS

    assert not [hex(ord(c)) for c in UNSAFE_CHARS if c.isprintable()]
