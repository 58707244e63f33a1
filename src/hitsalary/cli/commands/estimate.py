"""`hitsalary estimate`: the band for a profile, its offer check and wage levels, as tables or JSON."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from hitsalary.cli.app import command_app, deliver, tables
from hitsalary.cli.commands import estimate_json, estimate_parts, run_flags
from hitsalary.cli.options import (
    DataOption,
    EducationOption,
    EmployerOption,
    ExpOption,
    InteractiveOption,
    JsonOption,
    MetroOption,
    OfferOption,
    RoleOption,
    StateOption,
    SurveyDollarsOption,
)

EstimateLevelsOption = Annotated[
    bool,
    typer.Option(
        "--levels",
        help="Also show the Department of Labor's four prevailing-wage levels for the role and "
        "area (and, with --offer, the highest level the offer meets).",
    ),
]


app = command_app()


@app.command(short_help="Salary band for a profile, against published figures.")
def estimate(
    exp: ExpOption = None,
    state: StateOption = None,
    education: EducationOption = None,
    employer: EmployerOption = None,
    role: RoleOption = None,
    metro: MetroOption = None,
    offer: OfferOption = None,
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
    extra = (["--json"] if json_output else []) + run_flags(data_path=data_path)
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
