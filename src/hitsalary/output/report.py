"""`hitsalary report`: one self-contained HTML page (inline CSS and SVG, no script, nothing
fetched) built from the same JSON documents `estimate --levels --json`, `path --json` and
`compare --json` print, so the page and the JSON cannot disagree.

The document it is given: {"estimate": ..., "path": ..., "compare": ... or None,
"factor_titles": {name: title}, "command": "hitsalary report ...", "version": "..."}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hitsalary.output import report_tables as tables
from hitsalary.output.report_band import BandPicture, band_chart
from hitsalary.output.report_factors import FactorBar, factors_chart, times
from hitsalary.output.report_path import PathPicture, crossings, path_chart
from hitsalary.output.report_ranges import RangeRow, range_chart
from hitsalary.output.report_style import CSS
from hitsalary.output.report_svg import esc, money, signed_money

WIDE, NARROW = 760, 360  # the widths the charts are drawn at: a screen (and paper), a phone
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"  # nothing is fetched, nothing runs


def both(draw: Callable[[float, str], str]) -> str:
    """A chart drawn for a screen and for a phone; the style sheet shows the one that fits."""
    return f'<div class="wide">{draw(WIDE, "w")}</div><div class="narrow">{draw(NARROW, "n")}</div>'


def figure(title: str, chart: str, caption: str, *, cls: str = "") -> str:
    return f'<figure class="{cls}"><h2>{esc(title)}</h2>{chart}<figcaption>{caption}</figcaption></figure>'


def area_percentiles(dist: dict[str, Any]) -> dict[str, int]:
    """The area's percentiles, {"p10": ...}: "percentiles" in schema 3, "published" before it."""
    found: dict[str, int] = dist.get("percentiles") or dist.get("published") or {}
    return found


def band_picture(est: dict[str, Any]) -> BandPicture:
    levels = est["wage_levels"]
    points = area_percentiles(levels["distribution"])
    offer = est.get("offer")
    return BandPicture(
        where=levels["distribution"]["where"],
        published=tuple(sorted((int(key[1:]), wage) for key, wage in points.items() if wage is not None)),
        filled=frozenset(
            int(key[1:]) for key in levels["distribution"].get("filled", ()) if key[1:].isdigit()
        ),
        low=est["band"]["low"],
        point=est["band"]["mid"],
        high=est["band"]["high"],
        levels=tuple((lv["level"], lv["annual"]) for lv in levels["levels"]),
        offer=offer["amount"] if offer else None,
    )


def dollars_sentence(est: dict[str, Any]) -> str:
    """Which dollars the band is in, beside figures that keep their own (an aged point is
    drawn against the survey month's percentiles and the unaged wage levels)."""
    growth = est.get("wage_growth") or {}
    if growth.get("basis") != "measured":
        return f"All amounts are {esc(growth.get('survey_month', 'survey'))} survey dollars (OEWS), not aged."
    return (
        f"Your band is in {esc(growth['month'])} dollars: the {esc(growth['survey_month'])} survey's "
        f"aged by the Employment Cost Index ({esc(growth['series'])}, x{growth['multiplier']:.4f}); "
        "the percentiles and the wage levels are the survey's own figures, not aged."
    )


def percentiles_label(dist: dict[str, Any]) -> str:
    """What the picture's percentiles are: BLS's own for the area, or (where BLS publishes none
    there) the national ones scaled, as the distribution's label says."""
    if dist.get("scale") is None:
        return "the area's published percentiles (BLS)"
    return (
        f"the area's percentiles: the national ones (BLS) x {dist['scale']:.3f}, as BLS publishes none here"
    )


def band_figure(est: dict[str, Any]) -> str:
    pic = band_picture(est)
    shown = esc(percentiles_label(est["wage_levels"]["distribution"]))
    legend = (
        f'<ul class="legend"><li><span class="key dist"></span>{shown}: '
        'light 10th-90th, darker 25th-75th</li><li><span class="key band"></span>your band, '
        '<span class="key point"></span>its point</li><li><span class="key level"></span>the Department '
        "of Labor's wage levels</li>"
        + ('<li><span class="key offer"></span>the offer</li>' if pic.offer is not None else "")
        + "</ul>"
    )
    sentences = [
        f"Your band: {money(pic.low)} to {money(pic.high)}, point {money(pic.point)}.",
        f"The percentiles marked and the levels are those of {esc(pic.where)}.",
        dollars_sentence(est),
    ]
    reason = est["wage_levels"]["distribution"].get("reason")
    if reason:
        sentences.append(esc(reason[:1].upper() + reason[1:]) + ("" if reason.endswith(".") else "."))
    read_from = est["distribution"]["where"]
    if read_from != pic.where:  # the band is read elsewhere and scaled by the factors: say so
        sentences.append(
            f"The band itself is read from the {esc(read_from)} distribution and multiplied by the factors."
        )
    precision = est["distribution"].get("precision")  # core.distribution.imprecision's, as the screen says it
    if precision:
        sentences.append(esc(f"{precision[:1].upper()}{precision[1:]}."))
    offer = est.get("offer")
    if offer:
        sentences.append(esc(offer["sentence"]))
    level_offer = est["wage_levels"].get("offer")
    if level_offer:
        sentences.append(esc(level_offer["sentence"]))
    chart = both(lambda width, _: band_chart(pic, width=width))
    return figure("Your band on the area's pay", chart + legend, " ".join(sentences), cls="band-fig")


