"""Roster readers: CSV and JSON Lines in, one dict per record out, in order. A record the reader
cannot take apart carries its RowError under READ_ERROR, so the run reports it and goes on."""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TextIO

from hitsalary.core.errors import UsageProblem, shown
from hitsalary.output.batch_writers import column_key, distinct, encode_json
from hitsalary.rosters.layout import (
    AMOUNT_FIELDS,
    CACHE_LIMIT,
    DETECTED,
    EXTRA,
    FORMATS,
    KNOWN,
    OLD_NAMES,
    READ_ERROR,
    RowError,
)
from hitsalary.rosters.lines import RECORD_LIMIT, Lines, LongLine, Unclosed


def text_stream(binary: IO[bytes]) -> TextIO:
    """UTF-8 with or without a BOM; bytes that are not UTF-8 become U+FFFD, never a crash."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")


def column_name(name: str) -> str:
    """A header name or a record's key as the roster is read by: a known column's as matched
    (`EXP` is exp), any other in its own spelling, trimmed (`Name` is passed through as Name)."""
    key = column_key(name)
    return key if key in KNOWN_NAMES or not key else name.strip()


def clean_header(names: list[str]) -> list[str]:
    """Header names as column_name reads them; an empty name becomes `column_N` (its position),
    so that no two output columns share a name."""
    cleaned = [column_name(name) for name in names]
    taken = set(map(column_key, cleaned))
    for n, name in enumerate(cleaned):
        if not column_key(name):
            cleaned[n] = distinct(f"column_{n + 1}", taken)
            taken.add(cleaned[n])
    return cleaned


KNOWN_NAMES = frozenset(KNOWN)

DELIMITERS = {
    ",": ",",
    ";": ";",
    "\t": "\t",
    "tab": "\t",
    "\\t": "\t",
    "comma": ",",
    "semicolon": ";",
    "|": "|",
}


def delimiter_for(given: str | None, first_line: str) -> str:
    """--delimiter when given; else whichever of comma, semicolon, tab and pipe the header line
    holds most of (the first of them in that order on a tie; a comma when it holds none: a
    one-column roster)."""
    if given is not None:
        found = DELIMITERS.get(given.strip(" ").lower()) if given.strip(" ") else None
        if found is None:
            raise UsageProblem(f"invalid value for --delimiter: {shown(given)} (choose from , ; tab |)")
        return found
    counts = {mark: first_line.count(mark) for mark in DETECTED}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def read_csv(stream: TextIO, *, delimiter: str | None = None) -> tuple[list[str], Iterator[dict[str, Any]]]:
    csv.field_size_limit(RECORD_LIMIT + 2)  # a record holds at most RECORD_LIMIT characters anyway
    source = Lines(stream)
    lines = iter(source)
    try:
        first = next(lines, "")
        source.taken.clear()
        if first:
            source.replay([first])
        mark = delimiter_for(delimiter, first)
        reader = csv.reader(lines, delimiter=mark)
        given = next(reader, [])
        header = clean_header(given)
        if len(source.taken) > 1:
            raise Unclosed
    except (LongLine, Unclosed, csv.Error):  # e.g. an unclosed quote in the header
        raise UsageProblem(
            f"the input's header row is not readable as CSV (an unclosed quote, or over "
            f"{RECORD_LIMIT:,} characters)"
        ) from None
    source.taken.clear()
    check_header(header, given)
    return header, iter(CsvRecords(source, header, mark, reader))


class CsvRecords:
    """The records of a CSV roster after its header. The loop runs at the csv module's speed for
    rows of the header's width on one line; anything else takes the slow path."""

    def __init__(self, source: Lines, header: list[str], delimiter: str, reader: Any) -> None:
        self.source, self.header, self.delimiter, self.reader = source, header, delimiter, reader
        self.replayed = False

    def __iter__(self) -> Iterator[dict[str, Any]]:
        header, taken, width, reader = self.header, self.source.taken, len(self.header), self.reader
        while True:
            try:
                for fields in reader:
                    if len(taken) == 1 and len(fields) == width and any(fields):
                        taken.clear()
                        # the width is checked just above; a keyword argument to zip costs 0.25 us
                        yield dict(zip(header, fields))  # noqa: B905
                        continue
                    record = self.odd(fields)
                    if record is not None:
                        yield record
                    if self.replayed:  # lines to read again: a new reader (this one may have ended)
                        break
                else:
                    return
            except LongLine as exc:  # a line read past: after a record that ran on, read again
                yield self.broken(exc.error, again=[exc.error])
            except Unclosed:
                yield self.broken(RowError("(row)", None, "a record over several lines, too long"))
            except csv.Error as exc:
                yield self.broken(RowError("(row)", None, f"not readable as CSV: {exc}"))
            self.replayed = False
            reader = csv.reader(iter(self.source), delimiter=self.delimiter)

    def odd(self, fields: list[str]) -> dict[str, Any] | None:
        """A row of another width, a blank line or a row of empty cells, or a record over several
        lines."""
        lines = self.source.taken[:]
        self.source.taken.clear()
        if len(lines) > 1 and (len(fields) != len(self.header) or not self.closed(lines)):
            return self.unclosed(lines, [])
        if not any(fields):  # a blank line, or a row of empty cells (',,,,', as spreadsheets export
            return None  # their used range): not a record, as an empty row of a workbook is not
        record: dict[str, Any] = dict(zip(self.header, fields, strict=False))
        problem = row_problem(fields, len(self.header))
        if problem is not None:
            record[READ_ERROR] = problem
        return record

    def closed(self, lines: list[str]) -> bool:
        """Whether a record over several lines is well-formed: every quote closed before the end of
        the input and followed by a delimiter (the csv module's lenient mode accepts either)."""
        try:
            records = list(csv.reader(lines, delimiter=self.delimiter, strict=True))
        except csv.Error:
            return False
        return len(records) == 1

    def broken(self, error: RowError, *, again: list[str | RowError] | None = None) -> dict[str, Any]:
        """The record a failure ended: read again from its second line when it ran over several
        (a line read past is not among the lines taken, but is one of the record's lines)."""
        lines = self.source.taken[:]
        self.source.taken.clear()
        if len(lines) + bool(again) > 1:
            return self.unclosed(lines, again or [])
        return {READ_ERROR: error}

    def unclosed(self, lines: list[str], then: list[str | RowError]) -> dict[str, Any]:
        """A quote opened in a row's line and never closed there: that line is the error record
        (with the fields it holds), and the lines after it are read again as rows of their own."""
        start = self.source.number - len(lines) + 1
        self.source.replay([*lines[1:], *then])
        self.replayed = True
        text = lines[0].rstrip("\r\n")
        fields = next(csv.reader([text], delimiter=self.delimiter, quoting=csv.QUOTE_NONE), [])
        record: dict[str, Any] = dict(zip(self.header, fields, strict=False))
        message = (
            f"line {start:,} opens a quote that its row never closes (the lines after it are read as rows)"
        )
        record[READ_ERROR] = RowError("(row)", None, message)
        return record


