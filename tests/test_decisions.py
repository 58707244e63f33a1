"""Offer check, what-if comparisons, career paths and purchasing power: one engine underneath."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hitsalary.core.calculate import calculate
from hitsalary.core.decisions import assess_offer, career_path, parse_money
from hitsalary.core.errors import UsageProblem
from hitsalary.core.levels import assess, wage_levels
from hitsalary.core.models import Band, Profile, ReferenceData
from hitsalary.loading.reference import load

from .conftest import band_by_hand, half_up

DATA = load()


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("92000", 92000),
        ("92k", 92000),
        ("92K", 92000),
        ("$92,000", 92000),
        ("92.5k", 92500),
        (" 92 000 ", 92000),
    ],
)
def test_offer_amounts_in_every_spelling(text: str, amount: int) -> None:
    assert parse_money(text) == amount


@pytest.mark.parametrize("text", ["", "abc", "0", "-5000", "$-1", "92kk", "1e6", "nan", "100000000"])
def test_bad_offer_amounts_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageProblem, match="--offer"):
        parse_money(text)


@pytest.mark.parametrize(
    ("text", "thousands", "cents"), [("92.000", "92000", "92.00"), ("$1.250", "1250", "1.25")]
)
def test_a_dot_before_three_digits_is_refused_as_ambiguous(text: str, thousands: str, cents: str) -> None:
    """A European export's 92.000 is $92,000, never $92: both readings are named, neither taken."""
    with pytest.raises(UsageProblem, match="ambiguous") as raised:
        parse_money(text)
    assert f"Write {thousands} or {cents}" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("92.000,00", 92000), ("$105.500,50", 105501), ("1.250.000", 1250000), ("1.250.000,5 a year", 1250001)],
)
def test_dots_that_can_only_group_thousands_are_read_as_europe_writes_them(text: str, amount: int) -> None:
    """A decimal comma after dot groups, or two dot groups: nothing else can be meant."""
    assert parse_money(text) == amount


@pytest.mark.parametrize(
    ("text", "amount"), [("92.00", 92), ("92.5", 93), ("92.500k", 92500), ("45.500/hr", 94640)]
)
def test_other_decimals_stay_dollars_and_cents(text: str, amount: int) -> None:
    assert parse_money(text, hours_per_year=2080) == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [("48,50/hr", 100880), ("$48,50 an hour", 100880), ("48,5/hr", 100880), ("45/h", 93600), ("45/H", 93600)],
)
def test_an_hourly_rate_with_a_decimal_comma_or_a_bare_h_is_an_hourly_rate(text: str, amount: int) -> None:
    """A semicolon export writes cents after a comma (its 95.000,00 a year was read, its 48,50/hr
    was refused), and '/h' is as common as '/hr'; a comma before three digits still groups them."""
    assert parse_money(text, hours_per_year=2080) == amount
    assert parse_money("1,250/hr", hours_per_year=2080) == 2_600_000


# The offer logic on a fixed band, whatever the data: the estimate for 5 years with its band set
# to $75,000-$110,000, so every edge below is a round number.
MID5 = replace(calculate(Profile(5), DATA), band=Band(75000, 92500, 110000))


@pytest.mark.parametrize(
    ("amount", "position", "through", "sentence"),
    [
        (92000, "inside", 48.6, "$92,000 is 48.6% of the way through your band of $75,000-$110,000."),
        (75000, "inside", 0.0, "$75,000 is 0.0% of the way through your band of $75,000-$110,000."),
        (110000, "inside", 100.0, "$110,000 is 100.0% of the way through your band of $75,000-$110,000."),
        (74999, "below", -0.0, "$74,999 is $1 (0.0%) below your band of $75,000-$110,000."),
        (70000, "below", -14.3, "$70,000 is $5,000 (6.7%) below your band of $75,000-$110,000."),
        (121000, "above", 131.4, "$121,000 is $11,000 (10.0%) above your band of $75,000-$110,000."),
    ],
)
def test_offer_positions_and_edges(amount: int, position: str, through: float, sentence: str) -> None:
    check = assess_offer(amount, MID5)
    assert check.position == position
    assert check.percent_through == through
    assert check.sentence(MID5) == sentence


def test_offer_differences_against_each_reference() -> None:
    check = assess_offer(92000, MID5)
    payscale = next(r for r in check.references if r.reference.key == "payscale")
    assert payscale.difference == 92000 - 75500
    assert payscale.difference_pct == round((92000 / 75500 - 1) * 100, 1)
    assert len(check.references) == len(MID5.comparisons)


def test_offer_in_json_and_tables(run, run_json) -> None:
    band = run_json("estimate", "--exp", "5")["band"]
    amount = band["low"] + (band["high"] - band["low"]) // 4  # a quarter of the way through
    sentence = f"${amount:,} is 25.0% of the way through your band of ${band['low']:,}-${band['high']:,}."
    out = run_json("estimate", "--exp", "5", "--offer", f"${amount:,}")
    assert out["band"] == band
    assert out["offer"]["position"] == "inside"
    assert out["offer"]["sentence"] == sentence
    assert {r["key"] for r in out["offer"]["references"]} == {r["key"] for r in out["references"]}
    table = run("estimate", "--exp", "5", "--offer", str(amount)).stdout
    assert sentence in " ".join(table.split())
    assert "◆" in table


