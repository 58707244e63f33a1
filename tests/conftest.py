from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hitsalary.cli import app
from hitsalary.models import ReferenceData
from hitsalary.reference import load

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's own data cache."""
    os.environ["HITSALARY_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


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
