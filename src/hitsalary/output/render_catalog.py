"""Human output for `sources`, `outlook` and `states`."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.text import Text

from hitsalary.core.catalog import (
    AreaRow,
    FactorBasis,
    Figure,
    MethodValue,
    Outlook,
    RoleRow,
    StateRow,
    release,
)
from hitsalary.core.distribution import precision_rule
from hitsalary.core.models import GrowthClaim, Method, Projection, ReferenceData, Role
from hitsalary.output.render import (
    DIFFERS_MARK,
    STATUS_LABEL,
    FlexTable,
    console,
    data_line,
    money,
    status_label,
    table,
)
from hitsalary.output.wrapping import Prose

IMPRECISE_MARK = "†"  # a place whose own figures fail the precision rule (method.yaml `precision`)


# said under both tables: the estimate's Location row reads x1.000 where these read 1.485 (a trial)
NOT_APPLIED = (
    "An estimate does not multiply its band by it: the band is read from the area's own distribution "
    "(or the one that stands in for it), so its Location row reads 1.000."
)


def imprecise_note(marked: int, total: int, whose: str, method: Method) -> str:
    """The footnote to the places marked imprecise; nothing where none is."""
    if not marked:
        return ""
    return (
        f"{IMPRECISE_MARK} imprecise ({marked} of {total}): {whose} figures fail the precision rule, "
        f"{precision_rule(method)}.\n"
    )


def figure_cell(row: Figure) -> str:
    parts = [money(row.figure)] if row.figure is not None else []
    if row.low is not None and row.high is not None:
        parts.append(f"{money(row.low)}-{money(row.high)}")
    return "\n".join(parts)


def method_table(values: list[MethodValue]) -> FlexTable:
    """hitsalary's own method values: each as shown elsewhere, its basis and its source."""
    own = table("hitsalary's own method values, and where each comes from")
    own.add_column("Method value", ratio=1)
    own.add_column("Basis", no_wrap=True)
    own.add_column("Source", ratio=1)
    for v in values:
        yours = " (yours)" if v.source.origin != "shipped" else ""
        own.add_row(
            Text.assemble((v.name, "bold"), "\n", v.shown),
            v.basis,
            f"{v.source.publisher}, {v.source.title}, {v.source.year}{yours}",
        )
    return own


def render_sources(
    rows: list[Figure],
    bases: list[FactorBasis],
    values: list[MethodValue],
    data: ReferenceData,
    *,
    role: Role | None,
) -> None:
    how = table("How each factor of an estimate is obtained")
    how.add_column("Factor", no_wrap=True)
    how.add_column("Basis", no_wrap=True)
    how.add_column("How, and from what", ratio=1)
    for b in bases:
        how.add_row(b.label, b.basis, f"{b.how}\n{b.source.publisher}, {release(b.source)}")
    own = method_table(values)
    title = "Every figure an estimate can use" + (
        f" (with {role.label}'s state and industry figures)" if role else ""
    )
    result = table(title)
    result.add_column("Publisher and what it measures", ratio=1, overflow="fold")
    result.add_column("Figure / range", justify="right", no_wrap=True)
    result.add_column("Year", justify="right", no_wrap=True)
    result.add_column("Status", no_wrap=True)
    group = None
    for row in rows:
        if row.group != group:
            group = row.group
            result.add_section()
            result.add_row(Text(group, style="bold underline"), "", "", "")
        status = status_label(row.status, row.origin)
        details = f"{row.measure}\n{row.release}" + (f"\n{row.url}" if row.url else "")
        if row.note:
            details += f"\n{row.note}"
        result.add_row(
            Text.assemble((row.publisher, "bold"), "\n", (details, "dim")),
            figure_cell(row),
            str(row.year),
            status,
        )
    notes = [
        f"{DIFFERS_MARK} {money(r.article.figure)} in the article ({r.article.year}): {r.article.reason}."
        for r in rows
        if r.article
    ]
    notes.append(
        "verified = checked against the primary BLS/BEA file; as reported = as its publisher or "
        "the article states it, not checked against a primary copy; differs = the article's number "
        "is not the primary figure."
    )
    if role is None:
        notes.append(
            "Each role's figures in every state and employer industry: hitsalary sources --role ROLE "
            "(or hitsalary states --role ROLE)."
        )
    notes.append(data_line(data))
    console().print(Group(how, own, result, Prose("\n".join(notes), style="dim")))


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
        verdicts.add_row(claim.claim, STATUS_LABEL[claim.status].removesuffix(DIFFERS_MARK), claim.reason)
    note = Prose(
        "Growth is the change in employment over the decade of each edition. "
        "† read from a transcribed or secondary copy, not the BLS table itself.\n" + data_line(data),
        style="dim",
    )
    console().print(Group(result, verdicts, note))


