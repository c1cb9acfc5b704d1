"""The parser for plain-text captures of news pages: the article region copied as text, or a
whole page saved as text.

The capture is read into lines (`capture`); a learned model finds the article's lines
(`article`); others choose the headline (`headline`), the posting date (`dating`) and the
byline lines (`authors`) among the candidates each decision has. A few conventions are read by
rule, since no model needs to learn them: a crawler's header line, language-switch links, a
byline glued to a paragraph's end, a broadcast script's reporter, a portal's name beside the
date. When the model finds no article, the capture's best run of prose is the body and the
record says so (`extraction` "text:fallback").
"""

from __future__ import annotations

import re

from ...record import Author
from .. import boilerplate as bp
from .. import sites
from ..dates import POSTED_LABEL, TIME_ALONE, UPDATED_LABEL, find_dates
from ..extracted import Extracted
from ..lines import (
    date_line,
    is_code,
    is_markup,
    is_prose,
    is_teaser,
    is_title,
    language_links,
    may_be_deck,
    words,
)
from ..names import (
    broadcast_reporter,
    byline_part,
    emails_in,
    is_person,
    names_in,
    read_byline,
    split_trailing_byline,
    with_their_email,
)
from ..sources import domain_of_url, known_domains_in
from ..vocabulary import HANGUL
from .article import ArticleLines, best_run, read_article
from .authors import choose_bylines, lower_words
from .capture import Capture, Line, read_capture
from .dating import choose_dates
from .headline import choose_headline

__all__ = ["parse_text"]

_BREADCRUMB = re.compile(r"\s*(?:[/>›»]|\s[|]\s)\s*")
_NAME_BEFORE_DATE = re.compile(f"^([{HANGUL}]{{2,4}})\\s+\\d")
_BY_WORD = re.compile(r"(?:^|[|·•]\s*)(?:by|von|par|por)\s+\w", re.IGNORECASE)
MAX_LINES = 20_000
_CONTINUES = re.compile(r"(?:,|\b(?:and|und|et|y|&))\s*$")


def parse_text(text: str, url: str | None = None) -> Extracted:
    domain = domain_of_url(url) if url else None
    profile = (sites.for_domain(domain) if domain else None) or sites.for_text(text)
    capture = read_capture(text, profile.is_furniture if profile and profile.furniture else None)
    found = Extracted(url=url, extraction="text")
    lines = capture.lines
    if not lines or is_code([line.text for line in lines]):
        return found  # nothing, or a style sheet or a program saved as text: no article in it
    if len(lines) > MAX_LINES:
        # A capture of tens of thousands of lines (a book, a log) is read where an article
        # would stand, its start, in bounded time and memory; the record says so.
        lines = lines[:MAX_LINES]
        found.extraction = "text:cut"
    article = read_article(lines)
    # A crawler's header gives the headline; otherwise the model chooses one, unless its
    # choice reads as the article's opening sentence (a capture without a headline).
    headline_at = None if capture.header else choose_headline(lines, article)
    if headline_at is not None and _opening_sentence(lines[headline_at], article):
        headline_at = None
    common = lower_words(lines)
    byline_at = choose_bylines(lines, article, headline_at, common)
    glued = {i: g for i in byline_at if (g := _glued(lines[i].text)) is not None}
    body_at = _body_lines(lines, article, headline_at, [i for i in byline_at if i not in glued])
    if not body_at:
        body_at = _fallback(lines, headline_at)
        found.extraction = "text:fallback"
    _read_header(found, capture, lines, headline_at, article, byline_at)
    posted, updated = choose_dates(lines, article, headline_at, url)
    if found.posted is None:
        found.posted, found.updated = posted, updated
    for i in byline_at:
        if i in glued:
            _add_byline(found, glued[i][1], common)
        else:
            _read_byline_line(found, lines, i, common)
    found.paragraphs = [glued[i][0] if i in glued else lines[i].text for i in body_at]
    if found.subheadline in found.paragraphs:
        found.subheadline = None  # the fallback's prose: the body's, no deck
    if len(found.paragraphs) > 1 and _about_the_author(found.paragraphs[-1], found.authors):
        _email_of_the_named(found, found.paragraphs.pop())
    _read_conventions(found, lines, body_at)
    start = body_at[0] if body_at else len(lines)
    for line in lines[:start]:
        for tag in language_links(line.text) or []:
            if tag not in found.translations:
                found.translations.append(tag)
    for line in lines:
        if len(line.text) < 200 and ("@" in line.text or "©" in line.text):
            found.domain_hints.extend(known_domains_in(line.text))
    return found


