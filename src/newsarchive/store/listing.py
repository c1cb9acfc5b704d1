"""The newest records, as `list` shows them: plain SQL text that `newsarchive list` runs through
the engine's driver alone (reader.py). The Archive's own `recent` (list --json, --container)
builds its query with SQLAlchemy; both take their filters from search.matching_ids and their
order from search.NEWEST_FIRST, so they give the same rows in the same order."""

from __future__ import annotations

from dataclasses import dataclass

from ..record import Source
from .search import NEWEST_FIRST, Execute, Params, SearchOptions, matching_ids


@dataclass(frozen=True)
class Listed:
    """What a line of `list` shows of a record."""

    id: int
    headline: str
    posted_at: str | None
    source: Source | None


def newest_ids(dialect: str, filters: SearchOptions | None) -> tuple[str, Params]:
    """A statement of the ids of the records the filters keep (every record without them),
    newest first, a page at a time (parameters `limit` and `offset`, the caller's)."""
    params: Params = {}
    where = ""
    if filters is not None:
        filters.check()
        kept, params = matching_ids(dialect, filters)
        where = f" WHERE a.id IN ({kept})"
    return (
        f"SELECT a.id FROM articles AS a{where} ORDER BY {NEWEST_FIRST}"
        " LIMIT :limit OFFSET :offset",
        params,
    )


def run_listing(
    execute: Execute, dialect: str, filters: SearchOptions | None, limit: int, offset: int
) -> list[Listed]:
    """A page of the newest records the filters keep, as `list` shows them."""
    ids, params = newest_ids(dialect, filters)
    rows = execute(
        "SELECT a.id, a.headline, a.posted_at, s.name, s.domain"
        f" FROM articles AS a JOIN ({ids}) AS page ON page.id = a.id"
        f" LEFT JOIN sources AS s ON s.id = a.source_id ORDER BY {NEWEST_FIRST}",
        {**params, "limit": limit, "offset": offset},
    )
    return [
        Listed(int(i), headline, posted_at, Source(name, domain) if name else None)
        for i, headline, posted_at, name, domain in rows
    ]
