"""`hitsalary report`: the estimate, its wage levels, a career path and one comparison as one
self-contained HTML page. The page is drawn by hitsalary.output.report from the same JSON
documents `estimate --levels --json`, `path --json` and `compare --json` print. This module is
imported only when `report` is run or listed (cli/app.py COMMANDS), and the page code only
when it runs: `estimate` pays for neither."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from hitsalary.cli.app import command_app, jsonout, output, say
from hitsalary.cli.commands import estimate_json, estimate_parts, path_years, run_flags, say_variant_notes
from hitsalary.cli.options import (
    DataOption,
    EducationOption,
    EmployerOption,
    ExpOption,
    InteractiveOption,
    MetroOption,
    OfferOption,
    RoleOption,
    StateOption,
    SurveyDollarsOption,
    YearsOption,
)

OneVsOption = Annotated[
    list[str] | None,  # a list, so that a second --vs is refused (one_variant), not silently kept
    typer.Option(
        "--vs",
        metavar="FIELD=VALUE[,FIELD=VALUE]",
        help="One variant to draw beside your profile, e.g. state=TX or role=cybersecurity,metro=none "
        "(compare takes several).",
        show_default=False,
    ),
]
ReportOutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="The HTML file to write (atomically); - for stdout. Default: a name from the profile, "
        "such as hitsalary-report-ehr-41940-5y.html.",
        show_default=False,
    ),
]
LevelsAlwaysOption = Annotated[
    bool,
    typer.Option(
        "--levels", hidden=True, help="Accepted for estimate's flags; the report always shows them."
    ),
]


app = command_app()


@app.command(short_help="One HTML page to look at and share: band, path, factors, sources.")
def report(
    exp: ExpOption = None,
    state: StateOption = None,
    education: EducationOption = None,
    employer: EmployerOption = None,
    role: RoleOption = None,
    metro: MetroOption = None,
    offer: OfferOption = None,
    years: YearsOption = None,
    vs: OneVsOption = None,
    out: ReportOutputOption = None,
    with_levels: LevelsAlwaysOption = True,
    survey_dollars: SurveyDollarsOption = False,
    interactive: InteractiveOption = False,
    data_path: DataOption = None,
) -> None:
    """Write a salary report: one self-contained HTML page (no script, nothing fetched, opens
    offline, prints to two pages) with the band on the area's pay, the career path, what moves
    the number, purchasing power and one comparison, then every figure's table and source.

    \b
    Examples:
      hitsalary report --exp 5 --role ehr --metro "san jose" --offer 130k -o r.html
      hitsalary report --exp 2 --state TX --vs state=CA --years 15
      hitsalary report --exp 8 --role cybersecurity -o - > report.html
    """
    variant = one_variant(vs)
    given = {"state": state, "education": education, "employer": employer, "role": role, "metro": metro}
    parts = estimate_parts(
        exp,
        given,
        offer,
        with_levels=True,
        interactive=interactive,
        data_path=data_path,
        extra=run_flags(years=years, vs=variant, data_path=data_path, target=out),
        command="report",
        survey_dollars=survey_dollars,
    )
    result, data, check = parts[0], parts[1], parts[2]
    count = path_years(years, result.profile.exp)
    target = out if out is not None else default_name(result.profile)
    flags = reproduce_flags(check, years, variant, data_path, target)
    doc = {
        "estimate": estimate_json(*parts),
        "path": path_document(result.profile, count, data),
        "compare": compare_document(result.profile, variant, data),
        "factor_titles": {factor.name: factor.label for factor in data.factors},
        "command": command(result.profile, data, flags),
        "version": version(),
    }
    from hitsalary.output.report import render_report

    write_page(render_report(doc), target, data_path)


def path_document(profile: Any, count: int | None, data: Any) -> dict[str, Any]:
    """`path --json` for the profile: today's point alone when no year is left to project."""
    from hitsalary.core.decisions import PATH_NOTE, career_path

    if count is None:  # today's point alone: career_path wants a year ahead, so start one year back
        last = career_path(replace(profile, exp=profile.exp - 1), 1, data)[-1]
        points = [replace(last, year=0, level_changed=False)]
    else:
        points = career_path(profile, count, data)
    return jsonout().path_dict([("your profile", points)], PATH_NOTE, data)  # type: ignore[no-any-return]


def one_variant(given: list[str] | None) -> str | None:
    """The one --vs a report draws; a second is a usage error (it had been dropped silently)."""
    if not given:
        return None
    if len(given) > 1:
        from hitsalary.core.errors import UsageProblem, shown

        listed = ", ".join(map(shown, given[:3])) + (", ..." if len(given) > 3 else "")
        raise UsageProblem(
            f"invalid value for --vs: a report draws one variant, {len(given)} given ({listed}); "
            "hitsalary compare takes several"
        )
    return given[0]


def compare_document(profile: Any, vs: str | None, data: Any) -> dict[str, Any] | None:
    """`compare --json` for the one --vs, or None without one."""
    if vs is None:
        return None
    from hitsalary.core.decisions import compare

    base, variants = compare(profile, [vs], data)
    for v in variants:  # how a --vs metro=NAME was read, as compare says it
        say_variant_notes(data, profile, v.changes, v.estimate.profile)
    return jsonout().compare_dict(base, variants, data)  # type: ignore[no-any-return]


def default_name(profile: Any) -> str:
    """hitsalary-report-ehr-41940-5y.html: role, area (metro code or state) and years."""
    where = profile.metro or profile.state
    words = f"{profile.role}-{where}-{profile.exp:g}y".lower()
    return "hitsalary-report-" + re.sub(r"[^a-z0-9.]+", "-", words).strip("-") + ".html"


def reproduce_flags(
    check: Any, years: str | None, vs: str | None, data_path: Path | None, target: str
) -> list[str]:
    flags = [f"--offer {check.amount}"] if check is not None else []
    return flags + run_flags(years=years, vs=vs, data_path=data_path, target=target)


def command(profile: Any, data: Any, flags: list[str]) -> str:
    from hitsalary.core.profile import command_line

    return command_line(profile, data, extra=flags, command="report")


def version() -> str:
    from hitsalary.core.version import __version__

    return __version__


def write_page(page: str, target: str, data_path: Path | None) -> None:
    """The page to stdout (-o -) or to a file, written atomically."""
    if target == "-":
        with output():
            sys.stdout.write(page)
        return
    from hitsalary.cli.output_files import atomic_output, refuse_reading_own_output

    # the page must never replace the data file it was made from
    refuse_reading_own_output(target, sys.stdout, {"--data": None if data_path is None else str(data_path)})
    with atomic_output(Path(target), sys.stdout) as handle:
        handle.write(page)
    say(f"wrote {target}")
