"""The commands: each turns its flags into a calculation and hands the result to deliver()."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from hitsalary.cli.app import app, deliver, jsonout, load_data, output, say, tables
from hitsalary.core.errors import escape_controls, shown


class PlainArgument(TyperArgument):
    """An argument shown by its name alone (INPUT), not Typer's {INPUT} and INPUT <str>."""

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.display_name_raw]

    def display_type(self, ctx: Any) -> str:
        return ""


class PlainArguments(TyperCommand):
    """A command whose arguments are shown plainly in its usage line and help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = PlainArgument


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="PATH",
        envvar="HITSALARY_DATA",
        help="YAML file that overrides or extends the shipped figures (see README).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]


ExpOption = Annotated[
    str | None,
    typer.Option(
        "--exp", metavar="YEARS", help="Years of experience, 0 to 50; decimals allowed.", show_default=False
    ),
]
StateOption = Annotated[
    str | None,
    typer.Option(
        "--state",
        metavar="STATE",
        help="Two-letter code or full name, any case (50 states, DC, PR); US = national (default).",
        show_default=False,
    ),
]
EducationOption = Annotated[
    str | None,
    typer.Option(
        "--education",
        metavar="LEVEL",
        help="high-school, certificate, associate, bachelor, master or doctorate (also masters, phd ...). "
        "Default: typical, the role's typical entry education (BLS; see `hitsalary roles`).",
        show_default=False,
    ),
]
EmployerOption = Annotated[
    str | None,
    typer.Option(
        "--employer",
        metavar="TYPE",
        help="hospital, clinic, healthcare, vendor, consulting, management-consulting, payer, federal, "
        "state-government, local-government. Default: any (all industries).",
        show_default=False,
    ),
]
RoleOption = Annotated[
    str | None,
    typer.Option(
        "--role",
        "--specialization",
        metavar="ROLE",
        help="The job: ehr, cybersecurity, analytics, medical-coding, it-manager, help-desk ... or a "
        "job title such as 'epic analyst' (see `hitsalary roles`). Default: general health IT.",
        show_default=False,
    ),
]
MetroOption = Annotated[
    str | None,
    typer.Option(
        "--metro",
        metavar="AREA",
        help="A metropolitan or nonmetropolitan area: CBSA code (41940) or any unambiguous part of its "
        "name, any case ('san jose', 'boston'). See `hitsalary areas`.",
        show_default=False,
    ),
]
VsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--vs",
        metavar="FIELD=VALUE[,FIELD=VALUE]",
        help="A variant of the profile, e.g. state=CA or state=CA,education=master. Repeatable.",
        show_default=False,
    ),
]


EstimateOfferOption = Annotated[
    str | None,
    typer.Option(
        "--offer",
        metavar="AMOUNT",
        help="An offer, annual (92000, 92k, $92,000) or hourly (45/hr): where it sits in your band.",
        show_default=False,
    ),
]
EstimateLevelsOption = Annotated[
    bool,
    typer.Option(
        "--levels",
        help="Also show the Department of Labor's four prevailing-wage levels for the role and "
        "area (and, with --offer, the highest level the offer meets).",
    ),
]
SurveyDollarsOption = Annotated[
    bool,
    typer.Option(
        "--survey-dollars",
        help="Show the OEWS survey month's dollars (May 2025), not aged to the latest Employment "
        "Cost Index quarter.",
    ),
]
InteractiveOption = Annotated[
    bool,
    typer.Option(
        "--interactive",
        "-i",
        help="Ask for every value not given by a flag (the default with no --exp at a terminal).",
    ),
]


@app.command(short_help="Salary band for a profile, against published figures.")
def estimate(
    exp: ExpOption = None,
    state: StateOption = None,
    education: EducationOption = None,
    employer: EmployerOption = None,
    role: RoleOption = None,
    metro: MetroOption = None,
    offer: EstimateOfferOption = None,
    with_levels: EstimateLevelsOption = False,
    survey_dollars: SurveyDollarsOption = False,
    json_output: JsonOption = False,
    interactive: InteractiveOption = False,
    data_path: DataOption = None,
) -> None:
    """Estimate the salary band for a profile and compare it with published figures.

    \b
    Examples:
      hitsalary estimate --exp 5 --state CA
      hitsalary estimate --exp 5 --state TX --offer 92k
      hitsalary estimate --exp 2 --json | jq .band
    """
    given = {"state": state, "education": education, "employer": employer, "role": role, "metro": metro}
    extra = ["--json"] if json_output else []
    parts = estimate_parts(
        exp,
        given,
        offer,
        with_levels=with_levels,
        interactive=interactive,
        data_path=data_path,
        extra=extra,
        survey_dollars=survey_dollars,
    )
    deliver(json_output, lambda: estimate_json(*parts), lambda: estimate_tables(*parts))


def estimate_parts(
    exp: str | None,
    given: dict[str, str | None],
    offer: str | None,
    *,
    with_levels: bool,
    interactive: bool,
    data_path: Path | None,
    extra: list[str],
    command: str = "estimate",
    survey_dollars: bool = False,
) -> tuple[Any, Any, Any, Any, Any]:
    """The estimate for the flags (or the prompts), its offer check and its wage levels: what
    `estimate` prints and `report` draws. Returns (result, data, check, levels, level_check)."""
    from hitsalary.api import estimate_profile

    data = load_data(data_path, aged=not survey_dollars)
    amount, warning = offer_amount(data, offer)
    if interactive or (exp is None and at_terminal()):
        offered = [f"--offer {amount}"] if amount else []
        levels_flag = ["--levels"] if with_levels and command == "estimate" else []
        flags = offered + levels_flag + extra
        profile = asked_profile(data, exp, given, flags, command, survey_dollars=survey_dollars)
    else:
        profile = flags_profile(data, exp, given, survey_dollars=survey_dollars)
    result = estimate_profile(profile, data)
    if warning:  # only once the run will give a result: an error stays the one line
        say(warning)
    check = None
    if amount is not None:
        from hitsalary.core.decisions import assess_offer

        check = assess_offer(amount, result)
    levels = level_check = None
    if with_levels:
        from hitsalary.core.levels import assess, wage_levels

        levels = wage_levels(data, profile)
        level_check = assess(levels, amount) if amount is not None else None
    return result, data, check, levels, level_check


def estimate_json(result: Any, data: Any, check: Any, levels: Any, level_check: Any) -> dict[str, Any]:
    """The `estimate --json` document, with its offer check and wage levels when there are any."""
    from hitsalary.api import to_json

    out = to_json(result, data)
    if check is not None:
        out["offer"] = jsonout().offer_dict(check, result)
    if levels is not None:
        out["wage_levels"] = jsonout().levels_dict(levels, level_check, data, standalone=False)
    return out


def estimate_tables(result: Any, data: Any, check: Any, levels: Any, level_check: Any) -> None:
    verdicts: tuple[str, ...] = ()
    if levels is not None and level_check is not None:
        from hitsalary.core.levels import sentence

        verdicts = (f"Prevailing wage: {sentence(levels, level_check)}",)
        first = levels.levels[0].annual
        if level_check.highest_level_met is None and result.band.low < first:
            verdicts += (
                f"The band is where pay for this profile falls, a wage level is a floor: the band "
                f"starts at ${result.band.low:,}, below Level I (${first:,}), so an amount inside "
                "the band can still meet no level.",
            )
    after = None  # the levels, printed before the estimate's one footer
    if levels is not None:
        from functools import partial

        after = partial(tables("render_decisions").render_levels, levels, level_check, data, verdict=False)
    tables("render").render_estimate(result, data, offer=check, verdicts=verdicts, before_footer=after)


def offer_amount(data: Any, offer: str | None) -> tuple[int | None, str | None]:
    """An --offer in dollars a year, and a warning when it looks like an hourly rate or a typo."""
    if offer is None:
        return None, None
    from hitsalary.core.decisions import implausible_amount, parse_money

    amount = parse_money(offer, hours_per_year=data.method.hours_per_year)
    return amount, implausible_amount(amount, offer)


def asked_profile(
    data: Any,
    exp: str | None,
    given: dict[str, str | None],
    extra: list[str],
    command: str = "estimate",
    *,
    survey_dollars: bool = False,
) -> Any:
    """Guided mode: ask for what no flag gave, then show the command that does the same."""
    from dataclasses import replace

    from hitsalary.cli.prompts import ask_profile
    from hitsalary.core.profile import command_line

    profile = replace(ask_profile(data, exp=exp, given=given), survey_dollars=survey_dollars)
    say_plain(f"Same as: {command_line(profile, data, extra=extra, command=command)}")
    return profile


def flags_profile(
    data: Any,
    exp: str | None,
    given: dict[str, str | None],
    *,
    can_ask: bool = True,
    survey_dollars: bool = False,
) -> Any:
    """The profile the flags describe; --exp is required here. Only estimate can ask (-i)."""
    from hitsalary.api import make_profile
    from hitsalary.core.errors import UsageProblem

    if exp is None:
        ask = ", or use -i to be asked" if can_ask else ""
        raise UsageProblem(f"missing --exp: give the years of experience (e.g. --exp 5){ask}")
    for name, value in given.items():  # a flag given blank is a mistake; only the API reads blank as default
        if value is not None and not value.strip():
            raise UsageProblem(f"invalid value for --{name}: {shown(value)} is empty")
    return make_profile(exp=exp, data=data, survey_dollars=survey_dollars, **given)


def at_terminal() -> bool:
    """Both ends are a person at a terminal, so asking questions cannot hang a script."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def say_plain(message: str) -> None:
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


