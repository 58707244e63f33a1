"""Turn validated, merged raw data into the typed ReferenceData, deriving measured factors."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hitsalary.errors import DataError
from hitsalary.models import (
    ArticleClaim,
    Factor,
    FactorValue,
    GrowthClaim,
    IndustryEstimate,
    Level,
    Occupation,
    Projection,
    ReferenceData,
    ReferenceFigure,
    Source,
    StateInfo,
)
from hitsalary.spelling import normalize

if TYPE_CHECKING:
    from hitsalary.reference import Files
    from hitsalary.schema import Path

Raw = dict[str, Any]


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
        occupations = self.occupations()
        states = self.states()
        projections = self.projections()
        return ReferenceData(
            levels=self.levels(),
            hours_per_year=self.raw["levels"]["hours_per_year"]["value"],
            hours_source=self.source(self.raw["levels"]["hours_per_year"]["source"]),
            factors=self.factors(industry, occupations, states),
            references=self.references(industry),
            occupations=occupations,
            industry=industry,
            projections=projections,
            claims=self.claims(projections),
            states=states,
            national_mean=self.raw["state_wages"]["national_mean"],
            national_rpp=self.national_rpp(),
            sources={name: self.source(data["source"]) for name, data in self.raw.items()},
            user_file=self.user,
        )

    def levels(self) -> tuple[Level, ...]:
        raw = self.raw["levels"]["levels"]
        levels = sorted(
            (
                Level(key, v["label"], v["min_years"], v["low"], v["high"], v["ramp_years"])
                for key, v in raw.items()
            ),
            key=lambda level: level.min_years,
        )
        if levels[0].min_years != 0:
            raise self.fail(
                "levels", ("levels", levels[0].key, "min_years"), "lowest level must start at 0 years"
            )
        for before, after in itertools.pairwise(levels):
            if after.low < before.high:
                raise self.fail(
                    "levels",
                    ("levels", after.key, "low"),
                    f"{after.low} is below the high of '{before.key}' ({before.high}): "
                    "the estimate would drop when the level changes",
                )
        return tuple(levels)

    def factors(
        self,
        industry: dict[str, IndustryEstimate],
        occupations: dict[str, Occupation],
        states: dict[str, StateInfo],
    ) -> tuple[Factor, ...]:
        context = DeriveContext(self, industry, states)
        factors = []
        for name, raw in self.raw["factors"]["factors"].items():
            derived: dict[str, FactorValue] = {}
            if "derive" in raw:
                derived = DERIVATIONS[raw["derive"]["method"]](context, name, raw["derive"])
            factor = self.factor(name, raw, derived)
            for value in factor.values.values():
                if value.compare_soc and value.compare_soc not in occupations:
                    raise self.fail(
                        "factors",
                        ("factors", name, "values", value.key, "compare_soc"),
                        f"{value.compare_soc} is not in oews_national",
                    )
            factors.append(factor)
        return tuple(factors)

    def factor(self, name: str, raw: Raw, derived: dict[str, FactorValue]) -> Factor:
        declared = raw.get("values") or {}
        values: dict[str, FactorValue] = dict(derived)
        for key, v in declared.items():
            path: Path = ("factors", name, "values", key)
            base = derived.get(key)
            multiplier = v.get("multiplier", base.multiplier if base else None)
            if multiplier is None and key == raw["neutral"]:
                multiplier = 1.0
            if multiplier is None:
                raise self.fail("factors", path, "no multiplier, and nothing to derive it from")
            if key == raw["neutral"] and multiplier != 1.0:
                raise self.fail("factors", path, "the neutral value must have multiplier 1")
            source = self.source(v["source"]) if "source" in v else None
            values[key] = FactorValue(
                key=key,
                label=v["label"],
                multiplier=multiplier,
                basis=v.get("basis") or (base.basis if base else "directional"),
                source=source or (base.source if base else self.source(self.raw["factors"]["source"])),
                note=v.get("note") or (base.note if base else ""),
                compare_soc=v.get("compare_soc"),
            )
        order = [*declared, *(k for k in derived if k not in declared)]
        values = {k: values[k] for k in order}
        if raw["neutral"] not in values:
            raise self.fail(
                "factors", ("factors", name, "neutral"), f"'{raw['neutral']}' is not one of its values"
            )
        return Factor(name, raw["label"], raw["neutral"], values, self.aliases(name, raw, values))

    def aliases(self, name: str, raw: Raw, values: dict[str, FactorValue]) -> dict[str, str]:
        table: dict[str, str] = {}
        for key, value in values.items():
            extra = (raw.get("values") or {}).get(key, {}).get("aliases", [])
            for spelling in (key, value.label, *extra):
                norm = normalize(spelling)
                if table.setdefault(norm, key) != key:
                    raise self.fail(
                        "factors",
                        ("factors", name, "values", key),
                        f"'{spelling}' already names '{table[norm]}'",
                    )
        return table

    def references(self, industry: dict[str, IndustryEstimate]) -> tuple[ReferenceFigure, ...]:
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

    def occupations(self) -> dict[str, Occupation]:
        out = {}
        for soc, v in self.raw["oews_national"]["occupations"].items():
            percentiles = {k: v[k] for k in ("p10", "p25", "p50", "p75", "p90") if k in v}
            out[soc] = Occupation(
                soc,
                v["title"],
                v["mean"],
                percentiles,
                self.item_source("oews_national", v),
                v.get("employment"),
            )
        return out

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
        nation = self.raw["bea_rpp"]["states"].get("US")
        if nation is None:
            raise self.fail("bea_rpp", ("states",), "no US row: the national price level is needed")
        return float(nation["rpp"])

    def states(self) -> dict[str, StateInfo]:
        rpp = self.raw["bea_rpp"]["states"]
        out = {}
        for code, v in self.raw["state_wages"]["states"].items():
            parity = rpp.get(code)
            out[code] = StateInfo(
                code=code,
                name=v["name"],
                annual_mean=v["annual_mean"],
                wage_source=self.item_source("state_wages", v),
                rpp=parity["rpp"] if parity else None,
                rpp_source=self.item_source("bea_rpp", parity) if parity else None,
            )
        return out


@dataclass
class DeriveContext:
    builder: Builder
    industry: dict[str, IndustryEstimate]
    states: dict[str, StateInfo]


def state_wage_ratio(ctx: DeriveContext, name: str, derive: Raw) -> dict[str, FactorValue]:
    """A state's factor: its mean wage over the national mean of the same series."""
    national = ctx.builder.raw["state_wages"]["national_mean"]
    values = {}
    for code, state in ctx.states.items():
        values[code] = FactorValue(
            key=code,
            label=state.name,
            multiplier=state.annual_mean / national,
            basis="measured",
            source=state.wage_source,
            note=f"${state.annual_mean:,} in {state.name} / ${national:,} national",
        )
    return values


