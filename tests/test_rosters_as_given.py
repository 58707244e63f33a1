"""A roster's values are taken as given, whatever carries them (a new-user trial): a number is read
as the text of the same amount, a passed-through column keeps its header's spelling, a record
with two spellings of one key shows both, and a workbook's numbers are the JSON Lines ones."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

import hitsalary


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.split("\n")[:-1]]


def outcome(record: dict[str, Any]) -> dict[str, Any]:
    """What a row's amount came to: the dollars used and where they sit, or the error. The bad
    value itself is left out: it is carried as given (a number stays a number)."""
    used = ("offer", "offer_position", "offer_percent_through")
    keys = ("error_field", "error") if "error" in record else used
    return {key: record[key] for key in keys}


def warned(stderr: str) -> bool:
    return "plausible annual salary" in stderr  # batch counts them in one line, estimate names one


# (the number as a JSON writer or a notebook gives it, the same amount as a person types it)
AMOUNTS = [
    (45.5, "45.5"),  # an hourly rate without /hr: rounded to $46 and warned about, everywhere
    (92000.5, "92000.5"),
    (92000, "92000"),
    (92000.0, "92000.0"),  # a pandas column with a blank is floats
    (0.4, "0.4"),  # less than a dollar
    (1e5, "100000.0"),
    (1e16, "10000000000000000"),  # json and repr write 1e+16; the digits are over the limit
    (1.5e-05, "0.000015"),
    (1e300, "1" + "0" * 300),  # too long for an amount
]


@pytest.mark.parametrize(("number", "text"), AMOUNTS)
def test_a_number_amount_is_read_as_the_same_amount_written_as_text(
    run, tmp_path: Path, number: Any, text: str
) -> None:
    as_csv = run("batch", "-", "--input-format", "csv", input=f"exp,state,offer\n5,CA,{text}\n")
    from_csv = outcome(lines(as_csv.stdout)[0])
    forms = {
        "JSON number": {"exp": 5, "state": "CA", "offer": number},
        "JSON string": {"exp": 5, "state": "CA", "offer": text},
    }
    for form, record in forms.items():
        result = run("batch", "-", "--input-format", "jsonl", input=json.dumps(record) + "\n")
        assert outcome(lines(result.stdout)[0]) == from_csv, form
        assert result.exit_code == as_csv.exit_code, form
        assert warned(result.stderr) is warned(as_csv.stderr), form
    book = openpyxl.Workbook()  # a number cell of a workbook, as a spreadsheet holds it
    book.active.append(["exp", "state", "offer"])
    book.active.append([5, "CA", number])
    book.save(tmp_path / "staff.xlsx")
    from_xlsx = run("batch", str(tmp_path / "staff.xlsx"))
    assert outcome(lines(from_xlsx.stdout)[0]) == from_csv
    api = next(hitsalary.batch([{"exp": 5, "state": "CA", "offer": number}]))
    assert outcome(api) == from_csv
    # and as estimate --offer reads the text: the same dollars, the same warning, the same error
    cli = run("estimate", "--exp", "5", "--state", "CA", "--offer", text, "--json")
    if "error" in from_csv:
        assert cli.exit_code == 2
        assert cli.stderr.strip() == "hitsalary: " + from_csv["error"].replace(" offer: ", " --offer: ", 1)
    else:
        assert json.loads(cli.stdout)["offer"]["amount"] == from_csv["offer"]
        assert warned(cli.stderr) is warned(as_csv.stderr)
    if text == "45.5":  # the trial's case: an hourly rate without /hr is warned about everywhere
        assert warned(cli.stderr)


def test_an_int_too_long_for_text_is_an_error_record_not_an_exception() -> None:
    record = next(hitsalary.batch([{"exp": 5, "offer": 10**5000}]))
    assert record["error_field"] == "offer"
    assert "digits is $" in record["error"]


def passed_through(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record[key] for key in ("Name", "Team Lead", "input_Low_2", "input_low")}


def test_a_passed_through_column_keeps_its_headers_spelling(run, tmp_path: Path) -> None:
    """`Name` came out as `name`; the known columns (`EXP`, `State`) are still matched in any case
    and written under their own names. A clash with an output column is one in any case."""
    header = ["EXP", "State", "Name", " Team Lead ", "Low", "input_low"]
    row = [5, "CA", "Ann", "Bo", "x", "y"]
    # Low clashes with low; input_Low with the passed-through input_low: input_Low_2
    expected = {"Name": "Ann", "Team Lead": "Bo", "input_Low_2": "x", "input_low": "y"}
    roster = ",".join(header) + "\n" + ",".join(map(str, row)) + "\n"
    for fmt in ("jsonl", "csv"):
        result = run("batch", "-", "--input-format", "csv", "--format", fmt, input=roster)
        assert result.exit_code == 0, result.stderr
        if fmt == "csv":
            out_header, values = (line.split(",") for line in result.stdout.splitlines())
            record = dict(zip(out_header, values, strict=True))
        else:
            record = lines(result.stdout)[0]
        assert passed_through(record) == expected, fmt
        assert record["state"] == "CA"
        assert not {"EXP", "State", "name", "Low", "input_Low"} & set(record)
    as_json = json.dumps(dict(zip(header, row, strict=True))) + "\n"
    assert passed_through(lines(run("batch", "-", input=as_json).stdout)[0]) == expected
    book = openpyxl.Workbook()
    book.active.append(header)
    book.active.append(row)
    book.save(tmp_path / "staff.xlsx")
    assert passed_through(lines(run("batch", str(tmp_path / "staff.xlsx")).stdout)[0]) == expected
    run("batch", str(tmp_path / "staff.xlsx"), "-o", str(tmp_path / "bands.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "bands.xlsx").active
    written = dict(zip(*sheet.iter_rows(max_row=2, values_only=True), strict=True))
    assert passed_through(written) == expected
    api = next(hitsalary.batch([dict(zip(header, row, strict=True))]))
    assert passed_through(api) == expected


def test_a_later_json_record_may_spell_a_column_otherwise(run) -> None:
    records = [{"exp": 5, "Name": "Ann"}, {"exp": 5, "NAME": "Bo", "Team": "A"}, {"exp": 5, "TEAM": "B"}]
    result = run("batch", "-", input="".join(json.dumps(r) + "\n" for r in records))
    assert result.exit_code == 0, result.stderr
    out = lines(result.stdout)
    assert [r.get("Name") for r in out] == ["Ann", "Bo", None]  # the first record's spelling
    assert [r.get("Team") for r in out] == [None, "A", "B"]  # the first spelling seen
    assert not {"name", "NAME", "TEAM"} & {key for r in out for key in r}
    api = list(hitsalary.batch(records))
    assert [{k: r.get(k) for k in ("Name", "Team")} for r in api] == [
        {k: r.get(k) for k in ("Name", "Team")} for r in out
    ]


@pytest.mark.parametrize(
    ("first", "second", "later"), [(3, 4, 4), ("3", 4, "4"), (None, "x", '"x"'), ({"a": 1}, 2, "2")]
)
def test_two_keys_for_one_column_show_the_first_value_and_name_both(
    run, first: Any, second: Any, later: str
) -> None:
    """The error record's exp showed the last of the two values, silently."""
    text = json.dumps({"id": "A", "exp": first, "EXP": second}) + "\n"
    result = run("batch", "-", input=text)
    assert result.exit_code == 3
    (record,) = lines(result.stdout)
    # the first value, in the column's type where it reads as years (3 and "3" as 3.0), else as given
    assert record["exp"] == (json.dumps(first) if isinstance(first, dict) else first and float(first))
    assert record["error_field"] == "(record)"
    both = f"'exp' ({json.dumps(first)}) and 'EXP' ({later})"
    assert record["error"] == f"the record has two keys for 'exp': {both}; the first is shown"
    assert next(hitsalary.batch([{"id": "A", "exp": first, "EXP": second}]))["error"] == record["error"]


