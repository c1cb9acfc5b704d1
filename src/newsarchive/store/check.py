"""Archive checks: the database's own integrity, the search index against the tables, and the
original bytes against their hashes. Repair rebuilds what is derived (the index); the originals
are never rewritten."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import Engine, text

# SQLite's FTS5 tables (migrations 0001 and 0004), both kept from the articles table.
SQLITE_SEARCH_TABLES = ("articles_fts", "articles_headline_fts")
# PostgreSQL's full-text indexes (migrations 0002 and 0003) and the columns they index.
PG_SEARCH_INDEXES = {
    "ix_articles_search": "search_vector",
    "ix_articles_headline_search": "headline_vector",
}


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    inputs_checked: int = 0
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_archive(engine: Engine, *, repair: bool = False) -> CheckReport:
    report = CheckReport()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
            if result != ["ok"]:
                report.problems.extend(f"database: {line}" for line in result[:20])
            for table in SQLITE_SEARCH_TABLES:
                try:
                    conn.exec_driver_sql(
                        f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
                    )
                except Exception as exc:  # the index disagrees with the articles table
                    report.problems.append(
                        f"search index: {table} not in step with the articles ({exc})"
                    )
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM inputs WHERE article_id IS NOT NULL AND article_id NOT IN"
                " (SELECT id FROM articles)"
            )
        ).scalar_one()
        if orphans:
            report.problems.append(f"inputs: {orphans} point at articles that do not exist")
        originals = conn.execution_options(stream_results=True, max_row_buffer=200).execute(
            text("SELECT id, sha256, data FROM inputs ORDER BY id")
        )
        for row in originals:
            report.inputs_checked += 1
            if hashlib.sha256(row.data).hexdigest() != row.sha256:
                report.problems.append(f"input {row.id}: original bytes do not match their hash")
    if sqlite:
        return _repair_sqlite(engine, report) if repair else report
    with engine.connect() as conn:
        # PostgreSQL computes the search vectors itself (generated columns): they cannot drift;
        # what can go missing is their indexes (dropped by hand, say).
        present = set(
            conn.execute(
                text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
            ).scalars()
        )
    for name, column in PG_SEARCH_INDEXES.items():
        if name in present:
            continue
        if not repair:
            report.problems.append(f"search index: {name} is missing")
            continue
        with engine.begin() as conn:
            conn.execute(text(f"CREATE INDEX {name} ON articles USING gin ({column})"))
        report.repaired.append(f"search index re-created: {name}")
    return report


def _repair_sqlite(engine: Engine, report: CheckReport) -> CheckReport:
    with engine.begin() as conn:
        for table in SQLITE_SEARCH_TABLES:
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    report.repaired.append("search index rebuilt from the articles")
    report.problems = [p for p in report.problems if not p.startswith("search index")]
    return report
