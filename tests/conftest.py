from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hitsalary.cli import app
from hitsalary.models import ReferenceData
from hitsalary.reference import load

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
