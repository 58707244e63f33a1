"""Batch output as an Excel workbook: one sheet, the CSV writer's columns, cells typed (numbers
stay numbers, money as currency), text always written as text (a cell that looks like a formula
is never a live formula), the header row frozen and filtered. XlsxWriter in constant-memory
mode writes each row as it comes, so memory stays flat; it is imported only here, when a
workbook is written."""

from __future__ import annotations

import math
from typing import IO, Any

from hitsalary.core.errors import OutputError
from hitsalary.core.text import escape_controls
from hitsalary.output.batch_writers import ERROR_COLUMNS, Columns, Values, cell

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
            if kind is int or (kind is float and math.isfinite(value)):
                sheet.write_number(row, n, value, formats[n])
            elif kind is bool:
                sheet.write_boolean(row, n, value)
            else:
                text = cell(value) if kind is not str else value
                sheet.write_string(row, n, text if text.isprintable() else escape_controls(text))

    def flush(self) -> None:
        """Called once at the end of the run (also after an error): the workbook is written."""
        if not self.closed:
            self.closed = True
            self.sheet.autofilter(0, 0, self.row, len(self.columns) - 1)
            self.book.close()
