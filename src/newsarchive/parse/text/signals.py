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
from ..lines import char_classes, date_line, is_prose, is_title, language_links, text_length, words
from ..names import KOREAN_BYLINE, LATIN_NAME, read_byline
from ..vocabulary import (
    BULLET_START,
    BY_PREFIX,
    CJK_CHAR,
    ELLIPSIS_END,
    GLUED_BY,
    JOB_TITLE,
    READING_TIME,
    SENTENCE_END,
    SOCIAL_WORDS,
    cjk_count,
    hangul_count,
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_WEB_HINT = re.compile(r"www|http|\.(?:com|org|net)", re.IGNORECASE)
_WEB = re.compile(r"https?://|www\.|\.(?:com|org|net)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"[|·•]|\s[-–—/]\s")
_QUOTE_START = re.compile(r"^[\"“‘'«„「『]")
# Words run together where a page's menu or labels were copied without spaces: "NewsSport".
_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]")
_WORD_START = re.compile(r"(?<!\S)\S")  # each token's first character
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
    short = n <= 120  # bylines, labels, buttons: the checks for them run on short lines only
    tokens = s.split()
    n_words = words(s)
    head = s[:200]  # character shares from the line's start
    n_head = max(1, len(head))
    letters, upper, digits, spaces, alnum = char_classes(head)
    n_letters = max(1, letters)
    punct = n_head - alnum - spaces
    capwords = sum(map(str.isupper, _WORD_START.findall(s)))  # tokens that open in capitals
    cjk = cjk_count(s)
    hangul = hangul_count(s) if cjk else 0
    dates = find_dates(s) if n < 400 else []
    mostly_dates = bool(dates) and date_line(s) is not None
    byline = read_byline(s) if short else None
    is_byline = byline is not None and bool(byline.authors or byline.emails)
    name_shaped = False
    if n <= 80:
        bare = BY_PREFIX.sub("", GLUED_BY.sub("", s), count=1).strip(" .,:;|·")
        korean = n <= 40 and hangul > 0 and bool(KOREAN_BYLINE.search(s))
        name_shaped = bool(LATIN_NAME.fullmatch(bare)) or korean
    return (
        math.log1p(n),
        math.log1p(n_words),
        math.log1p(text_length(s)),
        float(is_prose(s)),
        float(is_title(s)),
        float(bool(SENTENCE_END.search(s[-8:]))),  # end-anchored: the tail is enough
        float(s.endswith((":", "："))),
        float(s.endswith(("?", "？"))),
        float(bool(ELLIPSIS_END.search(s[-8:]))),
        upper / n_letters,
        digits / n_head,
        punct / n_head,
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
        float(short and bool(JOB_TITLE.search(s))),
        float("@" in s and bool(_EMAIL.search(s))),
        float(bool(_WEB_HINT.search(s)) and bool(_WEB.search(s))),
        float(bp.is_furniture(s)),
        float(n <= 200 and (bp.is_end_marker(s) or bp.opens_comments(s))),
        float(n <= 300 and bp.is_notice(s)),
        float(n <= 300 and bp.is_caption(s)),
        float(bool(language_links(s))),
        float(n <= 80 and bool(SOCIAL_WORDS.search(s))),
        float(n <= 80 and bool(READING_TIME.search(s))),
        float(min(5, len(_SEPARATOR.findall(s)))),
        float(bool(_QUOTE_START.match(s))),
        float(min(5, len(_GLUED.findall(s)))),
    )


_TERM = re.compile(r"[^\W\d_]{4,}")
# Every two CJK characters in a row, overlapping: the lookahead captures without consuming.
_CJK_PAIR = re.compile(r"(?=([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]{2}))")


@lru_cache(maxsize=16384)
def terms(text: str) -> frozenset[str]:
    """Words of four letters or more, lower-cased; in CJK text, pairs of characters."""
    lowered = text.lower()
    if lowered.isascii() or not CJK_CHAR.search(lowered):
        return frozenset(_TERM.findall(lowered))  # no pairs to find: the common case, faster
    return frozenset((*_TERM.findall(lowered), *_CJK_PAIR.findall(lowered)))


def moving_mean(values: Matrix, width: int) -> Matrix:
    """The mean of each value's neighbourhood (width values, centred; zeros past the ends)."""
    half = width // 2
    padded = np.concatenate([np.zeros(half + 1), values, np.zeros(half)])
    sums = np.cumsum(padded)
    result: Matrix = (sums[width:] - sums[:-width]) / width
    return result
