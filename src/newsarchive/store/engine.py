"""Engines: which archive a --db value means, and how each engine is set up."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ArchiveError

if TYPE_CHECKING:  # SQLAlchemy loads in make_engine: resolve_url is used without it
    from sqlalchemy import Engine

ENV_VAR = "NEWSARCHIVE_DB"
NO_ARCHIVE_HINT = ": `newsarchive ingest` makes one (or check --db and NEWSARCHIVE_DB)"
REPAIR_HINT = " (`newsarchive check --repair` rebuilds the search index)"


def db_reason(exc: BaseException) -> str:
    """An engine error in one line: the driver's message, without the statement, its
    parameters or the library's help link."""
    orig = getattr(exc, "orig", None)
    lines = str(orig if orig is not None else exc).strip().splitlines()
    reason = lines[0] if lines else type(exc).__name__
    if getattr(orig, "sqlstate", None) == "3F000" or "no schema has been selected" in reason:
        # PostgreSQL's search_path names a schema that does not exist yet.
        reason += " (the schema search_path names must exist: CREATE SCHEMA name)"
    return reason


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsarchive", appauthor=False)) / "archive.db"


# PostgreSQL URLs as people write them (Heroku's postgres://, libpq's postgresql://) mean the
# driver newsarchive installs, psycopg 3.
_PG_SCHEMES = ("postgres://", "postgresql://")
PG_DRIVER = "postgresql+psycopg://"


def resolve_url(db: str | None) -> str:
    """A bare path means SQLite; anything with "://" is an SQLAlchemy URL; None, the default.
    Nothing is created here: opening the archive for writing creates its file."""
    value = db or os.environ.get(ENV_VAR) or None
    if value and "://" in value:
        for scheme in _PG_SCHEMES:
            if value.startswith(scheme):
                return PG_DRIVER + value[len(scheme) :]
        return value
    path = Path(value).expanduser() if value else default_path()
    return f"sqlite:///{path.resolve()}"


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (None for other engines); refuses an in-memory database,
    whose archive would vanish when the command ends."""
    if not url.startswith("sqlite"):
        return None
    from sqlalchemy.engine import make_url

    try:
        database = make_url(url).database
    except Exception as exc:
        raise ArchiveError(f"not a database URL: {url}") from exc
    if not database or database == ":memory:" or "mode=memory" in url:
        raise ArchiveError(
            "an in-memory SQLite archive would vanish when the command ends: give a file path"
        )
    path = Path(database)
    if path.is_dir():
        raise ArchiveError(
            f"{path} is a folder, not an archive: give a file path (e.g. {path / 'news.db'})"
        )
    return path


def sqlite_files(url: str) -> list[Path]:
    """The files a SQLite archive is kept in: its database and the journals beside it (none
    for a server's archive)."""
    path = sqlite_file(url)
    if path is None:
        return []
    return [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]


def archive_files_check(url: str) -> Callable[[str | os.PathLike[str]], bool]:
    """A test of whether a path names one of the archive's own files (reading it as an input,
    or writing over it, would be a mistake): the same file (by device and inode: a link or
    another spelling of its path), or, for a file not there yet, the same resolved path. The
    archive's files are looked at once; each path asked about costs a stat."""
    try:
        own = sqlite_files(url)
        resolved = {file.resolve() for file in own}
    except (ArchiveError, OSError, RuntimeError):  # no file archive; a link that loops
        return lambda _name: False
    inodes = set()
    for file in own:
        with contextlib.suppress(OSError):
            stat = file.stat()
            inodes.add((stat.st_dev, stat.st_ino))

    names = {file.name for file in own}

    def by_path(name: str | os.PathLike[str]) -> bool:
        try:
            return Path(name).expanduser().resolve() in resolved
        except (OSError, RuntimeError):
            return False

    def check(name: str | os.PathLike[str]) -> bool:
        if not own:
            return False
        try:
            stat = os.stat(name)
        except OSError:
            return by_path(name)  # not there (yet)
        if (stat.st_dev, stat.st_ino) in inodes:
            return True
        # A file made since (the archive created, its journal opened): by its path.
        return os.path.basename(name) in names and by_path(name)

    return check


# 64 MB of page cache (the default is 2 MB): a large archive's indexes are written and read at
# random places; a bigger cache keeps their upper levels in memory. (reader.py sets it too.)
SQLITE_CACHE = "PRAGMA cache_size=-65536"


def register_functions(conn: Any) -> None:
    """The SQL functions newsarchive's statements call on SQLite (search's author filter)."""
    from .search import fold

    conn.create_function("newsarchive_fold", 1, fold, deterministic=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # We issue BEGIN ourselves (see _sqlite_begin); pysqlite's own transaction handling is off.
    dbapi_conn.isolation_level = None
    register_functions(dbapi_conn)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(SQLITE_CACHE)
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _sqlite_read_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """A read-only connection changes nothing, not even the journal mode."""
    dbapi_conn.isolation_level = None
    register_functions(dbapi_conn)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute(SQLITE_CACHE)
    cur.close()


# Connections that will write say so with this execution option; each engine then takes its
# archive-wide write lock when the transaction begins, so that writers queue one behind the other
# instead of racing (two ingests of the same file must not both store it).
WRITER = "newsarchive_writer"

# PostgreSQL's transaction-scoped advisory lock that serialises writers is keyed by a constant of
# our own ("news" in ASCII) and the archive's schema: advisory locks are per database, and
# archives in other schemas of one database must not wait for each other's writers.
PG_WRITE_LOCK = 0x6E657773
PG_WRITE_LOCK_SQL = f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK}, hashtext(current_schema()))"


def _sqlite_begin(conn: Any) -> None:
    """Writers ask for BEGIN IMMEDIATE: the write lock up front, waiting on busy_timeout."""
    writer = conn.get_execution_options().get(WRITER, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def _pg_begin(conn: Any) -> None:
    """Writers take the archive's advisory lock, held until their transaction ends."""
    if conn.get_execution_options().get(WRITER, False):
        conn.exec_driver_sql(PG_WRITE_LOCK_SQL)


def sqlite_read_url(path: Path, immutable: bool = False) -> str:
    """A read-only URL for a SQLite file; `immutable` for a file no one can write (on a read-only
    mount, SQLite cannot make the shared-memory file a WAL reader needs)."""
    from urllib.parse import quote

    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return f"sqlite:///file:{quote(str(path))}?{flags}&uri=true"


def make_engine(url: str, *, readonly: bool = False) -> Engine:
    from sqlalchemy import create_engine, event, make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_read_pragmas if readonly else _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    scheme = url.split("://")[0]
    unusable = ArchiveError(
        f"{scheme}:// is not a database newsarchive can use: give a SQLite file path or a "
        "postgresql:// URL"
    )
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise unusable from exc
    if backend != "postgresql":  # search needs SQLite's FTS5 or PostgreSQL's text search
        raise unusable
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise ArchiveError(
            f"no database driver for {scheme}: install it "
            f"(for PostgreSQL: pip install 'psycopg[binary]') ({exc})"
        ) from exc
    except (NoSuchModuleError, ArgumentError) as exc:
        raise unusable from exc
    if engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _pg_begin)
    return engine
