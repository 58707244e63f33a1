"""`hitsalary batch`: one record per input record, the same numbers as estimate, never a crash."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hitsalary.core.calculate import calculate, percent
from hitsalary.core.decisions import place
from hitsalary.core.levels import wage_levels
from hitsalary.core.models import Profile, ReferenceData
from hitsalary.core.profile import PROFILE_FIELDS, Vocabulary, build_profile
from hitsalary.core.text import UNSAFE
from hitsalary.output import batch_writers
from hitsalary.output.batch_writers import ERROR_COLUMNS, RESULT_COLUMNS, SURROGATES
from hitsalary.rosters import estimator as estimator_module
from hitsalary.rosters.estimator import Estimator
from hitsalary.rosters.layout import CACHE_LIMIT, Layout

from .conftest import eci_multiplier, half_up

ROSTER = (
    "id,exp,state,education,employer,role,offer,salary,department\n"
    'A1,5,CA,,,,92k,"$88,000",Clinical Apps\n'
    "A2,12.5,new york,masters,vendor,pm,150000,,Security\n"
    "A3,two,TX,,,,,,Data\n"
    "A4,1,Califrnia,,,,,,Data\n"
    "A5,30,US,phd,clinic,ehr,,,PMO\n"
)


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.split("\n")[:-1]]  # JSON Lines end records at "\n" only


def test_one_record_per_input_record_in_order(run) -> None:
    result = run("batch", "-", input=ROSTER)
    assert result.exit_code == 3  # rows were rejected
    out = lines(result.stdout)
    assert [r["row"] for r in out] == [1, 2, 3, 4, 5]
    assert [r["id"] for r in out] == ["A1", "A2", "A3", "A4", "A5"]
    assert result.stderr.startswith("hitsalary: 3 estimated, 2 rejected\nhitsalary: bands in 2026-03 dollars")


def test_numbers_are_the_estimate_numbers(run, data: ReferenceData) -> None:
    out = lines(run("batch", "-", input=ROSTER).stdout)
    for record, flags in (
        (out[0], {"state": "CA"}),
        (out[1], {"state": "NY", "education": "master", "employer": "vendor", "role": "pm"}),
        (out[4], {"education": "phd", "employer": "clinic", "role": "ehr"}),
    ):
        est = calculate(build_profile(data, exp=record["exp"], **flags), data)
        assert (record["low"], record["mid"], record["high"]) == (est.band.low, est.band.mid, est.band.high)
        assert record["soc"] == est.role.soc
        assert record["percentile"] == percent(est.percentiles.point)  # one decimal, as estimate --json
        assert [record[f] for f in ("state", "education", "employer", "role")] == [
            est.profile.state,
            est.profile.education,
            est.profile.employer,
            est.profile.role,
        ]


def test_the_older_specialization_column_is_read_as_role(run) -> None:
    new = lines(run("batch", "-", input="id,exp,role\nR1,5,epic analyst\n").stdout)[0]
    old = lines(run("batch", "-", input="id,exp,specialization\nR1,5,epic analyst\n").stdout)[0]
    assert new == old
    assert new["role"] == "ehr"
    assert "specialization" not in old  # read as role, not passed through


def test_offer_and_salary_positions_use_the_offer_logic(run) -> None:
    first = lines(run("batch", "-", input=ROSTER).stdout)[0]
    assert first["offer"] == 92000
    assert first["salary"] == 88000
    expected = place(92000, first["low"], first["high"])
    assert (first["offer_position"], first["offer_percent_through"]) == expected[:2]
    second = lines(run("batch", "-", input=ROSTER).stdout)[1]
    assert second["salary"] is None


def test_error_records_name_row_field_and_message(run) -> None:
    out = lines(run("batch", "-", input=ROSTER).stdout)
    assert out[2] == {
        "row": 3,
        "id": "A3",
        # the values as given, so that fixing the roster needs no look back at the input; a blank
        # cell (or a column the roster lacks: metro) is null, as in estimated records
        **{
            "exp": "two",
            "state": "TX",
            "education": None,
            "employer": None,
            "role": None,
            "metro": None,
            "offer": None,
            "salary": None,
        },
        "department": "Data",  # pass-through columns are kept in error records too
        "error_field": "exp",
        "error_value": "two",
        "error": "invalid value for exp: 'two' is not a number of years (e.g. 5)",
    }
    assert out[3]["error_field"] == "state"
    assert "did you mean CA?" in out[3]["error"]


def test_passthrough_columns_and_name_clashes(run) -> None:
    text = "exp,soc,percentile,level,Team\n5,junior,high,senior,Apps\n"
    record = lines(run("batch", "-", input=text).stdout)[0]
    assert (record["input_soc"], record["input_percentile"]) == ("junior", "high")
    assert record["soc"] == "29-9021"
    assert isinstance(record["percentile"], float)
    assert record["level"] == "senior"  # no longer a result column: passed through under its name
    assert record["Team"] == "Apps"  # under its header's own spelling (a new-user trial)


def test_jsonl_in_csv_out(run) -> None:
    text = '{"id": 7, "exp": 5, "state": "CA", "note": {"x": 1}}\n\n{"exp": "bad"}\n'
    result = run("batch", "-", "--format", "csv", input=text)
    assert result.exit_code == 3
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["id"] == "7"
    assert rows[0]["state"] == "CA"
    assert rows[0]["note"] == '{"x": 1}'
    assert rows[1]["error_field"] == "exp"
    amounts = [f"{a}{s}" for a in ("offer", "salary") for s in ("", "_position", "_percent_through")]
    # JSON Lines always has the amount columns: any record may bring an offer
    assert list(rows[0]) == [*RESULT_COLUMNS, *amounts, "note", *ERROR_COLUMNS]


def test_csv_output_neutralises_formulas(run, data: ReferenceData) -> None:
    text = 'id,exp,comment\n=HYPERLINK("x"),5,+1\n@SUM(A1),5,-2\n"\tTAB",5,"\rCR"\n'
    result = run("batch", "-", "--input-format", "csv", "--format", "csv", input=text)
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [r["id"] for r in rows] == ['\'=HYPERLINK("x")', "'@SUM(A1)", "'\tTAB"]
    assert [r["comment"] for r in rows] == ["'+1", "'-2", "'\rCR"]
    assert rows[0]["low"] == str(calculate(Profile(5.0), data).band.low)  # numbers are left alone


@pytest.mark.parametrize(
    ("raw", "expected_id"),
    [
        (b"\xef\xbb\xbfid,exp\r\nB1,5\r\n", "B1"),
        (b"id,exp\nB\xff2,5\n", "B\ufffd2"),
        (b"EXP,Id\n5,B3\n", "B3"),
    ],
)
def test_bom_crlf_bad_bytes_and_header_case(run, raw: bytes, expected_id: str) -> None:
    result = run("batch", "-", input=raw)
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout)[0]["id"] == expected_id


def test_short_and_long_rows(run) -> None:
    out = lines(run("batch", "-", input="id,exp,state\nC1,5\nC2,5,CA,extra\nC3,5,CA,\n").stdout)
    assert out[0]["error"] == "2 fields, the header has 3"  # a short row is an error, not filled in
    assert out[1]["error"] == "4 fields, the header has 3"
    assert out[2]["state"] == "CA"  # an empty trailing cell is harmless


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["-"], "id,state\nx,CA\n", "no 'exp' column"),
        (["missing.csv"], None, "no such file"),
        (["-", "--format", "xml"], "exp\n5\n", "invalid value for --format: 'xml'"),
        (["-", "--output", "/nonexistent/dir/out.jsonl"], "exp\n5\n", "cannot write in"),
    ],
)
def test_unusable_input_or_output_exits_2(run, args: list[str], stdin: str | None, needle: str) -> None:
    result = run("batch", *args, input=stdin)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_output_file_is_written_whole(run, tmp_path: Path) -> None:
    target = tmp_path / "bands.csv"
    result = run("batch", "-", "--output", str(target), input=ROSTER)
    assert result.exit_code == 3
    assert result.stdout == ""
    with target.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["bands.csv"]  # csv chosen by extension, no leftovers


@pytest.fixture
def ctrl_c_at_row_3(monkeypatch) -> None:
    """Ctrl-C arrives while the third row is being estimated."""
    real = Estimator.estimate

    def interrupted(self, row, record, layout):
        if row == 3:
            raise KeyboardInterrupt
        return real(self, row, record, layout)

    monkeypatch.setattr(Estimator, "estimate", interrupted)


@pytest.mark.usefixtures("ctrl_c_at_row_3")
def test_an_interrupted_run_never_clobbers_the_old_file(run, tmp_path: Path) -> None:
    target = tmp_path / "bands.jsonl"
    target.write_text("the previous, complete output\n")
    result = run("batch", "-", "--output", str(target), input=ROSTER)
    assert result.exit_code == 130
    assert target.read_text() == "the previous, complete output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["bands.jsonl"]


@pytest.mark.usefixtures("ctrl_c_at_row_3")
def test_rows_estimated_before_an_interrupt_reach_stdout(run) -> None:
    result = run("batch", "-", input=ROSTER)
    assert result.exit_code == 130
    assert [r["row"] for r in lines(result.stdout)] == [1, 2]


def test_stdin_format_is_guessed(run, data: ReferenceData) -> None:
    level_two = data.method.anchors[1]  # an anchor: the point is Level II, rounded up to $100
    from_json = lines(run("batch", "-", input=f'\ufeff{{"exp": {level_two.years}}}\n').stdout)[0]
    from_csv = lines(run("batch", "-", input=f"exp,offer,salary\n{level_two.years},,\n").stdout)[0]
    assert from_json == from_csv  # JSON Lines always has the amount columns: a later record may bring one
    annual = wage_levels(data, Profile(0)).levels[1].annual
    # in survey dollars the anchor is Level II itself; the default ages it by the ECI
    survey = lines(run("batch", "-", "--survey-dollars", input=f"exp\n{level_two.years}\n").stdout)[0]
    assert survey["mid"] == -(-annual // 100) * 100
    assert from_csv["mid"] == half_up(-(-annual // 100) * 100 * eci_multiplier(), 100)


def test_data_is_loaded_once_and_memory_stays_bounded(data: ReferenceData) -> None:
    estimator = Estimator(data)
    layout = Layout.from_header(["exp", "state"])
    for n in range(CACHE_LIMIT + 10):
        estimator.estimate(n, {"exp": f"{n / 10000:.4f}", "state": "CA"}, layout)
    assert len(estimator.years) <= CACHE_LIMIT


def test_the_curves_row_tables_stay_bounded_and_give_the_same_rows(data: ReferenceData, monkeypatch) -> None:
    """The rows read off each area's curve are kept by years, ROWS_LIMIT in all: a roster of many
    years in many areas empties them when full, and a row read again is the same row."""
    monkeypatch.setattr(estimator_module, "ROWS_LIMIT", 50)
    layout = Layout.from_header(["exp", "state"])
    estimator, fresh = Estimator(data), []
    records = [{"exp": f"{n % 40 / 4:.2f}", "state": state} for n in range(120) for state in ("CA", "TX")]
    for n, record in enumerate(records, start=1):
        fresh.append(Estimator(data).estimate(n, record, layout))
        assert estimator.estimate(n, record, layout) == fresh[-1]
        held = sum(len(table) for _, table in estimator.curves.values())
        assert held == estimator.rows_held <= 50
    assert [estimator.estimate(n, r, layout) for n, r in enumerate(records, start=1)] == fresh


def test_a_full_curve_cache_forgets_what_holds_its_curves(data: ReferenceData, monkeypatch) -> None:
    """When the curves are emptied, so are the caches that hold a curve (areas, spellings): none
    keeps an old curve, or its row table, alive."""
    monkeypatch.setattr(estimator_module, "CURVES_LIMIT", 3)
    layout = Layout.from_header(["exp", "state"])
    estimator = Estimator(data)
    for n, state in enumerate(("CA", "TX", "NY", "WA", "OR"), start=1):
        expected = Estimator(data).estimate(n, {"exp": "5", "state": state}, layout)
        assert estimator.estimate(n, {"exp": "5", "state": state}, layout) == expected
        assert len(estimator.curves) <= 3
        curves = {curve for curve, _ in estimator.curves.values()}
        assert {found[4] for found in estimator.profiles.values()} <= curves
        assert {curve for curve, _, _ in estimator.areas.values()} <= curves


RESULT_SAMPLE = {  # one value per result column, by name (text that JSON must escape included)
    "row": 3,
    "exp": 5.5,
    "state": "CA",
    "education": "master",
    "employer": "any",
    "role": "general",
    "metro": 'Napa, "CA"',
    "soc": "29-9021",
    "percentile": 38.0,
    "low": 1,
    "mid": 2,
    "high": 3,
    "read_from": "CA",
    "basis": "fallback",
    "precision": None,
}
# what a passed-through cell can hold (the readers refuse NaN and infinity: a test below has them)
text_values = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
)


@given(st.text(max_size=20), st.lists(text_values, max_size=3))
def test_json_lines_read_back_as_the_record(identifier: str, extra: list) -> None:
    layout = Layout([f"c{i}" for i in range(len(extra))], ["offer"])
    sample = {**RESULT_SAMPLE, "id": identifier}
    values = (*(sample[c] for c in RESULT_COLUMNS), 92000, "inside", 48.6, *extra)
    out = io.StringIO()
    writer = batch_writers.JsonlWriter(out, layout)
    writer.write(values)
    writer.flush()
    line = out.getvalue()
    assert line.endswith("\n")
    assert line.count("\n") == 1  # one record, one line
    assert not UNSAFE.search(line[:-1])  # controls and bidi as JSON escapes, no lone surrogate
    assert json.loads(line) == {
        column: SURROGATES.sub("\ufffd", value) if isinstance(value, str) else value
        for column, value in zip(layout.columns(), values, strict=True)
    }
    line.encode()  # UTF-8 can hold it (a lone surrogate, raw, it could not)


def test_a_json_line_is_compact_json_in_the_columns_order() -> None:
    layout = Layout(["department"], ["offer"])
    sample = {**RESULT_SAMPLE, "id": "E1"}
    values = (*(sample[c] for c in RESULT_COLUMNS), 92000, "inside", 48.6, "Lab é")
    out = io.StringIO()
    writer = batch_writers.JsonlWriter(out, layout)
    writer.write(values)
    writer.write_error({"row": 4, "id": None, "error_field": "exp", "error_value": "x", "error": "bad"})
    writer.flush()
    assert out.getvalue() == (
        '{"row":3,"id":"E1","exp":5.5,"state":"CA","education":"master","employer":"any",'
        '"role":"general","metro":"Napa, \\"CA\\"","soc":"29-9021","percentile":38.0,"low":1,'
        '"mid":2,"high":3,"read_from":"CA","basis":"fallback","precision":null,"offer":92000,'
        '"offer_position":"inside","offer_percent_through":48.6,"department":"Lab é"}\n'
        '{"row":4,"id":null,"error_field":"exp","error_value":"x","error":"bad"}\n'
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [(2**64 + 1, 2**64 + 1), ("\ud800", "\ufffd"), (float("inf"), None), (float("nan"), None)],
)
def test_a_value_the_fast_encoder_refuses_is_still_written(value: object, written: object) -> None:
    """A passed-through integer past 64 bits or a lone surrogate (a JSON Lines roster can hold
    both) goes through the json module, the surrogate written as U+FFFD (strict parsers refuse
    it as an escape); a non-finite number (which the readers refuse) is null."""
    layout = Layout(["note"], [])
    sample = {**RESULT_SAMPLE, "id": "E1"}
    out = io.StringIO()
    writer = batch_writers.JsonlWriter(out, layout)
    writer.write((*(sample[c] for c in RESULT_COLUMNS), value))
    writer.flush()
    assert json.loads(out.getvalue())["note"] == written
    out.getvalue().encode()


@given(
    st.lists(st.text(max_size=6), min_size=1, max_size=3, unique=True),
    st.lists(text_values, min_size=3, max_size=3),
)
def test_json_lines_column_names_are_text_not_a_template(names: list[str], extra: list) -> None:
    """A passed-through column named '50%' or '%s' is written as its name, never read as a
    placeholder (a writer once filled the last columns from one %-template)."""
    names = [f"{name}%" for name in names]  # every name has a % in it
    layout = Layout(names, [])
    sample = {**RESULT_SAMPLE, "id": "E1"}
    values = (*(sample[c] for c in RESULT_COLUMNS), *extra[: len(names)])
    out = io.StringIO()
    writer = batch_writers.JsonlWriter(out, layout)
    writer.write(values)
    writer.flush()
    assert json.loads(out.getvalue()) == dict(zip(layout.columns(), values, strict=True))


def test_help_leads_with_examples(run) -> None:
    text = run("batch", "--help").stdout
    assert text.index("Examples:") < text.index("Options")


def test_batch_matches_a_direct_calculation_for_every_factor_value(data: ReferenceData) -> None:
    layout = Layout.from_header(["exp", *PROFILE_FIELDS])
    low = layout.columns().index("low")
    estimator = Estimator(data)
    for name in PROFILE_FIELDS:
        keys = Vocabulary.of(data, name).keys
        assert len(keys) > 1, name
        for key in keys:
            values = estimator.estimate(1, {"exp": "6", name: key}, layout)
            est = calculate(Profile(6.0, **{name: key}), data)
            assert values[low : low + 3] == (est.band.low, est.band.mid, est.band.high), (name, key)


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import sys

    import pexpect

    roster = tmp_path / "roster.csv"
    roster.write_text("exp,state\n" + "5,CA\n" * 60_000)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "hitsalary", "batch", str(roster), "--output", str(tmp_path / "out.jsonl")],
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "━" in child.before  # the bar was drawn on the terminal (stderr)
    assert "60,000 estimated, 0 rejected" in child.before
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 60_000


def test_implausible_amounts_are_counted_in_one_warning(run) -> None:
    roster = "exp,offer,salary\n5,2000/hr,45\n3,90000,\n"
    result = run("batch", "-", input=roster)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["offer"] for r in records] == [4160000, 90000]  # used, as estimate --offer uses them
    assert [r["salary"] for r in records] == [45, None]
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "2 offer or salary amounts are outside any plausible annual salary" in warnings[0]
    # the first is named, so it can be found in a long roster: its row, column, cell and reading
    assert "the first: row 1, offer '2000/hr', read as $4,160,000 a year" in warnings[0]


def test_one_implausible_amount_is_counted_in_the_singular(run) -> None:
    result = run("batch", "-", input="exp,offer\n5,5000\n5,90000\n")
    assert result.exit_code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if "warning" in line]
    assert "warning: 1 offer or salary amount is outside any plausible annual salary (" in warning


def test_a_passed_through_column_named_like_a_level_column_is_renamed(run) -> None:
    result = run("batch", "-", "--levels", input="exp,offer,offer_level\n5,90000,L2\n")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["input_offer_level"] == "L2"
    assert record["offer_level"] in ("I", "II", "III", "IV", None)


def test_json_lines_read_each_records_role_and_name_late_offers(run) -> None:
    lines = '{"exp": 5}\n{"exp": 5, "offer": "95000"}\n{"exp": 5, "specialization": "cybersecurity"}\n'
    result = run("batch", "-", input=lines)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["role"] for r in records] == ["general", "general", "cybersecurity"]  # the older name, late
    assert records[1]["offer"] == 95000  # evaluated, though the first record has no offer
    assert records[1]["offer_position"] == place(95000, records[1]["low"], records[1]["high"])[0]
    assert records[0]["offer"] is None
    assert "warning" not in result.stderr


def test_a_blank_cell_of_spaces_is_the_default_like_an_empty_one(run) -> None:
    result = run("batch", "-", input="exp,state,employer,metro\n5, , ,  \n5,,,\n")
    assert result.exit_code == 0, result.stderr
    spaces, empty = (json.loads(line) for line in result.stdout.splitlines())
    assert {k: v for k, v in spaces.items() if k != "row"} == {k: v for k, v in empty.items() if k != "row"}


@pytest.mark.parametrize(("header", "warned"), [("title", True), ("Job_Title", True), ("role", False)])
def test_a_job_title_column_that_is_not_read_is_said(run, header: str, warned: bool) -> None:
    """A roster's 'title' column is passed through, not read as the role: every row would get the
    general band without a word, so one line says it and names the column to use."""
    result = run("batch", "-", input=f"exp,{header}\n5,Cerner Analyst\n")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["role"] == ("ehr" if header == "role" else "general")
    said = f"warning: column '{header}' is passed through, not read" in result.stderr  # as spelled
    assert said is warned
    if warned:  # said before the run, not after its summary line, where a trial missed it
        lines = result.stderr.splitlines()
        first = next(i for i, line in enumerate(lines) if "passed through, not read" in line)
        assert first < next(i for i, line in enumerate(lines) if "estimated," in line)


@pytest.mark.parametrize(
    ("column", "field", "effect"),
    [
        ("Degree", "education", "every row has the default education"),
        ("Employer Type", "employer", "every row has the default employer"),
        ("Location", "metro", "no row is placed in a metro area"),
        ("Current Salary", "salary", "no row's salary is placed in its band"),
        ("OFFER_AMOUNT", "offer", "no row's offer is placed in its band"),
        ("State Code", "state", "every row has the default state"),
        ("Employee ID", "id", "every row's id is empty"),
        # a second trial's HR exports (2026-12-07), priced as general in the nation, exit 0
        ("Job Family", "role", "every row has the default role"),
        ("Business Title", "role", "every row has the default role"),
        ("Proposed Offer", "offer", "no row's offer is placed in its band"),
        ("Annual Base", "salary", "no row's salary is placed in its band"),
    ],
)
def test_a_column_named_like_a_field_it_lacks_is_said(run, column: str, field: str, effect: str) -> None:
    """An HR export's 'Degree' or 'Current Salary' column is passed through, not read (no guess is
    made): every row would get the field's default, or no amount, without a word; one line says
    it, names the column and the name to give it. A roster that has the field's own column is
    not warned about a lookalike beside it."""
    value = {"education": "master", "metro": "Boston", "state": "MA"}.get(field, "95000")
    result = run("batch", "-", input=f'exp,{column}\n5,"{value}"\n')
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record[column] == value  # passed through as given
    expected = f"warning: column '{column}' is passed through, not read: {effect}; name the column '{field}'"
    assert expected in result.stderr.splitlines()[0]  # before the run
    both = run("batch", "-", input=f'exp,{field},{column}\n5,"{value}","{value}"\n')
    assert "passed through, not read" not in both.stderr


def test_a_roster_without_exp_but_with_years_is_told_which_column_to_rename(run) -> None:
    result = run("batch", "-", input="id,Years,role\nx,5,ehr\n")
    assert result.exit_code == 2
    hint = "no 'exp' column (columns: id, Years, role); column 'Years' looks like it: name it exp"
    assert hint in result.stderr


def test_a_csv_whose_first_line_is_a_title_says_the_header_must_come_first(run) -> None:
    """An export's title line above the header got only 'no exp column (columns: Staff export
    2026)' (a trial; a workbook says which row looks like the header)."""
    result = run("batch", "-", input="Staff export 2026\n\nexp,role\n5,ehr\n")
    assert result.exit_code == 2
    assert result.stderr == (
        "hitsalary: the input has no 'exp' column (columns: Staff export 2026); the first line must "
        "be the header row (delete any title lines above it)\n"
    )
    years = run("batch", "-", input="Years\n5\n").stderr  # a one-column roster: the lookalike alone
    assert "name it exp" in years
    assert "title lines" not in years


