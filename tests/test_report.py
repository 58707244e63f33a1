"""`hitsalary report`: the page's figures are those of `estimate --levels --json` (cell by cell),
user text is escaped, nothing is fetched, the file is written atomically, bad input is one line,
and the report's code is never imported on the `estimate` path. The browser tests are in
test_report_browser.py."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hitsalary.output.report_svg import esc, lanes, wrap

PROFILES = [
    ["--exp", "5", "--role", "ehr", "--metro", "san jose", "--offer", "130k"],
    ["--exp", "0", "--state", "TX", "--offer", "45/hr"],
    [
        "--exp",
        "12",
        "--role",
        "cybersecurity",
        "--state",
        "NY",
        "--employer",
        "hospital",
        "--education",
        "master",
    ],
    ["--exp", "30", "--role", "it-manager"],
    ["--exp", "2.5", "--role", "help-desk", "--state", "PR", "--offer", "20000"],
]


class Page(HTMLParser):
    """The page read back: its tables as lists of cell texts, its visible text, and its tags."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._caption: str | None = None
        self._in_caption = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "caption":
            self._in_caption, self._caption = True, ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
            self.tables[self._caption or ""] = []
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._caption or ""].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_caption:
            self._caption = (self._caption or "") + data
        if self._cell is not None:
            self._cell.append(data)

    def table(self, starts: str) -> list[list[str]]:
        """A table's rows after its header row, found by the start of its caption."""
        matches = [rows for caption, rows in self.tables.items() if caption.startswith(starts)]
        assert len(matches) == 1, (starts, list(self.tables))
        return matches[0][1:]


def money(amount: float | None) -> str:
    return "" if amount is None else f"${round(amount):,}"


def report(run: Any, *args: str) -> str:
    result = run("report", *args, "-o", "-")
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def estimate(run_json: Any, *args: str) -> dict[str, Any]:
    return dict(run_json("estimate", *args, "--levels"))


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: " ".join(p))
def test_the_estimate_table_is_estimate_json(run, run_json, profile: list[str]) -> None:
    out, page = estimate(run_json, *profile), Page(report(run, *profile))
    rows = page.table("The estimate")
    for row, key, spot in zip(rows, ("low", "mid", "high"), ("low", "point", "high"), strict=True):
        assert row[1] == money(out["band"][key])
        assert row[2] == f"${out['hourly'][key]:,.2f}"
        assert re.fullmatch(r"\d+(\.\d)?", row[3])  # 'percentile 37.2' in words: never '37.2th'
        assert float(row[3]) == out["percentiles"][spot]
        assert row[4:] == ([money(out["purchasing_power"][key])] if out["purchasing_power"] else [])
    view = out["article_view"]
    assert f"{view['label']}, {money(view['low'])}-{money(view['high'])}" in " ".join(page.text)
    headline = " ".join(page.text)
    assert f"{money(out['band']['low'])} to {money(out['band']['high'])}" in headline


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: " ".join(p))
def test_factors_references_and_levels_are_estimate_json(run, run_json, profile: list[str]) -> None:
    out, page = estimate(run_json, *profile), Page(report(run, *profile))
    factors = page.table("Factors")
    assert [row[1] for row in factors] == [f["label"] for f in out["factors"]]
    assert [row[2] for row in factors] == [
        f"\N{MULTIPLICATION SIGN}{f['multiplier']:.3f}" for f in out["factors"]
    ]
    assert [row[4] for row in factors] == [f["statistic"] for f in out["factors"]]
    assert [row[5] for row in factors] == [", ".join(f["series"]) for f in out["factors"]]
    refs = page.table("Published figures")
    assert [row[2] for row in refs] == [money(r["figure"]) for r in out["references"]]
    assert [row[6] for row in refs] == [f"{r['delta_pct']:+.1f}%" for r in out["references"]]
    assert [row[5].split(" (")[0].replace(" ", "_") for row in refs] == [
        r["status"] for r in out["references"]
    ]
    levels = page.table("Department of Labor wage levels")
    wanted = out["wage_levels"]["levels"]
    assert [(row[3], row[4]) for row in levels] == [
        (money(lv["annual"]), f"${lv['hourly']:,.2f}") for lv in wanted
    ]
    met = (out["wage_levels"]["offer"] or {}).get("highest_level_met")
    assert [row[0] for row in levels if row[5]] == ([f"Level {met}"] if met else [])


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: " ".join(p))
def test_the_offer_purchasing_power_and_sources_are_estimate_json(run, run_json, profile: list[str]) -> None:
    out, html = estimate(run_json, *profile), report(run, *profile)
    text = " ".join(Page(html).text)
    if "offer" in out:
        assert out["offer"]["sentence"] in text
        assert out["wage_levels"]["offer"]["sentence"] in text
    ppp = out["purchasing_power"]
    if ppp is None:
        assert "BEA publishes no price parity" in text
    else:
        assert all(money(ppp[key]) in text for key in ("low", "mid", "high"))
        shown = f"{ppp['rpp']:.1f}"  # BEA's three decimals, shown to one as the terminal shows them
        # the nation itself is the average ('$113,600 buys what $113,600 buys' was circular)
        said = "are the national average" if ppp["rpp"] == 100 else f"are {shown}% of the national average"
        assert said in text
        assert f"(parity {shown})" in text
    for source in out["data"]["datasets"].values():
        assert f"{source['publisher']}: {source['title']}" in text
        assert source.get("url") is None or f'href="{source["url"]}"' in html
    assert out["distribution"]["source"]["title"] in text


