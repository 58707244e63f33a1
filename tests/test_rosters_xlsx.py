"""Excel workbooks in and out of batch (issue 17.2): typed cells, currency, formulas kept as
text, a frozen and filtered header, the workbook libraries imported only for a workbook."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

ROSTER = (
    "id,exp,state,metro,role,offer,note\n"
    "A1,5,CA,,ehr,92000,=1+1\n"
    "A2,two,TX,,,,@SUM(A1)\n"
    "A3,7.5,,41940,cybersecurity,120k,plain\n"
)


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.split("\n")[:-1]]


def workbook(path: Path, rows: list[list[Any]], *, sheets: tuple[str, ...] = ("Staff",)) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    first.title = sheets[0]
    for other in sheets[1:]:
        book.create_sheet(other).append(["exp"])
    for row in rows:
        first.append(row)
    book.save(path)
    return path


def test_csv_in_xlsx_out_is_typed_safe_frozen_and_filtered(run, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_text(ROSTER)
    result = run("batch", str(tmp_path / "staff.csv"), "-o", str(tmp_path / "bands.xlsx"))
    assert result.exit_code == 3, result.stderr  # one row is bad
    sheet = openpyxl.load_workbook(tmp_path / "bands.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:3] == ["row", "id", "exp"]
    assert header[-3:] == ["error_field", "error_value", "error"]
    assert [r[1] for r in rows[1:]] == ["A1", "A2", "A3"]  # error rows in place, in order
    low = header.index("low")
    assert isinstance(rows[1][low], int)
    assert "$" in sheet.cell(row=2, column=low + 1).number_format
    assert isinstance(rows[1][header.index("percentile")], (int, float))  # a number, not text
    note = header.index("note") + 1
    assert sheet.cell(row=2, column=note).value == "=1+1"
    assert sheet.cell(row=2, column=note).data_type == "s"  # text, never a live formula
    assert rows[2][header.index("error_field")] == "exp"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None
    assert sheet.auto_filter.ref.startswith("A1:")


def test_xlsx_in_gives_the_estimates_of_the_same_csv(run, tmp_path: Path) -> None:
    rows = [
        ["id", "EXP", "state", "metro", "role", "offer"],
        ["A1", 5, "CA", None, "ehr", 92000],
        ["A2", 7.5, None, 41940, "cybersecurity", 120000.0],
        [None, None, None, None, None, None],  # an empty row is not a record
        ["A3", "two", "TX", None, None, None],
    ]
    path = workbook(tmp_path / "staff.xlsx", rows)
    from_xlsx = run("batch", str(path))
    as_csv = (
        "id,exp,state,metro,role,offer\n"
        "A1,5,CA,,ehr,92000\nA2,7.5,,41940,cybersecurity,120000\nA3,two,TX,,,\n"
    )
    from_csv = run("batch", "-", input=as_csv)
    assert from_xlsx.exit_code == 3, from_xlsx.stderr
    keys = ("id", "state", "metro", "role", "low", "mid", "high", "offer", "offer_position", "error_field")

    def seen(text: str) -> list[tuple[Any, ...]]:  # an empty cell is "" in CSV and None in a workbook
        return [tuple(r.get(k) if r.get(k) != "" else None for k in keys) for r in lines(text)]

    assert seen(from_xlsx.stdout) == seen(from_csv.stdout)


def test_a_sheet_is_chosen_by_name(run, tmp_path: Path) -> None:
    path = workbook(tmp_path / "staff.xlsx", [["exp", "id"], [5, "first"]], sheets=("Staff", "Other"))
    other = run("batch", str(path), "--sheet", "Other")
    assert other.exit_code == 0, other.stderr
    assert other.stdout == ""  # the other sheet has a header and no rows
    missing = run("batch", str(path), "--sheet", "Nope")
    assert missing.exit_code == 2
    assert "'Staff', 'Other'" in missing.stderr


def test_a_first_sheet_without_exp_names_the_sheet_that_has_it(run, tmp_path: Path) -> None:
    """A workbook whose first sheet is a summary was refused with 'no exp column (columns:
    nothing here)', no word of the sheet that holds the roster or of --sheet (a trial)."""
    path = workbook(tmp_path / "book.xlsx", [["Total", 3]], sheets=("Summary", "Nurses 2026"))
    result = run("batch", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        "hitsalary: the input's first sheet, 'Summary', has no 'exp' column; sheet 'Nurses 2026' has "
        "one: --sheet 'Nurses 2026' reads it\n"
    )
    assert run("batch", str(path), "--sheet", "Nurses 2026").exit_code == 0
    named = run("batch", str(path), "--sheet", "Summary")  # the sheet asked for: its own error
    assert "the input has no 'exp' column (columns: Total" in named.stderr


def test_a_header_below_a_title_row_is_pointed_at(run, tmp_path: Path) -> None:
    rows = [
        ["Compensation roster export - generated 2026-05-01"],
        [],
        ["Employee ID", "Exp", "role"],
        ["E1", 5, "ehr"],
    ]
    result = run("batch", str(workbook(tmp_path / "titled.xlsx", rows)))
    assert result.exit_code == 2
    assert (
        "row 3 of sheet 'Staff' looks like the header: the header must be the sheet's first row"
        in result.stderr
    )
    book = openpyxl.Workbook()  # a summary first, the roster's header under a title on the next sheet
    book.active.append(["Total", 2])
    roster = book.create_sheet("Roster")
    for row in (["Roster export 2026"], ["exp", "role"], [5, "ehr"]):
        roster.append(row)
    book.save(tmp_path / "two.xlsx")
    both = run("batch", str(tmp_path / "two.xlsx"))
    assert (
        "sheet 'Roster' has one in row 2: make that row the sheet's first (the header must be) "
        "and give --sheet 'Roster'" in both.stderr
    )
    years = run("batch", str(workbook(tmp_path / "years.xlsx", [["Years", "role"], [5, "ehr"]])))
    assert "column 'Years' looks like it: name it exp" in years.stderr  # nothing found: as before


def test_xlsx_to_xlsx(run, tmp_path: Path) -> None:
    path = workbook(tmp_path / "in.xlsx", [["exp", "metro"], [3, 41940], [4, "boston"]])
    result = run("batch", str(path), "-o", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 0, result.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][rows[0].index("metro")] == "41940"


def test_a_file_that_is_not_a_workbook_is_refused(run, tmp_path: Path) -> None:
    (tmp_path / "fake.xlsx").write_text("exp\n5\n")
    result = run("batch", str(tmp_path / "fake.xlsx"))
    assert result.exit_code == 2
    assert "not a readable Excel workbook" in result.stderr


def test_options_that_do_not_fit_the_format_are_refused(run, tmp_path: Path) -> None:
    path = workbook(tmp_path / "in.xlsx", [["exp"], [3]])
    assert run("batch", str(path), "--delimiter", ";").exit_code == 2
    assert run("batch", "-", "--sheet", "x", input="exp\n5\n").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [["estimate", "--exp", "5", "--state", "CA", "--json"], ["batch", "-", "--format", "csv"]],
)
def test_no_workbook_or_json_lines_library_is_imported_without_one(args: list[str]) -> None:
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['hitsalary', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('hitsalary', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "books = ('openpyxl', 'xlsxwriter', 'msgspec')  # msgspec: JSON Lines output only\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in books), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], input=b"exp\n5\n", capture_output=True, timeout=120, check=False
    )
    assert done.stderr.decode().strip().endswith("[]"), done.stderr.decode()