def test_the_api_says_a_key_named_like_a_field_it_lacks() -> None:
    import warnings

    import hitsalary

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = list(hitsalary.batch([{"exp": 5, "Degree": "master"}, {"exp": 6, "Degree": "phd"}]))
    assert [r["education"] for r in out] == ["typical", "typical"]
    said = [w for w in caught if issubclass(w.category, hitsalary.ColumnNotRead)]
    assert len(said) == 1
    assert issubclass(hitsalary.ColumnNotRead, hitsalary.RosterWarning)
    assert str(said[0].message).startswith("column 'Degree' is passed through, not read")


def test_levels_without_an_amount_column_says_nothing_was_added(run) -> None:
    result = run("batch", "-", "--levels", input="exp,state\n5,CA\n")
    assert result.exit_code == 0, result.stderr
    assert not any(key.endswith("_level") for key in json.loads(result.stdout))
    assert "no 'offer' or 'salary' column: no level columns were added" in result.stderr
    with_offer = run("batch", "-", "--levels", input="exp,state,offer\n5,CA,90000\n")
    assert "no level columns" not in with_offer.stderr


@pytest.mark.parametrize(
    ("roster", "message"),
    [
        ("", "the input is empty: it has no header row, so no 'exp' column"),
        ("id,Exp, --EXP \nA,5,9\n", "names the column 'exp' twice: 'Exp' and ' --EXP '"),
    ],
)
def test_header_problems_say_what_to_change(run, roster: str, message: str) -> None:
    result = run("batch", "-", input=roster)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_pipe_separated_roster_is_read_and_a_forced_comma_says_what_to_change(run) -> None:
    roster = "exp|role|state\n1|ehr|CA\n"
    [record] = lines(run("batch", "-", input=roster).stdout)
    assert (record["exp"], record["role"], record["state"]) == (1.0, "ehr", "CA")
    assert record["low"] > 0
    forced = run("batch", "-", "--delimiter", ",", input=roster)
    assert forced.exit_code == 2
    assert "a roster separated by '|' needs --delimiter '|'" in forced.stderr


