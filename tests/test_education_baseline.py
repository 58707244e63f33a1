"""Education against the role's typical entry education (BLS Employment Projections 2024-34):
that level is x1.000 and the default; any other is assumed, its multiplier over the typical
one's, bounded by the Education pays ratio of the two. Read by hand from the shared CSVs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hitsalary.core.calculate import calculate
from hitsalary.core.measure import factor_value
from hitsalary.core.models import FactorValue, Profile, ReferenceData
from hitsalary.loading.reference import load

from .conftest import SHARED_DATA, band_by_hand

DATA = load()
WRITTEN = {  # factors.yaml: the assumed multipliers, written against a bachelor's degree
    key: choice.multiplier for key, choice in DATA.factor("education").values.items() if choice.bound
}


def shared(name: str) -> list[dict[str, str]]:
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not beside this checkout")
    with (SHARED_DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def typical(soc: str) -> str:
    return next(r for r in shared("bls_ep_education_2024_34.csv") if r["soc"] == soc)[
        "typical_entry_education"
    ]


def weekly(attainment: str) -> int:
    rows = shared("bls_education_pays.csv")
    return int(
        next(r for r in rows if (r["educational_attainment"], r["year"]) == (attainment, "2024"))[
            "median_weekly_earnings"
        ]
    )


def education(profile: Profile) -> FactorValue:
    return next(a.value for a in calculate(profile, DATA).factors if a.name == "education")


def test_a_medical_coder_with_a_certificate_gets_one(data: ReferenceData) -> None:
    """29-2072's typical entry education is a postsecondary nondegree award: a certificate is
    the baseline, x1.000, and the band is the coder's own distribution unscaled."""
    assert typical("29-2072") == "Postsecondary nondegree award"
    est = calculate(Profile(3, role="medical-coding", education="certificate", survey_dollars=True), data)
    value = next(a.value for a in est.factors if a.name == "education")
    assert (value.key, value.multiplier, value.basis) == ("certificate", 1.0, "baseline")
    assert est.multiplier == 1.0
    assert est.band == band_by_hand(data, 3, "29-2072", 1.0)
    assert "postsecondary nondegree award" in value.statistic


def test_without_an_education_the_role_takes_its_typical_one_and_says_so(run_json) -> None:
    out = run_json("estimate", "--exp", "3", "--role", "medical-coding")
    assert out["profile"]["education"] == "typical"
    factor = out["factors"][0]
    assert (factor["name"], factor["value"], factor["multiplier"], factor["basis"]) == (
        "education",
        "certificate",
        1.0,
        "baseline",
    )
    assert "the default" in factor["label"]
    assert "the default: no education given" in factor["statistic"]
    assert factor["source"]["title"].startswith("Employment Projections 2024-34")
    with_flag = run_json("estimate", "--exp", "3", "--role", "medical-coding", "--education", "certificate")
    assert with_flag["band"] == out["band"]


def test_a_coder_with_a_bachelors_is_assumed_against_the_certificate_by_hand() -> None:
    value = education(Profile(3, role="medical-coding", education="bachelor"))
    assert value.basis == "assumed"
    assert value.multiplier == pytest.approx(WRITTEN["bachelor"] / WRITTEN["certificate"])
    # Education pays has no row for a nondegree award: the certificate's row is "Some college"
    assert value.bound == pytest.approx(weekly("Bachelor's degree") / weekly("Some college, no degree"))


def test_a_statistician_is_measured_against_a_masters() -> None:
    assert typical("15-2041") == "Master's degree"
    master = education(Profile(5, role="biostatistics", education="master"))
    bachelor = education(Profile(5, role="biostatistics", education="bachelor"))
    assert (master.multiplier, master.basis) == (1.0, "baseline")
    assert bachelor.multiplier == pytest.approx(WRITTEN["bachelor"] / WRITTEN["master"])
    assert bachelor.multiplier < 1
    assert bachelor.bound == pytest.approx(weekly("Bachelor's degree") / weekly("Master's degree"))


@pytest.mark.parametrize("role", sorted(DATA.roles))
def test_every_role_has_its_typical_level_at_one_and_the_rest_within_their_bounds(role: str) -> None:
    factor = DATA.factor("education")
    soc = DATA.roles[role].soc
    default = factor_value(DATA, "education", factor.neutral, role)
    assert (default.multiplier, default.basis) == (1.0, "baseline")
    assert typical(soc) in factor.values[default.key].entry_education
    for key in factor.values:
        value = factor_value(DATA, "education", key, role)
        if value.basis == "baseline":
            assert value.key == default.key
            continue
        assert value.bound is not None
        assert (value.multiplier - 1) * (value.bound - 1) >= 0
        assert abs(value.multiplier - 1) <= abs(value.bound - 1)


def test_roles_shows_each_roles_typical_entry_education(run, run_json) -> None:
    out = run_json("roles")
    for row in out["roles"]:
        assert row["typical_entry_education"] == typical(row["soc"])
    table = run("roles", env={"COLUMNS": "200"}).stdout
    assert "Typical entry education" in table
    assert "Postsecondary nondegree award" in table


def test_a_typical_education_no_value_stands_for_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "entry.yaml"
    path.write_text(
        "entry_education:\n  source: {publisher: X, title: Y, year: 2026}\n  occupations:\n"
        "    29-2072: {typical_entry_education: Apprenticeship}\n",
        encoding="utf-8",
    )
    result = run("estimate", "--exp", "3", "--data", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "'Apprenticeship' is named by 0 values" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_users_multiplier_that_breaks_a_rebased_bound_is_named_in_the_users_file(
    run, tmp_path: Path
) -> None:
    """A master's at 1.10 (above the doctorate's 1.08) would make a statistician's doctorate
    (a master's typical) pay less than the baseline: refused, naming the user's master value."""
    path = tmp_path / "master.yaml"
    path.write_text(
        "factors:\n  source: {publisher: Example HR, title: our assumption, year: 2026}\n"
        "  factors:\n    education:\n      values:\n        master:\n          multiplier: 1.1\n",
        encoding="utf-8",
    )
    result = run("estimate", "--exp", "5", "--data", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"hitsalary: {path}:")
    assert "factors.education.values.master.multiplier" in result.stderr
    assert "15-2041's typical master" in result.stderr


def test_a_users_multiplier_over_the_shipped_one_names_each_publisher(run, tmp_path) -> None:
    """With a user's doctorate over the shipped master (15-2041's typical), the line gave
    'x1.15 / x1.06' under the user's source alone: the 1.06 is hitsalary's (a trial)."""
    path = tmp_path / "mine.yaml"
    path.write_text(
        "factors:\n  source: {publisher: Our HR, title: Y, year: 2026}\n  factors:\n    education:\n"
        "      values:\n        doctorate:\n          multiplier: 1.15\n",
        encoding="utf-8",
    )
    args = ("estimate", "--exp", "5", "--role", "biostatistics", "--education", "doctorate")
    mine = " ".join(run(*args, "--data", str(path), env={"COLUMNS": "300"}).stdout.split())
    assert "assumed x1.15 (Our HR) / x1.06 (hitsalary) = x1.085" in mine
    shipped = " ".join(run(*args, env={"COLUMNS": "300"}).stdout.split())
    assert "(hitsalary)" not in shipped.split("assumed x")[1].split("=")[0]  # one publisher: not named
