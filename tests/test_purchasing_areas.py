"""Purchasing power where the job is: a metro area's own BEA parity, a nonmetro area's state
nonmetropolitan portion (the state's where BEA publishes none), the state's for a state, none
for Puerto Rico. Parities are read by hand from the shared BEA CSV files."""

from __future__ import annotations

import csv

import pytest

from hitsalary.core.calculate import calculate
from hitsalary.core.measure import parity_for
from hitsalary.core.models import Profile, ReferenceData

from .conftest import SHARED_DATA, half_up


def shared(name: str) -> list[dict[str, str]]:
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    with (SHARED_DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def metro_rpp(oews_code: str) -> float:
    rows = [r for r in shared("bea_rpp_metro_2024.csv") if r["oews_area_code"] == oews_code]
    assert len(rows) == 1
    return float(rows[0]["rpp_all_items_2024"])


def portion_rpp(state_fips: str, portion: str) -> float:
    rows = shared("bea_rpp_state_portions_2024.csv")
    return float(
        next(r for r in rows if (r["state_fips"], r["portion"]) == (state_fips, portion))[
            "rpp_all_items_2024"
        ]
    )


def national_rpp() -> float:
    return float(
        next(r for r in shared("bea_rpp_metro_2024.csv") if r["cbsa_code"] == "00000")["rpp_all_items_2024"]
    )


def test_a_metro_uses_its_own_parity_by_hand(data: ReferenceData) -> None:
    """EHR analyst, 5 years, San Jose (CBSA 41940; OEWS area 0041940): the band over 110.423."""
    est = calculate(Profile(5, "CA", role="ehr", metro="41940"), data)
    ppp = est.purchasing_power
    assert ppp is not None
    rpp = metro_rpp("0041940")
    assert (ppp.rpp, ppp.parity) == (rpp, "metro")
    assert "San Jose" in ppp.where
    unit = data.method.rounding_unit
    by_hand = tuple(half_up(amount / (rpp / national_rpp()), unit) for amount in vars(est.band).values())
    assert tuple(vars(ppp.band).values()) == by_hand
    assert ppp.note is None


def test_a_nonmetro_area_uses_its_states_nonmetropolitan_portion_by_hand(data: ReferenceData) -> None:
    """Alaska nonmetropolitan area (OEWS 0200006): Alaska's nonmetropolitan portion, 96.217."""
    est = calculate(Profile(5, "AK", metro="0200006"), data)
    ppp = est.purchasing_power
    assert ppp is not None
    rpp = portion_rpp("02", "nonmetropolitan")
    assert (ppp.rpp, ppp.parity) == (rpp, "nonmetro")
    assert ppp.rpp != data.states["AK"].rpp  # not the state's
    assert "nonmetropolitan portion" in ppp.where
    assert ppp.band.mid == half_up(est.band.mid / (rpp / national_rpp()), data.method.rounding_unit)


def test_without_a_nonmetropolitan_portion_the_state_stands_in_and_says_so(data: ReferenceData, run) -> None:
    """BEA writes 0.000 for Delaware's nonmetropolitan portion: Sussex (1000005) takes Delaware's."""
    assert portion_rpp("10", "nonmetropolitan") == 0.0
    ppp = parity_for(Profile(5, "DE", metro="1000005"), data)
    assert ppp is not None
    assert (ppp.rpp, ppp.parity) == (data.states["DE"].rpp, "state")
    assert ppp.note is not None
    assert "no nonmetropolitan portion for Delaware" in ppp.note
    shown = run("estimate", "--exp", "5", "--metro", "1000005", env={"COLUMNS": "200"}).stdout
    assert "BEA publishes no nonmetropolitan portion for Delaware" in shown


def test_a_state_keeps_the_states_parity_and_puerto_rico_has_none(data: ReferenceData) -> None:
    tx = parity_for(Profile(5, "TX"), data)
    assert tx is not None
    assert (tx.rpp, tx.parity, tx.where) == (data.states["TX"].rpp, "state", "Texas")
    nation = parity_for(Profile(5), data)
    assert nation is not None
    assert (nation.rpp, nation.parity) == (national_rpp(), "national")
    assert parity_for(Profile(5, "PR"), data) is None
    assert parity_for(Profile(5, "PR", metro="10380"), data) is None  # Aguadilla: BEA has no PR metros


def test_every_bea_metro_reaches_its_oews_area(data: ReferenceData) -> None:
    rows = [r for r in shared("bea_rpp_metro_2024.csv") if r["oews_area_code"]]
    assert len(rows) == 387
    areas = data.area_tables.areas()
    for r in rows:
        area = areas[r["oews_area_code"][2:]]
        ppp = parity_for(Profile(5, area.state, metro=area.code), data)
        assert ppp is not None
        assert (ppp.rpp, ppp.parity) == (float(r["rpp_all_items_2024"]), "metro"), area.name
    outside = [a for a in areas.values() if a.kind == "metro" and a.code not in data.area_rpp.metros]
    assert {a.state for a in outside} == {"PR"}


def test_texas_to_san_jose_uses_san_joses_parity(run_json) -> None:
    """The issue's case: TX -> San Jose for an EHR analyst. San Jose's own parity (110.423) is a
    little below California's (110.720), so the purchasing-power gain is a little larger than
    with the state's: +28.5% in survey dollars (+28.2% with California's parity)."""
    out = run_json(
        "compare", "--exp", "5", "--role", "ehr", "--state", "TX", "--vs", "metro=41940", "--survey-dollars"
    )
    base, variant = out["base"], out["variants"][0]
    assert (base["purchasing_power"]["parity"], variant["purchasing_power"]["parity"]) == ("state", "metro")
    assert variant["purchasing_power"]["rpp"] == metro_rpp("0041940")
    change = variant["purchasing_power"]["mid"] - base["purchasing_power"]["mid"]
    assert variant["change"]["purchasing_power_mid"] == change
    assert variant["change"]["purchasing_power_mid_pct"] == round(
        change / base["purchasing_power"]["mid"] * 100, 1
    )


def test_no_parity_is_said_without_a_footnote_mark(run) -> None:
    """Puerto Rico's screen had a '*' note and no row marked '*' (no purchasing-power row)."""
    out = run("estimate", "--exp", "5", "--state", "PR", env={"COLUMNS": "200"}).stdout
    assert "Purchasing power*" not in out
    assert not any(line.startswith("*") for line in out.splitlines())
    assert "No purchasing-power figure for Puerto Rico: BEA publishes no regional price parity" in out


def test_a_fallback_areas_purchasing_power_says_whose_band_it_is(run) -> None:
    """Mansfield's purchasing power (Ohio's band at Mansfield's prices) read above Columbus's,
    whose pay is measured, with no word in estimate; compare said it (a trial)."""
    flat = " ".join(
        run(
            "estimate", "--exp", "8", "--role", "informatics", "--metro", "mansfield", env={"COLUMNS": "300"}
        ).stdout.split()
    )
    assert "Mansfield, OH: Ohio's band at the prices there, not pay measured there" in flat
    measured = " ".join(
        run(
            "estimate",
            "--exp",
            "8",
            "--role",
            "informatics",
            "--metro",
            "columbus oh",
            env={"COLUMNS": "300"},
        ).stdout.split()
    )
    assert "not pay measured there" not in measured
