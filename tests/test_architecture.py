"""The architecture, checked: the layers (import-linter contracts in pyproject.toml), no import
circles anywhere in src/hitsalary, and no private imports from Typer or Click."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def source_files() -> list[Path]:
    return sorted((SRC / "hitsalary").rglob("*.py"))


def lint_imports(src: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's own contracts, over the package found in `src`."""
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "300"}  # one contract per line
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(REPO / "pyproject.toml")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contracts_hold() -> None:
    result = lint_imports(SRC, REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


LAYERS = "Layers: cli > api > rosters > output > loading > core"


@pytest.mark.parametrize(
    ("module", "code", "contract"),
    [
        ("core", "from hitsalary.cli import app\n", LAYERS),
        ("core", "from hitsalary.loading import cache\n", LAYERS),
        ("loading", "import hitsalary.output.render\n", LAYERS),
        ("output", "from hitsalary.api import estimate\n", LAYERS),
        ("output", "from hitsalary.rosters import runner\n", LAYERS),
        ("rosters", "from hitsalary.api import estimate\n", LAYERS),
        ("core", "import rich\n", "The core and loading never import typer or rich"),
        ("output", "import typer\n", "Output never imports typer"),
    ],
)
def test_an_upward_import_fails_and_names_the_contract(
    tmp_path: Path, module: str, code: str, contract: str
) -> None:
    copy = tmp_path / "src"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "hitsalary" / module / "throwaway.py").write_text(f'"""A wrong import."""\n\n{code}')
    result = lint_imports(copy, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout
    assert f"hitsalary.{module}.throwaway" in result.stdout


def test_no_import_circles() -> None:
    graph = grimp.build_graph("hitsalary", cache_dir=None)
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(" -> ".join((module, *back)))
    assert len(graph.modules) > 30  # the whole package was read
    assert cycles == []


def test_no_private_imports_from_typer_or_click() -> None:
    private = []
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] in ("typer", "click") and any(p.startswith("_") for p in parts[1:]):
                    private.append(f"{path.relative_to(SRC)}:{node.lineno}: {name}")
    assert private == []


MAX_FUNCTION_LINES = 60
# Functions allowed to be longer, each named in README's "Architecture" section with the reason.
LONG_FUNCTIONS: set[str] = set()


def test_no_function_over_60_lines() -> None:
    long = []
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                name = f"{path.relative_to(SRC).with_suffix('')}.{node.name}".replace("/", ".")
                if lines > MAX_FUNCTION_LINES and name not in LONG_FUNCTIONS:
                    long.append(f"{name}: {lines} lines")
    assert long == []
