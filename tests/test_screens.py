"""Every screen at 40, 80 and 120 columns: no figure or name cut with '…', no word broken inside
(a name may break after a space, a hyphen or a slash), never a web address, no line wider than
the terminal but one holding only an address too long for it, and none ending in spaces. Then the
wrapping rules themselves, on their own."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType
from rich.text import Text

from hitsalary.core.calculate import anchor_for
from hitsalary.core.catalog import method_values
from hitsalary.core.models import ReferenceData
from hitsalary.output.render import StdoutConsole
from hitsalary.output.wrapping import Breakable, Prose, fit, pieces
from tests.test_user_data import GOOD

WIDTHS = (40, 80, 120)
EHR = "--exp 6 --role ehr --metro minneapolis"
COMMANDS = {
    "estimate": "estimate --exp 5 --state CA",
    "estimate-metro": "estimate --exp 6 --role ehr --metro 'san jose' --employer hospital",
    "estimate-offer-levels": f"estimate {EHR} --levels --offer 95k",
    "compare": f"compare {EHR} --employer hospital --vs state=WI --vs 'metro=san jose,education=master' "
    "--vs role=cybersecurity,exp=10",
    "path": f"path {EHR} --years 5 --vs education=master",
    "levels": "levels --role ehr --metro 'san francisco' --offer 61.54/hr",
    "roles": "roles",
    "areas": "areas --role ehr --state CA",
    "states": "states --role ehr",
    "sources": "sources --role ehr",
    "outlook": "outlook",
}


ADDRESS = re.compile(r"https://\S+")


WORD = re.compile(r"[A-Za-z0-9']+")  # a word of a name: what lies between spaces, hyphens, commas


def tokens(text: str) -> set[str]:
    """The words on each line of a screen: a word broken across two lines is not among them."""
    return {word for line in text.splitlines() for word in WORD.findall(line)}


def names(data: ReferenceData, command: str) -> list[str]:
    """The names a screen must show whole: roles, states, the areas it lists or uses, the wage
    levels a path reaches, the method values `sources` lists."""
    areas = data.area_tables.areas()
    used = {"estimate-metro": ["41940"], "compare": ["33460", "41940"], "levels": ["41860"]}
    shown = {
        "path": [anchor_for(data.method, years).label for years in range(6, 12)],
        "roles": [text for role in data.roles.values() for text in (role.label, role.title)],
        "areas": [area.name for area in areas.values() if area.states == ("CA",)],
        "states": [state.name for state in data.states.values()],
        "sources": [text for v in method_values(data) for text in (v.name, v.shown)],
    }
    return shown.get(command, [areas[code].name for code in used.get(command, [])])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_screen_cuts_a_figure_or_a_name(run, data: ReferenceData, command: str, width: int) -> None:
    result = run(*shlex.split(COMMANDS[command]), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "…" not in out
    lines = out.splitlines()
    # a web address wider than the terminal is the one line allowed to overflow: whole, alone
    assert max(len(line) for line in lines if not ADDRESS.fullmatch(line.strip(" ()"))) <= width
    assert [line for line in lines if line != line.rstrip()] == []
    words = tokens(out)
    for name in names(data, command):
        missing = [word for word in WORD.findall(name) if word not in words]
        assert missing == [], (name, width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", sorted({*COMMANDS, "estimate-levels"}))
def test_a_web_address_is_never_broken_inside(run, command: str, width: int) -> None:
    """Each address a screen shows at 300 columns is whole on one line at 40, 80 and 120 (a trial
    copied 'https://www.bls.gov/oes/special-' and 'https://flag.dol.gov/wage-data/wage-sea')."""
    args = shlex.split(COMMANDS.get(command, "estimate --exp 5 --state CA --levels"))
    addresses = set(ADDRESS.findall(run(*args, env={"COLUMNS": "300"}).stdout))
    lines = run(*args, env={"COLUMNS": str(width)}).stdout.splitlines()
    assert addresses or command not in ("sources", "estimate-levels", "levels")
    for address in addresses:
        assert any(address in line for line in lines), (address, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_data_check_screen(run, tmp_path: Path, width: int) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = run("data", "check", str(path), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_the_two_examples_of_the_issue_keep_their_names_at_80_columns(run) -> None:
    areas = run("areas", "--role", "ehr", "--state", "CA", env={"COLUMNS": "80"}).stdout.splitlines()
    assert any(line.strip().startswith("San Francisco-Oakland-") for line in areas)  # not 'San' alone
    assert any(line.strip().startswith("San Jose-Sunnyvale-") for line in areas)
    path = run(*shlex.split(COMMANDS["path"]), env={"COLUMNS": "80"}).stdout
    assert "(qualified)" in path
    assert "(experienced)" in path


def render(cell: RenderableType, width: int) -> list[str]:
    console = StdoutConsole(width=width, record=True)  # the console hitsalary prints with
    with console.capture() as capture:
        console.print(cell)
    return capture.get().splitlines()


def test_a_metro_name_breaks_after_a_hyphen_never_inside_a_word() -> None:
    name = "San Jose-Sunnyvale-Santa Clara, CA"
    assert render(Breakable(name), 20) == ["San Jose-Sunnyvale-", "Santa Clara, CA"]
    assert render(Breakable(name), 12) == ["San Jose-", "Sunnyvale-", "Santa Clara,", "CA"]
    assert render(Breakable(name), 40) == [name]


def test_a_web_address_moves_whole_to_its_own_line_and_overflows_if_it_must() -> None:
    url = "https://www.bls.gov/oes/special-requests/oesm23in4.zip"
    assert render(Breakable(f"the file {url} (zip)"), 62) == ["the file", f"{url} (zip)"]
    assert render(Breakable(f"the file {url} (zip)"), 40) == ["the file", url, "(zip)"]
    # in a Group, as every screen prints its notes (print() would copy a bare Text into a new one)
    assert render(Group(Prose("levels (https://flag.dol.gov/wage-data/wage-search) here")), 40) == [
        "levels",
        "(https://flag.dol.gov/wage-data/wage-search)",
        "here",
    ]
    assert render(Group(Prose("a line of prose that wraps at spaces only: 10th-to-25th rate")), 40) == [
        "a line of prose that wraps at spaces",
        "only: 10th-to-25th rate",
    ]


def test_a_leading_sign_or_slash_is_not_a_break() -> None:
    assert pieces("-$1,200 a/b /hr") == ["-$1,200 ", "a/", "b ", "/hr"]


def test_styles_survive_the_wrap() -> None:
    cell = Breakable(Text.assemble(("Bold-part ", "bold"), "plain-rest"))
    console = Console(width=10, force_terminal=True, color_system="standard")
    with console.capture() as capture:
        console.print(cell)
    assert "\x1b[1m" in capture.get()


@given(
    st.lists(st.tuples(st.integers(1, 30), st.integers(0, 40)), min_size=1, max_size=8),
    st.integers(0, 200),
)
def test_fit_keeps_every_piece_whole_within_the_room(columns: list[tuple[int, int]], room: int) -> None:
    mins = [low for low, _ in columns]
    maxes = [low + extra for low, extra in columns]
    widths = fit(mins, maxes, room)
    if sum(mins) > room:
        assert widths is None
        return
    assert widths is not None
    assert sum(widths) <= room
    assert all(low <= w <= high for w, low, high in zip(widths, mins, maxes, strict=True))
    if sum(maxes) <= room:
        assert widths == maxes


def test_a_table_rendered_twice_sizes_itself_afresh() -> None:
    from hitsalary.output.render import table

    result = table("Areas")
    result.add_column("Area", ratio=1)
    result.add_column("Median", justify="right", no_wrap=True)
    result.add_row("San Jose-Sunnyvale-Santa Clara, CA " * 3, "$157,140")

    def lines(width: int) -> list[str]:
        console = Console(width=width)
        with console.capture() as capture:
            console.print(result)
        return capture.get().splitlines()

    wide = lines(200)
    assert lines(80) != wide
    assert lines(200) == wide
    assert all(len(line) <= 80 for line in lines(80))


def test_a_career_path_is_a_table_at_80_columns(run) -> None:
    """Seven columns fit 80 (years as a number under "Years"): a table, not one block per year."""
    shown = run(*shlex.split(COMMANDS["path"]), env={"COLUMNS": "80"}).stdout.splitlines()
    assert any(line.split()[:4] == ["Year", "Years", "Percentile", "Wage"] for line in shown if line.strip())
    assert not any(line.strip().startswith("Years: ") for line in shown)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("released 2026-04-30)", ["released ", "2026-04-30)"]),  # a date is one word
        ("Technologists (15-1211)", ["Technologists ", "(15-1211)"]),  # so is a SOC code
        ("San Jose-Sunnyvale-Santa Clara", ["San ", "Jose-", "Sunnyvale-", "Santa ", "Clara"]),
        ("P10-P90 and 10th-90th", ["P10-", "P90 ", "and ", "10th-", "90th"]),
        ("-$1,200 a/b", ["-$1,200 ", "a/", "b"]),
        (
            "at https://www.bls.gov/oes/special-requests/x.zip.",
            ["at ", "https://www.bls.gov/oes/special-requests/x.zip."],
        ),
        (
            "(look one up at data.bls.gov/timeseries/ID)",
            ["(look ", "one ", "up ", "at ", "data.bls.gov/timeseries/ID)"],
        ),
    ],
)
def test_a_line_breaks_after_a_hyphen_between_words_but_not_between_digits(line: str, expected: list) -> None:
    assert pieces(line) == expected


@pytest.mark.parametrize(
    "args", ["sources", "sources --role it-manager", "estimate --exp 9 --role it-manager"]
)
def test_a_differing_figure_and_its_footnote_carry_the_same_mark(run, args: str) -> None:
    lines = run(*shlex.split(args), env={"COLUMNS": "80"}).stdout.splitlines()
    marks = {mark for line in lines for mark in re.findall(r"differs(\*+)", line)}
    assert marks  # the differing article figure is on this screen
    for mark in marks:
        assert any(re.match(rf"{re.escape(mark)} [^*]", line) for line in lines), mark


PERCENTILE = re.compile(r"(?:percentile|point:) (\d[\d.]*)(?: (?:to|→) (\d[\d.]*))?")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_percentile_is_shown_with_one_decimal_as_json_gives_it(run, run_json, width: int) -> None:
    """17.5 to 62.0, never '62' in the title and '62.0' in the path: one form on every screen."""
    args = ["estimate", "--exp", "5", "--levels"]
    flat = " ".join(run(*args, env={"COLUMNS": str(width)}).stdout.split())
    p = run_json(*args)["percentiles"]
    assert f"percentile {p['low']:.1f} to {p['high']:.1f} (point: {p['point']:.1f})" in flat
    assert str(p["high"]).endswith(".0")  # the case that was shown as '62'
    for args in (["compare", "--exp", "5", "--vs", "exp=1.5"], ["path", "--exp", "1.5", "--years", "1"]):
        out = run(*args, env={"COLUMNS": str(width)}).stdout
        assert "24.0" in out  # exp 1.5 is at percentile 24.0 exactly (JSON: 24.0)
        flat = " ".join(out.split())
        shown = [n for pair in PERCENTILE.findall(flat) for n in pair if n]
        assert all(re.fullmatch(r"\d+\.\d", n.rstrip(".")) for n in shown), shown


@pytest.mark.parametrize("width", WIDTHS)
def test_a_band_is_not_broken_where_the_table_has_room_for_it(run, run_json, width: int) -> None:
    args = [*shlex.split(EHR), "--vs", "state=WI"]
    out = run("compare", *args, env={"COLUMNS": str(width)}).stdout
    shown = run_json("compare", *args)
    for band in (shown["base"]["band"], shown["variants"][0]["band"]):
        assert f"${band['low']:,}-${band['high']:,}" in out, width


def test_a_band_breaks_after_its_hyphen_only_when_the_table_cannot_hold_it_whole(run) -> None:
    """Four variants need 81 columns with every band on one line: at 80 the table stays a table,
    each band broken after its '-', its column no wider than the broken band."""
    lines = run(*shlex.split(COMMANDS["compare"]), env={"COLUMNS": "80"}).stdout.splitlines()
    header = next(line for line in lines if line.split()[:2] == ["Change", "Band"])
    base, below = lines[lines.index(header) + 2 : lines.index(header) + 4]
    assert base.split()[:2] == ["(base)", "$88,700-"]
    assert below.split()[0] == "$119,400"
    assert len(lines[lines.index(header) + 1]) < 76  # the rule under the header: the table's width
