"""The one write path: articles with their original bytes into the archive, in transactions of
one (Archive.add) or many (ingest).

New articles (the common case) are written with executemany statements; an input seen before, an
article already stored from other bytes, or a possible new edition of a stored article goes
through the careful one-by-one path below, in the same transaction. Either the whole batch is
stored or none of it is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Table, bindparam, case, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from ..errors import ArchiveError
from ..parse.sources import url_variants
from ..record import Article, Author, InputInfo, Source, clean_article
from .engine import WRITER, db_reason
from .models import (
    ArticleAuthorRow,
    ArticleLanguageRow,
    ArticleRow,
    ArticleVersionRow,
    AuthorRow,
    Base,
    InputRow,
    SourceRow,
)
from .rows import MAX_ID, article_from_row, edition_key, iso_utc, same_edition, utc_key
from .rows import now as _now

if TYPE_CHECKING:
    from .archive import Archive

_TABLES = Base.metadata.tables
_CACHED = 50_000  # author ids kept between batches, at most
# "earlier": an older edition arriving after its article's record, kept as a version.
Status = Literal["added", "unchanged", "updated", "earlier"]


# An imported record's earlier editions, oldest first, each with the bytes it is kept by.
Versions = Sequence[tuple[Article, bytes]]


@dataclass(frozen=True)
class Outcome:
    status: Status
    article_id: int
    seen: bool = False  # unchanged because these very bytes are stored (not only their text)
    # Added, though a stored record of another outlet has the same text: that record's id.
    twin: int | None = None


@dataclass(frozen=True)
class Deleted:
    article_id: int
    headline: str
    originals: int  # the original inputs deleted with it


def _forget(s: Session) -> None:
    """Delete the authors and sources no record names: a deleted record takes its people's
    names and emails with it, and those of its earlier editions (an update that named other
    authors left them unnamed). A writer elsewhere that remembers one's id looks it up again
    before using it (Writer._check_authors, Writer._source_id)."""
    authors, sources = _TABLES["authors"], _TABLES["sources"]
    links, articles = _TABLES["article_authors"], _TABLES["articles"]
    named = select(links.c.author_id).where(links.c.author_id == authors.c.id).exists()
    s.execute(delete(authors).where(~named))
    given = select(articles.c.id).where(articles.c.source_id == sources.c.id).exists()
    s.execute(delete(sources).where(~given))


def _article_values(article: Article, source_id: int | None, now: datetime) -> dict[str, Any]:
    """An article's columns, as both write paths store them (the version number aside)."""
    return {
        "source_id": source_id,
        "url": article.url,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "posted_at": article.posted_at,
        "posted_utc": utc_key(article.posted_at),
        "updated_at": article.updated_at,
        "byline": article.byline,
        "emails": json.dumps(article.emails),
        "body": article.body,
        "language": article.language,
        "extraction": article.extraction,
        "word_count": article.word_count,
        "content_sha256": article.sha256,
        # An imported record keeps the time it first entered an archive.
        "ingested_at": (utc_key(article.ingested_at) if article.input.imported else None) or now,
    }


def _input_values(
    article: Article, data: bytes, now: datetime, article_id: int | None
) -> dict[str, Any]:
    """The columns of an article's input, with its original bytes."""
    info = article.input
    return {
        "sha256": info.sha256,
        "path": info.path,
        "format": info.format,
        "encoding": info.encoding,
        "size": len(data),
        "data": data,
        "ingested_at": now,
        "article_id": article_id,
        "container": info.container,
        "record": info.record,
        "captured_at": info.captured_at,
        "imported": info.imported or None,
    }


def _copy_values(input_id: int, copy: InputInfo, now: datetime) -> dict[str, Any]:
    """The columns of a container's copy of stored bytes."""
    return {
        "input_id": input_id,
        "path": copy.path,
        "container": copy.container,
        "record": copy.record,
        "captured_at": copy.captured_at,
        "ingested_at": now,
    }


def _new_article_ids(s: Session, n: int) -> list[int]:
    """Ids for n new articles of a SQLite archive (whose write lock the batch holds): past the
    highest any article had, as the file's user_version keeps it, so that a deleted record's
    id is never given to another (PostgreSQL's sequences never give one twice)."""
    articles = _TABLES["articles"]
    given = int(s.execute(text("PRAGMA user_version")).scalar() or 0)
    start = max(given, s.scalar(select(func.max(articles.c.id))) or 0) + 1
    s.execute(text(f"PRAGMA user_version = {int(start + n - 1)}"))
    return list(range(start, start + n))


