"""Every shipped figure loads, validates, and carries a source and a year."""

from __future__ import annotations

import dataclasses
import filecmp
import subprocess
import sys

import pytest

from hitsalary.core.measure import factor_value
from hitsalary.core.models import ReferenceData, Source
from hitsalary.loading.schema import SPECS

from .conftest import REPO, SHARED_DATA, median_ratio


def all_sources(data: ReferenceData) -> list[Source]:
    method = data.method
    sources = [*data.sources.values(), method.source, method.anchor_source, method.hours_source]
    sources += [r.source for r in data.references]
    sources += [
        w.source for table in (data.national, data.by_state, data.by_industry) for w in table.values()
    ]
    sources += [e.source for e in data.industry.values()]
    sources += [p.source for p in data.projections]
    sources += [s.rpp_source for s in data.states.values() if s.rpp_source]
    sources += [h.source for h in data.himss]
    return sources


def test_every_shipped_file_is_read(data: ReferenceData) -> None:
    assert set(data.sources) == set(SPECS)
    for name in SPECS:
        assert (REPO / "src" / "hitsalary" / "data" / f"{name}.yaml").is_file()
    for table in data.tables.values():  # the OEWS tables ship as CSV beside oews_2025.yaml
        assert (REPO / "src" / "hitsalary" / "data" / table).is_file(), table


def test_every_figure_has_a_publisher_and_a_plausible_year(data: ReferenceData) -> None:
    for source in all_sources(data):
        assert source.publisher.strip()
        assert source.title.strip()
        assert 2009 <= source.year <= 2026, source
        assert source.origin == "shipped"
        if source.year < 2020:  # only the wage-level guidance (2009) and the HIMSS survey (2018) are older
            assert source is data.method.anchor_source or source.publisher == "HIMSS", source
    assert data.method.anchor_source.year == 2009
    assert {h.source.year for h in data.himss} == {2018}


