"""Turn what a user typed (a flag or an answer) into a normalized Profile."""

from __future__ import annotations

import math
import re

from hitsalary.errors import UsageProblem, shown
from hitsalary.models import Factor, Profile, ReferenceData
from hitsalary.spelling import normalize, suggest

MAX_YEARS = 50.0
YEARS = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
PROFILE_FIELDS = ("state", "education", "employer", "specialization")


def parse_exp(text: str | float, *, flag: str = "--exp") -> float:
    """Years of experience: a number from 0 to 50, decimals allowed."""
    try:
        if isinstance(text, str) and not YEARS.fullmatch(text.strip()):
            raise ValueError(text)  # '5_0' and '1e1' are not how a person writes years
        years = float(str(text).strip().replace(",", "."))
    except ValueError:
        raise UsageProblem(
            f"invalid value for {flag}: {shown(text)} is not a number of years (e.g. {flag} 5)"
        ) from None
    if not math.isfinite(years) or not 0 <= years <= MAX_YEARS:
        raise UsageProblem(f"invalid value for {flag}: {shown(text)} is outside 0 to {MAX_YEARS:g} years")
    return years


def choose(factor: Factor, text: str, *, flag: str) -> str:
    """The key of the factor value a spelling names; a usage problem with suggestions if none."""
    key = factor.aliases.get(normalize(text))
    if key is not None:
        return key
    close = suggest(text, factor.aliases) if len(text) <= 60 else []
    hint = f"did you mean {' or '.join(close)}?" if close else f"choose from {', '.join(choices(factor))}"
    raise UsageProblem(f"invalid value for {flag}: {shown(text)} ({hint})")


def choices(factor: Factor) -> list[str]:
    """The canonical values of a factor, in the order the data file lists them."""
    return list(factor.values)


def build_profile(
    data: ReferenceData,
    *,
    exp: str | float,
    state: str | None = None,
    education: str | None = None,
    employer: str | None = None,
    specialization: str | None = None,
) -> Profile:
    """A profile from raw values; None means the factor's neutral value."""
    given = {"state": state, "education": education, "employer": employer, "specialization": specialization}
    values = {
        name: choose(data.factor(name), text, flag=f"--{name}")
        for name, text in given.items()
        if text is not None
    }
    return Profile(exp=parse_exp(exp), **values)


def command_line(profile: Profile, data: ReferenceData, *, extra: list[str] | None = None) -> str:
    """The one-line command that reproduces a profile, leaving out neutral values."""
    parts = [f"hitsalary estimate --exp {profile.exp:g}"]
    for name in PROFILE_FIELDS:
        value = getattr(profile, name)
        if value != data.factor(name).neutral:
            parts.append(f"--{name} {value}")
    return " ".join(parts + (extra or []))
