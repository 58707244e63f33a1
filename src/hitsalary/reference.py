"""Load the reference data once: parse, validate, merge a user's file, derive the factors.

Shipped files live in hitsalary/data and are read through importlib.resources, so they work
from a wheel. A user's file (``--data`` / ``HITSALARY_DATA``) has one section per shipped file
(``state_wages:``, ``references:`` ...), each with its own ``source`` block; it is checked with
the same specs, then merged over the shipped data, key by key.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path as FilePath
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
from hitsalary.schema import SPECS, Items, Map, Path, SchemaError, Spec, unknown_key

if TYPE_CHECKING:
    from hitsalary.datafiles import Document

Raw = dict[str, Any]


class Files:
    """The documents behind the merged data, to name a file and line for a key path. The shipped
    files are parsed (and yaml imported) only when an error needs their lines."""

    def __init__(self, user: Document | None) -> None:
        self.user = user
        self._shipped: dict[str, Document] | None = None

    @property
    def shipped(self) -> dict[str, Document]:
        from hitsalary.datafiles import read_shipped

        if self._shipped is None:
            self._shipped = {name: read_shipped(name) for name in SPECS}
        return self._shipped

    def error(self, dataset: str, path: Path, message: str) -> DataError:
        from hitsalary.datafiles import dotted, locate

        doc = self.shipped[dataset]
        line, where = locate(doc.root, path), path
        if self.user is not None:
            user_line = locate(self.user.root, (dataset, *path))
            if user_line[1] > line[1]:
                doc, line, where = self.user, user_line, (dataset, *path)
        return DataError(f"{doc.name}:{line[0]}: {dotted(where)}: {message}")


def check_user(doc: Document) -> None:
    """Check a user's file section by section, as the shipped files are checked."""
    from hitsalary.datafiles import dotted, locate

    if not isinstance(doc.data, dict) or not doc.data:
        raise DataError(f"{doc.name}:1: expected a mapping of sections ({', '.join(SPECS)})")
    for name, section in doc.data.items():
        if name not in SPECS:
            line, _ = locate(doc.root, (name,))
            raise DataError(f"{doc.name}:{line}: {name}: {unknown_key(str(name), SPECS)}")
        try:
            SPECS[name].check(section, (), partial=True)
        except SchemaError as exc:
            line, _ = locate(doc.root, (name, *exc.path))
            raise DataError(f"{doc.name}:{line}: {dotted((name, *exc.path))}: {exc.message}") from None


def stamp(spec: Spec, value: Any, source: Raw) -> None:
    """Give every item of a user's section that can carry a source the section's source."""
    if isinstance(spec, Map) and isinstance(value, dict):
        if "source" in spec.optional and "source" not in value:
            value["source"] = source
        for key, element in value.items():
            sub = spec.required.get(key) or spec.optional.get(key)
            if sub is not None and key != "source":
                stamp(sub, element, source)
    elif isinstance(spec, Items) and isinstance(value, dict):
        for element in value.values():
            stamp(spec.item, element, source)


def merge(base: Any, over: Any) -> Any:
    """Deep-merge mappings (over wins); a source block or a list is replaced whole."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return over
    merged = dict(base)
    for key, value in over.items():
        merged[key] = value if key == "source" else merge(base.get(key), value)
    return merged


def shipped_datasets(files: Files) -> dict[str, Raw]:
    """The shipped data, checked: from the cache when it holds this exact release and code."""
    from hitsalary import cache

    names = list(SPECS)
    cached = cache.read(names)
    if cached is not None:
        return cached
    datasets: dict[str, Raw] = {}
    for name, doc in files.shipped.items():
        try:
            SPECS[name].check(doc.data, ())
        except SchemaError as exc:
            raise files.error(name, exc.path, exc.message) from None
        datasets[name] = doc.data
    cache.write(names, datasets)
    return datasets


def load_documents(user_path: FilePath | None) -> tuple[dict[str, Raw], Files, set[int]]:
    user = None
    if user_path is not None:
        from hitsalary.datafiles import read_user

        user = read_user(user_path)
    files = Files(user)
    datasets = shipped_datasets(files)
    user_sources: set[int] = set()
    if user is not None:
        check_user(user)
        for name, section in user.data.items():
            shipped_source = datasets[name]["source"]
            stamp(SPECS[name], datasets[name], shipped_source)  # untouched items keep their source
            stamp(SPECS[name], section, section["source"])
            user_sources.update(id(s) for s in find_sources(section))
            datasets[name] = merge(datasets[name], section)
            if not changes_top_level_figures(SPECS[name], section):
                datasets[name]["source"] = shipped_source
            try:
                SPECS[name].check(datasets[name], ())
            except SchemaError as exc:
                raise files.error(name, exc.path, exc.message) from None
    return datasets, files, user_sources


def changes_top_level_figures(spec: Map, section: Raw) -> bool:
    """Whether a user's section sets a figure of the data set itself (not one of its items)."""
    return any(key != "source" and not isinstance(spec.required.get(key), Items) for key in section)


def find_sources(value: Any) -> list[Raw]:
    if isinstance(value, dict):
        found = [value["source"]] if isinstance(value.get("source"), dict) else []
        for key, element in value.items():
            if key != "source":
                found += find_sources(element)
        return found
    return []


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
    naics, year, stat = str(derive.get("naics", "62")), derive.get("year"), derive.get("statistic", "mean")
    prefix = derive.get("baseline_soc_prefix", "15-")
    rows = [e for e in ctx.industry.values() if e.naics == naics and (year is None or e.year == year)]
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


def normalize(text: str) -> str:
    """One spelling for lookups: lower case, no apostrophes or dots, words joined by '-'."""
    text = re.sub(r"['\u2019.]", "", text.strip().lower())
    return re.sub(r"[\s_/-]+", "-", text).strip("-")


def suggest(text: str, choices: Mapping[str, str]) -> list[str]:
    import difflib  # only on an error: it costs start-up time

    close = difflib.get_close_matches(normalize(text), list(choices), n=3, cutoff=0.6)
    return list(dict.fromkeys(choices[c] for c in close))


@functools.lru_cache(maxsize=8)
def load(user_path: str | None = None) -> ReferenceData:
    """The shipped data, merged with a user's file when given; loaded once per path."""
    path = FilePath(user_path) if user_path else None
    raw, files, user_sources = load_documents(path)
    return Builder(raw, files, user_sources, user_path).build()


def user_changes(user_path: str) -> list[str]:
    """What a user's file does to the shipped data: one line per item it adds or changes."""
    from hitsalary.datafiles import read_shipped, read_user

    load(user_path)  # validates first: only a file that loads is described
    doc = read_user(FilePath(user_path))
    lines = []
    for name, section in doc.data.items():
        shipped = read_shipped(name).data
        for key, value in section.items():
            if key == "source":
                continue
            if isinstance(value, dict) and isinstance(shipped.get(key), dict):
                for item in value:
                    verb = "changes" if item in shipped[key] else "adds"
                    lines.append(f"{verb} {name}.{key}.{item}")
            else:
                lines.append(f"changes {name}.{key}")
    return lines
