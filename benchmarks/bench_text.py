"""Text-dump parsing speed: pages per second over the project's own text fixtures.

    .venv/bin/python benchmarks/bench_text.py [--rounds N]

Prints pages/s for newsarchive's text parser and, as the in-process baseline, for splitting the
same pages into lines alone, with the ratio between them.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsarchive.parse import parse_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    pages = [p.read_bytes() for p in sorted(FIXTURES.rglob("*.txt"))]
    parse_bytes(pages[0], "warm-up")  # loads the language model once

    start = time.perf_counter()
    for _ in range(args.rounds):
        for data in pages:
            data.decode("utf-8", "replace").splitlines()
    baseline = len(pages) * args.rounds / (time.perf_counter() - start)

    start = time.perf_counter()
    for _ in range(args.rounds):
        for i, data in enumerate(pages):
            parse_bytes(data, f"page{i}")
    ours = len(pages) * args.rounds / (time.perf_counter() - start)
    print(f"pages: {len(pages)} x {args.rounds} rounds")
    print(f"newsarchive text parser: {ours:10.1f} pages/s")
    print(f"split into lines only:   {baseline:10.1f} pages/s (baseline)")
    print(f"ratio newsarchive/baseline: {ours / baseline:.4f}")


if __name__ == "__main__":
    main()
