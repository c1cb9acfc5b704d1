"""Full-text search constants shared by storage and rendering (no database imports here).

SQLite keeps an FTS5 index over headline, byline and body in step with `articles` by triggers
(see the migrations); the query language is in query.py, the statement in search.py.
"""

from __future__ import annotations

# Match markers in snippets; renderers turn them into bold, ** ** or <mark>.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

# bm25 weights: the headline above the byline above the body.
WEIGHTS = (10.0, 4.0, 1.0)
