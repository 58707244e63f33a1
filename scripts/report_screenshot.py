"""Make the README's picture of a real report: docs/report-screenshot.png.

    python scripts/report_screenshot.py

Writes the report README shows the command for, in a temporary folder, with this checkout's
hitsalary, then has Debian's headless Chromium take a screenshot of it 1280 pixels wide (the
header and the pictures; the tables follow below them on the page). Run it again after anything
that changes the page or the numbers, and commit the PNG.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "report-screenshot.png"
COMMAND = ["report", "--exp", "5", "--role", "ehr", "--metro", "san jose", "--offer", "130k", "-o", "r.html"]
WIDTH, HEIGHT = 1280, 1830  # down to the end of the pictures, above the tables
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("report_screenshot: Chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        made = subprocess.run(
            [sys.executable, "-m", "hitsalary", *COMMAND],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0:
            sys.exit(f"report_screenshot: the report failed: {made.stderr.strip()}")
        OUT.parent.mkdir(exist_ok=True)
        shot = folder / "shot.png"
        subprocess.run(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={folder / 'profile'}",
                f"--screenshot={shot}",
                f"--window-size={WIDTH},{HEIGHT}",
                (folder / "r.html").as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
        if not shot.exists():
            sys.exit("report_screenshot: Chromium wrote no screenshot")
        shutil.copyfile(shot, OUT)
    print(f"wrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
