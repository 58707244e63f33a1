"""Guided mode: ask for each profile value that no flag gave, on stderr, one line each.

Answers are read line by line from stdin, so the questions can be answered by a person at a
terminal or by a script through a pipe. A wrong answer is explained with the same message the
flag would give, and the question is asked again.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from hitsalary.core.errors import InputEnded, UsageProblem, escape_controls
from hitsalary.core.models import Profile, ReferenceData
from hitsalary.core.profile import MAX_YEARS, Vocabulary, choose, degree_note, parse_exp, place_metro

T = TypeVar("T")

HINTS = {
    "state": "two-letter code or name; US = national",
    "role": "a role or job title, e.g. ehr, epic analyst, medical coder; `hitsalary roles` lists them",
}
ORDER = ("role", "state", "metro", "employer", "education")  # the order the questions are asked in


MAX_ANSWER = 1_000  # characters in one answer; a longer line is refused, read in bounded pieces


def skip_rest_of_line() -> bool:
    """Read past the end of an over-long line, a piece at a time, so memory stays flat."""
    while True:
        piece = sys.stdin.readline(64 * 1024)
        if not piece or piece.endswith("\n"):
            return True


def read_answer(question: str) -> str:
    """Show a question on stderr and read one line; the end of input is an error."""
    sys.stderr.write(question)
    sys.stderr.flush()
    try:
        line = sys.stdin.readline(MAX_ANSWER + 1)
        too_long = len(line) > MAX_ANSWER and skip_rest_of_line()
    except KeyboardInterrupt:
        sys.stderr.write("\n")  # Ctrl-C: the terminal's next line starts at its left edge
        raise
    if not line:
        sys.stderr.write("\n")
        raise InputEnded("input ended before every question was answered (pass the flags, e.g. --exp 5)")
    if too_long:
        sys.stderr.write("\n")
        raise UsageProblem(f"an answer may have at most {MAX_ANSWER:,} characters")
    answer = line.rstrip("\r\n")
    if not sys.stdin.isatty():
        sys.stderr.write(f"{escape_controls(answer)}\n")  # keep a readable transcript when answers are piped
    return answer


def ask(question: str, default: str | None, parse: Callable[[str], T]) -> T:
    """Ask until the answer parses; Enter takes the default when there is one."""
    while True:
        try:
            answer = read_answer(question).strip()
            if not answer and default is None:
                sys.stderr.write("  an answer is needed here\n")
                continue
            return parse(answer or str(default))
        except UsageProblem as exc:
            sys.stderr.write(f"  {escape_controls(as_answer_problem(str(exc)))}\n")


EXAMPLE_AREA = "41940"  # San Jose-Sunnyvale-Santa Clara, CA: the metro question's example


def as_answer_problem(message: str) -> str:
    """A flag's error as said under a question: no flag the person did not type ('invalid value
    for --exp: ', 'e.g. --exp 5'), and no way out that the question cannot take ('leave the state
    out', asked after the state was answered)."""
    message = re.sub(r"^invalid value for --[a-z-]+: ", "", message)
    message = re.sub(r"^note: --[a-z-]+ ", "note: ", message)  # a note of how an answer was read
    message = re.sub(r"\be\.g\. --[a-z-]+ ", "e.g. ", message)
    skip = "choose an area in it, or press Enter to skip"
    message = re.sub(r"give a code, e\.g\. \d+, with that area's state or none", skip, message)
    return message.replace("leave the state out, or choose an area in it", skip)


def ask_profile(data: ReferenceData, *, exp: str | None, given: dict[str, str | None]) -> Profile:
    """A profile from the flags given plus an answer for every value that is missing."""
    sys.stderr.write("Answer each question; press Enter to take the value in brackets.\n")
    years = (
        parse_exp(exp)
        if exp is not None
        else ask(f"Years of experience in this kind of work (0-{MAX_YEARS:g}): ", None, parse_exp)
    )
    values: dict[str, str | None] = {}
    for name in ORDER:
        if name == "metro":
            values.update(ask_metro(data, given.get("metro"), values.get("state")))
            continue
        vocabulary = Vocabulary.of(data, name)
        flag = f"--{name}"
        if given.get(name) is not None:
            values[name] = choose(vocabulary, str(given[name]), flag=flag)
            continue
        hint = HINTS.get(name, ", ".join(vocabulary.keys))
        question = f"{vocabulary.label} ({hint}) [{vocabulary.neutral}]: "
        # a degree read from the start of a longer answer ('MS Nursing') is said, as for the flag
        note = partial(degree_note, data) if name == "education" else None
        values[name] = ask(question, vocabulary.neutral, partial(answer, vocabulary, flag=flag, note=note))
    return Profile(exp=years, **values)  # type: ignore[arg-type]  # keys are the profile's fields


def answer(
    vocabulary: Vocabulary, text: str, *, flag: str, note: Callable[[str], str | None] | None = None
) -> str:
    """An answer to one question; a city typed at the state question is pointed to the next one;
    note, when given, says how the answer was read (a line on stderr, as the flag's note)."""
    try:
        key = choose(vocabulary, text, flag=flag)
    except UsageProblem as exc:
        if flag == "--state":
            # one sentence: the error's own bracket (a suggestion or the choices), then the hint
            raise UsageProblem(f"{exc}; a city or metro area goes in the next question") from None
        raise
    said = note(text) if note is not None else None
    if said:
        sys.stderr.write(f"  {escape_controls(as_answer_problem(said))}\n")
    return key


def ask_metro(data: ReferenceData, given: str | None, state: str | None) -> dict[str, str | None]:
    """The optional metro area: from --metro, or asked; Enter keeps the whole state."""
    if given is not None:
        return placed(data, given, state)

    def parse(answer: str) -> dict[str, str | None]:
        return placed(data, answer, state, answered=True) if answer else {}

    where = "" if state in (None, "US") else f" in {data.states[state].name}"
    return ask(
        f"Metro area{where} (name or CBSA code, e.g. {example_area(data, state)}; Enter skips): ", "", parse
    )


def example_area(data: ReferenceData, state: str | None) -> str:
    """A metro name to show as the example, as a person types it ('san jose'): EXAMPLE_AREA's,
    where the answer may lie there; else one of the state's metro areas (its first by name:
    Massachusetts was offered san jose)."""
    areas = data.area_tables.areas()
    example = areas.get(EXAMPLE_AREA)
    names = sorted(a.name for a in areas.values() if a.kind == "metro" and a.state == state)
    if example is not None and (state in (None, "US") or example.state == state or not names):
        names = [example.name]
    return re.split(r"[-,]", names[0])[0].lower() if names else EXAMPLE_AREA


def placed(
    data: ReferenceData, text: str, state: str | None, *, answered: bool = False
) -> dict[str, str | None]:
    """place_metro's area, and the note of the areas the name also matched (as flags give it)."""
    from hitsalary.core.areas import passed_over_note

    found = place_metro(data, text, state, flag="--metro")
    note = passed_over_note(data, text, state=None if state == "US" else state)
    if note:
        sys.stderr.write(f"  {escape_controls(as_answer_problem(note) if answered else note)}\n")
    return found
