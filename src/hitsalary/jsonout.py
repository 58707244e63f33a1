"""Machine output: plain dicts for the json module. Never goes through Rich."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from hitsalary.models import Comparison, Estimate, ReferenceData, ReferenceFigure, Source

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
        "data": data_dict(data),
    }


def write_json(obj: Any) -> None:
    """One JSON document on stdout, flushed, so a closed pipe shows up here."""
    sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()
