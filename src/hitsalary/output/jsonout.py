"""Machine output: the `--json` documents, as dicts for the json module. Never goes through Rich.

Each document and sub-object is a TypedDict of `output/documents.py`, named here only for mypy
(`TYPE_CHECKING`): importing the definitions would cost start-up time, and a dict literal that
misses or adds a key fails the type check. The functions callers use keep returning
`dict[str, Any]` (the command line adds `offer` and `wage_levels` to the estimate).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import TYPE_CHECKING, Any, Final, cast

from hitsalary.core.calculate import percent, whole_dollars
from hitsalary.core.distribution import imprecision, median_series
from hitsalary.core.text import escape_controls

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hitsalary.core.catalog import AreaRow, FactorBasis, Figure, MethodValue, Outlook, RoleRow, StateRow
    from hitsalary.core.decisions import OfferCheck, PathPoint, Variant
    from hitsalary.core.levels import LevelCheck, LevelTable
    from hitsalary.core.models import (
        AppliedFactor,
        ArticleClaim,
        Band,
        Basis,
        Comparison,
        Distribution,
        Estimate,
        FactorValue,
        Growth,
        GrowthClaim,
        Profile,
        Projection,
        ReferenceData,
        ReferenceFigure,
        Role,
        Source,
    )
    from hitsalary.output.documents import (
        AreaDoc,
        AreaKind,
        AreaRowDoc,
        AreasDoc,
        AreaSort,
        ArticleDoc,
        BandDoc,
        ClaimDoc,
        CompareDoc,
        DataDoc,
        DistributionBasis,
        DistributionDoc,
        EstimateDoc,
        FactorBasisDoc,
        FactorDoc,
        FigureDoc,
        GrowthDoc,
        LevelKey,
        LevelOfferDoc,
        LevelsBodyDoc,
        LevelsDoc,
        LocationDoc,
        MeanBasis,
        MethodBasis,
        MethodValueDoc,
        OfferDoc,
        OutlookDoc,
        PathDoc,
        PathPointDoc,
        PercentileKey,
        PercentilePointsDoc,
        PlaceKind,
        PlacesHeadDoc,
        ProfileDoc,
        ProjectionDoc,
        PublishedFigureDoc,
        PurchasingPowerDoc,
        ReferenceDoc,
        RoleDoc,
        RolesDoc,
        RuleDoc,
        ShortEstimateDoc,
        SourceDoc,
        SourcesDoc,
        StateRowDoc,
        StatesDoc,
        StateSort,
        VariantDoc,
    )

SCHEMA_VERSION: Final = 6


def untyped(document: Mapping[str, Any]) -> dict[str, Any]:
    """A built document as the plain dict the callers take (it is one: a TypedDict is a dict)."""
    return cast("dict[str, Any]", document)


def source_dict(source: Source) -> SourceDoc:
    # the keys without a value are left out; SourceDoc marks them NotRequired
    return cast("SourceDoc", {k: v for k, v in dataclasses.asdict(source).items() if v is not None})


def data_dict(data: ReferenceData) -> DataDoc:
    """Which data an output was computed from: the shipped release or a user's file."""
    return {
        "origin": "user file" if data.user_file else "shipped",
        "user_file": data.user_file,
        "datasets": {name: source_dict(data.user_datasets.get(name, s)) for name, s in data.sources.items()},
    }


def band_dict(band: Band) -> BandDoc:
    return {"low": band.low, "mid": band.mid, "high": band.high}


def article_dict(article: ArticleClaim) -> ArticleDoc:
    return {"figure": article.figure, "year": article.year, "claim": article.claim, "reason": article.reason}


def reference_dict(ref: ReferenceFigure) -> PublishedFigureDoc:
    out: PublishedFigureDoc = {
        "key": ref.key,
        "source": ref.publisher,
        "measure": f"{ref.title}: {ref.statistic}",
        "scope": ref.scope,
        "figure": ref.figure,
        "low": ref.low,
        "high": ref.high,
        "range": ref.range_label,
        "year": ref.year,
        "url": ref.url,
        "status": ref.status,
        "origin": ref.source.origin,
        "note": ref.note,
    }
    if ref.article:
        out["article"] = article_dict(ref.article)
    return out


