"""The command line: the Typer app (app.py), one module per command (commands/), the shared flags
(options.py), the prompts (prompts.py) and the files commands write (output_files.py).

The top layer: it parses flags, calls the public API and the core, and chooses one renderer.
A run imports only the module of the command it runs (cli/app.py COMMANDS)."""

from __future__ import annotations

from hitsalary.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
