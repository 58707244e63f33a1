"""Human output: Rich tables and the chart. The only module that prints tables."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from hitsalary.core.calculate import round_money, whole_dollars
from hitsalary.core.decisions import OfferCheck
from hitsalary.core.distribution import imprecision, median_series
from hitsalary.core.errors import escape_controls
from hitsalary.core.growth import dollars_label, month_label
from hitsalary.core.models import Distribution, Estimate, Level, ReferenceData, Source
from hitsalary.core.rounding import percentile_text
from hitsalary.core.text import possessive
from hitsalary.output.chart import Bar, draw
from hitsalary.output.wrapping import Breakable, Prose, breakable, fit, strip_trailing

# a figure that differs from the article is marked, and its footnote starts with the same mark
# ('*' alone is the purchasing-power note of an estimate)
DIFFERS_MARK = "**"
STATUS_LABEL = {"verified": "verified", "as_reported": "as reported", "differs": f"differs{DIFFERS_MARK}"}


def status_label(status: str, origin: str) -> str:
    """A figure's status as the tables show it; one from the user's data file says it is theirs."""
    return STATUS_LABEL[status] + (" (yours)" if origin != "shipped" else "")


BASIS_STYLE = {"measured": "green", "assumed": "yellow", "fallback": "red", "baseline": "dim"}


class StdoutConsole(Console):
    """Rich exits with status 1 on a closed pipe; hand it back to the CLI's one handler instead."""

    def print(self, *objects: Any, **options: Any) -> None:
        """Lines are wrapped to the width before they get here; the one wider, a web address
        longer than the line (output/wrapping.py), is printed whole, not cropped."""
        options.setdefault("crop", False)
        super().print(*objects, **options)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        """The one place text reaches the terminal: control characters in it (an OSC or CSI
        sequence in a label from a user's data file, a path, a roster value) are shown escaped,
        never obeyed. Rich's own style and control codes are added after this, untouched."""
        return strip_trailing(
            super()._render_buffer(
                Segment(escape_controls(text, keep_newlines=True), style) if control is None else segment
                for segment in buffer
                for text, style, control in (segment,)
            )
        )


MIN_WIDTH, MAX_WIDTH = 40, 300  # COLUMNS=0, 1 or 10**12 must still give readable output


def console(file: TextIO | None = None) -> Console:
    """A console on stdout; Rich honours NO_COLOR, TERM=dumb and COLUMNS by itself. The width is
    kept between MIN_WIDTH and MAX_WIDTH whatever COLUMNS says."""
    con = StdoutConsole(file=file or sys.stdout, highlight=False, soft_wrap=False)
    width = min(max(con.width, MIN_WIDTH), MAX_WIDTH)
    if width != con.width:
        con.width = width
    return con


def money(amount: int | None) -> str:
    return "" if amount is None else f"${amount:,}"


def signed_pct(value: float) -> str:
    return f"{value:+.1f}%"


def years(exp: float) -> str:
    return f"{exp:g} year" + ("" if exp == 1 else "s")


def profile_line(est: Estimate) -> str:
    parts = [f"Role: {est.role.label} (BLS {est.role.soc})", f"Experience: {years(est.profile.exp)}"]
    parts += [f"{a.label}: {a.value.label}" for a in reversed(est.factors)]
    return " · ".join(parts)


def ordinal(pct: float) -> str:
    """42.5 -> '42.5th', 17 -> '17th', 33 -> '33rd'."""
    shown = f"{pct:.1f}".rstrip("0").rstrip(".")
    whole = int(pct)
    suffix = (
        "th" if pct != whole or 10 <= whole % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    )
    return shown + suffix


NARROW = 72  # below this many columns, tables are shown as one block per row