def comparison_dict(comparison: Comparison) -> ReferenceDoc:
    return {**reference_dict(comparison.reference), "delta_pct": comparison.delta_pct}


def profile_dict(p: Profile) -> ProfileDoc:
    return {
        "exp": p.exp,
        "state": p.state,
        "metro": p.metro,
        "education": p.education,
        "employer": p.employer,
        "role": p.role,
        "survey_dollars": p.survey_dollars,
    }


def rounded(value: float | None, places: int = 6) -> float | None:
    return round(value, places) if value is not None else None


def growth_dict(growth: Growth | None) -> GrowthDoc | None:
    """How the survey month's band was brought to the dollars shown (the ECI), or why not."""
    if growth is None:
        return None
    return {
        "basis": growth.basis,
        "multiplier": round(growth.multiplier, 6),
        "survey_month": growth.survey_month,
        "month": growth.month,
        "series": growth.series,
        "survey_index": rounded(growth.survey_index, 4),
        "index": growth.index,
        "quarters": [{"month": month, "index": index} for month, index in growth.quarters],
        "rule": growth.rule,
        "statistic": growth.statistic,
        "reason": growth.reason,
        "source": source_dict(growth.source) if growth.source is not None else None,
    }


def area_dict(data: ReferenceData, code: str | None) -> AreaDoc | None:
    """The metro or nonmetro area a profile names: code, name, type, the states it spans."""
    if code is None:
        return None
    area = data.area_tables.areas()[code]
    return {
        "code": area.code,
        "name": area.name,
        "type": cast("AreaKind", area.kind),
        "states": list(area.states),
    }


def role_dict(role: Role) -> RoleDoc:
    return {"key": role.key, "label": role.label, "soc": role.soc, "title": role.title, "why": role.why}


def factor_dict(applied: AppliedFactor) -> FactorDoc:
    v = applied.value
    return {
        "name": applied.name,
        "value": v.key,
        "label": v.label,
        "multiplier": round(v.multiplier, 6),
        "basis": v.basis,
        "statistic": v.statistic,
        "series": list(v.series),
        "reason": v.reason,
        "bound": rounded(v.bound),
        "source": source_dict(v.source),
    }


def rule_dict(data: ReferenceData) -> RuleDoc:
    """The stated rule that placed the years on the distribution, and the band around them."""
    m = data.method
    return {
        "rule": m.rule,
        "anchors": [
            {
                "years": a.years,
                "level": cast("LevelKey | None", a.level),
                "toward_p90": a.toward_p90,
                "label": a.label,
            }
            for a in m.anchors
        ],
        "max_quarter_growth": m.max_quarter_growth,
        "band": m.band_rule,
        "interpolation": m.interpolation,
        "rounding": m.rounding_rule,
        "rounding_unit": m.rounding_unit,
        "anchor_source": source_dict(m.anchor_source),
        "source": source_dict(m.source),
    }


def distribution_dict(d: Distribution) -> DistributionDoc:
    """The distribution the band and the levels are read from: where, why, how precise."""
    # the core keeps kind, basis and mean_basis as plain strings of the sets DistributionDoc names
    return {
        "where": d.where,
        "code": d.code,
        "kind": cast("PlaceKind", d.kind),
        "series": median_series(d.series_id),
        "label": d.label,
        "basis": cast("DistributionBasis", d.basis),
        "reason": d.reason,
        "percentiles": cast(
            "PercentilePointsDoc", {f"p{pct}": whole_dollars(wage) for pct, wage in d.points}
        ),
        "filled": [cast("PercentileKey", f"p{pct}") for pct in d.filled],
        "mean": whole_dollars(d.mean),
        "mean_basis": cast("MeanBasis", d.mean_basis),
        "scale": rounded(d.scale),
        "wage_rse": d.wage_rse,
        "employment": d.employment,
        "imprecise": d.imprecise,
        "precision": imprecision(d),
        "source": source_dict(d.source),
    }


