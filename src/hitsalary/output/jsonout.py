"""Machine output: plain dicts for the json module. Never goes through Rich."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import TYPE_CHECKING, Any

from hitsalary.core.calculate import percent, whole_dollars
from hitsalary.core.models import (
    AppliedFactor,
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
from hitsalary.core.text import escape_controls

if TYPE_CHECKING:
    from hitsalary.core.catalog import AreaRow, FactorBasis, Figure, Outlook, RoleRow, StateRow
    from hitsalary.core.decisions import OfferCheck, PathPoint, Variant
    from hitsalary.core.levels import LevelCheck, LevelTable

SCHEMA_VERSION = 3


def source_dict(source: Source) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(source).items() if v is not None}


def data_dict(data: ReferenceData) -> dict[str, Any]:
    """Which data an output was computed from: the shipped release or a user's file."""
    return {
        "origin": "user file" if data.user_file else "shipped",
        "user_file": data.user_file,
        "datasets": {name: source_dict(s) for name, s in data.sources.items()},
    }


def reference_dict(ref: ReferenceFigure) -> dict[str, Any]:
    out: dict[str, Any] = {
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
        "note": ref.note,
    }
    if ref.article:
        out["article"] = dataclasses.asdict(ref.article)
    return out


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    return {**reference_dict(comparison.reference), "delta_pct": comparison.delta_pct}


def profile_dict(p: Profile) -> dict[str, Any]:
    return {
        "exp": p.exp,
        "state": p.state,
        "metro": p.metro,
        "education": p.education,
        "employer": p.employer,
        "role": p.role,
        "survey_dollars": p.survey_dollars,
    }


def growth_dict(growth: Growth | None) -> dict[str, Any] | None:
    """How the survey month's band was brought to the dollars shown (the ECI), or why not."""
    if growth is None:
        return None
    return {
        "basis": growth.basis,
        "multiplier": round(growth.multiplier, 6),
        "survey_month": growth.survey_month,
        "month": growth.month,
        "series": growth.series,
        "survey_index": round(growth.survey_index, 4) if growth.survey_index is not None else None,
        "index": growth.index,
        "quarters": [{"month": month, "index": index} for month, index in growth.quarters],
        "rule": growth.rule,
        "statistic": growth.statistic,
        "reason": growth.reason,
        "source": source_dict(growth.source) if growth.source is not None else None,
    }


def area_dict(data: ReferenceData, code: str | None) -> dict[str, Any] | None:
    """The metro or nonmetro area a profile names: code, name, type, the states it spans."""
    if code is None:
        return None
    area = data.area_tables.areas()[code]
    return {"code": area.code, "name": area.name, "type": area.kind, "states": list(area.states)}


def role_dict(role: Role) -> dict[str, Any]:
    return {"key": role.key, "label": role.label, "soc": role.soc, "title": role.title, "why": role.why}


def factor_dict(applied: AppliedFactor) -> dict[str, Any]:
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
        "bound": round(v.bound, 6) if v.bound is not None else None,
        "source": source_dict(v.source),
    }


