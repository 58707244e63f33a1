"""Untrusted text on its way out: the one escaping rule every writer applies, and how a message
quotes a user's value.

Control characters (C0, DEL, C1) and the characters that reorder text on screen (the bidi marks,
embeddings, overrides and isolates) are never written raw to any stream: a terminal would obey
an ESC sequence, and a right-to-left override can make a name or a figure read backwards."""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
ECHO_LIMIT = 60  # characters of a user's value repeated in a message


def escape_controls(text: str, *, keep: str = "", json: bool = False, keep_newlines: bool = False) -> str:
    """text with every unsafe character but those in `keep` escaped: as `\\x1b` / `\\u202e` for
    people (stderr, tables, CSV cells), or with json=True as JSON's `\\u001b` / `\\u202e`, which a
    JSON parser reads back as the same character (for JSON text: the value is kept exactly).
    keep_newlines=True is keep="\\n"."""
    if keep_newlines:
        keep += "\n"

    def escaped(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        return f"\\u{ord(char):04x}" if json else char.encode("unicode_escape").decode()

    return UNSAFE.sub(escaped, text)


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
