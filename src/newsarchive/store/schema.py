"""Schema versions: bring an archive to the current schema with the project's Alembic migrations."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, inspect, text

# The newest migration. tests/test_store.py checks it against Alembic's own idea of the head.
HEAD_REVISION = "0001"


def current_revision(conn: Connection) -> str | None:
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
