"""The data cache never changes a result: a planted or damaged cache is ignored and rebuilt,
clean-up deletes only hitsalary's own files, and the XDG and on/off rules are followed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hitsalary.loading import cache, reference

ARGS = ("estimate", "--exp", "5", "--state", "CA", "--json")
NAMES = list(reference.SPECS)


def hitsalary(*args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HITSALARY_", "XDG_"))}
    return subprocess.run(
        [sys.executable, "-m", "hitsalary", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
        cwd=cwd,
        check=False,
    )


@pytest.fixture(scope="module")
def truth() -> dict:
    result = hitsalary(*ARGS, env={"HITSALARY_NO_CACHE": "1"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    where = tmp_path / "cache"
    where.mkdir(mode=0o700)
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(where)})
    assert result.returncode == 0, result.stderr
    [entry] = [p for p in where.iterdir() if not cache.STAMP.fullmatch(p.name)]
    assert cache.NAME.fullmatch(entry.name)
    return where


def cache_file(where: Path) -> Path:
    [entry] = [p for p in where.iterdir() if cache.NAME.fullmatch(p.name)]
    return entry


def content(where: Path) -> dict:
    return json.loads(cache.unseal(cache_file(where).read_text()))


def poisoned(where: Path) -> dict:
    data = content(where)
    data["bea_rpp"]["states"]["CA"]["rpp"] *= 2  # valid, but not the shipped figure
    return data


def test_a_cache_in_a_folder_others_can_write_is_not_used(cache_dir: Path, truth: dict) -> None:
    cache_file(cache_dir).write_text(cache.seal(json.dumps(poisoned(cache_dir))))
    cache_dir.chmod(0o777)
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == truth


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_in_someone_elses_folder_is_not_used(cache_dir: Path, truth: dict) -> None:
    cache_file(cache_dir).write_text(cache.seal(json.dumps(poisoned(cache_dir))))
    os.chown(cache_dir, 65534, 65534)
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == truth


def damage(kind: str, data: dict) -> str:
    states = data["bea_rpp"]["states"]
    if kind == "zero":
        states["CA"]["rpp"] = 0
    elif kind == "negative":
        data["method"]["band"]["half_width"] = -5
    elif kind == "string":
        states["CA"]["rpp"] = "lots"
    elif kind == "shape":
        data["levels"]["levels"] = [1, 2, 3]
    elif kind == "missing":
        del data["factors"]["factors"]
    elif kind == "nan":
        return json.dumps(data).replace('"half_width": ', '"half_width": NaN, "x": ', 1)
    elif kind == "deep":
        return '{"levels": ' + "[" * 100_000 + "]" * 100_000 + "}"
    elif kind == "huge":
        states["CA"]["rpp"] = 10**400
    return json.dumps(data)


@pytest.mark.parametrize("kind", ["zero", "negative", "string", "shape", "missing", "nan", "deep", "huge"])
def test_a_damaged_cache_is_ignored_and_rebuilt(cache_dir: Path, truth: dict, kind: str) -> None:
    path = cache_file(cache_dir)
    path.write_text(cache.seal(damage(kind, content(cache_dir))))  # a valid checksum: the specs must catch it
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == truth
    assert "Traceback" not in result.stderr
    again = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(cache_dir)})
    assert json.loads(again.stdout) == truth


def test_a_cache_damaged_on_disk_fails_its_checksum(cache_dir: Path, truth: dict) -> None:
    path = cache_file(cache_dir)
    path.write_text(path.read_text().replace('"rpp": 1', '"rpp": 2', 1))
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == truth


def test_a_fifo_in_place_of_the_cache_does_not_hang(cache_dir: Path, truth: dict) -> None:
    path = cache_file(cache_dir)
    path.unlink()
    os.mkfifo(path)
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(cache_dir)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == truth


def test_clean_up_deletes_only_hitsalarys_own_files(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir(mode=0o700)
    mine = ["data-2024.json", "data-00000000.json", "hitsalary-data-notes.json", "hitsalary-data-0.json"]
    for name in mine:
        (project / name).write_text("{}")
    stale = project / "hitsalary-data-0123456789abcdef.json"
    stale.write_text("{}")
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(project)})
    assert result.returncode == 0, result.stderr
    for name in mine:
        assert (project / name).read_text() == "{}"
    assert not stale.exists()


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    result = hitsalary(*ARGS, env={"XDG_CACHE_HOME": "relative", "HOME": str(home)}, cwd=work)
    assert result.returncode == 0, result.stderr
    assert list(work.iterdir()) == []
    assert any(cache.NAME.fullmatch(p.name) for p in (home / ".cache" / "hitsalary").iterdir())


@pytest.mark.parametrize(
    ("value", "used"), [("0", True), ("no", True), ("1", False), ("true", False), ("YES", False)]
)
def test_only_yes_values_turn_the_cache_off(tmp_path: Path, value: str, used: bool) -> None:
    where = tmp_path / "cache"
    result = hitsalary(*ARGS, env={"HITSALARY_CACHE_DIR": str(where), "HITSALARY_NO_CACHE": value})
    assert result.returncode == 0, result.stderr
    assert where.exists() == used
