"""The report's tables and footer, as HTML built from the estimate's JSON document: the same
figures `hitsalary estimate --levels --json` prints, every value escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from hitsalary.core.rounding import percentile_text
from hitsalary.output.report_factors import BASIS_WORDS, times
from hitsalary.output.report_svg import esc, money

STATUS_WORDS = {"verified": "verified", "as_reported": "as reported", "differs": "differs"}


def cents(value: float | None) -> str:
    return "" if value is None else f"${value:,.2f}"


def pct(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return ""
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def link(url: str | None, words: str | None = None) -> str:
    """A link only to a web address; any other scheme (javascript:, data:) stays plain text."""
    if not url:
        return ""
    shown = esc(words if words is not None else url)
    if not url.lower().startswith(("https://", "http://")):
        return shown
    return f'<a href="{esc(url)}">{shown}</a>'


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: set[int]) -> str:
    """A table whose cells are HTML already escaped; on a phone each row becomes a block whose
    cells are prefixed with their column's name (data-label)."""
    head = "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{esc(h)}</th>' for i, h in enumerate(headers)
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td data-label="{esc(h)}"{" class=num" if i in numeric else ""}>{cell}</td>'
            for i, (h, cell) in enumerate(zip(headers, row, strict=True))
        )
        body.append(f"<tr>{cells}</tr>")
    rows_html = "".join(body)
    head_html = f"<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
    return f"<table>{head_html}<tbody>{rows_html}</tbody></table>"


def estimate_table(est: dict[str, Any]) -> str:
    band, hourly, where, ppp = est["band"], est["hourly"], est["percentiles"], est.get("purchasing_power")
    rows = [
        [esc(name), money(band[key]), cents(hourly[key]), esc(percentile_text(where[spot]))]
        + ([money(ppp[key])] if ppp else [])
        for name, key, spot in (("Low", "low", "low"), ("Point", "mid", "point"), ("High", "high", "high"))
    ]
    headers = ["", "Annual", "Hourly", "Percentile"] + (["In national dollars"] if ppp else [])
    table_html = table(
        f"The estimate: annual, hourly, and the percentile of the distribution it is read from "
        f"({est['distribution']['where']})",
        headers,
        rows,
        numeric={1, 2, 3, 4},
    )
    return table_html + article_note(est["article_view"])


def article_note(view: dict[str, Any]) -> str:
    """The seed article's range for these years: its view, labelled as such."""
    scope = f", {view['scope']}" if view.get("scope") else ""
    words = (
        f"The article's view: {view['label']}, {money(view['low'])}-{money(view['high'])}{scope} "
        f"({view['source']['year']}; as the article gives it)."
    )
    return f'<p class="note">{esc(words)}</p>'


def factors_table(est: dict[str, Any], titles: dict[str, str]) -> str:
    rows = []
    for f in est["factors"]:
        basis = BASIS_WORDS.get(f["basis"], f["basis"])
        why = f" ({esc(f['reason'])})" if f.get("reason") else ""
        rows.append(
            [
                esc(titles.get(f["name"], f["name"])),
                esc(f["label"]),
                esc(times(f["multiplier"])),
                esc(basis) + why,
                esc(f["statistic"]),
                esc(", ".join(f["series"])) or "",
            ]
        )
    return table(
        f"Factors: together {times(est['multiplier'])}",
        ["Factor", "Value", "Multiplier", "Basis", "Statistic", "BLS series"],
        rows,
        numeric={2},
    )


def status_cell(ref: dict[str, Any]) -> str:
    """The status in words; where a figure differs from its source, the note that says how."""
    words = esc(STATUS_WORDS.get(ref["status"], ref["status"]))
    if ref.get("origin", "shipped") != "shipped":  # the user's own word for it, from their data file
        words += " (yours)"
    if ref["status"] == "differs" and ref.get("note"):
        words += f' <span class="muted">({esc(ref["note"])})</span>'
    return words


def references_table(est: dict[str, Any]) -> str:
    rows = []
    for r in est["references"]:
        spread = f"{money(r['low'])}-{money(r['high'])}" if r.get("low") is not None else ""
        rows.append(
            [
                link(r.get("url"), r["source"]) or esc(r["source"]),
                esc(r["measure"])
                + (f" <span class=muted>({esc(r['scope'])})</span>" if r.get("scope") else ""),
                money(r["figure"]),
                esc(spread),
                esc(r["year"]),
                status_cell(r),
                esc(pct(r["delta_pct"], signed=True)),
            ]
        )
    return table(
        "Published figures, and how far your point is from each",
        ["Source", "Measure", "Figure", "Range", "Year", "Status", "Point vs figure"],
        rows,
        numeric={2, 4, 6},
    )


def levels_table(levels: dict[str, Any]) -> str:
    met = (levels.get("offer") or {}).get("highest_level_met")
    rows = [
        [
            esc(f"Level {lv['level']}"),
            esc(lv["label"]),
            esc(percentile_text(lv["percentile"])),
            money(lv["annual"]),
            cents(lv["hourly"]),
            "offer meets" if met is not None and lv["level"] == met else "",
        ]
        for lv in levels["levels"]
    ]
    where = levels["distribution"]["where"]
    drawn = table(
        f"Department of Labor wage levels, {where} ({levels['wage_year']}, from {levels['release']})",
        ["Level", "Meaning", "Percentile", "Annual", "Hourly", "Offer"],
        rows,
        numeric={2, 3, 4},
    )
    # national levels: DOL would not use them for a visa (estimate --levels and levels say so too)
    note = levels.get("area_note")
    return drawn + (f'<p class="note">{esc(note)}</p>' if note else "")


def path_table(points: list[dict[str, Any]]) -> str:
    rows = [
        [
            esc(f"{p['profile']['exp']:g}"),
            money(p["band"]["low"]),
            money(p["band"]["mid"]),
            money(p["band"]["high"]),
            esc(p["wage_level"]) + (" <span class=muted>(new)</span>" if p["level_changed"] else ""),
        ]
        for p in points
    ]
    return table(
        "Career path at today's market",
        ["Years", "Low", "Point", "High", "Experience reaches"],
        rows,
        numeric={0, 1, 2, 3},
    )


def source_items(datasets: dict[str, dict[str, Any]]) -> str:
    items = []
    for source in datasets.values():
        when = source.get("as_of") or source.get("year")
        released = f", released {esc(source['released'])}" if source.get("released") else ""
        where = f" {link(source.get('url'))}" if source.get("url") else ""
        origin = "" if source.get("origin", "shipped") == "shipped" else f" (from {esc(source['origin'])})"
        what = f"{esc(source['publisher'])}: {esc(source['title'])}"
        items.append(f"<li>{what} ({esc(when)}{released}){origin}.{where}</li>")
    return "<ul class=sources>" + "".join(items) + "</ul>"
