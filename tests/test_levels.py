"""Prevailing-wage levels (`hitsalary levels`, `estimate --levels`, `batch --levels`): the four levels
recomputed by hand from the shared BLS file, the offer check at its edges, and the same numbers
everywhere they are shown.

The expected figures are worked here from /work/shared/data/oews_2025_areas.csv by the stated
method (README "Prevailing wages"), in tests/distribution_hand.py, never by hitsalary's own
helpers: the Department of Labor's formula on the area's own distribution (the metro area if BLS
publishes its median, else the state's, else the nation's times the state's 15-0000 median ratio):
Level I = mean of the lowest third, IV = (3 x mean - I) / 2, II and III between; to the dollar
(half up); hourly = the least rate to the cent whose year (x 2,080, half up to the dollar)
meets the level."""

from __future__ import annotations

import csv
import itertools
import json
import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hitsalary.core.decisions import parse_money
from hitsalary.core.levels import least_hourly, wage_levels
from hitsalary.core.models import Profile, ReferenceData

from . import distribution_hand as hand
from .conftest import one_line_error

LEVEL_KEYS = ("I", "II", "III", "IV")
HOURS = 2080
AREA_TYPES = ("metro", "nonmetro")
SOC = {
    "ehr": "15-1211",
    "cybersecurity": "15-1212",
    "software": "15-1252",
    "medical-coding": "29-2072",
    "analytics": "15-2051",
}
WAGE_YEAR = "July 2026 to June 2027"

Row = hand.Row
oews = hand.oews  # the shared CSV's rows, a fixture
one = hand.one


def maybe(rows: list[Row], **match: str) -> Row | None:
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) <= 1, match
    return found[0] if found else None


def state_by_hand(rows: list[Row], soc: str, state: str) -> tuple[Row, str]:
    """The state's row if BLS publishes its median; else the nation's x the state's 15-0000 ratio."""
    found = maybe(rows, soc=soc, area_type="state", area_name=state)
    if found is not None and found["median"]:
        return found, "measured"
    group = one(rows, soc="15-0000", area_type="state", area_name=state)
    group_nat = one(rows, soc="15-0000", area_type="national")
    ratio = int(group["median"]) / int(group_nat["median"])
    return hand.scaled(one(rows, soc=soc, area_type="national"), ratio), "fallback"


def distribution_by_hand(
    rows: list[Row], soc: str, *, metro: str | None = None, state: str | None = None
) -> tuple[Row, str]:
    """The narrowest area with a published median: metro, state, nation."""
    if metro is not None:
        found = [
            r for r in rows if r["soc"] == soc and r["area_code"] == metro and r["area_type"] in AREA_TYPES
        ]
        if found and found[0]["median"]:
            return found[0], "measured"
        if state is None:  # the area's main state
            everyone = one(rows, soc="00-0000", area_code=metro)
            home = one(rows, soc="00-0000", area_type="state", state_fips=everyone["state_fips"])
            state = home["area_name"]
        return state_by_hand(rows, soc, state)[0], "fallback"
    if state is not None:
        return state_by_hand(rows, soc, state)
    return one(rows, soc=soc, area_type="national"), "measured"


