"""The program starts without the cyclic garbage collector and resumes it, with what start-up
built frozen, once the data is loaded (hitsalary/collector.py); a library caller's collector is
never touched."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import hitsalary

# after the run: is the collector on, and is start-up frozen (never scanned again)?
REPORT_AT_EXIT = """
import atexit, gc, sys
import hitsalary
atexit.register(lambda: print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr))
sys.argv = ["hitsalary", *sys.argv[1:]]
hitsalary.main()
"""


def program(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", REPORT_AT_EXIT, *args], capture_output=True, text=True, timeout=120
    )


def test_the_program_collects_again_once_its_data_is_loaded() -> None:
    done = program("estimate", "--exp", "5", "--state", "CA", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["band"] == hitsalary.to_json(hitsalary.estimate(exp=5, state="CA"))["band"]
    assert done.stderr.splitlines()[-1] == "True True"


def test_a_batch_runs_with_the_collector_on(tmp_path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("exp,state\n5,CA\n2,TX\n", encoding="utf-8")
    done = program("batch", str(roster), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2
    assert done.stderr.splitlines()[-1] == "True True"


def test_a_caller_that_runs_the_app_keeps_its_collector(run) -> None:
    frozen = gc.get_freeze_count()
    assert run("estimate", "--exp", "5", "--json").exit_code == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    gc.disable()  # a caller's own choice stays its own
    try:
        assert run("estimate", "--exp", "3", "--json").exit_code == 0
        assert not gc.isenabled()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.enable()
