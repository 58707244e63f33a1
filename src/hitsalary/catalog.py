"""Rows for the `sources`, `outlook` and `states` commands, built from the reference data."""

from __future__ import annotations

from dataclasses import dataclass

from hitsalary.models import ArticleClaim, Projection, ReferenceData, Source, Status


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


def figures(data: ReferenceData) -> list[Figure]:
    """Every figure shipped: the article's bands and quotes, then the BLS figures."""
    levels_source = data.sources["levels"]
    out = [
        Figure(
            "article bands",
            levels_source.publisher,
            f"{level.label}: typical annual salary range",
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
    for ref in data.references:
        out.append(
            Figure(
                "comparison figures",
                ref.publisher,
                f"{ref.title}: {ref.statistic}",
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
        )
    for occ in data.occupations.values():
        p = occ.percentiles
        out.append(
            Figure(
                "BLS occupations, all industries",
                occ.source.publisher,
                f"{occ.title} ({occ.soc}): median annual wage, 10th-90th percentile",
                p.get("p50"),
                p.get("p10"),
                p.get("p90"),
                occ.source.year,
                release(occ.source),
                occ.source.url,
                "verified",
                occ.source.origin,
            )
        )
    for est in data.industry.values():
        out.append(
            Figure(
                f"BLS occupations in NAICS {est.naics}",
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
        )
    return out


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
    """A state's location factor, the raw wage behind it, and its price parity."""

    code: str
    name: str
    annual_mean: int
    factor: float
    rpp: float | None
    purchasing_power: float | None  # factor / (rpp / US rpp) x 100; 100 = the national average


SORTS = ("factor", "name", "ppp")


def states(data: ReferenceData, *, sort: str = "factor") -> list[StateRow]:
    factor = data.factor("state")
    rows = []
    for code, info in data.states.items():
        multiplier = factor.values[code].multiplier
        ppp = multiplier / (info.rpp / data.national_rpp) * 100 if info.rpp else None
        rows.append(StateRow(code, info.name, info.annual_mean, multiplier, info.rpp, ppp))
    keys = {
        "factor": lambda r: (-r.factor, r.name),
        "name": lambda r: (r.name, 0.0),
        "ppp": lambda r: (-(r.purchasing_power or -1e9), r.name),
    }
    return sorted(rows, key=keys[sort])
