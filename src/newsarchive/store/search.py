"""Search: options, results, and the ranked, filtered statement for each engine: FTS5 on
SQLite, tsvector and ts_rank on PostgreSQL.

Relevance weighs the headline above the byline above the body (bm25 on SQLite, ts_rank on
PostgreSQL). Filters and orders run inside the same statement; snippets are made for the rows
returned only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import Connection, text

from ..errors import QueryError
from ..record import Source
from . import query as q
from .fts import WEIGHTS
from .snippets import make_snippet

Sort = Literal["relevance", "newest", "oldest"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class SearchOptions:
    """What to search for and how: one object rather than a pile of keyword arguments."""

    query: str
    limit: int = 20
    offset: int = 0
    since: datetime | None = None  # UTC, inclusive
    until: datetime | None = None  # UTC, exclusive
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    sort: Sort = "relevance"

    def check(self) -> None:
        if self.limit < 1:
            raise QueryError("--limit must be at least 1")
        if self.offset < 0:
            raise QueryError("--offset must not be negative")
        if self.sort not in SORTS:
            raise QueryError(f"--sort must be one of {', '.join(SORTS)}")
        if self.since and self.until and self.since >= self.until:
            raise QueryError("--since must be before --until")


@dataclass(frozen=True)
class SearchHit:
    id: int
    headline: str
    posted_at: str | None
    source: Source | None
    score: float
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "posted_at": self.posted_at,
            "source": self.source.to_dict() if self.source else None,
            "score": self.score,
            "snippet": self.snippet,
        }


def parse_when(value: str, *, end: bool = False) -> datetime:
    """A --since/--until value: a date (the whole day) or a datetime, as naive UTC."""
    raw = value.strip()
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            moment = datetime.combine(day, datetime.min.time())
            if end:
                moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
            return moment
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise QueryError(f"not a date or datetime: {value!r} (use YYYY-MM-DD[THH:MM])") from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filters(options: SearchOptions, params: dict[str, Any]) -> list[str]:
    where: list[str] = []
    if options.since:
        where.append("a.posted_utc >= :since")
        params["since"] = options.since
    if options.until:
        where.append("a.posted_utc <= :until")
        params["until"] = options.until
    if options.languages:
        names = []
        for i, lang in enumerate(options.languages):
            params[f"lang{i}"] = lang.lower().split("-")[0]
            names.append(f":lang{i}")
        where.append(f"a.language IN ({', '.join(names)})")
    if options.sources:
        clauses = []
        for i, source in enumerate(options.sources):
            params[f"src{i}"] = _like(source)
            clauses.append(
                f"lower(s.name) LIKE :src{i} ESCAPE '\\'"
                f" OR lower(s.domain) LIKE :src{i} ESCAPE '\\'"
            )
        where.append("(" + " OR ".join(clauses) + ")")
    if options.authors:
        clauses = []
        for i, author in enumerate(options.authors):
            params[f"au{i}"] = _like(author)
            clauses.append(f"lower(au.name) LIKE :au{i} ESCAPE '\\'")
        where.append(
            "a.id IN (SELECT aa.article_id FROM article_authors AS aa JOIN authors AS au"
            " ON au.id = aa.author_id WHERE " + " OR ".join(clauses) + ")"
        )
    return where


_ORDER = {
    "newest": "a.posted_utc IS NULL, a.posted_utc DESC, a.id DESC",
    "oldest": "a.posted_utc IS NULL, a.posted_utc ASC, a.id ASC",
}
_COLUMNS = (
    "a.id AS id, a.headline AS headline, a.posted_at AS posted_at,"
    " s.name AS source_name, s.domain AS source_domain"
)
# ts_rank's weights for D, C, B, A: the body (C), the byline (B), the headline (A), in the ratio
# of FTS5's bm25 weights; normalisation 1 divides by 1 + log(length), as bm25 favours short texts.
_PG_WEIGHTS = "{0, " + ", ".join(f"{w / max(WEIGHTS):g}" for w in reversed(WEIGHTS)) + "}"


def _ranked_sqlite(
    conn: Connection, options: SearchOptions, query: q.Query, column: str | None, count: int
) -> list[Any]:
    params: dict[str, Any] = {"match": q.to_fts5(query, column=column), "limit": count}
    where = ["articles_fts MATCH :match", *_filters(options, params)]
    weights = ", ".join(str(w) for w in WEIGHTS)
    order = "score, a.id" if options.sort == "relevance" else _ORDER[options.sort]
    return list(
        conn.execute(
            text(
                f"SELECT {_COLUMNS}, bm25(articles_fts, {weights}) AS score"
                f" FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid"
                f" LEFT JOIN sources AS s ON s.id = a.source_id"
                f" WHERE {' AND '.join(where)}"
                f" ORDER BY {order} LIMIT :limit"
            ),
            params,
        ).all()
    )


def _ranked_postgresql(
    conn: Connection, options: SearchOptions, query: q.Query, column: str | None, count: int
) -> list[Any]:
    params: dict[str, Any] = {"tsquery": q.to_tsquery(query), "limit": count}
    where = ["a.search_vector @@ to_tsquery('simple', :tsquery)", *_filters(options, params)]
    if column == "headline":
        # The headline's own indexed vector finds the few articles whose headline matches;
        # the weighted vector then checks exclusions and ranks them.
        params["headline"] = q.to_tsquery(query, exclusions=False)
        where.insert(0, "a.headline_vector @@ to_tsquery('simple', :headline)")
    order = "score DESC, a.id" if options.sort == "relevance" else _ORDER[options.sort]
    rank = f"ts_rank('{_PG_WEIGHTS}', a.search_vector, to_tsquery('simple', :tsquery), 1)"
    return list(
        conn.execute(
            text(
                f"SELECT {_COLUMNS}, {rank} AS score"
                f" FROM articles AS a LEFT JOIN sources AS s ON s.id = a.source_id"
                f" WHERE {' AND '.join(where)}"
                f" ORDER BY {order} LIMIT :limit"
            ),
            params,
        ).all()
    )


# Each engine's ranked statement, and the sign that makes its score "higher is better" (bm25 is
# lower for better matches).
_RANKED = {"sqlite": (_ranked_sqlite, -1.0), "postgresql": (_ranked_postgresql, 1.0)}


def search_phases(options: SearchOptions) -> list[tuple[str | None, int]]:
    """The searches to run, in order, each with how many rows it must yield to be the answer:
    for relevance, the headline first (a headline hit outranks a body hit, and ranking the few
    articles whose headline matches is cheap), then every column."""
    if options.sort == "relevance":
        return [("headline", options.offset + options.limit), (None, 0)]
    return [(None, 0)]


def search_statements(options: SearchOptions) -> list[tuple[str, int]]:
    """The FTS5 MATCH expressions a search runs on SQLite, in order (for the benchmark's raw
    floor)."""
    query = q.parse(options.query)
    return [(q.to_fts5(query, column=column), enough) for column, enough in search_phases(options)]


def run_search(conn: Connection, options: SearchOptions) -> list[SearchHit]:
    """Run a search: the ranked page of ids first, then snippets for those rows."""
    options.check()
    if conn.dialect.name not in _RANKED:
        raise QueryError(f"full-text search is not available on {conn.dialect.name}")
    ranked, sign = _RANKED[conn.dialect.name]
    query = q.parse(options.query)
    wanted = options.offset + options.limit
    rows: list[Any] = []
    for column, enough in search_phases(options):
        rows = ranked(conn, options, query, column, wanted)
        if len(rows) >= enough:
            break
    rows = rows[options.offset :]
    if not rows:
        return []
    bodies: dict[int, str] = dict(
        conn.execute(text(f"SELECT id, body FROM articles WHERE id IN ({_ids(rows)})")).all()
    )
    return [
        SearchHit(
            id=r.id,
            headline=r.headline,
            posted_at=r.posted_at,
            source=Source(r.source_name, r.source_domain) if r.source_name else None,
            score=round(sign * float(r.score), 4),
            snippet=make_snippet(query, r.headline, bodies.get(r.id, "")),
        )
        for r in rows
    ]


def _ids(rows: list[Any]) -> str:
    return ", ".join(str(int(r.id)) for r in rows)
