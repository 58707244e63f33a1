"""Every `--json` document, defined once: the types `output/jsonout.py` builds (mypy checks each
literal against them) and the source of the shipped JSON Schemas (`scripts/write_schemas.py`
writes `TypeAdapter(...).json_schema()` of each into `schemas/`) and of the README's JSON table.

Never imported on a command's run: jsonout names these types only under `TYPE_CHECKING`, since
building some seventy TypedDicts and importing `pydantic.fields` would cost start-up time. Each
class is closed (`extra="forbid"`: the schema says `additionalProperties: false`), except the
batch records, which carry a roster's own columns through.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import ConfigDict, Discriminator, Field, Tag, with_config
from typing_extensions import NotRequired, TypedDict

from hitsalary.core.models import Basis, Status

CLOSED = ConfigDict(extra="forbid")
OPEN = ConfigDict(extra="allow")


def doc(description: str, **constraints: Any) -> Any:
    """A field's description (and bounds), read into its JSON Schema."""
    return Field(description=description, **constraints)


Money = Annotated[int, Field(ge=0)]  # whole dollars
Soc = Annotated[str, Field(pattern=r"^\d{2}-\d{4}$", examples=["15-1212"])]  # a BLS SOC code
Month = Annotated[str, Field(pattern=r"^\d{4}-\d\d$", examples=["2025-05"])]
Multiplier = Annotated[float, Field(gt=0)]
LevelKey = Literal["I", "II", "III", "IV"]
AreaKind = Literal["metro", "nonmetro"]
PlaceKind = Literal["metro", "nonmetro", "state", "national"]
PercentileKey = Literal["p10", "p25", "p50", "p75", "p90"]
Imprecise = Annotated[
    str,
    Field(pattern="^the area estimate is imprecise: "),
    doc(
        "with `imprecise`: the area estimate is imprecise, and which limit of the method's "
        "`precision` failed, with the limit's value"
    ),
]
DistributionBasis = Literal["measured", "partial", "fallback"]
MeanBasis = Literal["published", "scaled", "estimated"]
MethodBasis = Literal["assumed", "published"]  # method.yaml `basis`


@with_config(CLOSED)
class SourceDoc(TypedDict):
    """Who published a figure, what it measures and when; keys without a value are left out."""

    publisher: str
    title: str
    year: int
    statistic: NotRequired[str]
    series: NotRequired[Annotated[str, doc("BLS series IDs")]]
    url: NotRequired[str]
    as_of: NotRequired[Annotated[str, doc("the date the figures are for")]]
    released: NotRequired[str]
    note: NotRequired[str]
    origin: Annotated[str, doc("`shipped`, or the path of the user's data file")]


@with_config(CLOSED)
class DataDoc(TypedDict):
    """Which data an output was computed from: the shipped release or a user's file."""

    origin: Literal["shipped", "user file"]
    user_file: Annotated[str | None, doc("the --data file, or null")]
    datasets: Annotated[
        dict[str, SourceDoc],
        doc(
            "each data set's source block, by name; a data set the --data file changes, even in "
            "part, has the file's block (`origin` its path), its `note` naming the shipped source it "
            "is merged over",
            min_length=1,
        ),
    ]


@with_config(CLOSED)
class ProfileDoc(TypedDict):
    """The profile, every value normalized to a key of its factor or role."""

    exp: Annotated[float, doc("years of experience")]
    state: Annotated[str, doc("two-letter code, `US` for national")]
    metro: Annotated[str | None, doc("the metro or nonmetro area's code, or null")]
    education: Annotated[str, doc("`typical` when none was given")]
    employer: str
    role: str
    survey_dollars: Annotated[bool, doc("true: the survey month's dollars, not aged by the ECI")]


@with_config(CLOSED)
class RoleDoc(TypedDict):
    """A healthcare IT role, tied to one BLS occupation."""

    key: str
    label: str
    soc: Soc
    title: Annotated[str, doc("the occupation's BLS title")]
    why: Annotated[str, doc("why the role is that occupation")]


@with_config(CLOSED)
class AreaDoc(TypedDict):
    """A metropolitan or nonmetropolitan area."""

    code: str
    name: str
    type: AreaKind
    states: Annotated[list[str], doc("two-letter codes; the first is the area's main state", min_length=1)]


@with_config(CLOSED)
class BandDoc(TypedDict):
    """An annual salary band in whole dollars, rounded to the method's unit."""

    low: Money
    mid: Annotated[Money, doc("the point")]
    high: Money