def rule_dict(data: ReferenceData) -> dict[str, Any]:
    """The stated rule that placed the years on the distribution, and the band around them."""
    m = data.method
    return {
        "rule": m.rule,
        "anchors": [
            {"years": a.years, "level": a.level, "toward_p90": a.toward_p90, "label": a.label}
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


IMPRECISE = "the area estimate is imprecise"


def distribution_dict(d: Distribution) -> dict[str, Any]:
    """The distribution the band and the levels are read from: where, why, how precise."""
    return {
        "where": d.where,
        "code": d.code,
        "kind": d.kind,
        "series": d.series_id,
        "label": d.label,
        "basis": d.basis,
        "reason": d.reason,
        "percentiles": {f"p{pct}": whole_dollars(wage) for pct, wage in d.points},
        "filled": [f"p{pct}" for pct in d.filled],
        "mean": whole_dollars(d.mean),
        "mean_basis": d.mean_basis,
        "scale": round(d.scale, 6) if d.scale is not None else None,
        "wage_rse": d.wage_rse,
        "employment": d.employment,
        "imprecise": d.imprecise,
        "precision": IMPRECISE if d.imprecise else None,
        "source": source_dict(d.source),
    }


def estimate_dict(est: Estimate, data: ReferenceData) -> dict[str, Any]:
    p = est.percentiles
    return {
        "schema_version": SCHEMA_VERSION,
        "profile": profile_dict(est.profile),
        "role": role_dict(est.role),
        "soc": est.role.soc,
        "area": area_dict(data, est.profile.metro),
        "band": dataclasses.asdict(est.band),
        "hourly": dict(zip(("low", "mid", "high"), est.hourly, strict=True)),
        "percentiles": {"low": percent(p.low), "point": percent(p.point), "high": percent(p.high)},
        "distribution": {
            **distribution_dict(est.distribution),
            "at_band": dict(zip(("low", "mid", "high"), (round(b, 2) for b in est.base), strict=True)),
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
        "survey_band": dataclasses.asdict(est.survey_band or est.band),
        "wage_growth": growth_dict(est.growth),
        "data": data_dict(data),
    }


def write_json(obj: Any) -> None:
    """One JSON document on stdout, flushed, so a closed pipe shows up here."""
    text = json.dumps(obj, indent=2, ensure_ascii=False)  # C1 and bidi characters stay raw there
    sys.stdout.write(escape_controls(text, keep="\n", json=True) + "\n")
    sys.stdout.flush()


def sources_dict(
    rows: list[Figure], bases: list[FactorBasis], data: ReferenceData, role: Role | None
) -> dict[str, Any]:
    figures = []
    for row in rows:
        item = {k: v for k, v in dataclasses.asdict(row).items() if k != "article"}
        if row.article:
            item["article"] = dataclasses.asdict(row.article)
        figures.append(item)
    return {
        "schema_version": SCHEMA_VERSION,
        "role": role_dict(role) if role else None,
        "factors": [
            {
                "name": b.name,
                "label": b.label,
                "method": b.method,
                "basis": b.basis,
                "how": b.how,
                "source": source_dict(b.source),
            }
            for b in bases
        ],
        "figures": figures,
        "data": data_dict(data),
    }


def projection_dict(p: Projection) -> dict[str, Any]:
    out = {k: v for k, v in dataclasses.asdict(p).items() if k != "source"}
    out["source"] = source_dict(p.source)
    return out


def outlook_dict(rows: list[Outlook], claims: tuple[GrowthClaim, ...], data: ReferenceData) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "occupations": [
            {"soc": r.soc, "title": r.title, "editions": [projection_dict(p) for p in r.editions]}
            for r in rows
        ],
        "article_claims": [
            {
                "key": c.key,
                "claim": c.claim,
                "change_pct": c.change_pct,
                "status": c.status,
                "reason": c.reason,
                "checked": projection_dict(c.checked),
                "matches": projection_dict(c.matches) if c.matches else None,
            }
            for c in claims
        ],
        "data": data_dict(data),
    }


def location_dict(employment: int | None, median: int | None, value: FactorValue) -> dict[str, Any]:
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


def places_dict(
    key: str, rows: list[dict[str, Any]], sort: str, role: Role, data: ReferenceData
) -> dict[str, Any]:
    """The document `states --json` and `areas --json` print: one row per place for a role."""
    return {
        "schema_version": SCHEMA_VERSION,
        "sort": sort,
        "role": role_dict(role),
        "soc": role.soc,
        "national_median": data.national[role.soc].median,
        key: rows,
        "data": data_dict(data),
    }


def states_dict(rows: list[StateRow], sort: str, role: Role, data: ReferenceData) -> dict[str, Any]:
    return places_dict(
        "states",
        [
            {
                "code": r.code,
                "name": r.name,
                **location_dict(r.employment, r.median, r.value),
                "rpp": r.rpp,
                "purchasing_power": round(r.purchasing_power, 2) if r.purchasing_power is not None else None,
            }
            for r in rows
        ],
        sort,
        role,
        data,
    )


def areas_dict(rows: list[AreaRow], sort: str, role: Role, data: ReferenceData) -> dict[str, Any]:
    return places_dict(
        "areas",
        [
            {
                "code": r.area.code,
                "name": r.area.name,
                "type": r.area.kind,
                "states": list(r.area.states),
                **location_dict(r.employment, r.median, r.value),
            }
            for r in rows
        ],
        sort,
        role,
        data,
    )


def roles_dict(rows: list[RoleRow], data: ReferenceData) -> dict[str, Any]:
    return {
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


def purchasing_power_dict(est: Estimate) -> dict[str, Any] | None:
    ppp = est.purchasing_power
    if ppp is None:
        return None
    return {
        **dataclasses.asdict(ppp.band),
        "rpp": ppp.rpp,
        "parity": ppp.parity,
        "where": ppp.where,
        "note": ppp.note,
        "source": source_dict(ppp.source),
    }


def offer_dict(offer: OfferCheck, est: Estimate) -> dict[str, Any]:
    return {
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


def summary_dict(est: Estimate) -> dict[str, Any]:
    """The short form of an estimate used inside compare and path."""
    return {
        "profile": profile_dict(est.profile),
        "soc": est.role.soc,
        "percentile": percent(est.percentiles.point),
        "article_level": est.level.key,
        "band": dataclasses.asdict(est.band),
        "purchasing_power": purchasing_power_dict(est),
        "multiplier": round(est.multiplier, 6),
        "survey_band": dataclasses.asdict(est.survey_band or est.band),
        "wage_growth": growth_dict(est.growth),
    }


def compare_dict(base: Estimate, variants: list[Variant], data: ReferenceData) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "base": summary_dict(base),
        "variants": [
            {
                "label": v.label,
                "changes": v.changes,
                **summary_dict(v.estimate),
                "change": {
                    "mid": v.mid_change,
                    "mid_pct": v.mid_change_pct,
                    "purchasing_power_mid": v.ppp_change,
                    "purchasing_power_mid_pct": v.ppp_change_pct,
                },
                "moved": [dataclasses.asdict(m) for m in v.moved],
            }
            for v in variants
        ],
        "data": data_dict(data),
    }


def path_dict(paths: list[tuple[str, list[PathPoint]]], note: str, data: ReferenceData) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "note": note,
        "paths": [
            {
                "label": label,
                "points": [
                    {
                        "year": p.year,
                        "wage_level": p.level,
                        "level_changed": p.level_changed,
                        **summary_dict(p.estimate),
                    }
                    for p in points
                ],
            }
            for label, points in paths
        ],
        "data": data_dict(data),
    }


def levels_dict(
    table: LevelTable, check: LevelCheck | None, data: ReferenceData, *, standalone: bool
) -> dict[str, Any]:
    """The four levels, the figures they were read from, and (with an offer) the level it meets."""
    m = data.method
    out: dict[str, Any] = {
        "role": role_dict(table.role),
        "soc": table.role.soc,
        "wage_year": m.levels_year,
        "release": m.levels_release,
        "label": m.levels_label,
        "rule": m.levels_rule,
        "online_wage_library": m.levels_url,
        "distribution": distribution_dict(table.distribution),
        "levels": [
            {
                "level": level.key,
                "label": level.label,
                "percentile": percent(level.percentile),
                "annual": level.annual,
                "hourly": level.hourly,
            }
            for level in table.levels
        ],
        "offer": None,
    }
    if check is not None:
        from hitsalary.core.levels import sentence as level_sentence

        out["offer"] = {
            "amount": check.amount,
            "highest_level_met": check.highest_level_met,
            "shortfall": check.shortfall,
            "next_level": check.next_level,
            "to_next_level": check.to_next,
            "sentence": level_sentence(table, check),
        }
    if standalone:
        out = {"schema_version": SCHEMA_VERSION, **out, "data": data_dict(data)}
    return out
