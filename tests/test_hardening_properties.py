"""Property tests over the two files hitsalary reads besides its own package: the data cache
and a user's data file. Whatever they hold: an exit code from the documented set, one clean
error line, no traceback, no file changed outside what hitsalary owns; and a damaged cache never
changes a result."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hitsalary.cli import app
from hitsalary.loading import cache, reference

DOCUMENTED = {0, 1, 2, 3, 130, 141}
RUNNER = CliRunner()
ARGS = ["estimate", "--exp", "5", "--state", "CA", "--json"]
NAMES = list(reference.SPECS)
COUNTER = itertools.count()

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.sampled_from([0, -1, 10**400, 2**63, 1e308]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["CA", "\x1b]0;x\x07", "15-1212", "2025-05", "verified", ""]),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder with a digest of its content, but hitsalary's own cache files."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if (
            path.is_file()
            and not path.is_symlink()
            and not cache.NAME.fullmatch(path.name)
            and not cache.STAMP.fullmatch(path.name)
        ):
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def assert_clean(result) -> None:
    assert result.exit_code in DOCUMENTED, (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code:
        lines = result.stderr.strip().splitlines()
        assert lines, result.exception
        assert lines[-1].startswith("hitsalary: ")
        assert "internal error" not in result.stderr
        assert "\x1b" not in result.stderr


@pytest.fixture(scope="module")
def sandbox():
    with tempfile.TemporaryDirectory(prefix="hitsalary-props-") as top:
        root = Path(top)
        (root / "cache").mkdir(mode=0o700)
        (root / "project").mkdir()
        (root / "project" / "data-2024.json").write_text('{"keep": true}')
        (root / "project" / "roster.csv").write_text("id,exp\nA,5\n")
        yield root


@pytest.fixture(scope="module")
def truth(sandbox: Path) -> tuple[dict, dict]:
    """The result without a cache, and the validated data sets as the cache holds them."""
    reference.load.cache_clear()
    result = RUNNER.invoke(app, ARGS, env={"HITSALARY_CACHE_DIR": str(sandbox / "cache")})
    reference.load.cache_clear()
    assert result.exit_code == 0, result.stderr
    [entry] = [p for p in (sandbox / "cache").iterdir() if cache.NAME.fullmatch(p.name)]
    return json.loads(result.stdout), json.loads(cache.unseal(entry.read_text()))


def replace_at(data: Any, path: list[int], value: Any) -> Any:
    """data with the node that `path` picks (indices into each level's items) set to value."""
    if not path or not isinstance(data, (dict, list)) or not data:
        return value
    if isinstance(data, dict):
        keys = list(data)
        key = keys[path[0] % len(keys)]
        return {**data, key: replace_at(data[key], path[1:], value)}
    index = path[0] % len(data)
    return [*data[:index], replace_at(data[index], path[1:], value), *data[index + 1 :]]


def run_with_cache(sandbox: Path, content: str) -> Any:
    where = sandbox / "cache"
    for old in where.iterdir():
        old.unlink()
    (where / cache.current_name(NAMES)).write_text(content, encoding="utf-8", errors="surrogatepass")
    reference.load.cache_clear()
    try:
        return RUNNER.invoke(app, ARGS, env={"HITSALARY_CACHE_DIR": str(where)})
    finally:
        reference.load.cache_clear()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 50), max_size=7), VALUES)
def test_a_sealed_but_mutated_cache_never_crashes(sandbox, truth, path: list[int], value: Any) -> None:
    """As if someone wrote a cache file with a valid checksum: the specs stand between it and a
    result. Any exit is documented and clean; a refused cache gives the true result."""
    _, datasets = truth
    before = snapshot(sandbox)
    mutated = replace_at(datasets, path, value)
    try:
        text = json.dumps(mutated)
    except (ValueError, TypeError):
        text = str(mutated)
    result = run_with_cache(sandbox, cache.seal(text))
    assert_clean(result)
    assert result.exit_code == 0  # a cache fault is never an error: it is rebuilt
    refused = not isinstance(mutated, dict) or not reference.cache_is_valid(mutated)
    if refused:
        assert json.loads(result.stdout) == truth[0]
    assert snapshot(sandbox) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.binary(min_size=1, max_size=8))