def estimate_dict(est: Estimate, data: ReferenceData) -> dict[str, Any]:
    p = est.percentiles
    low, mid, high = est.base
    document: EstimateDoc = {
        "schema_version": SCHEMA_VERSION,
        "profile": profile_dict(est.profile),
        "role": role_dict(est.role),
        "soc": est.role.soc,
        "area": area_dict(data, est.profile.metro),
        "band": band_dict(est.band),
        "hourly": {"low": est.hourly.low, "mid": est.hourly.mid, "high": est.hourly.high},
        "percentiles": {"low": percent(p.low), "point": percent(p.point), "high": percent(p.high)},
        "distribution": {
            **distribution_dict(est.distribution),
            "at_band": {"low": round(low, 2), "mid": round(mid, 2), "high": round(high, 2)},
        },
        "outside": est.outside,
        "experience_rule": rule_dict(data),
        "multiplier": round(est.multiplier, 6),
        "factors": [factor_dict(a) for a in est.factors],
        "article_view": {
            "level": est.level.key,
            "label": est.level.label,
            "min_years": est.level.min_years,
            "low": est.level.low,
            "high": est.level.high,
            "scope": "national, all of healthcare IT",
            "source": source_dict(data.sources["levels"]),
        },
        "references": [comparison_dict(c) for c in est.comparisons],
        "purchasing_power": purchasing_power_dict(est),
        "survey_band": band_dict(est.survey_band or est.band),
        "wage_growth": growth_dict(est.growth),
        "data": data_dict(data),
    }
    return untyped(document)


def write_json(obj: Any) -> None:
    """One JSON document on stdout, flushed, so a closed pipe shows up here."""
    text = json.dumps(obj, indent=2, ensure_ascii=False)  # C1 and bidi characters stay raw there
    sys.stdout.write(escape_controls(text, keep="\n", json=True) + "\n")
    sys.stdout.flush()


def figure_dict(row: Figure) -> FigureDoc:
    out: FigureDoc = {
        "group": row.group,
        "publisher": row.publisher,
        "measure": row.measure,
        "figure": row.figure,
        "low": row.low,
        "high": row.high,
        "year": row.year,
        "release": row.release,
        "url": row.url,
        "status": row.status,
        "origin": row.origin,
        "note": row.note,
    }
    if row.article:
        out["article"] = article_dict(row.article)
    return out


def basis_dict(b: FactorBasis) -> FactorBasisDoc:
    return {
        "name": b.name,
        "label": b.label,
        "method": b.method,
        "basis": cast("Basis", b.basis),
        "how": b.how,
        "source": source_dict(b.source),
    }


def method_value_dict(v: MethodValue) -> MethodValueDoc:
    return {
        "key": v.key,
        "name": v.name,
        "value": v.shown,
        "figures": dict(v.figures),
        "rule": v.rule or None,
        "basis": cast("MethodBasis", v.basis),
        "source": source_dict(v.source),
    }


def sources_dict(
    rows: list[Figure],
    bases: list[FactorBasis],
    values: list[MethodValue],
    data: ReferenceData,
    role: Role | None,
) -> dict[str, Any]:
    document: SourcesDoc = {
        "schema_version": SCHEMA_VERSION,
        "role": role_dict(role) if role else None,
        "factors": [basis_dict(b) for b in bases],
        "method": [method_value_dict(v) for v in values],
        "figures": [figure_dict(row) for row in rows],
        "data": data_dict(data),
    }
    return untyped(document)


def projection_dict(p: Projection) -> ProjectionDoc:
    return {
        "soc": p.soc,
        "title": p.title,
        "edition": p.edition,
        "change_pct": p.change_pct,
        "jobs_start_thousands": p.jobs_start_thousands,
        "jobs_end_thousands": p.jobs_end_thousands,
        "median_wage": p.median_wage,
        "median_wage_year": p.median_wage_year,
        "secondary_copy": p.secondary_copy,
        "source": source_dict(p.source),
    }


