"""One bad batch row never stops the run, and error records keep what identifies the row."""

from __future__ import annotations

import csv
import io
import json

import pytest


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.split("\n")[:-1]]


def test_a_field_over_the_csv_limit_is_an_error_record(run) -> None:
    roster = f"id,exp,note\nA,5,ok\nB,{'5' * 200_000},big\nC,5,ok\n"
    result = run("batch", "-", input=roster)
    assert result.exit_code == 3, result.stderr
    out = lines(result.stdout)
    assert [r["row"] for r in out] == [1, 2, 3]
    # the line is read past in chunks, never held whole: its error names it and its length
    assert out[1]["error"] == "line 3 has 200,007 characters (at most 131,072 in a record)"
    assert out[2]["id"] == "C"
    assert len(result.stdout) < 5_000  # the bad value is carried once, cut short


def test_an_offer_of_5000_digits_is_an_error_record(run) -> None:
    result = run("batch", "-", input=f"id,exp,offer\nA,5,{'9' * 5000}\nB,5,90000\n")
    assert result.exit_code == 3, result.stderr
    out = lines(result.stdout)
    assert out[0]["error_field"] == "offer"
    assert out[1]["offer"] == 90000
    assert len(out[0]["error_value"]) < 300
    assert len(out[0]["error"]) < 300


def test_a_short_row_is_an_error_not_filled_in(run) -> None:
    result = run("batch", "-", input="id,exp,state,team\nA,5\nB,5,CA,apps\n")
    assert result.exit_code == 3
    out = lines(result.stdout)
    assert out[0]["error"] == "2 fields, the header has 4"
    assert out[0]["id"] == "A"
    assert out[1]["state"] == "CA"


def test_a_duplicate_header_name_is_refused(run) -> None:
    result = run("batch", "-", input="id,exp,state,State\nA,5,CA,TX\n")
    assert result.exit_code == 2
    assert "names the column 'state' twice" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_error_records_keep_id_and_passthrough_columns(run, fmt: str) -> None:
    result = run("batch", "-", "--format", fmt, input="id,exp,team,soc\nA,two,Apps,L3\n")
    assert result.exit_code == 3
    as_csv = fmt == "csv"
    record = next(csv.DictReader(io.StringIO(result.stdout))) if as_csv else lines(result.stdout)[0]
    assert record["id"] == "A"
    assert record["team"] == "Apps"
    assert record["input_soc"] == "L3"  # a passed-through column that clashes is renamed
    assert record["error_field"] == "exp"


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_json_lines_with_non_finite_numbers_give_valid_json(run, bad: str) -> None:
    text = f'{{"id": "A", "exp": 5, "note": "x"}}\n{{"id": "B", "exp": {bad}, "note": {bad}}}\n'
    result = run("batch", "-", "--input-format", "jsonl", input=text)
    assert result.exit_code == 3
    for line in result.stdout.splitlines():
        json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} in the output"))


def test_keys_first_seen_after_the_first_json_record_are_reported(run) -> None:
    text = '{"id": "A", "exp": 5}\n{"id": "B", "exp": 5, "team": "Apps"}\n'
    result = run("batch", "-", "--input-format", "jsonl", "--format", "csv", input=text)
    assert result.exit_code == 0
    assert "'team'" in result.stderr
    assert "no CSV column, not passed through" in result.stderr
    as_jsonl = run("batch", "-", "--input-format", "jsonl", input=text)
    assert lines(as_jsonl.stdout)[1]["team"] == "Apps"  # JSON Lines output passes them through
    assert "warning" not in as_jsonl.stderr


def test_keys_first_seen_later_are_reported_for_a_workbook_as_a_workbook(run, tmp_path) -> None:
    pytest.importorskip("xlsxwriter")
    text = '{"id": "A", "exp": 5}\n{"id": "B", "exp": 5, "team": "Apps"}\n'
    book = tmp_path / "out.xlsx"
    result = run("batch", "-", "--input-format", "jsonl", "-o", str(book), input=text)
    assert result.exit_code == 0
    assert "have no workbook column, not passed through: 'team'" in result.stderr
    assert "CSV" not in result.stderr


def test_keys_first_seen_later_are_named_alike_in_estimated_and_error_records(run) -> None:
    """A later key that a result or error column has (in any case) is input_KEY in every record:
    an input's own "error" never makes an estimated record look rejected, and an error record
    never puts the input's "soc" where the result's SOC code goes or drops the input's "error"."""
    text = (
        '{"id": "A", "exp": 5}\n'
        '{"id": "B", "exp": 5, "soc": "X1", "error": "mine"}\n'
        '{"id": "C", "exp": "bad", "soc": "X2", "error": "mine2", "Row": 9}\n'
    )
    result = run("batch", "-", "--input-format", "jsonl", input=text)
    assert result.exit_code == 3
    first, estimated, rejected = lines(result.stdout)
    assert "error" not in first
    assert "error" not in estimated
    assert (estimated["input_soc"], estimated["input_error"], estimated["soc"]) == ("X1", "mine", "29-9021")
    assert (rejected["input_soc"], rejected["input_error"], rejected["input_Row"]) == ("X2", "mine2", 9)
    assert "soc" not in rejected
    assert rejected["row"] == 3
    assert rejected["error_field"] == "exp"


def test_the_api_names_later_keys_of_error_records_as_the_command_does(run) -> None:
    import hitsalary

    records = [{"id": "A", "exp": 5}, {"id": "B", "exp": "bad", "soc": "X", "error": "e"}]
    _, rejected = hitsalary.batch(records)
    text = "".join(json.dumps(r) + "\n" for r in records)
    assert rejected == lines(run("batch", "-", "--input-format", "jsonl", input=text).stdout)[1]
    assert (rejected["input_soc"], rejected["input_error"]) == ("X", "e")
