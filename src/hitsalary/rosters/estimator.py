"""Estimate one roster record: the numbers are calculate()'s own (distribution_for, the BandCurve
survey_band reads, the point's percentile_of, each factor's value_of), and the band is the
survey band times the factors' product, rounded half up to the unit as round_money does; what
the estimator adds is caching of the lookups that repeat from row to row (a state spelling, an
area's curve, a factor's value), bounded so memory stays flat whatever the input size. The hot
loop builds tuples, not objects: a million rows must take seconds, not minutes.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from typing import Any

from hitsalary.core.areas import resolve_area
from hitsalary.core.calculate import BandCurve, applied_factors, multiplies
from hitsalary.core.decisions import parse_money
from hitsalary.core.distribution import find_distribution, imprecision
from hitsalary.core.errors import UsageProblem
from hitsalary.core.growth import wage_growth
from hitsalary.core.levels import LevelTable, assess, wage_levels
from hitsalary.core.measure import factor_value
from hitsalary.core.models import Area as Place
from hitsalary.core.models import Factor, Profile, ReferenceData, Role
from hitsalary.core.profile import PROFILE_FIELDS, Vocabulary, choose, parse_exp, place_metro
from hitsalary.output.batch_writers import Values, encode_json
from hitsalary.rosters.areas import RunAreaTables
from hitsalary.rosters.layout import AMOUNT_FIELDS, CACHE_LIMIT, EXTRA, Layout, RowError, as_text, blank
from hitsalary.rosters.values import amount_text

# what BandCurve.row gives for some years: the point's percentile, the band's low, point, high
Row = tuple[float, float, float, float]
# what a row says of the figures its band is read from: the area's code (the state's or the
# nation's where the metro falls back), the distribution's basis and imprecision()'s text (None)
Read = tuple[str, str, str | None]
# an area's curve, the rows read off it so far (by years), and what it is read from
Area = tuple[BandCurve, dict[float, Row], Read]
# a record's keys (state, education, employer, role, metro), the role's SOC, the factors' product
# aged to today's dollars, the role, and its area's curve, rows and figures (Area)
Found = tuple[tuple[str | None, ...], str, float, Role, BandCurve, dict[float, Row], Read]
# rows held across every curve's table (a roster's years x areas can be many); with 40,000 a
# realistic roster of 1,000,000 rows peaked at 81 MB (30,000: 79 MB), over the 80 MB promised
ROWS_LIMIT = 30_000
CURVES_LIMIT = CACHE_LIMIT  # curves held; emptied together with every cache that holds one
BLANK_PLACED = {False: (None,) * 3, True: (None,) * 5}  # a blank amount's columns, by --levels
PASSED_OVER_KEPT = 100  # metro cells kept for the end's note of names that matched several areas


class Estimator:
    """Turns one input record into one output record with the shared calculation."""

    def __init__(self, data: ReferenceData, *, survey_dollars: bool = False) -> None:
        # the run's own view of the area tables: each occupation read once across every area
        self.data = data = replace(data, area_tables=RunAreaTables(data.area_tables))
        self.growth = wage_growth(data, survey_dollars=survey_dollars).multiplier  # today's dollars
        self.years: dict[str, float] = {}  # raw exp text -> years
        self.rows_held = 0  # entries in the curves' row tables, together at most ROWS_LIMIT
        self.profiles: dict[tuple[Any, ...], Found] = {}  # raw spellings -> keys
        self.cache_start = 0  # the row before the first one since self.profiles was last empty
        self.by_raw = True  # False once the spellings are seen not to repeat
        # SOC, state, metro -> the area's curve and its rows table
        self.areas: dict[tuple[str, str | None, str | None], Area] = {}
        # a distribution's points and mean -> its curve and the rows read off it, by years
        self.curves: dict[tuple[float, ...], tuple[BandCurve, dict[float, Row]]] = {}
        self.products: dict[Any, float] = {}  # the factors' keys and the role -> their product
        self.vocabularies = {name: Vocabulary.of(data, name) for name in PROFILE_FIELDS}
        self.unit = data.method.rounding_unit
        self.roles = data.roles
        self.implausible = 0  # amounts outside self.plausible, reported once at the end
        self.national_levels = 0  # rows given levels with no state or metro: national (said at the end)
        # metro cells read as the one area whose name starts with them, which match others too
        # ('new york'), said once at the end as --metro says it: the cell -> the area read
        self.passed_over: dict[str, Place] = {}
        self.first_implausible: tuple[int, str, Any, int] | None = None  # row, column, cell, dollars
        self.plausible = data.method.plausible
        self.chosen_in: list[dict[Any, str]] = [{} for _ in PROFILE_FIELDS]  # raw spelling -> key
        self.levels: dict[tuple[str, str | None, str | None], LevelTable] = {}
        self.amounts: dict[str, int] = {}  # an amount's text -> dollars, in any column (errors not kept)
        self.places: dict[tuple[Any, Any], tuple[str, str | None]] = {}  # metro and state cells -> keys
        self.factor_values: dict[tuple[str, str, str], float] = {}  # one factor's multiplier
        # each factor that can move the band (the location cannot: its multiplier is 1.0, and a
        # product times 1.0 is the same float), and its profile field, in applied_factors' order
        self.by_factor = all(f.name in PROFILE_FIELDS for f in data.factors)
        self.factors = [
            (f, PROFILE_FIELDS.index(f.name)) for f in data.factors if self.by_factor and multiplies(f)
        ]
        # the fields the product depends on, the role included (all of them for a factor that is
        # not a profile field: product() then runs the whole calculation)
        fields = sorted({field for _, field in self.factors} | {3}) if self.by_factor else range(5)
        self.product_key = operator.itemgetter(*fields)

    def choice(self, name: str, raw: Any) -> str:
        """The key a roster cell names (cached per column and spelling)."""
        cache = self.chosen_in[PROFILE_FIELDS.index(name)]
        try:
            found = cache.get(raw)
        except TypeError:  # a JSON list or object: resolved below, as an error
            return self.choose(name, raw)
        if found is None:
            found = bounded(cache)[raw] = self.choose(name, raw)
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

    def profile(self, raw: tuple[Any, ...], row: int) -> Found:
        """The keys, the SOC, the aged multiplier, the role, the area's curve and its rows table
        for the raw spellings of a record (estimate() tries the cache of raw spellings first)."""
        # PROFILE_FIELDS' cells in their order (a Profile's), then the metro's
        states, educations, employers, roles = self.chosen_in
        raw_state, raw_education, raw_employer, raw_role, raw_metro = raw
        name_state, name_education, name_employer, name_role = PROFILE_FIELDS
        try:  # the spellings seen before, inline; the first of each through choice(), in order
            state = states.get(raw_state) or self.choice(name_state, raw_state)
            education = educations.get(raw_education) or self.choice(name_education, raw_education)
            employer = employers.get(raw_employer) or self.choice(name_employer, raw_employer)
            role_key = roles.get(raw_role) or self.choice(name_role, raw_role)
        except TypeError:  # a JSON list or object: resolved as an error, in order
            state, education, employer, role_key = map(self.choice, PROFILE_FIELDS, raw)
        metro = None
        if raw_metro is not None and raw_metro != "":  # the common blanks; place() finds the others
            try:  # place()'s cache, by the metro and state cells as given, tried inline
                placed = self.places.get((raw_metro, raw_state))
            except TypeError:
                placed = None
            state, metro = placed or self.place(raw_metro, raw_state, state)
        keys = (state, education, employer, role_key, metro)
        role = self.roles[role_key]
        curve, rows, read = self.areas.get((role.soc, state, metro)) or self.area(keys, role.soc, row)
        # many spellings name one profile: the product is cached by the keys its factors read
        key = self.product_key(keys)
        multiplier = self.products.get(key)
        if multiplier is None:
            multiplier = bounded(self.products)[key] = self.product(keys)
        # self.growth ages the survey month's dollars by the ECI (1.0 with --survey-dollars)
        found = (keys, role.soc, multiplier * self.growth, role, curve, rows, read)
        if self.by_raw:
            self.remember(raw, found, row)
        return found

    def remember(self, raw: tuple[Any, ...], found: Found, row: int) -> None:
        """Cache a record's raw spellings; a roster whose spellings rarely repeat (fewer hits than
        a tenth of the entries, looked at when a fifth of the cache and all of it are filled)
        stops paying for the cache, in time and memory: it cannot help there. The hits are the
        rows since the cache was last empty that did not add to it (rows rejected before their
        spellings were looked up count as hits: they are few)."""
        profiles = self.profiles
        size = len(profiles)
        if size == CACHE_LIMIT // 5 or size >= CACHE_LIMIT:
            hits = row - self.cache_start - size
            self.by_raw = hits * 10 >= size
            if size >= CACHE_LIMIT or not self.by_raw:
                profiles.clear()
                self.cache_start = row
            if not self.by_raw:
                return
        with suppress(TypeError):
            profiles[raw] = found

    def area(self, keys: tuple[Any, ...], soc: str, row: int) -> Area:
        """The occupation's curve in the area (survey_band's) and its table of rows: roles that
        share an occupation share it; and what the area's band is read from (distribution_for's
        code, basis and precision: a metro that falls back shares its state's curve, not this)."""
        dist = find_distribution(self.data, soc, keys[0] or "US", keys[-1])
        # a curve is its distribution's (points and mean): areas that fall back to their state's
        # share one (a roster over every area meets thousands)
        # the key is the points and mean as one flat tuple: the floats are the curve's own, so a
        # key costs one tuple (thousands of curves in a roster over every area)
        key = (dist.mean, *itertools.chain.from_iterable(dist.points))
        curve_rows = self.curves.get(key)
        if curve_rows is None:
            if len(self.curves) >= CURVES_LIMIT:  # what holds a curve goes with it: memory stays flat
                self.forget_curves(row)
            curve_rows = self.curves[key] = (BandCurve(self.data.method, dist), {})
        found = (*curve_rows, (dist.code, dist.basis, imprecision(dist)))  # as estimate --json says it
        bounded(self.areas)[(soc, keys[0], keys[-1])] = found
        return found

    def forget_curves(self, row: int) -> None:
        """Empty the curves and every cache that holds one (areas, profiles by spelling)."""
        self.curves.clear()
        self.areas.clear()
        self.profiles.clear()
        self.cache_start, self.rows_held = row, 0

    def row_of(self, curve: BandCurve, rows: dict[float, Row], exp: float) -> Row:
        """curve.row(exp), kept in the curve's table; the tables hold ROWS_LIMIT rows in all
        (years x areas can run to hundreds of thousands). When they are full, a new row takes the
        place of the last one its own table kept, so the rest stay and keep hitting: a roster
        over a few more years and areas than fit read 52,560 rows of 100,000 again when every
        table was emptied at the limit, 36,394 this way."""
        found = curve.row(exp)
        if self.rows_held < ROWS_LIMIT:
            self.rows_held += 1
        elif rows:  # full: this table's newest row makes room
            rows.popitem()
        else:  # full, and nothing of this curve's is kept: this row is not kept either
            return found
        rows[exp] = found
        return found

    def product(self, keys: tuple[Any, ...]) -> float:
        """calculate()'s multiplier for a profile's keys, the one place batch puts a multiplier on
        the survey band: the product of each factor's value_of, each cached on that factor's own
        inputs (its key and the role), so a roster of a thousand profiles
        over 528 areas computes each factor's value once, not each profile's factors. The location
        is left out: its multiplier is 1.0 (calculate.multiplies)."""
        if not self.by_factor:  # a factor that is not a profile field: the whole calculation
            return math.prod(a.value.multiplier for a in applied_factors(Profile(0.0, *keys), self.data))
        multiplier = 1.0  # as math.prod multiplies: left to right, from 1
        for factor, field in self.factors:
            multiplier *= self.factor(factor, field, keys)
        return multiplier

    def factor(self, factor: Factor, field: int, keys: tuple[Any, ...]) -> float:
        """One factor's multiplier, cached on its own inputs (its key and the role): value_of's
        for a factor that multiplies (self.factors holds no other), which reads no distribution."""
        key = (factor.name, keys[field], keys[3])
        value = self.factor_values.get(key)
        if value is None:
            value = factor_value(self.data, factor.name, keys[field], keys[3]).multiplier
            bounded(self.factor_values)[key] = value
        return value

    def place(self, raw: Any, raw_state: Any, state: str) -> tuple[str, str | None]:
        """The state and metro keys of a metro cell beside a state cell (state: its key); the
        state column, when filled, must contain the metro; a blank metro cell leaves the state.
        Cached by the two cells as given: the state's key is theirs (a cell's key is fixed)."""
        try:
            found = self.places.get((raw, raw_state))
        except TypeError:
            found = None
        if found is None:
            if blank(raw):
                found = (state, None)
            else:
                given_state = None if blank(raw_state) else state  # the state column, when filled
                text = as_text("metro", raw)
                try:
                    placed = place_metro(self.data, text or "", given_state, flag="metro")
                except UsageProblem as exc:
                    raise RowError("metro", raw, str(exc)) from None
                found = (placed["state"] or state, placed["metro"])
                self.note_passed_over(text or "", given_state)
            with suppress(TypeError):
                bounded(self.places)[(raw, raw_state)] = found
        return found

    def note_passed_over(self, text: str, state: str | None) -> None:
        """Keep a metro cell that also matched other areas (at most PASSED_OVER_KEPT of them)."""
        if len(self.passed_over) < PASSED_OVER_KEPT and text not in self.passed_over:
            area, others = resolve_area(self.data, text, flag="metro", state=state)
            if others:
                self.passed_over[text] = area

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
        # a number is read as its digits: exactly as the same amount written as text in a CSV cell
        text = raw if isinstance(raw, str) else amount_text(name, raw)
        cached = self.amounts.get(text)
        if cached is None:
            try:
                cached = parse_money(text, flag=name, hours_per_year=self.data.method.hours_per_year)
            except UsageProblem as exc:
                raise RowError(name, raw, str(exc)) from None
            bounded(self.amounts)[text] = cached
        return cached

    def estimate(self, row: int, record: dict[str, Any], layout: Layout) -> Values:
        """One record's values, in the order of layout.columns(). The hot loop of a batch: cached
        lookups are tried inline before the methods that fill the caches are called."""
        get = record.get
        raw_exp = get("exp")
        exp = self.years.get(raw_exp) if type(raw_exp) is str else None
        if exp is None:
            exp = self.exp(raw_exp)
        try:
            raw = layout.pick_fields(record)
        except KeyError:  # a JSON Lines record without some of the columns
            raw = tuple(map(get, layout.fields))
        try:  # (a roster whose spellings do not repeat has turned this cache off: by_raw)
            found = self.profiles.get(raw) if self.by_raw else None
        except TypeError:  # a JSON list or object where text belongs: resolved below, as an error
            found = None
        if found is None:
            found = self.profile(raw, row)
        keys, soc, multiplier, role, curve, rows, read = found
        # the point's percentile and the band in the area's survey dollars (the curve's own)
        point, low, mid, high = rows.get(exp) or self.row_of(curve, rows, exp)
        # round_money inlined (amounts are positive): half up to the unit, as calculate() rounds
        unit = self.unit
        low, mid, high = low * multiplier / unit, mid * multiplier / unit, high * multiplier / unit
        whole = int(low)
        low = (whole + (low - whole >= 0.5)) * unit
        whole = int(mid)
        mid = (whole + (mid - whole >= 0.5)) * unit
        whole = int(high)
        high = (whole + (high - whole >= 0.5)) * unit
        placed = self.amount_values(row, get, layout, keys, role, low, high) if layout.amounts else ()
        try:
            passed = layout.pick_passthrough(record)
        except KeyError:  # a JSON Lines record without some of the columns
            passed = tuple(map(get, layout.passthrough))
        return (row, get("id"), exp, *keys, soc, point, low, mid, high, *read, *placed, *passed)

    def as_written(self, name: str, raw: Any) -> Any:
        """A cell of an error record in the type an estimated record gives its column, where the
        cell can be read so (years as a number, a whole-number code as its digits, an amount as
        dollars): one type a column, as pandas reads it; else the cell as given."""
        try:
            if name == "exp":
                return raw if blank(raw) else self.exp(raw)
            if name in AMOUNT_FIELDS:
                return raw if blank(raw) else self.amount(name, raw)
            return raw if blank(raw) else as_text(name, raw)
        except RowError:
            return raw

    def amount_values(
        self,
        row: int,
        get: Any,
        layout: Layout,
        keys: tuple[str | None, ...],
        role: Role,
        low: int,
        high: int,
    ) -> list[Any]:
        """Each offer or salary column's amount, its place in the band (and with --levels the
        level it meets): decisions.place's figures, inlined."""
        values: list[Any] = []
        plausible_low, plausible_high = self.plausible
        national = False  # levels given, and national (LevelTable.area_note: DOL would not use them)
        for name in layout.amounts:
            raw = get(name)
            if raw is None or raw == "" or raw != raw:  # blank, or NaN (a blank pandas cell)
                values += BLANK_PLACED[layout.levels]
                continue
            amount = self.amounts.get(raw) if type(raw) is str else None
            if amount is None:
                amount = self.amount(name, raw)
            if amount < plausible_low or amount > plausible_high:
                if not self.implausible:
                    self.first_implausible = (row, name, raw, amount)
                self.implausible += 1
            # decisions.place inlined: the position, and the percent through as percent() rounds
            # it (half away from zero; int() is floor for the positive tenths it is given)
            if high > low:
                tenths = (amount - low) / (high - low) * 100 * 10
                if tenths < 0:
                    whole = int(-tenths)
                    through = -(whole + (-tenths - whole >= 0.5)) / 10
                else:
                    whole = int(tenths)
                    through = (whole + (tenths - whole >= 0.5)) / 10
            else:
                through = 50.0
            position = "below" if amount < low else "above" if amount > high else "inside"
            if layout.levels:
                table = self.level_table(keys, role)
                check = assess(table, amount)
                values += (amount, position, through, check.highest_level_met, check.shortfall)
                national = table.area_note is not None
            else:
                values += (amount, position, through)
        if national:
            self.national_levels += 1
        return values


