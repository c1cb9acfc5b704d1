"""Schema versions: create a new archive at the current schema, refuse an archive of another
schema with a clear way forward, and upgrade one on request (`newsarchive db upgrade`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ArchiveError

if TYPE_CHECKING:  # SQLAlchemy loads when a function here runs: the revisions are read without it
    from sqlalchemy import Connection, Engine

# The newest migration. tests/test_store.py checks it against Alembic's own idea of the head.
HEAD_REVISION = "0005"
# Every revision, oldest first (also checked against Alembic's scripts).
REVISIONS = ("0001", "0002", "0003", "0004", "0005")


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
    """Run the migrations up to `revision` (a no-op when the archive is already there)."""
    with engine.connect() as conn:
        if revision == "head" and current_revision(conn) == HEAD_REVISION:
            return
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.upgrade(cfg, revision)  # type: ignore[arg-type]


def ensure_current(engine: Engine) -> None:
    """Make a new archive at the current schema; accept one already there; refuse any other.

    An archive of an older schema is upgraded only on request, never as a side effect of reading
    it: on a shared server other users may still run the older newsarchive.
    """
    from sqlalchemy import inspect

    with engine.connect() as conn:
        revision = current_revision(conn)
        empty = revision is None and not inspect(conn).has_table("articles")
    if revision == HEAD_REVISION:
        return
    if empty:
        upgrade(engine)
        return
    where = engine.url.render_as_string(hide_password=True)
    if revision in REVISIONS:
        raise ArchiveError(
            f"the archive at {where} has schema {revision}; this newsarchive needs "
            f"{HEAD_REVISION}: run `newsarchive db upgrade` (keep a copy first)"
        )
    if revision is None:
        raise ArchiveError(f"{where} holds tables that are not a newsarchive archive")
    raise ArchiveError(
        f"the archive at {where} has schema {revision}, newer than this newsarchive knows "
        f"({HEAD_REVISION}): upgrade newsarchive"
    )
