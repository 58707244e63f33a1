"""Decision tools on top of the one calculation: an offer's place, what-ifs, a career path."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from hitsalary.core.calculate import calculate, percent, whole_dollars
from hitsalary.core.errors import UsageProblem, shown
from hitsalary.core.levels import assess, wage_levels
from hitsalary.core.models import Estimate, Method, Profile, ReferenceData, ReferenceFigure
from hitsalary.core.profile import MAX_YEARS, PROFILE_FIELDS, Vocabulary, choose, parse_exp, place_metro

Position = Literal["below", "inside", "above"]


HOURLY = re.compile(
    r"\$?\s*(\d[\d,]*(?:\.\d+)?)\s*(?:/\s*h(?:(?:ou)?rs?)?|(?:an?|per|each)\s+hours?|hourly|(?:/|\s)?ph)\.?",
    re.IGNORECASE | re.ASCII,  # ASCII digits only, as --exp: '٩٢' is not an amount
)
YEARLY = re.compile(r"(?:/\s*(?:yr|year)|(?:a|per)\s+year|annual(?:ly)?|yearly|/\s*a|pa)\.?$", re.IGNORECASE)
GROUPED = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
)  # 92,000 or 1,250,000.50: commas group by three
# 92.000 or 1.250: three digits after one dot are a thousands group where a dot groups them (a
# semicolon-separated export from a European Excel), never cents
THOUSANDS_DOT = re.compile(r"[0-9]{1,3}\.[0-9]{3}")
# dots grouping thousands where nothing else can be meant: a decimal comma after them (92.000,00,
# 105.500,50) or two groups or more (1.250.000)
DOT_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]{1,2}|[0-9]{1,3}(?:\.[0-9]{3}){2,}")
# a comma before one or two digits, in an hourly rate: cents (48,50/hr), as no thousands group is
DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")
MAX_AMOUNT = 100_000_000  # a limit on input, not a figure: larger amounts are refused


def parse_money(text: str, *, flag: str = "--offer", hours_per_year: float | None = None) -> int:
    """An annual amount: 92000, 92k, $92,000, 92.5K. Or, given the hours in a year (from the
    data), an hourly one: 45/hr, $45 an hour, 45 per hour. Whole dollars, at least one."""
    amount: float | None
    hourly = HOURLY.fullmatch(text.strip()) if hours_per_year and len(text) <= 40 else None
    if len(text) > 40:  # no salary needs more; int() of 5,000 digits raises
        amount = None
    elif hourly is not None and hours_per_year:
        rate = hourly.group(1)
        if DECIMAL_COMMA.fullmatch(rate):  # 48,50/hr: a rate written as Europe writes cents
            rate = rate.replace(",", ".")
        amount = (
            None
            if "," in rate and not GROUPED.fullmatch(rate)
            else float(rate.replace(",", "")) * hours_per_year
        )
    elif text.isdigit() and text.isascii():  # the common case in a roster, without the regex
        amount = int(text)
    else:
        bare = YEARLY.sub("", text.strip()).strip()
        if DOT_GROUPED.fullmatch(bare.lstrip("$")):  # 105.500,50 or 1.250.000: as Europe writes them
            bare = bare.replace(".", "").replace(",", ".")
        digits = re.sub(r"[\s$_]", "", bare).lower().removesuffix("k")
        badly_grouped = "," in digits and not GROUPED.fullmatch(digits)  # 92,5000 is not an amount
        cleaned = re.sub(r"[\s$,_]", "", bare).lower()
        match = None if badly_grouped else re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)(k?)", cleaned)
        amount = float(match.group(1)) * (1000 if match.group(2) else 1) if match else None
        if match and not match.group(2) and THOUSANDS_DOT.fullmatch(match.group(1)):
            thousands, cents = int(match.group(1).replace(".", "")), float(match.group(1))
            raise UsageProblem(
                f"invalid value for {flag}: {shown(text)} is ambiguous: ${thousands:,} with a dot "
                f"between the thousands, or ${cents:.2f}? Write {thousands} or {cents:.2f}"
            )
    if amount is None:
        example = "92000, 92k, $92,000" + (" or 45/hr" if hours_per_year else "")
        raise UsageProblem(f"invalid value for {flag}: {shown(text)} (an amount such as {example})")
    if amount < 1:  # 0.5 would round up to $1
        raise UsageProblem(f"invalid value for {flag}: {shown(text)} is less than a dollar")
    if amount >= MAX_AMOUNT:
        raise UsageProblem(f"invalid value for {flag}: {shown(text)} is ${MAX_AMOUNT:,} or more")
    return whole_dollars(amount)


def hourly_note(amount: int, text: str, *, method: Method, flag: str = "--offer") -> str | None:
    """Where an amount was given by the hour, one line saying what it is read as a year (the
    band and every figure are annual): the rate times the data's hours per year."""
    if len(text) > 40 or not HOURLY.fullmatch(text.strip()):
        return None
    return (
        f"note: {flag} {shown(text)} is read as ${amount:,} a year "
        f"(x {method.hours_per_year:,g} hours, method.yaml hours_per_year)"
    )


