"""CPU per Estimator.area() call in a real batch run, in-process: the per-area set-up (the
distribution, its BandCurve, the location factor's value) as the batch meets it, between rows.

    python benchmarks/make_roster.py 100000 --realistic > roster.csv
    python benchmarks/bench_area_calls.py roster.csv
    PYTHONPATH=/path/to/other/src python benchmarks/bench_area_calls.py roster.csv

Each call is timed with time.process_time (about 1.4 us a reading on a shared VM, the same for
both sides of a comparison), so read the difference between two versions, not the figure alone.
In a run the calls also pay for the garbage collections that the rows' allocations trigger.
"""

from __future__ import annotations

import csv
import sys
import time
from typing import Any

from hitsalary import api
from hitsalary.rosters import estimator


def main() -> None:
    spent = [0, 0.0]  # calls, CPU seconds
    area = estimator.Estimator.area

    def timed(self: estimator.Estimator, keys: tuple[Any, ...], role: Any) -> Any:
        start = time.process_time()
        try:
            return area(self, keys, role)
        finally:
            spent[0] += 1
            spent[1] += time.process_time() - start

    estimator.Estimator.area = timed  # type: ignore[method-assign]  # the point of the script
    with open(sys.argv[1], newline="") as handle:
        rows = list(csv.DictReader(handle))
    data = api.load_reference()
    start = time.process_time()
    count = sum(1 for _ in api.batch(rows, data=data))
    total = time.process_time() - start
    print(
        f"{estimator.__file__}: {count:,} rows, {total:.2f} s CPU; area(): {spent[0]:,} calls, "
        f"{spent[1]:.3f} s CPU, {spent[1] / spent[0] * 1e6:.1f} us per call"
    )


if __name__ == "__main__":
    main()
