"""Archive scale: ingest throughput and memory, CPU by stage, and search latency per stratum of
match counts, on a realistic corpus of N articles.

    .venv/bin/python benchmarks/bench_search.py --n 1000000 [--db PATH] [--workers 2]
    .venv/bin/python benchmarks/bench_search.py --search-only --db postgresql+psycopg://...

The corpus is benchmarks/newsgen.py's (Zipf-distributed words from real frequency lists, topics,
named entities, log-normal lengths, four languages), written once as files under
benchmarks/out/corpus-N and ingested from there with `ingest`'s own code, as a user's folder is.

Queries are drawn from the archive's own index (FTS5's vocabulary: how many articles hold each
term) and grouped by how many articles they match: rare (< 0.01%), medium (0.01-1%), common
(1-10%), very common (> 10%); besides single words, two words, phrases, OR, exclusions, prefixes,
filters (dates, source, language, author), the three orders and Korean words (which carry their
particles in the text). Each runs through newsarchive's search in this process and, as the floor,
as the same SQL statements run bare through sqlite3 or psycopg; then `newsarchive search` in new
processes, 20 per stratum. One table is printed; the figures go to benchmarks/out/ as JSON.
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
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsarchive import Archive
from newsarchive.ingest import ingest_paths
from newsarchive.store.engine import SQLITE_CACHE, register_functions
from newsarchive.store.search import (
    PG_SEARCH_PLANNER,
    SearchOptions,
    parse_when,
    pyformat,
    ranking_bound,
    run_statement,
    search_statements,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "benchmarks"))

import newsgen  # noqa: E402

STRATA = ("rare", "medium", "common", "very common")


def stratum(matches: int, n: int) -> str:
    share = matches / max(1, n)
    if share < 0.0001:
        return "rare"
    if share < 0.01:
        return "medium"
    if share < 0.10:
        return "common"
    return "very common"


@dataclass
class Query:
    kind: str
    options: SearchOptions
    matches: int = 0
    ours: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    cli: list[float] = field(default_factory=list)

    @property
    def group(self) -> str:
        return "korean" if self.kind == "korean" else self.kind


# -- the query set ----------------------------------------------------------------------------

_LATIN = re.compile(r"^[a-zäöüß]{3,}$")
_HANGUL = re.compile(r"^[\uac00-\ud7a3]{2,}$")


def term_frequencies(db: str) -> list[tuple[str, int]]:
    """(term, articles holding it) for every term of the SQLite archive's full-text index."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, articles_fts, row)")
    rows = [(str(t), int(d)) for t, d in conn.execute("SELECT term, doc FROM temp.vocab")]
    conn.close()
    return rows


def make_queries(terms: list[tuple[str, int]], n: int, seed: int = 7) -> list[Query]:
    """About 130 queries over every stratum and form, the same for the same archive."""
    rng = random.Random(seed)
    latin = [(t, d) for t, d in terms if _LATIN.match(t)]
    korean = [(t, d) for t, d in terms if _HANGUL.match(t)]

    def pick(pool: list[tuple[str, int]], low: float, high: float, k: int) -> list[str]:
        band = [t for t, d in pool if low * n <= d < high * n]
        return rng.sample(band, min(k, len(band)))

    rare = pick(latin, 0, 0.0001, 40)
    medium = pick(latin, 0.0001, 0.01, 40)
    common = pick(latin, 0.01, 0.10, 30)
    very = pick(latin, 0.10, 1.01, 8)
    queries: list[Query] = []

    def add(kind: str, query: str, **options: Any) -> None:
        queries.append(Query(kind, SearchOptions(query=query, **options)))

    for term in rare[:15] + medium[:15] + common[:12] + very[:4]:
        add("word", term)
    for a, b in zip(medium[15:25], common[12:22], strict=False):
        add("two words", f"{a} {b}")
    for a, b in zip(common[22:26], very[4:8], strict=False):
        add("two words", f"{a} {b}")
    for name in ("Kim Jong Un", "Ministry of", "National Council"):
        add("phrase", f'"{name}"')
    for _ in range(7):  # three words in a row from a corpus article
        words = newsgen.make_article(rng.randrange(n)).decode().split("\n\n")[-3].split()[:40]
        start = rng.randrange(max(1, len(words) - 4))
        add("phrase", '"' + " ".join(w.strip(".?!,") for w in words[start : start + 3]) + '"')
    for a, b in zip(medium[25:30], rare[15:20], strict=False):
        add("or", f"{a} OR {b}")
    for a, b in zip(common[26:30], medium[30:34], strict=False):
        add("exclusion", f"{a} -{b}")
    for term in medium[34:40] + common[:2]:
        add("prefix", term[: max(3, len(term) - 2)] + "*")
    for term in common[2:6]:
        add(
            "filter", term, since=parse_when("2015-01-01"), until=parse_when("2016-12-31", end=True)
        )
    for term in common[6:9]:
        add("filter", term, sources=("donga",))
    for term in common[9:12]:
        add("filter", term, languages=("en",))
    for term in medium[:3]:
        add("filter", term, authors=("Smith",))
    for term in very[:2] + common[:3]:
        add("sort", term, sort="newest")
    for term in very[2:4] + common[3:6]:
        add("sort", term, sort="oldest")
    korean_terms = (
        pick(korean, 0, 0.0001, 4)
        + pick(korean, 0.0001, 0.01, 6)
        + pick(korean, 0.01, 1.01, 5)
        + ["김정은"]
    )
    for term in korean_terms:
        add("korean", term)
    return queries


