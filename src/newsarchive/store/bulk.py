"""Many articles in one transaction: the path ingest takes.

New articles (the common case) are written with executemany statements; an input seen before, an
article already stored from other bytes, or a possible new edition of a stored article goes
through Archive's careful one-by-one path, in the same transaction. Either the whole batch is
stored or none of it is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..errors import ArchiveError
from ..record import Article, Author, Source, clean_article
from .engine import db_reason
from .models import (
    ArticleRow,
    AuthorRow,
    Base,
    InputRow,
)

if TYPE_CHECKING:
    from .archive import Archive, Outcome

_TABLES = Base.metadata.tables


class BulkWriter:
    """Writes batches for one archive, remembering source and author ids between batches."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._sources: dict[tuple[str | None, str], int] = {}
        self._authors: dict[tuple[str, str], int] = {}

    def add_many(self, items: Sequence[tuple[Article, bytes]]) -> list[Outcome]:
        items = [(clean_article(article), data) for article, data in items]
        try:
            with self.archive._write_session() as s, s.begin():
                return self._add_many(s, items)
        except OperationalError as exc:
            self._sources.clear()  # the transaction rolled back: cached ids may be gone
            self._authors.clear()
            raise ArchiveError(f"cannot write to the archive: {db_reason(exc)}") from exc

    def _add_many(self, s: Session, items: Sequence[tuple[Article, bytes]]) -> list[Outcome]:
        from .archive import Outcome, _now

        now = _now()
        input_shas = [a.input.sha256 for a, _ in items]
        content_shas = [a.sha256 for a, _ in items]
        seen_inputs = dict(
            s.execute(
                select(InputRow.sha256, InputRow.article_id).where(InputRow.sha256.in_(input_shas))
            ).all()
        )
        seen_content = set(
            s.scalars(
                select(ArticleRow.content_sha256).where(ArticleRow.content_sha256.in_(content_shas))
            ).all()
        )
        urls = [a.url for a, _ in items if a.url]
        known_urls = (
            set(s.scalars(select(ArticleRow.url).where(ArticleRow.url.in_(urls))))
            if urls
            else set()
        )
        # A stored article of the same source and headline may be an earlier edition. Asked
        # by (source, headline) pairs, which the (source_id, headline) index answers; by
        # headline alone SQLite would scan the whole index for every batch.
        sources = [self._source_id(s, a.source) for a, _ in items]
        by_source: dict[int | None, set[str]] = {}
        for sid, (a, _) in zip(sources, items, strict=True):
            if a.headline:
                by_source.setdefault(sid, set()).add(a.headline)
        known_heads: set[tuple[int | None, str]] = set()
        for sid, wanted in by_source.items():
            same_source = ArticleRow.source_id == sid if sid else ArticleRow.source_id.is_(None)
            headlines = sorted(wanted)
            for start in range(0, len(headlines), 500):
                known_heads.update(
                    (sid, headline)
                    for headline in s.scalars(
                        select(ArticleRow.headline).where(
                            same_source, ArticleRow.headline.in_(headlines[start : start + 500])
                        )
                    )
                )

        outcomes: list[Outcome | None] = [None] * len(items)
        fresh: list[int] = []
        batch_inputs: set[str] = set()
        batch_content: set[str] = set()
        batch_urls: set[str] = set()
        batch_heads: set[tuple[int | None, str]] = set()
        for i, (article, _data) in enumerate(items):
            sha = article.input.sha256
            if sha in seen_inputs:
                outcomes[i] = Outcome("unchanged", seen_inputs[sha] or 0)
                continue
            head = (sources[i], article.headline)
            careful = (
                sha in batch_inputs
                or article.sha256 in seen_content
                or article.sha256 in batch_content
                or (article.url is not None and article.url in known_urls)
                or (article.url is not None and article.url in batch_urls)
                or head in known_heads
                or head in batch_heads
            )
            batch_inputs.add(sha)
            batch_content.add(article.sha256)
            if article.url:
                batch_urls.add(article.url)
            batch_heads.add(head)
            if not careful:
                fresh.append(i)
        if fresh:
            ids = self._insert_articles(s, [items[i] for i in fresh], now)
            for i, article_id in zip(fresh, ids, strict=True):
                outcomes[i] = Outcome("added", article_id)
        # Duplicates and possible editions, one by one, after the batch's new articles.
        for i, (article, data) in enumerate(items):
            if outcomes[i] is None:
                outcomes[i] = self.archive._add(s, article, data)
        return [o for o in outcomes if o is not None]

    def _insert_articles(
        self, s: Session, batch: list[tuple[Article, bytes]], now: datetime
    ) -> list[int]:
        from .archive import _utc_key as utc_key

        rows = [
            {
                "source_id": self._source_id(s, a.source),
                "url": a.url,
                "headline": a.headline,
                "subheadline": a.subheadline,
                "posted_at": a.posted_at,
                "posted_utc": utc_key(a.posted_at),
                "updated_at": a.updated_at,
                "byline": a.byline,
                "emails": json.dumps(a.emails),
                "body": a.body,
                "language": a.language,
                "extraction": a.extraction,
                "word_count": a.word_count,
                "content_sha256": a.sha256,
                "version": 1,
                "ingested_at": now,
            }
            for a, _ in batch
        ]
        # Core statements on the tables: the ORM's bulk path costs more than SQLite's own work.
        articles, inputs = _TABLES["articles"], _TABLES["inputs"]
        ids = self._insert(s, articles, rows)
        input_ids = self._insert(
            s,
            inputs,
            [
                {
                    "sha256": a.input.sha256,
                    "path": a.input.path,
                    "format": a.input.format,
                    "encoding": a.input.encoding,
                    "size": len(data),
                    "data": data,
                    "ingested_at": now,
                    "article_id": article_id,
                }
                for (a, data), article_id in zip(batch, ids, strict=True)
            ],
        )
        s.execute(
            update(articles).where(articles.c.id == bindparam("article")),
            [{"article": a, "input_id": i} for a, i in zip(ids, input_ids, strict=True)],
        )
        self._resolve_authors(s, [author for a, _ in batch for author in a.authors])
        links = [
            {
                "article_id": article_id,
                "position": position,
                "author_id": self._authors[(author.name, author.email or "")],
                "role": author.role,
                "dateline": author.dateline,
            }
            for (a, _), article_id in zip(batch, ids, strict=True)
            for position, author in enumerate(a.authors)
        ]
        if links:
            s.execute(insert(_TABLES["article_authors"]), links)
        tags = [
            {"article_id": article_id, "relation": relation, "position": position, "tag": tag}
            for (a, _), article_id in zip(batch, ids, strict=True)
            for position, (relation, tag) in enumerate(
                [("content", t) for t in a.languages] + [("translation", t) for t in a.translations]
            )
        ]
        if tags:
            s.execute(insert(_TABLES["article_languages"]), tags)
        return ids

    def _insert(self, s: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows and return their ids, in order.

        On SQLite the batch holds the write lock (BEGIN IMMEDIATE), so ids can be given out from
        the current maximum and the rows sent in one executemany; RETURNING would make SQLite
        take them one statement at a time. Other engines return the ids themselves.
        """
        if s.get_bind().dialect.name == "sqlite":
            start = (s.scalar(select(func.max(table.c.id))) or 0) + 1
            ids = list(range(start, start + len(rows)))
            s.execute(insert(table), [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
            return ids
        return list(
            s.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        )

    def _source_id(self, s: Session, source: Source | None) -> int | None:
        if source is None:
            return None
        key = (source.domain, source.name if source.domain is None else "")
        if key not in self._sources:
            row = self.archive._source_row(s, source)
            assert row is not None
            self._sources[key] = row.id
        return self._sources[key]

    def _resolve_authors(self, s: Session, authors: list[Author]) -> None:
        """Ids for every author of a batch: one query for the known, one insert for the new."""
        wanted = {(a.name, a.email or "") for a in authors} - self._authors.keys()
        if not wanted:
            return
        # By name, which the (name, email) index answers (a row-value IN would scan the table),
        # then the pairs wanted among what came back.
        names = sorted({name for name, _ in wanted})
        for start in range(0, len(names), 500):
            for row in s.execute(
                select(AuthorRow.id, AuthorRow.name, AuthorRow.email).where(
                    AuthorRow.name.in_(names[start : start + 500])
                )
            ):
                if (row.name, row.email) in wanted:
                    self._authors[(row.name, row.email)] = row.id
        missing = sorted(wanted - self._authors.keys())
        if missing:
            ids = self._insert(
                s, _TABLES["authors"], [{"name": name, "email": email} for name, email in missing]
            )
            self._authors.update(zip(missing, ids, strict=True))