class FlexTable:
    """A Rich table when the terminal is wide enough; on a narrow one, each row as a block of
    'column: value' lines, so that no figure is cut short. Same calls as rich.table.Table. Cells
    wrap at spaces and after '-' or '/' (output/wrapping.py), and columns are sized so that no word
    is cut or folded; when that cannot be done the rows are shown as blocks. The title is printed
    above the table, not as Rich's table title, so that it wraps at the terminal's width, not at
    the table's."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
        self.headers: list[str] = []
        self.rows: list[tuple[RenderableType, ...]] = []

    def add_column(self, header: str = "", **options: Any) -> None:
        self.headers.append(" ".join(header.split()))
        self.table.add_column(breakable(header), **options)

    def add_row(self, *cells: RenderableType) -> None:
        self.rows.append(cells)
        self.table.add_row(*(breakable(cell) for cell in cells))

    def add_section(self) -> None:
        self.table.add_section()

    keep_words = False  # when set: blocks, not a table that breaks a line of a wrapping column

    def column_widths(self, console: Console, options: ConsoleOptions) -> list[int] | None:
        """Widths that keep every word whole (wrapping.fit), or None if the terminal is too narrow.
        A no_wrap column (a figure, a range) is kept on one line while the other columns can give
        way; only when they cannot does it break too, at every break point ('$91,800-' '$123,500'),
        so that its column is no wider than what it shows."""
        # the borders as Rich counts them, and one space of padding either side of each column
        room = options.max_width - self.table._extra_width - 2 * len(self.table.columns)
        pieces, maxes = [], []
        for column in self.table.columns:
            sizes = [Measurement.get(console, options, cell) for cell in (column.header, *column.cells)]
            maxes.append(max(size.maximum for size in sizes))
            pieces.append(max(size.minimum for size in sizes))
        columns = list(zip(self.table.columns, pieces, maxes, strict=True))
        wrapping = [most if self.keep_words and not c.no_wrap else least for c, least, most in columns]
        whole = [most if c.no_wrap else least for (c, _, most), least in zip(columns, wrapping, strict=True)]
        broken = [least if c.no_wrap else most for c, least, most in columns]
        return fit(whole, maxes, room) or fit(wrapping, broken, room)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for column in self.table.columns:  # widths of an earlier rendering at another width
            column.width = None
        widths = self.column_widths(console, options) if options.max_width >= NARROW else None
        if widths is not None:
            for column, width in zip(self.table.columns, widths, strict=True):
                column.width = width
            yield Text(self.title, style="bold")
            yield self.table
            return
        yield Breakable(Text(self.title, style="bold"))
        for cells in self.rows:
            yield Breakable(Text(flat(cells[0]), style="bold"))
            for header, cell in zip(self.headers[1:], cells[1:], strict=False):
                value = flat(cell)
                if value:
                    yield Breakable(f"{header + ': ' if header else ''}{value}", indent=2)
        yield Text()


def flat(cell: RenderableType) -> str:
    """A cell's text on one line ('a\nb' becomes 'a / b'; a line that continues the one before,
    '→ 328.3' or '(2024)', follows it after a space)."""
    text = cell.plain if isinstance(cell, Text | Breakable) else str(cell)
    joined = ""
    for part in (part for part in text.split("\n") if part.strip()):
        # a line broken after '-' or '=' ('$69,650-' '$102,154') joins back without a separator
        if not joined or joined.endswith(("-", "=")):
            joined += part
        else:
            joined += (" " if part.startswith(("→", "(")) else " / ") + part
    return joined


def table(title: str) -> FlexTable:
    return FlexTable(title)


def band_table(est: Estimate) -> FlexTable:
    d = est.distribution
    low, point, high = (
        percentile_text(p) for p in (est.percentiles.low, est.percentiles.point, est.percentiles.high)
    )
    result = table(
        f"Your band: {d.where} {est.role.soc} pay from percentile {low} to {high} "
        f"(point: {point}), times the factors below, in {shown_dollars(est)}"
    )
    result.add_column("")
    for name in ("Low", "Point", "High"):
        result.add_column(name, justify="right")
    b = est.band
    result.add_row("Annual", money(b.low), Text(money(b.mid), style="bold"), money(b.high))
    result.add_row("Hourly", *(f"${h:,.2f}" for h in est.hourly))
    ppp = est.purchasing_power
    if ppp is not None:
        result.add_row(
            Text("Purchasing power*", style="dim"),
            *(Text(money(v), style="dim") for v in (ppp.band.low, ppp.band.mid, ppp.band.high)),
        )
    return result


def survey_label(est: Estimate) -> str:
    """The dollars the distribution and the experience rule are in: 'May 2025 (survey) dollars'."""
    return dollars_label(None, est.distribution.source.as_of or f"{est.distribution.source.year}-05")


def shown_dollars(est: Estimate) -> str:
    """'March 2026 dollars' (aged by the ECI) or 'May 2025 (survey) dollars'."""
    return dollars_label(est.growth, est.distribution.source.as_of or f"{est.distribution.source.year}-05")


def growth_row(est: Estimate) -> tuple[Text, str, Text] | None:
    """The method table's last step: the survey month's band brought to today's dollars."""
    g = est.growth
    if g is None:
        return None
    if g.basis == "measured":
        step = f"{month_label(g.survey_month)} to {month_label(g.month)} dollars"
        where = g.statistic
        if g.source is not None:
            where += f" ({release(g.source)})"
    else:
        step = f"none: {month_label(g.survey_month)} survey dollars"
        where = g.reason or "--survey-dollars: the OEWS survey month's dollars, not aged"
    return (
        Text.assemble(("Wage growth: ", "bold"), step, "\n", (where, "dim")),
        f"{g.multiplier:.4f}",
        Text(g.basis, style=BASIS_STYLE[g.basis]),
    )


