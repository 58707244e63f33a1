"""Data files a user points at: only regular files of bounded size, bounded alias expansion,
no duplicate keys, no zero or uncomputable numbers, and errors that name the user's file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = "  source: {publisher: X, title: Y, year: 2026}\n"


def hitsalary(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hitsalary", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


def one_error(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hitsalary: ")
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_not_a_data_file(device: str) -> None:
    one_error(hitsalary("estimate", "--exp", "5", "--data", device), 1, "not a regular file")


def test_a_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    result = hitsalary("estimate", "--exp", "5", env={"HITSALARY_DATA": str(fifo)})
    one_error(result, 1, "not a regular file")


def test_a_file_over_16_mb_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(16 * 1024 * 1024 + 1)
    one_error(hitsalary("data", "check", str(big)), 1, "at most 16 MB")


BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
bea_rpp:
  states:
    CA: {name: *h, rpp: 100}
"""


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB)
    line = one_error(hitsalary("data", "check", str(bomb)), 1, "aliases are expanded")
    assert len(line) < 300


def test_a_self_referring_alias_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.write_text("bea_rpp: &x\n  states: [*x]\n")
    one_error(hitsalary("data", "check", str(loop)), 1, "refers to itself")


def test_deep_nesting_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 5000 + "]" * 5000)
    one_error(hitsalary("data", "check", str(deep)), 1, "deep.yaml")


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    dup = tmp_path / "dup.yaml"
    dup.write_text(
        f"bea_rpp:\n{SOURCE}  states:\n"
        "    CA: {name: California, rpp: 110}\n"
        "    CA: {name: California, rpp: 10}\n"
    )
    one_error(hitsalary("data", "check", str(dup)), 1, "dup.yaml:5:", "duplicate key 'CA'", "line 4")


@pytest.mark.parametrize(
    ("value", "needle"),
    [("0", "above zero"), ("1" + "0" * 400, "too large"), (".inf", "figure"), ("1e400", "figure")],
)
def test_zero_and_uncomputable_wages_are_refused(tmp_path: Path, value: str, needle: str) -> None:
    path = tmp_path / "wage.yaml"
    path.write_text(
        f"references:\n{SOURCE}  references:\n    hr: {{label: HR, publisher: P, statistic: median, "
        f"status: as_reported, year: 2026, figure: {value}}}\n"
    )
    line = one_error(hitsalary("estimate", "--exp", "5", "--state", "CA", "--data", str(path)), 1, needle)
    assert "wage.yaml:4: references.references.hr.figure:" in line
    assert len(line) < 300


def test_an_error_caused_by_the_users_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "levels.yaml"
    path.write_text(f"levels:\n{SOURCE}  levels:\n    entry:\n      high: 50000\n")
    line = one_error(hitsalary("data", "check", str(path)), 1, "low 55000 is above high 50000")
    assert line.startswith(f"hitsalary: {path}:")


def test_error_messages_never_render_a_whole_structure(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    items = ", ".join(f"item{i}" for i in range(20_000))
    path.write_text(f"bea_rpp:\n{SOURCE}  states:\n    CA: {{name: [{items}], rpp: 110}}\n")
    line = one_error(hitsalary("data", "check", str(path)), 1, "bea_rpp.states.CA.name")
    assert len(line) < 300


def test_an_unreadable_data_file_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("levels: {}\n")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make it unreadable another way
        path.unlink()
        path.mkdir()
    one_error(hitsalary("estimate", "--exp", "5", "--data", str(path)), 1)