@app.command(short_help="What-ifs side by side: role, state, employer, degree.")
def compare(
    exp: ExpOption = None,
    state: StateOption = None,
    education: EducationOption = None,
    employer: EmployerOption = None,
    role: RoleOption = None,
    metro: MetroOption = None,
    vs: VsOption = None,
    survey_dollars: SurveyDollarsOption = False,
    json_output: JsonOption = False,
    data_path: DataOption = None,
) -> None:
    """What if you moved, changed role or employer, or got the master's? Each change beside your profile.

    \b
    Examples:
      hitsalary compare --exp 5 --state TX --vs state=CA --vs education=master
      hitsalary compare --exp 5 --state TX --vs state=CA,education=master
      hitsalary compare --exp 8 --vs role=cybersecurity --json | jq '.variants[].change'
    """
    from hitsalary.core.decisions import compare as run_compare
    from hitsalary.core.errors import UsageProblem

    data = load_data(data_path, aged=not survey_dollars)
    given = {"state": state, "education": education, "employer": employer, "role": role, "metro": metro}
    base = flags_profile(data, exp, given, can_ask=False, survey_dollars=survey_dollars)
    if not vs:
        raise UsageProblem("missing --vs: name at least one change, e.g. --vs state=CA")
    base_estimate, variants = run_compare(base, vs, data)

    deliver(
        json_output,
        lambda: jsonout().compare_dict(base_estimate, variants, data),
        lambda: tables("render_decisions").render_compare(base_estimate, variants, data),
    )


