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
    chosen = book[sheet] if sheet is not None else book.worksheets[0]
    rows = chosen.iter_rows(values_only=True)
    first = next(rows, ())
    given = ["" if value is None else str(value) for value in first]
    header = clean_header(given)
    check_header(header, given)
    if "exp" not in header:
        where_exp(book, chosen, sheet_given=sheet is not None)
    return header, records(header, rows)


HEADER_SEARCH = 10  # rows of a sheet looked at for a header that is not in the first row


def where_exp(book: Any, chosen: Any, *, sheet_given: bool) -> None:
    """For a sheet whose first row has no 'exp': where the workbook has one, said as the way out
    (a header below a title row, or another sheet: the first sheet is read unless --sheet names
    one); nothing found, the header's own error follows (Layout.from_header)."""
    for number, values in enumerate(chosen.iter_rows(max_row=HEADER_SEARCH, values_only=True), start=1):
        if number > 1 and has_exp(values):
            raise UsageProblem(
                f"the input has no 'exp' column in its first row; row {number} of sheet "
                f"{shown(chosen.title, 40)} looks like the header: the header must be the sheet's first "
                "row (delete the rows above it)"
            )
    if sheet_given:
        return
    for other in book.worksheets[1:]:
        rows = other.iter_rows(max_row=HEADER_SEARCH, values_only=True)
        at = next((n for n, values in enumerate(rows, start=1) if has_exp(values)), None)
        if at is not None:
            name = shown(other.title, 40)
            way = (
                f"--sheet {name} reads it"
                if at == 1
                else f"make that row the sheet's first (the header must be) and give --sheet {name}"
            )
            raise UsageProblem(
                f"the input's first sheet, {shown(chosen.title, 40)}, has no 'exp' column; sheet "
                f"{name} has one{'' if at == 1 else f' in row {at}'}: {way}"
            )


def has_exp(values: tuple[Any, ...]) -> bool:
    return "exp" in clean_header(["" if value is None else str(value) for value in values])


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
