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
from ..vocabulary import AUTHOR_LABEL
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


def _next_where(flags: list[bool]) -> list[int]:
    """For each line, the first line at or after it where the flag holds (len when none)."""
    n = len(flags)
    found = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        found[i] = i if flags[i] else found[i + 1]
    return found


@dataclass
class _Capture:
    """What every candidate's row reads of the capture, computed once."""

    texts: list[str]
    local: list[list[float]]  # plain lists: reading numpy arrays item by item is slow
    body: list[float]
    above: list[float]  # share of the article's mass above each line
    next_body: list[int]  # the next line of substantial body
    next_date: list[int]
    titles: list[float]  # title-shaped lines so far
    title_above_date: int  # the title-shaped line nearest above the (posted) date line
    opening_terms: frozenset[str]
    body_terms: frozenset[str]
    counts: Counter[str]
    body_share: float
    start: int


def _capture(lines: list[Line], article: ArticleLines, above: Matrix) -> _Capture:
    texts = [line.text for line in lines]
    local = article.local.tolist()
    date_at, title_at = _I["date_line"], _I["title"]
    substantial = (article.kept > 0) & (article.local[:, _I["words_log"]] >= math.log1p(8))
    body_texts = [t for i, t in enumerate(texts) if article.is_body(i)]
    # News captures print the date line under the headline: the first posted date line (else
    # the first date line), and the title-shaped line nearest above it.
    date_lines = [i for i, row in enumerate(local) if row[date_at]]
    anchor = next((i for i in date_lines if local[i][_I["date_posted_label"]]), None)
    if anchor is None and date_lines:
        anchor = date_lines[0]
    title_above = -1
    if anchor is not None:
        title_above = next(
            (i for i in range(anchor - 1, max(-1, anchor - 5), -1) if local[i][title_at]), -1
        )
    return _Capture(
        texts=texts,
        local=local,
        body=article.body.tolist(),
        above=above.tolist(),
        next_body=_next_where(list(substantial)),
        next_date=[d if d < len(texts) else len(texts) + 60 for d in _next_where(
            [bool(row[date_at]) for row in local])],
        titles=np.cumsum(article.local[:, title_at]).tolist() if texts else [],
        title_above_date=title_above,
        opening_terms=terms(" ".join(body_texts)[:_OPENING_CHARS]),
        # The terms of the lines joined are their own terms together (no term spans a space),
        # which each line already has cached from the body model's topicality.
        body_terms=frozenset().union(*map(terms, body_texts)),
        counts=Counter(texts),
        body_share=float(article.kept.mean()) if texts else 0.0,
        start=min(article.start(), 200),
    )  # fmt: skip


_NONE = [-1.0] * len(_NEAR)
_NEAR_LINES = 2500
_MAX_CANDIDATES = 1500  # the headline stands near the top: a capture of thousands of lines


def _row(c: _Capture, i: int, rank: int, candidates: int) -> list[float]:
    n = len(c.texts)
    own_text = c.texts[i]
    own = terms(own_text)
    nb = c.next_body[i + 1]
    between = c.titles[min(nb, n) - 1] - c.titles[i] if nb > i + 1 else 0.0
    # The other lines it contains or is part of, among its neighbours (a page's lines, all of
    # them but in a capture of many thousands, whose every line would cost every other).
    near = c.counts if n <= _NEAR_LINES else set(c.texts[max(0, i - _NEAR_LINES) : i + _NEAR_LINES])
    contained = sum(1 for t in near if t != own_text and len(t) >= 10 and t in own_text)
    inside = sum(1 for t in near if t != own_text and own_text in t) if len(own_text) >= 10 else 0
    twin = (i > 0 and c.texts[i - 1] == own_text) or (i + 1 < n and c.texts[i + 1] == own_text)
    return [
        *c.local[i],
        min(i, 200),
        min(n - 1 - i, 200),
        math.log1p(n),
        c.body[i],
        c.above[i],
        min(nb - i, 60),
        min(between, 20.0),
        min(rank, 100),
        min(candidates - 1 - rank, 100),
        min(3, c.counts[own_text] - 1),
        len(own & c.opening_terms) / len(own) if own else 0.0,
        min(20, len(own & c.opening_terms)),
        len(own & c.body_terms) / len(own) if own else 0.0,
        min(3, contained),
        min(3, inside),
        float(twin),
        *([c.local[i - 1][k] for k in _NEAR_AT] if i > 0 else _NONE),
        *([c.local[i + 1][k] for k in _NEAR_AT] if i + 1 < n else _NONE),
        c.body[i + 1] if i + 1 < n else -1.0,
        c.body_share,
        float(c.start),
        float(min(c.next_date[i + 1] - i, 60)),
        float(i == c.title_above_date),
    ]


def candidates(lines: list[Line], article: ArticleLines) -> HeadlineCandidates:
    """The capture's headline candidates, with their rows (HEADLINE_FEATURES): short lines
    above the point where half the article has been read, no date lines, no signed bylines
    (nor names under an author label), no tickers."""
    n = len(lines)
    texts = [line.text for line in lines]
    body_mass = article.body * np.array([len(t) for t in texts], dtype=np.float64)
    above = (np.cumsum(body_mass) - body_mass) / max(1.0, float(body_mass.sum()))
    limit = int(np.searchsorted(above, 0.5)) if n else 0
    limit = min(n, max(limit, 3) + 3)
    date_at, byline_at, by_at = _I["date_line"], _I["byline"], _I["by_prefix"]
    indices = [
        i
        for i in range(limit)
        if 2 < len(texts[i]) <= _MAX_CHARS
        and not article.local[i, date_at]
        and not (article.local[i, byline_at] and article.local[i, by_at])  # "By Jane Roe"
        and not (i > 0 and AUTHOR_LABEL.match(texts[i - 1]))  # "Author:" above the names
        and not _ticker(texts, i)
    ][:_MAX_CANDIDATES]
    if not indices:
        return HeadlineCandidates([], np.zeros((0, len(HEADLINE_FEATURES))))
    capture = _capture(lines, article, above)
    rows = [_row(capture, i, rank, len(indices)) for rank, i in enumerate(indices)]
    return HeadlineCandidates(indices, np.array(rows, dtype=np.float64))


def choose_headline(lines: list[Line], article: ArticleLines) -> int | None:
    """The index of the headline line, or None when the capture has no candidate."""
    found = candidates(lines, article)
    if not found.indices:
        return None
    scores = forest("text_headline").margins(found.rows)
    return found.indices[int(np.argmax(scores))]
