"""The roles, each tied to a BLS occupation with a full national distribution, and their spellings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hitsalary.core.models import (
    Role,
    Wages,
)
from hitsalary.core.spelling import normalize
from hitsalary.loading import tables
from hitsalary.loading.builders.context import Context

if TYPE_CHECKING:
    from hitsalary.loading.schema import Path


def roles(ctx: Context, national: dict[str, Wages]) -> dict[str, Role]:
    out = {}
    for key, v in ctx.raw["roles"]["roles"].items():
        wages = national.get(v["soc"])
        if wages is None or len(wages.points) < len(tables.PERCENTILE_COLUMNS):
            raise ctx.fail(
                "roles",
                ("roles", key, "soc"),
                f"{v['soc']} has no full national wage distribution in the OEWS table",
            )
        title = ctx.raw["oews_2025"]["occupations"][v["soc"]]
        out[key] = Role(
            key,
            v["label"],
            v["soc"],
            title,
            v["why"],
            tuple(v.get("aliases", [])),
            (*v.get("spellings", []), *vendor_titles(v.get("titles"))),
        )
    return out


def vendor_titles(titles: dict[str, list[str]] | None) -> tuple[str, ...]:
    """Every vendor word with every job word: 'cerner' x 'analyst' -> 'cerner-analyst'."""
    if not titles:
        return ()
    return tuple(f"{vendor}-{job}" for vendor in titles["vendors"] for job in titles["jobs"])


def neutral_role(ctx: Context, roles: dict[str, Role]) -> str:
    neutral = ctx.raw["roles"]["neutral"]
    if neutral not in roles:
        raise ctx.fail("roles", ("neutral",), f"'{neutral}' is not one of the roles")
    return str(neutral)


def aliases(ctx: Context, dataset: str, path: Path, spellings: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Normalized spelling -> key; a spelling that names two keys is an error, named where the
    user's file gives one of the two (a trial's alias for ehr was blamed on cybersecurity, the
    shipped role that had the spelling first), else where the second key is."""
    table: dict[str, str] = {}
    for key, names in spellings.items():
        for spelling in (key, *names):
            norm = normalize(spelling)
            if table.setdefault(norm, key) != key:
                first = table[norm]
                where = (*path, first if ctx.files.given(dataset, (*path, first)) else key)
                if ctx.files.given(dataset, (*where, "aliases")):
                    where = (*where, "aliases")
                raise ctx.fail(dataset, where, f"'{spelling}' names both '{first}' and '{key}'")
    return table
