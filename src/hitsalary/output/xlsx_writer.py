"""Batch output as an Excel workbook: one sheet, the CSV writer's columns, cells typed (numbers
stay numbers, money as currency), text always written as text (a cell that looks like a formula
is never a live formula), the header row frozen and filtered. XlsxWriter in constant-memory
mode writes each row as it comes, so memory stays flat; it is imported only here, when a
workbook is written."""

from __future__ import annotations

import math
import sys
from typing import IO, Any

from hitsalary.core.errors import OutputError
from hitsalary.core.text import escape_controls
from hitsalary.output.batch_writers import ERROR_COLUMNS, Columns, Values, cell


class Shortest(float):
    """A float whose text in the workbook is its repr: the shortest digits that read back as the
    same number, those the JSON Lines and CSV writers write. XlsxWriter writes a number as
    f"{number:.16G}" (xmlwriter.py): a percentile of 80.1 was stored as 80.09999999999999, and
    a float that needs 17 digits (0.30000000000000004) read back as another number."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return float.__repr__(self)


EXACT = 2**sys.float_info.mant_dig  # a whole number past this is not held exactly as a number
MONEY_COLUMNS = ("low", "mid", "high", "offer", "salary", "offer_below_level_i", "salary_below_level_i")
COLUMN_WIDTH = 14
ROW_LIMIT = 1_048_575  # Excel's 1,048,576 rows, less the header


class XlsxWriter:
    """A workbook written to a binary stream when the run ends (flush)."""

    def __init__(self, stream: IO[bytes], layout: Columns) -> None:
        import xlsxwriter  # type: ignore[import-untyped]  # no stubs shipped; imported only for a workbook

        options = {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }
        self.book = xlsxwriter.Workbook(stream, options)
        self.sheet = self.book.add_worksheet("bands")
        self.columns = [*layout.columns(), *ERROR_COLUMNS]
        money = self.book.add_format({"num_format": '"$"#,##0'})
        self.formats = [money if name in MONEY_COLUMNS else None for name in self.columns]
        bold = self.book.add_format({"bold": True})
        for n, name in enumerate(self.columns):
            self.sheet.write_string(0, n, name, bold)
        self.sheet.set_column(0, len(self.columns) - 1, COLUMN_WIDTH)
        self.sheet.freeze_panes(1, 0)
        self.row = 0
        self.closed = False

    def write(self, values: Values) -> None:
        self.add(values)

    def write_extra(self, values: Values, _extra: dict[str, Any]) -> None:
        """Keys no earlier record had have no column (the run warns, naming them)."""
        self.add(values)

    def write_error(self, record: dict[str, Any]) -> None:
        self.add([record.get(name) for name in self.columns])

    def add(self, values: Any) -> None:
        self.row += 1
        if self.row > ROW_LIMIT:
            raise OutputError(f"an Excel sheet holds at most {ROW_LIMIT:,} rows below its header")
        sheet, row, formats = self.sheet, self.row, self.formats
        for n, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is float and math.isfinite(value):
                sheet.write_number(row, n, Shortest(value), formats[n])
            elif kind is int and -EXACT <= value <= EXACT:
                sheet.write_number(row, n, value, formats[n])
            elif kind is bool:
                sheet.write_boolean(row, n, value)
            else:  # text; and a whole number too long for a spreadsheet's number, as its digits
                text = value if kind is str else str(value) if kind is int else cell(value)
                sheet.write_string(row, n, text if text.isprintable() else escape_controls(text))

    def flush(self) -> None:
        """Called once at the end of the run (also after an error): the workbook is written."""
        if not self.closed:
            self.closed = True
            self.sheet.autofilter(0, 0, self.row, len(self.columns) - 1)
            self.book.close()