def path_figure(doc: dict[str, Any]) -> str:
    points = doc["path"]["paths"][0]["points"]
    pic = PathPicture(
        years=tuple(p["profile"]["exp"] for p in points),
        low=tuple(p["band"]["low"] for p in points),
        mid=tuple(p["band"]["mid"] for p in points),
        high=tuple(p["band"]["high"] for p in points),
        levels=tuple((lv["level"], lv["annual"]) for lv in doc["estimate"]["wage_levels"]["levels"]),
    )
    reached = [
        f"the point reaches Level {key} ({money(annual)}) at {pic.years[i]:g} years ({money(pic.mid[i])})"
        for key, annual, i in crossings(pic)
    ]
    caption = f"Point {money(pic.mid[0])} now, {money(pic.mid[-1])} at {pic.years[-1]:g} years of experience"
    caption += ("; " + "; ".join(reached) if reached else "") + f". {esc(doc['path']['note'])}"
    chart = both(lambda width, _: path_chart(pic, width=width))
    legend = (
        '<ul class="legend"><li><span class="key line-mid"></span>point</li><li><span class="key '
        'band-area"></span>low to high</li><li><span class="key dash"></span>wage levels</li><li>'
        '<span class="key ring"></span>the year the point first reaches a level</li></ul>'
    )
    return figure("Career path", chart + legend, caption, cls="path-fig")


def factors_figure(doc: dict[str, Any]) -> str:
    est, titles = doc["estimate"], doc["factor_titles"]
    bars = [
        FactorBar(titles.get(f["name"], f["name"]), f["label"], f["multiplier"], f["basis"])
        for f in est["factors"]
    ]
    chart = both(lambda width, prefix: factors_chart(bars, width=width, prefix=prefix))
    legend = (
        '<ul class="legend"><li><span class="key measured"></span>measured from BLS figures</li>'
        '<li><span class="key fallback"></span>fallback (hatched)</li><li><span class="key assumed">'
        '</span>assumed (dotted)</li><li><span class="key baseline"></span>baseline</li></ul>'
    )
    caption = f"The factors multiply the distribution's wages by {esc(times(est['multiplier']))} in all"
    growth = est["wage_growth"]
    if growth["multiplier"] != 1:  # the band is also aged: say by what, as the terminal's last row does
        caption += (
            f"; wage growth then ages them from {esc(growth['survey_month'])} to {esc(growth['month'])} "
            f"dollars: {esc(growth['statistic'])}"
        )
    caption += "."
    return figure("What moves the number", chart + legend, caption, cls="factors-fig")


def side_chart(rows: list[RangeRow], label: str) -> str:
    """A chart for one of the two side-by-side panels: half the page wide on a screen."""
    return both(lambda width, _: range_chart(rows, width=width / 2 if width > 500 else width, label=label))


def power_figure(est: dict[str, Any]) -> str:
    ppp = est.get("purchasing_power")
    if not ppp:
        return figure("Purchasing power", "", "BEA publishes no price parity for this area.", cls="half")
    band = est["band"]
    parity = f"{ppp['rpp']:.1f}"  # one decimal, as the terminal shows it (BEA publishes three)
    rows = [
        RangeRow("Your band, in local dollars", band["low"], band["mid"], band["high"]),
        RangeRow(
            f"In national-average dollars (parity {parity})", ppp["low"], ppp["mid"], ppp["high"], "alt"
        ),
    ]
    source = f"({esc(ppp['source']['publisher'])}, {esc(ppp['source']['year'])})"
    if ppp["rpp"] == 100:  # the nation itself: its dollars are the national average's already
        said = (
            f"Prices in {esc(ppp['where'])} are the national average {source}: the band is in "
            "national-average dollars."
        )
    else:
        said = (
            f"Prices in {esc(ppp['where'])} are {parity}% of the national average {source}, so a point of "
            f"{money(band['mid'])} buys what {money(ppp['mid'])} buys on average."
        )
    caption = said + (f" {esc(ppp['note'])}." if ppp.get("note") else "")
    return figure("Purchasing power", side_chart(rows, "Purchasing power"), caption, cls="half")


