"""hitsalary: salary bands for healthcare IT careers in the US, with every figure sourced.

The public API (`estimate`, `load_reference`, `to_json`, ...) lives in `hitsalary.api` and is
reached here by lazy attribute access, so the console entry point stays cheap to import."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from hitsalary.core.version import __version__ as __version__

if TYPE_CHECKING:
    from hitsalary.api import (
        DataError,
        Estimate,
        HitsalaryError,
        Profile,
        ReferenceData,
        UsageProblem,
        estimate,
        estimate_profile,
        load_reference,
        make_profile,
        to_json,
    )

__all__ = [
    "DataError",
    "Estimate",
    "HitsalaryError",
    "Profile",
    "ReferenceData",
    "UsageProblem",
    "__version__",
    "estimate",
    "estimate_profile",
    "load_reference",
    "main",
    "make_profile",
    "to_json",
]


def __getattr__(name: str) -> Any:
    """hitsalary.estimate and the rest of the API, imported on first use."""
    if name in __all__:
        from hitsalary import api

        return getattr(api, name)
    raise AttributeError(f"module 'hitsalary' has no attribute {name!r}")


def main() -> None:
    """Console entry point. Kept light so Ctrl-C during start-up is still handled."""
    from hitsalary.core.errors import EXIT_INTERRUPTED

    try:
        from hitsalary.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("hitsalary: interrupted\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
