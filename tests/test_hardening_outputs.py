"""Output files, round two: the input is never the output however it is reached (stdin, stdout,
--output, --data, compared by device and inode); every regular file is replaced atomically
wherever it lives; a file stdout is appended to is never truncated; a read-only output is
refused; long names work up to the file system's limit and are refused cleanly beyond it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROSTER = "id,exp,state\nA,5,CA\nB,2,TX\n"
SHM = Path("/dev/shm")
needs_shm = pytest.mark.skipif(not SHM.is_dir(), reason="no /dev/shm here")


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """hitsalary with the redirections of a shell command line."""
    program = f"{sys.executable} -m hitsalary"
    return subprocess.run(
        command.replace("hitsalary", program, 1),
        shell=True,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def refused(result: subprocess.CompletedProcess[str], needle: str = "is the same file as") -> None:
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert needle in result.stderr


def test_appending_stdout_to_the_input_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.jsonl"
    loop.write_text('{"exp": 5}\n')
    refused(shell("hitsalary batch loop.jsonl >> loop.jsonl", tmp_path))
    assert loop.read_text() == '{"exp": 5}\n'


def test_stdin_as_the_output_file_is_refused(tmp_path: Path) -> None:
    roster = tmp_path / "in.csv"
    roster.write_text(ROSTER)
    refused(shell("hitsalary batch - -o in.csv < in.csv", tmp_path))
    assert roster.read_text() == ROSTER


def test_the_data_file_as_the_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(ROSTER)
    data = tmp_path / "d.yaml"
    data.write_text("bea_rpp:\n  source: {publisher: X, title: Y, year: 2026}\n")
    before = data.read_text()
    refused(shell("hitsalary batch in.csv --data d.yaml -o d.yaml", tmp_path))
    assert data.read_text() == before


def test_dev_null_may_be_both_stdin_and_stdout(tmp_path: Path) -> None:
    result = shell("hitsalary batch - < /dev/null > /dev/null", tmp_path)
    assert result.returncode == 2  # an empty input has no exp column: refused for that alone
    assert "no 'exp' column" in result.stderr


def test_output_to_dev_stdout_appended_to_a_log_does_not_truncate_it(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(ROSTER)
    log = tmp_path / "log"
    log.write_text("earlier line\n")
    result = shell("hitsalary batch in.csv -o /dev/stdout >> log", tmp_path)
    assert result.returncode == 0, result.stderr
    text = log.read_text()
    assert text.startswith("earlier line\n")
    assert text.count('"row"') == 2


@needs_shm
def test_a_regular_file_in_dev_shm_is_replaced_atomically(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(ROSTER)
    out = SHM / f"hitsalary-test-{os.getpid()}.jsonl"
    link = tmp_path / "link.jsonl"
    try:
        out.write_text("old\n")
        before = out.stat().st_ino
        link.symlink_to(out)
        for target in (str(out), str(link)):
            result = shell(f"hitsalary batch in.csv -o {target}", tmp_path)
            assert result.returncode == 0, result.stderr
            assert out.stat().st_ino != before  # a new file renamed over it: never written in place
            before = out.stat().st_ino
        assert link.is_symlink()
        assert out.read_text().count('"row"') == 2
        assert not [p for p in SHM.iterdir() if p.name.startswith(f".{out.name}.")]
    finally:
        out.unlink(missing_ok=True)


def test_a_read_only_output_is_refused_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(ROSTER)
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n")
    out.chmod(0o444)
    refused(shell("hitsalary batch in.csv -o out.jsonl", tmp_path), "is read-only (mode 444)")
    assert out.read_text() == "keep me\n"


def test_a_246_character_output_name_works(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(ROSTER)
    name = "b" * 240 + ".jsonl"
    result = shell(f"hitsalary batch in.csv -o {name}", tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).read_text().count('"row"') == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "in.csv"])


def test_an_output_name_over_the_limit_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(ROSTER)
    result = shell(f"hitsalary batch in.csv -o {'c' * 300}.jsonl", tmp_path)
    refused(result, "File name too long")
    assert len(result.stderr) < 400


def test_an_output_folder_that_cannot_be_read_is_a_usage_error(run, monkeypatch, tmp_path: Path) -> None:
    """As root nothing is unreadable, so the PermissionError a user would get is made here."""
    secret = tmp_path / "secret"
    real_stat = Path.stat

    def stat(self: Path, **kwargs):
        if str(self).startswith(str(secret)):
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    result = run("batch", "-", "-o", str(secret / "out.jsonl"), input=ROSTER)
    assert result.exit_code == 2, result.stderr
    assert "Permission denied" in result.stderr


def test_an_unclosed_quote_in_the_header_is_a_usage_error(tmp_path: Path) -> None:
    roster = tmp_path / "in.csv"
    with roster.open("w") as handle:
        handle.write('exp,"state\n')
        handle.write("a" * (17 * 1024 * 1024))
    result = shell("hitsalary batch in.csv", tmp_path)
    refused(result, "header")