def render_states(rows: list[StateRow], role: Role, data: ReferenceData) -> None:
    rpp = data.sources["bea_rpp"]
    national = data.national[role.soc]
    result = table(f"Location factors for {role.label} ({role.soc}): state median over national median")
    result.add_column("State", ratio=1)
    for header in ("Employed", "Median", "Factor"):
        result.add_column(header, justify="right", no_wrap=True)
    result.add_column("Basis", no_wrap=True)
    for header in ("Parity", "Buys"):
        result.add_column(header, justify="right", no_wrap=True)
    for row in rows:
        result.add_row(
            f"{row.name} ({row.code})" + (f" {IMPRECISE_MARK}" if row.imprecise else ""),
            f"{row.employment:,}" if row.employment is not None else "n/r",
            money(row.median) if row.median is not None else "n/r",
            f"{row.value.multiplier:.3f}",
            row.value.basis,
            f"{row.rpp:.1f}" if row.rpp is not None else "none",
            f"{row.purchasing_power:.1f}" if row.purchasing_power is not None else "n/a",
        )
    fallbacks = [f"{row.code}: {row.value.reason}" for row in rows if row.value.reason]
    note = Prose(
        f"Median: {national.source.publisher}, {release(national.source)}; national {role.soc} median "
        f"{money(national.median)}. Factor = state median / national median. {NOT_APPLIED} "
        "n/r = not released by BLS.\n"
        + ("Fallbacks: " + "; ".join(fallbacks) + ".\n" if fallbacks else "")
        + imprecise_note(sum(row.imprecise for row in rows), len(rows), "the state's", data.method)
        + f"Parity: {rpp.publisher}, {release(rpp)}; US = 100. Buys = purchasing power = factor / "
        "(parity / 100) x 100: 100 buys what the national median buys. BEA publishes no "
        "parity for Puerto Rico.\n" + data_line(data),
        style="dim",
    )
    console().print(Group(result, note))


def render_roles(rows: list[RoleRow], data: ReferenceData) -> None:
    result = table("Healthcare IT roles and the BLS occupation each is measured by")
    result.add_column("Role (--role)", ratio=2, overflow="fold")
    result.add_column("BLS occupation", ratio=2, overflow="fold")
    result.add_column("Median", justify="right", no_wrap=True)
    result.add_column("Typical entry education", ratio=1, overflow="fold")
    result.add_column("Also accepted", ratio=3, overflow="fold")
    for row in rows:
        role = row.role
        result.add_row(
            Text.assemble((role.key, "bold"), "\n", (role.label, "dim")),
            f"{role.soc}\n{role.title}",
            money(row.median),
            row.entry_education or "",
            ", ".join(alias.replace("-", " ") for alias in role.aliases),
        )
    source, entry = data.sources["oews_2025"], data.sources["entry_education"]
    why = "\n".join(f"{row.role.key}: {row.role.why}" for row in rows)
    note = Prose(
        f"Medians: {source.publisher}, {release(source)}, all industries.\n"
        f"Typical entry education: {entry.publisher}, {entry.title}; it is the education baseline "
        "(x1.000) and the default --education for the role.\n"
        "--role also takes a SOC code (15-1212, or 15-1212.00 as an LCA shows it) where only one "
        "role has it; a code several roles share names them.\n"
        f"Why each occupation:\n{why}\n" + data_line(data),
        style="dim",
    )
    console().print(Group(result, note))


def render_areas(rows: list[AreaRow], role: Role, state: str | None, data: ReferenceData) -> None:
    national = data.national[role.soc]
    where = data.states[state].name if state else "every state"
    result = table(f"{role.label} ({role.soc}) by metro and nonmetro area, {where}")
    result.add_column("Area", ratio=1)
    result.add_column("Code", no_wrap=True)
    result.add_column("Employed", justify="right", no_wrap=True)
    result.add_column("BLS median", justify="right", no_wrap=True)
    result.add_column("Factor", justify="right", no_wrap=True)
    result.add_column("Basis", no_wrap=True)
    for row in rows:
        result.add_row(
            row.area.name + (f" {IMPRECISE_MARK}" if row.imprecise else ""),
            row.area.code,
            f"{row.employment:,}" if row.employment is not None else "n/r",
            money(row.median) if row.median is not None else "n/r",
            f"{row.value.multiplier:.3f}",
            row.value.basis,
        )
    fallbacks = sum(1 for row in rows if row.value.basis == "fallback")
    fall = "falls" if fallbacks == 1 else "fall"
    imprecise = imprecise_note(sum(row.imprecise for row in rows), len(rows), "the area's", data.method)
    source = national.source
    note = Prose(
        f"{source.publisher}, {release(source)}. Factor = the area's {role.soc} median / national median "
        f"{money(national.median)}. {NOT_APPLIED} n/r = not released by BLS. {fallbacks} of {len(rows)} "
        f"areas {fall} back: "
        "where BLS publishes no median for the role in an area, the state's factor stands in "
        "(`--json` gives each reason).\n" + imprecise + data_line(data),
        style="dim",
    )
    console().print(Group(result, note))
