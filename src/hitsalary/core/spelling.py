"""One spelling for lookups, and the nearest valid choices for a misspelling."""

from __future__ import annotations

from collections.abc import Mapping

from hitsalary.core.text import shown

DROP = str.maketrans({"'": None, "\u2019": None, ".": None, "_": " ", "/": " ", "-": " ", ",": " "})


def normalize(text: str) -> str:
    """One spelling for lookups: lower case, no apostrophes or dots, words joined by '-' (a comma
    parts words too: 'Manager, Clinical Applications').
    (str.translate and split, not regular expressions: it runs for every alias at start-up.)"""
    return "-".join(text.lower().translate(DROP).split())


# words a job title carries that do not change the occupation: 'Senior Epic Analyst II'
SENIORITY = frozenset({"senior", "sr", "junior", "jr", "lead", "principal", "staff", "i", "ii", "iii", "iv"})


def without_seniority(spelling: str) -> str:
    """A normalized title without its seniority words: 'sr-epic-analyst-ii' -> 'epic-analyst'."""
    return "-".join(word for word in spelling.split("-") if word not in SENIORITY)


def suggest(text: str, choices: Mapping[str, str]) -> list[str]:
    """The keys of the nearest spellings (see nearest), at most three."""
    return [key for _, key in nearest(text, choices)]


MIN_SHARED = 4  # letters of a word a suggestion may share with the text ('data', not 'it' or 'of')
# words of a leader's title: a text with one ('Director of Clinical Informatics', 'VP of IT') is
# shown the job titles that carry one first, nearest first (the managers' roles, not analysts')
RANKS = frozenset({"director", "manager", "chief", "head", "vp", "vice", "officer", "cio", "cmio", "cnio"})


def nearest(text: str, choices: Mapping[str, str]) -> list[tuple[str, str]]:
    """The nearest spellings and their keys, one spelling per key, at most three. A text of two
    words or more is matched against the spellings of two words or more (job titles such as
    'cerner-analyst') first, so that 'cerner anlyst' points at the EHR analyst and not at
    'security-analyst', whose letters it also resembles; a single word is matched against single
    words first ('sofware': software). Between the two come the job titles that share a whole word
    with the text ('nurse': 'nurse informaticist'). A leader's title (RANKS) is shown the titles
    of leaders first."""
    import difflib  # only on an error: it costs start-up time

    norm = without_seniority(normalize(text)) or normalize(text)
    titles = [c for c in choices if "-" in c]
    words = [c for c in choices if "-" not in c]
    near_titles = difflib.get_close_matches(norm, titles, n=3, cutoff=0.6)
    near_words = difflib.get_close_matches(norm, words, n=3, cutoff=0.6)
    # then the job titles that share a whole word with the text ('registered nurse': 'nurse
    # informatics', not 'registrar', whose letters it resembles)
    typed = {word for word in norm.split("-") if len(word) >= MIN_SHARED}
    sharing = [c for c in titles if typed & set(c.split("-"))]
    ranked: list[str] = []
    if RANKS & set(norm.split("-")):
        leaders = [c for c in titles if RANKS & set(c.split("-"))]
        ranked = sorted(leaders, key=lambda c: -difflib.SequenceMatcher(None, norm, c).ratio())
    groups = (
        (ranked, near_titles, sharing, near_words)
        if "-" in norm
        else (ranked, near_words, sharing, near_titles)
    )
    close = [c for group in groups for c in group]
    first: dict[str, str] = {}  # key -> its nearest spelling
    for spelling in close:
        first.setdefault(choices[spelling], spelling)
    return [(spelling, key) for key, spelling in first.items()][:3]


def spelled(spelling: str, key: str) -> str:
    """A suggestion as the person would type it: 'epic analyst' (ehr); a key alone when the
    nearest spelling is the key itself."""
    if spelling == key:
        return key
    return f"'{spelling.replace('-', ' ')}' ({key})"


# what people give for where a job is when it has no place: answered with how to price it
REMOTE = frozenset(
    {"remote", "wfh", "work-from-home", "telework", "telecommute", "virtual", "anywhere", "remote-us"}
)


def is_remote(text: str) -> bool:
    return normalize(text) in REMOTE


def remote_problem(text: str, *, flag: str) -> str:
    # a metro has no national value to give: its way out is to give none (the state's band)
    way = (
        "metro area, or no metro for its state"
        if "metro" in flag
        else "state or metro area, or US for the national band"
    )
    return (
        f"invalid value for {flag}: {shown(text)} is not a place: BLS measures pay by area, and a remote "
        "job's pay is set for one (the worker's home, which DOL takes as a remote worker's worksite, or "
        f"the employer's market); give that {way}"
    )
