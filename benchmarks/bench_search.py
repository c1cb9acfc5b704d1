"""Archive scale: ingest throughput, search latency, size and memory at N articles.

    .venv/bin/python benchmarks/bench_search.py --n 100000 [--db PATH] [--workers 2]

Builds an archive of N text dumps made from the project's own articles (the seed and the test
fixtures): their paragraphs recombined, with varied headlines, dates, sources, bylines and
languages (English, Korean, German), in the layouts the text parser reads. Then it runs a fixed
set of 100 queries (1 to 4 words, phrases, filters, Korean) through newsarchive's search in this
process and, as the floor, the same queries as raw sqlite3 FTS5 statements on the same file; and
`newsarchive search` end to end in new processes. One table is printed and the figures are
written as JSON (benchmarks/out/search-N.json).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsarchive import Archive
from newsarchive.ingest import Job, ingest_jobs
from newsarchive.parse import parse_bytes
from newsarchive.store.engine import SQLITE_CACHE
from newsarchive.store.search import SearchOptions, parse_when, search_statements

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"

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


def fixed_queries(
    rng: random.Random, pool: dict[str, list[str]], vocab: dict[str, list[str]]
) -> list[SearchOptions]:
    """100 queries: words, phrases, OR, exclusions, prefixes, filters, Korean."""
    queries: list[SearchOptions] = []
    en, ko = vocab["en"], vocab["ko"]

    def phrase(lang: str) -> str:
        words = re.findall(r"\w+", rng.choice(pool[lang]))
        start = rng.randrange(max(1, len(words) - 3))
        return '"' + " ".join(words[start : start + rng.randint(2, 3)]) + '"'

    for _ in range(30):
        queries.append(SearchOptions(query=rng.choice(en)))
    for _ in range(20):
        queries.append(SearchOptions(query=" ".join(rng.sample(en, 2))))
    for _ in range(10):
        queries.append(SearchOptions(query=" ".join(rng.sample(en, rng.randint(3, 4)))))
    for _ in range(10):
        queries.append(SearchOptions(query=phrase("en")))
    for _ in range(10):
        queries.append(SearchOptions(query=rng.choice(ko)))
    for _ in range(5):
        queries.append(SearchOptions(query=f"{rng.choice(en)} OR {rng.choice(en)}"))
    for _ in range(5):
        queries.append(SearchOptions(query=f"{rng.choice(en)} -{rng.choice(en)}"))
    for _ in range(4):
        queries.append(SearchOptions(query=rng.choice(en), languages=("en",), sort="newest"))
    for _ in range(3):
        queries.append(
            SearchOptions(
                query=rng.choice(en),
                since=parse_when("2020-01-01"),
                until=parse_when("2022-12-31", end=True),
            )
        )
    for _ in range(3):
        queries.append(SearchOptions(query=rng.choice(ko), sources=("donga",)))
    return queries[:100]


_NAMED = re.compile(r"(?<![:\w]):(\w+)")


def raw_search(conn: Any, dialect: str, options: SearchOptions) -> list[tuple[object, ...]]:
    """The floor: the search's own statements (search_statements), run bare on sqlite3 or
    psycopg in the same order and stopping at the same point, without newsarchive's Python
    around them (no merging, no headlines, no snippets)."""
    rows: list[tuple[object, ...]] = []
    for statement in search_statements(dialect, options):
        # psycopg spells a named parameter %(name)s; sqlite3 takes :name as written.
        sql = statement.sql if dialect == "sqlite" else _NAMED.sub(r"%(\1)s", statement.sql)
        rows = conn.execute(sql, statement.params).fetchall()
        if len(rows) >= statement.enough:
            break
    return rows


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument(
        "--db",
        help="archive file or PostgreSQL URL (default: a temporary SQLite file); "
        "on PostgreSQL the floor is raw psycopg statements",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true", help="keep the archive afterwards")
    parser.add_argument("--cli-runs", type=int, default=20)
    parser.add_argument(
        "--search-only", action="store_true", help="measure search on an existing --db archive"
    )
    parser.add_argument(
        "--refresh-corpus",
        action="store_true",
        help="remake benchmarks/corpus.json from today's fixtures first (changes every figure)",
    )
    args = parser.parse_args()

    if args.refresh_corpus:
        CORPUS.write_text(json.dumps(corpus_from_pages(), ensure_ascii=False, indent=1) + "\n")
    pool = own_articles()
    vocab = {lang: vocabulary(p) for lang, p in pool.items()}
    tmp = tempfile.mkdtemp(prefix="newsarchive-bench-")
    db = args.db or str(Path(tmp) / "archive.db")
    postgres = db.startswith("postgresql")
    if not args.search_only and not postgres:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    archive = Archive.open(db)

    def jobs() -> Iterator[Job]:
        gen = random.Random(1)
        for i in range(args.n):
            yield Job(f"generated/{i}.txt", make_dump(i, gen, pool, vocab))

    progress_every = max(1, args.n // 10)
    done = 0

    def tick(_result: object) -> None:
        nonlocal done
        done += 1
        if done % progress_every == 0:
            print(f"  ingested {done:,}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    cpu_before = cpu_s(resource.RUSAGE_SELF), cpu_s(resource.RUSAGE_CHILDREN)
    summary = ingest_jobs(
        archive, [] if args.search_only else jobs(), workers=args.workers, on_result=tick
    )
    ingest_s = time.perf_counter() - start
    per_article = 1000 / max(1, args.n)
    main_cpu_ms = (cpu_s(resource.RUSAGE_SELF) - cpu_before[0]) * per_article
    workers_cpu_ms = (cpu_s(resource.RUSAGE_CHILDREN) - cpu_before[1]) * per_article
    ingest_rss = rss_mb(resource.RUSAGE_SELF)
    workers_rss = rss_mb(resource.RUSAGE_CHILDREN)
    raw_conn: Any
    if postgres:
        import psycopg

        with archive.engine.connect() as conn:
            size_mb = conn.exec_driver_sql(
                "SELECT pg_database_size(current_database())"
            ).scalar_one()
            size_mb /= 1e6
        conninfo = archive.engine.url.set(drivername="postgresql")
        raw_conn = psycopg.connect(conninfo.render_as_string(hide_password=False), autocommit=True)
    else:
        with archive.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        size_mb = (
            sum(Path(db + s).stat().st_size for s in ("", "-wal") if Path(db + s).exists()) / 1e6
        )
        raw_conn = sqlite3.connect(db)
        raw_conn.execute(SQLITE_CACHE)  # the page cache newsarchive's connections have

    queries = fixed_queries(random.Random(7), pool, vocab)
    for options in queries:  # one pass of both to warm the page cache alike
        archive.search(options)
        raw_search(raw_conn, archive.dialect, options)
    ours: list[float] = []
    floor: list[float] = []
    hits = 0
    for options in queries:  # interleaved, so that neither side gets a warmer cache
        t = time.perf_counter()
        hits += len(archive.search(options))
        ours.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        raw_search(raw_conn, archive.dialect, options)
        floor.append((time.perf_counter() - t) * 1000)
    raw_conn.close()
    search_rss = rss_mb(resource.RUSAGE_SELF)

    cli: list[float] = []
    exe = Path(sys.executable).with_name("newsarchive")
    for i in range(args.cli_runs):
        t = time.perf_counter()
        subprocess.run(
            [str(exe), "--db", db, "search", queries[i % len(queries)].query],
            capture_output=True,
            check=False,
        )
        cli.append((time.perf_counter() - t) * 1000)

    result = {
        "engine": archive.dialect,
        "n": args.n,
        "workers": args.workers,
        "added": summary.added,
        "unchanged": summary.unchanged,
        "failed": summary.failed,
        "ingest_seconds": round(ingest_s, 1),
        "ingest_articles_per_s": None if args.search_only else round(args.n / ingest_s, 1),
        "archive_mb": round(size_mb, 1),
        "ingest_peak_rss_mb": round(ingest_rss, 1),
        "workers_peak_rss_mb": round(workers_rss, 1),
        # CPU per article (user + system): the writer (this process) and the parsing workers.
        "ingest_main_cpu_ms": round(main_cpu_ms, 3),
        "ingest_workers_cpu_ms": round(workers_cpu_ms, 3),
        "search_p50_ms": round(percentile(ours, 50), 2),
        "search_p95_ms": round(percentile(ours, 95), 2),
        "floor_p50_ms": round(percentile(floor, 50), 2),
        "floor_p95_ms": round(percentile(floor, 95), 2),
        "ratio_p50": round(percentile(ours, 50) / max(percentile(floor, 50), 1e-6), 2),
        "ratio_p95": round(percentile(ours, 95) / max(percentile(floor, 95), 1e-6), 2),
        "search_peak_rss_mb": round(search_rss, 1),
        "cli_search_median_ms": round(statistics.median(cli), 1) if cli else None,
        "hits_returned": hits,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"search-{archive.dialect}-{args.n}.json").write_text(
        json.dumps(result, indent=2) + "\n"
    )
    width = max(len(k) for k in result)
    print(f"{'metric':<{width}}  value")
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    archive.close()
    if not args.keep and not args.db:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
