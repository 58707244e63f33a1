"""BEA price parities below the state (metro areas, state portions) and the ECI series that
ages May wages to the latest quarter."""

from __future__ import annotations

from hitsalary.core.models import AreaParities, IndexSeries, Parity
from hitsalary.loading.builders.context import Context


def area_parities(ctx: Context) -> AreaParities:
    """Each metro area's parity, and each state's metropolitan and nonmetropolitan portion."""
    raw = ctx.raw["bea_rpp_areas"]
    metros = {
        code: Parity(float(item["rpp"]), ctx.item_source("bea_rpp_areas", item))
        for code, item in raw["metros"].items()
    }
    portions = {
        state: {
            kind: Parity(float(value), ctx.item_source("bea_rpp_areas", item))
            for kind, value in item.items()
            if kind != "source"
        }
        for state, item in raw["portions"].items()
    }
    return AreaParities(metros, portions)


def eci(ctx: Context) -> IndexSeries:
    """The series the estimate ages wages with (eci.yaml `used`), its quarters in order."""
    raw = ctx.raw["eci"]
    used = raw["used"]
    item = raw["series"].get(used)
    if item is None or "title" not in item or not item.get("quarters"):
        raise ctx.fail("eci", ("used",), f"series {used} is not in the file (or has no quarters)")
    return IndexSeries(
        series_id=used,
        title=item["title"],
        quarters=tuple(sorted((str(k), float(v)) for k, v in item["quarters"].items())),
        source=ctx.item_source("eci", item),
        rule=raw["rule"],
    )


def entry_education(ctx: Context) -> dict[str, str]:
    """Each occupation's typical education for entry (BLS Employment Projections)."""
    occupations = ctx.raw["entry_education"]["occupations"]
    return {soc: item["typical_entry_education"] for soc, item in occupations.items()}
