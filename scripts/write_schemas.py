"""Write the JSON Schemas of every `--json` document to src/hitsalary/schemas/*.json.

    python scripts/write_schemas.py

The pieces several documents share (a source block, the data block, a band) are defined once
here and copied into each schema's `$defs`, so every shipped file stands alone (no remote
`$ref`). tests/test_schemas.py checks the shipped files equal what this script writes, and
validates the real output of each command against them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "hitsalary" / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

S: dict[str, Any] = {"type": "string"}
INT: dict[str, Any] = {"type": "integer"}
NUM: dict[str, Any] = {"type": "number"}
BOOL: dict[str, Any] = {"type": "boolean"}
MONEY: dict[str, Any] = {"type": "integer", "minimum": 0}
SOC: dict[str, Any] = {"type": "string", "pattern": r"^\d{2}-\d{4}$"}
BASIS: dict[str, Any] = {"enum": ["baseline", "measured", "fallback", "assumed"]}
STATUS: dict[str, Any] = {"enum": ["verified", "as_reported", "differs"]}
LEVEL: dict[str, Any] = {"enum": ["I", "II", "III", "IV"]}
POSITION: dict[str, Any] = {"enum": ["below", "inside", "above"]}


def null(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema, or null."""
    return {"anyOf": [schema, {"type": "null"}]}


def obj(
    required: dict[str, Any], optional: dict[str, Any] | None = None, *, closed: bool = True
) -> dict[str, Any]:
    """An object with these keys (all required), and optional ones; no others when closed."""
    out: dict[str, Any] = {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
    }
    if closed:
        out["additionalProperties"] = False
    return out


