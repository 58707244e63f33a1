"""`hitsalary areas`: every metro and nonmetro area with a role's pay and location factor."""

from __future__ import annotations

from typing import Annotated

import typer

from hitsalary.cli.app import command_app, deliver, jsonout, load_data, tables
from hitsalary.cli.commands import pick_role, pick_sort, pick_state
from hitsalary.cli.options import DataOption, JsonOption, RoleOption, StateOption

app = command_app()


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
