"""A cache of the validated shipped data, so that a run need not import yaml or parse and check
the data files again. It is keyed by the size and modification time of the data files and
of the code that checks them,
and holds plain JSON (never pickle). Anything wrong with it only means a slower run.

Location: $HITSALARY_CACHE_DIR, else $XDG_CACHE_HOME/hitsalary, else ~/.cache/hitsalary.
HITSALARY_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from contextlib import suppress
from importlib import resources
from pathlib import Path
from typing import Any

from hitsalary import __version__

CHECKING_CODE = ("schema.py", "reference.py", "datafiles.py", "cache.py")


def folder() -> Path | None:
    if os.environ.get("HITSALARY_NO_CACHE"):
        return None
    if os.environ.get("HITSALARY_CACHE_DIR"):
        return Path(os.environ["HITSALARY_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hitsalary"


def fingerprint(names: list[str]) -> str:
    """Which release and code the cache entry belongs to: version, and the size and modification
    time of each data file and of the code that checks them (a stat each; nothing is read)."""
    package = resources.files("hitsalary")
    parts = [__version__]
    for relative in (*(f"data/{name}.yaml" for name in names), *CHECKING_CODE):
        try:
            info = os.stat(str(package / relative))
            parts.append(f"{relative}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:  # not on a file system (a zip): fall back to the content
            with suppress(OSError):
                parts.append(f"{relative}:{zlib.crc32((package / relative).read_bytes())}")
    return f"{zlib.crc32(chr(0).join(parts).encode()):08x}"


def read(names: list[str]) -> dict[str, Any] | None:
    where = folder()
    if where is None:
        return None
    try:
        data = json.loads((where / f"data-{fingerprint(names)}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and sorted(data) == sorted(names) else None


def write(names: list[str], datasets: dict[str, Any]) -> None:
    where = folder()
    if where is None:
        return
    target = where / f"data-{fingerprint(names)}.json"
    with suppress(OSError, TypeError, ValueError):
        where.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=where, prefix=".data-", suffix=".part")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(datasets, handle)
            os.replace(temporary, target)
        finally:
            with suppress(FileNotFoundError):
                os.unlink(temporary)
        for old in where.glob("data-*.json"):
            if old != target:
                old.unlink()
