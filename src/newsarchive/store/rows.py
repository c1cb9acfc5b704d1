"""Between records and rows: an Article from its row, the UTC keys rows are sorted by, and which
of two editions is the later."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

from ..record import Article, Author, InputInfo, Source
from .models import ArticleRow, InputRow

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL


def utc_key(iso: str | None) -> datetime | None:
    """A sortable UTC instant for an ISO string; a bare day counts from its midnight."""
    if not iso:
        return None
    try:
        if len(iso) == 10:
            return datetime.combine(date.fromisoformat(iso), datetime.min.time())
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def iso_utc(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


EditionKey = tuple[bool, datetime, bool, datetime]


def edition_key(edition: Article | ArticleRow | dict[str, Any]) -> EditionKey:
    """Which of two editions of an article is the later: by updated time, else posted time
    (as UTC instants); an edition with neither counts as older than one with a time, and at
    the same moment one that says it was updated is the later (times known to the day alone
    often tie); then the one that existed later: a web archive's capture time (two crawls of
    a page that prints no update time), else when it was ingested: an article being ingested
    now is the latest, a version's record that says neither the oldest. Equal keys fall to
    arrival order (the caller's)."""
    if isinstance(edition, dict):  # a version's record: one that does not say is older
        updated, posted = edition.get("updated_at"), edition.get("posted_at")
        seen: str | datetime | None = (
            edition.get("captured_at")
            or (edition.get("input") or {}).get("captured_at")
            or edition.get("ingested_at")
        )
        unknown = datetime.min
    else:
        updated, posted = edition.updated_at, edition.posted_at
        info = edition.input
        seen = (info.captured_at if info is not None else None) or edition.ingested_at
        # Read from an export, it says when it came in; if not, it is no newer than what is
        # stored. Anything else is being ingested now.
        unknown = datetime.min if info is not None and info.imported else datetime.max
    moment = utc_key(updated) or utc_key(posted)
    if isinstance(seen, datetime):
        existed: datetime | None = seen.replace(tzinfo=None)  # a row's: naive UTC already
    else:
        existed = utc_key(seen)
    return (
        moment is not None,
        moment or datetime.min,
        updated is not None,
        existed or unknown,
    )


def same_edition(
    one: Article | ArticleRow | dict[str, Any], other: Article | ArticleRow | dict[str, Any]
) -> bool:
    """Whether two editions are dated alike (their moment; whether either says it was updated
    orders editions of other texts, it does not make the same text another edition)."""
    return edition_key(one)[:2] == edition_key(other)[:2]


_ADDRESS = re.compile(r"[^\s,;\[\]\"']+@[^\s,;\[\]\"']+")


def listed_emails(value: str | None) -> list[str] | None:
    """The emails column as stored: a JSON list of addresses; None when it is something else
    (edited by hand: `check` reports it)."""
    try:
        emails = json.loads(value or "[]")
    except ValueError:
        return None
    if isinstance(emails, list) and all(isinstance(e, str) for e in emails):
        return emails
    return None


def stored_emails(value: str | None) -> list[str]:
    """The emails column's addresses: the list as stored, or, where it was edited into
    something else (an address typed in), the addresses it holds, so the record is read."""
    listed = listed_emails(value)
    return listed if listed is not None else _ADDRESS.findall(value or "")


def article_from_row(row: ArticleRow) -> Article:
    """The record a stored row holds (loading its source, authors, languages and input)."""
    source = Source(row.source.name, row.source.domain) if row.source else None
    content = [lang.tag for lang in row.languages if lang.relation == "content"]
    translations = [lang.tag for lang in row.languages if lang.relation == "translation"]
    authors = [
        Author(link.author.name, link.author.email or None, link.role, link.dateline)
        for link in row.authors
    ]
    emails = stored_emails(row.emails)
    info = input_info(row.input) if row.input else InputInfo("", "", None, "")
    return Article(
        id=row.id,
        headline=row.headline,
        subheadline=row.subheadline,
        body=row.body,
        input=info,
        url=row.url,
        source=source,
        posted_at=row.posted_at,
        updated_at=row.updated_at,
        byline=row.byline,
        authors=authors,
        emails=emails,
        language=row.language,
        extraction=row.extraction,
        languages=content,
        translations=translations,
        ingested_at=iso_utc(row.ingested_at),
    )


def input_info(row: InputRow) -> InputInfo:
    """What an input row says of its original (its bytes aside)."""
    return InputInfo(
        row.path,
        row.format,
        row.encoding,
        row.sha256,
        row.size,
        row.container,
        row.record,
        row.captured_at,
        bool(row.imported),
    )
