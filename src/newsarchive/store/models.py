"""The archive's tables, as SQLAlchemy 2.0 typed models. The schema itself is made by migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str | None] = mapped_column(String(255), unique=True)


class AuthorRow(Base):
    __tablename__ = "authors"
    __table_args__ = (UniqueConstraint("name", "email", name="uq_authors_name_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # "" rather than NULL when unknown, so the unique constraint holds on every engine.
    email: Mapped[str] = mapped_column(String(320), default="")


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_posted_utc", "posted_utc"),
        Index("ix_articles_source_headline", "source_id", "headline"),
        Index("ix_articles_url", "url"),
        Index("ix_articles_content_sha256", "content_sha256"),
        Index("ix_articles_language", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    url: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str] = mapped_column(Text)
    subheadline: Mapped[str | None] = mapped_column(Text)
    posted_at: Mapped[str | None] = mapped_column(String(40))  # ISO 8601 as the publisher printed
    posted_utc: Mapped[datetime | None] = mapped_column(DateTime)  # for ordering and filters
    updated_at: Mapped[str | None] = mapped_column(String(40))
    byline: Mapped[str | None] = mapped_column(Text)
    emails: Mapped[str] = mapped_column(Text, default="[]")  # JSON list: the byline's addresses
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(20))
    extraction: Mapped[str | None] = mapped_column(String(40))  # how the body was found
    word_count: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    # The input whose parse is the current version (no FK: inputs also point at articles).
    input_id: Mapped[int | None] = mapped_column(Integer)

    source: Mapped[SourceRow | None] = relationship(lazy="joined")
    authors: Mapped[list[ArticleAuthorRow]] = relationship(
        order_by="ArticleAuthorRow.position", cascade="all, delete-orphan", lazy="selectin"
    )
    languages: Mapped[list[ArticleLanguageRow]] = relationship(
        order_by="ArticleLanguageRow.position", cascade="all, delete-orphan", lazy="selectin"
    )
    input: Mapped[InputRow | None] = relationship(
        primaryjoin="foreign(ArticleRow.input_id) == InputRow.id", lazy="joined", viewonly=True
    )


class ArticleAuthorRow(Base):
    __tablename__ = "article_authors"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(100))
    dateline: Mapped[str | None] = mapped_column(String(100))

    author: Mapped[AuthorRow] = relationship(lazy="joined")


class ArticleLanguageRow(Base):
    """A language tag of an article: "content" (present in its text) or "translation" (linked)."""

    __tablename__ = "article_languages"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    relation: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    tag: Mapped[str] = mapped_column(String(20))


class InputRow(Base):
    """The original bytes of every input that went in, whatever became of them."""

    __tablename__ = "inputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    encoding: Mapped[str | None] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    # A page out of a web archive or browser save (migration 0007): path names the container.
    container: Mapped[str | None] = mapped_column(String(10))
    record: Mapped[str | None] = mapped_column(Text)
    captured_at: Mapped[str | None] = mapped_column(String(40))
    # A record read back from an export (migration 0009): data is the record, not the original.
    imported: Mapped[bool | None] = mapped_column(Boolean)


class InputCopyRow(Base):
    """Another place an input's very bytes were read from (migration 0010): a web archive or
    browser save whose record an earlier input already stored. The bytes are kept once; this
    says that the container holds them too (`list --container`, `info`)."""

    __tablename__ = "input_copies"

    id: Mapped[int] = mapped_column(primary_key=True)
    input_id: Mapped[int] = mapped_column(ForeignKey("inputs.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(Text)  # the container, as inputs.path names one
    container: Mapped[str] = mapped_column(String(10))
    record: Mapped[str | None] = mapped_column(Text)
    captured_at: Mapped[str | None] = mapped_column(String(40))
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class ArticleVersionRow(Base):
    """An earlier edition of an article, kept whole when a newer one replaces it."""

    __tablename__ = "article_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    record: Mapped[str] = mapped_column(Text)  # the record's JSON as it stood
    superseded_at: Mapped[datetime] = mapped_column(DateTime)
