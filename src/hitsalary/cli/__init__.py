"""The command line: the Typer app, its commands, the prompts and the batch driver.

The top layer: it parses flags, calls the public API and the core, and chooses one renderer.
Importing this package registers every command on `app`."""

from __future__ import annotations

from hitsalary.cli import commands as _commands  # noqa: F401  # registers every command on app
from hitsalary.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
