"""The flags and arguments that several commands take, each defined once (a flag of one command
only is defined in that command's module), and the command class that shows arguments plainly."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from hitsalary.core.profile import MAX_YEARS


class PlainArgument(TyperArgument):
    """An argument shown by its name alone (INPUT), not Typer's {INPUT} and INPUT <str>."""

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.display_name_raw]

    def display_type(self, ctx: Any) -> str:
        return ""


class PlainArguments(TyperCommand):
    """A command whose arguments are shown plainly in its usage line and help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = PlainArgument


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="PATH",
        envvar="HITSALARY_DATA",
        help="YAML file that overrides or extends the shipped figures (see README).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]


ExpOption = Annotated[
    str | None,
    typer.Option(
        "--exp",
        metavar="YEARS",
        help=(
            f"Years of experience in this kind of work (the role), 0 to {MAX_YEARS:g}; decimals allowed. "
            "Years in another occupation (bedside nursing for an informatics role) are not these years: "
            "count them as you expect an employer to."
        ),
        show_default=False,
    ),
]
StateOption = Annotated[
    str | None,
    typer.Option(
        "--state",
        metavar="STATE",
        help="Two-letter code or full name, any case (50 states, DC, PR); US = national (default).",
        show_default=False,
    ),
]
EducationOption = Annotated[
    str | None,
    typer.Option(
        "--education",
        metavar="LEVEL",
        help="high-school, certificate, associate, bachelor, master or doctorate (also masters, phd ...). "
        "Default: typical, the role's typical entry education (BLS; see `hitsalary roles`).",
        show_default=False,
    ),
]
EmployerOption = Annotated[
    str | None,
    typer.Option(
        "--employer",
        metavar="TYPE",
        help="hospital, clinic, healthcare, vendor, consulting, management-consulting, payer, federal, "
        "state-government, local-government. Default: any (all industries).",
        show_default=False,
    ),
]
RoleOption = Annotated[
    str | None,
    typer.Option(
        "--role",
        "--specialization",
        metavar="ROLE",
        help="The job: ehr, cybersecurity, analytics, medical-coding, it-manager, help-desk ..., a "
        "job title such as 'epic analyst', or a BLS SOC code such as 15-1212 where only one role has "
        "it (see `hitsalary roles`). Default: general health IT.",
        show_default=False,
    ),
]
MetroOption = Annotated[
    str | None,
    typer.Option(
        "--metro",
        metavar="AREA",
        help="A metropolitan or nonmetropolitan area: CBSA code (41940) or any unambiguous part of its "
        "name, any case ('san jose', 'boston'). See `hitsalary areas`.",
        show_default=False,
    ),
]
VsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--vs",
        metavar="FIELD=VALUE[,FIELD=VALUE]",
        help="A variant of the profile, e.g. state=CA or state=CA,education=master. Repeatable.",
        show_default=False,
    ),
]


DEFAULT_YEARS = 10

YearsOption = Annotated[
    str | None,
    typer.Option(
        "--years",
        metavar="N",
        help=f"Years of career path to draw (1 to {MAX_YEARS:g}). Default: {DEFAULT_YEARS}, or as many as "
        f"are left before {MAX_YEARS:g} years of experience.",
        show_default=False,
    ),
]
OfferOption = Annotated[
    str | None,
    typer.Option(
        "--offer",
        metavar="AMOUNT",
        help="An offer, annual (92000, 92k, $92,000) or hourly (45/hr): where it sits in your band.",
        show_default=False,
    ),
]
SurveyDollarsOption = Annotated[
    bool,
    typer.Option(
        "--survey-dollars",
        help="Show the OEWS survey month's dollars (May 2025), not aged to the latest Employment "
        "Cost Index quarter.",
    ),
]
InteractiveOption = Annotated[
    bool,
    typer.Option(
        "--interactive",
        "-i",
        help="Ask for every value not given by a flag (the default with no --exp at a terminal).",
    ),
]