@pytest.mark.parametrize("bad", ["zero", "0", "-1"])
def test_bad_offer_exits_2(run, bad: str) -> None:
    result = run("estimate", "--exp", "5", "--offer", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith("hitsalary: invalid value for --offer:")
    assert result.stdout == ""


def test_purchasing_power_checked_by_hand(data: ReferenceData) -> None:
    est = calculate(Profile(5, "NY", survey_dollars=True), data)  # aged: tests/test_growth.py
    ny = data.states["NY"]
    assert ny.rpp is not None
    soc = data.roles[data.neutral_role].soc
    band = band_by_hand(data, 5, soc, state="NY")
    assert est.band == band
    by_hand = half_up(band.mid / (ny.rpp / data.national_rpp), data.method.rounding_unit)
    assert est.purchasing_power is not None
    assert est.purchasing_power.band.mid == by_hand
    assert est.purchasing_power.rpp == ny.rpp


def test_national_purchasing_power_equals_pay() -> None:
    est = calculate(Profile(5), DATA)
    assert est.purchasing_power is not None
    assert est.purchasing_power.band == est.band


def test_puerto_rico_has_no_purchasing_power(run, run_json) -> None:
    assert calculate(Profile(5, "PR"), DATA).purchasing_power is None
    assert run_json("estimate", "--exp", "5", "--state", "PR")["purchasing_power"] is None
    assert "BEA publishes no regional price parity" in " ".join(
        run("estimate", "--exp", "5", "--state", "PR").stdout.split()
    )


def test_compare_every_vs_form(run_json, data: ReferenceData) -> None:
    out = run_json(
        "compare",
        "--exp",
        "5",
        "--state",
        "TX",
        "--vs",
        "state=CA",
        "--vs",
        "education=master",
        "--vs",
        "role=cybersecurity",
        "--vs",
        "specialization=ehr",  # the older name of role
        "--vs",
        "state=CA,education=master",
        "--vs",
        "exp=9",
    )
    base = out["base"]
    labels = [v["label"] for v in out["variants"]]
    assert labels == [
        "state=CA",
        "education=master",
        "role=cybersecurity",
        "specialization=ehr",
        "state=CA,education=master",
        "exp=9",
    ]
    cyber, ehr, both, later = out["variants"][2:]
    assert cyber["changes"] == {"role": "cybersecurity"}
    assert cyber["profile"]["role"] == "cybersecurity"
    assert cyber["soc"] == data.roles["cybersecurity"].soc != base["soc"]
    # the location is the distribution: x1 for both; a new role has its own typical entry
    # education (29-9021 an associate's, 15-1212 a bachelor's; both x1: tests/test_education_baseline.py)
    assert [m["name"] for m in cyber["moved"]] == ["role", "education"]
    assert ehr["changes"] == {"role": "ehr"}
    assert ehr["soc"] == data.roles["ehr"].soc
    assert both["changes"] == {"state": "CA", "education": "master"}
    assert {m["name"] for m in both["moved"]} == {"state", "education"}
    assert both["change"]["mid"] == both["band"]["mid"] - base["band"]["mid"]
    assert later["article_level"] == "senior"
    assert later["percentile"] > base["percentile"]
    assert {m["name"] for m in later["moved"]} == {"exp"}


def test_compare_shows_nominal_and_purchasing_power_changes(run_json) -> None:
    out = run_json("compare", "--exp", "5", "--state", "TX", "--vs", "state=CA")
    change = out["variants"][0]["change"]
    assert change["mid"] > 0
    # California pays more, but its prices eat part of the rise
    assert 0 < change["purchasing_power_mid"] < change["mid"]


def test_compare_uses_the_same_engine_as_estimate(run_json) -> None:
    variant = run_json("compare", "--exp", "5", "--state", "TX", "--vs", "state=CA,education=master")[
        "variants"
    ][0]
    direct = run_json("estimate", "--exp", "5", "--state", "CA", "--education", "master")
    assert variant["band"] == direct["band"]
    assert variant["purchasing_power"] == direct["purchasing_power"]


@pytest.mark.parametrize(
    ("vs", "needle"),
    [
        ("state", "use FIELD=VALUE"),
        ("salary=5", "unknown field 'salary'"),
        ("state=", "use FIELD=VALUE"),
        ("state=Califrnia", "did you mean CA?"),
        ("education=mastr", "--vs education"),
        ("exp=99", "0 to 50"),
    ],
)
def test_compare_bad_vs_exits_2(run, vs: str, needle: str) -> None:
    result = run("compare", "--exp", "5", "--vs", vs)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_compare_needs_a_change(run) -> None:
    result = run("compare", "--exp", "5")
    assert result.exit_code == 2
    assert "missing --vs" in result.stderr


def test_path_marks_each_wage_level_it_reaches_without_falling() -> None:
    """At neutral factors the point reaches each level at its anchor year (5, 10, 15)."""
    points = career_path(Profile(2), 15, DATA)
    mids = [p.estimate.band.mid for p in points]
    assert mids == sorted(mids)
    reached = [a for a in DATA.method.anchors if 2 < a.years <= 17]
    assert [a.label for a in reached] == [
        "Level II (qualified)",
        "Level III (experienced)",
        "Level IV (fully competent)",
    ]
    changed = [p for p in points if p.level_changed]
    assert [p.estimate.profile.exp for p in changed] == [a.years for a in reached]
    assert [p.level for p in changed] == [a.label for a in reached]
    table = wage_levels(DATA, Profile(2))
    for p in points:  # each mark is what `levels --offer <point>` says
        met = assess(table, p.estimate.band.mid).highest_level_met
        assert p.level.startswith(f"Level {met} (") if met else p.level == "below Level I"


@given(st.floats(0, 40), st.integers(1, 10), st.sampled_from(["US", "CA", "PR", "MS"]))
def test_any_path_is_non_decreasing(exp: float, years: int, state: str) -> None:
    mids = [p.estimate.band.mid for p in career_path(Profile(exp, state), years, DATA)]
    assert mids == sorted(mids)


def test_path_json_and_second_path(run_json) -> None:
    out = run_json("path", "--exp", "2", "--years", "15", "--vs", "education=master")
    assert "not a forecast of raises" in out["note"]
    mine, master = out["paths"]
    assert [p["year"] for p in mine["points"]] == list(range(16))
    assert [p["level_changed"] for p in mine["points"]].count(True) == 3
    assert mine["points"][0]["wage_level"] == "Level I (entry)"
    assert mine["points"][-1]["wage_level"] == "Level IV (fully competent)"
    for a, b in zip(mine["points"], master["points"], strict=True):
        assert b["band"]["mid"] > a["band"]["mid"]
        assert b["percentile"] == a["percentile"]  # a degree moves pay, not the place in the distribution


def test_path_table_marks_level_changes_and_says_it_is_no_forecast(run) -> None:
    out = " ".join(run("path", "--exp", "2", "--years", "15", env={"COLUMNS": "140"}).stdout.split())
    assert out.count("◀ reached") == 3
    for level in ("Level II (qualified)", "Level III (experienced)", "Level IV (fully competent)"):
        assert f"{level} ◀ reached" in out
    assert "not a forecast of raises" in out


@pytest.mark.parametrize(("args", "needle"), [(["--years", "0"], "--years"), (["--years", "49"], "past 50")])
def test_path_bad_years_exit_2(run, args: list[str], needle: str) -> None:
    result = run("path", "--exp", "2", *args)
    assert result.exit_code == 2
    assert needle in result.stderr


JSON_KEYS = {
    "compare": {"schema_version", "base", "variants", "data"},
    "path": {"schema_version", "note", "wage_year", "paths", "data"},
}


def test_decision_json_contracts(run_json) -> None:
    compare = run_json("compare", "--exp", "5", "--vs", "state=CA")
    path = run_json("path", "--exp", "5", "--years", "2")
    assert set(compare) == JSON_KEYS["compare"]
    assert set(path) == JSON_KEYS["path"]
    summary = {"profile", "soc", "percentile", "article_level", "band", "purchasing_power", "multiplier"}
    summary |= {"survey_band", "wage_growth"}
    assert set(compare["base"]) == summary
    assert set(compare["variants"][0]) == summary | {"label", "changes", "change", "moved"}
    assert set(compare["variants"][0]["change"]) == {
        "mid",
        "mid_pct",
        "purchasing_power_mid",
        "purchasing_power_mid_pct",
    }
    assert set(compare["variants"][0]["moved"][0]) == {
        "name",
        "label",
        "before",
        "after",
        "before_multiplier",
        "after_multiplier",
    }
    assert set(path["paths"][0]) == {"label", "points"}
    assert set(path["paths"][0]["points"][0]) == summary | {"year", "wage_level", "level_changed"}
    offer = run_json("estimate", "--exp", "5", "--offer", "90000")["offer"]
    assert set(offer) == {"amount", "position", "percent_through", "outside_by", "sentence", "references"}
    assert set(offer["references"][0]) == {"key", "source", "figure", "difference", "difference_pct"}


@pytest.mark.parametrize("text", ["45/hr", "$45 an hour", "45 per hour"])
def test_an_hourly_offer_is_said_as_a_year(run, text: str) -> None:
    """The band and every figure are annual: an hourly rate is read as a year's pay, and stderr
    says what it became (the JSON is unchanged)."""
    result = run("estimate", "--exp", "5", "--offer", text, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["offer"]["amount"] == 45 * DATA.method.hours_per_year
    assert f"{text!r} is read as $93,600 a year (x 2,080 hours" in result.stderr


def test_an_annual_offer_has_no_note(run) -> None:
    assert run("estimate", "--exp", "5", "--offer", "92000", "--json").stderr == ""
