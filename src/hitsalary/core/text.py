"""Untrusted text on its way out: the one escaping rule every writer applies, and how a message
quotes a user's value.

Control characters (C0, DEL, C1) and the characters that reorder text on screen (the bidi marks,
embeddings, overrides and isolates) are never written raw to any stream: a terminal would obey
an ESC sequence, and a right-to-left override can make a name or a figure read backwards."""

from __future__ import annotations

import re

SURROGATE_RANGE = (0xD800, 0xDFFF)  # lone surrogates: no UTF-8 stream can hold one
UNSAFE_RANGES = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0x200E, 0x200F),
    (0x2028, 0x2029),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    SURROGATE_RANGE,
)
UNSAFE_CHARS = "".join(chr(c) for low, high in UNSAFE_RANGES for c in range(low, high + 1))


def unsafe_pattern(keep: str = "") -> re.Pattern[str]:
    """One character class of UNSAFE_RANGES, as ranges (compiled at import: a class of their 2,200
    characters one by one took 2 ms), the characters in keep left out."""
    codes = [ord(c) for c in UNSAFE_CHARS if c not in keep]
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in runs) + "]")


UNSAFE = unsafe_pattern()
SURROGATES = re.compile("[{}-{}]".format(*map(chr, SURROGATE_RANGE)))
PATTERNS: dict[str, re.Pattern[str]] = {"": UNSAFE}  # one per set of characters kept
ECHO_LIMIT = 60  # characters of a user's value repeated in a message


def escape_controls(text: str, *, keep: str = "", json: bool = False, keep_newlines: bool = False) -> str:
    """text with every unsafe character but those in `keep` escaped: as `\\x1b` / `\\u202e` for
    people (stderr, tables, CSV cells), or with json=True as JSON's `\\u001b` / `\\u202e`, which a
    JSON parser reads back as the same character (for JSON text: the value is kept exactly).
    keep_newlines=True is keep="\\n"."""
    if keep_newlines:
        keep += "\n"

    pattern = PATTERNS.get(keep)
    if pattern is None:  # the kept characters are left out of the pattern: never matched at all
        pattern = PATTERNS[keep] = unsafe_pattern(keep)

    def escaped(match: re.Match[str]) -> str:
        char = match.group()
        return f"\\u{ord(char):04x}" if json else char.encode("unicode_escape").decode()

    return pattern.sub(escaped, text)


def shown(value: object, limit: int = ECHO_LIMIT) -> str:
    """A user's value as a message repeats it: quoted, and cut short when long. Only text and
    numbers are turned into text here: anything else is named by its type, since its own
    __str__ may fail, loop or print something else."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (bool, int, float)) and not (isinstance(value, int) and value.bit_length() > 64):
        text = str(value)
    elif isinstance(value, int):
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"  # str() would fail
    else:
        return f"a value of type {type(value).__name__}"
    if len(text) > limit:
        return repr(text[:limit]) + f"... ({len(text):,} characters)"
    return repr(text)


def possessive(name: str) -> str:
    """A place's name as an owner: "California's", "United States'" (not "States's")."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
