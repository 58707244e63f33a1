"""The batch writers: estimated records as JSON Lines or as CSV (safe to open in a spreadsheet).

The roster engine (`hitsalary.rosters`) reads the roster and estimates each row; these classes
only turn each record's values into a line of output."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from hitsalary.core.profile import PROFILE_FIELDS
from hitsalary.core.text import SURROGATES, escape_controls

# the fixed result columns, in output order (batch's profile columns are PROFILE_FIELDS + metro)
RESULT_COLUMNS = (
    *("row", "id", "exp", *PROFILE_FIELDS, "metro", "soc", "percentile", "low", "mid", "high"),
    *("read_from", "basis", "precision"),  # the figures the band is read from
)
ERROR_COLUMNS = ("error_field", "error_value", "error")
Values = tuple[Any, ...]  # one estimated record, aligned with the layout's columns


class Columns(Protocol):
    """What a writer needs to know of the batch layout: the columns of an estimated record."""

    def columns(self) -> list[str]: ...


# --- output ------------------------------------------------------------------------------

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# what a spreadsheet may skip before a formula: spaces, NBSP, zero-width space, BOM; and the
# full-width forms of = + - @ that some spreadsheets read as the ASCII ones
FORMULA = re.compile("[\\s\u00a0\u200b\ufeff]*[=+\\-@\uff1d\uff0b\uff0d\uff20\t\r]")
FORMULA_LEAD = "\u00a0\u200b\ufeff\uff1d\uff0b\uff0d\uff20"
encode_json = json.JSONEncoder(ensure_ascii=False).encode


def neutralize(value: Any) -> Any:
    """The CSV-injection defence: a text cell that a spreadsheet would run as a formula gets a
    leading apostrophe."""
    if isinstance(value, str) and value:
        first = value[0]
        if first in CSV_TRIGGERS or ((first.isspace() or first in FORMULA_LEAD) and FORMULA.match(value)):
            return "'" + value
    return value


def column_key(name: str) -> str:
    """A column's name as a roster's header is matched: trimmed, lower case, no leading dashes
    (`Exp`, ` EXP `, `--exp` are one column). Two names with one key are the same column."""
    return name.strip().lower().lstrip("-")


def distinct(name: str, taken: set[str] | frozenset[str]) -> str:
    """name, or name_2, name_3 ... whichever's column key is not taken (taken: column keys)."""
    found, n = name, 1
    while column_key(found) in taken:
        n += 1
        found = f"{name}_{n}"
    return found


class ExtraNames:
    """The output name of each key first seen after the first record: its own, or `input_KEY`
    (`input_KEY_2` ...) when a column already has it in any case, as passed-through columns are
    renamed; an error column's name counts as taken too (an input's own `error` key would make
    an estimated record look rejected). One instance names a run's keys in estimated and error
    records alike."""

    def __init__(self, columns: list[str]) -> None:
        self.used = {column_key(name) for name in (*columns, *ERROR_COLUMNS)}
        self.names: dict[str, str] = {}

    def name(self, key: str) -> str:
        found = self.names.get(key)
        if found is None:
            found = key if column_key(key) not in self.used else distinct(f"input_{key}", self.used)
            self.used.add(column_key(found))
            self.names[key] = found
        return found


WRITE_BUFFER = 256 * 1024  # bytes held before a write, whatever the lines


