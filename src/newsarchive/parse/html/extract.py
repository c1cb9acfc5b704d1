"""One saved page into what the record needs.

The page is read once (`analyse`): its tree, its metadata (JSON-LD, meta tags), its text blocks
with what the body model sees of each. Learned models then decide: which blocks are the body
(kept as runs), which title is the headline, which date the posting date, which byline names
the authors; each decision has its module. Site profiles may name the article's element and
furniture to drop; the generic path needs none. A page whose body the model finds empty falls
back to JSON-LD's articleBody, then to its longest block of prose, and says so in `extraction`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .. import boilerplate as bp
from .. import sites
from ..dates import with_region
from ..extracted import Extracted
from ..language import language_of_name
from ..learned import Matrix, contiguous, forest, interior_gaps
from ..lines import date_line, is_markup, is_prose, may_be_deck, text_length
from ..names import byline_part, read_byline
from ..sources import domain_of_url, known_domains_in
from ..vocabulary import JOB_TITLE
from . import authors as bylines
from . import dating
from . import headline as titles
from .blocks import FLAG_NAMES, Block, page_blocks, strip_code, strip_scripts
from .dom import HtmlElement, attr_text, clean_space, drop_tree, parse_document, text_of
from .features import PageFeatures, PageKind, block_features
from .metadata import PageMeta, read_metadata

# The decision on the body model's verdicts: blocks kept as runs (learned.contiguous), a
# switch costing 1.0 in log-odds weighted by the square root of a block's length over 5.
# Chosen on fold A by cross-validation (scripts/train_html.py prints the figures).
SWITCH_COST = 1.0
WEIGHT_SCALE = 5.0


def keep_runs(p_body: Matrix, blocks: list[Block]) -> Matrix:
    lengths = np.array([len(b.text) for b in blocks], dtype=np.float64)
    return contiguous(p_body, np.sqrt(1 + lengths) / WEIGHT_SCALE, SWITCH_COST)


# Section headings, list items and table rows (a cell's text is its row's block).
_STRUCTURE = frozenset({"h2", "h3", "h4", "h5", "h6", "li", "tr", "dd", "dt"})
# What HTML itself marks as beside the article: an aside, a menu, a footer. (Class names
# said too much: articles' own headings and lists sit in containers named "toc", "share" or
# "sidebar"; keeping them out cost wcxb's fold B 0.004 of body F1.)
_ELSEWHERE = sum(1 << FLAG_NAMES.index(name) for name in ("in_nav", "in_aside", "in_footer"))


def with_structure(kept: Matrix, blocks: list[Block]) -> Matrix:
    """The kept blocks and the headings, list items and table rows the runs leave out between
    two kept blocks: the article's text.

    They are short and end in no full stop, so the body model doubts each of them, and a run
    of doubts costs more than two switches: a section's heading or a list in the middle of an
    article would split it. A gap made only of such blocks, none of them inside an aside, a
    menu or a footer, and less than half of its text in links (not a list of other articles),
    is part of the article. (The other decisions read the runs alone, as they were trained.)
    """
    filled = kept.copy()
    for start, end in interior_gaps(kept):
        gap = blocks[start:end]
        if all(b.tag in _STRUCTURE and not b.flags & _ELSEWHERE for b in gap):
            links = sum(b.link_chars for b in gap)
            if 2 * links < sum(len(b.text) for b in gap):
                filled[start:end] = 1.0
    return filled


@dataclass
class PageAnalysis:
    """A page read once: its tree, metadata, a first headline and its blocks' features."""

    root: HtmlElement
    meta: PageMeta
    url: str | None
    domain: str | None
    headline: str  # the sources' consensus, which the body model reads as a landmark
    blocks: list[Block]
    features: PageFeatures
    kind: PageKind


