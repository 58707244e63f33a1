"""The metro and nonmetro area tables (CSV in the package). They are large, so they are read
only when an area is asked for: the metro table is split into lines by area and by occupation once
per process, and a lookup parses only the lines of that area (or of one occupation, for
`hitsalary areas`). `CsvAreaTables` is what the core sees as `ReferenceData.area_tables`."""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping

from hitsalary.core.errors import DataError
from hitsalary.core.models import AREA_KINDS, Area, Source, Wages
from hitsalary.loading import shipped, tables


class CsvAreaTables:
    """The area tables of one loaded data set; nothing is read until a method is called."""

    def __init__(self, names: Mapping[str, str], states: frozenset[str], source: Source) -> None:
        self.areas_file, self.metros_file = names["areas"], names["metros"]
        self.states, self.source = states, source

    def areas(self) -> dict[str, Area]:
        return area_list(self)

    def wages_in(self, code: str) -> dict[str, Wages]:
        return wages_in(self, code)

    def role_everywhere(self, soc: str) -> dict[str, Wages]:
        return role_everywhere(self, soc)


def read(name: str) -> str:
    return shipped.text(f"data/{name}", "table")


# Module-level caches keyed by the tables object, bounded so that a batch over many areas keeps
# its memory flat.
@functools.lru_cache(maxsize=4)
def area_list(at: CsvAreaTables) -> dict[str, Area]:
    """Every area, by code, in the order of the table (metros by name, then nonmetro areas)."""
    name = at.areas_file
    out = {}
    for row in tables.rows(name, ("area_code", "area_type", "area_name", "states")):
        code, kind, states = (
            row.cells["area_code"],
            row.cells["area_type"],
            tuple(row.cells["states"].split()),
        )
        if kind not in AREA_KINDS or not states or not all(s in at.states for s in states):
            raise DataError(f"{name}:{row.line}: area_type/states: not a known kind of area or state")
        out[code] = Area(code, kind, row.cells["area_name"], states)
    return out


class Index:
    """The metro table's lines by area code and by SOC, split once per process: a lookup then
    parses only the lines it returns (scanning the whole text cost ~2 ms a lookup in a batch)."""

    def __init__(self, text: str) -> None:
        header_line, _, body = text.partition("\n")
        self.header = next(csv.reader([header_line]))
        soc, code = self.header.index("soc"), self.header.index("area_code")
        cut = max(soc, code) + 1
        self.by_area: dict[str, list[tuple[int, str]]] = {}
        self.by_soc: dict[str, list[tuple[int, str]]] = {}
        for number, line in enumerate(body.split("\n"), start=2):
            if line:
                cells = line.split(",", cut)
                self.by_area.setdefault(cells[code], []).append((number, line))
                self.by_soc.setdefault(cells[soc], []).append((number, line))

        self.columns = tables.columns_of(self.header)
        self.code = code

    def rows(self, lines: list[tuple[int, str]]) -> list[tuple[str, str, tables.Listed]]:
        """Each line's SOC and area code, with the line as tables.listed_wages reads it."""
        reader = csv.reader(line for _, line in lines)
        return [self.keyed(number, cells) for (number, _), cells in zip(lines, reader, strict=True)]

    def keyed(self, number: int, cells: list[str]) -> tuple[str, str, tables.Listed]:
        if self.columns is not None and len(cells) == self.columns.width:
            return cells[self.columns.soc], cells[self.code], (number, cells, self.header)
        named = dict(zip(self.header, cells, strict=False))  # not one cell a column: by name, as a Row
        return named["soc"], named["area_code"], (number, cells, self.header)


@functools.lru_cache(maxsize=2)
def metro_index(name: str) -> Index:
    """The metro table, read and indexed once however many areas or occupations a run asks for."""
    try:
        return Index(read(name))
    except (ValueError, StopIteration):
        raise DataError(f"{name}:1: missing column 'soc' or 'area_code'") from None


@functools.lru_cache(maxsize=1024)  # every area of the shipped table fits: 528
def wages_in(at: CsvAreaTables, code: str) -> dict[str, Wages]:
    """Every occupation's figures in one area, by SOC."""
    area = area_list(at)[code]
    index = metro_index(at.metros_file)
    out = {}
    for soc, found, row in index.rows(index.by_area.get(code, [])):
        if found == code:
            out[soc] = tables.listed_wages(
                at.metros_file, row, index.columns, where=area.name, code=code, source=at.source
            )
    return out


@functools.lru_cache(maxsize=8)
def role_everywhere(at: CsvAreaTables, soc: str) -> dict[str, Wages]:
    """One occupation's figures in every area, by area code."""
    areas = area_list(at)
    index = metro_index(at.metros_file)
    out = {}
    for found, code, row in index.rows(index.by_soc.get(soc, [])):
        if found == soc and code in areas:
            where = areas[code].name
            out[code] = tables.listed_wages(
                at.metros_file, row, index.columns, where=where, code=code, source=at.source
            )
    return out
