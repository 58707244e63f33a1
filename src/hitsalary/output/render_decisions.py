"""Human output for the offer check, `compare` and `path`."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from hitsalary.core.decisions import PATH_NOTE, PathPoint, Variant
from hitsalary.core.levels import LevelCheck, LevelTable
from hitsalary.core.levels import sentence as level_sentence
from hitsalary.core.models import Estimate, ReferenceData
from hitsalary.output.chart import Bar, draw
from hitsalary.output.render import (
    console,
    data_line,
    money,
    shown_dollars,
    signed_money,
    signed_pct,
    table,
    years,
)
from hitsalary.output.render import table as flex_table


def variant_moves(v: Variant) -> str:
    return (
        "; ".join(
            f"{m.label}: {m.before} -> {m.after}"
            + (
                f" (×{m.before_multiplier:.3f} -> ×{m.after_multiplier:.3f})"  # noqa: RUF001 - meant
                if m.name not in ("role", "exp")
                else ""
            )
            for m in v.moved
        )
        or "nothing (same profile)"
    )


def render_compare(base: Estimate, variants: list[Variant], data: ReferenceData) -> None:
    result = table(f"What if: each change against {base_label(base)} ({shown_dollars(base)})")
    result.keep_words = True
    result.add_column("Change", ratio=1, overflow="fold")
    result.add_column("Band", justify="right", no_wrap=True)
    result.add_column("Point", justify="right", no_wrap=True)
    result.add_column("vs base", justify="right", no_wrap=True)
    result.add_column("Purchasing\npower mid", justify="right", no_wrap=True)
    result.add_column("vs base", justify="right", no_wrap=True)

    def ppp(est: Estimate) -> str:
        return money(est.purchasing_power.band.mid) if est.purchasing_power else "no parity"

    result.add_row(
        Text("(base)", style="bold"),
        f"{money(base.band.low)}-\n{money(base.band.high)}",
        money(base.band.mid),
        "",
        ppp(base),
        "",
    )
    for v in variants:
        est = v.estimate
        ppp_change = (
            f"{signed_money(v.ppp_change)}\n{signed_pct(v.ppp_change_pct)}"
            if v.ppp_change is not None and v.ppp_change_pct is not None
            else "n/a"
        )
        result.add_row(
            Text(change_label(v.label), style="bold"),
            f"{money(est.band.low)}-\n{money(est.band.high)}",
            money(est.band.mid),
            f"{signed_money(v.mid_change)}\n{signed_pct(v.mid_change_pct)}",
            ppp(est),
            ppp_change,
        )
    moved = "\n".join(f"{v.label}: {variant_moves(v)}" for v in variants)
    note = Text(
        "Purchasing power = pay divided by BEA's price parity (2024) where the job is: a metro area's "
        "own, a nonmetro area's state nonmetropolitan portion, else the state's. It is what the pay "
        "buys in national-average dollars, not pay. Moving to a higher-paying state can still buy less. "
        "Puerto Rico has no BEA parity, so none is shown for it.\n"
        + parities_used(base, variants)
        + data_line(data),
        style="dim",
    )
    console().print(Group(result, Text("What moved", style="bold"), Text(moved), Text(), note))


def parities_used(base: Estimate, variants: list[Variant]) -> str:
    """Which parity each column's purchasing power used, once per place."""
    seen: dict[str, str] = {}
    for est in (base, *(v.estimate for v in variants)):
        ppp = est.purchasing_power
        if ppp is not None and ppp.where not in seen:
            seen[ppp.where] = f"{ppp.where} {ppp.rpp:.1f}" + (f" ({ppp.note})" if ppp.note else "")
    return ("Parities used: " + "; ".join(seen.values()) + ".\n") if seen else ""


