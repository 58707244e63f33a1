"""Roster readers are bounded: no input holds more than one record's limit in memory, a record over
the limit is an error record and the run goes on, and binary data ends the run at once (issue 18)."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import pty
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hitsalary.core.errors import UsageProblem
from hitsalary.output.batch_writers import WRITE_BUFFER, JsonlWriter
from hitsalary.rosters.layout import Layout
from hitsalary.rosters.lines import RECORD_LIMIT
from hitsalary.rosters.readers import read_csv

MEMORY_CAP = 700 * 1024 * 1024  # address space: far less than the gigabytes an unbounded read takes


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.split("\n")[:-1]]


def capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def batch_capped(
    *args: str, stdin: object = subprocess.DEVNULL, timeout: float = 60
) -> tuple[int, str, str, float]:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "hitsalary", "batch", *args],
        stdin=stdin,
        capture_output=True,
        preexec_fn=capped,
        timeout=timeout,
        check=False,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode(), time.monotonic() - start


@pytest.mark.parametrize("fmt", [["--input-format", "csv"], ["--input-format", "jsonl"], []])
def test_dev_zero_ends_at_once_in_little_memory(fmt: list[str], tmp_path: Path) -> None:
    code, _out, err, seconds = batch_capped("/dev/zero", *fmt, "-o", str(tmp_path / "out.jsonl"))
    assert code == 2, err
    assert err.count("\n") == 1
    assert "not text" in err
    assert "NUL" in err
    assert "Traceback" not in err
    assert seconds < 30  # seconds on a loaded machine; before the fix it ran on past 6 GB
    assert not (tmp_path / "out.jsonl").exists()


def test_a_sparse_2_gb_file_ends_at_once(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.csv"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    code, _out, err, seconds = batch_capped(str(sparse), "-o", str(tmp_path / "out.jsonl"))
    assert code == 2, err
    assert "not text" in err
    assert seconds < 30


def test_a_long_line_without_nul_is_read_past_in_flat_memory(tmp_path: Path) -> None:
    roster = tmp_path / "long.csv"
    with roster.open("w") as handle:
        handle.write("id,exp,note\nA,5,x\nB,5,")
        # 64 MB in one line: past the cap if it were held whole (as bytes and as text)
        for _ in range(64):
            handle.write("y" * 1024 * 1024)
        handle.write("\nC,5,z\n")
    code, out, err, _seconds = batch_capped(str(roster), "--format", "jsonl")
    assert code == 3, err
    records = lines(out)
    assert [r["row"] for r in records] == [1, 2, 3]
    assert (
        records[1]["error"]
        == f"line 3 has {64 * 1024 * 1024 + 5:,} characters (at most {RECORD_LIMIT:,} in a record)"
    )
    assert records[2]["id"] == "C"


def test_json_lines_with_huge_fields_are_error_records_in_flat_memory(tmp_path: Path) -> None:
    roster = tmp_path / "huge.jsonl"
    with roster.open("w") as handle:
        handle.write('{"id": "A", "exp": 5}\n')
        for n in range(40):  # 40 lines of 4 MB strings: 6 GB before the fix
            handle.write(json.dumps({"id": f"H{n}", "exp": 5, "metro": "m" * 4_000_000}) + "\n")
        handle.write('{"id": "Z", "exp": 5}\n')
    code, out, err, _seconds = batch_capped(str(roster))
    assert code == 3, err
    records = lines(out)
    assert len(records) == 42
    assert all("at most 131,072" in r["error"] for r in records[1:-1])
    assert records[-1]["id"] == "Z"
    assert "error" not in records[-1]


def test_a_json_field_near_the_limit_is_read(run) -> None:
    note = "n" * (RECORD_LIMIT - 100)
    result = run("batch", "-", input=json.dumps({"id": "A", "exp": 5, "note": note}) + "\n")
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout)[0]["note"] == note


def test_the_json_writer_holds_back_characters_not_lines() -> None:
    class Counting(io.StringIO):
        largest = 0

        def write(self, text: str) -> int:
            Counting.largest = max(Counting.largest, len(text))
            return super().write(text)

    stream = Counting()
    layout = Layout(["note"], [])
    writer = JsonlWriter(stream, layout)
    big = "b" * 100_000
    values = (
        1,
        None,
        5.0,
        "US",
        "bachelor",
        "any",
        "general",
        None,
        "15-1211",
        50.0,
        1,
        2,
        3,
        "US",
        "measured",
        None,
    )
    for _ in range(50):
        writer.write((*values, big))
    writer.flush()
    assert Counting.largest < WRITE_BUFFER + 200_000  # one line past the buffer at most, not 512 lines
    assert stream.getvalue().count("\n") == 50


def test_an_unclosed_quote_in_a_row_costs_that_row_only(run) -> None:
    rows = "".join(f"E{n},5\n" for n in range(3, 2000))
    roster = f'id,exp\nE1,5\nE2,"5\n{rows}'
    result = run("batch", "-", input=roster)
    assert result.exit_code == 3
    out = lines(result.stdout)
    assert len(out) == 1999  # before: "1 rejected" and every row after the quote gone
    assert out[1]["error"].startswith("line 3 opens a quote that its row never closes")
    assert out[1]["id"] == "E2"
    assert [r["id"] for r in out[2:5]] == ["E3", "E4", "E5"]
    assert result.stderr.splitlines()[0] == "hitsalary: 1,998 estimated, 1 rejected"


def test_an_unclosed_quote_that_a_later_quote_closes_costs_one_row(run) -> None:
    result = run("batch", "-", input='id,exp,note\nA,5,"open\nB,5,x\nC,5,"closed" here\nD,5,y\n')
    out = lines(result.stdout)
    assert [r["id"] for r in out] == ["A", "B", "C", "D"]
    assert "opens a quote" in out[0]["error"]
    assert "error" not in out[1]
    assert "error" not in out[3]


def test_a_quoted_cell_over_two_lines_is_still_one_row(run) -> None:
    result = run("batch", "-", input='id,exp,note\nA,5,"two\nlines"\nB,5,x\n')
    assert result.exit_code == 0, result.stderr
    out = lines(result.stdout)
    assert out[0]["note"] == "two\nlines"
    assert out[1]["id"] == "B"


def test_an_unclosed_quote_in_the_header_is_refused(run) -> None:
    result = run("batch", "-", input='id,"exp\n' + "A,5\n" * 30_000)
    assert result.exit_code == 2
    assert "header row is not readable" in result.stderr


@pytest.mark.parametrize("keys", [("exp", "EXP"), ("exp", " Exp "), ("state", "--state")])
def test_json_keys_that_match_one_column_make_an_error_record(run, keys: tuple[str, str]) -> None:
    first, second = keys
    text = f'{{"id": "A", "{first}": 5, "{second}": 9}}\n{{"id": "B", "exp": 5}}\n'
    result = run("batch", "-", "--input-format", "jsonl", input=text)
    assert result.exit_code == 3
    out = lines(result.stdout)
    assert out[0]["id"] == "A"
    assert out[0]["error"].startswith(f"the record has two keys for '{first}'")
    assert out[1]["id"] == "B"
    assert "error" not in out[1]


def test_csv_keys_that_match_one_column_are_refused(run) -> None:
    result = run("batch", "-", input="id,exp,EXP\nA,5,9\n")
    assert result.exit_code == 2
    assert "names the column 'exp' twice" in result.stderr


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_empty_header_names_get_their_position(run, fmt: str) -> None:
    result = run("batch", "-", "--format", fmt, input="exp,,\n5,a,b\n")
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0].split(",") if fmt == "csv" else list(lines(result.stdout)[0])
    assert len(header) == len(set(header))
    record = csv_rows(result.stdout)[0] if fmt == "csv" else lines(result.stdout)[0]
    assert (record["column_2"], record["column_3"]) == ("a", "b")  # before: b written twice, a lost


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_renamed_columns_never_collide(run, fmt: str) -> None:
    result = run("batch", "-", "--format", fmt, input="exp,row,error,input_row\n5,r,e,i\n")
    assert result.exit_code == 0, result.stderr
    header = next(csv.reader(io.StringIO(result.stdout))) if fmt == "csv" else list(lines(result.stdout)[0])
    assert len(header) == len(set(header))
    record = csv_rows(result.stdout)[0] if fmt == "csv" else lines(result.stdout)[0]
    assert record["row"] in (1, "1")
    assert (record["input_row_2"], record["input_error"], record["input_row"]) == ("r", "e", "i")


def test_a_header_naming_column_2_keeps_it(run) -> None:
    result = run("batch", "-", input="exp,,column_2\n5,a,b\n")
    record = lines(result.stdout)[0]
    assert (record["column_2_2"], record["column_2"]) == ("a", "b")


def test_a_fifo_input_with_stderr_at_a_terminal_is_never_asked_tell(tmp_path: Path) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    rows = "id,exp\n" + "".join(f"E{n},{n % 30}\n" for n in range(10_000))  # past the 4,096 of a tick

    def feed() -> None:
        with fifo.open("w") as handle:
            handle.write(rows)

    feeder = threading.Thread(target=feed)
    feeder.start()
    parent, child = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "hitsalary", "batch", str(fifo), "-o", str(tmp_path / "out.jsonl")],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=child,
            timeout=120,
            check=False,
        )
        os.close(child)
        err = read_all(parent)
    finally:
        os.close(parent)
        feeder.join()
    assert done.returncode == 0, err
    assert "Illegal seek" not in err
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 10_000


def read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode(errors="replace")


def test_a_read_error_is_blamed_on_the_input_not_the_output() -> None:
    class Failing(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            raise OSError(errno.ESPIPE, "Illegal seek")

    with pytest.raises(UsageProblem, match=r"^cannot read the input: Illegal seek$"):
        read_csv(Failing())


@pytest.mark.parametrize("name", ["out.xls", "bands.txt", "x.parquet"])
def test_an_output_extension_with_no_known_format_is_refused(run, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = run("batch", "-", "-o", str(target), input="exp\n5\n")
    assert result.exit_code == 2
    assert "no format is known for" in result.stderr
    assert "--format csv, jsonl, xlsx" in result.stderr
    assert not target.exists()  # before: JSON Lines written into out.xlsx, exit 0
    given = run("batch", "-", "-o", str(target), "--format", "csv", input="exp\n5\n")
    assert given.exit_code == 0, given.stderr
    assert target.read_text().startswith("row,id,exp")


@pytest.mark.parametrize("name", ["out", "out.jsonl", "out.ndjson", "out.json", "out.CSV"])
def test_known_and_missing_extensions_still_write(run, tmp_path: Path, name: str) -> None:
    result = run("batch", "-", "-o", str(tmp_path / name), input="exp\n5\n")
    assert result.exit_code == 0, result.stderr


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sizes=st.lists(
        st.sampled_from([0, 10, RECORD_LIMIT - 200, RECORD_LIMIT + 1, 3 * RECORD_LIMIT]), max_size=6
    ),
    char=st.sampled_from(["x", "é", "\u202e", '"', "\\"]),
)
def test_json_lines_with_huge_fields_keep_one_valid_record_each(run, sizes: list[int], char: str) -> None:
    text = "".join(
        json.dumps({"id": n, "exp": 5, "note": char * size}) + "\n" for n, size in enumerate(sizes)
    )
    result = run("batch", "-", "--input-format", "jsonl", input=text)
    out = lines(result.stdout)
    assert len(out) == len(sizes)
    for record, line in zip(out, text.splitlines(), strict=True):
        assert ("error" in record) == (len(line) > RECORD_LIMIT)


def test_a_long_line_inside_an_open_quote_costs_the_quoted_row_and_itself(run) -> None:
    roster = f'id,exp\nA,"5\nB,{"9" * (RECORD_LIMIT + 10)}\nC,5\n'
    result = run("batch", "-", input=roster)
    out = lines(result.stdout)
    assert [r.get("id") for r in out] == ["A", None, "C"]
    assert "opens a quote" in out[0]["error"]
    assert out[1]["error"].startswith("line 3 has")
    assert "error" not in out[2]
