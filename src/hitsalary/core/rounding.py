"""The roundings of shown figures: whole dollars and one-decimal percentages, half away from zero.
Their own module so that models (a result prints rounded) and calculate both use them."""

from __future__ import annotations

import math


def whole_dollars(amount: float) -> int:
    """Round half away from zero, like Decimal's ROUND_HALF_UP (tests compare the two) but
    several times faster. amount - floor(amount) is exact in floating point, so the tie test is too."""
    if amount < 0:
        return -whole_dollars(-amount)
    whole = math.floor(amount)
    return whole + 1 if amount - whole >= 0.5 else whole


def percent(value: float) -> float:
    """A percentage to one decimal, half away from zero: the one rounding of percentages."""
    return whole_dollars(value * 10) / 10


def percentile_text(value: float) -> str:
    """A percentile as every screen and the report show it: one decimal always ('55.0', '16.9'),
    the number JSON gives (a whole one had been '55' in one place and '55.0' in another)."""
    return f"{percent(value):.1f}"
