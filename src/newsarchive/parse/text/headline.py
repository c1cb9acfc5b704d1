"""Choosing a capture's headline among its lines.

Every short line above the article's opening is a candidate; a learned model
(`models/text_headline.json`) scores each from its own signals (title-shaped, words, a date or
byline, furniture), where it stands (how far above the body, what lies between), and what it
says (how many of its words the article repeats). The best-scored candidate is the headline.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..learned import Matrix, forest
from .article import ArticleLines
from .capture import Line
from .signals import LOCAL, terms

_I = {name: i for i, name in enumerate(LOCAL)}
_MAX_CHARS = 200  # no headline of the dev set is longer than 160
_OPENING_CHARS = 1500
_NEAR = (
    "date_line",
    "date_posted_label",
    "byline",
    "furniture",
    "title",
    "prose",
    "name_shaped",
    "by_prefix",
    "caption",
)
_NEAR_AT = [_I[name] for name in _NEAR]

HEADLINE_FEATURES = (
    *LOCAL,
    "index",
    "from_end",
    "doc_lines_log",
    "p_body",
    "mass_above",
    "gap_next_body",
    "titles_between",
    "candidate_rank",
    "candidates_below",
    "repeats",
    "opening_share",
    "opening_count",
    "body_share",
    "contained_lines",
    "contained_in",
    "same_as_neighbour",
    *(f"{name}_prev" for name in _NEAR),
    *(f"{name}_next" for name in _NEAR),
    "p_body_next",
    "doc_body_share",
    "doc_start",
    "to_next_date",
    "nearest_title_above_date",
)


@dataclass(frozen=True)
class HeadlineCandidates:
    indices: list[int]  # candidate lines, top to bottom
    rows: Matrix


def _ticker(texts: list[str], i: int) -> bool:
    """A long line printed twice in a row: a ticker of other stories (a headline printed
    twice is short)."""
    text = texts[i]
    twin = (i > 0 and texts[i - 1] == text) or (i + 1 < len(texts) and texts[i + 1] == text)
    return twin and len(text) > 150


def candidates(lines: list[Line], article: ArticleLines) -> HeadlineCandidates:
    n = len(lines)
    texts = [line.text for line in lines]
    body_mass = article.body * np.array([len(t) for t in texts], dtype=np.float64)
    total_mass = max(1.0, float(body_mass.sum()))
    mass_above = (np.cumsum(body_mass) - body_mass) / total_mass
    # Candidates: lines above the point where half the article has been read.
    limit = int(np.searchsorted(mass_above, 0.5)) if n else 0
    limit = min(n, max(limit, 3) + 3)
    local = article.local.tolist()  # plain lists: reading numpy arrays item by item is slow
    date_at = _I["date_line"]
    indices = [
        i
        for i in range(limit)
        if 2 < len(texts[i]) <= _MAX_CHARS and not local[i][date_at] and not _ticker(texts, i)
    ]
    if not indices:
        return HeadlineCandidates([], np.zeros((0, len(HEADLINE_FEATURES))))
    substantial = (article.kept > 0) & (article.local[:, _I["words_log"]] >= math.log1p(8))
    next_body = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_body[i] = i if substantial[i] else next_body[i + 1]
    body = article.body.tolist()
    above = mass_above.tolist()
    body_texts = [t for i, t in enumerate(texts) if article.is_body(i)]
    opening = " ".join(body_texts)[:_OPENING_CHARS]
    opening_terms, body_terms = terms(opening), terms(" ".join(body_texts))
    counts = Counter(texts)
    body_share = float(article.kept.mean()) if n else 0.0
    start = min(article.start(), 200)
    title_at = _I["title"]
    titles = np.cumsum(article.local[:, title_at]).tolist() if n else []
    none = [-1.0] * len(_NEAR)
    # News captures print the date line under the headline: each line's distance to the next
    # date line, and the title-shaped line nearest above the capture's first date line.
    date_lines = [i for i in range(n) if local[i][date_at]]
    next_date = [n + 60] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_date[i] = i if local[i][date_at] else next_date[i + 1]
    posted_at = _I["date_posted_label"]
    anchor = next((i for i in date_lines if local[i][posted_at]), None)
    if anchor is None and date_lines:
        anchor = date_lines[0]
    title_above = -1
    if anchor is not None:
        title_above = next(
            (i for i in range(anchor - 1, max(-1, anchor - 5), -1) if local[i][title_at]), -1
        )
    rows = []
    for rank, i in enumerate(indices):
        own = terms(texts[i])
        nb = next_body[i + 1]
        gap = nb - i
        between = titles[min(nb, n) - 1] - titles[i] if nb > i + 1 else 0.0
        own_text = texts[i]
        contained = sum(1 for t in counts if t != own_text and len(t) >= 10 and t in own_text)
        inside = (
            sum(1 for t in counts if t != own_text and own_text in t) if len(own_text) >= 10 else 0
        )
        twin = (i > 0 and texts[i - 1] == own_text) or (i + 1 < n and texts[i + 1] == own_text)
        prev_near = [local[i - 1][k] for k in _NEAR_AT] if i > 0 else none
        next_near = [local[i + 1][k] for k in _NEAR_AT] if i + 1 < n else none
        rows.append(
            [
                *local[i],
                min(i, 200),
                min(n - 1 - i, 200),
                math.log1p(n),
                body[i],
                above[i],
                min(gap, 60),
                min(between, 20.0),
                min(rank, 100),
                min(len(indices) - 1 - rank, 100),
                min(3, counts[texts[i]] - 1),
                len(own & opening_terms) / len(own) if own else 0.0,
                min(20, len(own & opening_terms)),
                len(own & body_terms) / len(own) if own else 0.0,
                min(3, contained),
                min(3, inside),
                float(twin),
                *prev_near,
                *next_near,
                body[i + 1] if i + 1 < n else -1.0,
                body_share,
                float(start),
                float(min(next_date[i + 1] - i, 60)),
                float(i == title_above),
            ]
        )
    return HeadlineCandidates(indices, np.array(rows, dtype=np.float64))


def choose_headline(lines: list[Line], article: ArticleLines) -> int | None:
    """The index of the headline line, or None when the capture has no candidate."""
    found = candidates(lines, article)
    if not found.indices:
        return None
    scores = forest("text_headline").margins(found.rows)
    return found.indices[int(np.argmax(scores))]
