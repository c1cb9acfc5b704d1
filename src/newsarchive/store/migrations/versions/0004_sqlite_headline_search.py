"""SQLite: a headline-only FTS5 index, and a narrow index of the columns search filters on.

Search looks for articles whose headline matches first. In the one FTS5 table of headline,
byline and body, a headline match reads each term's whole doclist (every article holding the
word anywhere) and drops the other columns' positions: tens of milliseconds per common word on a
million articles. The headline's own FTS5 table (as migration 0003 gave PostgreSQL its own
headline vector) holds only headlines, so that phase reads only the articles whose headline
holds the words.

Filters and date orders look up every matching article's date, language and source. Those
columns live in the articles table beside the body, whose rows fill a page each; the covering
index ix_articles_search_keys holds just them, many rows to a page.

Nothing is done on PostgreSQL (migration 0003 did the same there).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TRIGGERS = (
    "articles_headline_fts_insert",
    "articles_headline_fts_delete",
    "articles_headline_fts_update",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE articles_headline_fts USING fts5("
        "headline, content='articles', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER articles_headline_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_headline_fts(rowid, headline) VALUES (new.id, new.headline); END"
    )
    op.execute(
        "CREATE TRIGGER articles_headline_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_headline_fts(articles_headline_fts, rowid, headline) "
        "VALUES ('delete', old.id, old.headline); END"
    )
    op.execute(
        "CREATE TRIGGER articles_headline_fts_update AFTER UPDATE OF headline ON articles BEGIN "
        "INSERT INTO articles_headline_fts(articles_headline_fts, rowid, headline) "
        "VALUES ('delete', old.id, old.headline); "
        "INSERT INTO articles_headline_fts(rowid, headline) VALUES (new.id, new.headline); END"
    )
    op.execute("INSERT INTO articles_headline_fts(articles_headline_fts) VALUES ('rebuild')")
    op.execute(
        "CREATE INDEX ix_articles_search_keys ON articles (id, posted_utc, language, source_id)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP INDEX IF EXISTS ix_articles_search_keys")
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_headline_fts")