@with_config(CLOSED)
class AmountsDoc(TypedDict):
    """Three amounts, low to high, not rounded to whole dollars."""

    low: float
    mid: float
    high: float


@with_config(CLOSED)
class PercentilesDoc(TypedDict):
    """Where the band's survey-dollar amounts sit in the area's distribution (one decimal)."""

    low: float
    point: float
    high: float


@with_config(CLOSED)
class QuarterDoc(TypedDict):
    """A published quarter of the index."""

    month: str
    index: float


@with_config(CLOSED)
class GrowthDoc(TypedDict):
    """How the survey month's band was brought to the dollars shown (the ECI), or why not."""

    basis: Annotated[Basis, doc("`measured`; `baseline` with --survey-dollars; `fallback`, with `reason`")]
    multiplier: Multiplier
    survey_month: Annotated[Month, doc("the month the wages were surveyed")]
    month: Annotated[Month, doc("the month whose dollars are shown")]
    series: Annotated[str | None, doc("the BLS series ID")]
    survey_index: Annotated[float | None, doc("the index read for the survey month")]
    index: Annotated[float | None, doc("the index of `month`")]
    quarters: Annotated[list[QuarterDoc], doc("the quarters the survey index is read between")]
    rule: Annotated[str, doc("how a month between two published quarters is read")]
    statistic: Annotated[str, doc("the series, months, index values and multiplier, in words")]
    reason: Annotated[str | None, doc("for a fallback: why nothing was aged")]
    source: SourceDoc | None


@with_config(CLOSED)
class PercentilePointsDoc(TypedDict):
    """The distribution's percentiles in whole dollars, published or filled by rule."""

    p10: Money
    p25: Money
    p50: Money
    p75: Money
    p90: Money


@with_config(CLOSED)
class DistributionDoc(TypedDict):
    """The distribution the band and the levels are read from: where, why, how precise."""

    where: Annotated[str, doc("the area's name")]
    code: Annotated[str, doc("its OEWS code: a CBSA, a nonmetro area, a state's two letters, US")]
    kind: PlaceKind
    series: Annotated[
        str,
        doc(
            "the BLS series ID of the median, ending 13; the same ID ending 01 is employment, "
            "04 the mean, 11-15 the percentiles"
        ),
    ]
    label: Annotated[str, doc('"metro 41940", "state fallback: metro not published", ...')]
    basis: Annotated[DistributionBasis, doc("`partial`: some percentiles filled; `fallback`: a wider area")]
    reason: Annotated[str | None, doc("why a wider area or a fill stands in")]
    percentiles: PercentilePointsDoc
    filled: Annotated[list[PercentileKey], doc("the percentiles not published for the area, filled by rule")]
    mean: Money
    mean_basis: Annotated[MeanBasis, doc("`scaled`: a stand-in area's mean times the ratio")]
    scale: Annotated[float | None, doc("a suppressed state: the national curve times this ratio")]
    wage_rse: Annotated[float | None, doc("BLS's relative standard error of the mean wage, percent")]
    employment: int | None
    imprecise: Annotated[
        bool, doc("wage RSE above the method's limit, or employment under it or not released")
    ]
    precision: Imprecise | None
    source: SourceDoc


@with_config(CLOSED)
class EstimateDistributionDoc(DistributionDoc):
    """The distribution read, and where the band sits on it before the factors."""

    at_band: Annotated[AmountsDoc, doc("the band in survey dollars, before factors")]


@with_config(CLOSED)
class AnchorDoc(TypedDict):
    """A point of the experience rule: a wage level at these years, or a share of the way to P90."""

    years: float
    level: LevelKey | None
    toward_p90: Annotated[float | None, doc("beyond Level IV: the share of the log gap to P90 closed")]
    label: str


@with_config(CLOSED)
class RuleDoc(TypedDict):
    """The stated rule that placed the years on the distribution, and the band around them."""

    rule: str
    anchors: Annotated[list[AnchorDoc], doc("the rule's anchors, by years", min_length=4)]
    max_quarter_growth: Annotated[float, doc("the steepest rise of the point in a quarter-year")]
    band: Annotated[str, doc("how the band is drawn around the point")]
    interpolation: str
    rounding: str
    rounding_unit: Annotated[int, doc("dollars")]
    anchor_source: SourceDoc
    source: SourceDoc


