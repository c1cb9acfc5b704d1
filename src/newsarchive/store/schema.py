"""Schema versions: create a new archive at the current schema, refuse an archive of another
schema with a clear way forward, and upgrade one on request (`newsarchive db upgrade`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ArchiveError

if TYPE_CHECKING:  # SQLAlchemy loads when a function here runs: the revisions are read without it
    from sqlalchemy import Connection, Engine

# The newest migration. tests/test_store.py checks it against Alembic's own idea of the head.
HEAD_REVISION = "0010"
# Every revision, oldest first (also checked against Alembic's scripts).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")


def current_revision(conn: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def alembic_config() -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "newsarchive.store:migrations")
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` (a no-op when the archive is already there).

    They run holding the archive's write lock, like every write: of several processes creating
    one new archive at once, one makes the schema and the others find it made.
    """
    with engine.connect() as conn:
        if revision == "head" and current_revision(conn) == HEAD_REVISION:
            return
    from alembic import command

    from .engine import WRITER

    cfg = alembic_config()
    with engine.execution_options(**{WRITER: True}).begin() as conn:
        if revision == "head" and current_revision(conn) == HEAD_REVISION:
            return  # made while this process waited for the lock
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.upgrade(cfg, revision)  # type: ignore[arg-type]


def ensure_current(
    engine: Engine, *, create: bool = True, where: str | None = None, older_ok: bool = False
) -> None:
    """Accept an archive at the current schema; make one in an empty database (when `create`);
    refuse anything else: an older (unless `older_ok`) or newer schema, or a database holding
    other tables.

    An archive of an older schema is upgraded only on request, never as a side effect of reading
    it: on a shared server other users may still run the older newsarchive.
    """
    from sqlalchemy import inspect

    # One snapshot for both reads: on PostgreSQL's default READ COMMITTED each statement sees
    # the newest commit, and a schema committed by another process between the two would read
    # as tables without a revision, "another application's database". (SQLite's transaction
    # already reads one snapshot.)
    checking = engine
    if engine.dialect.name == "postgresql":
        checking = engine.execution_options(isolation_level="REPEATABLE READ")
    with checking.connect() as conn:
        revision = current_revision(conn)
        tables = inspect(conn).get_table_names() if revision is None else []
    if revision == HEAD_REVISION:
        return
    where = where or engine.url.render_as_string(hide_password=True)
    if revision is None and not tables:
        if not create:
            from .engine import NO_ARCHIVE_HINT

            raise ArchiveError(f"no archive at {where}{NO_ARCHIVE_HINT}")
        upgrade(engine)
        return
    if revision in REVISIONS:
        if older_ok:  # described as it is (`info`), never written to
            return
        raise ArchiveError(
            f"the archive at {where} has schema {revision}; this newsarchive needs "
            f"{HEAD_REVISION}: run `newsarchive db upgrade` (keep a copy first)"
        )
    if revision is None:
        raise ArchiveError(
            f"{where} is another application's database ({len(tables)} tables, none of them "
            "newsarchive's): give newsarchive a file or database of its own"
        )
    raise ArchiveError(
        f"the archive at {where} has schema {revision}, newer than this newsarchive knows "
        f"({HEAD_REVISION}): upgrade newsarchive"
    )
