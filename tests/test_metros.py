"""Metro and nonmetro areas (`--metro`, `hitsalary areas`): location factors and bands recomputed by
hand from the shared BLS file, name matching, and the metro column of compare, path and batch.

The expected figures are worked here from /work/shared/data/oews_2025_areas.csv by the stated
method (README "How the band is computed", "Metro areas"), never by hitsalary's own helpers."""

from __future__ import annotations

import csv
import json
import re

import pytest

import hitsalary

from . import distribution_hand as hand
from .conftest import SHARED_DATA, eci_by_hand, one_line_error

# --- the stated method, by hand (tests/distribution_hand.py) --------------------------------------
SOC = {"ehr": "15-1211", "cybersecurity": "15-1212", "software": "15-1252", "medical-coding": "29-2072"}
BROAD_GROUP = "15-0000"  # Computer and Mathematical Occupations: the state fallback of last resort
AREA_TYPES = ("metro", "nonmetro")
AREA_COUNT = 528  # README: "all 528"

Row = dict[str, str]


def shared(name: str) -> list[Row]:
    with (SHARED_DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def oews() -> list[Row]:
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    return shared("oews_2025_areas.csv")


@pytest.fixture(scope="module")
def parities() -> dict[str, float]:
    """BEA 2024 regional price parities by two-letter state code (US = 100)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    return {r["state_code"]: float(r["rpp_all_items"]) for r in shared("bea_rpp.csv") if r["year"] == "2024"}


@pytest.fixture(scope="module")
def state_codes() -> dict[str, str]:
    """State name -> two-letter code (BEA's list; Puerto Rico has no parity, so it is added)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    return {r["state_name"]: r["state_code"] for r in shared("bea_rpp.csv")} | {"Puerto Rico": "PR"}


def find(rows: list[Row], **match: str) -> Row | None:
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) <= 1, match
    return found[0] if found else None


def one(rows: list[Row], **match: str) -> Row:
    found = find(rows, **match)
    assert found is not None, match
    return found


def area_row(rows: list[Row], soc: str, code: str) -> Row | None:
    found = [r for r in rows if r["soc"] == soc and r["area_code"] == code and r["area_type"] in AREA_TYPES]
    assert len(found) <= 1
    return found[0] if found else None


def median(r: Row) -> int:
    return int(r["median"])


def state_distribution_by_hand(rows: list[Row], soc: str, fips: str) -> Row:
    """The role's state row; else the national row x the state's 15-0000 median ratio."""
    national = one(rows, soc=soc, area_type="national")
    state = find(rows, soc=soc, area_type="state", state_fips=fips)
    if state is not None and state["median"]:
        return state
    group = one(rows, soc=BROAD_GROUP, area_type="state", state_fips=fips)
    ratio = median(group) / median(one(rows, soc=BROAD_GROUP, area_type="national"))
    return hand.scaled(national, ratio)


def metro_distribution_by_hand(rows: list[Row], soc: str, code: str) -> tuple[Row, str]:
    """The role's own metro row where BLS publishes its median; else the state's distribution."""
    local = area_row(rows, soc, code)
    if local is not None and local["median"]:
        return local, "measured"
    return state_distribution_by_hand(rows, soc, main_state_fips(rows, code)), "fallback"


def band_by_hand(rows: list[Row], soc: str, years: float, code: str, factor: float = 1.0) -> dict[str, int]:
    dist, _ = metro_distribution_by_hand(rows, soc, code)
    return dict(zip(("low", "mid", "high"), hand.band(dist, years, factor), strict=True))


def main_state_fips(rows: list[Row], code: str) -> str:
    everyone = area_row(rows, "00-0000", code)
    assert everyone is not None, code
    return everyone["state_fips"]


# the location factor `hitsalary areas` lists (the role's median ratio), by hand
def state_factor_by_hand(rows: list[Row], soc: str, fips: str) -> float:
    """The role's state median / national; else the state's 15-0000 median ratio."""
    national = one(rows, soc=soc, area_type="national")
    state = find(rows, soc=soc, area_type="state", state_fips=fips)
    if state is not None and state["median"]:
        return median(state) / median(national)
    group = one(rows, soc=BROAD_GROUP, area_type="state", state_fips=fips)
    return median(group) / median(one(rows, soc=BROAD_GROUP, area_type="national"))


def metro_factor_by_hand(rows: list[Row], soc: str, code: str) -> tuple[float, str]:
    """The role's metro median / national median; where BLS publishes none, the state's factor."""
    local = area_row(rows, soc, code)
    if local is not None and local["median"]:
        return median(local) / median(one(rows, soc=soc, area_type="national")), "measured"
    return state_factor_by_hand(rows, soc, main_state_fips(rows, code)), "fallback"


def states_of(rows: list[Row], code: str, codes: dict[str, str]) -> list[str]:
    """A metro's states are the codes after its name's comma; a nonmetro area lies in its FIPS state."""
    everyone = area_row(rows, "00-0000", code)
    assert everyone is not None
    if everyone["area_type"] == "metro":
        return everyone["area_name"].rsplit(", ", 1)[1].split("-")
    state = one(rows, soc="00-0000", area_type="state", state_fips=everyone["state_fips"])
    return [codes[state["area_name"]]]


def location(out: dict) -> dict:
    [factor] = [f for f in out["factors"] if f["name"] == "state"]
    return factor


def reference(out: dict, key: str) -> dict | None:
    found = [r for r in out["references"] if r["key"] == key]
    assert len(found) <= 1
    return found[0] if found else None


# --- the location factor and the band, by hand -------------------------------------------------
# (role, what the user types, the area's code, years, the basis the CSV implies)
HAND_CASES = [
    # multi-state metros (the first state named is the main one)
    ("cybersecurity", "washington-arlington", "47900", 5, "measured"),
    ("ehr", "Boston", "14460", 12, "measured"),
    # the role's metro figures published
    ("ehr", "san jose", "41940", 2.5, "measured"),
    ("software", "41940", "41940", 40, "measured"),
    # BLS does not release 15-1212 in Nashville: Tennessee's factor stands in
    ("cybersecurity", "nashville", "34980", 7, "fallback"),
    # nor 15-1211 in Morgantown, nor in West Virginia: the state's 15-0000 ratio stands in
    ("ehr", "morgantown", "34060", 3, "fallback"),
    # nonmetropolitan areas, by name and by code
    ("ehr", "north coast region", "0600003", 20, "measured"),
    ("software", "0200006", "0200006", 0, "measured"),
]


@pytest.mark.parametrize(("role", "text", "code", "years", "basis"), HAND_CASES)
def test_metro_band_by_hand(run_json, oews, state_codes, role, text, code, years, basis) -> None:
    soc = SOC[role]
    dist, expected_basis = metro_distribution_by_hand(oews, soc, code)
    assert expected_basis == basis  # the CSV says what kind of case this is
    out = run_json("estimate", "--exp", str(years), "--role", role, "--metro", text)

    everyone = area_row(oews, "00-0000", code)
    assert everyone is not None
    states = states_of(oews, code, state_codes)
    assert out["soc"] == soc
    assert out["area"] == {
        "code": code,
        "name": everyone["area_name"],
        "type": everyone["area_type"],
        "states": states,
    }
    assert out["profile"]["metro"] == code
    assert out["profile"]["state"] == states[0]  # no --state: the first state named
    assert out["survey_band"] == band_by_hand(oews, soc, years, code)  # before wage growth
    assert out["band"] == band_by_hand(oews, soc, years, code, eci_by_hand())
    assert out["distribution"]["series"] == dist["series_id"].removesuffix("XX") + "13"  # the median's

    loc = location(out)
    assert loc["value"] == code
    assert loc["basis"] == basis
    assert loc["multiplier"] == 1.0  # the band is read from the area's own distribution
    assert out["multiplier"] == 1.0  # bachelor, any employer: x1 each
    if basis == "measured":
        assert loc["label"] == everyone["area_name"]
        assert loc["reason"] is None
    else:
        state_name = one(oews, soc="00-0000", area_type="state", state_fips=everyone["state_fips"])
        assert "does not publish" in loc["reason"]
        assert everyone["area_name"] in loc["reason"]
        assert state_name["area_name"] in loc["reason"]


@pytest.mark.parametrize(("role", "text", "code", "years", "basis"), HAND_CASES)
def test_metro_reference_is_the_role_in_the_area(run_json, oews, role, text, code, years, basis) -> None:
    """The references show the role's own metro figures (median, 10th to 90th) where BLS has them."""
    out = run_json("estimate", "--exp", str(years), "--role", role, "--metro", text)
    local = area_row(oews, SOC[role], code)
    metro = reference(out, "bls_role_metro")
    if basis == "fallback":
        assert metro is None  # nothing published to show
        return
    assert local is not None
    assert metro is not None
    assert (metro["figure"], metro["low"], metro["high"]) == (
        median(local),
        int(local["p10"]),
        int(local["p90"]),
    )
    assert metro["year"] == 2025
    assert local["area_name"] in metro["scope"]
    national = reference(out, "bls_role_national")
    assert national is not None
    assert national["figure"] == median(one(oews, soc=SOC[role], area_type="national"))


def test_nashville_fallback_is_exactly_tennessees_distribution(run_json, oews) -> None:
    """The suppressed metro takes the state's own distribution, not a guess, and says so."""
    assert one(oews, soc="15-1212", area_code="34980")["median"] == ""  # BLS: median not released
    metro = run_json("estimate", "--exp", "7", "--role", "cybersecurity", "--metro", "nashville")
    state = run_json("estimate", "--exp", "7", "--role", "cybersecurity", "--state", "TN")
    tn = one(oews, soc="15-1212", area_type="state", area_name="Tennessee")
    median = tn["series_id"].removesuffix("XX") + "13"
    assert metro["distribution"]["series"] == state["distribution"]["series"] == median
    assert metro["distribution"]["label"] == "state fallback: metro not published"
    assert state["distribution"]["label"] == "state TN"
    assert location(state)["basis"] == "measured"
    assert metro["band"] == state["band"]


def test_double_fallback_names_the_broad_group(run_json, oews) -> None:
    """Morgantown, WV: 15-1211 is suppressed in the metro and in the state; 15-0000 stands in."""
    assert one(oews, soc="15-1211", area_type="state", area_name="West Virginia")["median"] == ""
    out = run_json("estimate", "--exp", "3", "--role", "ehr", "--metro", "morgantown")
    loc = location(out)
    assert loc["basis"] == "fallback"
    assert "15-0000" in loc["reason"]
    assert "West Virginia" in loc["reason"]


# --- name matching -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("San Jose-Sunnyvale-Santa Clara, CA", "41940"),  # the exact name
        ("san jose", "41940"),  # a part, lower case
        ("SaN JoSe", "41940"),  # mixed case
        ("41940", "41940"),  # the CBSA code
        ("Boston", "14460"),
        ("dallas", "19100"),
        ("Washington-Arlington-Alexandria, DC-VA-MD-WV", "47900"),
        ("alaska nonmetropolitan area", "0200006"),  # a nonmetro area by name
        ("Alaska Nonmetro", "0200006"),
        ("0600003", "0600003"),  # a nonmetro area by its OEWS code
        ("Portland OR", "38900"),  # a state written after the city settles a shared name
        ("portland, or", "38900"),
        ("Portland, Maine", "38860"),
        ("Washington, DC", "47900"),
        ("washington dc", "47900"),
        ("saint louis", "41180"),  # 'Saint' as BLS writes it: St. Louis, MO-IL
        ("Boston, MA", "14460"),
    ],
)
def test_area_names_and_codes_match(run_json, oews, text, code) -> None:
    out = run_json("estimate", "--exp", "5", "--metro", text)
    assert out["area"]["code"] == code
    everyone = area_row(oews, "00-0000", code)
    assert everyone is not None
    assert out["area"]["name"] == everyone["area_name"]


