"""One spelling for lookups, and the nearest valid choices for a misspelling."""

from __future__ import annotations

from collections.abc import Mapping

DROP = str.maketrans({"'": None, "\u2019": None, ".": None, "_": " ", "/": " ", "-": " "})


def normalize(text: str) -> str:
    """One spelling for lookups: lower case, no apostrophes or dots, words joined by '-'.
    (str.translate and split, not regular expressions: it runs for every alias at start-up.)"""
    return "-".join(text.lower().translate(DROP).split())


def suggest(text: str, choices: Mapping[str, str]) -> list[str]:
    import difflib  # only on an error: it costs start-up time

    close = difflib.get_close_matches(normalize(text), list(choices), n=3, cutoff=0.6)
    return list(dict.fromkeys(choices[c] for c in close))
