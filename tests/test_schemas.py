"""Every `--json` document validates against its shipped JSON Schema (src/hitsalary/schemas),
the schemas are real constraints, and they are what scripts/write_schemas.py writes."""

from __future__ import annotations

import copy
import importlib.util
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = resources.files("hitsalary") / "schemas"

COMMANDS = [
    ("estimate", ["estimate", "--exp", "5", "--state", "CA"]),
    ("estimate", ["estimate", "--exp", "5", "--state", "PR", "--education", "high-school"]),
    (
        "estimate",
        ["estimate", "--exp", "6", "--role", "cybersecurity", "--state", "OR", "--employer", "federal"],
    ),
    (
        "estimate",
        ["estimate", "--exp", "5", "--role", "ehr", "--metro", "san jose", "--offer", "130k", "--levels"],
    ),
    ("estimate", ["estimate", "--exp", "2", "--role", "it-manager", "--offer", "40000"]),
    ("compare", ["compare", "--exp", "5", "--state", "TX", "--vs", "state=CA", "--vs", "role=cybersecurity"]),
    ("path", ["path", "--exp", "2", "--years", "4", "--vs", "education=master"]),
    ("sources", ["sources"]),
    ("sources", ["sources", "--role", "ehr"]),
    ("outlook", ["outlook"]),
    ("states", ["states", "--role", "cybersecurity", "--sort", "ppp"]),
    ("areas", ["areas", "--role", "ehr", "--state", "CA"]),
    ("areas", ["areas"]),
    ("roles", ["roles"]),
    ("levels", ["levels", "--role", "ehr", "--metro", "san jose", "--offer", "130k"]),
    ("levels", ["levels", "--role", "software", "--state", "WY"]),
]


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def validate(name: str, document: Any) -> None:
    jsonschema.Draft202012Validator(schema(name)).validate(document)


@pytest.mark.parametrize(("name", "args"), COMMANDS, ids=[" ".join(a) for _, a in COMMANDS])
def test_the_output_validates(run_json, name: str, args: list[str]) -> None:
    validate(name, run_json(*args))


def test_batch_records_validate(run, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,exp,state,metro,offer,salary,note\n1,5,CA,,100k,80000,a\n2,bad,TX,,,,b\n3,3,,boston,,45/hr,c\n"
    )
    result = run("batch", str(roster), "--levels")
    assert result.exit_code == 3, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in r) for r in records] == [False, True, False]
    for record in records:
        validate("batch-record", record)


def test_data_check_validates(run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "references:\n  source: {publisher: X, title: t, year: 2026}\n  references:\n    hr:\n"
        "      label: HR\n      publisher: X\n      title: T\n      statistic: median\n"
        "      figure: 98000\n      year: 2026\n      status: as_reported\n"
    )
    result = run("data", "check", str(mine), "--json")
    assert result.exit_code == 0, result.stderr
    validate("data-check", json.loads(result.stdout))


def test_schemas_are_constraints(run_json) -> None:
    """A wrong basis, a missing key, a wrong type or an unknown key each fail."""
    good = run_json("estimate", "--exp", "5", "--state", "CA")
    bad_basis = copy.deepcopy(good)
    bad_basis["factors"][0]["basis"] = "guessed"
    missing = {k: v for k, v in good.items() if k != "band"}
    wrong_type = {**good, "band": {"low": "58500", "mid": 1, "high": 2}}
    unknown = {**good, "surprise": 1}
    for document in (bad_basis, missing, wrong_type, unknown):
        with pytest.raises(jsonschema.ValidationError):
            validate("estimate", document)


def test_every_schema_is_valid_and_named_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in SCHEMAS.iterdir() if p.name.endswith(".json"))
    assert len(names) == 11
    for name in names:
        jsonschema.Draft202012Validator.check_schema(schema(name[:-5]))
        assert f"schemas/{name}" in readme, name


