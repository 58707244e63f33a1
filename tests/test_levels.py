"""Prevailing-wage levels (`hitsalary levels`, `estimate --levels`, `batch --levels`): the four levels
recomputed by hand from the shared BLS file, the offer check at its edges, and the same numbers
everywhere they are shown.

The expected figures are worked here from /work/shared/data/oews_2025_areas.csv by the stated
method (README "Prevailing wages"), never by hitsalary's own helpers: Levels I-IV at the 17th,
34th, 50th and 67th percentile of the area's own distribution (the metro area if its published
percentiles bracket 17 to 67, else the state's, else the nation's), log-linear between published
percentiles, to the dollar (half up); hourly = annual / 2,080 to the cent (half up)."""

from __future__ import annotations

import csv
import itertools
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from hitsalary.core.levels import wage_levels
from hitsalary.core.models import Profile, ReferenceData

from .conftest import SHARED_DATA, one_line_error

LEVELS = (("I", 17), ("II", 34), ("III", 50), ("IV", 67))
COLUMNS = (("p10", 10), ("p25", 25), ("median", 50), ("p75", 75), ("p90", 90))
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

Row = dict[str, str]


@pytest.fixture(scope="module")
def oews() -> list[Row]:
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    with (SHARED_DATA / "oews_2025_areas.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def one(rows: list[Row], **match: str) -> Row:
    [found] = [r for r in rows if all(r[k] == v for k, v in match.items())]
    return found


def maybe(rows: list[Row], **match: str) -> Row | None:
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) <= 1, match
    return found[0] if found else None


def points(r: Row) -> list[tuple[int, int]]:
    return [(p, int(r[c])) for c, p in COLUMNS if r[c]]


def covers(r: Row | None) -> bool:
    """The row's published percentiles bracket every level (17th to 67th)."""
    if r is None or len(points(r)) < 2:
        return False
    published = points(r)
    return published[0][0] <= LEVELS[0][1] and published[-1][0] >= LEVELS[-1][1]


def distribution_by_hand(
    rows: list[Row], soc: str, *, metro: str | None = None, state: str | None = None
) -> tuple[Row, str]:
    """The narrowest area whose published figures bracket the levels: metro, state, nation."""
    tried = False
    if metro is not None:
        found = [
            r for r in rows if r["soc"] == soc and r["area_code"] == metro and r["area_type"] in AREA_TYPES
        ]
        if found and covers(found[0]):
            return found[0], "measured"
        tried = True
        if state is None:  # the area's main state
            everyone = one(rows, soc="00-0000", area_code=metro)
            home = one(rows, soc="00-0000", area_type="state", state_fips=everyone["state_fips"])
            state = home["area_name"]
    if state is not None:
        found_state = maybe(rows, soc=soc, area_type="state", area_name=state)
        if covers(found_state):
            assert found_state is not None
            return found_state, "fallback" if tried else "measured"
        tried = True
    return one(rows, soc=soc, area_type="national"), "fallback" if tried else "measured"


def bracket(published: list[tuple[int, int]], pct: float) -> tuple[tuple[int, int], tuple[int, int]]:
    for before, after in itertools.pairwise(published):
        if before[0] <= pct <= after[0]:
            return before, after
    raise AssertionError(pct)


def wage_at(published: list[tuple[int, int]], pct: float) -> float:
    (p0, w0), (p1, w1) = bracket(published, pct)
    return w0 * (w1 / w0) ** ((pct - p0) / (p1 - p0))


def dollars(amount: float) -> int:
    return int(Decimal(repr(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents(annual: int) -> float:
    return float((Decimal(annual) / Decimal(HOURS)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def levels_by_hand(r: Row) -> list[dict]:
    published = points(r)
    out = []
    for key, pct in LEVELS:
        annual = dollars(wage_at(published, pct))
        between = [{"percentile": p, "annual": w} for p, w in bracket(published, pct)]
        out.append(
            {"level": key, "percentile": pct, "annual": annual, "hourly": cents(annual), "between": between}
        )
    return out


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
    assert dist["series"] == row["series_id"]
    assert dist["published"] == {f"p{p}": w for p, w in points(row)}
    assert dist["basis"] == basis
    expected = levels_by_hand(row)
    shown = [{k: level[k] for k in ("level", "percentile", "annual", "between")} for level in out["levels"]]
    assert shown == [
        {k: level[k] for k in ("level", "percentile", "annual", "between")} for level in expected
    ]


HOURLY_CASES = CASES  # analytics in Colorado, Level IV $140,348 / 2,080 = $67.475 exactly: a half cent


@pytest.mark.parametrize(("role", "flags", "where", "basis"), HOURLY_CASES)
def test_hourly_is_annual_over_2080_to_the_cent(run_json, role, flags, where, basis) -> None:
    out = run_json("levels", "--role", role, *flags)
    assert [level["hourly"] for level in out["levels"]] == [cents(level["annual"]) for level in out["levels"]]


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


def strictly_published(points_: tuple[tuple[int, int], ...]) -> bool:
    return all(w0 < w1 for (_, w0), (_, w1) in itertools.pairwise(points_))


def test_levels_rise_for_every_role_nationally_and_in_every_state(data: ReferenceData) -> None:
    """I <= II <= III <= IV everywhere; strictly I < II < III < IV wherever BLS's published
    percentiles themselves rise strictly. BLS does publish ties (Delaware's 29-9021 median and 75th
    percentile are both $68,890), and there the levels between them are equal, as the method says."""
    ties = []
    for role in data.roles:
        for state in ["US", *data.states]:
            table = wage_levels(data, Profile(0, state, role=role))
            annual = [level.annual for level in table.levels]
            assert [level.key for level in table.levels] == [key for key, _ in LEVELS]
            assert annual == sorted(annual), (role, state, annual)
            if strictly_published(table.wages.points):
                assert annual[0] < annual[1] < annual[2] < annual[3], (role, state, annual)
            else:
                ties.append((role, state))
    assert ("general", "DE") in ties  # the known tie, so this test sees both branches
    assert len(ties) < len(data.roles) * len(data.states) / 20  # ties are rare


def test_tied_published_percentiles_give_equal_levels(run_json, oews) -> None:
    de = one(oews, soc="29-9021", area_type="state", area_name="Delaware")
    assert de["median"] == de["p75"]  # BLS publishes the same wage at both
    out = run_json("levels", "--state", "DE")
    annual = [level["annual"] for level in out["levels"]]
    assert annual == [level["annual"] for level in levels_by_hand(de)]
    assert annual[2] == annual[3] == int(de["median"])


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
    """README: `levels --role ehr --metro "san jose" --offer 130k` meets Level I, Level II needs $3,176."""
    result = run("levels", "--role", "ehr", "--metro", "san jose", "--offer", "130k", env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    assert "$130,000 meets Level I; Level II needs $3,176 more." in result.stdout


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
    assert "approximated from the published oews percentiles" in text
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
