"""Batch throughput and memory, against the bare-Python floor, in the same run.

    python benchmarks/bench_batch.py [--sizes 100000 1000000] [--repeat 3]

For each size it writes a roster with make_roster.py (kept in a temporary folder), then runs,
alternately and pinned to one core, `hitsalary batch ROSTER -o OUT.jsonl` and
baseline_batch.py (csv.DictReader in, json.dumps out). It reports the median wall time of each,
their ratio, and each one's peak memory (max RSS of the process).
Targets: 1,000,000 rows under 10 s; ratio at most 2.5; peak memory under 80 MB and flat from
100,000 to 1,000,000 rows.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=pin_to_one_core
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):  # 3: the roster has deliberately bad rows
        raise SystemExit(f"{command[0]} failed with exit {code}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    spec = importlib.util.find_spec("hitsalary")
    if spec and spec.origin:  # as pip does at install time
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)
    hitsalary = Path(sys.executable).with_name("hitsalary")
    work = Path(tempfile.mkdtemp(prefix="hitsalary-bench-"))
    try:
        for size in args.sizes:
            roster = work / f"roster-{size}.csv"
            with roster.open("w") as handle:
                subprocess.run(
                    [sys.executable, str(HERE / "make_roster.py"), str(size)], stdout=handle, check=True
                )
            ours = [str(hitsalary), "batch", str(roster), "-o", str(work / "ours.jsonl")]
            floor = [sys.executable, str(HERE / "baseline_batch.py"), str(roster), str(work / "floor.jsonl")]
            results: dict[str, list[tuple[float, float]]] = {"hitsalary": [], "baseline": []}
            for _ in range(args.repeat):
                results["hitsalary"].append(measure(ours))
                results["baseline"].append(measure(floor))
            seconds = {k: statistics.median(t for t, _ in v) for k, v in results.items()}
            memory = {k: max(m for _, m in v) for k, v in results.items()}
            ratio = seconds["hitsalary"] / seconds["baseline"]
            print(
                f"{size:>9,} rows: hitsalary {seconds['hitsalary']:6.2f} s, {memory['hitsalary']:5.1f} MB | "
                f"baseline {seconds['baseline']:6.2f} s, {memory['baseline']:5.1f} MB | ratio {ratio:.2f}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
