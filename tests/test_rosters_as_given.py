"""A roster's values are taken as given, whatever carries them (a new-user trial): a number is read
as the text of the same amount, a passed-through column keeps its header's spelling, a record
with two spellings of one key shows both, and a workbook's numbers are the JSON Lines ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import hitsalary
from hitsalary.core.decisions import PLAUSIBLE


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
        implausible = not PLAUSIBLE[0] <= from_csv["offer"] <= PLAUSIBLE[1]
        assert warned(cli.stderr) is warned(as_csv.stderr) is implausible


def test_an_int_too_long_for_text_is_an_error_record_not_an_exception() -> None:
    record = next(hitsalary.batch([{"exp": 5, "offer": 10**5000}]))
    assert record["error_field"] == "offer"
    assert "digits is $" in record["error"]