@dataclass
class Choices:
    """The candidates of every decision that do not depend on the body: plain data."""

    titles: list[titles.TitleCandidate]
    site: set[str]
    site_name: str | None
    dates: list[dating.DateCandidate]
    authors: list[bylines.AuthorCandidate]
    headline_at: int | None
    month_first: bool  # dates in figures with slashes: 11/28/2024 rather than 28/11/2024


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def consensus_headline(meta: PageMeta, root: HtmlElement) -> str:
    """The title most sources agree on: JSON-LD, og:title, the first <h1>, <title> (which only
    votes). The body model reads where it is printed; the learned choice comes later."""
    site = {_norm(meta.site_name or "")} - {""}
    h1 = next(
        (t for h in root.iter("h1") if 3 <= len(t := text_of(h)) <= 400 and _norm(t) not in site),
        None,
    )
    sources = [
        meta.headline,
        titles.strip_site(meta.og_title, meta) if meta.og_title else None,
        h1,
        titles.strip_site(meta.title, meta) if meta.title else None,
    ]
    votes: dict[str, float] = {}
    for i, c in enumerate(sources):
        if c:
            votes[_norm(c)] = votes.get(_norm(c), 0.0) + (0.5 if i == 3 else 1.0)
    ranked = [c for c in sources[:3] if c] or [c for c in sources if c]
    if not ranked:
        return ""
    return max(ranked, key=lambda c: (votes[_norm(c)], -ranked.index(c)))


def analyse(markup: str, url: str | None = None) -> PageAnalysis | None:
    root = parse_document(markup)
    if root is None:
        return None
    meta = read_metadata(root)
    url = url or meta.canonical
    domain = domain_of_url(url) if url else None
    headline = consensus_headline(meta, root)
    strip_code(root)
    profile = sites.for_domain(domain) if domain else None
    if profile and profile.drop_xpath:
        for el in root.xpath(profile.drop_xpath):
            drop_tree(el)
    blocks = page_blocks(root)
    kind = PageKind(
        news=any("news" in t for t in meta.ld_types),
        article=bool(meta.ld_types),
        og_article=meta.og_type == "article",
        dated=meta.published is not None,
    )
    features = block_features(blocks, headline, kind)
    return PageAnalysis(root, meta, url, domain, headline, blocks, features, kind)


def choices_of(page: PageAnalysis) -> Choices:
    meta, blocks = page.meta, page.blocks
    head = _norm(page.headline)
    headline_at = next((i for i, b in enumerate(blocks) if head and _norm(b.text) == head), None)
    if headline_at is None:  # the page prints its headline otherwise than its metadata: its <h1>
        headline_at = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    site_name = meta.site_name or page.domain
    by_month = dating.slash_order(blocks, with_region(meta.locale, page.url), page.url)
    return Choices(
        titles=titles.gather(meta, page.root),
        site=titles.site_words(meta),
        site_name=site_name,
        dates=dating.all_candidates(
            meta.dates,
            dating.date_candidates(page.root, blocks, by_month),
            page.url,
            meta.title,
            by_month,
        ),
        authors=bylines.gather(meta, page.root, blocks, site_name),
        headline_at=headline_at,
        month_first=by_month,
    )


def _kept_blocks(page: PageAnalysis) -> tuple[Matrix, Matrix]:
    p_body = forest("html_body").probabilities(page.features.rows)
    kept = keep_runs(p_body, page.blocks)
    profile = sites.for_domain(page.domain) if page.domain else None
    if profile and profile.body_xpath:
        # The site's profile names the article's element: its blocks are the body.
        named = {el for holder in page.root.xpath(profile.body_xpath) for el in holder.iter()}
        inside = np.array([b.element in named for b in page.blocks], dtype=np.float64)
        if inside.any():
            kept = inside
    return p_body, kept


