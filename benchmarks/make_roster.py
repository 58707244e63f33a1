"""Write a synthetic roster CSV (or JSON Lines) for the batch benchmark.

    python benchmarks/make_roster.py 1000000 > roster.csv
    python benchmarks/make_roster.py 100000 --jsonl > roster.jsonl

Deterministic (fixed seed). Values mix codes, names and aliases the way real exports do; about
one row in 5,000 is deliberately bad so the error path is exercised too.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys

STATES = ["CA", "TX", "NY", "FL", "ma", "Washington", "virginia", "NJ", "OH", "US", "PR", "dc", "Georgia"]
EDUCATION = ["bachelor", "master", "associate", "masters", "Master's", "doctorate", "", "high school"]
EMPLOYERS = ["hospital", "vendor", "consulting", "clinic", "", "private practice", "payer", "federal"]
ROLES = [
    "",
    "cybersecurity",
    "ehr",
    "epic analyst",
    "analytics",
    "pm",
    "medical coder",
    "help desk",
    "it-manager",
]
METROS = ["41940", "boston", "dallas"]  # one row in ten names a metro area (and leaves the state out)
DEPARTMENTS = ["Clinical Apps", "Infrastructure", "Security", "Data", "PMO"]


def rows(count: int, seed: int) -> object:
    rng = random.Random(seed)
    for n in range(1, count + 1):
        bad = n % 5000 == 0
        metro = rng.choice(METROS) if rng.random() < 0.1 else ""
        yield {
            "id": f"E{n:07d}",
            "exp": "twelve" if bad else f"{rng.randint(0, 300) / 10:g}",
            "state": "" if metro else rng.choice(STATES),
            "education": rng.choice(EDUCATION),
            "employer": rng.choice(EMPLOYERS),
            "role": rng.choice(ROLES),
            "metro": metro,
            "offer": str(rng.randrange(50_000, 180_000, 500)),
            "department": rng.choice(DEPARTMENTS),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--jsonl", action="store_true")
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    out = sys.stdout
    if args.jsonl:
        for row in rows(args.count, args.seed):
            out.write(json.dumps(row) + "\n")
        return
    writer = csv.DictWriter(out, fieldnames=list(next(iter(rows(1, args.seed)))), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(args.count, args.seed))


if __name__ == "__main__":
    main()
