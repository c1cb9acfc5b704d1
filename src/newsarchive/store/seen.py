"""Inputs seen before, asked by the parsing workers before they parse: a read-only view of a
SQLite archive's inputs table through the standard library's sqlite3 (a worker process needs no
engine, and the writer holds the archive's write lock meanwhile). On other engines there is no
such view; the writer finds the duplicates in its batch."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine


def sqlite_path(engine: Engine) -> str | None:
    """The file of a SQLite archive, else None."""
    url = engine.url
    return url.database if url.get_backend_name() == "sqlite" and url.database else None


class SeenInputs:
    """Which stored article an input's bytes went into (0: stored, no article), by SHA-256."""

    def __init__(self, path: str | None) -> None:
        self._db: sqlite3.Connection | None = None
        if path:
            try:
                self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
            except sqlite3.Error:
                self._db = None

    def article_of(self, sha256: str) -> int | None:
        """The article id (0 for none) of stored bytes with this hash; None when unseen or when
        the archive cannot be asked (the writer then decides)."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT coalesce(article_id, 0) FROM inputs WHERE sha256 = ?"
                " AND (imported IS NULL OR NOT imported)",
                (sha256,),
            ).fetchone()
        except sqlite3.Error:
            return None
        return int(row[0]) if row else None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