@pytest.mark.parametrize(
    ("roster", "forced", "named"),
    [
        ("id,exp,role\n1,5,ehr\n", ";", "','"),  # a trial's comma roster read with --delimiter ';'
        ("id\texp\n1\t5\n", ",", "tab"),
        ("id;exp\n1;5\n", "tab", "';'"),
    ],
)
def test_a_header_read_as_one_column_names_the_delimiter_it_holds(
    run, roster: str, forced: str, named: str
) -> None:
    result = run("batch", "-", "--delimiter", forced, input=roster)
    assert result.exit_code == 2
    assert (
        f"a roster separated by {named} needs --delimiter {named}, or none (it is detected)" in result.stderr
    )
    assert run("batch", "-", input=roster).exit_code == 0  # as it says: detected


def test_a_row_of_empty_cells_is_not_a_record_as_in_a_workbook(run) -> None:
    """A trial's ',,,,' (a spreadsheet's exported used range) became an error record, where the
    same empty row of a workbook is skipped."""
    roster = "id,exp,state\nA,5,CA\n,,\n\n,,,\nB,6,TX\n,,\n"
    result = run("batch", "-", input=roster)
    assert result.exit_code == 0, result.stderr
    assert [(r["row"], r["id"]) for r in lines(result.stdout)] == [(1, "A"), (2, "B")]
    assert "2 estimated, 0 rejected" in result.stderr
    kept = run("batch", "-", input="id,exp,state\n,,CA\n")  # one cell filled: a record, and its error
    assert [r["error"] for r in lines(kept.stdout)] == ["exp is missing (years of experience)"]