def _opening_sentence(line: Line, article: ArticleLines) -> bool:
    """A body line that ends a sentence with a full stop reads as the article's opening, not
    as its headline (headlines end without one, or with a question or exclamation mark)."""
    text = line.text.rstrip()
    return article.is_body(line.index) and words(text) >= 6 and text.endswith((".", "。"))


# What a note about the writer says after the name it opens with: "Jane Roe is a staff writer".
_WRITER_NOTE = re.compile(
    r"\s(?:is|was|has been|covers|writes|reports|ist|schreibt|est|es|è|é)\s", re.IGNORECASE
)


# How a closing note asks readers to write to the writer: "Contact Jane Roe at jroe@...".
_CONTACT_NOTE = re.compile(
    r"(?:contact|reach|email|e-mail|write to|follow|kontakt|contacter|contactar|contattare)"
    r"\s+(?:the\s+(?:writer|reporter|author)|(?-i:[A-ZÀ-Þ]))",
    re.IGNORECASE,
)


def _email_of_the_named(found: Extracted, note: str) -> None:
    """The one address a closing note gives, for the one author it names who has none."""
    emails = emails_in(note)
    named = [a for a in found.authors if a.name in note and a.email is None]
    if len(emails) == 1 and len(named) == 1:
        found.add_author(Author(named[0].name, emails[0]))
        found.add_email(emails[0])


def _about_the_author(text: str, authors: list[Author]) -> bool:
    """A short closing note that opens with an author's name and says who they are, or that
    gives an address to write to the writer at."""
    if len(text) > 300:
        return False
    if any(text.startswith(a.name) and _WRITER_NOTE.match(text, len(a.name)) for a in authors):
        return True
    return "@" in text and bool(_CONTACT_NOTE.match(text)) and not text.endswith("?")


def _body_lines(
    lines: list[Line], article: ArticleLines, headline_at: int | None, byline_at: list[int]
) -> list[int]:
    # A byline line leaves the body (a sentence with its byline glued to its end is not given
    # here: the sentence stays, without the byline).
    skip = {i for i in byline_at if words(lines[i].text) <= 12}
    if headline_at is not None:
        skip.add(headline_at)
    headline = lines[headline_at].text if headline_at is not None else None
    body = [
        i
        for i, line in enumerate(lines)
        if article.in_text(i)
        and i not in skip
        and line.text != headline
        and not (len(line.text) < 100 and date_line(line.text))
        and not (len(line.text) < 24 and TIME_ALONE.match(line.text))
        and not (len(line.text) < 80 and bp.AD_BREAK.match(line.text))
        and not is_markup(line.text)
        and not (len(line.text) < 160 and bp.is_teaser_line(line.text.strip()))
        and not bp.credit_after_sentence(line.text)  # a photo's caption
    ]

    # A teaser inside the article: its label on a line of its own, then its title.
    def label(i: int) -> bool:
        text = lines[i].text if i >= 0 else ""
        return len(text) < 40 and bool(bp.TEASER_LABEL.match(text.strip()))

    body = [i for i in body if not label(i) and not (label(i - 1) and is_title(lines[i].text))]
    # Readers' comments follow the notice that opens or closes them: never the article's.
    for k, i in enumerate(body):
        if k >= 3 and bp.opens_comments(lines[i].text):
            body = body[:k]
            break
    # Nor does an article end with what closes a page (its tags, a notice, a copyright line),
    while len(body) > 1 and bp.is_end_marker(lines[body[-1]].text):
        body.pop()
    # or with a teaser for another: a title, then a snippet cut short.
    while len(body) > 1 and is_teaser(lines[body[-1]].text):
        body.pop()
        if len(body) > 1 and is_title(lines[body[-1]].text):
            body.pop()
    return body


def _fallback(lines: list[Line], headline_at: int | None) -> list[int]:
    """The capture's best run of prose, for a capture the model finds no article in."""
    prose = [is_prose(line.text) for line in lines]
    chars = [float(len(line.text)) if p else 0.0 for line, p in zip(lines, prose, strict=True)]
    start, end = best_run(chars, prose)
    run = [i for i in range(start, end) if prose[i] and i != headline_at]
    if run:
        return run
    longest = max(range(len(lines)), key=lambda i: len(lines[i].text))
    return [longest] if longest != headline_at and len(lines[longest].text.split()) >= 5 else []


