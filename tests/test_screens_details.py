"""The smaller screen details a new user tripped on (issue 17, item 7), each pinned."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hitsalary.core.models import ReferenceData
from tests.conftest import spawn

LEVELS_OFFER = [
    "estimate",
    "--exp",
    "6",
    "--role",
    "ehr",
    "--metro",
    "minneapolis",
    "--levels",
    "--offer",
    "95k",
]


def test_estimate_with_levels_has_one_footer_at_the_end(run, data: ReferenceData) -> None:
    out = run(*LEVELS_OFFER, env={"COLUMNS": "300"}).stdout
    flat = " ".join(out.split())
    assert flat.count("Data: shipped data") == 1
    assert flat.count(" ".join(data.method.interpolation.split())) == 1
    assert out.index("Prevailing-wage levels") < out.index("Rule: ") < out.index("Data: shipped data")
    assert out.rstrip().splitlines()[-1].startswith("Data: shipped data")


def test_levels_alone_keeps_its_own_footer(run, data: ReferenceData) -> None:
    flat = " ".join(run("levels", "--role", "ehr", env={"COLUMNS": "300"}).stdout.split())
    assert flat.count(" ".join(data.method.interpolation.split())) == 1
    assert flat.endswith("`hitsalary sources` lists every figure with its source.")


def test_the_offer_table_says_point_as_everything_else_does(run) -> None:
    out = run(*LEVELS_OFFER, env={"COLUMNS": "120"}).stdout
    assert "Your band (Low / Point / High)" in out
    assert "low / mid / high" not in out


def test_levels_help_says_an_hourly_offer_works(run, run_json, data: ReferenceData) -> None:
    help_text = " ".join(run("levels", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "annual (92000, 92k, $92,000) or hourly (61.54/hr)" in help_text
    offer = run_json("levels", "--role", "ehr", "--offer", "61.54/hr")["offer"]
    assert offer["amount"] == round(61.54 * data.method.hours_per_year)


def test_a_reader_that_stops_reading_ends_it_silently_with_141(tmp_path: Path) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_text("exp,state\n" + "5,CA\n" * 20_000, encoding="utf-8")  # far more than a pipe holds
    proc = spawn("batch", str(roster), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_a_block_joins_a_continued_line_with_a_space_not_a_slash(run) -> None:
    """At 40 columns outlook's blocks read 'Jobs (thousands): 245.9 / → 328.3' (a trial)."""
    out = run("outlook", env={"COLUMNS": "40"}).stdout
    jobs = [line for line in out.splitlines() if "Jobs (thousands):" in line]
    assert jobs
    assert all(" / →" not in line and " → " in line for line in jobs)
    assert not any(" / (" in line for line in out.splitlines())


def test_a_career_path_names_whose_path_it_is(run) -> None:
    """A trial's path header said only 'Career path: your profile', whatever --role and --state."""
    out = " ".join(run("path", "--exp", "3", "--role", "ehr", "--years", "2", "--state", "TX").stdout.split())
    assert "Career path: your profile, EHR / clinical systems analyst;" in out
    assert "Texas (" in out.split("Career path:")[1].split("dollars)")[0]


def test_a_narrow_compare_names_the_purchasing_powers_change_apart(run) -> None:
    """At 40 columns the table becomes label: value blocks; the point's change and the purchasing
    power's were both 'vs base', with opposite signs side by side (a trial's finding)."""
    out = run(
        "compare",
        "--exp",
        "5",
        "--role",
        "ehr",
        "--state",
        "TX",
        "--vs",
        "state=CA",
        "--vs",
        "exp=9",
        env={"COLUMNS": "40"},
    ).stdout
    labels = [
        line.split(":")[0].strip() for line in out.splitlines() if line.startswith("  ") and ":" in line
    ]
    assert labels.count("vs base") == 2  # one per change: the point's
    assert labels.count("Power vs base") == 2


def test_every_cited_source_says_its_year(data: ReferenceData) -> None:
    """'(hitsalary, factor definitions (...))' named no year where the JSON says 2026 (a trial):
    a citation carries its release date, or the year when the title does not say it."""
    from hitsalary.output.render import release

    for name, source in data.sources.items():
        cited = release(source)
        assert str(source.year) in cited or f"released {source.released}" in cited, (name, cited)