def test_a_row_of_one_field_is_counted_in_the_singular(run) -> None:
    [record] = lines(run("batch", "-", input="exp,state\n5\n").stdout)
    assert record["error"] == "1 field, the header has 2"


@pytest.mark.parametrize("char", ["\x7f", "\x1b", "\x00", "\x85", "\u202e", "\u2028"])
def test_an_ascii_line_or_any_other_never_carries_a_control_raw(char: str) -> None:
    """The writer looks for controls only in a line that is not ASCII or holds DEL (json escapes
    C0 itself): DEL, the one ASCII control json leaves, is escaped as the others are."""
    layout = Layout.from_header(["exp", "note"])
    sink = io.StringIO()
    writer = batch_writers.JsonlWriter(sink, layout)
    profile = (5.0, "CA", "master", "any", "general", None, "29-9021")
    writer.write((1, f"a{char}b", *profile, 40.0, 1, 2, 3, "CA", "measured", None, char))
    writer.flush()
    line = sink.getvalue()
    assert char not in line
    assert json.loads(line)["id"] == f"a{char}b"
    assert json.loads(line)["note"] == char


@pytest.mark.parametrize(
    ("role", "metro", "state"),
    [
        ("nursing-informatics", "0800001", None),  # no 15-1211 figures there: Colorado's stand in
        ("nursing-informatics", "19740", None),  # Denver's own
        ("ehr", "34900", None),  # Napa's own, imprecise (employment under the minimum)
        ("cybersecurity", None, "OR"),  # no 15-1212 figures for Oregon: the nation's, scaled
        ("general", None, None),
    ],
)
def test_a_row_says_what_its_band_is_read_from_as_estimate_does(run, run_json, role, metro, state) -> None:
    """A rural row whose metro falls back to its state's figures read as if measured there: each
    row names the area whose figures were read, the basis and the precision failure, as
    `estimate --json`'s distribution gives them (code, basis, precision)."""
    cells = {"exp": "8", "role": role, "metro": metro or "", "state": state or ""}
    roster = ",".join(cells) + "\n" + ",".join(cells.values()) + "\n"
    record = json.loads(run("batch", "-", input=roster).stdout)
    flags = [
        "--exp",
        "8",
        "--role",
        role,
        *(["--metro", metro] if metro else []),
        *(["--state", state] if state else []),
    ]
    dist = run_json("estimate", *flags)["distribution"]
    assert (record["read_from"], record["basis"], record["precision"]) == (
        dist["code"],
        dist["basis"],
        dist.get("precision"),
    )


def test_a_json_lines_roster_and_the_api_say_an_amount_named_otherwise(run) -> None:
    """A JSON Lines roster's layout always has the amount columns (a later record may bring one),
    so a 'Current Salary' key was passed through without a word there and in the API, while the
    same roster as CSV was warned about: the first record's own keys decide, as a CSV header does."""
    import warnings

    import hitsalary

    said = run("batch", "-", input='{"exp": 5, "Current Salary": "90000"}\n').stderr
    assert "warning: column 'Current Salary' is passed through, not read: no row's salary" in said
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = list(hitsalary.batch([{"exp": 5, "Current Salary": "90000"}]))
    assert out[0]["salary"] is None
    assert [str(w.message).split(":")[0] for w in caught] == [
        "column 'Current Salary' is passed through, not read"
    ]
    quiet = run("batch", "-", input='{"exp": 5, "salary": "90000", "Current Salary": "90000"}\n').stderr
    assert "passed through, not read" not in quiet
