"""hitsalary: salary bands for healthcare IT careers in the US, with every figure sourced."""

from __future__ import annotations

import sys

__version__ = "0.1.0"


def main() -> None:
    """Console entry point. Kept light so Ctrl-C during start-up is still handled."""
    from hitsalary.errors import EXIT_INTERRUPTED

    try:
        from hitsalary.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("hitsalary: interrupted\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
