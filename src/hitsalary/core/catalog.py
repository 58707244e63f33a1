"""Rows for the `sources`, `outlook` and `states` commands, built from the reference data."""

from __future__ import annotations

from dataclasses import dataclass

from hitsalary.core.calculate import ROUNDING, percent
from hitsalary.core.distribution import median_series, precision_failure
from hitsalary.core.growth import wage_growth
from hitsalary.core.measure import factor_value
from hitsalary.core.models import (
    INTERPOLATION,
    Area,
    ArticleClaim,
    FactorValue,
    Projection,
    ReferenceData,
    Role,
    Source,
    Status,
    Wages,
)


@dataclass(frozen=True)
class Figure:
    """One figure hitsalary ships, with what it measures and how far it was checked."""

    group: str
    publisher: str
    measure: str
    figure: int | None
    low: int | None
    high: int | None
    year: int
    release: str
    url: str | None
    status: Status
    origin: str
    note: str | None = None
    article: ArticleClaim | None = None


def release(source: Source) -> str:
    return source.title + (f", released {source.released}" if source.released else "")


def wages_figure(group: str, wages: Wages, title: str, what: str) -> Figure:
    return Figure(
        group,
        wages.source.publisher,
        f"{title}: {what} (median series {median_series(wages.series_id)})",
        wages.median,
        wages.percentile(10),
        wages.percentile(90),
        wages.source.year,
        release(wages.source),
        wages.source.url,
        "verified",
        wages.source.origin,
        wages.notes or None,
    )


def figures(data: ReferenceData, role: Role | None = None) -> list[Figure]:
    """Every figure an estimate can use. Without a role: the article's, the quoted ones, every
    role's national BLS figures and the context figures; with a role: also that role's figures
    in every state and every employer industry."""
    out = article_figures(data) + reference_figures(data) + national_figures(data)
    if role is not None:
        out += role_figures(data, role)
    extra = industry_figures(data) + education_figures(data) + survey_figures(data)
    return out + growth_figures(data) + parity_figures(data) + extra


def growth_figures(data: ReferenceData) -> list[Figure]:
    """The ECI index values behind the multiplier that ages every band to today's dollars."""
    growth = wage_growth(data, survey_dollars=False)
    source = growth.source
    if growth.basis != "measured" or source is None:
        return []
    return [
        Figure(
            "wage growth since the survey month (ages every band; --survey-dollars leaves it)",
            source.publisher,
            growth.statistic,
            None,
            None,
            None,
            source.year,
            release(source),
            source.url,
            "verified",
            source.origin,
            growth.rule,
        )
    ]


def parity_figures(data: ReferenceData) -> list[Figure]:
    """The BEA price parities behind every purchasing-power amount, one line per data set."""
    group = "price parities (purchasing power: the pay over the parity where the job is)"
    states = sum(1 for info in data.states.values() if info.rpp is not None)
    portions = sum(len(p) for p in data.area_rpp.portions.values())
    sets = [
        ("bea_rpp", f"{states} states, DC included; each state's: hitsalary states"),
        ("bea_rpp_areas", f"{len(data.area_rpp.metros)} metro areas, {portions} state portions"),
    ]
    return [
        Figure(
            group,
            s.publisher,
            f"{s.title}: {s.statistic}, {what}",
            None,
            None,
            None,
            s.year,
            release(s),
            s.url,
            "verified",
            s.origin,
            s.note,
        )
        for key, what in sets
        if (s := data.sources.get(key)) is not None
    ]


def article_figures(data: ReferenceData) -> list[Figure]:
    levels_source = data.sources["levels"]
    return [
        Figure(
            "the article's ranges (its view, shown beside every estimate)",
            levels_source.publisher,
            f"{level.label}: typical annual salary range, all of healthcare IT",
            None,
            level.low,
            level.high,
            levels_source.year,
            release(levels_source),
            levels_source.url,
            "as_reported",
            levels_source.origin,
        )
        for level in data.levels
    ]


