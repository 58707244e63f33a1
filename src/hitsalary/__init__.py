"""hitsalary: salary bands for healthcare IT careers in the US, with every figure sourced."""

from __future__ import annotations

import sys

from hitsalary.core.version import __version__ as __version__


def main() -> None:
    """Console entry point. Kept light so Ctrl-C during start-up is still handled."""
    from hitsalary.core.errors import EXIT_INTERRUPTED

    try:
        from hitsalary.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("hitsalary: interrupted\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
