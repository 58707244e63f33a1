"""The JSON of every command on ten varied profiles, as one file: to show that a refactor changes
no output, byte for byte.

    python scripts/json_snapshot.py write before.jsonl   # on the old code
    python scripts/json_snapshot.py check before.jsonl   # on the new code: exit 1 on any difference

Each line is {"args": [...], "exit": N, "stdout": "..."}: the command's exact output, run as a
user runs it (`python -m hitsalary ...`, a fresh process each, no cache). A user data file and a
roster are written to a temporary folder first, so the snapshot covers --data and batch too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# (years, where and what, other factors): --exp, then flags `levels` takes too, then the rest
PROFILES = [
    ("5", ["--state", "CA"], []),
    ("0", [], []),
    ("3", ["--state", "PR"], []),
    ("25", ["--role", "software", "--metro", "41940"], []),
    ("12", ["--state", "TX"], ["--employer", "hospital", "--education", "master"]),
    ("7.5", ["--role", "medical-coding", "--state", "NY"], ["--education", "certificate"]),
    ("2", ["--role", "ehr", "--metro", "0500002"], ["--survey-dollars"]),
    ("40", ["--role", "analytics", "--state", "WA"], ["--employer", "vendor"]),
    ("9", ["--role", "cybersecurity", "--metro", "35620"], ["--education", "doctorate"]),
    ("15", ["--state", "DC", "--role", "it-manager"], ["--survey-dollars"]),
]
USER_DATA = """\
bea_rpp:
  states:
    CA:
      name: California
      rpp: 111.0
  source: {publisher: Example HR, title: internal survey, year: 2026, as_of: 2026-06}
"""
ROSTER = (
    "exp,state,role,offer\n5,CA,ehr,120000\n0,,,\n3,PR,coder,\n25,WA,software,250k\n-1,ZZ,,\n"
    "7.5,NY,data,95000\n"
)


def commands(folder: Path) -> list[list[str]]:
    user = folder / "user.yaml"
    user.write_text(USER_DATA, encoding="utf-8")
    roster = folder / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    runs: list[list[str]] = []
    for exp, place, rest in PROFILES:
        profile = ["--exp", exp, *place, *rest]
        runs.append(["estimate", *profile, "--json"])
        runs.append(["estimate", *profile, "--offer", "98k", "--levels", "--json"])
        runs.append(["path", *profile, "--years", "6", "--json"])
        runs.append(["compare", *profile, "--vs", "employer=hospital", "--vs", "state=TX", "--json"])
        runs.append(["levels", *place, "--offer", "110000", "--json"])
    runs += [
        ["estimate", "--exp", "5", "--state", "CA", "--data", str(user), "--json"],
        ["roles", "--json"],
        ["states", "--json"],
        ["states", "--role", "software", "--json"],
        ["areas", "--json"],
        ["areas", "--role", "ehr", "--state", "CA", "--json"],
        ["sources", "--json"],
        ["outlook", "--json"],
        ["data", "check", str(user), "--json"],
        ["batch", str(roster), "--format", "jsonl"],
    ]
    return runs


def snapshot() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "HITSALARY_NO_CACHE": "1", "COLUMNS": "100", "NO_COLOR": "1"}
        lines = []
        for args in commands(folder):
            done = subprocess.run(
                [sys.executable, "-m", "hitsalary", *args],
                capture_output=True,
                text=True,
                env=env,
                stdin=subprocess.DEVNULL,
                check=False,
            )
            shown = [a.replace(tmp, "TMP") for a in args]
            lines.append({"args": shown, "exit": done.returncode, "stdout": done.stdout.replace(tmp, "TMP")})
        return lines


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "check"):
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    mode, path = sys.argv[1], Path(sys.argv[2])
    now = snapshot()
    if mode == "write":
        path.write_text("".join(json.dumps(line) + "\n" for line in now), encoding="utf-8")
        print(f"wrote {len(now)} outputs to {path}")
        return 0
    before = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    changed = [b["args"] for b, n in zip(before, now, strict=False) if b != n]
    if len(before) != len(now):
        changed.append([f"{len(before)} outputs before, {len(now)} now"])
    for args in changed:
        print("differs:", " ".join(map(str, args)))
    print(f"{len(now) - len(changed)} of {len(now)} outputs byte-identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
