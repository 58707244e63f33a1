"""Estimate one roster record: the arithmetic is calculate()'s own (level_for, applied_factors,
band_amounts, whole_dollars); what the estimator adds is caching of the lookups that repeat from
row to row (a state spelling, a factor combination), bounded so memory stays flat whatever the
input size. The hot loop builds tuples, not objects: a million rows must take seconds, not minutes.
"""

from __future__ import annotations

import math
from contextlib import suppress
from typing import Any

from hitsalary.core.calculate import applied_factors, band_percentiles, survey_band
from hitsalary.core.decisions import PLAUSIBLE, parse_money, place
from hitsalary.core.distribution import distribution_for
from hitsalary.core.errors import UsageProblem
from hitsalary.core.growth import wage_growth
from hitsalary.core.levels import LevelTable, assess, wage_levels
from hitsalary.core.models import Profile, ReferenceData, Role
from hitsalary.core.profile import PROFILE_FIELDS, Vocabulary, choose, parse_exp, place_metro
from hitsalary.output.batch_writers import Values, encode_json
from hitsalary.rosters.layout import CACHE_LIMIT, Layout, RowError


class Estimator:
    """Turns one input record into one output record with the shared calculation."""

    def __init__(self, data: ReferenceData, *, survey_dollars: bool = False) -> None:
        self.data = data
        self.growth = wage_growth(data, survey_dollars=survey_dollars).multiplier  # today's dollars
        self.years: dict[str, float] = {}  # raw exp text -> years
        self.bases: dict[
            tuple[float, str, str | None, str | None], tuple[float, float, float, float]
        ] = {}  # years, role, state, metro -> point, base
        self.profiles: dict[
            tuple[Any, ...], tuple[tuple[str, ...], float, Role]
        ] = {}  # raw spellings -> keys
        self.vocabularies = {name: Vocabulary.of(data, name) for name in PROFILE_FIELDS}
        self.unit = data.method.rounding_unit
        self.implausible = 0  # amounts outside PLAUSIBLE, reported once at the end
        self.chosen: dict[tuple[str, Any], str] = {}  # (column, raw spelling) -> key
        self.multipliers: dict[tuple[str | None, ...], float] = {}  # keys -> the factors' product
        self.levels: dict[tuple[str, str | None, str | None], LevelTable] = {}
        self.amounts: dict[tuple[str, str], int] = {}  # (column, raw text) -> dollars

    def choice(self, name: str, raw: Any) -> str:
        """The key a roster cell names (cached per column and spelling)."""
        try:
            found = self.chosen.get((name, raw))
        except TypeError:  # a JSON list or object: resolved below, as an error
            found = None
        if found is None:
            found = self.choose(name, raw)
            bounded(self.chosen)[(name, raw)] = found
        return found

    def choose(self, name: str, raw: Any) -> str:
        vocabulary = self.vocabularies[name]
        if raw is None or (isinstance(raw, str) and not raw.strip()):  # a blank cell: the default
            return vocabulary.neutral
        if not isinstance(raw, str):
            raise RowError(name, raw, f"invalid value for {name}: expected text, got {raw!r}")
        try:
            return choose(vocabulary, raw, flag=name)
        except UsageProblem as exc:
            raise RowError(name, raw, str(exc)) from None

    def exp(self, raw: Any) -> float:
        cached = self.years.get(raw) if isinstance(raw, str) else None
        if cached is not None:
            return cached
        if raw is None or raw == "":
            raise RowError("exp", raw, "missing exp (years of experience)")
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise RowError("exp", raw, f"invalid value for exp: {raw!r} is not a number of years")
        try:
            years = parse_exp(raw, flag="exp")
        except UsageProblem as exc:
            raise RowError("exp", raw, str(exc)) from None
        if isinstance(raw, str):
            bounded(self.years)[raw] = years
        return years

    def base(
        self, years: float, role: Role, keys: tuple[str | None, ...]
    ) -> tuple[float, float, float, float]:
        """The point's percentile and the band in the area's survey dollars, before factors."""
        where = (years, role.key, keys[0], keys[-1])
        found = self.bases.get(where)
        if found is None:
            dist = distribution_for(self.data, role.soc, keys[0] or "US", keys[-1])
            amounts = survey_band(self.data.method, dist, years)
            found = (round(band_percentiles(dist, amounts).point, 2), *amounts)
            bounded(self.bases)[where] = found
        return found

    def profile(self, raw: tuple[Any, ...]) -> tuple[tuple[str | None, ...], float, Role]:
        """The keys, the multiplier and the role for the raw spellings of a record."""
        try:
            cached = self.profiles.get(raw)
        except TypeError:  # a JSON list or object where text belongs: resolved below, as an error
            cached = None
        if cached is not None:
            return cached
        chosen = [self.choice(name, value) for name, value in zip(PROFILE_FIELDS, raw[:-1], strict=True)]
        state, education, employer, role_key = chosen
        profile = Profile(0.0, state, education, employer, role_key)
        if raw[-1] is not None and not (isinstance(raw[-1], str) and not raw[-1].strip()):
            profile = self.metro(profile, raw[-1], raw[0])
        keys = (profile.state, *chosen[1:], profile.metro)
        multiplier = self.multipliers.get(keys)
        if multiplier is None:  # many spellings name one profile: the product is cached by its keys
            applied = applied_factors(profile, self.data)
            multiplier = bounded(self.multipliers)[keys] = math.prod(a.value.multiplier for a in applied)
        found = (keys, multiplier, self.data.roles[profile.role])
        with suppress(TypeError):
            bounded(self.profiles)[raw] = found
        return found

    def metro(self, profile: Profile, raw: Any, raw_state: Any) -> Profile:
        """The profile in a metro area; the state column, when filled, must contain it."""
        if not isinstance(raw, str):
            raise RowError("metro", raw, f"invalid value for metro: expected text, got {raw!r}")
        state = profile.state if raw_state not in (None, "") else None
        try:
            placed = place_metro(self.data, raw, state, flag="metro")
        except UsageProblem as exc:
            raise RowError("metro", raw, str(exc)) from None
        return Profile(
            profile.exp,
            placed["state"] or profile.state,
            profile.education,
            profile.employer,
            profile.role,
            placed["metro"],
        )

    def level_table(self, keys: tuple[str | None, ...], role: Role) -> LevelTable:
        """The prevailing-wage levels for the record's role and area (state, metro)."""
        where = (role.key, keys[0], keys[-1])
        found = self.levels.get(where)
        if found is None:
            profile = Profile(0.0, keys[0] or "US", role=role.key, metro=keys[-1])
            found = bounded(self.levels)[where] = wage_levels(self.data, profile)
        return found

    def amount(self, name: str, raw: Any) -> int:
        key = (name, raw if isinstance(raw, str) else repr(raw))
        cached = self.amounts.get(key)
        if cached is None:
            try:
                cached = parse_money(str(raw), flag=name, hours_per_year=self.data.method.hours_per_year)
            except UsageProblem as exc:
                raise RowError(name, raw, str(exc)) from None
            bounded(self.amounts)[key] = cached
        return cached

    def estimate(self, row: int, record: dict[str, Any], layout: Layout) -> Values:
        """One record's values, in the order of layout.columns(). The hot loop of a batch: cached
        lookups are tried inline before the methods that fill the caches are called."""
        get = record.get
        raw_exp = get("exp")
        exp = self.years.get(raw_exp) if type(raw_exp) is str else None
        if exp is None:
            exp = self.exp(raw_exp)
        keys, multiplier, role = self.profile(tuple(map(get, layout.fields)))
        point, low_base, mid_base, high_base = self.bases.get(
            (exp, role.key, keys[0], keys[-1])
        ) or self.base(exp, role, keys)
        unit = self.unit
        # round_money inlined (amounts are positive): half up to the unit, as calculate() rounds;
        # self.growth ages the survey month's dollars by the ECI (1.0 with --survey-dollars)
        multiplier *= self.growth
        low, mid, high = (
            low_base * multiplier / unit,
            mid_base * multiplier / unit,
            high_base * multiplier / unit,
        )
        low = (int(low) + (low - int(low) >= 0.5)) * unit
        mid = (int(mid) + (mid - int(mid) >= 0.5)) * unit
        high = (int(high) + (high - int(high) >= 0.5)) * unit
        values: list[Any] = [row, get("id"), exp, *keys, role.soc, point, low, mid, high]
        for name in layout.amounts:
            raw = get(name)
            if raw is None or raw == "":
                values += (None,) * (5 if layout.levels else 3)
                continue
            amount = self.amount(name, raw)
            if not PLAUSIBLE[0] <= amount <= PLAUSIBLE[1]:
                self.implausible += 1
            values += (amount, *place(amount, low, high)[:2])
            if layout.levels:
                check = assess(self.level_table(keys, role), amount)
                values += (check.highest_level_met, check.shortfall)
        values += map(get, layout.passthrough)
        return tuple(values)


def bounded(cache: dict[Any, Any]) -> dict[Any, Any]:
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    return cache


ERROR_VALUE_LIMIT = 200  # characters of a bad value an error record repeats


def error_record(
    row: int, record: dict[str, Any], exc: RowError, layout: Layout | None = None
) -> dict[str, Any]:
    """The error record of a row: its position, id and passed-through columns, the field, the bad
    value once (cut short when long), and the message."""
    out: dict[str, Any] = {"row": row, "id": short_value(record.get("id"))}
    if layout is not None:
        out.update((name, short_value(record.get(column))) for column, name in layout.renamed)
    out.update(error_field=exc.field, error_value=short_value(exc.value), error=exc.message)
    return out


def short_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, float)):
        return value if not isinstance(value, float) or math.isfinite(value) else str(value)
    text = value if isinstance(value, str) else str(value) if isinstance(value, int) else None
    if text is None:
        text = encode_json(value)
    elif len(text) <= ERROR_VALUE_LIMIT:
        return value
    return text if len(text) <= ERROR_VALUE_LIMIT else text[:ERROR_VALUE_LIMIT] + "..."
