"""One HTML page into what the record needs.

Order of trust: JSON-LD and meta tags, then <time> and visible bylines, then the text parser's
line rules over the body's neighbourhood. Site profiles may add selectors; the generic path needs
none.
"""

from __future__ import annotations

import re

from ...record import Author
from .. import sites
from ..bylines import AUTHOR_LABEL, parse_byline
from ..dates import date_from_url, find_dates
from ..extracted import Extracted
from ..language import language_of_name
from ..lines import date_line
from ..sources import domain_of_url, known_domains_in
from .authors import clean_names
from .body import Block, extract_paragraphs, prune, strip_code, text_blocks
from .dates import choose_published, date_candidates, printed_update
from .dom import HtmlElement, attr_text, clean_space, drop_tree, parse_document, text_of
from .metadata import PageMeta, read_metadata

_BYLINE_HINT = re.compile(r"byline|author|writer|reporter|credit|journalist|verfasser|autor")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»/]\s+")


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def choose_headline(meta: PageMeta, root: HtmlElement) -> str:
    """The headline most sources agree on: JSON-LD, og:title, the first <h1>, <title>.

    Titles lose an appended site name first ("Headline - The Namibian"); ties go to the more
    structured source.
    """
    # The site's name in an <h1> (a logo) is not the headline: "Harbour News" over the menus.
    site = {_norm(meta.site_name or "")} - {""}
    if meta.title and len(parts := _TITLE_SEPARATORS.split(meta.title)) > 1:
        longest = max(parts, key=len)
        site |= {_norm(p) for p in parts if p != longest}
    h1 = next(
        (t for h in root.iter("h1") if 3 <= len(t := text_of(h)) <= 400 and _norm(t) not in site),
        None,
    )
    sources = [
        meta.headline,
        _strip_site(meta.og_title, meta) if meta.og_title else None,
        h1,
        _strip_site(meta.title, meta) if meta.title else None,
    ]
    candidates = [c for c in sources if c]
    if not candidates:
        return ""
    votes: dict[str, float] = {}
    for i, c in enumerate(sources):
        if c:
            votes[_norm(c)] = votes.get(_norm(c), 0.0) + (0.5 if i == 3 else 1.0)
    # <title> only votes: it is written for browsers' tabs, not printed as the headline.
    ranked = [c for c in sources[:3] if c] or candidates
    return max(ranked, key=lambda c: (votes[_norm(c)], -ranked.index(c)))


def _strip_site(title: str, meta: PageMeta) -> str:
    """ "Headline - Site" -> "Headline", when an end part names the site or its domain."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {_norm(meta.site_name or "").replace(" ", "")}
    if meta.canonical and "//" in meta.canonical:
        host = meta.canonical.split("/")[2].lower().removeprefix("www.")
        names |= {host.replace(".", ""), host.split(".")[0]}
    names.discard("")

    def is_site(part: str) -> bool:
        key = _norm(part).replace(" ", "")
        return bool(key) and any(key in n or n in key for n in names)

    # Trailing dates and the site's name: "Headline | DW | 28.04.2023".
    while len(parts) > 1 and (is_site(parts[-1]) or find_dates(parts[-1])):
        title = title[: title.rfind(parts[-1])].rstrip(" |-–—:·»/")
        parts = parts[:-1]
    if len(parts) < 2:
        return title
    if is_site(parts[0]):
        return title[len(parts[0]) :].lstrip(" |-–—:·»/")
    return title


def _visible_byline(root: HtmlElement, site: str | None) -> tuple[str | None, list[str]]:
    """The first element marked as a byline (class, itemprop, rel=author): its text and names.

    Only the first: later ones are author boxes of other articles, teasers, comment forms.
    """
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "meta", "link", "body"):
            continue
        marker = attr_text(el) + " " + (el.get("itemprop") or "") + " " + (el.get("rel") or "")
        if not _BYLINE_HINT.search(marker.lower()):
            continue
        text = text_of(el)
        if not text or len(text) > 120:
            continue
        names = clean_names([text], site)
        if names:
            return text, names
    return None, []


_LABEL_TAGS = ("strong", "b", "span", "dt", "th", "em", "label")


def _labelled_byline(root: HtmlElement, site: str | None) -> tuple[str | None, list[str]]:
    """A name printed after its label in the page's own facts box:
    <li><strong>Autorin/Autor</strong> Roman Goncharenko</li>."""
    for label in root.iter(*_LABEL_TAGS):
        said = text_of(label)
        if not AUTHOR_LABEL.match(said):
            continue
        holder = label.getparent()
        if holder is None:
            continue
        text = text_of(holder)
        rest = text[len(said) :].strip() if text.startswith(said) else ""
        if not rest or len(rest) > 80:
            continue
        names = clean_names([rest], site)
        if names:
            return text, names
    return None, []


def _strip_header_lines(paragraphs: list[str], headline: str) -> tuple[list[str], list[str]]:
    """Drop the headline, date lines and bylines that sit at the body's edges."""
    kept: list[str] = []
    bylines: list[str] = []
    head = _norm(headline)
    for i, text in enumerate(paragraphs):
        at_edge = i < 4 or i >= len(paragraphs) - 3
        if i < 4 and _norm(text) == head:
            continue
        if at_edge and len(text) < 160 and date_line(text):
            continue
        if at_edge and len(text) < 120:
            byline = parse_byline(text)
            if byline and (byline.authors or byline.emails):
                bylines.append(text)
                continue
        kept.append(text)
    return kept, bylines


