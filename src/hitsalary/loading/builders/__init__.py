"""Turn validated, merged raw data into the typed ReferenceData, one module per data set:
rules (method, levels), roles, factors, references (and the older industry tables), oews (the
wage tables, states, price parities) and outlook (projections, claims, HIMSS)."""

from __future__ import annotations

from hitsalary.core.models import ReferenceData
from hitsalary.loading.area_tables import CsvAreaTables
from hitsalary.loading.builders.context import Context, Files, Raw
from hitsalary.loading.builders.factors import check_entry_education, factors
from hitsalary.loading.builders.oews import national_rpp, oews, states
from hitsalary.loading.builders.outlook import claims, himss, projections
from hitsalary.loading.builders.places import area_parities, eci, entry_education
from hitsalary.loading.builders.references import industry, references
from hitsalary.loading.builders.roles import aliases, neutral_role, roles
from hitsalary.loading.builders.rules import levels, method

__all__ = ["build"]


def build(
    raw: dict[str, Raw],
    files: Files,
    user_sources: set[int],
    user: str | None,
    sections: dict[str, tuple[Raw, Raw]] | None = None,
) -> ReferenceData:
    """Turn validated, merged raw data into the typed ReferenceData; sections holds, for each data
    set the user's file changes, its source block and the shipped one it is merged over."""
    ctx = Context(raw, files, user_sources, user)
    older = industry(ctx)
    outlook = projections(ctx)
    national, by_state, by_industry = oews(ctx)
    all_roles = roles(ctx, national)
    all_states = states(ctx, by_state)
    oews_meta = ctx.raw["oews_2025"]
    all_factors = factors(ctx, all_states, by_industry)
    entry = entry_education(ctx)
    check_entry_education(ctx, all_factors, all_roles, entry)
    return ReferenceData(
        levels=levels(ctx),
        method=method(ctx),
        roles=all_roles,
        role_aliases=aliases(
            ctx, "roles", ("roles",), {k: (r.label, *r.aliases, *r.spellings) for k, r in all_roles.items()}
        ),
        neutral_role=neutral_role(ctx, all_roles),
        factors=all_factors,
        references=references(ctx, older, all_roles),
        national=national,
        by_state=by_state,
        by_industry=by_industry,
        titles=dict(oews_meta["occupations"]),
        tables=dict(oews_meta["tables"]),
        area_tables=CsvAreaTables(
            oews_meta["tables"], frozenset(all_states), ctx.source(oews_meta["source"])
        ),
        industries=dict(oews_meta["industries"]),
        industry=older,
        projections=outlook,
        claims=claims(ctx, outlook),
        states=all_states,
        national_rpp=national_rpp(ctx),
        education_pays=dict(ctx.raw["education_pays"]["attainment"]),
        himss=himss(ctx),
        sources={name: ctx.source(data["source"]) for name, data in ctx.raw.items()},
        user_file=ctx.user,
        user_datasets={name: ctx.merged_source(*blocks) for name, blocks in (sections or {}).items()},
        eci=eci(ctx),
        area_rpp=area_parities(ctx),
        entry_education=entry,
        area_names={  # each name's codes, in the file's order: one, or the areas it could mean
            name: (code,) if isinstance(code, str) else tuple(code)
            for name, code in ctx.raw["area_names"]["names"].items()
        },
    )
