"""`hitsalary data check`: a data file validated exactly as --data would read it, without estimating."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hitsalary.cli.app import command_app, deliver
from hitsalary.cli.options import JsonOption, PlainArguments
from hitsalary.core.errors import escape_controls

app = command_app(no_args_is_help=True)


@app.callback()
def data() -> None:
    """Check a data file before using it with --data.

    \b
    Examples:
      hitsalary data check my-figures.yaml
      hitsalary data check my-figures.yaml --json
    """


@app.command("check", short_help="Validate a data file without estimating.", cls=PlainArguments)
def data_check(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The YAML file to check.", show_default=False)],
    json_output: JsonOption = False,
) -> None:
    """Validate a data file exactly as --data would, without estimating anything.

    \b
    Examples:
      hitsalary data check my-figures.yaml
      hitsalary data check my-figures.yaml --json
    """
    from hitsalary.loading.reference import user_changes

    changes = user_changes(str(path))

    def as_text() -> None:
        lines = [f"{path}: valid", *(f"  {line}" for line in changes)]  # a newline in a path stays escaped
        sys.stdout.write("".join(escape_controls(line) + "\n" for line in lines))

    deliver(
        json_output,
        lambda: {"schema_version": 1, "file": str(path), "valid": True, "changes": changes},
        as_text,
    )