def change_label(label: str) -> str:
    """A --vs label that wraps between words, never inside one: one change a line, and a long
    one broken after its '='."""
    lines = []
    for part in label.split(","):
        key, sep, value = part.strip().partition("=")
        lines.append(f"{key}{sep}\n{value}" if len(part.strip()) > 12 and sep else part.strip())
    return "\n".join(lines)


def base_label(est: Estimate) -> str:
    return "; ".join([est.role.label, years(est.profile.exp)] + [a.value.label for a in est.factors])


def render_path(paths: list[tuple[str, list[PathPoint]]], data: ReferenceData) -> None:
    con = console()
    parts: list[RenderableType] = []
    for label, points in paths:
        result = table(f"Career path: {label} ({shown_dollars(points[0].estimate)})")
        result.add_column("Year", justify="right")
        result.add_column("Experience", justify="right")
        result.add_column("Percentile", justify="right")
        result.add_column("Wage level")
        for name in ("Low", "Point", "High"):
            result.add_column(name, justify="right")
        for p in points:
            est = p.estimate
            level = Text(
                p.level + (" ◀ reached" if p.level_changed else ""),
                style="bold" if p.level_changed else "",
            )
            result.add_row(
                f"+{p.year}",
                years(est.profile.exp),
                f"{est.percentiles.point:.1f}",
                level,
                money(est.band.low),
                Text(money(est.band.mid), style="bold"),
                money(est.band.high),
            )
        parts.append(result)
    styles = ("green", "magenta", "cyan", "yellow")
    bars = [
        Bar(
            f"+{p.year}" + (f" {label}" if len(paths) > 1 else ""),
            p.estimate.band.mid,
            p.estimate.band.low,
            p.estimate.band.high,
            style=styles[i % len(styles)],
        )
        for year in range(len(paths[0][1]))
        for i, (label, points) in enumerate(paths)
        for p in points[year : year + 1]
    ]
    parts += [Text("Low to high (━) and point (●) by year", style="bold"), draw(bars, con.width), Text()]
    dollars = (
        f"Bands in {shown_dollars(paths[0][1][0].estimate)}; the wage levels are the Department of "
        "Labor's wage-year figures, never aged."
    )
    parts.append(Text(PATH_NOTE + "\n" + dollars + "\n" + data_line(data), style="dim"))
    con.print(Group(*parts))


def render_levels(
    table: LevelTable, check: LevelCheck | None, data: ReferenceData, *, verdict: bool = True
) -> None:
    m, w = data.method, table.wages
    parts: list[RenderableType] = []
    if check is not None and verdict:  # estimate --levels prints the verdict at its top instead
        parts += [Text(level_sentence(table, check), style="bold"), Text()]
    result = flex_table(
        f"Prevailing-wage levels, {table.role.label} ({table.role.soc}), {w.where}: wage year {m.levels_year}"
    )
    result.add_column("Level", no_wrap=True)
    result.add_column("Percentile", justify="right", no_wrap=True)
    result.add_column("Annual", justify="right", no_wrap=True)
    result.add_column("Hourly", justify="right", no_wrap=True)
    result.add_column("Interpolated from (published)", ratio=1)
    for level in table.levels:
        (p0, w0), (p1, w1) = level.between
        met = check is not None and check.highest_level_met == level.key
        result.add_row(
            Text(f"{level.key} {level.label}" + (" ◀ met" if met else ""), style="bold" if met else ""),
            f"{level.percentile:g}th",
            money(level.annual),
            f"${level.hourly:,.2f}",
            f"{p0}th {money(w0)} to {p1}th {money(w1)}",
        )
    notes = [m.levels_label + f" ({m.levels_url})", m.levels_rule, m.interpolation]
    notes.append(
        f"Built from {m.levels_release} (series {w.series_id}; {w.source.publisher}, {w.source.title})."
    )
    if table.reason:
        notes.append(f"Fallback: {table.reason}.")
    notes.append(data_line(data))
    parts += [result, Text("\n".join(notes), style="dim")]
    console().print(Group(*parts))
