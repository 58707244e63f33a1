"""The program starts without the cyclic garbage collector and resumes it, with what start-up
built frozen, once the data is loaded (hitsalary/collector.py); a library caller's collector is
never touched."""

from __future__ import annotations

import csv
import gc
import json
import subprocess
import sys
from typing import Any

import pytest

import hitsalary

# after the run: is the collector on, and is start-up frozen (never scanned again)?
REPORT_AT_EXIT = """
import atexit, gc, sys
import pytest

import hitsalary
atexit.register(lambda: print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr))
sys.argv = ["hitsalary", *sys.argv[1:]]
hitsalary.main()
"""


def program(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", REPORT_AT_EXIT, *args], capture_output=True, text=True, timeout=120
    )


def test_the_program_collects_again_once_its_data_is_loaded() -> None:
    done = program("estimate", "--exp", "5", "--state", "CA", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["band"] == hitsalary.to_json(hitsalary.estimate(exp=5, state="CA"))["band"]
    assert done.stderr.splitlines()[-1] == "True True"


def test_a_batch_runs_with_the_collector_on(tmp_path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("exp,state\n5,CA\n2,TX\n", encoding="utf-8")
    done = program("batch", str(roster), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2
    assert done.stderr.splitlines()[-1] == "True True"


def test_a_caller_that_runs_the_app_keeps_its_collector(run) -> None:
    frozen = gc.get_freeze_count()
    assert run("estimate", "--exp", "5", "--json").exit_code == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    gc.disable()  # a caller's own choice stays its own
    try:
        assert run("estimate", "--exp", "3", "--json").exit_code == 0
        assert not gc.isenabled()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.enable()


def messy_lines(count: int) -> str:
    """A JSON Lines roster of count records: every kind of bad row (years, state, role, metro,
    amounts, a list where text belongs), metros, offers and salaries, a key first seen late."""
    kinds = [
        {"exp": 5, "state": "CA", "offer": "95000"},
        {"exp": "4.5", "metro": 41940, "role": "epic analyst", "salary": "61.5/hr"},
        {"exp": "twelve"},
        {"exp": 3, "state": "Atlantis"},
        {"exp": 3, "role": "astronaut"},
        {"exp": 3, "metro": "nowhere"},
        {"exp": 3, "offer": "lots"},
        {"exp": 3, "state": ["CA"]},
        {"exp": 30, "metro": "boston", "employer": "hospital", "education": "msn", "note": "late"},
    ]
    return "".join(json.dumps({"id": f"E{n}", **kinds[n % len(kinds)]}) + "\n" for n in range(count))


def roster_of(count: int, fmt: str) -> tuple[list[str], Any]:
    """messy_lines' records as read back from a roster of that format (JSON Lines, CSV, or a
    workbook written with openpyxl, as Excel would save it)."""
    import io

    from hitsalary.rosters.readers import read_csv, read_jsonl

    lines = messy_lines(count)
    if fmt == "jsonl":
        return read_jsonl(io.StringIO(lines))
    rows = [json.loads(line) for line in lines.splitlines()]
    header = list(dict.fromkeys(key for row in rows for key in row))
    cells = [[json.dumps(v) if isinstance(v, list) else v for v in map(row.get, header)] for row in rows]
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows([header, *cells])
        return read_csv(io.StringIO(text.getvalue()))
    import openpyxl

    from hitsalary.rosters.xlsx_reader import read_xlsx

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for values in (header, *cells):
        sheet.append(values)
    binary = io.BytesIO()
    book.save(binary)
    binary.seek(0)
    return read_xlsx(binary)


def garbage_after_a_run(count: int, data, fmt: str = "jsonl") -> int:
    """The objects in reference cycles that a batch of count records leaves (found by a full
    collection with the collector paused during the run), read from and written to fmt."""
    import io

    from hitsalary.output.batch_writers import JsonlWriter
    from hitsalary.output.xlsx_writer import XlsxWriter
    from hitsalary.rosters.layout import Layout
    from hitsalary.rosters.runner import run

    gc.collect()
    header, records = roster_of(count, fmt)
    layout = Layout.from_header(header, levels=True)
    if fmt == "xlsx":
        binary = io.BytesIO()
        run(iter(records), layout, XlsxWriter(binary, layout), data)
        assert binary.getvalue().startswith(b"PK")
    else:
        out = io.StringIO()
        run(iter(records), layout, JsonlWriter(out, layout), data)
        assert out.getvalue().count("\n") == count
    return gc.collect()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "xlsx"])
def test_a_batch_row_makes_no_reference_cycles(data, fmt) -> None:
    """What lets run() pause the collector, with no pass over the rows of a CSV or JSON Lines
    roster: whatever a run itself leaves in cycles, 900 rows of every kind, bad ones included,
    leave no more than 18, in every format in (and a workbook out)."""
    was = gc.isenabled()
    gc.disable()
    try:
        assert garbage_after_a_run(900, data, fmt) == garbage_after_a_run(18, data, fmt)
    finally:
        if was:
            gc.enable()


def test_a_run_pauses_the_collector_and_resumes_it_even_when_stopped(data, monkeypatch) -> None:
    """A cycle that a workbook's library makes while the rows run is freed every YOUNG_PASS rows
    by the workbook reader, and the collector is on again after the run, however it ends."""
    import io
    import weakref

    from hitsalary.output.batch_writers import JsonlWriter
    from hitsalary.rosters import runner, xlsx_reader
    from hitsalary.rosters.layout import Layout

    class Node:
        pass

    monkeypatch.setattr(xlsx_reader, "YOUNG_PASS", 4096)
    alive: list[weakref.ref[Node]] = []
    seen: list[tuple[bool, int]] = []

    def library_rows():  # rows as openpyxl gives them, each leaving a cycle behind
        for n in range(1, 9001):
            node = Node()
            node.me = node  # a cycle: only the collector frees it
            alive.append(weakref.ref(node))
            del node
            if n in (4000, 9000):
                seen.append((gc.isenabled(), sum(ref() is not None for ref in alive)))
            yield ("5",)
        raise KeyboardInterrupt

    layout = Layout.from_header(["exp"])
    out = io.StringIO()
    assert gc.isenabled()
    with pytest.raises(KeyboardInterrupt):
        runner.run(xlsx_reader.records(["exp"], library_rows()), layout, JsonlWriter(out, layout), data)
    assert gc.isenabled()
    assert out.getvalue().count("\n") == 9000  # flushed, though stopped
    # paused: 4,000 cycles alive at row 4,000; at row 9,000 those before row 8,192 were freed
    assert seen == [(False, 4000), (False, 9000 - 8192)]


def test_csv_rows_get_no_pass_of_the_collector(data) -> None:
    """CSV rows, which make no cycles, are not followed by passes over the young objects (the
    run's caches): a cycle made while they run is still there at the end."""
    import io
    import weakref

    from hitsalary.output.batch_writers import JsonlWriter
    from hitsalary.rosters import runner
    from hitsalary.rosters.layout import Layout
    from hitsalary.rosters.readers import read_csv

    class Node:
        pass

    header, rows = read_csv(io.StringIO("exp\n" + "5\n" * 70_000))
    alive: list[weakref.ref[Node]] = []

    seen: list[bool] = []

    def records():
        for n, record in enumerate(rows, start=1):
            if n == 1:
                node = Node()
                node.me = node
                alive.append(weakref.ref(node))
                del node
            if n == 70_000:  # the last row, the collector still paused
                seen.append(alive[0]() is not None)
            yield record

    layout = Layout.from_header(header)
    runner.run(records(), layout, JsonlWriter(io.StringIO(), layout), data)
    assert seen == [True]  # no pass ran in the 70,000 rows
    gc.collect()
    assert alive[0]() is None
