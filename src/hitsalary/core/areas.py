"""Metropolitan and nonmetropolitan areas: find one by its code or any unambiguous part of its
name. The areas themselves come from the data's area tables (`ReferenceData.area_tables`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from hitsalary.core.errors import UsageProblem
from hitsalary.core.models import Area, ReferenceData

MAX_LISTED = 8  # candidates named in an "ambiguous" message


def simplify(text: str) -> str:
    """Lower case, letters and digits only, single spaces: 'San Jose-Sunnyvale' -> 'san jose sunnyvale'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


@functools.lru_cache(maxsize=4)
def simple_names(data: ReferenceData) -> list[tuple[str, Area]]:
    """Each area with its name simplified once, for matching."""
    return [(simplify(a.name), a) for a in data.area_tables.areas().values()]


@functools.lru_cache(maxsize=1024)
def find_area(data: ReferenceData, text: str, *, flag: str = "--metro", state: str | None = None) -> Area:
    """The area a code or a part of a name names; exit 2 with the candidates or the nearest names.
    A state, when given, settles a name that several areas share (Springfield, MA)."""
    areas = data.area_tables.areas()
    wanted = text.strip()
    if wanted in areas:
        return areas[wanted]
    query = simplify(wanted)
    if not query:
        raise UsageProblem(f"invalid value for {flag}: {text!r} (a CBSA code such as 41940, or a name)")
    names = simple_names(data)
    found = [a for name, a in names if name == query]
    found = found or [a for name, a in names if f" {query} " in f" {name} "]
    found = found or [a for name, a in names if query in name]
    if len(found) > 1 and state is not None:
        in_state = [a for a in found if state in a.states]
        found = in_state or found
    if len(found) > 1:
        leading = [a for a in found if simplify(a.name).startswith(query)]
        found = leading if len(leading) == 1 else found
    if len(found) == 1:
        return found[0]
    if found:
        named = "; ".join(f"{a.name} ({a.code})" for a in found[:MAX_LISTED])
        more = f" and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
        raise UsageProblem(f"invalid value for {flag}: {text!r} matches {len(found)} areas: {named}{more}")
    raise UsageProblem(f"invalid value for {flag}: {text!r} ({nearest(areas, query)})")


def nearest(areas: Mapping[str, Area], query: str) -> str:
    import difflib  # only on an error: it costs start-up time

    by_place: dict[str, Area] = {}
    for area in areas.values():
        for place in re.split(r"[-,]", area.name):
            by_place.setdefault(simplify(place), area)
    close = difflib.get_close_matches(query, list(by_place), n=3, cutoff=0.6)
    if not close:
        return "no such metropolitan or nonmetropolitan area; `hitsalary areas` lists them"
    return "did you mean " + " or ".join(f"{by_place[c].name} ({by_place[c].code})" for c in close) + "?"
