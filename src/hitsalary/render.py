"""Human output: Rich tables and the chart. The only module that prints tables."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from hitsalary.chart import Bar, draw
from hitsalary.decisions import OfferCheck
from hitsalary.errors import escape_controls
from hitsalary.models import Estimate, Level, ReferenceData

STATUS_LABEL = {"verified": "verified", "as_reported": "as reported", "differs": "differs**"}
BASIS_STYLE = {"measured": "green", "directional": "yellow", "baseline": "dim"}


class StdoutConsole(Console):
    """Rich exits with status 1 on a closed pipe; hand it back to the CLI's one handler instead."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        """The one place text reaches the terminal: control characters in it (an OSC or CSI
        sequence in a label from a user's data file, a path, a roster value) are shown escaped,
        never obeyed. Rich's own style and control codes are added after this, untouched."""
        return super()._render_buffer(
            Segment(escape_controls(text, keep_newlines=True), style) if control is None else segment
            for segment in buffer
            for text, style, control in (segment,)
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
    parts = [f"Experience: {years(est.profile.exp)}"]
    parts += [f"{a.label}: {a.value.label}" for a in est.factors]
    return " · ".join(parts)


NARROW = 72  # below this many columns, tables are shown as one block per row


class FlexTable:
    """A Rich table when the terminal is wide enough; on a narrow one, each row as a block of
    'column: value' lines, so that no figure is cut short. Same calls as rich.table.Table."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.table = Table(
            title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, padding=(0, 1)
        )
        self.headers: list[str] = []
        self.rows: list[tuple[RenderableType, ...]] = []

    def add_column(self, header: str = "", **options: Any) -> None:
        self.headers.append(" ".join(header.split()))
        self.table.add_column(header, **options)

    def add_row(self, *cells: RenderableType) -> None:
        self.rows.append(cells)
        self.table.add_row(*cells)

    def natural_width(self, console: Console, options: ConsoleOptions) -> int:
        """The width at which no cell's line has to wrap."""
        return Measurement.get(console, options.update(width=10_000), self.table).maximum

    def add_section(self) -> None:
        self.table.add_section()

    keep_words = False  # when set: blocks, not a table that breaks a cell's line, if it cannot fit

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fits = not self.keep_words or self.natural_width(console, options) <= options.max_width
        if options.max_width >= NARROW and fits:
            yield self.table
            return
        yield Text(self.title, style="bold")
        for cells in self.rows:
            yield Text(flat(cells[0]), style="bold")
            for header, cell in zip(self.headers[1:], cells[1:], strict=False):
                value = flat(cell)
                if value:
                    yield Padding(Text(f"{header + ': ' if header else ''}{value}"), (0, 0, 0, 2))
        yield Text()


def flat(cell: RenderableType) -> str:
    """A cell's text on one line ('a\nb' becomes 'a / b')."""
    text = cell.plain if isinstance(cell, Text) else str(cell)
    joined = ""
    for part in (part for part in text.split("\n") if part.strip()):
        # a line broken after '-' or '=' ('$69,650-' '$102,154') joins back without a separator
        joined += part if not joined or joined.endswith(("-", "=")) else " / " + part
    return joined


def table(title: str) -> FlexTable:
    return FlexTable(title)


def band_table(est: Estimate, levels: tuple[Level, ...]) -> FlexTable:
    level = est.level
    result = table(
        f"Your band: {level.label} ({years_range(level, levels)}), "
        f"{money(level.low)}-{money(level.high)} before factors"
    )
    result.add_column("")
    for name in ("Low", "Mid", "High"):
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


def purchasing_power_note(est: Estimate) -> str:
    ppp = est.purchasing_power
    if ppp is None:
        return (
            f"* No purchasing-power figure for {est.factors[-1].value.label}: BEA publishes no "
            "regional price parity for it, and hitsalary does not guess one."
        )
    return (
        f"* Purchasing power is not pay: the band in national-average dollars, divided by the "
        f"price parity {ppp.rpp:.1f} (US = 100; {ppp.source.publisher}, {ppp.source.title}, "
        f"released {ppp.source.released})."
    )


def years_range(level: Level, levels: tuple[Level, ...]) -> str:
    """The years a level covers, from the data: 'under 3 years', '3 to under 8 years', '8+ years'."""
    following = [other.min_years for other in levels if other.min_years > level.min_years]
    if not following:
        return f"{level.min_years:g}+ years"
    if not level.min_years:
        return f"under {following[0]:g} years"
    return f"{level.min_years:g} to under {following[0]:g} years"


def factor_table(est: Estimate) -> FlexTable:
    result = table("How each factor moved it")
    result.add_column("Factor", no_wrap=True)
    result.add_column("Value")
    result.add_column("×", justify="right", no_wrap=True)  # noqa: RUF001 - the multiplication sign is meant
    result.add_column("Basis", no_wrap=True)
    result.add_column("Where the number comes from", ratio=1)
    for applied in est.factors:
        v = applied.value
        result.add_row(
            applied.label,
            v.label,
            f"{v.multiplier:.3f}",
            Text(v.basis, style=BASIS_STYLE[v.basis]),
            v.note or v.source.cite(),
        )
    result.add_row(Text("All factors", style="bold"), "", Text(f"{est.multiplier:.3f}", style="bold"), "", "")
    return result


def comparison_table(est: Estimate) -> FlexTable:
    result = table(f"Your mid ({money(est.band.mid)}) against published figures")
    result.add_column("Source and what it measures", ratio=1)
    result.add_column("Figure / range", justify="right", no_wrap=True)
    result.add_column("Year", justify="right", no_wrap=True)
    result.add_column("You vs it", justify="right", no_wrap=True)
    result.add_column("Status", no_wrap=True)
    for c in est.comparisons:
        r = c.reference
        figure = money(r.figure)
        if r.low is not None and r.high is not None:
            figure += f"\n{money(r.low)}-{money(r.high)}"
        result.add_row(
            Text.assemble((r.label, "bold"), "\n", (f"{r.title}: {r.statistic}", "dim")),
            figure,
            str(r.year),
            signed_pct(c.delta_pct),
            STATUS_LABEL[r.status],
        )
    return result


def chart_bars(est: Estimate) -> list[Bar]:
    bars = [Bar("You", est.band.mid, est.band.low, est.band.high, style="bold green")]
    for c in est.comparisons:
        r = c.reference
        bars.append(Bar(r.label, r.figure, r.low, r.high))
    return bars


def footnotes(est: Estimate, data: ReferenceData) -> Text:
    lines = [purchasing_power_note(est)]
    for c in est.comparisons:
        article = c.reference.article
        if article:
            lines.append(
                f"** {c.reference.publisher}: the article gives {money(article.figure)} "
                f"({article.year}) for the {article.claim}; {article.reason}. "
                f"Shown instead: {money(c.reference.figure)} (May {c.reference.year})."
            )
    lines.append(
        "As reported = quoted by the seed article, not checked against a primary copy. "
        "BLS wages are base pay; Glassdoor's figure includes bonuses."
    )
    lines.append(data_line(data))
    return Text("\n".join(lines), style="dim")


def data_line(data: ReferenceData) -> str:
    origin = f"your file {data.user_file} over the shipped data" if data.user_file else "shipped data"
    return f"Data: {origin}. `hitsalary sources` lists every figure with its source."


def render_estimate(
    est: Estimate, data: ReferenceData, *, offer: OfferCheck | None = None, out: Console | None = None
) -> None:
    con = out or console()
    header = Text.assemble(("Healthcare IT salary estimate\n", "bold"), profile_line(est))
    bars = chart_bars(est)
    parts: list[RenderableType] = [
        header,
        Text(),
        band_table(est, data.levels),
        factor_table(est),
        comparison_table(est),
    ]
    if offer is not None:
        from hitsalary.render_decisions import offer_section

        parts += offer_section(offer, est)
        bars.insert(1, Bar("Offer", offer.amount, style="bold yellow", marker="◆"))
    legend = "● = your mid / the figure; ━ = range" + ("; ◆ = the offer" if offer else "")
    parts += [Text(f"Where you stand ({legend})", style="bold"), draw(bars, con.width), Text()]
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