def test_the_path_is_path_json_and_the_comparison_is_compare_json(run, run_json) -> None:
    base = ["--exp", "5", "--role", "ehr", "--state", "TX"]
    path = run_json("path", *base, "--years", "7")
    compare = run_json("compare", *base, "--vs", "state=CA")
    page = Page(report(run, *base, "--years", "7", "--vs", "state=CA"))
    rows = page.table("Career path")
    points = path["paths"][0]["points"]
    assert [row[:4] for row in rows] == [
        [f"{p['profile']['exp']:g}", *(money(p["band"][k]) for k in ("low", "mid", "high"))] for p in points
    ]
    change = compare["variants"][0]["change"]
    text = " ".join(page.text)
    assert f"moves by +{money(change['mid'])} ({change['mid_pct']:+.1f}%)" in text
    assert all(money(compare["variants"][0]["band"][k]) in text for k in ("low", "mid", "high"))


@pytest.mark.parametrize(
    ("flags", "legend"),
    [
        (("--state", "CA"), "the area's published percentiles (BLS)"),
        # a trial found Oregon's scaled national percentiles called published
        (
            ("--state", "OR"),
            "the area's percentiles: the national ones (BLS) x 1.004, as BLS publishes none here",
        ),
    ],
)
def test_the_pictures_percentiles_say_whether_bls_published_them(
    run, flags: tuple[str, ...], legend: str
) -> None:
    page = html_lib.unescape(report(run, "--exp", "3", "--role", "cybersecurity", *flags))
    assert f'<span class="key dist"></span>{legend}: light 10th-90th' in page


