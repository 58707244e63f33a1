"""The comparison figures, the article's claims about them, and the older NAICS 62 tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hitsalary.core.models import (
    ArticleClaim,
    IndustryEstimate,
    ReferenceFigure,
    Role,
)
from hitsalary.loading.builders.context import Context, Raw

if TYPE_CHECKING:
    from hitsalary.loading.schema import Path


def references(
    ctx: Context, industry: dict[str, IndustryEstimate], roles: dict[str, Role]
) -> tuple[ReferenceFigure, ...]:
    out = []
    for key, v in ctx.raw["references"]["references"].items():
        path: Path = ("references", key)
        figure, year, title = v.get("figure"), v.get("year"), v.get("title")
        source = ctx.item_source("references", v)
        if "from" in v:
            est = industry.get(v["from"]["key"])
            figure = getattr(est, v["from"]["statistic"], None) if est else None
            if est is None or figure is None:
                raise ctx.fail(
                    "references",
                    (*path, "from", "key"),
                    f"no {v['from']['statistic']} for {v['from']['key']}",
                )
            year, source = est.year, est.source
            title = title or f"{est.title}, {est.industry} (NAICS {est.naics})"
        for role in v.get("roles", []):
            if role not in roles:
                raise ctx.fail("references", (*path, "roles"), f"'{role}' is not a role")
        claim = article(ctx, path, v.get("article"), industry)
        if v["status"] == "differs" and claim is None:
            raise ctx.fail("references", (*path, "status"), "'differs' needs an 'article' block")
        out.append(
            ReferenceFigure(
                key=key,
                label=v["label"],
                publisher=v["publisher"],
                title=title or v["publisher"],
                statistic=v["statistic"],
                figure=figure,
                year=year,
                status=v["status"],
                source=source,
                low=v.get("low"),
                high=v.get("high"),
                range_label=v.get("range"),
                url=v.get("url") or source.url,
                note=v.get("note"),
                article=claim,
                scope=v.get("scope"),
                roles=tuple(v.get("roles", ())),
            )
        )
    return tuple(out)


def article(
    ctx: Context, path: Path, raw: Raw | None, industry: dict[str, IndustryEstimate]
) -> ArticleClaim | None:
    if raw is None:
        return None
    matches = raw.get("matches")
    if matches is not None:
        est = industry.get(matches)
        if est is None or raw["figure"] not in (est.median, est.mean):
            raise ctx.fail(
                "references",
                (*path, "article", "matches"),
                f"{matches} does not hold the figure {raw['figure']}",
            )
    return ArticleClaim(raw["figure"], raw["year"], raw["claim"], raw["reason"])


def industry(ctx: Context) -> dict[str, IndustryEstimate]:
    out = {}
    for key, v in ctx.raw["oews_industry"]["estimates"].items():
        out[key] = IndustryEstimate(
            soc=v["soc"],
            title=v["title"],
            naics=str(v["naics"]),
            industry=v["industry"],
            year=v["year"],
            source=ctx.item_source("oews_industry", v),
            employment=v.get("employment"),
            mean=v.get("mean"),
            median=v.get("median"),
        )
    return out
