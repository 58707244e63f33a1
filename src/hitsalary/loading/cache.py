"""A cache of the validated shipped data, so that a run need not import yaml or parse and check
the data files again. It is keyed by the size and modification time of the data files and
of the code that checks them,
and holds plain JSON (never pickle). Anything wrong with it only means a slower run.

Location: $HITSALARY_CACHE_DIR, else $XDG_CACHE_HOME/hitsalary (only when absolute, as the XDG
spec says), else ~/.cache/hitsalary. HITSALARY_NO_CACHE=1 (or true, yes) turns it off.

The cache never changes a result: it is used only from a folder owned by the current user and
not writable by others, only a regular file with the exact name hitsalary gives it is read, its
checksum must match (so damage on disk is caught), and its content is checked by the caller with
the same specs as the YAML before use (reference.py).
Clean-up deletes only files named exactly as hitsalary names them.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import zlib
from contextlib import suppress
from importlib import resources
from pathlib import Path
from typing import Any

from hitsalary.core.version import __version__

CHECKING_CODE = tuple(f"loading/{name}" for name in ("schema.py", "reference.py", "datafiles.py", "cache.py"))
NAME = re.compile(r"hitsalary-data-[0-9a-f]{16}\.json")  # the only files clean-up may delete
MAX_BYTES = 4 * 1024 * 1024  # the validated shipped data is about 100 KB as JSON
TRUE = ("1", "true", "yes")


def folder() -> Path | None:
    if os.environ.get("HITSALARY_NO_CACHE", "").strip().lower() in TRUE:
        return None
    if os.environ.get("HITSALARY_CACHE_DIR"):
        return Path(os.environ["HITSALARY_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid and is ignored
        base = str(Path.home() / ".cache")
    return Path(base) / "hitsalary"


def trusted(where: Path) -> bool:
    """A folder only this user can write: anyone else's file there could change a result."""
    try:
        info = os.stat(where)
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    owned = getuid is None or info.st_uid == getuid()
    return stat.S_ISDIR(info.st_mode) and owned and not info.st_mode & 0o022


def file_name(names: list[str]) -> str:
    return f"hitsalary-data-{fingerprint(names)}.json"


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
    joined = chr(0).join(parts).encode()
    return f"{zlib.crc32(joined):08x}{zlib.adler32(joined):08x}"


def read(names: list[str]) -> dict[str, Any] | None:
    """The cached data sets, or None: anything unexpected (a foreign folder, a FIFO, a link,
    bad JSON, NaN, deep nesting) means no cache. The caller checks the content before use."""
    where = folder()
    if where is None or not trusted(where):
        return None
    try:
        data = json.loads(unseal(read_regular(where / file_name(names))), parse_constant=refuse_constant)
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and sorted(data) == sorted(names) else None


def read_regular(path: Path) -> str:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        getuid = getattr(os, "getuid", None)
        if not stat.S_ISREG(info.st_mode) or (getuid is not None and info.st_uid != getuid()):
            raise ValueError("not a regular file of this user")
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValueError("too large")
    return raw.decode("utf-8")


def seal(text: str) -> str:
    """The file's content: a checksum line, then the JSON. A file damaged on disk (a torn write,
    a flipped byte, an edit) fails the checksum and is rebuilt, however valid its numbers look."""
    return f"{checksum(text)}\n{text}"


def unseal(content: str) -> str:
    stamp, _, text = content.partition("\n")
    if stamp != checksum(text):
        raise ValueError("checksum mismatch")
    return text


def checksum(text: str) -> str:
    raw = text.encode("utf-8", "surrogatepass")
    return f"hitsalary-cache {zlib.crc32(raw):08x}{zlib.adler32(raw):08x} {len(raw)}"


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number hitsalary writes")


def write(names: list[str], datasets: dict[str, Any]) -> None:
    where = folder()
    if where is None:
        return
    target = where / file_name(names)
    with suppress(OSError, TypeError, ValueError):
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted(where):
            return
        fd, temporary = tempfile.mkstemp(dir=where, prefix=".hitsalary-data-", suffix=".part")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(seal(json.dumps(datasets, allow_nan=False)))
            os.replace(temporary, target)
        finally:
            with suppress(FileNotFoundError):
                os.unlink(temporary)
        remove_old(where, target.name)


def remove_old(where: Path, keep: str) -> None:
    """Delete earlier cache files: only names that match hitsalary's own pattern exactly."""
    for entry in os.scandir(where):
        if entry.name != keep and NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            with suppress(OSError):
                os.unlink(entry.path)


def discard(names: list[str]) -> None:
    """Remove a cache file that turned out to be unusable, so the next run rebuilds it."""
    where = folder()
    if where is not None and trusted(where):
        with suppress(OSError):
            os.unlink(where / file_name(names))
