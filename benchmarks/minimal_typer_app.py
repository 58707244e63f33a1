"""The start-up floor: a Typer app with the same estimate options that prints a fixed JSON object.

python benchmarks/minimal_typer_app.py estimate --exp 5 --state CA --json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.callback()
def root() -> None:
    """A group, as hitsalary is one."""


@app.command()
def estimate(
    exp: Annotated[str | None, typer.Option("--exp")] = None,
    state: Annotated[str | None, typer.Option("--state")] = None,
    education: Annotated[str | None, typer.Option("--education")] = None,
    employer: Annotated[str | None, typer.Option("--employer")] = None,
    specialization: Annotated[str | None, typer.Option("--specialization")] = None,
    offer: Annotated[str | None, typer.Option("--offer")] = None,
    json_output: Annotated[bool, typer.Option("--json")] = False,
    interactive: Annotated[bool, typer.Option("--interactive", "-i")] = False,
    data_path: Annotated[Path | None, typer.Option("--data", envvar="HITSALARY_DATA")] = None,
) -> None:
    sys.stdout.write(json.dumps({"band": {"low": 94310, "mid": 111915, "high": 138322}}) + "\n")


if __name__ == "__main__":
    app()
