"""`hitsalary roles`: every role, its BLS occupation and national median."""

from __future__ import annotations

from hitsalary.cli.app import command_app, deliver, jsonout, load_data, tables
from hitsalary.cli.options import DataOption, JsonOption

app = command_app()


@app.command(short_help="Every role, its BLS occupation and national median.")
def roles(json_output: JsonOption = False, data_path: DataOption = None) -> None:
    """Every healthcare IT role hitsalary knows: the BLS occupation (SOC) it is measured by, why,
    the national median, and the job titles it accepts. Where a role is expected (--role, a
    roster's role column, the API's role=) a SOC code works too when only one role has it.

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
