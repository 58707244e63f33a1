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


def amount_text(name: str, value: float) -> str:
    """An amount given as a number, as the digits a person types for it in a CSV cell or after
    --offer, so that a JSON, workbook or API number is read exactly as that text is: 45.5 is
    "45.5"; the exponent Python and JSON writers use for large and small numbers is written out
    (1e+16 is "10000000000000000", 1.5e-05 "0.000015"), since an amount's text takes none. A
    float's digits are its shortest repr, the ones the JSON Lines output shows."""
    try:
        text = float.__repr__(value) if isinstance(value, float) else int.__repr__(value)
    except ValueError:  # an int of thousands of digits: str() refuses it, and so does the limit
        from hitsalary.core.decisions import MAX_AMOUNT
        from hitsalary.core.text import shown

        message = f"invalid value for {name}: {shown(value)} is ${MAX_AMOUNT:,} or more"
        raise RowError(name, value, message) from None
    if "e" in text:
        from decimal import Decimal  # rare: only numbers Python writes with an exponent

        text = format(Decimal(text), "f")
    return text


class RowError(Exception):
    """One input record cannot be estimated; the run goes on."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        super().__init__(message)
        self.field, self.value, self.message = field, value, message
