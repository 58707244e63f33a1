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


def test_the_script_writes_the_shipped_schemas() -> None:
    spec = importlib.util.spec_from_file_location("write_schemas", REPO / "scripts" / "write_schemas.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for file_name, text in module.rendered().items():
        assert (SCHEMAS / file_name).read_text(encoding="utf-8") == text, file_name