def purchasing_power_note(est: Estimate, data: ReferenceData) -> str:
    ppp = est.purchasing_power
    state = data.states[est.profile.state].name if est.profile.state in data.states else "the nation"
    if ppp is None:
        return (
            f"No purchasing-power figure for {state}: BEA publishes no regional price "
            "parity for it, and hitsalary does not guess one."
        )
    note = f" {ppp.note}." if ppp.note else ""
    elsewhere = priced_elsewhere(est).removeprefix("; ")  # a fallback: the wider area's band, here
    if elsewhere:
        note += f" {elsewhere}, so it can read above a nearby area's, whose pay is measured."
    return (
        f"* Purchasing power is not pay: the band divided by the price parity of {ppp.where}, "
        f"{ppp.rpp:.1f} (US = 100; {ppp.source.publisher}, {ppp.source.title}, released "
        f"{ppp.source.released}), so in national-average dollars.{note}"
    )


def priced_elsewhere(est: Estimate) -> str:
    """A fallback's purchasing power: the wider area's band at the prices where the job is, not
    pay measured there."""
    d, place = est.distribution, location_label(est)
    if d.basis != "fallback" or est.purchasing_power is None or d.where == place:
        return ""
    return f"; {place}: {possessive(d.where)} band at the prices there, not pay measured there"


def location_label(est: Estimate) -> str:
    """The place of the job, as the location factor names it."""
    return next((a.value.label for a in est.factors if a.name == "state"), est.distribution.where)


def years_range(level: Level, levels: tuple[Level, ...]) -> str:
    """The years a level covers, from the data: 'under 3 years', '3 to under 8 years', '8+ years'."""
    following = [other.min_years for other in levels if other.min_years > level.min_years]
    if not following:
        return f"{level.min_years:g}+ years"
    if not level.min_years:
        return f"under {following[0]:g} years"
    return f"{level.min_years:g} to under {following[0]:g} years"


def release(source: Source) -> str:
    """Publisher and release of a figure, as every row of the method table names them; its year
    where neither the title nor a release date says it."""
    when = f", released {source.released}" if source.released else ""
    if not when and str(source.year) not in source.title:
        when = f", {source.year}"
    return f"{source.publisher}, {source.title}{when}"


