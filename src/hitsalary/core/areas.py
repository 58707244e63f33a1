"""Metropolitan and nonmetropolitan areas: find one by its code or any unambiguous part of its
name. The areas themselves come from the data's area tables (`ReferenceData.area_tables`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from hitsalary.core.errors import DataError, UsageProblem, shown
from hitsalary.core.models import Area, ReferenceData
from hitsalary.core.spelling import is_remote, remote_problem
from hitsalary.core.text import possessive

MAX_LISTED = 8  # candidates named in an "ambiguous" message


def simplify(text: str) -> str:
    """Lower case, letters and digits only, single spaces, 'saint' as BLS writes it ('st'):
    'San Jose-Sunnyvale' -> 'san jose sunnyvale', 'Saint Louis' -> 'st louis'."""
    return " ".join(
        "st" if word == "saint" else word for word in re.sub(r"[^0-9a-z]+", " ", text.lower()).split()
    )


def split_state(data: ReferenceData, query: str) -> tuple[str, str | None]:
    """'portland or' -> ('portland', 'OR'); 'washington dc' -> ('washington', 'DC'): a state named
    at the end of the query (code or name), when something is left before it."""
    states = {code.lower(): code for code in data.states}
    states.update({simplify(info.name): code for code, info in data.states.items()})
    words = query.split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in states:
            return " ".join(words[:-size]), states[" ".join(words[-size:])]
    return query, None


@functools.lru_cache(maxsize=4)
def simple_names(data: ReferenceData) -> list[tuple[str, Area]]:
    """Each area with its name simplified once, for matching."""
    return [(simplify(a.name), a) for a in data.area_tables.areas().values()]


@functools.lru_cache(maxsize=4)
def short_names(data: ReferenceData) -> dict[str, tuple[Area, ...]]:
    """The data's short names of areas ('nyc', 'twin cities', area_names.yaml), simplified as a
    query is, each with the area its code names (or the areas a name could mean, 'bay area'); a
    code that names no area is the data's error."""
    areas = data.area_tables.areas()
    out = {}
    for name, codes in data.area_names.items():
        for code in codes:
            if code not in areas:
                raise DataError(f"area_names: names: {name}: {code} is not an area of the OEWS area list")
        out[simplify(name)] = tuple(areas[code] for code in codes)
    return out


def find_area(data: ReferenceData, text: str, *, flag: str = "--metro", state: str | None = None) -> Area:
    """The area a code or a part of a name names; exit 2 with the candidates or the nearest names.
    A state, when given, settles a name that several areas share (Springfield, MA)."""
    return resolve_area(data, text, flag=flag, state=state)[0]


def passed_over_note(
    data: ReferenceData, text: str, *, flag: str = "--metro", state: str | None = None
) -> str | None:
    """One line for a name that also matched other areas, the chosen one being the only one whose
    name starts with it ('washington' is Washington-Arlington-Alexandria, DC-VA-MD-WV, not Eastern
    or Western Washington's nonmetro areas); None when nothing else matched."""
    area, others = resolve_area(data, text, flag=flag, state=state)
    if not others:
        return None
    return (
        f"note: {flag} {shown(text)} is read as {area.name} ({area.code}), the one area whose name "
        f"starts with it; it also matches {listed(others)}: give a code for one of those"
    )


def passed_over_cells_note(passed: Mapping[str, Area]) -> str | None:
    """A roster's passed_over_note, once for the run: the metro cells read as the one area whose
    name starts with them though they match others too, the first three shown."""
    if not passed:
        return None
    first = "; ".join(
        f"{shown(text)} as {area.name} ({area.code})" for text, area in list(passed.items())[:3]
    )
    more = f", and {len(passed) - 3} more" if len(passed) > 3 else ""
    count = "1 metro name" if len(passed) == 1 else f"{len(passed)} metro names"
    return (
        f"note: {count} also matched other areas, each read as the one whose name starts with it: "
        f"{first}{more}; `hitsalary estimate --exp 1 --metro NAME` names the others (give codes for those)"
    )


@functools.lru_cache(maxsize=1024)
def resolve_area(
    data: ReferenceData, text: str, *, flag: str = "--metro", state: str | None = None
) -> tuple[Area, tuple[Area, ...]]:
    """find_area's area, and the other areas the name matched when the leading rule chose it."""
    areas = data.area_tables.areas()
    wanted = text.strip()
    if wanted in areas:
        return areas[wanted], ()
    query = simplify(wanted)
    if not query:
        raise UsageProblem(f"invalid value for {flag}: {shown(text)} (a CBSA code such as 41940, or a name)")
    if is_remote(wanted):
        raise UsageProblem(remote_problem(text, flag=flag))
    named = short_names(data).get(query, ())
    if len(named) == 1:
        return named[0], ()
    full = query
    found = list(named) or matches(data, query)  # a short name for several areas: all of them
    named_state = None
    if not found:
        query, named_state = split_state(data, query)
        named = short_names(data).get(query, ())
        found = [a for a in named if named_state in a.states]  # 'sf ca'
        found = found or [a for a in matches(data, query) if named_state in a.states]
    outside = state is not None and len(found) > 1 and not any(state in a.states for a in found)
    if len(found) > 1 and state is not None:
        in_state = [a for a in found if state in a.states]
        found = in_state or found
    if len(found) > 1:
        leading = [a for a in found if simplify(a.name).startswith(query)]
        if len(leading) == 1:
            return leading[0], tuple(a for a in found if a is not leading[0])
    if len(found) == 1:
        return found[0], ()
    if found:
        raise UsageProblem(
            ambiguous(
                data,
                text,
                query,
                found,
                flag=flag,
                state=state or named_state,
                outside=outside,
                nickname=bool(named),
            )
        )
    raise UsageProblem(f"invalid value for {flag}: {shown(text)} ({nearest(data, areas, full, state=state)})")


