"""Machine output: plain dicts for the json module. Never goes through Rich."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import TYPE_CHECKING, Any

from hitsalary.models import (
    Comparison,
    Estimate,
    GrowthClaim,
    Projection,
    ReferenceData,
    ReferenceFigure,
    Source,
)

if TYPE_CHECKING:
    from hitsalary.catalog import Figure, Outlook, StateRow
    from hitsalary.decisions import OfferCheck, PathPoint, Variant

SCHEMA_VERSION = 1


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


def estimate_dict(est: Estimate, data: ReferenceData) -> dict[str, Any]:
    p = est.profile
    return {
        "schema_version": SCHEMA_VERSION,
        "profile": {
            "exp": p.exp,
            "state": p.state,
            "education": p.education,
            "employer": p.employer,
            "specialization": p.specialization,
        },
        "level": est.level.key,
        "level_band": {
            "label": est.level.label,
            "min_years": est.level.min_years,
            "low": est.level.low,
            "high": est.level.high,
        },
        "band": dataclasses.asdict(est.band),
        "hourly": dict(zip(("low", "mid", "high"), est.hourly, strict=True)),
        "multiplier": round(est.multiplier, 6),
        "factors": [
            {
                "name": a.name,
                "value": a.value.key,
                "label": a.value.label,
                "multiplier": round(a.value.multiplier, 6),
                "basis": a.value.basis,
                "note": a.value.note,
                "source": source_dict(a.value.source),
            }
            for a in est.factors
        ],
        "references": [comparison_dict(c) for c in est.comparisons],
        "purchasing_power": purchasing_power_dict(est),
        "data": data_dict(data),
    }


def write_json(obj: Any) -> None:
    """One JSON document on stdout, flushed, so a closed pipe shows up here."""
    sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def sources_dict(rows: list[Figure], data: ReferenceData) -> dict[str, Any]:
    figures = []
    for row in rows:
        item = {k: v for k, v in dataclasses.asdict(row).items() if k != "article"}
        if row.article:
            item["article"] = dataclasses.asdict(row.article)
        figures.append(item)
    return {"schema_version": SCHEMA_VERSION, "figures": figures, "data": data_dict(data)}


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


def states_dict(rows: list[StateRow], sort: str, data: ReferenceData) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "sort": sort,
        "national_mean": data.national_mean,
        "states": [
            {
                "code": r.code,
                "name": r.name,
                "annual_mean": r.annual_mean,
                "factor": round(r.factor, 6),
                "rpp": r.rpp,
                "purchasing_power": round(r.purchasing_power, 2) if r.purchasing_power is not None else None,
            }
            for r in rows
        ],
        "data": data_dict(data),
    }


def purchasing_power_dict(est: Estimate) -> dict[str, Any] | None:
    ppp = est.purchasing_power
    if ppp is None:
        return None
    return {**dataclasses.asdict(ppp.band), "rpp": ppp.rpp, "source": source_dict(ppp.source)}


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
        "profile": dataclasses.asdict(est.profile),
        "level": est.level.key,
        "band": dataclasses.asdict(est.band),
        "purchasing_power": purchasing_power_dict(est),
        "multiplier": round(est.multiplier, 6),
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
                    {"year": p.year, "level_changed": p.level_changed, **summary_dict(p.estimate)}
                    for p in points
                ],
            }
            for label, points in paths
        ],
        "data": data_dict(data),
    }
