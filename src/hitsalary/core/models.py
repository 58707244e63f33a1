"""The data hitsalary works with: reference data in, a profile, one estimate out.

No `from __future__ import annotations` here, on purpose: with it every annotation is a string,
and at start-up typing.NamedTuple compiles each one into a ForwardRef and dataclass matches each
against a ClassVar pattern (about 1% of a run). Evaluated annotations are cheap, so the classes
are defined in dependency order and a name used before its class is quoted."""

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal, NamedTuple, Protocol, TypeVar

from hitsalary.core.rounding import percent, whole_dollars

Basis = Literal["baseline", "measured", "assumed", "fallback"]
Status = Literal["verified", "as_reported", "differs"]

T = TypeVar("T")


Shown = Literal["percent", "dollars"]  # a float printed as the JSON shows it: 0.1, or whole dollars
SHOWN: dict[type, dict[str, Shown]] = {}  # by class: the fields that print as percent or dollars


def rounded(value: object, shown: Shown | None = None) -> object:
    """A float as printed: a percentage to one decimal and dollars whole, as the JSON rounds them,
    any other float to 6 places (20.2, not 20.200000000000003); also inside a tuple."""
    if type(value) is float:
        if shown is None:
            return round(value, 6)
        return percent(value) if shown == "percent" else whole_dollars(value)
    if type(value) is tuple:
        return tuple(rounded(item, shown) for item in value)
    return value


def rounded_repr(self: Any) -> str:
    """The dataclass repr, with its floats rounded: what a notebook shows should read like the JSON."""
    kinds = SHOWN.get(type(self), {})
    shown = ", ".join(
        f"{f.name}={rounded(getattr(self, f.name), kinds.get(f.name))!r}" for f in fields(self) if f.repr
    )
    hidden = [f.name for f in fields(self) if not f.repr]  # long fields: named, read as attributes
    more = f", ... ({', '.join(hidden)}: read them as attributes)" if hidden else ""
    return f"{type(self).__qualname__}({shown}{more})"


def printed(kind: type[T]) -> type[T]:
    """A class a notebook prints: its repr rounds floats. (Given with repr=False to @dataclass,
    whose own repr would be generated, and compiled at start-up, only to be replaced.)"""
    kind.__repr__ = rounded_repr  # type: ignore[method-assign]  # the point of the decorator
    return kind


def shown_as(**kinds: Shown) -> Callable[[type[T]], type[T]]:
    """Fields of a printed class that print as percentages (one decimal) or whole dollars, as
    the JSON and the tables show them; the stored values keep every digit."""

    def mark(kind: type[T]) -> type[T]:
        SHOWN[kind] = kinds
        return kind

    return mark


@printed
@dataclass(frozen=True, repr=False)
class Source:
    """Who published a figure, what it measures and when."""

    publisher: str
    title: str
    year: int
    statistic: str | None = None
    series: str | None = None
    url: str | None = None
    as_of: str | None = None
    released: str | None = None
    note: str | None = None
    origin: str = "shipped"  # "shipped", or the path of the user's data file


@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class Level:
    """An experience level and its salary range as the article gives them (the article's view)."""

    key: str
    label: str
    min_years: float
    low: int
    high: int


@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class Role:
    """A healthcare IT role, tied to one BLS occupation."""

    key: str
    label: str
    soc: str
    title: str  # the occupation's BLS title
    why: str
    aliases: tuple[str, ...]  # job titles, listed by `roles`
    spellings: tuple[str, ...] = ()  # also accepted, not listed: 'none', each vendor x job title


@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class Wages:
    """One row of BLS OEWS figures: an occupation in an area or an industry."""

    soc: str
    where: str  # "United States", a state's name, or an industry's name
    code: str  # area or NAICS code
    points: tuple[tuple[int, int], ...]  # (percentile, annual wage) as published, ascending
    source: Source
    series_id: str
    employment: int | None = None
    mean: int | None = None
    notes: str = ""
    wage_rse: float | None = None  # BLS's relative standard error of the mean wage, percent

    @property
    def median(self) -> int | None:
        return self.percentile(50)

    def percentile(self, pct: int) -> int | None:
        for published, wage in self.points:  # five points at most: a scan is cheaper than a dict
            if published == pct:
                return wage
        return None

    def at(self, pct: float) -> float:
        """The wage at a percentile: between the two nearest published percentiles it grows at a
        constant rate (linear in log wage), so w = w0 * (w1 / w0) ** ((pct - p0) / (p1 - p0))."""
        points = self.points
        if pct <= points[0][0]:
            return float(points[0][1])
        for (p0, w0), (p1, w1) in itertools.pairwise(points):
            if pct <= p1:
                return float(w0 * (w1 / w0) ** ((pct - p0) / (p1 - p0)))
        return float(points[-1][1])


