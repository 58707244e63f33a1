"""Turn what a user typed (a flag or an answer) into a normalized Profile."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from hitsalary.core.errors import UsageProblem, shown
from hitsalary.core.models import Factor, Profile, ReferenceData, Role
from hitsalary.core.spelling import is_remote, nearest, normalize, remote_problem, spelled, without_seniority

MAX_YEARS = 50.0
YEARS = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
THOUSANDS = re.compile(r",[0-9]{3}$")
PROFILE_FIELDS = ("state", "education", "employer", "role")
SOC_CODE = re.compile(r"(\d\d-\d{4})(?:\.\d\d)?", re.ASCII)  # a SOC code, or an O*NET-SOC one


def parse_exp(text: str | float, *, flag: str = "--exp") -> float:
    """Years of experience: a number from 0 to 50, decimals allowed (a point, or a comma not
    followed by exactly three digits: 10,000 could be ten thousand and is refused). A flag's
    example is written after it (`--exp 5`); a field's (a roster column, an API parameter) is the
    number alone; a --vs change's after its '=' (`--vs exp=5`)."""
    example = (f"{flag}=" if " " in flag else f"{flag} ") if flag.startswith("-") else ""
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise UsageProblem(
            f"invalid value for {flag}: {shown(text)} is not a number of years (e.g. {example}5)"
        )
    if isinstance(text, int) and abs(text) > 10**6:
        raise UsageProblem(f"invalid value for {flag}: {shown(text)} is outside 0 to {MAX_YEARS:g} years")
    cleaned = text.strip() if isinstance(text, str) else str(text)
    if isinstance(text, str) and THOUSANDS.search(cleaned):
        raise UsageProblem(
            f"invalid value for {flag}: {shown(text)} is ambiguous (a comma before three digits groups "
            f"thousands); write years with a point, e.g. {example}2.5"
        )
    try:
        if isinstance(text, str) and not YEARS.fullmatch(cleaned):
            raise ValueError(text)  # '5_0' and '1e1' are not how a person writes years
        years = float(cleaned.replace(",", "."))
    except ValueError:
        raise UsageProblem(
            f"invalid value for {flag}: {shown(text)} is not a number of years (e.g. {example}5)"
        ) from None
    if not math.isfinite(years) or not 0 <= years <= MAX_YEARS:
        raise UsageProblem(f"invalid value for {flag}: {shown(text)} is outside 0 to {MAX_YEARS:g} years")
    return years + 0.0  # -0 is 0 years, never "-0 years"


# what may follow a degree's name: its field of study ('in Nursing'), a second credential (', RN')
DEGREE_FIELD = re.compile(r"\s+in\s+|\s*[,;(/]\s*|\s+-\s+", re.IGNORECASE)


class Vocabulary:
    """The spellings one profile field accepts (a factor's values, or the roles)."""

    def __init__(
        self,
        label: str,
        neutral: str,
        keys: list[str],
        aliases: dict[str, str],
        *,
        titles: bool = False,
        codes: bool = False,
        degrees: bool = False,
        roles: Mapping[str, Role] | None = None,
    ) -> None:
        self.label, self.neutral, self.keys, self.aliases = label, neutral, keys, aliases
        self.titles = titles  # job titles: seniority words ('senior', 'II') do not change the key
        self.codes = codes  # keys are codes people know (CA): a suggestion names the code alone
        self.degrees = degrees  # degrees: a field of study after it ('BS in Nursing') is not read
        self.roles = roles  # the roles, for a BLS SOC code given where a role is expected

    @classmethod
    def of(cls, data: ReferenceData, name: str) -> Vocabulary:
        if name == "role":
            return cls(
                "Role", data.neutral_role, list(data.roles), data.role_aliases, titles=True, roles=data.roles
            )
        factor: Factor = data.factor(name)
        return cls(
            factor.label,
            factor.neutral,
            list(factor.values),
            factor.aliases,
            codes=name == "state",
            degrees=name == "education",
        )


def choose(vocabulary: Vocabulary, text: str, *, flag: str) -> str:
    """The key a spelling names; a usage problem with suggestions from the same vocabulary if none."""
    key = vocabulary.aliases.get(normalize(text))
    if key is None and vocabulary.titles:  # 'Senior Epic Analyst II' is an Epic analyst
        key = title_key(vocabulary.aliases, text)
        head, comma, tail = text.partition(",")
        if key is None and comma and "," not in tail:  # as HR systems write it: 'Director, IT'
            key = title_key(vocabulary.aliases, f"{tail} {head}")
    if key is None and vocabulary.degrees:  # 'BS in Computer Science', 'BSN, RN', 'MS Nursing'
        key = leading_degree(vocabulary, DEGREE_FIELD.split(text, maxsplit=1)[0])
    if key is None and vocabulary.roles is not None:
        key = by_soc(vocabulary.roles, text, flag=flag)
    if key is not None:
        return key
    if vocabulary.codes and is_remote(text):  # a state: 'remote' is no place
        raise UsageProblem(remote_problem(text, flag=flag))
    close = nearest(text, vocabulary.aliases) if len(text) <= 60 else []
    # the nearest spelling first, with its key: 'epic anlyst' -> 'epic analyst' (ehr)
    named = [key if vocabulary.codes else spelled(spelling, key) for spelling, key in close]
    hint = f"did you mean {' or '.join(named)}?" if named else f"choose from {', '.join(vocabulary.keys)}"
    raise UsageProblem(f"invalid value for {flag}: {shown(text)} ({hint})")


