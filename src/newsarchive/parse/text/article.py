"""Finding the article in a capture: which lines are its body.

A learned model (`models/text_body.json`) weighs each line's own signals with its place in the
capture and its neighbours': the run of lines that is most prose, how much of the capture's
prose lies above, whether the line speaks of what that run speaks of, whether an end marker
(copyright, "related articles") stood above it. The same model reads a capture of the article
region and a whole page saved as text; the capture's shape (its length, its share of prose)
tells them apart.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from ..learned import Matrix, contiguous, forest, interior_gaps
from ..lines import text_length
from .capture import Line
from .signals import LOCAL, local_signals, moving_mean, terms

_I = {name: i for i, name in enumerate(LOCAL)}
_NEIGHBOUR = ("prose", "title", "words_log", "date_line", "byline", "furniture", "terminal")
_NEIGHBOUR_AT = [_I[name] for name in _NEIGHBOUR]
_OFFSETS = (-2, -1, 1, 2)
_PENALTY = 60  # what a non-prose line costs a run of article paragraphs, in characters

CONTEXT = (
    "index",
    "from_end",
    "relative",
    "blank_before",
    "blank_after",
    "doc_lines_log",
    "doc_prose_share",
    "repeats",
    "prose_before",
    "window_prose",
    "run_inside",
    "run_from_start",
    "run_to_end",
    "run_share",
    "topic_share",
    "topic_count",
    "ends_above",
    "ends_below",
    "loose_inside",
    "loose_from_start",
    "loose_to_end",
    "loose_share",
    *(f"{name}_{o:+d}" for o in _OFFSETS for name in _NEIGHBOUR),
)
BODY_FEATURES = LOCAL + CONTEXT
_REPEATS = BODY_FEATURES.index("repeats")
# The decision on the model's verdicts: a line is body at 0.4 and over, and the article is
# kept as runs (learned.contiguous): a switch between body and furniture costs 1.0 in log-odds
# weighted by the square root of a line's length over 3. Chosen on fold A by cross-validation
# (scripts/train_text.py prints the figures).
BODY_THRESHOLD = 0.4
SWITCH_COST = 1.0
WEIGHT_SCALE = 3.0


def keep_runs(body: Matrix, lengths: Matrix) -> Matrix:
    bias = float(np.log((1 - BODY_THRESHOLD) / BODY_THRESHOLD))
    return contiguous(body, np.sqrt(1 + lengths) / WEIGHT_SCALE, SWITCH_COST, bias)


def with_structure(kept: Matrix, structure: Matrix) -> Matrix:
    """The kept lines and the headings and list items the runs leave out between two kept
    lines: a gap made only of `structure` lines is part of the article.

    Headings and items are short and end in no full stop, so the body model doubts each of
    them, and a run of doubts costs more than two switches: a section's heading or a list in
    the middle of an article would split it."""
    filled = kept.copy()
    for start, end in interior_gaps(kept):
        if structure[start:end].all():
            filled[start:end] = 1.0
    return filled


# What a short title-like line can be besides a section's heading: a byline, a date, a
# line of labels set apart by separators, a page's controls.
_NOT_HEADING = tuple(
    _I[name]
    for name in (
        "byline",
        "by_prefix",
        "email",
        "has_date",
        "separators",
        "caption",
        "furniture",
        "end_marker",
        "notice",
        "social",
        "reading_time",
        "language_links",
    )
)


def structure_lines(local: Matrix, repeated: Matrix | None = None) -> Matrix:
    """Lines that may be a section's heading or a list's item (see with_structure): those
    that open with a bullet or a number ("- Tickets", "2. Timetables"), short title-like
    lines (eight words at most, no sentence's end) that read as nothing else, and short
    sentences printed once (a button's words repeat: "Learn more.")."""
    bullet = local[:, _I["bullet"]] > 0
    nothing_else = ~(local[:, _NOT_HEADING] > 0).any(axis=1)
    heading = (local[:, _I["title"]] > 0) & (local[:, _I["words_log"]] <= math.log1p(8))
    # A short paragraph of one sentence ("He was 82."): too short for the model to be sure of,
    # as a heading is, and as much the article's between two of its paragraphs.
    sentence = (local[:, _I["terminal"]] > 0) & (local[:, _I["words_log"]] <= math.log1p(12))
    sentence &= (local[:, _I["words_log"]] >= math.log1p(2)) & (local[:, _I["lower_start"]] == 0)
    if repeated is not None:
        sentence &= repeated == 0
    result: Matrix = (bullet | ((heading | sentence) & nothing_else)).astype(np.float64)
    return result


@dataclass(frozen=True)
class ArticleLines:
    """The body model's verdict on every line of a capture."""

    local: Matrix  # each line's own signals (LOCAL)
    body: Matrix  # each line's probability of being body
    kept: Matrix  # 1.0 for the lines the article's runs keep (what the other models read)
    repeated: Matrix | None = None  # 1.0 for a line whose text the capture prints again

    @cached_property
    def text(self) -> Matrix:
        """The runs and the headings and list items between them: the article's text."""
        return with_structure(self.kept, structure_lines(self.local, self.repeated))

    def is_body(self, i: int) -> bool:
        return bool(self.kept[i])

    def in_text(self, i: int) -> bool:
        return bool(self.text[i])

    def start(self) -> int:
        """The article's opening: its first body line of eight words or more."""
        words_at = _I["words_log"]
        for i in range(self.body.size):
            if self.is_body(i) and self.local[i, words_at] >= math.log1p(8):
                return i
        return int(self.body.size)

    def last_body(self, default: int) -> int:
        """The last line the model gives an even chance or more of being body, else default."""
        likely = np.flatnonzero(self.body >= 0.5)
        return int(likely[-1]) if likely.size else default


def best_run(
    prose_chars: list[float], prose: list[bool], penalty: float = _PENALTY
) -> tuple[int, int]:
    """The run of lines that is most prose: the maximum-sum segment, a prose line counting its
    characters and any other line costing a fixed penalty (Kadane)."""
    best, best_span = -math.inf, (0, 0)
    total, start = 0.0, 0
    for i, (chars, is_prose) in enumerate(zip(prose_chars, prose, strict=True)):
        gain = chars if is_prose else -penalty
        if total <= 0:
            total, start = gain, i
        else:
            total += gain
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _topicality(
    texts: list[str], prose: npt.NDArray[np.bool_], start: int, end: int
) -> tuple[list[float], list[float]]:
    """How much each line speaks of what the article's run speaks of: the share of its terms
    printed in two or more prose lines of the run besides itself, and how many such terms."""
    per_line = [terms(t) for t in texts]
    counts: Counter[str] = Counter()
    for i in range(start, end):
        if prose[i]:
            counts.update(per_line[i])
    # A term counts when two run lines print it besides the line itself (three, for a line of
    # the run): set intersections, not a count per term.
    twice = {t for t, c in counts.items() if c >= 2}
    thrice = {t for t in twice if counts[t] >= 3}
    shares, numbers = [], []
    for i, own in enumerate(per_line):
        topical = len(own & (thrice if start <= i < end and prose[i] else twice))
        shares.append(topical / len(own) if own else 0.0)
        numbers.append(float(min(topical, 20)))
    return shares, numbers


def _run_columns(idx: Matrix, span: tuple[int, int], prose_chars: Matrix) -> list[Matrix]:
    start, end = span
    share = float(prose_chars[start:end].sum()) / max(1.0, float(prose_chars.sum()))
    return [
        ((idx >= start) & (idx < end)).astype(np.float64),
        np.clip(idx - start, -40, 40),
        np.clip(end - 1 - idx, -40, 40),
        np.full(idx.size, share),
    ]


_SCRIPT_SHARES = [_I["cjk_share"], _I["hangul_share"]]
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Of a capture's prose characters, the share in CJK scripts (Hangul, kana, Han) above which the
# capture is written in them: a Korean, Japanese or Chinese paragraph holds 0.7 and more (the
# rest spaces, figures, marks), a European one none.
_CJK_CAPTURE = 0.35


def _foreign_script(local: Matrix, lines: list[Line], chars: Matrix) -> Matrix:
    """The lines' signals with their CJK and Hangul shares read as shares of a script foreign
    to the capture. The model learned them on captures in Latin script, where a line in Hangul
    or Han is a language link or a menu; in a capture written in those scripts its own
    paragraphs would read so. There, a line's share is that of its Latin letters instead.
    (`chars`: each line's length.)"""
    prose = local[:, _I["prose"]] > 0
    cjk_chars = float((local[:, _I["cjk_share"]] * chars)[prose].sum())
    if not prose.any() or cjk_chars / max(1.0, float(chars[prose].sum())) < _CJK_CAPTURE:
        return local
    foreign = np.array(
        [len(_LATIN_LETTER.findall(line.text)) / max(1, len(line.text)) for line in lines]
    )
    shifted = local.copy()
    for column in _SCRIPT_SHARES:
        shifted[:, column] = foreign
    return shifted


def body_matrix(lines: list[Line]) -> tuple[Matrix, Matrix]:
    """The body model's rows, one per line (BODY_FEATURES), and the lines' own signals."""
    n = len(lines)
    own = np.array([local_signals(line.text) for line in lines], dtype=np.float64)
    if n == 0:
        return np.zeros((0, len(BODY_FEATURES))), np.zeros((0, len(LOCAL)))
    local = _foreign_script(own, lines, np.array([len(line.text) for line in lines], float))
    texts = [line.text for line in lines]
    prose = local[:, _I["prose"]] > 0
    lengths = np.array([text_length(t) for t in texts], dtype=np.float64)
    prose_chars = np.where(prose, lengths, 0.0)
    total_prose = max(1.0, float(prose_chars.sum()))
    span = best_run(list(prose_chars), list(prose))
    loose = best_run(list(prose_chars), list(prose), _PENALTY / 4)
    counts = Counter(texts)
    idx = np.arange(n, dtype=np.float64)
    ends = local[:, _I["end_marker"]]
    ends_before = np.cumsum(ends) - ends
    topic_share, topic_count = _topicality(texts, prose, *span)
    columns = [
        np.minimum(idx, 80),
        np.minimum(n - 1 - idx, 80),
        idx / max(1, n - 1),
        np.array([line.blank_before for line in lines], dtype=np.float64),
        np.array([line.blank_after for line in lines], dtype=np.float64),
        np.full(n, math.log1p(n)),
        np.full(n, float(prose.mean())),
        np.array([min(3, counts[t] - 1) for t in texts], dtype=np.float64),
        (np.cumsum(prose_chars) - prose_chars) / total_prose,
        moving_mean(prose.astype(np.float64), 7),
        *_run_columns(idx, span, prose_chars),
        np.array(topic_share),
        np.array(topic_count),
        np.minimum(ends_before, 3),
        np.minimum(float(ends.sum()) - ends_before - ends, 3),
        *_run_columns(idx, loose, prose_chars),
    ]
    for offset in _OFFSETS:
        src = local[:, _NEIGHBOUR_AT]
        shifted = np.full((n, len(_NEIGHBOUR)), -1.0)
        if offset < 0:
            shifted[-offset:] = src[: n + offset]
        else:
            shifted[: n - offset] = src[offset:]
        columns.extend(shifted.T)
    return np.hstack([local, np.column_stack(columns)]), own


def read_article(lines: list[Line]) -> ArticleLines:
    rows, local = body_matrix(lines)
    body = forest("text_body").probabilities(rows)
    lengths = np.array([len(line.text) for line in lines], dtype=np.float64)
    repeated = (rows[:, _REPEATS] > 0).astype(np.float64)  # printed again in the capture
    return ArticleLines(local, body, keep_runs(body, lengths), repeated)
