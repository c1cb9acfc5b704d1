"""Text-dump parsing speed: milliseconds per dump, on the search benchmark's generated dumps and
on the project's own text fixtures (whole pages among them).

    .venv/bin/python benchmarks/bench_text.py [--dumps N] [--rounds N]

The baseline, run in the same process, splits the same dumps into lines: the ratio does not
depend on the machine. The dumps are made from the paragraphs of the project's own pages
(benchmarks/corpus.json): a headline, a date line, three to six paragraphs, a byline, each with
paragraphs of its own. (benchmarks/newsgen.py makes the realistic archive-scale corpus.)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from newsarchive.parse import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "text"

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SOURCES = {
    "en": ["donga.com", "koreaherald.com", "koreatimes.co.kr", "yna.co.kr", "joins.com"],
    "ko": ["donga.com", "kbs.co.kr", "hani.co.kr", "sedaily.com", "ytn.co.kr"],
    "de": ["beispiel-zeitung.de", "stadtblatt.de"],
}
NAMES = {
    "en": ["Ji-Hoon Park", "Min-Ji Kim", "Sarah Lee", "David Cho", "Hyun-Woo Lim", "Emma Yoon"],
    "ko": ["문병기", "김민수", "이수진", "박지은", "최유선", "황정환"],
    "de": ["Anna Schmidt", "Jonas Weber", "Petra Lange", "Max Bauer"],
}


CORPUS = ROOT / "benchmarks" / "corpus.json"


def own_articles() -> dict[str, list[str]]:
    """Paragraphs of the project's own pages, by language, as frozen in benchmarks/corpus.json:
    a benchmark whose text moved with every new fixture or parser change could not be compared
    from one run to the next (--refresh-corpus remakes the file from today's pages)."""
    pool: dict[str, list[str]] = json.loads(CORPUS.read_text())
    return pool


def corpus_from_pages() -> dict[str, list[str]]:
    """The paragraphs of the seed and the test fixtures, parsed by today's newsarchive."""
    pool: dict[str, list[str]] = {"en": [], "ko": [], "de": []}
    pages = [
        ROOT / "seeds" / "000_16c5aa2c841b19d8.txt",
        *sorted((ROOT / "tests" / "fixtures").rglob("*")),
    ]
    for page in pages:
        if page.suffix not in (".txt", ".html", ".gz") or not page.is_file():
            continue
        try:
            article = parse_bytes(page.read_bytes(), str(page))
        except Exception:
            continue
        if article.language in pool:
            pool[article.language].extend(p for p in article.body.split("\n\n") if len(p) > 40)
    return pool


def vocabulary(paragraphs: list[str]) -> list[str]:
    words = sorted({w for p in paragraphs for w in re.findall(r"\w{3,}", p)})
    return words


def make_dump(
    i: int, rng: random.Random, pool: dict[str, list[str]], vocab: dict[str, list[str]]
) -> bytes:
    lang = rng.choices(["en", "ko", "de"], weights=[6, 3, 1])[0]
    headline = " ".join(rng.choices(vocab[lang], k=rng.randint(5, 9))).capitalize()
    paragraphs = rng.choices(pool[lang], k=rng.randint(3, 6))
    body = "\n\n".join(paragraphs)
    year, month, day = rng.randint(2000, 2026), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    domain = rng.choice(SOURCES[lang])
    name = rng.choice(NAMES[lang])
    user = f"user{i % 997}"
    if lang == "en":
        text = (
            f"{headline}\n\nPosted {MONTHS[month - 1]}. {day:02d}, {year} {hour:02d}:{minute:02d},"
            f"\n\n{body}\n\n{name} {user}@{domain}\n"
        )
    elif lang == "ko":
        text = (
            f"{headline}\n\n입력 {year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}\n\n{body}"
            f"\n\n{name} 기자 {user}@{domain}\n"
        )
    else:
        text = (
            f"{headline}\n\nVeröffentlicht am {day:02d}.{month:02d}.{year} {hour:02d}:{minute:02d}"
            f"\n\n{body}\n\nVon {name}\n"
        )
    return text.encode()


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