def implausible_amount(amount: int, text: str, *, method: Method, flag: str = "--offer") -> str | None:
    """A warning when an annual amount is outside any plausible salary (method.yaml
    `plausible_salary`, e.g. an hourly rate typed without '/hr'); the '/hr' hint only where the
    amount as an hourly rate is plausible."""
    low, high = method.plausible
    if low <= amount <= high:
        return None
    side = "below" if amount < low else "above"
    as_hourly = low <= amount * method.hours_per_year <= high
    hint = f"; for an hourly rate write {text.strip()}/hr" if as_hourly else ""
    return (
        f"warning: {flag} {shown(text)} is read as ${amount:,} a year, {side} any plausible annual "
        f"salary (${low:,} to ${high:,}){hint}"
    )


def parse_path_years(text: str | int) -> int:
    """path --years: a whole number of years, 1 to 50."""
    cleaned = text.strip() if isinstance(text, str) else str(text) if type(text) is int else ""
    if not cleaned.isascii() or not cleaned.isdigit():
        raise UsageProblem(f"invalid value for --years: {shown(text)} (a whole number of years, 1 to 50)")
    if len(cleaned.lstrip("0")) > 3:  # int() of 4,301 digits would fail; no career is that long
        raise UsageProblem(f"invalid value for --years: {shown(cleaned)} (from 1 to {MAX_YEARS:g})")
    return int(cleaned)


@dataclass(frozen=True)
class OfferVsReference:
    reference: ReferenceFigure
    difference: int
    difference_pct: float


@dataclass(frozen=True)
class OfferCheck:
    """Where an amount sits in a band, and against each reference figure."""

    amount: int
    position: Position
    percent_through: float  # 0 at the band's low, 100 at its high; outside 0-100 when outside
    outside_by: int  # dollars below the low or above the high; 0 inside
    references: tuple[OfferVsReference, ...]

    def sentence(self, est: Estimate) -> str:
        band = f"your band of ${est.band.low:,}-${est.band.high:,}"
        amount = f"${self.amount:,}"
        if self.position == "inside":
            return f"{amount} is {self.percent_through:.1f}% of the way through {band}."
        gap = percent(self.outside_by / (est.band.low if self.position == "below" else est.band.high) * 100)
        return f"{amount} is ${self.outside_by:,} ({gap:.1f}%) {self.position} {band}."


def place(amount: int, low: int, high: int) -> tuple[Position, float, int]:
    """Where an amount sits in a band: position, percent through it, dollars outside it."""
    through = percent((amount - low) / (high - low) * 100) if high > low else 50.0
    if amount < low:
        return "below", through, low - amount
    if amount > high:
        return "above", through, amount - high
    return "inside", through, 0


def assess_offer(amount: int, est: Estimate) -> OfferCheck:
    position, through, outside = place(amount, est.band.low, est.band.high)
    refs = tuple(
        OfferVsReference(
            c.reference, amount - c.reference.figure, percent((amount / c.reference.figure - 1) * 100)
        )
        for c in est.comparisons
    )
    return OfferCheck(amount, position, through, outside, refs)


VARIANT_KEYS = ("exp", *PROFILE_FIELDS, "metro")
NO_METRO = ("none", "-", "no")  # metro=none: the whole state instead of an area
FIELD_NAMES = {"specialization": "role"}  # older names still accepted


