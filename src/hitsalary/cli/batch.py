"""Batch output files: written atomically (a temporary file renamed over the output), devices and
FIFOs written into, the temporary files of killed runs removed. The roster engine itself (readers,
the estimator, the run) lives in `hitsalary.rosters`, below the command line, so that the Python
API's `hitsalary.batch` uses the same code.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TextIO

from hitsalary.core.errors import OutputError, UsageProblem, shown


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """Write to a temporary file beside path and rename it over path only when all went well.

    A path that is not a regular file (a device such as /dev/null, a FIFO, /dev/stdout) is written
    into, never replaced. Through a symlink, the file the link points to is replaced and the link
    kept. The temporary file's name carries this process's id, so a later run can remove what a
    run killed with SIGKILL left behind."""
    if path.is_dir():
        raise UsageProblem(f"invalid value for --output: {shown(str(path))} is a folder")
    if not writes_by_rename(path):
        with write_into(path) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path))
    remove_stale_parts(target)
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        message = f"cannot write in {shown(str(path.parent))}: {exc.strerror}"
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
        raise OutputError(f"cannot write {shown(str(path))}: {exc.strerror or exc}") from None
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def writes_by_rename(path: Path) -> bool:
    """Whether the output is (or will be) a regular file, written by rename; anything else that
    exists (a device, a FIFO, a terminal, whatever /dev/stdout leads to) is written into."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and not os.path.abspath(path).startswith(("/dev/", "/proc/"))


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


PART_NAME = r"\.{name}\.(\d+)\.[A-Za-z0-9_]+\.part"


def remove_stale_parts(target: Path) -> None:
    """Remove the temporary files of earlier runs for this output whose process is gone (a run
    killed with SIGKILL cannot clean up after itself). Only files of this user, named exactly as
    atomic_output names them, are touched."""
    pattern = re.compile(PART_NAME.format(name=re.escape(target.name)))
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            found = pattern.fullmatch(entry.name)
            if found is None or not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_uid == os.getuid() and not alive(int(found[1])):
                with suppress(OSError):
                    os.unlink(entry.path)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # exists but is not ours, or cannot be asked: leave its file alone
    return True


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


def check_output_path(text: str, input_path: str) -> None:
    """Refuse an output that names a missing folder, or that is the input file itself."""
    if text.endswith(("/", os.sep)) and not os.path.isdir(text):
        raise UsageProblem(f"invalid value for --output: {shown(text)}: no such folder")
    if input_path == "-":
        return
    try:
        same = os.path.samefile(text, input_path)
    except OSError:
        return
    if same:
        raise UsageProblem(f"invalid value for --output: {shown(text)} is the input file")
