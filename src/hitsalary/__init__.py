"""hitsalary: salary bands for healthcare IT careers in the US, with every figure sourced.

The public API (`estimate`, `load_reference`, `to_json`, ...) lives in `hitsalary.api` and is
reached here by lazy attribute access, so the console entry point stays cheap to import."""

from __future__ import annotations

import os
import sys


def stop_at_once(_signum: int, _frame: object) -> None:
    """Ctrl-C while nothing has been written yet (start-up, or the end after clean-up): one
    line and exit 130 at once, never a traceback from whatever import it interrupted."""
    try:
        os.write(2, b"hitsalary: interrupted\n")
    finally:
        os._exit(130)


def started_as_program() -> bool:
    """Whether this import is the `hitsalary` program starting (the console script or
    `python -m hitsalary`), not a script or notebook that imports the library."""
    name = os.path.basename(sys.argv[0] if sys.argv else "")
    orig = getattr(sys, "orig_argv", [])
    return name in ("hitsalary", "hitsalary.exe") or (name == "-m" and "hitsalary" in orig[1:3])


if started_as_program():  # first thing: the handler is in place before any slow import
    import signal

    signal.signal(signal.SIGINT, stop_at_once)

from typing import TYPE_CHECKING, Any  # noqa: E402  # after the Ctrl-C handler, on purpose

from hitsalary.core.version import __version__ as __version__  # noqa: E402  # as above

if TYPE_CHECKING:
    from hitsalary.api import (
        ColumnNotRead,
        DataError,
        Estimate,
        HitsalaryError,
        ImplausibleAmounts,
        Profile,
        ReferenceData,
        RosterWarning,
        UsageProblem,
        batch,
        estimate,
        estimate_profile,
        load_reference,
        make_profile,
        to_json,
    )

__all__ = [
    "ColumnNotRead",
    "DataError",
    "Estimate",
    "HitsalaryError",
    "ImplausibleAmounts",
    "Profile",
    "ReferenceData",
    "RosterWarning",
    "UsageProblem",
    "__version__",
    "batch",
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


def __dir__() -> list[str]:
    """The public names (the API's are imported on first use, so not yet module globals), and
    the module's own dunders; not the helpers and imports this module needs to start."""
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})


def main() -> None:
    """Console entry point. Until the command runs, Ctrl-C ends the run at once (nothing has
    been written); while it runs, Ctrl-C unwinds the stack (temporary files are removed) and
    exits 130; once it has finished, Ctrl-C ends the run at once again. Start-up runs without
    the cyclic garbage collector (hitsalary/collector.py)."""
    import signal

    from hitsalary.collector import pause_collector

    signal.signal(signal.SIGINT, stop_at_once)
    pause_collector()
    try:
        from hitsalary.cli import main as run

        signal.signal(signal.SIGINT, signal.default_int_handler)
        run()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut this line short
        sys.stderr.write("hitsalary: interrupted\n")
        raise SystemExit(130) from None
    finally:
        signal.signal(signal.SIGINT, stop_at_once)
