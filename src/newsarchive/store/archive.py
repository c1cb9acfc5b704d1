"""The Archive: records in, records out, search. The one storage API the CLI and users call."""

from __future__ import annotations

import json
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Integer, column, func, make_url, select, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, aliased, defer

from ..errors import ArchiveError, NotFound, QueryError
from ..record import Article, InputInfo
from ..timeline import By, Timeline, count
from .check import CheckReport, check_archive
from .engine import (
    NO_ARCHIVE_HINT,
    REPAIR_HINT,
    archive_files_check,
    db_reason,
    make_engine,
    resolve_url,
    sqlite_file,
    sqlite_read_url,
)
from .models import (
    ArticleRow,
    ArticleVersionRow,
    AuthorRow,
    InputCopyRow,
    InputRow,
    SourceRow,
)
from .rows import MAX_ID, article_from_row, input_info
from .schema import HEAD_REVISION, REVISIONS, current_revision, ensure_current, upgrade
from .search import (
    NEWEST_FIRST,
    PG_SEARCH_SETTINGS,
    Hits,
    SearchOptions,
    matching_ids,
    pyformat,
    run_search,
)
from .writer import Deleted, Outcome, Writer

__all__ = ["MAX_ID", "Archive", "Outcome"]


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
        older_schema_ok: bool = False,
    ) -> None:
        """Open the archive, creating it when `create` (never when `readonly`); with
        check_schema, refuse one of another schema (an older one too, unless
        `older_schema_ok`: to describe it, not to write) and a database that is not an archive.
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
                ensure_current(
                    self.engine, create=create, where=self._where, older_ok=older_schema_ok
                )
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
        older_schema_ok: bool = False,
    ) -> Archive:
        """The archive a --db value names (a path or URL; None: NEWSARCHIVE_DB, else the
        default file)."""
        return cls(
            resolve_url(db),
            check_schema=check_schema,
            create=create,
            readonly=readonly,
            older_schema_ok=older_schema_ok,
        )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _searching(self) -> Iterator[Connection]:
        """A connection for a search's statements, with the planner settings they run with
        (PG_SEARCH_PLANNER, local: they end with the connection's transaction), all set in
        one round trip."""
        with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # Through the driver, like the statements (see _executor); statements run
                # through SQLAlchemy afterwards join the same transaction.
                driver = conn.connection.driver_connection
                assert driver is not None
                try:
                    driver.execute(PG_SEARCH_SETTINGS)
                except conn.dialect.loaded_dbapi.Error as exc:  # the driver's, unwrapped
                    raise ArchiveError(f"the search could not run: {db_reason(exc)}") from exc
            yield conn

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def writer(self) -> Writer:
        """A writer for this archive: many articles a transaction, as ingest writes them."""
        return Writer(self)

    # -- writing ---------------------------------------------------------------------------

    def add(self, article: Article, data: bytes) -> Outcome:
        """Store an article with its input's bytes: added, unchanged (seen), updated (a later
        edition, now the record) or earlier (an older edition, kept as a version)."""
        return self.writer().add_many([(article, data)])[0]

    def delete(self, article_ids: Sequence[int]) -> list[Deleted]:
        """Delete records, with their versions and originals (see Writer.delete)."""
        return self.writer().delete(article_ids)

    # -- reading ---------------------------------------------------------------------------

    def get(self, article_id: int) -> Article:
        with self._session() as s:
            return article_from_row(_article_row(s, article_id))

    def recent(
        self,
        limit: int = 20,
        container: str | None = None,
        offset: int = 0,
        filters: SearchOptions | None = None,
    ) -> list[Article]:
        """Newest first: by posting time, then by when they were stored. With `container`, only
        the articles read out of that web archive or browser save (its path as given to
        ingest, or its file name); with `filters`, only those a search's filters keep (its
        query too, unless `every`)."""
        a = aliased(ArticleRow, name="a")  # the alias NEWEST_FIRST names its columns by
        query = select(a)
        if filters is not None:
            filters.check()
            sql, params = matching_ids(self.dialect, filters)
            kept = text(sql).bindparams(**params).columns(column("id", Integer))
            query = query.where(a.id.in_(select(kept.subquery().c.id)))
        with self._session() as s:
            if container is not None:
                paths = self._container_paths(s, container)
                pages = select(InputRow.article_id).where(
                    InputRow.container.is_not(None), InputRow.path.in_(paths)
                )
                copies = (
                    select(InputRow.article_id)
                    .join(InputCopyRow, InputCopyRow.input_id == InputRow.id)
                    .where(InputCopyRow.path.in_(paths))
                )
                query = query.where(a.id.in_(pages.union(copies)))
            rows = s.scalars(query.order_by(text(NEWEST_FIRST)).offset(offset).limit(limit)).all()
            return [article_from_row(r) for r in rows]

    def holds_container(self, given: str) -> bool:
        """Whether any record was read out of the web archive or browser save `given` names
        (as list --container takes it)."""
        with self._session() as s:
            return bool(self._container_paths(s, given))

    @staticmethod
    def _container_paths(s: Session, given: str) -> list[str]:
        """The stored paths of the container `given` names: the one ingested by that path (or
        by another path to the same file from here), else the one of its file name (ingest may
        have been run from another folder); two of that name in different folders are
        ambiguous."""
        name = given.rstrip("/")
        base = name.rsplit("/", 1)[-1]
        kept = select(InputRow.path).where(
            InputRow.container.is_not(None),
            (InputRow.path == base) | InputRow.path.endswith("/" + base, autoescape=True),
        )
        noted = select(InputCopyRow.path).where(
            (InputCopyRow.path == base) | InputCopyRow.path.endswith("/" + base, autoescape=True)
        )
        stored = sorted(set(s.scalars(kept.union(noted)).all()))
        # LIKE ignores case on SQLite: the file name must be the same, letter for letter.
        stored = [path for path in stored if path.rsplit("/", 1)[-1] == base]
        here = os.path.realpath(name)
        exact = [path for path in stored if path == name or os.path.realpath(path) == here]
        if exact or len(stored) <= 1:
            return exact or stored
        listed = ", ".join(sorted(stored))
        raise QueryError(f"{given} names {len(stored)} web archives ({listed}): give its path")

    def holds_file(self, name: str | os.PathLike[str]) -> bool:
        """Whether a path names one of the archive's own files (writing it would wreck it)."""
        return archive_files_check(self.url)(name)

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Earlier editions of an article, oldest first, as the records they were."""
        return self.versions_of([article_id]).get(article_id, [])

    def versions_of(self, article_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        """Earlier editions of several articles at once, oldest first (articles without any
        are left out): what an export asks for each batch of records."""
        found: dict[int, list[dict[str, Any]]] = {}
        if not article_ids:
            return found
        with self._session() as s:
            rows = s.scalars(
                select(ArticleVersionRow)
                .where(ArticleVersionRow.article_id.in_(list(article_ids)))
                .order_by(ArticleVersionRow.article_id, ArticleVersionRow.version)
            ).all()
            for row in rows:
                found.setdefault(row.article_id, []).append(json.loads(row.record))
        return found

    def search(self, options: SearchOptions | str, limit: int = 20) -> Hits:
        """Ranked, filtered results; a plain string searches with the default options."""
        if isinstance(options, str):
            options = SearchOptions(query=options, limit=limit)
        with self._searching() as conn:
            execute = _executor(conn)
            try:
                return run_search(execute, conn.dialect.name, options)
            except (DBAPIError, conn.dialect.loaded_dbapi.Error) as exc:
                # The query language quotes every term: an engine error here is the archive's
                # (its search index missing, say), not the query's.
                raise ArchiveError(
                    f"the search could not run: {db_reason(exc)}{REPAIR_HINT}"
                ) from exc

    def count_records(self, options: SearchOptions | None = None) -> int:
        """How many records iter_records gives."""
        if options is None:
            return self.counts()["articles"]
        options.check()
        ids, params = matching_ids(self.dialect, options)
        with self._searching() as conn:
            return int(
                conn.execute(text(f"SELECT count(*) FROM ({ids}) AS m"), params).scalar_one()
            )

    def iter_records(
        self, options: SearchOptions | None = None, batch: int = 1000
    ) -> Iterator[Article]:
        """Every record (or those a search matches, filters applied), in id order, a batch of
        rows at a time: memory stays flat whatever the archive's size."""
        from sqlalchemy.orm import selectinload

        from .models import ArticleAuthorRow

        # A search's matches are found once (8 bytes an id: 8 MB a million), not once a batch.
        matched: array[int] | None = None
        if options is not None:
            options.check()
            sql, params = matching_ids(self.dialect, options)
            with self._searching() as conn:
                matched = array(
                    "q", sorted(int(i) for i in conn.execute(text(sql), params).scalars())
                )
        last, taken = 0, 0
        while True:
            if matched is not None:
                wanted = list(matched[taken : taken + batch])
                taken += len(wanted)
            else:
                with self.engine.connect() as conn:
                    wanted = [
                        int(i)
                        for i in conn.execute(
                            text("SELECT id FROM articles WHERE id > :last ORDER BY id LIMIT :n"),
                            {"last": last, "n": batch},
                        ).scalars()
                    ]
            if not wanted:
                return
            with self._session() as s:
                rows = s.scalars(
                    select(ArticleRow)
                    .where(ArticleRow.id.in_(wanted))
                    .order_by(ArticleRow.id)
                    .options(
                        selectinload(ArticleRow.source),
                        selectinload(ArticleRow.input),
                        selectinload(ArticleRow.languages),
                        selectinload(ArticleRow.authors).selectinload(ArticleAuthorRow.author),
                    )
                ).all()
                articles = [article_from_row(row) for row in rows]
            yield from articles
            last = wanted[-1]

    def timeline(self, options: SearchOptions, by: By, by_source: bool = False) -> Timeline:
        """Articles a search matches (filters applied) per period, in the publisher's time."""
        options.check()
        ids, params = matching_ids(self.dialect, options)
        sql = (
            "SELECT a.posted_at, s.name FROM articles AS a"
            f" LEFT JOIN sources AS s ON s.id = a.source_id WHERE a.id IN ({ids})"
        )
        with self._searching() as conn:
            try:
                rows = conn.execute(text(sql), params)
                counted = count(((r[0], r[1]) for r in rows), by, by_source)
            except DBAPIError as exc:
                raise ArchiveError(
                    f"the search could not run: {db_reason(exc)}{REPAIR_HINT}"
                ) from exc
        # A window of whole days, both ends given (the publisher's days, as the periods are):
        # its periods are shown, so that timelines of two queries line up.
        if options.since_day and options.until_day:
            counted.since = options.since_day.isoformat()
            counted.until = options.until_day.isoformat()
        return counted

    def counts(self) -> dict[str, int]:
        with self._session() as s:
            return {
                "articles": s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                "sources": s.scalar(select(func.count()).select_from(SourceRow)) or 0,
                "authors": s.scalar(select(func.count()).select_from(AuthorRow)) or 0,
                "inputs": s.scalar(select(func.count()).select_from(InputRow)) or 0,
                "versions": s.scalar(select(func.count()).select_from(ArticleVersionRow)) or 0,
                # Web archives and browser saves read, and the records kept out of them (those
                # whose bytes another container's record brought in first among them).
                "containers": s.scalar(
                    select(func.count()).select_from(
                        select(InputRow.path)
                        .where(InputRow.container.is_not(None))
                        .union(select(InputCopyRow.path))
                        .subquery()
                    )
                )
                or 0,
                "container_records": (
                    s.scalar(
                        select(func.count())
                        .select_from(InputRow)
                        .where(InputRow.container.is_not(None))
                    )
                    or 0
                )
                + (s.scalar(select(func.count()).select_from(InputCopyRow)) or 0),
            }

    def info(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            revision = current_revision(conn)
        url = make_url(self.url)
        current = revision == HEAD_REVISION
        return {
            "url": url.render_as_string(hide_password=True),
            "path": url.database if url.get_backend_name() == "sqlite" else None,
            "engine": self.engine.dialect.name,
            "schema_version": revision,
            "schema_current": current,
            **(self.counts() if current else self._first_counts()),
        }

    def _first_counts(self) -> dict[str, int | None]:
        """The counts of an archive of an earlier schema: of the tables every schema has (the
        others, None, wait for `db upgrade`)."""
        tables = {name: name for name in ("articles", "sources", "authors", "inputs")}
        tables["versions"] = "article_versions"
        with self.engine.connect() as conn:
            counts: dict[str, int | None] = {
                key: int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for key, table in tables.items()
            }
        return {**counts, "containers": None, "container_records": None}

    def check(self, repair: bool = False) -> CheckReport:
        """Verify the archive (integrity, index in step, originals matching their hashes);
        with repair, rebuild what is derived from the tables."""
        return check_archive(self.engine, repair=repair)

    def original(self, article_id: int, sha256: str | None = None) -> tuple[InputInfo, bytes]:
        """The original bytes the record was parsed from, or (with `sha256`, a hash or its
        start) another of the originals it keeps: a copy saved again, an earlier edition's.
        For an imported record whose original never came in, the record as it was read
        (`InputInfo.imported` says so)."""
        with self._session() as s:
            row = _article_row(s, article_id)
            if sha256 is None:
                found = s.get(InputRow, row.input_id) if row.input_id is not None else None
            else:
                wanted = sha256.lower()
                kept = s.scalars(
                    select(InputRow).where(
                        InputRow.article_id == article_id,
                        InputRow.sha256.startswith(wanted, autoescape=True),
                    )
                ).all()
                if len(kept) > 1:
                    raise QueryError(f"{sha256} begins {len(kept)} originals' hashes: give more")
                if not kept:
                    raise QueryError(
                        f"record {article_id} keeps no original whose hash begins {sha256}"
                        f" (show {article_id} --inputs lists them)"
                    )
                found = kept[0]
            if found is None:
                raise NotFound(article_id)
            return input_info(found), found.data

    def originals(self, article_id: int) -> list[InputInfo]:
        """Every original the record keeps (the one it was parsed from, copies saved again,
        earlier editions'), in the order they came in."""
        with self._session() as s:
            _article_row(s, article_id)
            rows = s.scalars(
                select(InputRow)
                .where(InputRow.article_id == article_id)
                .order_by(InputRow.id)
                .options(defer(InputRow.data))  # described, not read: they may be large
            ).all()
            return [input_info(row) for row in rows]

    def input_bytes(self, article_id: int) -> Iterator[tuple[InputInfo, bytes]]:
        """The original bytes of every input that went into an article."""
        with self._session() as s:
            for row in s.scalars(select(InputRow).where(InputRow.article_id == article_id)):
                yield input_info(row), row.data


def _article_row(s: Session, article_id: int) -> ArticleRow:
    """The record's row; NotFound when there is none (an id out of range is not asked: no
    engine holds it, and some cannot even be asked)."""
    row = s.get(ArticleRow, article_id) if 0 < article_id <= MAX_ID else None
    if row is None:
        raise NotFound(article_id)
    return row


def _executor(conn: Connection) -> Callable[[str, dict[str, Any]], list[Any]]:
    """Run a search's statements on `conn`, through the driver's own connection: they are plain
    SQL with :named parameters, which sqlite3 binds itself (psycopg once they are spelled its
    way), and SQLAlchemy's compiling and result objects cost a few tenths of a millisecond a
    statement."""
    driver = conn.connection.driver_connection
    if conn.dialect.name == "sqlite":
        assert isinstance(driver, sqlite3.Connection)
        return lambda sql, params: driver.execute(sql, params).fetchall()
    assert driver is not None
    return lambda sql, params: list(driver.execute(pyformat(sql), params).fetchall())
