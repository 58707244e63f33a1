"""Files hitsalary writes: whether the process that left a temporary file is still running."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """Whether process pid exists. A process of another user (EPERM), or one that cannot be
    asked, counts as alive: its files are left alone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True
