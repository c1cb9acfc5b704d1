"""Archive checks: the database's own integrity, the search index against the tables, and the
original bytes against their hashes. Repair rebuilds what is derived (the index); the originals
are never rewritten."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DatabaseError

from .engine import db_reason

# SQLite's FTS5 tables (migrations 0001 and 0004), both kept from the articles table by three
# triggers each.
SQLITE_SEARCH_TABLES = ("articles_fts", "articles_headline_fts")
SQLITE_SEARCH_OBJECTS = SQLITE_SEARCH_TABLES + tuple(
    f"{table}_{event}" for table in SQLITE_SEARCH_TABLES for event in ("insert", "delete", "update")
)
# PostgreSQL's full-text indexes (migrations 0002 and 0003) and the columns they index.
PG_SEARCH_INDEXES = {
    "ix_articles_search": "search_vector",
    "ix_articles_headline_search": "headline_vector",
}


def pg_search_index(name: str) -> str:
    """The statement that makes PostgreSQL search index `name` where it is missing."""
    return f"CREATE INDEX IF NOT EXISTS {name} ON articles USING gin ({PG_SEARCH_INDEXES[name]})"


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    inputs_checked: int = 0
    imported: int = 0  # records read back from an export: their originals are not here
    repaired: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what a read-only archive cannot check

    @property
    def ok(self) -> bool:
        return not self.problems


# Text columns an older newsarchive could fill with NUL characters (from JSON-LD's "\u0000"),
# which PostgreSQL refuses: a SQLite archive holding them could not be copied there.
TEXT_COLUMNS = {
    "articles": ("headline", "subheadline", "url", "byline", "body", "emails"),
    "authors": ("name", "email"),
    "article_authors": ("role", "dateline"),
    "sources": ("name", "domain"),
}


def _nul_where(table: str) -> str:
    return " OR ".join(
        f"instr(CAST({column} AS BLOB), X'00') > 0" for column in TEXT_COLUMNS[table]
    )


def nul_rows(conn: Connection) -> dict[str, int]:
    """Rows per table whose text holds a NUL character (SQLite; PostgreSQL cannot hold one)."""
    if conn.dialect.name != "sqlite":
        return {}
    counts = {
        table: conn.exec_driver_sql(
            f"SELECT count(*) FROM {table} WHERE {_nul_where(table)}"
        ).scalar_one()
        for table in TEXT_COLUMNS
    }
    return {table: n for table, n in counts.items() if n}


def _remove_nul(engine: Engine) -> int:
    """Clean the text of every row holding a NUL, as newsarchive now cleans what it stores
    (record.clean_text); the articles' triggers update the search index. A record's hash
    follows its cleaned text where it was its text's before (see _edited_records): one
    edited by hand stays reported."""
    from ..record import clean_text, content_hash

    cleaned = 0
    with engine.begin() as conn:
        for table, columns in TEXT_COLUMNS.items():
            hashed = table == "articles"
            listed = ", ".join([*columns, "content_sha256"] if hashed else columns)
            rows = conn.exec_driver_sql(
                f"SELECT rowid, {listed} FROM {table} WHERE {_nul_where(table)}"
            ).all()
            for row in rows:
                old = dict(zip(columns, row[1:], strict=False))
                new = {c: clean_text(v) if isinstance(v, str) else v for c, v in old.items()}
                if hashed and content_hash(old["headline"] or "", old["body"] or "") == row[-1]:
                    new["content_sha256"] = content_hash(new["headline"] or "", new["body"] or "")
                sets = ", ".join(f"{column} = ?" for column in new)
                conn.exec_driver_sql(
                    f"UPDATE {table} SET {sets} WHERE rowid = ?", (*new.values(), row[0])
                )
            cleaned += len(rows)
    return cleaned


def _dangling(conn: Connection) -> list[str]:
    """Rows that name a row of another table that is not there (SQLite's foreign key check:
    keys are enforced on every connection newsarchive opens, but not on another tool's)."""
    found: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _key in conn.exec_driver_sql("PRAGMA foreign_key_check").all():
        found[(table, parent)] = found.get((table, parent), 0) + 1
    return [
        f"{table}: {n} {'row names' if n == 1 else 'rows name'} {parent} that are not there"
        for (table, parent), n in sorted(found.items())
    ]


def _edited_records(conn: Connection) -> list[str]:
    """Records whose headline or body no longer give the hash stored with them, and those whose
    emails are no JSON list: both changed outside newsarchive (by hand, say), which `show`,
    `export` and finding duplicates cannot trust. Reported, not repaired: the original each
    was parsed from is kept (`show ID --original`)."""
    from ..record import content_hash
    from .rows import listed_emails

    changed: list[int] = []
    unreadable: list[int] = []
    rows = conn.execution_options(stream_results=True, max_row_buffer=500).execute(
        text("SELECT id, headline, body, content_sha256, emails FROM articles ORDER BY id")
    )
    for row in rows:
        if content_hash(row.headline or "", row.body or "") != row.content_sha256:
            changed.append(row.id)
        if listed_emails(row.emails) is None:
            unreadable.append(row.id)
    problems = []
    if changed:
        problems.append(f"{_records(changed)}: {_CHANGED}")
    if unreadable:
        problems.append(f"{_records(unreadable)}: {_UNREADABLE}")
    return problems


_CHANGED = (
    "headline or body changed outside newsarchive (no longer matching the hash stored with"
    " it); `show ID --original` gives what was ingested"
)
_UNREADABLE = "emails are no JSON list of addresses (edited by hand?)"
_RECORD_PROBLEMS = (_CHANGED, _UNREADABLE)


def _records(ids: list[int], shown: int = 10) -> str:
    """ "record 7", "records 7, 9 and 12", "records 1, 2, ... 10 and 31 more"."""
    if len(ids) == 1:
        return f"record {ids[0]}"
    head = ids[:shown] if len(ids) > shown else ids[:-1]
    tail = f"{len(ids) - shown:,} more" if len(ids) > shown else str(ids[-1])
    return f"records {', '.join(map(str, head))} and {tail}"


def check_archive(engine: Engine, *, repair: bool = False) -> CheckReport:
    report = CheckReport()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            try:
                result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
            except DatabaseError as exc:  # damage the check itself cannot read past
                result = [db_reason(exc)]
            if result != ["ok"]:
                report.problems.extend(f"database: {line}" for line in result[:20])
                # Reading the damaged tables further would fail (or read wrong rows): what
                # can be saved is what SQLite's own recovery reads back.
                report.problems.append(
                    "database: damaged beyond what check can mend; keep this file, and recover"
                    " its rows into a new one: sqlite3 ARCHIVE .recover | sqlite3 NEW.db"
                )
                return report
            report.problems.extend(_dangling(conn))
            for table, n in nul_rows(conn).items():
                report.problems.append(
                    f"text: {n} rows of {table} hold NUL characters (PostgreSQL refuses them)"
                )
            missing = _missing_search_objects(conn)
            report.problems.extend(f"search index: {name} is missing" for name in missing)
            for table in SQLITE_SEARCH_TABLES:
                if table in missing:
                    continue
                try:
                    conn.exec_driver_sql(
                        f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
                    )
                except Exception as exc:  # the index disagrees with the articles table
                    reason = db_reason(exc)
                    if "readonly" in reason:
                        report.skipped.append(f"search index {table} (the archive is read-only)")
                    else:
                        report.problems.append(
                            f"search index: {table} not in step with the articles ({reason})"
                        )
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM inputs WHERE article_id IS NOT NULL AND article_id NOT IN"
                " (SELECT id FROM articles)"
            )
        ).scalar_one()
        if orphans:
            report.problems.append(f"inputs: {orphans} point at articles that do not exist")
        report.problems.extend(_edited_records(conn))
        originals = conn.execution_options(stream_results=True, max_row_buffer=200).execute(
            # An imported record's input keeps its original's hash but not its bytes.
            text(
                "SELECT id, sha256, data, path, article_id, container FROM inputs"
                " WHERE imported IS NULL OR NOT imported ORDER BY id"
            )
        )
        damaged: list[_Damaged] = []
        for row in originals:
            report.inputs_checked += 1
            # Bytes; text where the row was edited by hand (never hashed as stored).
            stored = row.data if isinstance(row.data, (bytes, memoryview)) else None
            if stored is None or hashlib.sha256(stored).hexdigest() != row.sha256:
                # Named as `show ID --inputs` lists it: the record, the file, the hash's start.
                whose = f"record {row.article_id}'s" if row.article_id is not None else "an"
                mend = (
                    "`check --repair` restores them from the file, if it is still there"
                    " unchanged (a relative path: run it from where the file was ingested)"
                    if row.container is None
                    else "a web archive's record: ingest the archive into a new archive to"
                    " read it again"
                )
                problem = (
                    f"{whose} original {row.path} ({row.sha256[:12]}): its bytes do not match"
                    f" their hash (damaged since ingest; {mend})"
                )
                report.problems.append(problem)
                damaged.append(_Damaged(row.id, row.sha256, row.path, row.container, problem))
        report.imported = conn.execute(
            text("SELECT count(*) FROM inputs WHERE imported")
        ).scalar_one()
    if repair and damaged:
        _restore_originals(engine, damaged, report)
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
    for name in PG_SEARCH_INDEXES:
        if name in present:
            continue
        if not repair:
            report.problems.append(f"search index: {name} is missing")
            continue
        with engine.begin() as conn:
            conn.execute(text(pg_search_index(name)))
        report.repaired.append(f"search index re-created: {name}")
    return report