@with_config(CLOSED)
class FactorDoc(TypedDict):
    """One factor as applied to the profile."""

    name: str
    value: Annotated[str, doc("the value's key")]
    label: str
    multiplier: Multiplier
    basis: Basis
    statistic: Annotated[str | None, doc("the figures and the division, in words")]
    series: Annotated[list[str], doc("BLS series IDs behind it")]
    reason: Annotated[str | None, doc("for a fallback: why the measured figure was not used")]
    bound: Annotated[float | None, doc("for an assumption: the BLS figure it may not exceed")]
    source: SourceDoc


@with_config(CLOSED)
class ArticleDoc(TypedDict):
    """What the seed article said, where the primary source says otherwise."""

    figure: float
    year: int
    claim: str
    reason: str


@with_config(CLOSED)
class PublishedFigureDoc(TypedDict):
    """A published figure."""

    key: str
    source: Annotated[str, doc("the publisher")]
    measure: str
    scope: Annotated[str | None, doc("whose pay it describes")]
    figure: int | None
    low: int | None
    high: int | None
    range: str | None
    year: int
    url: str | None
    status: Status
    origin: Annotated[
        str,
        doc("`shipped`, or the path of the user's data file that gives the figure (its status is theirs)"),
    ]
    note: str | None
    article: NotRequired[Annotated[ArticleDoc, doc("where the status is `differs`")]]


@with_config(CLOSED)
class ReferenceDoc(PublishedFigureDoc):
    """A published figure the estimate is compared with."""

    delta_pct: Annotated[float, doc("your point against the figure, percent")]


@with_config(CLOSED)
class ArticleViewDoc(TypedDict):
    """The article's level for these years, for all of healthcare IT."""

    level: str
    label: str
    min_years: float
    low: Money
    high: Money
    scope: str
    source: SourceDoc


@with_config(CLOSED)
class PurchasingPowerDoc(TypedDict):
    """The band in national-average dollars: the band over the price parity where the job is."""

    low: Money
    mid: Money
    high: Money
    rpp: Annotated[float, doc("the price parity used (US = 100)")]
    parity: Annotated[PlaceKind, doc("whose parity; `nonmetro` is the state's nonmetropolitan portion")]
    where: Annotated[str, doc("whose parity, by name")]
    note: Annotated[str | None, doc("why a broader parity stands in, or null")]
    source: SourceDoc


@with_config(CLOSED)
class OfferReferenceDoc(TypedDict):
    """An offer against one published figure."""

    key: str
    source: str
    figure: int
    difference: int
    difference_pct: float


@with_config(CLOSED)
class OfferDoc(TypedDict):
    """An offer against the band and the published figures."""

    amount: Money
    position: Literal["below", "inside", "above"]
    percent_through: Annotated[float, doc("0 at the band's low, 100 at its high")]
    outside_by: Annotated[Money, doc("dollars below the low or above the high; 0 inside")]
    sentence: str
    references: list[OfferReferenceDoc]


@with_config(CLOSED)
class LevelRowDoc(TypedDict):
    """One Department of Labor wage level in the area."""

    level: LevelKey
    label: str
    percentile: Annotated[float, doc("where the level sits on the area's percentile curve")]
    annual: Money
    hourly: Annotated[
        float,
        doc("the least rate, to the cent, whose year (x hours_per_year, to the dollar) meets the level"),
    ]


@with_config(CLOSED)
class LevelOfferDoc(TypedDict):
    """An offer against the wage levels."""

    amount: Money
    highest_level_met: LevelKey | None
    shortfall: Annotated[Money, doc("dollars below Level I; 0 when Level I is met")]
    next_level: LevelKey | None
    to_next_level: Annotated[Money | None, doc("dollars to reach the next level")]
    sentence: str


@with_config(CLOSED)
class LevelsBodyDoc(TypedDict):
    """The four wage levels, the figures they were read from, and the level an offer meets."""

    role: RoleDoc
    soc: Soc
    wage_year: str
    release: Annotated[str, doc("the OEWS release the levels are built from")]
    label: str
    rule: str
    online_wage_library: Annotated[str, doc("the Foreign Labor Certification Data Center's URL")]
    distribution: DistributionDoc
    area_note: Annotated[
        str | None, doc("national levels: DOL sets a prevailing wage for the worksite's area, not the nation")
    ]
    levels: Annotated[list[LevelRowDoc], doc("Level I to Level IV", min_length=4)]
    offer: Annotated[LevelOfferDoc | None, doc("with --offer")]


