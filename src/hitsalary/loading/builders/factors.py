"""The factors and the values each accepts, checked against what its method needs (an assumed
multiplier against its Education pays bound, an industry against the OEWS table)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from hitsalary.core.models import (
    Choice,
    Factor,
    Role,
    StateInfo,
    Wages,
)
from hitsalary.loading.builders.context import Context, Raw
from hitsalary.loading.builders.roles import aliases

if TYPE_CHECKING:
    from hitsalary.loading.schema import Path


def factors(
    ctx: Context, states: dict[str, StateInfo], by_industry: Mapping[tuple[str, str], Wages]
) -> tuple[Factor, ...]:
    out = []
    for name, raw in ctx.raw["factors"]["factors"].items():
        accepted = choices(ctx, name, raw, states, by_industry)
        if raw["neutral"] not in accepted:
            raise ctx.fail(
                "factors", ("factors", name, "neutral"), f"'{raw['neutral']}' is not one of its values"
            )
        declared = raw.get("values") or {}
        spellings = {key: (c.label, *declared.get(key, {}).get("aliases", [])) for key, c in accepted.items()}
        out.append(
            Factor(
                name=name,
                label=raw["label"],
                neutral=raw["neutral"],
                method=raw["method"],
                note=raw.get("note", ""),
                values=accepted,
                aliases=aliases(ctx, "factors", ("factors", name, "values"), spellings),
                fallback_soc=raw.get("fallback_soc"),
            )
        )
    return tuple(out)


def choices(
    ctx: Context,
    name: str,
    raw: Raw,
    states: dict[str, StateInfo],
    by_industry: Mapping[tuple[str, str], Wages],
) -> dict[str, Choice]:
    """The values a factor accepts, each checked against what its method needs."""
    declared = raw.get("values") or {}
    method = raw["method"]
    out: dict[str, Choice] = {}
    for key, v in declared.items():
        path: Path = ("factors", name, "values", key)
        if method == "assumed":
            out[key] = assumed_choice(ctx, path, key, v, raw)
        elif method == "industry_median_ratio":
            codes = tuple(v.get("naics", ()))
            unknown = [c for c in codes if c not in ctx.raw["oews_2025"]["industries"]]
            if not codes or unknown:
                problem = f"NAICS {unknown[0]} is not in the OEWS table" if unknown else "needs 'naics'"
                raise ctx.fail("factors", (*path, "naics"), problem)
            out[key] = Choice(key, v["label"], naics=codes)
        else:
            out[key] = Choice(key, v["label"])
    if method == "area_median_ratio":
        for code, info in states.items():
            out.setdefault(code, Choice(code, info.name))
        if raw.get("fallback_soc") not in ctx.raw["oews_2025"]["occupations"]:
            raise ctx.fail("factors", ("factors", name, "fallback_soc"), "not in the OEWS table")
    return out


def assumed_choice(ctx: Context, path: Path, key: str, v: Raw, raw: Raw) -> Choice:
    """An assumed multiplier, refused when it is larger than the BLS gap that bounds it."""
    if "multiplier" not in v:
        raise ctx.fail("factors", path, "an assumed value needs a 'multiplier'")
    multiplier = v["multiplier"]
    if key == raw["neutral"]:
        if multiplier != 1.0:
            raise ctx.fail("factors", (*path, "multiplier"), "the neutral value must have multiplier 1")
        return Choice(key, v["label"], multiplier=1.0)
    pays = ctx.raw["education_pays"]["attainment"]
    bound, baseline = v.get("bound"), raw.get("bound_baseline")
    if bound not in pays or baseline not in pays:
        missing = bound if bound not in pays else baseline
        raise ctx.fail("factors", (*path, "bound"), f"no Education pays figure for {missing!r}")
    ratio = pays[bound] / pays[baseline]
    if (multiplier - 1) * (ratio - 1) < 0:  # on the wrong side of 1: not 'beyond' the gap
        side, pays_word = ("below", "more") if multiplier < 1 else ("above", "less")
        raise ctx.fail(
            "factors",
            (*path, "multiplier"),
            f"{multiplier:g} is {side} 1, where the all-occupation gap it is bounded by is {ratio:.3f} "
            f"({bound} / {baseline}: {bound} pays {pays_word}); it must lie between "
            f"{min(1, ratio):.3f} and {max(1, ratio):.3f}",
        )
    if abs(multiplier - 1) > abs(ratio - 1):
        raise ctx.fail(
            "factors",
            (*path, "multiplier"),
            f"{multiplier:g} goes beyond the all-occupation gap it is bounded by ({ratio:.3f}: "
            f"{bound} / {baseline})",
        )
    return Choice(
        key,
        v["label"],
        multiplier=multiplier,
        bound=bound,
        baseline=baseline,
        source=ctx.item_source("factors", v),
        entry_education=tuple(v.get("entry_education", ())),
    )


def check_entry_education(
    ctx: Context, all_factors: tuple[Factor, ...], roles: Mapping[str, Role], entry: Mapping[str, str]
) -> None:
    """Every role's typical entry education names exactly one value of an assumed factor that
    lists entry levels, and every other value, re-based to it, stays within its re-based bound."""
    pays = ctx.raw["education_pays"]["attainment"]
    for factor in (f for f in all_factors if any(c.entry_education for c in f.values.values())):
        for role in roles.values():
            level = entry.get(role.soc)
            named = [c for c in factor.values.values() if level in c.entry_education]
            if level is None or len(named) != 1:
                problem = (
                    f"no typical entry education for {role.soc}"
                    if level is None
                    else (
                        f"{role.soc}'s typical entry education {level!r} is named by "
                        f"{len(named)} values (needs exactly one)"
                    )
                )
                raise ctx.fail("factors", ("factors", factor.name, "values"), problem)
            base = named[0]
            for choice in factor.values.values():
                if choice.bound is None or base.bound is None or choice.multiplier is None:
                    continue
                m = choice.multiplier / (base.multiplier or 1.0)
                ratio = pays[choice.bound] / pays[base.bound]
                if (m - 1) * (ratio - 1) < 0 or abs(m - 1) > abs(ratio - 1) + 1e-12:
                    # name the value a user's file changed: the baseline's, if it was that one
                    culprit = base if base.source and base.source.origin != "shipped" else choice
                    raise ctx.fail(
                        "factors",
                        ("factors", factor.name, "values", culprit.key, "multiplier"),
                        rebased_problem(role.soc, choice, base, m, ratio),
                    )


def rebased_problem(soc: str, choice: Choice, base: Choice, m: float, ratio: float) -> str:
    """Why a value re-based to a role's typical entry education fails its bound, in figures: the
    two multipliers, their quotient and the Education pays gap (a trial read '0.982 goes beyond
    the gap 1.238' as nonsense: 0.982 was on the wrong side of 1, not beyond the gap)."""
    rebased = (
        f"{choice.key} ({choice.multiplier:g}) over {soc}'s typical {base.key} ({base.multiplier:g}) "
        f"is {m:.3f}"
    )
    if (m - 1) * (ratio - 1) < 0:
        side, gap_side, pays = ("below", "above", "less") if m < 1 else ("above", "below", "more")
        return (
            f"{rebased}, {side} 1, where Education pays puts {choice.bound} {gap_side} {base.bound} "
            f"({ratio:.3f}): change one so that {choice.key} pays no {pays} than {base.key}"
        )
    return f"{rebased}, beyond the gap it is bounded by ({ratio:.3f}: {choice.bound} / {base.bound})"
