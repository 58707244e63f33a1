"""The files a command writes (batch's --output, report's page): written atomically (a temporary
file renamed over the output), devices and FIFOs written into, the temporary files of killed runs
removed, and an output that is one of the run's own inputs refused before anything is written.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TextIO

from hitsalary.core.errors import OutputError, UsageProblem, shown
from hitsalary.loading.files import alive


@contextmanager
def atomic_output(path: Path, stdout: TextIO) -> Iterator[TextIO]:
    """Write to a temporary file beside path and rename it over path only when all went well.

    Every regular file is replaced this way, wherever it lives (/dev/shm, a symlink to a file).
    Only a character device, a FIFO or a socket is written into. A path that leads to this run's
    own stdout (`-o /dev/stdout >> log`) is written through stdout as it is: never truncated.
    Through a symlink, the file the link points to is replaced and the link kept. The temporary
    file's name carries this process's id, so a later run can remove what a run killed with
    SIGKILL left behind."""
    info = output_status(path)
    if info is not None and same_file(info, stdout):
        yield stdout
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        with write_into(path) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path))
    if info is not None:
        check_writable(path, target, info)
    remove_stale_parts(target)
    with replacing(path, target) as handle:
        yield handle


def output_status(path: Path) -> os.stat_result | None:
    """The output's status (following symlinks), None if it does not exist yet; a path that
    cannot even be looked at (a folder it cannot read, a name too long) is refused."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise UsageProblem(f"invalid value for --output: {shown(str(path), 200)}: {reason}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageProblem(f"invalid value for --output: {shown(str(path), 200)} is a folder")
    return info


def same_file(info: os.stat_result, stream: Any) -> bool:
    """Whether the output is the file a standard stream is already open on."""
    try:
        other = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (info.st_dev, info.st_ino) == (other.st_dev, other.st_ino)


def check_writable(path: Path, target: Path, info: os.stat_result) -> None:
    """A read-only file (mode 444, or not this user's to write) is refused, not replaced: that a
    rename could replace it is no reason to overwrite what its owner protected."""
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        mode = f"mode {stat.S_IMODE(info.st_mode):o}"
        raise UsageProblem(f"invalid value for --output: {shown(str(path), 200)} is read-only ({mode})")


@contextmanager
def replacing(path: Path, target: Path) -> Iterator[TextIO]:
    temporary = target.parent / part_name(target)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        message = f"cannot write in {shown(str(target.parent), 200)}: {exc.strerror}"
        raise UsageProblem(f"invalid value for --output: {message}") from None
    try:
        with terminate_as_exception(), os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(temporary, file_mode(target))
            os.replace(temporary, target)
    except OSError as exc:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise OutputError(f"cannot write {shown(str(path), 200)}: {exc.strerror or exc}") from None
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def part_name(target: Path) -> str:
    """`.NAME.<pid>.<random>.part`, with NAME cut short where the whole would not fit the file
    system's limit on a name (a valid 246-character output name must still work)."""
    suffix = f".{os.getpid()}.{os.urandom(4).hex()}.part"
    return f".{stem_for_parts(target)}{suffix}"


def stem_for_parts(target: Path) -> str:
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    room = limit - len(f"..{2**22}.{'0' * 8}.part")
    name = target.name
    while len(name.encode("utf-8", "surrogateescape")) > room:
        name = name[:-1]
    return name


def file_mode(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual mode under the umask."""
    with suppress(FileNotFoundError):
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def write_into(path: Path) -> Iterator[TextIO]:
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle
    except OSError as exc:
        raise OutputError(f"cannot write {shown(str(path))}: {exc.strerror or exc}") from None


PART_NAME = r"\.{name}\.(\d+)\.[A-Za-z0-9_]+\.part"  # also the names of older versions (mkstemp)


def remove_stale_parts(target: Path) -> None:
    """Remove the temporary files of earlier runs for this output whose process is gone (a run
    killed with SIGKILL cannot clean up after itself). Only files of this user, named exactly as
    atomic_output names them, are touched."""
    pattern = re.compile(PART_NAME.format(name=re.escape(stem_for_parts(target))))
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            found = pattern.fullmatch(entry.name)
            if found is None or not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_uid == os.getuid() and not alive(int(found[1])):
                with suppress(OSError):
                    os.unlink(entry.path)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so that temporary files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def terminate_as_exception() -> Iterator[None]:
    """While a temporary file exists, SIGTERM and SIGHUP unwind the stack (and so remove it)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(signum: int, _frame: Any) -> None:
        raise Terminated(signum)

    previous = {sig: signal.signal(sig, raise_terminated) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def check_output_path(text: str) -> None:
    """Refuse an output that names a missing folder."""
    if text.endswith(("/", os.sep)) and not os.path.isdir(text):
        raise UsageProblem(f"invalid value for --output: {shown(text, 200)}: no such folder")


def refuse_reading_own_output(output: str, stdout: Any, sources: dict[str, Any]) -> None:
    """The input is never the output, however it is reached (`batch in.jsonl >> in.jsonl`,
    `batch - -o in.csv < in.csv`, `--data d.yaml -o d.yaml`, a symlink, /dev/stdout): the file
    written (stdout or --output) is compared by device and inode with every file read, before
    anything is written. Devices such as /dev/null or a terminal may be both."""
    written = file_identity(stdout if output == "-" else output)
    if written is None:
        return
    for name, source in sources.items():
        if source is not None and file_identity(source) == written:
            where = "stdout" if output == "-" else f"--output {shown(output, 200)}"
            raise UsageProblem(f"{where} is the same file as {name}: hitsalary would overwrite what it reads")


def file_identity(what: Any) -> tuple[int, int] | None:
    """(device, inode) of a regular file or FIFO, given as a path or an open stream."""
    try:
        info = os.stat(what) if isinstance(what, (str, os.PathLike)) else os.fstat(what.fileno())
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        return None
    return info.st_dev, info.st_ino
