"""The Archive: records in, records out, search. The one storage API the CLI and users call."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, func, make_url, select, text
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import ArchiveError, NotFound
from ..record import Article, Author, InputInfo, Source, clean_article
from .check import CheckReport, check_archive
from .engine import (
    NO_ARCHIVE_HINT,
    REPAIR_HINT,
    WRITER,
    db_reason,
    make_engine,
    resolve_url,
    sqlite_file,
    sqlite_read_url,
)
from .models import (
    ArticleAuthorRow,
    ArticleLanguageRow,
    ArticleRow,
    ArticleVersionRow,
    AuthorRow,
    InputRow,
    SourceRow,
)
from .schema import HEAD_REVISION, REVISIONS, current_revision, ensure_current, upgrade
from .search import SearchHit, SearchOptions, run_search

Status = Literal["added", "unchanged", "updated"]
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL


@dataclass(frozen=True)
class Outcome:
    status: Status
    article_id: int


def _utc_key(iso: str | None) -> datetime | None:
    """A sortable UTC instant for an ISO string; a bare day counts from its midnight."""
    if not iso:
        return None
    try:
        if len(iso) == 10:
            return datetime.combine(date.fromisoformat(iso), datetime.min.time())
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _iso_utc(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


EditionKey = tuple[bool, datetime]


def _edition_key(edition: Article | ArticleRow | dict[str, Any]) -> EditionKey:
    """Which of two editions of an article is the later: by updated time, else posted time
    (as UTC instants); an edition with neither counts as older than one with a time. Equal
    keys fall to arrival order (the caller's)."""
    if isinstance(edition, dict):
        updated, posted = edition.get("updated_at"), edition.get("posted_at")
    else:
        updated, posted = edition.updated_at, edition.posted_at
    moment = _utc_key(updated) or _utc_key(posted)
    return (moment is not None, moment or datetime.min)


def _read_only_engine(path: Path) -> Engine:
    """An engine that reads a SQLite file without writing to it. A WAL reader needs a
    shared-memory file beside the archive; where none can be made (a read-only folder or mount),
    the file is read as immutable: no one can be writing it there."""
    engine = make_engine(sqlite_read_url(path), readonly=True)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
        return engine
    except DBAPIError:  # not a database at all is said when the schema is read
        engine.dispose()
    return make_engine(sqlite_read_url(path, immutable=True), readonly=True)


class Archive:
    """An archive on SQLite (a path) or another engine (an SQLAlchemy URL)."""

    def __init__(
        self,
        url: str,
        *,
        check_schema: bool = True,
        create: bool = True,
        readonly: bool = False,
    ) -> None:
        """Open the archive, creating it when `create` (never when `readonly`); with
        check_schema, refuse one of another schema and a database that is not an archive.
        `readonly` opens a SQLite file without writing to it, so that an archive on a
        read-only file or mount can be read."""
        self.url = url
        create = create and not readonly
        path = sqlite_file(url)
        if path is not None and not path.is_file():
            if not create:
                raise ArchiveError(f"no archive at {path}{NO_ARCHIVE_HINT}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ArchiveError(f"cannot create the archive at {path}: {exc}") from exc
        self.engine: Engine = (
            _read_only_engine(path) if readonly and path is not None else make_engine(url)
        )
        try:
            if check_schema:
                ensure_current(self.engine, create=create, where=self._where)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise ArchiveError(
                f"cannot open the archive at {self._where}: {db_reason(exc)}"
            ) from exc
        except ArchiveError:
            self.engine.dispose()
            raise

    @property
    def _where(self) -> str:
        """The archive as its user named it: a file's path, else the URL without password."""
        url = make_url(self.url)
        if url.get_backend_name() == "sqlite" and url.database:
            return url.database
        return url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        """The engine's name: "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    def upgrade(self) -> tuple[str | None, str]:
        """Bring the archive to the current schema: (the revision it had, the one it has)."""
        try:
            with self.engine.connect() as conn:
                before = current_revision(conn)
            if before is not None and before not in REVISIONS:
                raise ArchiveError(
                    f"the archive at {self._where} has schema {before}, newer than this "
                    f"newsarchive knows ({HEAD_REVISION}): upgrade newsarchive"
                )
            upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise ArchiveError(
                f"cannot upgrade the archive at {self._where}: {db_reason(exc)}"
            ) from exc
        return before, HEAD_REVISION

    @classmethod
    def open(
        cls,
        db: str | None = None,
        *,
        check_schema: bool = True,
        create: bool = True,
        readonly: bool = False,
    ) -> Archive:
        """The archive a --db value names (a path or URL; None: NEWSARCHIVE_DB, else the
        default file)."""
        return cls(resolve_url(db), check_schema=check_schema, create=create, readonly=readonly)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def _write_session(self) -> Session:
        # Writers take the lock at BEGIN, so two ingests queue instead of deadlocking.
        return Session(self.engine.execution_options(**{WRITER: True}), expire_on_commit=False)

    # -- writing ---------------------------------------------------------------------------

    def add(self, article: Article, data: bytes) -> Outcome:
        """Store an article with its input's bytes: added, unchanged (seen) or updated (edition)."""
        article = clean_article(article)
        try:
            with self._write_session() as s, s.begin():
                return self._add(s, article, data)
        except OperationalError as exc:
            raise ArchiveError(f"cannot write to the archive: {db_reason(exc)}") from exc

    def _add(self, s: Session, article: Article, data: bytes) -> Outcome:
        now = _now()
        seen = s.scalar(select(InputRow).where(InputRow.sha256 == article.input.sha256))
        if seen is not None:
            return Outcome("unchanged", seen.article_id or 0)

        def keep_input(article_id: int) -> InputRow:
            row = InputRow(
                sha256=article.input.sha256,
                path=article.input.path,
                format=article.input.format,
                encoding=article.input.encoding,
                size=len(data),
                data=data,
                ingested_at=now,
                article_id=article_id,
            )
            s.add(row)
            s.flush()
            return row

        same = s.scalar(
            select(ArticleRow).where(ArticleRow.content_sha256 == article.sha256).limit(1)
        )
        if same is not None:
            keep_input(same.id)
            return Outcome("unchanged", same.id)

        source = self._source_row(s, article.source)
        earlier = self._earlier_edition(s, article, source)
        if earlier is not None and _edition_key(article) < _edition_key(earlier):
            # An older edition arriving late: kept as a version, the current record stays.
            record = {**article.to_dict(), "id": earlier.id, "ingested_at": _iso_utc(now)}
            self._keep_version(s, earlier, record, now)
            keep_input(earlier.id)
            return Outcome("updated", earlier.id)
        if earlier is not None:
            self._keep_version(s, earlier, self._to_article(earlier).to_dict(), now)
            row = earlier
            row.authors.clear()
            row.languages.clear()
            s.flush()
            status: Status = "updated"
        else:
            row = ArticleRow(version=1)
            status = "added"
        row.source_id = source.id if source else None
        row.url = article.url
        row.headline = article.headline
        row.subheadline = article.subheadline
        row.posted_at = article.posted_at
        row.posted_utc = _utc_key(article.posted_at)
        row.updated_at = article.updated_at
        row.byline = article.byline
        row.emails = json.dumps(article.emails)
        row.body = article.body
        row.language = article.language
        row.extraction = article.extraction
        row.word_count = article.word_count
        row.content_sha256 = article.sha256
        row.ingested_at = now
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
        row.input_id = keep_input(row.id).id
        s.flush()
        return Outcome(status, row.id)

    def _keep_version(
        self, s: Session, current: ArticleRow, record: dict[str, Any], now: datetime
    ) -> None:
        """Keep an edition that is not (or no longer) the current record. The versions are
        numbered oldest first, 1 to n - 1; the current record is version n."""
        s.add(
            ArticleVersionRow(
                article_id=current.id,
                version=0,
                record=json.dumps(record, ensure_ascii=False),
                superseded_at=now,
            )
        )
        s.flush()
        rows = s.scalars(
            select(ArticleVersionRow)
            .where(ArticleVersionRow.article_id == current.id)
            .order_by(ArticleVersionRow.id)
        ).all()
        # Arrival order breaks ties: sorted() is stable over rows listed by id.
        ordered = sorted(rows, key=lambda r: _edition_key(json.loads(r.record)))
        for number, version in enumerate(ordered, start=1):
            version.version = number
        current.version = len(ordered) + 1

    def _earlier_edition(
        self, s: Session, article: Article, source: SourceRow | None
    ) -> ArticleRow | None:
        """The same article from the same source: same URL, or same headline and posting time
        (without a known source, both must be printed and equal)."""
        source_id = source.id if source else None
        if article.url:
            found = s.scalar(
                select(ArticleRow)
                .where(ArticleRow.url == article.url, ArticleRow.source_id == source_id)
                .limit(1)
            )
            if found is not None:
                return found
        if not article.headline:
            return None
        same_source = (
            ArticleRow.source_id == source_id if source_id else ArticleRow.source_id.is_(None)
        )
        for candidate in s.scalars(
            select(ArticleRow)
            .where(same_source, ArticleRow.headline == article.headline)
            .order_by(ArticleRow.id)
        ):
            if article.posted_at and candidate.posted_at == article.posted_at:
                return candidate
            # Of a known source, an edition without a posting time matches one with.
            if source_id and (candidate.posted_at is None or article.posted_at is None):
                return candidate
        return None

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

    # -- reading ---------------------------------------------------------------------------

    def _to_article(self, row: ArticleRow) -> Article:
        source = Source(row.source.name, row.source.domain) if row.source else None
        content = [lang.tag for lang in row.languages if lang.relation == "content"]
        translations = [lang.tag for lang in row.languages if lang.relation == "translation"]
        authors = [
            Author(link.author.name, link.author.email or None, link.role, link.dateline)
            for link in row.authors
        ]
        emails = json.loads(row.emails or "[]")
        inp = row.input
        info = (
            InputInfo(inp.path, inp.format, inp.encoding, inp.sha256, inp.size)
            if inp
            else InputInfo("", "", None, "")
        )
        return Article(
            id=row.id,
            headline=row.headline,
            subheadline=row.subheadline,
            body=row.body,
            input=info,
            url=row.url,
            source=source,
            posted_at=row.posted_at,
            updated_at=row.updated_at,
            byline=row.byline,
            authors=authors,
            emails=emails,
            language=row.language,
            extraction=row.extraction,
            languages=content,
            translations=translations,
            ingested_at=_iso_utc(row.ingested_at),
        )

    def get(self, article_id: int) -> Article:
        if not 0 < article_id <= MAX_ID:
            raise NotFound(article_id)  # no engine holds it; some cannot even be asked
        with self._session() as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                raise NotFound(article_id)
            return self._to_article(row)

    def recent(self, limit: int = 20) -> list[Article]:
        """Newest first: by posting time, then by when they were stored."""
        with self._session() as s:
            rows = s.scalars(
                select(ArticleRow)
                .order_by(
                    ArticleRow.posted_utc.is_(None),
                    ArticleRow.posted_utc.desc(),
                    ArticleRow.id.desc(),
                )
                .limit(limit)
            ).all()
            return [self._to_article(r) for r in rows]

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Earlier editions of an article, oldest first, as the records they were."""
        with self._session() as s:
            rows = s.scalars(
                select(ArticleVersionRow)
                .where(ArticleVersionRow.article_id == article_id)
                .order_by(ArticleVersionRow.version)
            ).all()
            return [json.loads(r.record) for r in rows]

    def search(self, options: SearchOptions | str, limit: int = 20) -> list[SearchHit]:
        """Ranked, filtered results; a plain string searches with the default options."""
        if isinstance(options, str):
            options = SearchOptions(query=options, limit=limit)
        with self.engine.connect() as conn:

            def execute(sql: str, params: dict[str, Any]) -> list[Any]:
                return list(conn.execute(text(sql), params).all())

            try:
                return run_search(execute, conn.dialect.name, options)
            except DBAPIError as exc:
                # The query language quotes every term: an engine error here is the archive's
                # (its search index missing, say), not the query's.
                raise ArchiveError(
                    f"the search could not run: {db_reason(exc)}{REPAIR_HINT}"
                ) from exc

    def counts(self) -> dict[str, int]:
        with self._session() as s:
            return {
                "articles": s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                "sources": s.scalar(select(func.count()).select_from(SourceRow)) or 0,
                "authors": s.scalar(select(func.count()).select_from(AuthorRow)) or 0,
                "inputs": s.scalar(select(func.count()).select_from(InputRow)) or 0,
                "versions": s.scalar(select(func.count()).select_from(ArticleVersionRow)) or 0,
            }

    def info(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            revision = current_revision(conn)
        url = make_url(self.url)
        return {
            "url": url.render_as_string(hide_password=True),
            "path": url.database if url.get_backend_name() == "sqlite" else None,
            "engine": self.engine.dialect.name,
            "schema_version": revision,
            "schema_current": revision == HEAD_REVISION,
            **self.counts(),
        }

    def check(self, repair: bool = False) -> CheckReport:
        """Verify the archive (integrity, index in step, originals matching their hashes);
        with repair, rebuild what is derived from the tables."""
        return check_archive(self.engine, repair=repair)

    def input_bytes(self, article_id: int) -> Iterator[tuple[InputInfo, bytes]]:
        """The original bytes of every input that went into an article."""
        with self._session() as s:
            for row in s.scalars(select(InputRow).where(InputRow.article_id == article_id)):
                yield InputInfo(row.path, row.format, row.encoding, row.sha256, row.size), row.data
