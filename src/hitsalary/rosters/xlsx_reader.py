"""A roster as an Excel workbook: the first sheet (or the one named), its first row the header.
openpyxl in read-only mode streams the rows, so memory stays flat; it is imported only here,
when a workbook is read. Cells keep their types: numbers stay numbers (a metro code 41940, an
offer 92000.0), dates become ISO text, and a formula's last computed value is read."""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterator
from typing import IO, Any

from hitsalary.core.errors import UsageProblem, shown
from hitsalary.rosters.layout import READ_ERROR, RowError
from hitsalary.rosters.lines import RECORD_LIMIT
from hitsalary.rosters.readers import check_header, clean_header


def read_xlsx(binary: IO[bytes], *, sheet: str | None = None) -> tuple[list[str], Iterator[dict[str, Any]]]:
    import zipfile

    import openpyxl  # type: ignore[import-untyped]  # no stubs shipped; imported only for a workbook

    try:
        book = openpyxl.load_workbook(binary, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UsageProblem(f"the input is not a readable Excel workbook (.xlsx): {exc}") from None
    if sheet is not None and sheet not in book.sheetnames:
        names = ", ".join(shown(name, 40) for name in book.sheetnames)
        raise UsageProblem(f"invalid value for --sheet: {shown(sheet)} (the workbook has {names})")
    rows = (book[sheet] if sheet is not None else book.worksheets[0]).iter_rows(values_only=True)
    first = next(rows, ())
    given = ["" if value is None else str(value) for value in first]
    header = clean_header(given)
    check_header(header, given)
    return header, records(header, rows)


# rows between two passes over the collector's youngest generation: a batch runs with the
# collector paused (runner.collector_paused), and this library's rows are the only ones not read
# by the csv or json module, so a cycle it might make is freed here and memory stays flat
YOUNG_PASS = 65_536


def records(header: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[dict[str, Any]]:
    width = len(header)
    for count, values in enumerate(rows, start=1):
        if not count % YOUNG_PASS:
            gc.collect(0)
        if all(value is None or value == "" for value in values):
            continue  # an empty row is not a record
        record = {name: plain(value) for name, value in zip(header, values, strict=False)}
        extra = values[width:]
        if any(value not in (None, "") for value in extra):
            record[READ_ERROR] = RowError("(row)", len(values), f"cells beyond the header's {width} columns")
        elif sum(len(v) for v in record.values() if isinstance(v, str)) > RECORD_LIMIT:
            record = {READ_ERROR: RowError("(row)", None, f"a row over {RECORD_LIMIT:,} characters")}
        yield record


def plain(value: Any) -> Any:
    """A cell's value as a CSV or JSON cell would carry it: None for empty, ISO text for dates."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return value
