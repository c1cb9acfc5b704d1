"""Choosing a capture's byline lines, then reading the names in them.

Short lines around the headline and at the article's end are candidates. A learned model
(`models/text_byline.json`) scores each from its own signals (a by-word, names, a job title,
a date, separators), the names the shared reader finds in it, and where it stands (under the
headline, above the opening, after the last paragraph). The names of the lines it accepts are
the authors.
"""

from __future__ import annotations

import math
import re

import numpy as np

from .. import boilerplate as bp
from ..learned import Matrix, forest
from ..names import KOREAN_BYLINE, names_in, read_byline
from ..vocabulary import AUTHOR_LABEL
from .article import ArticleLines
from .capture import Line
from .signals import LOCAL

_I = {name: i for i, name in enumerate(LOCAL)}
_FURNITURE, _END, _HANGUL = _I["furniture"], _I["end_marker"], _I["hangul_share"]
_MAX_CHARS = 120  # a byline is a short line
_HEAD_ROOM = 15  # lines below the article's opening still searched for a byline
_FOOT_ROOM = 15  # and after its last paragraph
_FAR = 60
# The neighbours' signals: a name line above a photo credit is a caption, one among
# comma-ended lines is a list of topics.
_NEAR = (
    "by_prefix",
    "name_shaped",
    "date_line",
    "title",
    "prose",
    "byline",
    "job_title",
    "caption",
    "furniture",
)
_NEAR_AT = [_I[name] for name in _NEAR]

BYLINE_FEATURES = (
    *LOCAL,
    "names",
    "name_words",
    "names_lower_share",
    "names_in_body",
    "read_byline",
    "label_above",
    "index",
    "from_end",
    "doc_lines_log",
    "from_headline",
    "from_body_start",
    "from_body_end",
    "mass_above",
    "p_body",
    "ends_comma",
    *(f"{name}_prev" for name in _NEAR),
    "ends_comma_prev",
    *(f"{name}_next" for name in _NEAR),
    "ends_comma_next",
)
# The best line needs little to be the byline (most articles have one); a second line more.
# Both chosen by cross-validation on fold A (scripts/train_text.py prints their neighbours).
BEST_THRESHOLD = 0.02
OTHER_THRESHOLD = 0.9
_MAX_LINES = 2


_WORD = re.compile(r"[^\W\d_]{3,}")


def lower_words(lines: list[Line]) -> frozenset[str]:
    """Words the capture prints in lower case: common words of its language, not names."""
    # One pass over the lines joined by a character no word holds (so none is glued).
    return frozenset(filter(str.islower, _WORD.findall("\n".join(line.text for line in lines))))


def _lone_word(text: str) -> bool:
    words = text.split()
    return len(words) == 1 and "@" not in text and not KOREAN_BYLINE.search(text)


def clip(value: int, far: int = _FAR) -> int:
    return max(-far, min(far, value))


def byline_rows(
    lines: list[Line],
    article: ArticleLines,
    headline_at: int | None,
    lower: frozenset[str] | None = None,
) -> tuple[list[int], Matrix]:
    n = len(lines)
    if n == 0:
        return [], np.zeros((0, len(BYLINE_FEATURES)))
    start = article.start()
    end = article.last_body(start)
    mass = article.body * np.array([len(line.text) for line in lines], dtype=np.float64)
    mass_above = (np.cumsum(mass) - mass) / max(1.0, float(mass.sum()))
    top = min(n, start + _HEAD_ROOM)
    window = list(range(top)) + list(range(max(top, end - 3), min(n, end + _FOOT_ROOM)))
    local = article.local.tolist()  # plain lists: reading numpy arrays item by item is slow
    # A page control or a section's end ("Back to top", "Most popular") names nobody, nor
    # does a word alone above the headline (a section's name: "Economy") or a lone Korean word
    # (a menu's: "정치"; a Korean byline gives a role, 기자, or an address).
    first = headline_at if headline_at is not None else 0
    indices = [
        i
        for i in window
        if len(lines[i].text) <= _MAX_CHARS
        and i != headline_at  # one line is not both
        and not (local[i][_FURNITURE] or local[i][_END])
        # A photo's caption, its credit after its sentence ("... Tuesday. JANE ROE / AFP"),
        # names the photographer (a "Name/outlet" credit alone may well be the byline).
        and not bp.credit_after_sentence(lines[i].text)
        and not (_lone_word(lines[i].text) and (i < first or local[i][_HANGUL] > 0.5))
    ]
    lower = lower_words(lines) if lower is None else lower
    body_text = " ".join(line.text for line in lines if article.is_body(line.index))
    body = article.body.tolist()
    above = mass_above.tolist()
    none = [-1.0] * (len(_NEAR) + 1)
    comma = [float(line.text.endswith((",", "،", "、"))) for line in lines]
    rows = []
    for i in indices:
        text = lines[i].text
        names = names_in(text)
        name_words = [w.lower() for a in names for w in a.name.split() if len(w) >= 3]
        prev_near = [*(local[i - 1][k] for k in _NEAR_AT), comma[i - 1]] if i > 0 else none
        next_near = [*(local[i + 1][k] for k in _NEAR_AT), comma[i + 1]] if i + 1 < n else none
        rows.append(
            [
                *local[i],
                float(min(len(names), 5)),
                float(sum(len(a.name.split()) for a in names)),
                sum(w in lower for w in name_words) / len(name_words) if name_words else 0.0,
                float(any(a.name in body_text for a in names)),
                float(read_byline(text) is not None),
                float(i > 0 and bool(AUTHOR_LABEL.match(lines[i - 1].text))),
                min(i, 300),
                min(n - 1 - i, 300),
                math.log1p(n),
                float(clip(i - headline_at)) if headline_at is not None else 99.0,
                float(clip(i - start)),
                float(clip(i - end)),
                above[i],
                body[i],
                comma[i],
                *prev_near,
                *next_near,
            ]
        )
    return indices, np.array(rows, dtype=np.float64)


def choose_bylines(
    lines: list[Line],
    article: ArticleLines,
    headline_at: int | None,
    lower: frozenset[str] | None = None,
) -> list[int]:
    """The lines that print the authors, best first."""
    indices, rows = byline_rows(lines, article, headline_at, lower)
    if not indices:
        return []
    p = forest("text_byline").probabilities(rows)
    order = np.argsort(-p)[:_MAX_LINES]
    return [
        indices[k]
        for rank, k in enumerate(order)
        if p[k] >= (BEST_THRESHOLD if rank == 0 else OTHER_THRESHOLD)
    ]
