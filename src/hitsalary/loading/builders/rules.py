"""The method (experience rule, band, rounding, wage levels) and the article's experience levels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hitsalary.core.models import (
    Anchor,
    Level,
    Method,
    Stated,
)
from hitsalary.loading.builders.context import Context, Raw

if TYPE_CHECKING:
    pass


def levels(ctx: Context) -> tuple[Level, ...]:
    raw = ctx.raw["levels"]["levels"]
    levels = sorted(
        (Level(key, v["label"], v["min_years"], v["low"], v["high"]) for key, v in raw.items()),
        key=lambda level: level.min_years,
    )
    if levels[0].min_years != 0:
        raise ctx.fail("levels", ("levels", levels[0].key, "min_years"), "lowest level must start at 0 years")
    return tuple(levels)


def method(ctx: Context) -> Method:
    raw = ctx.raw["method"]
    experience = raw["experience"]
    return Method(
        anchors=tuple(
            Anchor(a["years"], a["label"], a.get("level"), a.get("toward_p90")) for a in experience["anchors"]
        ),
        max_quarter_growth=experience["max_quarter_growth"],
        half_width=raw["band"]["half_width"],
        max_wage_rse=raw["precision"]["max_wage_rse"],
        min_employment=raw["precision"]["min_employment"],
        rule=experience["rule"],
        band_rule=raw["band"]["rule"],
        interpolation=interpolation
        if isinstance(interpolation := raw["interpolation"], str)
        else interpolation["rule"],
        rounding_unit=raw["rounding"]["unit"],
        rounding_rule=raw["rounding"]["rule"],
        hours_per_year=raw["hours_per_year"]["value"],
        hours_source=ctx.source(raw["hours_per_year"]["source"]),
        plausible=(raw["plausible_salary"]["low"], raw["plausible_salary"]["high"]),
        anchor_source=ctx.source(experience["anchor_source"]),
        source=ctx.source(raw["source"]),
        levels=tuple((k, v["label"]) for k, v in raw["wage_levels"]["levels"].items()),
        levels_year=raw["wage_levels"]["wage_year"],
        levels_release=raw["wage_levels"]["release"],
        levels_rule=raw["wage_levels"]["rule"],
        levels_label=raw["wage_levels"]["label"],
        levels_url=raw["wage_levels"]["url"],
        precision_rule=raw["precision"]["rule"],
        plausible_rule=raw["plausible_salary"]["rule"],
        stated=stated(ctx, raw),
    )


STATED = (
    "experience",
    "band",
    "precision",
    "rounding",
    "hours_per_year",
    "plausible_salary",
    "wage_levels",
    "interpolation",
)


def stated(ctx: Context, raw: Raw) -> dict[str, Stated]:
    """Each value's basis and source; an interpolation rule given as a line of text alone (a
    user's file may) is the file's own, with the file's basis and source."""
    return {
        key: Stated(raw["basis"], ctx.source(raw["source"]))
        if isinstance(raw[key], str)
        else Stated(raw[key]["basis"], ctx.source(raw[key]["source"]))
        for key in STATED
    }
