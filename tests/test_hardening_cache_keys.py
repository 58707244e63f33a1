"""The cache, round two: keyed on content (a same-size, same-mtime edit is never served old),
never reached through another user's symlink, no cache in the current folder for a relative
HOME, and temporary files of dead writers removed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import hitsalary as package
from hitsalary.loading import cache
from tests.test_hardening_cache import hitsalary

ARGS = ("sources", "--json")
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="a symlink of another user needs root")


def payscale(result: subprocess.CompletedProcess[str]) -> int:
    assert result.returncode == 0, result.stderr
    [figure] = [f["figure"] for f in json.loads(result.stdout)["figures"] if f["publisher"] == "Payscale"]
    return figure


def test_a_same_size_same_mtime_edit_is_never_served_from_the_cache(tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(Path(package.__file__).parent, copy / "hitsalary")
    where = tmp_path / "cache"
    env = {"PYTHONPATH": str(copy), "HITSALARY_CACHE_DIR": str(where)}
    before = payscale(hitsalary(*ARGS, env=env))
    data = copy / "hitsalary" / "data" / "references.yaml"
    info = data.stat()
    text = data.read_text()
    changed = text.replace(f"figure: {before}", f"figure: {before + 100}", 1)
    assert len(changed) == len(text)
    data.write_text(changed)
    os.utime(data, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (data.stat().st_size, data.stat().st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    assert payscale(hitsalary(*ARGS, env=env)) == before + 100
    assert payscale(hitsalary(*ARGS, env={**env, "HITSALARY_NO_CACHE": "1"})) == before + 100


@needs_root
def test_a_symlink_planted_by_another_user_is_not_followed(tmp_path: Path) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    secret = tmp_path / "secret"
    secret.mkdir(mode=0o700)
    (secret / "hitsalary-data-0123456789abcdef.json").write_text("{}")
    link = shared / "hitsalary"
    link.symlink_to(secret)
    os.lchown(link, 65534, 65534)
    result = hitsalary(*ARGS, env={"XDG_CACHE_HOME": str(shared)})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in secret.iterdir()) == ["hitsalary-data-0123456789abcdef.json"]


def test_a_symlink_of_ones_own_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(tmp_path / "link")})
    assert result.returncode == 0, result.stderr
    assert any(cache.NAME.fullmatch(p.name) for p in real.iterdir())


def test_a_relative_home_makes_no_cache_in_the_current_folder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    result = hitsalary(*ARGS, env={"HOME": "relhome"}, cwd=work)
    assert result.returncode == 0, result.stderr
    assert list(work.iterdir()) == []


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    where = tmp_path / "cache"
    where.mkdir(mode=0o700)
    dead = where / f".hitsalary-data-{dead_pid()}.0badc0de.part"
    live = where / f".hitsalary-data-{os.getpid()}.0badc0de.part"
    other = where / ".notes-1.0badc0de.part"
    for path in (dead, live, other):
        path.write_text("{")
    assert payscale(hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(where)}))
    assert not dead.exists()
    assert live.exists()
    assert other.exists()


def test_a_writer_killed_mid_write_leaves_nothing_for_long(tmp_path: Path) -> None:
    where = tmp_path / "cache"
    env = {"HITSALARY_CACHE_DIR": str(where)}
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HITSALARY_", "XDG_"))}
    stopper = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    program = (
        "import hitsalary.loading.cache as c\n"
        "real = c.os.replace\n"
        f"def replace(*a, **k):\n    {stopper}\n"
        "c.os.replace = replace\n"
        "from hitsalary import main; main()\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", program, *ARGS], env={**clean, **env}, capture_output=True, check=False
    )
    assert killed.returncode == -9
    assert [p for p in where.iterdir() if p.name.endswith(".part")]
    assert payscale(hitsalary(*ARGS, env=env))
    assert not [p for p in where.iterdir() if p.name.endswith(".part")]
