"""Each factor's multiplier for a role, measured from the BLS tables where they publish it, or
assumed (and bounded) where nothing measures it. One function per method named in factors.yaml."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace

from hitsalary.core.distribution import median_series
from hitsalary.core.models import (
    Band,
    Choice,
    Factor,
    FactorValue,
    Profile,
    PurchasingPower,
    ReferenceData,
    Role,
    Wages,
)
from hitsalary.core.text import possessive


def ratio_text(top: Wages, bottom: Wages, label: str, over: str) -> str:
    """'15-1211 in California median $127,720 / national $105,850 = 1.207': each median named."""
    assert top.median is not None
    assert bottom.median is not None
    ratio = top.median / bottom.median
    return f"{label} median ${top.median:,} / {over} ${bottom.median:,} = {ratio:.3f}"


def typical_choice(data: ReferenceData, factor: Factor, role: Role) -> tuple[Choice, str] | None:
    """The value that stands for the role's typical entry education (BLS Employment Projections),
    and that education; None for a factor that lists no entry levels (checked at load time)."""
    level = data.entry_education.get(role.soc)
    for choice in factor.values.values():
        if level is not None and level in choice.entry_education:
            return choice, level
    return None


def assumed(data: ReferenceData, factor: Factor, choice: Choice, role: Role) -> FactorValue:
    """An assumption: the data's multiplier, with the BLS gap that bounds it; against the role's
    typical entry education where the factor lists entry levels (education)."""
    typical = typical_choice(data, factor, role)
    if typical is not None:
        return against_typical(data, factor, choice, role, typical)
    source = choice.source or data.sources["factors"]
    multiplier = choice.multiplier if choice.multiplier is not None else 1.0
    if choice.key == factor.neutral or choice.bound is None or choice.baseline is None:
        return FactorValue(
            choice.key, choice.label, 1.0, "baseline", "the reference point: no adjustment", source
        )
    pays, baseline = data.education_pays, choice.baseline
    bound = pays[choice.bound] / pays[baseline]
    statistic = (
        f"assumed x{multiplier:.2f}; bounded by {education_pays(data)} (all occupations): "
        f"{choice.bound} ${pays[choice.bound]:,} / {baseline} ${pays[baseline]:,} a week = {bound:.3f}"
    )
    return FactorValue(choice.key, choice.label, multiplier, "assumed", statistic, source, bound=bound)


def education_pays(data: ReferenceData) -> str:
    """'BLS Education pays 2024': the table and its year, from its source block."""
    return f"BLS Education pays {data.sources['education_pays'].year}"


def projections(data: ReferenceData) -> str:
    """'BLS Employment Projections 2024-34': the edition the typical entry education is from (its
    source's title, up to the first comma)."""
    return f"BLS {data.sources['entry_education'].title.split(',')[0]}"


def against_typical(
    data: ReferenceData, factor: Factor, choice: Choice, role: Role, typical: tuple[Choice, str]
) -> FactorValue:
    """The typical level is the baseline (x1, and the default); any other is its multiplier over
    the typical one's, bounded by the Education pays ratio of the two (both re-based alike)."""
    base, level = typical
    chosen = base if choice.key in (factor.neutral, base.key) else choice
    if chosen is base:
        default = " (the default: no education given)" if choice.key == factor.neutral else ""
        statistic = (
            f"the typical education for entry into {role.soc} is {level.lower()} ({projections(data)}): "
            f"the baseline, no adjustment{default}"
        )
        label = f"{base.label} (typical entry{', the default' if default else ''})"
        return FactorValue(base.key, label, 1.0, "baseline", statistic, data.sources["entry_education"])
    assert chosen.multiplier is not None
    assert base.multiplier is not None
    assert chosen.bound is not None
    assert base.bound is not None
    pays = data.education_pays
    multiplier = chosen.multiplier / base.multiplier
    bound = pays[chosen.bound] / pays[base.bound]
    source = chosen.source or data.sources["factors"]
    base_source = base.source or data.sources["factors"]
    # each multiplier's publisher, where a user's file set one of the two and not the other
    whose = (
        (f" ({source.publisher})", f" ({base_source.publisher})")
        if source.publisher != base_source.publisher
        else ("", "")
    )
    statistic = (
        f"assumed x{chosen.multiplier:.2f}{whose[0]} / x{base.multiplier:.2f}{whose[1]} = x{multiplier:.3f} "
        f"against {role.soc}'s typical entry education ({level.lower()}); bounded by {education_pays(data)} "
        f"(all occupations): {chosen.bound} ${pays[chosen.bound]:,} / {base.bound} "
        f"${pays[base.bound]:,} a week = {bound:.3f}"
    )
    return FactorValue(chosen.key, chosen.label, multiplier, "assumed", statistic, source, bound=bound)


def industry_median_ratio(data: ReferenceData, factor: Factor, choice: Choice, role: Role) -> FactorValue:
    """The role's median in the employer's industry over its median in all industries."""
    national = data.national[role.soc]
    first = data.industries.get(choice.naics[0], choice.naics[0])
    for code in choice.naics:
        found = data.by_industry.get((role.soc, code))
        if found is None or found.median is None:
            continue
        if found.median == national.median and code == choice.naics[0] and choice.key == factor.neutral:
            statistic = f"{role.soc} median in all industries ${national.median:,}: no adjustment"
            return FactorValue(
                choice.key,
                choice.label,
                1.0,
                "baseline",
                statistic,
                found.source,
                (median_series(found.series_id),),
            )
        statistic = ratio_text(
            found, national, f"{role.soc} in {found.where} (NAICS {code})", "all industries"
        )
        reason = None
        if code != choice.naics[0]:
            reason = f"BLS publishes no {role.soc} median for {first}; {found.where} stands in"
        return FactorValue(
            choice.key,
            choice.label,
            found.median / national.median,  # type: ignore[operator]  # both checked above
            "measured" if reason is None else "fallback",
            statistic,
            found.source,
            (median_series(found.series_id), median_series(national.series_id)),
            reason,
        )
    reason = f"BLS publishes no {role.soc} median for {first}; no employer adjustment"
    return FactorValue(
        choice.key, choice.label, 1.0, "fallback", "x1 (not published)", national.source, (), reason
    )


def area_median_ratio(
    data: ReferenceData, factor: Factor, choice: Choice, role: Role, metro: str | None = None
) -> FactorValue:
    """The role's median in the metro area or state over its national median; where BLS does not
    publish it: the state's figure for a metro area, then the broad group's ratio in the state."""
    national = data.national[role.soc]
    if metro is not None:
        return metro_ratio(data, factor, choice, role, metro)
    if choice.key == factor.neutral:
        statistic = f"{role.soc} national median ${national.median:,}: no adjustment"
        return FactorValue(
            choice.key,
            choice.label,
            1.0,
            "baseline",
            statistic,
            national.source,
            (median_series(national.series_id),),
        )
    local = data.by_state.get((role.soc, choice.key))
    if local is not None and local.median is not None:
        return FactorValue(
            choice.key,
            choice.label,
            local.median / national.median,  # type: ignore[operator]  # national rows are complete
            "measured",
            ratio_text(local, national, f"{role.soc} in {local.where}", "national"),
            local.source,
            (median_series(local.series_id), median_series(national.series_id)),
        )
    reason = f"BLS does not publish the {role.soc} median for {choice.label}"
    group = factor.fallback_soc
    group_local = data.by_state.get((group, choice.key)) if group else None
    group_national = data.national.get(group) if group else None
    if group_local is None or group_local.median is None or group_national is None:
        return FactorValue(
            choice.key,
            choice.label,
            1.0,
            "fallback",
            "x1 (not published)",
            national.source,
            (),
            reason + "; no location adjustment",
        )
    return FactorValue(
        choice.key,
        choice.label,
        group_local.median / group_national.median,  # type: ignore[operator]  # checked above
        "fallback",
        ratio_text(group_local, group_national, f"{group} in {group_local.where}", "national"),
        group_local.source,
        (median_series(group_local.series_id), median_series(group_national.series_id)),
        f"{reason}; the ratio for all {data.titles.get(group or '', group)} ({group}) stands in",
    )


def metro_ratio(data: ReferenceData, factor: Factor, choice: Choice, role: Role, code: str) -> FactorValue:
    area = data.area_tables.areas()[code]
    national = data.national[role.soc]
    local = data.area_tables.wages_in(code).get(role.soc)
    if local is not None and local.median is not None:
        return FactorValue(
            code,
            area.name,
            local.median / national.median,  # type: ignore[operator]  # national rows are complete
            "measured",
            ratio_text(local, national, f"{role.soc} in {area.name}", "national"),
            local.source,
            (median_series(local.series_id), median_series(national.series_id)),
        )
    state = area_median_ratio(data, factor, choice, role)
    reason = f"BLS does not publish the {role.soc} median for {area.name}; {choice.label}'s figure stands in"
    if state.reason:
        reason += f" ({state.reason})"
    return replace(state, key=code, label=area.name, basis="fallback", reason=reason)


NO_BAND = Band(0, 0, 0)  # parity_for finds the parity; calculate() divides the band by it


def parity_for(profile: Profile, data: ReferenceData) -> PurchasingPower | None:
    """BEA's price parity where the job is: a metro area's own; a nonmetro area's state
    nonmetropolitan portion (the state's where BEA publishes none); else the state's, or the
    nation's. None where BEA publishes none (Puerto Rico)."""
    if profile.metro is not None:
        area = data.area_tables.areas()[profile.metro]
        if area.kind == "metro":
            own = data.area_rpp.metros.get(area.code)
            if own is not None:
                return PurchasingPower(NO_BAND, own.rpp, own.source, f"{area.name} (metro area)", "metro")
        else:
            portion = data.area_rpp.portions.get(area.state, {}).get("nonmetropolitan")
            name = data.states[area.state].name
            if portion is not None:
                where = f"{name}, nonmetropolitan portion (for {area.name})"
                return PurchasingPower(NO_BAND, portion.rpp, portion.source, where, "nonmetro")
            note = f"BEA publishes no nonmetropolitan portion for {name}; the state's parity stands in"
            state = state_parity(data, area.state)
            return replace(state, note=note) if state is not None else None
        state = state_parity(data, area.state)
        note = (
            f"BEA publishes no parity for {area.name}; {possessive(data.states[area.state].name)} stands in"
        )
        return replace(state, note=note) if state is not None else None
    return state_parity(data, profile.state)


def state_parity(data: ReferenceData, code: str) -> PurchasingPower | None:
    """A state's parity (the nation's for US); None where BEA publishes none."""
    info = data.states.get(code)
    if info is None:  # the national average itself
        return PurchasingPower(
            NO_BAND, data.national_rpp, data.sources["bea_rpp"], "United States", "national"
        )
    if info.rpp is None or info.rpp_source is None:
        return None
    return PurchasingPower(NO_BAND, info.rpp, info.rpp_source, info.name, "state")


METHODS: dict[str, Callable[..., FactorValue]] = {
    "assumed": assumed,
    "industry_median_ratio": industry_median_ratio,
    "area_median_ratio": area_median_ratio,
}


@functools.lru_cache(maxsize=8192)
def factor_value(
    data: ReferenceData, name: str, key: str, role_key: str, metro: str | None = None
) -> FactorValue:
    """A factor's value for a role (and a metro area, for location), computed once each."""
    factor = data.factor(name)
    if factor.method == "area_median_ratio" and metro is not None:
        return area_median_ratio(data, factor, factor.values[key], data.roles[role_key], metro)
    return METHODS[factor.method](data, factor, factor.values[key], data.roles[role_key])
