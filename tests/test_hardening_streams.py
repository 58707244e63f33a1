"""Closed, full and ASCII-only streams, and odd terminal widths: one line and a documented exit
code, or readable output; never an internal error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ESTIMATE = ("estimate", "--exp", "5", "--state", "CA")


def hitsalary(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "hitsalary", *args],
        capture_output=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
        **kwargs,
    )


def closed_fd(fd: int):
    def close() -> None:
        os.close(fd)

    return close


def assert_one_line(stderr: bytes, needle: str) -> None:
    text = stderr.decode()
    assert "Traceback" not in text
    assert "internal error" not in text
    assert text.splitlines()[-1].startswith("hitsalary: ")
    assert needle in text.splitlines()[-1]


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_closed_stdout_exits_141(fmt: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "hitsalary", *ESTIMATE, *fmt],
        stderr=subprocess.PIPE,
        timeout=60,
        preexec_fn=closed_fd(1),
        check=False,
    )
    assert proc.returncode == 141
    assert_one_line(proc.stderr, "stdout is closed")


def test_closed_stdout_does_not_matter_when_output_goes_to_a_file(tmp_path) -> None:
    roster = tmp_path / "in.csv"
    roster.write_text("id,exp\nA,5\n")
    proc = subprocess.run(
        [sys.executable, "-m", "hitsalary", "batch", str(roster), "-o", str(tmp_path / "out.jsonl")],
        stderr=subprocess.PIPE,
        timeout=60,
        preexec_fn=closed_fd(1),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.jsonl").read_text().count("\n") == 1


def test_closed_stdin_at_a_question_exits_1() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "hitsalary", "estimate", "-i"],
        capture_output=True,
        timeout=60,
        preexec_fn=closed_fd(0),
        check=False,
    )
    assert proc.returncode == 1
    assert_one_line(proc.stderr, "input ended")


def test_closed_stdin_for_batch_is_a_usage_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "hitsalary", "batch", "-"],
        capture_output=True,
        timeout=60,
        preexec_fn=closed_fd(0),
        check=False,
    )
    assert proc.returncode == 2
    assert_one_line(proc.stderr, "no 'exp' column")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [ESTIMATE, (*ESTIMATE, "--json"), ("sources",), ("batch", "-")])
def test_a_full_disk_on_stdout_exits_1(args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "hitsalary", *args],
            input=b"id,exp\nA,5\n",
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 1
    assert_one_line(proc.stderr, "No space left on device")
    assert len(proc.stderr.decode().splitlines()) == 1


@pytest.mark.parametrize(
    "env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}]
)
@pytest.mark.parametrize(
    "command", [ESTIMATE, ("compare", "--exp", "5", "--vs", "state=CA"), ("path", "--exp", "2")]
)
def test_ascii_only_output_is_drawn_in_ascii(env: dict[str, str], command: tuple[str, ...]) -> None:
    proc = hitsalary(*command, env={"COLUMNS": "100", **env})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.isascii()
    assert b"$" in proc.stdout
    assert b"\\u" not in proc.stdout


@pytest.mark.parametrize("columns", ["0", "1", "5", "100000", "999999999999", "-3", "x"])
@pytest.mark.parametrize("command", [ESTIMATE, ("compare", "--exp", "5", "--vs", "state=CA"), ("states",)])
def test_any_columns_value_gives_readable_output(columns: str, command: tuple[str, ...]) -> None:
    proc = hitsalary(*command, env={"COLUMNS": columns})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert len(lines) > 10
    assert max(len(line) for line in lines) >= 30  # not one character per line
    assert max(len(line) for line in lines) <= 300
