"""Open a folder without trusting symlinks planted by someone else.

The folder is reached one component at a time from `/` with O_NOFOLLOW; a symlink on the way is
followed only when it belongs to the current user or to root (anyone else's link could point a
run of root's at /etc). What is returned is a descriptor: later opens, renames and deletions go
through it (dir_fd), so the folder cannot be swapped for another between check and use."""

from __future__ import annotations

import errno
import os
import stat
from contextlib import suppress

MAX_LINKS = 40  # as the kernel's own limit on symlinks in one lookup
DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
SUPPORTED = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW") and hasattr(os, "getuid")


class Untrusted(OSError):
    """The folder, or a symlink on the way to it, is not this user's (or root's)."""


def open_folder(path: str, *, create: bool = False) -> int:
    """A descriptor of the folder at path (an absolute path), created with mode 700 where
    missing when create is set. Raises OSError (Untrusted among them) when it cannot be had."""
    if not SUPPORTED or not os.path.isabs(path):
        raise Untrusted(errno.EPERM, "no safe way to open this folder here")
    fd = os.open("/", DIRECTORY)
    try:
        fd = walk(fd, path.split("/"), create, [MAX_LINKS])
        info = os.fstat(fd)
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            raise Untrusted(errno.EPERM, "the folder is not this user's alone")
    except BaseException:
        os.close(fd)
        raise
    return fd


def walk(fd: int, parts: list[str], create: bool, links: list[int]) -> int:
    """From the folder fd, follow parts; fd is consumed (closed), the result is returned."""
    for part in parts:
        if part in ("", "."):
            continue
        try:
            child = step(fd, part, create, links)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        fd = child
    return fd


def step(fd: int, part: str, create: bool, links: list[int]) -> int:
    try:
        return os.open(part, DIRECTORY, dir_fd=fd)
    except FileNotFoundError:
        if not create:
            raise
        with suppress(FileExistsError):
            os.mkdir(part, 0o700, dir_fd=fd)
        return os.open(part, DIRECTORY, dir_fd=fd)
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
            raise
    info = os.lstat(part, dir_fd=fd)
    if not stat.S_ISLNK(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", part)
    if info.st_uid not in (0, os.getuid()):
        raise Untrusted(errno.EPERM, "a symlink on the way belongs to another user", part)
    links[0] -= 1
    if links[0] < 0:
        raise OSError(errno.ELOOP, "too many symlinks", part)
    target = os.readlink(part, dir_fd=fd)
    start = os.open("/", DIRECTORY) if target.startswith("/") else os.dup(fd)
    return walk(start, target.split("/"), create, links)
