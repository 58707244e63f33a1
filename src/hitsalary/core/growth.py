"""Today's dollars: OEWS wages describe the survey month (May 2025); the Employment Cost Index
says how much the same jobs' pay has grown since. One multiplier, the latest published quarter's
index over the index read for the survey month, ages the whole band; --survey-dollars leaves it."""

from __future__ import annotations

import functools
import itertools

from hitsalary.core.models import Basis, Growth, IndexSeries, ReferenceData

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


def month_label(month: str) -> str:
    """'2026-03' -> 'March 2026' (not strftime: that follows the locale)."""
    return f"{MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def dollars_label(growth: Growth | None, survey_month: str) -> str:
    """Which dollars an amount is in: 'March 2026 dollars' or 'May 2025 (survey) dollars'."""
    if growth is None or growth.basis != "measured":
        return f"{month_label(survey_month)} (survey) dollars"
    return f"{month_label(growth.month)} dollars"


def month_number(month: str) -> int:
    """A year-month ("2025-05") as a count of months, so months can be subtracted."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def survey_month(data: ReferenceData) -> str:
    """The month the OEWS wages describe: the source's as_of (2025-05), or May of its year."""
    source = data.sources["oews_2025"]
    return source.as_of if source.as_of and len(source.as_of) == 7 else f"{source.year}-05"


def index_at(series: IndexSeries, month: str) -> tuple[float, tuple[tuple[str, float], ...]] | None:
    """The index for a month and the quarters it is read from: the published value, or log-linear
    between the nearest quarters before and after it (a constant growth rate between them)."""
    target = month_number(month)
    for before, after in itertools.pairwise(series.quarters):
        start, end = month_number(before[0]), month_number(after[0])
        if start == target:
            return before[1], (before,)
        if start < target <= end:
            share = (target - start) / (end - start)
            return before[1] * (after[1] / before[1]) ** share, (before, after)
    return None


@functools.lru_cache(maxsize=16)
def wage_growth(data: ReferenceData, *, survey_dollars: bool) -> Growth:
    """The multiplier from the survey month's dollars to the latest ECI quarter's."""
    surveyed = survey_month(data)
    series = data.eci
    if survey_dollars or series is None:
        reason = None if survey_dollars else "no wage index in the data"
        basis: Basis = "baseline" if survey_dollars else "fallback"
        statistic = f"survey dollars of {surveyed} (OEWS), not aged"
        return Growth(basis, 1.0, surveyed, surveyed, statistic, "", None, reason=reason)
    latest, latest_index = series.quarters[-1]
    found = index_at(series, surveyed)
    if found is None or month_number(latest) <= month_number(surveyed):
        reason = f"the {series.series_id} quarters do not reach from before {surveyed} to after it"
        statistic = f"survey dollars of {surveyed} (OEWS), not aged"
        return Growth(
            "fallback", 1.0, surveyed, surveyed, statistic, series.rule, series.source, reason=reason
        )
    start, quarters = found
    multiplier = latest_index / start
    read = (
        f"{start:.3f} read log-linearly between {quarters[0][0]} ({quarters[0][1]:g}) and "
        f"{quarters[1][0]} ({quarters[1][1]:g})"
        if len(quarters) == 2
        else f"{start:g} as published"
    )
    statistic = (
        f"ECI {series.series_id} ({series.title}): {latest} {latest_index:g} / {surveyed} {read} "
        f"= x{multiplier:.4f}"
    )
    return Growth(
        "measured",
        multiplier,
        surveyed,
        latest,
        statistic,
        series.rule,
        series.source,
        series.series_id,
        start,
        latest_index,
        quarters,
    )
