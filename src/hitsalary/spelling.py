"""One spelling for lookups, and the nearest valid choices for a misspelling."""

from __future__ import annotations

import re
from collections.abc import Mapping


def normalize(text: str) -> str:
    """One spelling for lookups: lower case, no apostrophes or dots, words joined by '-'."""
    text = re.sub(r"['\u2019.]", "", text.strip().lower())
    return re.sub(r"[\s_/-]+", "-", text).strip("-")


def suggest(text: str, choices: Mapping[str, str]) -> list[str]:
    import difflib  # only on an error: it costs start-up time

    close = difflib.get_close_matches(normalize(text), list(choices), n=3, cutoff=0.6)
    return list(dict.fromkeys(choices[c] for c in close))
