"""`hitsalary outlook`: BLS employment projections, and the article's claims checked."""

from __future__ import annotations

from hitsalary.cli.app import command_app, deliver, jsonout, load_data, tables
from hitsalary.cli.options import DataOption, JsonOption

app = command_app()


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