@app.command(short_help="The band for each of the next N years.")
def path(
    exp: ExpOption = None,
    years: Annotated[
        str, typer.Option("--years", metavar="N", help="How many more years to project (1 to 50).")
    ] = "10",
    state: StateOption = None,
    education: EducationOption = None,
    employer: EmployerOption = None,
    role: RoleOption = None,
    metro: MetroOption = None,
    vs: VsOption = None,
    survey_dollars: SurveyDollarsOption = False,
    json_output: JsonOption = False,
    data_path: DataOption = None,
) -> None:
    """The band for each of the next N years of experience, at today's market.

    \b
    Examples:
      hitsalary path --exp 2 --years 10
      hitsalary path --exp 2 --years 10 --state TX --vs education=master
      hitsalary path --exp 6 --years 5 --json | jq '.paths[0].points[-1].band'
    """
    from hitsalary.core.decisions import (
        PATH_NOTE,
        apply_changes,
        career_path,
        check_variant_count,
        parse_path_years,
    )

    data = load_data(data_path, aged=not survey_dollars)
    given = {"state": state, "education": education, "employer": employer, "role": role, "metro": metro}
    base = flags_profile(data, exp, given, can_ask=False, survey_dollars=survey_dollars)
    count = parse_path_years(years)
    check_variant_count(vs or [])
    paths = [("your profile", career_path(base, count, data))]
    for text in vs or []:
        _, other = apply_changes(base, text, data)
        paths.append((text, career_path(other, count, data)))

    deliver(
        json_output,
        lambda: jsonout().path_dict(paths, PATH_NOTE, data),
        lambda: tables("render_decisions").render_path(paths, data),
    )


