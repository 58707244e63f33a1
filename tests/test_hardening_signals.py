"""Ctrl-C at any moment ends with exit 130 and one line, never a traceback: the handler is in
place as soon as the program's package is imported, before any slow import."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROGRAM = """
import sys
sys.argv[0] = {argv0!r}
import hitsalary, os, signal
os.kill(os.getpid(), signal.SIGINT)
import time
time.sleep(2)
print("not interrupted")
"""


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("argv0", ["/usr/local/bin/hitsalary", "hitsalary"])
def test_ctrl_c_right_after_the_package_loads_exits_130_with_one_line(argv0: str) -> None:
    result = run(PROGRAM.format(argv0=argv0))
    assert result.returncode == 130
    assert result.stderr == "hitsalary: interrupted\n"
    assert result.stdout == ""


def test_a_library_import_keeps_pythons_own_ctrl_c() -> None:
    """A script or notebook that imports hitsalary still gets KeyboardInterrupt, not an exit."""
    code = (
        "import sys, os, signal, time\n"
        "sys.argv[0] = 'my_script.py'\n"
        "import hitsalary\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(2)\n"
        "except KeyboardInterrupt:\n"
        "    print('caught')\n"
    )
    result = run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "caught\n"


def test_ctrl_c_while_the_command_is_imported_exits_130() -> None:
    code = (
        "import sys, os, signal\n"
        "sys.argv = ['hitsalary', 'estimate', '--exp', '5', '--json']\n"
        "import hitsalary\n"
        "class Stop:\n"
        "    def find_spec(self, name, *args):\n"
        "        if name == 'typer':\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Stop())\n"
        "hitsalary.main()\n"
    )
    result = run(code)
    assert result.returncode == 130
    assert result.stderr == "hitsalary: interrupted\n"
