"""Snippets: the stretch of an article that best shows why it matched, matches marked.

Made in Python from the stored text for the page of results only: cheaper than asking the
engine once per row, and the same on every engine.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .fts import HIGHLIGHT_END, HIGHLIGHT_START
from .query import Query

_TOKEN = re.compile(r"\w+", re.UNICODE)
WINDOW = 24  # words shown


def matcher(query: Query) -> re.Pattern[str] | None:
    """The pattern of the query's words, made once per search for all its snippets."""
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


def make_snippet(words: re.Pattern[str] | None, headline: str, body: str) -> str:
    """Up to WINDOW words around the densest run of `words` (see matcher) in the body (else
    the headline)."""
    if words is None:
        return body[:160]
    for text in (body, headline):
        # The matches first (one regex pass); the words only where there are some.
        found = [m.start() for m in words.finditer(text)]
        if not found:
            continue
        tokens = list(_TOKEN.finditer(text))
        starts = [t.start() for t in tokens]
        hits = [bisect_left(starts, at) for at in found]
        # The window start that covers the most matches (hits are in order: two pointers).
        best, best_count, last = hits[0], 0, 0
        for first, h in enumerate(hits):
            while last < len(hits) and hits[last] < h + WINDOW:
                last += 1
            if last - first > best_count:
                best, best_count = h, last - first
        start = max(0, best - 4)
        end = min(len(tokens), start + WINDOW)
        begin_char = tokens[start].start()
        end_char = tokens[end - 1].end()
        piece = words.sub(
            lambda m: HIGHLIGHT_START + m.group(0) + HIGHLIGHT_END, text[begin_char:end_char]
        )
        piece = " ".join(piece.split())
        return ("…" if start > 0 else "") + piece + ("…" if end < len(tokens) else "")
    return " ".join(body.split()[:WINDOW]) + "…"
