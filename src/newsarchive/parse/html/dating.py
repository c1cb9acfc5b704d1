"""Choosing a saved page's posting date among the dates it gives.

Candidates: the metadata's dates (JSON-LD datePublished, dateCreated, dateModified; meta tags),
machine-readable attributes of elements marked as dates (<time datetime>), dates printed in
the page's text blocks, the date in the address and in <title>. A learned model
(`models/html_date.json`) scores each from its source, its label ("Published", "Updated"), where
it is printed relative to the headline and the article's body, and how it compares with the
others (how many agree on its day, the earliest, the latest). The best is the posting date.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
from lxml import etree

from ..dates import (
    UPDATED_LABEL,
    DateMatch,
    Stamp,
    date_from_url,
    dates_under,
    find_dates,
    in_order,
    month_first,
)
from ..learned import Matrix, forest
from .blocks import Block
from .dom import HtmlElement, attr_text
from .features import PageKind
from .metadata import parse_iso

_DATE_HINT = re.compile(
    r"date|time|publish|posted|datum|fecha|data|meta|byline|dateline|stamp|zeit|calendar|entry"
)
# Elements that may carry a date; the class test runs in Python (XPath string functions over
# every element cost more than they save).
_MAY_HOLD_DATE = etree.XPath(
    ".//*[@class or @id or @itemprop or @title or @datetime or @data-date or @data-time"
    " or @data-timestamp] | .//time"
)
_MACHINE_ATTRS = ("datetime", "content", "data-date", "data-time", "data-timestamp", "title")


@dataclass(frozen=True)
class DateCandidate:
    stamp: Stamp
    index: int  # the text block it is printed in (or beside), in document order; -1: none
    labelled: bool
    updated: bool
    machine: bool  # read from an attribute (datetime=, content=, title=)
    linked: bool = False  # printed inside a link-heavy block
    source: str = "printed"  # or "machine", "url", "title", or a metadata source

    @property
    def day(self) -> date:
        return date(self.stamp.year, self.stamp.month, self.stamp.day)


def _plausible(stamp: Stamp) -> bool:
    try:
        day = date(stamp.year, stamp.month, stamp.day)
    except ValueError:
        return False
    return date(1995, 1, 1) <= day <= date.today()


def _printed(block: Block) -> str:
    """What of a block is read for dates: short blocks whole, of a paragraph only its start
    ("3.2.2021 - Die Stadt ...")."""
    return block.text if len(block.text) <= 300 else block.text[:40]


def slash_order(blocks: list[Block], language: str | None, url: str | None) -> bool:
    """Whether the page prints dates in figures month first (see dates.month_first)."""
    printed = [m for block in blocks for m in find_dates(_printed(block))]
    return month_first(printed, language, date_from_url(url) if url else None)


def _read(matches: list[DateMatch], by_month: bool) -> list[DateMatch]:
    return [in_order(m, by_month) for m in matches]


def date_candidates(
    root: HtmlElement, blocks: list[Block], by_month: bool = False
) -> list[DateCandidate]:
    """Dates printed in the page, in document order: machine-readable attributes of elements
    marked as dates, and the dates in short text blocks (call after strip_code, before pruning).
    Dates in figures with slashes read month first where `by_month` says so (slash_order).
    """
    found: list[DateCandidate] = []
    position = {id(b.element): i for i, b in enumerate(blocks)}
    body = root.find("body")
    for el in _MAY_HOLD_DATE(body if body is not None else root):
        marker = (attr_text(el) + " " + str(el.get("itemprop") or "")).lower()
        machine = el.get("datetime") or el.get("data-date") or el.get("data-timestamp")
        unmarked = el.get("title") is None and not _DATE_HINT.search(marker)
        if el.tag != "time" and not machine and unmarked:
            continue
        for attr in _MACHINE_ATTRS:
            value = el.get(attr)
            if value and re.search(r"\d{4}", value):
                # Figures with slashes are read as the page prints them (parse_iso cannot).
                slashed = attr == "title" or "/" in value
                stamp = None if slashed else parse_iso(value)
                if stamp is None:
                    matches = _read(find_dates(value), by_month)
                    stamp = matches[0].stamp if matches else None
                if stamp and _plausible(stamp):
                    owner = el
                    while owner is not None and id(owner) not in position:
                        owner = owner.getparent()
                    index = position.get(id(owner), 0) if owner is not None else 0
                    updated = bool(re.search(r"modif|updat|aktualis", marker))
                    found.append(
                        DateCandidate(stamp, index, False, updated, True, False, "machine")
                    )
                    break
    for index, block in enumerate(blocks):
        # A date in a menu entry or a link to another article counts only when nothing else does.
        linked = block.link_density > 0.7 and len(block.text) > 30
        before = blocks[index - 1].text if index else None
        for m in _read(dates_under(_printed(block), before), by_month):
            if _plausible(m.stamp):
                found.append(
                    DateCandidate(
                        m.stamp, index, m.label is not None, m.label == "updated", False, linked
                    )
                )
    found.sort(key=lambda c: c.index)
    return found


def printed_update(blocks: list[Block], by_month: bool = False) -> Stamp | None:
    """An "Updated ..." line printed in the page (when metadata gives only the publication)."""
    for index, block in enumerate(blocks):
        before = blocks[index - 1].text if index else ""
        if len(block.text) > 200 or not (
            UPDATED_LABEL.search(block.text) or UPDATED_LABEL.search(before)
        ):
            continue
        for m in _read(dates_under(block.text, before), by_month):
            if m.label == "updated" and _plausible(m.stamp):
                return m.stamp
    return None


META_SOURCES = ("ld_published", "ld_created", "ld_modified", "meta_published", "meta_modified")
SOURCES = (*META_SOURCES, "machine", "printed", "url", "title")
_POSTING_METADATA = ("ld_published", "ld_created", "meta_published")
_MAX_CANDIDATES = 120


def all_candidates(
    meta_dates: list[tuple[str, Stamp]],
    page_dates: list[DateCandidate],
    url: str | None,
    title: str | None,
    by_month: bool = False,
) -> list[DateCandidate]:
    found = [
        DateCandidate(stamp, -1, False, source.endswith("modified"), True, False, source)
        for source, stamp in meta_dates
        if _plausible(stamp)
    ]
    found.extend(page_dates[:_MAX_CANDIDATES])
    url_date = date_from_url(url) if url else None
    if url_date is not None:
        found.append(DateCandidate(url_date, -1, False, False, False, False, "url"))
    for m in _read(find_dates(title or "")[:1], by_month):
        if _plausible(m.stamp):
            found.append(DateCandidate(m.stamp, -1, False, False, False, False, "title"))
    return found


DATE_FEATURES = (
    *(f"from_{s}" for s in SOURCES),
    "labelled",
    "updated",
    "has_time",
    "has_zone",
    "linked",
    "printed_from_headline",
    "printed_from_body",
    "printed_p_body",
    "printed_kept",
    "same_day",
    "same_day_meta",
    "same_day_published",
    "same_day_modified",
    "days_after_earliest_log",
    "days_before_latest_log",
    "is_earliest",
    "is_latest",
    "printed_rank",
    "candidates",
    "page_has_published",
    "page_news",
    "page_article",
    "page_og_article",
)


def date_rows(
    found: list[DateCandidate],
    headline_at: int | None,
    p_body: Matrix,
    kept: Matrix,
    kind: PageKind,
) -> Matrix:
    if not found:
        return np.zeros((0, len(DATE_FEATURES)))
    first_body = int(np.flatnonzero(kept)[0]) if kept.any() else p_body.size
    days = [c.day for c in found]
    earliest, latest = min(days), max(days)
    meta_days = [c.day for c in found if c.source in META_SOURCES]
    published = {c.day for c in found if c.source in META_SOURCES and not c.updated}
    modified = {c.day for c in found if c.source in META_SOURCES and c.updated}
    has_published = any(c.source in ("ld_published", "meta_published") for c in found)
    rows = []
    printed_rank = 0
    for c in found:
        at = c.index if c.index >= 0 else None
        printed = at is not None and at < p_body.size
        rows.append(
            [
                *(float(c.source == s) for s in SOURCES),
                float(c.labelled),
                float(c.updated),
                float(c.stamp.has_time),
                float(c.stamp.offset_minutes is not None),
                float(c.linked),
                float(np.clip(at - headline_at, -60, 60))
                if printed and headline_at is not None and at is not None
                else 99.0,
                float(np.clip(at - first_body, -60, 60)) if printed and at is not None else 99.0,
                float(p_body[at]) if printed and at is not None else -1.0,
                float(kept[at]) if printed and at is not None else -1.0,
                float(sum(1 for d in days if d == c.day)),
                float(sum(1 for d in meta_days if d == c.day)),
                float(c.day in published),
                float(c.day in modified),
                math.log1p((c.day - earliest).days),
                math.log1p((latest - c.day).days),
                float(c.day == earliest),
                float(c.day == latest),
                float(min(printed_rank, 30)) if c.source == "printed" else -1.0,
                float(min(len(found), 60)),
                float(has_published),
                float(kind.news),
                float(kind.article),
                float(kind.og_article),
            ]
        )
        if c.source == "printed":
            printed_rank += 1
    return np.array(rows, dtype=np.float64)


def choose_posted(found: list[DateCandidate], rows: Matrix) -> Stamp | None:
    if not found:
        return None
    best = found[int(np.argmax(forest("html_date").margins(rows)))]
    if best.labelled and best.updated:
        # The page prints which of its dates is the posting: an "Updated" date beside a
        # "Posted" one is the update.
        posted = [
            c
            for c in found
            if c.labelled
            and not c.updated
            and not c.linked
            and c.day <= best.day
            and abs(c.index - best.index) <= 2
        ]
        best = min(posted, key=lambda c: abs(c.index - best.index)) if posted else best
    # The chosen day as precisely as the page gives it: a time and an offset from metadata
    # or a machine-readable attribute beat the same day printed without them.
    same_day = [c for c in found if c.day == best.day]
    precise = max(
        same_day,
        key=lambda c: (
            c.stamp.offset_minutes is not None,
            c.stamp.has_time,
            not c.updated,
            c is best,
        ),
    )
    return in_publisher_zone(with_printed_offset(precise.stamp, found), found)


def _instant(stamp: Stamp) -> datetime | None:
    """The stamp's instant to the minute, when it states its offset."""
    moment = stamp.moment()
    return moment.replace(second=0) if moment else None


