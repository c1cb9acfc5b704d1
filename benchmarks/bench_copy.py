"""Copy an archive SQLite -> PostgreSQL -> SQLite and check that nothing changed on the way.

    .venv/bin/python benchmarks/bench_copy.py --db benchmarks/out/archive-100000.db \
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test] [--schema bench_copy] [--keep]

Build the source with `bench_search.py --n N --db PATH --keep`. The PostgreSQL copy goes into a
schema of its own (dropped first; kept with --keep, e.g. for bench_search.py --search-only on
PostgreSQL). Prints one table (times, rows and articles per second, sizes, whether the two SQLite
files hold identical rows and originals) and writes it as JSON (benchmarks/out/copy-N.json).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from newsarchive import Archive
from newsarchive.store.copy import archive_digest, copy_archive, source_counts

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the SQLite archive to copy")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--schema", default="bench_copy")
    parser.add_argument("--back", help="where the copy comes back to (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema")
    args = parser.parse_args()

    admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {args.schema} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {args.schema}")
    pg_url = make_url(args.pg).update_query_dict({"options": f"-csearch_path={args.schema}"})
    back = args.back or str(Path(tempfile.mkdtemp(prefix="newsarchive-copy-")) / "back.db")
    Path(back).unlink(missing_ok=True)

    source = Archive.open(args.db)
    there = Archive(pg_url.render_as_string(hide_password=False))
    returned = Archive.open(back)
    counts = source_counts(source)
    rows = sum(counts.values())

    def progress(label: str) -> Callable[[str, int], None]:
        done = 0

        def tick(_table: str, n: int) -> None:
            nonlocal done
            before, done = done, done + n
            if before * 10 // max(rows, 1) != done * 10 // max(rows, 1):
                print(f"  {label}: {done:,} of {rows:,} rows", file=sys.stderr, flush=True)

        return tick

    start = time.perf_counter()
    copy_archive(source, there, on_rows=progress("to PostgreSQL"))
    to_pg = time.perf_counter() - start
    start = time.perf_counter()
    copy_archive(there, returned, on_rows=progress("back to SQLite"))
    to_sqlite = time.perf_counter() - start
    start = time.perf_counter()
    digest_source, digest_back = archive_digest(source), archive_digest(returned)
    verify = time.perf_counter() - start
    with there.engine.connect() as conn:
        pg_bytes = conn.exec_driver_sql(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class AS c"
            " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        ).scalar_one()
    result = {
        "articles": counts["articles"],
        "rows": rows,
        "originals_mb": None,
        "sqlite_to_pg_s": round(to_pg, 1),
        "sqlite_to_pg_articles_per_s": round(counts["articles"] / to_pg, 1),
        "sqlite_to_pg_rows_per_s": round(rows / to_pg, 1),
        "pg_to_sqlite_s": round(to_sqlite, 1),
        "pg_to_sqlite_articles_per_s": round(counts["articles"] / to_sqlite, 1),
        "pg_to_sqlite_rows_per_s": round(rows / to_sqlite, 1),
        "verify_s": round(verify, 1),
        "sqlite_mb": round(Path(args.db).stat().st_size / 1e6, 1),
        "postgresql_mb": round(float(pg_bytes) / 1e6, 1),
        "identical": digest_source == digest_back,
    }
    with source.engine.connect() as conn:
        result["originals_mb"] = round(
            float(conn.exec_driver_sql("SELECT sum(size) FROM inputs").scalar_one() or 0) / 1e6, 1
        )
    for archive in (source, there, returned):
        archive.close()
    if not args.keep:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {args.schema} CASCADE")
    if not args.back:
        Path(back).unlink(missing_ok=True)
    admin.dispose()

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"copy-{counts['articles']}.json").write_text(json.dumps(result, indent=2) + "\n")
    width = max(len(k) for k in result)
    print(f"{'metric':<{width}}  value")
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