class JsonlWriter:
    """One compact JSON object per line (`{"row":1,"id":"E1",...}`, as json.dumps writes it with
    separators=(",", ":") and ensure_ascii=False), but for control, bidi and lone surrogate
    characters, written as JSON escapes (a test checks). Records are encoded by msgspec (a batch
    dependency, imported only here) into one buffer, written to the stream in chunks of
    WRITE_BUFFER bytes: an estimated record is a msgspec Struct with the layout's columns as its
    field names, four times faster than the json module, which is what keeps a million rows
    within budget. What msgspec cannot encode (an integer past 64 bits in a passed-through
    column, a lone surrogate) goes through the json module instead. Keys that appear only in
    later records (`extra`) follow a record's columns, renamed as passed-through columns are
    when a column has their name."""

    def __init__(self, stream: TextIO, layout: Columns) -> None:
        import msgspec  # a batch-only dependency: start-up does not import it

        self.stream = stream
        self.columns = layout.columns()
        self.names = ExtraNames(self.columns)
        encoder = msgspec.json.Encoder()
        self.encode_into = encoder.encode_into
        self.astuple = msgspec.structs.astuple
        self.record = struct_of(self.columns)
        self.buffer = bytearray()

    def write(self, values: Values) -> None:
        self.write_record(self.record(*values))

    def write_extra(self, values: Values, extra: dict[str, Any]) -> None:
        """A record with keys that no earlier record had: they follow its columns."""
        record = dict(zip(self.columns, values, strict=True))
        record.update((self.names.name(key), value) for key, value in extra.items())
        self.write_record(record)

    def write_error(self, record: dict[str, Any]) -> None:
        self.write_record(record)

    def write_record(self, record: Any) -> None:
        """One line: a record's Struct (write) or dict, encoded into the buffer."""
        buffer, mark = self.buffer, len(self.buffer)
        try:
            self.encode_into(record, buffer, -1)
        except (TypeError, ValueError, OverflowError):  # see the class: what msgspec cannot encode
            del buffer[mark:]
            if not isinstance(record, dict):  # a Struct: its values in the columns' order
                record = dict(zip(self.columns, self.astuple(record), strict=True))
            buffer += self.fallback(record)
        self.buffer += b"\n"
        if len(self.buffer) >= WRITE_BUFFER:
            self.flush()

    @staticmethod
    def fallback(record: dict[str, Any]) -> bytes:
        """The json module's line for a record msgspec cannot encode. A lone surrogate (a JSON
        Lines roster can hold one as an escape; UTF-8 cannot) is written as U+FFFD, as bytes that
        are not UTF-8 are read: as an escape, strict JSON parsers (jq) refuse the line."""
        line = SURROGATES.sub("\ufffd", json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        return (line if line.isprintable() else escape_controls(line, json=True)).encode()

    def flush(self) -> None:
        # msgspec escapes C0 controls (newlines in text included: a raw newline ends a record)
        # but writes DEL, C1 and bidi controls raw. A chunk that is ASCII (one scan at C speed)
        # can hold only DEL: the rest are looked for only in a chunk that is not
        if self.buffer:
            chunk = self.buffer.decode()
            if not (self.buffer.isascii() and b"\x7f" not in self.buffer):
                chunk = escape_controls(chunk, json=True, keep_newlines=True)
            self.buffer.clear()
            self.stream.write(chunk)


def struct_of(columns: list[str]) -> Callable[..., Any]:
    """The msgspec Struct an estimated record is encoded as: its fields are the columns in order
    (each renamed to its column's name). Where msgspec refuses a name as a field's (a quote, a
    backslash or a control in a passed-through column's name), a plain dict of the columns."""
    import msgspec

    fields = [f"f{i}" for i in range(len(columns))]
    try:  # gc=False: a record is encoded and dropped at once, never part of a cycle
        return msgspec.defstruct("Record", fields, rename=dict(zip(fields, columns, strict=True)), gc=False)
    except ValueError:
        return lambda *values: dict(zip(columns, values, strict=True))


class CsvWriter:
    """A header row, then one row per record; error records fill the error columns."""

    def __init__(self, stream: TextIO, layout: Columns) -> None:
        self.columns = [*layout.columns(), *ERROR_COLUMNS]
        self.blank_errors = (None,) * len(ERROR_COLUMNS)
        # RFC 4180 line ends: with "\n" alone the csv module leaves a "\r" inside a cell unquoted
        self.writer = csv.writer(EscapedRows(stream), lineterminator="\r\n")
        self.writer.writerow([neutralize(name) for name in self.columns])  # header cells too

    def write(self, values: Values) -> None:
        self.writer.writerow([neutralize(cell(v)) for v in (*values, *self.blank_errors)])

    def write_extra(self, values: Values, _extra: dict[str, Any]) -> None:
        """Keys no earlier record had have no column: the run warns about them, naming them."""
        self.write(values)

    def write_error(self, record: dict[str, Any]) -> None:
        self.writer.writerow([neutralize(cell(record.get(c))) for c in self.columns])

    def flush(self) -> None:
        """csv.writer hands each row to the stream at once: nothing is held back."""


class EscapedRows:
    """The stream a CSV writer writes its rows to: a control or bidi character in a cell is
    written escaped (`\\x1b`), never raw. Tab, CR and LF stay: the csv module quotes them."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, row: str) -> int:
        clean = row[:-2].isprintable()  # the common case at C speed; the row ends with CR LF
        return self.stream.write(row if clean else escape_controls(row, keep="\t\r\n"))


def cell(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return encode_json(value)


Writer = JsonlWriter | CsvWriter
WRITERS: dict[str, Callable[[TextIO, Columns], Writer]] = {"jsonl": JsonlWriter, "csv": CsvWriter}