def test_a_state_settles_a_shared_name(run_json) -> None:
    out = run_json("estimate", "--exp", "5", "--metro", "springfield", "--state", "MA")
    assert out["area"]["code"] == "44140"
    assert out["area"]["name"] == "Springfield, MA"
    assert out["profile"]["state"] == "MA"


def test_a_state_the_metro_spans_is_kept(run_json) -> None:
    """--state VA with the Washington metro: VA is used (purchasing power, fallbacks), not DC."""
    out = run_json("estimate", "--exp", "5", "--metro", "47900", "--state", "VA")
    assert (out["profile"]["metro"], out["profile"]["state"]) == ("47900", "VA")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("portland", ["matches 2 areas", "Portland-South Portland, ME (38860)", "(38900)"]),
        ("springfield", ["Springfield, IL (44100)", "Springfield, MA (44140)", "Springfield, MO (44180)"]),
    ],
)
def test_an_ambiguous_name_lists_the_candidates(run, text, names) -> None:
    line = one_line_error(run("estimate", "--exp", "5", "--metro", text, "--json"))
    assert "--metro" in line
    assert repr(text) in line
    for name in names:
        assert name in line


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        # areas in different states, no state given: the state settles it
        (["--metro", "portland"], "(add the state to the name, e.g. 'portland me', or give the state)"),
        # a trial was told to add the state where the state was given, or could not help
        (["--metro", "washington", "--state", "WA"], "(give a code, e.g. 5300007, or more of the name)"),
        (["--metro", "washington wa"], "(give a code, e.g. 5300007, or more of the name)"),
        (["--metro", "portland", "--state", "CA"], "none of them in California (CA): "),
        (
            ["--metro", "portland", "--state", "CA"],
            "(give a code, e.g. 38860, with that area's state or none)",
        ),
    ],
)
def test_an_ambiguous_name_says_what_can_settle_it(run, args: list[str], hint: str) -> None:
    line = one_line_error(run("estimate", "--exp", "5", *args))
    assert hint in line
    code = re.search(r"e\.g\. (\d+)", hint)
    if code:  # the way out it names works
        assert run("estimate", "--exp", "5", "--metro", code.group(1)).exit_code == 0


