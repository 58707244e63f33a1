"""The public Python API: what `hitsalary estimate` does, as functions for a script or notebook.

    import hitsalary
    result = hitsalary.estimate(exp=5, state="CA", role="ehr")
    hitsalary.to_json(result)["band"]            # {'low': ..., 'mid': ..., 'high': ...}

The command line calls these same functions; values are spelled as on the command line (any
case, names or codes, aliases). Bad values raise `UsageProblem`, bad data files `DataError`
(both `HitsalaryError`). Nothing here prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from hitsalary.core import calculate as calculation
from hitsalary.core.errors import (
    ColumnNotRead,
    DataError,
    HitsalaryError,
    ImplausibleAmounts,
    RosterWarning,
    UsageProblem,
    shown,
)
from hitsalary.core.models import Estimate, Profile, ReferenceData
from hitsalary.core.profile import build_profile

# where the reference data comes from: None (shipped), a user's YAML file over it, or data loaded
DataSource = str | os.PathLike[str] | ReferenceData | None

__all__ = [
    "ColumnNotRead",
    "DataError",
    "DataSource",
    "Estimate",
    "HitsalaryError",
    "ImplausibleAmounts",
    "Profile",
    "ReferenceData",
    "RosterWarning",
    "UsageProblem",
    "batch",
    "estimate",
    "estimate_profile",
    "load_reference",
    "make_profile",
    "to_json",
]


def load_reference(data: DataSource = None) -> ReferenceData:
    """The shipped reference data, with a user's YAML file (as `--data PATH`) over it when given.
    Loaded and validated once per path; a ReferenceData passed in is returned as it is."""
    if isinstance(data, ReferenceData):
        return data
    if data is not None and not isinstance(data, (str, os.PathLike)):
        raise UsageProblem(f"invalid value for data: {shown(data)} (a path to a YAML file, or None)")
    from hitsalary.loading.reference import load

    return load(os.fspath(data) if data is not None else None)


def make_profile(
    *,
    exp: str | float,
    state: str | None = None,
    role: str | None = None,
    metro: str | None = None,
    employer: str | None = None,
    education: str | None = None,
    survey_dollars: bool = False,
    data: DataSource = None,
    prefix: str = "--",
) -> Profile:
    """A checked profile. None, an empty string or NaN (a blank pandas cell) means the neutral
    value (national, general, any employer, bachelor); a value that is not text is refused.
    survey_dollars=True keeps the OEWS survey month's dollars instead of aging them by the ECI.
    Messages name a value as the command line's flag (`--state`); estimate() passes prefix=""
    so they name its parameter (`state`)."""
    from hitsalary.rosters.values import blank

    reference = load_reference(data)
    values = {"state": state, "education": education, "employer": employer, "role": role, "metro": metro}
    if blank(exp):  # None, "" or NaN (a blank pandas cell)
        raise UsageProblem("invalid value for exp: exp is missing (years of experience)")
    return build_profile(
        reference,
        exp=exp,
        survey_dollars=survey_dollars,
        prefix=prefix,
        **{name: given(name, v) for name, v in values.items()},
    )


def given(name: str, value: Any) -> str | None:
    """A profile value as the command line would see it: None when blank (None, spaces, NaN),
    else its text; a whole number (a metro code 41940, or 41940.0 from a pandas column with a
    blank) is its digits, any other number an error."""
    from hitsalary.rosters.values import RowError, as_text

    if not isinstance(value, (str, int, float)) and value is not None:
        raise UsageProblem(f"invalid value for {name}: expected text, got {shown(value)}")
    try:
        return as_text(name, value)
    except RowError as exc:
        raise UsageProblem(exc.message) from None


def batch(
    records: Iterable[Any],
    *,
    levels: bool = False,
    survey_dollars: bool = False,
    data: DataSource = None,
) -> Iterator[dict[str, Any]]:
    """One dict per record, in order: the records `hitsalary batch --format jsonl` writes, for
    an iterable of mappings (e.g. `df.to_dict("records")`). A bad record is an error record
    (with `error`, `error_field`, `error_value`), never an exception; blank and NaN cells are
    the defaults. `pd.DataFrame(hitsalary.batch(df.to_dict("records")))` is the whole recipe.
    Bands are in today's dollars (aged by the ECI) unless survey_dollars=True."""
    for name, flag in (("levels", levels), ("survey_dollars", survey_dollars)):
        if not isinstance(flag, bool):
            raise UsageProblem(f"invalid value for {name}: {shown(flag)} (True or False)")
    not_records = not_an_iterable_of_records(records)
    if not_records:
        raise UsageProblem(f"invalid value for records: {not_records}")
    from hitsalary.rosters.runner import records_of

    return records_of(iter(records), load_reference(data), levels=levels, survey_dollars=survey_dollars)


def not_an_iterable_of_records(records: Any) -> str | None:
    """What records is instead of an iterable of mappings, when it is one of the values that
    iterate as something else (text by character, a mapping or a DataFrame by key); else None.
    Each would have given an error record per character or key."""
    if isinstance(records, (str, bytes, bytearray)):
        return "text, not records (to run a roster file: hitsalary batch FILE)"
    if isinstance(records, Mapping):
        return "one mapping, not an iterable of them (pass [record])"
    if type(records).__name__ == "DataFrame" and hasattr(records, "to_dict"):  # pandas, not imported
        return 'a DataFrame, whose rows are not its items (pass df.to_dict("records"))'
    return None


def estimate_profile(profile: Profile, data: DataSource = None) -> Estimate:
    """The one calculation, for a profile made by make_profile (or asked for by the prompts)."""
    return calculation.calculate(profile, load_reference(data))


def estimate(
    *,
    exp: str | float,
    state: str | None = None,
    role: str | None = None,
    metro: str | None = None,
    employer: str | None = None,
    education: str | None = None,
    survey_dollars: bool = False,
    data: DataSource = None,
) -> Estimate:
    """The salary band for a profile: the same Estimate `hitsalary estimate --json` is built from.
    In today's dollars (the latest ECI quarter) unless survey_dollars=True (the OEWS month's)."""
    reference = load_reference(data)
    profile = make_profile(
        exp=exp,
        state=state,
        role=role,
        metro=metro,
        employer=employer,
        education=education,
        survey_dollars=survey_dollars,
        data=reference,
        prefix="",
    )
    return estimate_profile(profile, reference)


def to_json(result: Estimate, data: DataSource = None) -> dict[str, Any]:
    """The estimate as the JSON object `hitsalary estimate --json` prints (schemas/estimate.json).
    Pass the same `data` the estimate was made with."""
    from hitsalary.output.jsonout import estimate_dict

    return estimate_dict(result, load_reference(data))