def write_schemas() -> Any:
    spec = importlib.util.spec_from_file_location("write_schemas", REPO / "scripts" / "write_schemas.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_writes_the_shipped_schemas() -> None:
    for file_name, text in write_schemas().rendered().items():
        assert (SCHEMAS / file_name).read_text(encoding="utf-8") == text, file_name


def test_the_readme_tables_are_the_generated_ones() -> None:
    """The README's JSON tables come from the same definitions: edited by hand, they fail here."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    module = write_schemas()
    assert module.readme_with_tables(readme) == readme
    assert "| `wage_growth` | object or null |" in readme


def test_every_document_type_is_a_shipped_schema() -> None:
    """One definition per shipped file: a schema without a definition (or the reverse) fails."""
    from hitsalary.output.documents import DOCUMENTS

    names = {p.name for p in SCHEMAS.iterdir() if p.name.endswith(".json")}
    assert {f"{name}.json" for name in DOCUMENTS} == names


def test_the_definitions_stay_off_the_start_up_path() -> None:
    """`estimate --json` never imports the TypedDicts or pydantic.fields: they cost start-up time."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hitsalary", "estimate", "--exp", "5", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "hitsalary.output.jsonout" in imported
    assert "hitsalary.output.documents" not in imported
    assert "pydantic.fields" not in imported


WRONG = [
    ("an unknown key in a nested object", lambda d: d["band"].update(extra=1)),
    ("an unknown key in a source block", lambda d: d["factors"][0]["source"].update(extra=1)),
    ("a missing required key in the distribution", lambda d: d["distribution"].pop("mean")),
    ("a float where an integer is promised", lambda d: d["band"].update(low=1.5)),
    ("a negative amount", lambda d: d["band"].update(mid=-1)),
    ("null where null is not allowed", lambda d: d["role"].update(soc=None)),
    ("a SOC code of the wrong shape", lambda d: d.update(soc="151212")),
    ("a kind outside its set", lambda d: d["distribution"].update(kind="county")),
    ("a precision other than its one sentence", lambda d: d["distribution"].update(precision="x")),
    ("a zero multiplier", lambda d: d.update(multiplier=0)),
    ("fewer anchors than the four levels", lambda d: d["experience_rule"].update(anchors=[])),
    ("no factors", lambda d: d.update(factors=[])),
    ("an empty datasets block", lambda d: d["data"].update(datasets={})),
    ("another schema_version", lambda d: d.update(schema_version=3)),
    ("a string for a bool", lambda d: d["profile"].update(survey_dollars="no")),
    ("an unknown key in an offer", lambda d: d["offer"].update(extra=1)),
    ("a wage level outside I-IV", lambda d: d["wage_levels"]["levels"][0].update(level="V")),
]


@pytest.mark.parametrize("change", [c for _, c in WRONG], ids=[name for name, _ in WRONG])
def test_a_wrong_estimate_fails(run_json, change: Any) -> None:
    """Deliberately wrong documents (each kind of promise the schemas make) fail validation."""
    document = run_json(
        "estimate", "--exp", "5", "--role", "ehr", "--metro", "san jose", "--offer", "130k", "--levels"
    )
    validate("estimate", document)
    change(document)
    with pytest.raises(jsonschema.ValidationError):
        validate("estimate", document)


def test_wrong_documents_of_other_commands_fail(run_json) -> None:
    cases = [
        ("states", run_json("states", "--role", "ehr"), lambda d: d["states"][0].update(code="California")),
        ("states", run_json("states", "--role", "ehr"), lambda d: d.update(sort="rpp")),
        ("areas", run_json("areas", "--role", "ehr"), lambda d: d["areas"][0].update(type="state")),
        ("roles", run_json("roles"), lambda d: d["roles"][0].update(extra=1)),
        ("compare", run_json("compare", "--exp", "5", "--vs", "state=CA"), lambda d: d["base"].pop("band")),
        ("path", run_json("path", "--exp", "2", "--years", "2"), lambda d: d.update(paths=[])),
        ("outlook", run_json("outlook"), lambda d: d["occupations"][0].update(editions=[])),
        ("sources", run_json("sources"), lambda d: d["figures"][0].update(status="unknown")),
        ("levels", run_json("levels", "--role", "ehr"), lambda d: d["levels"].pop()),
    ]
    for name, document, change in cases:
        validate(name, document)
        change(document)
        with pytest.raises(jsonschema.ValidationError):
            validate(name, document)


def test_a_batch_record_is_one_kind_or_the_other() -> None:
    """An estimated row with an `error` too, or a row number under 1, fails (oneOf, as before)."""
    estimated = {"row": 1, "id": "a", "exp": 5, "state": "CA", "education": "typical"}
    estimated |= {"employer": "any", "role": "general", "metro": None, "soc": "29-9021"}
    estimated |= {"percentile": 40.0, "low": 1, "mid": 2, "high": 3, "note": "passed through"}
    estimated |= {"read_from": "CA", "basis": "measured", "precision": None}
    validate("batch-record", estimated)
    for wrong in (
        {**estimated, "error": "x", "error_field": None, "error_value": None},
        {**estimated, "row": 0},
        {**estimated, "offer_level": "V"},
        {**estimated, "basis": "guessed"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate("batch-record", wrong)