def test_a_name_that_also_matched_other_areas_says_so(run) -> None:
    """'washington' is the DC metro (its name starts with it), not Washington's nonmetro areas,
    which a trial found chosen without a word."""
    result = run("estimate", "--exp", "5", "--metro", "washington", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["area"]["code"] == "47900"
    assert result.stderr == (
        "hitsalary: note: --metro 'washington' is read as Washington-Arlington-Alexandria, DC-VA-MD-WV "
        "(47900), the one area whose name starts with it; it also matches Eastern Washington "
        "nonmetropolitan area (5300007); Western Washington nonmetropolitan area (5300006): give a "
        "code for one of those\n"
    )
    assert run("estimate", "--exp", "5", "--metro", "47900").stderr == ""
    assert run("estimate", "--exp", "5", "--metro", "san jose").stderr == ""


@pytest.mark.parametrize("command", ["compare", "path", "report"])
def test_a_vs_metro_that_also_matched_other_areas_says_so_as_the_flag_does(
    run, command: str, tmp_path
) -> None:
    """compare, path and report read --vs metro=NAME as --metro reads it; they now say so as it
    does (a trial's 'new york' was read as the New York City metro without the note estimate gives)."""
    out = ("-o", str(tmp_path / "r.html")) if command == "report" else ()
    result = run(command, "--exp", "5", "--vs", "metro=washington", *out)
    assert result.exit_code == 0, result.stderr
    assert "note: --vs metro 'washington' is read as Washington-Arlington-Alexandria" in result.stderr
    assert "--vs metro" not in run(command, "--exp", "5", "--vs", "metro=47900", *out).stderr


def test_a_rosters_metro_names_that_matched_other_areas_are_said_once(run) -> None:
    """A roster's 'new york' was read as the New York City metro without the note --metro gives
    (a trial): the run says once which names were read so, in the command and the API."""
    roster = "exp,metro\n5,new york\n6,new york\n3,washington\n4,41940\n"
    result = run("batch", "-", input=roster)
    assert result.exit_code == 0, result.stderr
    [note] = [line for line in result.stderr.splitlines() if "also matched other areas" in line]
    assert note.startswith("hitsalary: note: 2 metro names also matched other areas")
    assert "'new york' as New York-Newark-Jersey City, NY-NJ (35620)" in note
    assert "'washington' as Washington-Arlington-Alexandria" in note
    with pytest.warns(hitsalary.RosterWarning, match="2 metro names also matched other areas"):
        list(hitsalary.batch([{"exp": 5, "metro": "new york"}, {"exp": 3, "metro": "washington"}]))
    quiet = run("batch", "-", input="exp,metro\n4,41940\n5,san jose\n")
    assert "also matched" not in quiet.stderr


@pytest.mark.parametrize(
    ("flag", "text"),
    [("--state", "remote"), ("--metro", "remote"), ("--state", "WFH"), ("--metro", "work from home")],
)
def test_remote_is_not_a_place_and_says_how_to_price_it(run, flag: str, text: str) -> None:
    """'--state remote' was answered 'did you mean VT?' and '--metro remote' 'did you mean San
    Francisco ... or Rome, GA' (a trial): a remote job is priced for a place, which it says."""
    line = one_line_error(run("estimate", "--exp", "3", flag, text))
    assert f"invalid value for {flag}: '{text}' is not a place" in line
    way = (
        "give that metro area, or no metro for its state"
        if flag == "--metro"
        else "or US for the national band"
    )
    assert way in line  # --metro takes no US (a trial)
    assert "did you mean" not in line


def test_a_state_code_given_as_a_metro_says_what_it_is(run) -> None:
    """'LA' matches the areas whose names end in Louisiana's code; the way out said was 'add the
    state to the name, e.g. 'la la'' (a trial's finding)."""
    with pytest.raises(hitsalary.UsageProblem) as caught:
        hitsalary.estimate(exp=5, metro="LA")
    message = str(caught.value)
    assert "LA is Louisiana's state code: for the state give state LA; for an area" in message
    assert "'la la'" not in message
    line = one_line_error(run("estimate", "--exp", "5", "--metro", "la"))
    assert "LA is Louisiana's state code: for the state give --state LA" in line
    # with a state elsewhere, and from --vs, whose state is --vs state= (a third trial)
    line = one_line_error(run("estimate", "--exp", "5", "--state", "CA", "--metro", "LA"))
    assert "none of them in California (CA)" in line
    assert "LA is Louisiana's state code" in line
    line = one_line_error(run("compare", "--exp", "5", "--vs", "metro=LA"))
    assert "for the state give --vs state=LA;" in line


def test_an_unknown_name_points_to_the_list(run) -> None:
    line = one_line_error(run("estimate", "--exp", "5", "--metro", "zzqx"))
    assert "'zzqx'" in line
    assert "hitsalary areas" in line


def test_a_misspelling_suggests_the_nearest_area(run) -> None:
    line = one_line_error(run("estimate", "--exp", "5", "--metro", "bostn"))
    assert "did you mean" in line
    assert "Boston-Cambridge-Newton, MA-NH (14460)" in line


def test_a_misspelling_suggests_the_states_own_areas_first(run) -> None:
    """'Metro area in Colorado': Denvr had suggested Ogden, UT and Dover, DE too, which a metro
    given with --state CO refuses; an area outside the state is named only when it is nearer."""
    asked = run("estimate", "-i", "--json", input="5\nehr\nCO\nDenvr\n\n\n\n\n")
    assert asked.exit_code == 0, asked.stderr
    flagged = run("estimate", "--exp", "5", "--state", "CO", "--metro", "denvr")
    for said in (asked.stderr, flagged.stderr):
        assert "(did you mean Denver-Aurora-Centennial, CO (19740)?)" in said
        assert "Ogden" not in said
    assert "or Ogden, UT (36260)" in run("estimate", "--exp", "5", "--metro", "denvr").stderr  # no state
    varied = run("compare", "--exp", "5", "--state", "UT", "--vs", "metro=denvr").stderr
    assert "did you mean Ogden, UT (36260) or Denver-Aurora-Centennial, CO (19740)?" in varied


def test_a_metro_outside_the_state_names_both(run) -> None:
    line = one_line_error(run("estimate", "--exp", "5", "--metro", "boston", "--state", "TX"))
    assert "Boston-Cambridge-Newton" in line
    assert "14460" in line
    assert "Texas" in line


@pytest.mark.parametrize(
    "args",
    [
        ("levels", "--role", "ehr", "--metro", "portland"),
        ("path", "--exp", "2", "--metro", "zzqx"),
        ("compare", "--exp", "2", "--vs", "metro=bostn"),
        ("compare", "--exp", "2", "--state", "TX", "--vs", "metro=boston,state=TX"),
        ("estimate", "--exp", "5", "--metro", "   "),
    ],
)
def test_every_command_refuses_a_bad_area_in_one_line(run, args) -> None:
    one_line_error(run(*args))


# --- compare, path, batch ----------------------------------------------------------------------


def test_compare_vs_metro(run_json, oews) -> None:
    out = run_json("compare", "--exp", "5", "--role", "ehr", "--state", "CA", "--vs", "metro=san jose")
    [variant] = out["variants"]
    assert out["base"]["profile"]["metro"] is None
    assert (variant["profile"]["metro"], variant["profile"]["state"]) == ("41940", "CA")
    assert variant["survey_band"] == band_by_hand(oews, "15-1211", 5, "41940")
    assert variant["band"] == band_by_hand(oews, "15-1211", 5, "41940", eci_by_hand())
    ca = one(oews, soc="15-1211", area_type="state", area_name="California")
    assert out["base"]["survey_band"] == dict(zip(("low", "mid", "high"), hand.band(ca, 5), strict=True))


def test_compare_vs_a_state_that_leaves_the_metro_drops_it(run_json, oews) -> None:
    out = run_json(
        "compare",
        "--exp",
        "5",
        "--role",
        "ehr",
        "--metro",
        "san jose",
        "--vs",
        "state=TX",
        "--vs",
        "state=CA",
    )
    leave, stay = out["variants"]
    assert out["base"]["profile"]["metro"] == "41940"
    assert (leave["profile"]["state"], leave["profile"]["metro"]) == ("TX", None)
    tx = one(oews, soc="15-1211", area_type="state", area_name="Texas")
    assert leave["survey_band"] == dict(zip(("low", "mid", "high"), hand.band(tx, 5), strict=True))
    assert (stay["profile"]["state"], stay["profile"]["metro"]) == ("CA", "41940")  # still in the area
    assert stay["band"] == out["base"]["band"]


def test_compare_vs_a_state_the_metro_spans_keeps_it(run_json) -> None:
    out = run_json("compare", "--exp", "5", "--metro", "washington-arlington", "--vs", "state=VA")
    [variant] = out["variants"]
    assert out["base"]["profile"]["state"] == "DC"
    assert (variant["profile"]["state"], variant["profile"]["metro"]) == ("VA", "47900")


def test_path_in_a_metro(run_json, oews) -> None:
    out = run_json("path", "--exp", "2", "--years", "4", "--role", "ehr", "--metro", "san jose")
    points = out["paths"][0]["points"]
    assert len(points) >= 4
    for point in points:
        assert point["profile"]["metro"] == "41940"
        assert point["survey_band"] == band_by_hand(oews, "15-1211", point["profile"]["exp"], "41940")
        aged = band_by_hand(oews, "15-1211", point["profile"]["exp"], "41940", eci_by_hand())
        assert point["band"] == aged


def test_batch_metro_column(run, oews) -> None:
    roster = (
        "id,exp,role,state,metro\n"
        "G1,5,ehr,,san jose\n"
        "G2,7,cybersecurity,,Nashville\n"
        "B1,5,ehr,,zzqx\n"
        "B2,5,ehr,TX,boston\n"
        "G3,5,ehr,CA,\n"
    )
    result = run("batch", "-", "--survey-dollars", input=roster)  # aged: tests/test_growth.py
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith("hitsalary: 3 estimated, 2 rejected\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["G1", "G2", "B1", "B2", "G3"]
    g1, g2, b1, b2, g3 = records

    for record, soc, code, years, state in (
        (g1, "15-1211", "41940", 5, "CA"),
        (g2, "15-1212", "34980", 7, "TN"),
    ):
        assert (record["metro"], record["state"], record["soc"]) == (code, state, soc)
        assert {k: record[k] for k in ("low", "mid", "high")} == band_by_hand(oews, soc, years, code)
    for bad, value in ((b1, "zzqx"), (b2, "boston")):
        assert (bad["error_field"], bad["error_value"]) == ("metro", value)
        assert "low" not in bad
    assert "Texas" in b2["error"]
    assert g3["metro"] is None


def test_batch_metro_matches_estimate(run, run_json) -> None:
    result = run("batch", "-", input="exp,role,metro\n12,ehr,Boston\n")
    assert result.exit_code == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    out = run_json("estimate", "--exp", "12", "--role", "ehr", "--metro", "Boston")
    assert {k: record[k] for k in ("low", "mid", "high")} == out["band"]
    assert (record["metro"], record["state"]) == ("14460", "MA")


# --- hitsalary areas ---------------------------------------------------------------------------


def test_areas_lists_all_528(run_json, oews) -> None:
    out = run_json("areas")
    codes = [a["code"] for a in out["areas"]]
    assert len(codes) == len(set(codes)) == AREA_COUNT
    assert set(codes) == {r["area_code"] for r in oews if r["area_type"] in AREA_TYPES}


def test_areas_json_keys(run_json) -> None:
    out = run_json("areas", "--role", "cybersecurity", "--state", "TN")
    assert {"schema_version", "sort", "role", "soc", "national_median", "areas", "data"} <= set(out)
    assert out["soc"] == "15-1212"
    for area in out["areas"]:
        assert set(area) == {
            "code",
            "name",
            "type",
            "states",
            "employment",
            "median",
            "factor",
            "basis",
            "statistic",
            "reason",
            "series",
            "imprecise",
        }
        assert area["type"] in AREA_TYPES
        assert (area["reason"] is None) == (area["basis"] == "measured")
    nashville = next(a for a in out["areas"] if a["code"] == "34980")
    assert nashville["basis"] == "fallback"
    assert "Tennessee" in nashville["reason"]


@pytest.mark.parametrize("state", ["MA", "NH", "WV", "CA"])
def test_areas_state_filter(run_json, oews, state_codes, state) -> None:
    out = run_json("areas", "--state", state)
    listed = {a["code"] for a in out["areas"]}
    assert listed
    for area in out["areas"]:
        assert state in area["states"]
    every = {r["area_code"] for r in oews if r["area_type"] in AREA_TYPES}
    expected = {code for code in every if state in states_of(oews, code, state_codes)}
    assert listed == expected


def test_areas_factors_by_hand(run_json, oews) -> None:
    """Every California area's ehr factor, from the CSV: measured where published, else the state's."""
    out = run_json("areas", "--role", "ehr", "--state", "CA")
    for area in out["areas"]:
        factor, basis = metro_factor_by_hand(oews, "15-1211", area["code"])
        assert area["basis"] == basis, area["name"]
        assert area["factor"] == pytest.approx(factor, abs=1e-6), area["name"]
        local = area_row(oews, "15-1211", area["code"])
        assert area["median"] == (median(local) if local is not None and local["median"] else None)


@pytest.mark.parametrize("spelling", ["factor", "FACTOR", "name", "Name", "employment", "EmPloyment"])
def test_areas_sort_any_case(run_json, spelling) -> None:
    out = run_json("areas", "--role", "ehr", "--sort", spelling)
    key = spelling.lower()
    assert out["sort"] == key
    rows = out["areas"]
    assert len(rows) == AREA_COUNT
    if key == "factor":
        factors = [a["factor"] for a in rows]
        assert factors == sorted(factors, reverse=True)
    elif key == "name":
        names = [a["name"] for a in rows]
        assert names == sorted(names)
    else:
        counts = [a["employment"] for a in rows]
        known = [c for c in counts if c is not None]
        assert counts[: len(known)] == known  # areas without a published count come last
        assert known == sorted(known, reverse=True)


def test_areas_tables_any_case_sort(run) -> None:
    result = run("areas", "--role", "ehr", "--state", "CA", "--sort", "NAME")
    assert result.exit_code == 0, result.stderr
    assert "San Jose" in result.stdout


@pytest.mark.parametrize("bad", ["salary", "", "factors;"])
def test_areas_bad_sort(run, bad) -> None:
    line = one_line_error(run("areas", "--sort", bad))
    assert "--sort" in line


def test_areas_bad_state_and_role(run) -> None:
    one_line_error(run("areas", "--state", "XX"))
    one_line_error(run("areas", "--role", "zzz"))


# --- purchasing power --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "state"),
    [
        (("--metro", "boston"), "MA"),
        (("--metro", "washington-arlington"), "DC"),  # the first state named
        (("--metro", "47900", "--state", "VA"), "VA"),  # the state given, inside the area
        (("--metro", "san jose", "--role", "ehr"), "CA"),
        (("--metro", "alaska nonmetro"), "AK"),
    ],
)
def test_purchasing_power_uses_the_areas_parity(run_json, data, parities, args, state) -> None:
    """The area's own BEA parity (a metro's; a nonmetro area's state nonmetropolitan portion),
    never the state's (tests/test_purchasing_areas.py reads them by hand)."""
    out = run_json("estimate", "--exp", "6", *args)
    power = out["purchasing_power"]
    code = out["area"]["code"]
    own = data.area_rpp.metros.get(code) or data.area_rpp.portions[state]["nonmetropolitan"]
    assert power["rpp"] == own.rpp != parities[state]
    assert power["parity"] == out["area"]["type"]
    for key in ("low", "mid", "high"):
        assert power[key] == hand.half_up(out["band"][key] / (own.rpp / parities["US"]), 100)


def test_compare_vs_metro_keeps_the_base_state_where_the_area_spans_it(run_json) -> None:
    """Chattanooga spans TN and GA: from a Georgia profile the variant stays in Georgia, as
    estimate --state GA --metro chattanooga does (the role is not published there: GA's factor)."""
    out = run_json("compare", "--exp", "5", "--state", "GA", "--vs", "metro=chattanooga")
    direct = run_json("estimate", "--exp", "5", "--state", "GA", "--metro", "chattanooga")
    variant = out["variants"][0]
    assert (variant["profile"]["state"], variant["profile"]["metro"]) == ("GA", direct["profile"]["metro"])
    assert variant["band"] == direct["band"]


def test_compare_vs_a_shared_name_is_settled_by_the_base_state(run_json) -> None:
    out = run_json("compare", "--exp", "5", "--state", "OR", "--vs", "metro=portland")
    assert out["variants"][0]["profile"]["metro"] == "38900"  # Portland-Vancouver-Hillsboro, OR-WA


@pytest.mark.parametrize(
    ("role", "metro", "label"),
    [
        ("general", "47900", "BLS Washington metro"),  # not the state of Washington (BLS WA)
        ("ehr", "3000006", "BLS East-Central Montana nonmetro"),  # not 'BLS East'
        ("general", "41940", "BLS San Jose metro"),
    ],
)
def test_an_areas_reference_label_names_one_place(run, role, metro, label) -> None:
    """A metro's or nonmetro area's BLS row (the published figures' table and the chart) is
    labelled so that it cannot be read as a state or cut at a hyphen in its name: its first city
    and 'metro', or its name and 'nonmetro'."""
    shown = run("estimate", "--exp", "5", "--role", role, "--metro", metro, env={"COLUMNS": "120"}).stdout
    rows = [line.strip() for line in shown.splitlines() if line.strip().startswith("BLS ")]
    assert sum(row.startswith(f"{label} ") for row in rows) == 2  # its table row and its chart row


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("sfield", None),
        ("sfield ca", None),
        ("sf", "41860"),
        ("sf ca", "41860"),
        ("san fran", "41860"),
        ("minneap", "33460"),
    ],
)
def test_a_metro_name_is_matched_at_the_start_of_its_words_never_inside_one(
    run_json, run, text, code
) -> None:
    """'sf' was read as Bakersfield-Delano, CA (bakerSField), and the ambiguity message advised
    'sf ca', which gave Bakersfield silently: a part of a name matches the start of its words
    ('sf' itself is now San Francisco's short name, area_names.yaml)."""
    if code is None:
        result = run("estimate", "--exp", "3", "--metro", text)
        assert result.exit_code == 2
        assert "matches" not in result.stderr
        return
    assert run_json("estimate", "--exp", "3", "--metro", text)["profile"]["metro"] == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("nyc", "35620"), ("NYC", "35620"), ("Twin Cities", "33460"), ("dfw", "19100"), ("philly", "37980")],
)
def test_a_metro_short_name_names_its_area(run_json, data, text, code) -> None:
    """A trial's 'nyc' was answered 'did you mean Albany': short names people use are read from
    area_names.yaml, in the estimate, the API and a roster alike."""
    assert data.area_names  # the shipped list, not a hand-typed one here
    assert run_json("estimate", "--exp", "3", "--metro", text)["profile"]["metro"] == code
    assert hitsalary.estimate(exp=3, metro=text).profile.metro == code