def ambiguous(
    data: ReferenceData,
    text: str,
    query: str,
    found: list[Area],
    *,
    flag: str,
    state: str | None,
    outside: bool,
    nickname: bool = False,
) -> str:
    """The message for a name several areas match, with the way out that can work: the state
    where they lie in different states and none was given; else a code or more of the name."""
    where = ""
    if outside and state in data.states:
        where = f", none of them in {data.states[state].name} ({state})"
    code = query.upper()
    if code in data.states and code in {a.state for a in found}:  # 'la': the state code matched
        hint = (
            f"{code} is {possessive(data.states[code].name)} state code: for the state give "
            f"{state_way(flag)}{code}; for an area, more of its name or its code"
        )
    elif outside:
        hint = f"give a code, e.g. {found[0].code}, with that area's state or none"
    elif state is None and len({a.state for a in found}) > 1:
        hint = (
            f"add the state to the name, e.g. {shown(f'{query} {found[0].state.lower()}')}, or give the state"
        )
    else:  # a short name for several areas ('bay area') has no more to it: a code
        hint = f"give a code, e.g. {found[0].code}" + ("" if nickname else ", or more of the name")
    return (
        f"invalid value for {flag}: {shown(text)} matches {len(found)} areas{where}: {listed(found)} ({hint})"
    )


def state_way(flag: str) -> str:
    """How the state is given where flag gives the metro: --state, --vs state=, a roster's column."""
    if flag.startswith("--vs"):
        return "--vs state="
    return "--state " if flag.startswith("--") else "state "


def listed(areas: Sequence[Area]) -> str:
    """Areas as a message names them: name (code); ...; the first MAX_LISTED, and how many more."""
    named = "; ".join(f"{a.name} ({a.code})" for a in areas[:MAX_LISTED])
    return named + (f" and {len(areas) - MAX_LISTED} more" if len(areas) > MAX_LISTED else "")


def matches(data: ReferenceData, query: str) -> list[Area]:
    """Areas named exactly so, else containing the query as whole words, else as the start of
    words ('san fran', 'minneap'), else having every word of it start one of theirs, in any
    order ('new york city' is New York-Newark-Jersey City); never inside a word: 'sf' is not
    Bakersfield."""
    names = simple_names(data)
    found = [a for name, a in names if name == query]
    found = found or [a for name, a in names if f" {query} " in f" {name} "]
    found = found or [a for name, a in names if f" {query}" in f" {name}"]
    return found or [a for name, a in names if words_start(query.split(), name.split())]


def words_start(words: list[str], name: list[str]) -> bool:
    """Whether each word starts a word of the name, a different one each ('new york city' in
    'new york newark jersey city'; not 'washington wa', whose 'wa' has no word of its own left)."""
    left = list(name)
    for word in words:
        found = next((w for w in left if w.startswith(word)), None)
        if found is None:
            return False
        left.remove(found)
    return True


def nearest(data: ReferenceData, areas: Mapping[str, Area], query: str, *, state: str | None = None) -> str:
    """The nearest names: with a state, its own areas first, and of the others only those nearer
    than its nearest (the guided question 'Metro area in Colorado' refuses an area outside it); for
    a query that names a state ('rural alaska'), its nonmetro areas."""
    states = {simplify(info.name): code for code, info in data.states.items()}
    words = query.split()
    spans = (query, *words, *(" ".join(words[i : i + 2]) for i in range(len(words) - 1)))
    named = [states[w] for w in spans if w in states]
    rural = [a for a in areas.values() if a.kind == "nonmetro" and named and named[0] in a.states]
    if rural:
        return "did you mean " + " or ".join(f"{a.name} ({a.code})" for a in rural[:4]) + "?"

    suggested = close_areas(query, list(areas.values()))
    in_state = close_areas(query, [a for a in areas.values() if state in a.states])
    if in_state:  # the state's own first, then only the areas outside it that are nearer still
        nearer = suggested[: next((i for i, a in enumerate(suggested) if state in a.states), len(suggested))]
        suggested = list(dict.fromkeys(in_state + nearer))[:3]
    if not suggested:
        return "no such metropolitan or nonmetropolitan area; `hitsalary areas` lists them"
    return "did you mean " + " or ".join(f"{a.name} ({a.code})" for a in suggested) + "?"


def close_areas(query: str, areas: list[Area]) -> list[Area]:
    """Up to three areas with a place name (a part between hyphens and commas) near the query."""
    import difflib  # only on an error: it costs start-up time

    by_place: dict[str, Area] = {}
    for area in areas:
        for place in re.split(r"[-,]", area.name):
            by_place.setdefault(simplify(place), area)
    close = difflib.get_close_matches(query, list(by_place), n=6, cutoff=0.6)
    return list(dict.fromkeys(by_place[c] for c in close))[:3]  # one mention per area
