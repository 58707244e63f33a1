"""Metropolitan and nonmetropolitan areas: find one by its code or any unambiguous part of its
name, and read its BLS figures. The area table is large, so it is read only when an area is
asked for, and then only the lines of that area (or of one occupation, for `hitsalary areas`)."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources

from hitsalary import tables
from hitsalary.errors import DataError, UsageProblem
from hitsalary.models import ReferenceData, Wages

KINDS = {"metro": "metropolitan area", "nonmetro": "nonmetropolitan area"}
MAX_LISTED = 8  # candidates named in an "ambiguous" message


@dataclass(frozen=True)
class Area:
    """A BLS OEWS metropolitan (CBSA code) or nonmetropolitan area (7-digit OEWS code)."""

    code: str
    kind: str  # "metro" or "nonmetro"
    name: str
    states: tuple[str, ...]  # two-letter codes; the first is the area's main state

    @property
    def state(self) -> str:
        return self.states[0]

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def simplify(text: str) -> str:
    """Lower case, letters and digits only, single spaces: 'San Jose-Sunnyvale' -> 'san jose sunnyvale'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def read(name: str) -> str:
    resource = resources.files("hitsalary") / "data" / name
    try:
        return resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{resource}: cannot read the shipped table: {exc}") from None


@functools.lru_cache(maxsize=4)
def area_list(data: ReferenceData) -> dict[str, Area]:
    """Every area, by code, in the order of the table (metros by name, then nonmetro areas)."""
    name = data.tables["areas"]
    out = {}
    for row in tables.rows(name, ("area_code", "area_type", "area_name", "states")):
        code, kind, states = (
            row.cells["area_code"],
            row.cells["area_type"],
            tuple(row.cells["states"].split()),
        )
        if kind not in KINDS or not states or not all(s in data.states for s in states):
            raise DataError(f"{name}:{row.line}: area_type/states: not a known kind of area or state")
        out[code] = Area(code, kind, row.cells["area_name"], states)
    return out


@functools.lru_cache(maxsize=4)
def simple_names(data: ReferenceData) -> list[tuple[str, Area]]:
    """Each area with its name simplified once, for matching."""
    return [(simplify(a.name), a) for a in area_list(data).values()]


@functools.lru_cache(maxsize=1024)
def find_area(data: ReferenceData, text: str, *, flag: str = "--metro", state: str | None = None) -> Area:
    """The area a code or a part of a name names; exit 2 with the candidates or the nearest names.
    A state, when given, settles a name that several areas share (Springfield, MA)."""
    areas = area_list(data)
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


def nearest(areas: dict[str, Area], query: str) -> str:
    import difflib  # only on an error: it costs start-up time

    by_place: dict[str, Area] = {}
    for area in areas.values():
        for place in re.split(r"[-,]", area.name):
            by_place.setdefault(simplify(place), area)
    close = difflib.get_close_matches(query, list(by_place), n=3, cutoff=0.6)
    if not close:
        return "no such metropolitan or nonmetropolitan area; `hitsalary areas` lists them"
    return "did you mean " + " or ".join(f"{by_place[c].name} ({by_place[c].code})" for c in close) + "?"


def parse_lines(data: ReferenceData, keep: str) -> list[tables.Row]:
    """The rows of the metro table whose line contains `keep` (checked again after parsing)."""
    name = data.tables["metros"]
    text = read(name)
    header, _, body = text.partition("\n")
    lines = [(number, line) for number, line in enumerate(body.split("\n"), start=2) if keep in line]
    reader = csv.DictReader(io.StringIO("\n".join([header, *(line for _, line in lines)])))
    return [tables.Row(number, cells) for (number, _), cells in zip(lines, reader, strict=True)]


@functools.lru_cache(maxsize=64)
def wages_in(data: ReferenceData, code: str) -> dict[str, Wages]:
    """Every occupation's figures in one area, by SOC."""
    area = area_list(data)[code]
    source = data.sources["oews_2025"]
    out = {}
    for row in parse_lines(data, f",{code},"):
        if row.cells["area_code"] == code:
            out[row.cells["soc"]] = tables.wages(
                data.tables["metros"], row, where=area.name, code=code, source=source
            )
    return out


@functools.lru_cache(maxsize=8)
def role_everywhere(data: ReferenceData, soc: str) -> dict[str, Wages]:
    """One occupation's figures in every area, by area code."""
    areas = area_list(data)
    source = data.sources["oews_2025"]
    out = {}
    for row in parse_lines(data, f"{soc},"):
        code = row.cells["area_code"]
        if row.cells["soc"] == soc and code in areas:
            where = areas[code].name
            out[code] = tables.wages(data.tables["metros"], row, where=where, code=code, source=source)
    return out