def test_an_ambiguous_short_name_is_not_a_short_name(run, data) -> None:
    """'la' is Louisiana's code as well as Los Angeles': it is not in the list, and stays a
    question (which of Louisiana's areas?)."""
    assert "la" not in data.area_names
    result = run("estimate", "--exp", "3", "--metro", "la")
    assert result.exit_code == 2
    assert "matches 12 areas" in result.stderr


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("bay area", ("41860", "41940")),
        ("Research Triangle", ("39580", "20500")),
        ("triangle", ("39580", "20500")),  # was 'did you mean Fayetteville-Springdale-Rogers, AR'
        ("sf bay area", ("41860", "41940")),
    ],
)
def test_a_short_name_for_several_areas_offers_each(run, data, text, codes) -> None:
    """'bay area' was answered 'did you mean Houma-Bayou Cane-Thibodaux, LA' and 'Research
    Triangle' 'no such area' (a trial): a name that could mean several areas lists their codes in
    area_names.yaml, and each is offered, none chosen; with a state elsewhere, it says so."""
    assert data.area_names[text.lower()] == codes
    line = one_line_error(run("estimate", "--exp", "3", "--metro", text))
    assert "matches 2 areas" in line
    assert all(f"({code})" in line for code in codes)
    assert line.endswith(f"(give a code, e.g. {codes[0]})")  # no 'more of the name': a short name has none
    elsewhere = one_line_error(run("estimate", "--exp", "3", "--state", "MA", "--metro", text))
    assert "none of them in Massachusetts (MA)" in elsewhere
    for code in codes:  # the way out it names works
        assert run("estimate", "--exp", "3", "--metro", code).exit_code == 0


@pytest.mark.parametrize("names", ["{hq: ['14460']}", "{hq: []}", "{hq: [14460, '14460']}"])
def test_a_short_names_list_holds_two_codes_or_more(run, tmp_path, names: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        f"area_names:\n  source: {{publisher: Me, title: my names, year: 2026}}\n  names: {names}\n",
        encoding="utf-8",
    )
    result = run("estimate", "--exp", "3", "--metro", "hq", "--data", str(path))
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert "mine.yaml:3: area_names.names.hq" in result.stderr.replace("names.hq.0", "names.hq")


def test_a_short_name_of_no_area_is_the_data_files_error(run, tmp_path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "area_names:\n  source: {publisher: Me, title: my names, year: 2026}\n  names: {hq: '99999'}\n",
        encoding="utf-8",
    )
    result = run("estimate", "--exp", "3", "--metro", "hq", "--data", str(path))
    assert result.exit_code != 0
    assert "area_names: names: hq: 99999 is not an area of the OEWS area list" in result.stderr
