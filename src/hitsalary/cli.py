"""The command line: flags in, one calculation, one renderer out; errors caught in one place."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from hitsalary import __version__
from hitsalary.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_PIPE_CLOSED,
    HitsalaryError,
    InputEnded,
)


class PipeClosed(HitsalaryError):
    """The reader of stdout went away before all output was written."""

    exit_code = EXIT_PIPE_CLOSED


def say(message: str) -> None:
    """One line on stderr."""
    sys.stderr.write(f"hitsalary: {message}\n")
    sys.stderr.flush()


def silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing to protect


class HitsalaryGroup(TyperGroup):
    """Runs a command and turns every failure into one line on stderr and an exit code."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> None:
        extra.pop("standalone_mode", None)
        code = 0
        try:
            code = super().main(args, prog_name or "hitsalary", standalone_mode=False, **extra) or 0
            sys.stdout.flush()
            if code == EXIT_INTERRUPTED:
                say("interrupted")
        except NoArgsIsHelpError as exc:
            sys.stdout.write(exc.format_message() + "\n")
        except UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "hitsalary"
            say(f"{exc.format_message()} (see '{command} --help')")
            code = exc.exit_code
        except typer.Abort:
            say(InputEnded.__doc__ or "input ended")
            code = InputEnded.exit_code
        except (BrokenPipeError, PipeClosed):
            silence_stdout()
            say("output closed before it was all written (broken pipe)")
            code = EXIT_PIPE_CLOSED
        except HitsalaryError as exc:
            say(str(exc))
            code = exc.exit_code
        except Exception as exc:
            if os.environ.get("HITSALARY_DEBUG"):
                raise
            say(
                f"internal error: {type(exc).__name__}: {exc} "
                "(please report it; HITSALARY_DEBUG=1 shows where)"
            )
            code = EXIT_INTERNAL
        sys.exit(code)


@contextmanager
def output() -> Iterator[None]:
    """Wrap every write to stdout: a closed pipe becomes PipeClosed, handled in one place."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed() from None


app = typer.Typer(
    cls=HitsalaryGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

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


def load_data(path: Path | None) -> Any:
    from hitsalary.reference import load

    return load(str(path) if path else None)


def show_version(value: bool) -> None:
    if value:
        data = load_data(None)
        sys.stdout.write(f"hitsalary {__version__}\ndata:\n")
        for name, source in data.sources.items():
            sys.stdout.write(f"  {name}: {source.publisher}, {source.title}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Show the version and the data releases."
        ),
    ] = False,
) -> None:
    """Salary bands for healthcare IT careers in the US, with every figure sourced.

    \b
    Examples:
      hitsalary estimate --exp 5 --state CA
      hitsalary estimate --exp 12 --state texas --education master
      hitsalary estimate --exp 2 --json | jq .band
    """


@app.command()
def estimate(
    exp: Annotated[
        str | None,
        typer.Option(
            "--exp",
            metavar="YEARS",
            help="Years of experience, 0 to 50; decimals allowed.",
            show_default=False,
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            metavar="STATE",
            help="Two-letter code or full name, any case (50 states, DC, PR); "
            "US = national average (default).",
            show_default=False,
        ),
    ] = None,
    education: Annotated[
        str | None,
        typer.Option(
            "--education",
            metavar="LEVEL",
            help="associate, bachelor, master or doctorate (also masters, master's, phd ...). "
            "Default: bachelor.",
            show_default=False,
        ),
    ] = None,
    employer: Annotated[
        str | None,
        typer.Option(
            "--employer",
            metavar="TYPE",
            help="hospital (large system), vendor (EHR / health tech), consulting, clinic (small practice). "
            "Default: none (neutral).",
            show_default=False,
        ),
    ] = None,
    specialization: Annotated[
        str | None,
        typer.Option(
            "--specialization",
            metavar="AREA",
            help="cybersecurity, ehr, analytics or project-management (pm). Default: none (general).",
            show_default=False,
        ),
    ] = None,
    json_output: JsonOption = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Ask for every value not given by a flag (the default with no --exp at a terminal).",
        ),
    ] = False,
    data_path: DataOption = None,
) -> None:
    """Estimate the salary band for a profile and compare it with published figures.

    \b
    Examples:
      hitsalary estimate --exp 5 --state CA
      hitsalary estimate --exp 9 --state "new york" --specialization ehr
      hitsalary estimate --exp 2 --json | jq .band
    """
    from hitsalary.calculate import calculate
    from hitsalary.profile import build_profile, command_line

    data = load_data(data_path)
    given = {"state": state, "education": education, "employer": employer, "specialization": specialization}
    if interactive or (exp is None and at_terminal()):
        from hitsalary.prompts import ask_profile

        profile = ask_profile(data, exp=exp, given=given)
        extra = ["--json"] if json_output else []
        say_plain(f"Same as: {command_line(profile, data, extra=extra)}")
    elif exp is None:
        from hitsalary.errors import UsageProblem

        raise UsageProblem(
            "missing --exp: give the years of experience (e.g. --exp 5), or use -i to be asked"
        )
    else:
        profile = build_profile(data, exp=exp, **given)
    result = calculate(profile, data)
    deliver(json_output, lambda: estimate_json(result, data), lambda: estimate_tables(result, data))


def at_terminal() -> bool:
    """Both ends are a person at a terminal, so asking questions cannot hang a script."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def say_plain(message: str) -> None:
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


def estimate_json(result: Any, data: Any) -> None:
    from hitsalary.jsonout import estimate_dict, write_json

    write_json(estimate_dict(result, data))


def estimate_tables(result: Any, data: Any) -> None:
    from hitsalary.render import render_estimate

    render_estimate(result, data)


def deliver(as_json: bool, to_json: Callable[[], None], to_tables: Callable[[], None]) -> None:
    """The one place output is chosen and written."""
    with output():
        (to_json if as_json else to_tables)()


def main() -> None:
    app()
