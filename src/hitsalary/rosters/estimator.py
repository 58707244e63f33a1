"""Estimate one roster record: the arithmetic is calculate()'s own (level_for, applied_factors,
band_amounts, whole_dollars); what the estimator adds is caching of the lookups that repeat from
row to row (a state spelling, a factor combination), bounded so memory stays flat whatever the
input size. The hot loop builds tuples, not objects: a million rows must take seconds, not minutes.
"""

from __future__ import annotations

import math
from contextlib import suppress
from typing import Any

from hitsalary.core.calculate import applied_factors, band_percentiles, base_amounts
from hitsalary.core.decisions import PLAUSIBLE, parse_money, place
from hitsalary.core.errors import UsageProblem
from hitsalary.core.levels import LevelTable, assess, wage_levels
from hitsalary.core.models import Profile, ReferenceData, Role
from hitsalary.core.profile import PROFILE_FIELDS, Vocabulary, choose, parse_exp, place_metro
from hitsalary.output.batch_writers import Values, encode_json
from hitsalary.rosters.layout import AMOUNT_FIELDS, CACHE_LIMIT, EXTRA, Layout, RowError, as_text, blank


class Estimator:
    """Turns one input record into one output record with the shared calculation."""

    def __init__(self, data: ReferenceData) -> None:
        self.data = data
        self.years: dict[str, float] = {}  # raw exp text -> years
        self.bases: dict[
            tuple[float, str], tuple[float, float, float, float]
        ] = {}  # years, role -> point, base
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
        text = as_text(name, raw)
        if text is None:  # a blank cell: the default
            return vocabulary.neutral
        try:
            return choose(vocabulary, text, flag=name)
        except UsageProblem as exc:
            raise RowError(name, raw, str(exc)) from None

    def exp(self, raw: Any) -> float:
        cached = self.years.get(raw) if isinstance(raw, str) else None
        if cached is not None:
            return cached
        if blank(raw):
            raise RowError("exp", None if raw != raw else raw, "exp is missing (years of experience)")
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise RowError("exp", raw, f"invalid value for exp: {raw!r} is not a number of years")
        try:
            years = parse_exp(raw, flag="exp")
        except UsageProblem as exc:
            raise RowError("exp", raw, str(exc)) from None
        if isinstance(raw, str):
            bounded(self.years)[raw] = years
        return years

    def base(self, years: float, role: Role) -> tuple[float, float, float, float]:
        """The point's percentile and the role's national wages at the band, before factors."""
        found = self.bases.get((years, role.key))
        if found is None:
            wages = self.data.national[role.soc]
            where = band_percentiles(self.data.method, wages, years)
            found = (round(where.point, 2), *base_amounts(wages, where))
            bounded(self.bases)[(years, role.key)] = found
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
        profile = Profile(0.0, *chosen)
        if not blank(raw[-1]):
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
        text = as_text("metro", raw)
        state = profile.state if not blank(raw_state) else None
        try:
            placed = place_metro(self.data, text or "", state, flag="metro")
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
        if type(raw) is not str and (isinstance(raw, bool) or not isinstance(raw, (int, float))):
            kind = type(raw).__name__
            raise RowError(name, None, f"invalid value for {name}: expected an amount, got {kind}")
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
        point, low_base, mid_base, high_base = self.bases.get((exp, role.key)) or self.base(exp, role)
        unit = self.unit
        # round_money inlined (amounts are positive): half up to the unit, as calculate() rounds
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
            if raw is None or raw == "" or raw != raw:  # blank, or NaN (a blank pandas cell)
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


FIELD_NAMES = (*PROFILE_FIELDS, "metro")  # as layout.FIELDS: the output name of each profile field
ERROR_VALUE_LIMIT = 200  # characters of a bad value an error record repeats


def error_record(
    row: int, record: dict[str, Any], exc: RowError, layout: Layout | None = None
) -> dict[str, Any]:
    """The error record of a row: its position, id, the profile and amount values as given (so a
    roster can be fixed without going back to the input), the passed-through columns, the field,
    the bad value once (cut short when long), and the message."""
    out: dict[str, Any] = {"row": row, "id": short_value(record.get("id"))}
    if layout is not None:
        out["exp"] = short_value(record.get("exp"))
        pairs = zip(FIELD_NAMES, layout.fields, strict=True)
        out.update((name, short_value(record[c])) for name, c in pairs if c in record)
        out.update((name, short_value(record.get(name))) for name in AMOUNT_FIELDS if name in record)
        out.update((name, short_value(record.get(column))) for column, name in layout.renamed)
        extra = record.get(EXTRA)
        if extra:
            out.update((key, short_value(value)) for key, value in extra.items() if key not in out)
    out.update(error_field=exc.field, error_value=short_value(exc.value), error=exc.message)
    return out


def short_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None if value != value else str(value)  # NaN: a blank cell (pandas)
        return value
    try:
        text = value if isinstance(value, str) else str(value) if isinstance(value, int) else None
        if text is None:
            text = encode_json(value)
    except (TypeError, ValueError, RecursionError):  # an object JSON cannot hold, a 5,000-digit int
        return f"<{type(value).__name__}>"
    if isinstance(value, (str, int)) and len(text) <= ERROR_VALUE_LIMIT:
        return value
    return text if len(text) <= ERROR_VALUE_LIMIT else text[:ERROR_VALUE_LIMIT] + "..."
