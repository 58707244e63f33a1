"""Human output for `sources`, `outlook` and `states`."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.text import Text

from hitsalary.catalog import Figure, Outlook, StateRow, release
from hitsalary.models import GrowthClaim, Projection, ReferenceData
from hitsalary.render import STATUS_LABEL, console, data_line, money, table


def figure_cell(row: Figure) -> str:
    parts = [money(row.figure)] if row.figure is not None else []
    if row.low is not None and row.high is not None:
        parts.append(f"{money(row.low)}-{money(row.high)}")
    return "\n".join(parts)


def render_sources(rows: list[Figure], data: ReferenceData) -> None:
    result = table("Every figure hitsalary ships")
    result.add_column("Publisher and what it measures", ratio=1)
    result.add_column("Figure / range", justify="right", no_wrap=True)
    result.add_column("Year", justify="right", no_wrap=True)
    result.add_column("Status", no_wrap=True)
    group = None
    for row in rows:
        if row.group != group:
            group = row.group
            result.add_section()
            result.add_row(Text(group, style="bold underline"), "", "", "")
        status = STATUS_LABEL[row.status] + (" (yours)" if row.origin != "shipped" else "")
        details = f"{row.measure}\n{row.release}" + (f"\n{row.url}" if row.url else "")
        result.add_row(
            Text.assemble((row.publisher, "bold"), "\n", (details, "dim")),
            figure_cell(row),
            str(row.year),
            status,
        )
    notes = [
        f"* {money(r.article.figure)} in the article ({r.article.year}): {r.article.reason}."
        for r in rows
        if r.article
    ]
    notes.append(
        "verified = checked against the primary BLS/BEA file; as reported = quoted by the seed "
        "article, no primary copy; differs = the article's number is not the primary figure."
    )
    notes.append(data_line(data))
    console().print(Group(result, Text("\n".join(notes), style="dim")))


def change(projection: Projection) -> str:
    return f"{projection.change_pct:+g}%"


def render_outlook(rows: list[Outlook], claims: tuple[GrowthClaim, ...], data: ReferenceData) -> None:
    editions = Counter(row.newest.edition for row in rows)
    common = editions.most_common(1)[0][0]
    result = table("BLS employment projections, newest edition first")
    result.add_column("Occupation", ratio=1)
    result.add_column(f"Growth\n{common}", justify="right", no_wrap=True)
    result.add_column("Jobs\n(thousands)", justify="right")
    result.add_column("Median\nwage", justify="right", no_wrap=True)
    result.add_column("Earlier\neditions", justify="right")
    for row in rows:
        new = row.newest
        jobs = ""
        if new.jobs_start_thousands is not None and new.jobs_end_thousands is not None:
            jobs = f"{new.jobs_start_thousands:,.1f}\n→ {new.jobs_end_thousands:,.1f}"
        wage = f"{money(new.median_wage)}" + (f"\n({new.median_wage_year})" if new.median_wage_year else "")
        growth = change(new) + ("" if new.edition == common else f"\n({new.edition})")
        earlier = "\n".join(
            f"{p.edition}: {change(p)}{'†' if p.secondary_copy else ''}" for p in row.editions[1:]
        )
        result.add_row(f"{row.title} ({row.soc})", growth, jobs, wage, earlier)
    verdicts = table("What the article says, against the projections")
    verdicts.add_column("The article says", ratio=1)
    verdicts.add_column("Status", no_wrap=True)
    verdicts.add_column("What BLS says", ratio=1)
    for claim in claims:
        verdicts.add_row(claim.claim, STATUS_LABEL[claim.status].rstrip("*"), claim.reason)
    note = Text(
        "Growth is the change in employment over the decade of each edition. "
        "† read from a transcribed or secondary copy, not the BLS table itself.\n" + data_line(data),
        style="dim",
    )
    console().print(Group(result, verdicts, note))


def render_states(rows: list[StateRow], data: ReferenceData) -> None:
    wage = data.sources["state_wages"]
    rpp = data.sources["bea_rpp"]
    result = table("Location factors: state wage over national wage, and what it buys")
    result.add_column("State")
    result.add_column("BLS mean wage", justify="right")
    result.add_column("Factor", justify="right")
    result.add_column("BEA price parity", justify="right")
    result.add_column("Purchasing power", justify="right")
    for row in rows:
        result.add_row(
            f"{row.name} ({row.code})",
            money(row.annual_mean),
            f"{row.factor:.3f}",
            f"{row.rpp:.1f}" if row.rpp is not None else "none published",
            f"{row.purchasing_power:.1f}" if row.purchasing_power is not None else "n/a",
        )
    note = Text(
        f"Wage: {wage.publisher}, {wage.title}, {wage.series} annual mean; national "
        f"{money(data.national_mean)}. Factor = state wage / national wage.\n"
        f"Price parity: {rpp.publisher}, {release(rpp)}; US = 100. Purchasing power = factor / "
        "(parity / 100) x 100: 100 buys what the national average wage buys. BEA publishes no "
        "parity for Puerto Rico.\n" + data_line(data),
        style="dim",
    )
    console().print(Group(result, note))