def test_every_reference_has_a_year_and_a_figure(data: ReferenceData) -> None:
    for ref in data.references:
        assert ref.figure > 0
        assert ref.year >= 2023
        assert ref.status in ("verified", "as_reported", "differs")


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared/data is not beside this checkout")
def test_generated_files_match_the_shared_csv_files(tmp_path) -> None:
    script = REPO / "scripts" / "import_shared_data.py"
    subprocess.run(
        [sys.executable, str(script), "--shared", str(SHARED_DATA), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    generated = sorted(p.name for p in tmp_path.iterdir())
    assert generated
    assert {p.suffix for p in tmp_path.iterdir()} == {".yaml", ".csv"}  # every file it writes
    assert {"eci.yaml", "bea_rpp_areas.yaml", "entry_education.yaml"} <= set(generated)
    _, mismatch, errors = filecmp.cmpfiles(
        tmp_path, REPO / "src" / "hitsalary" / "data", generated, shallow=False
    )
    assert (mismatch, errors) == ([], [])


def test_location_factor_is_the_roles_state_median_over_its_national_median(data: ReferenceData) -> None:
    fallback = data.factor("state").fallback_soc
    assert fallback == "15-0000"
    fallbacks = 0
    for role in data.roles.values():
        national = data.national[role.soc]
        us = factor_value(data, "state", "US", role.key)
        assert (us.multiplier, us.basis) == (1.0, "baseline")
        for code in data.states:
            value = factor_value(data, "state", code, role.key)
            published = data.by_state.get((role.soc, code))
            if published is not None and published.median is not None:
                assert value.multiplier == median_ratio(published, national), (role.key, code)
                assert (value.basis, value.reason) == ("measured", None)
            else:
                group = median_ratio(data.by_state[(fallback, code)], data.national[fallback])
                assert value.multiplier == group, (role.key, code)
                assert value.basis == "fallback"
                assert value.reason
                fallbacks += 1
    assert fallbacks  # BLS suppresses some state medians: the fallback is exercised


def test_employer_factor_is_the_roles_industry_median_over_its_all_industry_median(
    data: ReferenceData,
) -> None:
    employer = data.factor("employer")
    seen = set()
    for role in data.roles.values():
        national = data.national[role.soc]
        for key, choice in employer.values.items():
            value = factor_value(data, "employer", key, role.key)
            published = [
                code
                for code in choice.naics
                if (role.soc, code) in data.by_industry and data.by_industry[(role.soc, code)].median
            ]
            if key == employer.neutral:
                assert (value.multiplier, value.basis) == (1.0, "baseline")
            elif not published:
                assert (value.multiplier, value.basis) == (1.0, "fallback")
                assert value.reason
            else:
                industry = data.by_industry[(role.soc, published[0])]
                assert value.multiplier == median_ratio(industry, national), (role.key, key)
                # each median named beside its figure (a trial read '... = 1.078 all industries')
                assert value.statistic.startswith(
                    f"{role.soc} in {industry.where} (NAICS {published[0]}) median ${industry.median:,}"
                    f" / all industries ${national.median:,} = {value.multiplier:.3f}"
                ), value.statistic
                assert value.basis == ("measured" if published[0] == choice.naics[0] else "fallback")
            seen.add(value.basis)
    assert seen == {"baseline", "measured", "fallback"}


def test_education_is_an_assumption_within_the_bls_gap(data: ReferenceData) -> None:
    education = data.factor("education")
    assert list(education.values) == [
        "typical",
        "high-school",
        "certificate",
        "associate",
        "bachelor",
        "master",
        "doctorate",
    ]
    pays = data.education_pays
    typical = education.values[factor_value(data, "education", education.neutral, data.neutral_role).key]
    assert typical.bound is not None  # the role's typical entry education: the baseline
    for key, choice in education.values.items():
        value = factor_value(data, "education", key, data.neutral_role)
        if key in (education.neutral, typical.key):
            assert (value.multiplier, value.basis) == (1.0, "baseline")
            continue
        assert choice.bound is not None
        gap = pays[choice.bound] / pays[typical.bound]
        assert value.basis == "assumed"
        assert value.bound == pytest.approx(gap)
        assert (value.multiplier - 1) * (gap - 1) > 0  # the same direction as the BLS gap
        assert abs(value.multiplier - 1) <= abs(gap - 1)  # and no larger


def test_every_role_has_a_full_national_distribution_and_resolves_by_its_titles(data: ReferenceData) -> None:
    assert data.neutral_role == "general"
    for role in data.roles.values():
        assert [pct for pct, _ in data.national[role.soc].points] == [10, 25, 50, 75, 90], role.key
        assert role.title == data.titles[role.soc]
        for spelling in (role.key, *role.aliases):
            assert data.role_aliases[spelling] == role.key
    assert data.role_aliases["epic-analyst"] == "ehr"
    assert data.role_aliases["medical-coder"] == "medical-coding"


def test_the_article_figure_that_differs_is_replaced_by_the_health_care_one(data: ReferenceData) -> None:
    refs = {r.key: r for r in data.references}
    older, newer = refs["bls_cis_managers_health_care_2023"], refs["bls_cis_managers_health_care_2024"]
    assert older.status == "differs"
    assert older.figure == data.industry["11-3021/62/2023"].median
    assert older.article is not None
    assert older.article.figure == data.industry["11-3021/55/2023"].median != older.figure
    assert (newer.status, newer.figure) == ("verified", data.industry["11-3021/62/2024"].median)
    assert older.roles == newer.roles == ("it-manager",)
    assert all(not refs[k].roles for k in ("payscale", "salary_com", "glassdoor"))


@pytest.mark.parametrize("code", ["CA", "NY", "DC", "PR", "WY", "US"])
def test_state_values_resolve(data: ReferenceData, code: str) -> None:
    assert data.factor("state").aliases[code.lower()] == code


def test_every_state_resolves_by_code_and_by_name(data: ReferenceData) -> None:
    aliases = data.factor("state").aliases
    assert len(data.states) == 52  # 50 states, DC, PR
    for code, info in data.states.items():
        assert aliases[code.lower()] == code
        assert aliases[info.name.lower().replace(" ", "-")] == code


def test_the_cache_is_used_and_gives_the_same_data(tmp_path, monkeypatch) -> None:
    from hitsalary.loading import cache, datafiles, reference

    monkeypatch.setenv("HITSALARY_CACHE_DIR", str(tmp_path))
    reference.load.cache_clear()
    first = reference.load()
    assert len(list(tmp_path.glob("hitsalary-data-*.json"))) == 1

    def no_yaml(name: str) -> None:
        raise AssertionError("the cache should have spared parsing " + name)

    monkeypatch.setattr(datafiles, "read_shipped", no_yaml)
    reference.load.cache_clear()
    second = reference.load()
    reference.load.cache_clear()
    assert second.national["29-9021"].points == first.national["29-9021"].points
    assert list(second.roles) == list(first.roles)
    assert list(second.factor("employer").values) == list(first.factor("employer").values)
    assert [dataclasses.asdict(r) for r in second.references] == [
        dataclasses.asdict(r) for r in first.references
    ]
    assert cache.read(list(reference.SPECS)) is not None


def test_a_damaged_cache_is_ignored(tmp_path, monkeypatch) -> None:
    from hitsalary.loading import cache, reference

    monkeypatch.setenv("HITSALARY_CACHE_DIR", str(tmp_path))
    names = list(reference.SPECS)
    (tmp_path / cache.current_name(names)).write_text("{not json")
    assert cache.read(names) is None
    reference.load.cache_clear()
    try:
        assert reference.load().national["29-9021"].median
    finally:
        reference.load.cache_clear()
