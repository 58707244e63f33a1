from __future__ import annotations

import csv
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
# An oracle for the tests: it reads only the published figures of a row and works the stated rule
# out in tests/distribution_hand.py, never with hitsalary's own arithmetic, so a test that
# compares the two checks the calculation.


def as_row(wages: Wages) -> dict[str, str]:
    """A loaded OEWS row as the shared CSV spells it, for tests/distribution_hand.py."""
    row = dict(zip(("p10", "p25", "median", "p75", "p90"), (str(w) for _, w in wages.points), strict=True))
    return {**row, "mean": str(wages.mean), "series_id": wages.series_id}


def half_up(amount: float, unit: int) -> int:
    """Round half up to the unit."""
    return int(Decimal(repr(amount / unit)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * unit


def band_by_hand(
    data: ReferenceData, exp: float, soc: str, multiplier: float = 1.0, *, state: str | None = None
) -> Band:
    """The band the method states for these years of this occupation in the nation (or a state
    that publishes it), times the employer and education multiplier."""
    from . import distribution_hand

    wages = data.by_state[(soc, state)] if state else data.national[soc]
    return Band(*distribution_hand.band(as_row(wages), exp, multiplier))


def rule_point(data: ReferenceData, exp: float, soc: str, *, state: str | None = None) -> float:
    """The point in survey dollars, before rounding."""
    from . import distribution_hand

    wages = data.by_state[(soc, state)] if state else data.national[soc]
    return distribution_hand.survey(as_row(wages), exp)[1]


def median_ratio(top: Wages, bottom: Wages) -> float:
    """One measured factor: a median over another."""
    assert top.median is not None
    assert bottom.median is not None
    return top.median / bottom.median


def eci_by_hand() -> float:
    """The rule stated in eci.yaml, applied to the rows of bls_eci.csv by hand: the NSA private
    industry wages-and-salaries index (CIU2020000000000I); May 2025 read log-linearly between the
    published quarters either side of it (March and December 2025: June and September are not in
    the file); the multiplier is the latest quarter (March 2026) over that."""
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    with (SHARED_DATA / "bls_eci.csv").open(newline="", encoding="utf-8") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if (r["series"], r["ownership"], r["adjustment"], r["occupation_or_industry"], r["measure"])
            == ("ECI wages and salaries", "private industry", "NSA", "All workers", "index_dec2005_100")
        ]
    index = {r["period"]: float(r["value"]) for r in rows}
    assert sorted(index) == ["2025-03", "2025-12", "2026-03"]
    may = index["2025-03"] * (index["2025-12"] / index["2025-03"]) ** (2 / 9)  # May is 2 of the 9 months
    return index["2026-03"] / may


def eci_multiplier() -> float:
    """The ECI multiplier by the stated rule: from the shared CSV (eci_by_hand) when it is beside
    the checkout, else from the shipped eci.yaml's quarters (generated from that CSV, which
    tests/test_data_files.py proves), so tests that need no other shared file still run."""
    if SHARED_DATA.is_dir():
        return eci_by_hand()
    import yaml

    shipped = yaml.safe_load((REPO / "src" / "hitsalary" / "data" / "eci.yaml").read_text(encoding="utf-8"))
    index = {str(k): float(v) for k, v in shipped["series"]["CIU2020000000000I"]["quarters"].items()}
    may = index["2025-03"] * (index["2025-12"] / index["2025-03"]) ** (2 / 9)  # May is 2 of the 9 months
    return index["2026-03"] / may


def one_line_error(result: Any) -> str:
    """A usage problem: exit 2, nothing on stdout, exactly one line on stderr, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return str(lines[0])
