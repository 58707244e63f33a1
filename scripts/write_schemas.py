"""Write the JSON Schema of every `--json` document to src/hitsalary/schemas/*.json, and the
README's JSON tables, from the definitions in src/hitsalary/output/documents.py.

    python scripts/write_schemas.py

Each file is pydantic's `TypeAdapter(...).json_schema()` of one document (its shared parts in
`$defs`, so every shipped file stands alone), with `$schema`, `$id` and `title` added.
tests/test_schemas.py checks the shipped files and the README equal what this script writes, and
validates the real output of each command against them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from hitsalary.output.documents import DOCUMENTS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "hitsalary" / "schemas"
README = ROOT / "README.md"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
BEGIN = "<!-- the tables below are written by scripts/write_schemas.py from output/documents.py -->"
END = "<!-- end of the generated tables -->"


class Untitled(GenerateJsonSchema):
    """pydantic's schema without a title on every field (the name of the key, capitalized)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def schema_for(name: str) -> dict[str, Any]:
    title, kind = DOCUMENTS[name]
    body = TypeAdapter(kind).json_schema(schema_generator=Untitled)
    body.pop("title", None)
    if body.get("description") == title:
        del body["description"]
    return {"$schema": DRAFT, "$id": f"https://hitsalary.invalid/schemas/{name}.json", "title": title, **body}


def rendered() -> dict[str, str]:
    return {f"{name}.json": json.dumps(schema_for(name), indent=2) + "\n" for name in DOCUMENTS}


def resolve(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    return defs[ref.rsplit("/", 1)[1]] if ref else prop


def type_name(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A property's JSON type, in the README's words."""
    options = prop.get("anyOf")
    if options:
        names = [type_name(o, defs) for o in options if o.get("type") != "null"]
        return " or ".join(names) + (" or null" if len(names) < len(options) else "")
    prop = resolve(prop, defs)
    if "const" in prop:
        return json.dumps(prop["const"])
    kind = prop.get("type", "any")
    if kind == "array":
        items = resolve(prop["items"], defs)
        return "array of objects" if items.get("type") == "object" else "array"
    return {"integer": "int", "boolean": "bool"}.get(kind, kind)


def sub_keys(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The keys of the object a property holds (or each item of its array holds), if any."""
    for option in prop.get("anyOf", [prop]):
        target = resolve(option, defs)
        if target.get("type") == "array":
            target = resolve(target["items"], defs)
        if "properties" in target:
            return dict(target["properties"])
    return {}


def meaning(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A property's description, its values if they are a set, and its keys with theirs."""
    inner = resolve(prop, defs)
    text = (prop.get("description") or inner.get("description", "")).rstrip(".")
    values = inner.get("enum") or next((o["enum"] for o in prop.get("anyOf", []) if "enum" in o), None)
    if values:
        text += (": " if text else "") + ", ".join(f"`{v}`" for v in values)
    keys = sub_keys(prop, defs)
    if keys:
        shown = [f"`{k}`" + (f" ({v['description']})" if "description" in v else "") for k, v in keys.items()]
        text += (": " if text else "") + ", ".join(shown)
    return text.replace("|", "\\|").replace("\n", " ")


def key_list(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    """A document's keys, with the keys of the objects one level down."""
    out = []
    for key, prop in schema["properties"].items():
        inner = sub_keys(prop, defs) if key != "data" else {}  # `data` is as in the estimate
        shown = ", ".join(f"`{k}`" for k in inner)
        is_array = type_name(prop, defs).startswith("array")
        out.append(f"`{key}`" + ((f" [{{{shown}}}]" if is_array else f" {{{shown}}}") if inner else ""))
    return ", ".join(out)


def readme_tables() -> str:
    estimate = schema_for("estimate")
    defs = estimate["$defs"]
    lines = ["`estimate --json`:", "", "| key | type | meaning |", "|---|---|---|"]
    for key, prop in estimate["properties"].items():
        optional = "" if key in estimate["required"] else " (optional)"
        lines.append(f"| `{key}` | {type_name(prop, defs)}{optional} | {meaning(prop, defs)} |")
    lines += ["", "The other documents (each key's meaning is in its schema):", ""]
    lines += ["| document | keys |", "|---|---|"]
    for name in DOCUMENTS:
        if name in ("estimate", "batch-record"):
            continue
        schema = schema_for(name)
        top = resolve(schema, schema.get("$defs", {}))
        lines.append(f"| `schemas/{name}.json` | {key_list(top, schema.get('$defs', {}))} |")
    return "\n".join(lines) + "\n"


def readme_with_tables(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n\n" + readme_tables() + "\n" + text[end:]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for file_name, text in rendered().items():
        (OUT / file_name).write_text(text, encoding="utf-8")
    README.write_text(readme_with_tables(README.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
