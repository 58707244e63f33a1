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
from typing import Any

from hitsalary.core import calculate as calculation
from hitsalary.core.errors import DataError, HitsalaryError, UsageProblem, shown
from hitsalary.core.models import Estimate, Profile, ReferenceData
from hitsalary.core.profile import build_profile

# where the reference data comes from: None (shipped), a user's YAML file over it, or data loaded
DataSource = str | os.PathLike[str] | ReferenceData | None

__all__ = [
    "DataError",
    "DataSource",
    "Estimate",
    "HitsalaryError",
    "Profile",
    "ReferenceData",
    "UsageProblem",
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
) -> Profile:
    """A checked profile. None, an empty string or NaN (a blank pandas cell) means the neutral
    value (national, general, any employer, bachelor); a value that is not text is refused.
    survey_dollars=True keeps the OEWS survey month's dollars instead of aging them by the ECI."""
    reference = load_reference(data)
    values = {"state": state, "education": education, "employer": employer, "role": role, "metro": metro}
    return build_profile(
        reference,
        exp=exp,
        survey_dollars=survey_dollars,
        **{name: given(name, v) for name, v in values.items()},
    )


def given(name: str, value: Any) -> str | None:
    """A profile value as the command line would see it: None when blank, else its text."""
    if value is None or (isinstance(value, float) and value != value):  # NaN: a blank cell
        return None
    if not isinstance(value, str):
        raise UsageProblem(f"invalid value for {name}: expected text, got {shown(value)}")
    return value if value.strip() else None


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
    )
    return estimate_profile(profile, reference)


def to_json(result: Estimate, data: DataSource = None) -> dict[str, Any]:
    """The estimate as the JSON object `hitsalary estimate --json` prints (schemas/estimate.json).
    Pass the same `data` the estimate was made with."""
    from hitsalary.output.jsonout import estimate_dict

    return estimate_dict(result, load_reference(data))
