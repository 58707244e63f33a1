"""Every (role, area) set-up written out exactly, so that two versions of the code can be
compared: for each role and area (each metro and nonmetro area in each of its states, each
state alone, the nation) the distribution's fields, its DOL levels, knots and
edges, every field of the BandCurve, and the location factor's
value, with every float as float.hex() so that equal means bit-identical.

    python benchmarks/curve_setup_dump.py > new.jsonl
    PYTHONPATH=/path/to/other/src python benchmarks/curve_setup_dump.py > old.jsonl
    cmp old.jsonl new.jsonl

With --plain it reads the loader's area tables, not the batch run's view (rosters/areas.py).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from dataclasses import replace
from typing import Any

from hitsalary import api
from hitsalary.core import calculate, distribution
from hitsalary.core.models import Profile
from hitsalary.rosters.areas import RunAreaTables


def exact(value: Any) -> Any:
    """A value as JSON that keeps its type: floats as hex, tuples and dataclasses opened up."""
    if isinstance(value, float):
        return ["float", value.hex()]
    if isinstance(value, (tuple, list)):
        return [exact(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: exact(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return [type(value).__name__, value]


def main() -> None:
    base = api.load_reference()
    data = base if "--plain" in sys.argv else replace(base, area_tables=RunAreaTables(base.area_tables))
    factor = next(f for f in data.factors if f.method == "area_median_ratio")
    areas = data.area_tables.areas()
    for role in data.roles.values():
        places = [(state, code) for code, area in areas.items() for state in area.states]
        for state, metro in [*places, *((state, None) for state in ("US", *data.states))]:
            dist = distribution.distribution_for(data, role.soc, state, metro)
            curve = calculate.BandCurve(data.method, dist)
            profile = Profile(0.0, state, role=role.key, metro=metro)
            row = {
                "pair": [role.key, state, metro],
                "distribution": exact(dist),
                "levels": exact(distribution.dol_levels(dist)),
                "knots": exact(calculate.knots(data.method, dist)),
                "edges": exact(calculate.edges(data.method, dist)),
                "curve": {k: exact(getattr(curve, k)) for k in type(curve).__slots__},
                "value": exact(calculate.value_of(factor, profile, data, dist)),
            }
            print(json.dumps(row, sort_keys=True))


if __name__ == "__main__":
    main()
