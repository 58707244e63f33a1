"""No exit 70 from any input, and the stream rules for --help, --version and bare groups;
flags and API values that used to be misread or to escape as Python errors."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

import hitsalary
from hitsalary.core.errors import UsageProblem
from tests.test_hardening_files import hitsalary as cli


def one_line(result: subprocess.CompletedProcess[str], code: int, needle: str = "") -> None:
    assert result.returncode == code, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("hitsalary: ")
    assert needle in result.stderr


def screen(args: list[str], stdout: int) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "hitsalary", *args]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True, check=False)


SCREENS = [["--help"], ["--version"], [], ["data"], ["estimate", "--help"], ["data", "--help"]]


@pytest.mark.parametrize("args", SCREENS)
def test_help_and_version_to_a_full_disk_exit_1_with_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = screen(args, full.fileno())
    one_line(result, 1, "No space left on device")


@pytest.mark.parametrize("args", SCREENS)
def test_help_and_version_to_a_closed_pipe_exit_141(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = screen(args, write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, "")


@pytest.mark.parametrize(("args", "code"), [(["batch", "-"], 2), (["estimate", "-i"], 1)])
def test_stdin_open_write_only_is_an_empty_input(args: list[str], code: int) -> None:
    with open(os.devnull, "w") as write_only:
        result = subprocess.run(
            [sys.executable, "-m", "hitsalary", *args],
            stdin=write_only,
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == code, result.stderr
    assert "internal error" not in result.stderr


def test_path_years_with_4301_digits_is_a_usage_error() -> None:
    one_line(cli("path", "--exp", "5", "--years", "9" * 4301), 2, "--years")


@pytest.mark.parametrize("text", ["10,000", "1,000", "5,250"])
def test_exp_with_a_thousands_comma_is_refused(text: str) -> None:
    one_line(cli("estimate", "--exp", text), 2, "ambiguous")


def test_exp_with_a_decimal_comma_still_works() -> None:
    result = cli("estimate", "--exp", "2,5", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["exp"] == 2.5


def test_exp_minus_zero_shows_zero_years() -> None:
    result = cli("estimate", "--exp", "-0")
    assert result.returncode == 0, result.stderr
    assert "-0 years" not in result.stdout
    assert "0 years" in result.stdout


@pytest.mark.parametrize(
    ("offer", "needle"),
    [
        ("\u0669\u0662\u0660\u0660\u0660", "an amount"),
        ("0.5", "less than a dollar"),
        ("\uff19\uff12k", "an amount"),
    ],
)
def test_offer_refuses_unicode_digits_and_less_than_a_dollar(offer: str, needle: str) -> None:
    one_line(cli("estimate", "--exp", "5", "--offer", offer), 2, needle)


@pytest.mark.parametrize("command", ["compare", "path"])
def test_the_number_of_vs_is_capped(command: str) -> None:
    args = [arg for _ in range(21) for arg in ("--vs", "state=CA")]
    one_line(cli(command, "--exp", "5", *args), 2, "at most 20")


def test_a_10_mb_guided_answer_is_refused_with_flat_memory() -> None:
    answers = "x" * (10 * 1024 * 1024) + "\n5\n\n\n\n\n\n"
    result = cli("estimate", "-i", stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "at most 1,000 characters" in result.stderr
    assert len(result.stderr) < 5_000
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak_kb < 300 * 1024  # the 10 MB line is never held whole, let alone searched


class Hostile:
    def __str__(self) -> str:
        raise RuntimeError("never call me")

    __repr__ = __str__
    __format__ = None  # type: ignore[assignment]


class Looping:
    def __str__(self) -> str:
        while True:
            pass


@pytest.mark.parametrize(
    "kwargs",
    [
        {"exp": 10**5000},
        {"exp": Hostile()},
        {"exp": Looping()},
        {"exp": True},
        {"exp": 5, "state": Hostile()},
        {"exp": 5, "role": Looping()},
        {"exp": 5, "data": 123},
        {"exp": 5, "data": Hostile()},
    ],
)
def test_the_api_refuses_what_it_cannot_read_as_usage_problems(kwargs: dict) -> None:
    with pytest.raises(UsageProblem) as caught:
        hitsalary.estimate(**kwargs)
    assert len(str(caught.value)) < 200


def test_long_values_are_cut_short_in_messages() -> None:
    result = cli("estimate", "--exp", "5", "--state", "Z" * 5000)
    one_line(result, 2, "(5,000 characters)")
    assert len(result.stderr) < 400
    result = cli("batch", "/".join(["missing"] * 300) + ".csv")
    one_line(result, 2, "no such file")
    assert len(result.stderr) < 400


@pytest.mark.parametrize("where", ["stat", "open"])
@pytest.mark.parametrize("command", [["estimate", "--exp", "5"], ["batch", "-"], ["data", "check"]])
def test_a_data_file_that_cannot_be_read_is_exit_1_wherever_it_fails(
    run, monkeypatch, tmp_path, where: str, command: list[str]
) -> None:
    """As root nothing is unreadable, so the PermissionError a user would get is made here: in
    the folder (stat fails) or in the file (open fails), the exit code is the same."""
    from hitsalary.loading import datafiles, reference

    path = tmp_path / "locked" / "mine.yaml"
    path.parent.mkdir()
    path.write_text("bea_rpp:\n  source: {publisher: X, title: Y, year: 2026}\n")
    real = getattr(datafiles.os, where)

    def denied(target, *args, **kwargs):
        if str(target) == str(path):
            raise PermissionError(13, "Permission denied", str(target))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(datafiles.os, where, denied)
    reference.load.cache_clear()
    args = [*command, str(path)] if command[0] == "data" else [*command, "--data", str(path)]
    try:
        result = run(*args, input="exp\n5\n")
    finally:
        reference.load.cache_clear()
    assert result.exit_code == 1, result.stderr
    assert "Permission denied" in result.stderr


@pytest.mark.parametrize("args", [["areas", "--json"], ["sources", "--role", "ehr", "--json"]])
def test_a_reader_that_stops_early_in_a_large_document_gives_141(args: list[str]) -> None:
    """A JSON document larger than the pipe's buffer, read for 100 bytes (`| head -c 100`): the
    closed pipe is seen (CPython loses it after one large partial write), exit 141, stderr quiet."""
    child = subprocess.Popen(
        [sys.executable, "-m", "hitsalary", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    with child.stdout, child.stderr:
        assert len(child.stdout.read(100)) == 100
        child.stdout.close()
        stderr = child.stderr.read()
    assert (child.wait(timeout=60), stderr) == (141, b"")