def bounded(cache: dict[Any, Any]) -> dict[Any, Any]:
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    return cache


FIELD_NAMES = (*PROFILE_FIELDS, "metro")  # as layout.FIELDS: the output name of each profile field
ERROR_VALUE_LIMIT = 200  # characters of a bad value an error record repeats


def error_record(
    row: int,
    record: dict[str, Any],
    exc: RowError,
    layout: Layout | None = None,
    extra_name: Callable[[str], str] | None = None,
    written: Callable[[str, Any], Any] | None = None,
) -> dict[str, Any]:
    """The error record of a row: its position, id, the profile and amount values as given (so a
    roster can be fixed without going back to the input; with `written`, each in the type the
    estimated records give it where it can be read: Estimator.as_written), the passed-through
    columns, the keys no earlier record had (named by extra_name, as the run names them in estimated records;
    left out without it), the field, the bad value once (cut short when long), and the message.
    Every error record of a run has the same keys, in the same order: the profile fields and the
    layout's amounts always (null where the record has none, or a blank cell), so a column of
    the output never goes missing in some rows."""
    out: dict[str, Any] = {"row": row, "id": short_value(record.get("id"))}
    if layout is not None:
        read = written or (lambda _name, value: value)
        out["exp"] = short_value(read("exp", record.get("exp")))
        pairs = zip(FIELD_NAMES, layout.fields, strict=True)
        out.update((name, short_value(read(name, record.get(c)))) for name, c in pairs)
        out.update((name, short_value(read(name, record.get(name)))) for name in layout.amounts)
        out.update((name, short_value(record.get(column))) for column, name in layout.renamed)
        extra = record.get(EXTRA)
        if extra and extra_name is not None:
            named = ((extra_name(key), value) for key, value in extra.items())
            out.update((name, short_value(value)) for name, value in named if name not in out)
    out.update(error_field=exc.field, error_value=short_value(exc.value), error=exc.message)
    return out


def short_value(value: Any) -> Any:
    """A value as an error record repeats it: as given, but a blank cell is null (as estimated
    records write a blank), and a long value cut short."""
    if type(value) is str and not value:
        return None
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
