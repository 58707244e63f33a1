"""Where a batch run's CPU time goes, stage by stage, and what the batch targets leave for estimating.

    python benchmarks/bench_batch_stages.py [--size 100000] [--repeat 3] [--rosters uniform realistic]

bench_batch.py times whole runs; this script splits one into its stages, each timed on its own in
this process (CPU time, median of --repeat), on the same rosters (make_roster.py):
- start: a `hitsalary batch` child process on a one-row roster (interpreter, imports, data);
- read: the roster's records through hitsalary's CSV reader;
- estimate: every record through the roster engine's Estimator;
- write: every estimated record through the JSON Lines writer (to /dev/null);
- the floor's read (csv.DictReader) and write (json.dumps of each input row), which is
  baseline_batch.py split in two, and json.dumps of each of our output records as a dict (the
  same-shape writer the standard library gives).
- of the estimate, the bare lookups every estimate stage does (see bare_lookups).
It then prints, for each target (uniform 2x, realistic 3x the floor), the CPU time the target
leaves for estimating once start, read and write are paid, per row: the figure the estimate
stage has to reach.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_batch import measure, write_roster  # the same folder: run as a script, it is on the path

TARGETS = {"uniform": 2.0, "realistic": 3.0}  # bench_batch.py's: times the floor's CPU


def cpu_of(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median CPU seconds of work() (with the collector paused, as hitsalary.main runs a
    batch), and its last result."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start = time.process_time()
        result = work()
        times.append(time.process_time() - start)
        gc.enable()
    return statistics.median(times), result


def start_cpu(work: Path, roster: Path, repeat: int) -> float:
    """CPU seconds of a `hitsalary batch` child on the roster's header and first row (timed as
    bench_batch.py times its runs, pinned to one core)."""
    with roster.open(newline="", encoding="utf-8") as handle:
        one = work / "one-row.csv"
        one.write_text(handle.readline() + handle.readline(), encoding="utf-8")
    hitsalary = Path(sys.executable).with_name("hitsalary")
    command = [str(hitsalary), "batch", str(one), "-o", os.devnull]
    return statistics.median(measure(command)[1] for _ in range(repeat))


def stages(work: Path, kind: str, size: int, repeat: int) -> None:
    from hitsalary.api import load_reference
    from hitsalary.output.batch_writers import JsonlWriter
    from hitsalary.rosters.estimator import Estimator
    from hitsalary.rosters.layout import Layout, RowError
    from hitsalary.rosters.readers import read_csv

    roster = write_roster(work, size, kind)
    data = load_reference(None)

    def read() -> tuple[list[str], list[dict[str, Any]]]:
        with roster.open(newline="", encoding="utf-8") as handle:
            header, records = read_csv(handle)
            return header, list(records)

    t_read, (header, records) = cpu_of(read, repeat)
    layout = Layout.from_header(header)

    def estimate() -> list[tuple[Any, ...]]:
        estimator, rows = Estimator(data), []  # a new estimator each time: its caches start empty
        for row, record in enumerate(records, start=1):
            with contextlib.suppress(RowError):  # a rejected row: the roster has a few on purpose
                rows.append(estimator.estimate(row, record, layout))
        return rows

    t_estimate, values = cpu_of(estimate, repeat)
    t_bare = bare_lookups(records, layout, repeat)

    def write() -> None:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            writer = JsonlWriter(sink, layout)
            for value in values:
                writer.write(value)
            writer.flush()

    t_write, _ = cpu_of(write, repeat)
    columns = layout.columns()

    def floor_read() -> list[dict[str, str]]:
        with roster.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    def dumps(rows: list[Any]) -> None:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for row in rows:
                sink.write(json.dumps(row) + "\n")

    t_floor_read, plain = cpu_of(floor_read, repeat)
    t_floor_write, _ = cpu_of(lambda: dumps(plain), repeat)
    shaped = [dict(zip(columns, value, strict=True)) for value in values]
    t_shaped, _ = cpu_of(lambda: dumps(shaped), repeat)
    t_start = start_cpu(work, roster, repeat)
    floor = t_floor_read + t_floor_write
    us = 1e6 / size
    print(f"{size:,} rows, {kind} roster ({len(values):,} estimated), CPU seconds, median of {repeat}:")
    for label, seconds in (
        ("start (1-row batch child)", t_start),
        ("read (hitsalary's reader)", t_read),
        ("estimate (Estimator)", t_estimate),
        ("  of which bare lookups (see below)", t_bare),
        ("write (JSON Lines writer)", t_write),
        ("floor: csv.DictReader", t_floor_read),
        ("floor: json.dumps of the input row", t_floor_write),
        ("json.dumps of our output records", t_shaped),
    ):
        print(f"  {label:<36} {seconds:6.3f} s  {seconds * us:6.2f} us a row")
    paid = t_start + t_read + t_write
    target = TARGETS[kind]
    left = target * floor - paid
    print(
        f"  floor {floor:.3f} s; start + read + write {paid:.3f} s = {paid / floor:.2f}x the floor;"
        f" the {target:g}x target leaves {left:.3f} s for estimating ({left * us:.2f} us a row,"
        f" against {t_estimate * us:.2f} measured)",
        flush=True,
    )


def bare_lookups(records: list[dict[str, Any]], layout: Any, repeat: int) -> float:
    """CPU seconds of the per-row work any estimate stage does, whatever computes the band: a
    dict lookup of the years and of the profile cells (both caches filled beforehand), and the
    output tuple; no band, no rounding, no offer placed. What an estimate stage could come down
    to if the band's arithmetic cost nothing (a columnar core, for one)."""
    found = (("CA", "bachelor", "hospital", "ehr", None), "15-1211")
    pick, passthrough = layout.pick_fields, layout.pick_passthrough
    years = {record.get("exp"): 1.0 for record in records}
    profiles = {}
    for record in records:
        with contextlib.suppress(KeyError, TypeError):
            profiles[pick(record)] = found

    def lookups() -> int:
        rows, year, profile = [], years.get, profiles.get
        for row, record in enumerate(records, start=1):
            get = record.get
            keys, soc = profile(pick(record), found)
            rows.append((row, get("id"), year(get("exp")), *keys, soc, get("offer"), *passthrough(record)))
        return len(rows)

    return cpu_of(lookups, repeat)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rosters", nargs="+", choices=list(TARGETS), default=list(TARGETS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hitsalary-stages-") as work:
        for kind in args.rosters:
            stages(Path(work), kind, args.size, args.repeat)


if __name__ == "__main__":
    main()
