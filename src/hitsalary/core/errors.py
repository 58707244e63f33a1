"""The errors hitsalary reports as one line on stderr, and the exit code of each."""

from __future__ import annotations

import re

EXIT_OK = 0
EXIT_DATA = 1  # a data file is broken or missing, or input ended before all answers
EXIT_USAGE = 2  # a flag, argument or answer has a value hitsalary does not accept
EXIT_ROWS_REJECTED = 3  # batch: the run finished, but some input rows were rejected
EXIT_INTERNAL = 70  # a bug in hitsalary (EX_SOFTWARE); HITSALARY_DEBUG=1 shows the traceback
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_PIPE_CLOSED = 141  # the reader of stdout went away (128 + SIGPIPE)


class HitsalaryError(Exception):
    """An error that ends the run with one line on stderr."""

    exit_code = EXIT_DATA


class UsageProblem(HitsalaryError):
    """A flag, argument or answer has a value hitsalary does not accept."""

    exit_code = EXIT_USAGE


class DataError(HitsalaryError):
    """A data file is missing, unreadable or does not fit its schema."""

    exit_code = EXIT_DATA


class InputEnded(HitsalaryError):
    """Standard input ended before every question was answered."""

    exit_code = EXIT_DATA


class OutputError(HitsalaryError):
    """The output cannot be written (a full disk, a closed or failing stream)."""

    exit_code = EXIT_DATA


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
ECHO_LIMIT = 60  # characters of a user's value repeated in a message


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """Control characters (ESC, BEL, CR ...) shown escaped, so a terminal never obeys them."""

    def escaped(match: re.Match[str]) -> str:
        char = match.group()
        return char if keep_newlines and char == "\n" else char.encode("unicode_escape").decode()

    return CONTROL.sub(escaped, text)


def shown(value: object, limit: int = ECHO_LIMIT) -> str:
    """A user's value as a message repeats it: quoted, and cut short when long."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        return repr(text[:limit]) + f"... ({len(text):,} characters)"
    return repr(text)
