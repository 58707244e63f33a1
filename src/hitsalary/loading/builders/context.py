"""What every part of the build shares: the merged raw data, where each source block came from,
and how to name the file and line of a bad value."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from hitsalary.core.errors import DataError
from hitsalary.core.models import Source

if TYPE_CHECKING:
    from hitsalary.loading.schema import Path

Raw = dict[str, Any]
NATION = "US"


class Files(Protocol):
    """Where an error in the merged data came from: reference.Files names the file and line."""

    def error(self, dataset: str, path: Path, message: str) -> DataError: ...

    def given(self, dataset: str, path: Path) -> bool: ...


class Context:
    """The validated, merged raw data sets, and the source and error helpers every builder uses."""

    def __init__(self, raw: dict[str, Raw], files: Files, user_sources: set[int], user: str | None) -> None:
        self.raw, self.files, self.user_sources, self.user = raw, files, user_sources, user
        self.built: dict[int, Source] = {}  # id of a source block (alive as long as raw) -> its Source

    def source(self, block: Raw) -> Source:
        """The Source of a block, built once: hundreds of items share their data set's block."""
        found = self.built.get(id(block))
        if found is None:
            fields = {k: block[k] for k in Source.__dataclass_fields__ if k in block}
            origin = self.user if id(block) in self.user_sources and self.user else "shipped"
            found = self.built[id(block)] = Source(**fields, origin=origin)
        return found

    def merged_source(self, user_block: Raw, shipped_block: Raw) -> Source:
        """A data set the user's file changes, even in part: the file's source block (its origin
        the file), its note naming the shipped source that what the file does not set keeps."""
        yours, shipped = self.source(user_block), self.source(shipped_block)
        merged = (
            f"merged key by key over the shipped data ({shipped.publisher}, {shipped.title}, "
            f"{shipped.year}): what this file does not set keeps that source"
        )
        return replace(yours, note=f"{yours.note}; {merged}" if yours.note else merged)

    def item_source(self, dataset: str, item: Raw) -> Source:
        return self.source(item.get("source") or self.raw[dataset]["source"])

    def fail(self, dataset: str, path: Path, message: str) -> DataError:
        return self.files.error(dataset, path, message)