def reference_figures(data: ReferenceData) -> list[Figure]:
    return [
        Figure(
            "comparison figures",
            ref.publisher,
            f"{ref.title}: {ref.statistic}" + (f" ({ref.scope})" if ref.scope else ""),
            ref.figure,
            ref.low,
            ref.high,
            ref.year,
            release(ref.source),
            ref.url,
            ref.status,
            ref.source.origin,
            ref.note,
            ref.article,
        )
        for ref in data.references
    ]


def national_figures(data: ReferenceData) -> list[Figure]:
    socs = dict.fromkeys(r.soc for r in data.roles.values())
    group = "BLS occupations of the roles, national, all industries (the distributions bands are read from)"
    return [
        wages_figure(group, data.national[soc], f"{data.titles[soc]} ({soc})", "median, 10th-90th percentile")
        for soc in socs
    ]


def industry_figures(data: ReferenceData) -> list[Figure]:
    return [
        Figure(
            f"BLS occupations in NAICS {est.naics} (older releases)",
            est.source.publisher,
            f"{est.title} ({est.soc}) in {est.industry}: "
            + ("median" if est.mean is None else "mean")
            + " annual wage",
            est.mean if est.mean is not None else est.median,
            None,
            None,
            est.year,
            release(est.source),
            est.source.url,
            "verified",
            est.source.origin,
        )
        for est in data.industry.values()
    ]


def education_figures(data: ReferenceData) -> list[Figure]:
    pays = data.sources["education_pays"]
    return [
        Figure(
            "bounds of the education assumption (all occupations)",
            pays.publisher,
            f"{attainment}: median usual weekly earnings",
            weekly,
            None,
            None,
            pays.year,
            release(pays),
            pays.url,
            "as_reported",
            pays.origin,
            "read from a secondary copy of the BLS table",
        )
        for attainment, weekly in data.education_pays.items()
    ]


def survey_figures(data: ReferenceData) -> list[Figure]:
    return [
        Figure(
            "cross-check only: HIMSS member survey (not used in any estimate)",
            survey.source.publisher,
            f"{survey.group}: average salary of health IT staff ({survey.respondents} respondents)",
            survey.average,
            None,
            None,
            survey.source.year,
            release(survey.source),
            survey.source.url,
            "as_reported",
            survey.source.origin,
            "a member survey, not a sample of all workers",
        )
        for survey in data.himss
    ]


def role_figures(data: ReferenceData, role: Role) -> list[Figure]:
    """A role's own BLS figures in every state and in every employer industry hitsalary names."""
    out = []
    for (soc, _code), wages in data.by_state.items():
        if soc == role.soc:
            what = "median, 10th-90th percentile" if wages.median else "not released by BLS"
            out.append(wages_figure(f"BLS {soc} by state", wages, f"{role.title}, {wages.where}", what))
    for (soc, code), wages in data.by_industry.items():
        if soc == role.soc:
            out.append(
                wages_figure(
                    f"BLS {soc} by employer industry",
                    wages,
                    f"{role.title}, {wages.where} ({code})",
                    "median",
                )
            )
    return out


@dataclass(frozen=True)
class FactorBasis:
    """How one factor's multipliers are obtained, for `sources`."""

    name: str
    label: str
    method: str
    basis: str
    how: str
    source: Source


METHOD_BASIS = {"assumed": "assumed", "industry_median_ratio": "measured", "area_median_ratio": "measured"}


def factor_bases(data: ReferenceData) -> list[FactorBasis]:
    rule = data.method
    out = [
        FactorBasis(
            "experience",
            "Experience",
            "percentile rule",
            "assumed",
            f"{rule.rule} {rule.band_rule} {rule.interpolation}",
            rule.anchor_source,
        )
    ]
    for f in data.factors:
        source = data.sources["oews_2025"] if f.method != "assumed" else data.sources["education_pays"]
        how = f.note + (
            "; fallback where not published: see the value's reason" if f.method != "assumed" else ""
        )
        out.append(FactorBasis(f.name, f.label, f.method, METHOD_BASIS[f.method], how, source))
    return out + after_factor_bases(data)


