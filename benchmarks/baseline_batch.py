"""The bare-Python floor for batch: read the CSV with csv.DictReader, write each row as JSON.

python benchmarks/baseline_batch.py roster.csv out.jsonl
"""

from __future__ import annotations

import csv
import json
import sys


def main() -> None:
    with (
        open(sys.argv[1], newline="", encoding="utf-8") as src,
        open(sys.argv[2], "w", encoding="utf-8") as dst,
    ):
        for row in csv.DictReader(src):
            dst.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
