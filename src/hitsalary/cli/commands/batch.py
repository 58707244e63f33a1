"""`hitsalary batch`: a roster in, one estimate per row out. Only the command: the roster engine
(readers, the columns, the per-row estimator, the run) is `hitsalary.rosters`, below the command
line, which the Python API's `hitsalary.batch` shares; the output file is cli/output_files.py."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any, TextIO

import typer

from hitsalary.cli.app import command_app, load_data, output, say
from hitsalary.cli.options import DataOption, PlainArguments, SurveyDollarsOption
from hitsalary.core.errors import UsageProblem, shown

BatchInput = Annotated[
    str,
    typer.Argument(
        metavar="INPUT",
        help="CSV (header row), JSON Lines or Excel (.xlsx) file; - for stdin.",
        show_default=False,
    ),
]
BatchOutputOption = Annotated[
    str,
    typer.Option("--output", "-o", metavar="PATH", help="Where to write; - for stdout. Written atomically."),
]
BatchFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="jsonl, csv or xlsx. Default: from --output's extension, else jsonl.",
        show_default=False,
    ),
]
BatchInputFormatOption = Annotated[
    str | None,
    typer.Option(
        "--input-format",
        metavar="FORMAT",
        help="csv, jsonl or xlsx. Default: from INPUT's extension, else guessed.",
        show_default=False,
    ),
]
BatchDelimiterOption = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        metavar="CHAR",
        help="CSV input's delimiter: , ; tab or |. Default: whichever of them the header line holds most of.",
        show_default=False,
    ),
]
BatchSheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAME",
        help="Excel input: the sheet to read. Default: the first.",
        show_default=False,
    ),
]
BatchLevelsOption = Annotated[
    bool,
    typer.Option(
        "--levels",
        help="For each offer or salary column, add the prevailing-wage level it meets (AMOUNT_level: "
        "I to IV, empty below Level I) and the dollars it falls short of Level I (AMOUNT_below_level_i).",
    ),
]


app = command_app()


@app.command(short_help="Estimate every row of a roster (CSV, JSON Lines or Excel).", cls=PlainArguments)
def batch(
    input_path: BatchInput,
    output: BatchOutputOption = "-",
    out_format: BatchFormatOption = None,
    input_format: BatchInputFormatOption = None,
    with_levels: BatchLevelsOption = False,
    survey_dollars: SurveyDollarsOption = False,
    data_path: DataOption = None,
    delimiter: BatchDelimiterOption = None,
    sheet: BatchSheetOption = None,
) -> None:
    """Estimate every row of a roster: one output record per input record, in order.

    \b
    Examples:
      hitsalary batch staff.csv --output bands.csv
      hitsalary batch candidates.jsonl | jq 'select(.error) | .row'
      cat staff.csv | hitsalary batch - --format csv > bands.csv
      hitsalary batch staff.xlsx --sheet Nurses -o bands.xlsx
    """
    from hitsalary.cli.output_files import check_output_path, refuse_reading_own_output
    from hitsalary.core.errors import EXIT_ROWS_REJECTED
    from hitsalary.rosters import readers
    from hitsalary.rosters.layout import Layout
    from hitsalary.rosters.runner import run

    data = load_data(data_path, aged=not survey_dollars)
    check_output_path(output)
    stdin: IO[bytes] = sys.stdin.buffer
    with readers.open_input(input_path, input_format, stdin) as (in_format, stream, binary):
        input_name = "the input (stdin)" if input_path == "-" else f"the input {shown(input_path, 200)}"
        refuse_reading_own_output(output, sys.stdout, {input_name: binary, "the data file": data_path})
        fmt = readers.output_format(output, out_format)
        header, records = read_roster(
            in_format, stream, binary, path=input_path, delimiter=delimiter, sheet=sheet
        )
        layout = Layout.from_header(header, levels=with_levels)
        # what the header says is known before any row: said first, where it is not missed
        given = getattr(records, "given", header)  # JSON Lines: the first record's keys
        for warning in (*layout.unread_warnings(given), layout.levels_warning()):
            if warning:
                say(warning)
        with batch_output(output) as out, batch_progress(input_path, binary) as tick:
            writer = make_writer(fmt, out, layout)
            summary = run(records, layout, writer, data, tick=tick, survey_dollars=survey_dollars)
    say(summary.line())
    say(dollars_line(data, survey_dollars=survey_dollars))
    for warning in (summary.warning(), summary.levels_note(), summary.metro_note()):
        if warning:
            say(warning)
    unknown = list(getattr(records, "unknown", ()))
    if unknown and fmt != "jsonl":  # JSON Lines output passes them through, record by record
        names = ", ".join(shown(name, 30) for name in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        kind = "CSV" if fmt == "csv" else "workbook"
        say(f"warning: keys missing from the first record have no {kind} column, not passed through: {names}")
    if summary.rejected:
        raise typer.Exit(EXIT_ROWS_REJECTED)


def dollars_line(data: Any, *, survey_dollars: bool) -> str:
    """Which month's dollars a roster's bands are in (the records carry the amounts only)."""
    from hitsalary.core.growth import wage_growth

    growth = wage_growth(data, survey_dollars=survey_dollars)
    if growth.basis != "measured":
        return f"bands in {growth.survey_month} survey dollars (OEWS), not aged"
    return (
        f"bands in {growth.month} dollars: the {growth.survey_month} survey's aged by the ECI "
        f"({growth.series}) x{growth.multiplier:.4f}; --survey-dollars keeps the survey month's dollars"
    )


@contextmanager
def batch_output(path: str) -> Iterator[Any]:
    if path == "-":
        with output():
            yield sys.stdout
        return
    from hitsalary.cli.output_files import atomic_output

    with atomic_output(Path(path), sys.stdout) as handle:
        yield handle


@contextmanager
def batch_progress(input_path: str, binary: Any) -> Iterator[Callable[[int], None] | None]:
    """A progress bar only for a file read by a person watching a terminal."""
    size = regular_file_size(binary) if input_path != "-" and sys.stderr.isatty() else None
    if size is None:  # a pipe, FIFO or device has no size and cannot tell() where it is
        yield None
        return
    from hitsalary.output.render import progress_bar

    with progress_bar(size) as advance:
        yield lambda _rows: advance(binary.tell())


def regular_file_size(binary: Any) -> int | None:
    """The size of the input when it is a regular file (a progress bar can follow it), else None:
    a FIFO or pipe cannot tell() its position (and must never be asked to)."""
    try:
        info = os.fstat(binary.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def read_roster(
    in_format: str, stream: TextIO, binary: Any, *, path: str, delimiter: str | None, sheet: str | None
) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """The roster's header and records, by its format (a workbook's library only for a workbook)."""
    from hitsalary.rosters import readers

    if in_format == "xlsx":
        if path == "-":
            raise UsageProblem("invalid value for INPUT: an Excel workbook is read from a file, not stdin")
        if delimiter is not None:
            raise UsageProblem("invalid value for --delimiter: the input is an Excel workbook, not CSV")
        from hitsalary.rosters.xlsx_reader import read_xlsx

        return read_xlsx(binary, sheet=sheet)
    if sheet is not None:
        raise UsageProblem("invalid value for --sheet: the input is not an Excel workbook")
    reader = readers.read_csv if in_format == "csv" else readers.read_jsonl
    return reader(stream, delimiter=delimiter)


def make_writer(fmt: str, out: TextIO, layout: Any) -> Any:
    """The writer for the output format; a workbook is written to the output's bytes."""
    if fmt != "xlsx":
        from hitsalary.output.batch_writers import WRITERS

        return WRITERS[fmt](out, layout)
    buffer = getattr(out, "buffer", None)
    if buffer is None or out.isatty():
        raise UsageProblem(
            "invalid value for --format: an Excel workbook needs --output PATH, not a terminal"
        )
    from hitsalary.output.xlsx_writer import XlsxWriter

    out.flush()
    return XlsxWriter(buffer, layout)
