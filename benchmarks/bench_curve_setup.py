"""CPU per call of a batch's per-area set-up: for every role and every area (each metro and
nonmetro area in its first state, each state alone), the distribution, its BandCurve and the
location factor's multiplier, as the batch estimator sets them up on the run's area tables.

    python benchmarks/bench_curve_setup.py [--repeat 5]
    PYTHONPATH=/path/to/other/src python benchmarks/bench_curve_setup.py   # the other code

Each run starts from cold caches (the loaded ReferenceData is kept; every lru_cache below it is
cleared, the metro table's file index too), so a run pays for what one batch run pays for.
Reports the median over the runs of CPU microseconds per (role, area) pair, in total and for
each step.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hitsalary import api
from hitsalary.core import calculate, distribution, measure
from hitsalary.core.models import Profile, ReferenceData
from hitsalary.loading import area_tables
from hitsalary.rosters.areas import RunAreaTables

Pair = tuple[str, str, str, str | None]  # role key, soc, state, metro


def cold() -> None:
    """Clear every cache the set-up fills (the loaded ReferenceData itself is kept)."""
    for module in (distribution, calculate, measure, area_tables):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):  # an lru_cache
                value.cache_clear()


def pairs(data: ReferenceData) -> list[Pair]:
    areas = data.area_tables.areas()
    out: list[Pair] = []
    for role in data.roles.values():
        out += [(role.key, role.soc, area.states[0], code) for code, area in areas.items()]
        out += [(role.key, role.soc, state, None) for state in data.states]
    return out


def one_run(base: ReferenceData, todo: list[Pair]) -> dict[str, float]:
    """CPU seconds of each step over every pair, on cold caches."""
    cold()
    data = replace(base, area_tables=RunAreaTables(base.area_tables))
    factor = next(f for f in data.factors if f.method == "area_median_ratio")
    clock = time.process_time
    spent = {"distribution_for": 0.0, "BandCurve": 0.0, "value_of": 0.0}
    gc.disable()
    try:
        for role, soc, state, metro in todo:
            start = clock()
            dist = distribution.distribution_for(data, soc, state, metro)
            middle = clock()
            calculate.BandCurve(data.method, dist)
            after = clock()
            profile = Profile(0.0, state, role=role, metro=metro)
            calculate.value_of(factor, profile, data, dist).multiplier  # noqa: B018  # what batch reads
            end = clock()
            spent["distribution_for"] += middle - start
            spent["BandCurve"] += after - middle
            spent["value_of"] += end - after
    finally:
        gc.enable()
    return spent


def timed_whole(base: ReferenceData, todo: list[Pair]) -> float:
    """The same work timed as one block (no per-step clock reads)."""
    cold()
    data = replace(base, area_tables=RunAreaTables(base.area_tables))
    factor = next(f for f in data.factors if f.method == "area_median_ratio")
    set_up: Callable[..., Any] = distribution.distribution_for
    start = time.process_time()
    for role, soc, state, metro in todo:
        dist = set_up(data, soc, state, metro)
        calculate.BandCurve(data.method, dist)
        calculate.value_of(factor, Profile(0.0, state, role=role, metro=metro), data, dist)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = api.load_reference()
    todo = pairs(base)
    steps = [one_run(base, todo) for _ in range(args.repeat)]
    whole = [timed_whole(base, todo) for _ in range(args.repeat)]
    micro = 1e6 / len(todo)
    print(f"{calculate.__file__}: {len(todo):,} (role, area) pairs, median of {args.repeat} cold runs")
    print(f"  whole set-up: {statistics.median(whole) * micro:6.1f} us CPU per pair")
    for name in steps[0]:
        print(f"  {name:>16}: {statistics.median(s[name] for s in steps) * micro:6.1f} us CPU per pair")


if __name__ == "__main__":
    main()