def test_the_page_fetches_nothing_and_runs_nothing(run) -> None:
    html = report(run, *PROFILES[0], "--vs", "state=TX")
    page = Page(html)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "video", "audio", "source", "base"}
    links = [attrs for tag, attrs in page.tags if tag == "link"]
    assert links == [{"rel": "icon", "href": "data:,"}]  # no favicon request either
    assert not [attrs for _, attrs in page.tags if "src" in attrs or any(a.startswith("on") for a in attrs)]
    style = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert "@import" not in style
    assert "url(" not in style
    assert set(re.findall(r"url\(([^)]*)\)", html)) <= {"#w-hatch", "#w-dots", "#n-hatch", "#n-dots"}
    policy = [
        a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy
    assert "default-src 'none'" in str(policy[0])


HOSTILE = '<script>alert("x")</script> & \x1b[31mred\x07'
HOSTILE_YAML = """references:
  source: {publisher: 'Evil <b>HR</b>', title: "t\\e[2J", year: 2026}
  references:
    mine:
      label: "<script>alert(\\"x\\")</script> & \\e[31mred\\a"
      publisher: "<script>alert(\\"x\\")</script> & \\e[31mred\\a"
      statistic: median
      figure: 98000
      year: 2026
      status: as_reported
      url: 'https://example.org/a?b=1&c="x"><script>'
"""


def test_user_text_is_escaped(run, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_YAML, encoding="utf-8")
    html = report(run, "--exp", "5", "--data", str(path))
    assert "<script" not in html
    assert "<b>HR" not in html
    assert "\x1b" not in html
    assert "\x07" not in html
    assert esc(HOSTILE) in html  # shown as text: &lt;script&gt;... and the control characters as \x1b, \x07
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \\x1b[31mred\\x07" in html
    assert 'href="https://example.org/a?b=1&amp;c=&quot;x&quot;&gt;&lt;script&gt;"' in html
    assert str(path) in " ".join(Page(html).text)  # the data file is named in the footer


def test_only_web_addresses_become_links() -> None:
    from hitsalary.output.report_tables import link

    assert link("javascript:alert(1)", "x") == "x"
    assert link("https://a.example/?q=<b>", "<b>") == '<a href="https://a.example/?q=&lt;b&gt;">&lt;b&gt;</a>'


def test_the_file_is_written_with_a_default_name_and_atomically(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("report", "--exp", "5", "--role", "ehr", "--metro", "san jose")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    made = list(tmp_path.iterdir())
    assert [p.name for p in made] == ["hitsalary-report-ehr-41940-5y.html"]
    assert result.stderr == "hitsalary: wrote hitsalary-report-ehr-41940-5y.html\n"
    assert made[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_command_in_the_footer_makes_the_same_page(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = report(
        run,
        "--exp",
        "5",
        "--role",
        "epic analyst",
        "--metro",
        "san jose",
        "--offer",
        "$130,000",
        "--vs",
        "state=TX, education=master",
        "--years",
        "4",
    )
    command = html_lib.unescape(re.findall(r"<code>(hitsalary report [^<]*)</code>", first)[0])
    words = shlex.split(command)
    assert words[-2:] == ["-o", "-"]
    again = report(run, *words[2:-2])
    assert again == first


def test_a_failed_run_leaves_the_old_file_alone(run, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    result = run("report", "--exp", "99", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_the_page_never_replaces_its_data_file(run, tmp_path: Path) -> None:
    data_file = tmp_path / "mine.yaml"
    data_file.write_text(HOSTILE_YAML, encoding="utf-8")
    result = run("report", "--exp", "5", "--data", str(data_file), "-o", str(data_file))
    assert result.exit_code == 2
    assert "is the same file as --data" in result.stderr
    assert data_file.read_text(encoding="utf-8") == HOSTILE_YAML


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--exp", "99"], 2, "--exp"),
        (["--exp", "5", "--years", "0"], 2, "--years"),
        (["--exp", "45", "--years", "10"], 2, "--years"),
        (["--exp", "5", "--vs", "planet=mars"], 2, "planet"),
        # a second --vs had been dropped silently, the page drawing only the last
        (
            ["--exp", "5", "--vs", "state=TX", "--vs", "state=CA"],
            2,
            "a report draws one variant, 2 given ('state=TX', 'state=CA')",
        ),
        (["--exp", "5", "--offer", "lots"], 2, "--offer"),
        (["--exp", "5", "--role", "astronaut"], 2, "--role"),
        (["--exp", "5", "-o", "/nonexistent-folder/r.html"], 2, "cannot write"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(
    run, args: list[str], code: int, words: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("report", *args)
    assert result.exit_code == code, result.stderr
    assert result.stderr.count("\n") == 1
    assert words in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_no_year_left_draws_today_alone(run) -> None:
    page = Page(report(run, "--exp", "50"))
    assert [row[0] for row in page.table("Career path")] == ["50"]


def test_the_estimate_path_never_imports_the_report(tmp_path: Path) -> None:
    """`estimate --json` run as the console program runs it; the modules loaded are listed at exit."""
    listing = tmp_path / "modules.json"
    code = (
        "import atexit, json, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
        "sys.argv = ['hitsalary', 'estimate', '--exp', '5', '--state', 'CA', '--json']\n"
        "import hitsalary\nhitsalary.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=os.environ
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["band"]["low"] > 0
    modules = json.loads(listing.read_text())
    assert "hitsalary.cli.commands" in modules  # the listing is of a real run ...
    reports = [
        m for m in modules if m.startswith(("hitsalary.cli.commands.report", "hitsalary.output.report"))
    ]
    assert reports == []  # ... that loaded neither the report command nor its page code
    assert "html" not in modules


def test_report_is_listed_and_built_only_when_asked_for(run) -> None:
    listing = run("--help")
    assert listing.exit_code == 0
    names = re.findall(r"^  ([a-z]+) ", listing.stdout.split("Commands:")[1], re.MULTILINE)
    assert names.index("report") == names.index("path") + 1
    assert " report [OPTIONS]" in run("report", "--help").stdout
    again = run("--help")  # the same listing once the command has been built
    assert re.findall(r"^  ([a-z]+) ", again.stdout.split("Commands:")[1], re.MULTILINE) == names


@given(st.lists(st.tuples(st.floats(0, 1000), st.floats(1, 200)), max_size=12))
def test_labels_in_one_lane_never_overlap(spans: list[tuple[float, float]]) -> None:
    boxes = [(left, left + width) for left, width in spans]
    lane_of = lanes(boxes, gap=6)
    for i, (a, b) in enumerate(boxes):
        for j in range(i):
            if lane_of[i] == lane_of[j]:
                c, d = boxes[j]
                assert b + 6 <= c or a >= d + 6


@given(st.text(alphabet="ab ", max_size=80), st.integers(40, 400))
def test_wrapped_lines_fit_unless_a_word_is_longer(words: str, width: int) -> None:
    limit = max(int(width / (13 * 0.6)), 1)
    lines = wrap(words, width)
    assert " ".join(lines) == words
    assert all(len(line) <= limit or " " not in line for line in lines)


def json_money(document: Any) -> set[int]:
    """Every whole number in a JSON document (amounts, percentiles, years ...)."""
    if isinstance(document, dict):
        return set().union(*(json_money(v) for v in document.values())) if document else set()
    if isinstance(document, list):
        return set().union(*(json_money(v) for v in document)) if document else set()
    return {document} if isinstance(document, int) and not isinstance(document, bool) else set()


@pytest.mark.parametrize("profile", PROFILES[:3], ids=lambda p: " ".join(p))
def test_every_dollar_figure_in_the_pictures_comes_from_the_json(run, run_json, profile: list[str]) -> None:
    """The charts invent no amount: each $ figure drawn is one of the JSON documents' figures."""
    html = report(run, *profile, "--vs", "state=TX")
    known = json_money(estimate(run_json, *profile))
    plain = profile[: profile.index("--offer")] if "--offer" in profile else profile  # the offer is last
    known |= json_money(run_json("path", *plain)) | json_money(
        run_json("compare", *plain, "--vs", "state=TX")
    )
    drawn = re.findall(r"\$([\d,]+)(?![\d,]*k)", " ".join(re.findall(r"<svg.*?</svg>", html, re.S)))
    assert len(drawn) > 20
    assert {int(d.replace(",", "")) for d in drawn} <= known


@pytest.mark.parametrize(
    "place",
    [["--metro", "san jose"], ["--metro", "boston"], ["--metro", "0500002"], ["--state", "CA"], []],
    ids=" ".join,
)
def test_the_price_parity_is_rounded_as_the_terminal_shows_it(run, place: list[str]) -> None:
    """BEA publishes parities to three decimals (San Jose 110.423): the terminal and the page
    both show one (110.4), never the published three."""
    terminal = run("estimate", "--exp", "5", *place, env={"COLUMNS": "400"})
    assert terminal.exit_code == 0, terminal.stderr
    found = re.search(r"price parity of .*?, (\d+\.\d) \(US = 100", " ".join(terminal.stdout.split()))
    assert found is not None, terminal.stdout
    text = " ".join(" ".join(Page(report(run, "--exp", "5", *place)).text).split())
    national = found.group(1) == "100.0"
    assert (
        "are the national average" if national else f"are {found.group(1)}% of the national average"
    ) in text
    assert f"(parity {found.group(1)})" in text
    assert not re.search(r"\d+\.\d{2,}%", text)  # no percentage with more than one decimal


def test_san_jose_parity_is_shown_to_one_decimal(run, run_json) -> None:
    assert run_json("estimate", "--exp", "5", "--metro", "san jose")["purchasing_power"]["rpp"] == 110.423
    text = " ".join(" ".join(Page(report(run, "--exp", "5", "--metro", "san jose")).text).split())
    assert "are 110.4% of the national average" in text
    assert "110.423" not in text


def test_an_imprecise_area_is_called_so_as_the_estimate_screen_calls_it(run, run_json) -> None:
    # a trial saw the estimate screen call Napa's 80 EHR jobs imprecise and the report say nothing
    napa = ["--exp", "5", "--role", "ehr", "--metro", "34900"]
    precision = estimate(run_json, *napa)["distribution"]["precision"]
    assert precision.startswith("the area estimate is imprecise: ")
    screen = " ".join(run("estimate", *napa).stdout.split())
    assert precision in screen
    said = " ".join(html_lib.unescape("".join(Page(report(run, *napa)).text)).split())
    assert f"{precision[:1].upper()}{precision[1:]}." in said
    precise = Page(report(run, *PROFILES[0])).text  # San Jose: 7,260 jobs
    assert "imprecise" not in "".join(precise)


def test_national_levels_and_the_wage_growth_are_said_on_the_page(run) -> None:
    """The page showed national levels without the note estimate --levels gives (DOL would not
    use them), and 'the factors multiply the wages by x1.041 in all' where the band is also aged
    by the ECI, whose figures were nowhere on it (a trial)."""
    national = " ".join(
        " ".join(Page(report(run, "--exp", "8", "--role", "ehr", "--employer", "vendor")).text).split()
    )
    assert "These levels are national: the Department of Labor sets a prevailing wage" in national
    assert "wage growth then ages them from 2025-05 to 2026-03 dollars: ECI CIU2020000000000I" in national
    local = " ".join(" ".join(Page(report(run, "--exp", "8", "--metro", "san jose")).text).split())
    assert "These levels are national" not in local
    aged_not = " ".join(" ".join(Page(report(run, "--exp", "8", "--survey-dollars")).text).split())
    assert "wage growth then ages" not in aged_not
