"""Every shipped figure loads, validates, and carries a source and a year."""

from __future__ import annotations

import filecmp
import subprocess
import sys

import pytest

from hitsalary.models import ReferenceData, Source
from hitsalary.schema import SPECS

from .conftest import REPO, SHARED_DATA


def all_sources(data: ReferenceData) -> list[Source]:
    sources = [*list(data.sources.values()), data.hours_source]
    sources += [v.source for f in data.factors for v in f.values.values()]
    sources += [r.source for r in data.references]
    sources += [o.source for o in data.occupations.values()]
    sources += [e.source for e in data.industry.values()]
    sources += [p.source for p in data.projections]
    sources += [s.wage_source for s in data.states.values()]
    sources += [s.rpp_source for s in data.states.values() if s.rpp_source]
    return sources


def test_every_shipped_file_is_read(data: ReferenceData) -> None:
    assert set(data.sources) == set(SPECS)
    for name in SPECS:
        assert (REPO / "src" / "hitsalary" / "data" / f"{name}.yaml").is_file()


def test_every_figure_has_a_publisher_and_a_plausible_year(data: ReferenceData) -> None:
    for source in all_sources(data):
        assert source.publisher.strip()
        assert source.title.strip()
        assert 2020 <= source.year <= 2026, source
        assert source.origin == "shipped"


def test_every_reference_has_a_year_and_a_figure(data: ReferenceData) -> None:
    for ref in data.references:
        assert ref.figure > 0
        assert ref.year >= 2023
        assert ref.status in ("verified", "as_reported", "differs")


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared/data is not beside this checkout")
def test_generated_yaml_matches_the_shared_csv_files(tmp_path) -> None:
    script = REPO / "scripts" / "import_shared_data.py"
    subprocess.run(
        [sys.executable, str(script), "--shared", str(SHARED_DATA), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    generated = sorted(p.name for p in tmp_path.glob("*.yaml"))
    assert generated
    _, mismatch, errors = filecmp.cmpfiles(
        tmp_path, REPO / "src" / "hitsalary" / "data", generated, shallow=False
    )
    assert (mismatch, errors) == ([], [])


def test_location_factor_is_the_wage_ratio(data: ReferenceData) -> None:
    state = data.factor("state")
    for code, info in data.states.items():
        assert state.values[code].multiplier == info.annual_mean / data.national_mean
        assert state.values[code].basis == "measured"
    assert state.values["US"].multiplier == 1.0


def test_specialization_factor_is_derived_from_bls_sector_wages(data: ReferenceData) -> None:
    rows = [e for e in data.industry.values() if e.naics == "62" and e.year == 2024]
    computer = [e for e in rows if e.soc.startswith("15-")]
    baseline = sum(e.employment * e.mean for e in computer) / sum(e.employment for e in computer)
    cyber = next(e for e in rows if e.soc == "15-1212")
    assert data.factor("specialization").values["cybersecurity"].multiplier == pytest.approx(
        cyber.mean / baseline
    )


def test_the_article_figure_that_differs_is_replaced_by_the_health_care_one(data: ReferenceData) -> None:
    ref = next(r for r in data.references if r.key == "bls_cis_managers_health_care")
    assert ref.status == "differs"
    assert ref.figure == data.industry["11-3021/62/2024"].median
    assert ref.article is not None
    assert ref.article.figure == data.industry["11-3021/55/2023"].median != ref.figure


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
    from hitsalary import cache, datafiles, reference

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
    assert second.factor("state").values["CA"].multiplier == first.factor("state").values["CA"].multiplier
    assert [repr(r) for r in second.references] == [repr(r) for r in first.references]
    assert cache.read(list(reference.SPECS)) is not None


def test_a_damaged_cache_is_ignored(tmp_path, monkeypatch) -> None:
    from hitsalary import cache, reference

    monkeypatch.setenv("HITSALARY_CACHE_DIR", str(tmp_path))
    names = list(reference.SPECS)
    (tmp_path / cache.file_name(names)).write_text("{not json")
    assert cache.read(names) is None
    reference.load.cache_clear()
    try:
        assert reference.load().national_mean > 0
    finally:
        reference.load.cache_clear()
