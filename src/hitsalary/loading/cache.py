"""A cache of the validated shipped data, so that a run need not import yaml or parse and check
the data files again. It is keyed by the content of the data files and of the code that checks
them (a SHA-256), and holds plain JSON (never pickle). Anything wrong with it only means a
slower run.

Hashing every file on every run would cost more than the cache saves, so the hash is worked out
once per set of file identities (device, inode, size, modification and change time of each file:
one stat each) and remembered in a small stamp file. Any write to a file changes its change time,
which no `touch -d` can set back, so an edited file always gets a new hash.

Location: $HITSALARY_CACHE_DIR, else $XDG_CACHE_HOME/hitsalary (only when absolute, as the XDG
spec says), else ~/.cache/hitsalary (only when the home folder is an absolute path).
HITSALARY_NO_CACHE=1 (or true, yes) turns it off.

The cache never changes a result: the folder is opened one component at a time (safedir.py), a
symlink on the way followed only if it is this user's or root's, and used only when it is owned
by the current user and not writable by others; only a regular file with the exact name
hitsalary gives it is read, its checksum must match (so damage on disk is caught), and its
content is checked by the caller with the same specs as the YAML before use (reference.py).
Clean-up deletes only files named exactly as hitsalary names them, and the temporary files of
writers that died (SIGKILL) before they could remove them.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zlib
from contextlib import suppress
from typing import Any

from hitsalary.core.version import __version__
from hitsalary.loading import shipped
from hitsalary.loading.files import alive
from hitsalary.loading.safedir import open_folder

CHECKING_CODE = tuple(
    f"loading/{name}"
    for name in ("schema.py", "reference.py", "datafiles.py", "yamlcore.py", "cache.py", "safedir.py")
)
NAME = re.compile(r"hitsalary-data-[0-9a-f]{16}\.json")  # the only files clean-up may delete
STAMP = re.compile(r"hitsalary-stamp-[0-9a-f]{16}")
PART = re.compile(r"\.hitsalary-(?:data|stamp)-(\d+)\.[0-9a-f]{8}\.part")
MAX_BYTES = 4 * 1024 * 1024  # the validated shipped data is about 100 KB as JSON
TRUE = ("1", "true", "yes")


def folder() -> str | None:
    """Where the cache lives (an absolute path), or None for no cache."""
    if os.environ.get("HITSALARY_NO_CACHE", "").strip().lower() in TRUE:
        return None
    if os.environ.get("HITSALARY_CACHE_DIR"):
        return os.path.abspath(os.environ["HITSALARY_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid and is ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # HOME=relhome: not a cache in whatever folder this runs in
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "hitsalary")


def identities(names: list[str]) -> tuple[list[tuple[str, str]], str]:
    """The files the cache depends on (name, path), and one line of their identities."""
    files = [(r, shipped.path(r)) for r in (*(f"data/{name}.yaml" for name in names), *CHECKING_CODE)]
    parts = [__version__]
    for _, path in files:
        info = os.stat(path)  # OSError (the package in a zip): no cache
        parts.append(
            f"{path}:{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
        )
    return files, chr(0).join(parts)


def short_hash(text: str) -> str:
    raw = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def content_key(fd: int, names: list[str]) -> tuple[str, str]:
    """The hash of the files' content, and the name of the stamp that remembers it for these
    identities: from the stamp, else read and hashed (and the stamp written for the next run)."""
    files, known = identities(names)
    stamp = f"hitsalary-stamp-{short_hash(known)}"
    with suppress(OSError, ValueError):
        key = unseal(read_regular(fd, stamp))
        if re.fullmatch(r"[0-9a-f]{16}", key):
            return key, stamp
    import hashlib

    digest = hashlib.sha256(__version__.encode())
    for relative, path in files:
        with open(path, "rb") as handle:
            content = handle.read()
        digest.update(f"\0{relative}\0{len(content)}\0".encode())
        digest.update(content)
    key = digest.hexdigest()[:16]
    with suppress(OSError):
        replace_with(fd, stamp, seal(key))
    return key, stamp


def read(names: list[str]) -> dict[str, Any] | None:
    """The cached data sets, or None: anything unexpected (a foreign folder or link, a FIFO,
    bad JSON, NaN, deep nesting) means no cache. The caller checks the content before use."""
    fd = open_cache(create=False)
    if fd is None:
        return None
    try:
        text = unseal(read_regular(fd, file_name(content_key(fd, names)[0])))
        data = json.loads(text, parse_constant=refuse_constant)
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)
    return data if isinstance(data, dict) and sorted(data) == sorted(names) else None


def open_cache(*, create: bool) -> int | None:
    where = folder()
    if where is None:
        return None
    try:
        return open_folder(where, create=create)
    except (OSError, ValueError):
        return None


def file_name(key: str) -> str:
    return f"hitsalary-data-{key}.json"


def current_name(names: list[str]) -> str:
    """The name of the cache file for the installed data and code (for tests and tools)."""
    fd = open_cache(create=True)
    if fd is None:
        raise OSError("no usable cache folder")
    try:
        return file_name(content_key(fd, names)[0])
    finally:
        os.close(fd)


def read_regular(fd: int, name: str) -> str:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(name, flags, dir_fd=fd), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
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
    fd = open_cache(create=True)
    if fd is None:
        return
    try:
        with suppress(OSError, TypeError, ValueError):
            key, stamp = content_key(fd, names)
            replace_with(fd, file_name(key), seal(json.dumps(datasets, allow_nan=False)))
            remove_old(fd, keep=(file_name(key), stamp))
    finally:
        os.close(fd)


def replace_with(fd: int, name: str, text: str) -> None:
    """Write name in the folder fd whole or not at all: a temporary file that names this
    process, renamed over name. A run killed before the rename leaves it for remove_old."""
    kind = "stamp" if name.startswith("hitsalary-stamp-") else "data"
    temporary = f".hitsalary-{kind}-{os.getpid()}.{os.urandom(4).hex()}.part"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        with os.fdopen(os.open(temporary, flags, 0o600, dir_fd=fd), "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporary, dir_fd=fd)


def remove_old(fd: int, *, keep: tuple[str, ...]) -> None:
    """Delete earlier cache files and stamps (only names that match hitsalary's own patterns
    exactly), and temporary files whose writer is no longer running."""
    with os.scandir(fd) as entries:
        for entry in entries:
            part = PART.fullmatch(entry.name)
            old = entry.name not in keep and (NAME.fullmatch(entry.name) or STAMP.fullmatch(entry.name))
            dead = part is not None and not alive(int(part[1]))
            if (old or dead) and entry.is_file(follow_symlinks=False):
                with suppress(OSError):
                    os.unlink(entry.name, dir_fd=fd)


def discard(names: list[str]) -> None:
    """Remove a cache file that turned out to be unusable, so the next run rebuilds it."""
    fd = open_cache(create=False)
    if fd is not None:
        with suppress(OSError, ValueError):
            os.unlink(file_name(content_key(fd, names)[0]), dir_fd=fd)
        os.close(fd)
