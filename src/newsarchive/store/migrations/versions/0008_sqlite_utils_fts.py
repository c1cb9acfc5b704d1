"""SQLite: the full-text table names its content table as sqlite-utils and Datasette look for it.

sqlite-utils (and Datasette's table search) find a table's FTS index by the text of the virtual
table's definition: `content="articles"` or `content=[articles]`. Revision 0001 wrote
`content='articles'`, which FTS5 reads as the same name but those tools do not recognise, so
`sqlite-utils search archive.db articles "..."` said the table was not configured for search.

The definition is rewritten in place in sqlite_master (writable_schema, then a new schema version
so that every connection reads it again): FTS5 takes its arguments from that text each time it
opens the table, both quotings name the same content table, and the index itself is untouched,
so the upgrade is instant whatever the archive's size. Only articles_fts (headline, byline and
body) is rewritten: it is the one those tools should find; the headline-only table of 0004 keeps
its quoting, so that it is never taken for the article's index.

Nothing is done on PostgreSQL.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_OLD = "content='articles'"
_NEW = 'content="articles"'


def _rewrite(old: str, new: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    version = int(bind.exec_driver_sql("PRAGMA schema_version").scalar_one())
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?)"
            " WHERE type = 'table' AND name = 'articles_fts'",
            (old, new),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    _rewrite(_OLD, _NEW)


def downgrade() -> None:
    _rewrite(_NEW, _OLD)