INTERPOLATION = "log-linear between published percentiles"  # what Wages.at does, for `sources`


class Anchor(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """A point of the experience rule: a wage level reached at these years, or (beyond Level IV)
    the share of the log gap between Level IV and the 90th percentile closed by then."""

    years: float
    label: str
    level: str | None = None  # "I" .. "IV"
    toward_p90: float | None = None


class Stated(NamedTuple):
    """How one of the method's values is known, for `sources`: hitsalary's assumption or a
    publication's figure, and the source block that says so."""

    basis: str  # "assumed" or "published" (method.yaml `basis`)
    source: Source


@dataclass(frozen=True, eq=False, repr=False)  # never compared or printed: less to build at start-up
class Method:
    """The stated rules: years to a percentile, the band around it, rounding, hours."""

    anchors: tuple[Anchor, ...]
    max_quarter_growth: float  # the steepest rise of the point from one quarter-year to the next
    half_width: float  # the band's reach either side of the point, in level steps
    max_wage_rse: float  # percent: an area's figures above it are imprecise
    min_employment: int  # jobs: an area's figures under it are imprecise
    rule: str
    band_rule: str
    interpolation: str
    rounding_unit: int
    rounding_rule: str
    hours_per_year: float
    hours_source: Source
    plausible: tuple[int, int]  # an annual amount outside it gets a warning (assumed, method.yaml)
    anchor_source: Source
    source: Source
    levels: tuple[tuple[str, str], ...] = ()  # Department of Labor wage levels: key, label
    levels_year: str = ""  # the wage year they are for
    levels_release: str = ""  # the OEWS release they are built from
    levels_rule: str = ""
    levels_label: str = ""
    levels_url: str = ""
    precision_rule: str = ""
    plausible_rule: str = ""
    stated: Mapping[str, Stated] = field(default_factory=dict)  # by method.yaml key: how it is known


@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class FactorValue:
    """A factor's value for one role and profile: its multiplier and where it comes from."""

    key: str
    label: str
    multiplier: float
    basis: Basis
    statistic: str  # how the multiplier was obtained, in words and figures
    source: Source
    series: tuple[str, ...] = ()  # BLS series IDs behind it
    reason: str | None = None  # for a fallback: why the measured figure was not used
    bound: float | None = None  # for an assumption: the BLS figure it may not exceed


class Choice(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """One value a factor accepts, as the data defines it (before any role is known)."""

    key: str
    label: str
    multiplier: float | None = None  # assumed values
    naics: tuple[str, ...] = ()  # industry values, in order of preference
    bound: str | None = None  # assumed values: the Education pays row that bounds it
    baseline: str | None = None  # ... and the row it is compared with (factors.yaml bound_baseline)
    source: Source | None = None  # who set an assumed value (the factors file's source if None)
    entry_education: tuple[str, ...] = ()  # BLS typical-entry levels this value stands for


class Factor(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """A profile field that moves the band, with every value it accepts."""

    name: str
    label: str
    neutral: str
    method: str
    note: str
    values: dict[str, Choice]
    aliases: dict[str, str]  # normalized spelling -> value key
    fallback_soc: str | None = None


class ArticleClaim(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """What the seed article said, where the primary source says otherwise."""

    figure: int
    year: int
    claim: str
    reason: str


@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class ReferenceFigure:
    """A published figure an estimate is compared with."""

    key: str
    label: str  # short name for tables and the chart
    publisher: str
    title: str
    statistic: str
    figure: int
    year: int
    status: Status
    source: Source
    low: int | None = None
    high: int | None = None
    range_label: str | None = None
    url: str | None = None
    note: str | None = None
    article: ArticleClaim | None = None
    scope: str | None = None  # whose pay it describes: "national, all of healthcare IT", an area ...
    roles: tuple[str, ...] = ()  # shown only for these roles; empty = for every role


class IndustryEstimate(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """BLS OEWS figures for one occupation within one industry sector and year."""

    soc: str
    title: str
    naics: str
    industry: str
    year: int
    source: Source
    employment: int | None = None
    mean: int | None = None
    median: int | None = None


class Projection(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """A BLS employment projection for one occupation and edition."""

    soc: str
    title: str
    edition: str
    change_pct: float
    source: Source
    jobs_start_thousands: float | None = None
    jobs_end_thousands: float | None = None
    median_wage: int | None = None
    median_wage_year: int | None = None
    secondary_copy: bool = False


class GrowthClaim(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """A job-growth figure the seed article states, and what the BLS projections say of it."""

    key: str
    claim: str
    change_pct: float
    status: Status
    reason: str
    checked: Projection
    source: Source
    matches: Projection | None = None


class StateInfo(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """A state (or DC, Puerto Rico): its name and its price parity."""

    code: str
    name: str
    rpp: float | None = None
    rpp_source: Source | None = None


class SurveyFigure(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """A figure from a survey shown as a cross-check only (HIMSS), never used in an estimate."""

    group: str
    average: int
    respondents: int
    source: Source


class Parity(NamedTuple):
    """A BEA regional price parity (US = 100) and who published it."""

    rpp: float
    source: Source


class AreaParities(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """BEA price parities below the state: metro areas by CBSA code; each state's metropolitan
    and nonmetropolitan portions, by state code and "metropolitan" / "nonmetropolitan"."""

    metros: Mapping[str, Parity]
    portions: Mapping[str, Mapping[str, Parity]]


class IndexSeries(NamedTuple):  # never compared or printed: a tenth of a dataclass to build
    """A BLS index by quarter (the Employment Cost Index), oldest quarter first."""

    series_id: str
    title: str
    quarters: tuple[tuple[str, float], ...]  # (year-month of the quarter's last month, index)
    source: Source
    rule: str  # how a month between two published quarters is read


AREA_KINDS = ("metro", "nonmetro")  # metropolitan (CBSA code) and nonmetropolitan (OEWS code)


@printed
@dataclass(frozen=True, repr=False)
class Area:
    """A BLS OEWS metropolitan (CBSA code) or nonmetropolitan area (7-digit OEWS code)."""

    code: str
    kind: str  # "metro" or "nonmetro"
    name: str
    states: tuple[str, ...]  # two-letter codes; the first is the area's main state

    @property
    def state(self) -> str:
        return self.states[0]


class AreaTables(Protocol):
    """The metro and nonmetro area tables, read on demand by whoever loaded the data: the core
    asks through this object and never reads a file itself."""

    def areas(self) -> Mapping[str, Area]:
        """Every area, by code, in the order of the table (metros by name, then nonmetro areas)."""
        ...

    def wages_in(self, code: str) -> Mapping[str, Wages]:
        """Every occupation's figures in one area, by SOC."""
        ...

    def role_everywhere(self, soc: str) -> Mapping[str, Wages]:
        """One occupation's figures in every area, by area code."""
        ...


@dataclass(frozen=True, eq=False, repr=False)  # never compared or printed: less to build at start-up
class ReferenceData:
    """Everything hitsalary knows, loaded and validated once."""

    levels: tuple[Level, ...]
    method: Method
    roles: dict[str, Role]
    role_aliases: dict[str, str]  # normalized spelling -> role key
    neutral_role: str
    factors: tuple[Factor, ...]
    references: tuple[ReferenceFigure, ...]
    national: Mapping[str, Wages]  # SOC -> national, all industries
    by_state: Mapping[tuple[str, str], Wages]  # (SOC, state code) -> the state's figures
    by_industry: Mapping[tuple[str, str], Wages]  # (SOC, NAICS) -> national figures in the industry
    titles: dict[str, str]  # SOC -> BLS title
    tables: dict[str, str]  # table name -> its CSV file in the package
    area_tables: AreaTables  # metro and nonmetro areas, read on demand
    industries: dict[str, str]  # NAICS -> name
    industry: dict[str, IndustryEstimate]  # the older NAICS 62 tables (May 2023, May 2024)
    projections: tuple[Projection, ...]
    claims: tuple[GrowthClaim, ...]
    states: dict[str, StateInfo]
    national_rpp: float
    education_pays: dict[str, int]  # attainment -> median weekly earnings
    himss: tuple[SurveyFigure, ...]
    sources: dict[str, Source]  # dataset name -> its source block (what its figures fall back to)
    user_file: str | None = None
    # a data set the user's file changes, even in part -> the file's source block (see merged_source)
    user_datasets: Mapping[str, Source] = field(default_factory=dict)
    eci: IndexSeries | None = None  # wage growth since the survey month
    area_rpp: AreaParities = field(default_factory=lambda: AreaParities({}, {}))
    entry_education: Mapping[str, str] = field(default_factory=dict)  # SOC -> BLS typical entry education
    # a short name ('nyc') -> its area's code, or the codes of the areas it could mean ('bay area')
    area_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def factor(self, name: str) -> Factor:
        return next(f for f in self.factors if f.name == name)


@printed
@dataclass(frozen=True, repr=False)
class Profile:
    """A person's profile, every value normalized to a key of its factor or role."""

    exp: float
    state: str = "US"
    education: str = "typical"  # the role's typical entry education (BLS Employment Projections)
    employer: str = "any"
    role: str = "general"
    metro: str | None = None  # a metropolitan or nonmetropolitan area's code; it lies in `state`
    survey_dollars: bool = False  # True: the survey month's dollars, not aged by the ECI


@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class Growth:
    """How the survey month's wages are brought to the dollars shown: the ECI multiplier, the
    months and index values it comes from, or none (survey dollars, or nothing to age with)."""

    basis: Basis  # measured (aged), baseline (survey dollars asked for), fallback (no index to age with)
    multiplier: float
    survey_month: str  # the month the wages were surveyed (OEWS: 2025-05)
    month: str  # the month the shown dollars are in
    statistic: str  # the series, months, index values and multiplier, in words
    rule: str  # how the survey month's index is read between published quarters
    source: Source | None
    series: str | None = None  # the BLS series ID
    survey_index: float | None = None  # the index read for the survey month
    index: float | None = None  # the index of `month`
    quarters: tuple[tuple[str, float], ...] = ()  # the published quarters the survey index is read between
    reason: str | None = None  # for a fallback: why nothing was aged


class Hourly(NamedTuple):
    """The band per hour: the shown annual amounts over the hours of a work year, to the cent."""

    low: float
    mid: float
    high: float


@printed
@dataclass(frozen=True, repr=False)
class Band:
    """Annual salary band, rounded to the method's unit."""

    low: int
    mid: int
    high: int


@shown_as(low="percent", point="percent", high="percent")
@printed
@dataclass(frozen=True, repr=False)
class Percentiles:
    """Where the band sits in the role's wage distribution."""

    low: float
    point: float
    high: float


@printed
@dataclass(frozen=True, repr=False)
class PurchasingPower:
    """A band in national-average dollars: the band over the price parity where the job is."""

    band: Band
    rpp: float
    source: Source
    where: str = ""  # whose parity: "San Jose-Sunnyvale-Santa Clara, CA (metro area)", a state ...
    parity: str = "state"  # metro, nonmetro (the state's nonmetropolitan portion), state, national
    note: str | None = None  # why a broader parity stands in (no nonmetropolitan portion published)


@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class AppliedFactor:
    """One factor as applied to a profile."""

    name: str
    label: str
    value: FactorValue

    @property
    def multiplier(self) -> float:
        return self.value.multiplier

    @property
    def basis(self) -> Basis:
        return self.value.basis


@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class Comparison:
    """A reference figure and how far the estimate's mid is from it."""

    reference: ReferenceFigure
    delta_pct: float


@shown_as(points="dollars", mean="dollars")
@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class Distribution:
    """The role's OEWS wage distribution where the person works (metro, state or nation), with
    every percentile from the 10th to the 90th: published, or filled by a stated rule."""

    soc: str
    where: str  # the area's name
    code: str  # its OEWS code (a CBSA, a nonmetro area, a state's two letters, US)
    kind: str  # "metro", "nonmetro", "state" or "national"
    points: tuple[tuple[int, float], ...]  # (percentile, annual wage), 10 to 90, ascending
    mean: float
    mean_basis: str  # "published", "scaled" (a stand-in area's mean x the ratio) or "estimated"
    basis: str  # "measured", "partial" (some percentiles filled) or "fallback" (a wider area)
    label: str  # "metro 41940", "state fallback: metro not published", ...
    reason: str | None  # why a wider area or a fill stands in
    filled: tuple[int, ...]  # percentiles not published for the area, filled by rule
    series_id: str
    source: Source
    wage_rse: float | None
    employment: int | None
    scale: float | None = None  # a suppressed state: the national curve times this ratio
    # which precision limits the figures fail (wage RSE above its limit, employment under its
    # minimum), each with its value from the method data; None where none fails
    precision: str | None = None

    @property
    def imprecise(self) -> bool:
        return self.precision is not None

    def wage(self, pct: int) -> float:
        for published, wage in self.points:  # five points: a scan is cheaper than a dict
            if published == pct:
                return wage
        raise KeyError(pct)

    @property
    def median(self) -> float:
        return self.wage(50)


@shown_as(base="dollars")
@printed
@dataclass(frozen=True, eq=False, repr=False)  # never compared
class Estimate:
    """The result of one calculation: a band, how it was reached, and what it compares with."""

    # a notebook prints the profile and the numbers; the fields with repr=False are named at the
    # end of the repr (each with its sources and wording runs to thousands of characters)
    profile: Profile
    role: Role = field(repr=False)
    distribution: Distribution = field(repr=False)  # the role's distribution where the person works
    percentiles: Percentiles  # where the band's amounts sit in it
    base: tuple[float, float, float]  # the band in survey dollars, before factors
    band: Band
    hourly: Hourly
    multiplier: float
    factors: tuple[AppliedFactor, ...] = field(repr=False)
    comparisons: tuple[Comparison, ...] = field(repr=False)
    level: Level = field(repr=False)  # the article's level for these years (the article's view)
    purchasing_power: PurchasingPower | None = field(repr=False)  # None: no BEA parity (Puerto Rico)
    outside: str | None = None  # where the factors move the band past the area's P10-P90
    survey_band: Band | None = field(default=None, repr=False)  # the survey month's dollars
    growth: Growth | None = field(default=None, repr=False)  # how `band` was aged from `survey_band`
