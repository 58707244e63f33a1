"""The commands, one module each (estimate.py ... data.py), each with its own Typer `app`:
cli/app.py imports a command's module only when that command is run or listed (COMMANDS), so a
run pays for one command. This package holds what several commands share: the profile from the
flags or the prompts, the estimate with its offer check and wage levels (estimate, report), and
the --role, --state and --sort values of the catalog commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hitsalary.cli.app import jsonout, load_data, say
from hitsalary.core.errors import shown


def estimate_parts(
    exp: str | None,
    given: dict[str, str | None],
    offer: str | None,
    *,
    with_levels: bool,
    interactive: bool,
    data_path: Path | None,
    extra: list[str],
    command: str = "estimate",
    survey_dollars: bool = False,
) -> tuple[Any, Any, Any, Any, Any]:
    """The estimate for the flags (or the prompts), its offer check and its wage levels: what
    `estimate` prints and `report` draws. Returns (result, data, check, levels, level_check)."""
    from hitsalary.api import estimate_profile

    data = load_data(data_path, aged=not survey_dollars)
    amount, warning = offer_amount(data, offer)
    if interactive or (exp is None and at_terminal()):
        offered = [f"--offer {amount}"] if amount else []
        levels_flag = ["--levels"] if with_levels and command == "estimate" else []
        flags = offered + levels_flag + extra
        profile = asked_profile(data, exp, given, flags, command, survey_dollars=survey_dollars)
    else:
        profile = flags_profile(data, exp, given, survey_dollars=survey_dollars)
    result = estimate_profile(profile, data)
    if warning:  # only once the run will give a result: an error stays the one line
        say(warning)
    check = None
    if amount is not None:
        from hitsalary.core.decisions import assess_offer

        check = assess_offer(amount, result)
    levels = level_check = None
    if with_levels:
        from hitsalary.core.levels import assess, wage_levels

        levels = wage_levels(data, profile)
        level_check = assess(levels, amount) if amount is not None else None
    return result, data, check, levels, level_check


def estimate_json(result: Any, data: Any, check: Any, levels: Any, level_check: Any) -> dict[str, Any]:
    """The `estimate --json` document, with its offer check and wage levels when there are any."""
    from hitsalary.api import to_json

    out = to_json(result, data)
    if check is not None:
        out["offer"] = jsonout().offer_dict(check, result)
    if levels is not None:
        out["wage_levels"] = jsonout().levels_dict(levels, level_check, data, standalone=False)
    return out


def offer_amount(data: Any, offer: str | None) -> tuple[int | None, str | None]:
    """An --offer in dollars a year, and a warning when it looks like an hourly rate or a typo
    (or, for an hourly rate, a note of what it is read as a year)."""
    if offer is None:
        return None, None
    from hitsalary.core.decisions import hourly_note, implausible_amount, parse_money

    amount = parse_money(offer, hours_per_year=data.method.hours_per_year)
    warning = implausible_amount(amount, offer, method=data.method)
    return amount, warning or hourly_note(amount, offer, method=data.method)


def asked_profile(
    data: Any,
    exp: str | None,
    given: dict[str, str | None],
    extra: list[str],
    command: str = "estimate",
    *,
    survey_dollars: bool = False,
) -> Any:
    """Guided mode: ask for what no flag gave, then show the command that does the same."""
    from dataclasses import replace

    from hitsalary.cli.prompts import ask_profile
    from hitsalary.core.profile import command_line

    profile = replace(ask_profile(data, exp=exp, given=given), survey_dollars=survey_dollars)
    say_plain(f"Same as: {command_line(profile, data, extra=extra, command=command)}")
    return profile


def flags_profile(
    data: Any,
    exp: str | None,
    given: dict[str, str | None],
    *,
    can_ask: bool = True,
    survey_dollars: bool = False,
) -> Any:
    """The profile the flags describe; --exp is required here. Only estimate can ask (-i)."""
    from hitsalary.api import make_profile
    from hitsalary.core.errors import UsageProblem

    if exp is None:
        ask = ", or use -i to be asked" if can_ask else ""
        raise UsageProblem(f"missing --exp: give the years of experience (e.g. --exp 5){ask}")
    for name, value in given.items():  # a flag given blank is a mistake; only the API reads blank as default
        if value is not None and not value.strip():
            raise UsageProblem(f"invalid value for --{name}: {shown(value)} is empty")
    profile = make_profile(
        exp=exp,
        data=data,
        survey_dollars=survey_dollars,
        state=given.get("state"),
        role=given.get("role"),
        metro=given.get("metro"),
        employer=given.get("employer"),
        education=given.get("education"),
    )
    metro = given.get("metro")
    if metro is not None and profile.metro is not None:  # a name that also matched other areas
        from hitsalary.core.areas import passed_over_note

        note = passed_over_note(data, metro, state=pick_state(data, given.get("state")))
        if note:
            say(note)
    education = given.get("education")
    if education is not None:  # a degree read from the start of a longer spelling
        from hitsalary.core.profile import degree_note

        said = degree_note(data, education)
        if said:
            say(said)
    return profile


def say_variant_notes(data: Any, base: Any, changes: dict[str, str], placed: Any) -> None:
    """What flags_profile says of --metro, for a --vs metro=NAME: a name that also matched other
    areas is said with the one it is read as (compare, path, report; placed: the variant's profile)."""
    text = changes.get("metro")
    if text is None or placed.metro is None:
        return
    from hitsalary.core.areas import passed_over_note

    state = pick_state(data, changes["state"]) if "state" in changes else base.state
    note = passed_over_note(data, text, flag="--vs metro", state=None if state == "US" else state)
    if note:
        say(note)


def at_terminal() -> bool:
    """Both ends are a person at a terminal, so asking questions cannot hang a script."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def say_plain(message: str) -> None:
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


def pick_role(data: Any, text: str | None) -> Any:
    """The role a --role value names (the neutral role when none is given)."""
    from hitsalary.core.profile import Vocabulary, choose

    key = choose(Vocabulary.of(data, "role"), text, flag="--role") if text is not None else data.neutral_role
    return data.roles[key]


def pick_sort(text: str, sorts: tuple[str, ...]) -> str:
    """A --sort value, any case; a usage problem naming the choices if it is none of them."""
    from hitsalary.core.errors import UsageProblem
    from hitsalary.core.spelling import suggest

    key = text.strip().lower()
    if key in sorts:
        return key
    close = suggest(text, {s: s for s in sorts})
    hint = f"did you mean {close[0]}?" if close else f"choose from {', '.join(sorts)}"
    raise UsageProblem(f"invalid value for --sort: {text!r} ({hint})")


def pick_state(data: Any, text: str | None) -> str | None:
    """The state a --state value names; None for none given or the national value."""
    from hitsalary.core.profile import Vocabulary, choose

    if text is None:
        return None
    key = choose(Vocabulary.of(data, "state"), text, flag="--state")
    return None if key == "US" else key


def path_years(text: str | None, exp: float) -> int | None:
    """--years of `path` and `report`: without it, ten years or as many as are left (None: not
    one whole year is left before the end of the experience scale, so no step can be drawn)."""
    from hitsalary.cli.options import DEFAULT_YEARS
    from hitsalary.core.decisions import parse_path_years
    from hitsalary.core.profile import MAX_YEARS

    left = int(MAX_YEARS - exp)  # a path steps one whole year at a time
    if text is None:
        return min(DEFAULT_YEARS, left) or None
    count = parse_path_years(text)
    if count and not left:
        raise no_path_left(exp, flag="--years")
    return count


def no_path_left(exp: float, *, flag: str) -> Exception:
    """The usage error for a path asked of an experience with less than a whole year left."""
    from hitsalary.core.errors import UsageProblem
    from hitsalary.core.profile import MAX_YEARS

    return UsageProblem(
        f"invalid value for {flag}: no path can be drawn from --exp {exp:g}: a path steps one whole "
        f"year at a time, and less than one year is left before {MAX_YEARS:g} years of experience"
    )


def run_flags(
    *,
    years: str | None = None,
    vs: str | None = None,
    data_path: Path | None = None,
    target: str | None = None,
) -> list[str]:
    """The flags besides the profile and --offer that change what a run gives, spelled as typed:
    what guided mode's "Same as:" line and the report's own reproduce line add to the profile."""
    import shlex

    flags = [f"--years {years.strip()}"] if years is not None else []
    flags += [f"--vs {shlex.quote(vs)}"] if vs is not None else []
    flags += [f"--data {shlex.quote(str(data_path))}"] if data_path is not None else []
    return flags + ([f"-o {shlex.quote(target)}"] if target is not None else [])