def parse_html(markup: str, url: str | None = None) -> Extracted:
    page = analyse(markup, url)
    found = Extracted(url=url, extraction="html")
    if page is None:
        return found
    meta, blocks = page.meta, page.blocks
    found.url = page.url
    found.language = meta.lang
    found.site_name = meta.site_name
    links = meta.translations + [
        t for t in _language_links(page.root) if t not in meta.translations
    ]
    found.translations = [t for t in links if t != meta.lang]
    p_body, kept = _kept_blocks(page)
    choices = choices_of(page)

    rows = titles.headline_rows(choices.titles, choices.site, blocks, p_body, kept, page.kind)
    found.headline = titles.choose_headline(choices.titles, rows) or page.headline

    rows = dating.date_rows(choices.dates, choices.headline_at, p_body, kept, page.kind)
    found.posted = dating.choose_posted(choices.dates, rows)
    updated = meta.modified or dating.printed_update(blocks, choices.month_first)
    found.updated = dating.in_publisher_zone(updated, choices.dates) if updated else None

    candidates = choices.authors + bylines.printed_candidates(blocks, kept, choices.site_name)
    rows = bylines.byline_rows(candidates, blocks, p_body, kept, page.kind)
    chosen = bylines.choose_byline(candidates, rows)
    if chosen is not None:
        found.byline = _printed_byline(chosen, candidates)
        body_at = np.flatnonzero(kept)
        near = (int(body_at[0]) - 12, int(body_at[-1]) + 8) if body_at.size else (-1, -1)
        for author in bylines.authors_of(chosen, candidates, near):
            found.add_author(author)
            if author.email:
                found.add_email(author.email)

    paragraphs = _body(blocks, with_structure(kept, blocks), found)
    if meta.article_body:
        # Pages that render the article with scripts still carry it in JSON-LD.
        ld_paragraphs = [p for p in (clean_space(x) for x in meta.article_body.split("\n")) if p]
        if sum(map(len, ld_paragraphs)) > 2 * sum(map(len, paragraphs)):
            paragraphs = ld_paragraphs
            found.extraction = "html:json-ld"
    if not paragraphs:
        paragraphs = (
            _fallback(blocks)
            or _fallback([b for b in _all_blocks(markup) if not bp.is_notice(b.text)], False)
            or ([meta.description] if meta.description else [])
        )
        found.extraction = "html:fallback"
    found.paragraphs = paragraphs
    # (A deck the body model keeps stays in the body too: test sets count it as the text's.)
    found.subheadline = (
        _lead(meta, blocks, kept) or _deck(blocks, choices.headline_at) or meta.description
    )
    found.domain_hints = known_domains_in(" ".join(paragraphs[-2:]))
    return found


def _printed_byline(
    chosen: bylines.AuthorCandidate, candidates: list[bylines.AuthorCandidate]
) -> str | None:
    """The byline as the page prints it: the chosen candidate's text, or for names from
    metadata the printed candidate that names one of them."""
    printed = [c for c in candidates if c.source not in ("ld", "meta")]
    if chosen.source in ("ld", "meta"):
        chosen = next((c for c in printed if set(c.names) & set(chosen.names)), chosen)
        if chosen.source in ("ld", "meta"):
            return None
    return byline_part(chosen.text, chosen.names)


def _body(blocks: list[Block], kept: Matrix, found: Extracted) -> list[str]:
    """The kept blocks' lines, less the headline, and less date lines and bylines at the edges
    (read into the record instead)."""
    head = _norm(found.headline)
    lines = [
        line
        for block, keep in zip(blocks, kept, strict=True)
        if keep and block.tag != "h1"
        for line in block.text.split("\n")
    ]
    paragraphs: list[str] = []
    for i, text in enumerate(lines):
        at_edge = i < 4 or i >= len(lines) - 3
        if i < 4 and _norm(text) == head:
            continue
        if at_edge and len(text) < 160 and date_line(text):
            continue
        if len(text) < 120 and bp.is_furniture(text):
            continue  # "Share", a gallery's counter
        if len(text) < 160 and bp.is_teaser_line(text):
            continue  # "Lesen Sie auch: ...", "Read alsoFive things in the budget"
        if is_markup(text):
            continue
        byline = read_byline(text) if at_edge and len(text) < 120 else None
        if byline and (byline.authors or byline.emails):
            found.byline = found.byline or byline.text
            for email in byline.emails:
                found.add_email(email)
            for author in byline.authors:
                # A printed byline adds an email, a role or a dateline to a name already known.
                if not found.authors or author.name in {a.name for a in found.authors}:
                    found.add_author(author)
            continue
        paragraphs.append(text)
    return paragraphs


