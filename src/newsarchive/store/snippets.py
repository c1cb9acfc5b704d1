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


SPAN = 160  # characters a window of WINDOW words covers, about: where matches count as a run
_REACH = 60  # characters read before the run for its lead-in words
_READ = 1000  # characters read from there: WINDOW words even when they are long


def make_snippet(words: re.Pattern[str] | None, headline: str, body: str) -> str:
    """Up to WINDOW words around the densest run of `words` (see matcher) in the body (else
    the headline). Only the matches are found in the whole text; words are split out of the
    stretch around the chosen run alone, so a long article costs no more than a short one."""
    if words is None:
        return body[:160]
    for text in (body, headline):
        found = [m.start() for m in words.finditer(text)]
        if not found:
            continue
        # The run of matches within SPAN characters that holds the most (two pointers).
        best, best_count, last = 0, 0, 0
        for first, at in enumerate(found):
            while last < len(found) and found[last] < at + SPAN:
                last += 1
            if last - first > best_count:
                best, best_count = first, last - first
        lo = max(0, found[best] - _REACH)
        tokens = list(_TOKEN.finditer(text, lo, found[best] + _READ))
        hit = next(i for i, t in enumerate(tokens) if t.end() > found[best])
        # Four words of lead-in; the first token of the stretch may be a word cut in two.
        start = max(1 if lo > 0 else 0, hit - 4) if hit > 0 else 0
        end = min(len(tokens), start + WINDOW)
        begin_char, end_char = tokens[start].start(), tokens[end - 1].end()
        piece = words.sub(
            lambda m: HIGHLIGHT_START + m.group(0) + HIGHLIGHT_END, text[begin_char:end_char]
        )
        piece = " ".join(piece.split())
        before = _TOKEN.search(text, 0, begin_char) is not None
        after = _TOKEN.search(text, end_char) is not None
        return ("…" if before else "") + piece + ("…" if after else "")
    return " ".join(body.split()[:WINDOW]) + "…"
