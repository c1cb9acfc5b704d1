"""Search and list an archive with its engine's driver alone: sqlite3, or psycopg on PostgreSQL.

`newsarchive search` and `list` run in a new process each time; importing SQLAlchemy costs
them about half a second, more than the statements themselves on most archives. On an archive
of the current schema they run the same statements (search.py, listing.py) through the driver,
read-only. Anything else (a
missing file, another schema) returns None, and the caller opens the archive the usual way,
which says what is wrong. A PostgreSQL server that refuses the connection is reported here, as
the usual path words it: asking it twice would only double the wait.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from ..errors import ArchiveError
from .engine import PG_DRIVER, REPAIR_HINT, SQLITE_CACHE, db_reason, register_functions, resolve_url
from .listing import Listed, run_listing
from .schema import HEAD_REVISION
from .search import PG_SEARCH_SETTINGS, Execute, Hits, SearchOptions, pyformat, run_search

T = TypeVar("T")

_SQLITE = "sqlite:///"


def archive_file(db: str | None) -> Path | None:
    """The SQLite file a --db value (or its default) names, if it exists."""
    url = resolve_url(db)
    if not url.startswith(_SQLITE):
        return None
    path = Path(url[len(_SQLITE) :])
    return path if path.is_file() else None


def _connect(path: Path) -> sqlite3.Connection | None:
    """A read-only connection, immutable where SQLite cannot make a WAL reader's files (a
    read-only folder or mount); None when neither opens it as a database."""
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True, timeout=60)
            register_functions(conn)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error:
            continue
    return None


def search_file(db: str | None, options: SearchOptions) -> Hits | None:
    """The search's hits, or None when db is not an archive of the current schema that the
    driver alone can read (the caller then opens it the usual way)."""
    return _with_driver(
        db, "search", lambda execute, dialect: run_search(execute, dialect, options)
    )


def list_file(
    db: str | None, filters: SearchOptions | None, limit: int, offset: int
) -> list[Listed] | None:
    """A page of `list`, or None as for search_file."""
    return _with_driver(
        db,
        "listing",
        lambda execute, dialect: run_listing(execute, dialect, filters, limit, offset),
    )


def _with_driver(db: str | None, what: str, run: Callable[[Execute, str], T]) -> T | None:
    """`run` on the archive db names through its driver, read-only: None when that archive is
    no SQLite file or PostgreSQL database of the current schema."""
    url = resolve_url(db)
    if url.startswith(PG_DRIVER):
        return _on_postgresql(url, what, run)
    path = archive_file(db)
    if path is None:
        return None
    conn = _connect(path)
    if conn is None:
        return None
    try:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != HEAD_REVISION:
            return None
        conn.execute(SQLITE_CACHE)

        def execute(sql: str, params: dict[str, Any]) -> list[Any]:
            return conn.execute(sql, params).fetchall()

        try:
            return run(execute, "sqlite")
        except sqlite3.Error as exc:
            # The query language quotes every term: an engine error here is the archive's
            # (its search index missing, say), not the query's.
            raise ArchiveError(f"the {what} could not run: {exc}{REPAIR_HINT}") from exc
    finally:
        conn.close()


def _shown(url: str) -> str:
    """A URL as messages print it: its password masked."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def _on_postgresql(url: str, what: str, run: Callable[[Execute, str], T]) -> T | None:
    """`run` on a PostgreSQL archive through psycopg alone, in one read-only transaction with
    the planner settings searches run with (PG_SEARCH_PLANNER)."""
    try:
        import psycopg
    except ImportError:
        return None
    try:
        conn = psycopg.connect("postgresql://" + url[len(PG_DRIVER) :], connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise ArchiveError(f"cannot open the archive at {_shown(url)}: {db_reason(exc)}") from exc
    except (psycopg.Error, ValueError):
        return None  # the usual path says what is wrong
    try:
        try:
            conn.read_only = True
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except psycopg.Error:
            return None
        if row is None or row[0] != HEAD_REVISION:
            return None
        conn.execute(PG_SEARCH_SETTINGS)

        def execute(sql: str, params: dict[str, Any]) -> list[Any]:
            return conn.execute(pyformat(sql), params).fetchall()

        try:
            return run(execute, "postgresql")
        except psycopg.Error as exc:
            raise ArchiveError(f"the {what} could not run: {db_reason(exc)}{REPAIR_HINT}") from exc
    finally:
        conn.close()