def row_problem(fields: list[str], width: int) -> RowError | None:
    extra = fields[width:]
    if len(fields) < width or any(value.strip() for value in extra):
        fields_text = "1 field" if len(fields) == 1 else f"{len(fields)} fields"
        return RowError("(row)", len(fields), f"{fields_text}, the header has {width}")
    return None


def check_header(header: list[str], given: list[str] | None = None) -> None:
    """A column named twice would leave only its last value: refused, naming both spellings as
    the header gives them (`given`: the names before clean_header read them)."""
    seen: dict[str, str] = {}  # a column's key -> the header's first spelling of it
    for name, spelled in zip(header, given or header, strict=True):
        key = column_key(name)
        if key in (READ_ERROR, EXTRA):  # the readers' own marks, in any case
            raise UsageProblem(f"the input's header has a column no roster can have: {shown(name)}")
        if key in seen:
            raise UsageProblem(
                f"the input's header names the column {shown(key)} twice: {shown(seen[key])} and "
                f"{shown(spelled)} (names are matched ignoring case, spaces and leading dashes)"
            )
        seen[key] = spelled


class JsonRecords:
    """The records of a JSON Lines input (or of the API's mappings). Every record is read for
    every known column whatever the first one holds; keys no record before had (and so without
    an output column) go under EXTRA, for JSON Lines output to pass through, and are collected
    in `unknown`, for a CSV output's warning."""

    def __init__(self, records: Iterator[dict[str, Any]]) -> None:
        self.first = next(records, None)
        self.rest = records
        first = self.first or {}
        self.header = [k for k in first if k not in (READ_ERROR, EXTRA)]
        self.given = self.header[:]  # the first record's own keys (the header adds exp and amounts)
        for name in ("exp", *AMOUNT_FIELDS):  # asked of every record, whatever the first holds
            if name not in self.header:
                self.header.append(name)
        self.known = {*self.header, *KNOWN}
        self.unknown: dict[str, None] = {}  # in the order first seen
        self.spelled = {column_key(name): name for name in self.header}  # key -> first spelling
        self.records = self.generate()

    def __iter__(self) -> JsonRecords:
        return self

    def __next__(self) -> dict[str, Any]:
        return next(self.records)

    def generate(self) -> Iterator[dict[str, Any]]:
        """The records; one whose every value is blank (null, empty text, NaN) is not a record, as
        a CSV line of empty cells is not: pandas reads such a line of an export as a row of NaN,
        and the API must number its rows as the command numbers the file's. (The first record's
        keys still name the columns.)"""
        if self.first is None:
            return
        if not blank_record(self.first):
            yield self.first
        known = self.known
        for record in self.rest:
            if blank_record(record):
                continue
            if not known.issuperset(record):
                self.sort_out(record)
            yield record

    def sort_out(self, record: dict[str, Any]) -> None:
        """The keys of a record that no column is spelled as: another spelling of a column is
        that column (`NAME` after `Name`); the others go under EXTRA, in their first spelling."""
        extra: dict[str, Any] = {}
        for key in [k for k in record if k not in self.known and k != READ_ERROR]:
            name = self.spelled.setdefault(column_key(key), key)
            value = record.pop(key)
            if name in self.known:
                record[name] = value
            else:
                extra[name] = value
        if extra:
            self.unknown.update(dict.fromkeys(extra))
            record[EXTRA] = extra


