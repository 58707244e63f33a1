"""compare's 'What moved' says every changed input, every factor whose multiplier moved and the
price parity; the location label names the area used on both sides; percentiles read
'percentile 37.2', never '37.2th percentile'."""

from __future__ import annotations

import re

from hitsalary.core.decisions import compare
from hitsalary.core.models import Profile, ReferenceData

EHR = ["compare", "--exp", "6", "--role", "ehr", "--metro", "minneapolis", "--employer", "hospital"]


def moved(run, *args: str) -> str:
    """The 'What moved' section of a compare screen, on one line."""
    result = run(*args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    section = result.stdout.split("What moved")[1].split("Purchasing power =")[0]
    return " ".join(section.split())


def test_a_state_the_metro_spans_is_not_nothing_and_says_the_parity(run, run_json) -> None:
    text = moved(run, *EHR, "--vs", "state=WI")
    assert "nothing (same profile)" not in text
    assert "State: Minnesota → Wisconsin (the metro area is kept: it extends into Wisconsin)" in text
    out = run_json(*EHR, "--vs", "state=WI")
    [variant] = out["variants"]
    before, after = out["base"]["purchasing_power"]["rpp"], variant["purchasing_power"]["rpp"]
    if before == after:  # a parity of the area itself does not move with the state
        assert "Purchasing power" not in text
    else:  # the state's parity stands in for the area: it moves, and so does what the pay buys
        pct = variant["change"]["purchasing_power_mid_pct"]
        assert f"Purchasing power: price parity {before:.1f} → {after:.1f}" in text
        assert f"({pct:+.1f}%)" in text


def test_a_state_outside_the_metro_says_the_area_was_dropped(run) -> None:
    text = moved(run, *EHR, "--vs", "state=IA")
    assert (
        "Metro area: Minneapolis-St. Paul-Bloomington, MN-WI → none (the area does not extend into Iowa"
        in text
    )
    assert re.search(r"Location: Minneapolis-St\. Paul-Bloomington, MN-WI( ×[\d.]+)? → Iowa( ×[\d.]+)?", text)  # noqa: RUF001


def test_a_new_role_names_the_area_once_and_both_multipliers(run, run_json) -> None:
    args = ["compare", "--exp", "5", "--state", "TX", "--vs", "role=cybersecurity"]
    text = moved(run, *args)
    location = next((m for m in run_json(*args)["variants"][0]["moved"] if m["name"] == "state"), None)
    assert "Texas → Texas" not in text
    if location is None:  # the role's location multiplier did not move: no location line at all
        assert "Location" not in text
    else:
        before, after = location["before_multiplier"], location["after_multiplier"]
        assert f"Location factor (Texas): ×{before:.3f} → ×{after:.3f}" in text  # noqa: RUF001
    assert "Role: General health IT (29-9021) → Cybersecurity (15-1212)" in text


def test_percentiles_are_written_percentile_n(run, run_json) -> None:
    args = ["compare", "--exp", "6", "--vs", "exp=10"]
    result = run(*args, env={"COLUMNS": "200"})
    assert not re.search(r"\d(th|st|nd|rd) percentile", result.stdout)
    [variant] = run_json(*args)["variants"]
    [exp] = [m for m in variant["moved"] if m["name"] == "exp"]
    assert re.fullmatch(r"percentile \d+(\.\d)?", exp["before"])
    assert re.fullmatch(r"percentile \d+(\.\d)?", exp["after"])
    assert f"Experience: 6 years → 10 years ({exp['before']} → {exp['after'].split()[1]})" in moved(
        run, *args
    )


def test_a_change_that_moves_no_multiplier_for_want_of_a_figure_says_why(run, run_json) -> None:
    """A trial saw +$0 +0.0% for employer=vendor with no word of the fallback behind it."""
    [variant] = run_json("compare", "--exp", "2", "--vs", "employer=vendor")["variants"]
    assert variant["change"]["mid"] == 0
    line = moved(run, "compare", "--exp", "2", "--vs", "employer=vendor")
    assert line == (
        "employer=vendor Employer type: Any employer (all industries) → Health IT vendor (software "
        "publisher) (×1.000: BLS publishes no 29-9021 median for Software Publishers; no employer "  # noqa: RUF001
        "adjustment)"
    )
    measured = moved(run, "compare", "--exp", "2", "--vs", "employer=hospital")
    assert "BLS publishes no" not in measured
    assert "×0.992" in measured  # noqa: RUF001 - the multiplication sign is meant


def test_an_unchanged_profile_says_nothing_moved(run) -> None:
    assert (
        moved(run, "compare", "--exp", "5", "--state", "TX", "--vs", "state=TX")
        == "state=TX nothing (same profile)"
    )


def test_every_changed_input_is_listed_once(data: ReferenceData) -> None:
    base = Profile(exp=6, state="MN", role="ehr", metro="33460", employer="hospital")
    _, [variant] = compare(base, ["state=IA,education=master,exp=8"], data)
    assert [i.name for i in variant.inputs] == ["exp", "state", "metro", "education"]
    assert {m.name for m in variant.moved} >= {"exp", "education", "state"}
    base_ppp, other_ppp = compare(base, [], data)[0].purchasing_power, variant.estimate.purchasing_power
    assert base_ppp is not None
    assert other_ppp is not None
    assert variant.parity == (base_ppp.rpp, other_ppp.rpp) != (base_ppp.rpp, base_ppp.rpp)


def test_path_says_what_each_vs_moved(run) -> None:
    args = ["path", "--exp", "6", "--role", "ehr", "--metro", "minneapolis", "--years", "2"]
    result = run(*args, "--vs", "education=master", "--vs", "state=IA", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split("What moved (year +0)")[1].split())
    times = "\N{MULTIPLICATION SIGN}"
    assert re.search(
        rf"education=master Education: Bachelor's degree[^{times}]* {times}[\d.]+ → Master's degree", text
    )
    assert (
        "state=IA State: Minnesota → Iowa Metro area: Minneapolis-St. Paul-Bloomington, MN-WI → none" in text
    )
    assert "Purchasing power: price parity" in text
    assert "What moved" not in run(*args, env={"COLUMNS": "200"}).stdout  # one path: nothing to compare


def test_path_says_its_percentile_is_read_before_a_changed_factor(run, run_json) -> None:
    """education=master repeats the base's percentiles beside points 6% higher: the screen says
    the percentile is read before the factors, where a --vs changes them, and only there."""
    args = ["path", "--exp", "5", "--role", "ehr", "--state", "CA", "--years", "2"]
    paths = run_json(*args, "--vs", "education=master")["paths"]
    assert [p["percentile"] for p in paths[0]["points"]] == [p["percentile"] for p in paths[1]["points"]]
    result = run(*args, "--vs", "education=master", "--vs", "state=TX", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    screen = result.stdout.split("What moved")[0]
    note = "Percentile: where the point sits on California's pay before the factors"
    assert screen.count(note) == 1
    assert "Percentile: where" not in screen.split(note)[1]  # not under state=TX: no factor moved
    assert screen.index("Career path: education=master") < screen.index(note)
    assert (
        "times the factors (\N{MULTIPLICATION SIGN}1.060; your profile \N{MULTIPLICATION SIGN}1.000)"
        in screen
    )
    assert "Percentile: where" not in run(*args, env={"COLUMNS": "200"}).stdout


def test_a_metro_read_from_its_states_figures_says_so_on_each_side(run, run_json) -> None:
    """A trial saw -$700 and a +7.9% purchasing power for a rural area whose band is Colorado's
    statewide figures, with 'What moved' naming only the two areas."""
    args = ["compare", "--exp", "8", "--role", "nursing-informatics", "--metro", "denver"]
    rural = run_json("estimate", "--exp", "8", "--role", "nursing-informatics", "--metro", "eastern colorado")
    dist = rural["distribution"]
    assert (dist["basis"], dist["where"]) == ("fallback", "Colorado")
    denver = run_json("estimate", "--exp", "8", "--role", "nursing-informatics", "--metro", "denver")
    denver_read = f"{denver['distribution']['where']} ({denver['distribution']['label']})"
    rural_read = f"Colorado ({dist['label']})"
    text = moved(run, *args, "--vs", "metro=eastern colorado")
    assert f"Band read from: {denver_read} → {rural_read}: {dist['reason']}" in text
    assert "Eastern and Southern Colorado nonmetropolitan area: Colorado's band at the prices there" in text
    back = ["compare", "--exp", "8", "--role", "nursing-informatics", "--metro", "eastern colorado"]
    assert f"Band read from: {rural_read} → {denver_read}: {dist['reason']}" in moved(
        run, *back, "--vs", "metro=denver"
    )
    title = " ".join(run(*back, "--vs", "metro=denver", env={"COLUMNS": "200"}).stdout.split())
    assert "Eastern and Southern Colorado nonmetropolitan area (read from Colorado)" in title
    assert "Band read from" not in moved(run, *back, "--vs", "exp=10")  # the same figures on both sides
    said_once = moved(
        run, "compare", "--exp", "8", "--role", "cybersecurity", "--state", "TX", "--vs", "state=OR"
    )
    assert "Band read from" not in said_once  # the state fallback's location line says it already
    assert "stands in" in said_once
