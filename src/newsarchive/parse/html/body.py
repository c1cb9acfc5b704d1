"""The article's text in a page: prune furniture, find the container, read its blocks.

Readability's idea, kept small: paragraphs vote for the elements that hold them, weighted by their
length and punctuation and discounted by their links; the best-voted element is the article, and
its text blocks, in order, are the body. Class and id patterns prune page furniture first, but
never an element that holds most of the page's prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ..bylines import parse_byline
from .dom import HtmlElement, attr_text, clean_space, drop_tree

_ALWAYS_DROP = (
    "script",
    "style",
    "noscript",
    "iframe",
    "svg",
    "canvas",
    "template",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "button",
    "input",
    "select",
    "textarea",
    "label",
    "dialog",
    "figcaption",
    "math",
    "map",
    "option",
    "link",
    "meta",
)
_FURNITURE_TAGS = {"nav", "aside", "footer", "menu"}
# Furniture by class or id. Hard: always dropped (comments, related links: an article wrapper that
# also says "article" or "content" is spared). Strong: dropped unless it holds most of the page's
# prose. Weak: names that article wrappers sometimes carry too ("ad-container", "widget"),
# dropped only when they hold little prose.
_HARD_JUNK = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|related|recommend\w*|outbrain|taboola|newsletters?"
    r"|most-\w+|trending|read-?more|more-stories|also-read|see-also|further-reading|author-?bio"
    r"|bio-?box|share|sharing|social|disqus)(?:$|[\s_-])"
)
_STRONG_JUNK = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|subscribe|subscription|breadcrumbs?|tags?|taglist|sidebar"
    r"|popup|modal|footer|navbar|navigation|menu|masthead|skip|signup|sign-up|login|disclaimer"
    r"|copyright|rating|poll|quiz|article-tools|jump-?link|toc|table-of-contents|pagination|pager"
    r"|sr-only|visually-hidden|screen-reader\w*|print)(?:$|[\s_-])"
)
_WEAK_JUNK = re.compile(
    r"(?:^|[\s_-])(?:promo\w*|advert\w*|ads?|ad-\w+|banner|widget|teasers?|captions?|credits?"
    r"|gallery|overlay|hidden|infobox-ad|tools|utility|breaking-news|ticker|podcast"
    r"|follow|donate|paid|sponsor\w*|partner\w*|alert|notification)(?:$|[\s_-])"
)
# Furniture names that appear inside longer class names too ("inlineimage-imageembedcredit").
_PART_JUNK = re.compile(r"credit|caption|oembed|placeholder|is-hidden|d-none")
_LAYOUT_TOKEN = re.compile(r"grid|layout|wrap|container|__")
_KEEP = re.compile(r"article|body|content|main|story|entry|post|text|column")
# What spares a hard-junk element: its class says it is the article too.
_KEEP_HARD = re.compile(
    r"article|story|articlebody|(?:post|entry|main|page|body)-?(?:content|body|text)"
    r"|(?:content|body|text)-?(?:body|main)|(?:^|[\s_-])(?:main|content|body)(?:$|[\s_-])"
)
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "div",
    "section",
    "article",
    "main",
    "header",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "tbody",
    "figure",
    "center",
    "address",
    "details",
    "summary",
    "form",
    "fieldset",
    "body",
    "br",
    "hr",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PARAGRAPH_TAGS = {"p", "pre", "blockquote", "li", "tr", "dd", "dt"}
_CELL_TAGS = {"td", "th"}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_SENTENCE_END = re.compile(r"[.!?。！？…\"”’»:)]\s*$")


@dataclass
class Block:
    text: str
    tag: str
    link_chars: int
    element: HtmlElement

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def _weight(text: str) -> int:
    """Characters, with a CJK character worth three (it carries a word's worth of meaning)."""
    return len(text) + 2 * len(_CJK.findall(text))


def _hidden(el: HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def strip_code(root: HtmlElement) -> None:
    """Remove the head, scripts, styles, forms' controls and media: nothing there is read."""
    head = root.find("head")
    if head is not None:
        root.remove(head)
    for el in list(root.iter(*_ALWAYS_DROP)):
        if el.getparent() is not None:
            drop_tree(el)


def text_blocks(root: HtmlElement) -> list[Block]:
    body = root.find("body")
    return _blocks(body if body is not None else root)


_NO_CLASS = (False, False, False)
# Only elements with a class, id, style or hiding attribute, or a furniture tag, can be furniture;
# XPath picks them in C, in document order.
_MAY_BE_FURNITURE = etree.XPath(
    ".//*[@class or @id or @style or @hidden or @aria-hidden] | .//nav | .//aside | .//footer"
    " | .//menu"
)
_ANY_JUNK = re.compile(
    "|".join(p.pattern for p in (_HARD_JUNK, _STRONG_JUNK, _WEAK_JUNK, _PART_JUNK))
)


@lru_cache(maxsize=4096)
def _furniture_class(classes: str) -> tuple[bool, bool, bool]:
    """Whether class and id names mark hard, strong or weak furniture (see the patterns)."""
    if not classes.strip() or not _ANY_JUNK.search(classes):
        return _NO_CLASS
    others = _HARD_JUNK.sub(" ", _STRONG_JUNK.sub(" ", _WEAK_JUNK.sub(" ", classes)))
    hard = bool(_HARD_JUNK.search(classes)) and not _KEEP_HARD.search(others)
    # "sidebar-grid__container" names a layout that holds the article, not a sidebar.
    own = " ".join(t for t in classes.split() if not _LAYOUT_TOKEN.search(t))
    rest = _KEEP.search(_STRONG_JUNK.sub(" ", _WEAK_JUNK.sub(" ", own)))
    strong = bool(_STRONG_JUNK.search(own)) and not rest
    weak = (bool(_WEAK_JUNK.search(own)) or bool(_PART_JUNK.search(own))) and not rest
    return hard, strong, weak


def prune(root: HtmlElement, blocks: list[Block]) -> list[Block]:
    """Drop what is never article text: scripts, menus, hidden and furniture-classed elements.

    Furniture (<nav>, <aside>, <footer>, hidden or junk-classed elements) is dropped only when it
    holds little of the page's prose: some sites wrap the whole article in an <aside> or in a
    div whose class says "ad" or "widget".
    """
    body = root.find("body")
    scope = body if body is not None else root
    prose = _prose_by_element(blocks)
    all_prose = prose.get(scope, 0)
    dropped: set[int] = set()
    dirty: dict[int, HtmlElement] = {}  # blocks that lost inline text to the pruning
    for el in _MAY_BE_FURNITURE(scope):
        if el.tag in ("body", "html") or any(id(a) in dropped for a in el.iterancestors()):
            continue
        share = prose.get(el, 0) / all_prose if all_prose else 0.0
        hard, strong, weak = _furniture_class(attr_text(el)) if el.tag != "p" else _NO_CLASS
        if (
            (hard and share < 0.85)
            or (strong and share < 0.6)
            or ((weak or _hidden(el) or el.tag in _FURNITURE_TAGS) and share < 0.3)
        ):
            if el.tag not in _BLOCK_TAGS:
                owner = next((a for a in el.iterancestors() if a.tag in _BLOCK_TAGS), None)
                if owner is not None:
                    dirty[id(owner)] = owner
            dropped.add(id(el))
            drop_tree(el)
    alive = {id(el) for el in scope.iter()}
    kept: list[Block] = []
    redone: set[int] = set()
    for block in blocks:
        key = id(block.element)
        if key not in alive:
            continue
        if key in dirty:
            if key not in redone:  # read the block again without what was dropped from it
                redone.add(key)
                kept.extend(b for b in _blocks(dirty[key]) if b.element is dirty[key])
            continue
        kept.append(block)
    return kept


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _blocks(root: HtmlElement) -> list[Block]:
    """Text blocks in document order: each block-level element's own inline text.

    One pass of lxml's iterwalk (C) rather than a recursive generator: this runs on every page.
    """
    blocks: list[Block] = []
    parts: list[str] = []
    links = 0
    in_link = 0
    owners: list[HtmlElement] = [root]
    tags: list[str] = [root.tag if isinstance(root.tag, str) else "div"]

    def flush() -> None:
        nonlocal parts, links
        if parts:
            raw = "".join(parts)
            if raw.isspace():
                parts, links = [], 0  # indentation between tags: most flushes end here
                return
            if "\n" in raw:
                # One <br> is a soft wrap; two or more separate paragraphs.
                chunks = (clean_space(c) for c in _PARAGRAPH_BREAK.split(raw))
                text = "\n".join(c for c in chunks if c)
            else:
                text = clean_space(raw)
            if text:
                blocks.append(Block(text, tags[-1], links, owners[-1]))
        parts, links = [], 0

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and el.tail:
                parts.append(el.tail)
            continue
        if event == "start":
            if tag in _BLOCK_TAGS:
                flush()
                owners.append(el)
                tags.append(tag)
            if tag == "a":
                in_link += 1
            if el.text:
                parts.append(el.text)
                if in_link:
                    links += len(el.text.strip())
            continue
        if tag in _BLOCK_TAGS:
            flush()
            owners.pop()
            tags.pop()
        elif tag == "br":
            parts.append("\n")
        elif tag == "a":
            in_link -= 1
        elif tag in _CELL_TAGS:
            parts.append(" ")  # a table row reads as one line, its cells apart
        if el.tail and el is not root:
            parts.append(el.tail)
            if in_link:
                links += len(el.tail.strip())
    flush()
    return blocks


def _vote(blocks: list[Block]) -> dict[HtmlElement, float]:
    """Each paragraph votes for its holder (full), the holder's parent (half), grandparent."""
    scores: dict[HtmlElement, float] = {}
    for block in blocks:
        weight = _weight(block.text)
        if weight < 25 or block.tag in _HEADINGS or block.link_density > 0.5:
            continue
        score = 1 + block.text.count(",") + block.text.count("、") + min(weight / 100, 3)
        score *= 1 - block.link_density
        if block.tag == "li":
            score *= 0.5  # lists of teasers look like prose; articles are paragraphs
        if block.tag in _PARAGRAPH_TAGS:
            holder = block.element.getparent()
        else:
            holder = block.element  # text straight in a <div>: the div holds it
            score *= 0.8
        for factor in (1.0, 0.5, 0.25):
            if holder is None:
                break
            scores[holder] = scores.get(holder, 0.0) + score * factor
            holder = holder.getparent()
    return scores


def _contains(ancestor: HtmlElement, el: HtmlElement) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


def _holder(block: Block) -> HtmlElement:
    return block.element.getparent() if block.tag in _PARAGRAPH_TAGS else block.element


def _is_good(block: Block) -> bool:
    weight = _weight(block.text)
    return (
        weight >= 25
        and block.tag not in _HEADINGS
        and block.link_density < 0.5
        and (bool(_SENTENCE_END.search(block.text)) or weight >= 80)
    )


def _prose_by_element(blocks: list[Block]) -> dict[HtmlElement, int]:
    """How much prose (weighted characters of good paragraphs) each element holds."""
    prose: dict[HtmlElement, int] = {}
    for block in blocks:
        if not _is_good(block):
            continue
        weight = _weight(block.text)
        el = _holder(block)
        while el is not None:
            prose[el] = prose.get(el, 0) + weight
            el = el.getparent()
    return prose


def find_container(
    root: HtmlElement, blocks: list[Block], exclude: tuple[HtmlElement, ...] = ()
) -> HtmlElement | None:
    """The element holding the article: the best-voted core, widened while widening adds prose.

    Elements in `exclude` (and what they hold) are passed over: a container that yielded no
    paragraphs once is not chosen again.
    """
    scores = {
        el: v for el, v in _vote(blocks).items() if not any(_contains(x, el) for x in exclude)
    }
    if not scores:
        return None
    core = max(scores, key=lambda el: scores[el])
    good = _prose_by_element(blocks)
    total: dict[HtmlElement, int] = {}
    linked: dict[HtmlElement, int] = {}
    for block in blocks:
        weight = _weight(block.text)
        el = _holder(block)
        while el is not None:
            total[el] = total.get(el, 0) + weight
            if block.link_density > 0.5:  # a link list or a teaser's headline
                linked[el] = linked.get(el, 0) + block.link_chars
            el = el.getparent()
    best = core
    parent = best.getparent()
    while parent is not None and parent.tag not in ("body", "html"):
        added_good = good.get(parent, 0) - good.get(best, 0)
        added_total = total.get(parent, 0) - total.get(best, 0)
        added_links = linked.get(parent, 0) - linked.get(best, 0)
        # Widen over more paragraphs, not over teaser lists (their headlines are links).
        if added_total == 0 or (
            added_good >= 0.6 * added_total and added_links <= 0.25 * added_total
        ):
            best, parent = parent, parent.getparent()
            continue
        break
    return best


def _is_byline(text: str) -> bool:
    byline = parse_byline(text) if len(text) < 120 else None
    return byline is not None and bool(byline.authors or byline.emails)


def _is_furniture_text(text: str) -> bool:
    from .. import boilerplate as bp

    return (
        bp.is_furniture(text) or bp.is_end_marker(text) or bp.is_notice(text) or bp.is_caption(text)
    )


def extract_paragraphs(
    root: HtmlElement, blocks: list[Block], container: HtmlElement | None = None
) -> tuple[list[str], HtmlElement | None]:
    """The body's paragraphs and the element that holds them (blocks: what prune() kept).

    A container a site profile names is read first; the voting decides when it gives nothing.
    """
    if container is not None:
        paragraphs = _read(container, blocks)
        if paragraphs:
            return paragraphs, container
    body = root.find("body")
    scope = body if body is not None else root
    tried: tuple[HtmlElement, ...] = ()
    for _ in range(3):
        container = find_container(scope, blocks, tried)
        if container is None:
            break
        paragraphs = _read(container, blocks)
        if paragraphs:
            return paragraphs, container
        tried += (container,)  # all furniture after all (a cookie notice): try the next best
    return [], None


def _read(container: HtmlElement, blocks: list[Block]) -> list[str]:
    paragraphs: list[str] = []
    for block in blocks:
        if not _contains(container, block.element):
            continue
        text = block.text
        if block.link_density > 0.6 and _weight(text) < 400:
            continue
        if _is_furniture_text(text):
            continue
        if block.tag == "h1":
            continue  # the headline, printed above the body
        if (
            block.tag in _HEADINGS
            or block.tag == "tr"
            or _SENTENCE_END.search(text)
            or _weight(text) >= 30
            or _is_byline(text)  # kept so that the byline can be read, then set apart
        ):
            lines = text.split("\n")
            paragraphs.extend(line for line in lines if not _is_furniture_text(line))
    return paragraphs
