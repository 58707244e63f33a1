"""Batch throughput and memory, against the bare-Python floor, in the same run.

    python benchmarks/bench_batch.py [--sizes 100000 1000000] [--repeat 3] [--rosters uniform realistic]

For each size and roster it writes a roster with make_roster.py (kept in a temporary folder):
`uniform` repeats a few profiles (every cache hits), `realistic` is a hospital system's roster
(make_roster.py --realistic: 20 roles, half the rows in one of the 528 areas, mixed employers,
degrees, decimal years and offers). It then runs, alternately and pinned to one core,
`hitsalary batch ROSTER -o OUT.jsonl` and baseline_batch.py (csv.DictReader in, json.dumps
out), and reports the median wall time and CPU time (user + system) of each, the ratio of
each, and each one's peak memory (max RSS of the process). On a machine shared with other
work, the CPU ratio is the steadier figure.
With --xlsx it also converts each roster to a workbook and reports rows per second of
`batch roster.xlsx -o out.xlsx` next to `batch roster.csv -o out.csv`, with peak memory.
Targets: the uniform roster within 2x of the floor, the realistic one within 3x; peak memory
under 80 MB and flat from 100,000 to 1,000,000 rows.
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


def measure(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS in MB of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=pin_to_one_core
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):  # 3: the roster has deliberately bad rows
        raise SystemExit(f"{command[0]} failed with exit {code}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--rosters", nargs="+", choices=["uniform", "realistic"], default=["uniform", "realistic"]
    )
    parser.add_argument("--xlsx", action="store_true", help="also time Excel workbooks in and out")
    args = parser.parse_args()
    spec = importlib.util.find_spec("hitsalary")
    if spec and spec.origin:  # as pip does at install time
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)
    hitsalary = Path(sys.executable).with_name("hitsalary")
    work = Path(tempfile.mkdtemp(prefix="hitsalary-bench-"))
    try:
        for size in args.sizes:
            for kind in args.rosters:
                compare(work, size, kind, args.repeat, hitsalary)
                if args.xlsx:
                    workbooks(work, size, kind, hitsalary)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_roster(work: Path, size: int, kind: str) -> Path:
    """make_roster.py's roster of this size and kind, written into work."""
    roster = work / f"roster-{kind}-{size}.csv"
    make = [
        sys.executable,
        str(HERE / "make_roster.py"),
        str(size),
        *(["--realistic"] if kind == "realistic" else []),
    ]
    with roster.open("w") as handle:
        subprocess.run(make, stdout=handle, check=True)
    return roster


def compare(work: Path, size: int, kind: str, repeat: int, hitsalary: Path) -> None:
    roster = write_roster(work, size, kind)
    ours = [str(hitsalary), "batch", str(roster), "-o", str(work / "ours.jsonl")]
    floor = [sys.executable, str(HERE / "baseline_batch.py"), str(roster), str(work / "floor.jsonl")]
    results: dict[str, list[tuple[float, float, float]]] = {"hitsalary": [], "baseline": []}
    for _ in range(repeat):
        results["hitsalary"].append(measure(ours))
        results["baseline"].append(measure(floor))
    wall = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
    cpu = {k: statistics.median(r[1] for r in v) for k, v in results.items()}
    memory = {k: max(r[2] for r in v) for k, v in results.items()}
    print(
        f"{size:>9,} rows {kind:>9}: hitsalary {wall['hitsalary']:6.2f} s ({cpu['hitsalary']:5.2f} s CPU), "
        f"{memory['hitsalary']:5.1f} MB | baseline {wall['baseline']:5.2f} s ({cpu['baseline']:5.2f} s CPU), "
        f"{memory['baseline']:4.1f} MB | ratio {wall['hitsalary'] / wall['baseline']:.2f} wall, "
        f"{cpu['hitsalary'] / cpu['baseline']:.2f} CPU",
        flush=True,
    )


def workbooks(work: Path, size: int, kind: str, hitsalary: Path) -> None:
    """Rows per second and peak memory, CSV -> CSV against xlsx -> xlsx, on the same roster."""
    import csv

    import xlsxwriter  # type: ignore[import-untyped]  # no stubs shipped

    roster = work / f"roster-{kind}-{size}.csv"
    book_path = work / f"roster-{kind}-{size}.xlsx"
    book = xlsxwriter.Workbook(str(book_path), {"constant_memory": True, "strings_to_numbers": True})
    sheet = book.add_worksheet()
    with roster.open(newline="") as handle:
        for n, row in enumerate(csv.reader(handle)):
            for m, value in enumerate(row):
                sheet.write(n, m, value)
    book.close()
    for label, source, target in (("csv -> csv", roster, "out.csv"), ("xlsx -> xlsx", book_path, "out.xlsx")):
        wall, cpu, memory = measure([str(hitsalary), "batch", str(source), "-o", str(work / target)])
        print(
            f"{size:>9,} rows {kind:>9} {label:>12}: {size / wall:9,.0f} rows/s "
            f"({wall:6.2f} s, {cpu:6.2f} s CPU), {memory:5.1f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