def claim_dict(c: GrowthClaim) -> ClaimDoc:
    return {
        "key": c.key,
        "claim": c.claim,
        "change_pct": c.change_pct,
        "status": c.status,
        "reason": c.reason,
        "checked": projection_dict(c.checked),
        "matches": projection_dict(c.matches) if c.matches else None,
    }


def outlook_dict(rows: list[Outlook], claims: tuple[GrowthClaim, ...], data: ReferenceData) -> dict[str, Any]:
    document: OutlookDoc = {
        "schema_version": SCHEMA_VERSION,
        "occupations": [
            {"soc": r.soc, "title": r.title, "editions": [projection_dict(p) for p in r.editions]}
            for r in rows
        ],
        "article_claims": [claim_dict(c) for c in claims],
        "data": data_dict(data),
    }
    return untyped(document)


def location_dict(employment: int | None, median: int | None, value: FactorValue) -> LocationDoc:
    """A place's row in `states` and `areas`: the role's BLS figures there and its factor."""
    return {
        "employment": employment,
        "median": median,
        "factor": round(value.multiplier, 6),
        "basis": value.basis,
        "statistic": value.statistic,
        "reason": value.reason,
        "series": list(value.series),
    }


def places_head(role: Role, data: ReferenceData) -> PlacesHeadDoc:
    """What `states --json` and `areas --json` say after `sort`: the role and its national median."""
    # the schema promises a national median for every role, as it always has
    median = cast("int", data.national[role.soc].median)
    return {"role": role_dict(role), "soc": role.soc, "national_median": median}


def states_dict(rows: list[StateRow], sort: str, role: Role, data: ReferenceData) -> dict[str, Any]:
    states: list[StateRowDoc] = [
        {
            "code": r.code,
            "name": r.name,
            **location_dict(r.employment, r.median, r.value),
            "rpp": r.rpp,
            "purchasing_power": rounded(r.purchasing_power, 2),
            "imprecise": r.imprecise,
        }
        for r in rows
    ]
    document: StatesDoc = {
        "schema_version": SCHEMA_VERSION,
        "sort": cast("StateSort", sort),
        **places_head(role, data),
        "states": states,
        "data": data_dict(data),
    }
    return untyped(document)


def areas_dict(rows: list[AreaRow], sort: str, role: Role, data: ReferenceData) -> dict[str, Any]:
    areas: list[AreaRowDoc] = [
        {
            "code": r.area.code,
            "name": r.area.name,
            "type": cast("AreaKind", r.area.kind),
            "states": list(r.area.states),
            **location_dict(r.employment, r.median, r.value),
            "imprecise": r.imprecise,
        }
        for r in rows
    ]
    document: AreasDoc = {
        "schema_version": SCHEMA_VERSION,
        "sort": cast("AreaSort", sort),
        **places_head(role, data),
        "areas": areas,
        "data": data_dict(data),
    }
    return untyped(document)


def roles_dict(rows: list[RoleRow], data: ReferenceData) -> dict[str, Any]:
    document: RolesDoc = {
        "schema_version": SCHEMA_VERSION,
        "neutral": data.neutral_role,
        "roles": [
            {
                **role_dict(r.role),
                "national_median": r.median,
                "employment": r.employment,
                "aliases": list(r.role.aliases),
                "series": r.series,
                "typical_entry_education": r.entry_education,
            }
            for r in rows
        ],
        "data": data_dict(data),
    }
    return untyped(document)


def purchasing_power_dict(est: Estimate) -> PurchasingPowerDoc | None:
    ppp = est.purchasing_power
    if ppp is None:
        return None
    return {
        **band_dict(ppp.band),
        "rpp": ppp.rpp,
        "parity": cast("PlaceKind", ppp.parity),
        "where": ppp.where,
        "note": ppp.note,
        "source": source_dict(ppp.source),
    }


