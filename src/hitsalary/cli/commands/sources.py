"""`hitsalary sources`: every figure an estimate can use, its source and status."""

from __future__ import annotations

from hitsalary.cli.app import command_app, deliver, jsonout, load_data, tables
from hitsalary.cli.commands import pick_role
from hitsalary.cli.options import DataOption, JsonOption, RoleOption

app = command_app()


@app.command(short_help="Every figure an estimate can use, its source and status.")
def sources(role: RoleOption = None, json_output: JsonOption = False, data_path: DataOption = None) -> None:
    """List every figure an estimate can use: publisher, measure, year, link and how it was checked,
    how each factor is obtained, and hitsalary's own method values (rounding, hours per year, the
    plausible salary range, precision thresholds, the experience and band rules), assumed or
    published. With --role, also that role's figures in every state and
    employer industry.

    \b
    Examples:
      hitsalary sources
      hitsalary sources --role ehr
      hitsalary sources --json | jq '.figures[] | select(.status == "differs")'
    """
    from hitsalary.core.catalog import factor_bases, figures, method_values

    data = load_data(data_path)
    chosen = pick_role(data, role) if role is not None else None
    rows, bases, values = figures(data, chosen), factor_bases(data), method_values(data)

    deliver(
        json_output,
        lambda: jsonout().sources_dict(rows, bases, values, data, chosen),
        lambda: tables("render_catalog").render_sources(rows, bases, values, data, role=chosen),
    )