def method_table(est: Estimate, data: ReferenceData) -> FlexTable:
    """How the band was reached: the place in the distribution, then each factor, with its basis."""
    unit = data.method.rounding_unit
    result = table(
        f"How it was reached: {est.role.title} ({est.role.soc}) pay, then one multiplier per factor"
    )
    result.add_column("Step and where its number comes from", ratio=1)
    result.add_column("×", justify="right", no_wrap=True)  # noqa: RUF001 - the multiplication sign is meant
    result.add_column("Basis", no_wrap=True)
    d, point = est.distribution, percentile_text(est.percentiles.point)
    result.add_row(
        Text.assemble(
            ("Experience: ", "bold"),
            f"{years(est.profile.exp)} → {money(round_money(est.base[1], unit))} on "
            f"{possessive(d.where)} wage levels (percentile {point}; {survey_label(est)})\n",
            (f"{distribution_line(d)} ({release(d.source)})", "dim"),
        ),
        "",
        Text("assumed", style=BASIS_STYLE["assumed"]),
    )
    for applied in est.factors:
        v = applied.value
        where = v.statistic + (f". {v.reason}" if v.reason else "")
        if v.basis != "baseline" or v.series:
            where += f" ({release(v.source)})"
        result.add_row(
            Text.assemble((f"{applied.label}: ", "bold"), v.label, "\n", (where, "dim")),
            f"{v.multiplier:.3f}",
            Text(v.basis, style=BASIS_STYLE[v.basis]),
        )
    result.add_row(Text("All factors", style="bold"), Text(f"{est.multiplier:.3f}", style="bold"), "")
    growth = growth_row(est)
    if growth is not None:
        result.add_row(*growth)
    return result


def distribution_line(d: Distribution) -> str:
    """The distribution used, where it comes from, and how precise BLS says it is, in one line."""
    filled = set(d.filled)
    points = ", ".join(
        f"{ordinal(pct)} {money(whole_dollars(wage))}" + (" (filled)" if pct in filled else "")
        for pct, wage in d.points
    )
    mean = f"mean {money(whole_dollars(d.mean))}" + (
        "" if d.mean_basis == "published" else f" ({d.mean_basis})"
    )
    series = f"(median: series {median_series(d.series_id)})"
    return f"Distribution: {d.where} ({d.label}): {points}, {mean}; {precision_text(d)} {series}"


def precision_text(d: Distribution) -> str:
    rse = f"wage RSE {d.wage_rse:g}%" if d.wage_rse is not None else "wage RSE not published"
    jobs = f"employment {d.employment:,}" if d.employment is not None else "employment not published"
    said = imprecision(d)
    return f"{rse}, {jobs}" + (f"; {said}" if said else "")


def comparison_table(est: Estimate) -> FlexTable:
    result = table(
        f"Your point ({money(est.band.mid)}, {shown_dollars(est)}) against published figures "
        "(each in its own year's dollars)"
    )
    result.add_column("Source, what it measures, for whom", ratio=1)
    result.add_column("Figure / range", justify="right", no_wrap=True)
    result.add_column("You vs it", justify="right", no_wrap=True)
    result.add_column("Year, status", no_wrap=True)
    for c in est.comparisons:
        r = c.reference
        figure = money(r.figure)
        if r.low is not None and r.high is not None:
            figure += f"\n{money(r.low)}-{money(r.high)}"
        scope = f"\n{r.scope}" if r.scope else ""
        result.add_row(
            Text.assemble((r.label, "bold"), "\n", (f"{r.title}: {r.statistic}{scope}", "dim")),
            figure,
            signed_pct(c.delta_pct),
            f"{r.year}\n{status_label(r.status, r.source.origin)}",
        )
    return result


def article_view(est: Estimate, data: ReferenceData) -> Text:
    level, source = est.level, data.sources["levels"]
    return Text.assemble(
        ("The article's view: ", "bold"),
        f"{level.label} ({years_range(level, data.levels)}), {money(level.low)}-{money(level.high)} for all "
        f"of healthcare IT, nationally, as the salary guide this tool started from gives it ({source.year}; "
        "not checked against a primary source).",
    )


def chart_bars(est: Estimate) -> list[Bar]:
    bars = [Bar("You", est.band.mid, est.band.low, est.band.high, style="bold green")]
    for c in est.comparisons:
        r = c.reference
        bars.append(Bar(r.label, r.figure, r.low, r.high))
    return bars