def title_key(aliases: Mapping[str, str], text: str) -> str | None:
    """The role a job title names, its seniority words left out, a module between its words
    allowed (with_words_between)."""
    title = without_seniority(normalize(text))
    return aliases.get(title) or with_words_between(aliases, title)


def with_words_between(aliases: Mapping[str, str], title: str) -> str | None:
    """The role of a job title with words between its first word and its job word ('epic-beaker-
    analyst', 'cerner-powerchart-analyst', 'security-operations-analyst'): the one the first word
    and the last one or two name together ('epic-analyst', 'security-analyst'), where no run of
    the words after the first names another role: 'network-security-engineer' is not read as a
    network engineer, nor 'epic-help-desk-analyst' as an Epic analyst (help desk is a role of its
    own, 'help-desk-analyst' one of its titles): they could be either."""
    words = title.split("-")
    rest = words[1:]
    runs = {"-".join(rest[i:j]) for i in range(len(rest)) for j in range(i + 1, len(rest) + 1)}
    for job in (1, 2):  # the job word ('analyst'), or two ('application-analyst')
        key = aliases.get("-".join([words[0], *words[-job:]])) if len(words) > job + 1 else None
        if key is not None and all(aliases.get(run, key) == key for run in runs):
            return key
    return None


def leading_degree(vocabulary: Vocabulary, text: str) -> str | None:
    """The degree a spelling starts with: its longest run of leading words that spells a degree,
    whatever field of study follows ('Master of Science Nursing', 'BS Nursing', 'MBA Healthcare')."""
    words = normalize(text).split("-")
    for end in range(len(words), 0, -1):
        key = vocabulary.aliases.get("-".join(words[:end]))
        if key is not None:
            return key
    return None


def degree_note(data: ReferenceData, text: str, *, flag: str = "--education") -> str | None:
    """One line for a degree read from the start of a longer spelling ('MS Nursing', 'bachelor
    xyzzy'): what follows is not read, so say what the value was read as; None for a whole one."""
    vocabulary = Vocabulary.of(data, "education")
    if normalize(text) in vocabulary.aliases:
        return None
    key = choose(vocabulary, text, flag=flag)
    return (
        f"note: {flag} {shown(text)} is read as {data.factor('education').values[key].label} ({key}); "
        "what follows a degree (its field of study, a second credential) is not read"
    )


def by_soc(roles: Mapping[str, Role], text: str, *, flag: str) -> str | None:
    """The role a BLS SOC code names (15-1212, or the O*NET-SOC 15-1212.00 an LCA shows) when
    exactly one role has it; a usage problem naming them when several do; None for any other text."""
    code = SOC_CODE.fullmatch(text.strip())
    if code is None:
        return None
    named = [key for key, role in roles.items() if role.soc == code.group(1)]
    if len(named) > 1:
        listed = f"{', '.join(named[:-1])} or {named[-1]}"
        raise UsageProblem(
            f"invalid value for {flag}: {shown(text)} is the SOC code of more than one role (choose {listed})"
        )
    return named[0] if named else None


def choices(vocabulary: Vocabulary) -> list[str]:
    """The canonical values, in the order the data file lists them."""
    return vocabulary.keys


def build_profile(
    data: ReferenceData,
    *,
    exp: str | float,
    state: str | None = None,
    education: str | None = None,
    employer: str | None = None,
    role: str | None = None,
    metro: str | None = None,
    survey_dollars: bool = False,
    prefix: str = "--",
) -> Profile:
    """A profile from raw values; None means the neutral value (national, bachelor, any,
    general). A message names a value as the caller wrote it: the prefix is the command line's
    `--` (`--state`); the Python API's is empty (`state`)."""
    given = {"state": state, "education": education, "employer": employer, "role": role}
    values: dict[str, str | None] = {
        name: choose(Vocabulary.of(data, name), text, flag=f"{prefix}{name}")
        for name, text in given.items()
        if text is not None
    }
    if metro is not None:
        values.update(place_metro(data, metro, values.get("state"), flag=f"{prefix}metro"))
    if not isinstance(survey_dollars, bool):
        raise UsageProblem(f"invalid value for survey_dollars: {shown(survey_dollars)} (True or False)")
    return Profile(exp=parse_exp(exp, flag=f"{prefix}exp"), **values, survey_dollars=survey_dollars)  # type: ignore[arg-type]


def place_metro(
    data: ReferenceData, text: str, state: str | None, *, flag: str, strict: bool = True
) -> dict[str, str | None]:
    """A metro area's code, and its state: the one given, if the area lies in it, else its main one.
    Strict (a state the person gave for this profile): an area outside that state is refused; not
    strict (the state of a profile being varied): the state only settles a shared name."""
    from hitsalary.core.areas import find_area

    area = find_area(data, text, flag=flag, state=state if state in data.states else None)
    if strict and state is not None and state != "US" and state not in area.states:
        raise UsageProblem(
            f"invalid value for {flag}: {area.name} ({area.code}) is not in {data.states[state].name} "
            f"({state}); leave the state out, or choose an area in it"
        )
    return {"metro": area.code, "state": state if state in area.states else area.state}


def command_line(
    profile: Profile, data: ReferenceData, *, extra: list[str] | None = None, command: str = "estimate"
) -> str:
    """The one-line command that reproduces a profile, leaving out neutral values."""
    parts = [f"hitsalary {command} --exp {profile.exp:g}"]
    for name in PROFILE_FIELDS:
        value = getattr(profile, name)
        if value != Vocabulary.of(data, name).neutral:
            parts.append(f"--{name} {value}")
    if profile.metro is not None:
        parts.append(f"--metro {profile.metro}")
    if profile.survey_dollars:
        parts.append("--survey-dollars")
    return " ".join(parts + (extra or []))
