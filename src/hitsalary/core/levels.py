"""The Department of Labor's four prevailing-wage levels for a role in an area, approximated from
the published OEWS figures by DOL's formula (core/distribution.py), and which level an offer meets."""

from __future__ import annotations

import math
from dataclasses import dataclass

from hitsalary.core.calculate import whole_dollars
from hitsalary.core.distribution import distribution_for, dol_levels, percentile_of
from hitsalary.core.models import Distribution, Profile, ReferenceData, Role


@dataclass(frozen=True)
class WageLevel:
    """One level: its wage, to the dollar, and where that wage sits in the area's distribution."""

    key: str  # "I" .. "IV"
    label: str
    annual: int
    hourly: float
    percentile: float  # the level's place on the area's percentile curve (10 to 90)


@dataclass(frozen=True)
class LevelTable:
    """A role's four levels in an area, and the distribution they were computed from."""

    role: Role
    distribution: Distribution
    levels: tuple[WageLevel, ...]

    @property
    def basis(self) -> str:
        """ "measured" (the area asked for), "partial" (some percentiles filled) or "fallback"."""
        return self.distribution.basis

    @property
    def reason(self) -> str | None:
        return self.distribution.reason

    @property
    def area_note(self) -> str | None:
        """Why national levels are not what DOL would use: said where the nation was asked for."""
        national = self.distribution.kind == "national" and self.distribution.basis != "fallback"
        return NATIONAL_NOTE if national else None


WORKSITE = (
    "the Department of Labor sets a prevailing wage for the area of intended employment (the "
    "worksite's metro or nonmetro area), not the nation"
)
NATIONAL_NOTE = f"These levels are national: {WORKSITE}; for a visa, give the worksite's --state or --metro."


def national_rows_note(rows: int) -> str | None:
    """A roster's rows with no state or metro, whose levels are national: said once, after the run."""
    if not rows:
        return None
    have = "row has" if rows == 1 else "rows have"
    where = "give each its worksite's state or metro"
    return f"note: {rows:,} {have} no state or metro, so the levels are national: {WORKSITE}; {where}"


def wage_levels(data: ReferenceData, profile: Profile) -> LevelTable:
    """Levels I-IV by the Department of Labor's formula, from the distribution the estimate reads."""
    role = data.roles[profile.role]
    dist = distribution_for(data, role.soc, profile.state, profile.metro)
    hours = data.method.hours_per_year
    levels = []
    for (key, label), amount in zip(data.method.levels, dol_levels(dist), strict=True):
        annual = whole_dollars(amount)
        levels.append(
            WageLevel(key, label, annual, least_hourly(annual, hours), percentile_of(dist.points, amount))
        )
    return LevelTable(role, dist, tuple(levels))


def least_hourly(annual: int, hours: float) -> float:
    """A level's hourly rate: the least rate, to the cent, that meets it as an hourly offer is read
    (the rate times the hours of a work year, to the dollar, as parse_money reads '75.57/hr'). The
    nearest cent can fall short: a Level III of $157,170 is $75.5625 an hour, and $75.56 x 2,080
    is $157,165, which does not meet it; $75.57 does."""
    cents = max(1, math.ceil((annual - 0.5) * 100 / hours))  # a year rounded half up: >= annual - 0.5
    while whole_dollars(cents / 100 * hours) < annual:  # the float's last bit, either way
        cents += 1
    while cents > 1 and whole_dollars((cents - 1) / 100 * hours) >= annual:
        cents -= 1
    return cents / 100


@dataclass(frozen=True)
class LevelCheck:
    """Which level an annual amount meets: the highest, or how far below Level I it falls."""

    amount: int
    highest_level_met: str | None
    shortfall: int  # dollars below Level I; 0 when Level I is met
    next_level: str | None  # the next level up, if any
    to_next: int | None  # dollars to reach it


def meets(amount: int, level: WageLevel) -> bool:
    """The one comparison: an annual amount meets a level when it is at least the level's wage
    (`levels --offer`, `path`'s marks, `batch --levels` all ask here)."""
    return amount >= level.annual


def assess(table: LevelTable, amount: int) -> LevelCheck:
    met = [level for level in table.levels if meets(amount, level)]
    highest = met[-1].key if met else None
    above = [level for level in table.levels if not meets(amount, level)]
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
