"""The run: one output record per input record, in input order; a bad record becomes an error
record and the run goes on."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hitsalary.core.areas import passed_over_cells_note
from hitsalary.core.errors import ColumnNotRead, ImplausibleAmounts, RosterWarning
from hitsalary.core.levels import national_rows_note
from hitsalary.core.models import Area, ReferenceData
from hitsalary.core.text import shown
from hitsalary.output.batch_writers import ExtraNames, JsonlWriter, Writer
from hitsalary.rosters.estimator import Estimator, error_record
from hitsalary.rosters.layout import EXTRA, READ_ERROR, Layout, RowError
from hitsalary.rosters.readers import JsonRecords, clean_record


@dataclass
class Summary:
    plausible: tuple[int, int]  # the data's plausible annual salary (method.yaml plausible_salary)
    estimated: int = 0
    rejected: int = 0
    implausible: int = 0  # amounts used, but outside any plausible annual salary
    first_implausible: tuple[int, str, Any, int] | None = None  # the first's row, column, cell, dollars
    national_levels: int = 0  # rows whose levels are national: no state or metro
    passed_over: dict[str, Area] = field(default_factory=dict)  # metro cells that matched several areas

    def metro_note(self) -> str | None:
        """The metro names read as the one area whose name starts with them (core.areas)."""
        return passed_over_cells_note(self.passed_over)

    def levels_note(self) -> str | None:
        """Rows given the nation's levels, which DOL does not use: said once (core.levels)."""
        return national_rows_note(self.national_levels)

    def line(self) -> str:
        return f"{self.estimated:,} estimated, {self.rejected:,} rejected"

    def warning(self) -> str | None:
        """As estimate --offer warns for one amount, one line for a roster's implausible ones."""
        if not self.implausible:
            return None
        low, high = self.plausible
        amounts = "amount is" if self.implausible == 1 else "amounts are"
        first = ""
        if self.first_implausible is not None:
            row, column, cell, dollars = self.first_implausible
            first = f"; the first: row {row:,}, {column} {shown(str(cell), 30)}, read as ${dollars:,} a year"
        return (
            f"warning: {self.implausible:,} offer or salary {amounts} outside any plausible annual "
            f"salary (${low:,} to ${high:,}){first}; an hourly rate needs '/hr' (e.g. 45/hr)"
        )


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector paused while a run's rows go (and resumed after, if it was on,
    however the run ends). A row makes no reference cycles (a test holds it, for CSV, JSON Lines
    and workbooks), so the collector's passes over the run's caches found nothing, and cost 8% of
    a realistic roster's run. The workbook reader, whose rows a library parses, collects the
    youngest generation itself now and then (xlsx_reader.YOUNG_PASS), so a cycle the library
    starts to make is still freed; CSV and JSON Lines rows, read by the csv and json modules,
    get no pass (its first, at row 65,536, went over every object the caches hold: 56 ms of a
    100,000-row realistic roster)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def run(
    records: Iterator[dict[str, Any]],
    layout: Layout,
    writer: Writer,
    data: ReferenceData,
    *,
    tick: Callable[[int], None] | None = None,
    survey_dollars: bool = False,
) -> Summary:
    """One output record per input record, in input order; a bad record becomes an error record.
    The rows run with the collector paused (collector_paused)."""
    estimator = Estimator(data, survey_dollars=survey_dollars)
    estimate, write = estimator.estimate, writer.write
    # keys no earlier record had: JSON Lines output passes them through, in error records too
    extra_name = writer.names.name if isinstance(writer, JsonlWriter) else None
    summary = Summary(plausible=data.method.plausible)
    row = 0
    with collector_paused():
        try:
            for row, record in enumerate(records, start=1):
                try:
                    if READ_ERROR in record:  # the reader could not take it apart: its own error
                        raise record[READ_ERROR]
                    if EXTRA in record:
                        writer.write_extra(estimate(row, record, layout), record[EXTRA])
                    else:
                        write(estimate(row, record, layout))
                except RowError as exc:
                    writer.write_error(
                        error_record(row, record, exc, layout, extra_name, estimator.as_written)
                    )
                    summary.rejected += 1
                if tick is not None and not row % 4096:
                    tick(row)
        finally:
            writer.flush()  # what was estimated before an error or Ctrl-C is not lost
    summary.estimated = row - summary.rejected
    summary.implausible = estimator.implausible
    summary.first_implausible = estimator.first_implausible
    summary.national_levels = estimator.national_levels
    summary.passed_over = estimator.passed_over
    return summary


def records_of(
    mappings: Iterator[Any], data: ReferenceData, *, levels: bool = False, survey_dollars: bool = False
) -> Iterator[dict[str, Any]]:
    """The Python API's batch: each mapping's record as the dict a JSON Lines line holds; a bad
    record (or an item that is not a mapping) is an error record, never an exception. Amounts
    outside any plausible salary are used, as the command uses them, and said once at the end
    with the command's own warning line, as a Python warning (ImplausibleAmounts); a key of the
    first record that looks like a field it lacks ('Degree') is said first (ColumnNotRead); with
    levels, rows with no state or metro (national levels, which DOL does not use) at the end, as a
    RosterWarning, the class of the other two."""
    source = JsonRecords(map(mapping_record, mappings))
    layout = Layout.from_header(source.header, levels=levels)
    for line in layout.unread_warnings(source.given):
        warnings.warn(line.removeprefix("warning: "), ColumnNotRead, stacklevel=2)
    estimator = Estimator(data, survey_dollars=survey_dollars)
    names = ExtraNames(layout.columns())
    columns = layout.columns()
    for row, record in enumerate(source, start=1):
        try:
            if READ_ERROR in record:
                raise record[READ_ERROR]
            values = estimator.estimate(row, record, layout)
        except RowError as exc:
            yield error_record(row, record, exc, layout, names.name, estimator.as_written)
            continue
        out = dict(zip(columns, values, strict=True))
        if EXTRA in record:
            out.update((names.name(key), value) for key, value in record[EXTRA].items())
        yield out
    summary = Summary(data.method.plausible, implausible=estimator.implausible)
    summary.first_implausible = estimator.first_implausible
    warning = summary.warning()
    if warning is not None:
        warnings.warn(warning.removeprefix("warning: "), ImplausibleAmounts, stacklevel=2)
    note = national_rows_note(estimator.national_levels)  # levels=True, rows with no state or metro
    if note is not None:
        warnings.warn(note.removeprefix("note: "), RosterWarning, stacklevel=2)
    note = passed_over_cells_note(estimator.passed_over)
    if note is not None:
        warnings.warn(note.removeprefix("note: "), RosterWarning, stacklevel=2)


def mapping_record(item: Any) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        error = RowError("(record)", None, f"a record must be a mapping (a dict), not {type(item).__name__}")
        return {READ_ERROR: error}
    try:
        return clean_record(item)
    except Exception as exc:  # a key whose str() fails: that record's error, not the run's
        message = f"a key cannot be read as text ({type(exc).__name__})"
        return {READ_ERROR: RowError("(record)", None, message)}