def array(items: dict[str, Any], *, min_items: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": items}
    if min_items:
        out["minItems"] = min_items
    return out


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


SOURCE_FIELDS = ("statistic", "series", "url", "as_of", "released", "note")
DEFS: dict[str, dict[str, Any]] = {
    "source": obj(
        {"publisher": S, "title": S, "year": INT, "origin": S},
        {name: null(S) for name in SOURCE_FIELDS},
    ),
    "data": obj(
        {
            "origin": {"enum": ["shipped", "user file"]},
            "user_file": null(S),
            "datasets": {"type": "object", "additionalProperties": ref("source"), "minProperties": 1},
        }
    ),
    "profile": obj(
        {
            "exp": NUM,
            "state": S,
            "metro": null(S),
            "education": S,
            "employer": S,
            "role": S,
            "survey_dollars": BOOL,
        }
    ),
    "wage_growth": null(
        obj(
            {
                "basis": BASIS,
                "multiplier": {"type": "number", "exclusiveMinimum": 0},
                "survey_month": {"type": "string", "pattern": r"^\d{4}-\d\d$"},
                "month": {"type": "string", "pattern": r"^\d{4}-\d\d$"},
                "series": null(S),
                "survey_index": null(NUM),
                "index": null(NUM),
                "quarters": array(obj({"month": S, "index": NUM})),
                "rule": S,
                "statistic": S,
                "reason": null(S),
                "source": null(ref("source")),
            }
        )
    ),
    "role": obj({"key": S, "label": S, "soc": SOC, "title": S, "why": S}),
    "band": obj({"low": MONEY, "mid": MONEY, "high": MONEY}),
    "purchasing_power": null(
        obj(
            {
                "low": MONEY,
                "mid": MONEY,
                "high": MONEY,
                "rpp": NUM,
                "parity": {"enum": ["metro", "nonmetro", "state", "national"]},
                "where": S,
                "note": null(S),
                "source": ref("source"),
            }
        )
    ),
    "distribution": obj(
        {
            "where": S,
            "code": S,
            "kind": {"enum": ["metro", "nonmetro", "state", "national"]},
            "series": S,
            "label": S,
            "basis": {"enum": ["measured", "partial", "fallback"]},
            "reason": null(S),
            "percentiles": obj({f"p{p}": MONEY for p in (10, 25, 50, 75, 90)}),
            "filled": array({"enum": ["p10", "p25", "p50", "p75", "p90"]}),
            "mean": MONEY,
            "mean_basis": {"enum": ["published", "scaled", "estimated"]},
            "scale": null(NUM),
            "wage_rse": null(NUM),
            "employment": null(INT),
            "imprecise": BOOL,
            "precision": null({"const": "the area estimate is imprecise"}),
            "source": ref("source"),
        },
        closed=False,  # the estimate adds at_band
    ),
    "short_estimate": obj(
        {
            "profile": ref("profile"),
            "soc": SOC,
            "percentile": NUM,
            "article_level": S,
            "band": ref("band"),
            "purchasing_power": ref("purchasing_power"),
            "multiplier": NUM,
            "survey_band": ref("band"),
            "wage_growth": ref("wage_growth"),
        },
        closed=False,
    ),
    "levels_body": obj(
        {
            "role": ref("role"),
            "soc": SOC,
            "wage_year": S,
            "release": S,
            "label": S,
            "rule": S,
            "online_wage_library": S,
            "distribution": ref("distribution"),
            "levels": array(
                obj(
                    {
                        "level": LEVEL,
                        "label": S,
                        "percentile": NUM,
                        "annual": MONEY,
                        "hourly": NUM,
                    }
                ),
                min_items=4,
            ),
            "offer": null(
                obj(
                    {
                        "amount": MONEY,
                        "highest_level_met": null(LEVEL),
                        "shortfall": MONEY,
                        "next_level": null(LEVEL),
                        "to_next_level": null(MONEY),
                        "sentence": S,
                    }
                )
            ),
        },
        closed=False,
    ),
}

FACTOR = obj(
    {
        "name": S,
        "value": S,
        "label": S,
        "multiplier": {"type": "number", "exclusiveMinimum": 0},
        "basis": BASIS,
        "statistic": null(S),
        "series": array(S),
        "reason": null(S),
        "bound": null(NUM),
        "source": ref("source"),
    }
)
REFERENCE = obj(
    {
        "key": S,
        "source": S,
        "measure": S,
        "scope": null(S),
        "figure": null(INT),
        "low": null(INT),
        "high": null(INT),
        "range": null(S),
        "year": INT,
        "url": null(S),
        "status": STATUS,
        "note": null(S),
        "delta_pct": null(NUM),
    },
    {"article": obj({"figure": NUM, "year": INT, "claim": S, "reason": S})},
)
OFFER = obj(
    {
        "amount": MONEY,
        "position": POSITION,
        "percent_through": NUM,
        "outside_by": MONEY,
        "sentence": S,
        "references": array(
            obj({"key": S, "source": S, "figure": INT, "difference": INT, "difference_pct": NUM})
        ),
    }
)
ESTIMATE = obj(
    {
        "schema_version": {"const": 3},
        "profile": ref("profile"),
        "role": ref("role"),
        "soc": SOC,
        "area": null(
            obj(
                {
                    "code": S,
                    "name": S,
                    "type": {"enum": ["metro", "nonmetro"]},
                    "states": array(S, min_items=1),
                }
            )
        ),
        "band": ref("band"),
        "hourly": obj({"low": NUM, "mid": NUM, "high": NUM}),
        "percentiles": obj({"low": NUM, "point": NUM, "high": NUM}),
        "distribution": {
            "allOf": [
                ref("distribution"),
                obj({"at_band": obj({"low": NUM, "mid": NUM, "high": NUM})}, closed=False),
            ]
        },
        "outside": null(S),
        "experience_rule": obj(
            {
                "rule": S,
                "anchors": array(
                    obj({"years": NUM, "level": null(LEVEL), "toward_p90": null(NUM), "label": S}),
                    min_items=4,
                ),
                "max_quarter_growth": NUM,
                "band": S,
                "interpolation": S,
                "rounding": S,
                "rounding_unit": INT,
                "anchor_source": ref("source"),
                "source": ref("source"),
            }
        ),
        "multiplier": {"type": "number", "exclusiveMinimum": 0},
        "factors": array(FACTOR, min_items=1),
        "article_view": obj(
            {
                "level": S,
                "label": S,
                "min_years": NUM,
                "low": MONEY,
                "high": MONEY,
                "scope": S,
                "source": ref("source"),
            }
        ),
        "references": array(REFERENCE),
        "purchasing_power": ref("purchasing_power"),
        "survey_band": ref("band"),
        "wage_growth": ref("wage_growth"),
        "data": ref("data"),
    },
    {"offer": OFFER, "wage_levels": ref("levels_body")},
)
VARIANT = {
    "allOf": [
        ref("short_estimate"),
        obj(
            {
                "label": S,
                "changes": {"type": "object", "additionalProperties": S},
                "change": obj(
                    {
                        "mid": INT,
                        "mid_pct": NUM,
                        "purchasing_power_mid": null(INT),
                        "purchasing_power_mid_pct": null(NUM),
                    }
                ),
                "moved": array(
                    obj(
                        {"name": S, "label": S, "before": S, "after": S},
                        {"before_multiplier": NUM, "after_multiplier": NUM},
                        closed=False,
                    )
                ),
            },
            closed=False,
        ),
    ]
}
PROJECTION = obj(
    {
        "soc": SOC,
        "title": S,
        "edition": S,
        "change_pct": NUM,
        "jobs_start_thousands": null(NUM),
        "jobs_end_thousands": null(NUM),
        "median_wage": null(INT),
        "median_wage_year": null(INT),
        "secondary_copy": BOOL,
        "source": ref("source"),
    }
)
ROW_TAIL = {"schema_version": INT, "data": ref("data")}
BATCH_RESULT = obj(
    {
        "row": {"type": "integer", "minimum": 1},
        "id": {},
        "exp": NUM,
        "state": S,
        "education": S,
        "employer": S,
        "role": S,
        "metro": null(S),
        "soc": SOC,
        "percentile": NUM,
        "low": MONEY,
        "mid": MONEY,
        "high": MONEY,
    },
    {
        **{
            f"{a}{suffix}": {}
            for a in ("offer", "salary")
            for suffix in ("", "_position", "_percent_through")
        },
        **{f"{a}_level": {"anyOf": [LEVEL, {"const": ""}, {"type": "null"}]} for a in ("offer", "salary")},
        **{f"{a}_below_level_i": null(MONEY) for a in ("offer", "salary")},
    },
    closed=False,
)
BATCH_ERROR = obj(
    {
        "row": {"type": "integer", "minimum": 1},
        "id": {},
        "error_field": null(S),
        "error_value": {},
        "error": S,
    },
    closed=False,
)

DOCUMENTS: dict[str, tuple[str, dict[str, Any]]] = {
    "estimate": ("hitsalary estimate --json (with --offer: offer; with --levels: wage_levels)", ESTIMATE),
    "compare": (
        "hitsalary compare --json",
        obj(
            {
                "schema_version": INT,
                "base": ref("short_estimate"),
                "variants": array(VARIANT),
                "data": ref("data"),
            }
        ),
    ),
    "path": (
        "hitsalary path --json",
        obj(
            {
                "schema_version": INT,
                "note": S,
                "paths": array(
                    obj(
                        {
                            "label": S,
                            "points": array(
                                {
                                    "allOf": [
                                        ref("short_estimate"),
                                        obj(
                                            {"year": INT, "wage_level": null(S), "level_changed": BOOL},
                                            closed=False,
                                        ),
                                    ]
                                },
                                min_items=1,
                            ),
                        }
                    ),
                    min_items=1,
                ),
                "data": ref("data"),
            }
        ),
    ),
    "sources": (
        "hitsalary sources --json",
        obj(
            {
                "schema_version": INT,
                "role": null(ref("role")),
                "factors": array(
                    obj(
                        {
                            "name": S,
                            "label": S,
                            "method": S,
                            "basis": BASIS,
                            "how": S,
                            "source": ref("source"),
                        }
                    ),
                    min_items=1,
                ),
                "figures": array(
                    obj(
                        {
                            "group": S,
                            "publisher": S,
                            "measure": S,
                            "figure": null(NUM),
                            "low": null(NUM),
                            "high": null(NUM),
                            "year": INT,
                            "release": null(S),
                            "url": null(S),
                            "status": STATUS,
                            "origin": S,
                            "note": null(S),
                        },
                        closed=False,
                    ),
                    min_items=1,
                ),
                "data": ref("data"),
            }
        ),
    ),
    "outlook": (
        "hitsalary outlook --json",
        obj(
            {
                "schema_version": INT,
                "occupations": array(
                    obj({"soc": SOC, "title": S, "editions": array(PROJECTION, min_items=1)})
                ),
                "article_claims": array(
                    obj(
                        {
                            "key": S,
                            "claim": S,
                            "change_pct": NUM,
                            "status": STATUS,
                            "reason": null(S),
                            "checked": PROJECTION,
                            "matches": null(PROJECTION),
                        }
                    )
                ),
                "data": ref("data"),
            }
        ),
    ),
    "states": (
        "hitsalary states --json",
        obj(
            {
                **ROW_TAIL,
                "sort": {"enum": ["factor", "name", "ppp"]},
                "role": ref("role"),
                "soc": SOC,
                "national_median": MONEY,
                "states": array(
                    obj(
                        {
                            "code": {"type": "string", "pattern": "^[A-Z]{2}$"},
                            "name": S,
                            "employment": null(INT),
                            "median": null(MONEY),
                            "factor": NUM,
                            "basis": BASIS,
                            "statistic": null(S),
                            "reason": null(S),
                            "series": array(S),
                            "rpp": null(NUM),
                            "purchasing_power": null(NUM),
                        }
                    ),
                    min_items=1,
                ),
            }
        ),
    ),
    "areas": (
        "hitsalary areas --json",
        obj(
            {
                **ROW_TAIL,
                "sort": {"enum": ["factor", "name", "employment"]},
                "role": ref("role"),
                "soc": SOC,
                "national_median": MONEY,
                "areas": array(
                    obj(
                        {
                            "code": S,
                            "name": S,
                            "type": {"enum": ["metro", "nonmetro"]},
                            "states": array(S, min_items=1),
                            "employment": null(INT),
                            "median": null(MONEY),
                            "factor": NUM,
                            "basis": BASIS,
                            "statistic": null(S),
                            "reason": null(S),
                            "series": array(S),
                        }
                    )
                ),
            }
        ),
    ),
    "roles": (
        "hitsalary roles --json",
        obj(
            {
                **ROW_TAIL,
                "neutral": S,
                "roles": array(
                    obj(
                        {
                            "key": S,
                            "label": S,
                            "soc": SOC,
                            "title": S,
                            "why": S,
                            "national_median": null(MONEY),
                            "employment": null(INT),
                            "aliases": array(S),
                            "series": null(S),
                            "typical_entry_education": null(S),
                        }
                    ),
                    min_items=1,
                ),
            }
        ),
    ),
    "levels": (
        "hitsalary levels --json",
        {"allOf": [ref("levels_body"), obj(ROW_TAIL, closed=False)]},
    ),
    "batch-record": (
        "one line of hitsalary batch JSON Lines output: an estimated row or an error record",
        {"oneOf": [BATCH_RESULT, BATCH_ERROR]},
    ),
    "data-check": (
        "hitsalary data check PATH --json",
        obj({"schema_version": INT, "file": S, "valid": {"const": True}, "changes": array(S)}),
    ),
}


def used_defs(schema: Any, found: set[str]) -> set[str]:
    """The $defs a schema refers to, also through other $defs."""
    if isinstance(schema, dict):
        target = schema.get("$ref", "")
        if target.startswith("#/$defs/") and target[8:] not in found:
            found.add(target[8:])
            used_defs(DEFS[target[8:]], found)
        for value in schema.values():
            used_defs(value, found)
    elif isinstance(schema, list):
        for value in schema:
            used_defs(value, found)
    return found


def schema_for(name: str) -> dict[str, Any]:
    title, body = DOCUMENTS[name]
    out = {"$schema": DRAFT, "$id": f"https://hitsalary.invalid/schemas/{name}.json", "title": title, **body}
    defs = sorted(used_defs(body, set()))
    if defs:
        out["$defs"] = {d: DEFS[d] for d in defs}
    return out


def rendered() -> dict[str, str]:
    return {f"{name}.json": json.dumps(schema_for(name), indent=2) + "\n" for name in DOCUMENTS}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for file_name, text in rendered().items():
        (OUT / file_name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
