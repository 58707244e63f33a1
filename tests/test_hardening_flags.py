"""Parsing and flags: what a person types means what they meant, every error is one line in
one style, -h is --help, and completion is offered."""

from __future__ import annotations

import json

import pytest

from hitsalary.core.decisions import parse_money


def one_usage_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("hitsalary: invalid value for ") or line.startswith("hitsalary: missing ")
    for needle in needles:
        assert needle in line


@pytest.mark.parametrize("text", ["5_0", "1_0", "1e1", "0x10"])
def test_exp_takes_only_digits_a_person_types(run, text: str) -> None:
    one_usage_error(run("estimate", "--exp", text), "--exp", repr(text))


@pytest.mark.parametrize("text", ["45/hr", "$45 an hour", "45 per hour", "45/hour", "45 hourly", "$45.00/hr"])
def test_hourly_offers_are_annualised_with_the_hours_from_the_data(run, data, text: str) -> None:
    result = run("estimate", "--exp", "5", "--offer", text, "--json")
    assert result.exit_code == 0, result.stderr
    amount = round(45 * data.method.hours_per_year)
    assert json.loads(result.stdout)["offer"]["amount"] == amount
    # stderr holds one line only: the note of what the rate is read as a year
    hours = f"{data.method.hours_per_year:,g}"
    note = f"hitsalary: note: --offer {text!r} is read as ${amount:,} a year (x {hours} hours"
    note += ", method.yaml hours_per_year)"
    assert result.stderr == note + "\n"


def test_hourly_needs_the_hours_from_the_data() -> None:
    assert parse_money("45/hr", hours_per_year=2000) == 90_000
    with pytest.raises(Exception, match="invalid value"):
        parse_money("45/hr")  # without the data's hours it is not an amount


@pytest.mark.parametrize("text", ["0.4", "0"])
def test_an_offer_below_one_dollar_is_refused(run, text: str) -> None:
    one_usage_error(run("estimate", "--exp", "5", "--offer", text), "--offer")


