"""Is the newest wage data in use too old? One warning line, on stderr, when it is."""

from __future__ import annotations

from datetime import date

from hitsalary.core.growth import wage_growth
from hitsalary.core.models import ReferenceData, Source

STALE_AFTER_MONTHS = 24


def today() -> date:
    return date.today()


def reference_month(source: Source) -> tuple[int, int]:
    """The month a figure describes: its as_of (2025-05), or January of its year."""
    if source.as_of and len(source.as_of) >= 7:
        return int(source.as_of[:4]), int(source.as_of[5:7])
    return source.year, 1


def wage_sources(data: ReferenceData) -> list[Source]:
    """The sources of every wage figure in use, shipped or from the user's file."""
    return [
        *(w.source for w in data.national.values()),
        *(e.source for e in data.industry.values()),
    ]


def stale_warning(data: ReferenceData, *, on: date | None = None, aged: bool = False) -> str | None:
    """A warning when even the newest wage data is more than 24 months old, counted from the
    month the dollars shown are in: the latest ECI quarter when they are aged (aged=True)."""
    newest = max(wage_sources(data), key=reference_month)
    year, month = reference_month(newest)
    what = f"{newest.title}, {year}-{month:02d}"
    growth = wage_growth(data, survey_dollars=False) if aged else None
    if growth is not None and growth.basis == "measured" and growth.month > f"{year}-{month:02d}":
        year, month = int(growth.month[:4]), int(growth.month[5:7])
        what = f"{newest.title}, aged by the ECI to {growth.month}"
    now = on or today()
    age = (now.year - year) * 12 + now.month - month
    if age <= STALE_AFTER_MONTHS:
        return None
    return (
        f"warning: the newest wage data in use ({what}) is {age} months "
        f"old; newer releases may exist (pass them with --data)"
    )