def change_words(change: dict[str, Any]) -> str:
    words = f"the point moves by {signed_money(change['mid'])} ({tables.pct(change['mid_pct'], signed=True)})"
    if change.get("purchasing_power_mid") is not None:
        moved = signed_money(change["purchasing_power_mid"])
        share = tables.pct(change["purchasing_power_mid_pct"], signed=True)
        words += f"; in purchasing power by {moved} ({share})"
    return words


def compare_figure(doc: dict[str, Any]) -> str:
    compare = doc.get("compare")
    if not compare or not compare["variants"]:
        hint = (
            "Add <code>--vs state=TX</code> (or role=, employer=, education=, metro=) to compare one change."
        )
        return figure("A comparison", "", hint, cls="half")
    base, other = compare["base"]["band"], compare["variants"][0]
    rows = [
        RangeRow("Your profile", base["low"], base["mid"], base["high"]),
        RangeRow(
            f"With {other['label']}", other["band"]["low"], other["band"]["mid"], other["band"]["high"], "alt"
        ),
    ]
    caption = f"With {esc(other['label'])}, {change_words(other['change'])}."
    return figure(f"With {other['label']}", side_chart(rows, "Comparison"), caption, cls="half")


def header(doc: dict[str, Any]) -> str:
    est = doc["estimate"]
    band, hourly, role = est["band"], est["hourly"], est["role"]
    profile = " · ".join(esc(f["label"]) for f in reversed(est["factors"]))
    occupation = f"BLS {esc(role['soc'])} {esc(role['title'])}"
    years = est["profile"]["exp"]
    lines = [
        '<header><p class="kicker">hitsalary salary report</p>',
        f"<h1>{esc(role['label'])}, {years:g} year{'' if years == 1 else 's'} of experience</h1>",
        f'<p class="profile">{profile} · {occupation}</p>',
        f'<p class="headline"><span class="big">{money(band["low"])} to {money(band["high"])}</span> '
        f'<span class="sub">point {money(band["mid"])} a year · {tables.cents(hourly["low"])} to '
        f"{tables.cents(hourly['high'])} an hour</span></p>",
    ]
    offer = est.get("offer")
    if offer:
        level = est["wage_levels"].get("offer") or {}
        met = level.get("highest_level_met")
        meets = f"It meets wage Level {esc(met)}." if met else "It is below wage Level I."
        amount = f"<strong>Offer {money(offer['amount'])}</strong>"
        lines.append(f'<p class="offer-note">{amount}: {esc(offer["sentence"])} {meets}</p>')
    return "".join(lines) + "</header>"


def tables_section(doc: dict[str, Any]) -> str:
    est = doc["estimate"]
    parts = [
        ("est", tables.estimate_table(est)),
        ("fac", tables.factors_table(est, doc["factor_titles"])),
        ("lev", tables.levels_table(est["wage_levels"])),
        ("ref", tables.references_table(est)),
        ("path", tables.path_table(doc["path"]["paths"][0]["points"])),
    ]
    cells = "".join(f'<div class="t-{name}">{html}</div>' for name, html in parts)
    return f'<section class="tables"><h2>The figures</h2>{cells}</section>'


def footer(doc: dict[str, Any]) -> str:
    est = doc["estimate"]
    data = est["data"]
    release = est["distribution"]["source"]
    user = f" with {esc(data['user_file'])} over the shipped figures" if data.get("user_file") else ""
    return (
        "<footer><h2>Sources</h2>"
        + tables.source_items(data["datasets"])
        + f"<p>Data release: {esc(release['title'])}{user}. Made by hitsalary {esc(doc['version'])}. "
        f"Wage levels: {esc(est['wage_levels']['label'])} "
        f"{tables.link(est['wage_levels'].get('online_wage_library'))}</p>"
        f"<p>Reproduce this report: <code>{esc(doc['command'])}</code></p></footer>"
    )


def render_report(doc: dict[str, Any]) -> str:
    """The whole page."""
    est = doc["estimate"]
    title = f"{est['role']['label']}: salary report (hitsalary)"
    body = [
        header(doc),
        '<main><section class="pictures">',
        band_figure(est),
        path_figure(doc),
        factors_figure(doc),
        '<div class="pair">',
        power_figure(est),
        compare_figure(doc),
        "</div></section>",
        tables_section(doc),
        "</main>",
        footer(doc),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