def test_a_cache_damaged_on_disk_never_changes_the_result(sandbox, truth, where: int, junk: bytes) -> None:
    expected, datasets = truth
    sealed = cache.seal(json.dumps(datasets))
    at = where % len(sealed)
    damaged = sealed[:at] + junk.decode("latin-1") + sealed[at + len(junk) :]
    result = run_with_cache(sandbox, damaged)
    assert_clean(result)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == expected


SECTION_KEYS = {name: list(spec.required) + list(spec.optional) for name, spec in reference.SPECS.items()}
SOURCE = {"publisher": "X", "title": "Y", "year": 2026}


# what YAML 1.1 reads as booleans, octal, sexagesimal numbers or dates; YAML 1.2 (hitsalary) does not
YAML_1_1 = st.sampled_from(
    [
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "Yes",
        "OFF",
        "075000",
        "0o17",
        "0x1F",
        "0b11",
        "1:15:00",
        "190:20:30",
        "1_000",
        "2026-01-01",
        "2001-12-14t21:59:43.10-05:00",
        "~",
        "null",
        ".inf",
        "-.NaN",
        "1e3",
        "+12",
        "0012",
        "=",
        "<<",
    ]
)


@st.composite
def yaml_1_1_file(draw: st.DrawFn) -> str:
    """A data file written as a person might, unquoted: keys and values YAML 1.1 would misread."""
    name = draw(st.sampled_from(sorted(reference.SPECS)))
    lines = [f"{name}:", "  source: {publisher: X, title: Y, year: 2026}"]
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.one_of(YAML_1_1, st.sampled_from(SECTION_KEYS[name])))
        if draw(st.booleans()):
            lines.append(f"  {key}: {draw(YAML_1_1)}")
        else:
            lines.append(f"  {key}:\n    {draw(YAML_1_1)}: {{name: {draw(YAML_1_1)}, rpp: {draw(YAML_1_1)}}}")
    return "\n".join(lines) + "\n"


@st.composite
def user_files(draw: st.DrawFn) -> str:
    """A user's data file: mostly well-formed sections with odd values, sometimes raw YAML."""
    if draw(st.integers(0, 4)) == 0:
        return draw(
            st.one_of(
                st.text(max_size=200),
                st.sampled_from(
                    [
                        "a: &a [1,2]\nb: [*a,*a]\n",
                        "bea_rpp:\n  states:\n    CA: {}\n    CA: {}\n",
                        "x: &x [*x]\n",
                        "[" * 300,
                        "!!python/object/apply:os.system ['true']",
                        "levels: !!binary AAAA\n",
                    ]
                ),
            )
        )
    if draw(st.integers(0, 3)) == 0:
        return draw(yaml_1_1_file())
    name = draw(st.sampled_from(sorted(reference.SPECS)))
    section: dict[str, Any] = {"source": SOURCE} if draw(st.booleans()) else {}
    for key in draw(st.lists(st.sampled_from(SECTION_KEYS[name]), max_size=3)):
        section[key] = draw(VALUES) if key != "source" else SOURCE
    if draw(st.booleans()) and name == "bea_rpp":
        section["states"] = {
            draw(st.sampled_from(["CA", "ZZ", "ca"])): {"name": draw(LEAVES), "rpp": draw(LEAVES)}
        }
    return json.dumps({name: section}, default=str, allow_nan=True)  # JSON is YAML


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(user_files(), st.sampled_from([ARGS, ["sources"], ["data", "check"], ["batch", "roster.csv"]]))
def test_any_user_data_file_ends_cleanly(sandbox, text: str, command: list[str]) -> None:
    project = sandbox / "project"
    path = project / f"mine-{next(COUNTER)}.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = snapshot(sandbox)
    args = [*command, str(path)] if command == ["data", "check"] else [*command, "--data", str(path)]
    cwd = os.getcwd()
    os.chdir(project)
    try:
        result = RUNNER.invoke(
            app, args, env={"HITSALARY_CACHE_DIR": str(sandbox / "cache"), "COLUMNS": "80"}
        )
    finally:
        os.chdir(cwd)
        reference.load.cache_clear()
    assert_clean(result)
    assert snapshot(sandbox) == before
    path.unlink()