_OPENING_CHARS = 200


# Stored articles of one source and headline compared with a new one, newest first: a standing
# headline ("Letters to the editor") gathers one a day, and each costs a comparison of bodies.
_SAME_HEADLINE_CANDIDATES = 50


def _shared_paragraphs(one: str, other: str) -> float:
    """The share of the shorter body's paragraphs that the other prints too: an edition
    under a new headline keeps most of its text; two articles that open alike (a standing
    note, an editor's line) do not."""
    mine, theirs = one.split("\n\n"), set(other.split("\n\n"))
    if len(mine) > len(theirs):
        mine, theirs = other.split("\n\n"), set(one.split("\n\n"))
    return sum(1 for p in mine if p in theirs) / max(1, len(mine))


def _opening(body: str) -> str:
    """A body's first paragraph, to its first 200 characters."""
    return body[:_OPENING_CHARS].split("\n\n", 1)[0]


def _opened(article: Article, source_id: int | None) -> tuple[int | None, datetime, str] | None:
    """What makes a stored article an edition of this one under another headline: its source,
    its posting time (a time, not a day alone: a source posts many articles a day) and its
    opening, when that is long enough to tell articles apart (80 characters)."""
    if not article.posted_at or len(article.posted_at) <= 10:
        return None
    moment = utc_key(article.posted_at)
    opening = _opening(article.body)
    if moment is None or len(opening) < 80:
        return None
    return source_id, moment, opening


def _restamped(stored: ArticleRow, article: Article) -> bool:
    """Whether an article with a stored one's text is another edition of it: the same
    source, an update time on one side at least, and another edition time (either may come
    first: the result is the same)."""
    if article.updated_at is None and stored.updated_at is None:
        return False
    if same_edition(article, stored):
        return False
    known = stored.source
    mine = article.source
    if known is None or mine is None:
        return known is None and mine is None and bool(article.headline)
    if known.domain or mine.domain:
        return known.domain == mine.domain
    return known.name == mine.name


def _other_publisher(stored: ArticleRow, article: Article) -> bool:
    """Whether the two are told apart as outlets: the same text run by two (a wire story, a
    syndicated column) is two publications, each its own record. Told by registered domain
    where both have one (a site's mobile or regional host is the site), by name where
    neither has; a capture that names its site only, beside one with an address, is not
    told apart (it may well be that site's page)."""
    known, mine = stored.source, article.source
    if known is None or mine is None:
        return False
    if known.domain and mine.domain:
        return known.domain != mine.domain
    if not known.domain and not mine.domain:
        return known.name != mine.name
    return False


