"""Start-up: `hitsalary estimate --exp 5 --state CA --json` against a minimal Typer app with the
same options that prints a fixed JSON object (benchmarks/minimal_typer_app.py).

    python benchmarks/bench_startup.py [--runs 30]

Both commands run alternately, in the same environment, so machine noise hits both alike; the
figure is the ratio of the medians. Target: 1.2 or less. A third command, the same estimate in a
metro area (--metro 41940), measures what reading the area tables adds: target under 20 ms.
A warm-up run first fills hitsalary's data cache, as the first run after installing does for a
user.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGS = ["estimate", "--exp", "5", "--state", "CA", "--json"]
METRO_ARGS = ["estimate", "--exp", "5", "--metro", "41940", "--json"]
TARGET = 1.2
METRO_TARGET_MS = 20


def hitsalary_command() -> list[str]:
    script = Path(sys.executable).with_name("hitsalary")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hitsalary"]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    # pip compiles a package's bytecode when it installs it; an editable checkout (or a shell
    # with PYTHONDONTWRITEBYTECODE set) would otherwise recompile hitsalary on every run.
    spec = importlib.util.find_spec("hitsalary")
    if spec and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)
    cache = tempfile.mkdtemp(prefix="hitsalary-cache-")
    env = {**os.environ, "HITSALARY_CACHE_DIR": cache}
    ours = [*hitsalary_command(), *ARGS]
    metro = [*hitsalary_command(), *METRO_ARGS]
    floor = [sys.executable, str(HERE / "minimal_typer_app.py"), *ARGS]
    commands = {"hitsalary": ours, "minimal": floor, "metro": metro}
    for command in commands.values():
        timed(command, env)  # warm-up: page cache, bytecode, hitsalary's data cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(timed(command, env))
    shutil.rmtree(cache, ignore_errors=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["hitsalary"] / medians["minimal"]
    for name, median in medians.items():
        print(f"{name:10} median {median * 1000:6.1f} ms over {runs} runs")
    print(f"ratio      {ratio:.2f} (target <= {TARGET}) {'PASS' if ratio <= TARGET else 'FAIL'}")
    added = (medians["metro"] - medians["hitsalary"]) * 1000
    verdict = "PASS" if added < METRO_TARGET_MS else "FAIL"
    print(f"--metro    adds {added:5.1f} ms (target < {METRO_TARGET_MS} ms) {verdict}")


if __name__ == "__main__":
    main()
