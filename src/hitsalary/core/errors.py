"""The errors hitsalary reports as one line on stderr, and the exit code of each."""

from __future__ import annotations

# the text rules live in core/text.py; messages import them from here too
from hitsalary.core.text import ECHO_LIMIT as ECHO_LIMIT
from hitsalary.core.text import escape_controls as escape_controls
from hitsalary.core.text import shown as shown

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


class RosterWarning(UserWarning):
    """What hitsalary.batch says of its records, as `hitsalary batch` says it on stderr."""


class ImplausibleAmounts(RosterWarning):
    """hitsalary.batch's records held offers or salaries outside any plausible annual salary:
    used, as the command uses them, and said once when the records run out."""


class ColumnNotRead(RosterWarning):
    """A key of hitsalary.batch's first record looks like a field it has no key for ('Degree'
    for education): passed through, not read; said before the first record is given."""