class Writer:
    """Writes to one archive, remembering source and author ids between transactions."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._sources: dict[tuple[str | None, str], int] = {}
        self._named: set[str] = set()  # domains whose source row has its name
        self._authors: dict[tuple[str, str], int] = {}
        self._sources_checked: set[tuple[str | None, str]] = set()  # this transaction's

    def add_many(
        self, items: Sequence[tuple[Article, bytes]], versions: Sequence[Versions] | None = None
    ) -> list[Outcome]:
        """Store articles with their inputs' bytes, in one transaction. `versions`, one list per
        item (an imported record's earlier editions, oldest first), are kept as that item's
        article's versions: attached to it, not matched like new inputs."""
        items = [(clean_article(article), data) for article, data in items]
        cached = bool(self._sources or self._authors)
        try:
            return self._add_many_once(items, versions)
        except IntegrityError:
            if not cached:
                raise
            # An id remembered from an earlier transaction may be gone: another writer
            # deleted the last record naming that author or source (see _forget). The caches
            # are empty now; once more, with every id looked up anew.
            return self._add_many_once(items, versions)

    def _add_many_once(
        self, items: list[tuple[Article, bytes]], versions: Sequence[Versions] | None
    ) -> list[Outcome]:
        engine = self.archive.engine
        self._sources_checked.clear()
        try:
            # Writers take the lock at BEGIN, so two ingests queue instead of deadlocking.
            session = Session(engine.execution_options(**{WRITER: True}), expire_on_commit=False)
            with session as s, s.begin():
                carrying = {i for i, kept in enumerate(versions or []) if kept}
                outcomes = self._add_many(s, items, carrying)
                for i, kept in enumerate(versions or []):
                    new = bool(kept) and self._keep_versions(s, outcomes[i].article_id, kept)
                    if new and outcomes[i].status == "unchanged":
                        outcomes[i] = Outcome("updated", outcomes[i].article_id)
                return outcomes
        except BaseException as exc:
            self._sources.clear()  # the transaction rolled back: cached ids may be gone
            self._named.clear()
            self._authors.clear()
            if isinstance(exc, OperationalError):
                raise ArchiveError(f"cannot write to the archive: {db_reason(exc)}") from exc
            raise

    def delete(self, article_ids: Sequence[int]) -> list[Deleted]:
        """Delete records with everything kept for them: their versions, their originals (and
        the note of every copy of those), and the authors (names and emails) and sources no
        record names any more (_forget), in one transaction. Ids the archive does not hold
        are passed over (the result names those it deleted)."""
        engine = self.archive.engine.execution_options(**{WRITER: True})
        inputs = _TABLES["inputs"]
        done: list[Deleted] = []
        try:
            with Session(engine) as s, s.begin():
                for article_id in dict.fromkeys(article_ids):
                    row = s.get(ArticleRow, article_id) if 0 < article_id <= MAX_ID else None
                    if row is None:
                        continue
                    own = inputs.c.article_id == article_id
                    if row.input_id is not None:  # the record's own, should it be apart
                        own = own | (inputs.c.id == row.input_id)
                    kept = len(s.execute(delete(inputs).where(own).returning(inputs.c.id)).all())
                    done.append(Deleted(article_id, row.headline, kept))
                    s.delete(row)
                if done:
                    s.flush()
                    try:
                        with s.begin_nested():
                            _forget(s)
                    except IntegrityError:
                        pass  # one is named meanwhile by a record another writer stored: kept
        except OperationalError as exc:
            raise ArchiveError(f"cannot write to the archive: {db_reason(exc)}") from exc
        finally:
            self._sources.clear()
            self._named.clear()
            self._authors.clear()
        return done

    def add_copies(self, copies: Sequence[InputInfo]) -> int:
        """Note the containers that hold bytes stored already (see _note_copies), in one
        transaction. Returns how many were new."""
        if not any(c.container is not None for c in copies):
            return 0
        engine = self.archive.engine.execution_options(**{WRITER: True})
        try:
            with Session(engine) as s, s.begin():
                return self._note_copies(s, copies, _now())
        except OperationalError as exc:
            raise ArchiveError(f"cannot write to the archive: {db_reason(exc)}") from exc

    def _note_copies(self, s: Session, copies: Sequence[InputInfo], now: datetime) -> int:
        """Note that web archives or browser saves hold bytes stored already: each copy
        names the bytes by their sha256, and the container and record it was read from.
        Copies of bytes not stored, of a loose file, and those noted before (the stored
        input's own container and record, or a copy's, told by file name: the same crawl
        given by another path) change nothing. Returns how many were new."""
        copies = [c for c in copies if c.container is not None]
        if not copies:
            return 0
        s.flush()  # inputs of this transaction are looked up too

        def key(input_id: int, path: str, record: str | None) -> tuple[int, str, str | None]:
            return input_id, path.rsplit("/", 1)[-1], record

        stored = {
            str(sha): (int(input_id), str(path), record)
            for sha, input_id, path, record in self._lookup(
                s,
                "SELECT sha256, id, path, record FROM inputs WHERE sha256 IN ({})",
                sorted({c.sha256 for c in copies}),
            )
        }
        noted = {key(*row) for row in stored.values()}
        noted |= {
            key(int(input_id), str(path), record)
            for input_id, path, record in self._lookup(
                s,
                "SELECT input_id, path, record FROM input_copies WHERE input_id IN ({})",
                sorted({input_id for input_id, _, _ in stored.values()}),
            )
        }
        rows = []
        for copy in copies:
            if copy.sha256 not in stored:
                continue
            input_id = stored[copy.sha256][0]
            if key(input_id, copy.path, copy.record) in noted:
                continue
            noted.add(key(input_id, copy.path, copy.record))
            rows.append(_copy_values(input_id, copy, now))
        if rows:
            s.execute(insert(_TABLES["input_copies"]), rows)
        return len(rows)

    def add_each(
        self, items: Sequence[tuple[Article, bytes]], versions: Sequence[Versions] | None = None
    ) -> list[Outcome | Exception]:
        """add_many, but one record the database refuses does not take the batch with it: the
        batch is then stored record by record (each with its versions, whole or not at all),
        and each refused one's error stands in its place. An ArchiveError (the archive cannot
        be written at all) still raises."""
        try:
            return list(self.add_many(items, versions))
        except ArchiveError:
            raise
        except Exception:
            results: list[Outcome | Exception] = []
            for i, item in enumerate(items):
                try:
                    results.extend(self.add_many([item], [versions[i]] if versions else None))
                except ArchiveError:
                    raise
                except Exception as exc:
                    results.append(exc)
            return results

    def _keep_versions(self, s: Session, article_id: int, kept: Versions) -> bool:
        """Keep an imported record's earlier editions as its article's versions, each with its
        input (its record's JSON); one whose input the archive holds already is there (an
        import of the same export again). Whether any was new. In bulk statements: an export
        of a large archive may carry many."""
        now = _now()
        shas = [article.input.sha256 for article, _ in kept]
        stored = {
            str(r[0])
            for r in self._lookup(s, "SELECT sha256 FROM inputs WHERE sha256 IN ({})", shas)
        }
        articles = _TABLES["articles"]
        inputs_table = _TABLES["inputs"]
        current = s.execute(
            select(
                articles.c.updated_at,
                articles.c.posted_at,
                articles.c.content_sha256,
                articles.c.ingested_at,
                inputs_table.c.captured_at,
            )
            .select_from(articles.outerjoin(inputs_table, inputs_table.c.id == articles.c.input_id))
            .where(articles.c.id == article_id)
        ).one_or_none()
        if current is None:
            return False
        current_record = dict(current._mapping)
        current_key = edition_key(current_record)
        inputs, records, newer = [], [], []
        for article, data in kept:
            if article.input.sha256 in stored:
                continue
            stored.add(article.input.sha256)
            edition = clean_article(article)
            key = edition_key(edition)
            if key > current_key:
                newer.append((edition, data))  # later than the record it came with: below
                continue
            inputs.append(_input_values(edition, data, now, article_id))
            if same_edition(edition, current_record) and edition.sha256 == current.content_sha256:
                continue  # the record itself, from other bytes: its input is kept, no version
            records.append(json.dumps({**edition.to_dict(), "id": article_id}, ensure_ascii=False))
        if inputs:
            s.execute(insert(_TABLES["inputs"]), inputs)
        if records:
            self._attach_versions(s, article_id, records, now)
        # A version later than its record (an export made by hand, say) is this article's
        # record, the record it came with kept as a version: the latest is the record. (Its
        # source, when it names none, is the article's.)
        for edition, data in sorted(newer, key=lambda item: edition_key(item[0])):
            row = s.get(ArticleRow, article_id)
            assert row is not None
            source = self._source_row(s, edition.source) if edition.source else row.source
            self._store_edition(s, edition, data, source, row, now)
        return bool(inputs or newer)

    def _attach_versions(
        self,
        s: Session,
        article_id: int,
        records: list[str],
        now: datetime,
    ) -> None:
        """Insert versions of an article and number all of its versions again: oldest first,
        1 to n - 1; the current record is version n."""
        versions = _TABLES["article_versions"]
        earlier = s.execute(
            select(versions.c.id, versions.c.record)
            .where(versions.c.article_id == article_id)
            .order_by(versions.c.id)
        ).all()
        # Oldest first, arrival breaking ties (sorted() is stable): those stored, then these.
        listed: list[tuple[int | None, str]] = [(r.id, r.record) for r in earlier]
        listed += [(None, record) for record in records]
        ordered = sorted(listed, key=lambda item: edition_key(json.loads(item[1])))
        new_rows = []
        for number, (version_id, record) in enumerate(ordered, start=1):
            if version_id is None:
                new_rows.append(
                    {"article_id": article_id, "version": number, "record": record,
                     "superseded_at": now}
                )  # fmt: skip
            else:
                s.execute(
                    update(versions).where(versions.c.id == version_id).values(version=number)
                )
        s.execute(insert(versions), new_rows)
        articles = _TABLES["articles"]
        s.execute(
            update(articles).where(articles.c.id == article_id).values(version=len(ordered) + 1)
        )
        # The article and its versions as this session holds them (an edition of the same
        # batch loaded them) are stale now: read again when next asked for.
        held_keys: list[Any] = [identity_key(ArticleRow, article_id)]
        held_keys += [identity_key(ArticleVersionRow, r.id) for r in earlier]
        for key in held_keys:
            if (held := s.identity_map.get(key)) is not None:
                s.expire(held)

    def _add_many(
        self, s: Session, items: Sequence[tuple[Article, bytes]], carrying: set[int] | None = None
    ) -> list[Outcome]:
        """The batch's articles stored; `carrying`, the items that bring their versions (see
        _add_one's `merge_same`)."""
        now = _now()
        items_are_records = all(a.input.imported for a, _ in items)
        input_shas = [a.input.sha256 for a, _ in items]
        content_shas = [a.sha256 for a, _ in items]
        seen_inputs: dict[str, int | None] = {}
        imported: set[str] = set()  # described by an imported record, its bytes not yet kept
        for sha, article_id, was_imported in self._lookup(
            s, "SELECT sha256, article_id, imported FROM inputs WHERE sha256 IN ({})", input_shas
        ):
            if was_imported and not items_are_records:
                imported.add(str(sha))
            else:
                seen_inputs[str(sha)] = article_id
        seen_content = {
            str(row[0])
            for row in self._lookup(
                s,
                "SELECT content_sha256 FROM articles WHERE content_sha256 IN ({})",
                content_shas,
            )
        }
        # Each address as it may be stored: http or https, with "www." or without.
        variants = [url_variants(a.url) if a.url else [] for a, _ in items]
        urls = [v for forms in variants for v in forms]
        known_urls = {
            str(row[0])
            for row in self._lookup(s, "SELECT url FROM articles WHERE url IN ({})", urls)
        }
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
            same_source = f"source_id = {int(sid)}" if sid else "source_id IS NULL"
            known_heads.update(
                (sid, str(row[0]))
                for row in self._lookup(
                    s,
                    f"SELECT headline FROM articles WHERE {same_source} AND headline IN ({{}})",
                    sorted(wanted),
                )
            )

        known_openings = self._known_openings(s, items)

        outcomes: list[Outcome | None] = [None] * len(items)
        copies: list[InputInfo] = []  # containers' records whose bytes are stored already
        fresh: list[int] = []
        batch_inputs: set[str] = set()
        batch_content: set[str] = set()
        batch_urls: set[str] = set()
        batch_heads: set[tuple[int | None, str]] = set()
        batch_openings: set[tuple[int | None, datetime, str]] = set()
        for i, (article, _data) in enumerate(items):
            sha = article.input.sha256
            if sha in seen_inputs:
                outcomes[i] = Outcome("unchanged", seen_inputs[sha] or 0, seen=True)
                if article.input.container is not None:
                    copies.append(article.input)
                continue
            head = (sources[i], article.headline)
            opened = _opened(article, sources[i])
            careful = (
                sha in imported
                or sha in batch_inputs
                or article.sha256 in seen_content
                or article.sha256 in batch_content
                or any(v in known_urls or v in batch_urls for v in variants[i])
                or head in known_heads
                or head in batch_heads
                or (opened is not None and (opened in known_openings or opened in batch_openings))
            )
            batch_inputs.add(sha)
            batch_content.add(article.sha256)
            batch_urls.update(variants[i])
            batch_heads.add(head)
            if opened is not None:
                batch_openings.add(opened)
            if not careful:
                fresh.append(i)
        if fresh:
            ids = self._insert_articles(s, [items[i] for i in fresh], now)
            for i, article_id in zip(fresh, ids, strict=True):
                outcomes[i] = Outcome("added", article_id)
        self._note_copies(s, copies, now)
        # Duplicates and possible editions, one by one, after the batch's new articles.
        for i, (article, data) in enumerate(items):
            if outcomes[i] is None:
                outcomes[i] = self._add_one(s, article, data, i not in (carrying or ()))
        return [o for o in outcomes if o is not None]

    def _add_one(
        self, s: Session, article: Article, data: bytes, merge_same: bool = True
    ) -> Outcome:
        """Store one article that may be a duplicate or an edition of a stored one. With
        `merge_same`, an article whose text a stored one has is that one; without (a record
        that brings its versions, which must land on its own article), only where it is the
        same edition of the same source."""
        now = _now()
        seen = s.scalar(select(InputRow).where(InputRow.sha256 == article.input.sha256))
        if seen is not None and seen.imported and not article.input.imported:
            # The original of a record imported before: its bytes are kept now.
            seen.data, seen.size, seen.imported = data, len(data), None
            return Outcome("unchanged", seen.article_id or 0)
        if seen is not None:
            self._note_copies(s, [article.input], now)
            return Outcome("unchanged", seen.article_id or 0, seen=True)
        same_text = select(ArticleRow).where(ArticleRow.content_sha256 == article.sha256)
        source = self._source_row(s, article.source)
        same = twin = None
        if merge_same:
            # This source's record of the text first (of many outlets', it may be far down).
            mine = ArticleRow.source_id == source.id if source else ArticleRow.source_id.is_(None)
            first = case((mine, 0), else_=1)  # never NULL: engines order NULL differently
            alike = list(s.scalars(same_text.order_by(first, ArticleRow.id).limit(20)))
            same = next((row for row in alike if not _other_publisher(row, article)), None)
            twin = alike[0].id if alike and same is None else None
        if same is not None:
            if _restamped(same, article):
                # The same text under another update time: an edition of its own.
                return self._store_edition(s, article, data, same.source, same, now)
            self._keep_input(s, article, data, now, same.id)
            return Outcome("unchanged", same.id)
        if not merge_same:
            source_id = source.id if source else None
            for same in s.scalars(same_text.limit(20)):
                if same.source_id == source_id and same_edition(same, article):
                    self._keep_input(s, article, data, now, same.id)  # this edition, other bytes
                    return Outcome("unchanged", same.id)
        earlier = self._earlier_edition(s, article, source)
        if (
            earlier is not None
            and earlier.content_sha256 == article.sha256
            and same_edition(article, earlier)
        ):
            self._keep_input(s, article, data, now, earlier.id)  # the same edition, other bytes
            return Outcome("unchanged", earlier.id)
        stored = self._store_edition(s, article, data, source, earlier, now)
        if twin is not None and stored.status == "added":
            return Outcome("added", stored.article_id, twin=twin)
        return stored

    def _keep_input(
        self, s: Session, article: Article, data: bytes, now: datetime, article_id: int
    ) -> InputRow:
        row = InputRow(**_input_values(article, data, now, article_id))
        s.add(row)
        s.flush()
        return row

    def _store_edition(
        self,
        s: Session,
        article: Article,
        data: bytes,
        source: SourceRow | None,
        earlier: ArticleRow | None,
        now: datetime,
    ) -> Outcome:
        """Store an article as a new one, or as an edition of `earlier`: below its record when
        older, else as its record (the record it replaces kept as a version)."""
        if earlier is not None and self._holds_version(s, earlier.id, article):
            # An edition kept already as a version (saved again, from other bytes): only its
            # input is new. Whatever its arrival time says, it does not become the record.
            self._keep_input(s, article, data, now, earlier.id)
            return Outcome("unchanged", earlier.id)
        if earlier is not None and edition_key(article) < edition_key(earlier):
            # An older edition arriving late: kept as a version, the current record stays.
            when = article.ingested_at if article.input.imported else None
            record = {**article.to_dict(), "id": earlier.id, "ingested_at": when or iso_utc(now)}
            self._keep_version(s, earlier, record, now)
            self._keep_input(s, article, data, now, earlier.id)
            return Outcome("earlier", earlier.id)
        if earlier is not None:
            self._keep_version(s, earlier, article_from_row(earlier).to_dict(), now)
            row = earlier
            row.authors.clear()
            row.languages.clear()
            s.flush()
            status: Status = "updated"
        else:
            row = ArticleRow(version=1)
            if s.get_bind().dialect.name == "sqlite":
                row.id = _new_article_ids(s, 1)[0]
            status = "added"
        for column, value in _article_values(article, source.id if source else None, now).items():
            setattr(row, column, value)
        if status == "added":
            s.add(row)
        s.flush()
        for position, author in enumerate(article.authors):
            row.authors.append(
                ArticleAuthorRow(
                    position=position,
                    author_id=self._author_row(s, author).id,
                    role=author.role,
                    dateline=author.dateline,
                )
            )
        tags = [("content", t) for t in article.languages]
        tags += [("translation", t) for t in article.translations]
        for position, (relation, tag) in enumerate(tags):
            row.languages.append(ArticleLanguageRow(relation=relation, position=position, tag=tag))
        row.input_id = self._keep_input(s, article, data, now, row.id).id
        s.flush()
        # Set by their ids: what the row's relationships held is stale now, and a later
        # edition of the same batch reads them (article_from_row) to keep this one.
        s.expire(row, ["source", "input"])
        return Outcome(status, row.id)

    def _holds_version(self, s: Session, article_id: int, article: Article) -> bool:
        """Whether the article keeps this edition (its text and edition time) as a version."""
        versions = _TABLES["article_versions"]
        # Only the versions whose record holds this text's hash are decoded (a live blog keeps
        # hundreds; each new edition would read them all).
        for (record,) in s.execute(
            select(versions.c.record).where(
                versions.c.article_id == article_id,
                versions.c.record.contains(article.sha256, autoescape=True),
            )
        ):
            kept = json.loads(record)
            if kept.get("sha256") == article.sha256 and same_edition(kept, article):
                return True
        return False

    def _keep_version(
        self, s: Session, current: ArticleRow, record: dict[str, Any], now: datetime
    ) -> None:
        """Keep an edition that is not (or no longer) the current record."""
        s.flush()  # the statements below read and number what the session has written
        self._attach_versions(s, current.id, [json.dumps(record, ensure_ascii=False)], now)

    def _earlier_edition(
        self, s: Session, article: Article, source: SourceRow | None
    ) -> ArticleRow | None:
        """The same article from the same source: same URL, or same headline and posting time
        (without a known source, both must be printed and equal)."""
        source_id = source.id if source else None
        if article.url:
            # However it was saved: http or https, with "www." or without; the address is
            # the page's whatever source it was filed under (a platform's site was filed under
            # the platform before newsarchive knew it).
            found = s.scalar(
                select(ArticleRow)
                .where(ArticleRow.url.in_(url_variants(article.url)))
                .order_by(case((ArticleRow.source_id == source_id, 0), else_=1), ArticleRow.id)
                .limit(1)
            )
            if found is not None:
                return found
        if not article.headline:
            return None
        same_source = (
            ArticleRow.source_id == source_id if source_id else ArticleRow.source_id.is_(None)
        )
        posted = article.posted_at
        for candidate in s.scalars(
            select(ArticleRow)
            .where(same_source, ArticleRow.headline == article.headline)
            .order_by(ArticleRow.id.desc())
            .limit(_SAME_HEADLINE_CANDIDATES)
        ):
            # The same instant, whatever offset each edition gives it in.
            same_time = bool(posted) and utc_key(candidate.posted_at) == utc_key(posted)
            # Of a known source, an edition without a posting time matches one with.
            undated = bool(source_id) and (candidate.posted_at is None or posted is None)
            if not (same_time or undated):
                continue
            # A printed minute is an instant, enough on its own; a day alone or no time at all
            # is not (a standing headline, "Letters to the editor", returns every day), nor is
            # a page at another address (the same headline and minute for two cities; the
            # same article's mobile or AMP copy): there, the edition must also keep half its
            # paragraphs or more. (An address of the same form matched above already.)
            timed = same_time and "T" in (posted or "") and "T" in (candidate.posted_at or "")
            elsewhere = bool(candidate.url and article.url)
            if timed and not elsewhere:
                return candidate
            if _shared_paragraphs(candidate.body, article.body) >= 0.5:
                return candidate
        return self._retitled(s, article, same_source)

    def _retitled(self, s: Session, article: Article, same_source: Any) -> ArticleRow | None:
        """An edition under a new headline: the same source, posting time and opening (see
        _opened), no other address, and half its paragraphs or more in common."""
        opened = _opened(article, None)
        if opened is None:
            return None
        _, moment, opening = opened
        for candidate in s.scalars(
            select(ArticleRow)
            .where(same_source, ArticleRow.posted_utc == moment)
            .order_by(ArticleRow.id)
            .limit(20)
        ):
            if _opening(candidate.body) != opening:
                continue
            if candidate.url and article.url and candidate.url not in url_variants(article.url):
                continue  # two pages: their addresses say so
            if _shared_paragraphs(candidate.body, article.body) >= 0.5:
                return candidate
        return None

    def _known_openings(
        self, s: Session, items: Sequence[tuple[Article, bytes]]
    ) -> set[tuple[int | None, datetime, str]]:
        """The (source, posting time, opening) of stored articles posted when a batch's are
        (see _opened): a batch's article that shares them may be an edition under a new
        headline."""
        moments = sorted({opened[1] for a, _ in items if (opened := _opened(a, None)) is not None})
        articles = _TABLES["articles"]
        found: set[tuple[int | None, datetime, str]] = set()
        for start in range(0, len(moments), 500):
            for sid, moment, head in s.execute(
                select(
                    articles.c.source_id,
                    articles.c.posted_utc,
                    func.substr(articles.c.body, 1, _OPENING_CHARS),
                ).where(articles.c.posted_utc.in_(moments[start : start + 500]))
            ):
                found.add((sid, moment, _opening(head)))
        return found

    def _source_row(self, s: Session, source: Source | None) -> SourceRow | None:
        if source is None:
            return None
        query = select(SourceRow).where(
            SourceRow.domain == source.domain
            if source.domain
            else (SourceRow.name == source.name) & SourceRow.domain.is_(None)
        )
        row = s.scalar(query)
        if row is None:
            row = SourceRow(name=source.name, domain=source.domain)
            s.add(row)
            s.flush()
        elif row.name == row.domain and source.name != source.domain:
            row.name = source.name  # a site known by its domain alone, now named by a page
        return row

    def _author_row(self, s: Session, author: Author) -> AuthorRow:
        email = author.email or ""
        row = s.scalar(
            select(AuthorRow).where(AuthorRow.name == author.name, AuthorRow.email == email)
        )
        if row is None:
            row = AuthorRow(name=author.name, email=email)
            s.add(row)
            s.flush()
        return row

    @staticmethod
    def _lookup(s: Session, sql: str, values: Sequence[str | int]) -> list[Any]:
        """Rows of `sql` (its IN list written as {}) for every value, asked 500 at a time.
        Through the driver: SQLAlchemy would compile a statement with a bound name for every
        value of every batch, which costs more than the lookup."""
        mark = "?" if s.get_bind().dialect.paramstyle == "qmark" else "%s"
        conn = s.connection()
        rows: list[Any] = []
        for start in range(0, len(values), 500):
            chunk = tuple(values[start : start + 500])
            statement = sql.format(", ".join([mark] * len(chunk)))
            rows.extend(conn.exec_driver_sql(statement, chunk).all())
        return rows

    def _insert_articles(
        self, s: Session, batch: list[tuple[Article, bytes]], now: datetime
    ) -> list[int]:
        rows = [
            {**_article_values(a, self._source_id(s, a.source), now), "version": 1}
            for a, _ in batch
        ]
        # Core statements on the tables: the ORM's bulk path costs more than SQLite's own work.
        articles, inputs = _TABLES["articles"], _TABLES["inputs"]
        ids = self._insert(s, articles, rows)
        input_ids = self._insert(
            s,
            inputs,
            [
                _input_values(a, data, now, article_id)
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
            if table.name == "articles":
                ids = _new_article_ids(s, len(rows))
            else:
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
        if key in self._sources and key not in self._sources_checked:
            # Remembered from an earlier transaction: still this source's row? A delete
            # elsewhere may have taken it, and SQLite may have given its id to another.
            row = s.get(SourceRow, self._sources[key])
            if row is None or (row.domain, row.name if row.domain is None else "") != key:
                del self._sources[key]
            self._sources_checked.add(key)
        # A site first met by its domain alone (a page that does not name it) takes the
        # name a later page gives it: the row is asked again until it has one.
        named = source.domain is not None and source.name != source.domain
        if key not in self._sources or (named and source.domain not in self._named):
            row = self._source_row(s, source)
            assert row is not None
            self._sources[key] = row.id
            if row.domain is not None and row.name != row.domain:
                self._named.add(row.domain)
        return self._sources[key]

    def _check_authors(self, s: Session, keys: set[tuple[str, str]]) -> None:
        """Forget the remembered ids of these authors that are no longer theirs: a delete
        elsewhere may have taken the row (_forget), and SQLite may have given its id to
        another author since. One query a batch, by primary key."""
        remembered = {key: self._authors[key] for key in keys if key in self._authors}
        present = {
            int(author_id): (str(name), str(email))
            for author_id, name, email in self._lookup(
                s,
                "SELECT id, name, email FROM authors WHERE id IN ({})",
                sorted(set(remembered.values())),
            )
        }
        for key, author_id in remembered.items():
            if present.get(author_id) != key:
                del self._authors[key]

    def _resolve_authors(self, s: Session, authors: list[Author]) -> None:
        """Ids for every author of a batch: one query for the known, one insert for the new."""
        if len(self._authors) > _CACHED:  # memory flat however many authors an archive has
            self._authors.clear()
        self._check_authors(s, {(a.name, a.email or "") for a in authors})
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
