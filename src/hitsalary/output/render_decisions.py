"""Human output for the offer check, `compare` and `path`."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from hitsalary.core.decisions import PATH_NOTE, FactorMove, PathPoint, Variant, variant
from hitsalary.core.levels import LevelCheck, LevelTable
from hitsalary.core.levels import sentence as level_sentence
from hitsalary.core.models import Estimate, ReferenceData
from hitsalary.core.rounding import percentile_text
from hitsalary.output.chart import Bar, draw
from hitsalary.output.render import (
    console,
    data_line,
    distribution_line,
    location_label,
    money,
    priced_elsewhere,
    shown_dollars,
    signed_money,
    signed_pct,
    table,
    years,
)
from hitsalary.output.render import table as flex_table
from hitsalary.output.wrapping import Breakable, Prose


def variant_moves(v: Variant, base: Estimate) -> list[str]:
    """What a what-if changed, one line each: every changed input (with the percentile, the
    occupation or the multiplier it brought), every other factor whose multiplier moved (a new
    role has its own location ratio), then the price parity."""
    factors = {m.name: m for m in v.moved}
    lines, shown = [], {"role", "exp"}
    for i in v.inputs:
        m = factors.get(i.name)
        line = f"{i.label}: {i.before} → {i.after}"
        if m is not None and i.name == "exp":
            before, after = (percentile_text(e.percentiles.point) for e in (base, v.estimate))
            line += f" (percentile {before} → {after})"
        elif m is not None and (i.name == "role" or (m.before, m.after) == (i.before, i.after)):
            line = factor_move(m) + why_unmoved(m, v)
            shown.add(m.name)
        lines.append(line + (f" ({i.note})" if i.note else ""))
    lines += [factor_move(m) for m in v.moved if m.name not in shown]
    read = band_read_from(base, v.estimate, said=" ".join(lines))
    lines += [read] if read else []
    if v.parity is not None:
        before, after = (f"{rpp:.1f}" if rpp is not None else "none" for rpp in v.parity)
        line = f"Purchasing power: price parity {before} → {after}"
        if base.purchasing_power and v.estimate.purchasing_power and v.ppp_change_pct is not None:
            mids = money(base.purchasing_power.band.mid), money(v.estimate.purchasing_power.band.mid)
            line += f"; the point buys {mids[0]} → {mids[1]} ({signed_pct(v.ppp_change_pct)})"
            line += "".join(priced_elsewhere(est) for est in (base, v.estimate) if read)
        lines.append(line)
    return lines or ["nothing (same profile)"]


def band_read_from(base: Estimate, est: Estimate, *, said: str) -> str | None:
    """Where either side's band is read from a wider area's figures (a metro BLS publishes no
    figures for, read from its state), which figures each side read, in the estimate's words;
    nothing where the figures did not change, or the fallback's reason is already said (a
    suppressed state's location factor gives it)."""
    sides = (base.distribution, est.distribution)
    fallbacks = [d for d in sides if d.basis == "fallback"]
    if not fallbacks or (sides[0].code, sides[0].label) == (sides[1].code, sides[1].label):
        return None
    if all(d.reason and d.reason in said for d in fallbacks):
        return None
    before, after = (f"{d.where} ({d.label})" for d in sides)  # as the estimate's 'Read from'
    reasons = "; ".join(d.reason for d in fallbacks if d.reason)
    return f"Band read from: {before} → {after}" + (f": {reasons}" if reasons else "")


def why_unmoved(m: FactorMove, v: Variant) -> str:
    """Where a changed value leaves its multiplier where it was because the figure for it is not
    published (a fallback), why: a +0.0% would otherwise go unexplained (employer=vendor for a
    role BLS publishes no software-publisher median for)."""
    if m.name == "role" or m.before_multiplier != m.after_multiplier:
        return ""
    value = next((a.value for a in v.estimate.factors if a.name == m.name), None)
    if value is None or value.basis != "fallback" or not value.reason:
        return ""
    return f" (×{value.multiplier:.3f}: {value.reason})"  # noqa: RUF001 - the multiplication sign is meant