@with_config(CLOSED)
class EstimateDoc(TypedDict):
    """hitsalary estimate --json (with --offer: offer; with --levels: wage_levels)"""

    schema_version: Literal[6]
    profile: ProfileDoc
    role: RoleDoc
    soc: Soc
    area: Annotated[AreaDoc | None, doc("with --metro: the area")]
    band: Annotated[BandDoc, doc("rounded to $100, in the dollars of `wage_growth.month`")]
    hourly: Annotated[AmountsDoc, doc("the shown annual amounts over the hours of a work year, to the cent")]
    percentiles: PercentilesDoc
    distribution: EstimateDistributionDoc
    outside: Annotated[str | None, doc("where the factors move the band outside the area's P10-P90")]
    experience_rule: RuleDoc
    multiplier: Annotated[float, doc("the product of all factor multipliers", gt=0)]
    factors: Annotated[list[FactorDoc], doc("per factor, how it moved the band", min_length=1)]
    article_view: ArticleViewDoc
    references: Annotated[list[ReferenceDoc], doc("per published figure, your point against it")]
    purchasing_power: Annotated[PurchasingPowerDoc | None, doc("null where no parity is published")]
    survey_band: Annotated[BandDoc, doc("the band in the survey month's dollars, before wage growth")]
    wage_growth: GrowthDoc | None
    data: DataDoc
    offer: NotRequired[Annotated[OfferDoc, doc("only with --offer")]]
    wage_levels: NotRequired[Annotated[LevelsBodyDoc, doc("only with --levels: as `levels --json`")]]


@with_config(CLOSED)
class ShortEstimateDoc(TypedDict):
    """The short form of an estimate used inside compare and path."""

    profile: ProfileDoc
    soc: Soc
    percentile: Annotated[float, doc("where the point sits in the area's distribution")]
    article_level: Annotated[str, doc("the article's level for these years")]
    band: BandDoc
    purchasing_power: PurchasingPowerDoc | None
    multiplier: float
    survey_band: BandDoc
    wage_growth: GrowthDoc | None


@with_config(CLOSED)
class ChangeDoc(TypedDict):
    """How far a variant's mid is from the base's."""

    mid: int
    mid_pct: float
    purchasing_power_mid: int | None
    purchasing_power_mid_pct: float | None


@with_config(CLOSED)
class MovedDoc(TypedDict):
    """A factor whose value changed, with both multipliers."""

    name: str
    label: str
    before: str
    after: str
    before_multiplier: float
    after_multiplier: float


@with_config(CLOSED)
class VariantDoc(ShortEstimateDoc):
    """A variant of the base profile and what changed."""

    label: str
    changes: Annotated[dict[str, str], doc("the fields given with --vs, normalized")]
    change: ChangeDoc
    moved: list[MovedDoc]


@with_config(CLOSED)
class CompareDoc(TypedDict):
    """hitsalary compare --json"""

    schema_version: int
    base: ShortEstimateDoc
    variants: list[VariantDoc]
    data: DataDoc


@with_config(CLOSED)
class PathPointDoc(ShortEstimateDoc):
    """A year of a path."""

    year: int
    wage_level: Annotated[str | None, doc("the highest wage level the point meets")]
    level_changed: bool


@with_config(CLOSED)
class PathLineDoc(TypedDict):
    """One profile's path, year by year."""

    label: str
    points: Annotated[list[PathPointDoc], Field(min_length=1)]


@with_config(CLOSED)
class PathDoc(TypedDict):
    """hitsalary path --json"""

    schema_version: int
    note: str
    wage_year: Annotated[
        str, doc("the wage year of the Department of Labor's levels each point is marked against")
    ]
    paths: Annotated[list[PathLineDoc], Field(min_length=1)]
    data: DataDoc


@with_config(CLOSED)
class LevelsDoc(LevelsBodyDoc):
    """hitsalary levels --json"""

    schema_version: int
    data: DataDoc


@with_config(CLOSED)
class FactorBasisDoc(TypedDict):
    """How a factor's multipliers are obtained."""

    name: str
    label: str
    method: str
    basis: Basis
    how: str
    source: SourceDoc


