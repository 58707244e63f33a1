"""The report in a real browser: Debian's headless Chromium renders it at 1280 and 390 px wide
(over the DevTools pipe, tests/cdp.py); the screenshots are not blank, the page logs nothing to
the console (no script error, no blocked fetch), nothing is wider than a phone, and printing
gives two pages on A4 and on Letter. .ci/run installs Chromium; where it is missing these tests
skip, saying so."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from .cdp import PRINT_FLAGS, Browser, Rendered, find_chromium
from .pngread import read_png

PROFILE = ["--exp", "5", "--role", "ehr", "--metro", "san jose", "--offer", "130k", "--vs", "state=TX"]
MISSING = (
    "Chromium is not installed (apt-get install -y chromium; .ci/run installs it): browser tests skipped"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip(MISSING)
    started = Browser(executable)
    yield started
    started.close()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from hitsalary.cli import app

    target = tmp_path_factory.mktemp("report") / "r.html"
    result = CliRunner().invoke(app, ["report", *PROFILE, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    return target


def shade_share(rendered: Rendered) -> tuple[int, float]:
    """How many colours the screenshot has, and the share of pixels that are not the background."""
    pixels = Counter(p for row in read_png_bytes(rendered.thumb) for p in row)
    count = pixels.most_common(1)[0][1]  # the background's
    return len(pixels), 1 - count / pixels.total()


def read_png_bytes(data: bytes) -> list[list[tuple[int, int, int]]]:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".png") as handle:
        handle.write(data)
        handle.flush()
        return read_png(Path(handle.name))


@pytest.mark.parametrize(("width", "mobile"), [(1280, False), (390, True)])
def test_the_page_renders_without_console_messages_or_sideways_scroll(
    browser: Browser, page: Path, width: int, mobile: bool, tmp_path: Path
) -> None:
    rendered = browser.render(page, width=width, mobile=mobile)
    assert rendered.console == []
    assert rendered.client_width == width
    assert rendered.scroll_width <= rendered.client_width  # nothing sticks out sideways
    colours, drawn = shade_share(rendered)
    assert colours > 50  # text, charts and their colours, not an empty page
    assert drawn > 0.1
    (tmp_path / f"report-{width}.png").write_bytes(rendered.png)  # for a person looking at a failure


def test_the_checks_can_fail(browser: Browser, page: Path, tmp_path: Path) -> None:
    """The same measurements catch a page that is too wide, a script error and a blocked fetch."""
    html = page.read_text(encoding="utf-8")
    broken = tmp_path / "broken.html"
    extra = '<div style="width:900px">wide</div><img src="https://example.org/x.png"><script>nope()</script>'
    broken.write_text(html.replace("</body>", extra + "</body>"), encoding="utf-8")
    rendered = browser.render(broken, width=390, mobile=True)
    assert rendered.scroll_width > rendered.client_width
    assert any("example.org" in line for line in rendered.console)
    assert any("inline script" in line for line in rendered.console)  # the page's policy runs no script
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    colours, drawn = shade_share(browser.render(blank, width=390, mobile=True))
    assert colours == 1
    assert drawn == 0


def pdf_pages(page: Path, tmp_path: Path, paper: str | None) -> int:
    """The page printed by Chromium (as "Save as PDF" does); a paper size forced in a copy."""
    copy = tmp_path / f"print-{paper}.html"
    html = page.read_text(encoding="utf-8")
    if paper:
        html = html.replace("@page{", f"@page{{size:{paper};", 1)
        assert f"size:{paper}" in html
    copy.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{paper}.pdf"
    executable = find_chromium()
    assert executable is not None
    subprocess.run(
        [
            executable,
            *PRINT_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            copy.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    data = pdf.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_it_prints_on_two_pages(browser: Browser, page: Path, tmp_path: Path, paper: str) -> None:
    assert pdf_pages(page, tmp_path, paper) == 2