def json_lines(source: Lines) -> Iterator[dict[str, Any]]:
    """One parsed record per non-blank line; an over-long line is an error record."""
    taken = source.taken
    while True:
        try:
            for line in source:
                taken.clear()
                if line.strip():
                    yield parse_json_line(line)
            return
        except LongLine as exc:
            taken.clear()
            yield {READ_ERROR: exc.error}


def blank_record(record: dict[str, Any]) -> bool:
    """Whether every value is blank: None, empty text or NaN (what a blank cell becomes)."""
    for value in record.values():  # the first value decides for almost every record
        if not (
            value is None
            or (type(value) is str and not value)
            or (isinstance(value, float) and value != value)
        ):
            return False
    return True  # (an error record's value is its error, never blank)


def read_jsonl(stream: TextIO, *, delimiter: str | None = None) -> tuple[list[str], JsonRecords]:
    if delimiter is not None:
        raise UsageProblem("invalid value for --delimiter: the input is JSON Lines, not CSV")
    records = JsonRecords(json_lines(Lines(stream)))
    return records.header, records


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
    return clean_record(value)


SHAPES: dict[tuple[str, ...], tuple[str, ...]] = {}  # a record's keys -> the names read for them


def clean_record(value: Mapping[Any, Any]) -> dict[str, Any]:
    """A record's keys as a header's names are read (column_name). Two keys that match the same
    name (`exp`, `EXP`, ` Exp `) make the record an error, as they make a CSV header one: neither
    is chosen (see same_column). The records of a roster mostly share their keys: the names of
    each set of keys are worked out once (a bounded cache)."""
    shape = tuple(value)
    names = SHAPES.get(shape)
    if names is None:
        return new_shape(value)
    return old_names(dict(zip(names, value.values(), strict=True)))


def new_shape(value: Mapping[Any, Any]) -> dict[str, Any]:
    """clean_record for keys not seen before; a set of text keys that is not an error is cached."""
    keys = [k if type(k) is str else str(k) for k in value]
    matched = [column_key(k) for k in keys]
    names = tuple(m if m in KNOWN_NAMES or not m else k.strip() for k, m in zip(keys, matched, strict=True))
    record = dict(zip(names, value.values(), strict=True))
    marks = [k for k, m in zip(keys, matched, strict=True) if m in (READ_ERROR, EXTRA)]
    if marks:  # a key spelling the readers' own marks: never taken for one
        for name in marks:
            record.pop(name.strip(), None)
        message = f"the record has a key no column can have: {shown(marks[0])}"
        record[READ_ERROR] = RowError("(record)", None, message)
        return record
    if len(set(matched)) < len(matched):
        return same_column(keys, matched, list(value.values()))
    if all(type(k) is str for k in value):  # 1 == 1.0 == True: only text keys name one shape
        if len(SHAPES) >= CACHE_LIMIT:
            SHAPES.clear()
        SHAPES[tuple(keys)] = names
    return old_names(record)