def factor_move(m: FactorMove) -> str:
    """'Location: Texas x1.129 → California x1.334' (x being the multiplication sign); the same
    value with another multiplier (the role changed its ratio): 'Location factor (Texas): x1.129
    → x1.005'."""
    if m.name == "role" or m.before_multiplier == m.after_multiplier:  # a value, no multiplier, moved
        return f"{m.label}: {m.before} → {m.after}"
    if m.before == m.after:
        return f"{m.label} factor ({m.before}): ×{m.before_multiplier:.3f} → ×{m.after_multiplier:.3f}"  # noqa: RUF001 - meant
    return f"{m.label}: {m.before} ×{m.before_multiplier:.3f} → {m.after} ×{m.after_multiplier:.3f}"  # noqa: RUF001 - meant


def render_compare(base: Estimate, variants: list[Variant], data: ReferenceData) -> None:
    result = table(f"What if: each change against {base_label(base)} ({shown_dollars(base)})")
    result.keep_words = True
    result.add_column("Change", ratio=1, no_wrap=True)
    result.add_column("Band", justify="right", no_wrap=True)
    result.add_column("Point", justify="right", no_wrap=True)
    result.add_column("vs base", justify="right", no_wrap=True)
    result.add_column("Purchasing\npower mid", justify="right", no_wrap=True)
    # named apart from the point's: a narrow screen lists both, one after the other
    result.add_column("Power\nvs base", justify="right", no_wrap=True)

    def ppp(est: Estimate) -> str:
        return money(est.purchasing_power.band.mid) if est.purchasing_power else "no parity"

    result.add_row(
        Text("(base)", style="bold"),
        f"{money(base.band.low)}-{money(base.band.high)}",
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
            f"{money(est.band.low)}-{money(est.band.high)}",
            money(est.band.mid),
            f"{signed_money(v.mid_change)}\n{signed_pct(v.mid_change_pct)}",
            ppp(est),
            ppp_change,
        )
    moved: list[RenderableType] = []
    for v in variants:
        moved.append(Breakable(Text(v.label, style="bold")))
        moved += [Padding(Breakable(move), (0, 0, 0, 2)) for move in variant_moves(v, base)]
    note = Prose(
        "Purchasing power = pay divided by BEA's price parity (2024) where the job is: a metro area's "
        "own, a nonmetro area's state nonmetropolitan portion, else the state's. It is what the pay "
        "buys in national-average dollars, not pay. Moving to a higher-paying state can still buy less. "
        "Puerto Rico has no BEA parity, so none is shown for it.\n"
        + parities_used(base, variants)
        + data_line(data),
        style="dim",
    )
    console().print(Group(result, Text("What moved", style="bold"), *moved, Text(), note))


def parities_used(base: Estimate, variants: list[Variant]) -> str:
    """Which parity each column's purchasing power used, once per place."""
    seen: dict[str, str] = {}
    for est in (base, *(v.estimate for v in variants)):
        ppp = est.purchasing_power
        if ppp is not None and ppp.where not in seen:
            seen[ppp.where] = f"{ppp.where} {ppp.rpp:.1f}" + (f" ({ppp.note})" if ppp.note else "")
    return ("Parities used: " + "; ".join(seen.values()) + ".\n") if seen else ""


def change_label(label: str) -> str:
    """A --vs label, one change a line; the column is no_wrap, so a change is broken after its
    '=' (a break point, output/wrapping.py) only when the table cannot fit it whole."""
    return "\n".join(part.strip() for part in label.split(","))


def base_label(est: Estimate) -> str:
    """The base profile; a location whose band is read from a wider area's figures says whose."""
    d = est.distribution
    wider = f" (read from {d.where})" if d.basis == "fallback" and d.where != location_label(est) else ""
    labels = [a.value.label + (wider if a.name == "state" else "") for a in est.factors]
    return "; ".join([est.role.label, years(est.profile.exp), *labels])


