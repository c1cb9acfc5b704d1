"""Choosing a capture's posting date among the dates it prints.

Every date printed in a line of reasonable length is a candidate. A learned model
(`models/text_date.json`) scores each from its label ("Posted", "Updated", "입력"), its line
(a line of dates, a byline, a sentence), where it stands relative to the headline and the
article's opening, and how it compares with the other dates (the latest, the earliest, printed
more than once). The best candidate, when it scores well enough, is the posting date; an
"Updated" date printed beside it is the update.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..dates import (
    DateMatch,
    Stamp,
    date_from_url,
    dates_under,
    in_order,
    month_first,
    with_region,
)
from ..language import identify
from ..learned import Matrix, forest
from .article import ArticleLines
from .authors import clip
from .capture import Line
from .signals import LOCAL

_I = {name: i for i, name in enumerate(LOCAL)}
_LINE = (
    "date_line",
    "words_log",
    "chars_log",
    "prose",
    "title",
    "byline",
    "by_prefix",
    "name_shaped",
    "furniture",
    "separators",
    "end_marker",
    "caption",
)
_LINE_AT = [_I[name] for name in _LINE]
_MAX_LINE = 400
_MAX_CANDIDATES = 200
_FAR = 60

DATE_FEATURES = (
    "label_posted",
    "label_updated",
    "has_time",
    "has_zone",
    *(f"line_{name}" for name in _LINE),
    "dates_in_line",
    "order_in_line",
    "index",
    "from_end",
    "doc_lines_log",
    "from_headline",
    "from_body_start",
    "mass_above",
    "p_body",
    "rank",
    "candidates",
    "same_day",
    "days_after_earliest_log",
    "days_before_latest_log",
    "is_latest",
    "is_earliest",
    "prev_date_line",
    "next_date_line",
)
DATE_THRESHOLD = 0.05  # on fold A, 0.2 loses one right date in twenty; 0.05 one in a hundred


@dataclass(frozen=True)
class DateCandidate:
    line: int
    match: DateMatch

    @property
    def day(self) -> date:
        stamp = self.match.stamp
        return date(stamp.year, stamp.month, stamp.day)


def date_candidates(
    lines: list[Line], article: ArticleLines, url: str | None = None
) -> list[DateCandidate]:
    found: list[DateCandidate] = []
    for i, line in enumerate(lines):
        if len(line.text) <= _MAX_LINE:
            before = lines[i - 1].text if i else None
            found.extend(DateCandidate(line.index, m) for m in dates_under(line.text, before))
        if len(found) >= _MAX_CANDIDATES:
            break
    found = found[:_MAX_CANDIDATES]
    if any(c.match.order == "either" for c in found):
        first = _month_first(found, lines, article, url)
        found = [DateCandidate(c.line, in_order(c.match, first)) for c in found]
    return found


def _month_first(
    found: list[DateCandidate], lines: list[Line], article: ArticleLines, url: str | None
) -> bool:
    """Whether the capture prints dates in figures month first (dates.month_first), its
    language told by the lines the body model likes."""
    liked = zip(lines, article.body.tolist(), strict=True)
    prose = " ".join(line.text for line, p in liked if p >= 0.5)
    language = with_region(identify(prose), url) if prose else None
    url_day = date_from_url(url) if url else None
    return month_first([c.match for c in found], language, url_day)


def date_rows(
    lines: list[Line], article: ArticleLines, headline_at: int | None, url: str | None = None
) -> tuple[list[DateCandidate], Matrix]:
    found = date_candidates(lines, article, url)
    if not found:
        return [], np.zeros((0, len(DATE_FEATURES)))
    n = len(lines)
    mass = article.body * np.array([len(line.text) for line in lines], dtype=np.float64)
    mass_above = (np.cumsum(mass) - mass) / max(1.0, float(mass.sum()))
    start = article.start()
    days = [c.day for c in found]
    earliest, latest = min(days), max(days)
    per_line: dict[int, int] = {}
    date_line_at = _I["date_line"]
    local = article.local.tolist()  # plain lists: reading numpy arrays item by item is slow
    body = article.body.tolist()
    above = mass_above.tolist()
    per_day: dict[date, int] = {}
    for d in days:
        per_day[d] = per_day.get(d, 0) + 1
    in_line: dict[int, int] = {}
    for c in found:
        in_line[c.line] = in_line.get(c.line, 0) + 1
    rows = []
    for rank, c in enumerate(found):
        order = per_line.get(c.line, 0)
        per_line[c.line] = order + 1
        stamp = c.match.stamp
        rows.append(
            [
                float(c.match.label == "posted"),
                float(c.match.label == "updated"),
                float(stamp.has_time),
                float(stamp.offset_minutes is not None),
                *[local[c.line][k] for k in _LINE_AT],
                float(in_line[c.line]),
                float(order),
                min(c.line, 300),
                min(n - 1 - c.line, 300),
                math.log1p(n),
                float(clip(c.line - headline_at, _FAR)) if headline_at is not None else 99.0,
                float(clip(c.line - start, _FAR)),
                above[c.line],
                body[c.line],
                float(min(rank, 50)),
                float(min(len(found), 50)),
                float(per_day[c.day]),
                math.log1p((c.day - earliest).days),
                math.log1p((latest - c.day).days),
                float(c.day == latest),
                float(c.day == earliest),
                local[c.line - 1][date_line_at] if c.line > 0 else -1.0,
                local[c.line + 1][date_line_at] if c.line + 1 < n else -1.0,
            ]
        )
    return found, np.array(rows, dtype=np.float64)


def _posted_apart(
    found: list[DateCandidate], chosen: DateCandidate, article: ArticleLines
) -> DateCandidate | None:
    """A posting date printed apart from the update chosen: above it, or after the article's
    text ("Updated ..." under the headline, "Published ..." under the last paragraph), on or
    before the update's day; not one further down the page (another article's)."""
    end = article.last_body(chosen.line)
    apart = [
        c
        for c in found
        if c.match.label == "posted"
        and c is not chosen
        and c.day <= chosen.day
        and c.line <= end + 3
    ]
    return apart[0] if apart else None


def choose_dates(
    lines: list[Line], article: ArticleLines, headline_at: int | None, url: str | None = None
) -> tuple[Stamp | None, Stamp | None]:
    """The posting date and the update date, when the capture prints them."""
    found, rows = date_rows(lines, article, headline_at, url)
    if not found:
        return None, None
    p = forest("text_date").probabilities(rows)
    best = int(np.argmax(p))
    if p[best] < DATE_THRESHOLD:
        return None, None
    chosen = found[best]

    def near(label: str) -> DateCandidate | None:
        return next(
            (
                c
                for c in found
                if c.match.label == label and c is not chosen and abs(c.line - chosen.line) <= 3
            ),
            None,
        )

    if chosen.match.label == "updated":
        # "Posted ... / Updated ...": an update chosen beside its posting date is the update,
        # and so is one printed after an unlabelled date of its own line ("date (updated date)").
        before = [
            c
            for c in found
            if c.line == chosen.line
            and c.match.label is None
            and c.match.end <= chosen.match.start
            and c.day <= chosen.day
        ]
        posted = (
            near("posted")
            or (before[-1] if before else None)
            or _posted_apart(found, chosen, article)
        )
        if posted is not None:
            return posted.match.stamp, chosen.match.stamp
        # Only an update printed: the best posting time there is, and the update it says it is.
        return chosen.match.stamp, chosen.match.stamp
    updated = near("updated")
    return chosen.match.stamp, updated.match.stamp if updated else None
