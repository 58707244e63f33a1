"""Write a synthetic roster CSV (or JSON Lines) for the batch benchmark.

    python benchmarks/make_roster.py 1000000 > roster.csv
    python benchmarks/make_roster.py 100000 --jsonl > roster.jsonl
    python benchmarks/make_roster.py 100000 --realistic > hospital.csv

Deterministic (fixed seed). Values mix codes, names and aliases the way real exports do; about
one row in 5,000 is deliberately bad so the error path is exercised too.

The uniform roster repeats a few profiles, so every cache hits. --realistic is a hospital
system's roster: all 20 roles (keys and aliases), half the rows in one of the 528 metro and
nonmetro areas (by code, the list read from the shipped area table), every employer and
degree spelling, years with one decimal, an offer in most rows and a salary in some.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterator

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


def rows(count: int, seed: int) -> Iterator[dict[str, str]]:
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


def vocabulary() -> tuple[list[str], list[str], list[str], list[str]]:
    """Role, education and employer spellings and the area codes, from the shipped data."""
    import hitsalary
    from hitsalary.core.profile import Vocabulary

    data = hitsalary.load_reference()
    roles = [*data.roles, *Vocabulary.of(data, "role").aliases]
    education = [*Vocabulary.of(data, "education").keys, *Vocabulary.of(data, "education").aliases, ""]
    employers = [*Vocabulary.of(data, "employer").keys, *Vocabulary.of(data, "employer").aliases, ""]
    return roles, education, employers, sorted(data.area_tables.areas())


def realistic_rows(count: int, seed: int) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    roles, education, employers, areas = vocabulary()
    for n in range(1, count + 1):
        metro = rng.choice(areas) if rng.random() < 0.5 else ""
        offer = rng.random() < 0.8
        yield {
            "id": f"H{n:07d}",
            "exp": "n/a" if n % 5000 == 0 else f"{rng.randint(0, 350) / 10:g}",
            "state": "" if metro else rng.choice(STATES),
            "education": rng.choice(education),
            "employer": rng.choice(employers),
            "role": rng.choice(roles),
            "metro": metro,
            "offer": str(rng.randrange(45_000, 220_000, 250)) if offer else "",
            "salary": f"{rng.randrange(2000, 9000) / 100:g}/hr" if rng.random() < 0.2 else "",
            "department": rng.choice(DEPARTMENTS),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--jsonl", action="store_true")
    parser.add_argument("--realistic", action="store_true", help="a hospital system's roster (see above)")
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    out = sys.stdout
    make = realistic_rows if args.realistic else rows
    if args.jsonl:
        for row in make(args.count, args.seed):
            out.write(json.dumps(row) + "\n")
        return
    first = next(iter(make(1, args.seed)))
    writer = csv.DictWriter(out, fieldnames=list(first), lineterminator="\n")
    writer.writeheader()
    writer.writerows(make(args.count, args.seed))


if __name__ == "__main__":
    main()
