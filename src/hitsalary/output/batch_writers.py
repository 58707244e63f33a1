"""The batch writers: estimated records as JSON Lines or as CSV (safe to open in a spreadsheet).

The roster engine (`hitsalary.rosters`) reads the roster and estimates each row; these classes
only turn each record's values into a line of output."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, Protocol, TextIO

from hitsalary.core.profile import PROFILE_FIELDS
from hitsalary.core.text import escape_controls

# the fixed result columns, in output order (batch's profile columns are PROFILE_FIELDS + metro)
RESULT_COLUMNS = ("row", "id", "exp", *PROFILE_FIELDS, "metro", "soc", "percentile", "low", "mid", "high")
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


def json_value(value: Any) -> str:
    """One value as JSON, exactly as the json module writes it (which uses repr for numbers)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return repr(value)
    return "null" if value is None else encode_json(value)


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


WRITE_BUFFER = 256 * 1024  # characters held before a write (at most 1 MB of UTF-8), whatever the lines


class JsonlWriter:
    """One JSON object per line, equal to json.dumps(..., ensure_ascii=False) of the record, but
    for control and bidi characters, written as JSON escapes (a test checks). The fixed result
    columns go through one f-string: three times faster than the general encoder, which is what
    keeps a million rows within budget. Lines go to the stream in chunks of WRITE_BUFFER
    characters. Keys that appear only in later records (`extra`) follow a record's columns,
    renamed as passed-through columns are when a column has their name."""

    def __init__(self, stream: TextIO, layout: Columns) -> None:
        self.stream = stream
        # the columns after the fixed ones, as one %-template (a name's own % doubled)
        names = layout.columns()[len(RESULT_COLUMNS) :]
        self.tail = "".join(f", {encode_basestring(name).replace('%', '%%')}: %s" for name in names)
        self.pending: list[str] = []
        self.size = 0
        self.names = ExtraNames(layout.columns())

    def write_extra(self, values: Values, extra: dict[str, Any]) -> None:
        """A record with keys that no earlier record had: they follow its columns."""
        self.write(values)
        line = self.pending.pop()
        self.size -= len(line)
        self.add(line[:-1] + self.extra_items(extra) + "}")

    def extra_items(self, extra: dict[str, Any]) -> str:
        name = self.names.name
        return "".join(f", {encode_basestring(name(k))}: {json_value(v)}" for k, v in extra.items())

    def write(self, values: Values) -> None:
        row, id_, exp, state, education, employer, role, metro, soc, percentile, low, mid, high = values[:13]
        line = (
            f'{{"row": {row}, "id": {json_value(id_)}, "exp": {exp!r}, "state": {encode_basestring(state)}, '
            f'"education": {encode_basestring(education)}, "employer": {encode_basestring(employer)}, '
            f'"role": {encode_basestring(role)}, "metro": {json_value(metro)}, "soc": "{soc}", '
            f'"percentile": {percentile!r}, "low": {low}, "mid": {mid}, "high": {high}'
        )
        if self.tail:
            line += self.tail % tuple(map(json_value, values[13:]))
        self.add(line + "}")

    def write_error(self, record: dict[str, Any]) -> None:
        self.add(encode_json(record))

    def add(self, line: str) -> None:
        # json escapes C0 controls itself, but writes C1 and bidi controls raw (all unprintable).
        # An ASCII line (isascii is one flag, isprintable a scan of the line: 0.8 us) can hold no
        # C1 or bidi control, and no C0 one, JSON-escaped: only DEL is left to look for
        if not (line.isascii() and "\x7f" not in line) and not line.isprintable():
            line = escape_controls(line, json=True)
        self.pending.append(line)
        self.size += len(self.pending[-1])
        if self.size >= WRITE_BUFFER:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.pending.append("")
            self.stream.write("\n".join(self.pending))
            self.pending.clear()
            self.size = 0


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