SortOption = Annotated[
    str,
    typer.Option("--sort", metavar="KEY", help="factor (highest first), name, or ppp (purchasing power)."),
]


@app.command(short_help="Every figure an estimate can use, its source and status.")
def sources(role: RoleOption = None, json_output: JsonOption = False, data_path: DataOption = None) -> None:
    """List every figure an estimate can use: publisher, measure, year, link and how it was checked,
    and how each factor is obtained. With --role, also that role's figures in every state and
    employer industry.

    \b
    Examples:
      hitsalary sources
      hitsalary sources --role ehr
      hitsalary sources --json | jq '.figures[] | select(.status == "differs")'
    """
    from hitsalary.core.catalog import factor_bases, figures

    data = load_data(data_path)
    chosen = pick_role(data, role) if role is not None else None
    rows, bases = figures(data, chosen), factor_bases(data)

    deliver(
        json_output,
        lambda: jsonout().sources_dict(rows, bases, data, chosen),
        lambda: tables("render_catalog").render_sources(rows, bases, data, role=chosen),
    )


def pick_role(data: Any, text: str | None) -> Any:
    """The role a --role value names (the neutral role when none is given)."""
    from hitsalary.core.profile import Vocabulary, choose

    key = choose(Vocabulary.of(data, "role"), text, flag="--role") if text is not None else data.neutral_role
    return data.roles[key]


@app.command(short_help="Prevailing-wage levels I-IV for a role and area; where an offer stands.")
def levels(
    role: RoleOption = None,
    state: StateOption = None,
    metro: MetroOption = None,
    offer: Annotated[
        str | None,
        typer.Option(
            "--offer",
            metavar="AMOUNT",
            help="An offer, annual (92000, 92k, $92,000) or hourly (61.54/hr): the highest level it meets.",
            show_default=False,
        ),
    ] = None,
    json_output: JsonOption = False,
    data_path: DataOption = None,
) -> None:
    """The Department of Labor's four prevailing-wage levels for a role in a state or metro area,
    by DOL's formula (Level I the mean of the lowest third of the area's wages, Level IV the mean
    of the upper two-thirds, II and III evenly between), approximated from the OEWS figures
    hitsalary ships, and the highest level an offer meets. For a visa filing, use the Department
    of Labor's Online Wage Library figure.

    \b
    Examples:
      hitsalary levels --role ehr --metro "san jose"
      hitsalary levels --role cybersecurity --state TX --offer 95k
      hitsalary levels --role software --metro 41940 --offer 150000 --json | jq .offer.highest_level_met
    """
    from hitsalary.core.levels import assess, wage_levels

    data = load_data(data_path)
    amount = warning = None
    if offer is not None:
        from hitsalary.core.decisions import implausible_amount, parse_money

        amount = parse_money(offer, hours_per_year=data.method.hours_per_year)
        warning = implausible_amount(amount, offer)
    given = {"state": state, "role": role, "metro": metro}
    profile = flags_profile(data, "0", given, can_ask=False)
    table = wage_levels(data, profile)
    check = assess(table, amount) if amount is not None else None
    if warning:
        say(warning)

    deliver(
        json_output,
        lambda: jsonout().levels_dict(table, check, data, standalone=True),
        lambda: tables("render_decisions").render_levels(table, check, data),
    )


