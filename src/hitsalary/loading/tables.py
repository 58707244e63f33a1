"""The BLS OEWS May 2025 tables, shipped as CSV and read with the csv module (far faster than
YAML for a thousand rows). A table is read and indexed when a run first uses it, and a row is
parsed and checked only when it is used, so a run pays for the few rows its estimate needs. A
bad row is reported with the file, line and column, like a bad YAML value (a test checks every
shipped row)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

from hitsalary.core.errors import DataError
from hitsalary.core.models import Source, Wages
from hitsalary.loading import shipped

PERCENTILE_COLUMNS = (("p10", 10), ("p25", 25), ("median", 50), ("p75", 75), ("p90", 90))
SERIES = re.compile(r"OEU[NMS][0-9A-Z-]{19}XX")
MAX_WAGE = 10_000_000
MAX_WHOLE = MAX_WAGE * 1000  # employment, wages: any larger whole number is a bad cell


class Table(Mapping[tuple[str, str], Wages]):
    """A CSV table of OEWS rows keyed by (SOC, area or industry code); rows parsed on first use."""

    def __init__(
        self, name: str, key: tuple[str, str], where: Callable[[dict[str, str]], str], source: Source
    ):
        self.name, self.key, self.where, self.source = name, key, where, source
        self.indexed: dict[tuple[str, str], tuple[int, str]] | None = None  # on first use
        self.header: list[str] = []  # set with the index
        self.parsed: dict[tuple[str, str], Wages] = {}

    @property
    def lines(self) -> dict[tuple[str, str], tuple[int, str]]:
        """Each row's line number and text, by its key: the file read and indexed once, when a
        run first asks (an estimate that never looks at the industry table never reads it)."""
        if self.indexed is None:
            text = read_text(self.name)
            header_line, _, body = text.partition("\n")
            self.header = next(csv.reader([header_line]))
            missing = [c for c in (*self.key, "median", "series_id") if c not in self.header]
            if missing:
                raise DataError(f"{self.name}:1: missing column '{missing[0]}'")
            first, second = self.header.index(self.key[0]), self.header.index(self.key[1])
            cut = max(first, second) + 1
            indexed = {}
            for number, line in enumerate(body.split("\n"), start=2):
                if line:
                    cells = line.split(",", cut)
                    indexed[(cells[first], cells[second])] = (number, line)
            self.indexed = indexed
        return self.indexed

    def __getitem__(self, key: tuple[str, str]) -> Wages:
        found = self.parsed.get(key)
        if found is None:
            number, line = self.lines[key]
            fields = next(csv.reader([line]))
            if len(fields) != len(self.header):
                raise DataError(
                    f"{self.name}:{number}: {len(fields)} fields, the header has {len(self.header)}"
                )
            row = Row(number, dict(zip(self.header, fields, strict=True)))
            found = self.parsed[key] = wages(
                self.name, row, where=self.where(row.cells), code=key[1], source=self.source
            )
        return found

    def cell(self, key: tuple[str, str], column: str) -> str:
        """One cell of a row, without checking the row's figures."""
        _, line = self.lines[key]
        return dict(zip(self.header, next(csv.reader([line])), strict=False)).get(column, "")

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def __contains__(self, key: object) -> bool:
        return key in self.lines


def read_text(name: str) -> str:
    return shipped.text(f"data/{name}", "table")


class Row(NamedTuple):
    line: int
    cells: dict[str, str]


def rows(name: str, required: tuple[str, ...]) -> Iterator[Row]:
    """The rows of a shipped CSV table, with their line numbers."""
    reader = csv.DictReader(io.StringIO(read_text(name)))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"{name}:1: missing column '{missing[0]}'")
    for cells in reader:
        yield Row(reader.line_num, cells)


def whole(name: str, row: Row, column: str) -> int | None:
    """A published whole number, or None where BLS released none (an empty cell)."""
    text = row.cells.get(column)
    if not text:
        return None
    if text.isdigit():
        value = int(text)
        if 0 < value <= MAX_WHOLE:
            return value
    raise DataError(f"{name}:{row.line}: {column}: expected a positive whole number, got {text[:20]!r}")


def rse(name: str, row: Row) -> float | None:
    """The published wage relative standard error (percent), or None where it is not released."""
    text = row.cells.get("wage_rse") or ""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise DataError(f"{name}:{row.line}: wage_rse: expected a percent from 0 to 100, got {text[:20]!r}")
    return value