def in_publisher_zone(stamp: Stamp, found: list[DateCandidate]) -> Stamp:
    """A time given in UTC, as the page also gives it in its own zone: many publishing systems
    write metadata in UTC and the page's time elements in local time. The instant is the same;
    the local offset keeps the day the publisher printed."""
    moment = _instant(stamp)
    if moment is None or stamp.offset_minutes != 0:
        return stamp
    for c in found:
        if c.stamp.offset_minutes and _instant(c.stamp) == moment:
            return c.stamp
    # Or prints it without its zone, under a posting label: the wall time gives the offset.
    offsets = {
        offset
        for c in found
        if c.source == "printed"
        and c.labelled
        and not c.updated
        and not c.linked
        and (offset := _offset_between(c.stamp, moment)) is not None
    }
    exact = stamp.moment()
    if len(offsets) == 1 and exact is not None:
        offset = offsets.pop()
        local = exact.astimezone(timezone(timedelta(minutes=offset)))
        second = local.second if stamp.second is not None else None
        return Stamp(local.year, local.month, local.day, local.hour, local.minute, second, offset)
    return stamp


def with_printed_offset(stamp: Stamp, found: list[DateCandidate]) -> Stamp:
    """A time printed without its zone, with the offset the page's metadata gives away: the
    same posting instant written in UTC ("PUBLISHED: November 5, 2024 at 10:12 p.m." beside
    published_time 2024-11-06T03:12Z is 22:12 at -05:00)."""
    if not stamp.has_time or stamp.offset_minutes is not None:
        return stamp
    offset = _printed_offset(found, stamp)
    return replace(stamp, offset_minutes=offset) if offset is not None else stamp


def _printed_offset(found: list[DateCandidate], printed: Stamp) -> int | None:
    """The publisher's offset, from the posting time chosen, printed without a zone, and the
    posting instant the page's metadata states: the wall time less the instant, when that is
    a whole or half hour of at most 14, and the one such offset of the metadata's posting
    instants (an update's time and other times of the page are not asked)."""
    offsets = {
        offset
        for c in found
        if c.source in _POSTING_METADATA
        and (moment := _instant(c.stamp)) is not None
        and (offset := _offset_between(printed, moment)) is not None
    }
    return offsets.pop() if len(offsets) == 1 else None


def _offset_between(printed: Stamp, moment: datetime) -> int | None:
    """The offset at which a wall time printed without its zone is the instant: a whole or
    half hour of at most 14, else None (two unrelated times rarely differ so, to the minute)."""
    if printed.offset_minutes is not None or printed.hour is None or printed.minute is None:
        return None
    clock = datetime(printed.year, printed.month, printed.day, printed.hour, printed.minute)
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    minutes = int((clock - utc).total_seconds() // 60)
    return minutes if abs(minutes) <= 14 * 60 and minutes % 30 == 0 else None