def footnotes(est: Estimate, data: ReferenceData) -> Text:
    method = data.method
    lines = [
        f"Rule: {method.rule} {method.band_rule} {method.interpolation}",
        f"Rounding: {method.rounding_rule}",
        "The band is read from the area's own distribution; employer and education multiply it as "
        "if independent of the area: OEWS publishes no area-by-industry figures for these occupations.",
        purchasing_power_note(est, data),
        f"Dollars: the band is in {shown_dollars(est)}; published figures and the Department of "
        "Labor's wage levels keep their own year's dollars (the levels are never aged)."
        + (f" Wage growth: {est.growth.rule}." if est.growth and est.growth.basis == "measured" else ""),
    ]
    for c in est.comparisons:
        article = c.reference.article
        if article:
            lines.append(
                f"{DIFFERS_MARK} {c.reference.publisher}: the article gives {money(article.figure)} "
                f"({article.year}) for the {article.claim}; {article.reason}. "
                f"Shown instead: {money(c.reference.figure)} (May {c.reference.year})."
            )
    lines.append(
        "As reported = quoted by the article, not checked against a primary copy. "
        "BLS wages are base pay; Glassdoor's figure includes bonuses."
    )
    lines.append(data_line(data))
    return Prose("\n".join(lines), style="dim")


def signed_money(amount: int) -> str:
    return f"+${amount:,}" if amount >= 0 else f"-${-amount:,}"


def offer_section(offer: OfferCheck, est: Estimate) -> list[RenderableType]:
    result = table(f"Your offer of {money(offer.amount)} against published figures")
    result.add_column("Figure", ratio=1)
    result.add_column("Amount", justify="right", no_wrap=True)
    result.add_column("Offer vs it", justify="right", no_wrap=True)
    result.add_row(
        "Your band (Low / Point / High)",
        f"{money(est.band.low)} / {money(est.band.mid)} / {money(est.band.high)}",
        offer.position,
    )
    for ref in offer.references:
        r = ref.reference
        figure = money(r.figure)
        if r.low is not None and r.high is not None:  # the range its statistic names, as the table above
            figure += f"\n{money(r.low)}-{money(r.high)}"
        result.add_row(
            f"{r.label}: {r.statistic}",
            figure,
            f"{signed_money(ref.difference)} ({signed_pct(ref.difference_pct)})",
        )
    return [result]


def source_line(est: Estimate) -> str:
    """Which distribution the band is read from, and why, on one line under the header."""
    d = est.distribution
    line = f"Read from {d.where} ({d.label})" + (f": {d.reason}" if d.reason else "")
    precision = precision_text(d)
    return line + (f". {precision[:1].upper()}{precision[1:]}." if d.imprecise else ".")


def data_line(data: ReferenceData) -> str:
    origin = f"your file {data.user_file} over the shipped data" if data.user_file else "shipped data"
    return f"Data: {origin}. `hitsalary sources` lists every figure with its source."


def render_estimate(
    est: Estimate,
    data: ReferenceData,
    *,
    offer: OfferCheck | None = None,
    verdicts: tuple[str, ...] = (),
    before_footer: Callable[[], None] | None = None,
    out: Console | None = None,
) -> None:
    con = out or console()
    header = Text.assemble(("Healthcare IT salary estimate\n", "bold"), profile_line(est))
    bars = chart_bars(est)
    parts: list[RenderableType] = [header, Text(source_line(est))]
    if est.outside:
        parts.append(Text(f"Note: {est.outside}.", style="yellow"))
    parts.append(Text())
    if offer is not None:  # the verdicts first: they are what the person asked
        parts += [Text(offer.sentence(est), style="bold"), *(Text(v, style="bold") for v in verdicts), Text()]
    parts += [
        band_table(est),
        method_table(est, data),
        article_view(est, data),
        Text(),
        comparison_table(est),
    ]
    if offer is not None:
        parts += offer_section(offer, est)
        bars.insert(1, Bar("Offer", offer.amount, style="bold yellow", marker="◆"))
    legend = "● = your point / the figure; ━ = range" + ("; ◆ = the offer" if offer else "")
    parts += [Text(f"Where you stand ({legend})", style="bold"), draw(bars, con.width), Text()]
    if before_footer is not None:  # what follows the estimate (its wage levels) comes before the
        con.print(Group(*parts))  # one footer, which is printed last
        before_footer()
        parts = [Text()]
    parts.append(footnotes(est, data))
    con.print(Group(*parts))


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr; the callback takes how many bytes are done."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    columns = (BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("batch", total=total)
        yield lambda done: progress.update(task, completed=done)