class Columns(NamedTuple):
    """Where an OEWS table's cells are in a row read as a list, for reading the rows of a table
    whose header names each column once (else columns_of gives None and every row is a Row)."""

    width: int
    soc: int
    percentiles: tuple[tuple[int, int], ...]  # (cell, percentile)
    employment: int
    mean: int
    rse: int
    notes: int
    series: int


def columns_of(header: list[str]) -> Columns | None:
    names = ("soc", "employment", "mean", "wage_rse", "notes", "series_id")
    wanted = (*names, *(column for column, _ in PERCENTILE_COLUMNS))
    if len(set(header)) != len(header) or not all(column in header for column in wanted):
        return None
    at = header.index
    soc, employment, mean, spread, notes, series = map(at, names)
    percentiles = tuple((at(column), pct) for column, pct in PERCENTILE_COLUMNS)
    return Columns(len(header), soc, percentiles, employment, mean, spread, notes, series)


Listed = tuple[int, list[str], list[str]]  # a row's line number, its cells, the table's header


def listed_wages(
    name: str, row: Listed, columns: Columns | None, *, where: str, code: str, source: Source
) -> Wages:
    """wages() of a row read as a list (its line number, its cells, the header): a row of the
    header's width whose every cell passes wages' checks is read from the list (a run reads
    thousands); any other goes through wages(), which says what is wrong."""
    number, cells, header = row
    found = None
    if columns is not None and len(cells) == columns.width:
        found = plain_wages(cells, columns, where=where, code=code, source=source)
    if found is None:
        found = wages(
            name, Row(number, dict(zip(header, cells, strict=False))), where=where, code=code, source=source
        )
    return found


def plain_wages(cells: list[str], at: Columns, *, where: str, code: str, source: Source) -> Wages | None:
    """The row's figures where each cell is as wages() accepts it; None where any is not."""
    points, below = [], 0
    for cell, pct in at.percentiles:
        text = cells[cell]
        if text:
            value = int(text) if text.isascii() and text.isdigit() else 0
            if not 0 < value <= MAX_WAGE or value < below:
                return None
            points.append((pct, value))
            below = value
    employment, mean, spread = (
        plain_whole(cells[at.employment]),
        plain_whole(cells[at.mean]),
        plain_rse(cells[at.rse]),
    )
    series = cells[at.series]
    if employment == -1 or mean == -1 or spread == -1 or not SERIES.fullmatch(series):
        return None
    return Wages(
        cells[at.soc], where, code, tuple(points), source, series, employment, mean, cells[at.notes], spread
    )


def plain_whole(text: str) -> int | None:
    """A cell as whole() reads it: None where empty, -1 where whole() would refuse it."""
    if not text:
        return None
    value = int(text) if text.isascii() and text.isdigit() else 0
    return value if 0 < value <= MAX_WHOLE else -1


def plain_rse(text: str) -> float | None:
    """A cell as rse() reads it: None where empty, -1.0 where rse() would refuse it."""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return -1.0
    return value if 0 <= value <= 100 else -1.0


def wages(name: str, row: Row, *, where: str, code: str, source: Source) -> Wages:
    """One checked row: published percentiles ascending, wages in a sane range."""
    series = row.cells.get("series_id", "")
    points = published_points(name, row)  # checked before the series, as the columns read
    if not SERIES.fullmatch(series):
        raise DataError(f"{name}:{row.line}: series_id: {series[:30]!r} is not a BLS OEWS series ID")
    return Wages(
        soc=row.cells["soc"],
        where=where,
        code=code,
        points=points,
        source=source,
        series_id=series,
        employment=whole(name, row, "employment"),
        mean=whole(name, row, "mean"),
        notes=row.cells.get("notes", ""),
        wage_rse=rse(name, row),
    )


def published_points(name: str, row: Row) -> tuple[tuple[int, int], ...]:
    """A row's published percentiles, each a plausible wage and none below the one before. A
    cell of digits in range is taken inline (a run parses thousands); any other goes to whole()
    for its error."""
    points: list[tuple[int, int]] = []
    cells, below = row.cells, 0
    for column, pct in PERCENTILE_COLUMNS:
        text = cells.get(column)
        if not text:
            continue
        value = int(text) if text.isdigit() else 0
        if not 0 < value <= MAX_WAGE:
            value = whole(name, row, column) or 0  # raises, unless a whole number too large
            raise DataError(f"{name}:{row.line}: {column}: {value} is not a plausible annual wage")
        if value < below:
            raise DataError(f"{name}:{row.line}: {column}: {value} is below the lower percentile {below}")
        points.append((pct, value))
        below = value
    return tuple(points)
