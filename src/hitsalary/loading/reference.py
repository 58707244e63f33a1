"""Load the reference data once: parse, validate, merge a user's file, derive the factors.

Shipped files live in hitsalary/data and are read through the package's loader (the YAML with
importlib.resources, the CSV tables with pkgutil: loading/shipped.py), so they work from a wheel
or a zip. A user's file (``--data`` / ``HITSALARY_DATA``) has one section per shipped file
(``state_wages:``, ``references:`` ...), each with its own ``source`` block; it is checked with
the same specs, then merged over the shipped data, key by key.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

from hitsalary.core.errors import DataError
from hitsalary.core.models import ReferenceData
from hitsalary.loading.builders import build
from hitsalary.loading.schema import SPECS, Items, Map, Path, SchemaError, Spec, unknown_key

if TYPE_CHECKING:
    from hitsalary.loading.datafiles import Document

Raw = dict[str, Any]


class Files:
    """The documents behind the merged data, to name a file and line for a key path. The shipped
    files are parsed (and yaml imported) only when an error needs their lines."""

    def __init__(self, user: Document | None) -> None:
        self.user = user
        self._shipped: dict[str, Document] | None = None

    @property
    def shipped(self) -> dict[str, Document]:
        from hitsalary.loading.datafiles import read_shipped

        if self._shipped is None:
            self._shipped = {name: read_shipped(name) for name in SPECS}
        return self._shipped

    def given(self, dataset: str, path: Path) -> bool:
        """Whether the user's file holds the whole of the path (it gives that item)."""
        from hitsalary.loading.datafiles import locate

        in_user = (dataset, *path)
        return self.user is not None and locate(self.user.root, in_user)[1] == len(in_user)

    def error(self, dataset: str, path: Path, message: str) -> DataError:
        """Name the user's file when it holds more of the path than the shipped file does."""
        from hitsalary.loading.datafiles import error_at, locate

        shipped = self.shipped[dataset]
        if self.user is not None:
            in_user = (dataset, *path)
            found_in_user = locate(self.user.root, in_user)[1] - 1  # parts of path, not the section
            # the merged data failed where the user's file reaches the item (or the key itself):
            # the user's file caused it, even where the shipped file has the same key
            if found_in_user >= 1 and found_in_user >= locate(shipped.root, path)[1] - 1:
                return error_at(self.user, in_user, message)
        return error_at(shipped, path, message)


def check_user(doc: Document) -> None:
    """Check a user's file section by section, as the shipped files are checked."""
    from hitsalary.loading.datafiles import error_at

    if not isinstance(doc.data, dict) or not doc.data:
        raise DataError(f"{doc.name}:1: expected a mapping of sections ({', '.join(SPECS)})")
    for name, section in doc.data.items():
        if name not in SPECS:
            raise error_at(doc, (name,), unknown_key(str(name), SPECS))
        try:
            SPECS[name].check(section, (), partial=True)
        except SchemaError as exc:
            raise error_at(doc, (name, *exc.path), exc.message) from None


def stamp(spec: Spec, value: Any, source: Raw) -> None:
    """Give every item of a user's section that can carry a source the section's source."""
    if isinstance(spec, Map) and isinstance(value, dict):
        # a value the user sets in a block that carries a source is theirs, not the shipped source's
        if ("source" in spec.optional or "source" in spec.required) and "source" not in value:
            value["source"] = source
        for key, element in value.items():
            sub = spec.required.get(key) or spec.optional.get(key)
            if sub is not None and key != "source":
                stamp(sub, element, source)
    elif isinstance(spec, Items) and isinstance(value, dict):
        for element in value.values():
            stamp(spec.item, element, source)


def merge(base: Any, over: Any) -> Any:
    """Deep-merge mappings (over wins); a source block or a list is replaced whole, except a
    list of aliases, which adds to the shipped one (more job titles, never fewer)."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return over
    merged = dict(base)
    for key, value in over.items():
        if key == "aliases" and isinstance(base.get(key), list) and isinstance(value, list):
            merged[key] = list(dict.fromkeys([*base[key], *value]))
        else:
            merged[key] = value if key == "source" else merge(base.get(key), value)
    return merged


def shipped_datasets(files: Files) -> dict[str, Raw]:
    """The shipped data, checked: from the cache when it holds this exact release and code."""
    from hitsalary.loading import cache

    names = list(SPECS)
    cached = cache.read(names)
    if cached is not None and cache_is_valid(cached):
        return cached
    if cached is not None:
        cache.discard(names)
    datasets: dict[str, Raw] = {}
    for name, doc in files.shipped.items():
        try:
            SPECS[name].check(doc.data, ())
        except SchemaError as exc:
            raise files.error(name, exc.path, exc.message) from None
        datasets[name] = doc.data
    cache.write(names, datasets)
    return datasets


def cache_is_valid(cached: dict[str, Any]) -> bool:
    """The same specs as the YAML files: a cache file that does not pass is ignored, never used.
    (Checking is cheap; what the cache saves is importing yaml and parsing.)"""
    try:
        for name, spec in SPECS.items():
            spec.check(cached[name], ())
    except (SchemaError, KeyError, TypeError, ValueError, RecursionError):
        return False
    return True


Sections = dict[str, tuple[Raw, Raw]]  # data set -> (the user's source block, the shipped one)


def load_documents(user_path: FilePath | None) -> tuple[dict[str, Raw], Files, set[int], Sections]:
    user = None
    if user_path is not None:
        from hitsalary.loading.datafiles import read_user

        user = read_user(user_path)
    files = Files(user)
    datasets = shipped_datasets(files)
    user_sources: set[int] = set()
    sections: Sections = {}
    if user is not None:
        check_user(user)
        for name, section in user.data.items():
            shipped_source = datasets[name]["source"]
            stamp(SPECS[name], datasets[name], shipped_source)  # untouched items keep their source
            stamp(SPECS[name], section, section["source"])
            user_sources.update(id(s) for s in find_sources(section))
            sections[name] = (section["source"], shipped_source)
            datasets[name] = merge(datasets[name], section)
            if not changes_top_level_figures(SPECS[name], section):
                datasets[name]["source"] = shipped_source
            try:
                SPECS[name].check(datasets[name], ())
            except SchemaError as exc:
                raise files.error(name, exc.path, exc.message) from None
    return datasets, files, user_sources, sections


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


@contextmanager
def without_cache() -> Iterator[None]:
    previous = os.environ.get("HITSALARY_NO_CACHE")
    os.environ["HITSALARY_NO_CACHE"] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["HITSALARY_NO_CACHE"]
        else:
            os.environ["HITSALARY_NO_CACHE"] = previous


@functools.lru_cache(maxsize=8)
def load(user_path: str | None = None) -> ReferenceData:
    """The shipped data, merged with a user's file when given; loaded once per path."""
    path = FilePath(user_path) if user_path else None
    raw, files, user_sources, sections = load_documents(path)
    try:
        return build(raw, files, user_sources, user_path, sections)
    except Exception:
        from hitsalary.loading import cache

        if cache.folder() is None:
            raise
        # a cache entry that passed the specs but does not build is dropped and the YAML used
        cache.discard(list(SPECS))
        with without_cache():
            raw, files, user_sources, sections = load_documents(path)
        return build(raw, files, user_sources, user_path, sections)


def user_changes(user_path: str) -> list[str]:
    """What a user's file does to the shipped data: one line per item it adds or changes."""
    from hitsalary.loading.datafiles import read_shipped, read_user

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
