"""Each line's own signals, the first thing every learned decision about a capture reads.

The models are trained on these names (scripts/train_text.py): a signal renamed, removed or
computed differently must be retrained.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from .. import boilerplate as bp
from ..dates import find_dates
from ..learned import Matrix
from ..lines import date_line, is_prose, is_title, language_links, text_length, words
from ..names import KOREAN_BYLINE, LATIN_NAME, read_byline
from ..vocabulary import (
    BULLET_START,
    BY_PREFIX,
    CJK_CHAR,
    ELLIPSIS_END,
    GLUED_BY,
    HANGUL_CHAR,
    JOB_TITLE,
    READING_TIME,
    SENTENCE_END,
    SOCIAL_WORDS,
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_WEB = re.compile(r"https?://|www\.|\.(?:com|org|net)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"[|·•]|\s[-–—/]\s")
_QUOTE_START = re.compile(r"^[\"“‘'«„「『]")
# Words run together where a page's menu or labels were copied without spaces: "NewsSport".
_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]")
_INNER_SENTENCE = re.compile(r"[.!?。！？](?:\s|$)")

LOCAL = (
    "chars_log",
    "words_log",
    "tlen_log",
    "prose",
    "title",
    "terminal",
    "ends_colon",
    "ends_question",
    "ellipsis",
    "upper_share",
    "digit_share",
    "punct_share",
    "capword_share",
    "lower_start",
    "bullet",
    "commas_per_word",
    "sentences",
    "cjk_share",
    "hangul_share",
    "date_line",
    "has_date",
    "date_posted_label",
    "date_updated_label",
    "date_has_time",
    "byline",
    "by_prefix",
    "name_shaped",
    "job_title",
    "email",
    "web",
    "furniture",
    "end_marker",
    "notice",
    "caption",
    "language_links",
    "social",
    "reading_time",
    "separators",
    "quote_start",
    "glued_words",
)


@lru_cache(maxsize=16384)
def local_signals(s: str) -> tuple[float, ...]:
    """One line's own signals, in the order of LOCAL. Cached: pages repeat their furniture."""
    n = len(s)
    tokens = s.split()
    n_words = words(s)
    letters = [c for c in s if c.isalpha()]
    n_letters = max(1, len(letters))
    upper = sum(1 for c in letters if c.isupper())
    digits = sum(1 for c in s if c.isdigit())
    punct = sum(1 for c in s if not c.isalnum() and not c.isspace())
    capwords = sum(1 for t in tokens if t[:1].isupper())
    cjk = len(CJK_CHAR.findall(s))
    hangul = len(HANGUL_CHAR.findall(s)) if cjk else 0
    dates = find_dates(s) if n < 400 else []
    mostly_dates = bool(dates) and date_line(s) is not None
    byline = read_byline(s) if n <= 120 else None
    is_byline = byline is not None and bool(byline.authors or byline.emails)
    bare = BY_PREFIX.sub("", GLUED_BY.sub("", s), count=1).strip(" .,:;|·")
    name_shaped = n <= 80 and (
        bool(LATIN_NAME.fullmatch(bare)) or bool(KOREAN_BYLINE.search(s) and n <= 40)
    )
    return (
        math.log1p(n),
        math.log1p(n_words),
        math.log1p(text_length(s)),
        float(is_prose(s)),
        float(is_title(s)),
        float(bool(SENTENCE_END.search(s))),
        float(s.endswith((":", "："))),
        float(s.endswith(("?", "？"))),
        float(bool(ELLIPSIS_END.search(s))),
        upper / n_letters,
        digits / max(1, n),
        punct / max(1, n),
        capwords / max(1, len(tokens)),
        float(s[:1].islower()),
        float(bool(BULLET_START.match(s))),
        s.count(",") / max(1, n_words),
        float(min(10, len(_INNER_SENTENCE.findall(s)))),
        cjk / max(1, n),
        hangul / max(1, n),
        float(mostly_dates),
        float(bool(dates)),
        float(any(m.label == "posted" for m in dates)),
        float(any(m.label == "updated" for m in dates)),
        float(any(m.stamp.has_time for m in dates)),
        float(is_byline),
        float(bool(BY_PREFIX.match(s) or GLUED_BY.match(s))),
        float(name_shaped),
        float(bool(JOB_TITLE.search(s)) and n <= 120),
        float(bool(_EMAIL.search(s))),
        float(bool(_WEB.search(s))),
        float(bp.is_furniture(s)),
        float(bp.is_end_marker(s) or bp.opens_comments(s)),
        float(bp.is_notice(s)),
        float(bp.is_caption(s)),
        float(bool(language_links(s))),
        float(bool(SOCIAL_WORDS.search(s)) and n <= 80),
        float(bool(READING_TIME.search(s)) and n <= 80),
        float(min(5, len(_SEPARATOR.findall(s)))),
        float(bool(_QUOTE_START.match(s))),
        float(min(5, len(_GLUED.findall(s)))),
    )


_TERM = re.compile(r"[^\W\d_]{4,}")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]{2,}")


def terms(text: str) -> set[str]:
    """Words of four letters or more, lower-cased; in CJK text, pairs of characters."""
    lowered = text.lower()
    found = set(_TERM.findall(lowered))
    for run in _CJK_RUN.findall(lowered):
        found.update(run[k : k + 2] for k in range(len(run) - 1))
    return found


def moving_mean(values: Matrix, width: int) -> Matrix:
    """The mean of each value's neighbourhood (width values, centred; zeros past the ends)."""
    half = width // 2
    padded = np.concatenate([np.zeros(half + 1), values, np.zeros(half)])
    sums = np.cumsum(padded)
    result: Matrix = (sums[width:] - sums[:-width]) / width
    return result
