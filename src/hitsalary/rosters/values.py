"""What a roster cell holds, read without the rest of the roster engine (the API's estimate uses
these too, and must stay cheap to import): blanks, codes given as numbers, a row's error."""

from __future__ import annotations

import re
from typing import Any

WHOLE_TEXT = re.compile(r"\s*\+?(\d+)\.0*\s*")  # 41940.0 as a spreadsheet or pandas writes a code


def blank(raw: Any) -> bool:
    """An empty cell: None, spaces only, or NaN (what pandas gives for one)."""
    return raw is None or (type(raw) is str and not raw.strip()) or (type(raw) is float and raw != raw)


def as_text(name: str, raw: Any) -> str | None:
    """A cell that names something (a state, a metro code ...) as text, None when blank: a whole
    number (41940, 41940.0, "41940.0") is its digits; any other number is an error."""
    if blank(raw):
        return None
    if isinstance(raw, str):
        whole = WHOLE_TEXT.fullmatch(raw)
        return whole[1] if whole else raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        if raw.bit_length() > 64:  # str() of a 5,000-digit number raises; no code is that long
            raise RowError(name, None, f"invalid value for {name}: a number too large for a code")
        return str(raw)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, float):
        raise RowError(name, raw, f"invalid value for {name}: {raw!r} is not a whole number (a code)")
    kind = type(raw).__name__
    raise RowError(name, raw, f"invalid value for {name}: expected text or a whole number, got {kind}")


class RowError(Exception):
    """One input record cannot be estimated; the run goes on."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        super().__init__(message)
        self.field, self.value, self.message = field, value, message