def apply_changes(
    base: Profile, text: str, data: ReferenceData, *, flag: str = "--vs"
) -> tuple[dict[str, str], Profile]:
    """A variant of a profile from 'state=CA,education=master'."""
    changes: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        key, sep, value = part.partition("=")
        key = key.strip().lower().lstrip("-")
        key = FIELD_NAMES.get(key, key)
        if not sep or not value.strip():
            raise UsageProblem(f"invalid value for {flag}: {part!r} (use FIELD=VALUE, e.g. {flag} state=CA)")
        if key not in VARIANT_KEYS:
            raise UsageProblem(
                f"invalid value for {flag}: unknown field {key!r} (choose from {', '.join(VARIANT_KEYS)})"
            )
        if key in changes:
            raise UsageProblem(f"invalid value for {flag}: {shown(text)} changes {key} twice")
        changes[key] = value.strip()
    profile = base
    for key, value in sorted(changes.items(), key=lambda kv: kv[0] == "metro"):  # metro last
        if key == "exp":
            profile = replace(profile, exp=parse_exp(value, flag=f"{flag} exp"))
        elif key == "metro":
            placed = variant_metro(data, profile, value, strict="state" in changes, flag=flag)
            profile = replace(profile, metro=placed["metro"], state=placed.get("state") or profile.state)
        else:
            chosen = choose(Vocabulary.of(data, key), value, flag=f"{flag} {key}")
            profile = replace(profile, **{key: chosen})  # type: ignore[arg-type]  # a text field
            if key == "state" and profile.metro is not None and not metro_in(data, profile.metro, chosen):
                profile = replace(profile, metro=None)  # moving to another state leaves the area
    return changes, profile


def variant_metro(
    data: ReferenceData, profile: Profile, value: str, *, strict: bool, flag: str
) -> dict[str, str | None]:
    """A --vs metro: none, or an area. A state changed in the same --vs must contain it; the base
    profile's state only settles a shared name and is kept when the area lies in it."""
    if value.lower() in NO_METRO:
        return {"metro": None}
    return place_metro(data, value, profile.state, flag=flag, strict=strict)


def metro_in(data: ReferenceData, code: str, state: str) -> bool:
    return state in data.area_tables.areas()[code].states


@dataclass(frozen=True)
class FactorMove:
    name: str
    label: str
    before: str
    after: str
    before_multiplier: float
    after_multiplier: float


@dataclass(frozen=True)
class InputMove:
    """A changed input of a what-if, in words ('State', 'Minnesota', 'Wisconsin'), and why a
    related input changed with it or stayed (a --vs state that leaves or keeps the metro)."""

    name: str
    label: str
    before: str
    after: str
    note: str = ""


@dataclass(frozen=True)
class Variant:
    """A what-if: a changed profile, its estimate, and how it differs from the base."""

    label: str
    changes: dict[str, str]
    estimate: Estimate
    moved: tuple[FactorMove, ...]
    mid_change: int
    mid_change_pct: float
    ppp_change: int | None
    ppp_change_pct: float | None
    inputs: tuple[InputMove, ...] = ()
    parity: tuple[float | None, float | None] | None = None  # price parities, when they differ


def percentile_words(value: float) -> str:
    """'percentile 37.2', 'percentile 50': one decimal at most, never an ordinal ('37.2th')."""
    return "percentile " + f"{percent(value):.1f}".rstrip("0").rstrip(".")


def moves(base: Estimate, other: Estimate) -> tuple[FactorMove, ...]:
    out = []
    if base.role.key != other.role.key:
        before, after = f"{base.role.label} ({base.role.soc})", f"{other.role.label} ({other.role.soc})"
        out.append(FactorMove("role", "Role", before, after, 1.0, 1.0))
    if base.profile.exp != other.profile.exp:
        before, after = (percentile_words(e.percentiles.point) for e in (base, other))
        out.append(FactorMove("exp", "Experience", before, after, 1.0, 1.0))
    for a, b in zip(base.factors, other.factors, strict=True):
        if a.value.key != b.value.key or a.value.multiplier != b.value.multiplier:
            out.append(
                FactorMove(
                    a.name, a.label, a.value.label, b.value.label, a.value.multiplier, b.value.multiplier
                )
            )
    return tuple(out)


def state_name(data: ReferenceData, code: str) -> str:
    return data.states[code].name if code in data.states else "the nation"


def input_labels(est: Estimate, data: ReferenceData) -> dict[str, tuple[str, str]]:
    """Each input of an estimate's profile: its label and its value in words."""
    p = est.profile
    metro = data.area_tables.areas()[p.metro].name if p.metro else "none"
    labels = {
        "exp": ("Experience", f"{p.exp:g} year" + ("" if p.exp == 1 else "s")),
        "role": ("Role", est.role.label),
        "state": ("State", state_name(data, p.state)),
        "metro": ("Metro area", metro),
    }
    labels |= {a.name: (a.label, a.value.label) for a in est.factors if a.name not in labels}
    return labels