def occupation_wage_ratio(ctx: DeriveContext, name: str, derive: Raw) -> dict[str, FactorValue]:
    """A specialization's factor: its occupation's wage over the sector's computer occupations."""
    missing = [k for k in ("naics", "year", "statistic", "baseline_soc_prefix") if k not in derive]
    if missing:
        raise ctx.builder.fail(
            "factors", ("factors", name, "derive"), f"missing key '{missing[0]}' for this method"
        )
    naics, year, stat, prefix = (
        str(derive["naics"]),
        derive["year"],
        derive["statistic"],
        derive["baseline_soc_prefix"],
    )
    rows = [e for e in ctx.industry.values() if e.naics == naics and e.year == year]
    pool: list[tuple[int, int]] = [
        (e.employment, wage)
        for e in rows
        if e.soc.startswith(prefix) and e.employment and (wage := getattr(e, stat))
    ]
    path: Path = ("factors", name, "derive")
    if not pool:
        raise ctx.builder.fail("factors", path, f"no {prefix}xxxx {stat} wages for NAICS {naics} {year}")
    baseline = sum(n * w for n, w in pool) / sum(n for n, _ in pool)
    values = {}
    for key, v in ctx.builder.raw["factors"]["factors"][name].get("values", {}).items():
        if "soc" not in v:
            continue
        est = next((e for e in rows if e.soc == v["soc"] and getattr(e, stat)), None)
        if est is None:
            raise ctx.builder.fail(
                "factors",
                ("factors", name, "values", key, "soc"),
                f"no {stat} wage for {v['soc']} in NAICS {naics} {year}",
            )
        wage = getattr(est, stat)
        values[key] = FactorValue(
            key=key,
            label=v["label"],
            multiplier=wage / baseline,
            basis="measured",
            source=est.source,
            note=(
                f"{est.soc} {stat} ${wage:,} / ${baseline:,.0f} for all {prefix}xxxx "
                f"computer occupations (NAICS {naics}, May {est.year})"
            ),
        )
    return values


DERIVATIONS: dict[str, Callable[[DeriveContext, str, Raw], dict[str, FactorValue]]] = {
    "state_wage_ratio": state_wage_ratio,
    "occupation_wage_ratio": occupation_wage_ratio,
}
