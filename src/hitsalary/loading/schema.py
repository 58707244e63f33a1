"""A small declarative schema for the YAML data files, and the specs of each file.

Plain classes, not dataclasses: this module is imported on every run, and dataclass creation
costs start-up time.

Validation works on plain data and reports a key path; the loader turns the path into a file
name and line number. The same specs check the shipped files and a user's file.
"""

from __future__ import annotations

import itertools
import math
import re
import reprlib
from collections.abc import Callable, Mapping
from typing import Any

Path = tuple[str | int, ...]


class SchemaError(Exception):
    """A value in a data file does not fit its spec."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


class Spec:
    """Base of all specs: check a value found at a path."""

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        raise NotImplementedError


class Str(Spec):
    def __init__(self, pattern: str | None = None, hint: str = "") -> None:
        self.pattern, self.hint = pattern, hint
        self.regex: re.Pattern[str] | None = None  # compiled on first use, not at import

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        if not isinstance(value, str) or not value.strip():
            raise SchemaError(path, f"expected text, got {describe(value)}")
        if self.pattern and self.regex is None:
            self.regex = re.compile(self.pattern)
        if self.regex and not self.regex.fullmatch(value):
            raise SchemaError(path, f"{bounded_repr(value)} is not {self.hint or 'of the expected form'}")


LARGEST = 10**12  # any count or amount in these files is far smaller; 10**400 would overflow a float


class Num(Spec):
    def __init__(
        self,
        minimum: float | None = None,
        maximum: float | None = None,
        integer: bool = False,
        what: str = "number",
        above_zero: bool = False,
    ) -> None:
        self.minimum, self.maximum, self.integer, self.what = minimum, maximum, integer, what
        self.above_zero = above_zero

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        allowed = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, allowed):
            raise SchemaError(path, f"expected {self.what}, got {describe(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise SchemaError(path, f"{self.what} must be a finite number, got {value}")
        if abs(value) > LARGEST:
            raise SchemaError(path, f"{self.what} too large to compute with: {bounded_repr(value)}")
        if self.minimum == 0 and value < 0:
            raise SchemaError(path, f"negative {self.what}: {value}")
        if self.minimum is not None and value < self.minimum:
            raise SchemaError(path, f"{self.what} {value} is below {self.minimum:g}")
        if self.maximum is not None and value > self.maximum:
            raise SchemaError(path, f"{self.what} {value} is above {self.maximum:g}")
        if self.above_zero and value == 0:
            raise SchemaError(path, f"{self.what} must be above zero, got 0")


class Flag(Spec):
    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        if not isinstance(value, bool):
            raise SchemaError(path, f"expected true or false, got {describe(value)}")


def money() -> Num:
    """Whole dollars, never negative."""
    return Num(minimum=0, integer=True, what="wage (whole dollars)", above_zero=True)


class OneOf(Spec):
    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        if value not in self.choices:
            raise SchemaError(path, f"{bounded_repr(value)} is not one of {', '.join(self.choices)}")


class ListOf(Spec):
    def __init__(self, item: Spec) -> None:
        self.item = item

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        if not isinstance(value, list):
            raise SchemaError(path, f"expected a list, got {describe(value)}")
        for index, element in enumerate(value):
            self.item.check(element, (*path, index), partial=partial)


Check = Callable[[Mapping[str, Any]], "tuple[str, str] | None"]


class Map(Spec):
    """A mapping with known keys; unknown keys are errors."""

    def __init__(
        self,
        required: dict[str, Spec],
        optional: dict[str, Spec] | None = None,
        checks: tuple[Check, ...] = (),
        always: tuple[str, ...] = (),  # required even in a partial (user override) file
    ) -> None:
        self.required, self.optional = required, optional or {}
        self.checks, self.always = checks, always
        self.known = {**self.required, **self.optional}

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        if not isinstance(value, dict):
            raise SchemaError(path, f"expected a mapping, got {describe(value)}")
        known = self.known
        for key, element in value.items():
            if key not in known:
                raise SchemaError((*path, str(key)), unknown_key(str(key), known))
            known[key].check(element, (*path, key), partial=partial)
        needed = self.always if partial else tuple(self.required)
        for key in needed:
            if key not in value:
                raise SchemaError(path, f"missing key '{key}'")
        if not partial:
            for rule in self.checks:
                problem = rule(value)
                if problem:
                    raise SchemaError((*path, problem[0]), problem[1])


class TextOrMap(Map):
    """A block that may also be given as its rule's text alone (method.yaml's interpolation: a
    user's file may set the line; the shipped file gives it with its basis and source)."""

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        if isinstance(value, str):
            Str().check(value, path)
            return
        super().check(value, path, partial=partial)


