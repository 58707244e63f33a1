"""Rosters of any shape (issue 17.1 and 17.3): JSON Lines records read whatever the first holds,
codes given as numbers, semicolon and tab exports, and the Python API's batch over mappings."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

import hitsalary
from hitsalary.core.decisions import place
from hitsalary.core.models import ReferenceData


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.split("\n")[:-1]]


def jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def as_csv(records: list[dict[str, Any]], delimiter: str = ",") -> str:
    out = io.StringIO()
    names = list(dict.fromkeys(key for record in records for key in record))
    writer = csv.DictWriter(out, fieldnames=names, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def test_json_lines_offers_and_salaries_after_a_first_record_without_them(run) -> None:
    text = jsonl(
        [{"id": "A", "exp": 5}, {"id": "B", "exp": 5, "offer": 95000}, {"id": "C", "exp": 5, "salary": "80k"}]
    )
    for fmt in ("jsonl", "csv"):
        result = run("batch", "-", "--format", fmt, input=text)
        assert result.exit_code == 0, result.stderr
        records = lines(result.stdout) if fmt == "jsonl" else list(csv.DictReader(io.StringIO(result.stdout)))
        assert str(records[1]["offer"]) == "95000"
        assert str(records[2]["salary"]) == "80000"
        for record, name, amount in ((records[1], "offer", 95000), (records[2], "salary", 80000)):
            band = (int(record["low"]), int(record["high"]))
            assert record[f"{name}_position"] == place(amount, *band)[0]  # the offer logic's own


def test_later_unknown_keys_pass_through_to_json_lines_and_are_named_for_csv(run) -> None:
    text = jsonl([{"id": "A", "exp": 5}, {"id": "B", "exp": 5, "team": "Apps", "low": "clash"}])
    result = run("batch", "-", input=text)
    assert result.exit_code == 0, result.stderr
    second = lines(result.stdout)[1]
    assert second["team"] == "Apps"
    assert second["input_low"] == "clash"  # renamed as a passed-through column is: never a clash
    assert isinstance(second["low"], int)
    as_csv_out = run("batch", "-", "--format", "csv", input=text)
    assert "'team'" in as_csv_out.stderr
    assert "'low'" in as_csv_out.stderr


@pytest.mark.parametrize("metro", [41940, 41940.0, "41940", "41940.0", " 41940 "])
def test_a_metro_code_as_a_number_or_text_is_one_code(run, metro: Any) -> None:
    result = run("batch", "-", input=jsonl([{"exp": 5, "metro": metro}]))
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout)[0]["metro"] == "41940"


def test_a_metro_code_as_a_float_from_a_csv_cell(run) -> None:
    result = run("batch", "-", input="exp,metro\n5,41940.0\n5,41940\n")
    assert result.exit_code == 0, result.stderr
    first, second = lines(result.stdout)
    assert first["metro"] == second["metro"] == "41940"
    assert first["low"] == second["low"]


def test_a_code_that_is_not_whole_is_a_clear_error(run) -> None:
    result = run("batch", "-", input=jsonl([{"exp": 5, "metro": 41940.5}, {"exp": 5, "metro": True}]))
    assert result.exit_code == 3
    first, second = lines(result.stdout)
    assert first["error"] == "invalid value for metro: 41940.5 is not a whole number (a code)"
    assert second["error"] == "invalid value for metro: expected text or a whole number, got bool"


def test_the_api_takes_a_metro_code_as_a_number() -> None:
    by_text = hitsalary.estimate(exp=5, metro="41940")
    assert hitsalary.estimate(exp=5, metro=41940).band == by_text.band  # type: ignore[arg-type]
    assert hitsalary.estimate(exp=5, metro=41940.0).band == by_text.band  # type: ignore[arg-type]
    with pytest.raises(hitsalary.UsageProblem, match="not a whole number"):
        hitsalary.estimate(exp=5, metro=41940.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_exports_are_read_like_commas(run, delimiter: str) -> None:
    records = [
        {"id": "A", "exp": "5,5", "state": "CA", "offer": "92000"},
        {"id": "B", "exp": "3", "state": "TX"},
    ]
    comma = run("batch", "-", input=as_csv([{**r, "exp": r["exp"].replace(",", ".")} for r in records]))
    other = run("batch", "-", input=as_csv(records, delimiter))
    assert other.exit_code == 0, other.stderr
    assert lines(other.stdout) == lines(comma.stdout)


def test_the_delimiter_flag_overrides_the_header(run) -> None:
    guessed = run("batch", "-", input="exp,id;note\n5,A;b\n")  # more commas than semicolons
    assert lines(guessed.stdout)[0]["id;note"] == "A;b"
    given = run("batch", "-", "--delimiter", ";", input="exp;id;note\n5;A;b,c\n")
    assert given.exit_code == 0, given.stderr
    assert lines(given.stdout)[0]["note"] == "b,c"
    tab = run("batch", "-", "--delimiter", "tab", input="exp\tid\n5\tA\n")
    assert lines(tab.stdout)[0]["id"] == "A"


def test_a_bad_delimiter_is_a_usage_error(run) -> None:
    result = run("batch", "-", "--delimiter", "xy", input="exp\n5\n")
    assert result.exit_code == 2
    assert "--delimiter" in result.stderr


STATES = ["CA", "tx", "New York", "", "WA", "Texas"]
ROLES = ["ehr", "cybersecurity", "", "analytics", "epic analyst"]
METROS = [41940, 41940.0, "41940", "", "boston", 19100]


def messy_roster(count: int, seed: int = 17) -> list[dict[str, Any]]:
    """A roster with what real exports carry: codes as numbers, blanks, decimal years, offers in
    some rows only (none in the first), bad values now and then."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        row: dict[str, Any] = {
            "id": f"E{n}",
            "exp": f"{rng.randint(0, 250) / 10:g}",
            "role": rng.choice(ROLES),
        }
        metro = rng.choice(METROS)
        if metro != "":
            row["metro"] = metro
        else:
            row["state"] = rng.choice(STATES)
        if n and rng.random() < 0.5:
            row["offer"] = str(rng.randrange(50_000, 180_000, 500))
        if n % 97 == 5:
            row["exp"] = "twelve"
        rows.append(row)
    return rows


