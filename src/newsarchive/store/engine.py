"""Engines: which archive a --db value means, and how each engine is set up."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ArchiveError

if TYPE_CHECKING:  # SQLAlchemy loads in make_engine: resolve_url is used without it
    from sqlalchemy import Engine

ENV_VAR = "NEWSARCHIVE_DB"


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsarchive", appauthor=False)) / "archive.db"


def resolve_url(db: str | None) -> str:
    """A bare path means SQLite; anything with "://" is an SQLAlchemy URL; None, the default."""
    value = db or os.environ.get(ENV_VAR) or None
    if value and "://" in value:
        return value
    path = Path(value).expanduser() if value else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


# 64 MB of page cache (the default is 2 MB): a large archive's indexes are written and read at
# random places; a bigger cache keeps their upper levels in memory. (reader.py sets it too.)
SQLITE_CACHE = "PRAGMA cache_size=-65536"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # We issue BEGIN ourselves (see _sqlite_begin); pysqlite's own transaction handling is off.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute(SQLITE_CACHE)
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


# Connections that will write say so with this execution option; each engine then takes its
# archive-wide write lock when the transaction begins, so that writers queue one behind the other
# instead of racing (two ingests of the same file must not both store it).
WRITER = "newsarchive_writer"

# The key of PostgreSQL's transaction-scoped advisory lock that serialises writers: any constant
# of our own ("news" in ASCII). It is per database, so archives in other databases do not share it.
PG_WRITE_LOCK = 0x6E657773


def _sqlite_begin(conn: Any) -> None:
    """Writers ask for BEGIN IMMEDIATE: the write lock up front, waiting on busy_timeout."""
    writer = conn.get_execution_options().get(WRITER, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def _pg_begin(conn: Any) -> None:
    """Writers take the archive's advisory lock, held until their transaction ends."""
    if conn.get_execution_options().get(WRITER, False):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


def make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event

    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise ArchiveError(
            f"no database driver for {url.split('://')[0]}: install it "
            f"(for PostgreSQL: pip install 'psycopg[binary]') ({exc})"
        ) from exc
    if engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _pg_begin)
    return engine