def input_moves(base: Estimate, other: Estimate, data: ReferenceData) -> tuple[InputMove, ...]:
    """Every input that differs between two estimates' profiles. A --vs state keeps the base
    metro when the area extends into the new state, and otherwise drops it for the whole state."""
    before, after = input_labels(base, data), input_labels(other, data)
    b, o = base.profile, other.profile
    out = []
    for name in ("exp", "role", "state", "metro", "education", "employer"):
        if getattr(b, name) == getattr(o, name):
            continue
        note = ""
        if name == "metro" and o.metro is None and b.state != o.state:
            note = (
                f"the area does not extend into {state_name(data, o.state)}: its whole-state figures are used"
            )
        elif name == "state" and o.metro is not None and o.metro == b.metro:
            note = f"the metro area is kept: it extends into {state_name(data, o.state)}"
        label = before.get(name, after.get(name, (name, "")))[0]
        out.append(InputMove(name, label, before[name][1], after[name][1], note))
    return tuple(out)


def variant(
    label: str, changes: dict[str, str], base: Estimate, other: Estimate, data: ReferenceData
) -> Variant:
    mid_change = other.band.mid - base.band.mid
    ppp_change = ppp_pct = None
    if base.purchasing_power and other.purchasing_power:
        before, after = base.purchasing_power.band.mid, other.purchasing_power.band.mid
        ppp_change, ppp_pct = after - before, percent((after / before - 1) * 100)
    parities = tuple(e.purchasing_power.rpp if e.purchasing_power else None for e in (base, other))
    return Variant(
        label,
        changes,
        other,
        moves(base, other),
        mid_change,
        percent(mid_change / base.band.mid * 100),
        ppp_change,
        ppp_pct,
        input_moves(base, other, data),
        (parities[0], parities[1]) if parities[0] != parities[1] else None,
    )


MAX_VARIANTS = 20  # --vs flags in one command: a table a person can read, and bounded memory


def check_variant_count(variants: list[str]) -> None:
    if len(variants) > MAX_VARIANTS:
        raise UsageProblem(f"too many --vs: {len(variants):,} given, at most {MAX_VARIANTS}")


def compare(base: Profile, variants: list[str], data: ReferenceData) -> tuple[Estimate, list[Variant]]:
    """The base estimate and one Variant per --vs text, all from the one calculation."""
    check_variant_count(variants)
    base_estimate = calculate(base, data)
    out = []
    for text in variants:
        changes, profile = apply_changes(base, text, data)
        out.append(variant(text, changes, base_estimate, calculate(profile, data), data))
    return base_estimate, out


PATH_NOTE = (
    "This is today's market applied to more years of experience, not a forecast of raises: "
    "it assumes today's wages and factors stay as they are. Each year's wage level holds the "
    "shown point (in the dollars the bands are in) against the Department of Labor's levels for "
    "the area, which are never aged: the verdict `levels --offer <that point>` gives."
)


@dataclass(frozen=True)
class PathPoint:
    year: int
    estimate: Estimate
    level: str  # the highest wage level the point meets, as `levels --offer <point>` says
    level_changed: bool


def career_path(profile: Profile, years: int, data: ReferenceData) -> list[PathPoint]:
    """Today's market applied to each further year of experience (not a forecast of raises)."""
    if not 1 <= years <= MAX_YEARS:
        raise UsageProblem(f"invalid value for --years: {years} (from 1 to {MAX_YEARS:g})")
    if profile.exp + years > MAX_YEARS:
        raise UsageProblem(
            f"invalid value for --years: {years} would go past {MAX_YEARS:g} years of experience "
            f"(at most {int(MAX_YEARS - profile.exp)} from --exp {profile.exp:g})"
        )
    points: list[PathPoint] = []
    table = wage_levels(data, profile)  # the role and area stay; only the years move
    labels = dict(data.method.levels)
    for year in range(years + 1):
        est = calculate(replace(profile, exp=profile.exp + year), data)
        met = assess(table, est.band.mid).highest_level_met
        level = f"Level {met} ({labels[met]})" if met else "below Level I"
        changed = bool(points) and points[-1].level != level
        points.append(PathPoint(year, est, level, changed))
    return points