class OneOrMany(Spec):
    """A value of one spec, or a list of two or more (area_names: a name for one area, or for
    several it could mean)."""

    def __init__(self, item: Spec) -> None:
        self.item = item

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        if not isinstance(value, list):
            self.item.check(value, path, partial=partial)
            return
        if len(value) < 2:
            raise SchemaError(path, f"expected one value or a list of two or more, got {describe(value)}")
        ListOf(self.item).check(value, path, partial=partial)


class Items(Spec):
    """A mapping from free-form keys (state codes, SOC codes, ids) to items of one spec."""

    def __init__(self, item: Spec, key_pattern: str | None = None, key_hint: str = "") -> None:
        self.item, self.key_pattern, self.key_hint = item, key_pattern, key_hint
        self.key_regex: re.Pattern[str] | None = None  # compiled on first use, not at import

    def check(self, value: Any, path: Path, *, partial: bool = False) -> None:
        if not isinstance(value, dict) or not value:
            raise SchemaError(path, f"expected a non-empty mapping, got {describe(value)}")
        if self.key_pattern and self.key_regex is None:
            self.key_regex = re.compile(self.key_pattern)
        for key, element in value.items():
            if self.key_regex and not self.key_regex.fullmatch(str(key)):
                raise SchemaError((*path, str(key)[:60]), f"key {bounded_repr(key)} is not {self.key_hint}")
            self.item.check(element, (*path, key), partial=partial)