def _all_blocks(markup: str) -> list[Block]:
    """Every text block of the page, with only scripts and styles removed (a second parse:
    for pages whose prose the main path's pruning took away with the menus)."""
    root = parse_document(markup)
    if root is None:
        return []
    strip_scripts(root)
    return page_blocks(root)


def _fallback(blocks: list[Block], longest: bool = True) -> list[str]:
    """For a page the model finds no body in: its longest run of prose blocks, else (when
    `longest`) its longest block of ten words or more."""
    best: list[str] = []
    run: list[str] = []
    for block in blocks:
        if is_prose(block.text) and block.link_density < 0.5:
            run.append(block.text)
            if sum(map(len, run)) > sum(map(len, best)):
                best = list(run)
        elif len(block.text) > 40:
            run = []
    if not best and longest:
        # Not a link's text: a page of links (a home page, a section front) holds teasers.
        unlinked = [b for b in blocks if b.link_density < 0.5]
        biggest = max(unlinked, key=lambda b: len(b.text), default=None)
        if biggest is not None and len(biggest.text.split()) >= 10:
            best = [biggest.text]
    return [line for text in best for line in text.split("\n")]


# An element that says it holds the deck under a headline; and one that says it is something
# else with a like name (a section's subtitle, a byline, a caption, a photo's or meta line).
_DECK_CLASS = re.compile(
    r"sub-?head|sub-?title|\bdeck\b|\bdek\b|standfirst|strapline|(?<![\w-])sub(?![\w-])"
    # ... in the languages class names are written in: French, German, Spanish, Italian,
    # Portuguese.
    r"|chapo|chapeau|teaser|vorspann|subtitulo|sumario|entradilla|bajada|sottotitolo"
    r"|linha-?fina"
)
_NOT_DECK_CLASS = re.compile(
    r"section|related|more|meta|byline|author|caption|credit|image|photo|video|media|date|time"
)


def _deck(blocks: list[Block], headline_at: int | None) -> str | None:
    """The deck printed right under the headline, in an element its class names as one: a
    sentence or a phrase of a few words, not a byline, a date line, a caption or a control."""
    if headline_at is None:
        return None
    for block in blocks[headline_at + 1 : headline_at + 4]:
        text = block.text
        holder = block.element.getparent()
        marker = attr_text(block.element) + " " + (attr_text(holder) if holder is not None else "")
        if (
            text_length(text) >= 20  # a Hangul or Han letter counts two
            and len(text.split()) >= 4
            and "\n" not in text
            and block.tag not in ("figcaption", "figure", "caption")
            and _DECK_CLASS.search(marker)
            and not _NOT_DECK_CLASS.search(marker)
            and not (JOB_TITLE.search(text) and len(text.split()) <= 10)  # names, titles
            and may_be_deck(text)
        ):
            return clean_space(text)
    return None


def _lead(meta: PageMeta, blocks: list[Block], kept: Matrix) -> str | None:
    """The standfirst: the page's description, when the page prints it outside the body."""
    if not meta.description or len(meta.description) < 40:
        return None
    desc = _norm(meta.description)
    low, high = len(meta.description) * 0.8, len(meta.description) * 1.3
    for block, keep in zip(blocks, kept, strict=True):
        if not keep and low <= len(block.text) <= high and _norm(block.text).startswith(desc):
            return clean_space(block.text)
    return None


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
