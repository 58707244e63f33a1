"""Output files: devices and FIFOs are written into, the input is never the output, a symlink
keeps pointing at its file, and no signal leaves a temporary file behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import spawn

ROSTER = "id,exp,state\nA,5,CA\nB,2,TX\n"
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="replacing a device needs root")


def hitsalary(*args: str, cwd: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hitsalary", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
    )


@needs_root
def test_dev_null_stays_a_device() -> None:
    before = os.stat("/dev/null")
    result = hitsalary("batch", "-", "-o", "/dev/null", stdin=ROSTER)
    assert result.returncode == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@needs_root
def test_dev_full_is_one_line_and_stays_a_device() -> None:
    result = hitsalary("batch", "-", "-o", "/dev/full", stdin=ROSTER)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("hitsalary: cannot write '/dev/full'")
    assert "Traceback" not in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_is_written_into(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    result = hitsalary("batch", "-", "-o", str(fifo), stdin=ROSTER)
    text, _ = reader.communicate(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert text.count("\n") == 2


def test_dev_stdout_reaches_stdout() -> None:
    result = hitsalary("batch", "-", "-o", "/dev/stdout", stdin=ROSTER)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"row"') == 2


@pytest.mark.parametrize("how", ["same", "hardlink", "symlink"])
def test_output_equal_to_input_is_refused(tmp_path: Path, how: str) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_text(ROSTER)
    inode = roster.stat().st_ino
    output = roster
    if how == "hardlink":
        output = tmp_path / "other.csv"
        os.link(roster, output)
    elif how == "symlink":
        output = tmp_path / "other.csv"
        output.symlink_to(roster)
    result = hitsalary("batch", str(roster), "-o", str(output))
    assert result.returncode == 2
    assert "is the same file as the input" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert roster.read_text() == ROSTER
    assert roster.stat().st_ino == inode


def test_missing_folder_with_slash_is_refused(tmp_path: Path) -> None:
    result = hitsalary("batch", "-", "-o", "newdir/", cwd=tmp_path, stdin=ROSTER)
    assert result.returncode == 2
    assert "no such folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_writing_through_a_symlink_replaces_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    target.chmod(0o600)
    link = tmp_path / "link.jsonl"
    link.symlink_to(target.name)
    result = hitsalary("batch", "-", "-o", str(link), stdin=ROSTER)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert os.readlink(link) == target.name
    assert target.read_text().count('"row"') == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.jsonl", "real.jsonl"]


def dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            pass
        pid -= 1


def test_stale_part_files_of_dead_runs_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / f".out.jsonl.{dead_pid()}.abc123.part"
    live = tmp_path / f".out.jsonl.{os.getpid()}.abc123.part"
    unrelated = tmp_path / ".out.jsonl.notes.part"
    for path in (stale, live, unrelated):
        path.write_text("partial")
    result = hitsalary("batch", "-", "-o", str(tmp_path / "out.jsonl"), stdin=ROSTER)
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert live.exists()  # its process is still running
    assert unrelated.exists()  # not a name hitsalary makes


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signals_leave_the_old_output_and_no_part_file(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("the previous, complete output\n")
    child = spawn(
        "batch",
        "-",
        "-o",
        str(target),
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    assert child.stdin is not None
    child.stdin.write(b"id,exp\n" + b"x,5\n" * 1000)
    child.stdin.flush()
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".out.jsonl.*.part")):
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.05)
    child.send_signal(signum)
    try:
        _, err_bytes = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait(timeout=30)
    err = err_bytes.decode()
    assert "Traceback" not in err
    assert child.returncode in (-signum, 128 + signum, 130)
    assert target.read_text() == "the previous, complete output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
