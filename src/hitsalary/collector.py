"""The program's start-up runs without the cyclic garbage collector: hitsalary.main() pauses it
before the first import, cli.app.load_data resumes it once the data is loaded.

Start-up (the imports, Typer's options and their pydantic adapters, the reference data) builds
some 50,000 tracked objects that all stay alive for the run, so every pass of the collector over
them finds nothing. On resuming, what start-up built is frozen (`gc.freeze`): the collector never
scans it again, neither during the run (a batch's rows) nor at exit. Together about 9% of the
instructions of `estimate --json`. Outside the program (a script or notebook that imports
hitsalary, a test that runs the Typer app) nothing is paused, and resuming does nothing."""

from __future__ import annotations

import gc

paused = False


def pause_collector() -> None:
    """Before the first import of the program's start-up."""
    global paused
    gc.disable()
    paused = True


def resume_collector() -> None:
    """The end of start-up: freeze what it built and collect again, if main() paused."""
    global paused
    if paused:
        paused = False
        gc.freeze()
        gc.enable()
