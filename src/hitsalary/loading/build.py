"""Turn validated, merged raw data into the typed ReferenceData: roles, factors, the OEWS tables."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from hitsalary.core.errors import DataError
from hitsalary.core.models import (
    Anchor,
    ArticleClaim,
    Choice,
    Factor,
    GrowthClaim,
    IndustryEstimate,
    Level,
    Method,
    Projection,
    ReferenceData,
    ReferenceFigure,
    Role,
    Source,
    StateInfo,
    SurveyFigure,
    Wages,
)
from hitsalary.core.spelling import normalize
from hitsalary.loading import tables
from hitsalary.loading.area_tables import CsvAreaTables

if TYPE_CHECKING:
    from hitsalary.loading.schema import Path


class Files(Protocol):
    """Where an error in the merged data came from: reference.Files names the file and line."""

    def error(self, dataset: str, path: Path, message: str) -> DataError: ...


Raw = dict[str, Any]
NATION = "US"


class Builder:
    """Turns validated, merged raw data into the typed ReferenceData."""

    def __init__(self, raw: dict[str, Raw], files: Files, user_sources: set[int], user: str | None) -> None:
        self.raw, self.files, self.user_sources, self.user = raw, files, user_sources, user

    def source(self, block: Raw) -> Source:
        fields = {k: block[k] for k in Source.__dataclass_fields__ if k in block}
        origin = self.user if id(block) in self.user_sources and self.user else "shipped"
        return Source(**fields, origin=origin)

    def item_source(self, dataset: str, item: Raw) -> Source:
        return self.source(item.get("source") or self.raw[dataset]["source"])

    def fail(self, dataset: str, path: Path, message: str) -> DataError:
        return self.files.error(dataset, path, message)

    def build(self) -> ReferenceData:
        industry = self.industry()
        projections = self.projections()
        national, by_state, by_industry = self.oews()
        roles = self.roles(national)
        states = self.states(by_state)
        return ReferenceData(
            levels=self.levels(),
            method=self.method(),
            roles=roles,
            role_aliases=self.aliases(
                "roles", ("roles",), {k: (r.label, *r.aliases) for k, r in roles.items()}
            ),
            neutral_role=self.neutral_role(roles),
            factors=self.factors(states, by_industry),
            references=self.references(industry, roles),
            national=national,
            by_state=by_state,
            by_industry=by_industry,
            titles=dict(self.raw["oews_2025"]["occupations"]),
            tables=dict(self.raw["oews_2025"]["tables"]),
            area_tables=CsvAreaTables(
                self.raw["oews_2025"]["tables"],
                frozenset(states),
                self.source(self.raw["oews_2025"]["source"]),
            ),
            industries=dict(self.raw["oews_2025"]["industries"]),
            industry=industry,
            projections=projections,
            claims=self.claims(projections),
            states=states,
            national_rpp=self.national_rpp(),
            education_pays=dict(self.raw["education_pays"]["attainment"]),
            himss=self.himss(),
            sources={name: self.source(data["source"]) for name, data in self.raw.items()},
            user_file=self.user,
        )

    def levels(self) -> tuple[Level, ...]:
        raw = self.raw["levels"]["levels"]
        levels = sorted(
            (Level(key, v["label"], v["min_years"], v["low"], v["high"]) for key, v in raw.items()),
            key=lambda level: level.min_years,
        )
        if levels[0].min_years != 0:
            raise self.fail(
                "levels", ("levels", levels[0].key, "min_years"), "lowest level must start at 0 years"
            )
        return tuple(levels)

    def method(self) -> Method:
        raw = self.raw["method"]
        experience = raw["experience"]
        return Method(
            anchors=tuple(Anchor(a["years"], a["percentile"], a["label"]) for a in experience["anchors"]),
            half_width=raw["band"]["half_width"],
            rule=experience["rule"],
            band_rule=raw["band"]["rule"],
            interpolation=raw["interpolation"],
            rounding_unit=raw["rounding"]["unit"],
            rounding_rule=raw["rounding"]["rule"],
            hours_per_year=raw["hours_per_year"]["value"],
            hours_source=self.source(raw["hours_per_year"]["source"]),
            anchor_source=self.source(experience["anchor_source"]),
            source=self.source(raw["source"]),
            levels=tuple((k, v["percentile"], v["label"]) for k, v in raw["wage_levels"]["levels"].items()),
            levels_year=raw["wage_levels"]["wage_year"],
            levels_release=raw["wage_levels"]["release"],
            levels_rule=raw["wage_levels"]["rule"],
            levels_label=raw["wage_levels"]["label"],
            levels_url=raw["wage_levels"]["url"],
        )

    def roles(self, national: dict[str, Wages]) -> dict[str, Role]:
        out = {}
        for key, v in self.raw["roles"]["roles"].items():
            wages = national.get(v["soc"])
            if wages is None or len(wages.points) < len(tables.PERCENTILE_COLUMNS):
                raise self.fail(
                    "roles",
                    ("roles", key, "soc"),
                    f"{v['soc']} has no full national wage distribution in the OEWS table",
                )
            title = self.raw["oews_2025"]["occupations"][v["soc"]]
            out[key] = Role(
                key,
                v["label"],
                v["soc"],
                title,
                v["why"],
                tuple(v.get("aliases", [])),
                v.get("manager", False),
            )
        return out

    def neutral_role(self, roles: dict[str, Role]) -> str:
        neutral = self.raw["roles"]["neutral"]
        if neutral not in roles:
            raise self.fail("roles", ("neutral",), f"'{neutral}' is not one of the roles")
        return str(neutral)

    def aliases(self, dataset: str, path: Path, spellings: dict[str, tuple[str, ...]]) -> dict[str, str]:
        """Normalized spelling -> key; a spelling that names two keys is an error."""
        table: dict[str, str] = {}
        for key, names in spellings.items():
            for spelling in (key, *names):
                norm = normalize(spelling)
                if table.setdefault(norm, key) != key:
                    raise self.fail(dataset, (*path, key), f"'{spelling}' already names '{table[norm]}'")
        return table

    def factors(
        self, states: dict[str, StateInfo], by_industry: Mapping[tuple[str, str], Wages]
    ) -> tuple[Factor, ...]:
        out = []
        for name, raw in self.raw["factors"]["factors"].items():
            choices = self.choices(name, raw, states, by_industry)
            if raw["neutral"] not in choices:
                raise self.fail(
                    "factors", ("factors", name, "neutral"), f"'{raw['neutral']}' is not one of its values"
                )
            declared = raw.get("values") or {}
            spellings = {
                key: (c.label, *declared.get(key, {}).get("aliases", [])) for key, c in choices.items()
            }
            out.append(
                Factor(
                    name=name,
                    label=raw["label"],
                    neutral=raw["neutral"],
                    method=raw["method"],
                    note=raw.get("note", ""),
                    values=choices,
                    aliases=self.aliases("factors", ("factors", name, "values"), spellings),
                    fallback_soc=raw.get("fallback_soc"),
                )
            )
        return tuple(out)

    def choices(
        self, name: str, raw: Raw, states: dict[str, StateInfo], by_industry: Mapping[tuple[str, str], Wages]
    ) -> dict[str, Choice]:
        """The values a factor accepts, each checked against what its method needs."""
        declared = raw.get("values") or {}
        method = raw["method"]
        out: dict[str, Choice] = {}
        for key, v in declared.items():
            path: Path = ("factors", name, "values", key)
            if method == "assumed":
                out[key] = self.assumed_choice(path, key, v, raw)
            elif method == "industry_median_ratio":
                codes = tuple(v.get("naics", ()))
                unknown = [c for c in codes if c not in self.raw["oews_2025"]["industries"]]
                if not codes or unknown:
                    problem = f"NAICS {unknown[0]} is not in the OEWS table" if unknown else "needs 'naics'"
                    raise self.fail("factors", (*path, "naics"), problem)
                out[key] = Choice(key, v["label"], naics=codes)
            else:
                out[key] = Choice(key, v["label"])
        if method == "area_median_ratio":
            for code, info in states.items():
                out.setdefault(code, Choice(code, info.name))
            if raw.get("fallback_soc") not in self.raw["oews_2025"]["occupations"]:
                raise self.fail("factors", ("factors", name, "fallback_soc"), "not in the OEWS table")
        return out

    def assumed_choice(self, path: Path, key: str, v: Raw, raw: Raw) -> Choice:
        """An assumed multiplier, refused when it is larger than the BLS gap that bounds it."""
        if "multiplier" not in v:
            raise self.fail("factors", path, "an assumed value needs a 'multiplier'")
        multiplier = v["multiplier"]
        if key == raw["neutral"]:
            if multiplier != 1.0:
                raise self.fail("factors", (*path, "multiplier"), "the neutral value must have multiplier 1")
            return Choice(key, v["label"], multiplier=1.0)
        pays = self.raw["education_pays"]["attainment"]
        bound, baseline = v.get("bound"), raw.get("bound_baseline")
        if bound not in pays or baseline not in pays:
            missing = bound if bound not in pays else baseline
            raise self.fail("factors", (*path, "bound"), f"no Education pays figure for {missing!r}")
        ratio = pays[bound] / pays[baseline]
        if (multiplier - 1) * (ratio - 1) < 0 or abs(multiplier - 1) > abs(ratio - 1):
            raise self.fail(
                "factors",
                (*path, "multiplier"),
                f"{multiplier:g} goes beyond the all-occupation gap it is bounded by ({ratio:.3f}: "
                f"{bound} / {baseline})",
            )
        return Choice(
            key, v["label"], multiplier=multiplier, bound=bound, source=self.item_source("factors", v)
        )

    def references(
        self, industry: dict[str, IndustryEstimate], roles: dict[str, Role]
    ) -> tuple[ReferenceFigure, ...]:
        out = []
        for key, v in self.raw["references"]["references"].items():
            path: Path = ("references", key)
            figure, year, title = v.get("figure"), v.get("year"), v.get("title")
            source = self.item_source("references", v)
            if "from" in v:
                est = industry.get(v["from"]["key"])
                figure = getattr(est, v["from"]["statistic"], None) if est else None
                if est is None or figure is None:
                    raise self.fail(
                        "references",
                        (*path, "from", "key"),
                        f"no {v['from']['statistic']} for {v['from']['key']}",
                    )
                year, source = est.year, est.source
                title = title or f"{est.title}, {est.industry} (NAICS {est.naics})"
            for role in v.get("roles", []):
                if role not in roles:
                    raise self.fail("references", (*path, "roles"), f"'{role}' is not a role")
            article = self.article(path, v.get("article"), industry)
            if v["status"] == "differs" and article is None:
                raise self.fail("references", (*path, "status"), "'differs' needs an 'article' block")
            out.append(
                ReferenceFigure(
                    key=key,
                    label=v["label"],
                    publisher=v["publisher"],
                    title=title or v["publisher"],
                    statistic=v["statistic"],
                    figure=figure,
                    year=year,
                    status=v["status"],
                    source=source,
                    low=v.get("low"),
                    high=v.get("high"),
                    range_label=v.get("range"),
                    url=v.get("url") or source.url,
                    note=v.get("note"),
                    article=article,
                    scope=v.get("scope"),
                    roles=tuple(v.get("roles", ())),
                )
            )
        return tuple(out)

    def article(
        self, path: Path, raw: Raw | None, industry: dict[str, IndustryEstimate]
    ) -> ArticleClaim | None:
        if raw is None:
            return None
        matches = raw.get("matches")
        if matches is not None:
            est = industry.get(matches)
            if est is None or raw["figure"] not in (est.median, est.mean):
                raise self.fail(
                    "references",
                    (*path, "article", "matches"),
                    f"{matches} does not hold the figure {raw['figure']}",
                )
        return ArticleClaim(raw["figure"], raw["year"], raw["claim"], raw["reason"])

    def oews(self) -> tuple[dict[str, Wages], StateView, tables.Table]:
        """The May 2025 tables: national and state rows, and national rows by industry. Rows are
        parsed when used; the national rows of the roles are checked here (see roles())."""
        meta = self.raw["oews_2025"]
        source = self.source(meta["source"])
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

    def industry(self) -> dict[str, IndustryEstimate]:
        out = {}
        for key, v in self.raw["oews_industry"]["estimates"].items():
            out[key] = IndustryEstimate(
                soc=v["soc"],
                title=v["title"],
                naics=str(v["naics"]),
                industry=v["industry"],
                year=v["year"],
                source=self.item_source("oews_industry", v),
                employment=v.get("employment"),
                mean=v.get("mean"),
                median=v.get("median"),
            )
        return out

    def projections(self) -> tuple[Projection, ...]:
        fields = ("jobs_start_thousands", "jobs_end_thousands", "median_wage", "median_wage_year")
        flags = ("secondary_copy",)
        return tuple(
            Projection(
                v["soc"],
                v["title"],
                v["edition"],
                v["change_pct"],
                self.item_source("projections", v),
                **{k: v.get(k) for k in fields},
                **{k: v.get(k, False) for k in flags},
            )
            for v in self.raw["projections"]["projections"].values()
        )

    def claims(self, projections: tuple[Projection, ...]) -> tuple[GrowthClaim, ...]:
        """The article's growth claims; a verdict that the projections contradict is refused."""
        by_key = {f"{p.soc}/{p.edition}": p for p in projections}
        out = []
        for key, v in self.raw["claims"]["claims"].items():
            path: Path = ("claims", key)
            checked = by_key.get(v["checks"])
            if checked is None:
                raise self.fail("claims", (*path, "checks"), f"no projection {v['checks']}")
            matches = by_key.get(v["matches"]) if "matches" in v else None
            if "matches" in v and matches is None:
                raise self.fail("claims", (*path, "matches"), f"no projection {v['matches']}")
            agrees = round(checked.change_pct) == round(v["change_pct"])
            if (v["status"] == "verified" and not agrees) or (v["status"] == "differs" and agrees):
                raise self.fail(
                    "claims",
                    (*path, "status"),
                    f"'{v['status']}' but {v['checks']} projects {checked.change_pct:g}%",
                )
            if matches is not None and round(matches.change_pct) != round(v["change_pct"]):
                raise self.fail(
                    "claims", (*path, "matches"), f"{v['matches']} projects {matches.change_pct:g}%"
                )
            source = self.item_source("claims", v)
            out.append(
                GrowthClaim(
                    key, v["claim"], v["change_pct"], v["status"], v["reason"], checked, source, matches
                )
            )
        return tuple(out)

    def national_rpp(self) -> float:
        nation = self.raw["bea_rpp"]["states"].get(NATION)
        if nation is None:
            raise self.fail("bea_rpp", ("states",), "no US row: the national price level is needed")
        return float(nation["rpp"])

    def states(self, by_state: StateView) -> dict[str, StateInfo]:
        """Every state the OEWS table has, with its BEA price parity where BEA publishes one."""
        rpp = self.raw["bea_rpp"]["states"]
        out = {}
        names = by_state.names()
        for code in sorted(names):
            parity = rpp.get(code)
            out[code] = StateInfo(
                code=code,
                name=parity["name"] if parity else names[code],
                rpp=parity["rpp"] if parity else None,
                rpp_source=self.item_source("bea_rpp", parity) if parity else None,
            )
        return out

    def himss(self) -> tuple[SurveyFigure, ...]:
        raw = self.raw["himss"]
        base = self.source(raw["source"])
        return tuple(
            SurveyFigure(group, v["average_salary"], v["respondents"], base)
            for group, v in raw["groups"].items()
        )


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