# -- running them -----------------------------------------------------------------------------


def raw_execute(conn: Any, dialect: str) -> Callable[[str, dict[str, Any]], list[Any]]:
    def execute(sql: str, params: dict[str, Any]) -> list[Any]:
        # psycopg spells a named parameter %(name)s; sqlite3 takes :name as written.
        if dialect != "sqlite":
            sql = pyformat(sql)
        return list(conn.execute(sql, params).fetchall())

    return execute


def raw_search(execute: Callable[..., Any], dialect: str, options: SearchOptions) -> int:
    """The floor: the search's own statements (bounded as the search bounds them), run bare in
    the same order and stopping at the same point, without newsarchive's Python around them
    (no merging, no headlines, no snippets)."""
    rows: Any = []
    bound = ranking_bound(dialect, options)
    for statement in search_statements(dialect, options):
        rows, _ = run_statement(execute, statement, bound)
        if len(rows) >= statement.enough:
            break
    return len(rows)


def count_matches(execute: Callable[..., Any], dialect: str, options: SearchOptions) -> int:
    """How many articles a query matches, filters included (its last statement, unlimited)."""
    statement = search_statements(dialect, options)[-1]
    sql = re.sub(r" ORDER BY .*$", "", statement.sql)
    return int(execute(f"SELECT count(*) FROM ({sql}) AS matched", statement.params)[0][0])


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


# -- ingest ------------------------------------------------------------------------------------


