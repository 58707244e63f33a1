"""`hitsalary states`: every state's location factor for a role, its BLS median and BEA price parity."""

from __future__ import annotations

from typing import Annotated

import typer

from hitsalary.cli.app import command_app, deliver, jsonout, load_data, tables
from hitsalary.cli.commands import pick_role, pick_sort
from hitsalary.cli.options import DataOption, JsonOption, RoleOption

SortOption = Annotated[
    str,
    typer.Option("--sort", metavar="KEY", help="factor (highest first), name, or ppp (purchasing power)."),
]


app = command_app()


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