def after_factor_bases(data: ReferenceData) -> list[FactorBasis]:
    """What is applied after the factors: the ECI wage growth and the BEA price parities."""
    out = []
    growth = wage_growth(data, survey_dollars=False)
    if growth.source is not None:
        how = f"{growth.statistic}; {growth.rule}"
        out.append(FactorBasis("wage_growth", "Wage growth", "index ratio", growth.basis, how, growth.source))
    parities = data.sources.get("bea_rpp")
    if parities is not None:
        how = (
            "not a multiplier of the band: the purchasing-power row is each amount over the BEA price "
            "parity where the job is (the metro's, a nonmetro area's state portion, else the state's) "
            "/ the US's; the parity data sets are listed under the figures below"
        )
        out.append(
            FactorBasis("purchasing_power", "Purchasing power", "price parity", "measured", how, parities)
        )
    return out


@dataclass(frozen=True)
class MethodValue:
    """One of hitsalary's own method values, for `sources`: what it is, as shown, and how known."""

    key: str  # its key in method.yaml
    name: str
    shown: str  # the value as the other outputs show it
    figures: tuple[tuple[str, float], ...]  # the raw figures behind it, by method.yaml key
    rule: str
    basis: str  # "assumed" or "published"
    source: Source


def method_values(data: ReferenceData) -> list[MethodValue]:
    """Every value of the method an estimate uses, read from the loaded method data."""
    m, stated = data.method, data.method.stated
    rows = [
        (
            "rounding",
            "Rounding",
            f"${m.rounding_unit:,}, {ROUNDING}",
            (("unit", m.rounding_unit),),
            m.rounding_rule,
        ),
        (
            "hours_per_year",
            "Hours per year",
            f"{m.hours_per_year:,g} hours",
            (("value", m.hours_per_year),),
            "",
        ),
        (
            "plausible_salary",
            "Plausible annual salary",
            f"${m.plausible[0]:,} to ${m.plausible[1]:,}",
            (("low", m.plausible[0]), ("high", m.plausible[1])),
            m.plausible_rule,
        ),
        (
            "precision",
            "Precision thresholds",
            f"wage RSE at most {m.max_wage_rse:g}%, at least {m.min_employment:,} jobs",
            (("max_wage_rse", m.max_wage_rse), ("min_employment", m.min_employment)),
            m.precision_rule,
        ),
        (
            "experience",
            "Experience rule: steepest rise",
            f"{percent(m.max_quarter_growth * 100):g}% a quarter-year",
            (("max_quarter_growth", m.max_quarter_growth),),
            m.rule,
        ),
        (
            "band",
            "Band half width",
            f"{m.half_width:g} level step{'' if m.half_width == 1 else 's'} either side",
            (("half_width", m.half_width),),
            m.band_rule,
        ),
        (
            "wage_levels",
            "Wage-level rule",
            f"Levels {', '.join(key for key, _ in m.levels)}: {m.levels_year}, from {m.levels_release}",
            (),
            m.levels_rule,
        ),
        ("interpolation", "Interpolation", INTERPOLATION, (), m.interpolation),
    ]
    return [
        MethodValue(key, name, shown, figures, rule, stated[key].basis, stated[key].source)
        for key, name, shown, figures, rule in rows
    ]


@dataclass(frozen=True)
class Outlook:
    """One occupation's projections, newest edition first."""

    soc: str
    title: str
    editions: tuple[Projection, ...]

    @property
    def newest(self) -> Projection:
        return self.editions[0]