def old_names(record: dict[str, Any]) -> dict[str, Any]:
    """The older name of a column (specialization) as its name, record by record."""
    for old, new in OLD_NAMES.items():
        if old in record and new not in record:
            record[new] = record.pop(old)
    return record


def same_column(keys: list[str], matched: list[str], values: list[Any]) -> dict[str, Any]:
    """The error record of a record with two keys for one column: each column holds its first
    key's value (in the order given), and the message names the keys of each column given twice
    (two columns at most), with their values: none is picked without a word."""
    record: dict[str, Any] = {}
    for n, (key, name, item) in enumerate(zip(keys, matched, values, strict=True)):
        if name not in matched[:n]:
            record[name if name in KNOWN_NAMES or not name else key.strip()] = item
    twice = list(dict.fromkeys(name for n, name in enumerate(matched) if name in matched[:n]))
    given = [(k, v) for k, m, v in zip(keys, matched, values, strict=True) if m in twice[:2]]
    parts = [keys_for(name, [(k, v) for k, v in given if column_key(k) == name]) for name in twice[:2]]
    more = f"; {len(twice) - 2:,} more of its columns too" if len(twice) > 2 else ""
    first = "the first is shown" if len(twice) == 1 else "the first of each is shown"
    message = f"the record has {'; '.join(parts)}{more}; {first}"
    record[READ_ERROR] = RowError("(record)", None, message)
    return record


def keys_for(name: str, given: list[tuple[str, Any]]) -> str:
    """`two keys for 'exp': 'exp' (3) and 'EXP' (4)`: the first two keys with their values (the
    message stays within 600 characters however long the keys and values)."""
    named = [f"{shown(key, 20)} ({as_json(value)})" for key, value in given[:2]]
    rest = f", and {len(given) - 2:,} more" if len(given) > 2 else ""
    count = "two" if len(given) == 2 else f"{len(given):,}"
    return f"{count} keys for {shown(name, 20)}: {named[0]} and {named[1]}{rest}"


def as_json(value: Any, limit: int = 20) -> str:
    """A value as a message about a record repeats it: as JSON (5, "5", null), cut short."""
    try:
        text = encode_json(value)
    except (TypeError, ValueError, RecursionError):  # an object JSON cannot hold, a 5,000-digit int
        return f"a value of type {type(value).__name__}"
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def sniff_format(binary: IO[bytes]) -> tuple[str, IO[bytes]]:
    """Guess the format without consuming the input: a first '{' means JSON Lines, a zip file's
    signature an Excel workbook, anything else CSV."""
    buffered = binary if isinstance(binary, io.BufferedReader) else io.BufferedReader(binary)  # type: ignore[type-var]  # any readable binary stream works
    raw = buffered.peek(64)
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx", buffered
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
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
    if suffix == ".xlsx":
        return "xlsx"
    return None


def output_format(path: str, given: str | None) -> str:
    """The output's format: --format, else the extension of --output; no extension (stdout,
    /dev/null, a FIFO) means JSON Lines, an extension hitsalary does not write is refused
    rather than filled with JSON Lines under a name that promises something else. Only a
    regular file (or a new one) is held to its name."""
    fmt = format_for(path, given)
    if fmt is not None:
        return fmt
    suffix = Path(path).suffix if path != "-" else ""
    if os.path.exists(path) and not os.path.isfile(path):
        return "jsonl"  # a FIFO, device or socket: its name is no promise of a format
    if suffix and not suffix[1:].isdigit():  # a dated name, out.2026, has no format in its suffix
        raise UsageProblem(
            f"invalid value for --output: {shown(path, 200)}: no format is known for {shown(suffix, 20)} "
            f"(name it .csv, .jsonl, .ndjson or .xlsx, or give --format {', '.join(FORMATS)})"
        )
    return "jsonl"


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