@pytest.mark.parametrize("text", ["1", "45", "9999", "2500000"])
def test_an_implausible_annual_offer_warns_on_stderr(run, text: str) -> None:
    result = run("estimate", "--exp", "5", "--offer", text, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["offer"]["amount"] == int(text)
    [line] = result.stderr.splitlines()
    assert line.startswith("hitsalary: warning: --offer")
    assert "$10,000 to $2,000,000" in line


def test_a_plausible_offer_does_not_warn(run) -> None:
    result = run("estimate", "--exp", "5", "--offer", "92k")
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize("command", [["estimate"], ["compare"], ["batch"], ["data", "check"], []])
def test_dash_h_is_help(run, command: list[str]) -> None:
    short, long = run(*command, "-h"), run(*command, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    assert "Usage:" in short.stdout


def test_shell_completion_is_offered(run, monkeypatch) -> None:
    result = run("--help")
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout
    # Typer finds the shell among the test run's parent processes: a run started by no shell
    # (a detached job, some CI runners) has none, so the shell is given
    monkeypatch.setattr("typer.completion._get_shell_name", lambda: "bash")
    shown = run("--show-completion")
    assert shown.exit_code == 0
    assert "complete" in shown.stdout


@pytest.mark.parametrize("command", ["compare", "path"])
def test_compare_and_path_do_not_suggest_i(run, command: str) -> None:
    result = run(command, "--vs", "state=CA")
    assert result.exit_code == 2
    assert "missing --exp" in result.stderr
    assert "-i" not in result.stderr


@pytest.mark.parametrize("vs", ["state=CA,state=NY", "exp=3,exp=4", "state=CA, STATE=NY"])
def test_a_field_changed_twice_in_one_vs_is_an_error(run, vs: str) -> None:
    one_usage_error(run("compare", "--exp", "5", "--vs", vs), "--vs", "twice")


@pytest.mark.parametrize("years", ["2.5", "x", "-1", "1e1"])
def test_path_years_errors_are_one_line_in_house_style(run, years: str) -> None:
    one_usage_error(run("path", "--exp", "5", "--years", years), "--years")


def test_path_years_still_works(run) -> None:
    result = run("path", "--exp", "5", "--years", "3", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["paths"][0]["points"]) == 4


@pytest.mark.parametrize("sort", ["NAME", "Ppp", " factor "])
def test_states_sort_in_any_case(run, sort: str) -> None:
    result = run("states", "--sort", sort, "--json")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(("flag", "value"), [("--format", "xml"), ("--input-format", "XMLX")])
def test_batch_format_errors_name_the_flag(run, flag: str, value: str) -> None:
    one_usage_error(run("batch", "-", flag, value, input="exp\n5\n"), f"invalid value for {flag}: '{value}'")


def test_batch_help_shows_input_plainly(run) -> None:
    text = run("batch", "--help").stdout
    assert "batch [OPTIONS] INPUT\n" in text
    assert "{INPUT}" not in text
    assert "<str>" not in text


@pytest.fixture
def data_value_rejected(monkeypatch) -> None:
    """The --data value is refused by the CLI layer (as a type check would refuse it)."""
    import typer
    from typer._click.globals import get_current_context

    def refuse(_path, **_options):  # load_data(path, aged=...)
        ctx = get_current_context()
        param = next(p for p in ctx.command.params if p.name == "data_path")
        raise typer.BadParameter("not usable", ctx=ctx, param=param)

    monkeypatch.setattr("hitsalary.cli.commands.load_data", refuse)


@pytest.mark.usefixtures("data_value_rejected")
@pytest.mark.parametrize(("via_env", "hinted"), [(False, False), (True, True)])
def test_the_envvar_hint_only_when_the_value_came_from_it(run, tmp_path, via_env: bool, hinted: bool) -> None:
    path = str(tmp_path / "x.yaml")
    if via_env:
        result = run("estimate", "--exp", "5", env={"HITSALARY_DATA": path})
    else:
        result = run("estimate", "--exp", "5", "--data", path)
    assert result.exit_code == 2
    assert ("HITSALARY_DATA" in result.stderr) == hinted
    assert "not usable" in result.stderr


@pytest.mark.parametrize(
    "text", ["92k/yr", "$92,000 a year", "92000 per year", "92k annually", "92,000/year"]
)
def test_yearly_offers_are_read_as_annual(run, text: str) -> None:
    result = run("estimate", "--exp", "5", "--offer", text, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["offer"]["amount"] == 92000


@pytest.mark.parametrize("text", ["92,5000", "92,00", "1,2345,000"])
def test_misgrouped_thousands_are_refused_not_guessed(run, text: str) -> None:
    result = run("estimate", "--exp", "5", "--offer", text)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "invalid value for --offer" in result.stderr


@pytest.mark.parametrize(
    ("text", "needle"), [("0.4", "less than a dollar"), ("100000000", "$100,000,000 or more")]
)
def test_offers_outside_what_can_be_paid_are_refused_saying_why(run, text: str, needle: str) -> None:
    result = run("estimate", "--exp", "5", "--offer", text)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("flag", ["--state", "--metro", "--role"])
def test_a_blank_flag_is_refused(run, flag: str) -> None:
    result = run("estimate", "--exp", "5", flag, "  ")
    assert result.exit_code == 2
    assert f"invalid value for {flag}" in result.stderr


@pytest.mark.parametrize("text", ["45,5000/hr", "4,50,0/hr", "1,2345/hr"])
def test_misgrouped_hourly_amounts_are_refused_too(run, text: str) -> None:
    """A comma before three digits groups them, before one or two it is a decimal comma (48,50/hr,
    test_decisions): any other comma is refused."""
    result = run("estimate", "--exp", "5", "--offer", text)
    assert result.exit_code == 2
    assert "invalid value for --offer" in result.stderr


@pytest.mark.parametrize(("text", "amount"), [("88000.5", 88001), ("92001.5", 92002), ("92000.49", 92000)])
def test_offers_round_half_up_like_all_money(run, text: str, amount: int) -> None:
    result = run("estimate", "--exp", "5", "--offer", text, "--json")
    assert json.loads(result.stdout)["offer"]["amount"] == amount


def test_path_without_years_draws_as_many_as_are_left(run) -> None:
    """As report does: the default ten years stops at the end of the scale, not an error."""
    result = run("path", "--exp", "45", "--json")
    assert result.exit_code == 0, result.stderr
    assert [p["year"] for p in json.loads(result.stdout)["paths"][0]["points"]] == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("args", [["path", "--years", "1"], ["path"], ["report", "--years", "1", "-o", "-"]])
def test_less_than_a_year_left_says_no_path_can_be_drawn(run, args: list[str]) -> None:
    result = run(*args, "--exp", "49.5")
    one_usage_error(result, "no path can be drawn from --exp 49.5")
    assert "one whole year" in result.stderr
    assert "at most 0" not in result.stderr


def test_an_option_a_command_lacks_lists_the_options_it_takes(run) -> None:
    """levels has no --exp (a level is set by the role and area); click's nearest spelling of
    --exp is --help, which says nothing: the command's own options do."""
    result = run("levels", "--role", "ehr", "--exp", "5")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "Possible options: --help" not in line
    assert line.startswith("hitsalary: No such option: --exp; ")
    assert " levels takes --role, --state, --metro, --offer, --json, --data " in line


def test_a_near_spelling_of_a_real_option_is_still_suggested(run) -> None:
    result = run("estimate", "--exp", "5", "--ofer", "3")
    assert result.exit_code == 2
    assert "--offer" in result.stderr
    assert "takes" not in result.stderr


def test_an_option_before_the_command_says_the_command_comes_first(run) -> None:
    result = run("--exp", "5")
    assert result.exit_code == 2
    assert "No such option: --exp; give a command first (" in result.stderr
    assert " COMMAND --exp ...)" in result.stderr


@pytest.mark.parametrize(("args", "example"), [(["compare", "--exp", "5", "--vs", "exp=abc"], "--vs exp=5"),
                                               (["estimate", "--exp", "abc"], "--exp 5")])  # fmt: skip
def test_a_bad_years_value_is_answered_with_an_example_in_its_own_syntax(run, args, example) -> None:
    """A --vs change is written exp=5, a flag --exp 5: the example is in the form that was used."""
    result = run(*args)
    assert result.exit_code == 2
    assert f"is not a number of years (e.g. {example})" in result.stderr
