from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hitsalary.cli import app
from hitsalary.core.models import Band, ReferenceData, Wages
from hitsalary.loading.reference import load

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Tests never read or write the user's own data cache (set before any test module loads data)."""
    os.environ["HITSALARY_CACHE_DIR"] = tempfile.mkdtemp(prefix="hitsalary-test-cache-")


@pytest.fixture(scope="session")
def data() -> ReferenceData:
    return load()


@pytest.fixture
def run():
    """Invoke the CLI in-process; stdout and stderr come back separately."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env={"COLUMNS": "100", **(env or {})})

    return invoke


@pytest.fixture
def run_json(run):
    def invoke(*args: str) -> dict[str, Any]:
        result = run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


def spawn(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    """The real console program, as a user starts it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **kwargs.pop("env", {})}
    return subprocess.Popen([sys.executable, "-m", "hitsalary", *args], env=env, **kwargs)


# --- the stated rule (method.yaml), worked by hand ----------------------------------------------
# An oracle for the tests: it reads only the published figures, the method's anchors, width and
# rounding unit, never hitsalary's own arithmetic, so a test that compares the two checks the
# calculation. The interpolation is the one method.yaml states: linear in the log of the wage.


def rule_percentile(data: ReferenceData, exp: float) -> float:
    """Years -> percentile: straight lines between the method's anchors, flat after the last."""
    anchors = [(a.years, a.percentile) for a in data.method.anchors]
    for (y0, p0), (y1, p1) in itertools.pairwise(anchors):
        if exp <= y1:
            return p0 + (p1 - p0) * (exp - y0) / (y1 - y0)
    return anchors[-1][1]


def published_wage(points: tuple[tuple[int, int], ...], pct: float) -> float:
    """The wage at a percentile: a constant growth rate between the two nearest published ones."""
    for (p0, w0), (p1, w1) in itertools.pairwise(points):
        if p0 <= pct <= p1:
            return w0 * (w1 / w0) ** ((pct - p0) / (p1 - p0))
    raise AssertionError(f"percentile {pct} is outside the published {points[0][0]}-{points[-1][0]}")


def half_up(amount: float, unit: int) -> int:
    """Round half up to the unit."""
    return int(Decimal(repr(amount / unit)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * unit


def band_by_hand(data: ReferenceData, exp: float, soc: str, multiplier: float = 1.0) -> Band:
    """The band the method states for these years of this occupation, times a multiplier."""
    point = rule_percentile(data, exp)
    width = data.method.half_width
    points = data.national[soc].points
    where = (max(points[0][0], point - width), point, min(points[-1][0], point + width))
    unit = data.method.rounding_unit
    return Band(*(half_up(published_wage(points, pct) * multiplier, unit) for pct in where))


def median_ratio(top: Wages, bottom: Wages) -> float:
    """One measured factor: a median over another."""
    assert top.median is not None
    assert bottom.median is not None
    return top.median / bottom.median


def one_line_error(result: Any) -> str:
    """A usage problem: exit 2, nothing on stdout, exactly one line on stderr, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return str(lines[0])