def outlook(data: ReferenceData) -> list[Outlook]:
    """Occupations by growth in their newest edition, fastest first."""
    by_soc: dict[str, list[Projection]] = {}
    for projection in data.projections:
        by_soc.setdefault(projection.soc, []).append(projection)
    rows = [
        Outlook(soc, items[0].title, tuple(sorted(items, key=lambda p: p.edition, reverse=True)))
        for soc, items in by_soc.items()
    ]
    return sorted(rows, key=lambda row: -row.newest.change_pct)


@dataclass(frozen=True)
class StateRow:
    """A state's location factor for a role, the BLS median behind it, and its price parity."""

    code: str
    name: str
    median: int | None
    value: FactorValue
    rpp: float | None
    purchasing_power: float | None  # factor / (rpp / US rpp) x 100; 100 = the national average
    employment: int | None = None  # how many the median rests on (BLS; blank where not released)
    precision: str | None = None  # which precision limits the state's own figures fail; None: none

    @property
    def imprecise(self) -> bool:
        return self.precision is not None


SORTS = ("factor", "name", "ppp")


def states(data: ReferenceData, role: Role, *, sort: str = "factor") -> list[StateRow]:
    rows = []
    for code, info in data.states.items():
        value = factor_value(data, "state", code, role.key)
        wages = data.by_state.get((role.soc, code))
        ppp = value.multiplier / (info.rpp / data.national_rpp) * 100 if info.rpp else None
        median, employment = (wages.median, wages.employment) if wages else (None, None)
        failure = None
        if wages is not None and value.basis != "fallback":  # as `areas`: a fallback's factor is not
            # the state's own figures (the broad group's ratio stands in)
            failure = precision_failure(wages.wage_rse, wages.employment, data.method)
        rows.append(StateRow(code, info.name, median, value, info.rpp, ppp, employment, failure))
    keys = {
        "factor": lambda r: (-r.value.multiplier, r.name),
        "name": lambda r: (r.name, 0.0),
        "ppp": lambda r: (-(r.purchasing_power or -1e9), r.name),
    }
    return sorted(rows, key=keys[sort])


@dataclass(frozen=True)
class RoleRow:
    role: Role
    median: int | None
    employment: int | None
    series: str
    entry_education: str | None = None  # BLS typical education for entry (Employment Projections)


def roles(data: ReferenceData) -> list[RoleRow]:
    """Every role with its occupation's national median, in the order the data lists them."""
    out = []
    for role in data.roles.values():
        wages = data.national[role.soc]
        entry = data.entry_education.get(role.soc)
        out.append(RoleRow(role, wages.median, wages.employment, median_series(wages.series_id), entry))
    return out


@dataclass(frozen=True)
class AreaRow:
    """An area's location factor for a role, and the BLS figures behind it."""

    area: Area
    employment: int | None
    median: int | None
    value: FactorValue
    precision: str | None = None  # which precision limits the area's own figures fail; None: none

    @property
    def imprecise(self) -> bool:
        return self.precision is not None


AREA_SORTS = ("factor", "name", "employment")


def areas(
    data: ReferenceData, role: Role, *, state: str | None = None, sort: str = "factor"
) -> list[AreaRow]:
    """Every metro and nonmetro area (or those in one state) with the role's factor there."""
    figures = data.area_tables.role_everywhere(role.soc)
    rows = []
    for code, area in data.area_tables.areas().items():
        if state is not None and state not in area.states:
            continue
        wages = figures.get(code)
        value = factor_value(data, "state", state if state is not None else area.state, role.key, code)
        if wages is None:
            rows.append(AreaRow(area, None, None, value))
            continue
        # estimate's rule for an area's own figures; a fallback row's factor is the state's, not the area's
        own = value.basis != "fallback"
        failure = precision_failure(wages.wage_rse, wages.employment, data.method) if own else None
        rows.append(AreaRow(area, wages.employment, wages.median, value, failure))
    keys = {
        "factor": lambda r: (-r.value.multiplier, r.area.name),
        "name": lambda r: (r.area.name, 0.0),
        "employment": lambda r: (-(r.employment or -1), r.area.name),
    }
    return sorted(rows, key=keys[sort])
