"""The Department of Labor's four prevailing-wage levels for a role in an area, approximated from
the published OEWS percentiles, and which level an offer meets."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hitsalary.core.calculate import hourly, whole_dollars
from hitsalary.core.models import Profile, ReferenceData, Role, Wages


@dataclass(frozen=True)
class WageLevel:
    """One level: its percentile, its wage, and the published percentiles it lies between."""

    key: str  # "I" .. "IV"
    label: str
    percentile: float
    annual: int
    hourly: float
    between: tuple[tuple[int, int], tuple[int, int]]  # (percentile, wage) below and above


@dataclass(frozen=True)
class LevelTable:
    """A role's four levels in an area, and which OEWS figures they were read from."""

    role: Role
    wages: Wages  # the distribution the levels were read from
    basis: str  # "measured" (the area asked for), or "fallback" (a wider area stood in)
    reason: str | None
    levels: tuple[WageLevel, ...]


def covering(wages: Wages | None, low: float, high: float) -> Wages | None:
    """The figures, if their published percentiles bracket every level (a suppressed or top-coded
    row may not); else None."""
    if wages is None or len(wages.points) < 2:
        return None
    return wages if wages.points[0][0] <= low and wages.points[-1][0] >= high else None


def bracket(wages: Wages, pct: float) -> tuple[tuple[int, int], tuple[int, int]]:
    points = wages.points
    for before, after in itertools.pairwise(points):
        if before[0] <= pct <= after[0]:
            return before, after
    raise ValueError(pct)  # covering() was checked first


def distribution(data: ReferenceData, profile: Profile, role: Role) -> tuple[Wages, str, str | None]:
    """The narrowest area whose published figures cover the levels: the metro, state or nation."""
    low, high = data.method.levels[0][1], data.method.levels[-1][1]
    tried: list[str] = []
    if profile.metro is not None:
        metro = covering(data.area_tables.wages_in(profile.metro).get(role.soc), low, high)
        if metro is not None:
            return metro, "measured", None
        tried.append(data.area_tables.areas()[profile.metro].name)
    if profile.state in data.states:
        state = covering(data.by_state.get((role.soc, profile.state)), low, high)
        if state is not None:
            return state, ("fallback" if tried else "measured"), reason(role, tried, state)
        tried.append(data.states[profile.state].name)
    national = data.national[role.soc]
    return national, ("fallback" if tried else "measured"), reason(role, tried, national)


def reason(role: Role, tried: list[str], used: Wages) -> str | None:
    if not tried:
        return None
    return f"BLS does not publish {role.soc} percentiles covering the levels for {' or '.join(tried)}; " + (
        "the national figures stand in" if used.code == "US" else f"{used.where}'s figures stand in"
    )


def wage_levels(data: ReferenceData, profile: Profile) -> LevelTable:
    role = data.roles[profile.role]
    wages, basis, why = distribution(data, profile, role)
    hours = data.method.hours_per_year
    levels = []
    for key, pct, label in data.method.levels:
        annual = whole_dollars(wages.at(pct))
        levels.append(WageLevel(key, label, pct, annual, hourly(annual, hours), bracket(wages, pct)))
    return LevelTable(role, wages, basis, why, tuple(levels))


@dataclass(frozen=True)
class LevelCheck:
    """Which level an annual amount meets: the highest, or how far below Level I it falls."""

    amount: int
    highest_level_met: str | None
    shortfall: int  # dollars below Level I; 0 when Level I is met
    next_level: str | None  # the next level up, if any
    to_next: int | None  # dollars to reach it


def assess(table: LevelTable, amount: int) -> LevelCheck:
    met = [level for level in table.levels if amount >= level.annual]
    highest = met[-1].key if met else None
    above = [level for level in table.levels if amount < level.annual]
    shortfall = 0 if met else table.levels[0].annual - amount
    return LevelCheck(
        amount,
        highest,
        shortfall,
        above[0].key if above else None,
        above[0].annual - amount if above else None,
    )


def sentence(table: LevelTable, check: LevelCheck) -> str:
    amount = f"${check.amount:,}"
    if check.highest_level_met is None:
        first = table.levels[0]
        return (
            f"{amount} is ${check.shortfall:,} below Level I (${first.annual:,}): "
            "it meets no prevailing-wage level."
        )
    text = f"{amount} meets Level {check.highest_level_met}"
    if check.next_level is not None and check.to_next is not None:
        text += f"; Level {check.next_level} needs ${check.to_next:,} more"
    return text + "."
