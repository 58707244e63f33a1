"""`hitsalary levels`: the prevailing-wage levels I to IV for a role and area, and where an offer stands."""

from __future__ import annotations

from typing import Annotated

import typer

from hitsalary.cli.app import command_app, deliver, jsonout, load_data, say, tables
from hitsalary.cli.commands import flags_profile, offer_amount
from hitsalary.cli.options import DataOption, JsonOption, MetroOption, RoleOption, StateOption

app = command_app()


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
    amount, warning = offer_amount(data, offer)
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
