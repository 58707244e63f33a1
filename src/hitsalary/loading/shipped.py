"""The package's files that every run reads (the OEWS tables, the files the cache is keyed on),
through the package's loader with `pkgutil.get_data`: from a folder or a zip alike, without
the start-up cost of `importlib.resources` (a few ms on every run). The YAML files, read only
when the cache misses, still go through importlib.resources (datafiles.read_shipped)."""

from __future__ import annotations

import os
import pkgutil

from hitsalary.core.errors import DataError

PACKAGE = "hitsalary"
FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # .../hitsalary


def path(relative: str) -> str:
    """Where a packaged file is, for messages and for os.stat (which fails inside a zip)."""
    return os.path.join(FOLDER, *relative.split("/"))


def text(relative: str, what: str = "file") -> str:
    """A packaged file's text (UTF-8); one DataError line naming it when it cannot be read."""
    try:
        raw = pkgutil.get_data(PACKAGE, relative)
        if raw is None:
            raise OSError("the package's loader cannot read files")
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path(relative)}: cannot read the shipped {what}: {exc}") from None
