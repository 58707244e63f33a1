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
    text = row.cells.get(column) or ""
    if not text:
        return None
    if not text.isdigit() or not 0 < int(text) <= MAX_WAGE * 1000:
        raise DataError(f"{name}:{row.line}: {column}: expected a positive whole number, got {text[:20]!r}")
    return int(text)


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


def wages(name: str, row: Row, *, where: str, code: str, source: Source) -> Wages:
    """One checked row: published percentiles ascending, wages in a sane range."""
    points: list[tuple[int, int]] = []
    for column, pct in PERCENTILE_COLUMNS:
        value = whole(name, row, column)
        if value is None:
            continue
        if value > MAX_WAGE:
            raise DataError(f"{name}:{row.line}: {column}: {value} is not a plausible annual wage")
        if points and value < points[-1][1]:
            raise DataError(
                f"{name}:{row.line}: {column}: {value} is below the lower percentile {points[-1][1]}"
            )
        points.append((pct, value))
    series = row.cells.get("series_id", "")
    if not SERIES.fullmatch(series):
        raise DataError(f"{name}:{row.line}: series_id: {series[:30]!r} is not a BLS OEWS series ID")
    return Wages(
        soc=row.cells["soc"],
        where=where,
        code=code,
        points=tuple(points),
        source=source,
        series_id=series,
        employment=whole(name, row, "employment"),
        mean=whole(name, row, "mean"),
        notes=row.cells.get("notes", ""),
        wage_rse=rse(name, row),
    )
