"""`hitsalary path`: the band for each of the next N years, for the profile and each --vs."""

from __future__ import annotations

from hitsalary.cli.app import command_app, deliver, jsonout, load_data, tables
from hitsalary.cli.commands import flags_profile, no_path_left, path_years, say_variant_notes
from hitsalary.cli.options import (
    DataOption,
    EducationOption,
    EmployerOption,
    ExpOption,
    JsonOption,
    MetroOption,
    RoleOption,
    StateOption,
    SurveyDollarsOption,
    VsOption,
    YearsOption,
)

app = command_app()


@app.command(short_help="The band for each of the next N years.")
def path(
    exp: ExpOption = None,
    years: YearsOption = None,
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
    )

    data = load_data(data_path, aged=not survey_dollars)
    given = {"state": state, "education": education, "employer": employer, "role": role, "metro": metro}
    base = flags_profile(data, exp, given, can_ask=False, survey_dollars=survey_dollars)
    count = path_years(years, base.exp)
    if count is None:
        raise no_path_left(base.exp, flag="--exp")
    check_variant_count(vs or [])
    paths = [("your profile", career_path(base, count, data))]
    for text in vs or []:
        changes, other = apply_changes(base, text, data)
        say_variant_notes(data, base, changes, other)
        paths.append((text, career_path(other, count, data)))

    deliver(
        json_output,
        lambda: jsonout().path_dict(paths, PATH_NOTE, data),
        lambda: tables("render_decisions").render_path(paths, data),
    )