def ingest(db: str, corpus: Path, n: int, workers: int) -> dict[str, Any]:
    """Ingest the corpus folder; time, CPU (writer and workers), memory along the way."""
    archive = Archive.open(db)
    writer_cpu = 0.0
    original = archive.writer

    def timed_writer() -> Any:  # the writer's CPU (the SQL and the FTS5 triggers)
        writer = original()
        add_many = writer.add_many

        def add(*args: Any, **kwargs: Any) -> Any:
            nonlocal writer_cpu
            start = time.process_time()
            try:
                return add_many(*args, **kwargs)
            finally:
                writer_cpu += time.process_time() - start

        writer.add_many = add  # type: ignore[method-assign]
        return writer

    archive.writer = timed_writer  # type: ignore[method-assign]
    done = 0
    memory: list[tuple[int, float]] = []
    start = time.perf_counter()

    def tick(_result: object) -> None:
        nonlocal done
        done += 1
        if done % max(1, n // 10) == 0:
            memory.append((done, round(current_rss_mb(), 1)))
            rate = done / (time.perf_counter() - start)
            print(f"  ingested {done:,} ({rate:,.0f}/s)", file=sys.stderr, flush=True)

    before = cpu_s(resource.RUSAGE_SELF), cpu_s(resource.RUSAGE_CHILDREN)
    summary = ingest_paths(
        archive, newsgen.corpus_paths(corpus, n), workers=workers, on_result=tick
    )
    seconds = time.perf_counter() - start
    per = 1000 / max(1, n)
    main_cpu = (cpu_s(resource.RUSAGE_SELF) - before[0]) * per
    archive.close()
    return {
        "added": summary.added,
        "unchanged": summary.unchanged,
        "failed": summary.failed,
        "failures": [f"{f.path}: {f.reason}" for f in summary.failures[:5]],
        "ingest_seconds": round(seconds, 1),
        "ingest_articles_per_s": round(n / seconds, 1),
        "ingest_peak_rss_mb": round(rss_mb(resource.RUSAGE_SELF), 1),
        "workers_peak_rss_mb": round(rss_mb(resource.RUSAGE_CHILDREN), 1),
        "writer_rss_mb_along_the_way": memory,
        # CPU per article, ms: parsing (the workers), the writer's transactions (SQL and FTS5
        # triggers), and the rest of this process (receiving parsed articles, reading results).
        "cpu_ms_parse": round((cpu_s(resource.RUSAGE_CHILDREN) - before[1]) * per, 3),
        "cpu_ms_write_and_index": round(writer_cpu * per, 3),
        "cpu_ms_transfer": round(main_cpu - writer_cpu * per, 3),
    }


def _record(i: int) -> tuple[Any, bytes]:
    """The i-th article as the record its dump holds, built from the generator's own parts."""
    import hashlib

    from newsarchive.parse.dates import find_dates
    from newsarchive.parse.sources import source_for_domain
    from newsarchive.record import Article, Author, InputInfo

    data, parts = newsgen.make_parts(i)
    dates = find_dates(parts.date_line)
    info = InputInfo(f"{i:07d}.txt", "text", "utf-8", hashlib.sha256(data).hexdigest(), len(data))
    article = Article(
        headline=parts.headline,
        body="\n\n".join(parts.paragraphs),
        input=info,
        source=source_for_domain(parts.domain),
        posted_at=dates[0].stamp.iso(None) if dates else None,
        byline=parts.byline,
        authors=[Author(parts.author)],
        language=parts.lang,
        languages=[parts.lang],
        extraction="text",
    )
    article.sha256, article.word_count  # noqa: B018  computed in the worker
    return article, data


def build_direct(db: str, n: int, workers: int) -> dict[str, Any]:
    """An archive of the corpus's n articles written from the generator's parts, the parser
    left out: for measuring search at a scale whose ingest would take hours here. The writer
    and its index run as in an ingest (batches of 5,000, one transaction each). An archive
    that holds the first k already (a build that was stopped) goes on from article k."""
    import multiprocessing

    archive = Archive.open(db)
    done = archive.counts()["articles"]
    if done:
        print(f"  {done:,} written before: going on from there", file=sys.stderr, flush=True)
    writer = archive.writer()
    for lang in newsgen.LANGUAGES:
        newsgen.lexicon(lang, 1)  # loaded before forking
    start = time.perf_counter()
    write_cpu = 0.0
    batch: list[Any] = []
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for k, item in enumerate(pool.imap(_record, range(done, n), chunksize=200), done + 1):
            batch.append(item)
            if len(batch) == 5000 or k == n:
                t = time.process_time()
                writer.add_many(batch)
                write_cpu += time.process_time() - t
                batch = []
            if k % max(1, n // 20) == 0:
                rate = (k - done) / (time.perf_counter() - start)
                print(f"  written {k:,} ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - start
    archive.close()
    return {
        "built": "direct (generator parts, parser left out)",
        "build_seconds": round(seconds, 1),
        "cpu_ms_write_and_index": round(write_cpu * 1000 / max(1, n - done), 3),
    }


def index_share(corpus: Path, sample: int) -> dict[str, float]:
    """The full-text index's part of the writer's CPU: the same articles written with and without
    the FTS5 triggers, into new archives."""
    import tempfile

    from newsarchive.parse import parse_bytes

    items = []
    for i in range(sample):
        data = newsgen.path_of(corpus, i).read_bytes()
        items.append((parse_bytes(data, f"{i}.txt"), data))
    figures = {}
    for label, drop in (("with_index", False), ("without_index", True)):
        with tempfile.TemporaryDirectory() as tmp:
            archive = Archive.open(str(Path(tmp) / "a.db"))
            if drop:
                with archive.engine.begin() as conn:
                    for (name,) in conn.exec_driver_sql(
                        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                        " AND name LIKE '%fts%'"
                    ).all():
                        conn.exec_driver_sql(f"DROP TRIGGER {name}")
            writer = archive.writer()
            start = time.process_time()
            for k in range(0, len(items), 5000):
                writer.add_many(items[k : k + 5000])
            figures[label] = (time.process_time() - start) * 1000 / sample
            archive.close()
    return {
        "cpu_ms_write": round(figures["without_index"], 3),
        "cpu_ms_index": round(figures["with_index"] - figures["without_index"], 3),
    }


# -- search ------------------------------------------------------------------------------------


# Timed passes over the query set after the warm-up pass: every query's latency is sampled
# this many times on each side, and the percentiles are over all the samples.
TIMED_PASSES = 3


def measure_search(archive: Archive, db: str, queries: list[Query], cli_runs: int) -> None:
    raw_conn: Any
    if archive.dialect == "postgresql":
        import psycopg

        url = archive.engine.url.set(drivername="postgresql")
        raw_conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
        for name, value in PG_SEARCH_PLANNER.items():  # as newsarchive's search sets them
            raw_conn.execute(f"SET {name} = '{value}'")
    else:
        raw_conn = sqlite3.connect(db)
        raw_conn.execute(SQLITE_CACHE)  # the page cache newsarchive's connections have
        register_functions(raw_conn)  # and the functions its statements call
    execute = raw_execute(raw_conn, archive.dialect)
    for query in queries:
        query.matches = count_matches(execute, archive.dialect, query.options)
    for run in range(1 + TIMED_PASSES):  # the first pass warms the caches of both alike
        for i, query in enumerate(queries):
            # Interleaved, and in turn which side goes first: the second to run a query finds
            # the pages the first read in the operating system's cache.
            for ours in (True, False) if (i + run) % 2 == 0 else (False, True):
                t = time.perf_counter()
                if ours:
                    archive.search(query.options)
                else:
                    raw_search(execute, archive.dialect, query.options)
                elapsed = (time.perf_counter() - t) * 1000
                (query.ours if ours else query.floor).append(elapsed)
    for query in queries:
        query.ours, query.floor = query.ours[1:], query.floor[1:]  # the warm-up's
    raw_conn.close()
    exe = Path(sys.executable).with_name("newsarchive")
    by_stratum: dict[str, list[Query]] = {}
    for query in queries:
        if query.kind in ("word", "korean"):
            key = "korean" if query.kind == "korean" else stratum(query.matches, archive_n(archive))
            by_stratum.setdefault(key, []).append(query)
    for group in by_stratum.values():
        for i in range(cli_runs):
            query = group[i % len(group)]
            t = time.perf_counter()
            subprocess.run(
                [str(exe), "--db", db, "search", query.options.query],
                capture_output=True,
                check=False,
            )
            query.cli.append((time.perf_counter() - t) * 1000)


_N: dict[str, int] = {}


def archive_n(archive: Archive) -> int:
    if archive.url not in _N:
        _N[archive.url] = archive.counts()["articles"]
    return _N[archive.url]


def summarise(queries: list[Query], n: int) -> list[dict[str, Any]]:
    rows = []
    groups: dict[str, list[Query]] = {}
    for query in queries:
        groups.setdefault(stratum(query.matches, n), []).append(query)
        groups.setdefault(query.kind, []).append(query)
    groups["all"] = list(queries)
    for name in [*STRATA, *sorted({q.kind for q in queries}), "all"]:
        group = groups.get(name, [])
        if not group:
            continue
        ours = [t for q in group for t in q.ours]
        floor = [t for q in group for t in q.floor]
        cli = [t for q in group for t in q.cli]
        rows.append(
            {
                "group": name,
                "queries": len(group),
                "matches": f"{min(q.matches for q in group):,}-{max(q.matches for q in group):,}",
                "p50_ms": round(percentile(ours, 50), 2),
                "p95_ms": round(percentile(ours, 95), 2),
                "max_ms": round(max(ours), 1),
                "floor_p50_ms": round(percentile(floor, 50), 2),
                "floor_p95_ms": round(percentile(floor, 95), 2),
                "ratio_p50": round(percentile(ours, 50) / max(percentile(floor, 50), 1e-6), 2),
                "ratio_p95": round(percentile(ours, 95) / max(percentile(floor, 95), 1e-6), 2),
                "cli_median_ms": round(statistics.median(cli), 1) if cli else None,
                "cli_runs": len(cli),
            }
        )
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(c.rjust(widths[c]) if c != "group" else c.ljust(widths[c]) for c in columns))
    for row in rows:
        print(
            "  ".join(
                str(row[c]).rjust(widths[c]) if c != "group" else str(row[c]).ljust(widths[c])
                for c in columns
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db", help="archive file or PostgreSQL URL (default: a new file)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: out/corpus-N)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cli-runs", type=int, default=20, help="new processes per stratum")
    parser.add_argument("--queries-from", help="SQLite archive whose index gives the queries")
    parser.add_argument(
        "--search-only", action="store_true", help="measure search on an existing --db archive"
    )
    parser.add_argument("--stages", type=int, default=0, help="measure the index's CPU share on N")
    parser.add_argument(
        "--direct",
        action="store_true",
        help="build the archive from the generator's records, without parsing (search only)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="with --direct: go on with a build that was stopped, keeping the --db archive",
    )
    parser.add_argument("--ingest-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_child:
        print(json.dumps(ingest(args.db, args.corpus, args.n, args.workers)))
        return 0

    corpus = args.corpus or OUT / f"corpus-{args.n}"
    db = args.db or str(OUT / f"archive-{args.n}.db")
    result: dict[str, Any] = {"n": args.n, "workers": args.workers}
    if not args.search_only and not args.resume and not db.startswith("postgresql"):
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)  # a new archive for a new build
    if args.direct and not args.search_only:
        result.update(build_direct(db, args.n, args.workers))
        print(json.dumps(result, indent=1), file=sys.stderr)
    elif not args.search_only:
        newsgen.write_corpus(corpus, args.n, workers=args.workers)
        # In a new interpreter, so that the corpus generator's word lists are not counted in
        # the ingest's memory (and the workers fork from a process as small as the CLI's).
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--ingest-child",
                "--n",
                str(args.n),
                "--db",
                db,
                "--corpus",
                str(corpus),
                "--workers",
                str(args.workers),
            ],
            check=True,
            stdout=subprocess.PIPE,
        )
        result.update(json.loads(child.stdout))
        print(json.dumps(result, indent=1), file=sys.stderr)
        stored = result["added"] + result["unchanged"]
        if result["failed"] or stored < args.n:
            # A rate over refused articles measures nothing.
            raise SystemExit(f"bench_search: {args.n - stored:,} of {args.n:,} articles not stored")
    if args.stages:
        result.update(index_share(corpus, args.stages))
    archive = Archive.open(db, create=False)
    result["engine"] = archive.dialect
    n = archive_n(archive)
    result["articles"] = n
    if archive.dialect == "sqlite":
        with archive.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        result["archive_mb"] = round(Path(db).stat().st_size / 1e6, 1)
    source = args.queries_from or (db if archive.dialect == "sqlite" else None)
    if source is None:
        raise SystemExit(
            "on PostgreSQL, --queries-from names the SQLite archive it was copied from"
        )
    terms = term_frequencies(source)
    result["distinct_terms"] = len(terms)
    queries = make_queries(terms, n)
    measure_search(archive, db, queries, args.cli_runs)
    archive.close()
    rows = summarise(queries, n)
    result["search"] = rows
    result["slowest"] = sorted(
        (
            {"query": q.options.query, "kind": q.kind, "matches": q.matches, "ms": max(q.ours)}
            for q in queries
        ),
        key=lambda r: -r["ms"],
    )[:5]
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"search-{archive.dialect}-{n}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for key, value in result.items():
        if key not in ("search", "slowest"):
            print(f"{key}: {value}")
    print_table(rows)
    print("slowest:", json.dumps(result["slowest"], ensure_ascii=False))
    print(f"(written to {out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