def dollars(amount: float) -> int:
    return int(Decimal(repr(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents(annual: int) -> float:
    return float((Decimal(annual) / Decimal(HOURS)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def least_cents(annual: int) -> float:
    """By hand, in exact decimals: the least rate to the cent whose year, rounded half up to the
    dollar, is at least annual, i.e. rate x HOURS >= annual - 0.5."""
    rate = ((Decimal(annual) - Decimal("0.5")) / Decimal(HOURS)).quantize(
        Decimal("0.01"), rounding=ROUND_CEILING
    )
    return float(rate)


def levels_by_hand(r: Row) -> list[dict]:
    return [
        {"level": key, "annual": annual, "hourly": least_cents(annual)}
        for key, annual in zip(LEVEL_KEYS, hand.level_dollars(r), strict=True)
    ]


def flat(text: str) -> str:
    """Table text with its line wrapping undone, lower case."""
    return re.sub(r"\s+", " ", text).lower()


# --- the four levels, by hand ------------------------------------------------------------------
# (role, flags, what the CSV row is: metro code / state name / national, the basis expected)
CASES = [
    pytest.param("ehr", ("--metro", "san jose"), {"metro": "41940"}, "measured", id="ehr-san-jose"),
    pytest.param("ehr", ("--metro", "41940"), {"metro": "41940"}, "measured", id="ehr-41940"),
    pytest.param("cybersecurity", ("--state", "TX"), {"state": "Texas"}, "measured", id="cyber-texas"),
    pytest.param("medical-coding", (), {}, "measured", id="coding-national"),
    pytest.param("software", ("--metro", "seattle"), {"metro": "42660"}, "measured", id="software-seattle"),
    pytest.param(
        "ehr", ("--metro", "north coast region"), {"metro": "0600003"}, "measured", id="ehr-nonmetro"
    ),
    # BLS does not release 15-1212 in Nashville: Tennessee's distribution stands in
    pytest.param(
        "cybersecurity", ("--metro", "nashville"), {"metro": "34980"}, "fallback", id="cyber-nashville"
    ),
    # nor 15-1211 in Morgantown or West Virginia: the nation's
    pytest.param("ehr", ("--metro", "morgantown"), {"metro": "34060"}, "fallback", id="ehr-morgantown"),
    # a multi-state metro given with one of its states
    pytest.param(
        "cybersecurity", ("--metro", "47900", "--state", "VA"), {"metro": "47900"}, "measured", id="cyber-dc"
    ),
    pytest.param("analytics", ("--state", "CO"), {"state": "Colorado"}, "measured", id="analytics-colorado"),
]


@pytest.mark.parametrize(("role", "flags", "where", "basis"), CASES)
def test_levels_by_hand(run_json, oews, role, flags, where, basis) -> None:
    soc = SOC[role]
    row, expected_basis = distribution_by_hand(oews, soc, **where)
    assert expected_basis == basis  # the CSV says what kind of case this is
    out = run_json("levels", "--role", role, *flags)
    assert out["soc"] == soc
    assert out["wage_year"] == WAGE_YEAR
    dist = out["distribution"]
    assert dist["series"] == row["series_id"].removesuffix("XX") + "13"  # the median's: a real BLS ID
    assert dist["percentiles"] == {f"p{p}": dollars(w) for p, w in hand.points(row)}
    assert dist["basis"] == basis
    shown = [{k: level[k] for k in ("level", "annual", "hourly")} for level in out["levels"]]
    assert shown == levels_by_hand(row)
    assert out["levels"][2]["annual"] == dollars(float(row["mean"]))  # Level III is the mean


HOURLY_CASES = CASES  # analytics in Colorado, Level IV $140,348 / 2,080 = $67.475 exactly: a half cent


@pytest.mark.parametrize(("role", "flags", "where", "basis"), HOURLY_CASES)
def test_hourly_is_the_least_cent_whose_year_meets_the_level(run_json, role, flags, where, basis) -> None:
    out = run_json("levels", "--role", role, *flags)
    for level in out["levels"]:
        assert level["hourly"] == least_cents(level["annual"]) == least_hourly(level["annual"], HOURS)
        assert round(level["hourly"] - cents(level["annual"]), 2) in (0, 0.01)  # the nearest cent or the next


def test_fallback_says_why(run_json) -> None:
    out = run_json("levels", "--role", "cybersecurity", "--metro", "nashville")
    dist = out["distribution"]
    assert (dist["basis"], dist["where"], dist["code"]) == ("fallback", "Tennessee", "TN")
    assert "15-1212" in dist["reason"]
    assert "Nashville-Davidson--Murfreesboro--Franklin, TN" in dist["reason"]
    assert "Tennessee" in dist["reason"]
    twice = run_json("levels", "--role", "ehr", "--metro", "morgantown")["distribution"]
    assert twice["basis"] == "fallback"
    assert "Morgantown, WV" in twice["reason"]
    assert "West Virginia" in twice["reason"]


def test_measured_has_no_reason(run_json) -> None:
    dist = run_json("levels", "--role", "ehr", "--metro", "san jose")["distribution"]
    assert (dist["basis"], dist["reason"], dist["code"]) == ("measured", None, "41940")


def test_fallback_is_said_in_the_table(run) -> None:
    result = run("levels", "--role", "cybersecurity", "--metro", "nashville", env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    assert "fallback" in flat(result.stdout)
    assert "tennessee" in flat(result.stdout)


# --- invariants --------------------------------------------------------------------------------


def test_levels_rise_equally_spaced_for_every_role_nationally_and_in_every_state(data: ReferenceData) -> None:
    """I < II < III < IV everywhere, one step apart to the rounding dollar (DOL's levels are
    equally spaced), even where BLS publishes tied percentiles (Delaware's 29-9021 median and 75th
    percentile are both $68,890)."""
    for role in data.roles:
        for state in ["US", *data.states]:
            table = wage_levels(data, Profile(0, state, role=role))
            annual = [level.annual for level in table.levels]
            assert [level.key for level in table.levels] == list(LEVEL_KEYS)
            assert annual[0] < annual[1] < annual[2] < annual[3], (role, state, annual)
            steps = [b - a for a, b in itertools.pairwise(annual)]
            assert max(steps) - min(steps) <= 1, (role, state, annual)


def test_tied_published_percentiles_still_give_spaced_levels(run_json, oews) -> None:
    de = one(oews, soc="29-9021", area_type="state", area_name="Delaware")
    assert de["median"] == de["p75"]  # BLS publishes the same wage at both
    out = run_json("levels", "--state", "DE")
    annual = [level["annual"] for level in out["levels"]]
    assert annual == [level["annual"] for level in levels_by_hand(de)]
    assert annual[2] == int(de["mean"])


def test_sussex_against_the_official_wage_year_2025_26_levels(data: ReferenceData, oews) -> None:
    """DOL's Online Wage Library, Computer Systems Analysts, Sussex County DE nonmetro area, wage
    year 2025-26 (OEWS May 2024; shared/data/README.md): $80,122 / $102,024 / $123,926 / $145,829.
    Ours are from May 2025, one release later: the levels are equally spaced like DOL's, and
    Level III is the area's mean in both (DOL's 123,926 is then May 2024's mean)."""
    row = one(oews, soc="15-1211", area_code="1000005")
    ehr = next(key for key, role in data.roles.items() if role.soc == "15-1211")
    table = wage_levels(data, Profile(0, "DE", role=ehr, metro="1000005"))
    assert [level.annual for level in table.levels] == hand.level_dollars(row)
    assert table.levels[2].annual == int(row["mean"])


# --- the offer at the edges --------------------------------------------------------------------


@pytest.mark.parametrize(
    "flags", [("--role", "ehr", "--metro", "san jose"), ("--role", "cybersecurity", "--state", "TX")]
)
def test_an_offer_at_a_levels_wage_meets_it_and_a_dollar_less_does_not(run_json, flags) -> None:
    levels = run_json("levels", *flags)["levels"]
    keys = [level["level"] for level in levels]
    for i, level in enumerate(levels):
        at = run_json("levels", *flags, "--offer", str(level["annual"]))["offer"]
        assert at["amount"] == level["annual"]
        assert at["highest_level_met"] == level["level"]
        assert at["shortfall"] == 0
        if i + 1 < len(levels):
            assert (at["next_level"], at["to_next_level"]) == (
                keys[i + 1],
                levels[i + 1]["annual"] - level["annual"],
            )
        else:
            assert (at["next_level"], at["to_next_level"]) == (None, None)

        below = run_json("levels", *flags, "--offer", str(level["annual"] - 1))["offer"]
        assert below["highest_level_met"] == (keys[i - 1] if i else None)
        assert below["shortfall"] == (1 if i == 0 else 0)
        assert (below["next_level"], below["to_next_level"]) == (level["level"], 1)


def test_an_offer_below_level_i(run_json) -> None:
    out = run_json("levels", "--role", "ehr", "--metro", "san jose", "--offer", "50k")
    first = out["levels"][0]["annual"]
    offer = out["offer"]
    assert offer["highest_level_met"] is None
    assert offer["shortfall"] == first - 50000
    assert (offer["next_level"], offer["to_next_level"]) == ("I", first - 50000)
    assert f"${first - 50000:,}" in offer["sentence"]


def test_no_offer_no_offer_block(run_json) -> None:
    assert run_json("levels", "--role", "ehr")["offer"] is None


def test_readme_example(run) -> None:
    """README: `levels --role ehr --metro "san jose" --offer 130k` meets Level I, Level II needs $933."""
    result = run("levels", "--role", "ehr", "--metro", "san jose", "--offer", "130k", env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    assert "$130,000 meets Level I; Level II needs $933 more." in result.stdout


# --- the same numbers everywhere ----------------------------------------------------------------


@pytest.mark.parametrize(
    "flags",
    [
        ("--role", "ehr", "--metro", "san jose"),
        ("--role", "cybersecurity", "--metro", "nashville"),
        ("--role", "medical-coding", "--state", "PR"),
        ("--role", "software"),
    ],
)
@pytest.mark.parametrize("offer", ["95000", "200k"])
def test_estimate_levels_are_the_levels_command(run_json, flags, offer) -> None:
    estimate = run_json("estimate", "--exp", "4", *flags, "--offer", offer, "--levels")
    levels = run_json("levels", *flags, "--offer", offer)
    assert estimate["wage_levels"] == {k: v for k, v in levels.items() if k not in ("schema_version", "data")}
    assert estimate["wage_levels"]["offer"]["amount"] == estimate["offer"]["amount"]


def test_estimate_without_levels_has_none(run_json) -> None:
    assert "wage_levels" not in run_json("estimate", "--exp", "4", "--offer", "95000")


@pytest.mark.parametrize(
    "args",
    [
        ("levels", "--role", "ehr", "--metro", "san jose"),
        ("levels", "--role", "cybersecurity", "--state", "TX", "--offer", "95k"),
        ("estimate", "--exp", "3", "--role", "ehr", "--levels"),
    ],
)
def test_tables_say_approximated_and_the_wage_year(run, args) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    text = flat(result.stdout)
    assert "approximated from published oews figures; for a filing use the online wage library" in text
    assert WAGE_YEAR.lower() in text
    assert "online wage library" in text


def test_batch_levels_match_the_levels_command(run, run_json) -> None:
    cases = [
        ("ehr", "", "san jose", ("--metro", "san jose")),
        ("cybersecurity", "TX", "", ("--state", "TX")),
        ("cybersecurity", "", "nashville", ("--metro", "nashville")),
        ("medical-coding", "", "", ()),
    ]
    rows, expected = ["id,exp,role,state,metro,offer,salary"], []
    for role, state, metro, flags in cases:
        table = run_json("levels", "--role", role, *flags)["levels"]
        amounts = [
            table[0]["annual"] - 1,
            table[0]["annual"],
            table[1]["annual"] - 1,
            table[2]["annual"],
            table[3]["annual"] + 1000,
            30000,
        ]
        for amount in amounts:
            rows.append(f"{len(rows)},3,{role},{state},{metro},{amount},{amount + 1}")
            for value in (amount, amount + 1):
                offer = run_json("levels", "--role", role, *flags, "--offer", str(value))["offer"]
                expected.append((offer["highest_level_met"], offer["shortfall"]))
    result = run("batch", "-", "--levels", input="\n".join(rows) + "\n")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    got = []
    for record in records:
        got.append((record["offer_level"], record["offer_below_level_i"]))
        got.append((record["salary_level"], record["salary_below_level_i"]))
    assert got == expected


def test_batch_levels_csv_leaves_the_level_empty_below_level_i(run, run_json) -> None:
    first = run_json("levels", "--role", "ehr")["levels"][0]["annual"]
    result = run("batch", "-", "--levels", "--format", "csv", input=f"exp,role,offer\n1,ehr,{first - 10}\n")
    assert result.exit_code == 0, result.stderr
    [record] = list(csv.DictReader(result.stdout.splitlines()))
    assert (record["offer_level"], record["offer_below_level_i"]) == ("", "10")


def test_batch_without_levels_has_no_level_columns(run) -> None:
    result = run("batch", "-", input="exp,role,offer\n1,ehr,90000\n")
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert "offer_level" not in record
    assert "offer_below_level_i" not in record


# --- bad values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("--role", "zzz"), "--role"),
        (("--role", "ehr", "--metro", "zzqx"), "--metro"),
        (("--role", "ehr", "--metro", "portland"), "--metro"),
        (("--role", "ehr", "--metro", "boston", "--state", "TX"), "--metro"),
        (("--role", "ehr", "--state", "XX"), "--state"),
        (("--role", "ehr", "--offer", "abc"), "--offer"),
        (("--role", "ehr", "--offer", "0"), "--offer"),
        (("--role", "ehr", "--offer", "-5"), "--offer"),
        (("--role", "ehr", "--offer", "1e9"), "--offer"),
        (("--role", "ehr", "--offer", ""), "--offer"),
    ],
)
def test_bad_values_are_one_line_and_exit_2(run, args, flag) -> None:
    for json_flag in ((), ("--json",)):
        line = one_line_error(run("levels", *args, *json_flag))
        assert flag in line


def test_batch_levels_bad_offer_is_an_error_record(run) -> None:
    result = run("batch", "-", "--levels", input="id,exp,role,offer\nX,3,ehr,lots\n")
    assert result.exit_code == 3
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["error_field"], record["error_value"]) == ("offer", "lots")


def test_an_offer_inside_the_band_but_below_level_i_is_said_to_meet_no_level(run, run_json) -> None:
    """The band's low end can lie under Level I (it is cut at the 10th percentile, Level I is a
    mean): the screen says why 'inside your band' and 'meets no level' are both true."""
    flags = ("--exp", "0", "--role", "software", "--metro", "41940")
    band = run_json("estimate", *flags)["band"]
    first = run_json("levels", "--role", "software", "--metro", "41940")["levels"][0]["annual"]
    assert band["low"] < first  # the case this test is about
    inside = band["low"] + (first - band["low"]) // 2
    shown = " ".join(run("estimate", *flags, "--offer", str(inside), "--levels").stdout.split())
    assert f"the band starts at ${band['low']:,}, below Level I (${first:,})" in shown
    met = " ".join(run("estimate", *flags, "--offer", str(first), "--levels").stdout.split())
    assert "below Level I (" not in met


@settings(max_examples=400, deadline=None)
@given(
    annual=st.integers(min_value=10_000, max_value=2_000_000), hours=st.sampled_from([2080, 2000, 1950.5, 1])
)
def test_a_levels_hourly_rate_is_the_least_cent_that_meets_it_as_an_hourly_offer(
    annual: int, hours: float
) -> None:
    """A trial's '75.56/hr', the hourly figure shown for a Level III of $157,170, was read as
    $157,165 and failed the level it was printed beside."""
    rate = least_hourly(annual, hours)
    assert parse_money(f"{rate:.2f}/hr", hours_per_year=hours) >= annual
    if rate > 0.01:
        assert parse_money(f"{rate - 0.01:.2f}/hr", hours_per_year=hours) < annual


def test_the_printed_hourly_level_meets_its_level(run) -> None:
    table = run("levels", "--role", "ehr", "--metro", "san jose", "--json")
    for level in json.loads(table.stdout)["levels"]:
        out = run(
            "levels", "--role", "ehr", "--metro", "san jose", "--offer", f"{level['hourly']:.2f}/hr", "--json"
        )
        assert json.loads(out.stdout)["offer"]["highest_level_met"] == level["level"]


def test_national_levels_say_dol_uses_the_worksites_area(run, run_json) -> None:
    """A trial saw a prevailing-wage verdict for 'United States' with no word that DOL sets the
    wage for the area of intended employment."""
    args = ["levels", "--role", "cybersecurity", "--offer", "95k"]
    note = run_json(*args)["area_note"]
    assert note is not None
    assert "area of intended employment" in note
    assert "--state or --metro" in note
    screen = flat(run(*args, env={"COLUMNS": "300"}).stdout)
    assert flat(note) in screen
    assert run_json(*args, "--state", "TX")["area_note"] is None
    assert run_json("levels", "--role", "cybersecurity", "--metro", "nashville")["area_note"] is None
    with_levels = run_json("estimate", "--exp", "3", "--role", "cybersecurity", "--levels")
    assert with_levels["wage_levels"]["area_note"] == note


def test_batch_levels_say_once_how_many_rows_are_national(run) -> None:
    rows = "exp,role,state,offer\n3,ehr,,90000\n3,ehr,TX,90000\n4,ehr,US,90000\n"
    result = run("batch", "-", "--levels", input=rows)
    assert result.exit_code == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "national" in line]
    assert line.startswith("hitsalary: note: 2 rows have no state or metro, so the levels are national")
    assert "area of intended employment" in line
    for quiet in (["--levels"], []):
        result = run("batch", "-", *quiet, input="exp,role,state,offer\n3,ehr,TX,90000\n" if quiet else rows)
        assert "national" not in result.stderr
