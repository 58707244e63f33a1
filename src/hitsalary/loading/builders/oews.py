"""The OEWS May 2025 tables (national, state, industry; rows parsed when used) and the states
with their BEA price parities."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from hitsalary.core.models import (
    StateInfo,
    Wages,
)
from hitsalary.loading import tables
from hitsalary.loading.builders.context import NATION, Context

if TYPE_CHECKING:
    pass


def oews(ctx: Context) -> tuple[dict[str, Wages], StateView, tables.Table]:
    """The May 2025 tables: national and state rows, and national rows by industry. Rows are
    parsed when used; the national rows of the roles are checked here (see roles())."""
    meta = ctx.raw["oews_2025"]
    source = ctx.source(meta["source"])
    industries = meta["industries"]
    areas = tables.Table(meta["tables"]["states"], ("soc", "state"), lambda c: c["area_name"], source)
    national = {soc: areas[(soc, NATION)] for soc, code in areas if code == NATION}
    by_state = {key: key for key in areas if key[1] != NATION}
    by_industry = tables.Table(
        meta["tables"]["industries"],
        ("soc", "naics"),
        lambda c: industries.get(c["naics"], c["naics"]),
        source,
    )
    return national, StateView(areas, by_state), by_industry


def states(ctx: Context, by_state: StateView) -> dict[str, StateInfo]:
    """Every state the OEWS table has, with its BEA price parity where BEA publishes one."""
    rpp = ctx.raw["bea_rpp"]["states"]
    out = {}
    names = by_state.names()
    for code in sorted(names):
        parity = rpp.get(code)
        out[code] = StateInfo(
            code=code,
            name=parity["name"] if parity else names[code],
            rpp=parity["rpp"] if parity else None,
            rpp_source=ctx.item_source("bea_rpp", parity) if parity else None,
        )
    return out


def national_rpp(ctx: Context) -> float:
    nation = ctx.raw["bea_rpp"]["states"].get(NATION)
    if nation is None:
        raise ctx.fail("bea_rpp", ("states",), "no US row: the national price level is needed")
    return float(nation["rpp"])


class StateView(Mapping[tuple[str, str], Wages]):
    """The state rows of the national-and-state table, by (SOC, state code)."""

    def __init__(self, table: tables.Table, wanted: dict[tuple[str, str], tuple[str, str]]) -> None:
        self.table, self.wanted = table, wanted

    def __getitem__(self, key: tuple[str, str]) -> Wages:
        if key not in self.wanted:
            raise KeyError(key)
        return self.table[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.wanted)

    def __len__(self) -> int:
        return len(self.wanted)

    def names(self) -> dict[str, str]:
        """State code -> name, from the table's area_name column (read without parsing wages)."""
        out: dict[str, str] = {}
        for soc, code in self.wanted:
            if code not in out:
                out[code] = self.table.cell((soc, code), "area_name")
        return out
