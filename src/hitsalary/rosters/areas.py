"""The area tables as one batch run reads them: by occupation, once each. A roster names many
areas but few occupations, and the loader reads one occupation across every area in one pass
(`role_everywhere`), so a run parses the metro table once per role instead of once per area;
`wages_in(code).get(soc)`, all the calculation asks, is then a lookup."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from hitsalary.core.models import Area, AreaTables, Wages


class RunAreaTables:
    """An AreaTables that remembers, for one run, each occupation's figures in every area."""

    def __init__(self, tables: AreaTables) -> None:
        self.tables = tables
        self.by_role: dict[str, Mapping[str, Wages]] = {}  # SOC -> area code -> figures
        self.listed: Mapping[str, Area] | None = None
        self.views: dict[str, AreaView] = {}  # area code -> its view, made once

    def areas(self) -> Mapping[str, Area]:
        if self.listed is None:
            self.listed = self.tables.areas()
        return self.listed

    def wages_in(self, code: str) -> Mapping[str, Wages]:
        found = self.views.get(code)
        if found is None:
            if code not in self.areas():
                return self.tables.wages_in(code)  # the loader's own error for an unknown code
            found = self.views[code] = AreaView(self, code)
        return found

    def role_everywhere(self, soc: str) -> Mapping[str, Wages]:
        found = self.by_role.get(soc)
        if found is None:
            found = self.by_role[soc] = self.tables.role_everywhere(soc)
        return found


class AreaView(Mapping[str, Wages]):
    """One area's figures by SOC, looked up through the occupation tables."""

    def __init__(self, run: RunAreaTables, code: str) -> None:
        self.run, self.code = run, code

    def __getitem__(self, soc: str) -> Wages:
        return self.run.role_everywhere(soc)[self.code]

    def get(self, soc: str, default: Wages | None = None) -> Wages | None:  # type: ignore[override]  # Mapping.get's overloads
        return self.run.role_everywhere(soc).get(self.code, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.run.tables.wages_in(self.code))

    def __len__(self) -> int:
        return len(self.run.tables.wages_in(self.code))