def render_path(paths: list[tuple[str, list[PathPoint]]], data: ReferenceData) -> None:
    con = console()
    parts: list[RenderableType] = []
    for label, points in paths:
        first = points[0].estimate  # the profile the path follows, years apart: its role and factors
        profile = "; ".join([first.role.label] + [a.value.label for a in first.factors])
        result = table(f"Career path: {label}, {profile} ({shown_dollars(first)})")
        result.add_column("Year", justify="right")
        result.add_column("Years", justify="right")  # of experience: "Experience" would not fit 80
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
                f"{est.profile.exp:g}",
                percentile_text(est.percentiles.point),
                level,
                money(est.band.low),
                Text(money(est.band.mid), style="bold"),
                money(est.band.high),
            )
        parts += [result, *percentile_note(first, paths[0][1][0].estimate)]
    parts += path_moves(paths, data)
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
        f"Labor's figures for the wage year {data.method.levels_year}, never aged."
    )
    parts.append(Prose(PATH_NOTE + "\n" + dollars + "\n" + data_line(data), style="dim"))
    con.print(Group(*parts))


def percentile_note(est: Estimate, base: Estimate) -> list[RenderableType]:
    """Where a --vs changes the factors, a line saying the percentile is read before them, as the
    estimate's band heading does: the same percentile beside a higher point is not a mistake."""
    if est.multiplier == base.multiplier:
        return []
    return [
        Prose(
            f"Percentile: where the point sits on {est.distribution.where}'s pay before the factors; "
            f"Low, Point and High are times the factors (×{est.multiplier:.3f}; your profile "  # noqa: RUF001 - meant
            f"×{base.multiplier:.3f}).",  # noqa: RUF001 - the multiplication sign is meant
            style="dim",
        ),
        Text(),
    ]


def path_moves(paths: list[tuple[str, list[PathPoint]]], data: ReferenceData) -> list[RenderableType]:
    """What each --vs path changed, as compare says it, at its first year."""
    if len(paths) < 2:
        return []
    base = paths[0][1][0].estimate
    out: list[RenderableType] = [Text("What moved (year +0)", style="bold")]
    for label, points in paths[1:]:
        moved = variant(label, {}, base, points[0].estimate, data)
        out.append(Breakable(Text(label, style="bold")))
        out += [Padding(Breakable(move), (0, 0, 0, 2)) for move in variant_moves(moved, base)]
    return [*out, Text()]


def render_levels(
    table: LevelTable, check: LevelCheck | None, data: ReferenceData, *, verdict: bool = True
) -> None:
    m, d = data.method, table.distribution
    parts: list[RenderableType] = []
    if check is not None and verdict:  # estimate --levels prints the verdict at its top instead
        parts += [Text(level_sentence(table, check), style="bold"), Text()]
    where = f"{d.where} ({d.label})" if d.basis == "fallback" else d.where  # said at once, not below
    result = flex_table(
        f"Prevailing-wage levels, {table.role.label} ({table.role.soc}), {where}: wage year {m.levels_year}"
    )
    result.add_column("Level", no_wrap=True)
    result.add_column("Annual", justify="right", no_wrap=True)
    result.add_column("Hourly", justify="right", no_wrap=True)
    result.add_column("At percentile", justify="right", no_wrap=True)
    for level in table.levels:
        met = check is not None and check.highest_level_met == level.key
        result.add_row(
            Text(f"{level.key} {level.label}" + (" ◀ met" if met else ""), style="bold" if met else ""),
            money(level.annual),
            f"${level.hourly:,.2f}",
            percentile_text(level.percentile),
        )
    notes = [table.area_note] if table.area_note else []
    notes += [m.levels_label + f" ({m.levels_url})", m.levels_rule, m.interpolation]
    cited = f"{d.source.publisher}, {d.source.title}"  # the release once: the title may name it
    if not d.source.title.startswith(m.levels_release):
        cited = f"{m.levels_release}, {cited}"
    notes.append(f"{distribution_line(d)}; {cited}.")
    if table.reason:
        notes.append(f"{'Fallback' if table.basis == 'fallback' else 'Filled'}: {table.reason}.")
    notes.append(data_line(data))
    if not verdict:  # inside `estimate --levels`: its one footer, printed after this, has these two
        notes = [note for note in notes if note not in (m.interpolation, data_line(data))]
    parts += [result, Prose("\n".join(notes), style="dim")]
    console().print(Group(*parts))
