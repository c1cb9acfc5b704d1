"""Snippets: the stretch of an article that best shows why it matched, matches marked.

Made in Python from the stored text for the page of results only: cheaper than asking the
engine once per row, and the same on every engine.
"""

from __future__ import annotations

import re

from .fts import HIGHLIGHT_END, HIGHLIGHT_START
from .query import Query

_TOKEN = re.compile(r"\w+", re.UNICODE)
WINDOW = 24  # words shown


def _matcher(query: Query) -> re.Pattern[str] | None:
    words = set()
    for group in query.groups:
        for term in group:
            for i, word in enumerate(term.words):
                last = i == len(term.words) - 1
                prefix = term.korean or (term.prefix and last)
                words.add(re.escape(word) + (r"\w*" if prefix else ""))
    if not words:
        return None
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def make_snippet(query: Query, headline: str, body: str) -> str:
    """Up to WINDOW words around the densest run of matches in the body (else the headline)."""
    matcher = _matcher(query)
    if matcher is None:
        return body[:160]
    for text in (body, headline):
        tokens = list(_TOKEN.finditer(text))
        hits = [i for i, t in enumerate(tokens) if matcher.fullmatch(t.group(0))]
        if not hits:
            continue
        # The window start that covers the most matches.
        best, best_count = hits[0], 0
        for h in hits:
            count = sum(1 for x in hits if h <= x < h + WINDOW)
            if count > best_count:
                best, best_count = h, count
        start = max(0, best - 4)
        end = min(len(tokens), start + WINDOW)
        begin_char = tokens[start].start()
        end_char = tokens[end - 1].end()
        piece = matcher.sub(
            lambda m: HIGHLIGHT_START + m.group(0) + HIGHLIGHT_END, text[begin_char:end_char]
        )
        piece = " ".join(piece.split())
        return ("…" if start > 0 else "") + piece + ("…" if end < len(tokens) else "")
    return " ".join(body.split()[:WINDOW]) + "…"
