"""The data hitsalary works with: reference data in, a profile, one estimate out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Basis = Literal["baseline", "measured", "directional"]
Status = Literal["verified", "as_reported", "differs"]


@dataclass(frozen=True)
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

    def cite(self) -> str:
        return f"{self.publisher}, {self.title}"


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class Level:
    """An experience level and its band, before any factor."""

    key: str
    label: str
    min_years: float
    low: int
    high: int
    ramp_years: float


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class FactorValue:
    """One value a factor can take (a state, a degree) and its multiplier."""

    key: str
    label: str
    multiplier: float
    basis: Basis
    source: Source
    note: str = ""
    compare_soc: str | None = None


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class Factor:
    """A profile field that moves the band, with every value it accepts."""

    name: str
    label: str
    neutral: str
    values: dict[str, FactorValue]
    aliases: dict[str, str]  # normalized spelling -> value key


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class ArticleClaim:
    """What the seed article said, where the primary source says otherwise."""

    figure: int
    year: int
    claim: str
    reason: str


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
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


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class Occupation:
    """BLS OEWS national figures for one occupation (SOC code)."""

    soc: str
    title: str
    mean: int
    percentiles: dict[str, int]  # p10 .. p90
    source: Source
    employment: int | None = None


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class IndustryEstimate:
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


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class Projection:
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


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class GrowthClaim:
    """A job-growth figure the seed article states, and what the BLS projections say of it."""

    key: str
    claim: str
    change_pct: float
    status: Status
    reason: str
    checked: Projection
    source: Source
    matches: Projection | None = None


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class StateInfo:
    """A state's raw figures: its wage (for the location factor) and its price parity."""

    code: str
    name: str
    annual_mean: int
    wage_source: Source
    rpp: float | None = None
    rpp_source: Source | None = None


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class ReferenceData:
    """Everything hitsalary knows, loaded and validated once."""

    levels: tuple[Level, ...]
    hours_per_year: float
    hours_source: Source
    factors: tuple[Factor, ...]
    references: tuple[ReferenceFigure, ...]
    occupations: dict[str, Occupation]
    industry: dict[str, IndustryEstimate]
    projections: tuple[Projection, ...]
    claims: tuple[GrowthClaim, ...]
    states: dict[str, StateInfo]
    national_mean: int
    national_rpp: float
    sources: dict[str, Source]  # dataset name -> its source block
    user_file: str | None = None

    def factor(self, name: str) -> Factor:
        return next(f for f in self.factors if f.name == name)


@dataclass(frozen=True)
class Profile:
    """A person's profile, every value normalized to a key of its factor."""

    exp: float
    state: str = "US"
    education: str = "bachelor"
    employer: str = "any"
    specialization: str = "general"


@dataclass(frozen=True)
class Band:
    """Annual salary band in whole dollars."""

    low: int
    mid: int
    high: int


@dataclass(frozen=True)
class PurchasingPower:
    """A band in national-average dollars: the band over the state's price parity."""

    band: Band
    rpp: float
    source: Source


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class AppliedFactor:
    """One factor as applied to a profile."""

    name: str
    label: str
    value: FactorValue


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class Comparison:
    """A reference figure and how far the estimate's mid is from it."""

    reference: ReferenceFigure
    delta_pct: float


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to build at start-up
class Estimate:
    """The result of one calculation: a band, how it was reached, and what it compares with."""

    profile: Profile
    level: Level
    band: Band
    hourly: tuple[float, float, float]
    multiplier: float
    factors: tuple[AppliedFactor, ...]
    comparisons: tuple[Comparison, ...]
    occupation: Occupation | None
    purchasing_power: PurchasingPower | None  # None where BEA publishes no parity (Puerto Rico)