def bounded_repr(value: Any) -> str:
    """repr() that never renders more than a few dozen characters of a value, however large or
    deeply nested (an alias bomb must not be expanded into an error message)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST:
        return f"a number with {len(str(abs(value))) if abs(value) < 10**4000 else 'over 4,000'} digits"
    short = reprlib.Repr()
    short.maxlevel, short.maxdict, short.maxlist, short.maxstring, short.maxother = 2, 4, 4, 60, 60
    return short.repr(value)


def describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    kind = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    return f"{kind.get(type(value), type(value).__name__)} {bounded_repr(value)}"[:80]


def unknown_key(key: str, known: Mapping[str, Spec]) -> str:
    import difflib  # only on an error: it costs start-up time

    close = difflib.get_close_matches(key, list(known), n=1) if len(key) <= 60 else []
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown key {bounded_repr(key)}{hint}"


def low_not_above_high(item: Mapping[str, Any]) -> tuple[str, str] | None:
    low, high = item.get("low"), item.get("high")
    if low is not None and high is not None and low > high:
        return "low", f"low {low} is above high {high}"
    return None


def low_below_high(item: Mapping[str, Any]) -> tuple[str, str] | None:
    if item["low"] >= item["high"]:
        return "low", f"low {item['low']} must be below high {item['high']}"
    return None


def needs_figure_and_year(item: Mapping[str, Any]) -> tuple[str, str] | None:
    if "from" in item:
        return None
    for key in ("figure", "year"):
        if key not in item:
            return key, f"missing key '{key}' (a reference needs a figure and a year, or 'from')"
    return None


YEAR = Num(minimum=1990, maximum=2100, integer=True, what="year")
TEXT = Str()
SOC = Str(r"\d\d-\d{4}", "a SOC code like 15-1212")
SOURCE = Map(
    required={"publisher": TEXT, "title": TEXT, "year": YEAR},
    optional={
        "statistic": TEXT,
        "series": TEXT,
        "as_of": Str(r"\d{4}(-\d\d)?", "a year or year-month like 2025-05"),
        "released": Str(r"\d{4}-\d\d-\d\d", "a date like 2026-02-19"),
        "url": Str(r"https?://\S+", "a web address"),
        "note": TEXT,
        "year_note": TEXT,
        "status": OneOf(("verified", "as_reported")),
    },
    always=("publisher", "title", "year"),  # a source block is complete, in a user's file too
)
STATUS = OneOf(("verified", "as_reported", "differs"))
BASIS = OneOf(("assumed", "published"))  # a method value: hitsalary's assumption, or a publication's


def dataset(**fields: Spec) -> Map:
    """A data file: a source block (who, what, when) plus its figures."""
    return Map(required={"source": SOURCE, **fields}, always=("source",))


def anchors_rise(item: Mapping[str, Any]) -> tuple[str, str] | None:
    anchors = item.get("anchors") or []
    if anchors and anchors[0].get("years") != 0:
        return "anchors", "the first anchor must be at 0 years"
    for before, after in itertools.pairwise(anchors):
        if not after["years"] > before["years"]:
            return "anchors", (
                f"anchor at {after['years']:g} years must come later than the one at "
                f"{before['years']:g} years: the rule must rise"
            )
    marks = [a.get("level") or a.get("toward_p90") for a in anchors]
    if any(m is None for m in marks) or [a.get("level") for a in anchors[:4]] != list(LEVEL_KEYS):
        return "anchors", "the first four anchors must be levels I-IV, each later one a toward_p90 share"
    shares = [a["toward_p90"] for a in anchors[4:]]
    if shares != sorted(set(shares)):
        return "anchors", "each toward_p90 share must be larger than the one before"
    return None


LEVEL_KEYS = ("I", "II", "III", "IV")


def levels_rise(item: Mapping[str, Any]) -> tuple[str, str] | None:
    if tuple(item.get("levels") or {}) != LEVEL_KEYS:
        return "levels", "the Department of Labor's levels are I, II, III and IV, in that order"
    return None


LEVEL = Map(
    required={"label": TEXT, "min_years": Num(minimum=0, what="year count"), "low": money(), "high": money()},
    checks=(low_not_above_high,),
)
MULTIPLIER = Num(minimum=0.01, maximum=100, what="multiplier")
FACTOR_VALUE = Map(
    required={"label": TEXT},
    optional={
        "aliases": ListOf(TEXT),
        "multiplier": MULTIPLIER,
        "naics": ListOf(Str(r"[0-9-]{6}", "a 6-character NAICS code like 622000")),
        "bound": TEXT,
        "entry_education": ListOf(TEXT),  # the BLS typical-entry levels this value stands for
        "source": SOURCE,
    },
)
FACTOR = Map(
    required={
        "label": TEXT,
        "neutral": TEXT,
        "method": OneOf(("assumed", "industry_median_ratio", "area_median_ratio")),
    },
    optional={"values": Items(FACTOR_VALUE), "note": TEXT, "fallback_soc": SOC, "bound_baseline": TEXT},
)
ROLE = Map(
    required={"label": TEXT, "soc": SOC, "why": TEXT},
    optional={
        "aliases": ListOf(TEXT),
        "spellings": ListOf(TEXT),  # accepted, not listed as job titles
        "titles": Map(required={"vendors": ListOf(TEXT), "jobs": ListOf(TEXT)}),  # vendor x job
    },
)
ARTICLE_CLAIM = Map(
    required={"figure": money(), "year": YEAR, "claim": TEXT, "reason": TEXT},
    optional={"matches": TEXT},
)
REFERENCE = Map(
    required={"label": TEXT, "publisher": TEXT, "statistic": TEXT, "status": STATUS},
    optional={
        "title": TEXT,
        "figure": money(),
        "low": money(),
        "high": money(),
        "range": TEXT,
        "year": YEAR,
        "url": SOURCE.optional["url"],
        "note": TEXT,
        "scope": TEXT,
        "roles": ListOf(TEXT),
        "from": Map(required={"dataset": TEXT, "key": TEXT, "statistic": OneOf(("mean", "median"))}),
        "article": ARTICLE_CLAIM,
        "source": SOURCE,
    },
    checks=(low_not_above_high, needs_figure_and_year),
)
CLAIM = Map(
    required={
        "claim": TEXT,
        "change_pct": Num(minimum=-100, what="percent change"),
        "checks": TEXT,
        "status": STATUS,
        "reason": TEXT,
    },
    optional={"matches": TEXT, "source": SOURCE},
)
RPP = Num(minimum=1, maximum=1000, what="price parity")
INDEX = Num(minimum=1, maximum=100_000, what="index level", above_zero=True)
ECI_SERIES = r"CI[US]\d{13}[IQA]"
QUARTER_KEY = {"key_pattern": r"\d{4}-(03|06|09|12)", "key_hint": "a quarter's last month like 2026-06"}
STATE_KEY = {"key_pattern": r"[A-Z]{2}", "key_hint": "a two-letter state code (US for the nation)"}

SPECS: dict[str, Map] = {
    "levels": dataset(levels=Items(LEVEL)),
    "method": dataset(
        basis=BASIS,
        experience=Map(
            required={
                "rule": TEXT,
                "max_quarter_growth": Num(minimum=0.001, maximum=0.1, what="growth a quarter-year"),
                "basis": BASIS,
                "source": SOURCE,
                "anchor_source": SOURCE,
                "anchors": ListOf(
                    Map(
                        required={
                            "years": Num(minimum=0, maximum=100, what="year count"),
                            "label": TEXT,
                        },
                        optional={
                            "level": OneOf(LEVEL_KEYS),
                            "toward_p90": Num(minimum=0.01, maximum=0.99, what="share of the gap"),
                        },
                    )
                ),
            },
            checks=(anchors_rise,),
        ),
        band=Map(
            required={
                "half_width": Num(minimum=0.1, maximum=3, what="level steps either side"),
                "rule": TEXT,
                "basis": BASIS,
                "source": SOURCE,
            }
        ),
        precision=Map(
            required={
                "max_wage_rse": Num(minimum=0.1, maximum=100, what="percent"),
                "min_employment": Num(minimum=0, maximum=1_000_000, integer=True, what="jobs"),
                "rule": TEXT,
                "basis": BASIS,
                "source": SOURCE,
            }
        ),
        interpolation=TextOrMap(required={"rule": TEXT, "basis": BASIS, "source": SOURCE}),
        rounding=Map(
            required={
                "unit": Num(minimum=1, maximum=10_000, integer=True, what="dollars"),
                "rule": TEXT,
                "basis": BASIS,
                "source": SOURCE,
            }
        ),
        hours_per_year=Map(
            required={"value": Num(minimum=1, maximum=8784, what="hours"), "basis": BASIS, "source": SOURCE}
        ),
        plausible_salary=Map(
            required={"low": money(), "high": money(), "rule": TEXT, "basis": BASIS, "source": SOURCE},
            checks=(low_below_high,),
        ),
        wage_levels=Map(
            required={
                "wage_year": TEXT,
                "release": TEXT,
                "basis": BASIS,
                "source": SOURCE,
                "levels": Items(Map(required={"label": TEXT})),
                "rule": TEXT,
                "label": TEXT,
                "url": SOURCE.optional["url"],
            },
            checks=(levels_rise,),
        ),
    ),
    "roles": dataset(neutral=TEXT, roles=Items(ROLE, key_pattern=r"[a-z0-9-]+", key_hint="a lower-case key")),
    "factors": dataset(factors=Items(FACTOR)),
    "references": dataset(references=Items(REFERENCE)),
    "claims": dataset(claims=Items(CLAIM)),
    "oews_2025": dataset(
        occupations=Items(TEXT, key_pattern=SOC.pattern, key_hint=SOC.hint),
        industries=Items(TEXT),
        tables=Map(required={"states": TEXT, "industries": TEXT, "areas": TEXT, "metros": TEXT}),
    ),
    "oews_industry": dataset(
        estimates=Items(
            Map(
                required={
                    "soc": SOC,
                    "title": TEXT,
                    "naics": TEXT,
                    "industry": TEXT,
                    "year": YEAR,
                },
                optional={
                    "employment": Num(minimum=0, integer=True, what="employment"),
                    "mean": money(),
                    "median": money(),
                    "source": SOURCE,
                },
            )
        )
    ),
    "projections": dataset(
        projections=Items(
            Map(
                required={
                    "soc": SOC,
                    "title": TEXT,
                    "edition": Str(r"\d{4}-\d\d", "an edition like 2024-34"),
                    "change_pct": Num(minimum=-100, what="percent change"),
                },
                optional={
                    "jobs_start_thousands": Num(minimum=0, what="employment"),
                    "jobs_end_thousands": Num(minimum=0, what="employment"),
                    "median_wage": money(),
                    "median_wage_year": YEAR,
                    "secondary_copy": Flag(),
                    "source": SOURCE,
                },
            )
        )
    ),
    "bea_rpp": dataset(
        states=Items(
            Map(
                required={"name": TEXT, "rpp": RPP},
                optional={"source": SOURCE},
            ),
            **STATE_KEY,
        )
    ),
    "education_pays": dataset(
        attainment=Items(Num(minimum=1, integer=True, what="weekly earnings (dollars)"))
    ),
    "eci": dataset(
        used=Str(ECI_SERIES, "a BLS ECI series ID like CIU2020000000000I"),
        rule=TEXT,
        series=Items(
            Map(
                required={"title": TEXT, "measure": TEXT, "quarters": Items(INDEX, **QUARTER_KEY)},
                optional={"url": SOURCE.optional["url"], "source": SOURCE},
            ),
            key_pattern=ECI_SERIES,
            key_hint="a BLS ECI series ID like CIU2020000000000I",
        ),
    ),
    "bea_rpp_areas": dataset(
        metros=Items(
            Map(required={"name": TEXT, "rpp": RPP}, optional={"source": SOURCE}),
            key_pattern=r"\d{5}",
            key_hint="a 5-digit CBSA code",
        ),
        portions=Items(
            Map(required={}, optional={"metropolitan": RPP, "nonmetropolitan": RPP, "source": SOURCE}),
            **STATE_KEY,
        ),
    ),
    "entry_education": dataset(
        occupations=Items(
            Map(
                required={"title": TEXT, "typical_entry_education": TEXT},
                optional={"work_experience": TEXT, "on_the_job_training": TEXT, "source": SOURCE},
            ),
            key_pattern=SOC.pattern,
            key_hint=SOC.hint,
        )
    ),
    "area_names": dataset(
        names=Items(
            OneOrMany(Str(r"\d{5}|\d{7}", "an OEWS area code: a 5-digit CBSA or a 7-digit nonmetro area")),
            key_pattern=r".*[0-9A-Za-z].*",
            key_hint="a name with a letter or digit",
        )
    ),
    "himss": dataset(
        groups=Items(
            Map(
                required={
                    "average_salary": money(),
                    "respondents": Num(minimum=1, integer=True, what="respondents"),
                },
                optional={"url": SOURCE.optional["url"]},
            )
        )
    ),
}