def clean_headline(lines: list[Line], at: int) -> str:
    """The headline as printed, without a breadcrumb before it ("Home » Recipes » ..."), with
    the kicker a page prints on the line above ("LTE-Patent:")."""
    text = lines[at].text
    crumbs = [c for c in _BREADCRUMB.split(text) if c]
    if len(crumbs) >= 3 and len(crumbs[-1].split()) >= 3:
        text = crumbs[-1]
    if at > 0:
        above = lines[at - 1].text
        if (
            above.endswith(":")
            and 1 <= len(above.split()) <= 4
            and not above.isupper()
            and not date_line(above)
            and not bp.is_furniture(above)
        ):
            text = f"{above} {text}"
    return text


def _read_header(
    found: Extracted,
    capture: Capture,
    lines: list[Line],
    headline_at: int | None,
    article: ArticleLines,
    byline_at: list[int],
) -> None:
    header = capture.header
    if header is not None:
        found.headline = header.headline
        dates = find_dates(header.when)
        found.posted = dates[0].stamp if dates else None
        if header.byline:
            _add_byline(found, header.byline)
    elif headline_at is not None:
        found.headline = clean_headline(lines, headline_at)
        below = headline_at + 1
        if below < len(lines) and below not in byline_at and _deck(lines[below], article):
            found.subheadline = lines[below].text


def _deck(line: Line, article: ArticleLines) -> bool:
    """A deck: a sentence or a long title under the headline that is not the body's opening,
    a byline or a date line."""
    text = line.text
    return (
        not article.is_body(line.index)
        and len(text.split()) >= 6
        and not _BY_WORD.search(text)
        and may_be_deck(text)
    )


def _add_byline(found: Extracted, text: str, common: frozenset[str] = frozenset()) -> None:
    byline = read_byline(text)
    # Without a byline's own evidence (a by-word, an email, a role), a phrase whose every word
    # the capture prints in lower case elsewhere is common words ("Final Thoughts"), no name.
    authors = byline.authors if byline else [a for a in names_in(text) if not _common(a, common)]
    emails = byline.emails if byline else emails_in(text)
    if found.byline is None and (authors or emails):
        printed = byline.text if byline else text
        found.byline = byline_part(printed, [a.name for a in authors])
    for author in authors:
        found.add_author(author)
    for email in emails:
        found.add_email(email)
    found.authors[:] = with_their_email(found.authors, found.emails, found.byline or text)


def _common(author: Author, common: frozenset[str]) -> bool:
    words = [w.lower() for w in author.name.split() if len(w) >= 3]
    return bool(words) and all(w in common for w in words)


def _glued(text: str) -> tuple[str, str] | None:
    """A sentence and the byline glued to its end ("...설명했다.〈金大中기자〉"): the sentence is
    the article's, only the byline is read as one."""
    core, trailing = split_trailing_byline(text)
    return (core, trailing.text) if trailing is not None and is_prose(core) else None


def _read_byline_line(found: Extracted, lines: list[Line], i: int, common: frozenset[str]) -> None:
    text = lines[i].text
    if _CONTINUES.search(text) and i + 1 < len(lines):
        text = f"{text} {lines[i + 1].text}"  # "Jane Roe," / "John Doe": a byline on two lines
    _add_byline(found, text, common)


def _date_label(word: str) -> bool:
    """A date's label, not a name: "입력", "Updated"."""
    return bool(POSTED_LABEL.match(word) or UPDATED_LABEL.match(word))


def _read_conventions(found: Extracted, lines: list[Line], body_at: list[int]) -> None:
    """Bylines printed by convention rather than on a line of their own."""
    kept: list[str] = []
    for text in found.paragraphs:
        reporter = broadcast_reporter(text)
        if reporter:
            found.add_author(reporter)  # "박석호 기자가 보도합니다.": the script's reporter
        else:
            kept.append(text)
    if kept:
        core, trailing = split_trailing_byline(kept[-1])
        if trailing:
            kept[-1] = core
            for author in trailing.authors:
                found.add_author(author)
            for email in trailing.emails:
                found.add_email(email)
            found.byline = found.byline or trailing.text
    found.paragraphs = kept
    start = body_at[0] if body_at else len(lines)
    for line in lines[:start]:
        # A portal prints the reporter's name right before the date: "황정환 2021. 2. 2. 20:11".
        m = _NAME_BEFORE_DATE.match(line.text)
        name = m.group(1) if m else ""
        if m and date_line(line.text[m.end(1) :]) and not _date_label(name) and is_person(name):
            found.add_author(Author(name))
    # An email printed alone above or below the article ("(desk@example.com)") is its byline's.
    end = body_at[-1] + 1 if body_at else len(lines)
    for line in [*lines[:start], *lines[end : end + 6]]:
        byline = read_byline(line.text)
        if byline and byline.emails and not byline.authors:
            for email in byline.emails:
                found.add_email(email)
            found.byline = found.byline or byline.text
