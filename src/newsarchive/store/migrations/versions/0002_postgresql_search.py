"""Full-text search on PostgreSQL: a weighted tsvector over headline, byline and body, kept by
the database itself (a stored generated column), with a GIN index.

SQLite's FTS5 index came with the first schema; there is nothing to do on SQLite.

The text is read with the `simple` configuration (lower-casing, no stemming, no stop words), so
that every language is matched word for word as FTS5's unicode61 tokenizer does; characters that
join words into one token for PostgreSQL's parser but not for FTS5 (in e-mail addresses, host
names, paths: @ . / : _ -) are made spaces first. Each field is capped in length so that no
article, however long, exceeds the 1 MB a tsvector may hold; the text is kept whole in its column.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Field caps, in characters: together far below the tsvector's 1 MB even for all-distinct words.
_CAPS = {"headline": 20_000, "byline": 20_000, "body": 250_000}
_WEIGHTS = {"headline": "A", "byline": "B", "body": "C"}


def _field(column: str) -> str:
    return (
        f"setweight(to_tsvector('simple'::regconfig, regexp_replace("
        f"left(coalesce({column}, ''), {_CAPS[column]}), '[_@./:-]+', ' ', 'g')), "
        f"'{_WEIGHTS[column]}')"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    vector = " || ".join(_field(c) for c in ("headline", "byline", "body"))
    op.execute(
        "ALTER TABLE articles ADD COLUMN search_vector tsvector"
        f" GENERATED ALWAYS AS ({vector}) STORED"
    )
    op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_articles_search")
    op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS search_vector")
