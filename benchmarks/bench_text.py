"""Text-dump parsing speed: milliseconds per dump, on the search benchmark's generated dumps and
on the project's own text fixtures (whole pages among them).

    .venv/bin/python benchmarks/bench_text.py [--dumps N] [--rounds N]

The baseline, run in the same process, splits the same dumps into lines: the ratio does not
depend on the machine. The dumps are made as benchmarks/bench_search.py makes them (headline,
a date line, three to six paragraphs, a byline), each with paragraphs of its own.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsarchive.parse import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "text"
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_search import make_dump, own_articles, vocabulary  # noqa: E402


def unique_dumps(n: int, seed: int = 7) -> list[bytes]:
    """Benchmark dumps whose every paragraph is new (shuffled words of the corpus's
    paragraphs), so that no per-line cache flatters the figure."""
    rng = random.Random(seed)
    pool = own_articles()
    vocab = {lang: vocabulary(paragraphs) for lang, paragraphs in pool.items()}
    dumps = []
    for i in range(n):
        fresh = {}
        for lang, paragraphs in pool.items():
            fresh[lang] = []
            for paragraph in rng.sample(paragraphs, min(6, len(paragraphs))):
                words = paragraph.split()
                rng.shuffle(words)
                fresh[lang].append(" ".join(words).capitalize() + ".")
        dumps.append(make_dump(i, rng, fresh, vocab))
    return dumps


def ms_per(func: Callable[[bytes], object], pages: list[bytes], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for data in pages:
            func(data)
    return (time.perf_counter() - start) * 1000 / (len(pages) * rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dumps", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    dumps = unique_dumps(args.dumps)
    fixtures = [p.read_bytes() for p in sorted(FIXTURES.rglob("*.txt"))]
    parse_bytes(fixtures[0], "warm-up")  # loads the models and the language identifier

    def ours(data: bytes) -> object:
        return parse_bytes(data, "bench.txt")

    def baseline(data: bytes) -> object:
        return data.decode("utf-8", "replace").splitlines()

    for name, pages, rounds in (
        ("benchmark dumps", dumps, 1),
        ("text fixtures", fixtures, args.rounds),
    ):
        mine = ms_per(ours, pages, rounds)
        base = ms_per(baseline, pages, rounds)
        print(f"{name}: {len(pages)} x {rounds}")
        print(f"  newsarchive text parser: {mine:8.3f} ms a dump")
        print(f"  split into lines only:   {base:8.3f} ms a dump (baseline)")
        print(f"  ratio newsarchive/baseline: {mine / base:.1f}")


if __name__ == "__main__":
    main()
