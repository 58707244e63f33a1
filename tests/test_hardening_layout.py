"""Layout details a person notices: compare's labels never break inside a word, and Ctrl-C at a
question leaves the terminal on a fresh line."""

from __future__ import annotations

import itertools
import re
import sys

import pexpect
import pytest

VARIANTS = ["state=CA", "education=master", "specialization=cybersecurity", "employer=hospital,state=NY"]


@pytest.mark.parametrize("width", [80, 72])
def test_compare_labels_never_break_inside_a_word(run, width: int) -> None:
    args = ["compare", "--exp", "5", "--state", "TX"]
    for vs in VARIANTS:
        args += ["--vs", vs]
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("What moved")[0]
    words = set(re.findall(r"[A-Za-z]+", table))
    for vs in VARIANTS:
        for part in re.split(r"[=,]", vs):
            assert part in words, (part, table)
    assert max(len(line) for line in result.stdout.splitlines()) <= width


@pytest.mark.parametrize(
    ("width", "variants"),
    [(80, ["employer=vendor"]), (120, VARIANTS)],
)
def test_compare_keeps_a_change_on_one_line_where_the_table_has_room(
    run, width: int, variants: list[str]
) -> None:
    # a trial saw 'employer=' / 'vendor' at 80 columns with room to spare: the label is broken
    # after its '=' only when the table cannot fit it whole, as the band is after its '-'
    args = ["compare", "--exp", "5", "--state", "WA"]
    for vs in variants:
        args += ["--vs", vs]
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    rows = [line.split() for line in result.stdout.split("What moved")[0].splitlines()]
    firsts = {row[0] for row in rows if row}
    for vs in variants:
        for change in vs.split(","):
            assert change in firsts, (change, result.stdout)
    assert max(len(line) for line in result.stdout.splitlines()) <= width


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(
    "args",
    [
        ["levels", "--role", "ehr", "--state", "CA"],
        ["compare", "--exp", "5", "--state", "WA", "--vs", "employer=vendor"],
    ],
)
def test_a_table_heading_wraps_at_the_terminal_width_not_the_table_width(
    run, width: int, args: list[str]
) -> None:
    # a trial saw the levels heading broken over two lines at 120 columns, at the width of its
    # 56-column table: each line of a heading is as full as the terminal lets it be
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    heading = result.stdout.split("\n\n")[0].splitlines()
    for line, after in itertools.pairwise(heading):
        assert len(line) + 1 + len(after.split()[0]) > width, heading
    assert max(len(line) for line in heading) <= width


def test_ctrl_c_at_a_question_ends_the_line() -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "hitsalary", "estimate", "-i"],
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 120),
    )
    child.expect_exact("Years of experience in this kind of work (0-50): ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    lines = child.before.replace("\r\n", "\n").split("\n")
    assert "hitsalary: interrupted" in lines  # on a line of its own, not after the question