def _lead(meta: PageMeta, blocks: list[Block], paragraphs: list[str]) -> str | None:
    """The standfirst: the page's description, printed above the body but outside its container.

    Only a description the page really prints counts (a block of the page says it), so a
    description written for search engines alone never enters the body.
    """
    if not meta.description or not paragraphs:
        return None
    desc = _norm(meta.description)
    if len(desc) < 40 or any(desc in _norm(p) for p in paragraphs[:3]):
        return None
    low, high = len(meta.description) * 0.8, len(meta.description) * 1.3
    for block in blocks:
        if not low <= len(block.text) <= high:
            continue
        if block.tag in ("p", "div", "h2", "section", "header", "span", "strong", "li"):
            text = _norm(block.text)
            if text == desc or (text.startswith(desc) and len(text) < len(desc) * 1.2):
                return clean_space(block.text)
    return None


def _headline_index(blocks: list[Block], headline: str) -> int | None:
    """Where the headline is printed: the block that reads as the headline, else the first
    <h1> (a site's logo may be an <h1> too: "News.az" above the menus)."""
    head = _norm(headline)
    if head:
        same = next((i for i, block in enumerate(blocks) if _norm(block.text) == head), None)
        if same is not None:
            return same
    return next((i for i, block in enumerate(blocks) if block.tag == "h1"), None)


def _language_links(root: HtmlElement) -> list[str]:
    """Editions a page links to by their language's name: <a href=...>한국어</a>, "中文"."""
    tags: list[str] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        text = a.text or ""
        if not href or href.startswith(("#", "javascript:")) or not 1 < len(text.strip()) < 25:
            continue
        tag = language_of_name(clean_space(text_of(a)))
        if tag and tag not in tags:
            tags.append(tag)
    return tags


_SENTENCE_END = re.compile(r"[.!?。！？…:\"”’»)]\s*$")


def _trim_edges(paragraphs: list[str]) -> list[str]:
    """Short label-like lines at the body's edges ("in Nachrichten", "Related topics") are
    section names and tags, not article: a body neither starts nor ends with a heading."""
    start, end = 0, len(paragraphs)
    while (
        end > start
        and len(paragraphs[end - 1]) < 40
        and not _SENTENCE_END.search(paragraphs[end - 1])
    ):
        end -= 1
    while (
        start < end and len(paragraphs[start]) < 25 and not _SENTENCE_END.search(paragraphs[start])
    ):
        start += 1
    return paragraphs[start:end]


def parse_html(markup: str, url: str | None = None) -> Extracted:
    root = parse_document(markup)
    found = Extracted(url=url)
    if root is None:
        return found
    meta = read_metadata(root)
    found.url = url or meta.canonical
    domain = domain_of_url(found.url) if found.url else None
    found.headline = choose_headline(meta, root)
    found.language = meta.lang
    links = meta.translations + [t for t in _language_links(root) if t not in meta.translations]
    found.translations = [t for t in links if t != meta.lang]

    strip_code(root)
    blocks = text_blocks(root)
    found.posted, found.updated = meta.published, meta.modified
    if found.posted is None:
        printed_posted, printed_updated = choose_published(
            date_candidates(root, blocks),
            _headline_index(blocks, found.headline),
            next((d for u in (found.url, meta.canonical) if u and (d := date_from_url(u))), None),
        )
        found.posted = printed_posted
        found.updated = found.updated or printed_updated
    elif found.updated is None:
        found.updated = printed_update(blocks)
    if found.posted is None and meta.title:
        title_dates = find_dates(meta.title)
        found.posted = title_dates[0].stamp if title_dates else None

    site = meta.site_name or domain
    names = clean_names(meta.authors, site) if meta.authors else []
    printed, printed_names = _visible_byline(root, site)
    if not names and not printed_names:
        printed, printed_names = _labelled_byline(root, site)
    found.byline = printed
    for name in names or printed_names:
        found.add_author(Author(name))

    profile = sites.for_domain(domain) if domain else None
    named = None
    if profile and profile.drop_xpath:
        for el in root.xpath(profile.drop_xpath):
            drop_tree(el)
        blocks = text_blocks(root)
    kept = prune(root, blocks)
    if profile and profile.body_xpath:
        named = next(iter(root.xpath(profile.body_xpath)), None)
    paragraphs, _container = extract_paragraphs(root, kept, named)
    paragraphs, bylines = _strip_header_lines(paragraphs, found.headline)
    # The deck is the record's subheadline, not body (as in text captures): prefer the one the
    # page prints over a description written for search engines.
    found.subheadline = _lead(meta, blocks, paragraphs) or meta.description
    for line in bylines:
        byline = parse_byline(line)
        if byline:
            found.byline = found.byline or byline.text
            for email in byline.emails:
                found.add_email(email)
            known = {a.name for a in found.authors}
            for author in byline.authors:
                # The printed byline adds email, role and dateline to the names metadata gives.
                if author.name in known or not found.authors:
                    found.add_author(author)
    found.paragraphs = _trim_edges(paragraphs)
    if meta.article_body:
        # Pages that render the article with scripts still carry it in JSON-LD.
        ld_paragraphs = [p for p in (clean_space(x) for x in meta.article_body.split("\n")) if p]
        if sum(map(len, ld_paragraphs)) > 2 * sum(map(len, paragraphs)):
            found.paragraphs = ld_paragraphs

    found.domain_hints = known_domains_in(" ".join(paragraphs[-2:]))
    return found