@dataclass
class _Damaged:
    input_id: int
    sha256: str
    path: str
    container: str | None
    problem: str


def _restore_originals(engine: Engine, damaged: list[_Damaged], report: CheckReport) -> None:
    """Damaged originals read again from the files they came from, where a file is still there
    and still holds the very bytes ingested (its hash says so); the others stay problems."""
    for item in damaged:
        if item.container is not None:
            continue  # a web archive's record: its bytes are not the file's
        try:
            data = Path(item.path).read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != item.sha256:
            continue
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE inputs SET data = :data WHERE id = :id"),
                {"data": data, "id": item.input_id},
            )
        report.problems.remove(item.problem)
        report.repaired.append(f"original restored from {item.path} ({item.sha256[:12]})")


def _missing_search_objects(conn: Connection) -> list[str]:
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
    return [name for name in SQLITE_SEARCH_OBJECTS if name not in present]


def _reference_search_schema() -> dict[str, str]:
    """The statements that make the search index's tables and triggers, as the migrations make
    them: read from a new archive made in memory, so they are never written twice."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from .schema import upgrade

    reference = create_engine("sqlite://", poolclass=StaticPool)
    try:
        upgrade(reference)
        with reference.connect() as conn:
            rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master").all()
    finally:
        reference.dispose()
    return {name: sql for name, sql in rows if name in SQLITE_SEARCH_OBJECTS}


def _repair_sqlite(engine: Engine, report: CheckReport) -> CheckReport:
    cleaned = _remove_nul(engine)
    if cleaned:
        report.repaired.append(f"NUL characters removed from {cleaned} rows")
        report.problems = [p for p in report.problems if not p.startswith("text:")]
        # Cleaned text has its hash again: what the records' check says, once more.
        report.problems = [p for p in report.problems if not p.endswith(_RECORD_PROBLEMS)]
        with engine.connect() as conn:
            report.problems.extend(_edited_records(conn))
    with engine.begin() as conn:
        missing = _missing_search_objects(conn)
        if missing:
            schema = _reference_search_schema()
            for table in SQLITE_SEARCH_TABLES:
                if table in missing:
                    # Its triggers would write into a table that is gone: made again with it.
                    for trigger in (n for n in SQLITE_SEARCH_OBJECTS if n.startswith(table + "_")):
                        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
                    conn.exec_driver_sql(schema[table])
            present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
            for name in SQLITE_SEARCH_OBJECTS:
                if name not in present:
                    conn.exec_driver_sql(schema[name])
            report.repaired.append("search index re-created: " + ", ".join(missing))
        # Rebuilt when the check found it out of step (a rebuild of a large archive takes
        # minutes: not done for nothing).
        if any(p.startswith("search index") for p in report.problems):
            for table in SQLITE_SEARCH_TABLES:
                conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            report.repaired.append("search index rebuilt from the articles")
    report.problems = [p for p in report.problems if not p.startswith("search index")]
    return report