@app.command(short_help="Metro and nonmetro areas: a role's pay and location factor in each.")
def areas(
    role: RoleOption = None,
    state: StateOption = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", metavar="KEY", help="factor (highest first), name, or employment (largest first)."
        ),
    ] = "factor",
    json_output: JsonOption = False,
    data_path: DataOption = None,
) -> None:
    """Every metropolitan and nonmetropolitan area (or those in one state) with a role's BLS median,
    employment, location factor, and what stands in where BLS publishes no figure.

    \b
    Examples:
      hitsalary areas --role ehr --state CA
      hitsalary areas --role cybersecurity --sort employment
      hitsalary areas --state TX --json | jq -r '.areas[] | "\\(.code) \\(.factor)"'
    """
    from hitsalary.core.catalog import AREA_SORTS
    from hitsalary.core.catalog import areas as area_rows

    key = pick_sort(sort, AREA_SORTS)
    data = load_data(data_path)
    chosen = pick_role(data, role)
    where = pick_state(data, state)
    rows = area_rows(data, chosen, state=where, sort=key)

    deliver(
        json_output,
        lambda: jsonout().areas_dict(rows, key, chosen, data),
        lambda: tables("render_catalog").render_areas(rows, chosen, where, data),
    )


def pick_sort(text: str, sorts: tuple[str, ...]) -> str:
    """A --sort value, any case; a usage problem naming the choices if it is none of them."""
    from hitsalary.core.errors import UsageProblem
    from hitsalary.core.spelling import suggest

    key = text.strip().lower()
    if key in sorts:
        return key
    close = suggest(text, {s: s for s in sorts})
    hint = f"did you mean {close[0]}?" if close else f"choose from {', '.join(sorts)}"
    raise UsageProblem(f"invalid value for --sort: {text!r} ({hint})")


def pick_state(data: Any, text: str | None) -> str | None:
    """The state a --state value names; None for none given or the national value."""
    from hitsalary.core.profile import Vocabulary, choose

    if text is None:
        return None
    key = choose(Vocabulary.of(data, "state"), text, flag="--state")
    return None if key == "US" else key


@app.command(short_help="Every role, its BLS occupation and national median.")
def roles(json_output: JsonOption = False, data_path: DataOption = None) -> None:
    """Every healthcare IT role hitsalary knows: the BLS occupation (SOC) it is measured by, why,
    the national median, and the job titles it accepts.

    \b
    Examples:
      hitsalary roles
      hitsalary roles --json | jq -r '.roles[] | "\\(.key) \\(.soc)"'
    """
    from hitsalary.core.catalog import roles as role_rows

    data = load_data(data_path)
    rows = role_rows(data)

    deliver(
        json_output,
        lambda: jsonout().roles_dict(rows, data),
        lambda: tables("render_catalog").render_roles(rows, data),
    )


@app.command(short_help="BLS job projections; the article's claims checked.")
def outlook(json_output: JsonOption = False, data_path: DataOption = None) -> None:
    """BLS employment projections for health IT occupations, and the article's claims checked.

    \b
    Examples:
      hitsalary outlook
      hitsalary outlook --json | jq '.occupations[0].editions[0]'
    """
    from hitsalary.core.catalog import outlook as outlook_rows

    data = load_data(data_path)
    rows = outlook_rows(data)

    deliver(
        json_output,
        lambda: jsonout().outlook_dict(rows, data.claims, data),
        lambda: tables("render_catalog").render_outlook(rows, data.claims, data),
    )


