"""The first schema: sources, authors, articles, their authors and languages, inputs, versions,
and on SQLite the FTS5 index with the triggers that keep it in step.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("domain", sa.String(255), unique=True),
    )
    op.create_table(
        "authors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("email", sa.String(320), nullable=False, server_default=""),
        sa.UniqueConstraint("name", "email", name="uq_authors_name_email"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
        sa.Column("url", sa.Text),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("subheadline", sa.Text),
        sa.Column("posted_at", sa.String(40)),
        sa.Column("posted_utc", sa.DateTime),
        sa.Column("updated_at", sa.String(40)),
        sa.Column("byline", sa.Text),
        sa.Column("emails", sa.Text, nullable=False, server_default="[]"),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("input_id", sa.Integer),
    )
    op.create_index("ix_articles_posted_utc", "articles", ["posted_utc"])
    op.create_index("ix_articles_source_headline", "articles", ["source_id", "headline"])
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_content_sha256", "articles", ["content_sha256"])
    op.create_index("ix_articles_language", "articles", ["language"])
    op.create_table(
        "article_authors",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("authors.id"), nullable=False),
        sa.Column("role", sa.String(100)),
        sa.Column("dateline", sa.String(100)),
    )
    op.create_index("ix_article_authors_author_id", "article_authors", ["author_id"])
    op.create_table(
        "article_languages",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("relation", sa.String(20), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("tag", sa.String(20), nullable=False),
    )
    op.create_table(
        "inputs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("encoding", sa.String(40)),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL")),
    )
    op.create_index("ix_inputs_article_id", "inputs", ["article_id"])
    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("superseded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_article_versions_article_id", "article_versions", ["article_id"])

    if op.get_bind().dialect.name == "sqlite":
        _sqlite_fts()


def _sqlite_fts() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "headline, byline, body, content='articles', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, headline, byline, body) "
        "VALUES (new.id, new.headline, coalesce(new.byline, ''), new.body); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, headline, byline, body) "
        "VALUES ('delete', old.id, old.headline, coalesce(old.byline, ''), old.body); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, byline, body ON articles "
        "BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, headline, byline, body) "
        "VALUES ('delete', old.id, old.headline, coalesce(old.byline, ''), old.body); "
        "INSERT INTO articles_fts(rowid, headline, byline, body) "
        "VALUES (new.id, new.headline, coalesce(new.byline, ''), new.body); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in (
        "article_versions",
        "inputs",
        "article_languages",
        "article_authors",
        "articles",
        "authors",
        "sources",
    ):
        op.drop_table(table)