def offer_dict(offer: OfferCheck, est: Estimate) -> dict[str, Any]:
    document: OfferDoc = {
        "amount": offer.amount,
        "position": offer.position,
        "percent_through": offer.percent_through,
        "outside_by": offer.outside_by,
        "sentence": offer.sentence(est),
        "references": [
            {
                "key": r.reference.key,
                "source": r.reference.publisher,
                "figure": r.reference.figure,
                "difference": r.difference,
                "difference_pct": r.difference_pct,
            }
            for r in offer.references
        ],
    }
    return untyped(document)


def summary_dict(est: Estimate) -> ShortEstimateDoc:
    """The short form of an estimate used inside compare and path."""
    return {
        "profile": profile_dict(est.profile),
        "soc": est.role.soc,
        "percentile": percent(est.percentiles.point),
        "article_level": est.level.key,
        "band": band_dict(est.band),
        "purchasing_power": purchasing_power_dict(est),
        "multiplier": round(est.multiplier, 6),
        "survey_band": band_dict(est.survey_band or est.band),
        "wage_growth": growth_dict(est.growth),
    }


def variant_dict(v: Variant) -> VariantDoc:
    return {
        "label": v.label,
        "changes": v.changes,
        **summary_dict(v.estimate),
        "change": {
            "mid": v.mid_change,
            "mid_pct": v.mid_change_pct,
            "purchasing_power_mid": v.ppp_change,
            "purchasing_power_mid_pct": v.ppp_change_pct,
        },
        "moved": [
            {
                "name": m.name,
                "label": m.label,
                "before": m.before,
                "after": m.after,
                "before_multiplier": m.before_multiplier,
                "after_multiplier": m.after_multiplier,
            }
            for m in v.moved
        ],
    }


def compare_dict(base: Estimate, variants: list[Variant], data: ReferenceData) -> dict[str, Any]:
    document: CompareDoc = {
        "schema_version": SCHEMA_VERSION,
        "base": summary_dict(base),
        "variants": [variant_dict(v) for v in variants],
        "data": data_dict(data),
    }
    return untyped(document)


def point_dict(p: PathPoint) -> PathPointDoc:
    return {
        "year": p.year,
        "wage_level": p.level,
        "level_changed": p.level_changed,
        **summary_dict(p.estimate),
    }


def path_dict(paths: list[tuple[str, list[PathPoint]]], note: str, data: ReferenceData) -> dict[str, Any]:
    document: PathDoc = {
        "schema_version": SCHEMA_VERSION,
        "note": note,
        "wage_year": data.method.levels_year,
        "paths": [{"label": label, "points": [point_dict(p) for p in points]} for label, points in paths],
        "data": data_dict(data),
    }
    return untyped(document)


def level_offer_dict(table: LevelTable, check: LevelCheck) -> LevelOfferDoc:
    from hitsalary.core.levels import sentence

    return {
        "amount": check.amount,
        "highest_level_met": cast("LevelKey | None", check.highest_level_met),
        "shortfall": check.shortfall,
        "next_level": cast("LevelKey | None", check.next_level),
        "to_next_level": check.to_next,
        "sentence": sentence(table, check),
    }


def levels_dict(
    table: LevelTable, check: LevelCheck | None, data: ReferenceData, *, standalone: bool
) -> dict[str, Any]:
    """The four levels, the figures they were read from, and (with an offer) the level it meets."""
    m = data.method
    body: LevelsBodyDoc = {
        "role": role_dict(table.role),
        "soc": table.role.soc,
        "wage_year": m.levels_year,
        "release": m.levels_release,
        "label": m.levels_label,
        "rule": m.levels_rule,
        "online_wage_library": m.levels_url,
        "distribution": distribution_dict(table.distribution),
        "area_note": table.area_note,
        "levels": [
            {
                "level": cast("LevelKey", level.key),
                "label": level.label,
                "percentile": percent(level.percentile),
                "annual": level.annual,
                "hourly": level.hourly,
            }
            for level in table.levels
        ],
        "offer": level_offer_dict(table, check) if check is not None else None,
    }
    if not standalone:
        return untyped(body)
    document: LevelsDoc = {"schema_version": SCHEMA_VERSION, **body, "data": data_dict(data)}
    return untyped(document)
