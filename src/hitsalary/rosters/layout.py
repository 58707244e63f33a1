"""The shape of a roster: which input columns feed the profile, which amounts it carries, which
columns pass through, and the output columns that follow from them."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hitsalary.core.errors import UsageProblem
from hitsalary.core.profile import PROFILE_FIELDS
from hitsalary.core.text import shown
from hitsalary.output.batch_writers import ERROR_COLUMNS, RESULT_COLUMNS, column_key, distinct
from hitsalary.rosters.values import RowError as RowError
from hitsalary.rosters.values import as_text as as_text
from hitsalary.rosters.values import blank as blank

AMOUNT_FIELDS = ("offer", "salary")
TITLES = (  # look like the role
    *("title", "job title", "job", "position", "job role", "occupation", "job family", "job code"),
    *("position title", "business title", "job profile", "role title", "job name", "working title"),
)
# column names an HR export uses for a field that hitsalary reads under its own name: such a
# column is passed through, not read (no guess: 'Location' may hold an address, 'Pay' an hourly
# rate), and a warning names the column to rename
LOOKALIKES = {
    "id": ("employee id", "emp id", "employee number", "staff id", "worker id", "person id"),
    "exp": ("years", "years of experience", "experience", "yoe", "yrs", "years experience", "tenure"),
    "state": ("st", "state code", "work state", "worksite state", "us state"),
    "education": ("degree", "highest degree", "education level", "degree level", "qualification"),
    "employer": ("employer type", "employer", "organization type", "org type", "facility type", "setting"),
    "role": TITLES,
    "metro": ("location", "city", "metro area", "msa", "cbsa", "cbsa code", "work location", "worksite"),
    "offer": (
        *("offer amount", "offered salary", "offer salary", "proposed salary", "offered pay"),
        *("proposed offer", "salary offer", "offer base", "offered base", "proposed pay", "new salary"),
    ),
    "salary": (
        *("current salary", "base salary", "annual salary", "pay", "base pay", "current pay", "wage"),
        *("annual base", "annual pay", "current base", "base", "salary amount", "annual base salary"),
    ),
}
# what a roster loses when a field's column is not read (any other field: every row has its default)
UNREAD_EFFECTS = {
    "id": "every row's id is empty",
    "metro": "no row is placed in a metro area",
    **{name: f"no row's {name} is placed in its band" for name in AMOUNT_FIELDS},
}
OLD_NAMES = {"specialization": "role"}  # an input column under its older name
FIELDS = (*PROFILE_FIELDS, "metro")  # the profile columns of a roster, in output order
KNOWN = ("id", "exp", *FIELDS, *OLD_NAMES, *AMOUNT_FIELDS)
LEVEL_SUFFIXES = ("_level", "_below_level_i")  # with --levels: the level met, dollars short of Level I
CACHE_LIMIT = 20_000  # entries per cache; cleared when full, so memory stays flat
FORMATS = ("csv", "jsonl", "xlsx")
SUFFIXES = ("", "_position", "_percent_through", *LEVEL_SUFFIXES)
TAKEN = frozenset({*RESULT_COLUMNS, *ERROR_COLUMNS, *(f"{a}{s}" for a in AMOUNT_FIELDS for s in SUFFIXES)})
READ_ERROR = "\x00read error"  # the key under which a reader passes on a record it could not parse
EXTRA = "\x00extra"  # the key under which a JSON Lines record carries keys no earlier record had


def plain_name(column: str) -> str:
    """A header name as LOOKALIKES spell them: lower case, words separated by one space."""
    return " ".join(column.lower().replace("_", " ").split())


def picker(columns: Sequence[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """itemgetter of the columns, always giving a tuple (itemgetter of one gives the value)."""
    if len(columns) == 1:
        (column,) = columns
        return lambda record: (record[column],)
    return operator.itemgetter(*columns) if columns else lambda _record: ()


DETECTED = (",", ";", "\t", "|")  # the delimiters a CSV header is searched for, in this order


@dataclass
class Layout:
    """The output columns: results, the amounts present in the input, the passed-through columns."""

    passthrough: list[str]
    amounts: list[str]  # offer and/or salary, when the input has the column
    fields: tuple[str, ...] = FIELDS  # the input column of each profile field
    levels: bool = False  # add the prevailing-wage level each amount meets
    renamed: list[tuple[str, str]] = field(init=False)
    # the profile cells and the passed-through cells of a record that has every column, in one C
    # call each (a record without one of them raises KeyError: a JSON Lines record may)
    pick_fields: Callable[[dict[str, Any]], tuple[Any, ...]] = field(init=False, repr=False)
    pick_passthrough: Callable[[dict[str, Any]], tuple[Any, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Each passed-through column keeps its name, as the header spells it, unless a result
        column has it in any case; then it is `input_NAME` (or `input_NAME_2` ... whichever no
        other column has in any case): names never collide, even when the output is read again."""
        used = {*map(column_key, self.passthrough), *self.taken()}
        self.renamed = []
        for column in self.passthrough:
            name = column if column_key(column) not in self.taken() else distinct(f"input_{column}", used)
            used.add(column_key(name))
            self.renamed.append((column, name))
        self.pick_fields = picker(self.fields)
        self.pick_passthrough = picker(self.passthrough)

    @classmethod
    def from_header(cls, header: list[str], *, levels: bool = False) -> Layout:
        if not header:
            raise UsageProblem("the input is empty: it has no header row, so no 'exp' column")
        if "exp" not in header:
            hint = ""
            mark = max(DETECTED, key=header[0].count) if len(header) == 1 else ""
            if mark and mark in header[0]:  # read as one column: --delimiter names another mark
                named = "tab" if mark == "\t" else repr(mark)
                hint = f"; a roster separated by {named} needs --delimiter {named}, or none (it is detected)"
            years = [c for c in header if plain_name(c) in LOOKALIKES["exp"]]
            if years:
                hint += f"; column {shown(years[0], 30)} looks like it: name it exp"
            elif len(header) == 1 and not hint:  # one name, no delimiter: an export's title line?
                hint = "; the first line must be the header row (delete any title lines above it)"
            raise UsageProblem(f"the input has no 'exp' column (columns: {', '.join(header)}){hint}")
        return cls(
            [h for h in header if h not in KNOWN],
            [a for a in AMOUNT_FIELDS if a in header],
            cls.profile_columns(header),
            levels,
        )

    @staticmethod
    def profile_columns(header: list[str]) -> tuple[str, ...]:
        """The input column each profile field is read from (role may come as specialization)."""
        old = {new: old for old, new in OLD_NAMES.items()}
        return tuple(old[f] if f in old and f not in header and old[f] in header else f for f in FIELDS)

    def unread_warnings(self, header: list[str]) -> list[str]:
        """A line for each passed-through column whose name looks like a field the roster has no
        column for (LOOKALIKES: `Job Title` for role, `Degree` for education, `Current Salary` for
        salary): without a word, every row would get that field's default, or no amount."""
        given = {*header} - {*self.passthrough}  # the columns read, as the header names them
        columns = dict(zip(FIELDS, self.fields, strict=True))  # role may be read as specialization
        lines = []
        for name, looks in LOOKALIKES.items():
            alike = [c for c in self.passthrough if plain_name(c) in looks]
            if not alike or columns.get(name, name) in given or name == "exp":  # exp: refused before
                continue
            effect = UNREAD_EFFECTS.get(name, f"every row has the default {name}")
            lines.append(
                f"warning: column {shown(alike[0], 30)} is passed through, not read: {effect}; "
                f"name the column '{name}' to read it"
            )
        return lines

    def levels_warning(self) -> str | None:
        """--levels with no amount to place: one line says nothing was added."""
        if not self.levels or self.amounts:
            return None
        return (
            "warning: --levels adds the prevailing-wage level each offer or salary meets, and the "
            "input has no 'offer' or 'salary' column: no level columns were added"
        )

    def amount_columns(self) -> list[str]:
        suffixes = ("", "_position", "_percent_through", *(LEVEL_SUFFIXES if self.levels else ()))
        return [f"{a}{suffix}" for a in self.amounts for suffix in suffixes]

    @staticmethod
    def taken() -> frozenset[str]:
        """The names of result columns (those of every amount too, with or without --levels)."""
        return TAKEN

    def columns(self) -> list[str]:
        """The columns of an estimated record, in order."""
        return [*RESULT_COLUMNS, *self.amount_columns(), *(name for _, name in self.renamed)]
