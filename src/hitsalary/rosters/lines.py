"""The physical lines of a roster, bounded: no line longer than RECORD_LIMIT characters is ever
held in memory. The rest of an over-long line is read past in chunks and the line is reported
(LongLine) where it was; a quoted CSV cell that runs on over more lines than the limit allows is
stopped (Unclosed). Binary data (a NUL byte in an over-long line: /dev/zero, a sparse file) ends
the run at once: such an input is not a roster, and reading past it could take forever."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from hitsalary.core.errors import UsageProblem
from hitsalary.rosters.layout import RowError

RECORD_LIMIT = 131_072  # characters in one record (a CSV row, a JSON line): the csv module's cell limit
CHUNK = 1024 * 1024  # characters read at a time when reading past an over-long line


class LongLine(Exception):
    """A line over RECORD_LIMIT characters: read past, reported as an error record."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


class Unclosed(Exception):
    """A record that runs on over lines past RECORD_LIMIT characters (an unclosed quote)."""


class Lines:
    """A text stream's lines, each at most RECORD_LIMIT characters. `taken` holds the lines of the
    record being read (the reader clears it per record), so a bad multi-line record can be read
    again from its second line (`again`)."""

    def __init__(self, stream: TextIO, *, what: str = "the input") -> None:
        self.stream, self.what = stream, what
        self.number = 0  # physical lines handed out
        self.taken: list[str] = []
        self.again: list[str | RowError] = []  # handed out again before new lines, last first

    def __iter__(self) -> Iterator[str]:
        """The lines; raises LongLine or Unclosed and ends (iterate again to go on)."""
        readline, taken, again, size = self.stream.readline, self.taken, self.again, RECORD_LIMIT + 1
        length = 0
        while True:
            if again:
                line = again.pop()
                if isinstance(line, RowError):
                    raise LongLine(line)
            else:  # the hot loop of every roster: read() inlined
                try:
                    line = readline(size)
                except OSError as exc:
                    raise UsageProblem(f"cannot read {self.what}: {exc.strerror or exc}") from None
                if len(line) == size and line[-1] != "\n":
                    self.number += 1
                    raise LongLine(self.past(line))
                if not line:
                    return
            self.number += 1
            taken.append(line)
            if len(taken) > 1:  # a record over several lines: bounded as a whole
                length += len(line)
                if length > RECORD_LIMIT + 2:
                    raise Unclosed
            else:
                length = len(line)
            yield line

    def past(self, start: str) -> RowError:
        """Read past the rest of an over-long line, holding one chunk at a time."""
        length, chunk = 0, start
        while chunk:
            if "\x00" in chunk:
                raise UsageProblem(
                    f"{self.what} is not text: line {self.number:,} holds binary data (a NUL byte) "
                    f"and is over {RECORD_LIMIT:,} characters long"
                )
            length += len(chunk)
            if chunk[-1] == "\n":
                break
            try:
                chunk = self.stream.readline(CHUNK)
            except OSError as exc:
                raise UsageProblem(f"cannot read {self.what}: {exc.strerror or exc}") from None
        message = f"line {self.number:,} has {length:,} characters (at most {RECORD_LIMIT:,} in a record)"
        return RowError("(row)", None, message)

    def replay(self, lines: list[str | RowError]) -> None:
        """Hand these lines out again, in order, before reading on."""
        self.again.extend(reversed(lines))
        self.number -= sum(isinstance(line, str) for line in lines)
