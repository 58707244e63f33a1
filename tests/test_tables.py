"""The metro table read from lists of cells (tables.listed_wages, what a batch reads thousands of)
is the table read row by row as named cells (tables.wages): the same figures for every shipped
row, and the same error, naming the same file, line and column, for a bad cell."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from hitsalary.core.errors import DataError
from hitsalary.core.models import Wages
from hitsalary.loading import area_tables, tables
from hitsalary.loading.reference import load

DATA = load()
NAME = "oews_2025_metros.csv"


def metro_lines() -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = tables.read_text(NAME)
    header, *body = list(csv.reader(text.splitlines()))
    return header, [(number, cells) for number, cells in enumerate(body, start=2) if cells]


HEADER, LINES = metro_lines()
COLUMNS = tables.columns_of(HEADER)


def by_name(number: int, cells: list[str]) -> Wages:
    row = tables.Row(number, dict(zip(HEADER, cells, strict=False)))
    return tables.wages(NAME, row, where="X", code="Y", source=DATA.area_tables.source)


def by_list(number: int, cells: list[str]) -> Wages:
    row = (number, cells, HEADER)
    return tables.listed_wages(NAME, row, COLUMNS, where="X", code="Y", source=DATA.area_tables.source)


def test_the_metro_table_has_its_columns_once_each() -> None:
    assert COLUMNS is not None  # else every row would be read by name, and the list path untested


def test_every_shipped_row_reads_the_same_from_its_list() -> None:
    for number, cells in LINES:
        listed, named = by_list(number, cells), by_name(number, cells)
        for field in dataclasses.fields(Wages):
            assert getattr(listed, field.name) == getattr(named, field.name), (number, field.name)


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("p10", "12a"),
        ("p25", "0"),
        ("median", "10000001"),  # a whole number, but not a plausible wage
        ("p90", "1"),  # below the 75th
        ("employment", "-5"),
        ("mean", "1e5"),
        ("wage_rse", "101"),
        ("wage_rse", "n/a"),
        ("series_id", "OEUM-not-a-series"),
    ],
)
def test_a_bad_cell_is_the_same_error_either_way(column: str, text: str) -> None:
    number, cells = next((n, c) for n, c in LINES if all(c[HEADER.index(k)] for k in ("p10", "p90", "mean")))
    bad = [text if name == column else cell for name, cell in zip(HEADER, cells, strict=True)]
    with pytest.raises(DataError) as named:
        by_name(number, bad)
    with pytest.raises(DataError) as listed:
        by_list(number, bad)
    assert str(listed.value) == str(named.value)
    assert str(named.value).startswith(f"{NAME}:{number}: {column}: ")


def test_a_row_short_of_a_cell_is_read_by_name() -> None:
    number, cells = LINES[0]
    short = cells[:-1]  # no series_id: wages() says so
    with pytest.raises(DataError, match=rf"^{NAME}:{number}: series_id: ''"):
        by_list(number, short)


def test_an_area_read_from_lists_is_the_area_read_by_name() -> None:
    found = area_tables.wages_in(DATA.area_tables, "41940")
    lines = {(c[HEADER.index("soc")], c[HEADER.index("area_code")]): (n, c) for n, c in LINES}
    assert sorted(found) == sorted(soc for soc, code in lines if code == "41940")
    figures = [f.name for f in dataclasses.fields(Wages) if f.name not in ("where", "code")]
    for soc, wages in found.items():
        named = by_name(*lines[(soc, "41940")])
        assert [getattr(wages, f) for f in figures] == [getattr(named, f) for f in figures], soc
