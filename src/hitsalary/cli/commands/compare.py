"""`hitsalary compare`: the profile beside each --vs variant."""

from __future__ import annotations

from hitsalary.cli.app import command_app, deliver, jsonout, load_data, tables
from hitsalary.cli.commands import flags_profile, say_variant_notes
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
)

app = command_app()


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
    for v in variants:
        say_variant_notes(data, base, v.changes, v.estimate.profile)

    deliver(
        json_output,
        lambda: jsonout().compare_dict(base_estimate, variants, data),
        lambda: tables("render_decisions").render_compare(base_estimate, variants, data),
    )
