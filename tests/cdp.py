"""A headless Chromium driven over the DevTools protocol through a pipe (--remote-debugging-pipe:
JSON messages ending in NUL on file descriptors 3 and 4), so no websocket library and no port.

Headless Chromium will not make a window narrower than 500 px, so a phone is emulated with
Emulation.setDeviceMetricsOverride, which lays the page out at exactly the width asked for."""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def screenshot_flags() -> list[str]:
    """Chromium's flags, kept in one place: the script that makes the README's screenshot."""
    spec = importlib.util.spec_from_file_location("report_screenshot", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.FLAGS)


SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "report_screenshot.py"
PRINT_FLAGS = screenshot_flags()  # for --print-to-pdf and --screenshot runs
FLAGS = [*PRINT_FLAGS, "--remote-debugging-pipe"]
TIMEOUT = 60.0


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Rendered:
    """What one page load gave: its measurements, the screenshot and every console message."""

    scroll_width: int
    client_width: int
    height: int
    png: bytes  # the whole page
    thumb: bytes  # its first screen at a quarter of the size, quick to read back in a test
    console: list[str] = field(default_factory=list)


class Browser:
    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="hitsalary-chromium-")
        to_chrome, self._write = os.pipe()
        self._read, from_chrome = os.pipe()

        def wire() -> None:  # in the child: its fd 3 reads our commands, fd 4 writes its answers
            commands, answers = os.dup(to_chrome), os.dup(from_chrome)  # above 4, so 3 and 4 are free
            os.dup2(commands, 3)  # dup2 makes them inheritable, so they survive the exec
            os.dup2(answers, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=wire,  # fds 3 and 4 must be these pipes in the child; tests start no threads
            close_fds=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._read], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)  # type: ignore[no-any-return]

    def wait_for(self, method: str, session: str) -> None:
        while not any(e.get("method") == method and e.get("sessionId") == session for e in self.events):
            self.events.append(self._receive())

    def render(self, page: Path, *, width: int, height: int = 900, mobile: bool = False) -> Rendered:
        """Load a page at a width, then measure it and take a screenshot of all of it."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
        self.send("Emulation.setDeviceMetricsOverride", metrics, session)
        self.send("Page.navigate", {"url": page.resolve().as_uri()}, session)
        self.wait_for("Page.loadEventFired", session)
        sizes = self.evaluate(
            session,
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth, "
            "document.documentElement.scrollHeight]",
        )
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 0.25}
        thumb = self.send("Page.captureScreenshot", {"format": "png", "clip": clip}, session)
        self.send("Emulation.setDeviceMetricsOverride", {**metrics, "height": sizes[2]}, session)
        shot = self.send("Page.captureScreenshot", {"format": "png"}, session)
        console = [describe(e) for e in self.events if e.get("sessionId") == session and describe(e)]
        self.send("Target.closeTarget", {"targetId": target})
        pictures = base64.b64decode(shot["data"]), base64.b64decode(thumb["data"])
        return Rendered(sizes[0], sizes[1], sizes[2], *pictures, console)

    def evaluate(self, session: str, expression: str) -> Any:
        answer = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
        return answer["result"]["value"]

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)
        shutil.rmtree(self.profile, ignore_errors=True)


def describe(event: dict[str, Any]) -> str:
    """A console message, an uncaught exception or a browser log entry (a blocked fetch, a CSP
    violation) as one line; other events as ''."""
    params = event.get("params", {})
    method = event.get("method")
    if method == "Runtime.consoleAPICalled":
        return f"console.{params['type']}: " + " ".join(
            str(a.get("value", a.get("description"))) for a in params["args"]
        )
    if method == "Runtime.exceptionThrown":
        return "exception: " + str(params["exceptionDetails"].get("text"))
    if method == "Log.entryAdded":
        entry = params["entry"]
        return f"log {entry['level']} ({entry['source']}): {entry['text']}"
    return ""
