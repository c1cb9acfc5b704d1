"""Datasette metadata for a SQLite archive: titles, the search table, facets and order, so that
`datasette archive.db -m metadata.json` is a browser for the archive.

Datasette finds the articles' full-text index by itself since migration 0008; the metadata says
which table to search and how (raw FTS5 syntax is not needed: Datasette's default escapes the
query, as a search box should), hides what a reader has no use for (the migration table and the
headline-only index), and adds a canned query of articles per month.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def metadata(database: str | Path) -> dict[str, Any]:
    """The metadata for the archive file `database` (Datasette names a database by its stem)."""
    name = Path(database).stem
    return {
        "title": "newsarchive",
        "description": "Saved news articles: one record per article, searchable.",
        "databases": {
            name: {
                "title": f"{name} (newsarchive)",
                "tables": {
                    "articles": {
                        "title": "Articles",
                        "description": "Search headlines, bylines and bodies.",
                        "fts_table": "articles_fts",
                        "fts_pk": "id",
                        "label_column": "headline",
                        "sort_desc": "posted_utc",
                        "facets": ["source_id", "language", {"date": "posted_utc"}],
                        "size": 20,
                    },
                    "sources": {"label_column": "name", "title": "Sources"},
                    "authors": {"label_column": "name", "title": "Authors"},
                    "inputs": {
                        "title": "Original files",
                        "description": "The bytes of every input, as they came in.",
                        "sort_desc": "id",
                    },
                    "input_copies": {
                        "title": "Other containers of stored bytes",
                        "description": "Web archives whose record an earlier input stored.",
                    },
                    "article_versions": {"title": "Earlier editions"},
                    "alembic_version": {"hidden": True},
                    "articles_headline_fts": {"hidden": True},
                },
                "queries": {
                    "articles_per_month": {
                        "title": "Articles per month",
                        "sql": (
                            "SELECT substr(posted_at, 1, 7) AS month, count(*) AS articles"
                            " FROM articles WHERE posted_at IS NOT NULL"
                            " GROUP BY month ORDER BY month DESC"
                        ),
                    }
                },
            }
        },
    }
