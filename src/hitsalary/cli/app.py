"""The Typer app and what every command shares: flags in, one calculation, one renderer out;
errors caught in one place. Each command is a module of `cli/commands/` with a Typer of its own
(`command_app`), imported and built only when it is run or listed (COMMANDS)."""

from __future__ import annotations

import codecs
import errno
import importlib
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from hitsalary.core.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_PIPE_CLOSED,
    HitsalaryError,
    InputEnded,
    OutputError,
    escape_controls,
)
from hitsalary.core.version import __version__


class PipeClosed(HitsalaryError):
    """The reader of stdout went away before all output was written."""

    exit_code = EXIT_PIPE_CLOSED


MESSAGE_LIMIT = 600  # a message quotes values cut to 60 characters, paths to 200


def say(message: str) -> None:
    """One line on stderr: control characters from the input are shown escaped, never obeyed."""
    try:
        if len(message) > MESSAGE_LIMIT:  # a safety net: messages quote values cut short already
            message = message[:MESSAGE_LIMIT] + f"... ({len(message):,} characters)"
        sys.stderr.write(f"hitsalary: {escape_controls(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr is closed or full: the exit code is all that is left to say it


def silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing to protect


# The commands in the order `hitsalary --help` lists them, each the module hitsalary.cli.commands.NAME:
# a run imports and builds only the one it runs (start-up), --help and completion build them all
COMMANDS = (
    "estimate",
    "compare",
    "path",
    "report",
    "sources",
    "levels",
    "areas",
    "roles",
    "outlook",
    "states",
    "batch",
    "data",
)


class HitsalaryGroup(TyperGroup):
    """Runs a command and turns every failure into one line on stderr and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:  # click.Context: Typer does not re-export it
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """A command, imported and built the first time it is asked for, so that `estimate`
        pays for no other command's module and options."""
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module = importlib.import_module(f"hitsalary.cli.commands.{cmd_name}")
            self.commands[cmd_name] = typer.main.get_command(module.app)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command named first in args; a name that is none of them is matched against all
        (Typer suggests close names from the commands built so far)."""
        if args and args[0] not in COMMANDS:
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]  # narrower on purpose: it always exits by itself
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> None:
        extra.pop("standalone_mode", None)
        code = 0
        prepare_streams()
        try:
            code = self.run_command(args, prog_name, extra)
        except (BrokenPipeError, PipeClosed):
            closed = "stdout is closed" if isinstance(sys.stdout, ClosedOutput) else None
            silence_stdout()
            if closed:  # closed from the start (>&-) is a mistake worth a line; a reader that
                say(closed)  # stopped reading (| head) is not: exit 141 silently, as `yes | head`
            code = EXIT_PIPE_CLOSED
        except HitsalaryError as exc:
            if isinstance(exc, OutputError):
                silence_stdout()  # what is still buffered must not fail again at exit
            say(str(exc))
            code = exc.exit_code
        except Exception as exc:
            code = internal_error(exc)
        except BaseException as exc:
            if type(exc).__name__ != "Terminated":  # cli.output_files.Terminated, not imported on every run
                raise
            say("terminated by a signal; temporary files removed")
            end_by_signal(exc.signum)  # type: ignore[attr-defined]  # Terminated carries it
        sys.exit(code)

    def run_command(self, args: Sequence[str] | None, prog_name: str | None, extra: dict[str, Any]) -> int:
        """The command's own exit code, or that of a usage error (whose help text, for a bare
        group, is written to stdout here, so a failing stdout is handled like any output)."""
        try:
            code: int = super().main(args, prog_name or "hitsalary", standalone_mode=False, **extra) or 0
            with output():
                sys.stdout.flush()
            if code == EXIT_INTERRUPTED:
                say("interrupted")
            return code
        except typer.TyperException as exc:  # Typer's public base of click's usage errors
            return usage_error(exc)
        except typer.Abort:
            say(InputEnded.__doc__ or "input ended")
            return InputEnded.exit_code


def internal_error(exc: Exception) -> int:
    """A bug: one line, or the traceback with HITSALARY_DEBUG set."""
    if os.environ.get("HITSALARY_DEBUG"):
        raise exc
    say(f"internal error: {type(exc).__name__}: {exc} (please report it; HITSALARY_DEBUG=1 shows where)")
    return EXIT_INTERNAL


def usage_error(exc: typer.TyperException) -> int:
    """A usage error: one line naming the command's help. A bare group (`hitsalary`, `hitsalary
    data`) raises one whose message is its help text: that is printed on stdout, exit 0. Found by
    public attributes only (`ctx`, `format_message`), not by click's private class names."""
    if not hasattr(exc, "ctx"):  # a click exception that is not about the command line
        return internal_error(exc)
    ctx: typer.Context | None = getattr(exc, "ctx", None)
    message = exc.format_message()
    if ctx is not None and message == ctx.get_help():
        with output():
            sys.stdout.write(message + "\n")
        return 0
    command = ctx.command_path if ctx else "hitsalary"
    say(f"{no_such_option(exc, ctx) or without_unused_envvar(exc)} (see '{command} --help')")
    return exc.exit_code


def no_such_option(exc: typer.TyperException, ctx: typer.Context | None) -> str | None:
    """'No such option: --exp' with the options the command takes, where click's nearest spellings
    offer nothing but --help ('Possible options: --help' for `levels --exp` helps no one)."""
    name = getattr(exc, "option_name", None)  # set on click's NoSuchOption alone
    if not isinstance(name, str) or ctx is None:
        return None
    if [p for p in getattr(exc, "possibilities", None) or [] if p not in ctx.help_option_names]:
        return None  # a near spelling of a real option: click's 'Did you mean' says it
    if hasattr(ctx.command, "commands"):  # `hitsalary --exp 5`: the command was left out
        return f"No such option: {name}; give a command first ({ctx.command_path} COMMAND {name} ...)"
    taken = [
        next((opt for opt in param.opts if opt.startswith("--")), param.opts[0])
        for param in ctx.command.params
        if param.param_type_name == "option" and not getattr(param, "hidden", False)
    ]
    if not taken:
        return None
    return f"No such option: {name}; {ctx.command_path} takes {', '.join(taken)}"


def without_unused_envvar(exc: typer.TyperException) -> str:
    """The error's message, naming an option's environment variable only when the value came
    from it: '--data x' that fails is about the flag, not about HITSALARY_DATA."""
    message = exc.format_message()
    param = getattr(exc, "param", None)
    ctx: typer.Context | None = getattr(exc, "ctx", None)
    envvar = getattr(param, "envvar", None)
    if param is None or not isinstance(envvar, str) or ctx is None or param.name is None:
        return message
    source = ctx.get_parameter_source(param.name)
    if source is None or source.name != "ENVIRONMENT":
        message = message.replace(f" (env var: '{envvar}')", "")
    return message


def end_by_signal(signum: int) -> None:
    """Die of the signal that arrived, as a program that did not catch it would: the shell and
    the parent see 'killed by SIGTERM' (status 128 + the signal's number)."""
    import signal

    sys.stderr.flush()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    sys.exit(128 + signum)  # only reached if the signal is blocked


@contextmanager
def output() -> Iterator[None]:
    """Wrap every write to stdout: a closed pipe becomes PipeClosed, a failing write (a full
    disk, /dev/full) an OutputError, each handled in one place."""
    try:
        yield
        sys.stdout.flush()
    except OSError as exc:
        raise named(exc) from None


class ClosedOutput(io.TextIOBase):
    """Stands in for a stdout that was closed before the start (`>&-`): writing to it is
    a closed pipe, reported once with its exit code; a run that writes nothing there is fine."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EBADF, "stdout is closed")


WRITE_CHUNK = 8192  # characters: larger writes go out in flushed pieces of this size


class GuardedOutput:
    """stdout, with a failing write named for what it is wherever it comes from (a command,
    --help, --version): PipeClosed for a closed pipe (exit 141; Typer would make a raw EPIPE
    exit 1), an OutputError for any other failure (a full disk, /dev/full)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:  # not a context manager: this is called once per CSV row
            if len(text) <= WRITE_CHUNK:
                return int(self.stream.write(text))
            # CPython's buffered writer loses an EPIPE that follows a partial write of one large
            # block (a 280 kB JSON document into `| head` exited 0): written in flushed pieces,
            # the closed pipe is seen
            for start in range(0, len(text), WRITE_CHUNK):
                self.stream.write(text[start : start + WRITE_CHUNK])
                self.stream.flush()
            return len(text)
        except OSError as exc:
            raise named(exc) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise named(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def named(exc: OSError) -> HitsalaryError:
    """A failing write to stdout as the error the group reports."""
    if isinstance(exc, BrokenPipeError):
        return PipeClosed()
    return OutputError(f"cannot write the output: {exc.strerror or exc}")


DRAWING = {"━": "=", "●": "*", "◆": "+", "·": "-", "×": "x", "◀": "<", "—": "-", "–": "-", "…": "..."}  # noqa: RUF001


def ascii_drawing(exc: UnicodeError) -> tuple[str, int]:
    """An encoding error handler: the few non-ASCII characters hitsalary draws with, in ASCII."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(DRAWING.get(char, "?") for char in exc.object[exc.start : exc.end]), exc.end


def write_only(stream: Any) -> bool:
    """Whether a stream was opened for writing only (`0>/dev/null`): reading it would fail."""
    try:
        import fcntl

        flags = fcntl.fcntl(stream.fileno(), fcntl.F_GETFL)
    except (ImportError, OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False
    return flags & os.O_ACCMODE == os.O_WRONLY


def prepare_streams() -> None:
    """Closed standard streams and ASCII-only ones: dealt with here, before any command runs."""
    if sys.stdin is None or write_only(sys.stdin):  # `<&-` or `0>/dev/null`: input ends at once
        sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    elif not isinstance(sys.stdout, (ClosedOutput, GuardedOutput)):
        sys.stdout = GuardedOutput(sys.stdout)
    for stream in (sys.stdout, sys.stderr):
        try:
            "━●·".encode(getattr(stream, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            codecs.register_error("hitsalary-ascii", ascii_drawing)
            with suppress(AttributeError, ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="hitsalary-ascii")  # type: ignore[union-attr]


SETTINGS: dict[str, Any] = {
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "pretty_exceptions_enable": False,
    # click's plain help wraps to any width; Rich's help panels cut option names short at 40
    "rich_markup_mode": None,
}
app = typer.Typer(cls=HitsalaryGroup, add_completion=True, no_args_is_help=True, **SETTINGS)


def command_app(**settings: Any) -> typer.Typer:
    """The Typer of one command's module, with the app's settings; the group builds it (COMMANDS)."""
    return typer.Typer(add_completion=False, **SETTINGS, **settings)


def load_data(path: Path | None, *, aged: bool = False) -> Any:
    """The reference data (with the user's file over it), and a warning if it is stale (counted
    from the latest ECI quarter for a command whose dollars are aged to it)."""
    from hitsalary.api import load_reference
    from hitsalary.collector import resume_collector
    from hitsalary.loading.freshness import stale_warning

    data = load_reference(path)
    resume_collector()  # start-up is over (hitsalary/collector.py)
    warning = stale_warning(data, aged=aged)
    if warning:
        say(warning)
    return data


def show_version(value: bool) -> None:
    if value:
        data = load_data(None)
        sys.stdout.write(f"hitsalary {__version__}\ndata:\n")
        for name, source in data.sources.items():
            when = ", ".join(
                part
                for part in (
                    f"as of {source.as_of}" if source.as_of else f"{source.year}",
                    f"released {source.released}" if source.released else "",
                )
                if part
            )
            sys.stdout.write(f"  {name}: {source.publisher}, {source.title} ({when})\n")
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
      hitsalary compare --exp 5 --state TX --vs state=CA
      hitsalary sources
    """


def deliver(as_json: bool, to_json: Callable[[], Any], to_tables: Callable[[], None]) -> None:
    """The one place output is chosen and written: a JSON document, or the Rich tables."""
    with output():
        if as_json:
            jsonout().write_json(to_json())
        else:
            to_tables()


def jsonout() -> ModuleType:
    import hitsalary.output.jsonout

    return hitsalary.output.jsonout


def tables(module: str) -> ModuleType:
    """A renderer module, imported only when tables are drawn: Rich is slow to import."""
    return importlib.import_module(f"hitsalary.output.{module}")
