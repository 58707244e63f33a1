"""The shape of a roster: which input columns feed the profile, which amounts it carries, which
columns pass through, and the output columns that follow from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hitsalary.core.errors import UsageProblem
from hitsalary.core.profile import PROFILE_FIELDS
from hitsalary.output.batch_writers import ERROR_COLUMNS, RESULT_COLUMNS

AMOUNT_FIELDS = ("offer", "salary")
OLD_NAMES = {"specialization": "role"}  # an input column under its older name
FIELDS = (*PROFILE_FIELDS, "metro")  # the profile columns of a roster, in output order
KNOWN = ("id", "exp", *FIELDS, *OLD_NAMES, *AMOUNT_FIELDS)
LEVEL_SUFFIXES = ("_level", "_below_level_i")  # with --levels: the level met, dollars short of Level I
CACHE_LIMIT = 50_000  # entries per cache; cleared when full, so memory stays flat
FORMATS = ("csv", "jsonl")
READ_ERROR = "\x00read error"  # the key under which a reader passes on a record it could not parse


class RowError(Exception):
    """One input record cannot be estimated; the run goes on."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        super().__init__(message)
        self.field, self.value, self.message = field, value, message


@dataclass
class Layout:
    """The output columns: results, the amounts present in the input, the passed-through columns."""

    passthrough: list[str]
    amounts: list[str]  # offer and/or salary, when the input has the column
    fields: tuple[str, ...] = FIELDS  # the input column of each profile field
    levels: bool = False  # add the prevailing-wage level each amount meets
    renamed: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.renamed = [(column, self.output_name(column)) for column in self.passthrough]

    @classmethod
    def from_header(cls, header: list[str], *, levels: bool = False) -> Layout:
        if "exp" not in header:
            raise UsageProblem(f"the input has no 'exp' column (columns: {', '.join(header) or 'none'})")
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

    def amount_columns(self) -> list[str]:
        suffixes = ("", "_position", "_percent_through", *(LEVEL_SUFFIXES if self.levels else ()))
        return [f"{a}{suffix}" for a in self.amounts for suffix in suffixes]

    def output_name(self, column: str) -> str:
        """A passed-through column keeps its name unless a result column already has it."""
        suffixes = ("_position", "_percent_through", *LEVEL_SUFFIXES)
        taken = (*RESULT_COLUMNS, *ERROR_COLUMNS, *(f"{a}{s}" for a in AMOUNT_FIELDS for s in suffixes))
        return f"input_{column}" if column in taken else column

    def columns(self) -> list[str]:
        """The columns of an estimated record, in order."""
        return [*RESULT_COLUMNS, *self.amount_columns(), *(name for _, name in self.renamed)]