@app.command(short_help="Location factors for a role, BLS medians, BEA price parities.")
def states(
    role: RoleOption = None,
    sort: SortOption = "factor",
    json_output: JsonOption = False,
    data_path: DataOption = None,
) -> None:
    """Every state's location factor for a role, the BLS median behind it, and its BEA price parity.

    \b
    Examples:
      hitsalary states
      hitsalary states --role cybersecurity --sort ppp
      hitsalary states --json | jq -r '.states[:5][] | .code'
    """
    from hitsalary.core.catalog import SORTS
    from hitsalary.core.catalog import states as state_rows

    sort = pick_sort(sort, SORTS)
    data = load_data(data_path)
    chosen = pick_role(data, role)
    rows = state_rows(data, chosen, sort=sort)

    deliver(
        json_output,
        lambda: jsonout().states_dict(rows, sort, chosen, data),
        lambda: tables("render_catalog").render_states(rows, chosen, data),
    )


BatchInput = Annotated[
    str,
    typer.Argument(
        metavar="INPUT",
        help="CSV (header row), JSON Lines or Excel (.xlsx) file; - for stdin.",
        show_default=False,
    ),
]
BatchOutputOption = Annotated[
    str,
    typer.Option("--output", "-o", metavar="PATH", help="Where to write; - for stdout. Written atomically."),
]
BatchFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="jsonl, csv or xlsx. Default: from --output's extension, else jsonl.",
        show_default=False,
    ),
]
BatchInputFormatOption = Annotated[
    str | None,
    typer.Option(
        "--input-format",
        metavar="FORMAT",
        help="csv, jsonl or xlsx. Default: from INPUT's extension, else guessed.",
        show_default=False,
    ),
]
BatchDelimiterOption = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        metavar="CHAR",
        help="CSV input's delimiter: , ; tab or |. Default: whichever of , ; tab the header line holds.",
        show_default=False,
    ),
]
BatchSheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAME",
        help="Excel input: the sheet to read. Default: the first.",
        show_default=False,
    ),
]
BatchLevelsOption = Annotated[
    bool,
    typer.Option(
        "--levels",
        help="For each offer or salary column, add the prevailing-wage level it meets (AMOUNT_level: "
        "I to IV, empty below Level I) and the dollars it falls short of Level I (AMOUNT_below_level_i).",
    ),
]