@with_config(CLOSED)
class MethodValueDoc(TypedDict):
    """One of hitsalary's own method values: how it is shown, its figures, and how it is known."""

    key: Annotated[str, doc("its key in the method data (method.yaml, or a --data file's method section)")]
    name: str
    value: Annotated[str, doc("the value as the other outputs show it, e.g. '$100, half up'")]
    figures: Annotated[dict[str, float], doc("the figures behind it, by their method.yaml key")]
    rule: Annotated[str | None, doc("the stated rule it belongs to, where there is one")]
    basis: Annotated[MethodBasis, doc("assumed: hitsalary's assumption; published: a publication's figure")]
    source: SourceDoc


@with_config(CLOSED)
class FigureDoc(TypedDict):
    """A published figure shown by `sources`."""

    group: str
    publisher: str
    measure: str
    figure: float | None
    low: float | None
    high: float | None
    year: int
    release: str | None
    url: str | None
    status: Status
    origin: str
    note: str | None
    article: NotRequired[ArticleDoc]


@with_config(CLOSED)
class SourcesDoc(TypedDict):
    """hitsalary sources --json"""

    schema_version: int
    role: Annotated[RoleDoc | None, doc("with --role")]
    factors: Annotated[list[FactorBasisDoc], Field(min_length=1)]
    method: Annotated[
        list[MethodValueDoc], doc("hitsalary's own method values, each assumed or published", min_length=1)
    ]
    figures: Annotated[list[FigureDoc], Field(min_length=1)]
    data: DataDoc


@with_config(CLOSED)
class ProjectionDoc(TypedDict):
    """A BLS employment projection for one occupation and edition."""

    soc: Soc
    title: str
    edition: str
    change_pct: float
    jobs_start_thousands: float | None
    jobs_end_thousands: float | None
    median_wage: int | None
    median_wage_year: int | None
    secondary_copy: bool
    source: SourceDoc


@with_config(CLOSED)
class OccupationDoc(TypedDict):
    """An occupation's projections, edition by edition."""

    soc: Soc
    title: str
    editions: Annotated[list[ProjectionDoc], Field(min_length=1)]


@with_config(CLOSED)
class ClaimDoc(TypedDict):
    """A job-growth figure the seed article states, and what the BLS projections say of it."""

    key: str
    claim: str
    change_pct: float
    status: Status
    reason: str | None
    checked: ProjectionDoc
    matches: ProjectionDoc | None


@with_config(CLOSED)
class OutlookDoc(TypedDict):
    """hitsalary outlook --json"""

    schema_version: int
    occupations: list[OccupationDoc]
    article_claims: list[ClaimDoc]
    data: DataDoc


@with_config(CLOSED)
class LocationDoc(TypedDict):
    """A place's figures for the role, and its location factor."""

    employment: Annotated[int | None, doc("how many the median rests on")]
    median: Money | None
    factor: Annotated[float, doc("the location factor")]
    basis: Basis
    statistic: str | None
    reason: str | None
    series: list[str]


@with_config(CLOSED)
class StateRowDoc(LocationDoc):
    """A state's row."""

    code: Annotated[str, Field(pattern="^[A-Z]{2}$")]
    name: str
    rpp: Annotated[float | None, doc("the state's price parity (US = 100)")]
    purchasing_power: Annotated[float | None, doc("the factor over the parity; 100 = the national average")]
    imprecise: Annotated[
        bool,
        doc(
            "the state's own figures fail the method's precision rule: wage RSE above its limit or "
            "employment under it or not released"
        ),
    ]


@with_config(CLOSED)
class AreaRowDoc(LocationDoc):
    """An area's row."""

    code: str
    name: str
    type: AreaKind
    states: Annotated[list[str], Field(min_length=1)]
    imprecise: Annotated[
        bool,
        doc(
            "the area's own figures fail the method's precision rule: wage RSE above its limit or "
            "employment under it or not released"
        ),
    ]


@with_config(CLOSED)
class PlacesHeadDoc(TypedDict):
    """The keys `states` and `areas` share: the role and its national median."""

    role: RoleDoc
    soc: Soc
    national_median: Money


StateSort = Literal["factor", "name", "ppp"]
AreaSort = Literal["factor", "name", "employment"]


@with_config(CLOSED)
class StatesDoc(TypedDict):
    """hitsalary states --json"""

    schema_version: int
    sort: StateSort
    role: RoleDoc
    soc: Soc
    national_median: Money
    states: Annotated[list[StateRowDoc], Field(min_length=1)]
    data: DataDoc