def test_every_column_given_twice_is_named_with_its_first_value_shown(run) -> None:
    text = '{"Name": "a", "exp": 5, "NAME": "b", "offer": "90k", "OFFER": 95000, "name": "c"}\n'
    result = run("batch", "-", "--format", "csv", input=text)
    assert result.exit_code == 3
    (record,) = csv.DictReader(io.StringIO(result.stdout))
    assert (record["Name"], record["exp"], record["offer"]) == ("a", "5.0", "90000")  # as estimated rows
    assert record["error"] == (
        "the record has 3 keys for 'name': 'Name' (\"a\") and 'NAME' (\"b\"), and 1 more; "
        "two keys for 'offer': 'offer' (\"90k\") and 'OFFER' (95000); the first of each is shown"
    )


NUMBER_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*><v>([^<]*)</v></c>')


def stored_numbers(path: Path) -> dict[tuple[int, int], str]:
    """Each number cell's text as the workbook stores it, by (row, column), from 0."""
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    return {(int(r) - 1, column_index_from_string(c) - 1): text for c, r, text in NUMBER_CELL.findall(xml)}


def test_a_workbook_holds_the_numbers_json_lines_and_csv_show(run, tmp_path: Path) -> None:
    """A percentile of 80.1 was stored as 80.09999999999999 (XlsxWriter writes 16 digits); a float
    that needs 17 read back as another number; and a whole number too large for a float stopped the run."""
    states = ["CA", "NY", "TX", "WA", "MA", "FL", "IL", "OH", "GA", "MN"]
    records = [
        {
            "id": f"E{n}",
            "exp": exp,
            "state": state,
            "offer": 60000 + 997 * n,
            "score": 0.1 + 0.2,
            "badge": 2**60 + n,
        }
        for n, (exp, state) in enumerate((e, s) for e in (0, 1, 2.5, 5, 7.5, 12, 20) for s in states)
    ]
    records.append({"id": "big", "exp": 5, "offer": 90000, "score": 1.5, "badge": 10**400})
    records.append({"id": "bad", "exp": 5, "offer": 0.4, "score": 1.1, "badge": 1})  # an error record
    (tmp_path / "staff.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    out = {}
    for fmt in ("jsonl", "csv", "xlsx"):
        result = run("batch", str(tmp_path / "staff.jsonl"), "-o", str(tmp_path / f"bands.{fmt}"))
        assert result.exit_code == 3, result.stderr
        out[fmt] = tmp_path / f"bands.{fmt}"
    expected = lines(out["jsonl"].read_text())
    floats = [v for r in expected for v in r.values() if isinstance(v, float)]
    assert any(f"{v:.16G}" != repr(v) for v in floats)  # percentiles XlsxWriter alone would spoil
    assert all(
        v == round(v, 1)
        for r in expected
        for k, v in r.items()
        if k.endswith(("percentile", "through")) and v
    )
    sheet = openpyxl.load_workbook(out["xlsx"]).active
    header, *rows = sheet.iter_rows(values_only=True)
    stored = stored_numbers(out["xlsx"])
    with out["csv"].open(newline="") as handle:
        csv_rows = list(csv.DictReader(handle))
    for n, (want, got, as_csv) in enumerate(zip(expected, rows, csv_rows, strict=True), start=1):
        cells = dict(zip(header, got, strict=True))
        for c, key in enumerate(header):
            value = want.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert as_csv[key] == json.dumps(value), (n, key)  # CSV: the JSON's own text
                if abs(value) > 2**53:  # no spreadsheet number holds it: its digits, as text
                    assert cells[key] == str(value), (n, key)
                    continue
                assert (type(cells[key]), cells[key]) == (type(value), value), (n, key)
                assert stored[(n, c)] == json.dumps(value), (n, key)  # the very digits JSON writes
            elif value is not None:
                assert cells[key] == value, (n, key)