@app.command(short_help="Estimate every row of a roster (CSV or JSON Lines).", cls=PlainArguments)
def batch(
    input_path: BatchInput,
    output: BatchOutputOption = "-",
    out_format: BatchFormatOption = None,
    input_format: BatchInputFormatOption = None,
    with_levels: BatchLevelsOption = False,
    survey_dollars: SurveyDollarsOption = False,
    data_path: DataOption = None,
    delimiter: BatchDelimiterOption = None,
    sheet: BatchSheetOption = None,
) -> None:
    """Estimate every row of a roster: one output record per input record, in order.

    \b
    Examples:
      hitsalary batch staff.csv --output bands.csv
      hitsalary batch candidates.jsonl | jq 'select(.error) | .row'
      cat staff.csv | hitsalary batch - --format csv > bands.csv
      hitsalary batch staff.xlsx --sheet Nurses -o bands.xlsx
    """
    from hitsalary.cli.batch import check_output_path, make_writer, read_roster, refuse_reading_own_output
    from hitsalary.core.errors import EXIT_ROWS_REJECTED
    from hitsalary.rosters import readers
    from hitsalary.rosters.layout import Layout
    from hitsalary.rosters.runner import run

    data = load_data(data_path, aged=not survey_dollars)
    check_output_path(output)
    stdin: IO[bytes] = sys.stdin.buffer
    with readers.open_input(input_path, input_format, stdin) as (in_format, stream, binary):
        input_name = "the input (stdin)" if input_path == "-" else f"the input {shown(input_path, 200)}"
        refuse_reading_own_output(output, sys.stdout, {input_name: binary, "the data file": data_path})
        fmt = readers.output_format(output, out_format)
        header, records = read_roster(
            in_format, stream, binary, path=input_path, delimiter=delimiter, sheet=sheet
        )
        layout = Layout.from_header(header, levels=with_levels)
        with batch_output(output) as out, batch_progress(input_path, binary) as tick:
            writer = make_writer(fmt, out, layout)
            summary = run(records, layout, writer, data, tick=tick, survey_dollars=survey_dollars)
    say(summary.line())
    say(dollars_line(data, survey_dollars=survey_dollars))
    for warning in (summary.warning(), layout.title_warning()):
        if warning:
            say(warning)
    unknown = list(getattr(records, "unknown", ()))
    if unknown and fmt != "jsonl":  # JSON Lines output passes them through, record by record
        names = ", ".join(shown(name, 30) for name in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        say(f"warning: keys missing from the first record have no CSV column, not passed through: {names}")
    if summary.rejected:
        raise typer.Exit(EXIT_ROWS_REJECTED)


def dollars_line(data: Any, *, survey_dollars: bool) -> str:
    """Which month's dollars a roster's bands are in (the records carry the amounts only)."""
    from hitsalary.core.growth import wage_growth

    growth = wage_growth(data, survey_dollars=survey_dollars)
    if growth.basis != "measured":
        return f"bands in {growth.survey_month} survey dollars (OEWS), not aged"
    return (
        f"bands in {growth.month} dollars: the {growth.survey_month} survey's aged by the ECI "
        f"({growth.series}) x{growth.multiplier:.4f}; --survey-dollars keeps the survey month's dollars"
    )


@contextmanager
def batch_output(path: str) -> Iterator[Any]:
    if path == "-":
        with output():
            yield sys.stdout
        return
    from hitsalary.cli.batch import atomic_output

    with atomic_output(Path(path), sys.stdout) as handle:
        yield handle


@contextmanager
def batch_progress(input_path: str, binary: Any) -> Iterator[Callable[[int], None] | None]:
    """A progress bar only for a file read by a person watching a terminal."""
    from hitsalary.cli.batch import regular_file_size

    size = regular_file_size(binary) if input_path != "-" and sys.stderr.isatty() else None
    if size is None:  # a pipe, FIFO or device has no size and cannot tell() where it is
        yield None
        return
    from hitsalary.output.render import progress_bar

    with progress_bar(size) as advance:
        yield lambda _rows: advance(binary.tell())


data_app = typer.Typer(
    help="""Check a data file before using it with --data.

    \b
    Examples:
      hitsalary data check my-figures.yaml
      hitsalary data check my-figures.yaml --json
    """,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(data_app, name="data")


@data_app.command("check", short_help="Validate a data file without estimating.", cls=PlainArguments)
def data_check(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The YAML file to check.", show_default=False)],
    json_output: JsonOption = False,
) -> None:
    """Validate a data file exactly as --data would, without estimating anything.

    \b
    Examples:
      hitsalary data check my-figures.yaml
      hitsalary data check my-figures.yaml --json
    """
    from hitsalary.loading.reference import user_changes

    changes = user_changes(str(path))

    def as_text() -> None:
        lines = [f"{path}: valid", *(f"  {line}" for line in changes)]  # a newline in a path stays escaped
        sys.stdout.write("".join(escape_controls(line) + "\n" for line in lines))

    deliver(
        json_output,
        lambda: {"schema_version": 1, "file": str(path), "valid": True, "changes": changes},
        as_text,
    )