@with_config(CLOSED)
class AreasDoc(TypedDict):
    """hitsalary areas --json"""

    schema_version: int
    sort: AreaSort
    role: RoleDoc
    soc: Soc
    national_median: Money
    areas: list[AreaRowDoc]
    data: DataDoc


@with_config(CLOSED)
class RoleRowDoc(RoleDoc):
    """A role with its national figures."""

    national_median: Money | None
    employment: int | None
    aliases: Annotated[list[str], doc("job titles that name the role")]
    series: str | None
    typical_entry_education: Annotated[str | None, doc("BLS typical education for entry")]


@with_config(CLOSED)
class RolesDoc(TypedDict):
    """hitsalary roles --json"""

    schema_version: int
    neutral: Annotated[str, doc("the role used when none is given")]
    roles: Annotated[list[RoleRowDoc], Field(min_length=1)]
    data: DataDoc


@with_config(CLOSED)
class DataCheckDoc(TypedDict):
    """hitsalary data check PATH --json"""

    schema_version: int
    file: str
    valid: Literal[True]
    changes: Annotated[list[str], doc("what the file changes in the shipped data")]


Row = Annotated[int, doc("the record's row in the roster, from 1", ge=1)]
RowLevel = Annotated[LevelKey | Literal[""] | None, doc("the highest wage level met (with --levels)")]


@with_config(OPEN)
class BatchEstimateDoc(TypedDict):
    """An estimated row: the roster's own columns pass through after these."""

    row: Row
    id: Annotated[Any, doc("the roster's id column, as given")]
    exp: float
    state: str
    education: str
    employer: str
    role: str
    metro: str | None
    soc: Soc
    percentile: float
    low: Money
    mid: Money
    high: Money
    read_from: Annotated[
        str,
        doc(
            "the code of the area whose distribution the band is read from (distribution.code of "
            "estimate --json): the metro's, else its state's (basis fallback where that is the "
            "nation's scaled to the state), else US"
        ),
    ]
    basis: Annotated[
        Literal["measured", "partial", "fallback"],
        doc("measured: the area's own figures; partial: some percentiles filled; fallback: a wider area's"),
    ]
    precision: Annotated[
        str | None,
        doc("the estimate's precision note, as estimate --json's distribution.precision; null where none"),
    ]
    offer: NotRequired[Any]
    offer_position: NotRequired[Any]
    offer_percent_through: NotRequired[Any]
    offer_level: NotRequired[RowLevel]
    offer_below_level_i: NotRequired[Money | None]
    salary: NotRequired[Any]
    salary_position: NotRequired[Any]
    salary_percent_through: NotRequired[Any]
    salary_level: NotRequired[RowLevel]
    salary_below_level_i: NotRequired[Money | None]


@with_config(OPEN)
class BatchErrorDoc(TypedDict):
    """A row that could not be estimated: what was wrong, and the roster's own columns."""

    row: Row
    id: Any
    error_field: Annotated[str | None, doc("the column at fault, if one is")]
    error_value: Any
    error: str


def record_kind(record: Any) -> str:
    """Which of the two a batch record is: one with `error` is an error record."""
    return "error" if isinstance(record, dict) and "error" in record else "estimate"


BatchRecordDoc = Annotated[
    Union[Annotated[BatchEstimateDoc, Tag("estimate")], Annotated[BatchErrorDoc, Tag("error")]],  # noqa: UP007 - a tagged union must be spelt with Union for the Tag annotations
    Discriminator(record_kind),
]

DOCUMENTS: dict[str, tuple[str, Any]] = {
    "estimate": (EstimateDoc.__doc__ or "", EstimateDoc),
    "compare": (CompareDoc.__doc__ or "", CompareDoc),
    "path": (PathDoc.__doc__ or "", PathDoc),
    "sources": (SourcesDoc.__doc__ or "", SourcesDoc),
    "outlook": (OutlookDoc.__doc__ or "", OutlookDoc),
    "states": (StatesDoc.__doc__ or "", StatesDoc),
    "areas": (AreasDoc.__doc__ or "", AreasDoc),
    "roles": (RolesDoc.__doc__ or "", RolesDoc),
    "levels": (LevelsDoc.__doc__ or "", LevelsDoc),
    "batch-record": (
        "one line of hitsalary batch JSON Lines output: an estimated row or an error record",
        BatchRecordDoc,
    ),
    "data-check": (DataCheckDoc.__doc__ or "", DataCheckDoc),
}
"""Each shipped schema's file name (without .json), its title and its type."""