def csv_cells(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    columns = ("id", "exp", "role", "state", "metro", "offer")
    return [{name: row.get(name, "") for name in columns} for row in rows]


def estimates(records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    keys = ("id", "state", "role", "metro", "low", "mid", "high", "offer", "offer_position", "error")
    # an error record carries the values as given (41940.0 from a workbook, "41940" from CSV)
    return [
        (r["id"], r["error"])
        if "error" in r
        else tuple(str(r[k]) if r.get(k) not in (None, "") else None for k in keys)
        for r in records
    ]


def as_workbook(rows: list[dict[str, Any]], path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    columns = ("id", "exp", "role", "state", "metro", "offer")
    sheet.append(list(columns))
    for row in rows:  # numbers stay numbers: metro codes as typed
        sheet.append([row.get(name) for name in columns])
    book.save(path)
    return path


def test_a_messy_roster_gives_the_same_estimates_in_every_format(run, tmp_path: Path) -> None:
    rows = messy_roster(2000)
    out = {
        "xlsx": lines(run("batch", str(as_workbook(rows, tmp_path / "staff.xlsx"))).stdout),
        "jsonl": lines(run("batch", "-", input=jsonl(rows)).stdout),
        "csv": lines(run("batch", "-", input=as_csv(csv_cells(rows))).stdout),
        "semicolon": lines(run("batch", "-", input=as_csv(csv_cells(rows), ";")).stdout),
        "api": list(hitsalary.batch(rows)),
    }
    assert (
        estimates(out["csv"])
        == estimates(out["jsonl"])
        == estimates(out["semicolon"])
        == estimates(out["api"])
        == estimates(out["xlsx"])
    )
    offers = [r for r in out["jsonl"] if r.get("offer") is not None and "error" not in r]
    assert len(offers) == sum(1 for r in rows if "offer" in r and r["exp"] != "twelve")
    errors = [r for r in out["jsonl"] if "error" in r]
    assert errors
    assert all(r["exp"] == "twelve" and "role" in r for r in errors)  # the input's values, to fix the row


def test_the_api_batch_yields_what_batch_jsonl_writes(run) -> None:
    rows = [
        {"id": 1, "exp": 5, "state": "CA", "offer": 90000, "team": "Apps"},
        {"id": 2, "exp": "ten", "state": "TX", "role": "ehr", "team": "Data"},
        {"id": 3, "exp": 2.5, "metro": 41940, "offer": None, "team": None},
    ]
    cli = lines(run("batch", "-", input=jsonl(rows)).stdout)
    api = list(hitsalary.batch(rows))
    assert api == cli
    assert api[1]["error_field"] == "exp"
    assert (api[1]["exp"], api[1]["state"], api[1]["role"]) == ("ten", "TX", "ehr")


def test_the_api_batch_never_raises_for_a_row() -> None:
    class Loud:
        def __str__(self) -> str:
            raise RuntimeError("no")

    nan = float("nan")
    rows: list[Any] = [
        {"exp": nan, "state": "CA"},
        {"exp": 5, "state": nan, "offer": nan, "metro": nan},
        {"exp": 5, "offer": Loud()},
        {"exp": 5, "state": ["CA"]},
        {Loud(): 1, "exp": 5},
        7,
        {"exp": 10**5000},
    ]
    out = list(hitsalary.batch(rows))
    assert len(out) == len(rows)
    assert out[0]["error"] == "exp is missing (years of experience)"  # not "'nan' is outside 0 to 50"
    assert out[0]["exp"] is None
    assert "error" not in out[1]
    assert out[1]["state"] == "US"
    assert out[1]["offer"] is None
    assert all("error" in record for record in out[2:])
    assert [record["row"] for record in out] == list(range(1, 8))


def test_a_blank_row_is_no_record_in_csv_json_lines_and_the_api(run) -> None:
    """A line of empty cells is not a record in a CSV export, and pandas reads the same line as
    a row of NaN: the API, and JSON Lines (a null for each cell), skip it as the command skips
    the CSV line, so every later row has the same number whichever way the file is read (a
    trial's pandas recipe numbered rows one past the command's after a blank line)."""
    nan = float("nan")
    csv_text = "id;exp;state;offer\nE1;5;CA;90000\n;;;\nE3;2;TX;\n"
    by_command = lines(run("batch", "-", input=csv_text).stdout)
    as_pandas = [
        {"id": "E1", "exp": 5, "state": "CA", "offer": 90000.0},
        {"id": nan, "exp": nan, "state": nan, "offer": nan},
        {"id": "E3", "exp": 2, "state": "TX", "offer": nan},
    ]
    by_api = list(hitsalary.batch(as_pandas))
    nulls = [{k: (None if v != v else v) for k, v in row.items()} for row in as_pandas]
    by_jsonl = lines(run("batch", "-", "--input-format", "jsonl", input=jsonl(nulls)).stdout)
    assert [r["row"] for r in by_command] == [1, 2]
    for records in (by_api, by_jsonl):
        assert [(r["row"], r["id"], r["low"]) for r in records] == [
            (r["row"], r["id"], r["low"]) for r in by_command
        ]
        assert not any("error" in r for r in records)
    # a row with anything in it is still a record: a space, a zero, an error to fix
    kept = list(hitsalary.batch([{"exp": " ", "state": None}, {"exp": 0}, {"exp": None, "state": "CA"}]))
    assert [("error" in r) for r in kept] == [True, False, True]


def test_the_api_batch_refuses_a_bad_levels_flag() -> None:
    with pytest.raises(hitsalary.UsageProblem, match="levels"):
        hitsalary.batch([], levels="yes")  # type: ignore[arg-type]


class DataFrame:  # as pandas' iterates: by column name, not by row
    def __init__(self, rows: list[dict[str, object]]) -> None:
        self.rows = rows

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rows[0])

    def to_dict(self, orient: str) -> list[dict[str, object]]:
        return self.rows


@pytest.mark.parametrize(
    ("records", "words"),
    [
        ("roster.csv", "text, not records (to run a roster file: hitsalary batch FILE)"),
        (b"exp\n5\n", "text, not records (to run a roster file: hitsalary batch FILE)"),
        ({"exp": 5, "state": "CA"}, "one mapping, not an iterable of them (pass [record])"),
        (DataFrame([{"exp": 5}]), 'a DataFrame, whose rows are not its items (pass df.to_dict("records"))'),
    ],
)
def test_the_api_batch_refuses_what_iterates_as_something_else(records: object, words: str) -> None:
    """A trial's hitsalary.batch('roster.csv') gave an error record per character."""
    with pytest.raises(hitsalary.UsageProblem) as refused:
        hitsalary.batch(records)  # type: ignore[arg-type]
    assert str(refused.value) == f"invalid value for records: {words}"


def test_the_api_batch_takes_any_iterable_of_mappings() -> None:
    rows = [{"exp": 5, "state": "CA"}, {"exp": 6, "state": "TX"}]
    listed = list(hitsalary.batch(rows))
    assert list(hitsalary.batch(iter(rows))) == listed == list(hitsalary.batch(tuple(rows)))
    assert list(hitsalary.batch(DataFrame(rows).to_dict("records"))) == listed
    assert [record["state"] for record in listed] == ["CA", "TX"]


def test_the_api_batch_with_levels(data: ReferenceData) -> None:
    (record,) = hitsalary.batch([{"exp": 5, "state": "CA", "role": "ehr", "offer": "95000"}], levels=True)
    assert record["offer_level"] in ("I", "II", "III", "IV", "")


def test_a_blank_exp_in_the_api_says_it_is_missing() -> None:
    for blank in (None, "", float("nan")):
        with pytest.raises(hitsalary.UsageProblem, match="exp is missing"):
            hitsalary.estimate(exp=blank)  # type: ignore[arg-type]


def test_dir_lists_the_public_names() -> None:
    names = dir(hitsalary)
    for name in ("estimate", "batch", "load_reference", "to_json", "make_profile", "UsageProblem"):
        assert name in names
    public = [name for name in names if not name.startswith("__")]
    assert public == sorted(n for n in hitsalary.__all__ if not n.startswith("__"))  # no os, sys, helpers


def test_results_print_rounded_values() -> None:
    def long(value: float) -> bool:
        return len(repr(value).split(".")[-1]) > 6

    ragged = [
        result.percentiles
        for result in (hitsalary.estimate(exp=n / 10, state="CA") for n in range(0, 300, 3))
        if any(long(v) for v in (result.percentiles.low, result.percentiles.point, result.percentiles.high))
    ]
    assert ragged  # float arithmetic leaves such values (20.200000000000003) ...
    for percentiles in ragged:
        shown = repr(percentiles)  # ... but they print as the JSON shows them: to one decimal
        for value in (percentiles.low, percentiles.point, percentiles.high):
            assert f"={float(Decimal(repr(value)).quantize(Decimal('0.1'), ROUND_HALF_UP))!r}" in shown
            assert repr(value) not in shown or not long(value)


def test_a_printed_result_rounds_its_nested_values_and_keeps_them_whole() -> None:
    result = hitsalary.estimate(exp=5, state="CA")
    out = hitsalary.to_json(result)
    p, d = result.percentiles, result.distribution
    shown = repr(result)
    assert str(result) == shown
    # percentiles one decimal, as the JSON shows them; money whole dollars
    pct = out["percentiles"]
    assert (
        f"percentiles=Percentiles(low={pct['low']!r}, point={pct['point']!r}, high={pct['high']!r})" in shown
    )
    dollars = tuple(int(Decimal(repr(v)).quantize(Decimal(1), ROUND_HALF_UP)) for v in result.base)
    assert f"base={dollars!r}" in shown
    points = tuple((at, out["distribution"]["percentiles"][f"p{at}"]) for at, _ in d.points)
    assert f"points={points!r}, mean={out['distribution']['mean']!r}," in repr(d)
    # the long fields are named, not printed: a notebook cell stays readable (it ran to 10,806
    # characters, the role's 300 spellings and every comparison's source among them)
    assert "distribution, factors, comparisons" in shown
    assert "Source(" not in shown
    assert len(shown) < 600
    assert re.search(r"\d\.\d{7,}", shown) is None  # no float printed past 6 places anywhere
    # the stored values keep every digit
    assert len(repr(p.low)) > len(repr(pct["low"]))
    assert any(v != int(v) for v in result.base)


def test_a_huge_whole_number_as_a_code_is_a_usage_problem() -> None:
    with pytest.raises(hitsalary.UsageProblem, match="too large for a code"):
        hitsalary.estimate(exp=5, metro=10**5000)  # type: ignore[arg-type]
    (record,) = hitsalary.batch([{"exp": 5, "state": 10**5000}])
    assert record["error"] == "invalid value for state: a number too large for a code"


def test_estimate_start_up_does_not_import_the_roster_engine() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, runpy\n"
        "sys.argv = ['hitsalary', 'estimate', '--exp', '5', '--state', 'CA', '--json']\n"
        "try:\n"
        "    runpy.run_module('hitsalary', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('hitsalary.rosters.layout', 'hitsalary.output.batch_writers')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=120, check=False)
    assert done.stderr.decode().strip().endswith("[]"), done.stderr.decode()


def test_batch_over_many_areas_and_roles_matches_estimate(data: ReferenceData) -> None:
    """The run's own view of the area tables and its per-factor cache give estimate's numbers."""
    rng = random.Random(5)
    areas = sorted(data.area_tables.areas())
    rows = [
        {
            "exp": rng.randint(0, 300) / 10,
            "metro": rng.choice(areas),
            "role": rng.choice(sorted(data.roles)),
            "employer": rng.choice(["", "hospital", "vendor", "consulting"]),
            "education": rng.choice(["", "master", "associate"]),
        }
        for _ in range(60)
    ]
    for row, record in zip(rows, hitsalary.batch(rows, data=data), strict=True):
        band = hitsalary.estimate(**row, data=data).band
        assert (record["low"], record["mid"], record["high"]) == (band.low, band.mid, band.high), row


def test_an_error_record_gives_each_column_the_type_estimated_records_give_it(run) -> None:
    """exp was '8' (text) in error records and 5.0 in estimated ones, a metro code 41940 against
    '41940', an offer '90k' against 90000: pandas read each such column as object (a trial)."""
    rows = [
        {"exp": 5, "role": "ehr", "metro": 41940.0, "offer": "90k"},
        {"exp": "8", "role": "no such role", "metro": 41940.0, "offer": "90k"},
        {"exp": "twelve", "role": "ehr", "metro": "41940", "offer": 95000},
    ]
    good, bad_role, bad_exp = hitsalary.batch(rows)
    assert "error" not in good
    for bad in (bad_role, bad_exp):
        for column in ("metro", "offer"):
            assert type(bad[column]) is type(good[column]), (column, bad)
    assert (bad_role["exp"], bad_role["metro"], bad_role["offer"]) == (8.0, "41940", 90000)
    assert bad_role["role"] == bad_role["error_value"] == "no such role"  # the bad value as given
    assert (bad_exp["exp"], bad_exp["error_value"]) == ("twelve", "twelve")  # unreadable: as given
    assert lines(run("batch", "-", input=jsonl(rows)).stdout) == [good, bad_role, bad_exp]
