"""Publication dates printed in a page, for pages whose metadata carries none.

In order: labelled dates ("Published", "Veröffentlicht am"), then elements marked as dates by class,
id or itemprop (and their machine-readable attributes), then the address, then the first date
printed near the top of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..dates import UPDATED_LABEL, Stamp, find_dates
from .body import Block
from .dom import HtmlElement, attr_text
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
    index: int  # the text block it is printed in (or beside), in document order
    labelled: bool
    updated: bool
    machine: bool  # read from an attribute (datetime=, content=, title=)
    linked: bool = False  # printed inside a link-heavy block


def _plausible(stamp: Stamp) -> bool:
    try:
        day = date(stamp.year, stamp.month, stamp.day)
    except ValueError:
        return False
    return date(1995, 1, 1) <= day <= date.today()


def date_candidates(root: HtmlElement, blocks: list[Block]) -> list[DateCandidate]:
    """Dates printed in the page, in document order: machine-readable attributes of elements
    marked as dates, and the dates in short text blocks (call after strip_code, before pruning).
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
                stamp = parse_iso(value) if attr != "title" else None
                if stamp is None:
                    matches = find_dates(value)
                    stamp = matches[0].stamp if matches else None
                if stamp and _plausible(stamp):
                    owner = el
                    while owner is not None and id(owner) not in position:
                        owner = owner.getparent()
                    index = position.get(id(owner), 0) if owner is not None else 0
                    updated = bool(re.search(r"modif|updat|aktualis", marker))
                    found.append(DateCandidate(stamp, index, False, updated, True, False))
                    break
    for index, block in enumerate(blocks):
        # Short lines whole; of a paragraph only its start ("27.1.2022 - Bei der ...").
        text = block.text if len(block.text) <= 300 else block.text[:40]
        # A date in a menu entry or a link to another article counts only when nothing else does.
        linked = block.link_density > 0.7 and len(block.text) > 30
        for m in find_dates(text):
            if _plausible(m.stamp):
                found.append(
                    DateCandidate(
                        m.stamp, index, m.label is not None, m.label == "updated", False, linked
                    )
                )
    found.sort(key=lambda c: c.index)
    return found


def choose_published(
    candidates: list[DateCandidate], headline_index: int | None, url_date: Stamp | None = None
) -> tuple[Stamp | None, Stamp | None]:
    """The published and updated dates among the page's printed dates.

    A labelled date ("Published 8 May") wins, then a date in the address; otherwise the date
    printed nearest the headline,
    looking below it first (bylines and date lines sit under headlines); a modified date is never
    taken for the published one.
    """
    updated = next((c.stamp for c in candidates if c.updated), None)
    posted_labelled = [c for c in candidates if c.labelled and not c.updated and not c.linked]
    if posted_labelled:
        return posted_labelled[0].stamp, updated
    if url_date is not None:
        return url_date, updated
    plain = [c for c in candidates if not c.updated and not c.linked] or [
        c for c in candidates if not c.updated
    ]
    if not plain:
        return None, updated
    if headline_index is None:
        return plain[0].stamp, updated

    def distance(c: DateCandidate) -> float:
        gap = c.index - headline_index
        return gap if gap >= 0 else -gap * 2.5

    return min(plain, key=distance).stamp, updated


def printed_update(blocks: list[Block]) -> Stamp | None:
    """An "Updated ..." line printed in the page (when metadata gives only the publication)."""
    for block in blocks:
        if len(block.text) <= 200 and UPDATED_LABEL.search(block.text):
            for m in find_dates(block.text):
                if m.label == "updated" and _plausible(m.stamp):
                    return m.stamp
    return None
