"""The employment projections, the article's growth claims checked against them, and the HIMSS
survey (a cross-check only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hitsalary.core.models import (
    GrowthClaim,
    Projection,
    SurveyFigure,
)
from hitsalary.loading.builders.context import Context

if TYPE_CHECKING:
    from hitsalary.loading.schema import Path


def projections(ctx: Context) -> tuple[Projection, ...]:
    fields = ("jobs_start_thousands", "jobs_end_thousands", "median_wage", "median_wage_year")
    flags = ("secondary_copy",)
    return tuple(
        Projection(
            v["soc"],
            v["title"],
            v["edition"],
            v["change_pct"],
            ctx.item_source("projections", v),
            **{k: v.get(k) for k in fields},
            **{k: v.get(k, False) for k in flags},
        )
        for v in ctx.raw["projections"]["projections"].values()
    )


def claims(ctx: Context, projections: tuple[Projection, ...]) -> tuple[GrowthClaim, ...]:
    """The article's growth claims; a verdict that the projections contradict is refused."""
    by_key = {f"{p.soc}/{p.edition}": p for p in projections}
    out = []
    for key, v in ctx.raw["claims"]["claims"].items():
        path: Path = ("claims", key)
        checked = by_key.get(v["checks"])
        if checked is None:
            raise ctx.fail("claims", (*path, "checks"), f"no projection {v['checks']}")
        matches = by_key.get(v["matches"]) if "matches" in v else None
        if "matches" in v and matches is None:
            raise ctx.fail("claims", (*path, "matches"), f"no projection {v['matches']}")
        agrees = round(checked.change_pct) == round(v["change_pct"])
        if (v["status"] == "verified" and not agrees) or (v["status"] == "differs" and agrees):
            raise ctx.fail(
                "claims",
                (*path, "status"),
                f"'{v['status']}' but {v['checks']} projects {checked.change_pct:g}%",
            )
        if matches is not None and round(matches.change_pct) != round(v["change_pct"]):
            raise ctx.fail("claims", (*path, "matches"), f"{v['matches']} projects {matches.change_pct:g}%")
        source = ctx.item_source("claims", v)
        out.append(
            GrowthClaim(key, v["claim"], v["change_pct"], v["status"], v["reason"], checked, source, matches)
        )
    return tuple(out)


def himss(ctx: Context) -> tuple[SurveyFigure, ...]:
    raw = ctx.raw["himss"]
    base = ctx.source(raw["source"])
    return tuple(
        SurveyFigure(group, v["average_salary"], v["respondents"], base) for group, v in raw["groups"].items()
    )
