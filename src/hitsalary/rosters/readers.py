"""Roster readers: CSV and JSON Lines in, one dict per record out, in order. A record the reader
cannot take apart carries its RowError under READ_ERROR, so the run reports it and goes on."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TextIO

from hitsalary.core.errors import UsageProblem, shown
from hitsalary.rosters.layout import AMOUNT_FIELDS, FORMATS, KNOWN, OLD_NAMES, READ_ERROR, RowError


def text_stream(binary: IO[bytes]) -> TextIO:
    """UTF-8 with or without a BOM; bytes that are not UTF-8 become U+FFFD, never a crash."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")


def clean_header(names: list[str]) -> list[str]:
    return [name.strip().lower().lstrip("-") for name in names]


FIELD_LIMIT = 131_072  # the csv module's default limit: a longer field makes its row an error
READ_LIMIT = 16 * 1024 * 1024  # what the reader accepts at all; beyond it the row is skipped


def read_csv(stream: TextIO) -> tuple[list[str], Iterator[dict[str, Any]]]:
    csv.field_size_limit(READ_LIMIT)
    reader = csv.reader(stream)
    try:
        header = clean_header(next(reader, []))
    except csv.Error as exc:  # an unclosed quote in the header runs past READ_LIMIT
        raise UsageProblem(f"the input's header row is not readable as CSV: {exc}") from None
    check_header(header)
    width = len(header)

    def records() -> Iterator[dict[str, Any]]:
        while True:  # the inner loop runs at the csv module's speed until a row it cannot read
            try:
                for fields in reader:
                    if not fields or fields == [""]:
                        continue  # a blank line is not a record
                    record: dict[str, Any] = dict(zip(header, fields, strict=False))
                    # fast path: the right width and, all fields together, within one field's limit
                    if len(fields) != width or sum(map(len, fields)) > FIELD_LIMIT:
                        problem = row_problem(fields, width)
                        if problem is not None:
                            record[READ_ERROR] = problem
                    yield record
                return
            except csv.Error as exc:  # a field beyond READ_LIMIT, a NUL byte ...
                yield {READ_ERROR: RowError("(row)", None, f"not readable as CSV: {exc}")}

    return header, records()


def row_problem(fields: list[str], width: int) -> RowError | None:
    extra = fields[width:]
    if len(fields) < width or any(value.strip() for value in extra):
        return RowError("(row)", len(fields), f"{len(fields)} fields, the header has {width}")
    for value in fields:
        if len(value) > FIELD_LIMIT:
            return RowError("(row)", value, f"a field of {len(value):,} characters (at most {FIELD_LIMIT:,})")
    return None


def check_header(header: list[str]) -> None:
    """A column named twice would leave only its last value: refused."""
    seen: set[str] = set()
    for name in header:
        if len(name) > FIELD_LIMIT:  # an unclosed quote took the rows into the header
            raise UsageProblem(f"the input's header has a column name of {len(name):,} characters")
        if name and name in seen:
            raise UsageProblem(f"the input's header names the column {shown(name)} twice")
        seen.add(name)


class JsonRecords:
    """The records of a JSON Lines input; keys that the first record lacks (and so have no
    output column) are collected in `unknown`, for the run to report."""

    def __init__(self, first: dict[str, Any] | None, lines: Iterator[str], header: list[str]) -> None:
        self.first, self.lines, self.known = first, lines, set(header)
        self.unknown: set[str] = set()
        self.records = self.generate()

    def __iter__(self) -> JsonRecords:
        return self

    def __next__(self) -> dict[str, Any]:
        return next(self.records)

    def generate(self) -> Iterator[dict[str, Any]]:
        if self.first is not None:
            yield self.first
        known, unknown = self.known, self.unknown
        for line in self.lines:
            record = parse_json_line(line)
            if not known.issuperset(record) and READ_ERROR not in record:
                unknown.update(key for key in record if key not in known)
            yield record


def read_jsonl(stream: TextIO) -> tuple[list[str], Iterator[dict[str, Any]]]:
    lines = (line for line in stream if line.strip())
    first = next(lines, None)
    parsed = parse_json_line(first) if first is not None else {}
    header = [k for k in parsed if k != READ_ERROR]
    if "exp" not in header:
        header.append("exp")  # every JSON line is checked on its own; exp is always asked for
    known = [*header, *(key for key in KNOWN if key not in AMOUNT_FIELDS)]  # a later offer is named
    return header, JsonRecords(parsed if first is not None else None, lines, known)


def not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]} is too large a number")
    return value


def parse_json_line(line: str) -> dict[str, Any]:
    try:
        value = json.loads(line, parse_constant=not_json, parse_float=finite_float)
    except json.JSONDecodeError as exc:
        return {READ_ERROR: RowError("(line)", line.strip()[:80], f"not valid JSON: {exc.msg}")}
    except (ValueError, RecursionError) as exc:  # NaN, 1e400, a number too long, deep nesting
        return {READ_ERROR: RowError("(line)", line.strip()[:80], f"not valid JSON: {exc}")}
    if not isinstance(value, dict):
        return {READ_ERROR: RowError("(line)", line.strip()[:80], "a JSON Lines record must be an object")}
    record = {str(k).strip().lower().lstrip("-"): v for k, v in value.items()}
    for old, new in OLD_NAMES.items():  # the older name of a column, record by record
        if old in record and new not in record:
            record[new] = record.pop(old)
    return record


def sniff_format(binary: IO[bytes]) -> tuple[str, IO[bytes]]:
    """Guess the format of stdin without consuming it: a first '{' means JSON Lines."""
    buffered = binary if isinstance(binary, io.BufferedReader) else io.BufferedReader(binary)  # type: ignore[type-var]  # any readable binary stream works
    head = buffered.peek(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return ("jsonl" if head.startswith(b"{") else "csv"), buffered


def format_for(path: str, given: str | None, *, flag: str = "--format") -> str | None:
    if given is not None:
        if given.strip().lower() not in FORMATS:
            raise UsageProblem(f"invalid value for {flag}: {shown(given)} (choose from {', '.join(FORMATS)})")
        return given.strip().lower()
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    return None


@contextmanager
def open_input(path: str, given: str | None, stdin: IO[bytes]) -> Iterator[tuple[str, TextIO, IO[bytes]]]:
    """The input as text, its format, and its binary stream (for progress by bytes read)."""
    fmt = format_for(path, given, flag="--input-format")
    if path == "-":
        binary: IO[bytes] = stdin
    else:
        try:
            binary = open(path, "rb")  # noqa: SIM115 - closed below, after the whole run
        except FileNotFoundError:
            raise UsageProblem(f"invalid value for INPUT: {shown(path, 200)}: no such file") from None
        except IsADirectoryError:
            raise UsageProblem(f"invalid value for INPUT: {shown(path, 200)} is a folder") from None
        except OSError as exc:
            raise UsageProblem(f"invalid value for INPUT: {shown(path, 200)}: {exc.strerror}") from None
    try:
        if fmt is None:
            fmt, binary = sniff_format(binary)
        yield fmt, text_stream(binary), binary
    finally:
        if path != "-":
            binary.close()
