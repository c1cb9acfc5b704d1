"""Full-text search: the user's query made safe for the engine, and the ranked search statement.

SQLite uses FTS5 over headline, byline and body, kept in step with `articles` by triggers (see the
migrations). Any string a user types becomes quoted terms, so punctuation never reaches the FTS
query parser as syntax.
"""

from __future__ import annotations

import re

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

# Headline above byline above body.
WEIGHTS = (10.0, 4.0, 1.0)

_TERM = re.compile(r"\w+", re.UNICODE)


def terms(query: str) -> list[str]:
    return _TERM.findall(query)


def fts5_query(query: str) -> str | None:
    """Every word must match; each is quoted so FTS5 syntax in the input is just text."""
    words = terms(query)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


SQLITE_SEARCH = f"""
SELECT a.id AS id,
       bm25(articles_fts, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]}) AS score,
       snippet(articles_fts, -1, char(2), char(3), '…', 16) AS snippet
FROM articles_fts
JOIN articles AS a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH :query
ORDER BY score
LIMIT :limit
"""
